//! `plancheck explain RULE [DIR]`: a rule's documentation, with the severity configured in
//! the plan folder's `plancheck.toml`.

use super::{Env, Output, render};
use crate::outcome::severity::Policy;
use crate::outcome::{Outcome, display_root};
use crate::output::rule_docs;
use crate::plan::load::{LoadFailure, load_config};
use crate::rules;
use std::path::Path;

/// `dir`: the folder named on the command line; without one, `plan` if it exists.
pub fn run(rule: &str, dir: Option<&Path>, env: &Env) -> Output {
    let r = match super::find_rule(rule, env.lang) {
        Ok(r) => r,
        Err(m) => return Output::message(m, env.lang, 2),
    };
    let default = Path::new("plan");
    let folder = match dir {
        Some(d) => Some(d),
        None => default.is_dir().then_some(default),
    };
    let mut configured = None;
    if let Some(folder) = folder {
        // Only plancheck.toml is read: a plan file that does not load does not hide it.
        let loaded = load_config(folder, &display_root(folder)).and_then(|l| match l {
            Some(l) => {
                let errors = rules::unknown_configured_rules(&l.config);
                if errors.is_empty() {
                    Ok(Some(l))
                } else {
                    Err(LoadFailure {
                        files: l.files,
                        errors,
                    })
                }
            }
            None => Ok(None),
        });
        match loaded {
            Ok(Some(l)) => configured = Policy::new(&l.config).configured(r),
            Ok(None) => {}
            Err(failure) => {
                return render(
                    &Outcome::not_loaded(failure),
                    "human",
                    &env.settings(false, crate::finding::Severity::Warning),
                );
            }
        }
    }
    Output::ok(rule_docs::explain(r, configured, env.lang))
}
