//! The model clauses nearest to one draft clause, each with its redline: what the redline view
//! offers when the user switches from the aligned model clause to the runner-up or another one.

use serde::Serialize;
use ts_rs::TS;

use super::normalize::tokenize;
use super::{fill, redline, ClauseIndex, Op, RedlineOptions};
use crate::model::{Clause, Lang};

/// Most candidates one call returns.
pub const MAX_CANDIDATES: usize = 10;

/// A model clause near a draft clause, with the redline of the draft clause against it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CandidateRedline {
    pub model_clause: String,
    /// Similarity to the draft clause, 0–1.
    pub similarity: f64,
    /// The model clause itself (title, body, guidance …).
    pub clause: Clause,
    /// Model (placeholders filled with the draft's wording) → draft; the `equal` and `insert`
    /// ops are `text` with trailing white space trimmed.
    pub ops: Vec<Op>,
}

/// The `k` model clauses nearest to `text` (best first, `topics` favour clauses of the same
/// topic), each with the redline of `text` against its body in `lang`.
pub fn candidates(
    index: &ClauseIndex,
    text: &str,
    lang: Lang,
    topics: &[String],
    k: usize,
    opts: &RedlineOptions,
) -> Vec<CandidateRedline> {
    let draft = text.trim_end();
    index
        .nearest(draft, lang, topics, k.clamp(1, MAX_CANDIDATES))
        .into_iter()
        .filter_map(|c| {
            let clause = index
                .clauses()
                .iter()
                .find(|x| x.content.id == c.model_clause)?
                .clone();
            let model = clause.content.body.get(lang).trim_end();
            let learned = fill::learn(&tokenize(model, false), &tokenize(draft, false));
            let filled = fill::fill(model, &learned, &Default::default());
            Some(CandidateRedline {
                model_clause: c.model_clause,
                similarity: c.similarity,
                ops: redline(&filled, draft, opts),
                clause,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;
    use crate::model::ClauseFilter;
    use crate::redline::OpKind;
    use crate::templates::TemplateFiles;

    #[test]
    fn nearest_clauses_with_redlines_that_spell_the_draft() {
        let (lib, _) = Library::open_in_memory(&TemplateFiles::builtin()).unwrap();
        let index = ClauseIndex::new(lib.list_clauses(&ClauseFilter::default()).unwrap());
        let body = index.clauses()[0].content.body.zh.clone();
        let draft = format!("{}另有约定的除外。", body.trim_end());
        let got = candidates(&index, &draft, Lang::Zh, &[], 3, &RedlineOptions::default());
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].model_clause, index.clauses()[0].content.id);
        assert!(got[0].similarity >= got[1].similarity);
        for c in &got {
            let rebuilt: String = c
                .ops
                .iter()
                .filter(|o| o.op != OpKind::Delete)
                .map(|o| o.text.as_str())
                .collect();
            assert_eq!(rebuilt, draft);
        }
        assert!(got[0]
            .ops
            .iter()
            .any(|o| o.op == OpKind::Insert && o.text.contains("另有约定")));
    }
}
