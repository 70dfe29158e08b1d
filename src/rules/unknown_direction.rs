//! PC102 unknown-direction: a policy direction cited by a project that its measure does not declare.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::normalize::{self, DirectionRef};

pub const RULE: Rule = Rule {
    code: "PC102",
    name: "unknown-direction",
    severity: Severity::Error,
    summary: (
        "施策に宣言されていない施策の展開方針を引用しています",
        "cited policy direction not declared under its measure",
    ),
    docs: Docs {
        what: (
            "重点プロジェクトの対応表の各行が引用する施策の展開方針（「1-1 方針１」「1-2 方針４関係」）が、施策の一覧でその重点施策の下に宣言されているかを調べます。全角・半角や空白の違いは同じ ID とみなします。ID として読めない行も報告します。",
            "Checks that every policy direction cited by a project's direction table (`1-1 方針１`, `1-2 方針４関係`) is declared under its measure in the catalogue. Width and spacing differences are ignored. Rows whose id cannot be read are reported too.",
        ),
        why: (
            "プロジェクトが引用する方針はすべて施策の中に存在しなければなりません。番号の誤りは、読み手を存在しない施策ページへ導きます。",
            "Every direction a project cites must exist among the measures; a wrong number sends readers to a policy page that does not exist.",
        ),
        example: (
            "[[project.direction.table.row]]\ndirection = \"1-1 方針９\"   # 1-1 の方針は方針１と方針２だけ",
            "[[project.direction.table.row]]\ndirection = \"1-1 方針９\"   # 1-1 declares 方針１ and 方針２ only",
        ),
        fix: (
            "方針番号を直すか、measures.toml の該当する [[measure]] に [[measure.direction]] を追加してください。",
            "Correct the number, or declare the direction under its [[measure]] in measures.toml.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ("direction = \"1-1 方針２\"", "direction = \"1-1 方針９\""),
            ("direction = \"2-1 方針１\"", "direction = \"2-1 の方針\""),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[(
            "direction = \"1-1 方針２\"",
            "direction = \"1-1 方針 2関係\"",
        )],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for c in &ix.citations {
        let printed = c.row.direction.get_ref();
        let span = c.row.direction.span();
        let v = cx.vocabulary();
        let Some(r) = DirectionRef::parse(v, printed) else {
            let direction = v.sections.direction.get_ref();
            let (m, short) = (
                v.sections.measure.get_ref(),
                v.sections.direction_short.get_ref(),
            );
            let (example, related, pattern) = (
                v.example_direction(),
                v.example_related(),
                v.pattern_shown(),
            );
            out.push(
                RULE.finding(c.file, span, msg!("「{printed}」を{direction}の ID として読めません", "cannot read `{printed}` as a policy direction id"))
                    .label(msg!("「{example}」の形ではありません", "not of the form `{example}`"))
                    .help(msg!(
                        "「{m}番号 {short}番号」（例: {example}、関連する取組なら {related}）と書いてください。",
                        "write `{pattern}`, e.g. `{example}`, or `{related}` for a related initiative"
                    ))
                    .subject(normalize::key(printed)),
            );
            continue;
        };
        let Some(measure) = ix.measures.get(&r.measure) else {
            continue;
        }; // PC101 reports it
        let id = r.id(v);
        let (direction, measure_term, short) = (
            v.sections.direction.get_ref(),
            v.sections.measure.get_ref(),
            v.sections.direction_short.get_ref(),
        );
        if ix.directions.contains_key(&id) {
            continue;
        }
        let declared: Vec<String> = measure
            .direction
            .iter()
            .filter_map(|d| DirectionRef::parse(cx.vocabulary(), d.id.get_ref()))
            .map(|d| format!("{}{}", v.sections.direction_short.get_ref(), d.number))
            .collect();
        let list = if declared.is_empty() {
            "—".to_string()
        } else {
            declared.join("、")
        };
        let mut f = RULE
            .finding(
                c.file,
                span,
                msg!(
                    "{direction}「{id}」は{measure_term} {m} に宣言されていません",
                    "policy direction `{id}` is not declared under measure {m}",
                    m = r.measure,
                ),
            )
            .label(msg!("宣言されていない{short}", "undeclared direction"))
            .subject(id.clone())
            .related(
                crate::finding::Finding::at(measure.file, measure.id.span()),
                msg!(
                    "{measure_term} {m} が宣言する{short}: {list}",
                    "measure {m} declares: {list}",
                    m = r.measure,
                ),
            );
        // Suggest the declared direction with the same title, if the row prints one.
        let same_title = c.row.title.as_ref().and_then(|t| {
            let k = normalize::key(t.get_ref());
            measure.direction.iter().find(|d| {
                d.title
                    .as_ref()
                    .is_some_and(|dt| normalize::key(dt.get_ref()) == k)
            })
        });
        f = match same_title {
            Some(d) => {
                let near = d.id.get_ref();
                f.help(msg!(
                    "同じ名称の「{near}」のことではありませんか。",
                    "the row's title is that of `{near}`: is that the direction meant?"
                ))
            }
            None => f.help(msg!(
                "{short}番号を直すか、measures.toml の{measure_term} {m} に [[measure.direction]] を追加してください。",
                "correct the number, or declare it under measure {m} in measures.toml",
                m = r.measure,
            )),
        };
        out.push(f);
    }
}

super::fixture_test!(2, "undeclared number and unreadable id", |f| {
    assert_eq!(f[0].subject.as_deref(), Some("1-1 方針9"));
});
