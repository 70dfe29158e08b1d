//! Command-line behaviour: colour, width, language, rule listing and explanations.

mod common;
use common::{repo, run_in};
use std::process::Command;

fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut c = common::plancheck(&repo(), args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn colour_is_on_only_when_asked_or_on_a_terminal() {
    let (_, always) = run_env(&["check", "plan", "--color", "always"], &[]);
    assert!(
        always.contains("\u{1b}["),
        "ANSI escapes with --color always"
    );
    let (_, never) = run_env(&["check", "plan", "--color", "never"], &[]);
    assert!(!never.contains("\u{1b}["));
    // auto: stdout is a pipe here, so no colour; NO_COLOR too
    let (_, auto) = run_env(&["check", "plan"], &[]);
    assert!(!auto.contains("\u{1b}["));
    let (_, no_color) = run_env(&["check", "plan", "--color", "auto"], &[("NO_COLOR", "1")]);
    assert!(!no_color.contains("\u{1b}["));
}

#[test]
fn width_wraps_messages() {
    let (_, narrow) = run_env(&["check", "plan", "--color", "never", "--width", "60"], &[]);
    let (_, wide) = run_env(
        &["check", "plan", "--color", "never", "--width", "200"],
        &[],
    );
    assert!(
        longest_message(&narrow) <= 60,
        "{}",
        longest_message(&narrow)
    );
    assert!(longest_message(&wide) > 60);
}

/// The widest diagnostic header or message line of human output.
fn longest_message(s: &str) -> usize {
    s.lines()
        .filter(|l| l.trim_start().starts_with(['⚠', '☞', '×']))
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap()
}

#[test]
fn width_defaults_to_columns_then_100_without_a_terminal() {
    let (_, columns) = run_env(&["check", "plan", "--color", "never"], &[("COLUMNS", "60")]);
    assert!(
        longest_message(&columns) <= 60,
        "{}",
        longest_message(&columns)
    );
    let (_, default) = run_env(&["check", "plan", "--color", "never"], &[]);
    let longest = longest_message(&default);
    assert!(longest > 60 && longest <= 100, "{longest}");
}

/// Defect 2: `--width` claimed the terminal's width but read only $COLUMNS. Here standard
/// output is a pseudo-terminal 60 columns wide (util-linux `script`) while COLUMNS says 200.
#[cfg(target_os = "linux")]
#[test]
fn width_defaults_to_the_terminal_width() {
    let bin = env!("CARGO_BIN_EXE_plancheck");
    let out = Command::new("script")
        .current_dir(repo())
        .args(["-qec"])
        // COLUMNS is set last: the shell would update it after `stty` (checkwinsize)
        .arg(format!(
            "stty cols 60 rows 40; exec env COLUMNS=200 '{bin}' check plan --color never --lang en"
        ))
        .arg("/dev/null")
        .env_remove("NO_COLOR")
        .output()
        .expect("util-linux `script` runs the command on a pseudo-terminal");
    let text = String::from_utf8(out.stdout).unwrap().replace('\r', "");
    assert!(text.contains("Exit code 0."), "{text}");
    assert!(longest_message(&text) <= 60, "{}", longest_message(&text));
}

#[test]
fn language_follows_the_locale_unless_given() {
    let (_, ja) = run_env(
        &["check", "plan", "--color", "never"],
        &[("LANG", "ja_JP.UTF-8")],
    );
    assert!(
        ja.ends_with("エラーはありません。警告 47 件は確認してください（終了コード 0）。\n"),
        "{}",
        ja.lines().last().unwrap()
    );
    let (_, en) = run_env(
        &["check", "plan", "--color", "never"],
        &[("LANG", "C.UTF-8")],
    );
    assert!(en.ends_with("No errors. Please review the 47 warnings. Exit code 0.\n"));
    let (_, forced) = run_env(
        &["check", "plan", "--color", "never", "--lang", "en"],
        &[("LANG", "ja_JP.UTF-8")],
    );
    assert!(forced.ends_with("Exit code 0.\n"));
    let (_, lc_all) = run_env(
        &["check", "plan", "--color", "never"],
        &[("LANG", "en_US.UTF-8"), ("LC_ALL", "ja_JP.UTF-8")],
    );
    assert!(lc_all.ends_with("（終了コード 0）。\n"));
}

#[test]
fn rules_and_explain() {
    let out = run_in(&repo(), &["rules", "--lang", "en"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout.lines().count(),
        plancheck::rules::REGISTRY.len() + 2,
        "header, rule, one line per rule"
    );
    insta::assert_snapshot!("rules_en", out.stdout);
    let ja = run_in(&repo(), &["explain", "unknown-direction", "--lang", "ja"]);
    assert_eq!(ja.code, 0);
    insta::assert_snapshot!("explain_pc102_ja", ja.stdout);
    let unknown = run_in(&repo(), &["explain", "PC10", "--lang", "en"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stdout.contains("did you mean"),
        "{}",
        unknown.stdout
    );
}

#[test]
fn explain_reads_the_configuration_even_when_the_plan_does_not_load() {
    // defect 5: a plan file that failed to load hid plancheck.toml
    let f = common::Fixture::new();
    f.write("plan.toml", "[plan\n");
    f.write("plancheck.toml", "[rules]\ndraft-plan = \"off\"\n");
    let out = f.run(&["explain", "PC404", "plan", "--lang", "en"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("info (configured: off in plancheck.toml)"),
        "{}",
        out.stdout
    );
    // a configuration that does not load is reported, not ignored
    f.write("plancheck.toml", "[rules]\ndraft-plan = \"loud\"\n");
    let out = f.run(&[
        "explain", "PC404", "plan", "--lang", "en", "--color", "never",
    ]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stdout.contains("invalid severity `loud`"),
        "{}",
        out.stdout
    );
    f.write("plancheck.toml", "[rules]\ndraft-plam = \"off\"\n");
    let out = f.run(&[
        "explain", "PC404", "plan", "--lang", "en", "--color", "never",
    ]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stdout.contains("did you mean `draft-plan`?"),
        "{}",
        out.stdout
    );
}

#[test]
fn explain_refuses_a_folder_that_does_not_exist() {
    // defect 5: a mistyped folder was silently accepted
    let f = common::Fixture::new();
    let out = f.run(&[
        "explain", "PC404", "plam", "--lang", "en", "--color", "never",
    ]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stdout.contains("plan folder not found: plam"),
        "{}",
        out.stdout
    );
    // without a folder argument and without ./plan, the defaults are explained
    let empty = tempfile::tempdir().unwrap();
    let out = run_in(empty.path(), &["explain", "PC404", "--lang", "en"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("Default severity: info\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn usage_errors_exit_two() {
    let out = run_in(&repo(), &["check", "plan", "--format", "yaml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("yaml"));
    let out = run_in(&repo(), &["frobnicate"]);
    assert_eq!(out.code, 2);
}

#[test]
fn a_plan_without_errors_or_warnings_closes_by_saying_so() {
    // the rules' base plan: no finding under any rule
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plan")).unwrap();
    std::fs::write(dir.path().join("plan/plan.toml"), common::base_with(&[])).unwrap();
    for format in ["human", "concise"] {
        let ja = run_in(
            dir.path(),
            &["check", "plan", "--format", format, "--lang", "ja"],
        );
        assert_eq!(ja.code, 0, "{}{}", ja.stdout, ja.stderr);
        assert!(
            ja.stdout
                .ends_with("エラーも警告もありません（終了コード 0）。\n"),
            "{format}: {}",
            ja.stdout
        );
        let en = run_in(
            dir.path(),
            &["check", "plan", "--format", format, "--lang", "en"],
        );
        assert!(
            en.stdout
                .ends_with("No errors and no warnings. Exit code 0.\n"),
            "{format}: {}",
            en.stdout
        );
    }
}

/// `plancheck check plan` with standard output going to `stdout`: its exit code and its
/// standard error.
fn check_into(stdout: std::process::Stdio, lang: &str) -> (Option<i32>, String) {
    let out = common::plancheck(&repo(), &["check", "plan", "--color", "never"])
        .env("PLANCHECK_LANG", lang)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_reader_that_went_away_is_not_an_error_of_ours() {
    // `plancheck check | head`: the pipe is closed before anything is written
    let (normal, _) = check_into(std::process::Stdio::null(), "en");
    assert!(matches!(normal, Some(0 | 1)), "{normal:?}");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let (code, stderr) = check_into(writer.into(), "en");
    assert_eq!(code, normal, "{stderr}");
    assert_eq!(stderr, "", "nothing said about the closed pipe");
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_an_error_with_exit_code_two() {
    for (lang, wanted) in [
        ("en", "plancheck: cannot write the output: "),
        ("ja", "plancheck: 出力を書き込めません（"),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let (code, stderr) = check_into(full.into(), lang);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.starts_with(wanted), "{lang}: {stderr}");
    }
}

#[test]
fn a_missing_plan_folder_is_pointed_at_relative_to_the_working_directory() {
    // the folder does not exist, so its path is made absolute and normal by hand
    let cwd = tempfile::tempdir().unwrap();
    let out = run_in(
        cwd.path(),
        &["check", "missing/sub/../x", "--format", "github"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("::error file=missing/x,title=PC001 "),
        "{}",
        out.stdout
    );
}
