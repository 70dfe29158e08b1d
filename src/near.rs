//! Near-duplicate detection for titles and names (表記ゆれ): similarity on normalised keys,
//! and candidate pairs found through a character-bigram index instead of comparing all pairs.

use std::collections::HashMap;

/// 1 − (edit distance / length of the longer), on already-normalised keys.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    1.0 - strsim::levenshtein(a, b) as f64 / longest as f64
}

/// The default threshold for "almost the same" titles and names.
pub const NEAR: f64 = 0.6;

/// Whether two distinct keys are near variants of each other.
pub fn is_near(a: &str, b: &str, threshold: f64) -> bool {
    a != b && similarity(a, b) >= threshold
}

/// Pairs `(i, j)` with `i < j` of distinct keys whose similarity reaches `threshold`.
/// Candidates share a character bigram; bigrams shared by more than `MAX_POSTING` keys are
/// too common to tell anything and are skipped, which keeps the work near-linear.
pub fn near_pairs(keys: &[String], threshold: f64) -> Vec<(usize, usize)> {
    const MAX_POSTING: usize = 64;
    let mut postings: HashMap<(char, char), Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let cs: Vec<char> = k.chars().collect();
        let mut grams: Vec<(char, char)> = cs.windows(2).map(|w| (w[0], w[1])).collect();
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            postings.entry(g).or_default().push(i);
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for list in postings.values() {
        if list.len() > MAX_POSTING {
            continue;
        }
        for (n, &i) in list.iter().enumerate() {
            for &j in &list[n + 1..] {
                candidates.push((i, j));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|&(i, j)| is_near(&keys[i], &keys[j], threshold))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn okurigana_and_added_words_are_near() {
        assert!(is_near(
            "特別な配慮を要する子どもへの支援の充実",
            "特別な配慮を必要とする子どもへの支援の充実",
            NEAR
        ));
        assert!(is_near(
            "第9期高齢者保健福祉計画",
            "第9期伊勢崎市高齢者保健福祉計画",
            NEAR
        ));
        assert!(!is_near("高齢者の活躍支援", "高齢者の情報格差の解消", NEAR));
        assert!(!is_near("同じ", "同じ", NEAR));
    }

    #[test]
    fn near_pairs_finds_only_near_distinct_keys() {
        let keys: Vec<String> = [
            "取組の方向性",
            "取り組みの方向性",
            "関連計画",
            "取組の方向性",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(near_pairs(&keys, NEAR), vec![(0, 1), (1, 3)]);
    }
}
