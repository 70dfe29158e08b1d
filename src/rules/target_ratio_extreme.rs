//! PC307 target-ratio-extreme: a target many times its baseline, or many times smaller — a
//! slipped digit or decimal point, a cumulative value next to a yearly one, or a goal that
//! needs a word of explanation. The threshold is `[targets] extreme_ratio` in
//! `plancheck.toml` (default 10).

use super::target_wrong_way::same_unit_quantities;
use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC307",
    name: "target-ratio-extreme",
    severity: Severity::Info,
    summary: (
        "目標値が現状値から極端に離れています",
        "a target extremely far from its baseline",
    ),
    docs: Docs {
        what: (
            "成果指標の現状値と目標値（内訳は内訳ごと、単位が同じ値どうし）の比を求め、目標値が現状値の一定倍（既定は 10 倍）以上、または一定分の 1 以下のものを報告します。倍率は plancheck.toml の [targets] extreme_ratio で変えられます。現状値か目標値が 0 のもの、PC301 target-wrong-way が報告する値（望ましい方向と逆の目標値）と PC306 target-already-met が報告する値（現状値がすでに満たしている目標値）は報告しません。",
            "Computes the ratio of each indicator's target to its baseline (sub-value by sub-value, same units only) and reports targets at least a set multiple of the baseline (10 by default), or at most its reciprocal. The multiple is `[targets] extreme_ratio` in plancheck.toml. A baseline or target of 0 is not compared, and a target that PC301 target-wrong-way (moving the wrong way) or PC306 target-already-met (met already) reports is left to it.",
        ),
        why: (
            "5 年間の目標で値が 10 倍以上に変わることはまれで、桁や小数点の打ち間違い、累計値と単年度値の取り違えであることがあります。意図した目標のこともあるため、情報として報告します。",
            "A five-year target rarely moves a value tenfold; it is often a slipped digit or decimal point, or a cumulative value set against a yearly one. It may also be intended, so this is information.",
        ),
        example: (
            "indicator = \"講座の参加者数\"\nbaseline = \"120 人\"\ntarget = \"1,500 人\"   # 現状値の 12.5 倍",
            "indicator = \"講座の参加者数\"\nbaseline = \"120 人\"\ntarget = \"1,500 人\"   # 12.5 times the baseline",
        ),
        fix: (
            "現状値・目標値を原稿と照らし、桁・小数点・累計かどうかを確かめてください。意図した目標なら、そのままで構いません（根拠を注記すると読み手に伝わります）。",
            "Check both values against the manuscript for a digit, a decimal point, or a cumulative value. If the target is intended, leave it (a note on the reason helps readers).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // a slipped digit: ten times and more
            ("target = \"96.5%\"", "target = \"965%\""),
            // a falling count cut to less than a tenth
            ("target = \"1,400 件\"", "target = \"150 件\""),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            // just under ten times
            (
                "baseline = \"30,000 人\"\ntarget = \"31,000 人\"",
                "baseline = \"3,200 人\"\ntarget = \"31,000 人\"",
            ),
            // a baseline of 0 has no ratio
            ("target = \"0 人\"", "target = \"50 人\""),
        ],
        append: "",
    },
};

/// The larger of target/baseline and baseline/target, when both are positive.
fn ratio(base: f64, target: f64) -> Option<f64> {
    (base > 0.0 && target > 0.0).then(|| (target / base).max(base / target))
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let threshold = *cx.config.targets.extreme_ratio.get_ref();
    same_unit_quantities(cx, |pair| {
        let (name, i, bq, tq) = (pair.name, pair.intent, pair.bq, pair.tq);
        if super::target_wrong_way::wrong_way(i, bq, tq).is_some()
            || super::target_already_met::already_met(i, bq, tq)
        {
            return; // PC301 or PC306 reports the cell, whatever the ratio
        }
        let Some(r) = ratio(bq.number, tq.number).filter(|r| *r >= threshold) else {
            return;
        };
        let (bt, tt) = pair.texts();
        let (rs, th) = (shown(r), shown(threshold));
        let (message, label) = if tq.number > bq.number {
            (
                msg!(
                    "「{name}」の目標値 {tt} は現状値 {bt} の {rs} 倍です",
                    "target {tt} of `{name}` is {rs} times its baseline {bt}"
                ),
                msg!("現状値の {rs} 倍", "{rs} times the baseline"),
            )
        } else {
            (
                msg!(
                    "「{name}」の目標値 {tt} は現状値 {bt} の {rs} 分の 1 です",
                    "target {tt} of `{name}` is 1/{rs} of its baseline {bt}"
                ),
                msg!("現状値の {rs} 分の 1", "1/{rs} of the baseline"),
            )
        };
        out.push(
            pair.finding(&RULE, message)
                .label(label)
                .help(msg!(
                    "{th} 倍以上の差です。桁・小数点の打ち間違いや、累計値と単年度値の取り違えがないか原稿と照らしてください。意図した目標なら、そのままで構いません。",
                    "the values differ {th}-fold or more: check the manuscript for a slipped digit or decimal point, or a cumulative value against a yearly one; if the target is intended, leave it"
                ))
        );
    });
}

/// A ratio for messages: up to one decimal, without a trailing `.0`.
fn shown(r: f64) -> String {
    let s = format!("{r:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

super::fixture_test!(
    ["健診受診率", "刑法犯認知件数"],
    "965% against 95.2%, 150 against 1,869",
    |f| {
        testing::assert_contains(&f[0].message.ja, "10.1 倍");
        testing::assert_contains(&f[1].message.ja, "12.5 分の 1");
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    #[test]
    fn a_cell_of_pc301_or_pc306_is_left_to_it() {
        let fixture = Fixture::replacing(&[
            // far below a rising baseline: PC301
            ("target = \"96.5%\"", "target = \"9.0%\""),
            // a floor far below: PC306
            (
                "baseline = \"30,000 人\"\ntarget = \"31,000 人\"",
                "baseline = \"30,000 人\"\ntarget = \"2,000 人以上\"",
            ),
        ]);
        testing::assert_found(&RULE, &fixture, 0);
    }

    #[test]
    fn ratio_both_ways_and_zero() {
        assert_eq!(ratio(10.0, 100.0), Some(10.0));
        assert_eq!(ratio(100.0, 10.0), Some(10.0));
        assert_eq!(ratio(0.0, 10.0), None);
        assert_eq!(ratio(10.0, 0.0), None);
        assert_eq!(shown(10.0), "10");
        assert_eq!(shown(13.803), "13.8");
    }

    #[test]
    fn the_threshold_comes_from_plancheck_toml() {
        let fixture = Fixture::replacing(&[("target = \"96.5%\"", "target = \"965%\"")])
            .then_append("\n#@file plancheck.toml\n[targets]\nextreme_ratio = 20\n");
        testing::assert_found(&RULE, &fixture, 0);
        let fixture = Fixture::replacing(&[(
            "baseline = \"30,000 人\"\ntarget = \"31,000 人\"",
            "baseline = \"30,000 人\"\ntarget = \"91,000 人\"",
        )])
        .then_append("\n#@file plancheck.toml\n[targets]\nextreme_ratio = 3\n");
        let (_, f) = testing::findings_of(&RULE, &fixture);
        // the project indicator and its copy in the summary
        assert_eq!(f.len(), 1, "{f:?}");
        testing::assert_contains(&f[0].message.ja, "3 倍");
    }
}

#[cfg(test)]
mod config_tests {
    #[test]
    fn a_ratio_of_one_or_less_and_an_empty_noun_are_load_errors() {
        for (toml, word) in [
            ("[targets]\nextreme_ratio = 1\n", "extreme_ratio"),
            ("[targets]\nextreme_ratio = -3.5\n", "extreme_ratio"),
            (
                "[counts.nouns]\nmeasures = [\"施策\", \" \"]\n",
                "counts.nouns",
            ),
        ] {
            let files = [("plan.toml", crate::rules::BASE), ("plancheck.toml", toml)];
            let Err(failure) = crate::rules::load_from_memory("plan", &files) else {
                panic!("{toml} loads");
            };
            assert!(
                failure.errors.iter().any(|e| e.message.en.contains(word)),
                "{toml}: {:?}",
                failure.errors
            );
        }
        // a typo in a collection's key is an unknown key
        let files = [
            ("plan.toml", crate::rules::BASE),
            ("plancheck.toml", "[counts.nouns]\nmeasure = [\"施策\"]\n"),
        ];
        assert!(crate::rules::load_from_memory("plan", &files).is_err());
        let files = [
            ("plan.toml", crate::rules::BASE),
            (
                "plancheck.toml",
                "[targets]\nextreme_ratio = 20\n\n[counts.nouns]\nmeasures = [\"施策\", \"重点施策\"]\ndistricts = []\n",
            ),
        ];
        let loaded = crate::rules::load_from_memory("plan", &files).expect("valid");
        assert_eq!(*loaded.config.targets.extreme_ratio.get_ref(), 20.0);
        assert_eq!(loaded.config.counts.nouns.all().len(), 5);
    }
}
