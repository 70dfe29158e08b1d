//! Tables: plain text aligned by display width (CJK characters take two columns), CSV and
//! Markdown.

use super::visible;
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// How wide ambiguous-width characters (○, ◎, …) are drawn by the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    /// One column (most Western terminals).
    #[default]
    Narrow,
    /// Two columns (East Asian terminals, e.g. ambiguous-width set to "wide").
    Wide,
}

pub fn width(s: &str, ambiguous: Ambiguous) -> usize {
    match ambiguous {
        Ambiguous::Narrow => UnicodeWidthStr::width(s),
        Ambiguous::Wide => UnicodeWidthStr::width_cjk(s),
    }
}

/// Renders rows (first row = header) with columns padded to equal display width.
/// `right` marks columns aligned to the right (numbers).
pub fn render(rows: &[Vec<String>], right: &[bool], ambiguous: Ambiguous) -> String {
    // Plan text as a terminal should show it: control characters as their pictures, and a
    // line break inside a cell as a space, so that every row stays one line.
    let rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|r| r.iter().map(|c| visible::cell(c)).collect())
        .collect();
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s, ambiguous))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c] - width(cell, ambiguous);
            if c > 0 {
                line.push_str("  ");
            }
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
            out.push_str(&"─".repeat(total));
            out.push('\n');
        }
    }
    out
}

/// Quotes a CSV field when needed (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV document: UTF-8 with a BOM (so Excel on Japanese Windows reads it), CRLF line ends.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{FEFF}");
    for r in rows {
        let line: Vec<String> = r.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Escapes a Markdown table cell.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown table (first row = header).
pub fn markdown_table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", "---|".repeat(r.len())));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        for (field, written) in [
            ("調整中", "調整中"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ] {
            assert_eq!(csv_field(field), written, "{field}");
        }
        assert!(csv(&[vec!["x".into()]]).starts_with('\u{FEFF}'));
    }

    #[test]
    fn control_characters_and_line_breaks_in_a_cell_stay_on_one_visible_line() {
        let rows: Vec<Vec<String>> = [
            ["項目", "記載"],
            ["a\u{1b}[2J", "一行目\n二行目"],
            ["タブ", "x\ty"],
        ]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
        let t = render(&rows, &[false, false], Ambiguous::Narrow);
        assert!(!t.contains(['\u{1b}', '\t']), "{t}");
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 4, "{t}");
        assert_eq!(lines[2], "a␛[2J  一行目 二行目");
        assert_eq!(lines[3], "タブ   x␉y");
    }

    #[test]
    fn japanese_columns_align_by_display_width() {
        let rows = vec![
            vec!["項目".to_string(), "数".to_string()],
            vec!["施策".to_string(), "36".to_string()],
            vec!["policy directions".to_string(), "64".to_string()],
        ];
        let t = render(&rows, &[false, true], Ambiguous::Narrow);
        let lines: Vec<&str> = t.lines().collect();
        // every data line ends at the same display column
        let w: Vec<usize> = [0, 2, 3]
            .iter()
            .map(|&i| UnicodeWidthStr::width(lines[i]))
            .collect();
        assert_eq!(w[1], w[2], "{t}");
        assert!(lines[2].starts_with("施策 "), "{t}");
    }

    #[test]
    fn ambiguous_width_marks_count_one_or_two_columns() {
        assert_eq!(width("○◎", Ambiguous::Narrow), 2);
        assert_eq!(width("○◎", Ambiguous::Wide), 4);
    }
}
