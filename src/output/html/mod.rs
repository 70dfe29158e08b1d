//! The review page: one self-contained HTML file (styles and script inline, no network) with
//! the overview, the findings, the placeholders and the ○/◎ matrix, for reading in a browser
//! and printing on A4.
//!
//! The renderer takes data ([`Review`]), never the plan: [`build::review`] gathers it from a
//! check's results. Every text from the plan goes through [`esc`].

pub mod build;
pub mod excerpt;
#[cfg(test)]
mod tests;

use crate::analysis::placeholders::Kind;
use crate::finding::Severity;
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::output::matrix::Grid;
use crate::output::placeholder_report::Row as PlaceholderRow;
use crate::output::stats::Stats;
use excerpt::Excerpt;
use std::fmt::Write as _;

pub const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct Review {
    pub plan_name: String,
    pub version: String,
    /// When the check ran (shown with its offset from UTC).
    pub checked_at: jiff::ZonedDateTime,
    /// Whether `plancheck check` fails on these findings (exit status 1).
    pub failing: bool,
    /// The plan's projects, in number order.
    pub projects: Vec<ProjectName>,
    /// Findings in report order (file, line, column, code).
    pub findings: Vec<Entry>,
    /// Findings hidden by an `allow`, with the reason given.
    pub suppressed: Vec<SuppressedEntry>,
    /// The editors' placeholder report, in its order (project, file, line).
    pub placeholders: Vec<PlaceholderRow>,
    /// The computed matrix beside the drawn one.
    pub grid: Grid,
    /// For each grid row and column: the finding (index into `findings`) about that cell.
    pub cell_findings: Vec<Vec<Option<usize>>>,
    pub stats: Stats,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectName {
    pub number: i64,
    pub name: String,
}

/// A resolved place: `line` 0 when the finding names a path without a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Place {
    fn shown(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// One finding, resolved for the page.
#[derive(Debug, Clone)]
pub struct Entry {
    pub code: &'static str,
    pub rule: &'static str,
    /// The rule's one-line summary: the kind's heading.
    pub title: Msg,
    pub severity: Severity,
    pub message: Msg,
    pub label: Option<Msg>,
    pub help: Option<Msg>,
    /// The project whose pages (record) hold the finding, if any.
    pub project: Option<i64>,
    pub place: Place,
    pub excerpt: Option<Excerpt>,
    pub related: Vec<RelatedEntry>,
}

#[derive(Debug, Clone)]
pub struct RelatedEntry {
    pub message: Msg,
    pub place: Place,
    pub excerpt: Option<Excerpt>,
}

#[derive(Debug, Clone)]
pub struct SuppressedEntry {
    pub code: &'static str,
    pub message: Msg,
    pub place: Place,
    pub reason: String,
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Picks the text of the page's language.
fn t(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    lang.pick((ja, en))
}

/// A table's header row: one column heading per cell (already escaped where needed).
fn col_heads(cells: &[&str]) -> String {
    let mut out = String::from("<thead><tr>");
    for c in cells {
        let _ = write!(out, "<th scope=\"col\">{c}</th>");
    }
    out.push_str("</tr></thead>");
    out
}

fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => t(lang, "エラー", "error"),
        Severity::Warning => t(lang, "警告", "warning"),
        Severity::Info => t(lang, "情報", "info"),
    }
}

/// `3 件` / `3`: a count for headings and tables.
fn count(n: usize, lang: Lang) -> String {
    msg!("{n} 件", "{n}").get(lang).to_string()
}

/// A count beside a heading: `（3 件）` / `(3)`. `inner` is HTML.
fn paren(inner: &str, lang: Lang) -> String {
    msg!(
        "<span class=\"n\">（{inner}）</span>",
        "<span class=\"n\">({inner})</span>"
    )
    .get(lang)
    .to_string()
}

/// A column heading for a severity's count.
fn severity_heading(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => t(lang, "エラー", "Errors"),
        Severity::Warning => t(lang, "警告", "Warnings"),
        Severity::Info => t(lang, "情報", "Info"),
    }
}

/// Errors, warnings and infos of some findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

impl Counts {
    fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Counts {
        let mut c = Counts::default();
        for e in entries {
            match e.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }
    fn total(self) -> usize {
        self.error + self.warning + self.info
    }
}

/// The value of `data-project` and of the `project=` filter: the number, or `none`.
fn project_key(p: Option<i64>) -> String {
    p.map_or_else(|| "none".to_string(), |n| n.to_string())
}

impl Review {
    fn project_title(&self, p: Option<i64>, lang: Lang) -> String {
        match p {
            Some(n) => {
                let name = self
                    .projects
                    .iter()
                    .find(|q| q.number == n)
                    .map_or("", |q| q.name.as_str());
                msg!("重点プロジェクト{n}　{name}", "Project {n}: {name}")
                    .get(lang)
                    .to_string()
            }
            None => t(lang, "プロジェクト以外", "Outside the projects").to_string(),
        }
    }

    /// Project groups in order (numbers, then outside the projects), with something in them.
    fn project_keys(&self) -> Vec<Option<i64>> {
        let mut keys: Vec<Option<i64>> = self.projects.iter().map(|p| Some(p.number)).collect();
        for p in self
            .findings
            .iter()
            .map(|e| e.project)
            .chain(self.placeholders.iter().map(|r| r.project))
        {
            if !keys.contains(&p) {
                keys.push(p);
            }
        }
        keys.sort_by_key(|p| p.unwrap_or(i64::MAX));
        keys
    }
}

/// Renders the page.
pub fn render(r: &Review, lang: Lang) -> String {
    let mut h = String::with_capacity(512 * 1024);
    let name = &r.plan_name;
    let title = msg!("{name} 点検結果", "{name}: plancheck review")
        .get(lang)
        .to_string();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"plancheck {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        t(lang, "ja", "en"),
        esc(&r.version),
        esc(&title)
    );
    header(&mut h, r, lang, &title);
    h.push_str("<main>\n");
    overview(&mut h, r, lang);
    findings(&mut h, r, lang);
    placeholders(&mut h, r, lang);
    matrix(&mut h, r, lang);
    suppressed(&mut h, r, lang);
    h.push_str("</main>\n");
    let _ = write!(
        h,
        "<footer><p>{} plancheck {}</p></footer>\n<script>\n{JS}</script>\n</body>\n</html>\n",
        t(lang, "作成:", "Made by"),
        esc(&r.version)
    );
    h
}

fn checked_at(z: &jiff::ZonedDateTime, lang: Lang) -> (String, String) {
    let machine = z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let offset = z.strftime("%:z").to_string();
    let offset = if offset == "+00:00" {
        "UTC".to_string()
    } else {
        format!("UTC{offset}")
    };
    let (year, month, day) = (z.year(), z.month(), z.day());
    let (time, date_time) = (z.strftime("%H:%M"), z.strftime("%Y-%m-%d %H:%M"));
    let shown = msg!(
        "{year}年{month}月{day}日 {time}（{offset}）",
        "{date_time} ({offset})"
    )
    .get(lang)
    .to_string();
    (machine, shown)
}

fn header(h: &mut String, r: &Review, lang: Lang, title: &str) {
    let (machine, shown) = checked_at(&r.checked_at, lang);
    let _ = write!(
        h,
        "<header class=\"page-head\">\n<h1>{}</h1>\n<dl class=\"meta\">\
         <div><dt>{}</dt><dd>{}</dd></div>\
         <div><dt>{}</dt><dd><time datetime=\"{}\">{}</time></dd></div>\
         <div><dt>{}</dt><dd>plancheck {}</dd></div></dl>\n",
        esc(title),
        t(lang, "計画", "Plan"),
        esc(&r.plan_name),
        t(lang, "点検日時", "Checked"),
        esc(&machine),
        esc(&shown),
        t(lang, "ツール", "Tool"),
        esc(&r.version),
    );
    let _ = write!(
        h,
        "<nav class=\"toc\" aria-label=\"{}\"><ul>\
         <li><a href=\"#overview\">{}</a></li>\
         <li><a href=\"#findings\">{}</a></li>\
         <li><a href=\"#placeholders\">{}</a></li>\
         <li><a href=\"#matrix\">{}</a></li>",
        t(lang, "目次", "Contents"),
        t(lang, "概要", "Overview"),
        t(lang, "指摘", "Findings"),
        t(lang, "未確定箇所", "Placeholders"),
        t(lang, "重点施策との対応", "Matrix"),
    );
    if !r.suppressed.is_empty() {
        let _ = write!(
            h,
            "<li><a href=\"#suppressed\">{}</a></li>",
            t(lang, "抑止した指摘", "Suppressed")
        );
    }
    h.push_str("</ul></nav>\n</header>\n");
}

fn verdict(r: &Review, c: Counts, lang: Lang) -> String {
    let (e, w, i) = (c.error, c.warning, c.info);
    let first = match (r.failing, w) {
        (true, _) => {
            let plural = crate::i18n::plural(e);
            msg!(
                "エラーが {e} 件あります。審議会の前に直してください（plancheck check は失敗します）。",
                "{e} error{plural}: fix before the council meeting (plancheck check fails)."
            )
        }
        (false, 0) => msg!(
            "エラーも警告もありません（plancheck check は成功します）。",
            "No errors and no warnings (plancheck check passes)."
        ),
        (false, _) => {
            let plural = crate::i18n::plural(w);
            msg!(
                "エラーはありません（plancheck check は成功します）。警告 {w} 件は内容を確かめてください。",
                "No errors (plancheck check passes). Please look at the {w} warning{plural}."
            )
        }
    }
    .get(lang)
    .to_string();
    let info = if i == 0 {
        String::new()
    } else {
        msg!(
            "情報 {i} 件は、未確定箇所などの記録です。",
            " The {i} info findings record placeholders and similar."
        )
        .get(lang)
        .to_string()
    };
    format!("{first}{info}")
}

fn overview(h: &mut String, r: &Review, lang: Lang) {
    let all = Counts::of(&r.findings);
    let _ = write!(
        h,
        "<section id=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">{}</h2>\n\
         <p class=\"verdict {}\"><strong class=\"verdict-word\">{}</strong> {}</p>\n",
        t(lang, "概要", "Overview"),
        if r.failing { "failing" } else { "passing" },
        if r.failing {
            t(lang, "要修正", "Fix needed")
        } else {
            t(lang, "合格", "Passes")
        },
        esc(&verdict(r, all, lang)),
    );
    // The project with the most to do: errors first, then warnings, then infos.
    let per: Vec<(Option<i64>, Counts, usize)> = r
        .project_keys()
        .into_iter()
        .map(|p| {
            (
                p,
                Counts::of(r.findings.iter().filter(|e| e.project == p)),
                r.placeholders.iter().filter(|x| x.project == p).count(),
            )
        })
        .collect();
    let furthest = per
        .iter()
        .filter(|(p, c, _)| p.is_some() && c.total() > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    if let Some((p, c, _)) = furthest {
        let name = r.project_title(*p, lang);
        let (name, e, w, i) = (esc(&name), c.error, c.warning, c.info);
        let m = msg!(
            "<p>手直しがいちばん多く残っているのは、{name}です（エラー {e} 件、警告 {w} 件、情報 {i} 件）。</p>",
            "<p>Furthest from done: {name} ({e} errors, {w} warnings, {i} info).</p>"
        );
        let _ = writeln!(h, "{}", m.get(lang));
    }
    let _ = write!(
        h,
        "<table class=\"counts\">\n<caption>{}</caption>\n{}\n<tbody>\n",
        t(
            lang,
            "プロジェクト別の指摘と未確定箇所の件数<span class=\"screen-only\">（件数を選ぶと、その指摘だけを表示します）</span>",
            "Findings and placeholders by project<span class=\"screen-only\"> (choose a count to show those findings)</span>"
        ),
        col_heads(&[
            t(lang, "プロジェクト", "Project"),
            severity_heading(Severity::Error, lang),
            severity_heading(Severity::Warning, lang),
            severity_heading(Severity::Info, lang),
            t(lang, "指摘の計", "Findings"),
            t(lang, "未確定箇所", "Placeholders"),
        ]),
    );
    let link = |p: Option<&str>, sev: Option<&str>, n: usize| -> String {
        if n == 0 {
            return "0".to_string();
        }
        let mut frag = Vec::new();
        if let Some(p) = p {
            frag.push(format!("project={p}"));
        }
        if let Some(s) = sev {
            frag.push(format!("severity={s}"));
        }
        let frag = if frag.is_empty() {
            "findings".to_string()
        } else {
            frag.join("&amp;")
        };
        format!("<a href=\"#{frag}\">{n}</a>")
    };
    for (p, c, ph) in &per {
        let key = project_key(*p);
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.project_title(*p, lang)),
            link(Some(&key), Some("error"), c.error),
            link(Some(&key), Some("warning"), c.warning),
            link(Some(&key), Some("info"), c.info),
            link(Some(&key), None, c.total()),
            ph
        );
    }
    let _ = write!(
        h,
        "</tbody>\n<tfoot><tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></tfoot>\n</table>\n",
        t(lang, "合計", "Total"),
        link(None, Some("error"), all.error),
        link(None, Some("warning"), all.warning),
        link(None, Some("info"), all.info),
        link(None, None, all.total()),
        r.placeholders.len()
    );
    let s = &r.stats;
    let (po, me, di, pr, pd) = (
        s.policies,
        s.measures,
        s.directions,
        s.projects,
        s.project_directions,
    );
    let (ci, ind, rp) = (s.citations, s.indicators, s.related_plans);
    let direction = esc(s.vocabulary.sections.direction.get_ref());
    let m = msg!(
        "<p class=\"loaded\">読み込んだ内容: 政策 {po}、重点施策 {me}、{direction} {di}、重点プロジェクト {pr}、取組の方向性 {pd}、対応表の行 {ci}、指標の記載 {ind}、関連計画 {rp}。</p>",
        "<p class=\"loaded\">Loaded: {po} policies, {me} measures, {di} policy directions, {pr} projects, {pd} project directions, {ci} direction-table rows, {ind} indicator records, {rp} related plans.</p>"
    );
    let _ = writeln!(h, "{}", m.get(lang));
    h.push_str("</section>\n");
}

fn excerpt_html(h: &mut String, e: &Excerpt, lang: Lang) {
    let width = e
        .lines
        .iter()
        .filter_map(|l| l.number)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let _ = write!(
        h,
        "<pre class=\"excerpt\" style=\"--ln:{width}ch\" aria-label=\"{}\"><code>",
        t(lang, "TOML の該当箇所", "TOML excerpt")
    );
    for l in &e.lines {
        match l.number {
            None => h.push_str("<span class=\"ln\">⋮</span>\n"),
            Some(n) => {
                let _ = write!(h, "<span class=\"ln\">{n}</span>");
                if l.cut_before {
                    h.push_str("<span class=\"cut\">…</span>");
                }
                h.push_str(&esc(&l.before));
                if !l.marked.is_empty() {
                    let _ = write!(h, "<mark>{}</mark>", esc(&l.marked));
                }
                h.push_str(&esc(&l.after));
                if l.cut_after {
                    h.push_str("<span class=\"cut\">…</span>");
                }
                h.push('\n');
            }
        }
    }
    h.push_str("</code></pre>\n");
}

fn findings(h: &mut String, r: &Review, lang: Lang) {
    let total = r.findings.len();
    let _ = write!(
        h,
        "<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">{} {}</h2>\n",
        t(lang, "指摘", "Findings"),
        paren(&count(total, lang), lang)
    );
    let _ = writeln!(
        h,
        "<p>{}</p>",
        t(
            lang,
            "プロジェクトごとに、指摘の種類ごとにまとめています。プロジェクトの頁（その重点プロジェクトの記録）にない指摘は「プロジェクト以外」にあります。",
            "Grouped by project, then by kind. Findings that are not on a project's pages (its record) are under “Outside the projects”."
        )
    );
    filters(h, r, lang);
    if r.findings.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            t(lang, "指摘はありません。", "No findings.")
        );
    }
    for p in r.project_keys() {
        let in_project: Vec<(usize, &Entry)> = r
            .findings
            .iter()
            .enumerate()
            .filter(|(_, e)| e.project == p)
            .collect();
        if in_project.is_empty() {
            continue;
        }
        let key = project_key(p);
        let c = Counts::of(in_project.iter().map(|(_, e)| *e));
        let _ = write!(
            h,
            "<section class=\"group\" data-project=\"{key}\" aria-labelledby=\"g-{key}\">\n\
             <h3 id=\"g-{key}\">{} {}</h3>\n",
            esc(&r.project_title(p, lang)),
            paren(&esc(&counts_words(c, lang)), lang),
        );
        // kinds: errors first, then warnings, then infos; by code within a severity
        let mut kinds: Vec<(Severity, &str)> = in_project
            .iter()
            .map(|(_, e)| (e.severity, e.code))
            .collect();
        kinds.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        kinds.dedup();
        for (sev, code) in kinds {
            let items: Vec<&(usize, &Entry)> = in_project
                .iter()
                .filter(|(_, e)| e.severity == sev && e.code == code)
                .collect();
            let first = items[0].1;
            let _ = write!(
                h,
                "<section class=\"kind\" data-rule=\"{}\">\n<h4><span class=\"badge {}\">{}</span> {} <span class=\"code\">{}</span> {}</h4>\n",
                esc(code),
                sev.as_str(),
                severity_label(sev, lang),
                esc(first.title.get(lang)),
                esc(code),
                paren(&count(items.len(), lang), lang)
            );
            for (i, e) in items {
                entry(h, *i, e, lang);
            }
            h.push_str("</section>\n");
        }
        h.push_str("</section>\n");
    }
    let _ = writeln!(
        h,
        "<p class=\"empty\" id=\"no-match\" hidden>{}</p>\n</section>",
        t(
            lang,
            "条件に合う指摘はありません。",
            "No finding matches the filters."
        )
    );
}

fn counts_words(c: Counts, lang: Lang) -> String {
    let mut parts = Vec::new();
    for (n, s) in [
        (c.error, Severity::Error),
        (c.warning, Severity::Warning),
        (c.info, Severity::Info),
    ] {
        if n > 0 {
            let label = severity_label(s, lang);
            let en = match (s, n) {
                (Severity::Info, _) => format!("{n} info"),
                (_, 1) => format!("{n} {label}"),
                _ => format!("{n} {label}s"),
            };
            parts.push(
                Msg::new(format!("{label} {n} 件"), en)
                    .get(lang)
                    .to_string(),
            );
        }
    }
    parts.join(t(lang, "、", ", "))
}

fn filters(h: &mut String, r: &Review, lang: Lang) {
    let total = r.findings.len();
    // Templates for the script: it has no words of its own.
    let status = msg!(
        "{total} 件のうち {{shown}} 件を表示しています。",
        "Showing {{shown}} of {total} findings."
    )
    .get(lang)
    .to_string();
    let status_all = msg!(
        "{total} 件すべてを表示しています。",
        "Showing all {total} findings."
    )
    .get(lang)
    .to_string();
    let _ = write!(
        h,
        "<form id=\"filters\" class=\"filters\" hidden data-status=\"{}\" data-status-all=\"{}\" data-print=\"{}\">\n\
         <fieldset><legend>{}</legend>\n",
        esc(&status),
        esc(&status_all),
        esc(t(lang, "絞り込み: ", "Filters: ")),
        t(lang, "指摘の絞り込み", "Filter the findings"),
    );
    // project
    let _ = write!(
        h,
        "<label>{}<select name=\"project\"><option value=\"\">{}</option>",
        t(lang, "プロジェクト", "Project"),
        t(lang, "すべて", "all")
    );
    for p in r.project_keys() {
        if r.findings.iter().any(|e| e.project == p) {
            let _ = write!(
                h,
                "<option value=\"{}\">{}</option>",
                project_key(p),
                esc(&r.project_title(p, lang))
            );
        }
    }
    h.push_str("</select></label>\n");
    // severity
    let _ = writeln!(
        h,
        "<label>{}<select name=\"severity\"><option value=\"\">{}</option>\
         <option value=\"error\">{}</option><option value=\"warning\">{}</option>\
         <option value=\"info\">{}</option><option value=\"error,warning\">{}</option></select></label>",
        t(lang, "重大度", "Severity"),
        t(lang, "すべて", "all"),
        severity_label(Severity::Error, lang),
        severity_label(Severity::Warning, lang),
        severity_label(Severity::Info, lang),
        t(lang, "エラーと警告", "errors and warnings"),
    );
    // rule
    let _ = write!(
        h,
        "<label>{}<select name=\"rule\"><option value=\"\">{}</option>",
        t(lang, "指摘の種類", "Kind"),
        t(lang, "すべて", "all")
    );
    let mut rules: Vec<(&str, &str, &Msg)> = r
        .findings
        .iter()
        .map(|e| (e.code, e.rule, &e.title))
        .collect();
    rules.sort_by_key(|x| x.0);
    rules.dedup_by_key(|x| x.0);
    for (code, name, title) in rules {
        let _ = write!(
            h,
            "<option value=\"{}\" data-name=\"{}\">{} {}</option>",
            esc(code),
            esc(name),
            esc(code),
            esc(title.get(lang))
        );
    }
    let _ = write!(
        h,
        "</select></label>\n<button type=\"reset\">{}</button>\n</fieldset>\n\
         <p id=\"filter-status\" class=\"status\" role=\"status\" aria-live=\"polite\"></p>\n\
         <p class=\"hint\">{}</p>\n</form>\n<p id=\"filter-print\" class=\"print-only\"></p>\n",
        t(lang, "すべて表示", "Show all"),
        t(
            lang,
            "絞り込みの状態はアドレス（# の後ろ）に残るので、そのアドレスを共有すると同じ表示になります。印刷にも反映されます。プロジェクトの絞り込みは未確定箇所にも効きます。",
            "The filters live in the address (after #): share it to show the same view. Printing follows them. The project filter applies to the placeholders too."
        ),
    );
}

fn place_html(p: &Place) -> String {
    format!("<span class=\"place\">{}</span>", esc(&p.shown()))
}

fn entry(h: &mut String, i: usize, e: &Entry, lang: Lang) {
    let _ = write!(
        h,
        "<article class=\"finding {sev}\" id=\"f-{i}\" data-severity=\"{sev}\" data-project=\"{}\" data-rule=\"{}\" data-rule-name=\"{}\" data-at=\"{}\">\n\
         <p class=\"msg\"><span class=\"badge {sev}\">{}</span> {}</p>\n<p class=\"where\">{}</p>\n",
        project_key(e.project),
        esc(e.code),
        esc(e.rule),
        esc(&e.place.shown()),
        severity_label(e.severity, lang),
        esc(e.message.get(lang)),
        place_html(&e.place),
        sev = e.severity.as_str(),
    );
    if let Some(x) = &e.excerpt {
        excerpt_html(h, x, lang);
    }
    if let Some(l) = &e.label {
        let _ = writeln!(
            h,
            "<p class=\"label\">{}{}</p>",
            t(lang, "色を付けた箇所: ", "Highlighted: "),
            esc(l.get(lang))
        );
    }
    if let Some(help) = &e.help {
        let _ = writeln!(
            h,
            "<p class=\"help\"><strong>{}</strong>{}</p>",
            t(lang, "直し方: ", "How to fix: "),
            esc(help.get(lang))
        );
    }
    if !e.related.is_empty() {
        let _ = writeln!(
            h,
            "<div class=\"related\"><p class=\"related-h\">{}</p><ul>",
            t(lang, "関連する箇所", "Related places")
        );
        for rel in &e.related {
            let _ = write!(
                h,
                "<li><p>{} — {}</p>",
                esc(rel.message.get(lang)),
                place_html(&rel.place)
            );
            if let Some(x) = &rel.excerpt {
                excerpt_html(h, x, lang);
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul></div>\n");
    }
    h.push_str("</article>\n");
}

fn kind_label(kind: &str, lang: Lang) -> String {
    Kind::parse(kind).map_or_else(
        || kind.to_string(),
        |k| {
            let (ja, en) = k.label();
            t(lang, ja, en).to_string()
        },
    )
}

/// What a placeholder row shows as its text (an empty cell says which one).
fn placeholder_text(row: &PlaceholderRow, lang: Lang) -> String {
    if !row.text.is_empty() {
        return row.text.clone();
    }
    match row.cell {
        Some("indicator") => msg!("（指標名なし）", "(no indicator)"),
        Some("baseline") => msg!("（現状値が空欄）", "(no baseline)"),
        Some("target") => msg!("（目標値が空欄）", "(no target)"),
        Some(c) => msg!("（空欄）", "(no {c})"),
        None => msg!("（空欄）", "(empty)"),
    }
    .get(lang)
    .to_string()
}

fn placeholders(h: &mut String, r: &Review, lang: Lang) {
    let _ = write!(
        h,
        "<section id=\"placeholders\" aria-labelledby=\"placeholders-h\">\n<h2 id=\"placeholders-h\">{} {}</h2>\n<p>{}</p>\n",
        t(lang, "未確定箇所", "Placeholders"),
        paren(&count(r.placeholders.len(), lang), lang),
        {
            let words = &r.stats.vocabulary.placeholders;
            let first =
                |w: &[crate::plan::model::Text]| esc(crate::plan::vocabulary::Vocabulary::first(w));
            let (open, page, draft) = (
                first(&words.open_value),
                first(&words.page_reference),
                first(&words.draft_plan),
            );
            msg!(
                "{open}、{page}、空欄の値、{draft}、グラフ・写真枠、※の注記など、まだ埋まっていない箇所です（plancheck report と同じ内容です）。",
                "Places still to be filled in: {open}, {page}, empty values, {draft}, graph/photo boxes, ※ notes (the same list as plancheck report)."
            )
            .get(lang)
            .to_string()
        }
    );
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| r.placeholders.iter().any(|x| x.kind == k.as_str()))
        .collect();
    let groups: Vec<Option<i64>> = r
        .project_keys()
        .into_iter()
        .filter(|p| r.placeholders.iter().any(|x| x.project == *p))
        .collect();
    if r.placeholders.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>\n</section>",
            t(lang, "未確定箇所はありません。", "No placeholders.")
        );
        return;
    }
    let kind_heads: Vec<String> = kinds
        .iter()
        .map(|k| esc(&kind_label(k.as_str(), lang)))
        .collect();
    let mut heads = vec![t(lang, "プロジェクト", "Project")];
    heads.extend(kind_heads.iter().map(String::as_str));
    heads.push(t(lang, "計", "Total"));
    let _ = writeln!(
        h,
        "<table class=\"counts\">\n<caption>{}</caption>\n{}\n<tbody>",
        t(lang, "プロジェクト別・種類別の件数", "By project and kind"),
        col_heads(&heads)
    );
    for p in &groups {
        let rows: Vec<&PlaceholderRow> =
            r.placeholders.iter().filter(|x| x.project == *p).collect();
        let _ = write!(
            h,
            "<tr><th scope=\"row\"><a href=\"#ph-{}\">{}</a></th>",
            project_key(*p),
            esc(&r.project_title(*p, lang))
        );
        for k in &kinds {
            let n = rows.iter().filter(|x| x.kind == k.as_str()).count();
            let _ = write!(h, "<td>{n}</td>");
        }
        let _ = writeln!(h, "<td>{}</td></tr>", rows.len());
    }
    let _ = write!(
        h,
        "</tbody>\n<tfoot><tr><th scope=\"row\">{}</th>",
        t(lang, "合計", "Total")
    );
    for k in &kinds {
        let n = r
            .placeholders
            .iter()
            .filter(|x| x.kind == k.as_str())
            .count();
        let _ = write!(h, "<td>{n}</td>");
    }
    let _ = writeln!(
        h,
        "<td>{}</td></tr></tfoot>\n</table>",
        r.placeholders.len()
    );
    for p in groups {
        let key = project_key(p);
        let rows: Vec<&PlaceholderRow> = r.placeholders.iter().filter(|x| x.project == p).collect();
        let _ = write!(
            h,
            "<section class=\"ph-group\" id=\"ph-{key}\" data-project=\"{key}\" aria-labelledby=\"ph-{key}-h\">\n\
             <h3 id=\"ph-{key}-h\">{} {}</h3>\n",
            esc(&r.project_title(p, lang)),
            paren(&count(rows.len(), lang), lang)
        );
        // sections in order of first appearance
        let mut sections: Vec<&crate::analysis::walk::Section> = Vec::new();
        for x in &rows {
            if !sections.contains(&&x.path) {
                sections.push(&x.path);
            }
        }
        for s in sections {
            let in_section: Vec<&&PlaceholderRow> = rows.iter().filter(|x| &x.path == s).collect();
            // In a project's group, the path below its heading (the project's pages, or its
            // row of the numeric-target summary).
            let shown = match &s.parts[..] {
                [_, rest @ ..] if p.is_some() && !rest.is_empty() => rest.join(" › "),
                _ => s.to_string(),
            };
            let _ = write!(
                h,
                "<table class=\"ph\">\n<caption>{} {}</caption>\n{}\n<tbody>\n",
                esc(&shown),
                paren(&count(in_section.len(), lang), lang),
                col_heads(&[
                    t(lang, "種類", "Kind"),
                    t(lang, "項目", "Item"),
                    t(lang, "記載", "Text"),
                    t(lang, "場所", "Location"),
                ]),
            );
            for x in in_section {
                let _ = writeln!(
                    h,
                    "<tr class=\"placeholder\" data-kind=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"place\">{}:{}:{}</td></tr>",
                    esc(x.kind),
                    esc(&kind_label(x.kind, lang)),
                    esc(&x.subject),
                    esc(&placeholder_text(x, lang)),
                    esc(&x.file),
                    x.line,
                    x.column
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
        h.push_str("</section>\n");
    }
    h.push_str("</section>\n");
}

/// A cell as shown in the matrix: the symbol, or ・ for a blank that differs.
fn cell_text(symbol: &str, differs: bool) -> String {
    let s = symbol.trim();
    if s.is_empty() && differs {
        "・".to_string()
    } else {
        esc(s)
    }
}

fn matrix(h: &mut String, r: &Review, lang: Lang) {
    let g = &r.grid;
    let n = g.differing();
    let _ = write!(
        h,
        "<section id=\"matrix\" aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">{}</h2>\n<p>{}</p>\n",
        t(lang, "重点施策との対応（○/◎）", "The ○/◎ matrix"),
        {
            let direction = esc(r.stats.vocabulary.sections.direction.get_ref());
            msg!(
                "左は計画書の図のとおり、右は各プロジェクトの対応表から求めた値です。対応表がその重点施策の{direction}を 1 つ引用していれば○、2 つ以上なら◎、引用がなければ空欄です。",
                "Left: the matrix as drawn in the plan. Right: the matrix computed from each project's direction tables (○ when they cite one policy direction of the measure, ◎ for two or more, blank for none)."
            )
            .get(lang)
            .to_string()
        }
    );
    let m = msg!(
        "<p class=\"matrix-summary\">重点施策との対応（図）と異なるセル: <strong>{n} 個</strong>。異なるセルは <span class=\"differs-sample\">≠</span> の印と色で示し、選ぶとその指摘へ移ります（・は空欄です）。</p>",
        "<p class=\"matrix-summary\">Cells that differ from the drawn matrix: <strong>{n}</strong>. They carry the <span class=\"differs-sample\">≠</span> mark and a colour; choose one to go to its finding (・ = blank).</p>"
    );
    let _ = writeln!(h, "{}", m.get(lang));
    let cols = g.columns.len();
    let _ = write!(
        h,
        "<div class=\"matrix-wrap\"><table class=\"matrix\">\n<caption>{}</caption>\n\
         <colgroup><col class=\"m-id\"><col class=\"m-name\"></colgroup>\
         <colgroup class=\"drawn\" span=\"{cols}\"></colgroup><colgroup class=\"computed\" span=\"{cols}\"></colgroup>\n<thead>\n\
         <tr><th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th>\
         <th scope=\"colgroup\" colspan=\"{cols}\" class=\"side\">{}</th><th scope=\"colgroup\" colspan=\"{cols}\" class=\"side\">{}</th></tr>\n<tr>",
        t(
            lang,
            "重点施策 × 重点プロジェクト：計画書の図と、対応表から求めた値",
            "Measure × project: as drawn, and as computed from the direction tables"
        ),
        t(lang, "施策", "Measure"),
        t(lang, "名称", "Name"),
        t(lang, "計画書の図", "As drawn"),
        t(lang, "対応表から求めた値", "Computed"),
    );
    for side in ["drawn", "computed"] {
        for c in &g.columns {
            let num = c.project.map(|n| n.to_string()).unwrap_or_default();
            let _ = write!(
                h,
                "<th scope=\"col\" class=\"proj {side}\"><span class=\"pn\">{}</span><span class=\"pname\">{}</span></th>",
                esc(&num),
                esc(&c.name)
            );
        }
    }
    h.push_str("</tr>\n</thead>\n<tbody>\n");
    let mut policy: Option<&str> = None;
    for (ri, row) in g.rows.iter().enumerate() {
        if row.policy.as_deref() != policy {
            policy = row.policy.as_deref();
            if let Some(p) = policy {
                let _ = writeln!(
                    h,
                    "<tr class=\"policy\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
                    2 + 2 * cols,
                    esc(p)
                );
            }
        }
        let _ = write!(
            h,
            "<tr><th scope=\"row\" class=\"m-id\">{}</th><td class=\"m-name\">{}</td>",
            esc(&row.measure),
            esc(&row.name)
        );
        for side in ["drawn", "computed"] {
            for c in 0..cols {
                let symbol = match side {
                    "drawn" => row.drawn_at(c),
                    _ => row.cells[c],
                };
                let differs = row.differs(c);
                let text = cell_text(symbol, differs);
                if !differs {
                    let _ = write!(h, "<td class=\"cell {side}\">{text}</td>");
                    continue;
                }
                let hidden = t(lang, "（重点施策との対応（図）と異なります）", " (differs)");
                let inner = format!(
                    "{text}<span class=\"mark\" aria-hidden=\"true\">≠</span><span class=\"sr\">{hidden}</span>"
                );
                let target = r.cell_findings.get(ri).and_then(|v| v.get(c)).copied();
                let inner = match target.flatten() {
                    Some(f) => format!("<a href=\"#f-{f}\">{inner}</a>"),
                    None => inner,
                };
                let _ = write!(
                    h,
                    "<td class=\"cell {side} differs\" data-measure=\"{}\" data-column=\"{c}\">{inner}</td>",
                    esc(&row.measure)
                );
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn suppressed(h: &mut String, r: &Review, lang: Lang) {
    if r.suppressed.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<section id=\"suppressed\" aria-labelledby=\"suppressed-h\">\n<h2 id=\"suppressed-h\">{} {}</h2>\n<p>{}</p>\n\
         <table class=\"ph\">{}\n<tbody>\n",
        t(lang, "抑止した指摘", "Suppressed findings"),
        paren(&count(r.suppressed.len(), lang), lang),
        t(
            lang,
            "計画の allow で、理由を付けて意図的に受け入れた指摘です。",
            "Findings accepted on purpose by an allow in the plan, with the reason given."
        ),
        col_heads(&[
            t(lang, "種類", "Kind"),
            t(lang, "指摘", "Finding"),
            t(lang, "理由", "Reason"),
            t(lang, "場所", "Location"),
        ]),
    );
    for s in &r.suppressed {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"place\">{}</td></tr>",
            esc(s.code),
            esc(s.message.get(lang)),
            esc(&s.reason),
            esc(&s.place.shown())
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}
