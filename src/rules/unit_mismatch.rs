//! PC302 unit-mismatch: baseline and target in different units, or a count given in %.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::IndicatorSite;
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::normalize;
use crate::plan::value::{self, Parsed};

pub const RULE: Rule = Rule {
    code: "PC302",
    name: "unit-mismatch",
    severity: Severity::Warning,
    summary: (
        "現状値と目標値の単位が違うか、件数の指標が％で書かれています",
        "baseline and target in different units, or a count given in %",
    ),
    docs: Docs {
        what: (
            "成果指標ごとに現状値と目標値の単位（内訳があれば内訳ごと）を比べ、違うものを報告します。全角・半角の違い（％ と %、㎢ と km2）は同じ単位とみなし、「－」「取得なし」などの値なしは比べません。また、名前が「数」で終わる指標（末尾の（回）（累計）などの括弧書きと※は除く。「指数」「係数」は除く）の値が％で書かれていれば報告します。",
            "Compares the unit of each indicator's baseline and target (sub-value by sub-value) and reports those that differ. Width variants (％ and %, ㎢ and km2) are the same unit; missing markers (－, 取得なし, …) are skipped. Also reports a value given in % for an indicator whose name ends in 数 (a count), ignoring a trailing parenthetical such as （回） or （累計） and a ※ marker (指数 and 係数 are not counts).",
        ),
        why: (
            "単位の違う現状値と目標値は比べられず、目標の意味が読み手に伝わりません。件数の指標に％があれば、指標名か値のどちらかが誤っています。",
            "A baseline and a target in different units cannot be compared, so the target means nothing to a reader; a count given in % means either the name or the value is wrong.",
        ),
        example: (
            "name = \"オンライン化されている行政サービス（手続き）数\"\nbaseline = \"－\"\ntarget = \"50％\"   # 件数なのに % で書いている",
            "name = \"オンライン化されている行政サービス（手続き）数\"\nbaseline = \"－\"\ntarget = \"50％\"   # a count given in %",
        ),
        fix: (
            "現状値と目標値を同じ単位で書いてください。割合を測る指標なら、指標名を「…の割合」「…率」にしてください。",
            "Give baseline and target in the same unit. If the indicator measures a share, rename it (「…の割合」, 「…率」).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // different units
            ("target = \"96.5%\"", "target = \"96.5 人\""),
            // a count in %
            (
                "baseline = \"1,869 件\"\ntarget = \"1,400 件\"",
                "baseline = \"－\"\ntarget = \"80%\"",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            // full-width ％ is the same unit as %
            ("target = \"96.5%\"", "target = \"96.5％\""),
            // a rate whose name holds 数 in a trailing parenthetical is not a count
            (
                "indicator = \"待機児童数\"\nbaseline = \"0 人\"\ntarget = \"0 人\"",
                "indicator = \"待機児童解消率（解消数/申込数）\"\nbaseline = \"－\"\ntarget = \"100％\"",
            ),
        ],
        append: "",
    },
};

/// Names ending in these are not counts even though they end in 数.
const NOT_COUNTS: [&str; 2] = ["指数", "係数"];

/// True for an indicator named as a count: its name ends in 数, after dropping trailing
/// parentheticals and ※ markers.
pub fn count_named(name: &str) -> bool {
    let mut k = normalize::key(name);
    loop {
        let t = k.trim_end_matches(['※', '*']).to_string();
        let stripped = match t.strip_suffix(')') {
            Some(inner) => match inner.rfind('(') {
                Some(i) => inner[..i].to_string(),
                None => t.clone(),
            },
            None => t.clone(),
        };
        if stripped == k {
            break;
        }
        k = stripped;
    }
    k.ends_with('数') && !NOT_COUNTS.iter().any(|n| k.ends_with(n))
}

fn unit<'p>(p: &'p value::Part) -> Option<&'p str> {
    match &p.parsed {
        Parsed::Quantity(q) => Some(q.unit.as_str()),
        _ => None,
    }
}

fn shown(u: &str) -> &str {
    if u.is_empty() { "—" } else { u }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for site in &cx.index.indicators {
        check_site(site, out);
    }
}

fn check_site(site: &IndicatorSite, out: &mut Vec<Finding>) {
    let name = site.name.get_ref().as_str();
    let subject = normalize::key(name);
    let base = site.baseline.map(value::parts).unwrap_or_default();
    let target = site.target.map(value::parts).unwrap_or_default();
    // Parts already reported, so a count-in-% part is not reported twice.
    let mut reported_base = vec![false; base.len()];
    let mut reported_target = vec![false; target.len()];
    for (i, j) in value::pair(&base, &target) {
        let (Some(bp), Some(tp)) = (base.get(i), target.get(j)) else {
            continue;
        };
        let (Some(bu), Some(tu)) = (unit(bp), unit(tp)) else {
            continue; // a missing marker or text: nothing to compare
        };
        if bu == tu {
            continue;
        }
        let (bt, tt) = (bp.text.trim(), tp.text.trim());
        let (bu, tu) = (shown(bu), shown(tu));
        out.push(
            RULE.finding(
                site.file,
                tp.span.clone(),
                msg!(
                    "「{name}」の目標値 {tt}（単位 {tu}）と現状値 {bt}（単位 {bu}）の単位が違います",
                    "target {tt} of `{name}` is in {tu}, but its baseline {bt} is in {bu}"
                ),
            )
            .label(msg!("単位 {tu}", "unit {tu}"))
            .help(msg!(
                "現状値と目標値を同じ単位で書いてください。",
                "give baseline and target in the same unit"
            ))
            .subject(subject.clone())
            .related(
                Finding::at(site.file, bp.span.clone()),
                msg!("現状値 {bt}（単位 {bu}）", "baseline {bt}, in {bu}"),
            ),
        );
        if let Some(r) = reported_base.get_mut(i) {
            *r = true;
        }
        if let Some(r) = reported_target.get_mut(j) {
            *r = true;
        }
    }
    if !count_named(name) {
        return;
    }
    let cells = [
        (&base, &reported_base, ("現状値", "baseline")),
        (&target, &reported_target, ("目標値", "target")),
    ];
    for (cell, reported, (which_ja, which_en)) in cells {
        for (p, done) in cell.iter().zip(reported.iter()) {
            if *done || unit(p) != Some("%") {
                continue;
            }
            let v = p.text.trim();
            out.push(
                RULE.finding(
                    site.file,
                    p.span.clone(),
                    msg!(
                        "「{name}」は件数（「数」）の指標ですが、{which_ja} {v} が％で書かれています",
                        "`{name}` is a count (its name ends in 数), but its {which_en} {v} is in %"
                    ),
                )
                .label(msg!("件数の指標に％", "a count given in %"))
                .help(msg!(
                    "件数で書くか、割合を測る指標なら指標名を「…の割合」「…率」にしてください。",
                    "give the value as a count, or, if the indicator measures a share, rename it (「…の割合」, 「…率」)"
                ))
                .subject(subject.clone()),
            );
        }
    }
}

super::fixture_test!(2, "% vs 人, and a count in %", |f| {
    assert_eq!(f[0].subject.as_deref(), Some("健診受診率"));
    testing::assert_contains(&f[1].message.en, "is a count");
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    #[test]
    fn count_names() {
        for n in [
            "オンライン化されている行政サービス（手続き）数",
            "各種講座開催数（回）",
            "新規就農者の数（累計）",
            "特別支援教育研修講座の参加のべ人数（全３回）",
            "危険空き家※の除却件数（累計）",
            "刑法犯認知件数",
        ] {
            assert!(count_named(n), "{n}");
        }
        for n in [
            "学校体育館の空調機設置率（設置完了施設数/設置対象施設数）",
            "電子地域通貨会員数の本市人口に対する割合（％）",
            "消費者物価指数",
            "３歳児健康診査受診率",
        ] {
            assert!(!count_named(n), "{n}");
        }
    }

    #[test]
    fn sub_values_compare_pairwise() {
        testing::assert_one(
            &RULE,
            &Fixture::replacing(&[
                (
                    "baseline = \"95.2%\"",
                    "baseline = [\"小学校 94.2%\", \"中学校 87.4％\"]",
                ),
                (
                    "target = \"96.5%\"",
                    "target = [\"中学校 90 人\", \"小学校 95%\"]",
                ),
            ]),
            "中学校 90 人",
        );
    }
}
