//! PC406 to-be-settled-note: a to-be-settled ※ note.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::placeholders::Kind;
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC406",
    name: "to-be-settled-note",
    severity: Severity::Info,
    summary: ("今後調整する旨の※注記", "a to-be-settled ※ note"),
    docs: Docs {
        what: (
            "「※紐づく施策の展開方針の調整に合わせて、今後整理します。」のような、今後調整する旨の※注記（スタンプや関連計画の注記）を報告します。",
            "Reports ※ notes saying something will be settled later (stamps and related-plan notes), such as 「※紐づく施策の展開方針の調整に合わせて、今後整理します。」.",
        ),
        why: (
            "調整が済んだら注記を外す必要があります。残っている注記は未完了の作業を示します。",
            "Each note marks unfinished work and must go once it is done.",
        ),
        example: (
            "note = \"※紐づく施策の展開方針の調整に合わせて、今後整理します。\"",
            "note = \"※紐づく施策の展開方針の調整に合わせて、今後整理します。\"",
        ),
        fix: (
            "調整を終えたら注記を削除してください。",
            "Remove the note once the work is done.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]",
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]\nnote = \"※今後整理します。\"",
        )],
        append: "",
    }),
    pass: Fixture {
        replace: &[(
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]",
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]\nmarks = []",
        )],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::Note, |p| {
        let (section, text) = (&p.section, &p.text);
        (
            msg!(
                "調整予定の注記: {text}（{section}）",
                "to-be-settled note: {text} ({section})"
            ),
            msg!("未完了", "unfinished"),
        )
    });
}
