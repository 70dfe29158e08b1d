//! PC201 direction-title-mismatch: a primary direction-table row whose title is not the title
//! its policy direction is declared with in the measure catalogue.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::near;
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::normalize;

pub const RULE: Rule = Rule {
    code: "PC201",
    name: "direction-title-mismatch",
    severity: Severity::Warning,
    summary: (
        "対応表の行の方針名称が施策の一覧の名称と異なります",
        "direction-table row titled differently from the declared direction",
    ),
    docs: Docs {
        what: (
            "「関係」の付かない対応表の行（施策の展開方針そのものを引用する行）の名称が、施策の一覧（measures.toml）でその方針に宣言された名称と異なり、しかも表記ゆれ（PC202）とも言えないほど違う場合に報告します。全角・半角や空白の違いは無視します。「関係」の付いた行は関連する取組の名称なので対象外です。施策の一覧に名称が宣言されていない方針も対象外です。同じ行に指標のずれ（PC203）があっても、原因はこの行なので別の指摘にはせず、この指摘の関連箇所として示します。",
            "Reports a direction-table row printed without 「関係」 (a row citing the policy direction itself) whose title differs from the title declared for that direction in the measure catalogue (measures.toml), and differs too much to be a mere spelling variant (those are PC202). Width and spacing are ignored. Rows with 「関係」 print a related initiative's own title and are not checked; nor are directions declared without a title. An indicator drift (PC203) on or against the same row has the same cause: it is not reported on its own but shown as a related place of this finding.",
        ),
        why: (
            "方針の名称が行ごとに違うと、読み手はどの施策の展開方針が引用されているのか分かりません。取組の表（取組／具体的な取組）で関連する取組を引用しているのに「関係」を書き落とした行が典型です。",
            "When a direction's title differs from row to row, readers cannot tell which policy direction is cited. The typical cause is a row of an initiatives table (取組 / 具体的な取組) that cites a related initiative but lacks the 「関係」 after its id.",
        ),
        example: (
            "[[project.direction.table.row]]\ndirection = \"5-1 方針２\"\ntitle = \"災害時における外国人への支援の充実\"   # 施策の一覧では: 自助・共助による地域防災力の強化…",
            "[[project.direction.table.row]]\ndirection = \"5-1 方針２\"\ntitle = \"災害時における外国人への支援の充実\"   # declared: 自助・共助による地域防災力の強化…",
        ),
        fix: (
            "名称を施策の一覧の名称に直してください。その行が実は関連する取組なら、ID の後に「関係」と書いてください（例: 5-1 方針２関係）。",
            "Correct the title to the declared one — or, if the row is really a related initiative, write 「関係」 after the id (e.g. `5-1 方針２関係`).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "direction = \"1-1 方針２\"\ntitle = \"保育の充実\"",
                "direction = \"1-1 方針２\"\ntitle = \"放課後児童クラブの運営\"",
            ),
            SPACED_2_1,
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            // The same title on a 関係 row: a related initiative, legitimately titled otherwise.
            (
                "direction = \"1-1 方針２\"\ntitle = \"保育の充実\"",
                "direction = \"1-1 方針２関係\"\ntitle = \"放課後児童クラブの運営\"",
            ),
            SPACED_2_1,
        ],
        append: "",
    },
};

/// Fixture edit, in both fixtures: a spacing variant of 2-1 方針１'s declared title, which
/// is not a different title.
const SPACED_2_1: (&str, &str) = (
    "direction = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"",
    "direction = \"2-1 方針１\"\ntitle = \"地域の　防犯活動\"",
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for c in &ix.citations {
        let Some(r) = c.reference() else { continue };
        if r.related {
            continue;
        }
        let Some(title) = &c.row.title else { continue };
        let id = r.id(cx.vocabulary());
        let Some(declared) = ix.directions.get(&id) else {
            continue; // PC101 / PC102
        };
        let Some(decl_title) = &declared.decl.title else {
            continue;
        };
        let (row_key, decl_key) = (
            normalize::key(title.get_ref()),
            normalize::key(decl_title.get_ref()),
        );
        if row_key.is_empty()
            || row_key == decl_key
            || near::is_near(&row_key, &decl_key, near::NEAR)
        {
            continue; // equal, or a spelling variant (PC202)
        }
        let printed_id = c.row.direction.get_ref();
        let row = title.get_ref();
        let decl = decl_title.get_ref();
        let n = c.project.number.get_ref();
        let project = c.project.name.get_ref();
        let v = cx.vocabulary();
        let (short, marker) = (
            v.sections.direction_short.get_ref(),
            v.related_marker.get_ref(),
        );
        let (at, declared_here) = super::declared_title(v, declared, decl_title, &id);
        out.push(
            RULE.finding(
                c.file,
                title.span(),
                msg!(
                    "重点プロジェクト{n}（{project}）の「{printed_id}」の行の名称「{row}」が、施策の一覧で宣言された名称「{decl}」と異なります",
                    "project {n} ({project}): row `{printed_id}` is titled 「{row}」, but the catalogue declares this direction as 「{decl}」"
                ),
            )
            .label(msg!(
                "施策の一覧の名称と異なります",
                "differs from the declared title"
            ))
            .help(msg!(
                "名称を「{decl}」に直してください。この行が{short}そのものではなく関連する取組（取組の表によくあります）なら、ID の後に「{marker}」と書いてください（「{printed_id}{marker}」）。",
                "correct the title to 「{decl}」 — or, if the row is really a related initiative (typical in 取組-form tables), write 「{marker}」 after the id: `{printed_id}{marker}`"
            ))
            .subject(id.clone())
            .root_of(Finding::row_cause(c.file, &c.row.direction.span()))
            .related(at, declared_here),
        );
    }
}

super::fixture_test!(
    1,
    "only the retitled primary row, not the spacing variant",
    |f| {
        assert_eq!(f[0].subject.as_deref(), Some("1-1 方針2"));
        assert_eq!(f[0].related.len(), 1);
    }
);

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn near_variants_and_untitled_declarations_are_left_alone() {
        let fx = Fixture::replacing(&[
            // a near variant: PC202's, not this rule's
            (
                "direction = \"1-1 方針２\"\ntitle = \"保育の充実\"",
                "direction = \"1-1 方針２\"\ntitle = \"保育の充実化\"",
            ),
            // a declaration without a title
            (
                "id = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"",
                "id = \"2-1 方針１\"",
            ),
            (
                "direction = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"",
                "direction = \"2-1 方針１\"\ntitle = \"防犯カメラの設置\"",
            ),
        ]);
        testing::assert_found(&RULE, &fx, 0);
    }
}
