//! Findings of one root cause: where a reported finding is the root of others (a direction-table
//! row that lost its 関係 suffix draws a title mismatch, PC201, and an indicator drift, PC203,
//! on the same row), the others are attached to it as related places, with their labels,
//! instead of being reported on their own. Runs after suppressions and severities, so a root
//! that the office suppressed or turned off leaves its consequences reported, and a
//! consequence more severe than its root stays a finding of its own.

use crate::finding::{Finding, Related};
use crate::msg;
use std::collections::HashMap;

/// Folds every finding that follows from a reported root (see the module docs) into that
/// root's related places, ahead of the root's own, in the order the findings come.
pub fn fold(findings: Vec<Finding>) -> Vec<Finding> {
    let mut roots: HashMap<String, usize> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let Some(key) = &f.root_of {
            roots.entry(key.clone()).or_insert(i);
        }
    }
    if roots.is_empty() {
        return findings;
    }
    // Which root each consequence joins, decided before anything moves.
    let joins: Vec<Option<usize>> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            f.caused_by.iter().find_map(|k| {
                let r = *roots.get(k)?;
                let root = findings.get(r)?;
                (r != i && root.root_of.is_some() && root.severity >= f.severity).then_some(r)
            })
        })
        .collect();
    let mut attached: Vec<Vec<Related>> = vec![Vec::new(); findings.len()];
    for (f, join) in findings.iter().zip(&joins) {
        let (Some(r), true) = (join, f.root_of.is_none()) else {
            continue;
        };
        // The consequence's label (what is wrong at its place) when it has one: its place is
        // the related location, and the root's message says why.
        let what = f.label.as_ref().unwrap_or(&f.message);
        let (code, ja, en) = (f.code, &what.ja, &what.en);
        if let Some(list) = attached.get_mut(*r) {
            list.push(Related {
                location: f.location.clone(),
                message: msg!("同じ原因による {code}: {ja}", "{code}, same cause: {en}"),
            });
        }
    }
    findings
        .into_iter()
        .zip(joins)
        .zip(attached)
        .filter_map(|((mut f, join), extra)| {
            if join.is_some() && f.root_of.is_none() {
                return None;
            }
            // first among the related places: a whole finding folded into this one matters
            // more than another place of the same thing, and a short view shows it
            f.related.splice(0..0, extra);
            Some(f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold;
    use crate::finding::{Finding, Severity};
    use crate::i18n::Msg;

    fn f(code: &'static str, severity: Severity, at: usize) -> Finding {
        Finding::new(
            code,
            "x",
            severity,
            Finding::at(0, at..at + 1),
            Msg::new("ja", code),
        )
    }

    #[test]
    fn a_consequence_joins_its_root_as_related() {
        let out = fold(vec![
            f("PC201", Severity::Warning, 1).root_of("row:0:1"),
            f("PC203", Severity::Warning, 5).caused_by("row:0:1"),
            f("PC203", Severity::Warning, 9).caused_by("row:0:7"),
        ]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].code, "PC201");
        assert_eq!(out[0].related.len(), 1);
        assert_eq!(out[0].related[0].message.en, "PC203, same cause: PC203");
        assert_eq!(out[1].location, Finding::at(0, 9..10));
        // with a label, the label
        let out = fold(vec![
            f("PC201", Severity::Warning, 1).root_of("row:0:1"),
            f("PC203", Severity::Warning, 5)
                .caused_by("row:0:1")
                .label(Msg::new("名称", "name")),
        ]);
        assert_eq!(out[0].related[0].message.ja, "同じ原因による PC203: 名称");
    }

    #[test]
    fn a_consequence_more_severe_than_its_root_stays() {
        let out = fold(vec![
            f("PC201", Severity::Info, 1).root_of("row:0:1"),
            f("PC203", Severity::Warning, 5).caused_by("row:0:1"),
        ]);
        assert_eq!(out.len(), 2);
        assert!(out[0].related.is_empty());
    }

    #[test]
    fn without_its_root_a_consequence_stays() {
        let out = fold(vec![f("PC203", Severity::Warning, 5).caused_by("row:0:1")]);
        assert_eq!(out.len(), 1);
    }
}
