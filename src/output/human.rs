//! Human output: miette's graphical diagnostics, with header columns in characters.

use super::{Rendered, Reporter, Settings, counts};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::msg;
use crate::outcome::Outcome;
use crate::plan::source::{SourceFile, position};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// Lines longer than this (in characters) are not shown as snippets: miette cannot draw labels
/// far out on a line (it panics past column 65,535) and such a snippet helps nobody.
const MAX_SNIPPET_LINE: usize = 2_000;

/// Whether every line the span touches is short enough to draw.
fn drawable(file: &SourceFile, span: &std::ops::Range<usize>) -> bool {
    let text = &file.text;
    let start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[span.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| span.end.min(text.len()) + i);
    text.get(start..end).is_some_and(|lines| {
        lines
            .split('\n')
            .all(|l| l.len() <= MAX_SNIPPET_LINE || l.chars().count() <= MAX_SNIPPET_LINE)
    })
}

/// `file:line:column` of a span, for findings shown without a snippet.
fn place(file: &SourceFile, span: &std::ops::Range<usize>) -> String {
    let at = file.line_col(span.start);
    format!("{}:{}:{}", file.path, at.line, at.column)
}

/// Related places at most this many lines from the primary span share its snippet.
const NEAR_LINES: usize = 6;

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

/// A source file whose span contents report character (not byte) columns, so that miette's
/// `[file:line:col]` header agrees with our JSON and SARIF columns.
#[derive(Debug)]
struct CharColumns<'a>(&'a SourceFile);

impl SourceCode for CharColumns<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.0.text.as_str().read_span(span, before, after)?;
        let start = inner.span().offset();
        let column = self.0.line_col(start).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.0.path.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

#[derive(Debug)]
struct Diag<'a> {
    message: String,
    code: String,
    severity: miette::Severity,
    source: Option<CharColumns<'a>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Diag<'a>>,
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
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)) as _)
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn diag<'a>(files: &'a [SourceFile], f: &Finding, lang: Lang) -> Diag<'a> {
    let mut d = Diag {
        message: f.message.get(lang).to_string(),
        code: format!("{}({})", f.code, f.rule),
        severity: miette_severity(f.severity),
        source: None,
        labels: Vec::new(),
        help: f.help.as_ref().map(|h| h.get(lang).to_string()),
        related: Vec::new(),
    };
    let primary_file = match &f.location {
        Location::Span { file, span } if !drawable(&files[*file], span) => {
            d.message = format!("[{}] {}", place(&files[*file], span), d.message);
            None
        }
        Location::Span { file, span } => {
            d.source = Some(CharColumns(&files[*file]));
            d.labels.push(LabeledSpan::new_primary_with_span(
                f.label.as_ref().map(|l| l.get(lang).to_string()),
                span.clone(),
            ));
            Some(*file)
        }
        // path-only messages already name the path
        Location::Path(_) => None,
    };
    let primary_line = match &f.location {
        Location::Span { file, span } => Some(files[*file].line_col(span.start).line),
        Location::Path(_) => None,
    };
    for r in &f.related {
        let text = r.message.get(lang).to_string();
        let near = |file: usize, span: &std::ops::Range<usize>| {
            primary_line
                .is_some_and(|l| files[file].line_col(span.start).line.abs_diff(l) <= NEAR_LINES)
        };
        match &r.location {
            // A nearby copy in the same file is a second label in the same snippet.
            Location::Span { file, span } if !drawable(&files[*file], span) => {
                d.related.push(Diag {
                    message: format!("[{}] {text}", place(&files[*file], span)),
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    source: None,
                    labels: Vec::new(),
                    help: None,
                    related: Vec::new(),
                })
            }
            Location::Span { file, span } if Some(*file) == primary_file && near(*file, span) => {
                d.labels
                    .push(LabeledSpan::new_with_span(Some(text), span.clone()));
            }
            Location::Span { file, span } => d.related.push(Diag {
                message: text.clone(),
                code: String::new(),
                severity: miette::Severity::Advice,
                source: Some(CharColumns(&files[*file])),
                labels: vec![LabeledSpan::new_primary_with_span(None, span.clone())],
                help: None,
                related: Vec::new(),
            }),
            Location::Path(p) => d.related.push(Diag {
                message: format!("{p}: {text}"),
                code: String::new(),
                severity: miette::Severity::Advice,
                source: None,
                labels: Vec::new(),
                help: None,
                related: Vec::new(),
            }),
        }
    }
    d
}

/// Renders findings (already sorted) and a closing summary line.
pub fn render(files: &[SourceFile], findings: &[Finding], style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    for f in findings {
        let mut d = diag(files, f, style.lang);
        // Other copies are rendered as reports of their own right after the finding: miette's
        // nested mode wraps long source lines and its flat mode prefixes "Advice:".
        let related = std::mem::take(&mut d.related);
        let mut s = String::new();
        if handler.render_report(&mut s, &d).is_err() {
            s = format!("{}: {}\n", f.code, f.message.get(style.lang));
        }
        for r in &related {
            let mut t = String::new();
            if handler.render_report(&mut t, r).is_ok() {
                s.push_str(t.trim_start_matches('\n'));
            }
        }
        out.push_str(&s);
        out.push('\n');
    }
    out.push_str(&summary_line(findings, style.lang));
    out.push('\n');
    out
}

pub fn summary_line(findings: &[Finding], lang: Lang) -> String {
    let (e, w, i) = counts(findings);
    let (es, ws) = (plural(e), plural(w));
    msg!(
        "結果: エラー {e} 件、警告 {w} 件、情報 {i} 件",
        "result: {e} error{es}, {w} warning{ws}, {i} info"
    )
    .get(lang)
    .to_string()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The default width of human output: the terminal's width, else `$COLUMNS`, else 100.
pub fn default_width(terminal: Option<usize>, columns: Option<&str>) -> usize {
    terminal
        .filter(|&w| w > 0)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse().ok())
                .filter(|&w| w > 0)
        })
        .unwrap_or(100)
}

/// `--format human`: the findings as miette diagnostics with a summary line, then the
/// suppressed findings when asked, then the baseline comparison.
pub struct Human;

impl Reporter for Human {
    fn name(&self) -> &'static str {
        "human"
    }

    fn render(&self, outcome: &Outcome, settings: &Settings) -> Rendered {
        let style = Style {
            color: settings.color,
            width: settings.width,
            lang: settings.lang,
        };
        let lang = settings.lang;
        let mut out = render(&outcome.files, &outcome.findings, style);
        if settings.show_suppressed && !outcome.suppressed.is_empty() {
            out.push('\n');
            out.push_str(
                msg!("抑止された指摘（allow）:", "suppressed findings (allow):").get(lang),
            );
            out.push('\n');
            for s in &outcome.suppressed {
                let p = position(&outcome.files, &s.finding.location);
                let (code, file, line, column) = (s.finding.code, &p.file, p.line, p.column);
                let (message, reason) = (s.finding.message.get(lang), &s.reason);
                let item = msg!(
                    "  {code} {file}:{line}:{column} {message} — 理由: {reason}",
                    "  {code} {file}:{line}:{column} {message} — reason: {reason}"
                );
                out.push_str(item.get(lang));
                out.push('\n');
            }
        }
        if let Some(b) = &outcome.baseline {
            out.push_str(b.message().get(lang));
            out.push('\n');
        }
        Rendered {
            stdout: out,
            stderr: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::default_width;

    #[test]
    fn width_prefers_the_terminal_then_columns_then_100() {
        assert_eq!(default_width(Some(132), Some("60")), 132);
        assert_eq!(default_width(None, Some("60")), 60);
        assert_eq!(default_width(None, Some(" 72 ")), 72);
        assert_eq!(default_width(None, Some("wide")), 100);
        assert_eq!(default_width(Some(0), Some("0")), 100);
        assert_eq!(default_width(None, None), 100);
    }
}
