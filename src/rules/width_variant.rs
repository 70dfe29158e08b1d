//! PC503 width-variant: the same word of Latin letters (and digits) written in full-width and
//! half-width forms in one plan (ＤＸ and DX), found by comparing the words' NFKC forms, with
//! no word list.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::walk::{Field, TextRef};
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use std::collections::BTreeMap;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

pub const RULE: Rule = Rule {
    code: "PC503",
    name: "width-variant",
    severity: Severity::Info,
    summary: (
        "同じ英字の語が全角と半角で書かれています",
        "the same Latin-letter word written in full-width and half-width forms",
    ),
    docs: Docs {
        what: (
            "計画の文章・名称・関連計画・注記から、英字（と数字）が続いた語（ＤＸ、ICT、ＳＤＧｓ など）を取り出し、全角・半角をそろえる正規化をして同じになる語が違う書き方で現れていれば、語ごとに一度だけ報告します。書き方ごとの回数を示し、少ない方の書き方の最初の箇所を指し、その書き方の残りの箇所と、多い方の書き方の最初の箇所を関連箇所に挙げます（回数が同じなら、後から現れた書き方を少ない方とします）。数字だけの語（年や値）は対象外です。変更対照表の変更前の欄は前の案の引用なので数えません。大文字と小文字の違いは別の語とみなします。表記辞書（PC502・PC504）が全角・半角の組を扱っている語は、そちらに任せます。",
            "Takes the words of Latin letters (and digits) from the plan's texts, names, related plans and notes (ＤＸ, ICT, ＳＤＧｓ, Society5 …), and reports once per word when words equal after width normalisation (NFKC) are written in different forms: the count of each form, the first occurrence of the rarer form as the place, its other occurrences and the first occurrence of each other form as related places (with equal counts, the form that appears later is the rarer). Words of digits only (years, values) are left out, and so is the change table's 変更前 column, which quotes the previous draft; case differences (SDGs, SDGS) are different words. Words that a notation-dictionary pair covers in both widths are left to PC502 and PC504.",
        ),
        why: (
            "同じ語が「ＤＸ」と「DX」のように混じると、検索や置換で片方が漏れ、校正でも見落としやすくなります。どちらの幅に統一するかは表記基準によりますが、一つの文書の中ではそろえます。",
            "When one word appears as 「ＤＸ」 and 「DX」, searches and replacements miss one of them and proofreading overlooks it. Which width to use is the office's style; within one document it should be one.",
        ),
        example: (
            "title = \"行政 DX の推進\"          # 半角\nname = \"ＤＸ推進プロジェクト\"      # 全角（計画の他の箇所も全角）",
            "title = \"行政 DX の推進\"          # half-width\nname = \"ＤＸ推進プロジェクト\"      # full-width (as elsewhere in the plan)",
        ),
        fix: (
            "少ない方の書き方の箇所を、計画で多く使われている書き方（または表記基準の書き方）にそろえてください。決まった組は plancheck.toml の表記辞書に加えると、PC502・PC504 で管理できます。",
            "Write the rarer form's occurrences like the rest of the plan (or as the style guide says); a settled pair can go into the notation dictionary in plancheck.toml, where PC502 and PC504 track it.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "text = \"妊娠から子育てまで支援します。\"",
                "text = \"ＩＣＴを使い、妊娠から子育てまでＩＣＴで支援します。\"",
            ),
            (
                "initiatives = \"子育て支援の充実 など\"",
                "initiatives = \"ICT による子育て支援 など\"",
            ),
        ],
        append: "",
    }),
    // Digits in both widths (years, counts) and the same width everywhere: nothing to report.
    pass: Fixture {
        replace: &[
            (
                "text = \"妊娠から子育てまで支援します。\"",
                "text = \"ＩＣＴを使い、２０２５年から子育てまでＩＣＴで支援します。\"",
            ),
            (
                "initiatives = \"子育て支援の充実 など\"",
                "initiatives = \"ＩＣＴによる子育て支援（2025年度） など\"",
            ),
        ],
        append: "",
    },
};

/// The plan's own wording, for comparing its vocabulary (PC503, PC504, PC505): the texts,
/// names, related plans and notes, less the change table's 変更前 entries, which quote the
/// superseded draft.
pub(crate) fn current_texts<'c, 'a>(cx: &'c Context<'a>) -> impl Iterator<Item = TextRef<'a>> + 'c {
    let quoted: Vec<(usize, Range<usize>)> = cx
        .plan
        .changes
        .iter()
        .flat_map(|c| c.before.iter().map(|b| (c.file, b.span())))
        .collect();
    cx.texts()
        .of_fields(|f| matches!(f, Field::Text | Field::RelatedPlan | Field::Mark))
        .filter(move |t| !quoted.contains(&(t.file, t.span.clone())))
}

/// A character of a word: an ASCII or full-width Latin letter or digit.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// The words of `text`: maximal runs of word characters with at least one letter, as
/// (byte range, word).
pub(crate) fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut push = |s: usize, e: usize| {
        let w = text.get(s..e).unwrap_or("");
        if w.chars()
            .any(|c| !c.is_ascii_digit() && !('\u{FF10}'..='\u{FF19}').contains(&c))
        {
            out.push((s..e, w));
        }
    };
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

/// One occurrence of a form.
struct Hit<'t> {
    path: &'t str,
    file: usize,
    span: Range<usize>,
    section: String,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    // Words a dictionary pair covers in both widths: PC502/PC504's.
    let entries = cx.config.notation.entries();
    let mut covered: Vec<String> = Vec::new();
    for e in &entries {
        let p = e.preferred.get_ref();
        for v in &e.variants {
            let v = v.get_ref();
            if v != p && nfkc(v) == nfkc(p) {
                covered.push(nfkc(p));
            }
        }
    }
    // Normalised word → form → occurrences (in walk order).
    let mut words_of: BTreeMap<String, BTreeMap<&str, Vec<Hit>>> = BTreeMap::new();
    for t in current_texts(cx) {
        let Some(file) = cx.plan.files.get(t.file) else {
            continue;
        };
        for (range, w) in words(t.text) {
            let key = nfkc(w);
            if covered.contains(&key) {
                continue;
            }
            words_of
                .entry(key)
                .or_default()
                .entry(w)
                .or_default()
                .push(Hit {
                    path: &file.path,
                    file: t.file,
                    span: file.narrow(&t.span, t.text, range),
                    section: t.section.to_string(),
                });
        }
    }
    for (key, mut forms) in words_of {
        if forms.len() < 2 {
            continue;
        }
        for list in forms.values_mut() {
            list.sort_by(|a, b| (a.path, a.span.start).cmp(&(b.path, b.span.start)));
        }
        // The rarer form: fewest occurrences, then the one first seen later.
        let Some((&rare, _)) = forms.iter().min_by(|(_, a), (_, b)| {
            let first = |l: &[Hit]| l.first().map(|h| (h.path.to_string(), h.span.start));
            a.len().cmp(&b.len()).then_with(|| first(b).cmp(&first(a)))
        }) else {
            continue;
        };
        let Some(hits) = forms.get(rare) else {
            continue;
        };
        let Some(first) = hits.first() else { continue };
        let Msg {
            ja: counts_ja,
            en: counts_en,
        } = super::form_counts(forms.iter().map(|(f, l)| (*f, l.len())));
        let mut f = RULE
            .finding(
                first.file,
                first.span.clone(),
                msg!(
                    "「{key}」が全角と半角の混じった書き方で現れます: {counts_ja}",
                    "「{key}」 is written in different widths: {counts_en}"
                ),
            )
            .label(msg!(
                "少ない方の書き方「{rare}」",
                "the rarer form 「{rare}」"
            ))
            .help(msg!(
                "計画の中で一つの書き方にそろえてください。",
                "use one form throughout the plan"
            ))
            .subject(key.clone());
        for h in hits.iter().skip(1) {
            let section = &h.section;
            f = f.related(
                Finding::at(h.file, h.span.clone()),
                msg!("「{rare}」: {section}", "「{rare}」 in {section}"),
            );
        }
        for (form, list) in &forms {
            if *form == rare {
                continue;
            }
            if let Some(h) = list.first() {
                let n = list.len();
                f = f.related(
                    Finding::at(h.file, h.span.clone()),
                    msg!(
                        "「{form}」（{n} か所）の最初の箇所",
                        "first of 「{form}」 ({n}×)"
                    ),
                );
            }
        }
        out.push(f);
    }
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

super::fixture_test!(["ICT"], "ＩＣＴ twice, ICT once", |f| {
    assert_eq!(
        f[0].message.en,
        "「ICT」 is written in different widths: 「ICT」 1×, 「ＩＣＴ」 2×"
    );
    // the rarer form is ICT: no other occurrence of it, the first ＩＣＴ related
    assert_eq!(f[0].related.len(), 1);
});

#[cfg(test)]
mod tests {
    use super::{RULE, words};
    use crate::rules::{Fixture, testing};

    #[test]
    fn words_are_letter_runs_not_numbers() {
        let w: Vec<&str> = words("令和７年の2025年、ＳＤＧｓとAI・ICT、Society5と５Ｇ。")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["ＳＤＧｓ", "AI", "ICT", "Society5", "５Ｇ"]);
    }

    #[test]
    fn equal_counts_report_the_form_seen_later() {
        let fx = Fixture::replacing(&[(
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"ＤＸで妊娠から子育てまでDXが支援します。\"",
        )]);
        let f = testing::assert_found(&RULE, &fx, 1);
        assert!(f[0].label.as_ref().is_some_and(|l| l.en.contains("「DX」")));
    }

    #[test]
    fn the_change_tables_before_column_quotes_the_old_draft() {
        let fx = Fixture::replacing(&[(
                "text = \"妊娠から子育てまで支援します。\"",
                "text = \"ＩＣＴを使い、妊娠から子育てまでＩＣＴで支援します。\"",
            )]).then_append("\n[[change]]\ntopic = \"構成\"\nbefore = [\"ICT の推進\"]\nafter = [\"ＩＣＴの推進\"]\nreason = \"名称を改めました。\"\n");
        testing::assert_found(&RULE, &fx, 0);
        // the same word in the reason (the office's own wording) counts
        let fx = Fixture {
            append: "\n[[change]]\ntopic = \"構成\"\nbefore = [\"ICT の推進\"]\nafter = [\"ＩＣＴの推進\"]\nreason = \"ICT の名称を改めました。\"\n",
            ..fx
        };
        let (_, f) = testing::findings_of(&RULE, &fx);
        assert_eq!(testing::subjects(&f), ["ICT"]);
    }

    #[test]
    fn a_dictionary_pair_of_other_words_leaves_the_width_to_this_rule() {
        // The dictionary replaces 「IT」 by 「ICT」: not a width pair, so ICT / ＩＣＴ is still
        // this rule's finding.
        let fx = Fixture {
            append: "\n#@file plancheck.toml\n[[notation.variant]]\npreferred = \"ICT\"\nvariants = [\"IT\"]\n",
            ..testing::fail_fixture(&RULE)
        };
        let (_, plain) = testing::findings_of(&RULE, &testing::fail_fixture(&RULE));
        let (_, found) = testing::findings_of(&RULE, &fx);
        assert_eq!(testing::subjects(&found), testing::subjects(&plain));
        assert_eq!(testing::subjects(&found), ["ICT"]);
    }

    #[test]
    fn a_dictionary_width_pair_is_left_to_the_dictionary() {
        let fx = Fixture {
            append: "\n#@file plancheck.toml\n[[notation.variant]]\npreferred = \"ＩＣＴ\"\nvariants = [\"ICT\"]\n",
            ..testing::fail_fixture(&RULE)
        };
        testing::assert_found(&RULE, &fx, 0);
        let (_, mix) = testing::findings_of(&crate::rules::notation_mix::RULE, &fx);
        assert_eq!(testing::subjects(&mix), ["ＩＣＴ"]);
    }
}
