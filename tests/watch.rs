//! `plancheck check --watch` as a user runs it: started on a copy of the shipped plan, it
//! reports once, reports again when a plan file is saved, and stops on Ctrl-C (SIGINT).
//! The timeouts only keep a broken build from hanging the suite; nothing is timed.

mod common;
use common::copy_dir;
use common::repo;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(180);
const FOOTER: &str = "Watching plan for changes";

/// The child's standard output, line by line, and the child (killed when dropped).
struct Watching {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(cwd: &Path) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plancheck"))
            .current_dir(cwd)
            .args([
                "check", "plan", "--watch", "--lang", "en", "--color", "never",
            ])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start plancheck");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { child, lines }
    }

    /// The lines of the next report, up to and including its footer.
    fn next_report(&self) -> Vec<String> {
        let deadline = Instant::now() + PATIENCE;
        let mut report = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no complete report; so far: {report:#?}"));
            let done = line.starts_with(FOOTER);
            report.push(line);
            if done {
                return report;
            }
        }
    }
}

#[test]
fn a_saved_file_is_checked_again() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("plan"), &tmp.path().join("plan"));
    let w = Watching::start(tmp.path());

    let first = w.next_report();
    let text = first.join("\n");
    assert!(text.contains("Exit code 0"), "{text}");
    assert!(!text.contains("nmae"), "{text}");

    // a colleague saves a policy with a typo'd key
    let file = tmp.path().join("plan/policies.toml");
    let mut policies = std::fs::read_to_string(&file).unwrap();
    policies.push_str("\n[[policy]]\nid = \"99\"\nnmae = \"typo\"\n");
    std::fs::write(&file, policies).unwrap();

    let second = w.next_report();
    let text = second.join("\n");
    assert!(text.contains("unknown key `nmae` in [[policy]]"), "{text}");
    assert!(text.contains("policies.toml"), "{text}");

    // fixing the typo checks again, reading the folder afresh (a new file beside the plan
    // is reported in that check)
    std::fs::write(tmp.path().join("plan/notes.txt"), "memo").unwrap();
    let fixed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("nmae = \"typo\"", "name = \"typo\"");
    std::fs::write(&file, fixed).unwrap();
    let third = w.next_report();
    let text = third.join("\n");
    assert!(!text.contains("nmae"), "{text}");
    assert!(text.contains("notes.txt"), "{text}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("plan"), &tmp.path().join("plan"));
    let mut w = Watching::start(tmp.path());
    w.next_report();
    let pid = w.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(s) = w.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "still running after SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!status.success());
}

#[test]
fn a_folder_that_cannot_be_watched_is_reported_once_with_exit_code_2() {
    let tmp = tempfile::tempdir().unwrap();
    for lang in ["en", "ja"] {
        let out = common::run_in(tmp.path(), &["--lang", lang, "check", "nowhere", "--watch"]);
        assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
        // the check's own report says the folder is missing, then watching stops
        assert!(out.stdout.contains("nowhere"), "{}", out.stdout);
        let said = if lang == "en" {
            "cannot watch the plan folder nowhere"
        } else {
            "計画フォルダ nowhere の変更を監視できません"
        };
        assert!(out.stderr.contains(said), "{}", out.stderr);
    }
}

#[test]
fn a_format_for_programs_is_refused_before_any_report() {
    // one JSON, SARIF or annotation document per run: a stream of redrawn documents with a
    // footer line would be nothing a program can parse
    let repo = common::repo();
    for format in ["json", "sarif", "github"] {
        for (lang, said) in [
            (
                "en",
                "--watch works only with the formats for people (human, concise)",
            ),
            (
                "ja",
                "--watch は人が読む形式（human、concise）とだけ使えます",
            ),
        ] {
            let out = common::run_in(
                &repo,
                &[
                    "--lang", lang, "check", "plan", "--watch", "--format", format,
                ],
            );
            assert_eq!(out.code, 2, "{format}: {}{}", out.stdout, out.stderr);
            assert!(out.stdout.is_empty(), "{format}: {}", out.stdout);
            assert!(out.stderr.contains(said), "{format}: {}", out.stderr);
            assert!(
                out.stderr.contains(&format!("--format {format}")),
                "{}",
                out.stderr
            );
        }
    }
}

/// Nothing saved, nothing checked: after its first report the watcher stays silent (the
/// check reading the files is no change), however long the officer leaves it running.
#[test]
fn without_a_change_there_is_no_new_report() {
    let f = common::Fixture::new();
    f.write("plan.toml", common::VALID);
    let w = Watching::start(f.dir.path());
    let first = w.next_report();
    assert!(first.join("\n").contains("Exit code 0"), "{first:#?}");
    // many times the quiet period (300 ms) that a save waits for
    match w.lines.recv_timeout(Duration::from_secs(3)) {
        Err(mpsc::RecvTimeoutError::Timeout) => {}
        other => panic!("output without any change: {other:?}"),
    }
    // a save is still checked, once
    f.write("plan.toml", format!("{}\n# 保存\n", common::VALID));
    let second = w.next_report();
    assert!(second.join("\n").contains("Exit code 0"), "{second:#?}");
}
