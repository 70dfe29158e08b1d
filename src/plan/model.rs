//! The typed model of a comprehensive plan. Every field a finding may point at is
//! [`toml::Spanned`]; records remember the file they came from through [`Located`].

use crate::plan::source::{FileId, SourceFile};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;
use std::ops::{Deref, Range};
use toml::Spanned;

pub type S<T> = Spanned<T>;
pub type Text = Spanned<String>;

/// A record and the file it was read from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub file: FileId,
    pub item: T,
}

impl<T> Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.item
    }
}

/// The whole plan, merged from every file of the folder.
#[derive(Debug, Default)]
pub struct Plan {
    /// The plan folder as given on the command line.
    pub root: String,
    pub files: Vec<SourceFile>,
    pub meta: Option<Located<PlanMeta>>,
    pub policies: Vec<Located<Policy>>,
    pub measures: Vec<Located<Measure>>,
    pub projects: Vec<Located<Project>>,
    pub summary: Option<Located<Summary>>,
    pub sdgs: Option<Located<Sdgs>>,
    pub strategy: Vec<Located<Strategy>>,
    pub matrix: Option<Located<Matrix>>,
    pub overview: Option<Located<Overview>>,
    pub prose: Vec<Located<Prose>>,
    pub changes: Vec<Located<Change>>,
    /// `allow = [...]` entries found on records.
    pub suppressions: Vec<crate::plan::allow::Suppression>,
    /// Files of the plan folder that are not read (not `*.toml`), relative, `/` separated.
    pub unread_files: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    pub name: Text,
    pub period: Option<Text>,
    pub baseline_year: Option<Text>,
    pub target_year: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: Text,
    pub name: Text,
    pub goal: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: Text,
    pub policy: Option<Text>,
    pub name: Text,
    #[serde(default)]
    pub direction: Vec<DeclaredDirection>,
}

/// A policy direction declared in the measure catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredDirection {
    pub id: Text,
    pub title: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub number: S<i64>,
    pub name: Text,
    pub aim: Option<Text>,
    pub background: Option<Text>,
    pub directions_heading: Option<Text>,
    pub tables_heading: Option<Text>,
    #[serde(default)]
    pub marks: Vec<Text>,
    pub indicators: Option<IndicatorTable>,
    #[serde(default)]
    pub direction: Vec<ProjectDirection>,
    pub related: Option<RelatedPlans>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTable {
    pub baseline_label: Option<Text>,
    pub target_label: Option<Text>,
    #[serde(default)]
    pub row: Vec<Indicator>,
}

/// An indicator printed with its own name (project indicators, summary tables).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: Text,
    pub baseline: Option<S<Printed>>,
    pub target: Option<S<Printed>>,
    pub baseline_year: Option<Text>,
    pub target_year: Option<Text>,
}

/// 取組の方向性: one of a project's directions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectDirection {
    pub title: Text,
    pub text: Option<Text>,
    pub initiatives: Option<Text>,
    #[serde(default)]
    pub marks: Vec<Text>,
    pub table: Option<DirectionTable>,
}

/// The 「…と対応する施策の展開方針」 table under a project direction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectionTable {
    pub heading: Option<Text>,
    pub baseline_label: Option<Text>,
    pub target_label: Option<Text>,
    #[serde(default)]
    pub marks: Vec<Text>,
    #[serde(default)]
    pub row: Vec<TableRow>,
}

/// One printed row of a direction table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// The cited direction as printed: `1-1 方針１`, `1-2 方針４関係`.
    pub direction: Text,
    pub title: Option<Text>,
    pub initiative: Option<Text>,
    pub indicator: Option<Text>,
    pub baseline: Option<S<Printed>>,
    pub target: Option<S<Printed>>,
    pub baseline_year: Option<Text>,
    pub target_year: Option<Text>,
    pub page: Option<Text>,
    /// `direction` parsed, on first use (the rules ask for it many times).
    #[serde(skip)]
    pub reference: Derived<Option<crate::plan::normalize::DirectionRef>>,
}

/// A value derived from a record's fields, computed once on first use and left out of
/// comparisons (two records are equal by what they print).
#[derive(Debug, Clone, Default)]
pub struct Derived<T>(std::sync::OnceLock<T>);

impl<T> Derived<T> {
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }
}

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedPlans {
    #[serde(default)]
    pub plans: Vec<Text>,
    #[serde(default)]
    pub marks: Vec<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub baseline_label: Option<Text>,
    pub target_label: Option<Text>,
    #[serde(default)]
    pub marks: Vec<Text>,
    #[serde(default)]
    pub headline: Vec<Indicator>,
    #[serde(default)]
    pub project: Vec<SummaryProject>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryProject {
    /// The project as printed, e.g. `１ 少子高齢化対策プロジェクト`.
    pub project: Text,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sdgs {
    pub title: Option<Text>,
    #[serde(default)]
    pub row: Vec<SdgsRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdgsRow {
    pub policy: Option<Text>,
    pub measure: Text,
    pub name: Option<Text>,
    #[serde(default)]
    pub indicators: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub pillar: Text,
    pub national: Option<Text>,
    #[serde(default)]
    pub projects: Vec<Text>,
    #[serde(default)]
    pub items: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matrix {
    pub columns: Vec<Text>,
    pub legend: Option<Text>,
    #[serde(default)]
    pub marks: Vec<Text>,
    #[serde(default)]
    pub row: Vec<MatrixRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixRow {
    pub policy: Option<Text>,
    pub measure: Text,
    pub name: Option<Text>,
    pub cells: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    pub vision: Option<Text>,
    #[serde(default)]
    pub section: Vec<Prose>,
    #[serde(default)]
    pub mission: Vec<TitledText>,
    #[serde(default)]
    pub value: Vec<TitledText>,
    #[serde(default)]
    pub district: Vec<District>,
    #[serde(default)]
    pub project: Vec<OverviewProject>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitledText {
    pub title: Text,
    pub text: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub name: Text,
    #[serde(default)]
    pub themes: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverviewProject {
    pub name: Text,
    #[serde(default)]
    pub directions: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prose {
    pub heading: Text,
    pub text: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub meeting: Option<Text>,
    pub topic: Text,
    #[serde(default)]
    pub before: Vec<Text>,
    #[serde(default)]
    pub after: Vec<Text>,
    pub reason: Option<Text>,
}

/// A value cell as printed: one text, or several sub-values (`小学校 94.2%` / `中学校 87.4%`).
#[derive(Debug, Clone, PartialEq)]
pub enum Printed {
    One(String),
    Many(Vec<Text>),
}

impl Printed {
    /// Each printed part with its span; a single value spans the whole cell.
    pub fn parts<'a>(&'a self, whole: &Range<usize>) -> Vec<(&'a str, Range<usize>)> {
        match self {
            Printed::One(s) => vec![(s.as_str(), whole.clone())],
            Printed::Many(v) => v.iter().map(|t| (t.get_ref().as_str(), t.span())).collect(),
        }
    }

    /// Whether nothing but white space is printed: an empty cell written as `""`.
    pub fn is_blank(&self) -> bool {
        match self {
            Printed::One(s) => s.trim().is_empty(),
            Printed::Many(v) => v.iter().all(|t| t.get_ref().trim().is_empty()),
        }
    }

    /// The printed text, sub-values joined by ` / `.
    pub fn text(&self) -> String {
        match self {
            Printed::One(s) => s.clone(),
            Printed::Many(v) => v
                .iter()
                .map(|t| t.get_ref().as_str())
                .collect::<Vec<_>>()
                .join(" / "),
        }
    }
}

impl<'de> Deserialize<'de> for Printed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Printed;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Printed, E> {
                Ok(Printed::One(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Printed, A::Error> {
                let mut parts = Vec::new();
                while let Some(p) = seq.next_element::<Text>()? {
                    parts.push(p);
                }
                Ok(Printed::Many(parts))
            }
        }
        d.deserialize_any(V)
    }
}
