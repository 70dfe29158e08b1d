//! PC207 name-drift: a measure or policy name printed in the SDGs table or the ○/◎ matrix
//! that differs from the catalogue.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::Text;
use crate::plan::normalize;
use crate::plan::source::FileId;

pub const RULE: Rule = Rule {
    code: "PC207",
    name: "name-drift",
    severity: Severity::Warning,
    summary: (
        "ＳＤＧｓの表や重点施策との対応に印刷された施策名・政策名が施策の一覧と違います",
        "a measure or policy name printed in the SDGs table or the matrix differs from the catalogue",
    ),
    docs: Docs {
        what: (
            "ＳＤＧｓローカル指標の表（[[sdgs.row]]）と重点施策との対応（[[matrix.row]]）の各行について、施策名（name）が施策の一覧（[[measure]] の name）と、政策名（policy）がその施策の属する政策（[[policy]] の name）と一致するかを調べます。全角・半角と空白の違いは同じとみなし、政策名の前に政策番号が付いているもの（「1 子育て・教育政策」）も一致とみなします。",
            "For every row of the SDGs local-indicator table ([[sdgs.row]]) and of the measure × project matrix ([[matrix.row]]), checks that the printed measure name (name) equals the catalogue's ([[measure]] name) and that the printed policy (policy) equals the name of the measure's policy ([[policy]] name). Width and spacing are ignored, and a policy name preceded by its number (「1 子育て・教育政策」) matches too.",
        ),
        why: (
            "施策名や政策名は施策ページと同じでなければなりません。表だけ古い名称のまま残っていると、読み手は別の施策かと迷います。名称の変更が一部の表にしか反映されていないことがよくあります。",
            "Measure and policy names must read as on the measure pages; a table still carrying an old name makes readers wonder whether it is another measure. Renamings often reach only some of the tables.",
        ),
        example: (
            "[[sdgs.row]]\nmeasure = \"1-1\"\nname = \"子どもを産み育てる環境の推進\"   # 施策の一覧では: 子どもを産み育てる環境づくりの推進",
            "[[sdgs.row]]\nmeasure = \"1-1\"\nname = \"子どもを産み育てる環境の推進\"   # catalogue: 子どもを産み育てる環境づくりの推進",
        ),
        fix: (
            "measures.toml・policies.toml の正式な名称に合わせて、表の名称を直してください（一覧の方が古ければ一覧を直してください）。",
            "Print the name as in measures.toml / policies.toml (or update the catalogue if the table has the newer name).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "name = \"子育て環境の充実\"\nindicators",
                "name = \"子育て環境の整備\"\nindicators",
            ),
            (
                "policy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells",
                "policy = \"安全・安心政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            (
                "name = \"子育て環境の充実\"\nindicators",
                "name = \"子育て環境の　充実\"\nindicators",
            ),
            (
                "policy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells",
                "policy = \"２ 安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells",
            ),
        ],
        append: "",
    },
};

/// Which table a row stands in.
#[derive(Clone, Copy)]
enum Table {
    Sdgs,
    Matrix,
}

impl Table {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Table::Sdgs => ("ＳＤＧｓローカル指標の表", "the SDGs local-indicator table"),
            Table::Matrix => ("重点施策との対応", "the measure × project matrix"),
        }
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if let Some(sd) = &cx.plan.sdgs {
        for r in &sd.row {
            row(
                cx,
                out,
                sd.file,
                Table::Sdgs,
                &r.measure,
                r.name.as_ref(),
                r.policy.as_ref(),
            );
        }
    }
    if let Some(mx) = &cx.plan.matrix {
        for r in &mx.row {
            row(
                cx,
                out,
                r.file,
                Table::Matrix,
                &r.measure,
                r.name.as_ref(),
                r.policy.as_ref(),
            );
        }
    }
}

fn row(
    cx: &Context,
    out: &mut Vec<Finding>,
    file: FileId,
    table: Table,
    measure: &Text,
    name: Option<&Text>,
    policy: Option<&Text>,
) {
    // An unknown measure or policy is PC101's finding.
    let Some(m) = cx.index.measures.get(&normalize::key(measure.get_ref())) else {
        return;
    };
    let (t_ja, t_en) = table.names();
    let id = m.id.get_ref();
    if let Some(name) = name
        && normalize::key(name.get_ref()) != normalize::key(m.name.get_ref())
    {
        let (printed, catalogue) = (name.get_ref(), m.name.get_ref());
        out.push(
            RULE.finding(
                file,
                name.span(),
                msg!(
                    "{t_ja}で、施策 {id} の名称が「{printed}」になっていますが、施策の一覧では「{catalogue}」です",
                    "{t_en} names measure {id} 「{printed}」, but the catalogue names it 「{catalogue}」"
                ),
            )
            .label(msg!("一覧では「{catalogue}」", "catalogue: 「{catalogue}」"))
            .help(msg!(
                "施策の一覧（measures.toml）の名称に合わせてください。",
                "print the measure's name as in the catalogue (measures.toml)"
            ))
            .subject(normalize::key(id))
            .related(
                Finding::at(m.file, m.name.span()),
                msg!("施策 {id} の名称", "the catalogue's name of measure {id}"),
            ),
        );
    }
    let Some(printed) = policy else { return };
    let Some(pol) = m
        .policy
        .as_ref()
        .and_then(|p| cx.index.policies.get(&normalize::key(p.get_ref())))
    else {
        return;
    };
    let k = normalize::key(printed.get_ref());
    let expected = normalize::key(pol.name.get_ref());
    if k == expected || k == normalize::key(pol.id.get_ref()) + &expected {
        return;
    }
    let (shown, pname, pid) = (printed.get_ref(), pol.name.get_ref(), pol.id.get_ref());
    out.push(
        RULE.finding(
            file,
            printed.span(),
            msg!(
                "{t_ja}で、施策 {id} の政策が「{shown}」になっていますが、施策 {id} は政策 {pid}「{pname}」に属します",
                "{t_en} prints the policy of measure {id} as 「{shown}」, but measure {id} belongs to policy {pid} 「{pname}」"
            ),
        )
        .label(msg!("政策 {pid} は「{pname}」", "policy {pid} is 「{pname}」"))
        .help(msg!(
            "政策の一覧（policies.toml）の名称に合わせてください。施策の属する政策が違うなら measures.toml の policy を直してください。",
            "print the policy's name as in policies.toml; if the measure belongs to another policy, correct its policy in measures.toml"
        ))
        .subject(normalize::key(id))
        .related(
            Finding::at(pol.file, pol.name.span()),
            msg!("政策 {pid} の名称", "the name of policy {pid}"),
        ),
    );
}

super::fixture_test!(2, "a measure name and a policy name", |f| {
    assert_eq!(f[0].subject.as_deref(), Some("1-1"));
    assert!(f[0].message.en.contains("「子育て環境の整備」"));
    assert_eq!(f[1].subject.as_deref(), Some("2-1"));
    assert!(f[1].message.en.contains("policy 2 「安全政策」"));
});

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn rows_of_unknown_measures_are_left_to_unknown_measure() {
        const FIX: Fixture = Fixture::replacing(&[(
            "measure = \"1-1\"\nname = \"子育て環境の充実\"\nindicators",
            "measure = \"1-9\"\nname = \"ほかの施策\"\nindicators",
        )]);
        testing::assert_found(&RULE, &FIX, 0);
    }
}
