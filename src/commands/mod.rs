//! The commands layer: one file per subcommand, each returning bytes and an exit status.
//! The library prints nothing; `src/main.rs` writes what a command returns.

pub mod write;
