//! The analysed text cut into sentences, each with the clause number it belongs to. Offsets
//! are bytes inside the engine and chars (Unicode scalar values) in the report.

use crate::ingest::{BlockKind, Document};

/// Maps byte offsets of a text to char offsets.
pub struct Offsets {
    byte_of_char: Vec<usize>,
}

impl Offsets {
    pub fn new(text: &str) -> Offsets {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        Offsets { byte_of_char }
    }
    pub fn char_of(&self, byte: usize) -> u32 {
        u32::try_from(self.byte_of_char.partition_point(|&b| b < byte)).unwrap_or(u32::MAX)
    }
    pub fn byte_of(&self, ch: u32) -> usize {
        let i = (ch as usize).min(self.byte_of_char.len().saturating_sub(1));
        self.byte_of_char.get(i).copied().unwrap_or(0)
    }
}

/// One sentence (or table row, or sentence part after 。；) of the contract.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Clause number as printed ("" for the preamble).
    pub clause: String,
    /// Index of the clause in `Document::clauses`.
    pub clause_idx: Option<usize>,
    pub kind: BlockKind,
    /// Byte range in the document text.
    pub start: usize,
    pub end: usize,
    /// The same range in chars (Unicode scalar values), as the report gives offsets.
    pub cstart: u32,
    pub cend: u32,
    /// Whether the sentence is in the preamble or a definition (these never allocate duties).
    pub definitional: bool,
}

impl Sentence {
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

const ABBREVIATIONS: [&str; 16] = [
    "e.g", "i.e", "etc", "art", "arts", "no", "nos", "inc", "ltd", "co", "corp", "para", "sec",
    "cl", "vs", "u.s",
];

fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        // A hard-wrapped line ("…limited to those\npersonnel performing…") continues.
        '\n' => {
            let next = text[i + 1..].chars().next();
            let prev = text[..i].trim_end_matches(' ').chars().next_back();
            !next.is_some_and(|n| n.is_ascii_lowercase())
                || prev.is_some_and(|p| matches!(p, '.' | ';' | ':' | '。' | '；' | '：'))
        }
        '。' | '！' | '？' | '；' => true,
        '.' | '!' | '?' | ';' => {
            let next = text[i + c.len_utf8()..].chars().next();
            if !matches!(next, None | Some(' ' | '\n' | '\t' | '"' | '”' | ')')) {
                return false;
            }
            if c != '.' {
                return true;
            }
            let before = &text[..i];
            let word: String = before
                .chars()
                .rev()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '.')
                .collect::<String>()
                .chars()
                .rev()
                .collect();
            let w = word.to_lowercase();
            // A single letter is an initial ("J. Smith"), unless it names a schedule or a part
            // (an appendix keyword or "Part": "… using the form in Exhibit E. Disposition …").
            let names_a_part = before[..before.len() - word.len()]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|p| {
                    let p = p.to_lowercase();
                    use crate::ingest::markers::{Fam, KEYWORDS};
                    KEYWORDS.iter().any(|(k, fam, _)| {
                        *k == p && matches!(fam, Fam::Appendix(_) | Fam::Keyword(1))
                    })
                });
            // An initialism ("45 C.F.R. Part 164", "20 U.S.C. § 1232g") goes on into what it
            // cites: a number, a part, a section sign or a lower-case word.
            let initialism = w.len() >= 3 && w.split('.').all(|p| p.chars().count() == 1) && {
                let after = text[i + 1..].trim_start_matches([' ', '\t']);
                after.starts_with(|ch: char| ch.is_ascii_digit() || ch.is_lowercase() || ch == '§')
                    || after.starts_with("Part ")
                    || after.starts_with("Parts ")
            };
            !(ABBREVIATIONS.contains(&w.as_str())
                || initialism
                || (w.chars().count() == 1
                    && w.chars().all(|ch| ch.is_alphabetic())
                    && !names_a_part))
        }
        _ => false,
    }
}

/// Cuts a document into sentences clause by clause.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let off = Offsets::new(&doc.text);
    let mut segments: Vec<Segment> = Vec::new();
    let first = doc
        .clauses
        .first()
        .map(|c| off.byte_of(c.start))
        .unwrap_or(doc.text.len());
    if first > 0 {
        segments.push((0, first, 0, String::new(), None, BlockKind::Paragraph));
    }
    for (i, c) in doc.clauses.iter().enumerate() {
        let (s, e) = (off.byte_of(c.start), off.byte_of(c.end));
        if e > s {
            segments.push((s, e, c.start, number_of(doc, i), Some(i), c.kind));
        }
    }
    cut(doc, segments)
}

/// The number a clause's sentences are cited by. Text under a heading without a number ("###
/// Foundation", "## What we do to keep your recordings safe") is terms like any other, not
/// preamble: it goes by the nearest numbered clause it sits in ("Exhibit B"), or else by its
/// heading. The first clause of a document and headings that introduce the parties or the
/// background stay unnumbered (preamble).
fn number_of(doc: &Document, idx: usize) -> String {
    let Some(c) = doc.clauses.get(idx) else {
        return String::new();
    };
    if !c.number.is_empty() || c.kind != BlockKind::Heading || idx == 0 {
        return c.number.clone();
    }
    if let Some(n) = doc
        .ancestors(idx)
        .filter_map(|a| doc.clauses.get(a))
        .map(|a| &a.number)
        .find(|n| !n.is_empty())
    {
        return n.clone();
    }
    let Some(h) = c.heading.as_deref().map(str::trim) else {
        return String::new();
    };
    let h = h.trim_matches(|ch: char| ch == '*' || ch == '#' || ch.is_whitespace());
    let preamble = static_re!(
        r"(?i)^(?:preamble|background|recitals?|whereas|parties|the parties|introduction|definitions?|interpretation)\b|^(?:鉴于|前言|引言|序言|重要提示|特别提示|提示条款|定义|释义|合同当事人|当事人)"
    )
    .is_some_and(|r| r.is_match(h));
    if preamble || h.is_empty() {
        return String::new();
    }
    h.chars().take(40).collect()
}

/// The sentences of one clause (after an edit), whose text is the bytes `start..end`.
pub fn clause_sentences(doc: &Document, idx: usize, start: usize, end: usize) -> Vec<Sentence> {
    let Some(c) = doc.clauses.get(idx) else {
        return Vec::new();
    };
    cut(
        doc,
        vec![(start, end, c.start, number_of(doc, idx), Some(idx), c.kind)],
    )
}

/// A clause's text: byte range, char start, number, index, kind.
type Segment = (usize, usize, u32, String, Option<usize>, BlockKind);

fn cut(doc: &Document, segments: Vec<Segment>) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (s, e, cs, number, idx, kind) in segments {
        let seg = &doc.text[s..e];
        let first = out.len();
        if kind == BlockKind::TableRow {
            push(&mut out, &doc.text, s, e, &number, idx, kind);
        } else {
            let mut start = 0;
            for (i, c) in seg.char_indices() {
                if ends_sentence(seg, i, c) {
                    let end = i + c.len_utf8();
                    push(&mut out, &doc.text, s + start, s + end, &number, idx, kind);
                    start = end;
                }
            }
            push(&mut out, &doc.text, s + start, e, &number, idx, kind);
        }
        // Char offsets of the new sentences, in one walk over the segment.
        let mut wanted: Vec<(usize, usize, bool)> = Vec::new();
        for (k, x) in out.iter().enumerate().skip(first) {
            wanted.push((x.start, k, true));
            wanted.push((x.end, k, false));
        }
        wanted.sort_unstable();
        let mut w = 0;
        for (count, b) in (cs..).zip(
            seg.char_indices()
                .map(|(i, _)| s + i)
                .chain(std::iter::once(e)),
        ) {
            while w < wanted.len() && wanted[w].0 <= b {
                let (_, k, is_start) = wanted[w];
                if is_start {
                    out[k].cstart = count;
                } else {
                    out[k].cend = count;
                }
                w += 1;
            }
        }
    }
    out
}

fn push(
    out: &mut Vec<Sentence>,
    text: &str,
    s: usize,
    e: usize,
    number: &str,
    idx: Option<usize>,
    kind: BlockKind,
) {
    let t = &text[s..e];
    let trimmed = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '*' | '#'));
    if trimmed.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return;
    }
    let lead = t.len() - t.trim_start().len();
    let tail = t.len() - t.trim_end().len();
    out.push(Sentence {
        clause: number.to_string(),
        clause_idx: idx,
        kind,
        start: s + lead,
        end: e - tail,
        cstart: 0,
        cend: 0,
        definitional: number.is_empty() || is_definition(trimmed),
    });
}

/// "X" 指… / "X" means … / X：指…
pub fn is_definition(s: &str) -> bool {
    let head: String = s.chars().take(60).collect();
    let quoted = head.starts_with(['“', '"', '「', '‘'])
        || head
            .trim_start_matches(|c: char| {
                matches!(c, '(' | '（' | ')' | '）' | '.' | ' ' | '、')
                    || c.is_ascii_digit()
                    || "一二三四五六七八九十".contains(c)
            })
            .starts_with(['“', '"']);
    let means = [
        "指",
        "是指",
        "系指",
        " means",
        " shall mean",
        " refers to",
        " has the meaning",
    ]
    .iter()
    .any(|m| head.contains(m));
    quoted && means
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends_at(text: &str, needle: &str) -> bool {
        let i = text.find(needle).map_or(0, |k| k + needle.len() - 1);
        ends_sentence(text, i, '.')
    }

    #[test]
    fn a_single_letter_ends_a_sentence_only_when_it_names_a_part() {
        let t = "The LEA may use the form in Exhibit E. Disposition shall be by secure deletion.";
        assert!(ends_at(t, "Exhibit E."));
        let initial = "Signed by J. Smith for the Customer.";
        assert!(!ends_at(initial, "J."));
        assert!(!ends_at("See e.g. the annex.", "e.g."));
    }

    #[test]
    fn an_initialism_goes_on_into_what_it_cites() {
        let cfr = "comply with Subpart C of 45 C.F.R. Part 164 with respect to electronic PHI;";
        assert!(!ends_at(cfr, "C.F.R."));
        assert!(!ends_at("as defined in 20 U.S.C. § 1232g.", "U.S.C."));
        assert!(!ends_at(
            "under 45 C.F.R. 164.314 the parties agree.",
            "C.F.R."
        ));
        assert!(ends_at(
            "Provider complies with 45 C.F.R. The BAA prevails.",
            "C.F.R."
        ));
    }
}
