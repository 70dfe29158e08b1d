//! Near-duplicate detection for titles and names (表記ゆれ): similarity on normalised keys,
//! and candidate pairs found through a character-bigram index instead of comparing all pairs.

use rustc_hash::FxHashMap as HashMap;

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
    if a == b {
        return false;
    }
    // The edit distance is at least the difference in length, so keys of too different
    // lengths cannot reach the threshold: no need to compute it.
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if 1.0 - (la.abs_diff(lb) as f64) / (longest as f64) < threshold {
        return false;
    }
    similarity(a, b) >= threshold
}

/// Bigrams shared by more keys than this are too common to tell anything (「割合」, 「プロ」)
/// and are skipped, which keeps candidate search near-linear.
const MAX_POSTING: usize = 64;

/// The distinct character bigrams of a key.
fn bigrams(k: &str) -> Vec<(char, char)> {
    let cs: Vec<char> = k.chars().collect();
    let mut g: Vec<(char, char)> = cs.windows(2).map(|w| (w[0], w[1])).collect();
    g.sort_unstable();
    g.dedup();
    g
}

fn postings(keys: &[String]) -> HashMap<(char, char), Vec<usize>> {
    let mut postings: HashMap<(char, char), Vec<usize>> = HashMap::default();
    for (i, k) in keys.iter().enumerate() {
        for g in bigrams(k) {
            postings.entry(g).or_default().push(i);
        }
    }
    postings
}

/// Keys indexed by bigram, to find the nearest key to a query without comparing every key.
#[derive(Debug, Default)]
pub struct BigramIndex {
    keys: Vec<String>,
    postings: HashMap<(char, char), Vec<usize>>,
}

impl BigramIndex {
    /// Indexes the keys (callers keep a parallel list of what each key stands for).
    pub fn new(keys: Vec<String>) -> BigramIndex {
        let postings = postings(&keys);
        BigramIndex { keys, postings }
    }

    /// The key most similar to `query` at or above `threshold` but not equal to it; ties go to
    /// the earliest key.
    pub fn nearest(&self, query: &str, threshold: f64) -> Option<usize> {
        let mut candidates: Vec<usize> = bigrams(query)
            .into_iter()
            .filter_map(|g| self.postings.get(&g))
            .filter(|l| l.len() <= MAX_POSTING)
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, usize)> = None;
        for i in candidates {
            let k = &self.keys[i];
            if !is_near(query, k, threshold) {
                continue;
            }
            let s = similarity(query, k);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// Pairs `(i, j)` with `i < j` of distinct keys whose similarity reaches `threshold`.
/// Candidates share a character bigram (see [`MAX_POSTING`]).
pub fn near_pairs(keys: &[String], threshold: f64) -> Vec<(usize, usize)> {
    let postings = postings(keys);
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
    fn index_finds_the_nearest_distinct_key() {
        let ix = BigramIndex::new(vec![
            "高齢者の就労率".into(),
            "年少人口".into(),
            "高齢者の就業率".into(),
        ]);
        assert_eq!(ix.nearest("高齢者の就労率等", NEAR), Some(0));
        assert_eq!(
            ix.nearest("高齢者の就労率", NEAR),
            Some(2),
            "an equal key is not a near one"
        );
        assert_eq!(ix.nearest("刑法犯認知件数", NEAR), None);
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

    #[test]
    fn index_prefers_the_more_similar_key_and_the_earliest_of_equals() {
        let ix = BigramIndex::new(vec!["高齢者の就業率".into(), "高齢者の就労率等".into()]);
        // 6/7 for the first key, 7/8 for the second: the second is nearer
        assert_eq!(ix.nearest("高齢者の就労率", NEAR), Some(1));
        let ix = BigramIndex::new(vec!["高齢者の就業率".into(), "高齢者の就労率".into()]);
        // 6/7 for both: the earliest
        assert_eq!(ix.nearest("高齢者の就職率", NEAR), Some(0));
    }

    /// 防犯甲 and 防犯乙 (near: one character of three differs) share only the bigram 防犯,
    /// which `fillers` more keys hold too, none near anything.
    fn sharing_one_bigram(fillers: u32) -> Vec<String> {
        let mut keys = vec!["防犯甲".to_string(), "防犯乙".to_string()];
        keys.extend((0..fillers).map(|i| {
            let tail: String = (0..4)
                .map(|k| char::from_u32(0x3400 + 4 * i + k).unwrap())
                .collect();
            format!("防犯{tail}")
        }));
        keys
    }

    #[test]
    fn a_bigram_shared_by_64_keys_still_finds_pairs_and_one_shared_by_65_does_not() {
        let keys = sharing_one_bigram(62);
        assert_eq!(keys.len(), MAX_POSTING);
        assert_eq!(near_pairs(&keys, NEAR), vec![(0, 1)]);
        let keys = sharing_one_bigram(63);
        assert_eq!(
            near_pairs(&keys, NEAR),
            vec![],
            "防犯 is too common to tell anything"
        );
    }
}
