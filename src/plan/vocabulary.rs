//! The plan's document vocabulary, `[vocabulary]` in `plancheck.toml`: how the city writes
//! measure ids and policy direction ids, the mark of a related initiative, its placeholder
//! words and the names of its sections in messages.
//!
//! The defaults are the conventions of the plan format's first plan. This module is the one
//! place of `src/` (outside tests and rule documentation) where those document words are
//! written; everything else reads them from a [`Vocabulary`] (tests/vocabulary_boundary.rs
//! enforces it).

use crate::finding::Finding;
use crate::msg;
use crate::plan::load::codes;
use crate::plan::model::Text;
use crate::plan::normalize::key;
use crate::plan::source::FileId;
use schemars::JsonSchema;
use serde::Deserialize;

fn text(s: &str) -> Text {
    Text::new(0..0, s.to_string())
}

fn texts(words: &[&str]) -> Vec<Text> {
    words.iter().map(|w| text(w)).collect()
}

/// `[vocabulary]`: the words and id shapes of the plan's document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// 施策番号の形（[vocabulary.measure_id]）。
    ///
    /// The shape of a measure id, [vocabulary.measure_id].
    #[serde(default)]
    pub measure_id: MeasureIdShape,
    /// 施策の展開方針の ID の形。{measure} が施策番号、{n} が方針の番号（桁数・全角半角は問いません）。既定は "{measure} 方針{n}"（例: 1-1 方針１）。
    ///
    /// The form of a policy direction id: {measure} stands for the measure id, {n} for the direction's number (any width, any number of digits). Default "{measure} 方針{n}" (e.g. 1-1 方針１).
    #[serde(default = "Vocabulary::default_direction_id")]
    #[schemars(with = "String")]
    pub direction_id: Text,
    /// 対応表の行が関連する取組であることを示す、ID の後に付ける語。既定は「関係」（例: 1-2 方針４関係）。
    ///
    /// The word written after a direction id to mark a related initiative; default 「関係」 (e.g. 1-2 方針４関係).
    #[serde(default = "Vocabulary::default_related_marker")]
    #[schemars(with = "String")]
    pub related_marker: Text,
    /// 未確定箇所の語（[vocabulary.placeholders]）。
    ///
    /// The placeholder words, [vocabulary.placeholders].
    #[serde(default)]
    pub placeholders: PlaceholderWords,
    /// メッセージで使う節の名前（[vocabulary.sections]）。
    ///
    /// The section names used in messages, [vocabulary.sections].
    #[serde(default)]
    pub sections: SectionNames,
}

/// `[vocabulary.measure_id]`: levels and separator of a measure id (`1-1`, `1-2-3`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureIdShape {
    /// 施策番号の段数。既定は 2（例: 1-1）。3 なら 1-2-3 の形です。
    ///
    /// The number of levels of a measure id; default 2 (e.g. 1-1), 3 for 1-2-3.
    #[serde(default = "MeasureIdShape::default_levels")]
    #[schemars(with = "u32")]
    pub levels: toml::Spanned<i64>,
    /// 段の区切り。既定は "-"。
    ///
    /// The separator between levels; default "-".
    #[serde(default = "MeasureIdShape::default_separator")]
    #[schemars(with = "String")]
    pub separator: Text,
}

/// `[vocabulary.placeholders]`: the words that mark what is not written yet, per kind.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderWords {
    /// 値や表がまだ決まっていないことを示す語。既定は「調整中」。
    ///
    /// Words standing for a value or table not settled yet; default 「調整中」.
    #[serde(default = "PlaceholderWords::default_open_value")]
    #[schemars(with = "Vec<String>")]
    pub open_value: Vec<Text>,
    /// 参考ページの未記入を示す語。既定は「Ｐ.○」。
    ///
    /// Words of a page reference not filled in; default 「Ｐ.○」.
    #[serde(default = "PlaceholderWords::default_page_reference")]
    #[schemars(with = "Vec<String>")]
    pub page_reference: Vec<Text>,
    /// グラフ・写真の枠を示す語。既定は「関連するグラフ」。
    ///
    /// Words of a box reserved for a graph or photo; default 「関連するグラフ」.
    #[serde(default = "PlaceholderWords::default_figure")]
    #[schemars(with = "Vec<String>")]
    pub figure: Vec<Text>,
    /// 関連計画が策定前であることを示す語。既定は「（案）」。
    ///
    /// Words marking a related plan still a draft; default 「（案）」.
    #[serde(default = "PlaceholderWords::default_draft_plan")]
    #[schemars(with = "Vec<String>")]
    pub draft_plan: Vec<Text>,
    /// 今後調整する旨の注記の書き出し。既定は「※」。
    ///
    /// How a to-be-settled note begins; default 「※」.
    #[serde(default = "PlaceholderWords::default_note")]
    #[schemars(with = "Vec<String>")]
    pub note: Vec<Text>,
}

/// `[vocabulary.sections]`: the plan's own names for its parts, quoted by messages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionNames {
    /// 施策（[[measure]]）の呼び名。既定は「施策」。
    ///
    /// The plan's name for a measure ([[measure]]); default 「施策」.
    #[serde(default = "SectionNames::default_measure")]
    #[schemars(with = "String")]
    pub measure: Text,
    /// 施策の展開方針（[[measure.direction]]）の呼び名。既定は「施策の展開方針」。
    ///
    /// The plan's name for a policy direction ([[measure.direction]]); default 「施策の展開方針」.
    #[serde(default = "SectionNames::default_direction")]
    #[schemars(with = "String")]
    pub direction: Text,
    /// 施策の展開方針の短い呼び名。既定は「方針」。
    ///
    /// The short name of a policy direction; default 「方針」.
    #[serde(default = "SectionNames::default_direction_short")]
    #[schemars(with = "String")]
    pub direction_short: Text,
    /// 計画全体の指標（[[summary.headline]]）の呼び名。既定は「えがお咲く指標」。
    ///
    /// The plan's name for its headline indicators ([[summary.headline]]); default 「えがお咲く指標」.
    #[serde(default = "SectionNames::default_headline")]
    #[schemars(with = "String")]
    pub headline: Text,
}

impl Vocabulary {
    fn default_direction_id() -> Text {
        text("{measure} 方針{n}")
    }
    fn default_related_marker() -> Text {
        text("関係")
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            measure_id: MeasureIdShape::default(),
            direction_id: Self::default_direction_id(),
            related_marker: Self::default_related_marker(),
            placeholders: PlaceholderWords::default(),
            sections: SectionNames::default(),
        }
    }
}

impl MeasureIdShape {
    fn default_levels() -> toml::Spanned<i64> {
        toml::Spanned::new(0..0, 2)
    }
    fn default_separator() -> Text {
        text("-")
    }
}

impl Default for MeasureIdShape {
    fn default() -> Self {
        MeasureIdShape {
            levels: Self::default_levels(),
            separator: Self::default_separator(),
        }
    }
}

impl PlaceholderWords {
    fn default_open_value() -> Vec<Text> {
        texts(&["調整中"])
    }
    fn default_page_reference() -> Vec<Text> {
        texts(&["Ｐ.○"])
    }
    fn default_figure() -> Vec<Text> {
        texts(&["関連するグラフ"])
    }
    fn default_draft_plan() -> Vec<Text> {
        texts(&["（案）"])
    }
    fn default_note() -> Vec<Text> {
        texts(&["※"])
    }
}

impl Default for PlaceholderWords {
    fn default() -> Self {
        PlaceholderWords {
            open_value: Self::default_open_value(),
            page_reference: Self::default_page_reference(),
            figure: Self::default_figure(),
            draft_plan: Self::default_draft_plan(),
            note: Self::default_note(),
        }
    }
}

impl SectionNames {
    fn default_measure() -> Text {
        text("施策")
    }
    fn default_direction() -> Text {
        text("施策の展開方針")
    }
    fn default_direction_short() -> Text {
        text("方針")
    }
    fn default_headline() -> Text {
        text("えがお咲く指標")
    }
}

impl Default for SectionNames {
    fn default() -> Self {
        SectionNames {
            measure: Self::default_measure(),
            direction: Self::default_direction(),
            direction_short: Self::default_direction_short(),
            headline: Self::default_headline(),
        }
    }
}

/// A part of a direction-id pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Measure,
    Number,
}

/// Splits a pattern into literals and `{measure}` / `{n}`; `Err` names an unknown `{…}`.
fn parts(pattern: &str) -> Result<Vec<Part>, String> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Part::Literal(rest[..open].to_string()));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(rest[open..].to_string());
        };
        let name = &rest[open + 1..open + close];
        out.push(match name {
            "measure" => Part::Measure,
            "n" => Part::Number,
            _ => return Err(format!("{{{name}}}")),
        });
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Part::Literal(rest.to_string()));
    }
    Ok(out)
}

/// A direction id read with the vocabulary: `(measure, number, related)`.
pub type ParsedDirection = (String, u32, bool);

impl Vocabulary {
    /// The first word of a placeholder list, for messages (empty when the list is empty).
    pub fn first(words: &[Text]) -> &str {
        words.first().map_or("", |w| w.get_ref().as_str())
    }

    /// Whether `s` (normalised) is a measure id of the configured shape: `levels` runs of
    /// ASCII digits joined by the separator.
    pub fn is_measure_id(&self, s: &str) -> bool {
        let sep = key(self.measure_id.separator.get_ref());
        if sep.is_empty() {
            return false;
        }
        let levels = *self.measure_id.levels.get_ref();
        let pieces: Vec<&str> = s.split(sep.as_str()).collect();
        pieces.len() as i64 == levels
            && pieces
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    }

    /// Reads a printed direction id (any width, any spacing), with or without the related
    /// marker after it.
    pub fn parse_direction(&self, printed: &str) -> Option<ParsedDirection> {
        let k = key(printed);
        let marker = key(self.related_marker.get_ref());
        let (body, related) = match k.strip_suffix(marker.as_str()) {
            Some(b) if !marker.is_empty() => (b, true),
            _ => (k.as_str(), false),
        };
        let parts = parts(self.direction_id.get_ref()).ok()?;
        let (measure, number) = match_parts(&parts, body, |s| self.is_measure_id(s))?;
        Some((measure, number.parse().ok()?, related))
    }

    /// The normalised direction id of `measure`'s direction `number`, as the pattern writes
    /// it (`1-1 方針1`).
    pub fn direction_id(&self, measure: &str, number: u32) -> String {
        self.render(measure, &number.to_string())
    }

    /// The pattern with `measure` and `number` put in.
    pub fn render(&self, measure: &str, number: &str) -> String {
        let mut out = String::new();
        for p in parts(self.direction_id.get_ref()).unwrap_or_default() {
            match p {
                Part::Literal(l) => out.push_str(&l),
                Part::Measure => out.push_str(measure),
                Part::Number => out.push_str(number),
            }
        }
        out
    }

    /// An example measure id of the configured shape: `1-1`, `1-1-1`.
    pub fn example_measure(&self) -> String {
        let levels = (*self.measure_id.levels.get_ref()).clamp(1, 9) as usize;
        vec!["1"; levels].join(self.measure_id.separator.get_ref())
    }

    /// An example direction id as a plan prints it: `1-1 方針１`.
    pub fn example_direction(&self) -> String {
        self.render(&self.example_measure(), "１")
    }

    /// The pattern for messages, `<measure> 方針<n>`.
    pub fn pattern_shown(&self) -> String {
        self.render("<measure>", "<n>")
    }

    /// The same, with the related marker: `1-1 方針１関係`.
    pub fn example_related(&self) -> String {
        format!(
            "{}{}",
            self.example_direction(),
            self.related_marker.get_ref()
        )
    }

    /// Whether a draft-plan word stands in `s` (normalised comparison).
    pub fn has_draft_mark(&self, s: &str) -> bool {
        let k = key(s);
        self.placeholders
            .draft_plan
            .iter()
            .any(|w| !w.get_ref().is_empty() && k.contains(&key(w.get_ref())))
    }

    /// `s` without its trailing draft-plan words (normalised comparison), and whether any
    /// was there.
    pub fn strip_draft_marks<'s>(&self, s: &'s str) -> (&'s str, bool) {
        let mut s = s.trim_end();
        let mut stripped = false;
        'outer: loop {
            for w in &self.placeholders.draft_plan {
                let w = w.get_ref();
                if w.is_empty() {
                    continue;
                }
                // the printed form and its half-width form
                for form in [w.clone(), crate::plan::normalize::text(w)] {
                    if let Some(rest) = s.strip_suffix(form.as_str()) {
                        s = rest.trim_end();
                        stripped = true;
                        continue 'outer;
                    }
                }
            }
            return (s, stripped);
        }
    }

    /// The normalised key of a name without its trailing draft-plan words.
    pub fn draft_free_key(&self, printed: &str) -> String {
        let mut k = key(printed);
        'outer: loop {
            for w in &self.placeholders.draft_plan {
                let w = key(w.get_ref());
                if !w.is_empty()
                    && let Some(rest) = k.strip_suffix(w.as_str())
                {
                    k = rest.to_string();
                    continue 'outer;
                }
            }
            return k;
        }
    }

    /// Validates the vocabulary, reporting each unusable value at its place in `file`.
    pub(crate) fn validate(&self, file: FileId, errors: &mut Vec<Finding>) -> bool {
        let before = errors.len();
        let levels = &self.measure_id.levels;
        let l = *levels.get_ref();
        if !(1..=9).contains(&l) {
            errors.push(
                codes::INVALID
                    .at(
                        file,
                        levels.span(),
                        msg!(
                            "[vocabulary.measure_id] の levels「{l}」は使えません",
                            "invalid levels `{l}` in [vocabulary.measure_id]"
                        ),
                    )
                    .help(msg!(
                        "1 から 9 までの数を指定してください（1-1 なら 2、1-2-3 なら 3）。",
                        "use a number from 1 to 9 (2 for ids like 1-1, 3 for 1-2-3)"
                    )),
            );
        }
        let sep = &self.measure_id.separator;
        let s = sep.get_ref();
        let k = key(s);
        if k.is_empty() || k.chars().any(|c| c.is_ascii_digit()) {
            errors.push(
                codes::INVALID
                    .at(
                        file,
                        sep.span(),
                        msg!(
                            "[vocabulary.measure_id] の separator「{s}」では施策番号の段を区切れません",
                            "separator `{s}` in [vocabulary.measure_id] cannot separate the levels of a measure id"
                        ),
                    )
                    .help(msg!(
                        "数字を含まない、空白以外の文字を指定してください（例: separator = \"-\" なら 1-2）。",
                        "use characters other than digits and spaces, e.g. separator = \"-\" for 1-2"
                    )),
            );
        }
        let marker = &self.related_marker;
        let m = marker.get_ref();
        if key(m).is_empty() || key(m).chars().any(|c| c.is_ascii_digit()) {
            errors.push(
                codes::INVALID
                    .at(
                        file,
                        marker.span(),
                        msg!(
                            "[vocabulary] の related_marker「{m}」は使えません",
                            "invalid related_marker `{m}` in [vocabulary]"
                        ),
                    )
                    .help(msg!(
                        "数字を含まない語を指定してください（例: related_marker = \"関連\"）。",
                        "use a word without digits, e.g. related_marker = \"関連\""
                    )),
            );
        }
        if errors.len() == before {
            self.validate_direction_id(file, errors);
        }
        for (table, words) in [
            ("open_value", &self.placeholders.open_value),
            ("page_reference", &self.placeholders.page_reference),
            ("figure", &self.placeholders.figure),
            ("draft_plan", &self.placeholders.draft_plan),
            ("note", &self.placeholders.note),
        ] {
            for w in words {
                if w.get_ref().trim().is_empty() {
                    errors.push(
                        codes::INVALID
                            .at(
                                file,
                                w.span(),
                                msg!(
                                    "[vocabulary.placeholders] の {table} に空の語があります",
                                    "an empty word in {table} of [vocabulary.placeholders]"
                                ),
                            )
                            .help(msg!(
                                "語を書くか、その要素を削除してください。",
                                "write a word or remove the entry"
                            )),
                    );
                }
            }
        }
        for (name, t) in [
            ("measure", &self.sections.measure),
            ("direction", &self.sections.direction),
            ("direction_short", &self.sections.direction_short),
        ] {
            if t.get_ref().trim().is_empty() {
                errors.push(
                    codes::INVALID
                        .at(
                            file,
                            t.span(),
                            msg!(
                                "[vocabulary.sections] の {name} が空です",
                                "{name} in [vocabulary.sections] is empty"
                            ),
                        )
                        .help(msg!(
                            "計画書で使っている呼び名を書いてください。",
                            "write the name the plan uses"
                        )),
                );
            }
        }
        errors.len() == before
    }

    fn validate_direction_id(&self, file: FileId, errors: &mut Vec<Finding>) {
        let pattern = &self.direction_id;
        let p = pattern.get_ref();
        let example = self.example_direction();
        let problem: Option<(String, String)> = match parts(p) {
            Err(bad) => Some((
                format!("「{bad}」は使えません（使えるのは {{measure}} と {{n}} です）"),
                format!("`{bad}` is not a placeholder (use {{measure}} and {{n}})"),
            )),
            Ok(parts) => {
                let count = |x: &Part| parts.iter().filter(|p| *p == x).count();
                if count(&Part::Measure) != 1 || count(&Part::Number) != 1 {
                    Some((
                        "{measure} と {n} をそれぞれ 1 回ずつ書いてください".to_string(),
                        "write {measure} and {n} once each".to_string(),
                    ))
                } else if parts.windows(2).any(|w| {
                    matches!(
                        w,
                        [Part::Measure, Part::Number] | [Part::Number, Part::Measure]
                    )
                }) || parts.iter().any(
                    |p| matches!(p, Part::Literal(l) if key(l).chars().any(|c| c.is_ascii_digit())),
                ) {
                    Some((
                        "{measure} と {n} の間に、数字ではない語が必要です".to_string(),
                        "{measure} and {n} must be separated by a word that is not a number"
                            .to_string(),
                    ))
                } else {
                    let read = self.parse_direction(&example);
                    let related = self.parse_direction(&self.example_related());
                    let measure = self.example_measure();
                    let ok = read == Some((key(&measure), 1, false))
                        && related == Some((key(&measure), 1, true));
                    (!ok).then(|| {
                        (
                            format!("この形に合う ID はありません（「{example}」も読めません）"),
                            format!("no id can match this pattern (not even `{example}`)"),
                        )
                    })
                }
            }
        };
        if let Some((ja, en)) = problem {
            errors.push(
                codes::INVALID
                    .at(
                        file,
                        pattern.span(),
                        msg!(
                            "[vocabulary] の direction_id「{p}」は使えません: {ja}",
                            "invalid direction_id `{p}` in [vocabulary]: {en}"
                        ),
                    )
                    .help(msg!(
                        "施策番号を {{measure}}、方針の番号を {{n}} として書いてください（例: direction_id = \"{{measure}} 施策の方向{{n}}\" なら「1-2-3 施策の方向１」を読みます）。",
                        "write the measure id as {{measure}} and the number as {{n}}, e.g. direction_id = \"{{measure}} 施策の方向{{n}}\" reads 「1-2-3 施策の方向１」"
                    )),
            );
        }
    }
}

/// Matches normalised `body` against the pattern's parts: literals compare normalised,
/// `{n}` takes ASCII digits, `{measure}` what `is_measure` accepts. Returns the measure and
/// the digits.
fn match_parts(
    parts: &[Part],
    body: &str,
    is_measure: impl Fn(&str) -> bool,
) -> Option<(String, String)> {
    // literals normalised; placeholders matched between them
    let mut rest = body;
    let mut measure = None;
    let mut number = None;
    let mut i = 0;
    while i < parts.len() {
        match &parts[i] {
            Part::Literal(l) => {
                rest = rest.strip_prefix(key(l).as_str())?;
            }
            slot => {
                // the text up to the next literal (or the end) fills the slot
                let value = match parts.get(i + 1) {
                    Some(Part::Literal(next)) => {
                        let next = key(next);
                        if next.is_empty() {
                            rest
                        } else {
                            let at = rest.find(next.as_str())?;
                            &rest[..at]
                        }
                    }
                    _ => rest,
                };
                rest = &rest[value.len()..];
                match slot {
                    Part::Measure => measure = Some(value.to_string()),
                    _ => number = Some(value.to_string()),
                }
            }
        }
        i += 1;
    }
    let (measure, number) = (measure?, number?);
    (rest.is_empty()
        && is_measure(&measure)
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit()))
    .then_some((measure, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(toml_text: &str) -> Vocabulary {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn defaults_read_the_first_plans_ids() {
        let v = Vocabulary::default();
        assert_eq!(
            v.parse_direction("1-6 方針 1"),
            Some(("1-6".into(), 1, false))
        );
        assert_eq!(
            v.parse_direction("１-２ 方針４関係"),
            Some(("1-2".into(), 4, true))
        );
        assert_eq!(v.direction_id("3-2", 12), "3-2 方針12");
        assert_eq!(v.parse_direction("方針1"), None);
        assert_eq!(v.parse_direction("1-1 方針"), None);
        assert_eq!(v.parse_direction("1-1-1 方針1"), None);
        assert!(v.is_measure_id("12-3") && !v.is_measure_id("1-2-3"));
    }

    #[test]
    fn another_vocabulary_reads_its_own_ids() {
        let v = vocab(
            "direction_id = \"{measure} 施策の方向（{n}）\"\nrelated_marker = \"関連\"\n[measure_id]\nlevels = 3\n",
        );
        assert_eq!(
            v.parse_direction("１-２-３ 施策の方向（１０）関連"),
            Some(("1-2-3".into(), 10, true))
        );
        assert_eq!(
            v.parse_direction("1-2-3 施策の方向(2)"),
            Some(("1-2-3".into(), 2, false))
        );
        assert_eq!(v.parse_direction("1-2 施策の方向(2)"), None);
        assert_eq!(v.direction_id("1-2-3", 2), "1-2-3 施策の方向（2）");
        // the number before the keyword
        let v = vocab("direction_id = \"{measure} 第{n}方向\"");
        assert_eq!(
            v.parse_direction("1-2 第３方向"),
            Some(("1-2".into(), 3, false))
        );
    }

    #[test]
    fn patterns_that_match_no_id_are_errors() {
        for bad in [
            "direction_id = \"{measure}{n}\"",
            "direction_id = \"{measure} 方向\"",
            "direction_id = \"{measure} 方向{number}\"",
            "direction_id = \"{measure} 方向{n} {n}\"",
            "direction_id = \"{measure} 1方向{n}\"",
            "[measure_id]\nlevels = 0",
            "[measure_id]\nseparator = \"\"",
            "related_marker = \"\"",
        ] {
            let mut errors = Vec::new();
            assert!(!vocab(bad).validate(0, &mut errors), "{bad}");
            assert_eq!(errors.len(), 1, "{bad}");
        }
        let mut errors = Vec::new();
        assert!(Vocabulary::default().validate(0, &mut errors));
        assert!(errors.is_empty());
    }

    #[test]
    fn draft_marks_strip_in_either_width() {
        let v = Vocabulary::default();
        assert_eq!(v.strip_draft_marks("計画（案）"), ("計画", true));
        assert_eq!(v.strip_draft_marks("計画 (案)"), ("計画", true));
        assert_eq!(v.strip_draft_marks("計画"), ("計画", false));
        assert!(v.has_draft_mark("計画(案)"));
    }

    #[test]
    fn an_empty_or_numbered_related_marker_is_named_as_such() {
        for (text, en) in [
            (
                "related_marker = \"\"",
                "invalid related_marker `` in [vocabulary]",
            ),
            (
                "related_marker = \"関連2\"",
                "invalid related_marker `関連2` in [vocabulary]",
            ),
        ] {
            let mut errors = Vec::new();
            assert!(!vocab(text).validate(0, &mut errors), "{text}");
            let messages: Vec<&str> = errors.iter().map(|e| e.message.en.as_str()).collect();
            assert_eq!(messages, [en], "{text}");
        }
    }

    #[test]
    fn a_pattern_ending_in_the_related_marker_reads_no_plain_id() {
        // 「1-1 方針1関連」 loses its 関連 as the marker and no longer matches the pattern
        let mut errors = Vec::new();
        let v = vocab("direction_id = \"{measure} 方針{n}関連\"\nrelated_marker = \"関連\"");
        assert!(!v.validate(0, &mut errors));
        let messages: Vec<&str> = errors.iter().map(|e| e.message.en.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with(
                "invalid direction_id `{measure} 方針{n}関連` in [vocabulary]: no id can match this pattern"
            ),
            "{messages:?}"
        );
    }
}
