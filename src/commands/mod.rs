//! The commands layer: one file per subcommand, each returning what to print and an exit
//! code. The library prints nothing; `src/main.rs` writes what a command returns.

pub mod args;
pub mod check;
pub mod cli;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod init;
pub mod lsp;
pub mod matrix;
pub mod report;
pub mod review;
pub mod rules;
pub mod stats;
pub mod watch;
pub mod write;

use crate::finding::Severity;
use crate::i18n::{Lang, Msg};
use crate::outcome::{Outcome, display_root};
use crate::output::{self, Settings};
use crate::plan::load::Loaded;
use args::Command;
use std::path::Path;

/// The format asked for, else the one that the extension of `--output FILE` (lowercased, or
/// empty) names through `by_extension`.
fn chosen_format<F>(asked: Option<F>, output: Option<&Path>, by_extension: fn(&str) -> F) -> F {
    asked.unwrap_or_else(|| {
        let ext = output
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        by_extension(ext.as_deref().unwrap_or(""))
    })
}

/// The rule named by `key` (a code or a name, any case), or the message that says there is
/// none, with the nearest rule name when one is near.
fn find_rule(key: &str, lang: Lang) -> Result<&'static crate::rules::Rule, Msg> {
    crate::rules::find(key).ok_or_else(|| {
        let hint = crate::rules::did_you_mean(key)
            .map(|n| crate::msg!("（`{n}` のことですか？）", " (did you mean `{n}`?)"))
            .map(|m| m.get(lang).to_string())
            .unwrap_or_default();
        crate::msg!(
            "未知の規則です: {key}{hint}\n`plancheck rules` で一覧を見られます。",
            "unknown rule: {key}{hint}\n`plancheck rules` lists them."
        )
    })
}

/// The usage error for xlsx asked for without `--output FILE`.
fn xlsx_needs_output(lang: Lang) -> Output {
    Output::error(
        crate::msg!(
            "xlsx 形式は --output ファイル名 を指定して書き出してください。",
            "xlsx needs --output FILE."
        ),
        lang,
        2,
    )
}

/// The xlsx workbook that `make` writes, dated by the environment (`SOURCE_DATE_EPOCH`), or
/// the message saying why there is none.
fn workbook_bytes<E: std::fmt::Display>(
    env: &Env,
    make: impl FnOnce(crate::output::workbook::Date) -> Result<Vec<u8>, E>,
) -> Result<Vec<u8>, Msg> {
    let created = crate::output::workbook::Date::of_creation(env.source_date_epoch.as_deref())?;
    make(created).map_err(|e| {
        crate::msg!(
            "xlsx ファイルを作れませんでした（{e}）。",
            "cannot make the xlsx file ({e})."
        )
    })
}

/// What the command line and the process environment decided.
#[derive(Debug, Clone)]
pub struct Env {
    pub lang: Lang,
    /// Colour in human output.
    pub color: bool,
    /// Width of human output in columns.
    pub width: usize,
    /// Whether standard output is a terminal.
    pub tty: bool,
    /// `SOURCE_DATE_EPOCH`, for reproducible dates in the workbook and the review page.
    pub source_date_epoch: Option<String>,
    /// `GITHUB_STEP_SUMMARY`: the file `check --format github` appends its job summary to.
    pub step_summary: Option<std::path::PathBuf>,
}

impl Env {
    fn settings(&self, show_suppressed: bool, min_severity: Severity) -> Settings {
        Settings {
            lang: self.lang,
            color: self.color,
            width: self.width,
            show_suppressed,
            anchor: None,
            min_severity,
        }
    }
}

/// What a command returns: bytes for standard output, text for standard error, exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub code: u8,
}

impl Output {
    fn ok(stdout: impl Into<Vec<u8>>) -> Output {
        Output {
            stdout: stdout.into(),
            stderr: String::new(),
            code: 0,
        }
    }

    /// A one-line message on standard error (a usage error), with an exit code.
    fn error(m: Msg, lang: Lang, code: u8) -> Output {
        let text = m.get(lang);
        let newline = if text.ends_with('\n') { "" } else { "\n" };
        Output {
            stdout: Vec::new(),
            stderr: format!("{text}{newline}"),
            code,
        }
    }

    /// A one-line message on standard output, with an exit code.
    fn message(m: Msg, lang: Lang, code: u8) -> Output {
        Output {
            stdout: format!("{}\n", m.get(lang)).into_bytes(),
            stderr: String::new(),
            code,
        }
    }
}

/// Runs a subcommand.
pub fn run(command: Command, env: &Env) -> Output {
    match command {
        // One check, then the process exits (`--watch` goes through `run_streaming`).
        Command::Check(a) => check::run_once(&a, env),
        Command::Init { dir } => init::run(&dir, env),
        Command::Stats { dir, format } => stats::run(&dir, format, env),
        Command::Report(a) => report::run(&a, env),
        Command::Matrix(a) => matrix::run(&a, env),
        Command::Diff(a) => diff::run(&a, env),
        Command::Review { dir, output } => review::run(&dir, output.as_deref(), env),
        Command::Rules => rules::run(env),
        Command::Explain { rule, dir } => explain::run(&rule, dir.as_deref(), env),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cli::command(env.lang), "plancheck", &mut buf);
            Output::ok(buf)
        }
        Command::Man => Output::ok(man_page(env.lang)),
        Command::Fix(a) => fix::run(&a, env),
        Command::Lsp => lsp::run(env),
    }
}

/// Runs a subcommand that may report more than once, `check --watch`: `emit` receives each
/// report as it is ready, and what is returned is written last. Any other command runs as
/// [`run`] does.
pub fn run_streaming(command: Command, env: &Env, emit: &mut dyn FnMut(Output)) -> Output {
    match command {
        Command::Check(a) if a.watch => watch::run(&a, env, emit),
        other => run(other, env),
    }
}

/// The manual page (roff) of the command line in a language; in Japanese, the section
/// headings too.
fn man_page(lang: Lang) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cli::command(lang))
        .render(&mut buf)
        .expect("writing to memory does not fail");
    if lang != Lang::Ja {
        return buf;
    }
    let mut text = String::from_utf8(buf).expect("clap_mangen writes UTF-8");
    for (en, ja) in [
        (".SH NAME", ".SH 名前"),
        (".SH SYNOPSIS", ".SH 書式"),
        (".SH DESCRIPTION", ".SH 説明"),
        (".SH OPTIONS", ".SH オプション"),
        (".SH SUBCOMMANDS", ".SH コマンド"),
        (".SH VERSION", ".SH バージョン"),
    ] {
        text = text.replace(en, ja);
    }
    text.into_bytes()
}

/// Renders an outcome with the reporter named `format` (a name from [`output::REPORTERS`]:
/// clap accepts no other `--format`, and the commands name `human` or `json`).
fn render(outcome: &Outcome, format: &str, settings: &Settings) -> Output {
    let reporter = output::reporter(format).expect("a format of output::REPORTERS");
    let r = reporter.render(outcome, settings);
    Output {
        stdout: r.stdout.into_bytes(),
        stderr: r.stderr,
        code: outcome.status.code(),
    }
}

/// Loads the plan folder for a command that needs the plan; when it does not load, the
/// load errors rendered as JSON (`json`) or for people, with exit code 2.
fn load(dir: &Path, json: bool, env: &Env) -> Result<Loaded, Output> {
    crate::rules::load(dir, &display_root(dir)).map_err(|failure| {
        let format = if json { "json" } else { "human" };
        render(
            &Outcome::not_loaded(failure),
            format,
            &env.settings(false, Severity::Warning),
        )
    })
}

/// Sends output to a file (atomically; never into `forbidden`) or to standard output (no
/// `--output`, or `--output -` as command-line tools read it).
fn emit(bytes: Vec<u8>, output: Option<&Path>, forbidden: Option<&Path>, env: &Env) -> Output {
    match output {
        None => Output::ok(bytes),
        Some(path) if path == Path::new("-") => Output::ok(bytes),
        Some(path) => match write::write_atomic(path, &bytes, forbidden) {
            Ok(()) => Output::ok(Vec::new()),
            Err(e) => Output::message(e.message().clone(), env.lang, 2),
        },
    }
}
