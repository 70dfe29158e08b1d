//! `plancheck rules` and `plancheck explain`, generated from the registry.

use super::{REGISTRY, Rule};
use crate::i18n::Lang;
use crate::output::table::{Ambiguous, render};

fn pick(lang: Lang, pair: (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Ja => pair.0,
        Lang::En => pair.1,
    }
}

/// The rule list as an aligned table.
pub fn list(lang: Lang) -> String {
    let header = match lang {
        Lang::Ja => ["コード", "規則名", "既定の重大度", "内容"],
        Lang::En => ["code", "rule", "default", "summary"],
    };
    let mut rows = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for r in REGISTRY {
        rows.push(vec![
            r.code.to_string(),
            r.name.to_string(),
            r.severity.as_str().to_string(),
            pick(lang, r.summary).to_string(),
        ]);
    }
    render(&rows, &[], Ambiguous::Narrow)
}

/// A rule's documentation, with the severity configured in the plan folder, if any.
pub fn explain(r: &Rule, configured: Option<crate::plan::config::Level>, lang: Lang) -> String {
    let d = &r.docs;
    let (h_what, h_why, h_ex, h_fix, h_sev) = match lang {
        Lang::Ja => ("検査内容", "重要な理由", "例", "直し方", "既定の重大度"),
        Lang::En => (
            "What it checks",
            "Why it matters",
            "Example",
            "How to fix",
            "Default severity",
        ),
    };
    let example: String = d.example.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "{code} {name}: {summary}\n\n{h_sev}: {sev}\n\n{h_what}\n  {what}\n\n{h_why}\n  {why}\n\n{h_ex}\n{example}\n{h_fix}\n  {fix}\n",
        code = r.code,
        name = r.name,
        summary = pick(lang, r.summary),
        sev = severity_line(r, configured, lang),
        what = pick(lang, d.what),
        why = pick(lang, d.why),
        fix = pick(lang, d.fix),
    )
}

fn severity_line(r: &Rule, configured: Option<crate::plan::config::Level>, lang: Lang) -> String {
    use crate::plan::config::Level;
    let default = r.severity.as_str();
    match (configured, lang) {
        (None, _) => default.to_string(),
        (Some(Level::Off), Lang::Ja) => format!("{default}（plancheck.toml で off に設定）"),
        (Some(Level::Off), Lang::En) => format!("{default} (configured: off in plancheck.toml)"),
        (Some(Level::On(s)), Lang::Ja) => {
            format!("{default}（plancheck.toml で {} に設定）", s.as_str())
        }
        (Some(Level::On(s)), Lang::En) => {
            format!("{default} (configured: {} in plancheck.toml)", s.as_str())
        }
    }
}

/// The whole catalogue as Markdown (docs/rules.md), in both languages.
pub fn markdown() -> String {
    let mut out = String::from(
        "# plancheck rules / 規則一覧\n\n\
         Generated from the rule registry (`src/rules/`); do not edit by hand: run\n\
         `UPDATE_DOCS=1 cargo test --test docs` after changing a rule.\n\n\
         | code | rule | default | summary | 概要 |\n|---|---|---|---|---|\n",
    );
    for r in REGISTRY {
        out.push_str(&format!(
            "| [{code}](#{anchor}) | `{name}` | {sev} | {en} | {ja} |\n",
            code = r.code,
            anchor = r.code.to_lowercase(),
            name = r.name,
            sev = r.severity.as_str(),
            en = r.summary.1,
            ja = r.summary.0,
        ));
    }
    for r in REGISTRY {
        let d = &r.docs;
        out.push_str(&format!(
            "\n## {code}\n\n`{name}` — default severity: {sev}\n\n\
             **What it checks.** {what_en}\n\n**Why it matters.** {why_en}\n\n**How to fix.** {fix_en}\n\n\
             **検査内容** {what_ja}\n\n**重要な理由** {why_ja}\n\n**直し方** {fix_ja}\n\n```toml\n{example}\n```\n",
            code = r.code,
            name = r.name,
            sev = r.severity.as_str(),
            what_en = d.what.1,
            why_en = d.why.1,
            fix_en = d.fix.1,
            what_ja = d.what.0,
            why_ja = d.why.0,
            fix_ja = d.fix.0,
            example = d.example,
        ));
    }
    out
}
