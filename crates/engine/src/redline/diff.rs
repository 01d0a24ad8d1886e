//! The token diff: `similar`'s Myers diff over the token keys, as an alternating list of equal
//! runs and changes (a change deletes an old range and inserts a new one, either may be empty),
//! and the rendering of that list as [`Op`]s over the original texts.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use super::normalize::Tokens;
use super::{Op, OpKind};

/// Longest a single diff may search before it settles for a coarser answer.
const DEADLINE: Duration = Duration::from_secs(2);

/// One piece of a diff over token indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Edit {
    Equal {
        old: Range<usize>,
        new: Range<usize>,
    },
    Change {
        old: Range<usize>,
        new: Range<usize>,
    },
}

/// Appends a piece, merging it into the last one when they are of the same kind.
pub(crate) fn push(out: &mut Vec<Edit>, e: Edit) {
    let empty = match &e {
        Edit::Equal { old, new } | Edit::Change { old, new } => old.is_empty() && new.is_empty(),
    };
    if empty {
        return;
    }
    match (out.last_mut(), e) {
        (Some(Edit::Equal { old, new }), Edit::Equal { old: o, new: n })
        | (Some(Edit::Change { old, new }), Edit::Change { old: o, new: n }) => {
            old.end = o.end;
            new.end = n.end;
        }
        (_, e) => out.push(e),
    }
}

/// Diffs any two sequences of hashable items into equal runs and changes.
pub(crate) fn diff_slices<T: Eq + std::hash::Hash>(old: &[T], new: &[T]) -> Vec<Edit> {
    let ops = capture_diff_slices_deadline(
        Algorithm::Myers,
        old,
        new,
        Instant::now().checked_add(DEADLINE),
    );
    let mut out = Vec::new();
    for op in ops {
        let (old_r, new_r) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => push(
                &mut out,
                Edit::Equal {
                    old: old_r,
                    new: new_r,
                },
            ),
            _ => push(
                &mut out,
                Edit::Change {
                    old: old_r,
                    new: new_r,
                },
            ),
        }
    }
    out
}

/// Diffs two token lists by their keys.
pub(crate) fn diff_tokens(old: &Tokens<'_>, new: &Tokens<'_>) -> Vec<Edit> {
    diff_slices(&old.keys(), &new.keys())
}

/// The ops of a diff: an equal run shows the new text, a change shows the old text deleted and
/// the new text inserted.
pub(crate) fn ops(edits: &[Edit], old: &Tokens<'_>, new: &Tokens<'_>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::with_capacity(edits.len() * 2);
    let mut add = |op: OpKind, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op && last.moved.is_none() => last.text.push_str(text),
            _ => out.push(Op {
                op,
                text: text.to_string(),
                moved: None,
            }),
        }
    };
    for e in edits {
        match e {
            Edit::Equal { new: n, .. } => add(OpKind::Equal, new.display(n.clone())),
            Edit::Change { old: o, new: n } => {
                add(OpKind::Delete, old.display(o.clone()));
                add(OpKind::Insert, new.display(n.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalize::tokenize;
    use super::*;

    #[test]
    fn edits_alternate_and_cover_both_sides() {
        let (a, b) = (
            tokenize("甲方应当删除数据", false),
            tokenize("乙方应当立即删除数据", false),
        );
        let e = diff_tokens(&a, &b);
        assert_eq!(
            e,
            [
                Edit::Change {
                    old: 0..1,
                    new: 0..1
                },
                Edit::Equal {
                    old: 1..4,
                    new: 1..4
                },
                Edit::Change {
                    old: 4..4,
                    new: 4..6
                },
                Edit::Equal {
                    old: 4..8,
                    new: 6..10
                }
            ]
        );
        let o = ops(&e, &a, &b);
        let shown: Vec<(OpKind, &str)> = o.iter().map(|x| (x.op, x.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (OpKind::Delete, "甲"),
                (OpKind::Insert, "乙"),
                (OpKind::Equal, "方应当"),
                (OpKind::Insert, "立即"),
                (OpKind::Equal, "删除数据")
            ]
        );
    }
}
