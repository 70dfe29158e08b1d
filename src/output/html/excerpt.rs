//! TOML excerpts for the review page: the lines a span touches, with the span marked and long
//! lines cut to a window around it (plan lines of running text are often hundreds of
//! characters long).

use crate::plan::source::SourceFile;
use std::ops::Range;

/// Lines up to this many characters are shown whole.
const WHOLE_LINE: usize = 100;
/// Characters kept before the marked text on a long line.
const BEFORE: usize = 30;
/// Characters kept after the marked text on a long line.
const AFTER: usize = 40;
/// Marked text longer than this is cut too.
const MARKED: usize = 160;
/// A span over more lines than this shows its first lines and its last one.
const MAX_LINES: usize = 4;

/// One line of an excerpt, split around the marked part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number; `None` for the gap of a long span.
    pub number: Option<usize>,
    /// The line was cut on the left.
    pub cut_before: bool,
    pub before: String,
    pub marked: String,
    pub after: String,
    /// The line was cut on the right.
    pub cut_after: bool,
}

/// Lines of a file around a span.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excerpt {
    pub lines: Vec<Line>,
}

/// Characters `from..to` of `line` (character indices, clamped).
fn chars(line: &str, from: usize, to: usize) -> String {
    line.chars()
        .skip(from)
        .take(to.saturating_sub(from))
        .collect()
}

/// One line, with characters `a..b` marked, windowed when long.
fn line(number: usize, text: &str, a: usize, b: usize) -> Line {
    let len = text.chars().count();
    let (a, b) = (a.min(len), b.min(len).max(a.min(len)));
    if len <= WHOLE_LINE {
        return Line {
            number: Some(number),
            cut_before: false,
            before: chars(text, 0, a),
            marked: chars(text, a, b),
            after: chars(text, b, len),
            cut_after: false,
        };
    }
    let b_shown = b.min(a + MARKED);
    let from = a.saturating_sub(BEFORE);
    let to = if b_shown < b {
        b_shown
    } else {
        (b + AFTER).min(len)
    };
    Line {
        number: Some(number),
        cut_before: from > 0,
        before: chars(text, from, a),
        marked: chars(text, a, b_shown),
        after: chars(text, b_shown, to),
        cut_after: to < len,
    }
}

/// A context line (nothing marked), cut to its start when long.
fn context(number: usize, text: &str) -> Line {
    let len = text.chars().count();
    let to = if len <= WHOLE_LINE {
        len
    } else {
        BEFORE + AFTER
    };
    Line {
        number: Some(number),
        cut_before: false,
        before: chars(text, 0, to),
        marked: String::new(),
        after: String::new(),
        cut_after: to < len,
    }
}

fn text_lines(file: &SourceFile) -> Vec<&str> {
    file.text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// The lines `span` touches, marked, with `context_lines` unmarked lines before and after.
pub fn excerpt(file: &SourceFile, span: &Range<usize>, context_lines: usize) -> Excerpt {
    let lines = text_lines(file);
    let (start, mut end) = file.range(span);
    // A span ending at the start of a line does not touch that line.
    if end.line > start.line && end.column == 1 {
        end = crate::plan::source::LineCol {
            line: end.line - 1,
            column: lines.get(end.line - 2).map_or(1, |l| l.chars().count() + 1),
        };
    }
    let get = |n: usize| lines.get(n - 1).copied().unwrap_or("");
    let mut out = Vec::new();
    // context lines: only those with something on them
    for n in start.line.saturating_sub(context_lines).max(1)..start.line {
        if !get(n).trim().is_empty() {
            out.push(context(n, get(n)));
        }
    }
    let touched: Vec<usize> = (start.line..=end.line).collect();
    let shown: Vec<Option<usize>> = if touched.len() > MAX_LINES {
        let mut v: Vec<Option<usize>> = touched[..MAX_LINES - 1].iter().map(|&n| Some(n)).collect();
        v.push(None);
        v.push(touched.last().copied());
        v
    } else {
        touched.iter().map(|&n| Some(n)).collect()
    };
    for n in shown {
        let Some(n) = n else {
            out.push(Line {
                number: None,
                cut_before: false,
                before: String::new(),
                marked: String::new(),
                after: String::new(),
                cut_after: false,
            });
            continue;
        };
        let text = get(n);
        let a = if n == start.line { start.column - 1 } else { 0 };
        let b = if n == end.line {
            end.column - 1
        } else {
            text.chars().count()
        };
        out.push(line(n, text, a, b));
    }
    for n in end.line + 1..=(end.line + context_lines).min(lines.len()) {
        if !get(n).trim().is_empty() {
            out.push(context(n, get(n)));
        }
    }
    Excerpt { lines: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("plan/x.toml".into(), "x.toml".into(), text.into())
    }

    #[test]
    fn short_lines_are_whole_with_context() {
        let f = file("[a]\nname = \"調整中\"\nx = 1\n");
        let at = f.text.find("調整中").unwrap();
        let e = excerpt(&f, &(at..at + "調整中".len()), 1);
        assert_eq!(e.lines.len(), 3);
        assert_eq!(e.lines[0].before, "[a]");
        let l = &e.lines[1];
        assert_eq!(l.number, Some(2));
        assert_eq!(
            (l.before.as_str(), l.marked.as_str(), l.after.as_str()),
            ("name = \"", "調整中", "\"")
        );
        assert!(!l.cut_before && !l.cut_after);
        assert_eq!(e.lines[2].before, "x = 1");
        // blank neighbours are not shown
        let f = file("\nname = \"調整中\"\n\n");
        let at = f.text.find("調整中").unwrap();
        let e = excerpt(&f, &(at..at + "調整中".len()), 1);
        assert_eq!(e.lines.len(), 1);
        assert_eq!(e.lines[0].number, Some(2));
    }

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        let long = format!("aim = \"{}目標値{}\"", "あ".repeat(300), "い".repeat(300));
        let f = file(&long);
        let at = f.text.find("目標値").unwrap();
        let e = excerpt(&f, &(at..at + "目標値".len()), 1);
        assert_eq!(e.lines.len(), 1);
        let l = &e.lines[0];
        assert!(l.cut_before && l.cut_after);
        assert_eq!(l.marked, "目標値");
        assert_eq!(l.before, "あ".repeat(BEFORE));
        assert_eq!(l.after, "い".repeat(AFTER));
    }

    #[test]
    fn a_span_over_many_lines_shows_a_gap() {
        let text: String = (1..=10).map(|i| format!("line{i}\n")).collect();
        let f = file(&text);
        let a = f.text.find("line2").unwrap();
        let b = f.text.find("line9").unwrap() + 5;
        let e = excerpt(&f, &(a..b), 0);
        let numbers: Vec<Option<usize>> = e.lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![Some(2), Some(3), Some(4), None, Some(9)]);
        assert_eq!(e.lines[0].marked, "line2");
        assert_eq!(e.lines[4].marked, "line9");
    }

    /// The parts of each line: (number, cut before, before, marked, after, cut after).
    fn parts(e: &Excerpt) -> Vec<(Option<usize>, bool, String, String, String, bool)> {
        e.lines
            .iter()
            .map(|l| {
                (
                    l.number,
                    l.cut_before,
                    l.before.clone(),
                    l.marked.clone(),
                    l.after.clone(),
                    l.cut_after,
                )
            })
            .collect()
    }

    #[test]
    fn long_marked_text_is_cut_and_window_edges_are_exact() {
        // 10 characters, 200 marked, 100 after: the mark starts within the first 30
        // characters (nothing cut on the left) and is cut after 160 characters
        let text = format!("{}{}{}\n", "x".repeat(10), "M".repeat(200), "y".repeat(100));
        let f = file(&text);
        let e = excerpt(&f, &(10..210), 0);
        assert_eq!(
            parts(&e),
            vec![(
                Some(1),
                false,
                "x".repeat(10),
                "M".repeat(160),
                String::new(),
                true
            )]
        );
        // a mark one character before the end of a long line: its window reaches the end,
        // so nothing is cut on the right
        let text = format!("{}M{}\n", "a".repeat(150), "b".repeat(20));
        let f = file(&text);
        let e = excerpt(&f, &(150..151), 0);
        assert_eq!(
            parts(&e),
            vec![(
                Some(1),
                true,
                "a".repeat(30),
                "M".into(),
                "b".repeat(20),
                false
            )]
        );
    }

    #[test]
    fn context_lines_are_cut_only_when_long() {
        // a 200-character line before, an 80-character line after
        let text = format!("{}\nk = \"M\"\n{}\n", "c".repeat(200), "d".repeat(80));
        let f = file(&text);
        let at = f.text.find('M').unwrap();
        let e = excerpt(&f, &(at..at + 1), 1);
        assert_eq!(
            parts(&e),
            vec![
                (
                    Some(1),
                    false,
                    "c".repeat(70),
                    String::new(),
                    String::new(),
                    true
                ),
                (
                    Some(2),
                    false,
                    "k = \"".into(),
                    "M".into(),
                    "\"".into(),
                    false
                ),
                (
                    Some(3),
                    false,
                    "d".repeat(80),
                    String::new(),
                    String::new(),
                    false
                ),
            ]
        );
    }

    #[test]
    fn a_span_ending_at_a_line_start_shows_only_the_lines_it_covers() {
        // the span covers line 4 whole, its newline included: it ends at the start of line 5
        let f = file("l1\nl2\nl3\nfour four\nl5\nl6\n");
        let a = f.text.find("four").unwrap();
        let b = f.text.find("l5").unwrap();
        let e = excerpt(&f, &(a..b), 0);
        assert_eq!(
            parts(&e),
            vec![(
                Some(4),
                false,
                String::new(),
                "four four".into(),
                String::new(),
                false
            )]
        );
    }

    #[test]
    fn a_span_over_four_lines_shows_them_all() {
        let text: String = (1..=8).map(|i| format!("line{i}\n")).collect();
        let f = file(&text);
        let a = f.text.find("line2").unwrap();
        let b = f.text.find("line5").unwrap() + 5;
        let e = excerpt(&f, &(a..b), 0);
        let numbers: Vec<Option<usize>> = e.lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![Some(2), Some(3), Some(4), Some(5)]);
    }
}
