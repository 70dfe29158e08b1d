//! Load errors: reported by the loader (exit code 2), documented here like every rule.

use super::{Docs, Fixture, Rule};
use crate::finding::Severity;
use crate::plan::load::codes;

macro_rules! load_rule {
    ($id:ident, $code:expr, $summary:expr, $what:expr, $why:expr, $example:expr, $fix:expr, $fail:expr) => {
        pub const $id: Rule = Rule {
            code: $code.code,
            name: $code.name,
            severity: Severity::Error,
            summary: $summary,
            docs: Docs {
                what: $what,
                why: $why,
                example: $example,
                fix: $fix,
            },
            check: None,
            fail: $fail,
            pass: Fixture::BASE,
        };
    };
}

const WHY_LOAD: (&str, &str) = (
    "計画を読み込めないと、どの検査も行えません。",
    "Nothing can be checked until the plan loads.",
);

load_rule!(
    IO,
    codes::IO,
    (
        "計画フォルダまたはファイルを読めません",
        "the plan folder or a file cannot be read"
    ),
    (
        "計画フォルダが存在しない・フォルダでない・読めない、ファイルを読めない、大きすぎる、リンク先がフォルダ外にある場合に報告します。",
        "Reports a plan folder that is missing, not a folder or unreadable, a file that cannot be read or is too large, and links leading outside the folder."
    ),
    WHY_LOAD,
    (
        "plancheck check plans/typo-folder",
        "plancheck check plans/typo-folder"
    ),
    (
        "フォルダ名と権限を確かめてください。",
        "Check the folder name and permissions."
    ),
    None
);

load_rule!(
    EMPTY,
    codes::EMPTY,
    (
        "計画フォルダに TOML ファイルがありません",
        "the plan folder has no TOML files"
    ),
    (
        "計画フォルダ（とその下のフォルダ）に *.toml が 1 つもない場合に報告します。",
        "Reports a plan folder with no *.toml file in it or below it."
    ),
    WHY_LOAD,
    (
        "plancheck check empty-folder/",
        "plancheck check empty-folder/"
    ),
    (
        "計画の TOML ファイルがあるフォルダを指定してください。",
        "Point plancheck at the folder holding the plan's TOML files."
    ),
    None
);

load_rule!(
    ENCODING,
    codes::ENCODING,
    ("ファイルが UTF-8 ではありません", "a file is not UTF-8"),
    (
        "UTF-8 として読めないファイルを報告します。UTF-16（メモ帳の「Unicode」、BOM の有無を問わず）で保存されたファイルはそう名指しし、それ以外は Shift_JIS の可能性として読めない最初のバイトの位置を示します（BOM 付きの UTF-8 と Windows 形式の改行は受け付けます）。",
        "Reports a file that is not UTF-8. A file saved as UTF-16 (Notepad's \"Unicode\", with or without a byte order mark) is named as such; otherwise the first byte that is not UTF-8 is shown, as probable Shift_JIS. UTF-8 with a BOM and CRLF line ends are accepted."
    ),
    (
        "日本語版 Windows のエディタは Shift_JIS や UTF-16 で保存することがあり、そのままでは文字化けします。",
        "Editors on Japanese Windows may save as Shift_JIS or UTF-16, which would turn the text into mojibake."
    ),
    (
        "measures.toml を Shift_JIS で保存、またはメモ帳で「Unicode」（UTF-16）として保存",
        "measures.toml saved as Shift_JIS, or by Notepad as \"Unicode\" (UTF-16)"
    ),
    (
        "エディタで文字コードを UTF-8 にして保存し直してください（メモ帳なら［名前を付けて保存］の［エンコード］で選びます）。",
        "Save the file again with the UTF-8 encoding (in Notepad: Save As, Encoding)."
    ),
    None
);

load_rule!(
    SYNTAX,
    codes::SYNTAX,
    ("TOML の構文誤り", "invalid TOML syntax"),
    (
        "TOML として読めない箇所をすべて報告します。日本語入力のまま打った全角スペース（U+3000）、全角の等号「＝」、“ ” ‘ ’ ＂ ＇ の引用符、表の見出しの ［ ］ 【 】 は、文字とその名前を示して報告します。",
        "Reports every place that is not valid TOML. Characters typed with the Japanese input method on — a full-width space (U+3000), the full-width equals sign '＝', the quotes “ ” ‘ ’ ＂ ＇, the brackets ［ ］ 【 】 in a table header — are named, with their code points."
    ),
    WHY_LOAD,
    (
        "name ＝ “少子高齢化対策プロジェクト”\n［［project］］",
        "name ＝ “少子高齢化対策プロジェクト”\n［［project］］"
    ),
    (
        "閉じ引用符や括弧を補い、全角の記号は半角に直してください。",
        "Close the quote or bracket; type full-width punctuation again in half-width."
    ),
    Some(Fixture {
        replace: &[("name = \"子育て政策\"", "name = \"子育て政策")],
        append: ""
    })
);

load_rule!(
    UNKNOWN_KEY,
    codes::UNKNOWN_KEY,
    ("未知のキー", "unknown key"),
    (
        "形式にないキーを、それがある表（[[project.direction.table.row]] など）とともに報告し、近いキーがあれば候補を示します。1 つの記録に未知のキーがいくつあっても、すべて報告します。",
        "Reports a key the format does not have, naming the table it is in (such as [[project.direction.table.row]]) and suggesting the nearest known key. Every unknown key of a record is reported, not only the first."
    ),
    (
        "書き間違えたキーの値は黙って無視されるのではなく、必ず気付けるようにします。",
        "A misspelt key would otherwise be ignored silently, and its value lost."
    ),
    (
        "[[measure]]\nnmae = \"子どもを産み育てる環境づくりの推進\"",
        "[[measure]]\nnmae = \"子どもを産み育てる環境づくりの推進\""
    ),
    (
        "候補のキー名に直してください。",
        "Rename the key to the suggested one."
    ),
    Some(Fixture {
        replace: &[(
            "name = \"防犯の推進\"\n\n[[measure.direction]]",
            "nmae = \"防犯の推進\"\n\n[[measure.direction]]"
        )],
        append: ""
    })
);

load_rule!(
    INVALID,
    codes::INVALID,
    (
        "値の型が違うか、必須の値がありません",
        "wrong type or missing required value"
    ),
    (
        "型が違う値（文字列の代わりに数値など）や、必須のキーがない記録を、その表とキーの名前とともに報告します。",
        "Reports a value of the wrong type (a number where text is expected, …) or a record missing a required key, naming the table and the key."
    ),
    WHY_LOAD,
    ("[[policy]]\nid = 1", "[[policy]]\nid = 1"),
    (
        "docs/plan-format.md の形式に合わせてください。",
        "Follow the format in docs/plan-format.md."
    ),
    Some(Fixture {
        replace: &[("id = \"1\"", "id = 1")],
        append: ""
    })
);

load_rule!(
    DUPLICATE_ID,
    codes::DUPLICATE_ID,
    ("ID の重複", "duplicate id"),
    (
        "政策・施策・施策の展開方針・プロジェクトの ID（全角半角・空白を無視して比較）やプロジェクト番号の重複を報告します。",
        "Reports policies, measures, policy directions or projects whose ids collide after width and spacing are normalised, and repeated project numbers."
    ),
    (
        "同じ ID が 2 つあると、参照がどちらを指すか決まりません。",
        "With two records under one id, references to it are ambiguous."
    ),
    (
        "[[measure]]\nid = \"1-1\"\n…\n[[measure]]\nid = \"１-１\"",
        "[[measure]]\nid = \"1-1\"\n…\n[[measure]]\nid = \"１-１\""
    ),
    (
        "片方の ID を直すか、記録をまとめてください。",
        "Renumber one record or merge the two."
    ),
    Some(Fixture {
        replace: &[],
        append: "\n[[measure]]\nid = \"１-１\"\nname = \"重複\"\n"
    })
);

load_rule!(
    DUPLICATE_SECTION,
    codes::DUPLICATE_SECTION,
    (
        "一つだけのはずの節が 2 回あります",
        "a single section defined twice"
    ),
    (
        "[plan]、[summary]、[sdgs]、[matrix]、[overview] が複数のファイル（または 1 つのファイル）に 2 回以上ある場合に報告します。",
        "Reports [plan], [summary], [sdgs], [matrix] or [overview] defined more than once across the folder."
    ),
    (
        "どちらが正しい版か決まりません。",
        "It is unclear which copy is the real one."
    ),
    (
        "summary.toml と summary-old.toml の両方に [summary] がある",
        "summary.toml and summary-old.toml both define [summary]"
    ),
    (
        "古い方を削除するか、1 つにまとめてください。",
        "Delete the stale copy or merge the two."
    ),
    Some(Fixture {
        replace: &[],
        append: "\n#@file z.toml\n[overview]\nvision = \"二つ目\"\n"
    })
);

load_rule!(
    NO_DATA,
    codes::NO_DATA,
    (
        "TOML ファイルに計画のデータがありません",
        "the TOML files hold no plan data"
    ),
    (
        "計画フォルダに TOML ファイルはあるものの、どれにも表（[plan]、[[policy]] など）がなく、コメントや設定（plancheck.toml）だけの場合に報告します。",
        "Reports a plan folder whose TOML files hold no table at all ([plan], [[policy]], …): only comments, or only the settings in plancheck.toml."
    ),
    (
        "データがなければ検査することがなく、何も検査しないまま「問題なし」と見えてしまいます。",
        "With no data there is nothing to check, and an empty plan would otherwise pass as if it had been checked."
    ),
    (
        "# 計画はこれから書きます\n# [[policy]]\n# id = \"1\"",
        "# 計画はこれから書きます\n# [[policy]]\n# id = \"1\""
    ),
    (
        "計画の表を書くか、データのあるフォルダを指定してください。",
        "Write the plan's tables, or point plancheck at the folder that holds them."
    ),
    Some(Fixture {
        replace: &[(
            super::BASE,
            "# 計画はこれから書きます\n# [[policy]]\n# id = \"1\"\n"
        )],
        append: ""
    })
);

load_rule!(
    LOOK_ALIKE_DASH,
    codes::LOOK_ALIKE_DASH,
    (
        "ID の数字の間にハイフンに似た別の文字があります",
        "a hyphen look-alike between the digits of an id"
    ),
    (
        "政策番号・施策番号・施策の展開方針の ID（対応表の行、ＳＤＧｓローカル指標の表、重点施策との対応の施策番号を含む）で、数字の間に長音記号「ー」、マイナス記号「−」、ハイフン「‐」、エヌダッシュ「–」、エムダッシュ「—」、水平線「―」、半角の長音記号「ｰ」がある場合に、その文字の名前と Unicode の番号を示して報告します。全角ハイフンマイナス「－」は「-」と同じ ID として照合できるため、ここでは報告しません（書き方の違いは PC501 が報告します）。",
        "Reports a long vowel mark 'ー', minus sign '−', hyphen '‐', en dash '–', em dash '—', horizontal bar '―' or half-width long vowel mark 'ｰ' between the digits of a policy, measure or direction id (including those printed in direction-table rows, the SDGs table and the matrix), naming the character and its code point. The full-width hyphen-minus '－' still matches '-', so it is not reported here (PC501 reports the different form)."
    ),
    (
        "「1ー1」と「1-1」は見た目が似ていても別の文字列なので、同じ ID として照合されず、その ID を引用するすべての箇所が不明な参照になります。読み込みの段階で、その文字を名指しして 1 回だけ報告します。",
        "「1ー1」 and 「1-1」 look alike but are different text: the id matches nothing, and every reference to it would look broken. Named once, at the character, while loading."
    ),
    (
        "[[project.direction.table.row]]\ndirection = \"1ー1 方針１\"   # ハイフンではなく長音記号",
        "[[project.direction.table.row]]\ndirection = \"1ー1 方針１\"   # long vowel mark, not a hyphen"
    ),
    (
        "半角のハイフン「-」に直してください。",
        "Type the half-width hyphen '-' instead."
    ),
    Some(Fixture {
        replace: &[("direction = \"1-1 方針１\"", "direction = \"1ー1 方針１\"")],
        append: ""
    })
);
