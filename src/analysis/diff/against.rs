//! `diff --against-changes`: the changes at the level a change table works at (the outline,
//! project names, directions) that the newer plan's change table (`[[change]]`) does not
//! mention — a draft of the next change table.

use super::{Change, Kind};
use crate::plan::model::Plan;
use std::collections::HashSet;

/// The changes with a [`super::Level`] that `plan`'s change table does not mention. An item
/// is mentioned when its old text is among the table's 変更前 (removed, renamed-from) and its
/// new text among the 変更後 (added, renamed-to); `key` compares them (the change table's
/// own comparison: width, spacing and list markers ignored).
pub fn unmentioned(changes: &[Change], plan: &Plan, key: &dyn Fn(&str) -> String) -> Vec<Change> {
    let mut before: HashSet<String> = HashSet::new();
    let mut after: HashSet<String> = HashSet::new();
    for c in &plan.changes {
        before.extend(c.before.iter().map(|t| key(t.get_ref())));
        after.extend(c.after.iter().map(|t| key(t.get_ref())));
    }
    let in_before = |c: &Change| {
        c.old
            .as_ref()
            .is_some_and(|s| before.contains(&key(&s.text)))
    };
    let in_after = |c: &Change| {
        c.new
            .as_ref()
            .is_some_and(|s| after.contains(&key(&s.text)))
    };
    changes
        .iter()
        .filter(|c| c.level.is_some())
        .filter(|c| match c.kind {
            Kind::Added => !in_after(c),
            Kind::Removed => !in_before(c),
            Kind::Renamed | Kind::Changed => !(in_before(c) && in_after(c)),
        })
        .cloned()
        .collect()
}
