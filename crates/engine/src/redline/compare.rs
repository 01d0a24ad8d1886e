//! Two versions of a contract, clause by clause. Clauses are aligned by content, not by
//! position: each clause's normalised text (its number aside, so renumbering is no change) is
//! hashed and the two hash sequences are diffed (an LCS), so an inserted clause leaves the
//! clauses after it unchanged. The deleted and inserted clauses left over are then paired by
//! similarity: a pair in the same place is a modified clause, a pair from different places a
//! moved one. Only the changed clauses are diffed word by word (character by character in
//! Chinese).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::diff::{diff_slices, push, Edit};
use super::normalize::{tokenize, Tokens};
use super::similarity::{features, Index, Scratch};
use super::{redline_tokens, round3, Op, OpKind, RedlineOptions};
use crate::ingest::Document;

/// Least similarity for a deleted and an inserted clause to be one clause, edited or moved.
const SAME_CLAUSE: f32 = 0.5;

/// What happened to a clause between the versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Unchanged,
    Modified,
    Inserted,
    Deleted,
    /// The clause moved here (its text may also have changed: see the ops).
    Moved,
    /// Where a moved clause used to be.
    MovedAway,
}

/// One clause of the comparison, in reading order (deleted clauses where they were).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClauseChange {
    pub kind: ChangeKind,
    /// The clause number as printed in the old and the new version ("" for unnumbered text).
    pub old_clause: Option<String>,
    pub new_clause: Option<String>,
    /// Char ranges in the old and the new `Document::text`.
    pub old_start: Option<u32>,
    pub old_end: Option<u32>,
    pub new_start: Option<u32>,
    pub new_end: Option<u32>,
    /// Similarity of the old and the new text (1 for unchanged, 0 for inserted or deleted).
    pub similarity: f64,
    /// The same number on a `moved` clause and its `moved_away` place.
    pub moved: Option<u32>,
    /// The clause's text as a redline (one `equal` op when unchanged, none where it moved away).
    pub ops: Vec<Op>,
}

/// Counts of clauses by what happened to them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct CompareStats {
    pub unchanged: u32,
    pub modified: u32,
    pub inserted: u32,
    pub deleted: u32,
    pub moved: u32,
}

/// Two versions compared.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Comparison {
    pub changes: Vec<ClauseChange>,
    pub stats: CompareStats,
}

/// A clause of one version: number, char range and text.
struct Unit<'a> {
    number: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
}

/// The byte offsets of `chars` (sorted char positions) in `text`, and the text's char count, in
/// one pass.
fn byte_offsets(text: &str, chars: &[usize]) -> (Vec<usize>, usize) {
    let mut out = Vec::with_capacity(chars.len());
    let mut want = chars.iter().copied().peekable();
    let mut n = 0;
    for (b, _) in text.char_indices() {
        while want.next_if(|&c| c <= n).is_some() {
            out.push(b);
        }
        n += 1;
    }
    out.extend(want.map(|_| text.len()));
    (out, n)
}

/// The document cut at every clause start (text before the first clause is a unit too), so the
/// units cover the whole text.
fn units(doc: &Document) -> Vec<Unit<'_>> {
    let mut starts: Vec<(usize, &str)> = doc
        .clauses
        .iter()
        .map(|c| (c.start as usize, c.number.as_str()))
        .collect();
    starts.sort_by_key(|s| s.0);
    starts.dedup_by_key(|s| s.0);
    if starts.first().is_none_or(|s| s.0 > 0) {
        starts.insert(0, (0, ""));
    }
    let chars: Vec<usize> = starts.iter().map(|s| s.0).collect();
    let (bytes, total) = byte_offsets(&doc.text, &chars);
    let mut out = Vec::with_capacity(starts.len());
    for (k, &(start, number)) in starts.iter().enumerate() {
        let start = start.min(total);
        let end = starts.get(k + 1).map_or(total, |s| s.0.min(total));
        let a = bytes.get(k).copied().unwrap_or(doc.text.len());
        let b = bytes.get(k + 1).copied().unwrap_or(doc.text.len());
        let text = doc.text.get(a..b.max(a)).unwrap_or("");
        if text.trim().is_empty() && start == 0 {
            continue;
        }
        out.push(Unit {
            number,
            start,
            end: end.max(start),
            text,
        });
    }
    out
}

/// A hash of a unit's bytes as written (8 bytes a step): equal texts need no reading.
fn raw_hash(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = text.as_bytes();
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let mut w = [0u8; 8];
    let rest = chunks.remainder();
    if let Some(dst) = w.get_mut(..rest.len()) {
        dst.copy_from_slice(rest);
    }
    h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    // Final mix (murmur3's), so that nearby texts spread.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// A hash of a unit's keys: equal for texts that differ only in what the keys fold away.
fn hash(t: &Tokens<'_>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for k in t.keys() {
        for b in k.bytes().chain([0xff]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

fn u(x: usize) -> Option<u32> {
    u32::try_from(x).ok()
}

/// The units' tokens, read on first use (only changed clauses are ever read).
struct Lazy<'u, 'a> {
    units: &'u [Unit<'a>],
    tokens: Vec<Option<Tokens<'a>>>,
    show_formatting: bool,
}

impl<'u, 'a> Lazy<'u, 'a> {
    fn new(units: &'u [Unit<'a>], show_formatting: bool) -> Self {
        Lazy {
            units,
            tokens: vec![None; units.len()],
            show_formatting,
        }
    }
    fn read(&mut self, i: usize) {
        if let (Some(slot @ None), Some(x)) = (self.tokens.get_mut(i), self.units.get(i)) {
            *slot = Some(tokenize(x.text, self.show_formatting));
        }
    }
    fn get(&self, i: usize) -> Option<&Tokens<'a>> {
        self.tokens.get(i).and_then(Option::as_ref)
    }
}

/// The clause-level diff: an LCS over hashes of the texts as written, then, inside each changed
/// stretch, an LCS over hashes of the normalised tokens (so renumbered or reformatted clauses
/// are equal), reading only the clauses of those stretches.
fn clause_diff(
    a: &[Unit<'_>],
    b: &[Unit<'_>],
    ta: &mut Lazy<'_, '_>,
    tb: &mut Lazy<'_, '_>,
) -> Vec<Edit> {
    let (ha, hb): (Vec<u64>, Vec<u64>) = (
        a.iter().map(|x| raw_hash(x.text)).collect(),
        b.iter().map(|x| raw_hash(x.text)).collect(),
    );
    let mut out = Vec::new();
    for e in diff_slices(&ha, &hb) {
        match e {
            Edit::Change { old: o, new: n } if !o.is_empty() && !n.is_empty() => {
                let keyed = |t: &mut Lazy<'_, '_>, r: std::ops::Range<usize>| -> Vec<u64> {
                    r.map(|i| {
                        t.read(i);
                        t.get(i).map_or(0, hash)
                    })
                    .collect()
                };
                let (ka, kb) = (keyed(ta, o.clone()), keyed(tb, n.clone()));
                for s in diff_slices(&ka, &kb) {
                    let shift = |r: &std::ops::Range<usize>, by: usize| r.start + by..r.end + by;
                    push(
                        &mut out,
                        match s {
                            Edit::Equal { old, new } => Edit::Equal {
                                old: shift(&old, o.start),
                                new: shift(&new, n.start),
                            },
                            Edit::Change { old, new } => Edit::Change {
                                old: shift(&old, o.start),
                                new: shift(&new, n.start),
                            },
                        },
                    );
                }
            }
            e => push(&mut out, e),
        }
    }
    out
}

/// Compares two versions clause by clause.
pub fn compare(old: &Document, new: &Document, opts: &RedlineOptions) -> Comparison {
    let (a, b) = (units(old), units(new));
    let (mut ta, mut tb) = (
        Lazy::new(&a, opts.show_formatting),
        Lazy::new(&b, opts.show_formatting),
    );
    let edits = clause_diff(&a, &b, &mut ta, &mut tb);

    // Hunk of each deleted and inserted unit.
    let (mut hunk_a, mut hunk_b) = (vec![usize::MAX; a.len()], vec![usize::MAX; b.len()]);
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    for (h, e) in edits.iter().enumerate() {
        if let Edit::Change { old: o, new: n } = e {
            for i in o.clone() {
                if let Some(x) = hunk_a.get_mut(i) {
                    *x = h;
                }
                ta.read(i);
                gone.push(i);
            }
            for j in n.clone() {
                if let Some(x) = hunk_b.get_mut(j) {
                    *x = h;
                }
                tb.read(j);
                came.push(j);
            }
        }
    }
    // Pair leftovers by similarity, best pairs first.
    let mut pair_a: Vec<Option<(usize, f32)>> = vec![None; a.len()];
    let mut pair_b: Vec<Option<(usize, f32)>> = vec![None; b.len()];
    if !gone.is_empty() && !came.is_empty() {
        let index = Index::new(
            &came
                .iter()
                .filter_map(|&j| tb.get(j))
                .map(features)
                .collect::<Vec<_>>(),
            false,
        );
        let mut scratch = Scratch::default();
        let mut cands: Vec<(f32, usize, usize)> = Vec::new();
        for &i in &gone {
            let Some(x) = ta.get(i) else { continue };
            let q = index.query_vector(&features(x));
            for (k, s) in index.top(&q, 3, |_| true, &mut scratch) {
                if s >= SAME_CLAUSE {
                    if let Some(&j) = came.get(k) {
                        cands.push((s, i, j));
                    }
                }
            }
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        for (s, i, j) in cands {
            if pair_a.get(i).is_some_and(Option::is_none)
                && pair_b.get(j).is_some_and(Option::is_none)
            {
                pair_a[i] = Some((j, s));
                pair_b[j] = Some((i, s));
            }
        }
    }

    let mut changes = Vec::with_capacity(b.len() + gone.len());
    let mut stats = CompareStats::default();
    // Move numbers in the old order.
    let mut move_ids: Vec<Option<u32>> = vec![None; a.len()];
    let mut next_move = 1u32;
    for (i, p) in pair_a.iter().enumerate() {
        if let Some((j, _)) = p {
            if hunk_a.get(i) != hunk_b.get(*j) {
                if let Some(m) = move_ids.get_mut(i) {
                    *m = Some(next_move);
                    next_move += 1;
                }
            }
        }
    }
    let whole = |text: &str, op: OpKind| -> Vec<Op> {
        if text.is_empty() {
            Vec::new()
        } else {
            vec![Op {
                op,
                text: text.to_string(),
                moved: None,
            }]
        }
    };
    let change = |kind, x: Option<&Unit<'_>>, y: Option<&Unit<'_>>, similarity: f64, moved, ops| {
        ClauseChange {
            kind,
            old_clause: x.map(|x| x.number.to_string()),
            new_clause: y.map(|y| y.number.to_string()),
            old_start: x.and_then(|x| u(x.start)),
            old_end: x.and_then(|x| u(x.end)),
            new_start: y.and_then(|y| u(y.start)),
            new_end: y.and_then(|y| u(y.end)),
            similarity,
            moved,
            ops,
        }
    };
    for e in &edits {
        match e {
            Edit::Equal { old: o, new: n } => {
                for (i, j) in o.clone().zip(n.clone()) {
                    let (Some(x), Some(y)) = (a.get(i), b.get(j)) else {
                        continue;
                    };
                    stats.unchanged += 1;
                    changes.push(change(
                        ChangeKind::Unchanged,
                        Some(x),
                        Some(y),
                        1.0,
                        None,
                        whole(y.text, OpKind::Equal),
                    ));
                }
            }
            Edit::Change { old: o, new: n } => {
                // The clause that came in at new position `j`, as an entry.
                let came_in = |j: usize, stats: &mut CompareStats| -> Option<ClauseChange> {
                    let y = b.get(j)?;
                    let Some((i, s)) = pair_b.get(j).copied().flatten() else {
                        stats.inserted += 1;
                        let ops = whole(y.text, OpKind::Insert);
                        return Some(change(ChangeKind::Inserted, None, Some(y), 0.0, None, ops));
                    };
                    let x = a.get(i)?;
                    let ops = match (ta.get(i), tb.get(j)) {
                        (Some(p), Some(q)) => redline_tokens(p, q, opts.show_formatting),
                        _ => Vec::new(),
                    };
                    let moved = move_ids.get(i).copied().flatten();
                    let kind = if moved.is_some() {
                        stats.moved += 1;
                        ChangeKind::Moved
                    } else if ops.iter().all(|o| o.op == OpKind::Equal) {
                        stats.unchanged += 1;
                        ChangeKind::Unchanged
                    } else {
                        stats.modified += 1;
                        ChangeKind::Modified
                    };
                    Some(change(kind, Some(x), Some(y), round3(s), moved, ops))
                };
                // Old order first; a clause edited in place comes after the clauses inserted
                // before it; what came in after the last old clause closes the hunk.
                let in_place = |k: usize| {
                    pair_b
                        .get(k)
                        .copied()
                        .flatten()
                        .is_some_and(|(p, _)| move_ids.get(p).copied().flatten().is_none())
                };
                let mut done = vec![false; n.len()];
                let mut emit =
                    |k: usize, changes: &mut Vec<ClauseChange>, stats: &mut CompareStats| {
                        if let Some(d) = done.get_mut(k.wrapping_sub(n.start)).filter(|d| !**d) {
                            *d = true;
                            changes.extend(came_in(k, stats));
                        }
                    };
                for i in o.clone() {
                    let Some(x) = a.get(i) else { continue };
                    match pair_a.get(i).copied().flatten() {
                        None => {
                            stats.deleted += 1;
                            let ops = whole(x.text, OpKind::Delete);
                            changes.push(change(
                                ChangeKind::Deleted,
                                Some(x),
                                None,
                                0.0,
                                None,
                                ops,
                            ));
                        }
                        Some((j, s)) => match move_ids.get(i).copied().flatten() {
                            Some(id) => {
                                let y = b.get(j);
                                changes.push(change(
                                    ChangeKind::MovedAway,
                                    Some(x),
                                    y,
                                    round3(s),
                                    Some(id),
                                    Vec::new(),
                                ));
                            }
                            None => {
                                for k in n.start..j {
                                    if !in_place(k) {
                                        emit(k, &mut changes, &mut stats);
                                    }
                                }
                                emit(j, &mut changes, &mut stats);
                            }
                        },
                    }
                }
                for k in n.clone() {
                    emit(k, &mut changes, &mut stats);
                }
            }
        }
    }
    Comparison { changes, stats }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::type_complexity)]
mod tests {
    use super::super::to_plain;
    use super::*;
    use crate::ingest;

    fn doc(text: &str) -> Document {
        ingest::read("v.txt", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_inserted_clause_leaves_the_renumbered_rest_unchanged() {
        let old = doc("1. The Provider shall host the Service.\n2. The Customer shall pay the fees.\n3. Notices shall be in writing.\n");
        let new = doc("1. The Provider shall host the Service.\n2. The Provider shall back up Customer Data daily.\n3. The Customer shall pay the fees.\n4. Notices shall be in writing.\n");
        let c = compare(&old, &new, &RedlineOptions::default());
        let kinds: Vec<ChangeKind> = c.changes.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::Unchanged,
                ChangeKind::Inserted,
                ChangeKind::Unchanged,
                ChangeKind::Unchanged
            ]
        );
        assert_eq!(
            c.changes
                .get(2)
                .map(|x| (x.old_clause.as_deref(), x.new_clause.as_deref())),
            Some((Some("2"), Some("3")))
        );
        assert_eq!(
            c.stats,
            CompareStats {
                unchanged: 3,
                inserted: 1,
                ..CompareStats::default()
            }
        );
    }

    #[test]
    fn edited_deleted_and_moved_clauses() {
        let old = doc("1. The Provider shall host the Service in Frankfurt.\n2. The Customer shall pay the fees within thirty days.\n3. Notices shall be in writing and sent by email.\n4. This Agreement is governed by the laws of England.\n5. Each party keeps the other party's information confidential.\n");
        let new = doc("1. Each party keeps the other party's information confidential.\n2. The Provider shall host the Service in Frankfurt.\n3. The Customer shall pay the fees within sixty days.\n4. This Agreement is governed by the laws of England.\n");
        let c = compare(&old, &new, &RedlineOptions::default());
        let kinds: Vec<(ChangeKind, Option<&str>, Option<&str>, Option<u32>)> = c
            .changes
            .iter()
            .map(|x| {
                (
                    x.kind,
                    x.old_clause.as_deref(),
                    x.new_clause.as_deref(),
                    x.moved,
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (ChangeKind::Moved, Some("5"), Some("1"), Some(1)),
                (ChangeKind::Unchanged, Some("1"), Some("2"), None),
                (ChangeKind::Modified, Some("2"), Some("3"), None),
                (ChangeKind::Deleted, Some("3"), None, None),
                (ChangeKind::Unchanged, Some("4"), Some("4"), None),
                (ChangeKind::MovedAway, Some("5"), Some("1"), Some(1)),
            ]
        );
        let modified = c
            .changes
            .get(2)
            .map(|x| to_plain(&x.ops))
            .unwrap_or_default();
        assert_eq!(
            modified,
            "3. The Customer shall pay the fees within[- thirty-]{+ sixty+} days.\n"
        );
    }
}
