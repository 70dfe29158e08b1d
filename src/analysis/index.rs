//! Lookup tables over a loaded plan, built once and shared by all rules, so that no rule
//! has to compare every record with every other.

use crate::plan::model::*;
use crate::plan::normalize::{self, DirectionRef};
use crate::plan::source::FileId;
use rustc_hash::FxHashMap as HashMap;

/// A policy direction declared in the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Declared<'a> {
    pub measure: &'a Located<Measure>,
    pub decl: &'a DeclaredDirection,
}

/// One printed row of a project's direction table.
#[derive(Debug, Clone, Copy)]
pub struct Citation<'a> {
    pub project: &'a Located<Project>,
    /// Index of the project direction (0-based) the table stands under.
    pub direction: usize,
    pub row: &'a TableRow,
    pub file: FileId,
    /// The plan's vocabulary, which reads the printed id.
    pub vocabulary: &'a crate::plan::vocabulary::Vocabulary,
}

impl Citation<'_> {
    /// The cited direction, parsed once per row.
    pub fn reference(&self) -> Option<DirectionRef> {
        self.row
            .reference
            .get_or_init(|| DirectionRef::parse(self.vocabulary, self.row.direction.get_ref()))
            .clone()
    }
}

/// Whatever printed an indicator, with the fields every copy has.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorSite<'a> {
    pub file: FileId,
    pub name: &'a Text,
    pub baseline: Option<&'a S<Printed>>,
    pub target: Option<&'a S<Printed>>,
    pub baseline_year: Option<&'a Text>,
    pub target_year: Option<&'a Text>,
    pub place: Place<'a>,
}

/// Where an indicator is printed.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// A row of a project's direction table.
    Table(Citation<'a>),
    /// The project page's プロジェクト指標 table.
    ProjectIndicators(&'a Located<Project>),
    /// えがお咲く指標 in the numeric-target summary.
    Headline,
    /// A project's indicators in the numeric-target summary (`project` as printed).
    SummaryProject(&'a SummaryProject),
}

#[derive(Debug)]
pub struct Index<'a> {
    pub plan: &'a Plan,
    pub policies: HashMap<String, &'a Located<Policy>>,
    pub measures: HashMap<String, &'a Located<Measure>>,
    /// By normalised direction id (`1-1 方針1`).
    pub directions: HashMap<String, Declared<'a>>,
    /// By normalised name.
    pub projects_by_name: HashMap<String, &'a Located<Project>>,
    pub projects_by_number: HashMap<i64, &'a Located<Project>>,
    pub citations: Vec<Citation<'a>>,
    pub indicators: Vec<IndicatorSite<'a>>,
}

impl<'a> Index<'a> {
    pub fn new(plan: &'a Plan) -> Index<'a> {
        let mut ix = Index {
            plan,
            policies: HashMap::default(),
            measures: HashMap::default(),
            directions: HashMap::default(),
            projects_by_name: HashMap::default(),
            projects_by_number: HashMap::default(),
            citations: Vec::new(),
            indicators: Vec::new(),
        };
        for p in &plan.policies {
            ix.policies
                .entry(normalize::key(p.id.get_ref()))
                .or_insert(p);
        }
        for m in &plan.measures {
            ix.measures
                .entry(normalize::key(m.id.get_ref()))
                .or_insert(m);
            for d in &m.direction {
                if let Some(r) = DirectionRef::parse(&plan.vocabulary, d.id.get_ref()) {
                    ix.directions
                        .entry(r.id(&plan.vocabulary))
                        .or_insert(Declared {
                            measure: m,
                            decl: d,
                        });
                }
            }
        }
        for p in &plan.projects {
            ix.projects_by_name
                .entry(normalize::key(p.name.get_ref()))
                .or_insert(p);
            ix.projects_by_number
                .entry(*p.number.get_ref())
                .or_insert(p);
            if let Some(t) = &p.indicators {
                for i in &t.row {
                    ix.indicators
                        .push(site(p.file, i, Place::ProjectIndicators(p)));
                }
            }
            for (n, d) in p.direction.iter().enumerate() {
                for row in d.table.iter().flat_map(|t| &t.row) {
                    let c = Citation {
                        project: p,
                        direction: n,
                        row,
                        file: p.file,
                        vocabulary: &plan.vocabulary,
                    };
                    ix.citations.push(c);
                    if let Some(name) = &row.indicator {
                        ix.indicators.push(IndicatorSite {
                            file: p.file,
                            name,
                            baseline: printed(&row.baseline),
                            target: printed(&row.target),
                            baseline_year: row.baseline_year.as_ref(),
                            target_year: row.target_year.as_ref(),
                            place: Place::Table(c),
                        });
                    }
                }
            }
        }
        if let Some(s) = &plan.summary {
            for i in &s.headline {
                ix.indicators.push(site(s.file, i, Place::Headline));
            }
            for g in &s.project {
                for i in &g.indicators {
                    ix.indicators
                        .push(site(s.file, i, Place::SummaryProject(g)));
                }
            }
        }
        ix
    }

    /// A project named as printed elsewhere (`１ 少子高齢化対策プロジェクト`, `ＤＸ推進プロジェクト`):
    /// by normalised name, else after dropping a leading number label.
    pub fn project_named(&self, printed: &str) -> Option<&'a Located<Project>> {
        let k = normalize::key(printed);
        if let Some(p) = self.projects_by_name.get(&k) {
            return Some(p);
        }
        let (number, rest) = split_number(printed);
        number?;
        self.projects_by_name.get(&normalize::key(rest)).copied()
    }

    /// The number label printed before a project name, if any.
    pub fn printed_number(printed: &str) -> Option<i64> {
        split_number(printed).0
    }
}

/// Splits a number label from a printed name: `１ 少子…`, `2.産業…`, `３．暮らし…` give the
/// number and the rest. Digits count as a label only when a separator (white space, `.` or
/// `．`) follows, so that a name starting with digits (`５Ｇ活用プロジェクト`) stays whole.
pub fn split_number(printed: &str) -> (Option<i64>, &str) {
    let t = printed.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| {
            !normalize::key(&c.to_string())
                .bytes()
                .all(|b| b.is_ascii_digit())
                || c.is_whitespace()
        })
        .map_or(t.len(), |(i, _)| i);
    if end == 0 {
        return (None, printed);
    }
    let rest = &t[end..];
    let Some(sep) = rest
        .chars()
        .next()
        .filter(|c| c.is_whitespace() || matches!(c, '.' | '．'))
    else {
        return (None, printed);
    };
    let digits = normalize::key(&t[..end]);
    match digits.parse() {
        Ok(n) => (Some(n), rest[sep.len_utf8()..].trim_start()),
        Err(_) => (None, printed),
    }
}

/// A value cell, unless it is absent or blank (`""` is an empty cell, as printed).
fn printed(v: &Option<S<Printed>>) -> Option<&S<Printed>> {
    v.as_ref().filter(|v| !v.get_ref().is_blank())
}

fn site<'a>(file: FileId, i: &'a Indicator, place: Place<'a>) -> IndicatorSite<'a> {
    IndicatorSite {
        file,
        name: &i.name,
        baseline: printed(&i.baseline),
        target: printed(&i.target),
        baseline_year: i.baseline_year.as_ref(),
        target_year: i.target_year.as_ref(),
        place,
    }
}

#[cfg(test)]
mod tests {
    use super::split_number;

    #[test]
    fn number_labels_need_a_separator() {
        assert_eq!(
            split_number("１ 少子高齢化対策プロジェクト"),
            (Some(1), "少子高齢化対策プロジェクト")
        );
        assert_eq!(split_number("12.産業"), (Some(12), "産業"));
        assert_eq!(split_number("３．暮らし"), (Some(3), "暮らし"));
        assert_eq!(
            split_number("５Ｇ活用プロジェクト"),
            (None, "５Ｇ活用プロジェクト")
        );
        assert_eq!(split_number("ＤＸ推進"), (None, "ＤＸ推進"));
        assert_eq!(split_number("1 "), (Some(1), ""));
    }
}
