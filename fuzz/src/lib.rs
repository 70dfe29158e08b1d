//! The fuzzing harness, shared by the cargo-fuzz targets `fuzz_targets/*.rs` and by the
//! corpus replay test `tests/fuzz_corpus.rs` (which includes this file as a module), so that
//! both run exactly the same code. This file is the `check` target (the whole pipeline on a
//! plan folder image); the cheaper targets are the modules [`load`] (the loader on one file),
//! [`model`] (the rules on a generated plan, target `rules`) and [`render`] (every output
//! format on generated findings).
//!
//! ## The `check` target
//!
//! An input is a small plan folder image. The bytes before the first line `#@file NAME` are
//! `plan.toml`; each line `#@file NAME` starts another file (the format of the rule fixtures,
//! see `src/rules/testing.rs`). An input without such a line is a single plan file; an input
//! that starts with `#@file NAME` has no `plan.toml` unless it names one. `NAME` is
//! sanitised into a relative `*.toml` path (see [`sanitize`]), so `plancheck.toml` is the
//! configuration and `projects/p1.toml` a file in a subfolder.
//!
//! When every file is UTF-8 without a byte order mark, the image is loaded from memory
//! (`plancheck::rules::load_from_memory`). Otherwise it is written to a temporary folder and
//! loaded with `plancheck::load`, the path real files take, so that invalid bytes and BOMs
//! go through the real decoding; an image whose files are UTF-8 but start with a BOM is
//! loaded both ways and the two results must agree.
//!
//! Whatever loads is checked by every rule and rendered in every output format; a plan that
//! does not load has its load errors rendered. The JSON report must parse as JSON (the other
//! JSON outputs are built by serde_json from values, so they are not parsed again: that cost
//! about a tenth of each run), the matrix TOML must parse as TOML, and a baseline written from
//! the findings must absorb them all.

pub mod choices;
pub mod load;
pub mod model;
pub mod render;
pub mod spans;

use plancheck::output::table::Ambiguous;
use plancheck::output::{self, Settings};
use plancheck::output::{matrix, placeholder_report};
use plancheck::{Lang, LoadFailure, Loaded, Options, Outcome};

/// The line that starts another file of a folder image (followed by its name and `\n`).
pub const SEPARATOR: &[u8] = b"\n#@file ";
/// More files than this are ignored (the rest of the input stays in the last file).
pub const MAX_FILES: usize = 32;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Splits a folder image into `(relative path, bytes)`, in input order, names sanitised and
/// made unique (a later file whose path collides with an earlier file or folder is dropped).
pub fn split(data: &[u8]) -> Vec<(String, &[u8])> {
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut rest = data;
    // An image that starts with a `#@file NAME` line has no unnamed first file.
    let unnamed_first = !data.starts_with(&SEPARATOR[1..]);
    if !unnamed_first {
        parts.push(&data[..0]);
        rest = &data[SEPARATOR.len() - 1..];
    }
    while parts.len() + 1 < MAX_FILES {
        match find(rest, SEPARATOR) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + SEPARATOR.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    let mut files: Vec<(String, &[u8])> = Vec::new();
    let mut taken_files = std::collections::BTreeSet::new();
    let mut taken_dirs = std::collections::BTreeSet::new();
    for (i, part) in parts.into_iter().enumerate() {
        let (name, body) = if i == 0 {
            if !unnamed_first {
                continue;
            }
            ("plan.toml".to_string(), part)
        } else {
            let (line, body) = match part.iter().position(|&b| b == b'\n') {
                Some(n) => (&part[..n], &part[n + 1..]),
                None => (part, &part[part.len()..]),
            };
            (sanitize(&String::from_utf8_lossy(line)), body)
        };
        let ancestors: Vec<String> = name
            .match_indices('/')
            .map(|(i, _)| name[..i].to_string())
            .collect();
        if taken_files.contains(&name)
            || taken_dirs.contains(&name)
            || ancestors.iter().any(|a| taken_files.contains(a))
        {
            continue;
        }
        taken_files.insert(name.clone());
        taken_dirs.extend(ancestors);
        files.push((name, body));
    }
    files
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A file name from an image turned into a relative path that any Unix file system accepts
/// and that the folder loader reads: at most three components of at most 40 characters, no
/// control characters, no empty, `.`-leading (hidden) components, ending in `.toml`.
pub fn sanitize(name: &str) -> String {
    let mut parts: Vec<String> = name
        .split(['/', '\\'])
        .map(|c| {
            c.chars()
                .filter(|c| !c.is_control())
                .take(40)
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|c| !c.is_empty() && !c.starts_with('.'))
        .collect();
    parts.truncate(3);
    match parts.last_mut() {
        Some(last) if !last.ends_with(".toml") => last.push_str(".toml"),
        Some(_) => {}
        None => parts.push("x.toml".to_string()),
    }
    parts.join("/")
}

/// How many findings the human renderer draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Human {
    /// Every finding (the corpus replay test).
    All,
    /// The first finding of each rule code and the last finding (the fuzzer). The renderer
    /// draws each finding on its own, scanning the file from its start for every snippet, so
    /// on a large input with hundreds of findings drawing them all took most of the time.
    Sample,
}

/// Runs one input through loading, every rule and every renderer. Panics on a bug.
pub fn check(data: &[u8]) {
    check_with(data, Human::Sample);
}

/// [`check`], choosing how many findings the human renderer draws.
pub fn check_with(data: &[u8], mode: Human) {
    let lang = if data.len().is_multiple_of(2) {
        Lang::En
    } else {
        Lang::Ja
    };
    let files = split(data);
    let texts: Option<Vec<(&str, &str)>> = files
        .iter()
        .map(|(rel, bytes)| Some((rel.as_str(), std::str::from_utf8(bytes).ok()?)))
        .collect();
    let has_bom = files.iter().any(|(_, bytes)| bytes.starts_with(BOM));
    match texts {
        Some(texts) => {
            let in_memory = render_all(
                plancheck::rules::load_from_memory("plan", &texts),
                lang,
                mode,
            );
            if has_bom {
                let on_disk = render_all(load_from_disk(&files), lang, mode);
                assert_eq!(
                    in_memory, on_disk,
                    "loading from memory and from disk differ"
                );
            }
        }
        None => {
            render_all(load_from_disk(&files), lang, mode);
        }
    }
}

/// Writes the files to a fresh temporary folder `plan/` and loads it as the CLI does.
pub fn load_from_disk(files: &[(String, &[u8])]) -> Result<Loaded, LoadFailure> {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path().join("plan");
    std::fs::create_dir_all(&root).expect("the plan folder");
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a subfolder");
        }
        std::fs::write(&path, bytes).expect("a plan file");
    }
    plancheck::load(&root, "plan")
}

/// Checks and renders a load result in every format; returns the JSON report.
pub fn render_all(result: Result<Loaded, LoadFailure>, lang: Lang, mode: Human) -> String {
    match result {
        Ok(loaded) => {
            let plan = &loaded.plan;
            let outcome = plancheck::outcome::evaluate_loaded(&loaded, &Options::default());
            let json = render_outcome(&outcome, lang, mode);
            let findings = outcome.findings;

            let baseline = plancheck::outcome::baseline::write(&plan.files, &findings);
            let parsed =
                plancheck::outcome::baseline::parse(&baseline).expect("the baseline parses");
            let n = findings.len();
            let c = plancheck::outcome::baseline::compare(&plan.files, &parsed, findings);
            assert!(
                c.new.is_empty() && c.known == n && c.fixed.is_empty(),
                "a baseline of the findings does not absorb them all"
            );

            let r = placeholder_report::build(plan, &Default::default());
            for width in [100, 30] {
                let table = r.to_table(lang, width);
                if let Some(line) = table
                    .lines()
                    .find(|l| unicode_width::UnicodeWidthStr::width(*l) > width)
                {
                    panic!("report table line wider than {width}: {line}");
                }
            }
            for p in &plan.projects {
                let n = *p.number.get_ref();
                // by its number, unless another project has the same one
                if plan
                    .projects
                    .iter()
                    .filter(|q| *q.number.get_ref() == n)
                    .count()
                    == 1
                {
                    assert_eq!(
                        placeholder_report::resolve_project(plan, &n.to_string()),
                        Ok(n)
                    );
                }
            }
            r.to_csv(lang);
            r.to_markdown(lang);
            r.to_json();

            let grid = matrix::build(plan);
            for diff in [false, true] {
                grid.to_table(lang, diff, Ambiguous::Narrow);
                grid.to_table(lang, diff, Ambiguous::Wide);
                grid.to_markdown(lang, diff);
                grid.to_csv(lang, diff);
            }
            grid.to_json();
            let toml_text = grid.to_toml(plan);
            if let Err(e) = toml_text.parse::<toml::Table>() {
                panic!("matrix --format toml is not TOML: {e}\n{toml_text}");
            }

            let s = plancheck::output::stats::stats(plan);
            plancheck::output::stats::to_json(&s);
            plancheck::output::stats::to_table(&s, lang);
            json
        }
        Err(failure) => render_outcome(&Outcome::not_loaded(failure), lang, mode),
    }
}

/// Renders an outcome in every `check --format`, suppressed findings included; returns the
/// JSON.
fn render_outcome(outcome: &Outcome, lang: Lang, mode: Human) -> String {
    let settings = Settings {
        lang,
        color: false,
        width: 80,
        show_suppressed: true,
        anchor: None,
        min_severity: plancheck::finding::Severity::Info,
    };
    let sampled: Outcome;
    let for_human = match mode {
        Human::All => outcome,
        Human::Sample => {
            let mut seen = std::collections::BTreeSet::new();
            let last = outcome.findings.len().saturating_sub(1);
            let findings = outcome
                .findings
                .iter()
                .enumerate()
                .filter(|(i, f)| seen.insert(f.code) || *i == last)
                .map(|(_, f)| f.clone())
                .collect();
            sampled = Outcome {
                findings,
                ..outcome.clone()
            };
            &sampled
        }
    };
    let mut json = String::new();
    for reporter in output::REPORTERS {
        if reporter.name() == "human" {
            reporter.render(for_human, &settings);
            continue;
        }
        let rendered = reporter.render(outcome, &settings);
        if reporter.name() == "json" {
            json = rendered.stdout;
        }
    }
    parse_json(&json, "check --format json");
    json
}

fn parse_json(text: &str, what: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        panic!("{what} is not JSON: {e}\n{text}");
    }
}
