//! Editors' outputs: the placeholder report and the computed ○/◎ matrix, and safe file writing.

pub mod fit;
pub mod matrix;
pub mod report;
pub mod workbook;

use crate::i18n::Msg;
use crate::msg;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Quotes a CSV field when needed (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV document: UTF-8 with a BOM (so Excel on Japanese Windows reads it), CRLF line ends.
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{FEFF}");
    for r in rows {
        let line: Vec<String> = r.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Escapes a Markdown table cell.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown table (first row = header).
pub fn markdown_table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", "---|".repeat(r.len())));
        }
    }
    out
}

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}", .0.en)]
    Refused(Msg),
    #[error("{}", .0.en)]
    Io(Msg),
}

impl WriteError {
    pub fn message(&self) -> &Msg {
        match self {
            WriteError::Refused(m) | WriteError::Io(m) => m,
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    // Canonicalise the deepest existing ancestor, keep the rest as written.
    let mut existing = p.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// Whether `target` lies inside `folder`.
pub fn is_inside(target: &Path, folder: &Path) -> bool {
    absolute(target).starts_with(absolute(folder))
}

/// Writes `bytes` to `target` atomically: a temporary file beside it, then a rename, so a
/// reader never sees a half-written file and a failure leaves nothing behind.
/// `forbidden`: a folder the target must not be in (the plan folder), if any.
pub fn write_atomic(
    target: &Path,
    bytes: &[u8],
    forbidden: Option<&Path>,
) -> Result<(), WriteError> {
    let shown = target.display().to_string();
    if let Some(dir) = forbidden
        && is_inside(target, dir)
    {
        let d = dir.display().to_string();
        return Err(WriteError::Refused(msg!(
            "計画フォルダ {d} の中には書き出しません: {shown}",
            "refusing to write into the plan folder {d}: {shown}"
        )));
    }
    if target.is_dir() {
        return Err(WriteError::Refused(msg!(
            "フォルダには書き出せません: {shown}",
            "{shown} is a folder"
        )));
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |e: std::io::Error| {
        WriteError::Io(msg!(
            "書き出せません: {shown}（{e}）",
            "cannot write {shown} ({e})"
        ))
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&parent).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(target).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("調整中"), "調整中");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert!(csv(&[vec!["x".into()]]).starts_with('\u{FEFF}'));
    }

    #[test]
    fn atomic_write_refuses_the_plan_folder_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        std::fs::create_dir(&plan).unwrap();
        let inside = plan.join("sub").join("out.csv");
        assert!(matches!(
            write_atomic(&inside, b"x", Some(&plan)),
            Err(WriteError::Refused(_))
        ));
        assert!(!inside.exists());
        let outside = dir.path().join("out.csv");
        write_atomic(&outside, b"hello", Some(&plan)).unwrap();
        assert_eq!(std::fs::read(&outside).unwrap(), b"hello");
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 2, "no temporary file left behind");
        let missing_dir = dir.path().join("no").join("such").join("out.csv");
        assert!(matches!(
            write_atomic(&missing_dir, b"x", None),
            Err(WriteError::Io(_))
        ));
    }
}
