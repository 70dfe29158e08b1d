//! `--format json`, as fixed by the contract (version 1).

use super::{Rendered, Reporter, Settings, counts};
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::outcome::Outcome;
use crate::outcome::suppression::Suppressed;
use crate::plan::source::{SourceFile, position};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    findings: Vec<Item<'a>>,
    summary: Summary,
    /// With `--show-suppressed`, when any finding is suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Vec<SuppressedItem<'a>>>,
}

#[derive(Serialize)]
struct SuppressedItem<'a> {
    code: &'a str,
    rule: &'a str,
    message: &'a str,
    file: String,
    line: usize,
    column: usize,
    reason: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    related: Vec<RelatedItem<'a>>,
}

#[derive(Serialize)]
struct RelatedItem<'a> {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    error: usize,
    warning: usize,
    info: usize,
}

fn known(n: usize) -> Option<usize> {
    (n > 0).then_some(n)
}

/// The contract's JSON document (pretty, trailing newline) of sorted findings, with the
/// `suppressed` key when given.
fn document(
    files: &[SourceFile],
    findings: &[Finding],
    suppressed: Option<&[Suppressed]>,
    lang: Lang,
) -> String {
    let items = findings
        .iter()
        .map(|f| {
            let p = position(files, &f.location);
            Item {
                code: f.code,
                rule: f.rule,
                severity: f.severity.as_str(),
                message: f.message.get(lang),
                file: p.file,
                line: known(p.line),
                column: known(p.column),
                end_line: known(p.end_line),
                end_column: known(p.end_column),
                subject: f.subject.as_deref(),
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let p = position(files, &r.location);
                        RelatedItem {
                            file: p.file,
                            line: known(p.line),
                            column: known(p.column),
                            message: r.message.get(lang),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let (error, warning, info) = counts(findings);
    let doc = Doc {
        version: 1,
        findings: items,
        summary: Summary {
            error,
            warning,
            info,
        },
        suppressed: suppressed.map(|list| {
            list.iter()
                .map(|s| {
                    let p = position(files, &s.finding.location);
                    SuppressedItem {
                        code: s.finding.code,
                        rule: s.finding.rule,
                        message: s.finding.message.get(lang),
                        file: p.file,
                        line: p.line,
                        column: p.column,
                        reason: &s.reason,
                    }
                })
                .collect()
        }),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON of plain data");
    s.push('\n');
    s
}

/// `--format json`: the contract's document; `--show-suppressed` adds the key `suppressed`.
/// The baseline comparison goes to standard error, outside the document.
pub struct Json;

impl Reporter for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn render(&self, outcome: &Outcome, settings: &Settings) -> Rendered {
        let suppressed = (settings.show_suppressed && !outcome.suppressed.is_empty())
            .then_some(outcome.suppressed.as_slice());
        Rendered {
            stdout: document(&outcome.files, &outcome.findings, suppressed, settings.lang),
            stderr: super::baseline_note(outcome, settings.lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Severity};
    use crate::i18n::Msg;

    #[test]
    fn a_finding_about_a_whole_file_has_no_line_or_column() {
        let files = vec![SourceFile::new(
            "plan/a.toml".into(),
            "a.toml".into(),
            "x = 1\n".into(),
        )];
        let f = Finding::new(
            "PC001",
            "unread-file",
            Severity::Error,
            Location::Path("plan/b.toml".into()),
            Msg::new("読めません", "cannot read"),
        )
        .related(Finding::at(0, 4..5), Msg::new("ここ", "here"));
        let json = document(&files, &[f], None, Lang::En);
        assert_eq!(
            json,
            r#"{
  "version": 1,
  "findings": [
    {
      "code": "PC001",
      "rule": "unread-file",
      "severity": "error",
      "message": "cannot read",
      "file": "plan/b.toml",
      "related": [
        {
          "file": "plan/a.toml",
          "line": 1,
          "column": 5,
          "message": "here"
        }
      ]
    }
  ],
  "summary": {
    "error": 1,
    "warning": 0,
    "info": 0
  }
}
"#
        );
    }
}
