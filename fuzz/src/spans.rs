//! The span contract: every location a finding points at (its place, its related places, the
//! edits of its fix) lies inside a loaded file and on character boundaries of its text.

use plancheck::Finding;
use plancheck::Location;
use plancheck::plan::source::SourceFile;
use std::ops::Range;

/// Panics with the finding when one of its spans breaks the contract.
pub fn check(files: &[SourceFile], findings: &[Finding]) {
    for f in findings {
        let mut spans: Vec<(usize, &Range<usize>)> = Vec::new();
        if let Location::Span { file, span } = &f.location {
            spans.push((*file, span));
        }
        for r in &f.related {
            if let Location::Span { file, span } = &r.location {
                spans.push((*file, span));
            }
        }
        if let Some(fix) = &f.fix {
            for e in &fix.edits {
                spans.push((e.file, &e.span));
            }
        }
        for (file, span) in spans {
            let Some(source) = files.get(file) else {
                panic!("{} points at file {file} of {}: {f:?}", f.code, files.len());
            };
            let text = &source.text;
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{} has span {span:?} not on character boundaries of {} ({} bytes): {f:?}",
                f.code,
                source.rel,
                text.len()
            );
        }
    }
}
