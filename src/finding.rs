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
    /// The root cause this finding reports, if other findings may follow from it (e.g. a
    /// table row that lost its 関係 suffix): see [`crate::outcome::causes`].
    pub root_of: Option<String>,
    /// Root causes this finding may follow from; when one of them is reported, the outcome
    /// layer attaches this finding to it as a related place.
    pub caused_by: Vec<String>,
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
