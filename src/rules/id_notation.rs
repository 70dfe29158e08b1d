//! PC501 id-notation: an id printed in another form than the catalogue's (digit width,
//! spacing), although it still names the same direction or measure.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::Text;
use crate::plan::normalize;
use crate::plan::source::FileId;

pub const RULE: Rule = Rule {
    code: "PC501",
    name: "id-notation",
    severity: Severity::Warning,
    summary: (
        "ID の書き方（数字の全角・半角、空白）が施策の一覧と違います",
        "an id printed in another form (digit width, spacing) than the catalogue's",
    ),
    docs: Docs {
        what: (
            "対応表の行が引用する施策の展開方針の ID（末尾の「関係」を除く）と、ＳＤＧｓローカル指標の表・重点施策との対応の施策番号を、施策の一覧に宣言された書き方と比べます。同じ ID を指していても、数字の全角・半角、記号の全角・半角、空白の有無が違えば報告します。ID としての対応は失われていません（書き方だけの問題です）。",
            "Compares every policy direction id printed in a direction-table row (without a trailing 「関係」) and every measure id printed in the SDGs table and the matrix with the form declared in the catalogue. Where it names the same id but differs in digit width, the width of other characters or spacing, it is reported. The id still resolves: this is a matter of style.",
        ),
        why: (
            "「1-6 方針 1」と「1-6 方針１」が混じると、印刷物の体裁がそろわず、ID で検索・照合するときにも見落としが出ます。",
            "Mixing 「1-6 方針 1」 and 「1-6 方針１」 makes the printed tables inconsistent and lets searches and cross-checks by id miss rows.",
        ),
        example: (
            "[[project.direction.table.row]]\ndirection = \"1-6 方針 1\"   # 施策の一覧では「1-6 方針１」",
            "[[project.direction.table.row]]\ndirection = \"1-6 方針 1\"   # declared as 「1-6 方針１」",
        ),
        fix: (
            "施策の一覧（measures.toml）と同じ書き方に直してください。",
            "Print the id exactly as declared in the catalogue (measures.toml).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ("direction = \"1-1 方針２\"", "direction = \"1-1 方針 2\""),
            (
                "direction = \"2-1 方針１\"",
                "direction = \"2-1 方針1関係\"",
            ),
            (
                "measure = \"2-1\"\nname = \"防犯の推進\"\nindicators",
                "measure = \"２-１\"\nname = \"防犯の推進\"\nindicators",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            (
                "direction = \"1-1 方針２\"",
                "direction = \"1-1 方針２関係\"",
            ),
            (
                "direction = \"2-1 方針１\"",
                "direction = \"2-1 方針１ 関係\"",
            ),
            (
                "measure = \"2-1\"\nname = \"防犯の推進\"\nindicators",
                "measure = \" 2-1\"\nname = \"防犯の推進\"\nindicators",
            ),
        ],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for c in &ix.citations {
        let Some(r) = c.reference() else { continue };
        // Undeclared directions are PC102's finding.
        let Some(declared) = ix.directions.get(&r.id(cx.vocabulary())) else {
            continue;
        };
        let printed = c.row.direction.get_ref().trim();
        // the suffix of a row that is an initiative related to the direction
        let marker = cx.vocabulary().related_marker.get_ref().as_str();
        let direction = cx.vocabulary().sections.direction.get_ref();
        let base = match printed.strip_suffix(marker) {
            Some(b) if r.related => b.trim_end(),
            _ => printed,
        };
        let form = declared.decl.id.get_ref().trim();
        if base == form {
            continue;
        }
        let (diff_ja, diff_en) = differences(base, form);
        let suggested = if r.related {
            format!("{form}{marker}")
        } else {
            form.to_string()
        };
        out.push(
            RULE.finding(
                c.file,
                c.row.direction.span(),
                msg!(
                    "{direction}の ID「{base}」の書き方が、施策の一覧の「{form}」と違います（{diff_ja}）",
                    "direction id 「{base}」 is printed differently from the catalogue's 「{form}」 ({diff_en})"
                ),
            )
            .label(msg!(
                "「{form}」と同じ ID（書き方だけの違い）",
                "same id as 「{form}」, only written differently"
            ))
            .help(msg!(
                "「{suggested}」と書いてください。",
                "write 「{suggested}」"
            ))
            .subject(r.id(cx.vocabulary()))
            .related(
                Finding::at(declared.measure.file, declared.decl.id.span()),
                msg!("宣言された書き方", "the declared form"),
            )
            .fix(cx.string_fix(c.file, c.row.direction.span(), &suggested)),
        );
    }
    if let Some(sd) = &cx.plan.sdgs {
        for row in &sd.row {
            measure_id(cx, out, sd.file, &row.measure);
        }
    }
    if let Some(mx) = &cx.plan.matrix {
        for row in &mx.row {
            measure_id(cx, out, row.file, &row.measure);
        }
        for m in &mx.mark {
            measure_id(cx, out, m.file, &m.measure);
        }
    }
}

fn measure_id(cx: &Context, out: &mut Vec<Finding>, file: FileId, printed: &Text) {
    let k = normalize::key(printed.get_ref());
    // Unknown measures are PC101's finding.
    let Some(m) = cx.index.measures.get(&k) else {
        return;
    };
    let (shown, form) = (printed.get_ref().trim(), m.id.get_ref().trim());
    if shown == form {
        return;
    }
    let (diff_ja, diff_en) = differences(shown, form);
    out.push(
        RULE.finding(
            file,
            printed.span(),
            msg!(
                "施策番号「{shown}」の書き方が、施策の一覧の「{form}」と違います（{diff_ja}）",
                "measure id 「{shown}」 is printed differently from the catalogue's 「{form}」 ({diff_en})"
            ),
        )
        .label(msg!(
            "「{form}」と同じ ID（書き方だけの違い）",
            "same id as 「{form}」, only written differently"
        ))
        .help(msg!("「{form}」と書いてください。", "write 「{form}」"))
        .subject(k)
        .related(
            Finding::at(m.file, m.id.span()),
            msg!("宣言された書き方", "the declared form"),
        )
        .fix(cx.string_fix(file, printed.span(), form)),
    );
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// What differs between two printings of the same id, in words: digit width (which way),
/// the width of other characters, spacing.
fn differences(printed: &str, declared: &str) -> (String, String) {
    let mut ja: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let digits = |s: &str| s.chars().filter(|&c| is_digit(c)).collect::<Vec<char>>();
    let (pd, dd) = (digits(printed), digits(declared));
    // The digits that differ, position by position (both printings have the same digits
    // once normalised, so only their width can differ).
    let (mut pw, mut dw) = (String::new(), String::new());
    for (p, d) in pd.iter().zip(&dd) {
        if p != d {
            pw.push(*p);
            dw.push(*d);
        }
    }
    if pd.len() != dd.len() || !pw.is_empty() {
        let half = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let word = if pw.chars().count() > 1 {
            "digits"
        } else {
            "digit"
        };
        let full = |s: &str| s.chars().all(|c| !c.is_ascii_digit());
        if !pw.is_empty() && half(&pw) && full(&dw) {
            ja.push(format!("数字「{pw}」が半角で一覧は全角「{dw}」"));
            en.push(format!(
                "half-width {word} 「{pw}」 where the catalogue has full-width 「{dw}」"
            ));
        } else if !pw.is_empty() && full(&pw) && half(&dw) {
            ja.push(format!("数字「{pw}」が全角で一覧は半角「{dw}」"));
            en.push(format!(
                "full-width {word} 「{pw}」 where the catalogue has half-width 「{dw}」"
            ));
        } else {
            let (pa, da): (String, String) = (pd.iter().collect(), dd.iter().collect());
            ja.push(format!("数字の全角・半角が「{pa}」で一覧は「{da}」"));
            en.push(format!(
                "digit width: 「{pa}」 where the catalogue has 「{da}」"
            ));
        }
    }
    let others = |s: &str| {
        s.chars()
            .filter(|&c| !is_digit(c) && !c.is_whitespace())
            .collect::<String>()
    };
    if others(printed) != others(declared) {
        // name the look-alikes (a full-width hyphen-minus for `-`, …)
        let named: Vec<_> = crate::plan::load::chars::named_in(&others(printed))
            .into_iter()
            .filter(|n| !declared.contains(n.c))
            .collect();
        if named.is_empty() {
            ja.push("記号・文字の全角・半角の違い".to_string());
            en.push("width of other characters".to_string());
        } else {
            let n = crate::plan::load::chars::describe_all(&named);
            ja.push(format!("{} の使用", n.ja));
            en.push(format!("{} used", n.en));
        }
    }
    let spaces = |s: &str| s.chars().filter(|c| c.is_whitespace()).count();
    let (ps, ds) = (spaces(printed), spaces(declared));
    if ps > ds {
        ja.push("余分な空白".to_string());
        en.push("an extra space".to_string());
    } else if ps < ds {
        ja.push("空白の不足".to_string());
        en.push("a missing space".to_string());
    } else if spacing(printed) != spacing(declared) {
        ja.push("空白の位置・種類の違い".to_string());
        en.push("spacing".to_string());
    }
    if ja.is_empty() {
        // Same characters in another normal form (e.g. a composed character).
        ja.push("文字の表記の違い".to_string());
        en.push("character forms".to_string());
    }
    (ja.join("、"), en.join(", "))
}

/// Where the white space stands: each run with the number of non-space characters before it.
fn spacing(s: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut seen = 0;
    let mut run = String::new();
    for c in s.chars() {
        if c.is_whitespace() {
            run.push(c);
        } else {
            if !run.is_empty() {
                out.push((seen, std::mem::take(&mut run)));
            }
            seen += 1;
        }
    }
    if !run.is_empty() {
        out.push((seen, run));
    }
    out
}

super::fixture_test!(
    ["1-1 方針2", "2-1 方針1", "2-1"],
    "two direction ids and a measure id",
    |f| {
        assert!(f[0].message.en.contains(
            "half-width digit 「2」 where the catalogue has full-width 「２」, an extra space"
        ));
        assert_eq!(
            f[1].help.as_ref().map(|h| h.en.as_str()),
            Some("write 「2-1 方針１関係」")
        );
        // The fix writes the same form as the help, as the whole string.
        let replacement = |i: usize| {
            let fix = f[i].fix.as_ref().expect("a fix");
            assert_eq!(fix.edits.len(), 1);
            fix.edits[0].replacement.clone()
        };
        assert_eq!(replacement(0), "\"1-1 方針２\"");
        assert_eq!(replacement(1), "\"2-1 方針１関係\"");
        assert_eq!(replacement(2), "\"2-1\"");
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Fixture, testing};

    /// The English message of this rule's one finding on the base plan with these edits.
    fn one_message(replace: &'static [(&'static str, &'static str)]) -> String {
        let (_, found) = testing::findings_of(&RULE, &Fixture::replacing(replace));
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].message.en.clone()
    }

    #[test]
    fn a_circled_number_is_a_digit_the_row_lacks() {
        // 「①」 reads 1 once normalised, but is no digit: the digits differ in number, not in
        // width, so no width is named.
        assert_eq!(
            one_message(&[(
                "direction = \"1-1 方針１\"\ntitle = \"切れ目ない支援\"",
                "direction = \"1-1 方針①\"\ntitle = \"切れ目ない支援\"",
            )]),
            "direction id 「1-1 方針①」 is printed differently from the catalogue's 「1-1 方針１」 (digit width: 「11」 where the catalogue has 「11１」, width of other characters)"
        );
    }

    #[test]
    fn a_circled_eleven_is_not_a_spacing_difference() {
        // 「⑪」 reads 11 once normalised: one character for two, but no space differs.
        let (_, found) = testing::findings_of(
            &RULE,
            &Fixture::replacing(&[(
                "measure = \"1-1\"\nname = \"子育て環境の充実\"\nindicators",
                "measure = \"1-⑪\"\nname = \"子育て環境の充実\"\nindicators",
            )])
            .then_append(
                "\n[[measure]]\nid = \"1-11\"\npolicy = \"1\"\nname = \"子育て環境の充実\"\n",
            ),
        );
        let messages: Vec<&str> = found.iter().map(|f| f.message.en.as_str()).collect();
        assert_eq!(
            messages,
            [
                "measure id 「1-⑪」 is printed differently from the catalogue's 「1-11」 (digit width: 「1」 where the catalogue has 「111」, width of other characters)"
            ]
        );
    }

    #[test]
    fn spaces_as_many_but_elsewhere_are_spacing() {
        // Two spaces each, the first at the same place, the second elsewhere.
        assert_eq!(
            one_message(&[
                (
                    "id = \"1-1 方針１\"\ntitle = \"切れ目ない支援\"",
                    "id = \"1-1 方針 １\"\ntitle = \"切れ目ない支援\"",
                ),
                (
                    "direction = \"1-1 方針１\"\ntitle = \"切れ目ない支援\"",
                    "direction = \"1-1 方 針１\"\ntitle = \"切れ目ない支援\"",
                ),
            ]),
            "direction id 「1-1 方 針１」 is printed differently from the catalogue's 「1-1 方針 １」 (spacing)"
        );
    }

    #[test]
    fn differences_are_named() {
        // (printed, catalogue, Japanese description or "" when not checked, English description)
        let cases = [
            (
                "1-6 方針 1",
                "1-6 方針１",
                "数字「1」が半角で一覧は全角「１」、余分な空白",
                "half-width digit 「1」 where the catalogue has full-width 「１」, an extra space",
            ),
            ("1-6方針１", "1-6 方針１", "", "a missing space"),
            ("1-6方針 １", "1-6 方針１", "", "spacing"),
            (
                "1－6 方針１",
                "1-6 方針１",
                "全角ハイフンマイナス「－」(U+FF0D) の使用",
                "full-width hyphen-minus '－' (U+FF0D) used",
            ),
            ("1-6 方針１", "1－6 方針１", "", "width of other characters"),
            (
                "１-6 方針1",
                "1-6 方針１",
                "",
                "digit width: 「１61」 where the catalogue has 「16１」",
            ),
            (
                "２-１",
                "2-1",
                "",
                "full-width digits 「２１」 where the catalogue has half-width 「21」",
            ),
        ];
        for (printed, catalogue, ja, en) in cases {
            let (got_ja, got_en) = differences(printed, catalogue);
            assert_eq!(got_en, en, "{printed} vs {catalogue}");
            if !ja.is_empty() {
                assert_eq!(got_ja, ja, "{printed} vs {catalogue}");
            }
        }
    }
}
