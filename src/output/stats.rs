//! `plancheck stats`: counts of what was loaded.

use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::output::table::{Ambiguous, render};
use crate::plan::model::Plan;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub version: u32,
    pub policies: usize,
    pub measures: usize,
    pub directions: usize,
    pub projects: usize,
    pub project_directions: usize,
    pub citations: usize,
    pub indicators: usize,
    pub related_plans: usize,
    /// Direction-table rows per project, in project-number order.
    pub citations_by_project: Vec<ProjectCount>,
    /// The plan's vocabulary, for the labels (not part of the JSON output).
    #[serde(skip)]
    pub vocabulary: crate::plan::vocabulary::Vocabulary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectCount {
    pub number: i64,
    pub name: String,
    pub citations: usize,
}

pub fn stats(plan: &Plan) -> Stats {
    let ix = crate::analysis::index::Index::new(plan);
    let sdgs_indicators: usize = plan
        .sdgs
        .iter()
        .flat_map(|s| &s.row)
        .map(|r| r.indicators.len())
        .sum();
    let mut by_project: Vec<ProjectCount> = plan
        .projects
        .iter()
        .map(|p| ProjectCount {
            number: *p.number.get_ref(),
            name: p.name.get_ref().clone(),
            citations: p
                .direction
                .iter()
                .flat_map(|d| &d.table)
                .map(|t| t.row.len())
                .sum(),
        })
        .collect();
    by_project.sort_by_key(|p| p.number);
    Stats {
        version: 1,
        policies: plan.policies.len(),
        measures: plan.measures.len(),
        directions: plan.measures.iter().map(|m| m.direction.len()).sum(),
        projects: plan.projects.len(),
        project_directions: plan.projects.iter().map(|p| p.direction.len()).sum(),
        citations: ix.citations.len(),
        indicators: ix.indicators.len() + sdgs_indicators,
        related_plans: plan
            .projects
            .iter()
            .flat_map(|p| &p.related)
            .map(|r| r.plans.len())
            .sum(),
        citations_by_project: by_project,
        vocabulary: plan.vocabulary.clone(),
    }
}

pub fn to_json(s: &Stats) -> String {
    let mut out = serde_json::to_string_pretty(s).expect("JSON of plain data");
    out.push('\n');
    out
}

pub fn to_table(s: &Stats, lang: Lang) -> String {
    let row = |label: Msg, n: usize| vec![label.get(lang).to_string(), n.to_string()];
    let mut rows = vec![
        vec![
            msg!("項目", "item").get(lang).to_string(),
            msg!("件数", "count").get(lang).to_string(),
        ],
        row(msg!("政策", "policies"), s.policies),
        row(msg!("重点施策", "measures"), s.measures),
        row(
            Msg::new(
                format!("{}（宣言）", s.vocabulary.sections.direction.get_ref()),
                "declared policy directions".to_string(),
            ),
            s.directions,
        ),
        row(msg!("重点プロジェクト", "projects"), s.projects),
        row(
            msg!("取組の方向性", "project directions"),
            s.project_directions,
        ),
        row(msg!("対応表の行", "direction-table rows"), s.citations),
    ];
    for p in &s.citations_by_project {
        rows.push(vec![
            format!("  {} {}", p.number, p.name),
            p.citations.to_string(),
        ]);
    }
    rows.push(row(msg!("指標の記載", "indicator records"), s.indicators));
    rows.push(row(msg!("関連計画", "related plans"), s.related_plans));
    render(&rows, &[false, true], Ambiguous::Narrow)
}
