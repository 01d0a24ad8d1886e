//! Redlines: a draft against the model clauses of the library, and one version of a contract
//! against another.
//!
//! - `normalize.rs` reads a text into tokens (CJK characters, English words, punctuation,
//!   placeholders) whose keys fold width, quote and dash styles, white space and clause numbers;
//! - `diff.rs` diffs token keys with `similar` (Myers) and renders [`Op`]s over the original text;
//! - `cleanup.rs` slides edits to sentence boundaries and merges short equal runs between edits
//!   (diff-match-patch's semantic cleanups);
//! - `moves.rs` marks a deleted and an inserted passage with the same text as a move;
//! - `fill.rs` learns what the draft wrote for each `{{placeholder}}` of a model clause;
//! - `similarity.rs` compares texts by tf-idf cosine of token bigrams, with an inverted index;
//! - `align.rs` finds each draft clause's model clause ([`align`], [`ClauseIndex`]);
//! - `compare.rs` compares two documents clause by clause ([`compare`]);
//! - `candidates.rs` gives the model clauses nearest to one clause, each with its redline.
//!
//! In every diff the old side is the model (or the old version) and the new side is the draft
//! (or the new version): `delete` is text only the old side has, `insert` text only the new side
//! has, and `equal` shows the new side's text, so the `equal` and `insert` ops of a diff,
//! concatenated, are exactly the new text.

mod align;
mod candidates;
mod cleanup;
mod compare;
mod diff;
mod fill;
mod moves;
mod normalize;
mod similarity;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Lang;

pub use align::{align, AlignOptions, Alignment, Candidate, ClauseAlignment, ClauseIndex};
pub use candidates::{candidates, CandidateRedline, MAX_CANDIDATES};
pub use compare::{compare, ChangeKind, ClauseChange, CompareStats, Comparison};

/// What an op does to the old text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    Equal,
    Insert,
    Delete,
}

/// One piece of a redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Op {
    pub op: OpKind,
    pub text: String,
    /// Set on a deleted and an inserted passage with the same text: the passage moved. The two
    /// ops carry the same number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub moved: Option<u32>,
}

/// How a redline reads the texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RedlineOptions {
    /// Show white space, clause numbers, full-width/half-width punctuation and quote styles as
    /// changes (by default they are normalised away).
    pub show_formatting: bool,
}

/// The language of a text: Chinese when more than a quarter of its characters are CJK.
pub fn language(text: &str) -> Lang {
    let (mut cjk, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        cjk += usize::from(crate::search::is_cjk(c));
    }
    if cjk * 4 > all {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The redline of two texts: by character for Chinese, by word for English, cleaned up into
/// whole phrases, with moved passages marked.
pub fn redline(old: &str, new: &str, opts: &RedlineOptions) -> Vec<Op> {
    let (a, b) = (
        normalize::tokenize(old, opts.show_formatting),
        normalize::tokenize(new, opts.show_formatting),
    );
    redline_tokens(&a, &b, opts.show_formatting)
}

/// [`redline`] of texts already read into tokens (with `show_formatting` as they were read).
pub(crate) fn redline_tokens(
    old: &normalize::Tokens<'_>,
    new: &normalize::Tokens<'_>,
    show_formatting: bool,
) -> Vec<Op> {
    let edits = cleanup::lossless(diff::diff_tokens(old, new), old, new);
    let edits = cleanup::semantic(edits, old, new);
    let mut ops = diff::ops(&edits, old, new);
    // A text with no tokens at all (only a clause number) has nothing to show its number with.
    let shown = ops.iter().any(|o| o.op != OpKind::Delete);
    if new.toks.is_empty() && !shown && !new.src.trim_end().is_empty() {
        ops.push(Op {
            op: OpKind::Equal,
            text: new.src.trim_end().to_string(),
            moved: None,
        });
    }
    moves::mark(&mut ops, show_formatting);
    ops
}

/// A redline as plain text: `[-deleted-]` and `{+inserted+}`; a moved passage is marked
/// `[-…-](moved to #N)` where it was and `{+…+}(moved from #N)` where it went.
pub fn to_plain(ops: &[Op]) -> String {
    let mut out = String::new();
    for o in ops {
        match (o.op, o.moved) {
            (OpKind::Equal, _) => out.push_str(&o.text),
            (OpKind::Delete, None) => out.push_str(&format!("[-{}-]", o.text)),
            (OpKind::Insert, None) => out.push_str(&format!("{{+{}+}}", o.text)),
            (OpKind::Delete, Some(n)) => out.push_str(&format!("[-{}-](moved to #{n})", o.text)),
            (OpKind::Insert, Some(n)) => {
                out.push_str(&format!("{{+{}+}}(moved from #{n})", o.text))
            }
        }
    }
    out
}

/// Rounds a similarity for output (three decimals, stable across platforms).
pub(crate) fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_and_insert_ops_are_the_new_text() {
        let old = "4.2 The Provider shall delete all Customer Data within thirty (30) days.";
        let new = "4.3 The Provider shall promptly delete all Customer Data within sixty (60) days after termination.";
        let ops = redline(old, new, &RedlineOptions::default());
        let rebuilt: String = ops
            .iter()
            .filter(|o| o.op != OpKind::Delete)
            .map(|o| o.text.as_str())
            .collect();
        assert_eq!(rebuilt, new);
        assert_eq!(
            to_plain(&ops),
            "4.3 The Provider shall{+ promptly+} delete all Customer Data within[- thirty (30) days-]{+ sixty (60) days after termination+}."
        );
    }

    #[test]
    fn formatting_is_invisible_unless_asked_for() {
        let (old, new) = (
            "（一）甲方应当在30日内删除数据。",
            "(a) 甲方应当在３０日内删除数据.",
        );
        assert!(redline(old, new, &RedlineOptions::default())
            .iter()
            .all(|o| o.op == OpKind::Equal));
        let shown = redline(
            old,
            new,
            &RedlineOptions {
                show_formatting: true,
            },
        );
        assert!(shown
            .iter()
            .any(|o| o.op == OpKind::Delete && o.text.contains('３')
                || o.op == OpKind::Insert && o.text.contains('３')));
    }

    #[test]
    fn language_by_script() {
        assert_eq!(language("甲方应当 delete"), Lang::Zh);
        assert_eq!(language("The Provider shall 删除"), Lang::En);
    }
}
