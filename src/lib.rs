//! plancheck: consistency checks for a municipal comprehensive plan (総合計画) kept as TOML.
//!
//! The library is layered, and a layer imports only the layers before it:
//!
//! 1. base types, at the top of the crate: [`i18n`] (`Msg`, `Lang`, `msg!`) and [`finding`]
//!    (`Finding`, `Severity`, `Location`), used by every layer;
//! 2. [`plan`]: source files, the typed model, loading, configuration, `allow` parsing;
//! 3. [`analysis`]: the index, the walk over every text, the grid, the placeholder scan;
//! 4. [`rules`]: the registry and one file per rule;
//! 5. [`outcome`]: suppressions, baseline, severity policy, exit status;
//! 6. [`output`]: one renderer per format;
//! 7. [`commands`]: one file per subcommand, returning bytes and an exit status.
//!
//! The library prints nothing; `src/main.rs` parses arguments, calls a command and writes
//! what it returns.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod commands;
pub mod finding;
pub mod i18n;
pub mod outcome;
pub mod output;
pub mod plan;
pub mod rules;

pub use finding::{Finding, Location, Severity};
pub use i18n::{Lang, Msg};
pub use outcome::{Options, Outcome, check, check_in_memory};
pub use plan::load::{LoadFailure, Loaded};
pub use rules::load;
