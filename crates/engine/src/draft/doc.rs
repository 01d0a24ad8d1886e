//! The draft document: a tree whose JSON form is exactly the editor's ProseMirror JSON for the
//! schema in `ui/src/editor/schema.ts` (node and mark names, attrs). The UI stores
//! `doc.toJSON()` and loads it back with `Node.fromJSON`; the engine reads the same tree.
//!
//! Clause numbers are not text: a `clause` node has a level (1 = article, 2 = 1.1, 3 = （一）/(a),
//! 4 = deeper) and either a literal printed number (kept from an imported document) or none, in
//! which case the number is computed from its position (`numbers`), so clauses renumber
//! themselves when one is inserted, moved or deleted.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The whole document (`{"type": "doc", "content": [...]}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftDoc {
    #[serde(rename = "type", default = "doc_type")]
    #[ts(type = "\"doc\"")]
    pub kind: String,
    #[serde(default)]
    pub content: Vec<Block>,
}

fn doc_type() -> String {
    "doc".into()
}

impl DraftDoc {
    pub fn new(content: Vec<Block>) -> DraftDoc {
        DraftDoc {
            kind: doc_type(),
            content,
        }
    }
}

/// A block node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading (title, part, schedule), not numbered.
    Heading {
        attrs: HeadingAttrs,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        content: Vec<Inline>,
    },
    /// An unnumbered paragraph (preamble, recitals, continuation text, signature block).
    Paragraph {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        content: Vec<Inline>,
    },
    /// A numbered clause.
    Clause {
        attrs: ClauseAttrs,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        content: Vec<Inline>,
    },
    BulletList {
        #[serde(default)]
        content: Vec<ListItem>,
    },
    OrderedList {
        #[serde(default)]
        attrs: OrderedListAttrs,
        #[serde(default)]
        content: Vec<ListItem>,
    },
    Table {
        #[serde(default)]
        content: Vec<TableRow>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeadingAttrs {
    /// 1..=3.
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseAttrs {
    /// 1..=4: article, sub-clause (1.1), item (（一）/(a)), sub-item.
    pub level: u8,
    /// The number as printed in an imported document ("第五条", "4.2", "(a)", "Schedule 2");
    /// `None`: numbered automatically by position.
    #[serde(default)]
    pub number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderedListAttrs {
    pub order: u32,
}

impl Default for OrderedListAttrs {
    fn default() -> Self {
        OrderedListAttrs { order: 1 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename = "list_item")]
#[ts(rename = "ListItem")]
pub struct ListItem {
    #[serde(default)]
    pub content: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename = "table_row")]
#[ts(rename = "TableRow")]
pub struct TableRow {
    #[serde(default)]
    pub content: Vec<TableCell>,
}

/// A table cell (`table_cell`, or `table_header` for a header row's cells).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TableCell {
    TableCell {
        #[serde(default)]
        attrs: CellAttrs,
        #[serde(default)]
        content: Vec<Block>,
    },
    TableHeader {
        #[serde(default)]
        attrs: CellAttrs,
        #[serde(default)]
        content: Vec<Block>,
    },
}

impl TableCell {
    pub fn blocks(&self) -> &[Block] {
        match self {
            TableCell::TableCell { content, .. } | TableCell::TableHeader { content, .. } => {
                content
            }
        }
    }
}

/// prosemirror-tables' cell attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellAttrs {
    pub colspan: u32,
    pub rowspan: u32,
    #[serde(default)]
    pub colwidth: Option<Vec<u32>>,
}

impl Default for CellAttrs {
    fn default() -> Self {
        CellAttrs {
            colspan: 1,
            rowspan: 1,
            colwidth: None,
        }
    }
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    HardBreak,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text {
            text: s.into(),
            marks: Vec::new(),
        }
    }
    pub fn marked(s: impl Into<String>, marks: Vec<Mark>) -> Inline {
        Inline::Text {
            text: s.into(),
            marks,
        }
    }
}

/// Character formatting and stored annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Mark {
    Bold,
    Italic,
    Underline,
    /// A comment anchored to the marked text; the comment itself is stored with the draft.
    Comment {
        attrs: CommentAttrs,
    },
    /// A tracked insertion: text added (e.g. a model clause's wording adopted) that has not been
    /// accepted yet. It reads as part of the text.
    Insertion {
        attrs: TrackAttrs,
    },
    /// A tracked deletion: text removed but kept visible (struck through) until the change is
    /// accepted. It is not part of the text the analyzer and the redline read.
    Deletion {
        attrs: TrackAttrs,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommentAttrs {
    pub id: String,
}

/// Who made a tracked change and when (ISO 8601, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrackAttrs {
    pub author: String,
    pub date: String,
}

impl Mark {
    /// A tracked deletion: text shown struck through that is no longer part of the text.
    pub fn is_deletion(&self) -> bool {
        matches!(self, Mark::Deletion { .. })
    }
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph {
            content: inline_text(text.into()),
        }
    }
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            attrs: HeadingAttrs { level },
            content: inline_text(text.into()),
        }
    }
    pub fn clause(level: u8, number: Option<String>, text: impl Into<String>) -> Block {
        Block::Clause {
            attrs: ClauseAttrs { level, number },
            content: inline_text(text.into()),
        }
    }
    /// The inline content of a text block (heading, paragraph, clause).
    pub fn inlines(&self) -> Option<&[Inline]> {
        match self {
            Block::Heading { content, .. }
            | Block::Paragraph { content }
            | Block::Clause { content, .. } => Some(content),
            _ => None,
        }
    }
}

/// ProseMirror refuses empty text nodes: an empty string is no content at all.
fn inline_text(s: String) -> Vec<Inline> {
    if s.is_empty() {
        Vec::new()
    } else {
        vec![Inline::text(s)]
    }
}

/// The text of inline content as it reads with its tracked changes applied: like
/// [`inline_plain`], without the text of tracked deletions.
pub fn inline_visible(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text { text, marks } if !marks.iter().any(Mark::is_deletion) => {
                s.push_str(text)
            }
            Inline::Text { .. } => {}
            Inline::HardBreak => s.push(' '),
        }
    }
    s
}

/// The plain text of inline content; a hard break counts as one space so offsets stay 1:1.
pub fn inline_plain(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::HardBreak => s.push(' '),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_prosemirror_json() {
        let doc = DraftDoc::new(vec![
            Block::heading(1, "SaaS 订阅协议"),
            Block::clause(1, None, "定义"),
            Block::Paragraph {
                content: vec![
                    Inline::marked("加粗", vec![Mark::Bold]),
                    Inline::HardBreak,
                    Inline::text("x"),
                ],
            },
            Block::Table {
                content: vec![TableRow {
                    content: vec![TableCell::TableHeader {
                        attrs: CellAttrs::default(),
                        content: vec![Block::paragraph("层")],
                    }],
                }],
            },
        ]);
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["type"], "doc");
        assert_eq!(json["content"][0]["type"], "heading");
        assert_eq!(json["content"][0]["attrs"]["level"], 1);
        assert_eq!(
            json["content"][1]["attrs"]["number"],
            serde_json::Value::Null
        );
        assert_eq!(json["content"][2]["content"][0]["marks"][0]["type"], "bold");
        assert_eq!(json["content"][2]["content"][1]["type"], "hard_break");
        assert_eq!(json["content"][3]["content"][0]["type"], "table_row");
        assert_eq!(
            json["content"][3]["content"][0]["content"][0]["type"],
            "table_header"
        );
        assert_eq!(
            json["content"][3]["content"][0]["content"][0]["attrs"]["colspan"],
            1
        );
        let back: DraftDoc = serde_json::from_value(json).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn reads_what_prosemirror_writes_without_optional_fields() {
        let json = r#"{"type":"doc","content":[{"type":"paragraph"},{"type":"clause","attrs":{"level":2,"number":null},"content":[{"type":"text","text":"a","marks":[{"type":"comment","attrs":{"id":"c1"}}]}]}]}"#;
        let doc: DraftDoc = serde_json::from_str(json).unwrap();
        assert_eq!(doc.content.len(), 2);
        assert!(matches!(&doc.content[1], Block::Clause { attrs, .. } if attrs.level == 2));
    }

    #[test]
    fn tracked_changes_are_marks_with_author_and_date() {
        let json = r#"{"type":"text","text":"x","marks":[{"type":"insertion","attrs":{"author":"王律师","date":"2026-11-28T10:00:00Z"}},{"type":"deletion","attrs":{"author":"","date":""}}]}"#;
        let inline: Inline = serde_json::from_str(json).unwrap();
        let Inline::Text { marks, .. } = &inline else {
            panic!("{inline:?}")
        };
        assert_eq!(
            marks[0],
            Mark::Insertion {
                attrs: TrackAttrs {
                    author: "王律师".into(),
                    date: "2026-11-28T10:00:00Z".into()
                }
            }
        );
        assert!(marks[1].is_deletion());
        assert_eq!(serde_json::to_string(&inline).unwrap(), json);
    }

    #[test]
    fn unknown_node_types_are_refused() {
        let json = r#"{"type":"doc","content":[{"type":"script","content":[]}]}"#;
        assert!(serde_json::from_str::<DraftDoc>(json).is_err());
    }
}
