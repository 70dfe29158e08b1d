//! `plancheck diff OLD NEW`: the changes between two versions of a plan (新旧対照表), with
//! `--findings` the findings resolved and new, with `--against-changes` only the changes the
//! change table does not mention; `--old-rev REV` reads the old version from git.

use super::args::{DiffArgs, DiffFormat};
use super::{Env, Output, emit, render};
use crate::analysis::diff::{self, against};
use crate::finding::Severity;
use crate::i18n::Msg;
use crate::msg;
use crate::outcome::{Outcome, delta, display_root};
use crate::output::diff::DiffReport;
use crate::plan::load::Loaded;
use crate::rules::change_table_mismatch::item_key;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The format for `--output FILE` without `--format`: from the file's extension.
fn format_for(ext: &str) -> DiffFormat {
    match ext {
        "xlsx" => DiffFormat::Xlsx,
        "md" | "markdown" => DiffFormat::Markdown,
        "html" | "htm" => DiffFormat::Html,
        "json" => DiffFormat::Json,
        _ => DiffFormat::Table,
    }
}

pub fn run(args: &DiffArgs, env: &Env) -> Output {
    let lang = env.lang;
    let fail = |m: Msg| Output::error(m, lang, 2);
    let format = super::chosen_format(args.format, args.output.as_deref(), format_for);
    if format == DiffFormat::Xlsx && args.output.is_none() {
        return super::xlsx_needs_output(lang);
    }
    // With --old-rev the one folder given is the newer version.
    let (new_dir, old_side) = match (&args.old_rev, &args.new) {
        (Some(rev), None) => (args.old.clone(), Old::Rev(rev.clone())),
        (None, Some(new)) => (new.clone(), Old::Dir(args.old.clone())),
        (Some(_), Some(_)) => {
            return fail(msg!(
                "--old-rev を指定したときは、新しい版の計画フォルダだけを指定してください（plancheck diff --old-rev HEAD~1 plan）。",
                "with --old-rev, give only the newer plan folder (plancheck diff --old-rev HEAD~1 plan)."
            ));
        }
        (None, None) => {
            return fail(msg!(
                "比べる二つの計画フォルダ（旧・新）を指定してください（plancheck diff 旧フォルダ 新フォルダ）。",
                "give the two plan folders to compare (plancheck diff OLD NEW)."
            ));
        }
    };
    let json = format == DiffFormat::Json;
    // the checkout of a git revision lives as long as this command
    let mut _checkout = None;
    let (old_dir, old_display) = match &old_side {
        Old::Dir(d) => (d.clone(), display_root(d)),
        Old::Rev(rev) => match checkout(&new_dir, rev) {
            Ok(c) => {
                let shown = format!("{rev}:{}", display_root(&new_dir));
                let dir = c.path().to_path_buf();
                _checkout = Some(c);
                (dir, shown)
            }
            Err(m) => return fail(m),
        },
    };
    let old = load(&old_dir, &old_display, json, env);
    let new = load(&new_dir, &display_root(&new_dir), json, env);
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(a), Err(b)) => {
            let mut out = a;
            out.stdout.extend(b.stdout);
            out.stderr.push_str(&b.stderr);
            return out;
        }
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let mut changes = diff::compare(&old.plan, &new.plan);
    if args.against_changes {
        changes = against::unmentioned(&changes, &new.plan, &|s| item_key(s).0);
    }
    let report = DiffReport {
        old_root: old_display,
        new_root: display_root(&new_dir),
        plan_name: new.plan.meta.as_ref().map(|m| m.name.get_ref().clone()),
        changes,
        unmentioned_only: args.against_changes,
        findings: args.findings.then(|| delta::delta(&old, &new)),
        direction_short: new
            .plan
            .vocabulary
            .sections
            .direction_short
            .get_ref()
            .clone(),
    };
    let bytes = match format {
        DiffFormat::Table => report.to_table(lang, env.width).into_bytes(),
        DiffFormat::Markdown => report.to_markdown(lang).into_bytes(),
        DiffFormat::Json => report.to_json(lang).into_bytes(),
        DiffFormat::Html => report.to_html(lang).into_bytes(),
        DiffFormat::Xlsx => {
            match super::workbook_bytes(env, |created| report.to_xlsx(lang, created)) {
                Ok(b) => b,
                Err(m) => return fail(m),
            }
        }
    };
    if let (Some(out), Old::Dir(d)) = (&args.output, &old_side)
        && super::write::is_inside(out, d)
    {
        return Output::message(super::write::inside_plan_folder(out, d), lang, 2);
    }
    emit(bytes, args.output.as_deref(), Some(&new_dir), env)
}

/// Where the older version comes from.
enum Old {
    Dir(PathBuf),
    Rev(String),
}

/// Loads one version; when it does not load, its load errors as `check` reports them.
fn load(dir: &Path, shown: &str, json: bool, env: &Env) -> Result<Loaded, Output> {
    crate::rules::load(dir, shown).map_err(|failure| {
        render(
            &Outcome::not_loaded(failure),
            if json { "json" } else { "human" },
            &env.settings(false, Severity::Warning),
        )
    })
}

/// Runs git in `dir`; standard output, or the first line of its complaint.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    match Command::new("git").arg("-C").arg(dir).args(args).output() {
        Ok(o) if o.status.success() => Ok(o.stdout),
        Ok(o) => Err(String::from_utf8_lossy(&o.stderr)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()),
        Err(e) => Err(e.to_string()),
    }
}

fn trimmed(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim().to_string()
}

/// The plan folder `dir` as it was at git revision `rev`, copied into a temporary folder
/// (`git ls-tree` and `git cat-file`: the work tree and the index are not touched).
fn checkout(dir: &Path, rev: &str) -> Result<tempfile::TempDir, Msg> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(msg!(
            "計画フォルダ {shown} がありません。",
            "the plan folder {shown} does not exist."
        ));
    }
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        msg!(
            "--old-rev には git のリポジトリが必要ですが、{shown} はリポジトリの中にありません。",
            "--old-rev needs a git repository, and {shown} is not in one ({e})."
        )
    })?;
    let top = PathBuf::from(trimmed(top));
    let prefix = trimmed(git(dir, &["rev-parse", "--show-prefix"]).unwrap_or_default());
    let spec = format!("{rev}^{{commit}}");
    let commit = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map(trimmed)
    .ok()
    .filter(|c| !c.is_empty())
    .ok_or_else(|| {
        msg!(
            "リビジョン「{rev}」は、{shown} のリポジトリにありません。",
            "the revision '{rev}' is not in the repository of {shown}."
        )
    })?;
    let io = |e: std::io::Error| {
        msg!(
            "一時フォルダを作れません（{e}）。",
            "cannot make a temporary folder ({e})."
        )
    };
    let tmp = tempfile::Builder::new()
        .prefix("plancheck-old-")
        .tempdir()
        .map_err(io)?;
    let mut ls = vec!["ls-tree", "-r", "-z", "--name-only", &commit, "--"];
    if !prefix.is_empty() {
        ls.push(&prefix);
    }
    let listing = git(&top, &ls).map_err(|e| {
        msg!(
            "リビジョン「{rev}」のファイルを一覧にできません。",
            "cannot list the files of revision '{rev}' ({e})."
        )
    })?;
    let mut count = 0;
    for path in listing.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path).into_owned();
        let Some(rel) = path.strip_prefix(&prefix) else {
            continue;
        };
        let blob = git(&top, &["cat-file", "blob", &format!("{commit}:{path}")]).map_err(|e| {
            msg!(
                "リビジョン「{rev}」のファイル {path} を読めません。",
                "cannot read {path} at revision '{rev}' ({e})."
            )
        })?;
        let target = tmp.path().join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&target, blob).map_err(io)?;
        count += 1;
    }
    if count == 0 {
        return Err(msg!(
            "リビジョン「{rev}」には計画フォルダ {shown} がありません。",
            "the plan folder {shown} does not exist at revision '{rev}'."
        ));
    }
    Ok(tmp)
}
