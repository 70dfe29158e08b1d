//! Parsing printed values: `95.2%`, `5,000 人以上`, `258 万人`, `男 79.4 歳`, `－`.

use unicode_normalization::UnicodeNormalization;

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
    let n: String = printed.nfkc().collect();
    let t = n.trim();
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty()
        || MISSING_MARKERS
            .iter()
            .any(|m| m.nfkc().collect::<String>() == compact)
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        match parse(s) {
            Parsed::Quantity(q) => q,
            other => panic!("{s}: {other:?}"),
        }
    }

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
