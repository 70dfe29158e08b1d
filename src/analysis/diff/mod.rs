//! The semantic comparison of two versions of a plan (新旧対照表): records are matched by
//! what they are — policies and measures by id, directions by id, projects by number,
//! direction-table rows by direction, indicators and headings by name (a near name in the
//! same order is a rename) — never by line, so reordered records are no change. Running text
//! is compared sentence by sentence; every change carries the words that differ.
//!
//! The change table itself (`[[change]]`) is not compared: it describes changes, it is not
//! plan content.

pub mod against;
mod tree;
pub mod words;

use crate::analysis::near;
use crate::plan::model::Plan;
use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use tree::{Node, Style};

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Added,
    Removed,
    /// A name changed: the item is the same record (same id, number or place).
    Renamed,
    /// A value or a text changed.
    Changed,
}

impl Kind {
    /// The kind's name in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Renamed => "renamed",
            Kind::Changed => "changed",
        }
    }
}

/// The level a change table (`[[change]]`) works at, for the changes it would record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A heading of the chapter's outline.
    Outline,
    /// A project's name.
    Project,
    /// A policy direction or a project direction.
    Direction,
}

/// One side of a change: the text as printed, where it is, and the characters that differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub text: String,
    /// The file as shown (the folder as given, joined with the path inside it).
    pub file: String,
    pub line: usize,
    /// Character ranges of `text` that differ from the other side.
    pub marks: Vec<Range<usize>>,
}

/// One change between the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    /// The project whose pages the item is on, if any.
    pub project: Option<i64>,
    /// Where the item stands, outermost first (the newer version's names).
    pub section: Vec<String>,
    /// The item: a field (`ねらい`), a record (`指標`), a heading.
    pub item: String,
    /// For running text: the 1-based number of the first sentence that differs.
    pub sentence: Option<usize>,
    pub old: Option<Side>,
    pub new: Option<Side>,
    /// The level of a change table this change is at, if it is at one.
    pub level: Option<Level>,
}

/// Every change from `old` to `new`, in the order of the newer version (removed items where
/// they stood).
pub fn compare(old: &Plan, new: &Plan) -> Vec<Change> {
    let (a, mut b) = (tree::build(old), tree::build(new));
    rekey_matrix_cells(&a, &mut b);
    let mut out = Vec::new();
    let cx = Cx {
        section: Vec::new(),
        project: None,
    };
    diff_children(&a.children, &b.children, b.renames, &cx, &mut out);
    out
}

/// Matrix cells are keyed by their column: once the columns of the two versions are paired
/// (a renamed project's column is the same column), the newer cells take the older keys.
fn rekey_matrix_cells(a: &Node, b: &mut Node) {
    let find = |n: &Node, key: &str| n.children.iter().position(|c| c.key == key);
    let (Some(ma), Some(mb)) = (find(a, "#matrix"), find(b, "#matrix")) else {
        return;
    };
    let (ma, mb) = (&a.children[ma], &mut b.children[mb]);
    let (Some(ca), Some(cb)) = (find(ma, "#columns"), find(mb, "#columns")) else {
        return;
    };
    let (ca, cb) = (&ma.children[ca], &mb.children[cb]);
    let renamed: Vec<(String, String)> = pair(&ca.children, &cb.children, true)
        .into_iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let j = j?;
            let (old, new) = (&ca.children[i].key, &cb.children[j].key);
            (old != new).then(|| (new.clone(), old.clone()))
        })
        .collect();
    if renamed.is_empty() {
        return;
    }
    let Some(rows) = find(mb, "#rows") else {
        return;
    };
    for row in &mut mb.children[rows].children {
        for group in row.children.iter_mut().filter(|c| c.key == "#cells") {
            for cell in &mut group.children {
                if let Some((_, old)) = renamed.iter().find(|(new, _)| *new == cell.key) {
                    cell.key = old.clone();
                }
            }
        }
    }
}

/// Where the comparison is: the section path and the project.
#[derive(Clone)]
struct Cx {
    section: Vec<String>,
    project: Option<i64>,
}

impl Cx {
    fn inside(&self, n: &Node) -> Cx {
        let mut c = self.clone();
        if let Some(s) = n.segment() {
            c.section.push(s);
        }
        c.project = n.project.or(self.project);
        c
    }
}

fn side(leaf: &tree::Leaf, marks: Vec<Range<usize>>) -> Side {
    Side {
        text: leaf.text.clone(),
        file: leaf.file.clone(),
        line: leaf.line,
        marks,
    }
}

/// A whole record, added or removed: its own text, or else its fields' texts.
fn whole(n: &Node) -> Option<Side> {
    // the record's own fields: its values after its name, 「合計特殊出生率（現状値 1.30、目標値
    // 1.40）」; a record known by an id, 「2-1 防犯の推進（政策 2）」
    let fields = |style: Style| -> Vec<&Node> {
        n.children
            .iter()
            .filter(|c| c.children.is_empty() && c.style == style && c.leaf.is_some())
            .collect()
    };
    let text = |c: &&Node| c.leaf.as_ref().map_or("", |l| l.text.as_str()).to_string();
    let (head, names) = match &n.leaf {
        Some(l) => (Some(l), Vec::new()),
        None => (
            n.children
                .iter()
                .find(|c| c.key == "#id")
                .and_then(|c| c.leaf.as_ref()),
            fields(Style::Name).iter().map(text).collect(),
        ),
    };
    let values: Vec<String> = fields(Style::Value)
        .iter()
        .filter(|c| c.key != "#id")
        .map(|c| format!("{} {}", c.label, text(c)))
        .collect();
    let head = head.or_else(|| n.leaves().first().copied())?;
    let mut s = side(head, Vec::new());
    for name in names {
        s.text = format!("{} {name}", s.text);
    }
    if !values.is_empty() {
        s.text = format!("{}（{}）", s.text, values.join("、"));
    }
    Some(s)
}

/// Marks covering a whole text, if any.
fn whole_text(t: Option<&str>) -> Vec<Range<usize>> {
    match t.map(|t| t.chars().count()) {
        Some(n) if n > 0 => std::iter::once(0..n).collect(),
        _ => Vec::new(),
    }
}

fn added_or_removed(n: &Node, kind: Kind, cx: &Cx, out: &mut Vec<Change>) {
    let Some(s) = whole(n) else { return };
    let s = Side {
        marks: whole_text(Some(&s.text)),
        ..s
    };
    let (old, new) = match kind {
        Kind::Added => (None, Some(s)),
        _ => (Some(s), None),
    };
    out.push(Change {
        kind,
        project: n.project.or(cx.project),
        section: cx.section.clone(),
        item: n.label.clone(),
        sentence: None,
        old,
        new,
        level: n.level,
    });
}

fn diff_node(a: &Node, b: &Node, cx: &Cx, out: &mut Vec<Change>) {
    let project = b.project.or(cx.project);
    match (&a.leaf, &b.leaf) {
        (Some(x), Some(y)) if x.norm != y.norm && b.style == Style::Prose => {
            let (sa, sb) = (words::sentences(&x.text), words::sentences(&y.text));
            for (i, j) in words::sentence_changes(&sa, &sb) {
                let (ta, tb) = (i.map(|i| sa[i]), j.map(|j| sb[j]));
                let (ma, mb) = match (ta, tb) {
                    (Some(ta), Some(tb)) => words::changed_words(ta, tb),
                    _ => (whole_text(ta), whole_text(tb)),
                };
                let kind = match (ta, tb) {
                    (None, _) => Kind::Added,
                    (_, None) => Kind::Removed,
                    _ => Kind::Changed,
                };
                let text = |l: &tree::Leaf, t: &str, m| Side {
                    text: t.to_string(),
                    ..side(l, m)
                };
                out.push(Change {
                    kind,
                    project,
                    section: cx.section.clone(),
                    item: b.label.clone(),
                    sentence: Some(j.or(i).unwrap_or(0) + 1),
                    old: ta.map(|t| text(x, t, ma)),
                    new: tb.map(|t| text(y, t, mb)),
                    level: None,
                });
            }
        }
        (Some(x), Some(y)) if x.norm != y.norm => {
            let (ma, mb) = words::changed_words(&x.text, &y.text);
            out.push(Change {
                kind: if b.style == Style::Name {
                    Kind::Renamed
                } else {
                    Kind::Changed
                },
                project,
                section: cx.section.clone(),
                item: b.label.clone(),
                sentence: None,
                old: Some(side(x, ma)),
                new: Some(side(y, mb)),
                level: b.level,
            });
        }
        (Some(x), None) => out.push(Change {
            kind: Kind::Removed,
            project,
            section: cx.section.clone(),
            item: a.label.clone(),
            sentence: None,
            old: Some(side(x, whole_text(Some(&x.text)))),
            new: None,
            level: None,
        }),
        (None, Some(y)) => out.push(Change {
            kind: Kind::Added,
            project,
            section: cx.section.clone(),
            item: b.label.clone(),
            sentence: None,
            old: None,
            new: Some(side(y, whole_text(Some(&y.text)))),
            level: None,
        }),
        _ => {}
    }
    diff_children(&a.children, &b.children, b.renames, &cx.inside(b), out);
}

/// How many (old, new) pairs of left-over records are compared for a rename at most.
const MAX_NEAR_SEARCH: usize = 250_000;

/// Matches two lists of records: by key (the k-th record of a key with the k-th); then, where
/// names are keys, each remaining old record with the nearest remaining new name after the
/// last one paired (a rename keeps its place among the others).
fn pair(a: &[Node], b: &[Node], renames: bool) -> Vec<Option<usize>> {
    let mut to: Vec<Option<usize>> = vec![None; a.len()];
    let mut taken = vec![false; b.len()];
    let mut by_key: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (j, y) in b.iter().enumerate() {
        by_key.entry(y.key.as_str()).or_default().push_back(j);
    }
    for (i, x) in a.iter().enumerate() {
        if let Some(j) = by_key.get_mut(x.key.as_str()).and_then(VecDeque::pop_front) {
            to[i] = Some(j);
            taken[j] = true;
        }
    }
    let unmatched = to.iter().filter(|t| t.is_none()).count();
    let unpaired = taken.iter().filter(|t| !**t).count();
    // near names are searched among the records left over, unless there are so many that the
    // search would take too long (then they are removed and added)
    if !renames || unmatched == 0 || unpaired == 0 || unmatched * unpaired > MAX_NEAR_SEARCH {
        return to;
    }
    // names of the same project: a project's new name printed where the old one was
    for (i, x) in a.iter().enumerate() {
        if to[i].is_some() || x.project.is_none() {
            continue;
        }
        if let Some(j) = (0..b.len()).find(|&j| !taken[j] && b[j].project == x.project) {
            to[i] = Some(j);
            taken[j] = true;
        }
    }
    let mut after = 0;
    for i in 0..a.len() {
        if let Some(j) = to[i] {
            after = after.max(j + 1);
            continue;
        }
        let best = (after..b.len())
            .filter(|&j| !taken[j] && near::is_near(&a[i].key, &b[j].key, near::NEAR))
            .max_by(|&j, &k| {
                let (sj, sk) = (
                    near::similarity(&a[i].key, &b[j].key),
                    near::similarity(&a[i].key, &b[k].key),
                );
                sj.total_cmp(&sk).then(k.cmp(&j))
            });
        if let Some(j) = best {
            to[i] = Some(j);
            taken[j] = true;
            after = j + 1;
        }
    }
    to
}

fn diff_children(a: &[Node], b: &[Node], renames: bool, cx: &Cx, out: &mut Vec<Change>) {
    let to = pair(a, b, renames);
    let mut from: Vec<Option<usize>> = vec![None; b.len()];
    for (i, j) in to.iter().enumerate() {
        if let Some(j) = j {
            from[*j] = Some(i);
        }
    }
    // removed records are told where they stood: before the next record that was kept
    let mut next_old = 0;
    let flush = |upto: usize, next_old: &mut usize, out: &mut Vec<Change>| {
        while *next_old < upto {
            if to[*next_old].is_none() {
                added_or_removed(&a[*next_old], Kind::Removed, cx, out);
            }
            *next_old += 1;
        }
    };
    for (j, y) in b.iter().enumerate() {
        match from[j] {
            Some(i) => {
                flush(i, &mut next_old, out);
                next_old = next_old.max(i + 1);
                diff_node(&a[i], y, cx, out);
            }
            None => added_or_removed(y, Kind::Added, cx, out),
        }
    }
    flush(a.len(), &mut next_old, out);
}

#[cfg(test)]
mod tests;
