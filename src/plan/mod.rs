//! The plan layer: source files and spans, the typed model, loading, configuration, `allow`
//! parsing, value parsing and normalisation. Imports nothing but the base types.

pub mod allow;
pub mod config;
pub mod json_schema;
pub mod load;
pub mod model;
pub mod normalize;
pub mod source;
pub mod value;
pub mod vocabulary;
