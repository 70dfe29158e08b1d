//! A walk over every printed text of the plan, with the section it stands in. Rules that scan
//! free text (footnotes, notation, era years) and the placeholder report share it.

use crate::plan::model::*;
use crate::plan::source::FileId;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// What kind of field a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Running text, titles, names: anything printed as words.
    Text,
    /// Page furniture: 「調整中」 stamps, graph boxes, ※ notes (`marks`, `note`).
    Mark,
    /// A related plan's name.
    RelatedPlan,
    /// A value cell (baseline, target) or a year label.
    Value,
    /// A 参考ページ cell.
    Page,
    /// An id or a number as printed.
    Id,
    /// A cell of the drawn ○/◎ matrix (重点施策との対応).
    Cell,
}

/// One printed text and where it stands.
#[derive(Debug, Clone)]
pub struct TextRef<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub span: Range<usize>,
    pub field: Field,
    /// Where it stands, e.g. `重点プロジェクト1 少子高齢化対策プロジェクト › 取組の方向性2 › 対応表`
    /// (shared by the texts of a section).
    pub section: Rc<Section>,
    /// The item concerned: a direction id, an indicator name, a plan name.
    pub subject: &'a str,
    /// The number of the project whose pages the text is on, if any.
    pub project: Option<i64>,
}

/// A section path, outermost first: data for the reports, shown joined with ` › `.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The number of the project whose own pages the path starts on (its first part is the
    /// project's heading).
    pub page_of: Option<i64>,
    /// A clone (a placeholder keeps its text's section) costs a reference count, not a copy.
    pub parts: Rc<[String]>,
}

impl Section {
    /// A top-level section.
    pub fn new(part: impl Into<String>) -> Section {
        Section {
            page_of: None,
            parts: Rc::from([part.into()]),
        }
    }

    /// The pages of project `p`.
    pub fn project(p: &Project) -> Section {
        Section {
            page_of: Some(*p.number.get_ref()),
            parts: Rc::from([project_section(p)]),
        }
    }

    /// A section inside this one.
    pub fn child(&self, part: impl Into<String>) -> Section {
        let parts = self.parts.iter().cloned().chain([part.into()]).collect();
        Section {
            page_of: self.page_of,
            parts,
        }
    }

    /// The path below the heading of the project whose pages hold it; `None` off those pages.
    pub fn within_project_page(&self) -> Option<&[String]> {
        self.page_of.map(|_| self.parts.get(1..).unwrap_or(&[]))
    }
}

impl std::fmt::Display for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.parts.join(" › "))
    }
}

pub fn project_section(p: &Project) -> String {
    format!(
        "重点プロジェクト{} {}",
        p.number.get_ref(),
        p.name.get_ref()
    )
}

/// The projects' numbers by normalised name, built once: a plan names its projects in the
/// summary and the matrix once per project, so a scan per name would be quadratic.
pub struct ProjectNumbers {
    by_key: HashMap<String, i64>,
}

impl ProjectNumbers {
    pub fn new(plan: &Plan) -> ProjectNumbers {
        let mut by_key = HashMap::new();
        for p in &plan.projects {
            // the first project of a name, as a search in model order finds it
            by_key
                .entry(crate::plan::normalize::key(p.name.get_ref()))
                .or_insert(*p.number.get_ref());
        }
        ProjectNumbers { by_key }
    }

    /// The number of the project a printed name refers to (`１ 少子高齢化対策プロジェクト`,
    /// `ＤＸ推進プロジェクト`): by normalised name, else after dropping a leading number label.
    pub fn of(&self, printed: &str) -> Option<i64> {
        let by_name = |s: &str| self.by_key.get(&crate::plan::normalize::key(s)).copied();
        by_name(printed).or_else(|| match crate::analysis::index::split_number(printed) {
            (Some(_), rest) => by_name(rest),
            (None, _) => None,
        })
    }
}

/// Every text of the plan, in model order.
pub fn texts(plan: &Plan) -> Texts<'_> {
    let mut b = Builder::new();
    walk(plan, &mut b);
    b.finish()
}

/// A top-level section, shared by the texts in it.
fn top(part: impl Into<String>) -> Rc<Section> {
    Rc::new(Section::new(part))
}

/// The pages of project `p`.
fn proj(p: &Project) -> Rc<Section> {
    Rc::new(Section::project(p))
}

/// A section inside `s`.
fn sub(s: &Section, part: impl Into<String>) -> Rc<Section> {
    Rc::new(s.child(part))
}

fn walk<'a>(plan: &'a Plan, b: &mut Builder<'a>) {
    let numbers = ProjectNumbers::new(plan);
    if let Some(m) = &plan.meta {
        let s = &top("計画 / plan");
        b.emit(m.file, &m.name, Field::Text, s, "");
        for t in [&m.period, &m.baseline_year, &m.target_year]
            .into_iter()
            .flatten()
        {
            b.emit(m.file, t, Field::Value, s, "");
        }
    }
    for p in &plan.policies {
        let s = top(format!("政策{}", p.id.get_ref()));
        b.emit(p.file, &p.id, Field::Id, &s, p.id.get_ref());
        b.emit(p.file, &p.name, Field::Text, &s, p.id.get_ref());
        if let Some(g) = &p.goal {
            b.emit(p.file, g, Field::Text, &s, p.id.get_ref());
        }
    }
    for m in &plan.measures {
        let s = top(format!("重点施策 {}", m.id.get_ref()));
        b.emit(m.file, &m.id, Field::Id, &s, m.id.get_ref());
        if let Some(p) = &m.policy {
            b.emit(m.file, p, Field::Id, &s, m.id.get_ref());
        }
        b.emit(m.file, &m.name, Field::Text, &s, m.id.get_ref());
        for d in &m.direction {
            b.emit(m.file, &d.id, Field::Id, &s, d.id.get_ref());
            if let Some(t) = &d.title {
                b.emit(m.file, t, Field::Text, &s, d.id.get_ref());
            }
        }
    }
    projects(plan, b);
    if let Some(sm) = &plan.summary {
        let s = &top("重点プロジェクトの数値目標");
        for t in [&sm.baseline_label, &sm.target_label].into_iter().flatten() {
            b.emit(sm.file, t, Field::Value, s, "");
        }
        for t in &sm.marks {
            b.emit(sm.file, t, Field::Mark, s, "");
        }
        for i in &sm.headline {
            indicator(
                b,
                sm.file,
                i,
                &sub(s, plan.vocabulary.sections.headline.get_ref()),
            );
        }
        for g in &sm.project {
            b.project = numbers.of(g.project.get_ref());
            let gs = sub(s, g.project.get_ref());
            b.emit(sm.file, &g.project, Field::Text, &gs, g.project.get_ref());
            for i in &g.indicators {
                indicator(b, sm.file, i, &gs);
            }
            b.project = None;
        }
    }
    if let Some(sd) = &plan.sdgs {
        let s = &top("ＳＤＧｓローカル指標（表１）");
        if let Some(t) = &sd.title {
            b.emit(sd.file, t, Field::Text, s, "");
        }
        for r in &sd.row {
            let subject = r.measure.get_ref().as_str();
            b.emit(sd.file, &r.measure, Field::Id, s, subject);
            for t in r.policy.iter().chain(&r.name).chain(&r.indicators) {
                b.emit(sd.file, t, Field::Text, s, subject);
            }
        }
    }
    for st in &plan.strategy {
        let s = &top("国の総合戦略との関係");
        for t in std::iter::once(&st.pillar)
            .chain(&st.national)
            .chain(&st.projects)
            .chain(&st.items)
        {
            b.emit(st.file, t, Field::Text, s, st.pillar.get_ref());
        }
    }
    if let Some(mx) = &plan.matrix {
        let s = &top("重点施策との対応");
        // A column heading and the cells below it are about the project the heading names.
        let columns: Vec<Option<i64>> =
            mx.columns.iter().map(|c| numbers.of(c.get_ref())).collect();
        for (t, project) in mx.columns.iter().zip(&columns) {
            b.emit_in(*project, mx.file, t, Field::Text, s, "");
        }
        b.columns = columns;
        for t in mx.legend.iter() {
            b.emit(mx.file, t, Field::Text, s, "");
        }
        for t in &mx.marks {
            b.emit(mx.file, t, Field::Mark, s, "");
        }
        for r in &mx.row {
            let subject = r.measure.get_ref().as_str();
            b.emit(r.file, &r.measure, Field::Id, s, subject);
            for t in r.policy.iter().chain(&r.name) {
                b.emit(r.file, t, Field::Text, s, subject);
            }
            if !r.cells.is_empty() {
                let group = b.group(r.file, s, subject, None);
                b.entries.push(Entry::Cells { row: r, group });
            }
        }
        for m in &mx.mark {
            let group = b.group(m.file, s, m.measure.get_ref(), None);
            b.entries.push(Entry::Mark { mark: m, group });
        }
    }
    if let Some(o) = &plan.overview {
        let s = &top("概要版");
        for t in o.vision.iter() {
            b.emit(o.file, t, Field::Text, s, "");
        }
        for sec in &o.section {
            prose(b, o.file, sec, s);
        }
        for t in o.mission.iter().chain(&o.value) {
            b.emit(o.file, &t.title, Field::Text, s, t.title.get_ref());
            if let Some(x) = &t.text {
                b.emit(o.file, x, Field::Text, s, t.title.get_ref());
            }
        }
        for d in &o.district {
            b.emit(o.file, &d.name, Field::Text, s, d.name.get_ref());
            for t in &d.themes {
                b.emit(o.file, t, Field::Text, s, d.name.get_ref());
            }
        }
        for p in &o.project {
            b.emit(o.file, &p.name, Field::Text, s, p.name.get_ref());
            for t in &p.directions {
                b.emit(o.file, t, Field::Text, s, p.name.get_ref());
            }
        }
    }
    for p in &plan.prose {
        prose(b, p.file, p, &top("本文"));
    }
    for c in &plan.changes {
        let s = &top("審議会からの変更点");
        for t in c
            .meeting
            .iter()
            .chain(std::iter::once(&c.topic))
            .chain(&c.before)
            .chain(&c.after)
            .chain(&c.reason)
        {
            b.emit(c.file, t, Field::Text, s, c.topic.get_ref());
        }
    }
}

/// Every text of the plan's project records (the pages of each project), in model order.
pub fn each_project_text<'a>(plan: &'a Plan, f: &mut dyn FnMut(TextRef<'a>)) {
    let mut b = Builder::new();
    projects(plan, &mut b);
    b.finish().iter().for_each(f);
}

fn projects<'a>(plan: &'a Plan, b: &mut Builder<'a>) {
    for p in &plan.projects {
        b.project = Some(*p.number.get_ref());
        let file = p.file;
        let ps = proj(p);
        let name = p.name.get_ref().as_str();
        b.emit(file, &p.name, Field::Text, &ps, name);
        for t in [
            &p.aim,
            &p.background,
            &p.directions_heading,
            &p.tables_heading,
        ]
        .into_iter()
        .flatten()
        {
            b.emit(file, t, Field::Text, &ps, name);
        }
        for t in &p.marks {
            b.emit(file, t, Field::Mark, &ps, name);
        }
        if let Some(ind) = &p.indicators {
            let s = sub(&ps, "プロジェクト指標");
            for t in [&ind.baseline_label, &ind.target_label]
                .into_iter()
                .flatten()
            {
                b.emit(file, t, Field::Value, &s, "");
            }
            for i in &ind.row {
                indicator(b, file, i, &s);
            }
        }
        for (n, d) in p.direction.iter().enumerate() {
            let ds = sub(&ps, format!("取組の方向性{}", n + 1));
            let title = d.title.get_ref().as_str();
            b.emit(file, &d.title, Field::Text, &ds, title);
            for t in [&d.text, &d.initiatives].into_iter().flatten() {
                b.emit(file, t, Field::Text, &ds, title);
            }
            for t in &d.marks {
                b.emit(file, t, Field::Mark, &ds, title);
            }
            let Some(table) = &d.table else { continue };
            let ts = sub(&ds, "対応表");
            if let Some(h) = &table.heading {
                b.emit(file, h, Field::Text, &ts, title);
            }
            for t in [&table.baseline_label, &table.target_label]
                .into_iter()
                .flatten()
            {
                b.emit(file, t, Field::Value, &ts, "");
            }
            for t in &table.marks {
                b.emit(file, t, Field::Mark, &ts, title);
            }
            for r in &table.row {
                let subject = r.direction.get_ref().as_str();
                b.emit(file, &r.direction, Field::Id, &ts, subject);
                for t in [&r.title, &r.initiative, &r.indicator]
                    .into_iter()
                    .flatten()
                {
                    b.emit(file, t, Field::Text, &ts, subject);
                }
                for v in [&r.baseline, &r.target].into_iter().flatten() {
                    b.value(file, v, &ts, subject);
                }
                for t in [&r.baseline_year, &r.target_year].into_iter().flatten() {
                    b.emit(file, t, Field::Value, &ts, subject);
                }
                if let Some(pg) = &r.page {
                    b.emit(file, pg, Field::Page, &ts, subject);
                }
            }
        }
        if let Some(rel) = &p.related {
            let s = sub(&ps, "関連計画");
            for t in &rel.plans {
                b.emit(file, t, Field::RelatedPlan, &s, t.get_ref());
            }
            for t in rel.marks.iter().chain(&rel.note) {
                b.emit(file, t, Field::Mark, &s, "");
            }
        }
        b.project = None;
    }
}

fn prose<'a>(b: &mut Builder<'a>, file: FileId, p: &'a Prose, s: &Rc<Section>) {
    let s = sub(s, p.heading.get_ref());
    b.emit(file, &p.heading, Field::Text, &s, "");
    if let Some(t) = &p.text {
        b.emit(file, t, Field::Text, &s, "");
    }
}

fn indicator<'a>(b: &mut Builder<'a>, file: FileId, i: &'a Indicator, s: &Rc<Section>) {
    let subject = i.name.get_ref().as_str();
    b.emit(file, &i.name, Field::Text, s, subject);
    for v in [&i.baseline, &i.target].into_iter().flatten() {
        b.value(file, v, s, subject);
    }
    for t in [&i.baseline_year, &i.target_year].into_iter().flatten() {
        b.emit(file, t, Field::Value, s, subject);
    }
}

/// The texts of the plan, kept compact: an entry points at the model's own string (or at a
/// value cell, a matrix row's cells, a sparse mark, each expanded when read) and shares with
/// its neighbours a group giving file, section, subject and project. 16 bytes an entry, where
/// a [`TextRef`] is 88: a plan of millions of texts is walked once and read many times.
pub struct Texts<'a> {
    entries: Vec<Entry<'a>>,
    groups: Vec<Group<'a>>,
    /// The project each matrix column is about (see [`ProjectNumbers::of`]).
    columns: Vec<Option<i64>>,
}

/// What texts of the same entry share.
struct Group<'a> {
    file: FileId,
    section: Rc<Section>,
    subject: &'a str,
    project: Option<i64>,
}

/// One or more texts in walk order; `group` indexes [`Texts::groups`].
#[derive(Clone, Copy)]
enum Entry<'a> {
    /// One string of the model.
    Text {
        text: &'a Text,
        group: u32,
        field: Field,
    },
    /// A value cell: its printed parts, each a [`Field::Value`].
    Value { value: &'a S<Printed>, group: u32 },
    /// The cells of a drawn matrix row, each about its column's project.
    Cells { row: &'a MatrixRow, group: u32 },
    /// A sparse matrix mark: its measure ([`Field::Id`]), then its symbol ([`Field::Cell`],
    /// about its column's project).
    Mark { mark: &'a MatrixMark, group: u32 },
}

impl<'a> Texts<'a> {
    /// Every text, in walk order.
    pub fn iter(&self) -> Iter<'_, 'a> {
        self.of_fields(|_| true)
    }

    /// The texts of the fields `keep` accepts, in walk order: the others are skipped before
    /// they are made (a matrix row's cells at once).
    pub fn of_fields(&self, keep: fn(Field) -> bool) -> Iter<'_, 'a> {
        Iter {
            texts: self,
            entry: 0,
            part: 0,
            keep,
        }
    }
}

impl<'s, 'a> IntoIterator for &'s Texts<'a> {
    type Item = TextRef<'a>;
    type IntoIter = Iter<'s, 'a>;
    fn into_iter(self) -> Iter<'s, 'a> {
        self.iter()
    }
}

/// The texts of [`Texts`], each made when read.
pub struct Iter<'s, 'a> {
    texts: &'s Texts<'a>,
    /// The entry being read.
    entry: usize,
    /// The next part of that entry (a value's sub-value, a row's cell, a mark's symbol).
    part: usize,
    /// Which fields to yield.
    keep: fn(Field) -> bool,
}

impl<'a> Iter<'_, 'a> {
    fn text(&self, group: u32, text: &'a str, span: Range<usize>, field: Field) -> TextRef<'a> {
        let g = &self.texts.groups[group as usize];
        TextRef {
            file: g.file,
            text,
            span,
            field,
            section: g.section.clone(),
            subject: g.subject,
            project: g.project,
        }
    }

    fn column(&self, i: usize) -> Option<i64> {
        self.texts.columns.get(i).copied().flatten()
    }

    /// The entry's text number `self.part`, if it has one.
    fn part(&self, entry: Entry<'a>) -> Option<TextRef<'a>> {
        let n = self.part;
        match entry {
            Entry::Text { text, group, field } => {
                (n == 0).then(|| self.text(group, text.get_ref(), text.span(), field))
            }
            Entry::Value { value, group } => match value.get_ref() {
                Printed::One(s) => {
                    (n == 0).then(|| self.text(group, s, value.span(), Field::Value))
                }
                Printed::Many(v) => v
                    .get(n)
                    .map(|t| self.text(group, t.get_ref(), t.span(), Field::Value)),
            },
            Entry::Cells { row, group } => row.cells.get(n).map(|t| TextRef {
                project: self.column(n),
                ..self.text(group, t.get_ref(), t.span(), Field::Cell)
            }),
            Entry::Mark { mark, group } => match n {
                0 => Some(self.text(
                    group,
                    mark.measure.get_ref(),
                    mark.measure.span(),
                    Field::Id,
                )),
                1 => Some(TextRef {
                    project: self.column(mark.column),
                    ..self.text(
                        group,
                        mark.symbol.get_ref(),
                        mark.symbol.span(),
                        Field::Cell,
                    )
                }),
                _ => None,
            },
        }
    }
}

impl<'a> Iterator for Iter<'_, 'a> {
    type Item = TextRef<'a>;

    fn next(&mut self) -> Option<TextRef<'a>> {
        loop {
            let entry = *self.texts.entries.get(self.entry)?;
            // an entry of one field, not kept: skipped whole
            let skip = match entry {
                Entry::Text { field, .. } => !(self.keep)(field),
                Entry::Value { .. } => !(self.keep)(Field::Value),
                Entry::Cells { .. } => !(self.keep)(Field::Cell),
                Entry::Mark { .. } => false,
            };
            if !skip && let Some(t) = self.part(entry) {
                self.part += 1;
                if (self.keep)(t.field) {
                    return Some(t);
                }
                continue;
            }
            self.entry += 1;
            self.part = 0;
        }
    }
}

/// Builds [`Texts`] in walk order.
struct Builder<'a> {
    entries: Vec<Entry<'a>>,
    groups: Vec<Group<'a>>,
    columns: Vec<Option<i64>>,
    /// The project the texts being added are about (a project's record, a summary group).
    project: Option<i64>,
}

impl<'a> Builder<'a> {
    fn new() -> Builder<'a> {
        Builder {
            entries: Vec::new(),
            groups: Vec::new(),
            columns: Vec::new(),
            project: None,
        }
    }

    fn finish(mut self) -> Texts<'a> {
        self.entries.shrink_to_fit();
        self.groups.shrink_to_fit();
        Texts {
            entries: self.entries,
            groups: self.groups,
            columns: self.columns,
        }
    }

    /// The group of a text: the last one when it is the same.
    fn group(
        &mut self,
        file: FileId,
        section: &Rc<Section>,
        subject: &'a str,
        project: Option<i64>,
    ) -> u32 {
        let same = self.groups.last().is_some_and(|g| {
            g.file == file
                && Rc::ptr_eq(&g.section, section)
                && g.subject == subject
                && g.project == project
        });
        if !same {
            self.groups.push(Group {
                file,
                section: section.clone(),
                subject,
                project,
            });
        }
        // as many groups as texts at most, each far larger than an entry: fits in memory
        // long before it would not fit in a u32
        u32::try_from(self.groups.len() - 1).unwrap_or(u32::MAX)
    }

    fn emit(
        &mut self,
        file: FileId,
        text: &'a Text,
        field: Field,
        section: &Rc<Section>,
        subject: &'a str,
    ) {
        self.emit_in(self.project, file, text, field, section, subject);
    }

    /// [`Builder::emit`] for a text about the project numbered `project`.
    fn emit_in(
        &mut self,
        project: Option<i64>,
        file: FileId,
        text: &'a Text,
        field: Field,
        section: &Rc<Section>,
        subject: &'a str,
    ) {
        let group = self.group(file, section, subject, project);
        self.entries.push(Entry::Text { text, group, field });
    }

    fn value(
        &mut self,
        file: FileId,
        value: &'a S<Printed>,
        section: &Rc<Section>,
        subject: &'a str,
    ) {
        let group = self.group(file, section, subject, self.project);
        self.entries.push(Entry::Value { value, group });
    }
}

#[cfg(test)]
mod tests {
    // The walk's compact list of texts reads back what the TOML holds: each text is the decoded
    // string at its span, once each, and every matrix cell (a drawn row's cell, a sparse mark's
    // symbol) is a cell about the project its column heading names. The oracle reads the files
    // with `toml_edit` and finds the projects by their `number` and `name`, not with the loader.

    use super::{Field, TextRef};
    use std::collections::HashMap;
    use std::path::Path;
    use toml_edit::{Document, Item, Value};

    /// A string of the TOML: the key it is under, its position in its array (if any) and its
    /// decoded value.
    struct Str {
        key: String,
        index: Option<usize>,
        value: String,
        /// The id of the table row it is in: its `direction`, else its `measure`.
        row: Option<String>,
    }

    type Strings = HashMap<(String, usize, usize), Str>;

    fn strings(files: &[(String, String)]) -> Strings {
        let mut out = Strings::new();
        for (rel, text) in files {
            if rel == "plancheck.toml" {
                continue;
            }
            let doc = Document::parse(text.as_str()).unwrap();
            table(doc.as_table(), rel, &mut out);
        }
        out
    }

    fn table(t: &toml_edit::Table, rel: &str, out: &mut Strings) {
        let id = |k: &str| t.get(k).and_then(|v| v.as_str());
        let row = id("direction").or_else(|| id("measure"));
        for (key, item) in t.iter() {
            match item {
                Item::Table(t) => table(t, rel, out),
                Item::ArrayOfTables(a) => a.iter().for_each(|t| table(t, rel, out)),
                Item::Value(v) => value(v, key, None, row, rel, out),
                Item::None => {}
            }
        }
    }

    fn value(
        v: &Value,
        key: &str,
        index: Option<usize>,
        row: Option<&str>,
        rel: &str,
        out: &mut Strings,
    ) {
        match v {
            Value::String(s) => {
                let span = s.span().unwrap();
                let s = Str {
                    key: key.to_string(),
                    index,
                    value: s.value().clone(),
                    row: row.map(str::to_string),
                };
                out.insert((rel.to_string(), span.start, span.end), s);
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    value(v, key, Some(i), row, rel, out);
                }
            }
            Value::InlineTable(t) => {
                for (k, v) in t.iter() {
                    value(v, k, None, None, rel, out);
                }
            }
            _ => {}
        }
    }

    /// The plan's files, relative paths with `/`.
    fn read_dir(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let child = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if e.path().is_dir() {
                read_dir(&e.path(), &child, out);
            } else if name.ends_with(".toml") {
                out.push((child, std::fs::read_to_string(e.path()).unwrap()));
            }
        }
    }

    fn shipped() -> Vec<(String, String)> {
        let mut files = Vec::new();
        read_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"),
            "",
            &mut files,
        );
        files
    }

    /// Project number by name, from the `[[project]]` records' `number` and `name`.
    fn project_numbers(files: &[(String, String)]) -> HashMap<String, i64> {
        let mut out = HashMap::new();
        for (_, text) in files {
            let doc = Document::parse(text.as_str()).unwrap();
            let Some(Item::ArrayOfTables(ps)) = doc.as_table().get("project") else {
                continue;
            };
            for p in ps.iter() {
                let name = p.get("name").and_then(|n| n.as_str()).unwrap();
                let number = p.get("number").and_then(|n| n.as_integer()).unwrap();
                out.insert(name.to_string(), number);
            }
        }
        out
    }

    /// The matrix's column headings, from `columns = [...]`.
    fn columns(files: &[(String, String)]) -> Vec<String> {
        let (_, text) = files.iter().find(|(r, _)| r == "matrix.toml").unwrap();
        let doc = Document::parse(text.as_str()).unwrap();
        let cols = doc["matrix"]["columns"].as_array().unwrap();
        cols.iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect()
    }

    /// Checks the walk of `files` against the oracle; returns the number of cells seen.
    fn check(files: &[(String, String)]) -> usize {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let loaded = crate::plan::load::load_from_memory("plan", &refs).unwrap_or_else(|e| {
            panic!("the plan loads: {:?}", e.errors);
        });
        let plan = &loaded.plan;
        let strings = strings(files);
        let numbers = project_numbers(files);
        let columns = columns(files);
        let about = |heading: &str| numbers.get(heading).copied();
        let texts = super::texts(plan);
        // the number of the one project of each project file
        let file_project: HashMap<String, i64> = files
            .iter()
            .filter(|(rel, _)| rel.starts_with("projects/"))
            .map(|(rel, text)| {
                let doc = Document::parse(text.as_str()).unwrap();
                let n = doc["project"][0]["number"].as_integer().unwrap();
                (rel.clone(), n)
            })
            .collect();
        assert!(!file_project.is_empty());
        let distinct: std::collections::HashSet<(usize, usize, usize)> = texts
            .iter()
            .map(|t| (t.file, t.span.start, t.span.end))
            .collect();
        let walked: Vec<TextRef> = texts.iter().collect();
        // the texts of some fields: those of the whole walk with these fields, in the same order
        let keeps: [fn(Field) -> bool; 4] = [
            |f| f == Field::Cell,
            |f| f == Field::Id,
            |f| matches!(f, Field::Text | Field::RelatedPlan | Field::Mark),
            |f| f != Field::Value,
        ];
        let key = |t: &TextRef| {
            (
                t.file,
                t.span.clone(),
                t.field,
                t.project,
                t.subject.to_string(),
            )
        };
        for keep in keeps {
            let some: Vec<_> = texts.of_fields(keep).map(|t| key(&t)).collect();
            let all: Vec<_> = walked.iter().filter(|t| keep(t.field)).map(key).collect();
            assert!(!some.is_empty());
            assert_eq!(some, all);
        }
        // a sparse mark's `project` names its column and is not walked (as before the compact
        // list): every other string once
        let marks_projects = strings
            .iter()
            .filter(|((rel, _, _), s)| rel.starts_with("matrix") && s.key == "project")
            .count();
        assert_eq!(
            walked.len(),
            strings.len() - marks_projects,
            "each string walked once"
        );
        assert_eq!(distinct.len(), walked.len(), "each string walked once");
        let mut cells = 0;
        // the column of the last sparse mark's `project`, for its symbol
        let mut mark_column: Option<usize> = None;
        for t in &walked {
            let rel = plan.files[t.file].rel.clone();
            let s = strings
                .get(&(rel.clone(), t.span.start, t.span.end))
                .unwrap_or_else(|| panic!("{rel} {:?} is no string", t.span));
            assert_eq!(t.text, s.value, "{rel} {:?}", t.span);
            if let Some(row) = &s.row {
                assert_eq!(t.subject, row, "{rel} {:?}", t.span);
            }
            if let Some(number) = file_project.get(&rel) {
                // a project's own pages: about it, in a section on its pages
                assert_eq!(t.project, Some(*number), "{rel} {:?}", t.span);
                assert_eq!(t.section.page_of, Some(*number), "{rel} {:?}", t.span);
            }
            match s.key.as_str() {
                "cells" => {
                    cells += 1;
                    assert_eq!(t.field, Field::Cell, "{rel} {:?}", t.span);
                    let heading = &columns[s.index.unwrap()];
                    assert_eq!(t.project, about(heading), "cell under {heading}");
                }
                "symbol" => {
                    cells += 1;
                    assert_eq!(t.field, Field::Cell, "{rel} {:?}", t.span);
                    let heading = &columns[mark_column.take().unwrap()];
                    assert_eq!(t.project, about(heading), "mark under {heading}");
                }
                "columns" => {
                    assert_eq!(t.field, Field::Text);
                    assert_eq!(t.project, about(&s.value), "heading {}", s.value);
                }
                "measure" if rel.starts_with("matrix") => {
                    assert_eq!(t.field, Field::Id);
                    assert_eq!(t.project, None);
                    // a sparse mark's project is not walked: find its column by the source
                    let record = &files.iter().find(|(r, _)| *r == rel).unwrap().1[t.span.end..];
                    let next = record.lines().nth(1).unwrap_or("");
                    mark_column = next
                        .strip_prefix("project = \"")
                        .and_then(|p| p.strip_suffix('"'))
                        .map(|p| columns.iter().position(|c| c == p).unwrap());
                }
                _ => assert_ne!(t.field, Field::Cell, "{rel} {:?} {}", t.span, s.key),
            }
        }
        cells
    }

    #[test]
    fn every_text_of_the_shipped_plan_reads_back_its_string() {
        let files = shipped();
        // 36 rows of 5 cells, blank ones included
        assert_eq!(check(&files), 180);
    }

    #[test]
    fn sparse_marks_are_walked_as_cells_of_their_column() {
        for split in [false, true] {
            sparse_marks(split);
        }
    }

    /// The shipped matrix in the sparse form; with `split`, its marks in two files, a
    /// measure's marks on both sides (the same section and subject, another file).
    fn sparse_marks(split: bool) {
        let mut files = shipped();
        let (_, matrix) = files.iter_mut().find(|(r, _)| r == "matrix.toml").unwrap();
        let columns: Vec<String> = columns(&[("matrix.toml".into(), matrix.clone())]);
        let mut parts = matrix.split("\n[[matrix.row]]\n");
        let mut sparse = parts.next().unwrap().trim_end().to_string();
        sparse.push('\n');
        let mut marks = 0;
        for row in parts {
            let line = |k: &str| {
                row.lines()
                    .find(|l| l.starts_with(&format!("{k} = ")))
                    .unwrap()
                    .to_string()
            };
            let measure = line("measure");
            let cells = line("cells");
            for (c, s) in cells.split('"').skip(1).step_by(2).enumerate() {
                if !s.is_empty() {
                    marks += 1;
                    let p = &columns[c];
                    sparse.push_str(&format!(
                        "\n[[matrix.mark]]\n{measure}\nproject = \"{p}\"\nsymbol = \"{s}\"\n"
                    ));
                }
            }
        }
        if split {
            // cut between two marks of one measure
            let records: Vec<&str> = sparse.split("\n[[matrix.mark]]\n").collect();
            let measure = |r: &str| r.lines().next().unwrap_or("").to_string();
            let i = (1..records.len() - 1)
                .find(|&i| measure(records[i]) == measure(records[i + 1]))
                .unwrap();
            let rest = records[i + 1..].join("\n[[matrix.mark]]\n");
            let (head, _) = sparse.split_at(sparse.len() - rest.len());
            let head = head.trim_end_matches("[[matrix.mark]]\n").to_string();
            *matrix = head;
            files.push(("matrix_z.toml".into(), format!("[[matrix.mark]]\n{rest}")));
        } else {
            *matrix = sparse;
        }
        assert!(marks > 20, "{marks} marks");
        assert_eq!(check(&files), marks);
    }
}
