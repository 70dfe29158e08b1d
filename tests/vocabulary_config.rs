//! `[vocabulary]` in plancheck.toml: validated at load (an unusable value is a load error at its
//! place, with an example), and the defaults written out change nothing.

mod common;

use common::plan_with;

#[test]
fn a_direction_pattern_that_reads_no_id_is_a_load_error_at_its_place() {
    let f = plan_with(&[]);
    f.write(
        "plancheck.toml",
        "[vocabulary]\nrelated_marker = \"関連\"\ndirection_id = \"{measure}{n}\"\n",
    );
    let out = f.run(&[
        "check", "plan", "--color", "never", "--lang", "en", "--format", "concise",
    ]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "plan/plancheck.toml:3:16: PC006 invalid direction_id `{measure}{n}` in [vocabulary]: {measure} and {n} must be separated by a word that is not a number"
        ),
        "{}",
        out.stdout
    );
    let out = f.run(&["check", "plan", "--color", "never", "--lang", "ja"]);
    assert_eq!(out.code, 2);
    // the help (wrapped to the terminal) shows a pattern that works, and the id it reads
    let flat: String = out.stdout.lines().map(str::trim).collect();
    assert!(
        flat.contains("なら「1-2-3 施策の方向１」を読みます"),
        "{}",
        out.stdout
    );
    assert!(flat.contains("plan/plancheck.toml:3:16"), "{}", out.stdout);
}

#[test]
fn unknown_placeholders_and_bad_shapes_are_named() {
    let f = plan_with(&[]);
    for (config, expected) in [
        (
            "[vocabulary]\ndirection_id = \"{measure} 方向{number}\"\n",
            "plan/plancheck.toml:2:16: PC006 invalid direction_id `{measure} 方向{number}` in [vocabulary]: `{number}` is not a placeholder (use {measure} and {n})",
        ),
        (
            "[vocabulary]\ndirection_id = \"{measure} 方向\"\n",
            "plan/plancheck.toml:2:16: PC006 invalid direction_id `{measure} 方向` in [vocabulary]: write {measure} and {n} once each",
        ),
        (
            "[vocabulary.measure_id]\nlevels = 0\n",
            "plan/plancheck.toml:2:10: PC006 invalid levels `0` in [vocabulary.measure_id]",
        ),
        (
            "[vocabulary.measure_id]\nseparator = \"1\"\n",
            "plan/plancheck.toml:2:13: PC006 separator `1` in [vocabulary.measure_id] cannot separate the levels of a measure id",
        ),
        (
            "[vocabulary.placeholders]\nopen_value = [\"検討中\", \" \"]\n",
            "plan/plancheck.toml:2:22: PC006 an empty word in open_value of [vocabulary.placeholders]",
        ),
    ] {
        f.write("plancheck.toml", config);
        let out = f.run(&[
            "check", "plan", "--color", "never", "--lang", "en", "--format", "concise",
        ]);
        assert_eq!(out.code, 2, "{config}\n{}", out.stdout);
        assert!(out.stdout.contains(expected), "{config}\n{}", out.stdout);
    }
}

#[test]
fn the_defaults_written_out_change_nothing_and_another_marker_changes_the_reading() {
    // a related row and a row that is not
    let f = plan_with(&[(
        "direction = \"1-1 方針２\"",
        "direction = \"1-1 方針２関係\"",
    )]);
    let json = |f: &common::Fixture| f.run(&["check", "plan", "--format", "json"]).stdout;
    let without = json(&f);
    f.write(
        "plancheck.toml",
        "[vocabulary]\ndirection_id = \"{measure} 方針{n}\"\nrelated_marker = \"関係\"\n\
         [vocabulary.measure_id]\nlevels = 2\nseparator = \"-\"\n\
         [vocabulary.placeholders]\nopen_value = [\"調整中\"]\npage_reference = [\"Ｐ.○\"]\n\
         figure = [\"関連するグラフ\"]\ndraft_plan = [\"（案）\"]\nnote = [\"※\"]\n\
         [vocabulary.sections]\nmeasure = \"施策\"\ndirection = \"施策の展開方針\"\ndirection_short = \"方針\"\n",
    );
    assert_eq!(json(&f), without);
    // with another marker, 「1-1 方針２関係」 is no longer a direction id
    f.write(
        "plancheck.toml",
        "[vocabulary]\nrelated_marker = \"関連\"\n",
    );
    let out = f.run(&["check", "plan", "--format", "concise", "--lang", "en"]);
    assert!(
        out.stdout
            .contains("PC102 cannot read `1-1 方針２関係` as a policy direction id"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_headline_indicators_are_named_with_the_plans_own_word() {
    // A headline indicator with a baseline and no target: PC303 names where it is printed.
    let f = plan_with(&[("baseline = \"80%\"\ntarget = \"85%\"", "baseline = \"80%\"")]);
    let ja = |f: &common::Fixture| {
        f.run(&[
            "check",
            "plan",
            "--lang",
            "ja",
            "--format",
            "concise",
            "--min-severity",
            "info",
        ])
        .stdout
    };
    let default = ja(&f);
    assert!(
        default.contains("「住み続けたい市民の割合」（数値目標のえがお咲く指標）"),
        "{default}"
    );
    f.write(
        "plancheck.toml",
        "[vocabulary.sections]\nheadline = \"みどり指標\"\n",
    );
    let own = ja(&f);
    assert!(
        own.contains("「住み続けたい市民の割合」（数値目標のみどり指標）"),
        "{own}"
    );
    assert!(!own.contains("えがお咲く"), "{own}");
}
