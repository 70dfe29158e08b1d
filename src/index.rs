//! Lookup tables over a loaded plan, built once and shared by all rules, so that no rule
//! has to compare every record with every other.

use crate::model::*;
use crate::normalize::{self, DirectionRef};
use crate::source::FileId;
use std::collections::HashMap;

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
}

impl Citation<'_> {
    pub fn reference(&self) -> Option<DirectionRef> {
        DirectionRef::parse(self.row.direction.get_ref())
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
            policies: HashMap::new(),
            measures: HashMap::new(),
            directions: HashMap::new(),
            projects_by_name: HashMap::new(),
            projects_by_number: HashMap::new(),
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
                if let Some(r) = DirectionRef::parse(d.id.get_ref()) {
                    ix.directions.entry(r.id()).or_insert(Declared {
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
                    };
                    ix.citations.push(c);
                    if let Some(name) = &row.indicator {
                        ix.indicators.push(IndicatorSite {
                            file: p.file,
                            name,
                            baseline: row.baseline.as_ref(),
                            target: row.target.as_ref(),
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
    /// by normalised name, after dropping a leading number.
    pub fn project_named(&self, printed: &str) -> Option<&'a Located<Project>> {
        let k = normalize::key(printed);
        if let Some(p) = self.projects_by_name.get(&k) {
            return Some(p);
        }
        let digits = k.bytes().take_while(u8::is_ascii_digit).count();
        let rest = k[digits..].trim_start_matches(['.', '．']);
        self.projects_by_name.get(rest).copied()
    }

    /// The leading number printed before a project name, if any.
    pub fn printed_number(printed: &str) -> Option<i64> {
        let k = normalize::key(printed);
        let digits: String = k.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }
}

fn site<'a>(file: FileId, i: &'a Indicator, place: Place<'a>) -> IndicatorSite<'a> {
    IndicatorSite {
        file,
        name: &i.name,
        baseline: i.baseline.as_ref(),
        target: i.target.as_ref(),
        baseline_year: i.baseline_year.as_ref(),
        target_year: i.target_year.as_ref(),
        place,
    }
}
