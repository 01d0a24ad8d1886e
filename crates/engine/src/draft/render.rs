//! A draft as text: the plain text the analyzer and the redline read (with a map from each
//! text run back to the editor's text block, so findings can be drawn in place), and the
//! Markdown and plain-text views the CLI prints.

use serde::Serialize;
use ts_rs::TS;

use super::doc::{inline_visible, Block, DraftDoc, Inline, Mark, TableCell};
use super::numbers::Counter;
use crate::ingest::{split, Builder, Document, Hint, SourceFormat};
use crate::model::Lang;

/// One run of the plain text that comes from one text block of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Segment {
    /// Child indexes from the document down to the text block (heading, paragraph or clause):
    /// `[3]` is the fourth top-level block, `[5, 1, 2, 0]` the first paragraph of the third cell
    /// of the second row of the table at index 5.
    pub path: Vec<u32>,
    /// Char offset in `Document::text` where the block's own text starts (after any number).
    pub start: u32,
    /// Chars of the block's text (a hard break counts as one).
    pub len: u32,
}

/// A draft rendered for analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rendered {
    pub document: Document,
    pub segments: Vec<Segment>,
}

/// Renders a draft as one line per text block, clauses prefixed with their numbers, tables one
/// line per row with cells joined by " | ", then splits it into clauses as an imported file is.
pub fn to_document(doc: &DraftDoc, lang: Lang, title: Option<&str>) -> Rendered {
    let mut w = Writer {
        b: Builder::default(),
        segments: Vec::new(),
    };
    let mut counter = Counter::default();
    for (i, block) in doc.content.iter().enumerate() {
        let path = vec![idx(i)];
        match block {
            Block::Heading { attrs, content } => {
                w.line("", content, Hint::Heading(attrs.level.clamp(1, 6)), path)
            }
            Block::Paragraph { content } => w.line("", content, Hint::Paragraph, path),
            Block::Clause { attrs, content } => {
                let auto = counter.next(attrs.level, lang);
                let number = attrs.number.clone().unwrap_or(auto);
                // An article whose text is a title reads as a heading, as in the file it came from.
                let hint = if attrs.level == 1 && is_title(content) {
                    Hint::Heading(2)
                } else {
                    Hint::Paragraph
                };
                w.line(&format!("{number} "), content, hint, path);
            }
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                for (j, item) in content.iter().enumerate() {
                    for (k, b) in item.content.iter().enumerate() {
                        if let Some(inl) = b.inlines() {
                            w.line("", inl, Hint::ListItem(0), vec![idx(i), idx(j), idx(k)]);
                        }
                    }
                }
            }
            Block::Table { content } => {
                let mut data_rows = 0u32;
                for (r, row) in content.iter().enumerate() {
                    let header = row
                        .content
                        .iter()
                        .all(|c| matches!(c, TableCell::TableHeader { .. }));
                    if !header {
                        data_rows += 1;
                    }
                    w.table_row(i, r, row, header, data_rows);
                }
                w.b.blank();
            }
        }
    }
    let plain = w.b.finish();
    let clauses = split::split(&plain);
    Rendered {
        document: Document {
            format: SourceFormat::Draft,
            title: title.map(String::from).or(plain.title),
            text: plain.text,
            clauses,
        },
        segments: w.segments,
    }
}

/// Short and without sentence punctuation: "Security", "DEFINITIONS AND INTERPRETATION", "数据安全".
fn is_title(content: &[Inline]) -> bool {
    let t = inline_visible(content);
    let t = t.trim();
    !t.is_empty()
        && t.chars().count() <= 60
        && !t.contains(['。', '；', ';', '，'])
        && !t.trim_end_matches('.').contains(". ")
}

fn idx(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

struct Writer {
    b: Builder,
    segments: Vec<Segment>,
}

impl Writer {
    fn line(&mut self, prefix: &str, content: &[Inline], hint: Hint, path: Vec<u32>) {
        let text = one_line(content);
        if text.trim().is_empty() && prefix.is_empty() {
            return;
        }
        let pre = prefix.chars().count();
        let len = text.chars().count();
        self.b.blank();
        self.segments.push(Segment {
            path,
            start: idx(self.b.len_chars() + pre),
            len: idx(len),
        });
        self.b.line(&format!("{prefix}{text}"), hint, None);
    }

    fn table_row(
        &mut self,
        table: usize,
        r: usize,
        row: &super::doc::TableRow,
        header: bool,
        index: u32,
    ) {
        let mut line = String::new();
        let mut first_cell = String::new();
        let at = self.b.len_chars();
        for (c, cell) in row.content.iter().enumerate() {
            if c > 0 {
                line.push_str(" | ");
            }
            for (k, b) in cell.blocks().iter().enumerate() {
                let Some(inl) = b.inlines() else { continue };
                if k > 0 {
                    line.push(' ');
                }
                let text = one_line(inl);
                if text.is_empty() {
                    continue;
                }
                self.segments.push(Segment {
                    path: vec![idx(table), idx(r), idx(c), idx(k)],
                    start: idx(at + line.chars().count()),
                    len: idx(text.chars().count()),
                });
                if c == 0 && k == 0 {
                    first_cell = text.clone();
                }
                line.push_str(&text);
            }
        }
        self.b.line(
            &line,
            Hint::TableRow {
                header,
                first_cell,
                index,
            },
            None,
        );
    }
}

/// A block's text on one line: line breaks inside a text node become spaces (same length).
/// Tracked deletions are not part of it (segments count the remaining chars only).
fn one_line(content: &[Inline]) -> String {
    inline_visible(content)
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Markdown: headings with `#`, clauses as "number text" paragraphs, lists, pipe tables, bold
/// and italic. Import of this Markdown gives back the same text and clause numbers.
pub fn to_markdown(doc: &DraftDoc, lang: Lang) -> String {
    render_lines(doc, lang, true)
}

/// Plain text: one paragraph per block, tables as " | " rows.
pub fn to_text(doc: &DraftDoc, lang: Lang) -> String {
    render_lines(doc, lang, false)
}

fn render_lines(doc: &DraftDoc, lang: Lang, md: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut counter = Counter::default();
    let inl = |c: &[Inline]| if md { inline_md(c) } else { inline_visible(c) };
    for block in &doc.content {
        match block {
            Block::Heading { attrs, content } => {
                let hashes = if md {
                    format!("{} ", "#".repeat(usize::from(attrs.level.clamp(1, 6))))
                } else {
                    String::new()
                };
                out.push(format!("{hashes}{}", inl(content)));
            }
            Block::Paragraph { content } => out.push(inl(content)),
            Block::Clause { attrs, content } => {
                let auto = counter.next(attrs.level, lang);
                out.push(format!(
                    "{} {}",
                    attrs.number.clone().unwrap_or(auto),
                    inl(content)
                ));
            }
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                let ordered = matches!(block, Block::OrderedList { .. });
                let start = match block {
                    Block::OrderedList { attrs, .. } => attrs.order,
                    _ => 1,
                };
                let items: Vec<String> = content
                    .iter()
                    .enumerate()
                    .map(|(j, item)| {
                        let text: Vec<String> = item
                            .content
                            .iter()
                            .filter_map(|b| b.inlines().map(inl))
                            .collect();
                        let bullet = if ordered {
                            format!("{}. ", start as usize + j)
                        } else {
                            "- ".into()
                        };
                        format!("{bullet}{}", text.join(" "))
                    })
                    .collect();
                out.push(items.join("\n"));
            }
            Block::Table { content } => {
                let rows: Vec<String> = content
                    .iter()
                    .map(|row| {
                        let cells: Vec<String> = row
                            .content
                            .iter()
                            .map(|c| {
                                c.blocks()
                                    .iter()
                                    .filter_map(|b| b.inlines().map(inl))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .collect();
                        if md {
                            format!("| {} |", cells.join(" | "))
                        } else {
                            cells.join(" | ")
                        }
                    })
                    .collect();
                let mut lines = rows;
                if md && !lines.is_empty() {
                    let cols = content.first().map(|r| r.content.len()).unwrap_or(1).max(1);
                    lines.insert(1, format!("|{}", "---|".repeat(cols)));
                }
                out.push(lines.join("\n"));
            }
        }
    }
    let mut s = out
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    s.push('\n');
    s
}

fn inline_md(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text { marks, .. } if marks.iter().any(Mark::is_deletion) => {}
            Inline::Text { text, marks } => {
                let bold = marks.contains(&Mark::Bold);
                let italic = marks.contains(&Mark::Italic);
                let t = text.trim();
                if (!bold && !italic) || t.is_empty() {
                    s.push_str(text);
                    continue;
                }
                let lead = &text[..text.len() - text.trim_start().len()];
                let trail = &text[text.trim_end().len()..];
                let wrap = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    _ => "*",
                };
                s.push_str(lead);
                s.push_str(wrap);
                s.push_str(t);
                s.push_str(wrap);
                s.push_str(trail);
            }
            Inline::HardBreak => s.push(' '),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::doc::{inline_plain, TrackAttrs};
    use crate::draft::import::import;

    fn sample() -> DraftDoc {
        DraftDoc::new(vec![
            Block::heading(1, "SaaS Subscription Agreement"),
            Block::paragraph("This Agreement is made between the parties."),
            Block::clause(1, None, "Security"),
            Block::clause(2, None, "The Provider shall encrypt Customer Data at rest."),
            Block::clause(
                2,
                None,
                "The Customer is responsible for its user accounts.",
            ),
            Block::clause(1, None, "Data"),
            Block::clause(
                2,
                None,
                "The Provider shall delete Customer Data within 30 days.",
            ),
        ])
    }

    #[test]
    fn numbers_prefix_clauses_and_segments_point_at_block_text() {
        let r = to_document(&sample(), Lang::En, None);
        let text: Vec<char> = r.document.text.chars().collect();
        assert!(r.document.text.contains("1.2 The Customer is responsible"));
        let numbers: Vec<&str> = r
            .document
            .clauses
            .iter()
            .map(|c| c.number.as_str())
            .collect();
        assert!(numbers.contains(&"1.2"), "{numbers:?}");
        assert!(numbers.contains(&"2.1"), "{numbers:?}");
        for seg in &r.segments {
            let Some(
                Block::Clause { content, .. }
                | Block::Paragraph { content }
                | Block::Heading { content, .. },
            ) = sample().content.get(seg.path[0] as usize).cloned()
            else {
                panic!()
            };
            let got: String = text[seg.start as usize..(seg.start + seg.len) as usize]
                .iter()
                .collect();
            assert_eq!(got, inline_plain(&content));
        }
    }

    #[test]
    fn markdown_round_trips_through_import() {
        let md = to_markdown(&sample(), Lang::En);
        let back = import("d.md", md.as_bytes()).unwrap().doc;
        assert_eq!(to_text(&back, Lang::En), to_text(&sample(), Lang::En));
    }

    #[test]
    fn table_cells_are_segments() {
        let doc = import(
            "t.md",
            "| Layer | Party |\n|---|---|\n| Network | Provider |\n".as_bytes(),
        )
        .unwrap()
        .doc;
        let r = to_document(&doc, Lang::En, None);
        let text: Vec<char> = r.document.text.chars().collect();
        let cell = r
            .segments
            .iter()
            .find(|s| s.path == vec![0, 1, 1, 0])
            .unwrap();
        assert_eq!(
            text[cell.start as usize..(cell.start + cell.len) as usize]
                .iter()
                .collect::<String>(),
            "Provider"
        );
    }

    #[test]
    fn tracked_deletions_are_not_read_and_segments_count_what_is() {
        let by = TrackAttrs {
            author: "王律师".into(),
            date: "2026-11-28T10:00:00Z".into(),
        };
        let doc = DraftDoc::new(vec![
            Block::clause(1, None, "Data"),
            Block::Clause {
                attrs: crate::draft::ClauseAttrs {
                    level: 2,
                    number: None,
                },
                content: vec![
                    Inline::text("The Provider shall delete Customer Data within "),
                    Inline::marked("30", vec![Mark::Deletion { attrs: by.clone() }]),
                    Inline::marked("15", vec![Mark::Insertion { attrs: by }]),
                    Inline::text(" days."),
                ],
            },
        ]);
        let r = to_document(&doc, Lang::En, None);
        assert!(
            r.document
                .text
                .contains("1.1 The Provider shall delete Customer Data within 15 days."),
            "{}",
            r.document.text
        );
        assert!(!r.document.text.contains("30"));
        let seg = r.segments.iter().find(|s| s.path == vec![1]).unwrap();
        let text: Vec<char> = r.document.text.chars().collect();
        assert_eq!(
            text[seg.start as usize..(seg.start + seg.len) as usize]
                .iter()
                .collect::<String>(),
            "The Provider shall delete Customer Data within 15 days."
        );
        assert!(!to_text(&doc, Lang::En).contains("30"));
        assert!(!to_markdown(&doc, Lang::En).contains("30"));
    }
}
