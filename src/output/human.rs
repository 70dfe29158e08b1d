//! Human output, triage first: a header line with the counts; the errors, then the warnings,
//! in full (miette snippets), grouped by project, or by file outside the projects; one table of
//! the remaining findings by rule with counts; a closing line that says what decided the exit
//! code. No line is wider than `--width`.

use super::snippet::{self, truncate, wrap};
use super::{Rendered, Reporter, Settings, closing, counts, visible};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::{Lang, Msg, plural};
use crate::msg;
use crate::outcome::{Outcome, Status};
use crate::plan::source::{SourceFile, position};
use std::collections::{BTreeMap, HashMap};

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

/// Renders findings (already sorted) in full, each with its snippet, and a closing count line
/// (the rules' fixture snapshots).
pub fn render(files: &[SourceFile], findings: &[Finding], style: Style) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&snippet::draw(
            files,
            f,
            style.lang,
            style.color,
            style.width,
        ));
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
    fn for_people(&self) -> bool {
        true
    }

    fn render(&self, outcome: &Outcome, settings: &Settings) -> Rendered {
        Rendered {
            stdout: triage(&visible::outcome(outcome), settings),
            stderr: String::new(),
        }
    }
}

/// The header line: what was checked and what was found.
fn header(outcome: &Outcome) -> Msg {
    let (e, w, i) = counts(&outcome.findings);
    let n = outcome.files.len();
    if let Status::NotLoaded { errors } = outcome.status {
        let (es, ns) = (plural(errors), plural(n));
        return msg!(
            "計画の読み込み: エラー {errors} 件（{n} ファイル）",
            "loading the plan: {errors} error{es} ({n} file{ns})"
        );
    }
    let c = &outcome.context;
    let name = c
        .plan_name
        .clone()
        .or_else(|| c.root.clone())
        .unwrap_or_default();
    let (es, ws, ns) = (plural(e), plural(w), plural(n));
    msg!(
        "{name}: {n} ファイル、エラー {e} 件、警告 {w} 件、情報 {i} 件",
        "{name}: {n} file{ns}, {e} error{es}, {w} warning{ws}, {i} info"
    )
}

/// How a group of findings is headed: a project, or a file outside the projects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    /// Position of the project in the plan, and its number.
    Project(usize, i64),
    File(String),
}

/// The position of each project number in the plan (its first project of that number).
fn project_order(outcome: &Outcome) -> HashMap<i64, usize> {
    let mut order = HashMap::new();
    for (i, p) in outcome.context.projects.iter().enumerate() {
        order.entry(p.0).or_insert(i);
    }
    order
}

fn group_of(outcome: &Outcome, order: &HashMap<i64, usize>, index: usize) -> Group {
    let c = &outcome.context;
    // `project_of` runs parallel to the findings of the outcome it was computed for.
    let aligned = c.project_of.len() == outcome.findings.len();
    if let Some(n) = c
        .project_of
        .get(index)
        .copied()
        .flatten()
        .filter(|_| aligned)
    {
        let at = order.get(&n).copied().unwrap_or(usize::MAX);
        return Group::Project(at, n);
    }
    match &outcome.findings[index].location {
        Location::Span { file, .. } => Group::File(outcome.files[*file].path.clone()),
        Location::Path(p) => Group::File(p.clone()),
    }
}

fn group_title(outcome: &Outcome, g: &Group, lang: Lang) -> String {
    match g {
        Group::Project(_, n) => {
            let name = outcome
                .context
                .projects
                .iter()
                .find(|p| p.0 == *n)
                .map_or("", |p| p.1.as_str());
            msg!("重点プロジェクト{n}　{name}", "Project {n}: {name}")
                .get(lang)
                .to_string()
        }
        Group::File(path) => path.clone(),
    }
}

/// A severity as a section heading.
fn severity_name(s: Severity) -> Msg {
    match s {
        Severity::Error => Msg::new("エラー", "Errors"),
        Severity::Warning => Msg::new("警告", "Warnings"),
        Severity::Info => Msg::new("情報", "Info"),
    }
}

/// A severity in a table row.
fn severity_label(s: Severity) -> Msg {
    match s {
        Severity::Error => Msg::new("エラー", "error"),
        Severity::Warning => Msg::new("警告", "warning"),
        Severity::Info => Msg::new("情報", "info"),
    }
}

/// The whole human output of a check.
fn triage(outcome: &Outcome, settings: &Settings) -> String {
    let (lang, width) = (settings.lang, settings.width);
    let mut out = wrap(header(outcome).get(lang), width, "", "  ");
    out.push('\n');
    let order = project_order(outcome);
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        if severity < settings.min_severity {
            continue;
        }
        let mut listed: Vec<(Group, usize)> = (0..outcome.findings.len())
            .filter(|&i| outcome.findings[i].severity == severity)
            .map(|i| (group_of(outcome, &order, i), i))
            .collect();
        if listed.is_empty() {
            continue;
        }
        // Stable: within a group, the findings keep their sorted order.
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        let n = listed.len();
        let name = severity_name(severity);
        let name = name.get(lang);
        let heading = msg!("■ {name} {n} 件", "■ {name} ({n})");
        out.push('\n');
        out.push_str(&truncate(heading.get(lang), width));
        out.push('\n');
        let mut current = None;
        for (g, i) in listed {
            if current.as_ref() != Some(&g) {
                // The group's rule line is the separator: no blank line before it, so that a
                // council-sized plan's warnings stay within a few screens.
                let title = format!("── {} ──", group_title(outcome, &g, lang));
                out.push_str(&truncate(&title, width));
                out.push('\n');
                current = Some(g);
            }
            out.push_str(&snippet::draw(
                &outcome.files,
                &outcome.findings[i],
                lang,
                settings.color,
                width,
            ));
        }
    }
    let rest: Vec<&Finding> = outcome
        .findings
        .iter()
        .filter(|f| f.severity < settings.min_severity)
        .collect();
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(&statistics(&rest, lang, width));
    }
    if settings.show_suppressed && !outcome.suppressed.is_empty() {
        out.push('\n');
        out.push_str(msg!("抑止された指摘（allow）:", "suppressed findings (allow):").get(lang));
        out.push('\n');
        for s in &outcome.suppressed {
            let p = position(&outcome.files, &s.finding.location);
            let (code, file, line, column) = (s.finding.code, &p.file, p.line, p.column);
            let (message, reason) = (s.finding.message.get(lang), &s.reason);
            let item = msg!(
                "{code} {file}:{line}:{column} {message} — 理由: {reason}",
                "{code} {file}:{line}:{column} {message} — reason: {reason}"
            );
            out.push_str(&wrap(item.get(lang), width, "  ", "    "));
            out.push('\n');
        }
    }
    out.push('\n');
    if let Some(b) = &outcome.baseline {
        for line in visible::text(&b.text(lang)).lines() {
            out.push_str(&truncate(line, width));
            out.push('\n');
        }
    }
    out.push_str(&wrap(closing(outcome, settings).get(lang), width, "", ""));
    out.push('\n');
    out
}

/// The findings not listed in full, counted by severity and rule (ruff's `--statistics`),
/// with how to see them.
fn statistics(rest: &[&Finding], lang: Lang, width: usize) -> String {
    let mut by_rule: BTreeMap<(std::cmp::Reverse<Severity>, &str, &str), usize> = BTreeMap::new();
    for f in rest {
        *by_rule
            .entry((std::cmp::Reverse(f.severity), f.code, f.rule))
            .or_default() += 1;
    }
    let mut rows: Vec<_> = by_rule.into_iter().collect();
    rows.sort_by_key(|r| (r.0.0, std::cmp::Reverse(r.1)));
    let n = rest.len();
    let heading = msg!(
        "一覧に出していない指摘 {n} 件（規則別の件数）:",
        "{n} findings not listed above, by rule:"
    );
    let mut out = wrap(heading.get(lang), width, "", "");
    out.push('\n');
    let name_width = rows.iter().map(|r| r.0.2.len()).max().unwrap_or(0);
    for ((severity, code, rule), count) in &rows {
        let summary = crate::rules::find(code)
            .map_or_else(|| Msg::new("", ""), |r| Msg::new(r.summary.0, r.summary.1));
        let summary = summary.get(lang);
        let sev = severity_label(severity.0);
        let sev = sev.get(lang);
        let row = format!("  {count:>5}  {code}  {rule:<name_width$}  {sev}  {summary}");
        out.push_str(&truncate(row.trim_end(), width));
        out.push('\n');
    }
    let lowest = rest
        .iter()
        .map(|f| f.severity)
        .min()
        .unwrap_or(Severity::Info);
    let level = lowest.as_str();
    let mut hint = msg!(
        "これらも一覧にするには --min-severity {level} を付けてください（--format concise なら 1 件 1 行）。",
        "To list these too, add --min-severity {level} (--format concise: one line each)."
    )
    .get(lang)
    .to_string();
    if rest.iter().any(|f| f.code.starts_with("PC4")) {
        hint.push_str(
            msg!(
                "未確定箇所は plancheck report で表にできます。",
                " Placeholders (PC4xx) are tabulated by plancheck report."
            )
            .get(lang),
        );
    }
    out.push_str(&wrap(&hint, width, "", ""));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::default_width;

    // Found by fuzzing (the `render` target): the heading of the counted findings was not
    // fitted to the width (44 columns in Japanese).
    #[test]
    fn the_heading_of_counted_findings_fits_the_width() {
        use crate::i18n::{Lang, Msg};
        use unicode_width::UnicodeWidthStr;
        let f = crate::rules::width_variant::RULE.finding(0, 0..1, Msg::new("幅", "width"));
        let out = super::statistics(&[&f], Lang::Ja, 40);
        let first = out.lines().next().unwrap();
        assert!(first.width() <= 40, "{out}");
    }

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

#[cfg(test)]
mod triage_tests {
    use super::triage;
    use crate::finding::Severity;
    use crate::i18n::{Lang, Msg};
    use crate::outcome::{Context, Outcome, Status};
    use crate::output::Settings;
    use crate::plan::source::SourceFile;
    use crate::rules::notation_mix;

    fn settings(show_suppressed: bool) -> Settings {
        Settings {
            lang: Lang::En,
            color: false,
            width: 100,
            show_suppressed,
            anchor: None,
            min_severity: Severity::Info,
        }
    }

    /// One finding in each of two projects: number 20 comes first in the plan, number 10
    /// second; the first finding (in file order) is in project 10.
    fn two_projects() -> Outcome {
        let text = "a = 1\nb = 2\n".to_string();
        let file = SourceFile::new("plan/c.toml".into(), "c.toml".into(), text);
        let f = |at: usize| notation_mix::RULE.finding(0, at..at + 1, Msg::new("混在", "mixed"));
        Outcome {
            files: vec![file],
            findings: vec![f(0), f(6)],
            suppressed: Vec::new(),
            baseline: None,
            policy: Default::default(),
            status: Status::Passed,
            context: Context {
                plan_name: Some("Plan".into()),
                root: None,
                projects: vec![(20, "Twenty".into()), (10, "Ten".into())],
                project_of: vec![Some(10), Some(20)],
            },
        }
    }

    // Findings are grouped by project in the plan's order, not by project number.
    #[test]
    fn project_groups_follow_the_plan_order_not_the_numbers() {
        let out = triage(&two_projects(), &settings(false));
        let twenty = out.find("Twenty").expect(&out);
        let ten = out.find("Ten").expect(&out);
        assert!(twenty < ten, "{out}");
    }

    // `--show-suppressed` with nothing suppressed adds no empty section.
    #[test]
    fn show_suppressed_with_nothing_suppressed_adds_no_section() {
        let out = triage(&two_projects(), &settings(true));
        assert!(!out.contains("suppressed"), "{out}");
    }
}
