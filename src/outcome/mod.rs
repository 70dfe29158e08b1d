//! The outcome layer: what a check means once the rules have run — suppressions applied,
//! severities set, findings sorted, baseline compared, exit status decided. [`check`] is the
//! library's entry point: every caller (the command line, tests, fuzzing, benchmarks) goes
//! through it, and nothing else sorts findings.

pub mod baseline;
pub mod causes;
pub mod delta;
pub mod fix;
pub mod severity;
pub mod suppression;

use crate::analysis::projects::Extents;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::load::{LoadFailure, Loaded};
use crate::plan::model::Plan;
use crate::plan::source::{SourceFile, position};
use crate::rules;
use baseline::Baseline;
use severity::Policy;
use std::path::Path;
use suppression::Suppressed;

/// What the caller asks of a check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Count warnings as errors for the exit status (`--deny warnings`).
    pub deny_warnings: bool,
    /// Report, but succeed even when there are errors (`--exit-zero`).
    pub exit_zero: bool,
    /// Report only the findings that are not in this baseline (`--baseline`).
    pub baseline: Option<Baseline>,
}

/// What comparing with a baseline found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineResult {
    /// Findings in the baseline, not reported.
    pub known: usize,
    /// Baseline entries that no finding matches any more, sorted.
    pub fixed: Vec<baseline::Entry>,
}

impl BaselineResult {
    /// The count line, then one line per fixed entry (which ones, not only how many).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let mut out = self.message().get(lang).to_string();
        for e in &self.fixed {
            let (code, file, message) = (&e.code, &e.file, &e.message);
            // The recorded message is English: the Japanese line names rule, file and
            // subject only.
            let line = match &e.subject {
                Some(subject) => msg!(
                    "  解消済み: {code} {file}（{subject}）",
                    "  fixed: {code} {file} ({subject}): {message}"
                ),
                None => msg!(
                    "  解消済み: {code} {file}",
                    "  fixed: {code} {file}: {message}"
                ),
            };
            out.push('\n');
            out.push_str(line.get(lang));
        }
        out
    }

    pub fn message(&self) -> Msg {
        let (known, fixed) = (self.known, self.fixed.len());
        msg!(
            "ベースライン: 既知の指摘 {known} 件を除外、解消済みの項目 {fixed} 件",
            "baseline: {known} known findings not shown, {fixed} baseline entries fixed now"
        )
    }
}

/// The exit status of a check, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No finding at error severity (after configuration and flags): exit 0.
    Passed,
    /// Findings at error severity, or warnings under `deny_warnings`: exit 1.
    Failed {
        errors: usize,
        denied_warnings: usize,
    },
    /// Would have failed, but `exit_zero` was asked: exit 0.
    ExitZero {
        errors: usize,
        denied_warnings: usize,
    },
    /// The plan did not load: exit 2.
    NotLoaded { errors: usize },
}

impl Status {
    /// The process exit code (see the contract).
    pub fn code(&self) -> u8 {
        match self {
            Status::Passed | Status::ExitZero { .. } => 0,
            Status::Failed { .. } => 1,
            Status::NotLoaded { .. } => 2,
        }
    }

    /// Why the check ends with this status.
    pub fn why(&self) -> Msg {
        match *self {
            Status::Passed => msg!("エラーの指摘はありません", "no finding at error severity"),
            Status::Failed {
                errors,
                denied_warnings: 0,
            } => msg!(
                "エラーの指摘が {errors} 件あります",
                "{errors} findings at error severity"
            ),
            Status::Failed {
                errors,
                denied_warnings,
            } => msg!(
                "エラーの指摘が {errors} 件、--deny warnings で失敗扱いの警告が {denied_warnings} 件あります",
                "{errors} findings at error severity, {denied_warnings} warnings denied by --deny warnings"
            ),
            Status::ExitZero {
                errors,
                denied_warnings,
            } => msg!(
                "--exit-zero のため成功扱いです（エラー {errors} 件、失敗扱いの警告 {denied_warnings} 件）",
                "--exit-zero: success despite {errors} errors and {denied_warnings} denied warnings"
            ),
            Status::NotLoaded { errors } => msg!(
                "計画を読み込めませんでした（読み込みエラー {errors} 件）",
                "the plan did not load ({errors} load errors)"
            ),
        }
    }
}

/// The whole result of a check: what every output format renders.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The files the findings point into.
    pub files: Vec<SourceFile>,
    /// Reported findings, sorted by file, line, column, code, message; the load errors when
    /// the plan did not load.
    pub findings: Vec<Finding>,
    /// Findings hidden by `allow`, with their reasons, sorted the same way.
    pub suppressed: Vec<Suppressed>,
    /// Set when the check compared with a baseline.
    pub baseline: Option<BaselineResult>,
    /// The configured severities (empty when the plan did not load).
    pub policy: Policy,
    pub status: Status,
    /// The plan's name and projects, and the project of each reported finding.
    pub context: Context,
}

/// What the plan says about itself, for headers and for grouping findings.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The plan's name (`[plan] name`), when the plan loaded and has one.
    pub plan_name: Option<String>,
    /// The plan folder as shown to users, when the plan loaded.
    pub root: Option<String>,
    /// Projects by number, with their names, in plan order.
    pub projects: Vec<(i64, String)>,
    /// The project whose record holds each reported finding (parallel to `findings`).
    pub project_of: Vec<Option<i64>>,
}

impl Context {
    fn new(plan: &Plan, findings: &[Finding]) -> Context {
        let extents = Extents::new(plan);
        Context {
            plan_name: plan.meta.as_ref().map(|m| m.item.name.get_ref().clone()),
            root: Some(plan.root.clone()),
            projects: plan
                .projects
                .iter()
                .map(|p| (*p.item.number.get_ref(), p.item.name.get_ref().clone()))
                .collect(),
            project_of: findings
                .iter()
                .map(|f| extents.project_of(&f.location))
                .collect(),
        }
    }
}

impl Outcome {
    /// The outcome of a plan that did not load: its load errors, sorted.
    pub fn not_loaded(failure: LoadFailure) -> Outcome {
        let LoadFailure { files, mut errors } = failure;
        sort(&files, &mut errors);
        Outcome {
            status: Status::NotLoaded {
                errors: errors.len(),
            },
            files,
            findings: errors,
            suppressed: Vec::new(),
            baseline: None,
            policy: Policy::default(),
            context: Context::default(),
        }
    }
}

/// Sorts findings by file, line, column, code (then message, for total determinism).
pub fn sort(files: &[SourceFile], findings: &mut [Finding]) {
    findings.sort_by_cached_key(|f| sort_key(files, f));
}

fn sort_key(files: &[SourceFile], f: &Finding) -> (String, usize, usize, &'static str, String) {
    let p = position(files, &f.location);
    (p.file, p.line, p.column, f.code, f.message.en.clone())
}

/// How a plan folder is shown in output: as given, with `/` separators.
pub fn display_root(dir: &Path) -> String {
    dir.to_string_lossy().replace('\\', "/")
}

/// Loads the plan folder `dir` and checks it.
pub fn check(dir: &Path, options: &Options) -> Outcome {
    evaluate(rules::load(dir, &display_root(dir)), options)
}

/// [`check`], also handing back the plan's model (its files moved into the outcome) instead
/// of freeing it, so that the caller decides when to free it: a process that exits right
/// after may leave it to the operating system.
pub fn check_returning_model(dir: &Path, options: &Options) -> (Outcome, Option<Loaded>) {
    evaluate_returning_model(rules::load(dir, &display_root(dir)), options)
}

/// Checks a plan given as in-memory files `(relative path, text)` under the folder name
/// `root_display` (tests, fuzzing, benchmarks).
pub fn check_in_memory(root_display: &str, files: &[(&str, &str)], options: &Options) -> Outcome {
    evaluate(rules::load_from_memory(root_display, files), options)
}

/// Checks the result of loading (see [`rules::load`]).
pub fn evaluate(loaded: Result<Loaded, LoadFailure>, options: &Options) -> Outcome {
    evaluate_returning_model(loaded, options).0
}

/// [`evaluate`], also handing back what was loaded, without its files (which the outcome
/// holds), when the plan loaded.
fn evaluate_returning_model(
    loaded: Result<Loaded, LoadFailure>,
    options: &Options,
) -> (Outcome, Option<Loaded>) {
    match loaded {
        Ok(mut l) => {
            let mut outcome = evaluate_plan(&l.plan, &l.config, options, Vec::new());
            outcome.files = std::mem::take(&mut l.plan.files);
            (outcome, Some(l))
        }
        Err(failure) => (Outcome::not_loaded(failure), None),
    }
}

/// Checks a loaded plan that the caller keeps (the outcome holds a copy of its files).
pub fn evaluate_loaded(loaded: &Loaded, options: &Options) -> Outcome {
    evaluate_plan(
        &loaded.plan,
        &loaded.config,
        options,
        loaded.plan.files.clone(),
    )
}

fn evaluate_plan(
    plan: &Plan,
    config: &crate::plan::config::Config,
    options: &Options,
    files: Vec<SourceFile>,
) -> Outcome {
    let policy = Policy::new(config);
    let raw = rules::run(plan, config, &|r| policy.enabled(r));
    let (findings, mut suppressed) = suppression::apply(&plan.suppressions, raw, &policy);
    let mut findings = causes::fold(policy.apply(findings));
    sort(&plan.files, &mut findings);
    suppressed.sort_by_cached_key(|s| sort_key(&plan.files, &s.finding));
    let mut baseline_result = None;
    if let Some(b) = &options.baseline {
        let c = baseline::compare(&plan.files, b, findings);
        findings = c.new;
        baseline_result = Some(BaselineResult {
            known: c.known,
            fixed: c.fixed,
        });
    }
    let errors = count(&findings, Severity::Error);
    let denied_warnings = if options.deny_warnings {
        count(&findings, Severity::Warning)
    } else {
        0
    };
    let status = match (errors + denied_warnings, options.exit_zero) {
        (0, _) => Status::Passed,
        (_, false) => Status::Failed {
            errors,
            denied_warnings,
        },
        (_, true) => Status::ExitZero {
            errors,
            denied_warnings,
        },
    };
    Outcome {
        files,
        context: Context::new(plan, &findings),
        findings,
        suppressed,
        baseline: baseline_result,
        policy,
        status,
    }
}

fn count(findings: &[Finding], s: Severity) -> usize {
    findings.iter().filter(|f| f.severity == s).count()
}
