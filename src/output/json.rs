//! `--format json`, as fixed by the contract (version 1).

use super::{counts, position};
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::plan::source::SourceFile;
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    findings: Vec<Item<'a>>,
    summary: Summary,
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

/// Renders sorted findings as the contract's JSON document (pretty, trailing newline).
pub fn render(files: &[SourceFile], findings: &[Finding], lang: Lang) -> String {
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
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON of plain data");
    s.push('\n');
    s
}
