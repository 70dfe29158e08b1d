//! Findings: what rules and the loader report.

use crate::i18n::Msg;
use std::ops::Range;

/// Index of a file in [`crate::plan::model::Plan::files`].
pub type FileId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The name people read: エラー・警告・情報 in Japanese, `error`, `warning`, `info` in
    /// English (the glossary's terms).
    pub fn label(self) -> Msg {
        match self {
            Severity::Info => Msg::new("情報", "info"),
            Severity::Warning => Msg::new("警告", "warning"),
            Severity::Error => Msg::new("エラー", "error"),
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A place in a loaded file, or a path with no position (a missing folder, an unreadable file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Span { file: FileId, span: Range<usize> },
    Path(String),
}

/// Another place involved in a finding.
#[derive(Debug, Clone)]
pub struct Related {
    pub location: Location,
    pub message: Msg,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: Msg,
    pub location: Location,
    /// Short text under the underline; defaults to nothing.
    pub label: Option<Msg>,
    pub help: Option<Msg>,
    /// Normalised id of the item concerned.
    pub subject: Option<String>,
    pub related: Vec<Related>,
    /// Edits that correct the finding without changing what the plan means (`plancheck fix`,
    /// the language server's quick fixes); `None` when only a person can decide.
    pub fix: Option<Fix>,
    /// The root cause this finding reports, if other findings may follow from it (e.g. a
    /// table row that lost its 関係 suffix): see [`crate::outcome::causes`].
    pub root_of: Option<String>,
    /// Root causes this finding may follow from; when one of them is reported, the outcome
    /// layer attaches this finding to it as a related place.
    pub caused_by: Vec<String>,
}

/// One replacement in a loaded file: the bytes of `span` become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Range<usize>,
    pub replacement: String,
}

/// A safe fix: edits applied together or not at all. Only fixes that cannot change the
/// plan's meaning are made (a notation, not a fact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(edits: Vec<Edit>) -> Fix {
        Fix { edits }
    }

    /// A fix that writes `value` as the string of `span` in `file` (whose text is `source`):
    /// the span holds one TOML string token, quotes included. The token keeps its quoting
    /// where the value allows it (a literal string stays literal), else becomes a basic
    /// string with escapes. `None` for a multi-line string or a span that holds no string.
    pub fn string_value(
        file: FileId,
        source: &str,
        span: Range<usize>,
        value: &str,
    ) -> Option<Fix> {
        let token = source.get(span.clone())?;
        if token.len() < 2 || token.starts_with("\"\"\"") || token.starts_with("'''") {
            return None;
        }
        let literal = token.starts_with('\'') && token.ends_with('\'');
        let basic = token.starts_with('"') && token.ends_with('"');
        if !literal && !basic {
            return None;
        }
        let replacement = if literal && !value.chars().any(|c| c == '\'' || c.is_control()) {
            format!("'{value}'")
        } else {
            basic_string(value)
        };
        Some(Fix::new(vec![Edit {
            file,
            span,
            replacement,
        }]))
    }
}

/// `value` as a TOML basic string.
pub fn basic_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Finding {
    pub fn new(
        code: &'static str,
        rule: &'static str,
        severity: Severity,
        location: Location,
        message: Msg,
    ) -> Finding {
        Finding {
            code,
            rule,
            severity,
            message,
            location,
            label: None,
            help: None,
            subject: None,
            related: Vec::new(),
            fix: None,
            root_of: None,
            caused_by: Vec::new(),
        }
    }

    pub fn at(file: FileId, span: Range<usize>) -> Location {
        Location::Span { file, span }
    }

    pub fn help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    pub fn label(mut self, label: Msg) -> Self {
        self.label = Some(label);
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets or clears the subject.
    pub fn with_subject(mut self, subject: Option<String>) -> Self {
        self.subject = subject;
        self
    }

    /// Sets or clears the fix.
    pub fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// Marks this finding as the report of the root cause `key`.
    pub fn root_of(mut self, key: impl Into<String>) -> Self {
        self.root_of = Some(key.into());
        self
    }

    /// Marks this finding as one that may follow from the root cause `key`.
    pub fn caused_by(mut self, key: impl Into<String>) -> Self {
        self.caused_by.push(key.into());
        self
    }

    /// The cause key of a direction-table row: its file and the start of its direction cell.
    pub fn row_cause(file: FileId, direction_span: &Range<usize>) -> String {
        format!("row:{file}:{}", direction_span.start)
    }

    pub fn related(mut self, location: Location, message: Msg) -> Self {
        self.related.push(Related { location, message });
        self
    }
}
