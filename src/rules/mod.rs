//! The rule catalogue. Each rule lives in its own file and is listed once in [`REGISTRY`].

use crate::config::{Config, Level};
use crate::finding::{Finding, Severity};
use crate::index::Index;
use crate::model::Plan;

/// Documentation of a rule, in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Docs {
    pub what: (&'static str, &'static str),
    pub why: (&'static str, &'static str),
    pub example: &'static str,
    pub fix: (&'static str, &'static str),
}

/// Everything a rule needs: the model, its index and the configuration.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub index: &'a Index<'a>,
    pub config: &'a Config,
}

/// A rule of the catalogue. Load rules (`check` is `None`) are reported by the loader.
#[derive(Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: (&'static str, &'static str),
    pub docs: Docs,
    pub check: Option<fn(&Context, &mut Vec<Finding>)>,
}

pub mod docs;
pub mod load_errors;

/// All rules, in code order.
pub static REGISTRY: &[Rule] = &[
    load_errors::IO,
    load_errors::EMPTY,
    load_errors::ENCODING,
    load_errors::SYNTAX,
    load_errors::UNKNOWN_KEY,
    load_errors::INVALID,
    load_errors::DUPLICATE_ID,
    load_errors::DUPLICATE_SECTION,
];

/// Looks a rule up by code or name (case-insensitive code).
pub fn find(key: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Runs every rule, applies configured severities, and returns the findings (unsorted).
pub fn run(plan: &Plan, config: &Config) -> Vec<Finding> {
    let index = Index::new(plan);
    let cx = Context {
        plan,
        index: &index,
        config,
    };
    let mut out = Vec::new();
    for rule in REGISTRY {
        let Some(check) = rule.check else { continue };
        let mut found = Vec::new();
        check(&cx, &mut found);
        match config.level(rule.code, rule.name) {
            Some(Level::Off) => {}
            Some(Level::On(s)) => out.extend(found.into_iter().map(|mut f| {
                f.severity = s;
                f
            })),
            None => out.extend(found),
        }
    }
    out
}
