//! The `plancheck` binary: parses arguments, calls the library, maps the result to an exit code.

use clap::{Parser, Subcommand, ValueEnum};
use plancheck::i18n::Lang;
use plancheck::report::{self, human};
use plancheck::{LoadFailure, Loaded, rules, stats};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "plancheck",
    version,
    about = "Consistency checker for a comprehensive plan (総合計画) kept as TOML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Message language (default: ja when LC_ALL/LC_MESSAGES/LANG start with "ja", else en)
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// When to use colour (NO_COLOR is honoured in auto mode)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Width of human output in columns (default: terminal width, or 100)
    #[arg(long, global = true)]
    width: Option<usize>,
}

#[derive(Subcommand)]
enum Command {
    /// Load the plan and report every inconsistency
    Check {
        /// Plan folder
        #[arg(default_value = "plan")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
    },
    /// Count what was loaded
    Stats {
        /// Plan folder
        #[arg(default_value = "plan")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// List every placeholder (調整中, Ｐ.○, empty values, （案）, …) for the editors
    Report {
        /// Plan folder
        #[arg(default_value = "plan")]
        dir: PathBuf,
        /// Output format (default: table on a terminal, json otherwise)
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Only these kinds (repeatable): tbd, page-ref, missing-value, draft-plan, figure, note, footnote
        #[arg(long, value_parser = parse_kind)]
        kind: Vec<plancheck::placeholders::Kind>,
        /// Only this project (number or name)
        #[arg(long)]
        project: Option<String>,
        /// Write to FILE (atomically) instead of standard output; required for xlsx
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print the ○/◎ matrix implied by the direction tables
    Matrix {
        /// Plan folder
        #[arg(default_value = "plan")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
        format: MatrixFormat,
        /// Show each cell that differs from the drawn matrix as drawn→computed, with a count
        #[arg(long)]
        diff: bool,
        /// Width of ambiguous-width characters (○, ◎) in table output
        #[arg(long, value_enum, default_value_t = AmbiguousArg::Narrow)]
        ambiguous: AmbiguousArg,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List the rules
    Rules,
    /// Explain a rule (by code or name)
    Explain {
        /// Rule code (PC101) or name (unknown-direction)
        rule: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatsFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Table,
    Markdown,
    Csv,
    Xlsx,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MatrixFormat {
    Table,
    Markdown,
    Csv,
    Json,
    Toml,
}

#[derive(Clone, Copy, ValueEnum)]
enum AmbiguousArg {
    Narrow,
    Wide,
}

fn parse_kind(s: &str) -> Result<plancheck::placeholders::Kind, String> {
    plancheck::placeholders::Kind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = plancheck::placeholders::Kind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        format!("unknown kind `{s}` (one of: {})", all.join(", "))
    })
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

struct Out {
    lang: Lang,
    style: human::Style,
    tty: bool,
}

/// Sends output to a file (atomically; never into `forbidden`) or returns it for stdout.
fn emit(
    bytes: Vec<u8>,
    output: Option<&std::path::Path>,
    forbidden: Option<&std::path::Path>,
    out: &Out,
) -> (String, u8) {
    match output {
        None => (String::from_utf8(bytes).unwrap_or_default(), 0),
        Some(path) => match plancheck::editors::write_atomic(path, &bytes, forbidden) {
            Ok(()) => (String::new(), 0),
            Err(e) => (format!("{}\n", e.message().get(out.lang)), 2),
        },
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env_vars(|k| std::env::var(k).ok()),
    };
    let tty = std::io::stdout().is_terminal();
    let color = match cli.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let width = cli.width.unwrap_or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100)
    });
    let out = Out {
        lang,
        style: human::Style { color, width, lang },
        tty,
    };
    let (text, code) = run(cli.command, &out);
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    ExitCode::from(code)
}

fn display_root(dir: &std::path::Path) -> String {
    dir.to_string_lossy().replace('\\', "/")
}

fn load(dir: &std::path::Path) -> Result<Loaded, LoadFailure> {
    plancheck::load(dir, &display_root(dir))
}

fn load_failure_text(mut failure: LoadFailure, json: bool, out: &Out) -> String {
    report::sort(&failure.files, &mut failure.errors);
    if json {
        report::json::render(&failure.files, &failure.errors, out.lang)
    } else {
        human::render(&failure.files, &failure.errors, out.style)
    }
}

fn run(command: Command, out: &Out) -> (String, u8) {
    match command {
        Command::Check { dir, format } => {
            let json = matches!(format, CheckFormat::Json);
            let loaded = match load(&dir) {
                Ok(l) => l,
                Err(f) => return (load_failure_text(f, json, out), 2),
            };
            let mut findings = rules::run(&loaded.plan, &loaded.config);
            report::sort(&loaded.plan.files, &mut findings);
            let failed = findings
                .iter()
                .any(|f| f.severity == plancheck::Severity::Error);
            let text = if json {
                report::json::render(&loaded.plan.files, &findings, out.lang)
            } else {
                human::render(&loaded.plan.files, &findings, out.style)
            };
            (text, u8::from(failed))
        }
        Command::Stats { dir, format } => {
            let loaded = match load(&dir) {
                Ok(l) => l,
                Err(f) => {
                    return (
                        load_failure_text(f, matches!(format, StatsFormat::Json), out),
                        2,
                    );
                }
            };
            let s = stats::stats(&loaded.plan);
            match format {
                StatsFormat::Json => (stats::to_json(&s), 0),
                StatsFormat::Table => (stats::to_table(&s, out.lang), 0),
            }
        }
        Command::Report {
            dir,
            format,
            kind,
            project,
            output,
        } => {
            let format = format.unwrap_or(if out.tty && output.is_none() {
                ReportFormat::Table
            } else {
                ReportFormat::Json
            });
            let loaded = match load(&dir) {
                Ok(l) => l,
                Err(f) => return (load_failure_text(f, format == ReportFormat::Json, out), 2),
            };
            let filter = plancheck::editors::report::Filter {
                kinds: kind,
                project,
            };
            let report = match plancheck::editors::report::build(&loaded.plan, &filter) {
                Ok(r) => r,
                Err(plancheck::editors::report::UnknownProject(p)) => {
                    let text = match out.lang {
                        Lang::Ja => format!("そのようなプロジェクトはありません: {p}\n"),
                        Lang::En => format!("no such project: {p}\n"),
                    };
                    return (text, 2);
                }
            };
            let bytes = match format {
                ReportFormat::Table => report.to_table(out.lang).into_bytes(),
                ReportFormat::Markdown => report.to_markdown(out.lang).into_bytes(),
                ReportFormat::Csv => report.to_csv(out.lang).into_bytes(),
                ReportFormat::Json => report.to_json().into_bytes(),
                ReportFormat::Xlsx => {
                    if output.is_none() {
                        let text = match out.lang {
                            Lang::Ja => "xlsx は --output FILE で書き出してください\n",
                            Lang::En => "xlsx needs --output FILE\n",
                        };
                        return (text.to_string(), 2);
                    }
                    match report.to_xlsx(out.lang) {
                        Ok(b) => b,
                        Err(e) => return (format!("xlsx: {e}\n"), 2),
                    }
                }
            };
            emit(bytes, output.as_deref(), Some(&dir), out)
        }
        Command::Matrix {
            dir,
            format,
            diff,
            ambiguous,
            output,
        } => {
            let loaded = match load(&dir) {
                Ok(l) => l,
                Err(f) => return (load_failure_text(f, format == MatrixFormat::Json, out), 2),
            };
            let grid = plancheck::editors::matrix::build(&loaded.plan);
            let amb = match ambiguous {
                AmbiguousArg::Narrow => plancheck::report::table::Ambiguous::Narrow,
                AmbiguousArg::Wide => plancheck::report::table::Ambiguous::Wide,
            };
            let text = match format {
                MatrixFormat::Table => grid.to_table(out.lang, diff, amb),
                MatrixFormat::Markdown => grid.to_markdown(out.lang, diff),
                MatrixFormat::Csv => grid.to_csv(out.lang, diff),
                MatrixFormat::Json => grid.to_json(),
                MatrixFormat::Toml => grid.to_toml(&loaded.plan),
            };
            // The TOML replaces the plan's drawn matrix, so it may be written into the plan folder.
            let forbidden = (format != MatrixFormat::Toml).then_some(dir.as_path());
            emit(text.into_bytes(), output.as_deref(), forbidden, out)
        }
        Command::Rules => (plancheck::rules::docs::list(out.lang), 0),
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => (plancheck::rules::docs::explain(r, out.lang), 0),
            None => {
                let keys: Vec<&str> = rules::REGISTRY
                    .iter()
                    .flat_map(|r| [r.code, r.name])
                    .collect();
                let hint = plancheck::load::did_you_mean(&rule, &keys)
                    .map(|n| match out.lang {
                        Lang::Ja => format!("（`{n}` のことですか？）"),
                        Lang::En => format!(" (did you mean `{n}`?)"),
                    })
                    .unwrap_or_default();
                let text = match out.lang {
                    Lang::Ja => format!(
                        "未知の規則です: {rule}{hint}\n`plancheck rules` で一覧を見られます。\n"
                    ),
                    Lang::En => {
                        format!("unknown rule: {rule}{hint}\n`plancheck rules` lists them.\n")
                    }
                };
                (text, 2)
            }
        },
    }
}
