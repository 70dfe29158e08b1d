//! `plancheck report`: every placeholder, grouped by project and section, in several formats.

use crate::analysis::placeholders::{self, Kind, Placeholder};
use crate::i18n::Lang;
use crate::output::table::{self, Ambiguous};
use crate::output::table::{csv, markdown_table};
use crate::plan::model::Plan;
use crate::plan::normalize;
use crate::plan::source::SourceFile;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which placeholders to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Empty: every kind.
    pub kinds: Vec<Kind>,
    /// A project number or name (normalised comparison); `None`: all.
    pub project: Option<String>,
}

/// One placeholder, resolved for output.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub kind: &'static str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Number of the project whose pages it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<i64>,
    pub section: String,
    pub subject: String,
    pub text: String,
    /// For missing-value: `indicator`, `baseline` or `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'static str>,
}

/// The report: rows in project order, then file, line, column; counts per kind and project.
#[derive(Debug, Clone)]
pub struct Report {
    pub rows: Vec<Row>,
    /// The kinds reported (the filter's, or all), in contract order.
    pub kinds: Vec<Kind>,
    /// Project number → name, for headings.
    pub projects: BTreeMap<i64, String>,
}

/// An unknown `--project`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownProject(pub String);

pub fn build(plan: &Plan, filter: &Filter) -> Result<Report, UnknownProject> {
    let projects: BTreeMap<i64, String> = plan
        .projects
        .iter()
        .map(|p| (*p.number.get_ref(), p.name.get_ref().clone()))
        .collect();
    let wanted_project = match &filter.project {
        None => None,
        Some(p) => {
            let k = normalize::key(p);
            let found = projects
                .iter()
                .find(|(n, name)| n.to_string() == k || normalize::key(name) == k)
                .map(|(n, _)| *n);
            Some(found.ok_or_else(|| UnknownProject(p.clone()))?)
        }
    };
    let mut rows: Vec<Row> = placeholders::scan(plan)
        .into_iter()
        .filter(|p| filter.kinds.is_empty() || filter.kinds.contains(&p.kind))
        .filter(|p| wanted_project.is_none() || p.project == wanted_project)
        .map(|p| row(&plan.files, p))
        .collect();
    rows.sort_by(|a, b| {
        (
            a.project.unwrap_or(i64::MAX),
            &a.file,
            a.line,
            a.column,
            a.kind,
        )
            .cmp(&(
                b.project.unwrap_or(i64::MAX),
                &b.file,
                b.line,
                b.column,
                b.kind,
            ))
    });
    let kinds = Kind::ALL
        .into_iter()
        .filter(|k| filter.kinds.is_empty() || filter.kinds.contains(k))
        .collect();
    Ok(Report {
        rows,
        kinds,
        projects,
    })
}

fn row(files: &[SourceFile], p: Placeholder) -> Row {
    let f = &files[p.file];
    let at = f.line_col(p.span.start);
    Row {
        kind: p.kind.as_str(),
        file: f.path.clone(),
        line: at.line,
        column: at.column,
        project: p.project,
        section: p.section,
        subject: p.subject,
        text: p.text,
        cell: p.cell.map(|c| c.as_str()),
    }
}

impl Report {
    /// Count per kind, every kind listed (0 when absent), in contract order.
    pub fn counts(&self) -> Vec<(Kind, usize)> {
        Kind::ALL
            .iter()
            .map(|k| {
                (
                    *k,
                    self.rows.iter().filter(|r| r.kind == k.as_str()).count(),
                )
            })
            .collect()
    }

    /// Count per project (None = outside the project pages) and kind.
    fn per_project(&self) -> Vec<(Option<i64>, Vec<usize>)> {
        let mut keys: Vec<Option<i64>> = self.rows.iter().map(|r| r.project).collect();
        keys.sort_by_key(|p| p.unwrap_or(i64::MAX));
        keys.dedup();
        keys.into_iter()
            .map(|p| {
                let counts = self
                    .kinds
                    .iter()
                    .map(|k| {
                        self.rows
                            .iter()
                            .filter(|r| r.project == p && r.kind == k.as_str())
                            .count()
                    })
                    .collect();
                (p, counts)
            })
            .collect()
    }

    fn project_label(&self, p: Option<i64>, lang: Lang) -> String {
        match p {
            Some(n) => format!(
                "{n} {}",
                self.projects.get(&n).map(String::as_str).unwrap_or("")
            ),
            None => match lang {
                Lang::Ja => "プロジェクト以外".to_string(),
                Lang::En => "outside the projects".to_string(),
            },
        }
    }

    fn kind_label(k: Kind, lang: Lang) -> String {
        let (ja, en) = k.label();
        match lang {
            Lang::Ja => format!("{ja}（{}）", k.as_str()),
            Lang::En => format!("{en} ({})", k.as_str()),
        }
    }

    fn summary_rows(&self, lang: Lang) -> Vec<Vec<String>> {
        let mut header = vec![match lang {
            Lang::Ja => "プロジェクト".to_string(),
            Lang::En => "project".to_string(),
        }];
        header.extend(self.kinds.iter().map(|k| k.as_str().to_string()));
        header.push(match lang {
            Lang::Ja => "計".to_string(),
            Lang::En => "total".to_string(),
        });
        let mut rows = vec![header];
        for (p, counts) in self.per_project() {
            let mut r = vec![self.project_label(p, lang)];
            r.extend(counts.iter().map(usize::to_string));
            r.push(counts.iter().sum::<usize>().to_string());
            rows.push(r);
        }
        let mut total = vec![match lang {
            Lang::Ja => "合計".to_string(),
            Lang::En => "total".to_string(),
        }];
        let counts = self.counts();
        total.extend(
            counts
                .iter()
                .filter(|(k, _)| self.kinds.contains(k))
                .map(|(_, n)| n.to_string()),
        );
        total.push(self.rows.len().to_string());
        rows.push(total);
        rows
    }

    fn header(lang: Lang) -> Vec<String> {
        let h: [&str; 5] = match lang {
            Lang::Ja => ["種類", "節", "項目", "記載", "場所"],
            Lang::En => ["kind", "section", "item", "text", "location"],
        };
        h.iter().map(|s| s.to_string()).collect()
    }

    fn detail(r: &Row, lang: Lang) -> Vec<String> {
        let text = if r.text.is_empty() {
            match (lang, r.cell) {
                (Lang::Ja, Some("indicator")) => "（指標名なし）".to_string(),
                (Lang::Ja, Some("baseline")) => "（現状値が空欄）".to_string(),
                (Lang::Ja, Some("target")) => "（目標値が空欄）".to_string(),
                (Lang::Ja, _) => "（空欄）".to_string(),
                (Lang::En, Some(c)) => format!("(no {c})"),
                (Lang::En, None) => "(empty)".to_string(),
            }
        } else {
            r.text.clone()
        };
        vec![
            r.kind.to_string(),
            short_section(r),
            r.subject.clone(),
            text,
            format!("{}:{}:{}", r.file, r.line, r.column),
        ]
    }

    /// Groups of rows by project, in order.
    fn groups(&self) -> Vec<(Option<i64>, Vec<&Row>)> {
        let mut out: Vec<(Option<i64>, Vec<&Row>)> = Vec::new();
        for r in &self.rows {
            match out.last_mut() {
                Some((p, rows)) if *p == r.project => rows.push(r),
                _ => out.push((r.project, vec![r])),
            }
        }
        out
    }

    /// Aligned plain-text tables: counts first, then one table per project.
    pub fn to_table(&self, lang: Lang) -> String {
        let mut out = String::new();
        out.push_str(match lang {
            Lang::Ja => "未確定箇所の件数\n",
            Lang::En => "Placeholders by project and kind\n",
        });
        let n = self.kinds.len() + 2;
        let right: Vec<bool> = (0..n).map(|i| i > 0).collect();
        out.push_str(&table::render(
            &self.summary_rows(lang),
            &right,
            Ambiguous::Narrow,
        ));
        for (p, rows) in self.groups() {
            out.push_str(&format!("\n■ {}\n", self.project_label(p, lang)));
            let mut t = vec![Self::header(lang)];
            t.extend(rows.iter().map(|r| Self::detail(r, lang)));
            out.push_str(&table::render(&t, &[], Ambiguous::Narrow));
        }
        out
    }

    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut out = String::new();
        out.push_str(match lang {
            Lang::Ja => "## 未確定箇所の件数\n\n",
            Lang::En => "## Placeholders by project and kind\n\n",
        });
        out.push_str(&markdown_table(&self.summary_rows(lang)));
        for (p, rows) in self.groups() {
            out.push_str(&format!("\n### {}\n\n", self.project_label(p, lang)));
            let mut t = vec![Self::header(lang)];
            t.extend(rows.iter().map(|r| Self::detail(r, lang)));
            out.push_str(&markdown_table(&t));
        }
        out
    }

    fn csv_rows(&self, lang: Lang) -> Vec<Vec<String>> {
        let header: [&str; 10] = match lang {
            Lang::Ja => [
                "種類",
                "プロジェクト",
                "節",
                "項目",
                "記載",
                "欄",
                "ファイル",
                "行",
                "列",
                "種類名",
            ],
            Lang::En => [
                "kind",
                "project",
                "section",
                "item",
                "text",
                "cell",
                "file",
                "line",
                "column",
                "kind label",
            ],
        };
        let mut rows = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        for r in &self.rows {
            let kind = Kind::parse(r.kind)
                .map(|k| Self::kind_label(k, lang))
                .unwrap_or_default();
            rows.push(vec![
                r.kind.to_string(),
                r.project.map(|p| p.to_string()).unwrap_or_default(),
                r.section.clone(),
                r.subject.clone(),
                r.text.clone(),
                r.cell.unwrap_or("").to_string(),
                r.file.clone(),
                r.line.to_string(),
                r.column.to_string(),
                kind,
            ]);
        }
        rows
    }

    /// CSV: UTF-8 with BOM, a header row, one placeholder per row.
    pub fn to_csv(&self, lang: Lang) -> String {
        csv(&self.csv_rows(lang))
    }

    /// The contract's JSON document.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Doc<'a> {
            version: u32,
            placeholders: &'a [Row],
            summary: BTreeMap<&'static str, usize>,
        }
        let summary = self
            .counts()
            .into_iter()
            .map(|(k, n)| (k.as_str(), n))
            .collect();
        let mut s = serde_json::to_string_pretty(&Doc {
            version: 1,
            placeholders: &self.rows,
            summary,
        })
        .expect("JSON of plain data");
        s.push('\n');
        s
    }

    /// An xlsx workbook: a summary sheet and a sheet with every placeholder (header frozen,
    /// autofilter on, column widths from the display width of Japanese text).
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{Format, Workbook};
        let bold = Format::new().set_bold();
        let mut wb = Workbook::new();
        let (summary_name, list_name) = match lang {
            Lang::Ja => ("集計", "一覧"),
            Lang::En => ("Summary", "Placeholders"),
        };
        for (name, rows, numeric_from) in [
            (summary_name, self.summary_rows(lang), 1usize),
            (list_name, self.csv_rows(lang), usize::MAX),
        ] {
            let ws = wb.add_worksheet();
            ws.set_name(name)?;
            let mut widths = vec![0usize; rows.first().map_or(0, Vec::len)];
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r16, c16) = (r as u32, c as u16);
                    let number = (r > 0 && c >= numeric_from)
                        .then(|| cell.parse::<f64>().ok())
                        .flatten();
                    let is_line_col = name == list_name && r > 0 && (c == 7 || c == 8);
                    match (number, is_line_col) {
                        (Some(n), _) => ws.write_number(r16, c16, n)?,
                        (None, true) => {
                            ws.write_number(r16, c16, cell.parse::<f64>().unwrap_or(0.0))?
                        }
                        _ if r == 0 => ws.write_string_with_format(r16, c16, cell, &bold)?,
                        _ => ws.write_string(r16, c16, cell)?,
                    };
                    if let Some(w) = widths.get_mut(c) {
                        *w = (*w).max(table::width(cell, Ambiguous::Wide));
                    }
                }
            }
            for (c, w) in widths.iter().enumerate() {
                ws.set_column_width(c as u16, (*w as f64 + 2.0).min(80.0))?;
            }
            ws.set_freeze_panes(1, 0)?;
            let last_row = rows.len().saturating_sub(1) as u32;
            let last_col = widths.len().saturating_sub(1) as u16;
            ws.autofilter(0, 0, last_row, last_col)?;
        }
        wb.save_to_buffer()
    }
}

/// The section without the project prefix (the group heading names the project).
fn short_section(r: &Row) -> String {
    match r.section.split_once(" › ") {
        Some((head, rest)) if r.project.is_some() && head.starts_with("重点プロジェクト") => {
            rest.to_string()
        }
        _ if r.project.is_some() && r.section.starts_with("重点プロジェクト") => {
            "—".to_string()
        }
        _ => r.section.clone(),
    }
}
