//! Loading a plan folder: files → typed [`Plan`], or every load error found.

use crate::finding::{Finding, Location, Severity};
use crate::msg;
use crate::plan::config::Config;
use crate::plan::model::*;
use crate::plan::normalize;
use crate::plan::source::{FileId, SourceFile};
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The configuration file's name inside the plan folder.
pub const CONFIG_FILE: &str = "plancheck.toml";
/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Load-error codes (documented in the rule registry).
pub mod codes {
    pub const IO: (&str, &str) = ("PC001", "unreadable-plan");
    pub const EMPTY: (&str, &str) = ("PC002", "empty-plan-folder");
    pub const ENCODING: (&str, &str) = ("PC003", "not-utf8");
    pub const SYNTAX: (&str, &str) = ("PC004", "toml-syntax");
    pub const UNKNOWN_KEY: (&str, &str) = ("PC005", "unknown-key");
    pub const INVALID: (&str, &str) = ("PC006", "invalid-value");
    pub const DUPLICATE_ID: (&str, &str) = ("PC007", "duplicate-id");
    pub const DUPLICATE_SECTION: (&str, &str) = ("PC008", "duplicate-section");
}

/// A plan that loaded, with its configuration.
#[derive(Debug)]
pub struct Loaded {
    pub plan: Plan,
    pub config: Config,
}

/// A plan that did not load: every error found, and the files read so far (for spans).
#[derive(Debug)]
pub struct LoadFailure {
    pub files: Vec<SourceFile>,
    pub errors: Vec<Finding>,
}

fn error(
    code: (&'static str, &'static str),
    location: Location,
    message: crate::i18n::Msg,
) -> Finding {
    Finding::new(code.0, code.1, Severity::Error, location, message)
}

/// The display path of a file: the folder as given joined with its relative path.
pub fn display_path(root: &str, rel: &str) -> String {
    let root = root.trim_end_matches(['/', '\\']);
    if root.is_empty() {
        rel.to_string()
    } else {
        format!("{}/{}", root.replace('\\', "/"), rel)
    }
}

/// Collects `*.toml` files below `dir`, sorted by relative path. Hidden entries and symbolic
/// links to directories are not followed; a linked file must stay inside the folder.
fn collect_files(
    dir: &Path,
    root_display: &str,
    errors: &mut Vec<Finding>,
) -> Vec<(String, PathBuf)> {
    let canonical_root = dir.canonicalize().ok();
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((path, rel)) = stack.pop() {
        let entries = match std::fs::read_dir(&path) {
            Ok(e) => e,
            Err(e) => {
                let shown = if rel.is_empty() {
                    root_display.to_string()
                } else {
                    display_path(root_display, &rel)
                };
                errors.push(error(
                    codes::IO,
                    Location::Path(shown.clone()),
                    msg!(
                        "フォルダを読めません: {shown}（{e}）",
                        "cannot read folder {shown} ({e})"
                    ),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let child_rel = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if meta.file_type().is_symlink() {
                let target = entry.path().canonicalize();
                let inside = match (&target, &canonical_root) {
                    (Ok(t), Some(r)) => t.starts_with(r),
                    _ => false,
                };
                let is_file = target.as_ref().map(|t| t.is_file()).unwrap_or(false);
                if is_file && inside && name.ends_with(".toml") {
                    out.push((child_rel, entry.path()));
                } else if name.ends_with(".toml") && !inside {
                    let shown = display_path(root_display, &child_rel);
                    errors.push(error(
                        codes::IO,
                        Location::Path(shown.clone()),
                        msg!(
                            "リンク先が計画フォルダの外にあるか、存在しないため読みません: {shown}",
                            "not following a link that leads outside the plan folder or nowhere: {shown}"
                        ),
                    ));
                }
                continue;
            }
            if meta.is_dir() {
                stack.push((entry.path(), child_rel));
            } else if meta.is_file() && name.ends_with(".toml") {
                out.push((child_rel, entry.path()));
            }
        }
    }
    out.sort();
    out
}

/// Loads the plan folder `dir`, shown to users as `root_display`.
pub fn load(dir: &Path, root_display: &str) -> Result<Loaded, LoadFailure> {
    let mut errors = Vec::new();
    let mut plan = Plan {
        root: root_display.to_string(),
        ..Plan::default()
    };
    if !dir.is_dir() {
        let message = if dir.exists() {
            msg!(
                "計画フォルダではありません: {root_display}",
                "not a folder: {root_display}"
            )
        } else {
            msg!(
                "計画フォルダがありません: {root_display}",
                "plan folder not found: {root_display}"
            )
        };
        errors.push(error(
            codes::IO,
            Location::Path(root_display.to_string()),
            message,
        ));
        return Err(LoadFailure {
            files: vec![],
            errors,
        });
    }
    let files = collect_files(dir, root_display, &mut errors);
    if files.iter().all(|(rel, _)| rel == CONFIG_FILE) && errors.is_empty() {
        errors.push(error(
            codes::EMPTY,
            Location::Path(root_display.to_string()),
            msg!(
                "計画フォルダに計画の TOML ファイルがありません: {root_display}",
                "the plan folder has no plan TOML files: {root_display}"
            ),
        ));
    }
    let mut texts = Vec::new();
    for (rel, path) in files {
        let shown = display_path(root_display, &rel);
        let Some(text) = read_text(&path, &shown, &mut plan.files, &rel, &mut errors) else {
            continue;
        };
        texts.push((rel, text));
    }
    finish(plan, texts, errors)
}

/// Loads a plan from in-memory files `(relative path, text)`; used by tests and fuzzing.
/// The files are taken in sorted order, as from a folder.
pub fn load_from_memory(root_display: &str, files: &[(&str, &str)]) -> Result<Loaded, LoadFailure> {
    let plan = Plan {
        root: root_display.to_string(),
        ..Plan::default()
    };
    let mut texts: Vec<(String, String)> = files
        .iter()
        .map(|(r, t)| {
            (
                r.to_string(),
                t.strip_prefix('\u{FEFF}').unwrap_or(t).to_string(),
            )
        })
        .collect();
    texts.sort();
    let mut errors = Vec::new();
    if texts.iter().all(|(rel, _)| rel == CONFIG_FILE) {
        errors.push(error(
            codes::EMPTY,
            Location::Path(root_display.to_string()),
            msg!(
                "計画フォルダに計画の TOML ファイルがありません: {root_display}",
                "the plan folder has no plan TOML files: {root_display}"
            ),
        ));
    }
    finish(plan, texts, errors)
}

fn finish(
    mut plan: Plan,
    texts: Vec<(String, String)>,
    mut errors: Vec<Finding>,
) -> Result<Loaded, LoadFailure> {
    let root = plan.root.clone();
    let mut config = Config::default();
    let mut sections = Sections::default();
    for (rel, text) in texts {
        let id = plan.files.len();
        load_file(
            id,
            &rel,
            &text,
            &mut sections,
            &mut plan,
            &mut config,
            &mut errors,
        );
        plan.files
            .push(SourceFile::new(display_path(&root, &rel), rel, text));
    }
    check_duplicates(&plan, &mut errors);
    if errors.is_empty() {
        Ok(Loaded { plan, config })
    } else {
        Err(LoadFailure {
            files: plan.files,
            errors,
        })
    }
}

/// Parses one file's text and adds its records (or its errors).
fn load_file(
    id: FileId,
    rel: &str,
    text: &str,
    sections: &mut Sections,
    plan: &mut Plan,
    config: &mut Config,
    errors: &mut Vec<Finding>,
) {
    let (table, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        errors.extend(syntax.iter().map(|e| syntax_error(id, e, text.len())));
        return;
    }
    let mut table = table.into_inner();
    if rel == CONFIG_FILE {
        if let Some(c) = crate::plan::config::from_table(id, table, errors) {
            *config = c;
        }
        return;
    }
    plan.suppressions
        .extend(crate::plan::allow::extract(id, text, &mut table, errors));
    for (key, value) in table {
        sections.add(id, key, value, plan, errors);
    }
}

/// Reads a file as UTF-8 (BOM removed). On failure records an error; for a non-UTF-8 file the
/// lossily decoded text is kept so the error can point at line and column.
fn read_text(
    path: &Path,
    shown: &str,
    files: &mut Vec<SourceFile>,
    rel: &str,
    errors: &mut Vec<Finding>,
) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            let max = MAX_FILE_BYTES / (1024 * 1024);
            let size = m.len();
            errors.push(error(
                codes::IO,
                Location::Path(shown.to_string()),
                msg!(
                    "ファイルが上限の {max} MiB を超えています（{size} バイト）: {shown}",
                    "file larger than the {max} MiB limit ({size} bytes): {shown}"
                ),
            ));
            return None;
        }
        _ => {}
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            errors.push(error(
                codes::IO,
                Location::Path(shown.to_string()),
                msg!(
                    "ファイルを読めません: {shown}（{e}）",
                    "cannot read file {shown} ({e})"
                ),
            ));
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let id = files.len();
            files.push(SourceFile::new(shown.to_string(), rel.to_string(), lossy));
            let byte = bytes[at];
            errors.push(
                error(
                    codes::ENCODING,
                    // the lossy text holds U+FFFD where the bad byte was
                    Finding::at(id, at..at + '\u{FFFD}'.len_utf8()),
                    msg!(
                        "UTF-8 ではないファイルです（{at} バイト目に 0x{byte:02X}）",
                        "file is not UTF-8 (byte 0x{byte:02X} at offset {at})"
                    ),
                )
                .label(msg!("UTF-8 として読めないバイト", "not valid UTF-8"))
                .help(msg!(
                    "Shift_JIS で保存されている可能性があります。エディタで「UTF-8」を選んで保存し直してください。",
                    "it is probably Shift_JIS (common on Japanese Windows): save it again as UTF-8"
                )),
            );
            None
        }
    }
}

fn syntax_error(file: FileId, e: &toml::de::Error, len: usize) -> Finding {
    let span = e.span().unwrap_or(len..len);
    let detail = e.message().trim().to_string();
    error(
        codes::SYNTAX,
        Finding::at(file, span),
        msg!(
            "TOML の書き方が正しくありません: {detail}",
            "invalid TOML: {detail}"
        ),
    )
    .label(msg!("ここ", "here"))
    .help(msg!(
        "文字列は \"…\" で囲み、表は [表名]、表の配列は [[表名]] と書きます。",
        "strings are quoted \"…\", tables are [name], arrays of tables are [[name]]"
    ))
}

/// Turns a deserialization error into a finding: unknown keys get a did-you-mean.
pub(crate) fn schema_error(
    file: FileId,
    e: &toml::de::Error,
    fallback: Range<usize>,
    what: &str,
) -> Finding {
    let span = e.span().unwrap_or(fallback);
    let m = e.message().trim();
    if let Some(rest) = m.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return unknown_key(file, span, field, &candidates, what);
    }
    if let Some(rest) = m.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return error(
            codes::INVALID,
            Finding::at(file, span),
            msg!(
                "{what} に必須のキー `{field}` がありません",
                "missing field `{field}` in {what}"
            ),
        )
        .label(msg!("この記録", "this record"))
        .help(msg!(
            "`{field} = …` を書き加えてください。",
            "add `{field} = …`"
        ));
    }
    let ja = match m
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        Some((found, expected)) => format!(
            "{what} の値の型が違います（{} ではなく {} が必要です）",
            type_ja(found),
            type_ja(expected)
        ),
        None => format!("{what} の値が正しくありません: {m}"),
    };
    error(
        codes::INVALID,
        Finding::at(file, span),
        crate::i18n::Msg::new(ja, format!("invalid value in {what}: {m}")),
    )
    .label(msg!("ここ", "here"))
}

/// Japanese names for serde's type words in an error message.
fn type_ja(s: &str) -> String {
    let mut out = s.to_string();
    for (en, ja) in [
        (
            "a string or an array of strings",
            "文字列または文字列の配列",
        ),
        ("a string", "文字列"),
        ("a sequence", "配列"),
        ("an integer", "整数"),
        ("i64", "整数"),
        ("integer", "整数"),
        ("string", "文字列"),
        ("sequence", "配列"),
        ("boolean", "真偽値"),
        ("floating point", "小数"),
        ("float", "小数"),
        ("map", "表"),
    ] {
        out = out.replace(en, ja);
    }
    out
}

/// The nearest candidate by edit distance, if near enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1) + 1)
        .min()
        .map(|(_, c)| c)
}

pub(crate) fn unknown_key(
    file: FileId,
    span: Range<usize>,
    key: &str,
    candidates: &[&str],
    what: &str,
) -> Finding {
    let list = candidates.join(", ");
    let f = error(
        codes::UNKNOWN_KEY,
        Finding::at(file, span),
        msg!(
            "{what} に未知のキー `{key}` があります",
            "unknown key `{key}` in {what}"
        ),
    );
    match did_you_mean(key, candidates) {
        Some(near) => f
            .label(msg!("`{near}` のことですか？", "did you mean `{near}`?"))
            .help(msg!(
                "`{near}` の書き間違いではありませんか。使えるキー: {list}",
                "did you mean `{near}`? expected one of: {list}"
            )),
        None => f
            .label(msg!("未知のキー", "unknown key"))
            .help(msg!("使えるキー: {list}", "expected one of: {list}")),
    }
}

const TOP_LEVEL: [&str; 11] = [
    "plan", "policy", "measure", "project", "summary", "sdgs", "strategy", "matrix", "overview",
    "prose", "change",
];

/// Where each singleton section was first defined.
#[derive(Default)]
struct Sections {
    first: HashMap<&'static str, (FileId, Range<usize>)>,
}

impl Sections {
    fn add(
        &mut self,
        file: FileId,
        key: toml::Spanned<toml::de::DeString<'_>>,
        value: toml::Spanned<DeValue<'_>>,
        plan: &mut Plan,
        errors: &mut Vec<Finding>,
    ) {
        let key_span = key.span();
        let name = key.get_ref().as_ref();
        match name {
            "plan" => self.single(file, "plan", key_span, value, &mut plan.meta, errors),
            "summary" => self.single(file, "summary", key_span, value, &mut plan.summary, errors),
            "sdgs" => self.single(file, "sdgs", key_span, value, &mut plan.sdgs, errors),
            "matrix" => self.single(file, "matrix", key_span, value, &mut plan.matrix, errors),
            "overview" => self.single(
                file,
                "overview",
                key_span,
                value,
                &mut plan.overview,
                errors,
            ),
            "policy" => many(file, "policy", value, &mut plan.policies, errors),
            "measure" => many(file, "measure", value, &mut plan.measures, errors),
            "project" => many(file, "project", value, &mut plan.projects, errors),
            "strategy" => many(file, "strategy", value, &mut plan.strategy, errors),
            "prose" => many(file, "prose", value, &mut plan.prose, errors),
            "change" => many(file, "change", value, &mut plan.changes, errors),
            other => errors.push(unknown_key(
                file,
                key_span,
                other,
                &TOP_LEVEL,
                "計画ファイル / plan file",
            )),
        }
    }

    fn single<T: DeserializeOwned>(
        &mut self,
        file: FileId,
        name: &'static str,
        key_span: Range<usize>,
        value: toml::Spanned<DeValue<'_>>,
        slot: &mut Option<Located<T>>,
        errors: &mut Vec<Finding>,
    ) {
        if let Some((first_file, first_span)) = self.first.get(name).cloned() {
            errors.push(
                error(
                    codes::DUPLICATE_SECTION,
                    Finding::at(file, key_span),
                    msg!(
                        "[{name}] は計画全体で 1 つだけ書けます",
                        "[{name}] may appear only once in a plan"
                    ),
                )
                .label(msg!("2 つ目の [{name}]", "second [{name}]"))
                .related(
                    Finding::at(first_file, first_span),
                    msg!("最初の [{name}]", "first [{name}]"),
                )
                .help(msg!(
                    "どちらか一方にまとめてください。",
                    "merge the two into one"
                )),
            );
            return;
        }
        self.first.insert(name, (file, key_span));
        if let Some(item) = decode::<T>(file, value, &format!("[{name}]"), errors) {
            *slot = Some(Located { file, item });
        }
    }
}

fn many<T: DeserializeOwned>(
    file: FileId,
    name: &str,
    value: toml::Spanned<DeValue<'_>>,
    out: &mut Vec<Located<T>>,
    errors: &mut Vec<Finding>,
) {
    let span = value.span();
    match value.into_inner() {
        DeValue::Array(items) => {
            for item in items {
                if let Some(item) = decode::<T>(file, item, &format!("[[{name}]]"), errors) {
                    out.push(Located { file, item });
                }
            }
        }
        _ => errors.push(
            error(
                codes::INVALID,
                Finding::at(file, span),
                msg!(
                    "`{name}` は表の配列 [[{name}]] で書きます",
                    "`{name}` must be an array of tables, [[{name}]]"
                ),
            )
            .label(msg!("表の配列ではありません", "not an array of tables")),
        ),
    }
}

fn decode<T: DeserializeOwned>(
    file: FileId,
    value: toml::Spanned<DeValue<'_>>,
    what: &str,
    errors: &mut Vec<Finding>,
) -> Option<T> {
    let span = value.span();
    match T::deserialize(value.into_deserializer()) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(schema_error(file, &e, span, what));
            None
        }
    }
}

fn check_duplicates(plan: &Plan, errors: &mut Vec<Finding>) {
    let mut seen: HashMap<(&str, String), (FileId, Range<usize>)> = HashMap::new();
    let mut check = |kind: &'static str, file: FileId, text: &Text, errors: &mut Vec<Finding>| {
        let norm = normalize::key(text.get_ref());
        let shown = text.get_ref().clone();
        match seen.get(&(kind, norm.clone())) {
            Some((f0, s0)) => errors.push(
                error(
                    codes::DUPLICATE_ID,
                    Finding::at(file, text.span()),
                    msg!(
                        "{kind} の ID「{shown}」が重複しています",
                        "duplicate {kind} id `{shown}`"
                    ),
                )
                .label(msg!("重複", "duplicate"))
                .related(
                    Finding::at(*f0, s0.clone()),
                    msg!("最初の定義", "first defined here"),
                )
                .subject(norm)
                .help(msg!(
                    "ID は全角・半角や空白の違いを除いて一意にしてください。",
                    "ids must be unique, ignoring width and spacing"
                )),
            ),
            None => {
                seen.insert((kind, norm), (file, text.span()));
            }
        }
    };
    for p in &plan.policies {
        check("policy", p.file, &p.id, errors);
    }
    for m in &plan.measures {
        check("measure", m.file, &m.id, errors);
        for d in &m.direction {
            check("direction", m.file, &d.id, errors);
        }
    }
    let mut numbers: HashMap<i64, (FileId, Range<usize>)> = HashMap::new();
    for p in &plan.projects {
        check("project", p.file, &p.name, errors);
        let n = *p.number.get_ref();
        match numbers.get(&n) {
            Some((f0, s0)) => errors.push(
                error(
                    codes::DUPLICATE_ID,
                    Finding::at(p.file, p.number.span()),
                    msg!(
                        "プロジェクト番号 {n} が重複しています",
                        "duplicate project number {n}"
                    ),
                )
                .label(msg!("重複", "duplicate"))
                .related(
                    Finding::at(*f0, s0.clone()),
                    msg!("最初の定義", "first defined here"),
                )
                .subject(n.to_string()),
            ),
            None => {
                numbers.insert(n, (p.file, p.number.span()));
            }
        }
    }
}
