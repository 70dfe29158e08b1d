//! PC301 target-wrong-way: a target that moves away from the indicator's intended direction.
//!
//! Direction of an indicator: it is meant to fall when its normalised name names something
//! undesirable from [`FALLING_WORDS`] and what follows that word is only a generic measure word
//! ([`GENERIC_TAILS`]: 数, 件数, 率, 面積 …). 「刑法犯認知件数」, 「交通事故発生件数」 and
//! 「遊休農地面積」 fall; 「危険空き家の除却件数」 (removals) and 「事故防止講習の参加者数」 rise.
//! Every other indicator is meant to rise.
//!
//! The word list is a constant for now; it should become configurable (plancheck.toml) so
//! that an office can add its own vocabulary.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::IndicatorSite;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::normalize;
use crate::plan::value::{self, Parsed, Qualifier, Quantity};

pub const RULE: Rule = Rule {
    code: "PC301",
    name: "target-wrong-way",
    severity: Severity::Warning,
    summary: (
        "目標値が指標の望ましい方向と逆に動いています",
        "target moves against the indicator's intended direction",
    ),
    docs: Docs {
        what: (
            "成果指標の現状値と目標値（小学校／中学校、男／女などの内訳は内訳ごと）を比べ、増やすべき指標で目標値が現状値を下回るもの、減らすべき指標で目標値が現状値を上回るものを報告します。単位が同じ値どうしだけを比べ、同じ値（0 → 0、365 → 365）は維持として扱います。「50以上」のような目標は下限なので、増やす指標では報告しません（現状値がその値以上なら維持です）。「50以下」のような目標は、減らす指標では報告しません。増やす指標に「以下」、減らす指標に「以上」の目標があれば報告します。指標名に次の語があり、その後ろが「数」「件数」「率」「割合」「面積」などの一般的な語だけのとき、減らす指標とみなします：犯罪、認知件数、事故、死亡、死者、遊休農地、耕作放棄地、待機児童、排出量、ごみ、空き家、不登校、虐待、火災、失業、滞納（「危険空き家の除却件数」のように語の後ろに「除却」などが続くものは増やす指標）。それ以外は増やす指標です。",
            "Compares each indicator's baseline and target (sub-value by sub-value, e.g. 小学校/中学校 or 男/女) and reports targets below the baseline for an indicator meant to rise, and above it for one meant to fall. Only values with the same unit are compared; equal values (0 → 0, 365 → 365) are a held level. A 「X以上」 (at least X) target is a floor and is never reported for a rising indicator (a floor at or below the baseline means \"maintain\"); likewise 「X以下」 (at most X) for a falling one. A 以下 target on a rising indicator, or 以上 on a falling one, is reported. An indicator is meant to fall when its name contains one of 犯罪, 認知件数, 事故, 死亡, 死者, 遊休農地, 耕作放棄地, 待機児童, 排出量, ごみ, 空き家, 不登校, 虐待, 火災, 失業, 滞納 followed only by a generic measure word such as 数, 件数, 率, 割合 or 面積 (so 「危険空き家の除却件数」, removals, rises); every other indicator is meant to rise.",
        ),
        why: (
            "逆向きの目標値は、現状値と目標値の取り違え、桁や数字の打ち間違い、または指標の意図の誤解を示します。計画の数値目標として公表される前に直す必要があります。",
            "A target that moves the wrong way means baseline and target were swapped, a digit was mistyped, or the indicator's intent was misread; it must be fixed before the plan's numeric targets are published.",
        ),
        example: (
            "indicator = \"３歳児健康診査受診率\"\nbaseline = \"95.2%\"\ntarget = \"94.0%\"   # 上げるべき率なのに、目標値が現状値より低い",
            "indicator = \"３歳児健康診査受診率\"\nbaseline = \"95.2%\"\ntarget = \"94.0%\"   # a rate meant to rise, set below the baseline",
        ),
        fix: (
            "現状値・目標値の数字を原稿と照らして直してください。現状の水準を維持する目標なら「50以上」のように（減らす指標なら「50以下」のように）書いてください。",
            "Check both numbers against the manuscript and correct them. If the aim is to hold the current level, write the target as 「X以上」 (「X以下」 for an indicator meant to fall).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // a rate meant to rise, set below its baseline
            ("target = \"96.5%\"", "target = \"94.0%\""),
            // a count meant to fall, set above its baseline
            ("target = \"1,400 件\"", "target = \"2,000 件\""),
            // an upper limit on an indicator meant to rise
            (
                "baseline = \"30,000 人\"\ntarget = \"31,000 人\"",
                "baseline = \"30,000 人\"\ntarget = \"31,000 人以下\"",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            // a floor below the baseline: hold the current level
            ("target = \"96.5%\"", "target = \"95.0%以上\""),
            // a falling indicator held at its current level, as a ceiling
            ("target = \"1,400 件\"", "target = \"1,869 件以下\""),
            // held value
            (
                "baseline = \"30,000 人\"\ntarget = \"31,000 人\"",
                "baseline = \"30,000 人\"\ntarget = \"30,000 人\"",
            ),
            // the falling word is followed by an action: removals rise
            (
                "indicator = \"待機児童数\"\nbaseline = \"0 人\"\ntarget = \"0 人\"",
                "indicator = \"待機児童の解消数\"\nbaseline = \"0 人\"\ntarget = \"12 人\"",
            ),
        ],
        append: "",
    },
};

/// Generic planning words for things that should go down.
pub const FALLING_WORDS: [&str; 16] = [
    "犯罪",
    "認知件数",
    "事故",
    "死亡",
    "死者",
    "遊休農地",
    "耕作放棄地",
    "待機児童",
    "排出量",
    "ごみ",
    "空き家",
    "不登校",
    "虐待",
    "火災",
    "失業",
    "滞納",
];

/// Generic measure words that may follow a falling word without changing the direction
/// (「交通事故 発生件数」, 「空き家 の数」, 「死亡 率」).
const GENERIC_TAILS: [&str; 14] = [
    "発生件数",
    "発生数",
    "発生率",
    "件数",
    "者数",
    "人数",
    "世帯数",
    "面積",
    "割合",
    "の",
    "率",
    "数",
    "量",
    "件",
];

/// Which way an indicator is meant to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Rise,
    /// Meant to fall, because its name holds this word.
    Fall(&'static str),
}

/// The intended direction of an indicator, from its printed name.
pub fn intent(name: &str) -> Intent {
    let k = normalize::key(name);
    // The falling word that ends last decides: 「ごみ排出量」 is judged by 排出量.
    let last = FALLING_WORDS
        .iter()
        .filter_map(|w| k.rfind(w).map(|i| (i + w.len(), *w)))
        .max_by_key(|(end, w)| (*end, w.len()));
    let Some((end, word)) = last else {
        return Intent::Rise;
    };
    if generic_tail(k.get(end..).unwrap_or("")) {
        Intent::Fall(word)
    } else {
        Intent::Rise
    }
}

/// True when `tail` is only generic measure words, ※ markers and parentheticals.
fn generic_tail(tail: &str) -> bool {
    let mut rest = strip_parentheticals(tail).replace(['※', '*'], "");
    while !rest.is_empty() {
        match GENERIC_TAILS.iter().find(|g| rest.starts_with(**g)) {
            Some(g) => rest = rest[g.len()..].to_string(),
            None => return false,
        }
    }
    true
}

fn strip_parentheticals(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Each baseline quantity of every indicator with the target quantity it pairs with (see
/// [`value::pair`]), when both are quantities in the same unit (another unit is PC302's).
pub(crate) fn same_unit_quantities(cx: &Context, mut each: impl FnMut(QuantityPair<'_>)) {
    for site in &cx.index.indicators {
        site_quantities(site, &mut each);
    }
}

fn site_quantities(site: &IndicatorSite, each: &mut impl FnMut(QuantityPair<'_>)) {
    let (Some(b), Some(t)) = (site.baseline, site.target) else {
        return;
    };
    let (base, target) = (value::parts(b), value::parts(t));
    for (bi, ti) in value::pair(&base, &target) {
        let (bp, tp) = (&base[bi], &target[ti]);
        if let (Parsed::Quantity(bq), Parsed::Quantity(tq)) = (&bp.parsed, &tp.parsed)
            && bq.unit == tq.unit
        {
            let name = site.name.get_ref().as_str();
            each(QuantityPair {
                site,
                name,
                intent: intent(name),
                base: bp,
                target: tp,
                bq,
                tq,
            });
        }
    }
}

/// A baseline quantity and the target quantity it pairs with, in one indicator's cells.
pub(crate) struct QuantityPair<'p> {
    pub site: &'p IndicatorSite<'p>,
    pub name: &'p str,
    /// Whether the indicator is meant to rise or fall, from its name ([`intent`]).
    pub intent: Intent,
    pub base: &'p value::Part<'p>,
    pub target: &'p value::Part<'p>,
    pub bq: &'p Quantity,
    pub tq: &'p Quantity,
}

impl QuantityPair<'_> {
    /// The baseline's and the target's printed text, trimmed.
    pub fn texts(&self) -> (&str, &str) {
        (self.base.text.trim(), self.target.text.trim())
    }

    /// A finding of `rule` at the target, about the indicator, pointing at the baseline too.
    pub fn finding(&self, rule: &Rule, message: Msg) -> Finding {
        let bt = self.base.text.trim();
        self.finding_with(rule, message, msg!("現状値 {bt}", "baseline {bt}"))
    }

    /// [`finding`](Self::finding) with `why` as the baseline's note.
    pub fn finding_with(&self, rule: &Rule, message: Msg, why: Msg) -> Finding {
        rule.finding(self.site.file, self.target.span.clone(), message)
            .subject(normalize::key(self.name))
            .related(Finding::at(self.site.file, self.base.span.clone()), why)
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    same_unit_quantities(cx, |pair| {
        let (name, intent, bq, tq) = (pair.name, pair.intent, pair.bq, pair.tq);
        let Some(problem) = wrong_way(intent, bq, tq) else {
            return;
        };
        let (bt, tt) = pair.texts();
        let why = match intent {
            Intent::Rise => msg!(
                "現状値 {bt}（名前に減らす指標の語がないため、増やす指標とみなしています）",
                "baseline {bt}; taken as rising (no word for a falling indicator in the name)"
            ),
            Intent::Fall(w) => msg!(
                "現状値 {bt}（名前に「{w}」を含むため、減らす指標とみなしています）",
                "baseline {bt}; taken as falling (the name contains 「{w}」)"
            ),
        };
        let (message, label) = match problem {
            Problem::Below => (
                msg!(
                    "「{name}」の目標値 {tt} が現状値 {bt} を下回っています（増やす指標）",
                    "target {tt} of `{name}` is below its baseline {bt}, but the indicator is meant to rise"
                ),
                msg!("現状値 {bt} より小さい", "below the baseline {bt}"),
            ),
            Problem::Above => (
                msg!(
                    "「{name}」の目標値 {tt} が現状値 {bt} を上回っています（減らす指標）",
                    "target {tt} of `{name}` is above its baseline {bt}, but the indicator is meant to fall"
                ),
                msg!("現状値 {bt} より大きい", "above the baseline {bt}"),
            ),
            Problem::Ceiling => (
                msg!(
                    "「{name}」の目標値 {tt} は上限（以下）ですが、増やす指標です",
                    "target {tt} of `{name}` is an upper limit (以下), but the indicator is meant to rise"
                ),
                msg!("増やす指標に「以下」", "以下 on a rising indicator"),
            ),
            Problem::Floor => (
                msg!(
                    "「{name}」の目標値 {tt} は下限（以上）ですが、減らす指標です",
                    "target {tt} of `{name}` is a lower limit (以上), but the indicator is meant to fall"
                ),
                msg!("減らす指標に「以上」", "以上 on a falling indicator"),
            ),
        };
        let help = match (problem, intent) {
            (Problem::Ceiling, _) => {
                let floor = tt.replace("以下", "以上");
                msg!(
                    "増やす指標の目標に上限は付けません。「{floor}」（以上）の誤りではないか確かめてください。",
                    "a rising indicator's target is not a ceiling: did you mean 「{floor}」 (at least)?"
                )
            }
            (Problem::Floor, _) => {
                let ceiling = tt.replace("以上", "以下");
                msg!(
                    "減らす指標の目標に下限は付けません。「{ceiling}」（以下）の誤りではないか確かめてください。",
                    "a falling indicator's target is not a floor: did you mean 「{ceiling}」 (at most)?"
                )
            }
            (_, Intent::Rise) => msg!(
                "現状値と目標値の取り違えや打ち間違いがないか原稿と照らしてください。現状維持の目標なら「{bt}以上」のように書いてください。",
                "check both values against the manuscript for a swap or a typo; to hold the current level, write 「{bt}以上」 (at least)"
            ),
            (_, Intent::Fall(_)) => msg!(
                "現状値と目標値の取り違えや打ち間違いがないか原稿と照らしてください。現状維持の目標なら「{bt}以下」のように書いてください。",
                "check both values against the manuscript for a swap or a typo; to hold the current level, write 「{bt}以下」 (at most)"
            ),
        };
        out.push(
            pair.finding_with(&RULE, message, why)
                .label(label)
                .help(help),
        );
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Plain target below the baseline of a rising indicator.
    Below,
    /// Plain target above the baseline of a falling indicator.
    Above,
    /// 以下 on a rising indicator.
    Ceiling,
    /// 以上 on a falling indicator.
    Floor,
}

pub(crate) fn wrong_way(intent: Intent, base: &Quantity, target: &Quantity) -> Option<Problem> {
    match (intent, target.qualifier) {
        // A floor: rising, or holding a level already reached.
        (Intent::Rise, Some(Qualifier::AtLeast)) => None,
        (Intent::Fall(_), Some(Qualifier::AtMost)) => None,
        (Intent::Rise, Some(Qualifier::AtMost)) => Some(Problem::Ceiling),
        (Intent::Fall(_), Some(Qualifier::AtLeast)) => Some(Problem::Floor),
        (Intent::Rise, None) => (target.number < base.number).then_some(Problem::Below),
        (Intent::Fall(_), None) => (target.number > base.number).then_some(Problem::Above),
    }
}

super::fixture_test!(
    ["年少人口", "健診受診率", "刑法犯認知件数"],
    "rate below, count above, 以下 on a rising indicator"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::value::quantity as q;
    use crate::rules::testing;

    #[test]
    fn intent_from_generic_words() {
        for name in [
            "刑法犯認知件数",
            "交通事故発生件数",
            "がんの７５歳未満年齢調整死亡率※",
            "遊休農地面積",
            "保育所等及び放課後児童クラブの待機児童数",
            "空き家の数",
            "１人１日当たりのごみ排出量",
            "交通事故死者数",
        ] {
            assert!(matches!(intent(name), Intent::Fall(_)), "{name}");
        }
        for name in [
            "危険空き家※の除却件数（累計）",
            "事故防止講習の参加者数",
            "ごみのリサイクル率",
            "３歳児健康診査受診率",
            "体験活動への参加者数",
            "CO2排出量削減率",
        ] {
            assert_eq!(intent(name), Intent::Rise, "{name}");
        }
    }

    #[test]
    fn qualifiers_and_held_values() {
        let fall = Intent::Fall("事故");
        assert_eq!(
            wrong_way(Intent::Rise, &q("5,094 人"), &q("5,000 人以上")),
            None
        );
        assert_eq!(wrong_way(Intent::Rise, &q("0 人"), &q("0 人")), None);
        assert_eq!(wrong_way(fall, &q("46.7ha"), &q("46.7ha 以下")), None);
        assert_eq!(wrong_way(fall, &q("1,869 件"), &q("1,400 件")), None);
        assert_eq!(
            wrong_way(Intent::Rise, &q("95.2%"), &q("94%")),
            Some(Problem::Below)
        );
        assert_eq!(
            wrong_way(fall, &q("1,185 件"), &q("1,200 件")),
            Some(Problem::Above)
        );
        assert_eq!(
            wrong_way(Intent::Rise, &q("10 人"), &q("20 人以下")),
            Some(Problem::Ceiling)
        );
        assert_eq!(
            wrong_way(fall, &q("10 件"), &q("5 件以上")),
            Some(Problem::Floor)
        );
    }

    #[test]
    fn sub_values_pair_by_label_then_position() {
        testing::assert_one(
            &RULE,
            &Fixture::replacing(&[
                (
                    "baseline = \"95.2%\"",
                    "baseline = [\"男 79.4 歳\", \"女 83.7 歳\"]",
                ),
                (
                    "target = \"96.5%\"",
                    "target = [\"女 84.1 歳\", \"男 79.0 歳\"]",
                ),
            ]),
            "男 79.0 歳",
        );
    }
}
