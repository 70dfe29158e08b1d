//! PC202 title-variant: 表記ゆれ of a policy direction's title — a row title that is almost, but
//! not exactly, the declared title or another title printed for the same direction.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::index::{Citation, Declared};
use crate::analysis::{group_in_order, near};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::Text;
use crate::plan::normalize;

/// Fixture text: project 2 with one 関係 row under 2-1 方針１, titled `$title`.
macro_rules! related_row {
    ($title:literal) => {
        concat!(
            project_two_table!("犯罪のないまち"),
            "\n[[project.direction.table.row]]\ndirection = \"2-1 方針１関係\"\ntitle = \"",
            $title,
            "\"\npage = \"P.20\"\n"
        )
    };
}

pub const RULE: Rule = Rule {
    code: "PC202",
    name: "title-variant",
    severity: Severity::Warning,
    summary: (
        "施策の展開方針の名称の表記ゆれ",
        "spelling variant (表記ゆれ) of a policy direction's title",
    ),
    docs: Docs {
        what: (
            "対応表の行（「関係」の有無を問わず）の名称が、引用する施策の展開方針の施策の一覧での名称とほぼ同じでも一致しない場合（送り仮名、かなと漢字、語の追加・脱落など）に報告します。方針ごとに行をまとめ、名称が宣言の名称と一致も近似もしない行どうしについても、同じ方針の先に印刷された名称とほぼ同じで一致しないものを報告します。全角・半角や空白だけの違いは対象外です。",
            "Reports a direction-table row (with or without 「関係」) whose title is almost, but not exactly, the title declared in the catalogue for the direction it cites (okurigana, kana vs kanji, a word added or dropped). Rows are grouped by direction, and a title that is neither the declared title nor a variant of it is also compared with the titles printed earlier for the same direction. Differences of width or spacing only are not reported.",
        ),
        why: (
            "同じ方針が表ごとに少しずつ違う名称で書かれると、別の方針なのか同じ方針なのか読み手が迷い、検索や突合もできません。",
            "When the same direction is spelled slightly differently from table to table, readers cannot tell whether it is the same direction, and searching and cross-checking fail.",
        ),
        example: (
            "[[project.direction.table.row]]\ndirection = \"1-3 方針２関係\"\ntitle = \"特別な配慮を必要とする子どもへの支援の充実\"   # 施策の一覧では: 特別な配慮を要する子どもへの支援の充実",
            "[[project.direction.table.row]]\ndirection = \"1-3 方針２関係\"\ntitle = \"特別な配慮を必要とする子どもへの支援の充実\"   # declared: 特別な配慮を要する子どもへの支援の充実",
        ),
        fix: (
            "どちらかの表記に揃えてください。関連する取組を別の名称で書くつもりなら、方針の名称と紛れないように書き分けてください。",
            "Use one spelling everywhere. If a related initiative is meant to have its own title, make it clearly distinct from the direction's title.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // okurigana variant of the declared title
            (
                "direction = \"1-1 方針１\"\ntitle = \"切れ目ない支援\"",
                "direction = \"1-1 方針１\"\ntitle = \"切れ目のない支援\"",
            ),
            UNTITLED_2_1,
        ],
        append: related_row!("地域の防犯活動の推進"),
    }),
    pass: Fixture {
        replace: &[
            // a width/spacing variant is not 表記ゆれ
            (
                "direction = \"1-1 方針１\"\ntitle = \"切れ目ない支援\"",
                "direction = \"1-1 方針１\"\ntitle = \"切れ目ない　支援\"",
            ),
            UNTITLED_2_1,
        ],
        // a different initiative under the same direction is not a variant
        append: related_row!("防犯カメラの設置"),
    },
};

/// Fixture edit: 2-1 方針１ declared without a title, so that its rows are compared with
/// each other.
const UNTITLED_2_1: (&str, &str) = (
    "id = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"",
    "id = \"2-1 方針１\"",
);

/// A title printed earlier for the same direction, kept for group-local comparison.
struct Seen<'a> {
    key: String,
    citation: &'a Citation<'a>,
    title: &'a Text,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let ix = cx.index;
    // Rows grouped by direction id, each group in model order; groups in first-seen order.
    let groups = group_in_order(
        ix.citations
            .iter()
            .filter(|c| c.row.title.is_some())
            .filter_map(|c| Some((c.reference()?.id(cx.vocabulary()), c))),
    );
    for (id, rows) in &groups {
        let declared = ix
            .directions
            .get(id)
            .and_then(|d| d.decl.title.as_ref().map(|t| (d, t)));
        let decl_key = declared.map(|(_, t)| normalize::key(t.get_ref()));
        let mut seen: Vec<Seen> = Vec::new();
        for &c in rows {
            let Some(title) = &c.row.title else { continue };
            let key = normalize::key(title.get_ref());
            if key.is_empty() || decl_key.as_deref() == Some(key.as_str()) {
                continue;
            }
            if let (Some((d, dt)), Some(dk)) = (declared, decl_key.as_deref())
                && near::is_near(&key, dk, near::NEAR)
            {
                out.push(against_declared(c, title, id, d, dt));
                if !seen.iter().any(|s| s.key == key) {
                    seen.push(Seen {
                        key,
                        citation: c,
                        title,
                    });
                }
                continue;
            }
            if let Some(s) = seen
                .iter()
                .find(|s| near::is_near(&key, &s.key, near::NEAR))
            {
                out.push(against_row(c, title, id, s.citation, s.title));
            }
            if !seen.iter().any(|s| s.key == key) {
                seen.push(Seen {
                    key,
                    citation: c,
                    title,
                });
            }
        }
    }
}

fn against_declared(
    c: &Citation,
    title: &Text,
    id: &str,
    declared: &Declared,
    decl_title: &Text,
) -> Finding {
    let printed_id = c.row.direction.get_ref();
    let row = title.get_ref();
    let decl = decl_title.get_ref();
    let n = c.project.number.get_ref();
    let project = c.project.name.get_ref();
    let related_row = c.reference().is_some_and(|r| r.related);
    let short = c.vocabulary.sections.direction_short.get_ref();
    let (at, declared_here) = super::declared_title(c.vocabulary, declared, decl_title, id);
    let help = if related_row {
        msg!(
            "{short}の名称を書くなら「{decl}」に揃えてください。別の取組の名称なら、{short}の名称と紛れないように書き分けてください。",
            "if the row names the direction, spell it 「{decl}」; if it names a distinct initiative, make its title clearly different from the direction's"
        )
    } else {
        msg!(
            "施策の一覧の名称「{decl}」に揃えてください。",
            "spell it as declared: 「{decl}」"
        )
    };
    RULE.finding(
        c.file,
        title.span(),
        msg!(
            "重点プロジェクト{n}（{project}）の「{printed_id}」の行の名称「{row}」は、施策の一覧の名称「{decl}」の表記ゆれです",
            "project {n} ({project}): row `{printed_id}` prints 「{row}」, a variant of the title declared in the catalogue, 「{decl}」"
        ),
    )
    .label(msg!("「{decl}」の表記ゆれ", "variant of 「{decl}」"))
    .help(help)
    .subject(id.to_string())
    .related(at, declared_here)
}

fn against_row(
    c: &Citation,
    title: &Text,
    id: &str,
    other: &Citation,
    other_title: &Text,
) -> Finding {
    let printed_id = c.row.direction.get_ref();
    let other_id = other.row.direction.get_ref();
    let row = title.get_ref();
    let prev = other_title.get_ref();
    let n = c.project.number.get_ref();
    let project = c.project.name.get_ref();
    let on = other.project.number.get_ref();
    let short = c.vocabulary.sections.direction_short.get_ref();
    RULE.finding(
        c.file,
        title.span(),
        msg!(
            "重点プロジェクト{n}（{project}）の「{printed_id}」の行の名称「{row}」は、同じ{short}を引用する重点プロジェクト{on}の「{other_id}」の行の名称「{prev}」の表記ゆれです",
            "project {n} ({project}): row `{printed_id}` prints 「{row}」, a variant of 「{prev}」 printed for the same direction in project {on} (row `{other_id}`)"
        ),
    )
    .label(msg!("「{prev}」の表記ゆれ", "variant of 「{prev}」"))
    .help(msg!(
        "同じ{short}・取組なら名称を一字一句揃えてください。別の取組なら、紛れないように書き分けてください。",
        "if both rows name the same direction or initiative, spell them identically; if not, make the titles clearly distinct"
    ))
    .subject(id.to_string())
    .related(
        Finding::at(other.file, other_title.span()),
        msg!(
            "重点プロジェクト{on}の「{other_id}」の行: 「{prev}」",
            "project {on}, row `{other_id}`: 「{prev}」"
        ),
    )
}

super::fixture_test!(2, "declared-title variant and row-to-row variant", |f| {
    assert_eq!(f[0].subject.as_deref(), Some("1-1 方針1"));
    assert_eq!(f[1].subject.as_deref(), Some("2-1 方針1"));
    testing::assert_says(&f, &["切れ目のない支援", "地域の防犯活動の推進"]);
});

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn titles_far_from_the_declared_one_are_pc201s() {
        let fx = Fixture::replacing(&[(
            "direction = \"1-1 方針２\"\ntitle = \"保育の充実\"",
            "direction = \"1-1 方針２\"\ntitle = \"放課後児童クラブの運営\"",
        )]);
        testing::assert_found(&RULE, &fx, 0);
    }

    /// The English messages of this rule with project 2's table citing 2-1 方針１ (as 関係
    /// rows) with these titles appended, after `replace`.
    fn messages(replace: &'static [(&'static str, &'static str)], titles: &[&str]) -> Vec<String> {
        let mut append = concat!(project_two_table!("犯罪のないまち")).to_string();
        for t in titles {
            append.push_str(&format!(
                "\n[[project.direction.table.row]]\ndirection = \"2-1 方針１関係\"\ntitle = \"{t}\"\npage = \"P.20\"\n"
            ));
        }
        let fx = Fixture {
            replace,
            append: Box::leak(append.into_boxed_str()),
        };
        let (_, found) = testing::findings_of(&RULE, &fx);
        found.into_iter().map(|f| f.message.en).collect()
    }

    #[test]
    fn a_variant_of_the_declared_title_is_compared_with_later_rows() {
        // 地域の防犯活動の推進 is a variant of the declared 地域の防犯活動; 防犯活動の推進 is
        // far from the declared title but a variant of that row (an unrelated row comes first).
        assert_eq!(
            messages(
                &[],
                &["防犯カメラの設置", "地域の防犯活動の推進", "防犯活動の推進"]
            ),
            [
                "project 2 (安全安心プロジェクト): row `2-1 方針１関係` prints 「地域の防犯活動の推進」, a variant of the title declared in the catalogue, 「地域の防犯活動」",
                "project 2 (安全安心プロジェクト): row `2-1 方針１関係` prints 「防犯活動の推進」, a variant of 「地域の防犯活動の推進」 printed for the same direction in project 2 (row `2-1 方針１関係`)",
            ]
        );
    }

    #[test]
    fn every_distinct_title_is_compared_with_later_rows() {
        // 2-1 方針１ declared without a title: the base plan's row 地域の防犯活動 comes first,
        // then 見守り活動の充実 (not near it), then a variant of the latter.
        assert_eq!(
            messages(&[UNTITLED], &["見守り活動の充実", "見守り活動の充実強化"]),
            [
                "project 2 (安全安心プロジェクト): row `2-1 方針１関係` prints 「見守り活動の充実強化」, a variant of 「見守り活動の充実」 printed for the same direction in project 2 (row `2-1 方針１関係`)"
            ]
        );
    }

    const UNTITLED: (&str, &str) = super::UNTITLED_2_1;

    #[test]
    fn every_printed_copy_of_a_variant_is_reported() {
        // Two 関係 rows repeating the same variant of the declared title.
        let fx = Fixture::appending(concat!(
            project_two_table!("犯罪のないまち"),
            r#"
[[project.direction.table.row]]
direction = "1-1 方針２関係"
title = "保育の充実化"

[[project.direction.table.row]]
direction = "1-1 方針２関係"
title = "保育の 充実化"
"#
        ));
        testing::assert_found(&RULE, &fx, 2);
    }
}
