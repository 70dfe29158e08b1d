//! PC505 likely-typo: a kanji that makes a rare word out of one the plan uses several times
//! (「学校施設庁寿命化計画」 where the siblings read 「…長寿命化計画」), found from the plan's own
//! vocabulary, with no word list.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::walk::TextRef;
use crate::finding::{Finding, Severity};
use crate::msg;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC505",
    name: "likely-typo",
    severity: Severity::Info,
    summary: (
        "計画の他の箇所の語と一字だけ違う、誤字と思われる語",
        "a rare word one kanji away from a word the plan uses several times",
    ),
    docs: Docs {
        what: (
            "計画の文章・名称・関連計画・注記の漢字・カタカナの続き（語）から、計画で一度しか現れない 5 字以上の並びのうち、漢字を一字だけ別の漢字に替えると計画で 2 回以上使われている並びになるものを探します。誤字らしいものだけを残すため、次の条件を全て満たすものだけを報告します: （1）その一字と前後の字の組（2 字の並び）がどちらも計画のここにしかない、（2）前後の字はそのままで、一字を替えた 3 字の並びが計画の他の箇所にある。一か所ごとに、最も長い並びで一度だけ報告します。変更対照表の変更前の欄（前の案の引用）は対象外です。辞書は使わないので、正しい別の語を指すこともあります（情報）。",
            "Among the runs of kanji and katakana (words) of the plan's texts, names, related plans and notes, looks for a sequence of 5 or more characters that occurs once in the plan and becomes, with one kanji replaced by another, a sequence the plan uses twice or more. To keep only likely typos, a place is reported only when (1) the two-character pairs the kanji forms with its neighbours occur nowhere else in the plan, and (2) the three characters with the replacement between the same neighbours occur elsewhere in the plan. Each place is reported once, with the longest sequence. The change table's 変更前 column (quoting the previous draft) is left out. No word list is used, so a finding may be a correct, different word (info).",
        ),
        why: (
            "変換の誤り（同じ読みの別の漢字）は、読み返しても見落としやすく、関連計画の名称のような固有名詞では検索や照合にも響きます。計画自身が何度も使っている語と比べれば、辞書なしでも候補を絞れます。",
            "A wrong conversion (another kanji of the same reading) is easy to overlook when proofreading, and in names such as related plans it breaks searches and cross-checks. Comparing with the words the plan itself uses repeatedly narrows the candidates without a dictionary.",
        ),
        example: (
            "related = [\"学校施設庁寿命化計画\", \"橋梁長寿命化計画\", \"公園施設長寿命化計画\"]   # 「庁」は「長」の誤り",
            "related = [\"学校施設庁寿命化計画\", \"橋梁長寿命化計画\", \"公園施設長寿命化計画\"]   # 「庁」 should be 「長」",
        ),
        fix: (
            "誤字なら、計画で使われている書き方に直してください。正しい別の語なら、その記録に allow を書いて理由を残してください。",
            "If it is a typo, write the word as the rest of the plan does; if it is a correct, different word, add an allow with the reason to the record.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"橋梁長寿命化計画と公園施設長寿命化計画に加え、学校施設庁寿命化計画を進めます。\"",
        )],
        append: "",
    }),
    // The same words spelt alike: nothing to report.
    pass: Fixture {
        replace: &[(
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"橋梁長寿命化計画と公園施設長寿命化計画に加え、学校施設長寿命化計画を進めます。\"",
        )],
        append: "",
    },
};

/// The shortest sequence compared, in characters.
const MIN_LEN: usize = 5;
/// The longest sequence compared, in characters.
const MAX_LEN: usize = 12;
/// How often the other sequence must occur.
const MIN_USES: u32 = 2;

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

/// A character of a word: kanji or katakana.
fn is_word_char(c: char) -> bool {
    is_kanji(c) || matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// A likely typo: in text `t`, the character at `pos`, inside the rare sequence `rare` that
/// reads `common` (used `uses` times) with one kanji replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Typo {
    pub t: usize,
    pub pos: usize,
    pub rare: String,
    pub common: String,
    pub uses: u32,
}

/// The likely typos of `texts` (see the rule's docs), in text order.
#[cfg(test)]
pub(crate) fn typos(texts: &[&str]) -> Vec<Typo> {
    typos_in(|| texts.iter().copied())
}

/// The characters of `text` into `chars`, and into `at` the byte offset of each followed by
/// the text's length (buffers reused from text to text).
fn split(text: &str, chars: &mut Vec<char>, at: &mut Vec<usize>) {
    chars.clear();
    at.clear();
    for (i, c) in text.char_indices() {
        chars.push(c);
        at.push(i);
    }
    at.push(text.len());
}

/// [`typos`] of the texts `texts()` yields, read twice (counting, then looking), one text's
/// characters at a time: the sequences are counted as slices of the texts themselves.
fn typos_in<'t, I: Iterator<Item = &'t str>>(texts: impl Fn() -> I) -> Vec<Typo> {
    let mut pairs: HashMap<(char, char), u32> = HashMap::default();
    let mut middles: HashMap<(char, char), HashSet<char>> = HashMap::default();
    // Sequences as slices of the texts: counting allocates nothing per sequence.
    let mut seqs: HashMap<&'t str, u32> = HashMap::default();
    let (mut chars, mut at) = (Vec::new(), Vec::new());
    for text in texts() {
        split(text, &mut chars, &mut at);
        let t = chars.as_slice();
        for w in t.windows(2) {
            *pairs.entry((w[0], w[1])).or_default() += 1;
        }
        for w in t.windows(3) {
            middles.entry((w[0], w[2])).or_default().insert(w[1]);
        }
        for run in runs(t) {
            for len in MIN_LEN..=MAX_LEN.min(run.len()) {
                for start in run.start..=run.end - len {
                    *seqs.entry(&text[at[start]..at[start + len]]).or_default() += 1;
                }
            }
        }
    }
    let count = |s: &str| seqs.get(s).copied().unwrap_or(0);
    let mut fixed = String::new();
    let mut out = Vec::new();
    for (ti, text) in texts().enumerate() {
        split(text, &mut chars, &mut at);
        let t = chars.as_slice();
        for run in runs(t) {
            for pos in run.clone() {
                let c = t[pos];
                if !is_kanji(c) || pos == 0 || pos + 1 >= t.len() {
                    continue;
                }
                let (prev, next) = (t[pos - 1], t[pos + 1]);
                let once = |p: (char, char)| pairs.get(&p).copied().unwrap_or(0) == 1;
                if !once((prev, c)) || !once((c, next)) {
                    continue;
                }
                let mut best: Option<Typo> = None;
                let candidates = middles.get(&(prev, next)).into_iter().flatten();
                for &r in candidates {
                    if r == c || !is_kanji(r) {
                        continue;
                    }
                    for len in (MIN_LEN..=MAX_LEN.min(run.len())).rev() {
                        let first = run.start.max((pos + 1).saturating_sub(len));
                        let last = pos.min(run.end - len);
                        for start in first..=last {
                            let rare = &text[at[start]..at[start + len]];
                            if count(rare) != 1 {
                                continue;
                            }
                            // the sequence with `r` for `c`, in a buffer reused from one to the next
                            fixed.clear();
                            fixed.push_str(&text[at[start]..at[pos]]);
                            fixed.push(r);
                            fixed.push_str(&text[at[pos + 1]..at[start + len]]);
                            let uses = count(&fixed);
                            if uses < MIN_USES {
                                continue;
                            }
                            let better = best.as_ref().is_none_or(|b| {
                                (len, uses, std::cmp::Reverse(&fixed))
                                    > (b.rare.chars().count(), b.uses, std::cmp::Reverse(&b.common))
                            });
                            if better {
                                best = Some(Typo {
                                    t: ti,
                                    pos,
                                    rare: rare.to_string(),
                                    common: fixed.clone(),
                                    uses,
                                });
                            }
                        }
                    }
                }
                out.extend(best);
            }
        }
    }
    out
}

/// The runs of word characters of `t`, as index ranges.
fn runs(t: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in t.iter().enumerate() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..t.len());
    }
    out
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let current = || super::width_variant::current_texts(cx);
    let mut found = typos_in(|| current().map(|t| t.text))
        .into_iter()
        .peekable();
    // the typos come in text order: their texts are found in one more pass
    for (i, r) in current().enumerate() {
        if found.peek().is_none() {
            break;
        }
        while let Some(typo) = found.next_if(|t| t.t == i) {
            report(cx, &r, &typo, out);
        }
    }
}

fn report(cx: &Context, r: &TextRef, typo: &Typo, out: &mut Vec<Finding>) {
    let text = r.text;
    // the typo's character, found in its text only (not a table of every text's
    // characters: 16 bytes a character of the whole plan)
    let Some((at, c)) = text.char_indices().nth(typo.pos) else {
        return;
    };
    let span = cx.narrow(r.file, &r.span, text, at..at + c.len_utf8());
    let (rare, common, uses) = (&typo.rare, &typo.common, typo.uses);
    let wrong = c.to_string();
    let right: String = rare
        .chars()
        .zip(common.chars())
        .find(|(a, b)| a != b)
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    out.push(
        RULE.finding(
            r.file,
            span,
            msg!(
                "「{rare}」は計画でここだけの書き方です。計画で {uses} 回使われている「{common}」の「{right}」を「{wrong}」と誤っていませんか",
                "「{rare}」 occurs only here; the plan uses 「{common}」 {uses} times: is 「{wrong}」 a typo for 「{right}」?"
            ),
        )
        .label(msg!("「{right}」の誤りの可能性", "maybe 「{right}」"))
        .help(msg!(
            "誤字なら「{common}」と書いてください。正しい別の語なら、その記録に allow を書いて理由を残してください。",
            "if it is a typo, write 「{common}」; if it is a correct, different word, add an allow with the reason"
        ))
        .subject(rare.clone()),
    );
}

super::fixture_test!(["庁寿命化計画"], "the one wrong kanji", |f| {
    assert_eq!(
        f[0].message.en,
        "「庁寿命化計画」 occurs only here; the plan uses 「長寿命化計画」 2 times: is 「庁」 a typo for 「長」?"
    );
});

#[cfg(test)]
mod tests {
    use super::typos;

    fn assert_no_typo(texts: &[&str]) {
        let t = typos(texts);
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn a_different_word_with_a_common_neighbour_is_not_a_typo() {
        // 地区防災計画 and 地域防災計画 are both words: 「地域」 occurs elsewhere
        assert_no_typo(&["地区防災計画を作り、地区防災計画を見直し、地域の地域防災計画に沿う。"]);
    }

    #[test]
    fn a_word_boundary_is_not_a_typo() {
        // 障害児福祉計画 vs 保健福祉計画: 「害健」 occurs nowhere, the change is a word's edge
        assert_no_typo(&[
            "高齢者保健福祉計画",
            "第９期高齢者保健福祉計画",
            "障害児福祉計画",
        ]);
    }

    #[test]
    fn a_typo_after_ascii_and_full_width_text_is_found_at_its_character() {
        let t = typos(&[
            "第2期 橋梁長寿命化計画",
            "ABC公園施設長寿命化計画",
            "ｘ学校施設庁寿命化計画です",
        ]);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!((t[0].t, t[0].pos), (2, 5));
        assert_eq!((t[0].rare.as_str(), t[0].uses), ("庁寿命化計画", 2));
        assert_eq!(t[0].common, "長寿命化計画");
    }

    #[test]
    fn only_a_kanji_stands_for_a_kanji() {
        // 「スポ一ツ」 (the kanji 一 for the long-vowel mark ー) is no kanji typo of a word the
        // plan uses: the rule replaces a kanji by a kanji only.
        assert_no_typo(&[
            "スポーツ推進計画",
            "第２次スポーツ推進計画",
            "スポ一ツ推進計画",
        ]);
    }

    #[test]
    fn the_more_used_sequence_is_reported() {
        // 庁 for 長: 「施設長寿命」 is used twice, 「長寿命化計」 three times, both as long.
        let t = typos(&[
            "施設長寿命",
            "施設長寿命",
            "長寿命化計",
            "長寿命化計",
            "長寿命化計",
            "学校施設庁寿命化計画",
        ]);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!((t[0].t, t[0].pos), (5, 4));
        assert_eq!(
            (t[0].rare.as_str(), t[0].common.as_str(), t[0].uses),
            ("庁寿命化計", "長寿命化計", 3)
        );
    }

    #[test]
    fn of_equal_sequences_the_first_is_reported() {
        // Two six-character sequences around 林 read the same 「木木木木木木」 (used twice):
        // the first one is reported.
        let t = typos(&["木木木木木木", "木木木木木木", "木木木林木木木"]);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!((t[0].t, t[0].pos), (2, 3));
        assert_eq!(
            (t[0].rare.as_str(), t[0].common.as_str(), t[0].uses),
            ("木木木林木木", "木木木木木木", 2)
        );
    }

    #[test]
    fn the_rare_side_is_reported_not_the_common_one() {
        let t = typos(&[
            "橋梁長寿命化計画",
            "公園施設長寿命化計画",
            "学校施設庁寿命化計画",
        ]);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].t, t[0].pos), (2, 4));
        assert_eq!(t[0].common, "長寿命化計画");
    }
}
