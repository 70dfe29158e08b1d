//! The severity policy: the levels `plancheck.toml` sets, resolved against the registry once,
//! and applied to findings in one place.

use crate::finding::{Finding, Severity};
use crate::plan::config::{Config, Level};
use crate::rules::{self, Rule};
use std::collections::BTreeMap;

/// Configured levels by rule code. A key naming a rule by its code wins over one naming it
/// by its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    levels: BTreeMap<&'static str, Level>,
}

impl Policy {
    /// The policy of a configuration. Keys that name no rule are ignored here: loading
    /// reports them ([`rules::check_rule_names`]).
    pub fn new(config: &Config) -> Policy {
        let mut levels = BTreeMap::new();
        let resolved: Vec<(&'static Rule, bool, Level)> = config
            .levels()
            .filter_map(|(key, _, level)| {
                let r = rules::find(key)?;
                Some((r, r.code.eq_ignore_ascii_case(key.trim()), level))
            })
            .collect();
        // names first, then codes, so that a code overrides a name
        for by_code in [false, true] {
            for (r, is_code, level) in &resolved {
                if *is_code == by_code {
                    levels.insert(r.code, *level);
                }
            }
        }
        Policy { levels }
    }

    /// The level configured for a rule, if any.
    pub fn configured(&self, rule: &Rule) -> Option<Level> {
        self.levels.get(rule.code).copied()
    }

    /// The severity a rule's findings get; `None` when the rule is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        match self.configured(rule) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(s),
            None => Some(rule.severity),
        }
    }

    /// Whether the rule runs at all.
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.severity(rule).is_some()
    }

    /// Sets each finding's severity as configured and drops the findings of rules that are
    /// off.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                if let Some(rule) = rules::by_code(f.code) {
                    f.severity = self.severity(rule)?;
                }
                Some(f)
            })
            .collect()
    }
}
