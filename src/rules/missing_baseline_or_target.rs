//! PC303 missing-baseline-or-target: an indicator that prints a value for only one of
//! baseline / target.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::IndicatorSite;
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::{Printed, S};
use crate::plan::normalize;
use crate::plan::value::{self, Parsed};

pub const RULE: Rule = Rule {
    code: "PC303",
    name: "missing-baseline-or-target",
    severity: Severity::Warning,
    summary: (
        "現状値と目標値の一方しか書かれていない指標",
        "indicator with only one of baseline and target",
    ),
    docs: Docs {
        what: (
            "対応表、プロジェクト指標、数値目標の表の各指標について、現状値と目標値の一方にだけ値があり、もう一方の欄が空のものを報告します。「－」「取得なし」「未実施のためなし」と書かれた欄は記入済みとみなします（値なしとして別に報告されます）。両方の欄が空の指標や、記入済みの欄がこうした値なしだけの指標は、まだ値の決まっていない指標としてこの規則では報告しません。",
            "Reports every indicator of a direction table, a project's indicator table or the numeric-target summary that prints a value in only one of the baseline and target cells while the other cell is empty. A cell holding 「－」, 「取得なし」 or 「未実施のためなし」 counts as filled (it is reported as a missing value elsewhere). Indicators with both cells empty, or whose only filled cell is such a marker, are placeholders and are not reported by this rule.",
        ),
        why: (
            "現状値だけ、目標値だけの指標では、何をどこまで進めるのかが読み取れません。表から値が抜け落ちたか、転記の際に別の欄に入った可能性があります。",
            "With only a baseline or only a target, a reader cannot tell how far the plan means to go; the value was probably dropped from the table or copied into the wrong cell.",
        ),
        example: (
            "indicator = \"災害時外国人支援ボランティア数\"\nbaseline = \"44 人\"\n# 目標値なし",
            "indicator = \"災害時外国人支援ボランティア数\"\nbaseline = \"44 人\"\n# no target",
        ),
        fix: (
            "欠けている値を書き入れてください。値が得られない場合は「－」や「取得なし」と明記してください。",
            "Fill in the missing value; if none can be given, print 「－」 or 「取得なし」 explicitly.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // the target cell is empty
            (
                "baseline = \"95.2%\"\ntarget = \"96.5%\"",
                "baseline = \"95.2%\"",
            ),
            // the summary prints a target only
            (
                "{ name = \"年少人口\", baseline = \"30,000 人\", target",
                "{ name = \"年少人口\", target",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            // an explicit marker counts as printed
            (
                "baseline = \"95.2%\"\ntarget = \"96.5%\"",
                "baseline = \"95.2%\"\ntarget = \"－\"",
            ),
            // nothing printed at all: a placeholder
            (
                "{ name = \"年少人口\", baseline = \"30,000 人\", target = \"31,000 人\" }",
                "{ name = \"年少人口\" }",
            ),
            // only a marker printed: a placeholder too
            (
                "baseline = \"0 人\"\ntarget = \"0 人\"",
                "baseline = \"取得なし\"",
            ),
        ],
        append: "",
    },
};

/// True when a printed cell holds something other than missing markers.
fn has_value(v: &S<Printed>) -> bool {
    v.get_ref()
        .parts(&v.span())
        .iter()
        .any(|(t, _)| !matches!(value::parse(t), Parsed::Missing(_)))
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for site in &cx.index.indicators {
        check_site(cx, site, out);
    }
}

fn check_site(cx: &Context, site: &IndicatorSite, out: &mut Vec<Finding>) {
    let (present, missing_is_target) = match (site.baseline, site.target) {
        (Some(b), None) => (b, true),
        (None, Some(t)) => (t, false),
        _ => return,
    };
    if !has_value(present) {
        return; // only a marker: a placeholder
    }
    let name = site.name.get_ref().as_str();
    let v = present.get_ref().text();
    let vocabulary = cx.vocabulary();
    let crate::i18n::Msg { ja: wja, en: wen } = cx.indicator_place(site);
    let (message, label, related, help) = if missing_is_target {
        (
            msg!(
                "「{name}」（{wja}）には現状値 {v} がありますが、目標値がありません",
                "`{name}` in {wen} prints a baseline ({v}) but no target"
            ),
            msg!("目標値がありません", "no target"),
            msg!("現状値 {v}", "baseline {v}"),
            {
                let open =
                    crate::plan::vocabulary::Vocabulary::first(&vocabulary.placeholders.open_value);
                msg!(
                    "目標値を書き入れてください（target = \"…\"）。決まっていなければ「{open}」、得られなければ「－」と明記してください。",
                    "add the target (target = \"…\"); print 「{open}」 if it is not settled yet, or 「－」 if there is none"
                )
            },
        )
    } else {
        (
            msg!(
                "「{name}」（{wja}）には目標値 {v} がありますが、現状値がありません",
                "`{name}` in {wen} prints a target ({v}) but no baseline"
            ),
            msg!("現状値がありません", "no baseline"),
            msg!("目標値 {v}", "target {v}"),
            msg!(
                "現状値を書き入れてください（baseline = \"…\"）。値が得られなければ「－」や「取得なし」と明記してください。",
                "add the baseline (baseline = \"…\"); print 「－」 or 「取得なし」 if there is none"
            ),
        )
    };
    out.push(
        RULE.finding(site.file, site.name.span(), message)
            .label(label)
            .help(help)
            .subject(normalize::key(name))
            .related(Finding::at(site.file, present.span()), related),
    );
}

super::fixture_test!(
    2,
    "a row without target, a summary entry without baseline",
    |f| {
        assert_eq!(f[0].subject.as_deref(), Some("健診受診率"));
        assert!(f[0].message.en.contains("no target"));
        assert_eq!(f[1].subject.as_deref(), Some("年少人口"));
        assert!(f[1].message.en.contains("no baseline"));
    }
);
