//! Installing without cloning (README, the release workflow example): what the README tells
//! a newcomer to type exists, and the release example builds and attaches a Windows `.exe`.

mod common;
use common::{repo, run_in};

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap()
}

/// The `## Install` section of the README.
fn install_section() -> String {
    let readme = read("README.md");
    let start = readme.find("## Install").expect("an Install section");
    let rest = &readme[start + 3..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end].to_string()
}

#[test]
fn the_readme_installs_from_a_copy_and_from_a_placeholder_repository() {
    let s = install_section();
    assert!(s.contains("cargo install --locked --path ."), "{s}");
    assert!(
        s.contains("cargo install --locked --git <REPOSITORY-URL> plancheck"),
        "{s}"
    );
    assert!(
        s.contains("placeholder"),
        "the placeholder is said to be one"
    );
    assert!(s.contains("仮の表記"), "and in Japanese");
    assert!(
        !s.contains("http://") && !s.contains("https://"),
        "no made-up address"
    );
    assert!(s.contains("examples/github-actions/release.yml"));
}

#[test]
fn the_completion_and_man_commands_of_the_readme_run() {
    let s = install_section();
    let dir = tempfile::tempdir().unwrap();
    let mut ran = 0;
    let mut in_code = false;
    let mut commands = Vec::new();
    for line in s.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if in_code && line.starts_with("plancheck ") {
            commands.push(line);
        }
    }
    for line in commands {
        // the command up to the shell's redirection
        let command = line.split(['>', '&']).next().unwrap().trim();
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let out = run_in(dir.path(), &args);
        assert_eq!(out.code, 0, "{command}: {}", out.stderr);
        assert!(out.stdout.contains("check"), "{command}: mentions check");
        ran += 1;
    }
    assert!(
        ran >= 5,
        "only {ran} commands in the README's install section"
    );
}

#[test]
fn the_release_example_builds_a_windows_exe_and_attaches_it() {
    let w = read("examples/github-actions/release.yml");
    for wanted in [
        "tags: [\"v*\"]",
        "contents: write",
        "runs-on: windows-latest",
        "targets: x86_64-pc-windows-msvc",
        "cargo build --release --locked --target x86_64-pc-windows-msvc",
        "target/x86_64-pc-windows-msvc/release/plancheck.exe",
        "gh release upload $tag plancheck.exe",
    ] {
        assert!(w.contains(wanted), "release.yml lacks {wanted}");
    }
    // a YAML document of mappings indented by spaces only
    assert!(!w.contains('\t'));
    assert!(w.lines().any(|l| l == "jobs:"));
}

#[test]
fn the_example_workflows_install_from_the_placeholder_not_a_made_up_address() {
    for rel in [
        "examples/github-actions/plancheck.yml",
        "examples/github-actions/release.yml",
    ] {
        let w = read(rel);
        // The address is the placeholder, written in the line or in the variable the line
        // reads; installing from the checked-out repository needs no address.
        let variable_is_placeholder = w.contains("PLANCHECK_REPOSITORY: \"<REPOSITORY-URL>\"");
        for line in w.lines().filter(|l| l.contains("cargo install")) {
            let from_placeholder = line.contains("<REPOSITORY-URL>")
                || (variable_is_placeholder && line.contains("\"$PLANCHECK_REPOSITORY\""));
            assert!(
                from_placeholder || line.contains("--path ."),
                "{rel}: {line}"
            );
        }
        assert!(!w.contains("https://") && !w.contains("http://"), "{rel}");
    }
    assert!(read("examples/github-actions/plancheck.yml").contains("cargo install"));
}
