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
pub fn texts(plan: &Plan) -> Vec<TextRef<'_>> {
    let mut out = Vec::new();
    walk(plan, &mut |r| out.push(r));
    out
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

fn walk<'a>(plan: &'a Plan, f: &mut dyn FnMut(TextRef<'a>)) {
    let numbers = ProjectNumbers::new(plan);
    if let Some(m) = &plan.meta {
        let s = &top("計画 / plan");
        emit(f, m.file, &m.name, Field::Text, s, "");
        for t in [&m.period, &m.baseline_year, &m.target_year]
            .into_iter()
            .flatten()
        {
            emit(f, m.file, t, Field::Value, s, "");
        }
    }
    for p in &plan.policies {
        let s = top(format!("政策{}", p.id.get_ref()));
        emit(f, p.file, &p.id, Field::Id, &s, p.id.get_ref());
        emit(f, p.file, &p.name, Field::Text, &s, p.id.get_ref());
        if let Some(g) = &p.goal {
            emit(f, p.file, g, Field::Text, &s, p.id.get_ref());
        }
    }
    for m in &plan.measures {
        let s = top(format!("重点施策 {}", m.id.get_ref()));
        emit(f, m.file, &m.id, Field::Id, &s, m.id.get_ref());
        if let Some(p) = &m.policy {
            emit(f, m.file, p, Field::Id, &s, m.id.get_ref());
        }
        emit(f, m.file, &m.name, Field::Text, &s, m.id.get_ref());
        for d in &m.direction {
            emit(f, m.file, &d.id, Field::Id, &s, d.id.get_ref());
            if let Some(t) = &d.title {
                emit(f, m.file, t, Field::Text, &s, d.id.get_ref());
            }
        }
    }
    projects(plan, f);
    if let Some(sm) = &plan.summary {
        let s = &top("重点プロジェクトの数値目標");
        for t in [&sm.baseline_label, &sm.target_label].into_iter().flatten() {
            emit(f, sm.file, t, Field::Value, s, "");
        }
        for t in &sm.marks {
            emit(f, sm.file, t, Field::Mark, s, "");
        }
        for i in &sm.headline {
            indicator(
                sm.file,
                i,
                &sub(s, plan.vocabulary.sections.headline.get_ref()),
                f,
            );
        }
        for g in &sm.project {
            let number = numbers.of(g.project.get_ref());
            let f = &mut |mut r: TextRef<'a>| {
                r.project = number;
                f(r)
            };
            let gs = sub(s, g.project.get_ref());
            emit(
                f,
                sm.file,
                &g.project,
                Field::Text,
                &gs,
                g.project.get_ref(),
            );
            for i in &g.indicators {
                indicator(sm.file, i, &gs, f);
            }
        }
    }
    if let Some(sd) = &plan.sdgs {
        let s = &top("ＳＤＧｓローカル指標（表１）");
        if let Some(t) = &sd.title {
            emit(f, sd.file, t, Field::Text, s, "");
        }
        for r in &sd.row {
            let subject = r.measure.get_ref().as_str();
            emit(f, sd.file, &r.measure, Field::Id, s, subject);
            for t in r.policy.iter().chain(&r.name).chain(&r.indicators) {
                emit(f, sd.file, t, Field::Text, s, subject);
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
            emit(f, st.file, t, Field::Text, s, st.pillar.get_ref());
        }
    }
    if let Some(mx) = &plan.matrix {
        let s = &top("重点施策との対応");
        // A column heading and the cells below it are about the project the heading names.
        let columns: Vec<Option<i64>> =
            mx.columns.iter().map(|c| numbers.of(c.get_ref())).collect();
        for (t, project) in mx.columns.iter().zip(&columns) {
            emit_in(f, *project, mx.file, t, Field::Text, s, "");
        }
        for t in mx.legend.iter() {
            emit(f, mx.file, t, Field::Text, s, "");
        }
        for t in &mx.marks {
            emit(f, mx.file, t, Field::Mark, s, "");
        }
        for r in &mx.row {
            let subject = r.measure.get_ref().as_str();
            emit(f, r.file, &r.measure, Field::Id, s, subject);
            for t in r.policy.iter().chain(&r.name) {
                emit(f, r.file, t, Field::Text, s, subject);
            }
            for (i, t) in r.cells.iter().enumerate() {
                let project = columns.get(i).copied().flatten();
                emit_in(f, project, r.file, t, Field::Cell, s, subject);
            }
        }
        for m in &mx.mark {
            let subject = m.measure.get_ref().as_str();
            emit(f, m.file, &m.measure, Field::Id, s, subject);
            let project = columns.get(m.column).copied().flatten();
            emit_in(f, project, m.file, &m.symbol, Field::Cell, s, subject);
        }
    }
    if let Some(o) = &plan.overview {
        let s = &top("概要版");
        for t in o.vision.iter() {
            emit(f, o.file, t, Field::Text, s, "");
        }
        for sec in &o.section {
            prose(o.file, sec, s, f);
        }
        for t in o.mission.iter().chain(&o.value) {
            emit(f, o.file, &t.title, Field::Text, s, t.title.get_ref());
            if let Some(x) = &t.text {
                emit(f, o.file, x, Field::Text, s, t.title.get_ref());
            }
        }
        for d in &o.district {
            emit(f, o.file, &d.name, Field::Text, s, d.name.get_ref());
            for t in &d.themes {
                emit(f, o.file, t, Field::Text, s, d.name.get_ref());
            }
        }
        for p in &o.project {
            emit(f, o.file, &p.name, Field::Text, s, p.name.get_ref());
            for t in &p.directions {
                emit(f, o.file, t, Field::Text, s, p.name.get_ref());
            }
        }
    }
    for p in &plan.prose {
        prose(p.file, p, &top("本文"), f);
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
            emit(f, c.file, t, Field::Text, s, c.topic.get_ref());
        }
    }
}

/// Every text of the plan's project records (the pages of each project), in model order.
pub fn each_project_text<'a>(plan: &'a Plan, f: &mut dyn FnMut(TextRef<'a>)) {
    projects(plan, f);
}

fn projects<'a>(plan: &'a Plan, f: &mut dyn FnMut(TextRef<'a>)) {
    for p in &plan.projects {
        let number = *p.number.get_ref();
        let f = &mut |mut r: TextRef<'a>| {
            r.project = Some(number);
            f(r)
        };
        let file = p.file;
        let ps = proj(p);
        let name = p.name.get_ref().as_str();
        emit(f, file, &p.name, Field::Text, &ps, name);
        for t in [
            &p.aim,
            &p.background,
            &p.directions_heading,
            &p.tables_heading,
        ]
        .into_iter()
        .flatten()
        {
            emit(f, file, t, Field::Text, &ps, name);
        }
        for t in &p.marks {
            emit(f, file, t, Field::Mark, &ps, name);
        }
        if let Some(ind) = &p.indicators {
            let s = sub(&ps, "プロジェクト指標");
            for t in [&ind.baseline_label, &ind.target_label]
                .into_iter()
                .flatten()
            {
                emit(f, file, t, Field::Value, &s, "");
            }
            for i in &ind.row {
                indicator(file, i, &s, f);
            }
        }
        for (n, d) in p.direction.iter().enumerate() {
            let ds = sub(&ps, format!("取組の方向性{}", n + 1));
            let title = d.title.get_ref().as_str();
            emit(f, file, &d.title, Field::Text, &ds, title);
            for t in [&d.text, &d.initiatives].into_iter().flatten() {
                emit(f, file, t, Field::Text, &ds, title);
            }
            for t in &d.marks {
                emit(f, file, t, Field::Mark, &ds, title);
            }
            let Some(table) = &d.table else { continue };
            let ts = sub(&ds, "対応表");
            if let Some(h) = &table.heading {
                emit(f, file, h, Field::Text, &ts, title);
            }
            for t in [&table.baseline_label, &table.target_label]
                .into_iter()
                .flatten()
            {
                emit(f, file, t, Field::Value, &ts, "");
            }
            for t in &table.marks {
                emit(f, file, t, Field::Mark, &ts, title);
            }
            for r in &table.row {
                let subject = r.direction.get_ref().as_str();
                emit(f, file, &r.direction, Field::Id, &ts, subject);
                for t in [&r.title, &r.initiative, &r.indicator]
                    .into_iter()
                    .flatten()
                {
                    emit(f, file, t, Field::Text, &ts, subject);
                }
                for v in [&r.baseline, &r.target].into_iter().flatten() {
                    value(file, v, &ts, subject, f);
                }
                for t in [&r.baseline_year, &r.target_year].into_iter().flatten() {
                    emit(f, file, t, Field::Value, &ts, subject);
                }
                if let Some(pg) = &r.page {
                    emit(f, file, pg, Field::Page, &ts, subject);
                }
            }
        }
        if let Some(rel) = &p.related {
            let s = sub(&ps, "関連計画");
            for t in &rel.plans {
                emit(f, file, t, Field::RelatedPlan, &s, t.get_ref());
            }
            for t in rel.marks.iter().chain(&rel.note) {
                emit(f, file, t, Field::Mark, &s, "");
            }
        }
    }
}

fn prose<'a>(file: FileId, p: &'a Prose, s: &Rc<Section>, f: &mut dyn FnMut(TextRef<'a>)) {
    let s = sub(s, p.heading.get_ref());
    emit(f, file, &p.heading, Field::Text, &s, "");
    if let Some(t) = &p.text {
        emit(f, file, t, Field::Text, &s, "");
    }
}

fn indicator<'a>(file: FileId, i: &'a Indicator, s: &Rc<Section>, f: &mut dyn FnMut(TextRef<'a>)) {
    let subject = i.name.get_ref().as_str();
    emit(f, file, &i.name, Field::Text, s, subject);
    for v in [&i.baseline, &i.target].into_iter().flatten() {
        value(file, v, s, subject, f);
    }
    for t in [&i.baseline_year, &i.target_year].into_iter().flatten() {
        emit(f, file, t, Field::Value, s, subject);
    }
}

fn value<'a>(
    file: FileId,
    v: &'a S<Printed>,
    s: &Rc<Section>,
    subject: &'a str,
    f: &mut dyn FnMut(TextRef<'a>),
) {
    for (text, span) in v.get_ref().parts(&v.span()) {
        f(TextRef {
            file,
            text,
            span,
            field: Field::Value,
            section: s.clone(),
            subject,
            project: None,
        });
    }
}

fn emit<'a>(
    f: &mut dyn FnMut(TextRef<'a>),
    file: FileId,
    text: &'a Text,
    field: Field,
    section: &Rc<Section>,
    subject: &'a str,
) {
    emit_in(f, None, file, text, field, section, subject);
}

/// [`emit`] for a text about the project numbered `project`.
fn emit_in<'a>(
    f: &mut dyn FnMut(TextRef<'a>),
    project: Option<i64>,
    file: FileId,
    text: &'a Text,
    field: Field,
    section: &Rc<Section>,
    subject: &'a str,
) {
    f(TextRef {
        file,
        text: text.get_ref().as_str(),
        span: text.span(),
        field,
        section: section.clone(),
        subject,
        project,
    });
}
