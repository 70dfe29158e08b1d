//! PC306 target-already-met: a target that the baseline already satisfies — a floor
//! (「以上」) below the baseline of an indicator meant to rise, or a ceiling (「以下」) above
//! the baseline of one meant to fall. Such a target sets no goal: it allows the indicator to
//! move the wrong way and still be "achieved".
//!
//! The intended direction is PC301's ([`super::target_wrong_way::intent`]); a floor or ceiling
//! on the wrong side of the direction (以下 on a rising indicator …) is PC301's finding, and a
//! floor or ceiling equal to the baseline means "hold the level" and is fine.

use super::target_wrong_way::{Intent, same_unit_quantities};
use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::value::{Qualifier, Quantity};

pub const RULE: Rule = Rule {
    code: "PC306",
    name: "target-already-met",
    severity: Severity::Info,
    summary: (
        "現状値がすでに満たしている目標値（以上・以下）",
        "a target (at least / at most) that the baseline already meets",
    ),
    docs: Docs {
        what: (
            "「以上」「以下」の付いた目標値を現状値と比べ（内訳は内訳ごと、単位が同じ値どうし）、現状値がすでに満たしているものを報告します。増やす指標で「5,000 人以上」のように現状値（5,094 人）より低い下限を置いた目標と、減らす指標で現状値より高い上限を置いた目標です。現状値と同じ値の「以上」「以下」は現状維持の目標なので報告しません。増やす指標か減らす指標かは PC301 target-wrong-way と同じ方法で判断します。",
            "Compares each target qualified by 「以上」 (at least) or 「以下」 (at most) with its baseline (sub-value by sub-value, same units only) and reports those the baseline already meets: a floor below the baseline of an indicator meant to rise (「5,000 人以上」 against 5,094 人), or a ceiling above the baseline of one meant to fall. A floor or ceiling equal to the baseline holds the current level and is not reported. Whether an indicator is meant to rise or fall is judged as in PC301 target-wrong-way.",
        ),
        why: (
            "現状値がすでに満たしている目標は、目標として働きません。指標が現状より悪くなっても「達成」になってしまいます。意図して切りのよい下限を置くこともあるため、情報として報告します。",
            "A target the baseline already meets sets no goal: the indicator may get worse and the target still counts as achieved. Offices sometimes choose a round floor on purpose, so this is information.",
        ),
        example: (
            "indicator = \"体験活動への参加者数\"\nbaseline = \"5,094 人\"\ntarget = \"5,000 人以上\"   # 現状値が下限を上回っています",
            "indicator = \"体験活動への参加者数\"\nbaseline = \"5,094 人\"\ntarget = \"5,000 人以上\"   # the baseline is above the floor already",
        ),
        fix: (
            "現状を維持する目標なら現状値と同じ値で「5,094 人以上」のように、伸ばす目標なら現状値より高い値を書いてください。切りのよい下限を意図して置いた場合は、そのままで構いません。",
            "To hold the level, use the baseline itself (「5,094 人以上」); to improve, set a value beyond the baseline. If the round floor is intended, leave it.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // a floor below the baseline of a rising rate
            ("target = \"96.5%\"", "target = \"95.0%以上\""),
            // a ceiling above the baseline of a falling count
            ("target = \"1,400 件\"", "target = \"2,000 件以下\""),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            // a floor at the baseline: hold the level
            ("target = \"96.5%\"", "target = \"95.2%以上\""),
            // a ceiling below the baseline of a falling count
            ("target = \"1,400 件\"", "target = \"1,400 件以下\""),
            // a floor above the baseline
            (
                "baseline = \"30,000 人\"\ntarget = \"31,000 人\"",
                "baseline = \"30,000 人\"\ntarget = \"31,000 人以上\"",
            ),
        ],
        append: "",
    },
};

/// Whether `target`, qualified by 以上 or 以下, is already met by `base` although it should
/// lead somewhere: a floor below a rising baseline, a ceiling above a falling one.
pub(crate) fn already_met(intent: Intent, base: &Quantity, target: &Quantity) -> bool {
    match (intent, target.qualifier) {
        (Intent::Rise, Some(Qualifier::AtLeast)) => target.number < base.number,
        (Intent::Fall(_), Some(Qualifier::AtMost)) => target.number > base.number,
        _ => false,
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    same_unit_quantities(cx, |pair| {
        let (name, intent, bq, tq) = (pair.name, pair.intent, pair.bq, pair.tq);
        if !already_met(intent, bq, tq) {
            return;
        }
        let (bt, tt) = pair.texts();
        let (message, label, help) = match intent {
            Intent::Rise => (
                msg!(
                    "「{name}」の目標値 {tt} は、現状値 {bt} がすでに満たしています（増やす指標に、現状値より低い下限）",
                    "target {tt} of `{name}` is already met: the baseline {bt} is above this floor (an indicator meant to rise)"
                ),
                msg!(
                    "現状値 {bt} より低い下限",
                    "a floor below the baseline {bt}"
                ),
                msg!(
                    "現状を維持する目標なら「{bt}以上」、伸ばす目標なら現状値より高い値にしてください。切りのよい下限を意図して置いた場合は、そのままで構いません。",
                    "to hold the level write 「{bt}以上」; to improve, set a value above the baseline; if the round floor is intended, leave it"
                ),
            ),
            Intent::Fall(w) => (
                msg!(
                    "「{name}」の目標値 {tt} は、現状値 {bt} がすでに満たしています（減らす指標に、現状値より高い上限）",
                    "target {tt} of `{name}` is already met: the baseline {bt} is below this ceiling (an indicator meant to fall, for 「{w}」)"
                ),
                msg!(
                    "現状値 {bt} より高い上限",
                    "a ceiling above the baseline {bt}"
                ),
                msg!(
                    "現状を維持する目標なら「{bt}以下」、減らす目標なら現状値より低い値にしてください。切りのよい上限を意図して置いた場合は、そのままで構いません。",
                    "to hold the level write 「{bt}以下」; to improve, set a value below the baseline; if the round ceiling is intended, leave it"
                ),
            ),
        };
        out.push(pair.finding(&RULE, message).label(label).help(help));
    });
}

super::fixture_test!(
    ["健診受診率", "刑法犯認知件数"],
    "a floor below a rising baseline, a ceiling above a falling one"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::value::quantity as q;
    use crate::rules::testing;

    #[test]
    fn only_a_qualified_target_on_the_met_side() {
        let fall = Intent::Fall("事故");
        assert!(already_met(
            Intent::Rise,
            &q("5,094 人"),
            &q("5,000 人以上")
        ));
        assert!(!already_met(
            Intent::Rise,
            &q("5,094 人"),
            &q("5,094 人以上")
        ));
        assert!(!already_met(
            Intent::Rise,
            &q("5,094 人"),
            &q("5,500 人以上")
        ));
        // a plain target equal to a rising baseline holds the level
        assert!(!already_met(Intent::Rise, &q("5,094 人"), &q("5,094 人")));
        // a plain target below the baseline is PC301's
        assert!(!already_met(Intent::Rise, &q("5,094 人"), &q("5,000 人")));
        // 以下 on a rising indicator is PC301's
        assert!(!already_met(Intent::Rise, &q("10 人"), &q("20 人以下")));
        assert!(already_met(fall, &q("46.7ha"), &q("50ha 以下")));
        assert!(!already_met(fall, &q("46.7ha"), &q("46.7ha 以下")));
        assert!(!already_met(fall, &q("46.7ha"), &q("40ha 以下")));
        assert!(!already_met(fall, &q("10 件"), &q("5 件以上")));
    }

    #[test]
    fn the_finding_suggests_the_baseline_as_the_floor() {
        let f = testing::assert_fixtures(&RULE);
        assert!(f[0].help.as_ref().unwrap().ja.contains("「95.2%以上」"));
        assert_eq!(f[0].related.len(), 1);
    }
}
