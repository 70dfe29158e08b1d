//! The outcome layer: what a check means once the rules have run — suppressions applied,
//! baseline compared, severities set, exit status decided.

pub mod baseline;
pub mod suppression;
