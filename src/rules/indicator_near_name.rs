//! PC210 indicator-near-name: an SDGs local indicator of a measure, printed nowhere under that
//! name, while a direction table of the same measure prints an indicator with a near name —
//! probably the same indicator written two ways.
//!
//! The measure is the evidence, so names may differ more than for a plan-wide guess: equal but
//! for parenthesised qualifiers (「事業所数」 / 「事業所数（…を除く）」), or sharing most of their
//! characters in order (2·LCS / (|a| + |b|) ≥ [`NEAR_IN_MEASURE`]) and ending with the same two
//! characters — what is counted (「…開催数」, 「…参加者数」, 「…受診率」) must agree, so that
//! 「日本語教室の受講者数」 and 「日本語教室の開催数」 stay apart. PC104 unknown-indicator leaves
//! the indicators this rule reports to it.

use super::unknown_indicator::{bare_key, indicator_key};
use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::IndicatorSite;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::model::Text;
use crate::plan::normalize;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub const RULE: Rule = Rule {
    code: "PC210",
    name: "indicator-near-name",
    severity: Severity::Info,
    summary: (
        "ＳＤＧｓローカル指標が同じ施策の対応表では近い別の名前で書かれています",
        "an SDGs local indicator printed with a near name in a direction table of its measure",
    ),
    docs: Docs {
        what: (
            "ＳＤＧｓローカル指標の表（表１）が施策に挙げる指標のうち、計画のどこにも同じ名前で印刷されていないものについて、同じ施策の施策の展開方針を引用する対応表の行（「関係」の行を含む）に名前の近い指標があれば報告します。近い名前とは、括弧書きの限定だけが違う名前か、文字の大部分を同じ順に共有し（共通部分列の長さ × 2 ÷ 両者の長さの和が 0.7 以上）、末尾の 2 文字（「開催数」「参加者数」「受診率」のように何を数えるか）が同じ名前です。",
            "For each indicator that the SDGs local-indicator table (表１) lists under a measure and that no other place prints under the same name, looks for a near name among the indicators of direction-table rows citing a direction of the same measure (関係 rows included). A near name is equal but for parenthesised qualifiers, or shares most characters in order (twice the longest common subsequence over the sum of the lengths ≥ 0.7) and ends with the same two characters (what is counted: 「開催数」, 「参加者数」, 「受診率」).",
        ),
        why: (
            "同じ指標が表ごとに別の名前で書かれていると、読み手は両者を結びつけられず、進捗の管理で別の指標として扱われるおそれがあります。名前の近さからの推定なので、情報として報告します。",
            "When one indicator is named differently in two tables, readers cannot connect them and progress may be tracked as two indicators. The match is a guess from the names, so this is information.",
        ),
        example: (
            "# 表１、施策 3-1\nindicators = [\"就労支援講座等開催数\"]\n# プロジェクト２の対応表、3-1 方針２\nindicator = \"就労支援セミナー等の講座開催数\"",
            "# 表１, measure 3-1\nindicators = [\"就労支援講座等開催数\"]\n# project 2's direction table, 3-1 方針２\nindicator = \"就労支援セミナー等の講座開催数\"",
        ),
        fix: (
            "同じ指標なら、どちらかの名前にそろえてください。別の指標なら、そのままで構いません。",
            "If it is the same indicator, print one name in both tables. If they are different indicators, leave them.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "indicators = [\"健診受診率\"]",
            "indicators = [\"健康診査受診率\"]",
        )],
        append: "",
    }),
    pass: Fixture {
        replace: &[(
            "indicators = [\"健診受診率\"]",
            "indicators = [\"健診受診率※\", \"健診実施回数\"]",
        )],
        append: "",
    },
};

/// Threshold of 2·LCS / (|a| + |b|) for names of the same measure.
pub const NEAR_IN_MEASURE: f64 = 0.7;

/// Length of the longest common subsequence of two strings, in characters.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// How near two indicator keys are, in 0..=1: 1 when equal but for parenthesised
/// qualifiers; 2·LCS / (|a| + |b|) of the bare keys when they end alike; else 0.
pub fn nearness(a: &str, b: &str) -> f64 {
    let (ba, bb) = (bare_key(a), bare_key(b));
    if ba.is_empty() || bb.is_empty() {
        return 0.0;
    }
    if ba == bb {
        return 1.0;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (ba.chars().collect(), bb.chars().collect());
    if ca.len() < 2 || cb.len() < 2 || ca[ca.len() - 2..] != cb[cb.len() - 2..] {
        return 0.0;
    }
    2.0 * lcs(&ca, &cb) as f64 / (ca.len() + cb.len()) as f64
}

/// One SDGs indicator and the nearest indicator of its measure's direction tables.
pub struct Near<'i, 'a> {
    pub sdgs_file: crate::plan::source::FileId,
    pub indicator: &'a Text,
    pub measure: String,
    pub site: &'i IndicatorSite<'a>,
}

/// Every SDGs indicator this rule reports, with its near name.
pub fn near_names<'i, 'a>(cx: &'i Context<'a>) -> Vec<Near<'i, 'a>> {
    let Some(sd) = &cx.plan.sdgs else {
        return Vec::new();
    };
    let printed: HashSet<String> = cx
        .index
        .indicators
        .iter()
        .map(|s| indicator_key(s.name.get_ref()))
        .collect();
    // direction-table indicators by the measure of the direction their row cites
    let mut by_measure: HashMap<String, Vec<(String, &'i IndicatorSite<'a>)>> = HashMap::default();
    for s in &cx.index.indicators {
        if let crate::analysis::index::Place::Table(c) = s.place
            && let Some(r) = c.reference()
        {
            by_measure
                .entry(r.measure)
                .or_default()
                .push((indicator_key(s.name.get_ref()), s));
        }
    }
    let mut out = Vec::new();
    for row in &sd.row {
        let measure = normalize::key(row.measure.get_ref());
        let of_measure = by_measure.get(&measure).map_or(&[][..], Vec::as_slice);
        for ind in &row.indicators {
            let k = indicator_key(ind.get_ref());
            if k.is_empty() || printed.contains(&k) {
                continue;
            }
            let mut best: Option<(f64, &IndicatorSite)> = None;
            for (key, s) in of_measure {
                let n = nearness(&k, key);
                if n >= NEAR_IN_MEASURE && best.is_none_or(|(b, _)| n > b) {
                    best = Some((n, s));
                }
            }
            if let Some((_, site)) = best {
                out.push(Near {
                    sdgs_file: sd.file,
                    indicator: ind,
                    measure: measure.clone(),
                    site,
                });
            }
        }
    }
    out
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for n in near_names(cx) {
        let name = n.indicator.get_ref();
        let near = n.site.name.get_ref();
        let measure = &n.measure;
        let Msg { ja: wja, en: wen } = cx.indicator_place(n.site);
        out.push(
            RULE.finding(
                n.sdgs_file,
                n.indicator.span(),
                msg!(
                    "ＳＤＧｓローカル指標「{name}」（施策 {measure}）は、同じ施策の対応表では「{near}」と書かれていませんか",
                    "SDGs local indicator `{name}` (measure {measure}) may be printed as `{near}` in a direction table of the same measure"
                ),
            )
            .label(msg!("対応表では「{near}」", "`{near}` in the direction table"))
            .help(msg!(
                "同じ指標なら、どちらかの名前にそろえてください。別の指標なら、そのままで構いません。",
                "if it is the same indicator, print one name in both tables; if not, leave them"
            ))
            .subject(indicator_key(name))
            .related(
                Finding::at(n.site.file, n.site.name.span()),
                msg!(
                    "近い名前の指標「{near}」（{wja}）",
                    "the near name `{near}` ({wen})"
                ),
            ),
        );
    }
}

super::fixture_test!(
    ["健康診査受診率"],
    "a near name in 1-1's table",
    |f| {
        assert!(f[0].message.ja.contains("「健診受診率」"));
        assert_eq!(f[0].related.len(), 1);
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn k(s: &str) -> String {
        indicator_key(s)
    }

    #[test]
    fn near_names_of_one_measure() {
        // the shipped plan's pairs
        assert!(
            nearness(
                &k("就労支援講座等開催数"),
                &k("就労支援セミナー等の講座開催数")
            ) >= 0.7
        );
        assert!(
            nearness(
                &k("多文化共生・国際交流事業の参加者数"),
                &k("多文化共生事業の参加者数")
            ) >= 0.7
        );
        assert_eq!(
            nearness(
                &k("事業所数"),
                &k("事業所数（農業、林業、漁業、公務を除く）")
            ),
            1.0
        );
        // what is counted differs
        assert_eq!(
            nearness(&k("日本語教室の受講者数"), &k("日本語教室の開催数")),
            0.0
        );
        // too little in common
        assert!(nearness(&k("就労支援講座等開催数"), &k("各種講座開催数（回）")) < 0.7);
        assert!(nearness(&k("事業所数"), &k("従業者数")) < 0.7);
    }

    #[test]
    fn a_two_character_name_can_be_near() {
        // 「人口」 and 「総人口」 end alike and share 2 of 5 characters: 2·2 / 5
        assert_eq!(nearness("人口", "総人口"), 0.8);
        assert_eq!(nearness("総人口", "人口"), 0.8);
        // a single character is never near
        assert_eq!(nearness("率", "受診率"), 0.0);
    }

    /// Fixture text: project 2 with one table row citing 1-1 方針１ for each indicator.
    fn rows_of_1_1(indicators: &[&str]) -> &'static str {
        let mut s = String::from(project_two_table!("安心して暮らせるまち"));
        for i in indicators {
            s.push_str(&format!(
                "\n[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\ntitle = \"切れ目ない支援\"\nindicator = \"{i}\"\n"
            ));
        }
        Box::leak(s.into_boxed_str())
    }

    #[test]
    fn the_nearest_name_of_the_measure_is_named() {
        // 健康診査受診率 against 健診受診率 (project 1): 2·5 / 12; against 健康診査の受診率,
        // printed later: 2·7 / 15, nearer
        let fx = Fixture {
            replace: &[(
                "indicators = [\"健診受診率\"]",
                "indicators = [\"健康診査受診率\"]",
            )],
            append: rows_of_1_1(&["健康診査の受診率"]),
        };
        let f = testing::assert_one(&RULE, &fx, "may be printed as `健康診査の受診率`");
        assert_eq!(f.related.len(), 1);
    }

    #[test]
    fn of_two_equally_near_names_the_first_printed_is_named() {
        // 健診受診率 (project 1) and 健康受診率 (project 2) are both 2·5 / 12 near
        let fx = Fixture {
            replace: &[(
                "indicators = [\"健診受診率\"]",
                "indicators = [\"健康診査受診率\"]",
            )],
            append: rows_of_1_1(&["健康受診率"]),
        };
        testing::assert_one(&RULE, &fx, "may be printed as `健診受診率`");
    }

    #[test]
    fn lcs_lengths() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(lcs(&c("abcde"), &c("ace")), 3);
        assert_eq!(lcs(&c(""), &c("abc")), 0);
        assert_eq!(
            lcs(
                &c("就労支援講座等開催数"),
                &c("就労支援セミナー等の講座開催数")
            ),
            9
        );
    }

    #[test]
    fn another_measure_is_pc104s() {
        // 健康診査受診率 listed under 2-1, whose table row is 刑法犯認知件数
        let fixture = Fixture::replacing(&[
            ("indicators = []\n", "indicators = [\"健康診査受診率\"]\n"),
            ("indicators = [\"健診受診率\"]", "indicators = []"),
        ]);
        testing::assert_found(&RULE, &fixture, 0);
    }
}
