//! `plancheck lsp` as an editor drives it: the test starts the server, speaks JSON-RPC with
//! Content-Length framing on its standard input and output, and checks the diagnostics and
//! edits it sends back. Expected positions are counted here, in UTF-16 code units, from the
//! text the test sends.

mod common;

use common::{Fixture, base_with};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages received while waiting for another.
    skipped: Vec<Value>,
}

impl Client {
    fn start(cwd: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plancheck"))
            .arg("lsp")
            .current_dir(cwd)
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("PLANCHECK_LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start plancheck lsp");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 1,
            skipped: Vec::new(),
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its response's result (other messages are skipped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.wait_for(|m| m["id"] == id);
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .incoming
                .recv_timeout(WAIT)
                .expect("the server answered in time");
            if wanted(&m) {
                return m;
            }
            self.skipped.push(m);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The protocol position (line, UTF-16 column) of the first `needle` in `text`, counted here.
fn position(text: &str, needle: &str) -> (u64, u64) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u64;
    (line, text[line_start..at].encode_utf16().count() as u64)
}

fn units(s: &str) -> u64 {
    s.encode_utf16().count() as u64
}

fn start_of(d: &Value) -> (u64, u64) {
    let s = &d["range"]["start"];
    (
        s["line"].as_u64().unwrap(),
        s["character"].as_u64().unwrap(),
    )
}

fn end_of(d: &Value) -> (u64, u64) {
    let s = &d["range"]["end"];
    (
        s["line"].as_u64().unwrap(),
        s["character"].as_u64().unwrap(),
    )
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

const CONFIG: &str = "lang = \"ja\"

[[notation.variant]]
preferred = \"取組\"
variants = [\"取り組み\"]
except = [\"取り組みます\"]
";

#[test]
fn the_server_publishes_findings_of_unsaved_buffers_and_offers_their_fixes() {
    let f = Fixture::new();
    // 𠮷 takes two UTF-16 code units, one character and four bytes: only a count in
    // UTF-16 units puts the diagnostic on 「取り組み」.
    let saved = base_with(&[
        (
            "text = \"妊娠から子育てまで支援します。\"",
            "text = \"𠮷野家の前で、子育ての取り組みを進め、切れ目なく取り組みます。\"",
        ),
        ("direction = \"1-1 方針２\"", "direction = \"1-1 方針 2\""),
    ]);
    f.write("plan.toml", &saved).write("plancheck.toml", CONFIG);
    let path = f.plan().join("plan.toml");
    let uri = format!("file://{}", path.display());
    let mut c = Client::start(f.dir.path());
    let init = c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": format!("file://{}", f.dir.path().display()),
            "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }
        }),
    );
    assert_eq!(init["capabilities"]["textDocumentSync"], 1, "{init}");
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll"])
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1, "text": saved } }),
    );
    let d = c.diagnostics(&uri);
    // The notation variant, found through the dictionary of plancheck.toml (not open),
    // in Japanese as plancheck.toml says.
    let variant = with_code(&d, "PC502");
    assert_eq!(variant.len(), 1, "{d:#?}");
    let (line, col) = position(&saved, "取り組みを進め");
    assert_eq!(start_of(variant[0]), (line, col));
    assert_eq!(end_of(variant[0]), (line, col + units("取り組み")));
    assert_eq!(col, units("text = \"𠮷野家の前で、子育ての"));
    assert_eq!(variant[0]["severity"], 3);
    assert_eq!(variant[0]["source"], "plancheck");
    assert!(
        variant[0]["message"].as_str().unwrap().contains("表記ゆれ"),
        "{}",
        variant[0]["message"]
    );
    // The id notation, with the declaration as a related location.
    let id = with_code(&d, "PC501");
    assert_eq!(id.len(), 1, "{d:#?}");
    let (line, col) = position(&saved, "\"1-1 方針 2\"");
    assert_eq!(start_of(id[0]), (line, col));
    assert_eq!(end_of(id[0]), (line, col + units("\"1-1 方針 2\"")));
    assert_eq!(id[0]["severity"], 2);
    let related = &id[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri.as_str());
    let declared = position(&saved, "id = \"1-1 方針２\"");
    assert_eq!(
        start_of(&related["location"]),
        (declared.0, declared.1 + units("id = "))
    );
    assert!(related["message"].as_str().unwrap().contains("宣言"));

    // An unsaved edit: the id fixed, a matrix cell changed. The file on disk stays.
    let edited = saved
        .replace("direction = \"1-1 方針 2\"", "direction = \"1-1 方針２\"")
        .replace("cells = [\"◎\"]", "cells = [\"○\"]");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": edited }] }),
    );
    let d = c.diagnostics(&uri);
    assert!(with_code(&d, "PC501").is_empty(), "{d:#?}");
    let cell = with_code(&d, "PC111");
    assert_eq!(cell.len(), 1, "{d:#?}");
    let (line, col) = position(&edited, "\"○\"]");
    assert_eq!(start_of(cell[0]), (line, col));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);

    // The quick fix of the cell: the symbol the tables imply, at the cell.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": cell[0]["range"],
            "context": { "diagnostics": [cell[0]], "only": ["quickfix"] }
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    // preferred: the editor's "auto fix" applies it without asking which
    assert_eq!(actions[0]["isPreferred"], true, "{actions:#?}");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "PC111");
    let edits = &actions[0]["edit"]["changes"][&uri];
    assert_eq!(edits.as_array().unwrap().len(), 1);
    assert_eq!(edits[0]["newText"], "\"◎\"");
    assert_eq!(edits[0]["range"], cell[0]["range"]);

    // The quick fix of the variant: 「取組」 over the UTF-16 range of 「取り組み」.
    let variant = with_code(&d, "PC502");
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": variant[0]["range"],
            "context": { "diagnostics": [variant[0]], "only": ["quickfix"] }
        }),
    );
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "取組");
    let (line, col) = position(&edited, "取り組みを進め");
    assert_eq!(
        edit["range"]["start"],
        json!({ "line": line, "character": col })
    );
    assert_eq!(
        edit["range"]["end"],
        json!({ "line": line, "character": col + 4 })
    );
    assert!(
        actions[0]["title"].as_str().unwrap().contains("PC502"),
        "{}",
        actions[0]["title"]
    );

    // No fix where there is nothing to fix.
    let none = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 1 } },
            "context": { "diagnostics": [], "only": ["quickfix"] }
        }),
    );
    assert_eq!(none, json!([]));

    // Fix all (for fix-on-save): both fixes of the buffer at once; applied here by hand, they
    // give the buffer with 「取組」 and ◎.
    let all = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source"] }
        }),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["kind"], "source.fixAll");
    assert_eq!(
        all[0]["title"], "plancheck: このファイルの自動修正 2 件をすべて適用します",
        "the menu entry says what it does"
    );
    let edits = all[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 2, "{edits:#?}");
    assert_eq!(
        apply_edits(&edited, edits),
        edited
            .replace("子育ての取り組みを進め", "子育ての取組を進め")
            .replacen("cells = [\"○\"]", "cells = [\"◎\"]", 1)
    );

    // The server asked to be told of changed TOML files; a dictionary changed on disk (the
    // variant removed from it) is read again, with the unsaved buffer still in place.
    let register = match c
        .skipped
        .iter()
        .position(|m| m["method"] == "client/registerCapability")
    {
        Some(i) => c.skipped.remove(i),
        None => c.wait_for(|m| m["method"] == "client/registerCapability"),
    };
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.toml"
    );
    c.send(json!({ "jsonrpc": "2.0", "id": register["id"], "result": null }));
    let config = f.plan().join("plancheck.toml");
    std::fs::write(&config, "lang = \"ja\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("file://{}", config.display()), "type": 2 }] }),
    );
    let d = c.diagnostics(&uri);
    assert!(with_code(&d, "PC502").is_empty(), "{d:#?}");
    assert_eq!(
        with_code(&d, "PC111").len(),
        1,
        "the buffer, not the file: {d:#?}"
    );

    // Closing the document clears its diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(c.diagnostics(&uri).is_empty());

    let shutdown = c.request("shutdown", Value::Null);
    assert_eq!(shutdown, Value::Null);
    c.notify("exit", Value::Null);
    let status = wait_exit(&mut c.child);
    assert_eq!(status, Some(0));
}

/// The byte offset of a protocol position (UTF-16 units into the line) in `text`.
fn offset(text: &str, p: &Value) -> usize {
    let line = p["line"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = p["character"].as_u64().unwrap() as usize;
    let mut at = start;
    for ch in text[start..].chars() {
        if units == 0 {
            break;
        }
        units -= ch.len_utf16();
        at += ch.len_utf8();
    }
    at
}

/// `text` with the protocol's text edits applied (they do not overlap).
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, new) in spans {
        out.replace_range(a..b, new);
    }
    out
}

/// The exit code of the server once it has ended (None if it did not end in time).
fn wait_exit(child: &mut Child) -> Option<i32> {
    let deadline = std::time::Instant::now() + WAIT;
    while std::time::Instant::now() < deadline {
        if let Some(s) = child.try_wait().unwrap() {
            return s.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn a_plan_that_does_not_load_shows_its_load_errors() {
    let f = Fixture::new();
    let text = base_with(&[("direction = \"1-1 方針１\"", "direction = \"1ー1 方針１\"")]);
    f.write("plan.toml", &text);
    let uri = format!("file://{}", f.plan().join("plan.toml").display());
    let mut c = Client::start(f.dir.path());
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    c.notify("initialized", json!({}));
    // A TOML file outside any plan folder is not checked: no diagnostics, no fixes.
    let other = f.dir.path().join("Cargo.toml");
    let other_text = "[package]\nname = \"x\"\ncells = [\"○\"]\n";
    std::fs::write(&other, other_text).unwrap();
    let other_uri = format!("file://{}", other.display());
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": other_uri, "languageId": "toml", "version": 1, "text": other_text } }),
    );
    let none = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": other_uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 3, "character": 0 } }, "context": { "diagnostics": [] } }),
    );
    assert_eq!(none, json!([]));
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1, "text": text } }),
    );
    let d = c.diagnostics(&uri);
    assert!(
        c.skipped
            .iter()
            .all(|m| m["params"]["uri"] != other_uri.as_str()),
        "{:#?}",
        c.skipped
    );
    let dash = with_code(&d, "PC010");
    assert_eq!(dash.len(), 1, "{d:#?}");
    assert_eq!(dash[0]["severity"], 1);
    let (line, col) = position(&text, "ー1 方針１");
    assert_eq!(start_of(dash[0]), (line, col));
    assert_eq!(end_of(dash[0]), (line, col + 1));
    // English: no plancheck.toml, and the server's environment has no Japanese locale.
    assert!(
        dash[0]["message"].as_str().unwrap().contains("hyphen"),
        "{}",
        dash[0]["message"]
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": dash[0]["range"], "context": { "diagnostics": [] } }),
    );
    assert_eq!(actions[0]["edit"]["changes"][&uri][0]["newText"], "-");
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(wait_exit(&mut c.child), Some(0));
}

/// An editor that names the document `file://localhost/…`: the quick fix edits the document
/// under the name the editor gave it.
#[test]
fn a_fix_edits_the_document_under_the_editors_uri() {
    let f = Fixture::new();
    let text = base_with(&[("direction = \"1-1 方針１\"", "direction = \"1ー1 方針１\"")]);
    f.write("plan.toml", &text);
    let uri = format!("file://localhost{}", f.plan().join("plan.toml").display());
    let mut c = Client::start(f.dir.path());
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1, "text": text } }),
    );
    let d = c.diagnostics(&uri);
    let dash = with_code(&d, "PC010");
    assert_eq!(dash.len(), 1, "{d:#?}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": dash[0]["range"], "context": { "diagnostics": [] } }),
    );
    let changes = &actions[0]["edit"]["changes"];
    assert_eq!(
        changes
            .as_object()
            .map(|m| m.keys().cloned().collect::<Vec<_>>()),
        Some(vec![uri.clone()]),
        "{actions:#?}"
    );
    assert_eq!(changes[&uri][0]["newText"], "-");
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(wait_exit(&mut c.child), Some(0));
}
