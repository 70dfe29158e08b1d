//! PC205 project-direction-drift: a project's direction (取組の方向性) printed differently in the
//! body, above its table, in the overview leaflet or in the national-strategy mapping.

use super::notation_variant::Patterns;
use super::{Context, Docs, Fixture, Rule};
use crate::analysis::near;
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::{Located, Project, ProjectDirection, Text};
use crate::plan::normalize;
use crate::plan::source::FileId;

pub const RULE: Rule = Rule {
    code: "PC205",
    name: "project-direction-drift",
    severity: Severity::Warning,
    summary: (
        "重点プロジェクトの取組の方向性が、本文・対応表の見出し・概要版・国の総合戦略の図で違います",
        "a project's direction is printed differently in the body, above its table, in the leaflet or in the strategy mapping",
    ),
    docs: Docs {
        what: (
            "重点プロジェクトの取組の方向性は、本文の見出し（[[project.direction]] の title）、対応表の上の見出し（[project.direction.table] の heading）、概要版（[[overview.project]] の directions、順番で対応）の三か所に印刷されます。本文の見出しを基準に、順番が同じ方向性どうしを比べ、全角・半角や空白以外の違いを報告します。概要版の方向性の数が本文と違うときもその旨を報告します（このときは順番ではなく、本文のどれかと一致するか、よく似ているかで比べます）。また、国の総合戦略との関係の図で一つのプロジェクトの下に並ぶ項目（[[strategy]] の items）が、そのプロジェクトの方向性とよく似ているのに一致しないときも報告します。本文の見出しとの違いが表記辞書の組（「取組」と「取り組み」など）だけで、計画がその組を混在させている（PC504 notation-mix）場合は、原因がその混在なので、この指摘は PC504 の関連箇所として示します。",
            "A project's directions are printed three times: as the direction heading in the body ([[project.direction]] title), as the heading above its table ([project.direction.table] heading) and in the overview leaflet ([[overview.project]] directions, matched by position). Taking the body title as the reference, copies at the same position are compared, and any difference beyond width and spacing is reported. A leaflet listing a different number of directions than the body is reported too (its entries are then matched to the body title they equal or nearly equal, not by position). Items printed under a single project in the national-strategy mapping ([[strategy]] items) that nearly, but not exactly, equal one of that project's directions are reported as well. When a copy differs from the body heading only by a notation-dictionary pair (「取組」 / 「取り組み」) that the plan mixes (PC504 notation-mix), the mix is the cause: the finding is shown as a related place of the PC504 finding.",
        ),
        why: (
            "同じ取組の方向性が場所によって「すべて」「全て」や「取り組み」「取組」のように違うと、読み手は別の方向性かと迷い、どれが正式な名称かわからなくなります。審議会の修正が一部の写しにしか反映されていないことも多くあります。",
            "When the same direction reads 「すべて」 in one place and 「全て」 in another, or 「取り組み」 and 「取組」, readers wonder whether they are different directions and cannot tell which wording is official; often a council amendment reached only some of the copies.",
        ),
        example: (
            "[[project.direction]]\ntitle = \"すべての市民が元気に活躍できる環境づくり\"\n\n[[overview.project]]\ndirections = [\"…\", \"…\", \"全ての市民が元気に活躍できる環境づくり\"]",
            "[[project.direction]]\ntitle = \"すべての市民が元気に活躍できる環境づくり\"\n\n[[overview.project]]\ndirections = [\"…\", \"…\", \"全ての市民が元気に活躍できる環境づくり\"]",
        ),
        fix: (
            "正式な書き方を決めて、本文の見出し・対応表の見出し・概要版・国の総合戦略の図をそろえてください。",
            "Decide on the official wording and use it in the body heading, the table heading, the leaflet and the strategy mapping alike.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "heading = \"安心して子育てできる社会\"",
                "heading = \"安心して子育てできる社会づくり\"",
            ),
            (
                "directions = [\"安心して子育てできる社会\"]",
                "directions = [\"安心して子育てが出来る社会\"]",
            ),
            (
                "projects = [\"子育て応援プロジェクト\"]",
                "projects = [\"子育て応援プロジェクト\"]\nitems = [\"安心して子育てできる社会の実現\", \"子育て情報の発信\"]",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            (
                "heading = \"安心して子育てできる社会\"",
                "heading = \"安心して　子育てできる社会\"",
            ),
            (
                "directions = [\"安心して子育てできる社会\"]",
                "directions = [\"安心して 子育てできる社会\"]",
            ),
            (
                "projects = [\"子育て応援プロジェクト\"]",
                "projects = [\"子育て応援プロジェクト\"]\nitems = [\"安心して子育てできる社会\", \"子育て情報の発信\"]",
            ),
        ],
        append: "",
    },
};

/// Where a copy of a direction is printed.
#[derive(Clone, Copy)]
enum Site {
    TableHeading,
    Leaflet,
    Strategy,
}

impl Site {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Site::TableHeading => ("対応表の見出し", "the table heading"),
            Site::Leaflet => ("概要版", "the overview leaflet"),
            Site::Strategy => ("国の総合戦略との関係の図", "the national-strategy mapping"),
        }
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let entries = cx.config.notation.entries();
    let by_first = super::notation_variant::patterns(&entries);
    drifts(cx, &by_first, out);
}

/// The dictionary pairs by which `printed` and `body` alone differ (their cause keys), or
/// none when they differ otherwise too.
fn dictionary_causes(printed: &str, body: &str, by_first: &Patterns) -> Vec<String> {
    let (a, used_a) = super::notation_variant::canonical(printed, by_first);
    let (b, used_b) = super::notation_variant::canonical(body, by_first);
    if normalize::key(&a) != normalize::key(&b) {
        return Vec::new();
    }
    let mut keys: Vec<String> = used_a
        .into_iter()
        .chain(used_b)
        .map(|p| super::notation_mix::cause_key(&p))
        .collect();
    keys.dedup();
    keys
}

fn drifts(cx: &Context, by_first: &Patterns, out: &mut Vec<Finding>) {
    let plan = cx.plan;
    for p in &plan.projects {
        for (n, d) in p.direction.iter().enumerate() {
            let Some(h) = d.table.as_ref().and_then(|t| t.heading.as_ref()) else {
                continue;
            };
            if normalize::key(h.get_ref()) != normalize::key(d.title.get_ref()) {
                out.push(drift(by_first, p, n, d, p.file, h, Site::TableHeading));
            }
        }
    }
    if let Some(o) = &plan.overview {
        for op in &o.project {
            // An unresolved name is another rule's finding.
            let Some(p) = cx.index.project_named(op.name.get_ref()) else {
                continue;
            };
            if op.directions.len() == p.direction.len() {
                for (n, (t, d)) in op.directions.iter().zip(&p.direction).enumerate() {
                    if normalize::key(t.get_ref()) != normalize::key(d.title.get_ref()) {
                        out.push(drift(by_first, p, n, d, o.file, t, Site::Leaflet));
                    }
                }
                continue;
            }
            let (num, name) = (p.number.get_ref(), p.name.get_ref());
            let (leaflet, body) = (op.directions.len(), p.direction.len());
            out.push(
                RULE.finding(
                    o.file,
                    op.name.span(),
                    msg!(
                        "概要版は重点プロジェクト{num}「{name}」の取組の方向性を {leaflet} つ挙げていますが、本文には {body} つあります",
                        "the leaflet lists {leaflet} direction(s) for project {num} 「{name}」, but the body has {body}"
                    ),
                )
                .label(msg!(
                    "取組の方向性が {leaflet} つ",
                    "{leaflet} direction(s) listed here"
                ))
                .help(msg!(
                    "概要版の方向性を本文の {body} つとそろえてください。",
                    "list the same {body} direction(s) as the body"
                ))
                .subject(normalize::key(name))
                .related(
                    Finding::at(p.file, p.name.span()),
                    msg!(
                        "本文の取組の方向性は {body} つ",
                        "the body has {body} direction(s)"
                    ),
                ),
            );
            // The positions no longer line up: match each entry to the body title it
            // nearly equals, and report only those.
            for t in &op.directions {
                if let Some((n, d)) = nearest_variant(p, t.get_ref()) {
                    out.push(drift(by_first, p, n, d, o.file, t, Site::Leaflet));
                }
            }
        }
    }
    for st in &plan.strategy {
        let [project] = st.projects.as_slice() else {
            continue;
        };
        let Some(p) = cx.index.project_named(project.get_ref()) else {
            continue;
        };
        for item in &st.items {
            if let Some((n, d)) = nearest_variant(p, item.get_ref()) {
                out.push(drift(by_first, p, n, d, st.file, item, Site::Strategy));
            }
        }
    }
}

/// The direction of `p` whose body title `printed` nearly (but not exactly, after
/// normalisation) equals; `None` when it equals one or is near none.
fn nearest_variant<'a>(p: &'a Project, printed: &str) -> Option<(usize, &'a ProjectDirection)> {
    let k = normalize::key(printed);
    let keys: Vec<String> = p
        .direction
        .iter()
        .map(|d| normalize::key(d.title.get_ref()))
        .collect();
    if keys.contains(&k) {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for (n, dk) in keys.iter().enumerate() {
        if !near::is_near(&k, dk, near::NEAR) {
            continue;
        }
        let s = near::similarity(&k, dk);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((n, s));
        }
    }
    best.and_then(|(n, _)| Some((n, p.direction.get(n)?)))
}

/// A copy `t` of direction `d` (position `n`) of project `p` that differs from the body title.
fn drift(
    by_first: &Patterns,
    p: &Located<Project>,
    n: usize,
    d: &ProjectDirection,
    file: FileId,
    t: &Text,
    site: Site,
) -> Finding {
    let (num, name, pos) = (p.number.get_ref(), p.name.get_ref(), n + 1);
    let (printed, body) = (t.get_ref(), d.title.get_ref());
    let (where_ja, where_en) = site.names();
    let f = RULE.finding(
        file,
        t.span(),
        msg!(
            "重点プロジェクト{num}「{name}」の取組の方向性{pos}: {where_ja}は「{printed}」、本文の見出しは「{body}」で、表記が違います",
            "project {num} 「{name}」, direction {pos}: {where_en} reads 「{printed}」 but the body heading reads 「{body}」",
        ),
    )
    .label(msg!("本文では「{body}」", "the body has 「{body}」"))
    .help(msg!(
        "同じ取組の方向性です。正式な書き方に、本文・対応表の見出し・概要版・国の総合戦略の図をそろえてください。",
        "this is the same direction: use one official wording in the body, the table heading, the leaflet and the strategy mapping"
    ))
    .subject(normalize::key(body))
    .related(
        Finding::at(p.file, d.title.span()),
        msg!(
            "本文の取組の方向性{pos}の見出し",
            "the body heading of direction {pos}"
        ),
    );
    // A copy that differs from the body heading only by a notation-dictionary pair follows
    // from that pair's mix (PC504 notation-mix); the outcome layer attaches it there.
    dictionary_causes(printed, body, by_first)
        .into_iter()
        .fold(f, |f, k| f.caused_by(k))
}

super::fixture_test!(
    3,
    "table heading, leaflet and strategy item; the unrelated item is not reported",
    |f| {
        assert!(
            f.iter()
                .all(|f| f.subject.as_deref() == Some("安心して子育てできる社会"))
        );
    }
);

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn leaflet_with_a_different_number_of_directions() {
        const FIX: Fixture = Fixture::replacing(&[(
            "directions = [\"安心して子育てできる社会\"]",
            "directions = [\"地域の見守り\", \"安心して子育てが出来る社会\"]",
        )]);
        let f = testing::assert_found(&RULE, &FIX, 2);
        assert!(
            f.iter()
                .any(|f| f.message.en.contains("lists 2 direction(s)"))
        );
        assert!(
            f.iter()
                .any(|f| f.message.en.contains("「安心して子育てが出来る社会」"))
        );
    }

    #[test]
    fn a_strategy_item_is_compared_with_its_nearest_direction() {
        // 「…地域社会へ」 is nearest direction 2 (one edit) though direction 1 is near too;
        // 「子育て支援環境の充実」 is two edits from directions 3 and 4 alike: the first is named
        const FIX: Fixture = Fixture::replacing(&[
            (
                "[project.related]",
                concat!(
                    "[[project.direction]]\ntitle = \"安心して子育てできる地域社会\"\n\n",
                    "[[project.direction]]\ntitle = \"子育て支援の充実\"\n\n",
                    "[[project.direction]]\ntitle = \"子育て環境の充実\"\n\n",
                    "[project.related]",
                ),
            ),
            (
                "directions = [\"安心して子育てできる社会\"]",
                "directions = [\"安心して子育てできる社会\", \"安心して子育てできる地域社会\", \"子育て支援の充実\", \"子育て環境の充実\"]",
            ),
            (
                "projects = [\"子育て応援プロジェクト\"]",
                "projects = [\"子育て応援プロジェクト\"]\nitems = [\"安心して子育てできる地域社会へ\", \"子育て支援環境の充実\"]",
            ),
        ]);
        let f = testing::assert_found(&RULE, &FIX, 2);
        testing::assert_says(
            &f,
            &[
                "direction 2: the national-strategy mapping reads 「安心して子育てできる地域社会へ」 but the body heading reads 「安心して子育てできる地域社会」",
                "direction 3: the national-strategy mapping reads 「子育て支援環境の充実」 but the body heading reads 「子育て支援の充実」",
            ],
        );
    }

    #[test]
    fn items_of_a_strategy_box_with_several_projects_are_not_compared() {
        const FIX: Fixture = Fixture::replacing(&[(
            "projects = [\"子育て応援プロジェクト\"]",
            "projects = [\"子育て応援プロジェクト\", \"防犯プロジェクト\"]\nitems = [\"安心して子育てできる社会の実現\"]",
        )]);
        testing::assert_found(&RULE, &FIX, 0);
    }
}
