//! Property tests for the two text primitives every rule leans on: normalisation of ids and
//! names (`plancheck::plan::normalize`) and the printed-value parser (`plancheck::plan::value::parse`).

use plancheck::plan::normalize::{self, DirectionRef};
use plancheck::plan::value::{self, Parsed, Qualifier, Quantity};
use plancheck::plan::vocabulary::Vocabulary;
use proptest::prelude::*;
use proptest::test_runner::Config;
use unicode_normalization::UnicodeNormalization;

/// A fixed number of cases per property keeps the whole file well under a few seconds. In CI
/// the seed is fixed so that a run is reproducible; locally each run explores new cases.
fn config(cases: u32) -> Config {
    let rng_seed = if std::env::var_os("CI").is_some() {
        proptest::test_runner::RngSeed::Fixed(0x706c_616e_6368_6563)
    } else {
        Config::default().rng_seed
    };
    Config {
        cases,
        failure_persistence: None,
        rng_seed,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Characters that make normalisation interesting: widths, white space of several kinds,
/// combining marks (which compose with what precedes them), and compatibility characters whose
/// NFKC form contains a space (¨ → space + U+0308) or several characters.
const TRICKY: &[char] = &[
    ' ', '\u{3000}', '\t', '\n', '\u{A0}', '\u{2000}', '\u{2003}', 'a', 'e', 'A', '1', '１', 'Ａ',
    'ａ', '-', '－', '方', '針', 'か', 'ｶ', 'ﾞ', '\u{301}', '\u{308}', '\u{316}', '\u{3099}',
    '\u{309A}', '\u{345}', '¨', '´', '˜', '\u{1E9B}', 'ſ', '㍿', 'ﬁ', '①', '㈱', '※', '〇', '◯',
    '○', '◎', '％', '㎢', 'Å', 'Ω', '\u{FEFF}', '\u{200B}',
];

/// Strings mixing tricky characters with arbitrary ones.
fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![3 => prop::sample::select(TRICKY), 1 => any::<char>()],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// The full-width form of an ASCII digit or letter, U+3000 for a space; other characters as is.
fn widen(c: char) -> char {
    match c {
        '0'..='9' | 'A'..='Z' | 'a'..='z' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap(),
        ' ' => '\u{3000}',
        _ => c,
    }
}

/// Widens a random subset of the characters of `s`.
fn widen_some(s: &str, mask: &[bool]) -> String {
    s.chars()
        .zip(mask.iter().chain(std::iter::repeat(&true)))
        .map(|(c, &w)| if w { widen(c) } else { c })
        .collect()
}

/// ASCII letters, digits and spaces with some Japanese and tricky characters.
fn id_like_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('0', '9'),
            3 => prop::char::range('a', 'z'),
            3 => prop::char::range('A', 'Z'),
            3 => Just(' '),
            2 => prop::sample::select(&['-', '方', '針', '関', '係', '市', 'の'][..]),
            2 => prop::sample::select(TRICKY),
        ],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// White space as it appears between the parts of a printed id or value.
fn gap() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&["", "", "", " ", "\u{3000}", "  ", "\t", " \u{3000}"][..])
}

/// Digits of `n`, each printed half- or full-width at random (mask).
fn print_digits(n: &str, mask: &[bool]) -> String {
    widen_some(n, mask)
}

// ---------------------------------------------------------------------------------------------
// (a) normalisation

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn key_is_idempotent(s in tricky_string()) {
        let k = normalize::key(&s);
        prop_assert_eq!(normalize::key(&k), k.clone(), "input {:?}", s);
        prop_assert!(!k.chars().any(char::is_whitespace), "white space left in {:?}", k);
    }

    #[test]
    fn key_is_idempotent_on_any_string(s in any::<String>()) {
        let k = normalize::key(&s);
        prop_assert_eq!(normalize::key(&k), k);
    }

    #[test]
    fn text_is_idempotent_and_folds_white_space(s in tricky_string()) {
        let t = normalize::text(&s);
        prop_assert_eq!(normalize::text(&t), t.clone(), "input {:?}", s);
        prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "));
        // text and key agree once the remaining spaces are dropped
        prop_assert_eq!(normalize::key(&t), normalize::key(&s), "input {:?}", s);
    }

    #[test]
    fn key_is_width_insensitive(
        s in id_like_string(),
        mask in prop::collection::vec(any::<bool>(), 24),
    ) {
        let wide = widen_some(&s, &mask);
        prop_assert_eq!(normalize::key(&wide), normalize::key(&s), "{:?} vs {:?}", wide, s);
        let all_wide: String = s.chars().map(widen).collect();
        prop_assert_eq!(normalize::key(&all_wide), normalize::key(&s));
        prop_assert_eq!(normalize::text(&all_wide), normalize::text(&s));
    }

    #[test]
    fn direction_refs_parse_in_any_width_and_spacing(
        a in 1u32..100,
        b in 1u32..100,
        number in 1u32..1000,
        related in any::<bool>(),
        hyphen in prop::sample::select(&["-", "－", "﹣"][..]),
        gaps in prop::collection::vec(gap(), 6),
        mask in prop::collection::vec(any::<bool>(), 12),
    ) {
        let printed = format!(
            "{}{}{}{}{}方針{}{}{}{}",
            gaps[0],
            print_digits(&a.to_string(), &mask[0..]),
            hyphen,
            print_digits(&b.to_string(), &mask[3..]),
            gaps[1],
            gaps[2],
            print_digits(&number.to_string(), &mask[6..]),
            gaps[3],
            if related { format!("関{}係{}", gaps[4], gaps[5]) } else { gaps[5].to_string() },
        );
        let v = Vocabulary::default();
        let r = DirectionRef::parse(&v, &printed);
        prop_assert!(r.is_some(), "not parsed: {:?}", printed);
        let r = r.unwrap();
        let measure = format!("{a}-{b}");
        prop_assert_eq!(&r.measure, &measure, "{:?}", printed);
        prop_assert_eq!(r.number, number);
        prop_assert_eq!(r.related, related);
        prop_assert_eq!(r.id(&v), format!("{measure} 方針{number}"));
        // the normalised id parses back to the same reference
        let again = DirectionRef::parse(&v, &r.id(&v)).unwrap();
        prop_assert_eq!(again.measure, r.measure.clone());
        prop_assert_eq!(again.number, r.number);
    }

    #[test]
    fn direction_ref_parse_never_panics(s in tricky_string()) {
        let v = Vocabulary::default();
        if let Some(r) = DirectionRef::parse(&v, &s) {
            prop_assert!(v.is_measure_id(&r.measure));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// (b) printed values

/// A printed value to generate: every choice the plan's tables show.
#[derive(Debug, Clone)]
struct Spec {
    label: Option<&'static str>,
    /// White space between the label and the number.
    label_gap: &'static str,
    /// Integer part, ASCII digits.
    int: u64,
    commas: bool,
    /// Decimal digits as printed (may end in 0).
    decimals: Option<String>,
    /// Per-character choice of full-width digits and separators.
    wide: Vec<bool>,
    gap_before_man: &'static str,
    man: bool,
    unit: &'static str,
    qualifier: Option<Qualifier>,
    gap_before_qualifier: &'static str,
}

const LABELS: &[&str] = &["小学校", "中学校", "男", "女", "市内", "全体"];
const UNITS: &[&str] = &[
    "％",
    "%",
    "人",
    "件",
    "回",
    "ha",
    "㎢",
    "㎡",
    "事業所",
    "店",
    "名",
    "歳",
    "日",
    "校",
    "事業",
    "",
];

fn spec() -> impl Strategy<Value = Spec> {
    (
        (
            prop::option::of(prop::sample::select(LABELS)),
            prop::sample::select(&[" ", "\u{3000}", "  ", " \u{3000}"][..]),
        ),
        prop_oneof![0u64..1000, 0u64..10_000_000, 0u64..1_000_000_000_000],
        any::<bool>(),
        prop::option::of("[0-9]{1,3}"),
        prop::collection::vec(any::<bool>(), 32),
        prop::sample::select(&["", " ", "\u{3000}"][..]),
        any::<bool>(),
        prop::sample::select(UNITS),
        prop::option::of(prop::sample::select(
            &[Qualifier::AtLeast, Qualifier::AtMost][..],
        )),
        prop::sample::select(&["", " ", "\u{3000}"][..]),
    )
        .prop_map(
            |(
                (label, label_gap),
                int,
                commas,
                decimals,
                wide,
                gap_before_man,
                man,
                unit,
                qualifier,
                gq,
            )| {
                Spec {
                    label,
                    label_gap,
                    int,
                    commas,
                    decimals,
                    wide,
                    gap_before_man,
                    man,
                    unit,
                    qualifier,
                    gap_before_qualifier: gq,
                }
            },
        )
}

fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn qualifier_text(q: Option<Qualifier>) -> &'static str {
    match q {
        Some(Qualifier::AtLeast) => "以上",
        Some(Qualifier::AtMost) => "以下",
        None => "",
    }
}

impl Spec {
    /// The value as the plan prints it.
    fn printed(&self) -> String {
        let int = if self.commas {
            with_commas(self.int)
        } else {
            self.int.to_string()
        };
        let mut number = int;
        if let Some(d) = &self.decimals {
            number.push('.');
            number.push_str(d);
        }
        // full-width digits, comma (，) and point (．) where the mask says so
        let number: String = number
            .chars()
            .zip(self.wide.iter().cycle())
            .map(|(c, &w)| match (c, w) {
                (',', true) => '，',
                ('.', true) => '．',
                (c, true) => widen(c),
                (c, false) => c,
            })
            .collect();
        let mut s = String::new();
        if let Some(l) = self.label {
            s.push_str(l);
            s.push_str(self.label_gap);
        }
        s.push_str(&number);
        if self.man {
            s.push_str(self.gap_before_man);
            s.push('万');
        } else if !self.unit.is_empty() {
            s.push_str(self.gap_before_man);
        }
        s.push_str(self.unit);
        if self.qualifier.is_some() {
            s.push_str(self.gap_before_qualifier);
            s.push_str(qualifier_text(self.qualifier));
        }
        s
    }

    /// The quantity the printed value stands for.
    fn quantity(&self) -> Quantity {
        let mut digits = self.int.to_string();
        if let Some(d) = &self.decimals {
            digits.push('.');
            digits.push_str(d);
        }
        let mut number: f64 = digits.parse().unwrap();
        if self.man {
            number *= 10_000.0;
        }
        Quantity {
            label: self.label.map(str::to_string),
            number,
            unit: self.unit.nfkc().collect(),
            qualifier: self.qualifier,
        }
    }
}

/// The canonical text of a quantity: label, a space, the number, the unit, the qualifier.
fn canonical(q: &Quantity) -> String {
    let label = q
        .label
        .as_deref()
        .map(|l| format!("{l} "))
        .unwrap_or_default();
    format!(
        "{label}{}{}{}",
        q.number,
        q.unit,
        qualifier_text(q.qualifier)
    )
}

fn quantity(printed: &str) -> Result<Quantity, TestCaseError> {
    match value::parse(printed) {
        Parsed::Quantity(q) => Ok(q),
        other => Err(TestCaseError::fail(format!(
            "{printed:?} parsed as {other:?}"
        ))),
    }
}

/// A missing-value marker as printed: any width, white space anywhere.
fn missing_marker() -> impl Strategy<Value = String> {
    (
        prop::sample::select(
            &[
                "－",
                "-",
                "﹣",
                "―",
                "ー",
                "ｰ",
                "取得なし",
                "未実施のためなし",
            ][..],
        ),
        prop::collection::vec(gap(), 10),
    )
        .prop_map(|(m, gaps)| {
            let mut s = gaps[0].to_string();
            for (i, c) in m.chars().enumerate() {
                s.push(c);
                s.push_str(gaps[(i + 1) % gaps.len()]);
            }
            s
        })
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn printed_values_parse_to_their_quantity(spec in spec()) {
        let printed = spec.printed();
        let q = quantity(&printed)?;
        let want = spec.quantity();
        prop_assert_eq!(q.number, want.number, "number of {:?}", printed);
        prop_assert_eq!(&q.unit, &want.unit, "unit of {:?}", printed);
        prop_assert_eq!(q.qualifier, want.qualifier, "qualifier of {:?}", printed);
        prop_assert_eq!(&q.label, &want.label, "label of {:?}", printed);
    }

    #[test]
    fn every_printed_value_round_trips_to_its_text(spec in spec()) {
        let printed = spec.printed();
        let q = quantity(&printed)?;
        let text = canonical(&q);
        prop_assert_eq!(&text, &canonical(&spec.quantity()), "{:?}", printed);
        // and the canonical text is itself a printed value of the same quantity
        let again = quantity(&text)?;
        prop_assert_eq!(canonical(&again), text);
    }

    #[test]
    fn parse_never_panics(s in any::<String>()) {
        let _ = value::parse(&s);
    }

    #[test]
    fn parse_never_panics_on_tricky_text(s in tricky_string()) {
        let _ = value::parse(&s);
    }

    #[test]
    fn missing_markers_in_any_width_and_spacing_are_missing(m in missing_marker()) {
        prop_assert!(
            matches!(value::parse(&m), Parsed::Missing(_)),
            "{:?} parsed as {:?}",
            m,
            value::parse(&m)
        );
    }

    #[test]
    fn white_space_alone_is_missing(s in "[ \u{3000}\t\n]{0,6}") {
        prop_assert!(matches!(value::parse(&s), Parsed::Missing(_)));
    }
}
