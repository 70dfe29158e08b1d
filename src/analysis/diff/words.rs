//! Word-level comparison of two printed texts, and sentences of running text. Japanese has no
//! spaces between words, so a "word" is a run of Latin letters and digits, or one character.

use crate::analysis::near;
use crate::plan::normalize;
use std::ops::Range;

/// A Latin letter or digit, in ASCII or full width (`Ａ`, `１`).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// A text cut into tokens: each with its byte range in the text and its comparison key.
fn tokens(s: &str) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    let mut latin: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_latin = chars.peek().is_some_and(|&(_, n)| is_latin(n));
        // a decimal point or a thousands separator inside a number stays in the word
        let inside = latin.is_some() && next_latin && matches!(c, '.' | ',' | '．' | '，');
        if is_latin(c) || inside {
            latin.get_or_insert(i);
            continue;
        }
        if let Some(start) = latin.take() {
            out.push((start..i, normalize::key(&s[start..i])));
        }
        let r = i..i + c.len_utf8();
        out.push((r.clone(), normalize::key(&s[r])));
    }
    if let Some(start) = latin {
        out.push((start..s.len(), normalize::key(&s[start..])));
    }
    out
}

/// The largest table [`lcs`] fills (cells); longer texts are compared by their common
/// beginning and end.
const MAX_TABLE: usize = 4_000_000;

/// Longest common subsequence of two key lists: the pairs `(i, j)` kept, in order.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_TABLE {
        // too long to compare in full: keep the common beginning and end only
        let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let tail = a[head..]
            .iter()
            .rev()
            .zip(b[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let mut out: Vec<(usize, usize)> = (0..head).map(|i| (i, i)).collect();
        out.extend((0..tail).rev().map(|k| (n - 1 - k, m - 1 - k)));
        return out;
    }
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[at(i, j)] = if a[i] == b[j] {
                t[at(i + 1, j + 1)] + 1
            } else {
                t[at(i + 1, j)].max(t[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[at(i + 1, j)] >= t[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The parts of `old` and `new` that differ, as character ranges (merged, in order). White
/// space and width differences (`ＤＸ` / `DX`) are not differences.
pub fn changed_words(old: &str, new: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    // white space (a token that normalises to nothing) is never a difference, and takes no
    // part in the matching
    let words = |s: &str| -> Vec<(Range<usize>, String)> {
        tokens(s).into_iter().filter(|t| !t.1.is_empty()).collect()
    };
    let (a, b) = (words(old), words(new));
    let ka: Vec<&str> = a.iter().map(|t| t.1.as_str()).collect();
    let kb: Vec<&str> = b.iter().map(|t| t.1.as_str()).collect();
    let kept = lcs(&ka, &kb);
    let mut keep_a = vec![false; a.len()];
    let mut keep_b = vec![false; b.len()];
    for (i, j) in kept {
        keep_a[i] = true;
        keep_b[j] = true;
    }
    (ranges(old, &a, &keep_a), ranges(new, &b, &keep_b))
}

/// Character ranges of the tokens not kept, adjacent ones merged.
fn ranges(s: &str, toks: &[(Range<usize>, String)], keep: &[bool]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (t, kept) in toks.iter().zip(keep) {
        if *kept {
            continue;
        }
        let start = s[..t.0.start].chars().count();
        let end = start + s[t.0.clone()].chars().count();
        let between = |last: &Range<usize>| {
            s.chars()
                .skip(last.end)
                .take(start - last.end.min(start))
                .all(char::is_whitespace)
        };
        match out.last_mut() {
            Some(last) if last.end <= start && between(last) => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

/// The sentences of running text: each ends after 「。」, 「！」 or 「？」 (the last may not).
pub fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '。' | '！' | '？') {
            let end = i + c.len_utf8();
            out.push(&s[start..end]);
            start = end;
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(&s[start..]);
    }
    out
}

/// The sentences that differ between two texts, in order: `(Some(i), Some(j))` for old
/// sentence `i` changed into new sentence `j` (a near sentence in the same place),
/// `(Some(i), None)` removed, `(None, Some(j))` added. Sentences are compared after
/// normalisation; equal ones are left out.
pub fn sentence_changes(old: &[&str], new: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let ka: Vec<String> = old.iter().map(|s| normalize::key(s)).collect();
    let kb: Vec<String> = new.iter().map(|s| normalize::key(s)).collect();
    let mut kept = lcs(&ka, &kb);
    kept.push((old.len(), new.len()));
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    for (a, b) in kept {
        // within a run of differing sentences, pair near ones in order
        let mut next = j;
        let mut paired: Vec<(usize, usize)> = Vec::new();
        for (x, key) in ka.iter().enumerate().take(a).skip(i) {
            if let Some(y) = (next..b).find(|&y| near::similarity(key, &kb[y]) >= near::NEAR) {
                paired.push((x, y));
                next = y + 1;
            }
        }
        let (mut x, mut y) = (i, j);
        for (px, py) in paired.into_iter().chain(std::iter::once((a, b))) {
            out.extend((x..px).map(|x| (Some(x), None)));
            out.extend((y..py).map(|y| (None, Some(y))));
            if px < a {
                out.push((Some(px), Some(py)));
            }
            (x, y) = (px + 1, py + 1);
        }
        i = a + 1;
        j = b + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(r: Range<usize>) -> Vec<Range<usize>> {
        std::iter::once(r).collect()
    }

    #[test]
    fn changed_words_mark_only_what_differs() {
        let (a, b) = changed_words("防災・減災プロジェクト", "暮らしの安心実現プロジェクト");
        assert_eq!(a, one(0..5));
        assert_eq!(b, one(0..8));
        let (a, b) = changed_words("DX 推進", "ＤＸ推進");
        assert!(a.is_empty() && b.is_empty());
        let (a, b) = changed_words("目標 100 件", "目標 120 件");
        assert_eq!((a, b), (one(3..6), one(3..6)), "a number is one word");
        let (a, b) = changed_words("96.5%", "97.0%");
        assert_eq!((a, b), (one(0..4), one(0..4)), "with its decimal point");
    }

    #[test]
    fn very_long_texts_are_compared_by_their_common_ends() {
        let old = format!("前{}後", "あ".repeat(3000));
        let new = format!("前{}後", "い".repeat(3000));
        let (a, b) = changed_words(&old, &new);
        assert_eq!((a, b), (one(1..3001), one(1..3001)));
    }

    #[test]
    fn a_removed_or_inserted_word_is_marked_and_nothing_else() {
        // 「・減災」 removed
        assert_eq!(
            changed_words("防災・減災の推進", "防災の推進"),
            (one(2..5), vec![])
        );
        // 「一層の」 inserted
        assert_eq!(
            changed_words("子育て支援の充実", "子育て支援の一層の充実"),
            (vec![], one(6..9))
        );
        // 「学び合い」 removed, not pieces of both words
        assert_eq!(
            changed_words("学び合い支え合い", "支え合い"),
            (one(0..4), vec![])
        );
        // 「いきいき」 inserted before a word of repeated characters
        assert_eq!(
            changed_words("生き生き", "いきいき生き生き"),
            (vec![], one(0..4))
        );
    }

    #[test]
    fn a_removed_word_of_repeated_characters_is_marked_whole() {
        // 「にまちまち」 removed; the 「まち」 of 「まちづくり」 is kept
        assert_eq!(
            changed_words("地域ごとにまちまちのまちづくり", "地域ごとのまちづくり"),
            (one(4..9), vec![])
        );
    }

    #[test]
    fn a_separator_outside_a_number_is_a_word_of_its_own() {
        assert_eq!(
            changed_words("計,100", "計,200"),
            (one(2..5), one(2..5)),
            "the comma before the number is not part of it"
        );
    }

    #[test]
    fn changes_apart_are_marked_apart() {
        let two = vec![0..1, 4..5];
        assert_eq!(
            changed_words("赤い花と青い空", "白い花と黒い空"),
            (two.clone(), two)
        );
    }

    #[test]
    fn texts_that_just_fill_the_table_are_compared_in_full() {
        // 2,000 × 2,000 tokens: the limit, still compared word by word — 「前」 removed and
        // 「後」 added, the 1,999 「あ」 kept
        let old = format!("前{}", "あ".repeat(1999));
        let new = format!("{}後", "あ".repeat(1999));
        assert_eq!(changed_words(&old, &new), (one(0..1), one(1999..2000)));
    }

    #[test]
    fn the_common_end_of_very_long_texts_is_kept_whole() {
        let old = format!("前{}後まで", "あ".repeat(3000));
        let new = format!("前{}後まで", "い".repeat(3000));
        let (a, b) = changed_words(&old, &new);
        assert_eq!((a, b), (one(1..3001), one(1..3001)));
    }

    #[test]
    fn two_sentences_merged_into_one_pair_only_the_first() {
        let old = ["子育てを支援します。", "子育てを応援します。"];
        let new = ["子育てを支援・応援します。"];
        assert_eq!(
            sentence_changes(&old, &new),
            vec![(Some(0), Some(0)), (Some(1), None)]
        );
    }

    #[test]
    fn sentences_end_at_full_stops() {
        assert_eq!(sentences("一。二！三"), vec!["一。", "二！", "三"]);
        assert_eq!(sentences("一。"), vec!["一。"]);
    }

    #[test]
    fn sentence_changes_pair_near_sentences_and_skip_equal_ones() {
        let old = ["一つ目の文です。", "二つ目の文です。", "三つ目。"];
        let new = [
            "一つ目の文です。",
            "二つ目の文でした。",
            "全く別の新しい内容。",
            "三つ目。",
            "四。",
        ];
        assert_eq!(
            sentence_changes(&old, &new),
            vec![(Some(1), Some(1)), (None, Some(2)), (None, Some(4))]
        );
        assert!(sentence_changes(&old, &old).is_empty());
        assert_eq!(sentence_changes(&old, &[]).len(), 3);
    }
}
