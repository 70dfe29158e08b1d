//! The command line, as clap parses it. `--format` of `check` takes its values from the
//! reporter registry ([`crate::output::REPORTERS`]).

use crate::i18n::Lang;
use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "plancheck",
    version,
    about = "Consistency checker for a comprehensive plan (総合計画) kept as TOML"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Message language (default: $PLANCHECK_LANG, else `lang` in the plan folder's plancheck.toml, else the OS locale, else en)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// When to use colour (NO_COLOR is honoured in auto mode)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Width of human output in columns (default: terminal width, else $COLUMNS, else 100)
    #[arg(long, global = true)]
    pub width: Option<usize>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Load the plan and report every inconsistency
    Check(CheckArgs),
    /// Count what was loaded
    Stats {
        /// Plan folder
        #[arg(default_value = "plan")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// List every placeholder (調整中, Ｐ.○, empty values, （案）, …) for the editors
    Report(ReportArgs),
    /// Print the ○/◎ matrix implied by the direction tables
    Matrix(MatrixArgs),
    /// Compare two versions of the plan: what was added, removed, renamed or changed (新旧対照表)
    Diff(DiffArgs),
    /// Write the review page: one self-contained HTML file for reading in a browser and printing
    Review {
        /// Plan folder
        #[arg(default_value = "plan")]
        dir: PathBuf,
        /// Write to FILE (atomically; never into the plan folder) instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Create a new, empty plan (with examples, schemas and editor configuration) in a new or empty folder
    Init {
        /// Folder to create the plan in (new or empty)
        dir: PathBuf,
    },
    /// List the rules
    Rules,
    /// Explain a rule (by code or name), with its configured severity in the plan folder
    Explain {
        /// Rule code (PC101) or name (unknown-direction), in any case
        rule: String,
        /// Plan folder whose plancheck.toml may configure the rule (default: plan, if present)
        dir: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        /// Shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff, for `man`)
    Man,
    /// Apply the safe fixes (id notation, notation variants, matrix cells) to the plan's TOML files in place
    Fix(FixArgs),
    /// Run the language server (LSP) on standard input and output, for editors
    Lsp,
}

impl Command {
    /// The plan folder the command reads, if it reads one: where `lang` in `plancheck.toml`
    /// may choose the language.
    pub fn plan_dir(&self) -> Option<&std::path::Path> {
        match self {
            Command::Check(a) => Some(&a.dir),
            Command::Init { .. } => None,
            Command::Stats { dir, .. } | Command::Review { dir, .. } => Some(dir),
            Command::Report(a) => Some(&a.dir),
            Command::Matrix(a) => Some(&a.dir),
            Command::Diff(a) => Some(a.new.as_deref().unwrap_or(&a.old)),
            Command::Explain { dir, .. } => {
                Some(dir.as_deref().unwrap_or(std::path::Path::new("plan")))
            }
            Command::Fix(a) => Some(&a.dir),
            Command::Rules | Command::Completions { .. } | Command::Man | Command::Lsp => None,
        }
    }
}

fn check_formats() -> PossibleValuesParser {
    PossibleValuesParser::new(crate::output::REPORTERS.iter().map(|r| r.name()))
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Plan folder
    #[arg(default_value = "plan")]
    pub dir: PathBuf,
    #[arg(long, default_value = "human", value_parser = check_formats())]
    pub format: String,
    /// Count warnings as errors for the exit code (`--deny warnings`)
    #[arg(long, value_enum)]
    pub deny: Option<DenyArg>,
    /// Report, but exit 0 even when there are errors
    #[arg(long)]
    pub exit_zero: bool,
    /// Also list the findings hidden by `allow` suppressions, with their reasons
    #[arg(long)]
    pub show_suppressed: bool,
    /// Findings below this severity are counted in a table, not listed (human, concise, github)
    #[arg(long, value_enum, default_value_t = SeverityArg::Warning)]
    pub min_severity: SeverityArg,
    /// Record today's findings in FILE (then exit 0)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report and fail only on findings that are not in the baseline FILE
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Check again each time a file of the plan changes, clearing the screen (Ctrl-C to quit)
    #[arg(long, conflicts_with = "write_baseline")]
    pub watch: bool,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// Plan folder
    #[arg(default_value = "plan")]
    pub dir: PathBuf,
    /// Output format (default: table; with --output, from the file's extension: .csv, .xlsx, .md, .json)
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Only these kinds, by English or Japanese name, repeatable or comma-separated: tbd (調整中), page-ref (参考ページ未記入), missing-value (空欄), draft-plan (（案）のまま), figure (グラフ・写真の枠), note (調整予定の注記), footnote (定義のない※)
    #[arg(long)]
    pub kind: Vec<String>,
    /// Only this project: its number, its name or label as printed (5 ＤＸ推進プロジェクト), or a unique part of the name
    #[arg(long)]
    pub project: Option<String>,
    /// Write to FILE (atomically) instead of standard output; required for xlsx
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct MatrixArgs {
    /// Plan folder
    #[arg(default_value = "plan")]
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    pub format: MatrixFormat,
    /// Show each cell that differs from the drawn matrix as drawn→computed, with a count
    #[arg(long)]
    pub diff: bool,
    /// Width of ambiguous-width characters (○, ◎) in table output
    #[arg(long, value_enum, default_value_t = AmbiguousArg::Narrow)]
    pub ambiguous: AmbiguousArg,
    /// Write to FILE (atomically) instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// With --format toml: write the sparse form, one [[matrix.mark]] per marked cell
    #[arg(long)]
    pub sparse: bool,
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The older plan folder (with --old-rev: the plan folder, compared with its version at REV)
    #[arg(display_order = 1)]
    pub old: PathBuf,
    /// The newer plan folder
    #[arg(display_order = 2)]
    pub new: Option<PathBuf>,
    /// Output format (default: table; with --output, from the file's extension: .md, .xlsx, .html, .json)
    #[arg(long, value_enum)]
    pub format: Option<DiffFormat>,
    /// Write to FILE (atomically; never into a plan folder) instead of standard output; required for xlsx
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Also compare the findings: resolved since the older version, new, unchanged
    #[arg(long)]
    pub findings: bool,
    /// Read the older version from this git revision of the repository holding the plan folder
    #[arg(long, value_name = "REV")]
    pub old_rev: Option<String>,
    /// List only the changes of the outline, project names and directions that the newer plan's change table does not mention
    #[arg(long)]
    pub against_changes: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Markdown,
    Xlsx,
    Html,
    Json,
}

#[derive(clap::Args)]
pub struct FixArgs {
    /// Plan folder
    #[arg(default_value = "plan")]
    pub dir: PathBuf,
    /// Print what would change as a unified diff, without writing
    #[arg(long)]
    pub diff: bool,
    /// Fix only the findings of this rule (code or name, in any case)
    #[arg(long)]
    pub rule: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Info,
    Warning,
    Error,
}

impl From<SeverityArg> for crate::finding::Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Info => Self::Info,
            SeverityArg::Warning => Self::Warning,
            SeverityArg::Error => Self::Error,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyArg {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Csv,
    Xlsx,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    Table,
    Markdown,
    Csv,
    Json,
    Toml,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AmbiguousArg {
    Narrow,
    Wide,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

impl ColorArg {
    /// Whether to colour: `auto` colours a terminal unless `NO_COLOR` is set to a non-empty
    /// value.
    pub fn resolve(self, tty: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => tty && no_color.is_none_or(|v| v.is_empty()),
        }
    }
}
