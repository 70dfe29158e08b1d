//! SARIF and GitHub annotations as their consumers read them, whatever form the plan folder is
//! given in (relative, absolute, through a symbolic link): the SARIF passes Microsoft's SARIF
//! validator (`@microsoft/sarif-multitool validate`, the version pinned in `tools/sarif/`),
//! and the annotations name the same repository-relative files.
//!
//! The validator is required: without it these tests fail. Install it with
//! `bash tests/setup.sh` (bash .ci/run does it).

mod common;
use common::{Fixture, repo, run_in};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The validator's executable, as its npm package resolves it for this platform. (The
/// package's `bin.js` runs it through a shell, which would split `--level "Error;Warning"`.)
fn validator() -> PathBuf {
    let dir = repo().join("tools/sarif");
    let out = Command::new("node")
        .current_dir(&dir)
        .args(["-p", "require('@microsoft/sarif-multitool')"])
        .output();
    let path = match out {
        Ok(o) if o.status.success() => PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()),
        _ => PathBuf::new(),
    };
    assert!(
        path.is_file(),
        "Microsoft's SARIF validator is not installed: these tests need it. Install it with \
         `bash tests/setup.sh` (bash .ci/run does it)."
    );
    path
}

/// Validates a SARIF document with the real validator, reporting errors and warnings; returns
/// the validator's own results (each `ruleId: message arguments`).
fn validate(sarif: &str) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("plancheck.sarif");
    let output = tmp.path().join("validation.sarif");
    std::fs::write(&input, sarif).unwrap();
    let run = Command::new(validator())
        // a .NET program: no need for the system's ICU libraries
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .args(["validate", "--level", "Error;Warning", "--output"])
        .arg(&output)
        .arg(&input)
        .output()
        .expect("run the SARIF validator");
    assert!(
        output.is_file(),
        "the validator wrote no result log: {}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["invocations"][0]["executionSuccessful"], true,
        "the validator ran to the end: {run}"
    );
    assert!(
        run["invocations"][0]["toolExecutionNotifications"].is_null(),
        "{run}"
    );
    run["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            format!(
                "{} {}: {}",
                r["level"].as_str().unwrap_or("warning"),
                r["ruleId"].as_str().unwrap_or("?"),
                r["message"]["arguments"]
            )
        })
        .collect()
}

/// The three forms of the shipped plan folder, run from the repository: `plan`, its absolute
/// path, and a symbolic link to it in a temporary folder (kept alive by the guard).
fn forms() -> (tempfile::TempDir, Vec<(&'static str, String)>) {
    let links = tempfile::tempdir().unwrap();
    let link = links.path().join("linked-plan");
    std::os::unix::fs::symlink(repo().join("plan"), &link).unwrap();
    let absolute = repo().join("plan").to_str().unwrap().to_string();
    let forms = vec![
        ("relative", "plan".to_string()),
        ("absolute", absolute),
        ("symlink", link.to_str().unwrap().to_string()),
    ];
    (links, forms)
}

fn check(cwd: &Path, dir: &str, format: &str) -> String {
    // Every finding, info included (`--format github` annotates from `--min-severity` up).
    let out = run_in(
        cwd,
        &[
            "check",
            dir,
            "--format",
            format,
            "--lang",
            "en",
            "--min-severity",
            "info",
        ],
    );
    assert!(out.code < 2, "{dir}: exit {}\n{}", out.code, out.stderr);
    out.stdout
}

/// Every artifact location of a SARIF log (results and related locations).
fn artifact_locations(sarif: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for r in sarif["runs"][0]["results"].as_array().unwrap() {
        for key in ["locations", "relatedLocations"] {
            for l in r[key].as_array().into_iter().flatten() {
                out.push(l["physicalLocation"]["artifactLocation"].clone());
            }
        }
    }
    out
}

/// The `file=` properties of GitHub annotations, in order.
fn annotation_files(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with("::"))
        .map(|l| {
            let props = l[2..].split_once(' ').unwrap().1;
            let file = props.split(',').next().unwrap();
            file.strip_prefix("file=").unwrap().to_string()
        })
        .collect()
}

#[test]
fn shipped_plan_sarif_passes_the_validator_in_every_form() {
    let (_links, forms) = forms();
    let root = repo().canonicalize().unwrap();
    let root = root.to_str().unwrap();
    let mut logs = Vec::new();
    for (form, dir) in &forms {
        let text = check(&repo(), dir, "sarif");
        let findings = validate(&text);
        assert!(
            findings.is_empty(),
            "{form} ({dir}): the validator reports {} errors or warnings:\n{}",
            findings.len(),
            findings.join("\n")
        );
        let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
        let base = sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap_or_else(|| panic!("{form}: %SRCROOT% is declared"));
        assert!(
            base.starts_with("file:///") && base.ends_with('/'),
            "{base}"
        );
        if root
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b))
        {
            assert_eq!(
                base,
                format!("file://{root}/"),
                "{form}: the repository root"
            );
        }
        let locations = artifact_locations(&sarif);
        assert!(locations.len() > 100, "{form}: {}", locations.len());
        for l in &locations {
            assert_eq!(l["uriBaseId"], "%SRCROOT%", "{form}: {l}");
            let uri = l["uri"].as_str().unwrap();
            assert!(
                uri.starts_with("plan/") && uri.ends_with(".toml"),
                "{form}: {uri}"
            );
        }
        logs.push(text);
    }
    assert_eq!(
        logs[0], logs[1],
        "relative and absolute folders give the same SARIF"
    );
    assert_eq!(logs[0], logs[2], "a linked folder gives the same SARIF");
}

#[test]
fn the_validator_catches_a_bare_absolute_path() {
    // The output before the fix: a location's uri was the absolute path as given. The
    // validator must reject it, or the test above proves nothing.
    let text = check(&repo(), "plan", "sarif");
    let absolute = format!(
        "{}/plan/intro.toml",
        repo().canonicalize().unwrap().display()
    );
    let broken = text.replacen(
        "\"uri\": \"plan/intro.toml\"",
        &format!("\"uri\": {}", serde_json::json!(absolute)),
        1,
    );
    assert_ne!(broken, text);
    let findings = validate(&broken);
    assert!(
        findings.iter().any(|f| f.starts_with("error SARIF1004")),
        "{findings:?}"
    );
}

#[test]
fn annotation_paths_are_the_same_in_every_form() {
    let (_links, forms) = forms();
    let files: Vec<Vec<String>> = forms
        .iter()
        .map(|(_, dir)| annotation_files(&check(&repo(), dir, "github")))
        .collect();
    assert!(files[0].len() > 100, "{}", files[0].len());
    for f in &files[0] {
        assert!(f.starts_with("plan/") && f.ends_with(".toml"), "{f}");
    }
    assert_eq!(files[0], files[1], "absolute folder");
    assert_eq!(files[0], files[2], "linked folder");
}

/// A repository (a `.git` folder) with the plan in `sub/計画 フォルダ/`, one file named
/// `総合計画 100%.toml`.
fn japanese_repository() -> Fixture {
    let f = Fixture::new();
    let plan = f.dir.path().join("sub/計画 フォルダ");
    std::fs::create_dir_all(&plan).unwrap();
    std::fs::create_dir(f.dir.path().join(".git")).unwrap();
    let text = plancheck::rules::BASE.replacen("\"地域防災計画\"]", "\"地域防災計画（案）\"]", 1);
    std::fs::write(plan.join("総合計画 100%.toml"), text).unwrap();
    f
}

#[test]
fn japanese_names_are_percent_encoded_relative_to_the_repository_root() {
    let f = japanese_repository();
    let sub = f.dir.path().join("sub");
    // run from a subfolder of the repository: paths are still relative to its root
    let text = check(&sub, "計画 フォルダ", "sarif");
    assert!(validate(&text).is_empty(), "{:?}", validate(&text));
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    let locations = artifact_locations(&sarif);
    assert!(!locations.is_empty());
    for l in &locations {
        assert_eq!(
            l["uri"],
            "sub/%E8%A8%88%E7%94%BB%20%E3%83%95%E3%82%A9%E3%83%AB%E3%83%80/\
             %E7%B7%8F%E5%90%88%E8%A8%88%E7%94%BB%20100%25.toml"
        );
        assert_eq!(l["uriBaseId"], "%SRCROOT%");
    }
    let root = f.dir.path().canonicalize().unwrap();
    let base = sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].clone();
    if root
        .to_str()
        .unwrap()
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b))
    {
        assert_eq!(base, format!("file://{}/", root.display()));
    }
    // the annotations: the same file, unencoded, with the runner's escaping of `%`
    let github = check(&sub, "計画 フォルダ", "github");
    let files = annotation_files(&github);
    assert!(!files.is_empty());
    assert!(
        files
            .iter()
            .all(|f| f == "sub/計画 フォルダ/総合計画 100%25.toml"),
        "{files:?}"
    );
}

#[test]
fn a_plan_outside_the_base_gets_file_uris() {
    // no repository: the base is the working directory, and the plan is elsewhere
    let f = japanese_repository();
    std::fs::remove_dir(f.dir.path().join(".git")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let plan = f.dir.path().join("sub/計画 フォルダ");
    let text = check(elsewhere.path(), plan.to_str().unwrap(), "sarif");
    assert!(validate(&text).is_empty(), "{:?}", validate(&text));
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    for l in artifact_locations(&sarif) {
        assert!(l["uriBaseId"].is_null(), "{l}");
        let uri = l["uri"].as_str().unwrap();
        assert!(uri.starts_with("file:///"), "{uri}");
        assert!(
            uri.ends_with(
                "/sub/%E8%A8%88%E7%94%BB%20%E3%83%95%E3%82%A9%E3%83%AB%E3%83%80/\
                 %E7%B7%8F%E5%90%88%E8%A8%88%E7%94%BB%20100%25.toml"
            ),
            "{uri}"
        );
    }
    let github = check(elsewhere.path(), plan.to_str().unwrap(), "github");
    let root = f.dir.path().canonicalize().unwrap();
    for file in annotation_files(&github) {
        assert_eq!(
            file,
            format!("{}/sub/計画 フォルダ/総合計画 100%25.toml", root.display())
        );
    }
}
