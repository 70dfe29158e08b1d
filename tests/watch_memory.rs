//! `check --watch` checks the plan again after each change, in the same process: each check
//! must give back the memory of the plan it loaded. (A single `plancheck check` leaves it to
//! the operating system at exit; see `check::run_once`.) The memory is counted by a global
//! allocator of this test binary, which holds this one test only.

use plancheck::commands::args::{CheckArgs, SeverityArg};
use plancheck::commands::{Env, check};
use plancheck::i18n::Lang;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

/// Bytes allocated and not yet freed, and the most there have been.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static HIGH: AtomicIsize = AtomicIsize::new(0);

fn grew(by: isize) {
    let now = LIVE.fetch_add(by, Ordering::SeqCst) + by;
    HIGH.fetch_max(now, Ordering::SeqCst);
}

struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
