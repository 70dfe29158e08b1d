//! Every `cargo run -- …` command of the README works as written: run in order, in a copy of the
//! repository's plan folder, each exits 0 (or 1 where the README says it fails on findings)
//! and writes what it says it writes. A newcomer copies these lines; a renamed option or a
//! removed command fails here first.

mod common;
use common::copy_dir;
use common::repo;
use std::process::Stdio;

/// One command line of the README: its environment, its arguments and where its standard
/// output goes.
struct Line {
    text: String,
    env: Vec<(String, String)>,
    args: Vec<String>,
    redirect: Option<String>,
}

/// The `cargo run -- …` and `cp -r` lines of the README's shell blocks, comments removed.
fn readme_lines() -> Vec<Line> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut in_shell = false;
    for raw in readme.lines() {
        if raw.starts_with("```") {
            in_shell = matches!(raw, "```sh" | "```bash" | "```console" | "```shell");
            continue;
        }
        if !in_shell {
            continue;
        }
        // a comment starts at ` # `
        let line = raw.split(" # ").next().unwrap().trim();
        let mut words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let mut env = Vec::new();
        while let Some((k, v)) = words.first().and_then(|w| w.split_once('=')) {
            if !k.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                break;
            }
            env.push((k.to_string(), v.to_string()));
            words.remove(0);
        }
        let redirect = match words.iter().position(|w| w == ">") {
            Some(i) => {
                let file = words.get(i + 1).cloned();
                words.truncate(i);
                file
            }
            None => None,
        };
        let args = if words.starts_with(&["cargo".into(), "run".into(), "--".into()]) {
            words[3..].to_vec()
        } else if words.starts_with(&["cp".into(), "-r".into()]) {
            words
        } else {
            continue;
        };
        out.push(Line {
            text: line.to_string(),
            env,
            args,
            redirect,
        });
    }
    out
}

#[test]
fn every_command_of_the_readme_runs_as_written() {
    let lines = readme_lines();
    assert!(lines.len() >= 40, "only {} commands found", lines.len());
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    copy_dir(&repo().join("plan"), &work.join("plan"));
    let mut ran = 0;
    for line in &lines {
        if line.args[0] == "cp" {
            copy_dir(&work.join(&line.args[2]), &work.join(&line.args[3]));
            continue;
        }
        // `--old-rev` needs the plan in a git repository: tests/diff.rs runs those lines in one
        if line.args.iter().any(|a| a == "--old-rev") {
            continue;
        }
        let mut c = common::plancheck(&work, &line.args);
        c.stdin(Stdio::null());
        for (k, v) in &line.env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        // exit 1 is "findings that fail the run": only where the README asks for that
        let fails_on_findings = line.args.iter().any(|a| a == "--deny");
        let expected = if fails_on_findings { 1 } else { 0 };
        assert_eq!(
            code,
            expected,
            "{}\nstdout: {}\nstderr: {}",
            line.text,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(file) = &line.redirect {
            assert!(!out.stdout.is_empty(), "{}: nothing to write", line.text);
            std::fs::write(work.join(file), &out.stdout).unwrap();
        }
        // a file named by --output / --write-baseline exists afterwards, and is not empty
        for flag in ["--output", "-o", "--write-baseline"] {
            if let Some(i) = line.args.iter().position(|a| a == flag) {
                let target = &line.args[i + 1];
                if target != "-" {
                    let written = std::fs::metadata(work.join(target))
                        .unwrap_or_else(|e| panic!("{}: {target}: {e}", line.text));
                    assert!(written.len() > 0, "{}: {target} is empty", line.text);
                }
            }
        }
        ran += 1;
    }
    assert!(ran >= 35, "only {ran} commands ran");
    // what the README's `fix` lines promise: the copy is fixed, the shipped copy is not
    let fixed = std::fs::read_to_string(work.join("plan-copy/intro.toml")).unwrap();
    let kept = std::fs::read_to_string(work.join("plan/intro.toml")).unwrap();
    assert_ne!(fixed, kept);
    // `init ../new-plan` made the new plan beside the working folder
    assert!(tmp.path().join("new-plan/plan/plancheck.toml").is_file());
}
