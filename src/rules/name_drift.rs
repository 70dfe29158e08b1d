//! PC207 name-drift: (skeleton, to be written).

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    code: "PC207",
    name: "name-drift",
    severity: Severity::Warning,
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
