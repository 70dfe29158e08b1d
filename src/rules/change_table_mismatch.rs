//! PC208 change-table-mismatch: the plan's own change table (`[[change]]`, 変更前 / 変更後)
//! disagrees with the plan: an item listed as removed or moved that the plan still holds as a
//! heading or name, a name listed as added or renamed-to that the plan does not hold, and an
//! old name (renamed-from) still printed anywhere in the plan.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::walk::TextRef;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::model::{Change, Located, Plan, Text};
use crate::plan::normalize::{self, KeyChars};
use crate::plan::source::FileId;
use memchr::memmem;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::iter::once;
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC208",
    name: "change-table-mismatch",
    severity: Severity::Warning,
    summary: (
        "変更対照表の内容が計画に反映されていません",
        "the change table records a change the plan does not show",
    ),
    docs: Docs {
        what: (
            "審議会からの変更点をまとめた変更対照表（[[change]] の before＝変更前・after＝変更後）と計画を照らし合わせます。(1) 変更前にだけある項目（削除・移動した項目）が、計画の見出し・名前（本文の見出し、重点プロジェクトの名前、取組の方向性、施策の名前、概要版の見出しなど）にまだある場合、(2) 名前の行（①・1.・（４）のような番号のない行）で変更後に加えた名前・改めた名前が計画のどの見出し・名前にもない場合、(3) 同じ位置で変更前と変更後が異なる名前（改称）の旧名が、計画のどこか（本文を含む）にまだある場合に報告します。全角・半角、空白、先頭の番号（①、1.、（４））の違いは同じ項目とみなします。本文の中の語句は見出しとはみなしません。番号のある行（目次の構成）は、計画に記載されていない見出しもあるため、(2) の対象外です。",
            "Compares the plan with its change table ([[change]] before = 変更前, after = 変更後): (1) an item in 変更前 only (removed or moved) that the plan still holds as a heading or name (a prose heading, a project's name, a project direction, a measure's name, a leaflet heading, …); (2) in a list of names (items without a number such as ①, 1. or （４）), a name added or renamed in 変更後 that no heading or name of the plan holds; (3) the old name of a rename (変更前 and 変更後 differ at the same position) still printed anywhere in the plan, running text included. Width, spacing and leading numbers (①, 1., （４）) are ignored. A phrase inside running text is not a heading. Numbered outline items are not checked by (2): the plan folder does not transcribe every heading of the outline.",
        ),
        why: (
            "変更対照表は、審議会の委員が前回からの変更を確かめるための表です。表では削除・移動・改称したとある項目が計画に残っていたり、加えたとある項目がなかったりすると、表と計画のどちらかが誤っていることになり、委員に誤った説明をすることになります。",
            "The change table is how council members see what changed since the last meeting. When an item the table calls removed, moved or renamed is still in the plan, or an added one is missing, either the table or the plan is wrong, and the council is told something untrue.",
        ),
        example: (
            "# changes.toml\n[[change]]\ntopic = \"重点プロジェクトの骨子\"\nbefore = [\"2.取組方針\", \"①SDGs の推進\"]   # 「はじめに」に移動した項目\nafter = []\n\n# sdgs.toml: 移動したはずの節がまだあります\n[[prose]]\nheading = \"（４） ＳＤＧｓの推進\"",
            "# changes.toml\n[[change]]\ntopic = \"重点プロジェクトの骨子\"\nbefore = [\"2.取組方針\", \"①SDGs の推進\"]   # moved to the introduction\nafter = []\n\n# sdgs.toml: the section said to be moved is still here\n[[prose]]\nheading = \"（４） ＳＤＧｓの推進\"",
        ),
        fix: (
            "計画を変更対照表のとおりに直してください（移動した節を削除する、旧名を新しい名前に改める、加えた名前を記載する）。計画が正しい場合は、変更対照表を直してください。",
            "Make the plan what the change table says (remove the moved section, replace the old name with the new one, add the new name), or correct the change table if the plan is right.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[(
            "aim = \"安心して子どもを育てられるまちを実現します。\"",
            "aim = \"防犯 プロジェクトと連携し、安心して子どもを育てられるまちを実現します。\"",
        )],
        append: "\n#@file changes.toml\n[[change]]\nmeeting = \"第１回審議会\"\ntopic = \"計画の構成\"\nbefore = [\"1.計画の概要\", \"2.計画の期間\"]\nafter = [\"1.計画とは\"]\n\n[[change]]\nmeeting = \"第１回審議会\"\ntopic = \"重点プロジェクト\"\nbefore = [\"子育て応援プロジェクト\", \"防犯プロジェクト\"]\nafter = [\"子育て応援プロジェクト\", \"安全安心プロジェクト\"]\n",
    }),
    pass: Fixture {
        replace: &[(
            "aim = \"安心して子どもを育てられるまちを実現します。\"",
            "aim = \"安全安心プロジェクトと連携し、安心して子どもを育てられるまちを実現します。\"",
        )],
        append: "\n[[project]]\nnumber = 2\nname = \"安全安心 プロジェクト\"\n\n#@file changes.toml\n[[change]]\nmeeting = \"第１回審議会\"\ntopic = \"計画の構成\"\nbefore = [\"1.計画の概要\", \"2.計画の期間\"]\nafter = [\"1.計画とは\", \"（２） 計画の期間\"]\n\n[[change]]\nmeeting = \"第１回審議会\"\ntopic = \"重点プロジェクト\"\nbefore = [\"子育て応援プロジェクト\", \"安全プロジェクト\"]\nafter = [\"子育て応援プロジェクト\", \"安全安心ＰＲＯＪＥＣＴ\"]\nreason = \"安全プロジェクトを改称しました。\"\n\n[[change]]\ntopic = \"重点プロジェクト\"\nbefore = [\"安全安心ＰＲＯＪＥＣＴ\"]\nafter = [\"安全安心プロジェクト\"]\n",
    },
};

/// Characters printed before an item as its list marker on their own: circled and
/// parenthesised numbers (①, ⑴, ❶, ㉑) and bullets.
fn is_marker_char(c: char) -> bool {
    matches!(c,
        '\u{2460}'..='\u{24FF}'   // enclosed alphanumerics: ① ⑴ ⒈ Ⓐ
        | '\u{2776}'..='\u{2793}' // dingbat circled digits: ❶ ➀
        | '\u{3251}'..='\u{325F}' // ㉑ – ㉟
        | '\u{32B1}'..='\u{32BF}' // ㊱ – ㊿
        | '・' | '･' | '•' | '■' | '□' | '●' | '◆' | '◇' | '▪')
}

/// The comparison key of a change-table item or a heading: without its leading list marker
/// (①, 1., ３．, （４）, `1 `), NFKC, white space removed; and whether a marker was there.
/// An item that is nothing but a marker keeps it.
pub fn item_key(printed: &str) -> (String, bool) {
    let whole = normalize::key(printed);
    let t = printed.trim_start();
    let rest = match t.chars().next() {
        Some(c) if is_marker_char(c) => Some(t[c.len_utf8()..].to_string()),
        _ if may_start_with_number(t) => strip_number(&normalize::text(t)),
        _ => None,
    };
    match rest.map(|r| normalize::key(&r)) {
        Some(k) if !k.is_empty() => (k, true),
        _ => (whole, false),
    }
}

/// Whether the NFKC text of `t` (trimmed) may start as [`strip_number`] needs, with `(` or an
/// ASCII digit: only its first character is normalised (NFKC composes nothing onto a digit or
/// `(`), which spares normalising every heading and name of the plan whole.
fn may_start_with_number(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        normalize::nfkc(c.encode_utf8(&mut [0; 4]))
            .starts_with(|d: char| d.is_ascii_digit() || d == '(')
    })
}

/// `(4) 見出し` → `見出し`, `1.見出し` / `1 見出し` / `1、見出し` → `見出し` (NFKC text in).
fn strip_number(n: &str) -> Option<String> {
    let digits_end = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if let Some(inner) = n.strip_prefix('(') {
        let d = digits_end(inner);
        if d > 0 {
            return inner[d..].strip_prefix(')').map(str::to_string);
        }
        return None;
    }
    let d = digits_end(n);
    if d == 0 {
        return None;
    }
    let after = &n[d..];
    let sep = after.chars().next()?;
    matches!(sep, '.' | ' ' | '、' | ')').then(|| after[sep.len_utf8()..].to_string())
}

/// One entry of a change record, with its key.
struct Entry<'a> {
    text: &'a Text,
    key: String,
}

/// A change record read for checking.
struct Record<'a> {
    change: &'a Located<Change>,
    before: Vec<Entry<'a>>,
    after: Vec<Entry<'a>>,
    /// Some item carries a list marker: the record lists an outline (headings), not names.
    outline: bool,
}

impl<'a> Record<'a> {
    fn new(change: &'a Located<Change>) -> Record<'a> {
        let mut outline = false;
        let mut entries = |list: &'a [Text]| -> Vec<Entry<'a>> {
            list.iter()
                .filter_map(|t| {
                    let (key, marked) = item_key(t.get_ref());
                    outline |= marked;
                    (!key.is_empty()).then_some(Entry { text: t, key })
                })
                .collect()
        };
        let before = entries(&change.before);
        let after = entries(&change.after);
        Record {
            change,
            before,
            after,
            outline,
        }
    }

    fn has_before(&self, key: &str) -> bool {
        self.before.iter().any(|e| e.key == key)
    }

    fn has_after(&self, key: &str) -> bool {
        self.after.iter().any(|e| e.key == key)
    }

    /// Renames: in a list of names as long before as after, the pairs that differ at the same
    /// position, the old name gone from 変更後 and the new one absent from 変更前.
    fn renames(&self) -> Vec<(&Entry<'a>, &Entry<'a>)> {
        if self.outline || self.before.len() != self.after.len() {
            return Vec::new();
        }
        self.before
            .iter()
            .zip(&self.after)
            .filter(|(b, a)| b.key != a.key && !self.has_after(&b.key) && !self.has_before(&a.key))
            .collect()
    }
}

/// Every heading and name the plan prints (not running text, values or the change table).
fn headings_and_names(plan: &Plan) -> Vec<(FileId, &Text)> {
    let mut out: Vec<(FileId, &Text)> = Vec::new();
    if let Some(m) = &plan.meta {
        add(&mut out, m.file, [&m.name]);
    }
    for p in &plan.policies {
        add(&mut out, p.file, [&p.name]);
    }
    for m in &plan.measures {
        let titles = m.direction.iter().filter_map(|d| d.title.as_ref());
        add(&mut out, m.file, once(&m.name).chain(titles));
    }
    for p in &plan.projects {
        let headings = [&p.directions_heading, &p.tables_heading]
            .into_iter()
            .flatten();
        let indicators = p.indicators.iter().flat_map(|t| &t.row).map(|i| &i.name);
        add(
            &mut out,
            p.file,
            once(&p.name).chain(headings).chain(indicators),
        );
        for d in &p.direction {
            let heading = d.table.as_ref().and_then(|t| t.heading.as_ref());
            add(&mut out, p.file, once(&d.title).chain(heading));
        }
    }
    if let Some(s) = &plan.summary {
        let names = s.headline.iter().map(|i| &i.name);
        add(
            &mut out,
            s.file,
            names.chain(s.project.iter().map(|g| &g.project)),
        );
    }
    if let Some(s) = &plan.sdgs {
        let names = s.row.iter().filter_map(|r| r.name.as_ref());
        add(&mut out, s.file, s.title.iter().chain(names));
    }
    for st in &plan.strategy {
        let texts = once(&st.pillar)
            .chain(&st.national)
            .chain(&st.projects)
            .chain(&st.items);
        add(&mut out, st.file, texts);
    }
    if let Some(mx) = &plan.matrix {
        add(&mut out, mx.file, mx.columns.iter());
        for r in &mx.row {
            add(&mut out, r.file, r.name.iter());
        }
    }
    if let Some(o) = &plan.overview {
        let f = o.file;
        add(&mut out, f, o.section.iter().map(|s| &s.heading));
        add(
            &mut out,
            f,
            o.mission.iter().chain(&o.value).map(|t| &t.title),
        );
        add(&mut out, f, o.district.iter().map(|d| &d.name));
        for p in &o.project {
            add(&mut out, f, once(&p.name).chain(&p.directions));
        }
    }
    for p in &plan.prose {
        add(&mut out, p.file, [&p.heading]);
    }
    out
}

/// Adds `texts`, all printed in `file`.
fn add<'a>(
    out: &mut Vec<(FileId, &'a Text)>,
    file: FileId,
    texts: impl IntoIterator<Item = &'a Text>,
) {
    out.extend(texts.into_iter().map(|t| (file, t)));
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let plan = cx.plan;
    if plan.changes.is_empty() {
        return;
    }
    let records: Vec<Record> = plan.changes.iter().map(Record::new).collect();
    let items: Vec<(FileId, &Text, String)> = headings_and_names(plan)
        .into_iter()
        .map(|(f, t)| (f, t, item_key(t.get_ref()).0))
        .filter(|(_, _, k)| !k.is_empty())
        .collect();
    // An item one record removes and another (a later meeting) brings back, or the reverse,
    // is not checked: the table alone does not say which came last.
    let in_any_after: HashSet<&str> = records
        .iter()
        .flat_map(|r| r.after.iter().map(|e| e.key.as_str()))
        .collect();
    let in_any_before_only: HashSet<&str> = records
        .iter()
        .flat_map(|r| {
            r.before
                .iter()
                .filter(|e| !r.has_after(&e.key))
                .map(|e| e.key.as_str())
        })
        .collect();
    let mut items_by_key: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, (_, _, k)) in items.iter().enumerate() {
        items_by_key.entry(k.as_str()).or_default().push(i);
    }
    // The running texts an old name is looked for in, each in key form once.
    let mut words: Option<Vec<(TextRef, Keyed)>> = None;
    let mut seen: HashSet<(FileId, usize, usize)> = HashSet::default();
    for r in &records {
        let renames = r.renames();
        let file = r.change.file;
        // (1) removed or moved, still a heading or a name of the plan
        for e in &r.before {
            if r.has_after(&e.key)
                || in_any_after.contains(e.key.as_str())
                || renames.iter().any(|(b, _)| b.key == e.key)
            {
                continue;
            }
            let same = items_by_key.get(e.key.as_str()).into_iter().flatten();
            for (f, t, _) in same.map(|&i| &items[i]) {
                if seen.insert((*f, t.span().start, 1)) {
                    out.push(still_there(cx.vocabulary(), *f, t, file, e.text));
                }
            }
        }
        // (2) added or renamed-to, absent from the plan (lists of names only)
        if !r.outline {
            for e in &r.after {
                if r.has_before(&e.key)
                    || in_any_before_only.contains(e.key.as_str())
                    || items_by_key.contains_key(e.key.as_str())
                {
                    continue;
                }
                let old = renames.iter().find(|(_, a)| a.key == e.key).map(|(b, _)| b);
                out.push(missing(cx.vocabulary(), file, e.text, old.map(|b| b.text)));
            }
        }
        // (3) an old name still printed anywhere
        for (b, a) in &renames {
            if in_any_after.contains(b.key.as_str()) || b.key.chars().count() < 2 {
                continue;
            }
            let news: Vec<Needle> = r.after.iter().map(|e| Needle::new(&e.key)).collect();
            let old = Needle::new(&b.key);
            let words = words.get_or_insert_with(|| {
                let table = change_table_texts(plan);
                cx.texts()
                    .iter()
                    .filter(|t| is_words(t.field) && !table.contains(&(t.file, t.span.clone())))
                    .map(|t| {
                        let keyed = Keyed::new(t.text);
                        (t, keyed)
                    })
                    .collect()
            });
            for (t, keyed) in words.iter() {
                for inner in keyed.occurrences(&old, &news) {
                    let span = cx.narrow(t.file, &t.span, t.text, inner);
                    if seen.insert((t.file, span.start, 3)) {
                        out.push(old_name(
                            cx.vocabulary(),
                            t.file,
                            span,
                            file,
                            (b.text, a.text),
                        ));
                    }
                }
            }
        }
    }
}

fn is_words(field: crate::analysis::walk::Field) -> bool {
    use crate::analysis::walk::Field;
    matches!(field, Field::Text | Field::Mark | Field::RelatedPlan)
}

/// Where the change table's own texts stand.
fn change_table_texts(plan: &Plan) -> HashSet<(FileId, Range<usize>)> {
    plan.changes
        .iter()
        .flat_map(|c| {
            c.meeting
                .iter()
                .chain(once(&c.topic))
                .chain(&c.before)
                .chain(&c.after)
                .chain(&c.reason)
                .map(|t| (c.file, t.span()))
        })
        .collect()
}

/// A text in key form (NFKC, white space removed), with each key character's source bytes.
struct Keyed {
    key: String,
    /// Byte offset in `key` of each key character.
    starts: Vec<usize>,
    /// Source bytes of each key character.
    origin: Vec<Range<usize>>,
}

impl Keyed {
    fn new(text: &str) -> Keyed {
        let KeyChars { chars, origin } = KeyChars::new(text);
        let mut key = String::with_capacity(chars.len() * 3);
        let mut starts = Vec::with_capacity(chars.len());
        for c in chars {
            starts.push(key.len());
            key.push(c);
        }
        Keyed {
            key,
            starts,
            origin,
        }
    }

    /// Every occurrence of `k` in the key, overlapping ones included, as ranges of key
    /// characters.
    fn find(&self, k: &Needle) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if k.chars == 0 {
            return out;
        }
        let mut from = 0;
        // A byte match of valid UTF-8 in valid UTF-8 starts and ends on character boundaries.
        while let Some(at) = k.finder.find(&self.key.as_bytes()[from..]) {
            let byte = from + at;
            let s = self.starts.partition_point(|&b| b < byte);
            out.push(s..s + k.chars);
            from = byte + k.first_len;
        }
        out
    }

    /// Byte ranges of the text where `needle` (a key) occurs in key form, leaving out
    /// occurrences inside one of `covering` (the new names of the record: an old name may be
    /// part of its new one).
    fn occurrences(&self, needle: &Needle, covering: &[Needle]) -> Vec<Range<usize>> {
        let found = self.find(needle);
        if found.is_empty() {
            return found;
        }
        let covers: Vec<Range<usize>> = covering.iter().flat_map(|k| self.find(k)).collect();
        let mut out = Vec::new();
        let mut next = 0;
        for m in found {
            if m.start < next || covers.iter().any(|c| c.start <= m.start && m.end <= c.end) {
                continue;
            }
            next = m.end;
            out.push(self.origin[m.start].start..self.origin[m.end - 1].end);
        }
        out
    }
}

/// A key looked for in every running text: its searcher is built once, not once per text
/// (building `str::find`'s searcher for each text and name was an eighth of the shipped plan's
/// whole check).
struct Needle<'k> {
    finder: memmem::Finder<'k>,
    /// The key's length in characters.
    chars: usize,
    /// The byte length of its first character.
    first_len: usize,
}

impl<'k> Needle<'k> {
    fn new(key: &'k str) -> Needle<'k> {
        Needle {
            finder: memmem::Finder::new(key),
            chars: key.chars().count(),
            first_len: key.chars().next().map_or(0, char::len_utf8),
        }
    }
}

/// The change table's entry `t`, as a related place.
fn table_entry(file: FileId, t: &Text, side: Side) -> (crate::finding::Location, Msg) {
    let item = t.get_ref();
    let message = match side {
        Side::Before => msg!(
            "変更対照表の変更前「{item}」",
            "the change table's 変更前 (before): `{item}`"
        ),
        Side::After => msg!(
            "変更対照表の変更後「{item}」",
            "the change table's 変更後 (after): `{item}`"
        ),
    };
    (Finding::at(file, t.span()), message)
}

#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

fn still_there(
    v: &crate::plan::vocabulary::Vocabulary,
    f: FileId,
    t: &Text,
    table: FileId,
    entry: &Text,
) -> Finding {
    let printed = t.get_ref();
    let (at, related) = table_entry(table, entry, Side::Before);
    RULE.finding(
        f,
        t.span(),
        msg!(
            "「{printed}」は変更対照表で削除・移動した項目ですが、計画にまだあります",
            "`{printed}` is still in the plan, but the change table removes or moves it"
        ),
    )
    .label(msg!(
        "変更対照表では変更前にだけある項目です",
        "only under 変更前 (before) in the change table"
    ))
    .help(msg!(
        "この項目を削除するか移動してください。計画が正しい場合は、変更対照表を直してください。",
        "remove or move this item; if the plan is right, correct the change table"
    ))
    .with_subject(super::subject_of(v, printed))
    .related(at, related)
}

fn missing(
    v: &crate::plan::vocabulary::Vocabulary,
    table: FileId,
    entry: &Text,
    old: Option<&Text>,
) -> Finding {
    let item = entry.get_ref();
    let message = match old {
        Some(o) => {
            let o = o.get_ref();
            msg!(
                "変更対照表で「{o}」から改めた「{item}」が、計画のどの見出し・名前にもありません",
                "the change table renames `{o}` to `{item}`, but no heading or name of the plan is `{item}`"
            )
        }
        None => msg!(
            "変更対照表の変更後にある「{item}」が、計画のどの見出し・名前にもありません",
            "`{item}` is under 変更後 (after) in the change table, but no heading or name of the plan is `{item}`"
        ),
    };
    let f = RULE
        .finding(table, entry.span(), message)
        .label(msg!("計画にない名前です", "not in the plan"))
        .help(msg!(
            "計画の名前（重点プロジェクトの名前など）を変更対照表のとおりに直すか、変更対照表を直してください。",
            "name the item in the plan as the change table does (a project's name, for instance), or correct the change table"
        ))
        .with_subject(super::subject_of(v, item));
    match old {
        Some(o) => f.related(
            Finding::at(table, o.span()),
            msg!("改称前の名前", "the old name"),
        ),
        None => f,
    }
}

fn old_name(
    v: &crate::plan::vocabulary::Vocabulary,
    f: FileId,
    span: Range<usize>,
    table: FileId,
    (old, new): (&Text, &Text),
) -> Finding {
    let (o, n) = (old.get_ref(), new.get_ref());
    let (at, related) = table_entry(table, new, Side::After);
    RULE.finding(
        f,
        span,
        msg!(
            "変更対照表で「{n}」に改めた旧名「{o}」が、計画にまだあります",
            "the old name `{o}` is still in the plan (renamed `{n}` in the change table)"
        ),
    )
    .label(msg!("旧名です", "old name"))
    .help(msg!("「{n}」に直してください。", "change it to `{n}`"))
    .with_subject(super::subject_of(v, o))
    .related(at, related)
}

super::fixture_test!(
    ["安全安心プロジェクト", "防犯プロジェクト", "計画の期間"],
    "a removed heading still there, an old name in running text, a new name missing",
    |f| {
        testing::assert_says(
            &f,
            &[
                "renames `防犯プロジェクト` to",
                "old name",
                "removes or moves",
            ],
        );
    }
);

#[cfg(test)]
mod tests {
    use super::{Keyed, Needle, RULE, item_key, may_start_with_number};
    use crate::rules::{Fixture, testing};

    // the outline's new heading 「1.計画とは」 is not looked for: outlines are not all transcribed

    fn subjects_of(
        append: &'static str,
        replace: &'static [(&'static str, &'static str)],
    ) -> Vec<String> {
        let (_, f) = testing::findings_of(&RULE, &Fixture { replace, append });
        testing::subjects(&f)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The English messages of this rule on the base plan with these edits.
    fn messages_of(
        append: &'static str,
        replace: &'static [(&'static str, &'static str)],
    ) -> Vec<String> {
        let (_, f) = testing::findings_of(&RULE, &Fixture { replace, append });
        f.into_iter().map(|f| f.message.en).collect()
    }

    #[test]
    fn a_reordered_list_with_one_name_gone_and_one_new_is_no_rename() {
        // 防犯 leaves, 安全安心 comes, 子育て応援 moves up: no pair at one position is a
        // rename, so 安全安心 is reported as missing, without an old name, and 防犯 (still
        // project 2's name) as still there.
        assert_eq!(
            messages_of(
                "\n[[project]]\nnumber = 2\nname = \"防犯プロジェクト\"\n\n#@file changes.toml\n[[change]]\ntopic = \"重点プロジェクト\"\nbefore = [\"防犯プロジェクト\", \"子育て応援プロジェクト\"]\nafter = [\"子育て応援プロジェクト\", \"安全安心プロジェクト\"]\n",
                &[],
            ),
            [
                "`安全安心プロジェクト` is under 変更後 (after) in the change table, but no heading or name of the plan is `安全安心プロジェクト`",
                "`防犯プロジェクト` is still in the plan, but the change table removes or moves it",
            ]
        );
    }

    #[test]
    fn a_rename_elsewhere_in_the_list_does_not_hide_a_removal() {
        // 防犯 → 安全安心 is a rename; 環境 leaves the list but is still project 3's name.
        assert_eq!(
            messages_of(
                "\n[[project]]\nnumber = 2\nname = \"安全安心プロジェクト\"\n\n[[project]]\nnumber = 3\nname = \"環境プロジェクト\"\n\n[[project]]\nnumber = 4\nname = \"観光プロジェクト\"\n\n#@file changes.toml\n[[change]]\ntopic = \"重点プロジェクト\"\nbefore = [\"防犯プロジェクト\", \"環境プロジェクト\", \"子育て応援プロジェクト\"]\nafter = [\"安全安心プロジェクト\", \"子育て応援プロジェクト\", \"観光プロジェクト\"]\n",
                &[],
            ),
            ["`環境プロジェクト` is still in the plan, but the change table removes or moves it"]
        );
    }

    #[test]
    fn an_old_name_a_later_record_brings_back_may_stay_in_the_text() {
        assert_eq!(
            messages_of(
                "\n[[project]]\nnumber = 2\nname = \"安全安心プロジェクト\"\n\n#@file changes.toml\n[[change]]\ntopic = \"重点プロジェクト\"\nbefore = [\"防犯プロジェクト\"]\nafter = [\"安全安心プロジェクト\"]\n\n[[change]]\ntopic = \"重点プロジェクト\"\nbefore = []\nafter = [\"防犯プロジェクト\"]\n",
                &[(
                    "aim = \"安心して子どもを育てられるまちを実現します。\"",
                    "aim = \"防犯プロジェクトと連携し、安心して子どもを育てられるまちを実現します。\"",
                )],
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_two_character_old_name_is_looked_for() {
        assert_eq!(
            messages_of(
                "\n#@file changes.toml\n[[change]]\ntopic = \"用語\"\nbefore = [\"治安\"]\nafter = [\"防犯\"]\n",
                &[(
                    "aim = \"安心して子どもを育てられるまちを実現します。\"",
                    "aim = \"治安の良い、安心して子どもを育てられるまちを実現します。\"",
                )],
            ),
            [
                "the change table renames `治安` to `防犯`, but no heading or name of the plan is `防犯`",
                "the old name `治安` is still in the plan (renamed `防犯` in the change table)",
            ]
        );
    }

    #[test]
    fn empty_brackets_are_no_list_number() {
        // 「（）」 holds no number: 「（）計画の期間」 is not the heading 「計画の期間」.
        assert_eq!(
            messages_of(
                "\n#@file changes.toml\n[[change]]\ntopic = \"構成\"\nbefore = [\"（）計画の期間\"]\nafter = []\n",
                &[],
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            item_key("（）計画の期間"),
            ("()計画の期間".to_string(), false)
        );
    }

    #[test]
    fn an_old_name_is_looked_for_in_words_not_in_value_cells() {
        // The target year moved from 令和１０年度 to 令和１１年度; a year label still printing
        // the old year is a value (nonstandard-year's to report), not an old name in words.
        assert_eq!(
            messages_of(
                "\n#@file changes.toml\n[[change]]\ntopic = \"目標年度\"\nbefore = [\"令和１０年度\"]\nafter = [\"令和１１年度\"]\n",
                &[(
                    "target_label = \"（令和１１年度）\"\n\n[[project.indicators.row]]",
                    "target_label = \"（令和１０年度）\"\n\n[[project.indicators.row]]",
                )],
            ),
            [
                "the change table renames `令和１０年度` to `令和１１年度`, but no heading or name of the plan is `令和１１年度`"
            ]
        );
    }

    #[test]
    fn lists_of_different_lengths_are_not_read_as_renames() {
        // 防犯プロジェクト leaves the list, but only running text still names it: not a
        // heading or a name, and no rename to check for; the two new names are missing.
        let found = subjects_of(
            "\n#@file changes.toml\n[[change]]\ntopic = \"重点プロジェクト\"\nbefore = [\"子育て応援プロジェクト\", \"防犯プロジェクト\"]\nafter = [\"子育て応援プロジェクト\", \"安全プロジェクト\", \"環境プロジェクト\"]\n",
            &[(
                "aim = \"安心して子どもを育てられるまちを実現します。\"",
                "aim = \"防犯プロジェクトと連携します。\"",
            )],
        );
        assert_eq!(found, ["安全プロジェクト", "環境プロジェクト"]);
    }

    #[test]
    fn an_item_another_record_brings_back_is_not_reported() {
        let moved = "\n#@file changes.toml\n[[change]]\ntopic = \"構成\"\nbefore = [\"1.計画の期間\"]\nafter = []\n";
        assert_eq!(subjects_of(moved, &[]), ["計画の期間"]);
        let back = "\n#@file changes.toml\n[[change]]\ntopic = \"構成\"\nbefore = [\"1.計画の期間\"]\nafter = []\n\n[[change]]\ntopic = \"構成\"\nbefore = []\nafter = [\"（３） 計画の期間\"]\n";
        assert!(subjects_of(back, &[]).is_empty());
    }

    #[test]
    fn list_markers_are_not_part_of_an_item() {
        for (item, key) in [
            ("①SDGs の推進", "SDGsの推進"),
            ("（４） ＳＤＧｓの推進", "SDGsの推進"),
            ("1.重点プロジェクトとは", "重点プロジェクトとは"),
            ("３ 重点施策との対応", "重点施策との対応"),
            (
                "１ 少子高齢化対策プロジェクト",
                "少子高齢化対策プロジェクト",
            ),
            ("・ＤＸ推進プロジェクト", "DX推進プロジェクト"),
        ] {
            assert_eq!(item_key(item).0, key, "{item}");
        }
        for (item, key) in [
            // a number that is part of the name stays
            ("１市民１スポーツの推進", "1市民1スポーツの推進"),
            ("５Ｇ活用プロジェクト", "5G活用プロジェクト"),
            ("2050年の姿", "2050年の姿"),
            // nothing but a marker
            ("①", "1"),
        ] {
            assert_eq!(item_key(item), (key.to_string(), false), "{item}");
        }
        assert!(item_key("DX 推進プロジェクト").0 == item_key("ＤＸ推進プロジェクト").0);
    }

    #[test]
    fn only_text_whose_first_character_may_be_a_number_is_normalised_whole() {
        use unicode_normalization::UnicodeNormalization;
        // the oracle: the unicode-normalization crate's NFKC of the whole text, trimmed
        let numbered = |t: &str| {
            let n: String = t.nfkc().collect();
            n.trim_start()
                .starts_with(|d: char| d.is_ascii_digit() || d == '(')
        };
        let mut n = 0;
        // the basic and supplementary multilingual planes (every character with a compatibility
        // digit or parenthesis, the mathematical digits included), without the ranges of
        // ideographs, Hangul syllables and private use, which NFKC leaves as they are
        let planes = (0..0x20000).filter(|u| {
            !(0x4E00..=0x9FFF).contains(u)
                && !(0xAC00..=0xD7A3).contains(u)
                && !(0xE000..=0xF8FF).contains(u)
        });
        for c in planes.filter_map(char::from_u32) {
            for t in [format!("{c}"), format!("{c}2. 名"), format!("{c}\u{301}")] {
                let t = t.trim_start();
                if numbered(t) {
                    n += 1;
                    assert!(may_start_with_number(t), "{t:?}");
                }
            }
        }
        assert!(n > 3 * 10, "{n}");
        assert!(!may_start_with_number("重点プロジェクト"));
        assert!(may_start_with_number("（４） ＳＤＧｓの推進"));
        assert!(may_start_with_number("⑴ 見出し"));
    }

    #[test]
    fn old_names_are_found_in_any_width_but_not_inside_the_new_name() {
        let t = "安全プロジェクトと、暮らしの安全プロジェクトと、安全 プロジェクト";
        let found: Vec<&str> = Keyed::new(t)
            .occurrences(
                &Needle::new("安全プロジェクト"),
                &[Needle::new("暮らしの安全プロジェクト")],
            )
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(found, ["安全プロジェクト", "安全 プロジェクト"]);
        let t = "ＤＸ推進プロジェクトです";
        let r = Keyed::new(t).occurrences(&Needle::new("DX推進プロジェクト"), &[]);
        assert_eq!(
            r.iter().map(|r| &t[r.clone()]).collect::<Vec<_>>(),
            ["ＤＸ推進プロジェクト"]
        );
    }
}
