//! Parsing printed values: `95.2%`, `5,000 人以上`, `258 万人`, `男 79.4 歳`, `－`.

use crate::plan::normalize::nfkc;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// 以上
    AtLeast,
    /// 以下
    AtMost,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Sub-value label such as 小学校 or 男.
    pub label: Option<String>,
    /// The number with 万 applied.
    pub number: f64,
    /// Normalised unit (NFKC): `%`, `人`, `km2`, `ha`; empty when none is printed.
    pub unit: String,
    pub qualifier: Option<Qualifier>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Quantity(Quantity),
    /// 「－」, 「取得なし」, 「未実施のためなし」, or nothing printed.
    Missing(String),
    /// 「調整中」 or other text that is not a number.
    Text(String),
}

/// Texts that stand for "no value".
pub const MISSING_MARKERS: [&str; 6] = ["－", "-", "―", "ー", "取得なし", "未実施のためなし"];

/// Parses one printed value (one sub-value, if the cell holds several).
pub fn parse(printed: &str) -> Parsed {
    // the markers in NFKC, normalised once rather than for every value
    static MISSING: OnceLock<Vec<String>> = OnceLock::new();
    let missing = MISSING.get_or_init(|| {
        MISSING_MARKERS
            .iter()
            .map(|m| nfkc(m).into_owned())
            .collect()
    });
    let n = nfkc(printed);
    let t = n.trim();
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() || missing.contains(&compact) {
        return Parsed::Missing(t.to_string());
    }
    // Optional label: text before the first digit, separated by white space.
    let first_digit = t.find(|c: char| c.is_ascii_digit());
    let Some(first_digit) = first_digit else {
        return Parsed::Text(t.to_string());
    };
    let (label, rest) = {
        let head = t[..first_digit].trim();
        if head.is_empty() {
            (None, &t[first_digit..])
        } else if t[..first_digit].ends_with(char::is_whitespace)
            && !head.contains(char::is_whitespace)
        {
            (Some(head.to_string()), &t[first_digit..])
        } else {
            return Parsed::Text(t.to_string());
        }
    };
    let num_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let digits: String = rest[..num_end].chars().filter(|&c| c != ',').collect();
    let Ok(mut number) = digits.parse::<f64>() else {
        return Parsed::Text(t.to_string());
    };
    let mut unit = rest[num_end..].trim().to_string();
    let mut qualifier = None;
    for (suffix, q) in [("以上", Qualifier::AtLeast), ("以下", Qualifier::AtMost)] {
        if let Some(u) = unit.strip_suffix(suffix) {
            qualifier = Some(q);
            unit = u.trim().to_string();
        }
    }
    if let Some(u) = unit.strip_prefix('万') {
        number *= 10_000.0;
        unit = u.trim().to_string();
    }
    Parsed::Quantity(Quantity {
        label,
        number,
        unit,
        qualifier,
    })
}

/// The quantity printed as `s`, for tests; panics when `s` is not a quantity.
#[cfg(test)]
pub(crate) fn quantity(s: &str) -> Quantity {
    match parse(s) {
        Parsed::Quantity(q) => q,
        other => panic!("{s}: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quantity as q;

    #[test]
    fn parses_the_printed_forms_of_the_plan() {
        assert_eq!(q("95.2%").number, 95.2);
        assert_eq!(q("100％").unit, "%");
        let v = q("5,000 人以上");
        assert_eq!(
            (v.number, v.unit.as_str(), v.qualifier),
            (5000.0, "人", Some(Qualifier::AtLeast))
        );
        let v = q("46.7ha 以下");
        assert_eq!(
            (v.number, v.unit.as_str(), v.qualifier),
            (46.7, "ha", Some(Qualifier::AtMost))
        );
        let v = q("258 万人");
        assert_eq!((v.number, v.unit.as_str()), (2_580_000.0, "人"));
        assert_eq!(q("24.26 ㎢").unit, "km2");
        let v = q("男 79.4 歳");
        assert_eq!(
            (v.label.as_deref(), v.number, v.unit.as_str()),
            (Some("男"), 79.4, "歳")
        );
        assert_eq!(q("64.7").unit, "");
        assert_eq!(q("4,251,251 人").number, 4_251_251.0);
    }

    #[test]
    fn missing_markers_and_text() {
        for m in [
            "－",
            "取得なし",
            "未実施のためなし",
            "未実施のため なし",
            "",
        ] {
            assert!(matches!(parse(m), Parsed::Missing(_)), "{m}");
        }
        assert!(matches!(parse("調整中"), Parsed::Text(_)));
    }
}

/// One printed sub-value of a value cell, parsed.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    pub text: &'a str,
    pub span: std::ops::Range<usize>,
    pub parsed: Parsed,
}

impl Part<'_> {
    /// The sub-value's label (小学校, 男), normalised.
    pub fn label(&self) -> Option<String> {
        match &self.parsed {
            Parsed::Quantity(q) => q.label.as_deref().map(crate::plan::normalize::key),
            _ => None,
        }
    }
}

/// The parsed sub-values of a value cell, with their spans.
pub fn parts(v: &crate::plan::model::S<crate::plan::model::Printed>) -> Vec<Part<'_>> {
    v.get_ref()
        .parts(&v.span())
        .into_iter()
        .map(|(text, span)| Part {
            text,
            span,
            parsed: parse(text),
        })
        .collect()
}

/// Pairs baseline and target sub-values `(i, j)`: by label when every baseline label has a
/// match among the targets, else by position when the counts agree, else none.
pub fn pair(base: &[Part], target: &[Part]) -> Vec<(usize, usize)> {
    let target_labels: Vec<Option<String>> = target.iter().map(Part::label).collect();
    let by_label: Vec<Option<usize>> = base
        .iter()
        .map(|b| {
            b.label()
                .and_then(|l| target_labels.iter().position(|t| t.as_deref() == Some(&l)))
        })
        .collect();
    if by_label.iter().all(Option::is_some) {
        by_label
            .into_iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, j)))
            .collect()
    } else if base.len() == target.len() {
        (0..base.len()).map(|i| (i, i)).collect()
    } else {
        Vec::new()
    }
}

/// A year printed with a Japanese era, e.g. 令和５年度 or （令和４年）.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EraYear {
    /// The Western year (for a fiscal year, the year it starts in).
    pub year: i32,
    /// 年度 (fiscal year) rather than 年 (calendar year).
    pub fiscal: bool,
}

/// Eras and the Western year of their year 0 (令和1 = 2019).
pub const ERAS: [(&str, i32); 4] = [
    ("令和", 2018),
    ("平成", 1988),
    ("昭和", 1925),
    ("大正", 1911),
];

/// Parses the first era year in a text: 令和５年度, 令和 10 年度, （令和４年）, 令和元年.
pub fn era_year(text: &str) -> Option<EraYear> {
    era_years(text).into_iter().next().map(|(_, y)| y)
}

/// Every era year in a normalised text, with its byte offset in that normalised text.
pub fn era_years(text: &str) -> Vec<(usize, EraYear)> {
    let n: String = nfkc(text).chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for (era, base) in ERAS {
        for (i, _) in n.match_indices(era) {
            let rest = &n[i + era.len()..];
            let (num, after) = if let Some(a) = rest.strip_prefix('元') {
                (Some(1), a)
            } else {
                let end = rest
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
                (rest[..end].parse::<i32>().ok(), &rest[end..])
            };
            // an era year too large for the Western year to fit is no year
            let Some(year) = num.and_then(|n| base.checked_add(n)) else {
                continue;
            };
            let Some(after) = after.strip_prefix('年') else {
                continue;
            };
            out.push((
                i,
                EraYear {
                    year,
                    fiscal: after.starts_with('度'),
                },
            ));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

#[cfg(test)]
mod era_tests {
    use super::*;

    #[test]
    fn era_years_in_every_printed_form() {
        assert_eq!(
            era_year("令和５年度"),
            Some(EraYear {
                year: 2023,
                fiscal: true
            })
        );
        assert_eq!(
            era_year("（令和 10 年度）"),
            Some(EraYear {
                year: 2028,
                fiscal: true
            })
        );
        assert_eq!(
            era_year("(令和４年)"),
            Some(EraYear {
                year: 2022,
                fiscal: false
            })
        );
        assert_eq!(
            era_year("平成２６年１１月"),
            Some(EraYear {
                year: 2014,
                fiscal: false
            })
        );
        assert_eq!(
            era_year("令和元年"),
            Some(EraYear {
                year: 2019,
                fiscal: false
            })
        );
        assert_eq!(era_year("2025年"), None);
    }

    #[test]
    fn an_era_year_too_large_is_no_year() {
        // 2018 + 2147483647 overflowed i32 (a panic in debug builds)
        assert_eq!(era_year("令和2147483647年度"), None);
        assert_eq!(
            era_year("令和2147483647年度、令和５年度").map(|y| y.year),
            Some(2023)
        );
    }
}
