//! The analysis layer: derived views of a loaded plan that rules share — the index of
//! references, the walk over every printed text, the ○/◎ grid, the placeholder scan and
//! near-duplicate search. Imports only the plan layer and the base types.

pub mod diff;
pub mod grid;
pub mod index;
pub mod near;
pub mod placeholders;
pub mod projects;
pub mod walk;

use std::collections::HashMap;
use std::hash::Hash;

/// Groups `items` by key: the groups in the order their keys first appear, each group's
/// values in their order.
pub fn group_in_order<K: Eq + Hash + Clone, V>(
    items: impl IntoIterator<Item = (K, V)>,
) -> Vec<(K, Vec<V>)> {
    let mut at: HashMap<K, usize> = HashMap::new();
    let mut groups: Vec<(K, Vec<V>)> = Vec::new();
    for (k, v) in items {
        match at.get(&k) {
            Some(&i) => groups[i].1.push(v),
            None => {
                at.insert(k.clone(), groups.len());
                groups.push((k, vec![v]));
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_keep_first_seen_order() {
        let g = super::group_in_order([("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)]);
        assert_eq!(g, [("b", vec![1, 3]), ("a", vec![2, 5]), ("c", vec![4])]);
    }
}
