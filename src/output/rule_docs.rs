//! The rule documentation as text: `plancheck rules`, `plancheck explain` and
//! docs/rules.md, all generated from the registry.

use crate::i18n::Lang;
use crate::msg;
use crate::outcome::fix::has_fix;
use crate::output::table::{Ambiguous, render};
use crate::plan::config::Level;
use crate::rules::{REGISTRY, Rule};

/// The rule list as an aligned table.
pub fn list(lang: Lang) -> String {
    let header = [
        msg!("コード", "code"),
        msg!("規則名", "rule"),
        msg!("既定の重大度", "default"),
        msg!("自動修正", "fix"),
        msg!("内容", "summary"),
    ];
    let mut rows = vec![lang.texts(&header)];
    for r in REGISTRY {
        rows.push(vec![
            r.code.to_string(),
            r.name.to_string(),
            r.severity.label().get(lang).to_string(),
            if has_fix(r) {
                msg!("あり", "yes").get(lang).to_string()
            } else {
                String::new()
            },
            lang.pick(r.summary).to_string(),
        ]);
    }
    render(&rows, &[], Ambiguous::Narrow)
}

/// A rule's documentation, with the level configured in the plan folder, if any.
pub fn explain(r: &Rule, configured: Option<Level>, lang: Lang) -> String {
    let d = &r.docs;
    let h_what = msg!("検査内容", "What it checks");
    let h_why = msg!("重要な理由", "Why it matters");
    let h_ex = msg!("例", "Example");
    let h_fix = msg!("直し方", "How to fix");
    let h_sev = msg!("既定の重大度", "Default severity");
    let example: String = lang
        .pick(d.example)
        .lines()
        .map(|l| format!("    {l}\n"))
        .collect();
    format!(
        "{code} {name}: {summary}\n\n{h_sev}: {sev}\n{autofix}\n\n{h_what}\n  {what}\n\n{h_why}\n  {why}\n\n{h_ex}\n{example}\n{h_fix}\n  {fix}\n",
        code = r.code,
        name = r.name,
        summary = lang.pick(r.summary),
        h_sev = h_sev.get(lang),
        h_what = h_what.get(lang),
        h_why = h_why.get(lang),
        h_ex = h_ex.get(lang),
        h_fix = h_fix.get(lang),
        sev = severity_line(r, configured, lang).get(lang),
        autofix = fix_line(r).get(lang),
        what = lang.pick(d.what),
        why = lang.pick(d.why),
        fix = lang.pick(d.fix),
    )
}

/// Whether `plancheck fix` corrects the rule's findings.
fn fix_line(r: &Rule) -> crate::i18n::Msg {
    if has_fix(r) {
        msg!(
            "自動修正: あり（`plancheck fix` で直せます）",
            "Automatic fix: yes (`plancheck fix`)"
        )
    } else {
        msg!("自動修正: なし", "Automatic fix: none")
    }
}

fn severity_line(r: &Rule, configured: Option<Level>, lang: Lang) -> crate::i18n::Msg {
    let default = r.severity.label().get(lang).to_string();
    match configured {
        None => msg!("{default}", "{default}"),
        Some(Level::Off) => msg!(
            "{default}（plancheck.toml で off に設定しているため、検査しません）",
            "{default} (configured: off in plancheck.toml)"
        ),
        Some(Level::On(s)) => {
            let s = s.label().get(lang).to_string();
            msg!(
                "{default}（plancheck.toml で{s}に設定しています）",
                "{default} (configured: {s} in plancheck.toml)"
            )
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
            "\n## {code}\n\n`{name}` — default severity: {sev}{autofix}\n\n\
             **What it checks.** {what_en}\n\n**Why it matters.** {why_en}\n\n**How to fix.** {fix_en}\n\n\
             **検査内容** {what_ja}\n\n**重要な理由** {why_ja}\n\n**直し方** {fix_ja}\n\n```toml\n{example}\n```\n",
            code = r.code,
            name = r.name,
            sev = r.severity.as_str(),
            autofix = if has_fix(r) {
                " — automatic fix: `plancheck fix` / 自動修正あり"
            } else {
                ""
            },
            what_en = d.what.1,
            why_en = d.why.1,
            fix_en = d.fix.1,
            what_ja = d.what.0,
            why_ja = d.why.0,
            fix_ja = d.fix.0,
            example = d.example.1,
        ));
    }
    out
}
