//! Applying suppressions (`allow`, parsed by the plan layer): a finding whose primary span
//! lies in the record of an `allow` naming its rule is not reported (but is listed by
//! `check --show-suppressed`). A suppression that matches no finding is itself reported
//! (PC601), so stale ones do not pile up; one naming a rule that is off says so instead of
//! calling itself stale.

use super::severity::Policy;
use crate::finding::{Finding, Location};
use crate::msg;
use crate::plan::allow::Suppression;
use crate::rules::{self, unused_suppression};

/// A finding hidden by a suppression, with its reason.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: String,
}

/// Whether a suppression for the rule `code` covers a finding.
fn covers(s: &Suppression, code: Option<&str>, f: &Finding) -> bool {
    match &f.location {
        Location::Span { file, span } => {
            *file == s.file && Some(f.code) == code && s.extent.contains(&span.start)
        }
        Location::Path(_) => false,
    }
}

/// Splits findings into reported and suppressed; adds a PC601 finding for each unused
/// suppression.
pub fn apply(
    suppressions: &[Suppression],
    findings: Vec<Finding>,
    policy: &Policy,
) -> (Vec<Finding>, Vec<Suppressed>) {
    let resolved: Vec<_> = suppressions.iter().map(|s| rules::find(&s.rule)).collect();
    let codes: Vec<Option<&str>> = resolved.iter().map(|r| r.map(|r| r.code)).collect();
    let mut used = vec![false; suppressions.len()];
    let mut reported = Vec::new();
    let mut suppressed = Vec::new();
    for f in findings {
        let matching: Vec<usize> = (0..suppressions.len())
            .filter(|&i| covers(&suppressions[i], codes[i], &f))
            .collect();
        match matching.first() {
            Some(&first) => {
                // every matching suppression counts as used
                for &i in &matching {
                    used[i] = true;
                }
                suppressed.push(Suppressed {
                    finding: f,
                    reason: suppressions[first].reason.clone(),
                });
            }
            None => reported.push(f),
        }
    }
    let rule = &unused_suppression::RULE;
    for ((s, found), used) in suppressions.iter().zip(resolved).zip(used) {
        if used {
            continue;
        }
        let Some(found) = found else { continue };
        let (code, name) = (found.code, found.name);
        let finding = if policy.enabled(found) {
            rule.finding(
                s.file,
                s.span.clone(),
                msg!(
                    "使われていない allow: この記録に {code} の指摘はもうありません",
                    "unused allow: this record has no {code} finding any more"
                ),
            )
            .label(msg!("不要な抑止", "stale suppression"))
            .help(msg!(
                "指摘が直ったなら、この allow を削除してください。",
                "the finding is gone: remove this allow"
            ))
        } else {
            rule.finding(
                s.file,
                s.span.clone(),
                msg!(
                    "効いていない allow: {code}（{name}）は plancheck.toml で off になっています",
                    "allow for a rule that is off: {code} ({name}) is set to off in plancheck.toml"
                ),
            )
            .label(msg!("無効な規則への抑止", "rule not enabled"))
            .help(msg!(
                "規則を off のままにするなら、この allow を削除してください。",
                "remove this allow, or turn the rule back on in plancheck.toml"
            ))
        };
        reported.push(finding.subject(code.to_string()));
    }
    (reported, suppressed)
}
