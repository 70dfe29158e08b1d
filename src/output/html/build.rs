//! Gathers what the review page shows from a check's results: positions, excerpts and
//! projects of the findings, the placeholder report, the matrix and the links between them.

use super::excerpt::{Excerpt, excerpt};
use super::{Entry, Place, ProjectName, RelatedEntry, Review, SuppressedEntry};
use crate::analysis::projects::Extents;
use crate::finding::{Finding, Location};
use crate::i18n::Msg;
use crate::outcome::suppression::Suppressed;
use crate::output::{matrix, placeholder_report as report};
use crate::plan::model::Plan;
use crate::plan::normalize;
use crate::plan::source::{FileId, SourceFile};
use std::ops::Range;

/// Lines of context shown around a finding's span (related places show none).
const CONTEXT_LINES: usize = 1;

/// What the check found, as the page needs it.
pub struct Checked<'a> {
    pub plan: &'a Plan,
    /// Reported findings, sorted ([`crate::outcome::sort`]).
    pub findings: &'a [Finding],
    pub suppressed: &'a [Suppressed],
    /// Whether `check` fails on these findings.
    pub failing: bool,
    pub checked_at: jiff::ZonedDateTime,
    pub version: &'a str,
}

fn place(files: &[SourceFile], loc: &Location) -> Place {
    let p = crate::plan::source::position(files, loc);
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

fn entry(plan: &Plan, projects: &Extents, f: &Finding) -> Entry {
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
        project: projects.project_of(&f.location),
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
    let at = |in_file: FileId, span: &Range<usize>| {
        findings.iter().position(|f| {
            matches!(&f.location, Location::Span { file, span: s } if *file == in_file && overlaps(s, span))
        })
    };
    // A cell the sparse form does not list: the matrix rule's finding about it, by subject.
    let about = |key: &str, c: usize| {
        let n = grid.columns.get(c)?.project?;
        let subject = format!("{key} × {n}");
        findings
            .iter()
            .position(|f| f.code == "PC111" && f.subject.as_deref() == Some(subject.as_str()))
    };
    let marks: std::collections::HashMap<(String, usize), &crate::plan::model::MatrixMark> = mx
        .mark
        .iter()
        .map(|m| ((normalize::key(m.measure.get_ref()), m.column), m))
        .collect();
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
                    let Some(d) = drawn else {
                        return marks
                            .get(&(key.clone(), c))
                            .and_then(|m| at(m.file, &m.symbol.span()))
                            .or_else(|| about(&key, c));
                    };
                    d.cells
                        .get(c)
                        .and_then(|cell| at(d.file, &cell.span()))
                        .or_else(|| at(d.file, &d.measure.span()))
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
    let placeholders = report::build(plan, &report::Filter::default()).rows;
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
        findings: {
            let extents = Extents::new(plan);
            c.findings
                .iter()
                .map(|f| entry(plan, &extents, f))
                .collect()
        },
        suppressed,
        placeholders,
        cell_findings: cell_findings(plan, &grid, c.findings),
        grid,
        stats: crate::output::stats::stats(plan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Fixture, matrix_cell_mismatch};

    fn checked(text: &str) -> (crate::Loaded, Vec<Finding>) {
        let l = crate::rules::load_from_memory("plan", &[("plan.toml", text)]).expect("loads");
        let f = crate::outcome::evaluate_loaded(&l, &Default::default()).findings;
        (l, f)
    }

    /// The review of a checked plan: nothing suppressed, passing, checked at the epoch.
    fn reviewed(l: &crate::Loaded, findings: &[Finding]) -> Review {
        review(Checked {
            plan: &l.plan,
            findings,
            suppressed: &[],
            failing: false,
            checked_at: jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(jiff::tz::TimeZone::UTC),
            version: "0",
        })
    }

    #[test]
    fn projects_and_matrix_links_in_a_one_file_plan() {
        // two projects in one file, the matrix between them, two cells that differ
        let (l, findings) = checked(&matrix_cell_mismatch::RULE.fail.unwrap().text());
        let r = reviewed(&l, &findings);
        let text = &l.plan.files[0].text;
        let line_of = |needle: &str| text[..text.find(needle).unwrap()].lines().count() + 1;
        let matrix = line_of("[matrix]");
        let second = line_of("number = 2");
        assert!(
            matrix < second,
            "the fixture has the matrix before project 2"
        );
        let pc111: Vec<&Entry> = r.findings.iter().filter(|e| e.code == "PC111").collect();
        assert!(pc111.len() >= 2);
        for e in &pc111 {
            assert!(e.place.line > matrix && e.place.line < second);
            assert_eq!(e.project, None, "the matrix is on no project's pages");
        }
        // a finding inside project 2's record belongs to it
        let extents = Extents::new(&l.plan);
        let at = text.rfind("地域の防犯活動").unwrap();
        assert_eq!(extents.project_of(&Finding::at(0, at..at + 3)), Some(2));
        let at = text.find("[matrix]").unwrap();
        assert_eq!(extents.project_of(&Finding::at(0, at..at + 3)), None);
        // each differing cell links to the PC111 finding at that drawn cell
        let mut linked = 0;
        for (ri, row) in r.grid.rows.iter().enumerate() {
            for c in 0..r.grid.columns.len() {
                let link = r.cell_findings[ri][c];
                assert_eq!(link.is_some(), row.differs(c), "{} col {c}", row.measure);
                if let Some(i) = link {
                    assert_eq!(r.findings[i].code, "PC111");
                    assert!(r.findings[i].message.en.starts_with(&row.measure));
                    linked += 1;
                }
            }
        }
        assert_eq!(linked, r.grid.differing());
        assert_eq!(linked, pc111.len());
    }

    #[test]
    fn no_matrix_no_links_and_a_plan_without_findings() {
        let (l, findings) = checked(&Fixture::BASE.text());
        assert!(findings.is_empty());
        let r = reviewed(&l, &findings);
        assert!(r.cell_findings.iter().flatten().all(Option::is_none));
        assert_eq!(r.grid.differing(), 0);
        let html = super::super::render(&r, crate::Lang::Ja);
        assert!(html.contains("指摘はありません。"));
        assert!(html.contains("エラーも警告もありません"));
    }

    #[test]
    fn a_cell_missing_from_the_sparse_matrix_links_to_its_own_finding() {
        // the fail fixture of PC111 with its two drawn rows rewritten as marks, leaving out
        // 1-1 × 子育て応援プロジェクト (drawn ○): the cells 1-1 × 子育て応援プロジェクト and
        // 2-1 × 安全プロジェクト are listed nowhere, each links to its own finding, by subject
        let text = matrix_cell_mismatch::RULE.fail.unwrap().text();
        let rows = concat!(
            "[[matrix.row]]\npolicy = \"子育て政策\"\nmeasure = \"1-1\"\nname = \"子育て環境の充実\"\ncells = [\"○\", \"○\"]\n\n",
            "[[matrix.row]]\npolicy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells = [\"◎\", \"\"]\n",
        );
        let marks = concat!(
            "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"安全プロジェクト\"\nsymbol = \"○\"\n\n",
            "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n",
        );
        assert!(text.contains(rows), "the fixture's rows changed");
        let (l, findings) = checked(&text.replace(rows, marks));
        let r = reviewed(&l, &findings);
        let messages: Vec<&str> = r
            .findings
            .iter()
            .filter(|e| e.code == "PC111")
            .map(|e| e.message.en.as_str())
            .collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        for (measure, column, message) in [
            ("1-1", 0, "1-1 × 子育て応援プロジェクト: drawn blank"),
            ("2-1", 1, "2-1 × 安全プロジェクト: drawn blank"),
        ] {
            let row = r
                .grid
                .rows
                .iter()
                .position(|row| row.measure == measure)
                .expect("a row for the measure");
            let link = r.cell_findings[row][column].expect("the blank cell links to a finding");
            assert!(
                r.findings[link].message.en.starts_with(message),
                "{measure} × {column}: {}",
                r.findings[link].message.en
            );
        }
    }

    #[test]
    fn findings_and_related_places_show_their_lines() {
        let (l, findings) = checked(&matrix_cell_mismatch::RULE.fail.unwrap().text());
        let r = reviewed(&l, &findings);
        let e = r
            .findings
            .iter()
            .find(|e| e.message.en.starts_with("1-1 × 子育て応援プロジェクト"))
            .expect("the finding at 1-1 × 1");
        let lines = &e.excerpt.as_ref().expect("an excerpt").lines;
        // the cell's line with the cell marked, and one line of context before it
        let marked: Vec<(Option<usize>, &str)> = lines
            .iter()
            .map(|l| (l.number, l.marked.as_str()))
            .collect();
        assert_eq!(marked.len(), 2, "{marked:?}");
        assert_eq!(marked[0].1, "");
        assert_eq!(marked[1].1, "\"○\"");
        assert_eq!(lines[1].before, "cells = [");
    }

    #[test]
    fn overlapping_spans() {
        // ranges that share a byte, or an empty range at a byte of the other, overlap
        assert!(overlaps(&(5..6), &(5..5)));
        assert!(overlaps(&(5..5), &(5..6)));
        assert!(overlaps(&(3..6), &(5..9)));
        // touching ranges do not
        assert!(!overlaps(&(5..7), &(3..5)));
        assert!(!overlaps(&(5..7), &(7..9)));
    }
}
