//! Plan text made safe and visible for a terminal.
//!
//! A plan's strings may hold control characters: TOML lets a basic string carry any of them
//! escaped (`"\u001B[2J"`), a tab may stand in a string as it is, and a file that fails to
//! load may hold raw ones. Written to a terminal as they are, an ESC starts an escape
//! sequence (colours, cursor moves, a cleared screen, a changed window title), a carriage
//! return overwrites the start of the line, and a tab is invisible. The formats read by
//! people show each such character as its picture from Unicode's Control Pictures block
//! (`␛`, `␉`, `␍`, `␀`, `␡`), one column wide, so that the officer sees that the character
//! is there and the terminal never acts on it. C1 controls (U+0080–U+009F, which some
//! terminals also act on) have no picture and are shown as `�`. Line feeds stay: names and
//! texts written on several lines are drawn on several lines.
//!
//! The machine formats (JSON, SARIF, CSV, the workbook) keep the text exactly as loaded.

use crate::finding::{Finding, Location, Related};
use crate::i18n::Msg;
use crate::outcome::Outcome;
use std::borrow::Cow;

/// What a terminal would act on or hide: every control character but the line feed.
pub fn is_hidden(c: char) -> bool {
    c != '\n' && c.is_control()
}

/// The character shown for `c` (itself when it is not hidden).
pub fn picture(c: char) -> char {
    match c {
        '\n' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }
}

/// `s` with each hidden character shown as its picture; a CR LF line end is a line end.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n");
    Cow::Owned(s.chars().map(picture).collect())
}

/// A cell of a text table: made visible, and a line break inside it a space, so that every
/// row stays one line.
pub fn cell(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| c == '\n' || is_hidden(c)) {
        Cow::Owned(text(s).replace('\n', " "))
    } else {
        Cow::Borrowed(s)
    }
}

fn msg(m: &Msg) -> Msg {
    Msg::new(text(&m.ja), text(&m.en))
}

fn location(l: &Location) -> Location {
    match l {
        Location::Path(p) => Location::Path(text(p).into_owned()),
        l => l.clone(),
    }
}

fn finding(f: &Finding) -> Finding {
    Finding {
        message: msg(&f.message),
        location: location(&f.location),
        label: f.label.as_ref().map(msg),
        help: f.help.as_ref().map(msg),
        related: f
            .related
            .iter()
            .map(|r| Related {
                location: location(&r.location),
                message: msg(&r.message),
            })
            .collect(),
        ..f.clone()
    }
}

fn msg_hides(m: &Msg) -> bool {
    m.ja.chars().any(is_hidden) || m.en.chars().any(is_hidden)
}

fn location_hides(l: &Location) -> bool {
    matches!(l, Location::Path(p) if p.chars().any(is_hidden))
}

fn finding_hides(f: &Finding) -> bool {
    msg_hides(&f.message)
        || location_hides(&f.location)
        || f.label.as_ref().is_some_and(msg_hides)
        || f.help.as_ref().is_some_and(msg_hides)
        || f.related
            .iter()
            .any(|r| msg_hides(&r.message) || location_hides(&r.location))
}

/// The outcome with every text a person reads (messages, labels, advice, related places'
/// texts, reasons, the plan's and projects' names, paths) made visible. Source files are
/// left as they are: their snippets are made visible where they are drawn, since spans
/// point at their bytes. Borrowed when nothing needs it, which is nearly always.
pub fn outcome(o: &Outcome) -> Cow<'_, Outcome> {
    let c = &o.context;
    let hides = |s: &str| s.chars().any(is_hidden);
    let any = o.findings.iter().any(finding_hides)
        || o.suppressed
            .iter()
            .any(|s| finding_hides(&s.finding) || hides(&s.reason))
        || c.plan_name.as_deref().is_some_and(hides)
        || c.root.as_deref().is_some_and(hides)
        || c.projects.iter().any(|(_, name)| hides(name))
        || o.files.iter().any(|f| hides(&f.path));
    if !any {
        return Cow::Borrowed(o);
    }
    let mut o = o.clone();
    for f in &mut o.findings {
        *f = finding(f);
    }
    for s in &mut o.suppressed {
        s.finding = finding(&s.finding);
        s.reason = text(&s.reason).into_owned();
    }
    let c = &mut o.context;
    c.plan_name = c.plan_name.as_deref().map(|s| text(s).into_owned());
    c.root = c.root.as_deref().map(|s| text(s).into_owned());
    for (_, name) in &mut c.projects {
        *name = text(name).into_owned();
    }
    for f in &mut o.files {
        f.path = text(&f.path).into_owned();
    }
    Cow::Owned(o)
}

#[cfg(test)]
mod tests {
    use super::{cell, outcome, text};
    use crate::finding::{Finding, Location};
    use crate::i18n::Msg;
    use crate::outcome::suppression::Suppressed;
    use crate::outcome::{Context, Outcome, Status};
    use crate::plan::source::SourceFile;
    use crate::rules::notation_mix::RULE;
    use std::borrow::Cow;

    #[test]
    fn control_characters_are_shown_as_pictures_and_line_ends_stay() {
        for (raw, shown) in [
            ("a\u{1b}[31mb", "a\u{241b}[31mb"),
            ("名\t前", "名\u{2409}前"),
            ("\u{0}\u{7f}\u{9b}", "\u{2400}\u{2421}\u{fffd}"),
            ("上書き\rです", "上書き\u{240d}です"),
            ("一行目\r\n二行目", "一行目\n二行目"),
        ] {
            assert_eq!(text(raw), shown, "{raw:?}");
        }
        for plain in ["伊勢崎市 ＤＸ", "一行目\n二行目"] {
            assert!(matches!(text(plain), Cow::Borrowed(_)), "{plain:?}");
        }
        assert_eq!(cell("\n"), " ");
        assert_eq!(cell("一\n二\t"), "一 二\u{2409}");
        assert!(matches!(cell("調整中"), Cow::Borrowed(_)));
    }

    type Change = Box<dyn Fn(&mut Outcome)>;

    /// A plain outcome with one finding (a related place, label, help) and one suppressed.
    fn plain() -> Outcome {
        let f = RULE
            .finding(0, 0..1, Msg::new("混在", "mixed"))
            .label(Msg::new("ここ", "here"))
            .help(Msg::new("直す", "fix"))
            .related(Finding::at(0, 2..3), Msg::new("場所", "place"));
        let mut path = RULE.finding(0, 0..1, Msg::new("ファイル", "file"));
        path.location = Location::Path("plan/a.toml".into());
        Outcome {
            files: vec![SourceFile::new(
                "plan/a.toml".into(),
                "a.toml".into(),
                "a = 1\n".into(),
            )],
            findings: vec![f.clone(), path],
            suppressed: vec![Suppressed {
                finding: f,
                reason: "理由".into(),
            }],
            baseline: None,
            policy: Default::default(),
            status: Status::Passed,
            context: Context {
                plan_name: Some("計画".into()),
                root: Some("plan".into()),
                projects: vec![(1, "プロジェクト".into())],
                project_of: vec![None, None],
            },
        }
    }

    /// Every text of an outcome a person reads, as one string.
    fn texts(o: &Outcome) -> String {
        let place = |l: &Location| match l {
            Location::Path(p) => p.clone(),
            Location::Span { file, span } => format!("{file}:{span:?}"),
        };
        let finding = |f: &Finding| {
            let mut s = format!("{}{}", f.message.ja, f.message.en);
            for m in f.label.iter().chain(f.help.iter()) {
                s += &format!("{}{}", m.ja, m.en);
            }
            for r in &f.related {
                s += &format!("{}{}{}", r.message.ja, r.message.en, place(&r.location));
            }
            s + &place(&f.location)
        };
        let mut s: String = o.findings.iter().map(finding).collect();
        for x in &o.suppressed {
            s += &finding(&x.finding);
            s += &x.reason;
        }
        let c = &o.context;
        s += c.plan_name.as_deref().unwrap_or_default();
        s += c.root.as_deref().unwrap_or_default();
        c.projects.iter().for_each(|(_, name)| s += name);
        o.files.iter().for_each(|f| s += &f.path);
        s
    }

    #[test]
    fn an_outcome_without_control_characters_is_borrowed() {
        let o = plain();
        assert!(matches!(outcome(&o), Cow::Borrowed(_)));
    }

    #[test]
    fn a_control_character_in_any_text_a_person_reads_is_shown_as_a_picture() {
        let esc = |s: &mut String| s.push('\u{1b}');
        // One language at a time: either one holding a control character is enough.
        let on_msg = |m: &mut Msg| m.ja.push('\u{1b}');
        let cases: Vec<(&str, Change)> = vec![
            (
                "message",
                Box::new(move |o| on_msg(&mut o.findings[0].message)),
            ),
            (
                "message en",
                Box::new(move |o| o.findings[0].message.en.push('\u{1b}')),
            ),
            (
                "label",
                Box::new(move |o| on_msg(o.findings[0].label.as_mut().unwrap())),
            ),
            (
                "help",
                Box::new(move |o| on_msg(o.findings[0].help.as_mut().unwrap())),
            ),
            (
                "related",
                Box::new(move |o| on_msg(&mut o.findings[0].related[0].message)),
            ),
            (
                "path",
                Box::new(move |o| o.findings[1].location = Location::Path("p\u{1b}".into())),
            ),
            (
                "related path",
                Box::new(move |o| {
                    o.findings[0].related[0].location = Location::Path("p\u{1b}".into())
                }),
            ),
            (
                "suppressed",
                Box::new(move |o| on_msg(&mut o.suppressed[0].finding.message)),
            ),
            (
                "reason",
                Box::new(move |o| esc(&mut o.suppressed[0].reason)),
            ),
            (
                "plan name",
                Box::new(move |o| esc(o.context.plan_name.as_mut().unwrap())),
            ),
            (
                "root",
                Box::new(move |o| esc(o.context.root.as_mut().unwrap())),
            ),
            (
                "project",
                Box::new(move |o| esc(&mut o.context.projects[0].1)),
            ),
            ("file", Box::new(move |o| esc(&mut o.files[0].path))),
        ];
        for (what, add) in cases {
            let mut o = plain();
            add(&mut o);
            assert!(texts(&o).contains('\u{1b}'), "{what}: the case adds no ESC");
            let shown = outcome(&o);
            let t = texts(&shown);
            assert!(!t.contains('\u{1b}'), "{what}: {t}");
            assert!(t.contains('\u{241b}'), "{what}: {t}");
        }
    }
}
