//! PC209 prose-count-mismatch: running text states a count — 「５つのプロジェクト」,
//! 「３６の施策」, 「七つの政策」, 「４地区」 — that differs from the number of records of the
//! collection the noun names. Which noun names which collection is `[counts.nouns]` in
//! `plancheck.toml` (defaults: [`crate::plan::config::CountNouns`]).
//!
//! Precision first. A count is read only as number (digits of either width, or kanji
//! numerals), an optional counter (つ, 件, 個 …), an optional の and an optional 「, then the
//! noun, which must end there (「５つのプロジェクト指標」 is another noun, 「３つ目の」 and
//! 「第２の」 are ordinals); a number right after a word character is part of a name
//! (「未来創造３プロジェクト」) or approximate (「約３０の」), except after 全 and 計. A count of one, a count after a word that marks a part of the
//! collection in the same sentence (他の, うち, 一部 …), and a count at most half the
//! collection (「２つの施策にまたがる」: a part) are not reported; nor is the change table,
//! which describes earlier drafts, nor a collection the plan data does not hold.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::walk::Field;
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::config::Collection;
use crate::plan::model::Plan;
use crate::plan::normalize;
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC209",
    name: "prose-count-mismatch",
    severity: Severity::Warning,
    summary: (
        "本文に書かれた数が計画のデータの件数と違います",
        "a count stated in running text differs from the plan data",
    ),
    docs: Docs {
        what: (
            "本文・概要版・各ページの文章から「５つのプロジェクト」「３６の施策」「七つの政策」「４地区」のような数の記述（全角・半角の数字、漢数字。「つ」「件」「個」「か所」などの助数詞と「の」は省略可）を探し、その名詞が指す計画のデータの件数と比べます。名詞とデータの対応は plancheck.toml の [counts.nouns] で決めます（既定では「プロジェクト」「重点プロジェクト」をプロジェクトのページ、「施策」「重点施策」を施策の一覧、「政策」を政策の一覧、「地区」を概要版の地区別計画の件数と比べます）。名詞の後ろに別の語が続くもの（「５つのプロジェクト指標」）、序数（「２つ目の」「第２の」）、語の中の数（「未来創造３プロジェクト」）や概数（「約３０の」）、1 の数、同じ文の前に「他の」「うち」「一部」など一部を指す語があるもの、データの件数の半分以下の数（一部を指す書き方とみなします）、変更対照表の文章、データに 1 件もない集まりは報告しません。",
            "Finds counts stated in the text of the plan, its pages and the overview leaflet — 「５つのプロジェクト」, 「３６の施策」, 「七つの政策」, 「４地区」 (digits of either width or kanji numerals, with or without a counter such as つ, 件, 個, か所, and の) — and compares each with the number of records of the collection its noun names. `[counts.nouns]` in plancheck.toml lists the nouns of each collection (default: 「プロジェクト」 and 「重点プロジェクト」 count the project pages, 「施策」 and 「重点施策」 the catalogue of measures, 「政策」 the policies, 「地区」 the overview's district plans). Not reported: a noun continued by another word (「５つのプロジェクト指標」), ordinals (「２つ目の」, 「第２の」), a number inside a name (「未来創造３プロジェクト」) or approximate (「約３０の」), a count of one, a count after a word marking a part earlier in the sentence (他の, うち, 一部 …), a count at most half the collection (taken as a part), the change table, and a collection with no record in the data.",
        ),
        why: (
            "プロジェクトや施策を足したり減らしたりしたのに本文の数を直し忘れると、計画の構成の説明が食い違ったまま公表されてしまいます。",
            "When a project or measure is added or removed and the count in the text is not updated, the plan is published describing a structure it does not have.",
        ),
        example: (
            "[[prose]]\nheading = \"重点プロジェクト\"\ntext = \"５つのプロジェクトとしてパッケージ化したものです。\"   # [[project]] は 4 件",
            "[[prose]]\nheading = \"重点プロジェクト\"\ntext = \"５つのプロジェクトとしてパッケージ化したものです。\"   # 4 [[project]] records",
        ),
        fix: (
            "本文の数を直すか、データに抜けや余分がないか確かめてください。集まりの一部を指す書き方なら「うち」「他の」などを添えてください。名詞の対応が計画に合わなければ、plancheck.toml の [counts.nouns] を直してください。",
            "Correct the count in the text, or check the data for a missing or extra record. If the text means a part of the collection, say so (うち, 他の). If a noun means something else in this plan, change `[counts.nouns]` in plancheck.toml.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "text = \"令和７年度（2025年度）から５年間の計画です。\"",
            "text = \"２つの政策に対して３の施策を掲げ、三つのプロジェクトで推進する５年間の計画です。\"",
        )],
        append: "",
    }),
    pass: Fixture {
        replace: &[(
            "text = \"令和７年度（2025年度）から５年間の計画です。\"",
            "text = \"２つの政策に対して２の施策を掲げ、１つのプロジェクトで推進します。２つ目の政策、第２の施策、２つの施策体系、他の２つの施策、５つの視点、４地区は対象外です。\"",
        )],
        append: "",
    },
};

/// Counters that may stand between a number and its noun.
const COUNTERS: [&str; 10] = [
    "か所", "カ所", "ヶ所", "ケ所", "箇所", "項目", "つ", "個", "件", "本",
];

/// Words that, earlier in the sentence, make a count a part of the collection.
const PART_WORDS: [&str; 10] = [
    "他の",
    "ほかの",
    "その他",
    "残り",
    "うち",
    "一部",
    "以外",
    "いずれ",
    "主な",
    "中でも",
];

/// Characters that may not stand right before a count: an ordinal, a range or a list of
/// numbers, a decimal.
const NOT_BEFORE: [char; 10] = ['第', '～', '〜', '~', '－', '-', '・', '.', ',', '．'];

/// A collection of the plan data: its number of records and its (ja, en) name.
fn collection(plan: &Plan, c: Collection) -> (usize, (&'static str, &'static str)) {
    match c {
        Collection::Projects => (
            plan.projects.len(),
            ("プロジェクトのページ", "project pages"),
        ),
        Collection::Measures => (plan.measures.len(), ("施策の一覧", "catalogue of measures")),
        Collection::Policies => (plan.policies.len(), ("政策の一覧", "list of policies")),
        Collection::Districts => (
            plan.overview.as_ref().map_or(0, |o| o.district.len()),
            ("概要版の地区別計画", "district plans of the overview"),
        ),
    }
}

/// One count stated in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stated {
    /// Byte range of the whole phrase, number to noun.
    range: Range<usize>,
    value: u64,
    noun: String,
}

fn digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

fn kanji_digit(c: char) -> Option<u64> {
    "〇一二三四五六七八九"
        .chars()
        .position(|k| k == c)
        .map(|i| i as u64)
}

fn is_kanji_numeral(c: char) -> bool {
    kanji_digit(c).is_some() || c == '十' || c == '百'
}

/// The value of a (non-empty) run of kanji numerals: 七 = 7, 十二 = 12, 三十六 = 36, 百 = 100,
/// 〇 = 0. None for a run too long to be a count (its value does not fit in a `u64`).
fn kanji_value(s: &str) -> Option<u64> {
    let (mut total, mut current) = (0u64, None::<u64>);
    for c in s.chars() {
        if let Some(d) = kanji_digit(c) {
            current = Some(match current {
                None => d,
                Some(v) => v.checked_mul(10)?.checked_add(d)?,
            });
        } else {
            let unit = if c == '十' { 10 } else { 100 };
            total = total.checked_add(current.unwrap_or(1).checked_mul(unit)?)?;
            current = None;
        }
    }
    total.checked_add(current.unwrap_or(0))
}

/// A character that continues a compound noun (「プロジェクト指標」, 「地区別」).
fn continues_word(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x30A0..=0x30FF | 0xFF66..=0xFF9F)
        || c.is_alphanumeric() && !matches!(c as u32, 0x3040..=0x309F)
}

/// Every count of one of `nouns` (longest first) stated in `text`.
fn stated_counts(text: &str, nouns: &[&str]) -> Vec<Stated> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let kanji = is_kanji_numeral(c);
        if digit(c).is_none() && !kanji {
            i += 1;
            continue;
        }
        // the whole run of numerals of one kind
        let mut j = i;
        while j < chars.len()
            && if kanji {
                is_kanji_numeral(chars[j].1)
            } else {
                digit(chars[j].1).is_some()
            }
        {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let next = j.max(i + 1);
        let before = i.checked_sub(1).map(|k| chars[k].1);
        // a numeral inside a word (統一, 唯一, 未来創造３プロジェクト) is no count, but 全 and
        // 計 (「全５つの」, 「計３６の」) only sum it up
        if before.is_some_and(|b| {
            NOT_BEFORE.contains(&b) || continues_word(b) && !matches!(b, '全' | '計')
        }) {
            i = next;
            continue;
        }
        let number = &text[start..end];
        let value = if kanji {
            kanji_value(number)
        } else {
            number
                .chars()
                .try_fold(0u64, |v, c| v.checked_mul(10)?.checked_add(digit(c)?))
        };
        if let Some(value) = value
            && let Some((len, noun)) = noun_after(&text[end..], nouns)
        {
            out.push(Stated {
                range: start..end + len,
                value,
                noun: noun.to_string(),
            });
        }
        i = next;
    }
    out
}

/// After a number: an optional counter, an optional の, an optional 「, then a noun that ends
/// there. Returns the length of all that and the noun.
fn noun_after<'n>(rest: &str, nouns: &[&'n str]) -> Option<(usize, &'n str)> {
    let mut at = 0;
    if let Some(c) = COUNTERS.iter().find(|c| rest.starts_with(**c)) {
        at += c.len();
    }
    for s in ["の", "「"] {
        if rest[at..].starts_with(s) {
            at += s.len();
        }
    }
    let noun = nouns.iter().find(|n| rest[at..].starts_with(**n))?;
    at += noun.len();
    let after = rest[at..].chars().next();
    if after.is_some_and(continues_word) {
        return None;
    }
    Some((at, noun))
}

/// Whether a word marking a part of the collection stands earlier in the sentence.
fn marks_a_part(text: &str, at: usize) -> bool {
    let sentence_start = text[..at].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let before = &text[sentence_start..at];
    PART_WORDS.iter().any(|w| before.contains(w))
}

/// Whether a stated count disagrees with the collection's size, leaving out a part (at most
/// half the collection) and a count of one.
fn disagrees(stated: u64, actual: usize) -> bool {
    let actual = actual as u64;
    stated > 1 && stated != actual && (stated > actual || stated * 2 > actual)
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mapping: Vec<(&str, Collection, &crate::plan::model::Text)> = cx
        .config
        .counts
        .nouns
        .all()
        .into_iter()
        .map(|(n, c)| (n.get_ref().as_str(), c, n))
        .filter(|(n, _, _)| !n.is_empty())
        .collect();
    let mut nouns: Vec<&str> = mapping.iter().map(|(n, _, _)| *n).collect();
    // longest first, so that 重点施策 is tried before 施策
    nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
    if nouns.is_empty() {
        return;
    }
    let changes: HashSet<(usize, usize)> = cx
        .plan
        .changes
        .iter()
        .flat_map(|c| {
            c.before
                .iter()
                .chain(&c.after)
                .chain(&c.reason)
                .chain([&c.topic])
                .chain(&c.meeting)
                .map(move |t| (c.file, t.span().start))
        })
        .collect();
    for t in cx.texts().of_fields(|f| f == Field::Text) {
        if !nouns.iter().any(|n| t.text.contains(n)) || changes.contains(&(t.file, t.span.start)) {
            continue;
        }
        for s in stated_counts(t.text, &nouns) {
            let Some(&(_, c, configured)) = mapping.iter().find(|(n, _, _)| *n == s.noun) else {
                continue;
            };
            let (actual, (cja, cen)) = collection(cx.plan, c);
            if actual == 0 || !disagrees(s.value, actual) || marks_a_part(t.text, s.range.start) {
                continue;
            }
            let phrase = &t.text[s.range.clone()];
            let span = cx.narrow(t.file, &t.span, t.text, s.range.clone());
            let value = s.value;
            let noun = &s.noun;
            let mut f = RULE
                .finding(
                    t.file,
                    span,
                    msg!(
                        "「{phrase}」と書かれていますが、計画のデータでは{cja}が {actual} 件です",
                        "the text says 「{phrase}」, but the plan data counts {actual} in the {cen}"
                    ),
                )
                .label(msg!(
                    "{value} と書かれていますが、データは {actual} 件",
                    "{value} stated, {actual} in the data"
                ))
                .help(msg!(
                    "本文の数を直すか、データに抜けや余分がないか確かめてください。一部を指す書き方なら「うち」「他の」などを添えてください。",
                    "correct the count, or check the data for a missing or extra record; if the text means a part, say so (うち, 他の)"
                ))
                .subject(normalize::key(noun));
            if let Some(file) = cx.config.file
                && !configured.span().is_empty()
            {
                f = f.related(
                    Finding::at(file, configured.span()),
                    msg!(
                        "名詞「{noun}」の設定（[counts.nouns]）",
                        "the noun 「{noun}」 in [counts.nouns]"
                    ),
                );
            }
            out.push(f);
        }
    }
}

super::fixture_test!(
    ["施策", "プロジェクト"],
    "3 of 2 measures and 3 of 1 project; 2 policies agree",
    |f| {
        testing::assert_contains(&f[0].message.ja, "「３の施策」");
        assert!(f[1].message.ja.contains("「三つのプロジェクト」"));
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn found(text: &str) -> Vec<(u64, String)> {
        stated_counts(text, &["重点施策", "プロジェクト", "施策", "政策", "地区"])
            .into_iter()
            .map(|s| (s.value, s.noun))
            .collect()
    }

    #[test]
    fn a_count_in_the_change_table_is_not_compared() {
        // the fail fixture's wrong counts, quoted again in a change's entries: only the
        // running text's two are reported
        let fixture = Fixture {
            replace: testing::fail_fixture(&RULE).replace,
            append: "\n#@file changes.toml\n[[change]]\ntopic = \"構成\"\nafter = [\"三つのプロジェクト\"]\nreason = \"３の施策を掲げ、三つのプロジェクトで推進します。\"\n",
        };
        let (files, found) = testing::findings_of(&RULE, &fixture);
        assert_eq!(found.len(), 2, "{found:#?}");
        for f in &found {
            let crate::finding::Location::Span { file, .. } = &f.location else {
                panic!("{f:?}");
            };
            assert_eq!(files[*file].rel, "plan.toml");
        }
    }

    #[test]
    fn counts_in_every_printed_form() {
        assert_eq!(found("５つのプロジェクト"), [(5, "プロジェクト".into())]);
        assert_eq!(found("36の施策に整理"), [(36, "施策".into())]);
        assert_eq!(found("３６の施策を設定"), [(36, "施策".into())]);
        assert_eq!(found("七つの政策"), [(7, "政策".into())]);
        assert_eq!(found("三十六の施策"), [(36, "施策".into())]);
        assert_eq!(found("４地区が一体"), [(4, "地区".into())]);
        assert_eq!(found("４か所の地区"), [(4, "地区".into())]);
        assert_eq!(found("７つの「政策」と"), [(7, "政策".into())]);
        assert_eq!(found("36の重点施策"), [(36, "重点施策".into())]);
        assert_eq!(found("全５つのプロジェクト"), [(5, "プロジェクト".into())]);
    }

    #[test]
    fn ordinals_compounds_and_other_nouns_are_not_counts() {
        for text in [
            "５つの視点",
            "２つ目の政策",
            "第２の施策",
            "５つのプロジェクト指標",
            "４地区別計画",
            "統一の施策",
            "１～３地区",
            "令和５年の政策",
            "３ 重点施策との対応",
            "５つにパッケージ化",
            "未来創造３プロジェクト",
            "約３０の施策",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn kanji_numerals() {
        assert_eq!(kanji_value("七"), Some(7));
        assert_eq!(kanji_value("十"), Some(10));
        assert_eq!(kanji_value("十二"), Some(12));
        assert_eq!(kanji_value("三十六"), Some(36));
        assert_eq!(kanji_value("百五"), Some(105));
        assert_eq!(kanji_value("〇"), Some(0));
        assert_eq!(kanji_value("二〇"), Some(20));
    }

    #[test]
    fn parts_and_singles_are_not_totals() {
        // 7 policies
        assert!(disagrees(6, 7));
        assert!(disagrees(8, 7));
        assert!(!disagrees(7, 7));
        assert!(!disagrees(3, 7), "at most half: a part");
        assert!(!disagrees(1, 7));
        assert!(disagrees(40, 36));
        assert!(!disagrees(2, 36));
        let t = "「７ 共生政策」は、他の6つの政策を下支えします。";
        assert!(marks_a_part(t, t.find('6').unwrap()));
        let t = "他の政策もあります。6つの政策を掲げます。";
        assert!(!marks_a_part(t, t.find('6').unwrap()));
    }

    #[test]
    fn the_overview_counts_and_an_empty_list_turns_the_collection_off() {
        let fixture = Fixture::appending(
            "\n[[overview.section]]\nheading = \"地区別計画\"\ntext = \"３地区が一体となったまちを目指します。\"\n\n[[overview.district]]\nname = \"北地区\"\n\n[[overview.district]]\nname = \"南地区\"\n",
        );
        let (_, f) = testing::findings_of(&RULE, &fixture);
        assert_eq!(testing::subjects(&f), ["地区"]);
        let off = Fixture::replacing(fixture.replace).then_append("\n[[overview.section]]\nheading = \"地区別計画\"\ntext = \"３地区が一体となったまちを目指します。\"\n\n[[overview.district]]\nname = \"北地区\"\n\n[[overview.district]]\nname = \"南地区\"\n\n#@file plancheck.toml\n[counts.nouns]\ndistricts = []\n");
        testing::assert_found(&RULE, &off, 0);
    }

    #[test]
    fn the_default_nouns_include_the_formats_names_of_the_collections() {
        let fixture = Fixture::replacing(&[(
            "text = \"令和７年度（2025年度）から５年間の計画です。\"",
            "text = \"３の重点施策と、２つの重点プロジェクトを掲げます。\"",
        )]);
        let (_, f) = testing::findings_of(&RULE, &fixture);
        assert_eq!(testing::subjects(&f), ["重点施策", "重点プロジェクト"]);
    }

    /// The base plan with its first running text replaced by `text`, then `append`: the
    /// English labels of the findings ("N stated, M in the data").
    fn labels(text: &str, append: &'static str) -> Vec<String> {
        let to: &'static str = Box::leak(format!("text = \"{text}\"").into_boxed_str());
        let replace: &'static [(&'static str, &'static str)] = Box::leak(Box::new([(
            "text = \"令和７年度（2025年度）から５年間の計画です。\"",
            to,
        )]));
        let (_, found) = testing::findings_of(&RULE, &Fixture { replace, append });
        found
            .iter()
            .map(|f| f.label.as_ref().map_or(String::new(), |l| l.en.clone()))
            .collect()
    }

    const SIX_DISTRICTS: &str = "\n[[overview.section]]\nheading = \"地区別計画\"\ntext = \"地区ごとのまちづくりです。\"\n\n[[overview.district]]\nname = \"北地区\"\n\n[[overview.district]]\nname = \"南地区\"\n\n[[overview.district]]\nname = \"東地区\"\n\n[[overview.district]]\nname = \"西地区\"\n\n[[overview.district]]\nname = \"中央地区\"\n\n[[overview.district]]\nname = \"境地区\"\n";

    #[test]
    fn kanji_digits_written_one_by_one_are_read_as_a_number() {
        // 「二五」 (vertical-style digits) is 25; the plan has 2 measures.
        assert_eq!(
            labels("二五の施策を掲げます。", ""),
            ["25 stated, 2 in the data"]
        );
    }

    #[test]
    fn exactly_half_is_a_part_and_more_than_half_is_a_total() {
        // 6 districts: 3 is half (a part, not reported), 4 is more than half (reported).
        assert_eq!(
            labels(
                "３地区で先行します。４地区が一体となります。",
                SIX_DISTRICTS
            ),
            ["4 stated, 6 in the data"]
        );
    }

    #[test]
    fn a_number_inside_a_latin_word_is_no_count() {
        // 「ISO14001の施策」 names a standard, not 14001 measures.
        assert_eq!(
            labels("ISO14001の施策を進めます。", ""),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_sentence_after_a_half_width_character_is_checked_without_a_crash() {
        // The sentence before ends in half-width characters (「9%。」): the next sentence's
        // count is still compared.
        assert_eq!(
            labels("達成率は9%。５つの施策で推進します。", ""),
            ["5 stated, 2 in the data"]
        );
    }

    #[test]
    fn a_huge_count_is_reported_without_a_crash() {
        assert_eq!(
            labels("10000000000000000000の施策を掲げます。", ""),
            ["10000000000000000000 stated, 2 in the data"]
        );
    }

    #[test]
    fn a_run_of_kanji_numerals_too_long_for_a_count_is_no_count_and_no_crash() {
        // Twenty nines: more than a u64 holds, so no count is read (a debug build used to
        // panic on the multiplication's overflow).
        assert_eq!(
            labels(&format!("{}の施策を掲げます。", "九".repeat(20)), ""),
            Vec::<String>::new()
        );
        // Nineteen still fit and are compared.
        assert_eq!(
            labels(
                "一二三四五六七八九〇一二三四五六七八九の施策を掲げます。",
                ""
            ),
            ["1234567890123456789 stated, 2 in the data"]
        );
        assert_eq!(
            kanji_value(&"九".repeat(19)),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(kanji_value(&format!("{}十", "九".repeat(19))), None);
        assert_eq!(kanji_value(&"百".repeat(3)), Some(300));
    }

    #[test]
    fn a_configured_noun_points_at_its_setting_and_a_default_one_at_nothing() {
        let fixture = Fixture::replacing(&[(
            "text = \"令和７年度（2025年度）から５年間の計画です。\"",
            "text = \"３つの取組と３つの政策を掲げます。\"",
        )])
        .then_append("\n#@file plancheck.toml\n[counts.nouns]\nmeasures = [\"取組\"]\n");
        let (files, found) = testing::findings_of(&RULE, &fixture);
        assert_eq!(testing::subjects(&found), ["取組", "政策"]);
        assert_eq!(found[0].related.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].related[0].message.en,
            "the noun 「取組」 in [counts.nouns]"
        );
        let crate::finding::Location::Span { file, span } = &found[0].related[0].location else {
            panic!("{found:#?}");
        };
        assert_eq!(files[*file].rel, "plancheck.toml");
        assert_eq!(&files[*file].text[span.clone()], "\"取組\"");
        assert!(found[1].related.is_empty(), "{found:#?}");
    }

    #[test]
    fn no_district_in_the_data_means_no_count_to_compare() {
        let fixture = Fixture::appending(
            "\n[[overview.section]]\nheading = \"地区別計画\"\ntext = \"４地区が一体となったまちを目指します。\"\n",
        );
        testing::assert_found(&RULE, &fixture, 0);
    }
}
