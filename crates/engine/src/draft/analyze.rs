//! The editor's live analysis: a draft rendered as text (`render::to_document`) and analysed,
//! returned with the segments that map the report's char offsets back to the editor's text
//! blocks. The rendered text itself is not returned: the editor has the document.

use serde::Serialize;
use ts_rs::TS;

use super::doc::DraftDoc;
use super::render::{to_document, Segment};
use crate::analysis::{self, Options, Report, Rules};
use crate::model::Lang;
use crate::templates::TemplateSet;

/// A draft's analysis: evidence offsets are chars of the rendered text, located by `segments`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DraftAnalysis {
    pub report: Report,
    pub segments: Vec<Segment>,
}

pub fn analyze_draft(
    doc: &DraftDoc,
    lang: Lang,
    rules: &Rules,
    templates: &TemplateSet,
    opts: Options,
) -> DraftAnalysis {
    let rendered = to_document(doc, lang, None);
    let report = analysis::analyze(&rendered.document, rules, templates, opts);
    DraftAnalysis {
        report,
        segments: rendered.segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Perspective;
    use crate::draft::Block;
    use crate::templates::{self, TemplateFiles};

    #[test]
    fn evidence_overlaps_the_text_block_of_its_clause() {
        let files = TemplateFiles::builtin();
        let set = templates::load(&files).unwrap();
        let rules = Rules::load(&files).unwrap();
        let doc = DraftDoc::new(vec![
            Block::heading(1, "云服务协议"),
            Block::paragraph("甲方（服务商）：云峰科技有限公司；乙方（客户）：明远律师事务所。"),
            Block::clause(1, None, "安全责任"),
            Block::clause(2, None, "甲方负责机房物理安全和网络控制安全。"),
        ]);
        let a = analyze_draft(
            &doc,
            Lang::Zh,
            &rules,
            &set,
            Options {
                model: None,
                perspective: Perspective::Customer,
            },
        );
        let evidence: Vec<_> = a.report.security.iter().flat_map(|r| &r.evidence).collect();
        assert!(!evidence.is_empty());
        // A quote may start with the clause's printed number, which is no text of the block:
        // the editor marks the part inside the block.
        for e in evidence {
            assert!(
                a.segments
                    .iter()
                    .any(|s| s.start < e.end && e.end <= s.start + s.len),
                "{e:?} does not end inside a text block"
            );
        }
    }
}
