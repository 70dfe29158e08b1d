//! The vocabulary a generated plan is written in, drawn per seed: the first plan's
//! conventions (`1-1 方針１`, 「関係」, 「調整中」, 「Ｐ.○」, 「（案）」, 「関連するグラフ、写真等」)
//! or another city's (`1-1 施策の方向１`, 「関連」, 「検討中」, 「○ページ」, 「（素案）」,
//! 「写真・図の挿入予定」), declared in the plan's `plancheck.toml` under `[vocabulary]`.
//!
//! The plan is generated in the first vocabulary and then rewritten word for word: every
//! replacement is on one line, so the manifest's files and lines stay, and its subjects are
//! rewritten the same way.

use crate::{Generated, Options};

/// A vocabulary of the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// The first plan's conventions: plancheck's defaults, no `[vocabulary]`.
    Default,
    /// Another city's words, configured in `[vocabulary]`.
    Other,
}

/// The other vocabulary's words for the first plan's, in the order they are replaced.
const OTHER_WORDS: [(&str, &str); 7] = [
    ("関連するグラフ、写真等", "写真・図の挿入予定"),
    ("関係", "関連"),
    ("方針", "施策の方向"),
    ("調整中", "検討中"),
    ("Ｐ.○", "○ページ"),
    ("（案）", "（素案）"),
    ("(案)", "(素案)"),
];

/// The other vocabulary's `[vocabulary]` table.
const OTHER_CONFIG: &str = "
[vocabulary]
measure_id = { levels = 3 }
direction_id = \"{measure} 施策の方向{n}\"
related_marker = \"関連\"

[vocabulary.placeholders]
open_value = [\"検討中\"]
page_reference = [\"○ページ\"]
figure = [\"写真・図の挿入予定\"]
draft_plan = [\"（素案）\"]

[vocabulary.sections]
direction = \"施策の方向\"
direction_short = \"方向\"
";

impl Vocabulary {
    /// The vocabulary of a seed: odd seeds write the other city's words.
    pub fn for_seed(seed: u64) -> Vocabulary {
        if seed % 2 == 1 {
            Vocabulary::Other
        } else {
            Vocabulary::Default
        }
    }

    /// `text` in this vocabulary.
    pub fn rewrite(self, text: &str) -> String {
        match self {
            Vocabulary::Default => text.to_string(),
            Vocabulary::Other => three_levels(
                &OTHER_WORDS
                    .iter()
                    .fold(text.to_string(), |t, (from, to)| t.replace(from, to)),
            ),
        }
    }

    /// A generated plan (in the default vocabulary) written in this one.
    pub fn apply(self, mut g: Generated) -> Generated {
        if self == Vocabulary::Default {
            return g;
        }
        for (rel, text) in &mut g.files {
            *text = self.rewrite(text);
            if rel == "plancheck.toml" {
                text.push_str(OTHER_CONFIG);
            }
        }
        if !g.files.iter().any(|(rel, _)| rel == "plancheck.toml") {
            g.files
                .push(("plancheck.toml".to_string(), OTHER_CONFIG.to_string()));
            g.files.sort();
        }
        for e in &mut g.manifest {
            e.subject = e.subject.as_deref().map(|s| self.rewrite(s));
        }
        g.manifest.sort();
        g
    }
}

/// [`crate::generate`], written in the vocabulary drawn for the seed.
pub fn generate(o: &Options) -> Generated {
    Vocabulary::for_seed(o.seed).apply(crate::generate(o))
}

/// Whether `c` joins the numbers of an id as printed: the hyphen, its full-width form and the
/// look-alikes the generator injects.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '－' | 'ー' | '−' | '‐' | '–' | '—' | '―' | 'ｰ')
}

/// Every two-level id `N-M` (any width, spacing and dash) made three-level, `N-M-1`: the
/// other city numbers its measures 1-2-1.
fn three_levels(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let digit = |i: usize| {
        c.get(i)
            .is_some_and(|ch| ch.is_ascii_digit() || ('０'..='９').contains(ch))
    };
    let space = |i: usize| c.get(i).is_some_and(|ch| *ch == ' ' || *ch == '　');
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < c.len() {
        if digit(i) && (i == 0 || !digit(i - 1)) {
            // N, spaces, dash, spaces, M — and not a third level already
            let mut j = i;
            while digit(j) {
                j += 1;
            }
            let mut k = j;
            while space(k) {
                k += 1;
            }
            if c.get(k).is_some_and(|ch| is_dash(*ch)) {
                let mut m = k + 1;
                while space(m) {
                    m += 1;
                }
                if digit(m) {
                    let mut e = m;
                    while digit(e) {
                        e += 1;
                    }
                    let third = c.get(e).is_some_and(|ch| is_dash(*ch));
                    out.extend(&c[i..e]);
                    if !third {
                        out.push_str("-1");
                    }
                    i = e;
                    continue;
                }
            }
            out.extend(&c[i..j]);
            i = j;
            continue;
        }
        out.push(c[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_get_a_third_level_in_every_printed_form() {
        assert_eq!(three_levels("1-1 方針１"), "1-1-1 方針１");
        assert_eq!(three_levels("１－６ 方針 1"), "１－６-1 方針 1");
        assert_eq!(three_levels("1ー1"), "1ー1-1");
        assert_eq!(three_levels("2-1 × 3"), "2-1-1 × 3");
        assert_eq!(three_levels("1-2-3"), "1-2-3");
        assert_eq!(three_levels("P.10 と 5 件"), "P.10 と 5 件");
    }
}
