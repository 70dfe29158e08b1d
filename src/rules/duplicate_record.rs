//! PC011 duplicate-record: the same record twice in one table, word for word (a copy-paste
//! left behind). Records with an id are PC007's; this covers table rows and the like.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::Text;
use crate::plan::source::FileId;
use rustc_hash::FxHashMap as HashMap;

pub const RULE: Rule = Rule {
    code: "PC011",
    name: "duplicate-record",
    severity: Severity::Warning,
    summary: (
        "同じ内容の記録が 2 回あります",
        "the same record twice in one table",
    ),
    docs: Docs {
        what: (
            "1 つの表に、すべてのキーと値が同じ記録が 2 つ以上ある場合に報告します（対応表の行、プロジェクト指標、数値目標の一覧、ＳＤＧｓローカル指標の表、国の総合戦略との関係、本文、変更点、概要版の各項目）。空白や全角・半角の違いがあれば別の記録として扱います。重点施策との対応の表で 2 回載っている行は PC112 が報告します。",
            "Reports a record whose keys and values all repeat an earlier record of the same table: rows of the direction tables, project indicators, the numeric-target summary, the SDGs table, the national-strategy table, prose, changes and the overview's lists. Any difference, even in spacing or width, makes records different. A matrix row listed twice is PC112's.",
        ),
        why: (
            "コピーして貼り付けた行が残ると、印刷物に同じ行が 2 回載り、件数の集計もずれます。",
            "A row pasted twice is printed twice and counted twice.",
        ),
        example: (
            "[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\nindicator = \"健診受診率\"\n\n[[project.direction.table.row]]   # 同じ行をもう一度\ndirection = \"1-1 方針１\"\nindicator = \"健診受診率\"",
            "[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\nindicator = \"健診受診率\"\n\n[[project.direction.table.row]]   # the same again\ndirection = \"1-1 方針１\"\nindicator = \"健診受診率\"",
        ),
        fix: (
            "不要な方の記録を削除してください。別の行のつもりなら、内容を直してください。",
            "Delete the extra copy, or correct it if it was meant to be another row.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "page = \"P.20\"\n",
            "page = \"P.20\"\n\n[[project.direction.table.row]]\ndirection = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"\nindicator = \"刑法犯認知件数\"\nbaseline = \"1,869 件\"\ntarget = \"1,400 件\"\npage = \"P.20\"\n",
        )],
        append: "",
    }),
    pass: Fixture {
        replace: &[(
            "page = \"P.20\"\n",
            "page = \"P.20\"\n\n[[project.direction.table.row]]\ndirection = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"\nindicator = \"刑法犯認知件数\"\nbaseline = \"1,869 件\"\ntarget = \"1,400 件\"\npage = \"P.21\"\n",
        )],
        append: "",
    },
};

/// Where repeated records are reported.
struct Repeats<'c> {
    v: &'c crate::plan::vocabulary::Vocabulary,
    out: &'c mut Vec<Finding>,
}

impl Repeats<'_> {
    /// Reports each record of `items` equal to an earlier one, at its `key` field.
    fn report<T: PartialEq>(
        &mut self,
        table: &str,
        items: &[(FileId, &T)],
        key: impl Fn(&T) -> &Text,
    ) {
        // Equal records have equal key fields: only earlier records with the same key text are
        // compared (a scan of all earlier records was quadratic in a table's rows).
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::default();
        for (n, (file, item)) in items.iter().enumerate() {
            let earlier = by_key.entry(key(item).get_ref().as_str()).or_default();
            let first = earlier.iter().map(|&i| &items[i]).find(|(_, e)| e == item);
            earlier.push(n);
            let Some((first_file, first)) = first else {
                continue;
            };
            let at = key(item);
            self.out.push(
                RULE.finding(
                    *file,
                    at.span(),
                    msg!(
                        "{table} に、前の記録とまったく同じ記録があります",
                        "this {table} record repeats an earlier one exactly"
                    ),
                )
                .label(msg!("同じ内容の 2 つ目", "second copy"))
                .related(
                    Finding::at(*first_file, key(first).span()),
                    msg!("最初の記録", "first copy"),
                )
                .help(msg!(
                    "コピーして貼り付けた記録が残っていないか確かめ、不要な方を削除してください。",
                    "look for a copy-paste left behind and delete the extra copy"
                ))
                .with_subject(super::subject_of(self.v, at.get_ref())),
            );
        }
    }
}

fn within<T>(file: FileId, items: &[T]) -> Vec<(FileId, &T)> {
    items.iter().map(|i| (file, i)).collect()
}

fn across<T>(items: &[crate::plan::model::Located<T>]) -> Vec<(FileId, &T)> {
    items.iter().map(|i| (i.file, &i.item)).collect()
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let plan = cx.plan;
    let mut rep = Repeats {
        v: cx.vocabulary(),
        out,
    };
    for p in &plan.projects {
        if let Some(t) = &p.indicators {
            rep.report("[[project.indicators.row]]", &within(p.file, &t.row), |r| {
                &r.name
            });
        }
        for d in &p.direction {
            if let Some(t) = &d.table {
                rep.report(
                    "[[project.direction.table.row]]",
                    &within(p.file, &t.row),
                    |r| &r.direction,
                );
            }
        }
    }
    if let Some(s) = &plan.summary {
        rep.report("[[summary.headline]]", &within(s.file, &s.headline), |r| {
            &r.name
        });
        rep.report("[[summary.project]]", &within(s.file, &s.project), |r| {
            &r.project
        });
        for sp in &s.project {
            rep.report(
                "summary.project.indicators",
                &within(s.file, &sp.indicators),
                |r| &r.name,
            );
        }
    }
    if let Some(s) = &plan.sdgs {
        rep.report("[[sdgs.row]]", &within(s.file, &s.row), |r| &r.measure);
    }
    // a matrix row listed twice is PC112's (matrix-incomplete), whatever its cells
    rep.report("[[strategy]]", &across(&plan.strategy), |r| &r.pillar);
    rep.report("[[prose]]", &across(&plan.prose), |r| &r.heading);
    rep.report("[[change]]", &across(&plan.changes), |r| &r.topic);
    if let Some(o) = &plan.overview {
        let f = o.file;
        rep.report("[[overview.section]]", &within(f, &o.section), |r| {
            &r.heading
        });
        rep.report("[[overview.mission]]", &within(f, &o.mission), |r| &r.title);
        rep.report("[[overview.value]]", &within(f, &o.value), |r| &r.title);
        rep.report("[[overview.district]]", &within(f, &o.district), |r| {
            &r.name
        });
        rep.report("[[overview.project]]", &within(f, &o.project), |r| &r.name);
    }
}

super::fixture_test!(1, "findings", |f| {
    assert_eq!(f[0].subject.as_deref(), Some("2-1 方針1"));
    assert_eq!(f[0].related.len(), 1, "points back at the first copy");
});

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn a_prose_section_pasted_twice_is_reported() {
        let fx = Fixture::appending(
            "\n[[prose]]\nheading = \"計画の期間\"\ntext = \"令和７年度（2025年度）から５年間の計画です。\"\n",
        );
        let f = testing::assert_one(&RULE, &fx, "[[prose]]");
        assert_eq!(f.related.len(), 1, "points back at the first copy");
    }
}
