//! Cleanups after diff-match-patch's.
//!
//! - [`semantic`] (`cleanupSemantic`): an equal run that is no longer than the change on either
//!   side of it is folded into one change, so that a lawyer reads "[-thirty (30) days-]{+sixty
//!   (60) business days+}" and not a confetti of single letters and words. Lengths are counted
//!   in characters of the keys. One pass with a stack: each merge re-checks the equal run before
//!   it (the backtracking of the original). An equal run that spans a line break (a paragraph
//!   that stayed) is never folded.
//! - [`lossless`] (`cleanupSemanticLossless`): a pure insertion or deletion that could slide
//!   along the text (its first tokens repeat after it, or its last ones before it) is slid to
//!   where it starts and ends at sentence and clause boundaries.

use super::diff::Edit;
use super::normalize::{Kind, Tokens};

fn lens(e: &Edit, old: &Tokens<'_>, new: &Tokens<'_>) -> (usize, usize) {
    match e {
        Edit::Equal { old: o, new: n } | Edit::Change { old: o, new: n } => {
            (old.key_chars(o.clone()), new.key_chars(n.clone()))
        }
    }
}

/// Whether the equal run between two changes should be folded into them.
fn absorbs(before: (usize, usize), equal: usize, after: (usize, usize)) -> bool {
    equal <= before.0.max(before.1) && equal <= after.0.max(after.1)
}

pub(crate) fn semantic(edits: Vec<Edit>, old: &Tokens<'_>, new: &Tokens<'_>) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        let is_change = matches!(e, Edit::Change { .. });
        super::diff::push(&mut out, e);
        if !is_change {
            continue;
        }
        // out ends with a change: while [.., change, equal, change] qualifies, merge.
        while out.len() >= 3 {
            let n = out.len();
            let (
                Some(Edit::Change { old: o1, new: n1 }),
                Some(eq @ Edit::Equal { .. }),
                Some(Edit::Change { old: o2, new: n2 }),
            ) = (out.get(n - 3), out.get(n - 2), out.get(n - 1))
            else {
                break;
            };
            let before = (old.key_chars(o1.clone()), new.key_chars(n1.clone()));
            let after = (old.key_chars(o2.clone()), new.key_chars(n2.clone()));
            let (equal, _) = lens(eq, old, new);
            // A paragraph that stayed is never folded into the changes around it.
            let paragraph = match eq {
                Edit::Equal { old: o, new: r } => {
                    old.display(o.clone()).contains('\n') || new.display(r.clone()).contains('\n')
                }
                Edit::Change { .. } => false,
            };
            if paragraph || !absorbs(before, equal, after) {
                break;
            }
            let merged = Edit::Change {
                old: o1.start..o2.end,
                new: n1.start..n2.end,
            };
            out.truncate(n - 3);
            super::diff::push(&mut out, merged);
        }
    }
    out
}

/// How good a place a cut before token `p` is: 3 at a sentence or line boundary, 2 after a
/// comma, 1 between words, 0 inside a run of CJK characters.
fn cut_score(t: &Tokens<'_>, p: usize) -> u8 {
    if p == 0 || p >= t.len() {
        return 3;
    }
    if matches!(t.key(p - 1), "." | ";" | "!" | "?" | ":") || t.display(p..p + 1).contains('\n') {
        return 3;
    }
    if t.key(p - 1) == "," {
        return 2;
    }
    u8::from(t.kind(p - 1) == Some(Kind::Word) || t.kind(p) == Some(Kind::Word))
}

/// Slides each pure insertion or deletion between two equal runs to its best boundaries.
pub(crate) fn lossless(mut edits: Vec<Edit>, old: &Tokens<'_>, new: &Tokens<'_>) -> Vec<Edit> {
    for i in 1..edits.len().saturating_sub(1) {
        let (
            Some(Edit::Equal { old: po, new: pn }),
            Some(Edit::Change { old: co, new: cn }),
            Some(Edit::Equal { old: no, new: nn }),
        ) = (edits.get(i - 1), edits.get(i), edits.get(i + 1))
        else {
            continue;
        };
        // The side that changes, and its range.
        let (t, r, before, after) = if cn.is_empty() {
            (old, co.clone(), po.len(), no.len())
        } else if co.is_empty() {
            (new, cn.clone(), pn.len(), nn.len())
        } else {
            continue;
        };
        let (mut left, mut right) = (0usize, 0usize);
        while left < before
            && left < r.start
            && t.key(r.start - left - 1) == t.key(r.end - left - 1)
        {
            left += 1;
        }
        while right < after
            && r.end + right < t.len()
            && t.key(r.start + right) == t.key(r.end + right)
        {
            right += 1;
        }
        if left == 0 && right == 0 {
            continue;
        }
        let score = |d: isize| {
            let (s, e) = (
                (r.start as isize + d) as usize,
                (r.end as isize + d) as usize,
            );
            cut_score(t, s) + cut_score(t, e)
        };
        let mut best = 0isize;
        for d in -(left as isize)..=(right as isize) {
            if score(d) > score(best) || (score(d) == score(best) && d.abs() < best.abs()) {
                best = d;
            }
        }
        if best == 0 {
            continue;
        }
        let shift = |x: usize| (x as isize + best) as usize;
        let (po, pn, co, cn, no, nn) = (
            po.clone(),
            pn.clone(),
            co.clone(),
            cn.clone(),
            no.clone(),
            nn.clone(),
        );
        // Both equal runs move by `best` on both sides; the change moves on its own side and
        // stays an empty range on the other.
        let new_p = Edit::Equal {
            old: po.start..shift(po.end),
            new: pn.start..shift(pn.end),
        };
        let new_c = Edit::Change {
            old: shift(co.start)..shift(co.end),
            new: shift(cn.start)..shift(cn.end),
        };
        let new_n = Edit::Equal {
            old: shift(no.start)..no.end,
            new: shift(nn.start)..nn.end,
        };
        if let Some(x) = edits.get_mut(i - 1) {
            *x = new_p;
        }
        if let Some(x) = edits.get_mut(i) {
            *x = new_c;
        }
        if let Some(x) = edits.get_mut(i + 1) {
            *x = new_n;
        }
    }
    let mut out = Vec::with_capacity(edits.len());
    for e in edits {
        super::diff::push(&mut out, e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::diff::{diff_tokens, ops};
    use super::super::normalize::tokenize;
    use super::super::to_plain;
    use super::*;

    fn redline(a: &str, b: &str) -> String {
        let (ta, tb) = (tokenize(a, false), tokenize(b, false));
        let e = semantic(lossless(diff_tokens(&ta, &tb), &ta, &tb), &ta, &tb);
        to_plain(&ops(&e, &ta, &tb))
    }

    #[test]
    fn short_equalities_between_edits_merge_into_one_phrase() {
        assert_eq!(
            redline("应当在三十日内删除", "须于六十个工作日内删除"),
            "[-应当在三十-]{+须于六十个工作+}日内删除"
        );
        assert_eq!(
            redline(
                "within thirty days after the end",
                "within sixty business days of the end"
            ),
            "within[- thirty days after-]{+ sixty business days of+} the end"
        );
    }

    #[test]
    fn a_paragraph_between_two_deletions_stays() {
        let old = "甲方应当删除数据。\n乙方应当付款。\n双方应当保密。";
        let new = "乙方应当付款。";
        assert_eq!(
            redline(old, new),
            "[-甲方应当删除数据。-]乙方应当付款。[-\n双方应当保密。-]"
        );
    }

    #[test]
    fn long_equalities_stay() {
        assert_eq!(
            redline(
                "the Provider shall delete all data",
                "the Customer shall delete all data"
            ),
            "the[- Provider-]{+ Customer+} shall delete all data"
        );
        assert_eq!(
            redline("甲方应当删除全部数据", "乙方应当删除全部数据"),
            "[-甲-]{+乙+}方应当删除全部数据"
        );
    }
}
