//! PC211 indicator-measure-mismatch: an indicator filed under one measure in one table and
//! cited under another measure in another — the SDGs local-indicator table lists it under
//! 7-1 while a direction table prints it on a row citing 5-1 方針２, or two direction tables
//! print it under directions of different measures.
//!
//! A measure of a row is the measure of the direction it cites. A 関係 row is an initiative
//! related to a direction, often of another measure than the indicator's own, so 関係 rows are
//! neither checked nor evidence. The SDGs table may list one indicator under
//! several measures, so an indicator is reported only when none of the measures it is filed
//! under elsewhere is the row's. A row whose direction's other rows print another indicator is PC203's
//! finding (the same root cause, e.g. a lost 関係), so it is not reported again. Without 表１ as
//! evidence, a row is compared with the rows printed before it, so that a pair is reported once.

use super::unknown_indicator::indicator_key;
use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::{IndicatorSite, Place};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::normalize;
use std::collections::BTreeMap;

pub const RULE: Rule = Rule {
    code: "PC211",
    name: "indicator-measure-mismatch",
    severity: Severity::Info,
    summary: (
        "同じ指標が表によって別の施策の下にあります",
        "an indicator filed under one measure in one table and another measure in another",
    ),
    docs: Docs {
        what: (
            "対応表の「関係」の付かない行の指標（その行が引用する施策の展開方針の施策の下にあるとみなします）と同じ名前の指標が、ＳＤＧｓローカル指標の表（表１）で、または（表１にないときは）先に印刷された対応表の行で、別の施策の下にあれば報告します。表１は一つの指標を複数の施策に挙げることがあるので、ほかの表で挙げられた施策のどれかがその行の施策と同じなら報告しません。同じ表１の中の重複は比べません。「関係」の行は別の施策の方針に関係する取組なので、調べる対象にも比べる相手にもしません。同じ施策の展開方針を引用するほかの行が別の指標を印刷している行は、PC203 indicator-drift が報告するので報告しません。",
            "Reports a direction-table row without 関係 whose indicator (taken to stand under the measure of the direction the row cites) is filed under another measure elsewhere: in the SDGs local-indicator table (表１), or, when 表１ does not list it, on a direction-table row printed before it. The SDGs table may list one indicator under several measures, so the row is not reported when any measure the indicator is filed under elsewhere is the row's. Duplicates within 表１ itself are not compared. 関係 rows are initiatives related to another measure's direction, so they are neither checked nor compared with. A row of a direction whose other rows print another indicator is PC203 indicator-drift's finding and is not reported here.",
        ),
        why: (
            "指標は施策ごとに進捗を管理します。表によって別の施策の下にあると、どの施策の成果として数えるのかが分からず、引用する施策の展開方針の誤り（「関係」の付け忘れ、施策番号の打ち間違い）であることもあります。表の作りによっては意図した重複もあるため、情報として報告します。",
            "Indicators are tracked measure by measure. Filed under different measures in different tables, nobody can tell which measure it reports on, and the cited direction may be wrong (a missing 関係, a mistyped measure). Some tables file indicators across measures on purpose, so this is information.",
        ),
        example: (
            "# 表１\nmeasure = \"2-1\"\nindicators = [\"健診受診率\"]\n# 対応表\ndirection = \"1-1 方針１\"\nindicator = \"健診受診率\"   # 表１では施策 2-1 の指標",
            "# 表１\nmeasure = \"2-1\"\nindicators = [\"健診受診率\"]\n# direction table\ndirection = \"1-1 方針１\"\nindicator = \"健診受診率\"   # measure 2-1's indicator in 表１",
        ),
        fix: (
            "どの施策の指標かを確かめ、行が引用する施策の展開方針か、表１の施策を直してください。意図して別の施策の下に置いている場合は、そのままで構いません。",
            "Check which measure the indicator belongs to and correct the direction the row cites, or the measure in 表１. If it is filed under both on purpose, leave it.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ALSO_UNDER_2_1,
            (
                "indicators = [\"健診受診率\"]\n\n[[sdgs.row]]",
                "indicators = []\n\n[[sdgs.row]]",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[ALSO_UNDER_2_1],
        append: "",
    },
};

/// Fixture edit: 表１ lists 健診受診率 under 2-1 too.
const ALSO_UNDER_2_1: (&str, &str) = ("indicators = []\n", "indicators = [\"健診受診率\"]\n");

/// Where an indicator is filed under a measure elsewhere.
#[derive(Clone, Copy)]
enum Filing<'i, 'a> {
    Sdgs(&'a crate::plan::model::Text, crate::plan::source::FileId),
    /// A direction-table row: its position in the index, and the site.
    Row(usize, &'i IndicatorSite<'a>),
}

/// The measure and the printed direction of a row citing a direction without 関係.
fn row_measure(site: &IndicatorSite) -> Option<(String, String)> {
    match site.place {
        Place::Table(c) => c
            .reference()
            .filter(|r| !r.related)
            .map(|r| (r.measure.clone(), c.row.direction.get_ref().clone())),
        _ => None,
    }
}

/// Whether another row citing the same direction (without 関係) prints another indicator:
/// PC203 indicator-drift reports that row already.
fn drifts_in_direction(sites: &[IndicatorSite], this: &IndicatorSite) -> bool {
    let id = |s: &IndicatorSite| match s.place {
        Place::Table(c) => c
            .reference()
            .filter(|r| !r.related)
            .map(|r| r.id(c.vocabulary)),
        _ => None,
    };
    let Some(mine) = id(this) else {
        return false;
    };
    let k = indicator_key(this.name.get_ref());
    sites
        .iter()
        .any(|s| id(s).as_ref() == Some(&mine) && indicator_key(s.name.get_ref()) != k)
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    // indicator key → (measure, filing): direction-table rows in model order, and 表１
    let mut filed: BTreeMap<String, Vec<(String, Filing)>> = BTreeMap::new();
    for (i, s) in cx.index.indicators.iter().enumerate() {
        if let Some((m, _)) = row_measure(s) {
            filed
                .entry(indicator_key(s.name.get_ref()))
                .or_default()
                .push((m, Filing::Row(i, s)));
        }
    }
    if let Some(sd) = &cx.plan.sdgs {
        for row in &sd.row {
            let m = normalize::key(row.measure.get_ref());
            for ind in &row.indicators {
                filed
                    .entry(indicator_key(ind.get_ref()))
                    .or_default()
                    .push((m.clone(), Filing::Sdgs(ind, sd.file)));
            }
        }
    }
    for (i, s) in cx.index.indicators.iter().enumerate() {
        let Some((measure, cited)) = row_measure(s) else {
            continue;
        };
        let k = indicator_key(s.name.get_ref());
        let Some(all) = filed.get(&k).filter(|_| !k.is_empty()) else {
            continue;
        };
        // the evidence: 表１ when it lists the indicator, else the rows printed before
        let in_sdgs = all.iter().any(|(_, f)| matches!(f, Filing::Sdgs(..)));
        let others: Vec<&(String, Filing)> = all
            .iter()
            .filter(|(_, f)| match f {
                Filing::Sdgs(..) => true,
                Filing::Row(j, _) => !in_sdgs && *j < i,
            })
            .collect();
        let Some((other_measure, filing)) = others.first() else {
            continue;
        };
        if others.iter().any(|(m, _)| *m == measure) || drifts_in_direction(&cx.index.indicators, s)
        {
            continue;
        }
        let name = s.name.get_ref();
        let (where_, related_at) = match filing {
            Filing::Sdgs(t, file) => (
                msg!(
                    "ＳＤＧｓローカル指標の表１",
                    "the SDGs local-indicator table (表１)"
                ),
                Finding::at(*file, t.span()),
            ),
            Filing::Row(_, o) => (cx.indicator_place(o), Finding::at(o.file, o.name.span())),
        };
        let (wja, wen) = (&where_.ja, &where_.en);
        let direction = cx.vocabulary().sections.direction.get_ref();
        out.push(
            RULE.finding(
                s.file,
                s.name.span(),
                msg!(
                    "指標「{name}」は、{wja}では施策 {other_measure} の下にありますが、この行は施策 {measure} の「{cited}」を引用しています",
                    "indicator `{name}` stands under measure {other_measure} in {wen}, but this row cites `{cited}` of measure {measure}"
                ),
            )
            .label(msg!(
                "ほかの表では施策 {other_measure}",
                "measure {other_measure} elsewhere"
            ))
            .help(msg!(
                "どの施策の指標かを確かめ、この行が引用する{direction}か、ほかの表の施策を直してください。意図して別の施策の下に置いている場合は、そのままで構いません。",
                "check which measure the indicator belongs to and correct the direction this row cites or the other table; if it is filed under both on purpose, leave it"
            ))
            .subject(k.clone())
            .related(
                related_at,
                msg!(
                    "{wja}での記載（施策 {other_measure}）",
                    "filed under measure {other_measure} in {wen}"
                ),
            ),
        );
    }
}

super::fixture_test!(
    ["健診受診率"],
    "表１ files it under 2-1, the row cites 1-1",
    |f| {
        testing::assert_contains(&f[0].message.ja, "施策 2-1");
        assert!(f[0].message.ja.contains("施策 1-1"));
        assert_eq!(f[0].related.len(), 1);
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    /// Fixture text: project 2's table with one row per (direction, title), each printing
    /// 待機児童数 from 0 人 to 0 人.
    macro_rules! rows_of_waiting_children {
        ($(($direction:literal, $title:literal)),+ $(,)?) => {
            concat!(
                project_two_table!("安心して暮らせるまち"),
                $(
                    "\n[[project.direction.table.row]]\ndirection = \"",
                    $direction,
                    "\"\ntitle = \"",
                    $title,
                    "\"\nindicator = \"待機児童数\"\nbaseline = \"0 人\"\ntarget = \"0 人\"\n",
                )+
            )
        };
    }

    #[test]
    fn a_row_drifting_from_its_direction_is_pc203s() {
        // 表１ files 健診受診率 under 2-1; the 2-1 方針１ row of project 2 prints it, while
        // project 1's 2-1 方針１ row prints 刑法犯認知件数: PC203 reports that row
        let fixture =
            Fixture::replacing(&[("indicators = []\n", "indicators = [\"待機児童数\"]\n")])
                .then_append(rows_of_waiting_children!(("2-1 方針１", "地域の防犯活動")));
        let (_, f) = testing::findings_of(&RULE, &fixture);
        // project 1's 1-1 方針２ row is reported (表１ says 2-1); project 2's row is PC203's
        assert_eq!(f.len(), 1, "{f:?}");
        testing::assert_contains(&f[0].message.ja, "1-1 方針２");
    }

    #[test]
    fn rows_of_two_projects_under_different_measures() {
        let fixture = Fixture::appending(rows_of_waiting_children!(
            ("1-1 方針１関係", "見守り"),
            ("2-1 方針２", "見守り"),
        ));
        let (_, f) = testing::findings_of(&RULE, &fixture);
        // the later row, against the earlier one; the 関係 row is neither checked nor evidence
        assert_eq!(testing::subjects(&f), ["待機児童数"]);
        testing::assert_contains(
            &f[0].message.ja,
            "重点プロジェクト1の対応表の「1-1 方針２」の行",
        );
        assert!(f[0].message.ja.contains("施策 2-1"));
    }
}
