//! Reading a text into comparison tokens: a CJK character, a word (letters and digits, with
//! inner `'` `-` and digit separators: "sub-processor", "customer's", "99.9", "1,000"), a
//! punctuation mark, or a `{{placeholder}}`. Each token has a key (what is compared) and a
//! display range (the original text it shows as).
//!
//! By default the key folds what a lawyer does not read as a change: full-width and half-width
//! forms (，/, （/( Ａ/A), curly and straight quotes, dash styles; white space and the
//! clause numbers at the start of a line ("4.2", "第五条", "（一）", "(a)") are no tokens at
//! all. With `show_formatting` every character counts as written.
//!
//! Display ranges partition the source: what is not a token (spaces, numbers) is shown with the
//! token that follows it (the last token also takes the text after it), so the displays of the
//! tokens of a range, concatenated, are exactly that stretch of the original text.

use std::ops::Range;

use crate::ingest::markers::parse_marker;
use crate::placeholders;
use crate::search::is_cjk;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Cjk,
    Punct,
    /// White space (only with `show_formatting`).
    Space,
    Placeholder,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub kind: Kind,
    /// Byte range of the key in `Tokens::keys`.
    key: (u32, u32),
    /// Byte range of the token itself in the source.
    raw: (u32, u32),
}

/// A text read into tokens.
#[derive(Debug, Clone)]
pub(crate) struct Tokens<'a> {
    pub src: &'a str,
    keys: String,
    pub toks: Vec<Tok>,
}

/// The comparable form of a character (without `show_formatting`).
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
        '。' | '｡' => '.',
        '、' | '､' => ',',
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' | '〝' | '〞' | '″' => {
            '"'
        }
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '【' | '〔' | '〖' => '[',
        '】' | '〕' | '〗' => ']',
        '–' | '—' | '‒' | '−' | '‐' | '‑' | '―' => '-',
        _ => c,
    }
}

/// A letter or digit of a word (CJK characters are tokens of their own).
fn wordy(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

impl<'a> Tokens<'a> {
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    pub fn key(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.keys.get(t.key.0 as usize..t.key.1 as usize))
            .unwrap_or("")
    }
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }
    /// The keys, for the diff.
    pub fn keys(&self) -> Vec<&str> {
        (0..self.toks.len()).map(|i| self.key(i)).collect()
    }
    /// Byte range in the source shown for tokens `r`.
    pub fn display_range(&self, r: Range<usize>) -> Range<usize> {
        if r.start >= r.end || r.start >= self.toks.len() {
            return 0..0;
        }
        let start = if r.start == 0 {
            0
        } else {
            self.toks.get(r.start - 1).map_or(0, |t| t.raw.1 as usize)
        };
        let end = if r.end >= self.toks.len() {
            self.src.len()
        } else {
            self.toks.get(r.end - 1).map_or(0, |t| t.raw.1 as usize)
        };
        start..end.max(start)
    }
    /// The source text shown for tokens `r`.
    pub fn display(&self, r: Range<usize>) -> &'a str {
        self.src.get(self.display_range(r)).unwrap_or("")
    }
    /// The source text from the first to the last token of `r`, without what surrounds them.
    pub fn raw_span(&self, r: Range<usize>) -> &'a str {
        match (
            self.toks.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.toks.get(e)),
        ) {
            (Some(a), Some(b)) if r.start < r.end => self
                .src
                .get(a.raw.0 as usize..b.raw.1 as usize)
                .unwrap_or(""),
            _ => "",
        }
    }
    /// Characters of the keys of `r` (the length measure of the cleanup).
    pub fn key_chars(&self, r: Range<usize>) -> usize {
        r.map(|i| self.key(i).chars().count()).sum()
    }
}

/// Char count of the clause number (and the separators after it) that opens `line`, if any.
/// The first line of a text is read as a heading ("Section 5. Deletion"), as a clause's text
/// starts with its number.
fn marker_len(line: &str, first: bool) -> usize {
    let chars: Vec<char> = line.chars().take(120).collect();
    parse_marker(&chars, first).map_or(0, |m| m.rest.min(chars.len()))
}

/// Reads `src` into tokens.
pub(crate) fn tokenize(src: &str, show_formatting: bool) -> Tokens<'_> {
    let (places, _) = placeholders::scan(src);
    let mut places = places.into_iter().peekable();
    let mut keys = String::with_capacity(src.len());
    let mut toks: Vec<Tok> = Vec::with_capacity(src.len() / 2);
    let mut it = src.char_indices().peekable();
    let mut line_start = true;
    let first_line = src.len() - src.trim_start().len();
    // Bytes up to which the text is a clause number to skip.
    let mut skip_until = 0usize;
    let push =
        |toks: &mut Vec<Tok>, keys: &mut String, kind: Kind, k0: usize, raw: (usize, usize)| {
            toks.push(Tok {
                kind,
                key: (k0 as u32, keys.len() as u32),
                raw: (raw.0 as u32, raw.1 as u32),
            });
        };
    while let Some((b, c)) = it.next() {
        if line_start && !c.is_whitespace() {
            line_start = false;
            if !show_formatting {
                let line = src.get(b..).unwrap_or("");
                let line = line.split('\n').next().unwrap_or("");
                let n = marker_len(line, b == first_line);
                if n > 0 {
                    skip_until = b + line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
                }
            }
        }
        if c == '\n' {
            line_start = true;
        }
        if b < skip_until {
            continue;
        }
        while places.peek().is_some_and(|p| p.start < b) {
            places.next();
        }
        if let Some(p) = places.peek().filter(|p| p.start == b) {
            let (start, end) = (p.start, p.end);
            let k0 = keys.len();
            keys.push_str(src.get(start..end).unwrap_or(""));
            push(&mut toks, &mut keys, Kind::Placeholder, k0, (start, end));
            while it.peek().is_some_and(|(nb, _)| *nb < end) {
                it.next();
            }
            places.next();
            continue;
        }
        let f = if show_formatting { c } else { fold(c) };
        let k0 = keys.len();
        if f.is_whitespace() {
            if show_formatting {
                let mut end = b + c.len_utf8();
                keys.push(c);
                while let Some(&(nb, nc)) = it.peek().filter(|(_, nc)| nc.is_whitespace()) {
                    keys.push(nc);
                    end = nb + nc.len_utf8();
                    it.next();
                }
                push(&mut toks, &mut keys, Kind::Space, k0, (b, end));
            }
            continue;
        }
        if is_cjk(f) {
            keys.push(f);
            push(&mut toks, &mut keys, Kind::Cjk, k0, (b, b + c.len_utf8()));
            continue;
        }
        if wordy(f) {
            keys.push(f);
            let mut end = b + c.len_utf8();
            let mut prev = f;
            while let Some(&(nb, nc)) = it.peek() {
                let nf = if show_formatting { nc } else { fold(nc) };
                if wordy(nf) {
                    keys.push(nf);
                    end = nb + nc.len_utf8();
                    prev = nf;
                    it.next();
                    continue;
                }
                // An inner joiner: "sub-processor", "customer's", "99.9", "1,000".
                let joins =
                    matches!(nf, '-' | '\'') || (matches!(nf, '.' | ',') && prev.is_ascii_digit());
                let after = src.get(nb + nc.len_utf8()..).and_then(|s| s.chars().next());
                let after = after.map(|a| if show_formatting { a } else { fold(a) });
                let ok = joins
                    && after.is_some_and(|a| {
                        if matches!(nf, '.' | ',') {
                            a.is_ascii_digit()
                        } else {
                            wordy(a)
                        }
                    });
                if !ok {
                    break;
                }
                keys.push(nf);
                it.next();
                prev = nf;
            }
            push(&mut toks, &mut keys, Kind::Word, k0, (b, end));
            continue;
        }
        keys.push(f);
        push(&mut toks, &mut keys, Kind::Punct, k0, (b, b + c.len_utf8()));
    }
    Tokens { src, keys, toks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        tokenize(s, false)
            .keys()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn words_cjk_punctuation_and_placeholders() {
        assert_eq!(
            keys("The sub-processor's fee is 1,000.50 USD."),
            [
                "The",
                "sub-processor's",
                "fee",
                "is",
                "1,000.50",
                "USD",
                "."
            ]
        );
        assert_eq!(
            keys("{{provider}}应当删除。"),
            ["{{provider}}", "应", "当", "删", "除", "."]
        );
        assert_eq!(
            tokenize("a {{x}} b", false).kind(1),
            Some(Kind::Placeholder)
        );
    }

    #[test]
    fn widths_quotes_and_numbers_fold_away() {
        assert_eq!(
            keys("（一）甲方应当在３０日内，“删除”数据。"),
            keys("(一)甲方应当在30日内,\"删除\"数据.")
        );
        assert_eq!(
            keys("4.2  The Customer’s data"),
            keys("The Customer's   data")
        );
        assert_eq!(
            keys("第五条 数据删除\n（一）删除"),
            keys("数据删除\n(a) 删除")
        );
        // A number inside a sentence is text.
        assert_eq!(keys("within 30 days"), ["within", "30", "days"]);
    }

    #[test]
    fn with_formatting_shown_everything_counts() {
        let t = tokenize("4.2 甲方，乙方", true);
        assert_eq!(t.keys(), ["4.2", " ", "甲", "方", "，", "乙", "方"]);
        assert_ne!(
            tokenize("甲方，乙方", true).keys(),
            tokenize("甲方,乙方", true).keys()
        );
    }

    #[test]
    fn displays_partition_the_source() {
        let src = "  4.2 The Provider  shall (a) notify.\n(b) 甲方";
        let t = tokenize(src, false);
        let all: String = (0..t.len()).map(|i| t.display(i..i + 1)).collect();
        assert_eq!(all, src);
        assert_eq!(t.display(0..1), "  4.2 The");
        assert_eq!(t.raw_span(1..3), "Provider  shall");
        assert_eq!(t.display(100..200), "");
    }
}
