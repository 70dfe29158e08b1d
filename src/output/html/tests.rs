//! The renderer on hand-made data: escaping everywhere, and the page's structure.

use super::excerpt::{Excerpt, Line};
use super::*;
use crate::output::matrix::{Column, GridRow};

/// Markup that must come out as text wherever a plan string is shown.
const HOSTILE: &str = "<x-planted a=\"1\" b='2'>&amp;</style></script>";

fn hostile(tag: &str) -> String {
    format!("{tag}{HOSTILE}")
}

fn msg(tag: &str) -> Msg {
    Msg::new(hostile(tag), hostile(tag))
}

fn excerpt_of(tag: &str) -> Excerpt {
    Excerpt {
        lines: vec![Line {
            number: Some(7),
            cut_before: true,
            before: hostile(&format!("{tag}-before")),
            marked: hostile(&format!("{tag}-marked")),
            after: hostile(&format!("{tag}-after")),
            cut_after: true,
        }],
    }
}

fn entry(code: &'static str, severity: Severity, project: Option<i64>, line: usize) -> Entry {
    Entry {
        code,
        rule: "some-rule",
        title: msg("title"),
        severity,
        message: msg("message"),
        label: Some(msg("label")),
        help: Some(msg("help")),
        project,
        place: Place {
            file: hostile("file"),
            line,
            column: 3,
        },
        excerpt: Some(excerpt_of("excerpt")),
        related: vec![RelatedEntry {
            message: msg("related"),
            place: Place {
                file: "plan/a.toml".into(),
                line: 1,
                column: 1,
            },
            excerpt: Some(excerpt_of("related")),
        }],
    }
}

fn sample() -> Review {
    let placeholder = |project, section: &str| PlaceholderRow {
        kind: "tbd",
        file: hostile("ph-file"),
        line: 4,
        column: 2,
        project,
        section: section.to_string(),
        path: crate::analysis::walk::Section {
            page_of: None,
            parts: section.split(" › ").map(str::to_string).collect(),
        },
        subject: hostile("ph-subject"),
        text: hostile("ph-text"),
        cell: None,
    };
    Review {
        plan_name: hostile("plan"),
        version: "9.9.9".into(),
        checked_at: jiff::Timestamp::from_second(0)
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC),
        failing: true,
        projects: vec![
            ProjectName {
                number: 1,
                name: hostile("project-1"),
            },
            ProjectName {
                number: 2,
                name: hostile("project-2"),
            },
        ],
        findings: vec![
            entry("PC101", Severity::Error, Some(1), 10),
            entry("PC111", Severity::Warning, Some(1), 11),
            entry("PC111", Severity::Warning, Some(1), 12),
            entry("PC401", Severity::Info, Some(2), 13),
            entry("PC111", Severity::Warning, None, 14),
        ],
        suppressed: vec![SuppressedEntry {
            code: "PC402",
            message: msg("suppressed"),
            place: Place {
                file: "plan/b.toml".into(),
                line: 2,
                column: 1,
            },
            reason: hostile("reason"),
        }],
        placeholders: vec![
            placeholder(Some(1), &hostile("section-a")),
            placeholder(Some(1), &hostile("section-b")),
            placeholder(None, &hostile("section-c")),
        ],
        grid: Grid {
            columns: vec![
                Column {
                    project: Some(1),
                    name: hostile("column-1"),
                },
                Column {
                    project: Some(2),
                    name: hostile("column-2"),
                },
            ],
            rows: vec![
                GridRow {
                    measure: hostile("measure"),
                    name: hostile("measure-name"),
                    policy: Some(hostile("policy")),
                    cells: vec!["◎", ""],
                    drawn: Some(vec!["○".into(), "〇".into()]),
                },
                GridRow {
                    measure: "1-2".into(),
                    name: "b".into(),
                    policy: Some(hostile("policy")),
                    cells: vec!["○", ""],
                    drawn: None,
                },
            ],
        },
        cell_findings: vec![vec![Some(1), Some(2)], vec![None, None]],
        stats: crate::output::stats::Stats {
            version: 1,
            policies: 1,
            measures: 2,
            directions: 3,
            projects: 2,
            project_directions: 4,
            citations: 5,
            indicators: 6,
            related_plans: 7,
            citations_by_project: vec![],
            vocabulary: Default::default(),
        },
    }
}

#[test]
fn escape_covers_markup_and_both_quotes() {
    assert_eq!(
        esc("<a href=\"x\" title='y'>&</a>"),
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
    );
    assert_eq!(esc("調整中"), "調整中");
}

#[test]
fn every_plan_text_is_escaped() {
    for lang in [Lang::Ja, Lang::En] {
        let html = render(&sample(), lang);
        assert!(!html.contains("<x-planted"), "raw markup in the page");
        assert!(!html.contains("</style></script>"));
        assert_eq!(html.matches("</style>").count(), 1);
        assert_eq!(html.matches("</script>").count(), 1);
        let shown = esc(HOSTILE);
        // each place a plan text stands, shown escaped
        for tag in [
            "plan",
            "project-1",
            "title",
            "message",
            "label",
            "help",
            "file",
            "excerpt-before",
            "excerpt-marked",
            "excerpt-after",
            "related",
            "related-marked",
            "ph-file",
            "ph-subject",
            "ph-text",
            "section-a",
            "column-1",
            "measure",
            "measure-name",
            "policy",
            "suppressed",
            "reason",
        ] {
            assert!(
                html.contains(&format!("{tag}{shown}")),
                "{tag} is shown escaped ({lang:?})"
            );
        }
    }
}

#[test]
fn structure_follows_the_data() {
    let r = sample();
    let html = render(&r, Lang::Ja);
    assert_eq!(html.matches("<article class=\"finding").count(), 5);
    // groups: project 1, project 2, outside the projects
    assert_eq!(html.matches("<section class=\"group\"").count(), 3);
    assert!(html.contains("<section class=\"group\" data-project=\"none\""));
    // kinds: project 1 has PC101 and PC111; project 2 PC401; outside PC111
    assert_eq!(html.matches("<section class=\"kind\"").count(), 4);
    let p1 = html
        .find("data-project=\"1\" aria-labelledby=\"g-1\"")
        .unwrap();
    let pc101 = html[p1..].find("data-rule=\"PC101\"").unwrap();
    let pc111 = html[p1..].find("data-rule=\"PC111\"").unwrap();
    assert!(pc101 < pc111, "errors before warnings");
    // ids follow the findings' order, so matrix links can point at them
    for i in 0..5 {
        assert_eq!(html.matches(&format!("id=\"f-{i}\"")).count(), 1);
    }
    // differing cells: row 1 column 0 (○ drawn, ◎ computed), row 1 column 1 (〇 drawn,
    // blank computed), row 2 column 0 (no drawn row, ○ computed)
    assert_eq!(r.grid.differing(), 3);
    assert_eq!(html.matches("differs\" data-measure=").count(), 2 * 3);
    assert_eq!(html.matches("<a href=\"#f-1\">").count(), 2);
    assert_eq!(html.matches("<a href=\"#f-2\">").count(), 2);
    // placeholders: two groups, three section tables
    assert_eq!(html.matches("<section class=\"ph-group\"").count(), 2);
    assert_eq!(html.matches("<table class=\"ph\">").count(), 3 + 1); // + suppressed
    assert_eq!(html.matches("<tr class=\"placeholder\"").count(), 3);
    // the verdict says it fails
    assert!(html.contains("エラーが 1 件あります"));
    // one h1, and h2 for each section
    assert_eq!(html.matches("<h1>").count(), 1);
    assert_eq!(html.matches("<h2 ").count(), 5);
}

#[test]
fn the_date_is_shown_with_its_offset() {
    let r = sample();
    let ja = render(&r, Lang::Ja);
    assert!(
        ja.contains(
            "<time datetime=\"1970-01-01T00:00:00+00:00\">1970年1月1日 00:00（UTC）</time>"
        )
    );
    let tokyo = jiff::Timestamp::from_second(0)
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)));
    let (machine, shown) = super::checked_at(&tokyo, Lang::En);
    assert_eq!(machine, "1970-01-01T09:00:00+09:00");
    assert_eq!(shown, "1970-01-01 09:00 (UTC+09:00)");
}

/// The overview's table of counts by project, the project furthest from done, and the counts
/// beside the section headings, exactly as the page shows them.
#[test]
fn the_overview_counts_findings_by_project_and_severity() {
    let mut r = sample();
    r.projects[0].name = "Parks".into();
    r.projects[1].name = "Schools".into();
    let html = render(&r, Lang::En);
    let at = html.find("<table class=\"counts\">").unwrap();
    let table = &html[at..at + html[at..].find("</table>").unwrap()];
    assert_eq!(
        table,
        "<table class=\"counts\">\n\
         <caption>Findings and placeholders by project<span class=\"screen-only\"> (choose a count to show those findings)</span></caption>\n\
         <thead><tr><th scope=\"col\">Project</th><th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Info</th><th scope=\"col\">Findings</th><th scope=\"col\">Placeholders</th></tr></thead>\n\
         <tbody>\n\
         <tr><th scope=\"row\">Project 1: Parks</th><td><a href=\"#project=1&amp;severity=error\">1</a></td><td><a href=\"#project=1&amp;severity=warning\">2</a></td><td>0</td><td><a href=\"#project=1\">3</a></td><td>2</td></tr>\n\
         <tr><th scope=\"row\">Project 2: Schools</th><td>0</td><td>0</td><td><a href=\"#project=2&amp;severity=info\">1</a></td><td><a href=\"#project=2\">1</a></td><td>0</td></tr>\n\
         <tr><th scope=\"row\">Outside the projects</th><td>0</td><td><a href=\"#project=none&amp;severity=warning\">1</a></td><td>0</td><td><a href=\"#project=none\">1</a></td><td>1</td></tr>\n\
         </tbody>\n\
         <tfoot><tr><th scope=\"row\">Total</th><td><a href=\"#severity=error\">1</a></td><td><a href=\"#severity=warning\">3</a></td><td><a href=\"#severity=info\">1</a></td><td><a href=\"#findings\">5</a></td><td>3</td></tr></tfoot>\n"
    );
    assert!(
        html.contains(
            "<p>Furthest from done: Project 1: Parks (1 errors, 2 warnings, 0 info).</p>"
        ),
        "{html}"
    );
    for heading in [
        "<h2 id=\"findings-h\">Findings <span class=\"n\">(5)</span></h2>",
        "<h2 id=\"placeholders-h\">Placeholders <span class=\"n\">(3)</span></h2>",
        "<h2 id=\"suppressed-h\">Suppressed findings <span class=\"n\">(1)</span></h2>",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    let ja = render(&r, Lang::Ja);
    assert!(ja.contains("<span class=\"n\">（5 件）</span>"));
}

/// The sample with plain names, a third project without findings or placeholders, the error
/// outside the projects, and placeholders of two kinds.
fn plain() -> Review {
    let mut r = sample();
    r.plan_name = "Plan".into();
    r.projects = ["Parks", "Schools", "Roads"]
        .iter()
        .zip(1..)
        .map(|(name, number)| ProjectName {
            number,
            name: name.to_string(),
        })
        .collect();
    r.findings = vec![
        entry("PC101", Severity::Error, None, 10),
        entry("PC111", Severity::Warning, Some(1), 11),
        entry("PC111", Severity::Warning, Some(1), 12),
        entry("PC401", Severity::Info, Some(2), 13),
    ];
    for e in &mut r.findings {
        e.message = Msg::new("m", "m");
        e.title = Msg::new("t", "t");
        e.place.file = "plan/a.toml".into();
        e.excerpt = None;
        e.related.clear();
    }
    let placeholder = |kind, project, parts: &[&str]| PlaceholderRow {
        kind,
        file: "plan/b.toml".into(),
        line: 4,
        column: 2,
        project,
        section: parts.join(" › "),
        path: crate::analysis::walk::Section {
            page_of: None,
            parts: parts.iter().map(|s| s.to_string()).collect(),
        },
        subject: "subject".into(),
        text: "調整中".into(),
        cell: None,
    };
    r.placeholders = vec![
        placeholder("tbd", Some(1), &["Project 1", "Measures"]),
        placeholder("page-ref", Some(1), &["Project 1", "Measures"]),
        placeholder("tbd", Some(1), &["Project 1", "Measures"]),
        placeholder("tbd", None, &["Summary"]),
    ];
    r.grid.rows[0].measure = "1-1".into();
    r.grid.rows[0].name = "a".into();
    r.grid.columns[0].name = "Parks".into();
    r.grid.columns[1].name = "Schools".into();
    r.cell_findings = vec![vec![Some(1), Some(2)], vec![None, None]];
    r
}

/// The page's parts a reader goes by, exactly: the contents, the verdict, the project furthest
/// from done, the project filter, the group headings, a finding's place, the placeholder counts
/// and tables, and the matrix rows.
#[test]
fn the_page_shows_each_part_exactly() {
    let html = render(&plain(), Lang::En);
    for part in [
        "<li><a href=\"#matrix\">Matrix</a></li><li><a href=\"#suppressed\">Suppressed</a></li></ul></nav>\n",
        "<p class=\"verdict failing\"><strong class=\"verdict-word\">Fix needed</strong> 1 error: fix before the council meeting (plancheck check fails). The 1 info findings record placeholders and similar.</p>\n",
        // the error outside the projects does not make it the furthest project
        "<p>Furthest from done: Project 1: Parks (0 errors, 2 warnings, 0 info).</p>\n",
        // project 3 has no finding: not offered
        "<label>Project<select name=\"project\"><option value=\"\">all</option><option value=\"1\">Project 1: Parks</option><option value=\"2\">Project 2: Schools</option><option value=\"none\">Outside the projects</option></select></label>\n",
        "<h3 id=\"g-1\">Project 1: Parks <span class=\"n\">(2 warnings)</span></h3>\n",
        "<h3 id=\"g-none\">Outside the projects <span class=\"n\">(1 error)</span></h3>\n",
        "<p class=\"where\"><span class=\"place\">plan/a.toml:10:3</span></p>\n",
        "<table class=\"counts\">\n\
         <caption>By project and kind</caption>\n\
         <thead><tr><th scope=\"col\">Project</th><th scope=\"col\">being adjusted</th><th scope=\"col\">page reference missing</th><th scope=\"col\">Total</th></tr></thead>\n\
         <tbody>\n\
         <tr><th scope=\"row\"><a href=\"#ph-1\">Project 1: Parks</a></th><td>2</td><td>1</td><td>3</td></tr>\n\
         <tr><th scope=\"row\"><a href=\"#ph-none\">Outside the projects</a></th><td>1</td><td>0</td><td>1</td></tr>\n\
         </tbody>\n\
         <tfoot><tr><th scope=\"row\">Total</th><td>3</td><td>1</td><td>4</td></tr></tfoot>\n\
         </table>\n",
        // in a project's group, the path below the project's heading
        "<caption>Measures <span class=\"n\">(3)</span></caption>\n",
        "<caption>Summary <span class=\"n\">(1)</span></caption>\n",
        "<tr class=\"placeholder\" data-kind=\"page-ref\"><td>page reference missing</td><td>subject</td><td>調整中</td><td class=\"place\">plan/b.toml:4:2</td></tr>\n",
        // drawn on the left, computed on the right; a differing blank is ・, an equal one empty
        "<tr><th scope=\"row\" class=\"m-id\">1-1</th><td class=\"m-name\">a</td>\
         <td class=\"cell drawn differs\" data-measure=\"1-1\" data-column=\"0\"><a href=\"#f-1\">○<span class=\"mark\" aria-hidden=\"true\">≠</span><span class=\"sr\"> (differs)</span></a></td>\
         <td class=\"cell drawn differs\" data-measure=\"1-1\" data-column=\"1\"><a href=\"#f-2\">〇<span class=\"mark\" aria-hidden=\"true\">≠</span><span class=\"sr\"> (differs)</span></a></td>\
         <td class=\"cell computed differs\" data-measure=\"1-1\" data-column=\"0\"><a href=\"#f-1\">◎<span class=\"mark\" aria-hidden=\"true\">≠</span><span class=\"sr\"> (differs)</span></a></td>\
         <td class=\"cell computed differs\" data-measure=\"1-1\" data-column=\"1\"><a href=\"#f-2\">・<span class=\"mark\" aria-hidden=\"true\">≠</span><span class=\"sr\"> (differs)</span></a></td></tr>\n",
        "<tr><th scope=\"row\" class=\"m-id\">1-2</th><td class=\"m-name\">b</td>\
         <td class=\"cell drawn differs\" data-measure=\"1-2\" data-column=\"0\">・<span class=\"mark\" aria-hidden=\"true\">≠</span><span class=\"sr\"> (differs)</span></td>\
         <td class=\"cell drawn\"></td>\
         <td class=\"cell computed differs\" data-measure=\"1-2\" data-column=\"0\">○<span class=\"mark\" aria-hidden=\"true\">≠</span><span class=\"sr\"> (differs)</span></td>\
         <td class=\"cell computed\"></td></tr>\n",
    ] {
        assert!(html.contains(part), "missing: {part}\n{html}");
    }
    // without info findings and without suppressions
    let mut r = plain();
    r.findings.retain(|e| e.severity != Severity::Info);
    r.suppressed.clear();
    let html = render(&r, Lang::En);
    for part in [
        "<li><a href=\"#matrix\">Matrix</a></li></ul></nav>\n",
        "<p class=\"verdict failing\"><strong class=\"verdict-word\">Fix needed</strong> 1 error: fix before the council meeting (plancheck check fails).</p>\n",
    ] {
        assert!(html.contains(part), "missing: {part}\n{html}");
    }
}
