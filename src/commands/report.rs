//! `plancheck report`: every placeholder, for the editors, in the chosen format.

use super::args::{ReportArgs, ReportFormat};
use super::{Env, Output, emit, load};
use crate::i18n::Msg;
use crate::output::placeholder_report::{Filter, build, parse_kinds, resolve_project};

/// The report format for `--output FILE` without `--format`: from the file's extension.
fn format_for(ext: &str) -> ReportFormat {
    match ext {
        "csv" => ReportFormat::Csv,
        "xlsx" => ReportFormat::Xlsx,
        "md" | "markdown" => ReportFormat::Markdown,
        "json" => ReportFormat::Json,
        _ => ReportFormat::Table,
    }
}

pub fn run(args: &ReportArgs, env: &Env) -> Output {
    let lang = env.lang;
    // Usage errors go to standard error, so that `> tbd.txt` does not swallow them.
    let fail = |m: Msg| Output::error(m, lang, 2);
    let format = super::chosen_format(args.format, args.output.as_deref(), format_for);
    let kinds = match parse_kinds(&args.kind) {
        Ok(k) => k,
        Err(e) => return fail(e.message()),
    };
    if format == ReportFormat::Xlsx && args.output.is_none() {
        return super::xlsx_needs_output(lang);
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
            match super::workbook_bytes(env, |created| report.to_xlsx(lang, created)) {
                Ok(b) => b,
                Err(m) => return fail(m),
            }
        }
    };
    emit(bytes, args.output.as_deref(), Some(&args.dir), env)
}
