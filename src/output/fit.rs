//! Plain-text tables that fit a width: columns are narrowed and their cells wrapped (by display
//! width, CJK characters taking two columns) so that no line is wider than asked.

use super::visible;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a column may be narrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Text that wraps freely (names, sections, printed text).
    Wrap,
    /// Kept whole while anything else can give way (kinds, locations).
    Keep,
    /// A number, right-aligned, kept whole while anything else can give way.
    Number,
}

/// Narrowest width a column is given before lines are cut (a CJK character needs two).
const MIN: usize = 2;
/// Columns that wrap are narrowed to this before the kept ones give way.
const COMFORT: usize = 12;
const GAP: &str = "  ";

/// Renders `rows` (first row = header) so that no line is wider than `width` display columns.
/// Cells wrap onto continuation lines; a line that still does not fit (a width too small for
/// the columns) is cut with an ellipsis.
pub fn render(rows: &[Vec<String>], cols: &[Col], width: usize) -> String {
    // Plan text as a terminal should show it (control characters as pictures, a line break
    // in a cell as a space); nearly always nothing to change.
    if rows
        .iter()
        .flatten()
        .any(|c| c.as_str() != visible::cell(c))
    {
        let shown: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| visible::cell(c).into_owned()).collect())
            .collect();
        return render(&shown, cols, width);
    }
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    if n == 0 {
        return String::new();
    }
    let kind = |c: usize| cols.get(c).copied().unwrap_or(Col::Wrap);
    let natural = |c: usize, skip_header: bool| {
        rows.iter()
            .skip(usize::from(skip_header))
            .filter_map(|r| r.get(c))
            .map(|s| UnicodeWidthStr::width(s.as_str()))
            .max()
            .unwrap_or(0)
    };
    let mut w: Vec<usize> = (0..n).map(|c| natural(c, false).max(1)).collect();
    let budget = width.saturating_sub(GAP.len() * (n - 1));
    // 1. Headers wider than their column's data wrap first; 2. then wrapping columns, down to
    // a comfortable width; 3. then every column. Each step narrows the column that costs the
    // fewest extra lines.
    let floor1: Vec<usize> = (0..n)
        .map(|c| {
            let header = rows[0].get(c).map_or(0, |h| header_floor(h));
            natural(c, true).max(header).max(MIN).min(w[c])
        })
        .collect();
    narrow(rows, &mut w, &floor1, budget);
    let floor2: Vec<usize> = (0..n)
        .map(|c| match kind(c) {
            Col::Wrap => COMFORT.min(w[c]),
            Col::Keep | Col::Number => w[c],
        })
        .collect();
    narrow(rows, &mut w, &floor2, budget);
    narrow(rows, &mut w, &vec![MIN; n], budget);
    let total = |w: &[usize]| w.iter().sum::<usize>();

    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<Vec<String>> = (0..n).map(|c| balanced(cell(row, c), w[c])).collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            let mut line = String::new();
            for c in 0..n {
                let cell = cells[c].get(l).map_or("", String::as_str);
                let pad = w[c].saturating_sub(UnicodeWidthStr::width(cell));
                if c > 0 {
                    line.push_str(GAP);
                }
                if kind(c) == Col::Number {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                }
            }
            out.push_str(&cut(line.trim_end(), width));
            out.push('\n');
        }
        if i == 0 {
            let rule = (total(&w) + GAP.len() * (n - 1)).min(width);
            out.push_str(&"-".repeat(rule));
            out.push('\n');
        }
    }
    out
}

/// Narrows columns above their floor, one column by one display column at a time, until the
/// total fits `budget`: each time the column whose narrowing adds the fewest lines to the table
/// (the widest among equals).
fn narrow(rows: &[Vec<String>], w: &mut [usize], floor: &[usize], budget: usize) {
    // lines[r][c]: lines the cell takes at the current width
    let mut lines: Vec<Vec<usize>> = rows
        .iter()
        .map(|r| (0..w.len()).map(|c| wrap(cell(r, c), w[c]).len()).collect())
        .collect();
    while w.iter().sum::<usize>() > budget {
        let mut best: Option<(usize, usize, Vec<usize>)> = None;
        for c in (0..w.len()).filter(|&c| w[c] > floor[c]) {
            let narrower: Vec<usize> = rows
                .iter()
                .map(|r| wrap(cell(r, c), w[c] - 1).len())
                .collect();
            let added: usize = lines
                .iter()
                .zip(&narrower)
                .map(|(l, &n)| {
                    let before = l.iter().copied().max().unwrap_or(1);
                    let after = l
                        .iter()
                        .enumerate()
                        .map(|(k, &x)| if k == c { n } else { x })
                        .max()
                        .unwrap_or(1);
                    after - before
                })
                .sum();
            let better = match &best {
                None => true,
                Some((b, b_added, _)) => added < *b_added || (added == *b_added && w[c] > w[*b]),
            };
            if better {
                best = Some((c, added, narrower));
            }
        }
        let Some((c, _, narrower)) = best else { return };
        w[c] -= 1;
        for (l, n) in lines.iter_mut().zip(narrower) {
            l[c] = n;
        }
    }
}

/// The width a header wider than its column's data is wrapped to first: its longest word, a
/// Latin word whole, a CJK one over two lines.
fn header_floor(h: &str) -> usize {
    h.split(' ')
        .map(|word| {
            let w = UnicodeWidthStr::width(word);
            if word.is_ascii() {
                w
            } else {
                w.div_ceil(2).next_multiple_of(2)
            }
        })
        .max()
        .unwrap_or(0)
}

fn cell(row: &[String], c: usize) -> &str {
    row.get(c).map_or("", String::as_str)
}

/// [`wrap`] at the narrowest width that needs no more lines, so that the lines of a cell are
/// of similar length (no single character left alone on the last line).
fn balanced(s: &str, width: usize) -> Vec<String> {
    let lines = wrap(s, width);
    if lines.len() < 2 {
        return lines;
    }
    let k = lines.len();
    let cuts = word_cuts(s, &lines);
    let from = UnicodeWidthStr::width(s).div_ceil(k).max(1);
    (from..width)
        .map(|w| wrap(s, w))
        .find(|l| l.len() == k && word_cuts(s, l) <= cuts)
        .unwrap_or(lines)
}

/// How many line ends of `lines` (a wrapping of `s`) cut a Latin word of `s`.
fn word_cuts(s: &str, lines: &[String]) -> usize {
    let mut rest = s;
    let mut cuts = 0;
    for line in lines {
        rest = rest.trim_start_matches(' ');
        let Some(after) = rest.strip_prefix(line.as_str()) else {
            return usize::MAX; // not a plain wrapping (a cell narrower than a character)
        };
        let (end, next) = (line.chars().next_back(), after.chars().next());
        if end.is_some_and(|c| c.is_ascii_graphic()) && next.is_some_and(|c| c.is_ascii_graphic()) {
            cuts += 1;
        }
        rest = after;
    }
    cuts
}

/// Characters that must not start a line (Japanese line-breaking rules, 行頭禁則).
fn no_line_start(c: char) -> bool {
    "、。，．・：；？！ー）］｝」』】〉》〕ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥,.:;!?)]}"
        .contains(c)
}

/// Splits `s` into lines of at most `width` display columns. Latin words move whole to the
/// next line when they fit on one; punctuation does not start a line when it can be avoided.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width && !line.is_empty() {
            let mut carry = String::new();
            let latin = |x: char| x.is_ascii_graphic();
            if latin(c) && line.ends_with(latin) {
                // Move a Latin word that began on this line down whole, if it is not the
                // whole line.
                if let Some(sp) = line.rfind(' ')
                    && sp > 0
                    && line[sp + 1..].chars().all(latin)
                {
                    carry = line.split_off(sp + 1);
                }
            } else if no_line_start(c) && line.chars().count() > 1 {
                let last = line.pop().expect("line is not empty");
                carry.push(last);
            }
            lines.push(line.trim_end().to_string());
            line = carry;
            used = UnicodeWidthStr::width(line.as_str());
            if c == ' ' {
                continue;
            }
        }
        if cw > width {
            // A character wider than the column (a CJK character in a 1-column cell).
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push("…".to_string());
            used = 0;
            continue;
        }
        line.push(c);
        used += cw;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The longest prefix of `s` that leaves `reserve` of `width` display columns free.
pub fn prefix_within(s: &str, width: usize, reserve: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + reserve > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out
}

/// `s` cut to at most `width` display columns, ending with `…` when something was cut.
pub fn cut(s: &str, width: usize) -> String {
    let s = &*visible::text(s);
    if UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    // Room for the ellipsis even where the terminal draws it two columns wide.
    let mut out = prefix_within(s, width, 2);
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(t: &str) -> Vec<usize> {
        t.lines().map(UnicodeWidthStr::width).collect()
    }

    #[test]
    fn wraps_japanese_by_display_width_without_starting_a_line_with_punctuation() {
        assert_eq!(wrap("調整中です。", 10), ["調整中で", "す。"]);
        assert_eq!(wrap("あいうえお", 4), ["あい", "うえ", "お"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(
            wrap("page reference missing", 10),
            ["page", "reference", "missing"]
        );
        assert_eq!(wrap("(no baseline)", 12), ["(no", "baseline)"]);
        assert_eq!(wrap("plan/p1.toml:3:4", 8), ["plan/p1.", "toml:3:4"]);
    }

    #[test]
    fn a_table_narrower_than_its_content_wraps_and_fits() {
        let rows = vec![
            vec!["種類".to_string(), "記載".to_string(), "場所".to_string()],
            vec![
                "調整中".to_string(),
                "※紐づく施策の展開方針の調整に合わせて、今後整理します。".to_string(),
                "plan/projects/p1.toml:80:11".to_string(),
            ],
        ];
        for width in [100, 60, 40, 20, 8, 1] {
            let t = render(&rows, &[Col::Keep, Col::Wrap, Col::Keep], width);
            assert!(widths(&t).iter().all(|w| *w <= width), "{width}:\n{t}");
        }
        let t = render(&rows, &[Col::Keep, Col::Wrap, Col::Keep], 60);
        // the location is kept whole while the text wraps
        assert!(t.contains("plan/projects/p1.toml:80:11"), "{t}");
        assert!(t.lines().count() > 3, "{t}");
        let wide = render(&rows, &[Col::Keep, Col::Wrap, Col::Keep], 200);
        assert_eq!(wide.lines().count(), 3, "{wide}");
    }

    #[test]
    fn wrapped_lines_are_balanced() {
        assert_eq!(
            balanced("都市環境・交通網・インフラの整備", 30),
            ["都市環境・交通網・", "インフラの整備"]
        );
        assert_eq!(balanced("短い", 30), ["短い"]);
        assert_eq!(balanced("graph/photo box", 13), ["graph/photo", "box"]);
    }

    #[test]
    fn cut_marks_the_cut() {
        assert_eq!(cut("少子高齢化対策", 8), "少子高…");
        assert_eq!(cut("abc", 3), "abc");
        // no column at all: not even the ellipsis
        assert_eq!(cut("少子", 0), "");
    }

    /// Line-start rules that must not leave a line empty or lose a character.
    #[test]
    fn wrapping_never_leaves_an_empty_line() {
        // `)` after Japanese does not start a line: the character before it goes down too
        assert_eq!(wrap("整備(仮称)", 9), ["整備(仮", "称)"]);
        // ... unless it is alone on its line
        assert_eq!(wrap("あ。", 2), ["あ", "。"]);
        // a Latin word after a leading space fills its line: it stays
        assert_eq!(wrap(" abcdef", 4), [" abc", "def"]);
        // a character wider than the column, between narrow ones
        assert_eq!(wrap("aあb", 1), ["a", "…", "b"]);
    }

    /// A header wider than its column's data wraps at its words, a Latin word whole and a
    /// Japanese one over two lines, while the text of another column can wrap.
    #[test]
    fn headers_keep_their_words_while_text_can_wrap() {
        let text = "The plan cites a direction that the policy does not list";
        for (header, first) in [("Location", "Location  "), ("変更前の場所", "変更前  ")] {
            let rows = vec![
                vec![header.to_string(), "Message".to_string()],
                vec!["ab".to_string(), text.to_string()],
            ];
            let t = render(&rows, &[Col::Keep, Col::Wrap], 30);
            assert!(t.starts_with(first), "{header}:\n{t}");
            assert!(widths(&t).iter().all(|w| *w <= 30), "{t}");
        }
    }

    /// Of two columns that cost the same extra lines, the left one gives way first (and the
    /// next step, the right one): the same table always comes out the same.
    #[test]
    fn equal_columns_give_way_left_first() {
        let rows = vec![
            vec!["A".to_string(), "B".to_string()],
            vec!["abcdefghij".to_string(), "klmnopqrst".to_string()],
        ];
        assert_eq!(
            render(&rows, &[Col::Wrap, Col::Wrap], 21),
            "A          B\n\
             ---------------------\n\
             abcde      klmnopqrst\n\
             fghij\n"
        );
    }
}
