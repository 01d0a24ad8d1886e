//! Reading contracts: DOCX, Markdown and plain text into one plain text, split into clauses
//! with their printed numbers. Offsets are Unicode scalar values (Rust `char`s) into `text`.
//!
//! The readers (`text`, `markdown`, `docx` with `numbering` for Word's automatic list numbers)
//! turn a file into plain text plus a list of blocks (lines, paragraphs, headings, list items,
//! table rows) with char offsets; `markers` recognises a clause number at the start of a block
//! and `split` nests and composes the numbers as lawyers quote them.

mod docx;
mod markdown;
pub(crate) mod markers;
pub(crate) mod numbering;
pub(crate) mod split;
mod text;

#[cfg(test)]
mod tests;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// The largest input accepted (bytes of the file, and bytes of text after unpacking a DOCX).
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Docx,
    Markdown,
    Text,
    /// A draft in the app's database.
    Draft,
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

impl Document {
    /// The clauses that contain clause `c`, nearest first (its parent, the parent's parent, …).
    pub fn ancestors(&self, c: usize) -> impl Iterator<Item = usize> + '_ {
        let parent = |c: usize| {
            self.clauses
                .get(c)
                .and_then(|x| x.parent)
                .map(|p| p as usize)
        };
        std::iter::successors(parent(c), move |&p| parent(p)).take(self.clauses.len())
    }

    /// Whether clauses `a` and `b` (as sentences carry them) both exist and sit under the same
    /// parent (both top-level counts too).
    pub fn siblings(&self, a: Option<usize>, b: Option<usize>) -> bool {
        match (
            a.and_then(|c| self.clauses.get(c)),
            b.and_then(|c| self.clauses.get(c)),
        ) {
            (Some(x), Some(y)) => x.parent == y.parent,
            _ => false,
        }
    }
}

/// Reads a file's bytes (format from the extension, else sniffed) into a [`Document`].
pub fn read(name: &str, bytes: &[u8]) -> Result<Document> {
    let (format, plain) = read_plain(name, bytes)?;
    let clauses = split::split(&plain);
    Ok(Document {
        format,
        title: plain.title,
        text: plain.text,
        clauses,
    })
}

/// Reads a file's bytes into its plain text and blocks (the drafts' importer keeps the blocks).
pub(crate) fn read_plain(name: &str, bytes: &[u8]) -> Result<(SourceFormat, Plain)> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(name, bytes.len()));
    }
    let format = match extension(name).as_deref() {
        Some("docx") => SourceFormat::Docx,
        Some("md" | "markdown") => SourceFormat::Markdown,
        Some("txt" | "text") => SourceFormat::Text,
        _ => sniff(bytes),
    };
    let plain = match format {
        SourceFormat::Docx => docx::read(name, bytes)?,
        SourceFormat::Markdown => markdown::read(&text::decode(name, bytes)?),
        SourceFormat::Text | SourceFormat::Draft => text::read(&text::decode(name, bytes)?),
    };
    if plain.text.trim().is_empty() {
        return Err(Error::InvalidDocument {
            name: name.to_string(),
            reason: "the document is empty; choose the file that holds the contract text".into(),
        });
    }
    Ok((format, plain))
}

/// The lower-cased extension of a file name, if any.
fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (_, ext) = file.rsplit_once('.')?;
    Some(ext.to_ascii_lowercase())
}

/// Guesses the format of bytes without a known extension.
fn sniff(bytes: &[u8]) -> SourceFormat {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return SourceFormat::Docx;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(t) if text::looks_like_markdown(&text::normalise_newlines(t)) => SourceFormat::Markdown,
        _ => SourceFormat::Text,
    }
}

pub(crate) fn too_large(name: &str, size: usize) -> Error {
    const MB: usize = 1024 * 1024;
    Error::DocumentTooLarge {
        name: name.to_string(),
        size_mb: u32::try_from(size.div_ceil(MB)).unwrap_or(u32::MAX),
        limit_mb: u32::try_from(MAX_INPUT_BYTES / MB).unwrap_or(u32::MAX),
    }
}

/// What a reader knows about a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Hint {
    Paragraph,
    /// A heading of level 1..=6.
    Heading(u8),
    /// An item of an (automatically) numbered list at nesting depth 0, 1, …
    ListItem(u32),
    /// A table row: `header` rows are not clauses; `index` counts data rows from 1.
    TableRow {
        header: bool,
        first_cell: String,
        index: u32,
    },
}

/// One block of the plain text: `start..end` in chars, without its line end.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub start: usize,
    pub end: usize,
    pub hint: Hint,
    /// Char range of a bold run at the start of the block (a run-in heading), if any.
    pub bold: Option<(usize, usize)>,
}

/// A reader's result: the plain text and its blocks.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plain {
    pub text: String,
    pub blocks: Vec<Block>,
    pub title: Option<String>,
}

/// Builds the plain text line by line, counting chars for the offsets.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    chars: usize,
    blocks: Vec<Block>,
    blank: bool,
}

impl Builder {
    /// Appends one line as a block; `bold` is relative to the line.
    pub(crate) fn line(&mut self, line: &str, hint: Hint, bold: Option<(usize, usize)>) {
        let start = self.chars;
        let len = line.chars().count();
        self.text.push_str(line);
        self.text.push('\n');
        self.chars += len + 1;
        self.blank = false;
        self.blocks.push(Block {
            start,
            end: start + len,
            hint,
            bold: bold.map(|(a, b)| (start + a, start + b)),
        });
    }

    /// Appends an empty line (at most one in a row, none at the start).
    pub(crate) fn blank(&mut self) {
        if !self.blank && self.chars > 0 {
            self.text.push('\n');
            self.chars += 1;
            self.blank = true;
        }
    }

    /// Chars written so far.
    pub(crate) fn len_chars(&self) -> usize {
        self.chars
    }

    pub(crate) fn finish(mut self) -> Plain {
        while self.text.ends_with('\n') {
            self.text.pop();
        }
        let title = self.blocks.first().and_then(|b| match b.hint {
            Hint::Heading(_) => Some(
                self.text
                    .chars()
                    .skip(b.start)
                    .take(b.end - b.start)
                    .collect::<String>(),
            ),
            _ => None,
        });
        Plain {
            text: self.text,
            blocks: self.blocks,
            title,
        }
    }
}
