//! `plancheck review`: the review page, one self-contained HTML file.

use super::{Env, Output, emit, render};
use crate::msg;
use crate::outcome::{self, Options, Outcome, display_root};
use crate::output::html;
use std::path::Path;

/// When the check ran: `SOURCE_DATE_EPOCH` (seconds, shown in UTC) for reproducible output,
/// else now in the system's time zone.
fn checked_at(epoch: Option<&str>) -> Result<jiff::ZonedDateTime, crate::i18n::Msg> {
    match epoch {
        Some(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC))
            .ok_or_else(|| {
                msg!(
                    "SOURCE_DATE_EPOCH は秒数（整数）で指定してください: {v}",
                    "SOURCE_DATE_EPOCH must be a number of seconds: {v}"
                )
            }),
        _ => Ok(jiff::ZonedDateTime::now()),
    }
}

pub fn run(dir: &Path, output: Option<&Path>, env: &Env) -> Output {
    let at = match checked_at(env.source_date_epoch.as_deref()) {
        Ok(t) => t,
        Err(m) => return Output::message(m, env.lang, 2),
    };
    let loaded = match crate::rules::load(dir, &display_root(dir)) {
        Ok(l) => l,
        Err(failure) => {
            return render(
                &Outcome::not_loaded(failure),
                "human",
                &env.settings(false, crate::finding::Severity::Warning),
            );
        }
    };
    let checked = outcome::evaluate_loaded(&loaded, &Options::default());
    let page = html::build::review(html::build::Checked {
        plan: &loaded.plan,
        findings: &checked.findings,
        suppressed: &checked.suppressed,
        failing: checked.status.code() == 1,
        checked_at: at,
        version: env!("CARGO_PKG_VERSION"),
    });
    let bytes = html::render(&page, env.lang).into_bytes();
    emit(bytes, output, Some(dir), env)
}
