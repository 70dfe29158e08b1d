//! PC402 page-ref-missing: page reference not filled in.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::placeholders::Kind;
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC402",
    name: "page-ref-missing",
    severity: Severity::Info,
    summary: ("参考ページが未記入", "page reference not filled in"),
    docs: Docs {
        what: (
            "対応表の参考ページが「Ｐ.○」のままの行と、参考ページのない行を報告します。",
            "Reports direction-table rows whose page reference is still 「Ｐ.○」 and rows with no page reference at all.",
        ),
        why: (
            "施策ページの完成後に、すべての参考ページを埋める必要があります。",
            "Every page reference must be filled in once the measure pages are final.",
        ),
        example: ("page = \"Ｐ.○\"", "page = \"Ｐ.○\""),
        fix: (
            "施策ページの番号を記入してください（例: Ｐ.４２）。",
            "Fill in the measure page's number (e.g. Ｐ.４２).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ("page = \"P.10\"", "page = \"Ｐ.○\""),
            ("page = \"P.11\"\n", ""),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[("page = \"P.10\"", "page = \"Ｐ.１０\"")],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::PageRef, |p| {
        let section = format!("{} › {}", p.section, p.subject);
        if p.text.is_empty() {
            (
                msg!(
                    "参考ページがありません: {section}",
                    "no page reference: {section}"
                ),
                msg!("参考ページの欄が空", "page reference cell is empty"),
            )
        } else {
            let printed = &p.text;
            (
                msg!(
                    "参考ページが未記入（{printed}）: {section}",
                    "page reference not filled in ({printed}): {section}"
                ),
                msg!("ページ番号が未定", "page number not yet known"),
            )
        }
    });
}
