//! PC104 unknown-indicator: an SDGs local indicator that no indicator of the plan tracks.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::IndicatorSite;
use crate::analysis::near;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::normalize;
use rustc_hash::FxHashMap as HashMap;

pub const RULE: Rule = Rule {
    code: "PC104",
    name: "unknown-indicator",
    severity: Severity::Info,
    summary: (
        "計画のどの指標でも追跡されていないＳＤＧｓローカル指標",
        "SDGs local indicator not tracked by any indicator of the plan",
    ),
    docs: Docs {
        what: (
            "ＳＤＧｓローカル指標の表（表１）が挙げる指標が、計画のほかの場所（対応表の成果指標、プロジェクト指標、えがお咲く指標、数値目標の表）に指標として印刷されているかを調べます。全角・半角、空白、名前の末尾の「※」の違いは同じ名前とみなします。括弧書きの限定（「（農林漁業を含む）」など）だけが違う指標か、編集距離で 6 割以上一致する名前の指標があれば、直し方にその指標を示します（見つからなければ示しません）。同じ施策の対応表に近い名前の指標があるものは、PC210 indicator-near-name が報告するので、この規則では報告しません。",
            "Checks that each indicator listed by the SDGs local-indicator table (表１) is printed as an indicator somewhere else in the plan (a direction table's outcome indicator, a project indicator, a headline indicator, the numeric-target summary). Width, spacing and a trailing 「※」 are ignored. When another indicator differs only by a parenthesised qualifier (「（農林漁業を含む）」) or has a name at least 60% equal by edit distance, the help names it (otherwise there is no hint). An indicator with a near name in a direction table of its own measure is left to PC210 indicator-near-name.",
        ),
        why: (
            "表１はＳＤＧｓ未来都市計画の指標を挙げているので、総合計画が追跡しない指標があっても誤りとは限りません（情報として報告します）。ただし、同じ指標が別の名前で印刷されていると、読み手は両者を結びつけられません。",
            "The table lists indicators of the SDGs future-city plan, which the comprehensive plan may legitimately not track, so this is information, not an error. But when the same indicator is printed under another name, readers cannot connect the two.",
        ),
        example: (
            "[[sdgs.row]]\nmeasure = \"3-1\"\nindicators = [\"製造品出荷額\"]   # 計画のどの表にもない指標",
            "[[sdgs.row]]\nmeasure = \"3-1\"\nindicators = [\"製造品出荷額\"]   # printed in no table of the plan",
        ),
        fix: (
            "同じ指標なら名前をそろえてください。計画で追跡すべき指標なら、対応表の成果指標に加えてください。意図して追跡しない指標であれば、そのままで構いません。",
            "If it is the same indicator, print one name. If the plan should track it, add it to a direction table. If it is deliberately not tracked, leave it.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // a qualified name of another measure's indicator
            (
                "indicators = [\"健診受診率\"]",
                "indicators = [\"健診受診率\", \"刑法犯認知件数（暫定値）\"]",
            ),
            // untracked; a near name of another measure's indicator
            (
                "indicators = []\n",
                "indicators = [\"防犯ボランティア数\", \"健康診査受診率\"]\n",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            (
                "indicators = [\"健診受診率\"]",
                "indicators = [\"健診 受診率※\"]",
            ),
            ("indicators = []\n", "indicators = [\"年少人口\"]\n"),
        ],
        append: "",
    },
};

/// [`indicator_key`] without parenthesised qualifiers: `(農林漁業を含む)事業所数` → `事業所数`.
/// Names that differ only by a qualifier are pointed out as probably the same indicator.
pub(crate) fn bare_key(key: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in key.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Key for comparing indicator names: [`normalize::key`] without a trailing footnote marker.
pub(crate) fn indicator_key(name: &str) -> String {
    let k = normalize::key(name);
    k.trim_end_matches('※').to_string()
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(sd) = &cx.plan.sdgs else { return };
    let tracked = Tracked::new(&cx.index.indicators);
    // a near name in the same measure's direction tables is PC210's finding
    let near: rustc_hash::FxHashSet<(crate::plan::source::FileId, usize)> =
        super::indicator_near_name::near_names(cx)
            .iter()
            .map(|n| (n.sdgs_file, n.indicator.span().start))
            .collect();
    for row in &sd.row {
        let measure = normalize::key(row.measure.get_ref());
        for ind in &row.indicators {
            let k = indicator_key(ind.get_ref());
            if k.is_empty()
                || tracked.first.contains_key(&k)
                || near.contains(&(sd.file, ind.span().start))
            {
                continue;
            }
            let name = ind.get_ref();
            let mut f = RULE
                .finding(
                    sd.file,
                    ind.span(),
                    msg!(
                        "ＳＤＧｓローカル指標「{name}」（施策 {measure}）は、この計画のどの指標でも追跡されていません",
                        "SDGs local indicator `{name}` (measure {measure}) is not tracked by any indicator of this plan"
                    ),
                )
                .label(msg!("計画の指標では追跡していません", "not tracked by the plan"))
                .subject(k.clone());
            match tracked.nearest(&k) {
                Some(site) => {
                    let near = site.name.get_ref();
                    let Msg { ja: wja, en: wen } = cx.indicator_place(site);
                    f = f
                        .help(msg!(
                            "「{near}」のことではありませんか。同じ指標なら名前をそろえてください。",
                            "did you mean `{near}`? If it is the same indicator, print one name"
                        ))
                        .related(
                            Finding::at(site.file, site.name.span()),
                            msg!(
                                "よく似た指標「{near}」（{wja}）",
                                "a near indicator, `{near}` ({wen})"
                            ),
                        );
                }
                None => {
                    f = f.help(msg!(
                        "ＳＤＧｓ未来都市計画の指標で、この計画では追跡していないのかもしれません。追跡するなら対応表の成果指標に加え、別の名前で追跡しているなら名前をそろえてください。",
                        "this may be an indicator of the SDGs future-city plan that this plan does not track; to track it, add it to a direction table, and if it is tracked under another name, print one name"
                    ));
                }
            }
            out.push(f);
        }
    }
}

/// The plan's printed indicators by key, with a bigram index for near names.
struct Tracked<'i, 'a> {
    /// Key → first site printing it.
    first: HashMap<String, &'i IndicatorSite<'a>>,
    /// Key without parenthesised qualifiers → first site printing it.
    bare: HashMap<String, &'i IndicatorSite<'a>>,
    /// First site of each distinct key, in model order (parallel to the index's keys).
    sites: Vec<&'i IndicatorSite<'a>>,
    index: near::BigramIndex,
}

impl<'i, 'a> Tracked<'i, 'a> {
    fn new(all: &'i [IndicatorSite<'a>]) -> Tracked<'i, 'a> {
        let mut first = HashMap::default();
        let mut bare = HashMap::default();
        let mut keys = Vec::new();
        let mut sites = Vec::new();
        for s in all {
            let k = indicator_key(s.name.get_ref());
            if k.is_empty() || first.contains_key(&k) {
                continue;
            }
            first.insert(k.clone(), s);
            let b = bare_key(&k);
            if !b.is_empty() {
                bare.entry(b).or_insert(s);
            }
            keys.push(k);
            sites.push(s);
        }
        Tracked {
            first,
            bare,
            sites,
            index: near::BigramIndex::new(keys),
        }
    }

    /// A name equal but for parenthesised qualifiers; else the first site of the most similar
    /// name at or above [`near::NEAR`] (ties: model order).
    fn nearest(&self, q: &str) -> Option<&'i IndicatorSite<'a>> {
        let b = bare_key(q);
        if let Some(s) = self.bare.get(&b).filter(|_| !b.is_empty()) {
            return Some(*s);
        }
        self.index.nearest(q, near::NEAR).map(|i| self.sites[i])
    }
}

super::fixture_test!(3, "a qualified one, an untracked one, a near name", |f| {
    assert_eq!(
        f[0].related.len(),
        1,
        "刑法犯認知件数 differs only by a qualifier"
    );
    assert!(f[1].related.is_empty());
    assert!(f[1].help.as_ref().unwrap().ja.contains("追跡していない"));
    assert_eq!(f[2].subject.as_deref(), Some("健康診査受診率"));
    assert_eq!(f[2].related.len(), 1, "the near indicator is related");
    assert!(f[2].help.as_ref().unwrap().ja.contains("「健診受診率」"));
});

#[cfg(test)]
mod tests {
    use super::{bare_key, indicator_key};
    use crate::rules::testing;

    #[test]
    fn a_near_name_in_the_same_measure_is_left_to_pc210() {
        let fixture = crate::rules::Fixture {
            replace: &[(
                "indicators = [\"健診受診率\"]",
                "indicators = [\"健康診査受診率\"]",
            )],
            append: "",
        };
        let (_, f) = testing::findings_of(&super::RULE, &fixture);
        assert!(f.is_empty(), "{f:?}");
        let (_, f) = testing::findings_of(&crate::rules::indicator_near_name::RULE, &fixture);
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn qualifiers_are_dropped_for_suggestions() {
        assert_eq!(
            bare_key(&indicator_key("（農林漁業を含む）事業所数")),
            "事業所数"
        );
        assert_eq!(
            bare_key(&indicator_key("事業所数（農業を除く）")),
            "事業所数"
        );
        assert_eq!(bare_key("(a(b))c"), "c");
        assert_eq!(bare_key("a)b"), "a)b");
    }

    #[test]
    fn footnote_marks_width_and_spaces_are_ignored() {
        assert_eq!(indicator_key("がん 死亡率※"), indicator_key("がん死亡率"));
        assert_eq!(indicator_key("３歳児"), indicator_key("3歳児"));
    }
}
