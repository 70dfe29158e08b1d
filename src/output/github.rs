//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use super::anchor::{Anchor, Place, place_without_anchor};
use super::{Rendered, Reporter, Settings, counts};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::msg;
use crate::outcome::Outcome;
use crate::plan::source::{SourceFile, position};

/// Escapes a command's message (data): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The path of an annotation: relative to the repository root (the anchor's base) when the
/// file is inside it, so that the annotation lands on the file's lines; absolute otherwise.
fn annotation_path(anchor: Option<&Anchor>, shown: &str) -> String {
    let place = match anchor {
        Some(a) => a.place(shown),
        None => place_without_anchor(shown),
    };
    match place {
        Place::InBase(p) | Place::Outside(p) => p,
    }
}

/// The annotations of sorted findings at or above `min` and a count line (of all findings).
fn annotations(
    files: &[SourceFile],
    findings: &[Finding],
    lang: Lang,
    anchor: Option<&Anchor>,
    min: Severity,
) -> String {
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.severity >= min) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let p = position(files, &f.location);
        let file = annotation_path(anchor, &p.file);
        let mut props = vec![format!("file={}", escape_property(&file))];
        if let Location::Span { .. } = f.location {
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
            props.push(format!("endLine={}", p.end_line));
            props.push(format!("endColumn={}", p.end_column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", f.code, f.rule))
        ));
        let mut message = f.message.get(lang).to_string();
        if let Some(h) = &f.help {
            message.push('\n');
            message.push_str(h.get(lang));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    let (e, w, i) = counts(findings);
    let count = msg!(
        "plancheck: エラー {e} 件、警告 {w} 件、情報 {i} 件",
        "plancheck: {e} error(s), {w} warning(s), {i} info"
    );
    out.push_str(count.get(lang));
    out.push('\n');
    out
}

/// `--format github`: one workflow command per reported finding, a count line, then the
/// baseline comparison. Suppressed findings are left out: an annotation cannot be hidden.
pub struct Github;

impl Reporter for Github {
    fn name(&self) -> &'static str {
        "github"
    }

    fn render(&self, outcome: &Outcome, settings: &Settings) -> Rendered {
        let mut stdout = annotations(
            &outcome.files,
            &outcome.findings,
            settings.lang,
            settings.anchor.as_ref(),
            settings.min_severity,
        );
        if let Some(b) = &outcome.baseline {
            stdout.push_str(&b.text(settings.lang));
            stdout.push('\n');
        }
        stdout.push_str(super::closing(outcome, settings).get(settings.lang));
        stdout.push('\n');
        Rendered {
            stdout,
            stderr: String::new(),
        }
    }
}

/// Escapes a markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The job summary for `$GITHUB_STEP_SUMMARY` (markdown): counts, the findings by rule, the
/// fixed baseline entries, and what decided the exit code.
pub fn step_summary(outcome: &Outcome, settings: &Settings) -> String {
    let lang = settings.lang;
    let (e, w, i) = counts(&outcome.findings);
    let name = outcome
        .context
        .plan_name
        .clone()
        .unwrap_or_else(|| "plancheck".to_string());
    let mut out = format!("## plancheck: {}\n\n", cell(&name));
    out.push_str(
        msg!(
            "| エラー | 警告 | 情報 |\n|---:|---:|---:|\n| {e} | {w} | {i} |\n\n",
            "| errors | warnings | info |\n|---:|---:|---:|\n| {e} | {w} | {i} |\n\n"
        )
        .get(lang),
    );
    let mut by_rule: std::collections::BTreeMap<(std::cmp::Reverse<Severity>, &str, &str), usize> =
        std::collections::BTreeMap::new();
    for f in &outcome.findings {
        *by_rule
            .entry((std::cmp::Reverse(f.severity), f.code, f.rule))
            .or_default() += 1;
    }
    if !by_rule.is_empty() {
        out.push_str(
            msg!(
                "| コード | ルール | 重大度 | 件数 |\n|---|---|---|---:|\n",
                "| code | rule | severity | count |\n|---|---|---|---:|\n"
            )
            .get(lang),
        );
        for ((severity, code, rule), n) in &by_rule {
            let sev = match severity.0 {
                Severity::Error => msg!("エラー", "error"),
                Severity::Warning => msg!("警告", "warning"),
                Severity::Info => msg!("情報", "info"),
            };
            out.push_str(&format!("| {code} | {rule} | {} | {n} |\n", sev.get(lang)));
        }
        out.push('\n');
    }
    if let Some(b) = &outcome.baseline {
        for line in b.text(lang).lines() {
            let line = line.trim_start();
            if line == b.message().get(lang) {
                out.push_str(&format!("{}\n\n", cell(line)));
            } else {
                out.push_str(&format!("- {}\n", cell(line)));
            }
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "**{}**\n",
        super::closing(outcome, settings).get(lang)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        // ':' and ',' stay in data
        assert_eq!(escape_data("a:b,c"), "a:b,c");
    }

    /// The job summary: the plan's name and the fixed baseline entries with their `|` escaped
    /// and line breaks folded (a table cell stays one cell), the baseline's count line as a
    /// paragraph and each fixed entry as a bullet.
    #[test]
    fn the_step_summary_escapes_names_and_lists_fixed_baseline_entries() {
        use crate::outcome::{BaselineResult, Context, Status, baseline::Entry};
        let outcome = Outcome {
            files: Vec::new(),
            findings: Vec::new(),
            suppressed: Vec::new(),
            baseline: Some(BaselineResult {
                known: 1,
                fixed: vec![Entry {
                    code: "PC102".into(),
                    file: "plan.toml".into(),
                    subject: Some("方針|９".into()),
                    message: "unknown direction".into(),
                }],
            }),
            policy: Default::default(),
            status: Status::Passed,
            context: Context {
                plan_name: Some("テスト市|計画\n第2版".into()),
                ..Context::default()
            },
        };
        let settings = Settings {
            lang: Lang::En,
            color: false,
            width: 80,
            show_suppressed: false,
            anchor: None,
            min_severity: Severity::Warning,
        };
        assert_eq!(
            step_summary(&outcome, &settings),
            "## plancheck: テスト市\\|計画 第2版\n\
             \n\
             | errors | warnings | info |\n\
             |---:|---:|---:|\n\
             | 0 | 0 | 0 |\n\
             \n\
             baseline: 1 known findings not shown, 1 baseline entries fixed now\n\
             \n\
             - fixed: PC102 plan.toml (方針\\|９): unknown direction\n\
             \n\
             **No errors and no warnings. Exit code 0.**\n"
        );
    }
}
