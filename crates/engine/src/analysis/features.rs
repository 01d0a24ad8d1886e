//! What each sentence says, computed once: the items, PI elements and risk topics it speaks to,
//! its statements, a table row's allocation, cross-references. Everything downstream (the
//! allocation, the PI checklist, the risk list) only aggregates these, so re-analysing an edited
//! clause recomputes the features of that clause's sentences alone (see `Cache`).

use super::allocate::{cross_references_in, table_claim};
use super::parties::{Mentions, Role};
use super::rules::{Rules, TopicCues};
use super::statements::{statements, Kind, Statement};
use super::text::Sentence;
use crate::ingest::BlockKind;

/// The features of one sentence. Indices point into `Rules::items`, `Rules::pi`, `Rules::risks`.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    pub items: Vec<usize>,
    pub statements: Vec<Statement>,
    /// Per statement: the items of its segment (the part and the parts after it up to the next
    /// statement); empty = the sentence's items.
    pub segment_items: Vec<Vec<usize>>,
    /// A responsibility-table row: the party it names and whether the parts are stated.
    pub table: Option<(Option<Role>, Option<bool>)>,
    /// Only a duty to follow a document that is not reproduced (convention 1).
    pub external: bool,
    /// "The obligations in clause 6.2 apply to Customer": (clause, party).
    pub crossrefs: Vec<(String, Role)>,
    pub pi_mention: bool,
    /// A defined term this sentence defines to include personal information.
    pub pi_term: Option<String>,
    pub pi_elems: Vec<usize>,
    pub risks: Vec<usize>,
}

/// The topics of a list that a text speaks to.
fn matching(list: &[TopicCues], text: &str) -> Vec<usize> {
    list.iter()
        .enumerate()
        .filter(|(_, c)| c.matches(text))
        .map(|(i, _)| i)
        .collect()
}

/// Computes the features of one sentence of `doc_text`.
pub fn of(doc_text: &str, s: &Sentence, rules: &Rules, mentions: &Mentions) -> SentenceFeatures {
    let t = s.text(doc_text);
    let mut f = SentenceFeatures {
        items: matching(&rules.items, t),
        pi_mention: rules.pi_mention.is_match(t),
        pi_term: super::topics::pi_term_of(t, rules),
        pi_elems: matching(&rules.pi, t),
        // Cheap gates before the heavier regexes: a cross-reference names an obligation.
        crossrefs: if t.contains('由') || t.contains("apply") || t.contains("responsibility of") {
            cross_references_in(t, rules, mentions)
        } else {
            Vec::new()
        },
        ..SentenceFeatures::default()
    };
    if !s.definitional {
        if s.kind == BlockKind::TableRow {
            f.table = table_claim(doc_text, s, mentions);
        }
        if f.table.is_none() {
            f.external = (t.contains('《')
                || t.contains("http")
                || t.contains("olic")
                || t.contains("ocumentation")
                || t.contains("DPA")
                || t.contains("greement"))
                && rules.external_reference.is_match(t);
            if !f.external {
                f.statements = statements(t, mentions, &rules.modality_zh, &rules.modality_en);
                // One statement: its segment is the sentence, whose items are known.
                f.segment_items = if f.statements.len() == 1 {
                    vec![f.items.clone()]
                } else {
                    (0..f.statements.len())
                        .map(|k| matching(&rules.items, segment(t, &f.statements, k)))
                        .collect()
                };
            }
        }
    }
    // Risk topics: a topic that needs a duty (backup) counts only where a duty's segment speaks to it.
    let risk_candidates = if s.definitional {
        Vec::new()
    } else {
        matching(&rules.risks, t)
    };
    f.risks = risk_candidates
        .into_iter()
        .map(|i| (i, &rules.risks[i]))
        .filter(|(_, c)| {
            !c.duty_required
                || (0..f.statements.len()).any(|k| {
                    f.statements[k].kind == Kind::Duty
                        && c.any.is_match(segment(t, &f.statements, k))
                })
        })
        .map(|(i, _)| i)
        .collect();
    f
}

/// A statement's segment: its part and the following parts up to the next statement.
pub fn segment<'a>(t: &'a str, st: &[Statement], k: usize) -> &'a str {
    let end = st.get(k + 1).map_or(t.len(), |n| n.start).max(st[k].end);
    &t[st[k].start..end.min(t.len())]
}
