//! plancheck: consistency checks for a municipal comprehensive plan (総合計画) kept as TOML.
//!
//! The flow is one way: [`load`] reads the plan folder into a typed [`model::Plan`] whose
//! fields keep their source spans, [`rules`] each read the model and return findings, and
//! [`report`] renders findings in one format per renderer. The library prints nothing.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod config;
pub mod editors;
pub mod finding;
pub mod grid;
pub mod i18n;
pub mod index;
pub mod load;
pub mod model;
pub mod near;
pub mod normalize;
pub mod placeholders;
pub mod report;
pub mod rules;
pub mod source;
pub mod stats;
pub mod suppress;
pub mod value;
pub mod walk;

pub use finding::{Finding, Location, Severity};
pub use i18n::{Lang, Msg};
pub use load::{LoadFailure, Loaded, load};
