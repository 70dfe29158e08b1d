//! PC204 summary-indicator-mismatch: the numeric-target summary lists a project's indicators
//! differently from the project page's プロジェクト指標 table.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::near;
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::{Indicator, Located, Project, SummaryProject};
use crate::plan::normalize;
use crate::plan::source::FileId;
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    code: "PC204",
    name: "summary-indicator-mismatch",
    severity: Severity::Warning,
    summary: (
        "数値目標の一覧のプロジェクト指標がプロジェクトのページと異なります",
        "summary lists a project's indicators differently from the project page",
    ),
    docs: Docs {
        what: (
            "重点プロジェクトの数値目標（[[summary.project]]）に並ぶ各プロジェクトの指標が、そのプロジェクトのページのプロジェクト指標（[project.indicators]）と一致するかを調べます。名称は全角・半角や空白を無視して比べます。まず同じ名称どうしを対応させ、次に近い名称（表記ゆれ）を「名称の変更」として一件で報告します。残りは、両側に一つずつ残ればその二つを、二つ以上残れば同じ順番にあるものどうしを「異なる指標」として一件で報告し、それでも残る一覧側の指標は「プロジェクトのページにない」、ページ側の指標は「一覧にない」として報告します。",
            "Checks that the indicators the numeric-target summary ([[summary.project]]) lists for each project are those of the project page's project indicators ([project.indicators]). Names are compared ignoring width and spacing. Equal names are paired first; then near names (spelling variants) are reported once as a rename. Of the rest, if one remains on each side the two are reported together as a differing indicator (with more, items at the same position are paired); whatever still remains is reported as not on the project page (summary side) or missing from the summary (page side).",
        ),
        why: (
            "数値目標の一覧は各プロジェクトのページの写しです。指標が食い違うと、どの指標で進捗を測るのか分からなくなります。",
            "The summary restates each project's page. When the indicators disagree, nobody knows which indicator measures the project's progress.",
        ),
        example: (
            "[[summary.project]]\nproject = \"１ 少子高齢化対策プロジェクト\"\nindicators = [{ name = \"年少人口\" }, { name = \"介護を必要としない高齢者の割合\" }]\n# プロジェクトのページでは: 年少人口、高齢者の就労率",
            "[[summary.project]]\nproject = \"１ 少子高齢化対策プロジェクト\"\nindicators = [{ name = \"年少人口\" }, { name = \"介護を必要としない高齢者の割合\" }]\n# project page: 年少人口, 高齢者の就労率",
        ),
        fix: (
            "プロジェクトのページと数値目標の一覧のどちらが正しいか確認し、指標名と指標の数を揃えてください。",
            "Check whether the project page or the summary is right, and make both list the same indicators under the same names.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            SECOND_PROJECT_INDICATOR,
            (
                "indicators = [{ name = \"年少人口\", baseline = \"30,000 人\", target = \"31,000 人\" }]",
                "indicators = [{ name = \"年少人口数\" }, { name = \"合計特殊出生率\" }]",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            SECOND_PROJECT_INDICATOR,
            // width and spacing differences are the same name
            (
                "indicators = [{ name = \"年少人口\", baseline = \"30,000 人\", target = \"31,000 人\" }]",
                "indicators = [{ name = \"年少　人口\" }, { name = \"待機児童数\" }]",
            ),
        ],
        append: "",
    },
};

/// Fixture edit: project 1's pages print a second project indicator, 待機児童数.
const SECOND_PROJECT_INDICATOR: (&str, &str) = (
    "[[project.indicators.row]]\nname = \"年少人口\"\nbaseline = \"30,000 人\"\ntarget = \"31,000 人\"\n",
    "[[project.indicators.row]]\nname = \"年少人口\"\nbaseline = \"30,000 人\"\ntarget = \"31,000 人\"\n\n[[project.indicators.row]]\nname = \"待機児童数\"\n",
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(summary) = &cx.plan.summary else {
        return;
    };
    for group in &summary.project {
        let Some(project) = cx.index.project_named(group.project.get_ref()) else {
            continue; // PC103 reports an unknown project
        };
        compare(summary.file, group, project, out);
    }
}

/// A pairing of a summary item (index into the group) with a page row (index into the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Renamed,
    Differs,
}

fn compare(
    summary_file: FileId,
    group: &SummaryProject,
    project: &Located<Project>,
    out: &mut Vec<Finding>,
) {
    let listed: &[Indicator] = &group.indicators;
    let page: &[Indicator] = project.indicators.as_ref().map_or(&[], |t| &t.row);
    let lkeys: Vec<String> = listed
        .iter()
        .map(|i| normalize::key(i.name.get_ref()))
        .collect();
    let pkeys: Vec<String> = page
        .iter()
        .map(|i| normalize::key(i.name.get_ref()))
        .collect();
    let mut listed_done = vec![false; listed.len()];
    let mut page_done = vec![false; page.len()];

    // 1. Equal names.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, k) in pkeys.iter().enumerate().rev() {
        by_key.entry(k.as_str()).or_default().push(j);
    }
    for (i, k) in lkeys.iter().enumerate() {
        if let Some(j) = by_key.get_mut(k.as_str()).and_then(Vec::pop) {
            listed_done[i] = true;
            page_done[j] = true;
        }
    }

    // 2. Near names: each remaining summary item takes the most similar remaining page row.
    let mut pairs: Vec<(usize, usize, Kind)> = Vec::new();
    for (i, k) in lkeys.iter().enumerate() {
        if listed_done[i] {
            continue;
        }
        let best = pkeys
            .iter()
            .enumerate()
            .filter(|&(j, pk)| !page_done[j] && near::is_near(k, pk, near::NEAR))
            .map(|(j, pk)| (j, near::similarity(k, pk)))
            .fold(None::<(usize, f64)>, |acc, (j, s)| match acc {
                Some((_, bs)) if bs >= s => acc,
                _ => Some((j, s)),
            });
        if let Some((j, _)) = best {
            listed_done[i] = true;
            page_done[j] = true;
            pairs.push((i, j, Kind::Renamed));
        }
    }

    // 3. What remains: one on each side, or items at the same position, differ.
    let rest_l: Vec<usize> = (0..listed.len()).filter(|&i| !listed_done[i]).collect();
    let rest_p: Vec<usize> = (0..page.len()).filter(|&j| !page_done[j]).collect();
    if let ([i], [j]) = (rest_l.as_slice(), rest_p.as_slice()) {
        listed_done[*i] = true;
        page_done[*j] = true;
        pairs.push((*i, *j, Kind::Differs));
    } else {
        for &i in &rest_l {
            if page_done.get(i) == Some(&false) {
                listed_done[i] = true;
                page_done[i] = true;
                pairs.push((i, i, Kind::Differs));
            }
        }
    }
    pairs.sort_by_key(|&(i, _, _)| i);

    let n = project.number.get_ref();
    let shown = group.project.get_ref();
    for (i, j, kind) in pairs {
        let (Some(l), Some(p)) = (listed.get(i), page.get(j)) else {
            continue;
        };
        let (ln, pn) = (l.name.get_ref(), p.name.get_ref());
        let (message, help) = match kind {
            Kind::Renamed => (
                msg!(
                    "数値目標の一覧の「{shown}」は指標を「{ln}」と書いていますが、重点プロジェクト{n}のページでは「{pn}」です",
                    "the summary's 「{shown}」 prints the indicator as 「{ln}」, but project {n}'s page names it 「{pn}」"
                ),
                msg!(
                    "同じ指標なので、どちらかの名称に揃えてください。",
                    "it is the same indicator: use one name in both places"
                ),
            ),
            Kind::Differs => (
                msg!(
                    "数値目標の一覧の「{shown}」の指標「{ln}」が、重点プロジェクト{n}のページの指標「{pn}」と異なります",
                    "the summary's 「{shown}」 lists 「{ln}」 where project {n}'s page lists 「{pn}」"
                ),
                msg!(
                    "どちらの指標が正しいか確認し、プロジェクトのページと数値目標の一覧を揃えてください。",
                    "check which indicator is right and make the project page and the summary agree"
                ),
            ),
        };
        out.push(
            RULE.finding(summary_file, l.name.span(), message)
                .label(msg!("ページでは「{pn}」", "「{pn}」 on the project page"))
                .help(help)
                .subject(normalize::key(ln))
                .related(
                    Finding::at(project.file, p.name.span()),
                    msg!(
                        "重点プロジェクト{n}のプロジェクト指標: 「{pn}」",
                        "project {n}'s project indicator: 「{pn}」"
                    ),
                ),
        );
    }

    let page_names = if page.is_empty() {
        ("（なし）".to_string(), "(none)".to_string())
    } else {
        let names: Vec<String> = page
            .iter()
            .map(|p| format!("「{}」", p.name.get_ref()))
            .collect();
        (names.join("、"), names.join(", "))
    };
    for (i, l) in listed.iter().enumerate() {
        if listed_done.get(i) != Some(&false) {
            continue;
        }
        let ln = l.name.get_ref();
        let (pja, pen) = &page_names;
        let mut f = RULE
            .finding(
                summary_file,
                l.name.span(),
                msg!(
                    "数値目標の一覧の「{shown}」の指標「{ln}」は、重点プロジェクト{n}のページのプロジェクト指標にありません（ページの指標: {pja}）",
                    "the summary's 「{shown}」 lists 「{ln}」, which is not among project {n}'s project indicators ({pen})"
                ),
            )
            .label(msg!("プロジェクトのページにありません", "not on the project page"))
            .help(msg!(
                "プロジェクトのページに指標を追加するか、数値目標の一覧から削除してください。",
                "add the indicator to the project page, or remove it from the summary"
            ))
            .subject(normalize::key(ln));
        let anchor = project
            .indicators
            .as_ref()
            .and_then(|t| t.row.first())
            .map_or(project.name.span(), |r| r.name.span());
        f = f.related(
            Finding::at(project.file, anchor),
            msg!(
                "重点プロジェクト{n}のプロジェクト指標",
                "project {n}'s project indicators"
            ),
        );
        out.push(f);
    }
    for (j, p) in page.iter().enumerate() {
        if page_done.get(j) != Some(&false) {
            continue;
        }
        let pn = p.name.get_ref();
        out.push(
            RULE.finding(
                project.file,
                p.name.span(),
                msg!(
                    "重点プロジェクト{n}のプロジェクト指標「{pn}」が、数値目標の一覧の「{shown}」にありません",
                    "project {n}'s project indicator 「{pn}」 is missing from the summary's 「{shown}」"
                ),
            )
            .label(msg!("数値目標の一覧にありません", "missing from the summary"))
            .help(msg!(
                "数値目標の一覧の「{shown}」に指標を追加するか、プロジェクトのページから削除してください。",
                "add the indicator to the summary's 「{shown}」, or remove it from the project page"
            ))
            .subject(normalize::key(pn))
            .related(
                Finding::at(summary_file, group.project.span()),
                msg!(
                    "数値目標の一覧の「{shown}」",
                    "the summary's 「{shown}」 group"
                ),
            ),
        );
    }
}

super::fixture_test!(2, "one rename and one differing pair", |f| {
    testing::assert_says(
        &f,
        &[
            "prints the indicator as 「年少人口数」",
            "lists 「合計特殊出生率」 where",
        ],
    );
});

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::{Fixture, testing};

    #[test]
    fn leftovers_are_not_on_the_page_or_missing_from_the_summary() {
        // Page: 年少人口, 待機児童数, 合計特殊出生率. Summary: 年少人口, 出生数.
        let fx = Fixture::replacing(&[
            (
                "[[project.indicators.row]]\nname = \"年少人口\"\nbaseline = \"30,000 人\"\ntarget = \"31,000 人\"\n",
                "[[project.indicators.row]]\nname = \"年少人口\"\n\n[[project.indicators.row]]\nname = \"待機児童数\"\n\n[[project.indicators.row]]\nname = \"合計特殊出生率\"\n",
            ),
            (
                "indicators = [{ name = \"年少人口\", baseline = \"30,000 人\", target = \"31,000 人\" }]",
                "indicators = [{ name = \"年少人口\" }, { name = \"出生数\" }, { name = \"婚姻数\" }, { name = \"転入者数\" }]",
            ),
        ]);
        let (_, f) = testing::findings_of(&RULE, &fx);
        let en: Vec<&str> = f.iter().map(|f| f.message.en.as_str()).collect();
        assert_eq!(f.len(), 3, "{en:#?}");
        // 出生数 and 待機児童数 stand second on both sides; 婚姻数, third, pairs with
        // 合計特殊出生率; 転入者数 is left over.
        assert!(en[0].contains("lists 「出生数」 where project 1's page lists 「待機児童数」"));
        assert!(en[1].contains("lists 「婚姻数」 where project 1's page lists 「合計特殊出生率」"));
        assert!(en[2].contains("「転入者数」, which is not among"));
    }

    #[test]
    fn missing_from_the_summary() {
        let fx = Fixture::replacing(&[(
            "[[project.indicators.row]]\nname = \"年少人口\"\nbaseline = \"30,000 人\"\ntarget = \"31,000 人\"\n",
            "[[project.indicators.row]]\nname = \"年少人口\"\n\n[[project.indicators.row]]\nname = \"待機児童数\"\n",
        )]);
        testing::assert_one(&RULE, &fx, "「待機児童数」 is missing from the summary");
    }
}
