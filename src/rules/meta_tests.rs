//! Meta-tests: keep the catalogue honest.

use super::{Fixture, REGISTRY};
use std::collections::HashSet;

#[test]
fn codes_and_names_are_unique() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in REGISTRY {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(names.insert(r.name), "duplicate name {}", r.name);
    }
}

#[test]
fn codes_and_names_are_well_formed_and_sorted() {
    for r in REGISTRY {
        assert!(
            r.code.len() == 5
                && r.code.starts_with("PC")
                && r.code[2..].bytes().all(|b| b.is_ascii_digit()),
            "{}",
            r.code
        );
        assert!(
            r.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !r.name.starts_with('-'),
            "{}",
            r.name
        );
    }
    let codes: Vec<&str> = REGISTRY.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "REGISTRY is listed in code order");
}

#[test]
fn every_rule_is_documented_in_both_languages() {
    for r in REGISTRY {
        let d = &r.docs;
        for (what, (ja, en)) in [
            ("summary", r.summary),
            ("what", d.what),
            ("why", d.why),
            ("fix", d.fix),
        ] {
            assert!(
                !ja.trim().is_empty() && !en.trim().is_empty(),
                "{} lacks {what}",
                r.code
            );
            assert!(!ja.is_ascii(), "{} {what}: Japanese text expected", r.code);
            assert!(
                en.is_ascii() || en.chars().filter(|c| !c.is_ascii()).count() < en.len() / 4,
                "{} {what}: English text expected",
                r.code
            );
        }
        assert!(
            !d.example.1.trim().is_empty() && !d.example.0.trim().is_empty(),
            "{} lacks an example",
            r.code
        );
    }
}

#[test]
fn base_fixture_has_no_findings_at_all() {
    let text = Fixture::BASE.text();
    let o = crate::outcome::check_in_memory("plan", &[("plan.toml", &text)], &Default::default());
    let codes: Vec<&str> = o.findings.iter().map(|f| f.code).collect();
    assert!(o.findings.is_empty(), "base fixture findings: {codes:?}");
    assert_eq!(o.status, crate::outcome::Status::Passed);
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    for r in REGISTRY.iter().filter(|r| r.fail.is_some()) {
        super::testing::assert_fixtures(r);
    }
}

/// Only a load rule may lack a failing fixture (its failure is produced on disk by
/// tests/bad_input.rs); a checking rule always has one.
#[test]
fn only_load_rules_lack_a_failing_fixture() {
    for r in REGISTRY.iter().filter(|r| r.fail.is_none()) {
        assert!(
            r.check.is_none(),
            "{} {} needs a failing fixture",
            r.code,
            r.name
        );
    }
}

#[test]
fn every_checking_rule_reports_only_under_its_own_code() {
    for r in REGISTRY.iter().filter(|r| r.check.is_some()) {
        let (_, fail) = super::testing::findings_of(r, &super::testing::fail_fixture(r));
        for f in fail {
            assert_eq!((f.code, f.rule), (r.code, r.name));
        }
    }
}

/// Each rule's findings on its failing fixture, as the human output shows them, in both
/// languages: one snapshot per rule and language, named after the rule's code and name.
#[test]
fn every_rule_renders_its_failing_fixture() {
    use crate::i18n::Lang;
    for r in REGISTRY.iter().filter(|r| r.fail.is_some()) {
        for (lang, suffix) in [(Lang::En, ""), (Lang::Ja, "_ja")] {
            let name = format!("{}_{}{suffix}", r.code, r.name.replace('-', "_"));
            insta::assert_snapshot!(name, super::testing::render_fail(r, lang));
        }
    }
}

/// The registry's load rules (errors that no check produces) are exactly the loader's table of
/// load-error codes, in order: the loader reports with `plan::load::codes`, the registry
/// documents each of them.
#[test]
fn load_rules_are_the_loaders_codes() {
    let load_rules: Vec<(&str, &str)> = REGISTRY
        .iter()
        .filter(|r| r.check.is_none() && r.severity == crate::finding::Severity::Error)
        .map(|r| (r.code, r.name))
        .collect();
    let codes: Vec<(&str, &str)> = crate::plan::load::codes::ALL
        .iter()
        .map(|c| (c.code, c.name))
        .collect();
    assert_eq!(load_rules, codes);
    assert!(load_rules.len() >= 10);
}
