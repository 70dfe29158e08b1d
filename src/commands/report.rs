//! `plancheck report`: every placeholder, for the editors, in the chosen format.

use super::args::{ReportArgs, ReportFormat};
use super::{Env, Output, emit, load};
use crate::msg;
use crate::output::placeholder_report::{Filter, UnknownProject, build};

pub fn run(args: &ReportArgs, env: &Env) -> Output {
    let format = args.format.unwrap_or(if env.tty && args.output.is_none() {
        ReportFormat::Table
    } else {
        ReportFormat::Json
    });
    let loaded = match load(&args.dir, format == ReportFormat::Json, env) {
        Ok(l) => l,
        Err(out) => return out,
    };
    let filter = Filter {
        kinds: args.kind.clone(),
        project: args.project.clone(),
    };
    let report = match build(&loaded.plan, &filter) {
        Ok(r) => r,
        Err(UnknownProject(p)) => {
            let m = msg!(
                "そのようなプロジェクトはありません: {p}",
                "no such project: {p}"
            );
            return Output::message(m, env.lang, 2);
        }
    };
    let lang = env.lang;
    let bytes = match format {
        ReportFormat::Table => report.to_table(lang).into_bytes(),
        ReportFormat::Markdown => report.to_markdown(lang).into_bytes(),
        ReportFormat::Csv => report.to_csv(lang).into_bytes(),
        ReportFormat::Json => report.to_json().into_bytes(),
        ReportFormat::Xlsx => {
            if args.output.is_none() {
                let m = msg!(
                    "xlsx は --output FILE で書き出してください",
                    "xlsx needs --output FILE"
                );
                return Output::message(m, lang, 2);
            }
            match report.to_xlsx(lang) {
                Ok(b) => b,
                Err(e) => return Output::message(msg!("xlsx: {e}", "xlsx: {e}"), lang, 2),
            }
        }
    };
    emit(bytes, args.output.as_deref(), Some(&args.dir), env)
}
