//! Adding a mark to a char range of one text block of a draft, splitting text nodes as needed.

use crate::draft::{Block, DraftDoc, Inline, Mark};

/// The inline content of the text block at `path` (as in `render::Segment::path`).
pub fn block_at_mut<'a>(doc: &'a mut DraftDoc, path: &[u32]) -> Option<&'a mut Vec<Inline>> {
    let (&first, rest) = path.split_first()?;
    let block = doc.content.get_mut(first as usize)?;
    inlines_in(block, rest)
}

fn inlines_in<'a>(block: &'a mut Block, rest: &[u32]) -> Option<&'a mut Vec<Inline>> {
    match (block, rest) {
        (
            Block::Heading { content, .. }
            | Block::Paragraph { content }
            | Block::Clause { content, .. },
            [],
        ) => Some(content),
        (Block::BulletList { content } | Block::OrderedList { content, .. }, [item, k]) => {
            let b = content
                .get_mut(*item as usize)?
                .content
                .get_mut(*k as usize)?;
            inlines_in(b, &[])
        }
        (Block::Table { content }, [r, c, k]) => {
            let cell = content.get_mut(*r as usize)?.content.get_mut(*c as usize)?;
            let blocks = match cell {
                crate::draft::TableCell::TableCell { content, .. }
                | crate::draft::TableCell::TableHeader { content, .. } => content,
            };
            inlines_in(blocks.get_mut(*k as usize)?, &[])
        }
        _ => None,
    }
}

/// Adds `mark` to chars `start..end` of the block's text (a hard break counts as one char).
/// Returns false when the path or range does not exist.
pub fn add_mark(doc: &mut DraftDoc, path: &[u32], start: usize, end: usize, mark: &Mark) -> bool {
    let Some(content) = block_at_mut(doc, path) else {
        return false;
    };
    if end <= start {
        return false;
    }
    let mut out: Vec<Inline> = Vec::with_capacity(content.len() + 2);
    let mut pos = 0usize;
    let mut touched = false;
    for inline in content.drain(..) {
        match inline {
            Inline::HardBreak => {
                pos += 1;
                out.push(Inline::HardBreak);
            }
            Inline::Text { text, marks } => {
                let n = text.chars().count();
                let (a, b) = (
                    start.clamp(pos, pos + n) - pos,
                    end.clamp(pos, pos + n) - pos,
                );
                if a >= b {
                    out.push(Inline::Text { text, marks });
                } else {
                    touched = true;
                    let part =
                        |x: usize, y: usize| text.chars().skip(x).take(y - x).collect::<String>();
                    if a > 0 {
                        out.push(Inline::Text {
                            text: part(0, a),
                            marks: marks.clone(),
                        });
                    }
                    let mut m = marks.clone();
                    if !m.contains(mark) {
                        m.push(mark.clone());
                    }
                    out.push(Inline::Text {
                        text: part(a, b),
                        marks: m,
                    });
                    if b < n {
                        out.push(Inline::Text {
                            text: part(b, n),
                            marks,
                        });
                    }
                }
                pos += n;
            }
        }
    }
    *content = out;
    touched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{inline_plain, CommentAttrs};

    #[test]
    fn splits_text_and_keeps_other_marks() {
        let mut doc = DraftDoc::new(vec![Block::Paragraph {
            content: vec![
                Inline::marked("甲方应当", vec![Mark::Bold]),
                Inline::text("加密存储数据。"),
            ],
        }]);
        let m = Mark::Comment {
            attrs: CommentAttrs { id: "c1".into() },
        };
        assert!(add_mark(&mut doc, &[0], 2, 6, &m));
        let content = doc.content[0].inlines().unwrap();
        assert_eq!(inline_plain(content), "甲方应当加密存储数据。");
        assert_eq!(
            content[1],
            Inline::marked("应当", vec![Mark::Bold, m.clone()])
        );
        assert_eq!(content[2], Inline::marked("加密", vec![m.clone()]));
        assert!(!add_mark(&mut doc, &[5], 0, 1, &m));
    }
}
