//! PC112 matrix-incomplete: the ○/◎ matrix's shape: rows with the wrong number of cells,
//! cells that are not ○/◎/blank, measures listed twice, catalogue measures with no row.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::grid;
use crate::finding::{Finding, Severity};
use crate::i18n::count_en;
use crate::msg;
use crate::plan::model::{Cell, MatrixRow, Text};
use crate::plan::normalize;
use std::collections::HashMap;
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC112",
    name: "matrix-incomplete",
    severity: Severity::Warning,
    summary: (
        "重点施策との対応（○/◎）の形が崩れています",
        "the ○/◎ matrix is malformed or incomplete",
    ),
    docs: Docs {
        what: (
            "重点施策との対応（○/◎）の形を調べます。セルの数が列の数と違う行、○・◎・空欄以外のセル（〇・◯ は○とみなします）、2 回載っている重点施策、施策の一覧にあるのに表に行のない重点施策を報告します。印のあるセルだけを書く形（[[matrix.mark]]）では、○・◎以外の印を報告し、行も印もない重点施策は空欄の行とみなします。",
            "Checks the shape of the ○/◎ matrix: rows whose number of cells differs from the number of columns, cells other than ○, ◎ or blank (〇 and ◯ count as ○), measures listed twice, and measures of the catalogue with no row. In the sparse form ([[matrix.mark]]) it reports marks other than ○ or ◎, and a measure with neither a row nor a mark is a blank row.",
        ),
        why: (
            "セルの数がずれると、記号が隣のプロジェクトの列に読まれます。行が欠けたり重なったりしていると、重点施策との対応（図）は重点施策の全体を表しません。",
            "A row with too few or too many cells shifts its marks into the neighbouring project's column; a missing or doubled row means the matrix no longer covers the measures.",
        ),
        example: (
            "[matrix]\ncolumns = [\"少子高齢化対策プロジェクト\", \"産業活性化プロジェクト\"]\n\n[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"◎\"]   # 列は 2 つ、セルは 1 つ",
            "[matrix]\ncolumns = [\"少子高齢化対策プロジェクト\", \"産業活性化プロジェクト\"]\n\n[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"◎\"]   # 2 columns, 1 cell",
        ),
        fix: (
            "各行に列と同じ数のセル（空欄は \"\"）を列の順に書き、記号は○か◎にし、重点施策ごとに 1 行だけ置いてください。",
            "Give every row one cell per column (\"\" for blank), in column order, draw only ○ or ◎, and keep exactly one row per measure.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ("cells = [\"◎\"]", "cells = [\"△\"]"),
            (
                "cells = [\"○\"]",
                "cells = [\"○\", \"\"]\n\n[[matrix.row]]\npolicy = \"安全政策\"\nmeasure = \"２-１\"\nname = \"防犯の推進\"\ncells = [\"○\"]",
            ),
        ],
        append: "\n[[measure]]\nid = \"2-2\"\npolicy = \"2\"\nname = \"交通安全の推進\"\n",
    }),
    pass: Fixture {
        replace: &[
            ("cells = [\"◎\"]", "cells = [\" ◎ \"]"),
            ("cells = [\"○\"]", "cells = [\"〇\"]"),
        ],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(mx) = &cx.plan.matrix else { return };
    let ncols = mx.columns.len();
    let mut first_row: HashMap<String, &MatrixRow> = HashMap::new();
    let direction = cx.vocabulary().sections.direction.get_ref();
    for row in &mx.row {
        let measure = normalize::key(row.measure.get_ref());
        let ncells = row.cells.len();

        // The row's length.
        if ncells != ncols {
            let span = cells_span(&row.cells, Cell::span).unwrap_or_else(|| row.measure.span());
            let label = if ncells < ncols {
                let missing = mx.columns[ncells..]
                    .iter()
                    .map(|c| c.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join("、");
                msg!("セルがない列: {missing}", "no cell for: {missing}")
            } else {
                let extra = ncells - ncols;
                let cells = count_en(extra, "cell");
                msg!(
                    "最後の列より後に {extra} 個多い",
                    "{cells} beyond the last column"
                )
            };
            let (cells, columns) = (count_en(ncells, "cell"), count_en(ncols, "column"));
            let mut f = RULE
                .finding(
                    row.file,
                    span,
                    msg!(
                        "重点施策 {measure} の行はセルが {ncells} 個ですが、列は {ncols} 個です",
                        "row {measure} has {cells}, but the matrix has {columns}"
                    ),
                )
                .label(label)
                .help(msg!(
                    "列ごとに 1 つのセル（空欄は \"\"）を列の順に書いてください。",
                    "give the row one cell per column (\"\" for blank), in column order"
                ))
                .subject(measure.clone());
            if let Some(cs) = cells_span(&mx.columns, Text::span) {
                f = f.related(
                    Finding::at(mx.file, cs),
                    msg!("列（{ncols} 個）", "the columns ({ncols})"),
                );
            }
            out.push(f);
        }

        // Each cell's symbol.
        for (j, cell) in row.cells.iter().enumerate() {
            if grid::drawn_symbol(cell.get_ref()).is_some() {
                continue;
            }
            let printed = cell.get_ref();
            let col = mx
                .columns
                .get(j)
                .map_or_else(|| format!("#{}", j + 1), |c| c.get_ref().clone());
            out.push(
                RULE.finding(
                    row.file,
                    cell.span(),
                    msg!(
                        "{measure} × {col} のセル「{printed}」は○・◎・空欄のいずれでもありません",
                        "cell `{printed}` of {measure} × {col} is neither ○, ◎ nor blank"
                    ),
                )
                .label(msg!("○・◎・空欄以外", "not ○, ◎ or blank"))
                .help(msg!(
                    "対応する{direction}が 1 つなら○、2 つ以上なら◎、なければ空欄（\"\"）にしてください。",
                    "draw ○ for one policy direction, ◎ for two or more, \"\" for none"
                ))
                .subject(measure.clone()),
            );
        }

        // A measure listed twice.
        if measure.is_empty() {
            continue;
        }
        match first_row.get(&measure) {
            Some(first) => {
                let printed = row.measure.get_ref();
                out.push(
                    RULE.finding(
                        row.file,
                        row.measure.span(),
                        msg!(
                            "重点施策「{printed}」の行が 2 回あります",
                            "measure `{printed}` has a second row in the matrix"
                        ),
                    )
                    .label(msg!("2 回目の行", "second row"))
                    .help(msg!(
                        "記号をまとめて、行を 1 つにしてください。",
                        "merge the marks into one row and delete the other"
                    ))
                    .subject(measure.clone())
                    .related(
                        Finding::at(first.file, first.measure.span()),
                        msg!("{measure} の最初の行", "first row of {measure}"),
                    ),
                );
            }
            None => {
                first_row.insert(measure, row);
            }
        }
    }

    // The sparse form's marks: ○ or ◎ only.
    for m in &mx.mark {
        if matches!(grid::drawn_symbol(m.symbol.get_ref()), Some("○" | "◎")) {
            continue;
        }
        let measure = normalize::key(m.measure.get_ref());
        let printed = m.symbol.get_ref();
        let col = m.project.get_ref();
        out.push(
            RULE.finding(
                m.file,
                m.symbol.span(),
                msg!(
                    "{measure} × {col} の印「{printed}」は○でも◎でもありません",
                    "mark `{printed}` of {measure} × {col} is neither ○ nor ◎"
                ),
            )
            .label(msg!("○・◎以外", "not ○ or ◎"))
            .help({
                let direction = cx.vocabulary().sections.direction.get_ref();
                msg!(
                    "対応する{direction}が 1 つなら○、2 つ以上なら◎にしてください。空欄のセルには印を書きません。",
                    "draw ○ for one policy direction, ◎ for two or more; a blank cell has no mark"
                )
            })
            .subject(measure),
        );
    }
    // In the sparse form a measure with no row and no mark is a blank row.
    if mx.is_sparse() {
        return;
    }

    // Catalogue measures with no row, pointing at where the row belongs.
    let mut previous: Option<&MatrixRow> = None;
    for m in &cx.plan.measures {
        let k = normalize::key(m.id.get_ref());
        if k.is_empty() {
            continue;
        }
        if let Some(row) = first_row.get(&k) {
            previous = Some(row);
            continue;
        }
        // Only the first of several catalogue entries with the same id (PC007 reports them).
        if !cx
            .index
            .measures
            .get(&k)
            .is_some_and(|q| std::ptr::eq(*q, m))
        {
            continue;
        }
        let name = m.name.get_ref();
        let mut f = RULE
            .finding(
                m.file,
                m.id.span(),
                msg!(
                    "重点施策 {k}「{name}」の行が重点施策との対応（○/◎）にありません",
                    "measure {k} 「{name}」 has no row in the ○/◎ matrix"
                ),
            )
            .label(msg!("重点施策との対応に行がありません", "no row in the ○/◎ matrix"))
            .help(msg!(
                "[[matrix.row]] を施策の順に加え、列ごとにセルを書いてください（引用がなければ空欄）。",
                "add a [[matrix.row]] in catalogue order, with one cell per column (blank where nothing is cited)"
            ))
            .subject(k.clone());
        let anchor = match previous {
            Some(p) => {
                let after = normalize::key(p.measure.get_ref());
                Some((
                    p.file,
                    p.measure.span(),
                    msg!(
                        "この行（{after}）の後に加えてください",
                        "add it after this row ({after})"
                    ),
                ))
            }
            None => mx.row.first().map(|r| {
                let before = normalize::key(r.measure.get_ref());
                (
                    r.file,
                    r.measure.span(),
                    msg!(
                        "この行（{before}）の前に加えてください",
                        "add it before this row ({before})"
                    ),
                )
            }),
        };
        if let Some((file, span, m)) = anchor {
            f = f.related(Finding::at(file, span), m);
        }
        out.push(f);
    }
}

/// The span covering the elements of one printed array (from the first to the last).
fn cells_span<T>(items: &[T], span: fn(&T) -> Range<usize>) -> Option<Range<usize>> {
    let first = span(items.first()?);
    let last = span(items.last()?);
    (first.start <= last.end).then_some(first.start..last.end)
}

super::fixture_test!(
    ["1-1", "2-1", "2-1", "2-2"],
    "bad symbol, long row, second row (full-width id), missing measure",
    |f| {
        testing::assert_says(
            &f,
            &[
                "",
                "has 2 cells, but the matrix has 1 column",
                "second row",
                "has no row",
            ],
        );
    }
);
