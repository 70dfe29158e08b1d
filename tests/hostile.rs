//! Hostile inputs: never a panic, never a hang, never a read outside the plan folder.

mod common;
use common::{Fixture, VALID};

fn json(f: &Fixture) -> (i32, serde_json::Value) {
    let out = f.run(&["check", "plan", "--format", "json"]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    (out.code, serde_json::from_str(&out.stdout).expect("JSON"))
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_a_clear_message() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    let big = std::fs::File::create(f.plan().join("huge.toml")).unwrap();
    big.set_len(plancheck::plan::load::MAX_FILE_BYTES + 1)
        .unwrap(); // sparse: instant, no disk used
    let out = f.run(&["check", "plan", "--color", "never", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout
            .contains("file larger than the 64 MiB limit (67108865 bytes): plan/huge.toml"),
        "{}",
        out.stdout
    );
}

#[test]
fn very_deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    let f = Fixture::new();
    let n = 200_000;
    f.write(
        "plan.toml",
        format!("x = {}{}\n", "[".repeat(n), "]".repeat(n)),
    );
    f.write(
        "inline.toml",
        format!("y = {}1{}\n", "{a=".repeat(50_000), "}".repeat(50_000)),
    );
    let (code, v) = json(&f);
    assert_eq!(code, 2);
    assert_eq!(codes(&v), ["PC004", "PC004"]);
}

#[test]
fn a_very_long_line_is_checked_and_rendered_windowed() {
    let f = Fixture::new();
    let long = "あ".repeat(300_000);
    let text = plancheck::rules::BASE.replace(
        "text = \"令和７年度（2025年度）から５年間の計画です。\"",
        &format!("text = \"{long}調整中\""),
    );
    f.write("plan.toml", &text);
    let (code, v) = json(&f);
    assert_eq!(code, 0);
    assert_eq!(v["findings"][0]["code"], "PC401");
    assert_eq!(v["findings"][0]["column"], 8 + 300_000 + 1);
    let out = f.run(&[
        "check",
        "plan",
        "--color",
        "never",
        "--width",
        "80",
        "--lang",
        "en",
        "--min-severity",
        "info",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(&format!(
            "[plan/plan.toml:{}:300009]",
            text.lines()
                .position(|l| l.starts_with("text = \"あ"))
                .unwrap()
                + 1
        )));
    assert!(out.stdout.len() < 10_000, "the long line is not printed");
    // The snippet shows the cut line around the span, marked with `…`.
    assert!(out.stdout.contains("…あああ"), "{}", out.stdout);
    assert!(out.stdout.contains("調整中"), "{}", out.stdout);
    for line in out.stdout.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80: {line}"
        );
    }
}

#[test]
fn an_id_that_normalises_to_another_id_is_a_duplicate() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        VALID.replace(
            "title = \"切れ目ない支援\"\n",
            "title = \"切れ目ない支援\"\n\n[[measure.direction]]\nid = \"1-1 方針 1\"\n",
        ),
    );
    let (code, v) = json(&f);
    assert_eq!(code, 2);
    assert_eq!(codes(&v), ["PC007"]);
    assert_eq!(v["findings"][0]["subject"], "1-1方針1");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_of_the_folder_are_not_followed() {
    use std::os::unix::fs::symlink;
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    symlink(f.plan(), f.plan().join("loop")).unwrap(); // a folder link back to itself
    let secret = f.dir.path().join("outside.toml");
    std::fs::write(&secret, "[[policy]]\nid = \"9\"\nname = \"外のファイル\"\n").unwrap();
    symlink(&secret, f.plan().join("outside.toml")).unwrap();
    let (code, v) = json(&f);
    assert_eq!(code, 2, "{v}");
    assert_eq!(codes(&v), ["PC001"]);
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("outside")
    );
    // a link to a file inside the folder is fine
    std::fs::remove_file(f.plan().join("outside.toml")).unwrap();
    f.write(
        "sub/real.toml",
        "[[policy]]\nid = \"2\"\nname = \"中のファイル\"\n",
    );
    symlink(f.plan().join("sub/real.toml"), f.plan().join("alias.toml")).unwrap();
    let out = f.run(&["stats", "plan", "--format", "json"]);
    assert_eq!(
        out.code, 2,
        "the linked file is read twice: duplicate policy 2 — {}",
        out.stdout
    );
}

/// A link to a plan file inside the folder is read like the file; a link to another kind of
/// file, even outside the folder, and a socket not named like a plan file are left alone.
#[cfg(unix)]
#[test]
fn a_link_inside_the_folder_is_read_and_other_links_and_sockets_are_left_alone() {
    use std::os::unix::fs::symlink;
    let f = Fixture::new();
    // the only plan file is a link into a hidden folder (hidden folders are not read)
    f.write(".real/plan.toml", VALID);
    symlink(f.plan().join(".real/plan.toml"), f.plan().join("plan.toml")).unwrap();
    let notes = f.dir.path().join("notes.txt");
    std::fs::write(&notes, "memo").unwrap();
    symlink(&notes, f.plan().join("notes.txt")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(f.plan().join("editor-socket")).unwrap();
    let out = f.run(&["stats", "plan", "--format", "json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["policies"], 1, "the linked plan file is read: {v}");
}

#[test]
fn a_folder_named_like_a_toml_file_is_a_folder() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    f.write(
        "odd.toml/inner.toml",
        "[[policy]]\nid = \"2\"\nname = \"二\"\n",
    );
    let out = f.run(&["stats", "plan", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["policies"], 2);
}

/// A plan file that cannot be read is named (PC001), not skipped: here a socket named like a
/// plan file, which no permission bits are needed for, so the test holds when run as root.
#[cfg(unix)]
#[test]
fn a_plan_file_that_is_not_a_regular_file_is_named() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    let _socket = std::os::unix::net::UnixListener::bind(f.plan().join("locked.toml")).unwrap();
    let (code, v) = json(&f);
    assert_eq!(code, 2);
    assert_eq!(codes(&v), ["PC001"]);
    assert_eq!(v["findings"][0]["file"], "plan/locked.toml");
    let en = f.run(&["check", "plan", "--color", "never", "--lang", "en"]);
    assert!(en.stdout.contains("not a regular file"), "{}", en.stdout);
}

#[test]
fn binary_garbage_is_reported_not_crashed_on() {
    let f = Fixture::new();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    f.write("plan.toml", bytes);
    let (code, v) = json(&f);
    assert_eq!(code, 2);
    assert!(["PC003", "PC004"].contains(&v["findings"][0]["code"].as_str().unwrap()));
}

/// The base plan with the 1-1 方針１ table row's title holding an ESC sequence and a tab,
/// written as TOML escapes: PC202 quotes the title in its message.
fn escaped_controls_in_a_title() -> Fixture {
    common::plan_with(&[(
        "title = \"切れ目ない支援\"\nindicator",
        "title = \"切れ目ない\\u001B[2J\\t支援\"\nindicator",
    )])
}

#[test]
fn control_characters_in_plan_text_reach_the_terminal_as_pictures() {
    let f = escaped_controls_in_a_title();
    for format in ["human", "concise"] {
        for lang in ["ja", "en"] {
            let out = f.run(&[
                "check", "plan", "--format", format, "--lang", lang, "--width", "200",
            ]);
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert!(
                !out.stdout.contains(['\u{1b}', '\t']),
                "{format} {lang}: a raw control character reached the terminal:\n{}",
                out.stdout
            );
            assert!(
                out.stdout.contains("切れ目ない␛[2J␉支援"),
                "{format} {lang}: the title is not shown with its control characters:\n{}",
                out.stdout
            );
        }
    }
    // The JSON keeps the text exactly as loaded.
    let (_, v) = json(&f);
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("切れ目ない\u{1b}[2J\t支援"),
        "{v}"
    );
}

#[test]
fn a_raw_escape_character_in_a_broken_file_is_pointed_at_and_shown_as_a_picture() {
    let f = Fixture::new();
    f.write("plan.toml", VALID);
    f.write("bad.toml", b"x = \"a\x1b[31mb\"\n");
    let out = f.run(&["check", "plan", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    assert!(out.stdout.contains("[plan/bad.toml:1:7]"), "{}", out.stdout);
    // The underline's mark stands under the picture: the source line and the mark line,
    // after the gutter, put them at the same display column.
    let lines: Vec<&str> = out.stdout.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.contains("x = \"a␛[31mb\""))
        .unwrap_or_else(|| panic!("no source line:\n{}", out.stdout));
    let column = |line: &str, c: char| line.chars().position(|x| x == c).unwrap();
    assert_eq!(
        column(lines[src], '␛'),
        column(lines[src + 1], '┬'),
        "{}",
        out.stdout
    );
}

#[test]
fn control_characters_in_a_fitted_table_are_shown_as_pictures() {
    // `diff` prints a 新旧対照表 whose cells quote plan text.
    let old = Fixture::new();
    old.write("plan.toml", common::base_with(&[]));
    let new = escaped_controls_in_a_title();
    let out = common::run_in(
        new.dir.path(),
        &[
            "diff",
            old.plan().to_str().unwrap(),
            "plan",
            "--lang",
            "ja",
            "--width",
            "200",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains(['\u{1b}', '\t']), "{}", out.stdout);
    // The changed words are marked: {+␛[2J+}.
    assert!(out.stdout.contains("␛[2J"), "{}", out.stdout);
    assert!(out.stdout.contains("␉支援"), "{}", out.stdout);
}
