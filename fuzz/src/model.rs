//! The `rules` target: every rule on a plan generated from structured choices, so that
//! inputs get past the TOML layer. The plan is the rules' base fixture
//! (`src/rules/base.toml`, a small consistent plan with every section), parsed once and
//! changed value by value as the input's bytes choose ([`Choices`]): a string kept, replaced
//! by another string of the plan or a tricky one, cut, or given a tricky fragment; a number
//! replaced by an edge value; array items removed, repeated or swapped (so records appear
//! twice or go missing); now and then a key dropped. Then top-level sections are spread over
//! one to three files. An exhausted input keeps everything, so the empty input is the base
//! plan itself. Serialised with `toml`, the text always parses; the schema rejects only
//! dropped required keys.
//!
//! Asserted: no panic; loading and checking twice give the same JSON report (determinism);
//! every span lies on character boundaries of its file; the matrix's TOML parses.

use super::choices::Choices;
use plancheck::Options;
use plancheck::output::{self, Settings};
use std::sync::OnceLock;
use toml::Value;

/// The plan every input starts from.
pub const BASE: &str = include_str!("../../src/rules/base.toml");

/// Strings the rules look at closely: ids in other forms, placeholders, marks, years,
/// numbers with units, look-alike dashes, empty and blank text.
const TRICKY: &[&str] = &[
    "",
    " ",
    "　",
    "1",
    "１",
    "1-1",
    "１－１",
    "1ー1",
    "1‐1",
    "1 - 1",
    "1-1 方針１",
    "1-1 方針 1",
    "1-1方針1",
    "2-1 方針１",
    "9-9 方針９",
    "○",
    "◎",
    "〇",
    "◯",
    "※",
    "調整中",
    "〇〇",
    "●●人",
    "－",
    "－－",
    "-",
    "令和５年度",
    "令和11年度",
    "令和元年",
    "平成31年度",
    "令和2147483647年度",
    "（令和５年度）",
    "(令和９年)",
    "2025年度",
    "30,000 人",
    "１，０００．５ 万人 以上",
    "95.2%",
    "1e400",
    "0 人",
    "約３０",
    "５つのプロジェクト",
    "３６の施策",
    "七つの政策",
    "P.10",
    "P.",
    "子育て応援プロジェクト",
    "子育て応援プロジェクト（案）",
    "取組",
    "取り組み",
    "ＤＸ",
    "DX",
    "関係",
    "1-1 方針１関係",
    "e\u{301}",
    "\u{301}",
    "\u{FEFF}",
    "\t",
    "\n",
    "a\r\nb",
    "\u{0}",
    "\u{7F}",
    "🎉",
];

/// Numbers to put where the plan has numbers.
const NUMBERS: &[i64] = &[0, 1, 2, 3, 5, -1, 99, 1000, i64::MAX, i64::MIN, 2147483647];

struct Pools {
    base: toml::Table,
    strings: Vec<String>,
}

fn pools() -> &'static Pools {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    POOLS.get_or_init(|| {
        let base: toml::Table = BASE.parse().expect("the base fixture parses");
        let mut strings = Vec::new();
        collect(&Value::Table(base.clone()), &mut strings);
        strings.sort();
        strings.dedup();
        Pools { base, strings }
    })
}

fn collect(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
        Value::Table(t) => t.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

fn char_cut(s: &str, c: &mut Choices) -> usize {
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    *c.pick(&bounds)
}

fn mutate_string(s: &mut String, c: &mut Choices) {
    let p = pools();
    match c.byte() {
        0..=199 => {}
        200..=214 => *s = c.pick(&p.strings).clone(),
        215..=229 => *s = c.pick(TRICKY).to_string(),
        230..=237 => {
            let at = char_cut(s, c);
            s.insert_str(at, c.pick::<&str>(TRICKY));
        }
        238..=243 => {
            let at = char_cut(s, c);
            s.truncate(at);
        }
        244..=247 => {
            let extra = c.pick(&p.strings).clone();
            s.push_str(&extra);
        }
        248..=251 => {
            // digits to the other width
            *s = s
                .chars()
                .map(|ch| match ch {
                    '0'..='9' => char::from_u32(ch as u32 - '0' as u32 + 0xFF10).unwrap(),
                    '０'..='９' => char::from_u32(ch as u32 - 0xFF10 + '0' as u32).unwrap(),
                    _ => ch,
                })
                .collect()
        }
        _ => *s = c.text(24),
    }
}

fn mutate_value(v: &mut Value, c: &mut Choices) {
    match v {
        Value::String(s) => mutate_string(s, c),
        Value::Integer(i) if c.chance(24) => *i = *c.pick(NUMBERS),
        Value::Array(a) => {
            for item in a.iter_mut() {
                mutate_value(item, c);
            }
            match c.byte() {
                240..=245 if !a.is_empty() => {
                    let i = c.below(a.len());
                    a.remove(i);
                }
                246..=251 if !a.is_empty() => {
                    let i = c.below(a.len());
                    let copy = a[i].clone();
                    a.insert(c.below(a.len() + 1), copy);
                }
                252..=255 if a.len() > 1 => {
                    let (i, j) = (c.below(a.len()), c.below(a.len()));
                    a.swap(i, j);
                }
                _ => {}
            }
        }
        Value::Table(t) => mutate_table(t, c),
        _ => {}
    }
}

fn mutate_table(t: &mut toml::Table, c: &mut Choices) {
    let keys: Vec<String> = t.keys().cloned().collect();
    for k in keys {
        if c.chance(3) {
            t.remove(&k);
        } else if let Some(v) = t.get_mut(&k) {
            mutate_value(v, c);
        }
    }
}

/// The plan folder an input describes: `(relative path, text)`.
pub fn generate(data: &[u8]) -> Vec<(String, String)> {
    let mut c = Choices::new(data);
    let mut plan = pools().base.clone();
    mutate_table(&mut plan, &mut c);
    // Spread the top-level sections over files (an exhausted input keeps one file).
    const NAMES: [&str; 3] = ["plan.toml", "measures.toml", "projects/p1.toml"];
    let mut parts: [toml::Table; 3] = Default::default();
    for (k, v) in plan {
        let i = if c.chance(48) { 1 + c.below(2) } else { 0 };
        parts[i].insert(k, v);
    }
    NAMES
        .iter()
        .zip(parts)
        .filter(|(_, t)| !t.is_empty())
        .map(|(name, t)| {
            let text = toml::to_string(&t).expect("a table serialises");
            (name.to_string(), text)
        })
        .collect()
}

fn json(outcome: &plancheck::Outcome) -> String {
    let settings = Settings {
        lang: plancheck::Lang::En,
        color: false,
        width: 80,
        show_suppressed: true,
        anchor: None,
        min_severity: plancheck::finding::Severity::Info,
    };
    output::reporter("json")
        .expect("the json reporter")
        .render(outcome, &settings)
        .stdout
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let files = generate(data);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let once = || match plancheck::rules::load_from_memory("plan", &refs) {
        Ok(loaded) => {
            let outcome = plancheck::outcome::evaluate_loaded(&loaded, &Options::default());
            (Some(loaded), outcome)
        }
        Err(failure) => (None, plancheck::Outcome::not_loaded(failure)),
    };
    let (loaded, first) = once();
    let (_, second) = once();
    super::spans::check(&first.files, &first.findings);
    let hidden: Vec<_> = first.suppressed.iter().map(|s| s.finding.clone()).collect();
    super::spans::check(&first.files, &hidden);
    let (a, b) = (json(&first), json(&second));
    assert!(a == b, "two checks of the same plan differ:\n{a}\n---\n{b}");
    if let Some(loaded) = loaded {
        let toml_text = plancheck::output::matrix::build(&loaded.plan).to_toml(&loaded.plan);
        if let Err(e) = toml_text.parse::<toml::Table>() {
            panic!("matrix --format toml is not TOML: {e}\n{toml_text}");
        }
    }
}
