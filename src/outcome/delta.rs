//! The findings of two versions of a plan compared (`diff --findings`): resolved since the
//! old version, new in this one, and unchanged. Findings are matched like a baseline's
//! entries ([`super::baseline`]): by rule, file and subject, as multisets, never by line.

use super::{Options, baseline, evaluate_loaded};
use crate::finding::Severity;
use crate::i18n::Msg;
use crate::plan::load::Loaded;
use crate::plan::source::{SourceFile, position};
use std::collections::BTreeMap;

/// One finding, resolved for showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub code: &'static str,
    pub severity: Severity,
    /// The file as shown, and the line (0 for a path without a position).
    pub file: String,
    pub line: usize,
    pub subject: Option<String>,
    pub message: Msg,
}

/// Findings of the old version no longer reported, findings new in this one, and the
/// findings of this one already reported in the old one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delta {
    pub resolved: Vec<Item>,
    pub new: Vec<Item>,
    pub unchanged: Vec<Item>,
}

/// Checks both versions (with the severities each folder configures) and compares the
/// findings.
pub fn delta(old: &Loaded, new: &Loaded) -> Delta {
    let options = Options::default();
    let (a, b) = (
        evaluate_loaded(old, &options),
        evaluate_loaded(new, &options),
    );
    let item = |files: &[SourceFile], f: &crate::finding::Finding| {
        let p = position(files, &f.location);
        Item {
            code: f.code,
            severity: f.severity,
            file: p.file,
            line: p.line,
            subject: f.subject.clone(),
            message: f.message.clone(),
        }
    };
    let key = |files: &[SourceFile], f: &crate::finding::Finding| {
        let e = baseline::entry(files, f);
        (e.code, e.file, e.subject)
    };
    let mut remaining: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    for (i, f) in a.findings.iter().enumerate().rev() {
        remaining.entry(key(&a.files, f)).or_default().push(i);
    }
    let mut out = Delta::default();
    let mut matched = vec![false; a.findings.len()];
    for f in &b.findings {
        match remaining.get_mut(&key(&b.files, f)).and_then(Vec::pop) {
            Some(i) => {
                matched[i] = true;
                out.unchanged.push(item(&b.files, f));
            }
            None => out.new.push(item(&b.files, f)),
        }
    }
    for (f, m) in a.findings.iter().zip(matched) {
        if !m {
            out.resolved.push(item(&a.files, f));
        }
    }
    out
}
