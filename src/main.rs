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
        /// Count warnings as errors for the exit code (`--deny warnings`)
        #[arg(long, value_enum)]
        deny: Option<DenyArg>,
        /// Report, but exit 0 even when there are errors
        #[arg(long)]
        exit_zero: bool,
        /// Also list the findings hidden by `allow` suppressions, with their reasons
        #[arg(long)]
        show_suppressed: bool,
        /// Record today's findings in FILE (then exit 0)
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Report and fail only on findings that are not in the baseline FILE
        #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
        baseline: Option<PathBuf>,
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
        /// Output format (default: table; with --output, from the file's extension: .csv, .xlsx, .md, .json)
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Only these kinds, by English or Japanese name, repeatable or comma-separated: tbd (調整中), page-ref (参考ページ未記入), missing-value (空欄), draft-plan (（案）のまま), figure (グラフ・写真の枠), note (調整予定の注記), footnote (定義のない※)
        #[arg(long)]
        kind: Vec<String>,
        /// Only this project: its number, its name or label as printed (5 ＤＸ推進プロジェクト), or a unique part of the name
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
    /// Write the review page: one self-contained HTML file for reading in a browser and printing
    Review {
        /// Plan folder
        #[arg(default_value = "plan")]
        dir: PathBuf,
        /// Write to FILE (atomically; never into the plan folder) instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List the rules
    Rules,
    /// Explain a rule (by code or name), with its configured severity in the plan folder
    Explain {
        /// Rule code (PC101) or name (unknown-direction)
        rule: String,
        /// Plan folder whose plancheck.toml may configure the rule
        #[arg(default_value = "plan")]
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DenyArg {
    Warnings,
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

/// The report format for `--output FILE` without `--format`: from the file's extension.
fn report_format_for(output: Option<&std::path::Path>) -> ReportFormat {
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") => ReportFormat::Csv,
        Some("xlsx") => ReportFormat::Xlsx,
        Some("md" | "markdown") => ReportFormat::Markdown,
        Some("json") => ReportFormat::Json,
        _ => ReportFormat::Table,
    }
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
    };
    let (text, code) = run(cli.command, &out);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => ExitCode::from(code),
        // The reader went away (`plancheck check | head`): not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(e) => {
            eprintln!("plancheck: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
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
        Command::Check {
            dir,
            format,
            deny,
            exit_zero,
            show_suppressed,
            write_baseline,
            baseline,
        } => check(
            &dir,
            format,
            deny.is_some(),
            exit_zero,
            show_suppressed,
            write_baseline,
            baseline,
            out,
        ),
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
            use plancheck::editors::{report, workbook};
            // Usage errors go to standard error, so that `> tbd.txt` does not swallow them.
            let fail = |m: plancheck::i18n::Msg| {
                let text = m.get(out.lang);
                eprint!("{text}{}", if text.ends_with('\n') { "" } else { "\n" });
                (String::new(), 2)
            };
            let format = format.unwrap_or_else(|| report_format_for(output.as_deref()));
            let kinds = match report::parse_kinds(&kind) {
                Ok(k) => k,
                Err(e) => return fail(e.message()),
            };
            if format == ReportFormat::Xlsx && output.is_none() {
                return fail(plancheck::msg!(
                    "xlsx 形式は --output ファイル名 を指定して書き出してください。",
                    "xlsx needs --output FILE."
                ));
            }
            let loaded = match load(&dir) {
                Ok(l) => l,
                Err(f) => return (load_failure_text(f, format == ReportFormat::Json, out), 2),
            };
            let project = match project.map(|p| report::resolve_project(&loaded.plan, &p)) {
                None => None,
                Some(Ok(n)) => Some(n),
                Some(Err(e)) => return fail(e.message()),
            };
            let filter = report::Filter { kinds, project };
            let report = report::build(&loaded.plan, &filter);
            let bytes = match format {
                ReportFormat::Table => report.to_table(out.lang, out.style.width).into_bytes(),
                ReportFormat::Markdown => report.to_markdown(out.lang).into_bytes(),
                ReportFormat::Csv => report.to_csv(out.lang).into_bytes(),
                ReportFormat::Json => report.to_json().into_bytes(),
                ReportFormat::Xlsx => {
                    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
                    let created = match workbook::Date::of_creation(epoch.as_deref()) {
                        Ok(d) => d,
                        Err(m) => return fail(m),
                    };
                    match report.to_xlsx(out.lang, created) {
                        Ok(b) => b,
                        Err(e) => {
                            return fail(plancheck::msg!(
                                "xlsx ファイルを作れませんでした（{e}）。",
                                "cannot make the xlsx file ({e})."
                            ));
                        }
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
        Command::Review { dir, output } => review(&dir, output.as_deref(), out),
        Command::Rules => (plancheck::rules::docs::list(out.lang), 0),
        Command::Explain { rule, dir } => match rules::find(&rule) {
            Some(r) => {
                let config = if dir.join(plancheck::load::CONFIG_FILE).is_file() {
                    load(&dir).ok().map(|l| l.config)
                } else {
                    None
                };
                let configured = config.as_ref().and_then(|c| c.level(r.code, r.name));
                (plancheck::rules::docs::explain(r, configured, out.lang), 0)
            }
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

fn render_findings(
    format: CheckFormat,
    files: &[plancheck::source::SourceFile],
    findings: &[plancheck::Finding],
    config: Option<&plancheck::config::Config>,
    out: &Out,
) -> String {
    match format {
        CheckFormat::Human => human::render(files, findings, out.style),
        CheckFormat::Json => report::json::render(files, findings, out.lang),
        CheckFormat::Github => report::github::render(files, findings, out.lang),
        CheckFormat::Sarif => {
            let severity_of =
                |r: &plancheck::rules::Rule| match config.and_then(|c| c.level(r.code, r.name)) {
                    Some(plancheck::config::Level::On(s)) => Some(s),
                    _ => None,
                };
            report::sarif::render(files, findings, out.lang, &severity_of)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check(
    dir: &std::path::Path,
    format: CheckFormat,
    deny_warnings: bool,
    exit_zero: bool,
    show_suppressed: bool,
    write_baseline: Option<PathBuf>,
    baseline: Option<PathBuf>,
    out: &Out,
) -> (String, u8) {
    let loaded = match load(dir) {
        Ok(l) => l,
        Err(mut f) => {
            report::sort(&f.files, &mut f.errors);
            return (render_findings(format, &f.files, &f.errors, None, out), 2);
        }
    };
    let files = &loaded.plan.files;
    let run = rules::run_full(&loaded.plan, &loaded.config);
    let mut findings = run.findings;
    report::sort(files, &mut findings);
    if let Some(path) = write_baseline {
        let text = plancheck::baseline::write(files, &findings);
        return match plancheck::editors::write_atomic(&path, text.as_bytes(), None) {
            Ok(()) => {
                let n = findings.len();
                let shown = path.display();
                let msg = match out.lang {
                    Lang::Ja => format!("ベースラインに {n} 件の指摘を記録しました: {shown}\n"),
                    Lang::En => format!("recorded {n} findings in the baseline {shown}\n"),
                };
                (msg, 0)
            }
            Err(e) => (format!("{}\n", e.message().get(out.lang)), 2),
        };
    }
    let mut note = String::new();
    if let Some(path) = baseline {
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| plancheck::baseline::parse(&t));
        let b = match parsed {
            Ok(b) => b,
            Err(e) => {
                let shown = path.display();
                let msg = match out.lang {
                    Lang::Ja => format!("ベースラインを読めません: {shown}（{e}）\n"),
                    Lang::En => format!("cannot read the baseline {shown} ({e})\n"),
                };
                return (msg, 2);
            }
        };
        let c = plancheck::baseline::compare(files, &b, findings);
        findings = c.new;
        let (known, fixed) = (c.known, c.fixed);
        note = match out.lang {
            Lang::Ja => {
                format!("ベースライン: 既知の指摘 {known} 件を除外、解消済みの項目 {fixed} 件\n")
            }
            Lang::En => format!(
                "baseline: {known} known findings not shown, {fixed} baseline entries fixed now\n"
            ),
        };
    }
    let failing = findings.iter().any(|f| {
        f.severity == plancheck::Severity::Error
            || (deny_warnings && f.severity == plancheck::Severity::Warning)
    });
    let mut text = render_findings(format, files, &findings, Some(&loaded.config), out);
    if show_suppressed && !run.suppressed.is_empty() {
        text = with_suppressed(text, format, files, &run.suppressed, out);
    }
    if format == CheckFormat::Human || format == CheckFormat::Github {
        text.push_str(&note);
    } else if !note.is_empty() {
        eprint!("{note}");
    }
    (text, u8::from(failing && !exit_zero))
}

fn with_suppressed(
    mut text: String,
    format: CheckFormat,
    files: &[plancheck::source::SourceFile],
    suppressed: &[plancheck::suppress::Suppressed],
    out: &Out,
) -> String {
    let mut items: Vec<&plancheck::suppress::Suppressed> = suppressed.iter().collect();
    items.sort_by_key(|s| {
        let p = report::position(files, &s.finding.location);
        (p.file, p.line, p.column, s.finding.code)
    });
    match format {
        CheckFormat::Json => {
            let mut v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            v["suppressed"] = items
                .iter()
                .map(|s| {
                    let p = report::position(files, &s.finding.location);
                    serde_json::json!({
                        "code": s.finding.code, "rule": s.finding.rule,
                        "message": s.finding.message.get(out.lang),
                        "file": p.file, "line": p.line, "column": p.column,
                        "reason": s.reason,
                    })
                })
                .collect();
            text = serde_json::to_string_pretty(&v).unwrap_or(text);
            text.push('\n');
        }
        _ => {
            text.push_str(match out.lang {
                Lang::Ja => "\n抑止された指摘（allow）:\n",
                Lang::En => "\nsuppressed findings (allow):\n",
            });
            for s in items {
                let p = report::position(files, &s.finding.location);
                let (label, reason) = match out.lang {
                    Lang::Ja => ("理由", &s.reason),
                    Lang::En => ("reason", &s.reason),
                };
                text.push_str(&format!(
                    "  {} {}:{}:{} {} — {label}: {reason}\n",
                    s.finding.code,
                    p.file,
                    p.line,
                    p.column,
                    s.finding.message.get(out.lang)
                ));
            }
        }
    }
    text
}

/// When the check ran: `SOURCE_DATE_EPOCH` (seconds, shown in UTC) for reproducible output,
/// else now in the system's time zone.
fn checked_at(lang: Lang) -> Result<jiff::ZonedDateTime, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC))
            .ok_or_else(|| match lang {
                Lang::Ja => format!("SOURCE_DATE_EPOCH は秒数（整数）で指定してください: {v}\n"),
                Lang::En => format!("SOURCE_DATE_EPOCH must be a number of seconds: {v}\n"),
            }),
        _ => Ok(jiff::ZonedDateTime::now()),
    }
}

fn review(dir: &std::path::Path, output: Option<&std::path::Path>, out: &Out) -> (String, u8) {
    use plancheck::report::html;
    let at = match checked_at(out.lang) {
        Ok(t) => t,
        Err(e) => return (e, 2),
    };
    let loaded = match load(dir) {
        Ok(l) => l,
        Err(f) => return (load_failure_text(f, false, out), 2),
    };
    let run = rules::run_full(&loaded.plan, &loaded.config);
    let mut findings = run.findings;
    report::sort(&loaded.plan.files, &mut findings);
    let failing = findings
        .iter()
        .any(|f| f.severity == plancheck::Severity::Error);
    let page = html::build::review(html::build::Checked {
        plan: &loaded.plan,
        findings: &findings,
        suppressed: &run.suppressed,
        failing,
        checked_at: at,
        version: env!("CARGO_PKG_VERSION"),
    });
    let bytes = html::render(&page, out.lang).into_bytes();
    emit(bytes, output, Some(dir), out)
}
