//! `check --watch` checks the plan again after each change, in the same process: each check
//! must give back the memory of the plan it loaded. (A single `plancheck check` leaves it to
//! the operating system at exit; see `check::run_once`.) The memory is counted by a global
//! allocator of this test binary, which holds this one test only.

use plancheck::commands::args::{CheckArgs, SeverityArg};
use plancheck::commands::{Env, check};
use plancheck::i18n::Lang;
#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{HIGH, LIVE};
use std::sync::atomic::Ordering;

#[test]
fn each_check_of_a_watch_gives_its_memory_back() {
    let args = CheckArgs {
        dir: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("plan"),
        format: "human".to_string(),
        deny: None,
        exit_zero: false,
        show_suppressed: false,
        min_severity: SeverityArg::Warning,
        write_baseline: None,
        baseline: None,
        watch: true,
    };
    let env = Env {
        lang: Lang::Ja,
        color: false,
        width: 100,
        tty: false,
        source_date_epoch: None,
        step_summary: None,
    };
    // the first check fills the caches that live as long as the process
    let first = check::run(&args, &env);
    assert!(first.stdout.len() > 1000, "the shipped plan was checked");
    drop(first);
    let before = LIVE.load(Ordering::SeqCst);
    HIGH.store(before, Ordering::SeqCst);
    let out = check::run(&args, &env);
    assert!(out.stdout.len() > 1000);
    drop(out);
    let (peak, kept) = (
        HIGH.load(Ordering::SeqCst) - before,
        LIVE.load(Ordering::SeqCst) - before,
    );
    // the shipped plan's model and findings take megabytes while it is checked; what is
    // left afterwards is at most a few caches' growth
    assert!(peak > 1 << 20, "the check used only {peak} bytes");
    assert!(kept < 64 << 10, "a check kept {kept} of its {peak} bytes");
}
