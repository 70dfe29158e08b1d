//! PC403 missing-value: an indicator's value or name is empty. When another copy of the same
//! indicator (same normalised name) prints the value, the finding suggests it.

use super::unknown_indicator::indicator_key;
use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::IndicatorSite;
use crate::analysis::placeholders::{Cell, Kind};
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::source::FileId;
use crate::plan::value;
use rustc_hash::FxHashMap as HashMap;

pub const RULE: Rule = Rule {
    code: "PC403",
    name: "missing-value",
    severity: Severity::Info,
    summary: (
        "指標の値や指標名が空欄",
        "an indicator's value or name is empty",
    ),
    docs: Docs {
        what: (
            "指標の現状値・目標値が空欄または「－」「取得なし」「未実施のためなし」の箇所と、指標名のない対応表の行を報告します。空欄の現状値・目標値について、同じ名前の指標がほかの場所（対応表、プロジェクト指標、数値目標の一覧）で値を印刷していれば、直し方にその値と場所を示します。",
            "Reports indicator baselines and targets that are empty or marked 「－」, 「取得なし」 or 「未実施のためなし」, and direction-table rows without an indicator. For an empty baseline or target whose indicator is printed with that value elsewhere under the same name (a direction table, project indicators, the numeric-target summary), the help suggests the printed value and names its place.",
        ),
        why: (
            "値のない指標は進捗を測れません。審議会の前に、どの値が未定かを把握する必要があります。",
            "An indicator without values cannot measure progress; the editors need to know which values are still open.",
        ),
        example: (
            "indicator = \"健診受診率\"\nbaseline = \"－\"\ntarget = \"96.5%\"",
            "indicator = \"健診受診率\"\nbaseline = \"－\"\ntarget = \"96.5%\"",
        ),
        fix: (
            "値が決まったら記入してください。意図して空欄にする場合は、その理由を注記してください。",
            "Fill in the value once known; if it stays empty on purpose, add a note saying why.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ("baseline = \"95.2%\"", "baseline = \"取得なし\""),
            ("target = \"0 人\"\n", ""),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[("baseline = \"95.2%\"", "baseline = \"９５.２％\"")],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let start = out.len();
    placeholder_findings(cx, out);
    let copies = Copies::new(cx);
    let placeholders =
        crate::analysis::placeholders::of_kind(cx.placeholders(), Kind::MissingValue);
    for (f, p) in out[start..].iter_mut().zip(placeholders) {
        if let Some((help, at, related)) = copies.printed_elsewhere(p) {
            *f = f.clone().help(help).related(at, related);
        }
    }
}

/// The plan's indicators by the start of their name and by [`indicator_key`], built once.
struct Copies<'i, 'a> {
    cx: &'i Context<'a>,
    by_name: HashMap<(FileId, usize), &'i IndicatorSite<'a>>,
    /// Key → sites printing it, in model order.
    by_key: HashMap<String, Vec<&'i IndicatorSite<'a>>>,
    keys: HashMap<(FileId, usize), String>,
}

impl<'i, 'a> Copies<'i, 'a> {
    fn new(cx: &'i Context<'a>) -> Copies<'i, 'a> {
        let mut c = Copies {
            cx,
            by_name: HashMap::default(),
            by_key: HashMap::default(),
            keys: HashMap::default(),
        };
        for s in &cx.index.indicators {
            let at = (s.file, s.name.span().start);
            let k = indicator_key(s.name.get_ref());
            c.by_name.entry(at).or_insert(s);
            c.keys.entry(at).or_insert_with(|| k.clone());
            c.by_key.entry(k).or_default().push(s);
        }
        c
    }

    /// For an empty baseline or target cell: the same field printed by another copy of the
    /// indicator (same [`indicator_key`]), first in model order, as help, place and label.
    fn printed_elsewhere(
        &self,
        p: &crate::analysis::placeholders::Placeholder,
    ) -> Option<(Msg, crate::finding::Location, Msg)> {
        let baseline = match p.cell? {
            Cell::Baseline => true,
            Cell::Target => false,
            Cell::Indicator => return None,
        };
        let at = (p.file, p.span.start);
        let this = self.by_name.get(&at)?;
        if this.name.span() != p.span {
            return None;
        }
        let (other, value) = self.by_key.get(self.keys.get(&at)?)?.iter().find_map(|s| {
            let v = if baseline { s.baseline } else { s.target }?;
            let prints = value::parts(v)
                .iter()
                .any(|part| !matches!(part.parsed, value::Parsed::Missing(_)));
            prints.then_some((*s, v))
        })?;
        let shown = value.get_ref().text();
        let (cja, cen) = if baseline {
            ("現状値", "baseline")
        } else {
            ("目標値", "target")
        };
        let where_ = self.cx.indicator_place(other);
        let (wja, wen) = (&where_.ja, &where_.en);
        Some((
            msg!(
                "同じ指標の{cja}が{wja}に「{shown}」と印刷されています。同じ値でよければ記入してください。",
                "the same indicator's {cen} is printed as 「{shown}」 in {wen}; fill it in if it is the same value"
            ),
            Finding::at(other.file, value.span()),
            msg!("{wja}の{cja}「{shown}」", "the {cen} 「{shown}」 in {wen}"),
        ))
    }
}

fn placeholder_findings(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::MissingValue, |p| {
        let section = format!("{} › {}", p.section, p.subject);
        let (cell_ja, cell_en) = match p.cell {
            Some(crate::analysis::placeholders::Cell::Indicator) => ("指標名", "indicator"),
            Some(crate::analysis::placeholders::Cell::Baseline) => ("現状値", "baseline"),
            Some(crate::analysis::placeholders::Cell::Target) => ("目標値", "target"),
            None => ("値", "value"),
        };
        if p.text.is_empty() {
            (
                msg!(
                    "{cell_ja}が空欄: {section}",
                    "{cell_en} is empty: {section}"
                ),
                msg!("{cell_ja}なし", "no {cell_en}"),
            )
        } else {
            let text = &p.text;
            (
                msg!(
                    "値が「{text}」: {section}",
                    "value given as 「{text}」: {section}"
                ),
                msg!("値なし", "no value"),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    #[test]
    fn an_empty_value_printed_elsewhere_is_suggested() {
        let fixture = Fixture::replacing(&[(
            "indicators = [{ name = \"年少人口\", baseline = \"30,000 人\", target = \"31,000 人\" }]",
            "indicators = [{ name = \"年少 人口\" }]",
        )]);
        let f = testing::assert_found(&RULE, &fixture, 2);
        let help = |i: usize| f[i].help.as_ref().expect("a suggestion").ja.clone();
        assert!(
            help(0).contains("現状値") && help(0).contains("「30,000 人」"),
            "{}",
            help(0)
        );
        assert!(
            help(1).contains("目標値") && help(1).contains("「31,000 人」"),
            "{}",
            help(1)
        );
        assert!(help(0).contains("重点プロジェクト1のプロジェクト指標"));
        assert_eq!(f[0].related.len(), 1);
    }

    #[test]
    fn nothing_to_suggest_when_no_copy_prints_it() {
        let (_, f) = testing::findings_of(&RULE, &testing::fail_fixture(&RULE));
        assert!(!f.is_empty());
        assert!(f.iter().all(|f| f.related.is_empty()), "{f:?}");
    }
}
