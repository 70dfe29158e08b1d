//! PC103 unknown-project: a project named somewhere (matrix columns, numeric-target summary,
//! national-strategy mapping, overview leaflet) that is not a project of the plan, a printed
//! project number that disagrees with the project, and a project with no matrix column.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::Index;
use crate::analysis::near;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::model::{Located, Project, Text};
use crate::plan::normalize;
use crate::plan::source::FileId;
use std::collections::HashSet;

pub const RULE: Rule = Rule {
    code: "PC103",
    name: "unknown-project",
    severity: Severity::Error,
    summary: (
        "存在しない重点プロジェクトへの参照・番号の不一致",
        "reference to a project that does not exist, or with the wrong number",
    ),
    docs: Docs {
        what: (
            "重点施策との対応（○/◎）の列、重点プロジェクトの数値目標のプロジェクト名（「１ 少子高齢化対策プロジェクト」）、国の総合戦略との関係、概要版のプロジェクト名が、重点プロジェクトの一覧にあるプロジェクトを指しているかを調べます。全角・半角や空白の違いは同じ名前とみなします。名前の前に番号が印刷されていれば、その番号がプロジェクトの番号と一致するかも調べます。さらに、重点施策との対応があるときは、列のないプロジェクトを報告します。変更対照表は履歴（旧名を含む）なので対象外です。",
            "Checks that every project named by the ○/◎ matrix columns, the numeric-target summary (`１ 少子高齢化対策プロジェクト`), the national-strategy mapping and the overview leaflet is a project of the plan. Width and spacing differences are ignored. Where a number is printed before the name, it must be that project's number. When a ○/◎ matrix exists, a project without a column is reported too. The change table is history (it lists old names) and is not checked.",
        ),
        why: (
            "プロジェクト名の打ち間違いや改称の反映漏れがあると、表や概要版が存在しないプロジェクトを指し、読み手はどのプロジェクトの話か判断できません。番号の食い違いは、数値目標を別のプロジェクトに結びつけてしまいます。",
            "A mistyped or renamed project leaves a table or the leaflet pointing at a project that does not exist, and readers cannot tell which project is meant; a wrong number ties the numeric targets to another project.",
        ),
        example: (
            "[[summary.project]]\nproject = \"２ 少子高齢化対策プロジェクト\"   # projects/p1.toml ではプロジェクト１",
            "[[summary.project]]\nproject = \"２ 少子高齢化対策プロジェクト\"   # project 1 in projects/p1.toml",
        ),
        fix: (
            "名前と番号を重点プロジェクトのページ（[[project]] の name と number）に合わせてください。列のないプロジェクトは [matrix] の columns と各行の cells に追加してください。",
            "Match the name and number of the project's page ([[project]] name and number). For a project without a column, add it to [matrix].columns and a cell to every row.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "project = \"１ 子育て応援プロジェクト\"",
                "project = \"２ 子育て応援プロジェクト\"",
            ),
            (
                "projects = [\"子育て応援プロジェクト\"]",
                "projects = [\"子育て支援プロジェクト\"]",
            ),
            (
                "name = \"子育て応援プロジェクト\"\ndirections",
                "name = \"まちづくりプロジェクト\"\ndirections",
            ),
        ],
        append: "\n[[project]]\nnumber = 2\nname = \"安全プロジェクト\"\n",
    }),
    pass: Fixture {
        replace: &[
            (
                "project = \"１ 子育て応援プロジェクト\"",
                "project = \"１．子育て応援　プロジェクト\"",
            ),
            (
                "projects = [\"子育て応援プロジェクト\"]",
                "projects = [\"子育て応援 プロジェクト\"]",
            ),
            (
                "columns = [\"子育て応援プロジェクト\"]",
                "columns = [\"子育て応援プロジェクト\", \"安全プロジェクト\"]",
            ),
        ],
        append: "\n[[project]]\nnumber = 2\nname = \"安全プロジェクト\"\n",
    },
};

/// Where a project name is printed, for messages.
#[derive(Clone, Copy)]
enum Site {
    MatrixColumn,
    Summary,
    Strategy,
    Overview,
}

impl Site {
    fn label(self) -> Msg {
        match self {
            Site::MatrixColumn => msg!("重点施策との対応（○/◎）の列", "column of the ○/◎ matrix"),
            Site::Summary => msg!("重点プロジェクトの数値目標", "numeric-target summary"),
            Site::Strategy => msg!("国の総合戦略との関係", "national-strategy mapping"),
            Site::Overview => msg!("概要版", "overview leaflet"),
        }
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let names = NameIndex::new(&cx.plan.projects);
    let mut named = |file: FileId, t: &Text, site: Site| -> Option<&Located<Project>> {
        let printed = t.get_ref();
        let k = normalize::key(printed);
        if k.is_empty() {
            return None;
        }
        match ix.project_named(printed) {
            Some(p) => {
                if !ix.projects_by_name.contains_key(&k) {
                    number_agrees(file, t, p, out);
                }
                Some(p)
            }
            None => {
                out.push(unknown(file, t, site, &names));
                None
            }
        }
    };
    let mut in_columns: HashSet<String> = HashSet::new();
    if let Some(mx) = &cx.plan.matrix {
        for c in &mx.columns {
            if let Some(p) = named(mx.file, c, Site::MatrixColumn) {
                in_columns.insert(normalize::key(p.name.get_ref()));
            }
        }
    }
    if let Some(s) = &cx.plan.summary {
        for g in &s.project {
            named(s.file, &g.project, Site::Summary);
        }
    }
    for st in &cx.plan.strategy {
        for p in &st.projects {
            named(st.file, p, Site::Strategy);
        }
    }
    if let Some(o) = &cx.plan.overview {
        for p in &o.project {
            named(o.file, &p.name, Site::Overview);
        }
    }
    // A project the matrix has no column for.
    let Some(mx) = &cx.plan.matrix else { return };
    for p in &cx.plan.projects {
        let k = normalize::key(p.name.get_ref());
        if k.is_empty() || in_columns.contains(&k) {
            continue;
        }
        // Only the first of several projects sharing a name (PC007 reports the duplicate).
        if !ix
            .projects_by_name
            .get(&k)
            .is_some_and(|q| std::ptr::eq(*q, p))
        {
            continue;
        }
        let name = p.name.get_ref();
        let number = p.number.get_ref();
        let mut f = RULE
            .finding(
                p.file,
                p.name.span(),
                msg!(
                    "重点プロジェクト {number}「{name}」の列が重点施策との対応（○/◎）にありません",
                    "project {number} {name} has no column in the ○/◎ matrix of measures"
                ),
            )
            .label(msg!("重点施策との対応に列がありません", "no column in the ○/◎ matrix"))
            .help(msg!(
                "[matrix] の columns にこのプロジェクトを加え、各行の cells にそのセルを加えてください。",
                "add the project to [matrix].columns, and its cell to every row's cells"
            ))
            .subject(k);
        if let Some(span) = columns_span(&mx.columns) {
            let list = mx
                .columns
                .iter()
                .map(|c| c.get_ref().as_str())
                .collect::<Vec<_>>()
                .join("、");
            f = f.related(
                Finding::at(mx.file, span),
                msg!(
                    "重点施策との対応の列: {list}",
                    "the matrix's columns: {list}"
                ),
            );
        }
        out.push(f);
    }
}

/// A printed leading number must be the number of the project it names.
fn number_agrees(file: FileId, t: &Text, p: &Located<Project>, out: &mut Vec<Finding>) {
    let Some(printed_number) = Index::printed_number(t.get_ref()) else {
        return;
    };
    let number = *p.number.get_ref();
    if printed_number == number {
        return;
    }
    let printed = t.get_ref();
    let name = p.name.get_ref();
    out.push(
        RULE.finding(
            file,
            t.span(),
            msg!(
                "「{printed}」の番号 {printed_number} は「{name}」の番号 {number} と異なります",
                "`{printed}` is numbered {printed_number}, but {name} is project {number}"
            ),
        )
        .label(msg!(
            "番号は {number} のはずです",
            "should be numbered {number}"
        ))
        .help(msg!(
            "番号を {number} に直してください（別のプロジェクトのことなら名前を直してください）。",
            "change the number to {number} (or the name, if another project is meant)"
        ))
        .subject(normalize::key(name))
        .related(
            Finding::at(p.file, p.number.span()),
            msg!(
                "「{name}」はプロジェクト {number}",
                "{name} is project {number}"
            ),
        ),
    );
}

fn unknown(file: FileId, t: &Text, site: Site, names: &NameIndex) -> Finding {
    let printed = t.get_ref();
    let k = normalize::key(printed);
    let where_ = site.label();
    let (wja, wen) = (&where_.ja, &where_.en);
    let mut f = RULE
        .finding(
            file,
            t.span(),
            msg!(
                "{wja}の「{printed}」は重点プロジェクトの一覧にありません",
                "`{printed}` in the {wen} is not a project of this plan"
            ),
        )
        .label(msg!("存在しないプロジェクト", "no such project"))
        .subject(k.clone());
    let stripped = normalize::key(crate::analysis::index::split_number(printed).1);
    match names.nearest(&stripped) {
        Some(p) => {
            let near = p.name.get_ref();
            let number = p.number.get_ref();
            f = f
                .help(msg!(
                    "プロジェクト {number}「{near}」のことではありませんか。名前をそろえてください。",
                    "did you mean project {number} {near}? Print its name as on its page"
                ))
                .related(
                    Finding::at(p.file, p.name.span()),
                    msg!(
                        "よく似た名前のプロジェクト {number}「{near}」",
                        "project {number} {near}, a near name"
                    ),
                );
        }
        None => {
            f = f.help(msg!(
                "重点プロジェクトのページ（[[project]] の name）にある名前を書くか、プロジェクトを追加してください。",
                "use the name of a project as printed on its page ([[project]] name), or add the project"
            ));
        }
    }
    f
}

/// The span covering every column heading of the matrix (they are printed in one array).
fn columns_span(columns: &[Text]) -> Option<std::ops::Range<usize>> {
    let first = columns.first()?.span();
    let last = columns.last()?.span();
    (first.start <= last.end).then_some(first.start..last.end)
}

/// Project names by character bigram, to find the nearest name without comparing every pair.
struct NameIndex<'a> {
    /// The project of each distinct name, parallel to the index's keys.
    projects: Vec<&'a Located<Project>>,
    index: near::BigramIndex,
}

impl<'a> NameIndex<'a> {
    fn new(all: &'a [Located<Project>]) -> NameIndex<'a> {
        let mut keys = Vec::new();
        let mut projects = Vec::new();
        let mut seen = HashSet::new();
        for p in all {
            let k = normalize::key(p.name.get_ref());
            if k.is_empty() || !seen.insert(k.clone()) {
                continue;
            }
            keys.push(k);
            projects.push(p);
        }
        NameIndex {
            projects,
            index: near::BigramIndex::new(keys),
        }
    }

    /// The most similar name at or above [`near::NEAR`]; ties go to the first in model order.
    fn nearest(&self, q: &str) -> Option<&'a Located<Project>> {
        self.index.nearest(q, near::NEAR).map(|i| self.projects[i])
    }
}

super::fixture_test!(
    [
        "子育て応援プロジェクト",
        "子育て支援プロジェクト",
        "まちづくりプロジェクト",
        "安全プロジェクト"
    ],
    "wrong number, near name, unknown name, no matrix column",
    |f| {
        // The near name is suggested; the far one is not.
        assert!(f[1].help.as_ref().unwrap().en.contains("did you mean"));
        assert!(!f[2].help.as_ref().unwrap().en.contains("did you mean"));
    }
);
