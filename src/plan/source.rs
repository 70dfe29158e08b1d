//! Source files as loaded: text, display path and offset → line/column mapping.

use crate::finding::Location;
use std::ops::Range;

/// Index of a file in [`crate::plan::model::Plan::files`].
pub type FileId = usize;

/// One file of the plan folder, decoded as UTF-8 (BOM removed).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to users: the plan folder as given, joined with the relative path, `/` separated.
    pub path: String,
    /// Path relative to the plan folder, `/` separated.
    pub rel: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// 1-based line and column; columns count Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: String, rel: String, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path,
            rel,
            text,
            line_starts,
        }
    }

    /// Line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of the start of a 0-based line (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Start and end (exclusive end column) of a span.
    pub fn range(&self, span: &Range<usize>) -> (LineCol, LineCol) {
        (self.line_col(span.start), self.line_col(span.end))
    }

    /// Narrows the span of a quoted string holding `text` to `inner` (a byte range of `text`),
    /// when the source holds the text verbatim between quotes (no escapes); otherwise the
    /// whole span.
    pub fn narrow(&self, span: &Range<usize>, text: &str, inner: Range<usize>) -> Range<usize> {
        let source = self.slice(span);
        let verbatim =
            source.len() == text.len() + 2 && source.get(1..source.len() - 1) == Some(text);
        if verbatim && inner.end <= text.len() {
            span.start + 1 + inner.start..span.start + 1 + inner.end
        } else {
            span.clone()
        }
    }

    /// The text of a span, or "" when out of range.
    pub fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }

    fn floor_char_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// Resolved position of a location, for sorting and machine formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// The position of a location in `files` (line and column 0 for a path-only location).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_points_inside_verbatim_strings_only() {
        let f = SourceFile::new(
            "p".into(),
            "p".into(),
            "a = \"都市計画道路※の供用率\"\nb = \"x\\ty※\"\n".into(),
        );
        let span = 4..f.text.find('\n').unwrap();
        let text = "都市計画道路※の供用率";
        let at = text.find('※').unwrap();
        let n = f.narrow(&span, text, at..at + '※'.len_utf8());
        assert_eq!(f.slice(&n), "※");
        assert_eq!(f.line_col(n.start).column, 12);
        // an escaped string keeps the whole span
        let line2 = f.text.find("b = ").unwrap() + 4;
        let span2 = line2..f.text.len() - 1;
        assert_eq!(f.narrow(&span2, "x\ty※", 3..6), span2);
    }

    #[test]
    fn an_offset_inside_a_character_is_placed_at_the_character() {
        // 計 is bytes 4..7 of line 1; each of its bytes is column 5
        let f = SourceFile::new("p".into(), "p".into(), "a = 計画\nb\n".into());
        for offset in 4..7 {
            assert_eq!(
                f.line_col(offset),
                LineCol { line: 1, column: 5 },
                "{offset}"
            );
        }
        assert_eq!(f.line_col(7), LineCol { line: 1, column: 6 });
    }

    #[test]
    fn narrow_keeps_the_whole_span_of_a_string_holding_another_text() {
        // the span holds "計画" between quotes, not the text given: nothing to point into
        let f = SourceFile::new("p".into(), "p".into(), "a = \"計画\"\n".into());
        let span = 4..12;
        assert_eq!(f.narrow(&span, "都市", 0..3), span);
        assert_eq!(f.narrow(&span, "計画", 3..6), 8..11);
    }
}
