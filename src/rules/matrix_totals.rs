//! PC113 matrix-totals: the ○/◎ matrix's totals — marks, ◎ and marked rows — against the
//! totals the direction tables imply. Unlike PC111 (per cell), this holds under any reading of
//! a matrix whose marks lost their cell positions in the source.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::grid::{self, Implied};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::MatrixMark;
use crate::plan::normalize;
use std::collections::{BTreeMap, HashSet};

pub const RULE: Rule = Rule {
    code: "PC113",
    name: "matrix-totals",
    severity: Severity::Warning,
    summary: (
        "重点施策との対応（○/◎）の印の数が対応表と合いません",
        "the ○/◎ matrix's totals differ from the direction tables'",
    ),
    docs: Docs {
        what: (
            "重点施策との対応（○/◎）に描かれた印の総数・そのうちの◎の数・印のある行の数を、各プロジェクトの「対応する施策の展開方針」の表から導かれる数（PC111 と同じ導き方: 方針 1 つなら○、2 つ以上なら◎）と比べ、どれかが違えば一度だけ報告します。数えるのは施策の一覧にある重点施策と、プロジェクトに対応する列だけです。",
            "Compares the drawn ○/◎ matrix's totals — marks, ◎ among them, and rows with at least one mark — with the totals the projects' direction tables imply (as in PC111: ○ for one direction, ◎ for two or more), and reports once when any differs. Only measures of the catalogue and columns naming a project are counted.",
        ),
        why: (
            "図を文字に起こすと、印がどのセルにあったかの位置が失われることがあり、セルごとの比較（PC111）は起こし方（読み方）に左右されます。印の数と印のある行の数は読み方に左右されないので、この違いは図か対応表のどちらかが確実に誤っていることを示します。",
            "When a drawn matrix is transcribed, its marks may lose their cell positions, so per-cell comparison (PC111) depends on how the transcription read it. The numbers of marks, of ◎ and of marked rows do not: a difference here means the matrix or the tables are wrong under any reading.",
        ),
        example: (
            "[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"◎\"]\n\n[[matrix.row]]\nmeasure = \"2-1\"\ncells = [\"◎\"]   # 対応表では◎は 1 つ、○が 1 つ",
            "[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"◎\"]\n\n[[matrix.row]]\nmeasure = \"2-1\"\ncells = [\"◎\"]   # the tables imply one ◎ and one ○",
        ),
        fix: (
            "元の図の印を数え直し、対応表が引用する施策の展開方針と照らして、足りない印・余分な印を図か対応表で直してください。どのセルが違うかの候補は PC111 が示します。",
            "Recount the marks of the original drawing, check them against the directions the tables cite, and correct the matrix or the tables; PC111 suggests which cells differ.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[("cells = [\"○\"]", "cells = [\"◎\"]")],
        append: "",
    }),
    // The two marks swapped between rows: two cells wrong (PC111), but the same totals.
    pass: Fixture {
        replace: &[
            ("cells = [\"◎\"]", "cells = [\"○\"]"),
            (
                "cells = [\"○\"]\n\n[overview]",
                "cells = [\"◎\"]\n\n[overview]",
            ),
        ],
        append: "",
    },
};

/// Marks, ◎ among them, and rows with a mark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Totals {
    marks: usize,
    double: usize,
    rows: usize,
}

impl Totals {
    fn add_row<'s>(&mut self, symbols: impl Iterator<Item = &'s str>) {
        let mut marked = false;
        for s in symbols {
            if s.is_empty() {
                continue;
            }
            marked = true;
            self.marks += 1;
            if s == "◎" {
                self.double += 1;
            }
        }
        if marked {
            self.rows += 1;
        }
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(mx) = &cx.plan.matrix else { return };
    let ix = cx.index;
    // Columns naming a project (PC103 reports the others), with the project's number.
    let columns: Vec<(usize, i64)> = mx
        .columns
        .iter()
        .enumerate()
        .filter_map(|(j, c)| Some((j, *ix.project_named(c.get_ref())?.number.get_ref())))
        .collect();
    if columns.is_empty() {
        return;
    }
    let mut drawn = Totals::default();
    for row in &mx.row {
        if !ix
            .measures
            .contains_key(&normalize::key(row.measure.get_ref()))
        {
            continue; // PC101
        }
        drawn.add_row(columns.iter().map(|(j, _)| {
            row.cells
                .get(*j)
                .and_then(|c| grid::drawn_symbol(c.get_ref()))
                .unwrap_or("")
        }));
    }
    if mx.is_sparse() {
        // The sparse form: each measure without a row is drawn by its marks, blank elsewhere.
        let rows: HashSet<String> = mx
            .row
            .iter()
            .map(|r| normalize::key(r.measure.get_ref()))
            .collect();
        let mut marks: BTreeMap<String, Vec<&MatrixMark>> = BTreeMap::new();
        for m in &mx.mark {
            let key = normalize::key(m.measure.get_ref());
            if ix.measures.contains_key(&key) && !rows.contains(&key) {
                marks.entry(key).or_default().push(m);
            }
        }
        for of in marks.values() {
            drawn.add_row(columns.iter().map(|(j, _)| {
                of.iter()
                    .find(|m| m.column == *j)
                    .and_then(|m| grid::drawn_symbol(m.symbol.get_ref()))
                    .unwrap_or("")
            }));
        }
    }
    let implied = Implied::new(ix);
    let mut keys: Vec<&str> = implied
        .measures()
        .filter(|k| ix.measures.contains_key(*k))
        .collect();
    keys.sort_unstable();
    let mut expected = Totals::default();
    for k in keys {
        let by_project = implied.measure_key(k);
        expected.add_row(
            columns.iter().map(|(_, n)| {
                grid::symbol(by_project.and_then(|m| m.get(n)).map_or(0, |c| c.len()))
            }),
        );
    }
    if drawn == expected {
        return;
    }
    let (dm, dd, dr) = (drawn.marks, drawn.double, drawn.rows);
    let (em, ed, er) = (expected.marks, expected.double, expected.rows);
    let span = match (mx.columns.first(), mx.columns.last()) {
        (Some(a), Some(b)) => a.span().start..b.span().end,
        _ => return,
    };
    out.push(
        RULE
        .finding(
            mx.file,
            span,
            msg!(
                "重点施策との対応（図）の印は {dm} 個（うち◎ {dd} 個）、印のある行は {dr} 行ですが、対応表からは {em} 個（うち◎ {ed} 個）、{er} 行になります",
                "the ○/◎ matrix draws {dm} marks ({dd} ◎) in {dr} rows, but the direction tables imply {em} marks ({ed} ◎) in {er} rows"
            ),
        )
        .label(msg!(
            "どの読み方でも印の数が合いません",
            "the totals differ under any reading"
        ))
        .help(msg!(
            "元の図の印を数え直し、図か対応表を直してください（違うセルの候補は PC111 が示します）。",
            "recount the drawing's marks against the directions the tables cite and correct the matrix or the tables; PC111 suggests which cells differ (cell positions depend on how the drawing is read)"
        )),
    );
}

super::fixture_test!(1, "one ◎ too many, counted once", |f| {
    assert_eq!(
        f[0].message.en,
        "the ○/◎ matrix draws 2 marks (2 ◎) in 2 rows, but the direction tables imply 2 marks (1 ◎) in 2 rows"
    );
});

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn a_missing_mark_changes_the_marked_rows() {
        let fx = Fixture::replacing(&[("cells = [\"○\"]", "cells = [\"\"]")]);
        let f = testing::assert_found(&RULE, &fx, 1);
        assert!(
            f[0].message
                .ja
                .contains("印は 1 個（うち◎ 1 個）、印のある行は 1 行")
        );
        assert!(f[0].message.ja.contains("2 個（うち◎ 1 個）、2 行"));
    }

    #[test]
    fn a_mark_of_a_measure_not_in_the_catalogue_is_not_counted() {
        // the sparse form, right for 1-1 and 2-1, plus a mark for 9-9 (PC101's)
        let fx = Fixture::replacing(&[(
            testing::MATRIX_ROWS,
            concat!(
                "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n\n",
                "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n\n",
                "[[matrix.mark]]\nmeasure = \"9-9\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n",
            ),
        )]);
        testing::assert_found(&RULE, &fx, 0);
        // the plan loads, and 9-9 is reported as unknown
        let unknown = testing::assert_found(&crate::rules::unknown_measure::RULE, &fx, 1);
        assert_eq!(unknown[0].subject.as_deref(), Some("9-9"), "{unknown:#?}");
        // a wrong mark of a known measure is counted
        let fx = Fixture::replacing(&[(
            testing::MATRIX_ROWS,
            concat!(
                "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n\n",
                "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n",
            ),
        )]);
        testing::assert_one(&RULE, &fx, "draws 2 marks (2 ◎) in 2 rows");
    }

    #[test]
    fn a_column_naming_no_project_is_not_counted() {
        let fx = Fixture::replacing(&[
            (
                "columns = [\"子育て応援プロジェクト\"]",
                "columns = [\"子育て応援プロジェクト\", \"未定のプロジェクト\"]",
            ),
            ("cells = [\"◎\"]", "cells = [\"◎\", \"◎\"]"),
            ("cells = [\"○\"]", "cells = [\"○\", \"○\"]"),
        ]);
        testing::assert_found(&RULE, &fx, 0);
    }
}
