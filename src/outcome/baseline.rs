//! Baselines: record today's findings, then fail only on new ones. Entries are matched by what
//! a finding is about — code, file, subject and normalised message — never by line number,
//! so an edit above a finding does not break the match.

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
    /// The English message, NFKC-normalised with white space folded.
    pub message: String,
}

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
        version: 1,
        entries,
    })
    .expect("JSON of plain data");
    s.push('\n');
    s
}

pub fn parse(text: &str) -> Result<Baseline, String> {
    serde_json::from_str(text.trim_start_matches('\u{FEFF}')).map_err(|e| e.to_string())
}

/// What comparing findings with a baseline found.
#[derive(Debug)]
pub struct Comparison {
    /// Findings not in the baseline: these are reported.
    pub new: Vec<Finding>,
    /// Findings matched by a baseline entry.
    pub known: usize,
    /// Baseline entries no finding matches any more (fixed since).
    pub fixed: usize,
}

/// Matches findings with entries as multisets: each entry absorbs one equal finding.
pub fn compare(files: &[SourceFile], baseline: &Baseline, findings: Vec<Finding>) -> Comparison {
    let mut remaining: BTreeMap<&Entry, usize> = BTreeMap::new();
    for e in &baseline.entries {
        *remaining.entry(e).or_default() += 1;
    }
    let mut new = Vec::new();
    let mut known = 0;
    for f in findings {
        let e = entry(files, &f);
        match remaining.get_mut(&e) {
            Some(n) if *n > 0 => {
                *n -= 1;
                known += 1;
            }
            _ => new.push(f),
        }
    }
    let fixed = remaining.values().sum();
    Comparison { new, known, fixed }
}
