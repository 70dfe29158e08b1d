//! PC401 tbd: every 「調整中」 in the plan.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::placeholders::Kind;
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC401",
    name: "tbd",
    severity: Severity::Info,
    summary: (
        "「調整中」の箇所",
        "a 「調整中」 (being adjusted) placeholder",
    ),
    docs: Docs {
        what: (
            "「調整中」のスタンプや値を、それが置かれた節とともにすべて報告します。",
            "Reports every 「調整中」 stamp or value, with the section it stands in.",
        ),
        why: (
            "審議会の前に、まだ決まっていない値・表・図をすべて把握する必要があります。",
            "Before each council meeting the editors must know every value, table and figure still being adjusted.",
        ),
        example: ("marks = [\"調整中\"]", "marks = [\"調整中\"]"),
        fix: (
            "内容が確定したら、値や表を書き入れて「調整中」を取り除いてください。",
            "Once settled, fill in the value or table and remove the 「調整中」.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[("target = \"96.5%\"", "target = \"調整中\"")],
        append: "",
    }),
    pass: Fixture {
        replace: &[("target = \"96.5%\"", "target = \"97.0%\"")],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::Tbd, |p| {
        let (section, word) = (&p.section, &p.text);
        (
            msg!("{word}: {section}", "being adjusted ({word}): {section}"),
            msg!("{word}", "{word}"),
        )
    });
}
