//! The rule catalogue. Each rule lives in its own file and is listed once in [`REGISTRY`].

use crate::config::{Config, Level};
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::index::Index;
use crate::model::Plan;
use crate::source::FileId;
use std::ops::Range;

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
    texts: std::cell::OnceCell<Vec<crate::walk::TextRef<'a>>>,
    placeholders: std::cell::OnceCell<Vec<crate::placeholders::Placeholder>>,
}

impl<'a> Context<'a> {
    pub fn new(plan: &'a Plan, index: &'a Index<'a>, config: &'a Config) -> Context<'a> {
        Context {
            plan,
            index,
            config,
            texts: std::cell::OnceCell::new(),
            placeholders: std::cell::OnceCell::new(),
        }
    }

    /// Every printed text of the plan, walked once for all rules that need it.
    pub fn texts(&self) -> &[crate::walk::TextRef<'a>] {
        self.texts.get_or_init(|| crate::walk::texts(self.plan))
    }

    /// The placeholder scan, computed once for all rules that need it.
    pub fn placeholders(&self) -> &[crate::placeholders::Placeholder] {
        self.placeholders
            .get_or_init(|| crate::placeholders::scan_texts(self.plan, self.texts()))
    }
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
    /// A plan that this rule reports (at least once).
    pub fail: Fixture,
    /// A plan close to `fail` that this rule does not report.
    pub pass: Fixture,
}

impl Rule {
    /// A finding of this rule at its default severity.
    pub fn finding(&self, file: FileId, span: Range<usize>, message: Msg) -> Finding {
        Finding::new(
            self.code,
            self.name,
            self.severity,
            Finding::at(file, span),
            message,
        )
    }
}

/// The contract's `subject` for an item printed as `printed`: a direction's normalised id,
/// else the normalised text; none when nothing is printed.
pub fn subject_of(printed: &str) -> Option<String> {
    if printed.trim().is_empty() {
        return None;
    }
    Some(match crate::normalize::DirectionRef::parse(printed) {
        Some(r) => r.id(),
        None => crate::normalize::text(printed),
    })
}

/// Reports every placeholder of `kind` as a finding of `rule`, described by `describe`.
pub(crate) fn placeholder_findings(
    cx: &Context,
    out: &mut Vec<Finding>,
    rule: &Rule,
    kind: crate::placeholders::Kind,
    describe: impl Fn(&crate::placeholders::Placeholder) -> (Msg, Msg),
) {
    for p in crate::placeholders::of_kind(cx.placeholders(), kind) {
        let (message, label) = describe(p);
        out.push(
            rule.finding(p.file, p.span.clone(), message)
                .label(label)
                .with_subject(subject_of(&p.subject)),
        );
    }
}

/// A fixture plan: [`BASE`] with textual replacements, then `append` added at the end.
/// A line `#@file NAME` in `append` starts another file of the fixture's plan folder.
#[derive(Debug, Clone, Copy)]
pub struct Fixture {
    pub replace: &'static [(&'static str, &'static str)],
    pub append: &'static str,
}

impl Fixture {
    /// The base plan unchanged.
    pub const BASE: Fixture = Fixture {
        replace: &[],
        append: "",
    };

    /// The fixture's TOML text. Panics if a replacement does not match the base (a stale fixture).
    pub fn text(&self) -> String {
        let mut s = BASE.to_string();
        for (from, to) in self.replace {
            assert!(
                s.contains(from),
                "fixture replacement not found in base: {from}"
            );
            s = s.replacen(from, to, 1);
        }
        s.push_str(self.append);
        s
    }
}

/// The base fixture plan: small, consistent, no findings.
pub const BASE: &str = include_str!("base.toml");

pub mod direction_title_mismatch;
pub mod docs;
pub mod draft_plan;
pub mod duplicate_record;
pub mod era_year_mismatch;
pub mod figure_box;
pub mod id_notation;
pub mod indicator_drift;
pub mod load_errors;
pub mod matrix_cell_mismatch;
pub mod matrix_incomplete;
#[cfg(test)]
mod meta_tests;
pub mod missing_baseline_or_target;
pub mod missing_value;
pub mod name_drift;
pub mod nonstandard_year;
pub mod notation_variant;
pub mod page_ref;
pub mod project_direction_drift;
pub mod related_plan_variant;
pub mod settle_note;
pub mod summary_indicator_mismatch;
pub mod target_wrong_way;
pub mod tbd;
#[cfg(test)]
pub mod testing;
pub mod title_variant;
pub mod undefined_footnote;
pub mod unit_mismatch;
pub mod unknown_direction;
pub mod unknown_indicator;
pub mod unknown_measure;
pub mod unknown_project;
pub mod unread_file;
pub mod unused_suppression;

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
    load_errors::NO_DATA,
    load_errors::LOOK_ALIKE_DASH,
    duplicate_record::RULE,
    unread_file::RULE,
    unknown_measure::RULE,
    unknown_direction::RULE,
    unknown_project::RULE,
    unknown_indicator::RULE,
    matrix_cell_mismatch::RULE,
    matrix_incomplete::RULE,
    direction_title_mismatch::RULE,
    title_variant::RULE,
    indicator_drift::RULE,
    summary_indicator_mismatch::RULE,
    project_direction_drift::RULE,
    related_plan_variant::RULE,
    name_drift::RULE,
    target_wrong_way::RULE,
    unit_mismatch::RULE,
    missing_baseline_or_target::RULE,
    nonstandard_year::RULE,
    era_year_mismatch::RULE,
    tbd::RULE,
    page_ref::RULE,
    missing_value::RULE,
    draft_plan::RULE,
    figure_box::RULE,
    settle_note::RULE,
    undefined_footnote::RULE,
    id_notation::RULE,
    notation_variant::RULE,
    unused_suppression::RULE,
];

/// Looks a rule up by code or name (case-insensitive code).
pub fn find(key: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Findings reported, and those hidden by a suppression.
#[derive(Debug, Default)]
pub struct RunResult {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<crate::suppress::Suppressed>,
}

/// Runs every rule and applies configured severities and suppressions (findings unsorted).
pub fn run(plan: &Plan, config: &Config) -> Vec<Finding> {
    run_full(plan, config).findings
}

/// Like [`run`], also returning the suppressed findings.
pub fn run_full(plan: &Plan, config: &Config) -> RunResult {
    let raw = run_rules(plan, config);
    let (mut findings, suppressed) =
        crate::suppress::apply(&plan.suppressions, raw, &unused_suppression::RULE);
    // the unused-suppression rule can be configured like any other
    findings.retain_mut(|f| {
        if f.code != unused_suppression::RULE.code {
            return true;
        }
        match config.level(f.code, f.rule) {
            Some(Level::Off) => false,
            Some(Level::On(s)) => {
                f.severity = s;
                true
            }
            None => true,
        }
    });
    RunResult {
        findings,
        suppressed,
    }
}

fn run_rules(plan: &Plan, config: &Config) -> Vec<Finding> {
    let index = Index::new(plan);
    let cx = Context::new(plan, &index, config);
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
