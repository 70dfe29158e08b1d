//! PC203 indicator-drift: the same indicator printed in two places with a different name,
//! baseline, target, unit or year label.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::{IndicatorSite, Place};
use crate::analysis::{group_in_order, near};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::Printed;
use crate::plan::normalize;
use crate::plan::value::{self, Parsed};
use std::collections::BTreeMap;
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC203",
    name: "indicator-drift",
    severity: Severity::Warning,
    summary: (
        "同じ指標の名称・現状値・目標値が箇所によって異なります",
        "the same indicator printed with a different name, baseline, target or unit",
    ),
    docs: Docs {
        what: (
            "同じ指標が二か所以上に印刷されているとき、その内容が食い違っていないかを調べます。同じ指標とみなすのは、（ア）正規化した指標名が同じもの（対応表の行、プロジェクト指標、数値目標の一覧のどこでも）と、（イ）同じ施策の展開方針を引用する「関係」の付かない行どうしの指標です。（ア）では、両方に値が印刷されているときに現状値・目標値を数値・単位・以上/以下・内訳（小学校/中学校など）で比べ、年の注記（（令和４年）など）も比べます。（イ）では指標名が違えば（近い名称でも）ずれとして報告し、値も同様に比べます。「関係」の付いた行は別の取組なので、同じ方針の行のうち指標名が同じか近いものとだけ比べます。全角・半角や空白だけの違い（41％ と 41%）はずれとしません。各ずれは後に出てくる記載で一度だけ報告し、最初の記載を関連箇所として示します。ずれのある行が、名称の違いで報告される行（PC201: 「関係」の書き落としなど）なら、原因はその行なので、このずれは PC201 の指摘の関連箇所として示します（PC201 を allow で抑止したり設定で止めたりした場合は、このずれを単独で報告します）。",
            "Checks that an indicator printed in more than one place says the same everywhere. Two copies are the same indicator when (a) their normalised names are equal (direction-table rows, project indicators, the numeric-target summary), or (b) they are the indicators of rows citing the same policy direction without 「関係」. Under (a), baselines and targets are compared when both copies print a value — by number, unit, at-least/at-most and sub-value label — and so are the year labels printed under them. Under (b), differing names are drift (near or not), and values are compared in the same way. A 「関係」 row is a separate initiative, so it is compared only with rows of the same direction whose indicator name is equal or near. Width or spacing alone (41％ vs 41%) is not drift. Each drifting copy is reported once, at the later copy, with the first copy as the related place. When either row is one PC201 reports (a retitled row, typically one that lost its 「関係」), the drift has that cause and is shown as a related place of the PC201 finding instead (reported on its own when PC201 is suppressed or off).",
        ),
        why: (
            "同じ指標の名称や目標値が箇所ごとに違うと、どれが正しい値なのか分からず、計画の進捗管理で別の数字が使われてしまいます。",
            "When one indicator has different names or targets in different places, nobody can tell which is right, and progress will be measured against different numbers.",
        ),
        example: (
            "# プロジェクト１\nindicator = \"学校体育館の空調機設置率（設置完了施設数/設置対象施設数）\"\n# プロジェクト３、同じ 1-3 方針３\nindicator = \"学校体育館の空調機設置率（設置完了施設数/対象施設数）\"",
            "# project 1\nindicator = \"学校体育館の空調機設置率（設置完了施設数/設置対象施設数）\"\n# project 3, same direction 1-3 方針３\nindicator = \"学校体育館の空調機設置率（設置完了施設数/対象施設数）\"",
        ),
        fix: (
            "どちらが正しいか確認し、すべての箇所で指標名・値・単位・年の注記を揃えてください。",
            "Check which copy is right and print the same name, values, units and year labels everywhere.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "indicators = [{ name = \"年少人口\", baseline = \"30,000 人\", target = \"31,000 人\" }]",
            "indicators = [{ name = \"年少人口\", baseline = \"30,000 人\", target = \"32,000 人\" }]",
        )],
        append: concat!(
            project_two_table!("安心して暮らせるまち"),
            r#"
[[project.direction.table.row]]
direction = "1-1 方針１"
title = "切れ目ない支援"
indicator = "健診の受診率"
baseline = "95.2％"
target = "97.0%"

[[project.direction.table.row]]
direction = "2-1 方針１関係"
title = "防犯パトロールの実施"
indicator = "刑法犯認知件数（年間）"
baseline = "1,869 件"
target = "1,400件"
"#
        ),
    }),
    pass: Fixture {
        replace: &[(
            "indicators = [{ name = \"年少人口\", baseline = \"30,000 人\", target = \"31,000 人\" }]",
            "indicators = [{ name = \"年少 人口\", baseline = \"30,000人\", target = \"31,000 人\" }]",
        )],
        append: concat!(
            project_two_table!("安心して暮らせるまち"),
            r#"
[[project.direction.table.row]]
direction = "1-1 方針１"
title = "切れ目ない支援"
indicator = "健診受診率"
baseline = "95.2％"
target = "96.5 %"

[[project.direction.table.row]]
direction = "2-1 方針１関係"
title = "防犯カメラの設置"
indicator = "防犯カメラ設置台数"
baseline = "10 台"
target = "30 台"
"#
        ),
    },
};

/// A field of an indicator copy that can drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Baseline,
    Target,
    BaselineYear,
    TargetYear,
}

const COMPARED: [Field; 4] = [
    Field::Baseline,
    Field::Target,
    Field::BaselineYear,
    Field::TargetYear,
];

impl Field {
    /// (ja, en) name of the field; `unit_only` when only the unit of a value differs.
    fn words(self, unit_only: bool) -> (&'static str, &'static str) {
        match (self, unit_only) {
            (Field::Name, _) => ("指標名", "name"),
            (Field::Baseline, false) => ("現状値", "baseline"),
            (Field::Baseline, true) => ("現状値の単位", "baseline unit"),
            (Field::Target, false) => ("目標値", "target"),
            (Field::Target, true) => ("目標値の単位", "target unit"),
            (Field::BaselineYear, _) => ("現状値の年", "baseline year"),
            (Field::TargetYear, _) => ("目標値の年", "target year"),
        }
    }
}

/// One field of a copy that differs from another copy.
#[derive(Debug)]
struct Diff {
    field: Field,
    unit_only: bool,
    span: Range<usize>,
    text: String,
    other: usize,
    other_span: Range<usize>,
    other_text: String,
}

/// The printed text and span of a field of a copy, if it prints one.
fn field_of(s: &IndicatorSite, f: Field) -> Option<(String, Range<usize>)> {
    match f {
        Field::Name => Some((s.name.get_ref().clone(), s.name.span())),
        Field::Baseline => s
            .baseline
            .filter(|v| prints_value(v.get_ref()))
            .map(|v| (v.get_ref().text(), v.span())),
        Field::Target => s
            .target
            .filter(|v| prints_value(v.get_ref()))
            .map(|v| (v.get_ref().text(), v.span())),
        Field::BaselineYear => s
            .baseline_year
            .filter(|t| !normalize::key(t.get_ref()).is_empty())
            .map(|t| (t.get_ref().clone(), t.span())),
        Field::TargetYear => s
            .target_year
            .filter(|t| !normalize::key(t.get_ref()).is_empty())
            .map(|t| (t.get_ref().clone(), t.span())),
    }
}

fn parts(p: &Printed) -> Vec<Parsed> {
    match p {
        Printed::One(s) => vec![value::parse(s)],
        Printed::Many(v) => v.iter().map(|t| value::parse(t.get_ref())).collect(),
    }
}

/// A cell prints a value unless it is empty or only a "no value" marker (「－」, 「取得なし」).
fn prints_value(p: &Printed) -> bool {
    parts(p).iter().any(|v| !matches!(v, Parsed::Missing(_)))
}

/// Whether two printed values differ: `None` when they are the same (or not comparable),
/// `Some(true)` when only a unit differs, `Some(false)` otherwise. Width and spacing are
/// ignored; a number is compared with a number, a text with a text.
fn value_diff(a: &Printed, b: &Printed) -> Option<bool> {
    let (pa, pb) = (parts(a), parts(b));
    let quantity = |v: &[Parsed]| v.iter().any(|p| matches!(p, Parsed::Quantity(_)));
    if pa.len() != pb.len() {
        return (quantity(&pa) && quantity(&pb)).then_some(false);
    }
    let mut differ = false;
    let mut unit_only = true;
    for (x, y) in pa.iter().zip(&pb) {
        match (x, y) {
            (Parsed::Quantity(qx), Parsed::Quantity(qy)) => {
                let label = |l: &Option<String>| l.as_deref().map(normalize::key);
                let scale = qx.number.abs().max(qy.number.abs()).max(1.0);
                let same_core = label(&qx.label) == label(&qy.label)
                    && qx.qualifier == qy.qualifier
                    && (qx.number - qy.number).abs() <= 1e-9 * scale;
                if !same_core {
                    differ = true;
                    unit_only = false;
                } else if normalize::key(&qx.unit) != normalize::key(&qy.unit) {
                    differ = true;
                }
            }
            (Parsed::Text(tx), Parsed::Text(ty)) if normalize::key(tx) != normalize::key(ty) => {
                differ = true;
                unit_only = false;
            }
            _ => {}
        }
    }
    differ.then_some(unit_only)
}

/// Whether two year labels differ: by era year when both read as one, else by normalised text.
fn year_differs(a: &str, b: &str) -> bool {
    match (value::era_year(a), value::era_year(b)) {
        (Some(x), Some(y)) => x != y,
        _ => normalize::key(a) != normalize::key(b),
    }
}

/// The difference in field `f` of copy `this` from copy `other`, when both print it.
fn diff(sites: &[IndicatorSite], this: usize, other: usize, f: Field) -> Option<Diff> {
    let (a, b) = (sites.get(this)?, sites.get(other)?);
    let (text, span) = field_of(a, f)?;
    let (other_text, other_span) = field_of(b, f)?;
    let unit_only = match f {
        Field::Name => {
            if normalize::key(&text) == normalize::key(&other_text) {
                return None;
            }
            false
        }
        Field::Baseline => value_diff(a.baseline?.get_ref(), b.baseline?.get_ref())?,
        Field::Target => value_diff(a.target?.get_ref(), b.target?.get_ref())?,
        Field::BaselineYear | Field::TargetYear => {
            if !year_differs(&text, &other_text) {
                return None;
            }
            false
        }
    };
    Some(Diff {
        field: f,
        unit_only,
        span,
        text,
        other,
        other_span,
        other_text,
    })
}

/// One indicator name among the rows citing a direction, with its first primary and first
/// 関係 row (indices into the index's indicator list, in model order).
struct NameEntry<'k> {
    key: &'k str,
    first_primary: Option<usize>,
    first_related: Option<usize>,
}

impl NameEntry<'_> {
    fn add(&mut self, i: usize, related: bool) {
        let slot = if related {
            &mut self.first_related
        } else {
            &mut self.first_primary
        };
        slot.get_or_insert(i);
    }
}

/// The earliest earlier row of the direction that a row named `key` must agree with: a primary
/// row (when this row is primary) naming another indicator, or any row whose name is near when
/// either of the two is a 関係 row.
fn earliest_match(names: &[NameEntry], key: &str, related: bool) -> Option<usize> {
    names
        .iter()
        .filter(|e| e.key != key)
        .filter_map(|e| {
            let near = near::is_near(e.key, key, near::NEAR);
            let primary = if related { None } else { e.first_primary };
            let by_near = if near {
                [e.first_primary, e.first_related]
                    .into_iter()
                    .flatten()
                    .min()
            } else {
                None
            };
            [primary, by_near].into_iter().flatten().min()
        })
        .min()
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let sites = &cx.index.indicators;
    let keys: Vec<String> = sites
        .iter()
        .map(|s| normalize::key(s.name.get_ref()))
        .collect();
    // Differences found, by copy (model order).
    let mut diffs: BTreeMap<usize, Vec<Diff>> = BTreeMap::new();

    // (b) Rows citing the same direction: primary rows are one indicator; a 関係 row is
    // compared only with rows whose indicator name is near.
    let by_direction = group_in_order(sites.iter().enumerate().filter_map(|(i, s)| {
        let Place::Table(c) = s.place else {
            return None;
        };
        let r = c.reference()?;
        if keys.get(i).is_none_or(String::is_empty) {
            return None;
        }
        Some((r.id(cx.vocabulary()), (i, r.related)))
    }));
    for (_, group) in &by_direction {
        // The group's distinct names so far: a direction cited a thousand times under one
        // indicator name costs one comparison per row, not one per earlier row.
        let mut names: Vec<NameEntry> = Vec::new();
        for &(j, related_j) in group {
            let Some(kj) = keys.get(j) else { continue };
            let first = earliest_match(&names, kj, related_j);
            match names.iter_mut().find(|e| e.key == kj.as_str()) {
                Some(e) => e.add(j, related_j),
                None => {
                    let mut e = NameEntry {
                        key: kj.as_str(),
                        first_primary: None,
                        first_related: None,
                    };
                    e.add(j, related_j);
                    names.push(e);
                }
            }
            let Some(i) = first else { continue };
            let found: Vec<Diff> = [Field::Name]
                .into_iter()
                .chain(COMPARED)
                .filter_map(|f| diff(sites, j, i, f))
                .collect();
            if !found.is_empty() {
                diffs.entry(j).or_default().extend(found);
            }
        }
    }

    // (a) Copies with the same normalised name: each field against the first copy printing it.
    let by_name = group_in_order(
        keys.iter()
            .enumerate()
            .filter(|(_, k)| !k.is_empty())
            .map(|(i, k)| (k.as_str(), i)),
    );
    for (_, group) in &by_name {
        if group.len() < 2 {
            continue;
        }
        for f in COMPARED {
            let mut reference: Option<usize> = None;
            for &i in group {
                let Some(site) = sites.get(i) else { continue };
                if field_of(site, f).is_none() {
                    continue;
                }
                let Some(r) = reference else {
                    reference = Some(i);
                    continue;
                };
                if let Some(d) = diff(sites, i, r, f) {
                    let list = diffs.entry(i).or_default();
                    if !list.iter().any(|x| x.field == f) {
                        list.push(d);
                    }
                }
            }
        }
    }

    for (i, list) in diffs {
        let (Some(site), Some(first)) = (sites.get(i), list.first()) else {
            continue;
        };
        out.push(finding(cx, sites, site, &list, first));
    }
}

fn finding<'a>(
    cx: &Context,
    sites: &'a [IndicatorSite<'a>],
    site: &'a IndicatorSite<'a>,
    list: &[Diff],
    first: &Diff,
) -> Finding {
    let v = cx.vocabulary();
    let place = |s: &IndicatorSite| {
        let m = cx.indicator_place(s);
        (m.ja, m.en)
    };
    let name = site.name.get_ref();
    let fields_ja = list
        .iter()
        .map(|d| d.field.words(d.unit_only).0)
        .collect::<Vec<_>>()
        .join("・");
    let fields_en = list
        .iter()
        .map(|d| d.field.words(d.unit_only).1)
        .collect::<Vec<_>>()
        .join(", ");
    // One clause per other copy, in the order the differences were found.
    let mut others: Vec<usize> = Vec::new();
    for d in list {
        if !others.contains(&d.other) {
            others.push(d.other);
        }
    }
    let mut details_ja = String::new();
    let mut details_en = String::new();
    for (n, &o) in others.iter().enumerate() {
        let (wja, wen) = sites.get(o).map(place).unwrap_or_default();
        let mut ja = Vec::new();
        let mut en = Vec::new();
        for d in list.iter().filter(|d| d.other == o) {
            let (fja, fen) = d.field.words(d.unit_only);
            let (this, other) = (&d.text, &d.other_text);
            ja.push(format!("{fja}「{other}」（ここでは「{this}」）"));
            en.push(format!("{fen} 「{other}」 there (「{this}」 here)"));
        }
        let (ja, en) = (ja.join("、"), en.join(", "));
        if n == 0 {
            details_ja.push_str(&format!("{wja}の記載と異なります: {ja}"));
            details_en.push_str(&format!("differs from {wen}: {en}"));
        } else {
            details_ja.push_str(&format!("。{wja}の記載とも異なります: {ja}"));
            details_en.push_str(&format!("; it also differs from {wen}: {en}"));
        }
    }
    let primary_row = |s: &'a IndicatorSite<'a>| match s.place {
        Place::Table(c) if c.reference().is_some_and(|r| !r.related) => Some(c.row),
        _ => None,
    };
    let title_key =
        |r: &crate::plan::model::TableRow| r.title.as_ref().map(|t| normalize::key(t.get_ref()));
    // Two rows citing the same direction without 「関係」, with different titles and different
    // indicators: one of them may really be a related initiative.
    let renamed_primary = primary_row(site).is_some_and(|row| {
        list.iter().any(|d| {
            d.field == Field::Name
                && sites
                    .get(d.other)
                    .and_then(primary_row)
                    .is_some_and(|o| title_key(o) != title_key(row))
        })
    });
    let (direction, short, marker) = (
        v.sections.direction.get_ref(),
        v.sections.direction_short.get_ref(),
        v.related_marker.get_ref(),
    );
    let help = if renamed_primary {
        msg!(
            "同じ{direction}の指標なら、指標名と値をすべての箇所で一字一句揃えてください。この行が{short}そのものではなく関連する取組を引用しているなら、ID の後に「{marker}」と書いてください。",
            "rows citing the same direction share its indicator: print its name and values identically everywhere — or, if this row really cites a related initiative, write 「{marker}」 after its id"
        )
    } else if list.iter().any(|d| d.field == Field::Name) {
        msg!(
            "同じ指標なら、指標名と値をすべての箇所で一字一句揃えてください。別の指標なら、紛れない名称にしてください。",
            "if this is the same indicator, print its name and values identically everywhere; if it is a different indicator, give it a distinct name"
        )
    } else {
        msg!(
            "どちらの記載が正しいか確認し、両方を揃えてください。",
            "check which copy is right and make both print the same"
        )
    };
    let mut f = RULE
        .finding(
            site.file,
            first.span.clone(),
            msg!(
                "指標「{name}」が{details_ja}",
                "indicator 「{name}」 {details_en}"
            ),
        )
        .label(msg!("異なる: {fields_ja}", "differs: {fields_en}"))
        .help(help)
        .subject(normalize::key(name));
    // A drift on a row, or against a row, that cites its direction wrongly follows from that
    // row (PC201 reports it); the outcome layer attaches it there.
    let rows = std::iter::once(site).chain(list.iter().filter_map(|d| sites.get(d.other)));
    for s in rows {
        if let Place::Table(c) = s.place {
            f = f.caused_by(Finding::row_cause(c.file, &c.row.direction.span()));
        }
    }
    for d in list {
        let Some(other) = sites.get(d.other) else {
            continue;
        };
        let (fja, fen) = d.field.words(d.unit_only);
        let (wja, wen) = place(other);
        let text = &d.other_text;
        f = f.related(
            Finding::at(other.file, d.other_span.clone()),
            msg!("{wja}の{fja}: 「{text}」", "{fen} in {wen}: 「{text}」"),
        );
    }
    f
}

super::fixture_test!(
    ["年少人口", "健診の受診率", "刑法犯認知件数(年間)"],
    "summary target, renamed primary row, near-named 関係 row",
    |f| {
        assert!(f[1].message.en.contains("name") && f[1].message.en.contains("target"));
        assert_eq!(f[1].related.len(), 2);
    }
);

#[cfg(test)]
mod tests {
    use super::{RULE, value_diff, year_differs};
    use crate::plan::model::Printed;
    use crate::rules::testing;

    fn one(s: &str) -> Printed {
        Printed::One(s.to_string())
    }

    #[test]
    fn width_is_not_drift_but_numbers_units_and_qualifiers_are() {
        assert_eq!(value_diff(&one("41%"), &one("41％")), None);
        assert_eq!(value_diff(&one("15.0％"), &one("15%")), None);
        assert_eq!(value_diff(&one("11 回"), &one("11回")), None);
        assert_eq!(value_diff(&one("11 回"), &one("12 回")), Some(false));
        assert_eq!(value_diff(&one("11 回"), &one("11 件")), Some(true));
        assert_eq!(value_diff(&one("46.7ha"), &one("46.7ha 以下")), Some(false));
        assert_eq!(
            value_diff(&one("調整中"), &one("50%")),
            None,
            "not comparable"
        );
        let many = |a: &str, b: &str| {
            Printed::Many(vec![
                toml::Spanned::new(0..0, a.to_string()),
                toml::Spanned::new(0..0, b.to_string()),
            ])
        };
        assert_eq!(
            value_diff(
                &many("男 79.4 歳", "女 83.7 歳"),
                &many("男 79.4歳", "女 83.7 歳")
            ),
            None
        );
        assert_eq!(
            value_diff(
                &many("男 79.4 歳", "女 83.7 歳"),
                &many("男 79.4 歳", "女 83.9 歳")
            ),
            Some(false)
        );
        assert_eq!(
            value_diff(&many("小学校 95%", "中学校 90%"), &one("95%")),
            Some(false)
        );
    }

    #[test]
    fn values_compare_as_numbers_or_texts_only_when_both_sides_are() {
        let many = |a: &str, b: &str| {
            Printed::Many(vec![
                toml::Spanned::new(0..0, a.to_string()),
                toml::Spanned::new(0..0, b.to_string()),
            ])
        };
        // two texts against one number: not comparable
        assert_eq!(value_diff(&many("調整中", "調整中"), &one("95%")), None);
        assert_eq!(value_diff(&one("95%"), &many("調整中", "未定")), None);
        // texts compare after normalisation
        assert_eq!(value_diff(&one("調整中"), &one("調整 中")), None);
        assert_eq!(value_diff(&one("調整中"), &one("未定")), Some(false));
        // a difference below a billionth of the value is rounding, not drift
        assert_eq!(value_diff(&one("1000.0000001 人"), &one("1000 人")), None);
        assert_eq!(
            value_diff(&one("1000.001 人"), &one("1000 人")),
            Some(false)
        );
    }

    #[test]
    fn year_labels_compare_by_era_year() {
        assert!(!year_differs("(令和４年)", "（令和４年）"));
        assert!(!year_differs("（令和 10 年度）", "（令和１０年度）"));
        assert!(year_differs("（令和４年）", "（令和４年度）"));
        assert!(year_differs("（令和４年度）", "（令和５年度）"));
    }

    /// Fixture text: a 1-1 方針１ row printing 健診受診率 with the baseline's year `$year`.
    macro_rules! checkup_row {
        ($year:literal) => {
            concat!(
                "\n[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\n",
                "title = \"切れ目ない支援\"\nindicator = \"健診受診率\"\n",
                "baseline = \"95.2%\"\ntarget = \"96.5%\"\nbaseline_year = \"",
                $year,
                "\"\n"
            )
        };
    }

    #[test]
    fn year_label_drift_is_reported() {
        let fx = crate::rules::Fixture::appending(concat!(
            project_two_table!("安心して暮らせるまち"),
            checkup_row!("（令和４年度）"),
            checkup_row!("（令和５年度）"),
        ));
        testing::assert_one(&RULE, &fx, "baseline year");
    }

    /// Fixture text: a 1-1 方針１ row printing 健診受診率 with these baseline and target year
    /// labels.
    macro_rules! checkup_years {
        ($baseline:literal, $target:literal) => {
            concat!(
                "\n[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\n",
                "title = \"切れ目ない支援\"\nindicator = \"健診受診率\"\n",
                "baseline = \"95.2%\"\ntarget = \"96.5%\"\nbaseline_year = \"",
                $baseline,
                "\"\ntarget_year = \"",
                $target,
                "\"\n"
            )
        };
    }

    #[test]
    fn target_year_label_drift_is_reported() {
        let fx = crate::rules::Fixture::appending(concat!(
            project_two_table!("安心して暮らせるまち"),
            checkup_years!("（令和５年度）", "（令和１０年度）"),
            checkup_years!("（令和５年度）", "（令和１１年度）"),
        ));
        let f = testing::assert_one(&RULE, &fx, "target year 「（令和１０年度）」 there");
        assert_eq!(f.label.as_ref().unwrap().en, "differs: target year");
    }

    #[test]
    fn an_era_year_spelled_otherwise_is_the_same_year() {
        // 令和元年度 is 令和１年度: the same year, printed two ways
        let fx = crate::rules::Fixture::appending(concat!(
            project_two_table!("安心して暮らせるまち"),
            checkup_years!("（令和元年度）", "（令和１１年度）"),
            checkup_years!("（令和１年度）", "（令和１１年度）"),
        ));
        testing::assert_found(&RULE, &fx, 0);
    }

    #[test]
    fn year_labels_without_an_era_compare_as_text() {
        let fx = crate::rules::Fixture::appending(concat!(
            project_two_table!("安心して暮らせるまち"),
            checkup_years!("（2022年度）", "（2029年度）"),
            checkup_years!("（2023年度）", "（2029 年度）"),
        ));
        let f = testing::assert_one(&RULE, &fx, "baseline year 「（2022年度）」 there");
        assert_eq!(f.label.as_ref().unwrap().en, "differs: baseline year");
    }

    #[test]
    fn a_copy_printing_no_value_is_not_the_one_others_are_compared_with() {
        // the first copy prints 「－」: the second copy's 95.2% is the value the third must
        // agree with
        let fx = crate::rules::Fixture {
            replace: &[("baseline = \"95.2%\"", "baseline = \"－\"")],
            append: concat!(
                project_two_table!("安心して暮らせるまち"),
                checkup_row!("（令和５年度）"),
                "\n[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\n",
                "title = \"切れ目ない支援\"\nindicator = \"健診受診率\"\n",
                "baseline = \"90.0%\"\ntarget = \"96.5%\"\nbaseline_year = \"（令和５年度）\"\n",
            ),
        };
        let f = testing::assert_one(&RULE, &fx, "baseline 「95.2%」 there (「90.0%」 here)");
        assert_eq!(f.related.len(), 1, "{f:#?}");
    }

    #[test]
    fn a_copy_differing_in_baseline_and_target_names_both() {
        let fx = crate::rules::Fixture::appending(concat!(
            project_two_table!("安心して暮らせるまち"),
            "\n[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\n",
            "title = \"切れ目ない支援\"\nindicator = \"健診受診率\"\n",
            "baseline = \"90.0%\"\ntarget = \"99.0%\"\n",
        ));
        let f = testing::assert_one(
            &RULE,
            &fx,
            "baseline 「95.2%」 there (「90.0%」 here), target 「96.5%」 there (「99.0%」 here)",
        );
        assert_eq!(f.label.as_ref().unwrap().en, "differs: baseline, target");
    }

    #[test]
    fn a_row_returning_to_the_first_name_still_differs_from_the_renamed_row_before_it() {
        // three primary rows of 1-1 方針１: 健診受診率, 健診の受診率, 健診受診率 — the second and
        // the third each differ in name from the row before them
        let row = |name: &str| {
            format!(
                "\n[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\ntitle = \"切れ目ない支援\"\nindicator = \"{name}\"\nbaseline = \"95.2%\"\ntarget = \"96.5%\"\n"
            )
        };
        let append = format!(
            "{}{}{}",
            project_two_table!("安心して暮らせるまち"),
            row("健診の受診率"),
            row("健診受診率")
        );
        let fx = crate::rules::Fixture::appending(Box::leak(append.into_boxed_str()));
        let f = testing::assert_found(&RULE, &fx, 2);
        assert_eq!(testing::subjects(&f), ["健診の受診率", "健診受診率"]);
        testing::assert_says(
            &f,
            &[
                "name 「健診受診率」 there (「健診の受診率」 here)",
                "name 「健診の受診率」 there (「健診受診率」 here)",
            ],
        );
    }

    /// Project 2 cites 1-1 方針２ under another title and another indicator, without 関係;
    /// `config` is appended as the plan's plancheck.toml.
    const RETITLED: &str = concat!(
        project_two_table!("安心して暮らせるまち"),
        r#"
[[project.direction.table.row]]
direction = "1-1 方針２"
title = "保育士の確保"
indicator = "保育士数"
baseline = "0 人"
"#
    );

    #[test]
    fn a_retitled_primary_row_draws_its_drift_into_the_title_mismatch() {
        let fx = crate::rules::Fixture {
            replace: &[],
            append: RETITLED,
        };
        testing::assert_found(&RULE, &fx, 0);
        let (_, root) = testing::findings_of(&crate::rules::direction_title_mismatch::RULE, &fx);
        assert_eq!(root.len(), 1, "{root:?}");
        assert!(
            root[0]
                .related
                .iter()
                .any(|r| r.message.en == "PC203, same cause: differs: name"),
            "{root:?}"
        );
    }

    #[test]
    fn a_retitled_primary_row_with_another_indicator_gets_the_related_hint() {
        // with PC201 off, the drift is reported on its own
        let append = format!("{RETITLED}\n#@file plancheck.toml\n[rules]\nPC201 = \"off\"\n");
        let fx = crate::rules::Fixture {
            replace: &[],
            append: Box::leak(append.into_boxed_str()),
        };
        let f = testing::assert_found(&RULE, &fx, 1);
        let help = f[0].help.as_ref().map(|h| h.en.as_str()).unwrap_or("");
        assert!(help.contains("関係"), "{help}");
        assert!(f[0].message.en.contains("name"));
        assert!(
            !f[0].message.en.contains("baseline"),
            "0 人 vs 0 人 is the same"
        );
    }
}
