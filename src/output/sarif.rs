//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

use super::position;
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::plan::source::SourceFile;
use crate::rules::{REGISTRY, Rule};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn pick<'a>(lang: Lang, pair: (&'a str, &'a str)) -> &'a str {
    match lang {
        Lang::Ja => pair.0,
        Lang::En => pair.1,
    }
}

fn rule_descriptor(r: &Rule, configured: Option<Severity>, lang: Lang) -> Value {
    let d = &r.docs;
    let help = format!(
        "{}\n\n{}\n\n{}",
        pick(lang, d.what),
        pick(lang, d.why),
        pick(lang, d.fix)
    );
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": pick(lang, r.summary) },
        "fullDescription": { "text": pick(lang, d.what) },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(configured.unwrap_or(r.severity)) },
    })
}

fn physical(files: &[SourceFile], loc: &Location) -> Value {
    let p = position(files, loc);
    match loc {
        Location::Span { .. } => json!({
            "artifactLocation": { "uri": p.file },
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column,
            }
        }),
        Location::Path(_) => json!({ "artifactLocation": { "uri": p.file } }),
    }
}

/// Renders findings as a SARIF log. `severity_of` gives each rule's configured severity.
pub fn render(
    files: &[SourceFile],
    findings: &[Finding],
    lang: Lang,
    severity_of: &dyn Fn(&Rule) -> Option<Severity>,
) -> String {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| rule_descriptor(r, severity_of(r), lang))
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": { "text": f.message.get(lang) },
                "locations": [ { "physicalLocation": physical(files, &f.location) } ],
            });
            if let Some(i) = REGISTRY.iter().position(|r| r.code == f.code) {
                result["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            json!({
                                "id": i,
                                "physicalLocation": physical(files, &r.location),
                                "message": { "text": r.message.get(lang) },
                            })
                        })
                        .collect(),
                );
            }
            if let Some(s) = &f.subject {
                result["partialFingerprints"] =
                    json!({ "plancheckSubject/v1": format!("{}:{}", f.code, s) });
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "plancheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/plancheck/plancheck",
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        } ],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON of plain data");
    s.push('\n');
    s
}
