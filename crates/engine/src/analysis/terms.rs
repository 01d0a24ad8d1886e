//! The defined terms a report looks for in every sentence — terms that stand for a schedule,
//! terms that list infrastructure layers, terms that include personal information — and which of
//! them each sentence names. Kept in the `Cache` beside the sentences: after an edit the lists
//! are read again from the definitions (cheap), and while a list stays the same only the new
//! sentences are searched for its terms.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::features::SentenceFeatures;
use super::text::Sentence;

/// Per sentence: the terms it names (index into the list, and where in the sentence it is first
/// named), found the first time a report asks.
type Named = OnceLock<Vec<(usize, usize)>>;

fn unread(n: usize) -> impl Iterator<Item = Named> {
    std::iter::repeat_with(OnceLock::new).take(n)
}

/// A list of terms, each with what it stands for, and the terms each sentence names.
pub(crate) struct Terms<T> {
    list: Vec<(String, T)>,
    /// One automaton over the terms, not a substring search per term and sentence.
    finder: Option<AhoCorasick>,
    named: Vec<Named>,
}

impl<T> Terms<T> {
    fn new(list: Vec<(String, T)>, sentences: usize) -> Terms<T> {
        let finder = if list.is_empty() {
            None
        } else {
            AhoCorasick::new(list.iter().map(|(t, _)| t.as_str())).ok()
        };
        Terms {
            list,
            finder,
            named: unread(sentences).collect(),
        }
    }

    pub(crate) fn list(&self) -> &[(String, T)] {
        &self.list
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The terms that sentence `i`, whose text is `t`, names: each by index with where it is
    /// first named (byte offset in `t`), in the order of the list.
    pub(crate) fn named(&self, i: usize, t: &str) -> Cow<'_, [(usize, usize)]> {
        match self.named.get(i) {
            Some(cell) => Cow::Borrowed(cell.get_or_init(|| self.find(t))),
            None => Cow::Owned(self.find(t)),
        }
    }

    fn find(&self, t: &str) -> Vec<(usize, usize)> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        let mut found: Vec<(usize, usize)> = finder
            .find_overlapping_iter(t)
            .map(|m| (m.pattern().as_usize(), m.start()))
            .collect();
        found.sort_unstable();
        found.dedup_by_key(|x| x.0);
        found
    }

    /// The list read again after the sentences `replaced` were replaced by `fresh` new ones
    /// (`total` sentences now): while the terms are the same, what the other sentences name
    /// stands.
    fn update(
        &mut self,
        list: Vec<(String, T)>,
        replaced: Range<usize>,
        fresh: usize,
        total: usize,
    ) {
        let same =
            list.len() == self.list.len() && list.iter().zip(&self.list).all(|(a, b)| a.0 == b.0);
        let fits = replaced.start <= replaced.end
            && replaced.end <= self.named.len()
            && self.named.len() - replaced.len() + fresh == total;
        if same && fits {
            self.named.splice(replaced, unread(fresh));
            self.list = list;
        } else {
            *self = Terms::new(list, total);
        }
    }
}

/// The term lists of a document and what each sentence names.
pub(crate) struct DocTerms {
    /// Terms that stand for a schedule, or for the list their own clause sets out: that clause.
    pub(crate) schedules: Terms<String>,
    /// Terms whose definition lists infrastructure layers: the layers (indices into
    /// `Rules::items`).
    pub(crate) layers: Terms<Vec<usize>>,
    /// Terms defined to include personal information.
    pub(crate) pi: Terms<()>,
    /// Terms that stand for personal information alone (`topics::pi_term_lists`).
    pub(crate) pi_alias: Terms<()>,
}

type Lists = (
    Vec<(String, String)>,
    Vec<(String, Vec<usize>)>,
    Vec<(String, ())>,
    Vec<(String, ())>,
);

fn lists(text: &str, sentences: &[Sentence], feats: &[SentenceFeatures]) -> Lists {
    let (pi, pi_alias) = super::topics::pi_term_lists(text, sentences, feats);
    (
        super::allocate::schedule_terms(text, sentences, feats),
        super::allocate::layer_terms(text, sentences, feats),
        pi.into_iter().map(|t| (t, ())).collect(),
        pi_alias.into_iter().map(|t| (t, ())).collect(),
    )
}

impl DocTerms {
    pub(crate) fn read(text: &str, sentences: &[Sentence], feats: &[SentenceFeatures]) -> DocTerms {
        let (schedules, layers, pi, pi_alias) = lists(text, sentences, feats);
        let n = sentences.len();
        DocTerms {
            schedules: Terms::new(schedules, n),
            layers: Terms::new(layers, n),
            pi: Terms::new(pi, n),
            pi_alias: Terms::new(pi_alias, n),
        }
    }

    /// After the sentences `replaced` were replaced by `fresh` new ones (an edited clause's).
    pub(crate) fn update(
        &mut self,
        text: &str,
        sentences: &[Sentence],
        feats: &[SentenceFeatures],
        replaced: Range<usize>,
        fresh: usize,
    ) {
        let (schedules, layers, pi, pi_alias) = lists(text, sentences, feats);
        let n = sentences.len();
        self.schedules.update(schedules, replaced.clone(), fresh, n);
        self.layers.update(layers, replaced.clone(), fresh, n);
        self.pi.update(pi, replaced.clone(), fresh, n);
        self.pi_alias.update(pi_alias, replaced, fresh, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_term_once_where_first_named_and_kept_across_an_edit_while_the_terms_stay() {
        let list = |ts: &[&str]| ts.iter().map(|t| (t.to_string(), ())).collect::<Vec<_>>();
        let mut terms = Terms::new(list(&["Platform", "Customer Data", "Data"]), 3);
        let t = "Customer Data on the Platform; the Platform keeps Customer Data.";
        assert_eq!(terms.named(1, t).as_ref(), &[(0, 21), (1, 0), (2, 9)]);
        // Sentence 1 replaced by two: the others' answers stand, the new ones are read.
        terms.update(list(&["Platform", "Customer Data", "Data"]), 1..2, 2, 4);
        assert_eq!(terms.named.len(), 4);
        assert!(terms.named[1].get().is_none());
        assert_eq!(terms.named(1, "no terms here").as_ref(), &[]);
        // Other terms: everything is read again.
        terms.named(0, "Platform");
        terms.update(list(&["Platform"]), 0..0, 0, 4);
        assert!(terms.named[0].get().is_none());
    }
}
