//! `plancheck review`: the page file as written (the browser tests look at it rendered).

mod common;
use common::{Fixture, VALID, repo};
use std::path::Path;
use std::process::Command;

fn review(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plancheck"));
    c.current_dir(cwd).arg("review").args(args);
    for k in ["LANG", "LC_ALL", "LC_MESSAGES", "SOURCE_DATE_EPOCH"] {
        c.env_remove(k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Values of every `src="…"` and `href="…"` attribute in the text.
fn references(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in ["src=\"", "href=\"", "src='", "href='"] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let quote = attr.chars().last().unwrap();
            out.push(&rest[..rest.find(quote).unwrap()]);
        }
    }
    out
}

#[test]
fn the_page_is_one_file_with_no_external_reference() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let (code, stdout, _) = review(
        &repo(),
        &["plan", "--output", out.to_str().unwrap()],
        &[("LANG", "ja_JP.UTF-8"), ("SOURCE_DATE_EPOCH", "1750000000")],
    );
    assert_eq!(code, 0);
    assert_eq!(stdout, "", "nothing on stdout when writing a file");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    // the date and time of the check, from SOURCE_DATE_EPOCH (2025-06-15 15:06:40 UTC)
    assert!(html.contains("2025年6月15日 15:06（UTC）"));
    assert!(html.contains("datetime=\"2025-06-15T15:06:40+00:00\""));
    assert!(html.contains(&format!("plancheck {}", env!("CARGO_PKG_VERSION"))));
    let refs = references(&html);
    assert!(refs.len() > 10, "in-page links are there");
    for r in refs {
        assert!(r.starts_with('#'), "external reference: {r}");
    }
    for bad in ["<link", "<img", "<iframe", "@import", "url(", "<script src"] {
        assert!(!html.contains(bad), "{bad}");
    }
    // styles and script inline, once each
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("<script>").count(), 1);
    // nothing left beside it
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left");
}

#[test]
fn same_input_same_bytes_and_the_language_follows_the_locale() {
    let run = |lang: &str| {
        let (code, stdout, _) = review(
            &repo(),
            &["plan"],
            &[("LANG", lang), ("SOURCE_DATE_EPOCH", "1750000000")],
        );
        assert_eq!(code, 0);
        stdout
    };
    let a = run("ja_JP.UTF-8");
    let b = run("ja_JP.UTF-8");
    assert_eq!(a, b, "deterministic");
    assert!(a.contains("<h2 id=\"overview-h\">概要</h2>"));
    let en = run("C.UTF-8");
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("<h2 id=\"overview-h\">Overview</h2>"));
    assert!(en.contains("2025-06-15 15:06 (UTC)"));
    // --lang wins over the locale
    let (_, forced, _) = review(
        &repo(),
        &["plan", "--lang", "ja"],
        &[("LANG", "C.UTF-8"), ("SOURCE_DATE_EPOCH", "1750000000")],
    );
    assert_eq!(forced, a);
}

#[test]
fn never_writes_into_the_plan_folder() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    let target = f.plan().join("review.html");
    let (code, stdout, _) = review(f.dir.path(), &["plan", "-o", target.to_str().unwrap()], &[]);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("refusing to write into the plan folder"),
        "{stdout}"
    );
    assert!(!target.exists());
    // beside it is fine
    let (code, _, _) = review(f.dir.path(), &["plan", "-o", "review.html"], &[]);
    assert_eq!(code, 0);
    assert!(f.dir.path().join("review.html").is_file());
}

#[test]
fn a_plan_that_does_not_load_writes_nothing() {
    let f = Fixture::new();
    f.write("plan.toml", "[plan]\nname = \"テスト\n");
    let (code, stdout, _) = review(f.dir.path(), &["plan", "-o", "review.html"], &[]);
    assert_eq!(code, 2);
    assert!(stdout.contains("plan/plan.toml:2:"), "{stdout}");
    assert!(!f.dir.path().join("review.html").exists());
}

#[test]
fn a_bad_source_date_epoch_is_a_usage_error() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    let (code, stdout, _) = review(
        f.dir.path(),
        &["plan", "-o", "review.html"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(code, 2);
    assert!(stdout.contains("SOURCE_DATE_EPOCH"), "{stdout}");
    assert!(!f.dir.path().join("review.html").exists());
}

#[test]
fn a_dash_for_output_means_standard_output() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    let (code, stdout, stderr) = review(
        f.dir.path(),
        &["plan", "--output", "-"],
        &[("SOURCE_DATE_EPOCH", "1750000000")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        &stdout[..stdout.len().min(200)]
    );
    assert!(stdout.trim_end().ends_with("</html>"));
    assert!(
        !f.dir.path().join("-").exists(),
        "a file named - was written"
    );
}

/// The heading's counts as the officer reads them: 「（警告 8 件、情報 45 件）」 in Japanese,
/// "(8 warnings, 45 info)" in English; severities without findings are left out.
fn counts_in_heading(lang: &str, errors: usize, warnings: usize, infos: usize) -> String {
    let mut parts = Vec::new();
    if lang == "ja" {
        for (n, label) in [(errors, "エラー"), (warnings, "警告"), (infos, "情報")] {
            if n > 0 {
                parts.push(format!("{label} {n} 件"));
            }
        }
        format!("（{}）", parts.join("、"))
    } else {
        for (n, one, many) in [
            (errors, "error", "errors"),
            (warnings, "warning", "warnings"),
            (infos, "info", "info"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        format!("({})", parts.join(", "))
    }
}

/// Each project's heading on the review page says how many findings of each severity are
/// listed under it, so that the group to open first can be seen without opening any (a
/// heading with empty brackets went unnoticed: issue 18's sample).
#[test]
fn each_project_heading_counts_the_findings_listed_under_it() {
    let out = tempfile::tempdir().unwrap();
    for lang in ["ja", "en"] {
        let page = out.path().join(format!("review-{lang}.html"));
        let (code, _, stderr) = review(
            &repo(),
            &["plan", "--lang", lang, "--output", page.to_str().unwrap()],
            &[("SOURCE_DATE_EPOCH", "1750000000")],
        );
        assert_eq!(code, 0, "{stderr}");
        let html = std::fs::read_to_string(&page).unwrap();
        let groups: Vec<&str> = html.split("<section class=\"group\"").skip(1).collect();
        assert!(groups.len() >= 2, "{lang}: {} project groups", groups.len());
        for group in groups {
            let heading = &group[..group.find("</h3>").unwrap()];
            let listed = |sev: &str| {
                group
                    .matches(&format!("<article class=\"finding {sev}\""))
                    .count()
            };
            let (errors, warnings, infos) = (listed("error"), listed("warning"), listed("info"));
            assert!(
                errors + warnings + infos > 0,
                "{lang}: an empty group: {heading}"
            );
            let expected = counts_in_heading(lang, errors, warnings, infos);
            assert!(
                heading.ends_with(&format!("<span class=\"n\">{expected}</span>")),
                "{lang}: the heading {heading:?} does not say {expected}"
            );
        }
    }
}

/// An empty `SOURCE_DATE_EPOCH` (as a CI template may set it) is unset: the page is written,
/// dated now.
#[test]
fn an_empty_source_date_epoch_means_now() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    let (code, stdout, stderr) = review(
        f.dir.path(),
        &["plan", "-o", "review.html"],
        &[("SOURCE_DATE_EPOCH", " ")],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(f.dir.path().join("review.html").exists());
}

/// The verdict at the top of the page says whether `check` fails: an error fails it.
#[test]
fn the_verdict_follows_the_check() {
    let epoch = [("SOURCE_DATE_EPOCH", "1750000000")];
    let failing =
        common::plan_with(&[("direction = \"1-1 方針２\"", "direction = \"1-1 方針９\"")]);
    let (code, page, stderr) = review(failing.dir.path(), &["plan", "--lang", "en"], &epoch);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        page.contains("<p class=\"verdict failing\"><strong class=\"verdict-word\">Fix needed</strong> 1 error: fix before the council meeting (plancheck check fails)."),
        "{page}"
    );
    let passing = Fixture::new();
    passing.write("plan.toml", VALID);
    let (code, page, stderr) = review(passing.dir.path(), &["plan", "--lang", "en"], &epoch);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        page.contains("<p class=\"verdict passing\"><strong class=\"verdict-word\">Passes</strong> No errors and no warnings (plancheck check passes).</p>"),
        "{page}"
    );
}
