//! `plancheck stats`: counts of what was loaded.

use super::args::StatsFormat;
use super::{Env, Output, load};
use crate::output::stats;
use std::path::Path;

pub fn run(dir: &Path, format: StatsFormat, env: &Env) -> Output {
    let loaded = match load(dir, matches!(format, StatsFormat::Json), env) {
        Ok(l) => l,
        Err(out) => return out,
    };
    let s = stats::stats(&loaded.plan);
    Output::ok(match format {
        StatsFormat::Json => stats::to_json(&s),
        StatsFormat::Table => stats::to_table(&s, env.lang),
    })
}
