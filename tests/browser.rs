//! The review page as a person sees it: opened in headless Chromium (the distribution's package),
//! asserted on the DOM after the page's script ran, screenshotted and printed to PDF.
//!
//! The expectations come from the JSON outputs of `plancheck check` and `plancheck matrix`, run
//! as subprocesses, and from the plan's TOML text: never from the library's own functions.
//! Chromium is required: without it these tests fail (install it with
//! `apt-get install chromium fonts-noto-cjk`, as `.ci/run` does).

mod common;
use common::copy_dir;
use common::repo;
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fixed time of the check, so that the page is the same bytes on every run.
const EPOCH: &str = "1750000000";

fn plancheck(cwd: &Path, args: &[&str]) -> (i32, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .current_dir(cwd)
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("run plancheck");
    (out.status.code().unwrap_or(-1), out.stdout)
}

fn json(cwd: &Path, args: &[&str]) -> serde_json::Value {
    let (_, out) = plancheck(cwd, args);
    serde_json::from_slice(&out).expect("JSON output")
}

/// Writes the review page of `cwd/plan` into a fresh folder; returns (folder guard, path).
fn page(cwd: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("review.html");
    let (code, _) = plancheck(
        cwd,
        &[
            "review",
            "plan",
            "--lang",
            "ja",
            "--output",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "plancheck review exits 0");
    assert!(path.is_file(), "the page was written");
    (out, path)
}

fn chromium() -> PathBuf {
    let candidates = ["chromium", "chromium-browser", "google-chrome"];
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        for c in candidates {
            let p = dir.join(c);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "Chromium is not installed: these tests need a real browser. \
         Install it with `apt-get update && apt-get install -y chromium fonts-noto-cjk` \
         (bash .ci/run does it)."
    );
}

/// Runs headless Chromium on a file URL with `extra` arguments; returns its standard output.
fn browse(url: &str, extra: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::BufReader::new(stdout), &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success(), "chromium failed: {status}");
                break;
            }
            None if Instant::now() > deadline => {
                let _ = child.kill();
                panic!("chromium did not finish within 180 s");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    reader.join().unwrap()
}

fn file_url(path: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", path.display())
}

/// The DOM after scripts ran.
fn dom(path: &Path, fragment: &str) -> Html {
    let text = browse(&file_url(path, fragment), &["--dump-dom".to_string()]);
    assert!(text.contains("</html>"), "Chromium dumped a document");
    Html::parse_document(&text)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> &'a str {
    e.value().attr(name).unwrap_or("")
}

/// A finding as (code, file:line:column), from the JSON.
fn key(f: &serde_json::Value) -> (String, String) {
    let at = match f["line"].as_u64() {
        Some(line) => format!(
            "{}:{}:{}",
            f["file"].as_str().unwrap(),
            line,
            f["column"].as_u64().unwrap()
        ),
        None => f["file"].as_str().unwrap().to_string(),
    };
    (f["code"].as_str().unwrap().to_string(), at)
}

/// Finding entries of the DOM as (code, file:line:column), with whether they are shown.
fn entries(doc: &Html) -> Vec<((String, String), bool)> {
    doc.select(&sel("article.finding"))
        .map(|e| {
            let shown = e.value().attr("hidden").is_none()
                && e.ancestors()
                    .filter_map(ElementRef::wrap)
                    .all(|a| a.value().attr("hidden").is_none());
            (
                (
                    attr(&e, "data-rule").to_string(),
                    attr(&e, "data-at").to_string(),
                ),
                shown,
            )
        })
        .collect()
}

fn multiset<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeMap<T, usize> {
    let mut m = BTreeMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

/// The project of a finding, read from the TOML text: the `number` of the last `[[project]]`
/// record that starts at or above the finding's line in its file.
fn project_from_toml(cwd: &Path, f: &serde_json::Value) -> Option<i64> {
    let line = f["line"].as_u64()? as usize;
    let text = std::fs::read_to_string(cwd.join(f["file"].as_str()?)).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let start = (0..line.min(lines.len()))
        .rev()
        .find(|&i| lines[i].trim() == "[[project]]")?;
    lines[start + 1..].iter().find_map(|l| {
        let rest = l.trim().strip_prefix("number")?.trim().strip_prefix('=')?;
        rest.trim().parse().ok()
    })
}

#[test]
fn every_finding_of_the_json_is_on_the_page_and_nothing_is_fetched() {
    let cwd = repo();
    let (_guard, path) = page(&cwd);
    let report = json(&cwd, &["check", "plan", "--format", "json", "--lang", "ja"]);
    let expected = multiset(report["findings"].as_array().unwrap().iter().map(key));
    let doc = dom(&path, "");
    let found = entries(&doc);
    assert_eq!(
        found.len(),
        report["findings"].as_array().unwrap().len(),
        "one entry per finding"
    );
    assert_eq!(multiset(found.iter().map(|(k, _)| k.clone())), expected);
    assert!(
        found.iter().all(|(_, shown)| *shown),
        "no filter: all shown"
    );
    // the script ran: it revealed the filters and wrote the status line
    let form = doc.select(&sel("form#filters")).next().unwrap();
    assert!(form.value().attr("hidden").is_none(), "filters revealed");
    let status: String = doc
        .select(&sel("#filter-status"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(status.contains(&found.len().to_string()), "{status}");
    // self-contained: no external resource, no link leaving the page
    assert_eq!(
        doc.select(&sel("link, img, iframe, object, embed, script[src]"))
            .count(),
        0
    );
    for e in doc.select(&sel("[src], [href]")) {
        let v = e.value().attr("href").or(e.value().attr("src")).unwrap();
        assert!(v.starts_with('#'), "in-page reference only: {v}");
    }
    let raw = std::fs::read_to_string(&path).unwrap();
    for bad in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "@import",
        "url(",
    ] {
        assert!(!raw.contains(bad), "page holds {bad}");
    }
}

#[test]
fn fragment_filters_show_exactly_the_matching_findings() {
    let cwd = repo();
    let (_guard, path) = page(&cwd);
    let report = json(&cwd, &["check", "plan", "--format", "json", "--lang", "ja"]);
    let all = report["findings"].as_array().unwrap();
    type Pred = Box<dyn Fn(&serde_json::Value) -> bool>;
    let cases: Vec<(&str, Pred)> = vec![
        (
            "#project=3&severity=warning",
            Box::new(|f| f["severity"] == "warning" && project_from_toml(&repo(), f) == Some(3)),
        ),
        (
            "#project=none&rule=matrix-cell-mismatch",
            Box::new(|f| f["code"] == "PC111" && project_from_toml(&repo(), f).is_none()),
        ),
        (
            "#severity=error,warning&project=1",
            Box::new(|f| f["severity"] != "info" && project_from_toml(&repo(), f) == Some(1)),
        ),
    ];
    for (fragment, pred) in cases {
        let expected = multiset(all.iter().filter(|f| pred(f)).map(key));
        assert!(
            !expected.is_empty(),
            "{fragment}: the plan has such findings"
        );
        assert!(expected.len() < all.len(), "{fragment}: and others");
        let doc = dom(&path, fragment);
        let shown = multiset(
            entries(&doc)
                .into_iter()
                .filter(|(_, shown)| *shown)
                .map(|(k, _)| k),
        );
        assert_eq!(shown, expected, "{fragment}");
        // the status line counts them, and the paper shows which filters were on
        let n: usize = expected.values().sum();
        let status: String = doc
            .select(&sel("#filter-status"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(
            status.contains(&format!("うち {n} 件")),
            "{fragment}: {status}"
        );
        let print = doc.select(&sel("#filter-print")).next().unwrap();
        assert!(print.value().attr("hidden").is_none(), "{fragment}");
        assert!(print.text().collect::<String>().starts_with("絞り込み"));
        // the project filter applies to the placeholders too
        let project = fragment
            .trim_start_matches('#')
            .split('&')
            .find_map(|kv| kv.strip_prefix("project="))
            .unwrap();
        let groups: BTreeSet<&str> = doc
            .select(&sel("section.ph-group"))
            .filter(|g| g.value().attr("hidden").is_none())
            .map(|g| attr(&g, "data-project"))
            .collect();
        assert_eq!(groups, BTreeSet::from([project]), "{fragment}");
    }
}

#[test]
fn matrix_highlights_exactly_the_differing_cells() {
    let cwd = repo();
    let (_guard, path) = page(&cwd);
    let m = json(&cwd, &["matrix", "plan", "--format", "json"]);
    let normal = |s: &str| match s.trim() {
        "〇" | "◯" => "○".to_string(),
        s => s.to_string(),
    };
    let mut expected = BTreeSet::new();
    for row in m["rows"].as_array().unwrap() {
        let measure = row["measure"].as_str().unwrap().to_string();
        for (c, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
            let drawn = row["drawn"]
                .as_array()
                .and_then(|d| d.get(c))
                .and_then(|v| v.as_str())
                .unwrap_or("");
            if normal(drawn) != cell.as_str().unwrap() {
                expected.insert((measure.clone(), c.to_string()));
            }
        }
    }
    assert_eq!(expected.len() as u64, m["differing"].as_u64().unwrap());
    assert!(
        !expected.is_empty(),
        "the shipped plan's matrix has differences"
    );
    let doc = dom(&path, "");
    for side in ["drawn", "computed"] {
        let cells: Vec<ElementRef> = doc
            .select(&sel(&format!("table.matrix td.cell.{side}.differs")))
            .collect();
        let got: BTreeSet<(String, String)> = cells
            .iter()
            .map(|e| {
                (
                    attr(e, "data-measure").to_string(),
                    attr(e, "data-column").to_string(),
                )
            })
            .collect();
        assert_eq!(got.len(), cells.len(), "{side}: one cell each");
        assert_eq!(got, expected, "{side}");
        // each differing cell links to the finding about it
        for e in cells {
            let measure = attr(&e, "data-measure");
            let link = e.select(&sel("a")).next().expect("linked to its finding");
            let id = attr(&link, "href").trim_start_matches('#');
            let target = doc
                .select(&sel(&format!("article#{id}")))
                .next()
                .unwrap_or_else(|| panic!("{id} exists"));
            assert_eq!(attr(&target, "data-rule"), "PC111");
            let text: String = target
                .select(&sel("p.msg"))
                .next()
                .unwrap()
                .text()
                .collect();
            assert!(text.contains(&format!("{measure} ×")), "{text}");
        }
    }
    // cells that do not differ are not marked
    let total_cells = doc.select(&sel("table.matrix td.cell")).count();
    let columns = m["columns"].as_array().unwrap().len();
    assert_eq!(
        total_cells,
        2 * columns * m["rows"].as_array().unwrap().len()
    );
}

#[test]
fn planted_markup_in_the_plan_is_shown_as_text_and_never_runs() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("plan"), &tmp.path().join("plan"));
    let p1 = tmp.path().join("plan/projects/p1.toml");
    let text = std::fs::read_to_string(&p1).unwrap();
    let planted = "<script>document.documentElement.setAttribute('data-pwned','1')</script></style><b id=\"planted\">x</b>";
    let name_line = text
        .lines()
        .find(|l| l.starts_with("name = "))
        .unwrap()
        .to_string();
    let toml_string =
        toml::Value::String(format!("少子高齢化対策プロジェクト{planted}")).to_string();
    let changed = text.replacen(&name_line, &format!("name = {toml_string}"), 1);
    assert_ne!(changed, text);
    std::fs::write(&p1, changed).unwrap();
    let (_guard, path) = page(tmp.path());
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(!raw.contains(planted), "the planted markup is escaped");
    let doc = dom(&path, "");
    let root = doc.root_element();
    assert!(
        root.value().attr("data-pwned").is_none(),
        "planted script ran"
    );
    assert_eq!(doc.select(&sel("#planted")).count(), 0, "planted element");
    assert_eq!(
        doc.select(&sel("script")).count(),
        1,
        "only the page's script"
    );
    assert_eq!(
        doc.select(&sel("style")).count(),
        1,
        "only the page's style"
    );
    let style: String = doc.select(&sel("style")).next().unwrap().text().collect();
    assert!(style.contains("@media print"), "the style element is whole");
    // shown as text where the project's name stands
    let heading = doc
        .select(&sel("#findings h3"))
        .map(|h| h.text().collect::<String>())
        .find(|t| t.contains("重点プロジェクト1"))
        .expect("project 1's heading");
    assert!(heading.contains(planted), "{heading}");
    // and the page's own script still ran
    let form = doc.select(&sel("form#filters")).next().unwrap();
    assert!(form.value().attr("hidden").is_none());
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Page sizes (width, height in points) of a PDF: the MediaBox of each `/Type /Page` object.
fn pdf_pages(bytes: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(bytes);
    let mut pages = Vec::new();
    for (i, _) in text.match_indices("/Type /Page") {
        let object = &text[i + "/Type /Page".len()..];
        if object.starts_with('s') {
            continue; // the /Pages tree node
        }
        let object = &object[..object.find("endobj").expect("object ends")];
        let numbers: Vec<f64> = object
            .split("/MediaBox")
            .nth(1)
            .and_then(|s| s.split('[').nth(1))
            .and_then(|s| s.split(']').next())
            .expect("each page has a MediaBox")
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        pages.push((numbers[2] - numbers[0], numbers[3] - numbers[1]));
    }
    pages
}

#[test]
fn screenshot_and_pdf_of_the_shipped_plan() {
    let cwd = repo();
    let (_guard, path) = page(&cwd);
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review");
    std::fs::create_dir_all(&out).unwrap();
    let png = out.join("review.png");
    let pdf = out.join("review.pdf");
    let _ = std::fs::remove_file(&png);
    let _ = std::fs::remove_file(&pdf);
    browse(
        &file_url(&path, ""),
        &[
            "--window-size=1280,2000".to_string(),
            format!("--screenshot={}", png.display()),
        ],
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(png_size(&bytes), (1280, 2000));
    assert!(bytes.len() > 50_000, "a page, not a blank image");
    browse(
        &file_url(&path, ""),
        &[
            "--no-pdf-header-footer".to_string(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("PDF written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let pages = pdf_pages(&bytes);
    // A4 portrait is 595×842 pt; the matrix is on landscape pages.
    let a4 = |(w, h): (f64, f64)| (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0;
    let a4_landscape = |(w, h): (f64, f64)| a4((h, w));
    let landscape = pages.iter().filter(|p| a4_landscape(**p)).count();
    let portrait = pages.iter().filter(|p| a4(**p)).count();
    assert_eq!(
        portrait + landscape,
        pages.len(),
        "every page is A4: {pages:?}"
    );
    assert!(
        (1..=2).contains(&landscape),
        "the matrix on one or two landscape pages: {landscape}"
    );
    // Each project group starts a page, in the findings and in the placeholders: at least
    // 2 × 6 groups + overview; far fewer pages than findings (no page per finding).
    let report = json(&cwd, &["check", "plan", "--format", "json"]);
    let findings = report["findings"].as_array().unwrap().len();
    assert!(
        (13..=findings / 2).contains(&pages.len()),
        "{} pages for {findings} findings",
        pages.len()
    );
}
