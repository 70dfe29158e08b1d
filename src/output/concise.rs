//! `--format concise`: one line per finding at or above `--min-severity`
//! (`path:line:column: CODE message`), then the closing line that says what decided the exit
//! code.

use super::{Rendered, Reporter, Settings, closing, visible};
use crate::finding::Location;
use crate::outcome::Outcome;
use crate::plan::source::position;

pub struct Concise;

impl Reporter for Concise {
    fn name(&self) -> &'static str {
        "concise"
    }
    fn for_people(&self) -> bool {
        true
    }

    fn render(&self, outcome: &Outcome, settings: &Settings) -> Rendered {
        let lang = settings.lang;
        let outcome = &*visible::outcome(outcome);
        let mut out = String::new();
        for f in outcome
            .findings
            .iter()
            .filter(|f| f.severity >= settings.min_severity)
        {
            let p = position(&outcome.files, &f.location);
            let message = f.message.get(lang).replace('\n', " ");
            match f.location {
                Location::Span { .. } => out.push_str(&format!(
                    "{}:{}:{}: {} {message}\n",
                    p.file, p.line, p.column, f.code
                )),
                Location::Path(_) => out.push_str(&format!("{}: {} {message}\n", p.file, f.code)),
            }
        }
        if let Some(b) = &outcome.baseline {
            out.push_str(&visible::text(&b.text(lang)));
            out.push('\n');
        }
        out.push_str(closing(outcome, settings).get(lang));
        out.push('\n');
        Rendered {
            stdout: out,
            stderr: String::new(),
        }
    }
}
