//! Moved passages inside one redline: a deleted and an inserted passage whose texts read the
//! same (same token keys, punctuation at the ends aside) and are long enough to mean something
//! (a dozen characters of keys) get the same move number.

use std::collections::HashMap;

use super::normalize::{tokenize, Kind};
use super::{Op, OpKind};

/// Shortest passage, in key characters, reported as a move.
const MIN_MOVE_CHARS: usize = 12;

/// The comparable form of an op's text: its keys without punctuation at either end.
fn signature(text: &str, show_formatting: bool) -> Option<String> {
    let t = tokenize(text, show_formatting);
    let content = |i: usize| !matches!(t.kind(i), Some(Kind::Punct | Kind::Space));
    let first = (0..t.len()).find(|&i| content(i))?;
    let last = (0..t.len()).rfind(|&i| content(i))?;
    let sig: Vec<&str> = (first..=last).map(|i| t.key(i)).collect();
    (sig.iter().map(|k| k.chars().count()).sum::<usize>() >= MIN_MOVE_CHARS)
        .then(|| sig.join("\u{1}"))
}

/// Marks moved passages among `ops`; numbers start at 1 in each redline.
pub(crate) fn mark(ops: &mut [Op], show_formatting: bool) {
    let mut deleted: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, o) in ops
        .iter()
        .enumerate()
        .filter(|(_, o)| o.op == OpKind::Delete)
    {
        if let Some(s) = signature(&o.text, show_formatting) {
            deleted.entry(s).or_default().push(i);
        }
    }
    if deleted.is_empty() {
        return;
    }
    let mut next = 1u32;
    for i in 0..ops.len() {
        if ops.get(i).is_none_or(|o| o.op != OpKind::Insert) {
            continue;
        }
        let Some(sig) = ops.get(i).and_then(|o| signature(&o.text, show_formatting)) else {
            continue;
        };
        let Some(list) = deleted.get_mut(&sig) else {
            continue;
        };
        if list.is_empty() {
            continue;
        }
        let d = list.remove(0);
        for k in [d, i] {
            if let Some(o) = ops.get_mut(k) {
                o.moved = Some(next);
            }
        }
        next += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{redline, RedlineOptions};
    use super::*;

    #[test]
    fn a_moved_sentence_is_marked_on_both_sides() {
        let old = "The Provider shall encrypt Customer Data at rest. The Customer shall pay all fees. Notices are in writing.";
        let new = "The Customer shall pay all fees. Notices are in writing. The Provider shall encrypt Customer Data at rest.";
        let ops = redline(old, new, &RedlineOptions::default());
        let moved: Vec<(OpKind, Option<u32>)> = ops
            .iter()
            .filter(|o| o.moved.is_some())
            .map(|o| (o.op, o.moved))
            .collect();
        assert_eq!(
            moved,
            [(OpKind::Delete, Some(1)), (OpKind::Insert, Some(1))],
            "{ops:?}"
        );
    }

    #[test]
    fn short_or_different_passages_are_no_moves() {
        let ops = redline(
            "甲方应当删除。乙方付款。",
            "乙方付款。甲方应当删除。",
            &RedlineOptions::default(),
        );
        assert!(ops.iter().all(|o| o.moved.is_none()));
    }
}
