//! Test helpers for rules: load a fixture from memory, run one rule, render its findings.

use super::{Fixture, Rule};
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::output::human;
use crate::plan::source::SourceFile;

/// The base fixture plan's two matrix rows (the row form), for tests that replace them.
pub const MATRIX_ROWS: &str = concat!(
    "[[matrix.row]]\npolicy = \"子育て政策\"\nmeasure = \"1-1\"\nname = \"子育て環境の充実\"\ncells = [\"◎\"]\n\n",
    "[[matrix.row]]\npolicy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells = [\"○\"]\n",
);

/// Checks a fixture and returns the findings of `rule` only (load errors count for load
/// rules), with the files for rendering.
pub fn findings_of(rule: &Rule, fixture: &Fixture) -> (Vec<SourceFile>, Vec<Finding>) {
    let text = fixture.text();
    let files = fixture_files(&text);
    let outcome = crate::outcome::check_in_memory("plan", &files, &Default::default());
    let found = outcome
        .findings
        .into_iter()
        .filter(|f| f.code == rule.code)
        .collect();
    (outcome.files, found)
}

/// The rule's failing fixture; panics for a load rule that has none.
pub fn fail_fixture(rule: &Rule) -> Fixture {
    rule.fail.unwrap_or_else(|| {
        panic!(
            "{} {} has no in-memory failing fixture",
            rule.code, rule.name
        )
    })
}

/// Human rendering of a rule's findings on its fail fixture (no colour, width 100).
pub fn render_fail(rule: &Rule, lang: Lang) -> String {
    let (files, f) = findings_of(rule, &fail_fixture(rule));
    human::render(
        &files,
        &f,
        human::Style {
            color: false,
            width: 100,
            lang,
        },
    )
}

/// Asserts the fixtures behave: `fail` is reported, `pass` is not. Returns the fail findings.
pub fn assert_fixtures(rule: &Rule) -> Vec<Finding> {
    let (_, fail) = findings_of(rule, &fail_fixture(rule));
    assert!(
        !fail.is_empty(),
        "{} {}: the fail fixture is not reported",
        rule.code,
        rule.name
    );
    let (_, pass) = findings_of(rule, &rule.pass);
    assert!(
        pass.is_empty(),
        "{} {}: the pass fixture is reported: {:?}",
        rule.code,
        rule.name,
        pass
    );
    fail
}

/// The findings of `rule` on `fixture`, asserting that there are exactly `n` (they are listed
/// when there are not).
pub fn assert_found(rule: &Rule, fixture: &Fixture, n: usize) -> Vec<Finding> {
    let (_, found) = findings_of(rule, fixture);
    assert_eq!(found.len(), n, "{} {}: {found:#?}", rule.code, rule.name);
    found
}

/// The one finding of `rule` on `fixture`, asserting that there is exactly one and that its
/// English message contains `saying`.
pub fn assert_one(rule: &Rule, fixture: &Fixture, saying: &str) -> Finding {
    let mut found = assert_found(rule, fixture, 1);
    let f = found.remove(0);
    assert!(
        f.message.en.contains(saying),
        "{} {}: expected a message containing {saying:?}, got {:?}",
        rule.code,
        rule.name,
        f.message.en
    );
    f
}

/// Asserts that `text` (a finding's message, say) contains `part`, showing `text` when not.
#[track_caller]
pub fn assert_contains(text: &str, part: &str) {
    assert!(text.contains(part), "{text:?} does not contain {part:?}");
}

/// Asserts that the English message of each of `findings` contains the fragment at its
/// position in `says` (`""` asks nothing of that finding).
pub fn assert_says(findings: &[Finding], says: &[&str]) {
    assert!(says.len() <= findings.len(), "{findings:#?}");
    for (i, (f, s)) in findings.iter().zip(says).enumerate() {
        assert!(
            f.message.en.contains(s),
            "finding {i}: expected a message containing {s:?}, got {:?}",
            f.message.en
        );
    }
}

/// [`assert_fixtures`], and that the failing fixture is reported exactly `n` times (`what`
/// names the findings expected). Returns the findings.
pub fn assert_fail_count(rule: &Rule, n: usize, what: &str) -> Vec<Finding> {
    let fail = assert_fixtures(rule);
    assert_eq!(fail.len(), n, "{} {}: {what}", rule.code, rule.name);
    fail
}

/// The subjects of `findings`, in order (findings without one left out).
pub fn subjects(findings: &[Finding]) -> Vec<&str> {
    findings
        .iter()
        .filter_map(|f| f.subject.as_deref())
        .collect()
}

/// Splits a fixture into files: the text before the first `#@file NAME` line is `plan.toml`.
pub fn fixture_files(text: &str) -> Vec<(&str, &str)> {
    let mut files = Vec::new();
    let mut parts = text.split("\n#@file ");
    files.push(("plan.toml", parts.next().unwrap_or("")));
    for p in parts {
        let (name, body) = p.split_once('\n').unwrap_or((p, ""));
        files.push((name.trim(), body));
    }
    files
}

/// Asserts the fixtures behave (see [`assert_fixtures`]) and that the failing fixture's
/// findings have exactly these subjects, in order (`what` names them). Returns the findings.
pub fn assert_subjects(rule: &Rule, expected: &[&str], what: &str) -> Vec<Finding> {
    let fail = assert_fixtures(rule);
    assert_eq!(
        subjects(&fail),
        expected,
        "{} {}: {what}",
        rule.code,
        rule.name
    );
    assert_eq!(
        fail.len(),
        expected.len(),
        "{} {}: findings without a subject",
        rule.code,
        rule.name
    );
    fail
}
