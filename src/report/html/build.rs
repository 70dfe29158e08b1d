//! Gathers what the review page shows from a check's results: positions, excerpts and
//! projects of the findings, the placeholder report, the matrix and the links between them.

use super::excerpt::{Excerpt, excerpt};
use super::{Entry, Place, ProjectName, RelatedEntry, Review, SuppressedEntry};
use crate::editors::{matrix, report};
use crate::finding::{Finding, Location};
use crate::i18n::Msg;
use crate::model::Plan;
use crate::normalize;
use crate::source::SourceFile;
use crate::suppress::Suppressed;
use std::ops::Range;

/// Lines of context shown around a finding's span (related places show none).
const CONTEXT_LINES: usize = 1;

/// What the check found, as the page needs it.
pub struct Checked<'a> {
    pub plan: &'a Plan,
    /// Reported findings, sorted ([`crate::report::sort`]).
    pub findings: &'a [Finding],
    pub suppressed: &'a [Suppressed],
    /// Whether `check` fails on these findings.
    pub failing: bool,
    pub checked_at: jiff::ZonedDateTime,
    pub version: &'a str,
}

fn place(files: &[SourceFile], loc: &Location) -> Place {
    let p = crate::report::position(files, loc);
    Place {
        file: p.file,
        line: p.line,
        column: p.column,
    }
}

fn excerpt_of(files: &[SourceFile], loc: &Location, context: usize) -> Option<Excerpt> {
    match loc {
        Location::Span { file, span } => files.get(*file).map(|f| excerpt(f, span, context)),
        Location::Path(_) => None,
    }
}

/// The project whose record holds `loc`: in the same file, the last project whose record
/// starts (at its first key) before the location.
pub fn project_of(plan: &Plan, loc: &Location) -> Option<i64> {
    let Location::Span { file, span } = loc else {
        return None;
    };
    plan.projects
        .iter()
        .filter(|p| p.file == *file)
        .map(|p| {
            let start = p.number.span().start.min(p.name.span().start);
            (start, *p.number.get_ref())
        })
        .filter(|(start, _)| *start <= span.start)
        .max_by_key(|(start, _)| *start)
        .map(|(_, n)| n)
}

fn entry(plan: &Plan, f: &Finding) -> Entry {
    let files = &plan.files;
    let title = crate::rules::find(f.code).map_or_else(
        || Msg::new(f.rule, f.rule),
        |r| Msg::new(r.summary.0, r.summary.1),
    );
    Entry {
        code: f.code,
        rule: f.rule,
        title,
        severity: f.severity,
        message: f.message.clone(),
        label: f.label.clone(),
        help: f.help.clone(),
        project: project_of(plan, &f.location),
        place: place(files, &f.location),
        excerpt: excerpt_of(files, &f.location, CONTEXT_LINES),
        related: f
            .related
            .iter()
            .map(|r| RelatedEntry {
                message: r.message.clone(),
                place: place(files, &r.location),
                excerpt: excerpt_of(files, &r.location, 0),
            })
            .collect(),
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// For each differing cell of the grid, the finding at the drawn cell (or, when the drawn
/// matrix has no such cell, at the drawn row's measure id).
fn cell_findings(
    plan: &Plan,
    grid: &matrix::Grid,
    findings: &[Finding],
) -> Vec<Vec<Option<usize>>> {
    let Some(mx) = &plan.matrix else {
        return grid
            .rows
            .iter()
            .map(|_| vec![None; grid.columns.len()])
            .collect();
    };
    let at = |span: &Range<usize>| {
        findings.iter().position(|f| {
            matches!(&f.location, Location::Span { file, span: s } if *file == mx.file && overlaps(s, span))
        })
    };
    grid.rows
        .iter()
        .map(|row| {
            let key = normalize::key(&row.measure);
            let drawn = mx
                .row
                .iter()
                .find(|d| normalize::key(d.measure.get_ref()) == key);
            (0..grid.columns.len())
                .map(|c| {
                    if !row.differs(c) {
                        return None;
                    }
                    let d = drawn?;
                    d.cells
                        .get(c)
                        .and_then(|cell| at(&cell.span()))
                        .or_else(|| at(&d.measure.span()))
                })
                .collect()
        })
        .collect()
}

/// Everything the page shows.
pub fn review(c: Checked<'_>) -> Review {
    let plan = c.plan;
    let mut projects: Vec<ProjectName> = plan
        .projects
        .iter()
        .map(|p| ProjectName {
            number: *p.number.get_ref(),
            name: p.name.get_ref().clone(),
        })
        .collect();
    projects.sort_by_key(|p| p.number);
    projects.dedup_by_key(|p| p.number);
    let grid = matrix::build(plan);
    let placeholders = report::build(plan, &report::Filter::default())
        .map(|r| r.rows)
        .unwrap_or_default();
    let mut suppressed: Vec<SuppressedEntry> = c
        .suppressed
        .iter()
        .map(|s| SuppressedEntry {
            code: s.finding.code,
            message: s.finding.message.clone(),
            place: place(&plan.files, &s.finding.location),
            reason: s.reason.clone(),
        })
        .collect();
    suppressed.sort_by(|a, b| {
        (&a.place.file, a.place.line, a.place.column, a.code).cmp(&(
            &b.place.file,
            b.place.line,
            b.place.column,
            b.code,
        ))
    });
    Review {
        plan_name: plan
            .meta
            .as_ref()
            .map_or_else(|| plan.root.clone(), |m| m.name.get_ref().clone()),
        version: c.version.to_string(),
        checked_at: c.checked_at,
        failing: c.failing,
        projects,
        findings: c.findings.iter().map(|f| entry(plan, f)).collect(),
        suppressed,
        placeholders,
        cell_findings: cell_findings(plan, &grid, c.findings),
        grid,
        stats: crate::stats::stats(plan),
    }
}
