//! `plancheck check --watch`: checks the plan, then checks it again each time one of its
//! TOML files changes, clearing the screen first (on a terminal) so the triage view of the
//! latest check is what stands there. Runs until interrupted (Ctrl-C).
//!
//! The library prints nothing: each report is handed to `emit`, which writes it.

use super::args::CheckArgs;
use super::{Env, Output, check};
use crate::msg;
use crate::plan::load::is_toml;
use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Clears the terminal and puts the cursor at the top left.
const CLEAR: &str = "\x1b[2J\x1b[3J\x1b[H";

/// How long the files must stay unchanged before the plan is checked again: an editor's
/// save (a temporary file, a rename) and a batch of saves count as one change.
const QUIET: Duration = Duration::from_millis(300);

/// Checks the plan and keeps checking it as it changes; returns only when watching fails.
pub fn run(args: &CheckArgs, env: &Env, emit: &mut dyn FnMut(Output)) -> Output {
    // a stream of redrawn reports is for a person; a program reading JSON, SARIF or
    // annotations gets one document per run (an editor has `plancheck lsp`)
    if crate::output::reporter(&args.format).is_some_and(|r| !r.for_people()) {
        let format = &args.format;
        let people: Vec<&str> = crate::output::REPORTERS
            .iter()
            .filter(|r| r.for_people())
            .map(|r| r.name())
            .collect();
        let (people_ja, people) = (people.join("、"), people.join(", "));
        return Output::error(
            msg!(
                "--watch は人が読む形式（{people_ja}）とだけ使えます。--format {format} の結果は、変更のたびに plancheck check を実行して受け取ってください（エディタでは plancheck lsp を使えます）。",
                "--watch works only with the formats for people ({people}); for --format {format}, run plancheck check after each change (editors can use plancheck lsp)"
            ),
            env.lang,
            2,
        );
    }
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let shown = args.dir.display().to_string();
    let stopped = msg!("監視が止まりました", "the watcher stopped");
    let stopped = stopped.get(env.lang);
    let failed = |e: &dyn std::fmt::Display| {
        Output::error(
            msg!(
                "計画フォルダ {shown} の変更を監視できません（{e}）",
                "cannot watch the plan folder {shown} for changes ({e})"
            ),
            env.lang,
            2,
        )
    };
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => return failed(&e),
    };
    // a folder that does not exist (yet) cannot be watched: its report says why, then stop
    let watching = watcher.watch(&args.dir, RecursiveMode::Recursive);
    emit(report(args, env));
    if let Err(e) = watching {
        return failed(&e);
    }
    loop {
        // wait for a change of a plan file, then for the files to stay quiet
        let mut changed = false;
        while !changed {
            match rx.recv() {
                Ok(Ok(event)) => changed = is_change(&event),
                Ok(Err(e)) => emit(warning(failed(&e))),
                Err(_) => return failed(&stopped),
            }
        }
        loop {
            match rx.recv_timeout(QUIET) {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => emit(warning(failed(&e))),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return failed(&stopped);
                }
            }
        }
        emit(report(args, env));
    }
}

/// An error of the watcher (a folder removed, too many files), said on standard error
/// without stopping.
fn warning(out: Output) -> Output {
    Output { code: 0, ..out }
}

/// Whether an event changes a file of the plan: a file created, written, renamed or removed.
/// Opening and reading (the check itself reads every file) and metadata are not changes.
fn is_change(event: &notify::Event) -> bool {
    let kind = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    };
    kind && event.paths.iter().any(|p| is_plan_file(p))
}

/// One check of the plan as `check` prints it, after a cleared screen, with a line saying
/// that the folder is watched.
fn report(args: &CheckArgs, env: &Env) -> Output {
    let mut out = check::run(args, env);
    let mut stdout = Vec::new();
    if env.tty {
        stdout.extend_from_slice(CLEAR.as_bytes());
    }
    stdout.append(&mut out.stdout);
    let shown = args.dir.display();
    let footer = msg!(
        "計画フォルダ {shown} の変更を監視しています。ファイルを保存すると点検し直します（終了するには Ctrl-C）。",
        "Watching {shown} for changes: saving a file checks the plan again (Ctrl-C to quit)."
    );
    if !stdout.ends_with(b"\n") && !stdout.is_empty() {
        stdout.push(b'\n');
    }
    stdout.extend_from_slice(format!("\n{}\n", footer.get(env.lang)).as_bytes());
    out.stdout = stdout;
    out
}

/// Whether a changed path is a file of the plan: a `*.toml` that is not hidden (an editor's
/// swap and backup files are not).
fn is_plan_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| is_toml(n) && !n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plan_files_trigger_a_check() {
        assert!(is_plan_file(Path::new("plan/projects/p1.toml")));
        assert!(is_plan_file(Path::new("plan/PLAN.TOML")));
        assert!(!is_plan_file(Path::new("plan/.p1.toml.swp")));
        assert!(!is_plan_file(Path::new("plan/p1.toml~")));
        assert!(!is_plan_file(Path::new("plan/.#p1.toml")));
        assert!(!is_plan_file(Path::new("plan/4913")));
        assert!(!is_plan_file(Path::new("plan/review.html")));
    }

    /// A plan file created, written, renamed or removed starts a check; its metadata touched,
    /// or it being read (by the check itself), or any change of another file does not.
    #[test]
    fn only_changes_of_plan_files_start_a_check() {
        use notify::event::{AccessKind, CreateKind, MetadataKind, ModifyKind, RemoveKind};
        let event = |kind: EventKind, path: &str| notify::Event::new(kind).add_path(path.into());
        let toml = "plan/projects/p1.toml";
        assert!(is_change(&event(EventKind::Create(CreateKind::File), toml)));
        assert!(is_change(&event(EventKind::Remove(RemoveKind::File), toml)));
        assert!(is_change(&event(
            EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Content)),
            toml
        )));
        assert!(!is_change(&event(
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
            toml
        )));
        assert!(!is_change(&event(
            EventKind::Access(AccessKind::Read),
            toml
        )));
        assert!(!is_change(&event(
            EventKind::Create(CreateKind::File),
            "plan/review.html"
        )));
    }

    /// The report as the terminal shows it: the check's output, one blank line, the footer.
    #[test]
    fn one_blank_line_before_the_footer() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        std::fs::create_dir(&plan).unwrap();
        std::fs::write(plan.join("plan.toml"), "[plan]\nname = \"テスト\"\n").unwrap();
        for format in ["human", "concise"] {
            let args = CheckArgs {
                dir: plan.clone(),
                format: format.into(),
                deny: None,
                exit_zero: false,
                show_suppressed: false,
                min_severity: super::super::args::SeverityArg::Warning,
                write_baseline: None,
                baseline: None,
                watch: true,
            };
            let env = Env {
                lang: crate::Lang::En,
                color: false,
                width: 80,
                tty: false,
                source_date_epoch: None,
                step_summary: None,
            };
            let text = String::from_utf8(report(&args, &env).stdout).unwrap();
            let footer = format!(
                "Exit code 0.\n\nWatching {} for changes: saving a file checks the plan again (Ctrl-C to quit).\n",
                plan.display()
            );
            assert!(text.ends_with(&footer), "{format}: {text}");
        }
    }

    /// An error of the watcher while it runs (too many folders to watch): the message stays
    /// for standard error, and watching goes on (exit code 0). The error itself cannot be
    /// provoked here without lowering the system's inotify limit, so the helper is called
    /// with the output `run` gives it.
    #[test]
    fn a_watcher_error_is_said_without_stopping() {
        let said = "cannot watch the plan folder plan (too many folders)\n";
        let out = warning(Output {
            stdout: Vec::new(),
            stderr: said.to_string(),
            code: 2,
        });
        assert_eq!(
            out,
            Output {
                stdout: Vec::new(),
                stderr: said.to_string(),
                code: 0,
            }
        );
    }
}
