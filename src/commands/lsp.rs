//! `plancheck lsp`: a language server on standard input and output. It checks the plan folder
//! of every open plan file, with the editor's unsaved buffers in place of the files on disk,
//! publishes the findings of the open files as diagnostics (positions in UTF-16 code units, as
//! the protocol counts them), and offers the safe fixes of `plancheck fix` as quick fixes.

use super::{Env, Output};
use crate::finding::{Finding, Fix, Location, Severity};
use crate::i18n::Lang;
use crate::msg;
use crate::outcome::{Options, Outcome, check_in_memory, display_root};
use crate::plan::source::SourceFile;
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, NumberOrString, Position, PublishDiagnosticsParams, Range,
    Registration, RegistrationParams, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Runs the server until the client asks it to exit. Exit code 0 after `shutdown` and `exit`,
/// 2 when the connection fails.
pub fn run(env: &Env) -> Output {
    let (connection, io) = Connection::stdio();
    let result = serve(&connection, env.lang);
    drop(connection);
    let joined = io.join();
    match result.and(joined.map_err(|e| e.to_string())) {
        Ok(()) => Output::default(),
        Err(e) => Output::error(
            msg!(
                "言語サーバーが異常終了しました: {e}",
                "the language server stopped: {e}"
            ),
            env.lang,
            2,
        ),
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

fn serve(connection: &Connection, lang: Lang) -> Result<(), String> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let params = connection.initialize(caps).map_err(|e| e.to_string())?;
    // Files changed on disk (by `plancheck fix`, another program, a checkout): the client
    // tells us when it can watch them for us.
    let watch = &params["capabilities"]["workspace"]["didChangeWatchedFiles"];
    if watch["dynamicRegistration"] == serde_json::Value::Bool(true) {
        let registration = Registration {
            id: "plancheck-toml-files".to_string(),
            method: DidChangeWatchedFiles::METHOD.to_string(),
            register_options: Some(serde_json::json!({
                "watchers": [{ "globPattern": "**/*.toml" }]
            })),
        };
        let request = Request::new(
            lsp_server::RequestId::from("plancheck-watch".to_string()),
            RegisterCapability::METHOD.to_string(),
            RegistrationParams {
                registrations: vec![registration],
            },
        );
        send(connection, Message::Request(request))?;
    }
    let mut server = Server {
        lang,
        open: BTreeMap::new(),
        checked: HashMap::new(),
        pending: BTreeSet::new(),
    };
    loop {
        // Changes typed in a burst are checked once: checks wait until no message is queued
        // (or a request needs them).
        let message = if server.pending.is_empty() {
            match connection.receiver.recv() {
                Ok(m) => m,
                Err(_) => return Ok(()),
            }
        } else {
            match connection.receiver.try_recv() {
                Ok(m) => m,
                Err(e) if e.is_empty() => {
                    for m in server.flush() {
                        send(connection, m)?;
                    }
                    continue;
                }
                Err(_) => return Ok(()),
            }
        };
        match message {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                for m in server.flush() {
                    send(connection, m)?;
                }
                let response = server.request(req);
                send(connection, Message::Response(response))?;
            }
            Message::Notification(n) => {
                for m in server.notification(n) {
                    send(connection, m)?;
                }
            }
            Message::Response(_) => {}
        }
    }
}

fn send(connection: &Connection, m: Message) -> Result<(), String> {
    connection.sender.send(m).map_err(|e| e.to_string())
}

/// An open document.
struct Document {
    uri: Uri,
    text: String,
}

/// The last check of a plan folder: its outcome and the language of its messages.
struct Checked {
    outcome: Outcome,
    lang: Lang,
}

struct Server {
    /// The language when the plan's `plancheck.toml` names none.
    lang: Lang,
    /// Open documents by file path.
    open: BTreeMap<PathBuf, Document>,
    /// The last check of each plan folder with an open document.
    checked: HashMap<PathBuf, Checked>,
    /// Files changed since the last check of their plan folder.
    pending: BTreeSet<PathBuf>,
}

impl Server {
    fn notification(&mut self, n: Notification) -> Vec<Message> {
        self.notified(n).unwrap_or_default()
    }

    /// What a notification answers; `None` for one whose parameters or file do not parse.
    fn notified(&mut self, n: Notification) -> Option<Vec<Message>> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
                let path = uri_to_path(&p.text_document.uri)?;
                self.open.insert(
                    path.clone(),
                    Document {
                        uri: p.text_document.uri,
                        text: p.text_document.text,
                    },
                );
                self.pending.insert(path);
            }
            DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = serde_json::from_value(n.params).ok()?;
                let path = uri_to_path(&p.text_document.uri)?;
                // Full synchronisation: the last change holds the whole text.
                let doc = self.open.get_mut(&path)?;
                doc.text = p.content_changes.into_iter().last()?.text;
                self.pending.insert(path);
            }
            DidChangeWatchedFiles::METHOD => {
                let p: DidChangeWatchedFilesParams = serde_json::from_value(n.params).ok()?;
                for change in p.changes {
                    // An open file's buffer counts, not the file on disk.
                    if let Some(path) = uri_to_path(&change.uri)
                        && !self.open.contains_key(&path)
                    {
                        self.pending.insert(path);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
                let path = uri_to_path(&p.text_document.uri)?;
                self.open.remove(&path);
                self.pending.insert(path);
                return Some(vec![publish(p.text_document.uri, Vec::new())]);
            }
            _ => {}
        }
        Some(Vec::new())
    }

    fn request(&mut self, req: Request) -> Response {
        match req.method.as_str() {
            CodeActionRequest::METHOD => {
                let actions = serde_json::from_value::<CodeActionParams>(req.params)
                    .ok()
                    .map(|p| self.code_actions(&p))
                    .unwrap_or_default();
                Response::new_ok(req.id, actions)
            }
            _ => Response::new_err(
                req.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("unsupported request: {}", req.method),
            ),
        }
    }

    /// Checks the plan folders of the files changed since their last check.
    fn flush(&mut self) -> Vec<Message> {
        // Only folders with an open file: nothing is published for the others.
        let roots: BTreeSet<PathBuf> = std::mem::take(&mut self.pending)
            .iter()
            .filter_map(|p| plan_root(p))
            .filter(|r| self.open.keys().any(|o| o.starts_with(r)))
            .collect();
        roots.into_iter().flat_map(|r| self.check(r)).collect()
    }

    /// Checks the plan folder `root` with the open buffers in place of the files, and
    /// publishes the diagnostics of each open document of that folder.
    fn check(&mut self, root: PathBuf) -> Vec<Message> {
        let lang = crate::plan::config::lang_setting(&root).unwrap_or(self.lang);
        let outcome = check_folder(&root, &self.open);
        let mut out = Vec::new();
        for (p, doc) in self.open.range(root.clone()..) {
            if !p.starts_with(&root) {
                break;
            }
            let diagnostics = diagnostics_of(&outcome, &root, p, doc, lang);
            out.push(publish(doc.uri.clone(), diagnostics));
        }
        self.checked.insert(root, Checked { outcome, lang });
        out
    }

    /// The quick fixes of the findings with a fix in the requested range of a document, and
    /// one action applying every fix of the document (`source.fixAll`, for fix-on-save).
    // `WorkspaceEdit::changes` is lsp-types' map keyed by `Uri`, which clippy counts as a
    // mutable key (its parser caches); the keys are never changed here.
    #[allow(clippy::mutable_key_type)]
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(path) = uri_to_path(&p.text_document.uri) else {
            return Vec::new();
        };
        let Some(root) = plan_root(&path) else {
            return Vec::new();
        };
        let (Some(checked), Some(doc)) = (self.checked.get(&root), self.open.get(&path)) else {
            return Vec::new();
        };
        let wanted = |kind: &CodeActionKind| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let files = &checked.outcome.files;
        let edits = |fix: &Fix, changes: &mut HashMap<Uri, Vec<TextEdit>>| {
            for e in &fix.edits {
                let Some(target) = files.get(e.file) else {
                    continue;
                };
                let target_path = root.join(&target.rel);
                let in_doc = target_path == path;
                let uri = if in_doc {
                    doc.uri.clone()
                } else {
                    match path_to_uri(&target_path) {
                        Some(u) => u,
                        None => continue,
                    }
                };
                let b = bom(doc, target, in_doc);
                changes.entry(uri).or_default().push(TextEdit {
                    range: Range::new(
                        utf16_position(target, e.span.start, b),
                        utf16_position(target, e.span.end, b),
                    ),
                    new_text: e.replacement.clone(),
                });
            }
        };
        let lang = checked.lang;
        let mut actions = Vec::new();
        let mut in_doc: Vec<&Fix> = Vec::new();
        for f in &checked.outcome.findings {
            let Some(fix) = &f.fix else { continue };
            let Some((_, range)) = place(files, &f.location, &root, &path, doc) else {
                continue;
            };
            in_doc.push(fix);
            if !overlaps(&range, &p.range) || !wanted(&CodeActionKind::QUICKFIX) {
                continue;
            }
            let mut changes = HashMap::new();
            edits(fix, &mut changes);
            let (old, new) = fix
                .edits
                .first()
                .and_then(|e| Some((files.get(e.file)?.slice(&e.span), e.replacement.as_str())))
                .unwrap_or_default();
            let code = f.code;
            let title = msg!(
                "{code} を自動修正します（{old} → {new}）",
                "Fix {code} ({old} → {new})"
            );
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.get(lang).to_string(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(f, range, files, &root, lang)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        if !in_doc.is_empty() && wanted(&CodeActionKind::SOURCE_FIX_ALL) {
            // The fixes that do not overlap, as `plancheck fix` takes them in one pass.
            let mut scratch: Vec<String> = files.iter().map(|f| f.text.clone()).collect();
            let taken = crate::outcome::fix::apply(&mut scratch, in_doc.iter().copied());
            let mut changes = HashMap::new();
            for (fix, _) in in_doc.iter().zip(&taken).filter(|(_, t)| **t) {
                edits(fix, &mut changes);
            }
            let n = taken.iter().filter(|t| **t).count();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: msg!(
                    "plancheck: このファイルの自動修正 {n} 件をすべて適用します",
                    "plancheck: apply the {n} safe fixes of this file"
                )
                .get(lang)
                .to_string(),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                ..Default::default()
            }));
        }
        actions
    }
}

fn publish(uri: Uri, diagnostics: Vec<Diagnostic>) -> Message {
    Message::Notification(Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        },
    ))
}

/// The plan folder of a file: the nearest folder above it holding `plancheck.toml`, else the
/// nearest named `plan`; none for any other file (a `Cargo.toml`, say), which is not checked.
fn plan_root(path: &Path) -> Option<PathBuf> {
    let ancestors = || path.ancestors().skip(1);
    ancestors()
        .find(|d| d.join(crate::plan::load::CONFIG_FILE).is_file())
        .or_else(|| ancestors().find(|d| d.file_name().is_some_and(|n| n == "plan")))
        .map(Path::to_path_buf)
}

/// Checks the plan folder `root` as it is on disk, with each open document's buffer in
/// place of its file.
fn check_folder(root: &Path, open: &BTreeMap<PathBuf, Document>) -> Outcome {
    let shown = display_root(root);
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    match crate::rules::load(root, &shown) {
        Ok(l) => {
            for f in l.plan.files {
                files.insert(f.rel, f.text);
            }
            for u in l.plan.unread_files {
                files.insert(u, String::new());
            }
        }
        Err(failure) => {
            for f in failure.files {
                files.insert(f.rel, f.text);
            }
        }
    }
    for (path, doc) in open {
        if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, doc.text.clone());
        }
    }
    let list: Vec<(&str, &str)> = files
        .iter()
        .map(|(r, t)| (r.as_str(), t.as_str()))
        .collect();
    check_in_memory(&shown, &list, &Options::default())
}

/// Whether the buffer starts with a byte order mark that the loaded text lost (it shifts the
/// first line by one code unit).
fn bom(doc: &Document, file: &SourceFile, is_doc: bool) -> bool {
    is_doc && doc.text.starts_with('\u{FEFF}') && !file.text.starts_with('\u{FEFF}')
}

/// The protocol's position of a byte offset: 0-based line, UTF-16 code units into the line.
fn utf16_position(file: &SourceFile, offset: usize, bom: bool) -> Position {
    let text = &file.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let mut character = text[line_start..offset].encode_utf16().count();
    if bom && line == 0 {
        character += 1;
    }
    Position::new(line as u32, character as u32)
}

/// The file and range of a finding located in the open document `path`.
fn place(
    files: &[SourceFile],
    location: &Location,
    root: &Path,
    path: &Path,
    doc: &Document,
) -> Option<(usize, Range)> {
    match location {
        Location::Span { file, span } => {
            let f = files.get(*file)?;
            if root.join(&f.rel) != path {
                return None;
            }
            let b = bom(doc, f, true);
            Some((
                *file,
                Range::new(
                    utf16_position(f, span.start, b),
                    utf16_position(f, span.end, b),
                ),
            ))
        }
        Location::Path(_) => None,
    }
}

fn overlaps(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

/// The diagnostics of the findings located in the open document `path`.
fn diagnostics_of(
    outcome: &Outcome,
    root: &Path,
    path: &Path,
    doc: &Document,
    lang: Lang,
) -> Vec<Diagnostic> {
    outcome
        .findings
        .iter()
        .filter_map(|f| {
            let (_, range) = place(&outcome.files, &f.location, root, path, doc)?;
            Some(diagnostic(f, range, &outcome.files, root, lang))
        })
        .collect()
}

fn diagnostic(
    f: &Finding,
    range: Range,
    files: &[SourceFile],
    root: &Path,
    lang: Lang,
) -> Diagnostic {
    let severity = match f.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = f.message.get(lang).to_string();
    if let Some(help) = &f.help {
        message.push('\n');
        message.push_str(help.get(lang));
    }
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let Location::Span { file, span } = &r.location else {
                return None;
            };
            let target = files.get(*file)?;
            Some(DiagnosticRelatedInformation {
                location: lsp_types::Location {
                    uri: path_to_uri(&root.join(&target.rel))?,
                    range: Range::new(
                        utf16_position(target, span.start, false),
                        utf16_position(target, span.end, false),
                    ),
                },
                message: r.message.get(lang).to_string(),
            })
        })
        .collect();
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some("plancheck".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The path of a `file:` URI (percent-decoded; `/C:/…` becomes `C:/…` on Windows).
fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file://host/path`: only the local host (empty or `localhost`) is a file here.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = rest.split(['?', '#']).next()?;
    let bytes = percent_decode(path)?;
    let decoded = String::from_utf8(bytes).ok()?;
    if cfg!(windows) {
        let d = decoded.strip_prefix('/').unwrap_or(&decoded);
        Some(PathBuf::from(d.replace('/', "\\")))
    } else {
        Some(PathBuf::from(decoded))
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `file:` URI of a path, percent-encoding every byte but the unreserved ones and `/`.
fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if cfg!(windows) => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An editor that went away (its end of the connection closed) with a change not yet
    /// checked: the server stops at once rather than check the plan for no one.
    #[test]
    fn the_server_stops_without_checking_when_the_editor_has_gone() {
        use lsp_server::RequestId;
        use serde_json::json;
        let (server, client) = Connection::memory();
        let send = |m: Message| client.sender.send(m).unwrap();
        send(Message::Request(Request::new(
            RequestId::from(1),
            "initialize".to_string(),
            json!({ "capabilities": {} }),
        )));
        send(Message::Notification(Notification::new(
            "initialized".to_string(),
            json!({}),
        )));
        let uri = path_to_uri(Path::new("/plancheck-no-such-folder/plan/p1.toml")).unwrap();
        send(Message::Notification(Notification::new(
            DidOpenTextDocument::METHOD.to_string(),
            json!({ "textDocument": {
                "uri": uri.as_str(), "languageId": "toml", "version": 1, "text": "x = 1\n"
            } }),
        )));
        let Connection { sender, receiver } = client;
        drop(sender);
        assert_eq!(serve(&server, Lang::En), Ok(()));
        let sent: Vec<Message> = receiver.try_iter().collect();
        assert_eq!(sent.len(), 1, "only the answer to initialize: {sent:?}");
        assert!(
            matches!(&sent[0], Message::Response(r) if r.id == RequestId::from(1)),
            "{sent:?}"
        );
    }

    #[test]
    fn uris_and_paths_round_trip_with_japanese_names() {
        let p = PathBuf::from("/home/市役所/計画 2025/plan/p1.toml");
        let uri = path_to_uri(&p).unwrap();
        assert!(
            uri.as_str().starts_with("file:///home/%E5%B8%82"),
            "{}",
            uri.as_str()
        );
        assert!(uri.as_str().contains("%202025"));
        assert_eq!(uri_to_path(&uri), Some(p));
        let raw = Uri::from_str("file:///tmp/a%20b/%E8%A8%88.toml").unwrap();
        assert_eq!(uri_to_path(&raw), Some(PathBuf::from("/tmp/a b/計.toml")));
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
    }

    #[test]
    fn positions_count_utf16_code_units() {
        let text = "a = 1\nb = \"𠮷野家の取組\"\n";
        let f = SourceFile::new("p".into(), "p".into(), text.into());
        let at = text.find('取').unwrap();
        // 「b = "」 is 5 units, 𠮷 two, 野家の three
        assert_eq!(utf16_position(&f, at, false), Position::new(1, 10));
        assert_eq!(utf16_position(&f, 0, true), Position::new(0, 1));
        assert_eq!(utf16_position(&f, text.len(), false), Position::new(2, 0));
        // a byte order mark shifts the first line only
        assert_eq!(utf16_position(&f, 0, false), Position::new(0, 0));
        assert_eq!(utf16_position(&f, at, true), Position::new(1, 10));
        // an offset inside a character is the start of that character
        assert_eq!(utf16_position(&f, at + 1, false), Position::new(1, 10));
    }

    /// The byte order mark counts when the editor's buffer has it and the loaded text lost it.
    #[test]
    fn a_byte_order_mark_counts_only_in_the_buffer_that_has_it() {
        let doc = |text: &str| Document {
            uri: Uri::from_str("file:///p/plan/p1.toml").unwrap(),
            text: text.to_string(),
        };
        let file = |text: &str| SourceFile::new("p1.toml".into(), "p1.toml".into(), text.into());
        let (with, without) = ("\u{FEFF}a = 1\n", "a = 1\n");
        assert!(bom(&doc(with), &file(without), true));
        assert!(!bom(&doc(with), &file(without), false), "another file");
        assert!(!bom(&doc(without), &file(without), true));
        assert!(
            !bom(&doc(with), &file(with), true),
            "the loaded text kept it"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_colon_in_a_unix_path_is_escaped_in_its_uri() {
        let uri = path_to_uri(Path::new("/tmp/a:b/plan/p1.toml")).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%3Ab/plan/p1.toml");
    }
}
