//! Contract drafts: the document model shared with the editor (ProseMirror JSON), automatic
//! clause numbers, drafts assembled from contract templates or imported from files, and the
//! draft rendered as text for analysis, redlines and export. Storage is in `drafts`.

pub mod analyze;
pub mod assemble;
pub mod doc;
pub mod import;
pub mod numbers;
pub mod redline;
pub mod render;

pub use doc::*;
