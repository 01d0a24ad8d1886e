//! CloudClause engine: the domain model, the template library and its SQLite store, search.
//! Also: analysis, drafts, redlines, import and export.
//!
//! Architecture invariant: this crate never imports tauri. The desktop shell (`src-tauri`) and
//! the command line (`crates/cli`) are thin layers over it, and the tests use it directly.

pub mod analysis;
pub mod bindings;
pub mod comments;
pub mod db;
pub mod draft;
pub mod drafts;
pub mod error;
pub mod export;
pub mod files;
pub mod ingest;
pub mod library;
pub mod model;
pub mod placeholders;
pub mod redline;
pub mod search;
pub mod settings;
pub mod templates;

pub use error::{Error, Result};
pub use library::Library;
