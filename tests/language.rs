//! Choosing the language: `--lang` > `PLANCHECK_LANG` > `lang` in the plan folder's
//! `plancheck.toml` > the OS locale (read by sys-locale: `LC_ALL`, `LC_MESSAGES`, `LANG` on
//! Linux) > English; `--help` and usage errors in that language; shell completions and the
//! manual page.

mod common;
use common::VALID;
use std::path::Path;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `cwd` with only the given language variables set.
fn run(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = common::plancheck(cwd, args);
    c.env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run plancheck");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A temporary folder with `plan/` holding a valid plan and, if given, a `plancheck.toml`.
fn plan_with_config(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plan")).unwrap();
    std::fs::write(dir.path().join("plan/plan.toml"), VALID).unwrap();
    if let Some(c) = config {
        std::fs::write(dir.path().join("plan/plancheck.toml"), c).unwrap();
    }
    dir
}

/// The language of `check`'s closing line: "ja" for 「終了コード」, "en" for "Exit code".
fn language_of_check(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> &'static str {
    let mut all = vec!["check", "plan"];
    all.extend_from_slice(args);
    let r = run(cwd, &all, env);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let last = r.stdout.lines().last().unwrap_or("").to_string();
    if last.contains("終了コード") {
        "ja"
    } else if last.contains("Exit code") {
        "en"
    } else {
        panic!("neither language: {last}")
    }
}

#[test]
fn the_option_beats_the_variable_which_beats_the_config_which_beats_the_locale() {
    let with_ja = plan_with_config(Some("lang = \"ja\"\n"));
    let with_en = plan_with_config(Some("lang = \"en\"\n"));
    let without = plan_with_config(None);
    let ja_locale = [("LANG", "ja_JP.UTF-8")];
    // the plan's setting, with no locale and with an English one
    assert_eq!(language_of_check(with_ja.path(), &[], &[]), "ja");
    assert_eq!(
        language_of_check(with_ja.path(), &[], &[("LANG", "en_US.UTF-8")]),
        "ja"
    );
    assert_eq!(language_of_check(with_en.path(), &[], &ja_locale), "en");
    // the variable beats the plan's setting
    assert_eq!(
        language_of_check(with_ja.path(), &[], &[("PLANCHECK_LANG", "en")]),
        "en"
    );
    assert_eq!(
        language_of_check(with_en.path(), &[], &[("PLANCHECK_LANG", "ja_JP")]),
        "ja"
    );
    // a variable that names no language is ignored
    assert_eq!(
        language_of_check(with_ja.path(), &[], &[("PLANCHECK_LANG", "fr")]),
        "ja"
    );
    // the option beats everything
    assert_eq!(
        language_of_check(
            with_ja.path(),
            &["--lang", "en"],
            &[("PLANCHECK_LANG", "ja"), ("LANG", "ja_JP.UTF-8")]
        ),
        "en"
    );
    assert_eq!(
        language_of_check(with_en.path(), &["--lang=ja"], &[("PLANCHECK_LANG", "en")]),
        "ja"
    );
    // no setting: the OS locale, else English
    assert_eq!(language_of_check(without.path(), &[], &ja_locale), "ja");
    assert_eq!(
        language_of_check(
            without.path(),
            &[],
            &[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")]
        ),
        "ja"
    );
    assert_eq!(
        language_of_check(without.path(), &[], &[("LANG", "C.UTF-8")]),
        "en"
    );
    assert_eq!(language_of_check(without.path(), &[], &[]), "en");
}

#[test]
fn the_setting_is_read_from_the_folder_given_on_the_command_line() {
    let dir = plan_with_config(None);
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("plan.toml"), VALID).unwrap();
    std::fs::write(other.join("plancheck.toml"), "lang = \"ja\"\n").unwrap();
    let r = run(dir.path(), &["stats", "other"], &[]);
    let plain = run(dir.path(), &["stats", "plan"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_ne!(r.stdout, plain.stdout, "other/ says ja, plan/ says nothing");
    assert!(
        r.stdout
            .chars()
            .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{}",
        r.stdout
    );
}

#[test]
fn a_language_the_tool_does_not_have_is_a_load_error_that_names_the_setting() {
    let dir = plan_with_config(Some("lang = \"fr\"\n"));
    let en = run(dir.path(), &["check", "plan"], &[]);
    assert_eq!(en.code, 2, "{}", en.stdout);
    assert!(en.stdout.contains("invalid language `fr`"), "{}", en.stdout);
    assert!(en.stdout.contains("plancheck.toml:1"), "{}", en.stdout);
    let ja = run(dir.path(), &["check", "plan", "--lang", "ja"], &[]);
    assert_eq!(ja.code, 2);
    assert!(
        ja.stdout.contains("言語「fr」は使えません"),
        "{}",
        ja.stdout
    );
}

#[test]
fn help_follows_the_plan_folders_setting_and_the_locale() {
    let with_ja = plan_with_config(Some("lang = \"ja\"\n"));
    let without = plan_with_config(None);
    let h = run(with_ja.path(), &["check", "--help"], &[]);
    assert_eq!(h.code, 0);
    assert!(h.stdout.contains("使い方: plancheck check"), "{}", h.stdout);
    let h = run(without.path(), &["--help"], &[("LANG", "ja_JP.UTF-8")]);
    assert!(
        h.stdout
            .contains("使い方: plancheck [オプション] <コマンド>"),
        "{}",
        h.stdout
    );
    let h = run(without.path(), &["--help"], &[]);
    assert!(h.stdout.contains("Usage: plancheck"), "{}", h.stdout);
}

/// The subcommands, as listed by the English help (the oracle is the binary's own listing
/// in the other language).
fn subcommands() -> Vec<String> {
    let h = run(Path::new("."), &["--help", "--lang", "en"], &[]);
    let list: Vec<String> = h
        .stdout
        .split("Commands:")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    for expected in [
        "check",
        "stats",
        "report",
        "matrix",
        "review",
        "rules",
        "explain",
        "completions",
        "man",
        "help",
    ] {
        assert!(list.iter().any(|c| c == expected), "{expected} in {list:?}");
    }
    list
}

#[test]
fn every_help_is_in_japanese_with_japanese_headings() {
    let mut pages = vec![(
        "plancheck".to_string(),
        run(Path::new("."), &["--lang", "ja", "--help"], &[]),
    )];
    for sub in subcommands() {
        pages.push((
            sub.clone(),
            run(Path::new("."), &["--lang", "ja", &sub, "--help"], &[]),
        ));
        if sub != "help" {
            pages.push((
                format!("help {sub}"),
                run(Path::new("."), &["--lang", "ja", "help", &sub], &[]),
            ));
        }
    }
    for (name, page) in &pages {
        assert_eq!(page.code, 0, "{name}: {}", page.stderr);
        let text = &page.stdout;
        assert!(text.contains("使い方: plancheck"), "{name}:\n{text}");
        assert!(text.contains("オプション:"), "{name}:\n{text}");
        assert!(text.contains("ヘルプを表示します。"), "{name}:\n{text}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "[default:",
            "[possible values:",
            "[OPTIONS]",
        ] {
            assert!(!text.contains(english), "{name}: {english}\n{text}");
        }
    }
    let check = &pages.iter().find(|(n, _)| n == "check").unwrap().1.stdout;
    assert!(check.contains("--format <形式>"), "{check}");
    assert!(
        check.contains("指定できる値は human、concise、json、sarif、github です。"),
        "{check}"
    );
    assert!(check.contains("既定は plan です。"), "{check}");
    let top = &pages[0].1.stdout;
    assert!(top.contains("コマンド:"), "{top}");
    assert!(top.contains("  check "), "{top}");
}

#[test]
fn usage_errors_are_in_japanese_and_keep_the_argument_and_the_choices() {
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["check", "--lang", "ja", "--fromat", "json"],
            &[
                "引数「--fromat」は使えません。",
                "もしかして: --format",
                "使い方: plancheck check",
            ],
        ),
        (
            &["check", "--lang", "ja", "--format", "xml"],
            &[
                "「xml」は指定できません。",
                "指定できる値: human、concise、json、sarif、github",
            ],
        ),
        (
            &["--lang", "ja", "chek"],
            &[
                "コマンド「chek」はありません。",
                "もしかして: check",
                "使えるコマンド: check、",
            ],
        ),
        (
            &["--lang", "ja", "explain"],
            &[
                "必要な引数がありません: <規則>",
                "使い方: plancheck explain",
            ],
        ),
        (
            &[
                "--lang",
                "ja",
                "check",
                "--baseline",
                "a",
                "--write-baseline",
                "b",
            ],
            &["一緒に指定できません。", "--baseline", "--write-baseline"],
        ),
        (
            &["--lang", "ja", "check", "--width", "abc"],
            &["--width <桁数> に「abc」は指定できません。"],
        ),
    ];
    for (args, wanted) in cases {
        let r = run(Path::new("."), args, &[]);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        for w in wanted {
            assert!(r.stderr.contains(w), "{args:?}: {w}\n{}", r.stderr);
        }
        assert!(
            r.stderr
                .contains("詳しくは --help を付けて実行してください。"),
            "{}",
            r.stderr
        );
        for english in ["error:", "Usage:", "unexpected", "invalid value", "tip:"] {
            assert!(
                !r.stderr.contains(english),
                "{args:?}: {english}\n{}",
                r.stderr
            );
        }
    }
    let en = run(Path::new("."), &["check", "--format", "xml"], &[]);
    assert_eq!(en.code, 2);
    assert!(
        en.stderr
            .contains("invalid value 'xml' for '--format <FORMAT>'")
            && en.stderr.contains("human, concise, json, sarif, github"),
        "{}",
        en.stderr
    );
}

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    let subs = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(Path::new("."), &["completions", shell], &[]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.len() > 500, "{shell}: {}", r.stdout);
        for sub in &subs {
            assert!(r.stdout.contains(sub.as_str()), "{shell} lacks {sub}");
        }
        // fish writes long options as `-l lang`
        for option in [
            "lang",
            "format",
            "write-baseline",
            "show-suppressed",
            "kind",
        ] {
            assert!(r.stdout.contains(option), "{shell} lacks {option}");
        }
    }
    let bad = run(Path::new("."), &["completions", "cmd"], &[]);
    assert_eq!(bad.code, 2);
}

#[test]
fn the_manual_page_names_every_subcommand_in_both_languages() {
    let subs = subcommands();
    let en = run(Path::new("."), &["man"], &[]);
    let ja = run(Path::new("."), &["man", "--lang", "ja"], &[]);
    assert_eq!((en.code, ja.code), (0, 0));
    assert!(en.stdout.starts_with(".ie") || en.stdout.contains(".TH plancheck 1"));
    assert!(en.stdout.contains(".SH SYNOPSIS"), "{}", en.stdout);
    assert!(ja.stdout.contains(".SH 書式") && !ja.stdout.contains(".SH SYNOPSIS"));
    assert!(ja.stdout.contains("総合計画の整合性を点検します"));
    for sub in &subs {
        let entry = format!("plancheck\\-{sub}(1)");
        assert!(en.stdout.contains(&entry), "man lacks {entry}");
        assert!(ja.stdout.contains(&entry), "ja man lacks {entry}");
    }
}

/// The help of a command in Japanese (`--lang ja CMD --help`).
fn japanese_help(command: &str) -> String {
    let r = run(Path::new("."), &["--lang", "ja", command, "--help"], &[]);
    assert_eq!(r.code, 0, "{command}: {}", r.stderr);
    r.stdout
}

#[test]
fn every_value_name_in_the_japanese_help_is_a_japanese_word_of_its_own() {
    // what each argument takes, as the usage line and the option list name it; a name
    // missing here would fall back to 「ファイル」, which is wrong for all of these
    let wanted: [(&str, &[&str]); 6] = [
        (
            "check",
            &[
                "使い方: plancheck check [オプション] [フォルダ]",
                "--lang <言語>",
                "--color <色>",
                "--width <桁数>",
                "--format <形式>",
                "--deny <対象>",
                "--min-severity <重大度>",
                "--baseline <ファイル>",
            ],
        ),
        ("report", &["--kind <種類>", "--project <プロジェクト>"]),
        ("matrix", &["--ambiguous <幅>"]),
        (
            "completions",
            &["使い方: plancheck completions [オプション] <シェル>"],
        ),
        ("help", &["使い方: plancheck help [オプション] [コマンド]"]),
        (
            "diff",
            &[
                "使い方: plancheck diff [オプション] <旧フォルダ> [新フォルダ]",
                "--old-rev <リビジョン>",
            ],
        ),
    ];
    for (command, names) in wanted {
        let help = japanese_help(command);
        for name in names {
            assert!(help.contains(name), "{command}: {name}\n{help}");
        }
    }
}

#[test]
fn plancheck_alone_prints_the_help_on_standard_error_in_the_chosen_language() {
    let en = run(Path::new("."), &[], &[]);
    assert_eq!(en.code, 2, "{}", en.stderr);
    assert!(en.stdout.is_empty(), "{}", en.stdout);
    for wanted in [
        "Usage: plancheck [OPTIONS] <COMMAND>",
        "Commands:",
        "  check ",
    ] {
        assert!(en.stderr.contains(wanted), "{wanted}\n{}", en.stderr);
    }
    let ja = run(Path::new("."), &[], &[("PLANCHECK_LANG", "ja")]);
    assert_eq!(ja.code, 2, "{}", ja.stderr);
    assert!(ja.stdout.is_empty(), "{}", ja.stdout);
    for wanted in [
        "使い方: plancheck [オプション] <コマンド>",
        "コマンド:",
        "  check ",
    ] {
        assert!(ja.stderr.contains(wanted), "{wanted}\n{}", ja.stderr);
    }
}

/// A usage error of `args` in English and in Japanese: exit code 2, nothing on standard
/// output; each wanted line is on standard error, each unwanted one is not.
fn usage_error(args: &[&str], en: (&[&str], &[&str]), ja: (&[&str], &[&str])) {
    let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    usage_error_os(&os, en, ja);
}

fn usage_error_os(args: &[std::ffi::OsString], en: (&[&str], &[&str]), ja: (&[&str], &[&str])) {
    for (lang, (wanted, unwanted)) in [("en", en), ("ja", ja)] {
        let out = common::plancheck(Path::new("."), args)
            .env("NO_COLOR", "1")
            .env("PLANCHECK_LANG", lang)
            .output()
            .expect("run plancheck");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{lang} {args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{lang} {args:?}");
        for w in wanted {
            assert!(stderr.contains(w), "{lang} {args:?}: {w}\n{stderr}");
        }
        for u in unwanted {
            assert!(!stderr.contains(u), "{lang} {args:?}: {u}\n{stderr}");
        }
    }
}

#[test]
fn a_missing_command_is_asked_for_with_the_list_of_commands() {
    usage_error(
        &["--color", "never"],
        (
            &[
                "plancheck: a subcommand is required but one was not provided",
                "  commands: check, stats, report,",
            ],
            &[],
        ),
        (
            &[
                "plancheck: コマンドを指定してください。",
                "  使えるコマンド: check、stats、report、",
            ],
            &[],
        ),
    );
}

#[test]
fn only_command_errors_list_the_commands() {
    usage_error(
        &["check", "--fromat", "json"],
        (&["unexpected argument '--fromat' found"], &["commands:"]),
        (&["引数「--fromat」は使えません。"], &["使えるコマンド"]),
    );
}

#[test]
fn an_option_without_its_value_asks_for_the_value() {
    for args in [&["check", "--format"][..], &["check", "--format="]] {
        usage_error(
            args,
            (
                &[
                    "plancheck: a value is required for '--format <FORMAT>' but none was supplied",
                    "  [possible values: human, concise, json, sarif, github]",
                ],
                &["invalid value"],
            ),
            (
                &[
                    "plancheck: --format <形式> に値を指定してください。",
                    "  指定できる値: human、concise、json、sarif、github",
                ],
                &["は指定できません"],
            ),
        );
    }
}

#[test]
fn a_value_given_to_a_flag_is_refused_by_name() {
    usage_error(
        &["check", "--exit-zero=yes"],
        (
            &["plancheck: wrong number of values for '--exit-zero'"],
            &[],
        ),
        (
            &["plancheck: --exit-zero に指定した値の数が正しくありません。"],
            &[],
        ),
    );
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_refused_in_words() {
    use std::os::unix::ffi::OsStringExt;
    let args = [
        "report".into(),
        "--project".into(),
        std::ffi::OsString::from_vec(b"\xff\xfe".to_vec()),
    ];
    usage_error_os(
        &args,
        (
            &["plancheck: invalid UTF-8 was detected in one or more arguments"],
            &[],
        ),
        (&["plancheck: 引数に UTF-8 ではない文字があります。"], &[]),
    );
}
