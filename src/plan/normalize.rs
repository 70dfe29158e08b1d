//! NFKC-style normalisation for comparing ids and names. Spans always point at the
//! original text; only comparisons use the normalised form.

use crate::plan::vocabulary::Vocabulary;
use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Whether `s` is certainly in NFKC: ASCII is, and so is what the quick check says yes to.
/// Text made of [`plain`] characters only (most of a Japanese plan) is accepted without the
/// quick check's table lookups.
fn is_nfkc(s: &str) -> bool {
    s.is_ascii() || s.chars().all(plain) || is_nfkc_quick(s.chars()) == IsNormalized::Yes
}

/// Characters that the NFKC quick check accepts on their own and that never reorder
/// (canonical combining class 0), so that any text of them only is in NFKC: ASCII, the
/// ideographic comma, full stop and brackets, hiragana, katakana and the CJK unified
/// ideographs.
fn plain(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{7F}'
            | '\u{3001}'..='\u{3002}'
            | '\u{300C}'..='\u{300F}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30A1}'..='\u{30FC}'
            | '\u{4E00}'..='\u{9FFF}'
    )
}

/// `s` in NFKC: borrowed when the quick check finds it so already (most plan text is), which
/// spares the decomposition and recomposition.
pub fn nfkc(s: &str) -> Cow<'_, str> {
    if is_nfkc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    }
}

/// Full-width ASCII (`！` to `～`), which NFKC maps to the ASCII character 0xFEE0 below.
fn wide(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Characters of a key's fast path that are their own NFKC and never compose with a
/// neighbour: the [`plain`] ones and a few more that Japanese plans print often (○ ◎ ※ 々
/// 【】).
fn kept(c: char) -> bool {
    plain(c) || matches!(c, '○' | '◎' | '※' | '々' | '【' | '】')
}

/// The key of a text made only of [`kept`] characters, white space and full-width ASCII
/// (most names and ids of a Japanese plan): white space dropped and full-width ASCII narrowed
/// in one pass, without NFKC's decomposition and recomposition. `None` for any other text.
fn simple_key(s: &str) -> Option<String> {
    let mut changed = false;
    for c in s.chars() {
        if c.is_whitespace() || wide(c).is_some() {
            changed = true;
        } else if !kept(c) {
            return None;
        }
    }
    if !changed {
        return Some(s.to_string());
    }
    Some(
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| wide(c).unwrap_or(c))
            .collect(),
    )
}

/// NFKC with all white space removed: `１-１ 方針 1` → `1-1方針1`.
pub fn key(s: &str) -> String {
    if let Some(k) = simple_key(s) {
        return k;
    }
    if is_nfkc(s) {
        // Already NFKC: only white space to drop (then normalised again, as below).
        if !s.chars().any(char::is_whitespace) {
            return s.to_string();
        }
        let k: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        return nfkc(&k).into_owned();
    }
    let mut dropped = false;
    let k: String = s
        .nfkc()
        .filter(|c| {
            let space = c.is_whitespace();
            dropped |= space;
            !space
        })
        .collect();
    // NFKC turns some characters into a space and a combining mark (`¨` → ` ` U+0308). Once
    // the space is dropped, the mark follows the letter before it and composes with it when
    // normalised again (`Ａ¨` → `A` U+0308 → `Ä`): normalise once more so that a key is its
    // own key. The result has no white space: `k` holds no compatibility characters any more.
    if dropped { nfkc(&k).into_owned() } else { k }
}

/// NFKC, white space runs folded to one ASCII space and trimmed.
pub fn text(s: &str) -> String {
    nfkc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text normalised character by character (NFKC of each character, white space dropped),
/// each character remembering the byte range of the original character it came from: for
/// finding a key inside running text and pointing at the original bytes.
pub struct KeyChars {
    pub chars: Vec<char>,
    pub origin: Vec<Range<usize>>,
}

impl KeyChars {
    pub fn new(text: &str) -> KeyChars {
        let mut k = KeyChars {
            chars: Vec::with_capacity(text.len() / 2),
            origin: Vec::with_capacity(text.len() / 2),
        };
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let at = i..i + c.len_utf8();
            // most characters are their own NFKC form: no decomposition to run
            if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
                k.chars.push(c);
                k.origin.push(at);
                continue;
            }
            for n in std::iter::once(c).nfkc() {
                if !n.is_whitespace() {
                    k.chars.push(n);
                    k.origin.push(at.clone());
                }
            }
        }
        k
    }
}

/// A reference to a policy direction as printed in a table row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DirectionRef {
    /// Normalised measure id, e.g. `1-1`.
    pub measure: String,
    pub number: u32,
    /// Printed with the vocabulary's related marker: the row is an initiative related to the
    /// direction.
    pub related: bool,
}

impl DirectionRef {
    /// Parses a printed direction id in the plan's vocabulary (any width, any spacing).
    pub fn parse(vocabulary: &Vocabulary, printed: &str) -> Option<DirectionRef> {
        let (measure, number, related) = vocabulary.parse_direction(printed)?;
        Some(DirectionRef {
            measure,
            number,
            related,
        })
    }

    /// The normalised direction id, `1-1 方針1` by default, used as a finding's subject.
    pub fn id(&self, vocabulary: &Vocabulary) -> String {
        vocabulary.direction_id(&self.measure, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_pass_the_quick_check_and_never_reorder() {
        // the oracle: the unicode-normalization crate's own tables, character by character
        let all = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| plain(*c));
        let mut n = 0;
        for c in all {
            n += 1;
            assert_eq!(is_nfkc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
            assert_eq!(
                c.to_string().nfkc().collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
        }
        assert_eq!(n, 128 + 2 + 4 + 86 + 92 + 20992);
        // and what is not plain still goes through the quick check
        assert!(!is_nfkc("ＤＸ"));
        assert!(!is_nfkc("ｶﾀｶﾅ"));
        assert!(is_nfkc("計画、「ひらがな」とカタカナ。"));
    }

    #[test]
    fn key_is_width_and_space_insensitive() {
        for (printed, k) in [
            ("１-１ 方針 1", "1-1方針1"),
            ("ＤＸ推進　プロジェクト", "DX推進プロジェクト"),
            ("100％", "100%"),
        ] {
            assert_eq!(key(printed), k, "{printed}");
        }
    }

    #[test]
    fn the_quick_check_path_gives_what_full_normalisation_gives() {
        use unicode_normalization::UnicodeNormalization;
        // the definition: NFKC, white space dropped, NFKC again when some was dropped
        let full = |s: &str| -> String {
            let k: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
            k.nfkc().collect()
        };
        for s in [
            "",
            "plan",
            "1-1 方針1",
            "１-１ 方針 1",
            "子育て支援の充実",
            "Ａ¨",
            "A ¨",
            "e\u{301}",
            "\u{e9} x",
            "ｶﾞｲﾄﾞ",
            "　全角　空白　",
            "①②",
        ] {
            assert_eq!(key(s), full(s), "{s:?}");
            assert_eq!(
                text(s),
                s.nfkc()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn the_fast_key_path_gives_what_full_normalisation_gives() {
        // the oracle: the definition of a key with the unicode-normalization crate's NFKC
        let full = |s: &str| -> String {
            let k: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
            k.nfkc().collect()
        };
        let fast: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| kept(*c) || wide(*c).is_some() || c.is_whitespace())
            .collect();
        // every plain character, 94 full-width ASCII forms, 6 more kept, 25 white spaces
        assert_eq!(fast.len(), 128 + 2 + 4 + 86 + 92 + 20992 + 94 + 6 + 25 - 6);
        for c in &fast {
            for (before, after) in [
                ("", ""),
                ("e", "か"),
                ("Ａ", "　"),
                ("　", "e"),
                ("か", "Ａ"),
            ] {
                let s = format!("{before}{c}{after}");
                assert!(simple_key(&s).is_some(), "{s:?}");
                assert_eq!(key(&s), full(&s), "{s:?}");
            }
        }
        assert_eq!(key("（１）ＤＸ　推進"), "(1)DX推進");
        assert_eq!(key("○◎※々【】"), "○◎※々【】");
        // what the fast path does not know goes the long way
        for s in ["ｶﾞｲﾄﾞ", "Ａ¨", "①", "e\u{301}", "ＤＸ①"] {
            assert_eq!(simple_key(s), None, "{s:?}");
            assert_eq!(key(s), full(s), "{s:?}");
        }
    }

    #[test]
    fn key_is_its_own_key() {
        // `¨` is NFKC ` ` U+0308: without the space the mark composes with the `A`
        assert_eq!(key("Ａ¨"), "Ä");
        assert_eq!(key(&key("Ａ¨")), key("Ａ¨"));
        assert_eq!(key("C¸"), "Ç");
    }

    #[test]
    fn direction_refs_parse_in_every_printed_form() {
        let v = Vocabulary::default();
        let r = DirectionRef::parse(&v, "1-6 方針 1").unwrap();
        assert_eq!((r.measure.as_str(), r.number, r.related), ("1-6", 1, false));
        let r = DirectionRef::parse(&v, "1-2 方針４関係").unwrap();
        assert_eq!((r.measure.as_str(), r.number, r.related), ("1-2", 4, true));
        assert_eq!(
            DirectionRef::parse(&v, "３-２ 方針１２").unwrap().id(&v),
            "3-2 方針12"
        );
        assert!(DirectionRef::parse(&v, "方針1").is_none());
        assert!(DirectionRef::parse(&v, "1-1 方針").is_none());
        assert!(DirectionRef::parse(&v, "1-1 方針x").is_none());
    }
}
