//! The `plancheck` binary: parses arguments, calls a command of the library, writes what it
//! returns and exits with its code. Everything else is in the library (`src/lib.rs`).

use plancheck::commands::cli::{self, Parsed};
use plancheck::commands::{self, Env};
use plancheck::i18n::Lang;
use plancheck::msg;
use plancheck::output::human::default_width;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let env_lang = std::env::var("PLANCHECK_LANG").ok();
    let locale = sys_locale::get_locale();
    let (cli, lang) = match cli::parse(&argv, env_lang.as_deref(), locale.as_deref()) {
        Parsed::Run(cli, lang) => (cli, lang),
        Parsed::Done(out) => return write(out, Lang::En),
    };
    let tty = std::io::stdout().is_terminal();
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
    let mut emit = |out: commands::Output| {
        write(out, lang);
    };
    write(commands::run_streaming(cli.command, &env, &mut emit), lang)
}

/// Writes a command's output and returns its exit code.
fn write(out: commands::Output, lang: Lang) -> ExitCode {
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
