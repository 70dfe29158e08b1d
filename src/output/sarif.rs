//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

use super::anchor::{Anchor, Place, encode_path, file_uri, place_without_anchor};
use super::{Rendered, Reporter, Settings};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::outcome::Outcome;
use crate::outcome::severity::Policy;
use crate::plan::config::Level;
use crate::plan::source::{SourceFile, position};
use crate::rules::{REGISTRY, Rule};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(r: &Rule, configured: Option<Severity>, lang: Lang) -> Value {
    let d = &r.docs;
    let help = format!(
        "{}\n\n{}\n\n{}",
        lang.pick(d.what),
        lang.pick(d.why),
        lang.pick(d.fix)
    );
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": lang.pick(r.summary) },
        "fullDescription": { "text": lang.pick(d.what) },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(configured.unwrap_or(r.severity)) },
    })
}

/// The base that relative URIs refer to, declared in `run.originalUriBaseIds`.
const SRCROOT: &str = "%SRCROOT%";

/// An `artifactLocation`: a relative reference to the base `%SRCROOT%` inside it, a `file:`
/// URI outside it; percent-encoded.
fn artifact_location(anchor: Option<&Anchor>, shown: &str) -> Value {
    let place = match anchor {
        Some(a) => a.place(shown),
        None => place_without_anchor(shown),
    };
    match place {
        Place::InBase(rel) => json!({ "uri": encode_path(&rel), "uriBaseId": SRCROOT }),
        Place::Outside(abs) => json!({ "uri": file_uri(&abs) }),
    }
}

fn physical(files: &[SourceFile], loc: &Location, anchor: Option<&Anchor>) -> Value {
    let p = position(files, loc);
    let artifact = artifact_location(anchor, &p.file);
    match loc {
        Location::Span { .. } => json!({
            "artifactLocation": artifact,
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column,
            }
        }),
        Location::Path(_) => json!({ "artifactLocation": artifact }),
    }
}

fn result(files: &[SourceFile], f: &Finding, lang: Lang, anchor: Option<&Anchor>) -> Value {
    let mut result = json!({
        "ruleId": f.code,
        "level": level(f.severity),
        "message": { "text": f.message.get(lang) },
        "locations": [ { "physicalLocation": physical(files, &f.location, anchor) } ],
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
                        "physicalLocation": physical(files, &r.location, anchor),
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
}

/// `--format sarif`: a SARIF 2.1.0 log. Locations are relative references to `%SRCROOT%`,
/// declared in `originalUriBaseIds` as the base folder of the settings' anchor (the repository
/// root, else the working directory); `file:` URIs outside it. Rule descriptors carry the configured severities;
/// with `--show-suppressed`, suppressed findings are results with an `inSource` suppression
/// whose justification is the `allow`'s reason. The baseline comparison goes to standard
/// error.
pub struct Sarif;

impl Reporter for Sarif {
    fn name(&self) -> &'static str {
        "sarif"
    }

    fn render(&self, outcome: &Outcome, settings: &Settings) -> Rendered {
        Rendered {
            stdout: log(outcome, settings),
            stderr: super::baseline_note(outcome, settings.lang),
        }
    }
}

fn configured_severity(policy: &Policy, r: &Rule) -> Option<Severity> {
    match policy.configured(r) {
        Some(Level::On(s)) => Some(s),
        _ => None,
    }
}

fn log(outcome: &Outcome, settings: &Settings) -> String {
    let (lang, anchor) = (settings.lang, settings.anchor.as_ref());
    let files = &outcome.files;
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| rule_descriptor(r, configured_severity(&outcome.policy, r), lang))
        .collect();
    let mut results: Vec<Value> = outcome
        .findings
        .iter()
        .map(|f| result(files, f, lang, anchor))
        .collect();
    if settings.show_suppressed {
        results.extend(outcome.suppressed.iter().map(|s| {
            let mut r = result(files, &s.finding, lang, anchor);
            r["suppressions"] = json!([{ "kind": "inSource", "justification": s.reason }]);
            r
        }));
    }
    let mut run = json!({
        "tool": { "driver": {
            "name": "plancheck",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://github.com/plancheck/plancheck",
            "rules": rules,
        } },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(a) = anchor {
        run["originalUriBaseIds"] = json!({ SRCROOT: { "uri": a.base_uri() } });
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ run ],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON of plain data");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Msg;

    #[test]
    fn related_locations_only_when_there_are_related_places() {
        let files = vec![SourceFile::new(
            "plan/a.toml".into(),
            "a.toml".into(),
            "x = 1\ny = 2\n".into(),
        )];
        let lone = Finding::new(
            "PC404",
            "draft-plan",
            Severity::Info,
            Finding::at(0, 0..1),
            Msg::new("案", "draft"),
        );
        let with = lone
            .clone()
            .related(Finding::at(0, 6..7), Msg::new("ここ", "here"));
        let r = result(&files, &lone, Lang::En, None);
        assert!(r.get("relatedLocations").is_none(), "{r}");
        let r = result(&files, &with, Lang::En, None);
        let related = r["relatedLocations"].as_array().expect("related locations");
        assert_eq!(related.len(), 1, "{r}");
        assert_eq!(related[0]["message"]["text"], "here");
        assert_eq!(
            related[0]["physicalLocation"]["region"]["startLine"], 2,
            "{r}"
        );
    }
}
