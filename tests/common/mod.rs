//! Shared helpers for the integration tests: temporary plan folders and running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A small plan with no findings at all.
pub const VALID: &str = r#"[plan]
name = "テスト市総合計画"
baseline_year = "令和５年度"
target_year = "令和１１年度"

[[policy]]
id = "1"
name = "子育て政策"

[[measure]]
id = "1-1"
policy = "1"
name = "子育て環境の充実"

[[measure.direction]]
id = "1-1 方針１"
title = "切れ目ない支援"
"#;

/// The rules' base plan (`plancheck::rules::BASE`) with textual edits, each of which must
/// apply; the first occurrence of each `from` is replaced.
pub fn base_with(edits: &[(&str, &str)]) -> String {
    let mut text = plancheck::rules::BASE.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "not in the base plan: {from}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// A plan folder holding the base plan with `edits` (see [`base_with`]) as `plan.toml`.
pub fn plan_with(edits: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new();
    f.write("plan.toml", base_with(edits));
    f
}

/// A temporary directory holding a `plan/` folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("plan")).unwrap();
        Fixture { dir }
    }

    pub fn plan(&self) -> PathBuf {
        self.dir.path().join("plan")
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let p = self.plan().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// Runs `plancheck ARGS` inside the temporary directory.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.dir.path(), args)
    }
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The binary in `cwd` with `args`, without the environment that would choose its language,
/// colour or width (LANG, LC_ALL, LC_MESSAGES, LANGUAGE, PLANCHECK_LANG, NO_COLOR, COLUMNS).
pub fn plancheck<S: AsRef<std::ffi::OsStr>>(cwd: &Path, args: &[S]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plancheck"));
    c.current_dir(cwd).args(args);
    for k in [
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
        "PLANCHECK_LANG",
        "NO_COLOR",
        "COLUMNS",
    ] {
        c.env_remove(k);
    }
    c
}

/// Runs the binary in `cwd` with a fixed, colourless, English environment.
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    let out = plancheck(cwd, args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plancheck");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The repository root (where `plan/` is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the folder `from` into `to` (created), recursively: a plan to change in a test.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, by path relative to `dir`: to compare a folder
/// before and after a command.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Every (table path, key) a JSON schema declares, `allow` left out; arrays of tables by
/// their items.
pub fn schema_keys<E: Extend<(String, String)>>(v: &serde_json::Value, path: &str, out: &mut E) {
    let Some(props) = v.get("properties").and_then(serde_json::Value::as_object) else {
        return;
    };
    for (k, p) in props {
        if k == "allow" {
            continue;
        }
        out.extend([(path.to_string(), k.clone())]);
        let child = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        schema_keys(p, &child, out);
        if let Some(items) = p.get("items") {
            schema_keys(items, &child, out);
        }
    }
}

/// Runs `git ARGS` in `dir` as a throw-away author; panics when git fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A throw-away git repository for a script of tools/: the script copied to the same path,
/// `files` written and committed, and `bin/` (ignored) holding the executable stand-ins
/// `stubs` (name, text), which [`run_tool`] puts first on the PATH.
pub fn tool_repository(
    script: &str,
    files: &[(&str, &str)],
    stubs: &[(&str, &str)],
) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        script,
        &std::fs::read_to_string(repo().join(script)).unwrap(),
    );
    for (rel, text) in files {
        write(rel, text);
    }
    for (name, text) in stubs {
        let rel = format!("bin/{name}");
        write(&rel, text);
        std::fs::set_permissions(dir.join(rel), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "first"]);
    t
}

/// Runs `bash SCRIPT ARGS` in `dir` with `dir/bin` first on the PATH and `env` set; returns the
/// exit code and stdout followed by stderr.
pub fn run_tool(dir: &Path, script: &str, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("bash");
    // The tools' settings of whoever runs the suite stay out of the throw-away repository: a
    // MUTANTS_DIFF_OUT given to an outer tools/mutants-diff.sh run would otherwise send the
    // stand-in's lists into the outer run's folder and break it.
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("MUTANTS_") {
            command.env_remove(key);
        }
    }
    let out = command
        .current_dir(dir)
        .arg(script)
        .args(args)
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}
