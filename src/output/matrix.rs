//! `plancheck matrix`: the measure × project grid implied by the direction tables, optionally
//! beside the drawn grid, in several formats — including TOML that replaces the drawn matrix.

use crate::analysis::grid::{Implied, drawn_symbol};
use crate::analysis::index::Index;
use crate::i18n::Lang;
use crate::msg;
use crate::output::table::{self, Ambiguous};
use crate::output::table::{csv, markdown_table};
use crate::plan::model::Plan;
use crate::plan::normalize;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The project's number, if the column names a project.
    pub project: Option<i64>,
    /// The column heading (as printed in the drawn matrix, or the project's name).
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    /// The measure id, as printed in the drawn matrix or the catalogue.
    pub measure: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// Computed cells: "○", "◎" or "".
    pub cells: Vec<&'static str>,
    /// Drawn cells as printed, when the drawn matrix has this row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drawn: Option<Vec<String>>,
}

impl GridRow {
    /// Whether column `c` differs between drawn and computed (a missing drawn row differs
    /// wherever the computed cell is not blank).
    pub fn differs(&self, c: usize) -> bool {
        drawn_symbol(self.drawn_at(c)) != Some(self.cells[c])
    }

    /// The cell drawn in column `c` as printed; empty where the row or the cell is missing.
    pub fn drawn_at(&self, c: usize) -> &str {
        self.drawn
            .as_ref()
            .and_then(|d| d.get(c))
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<GridRow>,
}

pub fn build(plan: &Plan) -> Grid {
    let ix = Index::new(plan);
    let implied = Implied::new(&ix);
    let mut columns: Vec<Column> = Vec::new();
    if let Some(mx) = &plan.matrix {
        for c in &mx.columns {
            columns.push(Column {
                project: ix.project_named(c.get_ref()).map(|p| *p.number.get_ref()),
                name: c.get_ref().clone(),
            });
        }
    }
    let mut projects: Vec<(i64, &str)> = plan
        .projects
        .iter()
        .map(|p| (*p.number.get_ref(), p.name.get_ref().as_str()))
        .collect();
    projects.sort();
    for (n, name) in projects {
        if !columns.iter().any(|c| c.project == Some(n)) {
            columns.push(Column {
                project: Some(n),
                name: name.to_string(),
            });
        }
    }
    let drawn: HashMap<String, &crate::plan::model::MatrixRow> = plan
        .matrix
        .iter()
        .flat_map(|m| &m.row)
        .map(|r| (normalize::key(r.measure.get_ref()), r))
        .collect();
    // The sparse form: each measure's marks as a drawn row; a measure with no row and no
    // mark is drawn blank.
    let mut marked: HashMap<String, Vec<String>> = HashMap::new();
    let sparse = plan.matrix.as_ref().filter(|m| m.is_sparse());
    if let Some(mx) = sparse {
        for m in &mx.mark {
            let cells = marked
                .entry(normalize::key(m.measure.get_ref()))
                .or_insert_with(|| vec![String::new(); mx.columns.len()]);
            if let Some(c) = cells.get_mut(m.column) {
                *c = m.symbol.get_ref().clone();
            }
        }
    }
    let policy_name = |id: Option<&String>| {
        id.and_then(|p| ix.policies.get(&normalize::key(p)))
            .map(|p| p.name.get_ref().clone())
    };
    let mut rows = Vec::new();
    for m in &plan.measures {
        let key = normalize::key(m.id.get_ref());
        let d = drawn.get(&key);
        let by_project = implied.measure_key(&key);
        let cells = columns
            .iter()
            .map(|c| {
                let cited = c.project.and_then(|p| by_project?.get(&p));
                crate::analysis::grid::symbol(cited.map_or(0, |d| d.len()))
            })
            .collect();
        rows.push(GridRow {
            measure: d.map_or_else(|| m.id.get_ref().clone(), |r| r.measure.get_ref().clone()),
            name: d
                .and_then(|r| r.name.as_ref())
                .map_or_else(|| m.name.get_ref().clone(), |n| n.get_ref().clone()),
            policy: d
                .and_then(|r| r.policy.as_ref().map(|p| p.get_ref().clone()))
                .or_else(|| policy_name(m.policy.as_ref().map(|p| p.get_ref()))),
            cells,
            drawn: match d {
                Some(r) => Some(r.cells.iter().map(|c| c.get_ref().clone()).collect()),
                None => sparse.map(|mx| {
                    marked
                        .remove(&key)
                        .unwrap_or_else(|| vec![String::new(); mx.columns.len()])
                }),
            },
        });
    }
    Grid { columns, rows }
}

/// How to show a cell in the diff view: `drawn→computed`, blank as ・.
fn diff_cell(drawn: &str, computed: &str) -> String {
    let show = |s: &str| {
        if s.trim().is_empty() {
            "・".to_string()
        } else {
            s.trim().to_string()
        }
    };
    format!("{}→{}", show(drawn), show(computed))
}

impl Grid {
    /// Number of cells where drawn and computed differ.
    pub fn differing(&self) -> usize {
        self.rows
            .iter()
            .map(|r| (0..self.columns.len()).filter(|&c| r.differs(c)).count())
            .sum()
    }

    fn rows_for(&self, lang: Lang, diff: bool) -> Vec<Vec<String>> {
        let mut header = vec![
            msg!("施策", "measure").get(lang).to_string(),
            msg!("名称", "name").get(lang).to_string(),
        ];
        header.extend(self.columns.iter().map(|c| c.name.clone()));
        let mut out = vec![header];
        for r in &self.rows {
            let mut row = vec![r.measure.clone(), r.name.clone()];
            for (c, computed) in r.cells.iter().enumerate() {
                let drawn = r.drawn_at(c);
                row.push(if diff && r.differs(c) {
                    diff_cell(drawn, computed)
                } else {
                    computed.to_string()
                });
            }
            out.push(row);
        }
        out
    }

    fn diff_line(&self, lang: Lang) -> String {
        let n = self.differing();
        let m = msg!(
            "重点施策との対応（図）と異なるセル: {n} 個（「（図）の記号→対応表から求めた値」の形で示します。・は空欄です）",
            "cells that differ from the drawn matrix: {n} (shown as drawn→computed, ・ = blank)"
        );
        format!("{}\n", m.get(lang))
    }

    pub fn to_table(&self, lang: Lang, diff: bool, ambiguous: Ambiguous) -> String {
        let mut s = table::render(&self.rows_for(lang, diff), &[], ambiguous);
        if diff {
            s.push_str(&self.diff_line(lang));
        }
        s
    }

    pub fn to_markdown(&self, lang: Lang, diff: bool) -> String {
        let mut s = markdown_table(&self.rows_for(lang, diff));
        if diff {
            s.push('\n');
            s.push_str(&self.diff_line(lang));
        }
        s
    }

    pub fn to_csv(&self, lang: Lang, diff: bool) -> String {
        csv(&self.rows_for(lang, diff))
    }

    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Doc<'a> {
            version: u32,
            columns: &'a [Column],
            rows: &'a [GridRow],
            differing: usize,
        }
        let mut s = serde_json::to_string_pretty(&Doc {
            version: 1,
            columns: &self.columns,
            rows: &self.rows,
            differing: self.differing(),
        })
        .expect("JSON of plain data");
        s.push('\n');
        s
    }

    /// A `[matrix]` section in the loader's format, with the computed cells. The drawn matrix's
    /// printed columns, legend, marks and row texts are kept, so that accepting it changes the
    /// cells and nothing else.
    pub fn to_toml(&self, plan: &Plan) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let list = |v: &[String]| {
            format!(
                "[{}]",
                v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
            )
        };
        let mut out = String::from(
            "# The ○/◎ matrix computed by `plancheck matrix --format toml` from the direction tables:\n\
             # ○ = the project cites exactly one policy direction of the measure, ◎ = two or more.\n",
        );
        out.push_str(&self.header_toml(plan));
        for r in &self.rows {
            out.push_str("\n[[matrix.row]]\n");
            if let Some(p) = &r.policy {
                out.push_str(&format!("policy = {}\n", q(p)));
            }
            out.push_str(&format!("measure = {}\n", q(&r.measure)));
            out.push_str(&format!("name = {}\n", q(&r.name)));
            let cells: Vec<String> = r.cells.iter().map(|c| c.to_string()).collect();
            out.push_str(&format!("cells = {}\n", list(&cells)));
        }
        out
    }
}

impl Grid {
    /// The `[matrix]` header and one `[[matrix.mark]]` per marked computed cell (the sparse
    /// form), the drawn matrix's legend and marks kept.
    pub fn to_toml_sparse(&self, plan: &Plan) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::from(
            "# The ○/◎ matrix computed by `plancheck matrix --format toml --sparse` from the direction tables,\n\
             # one [[matrix.mark]] per marked cell (every cell not listed is blank):\n\
             # ○ = the project cites exactly one policy direction of the measure, ◎ = two or more.\n",
        );
        out.push_str(&self.header_toml(plan));
        for r in &self.rows {
            for (c, cell) in r.cells.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                out.push_str("\n[[matrix.mark]]\n");
                out.push_str(&format!("measure = {}\n", q(&r.measure)));
                out.push_str(&format!("project = {}\n", q(&self.columns[c].name)));
                out.push_str(&format!("symbol = {}\n", q(cell)));
            }
        }
        out
    }

    /// `[matrix]` with the computed columns and the drawn legend and marks.
    fn header_toml(&self, plan: &Plan) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let list = |v: &[String]| {
            format!(
                "[{}]",
                v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
            )
        };
        let mut out = String::from("[matrix]\n");
        let columns: Vec<String> = self.columns.iter().map(|c| c.name.clone()).collect();
        out.push_str(&format!("columns = {}\n", list(&columns)));
        if let Some(mx) = &plan.matrix {
            if let Some(l) = &mx.legend {
                out.push_str(&format!("legend = {}\n", q(l.get_ref())));
            }
            if !mx.marks.is_empty() {
                let marks: Vec<String> = mx.marks.iter().map(|m| m.get_ref().clone()).collect();
                out.push_str(&format!("marks = {}\n", list(&marks)));
            }
        }
        out
    }
}

/// What [`Grid::edit_toml`] did to an existing plan file.
#[derive(Debug)]
pub enum Edited {
    /// The file's `[matrix]` with the computed cells, everything else as it was.
    Text(String),
    /// The file is not TOML or holds no `[matrix]` table: not a plan file to edit.
    NotAMatrix,
}

impl Grid {
    /// Writes the computed cells into an existing plan file holding `[matrix]`, in place:
    /// only the `cells` of the rows change (a row the plan lacks is appended, and `columns`
    /// is rewritten only when the computed grid has other columns), so the file's comments,
    /// order, formatting and `allow` entries stay. A file holding only rows (one piece of a
    /// split matrix) keeps its set of rows and has no `columns` to rewrite; a file of marks
    /// (the sparse form) is not edited in place.
    pub fn edit_toml(&self, existing: &str) -> Edited {
        use toml_edit::{Array, DocumentMut, Item, Table, Value};
        let Ok(mut doc) = existing.parse::<DocumentMut>() else {
            return Edited::NotAMatrix;
        };
        let Some(matrix) = doc.get_mut("matrix").and_then(Item::as_table_mut) else {
            return Edited::NotAMatrix;
        };
        if matrix.contains_key("mark") {
            return Edited::NotAMatrix;
        }
        let header = matrix.contains_key("columns");
        let strings = |v: &mut dyn Iterator<Item = &str>| v.collect::<Array>();
        let columns: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        let drawn_columns: Option<Vec<&str>> = matrix
            .get("columns")
            .and_then(Item::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect());
        if header && drawn_columns.as_deref() != Some(columns.as_slice()) {
            replace_value(matrix, "columns", strings(&mut columns.iter().copied()));
        }
        if matrix.get("row").is_none() {
            matrix.insert("row", Item::ArrayOfTables(Default::default()));
        }
        let Some(rows) = matrix.get_mut("row").and_then(Item::as_array_of_tables_mut) else {
            return Edited::NotAMatrix;
        };
        let mut seen = std::collections::HashSet::new();
        for table in rows.iter_mut() {
            let Some(measure) = table.get("measure").and_then(Item::as_str) else {
                continue;
            };
            let key = normalize::key(measure);
            let Some(row) = self.rows.iter().find(|r| normalize::key(&r.measure) == key) else {
                continue;
            };
            seen.insert(key);
            let drawn: Option<Vec<&str>> = table
                .get("cells")
                .and_then(Item::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect());
            if drawn.as_deref() != Some(row.cells.as_slice()) {
                replace_value(table, "cells", strings(&mut row.cells.iter().copied()));
            }
        }
        for row in &self.rows {
            // Appended to the header's file only, and only when no file of the plan has it.
            if !header || row.drawn.is_some() || seen.contains(&normalize::key(&row.measure)) {
                continue;
            }
            let mut t = Table::new();
            if let Some(p) = &row.policy {
                t.insert("policy", toml_edit::value(p.as_str()));
            }
            t.insert("measure", toml_edit::value(row.measure.as_str()));
            t.insert("name", toml_edit::value(row.name.as_str()));
            t.insert(
                "cells",
                toml_edit::value(strings(&mut row.cells.iter().copied())),
            );
            rows.push(t);
        }
        Edited::Text(doc.to_string())
    }
}

/// Sets `key` of `table` to `array`, keeping the old value's decoration (its spacing and a
/// trailing comment).
fn replace_value(table: &mut toml_edit::Table, key: &str, array: toml_edit::Array) {
    let mut value = toml_edit::Value::Array(array);
    match table.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(old) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        None => {
            table.insert(key, toml_edit::Item::Value(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[(&str, [&'static str; 2])]) -> Grid {
        Grid {
            columns: ["子育てプロジェクト", "産業プロジェクト"]
                .iter()
                .enumerate()
                .map(|(i, n)| Column {
                    project: Some(i as i64 + 1),
                    name: n.to_string(),
                })
                .collect(),
            rows: rows
                .iter()
                .map(|(m, cells)| GridRow {
                    measure: m.to_string(),
                    name: format!("施策{m}"),
                    policy: None,
                    cells: cells.to_vec(),
                    drawn: None,
                })
                .collect(),
        }
    }

    const DRAWN: &str = "# 手書きの説明\n[matrix]\ncolumns = [\"子育てプロジェクト\", \"産業プロジェクト\"]\n\n[[matrix.row]]\nmeasure = \"１-１\"  # 全角のまま\nname = \"施策1-1\"\ncells = [\"○\", \"\"]  # 原文どおり\nallow = [{ rule = \"matrix-cell-mismatch\", reason = \"確認済み\" }]\n";

    #[test]
    fn edits_only_the_cells_and_appends_a_missing_row() {
        let g = grid(&[("1-1", ["◎", "○"]), ("1-2", ["", "○"])]);
        let Edited::Text(t) = g.edit_toml(DRAWN) else {
            panic!("a [matrix] file is edited");
        };
        let expected = DRAWN.replace(
            "cells = [\"○\", \"\"]  # 原文どおり",
            "cells = [\"◎\", \"○\"]  # 原文どおり",
        );
        assert!(t.starts_with(&expected), "{t}");
        let appended = &t[expected.len()..];
        assert!(appended.contains("measure = \"1-2\""), "{appended}");
        assert!(appended.contains("cells = [\"\", \"○\"]"), "{appended}");
    }

    #[test]
    fn unchanged_cells_leave_the_file_byte_for_byte() {
        let g = grid(&[("1-1", ["○", ""])]);
        let Edited::Text(t) = g.edit_toml(DRAWN) else {
            panic!("a [matrix] file is edited");
        };
        assert_eq!(t, DRAWN);
    }

    #[test]
    fn columns_are_rewritten_only_when_the_projects_changed() {
        // the same columns written over several lines: left as written
        let spread = DRAWN.replace(
            "columns = [\"子育てプロジェクト\", \"産業プロジェクト\"]",
            "columns = [\n  \"子育てプロジェクト\",\n  \"産業プロジェクト\",\n]",
        );
        let g = grid(&[("1-1", ["○", ""])]);
        let Edited::Text(t) = g.edit_toml(&spread) else {
            panic!("a [matrix] file is edited");
        };
        assert_eq!(t, spread);
        // a renamed project: the columns are rewritten, the rest stays
        let mut g = grid(&[("1-1", ["○", ""])]);
        g.columns[1].name = "産業振興プロジェクト".into();
        let Edited::Text(t) = g.edit_toml(DRAWN) else {
            panic!("a [matrix] file is edited");
        };
        assert_eq!(
            t,
            DRAWN.replace(
                "columns = [\"子育てプロジェクト\", \"産業プロジェクト\"]",
                "columns = [\"子育てプロジェクト\", \"産業振興プロジェクト\"]"
            )
        );
    }

    #[test]
    fn a_file_of_rows_only_keeps_its_rows_and_gets_no_columns() {
        // one piece of a split matrix: 1-1 here, 1-2 drawn in another file of the plan
        let mut g = grid(&[("1-1", ["◎", "○"]), ("1-2", ["", "○"])]);
        g.rows[1].drawn = Some(vec![String::new(), String::new()]);
        let piece = "[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"○\", \"\"]\n";
        let Edited::Text(t) = g.edit_toml(piece) else {
            panic!("a file of rows is edited");
        };
        assert_eq!(
            t,
            "[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"◎\", \"○\"]\n"
        );
        // the header's file does not get a row the plan has in another file
        let Edited::Text(t) = g.edit_toml(DRAWN) else {
            panic!("a [matrix] file is edited");
        };
        assert!(!t.contains("1-2"), "{t}");
        // a file of marks is not edited in place
        let marks = "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育てプロジェクト\"\nsymbol = \"○\"\n";
        assert!(matches!(g.edit_toml(marks), Edited::NotAMatrix));
    }

    #[test]
    fn a_file_without_a_matrix_is_not_edited() {
        let g = grid(&[("1-1", ["○", ""])]);
        assert!(matches!(
            g.edit_toml("[plan]\nname = \"計画\"\n"),
            Edited::NotAMatrix
        ));
        assert!(matches!(g.edit_toml("[matrix\n"), Edited::NotAMatrix));
    }
}
