//! The benchmark floor: read and parse the same TOML files as `plancheck check`, with the toml
//! crate, and nothing else. `bench/run.sh` compares plancheck's time with this program's.
//!
//! Usage: cargo run --release --example parse_floor -- DIR

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    files.sort();
    let mut tables = 0usize;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        if let Ok(t) = toml::from_str::<toml::Table>(&text) {
            tables += t.len();
        }
    }
    // print something so the work cannot be optimised away
    println!("{} files, {} top-level keys", files.len(), tables);
}
