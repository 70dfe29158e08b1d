//! PC012 unread-file: a file in the plan folder that is not read (not `*.toml`): a CSV or
//! workbook saved there, a backup copy, Excel's lock file, a text file.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC012",
    name: "unread-file",
    severity: Severity::Warning,
    summary: (
        "計画フォルダに読み込まれないファイルがあります",
        "a file in the plan folder is not read",
    ),
    docs: Docs {
        what: (
            "計画フォルダ（とその下のフォルダ）にある、拡張子が .toml でないファイルを報告します。CSV や Excel のファイル、.toml.bak などの控え、Excel が作る ~$ で始まる一時ファイル、テキストファイルなどです。名前が「.」で始まるファイルと、Windows が作る Thumbs.db・desktop.ini は報告しません。",
            "Reports every file in the plan folder (or below it) whose name does not end in .toml: CSV files and workbooks, backups such as .toml.bak, Excel's ~$ lock files, text files. Files whose names start with '.' and Windows's Thumbs.db and desktop.ini are left out.",
        ),
        why: (
            "計画フォルダに置いたファイルはすべて検査されると思いがちですが、読み込むのは .toml だけです。Excel で書き出した表やメモ帳が .txt を付けたファイルの内容は、検査されないまま残ります。",
            "Anything in the plan folder looks as if it were checked, but only .toml files are read: a table exported from Excel, or a file Notepad saved with .txt added, is silently left unchecked.",
        ),
        example: (
            "plan/指標一覧.csv\nplan/measures.toml.bak\nplan/~$集計.xlsx",
            "plan/指標一覧.csv\nplan/measures.toml.bak\nplan/~$集計.xlsx",
        ),
        fix: (
            "計画のデータなら TOML に書き写すか拡張子を .toml にし、それ以外は計画フォルダの外に移してください。",
            "Transcribe plan data into TOML (or rename the file to .toml); move anything else out of the plan folder.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[],
        append: "\n#@file 指標一覧.csv\n指標,現状値,目標値\n",
    }),
    pass: Fixture::BASE,
};

/// What the file probably is, and what to do with it.
fn kind(rel: &str) -> (Msg, Msg) {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_lowercase();
    let ext = name.rsplit_once('.').map_or("", |x| x.1);
    let move_out = || {
        msg!(
            "計画フォルダの外に移してください。",
            "move it out of the plan folder"
        )
    };
    if name.starts_with("~$") {
        return (
            msg!(
                "Excel がブックを開いている間に作る一時ファイルです",
                "a lock file Excel keeps while a workbook is open"
            ),
            msg!(
                "Excel を閉じると消えます。閉じても残っているときは削除してください。",
                "it goes away when Excel is closed; if it stays, delete it"
            ),
        );
    }
    if name.ends_with(".toml.txt") {
        return (
            msg!(
                "メモ帳が名前に .txt を付けて保存したファイルです",
                "Notepad added .txt to the file name"
            ),
            msg!(
                "名前の最後を .toml に直してください（エクスプローラーの［表示］で「ファイル名拡張子」をオンにすると直せます）。",
                "rename it to end in .toml (turn on \"File name extensions\" under View in Explorer to see the .txt)"
            ),
        );
    }
    if name.contains(".toml.")
        || name.ends_with('~')
        || ["bak", "old", "orig", "tmp"].contains(&ext)
    {
        return (
            msg!("バックアップ（控え）のファイルです", "a backup copy"),
            msg!(
                "不要なら削除するか計画フォルダの外に移してください。こちらが最新の内容なら、名前の最後を .toml に戻してください。",
                "delete it or move it out of the plan folder; if it holds the latest text, rename it back to .toml"
            ),
        );
    }
    match ext {
        "csv" | "tsv" | "xlsx" | "xlsm" | "xls" | "ods" => (
            msg!("表計算のファイルです", "a spreadsheet file"),
            msg!(
                "計画の内容なら TOML に書き写してください。参考資料なら計画フォルダの外に移してください。",
                "if it holds plan data, transcribe it into TOML; if it is reference material, move it out of the plan folder"
            ),
        ),
        "txt" => (
            msg!("テキストファイルです", "a text file"),
            msg!(
                "計画のデータなら名前の最後を .toml にしてください。メモなら計画フォルダの外に移してください。",
                "if it holds plan data, rename it to end in .toml; if it is a note, move it out of the plan folder"
            ),
        ),
        _ => (
            msg!(
                "読み込むのは名前が .toml で終わるファイルだけです",
                "only files whose names end in .toml are read"
            ),
            move_out(),
        ),
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let root = &cx.plan.root;
    for rel in &cx.plan.unread_files {
        let shown = crate::plan::load::display_path(root, rel);
        let (what, help) = kind(rel);
        let (what_ja, what_en) = (what.ja, what.en);
        out.push(
            Finding::new(
                RULE.code,
                RULE.name,
                RULE.severity,
                crate::finding::Location::Path(shown.clone()),
                msg!(
                    "{shown} は読み込まれません（{what_ja}）",
                    "{shown} is not read ({what_en})"
                ),
            )
            .help(help)
            .subject(rel.clone()),
        );
    }
}

super::fixture_test!(1, "findings", |f| {
    assert_eq!(
        f[0].message.ja,
        "plan/指標一覧.csv は読み込まれません（表計算のファイルです）"
    );
    assert_eq!(
        f[0].message.en,
        "plan/指標一覧.csv is not read (a spreadsheet file)"
    );
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_file_gets_its_own_words() {
        for (rel, words) in [
            (
                "~$集計.xlsx",
                "a lock file Excel keeps while a workbook is open",
            ),
            ("sub/measures.TOML.bak", "a backup copy"),
            ("measures.toml~", "a backup copy"),
            ("p1.toml.txt", "Notepad added .txt to the file name"),
            ("メモ.txt", "a text file"),
            ("指標.XLS", "a spreadsheet file"),
            ("README.md", "only files whose names end in .toml are read"),
        ] {
            assert_eq!(kind(rel).0.en, words, "{rel}");
        }
    }
}
