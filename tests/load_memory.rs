//! Plan files of 1 MiB and more are parsed in pieces (src/plan/load/pieces.rs), so that
//! loading one needs memory for the text and the records it holds and for parsing a piece of
//! about 256 KiB at a time, not for parsing the whole file at once. The memory is counted by
//! a global allocator of this test binary, which holds this one test only; the comparison is
//! the toml crate parsing the same text whole.

use plancheck::plan::load::load_from_memory;
#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{HIGH, LIVE};
use std::sync::atomic::Ordering;

/// Loads one file; returns the most memory the load had in use beyond what the loaded plan
/// keeps (the parse buffers, at their largest), and the English messages of its errors.
fn parse_memory(name: &str, text: &str) -> (usize, Vec<String>) {
    let before = LIVE.load(Ordering::SeqCst);
    HIGH.store(before, Ordering::SeqCst);
    let loaded = load_from_memory("plan", &[(name, text)]);
    let peak = HIGH.load(Ordering::SeqCst) - before;
    let kept = LIVE.load(Ordering::SeqCst) - before;
    let errors = match &loaded {
        Ok(_) => Vec::new(),
        Err(f) => f.errors.iter().map(|e| e.message.en.clone()).collect(),
    };
    drop(loaded);
    ((peak - kept) as usize, errors)
}

/// `n` measure records, their headers indented, under a comment holding a lone `[`.
fn measures(n: usize) -> String {
    let mut s = String::from("# 施策の一覧 [2026年12月版\n\n");
    for k in 0..n {
        let (p, m) = (k / 100 + 1, k % 100 + 1);
        s.push_str(&format!(
            "  [[measure]]\n  id = \"{p}-{m}\"\n  policy = \"{p}\"\n  name = \"施策{k}\"\n\n"
        ));
    }
    s
}

/// Comment lines: notes kept beside the records, which the parser reads but the records do
/// not hold.
fn notes(k: usize) -> String {
    (0..8)
        .map(|i| format!("# 備考{k}-{i}: 担当課と協議中\n"))
        .collect()
}

/// The matrix: a header and `n` rows, each with notes.
fn matrix(n: usize) -> String {
    let mut s = String::from("[matrix]\ncolumns = [\"一\", \"二\", \"三\"]\n\n");
    for k in 0..n {
        let (p, m) = (k / 100 + 1, k % 100 + 1);
        s.push_str(&format!(
            "[[matrix.row]]\nmeasure = \"{p}-{m}\"\ncells = [\"○\", \"\", \"◎\"]\n{}\n",
            notes(k)
        ));
    }
    s
}

/// One project with `n` directions, each with notes.
fn project(n: usize) -> String {
    let mut s = String::from("[[project]]\nnumber = 1\nname = \"プロジェクト\"\n\n");
    for k in 0..n {
        s.push_str(&format!(
            "[[project.direction]]\ntitle = \"方向{k}\"\n{}\n",
            notes(k)
        ));
    }
    s
}

/// Three pieces: nothing before the first header, then two records of `n` bytes of notes
/// each.
fn two_pieces(n: usize) -> String {
    let mut s = String::new();
    for m in 1..=2 {
        s.push_str(&format!(
            "[[measure]]\nid = \"1-{m}\"\npolicy = \"1\"\nname = \"施策\"\n"
        ));
        let mut k = 0;
        while s.len() < m * n {
            s.push_str(&notes(k));
            k += 1;
        }
    }
    s
}

/// The most memory parsing `text` whole takes with the toml crate alone.
fn whole_parse(text: &str) -> usize {
    let before = LIVE.load(Ordering::SeqCst);
    HIGH.store(before, Ordering::SeqCst);
    let parsed = toml::de::DeTable::parse(text).expect("valid TOML");
    drop(parsed);
    (HIGH.load(Ordering::SeqCst) - before) as usize
}

#[test]
fn large_plan_files_are_parsed_a_piece_at_a_time() {
    let measures = measures(30_000);
    // a record with a table of a name the plan does not know: reported, and the file is
    // still parsed in pieces
    let unknown = format!("{measures}  [measure.sub_item]\n  note = \"x\"\n");
    // a record with an array of tables under a quoted key ending in `[`: reported, and the
    // headers after it still found
    let second = measures.match_indices("  [[measure]]").nth(1).unwrap().0;
    let quoted = format!(
        "{}  [[measure.\"注[\"]]\n  x = 1\n\n{}",
        &measures[..second],
        &measures[second..]
    );
    for (name, text, errors) in [
        ("measures.toml", measures.as_str(), &[][..]),
        ("matrix.toml", &matrix(8_000), &[]),
        ("project.toml", &project(8_000), &[]),
        ("two.toml", &two_pieces(600_000), &[]),
        (
            "unknown.toml",
            &unknown,
            &["unknown key `sub_item` in [[measure]]"],
        ),
        (
            "quoted.toml",
            &quoted,
            &["unknown key `注[` in [[measure]]"],
        ),
    ] {
        assert!(text.len() > 1 << 20, "{name} is not large");
        let (used, found) = parse_memory(name, text);
        assert_eq!(found, errors, "{name}");
        // the toml crate parsing the file at once, for comparison
        let whole = whole_parse(text);
        assert!(
            used * 10 < whole * 7,
            "{name} ({} bytes): loading it took {used} bytes of parse memory, parsing it whole {whole}",
            text.len()
        );
    }
}
