//! Imported documents become drafts: the reader's blocks (headings, paragraphs, list items,
//! table rows) and the clause splitter's numbers are turned into the editor's nodes. A block
//! that starts a numbered clause becomes a `clause` with its printed number kept literally
//! (so the draft reads as the other side sent it) and the number removed from its text; a
//! run-in bold heading keeps its bold mark; table rows are gathered into tables.

use std::collections::HashMap;

use super::doc::{Block, CellAttrs, DraftDoc, Inline, ListItem, Mark, TableCell, TableRow};
use super::numbers::MAX_LEVEL;
use crate::error::Result;
use crate::ingest::{self, markers, split, Hint, Plain, SourceFormat};
use crate::model::Lang;

/// A document read for drafting.
#[derive(Debug, Clone)]
pub struct Imported {
    pub format: SourceFormat,
    pub title: Option<String>,
    pub lang: Lang,
    pub doc: DraftDoc,
}

/// Reads a DOCX, Markdown or text file into a draft document.
pub fn import(name: &str, bytes: &[u8]) -> Result<Imported> {
    let (format, plain) = ingest::read_plain(name, bytes)?;
    let lang = detect_lang(&plain.text);
    // Markdown and text wrap a paragraph over several lines; DOCX paragraphs are paragraphs.
    let doc = from_plain(&plain, format != SourceFormat::Docx);
    Ok(Imported {
        format,
        title: plain.title.clone(),
        lang,
        doc,
    })
}

/// Chinese when a fifth or more of the letters are CJK ideographs.
pub fn detect_lang(text: &str) -> Lang {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().take(200_000) {
        if markers::is_cjk(c) {
            cjk += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters > 0 && cjk * 5 >= letters {
        Lang::Zh
    } else {
        Lang::En
    }
}

pub(crate) fn from_plain(plain: &Plain, join_wrapped: bool) -> DraftDoc {
    let clauses = split::split(plain);
    let starts: HashMap<usize, u32> = clauses
        .iter()
        .filter(|c| !c.number.is_empty())
        .map(|c| (c.start as usize, c.level))
        .collect();
    let chars: Vec<char> = plain.text.chars().collect();
    let mut out: Vec<Block> = Vec::new();
    let mut table: Vec<TableRow> = Vec::new();
    let mut bullets: Vec<ListItem> = Vec::new();
    // Where the previous block ended, if it was a paragraph or clause that a wrapped line may continue.
    let mut open_end: Option<usize> = None;
    for b in &plain.blocks {
        let prev_end = open_end.take();
        let text: String = chars
            .get(b.start..b.end)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        let bold = b
            .bold
            .map(|(s, e)| (s.saturating_sub(b.start), e.saturating_sub(b.start)));
        if !matches!(b.hint, Hint::TableRow { .. }) && !table.is_empty() {
            out.push(Block::Table {
                content: std::mem::take(&mut table),
            });
        }
        let bullet = matches!(b.hint, Hint::ListItem(_))
            || (b.hint == Hint::Paragraph && text.starts_with("• "));
        if !bullet && !bullets.is_empty() {
            out.push(Block::BulletList {
                content: std::mem::take(&mut bullets),
            });
        }
        match &b.hint {
            Hint::TableRow { header, .. } => table.push(row(&text, *header)),
            hint => {
                if let Some(level) = starts.get(&b.start) {
                    if let Some(clause) =
                        clause_block(&text, *level, bold, matches!(hint, Hint::Heading(_)))
                    {
                        out.push(clause);
                        open_end = Some(b.end);
                        continue;
                    }
                }
                let wrapped = join_wrapped
                    && *hint == Hint::Paragraph
                    && prev_end.is_some_and(|e| b.start == e + 1);
                if wrapped && !text.starts_with("• ") {
                    if let Some(Block::Paragraph { content } | Block::Clause { content, .. }) =
                        out.last_mut()
                    {
                        continue_line(content, &text);
                        open_end = Some(b.end);
                        continue;
                    }
                }
                if let (Hint::Paragraph, Some(item)) = (hint, text.strip_prefix("• ")) {
                    let shift = |x: usize| x.saturating_sub(2);
                    let content = marked(item, bold.map(|(s, e)| (shift(s), shift(e))));
                    bullets.push(ListItem {
                        content: vec![Block::Paragraph { content }],
                    });
                    continue;
                }
                let content = marked(&text, bold);
                match hint {
                    Hint::Heading(l) => out.push(Block::Heading {
                        attrs: super::doc::HeadingAttrs {
                            level: (*l).clamp(1, 3),
                        },
                        content,
                    }),
                    Hint::ListItem(_) => bullets.push(ListItem {
                        content: vec![Block::Paragraph { content }],
                    }),
                    _ => {
                        out.push(Block::Paragraph { content });
                        open_end = Some(b.end);
                    }
                }
            }
        }
    }
    if !table.is_empty() {
        out.push(Block::Table { content: table });
    }
    if !bullets.is_empty() {
        out.push(Block::BulletList { content: bullets });
    }
    DraftDoc::new(out)
}

/// Appends a wrapped line to a paragraph: a space between words, none between CJK characters.
fn continue_line(content: &mut Vec<Inline>, line: &str) {
    let prev = super::doc::inline_plain(content);
    let cjk_join = prev
        .chars()
        .last()
        .is_some_and(|c| markers::is_cjk(c) || "，。；：、）”".contains(c))
        && line
            .chars()
            .next()
            .is_some_and(|c| markers::is_cjk(c) || "（“".contains(c));
    let sep = if prev.is_empty() || cjk_join || prev.ends_with(' ') {
        ""
    } else {
        " "
    };
    content.push(Inline::text(format!("{sep}{line}")));
    // Neighbouring runs without marks are one run.
    if let [.., Inline::Text { text: a, marks: ma }, Inline::Text { text: b, marks: mb }] =
        content.as_mut_slice()
    {
        if ma.is_empty() && mb.is_empty() {
            let b = std::mem::take(b);
            a.push_str(&b);
            content.pop();
        }
    }
}

/// A numbered block as a clause: the printed number split off the text.
fn clause_block(
    text: &str,
    level: u32,
    bold: Option<(usize, usize)>,
    heading: bool,
) -> Option<Block> {
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let c: Vec<char> = text.chars().skip(lead).collect();
    let m = markers::parse_marker(&c, heading)?;
    let number: String = c
        .get(..m.end)?
        .iter()
        .collect::<String>()
        .trim()
        .to_string();
    if number.is_empty() {
        return None;
    }
    let skip = lead + m.rest;
    let rest: String = text.chars().skip(skip).collect();
    let bold = bold.and_then(|(s, e)| {
        let (s, e) = (s.max(skip) - skip, e.saturating_sub(skip));
        (e > s).then_some((s, e))
    });
    let level = u8::try_from(level.saturating_add(1))
        .unwrap_or(MAX_LEVEL)
        .clamp(1, MAX_LEVEL);
    Some(Block::Clause {
        attrs: super::doc::ClauseAttrs {
            level,
            number: Some(number),
        },
        content: marked(&rest, bold),
    })
}

/// Text with an optional bold range (in chars).
fn marked(text: &str, bold: Option<(usize, usize)>) -> Vec<Inline> {
    let n = text.chars().count();
    let Some((s, e)) = bold
        .map(|(s, e)| (s.min(n), e.min(n)))
        .filter(|(s, e)| e > s)
    else {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Inline::text(text)]
        };
    };
    let part = |a: usize, b: usize| text.chars().skip(a).take(b - a).collect::<String>();
    let mut out = Vec::new();
    if s > 0 {
        out.push(Inline::text(part(0, s)));
    }
    out.push(Inline::marked(part(s, e), vec![Mark::Bold]));
    if e < n {
        out.push(Inline::text(part(e, n)));
    }
    out
}

/// A table row as the readers print it: cells joined by " | ".
fn row(text: &str, header: bool) -> TableRow {
    let content = text
        .split(" | ")
        .map(|cell| {
            let content = vec![Block::paragraph(cell.trim())];
            if header {
                TableCell::TableHeader {
                    attrs: CellAttrs::default(),
                    content,
                }
            } else {
                TableCell::TableCell {
                    attrs: CellAttrs::default(),
                    content,
                }
            }
        })
        .collect();
    TableRow { content }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::doc::inline_plain;

    fn blocks(md: &str) -> Vec<Block> {
        import("x.md", md.as_bytes()).unwrap().doc.content
    }

    #[test]
    fn clauses_keep_their_printed_numbers_and_lose_them_from_the_text() {
        let b = blocks("# 云服务协议\n\n第一条 定义\n\n1.1 本协议所称“服务”是指云主机服务。\n\n（一）第一项内容；\n");
        assert!(matches!(&b[0], Block::Heading { attrs, .. } if attrs.level == 1));
        let clause = |i: usize| match &b[i] {
            Block::Clause { attrs, content } => (
                attrs.level,
                attrs.number.clone().unwrap_or_default(),
                inline_plain(content),
            ),
            other => panic!("not a clause: {other:?}"),
        };
        assert_eq!(clause(1), (1, "第一条".into(), "定义".into()));
        assert_eq!(clause(2).1, "1.1");
        assert_eq!(clause(2).2, "本协议所称“服务”是指云主机服务。");
        assert!(clause(2).0 > clause(1).0);
        assert_eq!(clause(3).1, "（一）");
    }

    #[test]
    fn tables_and_lists_and_bold_run_in_headings() {
        let b = blocks("Intro.\n\n| Layer | Party |\n|---|---|\n| Network | Provider |\n\n- one\n- two\n\n**Security.** The Provider shall encrypt data.\n");
        let Block::Table { content } = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(content.len(), 2);
        assert!(matches!(
            content[0].content[0],
            TableCell::TableHeader { .. }
        ));
        assert_eq!(
            inline_plain(content[1].content[1].blocks()[0].inlines().unwrap()),
            "Provider"
        );
        let Block::BulletList { content } = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(content.len(), 2);
        let Block::Paragraph { content } = &b[3] else {
            panic!("{b:?}")
        };
        assert_eq!(content[0], Inline::marked("Security.", vec![Mark::Bold]));
    }

    #[test]
    fn wrapped_lines_of_a_paragraph_are_joined_but_numbered_lines_are_not() {
        let b = blocks("The Provider shall keep\nlogs for six months.\n1.2 The Customer shall\nkeep its keys.\n\n甲方应当\n妥善保管密钥。\n");
        assert_eq!(
            inline_plain(b[0].inlines().unwrap()),
            "The Provider shall keep logs for six months."
        );
        assert_eq!(
            inline_plain(b[1].inlines().unwrap()),
            "The Customer shall keep its keys."
        );
        assert_eq!(
            inline_plain(b[2].inlines().unwrap()),
            "甲方应当妥善保管密钥。"
        );
    }

    #[test]
    fn language_is_detected() {
        assert_eq!(detect_lang("甲方应当 encrypt 数据并保存日志"), Lang::Zh);
        assert_eq!(detect_lang("The Provider shall encrypt 数据."), Lang::En);
    }
}
