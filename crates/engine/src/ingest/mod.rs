//! Reading contracts: DOCX, Markdown and plain text into one plain text, split into clauses
//! with their printed numbers. Offsets are Unicode scalar values (Rust `char`s) into `text`.
//!
//! (Being written: see the interface below; the analyzer and the drafts build on it.)

use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// The largest input accepted (bytes of the file, and bytes of text after unpacking a DOCX).
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Docx,
    Markdown,
    Text,
}

/// A block kind, as far as the reader can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    TableRow,
}

/// One numbered (or headed) unit of the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClauseSpan {
    /// The clause number as printed, composed with its parents where the print does so by
    /// convention: "4.2", "3.3(a)", "第五条（一）", "三（一）1", "Schedule 2 row 4", "附件一",
    /// "Annex II §3". Empty for unnumbered preamble text.
    pub number: String,
    /// Heading text of the clause if it has one ("Security Responsibilities", "数据安全").
    pub heading: Option<String>,
    /// Nesting depth, 0 for top-level articles.
    pub level: u32,
    pub kind: BlockKind,
    /// Char range of the clause's own text in `Document::text` (number included).
    pub start: u32,
    pub end: u32,
    /// Index of the parent clause in `Document::clauses`.
    pub parent: Option<u32>,
}

/// A document read into plain text and clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Document {
    pub format: SourceFormat,
    pub title: Option<String>,
    /// The plain text that was analysed; every offset points into it.
    pub text: String,
    pub clauses: Vec<ClauseSpan>,
}

/// Reads a file's bytes (format from the extension, else sniffed) into a [`Document`].
pub fn read(_name: &str, _bytes: &[u8]) -> Result<Document> {
    Err(crate::error::Error::InvalidInput { message: "reading documents is not implemented yet".into() })
}
