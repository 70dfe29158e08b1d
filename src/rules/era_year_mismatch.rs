//! PC305 era-year-mismatch: a Japanese era year and the Western year printed beside it disagree.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::normalize::KeyChars;
use crate::plan::value::{self, ERAS, EraYear};
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC305",
    name: "era-year-mismatch",
    severity: Severity::Warning,
    summary: (
        "和暦と併記した西暦が合いません",
        "era year and the Western year printed beside it disagree",
    ),
    docs: Docs {
        what: (
            "すべての文で、和暦の年のすぐ後に括弧書きの西暦がある箇所（「令和7年度（2025年度）」）と、西暦のすぐ後に括弧書きの和暦がある箇所（「２０５０年（令和３２年）」）を探し、年が合わないものを報告します（西暦は、令和の年に 2018、平成の年に 1988 を足した年です）。全角数字や空白があっても認識します。",
            "Scans every text for an era year immediately followed by a Western year in parentheses (「令和7年度（2025年度）」) or a Western year immediately followed by an era year in parentheses (「２０５０年（令和３２年）」), and reports pairs whose years differ (令和N = 2018+N, 平成N = 1988+N, …). Full-width digits and spaces are recognised.",
        ),
        why: (
            "和暦と西暦の食い違いは、どちらが正しいのか読み手に判断できず、計画期間や目標年の誤解につながります。",
            "When the two disagree, readers cannot tell which year is meant, and the plan period or a target year is misread.",
        ),
        example: (
            "period = \"令和7年度（2026年度）～令和11年度（2029年度）\"   # 令和7年度は2025年度",
            "period = \"令和7年度（2026年度）～令和11年度（2029年度）\"   # 令和7年度 is FY2025",
        ),
        fix: (
            "和暦・西暦のどちらが正しいか確かめ、もう一方を直してください（西暦は令和の年に 2018 を足した年です）。",
            "Find out which of the two is meant and correct the other (令和N = 2018+N).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[("令和11年度（2029年度）", "令和11年度（2030年度）")],
        append: "\n[[prose]]\nheading = \"人口の見通し\"\ntext = \"２０５０年（令和３１年）までの人口の見通しを掲げます。\"\n",
    }),
    pass: Fixture {
        replace: &[("令和11年度（2029年度）", "令和 11 年度 （２０２９年度）")],
        append: "\n[[prose]]\nheading = \"人口の見通し\"\ntext = \"２０５０年（令和３２年）までの人口の見通しを掲げます。\"\n",
    },
};

/// An era year and a Western year printed together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The era year as parsed (Western year of the era year, fiscal flag).
    pub era: EraYear,
    /// The Western year printed beside it.
    pub western: i32,
    /// Byte range of the whole pair in the original text.
    pub range: Range<usize>,
}

/// `年` or `年度` at `i`: returns (fiscal, end).
fn year_suffix(c: &[char], i: usize) -> Option<(bool, usize)> {
    if c.get(i) != Some(&'年') {
        return None;
    }
    if c.get(i + 1) == Some(&'度') {
        Some((true, i + 2))
    } else {
        Some((false, i + 1))
    }
}

/// An era year (令和７年度, 令和元年) starting at `i`: returns (year, end).
fn era_at(c: &[char], i: usize) -> Option<(EraYear, usize)> {
    for (era, _) in ERAS {
        let era: Vec<char> = era.chars().collect();
        if !c.get(i..)?.starts_with(&era) {
            continue;
        }
        let mut j = i + era.len();
        if c.get(j) == Some(&'元') {
            j += 1;
        } else {
            let start = j;
            while c.get(j).is_some_and(char::is_ascii_digit) {
                j += 1;
            }
            if j == start {
                return None;
            }
        }
        let (_, end) = year_suffix(c, j)?;
        let token: String = c[i..end].iter().collect();
        return value::era_year(&token).map(|y| (y, end));
    }
    None
}

/// A four-digit Western year (2025年, 2025年度, 西暦2025年) starting at `i`: returns (year, end).
fn western_at(c: &[char], i: usize) -> Option<(i32, usize)> {
    let mut j = i;
    if c.get(j..j + 2) == Some(&['西', '暦'][..]) {
        j += 2;
    }
    let start = j;
    while c.get(j).is_some_and(char::is_ascii_digit) {
        j += 1;
    }
    if j - start != 4 || (i > 0 && c.get(i - 1).is_some_and(char::is_ascii_digit)) {
        return None;
    }
    let year: String = c[start..j].iter().collect();
    let (_, end) = year_suffix(c, j)?;
    Some((year.parse().ok()?, end))
}

/// `(` + token + `)` at `i`: returns the token's value and the end after `)`.
fn parenthesised<T>(
    c: &[char],
    i: usize,
    token: impl Fn(&[char], usize) -> Option<(T, usize)>,
) -> Option<(T, usize)> {
    if c.get(i) != Some(&'(') {
        return None;
    }
    let (v, end) = token(c, i + 1)?;
    (c.get(end) == Some(&')')).then_some((v, end + 1))
}

/// Every era year printed with a parenthesised Western year, or the reverse, in a text.
pub fn pairs(text: &str) -> Vec<Pair> {
    // Both an era year and a Western year are written with 年 (full- or half-width forms
    // normalise to it): most texts have none and need no further work.
    if !text.contains('年') {
        return Vec::new();
    }
    let n = KeyChars::new(text);
    let c = &n.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let found = if let Some((era, end)) = era_at(c, i) {
            parenthesised(c, end, western_at).map(|(w, e)| (era, w, e))
        } else if let Some((w, end)) = western_at(c, i) {
            parenthesised(c, end, era_at).map(|(era, e)| (era, w, e))
        } else {
            None
        };
        match found {
            Some((era, western, end)) => {
                let start = n.origin.get(i).map_or(0, |r| r.start);
                let stop = n.origin.get(end - 1).map_or(start, |r| r.end);
                out.push(Pair {
                    era,
                    western,
                    range: start..stop,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for t in cx.texts() {
        for p in pairs(t.text) {
            if p.era.year == p.western {
                continue;
            }
            let printed = t.text.get(p.range.clone()).unwrap_or(t.text);
            let era_y = p.era.year;
            let western = p.western;
            // Point at the pair itself when the source holds the text verbatim between quotes.
            let span = cx.narrow(t.file, &t.span, t.text, p.range.clone());
            let section = &t.section;
            let mut f = RULE
                .finding(
                    t.file,
                    span,
                    msg!(
                        "「{printed}」の和暦と西暦が合いません: 和暦は {era_y} 年、西暦は {western} 年です（{section}）",
                        "era year and Western year disagree in 「{printed}」: the era year is {era_y}, the Western year {western} ({section})"
                    ),
                )
                .label(msg!(
                    "和暦では {era_y} 年",
                    "the era year is {era_y}"
                ))
                .help({
                    // the era printed in the pair (令和 unless another one is printed)
                    let (name, zero) = crate::plan::value::ERAS
                        .into_iter()
                        .find(|(name, _)| printed.contains(name))
                        .unwrap_or(crate::plan::value::ERAS[0]);
                    msg!(
                        "和暦と西暦のどちらが正しいか確かめ、もう一方を直してください（西暦は{name}の年に {zero} を足した年です）。",
                        "check which one is meant and correct the other ({name}N = {zero}+N)"
                    )
                });
            if !t.subject.is_empty() {
                f = f.subject(crate::plan::normalize::key(t.subject));
            }
            out.push(f);
        }
    }
}

super::fixture_test!(2, "era then Western, and Western then era", |f| {
    testing::assert_contains(&f[0].message.en, "2029");
    testing::assert_contains(&f[0].message.en, "2030");
    assert!(f[1].message.en.contains("２０５０年（令和３１年）"));
});

#[cfg(test)]
mod tests {
    use super::*;

    fn fy(year: i32) -> EraYear {
        EraYear { year, fiscal: true }
    }

    /// The pairs as printed in the plan's period, the chapter's introduction and the leaflet.
    #[test]
    fn recognises_the_printed_forms() {
        let p = pairs("令和7年度（2025年度）～令和11年度（2029年度）");
        assert_eq!(
            p.iter().map(|p| (p.era, p.western)).collect::<Vec<_>>(),
            [(fy(2025), 2025), (fy(2029), 2029)]
        );
        let s = "令和7年度（2025年度）～令和11年度（2029年度）";
        assert_eq!(&s[p[0].range.clone()], "令和7年度（2025年度）");
        assert_eq!(&s[p[1].range.clone()], "令和11年度（2029年度）");

        let s = "この重点プロジェクトについて、２０５０年（令和３２年）までの本市の人口見通しを";
        let p = pairs(s);
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].era.year, p[0].western), (2050, 2050));
        assert_eq!(&s[p[0].range.clone()], "２０５０年（令和３２年）");

        // spaces and full-width digits, 元年, 平成
        let p = pairs("令和 ７ 年度 （ ２０２５ 年度 ）、令和元年(2019年)、平成26年（2014年）");
        assert_eq!(
            p.iter()
                .map(|p| (p.era.year, p.western))
                .collect::<Vec<_>>(),
            [(2025, 2025), (2019, 2019), (2014, 2014)]
        );
        // western year with 西暦
        assert_eq!(pairs("令和7年（西暦2025年）")[0].western, 2025);
    }

    #[test]
    fn ignores_unpaired_years() {
        for s in [
            "令和７年度から令和１１年度までの５年間",
            "まち・ひと・しごと創生法（平成２６年１１月施行）",
            "「２０３０ 年のあるべき姿の実現に向けた優先的なゴール」",
            "令和7年度（第3期）",
            "12025年（令和7年）",
        ] {
            assert!(pairs(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn reports_disagreeing_pairs() {
        let p = pairs("令和7年度（2026年度）");
        assert_eq!((p[0].era.year, p[0].western), (2025, 2026));
    }
}
