//! Baselines: record today's findings, then fail only on new ones. Entries are matched by what
//! a finding is about — code, file and subject — never by line number or message, so an edit
//! above a finding, or a count in its message that changes, does not break the match.
//!
//! File format: version 2 (written now) keeps the message for people reading the file and
//! for the list of fixed entries, but does not compare it. Version 1 files (which compared
//! the message) are still read, and matched the same way.

use crate::finding::{Finding, Location};
use crate::plan::normalize;
use crate::plan::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    /// The file's path inside the plan folder (independent of how the folder was named).
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The English message, NFKC-normalised with white space folded: for people (and the
    /// list of fixed entries); not compared.
    pub message: String,
}

/// What an entry is matched on: rule, file and subject.
type Key = (String, String, Option<String>);

impl Entry {
    fn key(&self) -> Key {
        (self.code.clone(), self.file.clone(), self.subject.clone())
    }
}

/// The baseline file format written now.
pub const VERSION: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

pub fn entry(files: &[SourceFile], f: &Finding) -> Entry {
    let file = match &f.location {
        Location::Span { file, .. } => files[*file].rel.clone(),
        Location::Path(p) => p.clone(),
    };
    Entry {
        code: f.code.to_string(),
        file,
        subject: f.subject.clone(),
        message: normalize::text(&f.message.en),
    }
}

/// The baseline file for these findings (entries sorted, so the file is stable).
pub fn write(files: &[SourceFile], findings: &[Finding]) -> String {
    let mut entries: Vec<Entry> = findings.iter().map(|f| entry(files, f)).collect();
    entries.sort();
    let mut s = serde_json::to_string_pretty(&Baseline {
        version: VERSION,
        entries,
    })
    .expect("JSON of plain data");
    s.push('\n');
    s
}

/// Reads a baseline file of version 1 or 2; the error says why in both languages.
pub fn parse(text: &str) -> Result<Baseline, crate::i18n::Msg> {
    let b: Baseline = serde_json::from_str(text.trim_start_matches('\u{FEFF}')).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let what = if e.is_data() {
            "ベースラインの形式ではありません"
        } else {
            "JSON として正しくありません"
        };
        crate::i18n::Msg::new(
            format!("{line} 行 {column} 列: {what}。plancheck check --write-baseline で作り直してください"),
            e.to_string(),
        )
    })?;
    if !(1..=VERSION).contains(&b.version) {
        let v = b.version;
        return Err(crate::msg!(
            "版 {v} のベースラインです。この plancheck が読めるのは版 1 から {VERSION} までです",
            "version {v} (this plancheck reads versions 1 to {VERSION})"
        ));
    }
    Ok(b)
}

/// What comparing findings with a baseline found.
#[derive(Debug)]
pub struct Comparison {
    /// Findings not in the baseline: these are reported.
    pub new: Vec<Finding>,
    /// Findings matched by a baseline entry.
    pub known: usize,
    /// Baseline entries no finding matches any more (fixed since), sorted.
    pub fixed: Vec<Entry>,
}

/// Matches findings with entries as multisets: each entry absorbs one finding with the same
/// rule, file and subject.
pub fn compare(files: &[SourceFile], baseline: &Baseline, findings: Vec<Finding>) -> Comparison {
    let mut remaining: BTreeMap<Key, Vec<&Entry>> = BTreeMap::new();
    for e in &baseline.entries {
        remaining.entry(e.key()).or_default().push(e);
    }
    // Entries with the same key are used in their sorted order, so the fixed ones are
    // always the same.
    for v in remaining.values_mut() {
        v.sort();
        v.reverse();
    }
    let mut new = Vec::new();
    let mut known = 0;
    for f in findings {
        let matched = remaining
            .get_mut(&entry(files, &f).key())
            .and_then(|v| v.pop())
            .is_some();
        if matched {
            known += 1;
        } else {
            new.push(f);
        }
    }
    let mut fixed: Vec<Entry> = remaining.into_values().flatten().cloned().collect();
    fixed.sort();
    Comparison { new, known, fixed }
}
