//! Placeholders and draft marks that editors track: 調整中, Ｐ.○, empty values, （案）,
//! graph/photo boxes, to-be-settled ※ notes and undefined ※ footnote markers.
//! One scan serves both the placeholder rules and `plancheck report`.

use crate::analysis::walk::{self, Field, Section};
use crate::plan::model::{Plan, Printed, S, Text};
use crate::plan::normalize;
use crate::plan::source::FileId;
use crate::plan::value::{self, Parsed};
use std::collections::BTreeSet;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Tbd,
    PageRef,
    MissingValue,
    DraftPlan,
    Figure,
    Note,
    Footnote,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Tbd,
        Kind::PageRef,
        Kind::MissingValue,
        Kind::DraftPlan,
        Kind::Figure,
        Kind::Note,
        Kind::Footnote,
    ];

    /// The contract's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Tbd => "tbd",
            Kind::PageRef => "page-ref",
            Kind::MissingValue => "missing-value",
            Kind::DraftPlan => "draft-plan",
            Kind::Figure => "figure",
            Kind::Note => "note",
            Kind::Footnote => "footnote",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Japanese and English display names: the words the rules' messages use for the same
    /// thing, one term per concept (`--kind` accepts them too).
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Kind::Tbd => ("調整中", "being adjusted"),
            Kind::PageRef => ("参考ページ未記入", "page reference missing"),
            Kind::MissingValue => ("空欄", "empty value"),
            Kind::DraftPlan => ("（案）のまま", "still a draft"),
            Kind::Figure => ("グラフ・写真の枠", "graph/photo box"),
            Kind::Note => ("調整予定の注記", "to-be-settled note"),
            Kind::Footnote => ("定義のない※", "undefined ※"),
        }
    }
}

/// Which cell of an indicator is empty, for `missing-value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Indicator,
    Baseline,
    Target,
}

impl Cell {
    pub fn as_str(self) -> &'static str {
        match self {
            Cell::Indicator => "indicator",
            Cell::Baseline => "baseline",
            Cell::Target => "target",
        }
    }

    pub fn parse(s: &str) -> Option<Cell> {
        [Cell::Indicator, Cell::Baseline, Cell::Target]
            .into_iter()
            .find(|c| c.as_str() == s)
    }

    /// Japanese and English display names (the column headings of the plan's tables).
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Cell::Indicator => ("指標名", "indicator name"),
            Cell::Baseline => ("現状値", "baseline"),
            Cell::Target => ("目標値", "target"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Placeholder {
    pub kind: Kind,
    pub file: FileId,
    pub span: Range<usize>,
    pub section: Section,
    pub subject: String,
    /// The text as printed; empty for an empty cell.
    pub text: String,
    /// For `missing-value`: which cell.
    pub cell: Option<Cell>,
    /// The project whose pages it is on, if any.
    pub project: Option<i64>,
}

/// Every placeholder of the plan, in model order.
pub fn scan(plan: &Plan) -> Vec<Placeholder> {
    scan_texts(plan, &walk::texts(plan))
}

/// Same as [`scan`], over texts already walked.
pub fn scan_texts(plan: &Plan, texts: &walk::Texts<'_>) -> Vec<Placeholder> {
    let defined = footnote_definitions(texts.iter().map(|t| t.text));
    let words = &plan.vocabulary.placeholders;
    let any_in = |text: &str, words: &[crate::plan::model::Text]| {
        let k = normalize::key(text);
        words.iter().any(|w| {
            let w = normalize::key(w.get_ref());
            !w.is_empty() && k.contains(w.as_str())
        })
    };
    let starts = |text: &str, words: &[crate::plan::model::Text]| {
        let t = text.trim_start();
        words
            .iter()
            .any(|w| !w.get_ref().is_empty() && t.starts_with(w.get_ref().as_str()))
    };
    let mut out = Vec::new();
    for t in texts {
        let file = plan.files.get(t.file);
        let narrow =
            |inner: Range<usize>| file.map_or(t.span.clone(), |f| f.narrow(&t.span, t.text, inner));
        let whole = t.span.clone();
        let mut found: Vec<(Kind, &str, Range<usize>)> = Vec::new();
        let mut open: Vec<(usize, &str)> = words
            .open_value
            .iter()
            .filter(|w| !w.get_ref().is_empty())
            .flat_map(|w| t.text.match_indices(w.get_ref().as_str()))
            .collect();
        open.sort();
        for (at, word) in open {
            found.push((Kind::Tbd, word, narrow(at..at + word.len())));
        }
        match t.field {
            Field::Mark if any_in(t.text, &words.figure) => {
                found.push((Kind::Figure, t.text, whole.clone()))
            }
            Field::Mark if starts(t.text, &words.note) => {
                found.push((Kind::Note, t.text, whole.clone()))
            }
            Field::Page if any_in(t.text, &words.page_reference) => {
                found.push((Kind::PageRef, t.text, whole.clone()))
            }
            Field::RelatedPlan if plan.vocabulary.has_draft_mark(t.text) => {
                found.push((Kind::DraftPlan, t.text, whole.clone()))
            }
            Field::Value
                if !t.text.trim().is_empty()
                    && matches!(value::parse(t.text), Parsed::Missing(_)) =>
            {
                found.push((Kind::MissingValue, t.text, whole.clone()))
            }
            _ => {}
        }
        if matches!(t.field, Field::Text | Field::Value | Field::RelatedPlan) {
            for at in undefined_markers(t.text, &defined) {
                found.push((Kind::Footnote, t.text, narrow(at..at + '※'.len_utf8())));
            }
        }
        out.extend(found.into_iter().map(|(kind, text, span)| Placeholder {
            kind,
            file: t.file,
            span,
            section: Section::clone(&t.section),
            subject: t.subject.to_string(),
            text: text.to_string(),
            cell: None,
            project: t.project,
        }));
    }
    empty_cells(plan, &mut out);
    out
}

/// Terms defined by a `※TERM：…` text anywhere in the plan (normalised).
fn footnote_definitions<'a>(texts: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut defined = BTreeSet::new();
    for t in texts {
        for (i, _) in t.match_indices('※') {
            let rest = &t[i + '※'.len_utf8()..];
            let end = rest.find(['：', ':']);
            if let Some(end) = end {
                let term = &rest[..end];
                if !term.is_empty()
                    && !term.contains(['※', '。', '、', '，', '．'])
                    && term.chars().count() <= 40
                {
                    defined.insert(normalize::key(term));
                }
            }
        }
    }
    defined
}

/// Byte offsets of ※ markers that follow a term which no `※TERM：` defines.
pub fn undefined_markers(text: &str, defined: &BTreeSet<String>) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('※') {
        let Some(prev) = text[..i].chars().next_back() else {
            continue;
        };
        if prev.is_whitespace() || "。、．，：:（(「『【・".contains(prev) {
            continue;
        }
        let before = normalize::key(&text[..i]);
        if !defined.iter().any(|d| before.ends_with(d.as_str())) {
            out.push(i);
        }
    }
    out
}

/// Where empty cells are reported: the pages of one project (or of none) in one file.
struct Cells<'o> {
    out: &'o mut Vec<Placeholder>,
    project: Option<i64>,
    file: FileId,
}

impl Cells<'_> {
    /// An empty cell of `kind` at `span`.
    fn empty(
        &mut self,
        kind: Kind,
        span: Range<usize>,
        section: &Section,
        subject: &str,
        cell: Option<Cell>,
    ) {
        self.out.push(Placeholder {
            project: self.project,
            kind,
            file: self.file,
            span,
            section: section.clone(),
            subject: subject.to_string(),
            text: String::new(),
            cell,
        })
    }

    /// The empty baseline and target of the indicator at `span`, in that order.
    fn values(
        &mut self,
        span: Range<usize>,
        section: &Section,
        subject: &str,
        [baseline, target]: [&Option<S<Printed>>; 2],
    ) {
        for (c, v) in [(Cell::Baseline, baseline), (Cell::Target, target)] {
            if v.as_ref().is_none_or(|v| v.get_ref().is_blank()) {
                self.empty(Kind::MissingValue, span.clone(), section, subject, Some(c));
            }
        }
    }
}

/// Empty page, indicator, baseline and target cells.
fn empty_cells(plan: &Plan, out: &mut Vec<Placeholder>) {
    for p in &plan.projects {
        let ps = Section::project(p);
        let mut cells = Cells {
            out: &mut *out,
            project: Some(*p.number.get_ref()),
            file: p.file,
        };
        if let Some(ind) = &p.indicators {
            let s = ps.child("プロジェクト指標");
            for i in &ind.row {
                cells.values(
                    i.name.span(),
                    &s,
                    i.name.get_ref(),
                    [&i.baseline, &i.target],
                );
            }
        }
        for (n, d) in p.direction.iter().enumerate() {
            let s = ps.child(format!("取組の方向性{}", n + 1)).child("対応表");
            for r in d.table.iter().flat_map(|t| &t.row) {
                let (subject, span) = (r.direction.get_ref(), r.direction.span());
                if r.page.is_none() {
                    cells.empty(Kind::PageRef, span.clone(), &s, subject, None);
                }
                match &r.indicator {
                    None => {
                        cells.empty(Kind::MissingValue, span, &s, subject, Some(Cell::Indicator))
                    }
                    Some(name) => cells.values(name.span(), &s, subject, [&r.baseline, &r.target]),
                }
            }
        }
    }
    if let Some(sm) = &plan.summary {
        let s = &Section::new("重点プロジェクトの数値目標");
        let numbers = walk::ProjectNumbers::new(plan);
        // えがお咲く指標 are about all the projects; a project's own indicators are about it.
        let all =
            sm.headline
                .iter()
                .map(|i| (None, s.clone(), i))
                .chain(sm.project.iter().flat_map(|g| {
                    let number = numbers.of(g.project.get_ref());
                    g.indicators
                        .iter()
                        .map(move |i| (number, s.child(g.project.get_ref()), i))
                }));
        for (project, section, i) in all {
            let mut cells = Cells {
                out: &mut *out,
                project,
                file: sm.file,
            };
            cells.values(
                i.name.span(),
                &section,
                i.name.get_ref(),
                [&i.baseline, &i.target],
            );
        }
    }
}

/// Helper for rules: the placeholders of one kind.
pub fn of_kind(all: &[Placeholder], kind: Kind) -> impl Iterator<Item = &Placeholder> {
    all.iter().filter(move |p| p.kind == kind)
}

/// The text of a [`Text`] as `&str` (helper for callers holding spanned values).
pub fn text(t: &Text) -> &str {
    t.get_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_the_spanned_text_itself() {
        let t: Text = toml::Spanned::new(10..19, "調整中".to_string());
        assert_eq!(text(&t), "調整中");
    }

    #[test]
    fn a_value_written_as_an_empty_string_is_an_empty_cell() {
        // `baseline = ""` is the printed plan's empty cell, like a baseline left out; a
        // target of spaces only is empty too
        let text = "[summary]\n[[summary.headline]]\nname = \"住み続けたい人の割合\"\nbaseline = \"\"\ntarget = \"80%\"\n\n[[summary.headline]]\nname = \"転入者数\"\nbaseline = \"1,000人\"\ntarget = \"　 \"\n";
        let loaded = crate::plan::load::load_from_memory("plan", &[("plan.toml", text)])
            .unwrap_or_else(|e| panic!("{:?}", e.errors));
        let empty: Vec<(String, Option<Cell>)> = scan(&loaded.plan)
            .into_iter()
            .filter(|p| p.kind == Kind::MissingValue)
            .map(|p| (p.subject, p.cell))
            .collect();
        assert_eq!(
            empty,
            [
                ("住み続けたい人の割合".to_string(), Some(Cell::Baseline)),
                ("転入者数".to_string(), Some(Cell::Target)),
            ]
        );
    }
}
