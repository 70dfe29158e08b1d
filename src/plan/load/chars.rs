//! Characters that Japanese input methods type in place of TOML's ASCII punctuation, with
//! their names in both languages, so that a message can say which character it means.

use crate::i18n::Msg;

/// A character and its name in Japanese and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub c: char,
    pub ja: &'static str,
    pub en: &'static str,
}

const fn named(c: char, ja: &'static str, en: &'static str) -> Named {
    Named { c, ja, en }
}

/// Typed where TOML expects white space.
pub const FULL_WIDTH_SPACE: Named = named('\u{3000}', "全角スペース", "full-width space");
/// Typed for `=`.
pub const FULL_WIDTH_EQUALS: Named = named('＝', "全角の等号", "full-width equals sign");

/// Typed for `"` (`double`) or `'` as string delimiters.
pub const QUOTES: &[(Named, bool)] = &[
    (
        named('“', "左二重引用符", "left double quotation mark"),
        true,
    ),
    (
        named('”', "右二重引用符", "right double quotation mark"),
        true,
    ),
    (
        named('＂', "全角の二重引用符", "full-width quotation mark"),
        true,
    ),
    (
        named('‘', "左一重引用符", "left single quotation mark"),
        false,
    ),
    (
        named('’', "右一重引用符", "right single quotation mark"),
        false,
    ),
    (
        named('＇', "全角の一重引用符", "full-width apostrophe"),
        false,
    ),
];

/// Typed for `[` (`opening`) or `]` in table headers and arrays.
pub const BRACKETS: &[(Named, bool)] = &[
    (
        named('［', "全角の左角括弧", "full-width left square bracket"),
        true,
    ),
    (
        named('］', "全角の右角括弧", "full-width right square bracket"),
        false,
    ),
    (
        named('【', "左隅付き括弧", "left black lenticular bracket"),
        true,
    ),
    (
        named('】', "右隅付き括弧", "right black lenticular bracket"),
        false,
    ),
];

/// Look-alikes of the hyphen-minus `-` in ids. Only the full-width hyphen-minus becomes `-`
/// under NFKC; every other one makes an id that matches nothing.
pub const DASHES: &[Named] = &[
    named('ー', "長音記号", "long vowel mark"),
    named('ｰ', "半角の長音記号", "half-width long vowel mark"),
    named('−', "マイナス記号", "minus sign"),
    named('‐', "ハイフン", "hyphen"),
    named('–', "エヌダッシュ", "en dash"),
    named('—', "エムダッシュ", "em dash"),
    named('―', "水平線", "horizontal bar"),
    named('－', "全角ハイフンマイナス", "full-width hyphen-minus"),
];

/// The named character `c`, if it is one of ours.
pub fn find(c: char) -> Option<Named> {
    [FULL_WIDTH_SPACE, FULL_WIDTH_EQUALS]
        .into_iter()
        .chain(QUOTES.iter().map(|q| q.0))
        .chain(BRACKETS.iter().map(|b| b.0))
        .chain(DASHES.iter().copied())
        .find(|n| n.c == c)
}

/// A dash look-alike that does not become `-` under NFKC.
pub fn breaking_dash(c: char) -> Option<Named> {
    DASHES.iter().copied().find(|n| n.c == c && n.c != '－')
}

impl Named {
    /// 「長音記号「ー」(U+30FC)」 / "long vowel mark 'ー' (U+30FC)".
    pub fn describe(&self) -> Msg {
        let (c, ja, en, u) = (self.c, self.ja, self.en, self.c as u32);
        Msg::new(
            format!("{ja}「{c}」(U+{u:04X})"),
            format!("{en} '{c}' (U+{u:04X})"),
        )
    }
}

/// Several named characters in one phrase: 「A、B」 / "A and B".
pub fn describe_all(chars: &[Named]) -> Msg {
    let parts: Vec<Msg> = chars.iter().map(Named::describe).collect();
    let ja: Vec<&str> = parts.iter().map(|m| m.ja.as_str()).collect();
    let en: Vec<&str> = parts.iter().map(|m| m.en.as_str()).collect();
    let en = match en.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => en.concat(),
    };
    Msg::new(ja.join("、"), en)
}

/// The named characters in `s`, each once, in order of appearance.
pub fn named_in(s: &str) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for n in s.chars().filter_map(find) {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn names_carry_the_character_and_its_code_point() {
        let m = find('ー').unwrap().describe();
        assert_eq!(m.ja, "長音記号「ー」(U+30FC)");
        assert_eq!(m.en, "long vowel mark 'ー' (U+30FC)");
        let all = describe_all(&[find('［').unwrap(), find('］').unwrap()]);
        assert_eq!(
            all.en,
            "full-width left square bracket '［' (U+FF3B) and full-width right square bracket '］' (U+FF3D)"
        );
    }

    #[test]
    fn only_the_full_width_hyphen_minus_normalises_to_a_hyphen() {
        for d in DASHES {
            let n: String = d.c.to_string().nfkc().collect();
            assert_eq!(n == "-", breaking_dash(d.c).is_none(), "{:?}", d.c);
        }
    }
}
