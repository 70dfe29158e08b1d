//! The rule catalogue. Each rule lives in its own file and is listed once in [`REGISTRY`].

use crate::analysis::index::Index;
use crate::finding::{Finding, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::config::Config;
use crate::plan::load::{LoadFailure, Loaded};
use crate::plan::model::Plan;
use crate::plan::source::FileId;
use std::ops::Range;

/// Documentation of a rule, in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Docs {
    pub what: (&'static str, &'static str),
    pub why: (&'static str, &'static str),
    /// A TOML excerpt that the rule reports, with comments in each language.
    pub example: (&'static str, &'static str),
    pub fix: (&'static str, &'static str),
}

/// Everything a rule needs: the model, its index and the configuration.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub index: &'a Index<'a>,
    pub config: &'a Config,
    texts: std::cell::OnceCell<crate::analysis::walk::Texts<'a>>,
    placeholders: std::cell::OnceCell<Vec<crate::analysis::placeholders::Placeholder>>,
}

impl<'a> Context<'a> {
    pub fn new(plan: &'a Plan, index: &'a Index<'a>, config: &'a Config) -> Context<'a> {
        Context {
            plan,
            index,
            config,
            texts: std::cell::OnceCell::new(),
            placeholders: std::cell::OnceCell::new(),
        }
    }

    /// Every printed text of the plan, walked once for all rules that need it.
    pub fn texts(&self) -> &crate::analysis::walk::Texts<'a> {
        self.texts
            .get_or_init(|| crate::analysis::walk::texts(self.plan))
    }

    /// A fix writing `value` as the string at `span` of `file` (see
    /// [`crate::finding::Fix::string_value`]).
    pub fn string_fix(
        &self,
        file: FileId,
        span: Range<usize>,
        value: &str,
    ) -> Option<crate::finding::Fix> {
        let source = &self.plan.files.get(file)?.text;
        crate::finding::Fix::string_value(file, source, span, value)
    }

    /// `inner`, a byte range of `text` printed at `span` of `file`, as a span of the file:
    /// narrowed to those bytes when the source holds the text verbatim between quotes, else
    /// all of `span` (see [`crate::plan::source::SourceFile::narrow`]).
    pub fn narrow(
        &self,
        file: FileId,
        span: &Range<usize>,
        text: &str,
        inner: Range<usize>,
    ) -> Range<usize> {
        self.plan
            .files
            .get(file)
            .map_or(span.clone(), |f| f.narrow(span, text, inner))
    }

    /// The plan's document vocabulary (`[vocabulary]` of the configuration).
    pub fn vocabulary(&self) -> &'a crate::plan::vocabulary::Vocabulary {
        &self.plan.vocabulary
    }

    /// Where an indicator is printed, as the messages name it: one wording for every rule
    /// (「重点プロジェクト1の対応表の「1-1 方針１」の行」, 「数値目標のえがお咲く指標」, …).
    pub fn indicator_place(&self, site: &crate::analysis::index::IndicatorSite) -> Msg {
        use crate::analysis::index::Place;
        match site.place {
            Place::Table(c) => {
                let (n, id) = (c.project.number.get_ref(), c.row.direction.get_ref());
                msg!(
                    "重点プロジェクト{n}の対応表の「{id}」の行",
                    "row `{id}` of project {n}'s direction table"
                )
            }
            Place::ProjectIndicators(p) => {
                let n = p.number.get_ref();
                msg!(
                    "重点プロジェクト{n}のプロジェクト指標",
                    "project {n}'s project indicators"
                )
            }
            Place::Headline => {
                let headline = self.vocabulary().sections.headline.get_ref();
                msg!("数値目標の{headline}", "the summary's headline indicators")
            }
            Place::SummaryProject(g) => {
                let p = g.project.get_ref();
                msg!("数値目標の「{p}」の欄", "the summary's 「{p}」 group")
            }
        }
    }

    /// The placeholder scan, computed once for all rules that need it.
    pub fn placeholders(&self) -> &[crate::analysis::placeholders::Placeholder] {
        self.placeholders
            .get_or_init(|| crate::analysis::placeholders::scan_texts(self.plan, self.texts()))
    }
}

/// A rule of the catalogue. Load rules (`check` is `None`) are reported by the loader.
#[derive(Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: (&'static str, &'static str),
    pub docs: Docs,
    pub check: Option<fn(&Context, &mut Vec<Finding>)>,
    /// A plan that this rule reports (at least once); `None` only for a load rule whose
    /// failure an in-memory plan cannot produce (an unreadable folder, no TOML file, bytes
    /// that are not UTF-8), which tests/bad_input.rs produces on disk.
    pub fail: Option<Fixture>,
    /// A plan close to `fail` that this rule does not report.
    pub pass: Fixture,
}

impl Rule {
    /// A finding of this rule at its default severity.
    pub fn finding(&self, file: FileId, span: Range<usize>, message: Msg) -> Finding {
        Finding::new(
            self.code,
            self.name,
            self.severity,
            Finding::at(file, span),
            message,
        )
    }
}

/// The contract's `subject` for an item printed as `printed`: a direction's normalised id,
/// else the normalised text; none when nothing is printed.
pub fn subject_of(
    vocabulary: &crate::plan::vocabulary::Vocabulary,
    printed: &str,
) -> Option<String> {
    if printed.trim().is_empty() {
        return None;
    }
    Some(
        match crate::plan::normalize::DirectionRef::parse(vocabulary, printed) {
            Some(r) => r.id(vocabulary),
            None => crate::plan::normalize::text(printed),
        },
    )
}

/// The related place of a row whose title differs from the declared one: `title`, which
/// `declared`'s measure declares for direction `id`.
pub(crate) fn declared_title(
    v: &crate::plan::vocabulary::Vocabulary,
    declared: &crate::analysis::index::Declared,
    title: &crate::plan::model::Text,
    id: &str,
) -> (crate::finding::Location, Msg) {
    let (measure_term, m, decl) = (
        v.sections.measure.get_ref(),
        declared.measure.id.get_ref(),
        title.get_ref(),
    );
    (
        Finding::at(declared.measure.file, title.span()),
        msg!(
            "{measure_term} {m} が宣言する「{id}」の名称: 「{decl}」",
            "title declared for `{id}` under measure {m}: 「{decl}」"
        ),
    )
}

/// How often each form of a word is written, for messages: 「A」3 か所、「B」1 か所 /
/// 「A」 3×, 「B」 1×.
pub(crate) fn form_counts<'f>(forms: impl IntoIterator<Item = (&'f str, usize)>) -> Msg {
    let (ja, en): (Vec<String>, Vec<String>) = forms
        .into_iter()
        .map(|(form, n)| (format!("「{form}」{n} か所"), format!("「{form}」 {n}×")))
        .unzip();
    Msg::new(ja.join("、"), en.join(", "))
}

/// Reports every placeholder of `kind` as a finding of `rule`, described by `describe`.
pub(crate) fn placeholder_findings(
    cx: &Context,
    out: &mut Vec<Finding>,
    rule: &Rule,
    kind: crate::analysis::placeholders::Kind,
    describe: impl Fn(&crate::analysis::placeholders::Placeholder) -> (Msg, Msg),
) {
    for p in crate::analysis::placeholders::of_kind(cx.placeholders(), kind) {
        let (message, label) = describe(p);
        out.push(
            rule.finding(p.file, p.span.clone(), message)
                .label(label)
                .with_subject(subject_of(cx.vocabulary(), &p.subject)),
        );
    }
}

/// A fixture plan: [`BASE`] with textual replacements, then `append` added at the end.
/// A line `#@file NAME` in `append` starts another file of the fixture's plan folder.
#[derive(Debug, Clone, Copy)]
pub struct Fixture {
    pub replace: &'static [(&'static str, &'static str)],
    pub append: &'static str,
}

impl Fixture {
    /// The base plan unchanged.
    pub const BASE: Fixture = Fixture {
        replace: &[],
        append: "",
    };

    /// [`BASE`] with these textual replacements.
    pub const fn replacing(replace: &'static [(&'static str, &'static str)]) -> Fixture {
        Fixture {
            replace,
            append: "",
        }
    }

    /// [`BASE`] with `append` added at the end.
    pub const fn appending(append: &'static str) -> Fixture {
        Fixture {
            replace: &[],
            append,
        }
    }

    /// This fixture with `append` added at the end (in place of any earlier `append`).
    pub const fn then_append(self, append: &'static str) -> Fixture {
        Fixture { append, ..self }
    }

    /// The fixture's TOML text. Panics unless each replaced string occurs exactly once in the
    /// text it replaces in (a stale fixture, or one that depends on occurrence order).
    pub fn text(&self) -> String {
        let mut s = BASE.to_string();
        for (from, to) in self.replace {
            let n = s.matches(from).count();
            assert!(
                n == 1,
                "fixture replacement must match exactly once, found {n} times: {from}"
            );
            s = s.replacen(from, to, 1);
        }
        s.push_str(self.append);
        s
    }
}

/// The base fixture plan: small, consistent, no findings.
pub const BASE: &str = include_str!("base.toml");

/// Declares the `fixtures` test of the rule file's `RULE` (invoked at the top of the rule
/// file, after its code): the pass fixture is not reported, and the fail fixture is reported
/// N times (`fixture_test!(N, why)`) or with exactly these subjects in order
/// (`fixture_test!(["subject", …], why)`); `why` names the findings expected. An optional
/// third argument `|f| { … }` then checks the findings further, with `testing` in scope.
///
/// ```ignore
/// super::fixture_test!(2, "a row and a heading", |f| {
///     testing::assert_contains(&f[0].message.en, "row");
/// });
/// super::fixture_test!(["1-1", "2-1"], "the two bad rows");
/// ```
macro_rules! fixture_test {
    ([$($subject:expr),* $(,)?], $why:expr $(, |$f:ident| $body:block)? $(,)?) => {
        #[cfg(test)]
        #[test]
        fn fixtures() {
            #[allow(unused_imports)]
            use $crate::rules::testing;
            let _findings = $crate::rules::testing::assert_subjects(&RULE, &[$($subject),*], $why);
            $(let $f = _findings; $body)?
        }
    };
    ($n:expr, $why:expr $(, |$f:ident| $body:block)? $(,)?) => {
        #[cfg(test)]
        #[test]
        fn fixtures() {
            #[allow(unused_imports)]
            use $crate::rules::testing;
            let _findings = $crate::rules::testing::assert_fail_count(&RULE, $n, $why);
            $(let $f = _findings; $body)?
        }
    };
}
pub(crate) use fixture_test;

/// Fixture text: a second project, 安全安心プロジェクト, with nothing in it yet.
macro_rules! project_two {
    () => {
        "\n[[project]]\nnumber = 2\nname = \"安全安心プロジェクト\"\n"
    };
}

/// Fixture text, for `concat!`: project 2 with one direction titled `$title` and that
/// direction's table, without rows.
macro_rules! project_two_table {
    ($title:literal) => {
        concat!(
            project_two!(),
            "\n[[project.direction]]\ntitle = \"",
            $title,
            "\"\n\n[project.direction.table]\nheading = \"",
            $title,
            "\"\n"
        )
    };
}

pub mod change_table_mismatch;
pub mod direction_title_mismatch;
pub mod draft_plan;
pub mod duplicate_record;
pub mod era_year_mismatch;
pub mod figure_placeholder;
pub mod id_notation;
pub mod indicator_drift;
pub mod indicator_measure_mismatch;
pub mod indicator_near_name;
pub mod likely_typo;
pub mod load_errors;
pub mod matrix_cell_mismatch;
pub mod matrix_incomplete;
pub mod matrix_totals;
#[cfg(test)]
mod meta_tests;
pub mod missing_baseline_or_target;
pub mod missing_value;
pub mod name_drift;
pub mod nonstandard_year;
pub mod notation_mix;
pub mod notation_variant;
pub mod page_ref_missing;
pub mod project_direction_drift;
pub mod prose_count_mismatch;
pub mod related_plan_variant;
pub mod summary_indicator_mismatch;
pub mod target_already_met;
pub mod target_ratio_extreme;
pub mod target_wrong_way;
pub mod tbd;
#[cfg(test)]
pub mod testing;
pub mod title_variant;
pub mod to_be_settled_note;
pub mod undefined_footnote;
pub mod unit_mismatch;
pub mod unknown_direction;
pub mod unknown_indicator;
pub mod unknown_measure;
pub mod unknown_project;
pub mod unread_file;
pub mod unused_suppression;
pub mod width_variant;

/// All rules, in code order.
pub static REGISTRY: &[Rule] = &[
    load_errors::IO,
    load_errors::EMPTY,
    load_errors::ENCODING,
    load_errors::SYNTAX,
    load_errors::UNKNOWN_KEY,
    load_errors::INVALID,
    load_errors::DUPLICATE_ID,
    load_errors::DUPLICATE_SECTION,
    load_errors::NO_DATA,
    load_errors::LOOK_ALIKE_DASH,
    duplicate_record::RULE,
    unread_file::RULE,
    unknown_measure::RULE,
    unknown_direction::RULE,
    unknown_project::RULE,
    unknown_indicator::RULE,
    matrix_cell_mismatch::RULE,
    matrix_incomplete::RULE,
    matrix_totals::RULE,
    direction_title_mismatch::RULE,
    title_variant::RULE,
    indicator_drift::RULE,
    summary_indicator_mismatch::RULE,
    project_direction_drift::RULE,
    related_plan_variant::RULE,
    name_drift::RULE,
    change_table_mismatch::RULE,
    prose_count_mismatch::RULE,
    indicator_near_name::RULE,
    indicator_measure_mismatch::RULE,
    target_wrong_way::RULE,
    unit_mismatch::RULE,
    missing_baseline_or_target::RULE,
    nonstandard_year::RULE,
    era_year_mismatch::RULE,
    target_already_met::RULE,
    target_ratio_extreme::RULE,
    tbd::RULE,
    page_ref_missing::RULE,
    missing_value::RULE,
    draft_plan::RULE,
    figure_placeholder::RULE,
    to_be_settled_note::RULE,
    undefined_footnote::RULE,
    id_notation::RULE,
    notation_variant::RULE,
    width_variant::RULE,
    notation_mix::RULE,
    likely_typo::RULE,
    unused_suppression::RULE,
];

/// Looks a rule up by code or name, ignoring ASCII case: the one lookup used by
/// `plancheck.toml`, `allow`, `explain` and the command line.
pub fn find(key: &str) -> Option<&'static Rule> {
    let key = key.trim();
    REGISTRY
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// The rule with this code (the code of a finding).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    REGISTRY.iter().find(|r| r.code == code)
}

/// The code or name nearest to an unknown `key`, if it is likely a typo.
pub fn did_you_mean(key: &str) -> Option<&'static str> {
    let keys: Vec<&'static str> = REGISTRY.iter().flat_map(|r| [r.code, r.name]).collect();
    crate::plan::load::did_you_mean(key, &keys)
}

/// Loads a plan folder ([`crate::plan::load::load`]) and checks the rule names it uses.
pub fn load(dir: &std::path::Path, root_display: &str) -> Result<Loaded, LoadFailure> {
    check_rule_names(crate::plan::load::load(dir, root_display))
}

/// Loads a plan from memory ([`crate::plan::load::load_from_memory`]) and checks the rule
/// names it uses.
pub fn load_from_memory(root_display: &str, files: &[(&str, &str)]) -> Result<Loaded, LoadFailure> {
    check_rule_names(crate::plan::load::load_from_memory(root_display, files))
}

/// Turns a loaded plan whose `plancheck.toml` or `allow` entries name an unknown rule into a
/// load failure (PC005). The plan layer does not know the rules, so this runs after loading.
pub fn check_rule_names(loaded: Result<Loaded, LoadFailure>) -> Result<Loaded, LoadFailure> {
    let loaded = loaded?;
    let errors = unknown_rule_names(&loaded.plan, &loaded.config);
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(LoadFailure {
            files: loaded.plan.files,
            errors,
        })
    }
}

/// PC005 findings for each rule name of the configuration and of `allow` entries that is
/// neither a code nor a name of the registry.
pub fn unknown_rule_names(plan: &Plan, config: &Config) -> Vec<Finding> {
    let mut errors = unknown_configured_rules(config);
    errors.extend(unknown_allowed_rules(plan));
    errors
}

/// PC005 findings for the `[rules]` keys of the configuration that name no rule.
pub fn unknown_configured_rules(config: &Config) -> Vec<Finding> {
    let Some(file) = config.file else {
        return Vec::new();
    };
    config
        .rules
        .iter()
        .filter_map(|(key, value)| {
            let message = msg!(
                "[rules] に未知の規則「{key}」があります",
                "unknown rule `{key}` in [rules]"
            );
            unknown_rule(key, file, value.span(), message).map(|f| {
                f.help(msg!(
                    "規則の一覧は `plancheck rules` で見られます。",
                    "`plancheck rules` lists the rules"
                ))
            })
        })
        .collect()
}

/// PC005 findings for the `allow` entries that name no rule.
pub fn unknown_allowed_rules(plan: &Plan) -> Vec<Finding> {
    plan.suppressions
        .iter()
        .filter_map(|s| {
            let rule = &s.rule;
            let message = msg!(
                "allow の規則「{rule}」は存在しません",
                "allow names an unknown rule `{rule}`"
            );
            unknown_rule(rule, s.file, s.rule_span.clone(), message)
        })
        .collect()
}

/// PC005 at `span` of `file` when `key` names no rule (`None` when it does), labelled with the
/// nearest code or name when it is likely a typo.
fn unknown_rule(key: &str, file: FileId, span: Range<usize>, message: Msg) -> Option<Finding> {
    if find(key).is_some() {
        return None;
    }
    let f = load_errors::UNKNOWN_KEY.finding(file, span, message);
    Some(match did_you_mean(key) {
        Some(n) => f.label(msg!("`{n}` のことですか？", "did you mean `{n}`?")),
        None => f,
    })
}

/// Runs every rule that `enabled` accepts; findings at the rules' default severities, in
/// registry order, unsorted. [`crate::outcome`] applies suppressions and severities.
pub fn run(plan: &Plan, config: &Config, enabled: &dyn Fn(&Rule) -> bool) -> Vec<Finding> {
    let index = Index::new(plan);
    let cx = Context::new(plan, &index, config);
    let mut out = Vec::new();
    for rule in REGISTRY.iter().filter(|r| enabled(r)) {
        if let Some(check) = rule.check {
            let mut found = Vec::new();
            check(&cx, &mut found);
            out.extend(found);
        }
    }
    out
}
