//! `plancheck diff`: the changes between two versions of a plan as a 新旧対照表 (種別 | 項目 |
//! 変更前 | 変更後, the words that differ marked) for the terminal, Markdown, HTML and xlsx, and
//! as a versioned JSON document; with `--findings`, the findings resolved and new.

use crate::analysis::diff::{Change, Kind, Level, Side};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::outcome::delta::{Delta, Item};
use crate::output::fit::{self, Col};
use crate::output::html::esc;
use crate::output::table::markdown_table;
use crate::output::workbook::Date;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, XlsxError};
use serde::Serialize;
use std::fmt::Write as _;

/// The version of the JSON document (docs/output-formats.md).
pub const JSON_VERSION: u32 = 1;

/// What `plancheck diff` shows.
#[derive(Debug, Clone)]
pub struct DiffReport {
    /// The two versions as shown (folders, or `REV:folder`).
    pub old_root: String,
    pub new_root: String,
    /// The newer version's plan name.
    pub plan_name: Option<String>,
    pub changes: Vec<Change>,
    /// The list holds only the changes the change table does not mention
    /// (`--against-changes`).
    pub unmentioned_only: bool,
    /// With `--findings`.
    pub findings: Option<Delta>,
    /// The newer version's short name of a policy direction (its vocabulary), for the headline.
    pub direction_short: String,
}

fn kind_label(k: Kind) -> Msg {
    match k {
        Kind::Added => msg!("追加", "added"),
        Kind::Removed => msg!("削除", "removed"),
        Kind::Renamed => msg!("改称", "renamed"),
        Kind::Changed => msg!("変更", "changed"),
    }
}

/// The item as shown: its section path, the item, and for running text the sentence.
fn item(c: &Change, lang: Lang) -> String {
    let mut parts = c.section.clone();
    parts.push(c.item.clone());
    let mut s = parts.join(" › ");
    if let Some(n) = c.sentence {
        s.push_str(msg!("（{n}文目）", " (sentence {n})").get(lang));
    }
    s
}

/// A text cut at its marks: `(marked, part)`, in order.
fn segments(side: &Side, marked: bool) -> Vec<(bool, String)> {
    let chars: Vec<char> = side.text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    let marks = if marked { side.marks.as_slice() } else { &[] };
    for m in marks {
        let (s, e) = (m.start.min(chars.len()), m.end.min(chars.len()));
        if s > at {
            out.push((false, chars[at..s].iter().collect()));
        }
        if e > s {
            out.push((true, chars[s..e].iter().collect()));
        }
        at = at.max(e);
    }
    if at < chars.len() || out.is_empty() {
        out.push((false, chars[at..].iter().collect()));
    }
    out
}

/// Words are marked only where both sides are shown: an added or removed item is all new.
fn both(c: &Change) -> bool {
    c.old.is_some() && c.new.is_some()
}

/// A side's text with its marks drawn by `mark`.
fn drawn(side: Option<&Side>, marked: bool, mark: &dyn Fn(&str) -> String) -> String {
    let Some(side) = side else {
        return String::new();
    };
    segments(side, marked)
        .into_iter()
        .map(|(m, s)| if m { mark(&s) } else { s })
        .collect()
}

fn place(side: Option<&Side>) -> String {
    side.map(|s| format!("{}:{}", s.file, s.line))
        .unwrap_or_default()
}

impl DiffReport {
    fn counts(&self) -> [usize; 4] {
        let n = |k| self.changes.iter().filter(|c| c.kind == k).count();
        [
            n(Kind::Added),
            n(Kind::Removed),
            n(Kind::Renamed),
            n(Kind::Changed),
        ]
    }

    /// The one line that says what was compared and how much changed.
    pub fn headline(&self, lang: Lang) -> String {
        let (old, new) = (&self.old_root, &self.new_root);
        let total = self.changes.len();
        let [a, r, n, c] = self.counts();
        let m = match (self.unmentioned_only, total) {
            (false, 0) => msg!(
                "{old} と {new} の間に変更はありません。",
                "No changes between {old} and {new}."
            ),
            (false, _) => {
                let s = crate::i18n::plural(total);
                msg!(
                    "{old} → {new}: 変更 {total} 件（追加 {a} 件、削除 {r} 件、改称 {n} 件、変更 {c} 件）。",
                    "{old} → {new}: {total} change{s} ({a} added, {r} removed, {n} renamed, {c} changed)."
                )
            }
            (true, 0) => msg!(
                "{old} → {new}: 変更対照表に記載のない変更はありません。",
                "{old} → {new}: the change table mentions every change of the outline, project names and directions."
            ),
            (true, _) => {
                let (s, are) = if total == 1 { ("", "is") } else { ("s", "are") };
                let short = &self.direction_short;
                msg!(
                    "{old} → {new}: 変更対照表に記載のない変更が {total} 件あります（目次の構成、重点プロジェクトの名前、{short}・取組の方向性）。次の変更対照表の下書きにしてください。",
                    "{old} → {new}: {total} change{s} of the outline, project names and directions {are} not in the change table: a draft of the next one."
                )
            }
        };
        m.get(lang).to_string()
    }

    fn header(lang: Lang) -> Vec<String> {
        lang.texts(&[
            msg!("種別", "Kind"),
            msg!("項目", "Item"),
            msg!("変更前", "Before"),
            msg!("変更後", "After"),
        ])
    }

    /// Rows of the 新旧対照表 with marks drawn by `old_mark` and `new_mark`; a second row per
    /// change with both locations when `places_below`, else the locations after the texts.
    fn rows(
        &self,
        lang: Lang,
        old_mark: &dyn Fn(&str) -> String,
        new_mark: &dyn Fn(&str) -> String,
        places_below: bool,
    ) -> Vec<Vec<String>> {
        let mut rows = vec![Self::header(lang)];
        for c in &self.changes {
            let (o, n) = (c.old.as_ref(), c.new.as_ref());
            let mut old = drawn(o, both(c), old_mark);
            let mut new = drawn(n, both(c), new_mark);
            if !places_below {
                let at = |p: String| msg!("（{p}）", " ({p})").get(lang).to_string();
                if o.is_some() {
                    old.push_str(&at(place(o)));
                }
                if n.is_some() {
                    new.push_str(&at(place(n)));
                }
            }
            rows.push(vec![
                kind_label(c.kind).get(lang).to_string(),
                item(c, lang),
                old,
                new,
            ]);
            if places_below {
                rows.push(vec![String::new(), String::new(), place(o), place(n)]);
            }
        }
        rows
    }

    fn findings_lines(&self, lang: Lang) -> Option<(String, Vec<Vec<String>>)> {
        let d = self.findings.as_ref()?;
        let (r, n, u) = (d.resolved.len(), d.new.len(), d.unchanged.len());
        let s = crate::i18n::plural(r);
        let m = msg!(
            "{r} 件の指摘が前回から解消しました。新しい指摘は {n} 件、変わらない指摘は {u} 件です。",
            "{r} finding{s} resolved since the old version; {n} new, {u} unchanged."
        );
        let mut rows = vec![lang.texts(&[
            msg!("状態", "Status"),
            msg!("規則", "Rule"),
            msg!("場所", "Location"),
            msg!("内容", "Message"),
        ])];
        let mut push = |status: Msg, items: &[Item]| {
            for i in items {
                rows.push(vec![
                    status.get(lang).to_string(),
                    i.code.to_string(),
                    if i.line == 0 {
                        i.file.clone()
                    } else {
                        format!("{}:{}", i.file, i.line)
                    },
                    i.message.get(lang).to_string(),
                ]);
            }
        };
        push(msg!("解消", "resolved"), &d.resolved);
        push(msg!("新規", "new"), &d.new);
        Some((m.get(lang).to_string(), rows))
    }

    /// For the terminal: the table fitted to `width` columns, `[-削除-]` and `{+追加+}` marking
    /// the words that differ.
    pub fn to_table(&self, lang: Lang, width: usize) -> String {
        let mut out = format!("{}\n", self.headline(lang));
        if !self.changes.is_empty() {
            out.push('\n');
            let rows = self.rows(
                lang,
                &|s| format!("[-{s}-]"),
                &|s| format!("{{+{s}+}}"),
                true,
            );
            out.push_str(&fit::render(
                &rows,
                &[Col::Keep, Col::Wrap, Col::Wrap, Col::Wrap],
                width,
            ));
            if self.changes.iter().any(both) {
                let legend = msg!(
                    "[-…-] は変更前にだけある語句、{{+…+}} は変更後にだけある語句です。",
                    "[-…-]: words only in the old version; {{+…+}}: words only in the new one."
                );
                out.push('\n');
                out.push_str(legend.get(lang));
                out.push('\n');
            }
        }
        if let Some((line, rows)) = self.findings_lines(lang) {
            out.push('\n');
            out.push_str(&line);
            out.push('\n');
            if rows.len() > 1 {
                out.push('\n');
                out.push_str(&fit::render(
                    &rows,
                    &[Col::Keep, Col::Keep, Col::Keep, Col::Wrap],
                    width,
                ));
            }
        }
        out
    }

    /// Markdown: the changed words in bold on both sides.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let title = msg!("新旧対照表", "Comparison of versions");
        let mut out = format!("# {}\n\n{}\n", title.get(lang), self.headline(lang));
        let bold = |s: &str| format!("**{s}**");
        if !self.changes.is_empty() {
            out.push('\n');
            out.push_str(&markdown_table(&self.rows(lang, &bold, &bold, false)));
        }
        if let Some((line, rows)) = self.findings_lines(lang) {
            let _ = write!(
                out,
                "\n## {}\n\n{line}\n",
                msg!("指摘の変化", "Findings").get(lang)
            );
            if rows.len() > 1 {
                out.push('\n');
                out.push_str(&markdown_table(&rows));
            }
        }
        out
    }

    /// The versioned JSON document (docs/output-formats.md).
    pub fn to_json(&self, lang: Lang) -> String {
        let [added, removed, renamed, changed] = self.counts();
        fn side(s: &Option<Side>) -> Option<JsonSide<'_>> {
            s.as_ref().map(|s| JsonSide {
                text: &s.text,
                file: &s.file,
                line: s.line,
                marks: s.marks.iter().map(|r| [r.start, r.end]).collect(),
            })
        }
        let items = |list: &[Item]| -> Vec<JsonFinding> {
            list.iter()
                .map(|i| JsonFinding {
                    code: i.code,
                    severity: i.severity.as_str(),
                    file: i.file.clone(),
                    line: (i.line > 0).then_some(i.line),
                    subject: i.subject.clone(),
                    message: i.message.get(lang).to_string(),
                })
                .collect()
        };
        let doc = JsonDoc {
            version: JSON_VERSION,
            old: &self.old_root,
            new: &self.new_root,
            scope: if self.unmentioned_only {
                "not-in-change-table"
            } else {
                "all"
            },
            summary: JsonSummary {
                total: self.changes.len(),
                added,
                removed,
                renamed,
                changed,
            },
            changes: self
                .changes
                .iter()
                .map(|c| JsonChange {
                    kind: c.kind.name(),
                    project: c.project,
                    section: &c.section,
                    item: &c.item,
                    sentence: c.sentence,
                    level: c.level.map(|l| match l {
                        Level::Outline => "outline",
                        Level::Project => "project",
                        Level::Direction => "direction",
                    }),
                    old: side(&c.old),
                    new: side(&c.new),
                })
                .collect(),
            findings: self.findings.as_ref().map(|d| JsonFindings {
                resolved: items(&d.resolved),
                new: items(&d.new),
                unchanged: items(&d.unchanged),
            }),
        };
        let mut s = serde_json::to_string_pretty(&doc).expect("JSON of plain data");
        s.push('\n');
        s
    }

    fn title(&self, lang: Lang) -> String {
        let what = msg!("新旧対照表", "comparison of versions");
        match &self.plan_name {
            Some(name) => format!("{name} {}", what.get(lang)),
            None => what.get(lang).to_string(),
        }
    }

    /// One self-contained HTML page (the review page's styles), changed words in
    /// `<del>` (before) and `<ins>` (after).
    pub fn to_html(&self, lang: Lang) -> String {
        let title = self.title(lang);
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{}{DIFF_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"headline\">{}</p>\n",
            lang.pick(("ja", "en")),
            esc(&title),
            crate::output::html::CSS,
            esc(&title),
            esc(&self.headline(lang)),
        );
        if !self.changes.is_empty() {
            let head = Self::header(lang);
            let _ = write!(
                h,
                "<table class=\"diff\">\n<thead><tr>{}</tr></thead>\n<tbody>\n",
                head.iter()
                    .map(|c| format!("<th scope=\"col\">{}</th>", esc(c)))
                    .collect::<String>()
            );
            for c in &self.changes {
                let cell = |s: Option<&Side>, tag: &str| match s {
                    None => "<td></td>".to_string(),
                    Some(side) => {
                        let text: String = segments(side, both(c))
                            .into_iter()
                            .map(|(m, t)| {
                                if m {
                                    format!("<{tag}>{}</{tag}>", esc(&t))
                                } else {
                                    esc(&t)
                                }
                            })
                            .collect();
                        format!(
                            "<td>{text}<br><small class=\"place\">{}</small></td>",
                            esc(&place(Some(side)))
                        )
                    }
                };
                let _ = writeln!(
                    h,
                    "<tr class=\"{}\"><td>{}</td><td>{}</td>{}{}</tr>",
                    c.kind.name(),
                    esc(kind_label(c.kind).get(lang)),
                    esc(&item(c, lang)),
                    cell(c.old.as_ref(), "del"),
                    cell(c.new.as_ref(), "ins"),
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
        if let Some((line, rows)) = self.findings_lines(lang) {
            let _ = write!(
                h,
                "<section id=\"findings\">\n<h2>{}</h2>\n<p>{}</p>\n",
                esc(msg!("指摘の変化", "Findings").get(lang)),
                esc(&line)
            );
            if rows.len() > 1 {
                h.push_str("<table class=\"findings\">\n");
                for (i, r) in rows.iter().enumerate() {
                    let tag = if i == 0 { "th" } else { "td" };
                    let cells: String = r
                        .iter()
                        .map(|c| format!("<{tag}>{}</{tag}>", esc(c)))
                        .collect();
                    let _ = writeln!(h, "<tr>{cells}</tr>");
                }
                h.push_str("</table>\n");
            }
            h.push_str("</section>\n");
        }
        h.push_str("</main>\n</body>\n</html>\n");
        h
    }

    /// An xlsx workbook: the 新旧対照表 (changed words underlined in red), the findings on a
    /// second sheet with `--findings`. Same report and date, same bytes.
    pub fn to_xlsx(&self, lang: Lang, created: Date) -> Result<Vec<u8>, XlsxError> {
        let title = self.title(lang);
        let mut wb = super::workbook::titled(&title, &created)?;
        let bold = Format::new().set_bold().set_font_size(14);
        let header = Format::new()
            .set_bold()
            .set_background_color("#DDEBF7")
            .set_border_bottom(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_text_wrap();
        let cell = Format::new().set_align(FormatAlign::Top).set_text_wrap();
        let plain = Format::new();
        let marked = Format::new()
            .set_underline(rust_xlsxwriter::FormatUnderline::Single)
            .set_font_color("#C00000")
            .set_bold();
        let ws = wb.add_worksheet();
        ws.set_name(msg!("新旧対照表", "Changes").get(lang))?;
        ws.write_string_with_format(0, 0, &title, &bold)?;
        ws.write_string(1, 0, self.headline(lang))?;
        let mut head = Self::header(lang);
        head.push(
            msg!("変更前の場所", "Before: location")
                .get(lang)
                .to_string(),
        );
        head.push(
            msg!("変更後の場所", "After: location")
                .get(lang)
                .to_string(),
        );
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, h, &header)?;
        }
        for (i, c) in self.changes.iter().enumerate() {
            let r = (i + 3) as u32;
            ws.write_string_with_format(r, 0, kind_label(c.kind).get(lang), &cell)?;
            ws.write_string_with_format(r, 1, item(c, lang), &cell)?;
            for (col, s) in [(2u16, c.old.as_ref()), (3, c.new.as_ref())] {
                let Some(side) = s else { continue };
                let segs = segments(side, both(c));
                let parts: Vec<(&Format, &str)> = segs
                    .iter()
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(m, t)| (if *m { &marked } else { &plain }, t.as_str()))
                    .collect();
                match parts.as_slice() {
                    [] => {}
                    [(_, t)] if !segs.iter().any(|s| s.0) => {
                        ws.write_string_with_format(r, col, *t, &cell)?;
                    }
                    _ => {
                        ws.write_rich_string_with_format(r, col, &parts, &cell)?;
                    }
                }
            }
            ws.write_string_with_format(r, 4, place(c.old.as_ref()), &cell)?;
            ws.write_string_with_format(r, 5, place(c.new.as_ref()), &cell)?;
        }
        for (c, w) in [10.0, 36.0, 48.0, 48.0, 24.0, 24.0].iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.set_freeze_panes(3, 0)?;
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(2, 2)?;
        if let Some((line, rows)) = self.findings_lines(lang) {
            let ws = wb.add_worksheet();
            ws.set_name(msg!("指摘の変化", "Findings").get(lang))?;
            ws.write_string_with_format(0, 0, &title, &bold)?;
            ws.write_string(1, 0, &line)?;
            for (i, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let f = if i == 0 { &header } else { &cell };
                    ws.write_string_with_format((i + 2) as u32, c as u16, v, f)?;
                }
            }
            for (c, w) in [10.0, 10.0, 32.0, 80.0].iter().enumerate() {
                ws.set_column_width(c as u16, *w)?;
            }
        }
        wb.save_to_buffer()
    }
}

const DIFF_CSS: &str = "table.diff, table.findings { border-collapse: collapse; width: 100%; }\n\
table.diff th, table.diff td, table.findings th, table.findings td { border: 1px solid #999; padding: .3em .5em; vertical-align: top; text-align: left; }\n\
table.diff del, table.diff ins { text-decoration: underline; color: #b00000; font-weight: bold; }\n\
small.place { color: #555; }\n\
table.diff td:first-child, table.findings td:nth-child(-n+3) { white-space: nowrap; }\n";

#[derive(Serialize)]
struct JsonDoc<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    scope: &'a str,
    summary: JsonSummary,
    changes: Vec<JsonChange<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<JsonFindings>,
}

#[derive(Serialize)]
struct JsonSummary {
    total: usize,
    added: usize,
    removed: usize,
    renamed: usize,
    changed: usize,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    kind: &'a str,
    project: Option<i64>,
    section: &'a [String],
    item: &'a str,
    sentence: Option<usize>,
    level: Option<&'a str>,
    old: Option<JsonSide<'a>>,
    new: Option<JsonSide<'a>>,
}

#[derive(Serialize)]
struct JsonSide<'a> {
    text: &'a str,
    file: &'a str,
    line: usize,
    marks: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct JsonFindings {
    resolved: Vec<JsonFinding>,
    new: Vec<JsonFinding>,
    unchanged: Vec<JsonFinding>,
}

#[derive(Serialize)]
struct JsonFinding {
    code: &'static str,
    severity: &'static str,
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    message: String,
}

#[cfg(test)]
mod tests {
    //! The renderers on hand-made reports: the exact bytes a user reads or a script parses.

    use super::*;
    use crate::finding::Severity;
    use std::io::Read as _;

    /// A side whose `marks` are (start, end) character offsets.
    fn side(text: &str, file: &str, line: usize, marks: &[(usize, usize)]) -> Side {
        Side {
            text: text.to_string(),
            file: file.to_string(),
            line,
            marks: marks.iter().map(|&(s, e)| s..e).collect(),
        }
    }

    fn change(kind: Kind, item: &str, old: Option<Side>, new: Option<Side>) -> Change {
        Change {
            kind,
            project: None,
            section: vec!["第1章".to_string()],
            item: item.to_string(),
            sentence: None,
            old,
            new,
            level: None,
        }
    }

    fn report(changes: Vec<Change>, findings: Option<Delta>) -> DiffReport {
        DiffReport {
            old_root: "old".to_string(),
            new_root: "new".to_string(),
            plan_name: None,
            changes,
            unmentioned_only: false,
            findings,
            direction_short: "方針".to_string(),
        }
    }

    fn finding(code: &'static str, file: &str, line: usize, en: &str) -> Item {
        Item {
            code,
            severity: Severity::Warning,
            file: file.to_string(),
            line,
            subject: None,
            message: Msg::new(format!("{en}（日本語）"), en),
        }
    }

    /// One finding resolved (of a file, no line), one new (at line 12), one unchanged.
    fn delta() -> Delta {
        Delta {
            resolved: vec![finding("PC101", "plan/plan.toml", 0, "no such reference")],
            new: vec![finding("PC205", "plan/p1.toml", 12, "target missing")],
            unchanged: vec![finding("PC301", "plan/p2.toml", 3, "still there")],
        }
    }

    /// Only unchanged findings: nothing to list.
    fn delta_unchanged_only() -> Delta {
        Delta {
            resolved: Vec::new(),
            new: Vec::new(),
            unchanged: delta().unchanged,
        }
    }

    /// What follows `from` in `text` (which must hold it).
    fn tail<'a>(text: &'a str, from: &str) -> &'a str {
        &text[text
            .find(from)
            .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"))..]
    }

    #[test]
    fn resolved_and_new_findings_are_listed_in_every_format() {
        let r = report(Vec::new(), Some(delta()));
        assert_eq!(
            r.to_table(Lang::En, 100),
            "No changes between old and new.\n\
             \n\
             1 finding resolved since the old version; 1 new, 1 unchanged.\n\
             \n\
             Status    Rule   Location         Message\n\
             ---------------------------------------------------\n\
             resolved  PC101  plan/plan.toml   no such reference\n\
             new       PC205  plan/p1.toml:12  target missing\n"
        );
        assert_eq!(
            r.to_markdown(Lang::En),
            "# Comparison of versions\n\
             \n\
             No changes between old and new.\n\
             \n\
             ## Findings\n\
             \n\
             1 finding resolved since the old version; 1 new, 1 unchanged.\n\
             \n\
             | Status | Rule | Location | Message |\n\
             |---|---|---|---|\n\
             | resolved | PC101 | plan/plan.toml | no such reference |\n\
             | new | PC205 | plan/p1.toml:12 | target missing |\n"
        );
        assert_eq!(
            tail(&r.to_html(Lang::En), "<section"),
            "<section id=\"findings\">\n\
             <h2>Findings</h2>\n\
             <p>1 finding resolved since the old version; 1 new, 1 unchanged.</p>\n\
             <table class=\"findings\">\n\
             <tr><th>Status</th><th>Rule</th><th>Location</th><th>Message</th></tr>\n\
             <tr><td>resolved</td><td>PC101</td><td>plan/plan.toml</td><td>no such reference</td></tr>\n\
             <tr><td>new</td><td>PC205</td><td>plan/p1.toml:12</td><td>target missing</td></tr>\n\
             </table>\n\
             </section>\n\
             </main>\n\
             </body>\n\
             </html>\n"
        );
    }

    #[test]
    fn only_unchanged_findings_give_the_count_line_and_no_empty_table() {
        let r = report(Vec::new(), Some(delta_unchanged_only()));
        let line = "0 findings resolved since the old version; 0 new, 1 unchanged.";
        assert_eq!(
            r.to_table(Lang::En, 100),
            format!("No changes between old and new.\n\n{line}\n")
        );
        assert_eq!(
            r.to_markdown(Lang::En),
            format!(
                "# Comparison of versions\n\nNo changes between old and new.\n\n## Findings\n\n{line}\n"
            )
        );
        assert_eq!(
            tail(&r.to_html(Lang::En), "<section"),
            format!(
                "<section id=\"findings\">\n<h2>Findings</h2>\n<p>{line}</p>\n</section>\n</main>\n</body>\n</html>\n"
            )
        );
    }

    /// JSON leaves `line` out for a finding of a whole file (line 0), and gives it otherwise.
    #[test]
    fn json_findings_have_a_line_only_where_there_is_one() {
        let r = report(Vec::new(), Some(delta()));
        let doc: serde_json::Value = serde_json::from_str(&r.to_json(Lang::En)).unwrap();
        assert_eq!(
            doc["findings"],
            serde_json::json!({
                "resolved": [{
                    "code": "PC101", "severity": "warning", "file": "plan/plan.toml",
                    "message": "no such reference"
                }],
                "new": [{
                    "code": "PC205", "severity": "warning", "file": "plan/p1.toml", "line": 12,
                    "message": "target missing"
                }],
                "unchanged": [{
                    "code": "PC301", "severity": "warning", "file": "plan/p2.toml", "line": 3,
                    "message": "still there"
                }]
            })
        );
    }

    /// `--against-changes` says "1 change … is", "2 changes … are".
    #[test]
    fn the_unmentioned_changes_headline_agrees_in_number() {
        let one = change(Kind::Renamed, "名称", None, None);
        let mut r = report(vec![one.clone()], None);
        r.unmentioned_only = true;
        assert_eq!(
            r.headline(Lang::En),
            "old → new: 1 change of the outline, project names and directions is not in the change table: a draft of the next one."
        );
        r.changes.push(one);
        assert_eq!(
            r.headline(Lang::En),
            "old → new: 2 changes of the outline, project names and directions are not in the change table: a draft of the next one."
        );
    }

    /// A mark that is empty, or that lies beyond the text, marks nothing: no empty `****`,
    /// `<del></del>` or `[--]` appears.
    #[test]
    fn an_empty_or_out_of_range_mark_draws_nothing() {
        let r = report(
            vec![change(
                Kind::Changed,
                "ねらい",
                Some(side("abc", "plan/a.toml", 3, &[(1, 1)])),
                Some(side("abXc", "plan/b.toml", 4, &[(2, 3), (7, 9)])),
            )],
            None,
        );
        assert_eq!(
            r.to_markdown(Lang::En),
            "# Comparison of versions\n\
             \n\
             old → new: 1 change (0 added, 0 removed, 0 renamed, 1 changed).\n\
             \n\
             | Kind | Item | Before | After |\n\
             |---|---|---|---|\n\
             | changed | 第1章 › ねらい | abc (plan/a.toml:3) | ab**X**c (plan/b.toml:4) |\n"
        );
        assert_eq!(
            tail(&r.to_html(Lang::En), "<tr class="),
            "<tr class=\"changed\"><td>changed</td><td>第1章 › ねらい</td>\
             <td>abc<br><small class=\"place\">plan/a.toml:3</small></td>\
             <td>ab<ins>X</ins>c<br><small class=\"place\">plan/b.toml:4</small></td></tr>\n\
             </tbody>\n</table>\n</main>\n</body>\n</html>\n"
        );
        let table = r.to_table(Lang::En, 100);
        assert!(
            table.contains(" abc ") && table.contains(" ab{+X+}c\n"),
            "{table}"
        );
        assert!(
            !table.contains("[--]") && !table.contains("{++}"),
            "{table}"
        );
    }

    fn part(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> String {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    /// The style index of cell `at` (`A3`) in a worksheet's XML.
    fn style_of(sheet: &str, at: &str) -> String {
        let c = tail(sheet, &format!("<c r=\"{at}\""));
        let c = &c[..c.find('>').unwrap()];
        let s = tail(c, "s=\"");
        s[3..3 + s[3..].find('"').unwrap()].to_string()
    }

    /// The workbook: an emptied value is an empty cell, a text without marks a plain string, a
    /// text marked whole a formatted (red, underlined) run; the findings sheet lists its rows
    /// under its title and count line, its header formatted like the changes sheet's.
    #[test]
    fn xlsx_cells_are_plain_or_marked_as_the_words_differ() {
        use calamine::{Data, Reader, Xlsx};
        let r = report(
            vec![
                change(
                    Kind::Added,
                    "事業",
                    None,
                    Some(side("新しい事業", "plan/b.toml", 2, &[])),
                ),
                change(
                    Kind::Changed,
                    "名称",
                    Some(side("健診", "plan/a.toml", 5, &[(0, 2)])),
                    Some(side("乳幼児健康診査", "plan/b.toml", 6, &[(0, 3)])),
                ),
                change(
                    Kind::Changed,
                    "目標値",
                    Some(side("未定", "plan/a.toml", 8, &[(0, 2)])),
                    Some(side("", "plan/b.toml", 9, &[])),
                ),
            ],
            Some(delta()),
        );
        let created = Date {
            year: 2026,
            month: 4,
            day: 1,
        };
        let bytes = r
            .to_xlsx(Lang::En, created)
            .expect("the workbook is written");
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(wb.sheet_names(), ["Changes", "Findings"]);
        let text = |sheet: &calamine::Range<Data>, r: u32, c: u32| match sheet.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            None | Some(Data::Empty) => String::new(),
            Some(other) => panic!("not text: {other:?}"),
        };
        let changes = wb.worksheet_range("Changes").unwrap();
        let rows: Vec<Vec<String>> = (3..6)
            .map(|r| (0..6).map(|c| text(&changes, r, c)).collect())
            .collect();
        assert_eq!(
            rows,
            [
                [
                    "added",
                    "第1章 › 事業",
                    "",
                    "新しい事業",
                    "",
                    "plan/b.toml:2"
                ],
                [
                    "changed",
                    "第1章 › 名称",
                    "健診",
                    "乳幼児健康診査",
                    "plan/a.toml:5",
                    "plan/b.toml:6"
                ],
                [
                    "changed",
                    "第1章 › 目標値",
                    "未定",
                    "",
                    "plan/a.toml:8",
                    "plan/b.toml:9"
                ],
            ]
        );
        let findings = wb.worksheet_range("Findings").unwrap();
        let rows: Vec<Vec<String>> = (0..5)
            .map(|r| (0..4).map(|c| text(&findings, r, c)).collect())
            .collect();
        assert_eq!(
            rows,
            [
                ["comparison of versions", "", "", ""],
                [
                    "1 finding resolved since the old version; 1 new, 1 unchanged.",
                    "",
                    "",
                    ""
                ],
                ["Status", "Rule", "Location", "Message"],
                ["resolved", "PC101", "plan/plan.toml", "no such reference"],
                ["new", "PC205", "plan/p1.toml:12", "target missing"],
            ]
        );
        assert_eq!(findings.height(), 5);

        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let shared = part(&mut zip, "xl/sharedStrings.xml");
        let si = |t: &str| -> String {
            shared
                .split("<si>")
                .find(|s| s.contains(&format!(">{t}</t>")))
                .unwrap_or_else(|| panic!("no {t} in {shared}"))
                .to_string()
        };
        assert!(
            si("新しい事業").starts_with("<t>新しい事業</t>"),
            "{shared}"
        );
        assert!(
            si("健診").starts_with("<r>") && si("健診").contains("<u/>"),
            "{shared}"
        );
        // the header rows of both sheets look alike; a data row does not
        let (one, two) = (
            part(&mut zip, "xl/worksheets/sheet1.xml"),
            part(&mut zip, "xl/worksheets/sheet2.xml"),
        );
        for c in ["A", "B", "C", "D"] {
            assert_eq!(
                style_of(&two, &format!("{c}3")),
                style_of(&one, "A3"),
                "{c}3"
            );
            assert_eq!(
                style_of(&two, &format!("{c}4")),
                style_of(&one, "A4"),
                "{c}4"
            );
        }
        assert_ne!(style_of(&one, "A3"), style_of(&one, "A4"));
    }
}
