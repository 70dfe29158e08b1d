//! One finding drawn for people: miette's graphical diagnostic over a *window* of the source.
//!
//! miette draws whole source lines, so a long line (a paragraph of prose on one line) would be
//! hundreds of columns wide. Like rustc and ruff, we cut each shown line around the places the
//! labels point at and mark every cut with `…`; the labels point into that cut text. The
//! window is built from the file's line index, so drawing a finding never scans its file.
//! Related places far from the finding are drawn after it, indented, under a `related:` lead.

use super::visible;
use crate::finding::{Finding, Location};
use crate::i18n::Lang;
use crate::msg;
use crate::plan::source::SourceFile;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Related places at most this many lines from the primary span share its snippet.
const NEAR_LINES: usize = 6;

/// How far related places are indented under their finding.
const RELATED_INDENT: &str = "    ";

/// The most related places listed under a finding; a longer list shows one less and a count.
const MAX_FAR: usize = 2;

/// Marks a cut in a windowed line.
const CUT: char = '…';

/// Display columns of a character as drawn: a control character is drawn as its picture
/// ([`visible`]), one column.
fn char_width(c: char) -> usize {
    if visible::is_hidden(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

fn width_of(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` cut to at most `max` columns, the cut marked with `…`.
pub fn truncate(s: &str, max: usize) -> String {
    if width_of(s) <= max {
        return s.to_string();
    }
    let mut out = super::fit::prefix_within(s, max, 1);
    out.push(CUT);
    out
}

/// Wraps `text` to `width` columns (CJK characters count two), each line after `indent`.
/// A line break in `text` starts a line indented with `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    if fits_one_line(text, first, width.max(first.len() + 8)) {
        // What textwrap makes of a line that fits, without its search for break points
        // (every CJK character is one), which is most of the human output's cost.
        return format!("{first}{}", text.trim_end_matches(' '));
    }
    // Line by line: textwrap indents a line after a break in the text with `rest` but counts
    // it as if it had the first line's indent, so a shorter `first` let it overflow.
    let mut out = String::with_capacity(text.len() + first.len());
    for (i, line) in text.split('\n').enumerate() {
        let lead = if i == 0 { first } else { rest };
        if i > 0 {
            out.push('\n');
        }
        let opts = textwrap::Options::new(width.max(lead.len() + 8))
            .initial_indent(lead)
            .subsequent_indent(rest)
            .break_words(true);
        out.push_str(&textwrap::fill(line, opts));
    }
    out
}

/// Whether textwrap would leave `text` on one line after `indent` in `width` columns: one
/// line of text whose display width (as textwrap measures it) fits beside the indent. Such a
/// line is never broken: one line is always the cheapest fit.
fn fits_one_line(text: &str, indent: &str, width: usize) -> bool {
    use textwrap::core::display_width;
    !text.contains('\n')
        && display_width(indent) + display_width(text.trim_end_matches(' ')) <= width
}

/// One shown line of a window: where its text starts in the window, and which bytes of the
/// original line it shows.
#[derive(Debug)]
struct WindowLine {
    /// Offset in the window text of the first shown source byte (after a leading `…`).
    text_start: usize,
    /// Shown bytes of the source file.
    shown: Range<usize>,
    /// The shown control characters, each drawn as its picture (a tab is drawn as a space,
    /// byte for byte): the source offset, and how many bytes longer the picture is.
    pictured: Vec<(usize, usize)>,
}

/// The lines of a source file around some spans, each cut to a width, as one small text.
#[derive(Debug)]
struct Window<'a> {
    file: &'a SourceFile,
    text: String,
    /// 0-based line number of the window's first line in the file.
    first_line: usize,
    lines: Vec<WindowLine>,
}

impl<'a> Window<'a> {
    /// The lines holding `points` (byte offsets), each cut to
    /// `budget` columns around the points on it.
    fn new(file: &'a SourceFile, points: &[usize], budget: usize) -> Window<'a> {
        let text = &file.text;
        let line_of = |p: usize| file.line_col(p).line - 1;
        let lo = points.iter().map(|&p| line_of(p)).min().unwrap_or(0);
        let hi = points.iter().map(|&p| line_of(p)).max().unwrap_or(0);
        let last_line = file.line_col(text.len()).line - 1;
        let (first, last) = (lo, hi.min(last_line));
        let mut w = Window {
            file,
            text: String::new(),
            first_line: first,
            lines: Vec::new(),
        };
        let mut start = file.line_start(first);
        for _ in first..=last {
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let line_end = if text[start..end].ends_with('\r') {
                end - 1
            } else {
                end
            };
            let on_line: Vec<usize> = points
                .iter()
                .copied()
                .filter(|&p| start <= p && p <= line_end)
                .collect();
            let shown = cut(text, start..line_end, &on_line, budget);
            if shown.start > start {
                w.text.push(CUT);
            }
            let text_start = w.text.len();
            let mut pictured = Vec::new();
            for (i, c) in text[shown.clone()].char_indices() {
                if c == '\t' {
                    w.text.push(' ');
                } else if visible::is_hidden(c) {
                    let p = visible::picture(c);
                    pictured.push((shown.start + i, p.len_utf8() - c.len_utf8()));
                    w.text.push(p);
                } else {
                    w.text.push(c);
                }
            }
            if shown.end < line_end {
                w.text.push(CUT);
            }
            w.text.push('\n');
            w.lines.push(WindowLine {
                text_start,
                shown,
                pictured,
            });
            if end >= text.len() {
                break;
            }
            start = end + 1;
        }
        w
    }

    /// Whether the start of `span` is in the shown part of its line.
    fn shows(&self, span: &Range<usize>) -> bool {
        let line = (self.file.line_col(span.start).line - 1).checked_sub(self.first_line);
        line.and_then(|l| self.lines.get(l)).is_some_and(|l| {
            l.shown.start <= span.start && span.start < l.shown.end.max(l.shown.start + 1)
        })
    }

    /// The window offset of a source byte offset (clamped into the shown part of its line).
    fn to_window(&self, offset: usize) -> usize {
        let line = (self.file.line_col(offset).line - 1).saturating_sub(self.first_line);
        let Some(l) = self.lines.get(line.min(self.lines.len().saturating_sub(1))) else {
            return 0;
        };
        let o = offset.clamp(l.shown.start, l.shown.end);
        let extra: usize = l
            .pictured
            .iter()
            .take_while(|&&(at, _)| at < o)
            .map(|&(_, extra)| extra)
            .sum();
        l.text_start + (o - l.shown.start) + extra
    }

    fn span(&self, span: &Range<usize>) -> SourceSpan {
        let (a, b) = (self.to_window(span.start), self.to_window(span.end));
        (a..b.max(a)).into()
    }

    /// The source byte offset of a window offset.
    fn to_source(&self, offset: usize) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.text_start <= offset)
            .saturating_sub(1);
        self.lines.get(i).map_or(0, |l| {
            // Window bytes past the line's start, less the pictures' extra bytes before them;
            // an offset inside a picture is its character.
            let mut rel = offset.saturating_sub(l.text_start);
            for &(at, extra) in &l.pictured {
                let in_window = at - l.shown.start;
                if rel <= in_window {
                    break;
                }
                if rel <= in_window + extra {
                    return at;
                }
                rel -= extra;
            }
            (l.shown.start + rel).min(l.shown.end)
        })
    }

    /// Display columns from the start of its window line to a window offset.
    fn column_width(&self, offset: usize) -> usize {
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        width_of(&self.text[start..offset])
    }
}

/// The part of the line `line` (a byte range of `text`) to show: all of it when it fits in
/// `budget` columns, else a cut around `points` (or its start) that fits with its `…` marks.
fn cut(text: &str, line: Range<usize>, points: &[usize], budget: usize) -> Range<usize> {
    let s = &text[line.clone()];
    if width_of(s) <= budget {
        return line;
    }
    // Two columns for the marks.
    let room = budget.saturating_sub(2).max(8);
    let focus_lo = points.iter().copied().min().unwrap_or(line.start);
    let focus_hi = points.iter().copied().max().unwrap_or(line.start);
    let lead = room / 4;
    // Start up to `lead` columns before the first point.
    let mut start = focus_lo;
    let mut w = 0;
    for (i, c) in text[line.start..focus_lo].char_indices().rev() {
        let cw = char_width(c);
        if w + cw > lead {
            break;
        }
        w += cw;
        start = line.start + i;
    }
    // If the last point fits, leave less lead so that it does.
    let span_w = width_of(&text[focus_lo..focus_hi]);
    if w + span_w > room {
        let mut extra = w + span_w - room;
        for (i, c) in text[start..focus_lo].char_indices() {
            if extra == 0 {
                start += i;
                break;
            }
            extra = extra.saturating_sub(char_width(c));
            if extra == 0 {
                start += i + c.len_utf8();
                break;
            }
        }
        start = start.min(focus_lo);
    }
    // Extend right as far as the room allows.
    let mut end = start;
    let mut used = 0;
    for (i, c) in text[start..line.end].char_indices() {
        let cw = char_width(c);
        if used + cw > room {
            break;
        }
        used += cw;
        end = start + i + c.len_utf8();
    }
    // At the end of the line: use the spare room to show more on the left, keeping the
    // first point in the left half so that its label has room on the right.
    if end == line.end {
        let mut before = width_of(&text[start..focus_lo]);
        for (i, c) in text[line.start..start].char_indices().rev() {
            let cw = char_width(c);
            if used + cw > room || before + cw > room / 2 {
                break;
            }
            used += cw;
            before += cw;
            start = line.start + i;
        }
    }
    start..end
}

impl SourceCode for Window<'_> {
    /// Whole lines around the span (miette shows what it reads; with no context lines it
    /// would otherwise start the line at the span), with the span's own line and column.
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.text.as_str();
        let (s, e) = (span.offset(), span.offset() + span.len());
        if e > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let line_of = |o: usize| text[..o].matches('\n').count();
        let mut start = text[..s].rfind('\n').map_or(0, |i| i + 1);
        for _ in 0..before {
            if start == 0 {
                break;
            }
            start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        }
        let mut end = text[e..].find('\n').map_or(text.len(), |i| e + i);
        for _ in 0..after {
            if end >= text.len() {
                break;
            }
            end = text[end + 1..]
                .find('\n')
                .map_or(text.len(), |i| end + 1 + i);
        }
        // With its newline: a label just past a line's last character (an unclosed string)
        // points at the newline.
        if end < text.len() {
            end += 1;
        }
        // Character columns, as in our JSON and SARIF.
        let column = self.file.line_col(self.to_source(s)).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            &text.as_bytes()[start..end],
            (start..end).into(),
            line_of(s) + self.first_line,
            column,
            text[start..end]
                .trim_end_matches('\n')
                .matches('\n')
                .count()
                + 1,
        )))
    }
}

#[derive(Debug)]
struct Diag<'a> {
    message: String,
    code: String,
    severity: miette::Severity,
    source: Option<Window<'a>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.clone().into_iter()) as _)
    }
}

/// Columns taken before the source text: the gutter (line number, ` │ `) and miette's
/// margin, plus room for the rails of labels that span lines.
fn gutter(file: &SourceFile, points: &[usize]) -> usize {
    let lines: Vec<usize> = points.iter().map(|&p| file.line_col(p).line).collect();
    let max_line = lines.iter().max().copied().unwrap_or(1) + 1;
    let multi = lines.iter().min() != lines.iter().max();
    max_line.to_string().len() + 4 + if multi { 4 } else { 0 }
}

/// A snippet source over `spans` of `file` (primary first) with the labels, cut to fit `width`.
fn windowed<'a>(
    file: &'a SourceFile,
    spans: &[(Range<usize>, Option<String>, bool)],
    width: usize,
) -> (Window<'a>, Vec<LabeledSpan>) {
    let points: Vec<usize> = spans
        .iter()
        .flat_map(|(s, _, _)| [s.start, s.end.max(s.start)])
        .collect();
    let budget = width.saturating_sub(gutter(file, &points)).max(16);
    let window = Window::new(file, &points, budget);
    let labels = spans
        .iter()
        .map(|(span, label, primary)| {
            let s = window.span(span);
            // miette writes a label after `╰── ` under the middle of its underline.
            let label = label.as_ref().map(|l| {
                let mid = (window.column_width(s.offset())
                    + window.column_width(s.offset() + s.len()))
                    / 2;
                truncate(l, budget.saturating_sub(mid + 5).max(4))
            });
            if *primary {
                LabeledSpan::new_primary_with_span(label, s)
            } else {
                LabeledSpan::new_with_span(label, s)
            }
        })
        .collect();
    (window, labels)
}

fn miette_severity(s: crate::finding::Severity) -> miette::Severity {
    match s {
        crate::finding::Severity::Error => miette::Severity::Error,
        crate::finding::Severity::Warning => miette::Severity::Warning,
        crate::finding::Severity::Info => miette::Severity::Advice,
    }
}

/// The drawing handler for a diagnostic whose message is `message`.
fn handler(color: bool, width: usize, message: &str) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // miette wraps the message after its `  × ` (an icon of at most two columns) in two
    // columns less than the width. A message that fits on that line is drawn as it is
    // without wrapping, which spares textwrap's search for break points: the same text.
    // (miette wraps nothing else of ours: help and related places are drawn below.)
    let fits = !message.ends_with(' ') && fits_one_line(message, "  ×× ", width.saturating_sub(2));
    // No context lines: the line pointed at is what the officer needs, and it keeps the
    // listing short.
    GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
        .with_context_lines(0)
        .with_wrap_lines(!fits)
}

/// Whether a drawn line is only the snippet's closing rule (colour codes aside).
fn is_closing_rule(line: &str) -> bool {
    let mut plain = String::new();
    let mut in_escape = false;
    for c in line.chars() {
        match c {
            '\u{1b}' => in_escape = true,
            'm' if in_escape => in_escape = false,
            _ if in_escape => {}
            _ => plain.push(c),
        }
    }
    let t = plain.trim();
    t.starts_with('╰') && t.chars().skip(1).all(|c| c == '─') && t.chars().count() > 1
}

/// `file:line:column` of a span.
fn place(file: &SourceFile, span: &Range<usize>) -> String {
    let at = file.line_col(span.start);
    format!("{}:{}:{}", file.path, at.line, at.column)
}

/// Indent of the advice under a finding's snippet (as miette indents its own).
const HELP_INDENT: &str = "  ";

/// One finding drawn in full: message, snippet, help, then its far related places indented
/// under a `related:` lead. Every line fits in `width` columns.
pub fn draw(files: &[SourceFile], f: &Finding, lang: Lang, color: bool, width: usize) -> String {
    let mut d = Diag {
        // The code leads the message line: miette would spend two lines on it.
        message: format!("{} {}", f.code, f.message.get(lang)),
        code: String::new(),
        severity: miette_severity(f.severity),
        source: None,
        labels: Vec::new(),
        // The advice is drawn below, in the chosen language: miette's `help:` mark is English.
        help: None,
    };
    let primary = match &f.location {
        Location::Span { file, span } => Some((*file, span.clone())),
        Location::Path(_) => None,
    };
    let mut spans = Vec::new();
    if let Some((_, span)) = &primary {
        spans.push((
            span.clone(),
            f.label.as_ref().map(|l| l.get(lang).to_string()),
            true,
        ));
    }
    let mut far = Vec::new();
    for r in &f.related {
        let text = r.message.get(lang).to_string();
        match (&r.location, &primary) {
            // A nearby place in the same file is a second label in the same snippet.
            (Location::Span { file, span }, Some((pf, ps)))
                if file == pf
                    && files[*file]
                        .line_col(span.start)
                        .line
                        .abs_diff(files[*pf].line_col(ps.start).line)
                        <= NEAR_LINES =>
            {
                spans.push((span.clone(), Some(text), false));
            }
            _ => far.push((r.location.clone(), text)),
        }
    }
    if let Some((file, _)) = &primary {
        let (mut window, mut labels) = windowed(&files[*file], &spans, width);
        // A second place on a long line, outside the part cut around the first: listed below
        // as a related line instead of a label squeezed past the cut.
        let hidden: Vec<usize> = (1..spans.len())
            .filter(|&i| !window.shows(&spans[i].0))
            .collect();
        if !hidden.is_empty() {
            for &i in hidden.iter().rev() {
                let (span, text, _) = spans.remove(i);
                let location = Location::Span { file: *file, span };
                far.insert(0, (location, text.unwrap_or_default()));
            }
            (window, labels) = windowed(&files[*file], &spans, width);
        }
        d.source = Some(window);
        d.labels = labels;
    }
    let h = handler(color, width, &d.message);
    let mut drawn = String::new();
    if h.render_report(&mut drawn, &d).is_err() {
        drawn = format!("{}: {}\n", f.code, f.message.get(lang));
    }
    // The snippet's closing rule (`╰────`) costs a line per finding and says nothing.
    let mut out = String::with_capacity(drawn.len());
    for line in drawn.lines() {
        if !is_closing_rule(line) {
            out.push_str(line);
            out.push('\n');
        }
    }
    if let Some(help) = &f.help {
        let lead = format!("{HELP_INDENT}{}", msg!("直し方: ", "help: ").get(lang));
        let rest = " ".repeat(width_of(&lead));
        out.push_str(&wrap(help.get(lang), width, &lead, &rest));
        out.push('\n');
    }
    let lead = msg!("関連: ", "related: ");
    let rest = " ".repeat(RELATED_INDENT.len() + width_of(lead.get(lang)));
    let first = format!("{RELATED_INDENT}{}", lead.get(lang));
    // A long list of places is cut to its first ones and a count: the triage view stays short,
    // and every place is in the JSON, SARIF and the review page.
    let hidden = if far.len() > MAX_FAR {
        let hidden = far.len() - (MAX_FAR - 1);
        far.truncate(MAX_FAR - 1);
        hidden
    } else {
        0
    };
    for (location, text) in far {
        match location {
            // The message, the place and the text pointed at: on one line when they fit,
            // else the place and the text on a line of their own (a path is never broken).
            Location::Span { file, span } => {
                let file = &files[file];
                let pointed = visible::text(file.slice(&span).lines().next().unwrap_or(""));
                let pointed = pointed.trim();
                // Not when the message already quotes it.
                let bare = pointed.trim_matches('"');
                let pointed = if !bare.is_empty() && text.contains(bare) {
                    ""
                } else {
                    pointed
                };
                let p = place(file, &span);
                let at = msg!("（{p}）", "({p})").get(lang).to_string();
                let with_text = |lead: &str, head: String| {
                    let room = width
                        .saturating_sub(width_of(lead) + width_of(&head) + 1)
                        .min(40);
                    if !pointed.is_empty() && room >= 8 {
                        format!("{head} {}", truncate(pointed, room))
                    } else {
                        head
                    }
                };
                let one = msg!("{text}{at}", "{text} {at}").get(lang).to_string();
                if width_of(&first) + width_of(&one) <= width {
                    out.push_str(&first);
                    out.push_str(&with_text(&first, one));
                } else {
                    out.push_str(&wrap(&text, width, &first, &rest));
                    out.push('\n');
                    out.push_str(&rest);
                    out.push_str(&truncate(
                        &with_text(&rest, at),
                        width.saturating_sub(width_of(&rest)),
                    ));
                }
                out.push('\n');
            }
            Location::Path(p) => {
                let line = msg!("{text}（{p}）", "{text} ({p})");
                out.push_str(&wrap(line.get(lang), width, &first, &rest));
                out.push('\n');
            }
        }
    }
    if hidden > 0 {
        let line = msg!(
            "ほか {hidden} か所（plancheck review や --format json で全部を確認できます）",
            "{hidden} more places (plancheck review and --format json list them all)"
        );
        out.push_str(&wrap(line.get(lang), width, &first, &rest));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{draw, width_of};
    use crate::finding::Finding;
    use crate::i18n::{Lang, Msg};
    use crate::plan::source::SourceFile;
    use crate::rules::{notation_mix, width_variant};

    // A control character before a span on its line is drawn as a picture three bytes long:
    // the header still gives the span's column in the file, and the mark stands under it.
    #[test]
    fn a_span_after_control_characters_keeps_its_column_and_its_mark() {
        let text = "b = 1\na = \"x\u{1b}y\u{7f}\u{1b}z\"\n".to_string();
        let at = text.find('z').unwrap();
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), text);
        let f = notation_mix::RULE.finding(0, at..at + 1, Msg::new("混在", "mixed"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert!(out.contains("[plan/c.toml:2:11]"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let src = lines.iter().position(|l| l.contains("x␛y␡␛z")).expect(&out);
        let col = |l: &str, c: char| l.chars().position(|x| x == c);
        assert_eq!(col(lines[src], 'z'), col(lines[src + 1], '─'), "{out}");
    }

    // Found by fuzzing (the `render` target): `--width` narrower than the `related:` lead
    // subtracted below zero (a panic in debug builds).
    #[test]
    fn a_far_related_place_at_a_tiny_width_does_not_panic() {
        let text = "a = 1\n".repeat(20);
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), text);
        let f = notation_mix::RULE
            .finding(0, 0..1, Msg::new("混在", "mixed"))
            .related(Finding::at(0, 100..101), Msg::new("場所", "place"));
        for width in [0, 1, 5, 12] {
            draw(std::slice::from_ref(&file), &f, Lang::En, false, width);
            draw(std::slice::from_ref(&file), &f, Lang::Ja, false, width);
        }
    }

    // Found by fuzzing (the `render` target): a line break in the text (a plan name written
    // on two lines) gave a line two columns wider than the width.
    #[test]
    fn wrapped_lines_after_a_line_break_fit() {
        let text = "line one\nline two: 3 files, 0 errors, 0 warnings, 0 info";
        let out = super::wrap(text, 40, "", "  ");
        assert!(out.lines().all(|l| width_of(l) <= 40), "{out}");
        assert_eq!(out.lines().count(), 3, "{out}");
        assert!(out.starts_with("line one\n  line two"), "{out}");
    }

    #[test]
    fn a_long_list_of_related_places_shows_the_first_and_a_count() {
        let text: String = (1..=40).map(|i| format!("k{i} = \"v\"\n")).collect();
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), text.clone());
        let key = |n: usize| {
            let s = text.find(&format!("k{n} ")).unwrap();
            s..s + 2
        };
        let with = |count: usize| {
            let mut f = notation_mix::RULE.finding(0, key(1), Msg::new("混在", "mixed"));
            for i in 0..count {
                let n = 10 * (i + 1);
                f = f.related(Finding::at(0, key(n)), crate::msg!("場所{n}", "place{n}"));
            }
            f
        };
        // two places fit: both are listed
        let out = draw(std::slice::from_ref(&file), &with(2), Lang::En, false, 100);
        assert!(out.contains("related: place10 (plan/c.toml:10:1)"), "{out}");
        assert!(out.contains("related: place20 (plan/c.toml:20:1)"), "{out}");
        assert!(!out.contains("more places"), "{out}");
        // three: the first, then how many more, in both languages
        let out = draw(std::slice::from_ref(&file), &with(3), Lang::En, false, 100);
        assert!(out.contains("related: place10 (plan/c.toml:10:1)"), "{out}");
        assert!(
            !out.contains("place20") && !out.contains("place30"),
            "{out}"
        );
        assert!(
            out.contains(
                "related: 2 more places (plancheck review and --format json list them all)"
            ),
            "{out}"
        );
        let out = draw(std::slice::from_ref(&file), &with(3), Lang::Ja, false, 100);
        assert!(out.contains("関連: ほか 2 か所"), "{out}");
    }

    #[test]
    fn a_second_place_beyond_the_cut_of_a_long_line_is_listed_below() {
        let line = format!("reason = \"SDGs の推進、{}、SDGs 推進\"\n", "あ".repeat(80));
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), line.clone());
        let first = line.find("SDGs").unwrap();
        let second = line.rfind("SDGs").unwrap();
        let f = width_variant::RULE
            .finding(0, first..first + 4, Msg::new("幅", "width"))
            .label(Msg::new("ここ", "here"))
            .related(
                Finding::at(0, second..second + 4),
                Msg::new("もう一つ", "the other"),
            );
        let out = draw(&[file], &f, Lang::En, false, 100);
        assert!(out.lines().all(|l| width_of(l) <= 100), "{out}");
        assert!(out.contains("related: the other (plan/c.toml:1:"), "{out}");
    }

    /// A file of one line: 200 letters `a`..`z` over and over, then a line break.
    fn long_line() -> (SourceFile, String) {
        let line: String = (0..200u8).map(|i| char::from(b'a' + i % 26)).collect();
        let text = format!("{line}\n");
        (
            SourceFile::new("plan/c.toml".into(), "c.toml".into(), text),
            line,
        )
    }

    /// The drawn source text of the first snippet line (after `N │ `).
    fn source_line(out: &str) -> &str {
        out.lines()
            .find_map(|l| {
                let t = l.trim_start();
                t.starts_with(|c: char| c.is_ascii_digit())
                    .then(|| t.split_once(" │ ").map(|(_, s)| s))
                    .flatten()
            })
            .unwrap_or_else(|| panic!("no source line in {out}"))
    }

    // At width 100 a one-digit gutter leaves 95 columns, 93 between the two `…`: a point far
    // into a long line is shown with 23 columns (a quarter) before it.
    #[test]
    fn a_long_line_is_cut_with_a_quarter_of_the_room_before_the_point() {
        let (file, line) = long_line();
        let f = notation_mix::RULE.finding(0, 100..101, Msg::new("混在", "mixed"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert_eq!(source_line(&out), format!("…{}…", &line[77..170]), "{out}");
        assert!(out.lines().all(|l| width_of(l) <= 100), "{out}");
    }

    // A span longer than the room left after the lead: the lead shrinks so that the span's end
    // is still shown.
    #[test]
    fn a_long_span_on_a_long_line_is_shown_to_its_end() {
        let (file, line) = long_line();
        let f = notation_mix::RULE.finding(0, 100..180, Msg::new("混在", "mixed"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert_eq!(source_line(&out), format!("…{}…", &line[87..180]), "{out}");
    }

    // A point near the end of a long line: the line is shown to its end, with room on the
    // left up to half of the 93 columns before the point (46).
    #[test]
    fn a_point_near_the_end_of_a_long_line_shows_the_end() {
        let (file, line) = long_line();
        let f = notation_mix::RULE.finding(0, 190..191, Msg::new("混在", "mixed"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert_eq!(source_line(&out), format!("…{}", &line[144..200]), "{out}");
    }

    // A point 60 columns before the end of a long line: from 23 columns before the point to
    // the end is 83 columns, so the left side gets the 10 columns left of the 93 (the whole
    // room, not one less), still under half of the room before the point (33 of 46).
    #[test]
    fn a_point_at_the_end_fills_the_whole_room_to_the_left() {
        let (file, line) = long_line();
        let f = notation_mix::RULE.finding(0, 140..141, Msg::new("混在", "mixed"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert_eq!(source_line(&out), format!("…{}", &line[107..200]), "{out}");
        assert!(out.lines().all(|l| width_of(l) <= 100), "{out}");
    }

    // Line 9: the gutter is sized for a two-digit line number (one more than the line), so
    // 92 columns are left between the `…`.
    #[test]
    fn the_gutter_of_line_9_leaves_room_for_two_digits() {
        let (_, line) = long_line();
        let text = format!("{}{line}\n", "a\n".repeat(8));
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), text);
        let f = notation_mix::RULE.finding(0, 116..117, Msg::new("混在", "mixed"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert_eq!(source_line(&out), format!("…{}…", &line[77..169]), "{out}");
        assert!(out.lines().all(|l| width_of(l) <= 100), "{out}");
    }

    // A second place at the start of an empty line next to the finding is a label in its
    // snippet, not a related line below.
    #[test]
    fn a_place_on_a_near_empty_line_is_a_label() {
        let text = "a = 1\n\nb = 2\n".to_string();
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), text);
        let f = notation_mix::RULE
            .finding(0, 0..1, Msg::new("混在", "mixed"))
            .related(Finding::at(0, 6..7), Msg::new("空行", "empty line"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert!(!out.contains("related:"), "{out}");
        assert!(out.contains("╰── empty line"), "{out}");
    }

    // A second (empty) place just past the cut of a long line is not shown there: it is
    // listed below.
    #[test]
    fn a_place_just_past_the_cut_is_listed_below() {
        let (file, _) = long_line();
        let f = notation_mix::RULE
            .finding(0, 10..11, Msg::new("混在", "mixed"))
            .related(Finding::at(0, 93..93), Msg::new("もう一つ", "the other"));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert!(
            out.contains("related: the other (plan/c.toml:1:94)"),
            "{out}"
        );
        assert!(!out.contains("╰── the other"), "{out}");
    }

    // A line break in a text that would fit still starts the next line with `rest`.
    #[test]
    fn a_short_text_with_a_line_break_is_indented_after_it() {
        assert_eq!(super::wrap("one\ntwo", 40, "- ", "  "), "- one\n  two");
    }

    // A message ending in a space is wrapped, which drops the space: no line of the
    // output ends in a space.
    #[test]
    fn a_message_ending_in_a_space_is_drawn_without_it() {
        let text = "a = 1\n".to_string();
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), text);
        let f = notation_mix::RULE.finding(0, 0..1, Msg::new("混在 ", "mixed "));
        let out = draw(std::slice::from_ref(&file), &f, Lang::En, false, 100);
        assert!(
            out.lines().next().unwrap().ends_with("PC504 mixed"),
            "{out:?}"
        );
    }
}
