//! PC206 related-plan-variant: the same related plan (関連計画) written two ways.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::near;
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::model::{Located, Project, Text};
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    code: "PC206",
    name: "related-plan-variant",
    severity: Severity::Warning,
    summary: (
        "同じ関連計画が二通りに書かれています",
        "the same related plan is written two ways",
    ),
    docs: Docs {
        what: (
            "各重点プロジェクトの関連計画（[project.related] の plans）を、全角・半角と空白をそろえ、末尾の「（案）」を除いた名称で突き合わせます。同じ名称なのに印刷された文字が違うもの（全角・半角、空白、片方だけの「（案）」）と、名称がよく似ている（違いが長い方の名称の 4 分の 1 以内の）もの（「伊勢崎市」のような語が片方にだけある）を、最初に書かれた箇所と比べて報告します。期・次などの番号が違う名称（第３期と第７期）は別の計画とみなします。",
            "Matches the related plans of every project ([project.related] plans) by name, ignoring width and spacing and a trailing draft mark 「（案）」. A copy printed differently from the first copy of the same name (width, spacing, or 「（案）」 on one copy only) is reported, and so is a name that nearly equals an earlier one (at most a quarter of the longer name differs, e.g. a word such as a city name added or dropped). Names that differ in a number (第３期 / 第７期: another edition or another plan) are taken to be different plans.",
        ),
        why: (
            "関連計画は正式名称で書くものです。プロジェクトごとに書き方が違うと、同じ計画なのか別の計画なのか読み手にわからず、（案）が取れたかどうかも食い違って見えます。",
            "Related plans should be cited by their official names. When projects write the same plan differently, readers cannot tell whether it is one plan or two, and a 「（案）」 on one copy only contradicts the other about whether the plan is adopted yet.",
        ),
        example: ("# プロジェクト１\nplans = [\"第９期高齢者保健福祉計画\"]\n# プロジェクト２\nplans = [\"第９期伊勢崎市高齢者保健福祉計画\"]", "# project 1\nplans = [\"第９期高齢者保健福祉計画\"]\n# project 2\nplans = [\"第９期伊勢崎市高齢者保健福祉計画\"]"),
        fix: (
            "計画の正式名称を確かめ、全てのプロジェクトで同じ書き方にしてください。「（案）」は計画の策定状況に合わせてそろえてください。",
            "Check the plan's official name and write it the same way in every project; add or drop 「（案）」 everywhere according to whether the plan has been adopted.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]",
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\", \"第２期高齢者保健福祉計画\", \"ＳＤＧｓ未来都市計画\"]",
        )],
        append: concat!(
            project_two!(),
            "
[project.related]
plans = [\"子ども・子育て支援事業計画（案）\", \"地域防災計画\", \"第２期テスト市高齢者保健福祉計画\", \"SDGs 未来都市計画\", \"橋梁長寿命化計画\"]
"
        ),
    }),
    pass: Fixture {
        replace: &[(
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]",
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\", \"第２期障害福祉計画\", \"ＳＤＧｓ未来都市計画\"]",
        )],
        append: concat!(
            project_two!(),
            "
[project.related]
plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\", \"第３期障害児福祉計画\", \"ＳＤＧｓ未来都市計画\", \"橋梁長寿命化計画\", \"公園施設長寿命化計画\"]
"
        ),
    },
};

/// Two names whose keys are at least this similar are taken to be one plan written two ways:
/// at most a quarter of the longer name differs, e.g. a four-character word (a city name)
/// added to a twelve-character name (0.75). Below it, distinct plans sharing words and the
/// 「…計画」 tail come together (橋梁長寿命化計画 / 公園施設長寿命化計画: 0.6).
const THRESHOLD: f64 = 0.75;

/// One printed related plan.
struct PlanCopy<'a> {
    project: &'a Located<Project>,
    text: &'a Text,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    // Every copy in model order, grouped by key; keys in order of first appearance.
    let mut copies: Vec<PlanCopy> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut of_key: Vec<Vec<usize>> = Vec::new();
    for p in &cx.plan.projects {
        for t in p.related.iter().flat_map(|r| &r.plans) {
            let k = plan_key(cx.vocabulary(), t.get_ref());
            if k.is_empty() {
                continue;
            }
            let ki = *by_key.entry(k.clone()).or_insert_with(|| {
                keys.push(k);
                of_key.push(Vec::new());
                keys.len() - 1
            });
            if let Some(list) = of_key.get_mut(ki) {
                list.push(copies.len());
            }
            copies.push(PlanCopy {
                project: p,
                text: t,
            });
        }
    }
    // For each key, the earliest key it is a near variant of (pairs come with i < j).
    let mut anchor: Vec<Option<usize>> = vec![None; keys.len()];
    for (i, j) in near::near_pairs(&keys, THRESHOLD) {
        let (Some(a), Some(b)) = (keys.get(i), keys.get(j)) else {
            continue;
        };
        if numbers(a) != numbers(b) {
            continue;
        }
        if let Some(slot) = anchor.get_mut(j)
            && slot.is_none_or(|earlier| i < earlier)
        {
            *slot = Some(i);
        }
    }
    for (ki, list) in of_key.iter().enumerate() {
        let Some(&first) = list.first() else { continue };
        let Some(first) = copies.get(first) else {
            continue;
        };
        let near_of = anchor
            .get(ki)
            .copied()
            .flatten()
            .and_then(|a| of_key.get(a)?.first())
            .and_then(|&c| copies.get(c));
        match near_of {
            Some(earlier) => {
                let subject = keys.get(anchor_key(&anchor, ki)).cloned();
                for c in list.iter().filter_map(|&c| copies.get(c)) {
                    found.push(written_two_ways(
                        cx.vocabulary(),
                        c,
                        earlier,
                        subject.clone(),
                    ));
                }
            }
            None => {
                let subject = keys.get(ki).cloned();
                for c in list.iter().skip(1).filter_map(|&c| copies.get(c)) {
                    if c.text.get_ref() != first.text.get_ref() {
                        found.push(variant(cx.vocabulary(), c, first, subject.clone()));
                    }
                }
            }
        }
    }
    // Report in model order.
    found.sort_by_key(|f| match &f.location {
        Location::Span { file, span } => (*file, span.start),
        Location::Path(_) => (usize::MAX, 0),
    });
    out.extend(found);
}

fn anchor_key(anchor: &[Option<usize>], ki: usize) -> usize {
    anchor.get(ki).copied().flatten().unwrap_or(ki)
}

/// The comparison key: normalised name without a trailing draft mark.
fn plan_key(v: &crate::plan::vocabulary::Vocabulary, printed: &str) -> String {
    v.draft_free_key(printed)
}

/// The printed name without a trailing draft mark (in either width), and whether it had one.
fn strip_mark<'s>(v: &crate::plan::vocabulary::Vocabulary, printed: &'s str) -> (&'s str, bool) {
    v.strip_draft_marks(printed)
}

/// The numbers in a key, in order (edition, term, scope): 「第3期」 → [3]; kanji numerals
/// after 「第」 count too (「第三次」 → [3]). Names that differ in them are different plans.
fn numbers(key: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let chars: Vec<char> = key.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            let mut n: u64 = 0;
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(u64::from(d));
                i += 1;
            }
            out.push(n);
            continue;
        }
        if c == '第' {
            let start = i + 1;
            let mut end = start;
            while chars.get(end).is_some_and(|&c| kanji_digit(c).is_some()) {
                end += 1;
            }
            if let Some(n) = chars.get(start..end).and_then(kanji_number) {
                out.push(n);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn kanji_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// 「三」 3, 「十二」 12, 「二十」 20, 「二十一」 21, 「二〇」 20 (digit by digit).
fn kanji_number(cs: &[char]) -> Option<u64> {
    if cs.is_empty() {
        return None;
    }
    let ds: Vec<u64> = cs.iter().filter_map(|&c| kanji_digit(c)).collect();
    if let Some(t) = ds.iter().position(|&d| d == 10) {
        let tens = match ds.get(..t) {
            Some([]) => 1,
            Some([d]) => *d,
            _ => return None,
        };
        let ones = match ds.get(t + 1..) {
            Some([]) | None => 0,
            Some([d]) if *d < 10 => *d,
            _ => return None,
        };
        return Some(tens * 10 + ones);
    }
    ds.iter()
        .try_fold(0u64, |n, &d| n.checked_mul(10)?.checked_add(d))
}

fn project_label(p: &Project) -> String {
    p.number.get_ref().to_string()
}

/// Same key, different printing: width, spacing or the draft mark.
fn variant(
    v: &crate::plan::vocabulary::Vocabulary,
    c: &PlanCopy,
    first: &PlanCopy,
    subject: Option<String>,
) -> Finding {
    let (this, that) = (c.text.get_ref().as_str(), first.text.get_ref().as_str());
    let (this_name, this_mark) = strip_mark(v, this);
    let (that_name, that_mark) = strip_mark(v, that);
    let n0 = project_label(first.project);
    let mark = crate::plan::vocabulary::Vocabulary::first(&v.placeholders.draft_plan);
    let mut ja: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    if this_name != that_name || (this_mark && that_mark) {
        ja.push("全角・半角や空白が違います".into());
        en.push("width or spacing differs".into());
    }
    if this_mark && !that_mark {
        ja.push(format!("「{mark}」はこちらにだけあります"));
        en.push(format!("only this copy has the draft mark 「{mark}」"));
    } else if that_mark && !this_mark {
        ja.push(format!(
            "「{mark}」は重点プロジェクト{n0}の方にだけあります"
        ));
        en.push(format!(
            "only the copy in project {n0} has the draft mark 「{mark}」"
        ));
    }
    let (why_ja, why_en) = (ja.join("。"), en.join("; "));
    let help = if this_mark != that_mark {
        msg!(
            "計画が策定済みかどうかを確かめ、「{mark}」の有無を全てのプロジェクトでそろえてください。",
            "check whether the plan has been adopted, and add or drop 「{mark}」 in every project alike"
        )
    } else {
        msg!(
            "どちらかの書き方（計画の正式名称）にそろえてください。",
            "write the plan's official name the same way in every project"
        )
    };
    let n = project_label(c.project);
    finding(
        c,
        first,
        subject,
        msg!(
            "重点プロジェクト{n}の関連計画「{this}」は、重点プロジェクト{n0}の「{that}」と表記が違います（{why_ja}）",
            "related plan 「{this}」 in project {n} is written differently from 「{that}」 in project {n0} ({why_en})"
        ),
    )
        .label(msg!("「{that}」と同じ計画", "same plan as 「{that}」"))
        .help(help)
}

/// Near keys: a word added or dropped, or a few characters changed.
fn written_two_ways(
    v: &crate::plan::vocabulary::Vocabulary,
    c: &PlanCopy,
    earlier: &PlanCopy,
    subject: Option<String>,
) -> Finding {
    let (this, that) = (c.text.get_ref().as_str(), earlier.text.get_ref().as_str());
    let (a, _) = strip_mark(v, that);
    let (b, _) = strip_mark(v, this);
    let (gone, added) = middles(a, b);
    let (hint_ja, hint_en) = match (gone.is_empty(), added.is_empty()) {
        (true, false) => (
            format!("こちらには「{added}」が加わっています"),
            format!("「{added}」 added here"),
        ),
        (false, true) => (
            format!("こちらには「{gone}」がありません"),
            format!("「{gone}」 dropped here"),
        ),
        _ => (
            format!("「{gone}」が「{added}」になっています"),
            format!("「{gone}」 reads 「{added}」 here"),
        ),
    };
    let (n, n0) = (project_label(c.project), project_label(earlier.project));
    finding(
        c,
        earlier,
        subject,
        msg!(
            "重点プロジェクト{n}の関連計画「{this}」は、重点プロジェクト{n0}の「{that}」と同じ計画を別の書き方にしたものではありませんか（{hint_ja}）",
            "related plan 「{this}」 in project {n} looks like 「{that}」 in project {n0} written another way ({hint_en})"
        ),
    )
        .label(msg!("「{that}」とほぼ同じ名称", "nearly the same name as 「{that}」"))
        .help(msg!(
            "同じ計画なら、正式名称に全てのプロジェクトでそろえてください。別の計画なら、この指摘は無視してかまいません。",
            "if it is the same plan, write its official name the same way in every project; if it is another plan, ignore this"
        ))
}

/// A finding at copy `c`, pointing at the copy `first` it differs from.
fn finding(c: &PlanCopy, first: &PlanCopy, subject: Option<String>, message: Msg) -> Finding {
    let n0 = project_label(first.project);
    RULE.finding(c.project.file, c.text.span(), message)
        .with_subject(subject)
        .related(
            Finding::at(first.project.file, first.text.span()),
            msg!(
                "最初の表記（重点プロジェクト{n0}）",
                "first written here (project {n0})"
            ),
        )
}

/// What differs between `a` and `b` once their common beginning and end are set aside:
/// (the part only `a` has, the part only `b` has).
fn middles<'s>(a: &'s str, b: &'s str) -> (&'s str, &'s str) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (ra, rb) = (a.get(prefix..).unwrap_or(""), b.get(prefix..).unwrap_or(""));
    let suffix: usize = ra
        .chars()
        .rev()
        .zip(rb.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (
        ra.get(..ra.len() - suffix).unwrap_or(""),
        rb.get(..rb.len() - suffix).unwrap_or(""),
    )
}

super::fixture_test!(
    [
        "子ども・子育て支援事業計画",
        "第2期高齢者保健福祉計画",
        "SDGs未来都市計画"
    ],
    "draft mark, width/spacing, a word added",
    |f| {
        testing::assert_says(
            &f,
            &[
                "only this copy has the draft mark",
                "「テスト市」 added here",
                "width or spacing differs",
            ],
        );
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    #[test]
    fn keys_drop_the_draft_mark() {
        assert_eq!(
            plan_key(
                &crate::plan::vocabulary::Vocabulary::default(),
                "ＳＤＧｓ未来都市計画（案）"
            ),
            "SDGs未来都市計画"
        );
        assert_eq!(
            plan_key(
                &crate::plan::vocabulary::Vocabulary::default(),
                "SDGs 未来都市計画 (案)"
            ),
            "SDGs未来都市計画"
        );
        assert_eq!(
            strip_mark(
                &crate::plan::vocabulary::Vocabulary::default(),
                "第４次男女共同参画計画（案）"
            ),
            ("第４次男女共同参画計画", true)
        );
        assert_eq!(
            strip_mark(
                &crate::plan::vocabulary::Vocabulary::default(),
                "第４次男女共同参画計画"
            ),
            ("第４次男女共同参画計画", false)
        );
    }

    #[test]
    fn numbers_tell_editions_apart() {
        assert_eq!(numbers("第3期障害児福祉計画"), vec![3]);
        assert_eq!(numbers("第三次障害者計画"), vec![3]);
        assert_eq!(numbers("第二十一次計画"), vec![21]);
        assert_eq!(numbers("第十期計画"), vec![10]);
        assert_eq!(numbers("健康いせさき21(第3次)"), vec![21, 3]);
        assert_eq!(numbers("第一人者計画"), vec![1]);
        assert_eq!(numbers("みどりの基本計画"), Vec::<u64>::new());
    }

    /// The English messages of this rule on the base plan with project 1's related plans
    /// `first` and a project 2 whose related plans are `second`.
    fn messages(first: &str, second: &str) -> Vec<String> {
        let quoted = |ps: &str| {
            ps.split(',')
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let replace: &'static [(&'static str, &'static str)] = Box::leak(Box::new([(
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]",
            &*Box::leak(format!("plans = [{}]", quoted(first)).into_boxed_str()),
        )]));
        let append = format!(
            "{}\n[project.related]\nplans = [{}]\n",
            project_two!(),
            quoted(second)
        );
        let fixture = Fixture {
            replace,
            append: Box::leak(append.into_boxed_str()),
        };
        let (_, found) = testing::findings_of(&RULE, &fixture);
        found.into_iter().map(|f| f.message.en).collect()
    }

    #[test]
    fn kanji_and_arabic_edition_numbers_are_one_plan() {
        // Each plan cited with a kanji edition number in project 1 and the same number in
        // digits in project 2: the same plan written two ways, one finding per plan.
        let found = messages(
            "第二〇次交通安全計画,第四次男女共同参画計画,第五期障害福祉計画,第六次総合計画,\
             第七期介護保険事業計画,第八次地域福祉計画,第九期高齢者保健福祉計画,第二〇期環境保全計画",
            "第２０次交通安全計画,第４次男女共同参画計画,第５期障害福祉計画,第６次総合計画,\
             第７期介護保険事業計画,第８次地域福祉計画,第９期高齢者保健福祉計画,第二零期環境保全計画",
        );
        assert_eq!(
            found,
            [
                "related plan 「第２０次交通安全計画」 in project 2 looks like 「第二〇次交通安全計画」 in project 1 written another way (「二〇」 reads 「２０」 here)",
                "related plan 「第４次男女共同参画計画」 in project 2 looks like 「第四次男女共同参画計画」 in project 1 written another way (「四」 reads 「４」 here)",
                "related plan 「第５期障害福祉計画」 in project 2 looks like 「第五期障害福祉計画」 in project 1 written another way (「五」 reads 「５」 here)",
                "related plan 「第６次総合計画」 in project 2 looks like 「第六次総合計画」 in project 1 written another way (「六」 reads 「６」 here)",
                "related plan 「第７期介護保険事業計画」 in project 2 looks like 「第七期介護保険事業計画」 in project 1 written another way (「七」 reads 「７」 here)",
                "related plan 「第８次地域福祉計画」 in project 2 looks like 「第八次地域福祉計画」 in project 1 written another way (「八」 reads 「８」 here)",
                "related plan 「第９期高齢者保健福祉計画」 in project 2 looks like 「第九期高齢者保健福祉計画」 in project 1 written another way (「九」 reads 「９」 here)",
                "related plan 「第二零期環境保全計画」 in project 2 looks like 「第二〇期環境保全計画」 in project 1 written another way (「〇」 reads 「零」 here)",
            ]
        );
    }

    #[test]
    fn a_malformed_kanji_number_is_not_read_as_twenty() {
        // 「第十十期」 is no number: it is not taken for 第２０期, so the two names are not
        // claimed to be one plan (nor are 第３期 and 第７期).
        assert_eq!(
            messages(
                "第十十期地域福祉計画,第３期障害児福祉計画",
                "第２０期地域福祉計画,第７期障害児福祉計画"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_name_near_two_earlier_ones_points_at_the_first() {
        let found = messages(
            "高齢者保健福祉計画,高齢者保健福祉事業計画",
            "高齢者保健福祉推進計画",
        );
        assert_eq!(
            found,
            [
                "related plan 「高齢者保健福祉事業計画」 in project 1 looks like 「高齢者保健福祉計画」 in project 1 written another way (「事業」 added here)",
                "related plan 「高齢者保健福祉推進計画」 in project 2 looks like 「高齢者保健福祉計画」 in project 1 written another way (「推進」 added here)",
            ]
        );
    }

    #[test]
    fn a_dropped_word_is_named() {
        assert_eq!(
            messages(
                "第９期伊勢崎市高齢者保健福祉計画",
                "第９期高齢者保健福祉計画"
            ),
            [
                "related plan 「第９期高齢者保健福祉計画」 in project 2 looks like 「第９期伊勢崎市高齢者保健福祉計画」 in project 1 written another way (「伊勢崎市」 dropped here)"
            ]
        );
    }

    #[test]
    fn middles_show_the_added_word() {
        assert_eq!(
            middles(
                "第９期高齢者保健福祉計画",
                "第９期伊勢崎市高齢者保健福祉計画"
            ),
            ("", "伊勢崎市")
        );
        assert_eq!(middles("abc", "abc"), ("", ""));
        assert_eq!(middles("aXc", "aYYc"), ("X", "YY"));
    }
}
