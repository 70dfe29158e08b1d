//! The command line in the chosen language. clap has no translations of its own, so the
//! language is decided first (a scan of the arguments for `--lang`, then `PLANCHECK_LANG`,
//! then `lang` in the plan folder's `plancheck.toml`, then the OS locale), and the
//! [`Cli`] command built by clap's derive is then rewritten in Japanese when Japanese is
//! chosen: every command's description, every argument's help, clap's headings, the usage
//! line, and the usage errors (matched by [`ErrorKind`], worded here in both languages).

use crate::commands::Output;
use crate::commands::args::Cli;
use crate::i18n::{Lang, Msg};
use crate::msg;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::path::Path;

/// What the command line asks for.
pub enum Parsed {
    /// A command to run, in a language.
    Run(Box<Cli>, Lang),
    /// Help, the version, or a usage error: already rendered.
    Done(Output),
}

/// Parses the arguments (`argv[0]` is the program). `env_lang` is `PLANCHECK_LANG`,
/// `os_locale` the OS locale (`sys_locale::get_locale()`).
pub fn parse(argv: &[OsString], env_lang: Option<&str>, os_locale: Option<&str>) -> Parsed {
    let option = scan_lang_option(argv);
    let decide = |dir: Option<&Path>| {
        let config = dir.and_then(crate::plan::config::lang_setting);
        Lang::resolve(option, env_lang, config, os_locale)
    };
    let default_dir = Path::new("plan");
    let matches = match command(Lang::En).try_get_matches_from(argv) {
        Ok(m) => m,
        Err(_) => {
            // the same arguments fail in the chosen language too: render that failure
            let lang = decide(Some(default_dir));
            return match command(lang).try_get_matches_from(argv) {
                Err(e) => Parsed::Done(render_error(&e, lang)),
                Ok(_) => unreachable!("the language changes only texts"),
            };
        }
    };
    if let Some(("help", sub)) = matches.subcommand() {
        let lang = decide(Some(default_dir));
        let mut args: Vec<OsString> = vec!["plancheck".into()];
        args.extend(sub.get_one::<String>("command").map(OsString::from));
        args.push("--help".into());
        return match command(lang).try_get_matches_from(args) {
            Err(e) => Parsed::Done(render_error(&e, lang)),
            Ok(_) => unreachable!("--help always ends parsing"),
        };
    }
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => {
            let lang = decide(cli.command.plan_dir());
            Parsed::Run(Box::new(cli), lang)
        }
        Err(e) => Parsed::Done(render_error(&e, decide(Some(default_dir)))),
    }
}

/// The value of the last `--lang X` / `--lang=X` before `--`, if it names a language.
fn scan_lang_option(argv: &[OsString]) -> Option<Lang> {
    let args: Vec<String> = argv
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .take_while(|a| a != "--")
        .collect();
    let mut found = None;
    for (i, a) in args.iter().enumerate() {
        let value = if a == "--lang" {
            args.get(i + 1).map(String::as_str)
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(l) = value.and_then(|v| match v {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }) {
            found = Some(l);
        }
    }
    found
}

/// The whole command line in a language: clap's derive in English, rewritten for Japanese.
pub fn command(lang: Lang) -> Command {
    let cmd = Cli::command().disable_help_subcommand(true).subcommand(
        Command::new("help")
            .about(about("help").get(Lang::En).to_string())
            .arg(Arg::new("command").help(arg_help("help", "command").en)),
    );
    if lang == Lang::Ja { japanese(cmd) } else { cmd }
}

const HEADING_ARGS: &str = "引数";
const HEADING_OPTIONS: &str = "オプション";
const TEMPLATE_JA: &str =
    "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// Rewrites a command built in English (and its subcommands) in Japanese.
fn japanese(cmd: Command) -> Command {
    let top = cmd
        .about(about("").ja)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("バージョンを表示します。"),
        )
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .override_usage("plancheck [オプション] <コマンド>");
    let top = japanese_args(top, "");
    top.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        let sub = sub.about(about(&name).ja);
        let sub = japanese_args(sub, &name);
        let usage = usage_ja(&sub);
        sub.override_usage(usage)
    })
}

/// The usage line of a subcommand: `plancheck check [オプション] [フォルダ]`.
fn usage_ja(sub: &Command) -> String {
    let mut usage = format!("plancheck {} [オプション]", sub.get_name());
    for p in sub.get_positionals() {
        let name = value_name_ja(p.get_id().as_str());
        if p.is_required_set() {
            usage.push_str(&format!(" <{name}>"));
        } else {
            usage.push_str(&format!(" [{name}]"));
        }
    }
    usage
}

/// Japanese help, headings, value names, defaults and possible values for the arguments of
/// one command, and a help option of our own (clap's own says "Print help").
fn japanese_args(cmd: Command, sub: &str) -> Command {
    let cmd = cmd.help_template(TEMPLATE_JA).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .global(sub.is_empty())
            .help("ヘルプを表示します。"),
    );
    cmd.mut_args(|arg| {
        let id = arg.get_id().as_str().to_string();
        if id == "help" || id == "version" {
            return arg.help_heading(HEADING_OPTIONS);
        }
        let mut help = arg_help(sub, &id).ja;
        let takes_value = !matches!(
            arg.get_action(),
            ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Count
        );
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| takes_value && !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            help.push_str(&format!("指定できる値は {} です。", values.join("、")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .filter(|_| takes_value)
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            help.push_str(&format!("既定は {} です。", defaults.join("、")));
        }
        let heading = if arg.is_positional() {
            HEADING_ARGS
        } else {
            HEADING_OPTIONS
        };
        let arg = arg.help(help).help_heading(heading);
        if takes_value {
            arg.hide_possible_values(true)
                .hide_default_value(true)
                .value_name(value_name_ja(&id))
        } else {
            arg
        }
    })
}

/// The Japanese name of an argument's value in the usage line and the help.
fn value_name_ja(id: &str) -> &'static str {
    match id {
        "dir" => "フォルダ",
        "lang" => "言語",
        "color" => "色",
        "width" => "桁数",
        "format" => "形式",
        "deny" => "対象",
        "min_severity" => "重大度",
        "kind" => "種類",
        "project" => "プロジェクト",
        "rule" => "規則",
        "shell" => "シェル",
        "ambiguous" => "幅",
        "command" => "コマンド",
        "old" => "旧フォルダ",
        "new" => "新フォルダ",
        "old_rev" => "リビジョン",
        _ => "ファイル",
    }
}

/// Each command's description; `""` is plancheck itself.
pub fn about(command: &str) -> Msg {
    match command {
        "" => msg!(
            "TOML で書かれた総合計画の整合性を点検します。",
            "Consistency checker for a comprehensive plan (総合計画) kept as TOML"
        ),
        "check" => msg!(
            "計画を読み込み、食い違いをすべて指摘します。",
            "Load the plan and report every inconsistency"
        ),
        "stats" => msg!(
            "読み込んだ内容を種類ごとに数えます。",
            "Count what was loaded"
        ),
        "report" => msg!(
            "未確定箇所（調整中、Ｐ.○、空欄、（案）など）を編集担当者のために一覧にします。",
            "List every placeholder (調整中, Ｐ.○, empty values, （案）, …) for the editors"
        ),
        "matrix" => msg!(
            "対応表から導いた重点施策との対応（○/◎）を表示します。",
            "Print the ○/◎ matrix implied by the direction tables"
        ),
        "diff" => msg!(
            "計画の二つの版を比べ、追加・削除・改称・変更された項目を新旧対照表にします。",
            "Compare two versions of the plan: what was added, removed, renamed or changed (新旧対照表)"
        ),
        "review" => msg!(
            "点検ページ（ブラウザで読み、印刷できる一つの HTML ファイル）を書き出します。",
            "Write the review page: one self-contained HTML file for reading in a browser and printing"
        ),
        "rules" => msg!("規則の一覧を表示します。", "List the rules"),
        "explain" => msg!(
            "規則を説明します（コードでも名前でも指定できます）。計画フォルダでの重大度の設定も示します。",
            "Explain a rule (by code or name), with its configured severity in the plan folder"
        ),
        "completions" => msg!(
            "シェルの補完スクリプトを出力します。",
            "Print a shell completion script (bash, zsh, fish, powershell, elvish)"
        ),
        "man" => msg!(
            "マニュアルページ（man 用の roff 形式）を出力します。",
            "Print the manual page (roff, for `man`)"
        ),
        "init" => msg!(
            "新しい空の計画を、まだないフォルダか空のフォルダに作ります（書き方の例、スキーマ、エディタの設定付き）。",
            "Create a new, empty plan (with examples, schemas and editor configuration) in a new or empty folder"
        ),
        "fix" => msg!(
            "意味の変わらない指摘（ID の書き方、表記ゆれ、重点施策との対応のセル）を、計画の TOML ファイルの中でそのまま直します。",
            "Apply the safe fixes (id notation, notation variants, matrix cells) to the plan's TOML files in place"
        ),
        "lsp" => msg!(
            "エディタ用の言語サーバー（LSP）を標準入出力で動かします。",
            "Run the language server (LSP) on standard input and output, for editors"
        ),
        "help" => msg!(
            "ヘルプを表示します（コマンド名を付けると、そのコマンドのヘルプを表示します）。",
            "Print this message or the help of the given subcommand"
        ),
        other => msg!("コマンド {other} です。", "The {other} command"),
    }
}

/// The help of an argument (by clap id) of a command (`""`: the global options).
pub fn arg_help(command: &str, id: &str) -> Msg {
    match (command, id) {
        (_, "lang") => msg!(
            "メッセージの言語です（指定がなければ、環境変数 PLANCHECK_LANG、計画フォルダの plancheck.toml の lang、OS の言語設定の順に決め、どれもなければ英語）。",
            "Message language (default: $PLANCHECK_LANG, else `lang` in the plan folder's plancheck.toml, else the OS locale, else en)"
        ),
        (_, "color") => msg!(
            "色を付けるかどうかです（auto では環境変数 NO_COLOR に従います）。",
            "When to use colour (NO_COLOR is honoured in auto mode)"
        ),
        (_, "width") => msg!(
            "人が読む出力の幅（桁数）です（既定: 端末の幅、なければ環境変数 COLUMNS、それもなければ 100）。",
            "Width of human output in columns (default: terminal width, else $COLUMNS, else 100)"
        ),
        ("explain", "dir") => msg!(
            "規則の重大度を設定した plancheck.toml のある計画フォルダです（既定: plan があればそれ）。",
            "Plan folder whose plancheck.toml may configure the rule (default: plan, if present)"
        ),
        ("init", "dir") => msg!(
            "新しい計画を作るフォルダです（まだないフォルダか空のフォルダ）。",
            "Folder to create the plan in (new or empty)"
        ),
        (_, "dir") => msg!("計画フォルダです。", "Plan folder"),
        ("check" | "stats" | "matrix", "format") => msg!("出力の形式です。", "Output format"),
        ("check", "deny") => msg!(
            "警告もエラーと同じく終了コードを 1 にします（--deny warnings）。",
            "Count warnings as errors for the exit code (`--deny warnings`)"
        ),
        ("check", "exit_zero") => msg!(
            "エラーがあっても終了コード 0 で終わります。",
            "Report, but exit 0 even when there are errors"
        ),
        ("check", "min_severity") => msg!(
            "これより軽い指摘は一覧にせず、規則ごとの件数の表にまとめます（human、concise、github）。",
            "Findings below this severity are counted in a table, not listed (human, concise, github)"
        ),
        ("check", "show_suppressed") => msg!(
            "allow で抑止した指摘も、その理由とともに表示します。",
            "Also list the findings hidden by `allow` suppressions, with their reasons"
        ),
        ("check", "write_baseline") => msg!(
            "今日の指摘をベースラインとしてファイルに記録します（終了コードは 0）。",
            "Record today's findings in FILE (then exit 0)"
        ),
        ("check", "baseline") => msg!(
            "ベースラインのファイルにない指摘だけを表示し、終了コードもそれだけで決めます。",
            "Report and fail only on findings that are not in the baseline FILE"
        ),
        ("check", "watch") => msg!(
            "計画のファイルが変わるたびに画面を消して点検し直します（終了するには Ctrl-C）。",
            "Check again each time a file of the plan changes, clearing the screen (Ctrl-C to quit)"
        ),
        ("report", "format") => msg!(
            "出力の形式です（既定: table。--output を指定したときは、その拡張子 .csv、.xlsx、.md、.json から決めます）。",
            "Output format (default: table; with --output, from the file's extension: .csv, .xlsx, .md, .json)"
        ),
        ("report", "kind") => msg!(
            "この種類だけを表示します。日本語名でも英語名でも、繰り返しでもカンマ区切りでも指定できます: 調整中（tbd）、参考ページ未記入（page-ref）、空欄（missing-value）、（案）のまま（draft-plan）、グラフ・写真の枠（figure）、調整予定の注記（note）、定義のない※（footnote）。",
            "Only these kinds, by English or Japanese name, repeatable or comma-separated: tbd (調整中), page-ref (参考ページ未記入), missing-value (空欄), draft-plan (（案）のまま), figure (グラフ・写真の枠), note (調整予定の注記), footnote (定義のない※)"
        ),
        ("report", "project") => msg!(
            "このプロジェクトだけを表示します。番号、表示どおりの名前やラベル（5 ＤＸ推進プロジェクト）、または一つに決まる名前の一部で指定します。",
            "Only this project: its number, its name or label as printed (5 ＤＸ推進プロジェクト), or a unique part of the name"
        ),
        ("report", "output") => msg!(
            "標準出力ではなくファイルに書き込みます（書き込みは一度に置き換えます）。xlsx では必須です。",
            "Write to FILE (atomically) instead of standard output; required for xlsx"
        ),
        ("matrix", "diff") => msg!(
            "重点施策との対応（図）と異なるセルを「（図）の記号→対応表から求めた値」の形で、件数とともに示します。",
            "Show each cell that differs from the drawn matrix as drawn→computed, with a count"
        ),
        ("matrix", "ambiguous") => msg!(
            "表形式での ○・◎ の幅です（narrow: 1 桁、wide: 2 桁）。",
            "Width of ambiguous-width characters (○, ◎) in table output"
        ),
        ("matrix", "output") => msg!(
            "標準出力ではなくファイルに書き込みます（書き込みは一度に置き換えます）。",
            "Write to FILE (atomically) instead of standard output"
        ),
        ("matrix", "sparse") => msg!(
            "--format toml で、印のあるセルだけを [[matrix.mark]] として 1 つずつ書きます。",
            "With --format toml: write the sparse form, one [[matrix.mark]] per marked cell"
        ),
        ("review", "output") => msg!(
            "標準出力ではなくファイルに書き込みます（書き込みは一度に置き換えます。計画フォルダの中には書きません）。",
            "Write to FILE (atomically; never into the plan folder) instead of standard output"
        ),
        ("diff", "old") => msg!(
            "古い版の計画フォルダです（--old-rev を指定したときは比べる計画フォルダで、--old-rev のリビジョンの版と比べます）。",
            "The older plan folder (with --old-rev: the plan folder, compared with its version at REV)"
        ),
        ("diff", "new") => msg!("新しい版の計画フォルダです。", "The newer plan folder"),
        ("diff", "format") => msg!(
            "出力の形式です（既定: table。--output を指定したときは、その拡張子 .md、.xlsx、.html、.json から決めます）。",
            "Output format (default: table; with --output, from the file's extension: .md, .xlsx, .html, .json)"
        ),
        ("diff", "output") => msg!(
            "標準出力ではなくファイルに書き込みます（書き込みは一度に置き換えます。計画フォルダの中には書きません）。xlsx では必須です。",
            "Write to FILE (atomically; never into a plan folder) instead of standard output; required for xlsx"
        ),
        ("diff", "findings") => msg!(
            "指摘も比べます（古い版から解消した指摘、新しい指摘、変わらない指摘）。",
            "Also compare the findings: resolved since the older version, new, unchanged"
        ),
        ("diff", "old_rev") => msg!(
            "古い版を、計画フォルダのある git リポジトリのこのリビジョンから読みます（作業ツリーには触れません）。",
            "Read the older version from this git revision of the repository holding the plan folder"
        ),
        ("diff", "against_changes") => msg!(
            "目次の構成、重点プロジェクトの名前、方針・取組の方向性の変更のうち、新しい版の変更対照表に記載のないものだけを示します。",
            "List only the changes of the outline, project names and directions that the newer plan's change table does not mention"
        ),
        ("explain", "rule") => msg!(
            "規則のコード（PC101）または名前（unknown-direction）です。大文字と小文字は区別しません。",
            "Rule code (PC101) or name (unknown-direction), in any case"
        ),
        ("completions", "shell") => {
            msg!("補完スクリプトを作るシェルです。", "Shell to complete for")
        }
        ("fix", "diff") => msg!(
            "書き込まずに、変わる箇所を差分で表示します。",
            "Print what would change as a unified diff, without writing"
        ),
        ("fix", "rule") => msg!(
            "この規則の指摘だけを直します（コードでも名前でも指定でき、大文字と小文字は区別しません）。",
            "Fix only the findings of this rule (code or name, in any case)"
        ),
        ("help", "command") => msg!(
            "ヘルプを表示するコマンドです。",
            "The command to print the help of"
        ),
        (c, a) => msg!(
            "（コマンド {c} の引数 {a} の説明がありません）",
            "(no help for argument {a} of command {c})"
        ),
    }
}

/// A clap error (or help, or the version) as our output: help and the version on standard
/// output with exit code 0; usage errors in our words on standard error with exit code 2.
fn render_error(e: &clap::Error, lang: Lang) -> Output {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Output {
            stdout: e.render().to_string().into_bytes(),
            stderr: String::new(),
            code: 0,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Output {
            stdout: Vec::new(),
            stderr: e.render().to_string(),
            code: 2,
        },
        _ => {
            let message = error_message(e);
            let usage = match e.get(ContextKind::Usage) {
                Some(ContextValue::StyledStr(s)) => {
                    let s = s.to_string();
                    let line = s.trim().trim_start_matches("Usage:").trim().to_string();
                    msg!("使い方: {line}", "Usage: {line}")
                        .get(lang)
                        .to_string()
                }
                _ => String::new(),
            };
            let hint = msg!(
                "詳しくは --help を付けて実行してください。",
                "For more information, try '--help'."
            );
            let mut text = format!("plancheck: {}\n", message.get(lang));
            if !usage.is_empty() {
                text.push_str(&format!("\n{usage}\n"));
            }
            text.push_str(&format!("\n{}\n", hint.get(lang)));
            Output {
                stdout: Vec::new(),
                stderr: text,
                code: 2,
            }
        }
    }
}

fn context_string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The usage error in both languages, keeping the offending argument, the valid values and
/// clap's suggestion.
fn error_message(e: &clap::Error) -> Msg {
    let arg = context_string(e, ContextKind::InvalidArg)
        .or_else(|| context_string(e, ContextKind::InvalidSubcommand))
        .unwrap_or_default();
    let value = context_string(e, ContextKind::InvalidValue).unwrap_or_default();
    let valid = match e.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(v)) => Some((v.join("、"), v.join(", "))),
        _ => None,
    };
    let suggestion = context_string(e, ContextKind::SuggestedArg)
        .or_else(|| context_string(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context_string(e, ContextKind::SuggestedValue));
    let mut m = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => msg!(
            "{arg} に値を指定してください。",
            "a value is required for '{arg}' but none was supplied"
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => msg!(
            "{arg} に「{value}」は指定できません。",
            "invalid value '{value}' for '{arg}'"
        ),
        ErrorKind::UnknownArgument => msg!(
            "引数「{arg}」は使えません。",
            "unexpected argument '{arg}' found"
        ),
        ErrorKind::InvalidSubcommand => msg!(
            "コマンド「{arg}」はありません。",
            "unrecognized subcommand '{arg}'"
        ),
        ErrorKind::ArgumentConflict => {
            let prior = context_string(e, ContextKind::PriorArg).unwrap_or_default();
            msg!(
                "{arg} と {prior} は一緒に指定できません。",
                "the argument '{arg}' cannot be used with '{prior}'"
            )
        }
        ErrorKind::MissingRequiredArgument => msg!(
            "必要な引数がありません: {arg}",
            "the following required arguments were not provided: {arg}"
        ),
        ErrorKind::MissingSubcommand => msg!(
            "コマンドを指定してください。",
            "a subcommand is required but one was not provided"
        ),
        ErrorKind::NoEquals => msg!(
            "{arg} の値は = でつないで指定してください。",
            "equal sign is needed when assigning values to '{arg}'"
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            msg!(
                "{arg} に指定した値の数が正しくありません。",
                "wrong number of values for '{arg}'"
            )
        }
        ErrorKind::InvalidUtf8 => msg!(
            "引数に UTF-8 ではない文字があります。",
            "invalid UTF-8 was detected in one or more arguments"
        ),
        _ => msg!(
            "コマンドラインが正しくありません。",
            "the command line is not valid"
        ),
    };
    if let Some((ja, en)) = valid.filter(|_| e.kind() == ErrorKind::InvalidValue) {
        m = Msg::new(
            format!("{}\n  指定できる値: {ja}", m.ja),
            format!("{}\n  [possible values: {en}]", m.en),
        );
    }
    if let Some(s) = suggestion {
        m = Msg::new(
            format!("{}\n  もしかして: {s}", m.ja),
            format!("{}\n  tip: a similar one exists: '{s}'", m.en),
        );
    }
    if e.kind() == ErrorKind::InvalidSubcommand || e.kind() == ErrorKind::MissingSubcommand {
        let names: Vec<String> = command(Lang::En)
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        m = Msg::new(
            format!("{}\n  使えるコマンド: {}", m.ja, names.join("、")),
            format!("{}\n  commands: {}", m.en, names.join(", ")),
        );
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("plancheck")
            .chain(list.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_lang_option_is_found_before_parsing() {
        assert_eq!(
            scan_lang_option(&args(&["check", "--lang", "ja"])),
            Some(Lang::Ja)
        );
        assert_eq!(
            scan_lang_option(&args(&["--lang=en", "check"])),
            Some(Lang::En)
        );
        assert_eq!(scan_lang_option(&args(&["check", "--lang"])), None);
        assert_eq!(
            scan_lang_option(&args(&["check", "--", "--lang", "ja"])),
            None
        );
    }

    /// clap 4.6 hands the offending argument over as a plain string; a styled string, a list
    /// of them or a number (other forms of its error context) must keep it in the message too.
    #[test]
    fn the_offending_argument_is_kept_in_whatever_form_clap_gives_it() {
        use clap::builder::StyledStr;
        let message = |value: ContextValue| {
            let mut e = clap::Error::new(ErrorKind::UnknownArgument);
            e.insert(ContextKind::InvalidArg, value);
            error_message(&e)
        };
        let styled = message(ContextValue::StyledStr(StyledStr::from("--fromat")));
        assert_eq!(styled.en, "unexpected argument '--fromat' found");
        assert_eq!(styled.ja, "引数「--fromat」は使えません。");
        let list = message(ContextValue::StyledStrs(vec![
            StyledStr::from("--a"),
            StyledStr::from("--b"),
        ]));
        assert_eq!(list.en, "unexpected argument '--a, --b' found");
        let number = message(ContextValue::Number(3));
        assert_eq!(number.en, "unexpected argument '3' found");
    }

    /// No option of plancheck requires `--option=value` today; one that does gets a message
    /// saying so, not "the command line is not valid".
    #[test]
    fn an_option_that_needs_an_equals_sign_says_so() {
        let e = Command::new("t")
            .arg(Arg::new("x").long("x").require_equals(true))
            .try_get_matches_from(["t", "--x", "v"])
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NoEquals);
        let m = error_message(&e);
        assert!(
            m.ja.ends_with("の値は = でつないで指定してください。"),
            "{}",
            m.ja
        );
        assert!(m.ja.starts_with("--x"), "{}", m.ja);
        assert!(
            m.en.starts_with("equal sign is needed when assigning values to '--x"),
            "{}",
            m.en
        );
    }

    #[test]
    fn every_argument_of_every_command_has_japanese_help() {
        let mut cmd = command(Lang::En);
        cmd.build();
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut check = |sub: &str, c: &Command| {
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                seen += 1;
                if arg_help(sub, id).ja.contains("説明がありません") {
                    missing.push(format!("{sub} {id}"));
                }
            }
            if about(sub).ja.starts_with("コマンド ") {
                missing.push(format!("about of {sub}"));
            }
        };
        check("", &cmd);
        for s in cmd.get_subcommands() {
            check(s.get_name(), s);
        }
        assert!(seen > 30, "only {seen} arguments walked");
        assert!(missing.is_empty(), "no Japanese help: {missing:?}");
    }
}
