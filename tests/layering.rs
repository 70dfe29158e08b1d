//! The layers of `src/` hold (README, "Layout of `src/`"): reading every `crate::…` path of
//! the library's code, a module never refers to a layer above its own. Code compiled only
//! for tests (`#[cfg(test)] mod x;` files and the `#[cfg(test)] mod tests { … }` block that
//! ends a file) is not part of the layering. Also: `src/main.rs` stays a thin shell, and
//! language choices (`Lang::Ja =>`) live in the message catalogue only.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, lowest first. The base types sit at the top of the crate.
const LAYERS: [&[&str]; 7] = [
    &["i18n", "finding", "msg"],
    &["plan"],
    &["analysis"],
    &["rules"],
    &["outcome"],
    &["output"],
    &["commands"],
];

fn layer_of_module(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&name))
}

/// The layer of a file from its path inside `src/` (`plan/load.rs`, `finding.rs`).
fn layer_of_file(rel: &str) -> Option<usize> {
    let first = rel.split('/').next()?;
    layer_of_module(first.trim_end_matches(".rs"))
}

/// The library code of a file: without the test-only parts; also the test-only child
/// modules it declares (`#[cfg(test)] mod x;`).
fn library_code(text: &str) -> (String, Vec<String>) {
    let mut code = String::new();
    let mut test_only = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            let next = lines.peek().map(|l| l.trim()).unwrap_or("");
            let decl = next
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ");
            if let Some(name) = decl.strip_prefix("mod ").and_then(|d| d.strip_suffix(';')) {
                test_only.push(name.to_string());
                lines.next();
                continue;
            }
            if decl.starts_with("mod ") {
                break; // the tests block ends the file
            }
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    (code, test_only)
}

/// The top-level modules a piece of code refers to as `crate::NAME` (or `$crate::NAME`).
fn referenced(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        rest = after;
    }
    out
}

/// Upward references of one file: `(module referred to, its layer)`.
fn violations(rel: &str, code: &str) -> Vec<String> {
    let Some(own) = layer_of_file(rel) else {
        return Vec::new();
    };
    referenced(code)
        .into_iter()
        .filter_map(|m| {
            let layer = layer_of_module(&m)?;
            (layer > own).then(|| format!("src/{rel} refers to crate::{m}"))
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_module_refers_to_a_higher_layer() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let mut test_only: BTreeSet<PathBuf> = BTreeSet::new();
    let mut found = Vec::new();
    let mut checked = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (_, children) = library_code(&text);
        let dir = if path.file_name().is_some_and(|n| n == "mod.rs") {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        test_only.extend(children.iter().map(|c| dir.join(format!("{c}.rs"))));
    }
    for path in &files {
        if test_only.contains(path) {
            continue;
        }
        let rel = path
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let (code, _) = library_code(&std::fs::read_to_string(path).unwrap());
        checked += referenced(&code).len();
        found.extend(violations(&rel, &code));
    }
    assert!(
        test_only.iter().any(|p| p.ends_with("rules/testing.rs")),
        "test-only modules are recognised: {test_only:?}"
    );
    assert!(checked > 200, "only {checked} references read");
    assert!(
        found.is_empty(),
        "references to a higher layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_an_upward_reference() {
    let code = "use crate::finding::Finding;\nuse crate::rules::REGISTRY;\n";
    assert_eq!(
        violations("plan/config.rs", code),
        ["src/plan/config.rs refers to crate::rules"]
    );
    assert!(violations("outcome/mod.rs", code).is_empty());
    // comments and the tests block at the end do not count
    let (lib, _) = library_code(
        "/// see [`crate::output`]\nuse crate::i18n::Lang;\n#[cfg(test)]\nmod tests {\n    use crate::output::human;\n}\n",
    );
    assert!(violations("plan/load.rs", &lib).is_empty(), "{lib}");
    let (_, children) = library_code("#[cfg(test)]\npub mod testing;\npub mod tbd;\n");
    assert_eq!(children, ["testing"]);
}

#[test]
fn main_is_a_thin_shell() {
    let main = std::fs::read_to_string(src().join("main.rs")).unwrap();
    let lines = main.lines().count();
    assert!(lines < 150, "src/main.rs has {lines} lines");
    assert!(
        !main.contains("plancheck::rules") && !main.contains("plancheck::outcome"),
        "main.rs calls commands, not the layers below them"
    );
}

#[test]
fn language_choices_live_in_the_catalogue() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "i18n.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            // `Lang::Ja =>`, and tuple patterns such as `(Lang::Ja, Some(c)) =>`
            let chooses = line.split_once("=>").is_some_and(|(pattern, _)| {
                pattern.contains("Lang::Ja") || pattern.contains("Lang::En")
            });
            if chooses {
                found.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
