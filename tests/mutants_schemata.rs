//! tools/mutants-schemata writes every mutant cargo-mutants lists into one build, each behind a
//! switch (`MUTANT_ID`). Its claim, checked here on a small fixture crate covering every kind of
//! mutant it writes: for each mutant it places, the schemata built once and run with
//! `MUTANT_ID=i` print exactly what cargo-mutants' own textual mutant i prints (the oracle:
//! the `diff` cargo-mutants lists, applied to a copy of the fixture and built on its own), and
//! without `MUTANT_ID` exactly what the unmutated fixture prints. The mutants it must leave to
//! cargo-mutants (struct field deletions, the `&&` of a let chain) are the only ones unplaced;
//! `MUTANT_TRACE` records exactly the switches a run reached, and the ids of SKIP_IDS are
//! neither written nor placed.
//!
//! Needs cargo-mutants (its span conventions are what the tool must match); without it the
//! test fails and says how to install it.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const CARGO_TOML: &str = r#"[package]
name = "fixture"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]

# Not part of any enclosing workspace.
[workspace]
"#;

const LIB_RS: &str = r#"//! The fixture of tests/mutants_schemata.rs: small functions holding every kind of mutant
//! tools/mutants-schemata writes as a switch, and two it leaves to cargo-mutants.

#[derive(Debug, Default)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
}

/// A chain of `&&`.
pub fn all3(a: bool, b: bool, c: bool) -> bool {
    a && b && c
}

/// `==` after non-ASCII text on its line (columns count characters), `&&` under `||`.
pub fn any_eq(s: &str, a: bool, b: bool) -> bool {
    "日本" == s || a && b
}

/// A closure in a chain whose textual mutants regroup it (the `||` made `&&`), with mutants
/// of its own.
pub fn any_big(xs: &[u32], strict: bool) -> bool {
    xs.is_empty() || strict && xs.iter().any(|x| *x > 9 && *x != 12)
}

/// Operators whose operands are binary expressions: a textual mutant can regroup them.
pub fn arith(a: u32, b: u32, c: u32, d: u32) -> u32 {
    a - b * c + d
}

/// Bitwise operators of two precedences.
pub fn bits(a: u32, b: u32, c: u32) -> u32 {
    a ^ b & c
}

/// A compound assignment, in a function returning `()`.
pub fn bump(counter: &mut u32, by: u32) {
    *counter += by;
}

/// Unary `!` and `-`.
pub fn negate(x: i32, flip: bool) -> i32 {
    if !flip { -x } else { x }
}

pub fn evens(xs: &[u32]) -> Vec<u32> {
    xs.iter().copied().filter(|x| x.is_multiple_of(2)).collect()
}

pub fn largest(xs: &[u32]) -> Option<u32> {
    xs.iter().copied().max()
}

pub fn label(n: u32) -> String {
    format!("n={n}")
}

/// Match arms deleted (one of them with an attribute), a guard replaced.
pub fn kind(n: u32) -> &'static str {
    match n {
        0 => "zero",
        x if x.is_power_of_two() => "power of two",
        #[allow(clippy::match_same_arms)]
        3 => "three",
        _ => "other",
    }
}

/// A struct literal with a base: its field deletions are left to cargo-mutants.
pub fn with_b(base: Pair, b: u32) -> Pair {
    Pair { b, ..base }
}

/// A let chain: its `&&` is left to cargo-mutants, the `<` in it is not.
pub fn small(o: Option<u32>, cap: u32) -> bool {
    if let Some(x) = o
        && x < cap
    {
        return true;
    }
    false
}
"#;

/// `fixture [GROUP]`: every group of calls, or the one named; `zero` is `kind(0)` alone.
const MAIN_RS: &str = r#"fn main() {
    let only = std::env::args().nth(1);
    let on = |group: &str| only.as_deref().unwrap_or(group) == group;
    let bools = [false, true];
    if on("logic") {
        for a in bools {
            for b in bools {
                for c in bools {
                    println!("all3({a}, {b}, {c}) = {}", fixture::all3(a, b, c));
                }
                for s in ["日本", "x"] {
                    println!("any_eq({s}, {a}, {b}) = {}", fixture::any_eq(s, a, b));
                }
            }
            for xs in [&[][..], &[3, 12][..], &[4, 10][..]] {
                println!("any_big({xs:?}, {a}) = {}", fixture::any_big(xs, a));
            }
        }
    }
    if on("arith") {
        for (a, b, c, d) in [(100, 3, 4, 5), (50, 2, 2, 3), (20, 1, 7, 0), (9, 3, 3, 2)] {
            println!("arith({a}, {b}, {c}, {d}) = {}", fixture::arith(a, b, c, d));
        }
        for (a, b, c) in [(6, 3, 5), (12, 10, 7), (1, 2, 4)] {
            println!("bits({a}, {b}, {c}) = {}", fixture::bits(a, b, c));
        }
        let mut counter = 6;
        fixture::bump(&mut counter, 2);
        fixture::bump(&mut counter, 3);
        println!("bump twice: {counter}");
        for (x, flip) in [(5, false), (5, true), (0, false), (3, true)] {
            println!("negate({x}, {flip}) = {}", fixture::negate(x, flip));
        }
    }
    if on("values") {
        for xs in [&[][..], &[4, 7, 10][..], &[3][..]] {
            println!("evens({xs:?}) = {:?}", fixture::evens(xs));
            println!("largest({xs:?}) = {:?}", fixture::largest(xs));
        }
        println!("label(7) = {}", fixture::label(7));
        let p = fixture::with_b(fixture::Pair { a: 1, b: 2 }, 9);
        println!("with_b = {} {}", p.a, p.b);
        for (o, cap) in [(None, 5), (Some(3), 5), (Some(5), 5), (Some(8), 5)] {
            println!("small({o:?}, {cap}) = {}", fixture::small(o, cap));
        }
    }
    if on("kind") {
        for n in [0, 1, 2, 3, 6, 8] {
            println!("kind({n}) = {}", fixture::kind(n));
        }
    }
    if let Some("zero") = only.as_deref() {
        println!("kind(0) = {}", fixture::kind(0));
    }
}
"#;

/// What a run of the fixture did: its exit code (a panic is 101) and its stdout. Stderr is
/// left out: a panic names a line of the source, which the schemata rewrite.
type Behaviour = (Option<i32>, String);

struct Env {
    tmp: tempfile::TempDir,
}

impl Env {
    fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// The fixture written into `rel`, with `edit` applied to each file's text.
    fn fixture(&self, rel: &str, edit: impl Fn(&str, &str) -> String) -> PathBuf {
        let dir = self.path(rel);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), CARGO_TOML).unwrap();
        for (file, text) in [("src/lib.rs", LIB_RS), ("src/main.rs", MAIN_RS)] {
            std::fs::write(dir.join(file), edit(file, text)).unwrap();
        }
        dir
    }

    /// Builds the crate in `dir` (one target folder for all copies) and copies its binary
    /// out under `name`; the compiler's messages when it does not build.
    fn build(&self, dir: &Path, name: &str) -> Result<PathBuf, String> {
        let out = Command::new("cargo")
            .args(["build", "--quiet", "--offline", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", self.path("target"))
            // A mutant has warnings (a return value leaves the arguments unused): they must
            // not fail its build.
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .unwrap();
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        std::fs::create_dir_all(self.path("bin")).unwrap();
        let bin = self.path("bin").join(name);
        std::fs::copy(self.path("target/debug/fixture"), &bin).unwrap();
        Ok(bin)
    }
}

fn run(bin: &Path, args: &[&str], env: &[(&str, &str)]) -> Behaviour {
    let out = Command::new(bin)
        .args(args)
        .env_remove("MUTANT_ID")
        .env_remove("MUTANT_TRACE")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `text` with the unified diff `diff` applied; panics when its context does not match.
fn apply(text: &str, diff: &str) -> String {
    let old: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut next = 0; // the next line of `old` not yet copied
    let mut in_hunk = false;
    for l in diff.lines() {
        if let Some(h) = l.strip_prefix("@@ -") {
            let start: usize = h.split([',', ' ']).next().unwrap().parse().unwrap();
            let start = start.max(1) - 1;
            assert!(start >= next, "hunks out of order in\n{diff}");
            out.extend(old[next..start].iter().map(|s| s.to_string()));
            next = start;
            in_hunk = true;
        } else if !in_hunk || l.starts_with('\\') {
            // The `---`/`+++` header; "\ No newline at end of file".
        } else if let Some(added) = l.strip_prefix('+') {
            out.push(added.to_string());
        } else {
            let (removed, line) = match l.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, l.strip_prefix(' ').unwrap_or(l)),
            };
            assert_eq!(old.get(next), Some(&line), "diff does not apply:\n{diff}");
            if !removed {
                out.push(line.to_string());
            }
            next += 1;
        }
    }
    out.extend(old[next..].iter().map(|s| s.to_string()));
    out.join("\n") + "\n"
}

/// The ids of the switches written into a source text: `__mutant_on (ID u32)`.
fn switches(text: &str) -> BTreeSet<u64> {
    text.split("__mutant_on")
        .skip(1)
        .filter_map(|rest| {
            let digits = rest.trim_start().strip_prefix('(')?.trim_start();
            let end = digits.find(|c: char| !c.is_ascii_digit())?;
            digits[end..]
                .starts_with("u32")
                .then(|| digits[..end].parse().unwrap())
        })
        .collect()
}

fn ids(v: &serde_json::Value) -> BTreeSet<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

/// Builds tools/mutants-schemata (its own workspace and target folder, apart from plancheck's
/// build) and returns the binary.
fn tool() -> PathBuf {
    let dir = common::repo().join("tools/mutants-schemata");
    let out = Command::new("cargo")
        .args(["build", "--quiet", "--locked", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "building tools/mutants-schemata failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("target/debug/mutants-schemata")
}

/// Runs the tool on the fixture copy `root`; returns its JSON answer.
fn schemata(tool: &Path, list: &Path, root: &Path, skip: Option<&Path>) -> serde_json::Value {
    let out = Command::new(tool)
        .arg(list)
        .arg(root)
        .arg("fixture")
        .args(skip)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mutants-schemata failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn each_placed_mutant_behaves_as_cargo_mutants_textual_mutant() {
    let version = Command::new("cargo")
        .args(["mutants", "--version"])
        .output();
    assert!(
        version.as_ref().is_ok_and(|o| o.status.success()),
        "cargo-mutants is needed (its mutants are the oracle): \
         cargo install --locked cargo-mutants --version 27.1.0 (or bash tests/setup.sh)"
    );
    let env = Env {
        tmp: tempfile::tempdir().unwrap(),
    };
    let tool = tool();

    // cargo-mutants' list of the fixture's mutants.
    let original = env.fixture("original", |_, text| text.to_string());
    let listed = Command::new("cargo")
        .args(["mutants", "--list", "--json"])
        .current_dir(&original)
        .env("CARGO_TARGET_DIR", env.path("target"))
        .output()
        .unwrap();
    assert!(listed.status.success(), "{listed:?}");
    let list_path = env.path("mutants.json");
    std::fs::write(&list_path, &listed.stdout).unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let name = |i: u64| list[i as usize]["name"].as_str().unwrap().to_string();
    let genre = |m: &serde_json::Value| m["genre"].as_str().unwrap().to_string();
    let function = |m: &serde_json::Value| {
        m["function"]["function_name"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    // Every kind the tool writes is in the list, so none goes untested.
    let genres: BTreeSet<String> = list.iter().map(genre).collect();
    for g in [
        "FnValue",
        "BinaryOperator",
        "UnaryOperator",
        "MatchArm",
        "MatchArmGuard",
        "StructField",
    ] {
        assert!(
            genres.contains(g),
            "no {g} mutant in the fixture: {genres:?}"
        );
    }

    // The schemata: every mutant placed but the two left to cargo-mutants.
    let schema_dir = env.fixture("schemata", |_, text| text.to_string());
    let answer = schemata(&tool, &list_path, &schema_dir, None);
    let placed = ids(&answer["placed"]);
    let unplaced = ids(&answer["unplaced"]);
    let expected_unplaced: BTreeSet<u64> = (0..list.len() as u64)
        .filter(|&i| {
            let m = &list[i as usize];
            genre(m) == "StructField"
                || (genre(m) == "BinaryOperator"
                    && function(m) == "small"
                    && m["replacement"] == "||")
        })
        .collect();
    assert_eq!(expected_unplaced.len(), 2, "{expected_unplaced:?}");
    assert_eq!(
        unplaced,
        expected_unplaced,
        "unplaced: {:?}",
        unplaced.iter().map(|&i| name(i)).collect::<Vec<_>>()
    );
    assert_eq!(
        placed,
        (0..list.len() as u64)
            .filter(|i| !unplaced.contains(i))
            .collect()
    );
    // Each placed mutant has its switch in the written source, and no other switch is there.
    let written = ["src/lib.rs", "src/main.rs"]
        .iter()
        .map(|f| std::fs::read_to_string(schema_dir.join(f)).unwrap())
        .collect::<String>();
    assert_eq!(switches(&written), placed);
    let schema_bin = env
        .build(&schema_dir, "schemata")
        .unwrap_or_else(|e| panic!("the schemata do not build:\n{e}"));

    // Without a mutant: the unmutated program.
    let original_bin = env
        .build(&original, "original")
        .unwrap_or_else(|e| panic!("the fixture does not build:\n{e}"));
    let unmutated = run(&original_bin, &[], &[]);
    assert_eq!(unmutated.0, Some(0), "{}", unmutated.1);
    assert_eq!(run(&schema_bin, &[], &[]), unmutated);

    // Each placed mutant against its textual oracle.
    let mut wrong = Vec::new();
    let mut differs_from_unmutated = 0;
    for &i in &placed {
        let m = &list[i as usize];
        let file = m["file"].as_str().unwrap().to_string();
        let diff = m["diff"].as_str().unwrap().to_string();
        let dir = env.fixture(&format!("mutant-{i}"), |f, text| {
            if f == file {
                apply(text, &diff)
            } else {
                text.to_string()
            }
        });
        let bin = env
            .build(&dir, &format!("mutant-{i}"))
            .unwrap_or_else(|e| panic!("textual mutant {i} ({}) does not build:\n{e}", name(i)));
        let expected = run(&bin, &[], &[]);
        differs_from_unmutated += usize::from(expected != unmutated);
        let got = run(&schema_bin, &[], &[("MUTANT_ID", &i.to_string())]);
        if got != expected {
            let line = expected.1.lines().zip(got.1.lines()).find(|(e, g)| e != g);
            wrong.push(format!(
                "mutant {i} ({}): exit code {:?} textual, {:?} schemata; first line that differs: {line:?}",
                name(i),
                expected.0,
                got.0
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} placed mutants behave otherwise than cargo-mutants' textual mutant:\n{}",
        wrong.len(),
        placed.len(),
        wrong.join("\n")
    );
    // The fixture's inputs tell most mutants apart from the unmutated program.
    assert!(
        differs_from_unmutated * 4 >= placed.len() * 3,
        "only {differs_from_unmutated} of {} mutants change the output",
        placed.len()
    );

    // MUTANT_TRACE: one file for the process, the ids of the switches it reached. A full run
    // reaches every switch; `kind(0)` alone reaches main's, kind's return values and the
    // deletion of arm `0`, and nothing of the other arms.
    let reached = |args: &[&str], dir: &str| -> BTreeSet<u64> {
        let trace = env.path(dir);
        std::fs::create_dir_all(&trace).unwrap();
        let out = run(
            &schema_bin,
            args,
            &[("MUTANT_TRACE", trace.to_str().unwrap())],
        );
        assert_eq!(out.0, Some(0), "{args:?}");
        let files: Vec<_> = std::fs::read_dir(&trace).unwrap().collect();
        assert_eq!(files.len(), 1, "one trace file per process");
        std::fs::read_to_string(files[0].as_ref().unwrap().path())
            .unwrap()
            .lines()
            .map(|l| l.parse().unwrap())
            .collect()
    };
    assert_eq!(reached(&[], "trace-all"), placed);
    let arm_zero_line = 1 + LIB_RS
        .lines()
        .position(|l| l.trim() == "0 => \"zero\",")
        .unwrap() as u64;
    let expected: BTreeSet<u64> = (0..list.len() as u64)
        .filter(|&i| {
            let m = &list[i as usize];
            m["file"] == "src/main.rs"
                || (function(m) == "kind"
                    && (genre(m) == "FnValue"
                        || (genre(m) == "MatchArm" && m["span"]["start"]["line"] == arm_zero_line)))
        })
        .collect();
    assert_eq!(
        reached(&["zero"], "trace-zero"),
        expected,
        "expected {:?}",
        expected.iter().map(|&i| name(i)).collect::<Vec<_>>()
    );

    // SKIP_IDS: the ids listed (those of a schema that did not compile) are neither written
    // nor placed; the others still are.
    let skipped: BTreeSet<u64> = [0, placed.iter().copied().max().unwrap()]
        .into_iter()
        .chain(
            placed
                .iter()
                .copied()
                .filter(|&i| genre(&list[i as usize]) == "MatchArm"),
        )
        .collect();
    let skip_file = env.path("skip.txt");
    let lines: String = skipped.iter().map(|i| format!("{i}\n")).collect();
    std::fs::write(&skip_file, lines).unwrap();
    let skip_dir = env.fixture("skipping", |_, text| text.to_string());
    let answer = schemata(&tool, &list_path, &skip_dir, Some(&skip_file));
    let written = ["src/lib.rs", "src/main.rs"]
        .iter()
        .map(|f| std::fs::read_to_string(skip_dir.join(f)).unwrap())
        .collect::<String>();
    let still: BTreeSet<u64> = placed.difference(&skipped).copied().collect();
    assert_eq!(ids(&answer["placed"]), still);
    assert_eq!(
        ids(&answer["unplaced"]),
        unplaced.union(&skipped).copied().collect()
    );
    assert_eq!(switches(&written), still);
}
