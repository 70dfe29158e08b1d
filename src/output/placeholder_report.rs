//! `plancheck report`: every placeholder, grouped by project and section, in several formats.

use super::fit::{self, Col};
use crate::analysis::index::split_number;
use crate::analysis::placeholders::{self, Cell, Kind, Placeholder};
use crate::analysis::walk::Section;
use crate::i18n::{Lang, Msg};
use crate::msg;
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
    /// A project number (see [`resolve_project`]); `None`: all.
    pub project: Option<i64>,
}

/// A `--kind` or `--project` that names nothing (or several things).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgError {
    UnknownKind(String),
    /// No project matches; the plan's projects.
    UnknownProject(String, Vec<(i64, String)>),
    /// Several projects match; those.
    AmbiguousProject(String, Vec<(i64, String)>),
}

impl ArgError {
    /// The message, with the choices listed one per line.
    pub fn message(&self) -> Msg {
        let list = |choices: &[(i64, String)]| -> String {
            choices
                .iter()
                .map(|(n, name)| format!("  {n} {name}\n"))
                .collect()
        };
        match self {
            ArgError::UnknownKind(given) => {
                let ja: String = Kind::ALL
                    .iter()
                    .map(|k| format!("  {}（{}）\n", k.label().0, k.as_str()))
                    .collect();
                let en: String = Kind::ALL
                    .iter()
                    .map(|k| format!("  {} ({}, {})\n", k.as_str(), k.label().1, k.label().0))
                    .collect();
                msg!(
                    "--kind の「{given}」という種類はありません。次のいずれかを指定してください（日本語名でも英語名でもよく、カンマ区切りで複数指定できます）。\n{ja}",
                    "--kind: there is no kind “{given}”. Use one of these (Japanese or English names; several separated by commas):\n{en}"
                )
            }
            ArgError::UnknownProject(given, choices) if choices.is_empty() => msg!(
                "--project の「{given}」に当てはまるプロジェクトはありません。この計画にはプロジェクトがありません。\n",
                "--project: no project matches “{given}”; the plan has no projects.\n"
            ),
            ArgError::UnknownProject(given, choices) => {
                let l = list(choices);
                msg!(
                    "--project の「{given}」に当てはまるプロジェクトはありません。次の番号か名前（名前の一部でも構いません）で指定してください。\n{l}",
                    "--project: no project matches “{given}”. Give one of these numbers or names (a unique part of a name will do):\n{l}"
                )
            }
            ArgError::AmbiguousProject(given, choices) => {
                let l = list(choices);
                msg!(
                    "--project の「{given}」は複数のプロジェクトに当てはまります。番号か、名前をもう少し長く指定してください。\n{l}",
                    "--project: “{given}” matches several projects. Give the number, or more of the name:\n{l}"
                )
            }
        }
    }
}

/// Key for comparing names typed by people: NFKC, no white space, Latin letters in lower case,
/// `_` read as `-`.
fn typed(s: &str) -> String {
    normalize::key(s).to_lowercase().replace('_', "-")
}

/// Kinds named by `--kind` values: each value may list several, separated by commas (`,`, `，`
/// or `、`); a kind is named by its contract name, or its Japanese or English display name,
/// compared after normalisation (`ＴＢＤ`, `調 整 中`, `(案)のまま`).
pub fn parse_kinds(values: &[String]) -> Result<Vec<Kind>, ArgError> {
    let mut kinds = Vec::new();
    for v in values {
        let mut named = 0;
        for part in normalize::text(v).split([',', '、']) {
            let k = typed(part);
            if k.is_empty() {
                continue;
            }
            named += 1;
            let kind = Kind::ALL
                .into_iter()
                .find(|kind| {
                    let (ja, en) = kind.label();
                    [kind.as_str(), ja, en].iter().any(|n| typed(n) == k)
                })
                .ok_or_else(|| ArgError::UnknownKind(part.trim().to_string()))?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        if named == 0 {
            return Err(ArgError::UnknownKind(v.clone()));
        }
    }
    Ok(kinds)
}

/// The project a `--project` value names: its number, its label as this tool prints it
/// (`5 ＤＸ推進プロジェクト`, `重点プロジェクト5 ＤＸ推進プロジェクト`) or as the plan prints it
/// (`５ ＤＸ推進プロジェクト`), its name, or any part of the name that only one project has —
/// all compared after NFKC normalisation.
pub fn resolve_project(plan: &Plan, given: &str) -> Result<i64, ArgError> {
    let mut choices: Vec<(i64, String)> = plan
        .projects
        .iter()
        .map(|p| (*p.number.get_ref(), p.name.get_ref().clone()))
        .collect();
    choices.sort();
    choices.dedup();
    let k = typed(given);
    let one = |found: Vec<&(i64, String)>| -> Option<Result<i64, ArgError>> {
        match found.as_slice() {
            [] => None,
            [(n, _)] => Some(Ok(*n)),
            many => Some(Err(ArgError::AmbiguousProject(
                given.to_string(),
                many.iter().map(|c| (*c).clone()).collect(),
            ))),
        }
    };
    if !k.is_empty() {
        let (label_number, rest) = split_number(given);
        let exact = choices
            .iter()
            .filter(|(n, name)| {
                let name_key = typed(name);
                k == n.to_string()
                    || k == name_key
                    || k == typed(&format!("{n} {name}"))
                    || k == typed(&format!("{} {name}", section_label(*n)))
                    || (label_number == Some(*n) && typed(rest) == name_key)
            })
            .collect();
        if let Some(r) = one(exact) {
            return r;
        }
        if !k.bytes().all(|b| b.is_ascii_digit()) {
            let partial = choices
                .iter()
                .filter(|(n, name)| typed(&format!("{n} {name}")).contains(&k))
                .collect();
            if let Some(r) = one(partial) {
                return r;
            }
        }
    }
    Err(ArgError::UnknownProject(given.to_string(), choices))
}

/// `重点プロジェクト5`: how the plan's sections name a project (see `walk::project_section`).
fn section_label(n: i64) -> String {
    format!("重点プロジェクト{n}")
}

/// One placeholder, resolved for output.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub kind: &'static str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Number of the project it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<i64>,
    /// The section as shown (`›` between its parts).
    pub section: String,
    /// The same section as data.
    #[serde(skip)]
    pub path: Section,
    pub subject: String,
    pub text: String,
    /// For missing-value: `indicator`, `baseline` or `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'static str>,
}

impl Row {
    pub fn kind(&self) -> Option<Kind> {
        Kind::parse(self.kind)
    }
}

/// The report: rows in project order, then file, line, column; counts per kind and project.
#[derive(Debug, Clone)]
pub struct Report {
    pub rows: Vec<Row>,
    /// The kinds reported (the filter's, or all), in contract order.
    pub kinds: Vec<Kind>,
    /// Project number → name, for headings.
    pub projects: BTreeMap<i64, String>,
    /// The plan's name (`[plan] name`), if it has one.
    pub plan_name: Option<String>,
}

pub fn build(plan: &Plan, filter: &Filter) -> Report {
    let projects: BTreeMap<i64, String> = plan
        .projects
        .iter()
        .map(|p| (*p.number.get_ref(), p.name.get_ref().clone()))
        .collect();
    let mut rows: Vec<Row> = placeholders::scan(plan)
        .into_iter()
        .filter(|p| filter.kinds.is_empty() || filter.kinds.contains(&p.kind))
        .filter(|p| filter.project.is_none() || p.project == filter.project)
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
    Report {
        rows,
        kinds,
        projects,
        plan_name: plan.meta.as_ref().map(|m| m.name.get_ref().clone()),
    }
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
        section: p.section.to_string(),
        path: p.section,
        subject: p.subject,
        text: p.text,
        cell: p.cell.map(|c| c.as_str()),
    }
}

/// A kind's display name in `lang`.
pub fn kind_label(k: Kind, lang: Lang) -> &'static str {
    lang.pick(k.label())
}

/// A cell's display name in `lang` (`現状値`), from its contract name (`baseline`).
pub fn cell_label(cell: &str, lang: Lang) -> String {
    match Cell::parse(cell) {
        Some(c) => lang.pick(c.label()).to_string(),
        None => cell.to_string(),
    }
}

fn words(lang: Lang, ja: &'static str, en: &'static str) -> String {
    lang.pick((ja, en)).to_string()
}

/// The columns of the CSV and of the workbook's list, in order: the words of the chosen
/// language only (the contract's kind codes are in the JSON report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListColumn {
    KindLabel,
    Project,
    ProjectName,
    Section,
    Subject,
    Text,
    Cell,
    File,
    Line,
    Column,
}

impl ListColumn {
    pub const ALL: [ListColumn; 10] = [
        ListColumn::KindLabel,
        ListColumn::Project,
        ListColumn::ProjectName,
        ListColumn::Section,
        ListColumn::Subject,
        ListColumn::Text,
        ListColumn::Cell,
        ListColumn::File,
        ListColumn::Line,
        ListColumn::Column,
    ];

    pub fn heading(self, lang: Lang) -> String {
        let (ja, en) = match self {
            ListColumn::KindLabel => ("種類", "kind"),
            ListColumn::Project => ("番号", "project"),
            ListColumn::ProjectName => ("プロジェクト", "project name"),
            ListColumn::Section => ("節", "section"),
            ListColumn::Subject => ("項目", "item"),
            ListColumn::Text => ("記載", "text"),
            ListColumn::Cell => ("欄", "cell"),
            ListColumn::File => ("ファイル", "file"),
            ListColumn::Line => ("行", "line"),
            ListColumn::Column => ("列", "column"),
        };
        words(lang, ja, en)
    }

    /// Whether the column holds numbers (written as numbers in the workbook).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            ListColumn::Project | ListColumn::Line | ListColumn::Column
        )
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

    /// Count per project (None = outside the projects) and reported kind.
    pub fn per_project(&self) -> Vec<(Option<i64>, Vec<usize>)> {
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

    /// `5 ＤＸ推進プロジェクト`, or the words for rows about no single project.
    pub fn project_label(&self, p: Option<i64>, lang: Lang) -> String {
        match p {
            Some(n) => format!(
                "{n} {}",
                self.projects.get(&n).map(String::as_str).unwrap_or("")
            ),
            None => words(lang, "プロジェクト以外", "outside the projects"),
        }
    }

    /// The counts table: a heading row, one row per project, a total row.
    pub fn summary_rows(&self, lang: Lang) -> Vec<Vec<String>> {
        let mut header = vec![words(lang, "プロジェクト", "project")];
        header.extend(self.kinds.iter().map(|k| kind_label(*k, lang).to_string()));
        header.push(words(lang, "計", "total"));
        let mut rows = vec![header];
        for (p, counts) in self.per_project() {
            let mut r = vec![self.project_label(p, lang)];
            r.extend(counts.iter().map(usize::to_string));
            r.push(counts.iter().sum::<usize>().to_string());
            rows.push(r);
        }
        let mut total = vec![words(lang, "合計", "total")];
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

    /// The heading row of a project's table: the list's kind, section, item and text
    /// headings, then where.
    fn header(lang: Lang) -> Vec<String> {
        let mut row = [
            ListColumn::KindLabel,
            ListColumn::Section,
            ListColumn::Subject,
            ListColumn::Text,
        ]
        .map(|c| c.heading(lang))
        .to_vec();
        row.push(words(lang, "場所", "location"));
        row
    }

    /// The text column: the printed text, or which cell is empty.
    fn shown_text(r: &Row, lang: Lang) -> String {
        if !r.text.is_empty() {
            return r.text.clone();
        }
        match r.cell {
            Some(c) => {
                let cell = cell_label(c, lang);
                msg!("（{cell}が空欄）", "(no {cell})")
            }
            None => msg!("（空欄）", "(empty)"),
        }
        .get(lang)
        .to_string()
    }

    fn detail(&self, r: &Row, lang: Lang) -> Vec<String> {
        vec![
            r.kind().map_or(r.kind, |k| kind_label(k, lang)).to_string(),
            self.short_section(r),
            r.subject.clone(),
            Self::shown_text(r, lang),
            format!("{}:{}:{}", r.file, r.line, r.column),
        ]
    }

    /// The section without the project's own prefix (the group heading names the project).
    fn short_section(&self, r: &Row) -> String {
        match r.path.within_project_page() {
            Some([]) => "－".to_string(),
            Some(rest) => rest.join(" › "),
            None => r.section.clone(),
        }
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

    fn group_heading(&self, p: Option<i64>, n: usize, lang: Lang) -> String {
        let label = self.project_label(p, lang);
        msg!("【{label}】 {n} 件", "[{label}] {n}")
            .get(lang)
            .to_string()
    }

    /// Plain-text tables no wider than `width`: counts first, then one table per project.
    pub fn to_table(&self, lang: Lang, width: usize) -> String {
        let mut out = String::new();
        out.push_str(&fit::cut(&self.title_line(lang), width));
        out.push('\n');
        let cols: Vec<Col> = std::iter::once(Col::Wrap)
            .chain(self.kinds.iter().map(|_| Col::Number))
            .chain([Col::Number])
            .collect();
        out.push_str(&fit::render(&self.summary_rows(lang), &cols, width));
        let cols = [Col::Keep, Col::Wrap, Col::Wrap, Col::Wrap, Col::Keep];
        for (p, rows) in self.groups() {
            out.push('\n');
            out.push_str(&fit::cut(&self.group_heading(p, rows.len(), lang), width));
            out.push('\n');
            let mut t = vec![Self::header(lang)];
            t.extend(rows.iter().map(|r| self.detail(r, lang)));
            out.push_str(&fit::render(&t, &cols, width));
        }
        out
    }

    fn title_line(&self, lang: Lang) -> String {
        let n = self.rows.len();
        msg!(
            "未確定箇所 {n} 件（プロジェクト別・種類別）",
            "{n} placeholders, by project and kind"
        )
        .get(lang)
        .to_string()
    }

    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut out = format!("## {}\n\n", self.title_line(lang));
        out.push_str(&markdown_table(&self.summary_rows(lang)));
        for (p, rows) in self.groups() {
            let label = self.project_label(p, lang);
            let n = rows.len();
            out.push_str(msg!("\n### {label}（{n} 件）\n\n", "\n### {label} ({n})\n\n").get(lang));
            let mut t = vec![Self::header(lang)];
            t.extend(rows.iter().map(|r| self.detail(r, lang)));
            out.push_str(&markdown_table(&t));
        }
        out
    }

    /// One placeholder per row, in [`ListColumn::ALL`] order (numbers as digits; an empty
    /// string where there is none).
    pub fn list_rows(&self, lang: Lang) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|r| {
                ListColumn::ALL
                    .iter()
                    .map(|c| match c {
                        ListColumn::KindLabel => {
                            r.kind().map_or(r.kind, |k| kind_label(k, lang)).to_string()
                        }
                        ListColumn::Project => r.project.map(|p| p.to_string()).unwrap_or_default(),
                        ListColumn::ProjectName => r
                            .project
                            .and_then(|p| self.projects.get(&p).cloned())
                            .unwrap_or_default(),
                        ListColumn::Section => r.section.clone(),
                        ListColumn::Subject => r.subject.clone(),
                        ListColumn::Text => r.text.clone(),
                        ListColumn::Cell => r.cell.map(|c| cell_label(c, lang)).unwrap_or_default(),
                        ListColumn::File => r.file.clone(),
                        ListColumn::Line => r.line.to_string(),
                        ListColumn::Column => r.column.to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    /// CSV: UTF-8 with BOM, a header row, one placeholder per row.
    pub fn to_csv(&self, lang: Lang) -> String {
        let mut rows = vec![ListColumn::ALL.iter().map(|c| c.heading(lang)).collect()];
        rows.extend(self.list_rows(lang));
        csv(&rows)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn kinds_by_any_name_width_and_list() {
        assert_eq!(
            parse_kinds(&strings(&["tbd,page-ref"])),
            Ok(vec![Kind::Tbd, Kind::PageRef])
        );
        assert_eq!(
            parse_kinds(&strings(&["調整中", "ＴＢＤ", "(案)のまま、空欄"])),
            Ok(vec![Kind::Tbd, Kind::DraftPlan, Kind::MissingValue])
        );
        assert_eq!(
            parse_kinds(&strings(&["page_ref， Undefined ※"])),
            Ok(vec![Kind::PageRef, Kind::Footnote])
        );
        assert_eq!(
            parse_kinds(&strings(&["tbd,図"])),
            Err(ArgError::UnknownKind("図".into()))
        );
        assert_eq!(
            parse_kinds(&strings(&[","])),
            Err(ArgError::UnknownKind(",".into()))
        );
    }

    #[test]
    fn every_kind_has_a_distinct_name_in_each_language() {
        for lang in [Lang::Ja, Lang::En] {
            let mut names: Vec<String> = Kind::ALL
                .iter()
                .map(|k| typed(kind_label(*k, lang)))
                .collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), Kind::ALL.len());
        }
    }

    #[test]
    fn a_project_by_section_label_or_numbered_name() {
        // projects 1 子育て応援プロジェクト and 2 安全プロジェクト
        let text = crate::rules::matrix_cell_mismatch::RULE
            .fail
            .unwrap()
            .text();
        let l = crate::rules::load_from_memory("plan", &[("plan.toml", &text)]).expect("loads");
        let plan = &l.plan;
        // as the plan's sections name it
        assert_eq!(
            resolve_project(plan, "重点プロジェクト2 安全プロジェクト"),
            Ok(2)
        );
        // a number with a full stop, then the name
        assert_eq!(resolve_project(plan, "2. 安全プロジェクト"), Ok(2));
        // a name under the wrong number names no project
        assert!(matches!(
            resolve_project(plan, "1. 安全プロジェクト"),
            Err(ArgError::UnknownProject(..))
        ));
    }

    #[test]
    fn a_whole_name_inside_another_projects_name_names_its_own_project() {
        // projects 1 交通安全プロジェクト and 2 安全プロジェクト: 「安全プロジェクト」 is
        // part of both names, but it is the whole name of project 2 only
        let text = crate::rules::matrix_cell_mismatch::RULE
            .fail
            .unwrap()
            .text()
            .replace("子育て応援プロジェクト", "交通安全プロジェクト");
        let l = crate::rules::load_from_memory("plan", &[("plan.toml", &text)]).expect("loads");
        let plan = &l.plan;
        assert_eq!(resolve_project(plan, "安全プロジェクト"), Ok(2));
        assert_eq!(resolve_project(plan, "交通安全プロジェクト"), Ok(1));
        // a part of both names alone is ambiguous
        assert!(matches!(
            resolve_project(plan, "安全"),
            Err(ArgError::AmbiguousProject(..))
        ));
    }
}
