//! The `plancheck` binary: parses arguments, calls a command of the library, writes what it
//! returns and exits with its code. Everything else is in the library (`src/lib.rs`).

use clap::Parser;
use plancheck::commands::{self, Env, args::Cli};
use plancheck::i18n::Lang;
use plancheck::msg;
use plancheck::output::human::default_width;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let tty = std::io::stdout().is_terminal();
    let lang = match cli.lang {
        Some(l) => l.into(),
        None => Lang::from_env_vars(|k| std::env::var(k).ok()),
    };
    let terminal = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
    let columns = std::env::var("COLUMNS").ok();
    let env = Env {
        lang,
        color: cli
            .color
            .resolve(tty, std::env::var_os("NO_COLOR").as_deref()),
        width: cli
            .width
            .unwrap_or_else(|| default_width(terminal, columns.as_deref())),
        tty,
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(Into::into),
    };
    let out = commands::run(cli.command, &env);
    if !out.stderr.is_empty() {
        let _ = std::io::stderr().write_all(out.stderr.as_bytes());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&out.stdout).and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::from(out.code),
        // The reader went away (`plancheck check | head`): not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(out.code),
        Err(e) => {
            let m = msg!(
                "plancheck: 出力を書き込めません（{e}）",
                "plancheck: cannot write the output: {e}"
            );
            let _ = writeln!(std::io::stderr(), "{}", m.get(lang));
            ExitCode::from(2)
        }
    }
}
