//! The output layer: one [`Reporter`] per `check` format, each rendering the whole
//! [`Outcome`]; the shared table renderer; the renderers of the `report`, `matrix`, `stats`,
//! `rules` and `explain` outputs. Renderers return text; they print nothing.
//!
//! Adding a `check` format: a file here implementing [`Reporter`], and one line in
//! [`REPORTERS`] (the command line takes its `--format` values from that list).

pub mod anchor;
pub mod concise;
pub mod diff;
pub mod fit;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod matrix;
pub mod placeholder_report;
pub mod rule_docs;
pub mod sarif;
pub mod schema_docs;
pub mod snippet;
pub mod stats;
pub mod table;
pub mod visible;
pub mod workbook;

use crate::finding::{Finding, Severity};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::outcome::{Outcome, Status};

/// How to render: chosen on the command line.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    /// Colour in human output.
    pub color: bool,
    /// Width of human output in columns.
    pub width: usize,
    /// Also render the findings hidden by `allow`, with their reasons.
    pub show_suppressed: bool,
    /// Where the plan folder lies, for the paths of SARIF and GitHub annotations (relative to
    /// the repository root); `None`: paths as shown, relative ones taken as relative to it.
    pub anchor: Option<anchor::Anchor>,
    /// Findings below this severity are counted, not listed (human, concise, github).
    pub min_severity: Severity,
}

/// What a reporter renders: the document for standard output, and notes for standard error
/// (a machine-readable document keeps its notes out of the document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub stdout: String,
    pub stderr: String,
}

/// One output format of `check`: renders a whole outcome — findings, suppressed findings,
/// baseline result — in its own way.
pub trait Reporter: Sync {
    /// The `--format` value.
    fn name(&self) -> &'static str;
    fn render(&self, outcome: &Outcome, settings: &Settings) -> Rendered;
    /// Whether the format is read by a person at a terminal (it may be redrawn, as
    /// `check --watch` does) rather than parsed as one document by a program.
    fn for_people(&self) -> bool {
        false
    }
}

/// Every `check` format, in the order `--help` lists them.
pub static REPORTERS: &[&dyn Reporter] = &[
    &human::Human,
    &concise::Concise,
    &json::Json,
    &sarif::Sarif,
    &github::Github,
];

/// The reporter for a `--format` value.
pub fn reporter(name: &str) -> Option<&'static dyn Reporter> {
    REPORTERS.iter().copied().find(|r| r.name() == name)
}

/// Counts per severity: (error, warning, info).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

/// The baseline comparison as a line for standard error (machine formats), or nothing.
fn baseline_note(outcome: &Outcome, lang: Lang) -> String {
    outcome
        .baseline
        .as_ref()
        .map(|b| format!("{}\n", b.text(lang)))
        .unwrap_or_default()
}

/// The closing line of human and concise output: what decided the exit code.
pub fn closing(outcome: &Outcome, _settings: &Settings) -> Msg {
    let (_, w, _) = counts(&outcome.findings);
    let code = outcome.status.code();
    let es = if matches!(outcome.status, Status::NotLoaded { errors: 1 }) {
        ""
    } else {
        "s"
    };
    match outcome.status {
        Status::NotLoaded { errors } => msg!(
            "計画を読み込めなかったため、点検は行っていません（読み込みエラー {errors} 件、終了コード {code}）。",
            "The plan could not be loaded, so no check ran ({errors} load error{es}, exit code {code})."
        ),
        Status::Passed if w == 0 => msg!(
            "エラーも警告もありません（終了コード {code}）。",
            "No errors and no warnings. Exit code {code}."
        ),
        Status::Passed => msg!(
            "エラーはありません。警告 {w} 件は確認してください（終了コード {code}）。",
            "No errors. Please review the {w} warnings. Exit code {code}."
        ),
        Status::Failed {
            errors,
            denied_warnings: 0,
        } => {
            let s = crate::i18n::plural(errors);
            msg!(
                "エラー {errors} 件があるため失敗としました（終了コード {code}）。",
                "Failed: {errors} error{s}. Exit code {code}."
            )
        }
        Status::Failed {
            errors: 0,
            denied_warnings,
        } => msg!(
            "--deny warnings により警告 {denied_warnings} 件を失敗として扱いました（終了コード {code}）。",
            "Failed: --deny warnings counts the {denied_warnings} warnings as failures. Exit code {code}."
        ),
        Status::Failed {
            errors,
            denied_warnings,
        } => msg!(
            "エラー {errors} 件があり、--deny warnings により警告 {denied_warnings} 件も失敗として扱いました（終了コード {code}）。",
            "Failed: {errors} errors, and --deny warnings counts the {denied_warnings} warnings as failures. Exit code {code}."
        ),
        Status::ExitZero {
            errors,
            denied_warnings,
        } => msg!(
            "エラー {errors} 件、失敗扱いの警告 {denied_warnings} 件がありますが、--exit-zero のため成功としました（終了コード {code}）。",
            "{errors} errors and {denied_warnings} denied warnings, but --exit-zero makes this a success. Exit code {code}."
        ),
    }
}
