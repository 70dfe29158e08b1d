//! PC403 missing-value: an indicator's value or name is empty.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::placeholders::Kind;
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC403",
    name: "missing-value",
    severity: Severity::Info,
    summary: (
        "指標の値や指標名が空欄",
        "an indicator's value or name is empty",
    ),
    docs: Docs {
        what: (
            "指標の現状値・目標値が空欄または「－」「取得なし」「未実施のためなし」の箇所と、指標名のない対応表の行を報告します。",
            "Reports indicator baselines and targets that are empty or marked 「－」, 「取得なし」 or 「未実施のためなし」, and direction-table rows without an indicator.",
        ),
        why: (
            "値のない指標は進捗を測れません。審議会の前に、どの値が未定かを把握する必要があります。",
            "An indicator without values cannot measure progress; the editors need to know which values are still open.",
        ),
        example: (
            "indicator = \"健診受診率\"\nbaseline = \"－\"\ntarget = \"96.5%\"",
            "indicator = \"健診受診率\"\nbaseline = \"－\"\ntarget = \"96.5%\"",
        ),
        fix: (
            "値が決まったら記入してください。意図して空欄にする場合は、その理由を注記してください。",
            "Fill in the value once known; if it stays empty on purpose, add a note saying why.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ("baseline = \"95.2%\"", "baseline = \"取得なし\""),
            ("target = \"0 人\"\n", ""),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[("baseline = \"95.2%\"", "baseline = \"９５.２％\"")],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::MissingValue, |p| {
        let section = format!("{} › {}", p.section, p.subject);
        let (cell_ja, cell_en) = match p.cell {
            Some(crate::analysis::placeholders::Cell::Indicator) => ("指標名", "indicator"),
            Some(crate::analysis::placeholders::Cell::Baseline) => ("現状値", "baseline"),
            Some(crate::analysis::placeholders::Cell::Target) => ("目標値", "target"),
            None => ("値", "value"),
        };
        if p.text.is_empty() {
            (
                msg!(
                    "{cell_ja}が空欄: {section}",
                    "{cell_en} is empty: {section}"
                ),
                msg!("{cell_ja}なし", "no {cell_en}"),
            )
        } else {
            let text = &p.text;
            (
                msg!(
                    "値が「{text}」: {section}",
                    "value given as 「{text}」: {section}"
                ),
                msg!("値なし", "no value"),
            )
        }
    });
}
