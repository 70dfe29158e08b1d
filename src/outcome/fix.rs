//! Safe fixes (`plancheck fix`, the language server's quick fixes): the edits that findings
//! carry, applied to the plan's texts until nothing more changes.

use super::{Options, Outcome, Status, check_in_memory};
use crate::finding::{Edit, Finding, Fix};
use crate::rules::{Fixture, REGISTRY, Rule};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

/// Passes of check-and-fix before giving up on reaching a fixed point (one pass fixes
/// everything the rules report today; a later pass catches a fix that uncovers another).
pub const MAX_PASSES: usize = 8;

/// The fixes of `findings` (only those of `rule`, when given), in finding order.
pub fn fixes<'a>(
    findings: &'a [Finding],
    rule: Option<&'a Rule>,
) -> impl Iterator<Item = (&'a Finding, &'a Fix)> {
    findings
        .iter()
        .filter(move |f| rule.is_none_or(|r| r.code == f.code))
        .filter_map(|f| f.fix.as_ref().map(|x| (f, x)))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    // Two insertions at one place, or an insertion inside a replacement, conflict too.
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// Applies the fixes whose edits do not overlap an edit already taken (a fix is taken whole
/// or not at all; an edit equal to one taken counts as done). `texts` are the files' texts by
/// file id. Returns, for each fix in order, whether it was taken.
pub fn apply<'a>(texts: &mut [String], fixes: impl IntoIterator<Item = &'a Fix>) -> Vec<bool> {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut result = Vec::new();
    for fix in fixes {
        let fresh: Vec<&Edit> = fix.edits.iter().filter(|e| !taken.contains(e)).collect();
        let fits = fix.edits.iter().all(|e| {
            texts
                .get(e.file)
                .is_some_and(|t| t.get(e.span.clone()).is_some())
        }) && fresh.iter().enumerate().all(|(i, e)| {
            !taken
                .iter()
                .chain(&fresh[..i])
                .any(|t| t.file == e.file && overlaps(&t.span, &e.span))
        });
        if fits {
            taken.extend(fresh);
        }
        result.push(fits);
    }
    // Back to front, so that the spans still to apply keep their offsets.
    taken.sort_by_key(|e| std::cmp::Reverse((e.file, e.span.start)));
    for e in taken {
        if let Some(t) = texts.get_mut(e.file) {
            t.replace_range(e.span.clone(), &e.replacement);
        }
    }
    result
}

/// What fixing a plan did.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// Files whose text changed: relative path, text before, text after; in path order.
    pub changed: Vec<(String, String, String)>,
    /// Findings fixed, by rule code.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// The check of the fixed texts.
    pub outcome: Outcome,
}

/// Why a plan was not fixed.
#[derive(Debug, Clone)]
pub enum NotFixed {
    /// The plan did not load and its load errors are not all fixable: this outcome.
    NotLoaded(Box<Outcome>),
    /// A fix left the plan unloadable (a bug of a rule's fix): the outcome of that check.
    Broken(Box<Outcome>),
}

/// Fixes the plan checked as `outcome` (of the files of the plan folder `root`, and the
/// files it does not read, `unread`), fixing only `rule`'s findings when one is given.
/// A plan that did not load is fixed only when every load error has a fix of `rule`
/// (a look-alike dash in an id), and only if it then loads.
pub fn fix(
    root: &str,
    outcome: Outcome,
    unread: &[String],
    rule: Option<&Rule>,
) -> Result<Fixed, NotFixed> {
    if matches!(outcome.status, Status::NotLoaded { .. })
        && !outcome
            .findings
            .iter()
            .all(|f| f.fix.is_some() && rule.is_none_or(|r| r.code == f.code))
    {
        return Err(NotFixed::NotLoaded(Box::new(outcome)));
    }
    let before: Vec<(String, String)> = outcome
        .files
        .iter()
        .map(|f| (f.rel.clone(), f.text.clone()))
        .collect();
    let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut outcome = outcome;
    for _ in 0..MAX_PASSES {
        let found: Vec<(&Finding, &Fix)> = fixes(&outcome.findings, rule).collect();
        if found.is_empty() {
            break;
        }
        let mut texts: Vec<String> = outcome.files.iter().map(|f| f.text.clone()).collect();
        let taken = apply(&mut texts, found.iter().map(|(_, x)| *x));
        for ((f, _), t) in found.iter().zip(&taken) {
            if *t {
                *by_rule.entry(f.code).or_default() += 1;
            }
        }
        if !taken.contains(&true) {
            break;
        }
        let rels: Vec<String> = outcome.files.iter().map(|f| f.rel.clone()).collect();
        outcome = recheck(root, &rels, &texts, unread);
        if matches!(outcome.status, Status::NotLoaded { .. })
            && !outcome.findings.iter().all(|f| f.fix.is_some())
        {
            return Err(NotFixed::Broken(Box::new(outcome)));
        }
    }
    if matches!(outcome.status, Status::NotLoaded { .. }) {
        return Err(NotFixed::Broken(Box::new(outcome)));
    }
    let after: HashMap<&str, &str> = outcome
        .files
        .iter()
        .map(|f| (f.rel.as_str(), f.text.as_str()))
        .collect();
    let mut changed: Vec<(String, String, String)> = before
        .into_iter()
        .filter_map(|(rel, old)| {
            let new = after.get(rel.as_str())?.to_string();
            (new != old).then_some((rel, old, new))
        })
        .collect();
    changed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Fixed {
        changed,
        by_rule,
        outcome,
    })
}

/// The check of texts edited in memory, with the unread files' names (their findings stay).
fn recheck(root: &str, rels: &[String], texts: &[String], unread: &[String]) -> Outcome {
    let mut files: Vec<(&str, &str)> = rels
        .iter()
        .map(String::as_str)
        .zip(texts.iter().map(String::as_str))
        .collect();
    files.extend(unread.iter().map(|u| (u.as_str(), "")));
    check_in_memory(root, &files, &Options::default())
}

/// Whether a rule has a fix: its failing fixture gives at least one finding of the rule
/// that carries one. Derived, so a new rule needs no declaration; computed once.
pub fn has_fix(rule: &Rule) -> bool {
    static FIXABLE: OnceLock<Vec<&'static str>> = OnceLock::new();
    FIXABLE
        .get_or_init(|| {
            REGISTRY
                .iter()
                .filter(|r| r.fail.is_some_and(|f| fixture_has_fix(r, &f)))
                .map(|r| r.code)
                .collect()
        })
        .contains(&rule.code)
}

fn fixture_has_fix(rule: &Rule, fixture: &Fixture) -> bool {
    let text = fixture.text();
    let outcome = check_in_memory("plan", &fixture_files(&text), &Options::default());
    outcome
        .findings
        .iter()
        .any(|f| f.code == rule.code && f.fix.is_some())
}

/// A fixture's files: the text before the first `#@file NAME` line is `plan.toml` (the
/// layout of [`Fixture`]).
fn fixture_files(text: &str) -> Vec<(&str, &str)> {
    let mut parts = text.split("\n#@file ");
    let mut files = vec![("plan.toml", parts.next().unwrap_or(""))];
    for p in parts {
        let (name, body) = p.split_once('\n').unwrap_or((p, ""));
        files.push((name.trim(), body));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(file: usize, span: Range<usize>, replacement: &str) -> Fix {
        Fix::new(vec![Edit {
            file,
            span,
            replacement: replacement.to_string(),
        }])
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let mut texts = vec!["abcdef".to_string(), "xyz".to_string()];
        let fixes = [
            edit(0, 1..3, "B"),
            edit(0, 2..4, "no"),  // overlaps the first
            edit(0, 1..3, "B"),   // the same edit again: done already
            edit(0, 4..4, "+"),   // an insertion next to a replacement
            edit(0, 4..4, "-"),   // a second insertion at the same place
            edit(1, 0..3, "XYZ"), // another file
            edit(1, 2..9, "?"),   // out of range
        ];
        let taken = apply(&mut texts, &fixes);
        assert_eq!(taken, [true, false, true, true, false, true, false]);
        assert_eq!(texts, ["aBd+ef", "XYZ"]);
    }

    /// Edits that only touch (one ends where the other begins) do not overlap: both are
    /// taken in the same pass, whichever comes first.
    #[test]
    fn touching_edits_are_taken_together() {
        for order in [[(1..3, "B"), (3..5, "D")], [(3..5, "D"), (1..3, "B")]] {
            let mut texts = vec!["abcdef".to_string()];
            let fixes: Vec<Fix> = order.iter().map(|(s, r)| edit(0, s.clone(), r)).collect();
            assert_eq!(apply(&mut texts, &fixes), [true, true], "{order:?}");
            assert_eq!(texts, ["aBDf"], "{order:?}");
        }
    }

    #[test]
    fn a_fix_is_taken_whole_or_not_at_all() {
        let mut texts = vec!["0123456789".to_string()];
        let both = Fix::new(vec![
            Edit {
                file: 0,
                span: 1..2,
                replacement: "a".into(),
            },
            Edit {
                file: 0,
                span: 5..6,
                replacement: "b".into(),
            },
        ]);
        let taken = apply(&mut texts, &[edit(0, 5..7, "X"), both]);
        assert_eq!(taken, [true, false]);
        assert_eq!(texts, ["01234X789"]);
    }

    #[test]
    fn string_values_keep_their_quoting() {
        let src = "a = 'x'\nb = \"y\"\nc = \"\"\"z\"\"\"\nd = 1\n";
        let at = |s: &str| {
            let i = src.find(s).unwrap();
            i..i + s.len()
        };
        let replaced = |span: Range<usize>, v: &str| {
            Fix::string_value(0, src, span, v).map(|f| f.edits[0].replacement.clone())
        };
        assert_eq!(
            replaced(at("'x'"), "1-1 方針２").as_deref(),
            Some("'1-1 方針２'")
        );
        // a literal string cannot hold a quote: it becomes a basic string
        assert_eq!(replaced(at("'x'"), "it's").as_deref(), Some("\"it's\""));
        assert_eq!(
            replaced(at("\"y\""), "say \"◎\"\\").as_deref(),
            Some("\"say \\\"◎\\\"\\\\\"")
        );
        assert_eq!(replaced(at("\"\"\"z\"\"\""), "z2"), None);
        assert_eq!(replaced(at("1"), "2"), None);
    }

    /// A span that is not one whole string token (a token cut short on either side, or two
    /// tokens) gets no fix: writing a string there would break the file.
    #[test]
    fn a_span_that_is_not_one_string_token_gets_no_fix() {
        let src = "a = 'x'\nb = \"y\"\n";
        for token in ["'x", "x'", "\"y", "y\"", "'x'\nb = \"y\""] {
            let i = src.find(token).unwrap();
            assert_eq!(
                Fix::string_value(0, src, i..i + token.len(), "z"),
                None,
                "{token}"
            );
        }
        // the whole tokens do get one (same source and value)
        let i = src.find("\"y\"").unwrap();
        assert_eq!(
            Fix::string_value(0, src, i..i + 3, "z").map(|f| f.edits[0].replacement.clone()),
            Some("\"z\"".to_string())
        );
    }

    fn rule(code: &str) -> &'static Rule {
        REGISTRY.iter().find(|r| r.code == code).unwrap()
    }

    /// A plan that does not load is fixed when each load error has a fix of the rule asked
    /// for (any rule, or PC010 by name); otherwise it "did not load" (NotLoaded), which must
    /// not be told as "a fix broke the plan" (Broken: a bug of plancheck to report).
    #[test]
    fn a_plan_that_does_not_load_is_fixed_only_when_each_load_error_has_a_fix_of_the_rule() {
        let dash = crate::rules::BASE.replacen(
            "direction = \"1-1 方針１\"",
            "direction = \"1ー1 方針１\"",
            1,
        );
        let outcome = |files: &[(&str, &str)]| check_in_memory("plan", files, &Options::default());
        let not_loaded = outcome(&[("plan.toml", &dash)]);
        assert!(matches!(not_loaded.status, Status::NotLoaded { errors: 1 }));
        for asked in [None, Some(rule("PC010"))] {
            let fixed = fix("plan", not_loaded.clone(), &[], asked)
                .unwrap_or_else(|_| panic!("not fixed with {:?}", asked.map(|r| r.code)));
            assert_eq!(
                fixed.changed,
                [(
                    "plan.toml".to_string(),
                    dash.clone(),
                    crate::rules::BASE.to_string()
                )]
            );
            assert_eq!(fixed.by_rule, BTreeMap::from([("PC010", 1)]));
        }
        // another rule asked for: the load error is none of its
        assert!(matches!(
            fix("plan", not_loaded, &[], Some(rule("PC501"))),
            Err(NotFixed::NotLoaded(_))
        ));
        // a load error without a fix (broken TOML)
        let broken = outcome(&[
            ("plan.toml", crate::rules::BASE),
            ("broken.toml", "[[prose]\nheading = \"x\"\n"),
        ]);
        assert!(matches!(broken.status, Status::NotLoaded { .. }));
        assert!(matches!(
            fix("plan", broken, &[], None),
            Err(NotFixed::NotLoaded(_))
        ));
    }

    /// A fix that leaves the plan unloadable only for a load error that has a fix of its own
    /// (here a look-alike dash, put in by a made-up rule's fix) is finished in the next pass:
    /// the plan is fixed, not reported as broken by a fix.
    #[test]
    fn a_fixable_load_error_left_by_a_fix_is_fixed_in_the_next_pass() {
        let base = crate::rules::BASE;
        let mut outcome = check_in_memory("plan", &[("plan.toml", base)], &Options::default());
        assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
        let dash = base.find("direction = \"1-1 方針１\"").unwrap() + "direction = \"1".len();
        assert_eq!(&base[dash..dash + 1], "-");
        outcome.findings.push(
            Finding::new(
                "PC999",
                "made-up",
                crate::finding::Severity::Warning,
                Finding::at(0, dash..dash + 1),
                crate::i18n::Msg::new("テスト", "test"),
            )
            .fix(Some(edit(0, dash..dash + 1, "ー"))),
        );
        let fixed = fix("plan", outcome, &[], None)
            .unwrap_or_else(|_| panic!("the look-alike dash was not fixed in a second pass"));
        assert!(fixed.changed.is_empty(), "{:?}", fixed.changed);
        assert_eq!(fixed.by_rule, BTreeMap::from([("PC010", 1), ("PC999", 1)]));
        assert_eq!(fixed.outcome.status, Status::Passed);
    }

    #[test]
    fn the_fixable_rules_are_derived_from_their_fixtures() {
        let fixable: Vec<&str> = REGISTRY
            .iter()
            .filter(|r| has_fix(r))
            .map(|r| r.code)
            .collect();
        assert_eq!(fixable, ["PC010", "PC111", "PC501", "PC502"]);
    }
}
