//! Triage-first `check` output on the shipped plan, judged against the JSON output (run as a
//! separate process) as the oracle: what is listed, in what order, how wide, how it ends.

mod common;
use common::{Fixture, VALID, repo, run_in};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

fn json_findings(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "plan", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_in(&repo(), &all);
    serde_json::from_str(&out.stdout).expect("JSON output")
}

fn human_ja(extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "plan", "--lang", "ja", "--color", "never"];
    args.extend_from_slice(extra);
    let out = run_in(&repo(), &args);
    (out.code, out.stdout)
}

/// `[file:line:column]`, as the snippet header prints a finding's place.
fn place(f: &serde_json::Value) -> String {
    format!(
        "[{}:{}:{}]",
        f["file"].as_str().unwrap(),
        f["line"],
        f["column"]
    )
}

#[test]
fn shipped_plan_fits_in_500_lines_with_every_warning_before_the_table() {
    let (code, out) = human_ja(&[]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() <= 500, "{} lines", lines.len());
    let v = json_findings(&[]);
    let table = lines
        .iter()
        .position(|l| l.starts_with("一覧に出していない指摘"))
        .expect("the table of the other findings");
    let listed = lines[..table].join("\n");
    let warnings: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    assert_eq!(warnings.len(), 47);
    // Each warning's place appears in full above the table, as often as there are warnings
    // at that place.
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for w in &warnings {
        *expected.entry(place(w)).or_default() += 1;
    }
    for (p, n) in &expected {
        assert!(
            listed.matches(p.as_str()).count() >= *n,
            "{p} is not listed {n} times before the table"
        );
    }
    // One ⚠ line per warning, and no info finding listed.
    assert_eq!(
        lines[..table]
            .iter()
            .filter(|l| l.trim_start().starts_with('⚠'))
            .count(),
        47
    );
    assert!(!listed.contains('☞'));
    // The first warning is on the first screen.
    let first = lines.iter().position(|l| l.contains('⚠')).unwrap();
    assert!(first < 10, "first warning at line {first}");
    // Nothing is listed after the table but the hint and the closing line.
    assert!(!lines[table..].iter().any(|l| l.contains('⚠')));
}

#[test]
fn no_line_is_wider_than_the_width() {
    for (args, width) in [
        (&[][..], 100),
        (&["--width", "60"][..], 60),
        (&["--min-severity", "info"][..], 100),
        (&["--min-severity", "info", "--width", "60"][..], 60),
    ] {
        let (_, out) = human_ja(args);
        for line in out.lines() {
            assert!(
                line.width() <= width,
                "{args:?}: {} columns: {line}",
                line.width()
            );
        }
    }
}

#[test]
fn the_table_counts_add_up_to_the_json_summary() {
    let (_, out) = human_ja(&[]);
    let v = json_findings(&[]);
    let mut by_code: BTreeMap<String, u64> = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        if f["severity"] == "info" {
            *by_code
                .entry(f["code"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    let lines: Vec<&str> = out.lines().collect();
    let table = lines
        .iter()
        .position(|l| l.starts_with("一覧に出していない指摘"))
        .unwrap();
    let mut counted: BTreeMap<String, u64> = BTreeMap::new();
    for row in lines[table + 1..]
        .iter()
        .take_while(|l| l.starts_with("  "))
    {
        let mut cells = row.split_whitespace();
        let n: u64 = cells.next().unwrap().parse().expect("a count");
        counted.insert(cells.next().unwrap().to_string(), n);
    }
    assert_eq!(counted, by_code);
    assert_eq!(counted.values().sum::<u64>(), v["summary"]["info"]);
    assert!(lines[table].contains(&format!("{} 件", v["summary"]["info"])));
    assert!(out.contains("--min-severity info"));
    assert!(out.contains("plancheck report"));
}

#[test]
fn min_severity_info_lists_everything_and_drops_the_table() {
    let (_, out) = human_ja(&["--min-severity", "info"]);
    let v = json_findings(&[]);
    assert!(!out.contains("一覧に出していない指摘"));
    let marks = out
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with('⚠') || t.starts_with('☞') || t.starts_with('×')
        })
        .count();
    assert_eq!(marks, v["findings"].as_array().unwrap().len());
    // Warnings still come first.
    let lines: Vec<&str> = out.lines().collect();
    let last_warning = lines.iter().rposition(|l| l.contains('⚠')).unwrap();
    let first_info = lines.iter().position(|l| l.contains('☞')).unwrap();
    assert!(last_warning < first_info);
}

#[test]
fn related_places_are_indented_under_their_finding() {
    let (_, out) = human_ja(&[]);
    let related: Vec<&str> = out.lines().filter(|l| l.contains("関連: ")).collect();
    assert!(!related.is_empty());
    for l in related {
        assert!(l.starts_with("    関連: "), "{l}");
    }
    let (_, en) = {
        let o = run_in(
            &repo(),
            &["check", "plan", "--lang", "en", "--color", "never"],
        );
        (o.code, o.stdout)
    };
    assert!(en.lines().any(|l| l.starts_with("    related: ")));
}

#[test]
fn concise_prints_one_line_per_finding_and_a_closing_line() {
    let v = json_findings(&[]);
    for (min, severities) in [
        ("info", &["info", "warning", "error"][..]),
        ("warning", &["warning", "error"][..]),
        ("error", &["error"][..]),
    ] {
        let out = run_in(
            &repo(),
            &[
                "check",
                "plan",
                "--format",
                "concise",
                "--lang",
                "en",
                "--min-severity",
                min,
            ],
        );
        assert_eq!(out.code, 0);
        let expected: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| severities.contains(&f["severity"].as_str().unwrap()))
            .map(|f| {
                format!(
                    "{}:{}:{}: {} {}",
                    f["file"].as_str().unwrap(),
                    f["line"],
                    f["column"],
                    f["code"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect();
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(
            lines[..lines.len() - 1],
            expected[..],
            "--min-severity {min}"
        );
        assert_eq!(
            *lines.last().unwrap(),
            "No errors. Please review the 47 warnings. Exit code 0."
        );
    }
}

#[test]
fn a_plan_that_did_not_load_says_no_check_ran() {
    let f = Fixture::new();
    f.write("plan.toml", "[plan\nname = \"x\"\n");
    for (format, lang, last) in [
        (
            "human",
            "ja",
            "計画を読み込めなかったため、点検は行っていません（読み込みエラー 1 件、終了コード 2）。",
        ),
        (
            "concise",
            "ja",
            "計画を読み込めなかったため、点検は行っていません（読み込みエラー 1 件、終了コード 2）。",
        ),
        (
            "human",
            "en",
            "The plan could not be loaded, so no check ran (1 load error, exit code 2).",
        ),
        (
            "concise",
            "en",
            "The plan could not be loaded, so no check ran (1 load error, exit code 2).",
        ),
    ] {
        let out = f.run(&[
            "check", "plan", "--format", format, "--lang", lang, "--color", "never",
        ]);
        assert_eq!(out.code, 2);
        assert_eq!(out.stdout.lines().last(), Some(last), "{}", out.stdout);
    }
}

#[test]
fn the_last_line_names_the_policy_that_failed() {
    let (code, out) = human_ja(&["--deny", "warnings"]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().last(),
        Some("--deny warnings により警告 47 件を失敗として扱いました（終了コード 1）。")
    );
    let out = run_in(
        &repo(),
        &[
            "check",
            "plan",
            "--lang",
            "en",
            "--deny",
            "warnings",
            "--exit-zero",
        ],
    );
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .lines()
            .last()
            .unwrap()
            .contains("--exit-zero makes this a success"),
        "{}",
        out.stdout
    );
    // An error decides the exit code by itself.
    let f = Fixture::new();
    f.write(
        "plan.toml",
        format!("{VALID}\n[[measure]]\nid = \"1-2\"\npolicy = \"9\"\nname = \"x\"\n"),
    );
    let out = f.run(&["check", "plan", "--lang", "ja"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let last = out.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("エラー ") && last.ends_with("があるため失敗としました（終了コード 1）。"),
        "{last}"
    );
}

#[test]
fn a_long_line_is_cut_around_the_span_and_marked() {
    // plan/intro.toml:5 is a paragraph on one line, about 840 columns wide.
    let (_, out) = human_ja(&["--min-severity", "info"]);
    let snippet = out
        .lines()
        .find(|l| l.starts_with(" 5 │ ") && l.contains("取り組み"))
        .expect("the windowed line of plan/intro.toml:5");
    assert!(snippet.contains('…'), "{snippet}");
    assert!(snippet.width() <= 100);
    assert!(out.contains("[plan/intro.toml:5:254]"));
}
