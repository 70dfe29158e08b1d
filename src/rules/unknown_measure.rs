//! PC101 unknown-measure: a measure or policy named anywhere that the catalogue does not declare.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::normalize::{self, DirectionRef};

pub const RULE: Rule = Rule {
    code: "PC101",
    name: "unknown-measure",
    severity: Severity::Error,
    summary: (
        "存在しない重点施策・政策への参照",
        "reference to a measure or policy that does not exist",
    ),
    docs: Docs {
        what: (
            "対応表の行、重点施策との対応、ＳＤＧｓローカル指標の表が挙げる重点施策が施策の一覧にあるか、各重点施策の政策が政策の一覧にあるかを調べます。",
            "Checks that every measure named by a direction-table row, the ○/◎ matrix or the SDGs table is in the measure catalogue, and that every measure's policy exists.",
        ),
        why: (
            "存在しない施策を指す行は、施策番号の打ち間違いか、削除・統合された施策の残りです。",
            "A row pointing at a measure that does not exist is a mistyped number or a leftover of a merged or deleted measure.",
        ),
        example: (
            "[[project.direction.table.row]]\ndirection = \"1-9 方針１\"   # 重点施策 1-9 はない",
            "[[project.direction.table.row]]\ndirection = \"1-9 方針１\"   # there is no measure 1-9",
        ),
        fix: (
            "施策番号を正しく直すか、measures.toml に重点施策を追加してください。",
            "Correct the measure number, or add the measure to measures.toml.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            ("direction = \"2-1 方針１\"", "direction = \"2-9 方針１\""),
            (
                "measure = \"2-1\"\nname = \"防犯の推進\"\ncells",
                "measure = \"2-2\"\nname = \"防犯の推進\"\ncells",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[("direction = \"2-1 方針１\"", "direction = \"２-１ 方針１\"")],
        append: "",
    },
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let term = cx.vocabulary().sections.measure.get_ref();
    let unknown = |shown: &str| {
        msg!(
            "{term}「{shown}」は{term}の一覧にありません",
            "measure `{shown}` is not in the measure catalogue"
        )
    };
    let help = || {
        msg!(
            "{term}番号を直すか、measures.toml に [[measure]] を追加してください。",
            "correct the number, or add a [[measure]] to measures.toml"
        )
    };
    for c in &ix.citations {
        let Some(r) = c.reference() else { continue };
        if !ix.measures.contains_key(&r.measure) {
            let m = r.measure.clone();
            out.push(
                RULE.finding(c.file, c.row.direction.span(), unknown(&m))
                    .label(msg!(
                        "この{term}は宣言されていません",
                        "this measure is not declared"
                    ))
                    .help(help())
                    .subject(m),
            );
        }
    }
    let mut named = |file, t: &crate::plan::model::Text| {
        let k = normalize::key(t.get_ref());
        if !ix.measures.contains_key(&k) {
            out.push(
                RULE.finding(file, t.span(), unknown(t.get_ref()))
                    .label(msg!("未知の{term}", "unknown measure"))
                    .help(help())
                    .subject(k),
            );
        }
    };
    if let Some(mx) = &cx.plan.matrix {
        for r in &mx.row {
            named(r.file, &r.measure);
        }
        for m in &mx.mark {
            named(m.file, &m.measure);
        }
    }
    if let Some(sd) = &cx.plan.sdgs {
        for r in &sd.row {
            named(sd.file, &r.measure);
        }
    }
    for m in &cx.plan.measures {
        let Some(p) = &m.policy else { continue };
        let k = normalize::key(p.get_ref());
        if !ix.policies.contains_key(&k) {
            let shown = p.get_ref();
            out.push(
                RULE.finding(
                    m.file,
                    p.span(),
                    msg!(
                        "政策「{shown}」は政策の一覧にありません",
                        "policy `{shown}` is not in the policy list"
                    ),
                )
                .label(msg!("未知の政策", "unknown policy"))
                .help(msg!(
                    "policies.toml の [[policy]] の id と合わせてください。",
                    "match an id of a [[policy]] in policies.toml"
                ))
                .subject(k),
            );
        }
    }
    let _ = DirectionRef::parse; // ids are parsed through Citation::reference
}

super::fixture_test!(2, "the table row and the matrix row");
