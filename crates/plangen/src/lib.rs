//! A synthetic plan generator, deterministic for a seed and free of external crates.
//!
//! It writes a plan in the format of `plan/` (see `docs/plan-format.md`) with `scale` times the
//! structure of the shipped plan — 7·N policies, 36·N measures, 64·N declared directions,
//! 5·N projects (one file each under `projects/`) with three directions, direction tables,
//! indicators and related plans, plus the summary, the SDGs table, the strategy mapping, the
//! ○/◎ matrix (drawn from the tables) and the overview — and then injects `defects` defects of
//! every rule that checks a plan (PC101–PC601, load errors excluded).
//!
//! That is the dense shape ([`generate`], [`Shape::Dense`]): projects grow with the measures, so
//! the matrix has 180·N² cells. [`generate_shaped`] with [`Shape::Realistic`] keeps N times the
//! measures, directions, rows and text but puts all the rows into a few dozen projects, as in a
//! large real plan; the manifest is exact for both.
//!
//! The manifest lists every finding `plancheck check` must report, as
//! (code, rule, file, line, subject): the injected defects, and the placeholders (調整中, Ｐ.○,
//! empty values, （案）, graph boxes, ※ notes, undefined ※ markers) that the clean plan has on
//! purpose. `file` is the path inside the plan folder (`projects/p1.toml`); `line` is the line
//! of the finding's primary span; `subject` is the finding's subject as reported (for PC4xx, the
//! normalised id or text of the item, absent when there is none).
//!
//! A dev crate of the workspace, used by tests/exactness.rs, tests/walk_complete.rs,
//! examples/gen_plan.rs and benches/check.rs: `plangen::generate(&plangen::Options { .. })`.
//!
//! The manifest is the oracle of the exactness test, so it does not depend on plancheck: the
//! subjects ([`subject`]), the similarity of names ([`similarity`]) and the classification of
//! printed fields (`W`) are implemented here, from the contract (docs/CONTRACT.md) and the
//! plan format, independently of `src/`. A bug in the checker's own versions therefore shows
//! as a difference between the findings and the manifest instead of being shared by both.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

pub mod vocabulary;

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Public API
// ─────────────────────────────────────────────────────────────────────────────────────────────

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Multiple of the shipped plan's structure (≥ 1).
    pub scale: usize,
    /// Defects injected per rule.
    pub defects: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            scale: 1,
            defects: 0,
            seed: 1,
        }
    }
}

/// One finding the checker must report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Expected {
    pub code: String,
    pub rule: String,
    /// Path inside the plan folder, `/`-separated.
    pub file: String,
    /// 1-based line of the finding's primary span.
    pub line: usize,
    pub subject: Option<String>,
}

/// Counts of what was generated (as `plancheck stats` counts them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub policies: usize,
    pub measures: usize,
    pub directions: usize,
    pub projects: usize,
    pub project_directions: usize,
    pub citations: usize,
    /// Indicator records: project indicators, table rows with an indicator, summary entries
    /// and SDGs indicators.
    pub indicators: usize,
    pub related_plans: usize,
}

/// A generated plan folder and what checking it must report.
#[derive(Debug, Clone)]
pub struct Generated {
    pub options: Options,
    /// `(path inside the plan folder, TOML text)`, sorted by path.
    pub files: Vec<(String, String)>,
    /// Sorted by file, line, code, subject.
    pub manifest: Vec<Expected>,
    pub stats: Stats,
}

impl Generated {
    /// The files as `(&path, &text)`, the shape `plancheck::plan::load::load_from_memory` takes.
    pub fn file_refs(&self) -> Vec<(&str, &str)> {
        self.files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect()
    }

    /// Writes the plan files below `dir` and the manifest as `dir/manifest.json`
    /// (not a `.toml` file, so plancheck does not read it).
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        for (rel, text) in &self.files {
            let p = dir.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(p, text)?;
        }
        std::fs::create_dir_all(dir)?;
        // the manifest itself is a file of the folder that the checker does not read
        let mut with_manifest = self.clone();
        with_manifest.manifest.push(Expected {
            code: "PC012".to_string(),
            rule: rule_name("PC012").to_string(),
            file: "manifest.json".to_string(),
            line: 0,
            subject: Some("manifest.json".to_string()),
        });
        with_manifest.manifest.sort();
        std::fs::write(dir.join("manifest.json"), with_manifest.manifest_json())
    }

    /// The manifest as JSON: `{ "version": 1, "scale", "defects", "seed", "findings": [...] }`.
    pub fn manifest_json(&self) -> String {
        let mut s = String::new();
        let o = &self.options;
        let _ = writeln!(s, "{{");
        let _ = writeln!(s, "  \"version\": 1,");
        let _ = writeln!(s, "  \"scale\": {},", o.scale);
        let _ = writeln!(s, "  \"defects\": {},", o.defects);
        let _ = writeln!(s, "  \"seed\": {},", o.seed);
        let _ = writeln!(
            s,
            "  \"note\": \"file is the path inside the plan folder; line is 1-based\","
        );
        let _ = writeln!(s, "  \"findings\": [");
        for (i, e) in self.manifest.iter().enumerate() {
            let subject = match &e.subject {
                Some(x) => json_str(x),
                None => "null".to_string(),
            };
            let comma = if i + 1 < self.manifest.len() { "," } else { "" };
            let _ = writeln!(
                s,
                "    {{ \"code\": {}, \"rule\": {}, \"file\": {}, \"line\": {}, \"subject\": {} }}{comma}",
                json_str(&e.code),
                json_str(&e.rule),
                json_str(&e.file),
                e.line,
                subject
            );
        }
        let _ = writeln!(s, "  ]");
        let _ = writeln!(s, "}}");
        s
    }

    /// Manifest entries per code.
    pub fn counts(&self) -> Vec<(String, usize)> {
        let mut m: std::collections::BTreeMap<String, usize> = Default::default();
        for e in &self.manifest {
            *m.entry(e.code.clone()).or_default() += 1;
        }
        m.into_iter().collect()
    }
}

/// The rules this generator injects defects of: every rule that checks a loaded plan.
pub const RULES: [(&str, &str); 40] = [
    ("PC011", "duplicate-record"),
    ("PC012", "unread-file"),
    ("PC101", "unknown-measure"),
    ("PC102", "unknown-direction"),
    ("PC103", "unknown-project"),
    ("PC104", "unknown-indicator"),
    ("PC111", "matrix-cell-mismatch"),
    ("PC112", "matrix-incomplete"),
    ("PC113", "matrix-totals"),
    ("PC201", "direction-title-mismatch"),
    ("PC202", "title-variant"),
    ("PC203", "indicator-drift"),
    ("PC204", "summary-indicator-mismatch"),
    ("PC205", "project-direction-drift"),
    ("PC206", "related-plan-variant"),
    ("PC207", "name-drift"),
    ("PC208", "change-table-mismatch"),
    ("PC209", "prose-count-mismatch"),
    ("PC210", "indicator-near-name"),
    ("PC211", "indicator-measure-mismatch"),
    ("PC301", "target-wrong-way"),
    ("PC302", "unit-mismatch"),
    ("PC303", "missing-baseline-or-target"),
    ("PC304", "nonstandard-year"),
    ("PC305", "era-year-mismatch"),
    ("PC306", "target-already-met"),
    ("PC307", "target-ratio-extreme"),
    ("PC401", "tbd"),
    ("PC402", "page-ref-missing"),
    ("PC403", "missing-value"),
    ("PC404", "draft-plan"),
    ("PC405", "figure-placeholder"),
    ("PC406", "to-be-settled-note"),
    ("PC407", "undefined-footnote"),
    ("PC501", "id-notation"),
    ("PC502", "notation-variant"),
    ("PC503", "width-variant"),
    ("PC504", "notation-mix"),
    ("PC505", "likely-typo"),
    ("PC601", "unused-suppression"),
];

/// The kebab-case rule name of a code this generator knows.
pub fn rule_name(code: &str) -> &'static str {
    RULES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or_else(|| panic!("unknown rule code {code}"))
}

/// The most defects per rule a plan of `scale` has distinct places for (5·scale).
pub fn max_defects(scale: usize) -> usize {
    5 * scale
}

/// Above this many cells (measures × projects) the generated matrix is written in the sparse
/// form (`[[matrix.mark]]`, one per marked cell), so that `matrix.toml` stays far below the
/// checker's per-file limit: the dense form of 8 million cells is about 32 MB.
pub const SPARSE_FROM_CELLS: usize = 8_000_000;

/// Generates a plan whose ○/◎ matrix is in the sparse form at any scale (rows only where a
/// defect of the matrix is injected). Panics as [`generate`] does.
pub fn generate_sparse(o: &Options) -> Generated {
    assert!(o.scale >= 1, "scale must be at least 1");
    assert!(
        o.defects <= max_defects(o.scale),
        "at most {} defects per rule fit in a plan of scale {}",
        max_defects(o.scale),
        o.scale
    );
    let mut b = Builder::new(o);
    b.mx.sparse = true;
    b.build();
    b.inject();
    b.render()
}

/// Generates a plan of the dense shape (5·N projects). Panics if `scale` is 0 or `defects`
/// exceeds [`max_defects`].
pub fn generate(o: &Options) -> Generated {
    generate_shaped(o, Shape::Dense)
}

/// How the projects grow with the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 5·N projects, each with three directions: the ○/◎ matrix has 36·N × 5·N cells (the
    /// stress case).
    Dense,
    /// `projects` projects (a multiple of 5, at most 5·N), which take all N units' directions
    /// and rows between them: a plan N times the shipped one in measures, directions, rows and
    /// text, with a matrix 36·N × `projects` wide, as a large city's or a ministry's plan.
    Realistic { projects: usize },
}

impl Shape {
    /// The realistic shape with the default number of projects for `scale`: growing slowly,
    /// 5 × (1 + ⌊log₂ N⌋), at most 30.
    pub fn realistic(scale: usize) -> Shape {
        let units = 1 + scale.max(1).ilog2() as usize;
        Shape::Realistic {
            projects: 5 * units.min(6).min(scale.max(1)),
        }
    }

    /// Units (of five projects) that have projects of their own, at `scale`.
    fn project_units(self, scale: usize) -> usize {
        match self {
            Shape::Dense => scale,
            Shape::Realistic { projects } => projects / 5,
        }
    }
}

/// Generates a plan of the given shape. Panics if `scale` is 0, `defects` exceeds
/// [`max_defects`], or a realistic shape's projects are not a multiple of 5 from 5 to 5·N.
pub fn generate_shaped(o: &Options, shape: Shape) -> Generated {
    if let Shape::Realistic { projects } = shape {
        assert!(
            projects >= 5 && projects % 5 == 0 && projects <= 5 * o.scale,
            "projects must be a multiple of 5 from 5 to 5·scale ({})",
            5 * o.scale
        );
    }
    assert!(o.scale >= 1, "scale must be at least 1");
    assert!(
        o.defects <= max_defects(o.scale),
        "at most {} defects per rule fit in a plan of scale {}",
        max_defects(o.scale),
        o.scale
    );
    let mut b = Builder::new(o);
    b.project_units = shape.project_units(o.scale);
    b.build();
    b.inject();
    b.render()
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// PRNG, normalisation, similarity
// ─────────────────────────────────────────────────────────────────────────────────────────────

/// splitmix64.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0);
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The checker's comparison key for the characters this generator prints: white space removed,
/// full-width ASCII folded to ASCII (what NFKC does to them).
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// 1 − edit distance / longer length, on keys: the measure the rules document for near names,
/// implemented here independently of `plancheck::analysis::near`.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(&a, &b) as f64 / longest as f64
}

/// Distinct keys at least `threshold` similar.
pub fn is_near(a: &str, b: &str, threshold: f64) -> bool {
    a != b && similarity(a, b) >= threshold
}

/// The contract's `subject` of an item printed as `printed`, computed from the contract
/// (docs/CONTRACT.md), not by plancheck: a policy direction (`N-M 方針K`, optionally followed by
/// 「関係」, in any width and spacing) gives its normalised id `N-M 方針K`; any other text its NFKC
/// form with white space runs folded to one space; nothing when nothing is printed.
pub fn subject(printed: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if printed.trim().is_empty() {
        return None;
    }
    let nfkc: String = printed.nfkc().collect();
    let compact: String = nfkc.chars().filter(|c| !c.is_whitespace()).collect();
    let direction = compact.split_once("方針").and_then(|(measure, rest)| {
        let digits = rest.strip_suffix("関係").unwrap_or(rest);
        let (a, b) = measure.split_once('-')?;
        let numeric = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if !(numeric(a) && numeric(b) && numeric(digits)) {
            return None;
        }
        Some(format!("{measure} 方針{}", digits.parse::<u64>().ok()?))
    });
    Some(direction.unwrap_or_else(|| nfkc.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// Numbers in a related plan's key (edition, term), as the related-plan rule reads them.
fn plan_numbers(k: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut n: Option<u64> = None;
    for c in k.chars() {
        match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => n = Some(n.unwrap_or(0) * 10 + u64::from(d)),
            _ => {
                if let Some(x) = n.take() {
                    out.push(x);
                }
            }
        }
    }
    out.extend(n);
    out
}

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    json_str(s)
}

/// Full-width digits: 12 → １２.
fn zen(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
        .collect()
}

/// 1234567 → 1,234,567.
fn grouped(n: u64) -> String {
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

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Vocabulary
// ─────────────────────────────────────────────────────────────────────────────────────────────

const CITY: &str = "みどり野市";

const AREAS: [&str; 20] = [
    "赤堀",
    "東",
    "境",
    "宮郷",
    "名和",
    "豊受",
    "三郷",
    "殖蓮",
    "茂呂",
    "北部",
    "南部",
    "上陽",
    "采女",
    "剛志",
    "島村",
    "世良田",
    "韮川",
    "広瀬",
    "坂東",
    "利根",
];

fn area(i: usize) -> String {
    if i < AREAS.len() {
        AREAS[i].to_string()
    } else {
        format!("{}{}", AREAS[i % AREAS.len()], zen(i / AREAS.len() + 1))
    }
}

const POLICY_THEMES: [(&str, &str); 7] = [
    (
        "子育て・教育",
        "未来の担い手が育ち、全ての人が成長し続けられるまち",
    ),
    (
        "健康・福祉",
        "誰もが健康で互いに支え合いながら生き生きと暮らせるまち",
    ),
    (
        "産業・観光・文化",
        "経済の好循環が生まれ、活気にあふれ人が集えるまち",
    ),
    (
        "まちづくり",
        "住環境と自然環境が調和した、心地良い空間で暮らせるまち",
    ),
    (
        "安心安全",
        "１人ひとりが日頃から安全を意識し、安心して暮らせるまち",
    ),
    (
        "環境",
        "あらゆる活動で環境に配慮し、脱炭素社会の実現に向けて行動できるまち",
    ),
    (
        "共生・共創・行財政",
        "互いに認め合い、共に創る、未来に向かって持続発展できるまち",
    ),
];

const MEASURE_NAMES: [&[&str]; 7] = [
    &[
        "子どもを産み育てる環境づくりの推進",
        "幼児教育・学校教育の充実",
        "一人ひとりに寄り添う教育の推進",
        "児童・生徒の健全な心身の育成",
        "子どもから若者までの支援の充実",
        "生涯学習の推進",
        "地域の歴史と文化の継承",
    ],
    &[
        "健康づくりの推進",
        "地域医療体制の充実",
        "社会保障制度の適正な運営",
        "スポーツの振興",
        "障害者福祉の充実",
        "高齢者福祉の充実",
        "地域福祉の推進",
    ],
    &[
        "商工業の振興",
        "農業の振興",
        "観光の振興",
        "雇用の安定と創出",
        "文化芸術の振興",
    ],
    &[
        "計画的な土地利用の推進",
        "道路網の整備",
        "公園・緑地の整備",
        "公共交通の充実",
        "良好な住環境の形成",
        "上下水道の整備",
    ],
    &[
        "防災・減災対策の推進",
        "消防・救急体制の充実",
        "防犯対策の推進",
        "交通安全対策の推進",
    ],
    &["脱炭素社会の実現", "循環型社会の形成", "自然環境の保全"],
    &[
        "多文化共生の推進",
        "男女共同参画の推進",
        "市民協働の推進",
        "行政のデジタル化の推進",
    ],
];

/// Declared directions per measure, in catalogue order (64 in all, as in the shipped plan).
const DIRS_PER_MEASURE: [usize; 36] = [
    3, 4, 3, 3, 2, 3, 1, // policy 1
    2, 3, 1, 1, 0, 3, 2, // policy 2
    2, 2, 2, 2, 0, // policy 3
    1, 2, 2, 3, 2, 1, // policy 4
    2, 1, 2, 2, // policy 5
    0, 0, 0, // policy 6
    3, 2, 1, 1, // policy 7
];

const DIR_TOPICS: [&str; 52] = [
    "切れ目ない子育て支援",
    "保育環境",
    "交流の場や情報交換の機会",
    "主体的な学び",
    "地域や関係機関との連携",
    "特別な配慮を要する子どもへの支援",
    "学校施設",
    "健康教育",
    "食育",
    "安全教育",
    "青少年の相談体制",
    "市民の主体的な健康づくり",
    "疾病の早期発見",
    "救急医療体制",
    "国民健康保険制度",
    "市民スポーツ",
    "障害者の社会参加",
    "高齢者の活躍",
    "介護予防",
    "地域の支え合い",
    "中小企業の経営",
    "創業",
    "企業立地",
    "農業の担い手",
    "地産地消",
    "観光資源",
    "シティプロモーション",
    "若者の就労",
    "文化芸術活動",
    "土地利用",
    "幹線道路",
    "生活道路",
    "公園施設",
    "公共交通ネットワーク",
    "住宅ストック",
    "上水道施設",
    "下水道施設",
    "地域防災力",
    "避難体制",
    "消防体制",
    "地域の防犯活動",
    "交通安全意識",
    "再生可能エネルギー",
    "資源循環",
    "水と緑",
    "外国人市民の生活",
    "多文化理解",
    "女性の活躍",
    "市民活動",
    "行政手続",
    "行政情報の発信",
    "デジタル人材",
];

const DIR_ACTIONS: [&str; 12] = [
    "の充実",
    "の推進",
    "の強化",
    "の整備",
    "への支援",
    "の促進",
    "の向上",
    "の確保",
    "の拡充",
    "の活性化",
    "の適正化",
    "の育成",
];

const QUALIFIERS: [&str; 10] = [
    "地域ぐるみの",
    "市民と連携した",
    "持続可能な",
    "きめ細かな",
    "総合的な",
    "計画的な",
    "効果的な",
    "新たな",
    "多様な",
    "身近な",
];

/// Things indicators count; no word of the falling-indicator list among them.
const IND_OBJECTS: [&str; 80] = [
    "子育て支援センター",
    "児童館",
    "放課後児童クラブ",
    "健康診査",
    "がん検診",
    "特定健康診査",
    "介護予防教室",
    "認知症サポーター養成講座",
    "生涯学習講座",
    "市立図書館",
    "公民館",
    "スポーツ教室",
    "市民体育館",
    "文化会館",
    "観光案内所",
    "市内宿泊施設",
    "創業支援セミナー",
    "企業誘致相談",
    "農産物直売所",
    "地産地消推進店",
    "商店街イベント",
    "中心市街地の催し",
    "コミュニティバス",
    "デマンド交通",
    "自転車道",
    "都市公園",
    "緑化推進事業",
    "道路舗装",
    "橋梁点検",
    "上水道",
    "公共下水道",
    "自主防災組織",
    "防災訓練",
    "避難所運営訓練",
    "消防団",
    "防犯ボランティア",
    "交通安全教室",
    "消費生活相談",
    "太陽光発電設備",
    "省エネ診断",
    "資源回収",
    "環境学習",
    "多文化共生講座",
    "日本語教室",
    "国際交流事業",
    "男女共同参画講座",
    "人権啓発事業",
    "オンライン申請",
    "電子申請",
    "ＳＮＳ発信",
    "公式アプリ",
    "窓口キャッシュレス決済",
    "ふるさと納税",
    "市民活動団体",
    "ボランティアセンター",
    "地域学校協働活動",
    "英語検定",
    "学校図書館",
    "学校給食",
    "食育講座",
    "子ども食堂",
    "ファミリーサポート事業",
    "産後ケア事業",
    "乳幼児健康相談",
    "高齢者サロン",
    "シルバー人材センター",
    "障害者就労支援",
    "手話奉仕員養成講座",
    "地域包括支援センター",
    "在宅医療相談",
    "空き店舗活用事業",
    "農地集積",
    "森林整備",
    "河川清掃活動",
    "景観形成事業",
    "歴史資料館",
    "伝統芸能保存会",
    "市民農園",
    "学校ICT支援員",
    "デジタル活用講座",
];

/// Kind of value an indicator suffix takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VKind {
    /// A count in `unit`, between `lo` and `hi`.
    Count(&'static str, u64, u64),
    /// A percentage.
    Percent,
}

const IND_SUFFIXES: [(&str, VKind); 16] = [
    ("の利用者数", VKind::Count("人", 500, 300_000)),
    ("の参加者数", VKind::Count("人", 50, 20_000)),
    ("の登録者数", VKind::Count("人", 20, 3_000)),
    ("の修了者数", VKind::Count("人", 10, 2_000)),
    ("の相談件数", VKind::Count("件", 50, 15_000)),
    ("の利用件数", VKind::Count("件", 100, 50_000)),
    ("の開催回数", VKind::Count("回", 5, 300)),
    ("の実施箇所数", VKind::Count("か所", 3, 120)),
    ("の参加団体数", VKind::Count("団体", 5, 200)),
    ("の満足度", VKind::Percent),
    ("の実施率", VKind::Percent),
    ("の認知度", VKind::Percent),
    ("の利用率", VKind::Percent),
    ("の達成率", VKind::Percent),
    ("を知っている市民の割合", VKind::Percent),
    ("に参加した市民の割合", VKind::Percent),
];

/// Indicators meant to fall: (name, unit, decimals, low, high).
const FALLING: [(&str, &str, u8, u64, u64); 6] = [
    ("交通事故発生件数", "件", 0, 300, 2_000),
    ("刑法犯認知件数", "件", 0, 500, 3_000),
    ("遊休農地面積", "ha", 1, 200, 900),
    ("空き家数", "戸", 0, 300, 3_000),
    ("家庭ごみ排出量", "t", 0, 20_000, 60_000),
    ("火災発生件数", "件", 0, 20, 120),
];

const REL_ACTIONS: [&str; 10] = [
    "開催",
    "拡充",
    "周知啓発",
    "運営支援",
    "利用促進",
    "機能強化",
    "担い手育成",
    "情報発信",
    "実施",
    "普及",
];

const RELATED_PLANS: [&str; 44] = [
    "子ども・子育て支援事業計画",
    "教育振興基本計画",
    "健康増進計画",
    "食育推進計画",
    "スポーツ推進計画",
    "高齢者保健福祉計画",
    "障害者計画",
    "障害福祉計画",
    "地域福祉計画",
    "自殺対策計画",
    "産業振興ビジョン",
    "農業振興地域整備計画",
    "観光振興計画",
    "文化芸術推進基本計画",
    "都市計画マスタープラン",
    "立地適正化計画",
    "緑の基本計画",
    "住生活基本計画",
    "空家等対策計画",
    "地域防災計画",
    "国土強靱化地域計画",
    "交通安全計画",
    "防犯まちづくり推進計画",
    "環境基本計画",
    "地球温暖化対策実行計画",
    "一般廃棄物処理基本計画",
    "水道事業経営戦略",
    "下水道ストックマネジメント計画",
    "男女共同参画基本計画",
    "多文化共生推進プラン",
    "人権教育・啓発推進計画",
    "情報化推進計画",
    "行政改革大綱",
    "公共施設等総合管理計画",
    "橋梁長寿命化修繕計画",
    "公園施設長寿命化計画",
    "地域公共交通計画",
    "創業支援等事業計画",
    "中心市街地活性化基本計画",
    "生涯学習推進計画",
    "子どもの読書活動推進計画",
    "消費者教育推進計画",
    "森林整備計画",
    "景観計画",
];

/// The five project themes: name stem, aim phrase, the three directions, initiatives.
const PROJECT_THEMES: [(&str, &str, [&str; 3], [&str; 3]); 5] = [
    (
        "少子高齢化対策",
        "出生から青年期にわたる切れ目のない子育て支援と、ライフステージに応じた健康づくりへの支援",
        [
            "結婚・出産・子育てに希望が持てる社会の実現",
            "地域の未来を担う人材育成",
            "全ての市民が元気に活躍できる環境づくり",
        ],
        [
            "妊娠・出産・子育て支援の充実",
            "地域学校協働活動による教育の推進",
            "高齢者の介護予防・認知症予防の推進",
        ],
    ),
    (
        "産業活性化",
        "地域産業の競争力の強化と、新たな産業・雇用の創出",
        [
            "地域産業の競争力強化と新たな産業の創出",
            "多様な働き方の実現と雇用の確保",
            "にぎわいと交流を生む観光の振興",
        ],
        [
            "創業支援と企業誘致の推進",
            "若者の地元就職の促進",
            "観光資源の磨き上げと情報発信",
        ],
    ),
    (
        "暮らしの安心実現",
        "災害への備えと、防犯・交通安全を通じた安心な暮らしの確保",
        [
            "災害に強く安全に暮らせるまちづくり",
            "犯罪や交通被害のない地域社会の実現",
            "快適で持続可能な生活環境の確保",
        ],
        [
            "自主防災組織の育成支援",
            "防犯カメラの設置支援",
            "生活道路の計画的な維持管理",
        ],
    ),
    (
        "共生社会実現",
        "言語や文化、性別等の違いを認め合う多文化共生と男女共同参画の推進",
        [
            "多文化理解の促進とグローバル人材の育成",
            "誰もが活躍できる男女共同参画社会の実現",
            "互いを尊重し支え合う地域共生社会の実現",
        ],
        [
            "出張日本語教室の開催",
            "女性の就労支援の充実",
            "人権啓発活動の推進",
        ],
    ),
    (
        "ＤＸ推進",
        "ICT※を活用した行政サービスの利便性向上と、地域のデジタル化",
        [
            "行政サービスのデジタル化による利便性の向上",
            "デジタル技術を活用した地域課題の解決",
            "誰一人取り残さないデジタル社会の実現",
        ],
        [
            "行政手続のオンライン化",
            "公共施設予約システムの導入",
            "デジタル活用支援講座の開催",
        ],
    ),
];

/// National-strategy boxes: pillar, national measure, themes (0-based) of the unit's projects.
const STRATEGY: [(&str, &str, &[usize]); 5] = [
    ("しごとの創生", "地方に仕事をつくる", &[1]),
    ("ひとの創生", "人の流れをつくる", &[1]),
    ("ひとの創生", "結婚・出産・子育ての希望をかなえる", &[0]),
    ("まちの創生", "魅力的な地域をつくる", &[0, 1, 2, 3]),
    ("全ての下支え", "デジタル活用に向けた環境整備", &[4]),
];

const STRATEGY_ITEMS: [&str; 3] = [
    "デジタル基盤整備",
    "デジタル人材の育成・確保",
    "誰一人取り残されないための取組",
];

/// Footnote terms the generated plan defines (`※ICT：…` in the running text).
const DEFINED_TERMS: [&str; 1] = ["ICT"];

const BASELINE_LABEL: &str = "（令和５年度）";
const TARGET_LABEL: &str = "（令和１１年度）";

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Model
// ─────────────────────────────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq)]
enum Val {
    Empty,
    One(String),
    Many(Vec<String>),
}

/// A single-valued quantity, kept so that defects can move it.
#[derive(Debug, Clone, Copy)]
struct Quant {
    unit: &'static str,
    /// Values in units of 10^-dec.
    b: u64,
    t: u64,
    dec: u8,
    space: bool,
    wide: bool,
    at_least: bool,
}

impl Quant {
    fn text(&self, v: u64, tail: &str) -> String {
        let n = if self.dec == 0 {
            grouped(v)
        } else {
            let p = 10u64.pow(u32::from(self.dec));
            format!("{}.{:0w$}", v / p, v % p, w = self.dec as usize)
        };
        let unit = match (self.unit, self.wide) {
            ("%", true) => "％",
            (u, _) => u,
        };
        let sp = if self.space && self.unit != "%" {
            " "
        } else {
            ""
        };
        format!("{n}{sp}{unit}{tail}")
    }

    fn baseline(&self) -> Val {
        Val::One(self.text(self.b, ""))
    }

    fn target(&self) -> Val {
        let tail = if self.at_least { "以上" } else { "" };
        Val::One(self.text(self.t, tail))
    }
}

#[derive(Debug, Clone)]
struct Ind {
    name: String,
    baseline: Val,
    target: Val,
    baseline_year: Option<String>,
    target_year: Option<String>,
    q: Option<Quant>,
}

struct Policy {
    id: String,
    name: String,
    goal: String,
}

struct DirDecl {
    id: String,
    number: u32,
    title: Option<String>,
    ind: Option<Ind>,
    page: String,
}

struct Measure {
    id: String,
    policy: usize,
    name: String,
    dirs: Vec<DirDecl>,
}

#[derive(Debug, Clone, PartialEq)]
enum Cite {
    /// A declared direction: (measure, direction) indices.
    Known(usize, usize),
    /// Parsable but not declared: (normalised measure id, number).
    Other(String, u32),
    Unreadable,
}

#[derive(Debug, Clone)]
struct Row {
    direction: String,
    cite: Cite,
    related: bool,
    title: Option<String>,
    initiative: Option<String>,
    ind: Option<Ind>,
    page: Option<String>,
    /// An `allow` naming this rule.
    allow: Option<&'static str>,
    used: bool,
}

struct PDir {
    title: String,
    text: String,
    initiatives: String,
    marks: Vec<String>,
    heading: String,
    baseline_label: String,
    target_label: String,
    table_marks: Vec<String>,
    rows: Vec<Row>,
}

struct Project {
    number: usize,
    name: String,
    aim: String,
    background: String,
    indicators: Vec<Ind>,
    dirs: Vec<PDir>,
    plans: Vec<String>,
    related_marks: Vec<String>,
    note: Option<String>,
}

struct Group {
    printed: String,
    inds: Vec<Ind>,
}

struct SdgsRow {
    policy: String,
    measure: String,
    name: String,
    indicators: Vec<String>,
}

struct Strategy {
    pillar: String,
    national: String,
    projects: Vec<String>,
    items: Vec<String>,
}

#[derive(Default)]
struct MatrixEdits {
    cell: HashMap<(usize, usize), String>,
    extra: HashSet<usize>,
    dup: HashSet<usize>,
    omit: HashSet<usize>,
    policy: HashMap<usize, String>,
    used: HashSet<usize>,
    /// The matrix in the sparse form (decided when the defects are injected): the rows a
    /// defect touches stay rows, every other measure gets one `[[matrix.mark]]` per marked cell.
    sparse: bool,
}

/// Titles and indicator names printed for one direction id (normalised), for near-checks.
#[derive(Default)]
struct DirGroup {
    titles: Vec<String>,
    inds: Vec<String>,
}

/// A place in the rendered files a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Loc {
    RowDirection(usize, usize, usize),
    RowTitle(usize, usize, usize),
    RowIndicator(usize, usize, usize),
    RowBaseline(usize, usize, usize),
    RowTarget(usize, usize, usize),
    RowBaselineYear(usize, usize, usize),
    RowAllow(usize, usize, usize),
    DirText(usize, usize),
    TableHeading(usize, usize),
    TableTargetLabel(usize, usize),
    ProjectAim(usize),
    ProjectPlans(usize),
    SummaryGroup(usize),
    SummaryInd(usize, usize),
    SdgsMeasure(usize),
    SdgsName(usize),
    SdgsIndicators(usize),
    MatrixMeasure(usize, usize),
    MatrixPolicy(usize),
    MatrixCells(usize, usize),
    MatrixColumns,
    MeasureId(usize),
    StrategyProjects(usize),
    ProseText(usize),
    ProseHeading(usize),
    ChangeAfter(usize),
    OverviewDirs(usize),
}

struct Builder {
    o: Options,
    /// Units whose five projects are projects of their own; the directions and rows of the
    /// other units go to the projects of unit `u % project_units`.
    project_units: usize,
    rng: Rng,
    policies: Vec<Policy>,
    measures: Vec<Measure>,
    projects: Vec<Project>,
    headline: Vec<Ind>,
    groups: Vec<Group>,
    summary_marks: Vec<String>,
    sdgs: Vec<SdgsRow>,
    strategy: Vec<Strategy>,
    overview: Vec<Vec<String>>,
    districts: Vec<(String, Vec<String>)>,
    prose: Vec<(String, String)>,
    /// Change-table records added by defects: (topic, before, after).
    changes: Vec<(String, Vec<String>, Vec<String>)>,
    ind_keys: HashSet<String>,
    title_keys: HashSet<String>,
    dir_groups: HashMap<(String, u32), DirGroup>,
    plan_pool: Vec<(String, Vec<u64>)>,
    plan_cursor: usize,
    plan_order: Vec<usize>,
    pending: Vec<(&'static str, Loc, Option<String>)>,
    mx: MatrixEdits,
    used_sdgs: HashSet<usize>,
    used_slot: HashSet<(usize, usize)>,
    used_group_number: HashSet<usize>,
    used_heading: HashSet<(usize, usize)>,
    used_overview: HashSet<(usize, usize)>,
    used_label: HashSet<(usize, usize)>,
    /// Files of the plan folder the checker does not read (PC012), relative.
    unread: Vec<String>,
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Building the clean plan
// ─────────────────────────────────────────────────────────────────────────────────────────────

impl Builder {
    fn new(o: &Options) -> Builder {
        let mut rng = Rng::new(o.seed);
        let mut plan_order: Vec<usize> = (0..RELATED_PLANS.len()).collect();
        rng.shuffle(&mut plan_order);
        Builder {
            o: *o,
            project_units: o.scale,
            rng,
            policies: Vec::new(),
            measures: Vec::new(),
            projects: Vec::new(),
            headline: Vec::new(),
            groups: Vec::new(),
            summary_marks: Vec::new(),
            sdgs: Vec::new(),
            strategy: Vec::new(),
            overview: Vec::new(),
            districts: Vec::new(),
            prose: Vec::new(),
            changes: Vec::new(),
            ind_keys: HashSet::new(),
            title_keys: HashSet::new(),
            dir_groups: HashMap::new(),
            plan_pool: Vec::new(),
            plan_cursor: 0,
            plan_order,
            pending: Vec::new(),
            mx: MatrixEdits::default(),
            used_sdgs: HashSet::new(),
            used_slot: HashSet::new(),
            used_group_number: HashSet::new(),
            used_heading: HashSet::new(),
            used_overview: HashSet::new(),
            used_label: HashSet::new(),
            unread: Vec::new(),
        }
    }

    fn unit_prefix(u: usize) -> String {
        if u == 0 { String::new() } else { area(u - 1) }
    }

    /// The normalised direction id of a citation, `1-1 方針1`, and its grid key.
    fn cite_key(&self, c: &Cite) -> Option<(String, u32)> {
        match c {
            Cite::Known(m, d) => Some((
                key(&self.measures[*m].id),
                self.measures[*m].dirs[*d].number,
            )),
            Cite::Other(k, n) => Some((k.clone(), *n)),
            Cite::Unreadable => None,
        }
    }

    fn group_far(&self, g: &(String, u32), k: &str, titles: bool) -> bool {
        match self.dir_groups.get(g) {
            None => true,
            Some(grp) => {
                let list = if titles { &grp.titles } else { &grp.inds };
                list.iter().all(|x| x != k && !is_near(x, k, 0.6))
            }
        }
    }

    // ── names ──

    fn fresh_ind_name(&mut self, group: Option<&(String, u32)>, falling: bool) -> (String, usize) {
        for attempt in 0usize.. {
            let level = attempt / 25;
            let (name, idx) = if falling {
                let i = self.rng.below(FALLING.len());
                let f = FALLING[i].0;
                let name = match level {
                    0 if self.rng.chance(30) => f.to_string(),
                    0 | 1 => format!("{}地区の{f}", area(self.rng.below(AREAS.len()))),
                    _ => format!("{}地区の{f}", area(self.rng.below(2000))),
                };
                (name, i)
            } else {
                let o = *self.rng.pick(&IND_OBJECTS);
                let i = self.rng.below(IND_SUFFIXES.len());
                let s = IND_SUFFIXES[i].0;
                let name = match level {
                    0 => format!("{o}{s}"),
                    1 => format!("{}地区の{o}{s}", area(self.rng.below(AREAS.len()))),
                    2 => format!(
                        "{}地区の{}{o}{s}",
                        area(self.rng.below(AREAS.len())),
                        self.rng.pick(&QUALIFIERS)
                    ),
                    _ => format!(
                        "{}地区の{}{o}{s}",
                        area(self.rng.below(2000)),
                        self.rng.pick(&QUALIFIERS)
                    ),
                };
                (name, i)
            };
            let k = key(&name);
            if self.ind_keys.contains(&k) {
                continue;
            }
            if let Some(g) = group
                && !self.group_far(g, &k, false)
            {
                continue;
            }
            self.ind_keys.insert(k.clone());
            if let Some(g) = group {
                self.dir_groups.entry(g.clone()).or_default().inds.push(k);
            }
            return (name, idx);
        }
        unreachable!()
    }

    /// A new indicator with values (rising unless `falling`).
    fn new_ind(&mut self, group: Option<&(String, u32)>, falling: bool) -> Ind {
        let (name, i) = self.fresh_ind_name(group, falling);
        let mut ind = Ind {
            name,
            baseline: Val::Empty,
            target: Val::Empty,
            baseline_year: None,
            target_year: None,
            q: None,
        };
        if falling {
            let (_, unit, dec, lo, hi) = FALLING[i];
            let p = 10u64.pow(u32::from(dec));
            let b = self.rng.range(lo, hi) * p + self.rng.range(0, p - 1);
            let t = b - b * self.rng.range(5, 30) / 100;
            let q = Quant {
                unit,
                b,
                t,
                dec,
                space: self.rng.chance(60),
                wide: false,
                at_least: false,
            };
            ind.baseline = q.baseline();
            ind.target = q.target();
            ind.q = Some(q);
            return ind;
        }
        match IND_SUFFIXES[i].1 {
            VKind::Count(unit, lo, hi) => {
                let b = self.rng.range(lo, hi);
                let t = if unit == "日" || self.rng.chance(5) {
                    b
                } else {
                    b + b * self.rng.range(3, 30) / 100 + 1
                };
                let q = Quant {
                    unit,
                    b,
                    t,
                    dec: 0,
                    space: self.rng.chance(70),
                    wide: false,
                    at_least: self.rng.chance(12),
                };
                ind.baseline = q.baseline();
                ind.target = q.target();
                ind.q = Some(q);
            }
            VKind::Percent => {
                if self.rng.chance(8) {
                    // two sub-values with labels
                    let (l1, l2) = if self.rng.chance(50) {
                        ("小学校", "中学校")
                    } else {
                        ("男性", "女性")
                    };
                    let b1 = self.rng.range(300, 900);
                    let b2 = self.rng.range(300, 900);
                    let t1 = (b1 + self.rng.range(5, 60)).min(1000);
                    let t2 = (b2 + self.rng.range(5, 60)).min(1000);
                    let f = |v: u64| format!("{}.{}%", v / 10, v % 10);
                    ind.baseline =
                        Val::Many(vec![format!("{l1} {}", f(b1)), format!("{l2} {}", f(b2))]);
                    ind.target =
                        Val::Many(vec![format!("{l1} {}", f(t1)), format!("{l2} {}", f(t2))]);
                } else {
                    let dec = if self.rng.chance(70) { 1 } else { 0 };
                    let (b, t) = if dec == 1 {
                        let b = self.rng.range(150, 950);
                        (b, (b + self.rng.range(5, 80)).min(1000))
                    } else {
                        let b = self.rng.range(15, 95);
                        (b, (b + self.rng.range(1, 8)).min(100))
                    };
                    let q = Quant {
                        unit: "%",
                        b,
                        t,
                        dec,
                        space: false,
                        wide: self.rng.chance(40),
                        at_least: false,
                    };
                    ind.baseline = q.baseline();
                    ind.target = q.target();
                    ind.q = Some(q);
                }
            }
        }
        if self.rng.chance(8) {
            ind.baseline_year = Some(BASELINE_LABEL.to_string());
            ind.target_year = Some(TARGET_LABEL.to_string());
        }
        ind
    }

    /// A title new to the plan and far from the titles of `group`.
    fn fresh_title(&mut self, group: Option<&(String, u32)>, declared: bool) -> String {
        for attempt in 0usize.. {
            let level = attempt / 25;
            let name = if declared {
                let t = *self.rng.pick(&DIR_TOPICS);
                let a = *self.rng.pick(&DIR_ACTIONS);
                match level {
                    0 => format!("{t}{a}"),
                    1 => format!("{}{t}{a}", self.rng.pick(&QUALIFIERS)),
                    2 => format!(
                        "{}地区における{}{t}{a}",
                        area(self.rng.below(AREAS.len())),
                        self.rng.pick(&QUALIFIERS)
                    ),
                    _ => format!(
                        "{}地区における{}{t}{a}",
                        area(self.rng.below(2000)),
                        self.rng.pick(&QUALIFIERS)
                    ),
                }
            } else {
                let o = *self.rng.pick(&IND_OBJECTS);
                let a = *self.rng.pick(&REL_ACTIONS);
                match level {
                    0 => format!("{o}の{a}"),
                    1 => format!("{}{o}の{a}", self.rng.pick(&QUALIFIERS)),
                    2 => format!(
                        "{}地区の{}{o}の{a}",
                        area(self.rng.below(AREAS.len())),
                        self.rng.pick(&QUALIFIERS)
                    ),
                    _ => format!(
                        "{}地区の{}{o}の{a}",
                        area(self.rng.below(2000)),
                        self.rng.pick(&QUALIFIERS)
                    ),
                }
            };
            let k = key(&name);
            if self.title_keys.contains(&k) {
                continue;
            }
            if let Some(g) = group
                && !self.group_far(g, &k, true)
            {
                continue;
            }
            self.title_keys.insert(k.clone());
            if let Some(g) = group {
                self.dir_groups.entry(g.clone()).or_default().titles.push(k);
            }
            return name;
        }
        unreachable!()
    }

    /// A related plan's name far from every other (the related-plan rule's 0.75, same numbers).
    fn fresh_plan(&mut self) -> String {
        loop {
            let n = RELATED_PLANS.len();
            let base = RELATED_PLANS[self.plan_order[self.plan_cursor % n]];
            let round = self.plan_cursor / n;
            self.plan_cursor += 1;
            let name = if round == 0 {
                base.to_string()
            } else {
                let kind = if round.is_multiple_of(2) {
                    "次"
                } else {
                    "期"
                };
                format!("第{}{kind}{base}", zen(round + 1))
            };
            let k = key(&name);
            let nums = plan_numbers(&k);
            if self
                .plan_pool
                .iter()
                .any(|(pk, pn)| *pk == k || (*pn == nums && is_near(pk, &k, 0.75)))
            {
                continue;
            }
            self.plan_pool.push((k, nums));
            return name;
        }
    }

    // ── the clean plan ──

    fn build(&mut self) {
        let n = self.o.scale;
        for u in 0..n {
            self.build_unit_catalogue(u);
        }
        for u in 0..n {
            self.build_unit_projects(u);
        }
        self.build_summary();
        self.build_sdgs();
        self.build_strategy_and_overview();
        self.build_prose();
    }

    fn build_unit_catalogue(&mut self, u: usize) {
        let pre = Self::unit_prefix(u);
        let mut dir_cursor = 0;
        for (t, (theme, goal)) in POLICY_THEMES.iter().enumerate() {
            let pid = (7 * u + t + 1).to_string();
            let name = if u == 0 {
                format!("{theme}政策")
            } else {
                format!("{theme}政策（{pre}地域）")
            };
            let pi = self.policies.len();
            self.policies.push(Policy {
                id: pid.clone(),
                name,
                goal: goal.to_string(),
            });
            for (j, mname) in MEASURE_NAMES[t].iter().enumerate() {
                let mid = format!("{pid}-{}", j + 1);
                let mname = if u == 0 {
                    mname.to_string()
                } else {
                    format!("{pre}地域における{mname}")
                };
                let mi = self.measures.len();
                let count = DIRS_PER_MEASURE[dir_cursor];
                dir_cursor += 1;
                let mut dirs = Vec::new();
                for d in 0..count {
                    let number = (d + 1) as u32;
                    let id = format!("{mid} 方針{}", zen(d + 1));
                    let g = (key(&mid), number);
                    // directions named only on 関係 rows (as in the shipped plan's policy 7)
                    let titled = !(t == 6 && d == 0);
                    let (title, ind) = if titled {
                        let title = self.fresh_title(Some(&g), true);
                        let falling = t == 4 && self.rng.chance(40);
                        (Some(title), Some(self.new_ind(Some(&g), falling)))
                    } else {
                        (None, None)
                    };
                    dirs.push(DirDecl {
                        id,
                        number,
                        title,
                        ind,
                        page: format!("Ｐ.{}", zen(40 + 2 * (mi % 36))),
                    });
                }
                self.measures.push(Measure {
                    id: mid,
                    policy: pi,
                    name: mname,
                    dirs,
                });
            }
        }
    }

    fn primary_row(&self, m: usize, d: usize) -> Row {
        let decl = &self.measures[m].dirs[d];
        Row {
            direction: decl.id.clone(),
            cite: Cite::Known(m, d),
            related: false,
            title: decl.title.clone(),
            initiative: None,
            ind: decl.ind.clone(),
            page: Some(decl.page.clone()),
            allow: None,
            used: false,
        }
    }

    /// A 関係 row citing declared direction (m, d), with its own title and indicator.
    fn related_row(&mut self, m: usize, d: usize, with_ind: bool) -> Row {
        let g = (key(&self.measures[m].id), self.measures[m].dirs[d].number);
        let title = self.fresh_title(Some(&g), false);
        let ind = with_ind.then(|| self.new_ind(Some(&g), false));
        let decl = &self.measures[m].dirs[d];
        Row {
            direction: format!("{}関係", decl.id),
            cite: Cite::Known(m, d),
            related: true,
            initiative: Some(format!(
                "{title}を通じて、関係団体と連携した取組を進めます。"
            )),
            title: Some(title),
            ind,
            page: Some(decl.page.clone()),
            allow: None,
            used: false,
        }
    }

    fn build_unit_projects(&mut self, u: usize) {
        let pre = Self::unit_prefix(u);
        let m0 = 36 * u;
        let mut titled = Vec::new();
        let mut untitled = Vec::new();
        for m in m0..m0 + 36 {
            for (d, decl) in self.measures[m].dirs.iter().enumerate() {
                if decl.title.is_some() {
                    titled.push((m, d));
                } else {
                    untitled.push((m, d));
                }
            }
        }
        // primary citations: every titled direction once, some twice (another project)
        let mut slots: Vec<Vec<(usize, usize)>> = vec![Vec::new(); 15];
        let mut order = titled.clone();
        self.rng.shuffle(&mut order);
        for (i, &md) in order.iter().enumerate() {
            slots[i % 15].push(md);
            if self.rng.chance(10) {
                let other_project = (i % 15 / 3 + 1 + self.rng.below(4)) % 5;
                let s = other_project * 3 + self.rng.below(3);
                if !slots[s].contains(&md) {
                    slots[s].push(md);
                }
            }
        }
        for s in &mut slots {
            s.sort();
        }
        // 関係 rows: each untitled direction, and a few more
        let mut related: Vec<Vec<(usize, usize, bool)>> = vec![Vec::new(); 15];
        for &md in &untitled {
            let s = self.rng.below(15);
            related[s].push((md.0, md.1, true));
        }
        for slot in related.iter_mut() {
            if self.rng.chance(50) {
                let md = *self.rng.pick(&titled);
                slot.push((md.0, md.1, !self.rng.chance(15)));
            }
        }
        for (t, (theme, aim, titles, inits)) in PROJECT_THEMES.iter().enumerate() {
            let number = 5 * u + t + 1;
            let name = format!("{pre}{theme}プロジェクト");
            let mut dirs = Vec::new();
            for (di, title) in titles.iter().enumerate() {
                let title = if u == 0 {
                    title.to_string()
                } else {
                    format!("{pre}地区における{title}")
                };
                let s = t * 3 + di;
                let mut rows: Vec<Row> = slots[s]
                    .iter()
                    .map(|&(m, d)| self.primary_row(m, d))
                    .collect();
                for &(m, d, with_ind) in &related[s].clone() {
                    let mut r = self.related_row(m, d, with_ind);
                    if with_ind && self.rng.chance(25) {
                        // a new initiative: no baseline yet
                        if let Some(ind) = &mut r.ind {
                            ind.baseline = Val::One("－".to_string());
                            ind.q = None;
                        }
                    }
                    rows.push(r);
                }
                // known placeholders: page references not yet known, a missing one
                for (ri, r) in rows.iter_mut().enumerate() {
                    if t == 4 {
                        r.page = Some("Ｐ.○".to_string());
                    } else if t == 3 && di == 0 && ri == 0 {
                        r.page = None;
                    }
                }
                let (marks, table_marks) = match (t, di) {
                    (0, 1) => (
                        vec!["関連するグラフ、写真等".to_string(), "調整中".to_string()],
                        vec!["調整中".to_string(), "調整中".to_string()],
                    ),
                    (3, 0) => (
                        vec!["関連するグラフ、写真等".to_string(), "調整中".to_string()],
                        vec!["調整中".to_string()],
                    ),
                    _ => (Vec::new(), Vec::new()),
                };
                dirs.push(PDir {
                    text: format!(
                        "{title}に向けて、関係機関や地域と連携しながら必要な施策を着実に進めます。"
                    ),
                    initiatives: format!("{}、{}の推進 など", inits[di], title),
                    heading: title.clone(),
                    title,
                    marks,
                    baseline_label: if self.rng.chance(20) {
                        "（令和５年度 ）".to_string()
                    } else {
                        BASELINE_LABEL.to_string()
                    },
                    target_label: TARGET_LABEL.to_string(),
                    table_marks,
                    rows,
                });
            }
            if u >= self.project_units {
                // a unit without projects of its own: its directions join the same theme's
                // project of an earlier unit
                let host = 5 * (u % self.project_units) + t;
                self.projects[host].dirs.extend(dirs);
                continue;
            }
            let mut indicators = vec![self.new_ind(None, false), self.new_ind(None, false)];
            if t == 0 {
                // the project page prints the name only (as in the shipped plan)
                indicators[1].baseline = Val::Empty;
                indicators[1].target = Val::Empty;
                indicators[1].baseline_year = None;
                indicators[1].target_year = None;
                indicators[1].q = None;
            }
            let background = if t == 2 {
                format!(
                    "{CITY}では、災害への備えと日常の安全確保が課題となっており、都市計画道路※の整備を含めた総合的な対策が必要です。"
                )
            } else {
                format!(
                    "{CITY}においても社会情勢が大きく変化しており、{theme}に関する課題に施策横断的に対応することが必要です。"
                )
            };
            self.projects.push(Project {
                number,
                name,
                aim: format!("{aim}を通して、多様な市民が共に暮らし続けられるまちを実現します。"),
                background,
                indicators,
                dirs,
                plans: Vec::new(),
                related_marks: if t == 0 || t == 2 {
                    vec!["調整中".to_string()]
                } else {
                    Vec::new()
                },
                note: (t == 0)
                    .then(|| "※紐づく施策の展開方針の調整に合わせて、今後整理します。".to_string()),
            });
        }
        if u >= self.project_units {
            return;
        }
        // related plans: a shared pool for the unit, and each project's own
        let shared: Vec<String> = (0..6).map(|_| self.fresh_plan()).collect();
        let draft = format!("{}（案）", self.fresh_plan());
        let first = self.projects.len() - 5;
        for t in 0..5 {
            let mut plans = Vec::new();
            for i in 0..3 {
                plans.push(shared[(t + 2 * i) % 6].clone());
            }
            for _ in 0..5 {
                plans.push(self.fresh_plan());
            }
            if t == 1 || t == 2 {
                plans.push(draft.clone());
            }
            self.projects[first + t].plans = plans;
        }
    }

    fn build_summary(&mut self) {
        self.summary_marks = vec!["調整中".to_string(), "調整中".to_string()];
        for _ in 0..2 * self.o.scale {
            let ind = self.new_ind(None, false);
            self.headline.push(ind);
        }
        for p in &self.projects {
            self.groups.push(Group {
                printed: format!("{} {}", zen(p.number), p.name),
                inds: p.indicators.clone(),
            });
        }
    }

    fn build_sdgs(&mut self) {
        for m in &self.measures {
            let mut indicators = Vec::new();
            for d in &m.dirs {
                if let Some(ind) = &d.ind
                    && indicators.len() < 2
                    && self.rng.chance(45)
                {
                    indicators.push(ind.name.clone());
                }
            }
            self.sdgs.push(SdgsRow {
                policy: self.policies[m.policy].name.clone(),
                measure: m.id.clone(),
                name: m.name.clone(),
                indicators,
            });
        }
    }

    fn build_strategy_and_overview(&mut self) {
        for u in 0..self.project_units {
            let first = 5 * u;
            for (pillar, national, themes) in STRATEGY {
                let projects: Vec<String> = themes
                    .iter()
                    .map(|&t| self.projects[first + t].name.clone())
                    .collect();
                let mut items = Vec::new();
                if let [t] = themes {
                    let titles: Vec<String> = self.projects[first + t]
                        .dirs
                        .iter()
                        .map(|d| key(&d.title))
                        .collect();
                    if *t == 4 {
                        for item in STRATEGY_ITEMS {
                            let k = key(item);
                            if titles.iter().all(|x| *x == k || !is_near(x, &k, 0.6)) {
                                items.push(item.to_string());
                            }
                        }
                    }
                }
                self.strategy.push(Strategy {
                    pillar: pillar.to_string(),
                    national: national.to_string(),
                    projects,
                    items,
                });
            }
        }
        self.overview = self
            .projects
            .iter()
            .map(|p| p.dirs.iter().map(|d| d.title.clone()).collect())
            .collect();
        let base = ["伊勢崎", "赤堀", "東", "境"];
        for (i, name) in base.iter().enumerate() {
            self.districts.push((
                format!("{name}地区"),
                vec![
                    format!("{name}地区の特色を生かしたにぎわいの創出"),
                    format!("地域資源を生かした交流の促進（{}）", zen(i + 1)),
                ],
            ));
        }
        for u in 1..self.o.scale {
            let a = area(u - 1);
            self.districts.push((
                format!("{a}地域"),
                vec![format!("{a}地域の暮らしやすさの向上")],
            ));
        }
    }

    fn build_prose(&mut self) {
        self.prose.push((
            "（１） 重点プロジェクトの位置付け".to_string(),
            format!(
                "{CITY}では、令和７年度（２０２５年度）から令和１１年度（２０２９年度）までの５年間で優先して解決すべき課題を重点プロジェクトとして位置付け、２０５０年（令和３２年）までの人口の見通しを踏まえて施策横断的に取組を進めます。"
            ),
        ));
        self.prose.push((
            "（２） 重点プロジェクトの数値目標".to_string(),
            "プロジェクトごとに「プロジェクト指標」を設定するとともに、重点プロジェクト全体の目標として「えがお咲く指標」を設定しています。".to_string(),
        ));
        self.prose.push((
            "用語の解説".to_string(),
            "※ICT：情報通信技術（Information and Communication Technology）のこと。".to_string(),
        ));
        self.prose.push((
            "３ 重点施策との対応".to_string(),
            "総合計画に記載の重点施策と各重点プロジェクトの対応関係は、次のとおりです。"
                .to_string(),
        ));
    }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Defects
// ─────────────────────────────────────────────────────────────────────────────────────────────

impl Builder {
    fn expect(&mut self, code: &'static str, loc: Loc, subject: Option<String>) {
        self.pending.push((code, loc, subject));
    }

    fn dir_id_of(&self, m: usize, d: usize) -> String {
        format!(
            "{} 方針{}",
            key(&self.measures[m].id),
            self.measures[m].dirs[d].number
        )
    }

    fn all_tables(&self) -> Vec<(usize, usize)> {
        (0..self.projects.len())
            .flat_map(|p| (0..self.projects[p].dirs.len()).map(move |d| (p, d)))
            .collect()
    }

    fn random_table(&mut self) -> (usize, usize) {
        let p = self.rng.below(self.projects.len());
        let d = self.rng.below(self.projects[p].dirs.len());
        (p, d)
    }

    fn push_row(&mut self, p: usize, d: usize, row: Row) -> (usize, usize, usize) {
        let rows = &mut self.projects[p].dirs[d].rows;
        rows.push(row);
        (p, d, rows.len() - 1)
    }

    /// An unused primary row citing a titled direction, chosen at random, marked used.
    fn take_primary(&mut self, ok: impl Fn(&Builder, &Row) -> bool) -> (usize, usize, usize) {
        let mut all = Vec::new();
        for (p, proj) in self.projects.iter().enumerate() {
            for (d, dir) in proj.dirs.iter().enumerate() {
                for (r, row) in dir.rows.iter().enumerate() {
                    if !row.used
                        && !row.related
                        && matches!(row.cite, Cite::Known(..))
                        && row.title.is_some()
                        && ok(self, row)
                    {
                        all.push((p, d, r));
                    }
                }
            }
        }
        assert!(
            !all.is_empty(),
            "too many defects for scale {}: no unused direction-table row left",
            self.o.scale
        );
        let (p, d, r) = all[self.rng.below(all.len())];
        self.projects[p].dirs[d].rows[r].used = true;
        (p, d, r)
    }

    /// A random declared direction (any unit).
    fn random_declared(&mut self) -> (usize, usize) {
        loop {
            let m = self.rng.below(self.measures.len());
            if !self.measures[m].dirs.is_empty() {
                let d = self.rng.below(self.measures[m].dirs.len());
                return (m, d);
            }
        }
    }

    /// Adds a 関係 row with a fresh indicator built by `make` to a random table; returns it.
    fn isolated_row(
        &mut self,
        make: impl FnOnce(&mut Builder, &(String, u32)) -> Ind,
    ) -> (usize, usize, usize) {
        let (m, d) = self.random_declared();
        let mut row = self.related_row(m, d, false);
        let g = (key(&self.measures[m].id), self.measures[m].dirs[d].number);
        row.ind = Some(make(self, &g));
        row.used = true;
        row.page = Some(self.measures[m].dirs[d].page.clone());
        let (p, t) = self.random_table();
        self.push_row(p, t, row)
    }

    /// A fresh rising count indicator (single value) in `group`.
    fn count_ind(&mut self, g: &(String, u32)) -> Ind {
        loop {
            let ind = self.new_ind(Some(g), false);
            if matches!(ind.q, Some(q) if q.unit != "%" && !q.at_least && q.t > q.b) {
                return ind;
            }
        }
    }

    fn inject(&mut self) {
        self.mx.sparse |= self.measures.len() * self.projects.len() > SPARSE_FROM_CELLS;
        for k in 0..self.o.defects {
            self.d101(k);
            self.d102(k);
            self.d103(k);
            self.d104(k);
            self.d201(k);
            self.d202(k);
            self.d203(k);
            self.d204(k);
            self.d205(k);
            self.d206(k);
            self.d207(k);
            self.d208(k);
            self.d209(k);
            self.d210(k);
            self.d211(k);
            self.d301(k);
            self.d302(k);
            self.d303(k);
            self.d304(k);
            self.d305(k);
            self.d306(k);
            self.d307(k);
            self.d401(k);
            self.d402(k);
            self.d403(k);
            self.d404(k);
            self.d405(k);
            self.d406(k);
            self.d407(k);
            self.d501(k);
            self.d502(k);
            self.d503(k);
            self.d505(k);
            self.d601(k);
            self.d011(k);
            self.d012(k);
        }
        // the matrix is drawn from the final tables: its defects come last
        for k in 0..self.o.defects {
            self.d111(k);
            self.d112(k);
        }
        self.d113();
    }

    /// PC101: a row citing a measure that does not exist, or an SDGs row naming one.
    fn d101(&mut self, k: usize) {
        let mid = format!("1-{}", 90 + k);
        if k.is_multiple_of(2) {
            let g = (mid.clone(), 1);
            let title = self.fresh_title(Some(&g), false);
            let ind = self.new_ind(Some(&g), false);
            let row = Row {
                direction: format!("{mid} 方針１"),
                cite: Cite::Other(mid.clone(), 1),
                related: false,
                title: Some(title),
                initiative: None,
                ind: Some(ind),
                page: Some("Ｐ.１０".to_string()),
                allow: None,
                used: true,
            };
            let (p, d) = self.random_table();
            let (p, d, r) = self.push_row(p, d, row);
            self.expect("PC101", Loc::RowDirection(p, d, r), Some(mid));
        } else {
            self.sdgs.push(SdgsRow {
                policy: self.policies[0].name.clone(),
                measure: mid.clone(),
                name: "新たな地域課題への対応".to_string(),
                indicators: Vec::new(),
            });
            let i = self.sdgs.len() - 1;
            self.used_sdgs.insert(i);
            self.expect("PC101", Loc::SdgsMeasure(i), Some(mid));
        }
    }

    /// PC102: a row citing an undeclared direction number, or an unreadable id.
    fn d102(&mut self, k: usize) {
        let m = self.rng.below(self.measures.len());
        let mid = self.measures[m].id.clone();
        let (printed, cite, subject, g) = if k.is_multiple_of(2) {
            let n = self.measures[m].dirs.len() + 5 + k;
            (
                format!("{mid} 方針{}", zen(n)),
                Cite::Other(key(&mid), n as u32),
                format!("{} 方針{n}", key(&mid)),
                Some((key(&mid), n as u32)),
            )
        } else {
            let printed = format!("{mid} の方針");
            let subject = key(&printed);
            (printed, Cite::Unreadable, subject, None)
        };
        let title = self.fresh_title(g.as_ref(), false);
        let ind = self.new_ind(g.as_ref(), false);
        let row = Row {
            direction: printed,
            cite,
            related: false,
            title: Some(title),
            initiative: None,
            ind: Some(ind),
            page: Some("Ｐ.１２".to_string()),
            allow: None,
            used: true,
        };
        let (p, d) = self.random_table();
        let (p, d, r) = self.push_row(p, d, row);
        self.expect("PC102", Loc::RowDirection(p, d, r), Some(subject));
    }

    /// PC103: the strategy names a project that does not exist, or the summary prints a
    /// project with another project's number.
    fn d103(&mut self, k: usize) {
        let free: Vec<usize> = (0..self.groups.len())
            .filter(|g| !self.used_group_number.contains(g))
            .collect();
        if k % 2 == 1 && !free.is_empty() {
            let g = free[self.rng.below(free.len())];
            self.used_group_number.insert(g);
            let p = &self.projects[g];
            let wrong = p.number % self.projects.len() + 1;
            self.groups[g].printed = format!("{} {}", zen(wrong), p.name);
            let subject = key(&p.name);
            self.expect("PC103", Loc::SummaryGroup(g), Some(subject));
        } else {
            let name = format!("未来創造{}プロジェクト", zen(k + 1));
            self.strategy.push(Strategy {
                pillar: "まちの創生".to_string(),
                national: "魅力的な地域をつくる".to_string(),
                projects: vec![name.clone()],
                items: Vec::new(),
            });
            let i = self.strategy.len() - 1;
            self.expect("PC103", Loc::StrategyProjects(i), Some(key(&name)));
        }
    }

    /// PC104: an SDGs local indicator no indicator of the plan tracks.
    fn d104(&mut self, _k: usize) {
        let i = loop {
            let i = self.rng.below(self.measures.len());
            if !self.used_sdgs.contains(&i) {
                break i;
            }
        };
        // a tail (「日数」) no other indicator of the plan ends with, so that no indicator of the
        // row's measure has a near name (PC210 indicator-near-name compares names ending alike)
        let name = (0usize..)
            .map(|attempt| {
                let o = IND_OBJECTS[attempt % IND_OBJECTS.len()];
                if attempt < IND_OBJECTS.len() {
                    format!("{o}の年間開館日数")
                } else {
                    format!("{}地区の{o}の年間開館日数", area(attempt))
                }
            })
            .find(|n| !self.ind_keys.contains(&key(n)))
            .expect("an unused name");
        self.ind_keys.insert(key(&name));
        self.sdgs[i].indicators.push(name.clone());
        self.expect("PC104", Loc::SdgsIndicators(i), Some(key(&name)));
    }

    /// PC209: running text stating more policies than the plan has.
    fn d209(&mut self, k: usize) {
        let n = 2 * self.policies.len() + 10 + k;
        self.prose.push((
            format!("（構成{}） 計画の体系", zen(k + 1)),
            format!("本計画は、{}の政策のもとに施策を体系化しています。", zen(n)),
        ));
        let i = self.prose.len() - 1;
        self.expect("PC209", Loc::ProseText(i), Some("政策".to_string()));
    }

    /// PC210: the SDGs row of a measure lists a primary row's indicator under a near name —
    /// with a parenthesised qualifier (equal but for it), or with two characters put before it
    /// (a common subsequence of the whole name: 2·n / (2·n + 2) ≥ 0.7 for n ≥ 3 characters,
    /// ending alike).
    fn d210(&mut self, k: usize) {
        let (p, d, r) = self.take_primary(|b, row| {
            matches!(row.cite, Cite::Known(m, _) if !b.used_sdgs.contains(&m))
                && row
                    .ind
                    .as_ref()
                    .is_some_and(|i| i.name.chars().count() >= 3)
        });
        let Cite::Known(m, _) = self.projects[p].dirs[d].rows[r].cite else {
            unreachable!()
        };
        let name = self.projects[p].dirs[d].rows[r]
            .ind
            .as_ref()
            .expect("checked")
            .name
            .clone();
        let near = [format!("{name}（年間）"), format!("市内{name}")]
            .into_iter()
            .cycle()
            .skip(k % 2)
            .take(2)
            .find(|n| !self.ind_keys.contains(&key(n)))
            .expect("a name not printed elsewhere");
        self.ind_keys.insert(key(&near));
        self.used_sdgs.insert(m);
        self.sdgs[m].indicators.push(near.clone());
        self.expect("PC210", Loc::SdgsIndicators(m), Some(key(&near)));
    }

    /// PC211: the SDGs row of another measure lists the indicator of a primary row whose
    /// direction no other primary row cites (so that PC203 has nothing to say about it).
    fn d211(&mut self, _k: usize) {
        let (p, d, r) = self.take_primary(|b, row| {
            let (Cite::Known(m, dd), Some(ind)) = (&row.cite, &row.ind) else {
                return false;
            };
            let copies = b
                .projects
                .iter()
                .flat_map(|p| &p.dirs)
                .flat_map(|d| &d.rows)
                .filter(|o| {
                    !o.related && matches!(o.cite, Cite::Known(om, od) if om == *m && od == *dd)
                })
                .count();
            copies == 1
                && !b.sdgs[*m]
                    .indicators
                    .iter()
                    .any(|i| key(i) == key(&ind.name))
        });
        let Cite::Known(m, _) = self.projects[p].dirs[d].rows[r].cite else {
            unreachable!()
        };
        let name = self.projects[p].dirs[d].rows[r]
            .ind
            .as_ref()
            .expect("checked")
            .name
            .clone();
        let other = (m + 1 + self.rng.below(self.sdgs.len() - 1)) % self.sdgs.len();
        self.sdgs[other].indicators.push(name.clone());
        self.expect("PC211", Loc::RowIndicator(p, d, r), Some(key(&name)));
    }

    /// PC201: a primary row titled unlike its declared direction.
    fn d201(&mut self, _k: usize) {
        let (p, d, r) = self.take_primary(|_, _| true);
        let Cite::Known(m, dd) = self.projects[p].dirs[d].rows[r].cite else {
            unreachable!()
        };
        let g = (key(&self.measures[m].id), self.measures[m].dirs[dd].number);
        let title = self.fresh_title(Some(&g), true);
        self.projects[p].dirs[d].rows[r].title = Some(title);
        let subject = self.dir_id_of(m, dd);
        self.expect("PC201", Loc::RowTitle(p, d, r), Some(subject));
    }

    /// PC202: a primary row printing a spelling variant of its declared title.
    fn d202(&mut self, _k: usize) {
        let (p, d, r) = self.take_primary(|b, row| {
            let Cite::Known(m, dd) = row.cite else {
                return false;
            };
            let Some(decl) = &b.measures[m].dirs[dd].title else {
                return false;
            };
            let variant = key(&format!("{decl}等"));
            let g = (key(&b.measures[m].id), b.measures[m].dirs[dd].number);
            let decl_key = key(decl);
            !b.title_keys.contains(&variant)
                && b.dir_groups.get(&g).is_none_or(|grp| {
                    grp.titles
                        .iter()
                        .filter(|t| **t != decl_key)
                        .all(|t| !is_near(t, &variant, 0.6))
                })
        });
        let Cite::Known(m, dd) = self.projects[p].dirs[d].rows[r].cite else {
            unreachable!()
        };
        let variant = format!(
            "{}等",
            self.measures[m].dirs[dd].title.clone().unwrap_or_default()
        );
        let g = (key(&self.measures[m].id), self.measures[m].dirs[dd].number);
        self.title_keys.insert(key(&variant));
        self.dir_groups
            .entry(g)
            .or_default()
            .titles
            .push(key(&variant));
        self.projects[p].dirs[d].rows[r].title = Some(variant);
        let subject = self.dir_id_of(m, dd);
        self.expect("PC202", Loc::RowTitle(p, d, r), Some(subject));
    }

    /// PC203: a copy of an indicator printed with another target (the summary's copy of a
    /// project indicator, or a second row printing a 関係 row's indicator).
    fn d203(&mut self, k: usize) {
        if k.is_multiple_of(2) {
            let mut free = Vec::new();
            for (g, grp) in self.groups.iter().enumerate() {
                for (i, ind) in grp.inds.iter().enumerate() {
                    if ind.q.is_some() && !self.used_slot.contains(&(g, i)) {
                        free.push((g, i));
                    }
                }
            }
            if !free.is_empty() {
                let (g, i) = free[self.rng.below(free.len())];
                self.used_slot.insert((g, i));
                let ind = &mut self.groups[g].inds[i];
                let mut q = ind.q.expect("checked");
                q.t += q.t / 10 + 1;
                ind.target = q.target();
                ind.q = Some(q);
                let subject = key(&ind.name);
                self.expect("PC203", Loc::SummaryInd(g, i), Some(subject));
                return;
            }
        }
        // a 関係 row's indicator printed again, lower in the same table, with another target
        let mut all = Vec::new();
        for (p, proj) in self.projects.iter().enumerate() {
            for (d, dir) in proj.dirs.iter().enumerate() {
                for (r, row) in dir.rows.iter().enumerate() {
                    if !row.used && row.related && row.ind.as_ref().is_some_and(|i| i.q.is_some()) {
                        all.push((p, d, r));
                    }
                }
            }
        }
        let (p, d, r) = if all.is_empty() {
            self.isolated_row(|b, g| b.count_ind(g))
        } else {
            all[self.rng.below(all.len())]
        };
        let orig = &mut self.projects[p].dirs[d].rows[r];
        orig.used = true;
        let mut copy = orig.clone();
        let ind = copy.ind.as_mut().expect("checked");
        let mut q = ind.q.expect("checked");
        q.t += q.t / 10 + 1;
        ind.target = q.target();
        ind.q = Some(q);
        let subject = key(&ind.name);
        let (p, d, r) = self.push_row(p, d, copy);
        self.expect("PC203", Loc::RowTarget(p, d, r), Some(subject));
    }

    /// PC204: the summary lists a project indicator under another name.
    fn d204(&mut self, _k: usize) {
        let mut free = Vec::new();
        for (g, grp) in self.groups.iter().enumerate() {
            for i in 0..grp.inds.len() {
                if !self.used_slot.contains(&(g, i)) {
                    free.push((g, i));
                }
            }
        }
        assert!(
            !free.is_empty(),
            "too many defects for scale {}: no summary indicator left",
            self.o.scale
        );
        let (g, i) = free[self.rng.below(free.len())];
        self.used_slot.insert((g, i));
        // a name of the same kind as the printed values (a count named 「…数」 is not in %)
        let percent = match &self.groups[g].inds[i].baseline {
            Val::One(v) => key(v).ends_with('%'),
            Val::Many(_) => true,
            Val::Empty => false,
        };
        let name = loop {
            let (name, _) = self.fresh_ind_name(None, false);
            if name.ends_with('数') != percent {
                break name;
            }
        };
        self.groups[g].inds[i].name = name.clone();
        self.expect("PC204", Loc::SummaryInd(g, i), Some(key(&name)));
    }

    /// PC205: a table heading, or the leaflet, prints a project direction differently.
    fn d205(&mut self, k: usize) {
        let tables = self.all_tables();
        let used = if k.is_multiple_of(2) {
            &self.used_heading
        } else {
            &self.used_overview
        };
        let free: Vec<(usize, usize)> = tables.into_iter().filter(|t| !used.contains(t)).collect();
        assert!(
            !free.is_empty(),
            "too many defects for scale {}",
            self.o.scale
        );
        let (p, d) = free[self.rng.below(free.len())];
        let title = self.projects[p].dirs[d].title.clone();
        let variant = format!("{title}に向けた取組");
        if k.is_multiple_of(2) {
            self.used_heading.insert((p, d));
            self.projects[p].dirs[d].heading = variant;
            self.expect("PC205", Loc::TableHeading(p, d), Some(key(&title)));
        } else {
            self.used_overview.insert((p, d));
            self.overview[p][d] = variant;
            self.expect("PC205", Loc::OverviewDirs(p), Some(key(&title)));
        }
    }

    /// PC206: a related plan written with another spacing, or with a word added (near, same
    /// edition), in a later project.
    fn d206(&mut self, k: usize) {
        let n = self.projects.len();
        let a = self.rng.below(n - 1);
        let b = a + 1 + self.rng.below(n - a - 1);
        let (name, other) = if k.is_multiple_of(2) {
            let name = self.fresh_plan();
            let chars: Vec<char> = name.chars().collect();
            let mid = chars.len() / 2;
            let spaced: String = chars[..mid]
                .iter()
                .chain(std::iter::once(&'　'))
                .chain(&chars[mid..])
                .collect();
            (name, spaced)
        } else {
            self.near_plan_pair()
        };
        self.projects[a].plans.push(name.clone());
        self.projects[b].plans.push(other);
        self.expect("PC206", Loc::ProjectPlans(b), Some(key(&name)));
    }

    /// A fresh related plan and the same name with 「市」 or the city's name added after its
    /// edition: near (≥ 0.75) with the same numbers, and far from every other plan.
    fn near_plan_pair(&mut self) -> (String, String) {
        loop {
            let name = self.fresh_plan();
            let chars: Vec<char> = name.chars().collect();
            let at = if name.starts_with('第') {
                chars
                    .iter()
                    .position(|c| *c == '次' || *c == '期')
                    .map_or(0, |i| i + 1)
            } else {
                0
            };
            for word in [CITY, "市"] {
                let variant: String = chars[..at]
                    .iter()
                    .copied()
                    .chain(word.chars())
                    .chain(chars[at..].iter().copied())
                    .collect();
                let (k, vk) = (key(&name), key(&variant));
                let nums = plan_numbers(&vk);
                if similarity(&k, &vk) < 0.75 || nums != plan_numbers(&k) {
                    continue;
                }
                let clash = self.plan_pool.iter().any(|(pk, pn)| {
                    *pk != k && (*pk == vk || (*pn == nums && is_near(pk, &vk, 0.75)))
                });
                if !clash {
                    self.plan_pool.push((vk, nums));
                    return (name, variant);
                }
            }
        }
    }

    /// PC207: the SDGs table names a measure, or the matrix a policy, unlike the catalogue.
    fn d207(&mut self, k: usize) {
        if k.is_multiple_of(2) {
            let i = loop {
                let i = self.rng.below(self.measures.len());
                if !self.used_sdgs.contains(&i) {
                    break i;
                }
            };
            self.used_sdgs.insert(i);
            let name = &self.sdgs[i].name;
            let drifted = if let Some(s) = name.strip_suffix("の推進") {
                format!("{s}の促進")
            } else if let Some(s) = name.strip_suffix("の充実") {
                format!("{s}の強化")
            } else {
                format!("{name}等")
            };
            self.sdgs[i].name = drifted;
            let subject = key(&self.measures[i].id);
            self.expect("PC207", Loc::SdgsName(i), Some(subject));
        } else {
            let m = self.free_matrix_row();
            let own = self.measures[m].policy;
            let other = (own + 1) % self.policies.len();
            self.mx.policy.insert(m, self.policies[other].name.clone());
            let subject = key(&self.measures[m].id);
            self.expect("PC207", Loc::MatrixPolicy(m), Some(subject));
        }
    }

    /// PC208: the change table lists a heading of the body as moved out (変更前 only) while
    /// the body still has it, or renames a project to a name the plan does not print.
    fn d208(&mut self, k: usize) {
        let clean_headings = 4;
        if k.is_multiple_of(2) && k / 2 < clean_headings.min(self.prose.len()) {
            let i = k / 2;
            let heading = self.prose[i].0.clone();
            self.changes.push((
                format!("本文の構成（{}）", zen(k + 1)),
                vec![heading.clone()],
                Vec::new(),
            ));
            self.expect("PC208", Loc::ProseHeading(i), subject(&heading));
        } else {
            let new = format!("新設{}号プロジェクト", zen(k + 1));
            self.changes.push((
                format!("重点プロジェクトの名前（{}）", zen(k + 1)),
                vec![format!("旧{}号プロジェクト", zen(k + 1))],
                vec![new.clone()],
            ));
            let i = self.changes.len() - 1;
            self.expect("PC208", Loc::ChangeAfter(i), subject(&new));
        }
    }

    fn free_matrix_row(&mut self) -> usize {
        assert!(
            self.mx.used.len() < self.measures.len(),
            "too many defects for scale {}: no matrix row left",
            self.o.scale
        );
        loop {
            let m = self.rng.below(self.measures.len());
            if self.mx.used.insert(m) {
                return m;
            }
        }
    }

    /// PC301: a target that moves against the indicator's direction.
    fn d301(&mut self, k: usize) {
        let kind = k % 3;
        let (p, d, r) = self.isolated_row(|b, g| {
            if kind == 1 {
                let mut ind = b.new_ind(Some(g), true);
                let mut q = ind.q.expect("falling indicators are single values");
                q.t = q.b + q.b / 5 + 1;
                ind.target = q.target();
                ind.q = Some(q);
                ind
            } else {
                let mut ind = b.count_ind(g);
                let mut q = ind.q.expect("count");
                if kind == 0 {
                    q.t = q.b - q.b / 10 - 1;
                    ind.target = q.target();
                } else {
                    ind.target = Val::One(q.text(q.t, "以下"));
                }
                ind.q = Some(q);
                ind
            }
        });
        let subject = key(&self.projects[p].dirs[d].rows[r]
            .ind
            .as_ref()
            .expect("set")
            .name);
        self.expect("PC301", Loc::RowTarget(p, d, r), Some(subject));
    }

    /// PC302: baseline and target in different units, or a count given in %.
    fn d302(&mut self, k: usize) {
        let (p, d, r) = self.isolated_row(|b, g| {
            let mut ind = b.count_ind(g);
            let q = ind.q.expect("count");
            if k.is_multiple_of(2) {
                let other = if q.unit == "件" { "人" } else { "件" };
                ind.target = Val::One(format!("{} {other}", grouped(q.t)));
            } else {
                // a count (名前が「数」で終わる) printed in %
                let bp = 100 + q.b % 400;
                ind.baseline = Val::One(format!("{}.{}%", bp / 10, bp % 10));
                ind.target = Val::One(format!("{}.{}%", (bp + 25) / 10, (bp + 25) % 10));
            }
            ind.q = None;
            ind
        });
        let row = &self.projects[p].dirs[d].rows[r];
        let ind = row.ind.as_ref().expect("set");
        let subject = key(&ind.name);
        if k.is_multiple_of(2) {
            self.expect("PC302", Loc::RowTarget(p, d, r), Some(subject));
        } else {
            assert!(ind.name.ends_with('数'));
            self.expect("PC302", Loc::RowBaseline(p, d, r), Some(subject.clone()));
            self.expect("PC302", Loc::RowTarget(p, d, r), Some(subject));
        }
    }

    /// PC303: an indicator with a baseline but no target, or the reverse (the empty cell is
    /// also a PC403 placeholder, recorded when rendered).
    fn d303(&mut self, k: usize) {
        let (p, d, r) = self.isolated_row(|b, g| {
            let mut ind = b.count_ind(g);
            if k.is_multiple_of(2) {
                ind.target = Val::Empty;
            } else {
                ind.baseline = Val::Empty;
            }
            ind.q = None;
            ind
        });
        let subject = key(&self.projects[p].dirs[d].rows[r]
            .ind
            .as_ref()
            .expect("set")
            .name);
        self.expect("PC303", Loc::RowIndicator(p, d, r), Some(subject));
    }

    /// PC304: a value's year, or a table's column header, off the plan's standard year.
    fn d304(&mut self, k: usize) {
        let free: Vec<(usize, usize)> = self
            .all_tables()
            .into_iter()
            .filter(|t| !self.used_label.contains(t))
            .collect();
        if k % 2 == 1 && !free.is_empty() {
            let (p, d) = free[self.rng.below(free.len())];
            self.used_label.insert((p, d));
            self.projects[p].dirs[d].target_label = "（令和１０年度）".to_string();
            let subject = key(&self.projects[p].name);
            self.expect("PC304", Loc::TableTargetLabel(p, d), Some(subject));
        } else {
            let (p, d, r) = self.isolated_row(|b, g| {
                let mut ind = b.count_ind(g);
                ind.baseline_year = Some("（令和４年度）".to_string());
                ind.target_year = None;
                ind
            });
            let subject = key(&self.projects[p].dirs[d].rows[r]
                .ind
                .as_ref()
                .expect("set")
                .name);
            self.expect("PC304", Loc::RowBaselineYear(p, d, r), Some(subject));
        }
    }

    /// PC305: an era year and the Western year beside it that disagree.
    fn d305(&mut self, k: usize) {
        if k.is_multiple_of(2) {
            self.prose.push((
                format!("（参考{}） 人口の見通し", zen(k + 1)),
                "令和８年（２０２７年）までの人口の推移を踏まえ、各プロジェクトの目標を設定しています。".to_string(),
            ));
            let i = self.prose.len() - 1;
            self.expect("PC305", Loc::ProseText(i), None);
        } else {
            let p = self.rng.below(self.projects.len());
            self.projects[p]
                .aim
                .push_str("令和９年度（２０２８年度）までに重点的に進めます。");
            let subject = key(&self.projects[p].name);
            self.expect("PC305", Loc::ProjectAim(p), Some(subject));
        }
    }

    /// PC306: a floor below a rising baseline, or a ceiling above a falling one.
    fn d306(&mut self, k: usize) {
        let falling = k % 2 == 1;
        let (p, d, r) = self.isolated_row(|b, g| {
            let mut ind = if falling {
                b.new_ind(Some(g), true)
            } else {
                b.count_ind(g)
            };
            let q = ind.q.expect("single values");
            ind.target = if falling {
                Val::One(q.text(q.b + q.b / 5 + 1, "以下"))
            } else {
                Val::One(q.text(q.b - q.b / 10 - 1, "以上"))
            };
            ind.q = None;
            ind
        });
        let subject = key(&self.projects[p].dirs[d].rows[r]
            .ind
            .as_ref()
            .expect("set")
            .name);
        self.expect("PC306", Loc::RowTarget(p, d, r), Some(subject));
    }

    /// PC307: a rising count set twelve times higher, or a falling one cut to a fifteenth.
    fn d307(&mut self, k: usize) {
        let falling = k % 2 == 1;
        let (p, d, r) = self.isolated_row(|b, g| {
            let mut ind = if falling {
                b.new_ind(Some(g), true)
            } else {
                b.count_ind(g)
            };
            let q = ind.q.expect("single values");
            let t = if falling { q.b / 15 } else { q.b * 12 + 1 };
            assert!(t > 0);
            ind.target = Val::One(q.text(t, ""));
            ind.q = None;
            ind
        });
        let subject = key(&self.projects[p].dirs[d].rows[r]
            .ind
            .as_ref()
            .expect("set")
            .name);
        self.expect("PC307", Loc::RowTarget(p, d, r), Some(subject));
    }

    /// PC401: a 調整中 stamp (recorded when rendered).
    fn d401(&mut self, _k: usize) {
        let (p, d) = self.random_table();
        self.projects[p].dirs[d].marks.push("調整中".to_string());
    }

    /// PC402: a page reference not filled in, or missing (recorded when rendered).
    fn d402(&mut self, k: usize) {
        let (p, d, r) =
            self.take_primary(|_, row| row.page.as_deref().is_some_and(|pg| !pg.contains('○')));
        self.projects[p].dirs[d].rows[r].page = if k.is_multiple_of(2) {
            Some("Ｐ.○".to_string())
        } else {
            None
        };
    }

    /// PC403: a value given as 「取得なし」 (recorded when rendered).
    fn d403(&mut self, k: usize) {
        self.isolated_row(|b, g| {
            let mut ind = b.count_ind(g);
            ind.baseline = Val::One(
                if k.is_multiple_of(2) {
                    "取得なし"
                } else {
                    "未実施のためなし"
                }
                .to_string(),
            );
            ind.q = None;
            ind
        });
    }

    /// PC404: a related plan that is still a draft (recorded when rendered).
    fn d404(&mut self, _k: usize) {
        let p = self.rng.below(self.projects.len());
        let name = format!("{}（案）", self.fresh_plan());
        self.projects[p].plans.push(name);
    }

    /// PC405: a graph/photo box (recorded when rendered).
    fn d405(&mut self, _k: usize) {
        let (p, d) = self.random_table();
        self.projects[p].dirs[d]
            .marks
            .push("関連するグラフ、写真等".to_string());
    }

    /// PC406: a to-be-settled ※ note (recorded when rendered).
    fn d406(&mut self, _k: usize) {
        let (p, d) = self.random_table();
        self.projects[p].dirs[d]
            .table_marks
            .push("※指標は関係課との協議を踏まえて今後整理します。".to_string());
    }

    /// PC407: a ※ marker with no definition (recorded when rendered).
    fn d407(&mut self, _k: usize) {
        let (p, d) = self.random_table();
        self.projects[p].dirs[d]
            .text
            .push_str("あわせて防災拠点施設※の機能を高めます。");
    }

    /// PC501: a direction id or a measure id printed in another width.
    fn d501(&mut self, k: usize) {
        if k.is_multiple_of(2) {
            let (p, d, r) = self.take_primary(|_, _| true);
            let Cite::Known(m, dd) = self.projects[p].dirs[d].rows[r].cite else {
                unreachable!()
            };
            let half = format!(
                "{} 方針{}",
                self.measures[m].id, self.measures[m].dirs[dd].number
            );
            self.projects[p].dirs[d].rows[r].direction = half;
            let subject = self.dir_id_of(m, dd);
            self.expect("PC501", Loc::RowDirection(p, d, r), Some(subject));
        } else {
            let i = loop {
                let i = self.rng.below(self.measures.len());
                if !self.used_sdgs.contains(&i) {
                    break i;
                }
            };
            self.used_sdgs.insert(i);
            let id = self.measures[i].id.clone();
            let wide: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect();
            self.sdgs[i].measure = wide;
            self.expect("PC501", Loc::SdgsMeasure(i), Some(key(&id)));
        }
    }

    /// PC502: a spelling the notation dictionary replaces.
    fn d502(&mut self, k: usize) {
        let (p, d) = self.random_table();
        let (text, preferred) = match k % 3 {
            0 => ("地域での取り組みを広げます。", "取組"),
            1 => ("すべての世代に届けます。", "全て"),
            _ => ("地域の人財を育てます。", "人材"),
        };
        self.projects[p].dirs[d].text.push_str(text);
        self.expect("PC502", Loc::DirText(p, d), Some(preferred.to_string()));
    }

    /// PC503: a Latin-letter word printed in full width where the plan prints it in half
    /// width (ＩＣＴ, ＡＩ). PC503 and PC504 are expected from the printed texts after
    /// rendering ([`notation_findings`]), not here; PC504 comes from PC502's defects (the clean
    /// plan writes 取組, 全て and 人材).
    fn d503(&mut self, k: usize) {
        let (p, d) = self.random_table();
        let text = match k % 2 {
            0 => "学校のＩＣＴ環境を整えます。",
            _ => "ＩＣＴとＡＩを活用します。",
        };
        self.projects[p].dirs[d].text.push_str(text);
    }

    /// PC505: a plan name with a kanji of the same reading in place of 長, beside two names
    /// spelt right. Expected from the printed texts after rendering ([`typo_findings`]).
    fn d505(&mut self, k: usize) {
        let (p, d) = self.random_table();
        let wrong = ["庁", "丁", "帳", "張", "腸"][k % 5];
        let text = format!(
            "橋梁長寿命化計画と公園施設長寿命化計画に加え、学校施設{wrong}寿命化計画を進めます。"
        );
        self.projects[p].dirs[d].text.push_str(&text);
    }

    /// PC601: an allow that matches no finding.
    fn d601(&mut self, _k: usize) {
        let (p, d, r) = self.take_primary(|_, _| true);
        self.projects[p].dirs[d].rows[r].allow = Some("missing-baseline-or-target");
        self.expect("PC601", Loc::RowAllow(p, d, r), Some("PC303".to_string()));
    }

    /// PC011: a direction-table row pasted twice (the copy at the end of its table).
    fn d011(&mut self, _k: usize) {
        let (p, d, r) = self.take_primary(|_, _| true);
        let copy = self.projects[p].dirs[d].rows[r].clone();
        let subject = match copy.cite {
            Cite::Known(m, dd) => self.dir_id_of(m, dd),
            _ => unreachable!(),
        };
        let (p, d, r) = self.push_row(p, d, copy);
        self.expect("PC011", Loc::RowDirection(p, d, r), Some(subject));
    }

    /// PC012: a file in the plan folder that is not read.
    fn d012(&mut self, k: usize) {
        let rel = match k % 3 {
            0 => format!("資料/指標一覧{k}.csv"),
            1 => format!("~$集計{k}.xlsx"),
            _ => format!("measures{k}.toml.bak"),
        };
        self.unread.push(rel);
    }

    /// The ○/◎ grid implied by the final tables: (measure key, project number) → directions.
    fn implied(&self) -> HashMap<(String, usize), HashSet<u32>> {
        let mut grid: HashMap<(String, usize), HashSet<u32>> = HashMap::new();
        for p in &self.projects {
            for d in &p.dirs {
                for r in &d.rows {
                    if let Some((m, n)) = self.cite_key(&r.cite) {
                        grid.entry((m, p.number)).or_default().insert(n);
                    }
                }
            }
        }
        grid
    }

    /// PC111: a matrix cell drawn unlike the tables.
    fn d111(&mut self, _k: usize) {
        let m = self.free_matrix_row();
        let j = self.rng.below(self.projects.len());
        let grid = self.implied();
        let mk = key(&self.measures[m].id);
        let number = self.projects[j].number;
        let n = grid.get(&(mk.clone(), number)).map_or(0, HashSet::len);
        let drawn = match n {
            0 => "○",
            1 => "◎",
            _ => "○",
        };
        self.mx.cell.insert((m, j), drawn.to_string());
        self.expect(
            "PC111",
            Loc::MatrixCells(m, 0),
            Some(format!("{mk} × {number}")),
        );
    }

    /// The cells drawn for measure `mi`, one per project: an injected cell, else the symbol the
    /// tables imply (○ for one direction, ◎ for more, blank for none).
    fn drawn_cells(&self, mi: usize, grid: &HashMap<(String, usize), HashSet<u32>>) -> Vec<String> {
        let mk = key(&self.measures[mi].id);
        self.projects
            .iter()
            .enumerate()
            .map(|(j, p)| {
                self.mx.cell.get(&(mi, j)).cloned().unwrap_or_else(|| {
                    match grid.get(&(mk.clone(), p.number)).map_or(0, HashSet::len) {
                        0 => String::new(),
                        1 => "○".to_string(),
                        _ => "◎".to_string(),
                    }
                })
            })
            .collect()
    }

    /// PC113: once per plan, when the drawn matrix's totals (marks, ◎, rows with a mark) differ
    /// from the tables'. The defects of PC111 and PC112 change them; a plan without those gets
    /// one ◎ drawn as ○ (which PC111 reports too).
    fn d113(&mut self) {
        let totals = |rows: &[Vec<String>]| {
            let (mut marks, mut double, mut marked) = (0, 0, 0);
            for r in rows {
                let n = r.iter().filter(|c| *c == "○" || *c == "◎").count();
                marks += n;
                double += r.iter().filter(|c| *c == "◎").count();
                marked += usize::from(n > 0);
            }
            (marks, double, marked)
        };
        let grid = self.implied();
        let mut drawn = Vec::new();
        let mut implied = Vec::new();
        for mi in 0..self.measures.len() {
            let mk = key(&self.measures[mi].id);
            implied.push(
                self.projects
                    .iter()
                    .map(
                        |p| match grid.get(&(mk.clone(), p.number)).map_or(0, HashSet::len) {
                            0 => String::new(),
                            1 => "○".to_string(),
                            _ => "◎".to_string(),
                        },
                    )
                    .collect::<Vec<String>>(),
            );
            if self.mx.omit.contains(&mi) {
                continue;
            }
            let copies = if self.mx.dup.contains(&mi) { 2 } else { 1 };
            for _ in 0..copies {
                drawn.push(self.drawn_cells(mi, &grid));
            }
        }
        if self.o.defects > 0 && totals(&drawn) == totals(&implied) {
            // no matrix defect changed the totals: draw one ◎ as ○
            let cell = (0..self.measures.len())
                .filter(|m| !self.mx.used.contains(m))
                .flat_map(|m| (0..self.projects.len()).map(move |j| (m, j)))
                .find(|&(m, j)| implied[m][j] == "◎");
            if let Some((m, j)) = cell {
                self.mx.used.insert(m);
                self.mx.cell.insert((m, j), "○".to_string());
                let mk = key(&self.measures[m].id);
                let number = self.projects[j].number;
                self.expect(
                    "PC111",
                    Loc::MatrixCells(m, 0),
                    Some(format!("{mk} × {number}")),
                );
                self.expect("PC113", Loc::MatrixColumns, None);
            }
            return;
        }
        if totals(&drawn) != totals(&implied) {
            self.expect("PC113", Loc::MatrixColumns, None);
        }
    }

    /// PC112: a malformed matrix: a symbol other than ○/◎, a cell too many, a measure twice,
    /// a measure missing.
    fn d112(&mut self, k: usize) {
        let m = self.free_matrix_row();
        let mk = key(&self.measures[m].id);
        // In the sparse form a measure with no row and no mark is blank, not missing: the
        // fourth kind becomes the first.
        let kind = if self.mx.sparse && k % 4 == 3 {
            0
        } else {
            k % 4
        };
        match kind {
            0 => {
                let j = self.rng.below(self.projects.len());
                self.mx.cell.insert((m, j), "△".to_string());
                self.expect("PC112", Loc::MatrixCells(m, 0), Some(mk));
            }
            1 => {
                self.mx.extra.insert(m);
                self.expect("PC112", Loc::MatrixCells(m, 0), Some(mk));
            }
            2 => {
                self.mx.dup.insert(m);
                self.expect("PC112", Loc::MatrixMeasure(m, 1), Some(mk));
            }
            _ => {
                self.mx.omit.insert(m);
                self.expect("PC112", Loc::MeasureId(m), Some(mk));
            }
        }
    }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Rendering, with the placeholders the checker will report
// ─────────────────────────────────────────────────────────────────────────────────────────────

/// The kind of a printed field, from the plan format (which fields are running text, page
/// furniture, related plans, values, page cells, ids): the generator's own classification, not
/// a call into `plancheck::analysis::walk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum W {
    Text,
    Mark,
    RelatedPlan,
    Value,
    Page,
    Id,
    /// Not walked (matrix cells, the allow list).
    None,
}

struct Doc {
    rel: String,
    text: String,
    lines: usize,
}

struct Out {
    docs: Vec<Doc>,
    locs: HashMap<Loc, (usize, usize)>,
    found: Vec<Expected>,
    /// The texts, names, related plans and notes printed, in file order: (doc, line, text).
    words: Vec<(usize, usize, String)>,
    /// Set while writing the change table's 変更前 entries, which `words` leaves out.
    quoting: bool,
}

impl Out {
    fn open(&mut self, rel: &str) {
        self.docs.push(Doc {
            rel: rel.to_string(),
            text: String::new(),
            lines: 0,
        });
    }

    fn doc(&mut self) -> &mut Doc {
        self.docs.last_mut().expect("a file is open")
    }

    /// The line the next `line()` writes.
    fn next_line(&self) -> usize {
        self.docs.last().map_or(1, |d| d.lines + 1)
    }

    fn line(&mut self, s: &str) {
        let d = self.doc();
        d.text.push_str(s);
        d.text.push('\n');
        d.lines += 1;
    }

    fn mark(&mut self, loc: Option<Loc>) {
        if let Some(l) = loc {
            let at = (self.docs.len() - 1, self.next_line());
            self.locs.insert(l, at);
        }
    }

    fn hit(&mut self, code: &str, line: usize, subject: &str) {
        let file = self.docs.last().expect("open").rel.clone();
        self.found.push(Expected {
            code: code.to_string(),
            rule: rule_name(code).to_string(),
            file,
            line,
            subject: crate::subject(subject),
        });
    }

    /// The placeholders the checker finds in one printed text (placeholders::scan).
    fn scan(&mut self, w: W, text: &str, subject: &str, line: usize) {
        if w == W::None {
            return;
        }
        if matches!(w, W::Text | W::Mark | W::RelatedPlan) && !self.quoting {
            self.words
                .push((self.docs.len() - 1, line, text.to_string()));
        }
        for _ in 0..text.matches("調整中").count() {
            self.hit("PC401", line, subject);
        }
        match w {
            W::Mark if text.contains("関連するグラフ") => self.hit("PC405", line, subject),
            W::Mark if text.trim_start().starts_with('※') => self.hit("PC406", line, subject),
            W::Page if text.contains('○') => self.hit("PC402", line, subject),
            W::RelatedPlan if key(text).contains("(案)") => self.hit("PC404", line, subject),
            W::Value if !text.trim().is_empty() && is_missing_marker(text) => {
                self.hit("PC403", line, subject)
            }
            _ => {}
        }
        if matches!(w, W::Text | W::Value | W::RelatedPlan) {
            for _ in 0..undefined_markers(text) {
                self.hit("PC407", line, subject);
            }
        }
    }

    fn kv(&mut self, loc: Option<Loc>, k: &str, v: &str, w: W, subject: &str) {
        self.mark(loc);
        let line = self.next_line();
        self.scan(w, v, subject, line);
        self.line(&format!("{k} = {}", toml_str(v)));
    }

    fn arr(&mut self, loc: Option<Loc>, k: &str, vs: &[String], w: W, subject: &str) {
        self.mark(loc);
        let line = self.next_line();
        for v in vs {
            self.scan(w, v, subject, line);
        }
        self.line(&format!("{k} = {}", toml_list(vs)));
    }

    fn val(&mut self, loc: Option<Loc>, k: &str, v: &Val, subject: &str) {
        match v {
            Val::Empty => {}
            Val::One(s) => self.kv(loc, k, s, W::Value, subject),
            Val::Many(list) => self.arr(loc, k, list, W::Value, subject),
        }
    }
}

/// The notation dictionary the generated plancheck.toml holds: (preferred, variants, except).
const DICTIONARY: [(&str, &[&str], &[&str]); 3] = [
    (
        "取組",
        &["取り組み"],
        &["取り組みます", "取り組む", "取り組ん", "に取り組み、"],
    ),
    ("全て", &["すべて"], &[]),
    ("人材", &["人財"], &[]),
];

/// The words of Latin letters (ASCII or full width, digits included, at least one letter) of
/// `text`, with their byte offsets.
fn latin_words(text: &str) -> Vec<(usize, &str)> {
    let is_letter = |c: char| {
        c.is_ascii_alphabetic() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
    };
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().chain([(text.len(), ' ')]).collect();
    for &(i, c) in &chars {
        let inside = is_letter(c) || is_digit(c);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = &text[s..i];
                if w.chars().any(is_letter) {
                    out.push((s, w));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The occurrences of the dictionary's variants in `text` (PC502's reading): left to right,
/// not overlapping, the longest variant first, skipping one that stands inside an except word
/// or the preferred spelling at that position. (byte offset, length, entry index).
fn variant_hits(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut next = 0;
    for (at, _) in text.char_indices() {
        if at < next {
            continue;
        }
        let rest = &text[at..];
        let mut candidates: Vec<(usize, &str)> = DICTIONARY
            .iter()
            .enumerate()
            .flat_map(|(e, (_, vs, _))| vs.iter().map(move |v| (e, *v)))
            .filter(|(_, v)| rest.starts_with(v))
            .collect();
        candidates.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        let hit = candidates.into_iter().find(|&(e, v)| {
            let (preferred, _, except) = DICTIONARY[e];
            !std::iter::once(preferred)
                .chain(except.iter().copied())
                .any(|word| {
                    word.match_indices(v)
                        .any(|(off, _)| at >= off && text[at - off..].starts_with(word))
                })
        });
        if let Some((e, v)) = hit {
            out.push((at, v.len(), e));
            next = at + v.len();
        }
    }
    out
}

/// PC503 and PC504 as the printed texts call for them: a Latin word printed in two forms of
/// width (once per word, at the first occurrence of the rarer form, ties to the form seen
/// later), and a dictionary entry whose preferred spelling and a variant are both printed
/// (once per entry, at the first variant occurrence). Positions order by file, then place.
fn notation_findings(docs: &[Doc], words: &[(usize, usize, String)]) -> Vec<Expected> {
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| {
        (docs[words[a].0].rel.as_str(), a).cmp(&(docs[words[b].0].rel.as_str(), b))
    });
    // (file, text index, offset) of each occurrence, and its line
    type At<'a> = ((&'a str, usize, usize), usize);
    let mut forms: std::collections::BTreeMap<String, std::collections::BTreeMap<&str, Vec<At>>> =
        Default::default();
    let mut preferred = [0usize; DICTIONARY.len()];
    let mut variants: [Vec<At>; DICTIONARY.len()] = Default::default();
    for &i in &order {
        let (doc, line, text) = &words[i];
        let rel = docs[*doc].rel.as_str();
        for (off, w) in latin_words(text) {
            forms
                .entry(key(w))
                .or_default()
                .entry(w)
                .or_default()
                .push(((rel, i, off), *line));
        }
        let hits = variant_hits(text);
        for &(off, _, e) in &hits {
            variants[e].push(((rel, i, off), *line));
        }
        for (e, (p, _, _)) in DICTIONARY.iter().enumerate() {
            preferred[e] += text
                .match_indices(p)
                .filter(|(at, _)| !hits.iter().any(|&(o, len, _)| (o..o + len).contains(at)))
                .count();
        }
    }
    let expected = |code: &str, file: &str, line: usize, subject: &str| Expected {
        code: code.to_string(),
        rule: rule_name(code).to_string(),
        file: file.to_string(),
        line,
        subject: Some(subject.to_string()),
    };
    let mut out = Vec::new();
    for (word, f) in &forms {
        if f.len() < 2 {
            continue;
        }
        let rare = f
            .values()
            .min_by(|a, b| a.len().cmp(&b.len()).then(b[0].0.cmp(&a[0].0)))
            .expect("two forms");
        let ((file, _, _), line) = rare[0];
        out.push(expected("PC503", file, line, word));
    }
    for (e, (p, _, _)) in DICTIONARY.iter().enumerate() {
        if preferred[e] > 0
            && let Some(((file, _, _), line)) = variants[e].first()
        {
            out.push(expected("PC504", file, *line, p));
        }
    }
    out
}

/// How a likely-typo reading ranks: (length, uses of the common spelling, the smaller common
/// spelling first).
type TypoScore = (usize, usize, std::cmp::Reverse<String>);

/// PC505 as the printed texts call for it (docs of likely-typo): a kanji whose pairs with its
/// neighbours occur only there, between neighbours that elsewhere hold another kanji, inside a
/// sequence of 5 to 12 kanji/katakana that occurs once and, with that other kanji, at least
/// twice. Once per place, with the longest sequence (then the most used, then the smaller
/// spelling); the subject is the rare sequence.
fn typo_findings(docs: &[Doc], words: &[(usize, usize, String)]) -> Vec<Expected> {
    let kanji = |c: char| {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{3400}'..='\u{4DBF}').contains(&c)
            || c == '々'
    };
    let wordish = |c: char| kanji(c) || ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー';
    let texts: Vec<Vec<char>> = words.iter().map(|(_, _, t)| t.chars().collect()).collect();
    let runs_of = |t: &[char]| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if wordish(t[i]) {
                let s = i;
                while i < t.len() && wordish(t[i]) {
                    i += 1;
                }
                out.push((s, i));
            } else {
                i += 1;
            }
        }
        out
    };
    let mut pair: HashMap<(char, char), usize> = HashMap::new();
    let mut triple: HashSet<(char, char, char)> = HashSet::new();
    let mut seq: HashMap<String, usize> = HashMap::new();
    for t in &texts {
        for i in 0..t.len() {
            if i + 1 < t.len() {
                *pair.entry((t[i], t[i + 1])).or_default() += 1;
            }
            if i + 2 < t.len() {
                triple.insert((t[i], t[i + 1], t[i + 2]));
            }
        }
        for (s, e) in runs_of(t) {
            for a in s..e {
                for b in a + 5..=e.min(a + 12) {
                    *seq.entry(t[a..b].iter().collect()).or_default() += 1;
                }
            }
        }
    }
    let count = |x: &str| seq.get(x).copied().unwrap_or(0);
    let candidates: Vec<char> = {
        let mut v: Vec<char> = triple
            .iter()
            .map(|&(_, m, _)| m)
            .filter(|&m| kanji(m))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut out = Vec::new();
    for (ti, t) in texts.iter().enumerate() {
        for (s, e) in runs_of(t) {
            for pos in s..e {
                let c = t[pos];
                if !kanji(c) || pos == 0 || pos + 1 >= t.len() {
                    continue;
                }
                let (l, r) = (t[pos - 1], t[pos + 1]);
                if pair[&(l, c)] != 1 || pair[&(c, r)] != 1 {
                    continue;
                }
                let mut best: Option<(TypoScore, String)> = None;
                for &m in &candidates {
                    if m == c || !triple.contains(&(l, m, r)) {
                        continue;
                    }
                    for a in s..=pos {
                        for b in pos + 1..=e {
                            if b - a < 5 || b - a > 12 {
                                continue;
                            }
                            let rare: String = t[a..b].iter().collect();
                            let mut fixed = t[a..b].to_vec();
                            fixed[pos - a] = m;
                            let common: String = fixed.iter().collect();
                            let uses = count(&common);
                            if count(&rare) != 1 || uses < 2 {
                                continue;
                            }
                            let score = (b - a, uses, std::cmp::Reverse(common));
                            if best.as_ref().is_none_or(|(bs, _)| score > *bs) {
                                best = Some((score, rare));
                            }
                        }
                    }
                }
                if let Some((_, rare)) = best {
                    let (doc, line, _) = &words[ti];
                    out.push(Expected {
                        code: "PC505".to_string(),
                        rule: rule_name("PC505").to_string(),
                        file: docs[*doc].rel.clone(),
                        line: *line,
                        subject: Some(rare),
                    });
                }
            }
        }
    }
    out
}

fn toml_list(vs: &[String]) -> String {
    let items: Vec<String> = vs.iter().map(|v| toml_str(v)).collect();
    format!("[{}]", items.join(", "))
}

/// 「－」, 「取得なし」, … (value::parse → Missing) for the texts this generator prints.
fn is_missing_marker(text: &str) -> bool {
    let k = key(text);
    ["-", "―", "ー", "取得なし", "未実施のためなし"].contains(&k.as_str())
}

/// ※ markers after a term no `※TERM：` defines (placeholders::undefined_markers).
fn undefined_markers(text: &str) -> usize {
    let mut n = 0;
    for (i, _) in text.match_indices('※') {
        let Some(prev) = text[..i].chars().next_back() else {
            continue;
        };
        if prev.is_whitespace() || "。、．，：:（(「『【・".contains(prev) {
            continue;
        }
        let before = key(&text[..i]);
        if !DEFINED_TERMS.iter().any(|d| before.ends_with(d)) {
            n += 1;
        }
    }
    n
}

impl Builder {
    fn render(self) -> Generated {
        let mut out = Out {
            docs: Vec::new(),
            locs: HashMap::new(),
            found: Vec::new(),
            words: Vec::new(),
            quoting: false,
        };
        self.render_meta(&mut out);
        self.render_catalogue(&mut out);
        let width = self.projects.len().to_string().len();
        for (p, _) in self.projects.iter().enumerate() {
            self.render_project(&mut out, p, width);
        }
        self.render_summary(&mut out);
        self.render_sdgs(&mut out);
        self.render_strategy(&mut out);
        self.render_matrix(&mut out);
        self.render_overview(&mut out);
        self.render_prose(&mut out);
        self.render_config(&mut out);

        let mut manifest = notation_findings(&out.docs, &out.words);
        manifest.extend(typo_findings(&out.docs, &out.words));
        manifest.extend(out.found);
        for (code, loc, subject) in &self.pending {
            let (doc, line) = *out
                .locs
                .get(loc)
                .unwrap_or_else(|| panic!("generator bug: {loc:?} was not rendered"));
            manifest.push(Expected {
                code: code.to_string(),
                rule: rule_name(code).to_string(),
                file: out.docs[doc].rel.clone(),
                line,
                subject: subject.clone(),
            });
        }
        for rel in &self.unread {
            manifest.push(Expected {
                code: "PC012".to_string(),
                rule: rule_name("PC012").to_string(),
                file: rel.clone(),
                line: 0,
                subject: Some(rel.clone()),
            });
        }
        manifest.sort();
        let mut files: Vec<(String, String)> =
            out.docs.into_iter().map(|d| (d.rel, d.text)).collect();
        files.extend(
            self.unread
                .iter()
                .map(|rel| (rel.clone(), "指標,現状値,目標値\n".to_string())),
        );
        files.sort();
        let stats = self.stats();
        Generated {
            options: self.o,
            files,
            manifest,
            stats,
        }
    }

    fn stats(&self) -> Stats {
        let rows: Vec<&Row> = self
            .projects
            .iter()
            .flat_map(|p| p.dirs.iter().flat_map(|d| d.rows.iter()))
            .collect();
        Stats {
            policies: self.policies.len(),
            measures: self.measures.len(),
            directions: self.measures.iter().map(|m| m.dirs.len()).sum(),
            projects: self.projects.len(),
            project_directions: self.projects.iter().map(|p| p.dirs.len()).sum(),
            citations: rows.len(),
            indicators: self
                .projects
                .iter()
                .map(|p| p.indicators.len())
                .sum::<usize>()
                + rows.iter().filter(|r| r.ind.is_some()).count()
                + self.headline.len()
                + self.groups.iter().map(|g| g.inds.len()).sum::<usize>()
                + self.sdgs.iter().map(|s| s.indicators.len()).sum::<usize>(),
            related_plans: self.projects.iter().map(|p| p.plans.len()).sum(),
        }
    }

    fn render_meta(&self, out: &mut Out) {
        out.open("plan.toml");
        out.line(
            "# Generated by plangen (synthetic plan; the manifest lists every expected finding).",
        );
        out.line("[plan]");
        out.kv(
            None,
            "name",
            &format!("第３次{CITY}総合計画 前期アクションプラン"),
            W::Text,
            "",
        );
        out.kv(
            None,
            "period",
            "令和7年度（2025年度）～令和11年度（2029年度）",
            W::Value,
            "",
        );
        out.kv(None, "baseline_year", "令和５年度", W::Value, "");
        out.kv(None, "target_year", "令和１１年度", W::Value, "");
    }

    fn render_catalogue(&self, out: &mut Out) {
        out.open("policies.toml");
        out.line("# 政策と政策のゴール");
        for p in &self.policies {
            out.line("");
            out.line("[[policy]]");
            out.kv(None, "id", &p.id, W::Id, &p.id);
            out.kv(None, "name", &p.name, W::Text, &p.id);
            out.kv(None, "goal", &p.goal, W::Text, &p.id);
        }
        out.open("measures.toml");
        out.line("# 重点施策と施策の展開方針");
        for (mi, m) in self.measures.iter().enumerate() {
            out.line("");
            out.line("[[measure]]");
            out.kv(Some(Loc::MeasureId(mi)), "id", &m.id, W::Id, &m.id);
            out.kv(None, "policy", &self.policies[m.policy].id, W::None, "");
            out.kv(None, "name", &m.name, W::Text, &m.id);
            for d in &m.dirs {
                out.line("");
                out.line("[[measure.direction]]");
                out.kv(None, "id", &d.id, W::Id, &d.id);
                if let Some(t) = &d.title {
                    out.kv(None, "title", t, W::Text, &d.id);
                }
            }
        }
    }

    fn render_indicator_table_row(out: &mut Out, ind: &Ind) {
        let s = ind.name.as_str();
        let line = out.next_line();
        out.kv(None, "name", s, W::Text, s);
        out.val(None, "baseline", &ind.baseline, s);
        out.val(None, "target", &ind.target, s);
        if let Some(y) = &ind.baseline_year {
            out.kv(None, "baseline_year", y, W::Value, s);
        }
        if let Some(y) = &ind.target_year {
            out.kv(None, "target_year", y, W::Value, s);
        }
        for v in [&ind.baseline, &ind.target] {
            if *v == Val::Empty {
                out.hit("PC403", line, s);
            }
        }
    }

    fn render_project(&self, out: &mut Out, pi: usize, width: usize) {
        let p = &self.projects[pi];
        out.open(&format!("projects/p{:0width$}.toml", p.number));
        out.line(&format!("# 重点プロジェクト{} {}", zen(p.number), p.name));
        out.line("");
        out.line("[[project]]");
        out.line(&format!("number = {}", p.number));
        let ps = p.name.as_str();
        out.kv(None, "name", ps, W::Text, ps);
        out.kv(Some(Loc::ProjectAim(pi)), "aim", &p.aim, W::Text, ps);
        out.kv(None, "background", &p.background, W::Text, ps);
        out.kv(
            None,
            "directions_heading",
            "取組の方向性・目指す地域の姿",
            W::Text,
            ps,
        );
        out.kv(
            None,
            "tables_heading",
            "取組の方向性・目指す地域の姿と対応する施策の展開方針",
            W::Text,
            ps,
        );
        out.arr(None, "marks", &[], W::Mark, ps);
        out.line("");
        out.line("[project.indicators]");
        out.kv(None, "baseline_label", BASELINE_LABEL, W::Value, "");
        out.kv(None, "target_label", TARGET_LABEL, W::Value, "");
        for ind in &p.indicators {
            out.line("");
            out.line("[[project.indicators.row]]");
            Self::render_indicator_table_row(out, ind);
        }
        for (di, d) in p.dirs.iter().enumerate() {
            let ds = d.title.as_str();
            out.line("");
            out.line("[[project.direction]]");
            out.kv(None, "title", ds, W::Text, ds);
            out.kv(Some(Loc::DirText(pi, di)), "text", &d.text, W::Text, ds);
            out.kv(None, "initiatives", &d.initiatives, W::Text, ds);
            out.arr(None, "marks", &d.marks, W::Mark, ds);
            out.line("");
            out.line("[project.direction.table]");
            out.kv(
                Some(Loc::TableHeading(pi, di)),
                "heading",
                &d.heading,
                W::Text,
                ds,
            );
            out.kv(None, "baseline_label", &d.baseline_label, W::Value, "");
            out.kv(
                Some(Loc::TableTargetLabel(pi, di)),
                "target_label",
                &d.target_label,
                W::Value,
                "",
            );
            out.arr(None, "marks", &d.table_marks, W::Mark, ds);
            for (ri, r) in d.rows.iter().enumerate() {
                self.render_row(out, (pi, di, ri), r);
            }
        }
        out.line("");
        out.line("[project.related]");
        out.mark(Some(Loc::ProjectPlans(pi)));
        let line = out.next_line();
        for plan in &p.plans {
            out.scan(W::RelatedPlan, plan, plan, line);
        }
        out.line(&format!("plans = {}", toml_list(&p.plans)));
        out.arr(None, "marks", &p.related_marks, W::Mark, "");
        if let Some(n) = &p.note {
            out.kv(None, "note", n, W::Mark, "");
        }
    }

    fn render_row(&self, out: &mut Out, (p, d, r): (usize, usize, usize), row: &Row) {
        let s = row.direction.as_str();
        out.line("");
        out.line("[[project.direction.table.row]]");
        let direction_line = out.next_line();
        out.kv(Some(Loc::RowDirection(p, d, r)), "direction", s, W::Id, s);
        if let Some(t) = &row.title {
            out.kv(Some(Loc::RowTitle(p, d, r)), "title", t, W::Text, s);
        }
        if let Some(t) = &row.initiative {
            out.kv(None, "initiative", t, W::Text, s);
        }
        match &row.ind {
            None => out.hit("PC403", direction_line, s),
            Some(ind) => {
                let ind_line = out.next_line();
                out.kv(
                    Some(Loc::RowIndicator(p, d, r)),
                    "indicator",
                    &ind.name,
                    W::Text,
                    s,
                );
                out.val(
                    Some(Loc::RowBaseline(p, d, r)),
                    "baseline",
                    &ind.baseline,
                    s,
                );
                out.val(Some(Loc::RowTarget(p, d, r)), "target", &ind.target, s);
                if let Some(y) = &ind.baseline_year {
                    out.kv(
                        Some(Loc::RowBaselineYear(p, d, r)),
                        "baseline_year",
                        y,
                        W::Value,
                        s,
                    );
                }
                if let Some(y) = &ind.target_year {
                    out.kv(None, "target_year", y, W::Value, s);
                }
                for v in [&ind.baseline, &ind.target] {
                    if *v == Val::Empty {
                        out.hit("PC403", ind_line, s);
                    }
                }
            }
        }
        match &row.page {
            Some(pg) => out.kv(None, "page", pg, W::Page, s),
            None => out.hit("PC402", direction_line, s),
        }
        if let Some(rule) = row.allow {
            out.mark(Some(Loc::RowAllow(p, d, r)));
            out.line(&format!(
                "allow = [{{ rule = {}, reason = \"施策ページの完成後に見直す\" }}]",
                toml_str(rule)
            ));
        }
    }

    /// An indicator as an inline table on its own line (summary entries).
    fn render_inline_indicator(out: &mut Out, loc: Option<Loc>, ind: &Ind) {
        out.mark(loc);
        let line = out.next_line();
        let s = ind.name.as_str();
        let mut fields = vec![format!("name = {}", toml_str(s))];
        out.scan(W::Text, s, s, line);
        for (k, v) in [("baseline", &ind.baseline), ("target", &ind.target)] {
            match v {
                Val::Empty => out.hit("PC403", line, s),
                Val::One(x) => {
                    out.scan(W::Value, x, s, line);
                    fields.push(format!("{k} = {}", toml_str(x)));
                }
                Val::Many(xs) => {
                    for x in xs {
                        out.scan(W::Value, x, s, line);
                    }
                    fields.push(format!("{k} = {}", toml_list(xs)));
                }
            }
        }
        for (k, y) in [
            ("baseline_year", &ind.baseline_year),
            ("target_year", &ind.target_year),
        ] {
            if let Some(y) = y {
                out.scan(W::Value, y, s, line);
                fields.push(format!("{k} = {}", toml_str(y)));
            }
        }
        out.line(&format!("  {{ {} }},", fields.join(", ")));
    }

    fn render_summary(&self, out: &mut Out) {
        out.open("summary.toml");
        out.line("# 重点プロジェクトの数値目標");
        out.line("[summary]");
        out.kv(None, "baseline_label", BASELINE_LABEL, W::Value, "");
        out.kv(None, "target_label", TARGET_LABEL, W::Value, "");
        out.arr(None, "marks", &self.summary_marks, W::Mark, "");
        for ind in &self.headline {
            out.line("");
            out.line("[[summary.headline]]");
            Self::render_indicator_table_row(out, ind);
        }
        for (g, grp) in self.groups.iter().enumerate() {
            out.line("");
            out.line("[[summary.project]]");
            out.kv(
                Some(Loc::SummaryGroup(g)),
                "project",
                &grp.printed,
                W::Text,
                &grp.printed,
            );
            out.line("indicators = [");
            for (i, ind) in grp.inds.iter().enumerate() {
                Self::render_inline_indicator(out, Some(Loc::SummaryInd(g, i)), ind);
            }
            out.line("]");
        }
    }

    fn render_sdgs(&self, out: &mut Out) {
        out.open("sdgs.toml");
        out.line("# 表１ ＳＤＧｓローカル指標");
        out.line("[sdgs]");
        out.kv(None, "title", "【表１：ＳＤＧｓローカル指標】", W::Text, "");
        for (i, r) in self.sdgs.iter().enumerate() {
            let s = r.measure.as_str();
            out.line("");
            out.line("[[sdgs.row]]");
            out.kv(None, "policy", &r.policy, W::Text, s);
            out.kv(Some(Loc::SdgsMeasure(i)), "measure", s, W::Id, s);
            out.kv(Some(Loc::SdgsName(i)), "name", &r.name, W::Text, s);
            out.arr(
                Some(Loc::SdgsIndicators(i)),
                "indicators",
                &r.indicators,
                W::Text,
                s,
            );
        }
    }

    fn render_strategy(&self, out: &mut Out) {
        out.open("strategy.toml");
        out.line("# 重点プロジェクトと国の総合戦略の関係");
        for (i, st) in self.strategy.iter().enumerate() {
            let s = st.pillar.as_str();
            out.line("");
            out.line("[[strategy]]");
            out.kv(None, "pillar", s, W::Text, s);
            out.kv(None, "national", &st.national, W::Text, s);
            out.arr(
                Some(Loc::StrategyProjects(i)),
                "projects",
                &st.projects,
                W::Text,
                s,
            );
            out.arr(None, "items", &st.items, W::Text, s);
        }
    }

    fn render_matrix(&self, out: &mut Out) {
        out.open("matrix.toml");
        out.line("# 重点施策との対応（○/◎ は各プロジェクトの対応表から描いたもの）");
        out.line("[matrix]");
        let columns: Vec<String> = self.projects.iter().map(|p| p.name.clone()).collect();
        out.arr(Some(Loc::MatrixColumns), "columns", &columns, W::Text, "");
        out.kv(
            None,
            "legend",
            "※対応する施策の展開方針が 1 つのみの場合は○、2 つ以上の場合は◎を記載しています。",
            W::Text,
            "",
        );
        out.arr(
            None,
            "marks",
            &["※施策ページの完成に合わせて最終調整を行います".to_string()],
            W::Mark,
            "",
        );
        let grid = self.implied();
        for (mi, m) in self.measures.iter().enumerate() {
            if self.mx.omit.contains(&mi) {
                continue;
            }
            let mut cells = self.drawn_cells(mi, &grid);
            if self.mx.extra.contains(&mi) {
                cells.push(String::new());
            }
            let touched = self.mx.extra.contains(&mi)
                || self.mx.dup.contains(&mi)
                || self.mx.policy.contains_key(&mi)
                || (0..self.projects.len()).any(|j| self.mx.cell.contains_key(&(mi, j)));
            if self.mx.sparse && !touched {
                for (j, symbol) in cells.iter().enumerate() {
                    if symbol.is_empty() {
                        continue;
                    }
                    out.line("");
                    out.line("[[matrix.mark]]");
                    out.kv(None, "measure", &m.id, W::Id, &m.id);
                    out.kv(None, "project", &columns[j], W::None, &m.id);
                    out.kv(None, "symbol", symbol, W::None, &m.id);
                }
                continue;
            }
            let copies = if self.mx.dup.contains(&mi) { 2 } else { 1 };
            for copy in 0..copies {
                let s = m.id.as_str();
                let policy = self
                    .mx
                    .policy
                    .get(&mi)
                    .cloned()
                    .unwrap_or_else(|| self.policies[m.policy].name.clone());
                out.line("");
                out.line("[[matrix.row]]");
                out.kv(
                    (copy == 0).then_some(Loc::MatrixPolicy(mi)),
                    "policy",
                    &policy,
                    W::Text,
                    s,
                );
                out.kv(Some(Loc::MatrixMeasure(mi, copy)), "measure", s, W::Id, s);
                out.kv(None, "name", &m.name, W::Text, s);
                out.arr(
                    Some(Loc::MatrixCells(mi, copy)),
                    "cells",
                    &cells,
                    W::None,
                    s,
                );
            }
        }
    }

    fn render_overview(&self, out: &mut Out) {
        out.open("overview.toml");
        out.line("# 概要版");
        out.line("[overview]");
        out.kv(
            None,
            "vision",
            "えがお咲く未来へ　持続可能な共生都市　みどり野",
            W::Text,
            "",
        );
        let sections = [
            (
                "どんな計画？",
                format!("総合計画とは、{CITY}の未来像やこれからのまちづくりの方針を示したもので、まちづくりの指針となるものです。"),
            ),
            (
                "重点プロジェクト",
                "緊急性・重要性が高く、優先して取り組むべき課題と解決に向けた取組を、施策横断的にプロジェクトとしてパッケージ化したものです。".to_string(),
            ),
        ];
        for (h, t) in &sections {
            out.line("");
            out.line("[[overview.section]]");
            out.kv(None, "heading", h, W::Text, "");
            out.kv(None, "text", t, W::Text, "");
        }
        for (title, text) in [
            (
                "活力ある拠点の形成を",
                "あらゆる産業を発展させ、活力あふれる拠点を形成します。",
            ),
            (
                "理想の共生社会の実現を",
                "様々な特性を理解し尊重し合い、理想の共生社会を実現します。",
            ),
        ] {
            out.line("");
            out.line("[[overview.mission]]");
            out.kv(None, "title", title, W::Text, title);
            out.kv(None, "text", text, W::Text, title);
        }
        for (title, text) in [
            (
                "協働による共創",
                "多様な主体が強みを生かして協力し、まちを共に創ります。",
            ),
            (
                "尊重による共生",
                "あらゆる多様性を尊重し、自分らしく過ごせるまちづくりを進めます。",
            ),
            (
                "変革による成長",
                "新たな考え方や先進的な技術を柔軟に取り入れ、着実に成長します。",
            ),
        ] {
            out.line("");
            out.line("[[overview.value]]");
            out.kv(None, "title", title, W::Text, title);
            out.kv(None, "text", text, W::Text, title);
        }
        for (name, themes) in &self.districts {
            out.line("");
            out.line("[[overview.district]]");
            out.kv(None, "name", name, W::Text, name);
            out.arr(None, "themes", themes, W::Text, name);
        }
        for (pi, p) in self.projects.iter().enumerate() {
            out.line("");
            out.line("[[overview.project]]");
            out.kv(None, "name", &p.name, W::Text, &p.name);
            out.arr(
                Some(Loc::OverviewDirs(pi)),
                "directions",
                &self.overview[pi],
                W::Text,
                &p.name,
            );
        }
    }

    fn render_prose(&self, out: &mut Out) {
        out.open("intro.toml");
        out.line("# 本文");
        for (i, (h, t)) in self.prose.iter().enumerate() {
            out.line("");
            out.line("[[prose]]");
            out.kv(Some(Loc::ProseHeading(i)), "heading", h, W::Text, "");
            out.kv(Some(Loc::ProseText(i)), "text", t, W::Text, "");
        }
        out.open("changes.toml");
        out.line("# 前回審議会からの主な変更点");
        out.line("");
        out.line("[[change]]");
        let topic = "重点プロジェクトの骨子";
        out.kv(None, "meeting", "第５回審議会", W::Text, topic);
        out.kv(None, "topic", topic, W::Text, topic);
        out.arr(
            None,
            "before",
            &[
                "1.重点プロジェクトの概要".to_string(),
                "2.取組方針".to_string(),
            ],
            W::Text,
            topic,
        );
        out.arr(
            None,
            "after",
            &["1.重点プロジェクトとは".to_string()],
            W::Text,
            topic,
        );
        out.kv(
            None,
            "reason",
            "審議会の意見を踏まえ、取組方針を「はじめに」に移動しました。",
            W::Text,
            topic,
        );
        for (i, (topic, before, after)) in self.changes.iter().enumerate() {
            out.line("");
            out.line("[[change]]");
            out.kv(None, "meeting", "第５回審議会", W::Text, topic);
            out.kv(None, "topic", topic, W::Text, topic);
            // 変更前 quotes the previous draft: not the plan's own wording (PC503–PC505)
            out.quoting = true;
            out.arr(None, "before", before, W::Text, topic);
            out.quoting = false;
            out.arr(Some(Loc::ChangeAfter(i)), "after", after, W::Text, topic);
        }
    }

    fn render_config(&self, out: &mut Out) {
        out.open("plancheck.toml");
        out.line("# plancheck configuration (not plan data)");
        out.line("[rules]");
        out.line("");
        out.line("[[notation.variant]]");
        out.line("preferred = \"取組\"");
        out.line("variants = [\"取り組み\"]");
        out.line("except = [\"取り組みます\", \"取り組む\", \"取り組ん\", \"に取り組み、\"]");
        out.line("");
        out.line("[[notation.variant]]");
        out.line("preferred = \"全て\"");
        out.line("variants = [\"すべて\"]");
        out.line("");
        out.line("[[notation.variant]]");
        out.line("preferred = \"人材\"");
        out.line("variants = [\"人財\"]");
    }
}
