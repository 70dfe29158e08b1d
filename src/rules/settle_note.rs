//! PC406 to-be-settled-note: (skeleton, to be written).

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    code: "PC406",
    name: "to-be-settled-note",
    severity: Severity::Info,
    summary: ("", ""),
    docs: Docs {
        what: ("", ""),
        why: ("", ""),
        example: "",
        fix: ("", ""),
    },
    check: Some(check),
    fail: Fixture::BASE,
    pass: Fixture::BASE,
};

fn check(_cx: &Context, _out: &mut Vec<Finding>) {}
