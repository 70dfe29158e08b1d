//! In Japanese mode no English reaches the user: every command's help, the usage errors,
//! every rule's messages on its failing fixture, load errors, `rules`, `explain` for every
//! code, the tables of `report`, `matrix` and `stats` and the review page's text, all run with
//! `--lang ja`, may hold Latin letters only in allow-listed words: rule codes and names, paths
//! and file names, the TOML keys of the plan format, option names and values, words found in
//! the plan data itself, and the short explicit list below. The oracle reads the docs and the English help
//! of the binary for those lists; it never asks the library for a message.
//!
//! Also here: the glossary (`docs/glossary.md`) — its forbidden variants appear in no
//! Japanese output — and the polite style (no sentence ends in plain 「だ。」「である。」).

mod common;
use common::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Words that are neither codes, rule names, paths, TOML keys, option names or values, nor
/// found in the plan: the program, encodings, formats and abbreviations a Japanese office
/// uses as they are, and environment variables.
const EXPLICIT: &[&str] = &[
    "plancheck",
    "TOML",
    "UTF-8",
    "UTF-16",
    "Shift_JIS",
    "BOM",
    "ID",
    "OS",
    "CSV",
    "Excel",
    "HTML",
    "JSON",
    "SARIF",
    "PLANCHECK_LANG",
    "NO_COLOR",
    "COLUMNS",
    "roff",
    "Windows",
    // the names Windows Notepad gives UTF-16 in its "save as" dialog: Unicode, UTF-16 LE/BE
    "Unicode",
    "LE",
    "BE",
    "km2",        // a unit, quoted as the plan may write it
    "nmae",       // PC005's example: a misspelt key
    "UTC",        // the time zone of the review page's date
    "Ctrl-C",     // the key that ends `check --watch`, as keyboards print it
    "git",        // the version control tool `diff --old-rev` reads the older draft from
    "fix",        // `plancheck fix`, named where a rule has a fix
    "LSP",        // the language server protocol, named in `plancheck lsp`'s help
    "kobun-2022", // the built-in notation preset's name, a value of plancheck.toml
];

/// The English names of placeholder kinds, which `report --kind` accepts.
const KINDS: &[&str] = &[
    "tbd",
    "page-ref",
    "missing-value",
    "draft-plan",
    "figure",
    "note",
    "footnote",
];

struct Run {
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plancheck"));
    c.current_dir(cwd).args(args);
    for k in ["LANG", "LC_ALL", "LC_MESSAGES", "PLANCHECK_LANG", "COLUMNS"] {
        c.env_remove(k);
    }
    c.env("NO_COLOR", "1");
    let out = c.output().expect("run plancheck");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs of ASCII letters with the characters that glue paths, options and codes together.
fn tokens(text: &str) -> Vec<String> {
    let glue = |c: char| c.is_ascii_alphanumeric() || "_-./\\~$+:*".contains(c);
    text.split(|c: char| !glue(c))
        .map(|t| {
            t.trim_end_matches(|c: char| ".:-*".contains(c))
                .trim_start_matches(|c: char| ":*".contains(c))
                .to_string()
        })
        .filter(|t| t.chars().any(|c| c.is_ascii_alphabetic()))
        .collect()
}

/// Latin words of the text between double quotes in TOML (values, not comments or keys).
fn quoted_tokens(toml_text: &str, into: &mut BTreeSet<String>) {
    for line in toml_text.lines() {
        for (i, part) in line.split('"').enumerate() {
            if i % 2 == 1 {
                into.extend(tokens(part));
            } else if part.contains('#') {
                break; // a comment: not data
            }
        }
    }
}

struct Allow {
    rule_names: BTreeSet<String>,
    toml_keys: BTreeSet<String>,
    options: BTreeSet<String>,
    values: BTreeSet<String>,
    plan_words: BTreeSet<String>,
    /// What the test typed on the command line, echoed back in messages.
    typed: BTreeSet<String>,
    /// The subcommands: allowed in help and usage errors only.
    commands: BTreeSet<String>,
}

impl Allow {
    fn new() -> Allow {
        let en_rules = run(&repo(), &["rules", "--lang", "en"]);
        let rule_names: BTreeSet<String> = en_rules
            .stdout
            .lines()
            .filter(|l| l.starts_with("PC"))
            .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
            .collect();
        assert!(rule_names.len() > 30, "{rule_names:?}");
        // keys and table names in the TOML blocks of the plan format and the README
        let mut toml_keys = BTreeSet::new();
        for doc in ["docs/plan-format.md", "README.md"] {
            let text = std::fs::read_to_string(repo().join(doc)).unwrap();
            let mut in_toml = false;
            for line in text.lines() {
                if line.starts_with("```") {
                    in_toml = line.starts_with("```toml");
                    continue;
                }
                if !in_toml {
                    continue;
                }
                let line = line.split(" #").next().unwrap().trim();
                if line.starts_with('[') {
                    let name = line.trim_matches(|c| c == '[' || c == ']');
                    toml_keys.extend(name.split('.').map(str::to_string));
                } else if let Some((key, value)) = line.split_once('=') {
                    toml_keys.insert(key.trim().to_string());
                    // inline tables: allow = [{ rule = …, reason = … }]
                    for part in value.split(['{', ',']) {
                        if let Some((k, _)) = part.split_once('=') {
                            toml_keys.insert(k.trim().to_string());
                        }
                    }
                }
            }
        }
        assert!(toml_keys.contains("direction") && toml_keys.contains("baseline_year"));
        // option names and their values, from the English help of every command
        let mut options = BTreeSet::new();
        let mut values = BTreeSet::new();
        let mut pages = vec![run(&repo(), &["--help", "--lang", "en"]).stdout];
        let subs: Vec<String> = pages[0]
            .split("Commands:")
            .nth(1)
            .unwrap()
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .map(|l| l.split_whitespace().next().unwrap().to_string())
            .collect();
        for s in &subs {
            pages.push(run(&repo(), &[s, "--help", "--lang", "en"]).stdout);
        }
        for page in &pages {
            for t in page.split_whitespace() {
                let t = t.trim_matches(|c: char| ",.()[]`'".contains(c));
                if t.starts_with('-') && t.len() > 1 {
                    options.insert(t.split('=').next().unwrap().to_string());
                }
            }
            for part in page.split("[possible values: ").skip(1) {
                let list = part.split(']').next().unwrap();
                values.extend(list.split(", ").map(|v| v.trim().to_string()));
            }
        }
        assert!(
            options.contains("--lang") && values.contains("json"),
            "{values:?}"
        );
        let mut plan_words = BTreeSet::new();
        let mut files = Vec::new();
        toml_files(&repo().join("plan"), &mut files);
        for f in files {
            quoted_tokens(&std::fs::read_to_string(f).unwrap(), &mut plan_words);
        }
        Allow {
            rule_names,
            toml_keys,
            options,
            values,
            plan_words,
            typed: BTreeSet::new(),
            commands: subs.into_iter().collect(),
        }
    }

    /// Whether `t` may appear after `prev`: an option's value (`json`, `info`) only right
    /// after an option or where the command line is explained, so that a bare English word
    /// such as a severity's name is still caught.
    fn allows_after(&self, prev: Option<&str>, t: &str, cli: bool) -> bool {
        self.allows(t, cli)
            || (self.values.contains(t) && (cli || prev.is_some_and(|p| p.starts_with("--"))))
            // a command line the user is told to type: `plancheck review`
            || (prev == Some("plancheck") && self.commands.contains(t))
    }

    /// Whether a word may appear; `cli`: in help or a usage error, where command names and
    /// the English kind names that `--kind` accepts are listed.
    fn allows(&self, t: &str, cli: bool) -> bool {
        let is_code =
            t.len() == 5 && t.starts_with("PC") && t[2..].chars().all(|c| c.is_ascii_digit());
        let path_like = t.contains('/')
            || t.contains('\\')
            || t.starts_with("~$")
            || [
                ".toml", ".csv", ".xlsx", ".json", ".md", ".html", ".bak", ".txt", ".sarif", ".db",
                ".ini",
            ]
            .iter()
            .any(|e| t.to_ascii_lowercase().ends_with(e))
            || t.contains(".toml:");
        let code_point = (t.starts_with("U+") || t.starts_with("0x"))
            && t[2..].chars().all(|c| c.is_ascii_hexdigit());
        is_code
            || path_like
            || code_point
            || self.rule_names.contains(t)
            || self.options.contains(t)
            || self.plan_words.contains(t)
            || EXPLICIT.contains(&t)
            || (cli && (KINDS.contains(&t) || self.commands.contains(t)))
            || self.typed.contains(t)
            || (t.contains('.') && t.split('.').all(|p| self.toml_keys.contains(p)))
            || self.toml_keys.contains(t)
    }
}

fn toml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            toml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

/// The lines of a human report that are ours: not the quoted source lines (`12 │ …`).
fn our_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| {
        let t = l.trim_start();
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let source_line = digits > 0 && t[digits..].trim_start().starts_with('│');
        // underline rows (`·`) hold only marks, except the labels after `╰──`, which are ours
        let marks = t.starts_with('│') || t.starts_with('·');
        !(source_line || marks) || t.contains("╰──")
    })
}

/// The words of an HTML page a reader sees, one element per line: without `<script>`,
/// `<style>`, quoted source excerpts, tags and their attributes.
fn page_text(html: &str) -> String {
    let mut rest = html;
    let mut out = String::new();
    while !rest.is_empty() {
        let skip = ["<script", "<style", "<pre class=\"excerpt\""]
            .iter()
            .zip(["</script>", "</style>", "</pre>"])
            .find(|(open, _)| rest.starts_with(*open));
        if let Some((_, close)) = skip {
            let end = rest.find(close).expect("closed element") + close.len();
            rest = &rest[end..];
        } else if rest.starts_with('<') {
            let end = rest.find('>').expect("closed tag") + 1;
            rest = &rest[end..];
            out.push('\n');
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Writes a fixture (`#@file NAME` lines start further files) into `dir/plan`.
fn write_fixture(dir: &Path, text: &str) {
    let plan = dir.join("plan");
    std::fs::create_dir_all(&plan).unwrap();
    let mut parts = text.split("\n#@file ");
    std::fs::write(plan.join("plan.toml"), parts.next().unwrap()).unwrap();
    for p in parts {
        let (name, body) = p.split_once('\n').unwrap_or((p, ""));
        let path = plan.join(name.trim());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

/// Every Japanese output worth reading: `(what was run, text)`.
fn japanese_outputs(allow: &mut Allow) -> Vec<(String, String)> {
    let root = repo();
    let mut subs: Vec<String> = allow.commands.iter().cloned().collect();
    subs.sort();
    let typed_args = [
        &["--lang", "ja", "chek"][..],
        &["--lang", "ja"],
        &["--lang", "ja", "check", "--fromat", "json"],
        &["--lang", "ja", "check", "--format", "xml"],
        &["--lang", "ja", "check", "--width", "abc"],
        &["--lang", "ja", "explain"],
        &[
            "--lang",
            "ja",
            "check",
            "--baseline",
            "a",
            "--write-baseline",
            "b",
        ],
        &["--lang", "ja", "completions", "cmd"],
        &["--lang", "ja", "report", "--kind", "nonsense"],
        &["--lang", "ja", "report", "--project", "999"],
        &["--lang", "ja", "explain", "PC999"],
        &["--lang", "ja", "diff", "--old-rev", "no-such-rev", "plan"],
        &["--lang", "ja", "diff", "plan"],
    ];
    for args in typed_args {
        allow.typed.extend(args.iter().map(|a| a.to_string()));
    }
    allow
        .typed
        .extend(["nowhere", "empty", "enc", "fresh"].map(String::from));
    let mut out = Vec::new();
    let mut push = |what: String, r: Run| {
        out.push((what, format!("{}{}", r.stdout, r.stderr)));
    };
    push(
        "cli: --help".into(),
        run(&root, &["--lang", "ja", "--help"]),
    );
    for s in &subs {
        push(
            format!("cli: {s} --help"),
            run(&root, &["--lang", "ja", s, "--help"]),
        );
    }
    for args in typed_args {
        push(format!("cli: {}", args.join(" ")), run(&root, args));
    }
    let rules = run(&root, &["--lang", "ja", "rules"]);
    let codes: Vec<String> = rules
        .stdout
        .lines()
        .filter(|l| l.starts_with("PC"))
        .map(|l| l[..5].to_string())
        .collect();
    push("rules".into(), rules);
    for c in &codes {
        push(
            format!("explain {c}"),
            run(&root, &["--lang", "ja", "explain", c]),
        );
    }
    for args in [
        &["check", "plan", "--color", "never", "--width", "1000"][..],
        &["report", "plan"],
        &["report", "plan", "--format", "markdown"],
        &["report", "plan", "--format", "csv"],
        &["matrix", "plan"],
        &["matrix", "plan", "--diff"],
        &["matrix", "plan", "--format", "markdown"],
        &["matrix", "plan", "--format", "csv"],
        &["stats", "plan"],
        &["diff", "plan", "plan", "--findings"],
        &["diff", "plan", "plan", "--against-changes"],
    ] {
        let mut a = vec!["--lang", "ja"];
        a.extend_from_slice(args);
        push(args.join(" "), run(&root, &a));
    }
    // what `fix --diff` says on standard error (its standard output is the plan's own text)
    let diff = run(&root, &["--lang", "ja", "fix", "plan", "--diff"]);
    push(
        "fix plan --diff".into(),
        Run {
            stdout: String::new(),
            stderr: diff.stderr,
        },
    );
    // the review page: its text, without the quoted source (`<pre class="excerpt">`), the
    // script, the style sheet and the markup
    let page = run(&root, &["--lang", "ja", "review", "plan"]).stdout;
    assert!(page.matches("<pre class=\"excerpt\"").count() > 10);
    push(
        "review page".into(),
        Run {
            stdout: page_text(&page),
            stderr: String::new(),
        },
    );
    // every rule's failing fixture, through the public registry
    for rule in plancheck::rules::REGISTRY {
        let dir = tempfile::tempdir().unwrap();
        // None: a load failure a fixture cannot hold; the disk cases below produce them
        let Some(fail) = rule.fail else { continue };
        let text = fail.text();
        quoted_tokens(&text, &mut allow.plan_words);
        write_fixture(dir.path(), &text);
        push(
            format!("check on the {} fixture", rule.code),
            run(
                dir.path(),
                &[
                    "--lang", "ja", "check", "plan", "--color", "never", "--width", "1000",
                ],
            ),
        );
        push(
            format!("fix on the {} fixture", rule.code),
            run(
                dir.path(),
                &["--lang", "ja", "fix", "plan", "--color", "never"],
            ),
        );
    }
    // load errors the fixtures cannot hold: no folder, an empty one, encodings
    let dir = tempfile::tempdir().unwrap();
    push(
        "no folder".into(),
        run(dir.path(), &["--lang", "ja", "check", "nowhere"]),
    );
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    push(
        "empty folder".into(),
        run(dir.path(), &["--lang", "ja", "check", "empty"]),
    );
    // `init`: a new plan, and a folder that is not empty
    push(
        "init".into(),
        run(dir.path(), &["--lang", "ja", "init", "fresh"]),
    );
    push(
        "init into a folder that is not empty".into(),
        run(dir.path(), &["--lang", "ja", "init", "fresh"]),
    );
    std::fs::create_dir(dir.path().join("enc")).unwrap();
    let utf16: Vec<u8> = "[plan]\nname = \"市\"\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    std::fs::write(
        dir.path().join("enc/a.toml"),
        [&[0xFF, 0xFE][..], &utf16].concat(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("enc/b.toml"),
        b"[plan]\nname = \"\x8e\x73\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("enc/c.toml"),
        "[plan]\u{3000}\nname ＝ “市”\n",
    )
    .unwrap();
    push(
        "encodings".into(),
        run(dir.path(), &["--lang", "ja", "check", "enc"]),
    );
    // the TOML parser's errors, in our words
    std::fs::create_dir(dir.path().join("syntax")).unwrap();
    for (name, text) in [
        ("a.toml", "[plan]\nname = \"abc\n"),
        ("b.toml", "[plan]\nname =\n"),
        ("c.toml", "[plan]\nname = \"\\q\"\n"),
        ("d.toml", "[plan]\nname = \"a\"\nname = \"b\"\n"),
        ("e.toml", "[[policy]]\nid = 1x2\n[plan\n"),
        ("f.toml", "x = [1,\n"),
        (
            "g.toml",
            "[[measure]]\nid = \"1-1\"\npolicy = 1\nname = [\"a\"]\n",
        ),
    ] {
        std::fs::write(dir.path().join("syntax").join(name), text).unwrap();
    }
    allow.typed.insert("syntax".to_string());
    let r = run(dir.path(), &["--lang", "ja", "check", "syntax"]);
    assert!(r.stdout.matches("PC004").count() >= 6, "{}", r.stdout);
    out.push(("syntax errors".into(), r.stdout));
    out
}

#[test]
fn no_english_reaches_the_user_in_japanese_mode() {
    let mut allow = Allow::new();
    let outputs = japanese_outputs(&mut allow);
    assert!(outputs.len() > 100, "only {} outputs", outputs.len());
    let mut found: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (what, text) in &outputs {
        assert!(!text.trim().is_empty(), "{what}: no output");
        let cli = what.starts_with("cli: ");
        for line in our_lines(text) {
            let line = line.trim_start();
            let words = tokens(line);
            for (i, t) in words.iter().enumerate() {
                let prev = i.checked_sub(1).map(|j| words[j].as_str());
                if !allow.allows_after(prev, t, cli) {
                    let e = found
                        .entry(t.clone())
                        .or_insert_with(|| (0, format!("{what}: {}", line.trim())));
                    e.0 += 1;
                }
            }
        }
    }
    let report: Vec<String> = found
        .iter()
        .map(|(t, (n, first))| format!("{t} ×{n}  e.g. {first}"))
        .collect();
    assert!(
        found.is_empty(),
        "{} English words in Japanese mode:\n{}",
        found.len(),
        report.join("\n")
    );
}

#[test]
fn the_oracle_rejects_english_and_accepts_the_allow_list() {
    let allow = Allow::new();
    let unallowed = |text: &str| -> Vec<String> {
        let words = tokens(text);
        (0..words.len())
            .filter(|&i| {
                let prev = i.checked_sub(1).map(|j| words[j].as_str());
                !allow.allows_after(prev, &words[i], false)
            })
            .map(|i| words[i].clone())
            .collect()
    };
    let bad = unallowed("既定の重大度: warning。invalid basic string です");
    assert_eq!(bad, ["warning", "invalid", "basic", "string"]);
    // an option's value is allowed right after the option only
    assert!(unallowed("--min-severity info を付けてください").is_empty());
    assert_eq!(unallowed("重大度 info の指摘"), ["info"]);
    // command and kind names only where the command line is explained
    assert!(!allow.allows("page-ref", false) && allow.allows("page-ref", true));
    assert!(!allow.allows("help", false) && allow.allows("help", true));
    let good = "PC101 unknown-direction plan/p1.toml:3:5 --lang json [[project.direction.table.row]] U+3000 plancheck.toml";
    let bad = unallowed(good);
    assert!(bad.is_empty(), "{bad:?}");
}

/// The forbidden variants of `docs/glossary.md`: every 「…」 in the last column of its
/// terms table.
fn forbidden_terms() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("docs/glossary.md")).unwrap();
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let last = line.trim_end_matches('|').rsplit('|').next().unwrap_or("");
        for part in last.split('「').skip(1) {
            if let Some(word) = part.split('」').next() {
                out.push(word.to_string());
            }
        }
    }
    out
}

/// Plain-style endings (だ・である調) that the polite style never uses.
const PLAIN: &[&str] = &[
    "だ。",
    "である。",
    "であり、",
    "だが、",
    "だが",
    "ではない。",
    "だった。",
];

/// The line of a human report that states a finding: after its severity mark.
fn finding_line(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if let Some((_, label)) = t.split_once("╰── ") {
        return Some(label.trim_end()); // a mark's label under the source line
    }
    ["× ", "⚠ ", "☞ "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map(str::trim_end)
}

#[test]
fn the_glossary_and_the_polite_style_hold_in_every_japanese_output() {
    let forbidden = forbidden_terms();
    for expected in [
        "重点施策との対応表",
        "○/◎ の表",
        "ルール",
        "プレースホルダ",
        "図は空欄",
    ] {
        assert!(
            forbidden.iter().any(|f| f == expected),
            "the glossary forbids {expected}: {forbidden:?}"
        );
    }
    let mut allow = Allow::new();
    let outputs = japanese_outputs(&mut allow);
    let mut found = BTreeSet::new();
    let mut findings_seen = 0;
    for (what, text) in &outputs {
        for line in our_lines(text) {
            for word in forbidden
                .iter()
                .map(String::as_str)
                .chain(PLAIN.iter().copied())
            {
                if line.contains(word) {
                    found.insert(format!("「{word}」 in {what}: {}", line.trim()));
                }
            }
            // a finding's message ends politely or in a noun, never in a plain verb form
            // … and so does a rule's summary in the rule list
            let summary = (what == "rules" && line.starts_with("PC")).then_some(line.trim_end());
            if let Some(message) = finding_line(line).or(summary) {
                findings_seen += 1;
                for ending in [
                    "ない",
                    "ある",
                    "いる",
                    "異なる",
                    "違う",
                    "合わない",
                    "はず",
                    "だ",
                    "できる",
                    "った",
                    "れる",
                ] {
                    if message.ends_with(ending) {
                        found.insert(format!("ends in 「{ending}」 in {what}: {message}"));
                    }
                }
            }
        }
    }
    assert!(
        findings_seen > 200,
        "only {findings_seen} finding lines read"
    );
    assert!(
        found.is_empty(),
        "{} glossary or style breaches:\n{}",
        found.len(),
        found.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_style_check_catches_the_plain_forms_of_the_old_messages() {
    let old = "  ⚠ 1-1 × 少子高齢化対策プロジェクト: 対応表では◎（方針1 の1つ）だが、図は空欄";
    let message = finding_line(old).unwrap();
    assert!(PLAIN.iter().any(|p| message.contains(p)));
    assert!(
        forbidden_terms()
            .iter()
            .any(|f| message.contains(f.as_str()))
    );
    assert_eq!(finding_line("  ☞ 目標値がない"), Some("目標値がない"));
    assert_eq!(
        finding_line("   ·   ╰── 目標値がない"),
        Some("目標値がない")
    );
}
