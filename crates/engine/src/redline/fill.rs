//! Placeholders of model clauses against the draft's filled-in text. A first diff of the model
//! (a `{{placeholder}}` is one token) against the draft shows, where a change replaces exactly
//! one placeholder, what the draft wrote there ("{{provider}}" → "乙方", "{{notice_days}}" →
//! "30"). The model text is then filled with that wording — the occurrence's own, else the
//! wording the draft uses most for that name in the clause, else across the draft — and diffed
//! again, so a filled placeholder is no change while a changed neighbour still is.

use std::collections::HashMap;

use super::diff::{diff_tokens, Edit};
use super::normalize::{Kind, Tokens};
use crate::placeholders;

/// Longest text taken as a placeholder's value, in characters.
const MAX_FILL_CHARS: usize = 60;

/// What the draft wrote for each placeholder occurrence of the model (in order), where a first
/// diff shows it.
pub(crate) fn learn(model: &Tokens<'_>, draft: &Tokens<'_>) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = (0..model.len())
        .filter(|&i| model.kind(i) == Some(Kind::Placeholder))
        .map(|i| (name(model.key(i)).to_string(), None))
        .collect();
    if out.is_empty() {
        return out;
    }
    let mut occurrence_at: Vec<usize> = vec![usize::MAX; model.len()];
    let mut k = 0;
    for (i, slot) in occurrence_at.iter_mut().enumerate() {
        if model.kind(i) == Some(Kind::Placeholder) {
            *slot = k;
            k += 1;
        }
    }
    for e in diff_tokens(model, draft) {
        let Edit::Change { old, new } = e else {
            continue;
        };
        if old.len() != 1 || new.is_empty() || model.kind(old.start) != Some(Kind::Placeholder) {
            continue;
        }
        let value = draft.raw_span(new);
        if value.chars().count() > MAX_FILL_CHARS || value.contains('\n') {
            continue;
        }
        if let Some(slot) = occurrence_at.get(old.start).and_then(|&o| out.get_mut(o)) {
            slot.1 = Some(value.to_string());
        }
    }
    out
}

fn name(key: &str) -> &str {
    key.trim_start_matches("{{").trim_end_matches("}}")
}

/// The value seen most often for each name (the first seen on a tie).
pub(crate) fn majority<'a>(
    seen: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> HashMap<String, String> {
    let mut counts: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    for (n, v) in seen {
        let list = counts.entry(n).or_default();
        match list.iter_mut().find(|(x, _)| *x == v) {
            Some(e) => e.1 += 1,
            None => list.push((v, 1)),
        }
    }
    counts
        .into_iter()
        .filter_map(|(n, list)| {
            let best = list
                .iter()
                .enumerate()
                .max_by(|(i, a), (j, b)| a.1.cmp(&b.1).then(j.cmp(i)))?
                .1
                 .0;
            Some((n.to_string(), best.to_string()))
        })
        .collect()
}

/// The model text with each placeholder occurrence replaced: its own value, else the clause's
/// most used value for the name, else `global`'s; left as written when none is known.
pub(crate) fn fill(
    model: &str,
    learned: &[(String, Option<String>)],
    global: &HashMap<String, String>,
) -> String {
    let local = majority(
        learned
            .iter()
            .filter_map(|(n, v)| Some((n.as_str(), v.as_deref()?))),
    );
    let (found, _) = placeholders::scan(model);
    let mut out = String::with_capacity(model.len());
    let mut last = 0;
    for (k, o) in found.iter().enumerate() {
        out.push_str(model.get(last..o.start).unwrap_or(""));
        let own = learned.get(k).and_then(|(_, v)| v.as_deref());
        match own
            .or_else(|| local.get(o.name).map(String::as_str))
            .or_else(|| global.get(o.name).map(String::as_str))
        {
            Some(v) => out.push_str(v),
            None => out.push_str(model.get(o.start..o.end).unwrap_or("")),
        }
        last = o.end;
    }
    out.push_str(model.get(last..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalize::tokenize;
    use super::super::{redline, OpKind, RedlineOptions};
    use super::*;

    #[test]
    fn filled_placeholders_are_no_change_but_edits_next_to_them_are() {
        let model = "{{provider}}应当在{{destruction_days}}日内删除{{customer}}的数据，并通知{{customer}}。";
        let draft = "乙方应当在30日内删除甲方的全部数据，并通知{{customer}}。";
        let (m, d) = (tokenize(model, false), tokenize(draft, false));
        let learned = learn(&m, &d);
        let values: Vec<Option<&str>> = learned.iter().map(|(_, v)| v.as_deref()).collect();
        assert_eq!(values, [Some("乙方"), Some("30"), Some("甲方"), None]);
        let filled = fill(model, &learned, &HashMap::new());
        // The fourth occurrence takes the clause's value for the name.
        assert_eq!(filled, "乙方应当在30日内删除甲方的数据，并通知甲方。");
        let ops = redline(&filled, draft, &RedlineOptions::default());
        let changes: Vec<(OpKind, &str)> = ops
            .iter()
            .filter(|o| o.op != OpKind::Equal)
            .map(|o| (o.op, o.text.as_str()))
            .collect();
        assert_eq!(
            changes,
            [
                (OpKind::Insert, "全部"),
                (OpKind::Delete, "甲方"),
                (OpKind::Insert, "{{customer}}")
            ]
        );
    }

    #[test]
    fn majority_prefers_the_most_seen_then_the_first() {
        let m = majority([
            ("p", "乙方"),
            ("p", "服务商"),
            ("p", "服务商"),
            ("c", "甲方"),
            ("c", "客户"),
        ]);
        assert_eq!(m.get("p").map(String::as_str), Some("服务商"));
        assert_eq!(m.get("c").map(String::as_str), Some("甲方"));
    }
}
