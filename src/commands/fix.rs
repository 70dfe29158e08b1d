//! `plancheck fix [DIR]`: applies the safe fixes to the plan's TOML files in place (only the
//! bytes of the fixed values change: comments, order and formatting stay), or shows them as a
//! unified diff (`--diff`). Writes nothing when the plan does not load.

use super::args::FixArgs;
use super::{Env, Output, render, write};
use crate::finding::Severity;
use crate::i18n::{Lang, Msg, count_en};
use crate::msg;
use crate::outcome::fix::{self, Fixed, NotFixed};
use crate::outcome::{Options, Outcome, display_root, evaluate};
use crate::rules;
use std::path::Path;

pub fn run(args: &FixArgs, env: &Env) -> Output {
    let rule = match args
        .rule
        .as_deref()
        .map(|key| super::find_rule(key, env.lang))
    {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(m)) => return Output::error(m, env.lang, 2),
    };
    let root = display_root(&args.dir);
    let (outcome, unread) = match rules::load(&args.dir, &root) {
        Ok(l) => {
            let unread = l.plan.unread_files.clone();
            (evaluate(Ok(l), &Options::default()), unread)
        }
        Err(failure) => (Outcome::not_loaded(failure), Vec::new()),
    };
    let fixed = match fix::fix(&root, outcome, &unread, rule) {
        Ok(f) => f,
        Err(e) => return not_written(e, env),
    };
    if args.diff {
        return diff(&root, &fixed, env.lang);
    }
    if let Err(m) = write_all(&args.dir, &root, &fixed) {
        return Output::error(m, env.lang, 2);
    }
    Output::ok(summary(&root, &fixed, env.lang))
}

/// The load errors (as `check` shows them), exit 2, and why nothing was written.
fn not_written(e: NotFixed, env: &Env) -> Output {
    let (outcome, why) = match e {
        NotFixed::NotLoaded(o) => (
            o,
            msg!(
                "計画を読み込めないため、何も書き換えていません。",
                "the plan did not load: nothing was written"
            ),
        ),
        NotFixed::Broken(o) => (
            o,
            msg!(
                "修正すると計画を読み込めなくなるため、何も書き換えていません（plancheck の不具合です。報告してください）。",
                "fixing would leave the plan unloadable, so nothing was written (a bug of plancheck: please report it)"
            ),
        ),
    };
    let mut out = render(
        &outcome,
        "human",
        &env.settings(false, crate::finding::Severity::Warning),
    );
    out.stderr.push_str(why.get(env.lang));
    out.stderr.push('\n');
    out.code = 2;
    out
}

fn shown(root: &str, rel: &str) -> String {
    format!("{}/{rel}", root.trim_end_matches('/'))
}

/// What would change, as a unified diff on standard output; the count on standard error.
fn diff(root: &str, fixed: &Fixed, lang: Lang) -> Output {
    let mut text = String::new();
    for (rel, old, new) in &fixed.changed {
        let path = shown(root, rel);
        let d = similar::TextDiff::from_lines(old, new);
        text.push_str(
            &d.unified_diff()
                .context_radius(3)
                .header(&path, &path)
                .to_string(),
        );
    }
    let (n, files) = (total(fixed), fixed.changed.len());
    let m = if n == 0 {
        nothing()
    } else {
        let (findings, in_files) = (count_en(n, "finding"), count_en(files, "file"));
        msg!(
            "指摘 {n} 件を直せます（ファイル {files} 個）。書き込むには --diff を付けずに実行してください。",
            "{findings} can be fixed in {in_files}; run without --diff to write the fixes"
        )
    };
    Output {
        stdout: text.into_bytes(),
        stderr: format!("{}\n", m.get(lang)),
        code: 0,
    }
}

fn nothing() -> Msg {
    msg!(
        "自動で直せる指摘はありません。",
        "nothing to fix automatically"
    )
}

fn total(fixed: &Fixed) -> usize {
    fixed.by_rule.values().sum()
}

/// Writes the changed files, each atomically. Every file is first compared with the text
/// that was checked: if one changed meanwhile (an editor saved it), nothing is written.
/// A byte order mark the file began with is kept.
fn write_all(dir: &Path, root: &str, fixed: &Fixed) -> Result<(), Msg> {
    const BOM: &str = "\u{FEFF}";
    let mut planned = Vec::new();
    for (rel, old, new) in &fixed.changed {
        let path = dir.join(rel);
        let current = std::fs::read(&path).ok();
        let current = current.as_deref().and_then(|b| std::str::from_utf8(b).ok());
        let Some(current) = current else {
            let p = shown(root, rel);
            return Err(msg!(
                "ファイルを読み直せないため、何も書き換えていません: {p}",
                "cannot read {p} again, so nothing was written"
            ));
        };
        let bom = current.starts_with(BOM);
        if current.strip_prefix(BOM).unwrap_or(current) != old {
            let p = shown(root, rel);
            return Err(msg!(
                "検査のあとでファイルが変わったため、何も書き換えていません: {p}。もう一度実行してください。",
                "{p} changed while it was being fixed, so nothing was written; run plancheck fix again"
            ));
        }
        let bytes = if bom {
            format!("{BOM}{new}")
        } else {
            new.clone()
        };
        planned.push((path, rel, bytes));
    }
    for (path, rel, bytes) in planned {
        write::write_atomic(&path, bytes.as_bytes(), None).map_err(|e| {
            let p = shown(root, rel);
            let m = e.message();
            Msg::new(
                format!("{}（{p} より前のファイルは書き換え済みです）", m.ja),
                format!("{} (the files before {p} were written)", m.en),
            )
        })?;
    }
    Ok(())
}

/// The files written, the findings fixed by rule, and what is left.
fn summary(root: &str, fixed: &Fixed, lang: Lang) -> String {
    let n = total(fixed);
    if n == 0 {
        return format!("{}\n", nothing().get(lang));
    }
    let mut out = String::new();
    for (rel, _, _) in &fixed.changed {
        let p = shown(root, rel);
        out.push_str(msg!("修正しました: {p}", "fixed {p}").get(lang));
        out.push('\n');
    }
    let parts: Vec<Msg> = fixed
        .by_rule
        .iter()
        .map(|(code, k)| {
            let name = rules::by_code(code).map_or("", |r| r.name);
            msg!("{code} {name} {k} 件", "{code} {name}: {k}")
        })
        .collect();
    let (ja, en): (Vec<&str>, Vec<&str>) =
        parts.iter().map(|m| (m.ja.as_str(), m.en.as_str())).unzip();
    let (ja, en, files) = (ja.join("、"), en.join(", "), fixed.changed.len());
    let (findings, in_files) = (count_en(n, "finding"), count_en(files, "file"));
    out.push_str(
        msg!(
            "指摘 {n} 件を直しました（{ja}）。書き換えたファイルは {files} 個です。",
            "fixed {findings} ({en}) in {in_files}"
        )
        .get(lang),
    );
    out.push('\n');
    let count = |s: Severity| {
        fixed
            .outcome
            .findings
            .iter()
            .filter(|f| f.severity == s)
            .count()
    };
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    out.push_str(
        msg!(
            "残りの指摘: エラー {e} 件、警告 {w} 件、情報 {i} 件（`plancheck check` で確認できます）",
            "left: {e} errors, {w} warnings and {i} info findings (see `plancheck check`)"
        )
        .get(lang),
    );
    out.push('\n');
    out
}
