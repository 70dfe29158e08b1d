//! `plancheck report`: every placeholder, for the editors, in the chosen format.

use super::args::{ReportArgs, ReportFormat};
use super::{Env, Output, emit, load};
use crate::i18n::Msg;
use crate::msg;
use crate::output::placeholder_report::{Filter, build, parse_kinds, resolve_project};
use crate::output::workbook;
use std::path::Path;

/// The report format for `--output FILE` without `--format`: from the file's extension.
fn format_for(output: Option<&Path>) -> ReportFormat {
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") => ReportFormat::Csv,
        Some("xlsx") => ReportFormat::Xlsx,
        Some("md" | "markdown") => ReportFormat::Markdown,
        Some("json") => ReportFormat::Json,
        _ => ReportFormat::Table,
    }
}

pub fn run(args: &ReportArgs, env: &Env) -> Output {
    let lang = env.lang;
    // Usage errors go to standard error, so that `> tbd.txt` does not swallow them.
    let fail = |m: Msg| Output::error(m, lang, 2);
    let format = args
        .format
        .unwrap_or_else(|| format_for(args.output.as_deref()));
    let kinds = match parse_kinds(&args.kind) {
        Ok(k) => k,
        Err(e) => return fail(e.message()),
    };
    if format == ReportFormat::Xlsx && args.output.is_none() {
        return fail(msg!(
            "xlsx 形式は --output ファイル名 を指定して書き出してください。",
            "xlsx needs --output FILE."
        ));
    }
    let loaded = match load(&args.dir, format == ReportFormat::Json, env) {
        Ok(l) => l,
        Err(out) => return out,
    };
    let project = match args
        .project
        .as_ref()
        .map(|p| resolve_project(&loaded.plan, p))
    {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(e)) => return fail(e.message()),
    };
    let report = build(&loaded.plan, &Filter { kinds, project });
    let bytes = match format {
        ReportFormat::Table => report.to_table(lang, env.width).into_bytes(),
        ReportFormat::Markdown => report.to_markdown(lang).into_bytes(),
        ReportFormat::Csv => report.to_csv(lang).into_bytes(),
        ReportFormat::Json => report.to_json().into_bytes(),
        ReportFormat::Xlsx => {
            let created = match workbook::Date::of_creation(env.source_date_epoch.as_deref()) {
                Ok(d) => d,
                Err(m) => return fail(m),
            };
            match report.to_xlsx(lang, created) {
                Ok(b) => b,
                Err(e) => {
                    return fail(msg!(
                        "xlsx ファイルを作れませんでした（{e}）。",
                        "cannot make the xlsx file ({e})."
                    ));
                }
            }
        }
    };
    emit(bytes, args.output.as_deref(), Some(&args.dir), env)
}
