//! PC405 figure-placeholder: a reserved graph/photo box.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::placeholders::Kind;
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC405",
    name: "figure-placeholder",
    severity: Severity::Info,
    summary: (
        "グラフ・写真の枠が空いています",
        "a reserved graph/photo box",
    ),
    docs: Docs {
        what: (
            "「関連するグラフ、写真等」の枠を報告します。",
            "Reports every 「関連するグラフ、写真等」 box reserved for a graph or photo.",
        ),
        why: (
            "枠だけのまま印刷されないよう、図や写真が入るまで追跡します。",
            "The box must be filled before the plan is printed.",
        ),
        example: (
            "marks = [\"関連するグラフ、写真等\"]",
            "marks = [\"関連するグラフ、写真等\"]",
        ),
        fix: (
            "グラフや写真を入れて、枠の記録を削除してください。",
            "Insert the graph or photo and remove the box.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "initiatives = \"子育て支援の充実 など\"",
            "initiatives = \"子育て支援の充実 など\"\nmarks = [\"関連するグラフ、写真等\"]",
        )],
        append: "",
    }),
    pass: Fixture {
        replace: &[(
            "initiatives = \"子育て支援の充実 など\"",
            "initiatives = \"関連するグラフを掲載します など\"",
        )],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::Figure, |p| {
        let section = &p.section;
        (
            msg!(
                "グラフ・写真の枠: {section}",
                "graph/photo box to fill: {section}"
            ),
            msg!("未挿入", "not yet inserted"),
        )
    });
}
