//! `plancheck check`: the findings of the plan in the chosen format; or, with
//! `--write-baseline`, today's findings recorded in a baseline file.

use super::args::CheckArgs;
use super::{Env, Output, render, write};
use crate::msg;
use crate::outcome::{self, Options, Status, baseline, display_root};
use crate::output::anchor::Anchor;
use std::path::{Component, Path, PathBuf};

pub fn run(args: &CheckArgs, env: &Env) -> Output {
    run_then(args, env, Free::Yes)
}

/// [`run`] for a process that exits right after the command (`plancheck check` without
/// `--watch`): the plan's model and the outcome are left unfreed (`std::mem::forget`), since
/// the operating system reclaims the memory at exit at once, while freeing millions of small
/// strings and tables one by one takes a few per cent of a large plan's check. Never for a
/// command that checks more than once (`--watch` calls [`run`]).
pub fn run_once(args: &CheckArgs, env: &Env) -> Output {
    run_then(args, env, Free::No)
}

/// Whether [`run_then`] frees the model and the outcome before it returns.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Free {
    Yes,
    No,
}

fn run_then(args: &CheckArgs, env: &Env, free: Free) -> Output {
    let mut settings = env.settings(args.show_suppressed, args.min_severity.into());
    settings.anchor = anchor(&args.dir);
    if let Some(path) = &args.write_baseline {
        let outcome = outcome::check(&args.dir, &Options::default());
        if let Status::NotLoaded { .. } = outcome.status {
            return render(&outcome, &args.format, &settings);
        }
        let text = baseline::write(&outcome.files, &outcome.findings);
        return match write::write_atomic(path, text.as_bytes(), None) {
            Ok(()) => {
                let n = outcome.findings.len();
                let shown = path.display();
                Output::message(
                    msg!(
                        "ベースラインに {n} 件の指摘を記録しました: {shown}",
                        "recorded {n} findings in the baseline {shown}"
                    ),
                    env.lang,
                    0,
                )
            }
            Err(e) => Output::message(e.message().clone(), env.lang, 2),
        };
    }
    let baseline = match &args.baseline {
        None => None,
        Some(path) => {
            let parsed = std::fs::read_to_string(path)
                .map_err(|e| crate::i18n::io_reason(&e))
                .and_then(|t| baseline::parse(&t));
            match parsed {
                Ok(b) => Some(b),
                Err(e) => {
                    let shown = path.display();
                    let (ja, en) = (&e.ja, &e.en);
                    return Output::message(
                        crate::i18n::Msg::new(
                            format!("ベースラインを読めません: {shown}（{ja}）"),
                            format!("cannot read the baseline {shown} ({en})"),
                        ),
                        env.lang,
                        2,
                    );
                }
            }
        }
    };
    let options = Options {
        deny_warnings: args.deny.is_some(),
        exit_zero: args.exit_zero,
        baseline,
    };
    let (outcome, model) = outcome::check_returning_model(&args.dir, &options);
    let mut out = render(&outcome, &args.format, &settings);
    if args.format == "github"
        && let Some(path) = &env.step_summary
    {
        let summary = crate::output::github::step_summary(&outcome, &settings);
        if let Err(e) = append(path, &summary) {
            let shown = path.display();
            let note = msg!(
                "GITHUB_STEP_SUMMARY（{shown}）に書き込めませんでした（{e}）",
                "cannot append to GITHUB_STEP_SUMMARY ({shown}): {e}"
            );
            out.stderr.push_str(note.get(env.lang));
            out.stderr.push('\n');
        }
    }
    if free == Free::No {
        std::mem::forget(model);
        std::mem::forget(outcome);
    }
    out
}

/// Appends to a file (the runner's job summary), creating it if needed.
fn append(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// Where the plan folder `dir` lies: its real path (symbolic links resolved), and the base of
/// the paths of SARIF and GitHub annotations — the repository root found from the plan folder
/// (the nearest folder holding `.git`, a folder or a worktree's file), else the working
/// directory. `None` only when the working directory is unknown.
fn anchor(dir: &Path) -> Option<Anchor> {
    let cwd = std::env::current_dir().ok()?;
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    let plan = dir
        .canonicalize()
        .unwrap_or_else(|_| lexically_normal(&cwd.join(dir)));
    let base = plan
        .ancestors()
        .find(|a| a.join(".git").exists())
        .map(Path::to_path_buf)
        .unwrap_or(cwd);
    Some(Anchor::new(
        &display_root(dir),
        &plan.to_string_lossy(),
        &base.to_string_lossy(),
    ))
}

/// An absolute path without `.` and `..` components (for a folder that does not exist).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
