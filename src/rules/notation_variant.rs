//! PC502 notation-variant: 表記ゆれ, spellings listed in the plan's notation dictionary
//! (`[[notation.variant]]` in plancheck.toml).

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::walk::Field;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::msg;
use crate::plan::config::Variant;
use rustc_hash::FxHashMap as HashMap;

/// The fixtures' configuration: both prefer 「取組」 with the same exceptions.
const VARIANT_CONFIG: &str = "
#@file plancheck.toml
[[notation.variant]]
preferred = \"取組\"
variants = [\"取り組み\"]
except = [\"取り組みます\", \"取り組む\"]
";

pub const RULE: Rule = Rule {
    code: "PC502",
    name: "notation-variant",
    severity: Severity::Info,
    summary: (
        "表記ゆれ（表記辞書にある言い換えるべき書き方）",
        "a spelling the plan's notation dictionary says to replace (表記ゆれ)",
    ),
    docs: Docs {
        what: (
            "計画フォルダの plancheck.toml にある表記辞書（[[notation.variant]]: preferred = 統一する書き方、variants = 言い換える書き方、except = 例外の語）に従い、計画の文章・名称・関連計画・注記の全てから variants の書き方を探して、一か所ごとに報告します。except に挙げた語（たとえば動詞の「取り組みます」）の一部として現れたもの、preferred の一部として現れたものは報告しません。[notation] preset = \"kobun-2022\" とすると、公用文作成の考え方（2022）の組み込みの辞書も使います（同じ書き方を含む事務所の項目が優先します）。辞書が空なら何も報告しません。値・ID・参考ページの欄は調べません。",
            "Following the notation dictionary in the plan folder's plancheck.toml ([[notation.variant]]: preferred = the spelling to use, variants = spellings to replace, except = longer words that are correct), searches every text, name, related plan and note of the plan for the variants and reports each occurrence. An occurrence that is part of an except word at that position (e.g. the verb 「取り組みます」) or of the preferred spelling is not reported. With [notation] preset = \"kobun-2022\", the built-in pairs of 公用文作成の考え方 (2022) are used as well, below the office's entries. With an empty dictionary nothing is reported. Value, id and page cells are not searched.",
        ),
        why: (
            "一つの計画の中で「取組」と「取り組み」、「全て」と「すべて」のように書き方が混じると、読みにくく、校正の手間も増えます。どちらに統一するかは自治体の表記基準によるので、辞書は計画ごとに設定します。",
            "Mixing 「取組」 and 「取り組み」, or 「全て」 and 「すべて」, in one plan reads poorly and costs proofreading time. Which spelling to keep is the city's own style decision, so the dictionary is set per plan.",
        ),
        example: (
            "# plancheck.toml\n[[notation.variant]]\npreferred = \"取組\"\nvariants = [\"取り組み\"]\nexcept = [\"取り組みます\", \"取り組む\", \"取り組ん\"]",
            "# plancheck.toml\n[[notation.variant]]\npreferred = \"取組\"\nvariants = [\"取り組み\"]\nexcept = [\"取り組みます\", \"取り組む\", \"取り組ん\"]",
        ),
        fix: (
            "報告された箇所を preferred の書き方に直してください。正しい用法（動詞など）なら、その語を except に加えてください。",
            "Replace the occurrence by the preferred spelling; if the use is correct (a verb, for instance), add the word to except.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "text = \"妊娠から子育てまで支援します。\"",
                "text = \"妊娠から子育てまでの取り組みを進め、切れ目なく取り組みます。\"",
            ),
            (
                "initiatives = \"子育て支援の充実 など\"",
                "initiatives = \"子育て支援の取り組み など\"",
            ),
        ],
        append: VARIANT_CONFIG,
    }),
    pass: Fixture {
        replace: &[
            (
                "text = \"妊娠から子育てまで支援します。\"",
                "text = \"妊娠から子育てまでの取組を進め、切れ目なく取り組みます。\"",
            ),
            (
                "initiatives = \"子育て支援の充実 など\"",
                "initiatives = \"子育て支援の取組 など\"",
            ),
        ],
        append: VARIANT_CONFIG,
    },
};

/// Characters of context shown on each side of an occurrence in the label.
const CONTEXT: usize = 6;

/// One spelling to look for.
pub(crate) struct Pattern<'a> {
    pub variant: &'a str,
    pub entry: &'a Variant,
}

/// The dictionary's variants by first character (see [`patterns`]).
pub(crate) type Patterns<'a> = HashMap<char, Vec<Pattern<'a>>>;

/// `text` with every reported variant replaced by its preferred spelling, and the preferred
/// spellings involved: two texts equal after this differ only by the dictionary's pairs.
pub(crate) fn canonical(text: &str, by_first: &Patterns) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut used = Vec::new();
    let mut at = 0;
    for (start, p) in occurrences(text, by_first) {
        out.push_str(text.get(at..start).unwrap_or(""));
        let preferred = p.entry.preferred.get_ref();
        out.push_str(preferred);
        if !used.contains(preferred) {
            used.push(preferred.clone());
        }
        at = start + p.variant.len();
    }
    out.push_str(text.get(at..).unwrap_or(""));
    (out, used)
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let entries = cx.config.notation.entries();
    let by_first = patterns(&entries);
    if by_first.is_empty() {
        return;
    }
    for t in cx
        .texts()
        .of_fields(|f| matches!(f, Field::Text | Field::RelatedPlan | Field::Mark))
    {
        for (at, p) in occurrences(t.text, &by_first) {
            let (v, preferred) = (p.variant, p.entry.preferred.get_ref());
            let section = &t.section;
            let shown = context(t.text, at, v.len());
            let span = cx.narrow(t.file, &t.span, t.text, at..at + v.len());
            // Only an occurrence typed verbatim between quotes is replaced, and only by a
            // spelling that needs no escape there.
            let fix = cx.plan.files.get(t.file).and_then(|f| {
                let quote = f.slice(&t.span).chars().next()?;
                let plain = |c: char| !c.is_control() && c != quote && c != '\\';
                (span != t.span && f.slice(&span) == v && preferred.chars().all(plain)).then(|| {
                    Fix::new(vec![Edit {
                        file: t.file,
                        span: span.clone(),
                        replacement: preferred.clone(),
                    }])
                })
            });
            out.push(
                RULE.finding(
                    t.file,
                    span,
                    msg!(
                        "表記ゆれ「{v}」→「{preferred}」: {section}",
                        "notation: 「{v}」 → 「{preferred}」 in {section}"
                    ),
                )
                .label(msg!("「{shown}」", "「{shown}」"))
                .help(msg!(
                    "表記辞書（plancheck.toml の [[notation.variant]]）では「{preferred}」に統一します。正しい用法なら、その語を except に加えてください。",
                    "the notation dictionary ([[notation.variant]] in plancheck.toml) prefers 「{preferred}」; if this use is correct, add the word to except"
                ))
                .subject(preferred.clone())
                .fix(fix),
            );
        }
    }
}

/// The dictionary's variants by first character, longest first, so that a text is scanned
/// once whatever the size of the dictionary. Empty variants and variants equal to the
/// preferred spelling are ignored.
pub(crate) fn patterns(entries: &[Variant]) -> Patterns<'_> {
    let mut by_first: HashMap<char, Vec<Pattern>> = HashMap::default();
    for e in entries {
        let preferred = e.preferred.get_ref();
        for v in &e.variants {
            let v = v.get_ref().as_str();
            let Some(c) = v.chars().next() else { continue };
            if v == preferred {
                continue;
            }
            by_first.entry(c).or_default().push(Pattern {
                variant: v,
                entry: e,
            });
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|p| std::cmp::Reverse(p.variant.len()));
    }
    by_first
}

/// Non-overlapping occurrences of the dictionary's variants in `text`, left to right, as
/// (byte offset, pattern); at each position the longest variant that is not excepted wins.
pub(crate) fn occurrences<'p, 'a>(
    text: &str,
    by_first: &'p Patterns<'a>,
) -> Vec<(usize, &'p Pattern<'a>)> {
    let mut found = Vec::new();
    let mut next = 0;
    for (at, c) in text.char_indices() {
        if at < next {
            continue;
        }
        let Some(list) = by_first.get(&c) else {
            continue;
        };
        let rest = text.get(at..).unwrap_or("");
        let hit = list
            .iter()
            .find(|p| rest.starts_with(p.variant) && !excepted(text, at, p));
        if let Some(p) = hit {
            found.push((at, p));
            next = at + p.variant.len();
        }
    }
    found
}

/// Whether the occurrence of `p.variant` at `at` is part of an except word, or of the
/// preferred spelling, standing at that position.
fn excepted(text: &str, at: usize, p: &Pattern) -> bool {
    let preferred = std::iter::once(p.entry.preferred.get_ref());
    preferred
        .chain(p.entry.except.iter().map(|e| e.get_ref()))
        .any(|word| {
            word.match_indices(p.variant).any(|(off, _)| {
                at.checked_sub(off)
                    .and_then(|start| text.get(start..))
                    .is_some_and(|s| s.starts_with(word.as_str()))
            })
        })
}

/// The occurrence with a few characters either side, elided with 「…」.
pub(crate) fn context(text: &str, at: usize, len: usize) -> String {
    let before: Vec<char> = text.get(..at).unwrap_or("").chars().collect();
    let hit = text.get(at..at + len).unwrap_or("");
    let after: Vec<char> = text.get(at + len..).unwrap_or("").chars().collect();
    let mut s = String::new();
    let from = before.len().saturating_sub(CONTEXT);
    if from > 0 {
        s.push('…');
    }
    s.extend(before.iter().skip(from));
    s.push_str(hit);
    s.extend(after.iter().take(CONTEXT));
    if after.len() > CONTEXT {
        s.push('…');
    }
    s
}

super::fixture_test!(
    2,
    "the noun in the text and in the initiatives, not the verb",
    |f| {
        assert!(f.iter().all(|f| f.subject.as_deref() == Some("取組")));
        // Each fix replaces the variant's own bytes by the preferred spelling.
        for f in &f {
            let fix = f.fix.as_ref().expect("a fix");
            let crate::finding::Location::Span { span, .. } = &f.location else {
                panic!("a span");
            };
            assert_eq!(fix.edits.len(), 1);
            assert_eq!(fix.edits[0].replacement, "取組");
            assert_eq!(&fix.edits[0].span, span);
            assert_eq!(span.len(), "取り組み".len());
        }
        assert_eq!(
            f[0].label.as_ref().map(|l| l.ja.as_str()),
            Some("「…子育てまでの取り組みを進め、切れ…」")
        );
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::Text;
    use crate::rules::testing;

    /// A preferred spelling holding the string's quote or a backslash would end the TOML
    /// string or start an escape if `fix` wrote it: the occurrence is reported, with no fix.
    #[test]
    fn a_preferred_spelling_that_needs_an_escape_is_never_written_by_fix() {
        // The configuration of the fail fixture, with another preferred spelling.
        macro_rules! preferring {
            ($p:literal) => {
                concat!(
                    "\n#@file plancheck.toml\n[[notation.variant]]\npreferred = ",
                    $p,
                    "\nvariants = [\"取り組み\"]\nexcept = [\"取り組みます\", \"取り組む\"]\n"
                )
            };
        }
        let cases = [
            (preferring!(r#""取\"組""#), "取\"組"),
            (preferring!(r#""取\\組""#), "取\\組"),
        ];
        for (append, preferred) in cases {
            let replace = testing::fail_fixture(&RULE).replace;
            let found = testing::assert_found(&RULE, &Fixture { replace, append }, 2);
            for f in &found {
                assert_eq!(f.subject.as_deref(), Some(preferred));
                assert!(f.fix.is_none(), "{preferred}: {:?}", f.fix);
            }
        }
    }

    #[test]
    fn no_dictionary_no_findings() {
        let fix = Fixture::replacing(testing::fail_fixture(&RULE).replace);
        testing::assert_found(&RULE, &fix, 0);
    }

    fn text(s: &str) -> Text {
        toml::Spanned::new(0..0, s.to_string())
    }

    fn entry(preferred: &str, variants: &[&str], except: &[&str]) -> Variant {
        Variant {
            preferred: text(preferred),
            variants: variants.iter().map(|v| text(v)).collect(),
            except: except.iter().map(|v| text(v)).collect(),
        }
    }

    fn find(s: &str, entries: &[Variant]) -> Vec<(usize, String)> {
        occurrences(s, &patterns(entries))
            .into_iter()
            .map(|(at, p)| (at, p.variant.to_string()))
            .collect()
    }

    #[test]
    fn except_words_are_matched_at_the_occurrence() {
        let e = [entry(
            "取組",
            &["取り組み"],
            &["取り組みます", "お取り組み"],
        )];
        // the verb and a word with the variant inside are skipped; the noun is found
        let s = "取り組みます。お取り組み。取り組み。";
        let hits = find(s, &e);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(&s[hits[0].0..], "取り組み。");
    }

    #[test]
    fn empty_and_self_variants_are_ignored() {
        let e = [entry("取組", &["", "取組"], &[])];
        assert!(patterns(&e).is_empty());
    }

    #[test]
    fn the_preferred_spelling_is_never_reported() {
        let e = [entry("取組み", &["取組"], &[])];
        assert!(find("取組みを進める", &e).is_empty());
        assert_eq!(find("取組を進める", &e).len(), 1);
    }

    #[test]
    fn overlapping_variants_count_once_longest_first() {
        let e = [entry("人材", &["人財", "人財育成"], &[])];
        let hits = find("デジタル人財育成と人財", &e);
        assert_eq!(
            hits.iter().map(|h| h.1.as_str()).collect::<Vec<_>>(),
            ["人財育成", "人財"]
        );
    }

    #[test]
    fn six_characters_after_are_shown_whole() {
        let fx = Fixture::replacing(&[(
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"取り組みを進めます。\"",
        )])
        .then_append(VARIANT_CONFIG);
        let f = testing::assert_found(&RULE, &fx, 1);
        assert_eq!(
            f[0].label.as_ref().map(|l| l.ja.as_str()),
            Some("「取り組みを進めます。」")
        );
    }

    #[test]
    fn context_is_elided() {
        assert_eq!(
            context("あいう取り組み", 9, "取り組み".len()),
            "あいう取り組み"
        );
        assert_eq!(
            context("一二三四五六七八取り組み九十一二三四五六", 24, 12),
            "…三四五六七八取り組み九十一二三四…"
        );
    }
}
