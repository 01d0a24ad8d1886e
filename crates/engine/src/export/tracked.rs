//! Tracked changes between two versions of a draft: text blocks are aligned by content (a
//! block inserted or deleted does not shift the rest), changed blocks are diffed by character
//! for Chinese and by word for English, and blocks deleted outright are shown as deleted text
//! at the start of the block that follows them.

use std::collections::HashMap;

use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};

use super::Change;
use crate::draft::render::{to_document, Rendered};
use crate::draft::DraftDoc;
use crate::model::Lang;
use crate::redline::{Alignment, OpKind};

fn blocks(doc: &DraftDoc, lang: Lang) -> Vec<(Vec<u32>, String)> {
    let r = to_document(doc, lang, None);
    let chars: Vec<char> = r.document.text.chars().collect();
    r.segments
        .iter()
        .map(|s| {
            let text = chars
                .get(s.start as usize..(s.start + s.len) as usize)
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            (s.path.clone(), text)
        })
        .collect()
}

/// Character (Chinese) or word (English) diff of one block, adjacent pieces merged.
pub fn diff_text(old: &str, new: &str, lang: Lang) -> Vec<Change> {
    let diff = match lang {
        Lang::Zh => TextDiff::from_chars(old, new),
        Lang::En => TextDiff::from_words(old, new),
    };
    let mut out: Vec<Change> = Vec::new();
    for c in diff.iter_all_changes() {
        let t = c.value();
        match (c.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Change::Equal(s)))
            | (ChangeTag::Insert, Some(Change::Insert(s)))
            | (ChangeTag::Delete, Some(Change::Delete(s))) => s.push_str(t),
            (ChangeTag::Equal, _) => out.push(Change::Equal(t.to_string())),
            (ChangeTag::Insert, _) => out.push(Change::Insert(t.to_string())),
            (ChangeTag::Delete, _) => out.push(Change::Delete(t.to_string())),
        }
    }
    out
}

/// The changes from `old` to `new`, keyed by the path of the text block in `new` they belong to.
pub fn version_changes(
    old: &DraftDoc,
    new: &DraftDoc,
    lang: Lang,
) -> HashMap<Vec<u32>, Vec<Change>> {
    let (a, b) = (blocks(old, lang), blocks(new, lang));
    let (ta, tb): (Vec<&str>, Vec<&str>) = (
        a.iter().map(|x| x.1.as_str()).collect(),
        b.iter().map(|x| x.1.as_str()).collect(),
    );
    let mut out: HashMap<Vec<u32>, Vec<Change>> = HashMap::new();
    let mut pending_deleted: Vec<Change> = Vec::new();
    let mut put = |path: &Vec<u32>, mut changes: Vec<Change>, pending: &mut Vec<Change>| {
        if !pending.is_empty() {
            let mut all = std::mem::take(pending);
            all.append(&mut changes);
            changes = all;
        }
        out.insert(path.clone(), changes);
    };
    for op in capture_diff_slices(Algorithm::Patience, &ta, &tb) {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                if !pending_deleted.is_empty() && len > 0 {
                    let (path, text) = &b[new_index];
                    put(
                        path,
                        vec![Change::Equal(text.clone())],
                        &mut pending_deleted,
                    );
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for (_, t) in &a[old_index..old_index + old_len] {
                    pending_deleted.push(Change::Delete(format!("{t} ")));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for (path, t) in &b[new_index..new_index + new_len] {
                    put(path, vec![Change::Insert(t.clone())], &mut pending_deleted);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Pair blocks that are mostly the same text, in order; the rest are inserted or deleted.
                let mut oi = old_index;
                for (path, t) in &b[new_index..new_index + new_len] {
                    let end = old_index + old_len;
                    let found = (oi..end).find(|&k| {
                        TextDiff::from_chars(a[k].1.as_str(), t.as_str()).ratio() >= 0.5
                    });
                    match found {
                        Some(k) => {
                            for (_, d) in &a[oi..k] {
                                pending_deleted.push(Change::Delete(format!("{d} ")));
                            }
                            put(path, diff_text(&a[k].1, t, lang), &mut pending_deleted);
                            oi = k + 1;
                        }
                        None => put(path, vec![Change::Insert(t.clone())], &mut pending_deleted),
                    }
                }
                for (_, d) in &a[oi..old_index + old_len] {
                    pending_deleted.push(Change::Delete(format!("{d} ")));
                }
            }
        }
    }
    if let (false, Some((path, text))) = (pending_deleted.is_empty(), b.last()) {
        let mut changes = out
            .remove(path)
            .unwrap_or_else(|| vec![Change::Equal(text.clone())]);
        changes.append(&mut pending_deleted);
        out.insert(path.clone(), changes);
    }
    out
}

/// Tracked changes against the model clauses: for each draft clause that has a model
/// counterpart, the redline ops (model text as the base, the draft's text as the result) are
/// laid onto the text blocks the clause covers: the draft's own characters are walked in step
/// with the document text, so numbers and line breaks between blocks fall away and a deletion
/// lands in the block where it occurs. A block whose ops do not spell its exact text is left
/// without tracked changes.
pub fn model_changes(rendered: &Rendered, alignment: &Alignment) -> HashMap<Vec<u32>, Vec<Change>> {
    let mut out = HashMap::new();
    let chars: Vec<char> = rendered.document.text.chars().collect();
    for a in &alignment.alignments {
        if a.model_clause.is_none() || a.ops.iter().all(|o| o.op == OpKind::Equal) {
            continue;
        }
        let segs: Vec<_> = rendered
            .segments
            .iter()
            .filter(|s| s.start < a.end && s.start + s.len > a.start)
            .collect();
        // The segment holding document position `p`, or the next one after it.
        let seg_at = |p: u32| segs.iter().position(|s| p < s.start + s.len);
        let mut per: Vec<Vec<Change>> = vec![Vec::new(); segs.len()];
        let mut pos = a.start;
        let mut ok = true;
        for op in &a.ops {
            if op.op == OpKind::Delete {
                if let Some(k) = seg_at(pos) {
                    push(&mut per[k], Change::Delete(op.text.clone()));
                }
                continue;
            }
            for c in op.text.chars() {
                if chars.get(pos as usize) != Some(&c) {
                    ok = false;
                    break;
                }
                if let Some(k) = segs
                    .iter()
                    .position(|s| pos >= s.start && pos < s.start + s.len)
                {
                    let piece = c.to_string();
                    push(
                        &mut per[k],
                        if op.op == OpKind::Equal {
                            Change::Equal(piece)
                        } else {
                            Change::Insert(piece)
                        },
                    );
                }
                pos += 1;
            }
            if !ok {
                break;
            }
        }
        if !ok {
            continue;
        }
        for (seg, mut changes) in segs.iter().zip(per) {
            let block: String = chars
                .get(seg.start as usize..(seg.start + seg.len) as usize)
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            let spelled: String = changes
                .iter()
                .filter_map(|c| match c {
                    Change::Equal(t) | Change::Insert(t) => Some(t.as_str()),
                    Change::Delete(_) => None,
                })
                .collect();
            if !block.starts_with(&spelled) || spelled.trim_end() != block.trim_end() {
                continue;
            }
            if spelled.len() < block.len() {
                push(
                    &mut changes,
                    Change::Equal(block[spelled.len()..].to_string()),
                );
            }
            // A block the model has nothing of (an article title, a heading of the draft's own)
            // is the draft's structure, not a change to the model's wording.
            let touches_model = changes
                .iter()
                .any(|c| matches!(c, Change::Equal(t) if !t.trim().is_empty()));
            if touches_model && changes.iter().any(|c| !matches!(c, Change::Equal(_))) {
                out.insert(seg.path.clone(), changes);
            }
        }
    }
    out
}

/// Appends a change, merging it into the last one of the same kind.
fn push(v: &mut Vec<Change>, c: Change) {
    match (v.last_mut(), c) {
        (Some(Change::Equal(a)), Change::Equal(b))
        | (Some(Change::Insert(a)), Change::Insert(b))
        | (Some(Change::Delete(a)), Change::Delete(b)) => a.push_str(&b),
        (_, c) => v.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Block;

    #[test]
    fn an_inserted_block_does_not_mark_the_rest_changed() {
        let old = DraftDoc::new(vec![
            Block::paragraph("甲方应当加密存储数据。"),
            Block::paragraph("乙方负责账号安全。"),
            Block::paragraph("第三段。"),
        ]);
        let new = DraftDoc::new(vec![
            Block::paragraph("甲方应当加密存储数据。"),
            Block::paragraph("新增一段。"),
            Block::paragraph("乙方负责全部账号安全。"),
            Block::paragraph("第三段。"),
        ]);
        let c = version_changes(&old, &new, Lang::Zh);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[&vec![1]], vec![Change::Insert("新增一段。".into())]);
        assert_eq!(
            c[&vec![2]],
            vec![
                Change::Equal("乙方负责".into()),
                Change::Insert("全部".into()),
                Change::Equal("账号安全。".into())
            ]
        );
    }

    #[test]
    fn a_deleted_block_shows_before_the_next_one() {
        let old = DraftDoc::new(vec![
            Block::paragraph("One."),
            Block::paragraph("Two."),
            Block::paragraph("Three."),
        ]);
        let new = DraftDoc::new(vec![Block::paragraph("One."), Block::paragraph("Three.")]);
        let c = version_changes(&old, &new, Lang::En);
        assert_eq!(
            c[&vec![1]],
            vec![
                Change::Delete("Two. ".into()),
                Change::Equal("Three.".into())
            ]
        );
    }
}
