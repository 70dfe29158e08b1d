//! The boundary of the plan's document vocabulary in the source: the words of the first
//! plan's conventions (「方針」, 「関係」, 「調整中」, 「Ｐ.○」, 「（案）」, 「関連するグラフ」) are
//! written in `src/` only
//!
//! - in `src/plan/vocabulary.rs`, the defaults of `[vocabulary]`;
//! - in tests: a `#[cfg(test)]` module, a rule's `super::fixture_test!(…);` (a test by
//!   construction), a test-only file (`tests.rs`, `testing.rs`, `meta_tests.rs`);
//! - in documentation: comments, and a rule's definition (`pub const RULE: Rule = Rule { … };`
//!   and the load rules' table in `src/rules/load_errors.rs`), whose docs, examples and
//!   fixtures describe the default plan;
//! - in the few phrases listed in [`ALLOWED`], each with its reason.
//!
//! Everything else — every comparison with the plan's text and every message built at run
//! time — takes the words from the plan's `Vocabulary`.

use std::path::{Path, PathBuf};

const WORDS: [&str; 6] = ["方針", "関係", "調整中", "Ｐ.○", "（案）", "関連するグラフ"];

/// Phrases outside the boundary above that may hold a word, by file (`*`: any file):
/// (path, phrase, why).
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "*",
        "国の総合戦略との関係",
        "the name of the plan format's [[strategy]] section, not the related-initiative mark",
    ),
    (
        "src/rules/matrix_cell_mismatch.rs",
        "direction = \\\"2-1 方針１\\\"",
        "the rule's fixture TOML (SECOND_PROJECT), part of its definition",
    ),
    (
        "src/rules/direction_title_mismatch.rs",
        "direction = \\\"2-1 方針１\\\"",
        "the rule's fixture edit (SPACED_2_1), part of its definition",
    ),
    (
        "src/rules/title_variant.rs",
        "direction = \\\"2-1 方針１関係\\\"",
        "the rule's fixture TOML (related_row!), part of its definition",
    ),
    (
        "src/rules/title_variant.rs",
        "id = \\\"2-1 方針１\\\"",
        "the rule's fixture edit (UNTITLED_2_1), part of its definition",
    ),
    (
        "src/analysis/placeholders.rs",
        "(\"調整中\", \"being adjusted\")",
        "the Japanese name of the placeholder kind `tbd` (report column, `report --kind`)",
    ),
    (
        "src/analysis/placeholders.rs",
        "(\"（案）のまま\", \"still a draft\")",
        "the Japanese name of the placeholder kind `draft-plan` (report column, `report --kind`)",
    ),
    (
        "src/commands/cli.rs",
        "調整中、Ｐ.○、空欄、（案）など",
        "`report`'s help text: documentation of the default plan's placeholders",
    ),
    (
        "src/commands/cli.rs",
        "(調整中, Ｐ.○, empty values, （案）, …)",
        "`report`'s help text: documentation of the default plan's placeholders",
    ),
    (
        "src/commands/cli.rs",
        "調整中（tbd）",
        "`report --kind`'s help text: the kinds' Japanese names",
    ),
    (
        "src/commands/cli.rs",
        "（案）のまま（draft-plan）",
        "`report --kind`'s help text: the kinds' Japanese names",
    ),
    (
        "src/commands/cli.rs",
        "tbd (調整中)",
        "`report --kind`'s help text: the kinds' Japanese names",
    ),
    (
        "src/commands/cli.rs",
        "draft-plan (（案）のまま)",
        "`report --kind`'s help text: the kinds' Japanese names",
    ),
    (
        "src/commands/cli.rs",
        "方針・取組の方向性の変更のうち",
        "`diff`'s help text: documentation of the format's sections",
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The lines of `text` outside tests, comments and rule definitions: (line number, line).
fn runtime_lines(rel: &str, text: &str) -> Vec<(usize, String)> {
    let name = rel.rsplit('/').next().unwrap();
    if rel == "src/plan/vocabulary.rs"
        || rel == "src/rules/load_errors.rs"
        || matches!(name, "tests.rs" | "testing.rs" | "meta_tests.rs")
    {
        return vec![];
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let (mut in_rule, mut in_fixture_test) = (false, false);
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|n| n.starts_with("mod ") && n.ends_with('{'))
        {
            break; // the test module, at the end of the file
        }
        if line.starts_with("pub const RULE: Rule = Rule {") {
            in_rule = true;
        }
        if in_rule {
            in_rule = *line != "};";
            continue;
        }
        if line.starts_with("super::fixture_test!(") {
            in_fixture_test = true;
        }
        if in_fixture_test {
            in_fixture_test = !line.ends_with(");") || line.starts_with(' ');
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push((i + 1, line.to_string()));
    }
    out
}

#[test]
fn document_vocabulary_literals_stay_inside_the_boundary() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut bad = Vec::new();
    let mut used = vec![false; ALLOWED.len()];
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in runtime_lines(&rel, &text) {
            let mut rest = line.clone();
            for (i, (file, phrase, _)) in ALLOWED.iter().enumerate() {
                if (*file == rel || *file == "*") && rest.contains(phrase) {
                    used[i] = true;
                    rest = rest.replace(phrase, "");
                }
            }
            if let Some(w) = WORDS.iter().find(|w| rest.contains(*w)) {
                bad.push(format!("{rel}:{n}: 「{w}」: {}", line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "document-vocabulary words outside src/plan/vocabulary.rs, tests and docs \
         (read them from the plan's Vocabulary):\n{}",
        bad.join("\n")
    );
    let stale: Vec<_> = ALLOWED
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|((f, p, _), _)| format!("{f}: {p}"))
        .collect();
    assert!(
        stale.is_empty(),
        "allowed phrases no longer found: {stale:?}"
    );
}

/// The check itself: a comparison with a vocabulary word in ordinary code is caught, the same
/// word in a comment, a rule's definition or a test module is not.
#[test]
fn the_boundary_check_catches_a_literal_in_code() {
    let code = "fn f(s: &str) -> bool {\n    s.ends_with(\"関係\")\n}\n";
    assert_eq!(runtime_lines("src/x.rs", code).len(), 3);
    assert!(
        runtime_lines("src/x.rs", code)
            .iter()
            .any(|(n, l)| *n == 2 && l.contains("関係"))
    );
    let docs = "// 1-1 方針１\npub const RULE: Rule = Rule {\n    what: (\"方針\", \"\"),\n};\n#[cfg(test)]\nmod tests {\n    const X: &str = \"調整中\";\n}\n";
    assert!(
        runtime_lines("src/rules/x.rs", docs)
            .iter()
            .all(|(_, l)| !WORDS.iter().any(|w| l.contains(w)))
    );
}
