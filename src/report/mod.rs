//! Renderers: one per output format. Each takes findings plus the files they point into and
//! returns the text to print.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod table;

use crate::finding::{Finding, Location, Severity};
use crate::source::SourceFile;

/// Resolved position of a location, for sorting and machine formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn position(files: &[SourceFile], loc: &Location) -> Position {
    match loc {
        Location::Span { file, span } => {
            let f = &files[*file];
            let (s, e) = f.range(span);
            Position {
                file: f.path.clone(),
                line: s.line,
                column: s.column,
                end_line: e.line,
                end_column: e.column,
            }
        }
        Location::Path(p) => Position {
            file: p.clone(),
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
        },
    }
}

/// Sorts findings by file, line, column, code (then message, for total determinism).
pub fn sort(files: &[SourceFile], findings: &mut [Finding]) {
    findings.sort_by_cached_key(|f| {
        let p = position(files, &f.location);
        (p.file, p.line, p.column, f.code, f.message.en.clone())
    });
}

/// Counts per severity: (error, warning, info).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}
