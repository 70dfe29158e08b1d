//! Loading a plan folder: files → typed [`Plan`], or every load error found.

use crate::finding::{Edit, Finding, Fix, Location, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::config::Config;
use crate::plan::model::*;
use crate::plan::normalize;
use crate::plan::source::{FileId, SourceFile};
use serde::de::DeserializeOwned;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

pub mod chars;
mod pieces;
pub(crate) mod schema;
mod syntax;

use schema::Place;

/// The configuration file's name inside the plan folder.
pub const CONFIG_FILE: &str = "plancheck.toml";
/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The identity of a load error: its stable code and kebab-case name. This table is the one
/// source of both: the loader reports with it, and `rules::load_errors` builds the registry's
/// `Rule` of each load error from it (the plan layer does not import the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadCode {
    pub code: &'static str,
    pub name: &'static str,
}

impl LoadCode {
    /// A load error of this code (always at error severity).
    pub fn finding(self, location: Location, message: Msg) -> Finding {
        Finding::new(self.code, self.name, Severity::Error, location, message)
    }

    /// A load error of this code at `span` of `file`.
    pub fn at(self, file: FileId, span: Range<usize>, message: Msg) -> Finding {
        self.finding(Finding::at(file, span), message)
    }
}

pub mod codes {
    use super::LoadCode;

    const fn code(code: &'static str, name: &'static str) -> LoadCode {
        LoadCode { code, name }
    }

    pub const IO: LoadCode = code("PC001", "unreadable-plan");
    pub const EMPTY: LoadCode = code("PC002", "empty-plan-folder");
    pub const ENCODING: LoadCode = code("PC003", "not-utf8");
    pub const SYNTAX: LoadCode = code("PC004", "toml-syntax");
    pub const UNKNOWN_KEY: LoadCode = code("PC005", "unknown-key");
    pub const INVALID: LoadCode = code("PC006", "invalid-value");
    pub const DUPLICATE_ID: LoadCode = code("PC007", "duplicate-id");
    pub const DUPLICATE_SECTION: LoadCode = code("PC008", "duplicate-section");
    pub const NO_DATA: LoadCode = code("PC009", "no-plan-data");
    pub const LOOK_ALIKE_DASH: LoadCode = code("PC010", "look-alike-dash");

    /// Every load error, in code order.
    pub const ALL: [LoadCode; 10] = [
        IO,
        EMPTY,
        ENCODING,
        SYNTAX,
        UNKNOWN_KEY,
        INVALID,
        DUPLICATE_ID,
        DUPLICATE_SECTION,
        NO_DATA,
        LOOK_ALIKE_DASH,
    ];
}

/// Files the operating system puts into folders; never reported as unread.
const SYSTEM_FILES: [&str; 2] = ["thumbs.db", "desktop.ini"];

/// Whether a file is read as part of the plan: `*.toml`, in any letter case (Windows does not
/// tell `.TOML` from `.toml`).
pub fn is_toml(name: &str) -> bool {
    name.len() > 5
        && name.is_char_boundary(name.len() - 5)
        && name[name.len() - 5..].eq_ignore_ascii_case(".toml")
}

/// Whether a file that is not read deserves a word: not an operating-system file.
fn worth_reporting(name: &str) -> bool {
    !SYSTEM_FILES.contains(&name.to_ascii_lowercase().as_str())
}

/// A plan that loaded, with its configuration.
#[derive(Debug)]
pub struct Loaded {
    pub plan: Plan,
    pub config: Config,
}

/// The configuration file of a plan folder, loaded without the plan.
#[derive(Debug)]
pub struct LoadedConfig {
    pub config: Config,
    /// The configuration file (for the spans of its values).
    pub files: Vec<SourceFile>,
}

/// A plan that did not load: every error found, and the files read so far (for spans).
#[derive(Debug)]
pub struct LoadFailure {
    pub files: Vec<SourceFile>,
    pub errors: Vec<Finding>,
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

/// Collects `*.toml` files below `dir`, sorted by relative path, and the other files (not
/// read). Hidden entries and symbolic links to directories are not followed; a linked file
/// must stay inside the folder.
fn collect_files(
    dir: &Path,
    root_display: &str,
    errors: &mut Vec<Finding>,
) -> (Vec<(String, PathBuf)>, Vec<String>) {
    let canonical_root = dir.canonicalize().ok();
    let mut out = Vec::new();
    let mut unread = Vec::new();
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
                errors.push(unreadable(&shown, {
                    let why = crate::i18n::io_reason(&e);
                    let (ja, en) = (&why.ja, &why.en);
                    Msg::new(
                        format!("フォルダを読めません: {shown}（{ja}）"),
                        format!("cannot read folder {shown} ({en})"),
                    )
                }));
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
                if is_file && inside && is_toml(&name) {
                    out.push((child_rel, entry.path()));
                } else if is_toml(&name) && !inside {
                    let shown = display_path(root_display, &child_rel);
                    errors.push(unreadable(&shown, msg!(
                            "リンク先が計画フォルダの外にあるか、存在しないため読みません: {shown}",
                            "not following a link that leads outside the plan folder or nowhere: {shown}"
                        ),
                    ));
                }
                continue;
            }
            if meta.is_dir() {
                stack.push((entry.path(), child_rel));
            } else if meta.is_file() && is_toml(&name) {
                out.push((child_rel, entry.path()));
            } else if meta.is_file() && worth_reporting(&name) {
                unread.push(child_rel);
            } else if !meta.is_file() && is_toml(&name) {
                // A FIFO, socket or device named like a plan file: opening it could block, and
                // skipping it silently would drop part of the plan.
                let shown = display_path(root_display, &child_rel);
                errors.push(unreadable(
                    &shown,
                    msg!(
                        "通常のファイルではないため読みません: {shown}",
                        "not reading {shown}: not a regular file"
                    ),
                ));
            }
        }
    }
    out.sort();
    unread.sort();
    (out, unread)
}

/// A finding of the I/O load rule about the file or folder shown as `shown`.
fn unreadable(shown: &str, message: Msg) -> Finding {
    codes::IO.finding(Location::Path(shown.to_string()), message)
}

/// PC002: no plan file at all. Names the files that are there but not read, if any.
fn empty_folder(root_display: &str, unread: &[String]) -> Finding {
    let f = codes::EMPTY.finding(
        Location::Path(root_display.to_string()),
        msg!(
            "計画フォルダに計画の TOML ファイルがありません: {root_display}",
            "the plan folder has no plan TOML files: {root_display}"
        ),
    );
    if unread.is_empty() {
        return f.help(msg!(
            "拡張子が .toml のファイルに計画を書いてください。",
            "write the plan into files whose names end in .toml"
        ));
    }
    let list = unread.join("、");
    let list_en = unread.join(", ");
    f.help(msg!(
        "読み込むのは拡張子が .toml のファイルだけです。このフォルダの {list} は読み込まれません。",
        "only files ending in .toml are read; not read here: {list_en}"
    ))
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
        errors.push(unreadable(root_display, message));
        return Err(LoadFailure {
            files: vec![],
            errors,
        });
    }
    let (files, unread) = collect_files(dir, root_display, &mut errors);
    if files.iter().all(|(rel, _)| rel == CONFIG_FILE) && errors.is_empty() {
        errors.push(empty_folder(root_display, &unread));
    }
    plan.unread_files = unread;
    let mut texts = Vec::new();
    for (rel, path) in files {
        let shown = display_path(root_display, &rel);
        let Some(text) = read_text(&path, &shown, &mut plan.files, &rel, &mut errors) else {
            continue;
        };
        texts.push((rel, text));
    }
    finish(plan, texts, errors, (pieces::THRESHOLD, pieces::PIECE))
}

/// Loads only the configuration file (`plancheck.toml`) of the plan folder `dir`, for
/// commands that need the configuration but not the plan (`explain`): a plan file that does
/// not load does not hide it. `Ok(None)`: the folder has no configuration file. Errors: the
/// loader's report of a missing folder, or the configuration file's own load errors.
pub fn load_config(dir: &Path, root_display: &str) -> Result<Option<LoadedConfig>, LoadFailure> {
    if !dir.is_dir() {
        // the loader's own report of a missing folder, or of a file given as the folder
        return load(dir, root_display).map(|_| None);
    }
    let path = dir.join(CONFIG_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let mut plan = Plan {
        root: root_display.to_string(),
        ..Plan::default()
    };
    let mut errors = Vec::new();
    let shown = display_path(root_display, CONFIG_FILE);
    let Some(text) = read_text(&path, &shown, &mut plan.files, CONFIG_FILE, &mut errors) else {
        return Err(LoadFailure {
            files: plan.files,
            errors,
        });
    };
    let mut loading = Loading::new(plan, errors);
    loading.add(shown, CONFIG_FILE.to_string(), text);
    let Loading {
        plan,
        config,
        errors,
        ..
    } = loading;
    if errors.is_empty() {
        Ok(Some(LoadedConfig {
            config,
            files: plan.files,
        }))
    } else {
        Err(LoadFailure {
            files: plan.files,
            errors,
        })
    }
}

/// Loads a plan from in-memory files `(relative path, text)`; used by tests and fuzzing.
/// The files are taken in sorted order, as from a folder; files not named `*.toml` are not
/// read, as in a folder.
pub fn load_from_memory(root_display: &str, files: &[(&str, &str)]) -> Result<Loaded, LoadFailure> {
    load_from_memory_in(root_display, files, (pieces::THRESHOLD, pieces::PIECE))
}

/// [`load_from_memory`], parsing files of at least `pieces.0` bytes in pieces of at least
/// `pieces.1` bytes (tests use small pieces).
fn load_from_memory_in(
    root_display: &str,
    files: &[(&str, &str)],
    pieces: (usize, usize),
) -> Result<Loaded, LoadFailure> {
    let mut plan = Plan {
        root: root_display.to_string(),
        ..Plan::default()
    };
    let read = |rel: &str| is_toml(rel.rsplit('/').next().unwrap_or(rel));
    let mut texts: Vec<(String, String)> = files
        .iter()
        .filter(|(r, _)| read(r))
        .map(|(r, t)| {
            (
                r.to_string(),
                t.strip_prefix('\u{FEFF}').unwrap_or(t).to_string(),
            )
        })
        .collect();
    texts.sort();
    plan.unread_files = files
        .iter()
        .filter(|(r, _)| !read(r))
        .map(|(r, _)| r.to_string())
        .collect();
    plan.unread_files.sort();
    let mut errors = Vec::new();
    if texts.iter().all(|(rel, _)| rel == CONFIG_FILE) {
        errors.push(empty_folder(root_display, &plan.unread_files));
    }
    finish(plan, texts, errors, pieces)
}

fn finish(
    plan: Plan,
    texts: Vec<(String, String)>,
    errors: Vec<Finding>,
    pieces: (usize, usize),
) -> Result<Loaded, LoadFailure> {
    let root = plan.root.clone();
    let mut loading = Loading::new(plan, errors);
    loading.pieces = pieces;
    for (rel, text) in texts {
        loading.add(display_path(&root, &rel), rel, text);
    }
    let Loading {
        mut plan,
        config,
        sections,
        mut errors,
        ..
    } = loading;
    plan.vocabulary = config.vocabulary.clone();
    sections.matrix_complete(&mut plan, &mut errors);
    check_duplicates(&plan, &mut errors);
    check_dashes(&plan, &mut errors);
    if errors.is_empty() && has_no_data(&plan) {
        errors.push(no_data(&plan));
    }
    if errors.is_empty() {
        Ok(Loaded { plan, config })
    } else {
        Err(LoadFailure {
            files: plan.files,
            errors,
        })
    }
}

/// A plan being loaded: the records, configuration and errors of the files read so far.
struct Loading {
    plan: Plan,
    config: Config,
    sections: Sections,
    errors: Vec<Finding>,
    /// Plan files of at least `.0` bytes are parsed in pieces of at least `.1` bytes.
    pieces: (usize, usize),
}

impl Loading {
    fn new(plan: Plan, errors: Vec<Finding>) -> Self {
        Loading {
            plan,
            config: Config::default(),
            sections: Sections::default(),
            errors,
            pieces: (pieces::THRESHOLD, pieces::PIECE),
        }
    }

    /// Loads the file `rel` from `text` and keeps it among the plan's files, shown as `shown`.
    fn add(&mut self, shown: String, rel: String, text: String) {
        let id = self.plan.files.len();
        self.load_file(id, &rel, &text);
        self.plan.files.push(SourceFile::new(shown, rel, text));
    }

    /// Parses one file's text and adds its records (or its errors).
    ///
    /// When the text is not valid TOML, full-width punctuation typed by a Japanese input method
    /// is looked for and named. A copy of the text with those characters replaced by their ASCII
    /// counterparts (byte offsets unchanged) is parsed again: its remaining syntax errors are
    /// reported too, and when there are none its records are checked like any other, so that a
    /// file's other mistakes show in the same run.
    fn load_file(&mut self, id: FileId, rel: &str, text: &str) {
        if rel != CONFIG_FILE && text.len() >= self.pieces.0 && self.load_pieces(id, text) {
            return;
        }
        let (table, syntax) = DeTable::parse_recoverable(text);
        if syntax.is_empty() {
            self.load_table(id, rel, text, table.into_inner());
            return;
        }
        let (mistakes, patched) = syntax::scan(text);
        let errors = &mut self.errors;
        if mistakes.is_empty() {
            errors.extend(syntax.iter().map(|e| syntax::parser_finding(id, e, text)));
            return;
        }
        errors.extend(mistakes.iter().map(|m| syntax::mistake_finding(id, m)));
        let line_of = |offset: usize| {
            let end = offset.min(text.len());
            text.as_bytes()[..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
        };
        let named_lines: BTreeSet<usize> = mistakes
            .iter()
            .flat_map(|m| line_of(m.span.start)..=line_of(m.span.end))
            .collect();
        let (table, syntax) = DeTable::parse_recoverable(&patched);
        if syntax.is_empty() {
            self.load_table(id, rel, &patched, table.into_inner());
            return;
        }
        // errors on a line with a named mistake are most likely that mistake again
        errors.extend(
            syntax
                .iter()
                .filter(|e| {
                    e.span()
                        .is_none_or(|s| !named_lines.contains(&line_of(s.start)))
                })
                .map(|e| syntax::parser_finding(id, e, text)),
        );
    }

    /// Parses a large plan file in pieces and adds their records, each piece's parse buffers
    /// dropped before the next is parsed. `false` (and nothing added) when the file is not
    /// cut, its pieces would not mean what the whole file means, or a piece does not parse:
    /// the whole file is then parsed as usual, so that its errors are exactly those of a
    /// whole-file parse.
    fn load_pieces(&mut self, id: FileId, text: &str) -> bool {
        let Some(split) = pieces::split(text, self.pieces.1) else {
            return false;
        };
        if split.pieces.len() < 3 {
            return false;
        }
        let first = split.pieces[0].clone();
        let (table, syntax) = DeTable::parse_recoverable(&text[first.clone()]);
        if !syntax.is_empty()
            || !split.independent(table.get_ref().keys().map(|k| k.get_ref().as_ref()))
        {
            return false;
        }
        let checkpoint = Checkpoint::take(self);
        let mut first = Some(table.into_inner());
        // the run being read: its tree and end
        let mut run: Option<(DeTable<'_>, usize)> = None;
        for (range, continues) in split.pieces.iter().zip(&split.continues) {
            let mut table = match first.take() {
                Some(t) => t,
                None => {
                    let (table, syntax) = DeTable::parse_recoverable(&text[range.clone()]);
                    if !syntax.is_empty() {
                        checkpoint.restore(self);
                        return false;
                    }
                    table.into_inner()
                }
            };
            pieces::shift_table(&mut table, range.start);
            match (continues, run.as_mut()) {
                (Some(record), Some((tree, end))) => {
                    if !pieces::merge(text, tree, record, table) {
                        checkpoint.restore(self);
                        return false;
                    }
                    *end = range.end;
                }
                _ => {
                    if let Some((tree, end)) = run.take() {
                        self.add_records(id, text, end, tree);
                    }
                    run = Some((table, range.end));
                }
            }
        }
        if let Some((tree, end)) = run {
            self.add_records(id, text, end, tree);
        }
        true
    }

    fn load_table(&mut self, id: FileId, rel: &str, text: &str, table: DeTable<'_>) {
        if rel == CONFIG_FILE {
            if let Some(c) = crate::plan::config::from_table(id, table, &mut self.errors) {
                self.config = c;
            }
            return;
        }
        self.add_records(id, text, text.len(), table);
    }

    /// Adds the records of a parsed plan file or piece of one ending at `end`.
    fn add_records(&mut self, id: FileId, text: &str, end: usize, mut table: DeTable<'_>) {
        let errors = &mut self.errors;
        self.plan.suppressions.extend(crate::plan::allow::extract(
            id, text, end, &mut table, errors,
        ));
        for (key, value) in table {
            self.sections
                .add(id, text, key, value, &mut self.plan, errors);
        }
    }
}

/// What a file's records changed in a [`Loading`], undone when the file's pieces turn out not
/// to parse and the whole file is parsed instead.
struct Checkpoint {
    errors: usize,
    suppressions: usize,
    policies: usize,
    measures: usize,
    projects: usize,
    strategy: usize,
    prose: usize,
    changes: usize,
    /// Which single sections were there.
    singles: [bool; 4],
    /// The matrix as it was.
    matrix: Option<MatrixWas>,
    sections: Sections,
}

/// A matrix as it was: its file and header (columns, legend, marks), and the number of its
/// rows and marks.
struct MatrixWas {
    file: FileId,
    columns: Vec<Text>,
    legend: Option<Text>,
    marks: Vec<Text>,
    rows: usize,
    mark: usize,
}

impl Checkpoint {
    fn take(l: &Loading) -> Checkpoint {
        let p = &l.plan;
        Checkpoint {
            errors: l.errors.len(),
            suppressions: p.suppressions.len(),
            policies: p.policies.len(),
            measures: p.measures.len(),
            projects: p.projects.len(),
            strategy: p.strategy.len(),
            prose: p.prose.len(),
            changes: p.changes.len(),
            singles: [
                p.meta.is_some(),
                p.summary.is_some(),
                p.sdgs.is_some(),
                p.overview.is_some(),
            ],
            matrix: p.matrix.as_ref().map(|m| MatrixWas {
                file: m.file,
                columns: m.item.columns.clone(),
                legend: m.item.legend.clone(),
                marks: m.item.marks.clone(),
                rows: m.item.row.len(),
                mark: m.item.mark.len(),
            }),
            sections: l.sections.clone(),
        }
    }

    fn restore(self, l: &mut Loading) {
        let p = &mut l.plan;
        l.errors.truncate(self.errors);
        p.suppressions.truncate(self.suppressions);
        p.policies.truncate(self.policies);
        p.measures.truncate(self.measures);
        p.projects.truncate(self.projects);
        p.strategy.truncate(self.strategy);
        p.prose.truncate(self.prose);
        p.changes.truncate(self.changes);
        let [meta, summary, sdgs, overview] = self.singles;
        if !meta {
            p.meta = None;
        }
        if !summary {
            p.summary = None;
        }
        if !sdgs {
            p.sdgs = None;
        }
        if !overview {
            p.overview = None;
        }
        match (self.matrix, p.matrix.as_mut()) {
            (None, _) => p.matrix = None,
            (Some(was), Some(m)) => {
                m.file = was.file;
                m.item.columns = was.columns;
                m.item.legend = was.legend;
                m.item.marks = was.marks;
                m.item.row.truncate(was.rows);
                m.item.mark.truncate(was.mark);
            }
            (Some(_), None) => {}
        }
        l.sections = self.sections;
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
            errors.push(unreadable(
                shown,
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
            errors.push(unreadable(shown, {
                let why = crate::i18n::io_reason(&e);
                let (ja, en) = (&why.ja, &why.en);
                Msg::new(
                    format!("ファイルを読めません: {shown}（{ja}）"),
                    format!("cannot read file {shown} ({en})"),
                )
            }));
            return None;
        }
    };
    if let Some(utf16) = Utf16::detect(&bytes) {
        let decoded = utf16.decode(&bytes);
        let first = decoded.chars().next().map_or(0, char::len_utf8);
        let id = files.len();
        files.push(SourceFile::new(shown.to_string(), rel.to_string(), decoded));
        errors.push(utf16.finding(id, 0..first));
        return None;
    }
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
                codes::ENCODING.finding(// the lossy text holds U+FFFD where the bad byte was
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

/// A file saved as UTF-16 (Notepad's "Unicode"), told by its byte order mark or, without
/// one, by the zero bytes that ASCII characters leave in every other position.
#[derive(Debug, Clone, Copy)]
struct Utf16 {
    little_endian: bool,
    bom: bool,
}

impl Utf16 {
    fn detect(bytes: &[u8]) -> Option<Utf16> {
        match bytes {
            [0xFF, 0xFE, ..] => {
                return Some(Utf16 {
                    little_endian: true,
                    bom: true,
                });
            }
            [0xFE, 0xFF, ..] => {
                return Some(Utf16 {
                    little_endian: false,
                    bom: true,
                });
            }
            // UTF-8 with a byte order mark
            [0xEF, 0xBB, 0xBF, ..] => return None,
            _ => {}
        }
        // TOML text never holds a zero byte; UTF-16 holds one in each ASCII character
        let pairs = bytes.len() / 2;
        if pairs == 0 || !bytes.contains(&0) {
            return None;
        }
        let zeros = |parity: usize| {
            bytes
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let (even, odd) = (zeros(0), zeros(1));
        let utf16 = |high: usize, low: usize| high * 4 >= pairs && low * 8 <= high;
        if utf16(odd, even) {
            Some(Utf16 {
                little_endian: true,
                bom: false,
            })
        } else if utf16(even, odd) {
            Some(Utf16 {
                little_endian: false,
                bom: false,
            })
        } else {
            None
        }
    }

    /// The text, decoded as well as it can be (for showing the first line).
    fn decode(self, bytes: &[u8]) -> String {
        let body = if self.bom { &bytes[2..] } else { bytes };
        let units = body.chunks_exact(2).map(|p| {
            if self.little_endian {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    }

    fn finding(self, file: FileId, span: Range<usize>) -> Finding {
        let order = if self.little_endian { "LE" } else { "BE" };
        let (bom_ja, bom_en) = if self.bom {
            ("BOM 付き", "with a byte order mark")
        } else {
            ("BOM なし", "without a byte order mark")
        };
        codes::ENCODING.finding(Finding::at(file, span),
            msg!(
                "UTF-16（{order}、{bom_ja}）で保存されたファイルです。メモ帳の「Unicode」はこの文字コードです。UTF-8 で保存し直してください",
                "file is saved as UTF-16 ({order}, {bom_en}), which Notepad calls \"Unicode\"; save it again as UTF-8"
            ),
        )
        .label(msg!("UTF-16 のファイル", "UTF-16 file"))
        .help(msg!(
            "メモ帳で開き、［ファイル］→［名前を付けて保存］で［エンコード］を「UTF-8」にして保存してください。",
            "open it in Notepad, choose File > Save As, set Encoding to \"UTF-8\" and save"
        ))
    }
}

/// The nearest candidate by edit distance, if near enough to be a likely typo.
/// A word typed in full-width letters is compared in its half-width form.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let folded = normalize::key(word);
    if let Some(c) = candidates.iter().find(|c| **c == folded) {
        return Some(c);
    }
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1) + 1)
        .min()
        .map(|(_, c)| c)
}

/// An unknown key in the table named `what` (a TOML name such as `allow`).
pub(crate) fn unknown_key(
    file: FileId,
    span: Range<usize>,
    key: &str,
    candidates: &[&str],
    what: &str,
) -> Finding {
    schema::unknown_key_in(file, span, key, candidates, &Place::table(what))
}

pub(crate) const TOP_LEVEL: [&str; 11] = [
    "plan", "policy", "measure", "project", "summary", "sdgs", "strategy", "matrix", "overview",
    "prose", "change",
];

/// Where each singleton section was first defined.
#[derive(Default, Clone)]
struct Sections {
    first: HashMap<&'static str, (FileId, Range<usize>)>,
    /// The `matrix` key of the matrix's header (the piece declaring `columns`, `legend` or
    /// `marks`), and of its first piece.
    matrix_header: Option<(FileId, Range<usize>)>,
    matrix_first: Option<(FileId, Range<usize>)>,
}

impl Sections {
    fn add(
        &mut self,
        file: FileId,
        text: &str,
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
            "matrix" => self.matrix_piece(file, text, key_span, value, plan, errors),
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
            other => errors.push(schema::unknown_key_in(
                file,
                key_span,
                other,
                &TOP_LEVEL,
                &Place::top(),
            )),
        }
    }

    /// One file's part of the matrix: its header (`columns`, `legend`, `marks`), rows
    /// (`[[matrix.row]]`) and marks (`[[matrix.mark]]`), merged into the plan's one matrix.
    /// Only one piece of the plan may be the header.
    fn matrix_piece(
        &mut self,
        file: FileId,
        text: &str,
        key_span: Range<usize>,
        value: toml::Spanned<DeValue<'_>>,
        plan: &mut Plan,
        errors: &mut Vec<Finding>,
    ) {
        let mut is_header = false;
        let mut has_columns = false;
        let mut mark_spans = Vec::new();
        if let DeValue::Table(t) = value.get_ref() {
            for (k, v) in t.iter() {
                match k.get_ref().as_ref() {
                    "columns" => {
                        is_header = true;
                        has_columns = true;
                    }
                    "legend" | "marks" => is_header = true,
                    "mark" => {
                        if let DeValue::Array(a) = v.get_ref() {
                            mark_spans = a.iter().map(|m| m.span()).collect();
                        }
                    }
                    _ => {}
                }
            }
        }
        if is_header {
            if let Some((first_file, first_span)) = self.matrix_header.clone() {
                errors.push(
                    codes::DUPLICATE_SECTION
                        .finding(
                            Finding::at(file, key_span.clone()),
                            msg!(
                                "重点施策との対応の見出し（columns・legend・marks を書いた [matrix]）は計画全体で 1 つだけ書けます",
                                "the matrix's header ([matrix] with columns, legend or marks) may appear only once in a plan"
                            ),
                        )
                        .label(msg!("2 つ目の見出し", "second header"))
                        .related(
                            Finding::at(first_file, first_span),
                            msg!("最初の見出し", "first header"),
                        )
                        .help(msg!(
                            "columns・legend・marks は 1 つのファイルの [matrix] にまとめ、ほかのファイルには [[matrix.row]] か [[matrix.mark]] だけを書いてください。",
                            "keep columns, legend and marks in one file's [matrix]; other files hold only [[matrix.row]] or [[matrix.mark]]"
                        )),
                );
            } else {
                self.matrix_header = Some((file, key_span.clone()));
                if !has_columns {
                    errors.push(
                        codes::INVALID
                            .finding(
                                Finding::at(file, key_span.clone()),
                                msg!(
                                    "重点施策との対応の見出しに columns（列見出しの重点プロジェクト名）がありません",
                                    "the matrix's header has no `columns` (the projects heading the columns)"
                                ),
                            )
                            .label(msg!("columns がありません", "no columns"))
                            .help(msg!(
                                "この [matrix] に columns = [\"…プロジェクト\", …] を書いてください。",
                                "write columns = [\"…\", …] into this [matrix]"
                            )),
                    );
                }
            }
        }
        if self.matrix_first.is_none() {
            self.matrix_first = Some((file, key_span));
        }
        let root = schema::Root::record("matrix", false);
        let Some(mut piece) = schema::decode::<Matrix>(file, &root, value, errors) else {
            return;
        };
        for r in &mut piece.row {
            r.file = file;
        }
        for (m, span) in piece.mark.iter_mut().zip(&mark_spans) {
            m.file = file;
            m.extent = mark_extent(text, span, m);
        }
        let whole = plan.matrix.get_or_insert_with(|| Located {
            file,
            item: Matrix {
                columns: vec![],
                legend: None,
                marks: vec![],
                row: vec![],
                mark: vec![],
            },
        });
        if is_header && self.matrix_header.as_ref().is_some_and(|h| h.0 == file) {
            whole.file = file;
            whole.item.columns = piece.columns;
            whole.item.legend = piece.legend;
            whole.item.marks = piece.marks;
        }
        whole.item.row.append(&mut piece.row);
        whole.item.mark.append(&mut piece.mark);
    }

    /// After every file: rows or marks of the matrix with no header anywhere.
    fn matrix_complete(&self, plan: &mut Plan, errors: &mut Vec<Finding>) {
        if plan.matrix.is_none() {
            return;
        }
        if self.matrix_header.is_some() {
            check_matrix(plan, errors);
            return;
        }
        let Some((file, span)) = self.matrix_first.clone() else {
            return;
        };
        errors.push(
            codes::INVALID
                .finding(
                    Finding::at(file, span),
                    msg!(
                        "重点施策との対応の行や印がありますが、列見出し（columns を書いた [matrix]）がどのファイルにもありません",
                        "the matrix has rows or marks, but no file declares its header ([matrix] with `columns`)"
                    ),
                )
                .label(msg!("見出しのない行", "rows without a header"))
                .help(msg!(
                    "どれか 1 つのファイルに [matrix] と columns = [\"…プロジェクト\", …] を書いてください。",
                    "write [matrix] with columns = [\"…\", …] into one of the files"
                )),
        );
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
                codes::DUPLICATE_SECTION
                    .finding(
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
            // the second copy's own mistakes are reported too
            let _ = schema::decode::<T>(file, &schema::Root::record(name, false), value, errors);
            return;
        }
        self.first.insert(name, (file, key_span));
        let root = schema::Root::record(name, false);
        if let Some(item) = schema::decode::<T>(file, &root, value, errors) {
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
            let root = schema::Root::record(name, true);
            for item in items {
                if let Some(item) = schema::decode::<T>(file, &root, item, errors) {
                    out.push(Located { file, item });
                }
            }
        }
        _ => errors.push(
            codes::INVALID
                .finding(
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

/// What an id names, for messages.
#[derive(Debug, Clone, Copy)]
struct Kind {
    ja: &'static str,
    en: &'static str,
}

const fn kind(ja: &'static str, en: &'static str) -> Kind {
    Kind { ja, en }
}

const POLICY_ID: Kind = kind("政策番号", "policy id");
const MEASURE_ID: Kind = kind("施策番号", "measure id");
// the Japanese name comes from the vocabulary's name of the section, see [`kind_ja`]
const DIRECTION_ID: Kind = kind("", "direction id");
const PROJECT_NAME: Kind = kind("プロジェクト名", "project id");

/// The Japanese name of `kind`: a direction id is named with the plan's vocabulary.
fn kind_ja(plan: &Plan, kind: Kind) -> String {
    if kind.ja.is_empty() {
        format!("{}の ID", plan.vocabulary.sections.direction.get_ref())
    } else {
        kind.ja.to_string()
    }
}

/// PC007 at `at`, pointing back at the `first` definition.
fn duplicate_id(
    (file, span): (FileId, Range<usize>),
    first: &(FileId, Range<usize>),
    message: Msg,
) -> Finding {
    codes::DUPLICATE_ID
        .at(file, span, message)
        .label(msg!("重複", "duplicate"))
        .related(
            Finding::at(first.0, first.1.clone()),
            msg!("最初の定義", "first defined here"),
        )
}

fn check_duplicates(plan: &Plan, errors: &mut Vec<Finding>) {
    let mut seen: HashMap<(&str, String), (FileId, Range<usize>)> = HashMap::new();
    let mut check = |kind: Kind, file: FileId, text: &Text, errors: &mut Vec<Finding>| {
        let norm = normalize::key(text.get_ref());
        let shown = text.get_ref().clone();
        let (kind_ja, kind_en) = (kind_ja(plan, kind), kind.en);
        match seen.get(&(kind_en, norm.clone())) {
            Some(first) => errors.push(
                duplicate_id(
                    (file, text.span()),
                    first,
                    msg!(
                        "{kind_ja}「{shown}」が重複しています",
                        "duplicate {kind_en} `{shown}`"
                    ),
                )
                .subject(norm)
                .help(msg!(
                    "ID は全角・半角や空白の違いを除いて一意にしてください。",
                    "ids must be unique, ignoring width and spacing"
                )),
            ),
            None => {
                seen.insert((kind_en, norm), (file, text.span()));
            }
        }
    };
    for p in &plan.policies {
        check(POLICY_ID, p.file, &p.id, errors);
    }
    for m in &plan.measures {
        check(MEASURE_ID, m.file, &m.id, errors);
        for d in &m.direction {
            check(DIRECTION_ID, m.file, &d.id, errors);
        }
    }
    let mut numbers: HashMap<i64, (FileId, Range<usize>)> = HashMap::new();
    for p in &plan.projects {
        check(PROJECT_NAME, p.file, &p.name, errors);
        let n = *p.number.get_ref();
        match numbers.get(&n) {
            Some(first) => errors.push(
                duplicate_id(
                    (p.file, p.number.span()),
                    first,
                    msg!(
                        "プロジェクト番号 {n} が重複しています",
                        "duplicate project number {n}"
                    ),
                )
                .subject(n.to_string()),
            ),
            None => {
                numbers.insert(n, (p.file, p.number.span()));
            }
        }
    }
}

/// PC010: a dash look-alike between the digits of an id (`1ー1`). Under NFKC only the
/// full-width hyphen-minus becomes `-`; with any other, the id matches nothing, and every
/// reference to it would be reported as unknown. Named here, once, at the character.
fn check_dashes(plan: &Plan, errors: &mut Vec<Finding>) {
    let mut check = |kind: Kind, file: FileId, text: &Text| {
        let s = text.get_ref();
        let digit =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let mut found = Vec::new();
        let mut first = None;
        let mut dashes = Vec::new();
        let mut fixed = String::with_capacity(s.len());
        for (at, c) in s.char_indices() {
            let dash = chars::breaking_dash(c).filter(|_| {
                let before = s[..at].chars().rev().find(|c| !c.is_whitespace());
                let after = s[at + c.len_utf8()..].chars().find(|c| !c.is_whitespace());
                digit(before) && digit(after)
            });
            match dash {
                Some(n) => {
                    first.get_or_insert(at..at + c.len_utf8());
                    dashes.push(at..at + c.len_utf8());
                    if !found.contains(&n) {
                        found.push(n);
                    }
                    fixed.push('-');
                }
                None => fixed.push(c),
            }
        }
        let Some(inner) = first else { return };
        let span = plan
            .files
            .get(file)
            .map_or(text.span(), |f| f.narrow(&text.span(), s, inner));
        // The fix: each dash made '-', where the id is typed verbatim between quotes.
        let fix = plan.files.get(file).and_then(|f| {
            let edits: Option<Vec<Edit>> = dashes
                .iter()
                .map(|d| {
                    let at = f.narrow(&text.span(), s, d.clone());
                    (at != text.span()).then(|| Edit {
                        file,
                        span: at,
                        replacement: "-".to_string(),
                    })
                })
                .collect();
            edits.map(Fix::new)
        });
        let Msg { ja: pja, en: pen } = chars::describe_all(&found);
        let (kind_ja, kind_en) = (kind_ja(plan, kind), kind.en);
        errors.push(
            codes::LOOK_ALIKE_DASH.finding(Finding::at(file, span),
                msg!(
                    "{kind_ja}「{s}」に{pja} が使われています。ID の区切りは半角のハイフン「-」です",
                    "{kind_en} 「{s}」 contains {pen} where the hyphen '-' belongs"
                ),
            )
            .label(msg!("半角の「-」にします", "make this '-'"))
            .help(msg!(
                "「{fixed}」と書いてください。このままでは、ほかの記録の「{fixed}」と同じ ID として照合されません。",
                "write 「{fixed}」: as typed, it does not match 「{fixed}」 anywhere else in the plan"
            ))
            .subject(normalize::key(&fixed))
            .fix(fix),
        );
    };
    for p in &plan.policies {
        check(POLICY_ID, p.file, &p.id);
    }
    for m in &plan.measures {
        check(MEASURE_ID, m.file, &m.id);
        if let Some(p) = &m.policy {
            check(POLICY_ID, m.file, p);
        }
        for d in &m.direction {
            check(DIRECTION_ID, m.file, &d.id);
        }
    }
    for p in &plan.projects {
        for row in p
            .direction
            .iter()
            .flat_map(|d| d.table.iter().flat_map(|t| &t.row))
        {
            check(DIRECTION_ID, p.file, &row.direction);
        }
    }
    if let Some(sd) = &plan.sdgs {
        for row in &sd.row {
            check(MEASURE_ID, sd.file, &row.measure);
        }
    }
    if let Some(mx) = &plan.matrix {
        for row in &mx.row {
            check(MEASURE_ID, row.file, &row.measure);
        }
        for m in &mx.mark {
            check(MEASURE_ID, m.file, &m.measure);
        }
    }
}

/// The bytes of a `[[matrix.mark]]` record, from its header to the end of the line of its last
/// value; empty (at the record) for an inline table, which a fix does not remove.
fn mark_extent(text: &str, span: &Range<usize>, m: &MatrixMark) -> Range<usize> {
    if !text.get(span.clone()).is_some_and(|t| t.starts_with("[[")) {
        return span.start..span.start;
    }
    let last = [&m.measure, &m.project, &m.symbol]
        .iter()
        .map(|t| t.span().end)
        .max()
        .unwrap_or(span.end)
        .min(text.len());
    let mut end = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
    // and the blank line after it, so that removing the record leaves one blank line
    for blank in ["\n", "\r\n"] {
        if text[end..].starts_with(blank) {
            end += blank.len();
            break;
        }
    }
    span.start..end
}

/// The matrix merged from its pieces: a measure's row in two files, a measure given both as
/// a row and as marks, two marks for one cell, a mark naming no column. Resolves each mark's
/// column.
fn check_matrix(plan: &mut Plan, errors: &mut Vec<Finding>) {
    let Some(located) = plan.matrix.as_mut() else {
        return;
    };
    let header = located.file;
    let mx = &mut located.item;
    let columns: Vec<String> = mx
        .columns
        .iter()
        .map(|c| normalize::key(c.get_ref()))
        .collect();
    let names: Vec<&str> = mx.columns.iter().map(|c| c.get_ref().as_str()).collect();
    let columns_span = match (mx.columns.first(), mx.columns.last()) {
        (Some(a), Some(b)) => Some(a.span().start..b.span().end),
        _ => None,
    };
    let mut rows: HashMap<String, (FileId, Range<usize>)> = HashMap::new();
    for r in &mx.row {
        let k = normalize::key(r.measure.get_ref());
        if k.is_empty() {
            continue;
        }
        match rows.get(&k) {
            // Two rows in one file: PC112 reports it.
            Some(first) if first.0 == r.file => {}
            Some(first) => {
                let shown = r.measure.get_ref();
                errors.push(
                    duplicate_id(
                        (r.file, r.measure.span()),
                        first,
                        msg!(
                            "施策番号「{shown}」の重点施策との対応の行が、別のファイルにもあります",
                            "measure `{shown}` has a row of the matrix in another file too"
                        ),
                    )
                    .subject(k)
                    .help(msg!(
                        "重点施策ごとに行を 1 つだけ、どれか 1 つのファイルに書いてください。",
                        "keep one row per measure, in one file"
                    )),
                );
            }
            None => {
                rows.insert(k, (r.file, r.measure.span()));
            }
        }
    }
    // each column's first position by key: a mark's column is looked up, not searched for
    // (normalising the mark's project once per column was marks × columns normalisations)
    let mut column_of: HashMap<&str, usize> = HashMap::new();
    for (j, c) in columns.iter().enumerate() {
        column_of.entry(c.as_str()).or_insert(j);
    }
    let mut cells: HashMap<(String, usize), (FileId, Range<usize>)> = HashMap::new();
    for m in &mut mx.mark {
        let k = normalize::key(m.measure.get_ref());
        let shown = m.measure.get_ref().clone();
        let Some(&j) = column_of.get(normalize::key(m.project.get_ref()).as_str()) else {
            let printed = m.project.get_ref();
            let mut f = codes::INVALID
                .at(
                    m.file,
                    m.project.span(),
                    msg!(
                        "印の列「{printed}」は重点施策との対応の columns にありません",
                        "the mark's column `{printed}` is not one of the matrix's columns"
                    ),
                )
                .label(msg!("columns にない列", "not a column"))
                .subject(k.clone());
            f = match did_you_mean(printed, &names) {
                Some(near) => f.help(msg!(
                    "「{near}」のことですか？ project には columns に書いた列見出しを書いてください。",
                    "did you mean 「{near}」? `project` names a heading of `columns`"
                )),
                None => f.help(msg!(
                    "project には columns に書いた列見出しを書いてください。",
                    "`project` names a heading of `columns`"
                )),
            };
            if let Some(span) = columns_span.clone() {
                f = f.related(
                    Finding::at(header, span),
                    msg!("重点施策との対応の列", "the matrix's columns"),
                );
            }
            errors.push(f);
            continue;
        };
        m.column = j;
        if let Some(row) = rows.get(&k) {
            errors.push(
                duplicate_id(
                    (m.file, m.measure.span()),
                    row,
                    msg!(
                        "施策番号「{shown}」は重点施策との対応に行（[[matrix.row]]）があるのに、印（[[matrix.mark]]）でも書かれています",
                        "measure `{shown}` has a row of the matrix ([[matrix.row]]) and marks ([[matrix.mark]]) too"
                    ),
                )
                .subject(k.clone())
                .help(msg!(
                    "1 つの重点施策は、行か印のどちらか一方の形で書いてください。",
                    "give each measure either a row or marks, not both"
                )),
            );
        }
        match cells.get(&(k.clone(), j)) {
            Some(first) => {
                let col = mx.columns[j].get_ref();
                errors.push(
                    duplicate_id(
                        (m.file, m.measure.span()),
                        first,
                        msg!(
                            "{shown} × {col} の印が 2 つあります",
                            "two marks for the cell {shown} × {col}"
                        ),
                    )
                    .subject(k)
                    .help(msg!(
                        "セルごとに印を 1 つだけ書いてください。",
                        "keep one mark per cell"
                    )),
                );
            }
            None => {
                cells.insert((k, j), (m.file, m.measure.span()));
            }
        }
    }
}

/// Whether the plan holds no record at all (its files hold only comments or settings).
fn has_no_data(plan: &Plan) -> bool {
    plan.meta.is_none()
        && plan.policies.is_empty()
        && plan.measures.is_empty()
        && plan.projects.is_empty()
        && plan.summary.is_none()
        && plan.sdgs.is_none()
        && plan.strategy.is_empty()
        && plan.matrix.is_none()
        && plan.overview.is_none()
        && plan.prose.is_empty()
        && plan.changes.is_empty()
}

/// PC009: every plan file is empty or holds only comments; nothing could be checked.
fn no_data(plan: &Plan) -> Finding {
    let root = &plan.root;
    let files: Vec<&str> = plan
        .files
        .iter()
        .filter(|f| f.rel != CONFIG_FILE)
        .map(|f| f.rel.as_str())
        .collect();
    let (list, list_en) = (files.join("、"), files.join(", "));
    codes::NO_DATA.finding(Location::Path(root.clone()),
        msg!(
            "計画フォルダの TOML ファイルに計画のデータがありません（コメントと設定だけです）: {root}",
            "the plan folder's TOML files hold no plan data, only comments or settings: {root}"
        ),
    )
    .help(msg!(
        "{list} に [plan]、[[policy]]、[[measure]]、[[project]] などの表を書いてください。「#」で始まる行はコメントとして読み飛ばされます。",
        "write tables such as [plan], [[policy]], [[measure]] or [[project]] into {list_en}; lines starting with '#' are comments and are skipped"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_only_dot_toml_is_not_a_plan_file() {
        assert!(is_toml("a.toml") && is_toml("P1.TOML"));
        assert!(!is_toml(".toml"));
    }

    #[test]
    fn did_you_mean_allows_a_third_of_the_longer_word_plus_one() {
        // nine letters: up to four edits are a likely typo, nine are not
        assert_eq!(did_you_mean("abcdexxxx", &["abcdefghi"]), Some("abcdefghi"));
        assert_eq!(did_you_mean("zzzzzzzzz", &["abcdefghi"]), None);
    }
}
