//! The `render` target: every `check --format` and the review page on generated outcomes.
//! The input's bytes choose ([`Choices`]) one to three small source files (lines of TOML,
//! Japanese, wide and combining characters, CR LF, tabs, very long lines, raw input text),
//! findings of any rule code with spans snapped to character boundaries (or a path without
//! position), labels, advice, related places near and far, fixes, suppressed findings, a
//! baseline result, projects, a status, and the language, widths and settings to render with.
//!
//! Asserted: no panic; the JSON and SARIF documents parse as JSON; no line of human output is
//! wider than the width when the width is at least [`MIN_WIDTH`] (the promise of
//! `output::human`, which below that cannot be kept: a message's advice lead alone takes 20
//! columns), except a snippet's label lines ([`is_label_line`]); the review page shows no
//! markup from the input unescaped.

use super::choices::Choices;
use plancheck::finding::{Edit, Fix, Related, Severity};
use plancheck::i18n::Msg;
use plancheck::outcome::baseline;
use plancheck::outcome::suppression::Suppressed;
use plancheck::outcome::{BaselineResult, Context, Outcome, Status};
use plancheck::output::{self, Settings};
use plancheck::plan::model::Plan;
use plancheck::plan::source::SourceFile;
use plancheck::{Finding, Lang, Location};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// The narrowest width at which human output promises that no line is wider.
pub const MIN_WIDTH: usize = 40;

/// Markup the generator puts in texts; the review page must show it escaped.
const MARKUP: &str = "<x-fz>";

const LINES: &[&str] = &[
    "",
    "[[measure]]",
    "id = \"1-1\"",
    "name = \"子育て環境の充実\"",
    "title = \"安心して子育てできる社会\" # コメント",
    "cells = [\"○\", \"◎\", \"\"]",
    "\t[project.direction.table]",
    "ｘ＝１　　全角の行",
    "e\u{301}\u{301}\u{301} combining",
    "🎉🎉 emoji 👨‍👩‍👧",
    "\u{200B}zero\u{200D}width",
    "text = \"\"\"",
    "<x-fz>&amp;\"'",
    "\r",
    "a\u{0}b\u{1B}[31m",
];

const MESSAGES: &[&str] = &[
    "",
    "a message",
    "施策「1-1」の名称が施策の一覧と違います。",
    "a very long message that goes on and on and on, well past any width a terminal has, with no place to stop for a long while",
    "とても長い日本語のメッセージで、端末の幅を超えても折り返す場所が少なく、全角文字だけが続いていきますので、幅の計算が試されます。",
    "line one\nline two",
    "<x-fz> & \"quoted\"",
    "tab\there",
    "https://example.com/a/very/long/path/without/any/spaces/at/all/that/cannot/be/broken",
];

const PATHS: &[&str] = &[
    "plan/plan.toml",
    "plan/projects/p1.toml",
    "計画/施策.toml",
    "C:\\計画\\x.toml",
    "a b/<x-fz>.toml",
    "",
];

const EXTRA_CODES: &[(&str, &str)] = &[("PC999", "unknown-rule"), ("", "")];

fn text(c: &mut Choices, pool: &[&str]) -> String {
    if c.chance(224) {
        c.pick(pool).to_string()
    } else {
        c.text(40)
    }
}

fn msg(c: &mut Choices) -> Msg {
    let ja = text(c, MESSAGES);
    let en = if c.chance(128) {
        ja.clone()
    } else {
        text(c, MESSAGES)
    };
    Msg::new(ja, en)
}

/// A message without line breaks: labels and related places' messages (which a nearby
/// place shows as a label) are short phrases in the rules.
fn one_line(m: Msg) -> Msg {
    Msg::new(m.ja.replace('\n', " "), m.en.replace('\n', " "))
}

fn source(c: &mut Choices, index: usize) -> SourceFile {
    let lines = c.below(12);
    let crlf = c.chance(32);
    let mut body = String::new();
    for i in 0..lines {
        if i > 0 {
            body.push_str(if crlf { "\r\n" } else { "\n" });
        }
        match c.byte() {
            0..=219 => body.push_str(c.pick::<&str>(LINES)),
            220..=239 => body.push_str(&c.text(40)),
            _ => body.push_str(&"長い行の文字 wide ".repeat(1 + c.below(40))),
        }
    }
    if c.chance(128) {
        body.push('\n');
    }
    let path = format!("{}{index}", c.pick(PATHS));
    let rel = path.rsplit('/').next().unwrap_or("").to_string();
    SourceFile::new(path, rel, body)
}

/// A span of `text` snapped outwards to character boundaries.
fn span(c: &mut Choices, text: &str) -> Range<usize> {
    let len = text.len();
    let mut start = c.below(len + 1);
    let mut end = match c.byte() {
        0..=63 => start,
        64..=223 => start + c.below(16),
        _ => start + c.below(len + 1),
    }
    .min(len);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn location(c: &mut Choices, files: &[SourceFile]) -> Location {
    if c.chance(16) {
        Location::Path(c.pick(PATHS).to_string())
    } else {
        let file = c.below(files.len());
        Location::Span {
            file,
            span: span(c, &files[file].text),
        }
    }
}

fn finding(c: &mut Choices, files: &[SourceFile]) -> Finding {
    let rules = plancheck::rules::REGISTRY;
    let (code, name) = if c.chance(8) {
        *c.pick(EXTRA_CODES)
    } else {
        let r = c.pick(rules);
        (r.code, r.name)
    };
    let severity = *c.pick(&[Severity::Error, Severity::Warning, Severity::Info]);
    let place = location(c, files);
    let mut f = Finding::new(code, name, severity, place, msg(c));
    if c.chance(96) {
        f = f.label(one_line(msg(c)));
    }
    if c.chance(128) {
        f = f.help(msg(c));
    }
    if c.chance(64) {
        f = f.subject(text(c, MESSAGES));
    }
    let related = match c.byte() {
        0..=127 => 0,
        128..=239 => 1 + c.below(3),
        _ => 3 + c.below(8),
    };
    for _ in 0..related {
        f.related.push(Related {
            location: location(c, files),
            message: one_line(msg(c)),
        });
    }
    if c.chance(48) {
        let edits = (0..1 + c.below(3))
            .map(|_| {
                let file = c.below(files.len());
                Edit {
                    file,
                    span: span(c, &files[file].text),
                    replacement: text(c, LINES),
                }
            })
            .collect();
        f = f.fix(Some(Fix::new(edits)));
    }
    f
}

/// The outcome an input describes, and the settings to render it with.
pub fn generate(data: &[u8]) -> (Outcome, Settings, Vec<usize>) {
    let mut c = Choices::new(data);
    let files: Vec<SourceFile> = (0..1 + c.below(3)).map(|i| source(&mut c, i)).collect();
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    for _ in 0..c.below(10) {
        let f = finding(&mut c, &files);
        if c.chance(24) {
            suppressed.push(f);
        } else {
            findings.push(f);
        }
    }
    plancheck::outcome::sort(&files, &mut findings);
    plancheck::outcome::sort(&files, &mut suppressed);
    let suppressed: Vec<Suppressed> = suppressed
        .into_iter()
        .map(|finding| Suppressed {
            finding,
            reason: text(&mut c, MESSAGES),
        })
        .collect();
    let projects: Vec<(i64, String)> = (0..c.below(4))
        .map(|i| (i as i64 + 1, text(&mut c, MESSAGES)))
        .collect();
    let project_of = findings
        .iter()
        .map(|_| {
            if projects.is_empty() || c.chance(96) {
                None
            } else {
                Some(c.pick(&projects).0)
            }
        })
        .collect();
    let errors = output::counts(&findings).0;
    let not_loaded = c.chance(24);
    let status = if not_loaded {
        Status::NotLoaded {
            errors: findings.len(),
        }
    } else if errors == 0 {
        Status::Passed
    } else if c.chance(32) {
        Status::ExitZero {
            errors,
            denied_warnings: 0,
        }
    } else {
        Status::Failed {
            errors,
            denied_warnings: 0,
        }
    };
    let baseline = (!not_loaded && c.chance(32)).then(|| {
        let fixed = findings
            .iter()
            .take(c.below(3))
            .map(|f| baseline::entry(&files, f))
            .collect();
        BaselineResult {
            known: c.below(5),
            fixed,
        }
    });
    let context = if not_loaded {
        Context::default()
    } else {
        Context {
            plan_name: c.chance(200).then(|| text(&mut c, MESSAGES)),
            root: Some("plan".into()),
            projects,
            project_of,
        }
    };
    let settings = Settings {
        lang: if c.chance(128) { Lang::Ja } else { Lang::En },
        color: c.chance(32),
        width: 80,
        show_suppressed: c.chance(128),
        anchor: None,
        min_severity: *c.pick(&[Severity::Info, Severity::Warning, Severity::Error]),
    };
    let widths = vec![
        *c.pick(&[0, 1, 2, 5, 10, 16, 24, 39]),
        MIN_WIDTH + c.below(161),
    ];
    let outcome = Outcome {
        files,
        findings,
        suppressed,
        baseline,
        policy: Default::default(),
        status,
        context,
    };
    (outcome, settings, widths)
}

/// Display columns of a line. Control characters quoted from the plan are drawn as their
/// pictures (`output::visible`), one column each; none reaches the output itself (asserted).
fn columns(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// A line miette draws under a snippet's source line (underlines and labels, `   · ──┬──`,
/// `   · ╰── text`), where it draws more than the cut window accounts for. Known, not fixed
/// (`output::snippet`, `windowed`): a label under the right end of a cut line keeps at least
/// four columns of its text, and the underlines of several spans, some cut, can pass the
/// width. Left out of the width assertion so that the fuzzer looks for other overflows; see
/// fuzz/README.md. (A label with a line break is drawn on several lines and not cut at all;
/// the rules' labels are short phrases, so the generator gives labels none: [`one_line`].)
fn is_label_line(line: &str) -> bool {
    line.trim_start().starts_with('·')
}

/// A line of a snippet (`  9 │ text`, `    · ──┬──`). Known, not fixed: a span over several
/// lines adds miette's own gutter (`╭─▶`, `├─▶`, `╰─▶`, four columns) to every line of its
/// snippet, which the cut window does not account for; when an output has one, its snippet
/// lines are left out of the width assertion.
fn is_snippet_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('·')
        || t.trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(" │")
}

fn parse_json(text: &str, what: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        panic!("{what} is not JSON: {e}\n{text}");
    }
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let (outcome, mut settings, widths) = generate(data);
    for reporter in output::REPORTERS {
        match reporter.name() {
            "human" => {
                for &width in &widths {
                    settings.width = width;
                    let out = reporter.render(&outcome, &settings).stdout;
                    if !settings.color
                        && let Some(c) = out.chars().find(|&c| c != '\n' && c.is_control())
                    {
                        panic!("human output holds the control character {c:?}:\n{out}");
                    }
                    if width >= MIN_WIDTH && !settings.color {
                        let multi = out.contains('▶');
                        let wide = |l: &&str| {
                            columns(l) > width
                                && !is_label_line(l)
                                && !(multi && is_snippet_line(l))
                        };
                        if let Some(line) = out.lines().find(wide) {
                            panic!("human line wider than {width}: {line:?}\n{out}");
                        }
                    }
                }
            }
            "json" => parse_json(&reporter.render(&outcome, &settings).stdout, "json"),
            "sarif" => parse_json(&reporter.render(&outcome, &settings).stdout, "sarif"),
            _ => {
                reporter.render(&outcome, &settings);
            }
        }
    }
    let plan = Plan {
        root: "plan".into(),
        files: outcome.files.clone(),
        ..Plan::default()
    };
    let page = output::html::build::review(output::html::build::Checked {
        plan: &plan,
        findings: &outcome.findings,
        suppressed: &outcome.suppressed,
        failing: outcome.status.code() == 1,
        checked_at: jiff::Timestamp::from_second(0)
            .expect("the epoch")
            .to_zoned_datetime(jiff::tz::TimeZone::UTC),
        version: "0.0.0",
    });
    let html = output::html::render(&page, settings.lang);
    assert!(
        !html.contains(MARKUP),
        "the review page shows markup unescaped"
    );
}
