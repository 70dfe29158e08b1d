//! `plancheck rules`: the rule list.

use super::{Env, Output};
use crate::output::rule_docs;

pub fn run(env: &Env) -> Output {
    Output::ok(rule_docs::list(env.lang))
}
