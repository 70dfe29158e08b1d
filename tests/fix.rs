//! `plancheck fix`: what it writes, what it leaves alone, and when it writes nothing. The
//! oracles are the command line's own JSON findings before and after, the files' bytes, and
//! texts written out here by hand; nothing here calls the library.

mod common;
use common::copy_dir;
use common::snapshot;

use common::{Fixture, base_with, repo, run_in};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The rules whose findings carry a fix (`explain` says so; see `rules_say_which_have_a_fix`).
const FIXABLE: [&str; 4] = ["PC010", "PC111", "PC501", "PC502"];

/// Rules that summarise what fixable findings report, so their findings go with them: the
/// matrix's totals (PC113) agree once every cell is fixed (PC111), and the dictionary's pairs
/// are no longer mixed (PC504) once every variant is rewritten (PC502).
const SUMMARISING: [&str; 2] = ["PC113", "PC504"];

/// A copy of the shipped plan, as `plan/` of a temporary folder.
fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("plan"), &dir.path().join("plan"));
    dir
}

/// The JSON findings of `check plan` in `cwd`.
fn findings(cwd: &Path) -> Vec<Value> {
    let out = run_in(cwd, &["check", "plan", "--format", "json"]);
    assert!(out.code < 2, "check failed: {}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// What identifies a finding across a fix: rule, severity, file and line. (Edits never add or
/// remove a line; messages, subjects and columns may quote the fixed text.)
fn key(f: &Value) -> (String, String, String, u64) {
    (
        f["code"].as_str().unwrap().to_string(),
        f["severity"].as_str().unwrap().to_string(),
        f["file"].as_str().unwrap().to_string(),
        f["line"].as_u64().unwrap_or(0),
    )
}

fn count<K: Ord>(keys: impl IntoIterator<Item = K>) -> BTreeMap<K, usize> {
    let mut m = BTreeMap::new();
    for k in keys {
        *m.entry(k).or_default() += 1;
    }
    m
}

/// The shipped plan's notation dictionary: (variant, preferred spelling).
fn dictionary() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("plan/plancheck.toml")).unwrap();
    let config: toml::Value = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for entry in config["notation"]["variant"].as_array().unwrap() {
        let preferred = entry["preferred"].as_str().unwrap();
        for v in entry["variants"].as_array().unwrap() {
            out.push((v.as_str().unwrap().to_string(), preferred.to_string()));
        }
    }
    out
}

/// Whether a finding ends quoting two different texts (「A」 … 「B」) that are the same once the
/// dictionary's variants are spelled the preferred way.
fn only_notation(f: &Value, dictionary: &[(String, String)]) -> bool {
    let message = f["message"].as_str().unwrap();
    let quoted: Vec<&str> = message
        .split('「')
        .skip(1)
        .filter_map(|p| p.split('」').next())
        .collect();
    let spelled = |s: &str| {
        dictionary
            .iter()
            .fold(s.to_string(), |s, (v, p)| s.replace(v.as_str(), p))
    };
    match quoted[..] {
        [.., a, b] => a != b && spelled(a) == spelled(b),
        _ => false,
    }
}

#[test]
fn fixing_the_shipped_plan_removes_exactly_the_fixable_findings() {
    let dir = shipped_copy();
    let before = findings(dir.path());
    let files_before = snapshot(&dir.path().join("plan"));
    for code in ["PC111", "PC501", "PC502"] {
        assert!(
            before.iter().any(|f| f["code"] == code),
            "the shipped plan has no {code} finding to fix"
        );
    }
    let out = run_in(dir.path(), &["fix", "plan"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let fixable_before = before
        .iter()
        .filter(|f| FIXABLE.contains(&f["code"].as_str().unwrap()))
        .count();
    assert!(
        out.stdout
            .contains(&format!("fixed {fixable_before} findings")),
        "{}",
        out.stdout
    );
    let after = findings(dir.path());
    // The summary counts what `check` finds afterwards, by severity.
    let left = |severity: &str| after.iter().filter(|f| f["severity"] == severity).count();
    let summary = format!(
        "left: {} errors, {} warnings and {} info findings",
        left("error"),
        left("warning"),
        left("info")
    );
    assert!(out.stdout.contains(&summary), "{summary}\n{}", out.stdout);
    // Every finding of a fixable rule is gone; every other finding is still there, no new one.
    assert!(
        after
            .iter()
            .all(|f| !FIXABLE.contains(&f["code"].as_str().unwrap())),
        "left: {after:#?}"
    );
    // A drift between two copies of a text that differ only by the dictionary's spellings
    // is resolved by the notation fix, and so are the summaries of fixable findings; nothing
    // else may go.
    let dictionary = dictionary();
    let follows = |f: &Value| {
        let code = f["code"].as_str().unwrap();
        !FIXABLE.contains(&code) && (SUMMARISING.contains(&code) || only_notation(f, &dictionary))
    };
    let resolved: Vec<&Value> = before.iter().filter(|f| follows(f)).collect();
    for code in SUMMARISING {
        assert!(
            resolved.iter().any(|f| f["code"] == code),
            "the shipped plan has no {code} finding"
        );
    }
    assert!(
        resolved
            .iter()
            .all(|f| f["code"] == "PC205" || SUMMARISING.contains(&f["code"].as_str().unwrap())),
        "{resolved:#?}"
    );
    let others = count(
        before
            .iter()
            .filter(|f| !FIXABLE.contains(&f["code"].as_str().unwrap()))
            .filter(|f| !follows(f))
            .map(key),
    );
    assert_eq!(count(after.iter().map(key)), others);
    // Only lines that had a fixable finding changed, and no line was added or removed.
    let fixable_lines: Vec<(String, u64)> = before
        .iter()
        .filter(|f| FIXABLE.contains(&f["code"].as_str().unwrap()))
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let files_after = snapshot(&dir.path().join("plan"));
    assert_eq!(
        files_before.keys().collect::<Vec<_>>(),
        files_after.keys().collect::<Vec<_>>()
    );
    let mut changed_lines = 0;
    for (rel, old) in &files_before {
        let (old, new) = (
            String::from_utf8_lossy(old),
            String::from_utf8_lossy(&files_after[rel]),
        );
        let (old, new): (Vec<&str>, Vec<&str>) =
            (old.split('\n').collect(), new.split('\n').collect());
        assert_eq!(old.len(), new.len(), "{rel:?}: lines added or removed");
        let shown = format!("plan/{}", rel.to_string_lossy().replace('\\', "/"));
        for (i, (o, n)) in old.iter().zip(&new).enumerate() {
            if o != n {
                changed_lines += 1;
                assert!(
                    fixable_lines.contains(&(shown.clone(), i as u64 + 1)),
                    "{shown}:{}: changed without a fixable finding:\n- {o}\n+ {n}",
                    i + 1
                );
            }
        }
    }
    assert!(changed_lines > 0);
}

#[test]
fn a_second_run_changes_nothing() {
    let dir = shipped_copy();
    assert_eq!(run_in(dir.path(), &["fix", "plan"]).code, 0);
    let once = snapshot(&dir.path().join("plan"));
    let again = run_in(dir.path(), &["fix", "plan"]);
    assert_eq!(again.code, 0);
    assert_eq!(again.stdout, "nothing to fix automatically\n");
    assert_eq!(snapshot(&dir.path().join("plan")), once);
    let diff = run_in(dir.path(), &["fix", "plan", "--diff"]);
    assert_eq!((diff.code, diff.stdout.as_str()), (0, ""));
}

/// `a,b` of a hunk header (`b` is 1 when left out).
fn range(s: &str) -> (usize, usize) {
    let (a, b) = s.split_once(',').unwrap_or((s, "1"));
    (a.parse().unwrap(), b.parse().unwrap())
}

/// Applies a unified diff (as `--diff` prints it) to the files under `root`.
fn apply_unified(root: &Path, diff: &str) {
    let mut lines = diff.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(path) = line.strip_prefix("--- ") else {
            panic!("expected a file header, got {line}");
        };
        assert_eq!(lines.next().unwrap(), format!("+++ {path}"));
        let file = root.join(path.trim());
        let old = std::fs::read_to_string(&file).unwrap();
        let old: Vec<&str> = old.split_inclusive('\n').collect();
        let mut new: Vec<String> = Vec::new();
        let mut at = 0; // next line of `old` not yet copied
        while let Some(h) = lines.peek().and_then(|l| l.strip_prefix("@@ -")) {
            let mut parts = h.split(' ');
            let (start, mut olds) = range(parts.next().unwrap());
            let (_, mut news) = range(parts.next().unwrap().trim_start_matches('+'));
            lines.next();
            let start = start.saturating_sub(1);
            new.extend(old[at..start].iter().map(|s| s.to_string()));
            at = start;
            while olds + news > 0 {
                let l = lines.next().unwrap();
                if let Some(ctx) = l.strip_prefix(' ') {
                    assert_eq!(old[at].trim_end_matches('\n'), ctx);
                    new.push(old[at].to_string());
                    (at, olds, news) = (at + 1, olds - 1, news - 1);
                } else if let Some(gone) = l.strip_prefix('-') {
                    assert_eq!(old[at].trim_end_matches('\n'), gone);
                    (at, olds) = (at + 1, olds - 1);
                } else if let Some(added) = l.strip_prefix('+') {
                    new.push(format!("{added}\n"));
                    news -= 1;
                } else {
                    // (the shipped files end with a newline: no "No newline at end of file" line)
                    panic!("not a hunk line: {l}");
                }
            }
        }
        new.extend(old[at..].iter().map(|s| s.to_string()));
        std::fs::write(&file, new.concat()).unwrap();
    }
}

#[test]
fn diff_writes_nothing_and_shows_what_fix_writes() {
    let dir = shipped_copy();
    let plan = dir.path().join("plan");
    let original = snapshot(&plan);
    let out = run_in(dir.path(), &["fix", "plan", "--diff"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(snapshot(&plan), original, "--diff wrote to the plan");
    assert!(out.stdout.starts_with("--- plan/"), "{}", out.stdout);
    assert!(out.stdout.contains("\n-cells = [\""), "{}", out.stdout);
    assert!(out.stderr.contains("can be fixed"), "{}", out.stderr);
    // The diff, applied by hand to the untouched copy, gives what `fix` writes.
    apply_unified(dir.path(), &out.stdout);
    let patched = snapshot(&plan);
    let fixed = shipped_copy();
    assert_eq!(run_in(fixed.path(), &["fix", "plan"]).code, 0);
    assert_eq!(patched, snapshot(&fixed.path().join("plan")));
    assert_ne!(patched, original);
}

const DICTIONARY: &str = "lang = \"en\"

[[notation.variant]]
preferred = \"取組\"
variants = [\"取り組み\"]
except = [\"取り組みます\"]
";

/// Findings of each fixable kind, written the way people type TOML: comments, a literal
/// string, odd spacing.
fn hand_typed() -> String {
    base_with(&[
        (
            "[plan]\n",
            "# 手で書いた計画です。コメントは残ります。\n[plan]   # 計画の基本情報\n",
        ),
        (
            "direction = \"1-1 方針２\"",
            "direction   =   '1-1 方針2'   # 半角の２",
        ),
        (
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"妊娠から子育てまでの取り組みを進め、切れ目なく取り組みます。\" # 表記",
        ),
        ("cells = [\"◎\"]", "cells = [ \"○\" ,  ]  # 図のまま"),
        (
            "measure = \"2-1\"\nname = \"防犯の推進\"\nindicators",
            "measure = \"２-１\"\nname = \"防犯の推進\"\nindicators",
        ),
    ])
}

#[test]
fn fix_edits_only_the_values_and_keeps_comments_and_formatting() {
    let f = Fixture::new();
    let text = hand_typed();
    f.write("plan.toml", &text)
        .write("plancheck.toml", DICTIONARY);
    let out = f.run(&["fix", "plan"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // The expected file, edited here by hand.
    let expected = text
        .replace("'1-1 方針2'", "'1-1 方針２'")
        .replace("までの取り組みを進め", "までの取組を進め")
        .replace("[ \"○\" ,  ]", "[ \"◎\" ,  ]")
        .replace("measure = \"２-１\"", "measure = \"2-1\"");
    assert_ne!(expected, text);
    assert_eq!(
        std::fs::read_to_string(f.plan().join("plan.toml")).unwrap(),
        expected
    );
    assert_eq!(
        std::fs::read_to_string(f.plan().join("plancheck.toml")).unwrap(),
        DICTIONARY
    );
    assert!(
        out.stdout.contains("fixed 4 findings (PC111 matrix-cell-mismatch: 1, PC501 id-notation: 2, PC502 notation-variant: 1) in 1 file"),
        "{}",
        out.stdout
    );
    let again = f.run(&["fix", "plan"]);
    assert_eq!(again.stdout, "nothing to fix automatically\n");
    let check = f.run(&["check", "plan", "--format", "json"]);
    assert!(!check.stdout.contains("\"PC5"), "{}", check.stdout);
    assert!(!check.stdout.contains("\"PC111\""), "{}", check.stdout);
}

#[test]
fn rule_limits_the_fixes_to_one_rule() {
    let f = Fixture::new();
    let text = hand_typed();
    f.write("plan.toml", &text)
        .write("plancheck.toml", DICTIONARY);
    let out = f.run(&["fix", "plan", "--rule", "Matrix-Cell-Mismatch"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        std::fs::read_to_string(f.plan().join("plan.toml")).unwrap(),
        text.replace("[ \"○\" ,  ]", "[ \"◎\" ,  ]")
    );
    let unknown = f.run(&["fix", "plan", "--rule", "PC5O1"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown rule: PC5O1"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_plan_that_does_not_load_is_not_written() {
    let f = Fixture::new();
    let text = hand_typed();
    f.write("plan.toml", &text)
        .write("plancheck.toml", DICTIONARY)
        .write("broken.toml", "[[prose]\nheading = \"x\"\n");
    let before = snapshot(&f.plan());
    for args in [&["fix", "plan"][..], &["fix", "plan", "--diff"]] {
        let out = f.run(args);
        assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
        assert!(out.stdout.contains("broken.toml"), "{}", out.stdout);
        assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
        assert_eq!(snapshot(&f.plan()), before);
    }
}

#[test]
fn a_look_alike_dash_is_the_one_load_error_fix_repairs() {
    let f = Fixture::new();
    // 長音記号 between the digits: the plan does not load (PC010), and nothing else is wrong.
    let text = base_with(&[("direction = \"1-1 方針１\"", "direction = \"1ー1 方針１\"")]);
    f.write("plan.toml", &text);
    assert_eq!(f.run(&["check", "plan"]).code, 2);
    let limited = f.run(&["fix", "plan", "--rule", "PC501"]);
    assert_eq!(limited.code, 2);
    assert_eq!(
        std::fs::read_to_string(f.plan().join("plan.toml")).unwrap(),
        text
    );
    let out = f.run(&["fix", "plan"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        std::fs::read_to_string(f.plan().join("plan.toml")).unwrap(),
        text.replace("1ー1 方針１", "1-1 方針１")
    );
    assert_eq!(f.run(&["check", "plan"]).code, 0);
}

#[test]
fn a_byte_order_mark_is_kept() {
    let f = Fixture::new();
    let text = base_with(&[("cells = [\"◎\"]", "cells = [\"○\"]")]);
    f.write("plan.toml", format!("\u{FEFF}{text}"));
    assert_eq!(f.run(&["fix", "plan"]).code, 0);
    assert_eq!(
        std::fs::read_to_string(f.plan().join("plan.toml")).unwrap(),
        format!(
            "\u{FEFF}{}",
            text.replacen("cells = [\"○\"]", "cells = [\"◎\"]", 1)
        )
    );
}

#[test]
fn rules_say_which_have_a_fix() {
    let out = run_in(&repo(), &["rules", "--lang", "en"]);
    let marked: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains(" yes "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(marked, FIXABLE);
    let explain = run_in(&repo(), &["explain", "PC111", "--lang", "ja"]);
    assert!(
        explain.stdout.contains("自動修正: あり"),
        "{}",
        explain.stdout
    );
    let explain = run_in(&repo(), &["explain", "PC101", "--lang", "en"]);
    assert!(
        explain.stdout.contains("Automatic fix: none"),
        "{}",
        explain.stdout
    );
}

/// The generator's manifest (independent of `src/`) is the oracle: after `fix`, the findings
/// are the manifest without the fixable rules' entries, as (code, file, line).
#[test]
fn generated_plans_lose_exactly_their_fixable_findings() {
    for seed in [1, 7, 42, 20250] {
        let g = plangen::generate(&plangen::Options {
            scale: 1,
            defects: 2,
            seed,
        });
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in &g.files {
            let path = dir.path().join("plan").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let fixable = g
            .manifest
            .iter()
            .filter(|e| FIXABLE.contains(&e.code.as_str()))
            .count();
        for code in ["PC111", "PC501", "PC502"] {
            assert!(
                g.manifest.iter().any(|e| e.code == code),
                "seed {seed}: no {code}"
            );
        }
        let out = run_in(dir.path(), &["fix", "plan"]);
        assert_eq!(out.code, 0, "seed {seed}: {}{}", out.stdout, out.stderr);
        assert!(
            out.stdout.contains(&format!("fixed {fixable} findings")),
            "seed {seed}: {}",
            out.stdout
        );
        // a summary may stay when what it sums up is not all fixable (a matrix row missing:
        // PC113 counts it, no cell can be fixed), so summaries are compared on the shipped plan
        let after = count(
            findings(dir.path())
                .iter()
                .filter(|f| !SUMMARISING.contains(&f["code"].as_str().unwrap()))
                .map(|f| {
                    (
                        f["code"].as_str().unwrap().to_string(),
                        f["file"]
                            .as_str()
                            .unwrap()
                            .trim_start_matches("plan/")
                            .to_string(),
                        f["line"].as_u64().unwrap_or(0),
                    )
                }),
        );
        let expected = count(
            g.manifest
                .iter()
                .filter(|e| !FIXABLE.contains(&e.code.as_str()))
                .filter(|e| !SUMMARISING.contains(&e.code.as_str()))
                .map(|e| (e.code.clone(), e.file.clone(), e.line as u64)),
        );
        let differ: Vec<_> = after
            .keys()
            .chain(expected.keys())
            .filter(|k| after.get(*k) != expected.get(*k))
            .map(|k| (k, after.get(k), expected.get(k)))
            .collect();
        assert!(
            differ.is_empty(),
            "seed {seed}: (finding, after, expected) {differ:#?}"
        );
    }
}
