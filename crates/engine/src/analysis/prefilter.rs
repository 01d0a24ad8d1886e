//! A literal prefilter for the cue patterns. Most sentences contain the words of only a few of
//! the ~100 pattern lists of rules.toml, yet each list is one regex that would otherwise run over
//! every sentence. When the rules are compiled, each branch of a list gets the literal sets a
//! match must contain one literal of each of (read from the pattern's syntax: "仅在 … 授权的范围"
//! needs both "仅在" and one of "授权的范围", …; "responsib" alone is one set); one Aho-Corasick
//! pass over a sentence then says which sets occur, a list can match only where one of its
//! branches has all its sets, and the other lists' regexes are skipped. The answer is exact: a
//! skipped regex could not have matched (tested against the fixtures in rules.rs).
//!
//! Case: the regexes are case-insensitive (Unicode simple case folding); the automaton is ASCII
//! case-insensitive. A literal is kept only when its characters are ASCII or have no case
//! variants (Chinese), and a text containing one of the few non-ASCII characters that fold to an
//! ASCII letter (ſ, the Kelvin sign) is not prefiltered at all.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// Which pattern lists may match a text (the prefilter's answer for one sentence).
#[derive(Debug, Clone)]
pub struct Candidates {
    bits: Vec<u64>,
    all: bool,
}

impl Candidates {
    /// Every list may match (no prefilter).
    pub const ALL: Candidates = Candidates {
        bits: Vec::new(),
        all: true,
    };

    pub(crate) fn has(&self, group: u32) -> bool {
        let g = group as usize;
        self.all
            || self
                .bits
                .get(g / 64)
                .is_some_and(|w| w >> (g % 64) & 1 == 1)
    }
}

/// Classes up to this many characters count as a choice of one-character literals.
const SMALL_CLASS: u32 = 16;
/// The most strings a finite piece of a pattern is spelled out into.
const SPELLED: usize = 64;

/// The characters of a small class, each as a literal.
fn class_literals(h: &Hir) -> Option<Vec<Vec<u8>>> {
    let HirKind::Class(Class::Unicode(c)) = h.kind() else {
        return None;
    };
    let size: u32 = c
        .ranges()
        .iter()
        .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
        .sum();
    if size == 0 || size > SMALL_CLASS {
        return None;
    }
    Some(
        c.iter()
            .flat_map(|r| r.start()..=r.end())
            .map(|ch| ch.to_string().into_bytes())
            .collect(),
    )
}

/// Every string `h` can match, when there are few ("data cent(er|re)s?" → six strings); look-arounds
/// count as the empty string, which only widens the set.
fn spelled(h: &Hir) -> Option<Vec<Vec<u8>>> {
    let out = match h.kind() {
        HirKind::Empty | HirKind::Look(_) => vec![Vec::new()],
        HirKind::Literal(lit) => vec![lit.0.to_vec()],
        HirKind::Class(_) => class_literals(h)?,
        HirKind::Capture(c) => spelled(&c.sub)?,
        HirKind::Repetition(r) => {
            let one = spelled(&r.sub)?;
            let mut out: Vec<Vec<u8>> = Vec::new();
            let mut layer = vec![Vec::new()];
            for n in 0..=r.max? {
                if n >= r.min {
                    out.extend(layer.iter().cloned());
                }
                if n < r.max? {
                    layer = product(&layer, &one)?;
                }
            }
            out
        }
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(vec![Vec::new()], |acc, p| product(&acc, &spelled(p)?))?,
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for a in alts {
                out.extend(spelled(a)?);
            }
            out
        }
    };
    (out.len() <= SPELLED).then_some(out)
}

fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len().saturating_mul(b.len()) > SPELLED {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y.as_slice()].concat()))
            .collect(),
    )
}

/// The literal sets of a concatenation's parts: each run of consecutive finite parts spelled out
/// together (the longer, the rarer), and `other`'s sets of each other part.
fn concat_sets(parts: &[Hir], other: impl Fn(&Hir) -> Vec<Vec<Vec<u8>>>) -> Vec<Vec<Vec<u8>>> {
    let mut sets: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut run: Option<Vec<Vec<u8>>> = None;
    for p in parts {
        match spelled(p) {
            Some(s) => {
                run = match run.take() {
                    Some(r) => match product(&r, &s) {
                        Some(x) => Some(x),
                        None => {
                            sets.push(r);
                            Some(s)
                        }
                    },
                    None => Some(s),
                };
            }
            None => {
                sets.extend(run.take());
                sets.extend(other(p));
            }
        }
    }
    sets.extend(run);
    sets
}

/// A literal set is a prefilter only when none of its literals is empty.
fn nonempty(set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    (!set.is_empty() && set.iter().all(|l| !l.is_empty())).then_some(set)
}

/// A set of literals one of which every match of `h` contains (compared ASCII-case-insensitively);
/// `None` when no such set is known (a bare `.{0,5}`, a large class, a possibly empty part).
pub(crate) fn required(h: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = match h.kind() {
        HirKind::Literal(lit) => vec![lit.0.to_vec()],
        HirKind::Class(_) => class_literals(h)?,
        HirKind::Capture(c) => required(&c.sub)?,
        HirKind::Repetition(r) if r.min >= 1 => {
            spelled(h).and_then(nonempty).or_else(|| required(&r.sub))?
        }
        HirKind::Concat(parts) => {
            // Of the parts' sets (concat_sets), the most selective wins: the longest shortest
            // literal, then the fewest literals.
            concat_sets(parts, |p| required(p).into_iter().collect())
                .into_iter()
                .filter_map(nonempty)
                .filter(|s| s.iter().all(|l| usable(l)))
                .max_by_key(|set| (shortest(set), std::cmp::Reverse(set.len())))?
        }
        HirKind::Alternation(alts) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            for a in alts {
                out.extend(required(a)?);
            }
            out
        }
        _ => return None,
    };
    let mut set = nonempty(set)?;
    if !set.iter().all(|l| usable(l)) {
        return None;
    }
    set.sort();
    set.dedup();
    Some(set)
}

fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// A literal the ASCII-case-insensitive automaton finds wherever the case-insensitive regex
/// would match it: ASCII, or characters without case variants.
fn usable(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.is_empty() => s
            .chars()
            .all(|c| c.is_ascii() || fold_class(c).ranges() == [ClassUnicodeRange::new(c, c)]),
        _ => false,
    }
}

fn fold_class(c: char) -> ClassUnicode {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class
}

/// Literal sets every match of `h` contains one literal of each of: the required sets of all the
/// parts of a concatenation, not only its most selective one ("after … terminat" needs both).
/// Empty when none is known.
fn required_all(h: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut sets: Vec<Vec<Vec<u8>>> = match h.kind() {
        HirKind::Capture(c) => return required_all(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 && spelled(h).is_none() => {
            return required_all(&r.sub);
        }
        HirKind::Concat(parts) => concat_sets(parts, required_all),
        _ => required(h).into_iter().collect(),
    };
    sets.retain(|s| !s.is_empty() && s.iter().all(|l| !l.is_empty() && usable(l)));
    for s in &mut sets {
        for l in s.iter_mut() {
            l.make_ascii_lowercase();
        }
        s.sort();
        s.dedup();
    }
    sets.sort();
    sets.dedup();
    sets
}

/// The ways a list can match, each as the literal sets that way needs (one branch of a top-level
/// alternation each); `None` when some branch needs no known literal.
fn branches(h: &Hir) -> Option<Vec<Vec<Vec<Vec<u8>>>>> {
    match h.kind() {
        HirKind::Capture(c) => branches(&c.sub),
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for a in alts {
                out.extend(branches(a)?);
            }
            Some(out)
        }
        _ => {
            let sets = required_all(h);
            (!sets.is_empty()).then(|| vec![sets])
        }
    }
}

/// Collects the literal sets of the pattern lists while the rules are compiled.
#[derive(Debug, Default)]
pub(crate) struct PrefilterBuilder {
    /// Each distinct literal set ("atom") and its number.
    atoms: std::collections::HashMap<Vec<Vec<u8>>, u32>,
    /// Per branch: its list's group and the atoms it needs.
    branches: Vec<(u32, Vec<u32>)>,
    groups: u32,
}

impl PrefilterBuilder {
    /// Registers a list whose (case-sensitive) syntax is `hir`; returns its group, or `None` when
    /// the list has no literal set and must always run.
    pub(crate) fn group(&mut self, hir: &Hir) -> Option<u32> {
        let ways = branches(hir)?;
        let g = self.groups;
        self.groups += 1;
        for sets in ways {
            let mut need: Vec<u32> = sets
                .into_iter()
                .map(|set| {
                    let n = self.atoms.len() as u32;
                    *self.atoms.entry(set).or_insert(n)
                })
                .collect();
            need.sort_unstable();
            need.dedup();
            self.branches.push((g, need));
        }
        Some(g)
    }

    pub(crate) fn build(self) -> Result<Prefilter, String> {
        let mut literals: Vec<(Vec<u8>, u32)> = Vec::new();
        let mut rarity = vec![0usize; self.atoms.len()];
        for (set, &a) in &self.atoms {
            if let Some(r) = rarity.get_mut(a as usize) {
                *r = shortest(set);
            }
            literals.extend(set.iter().map(|l| (l.clone(), a)));
        }
        literals.sort();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut atoms_of: Vec<Vec<u32>> = Vec::new();
        for (lit, a) in literals {
            if patterns.last() != Some(&lit) {
                patterns.push(lit);
                atoms_of.push(Vec::new());
            }
            if let Some(v) = atoms_of.last_mut() {
                v.push(a);
            }
        }
        // Each branch is looked at when its most selective atom (the longest shortest literal)
        // is found, and passes when all its other atoms are found too.
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.atoms.len()];
        for (b, (_, need)) in self.branches.iter().enumerate() {
            let key = need
                .iter()
                .copied()
                .max_by_key(|&a| rarity.get(a as usize).copied().unwrap_or(0));
            if let Some(p) = key.and_then(|a| postings.get_mut(a as usize)) {
                p.push(b as u32);
            }
        }
        // Non-ASCII characters that fold to an ASCII letter ("ſ" ~ "s", "K" ~ "k") switch the
        // prefilter off for the text that contains them.
        let bypass_from = patterns.len();
        for b in b'a'..=b'z' {
            for ch in fold_class(char::from(b))
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .filter(|c| !c.is_ascii())
            {
                patterns.push(ch.to_string().into_bytes());
            }
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| format!("prefilter: {e}"))?;
        Ok(Prefilter {
            ac,
            atoms_of,
            postings,
            branches: self.branches,
            bypass_from,
            atom_words: self.atoms.len().div_ceil(64),
            words: (self.groups as usize).div_ceil(64),
        })
    }
}

/// The compiled prefilter: one automaton over every list's literals.
#[derive(Debug, Clone)]
pub struct Prefilter {
    ac: AhoCorasick,
    /// Per automaton pattern: the atoms (literal sets) its literal belongs to.
    atoms_of: Vec<Vec<u32>>,
    /// Per atom: the branches looked at when it is found.
    postings: Vec<Vec<u32>>,
    /// Per branch: its list's group and the atoms it needs.
    branches: Vec<(u32, Vec<u32>)>,
    /// Patterns from here on are the bypass characters.
    bypass_from: usize,
    atom_words: usize,
    words: usize,
}

fn bit(bits: &[u64], i: u32) -> bool {
    let i = i as usize;
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

fn set_bit(bits: &mut [u64], i: u32) {
    let i = i as usize;
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

impl Prefilter {
    /// The lists that may match `text` (or a part of it).
    pub fn scan(&self, text: &str) -> Candidates {
        let mut found = vec![0u64; self.atom_words];
        for m in self.ac.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            if p >= self.bypass_from {
                return Candidates::ALL;
            }
            for &a in self.atoms_of.get(p).map_or(&[][..], Vec::as_slice) {
                set_bit(&mut found, a);
            }
        }
        let mut bits = vec![0u64; self.words];
        for (w, &word) in found.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let a = w * 64 + word.trailing_zeros() as usize;
                word &= word - 1;
                for &b in self.postings.get(a).map_or(&[][..], Vec::as_slice) {
                    if let Some((g, need)) = self.branches.get(b as usize) {
                        if need.iter().all(|&x| bit(&found, x)) {
                            set_bit(&mut bits, *g);
                        }
                    }
                }
            }
        }
        Candidates { bits, all: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p).ok()?;
        required(&hir).map(|v| {
            v.into_iter()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .collect()
        })
    }

    #[test]
    fn required_literals() {
        assert_eq!(
            lits(r"(?-u:\b)data (cent(er|re)s?|facilit(y|ies))(?-u:\b)[^.;]{0,60}"),
            Some(
                [
                    "data center",
                    "data centers",
                    "data centre",
                    "data centres",
                    "data facilities",
                    "data facility"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        assert_eq!(
            lits("(?:本服务|服务|系统)[^，。；]{0,6}支持"),
            Some(vec!["支持".into()])
        );
        assert_eq!(lits("有权|可以"), Some(vec!["可以".into(), "有权".into()]));
        assert_eq!(lits(r"[^，。；]{0,6}"), None);
        assert_eq!(lits("a|[^b]"), None, "one branch without a literal: no set");
        assert_eq!(
            lits("é"),
            None,
            "a literal with case variants outside ASCII is not used"
        );
    }

    fn list(p: &str) -> (Prefilter, u32) {
        let mut b = PrefilterBuilder::default();
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(p)
            .unwrap_or_else(|e| panic!("{e}"));
        let g = b.group(&hir).unwrap_or_else(|| panic!("a group"));
        (b.build().unwrap_or_else(|e| panic!("{e}")), g)
    }

    #[test]
    fn a_pattern_runs_only_where_all_the_words_it_needs_are() {
        let (p, g) =
            list(r"(?:after[^.;]{0,40}(cancel|terminat))|(?:仅在[^。]{0,10}(授权|批准)的范围)");
        assert!(!p.scan("after the meeting").has(g), "'after' alone");
        assert!(!p.scan("we may terminate").has(g), "'terminat' alone");
        assert!(p.scan("after termination").has(g));
        assert!(
            p.scan("Termination takes effect AFTER notice").has(g),
            "any order, any case"
        );
        assert!(!p.scan("仅在工作时间内").has(g));
        assert!(!p.scan("在批准的范围内").has(g));
        assert!(p.scan("仅在甲方批准的范围内").has(g));
        let (p, g) = list(r"(?:data (center|centre))|(?:[^，]{0,5}secure)");
        assert!(
            p.scan("a secure link").has(g),
            "a branch is enough on its own"
        );
        assert!(p.scan("data centre").has(g));
        assert!(!p.scan("data room").has(g));
    }

    #[test]
    fn bypass_characters_switch_the_prefilter_off() {
        let mut b = PrefilterBuilder::default();
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse("secure")
            .unwrap_or_else(|e| panic!("{e}"));
        let g = b.group(&hir).unwrap_or_else(|| panic!("a group"));
        let p = b.build().unwrap_or_else(|e| panic!("{e}"));
        assert!(p.scan("SeCuRe").has(g));
        assert!(p.scan("insecurely put").has(g));
        assert!(!p.scan("nothing here").has(g));
        assert!(
            p.scan("\u{17F}ecure").has(g),
            "ſ folds to s: the regex would match"
        );
    }
}
