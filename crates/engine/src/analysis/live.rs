//! Live analysis: the figures a report reads from the whole text rather than from its sentences
//! (which party words occur anywhere, the deployment-model cue matches, the share of Chinese
//! characters), kept exact across an edit by re-reading only the text around the edit.

use aho_corasick::AhoCorasick;

use super::parties::{presence_words, present, PresenceWord};
use super::prefilter::Candidates;
use super::rules::Rules;
use crate::model::DeploymentModel;

pub(crate) struct Live {
    words: Vec<PresenceWord>,
    /// The distinct words (ASCII-lower-cased) and whether each must stand as a whole word.
    distinct: Vec<(String, bool)>,
    /// Per word of `words`: its index in `distinct`.
    slot: Vec<usize>,
    /// Occurrences of each distinct word; `None` when counting would not answer `present`
    /// exactly (a whole word with a character that is not a letter or digit), which is then
    /// asked of the whole text.
    counts: Option<(AhoCorasick, Vec<usize>)>,
    /// Which of `words` occurred at the last resolution of the parties.
    pub(crate) presence: Vec<bool>,
    /// The matches of each deployment-model cue list (byte ranges).
    cue_matches: Vec<Vec<(usize, usize)>>,
    chars: usize,
    cjk: usize,
}

fn char_counts(text: &str) -> (usize, usize) {
    text.chars().fold((0, 0), |(all, cjk), c| {
        (all + 1, cjk + usize::from(crate::search::is_cjk(c)))
    })
}

/// The language of a text from its counts: Chinese when more than a quarter is CJK.
pub(crate) fn language(chars: usize, cjk: usize) -> &'static str {
    if cjk * 4 > chars {
        "zh"
    } else {
        "en"
    }
}

impl Live {
    pub(crate) fn new(text: &str, rules: &Rules) -> Live {
        let words = presence_words(&rules.parties);
        let mut distinct: Vec<(String, bool)> = Vec::new();
        let slot = words
            .iter()
            .map(|w| match distinct.iter().position(|(l, _)| *l == w.lower) {
                Some(i) => i,
                None => {
                    distinct.push((w.lower.clone(), w.whole));
                    distinct.len() - 1
                }
            })
            .collect();
        // A whole word of letters and digits cannot overlap another occurrence of itself that
        // is a whole word too, so "some counted occurrence" is exactly `has_word`.
        let countable = distinct.iter().all(|(l, whole)| {
            !l.is_empty() && (!whole || l.chars().all(|c| c.is_ascii_alphanumeric()))
        });
        let counts = countable
            .then(|| {
                AhoCorasick::builder()
                    .build(distinct.iter().map(|(l, _)| l.as_str()))
                    .ok()
            })
            .flatten()
            .map(|ac| (ac, vec![0; distinct.len()]));
        let (chars, cjk) = char_counts(text);
        let mut live = Live {
            presence: present(text, &words),
            words,
            distinct,
            slot,
            counts,
            cue_matches: rules
                .model_cues
                .iter()
                .map(|c| c.any.find_all(text, &Candidates::ALL))
                .collect(),
            chars,
            cjk,
        };
        if let Some(n) = live.count(text, 0, text.len()) {
            if let Some((_, counts)) = &mut live.counts {
                *counts = n;
            }
        }
        live
    }

    /// Occurrences of each distinct word that start in the byte range `lo..hi` of `text`.
    fn count(&self, text: &str, lo: usize, hi: usize) -> Option<Vec<usize>> {
        let (ac, _) = self.counts.as_ref()?;
        let longest = self
            .distinct
            .iter()
            .map(|(l, _)| l.len())
            .max()
            .unwrap_or(0);
        let mut lo = lo.min(text.len());
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut end = hi.saturating_add(longest).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let lower = text[lo..end].to_ascii_lowercase();
        let mut out = vec![0; self.distinct.len()];
        for m in ac.find_overlapping_iter(&lower) {
            let (s, e) = (lo + m.start(), lo + m.end());
            let k = m.pattern().as_usize();
            if s >= hi {
                continue;
            }
            // `has_word`: no letter or digit on either side (a whole word is ASCII, so its ends
            // are character boundaries).
            let whole = self.distinct.get(k).is_some_and(|d| d.1);
            if whole
                && (text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    || text[e..].chars().next().is_some_and(char::is_alphanumeric))
            {
                continue;
            }
            if let Some(x) = out.get_mut(k) {
                *x += 1;
            }
        }
        Some(out)
    }

    /// Replaces the bytes `start..end` of `text` with `new`, bringing the figures up to date.
    pub(crate) fn replace(
        &mut self,
        text: &mut String,
        start: usize,
        end: usize,
        new: &str,
        rules: &Rules,
    ) {
        // An occurrence is affected when it, or a character next to it, is in the edit.
        let reach = self
            .distinct
            .iter()
            .map(|(l, _)| l.len())
            .max()
            .unwrap_or(0)
            + 4;
        let lo = start.saturating_sub(reach);
        let before = self.count(text, lo, end + 4);
        let (old_chars, old_cjk) = char_counts(&text[start..end]);
        text.replace_range(start..end, new);
        let new_end = start + new.len();
        if let (Some(before), Some(after)) = (before, self.count(text, lo, new_end + 4)) {
            if let Some((_, counts)) = &mut self.counts {
                for ((n, b), a) in counts.iter_mut().zip(before).zip(after) {
                    *n = n.saturating_sub(b) + a;
                }
            }
        }
        let (new_chars, new_cjk) = char_counts(new);
        self.chars = self.chars.saturating_sub(old_chars) + new_chars;
        self.cjk = self.cjk.saturating_sub(old_cjk) + new_cjk;
        for (matches, cue) in self.cue_matches.iter_mut().zip(&rules.model_cues) {
            *matches = cue.any.rematch(matches, text, start, end, new_end);
        }
    }

    /// Which of the party resolution's words occur in `text` (the text as last replaced).
    pub(crate) fn present(&self, text: &str) -> Vec<bool> {
        match &self.counts {
            Some((_, counts)) => self
                .slot
                .iter()
                .map(|&k| counts.get(k).is_some_and(|n| *n > 0))
                .collect(),
            None => present(text, &self.words),
        }
    }

    pub(crate) fn scores(&self, rules: &Rules, text: &str) -> Vec<(DeploymentModel, u32)> {
        super::topics::scores_of(rules, text, &self.cue_matches)
    }

    pub(crate) fn language(&self) -> &'static str {
        language(self.chars, self.cjk)
    }
}
