//! The ○/◎ grid implied by the direction tables: for each measure and project, the distinct
//! policy directions the project's tables cite (primary and 関係 rows alike).

use crate::analysis::index::{Citation, Index};
use crate::plan::normalize;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Direction number → the rows citing it.
pub type Cited<'a> = BTreeMap<u32, Vec<Citation<'a>>>;

#[derive(Debug, Default)]
pub struct Implied<'a> {
    /// Normalised measure id → project number → cited directions.
    cells: HashMap<String, HashMap<i64, Cited<'a>>>,
}

/// What a cell shows.
pub fn symbol(distinct: usize) -> &'static str {
    match distinct {
        0 => "",
        1 => "○",
        _ => "◎",
    }
}

/// A drawn cell's symbol, normalised: ○ (also 〇 and ◯), ◎, or "" for blank.
pub fn drawn_symbol(text: &str) -> Option<&'static str> {
    match text.trim() {
        "" => Some(""),
        "○" | "〇" | "◯" => Some("○"),
        "◎" => Some("◎"),
        _ => None,
    }
}

impl<'a> Implied<'a> {
    pub fn new(ix: &Index<'a>) -> Implied<'a> {
        let mut cells: HashMap<String, HashMap<i64, Cited<'a>>> = HashMap::default();
        for c in &ix.citations {
            let Some(r) = c.reference() else { continue };
            cells
                .entry(r.measure)
                .or_default()
                .entry(*c.project.number.get_ref())
                .or_default()
                .entry(r.number)
                .or_default()
                .push(*c);
        }
        Implied { cells }
    }

    /// Per project, the directions of a measure (an already normalised id) that it cites.
    pub fn measure_key(&self, key: &str) -> Option<&HashMap<i64, Cited<'a>>> {
        self.cells.get(key)
    }

    /// Distinct direction numbers cited, with the citing rows (measure id as printed).
    pub fn directions(&self, measure: &str, project: i64) -> Option<&Cited<'a>> {
        self.measure_key(&normalize::key(measure))?.get(&project)
    }

    pub fn symbol(&self, measure: &str, project: i64) -> &'static str {
        symbol(self.directions(measure, project).map_or(0, BTreeMap::len))
    }

    /// Normalised ids of every measure some project cites.
    pub fn measures(&self) -> impl Iterator<Item = &str> {
        self.cells.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_shows_one_mark_per_distinct_direction_cited() {
        let loaded =
            crate::plan::load::load_from_memory("plan", &[("plan.toml", crate::rules::BASE)])
                .unwrap();
        let ix = Index::new(&loaded.plan);
        let im = Implied::new(&ix);
        // project 1's tables cite 1-1 方針１ and 1-1 方針２, and 2-1 方針１
        let numbers = |m: &str| {
            im.directions(m, 1)
                .map(|c| c.keys().copied().collect::<Vec<u32>>())
        };
        assert_eq!(numbers("1-1"), Some(vec![1, 2]));
        assert_eq!(
            numbers("２－１"),
            Some(vec![1]),
            "ids compare after normalising"
        );
        assert_eq!(numbers("3-1"), None);
        assert!(im.directions("1-1", 2).is_none(), "no project 2");
        assert_eq!(
            [
                im.symbol("1-1", 1),
                im.symbol("2-1", 1),
                im.symbol("3-1", 1)
            ],
            ["◎", "○", ""]
        );
    }
}
