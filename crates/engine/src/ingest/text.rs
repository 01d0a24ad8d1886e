//! Plain text: decoding (UTF-8 only, BOM stripped, CRLF/CR normalised to LF), refusal of binary
//! or empty input, and the line-per-block reading that the clause splitter works on.

use super::{Builder, Hint, Plain};
use crate::error::{Error, Result};

/// Decodes file bytes as UTF-8 text with LF line ends, refusing binary, non-UTF-8 and empty input.
pub(crate) fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let invalid = |reason: &str| Error::InvalidDocument {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    if bytes.contains(&0) {
        return Err(invalid(
            "it contains NUL bytes, so it is binary (or UTF-16) rather than text; save it as UTF-8 text or DOCX",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        invalid(&format!(
            "it is not UTF-8 text; save it as UTF-8 or DOCX (the first invalid byte is at position {})",
            e.valid_up_to()
        ))
    })?;
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}')) || c == '\u{fffd}' {
            control += 1;
        }
    }
    if control > 8 && control * 20 > total {
        return Err(invalid(
            "it looks like binary data (many control characters), not a contract; open it in its program and save it as UTF-8 text or DOCX",
        ));
    }
    let text = normalise_newlines(text);
    if text.trim().is_empty() {
        return Err(invalid(
            "the document is empty; choose the file that holds the contract text",
        ));
    }
    Ok(text)
}

/// CRLF and lone CR become LF.
pub(crate) fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whether UTF-8 text looks like Markdown: front matter, `#` headings or `|` tables.
pub(crate) fn looks_like_markdown(text: &str) -> bool {
    if text.starts_with("---\n") {
        return true;
    }
    text.lines().any(|line| {
        let t = line.trim_start();
        let hashes = t.chars().take_while(|&c| c == '#').count();
        (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
            || (t.starts_with('|') && t[1..].contains('|'))
    })
}

/// Reads text line by line: every non-blank line is a block; the text is kept as it is.
pub(crate) fn read(text: &str) -> Plain {
    let mut b = Builder::default();
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            b.blank();
        } else {
            b.line(line, Hint::Paragraph, None);
        }
    }
    let mut plain = b.finish();
    plain.title = None;
    plain
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use crate::error::Error;
    use crate::ingest::{read, SourceFormat};

    fn reason(bytes: &[u8]) -> String {
        match read("x.txt", bytes) {
            Err(Error::InvalidDocument { reason, .. }) => reason,
            other => panic!("expected InvalidDocument, got {other:?}"),
        }
    }

    #[test]
    fn decoding_and_refusals() {
        let doc =
            read("a.txt", b"\xEF\xBB\xBF1. One\r\n2. Two\rEnd").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.text, "1. One\n2. Two\nEnd");
        assert_eq!(doc.format, SourceFormat::Text);
        assert!(reason(b"caf\xE9 contract").contains("not UTF-8 text; save it as UTF-8 or DOCX"));
        assert!(reason(b"abc\0\0\0def\0").contains("NUL"));
        assert!(
            reason(&[1u8, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 18, b'a']).contains("binary")
        );
        assert!(reason(b"").contains("the document is empty"));
        assert!(reason(b" \n\t\r\n ").contains("the document is empty"));
        let big = vec![b'a'; crate::ingest::MAX_INPUT_BYTES + 1];
        assert!(matches!(
            read("big.txt", &big),
            Err(Error::DocumentTooLarge { limit_mb: 50, .. })
        ));
    }

    #[test]
    fn sniffing_without_extension() {
        let md = read("noext", b"# Title\n\n## 1. Scope\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(md.format, SourceFormat::Markdown);
        let txt = read("noext", b"1. Scope\n2. Fees\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(txt.format, SourceFormat::Text);
        let table =
            read("noext", b"| a | b |\n|---|---|\n| 1 | x |\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.format, SourceFormat::Markdown);
    }
}
