//! The analysis layer: derived views of a loaded plan that rules share — the index of
//! references, the walk over every printed text, the ○/◎ grid, the placeholder scan and
//! near-duplicate search. Imports only the plan layer and the base types.

pub mod diff;
pub mod grid;
pub mod index;
pub mod near;
pub mod placeholders;
pub mod projects;
pub mod walk;
