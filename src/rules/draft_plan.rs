//! PC404 draft-plan: a related plan is still a draft （案）.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::placeholders::Kind;
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC404",
    name: "draft-plan",
    severity: Severity::Info,
    summary: (
        "関連計画が（案）のまま",
        "a related plan is still a draft （案）",
    ),
    docs: Docs {
        what: (
            "関連計画の名称に「（案）」が付いているものを報告します。",
            "Reports related plans whose name still carries 「（案）」.",
        ),
        why: (
            "関連計画が策定されたら（案）を外す必要があります。策定状況を一覧で確かめられます。",
            "Once a related plan is adopted the （案） must go; the list shows which plans are still drafts.",
        ),
        example: (
            "plans = [\"地域防災計画（案）\"]",
            "plans = [\"地域防災計画（案）\"]",
        ),
        fix: (
            "関連計画が策定済みなら「（案）」を削除してください。",
            "Remove 「（案）」 once the related plan is adopted.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[("\"地域防災計画\"", "\"地域防災計画（案）\"")],
        append: "",
    }),
    pass: Fixture {
        replace: &[("\"地域防災計画\"", "\"地域防災計画（案内編）\"")],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::DraftPlan, |p| {
        let (section, text) = (&p.section, &p.text);
        let mark =
            crate::plan::vocabulary::Vocabulary::first(&cx.vocabulary().placeholders.draft_plan);
        (
            msg!(
                "関連計画が{mark}のまま: {text}（{section}）",
                "related plan still a draft: {text} ({section})"
            ),
            msg!("{mark}", "draft"),
        )
    });
}
