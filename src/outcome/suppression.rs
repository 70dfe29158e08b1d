//! Applying suppressions (`allow`, parsed in [`crate::plan::allow`]): a finding whose primary
//! span lies in the record of an `allow` naming its rule is not reported (but is listed by
//! `check --show-suppressed`); a suppression that matches no finding is itself reported, so
//! stale ones do not pile up.

use crate::finding::Finding;
use crate::msg;
use crate::plan::allow::Suppression;

/// A finding hidden by a suppression, with its reason.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Finding,
    pub reason: String,
}

/// Splits findings into reported and suppressed; adds a finding for each unused suppression.
pub fn apply(
    suppressions: &[Suppression],
    findings: Vec<Finding>,
    unused_rule: &crate::rules::Rule,
) -> (Vec<Finding>, Vec<Suppressed>) {
    let mut used = vec![false; suppressions.len()];
    let mut reported = Vec::new();
    let mut suppressed = Vec::new();
    for f in findings {
        match suppressions.iter().position(|s| s.matches(&f)) {
            Some(i) => {
                used[i] = true;
                // every matching suppression counts as used
                for (j, s) in suppressions.iter().enumerate() {
                    if s.matches(&f) {
                        used[j] = true;
                    }
                }
                suppressed.push(Suppressed {
                    finding: f,
                    reason: suppressions[i].reason.clone(),
                });
            }
            None => reported.push(f),
        }
    }
    for (s, used) in suppressions.iter().zip(used) {
        if !used {
            let code = s.code;
            reported.push(
                unused_rule
                    .finding(
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
                    .subject(code.to_string()),
            );
        }
    }
    (reported, suppressed)
}
