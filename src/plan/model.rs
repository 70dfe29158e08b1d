//! The typed model of a comprehensive plan. Every field a finding may point at is
//! [`toml::Spanned`]; records remember the file they came from through [`Located`].

use crate::plan::source::{FileId, SourceFile};
use schemars::JsonSchema;
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
    /// The document vocabulary of the configuration (`[vocabulary]`), defaults without one.
    pub vocabulary: crate::plan::vocabulary::Vocabulary,
}

// Field doc comments are also the JSON Schema's descriptions (`schema/plan.schema.json`), which
// an editor shows on hover: Japanese first, then English, separated by a blank line. Every
// `Spanned` field names its plain type for the schema with `#[schemars(with = …)]`.

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    /// 計画の名称（表紙に印刷されたとおり）。
    ///
    /// The plan's name, as printed on its cover.
    #[schemars(with = "String")]
    pub name: Text,
    /// 計画期間（例: 令和７年度～令和11年度）。
    ///
    /// The plan period as printed, e.g. 令和７年度～令和11年度.
    #[schemars(with = "Option<String>")]
    pub period: Option<Text>,
    /// 現状値の基準年度（例: 令和５年度）。
    ///
    /// The standard year of the baseline values (現状値), e.g. 令和５年度.
    #[schemars(with = "Option<String>")]
    pub baseline_year: Option<Text>,
    /// 目標値の目標年度（例: 令和１１年度）。
    ///
    /// The standard year of the targets (目標値), e.g. 令和１１年度.
    #[schemars(with = "Option<String>")]
    pub target_year: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// 政策番号（例: "1"）。
    ///
    /// The policy's number, e.g. "1".
    #[schemars(with = "String")]
    pub id: Text,
    /// 政策の名称。
    ///
    /// The policy's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// 政策のゴール。
    ///
    /// The policy's goal (政策のゴール).
    #[schemars(with = "Option<String>")]
    pub goal: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// 施策番号（例: "1-1"）。
    ///
    /// The measure's number, e.g. "1-1".
    #[schemars(with = "String")]
    pub id: Text,
    /// この重点施策が属する政策の番号（例: "1"）。
    ///
    /// The number of the policy this measure belongs to, e.g. "1".
    #[schemars(with = "Option<String>")]
    pub policy: Option<Text>,
    /// 重点施策の名称。
    ///
    /// The measure's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// 施策の展開方針の一覧（[[measure.direction]]）。
    ///
    /// The measure's policy directions (施策の展開方針), [[measure.direction]].
    #[serde(default)]
    pub direction: Vec<DeclaredDirection>,
}

/// A policy direction declared in the measure catalogue.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredDirection {
    /// 施策の展開方針の ID（「施策番号 方針番号」、例: "1-1 方針１"）。
    ///
    /// The direction's id, "<measure> 方針<n>", e.g. "1-1 方針１".
    #[schemars(with = "String")]
    pub id: Text,
    /// 施策の展開方針の見出し。関係行でしか名前が出ない方針では省きます。
    ///
    /// The direction's title; omitted when only 関係 rows name it.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 重点プロジェクトの番号（整数、例: 1）。
    ///
    /// The project's number, an integer, e.g. 1.
    #[schemars(with = "i64")]
    pub number: S<i64>,
    /// 重点プロジェクトの名称。
    ///
    /// The project's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// プロジェクトのねらい。
    ///
    /// The project's aim (プロジェクトのねらい).
    #[schemars(with = "Option<String>")]
    pub aim: Option<Text>,
    /// 基本的方向、または地域の実情・課題認識。
    ///
    /// The project's background (基本的方向 / 地域の実情・課題認識).
    #[schemars(with = "Option<String>")]
    pub background: Option<Text>,
    /// 取組の方向性の節の見出し（印刷されたとおり）。
    ///
    /// The heading of the project directions section, as printed.
    #[schemars(with = "Option<String>")]
    pub directions_heading: Option<Text>,
    /// 対応表の節の見出し（印刷されたとおり）。
    ///
    /// The heading of the direction tables section, as printed.
    #[schemars(with = "Option<String>")]
    pub tables_heading: Option<Text>,
    /// 下のどの節にも属さない、ページに印刷された囲みや印（例: "調整中"）。
    ///
    /// Boxes and stamps printed on the page that belong to no section below, e.g. "調整中".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub marks: Vec<Text>,
    /// プロジェクト指標の表（[project.indicators]）。
    ///
    /// The project indicator table, [project.indicators].
    pub indicators: Option<IndicatorTable>,
    /// 取組の方向性（印刷された順に、[[project.direction]]）。
    ///
    /// The project directions (取組の方向性) in printed order, [[project.direction]].
    #[serde(default)]
    pub direction: Vec<ProjectDirection>,
    /// 関連計画（[project.related]）。
    ///
    /// The related plans (関連計画), [project.related].
    pub related: Option<RelatedPlans>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTable {
    /// 現状値の列見出しの年度（印刷されたとおり、例: "（令和５年度）"）。
    ///
    /// The year in the baseline column's header, as printed, e.g. "（令和５年度）".
    #[schemars(with = "Option<String>")]
    pub baseline_label: Option<Text>,
    /// 目標値の列見出しの年度（印刷されたとおり、例: "（令和１１年度）"）。
    ///
    /// The year in the target column's header, as printed, e.g. "（令和１１年度）".
    #[schemars(with = "Option<String>")]
    pub target_label: Option<Text>,
    /// 表の行（[[…row]]）。
    ///
    /// The table's rows, [[…row]].
    #[serde(default)]
    pub row: Vec<Indicator>,
}

/// An indicator printed with its own name (project indicators, summary tables).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 指標名。
    ///
    /// The indicator's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// 現状値（印刷されたとおり）。小学校・中学校のように値が分かれる場合は配列で書きます。空欄なら省きます。
    ///
    /// The baseline value as printed; an array for sub-values; omitted where the cell is empty.
    #[schemars(with = "Option<Printed>")]
    pub baseline: Option<S<Printed>>,
    /// 目標値（印刷されたとおり）。値が分かれる場合は配列で書きます。空欄なら省きます。
    ///
    /// The target as printed; an array for sub-values; omitted where the cell is empty.
    #[schemars(with = "Option<Printed>")]
    pub target: Option<S<Printed>>,
    /// 現状値の下に印刷された年度（例: "（令和４年）"）。
    ///
    /// The year printed under the baseline value, if any, e.g. "（令和４年）".
    #[schemars(with = "Option<String>")]
    pub baseline_year: Option<Text>,
    /// 目標値の下に印刷された年度（例: "（令和９年）"）。
    ///
    /// The year printed under the target, if any, e.g. "（令和９年）".
    #[schemars(with = "Option<String>")]
    pub target_year: Option<Text>,
}

/// 取組の方向性: one of a project's directions.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectDirection {
    /// 取組の方向性の見出し。
    ///
    /// The project direction's title.
    #[schemars(with = "String")]
    pub title: Text,
    /// 本文。
    ///
    /// The running text.
    #[schemars(with = "Option<String>")]
    pub text: Option<Text>,
    /// 主な取組（「主な取組：」の後の文）。
    ///
    /// The main initiatives, the text after 「主な取組：」.
    #[schemars(with = "Option<String>")]
    pub initiatives: Option<Text>,
    /// この節に印刷された囲みや印（例: "関連するグラフ、写真等", "調整中"）。
    ///
    /// Boxes and stamps printed in this section, e.g. "関連するグラフ、写真等", "調整中".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub marks: Vec<Text>,
    /// この取組の方向性の対応表（[project.direction.table]）。
    ///
    /// The direction table of this project direction, [project.direction.table].
    pub table: Option<DirectionTable>,
}

/// The 「…と対応する施策の展開方針」 table under a project direction.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectionTable {
    /// 表の上に印刷された見出し。
    ///
    /// The heading printed above the table.
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
    /// 現状値の列見出しの年度（印刷されたとおり）。
    ///
    /// The year in the baseline column's header, as printed.
    #[schemars(with = "Option<String>")]
    pub baseline_label: Option<Text>,
    /// 目標値の列見出しの年度（印刷されたとおり）。
    ///
    /// The year in the target column's header, as printed.
    #[schemars(with = "Option<String>")]
    pub target_label: Option<Text>,
    /// 表の行の間や後に印刷された印（例: "調整中"）。
    ///
    /// Stamps printed between or after the table's rows, e.g. "調整中".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub marks: Vec<Text>,
    /// 表の行（[[project.direction.table.row]]）。
    ///
    /// The table's rows, [[project.direction.table.row]].
    #[serde(default)]
    pub row: Vec<TableRow>,
}

/// One printed row of a direction table.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// 対応する施策の展開方針（印刷されたとおり、例: "1-1 方針１", "1-2 方針４関係"）。
    ///
    /// The cited direction as printed, e.g. "1-1 方針１", "1-2 方針４関係".
    #[schemars(with = "String")]
    pub direction: Text,
    /// 施策の展開方針・取組の欄。
    ///
    /// The direction or initiative title cell (施策の展開方針 / 取組).
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// 具体的な取組（関連事業）の欄。
    ///
    /// The concrete initiative cell (具体的な取組（関連事業）).
    #[schemars(with = "Option<String>")]
    pub initiative: Option<Text>,
    /// 成果指標・指標名の欄。空欄なら省きます。
    ///
    /// The indicator cell (成果指標 / 指標名); omitted where it is empty.
    #[schemars(with = "Option<String>")]
    pub indicator: Option<Text>,
    /// 現状値（印刷されたとおり）。値が分かれる場合は配列で書きます（例: ["小学校 94.2%", "中学校 87.4%"]）。
    ///
    /// The baseline value as printed; an array for sub-values, e.g. ["小学校 94.2%", "中学校 87.4%"].
    #[schemars(with = "Option<Printed>")]
    pub baseline: Option<S<Printed>>,
    /// 目標値（印刷されたとおり）。値が分かれる場合は配列で書きます。
    ///
    /// The target as printed; an array for sub-values.
    #[schemars(with = "Option<Printed>")]
    pub target: Option<S<Printed>>,
    /// 現状値の下に印刷された年度（例: "（令和４年）"）。
    ///
    /// The year printed under the baseline value, if any, e.g. "（令和４年）".
    #[schemars(with = "Option<String>")]
    pub baseline_year: Option<Text>,
    /// 目標値の下に印刷された年度（例: "（令和９年）"）。
    ///
    /// The year printed under the target, if any, e.g. "（令和９年）".
    #[schemars(with = "Option<String>")]
    pub target_year: Option<Text>,
    /// 参考ページ（例: "Ｐ.○"）。行にない場合は省きます。
    ///
    /// The reference page, e.g. "Ｐ.○"; omitted where the row has none.
    #[schemars(with = "Option<String>")]
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedPlans {
    /// 関連計画の名称の一覧。
    ///
    /// The names of the related plans.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub plans: Vec<Text>,
    /// この節に印刷された印（例: "調整中"）。
    ///
    /// Stamps printed in this section, e.g. "調整中".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub marks: Vec<Text>,
    /// 注記（※で始まる文）。
    ///
    /// The note printed under the list (a ※ sentence).
    #[schemars(with = "Option<String>")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// 現状値の列見出しの年度（印刷されたとおり）。
    ///
    /// The year in the baseline column's header, as printed.
    #[schemars(with = "Option<String>")]
    pub baseline_label: Option<Text>,
    /// 目標値の列見出しの年度（印刷されたとおり）。
    ///
    /// The year in the target column's header, as printed.
    #[schemars(with = "Option<String>")]
    pub target_label: Option<Text>,
    /// この表に印刷された印（例: "調整中"）。
    ///
    /// Stamps printed in this table, e.g. "調整中".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub marks: Vec<Text>,
    /// 計画全体の指標（[[summary.headline]]）。
    ///
    /// The plan's headline indicators, [[summary.headline]].
    #[serde(default)]
    pub headline: Vec<Indicator>,
    /// 重点プロジェクトごとのプロジェクト指標（[[summary.project]]）。
    ///
    /// The project indicators grouped by project as printed, [[summary.project]].
    #[serde(default)]
    pub project: Vec<SummaryProject>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryProject {
    /// 重点プロジェクト（印刷されたとおり、例: "１ 少子高齢化対策プロジェクト"）。
    ///
    /// The project as printed, e.g. "１ 少子高齢化対策プロジェクト".
    #[schemars(with = "String")]
    pub project: Text,
    /// このプロジェクトの指標。
    ///
    /// The project's indicators.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sdgs {
    /// 表の題名（印刷されたとおり）。
    ///
    /// The table's title, as printed.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// 表の行（[[sdgs.row]]）。
    ///
    /// The table's rows, [[sdgs.row]].
    #[serde(default)]
    pub row: Vec<SdgsRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SdgsRow {
    /// 政策の欄（この行が属するまとまり、印刷されたとおり）。
    ///
    /// The policy cell as printed: the group the row stands in.
    #[schemars(with = "Option<String>")]
    pub policy: Option<Text>,
    /// 施策番号（例: "1-1"）。
    ///
    /// The measure's number, e.g. "1-1".
    #[schemars(with = "String")]
    pub measure: Text,
    /// 重点施策の名称。
    ///
    /// The measure's name.
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// 指標の一覧（行頭の「・」は除きます。空欄なら []）。
    ///
    /// The indicators, without the leading 「・」; [] when the cell is empty.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub indicators: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// 国の総合戦略の柱（例: "しごとの創生"）。
    ///
    /// The pillar of the national strategy, e.g. "しごとの創生".
    #[schemars(with = "String")]
    pub pillar: Text,
    /// 国の総合戦略の基本目標。
    ///
    /// The national strategy's goal under this pillar.
    #[schemars(with = "Option<String>")]
    pub national: Option<Text>,
    /// この柱に対応する重点プロジェクトの名称。
    ///
    /// The names of the projects this pillar corresponds to.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub projects: Vec<Text>,
    /// プロジェクトの下に印刷された小項目。
    ///
    /// Sub-items printed under the projects, if any.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub items: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Matrix {
    /// 列見出しの重点プロジェクト名（印刷されたとおり）。表を複数のファイルに分けるときは、columns を書いた [matrix]（見出し）を計画全体で 1 つだけ置きます。
    ///
    /// The column headers (project names), as printed. When the matrix is kept in several files, exactly one `[matrix]` of the plan (the header) declares `columns`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub columns: Vec<Text>,
    /// 凡例（○と◎の意味の説明）。
    ///
    /// The legend explaining ○ and ◎.
    #[schemars(with = "Option<String>")]
    pub legend: Option<Text>,
    /// 図に印刷された注記や印。
    ///
    /// Notes and stamps printed with the matrix.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub marks: Vec<Text>,
    /// 行（重点施策ごと、[[matrix.row]]）。
    ///
    /// The rows, one per measure, [[matrix.row]].
    #[serde(default)]
    pub row: Vec<MatrixRow>,
    /// 印のあるセルだけを 1 つずつ書く形（[[matrix.mark]]）。書かれていないセルは空欄です。
    ///
    /// The sparse form: one record per marked cell, [[matrix.mark]]; every cell not listed is blank.
    #[serde(default)]
    pub mark: Vec<MatrixMark>,
}

impl Matrix {
    /// Whether the matrix uses the sparse form: then a measure with neither a row nor a mark
    /// is a blank row, not a missing one.
    pub fn is_sparse(&self) -> bool {
        !self.mark.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixMark {
    /// 施策番号（例: "1-1"）。
    ///
    /// The measure's number, e.g. "1-1".
    #[schemars(with = "String")]
    pub measure: Text,
    /// 列見出しの重点プロジェクト名（columns に書いたとおり。全角・半角や空白の違いは区別しません）。
    ///
    /// The column's heading, as written in `columns` (width and spacing are ignored).
    #[schemars(with = "String")]
    pub project: Text,
    /// セルの印: "○" または "◎"。
    ///
    /// The cell's mark: "○" or "◎".
    #[schemars(with = "String")]
    pub symbol: Text,
    /// The file the mark was read from (set by the loader).
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
    /// The column the mark is in (set by the loader once the header is known).
    #[serde(skip)]
    #[schemars(skip)]
    pub column: usize,
    /// The record's bytes, from its `[[matrix.mark]]` header to the end of its last line
    /// (set by the loader; empty for an inline table), for a fix that removes the mark.
    #[serde(skip)]
    #[schemars(skip)]
    pub extent: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixRow {
    /// 政策の欄（印刷されたとおり）。
    ///
    /// The policy cell, as printed.
    #[schemars(with = "Option<String>")]
    pub policy: Option<Text>,
    /// 施策番号（例: "1-1"）。
    ///
    /// The measure's number, e.g. "1-1".
    #[schemars(with = "String")]
    pub measure: Text,
    /// 重点施策の名称。
    ///
    /// The measure's name.
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// 列ごとの印: "○"、"◎" または ""（columns と同じ数）。
    ///
    /// One mark per column: "○", "◎" or "" (as many as `columns`).
    #[schemars(with = "Vec<String>")]
    #[serde(deserialize_with = "cells")]
    pub cells: Vec<Cell>,
    /// The file the row was read from (set by the loader).
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

/// A cell of a drawn matrix row: its text and span as a [`Text`] gives them, in 16 bytes
/// (a `Text` is 40), a blank cell without an allocation. Most cells of a large matrix are
/// blank: 36,000 rows of 30 cells are 43 MB as `Text`s, 17 MB as `Cell`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    start: u32,
    end: u32,
    /// The text; `None` for an empty one. Boxed for a thin pointer: 8 bytes a cell where a
    /// `String` is 24, at the cost of a second allocation for the few marked cells.
    #[allow(clippy::box_collection)]
    text: Option<Box<String>>,
}

/// The text of every blank cell.
static BLANK: String = String::new();

impl Cell {
    /// The cell's text, as printed.
    pub fn get_ref(&self) -> &String {
        self.text.as_deref().unwrap_or(&BLANK)
    }

    /// The bytes of the cell's string in its file, quotes included.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Text> for Cell {
    fn from(t: Text) -> Cell {
        // A plan file read from disk is at most `MAX_FILE_BYTES` (64 MiB), far below 4 GiB;
        // an offset beyond would be clamped, never wrap.
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let span = t.span();
        let text = t.into_inner();
        Cell {
            start: at(span.start),
            end: at(span.end),
            text: (!text.is_empty()).then(|| Box::new(text)),
        }
    }
}

/// Reads `cells = [...]` as [`Cell`]s, one at a time (collecting a `Vec<Text>` first and
/// mapping it would keep its 40 bytes a cell: `collect` reuses the allocation in place).
fn cells<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Cell>, D::Error> {
    struct Cells;
    impl<'de> Visitor<'de> for Cells {
        type Value = Vec<Cell>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Cell>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(t) = seq.next_element::<Text>()? {
                out.push(Cell::from(t));
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Cells)
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// 将来都市像。
    ///
    /// The vision of the city.
    #[schemars(with = "Option<String>")]
    pub vision: Option<Text>,
    /// 文章のまとまり（見出しと本文、[[overview.section]]）。
    ///
    /// Prose blocks (heading and text), [[overview.section]].
    #[serde(default)]
    pub section: Vec<Prose>,
    /// 使命（[[overview.mission]]）。
    ///
    /// The missions, [[overview.mission]].
    #[serde(default)]
    pub mission: Vec<TitledText>,
    /// 価値観（[[overview.value]]）。
    ///
    /// The values, [[overview.value]].
    #[serde(default)]
    pub value: Vec<TitledText>,
    /// 地区ごとのテーマ（[[overview.district]]）。
    ///
    /// The districts and their themes, [[overview.district]].
    #[serde(default)]
    pub district: Vec<District>,
    /// 概要版の重点プロジェクト（[[overview.project]]）。
    ///
    /// The projects as the overview lists them, [[overview.project]].
    #[serde(default)]
    pub project: Vec<OverviewProject>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitledText {
    /// 見出し。
    ///
    /// The title.
    #[schemars(with = "String")]
    pub title: Text,
    /// 本文。
    ///
    /// The text.
    #[schemars(with = "Option<String>")]
    pub text: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// 地区の名称。
    ///
    /// The district's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// 地区のテーマ。
    ///
    /// The district's themes.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub themes: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverviewProject {
    /// 重点プロジェクトの名称。
    ///
    /// The project's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// 取組の方向性の見出し（印刷された順）。
    ///
    /// The titles of the project's directions, in printed order.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub directions: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prose {
    /// 見出し（印刷されたとおり）。
    ///
    /// The heading, as printed.
    #[schemars(with = "String")]
    pub heading: Text,
    /// 本文。
    ///
    /// The text.
    #[schemars(with = "Option<String>")]
    pub text: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// 変更した審議会（例: "第５回審議会"）。
    ///
    /// The council meeting the change is reported to, e.g. "第５回審議会".
    #[schemars(with = "Option<String>")]
    pub meeting: Option<Text>,
    /// 変更した項目。
    ///
    /// What was changed.
    #[schemars(with = "String")]
    pub topic: Text,
    /// 変更前の文（行ごと）。
    ///
    /// The text before the change, line by line.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub before: Vec<Text>,
    /// 変更後の文（行ごと）。
    ///
    /// The text after the change, line by line.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub after: Vec<Text>,
    /// 変更の理由。
    ///
    /// The reason for the change.
    #[schemars(with = "Option<String>")]
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

impl JsonSchema for Printed {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Printed".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_reads_back_its_string_and_span_blank_or_not() {
        let src = "measure = \"1-1\"\ncells = [\"\", \"○\", '◎', \"x y\", \"\"]\n";
        let row: MatrixRow = toml::from_str(src).unwrap();
        let texts: Vec<&str> = row.cells.iter().map(|c| c.get_ref().as_str()).collect();
        assert_eq!(texts, ["", "○", "◎", "x y", ""]);
        // the oracle: each literal found in the source by hand, quotes included
        let open = src.find('[').unwrap();
        let literals = ["\"\"", "\"○\"", "'◎'", "\"x y\"", "\"\""];
        let mut at = open;
        for (cell, lit) in row.cells.iter().zip(literals) {
            let start = at + src[at..].find(lit).unwrap();
            assert_eq!(cell.span(), start..start + lit.len(), "{lit}");
            assert_eq!(&src[cell.span()], lit);
            at = start + lit.len();
        }
        // blank cells at different places are different cells
        assert_ne!(row.cells[0], row.cells[4]);
    }

    #[test]
    fn cells_that_are_not_an_array_are_a_load_error_naming_the_array() {
        let matrix = "[matrix]\ncolumns = [\"A\"]\n\n[[matrix.row]]\nmeasure = \"1-1\"\ncells = \"○\"\n\n[[matrix.row]]\nmeasure = \"1-2\"\ncells = [1]\n";
        let Err(e) = crate::plan::load::load_from_memory("plan", &[("matrix.toml", matrix)]) else {
            panic!("cells = \"○\" loads");
        };
        let en: Vec<&str> = e.errors.iter().map(|f| f.message.en.as_str()).collect();
        let ja: Vec<&str> = e.errors.iter().map(|f| f.message.ja.as_str()).collect();
        assert!(
            en.contains(
                &"wrong type for `cells` in [[matrix.row]]: string \"○\" where an array is expected"
            ),
            "{en:?}"
        );
        assert!(ja.iter().any(|m| m.contains("配列")), "{ja:?}");
        // the second row's error is reported too: the first one's cells stood in for
        assert!(
            en.iter()
                .any(|m| m.contains("integer `1` where a string is expected")),
            "{en:?}"
        );
    }

    #[test]
    fn a_cell_is_16_bytes_and_a_blank_one_allocates_nothing() {
        assert_eq!(std::mem::size_of::<Cell>(), 16);
        let blank = Cell::from(Spanned::new(3..5, String::new()));
        assert!(blank.text.is_none());
        assert_eq!((blank.get_ref().as_str(), blank.span()), ("", 3..5));
    }

    #[test]
    fn a_number_for_a_printed_value_asks_for_a_string_or_strings() {
        let text = "[summary]\n[[summary.headline]]\nname = \"住み続けたい人の割合\"\nbaseline = 80\ntarget = \"80%\"\n";
        let Err(e) = crate::plan::load::load_from_memory("plan", &[("plan.toml", text)]) else {
            panic!("baseline = 80 loads");
        };
        let messages: Vec<(&str, &str)> = e
            .errors
            .iter()
            .map(|f| (f.message.ja.as_str(), f.message.en.as_str()))
            .collect();
        assert_eq!(
            messages,
            [(
                "[[summary.headline]] の `baseline` の値の型が違います（整数 `80` ではなく文字列または文字列の配列で書いてください）",
                "wrong type for `baseline` in [[summary.headline]]: integer `80` where a string or an array of strings is expected"
            )]
        );
    }
}
