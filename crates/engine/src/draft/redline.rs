//! Redlines of drafts: a draft aligned with the library's model clauses (with the segments that
//! map the rendered text back to the editor's blocks), and two versions of a draft compared.
//! Both read the draft as the analyzer does (`render::to_document`): tracked deletions are not
//! part of the text.

use serde::Serialize;
use ts_rs::TS;

use super::doc::DraftDoc;
use super::render::{to_document, Segment};
use crate::analysis::Rules;
use crate::error::Result;
use crate::model::Lang;
use crate::redline::{self, AlignOptions, Alignment, ClauseIndex, Comparison, RedlineOptions};

/// A draft aligned with the library, for the editor's redline view.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DraftAlignment {
    pub alignment: Alignment,
    /// The rendered text the alignment's char ranges refer to.
    pub text: String,
    /// Where each block's text is in `text` (as in `DraftAnalysis`).
    pub segments: Vec<Segment>,
}

/// Aligns the editor's document with the library (`cues`: the analyzer's rules, for topics).
pub fn align_draft(
    doc: &DraftDoc,
    lang: Lang,
    index: &ClauseIndex,
    cues: Option<&Rules>,
) -> Result<DraftAlignment> {
    let rendered = to_document(doc, lang, None);
    let alignment = redline::align(&rendered.document, index, cues, &AlignOptions::default())?;
    Ok(DraftAlignment {
        alignment,
        text: rendered.document.text,
        segments: rendered.segments,
    })
}

/// Two versions of a draft compared clause by clause (each rendered in its own language).
pub fn compare_drafts(
    old: &DraftDoc,
    old_lang: Lang,
    new: &DraftDoc,
    new_lang: Lang,
) -> Comparison {
    let a = to_document(old, old_lang, None);
    let b = to_document(new, new_lang, None);
    redline::compare(&a.document, &b.document, &RedlineOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{Block, ClauseAttrs, Inline, Mark, TrackAttrs};
    use crate::library::Library;
    use crate::model::ClauseFilter;
    use crate::redline::{ChangeKind, OpKind};
    use crate::templates::TemplateFiles;

    #[test]
    fn a_clause_with_the_model_wording_aligns_equal_and_tracked_deletions_are_ignored() {
        let (lib, _) = Library::open_in_memory(&TemplateFiles::builtin()).unwrap();
        let clauses = lib.list_clauses(&ClauseFilter::default()).unwrap();
        // A model clause of one paragraph (a draft block is one line).
        let model = clauses
            .iter()
            .find(|c| !c.content.body.zh.trim_end().contains('\n'))
            .unwrap();
        let body = model.content.body.zh.trim_end().to_string();
        let index = ClauseIndex::new(clauses.clone());
        let by = TrackAttrs {
            author: "".into(),
            date: "".into(),
        };
        let doc = DraftDoc::new(vec![Block::Clause {
            attrs: ClauseAttrs {
                level: 1,
                number: None,
            },
            content: vec![
                Inline::marked(
                    "全然不同的旧文字。",
                    vec![Mark::Deletion { attrs: by.clone() }],
                ),
                Inline::marked(body.clone(), vec![Mark::Insertion { attrs: by }]),
            ],
        }]);
        let a = align_draft(&doc, Lang::Zh, &index, None).unwrap();
        let first = &a.alignment.alignments[0];
        assert_eq!(
            first.model_clause.as_deref(),
            Some(model.content.id.as_str())
        );
        assert!(!a.text.contains("全然不同"));
        assert_eq!(a.segments.len(), 1);
        assert!(
            first
                .ops
                .iter()
                .all(|o| o.op == OpKind::Equal || o.text.chars().all(|c| !c.is_alphanumeric())),
            "{:?}",
            first.ops
        );
    }

    #[test]
    fn versions_compare_clause_by_clause() {
        let old = DraftDoc::new(vec![
            Block::clause(1, None, "The Provider shall encrypt Customer Data at rest."),
            Block::clause(
                1,
                None,
                "The Customer is responsible for its user accounts.",
            ),
        ]);
        let new = DraftDoc::new(vec![
            Block::clause(
                1,
                None,
                "The Provider shall encrypt all Customer Data at rest.",
            ),
            Block::clause(
                1,
                None,
                "The Customer is responsible for its user accounts.",
            ),
        ]);
        let c = compare_drafts(&old, Lang::En, &new, Lang::En);
        assert_eq!(c.stats.modified, 1);
        assert_eq!(c.stats.unchanged, 1);
        let m = c
            .changes
            .iter()
            .find(|x| x.kind == ChangeKind::Modified)
            .unwrap();
        assert_eq!(m.new_clause.as_deref(), Some("1"));
        assert!(m
            .ops
            .iter()
            .any(|o| o.op == OpKind::Insert && o.text.contains("all")));
    }
}
