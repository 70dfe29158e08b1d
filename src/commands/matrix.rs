//! `plancheck matrix`: the ○/◎ matrix implied by the direction tables.

use super::args::{AmbiguousArg, MatrixArgs, MatrixFormat};
use super::{Env, Output, emit, load};
use crate::msg;
use crate::output::matrix::{Edited, build};
use crate::output::table::Ambiguous;

pub fn run(args: &MatrixArgs, env: &Env) -> Output {
    if args.sparse && args.format != MatrixFormat::Toml {
        let m = msg!(
            "--sparse は --format toml と一緒に使います。",
            "--sparse goes with --format toml"
        );
        return Output::error(m, env.lang, 2);
    }
    let loaded = match load(&args.dir, args.format == MatrixFormat::Json, env) {
        Ok(l) => l,
        Err(out) => return out,
    };
    let grid = build(&loaded.plan);
    let amb = match args.ambiguous {
        AmbiguousArg::Narrow => Ambiguous::Narrow,
        AmbiguousArg::Wide => Ambiguous::Wide,
    };
    let (lang, diff) = (env.lang, args.diff);
    let text = match args.format {
        MatrixFormat::Table => grid.to_table(lang, diff, amb),
        MatrixFormat::Markdown => grid.to_markdown(lang, diff),
        MatrixFormat::Csv => grid.to_csv(lang, diff),
        MatrixFormat::Json => grid.to_json(),
        // Written over an existing plan file holding `[matrix]` (the README's workflow), the
        // TOML edits that file in place: only the cells change.
        MatrixFormat::Toml if args.sparse => grid.to_toml_sparse(&loaded.plan),
        MatrixFormat::Toml => match args
            .output
            .as_deref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|existing| grid.edit_toml(&existing))
        {
            Some(Edited::Text(text)) => text,
            Some(Edited::NotAMatrix) | None => grid.to_toml(&loaded.plan),
        },
    };
    // The TOML replaces the plan's drawn matrix, so it may be written into the plan folder.
    let forbidden = (args.format != MatrixFormat::Toml).then_some(args.dir.as_path());
    emit(text.into_bytes(), args.output.as_deref(), forbidden, env)
}
