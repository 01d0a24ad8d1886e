//! Alignment of a draft with the clause library: for each clause of the draft, the model clause
//! it corresponds to (with its similarity and the runner-up), the redline against it, and the
//! model topics the draft does not address.
//!
//! Units are taken top-down: a clause whose whole text (its sub-clauses included) matches a
//! model clause is one unit; otherwise its own text is one (when it says more than its heading)
//! and its sub-clauses are tried one by one. A Chinese unit is compared with the model's `zh`
//! body, an English one with the `en` body (`similarity.rs`); the analyzer's topic cues, when
//! given, break near-ties in favour of a model clause of the same topic. Placeholders are filled
//! with the draft's wording before the redline (`fill.rs`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::normalize::{tokenize, Kind, Tokens};
use super::similarity::{features, Index, Scratch};
use super::{fill, language, redline, round3, Op, RedlineOptions};
use crate::analysis::rules::TopicCues;
use crate::analysis::text::{self, Offsets};
use crate::analysis::Rules;
use crate::error::{Error, Result};
use crate::ingest::Document;
use crate::model::{Clause, Lang};
use crate::placeholders;

/// Ranking bonus of a model clause that shares a topic with the draft clause's cues.
const TOPIC_BONUS: f32 = 0.05;
/// Candidates rescored per unit.
const CANDIDATES: usize = 8;

/// Options of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct AlignOptions {
    /// Show formatting differences in the redlines (see [`RedlineOptions`]).
    pub show_formatting: bool,
    /// Least similarity (0–1) for a model clause to count as the draft clause's counterpart.
    pub threshold: f64,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            show_formatting: false,
            threshold: 0.3,
        }
    }
}

/// A model clause and how similar it is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Candidate {
    pub model_clause: String,
    pub similarity: f64,
}

/// One draft clause aligned with the library.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClauseAlignment {
    /// The clause number as printed ("4.2", "第五条（一）"; "" for unnumbered text).
    pub clause: String,
    /// Index in `Document::clauses`, if the unit is a clause.
    pub index: Option<u32>,
    /// Char range of the unit in `Document::text` (sub-clauses included when they are part of it).
    pub start: u32,
    pub end: u32,
    pub lang: Lang,
    /// Topic ids the analyzer's cues find in the clause.
    pub topics: Vec<String>,
    /// The matching model clause; `None` when no clause reaches the threshold.
    pub model_clause: Option<String>,
    /// Similarity to `model_clause` (to the nearest clause when there is none), 0–1.
    pub similarity: f64,
    /// The next best model clause (the nearest one, below the threshold, when there is no match).
    pub runner_up: Option<Candidate>,
    /// The redline: `delete` is model text the draft lacks, `insert` draft text the model lacks;
    /// the `equal` and `insert` ops are the draft's text of `start..end` (trailing space trimmed).
    pub ops: Vec<Op>,
}

/// A draft aligned with the library.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Alignment {
    pub alignments: Vec<ClauseAlignment>,
    /// Topics of the library (boilerplate `general.*` aside) that no draft clause addresses.
    pub missing_topics: Vec<String>,
}

/// The library's clauses indexed for alignment; build once, align many drafts.
#[derive(Debug)]
pub struct ClauseIndex {
    clauses: Vec<Clause>,
    zh: Index,
    en: Index,
}

impl ClauseIndex {
    /// Indexes the bodies of `clauses` (as [`crate::Library::list_clauses`] returns them).
    pub fn new(clauses: Vec<Clause>) -> ClauseIndex {
        let counted = |lang: Lang| {
            clauses
                .iter()
                .map(|c| features(&tokenize(c.content.body.get(lang), false)))
                .collect::<Vec<_>>()
        };
        let zh = Index::new(&counted(Lang::Zh), true);
        let en = Index::new(&counted(Lang::En), true);
        ClauseIndex { clauses, zh, en }
    }

    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }

    /// The best model clauses for a text, best first (`topics`: the text's topic ids, which
    /// favour clauses of the same topic).
    pub fn nearest(&self, text: &str, lang: Lang, topics: &[String], k: usize) -> Vec<Candidate> {
        let mut scratch = Scratch::default();
        self.ranked(&tokenize(text, false), lang, topics, k, &mut scratch)
            .into_iter()
            .filter_map(|(i, s)| {
                Some(Candidate {
                    model_clause: self.clauses.get(i)?.content.id.clone(),
                    similarity: round3(s),
                })
            })
            .collect()
    }

    fn ranked(
        &self,
        tokens: &Tokens<'_>,
        lang: Lang,
        topics: &[String],
        k: usize,
        scratch: &mut Scratch,
    ) -> Vec<(usize, f32)> {
        let index = match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        };
        let q = index.query_vector(&features(tokens));
        let mut top = index.top(&q, CANDIDATES.max(k), |_| true, scratch);
        let bonus = |i: usize| {
            let shares = self
                .clauses
                .get(i)
                .is_some_and(|c| c.content.topics.iter().any(|t| topics.contains(t)));
            if shares {
                TOPIC_BONUS
            } else {
                0.0
            }
        };
        top.sort_by(|a, b| {
            (b.1 + bonus(b.0))
                .total_cmp(&(a.1 + bonus(a.0)))
                .then(a.0.cmp(&b.0))
        });
        top.truncate(k);
        top
    }
}

/// A stretch of the draft to align: a clause with or without its sub-clauses.
struct Unit {
    clause: String,
    index: Option<usize>,
    start: usize,
    end: usize,
    heading: bool,
}

/// A unit with its tokens, language, cue topics and ranked candidates.
struct Judged<'a> {
    tokens: Tokens<'a>,
    unit: Unit,
    lang: Lang,
    topics: Vec<String>,
    ranked: Vec<(usize, f32)>,
}

/// The text of chars `start..end` of `text`.
fn slice<'a>(text: &'a str, off: &Offsets, start: usize, end: usize) -> &'a str {
    let (a, b) = (
        off.byte_of(u32::try_from(start).unwrap_or(u32::MAX)),
        off.byte_of(u32::try_from(end).unwrap_or(u32::MAX)),
    );
    text.get(a..b.max(a)).unwrap_or("")
}

/// Content tokens (words, CJK characters) of a text.
fn content_len(text: &str) -> usize {
    let t = tokenize(text, false);
    (0..t.len())
        .filter(|&i| matches!(t.kind(i), Some(Kind::Word | Kind::Cjk)))
        .count()
}

/// The topics the analyzer's cues find in each sentence of a document, read once, so that a
/// stretch of the draft (a clause with or without its sub-clauses) is the union of its
/// sentences' topics.
struct Cues<'r> {
    /// Topic cues in the order of the rules (security items, PI elements, risks).
    topics: Vec<&'r TopicCues>,
    /// (first char, end char, indices into `topics`) of each sentence, in reading order.
    sentences: Vec<(u32, u32, Vec<u16>)>,
}

impl<'r> Cues<'r> {
    fn new(doc: &Document, rules: Option<&'r Rules>) -> Cues<'r> {
        let Some(r) = rules else {
            return Cues {
                topics: Vec::new(),
                sentences: Vec::new(),
            };
        };
        let topics: Vec<&TopicCues> = r.items.iter().chain(&r.pi).chain(&r.risks).collect();
        let mut sentences: Vec<(u32, u32, Vec<u16>)> = text::sentences(doc)
            .iter()
            .map(|s| {
                let t = doc.text.get(s.start..s.end).unwrap_or("");
                let candidates = r.prefilter.scan(t);
                let found = topics
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.matches(t, &candidates))
                    .filter_map(|(i, _)| u16::try_from(i).ok())
                    .collect();
                (s.cstart, s.cend, found)
            })
            .collect();
        sentences.sort_by_key(|s| s.0);
        Cues { topics, sentences }
    }

    /// The topic ids of the sentences in chars `start..end`, in the order of the rules.
    fn of(&self, start: usize, end: usize) -> Vec<String> {
        let (start, end) = (
            u32::try_from(start).unwrap_or(u32::MAX),
            u32::try_from(end).unwrap_or(u32::MAX),
        );
        let first = self.sentences.partition_point(|s| s.1 <= start);
        let mut seen = vec![false; self.topics.len()];
        for (_, _, found) in self
            .sentences
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|s| s.0 < end)
        {
            for &i in found {
                if let Some(x) = seen.get_mut(usize::from(i)) {
                    *x = true;
                }
            }
        }
        self.topics
            .iter()
            .zip(seen)
            .filter(|(_, s)| *s)
            .map(|(c, _)| c.id.clone())
            .collect()
    }
}

/// Aligns each clause of `doc` with the library in `index`; `cues` (the analyzer's rules) add
/// topic ids to each clause and to what counts as addressed.
pub fn align<'d>(
    doc: &'d Document,
    index: &ClauseIndex,
    cues: Option<&Rules>,
    opts: &AlignOptions,
) -> Result<Alignment> {
    if index.clauses.is_empty() {
        return Err(Error::InvalidInput { message: "the clause library is empty; seed it (open it with the app or the CLI) or import a pack".into() });
    }
    let off = Offsets::new(&doc.text);
    let total = doc.text.chars().count();
    let n = doc.clauses.len();
    // The end of each clause with its sub-clauses.
    let mut sub_end: Vec<usize> = doc
        .clauses
        .iter()
        .map(|c| (c.end as usize).min(total))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for i in (0..n).rev() {
        let parent = doc
            .clauses
            .get(i)
            .and_then(|c| c.parent)
            .map(|p| p as usize)
            .filter(|&p| p < i);
        match parent {
            Some(p) => {
                let e = sub_end.get(i).copied().unwrap_or(0);
                if let Some(pe) = sub_end.get_mut(p) {
                    *pe = (*pe).max(e);
                }
                if let Some(ch) = children.get_mut(p) {
                    ch.push(i);
                }
            }
            None => roots.push(i),
        }
    }
    roots.reverse();
    for ch in &mut children {
        ch.reverse();
    }
    let threshold = opts.threshold as f32;
    let mut scratch = Scratch::default();
    // (unit, lang, topics, ranked candidates)
    let mut found: Vec<Judged> = Vec::new();
    let cue = Cues::new(doc, cues);
    let judge = |u: Unit, text: &'d str, scratch: &mut Scratch| {
        let lang = language(text);
        let topics = cue.of(u.start, u.end);
        let tokens = tokenize(text, false);
        let ranked = index.ranked(&tokens, lang, &topics, 2, scratch);
        Judged {
            tokens,
            unit: u,
            lang,
            topics,
            ranked,
        }
    };
    // Text before the first clause (or a document without clause numbers).
    let first = doc
        .clauses
        .iter()
        .map(|c| c.start as usize)
        .min()
        .unwrap_or(total);
    if content_len(slice(&doc.text, &off, 0, first)) > 0 {
        let u = Unit {
            clause: String::new(),
            index: None,
            start: 0,
            end: first,
            heading: false,
        };
        let r = judge(u, slice(&doc.text, &off, 0, first), &mut scratch);
        if n == 0 || r.ranked.first().is_some_and(|c| c.1 >= threshold) {
            found.push(r);
        }
    }
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        let Some(c) = doc.clauses.get(i) else {
            continue;
        };
        let (start, own_end) = (c.start as usize, (c.end as usize).min(total));
        let unit = |end: usize| Unit {
            clause: c.number.clone(),
            index: Some(i),
            start,
            end,
            heading: c.heading.is_some(),
        };
        let kids = children.get(i).map(Vec::as_slice).unwrap_or(&[]);
        if !kids.is_empty() {
            let end = sub_end.get(i).copied().unwrap_or(own_end);
            let r = judge(unit(end), slice(&doc.text, &off, start, end), &mut scratch);
            if r.ranked.first().is_some_and(|c| c.1 >= threshold) {
                found.push(r);
                continue;
            }
        }
        let own = slice(&doc.text, &off, start, own_end);
        let heading_len = c.heading.as_deref().map_or(0, content_len);
        let substantive = content_len(own) > heading_len + 2;
        if substantive
            && (!c.number.is_empty() || judge_matches(index, own, threshold, &mut scratch))
        {
            found.push(judge(unit(own_end), own, &mut scratch));
        }
        stack.extend(kids.iter().rev());
    }
    found.sort_by_key(|f| f.unit.start);

    // Pair texts: the model text (title and body when the draft clause has a heading).
    let model_text = |u: &Unit, lang: Lang, ranked: &[(usize, f32)]| -> Option<(usize, String)> {
        let &(best, sim) = ranked.first()?;
        if sim < threshold {
            return None;
        }
        let c = index.clauses.get(best)?;
        let body = c.content.body.get(lang).trim_end();
        Some((
            best,
            if u.heading {
                format!("{}\n{}", c.content.title.get(lang), body)
            } else {
                body.to_string()
            },
        ))
    };
    // First pass: what the draft writes for each placeholder.
    let mut learned: Vec<Vec<(String, Option<String>)>> = Vec::with_capacity(found.len());
    for Judged {
        unit: u,
        lang,
        ranked,
        tokens,
        ..
    } in &found
    {
        // Only a model with placeholders has anything to learn (`learn` finds nothing else).
        let l = match model_text(u, *lang, ranked) {
            Some((_, m)) if !placeholders::scan(&m).0.is_empty() => {
                fill::learn(&tokenize(&m, false), tokens)
            }
            _ => Vec::new(),
        };
        learned.push(l);
    }
    let global = fill::majority(
        learned
            .iter()
            .flatten()
            .filter_map(|(n, v)| Some((n.as_str(), v.as_deref()?))),
    );
    let ropts = RedlineOptions {
        show_formatting: opts.show_formatting,
    };
    let mut addressed: BTreeSet<String> = BTreeSet::new();
    let mut alignments = Vec::with_capacity(found.len());
    for (
        Judged {
            unit: u,
            lang,
            topics,
            ranked,
            ..
        },
        learned,
    ) in found.into_iter().zip(&learned)
    {
        let draft = slice(&doc.text, &off, u.start, u.end);
        let pair = model_text(&u, lang, &ranked);
        let id = |i: usize| index.clauses.get(i).map(|c| c.content.id.clone());
        let cand = |r: Option<&(usize, f32)>| {
            r.and_then(|&(i, s)| {
                Some(Candidate {
                    model_clause: id(i)?,
                    similarity: round3(s),
                })
            })
        };
        let (model_clause, runner_up, ops) = match &pair {
            Some((best, m)) => {
                let filled = fill::fill(m, learned, &global);
                if let Some(c) = index.clauses.get(*best) {
                    addressed.extend(c.content.topics.iter().cloned());
                }
                (
                    id(*best),
                    cand(ranked.get(1)),
                    redline(&filled, draft.trim_end(), &ropts),
                )
            }
            None => (None, cand(ranked.first()), Vec::new()),
        };
        addressed.extend(topics.iter().cloned());
        alignments.push(ClauseAlignment {
            clause: u.clause,
            index: u.index.and_then(|i| u32::try_from(i).ok()),
            start: u32::try_from(u.start).unwrap_or(u32::MAX),
            end: u32::try_from(u.end).unwrap_or(u32::MAX),
            lang,
            topics,
            model_clause,
            similarity: ranked.first().map_or(0.0, |r| round3(r.1)),
            runner_up,
            ops,
        });
    }
    let library_topics: BTreeSet<&String> = index
        .clauses
        .iter()
        .flat_map(|c| &c.content.topics)
        .filter(|t| !t.starts_with("general"))
        .collect();
    let missing_topics = library_topics
        .into_iter()
        .filter(|t| !addressed.contains(*t))
        .cloned()
        .collect();
    Ok(Alignment {
        alignments,
        missing_topics,
    })
}

/// Whether an unnumbered text matches some model clause (unnumbered text is reported only then).
fn judge_matches(index: &ClauseIndex, text: &str, threshold: f32, scratch: &mut Scratch) -> bool {
    index
        .ranked(&tokenize(text, false), language(text), &[], 1, scratch)
        .first()
        .is_some_and(|c| c.1 >= threshold)
}
