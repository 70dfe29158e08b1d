//! PC504 notation-mix: a pair of the notation dictionary (the office's `[[notation.variant]]`
//! entries, and the built-in preset when one is chosen) of which the plan uses both spellings.

use super::notation_variant::{Patterns, context, occurrences, patterns};
use super::{Context, Docs, Fixture, Rule};
use crate::analysis::walk::TextRef;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use std::collections::BTreeMap;
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC504",
    name: "notation-mix",
    severity: Severity::Warning,
    summary: (
        "表記辞書の二つの書き方が計画の中で混在しています",
        "the plan uses both spellings of a notation-dictionary pair",
    ),
    docs: Docs {
        what: (
            "表記辞書（plancheck.toml の [[notation.variant]]、および [notation] preset で選んだ組み込みの辞書）の項目ごとに、統一する書き方（preferred）と言い換える書き方（variants）の両方が計画の文章・名称・関連計画・注記に現れていれば、項目ごとに一度だけ報告します。書き方ごとの回数を示し、言い換える書き方の最初の箇所を指し、残りの箇所を関連箇所に挙げます。統一する書き方だけなら報告しません。言い換える書き方だけが使われている場合は、混在ではないので、一か所ごとの PC502 notation-variant（情報）だけが報告します。数え方は PC502 と同じで、except の語と、変更対照表の変更前の欄（前の案の引用）は数えません。本文の見出しと概要版などの写しが辞書の言い換えだけで違う場合（PC205）は、原因がこの混在なので、その指摘をこの指摘の関連箇所として示します。",
            "For each entry of the notation dictionary ([[notation.variant]] in plancheck.toml, and the built-in dictionary chosen with [notation] preset), reports once when the plan's texts, names, related plans and notes use both the preferred spelling and a variant: the count of each spelling, the first variant occurrence as the place, the other occurrences as related places. The preferred spelling alone is not reported; a variant alone is no mix, and only PC502 notation-variant reports its occurrences (info). Occurrences are counted as PC502 counts them (except words do not count), leaving out the change table's 変更前 column, which quotes the previous draft. A copy of a direction title that differs from the body heading only by the dictionary's pair (PC205) has this mix as its cause and is shown as a related place of this finding.",
        ),
        why: (
            "一つの計画の中で「取組」と「取り組み」、「人材」と「人財」のような書き方が混じると、同じ言葉が別の言葉のように読めます。辞書がどちらに統一するかを決めているので、混在は直すべき不統一です。PC502 は直す箇所を一か所ずつ（情報として）挙げ、この規則は計画として不統一であること（警告）を一度だけ伝えます。",
            "When one plan writes 「取組」 and 「取り組み」, or 「人材」 and 「人財」, the same word reads as two. The dictionary says which spelling to keep, so a mix is an inconsistency to fix. PC502 lists each place to rewrite (info); this rule says once, as a warning, that the plan is inconsistent.",
        ),
        example: (
            "# plancheck.toml\n[[notation.variant]]\npreferred = \"人材\"\nvariants = [\"人財\"]\n\n# 計画: ほとんどの箇所は「人材」、一つのプロジェクトだけ「人財」\ntext = \"デジタル人財の育成\"",
            "# plancheck.toml\n[[notation.variant]]\npreferred = \"人材\"\nvariants = [\"人財\"]\n\n# the plan: 「人材」 almost everywhere, 「人財」 in one project\ntext = \"デジタル人財の育成\"",
        ),
        fix: (
            "言い換える書き方の箇所（関連箇所、または PC502 の一覧）を統一する書き方に直してください。その計画では別の書き方に統一するなら、plancheck.toml の辞書の項目を直してください。",
            "Rewrite the variant's occurrences (the related places, or PC502's list) in the preferred spelling; if the plan settles on the other spelling, change the dictionary entry in plancheck.toml.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "text = \"妊娠から子育てまで支援します。\"",
                "text = \"妊娠から子育てまでの人材を育てます。\"",
            ),
            (
                "initiatives = \"子育て支援の充実 など\"",
                "initiatives = \"子育て支援の人財育成 など\"",
            ),
        ],
        append: "\n#@file plancheck.toml\n[[notation.variant]]\npreferred = \"人材\"\nvariants = [\"人財\"]\n",
    }),
    // The variant alone: PC502's, not a mix.
    pass: Fixture {
        replace: &[(
            "initiatives = \"子育て支援の充実 など\"",
            "initiatives = \"子育て支援の人財育成 など\"",
        )],
        append: "\n#@file plancheck.toml\n[[notation.variant]]\npreferred = \"人材\"\nvariants = [\"人財\"]\n",
    },
};

/// The cause key of a dictionary pair, by its preferred spelling (see [`crate::outcome::causes`]).
pub fn cause_key(preferred: &str) -> String {
    format!("notation:{preferred}")
}

/// One occurrence of a spelling.
struct Hit<'t> {
    path: &'t str,
    file: usize,
    span: Range<usize>,
    shown: String,
}

/// The spellings of one dictionary entry as found in the plan.
#[derive(Default)]
struct Found<'t> {
    preferred: usize,
    /// Variant → its occurrences, in document order.
    variants: BTreeMap<String, Vec<Hit<'t>>>,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let entries = cx.config.notation.entries();
    let by_first = patterns(&entries);
    if by_first.is_empty() {
        return;
    }
    // By preferred spelling, in dictionary order.
    let mut found: Vec<(String, Found)> = Vec::new();
    for e in &entries {
        let p = e.preferred.get_ref();
        if !p.is_empty() && !found.iter().any(|(q, _)| q == p) {
            found.push((p.clone(), Found::default()));
        }
    }
    for t in super::width_variant::current_texts(cx) {
        count_text(cx, &t, &by_first, &mut found);
    }
    for (preferred, f) in &mut found {
        if f.preferred == 0 || f.variants.is_empty() {
            continue;
        }
        let mut hits: Vec<&Hit> = f.variants.values().flatten().collect();
        hits.sort_by(|a, b| (a.path, a.span.start).cmp(&(b.path, b.span.start)));
        let Some(first) = hits.first() else { continue };
        let n = f.preferred;
        let Msg { ja, en } =
            super::form_counts(f.variants.iter().map(|(v, list)| (v.as_str(), list.len())));
        let variant = hits_variant(f, first);
        let mut finding = RULE
            .finding(
                first.file,
                first.span.clone(),
                msg!(
                    "「{preferred}」{n} か所と{ja}が混在しています（表記辞書では「{preferred}」）",
                    "「{preferred}」 {n}× mixed with {en} (the dictionary prefers 「{preferred}」)"
                ),
            )
            .label(msg!(
                "言い換える書き方「{variant}」",
                "the variant 「{variant}」"
            ))
            .help(msg!(
                "言い換える書き方の箇所を「{preferred}」に直してください（PC502 が一か所ずつ挙げます）。",
                "rewrite the variant's occurrences as 「{preferred}」 (PC502 lists each)"
            ))
            .subject(preferred.clone())
            .root_of(cause_key(preferred));
        for h in hits.iter().skip(1) {
            let shown = &h.shown;
            finding = finding.related(
                Finding::at(h.file, h.span.clone()),
                msg!("「{shown}」", "「{shown}」"),
            );
        }
        out.push(finding);
    }
}

/// The variant whose occurrence `hit` is.
fn hits_variant<'f>(f: &'f Found, hit: &Hit) -> &'f str {
    f.variants
        .iter()
        .find(|(_, list)| list.iter().any(|h| std::ptr::eq(h, hit)))
        .map_or("", |(v, _)| v.as_str())
}

/// Adds the spellings of `t` to `found`: variants with their places, preferred ones counted.
fn count_text<'t>(
    cx: &'t Context,
    t: &TextRef,
    by_first: &Patterns,
    found: &mut [(String, Found<'t>)],
) {
    let Some(file) = cx.plan.files.get(t.file) else {
        return;
    };
    let variants = occurrences(t.text, by_first);
    for (at, p) in &variants {
        let preferred = p.entry.preferred.get_ref();
        let Some((_, f)) = found.iter_mut().find(|(q, _)| q == preferred) else {
            continue;
        };
        let len = p.variant.len();
        f.variants
            .entry(p.variant.to_string())
            .or_default()
            .push(Hit {
                path: &file.path,
                file: t.file,
                span: file.narrow(&t.span, t.text, *at..*at + len),
                shown: context(t.text, *at, len),
            });
    }
    for (preferred, f) in found.iter_mut() {
        f.preferred += t
            .text
            .match_indices(preferred.as_str())
            .filter(|(at, _)| {
                // not inside a variant occurrence (a variant may contain the preferred spelling)
                !variants
                    .iter()
                    .any(|(v, p)| (*v..*v + p.variant.len()).contains(at))
            })
            .count();
    }
}

super::fixture_test!(["人材"], "one pair, both spellings", |f| {
    assert_eq!(
        f[0].message.en,
        "「人材」 1× mixed with 「人財」 1× (the dictionary prefers 「人材」)"
    );
    assert!(f[0].related.is_empty());
});

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn every_variant_is_counted_and_the_rest_are_related() {
        let fx = Fixture::replacing(&[
                (
                    "text = \"妊娠から子育てまで支援します。\"",
                    "text = \"人財と人材と人財を育て、すべての世代を支えます。\"",
                ),
                (
                    "initiatives = \"子育て支援の充実 など\"",
                    "initiatives = \"子育て人財の確保 など\"",
                ),
            ]).then_append("\n#@file plancheck.toml\n[[notation.variant]]\npreferred = \"人材\"\nvariants = [\"人財\"]\n\n[[notation.variant]]\npreferred = \"全て\"\nvariants = [\"すべて\"]\n");
        let (_, f) = testing::findings_of(&RULE, &fx);
        // 全て is never written: すべて alone is no mix
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message
                .ja
                .starts_with("「人材」1 か所と「人財」3 か所が混在")
        );
        assert_eq!(f[0].related.len(), 2);
    }

    #[test]
    fn a_variant_holding_the_preferred_spelling_is_not_counted_as_it() {
        // 「手続き」 holds 「手続」: the text writes the variant only, at its very start.
        let fx = Fixture::replacing(&[(
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"手続きを簡素にし、妊娠から子育てまで支援します。\"",
        )])
        .then_append("\n#@file plancheck.toml\n[[notation.variant]]\npreferred = \"手続\"\nvariants = [\"手続き\"]\n");
        testing::assert_found(&RULE, &fx, 0);
    }

    #[test]
    fn an_entry_without_a_preferred_spelling_is_no_mix() {
        let fx = Fixture::replacing(&[(
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"人財を育て、妊娠から子育てまで支援します。\"",
        )])
        .then_append("\n#@file plancheck.toml\n[[notation.variant]]\npreferred = \"\"\nvariants = [\"人財\"]\n");
        testing::assert_found(&RULE, &fx, 0);
    }

    #[test]
    fn a_preset_pair_is_a_mix_too() {
        let fx = Fixture::replacing(&[(
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"妊娠及び出産から子育てまで、および就学後も支援します。\"",
        )])
        .then_append("\n#@file plancheck.toml\n[notation]\npreset = \"kobun-2022\"\n");
        let (_, f) = testing::findings_of(&RULE, &fx);
        assert_eq!(testing::subjects(&f), ["及び"]);
    }
}
