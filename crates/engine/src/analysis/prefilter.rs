//! A literal prefilter for the cue patterns. Most sentences contain the words of only a few of
//! the ~100 pattern lists of rules.toml, yet each list is one regex that would otherwise run over
//! every sentence. When the rules are compiled, each list gets the set of literals one of which
//! every match must contain (read from the pattern's syntax, e.g. "数据中心" or "responsib");
//! one Aho-Corasick pass over a sentence then says which lists can match at all, and the others'
//! regexes are skipped. The answer is exact: a skipped regex could not have matched.
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
            // Candidates: each run of consecutive finite parts spelled out together (the longer,
            // the rarer), and each other part's own set. The most selective wins: the longest
            // shortest literal, then the fewest literals.
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
                        sets.extend(required(p));
                    }
                }
            }
            sets.extend(run);
            sets.into_iter()
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

/// Collects the literal sets of the pattern lists while the rules are compiled.
#[derive(Debug, Default)]
pub(crate) struct PrefilterBuilder {
    literals: Vec<(Vec<u8>, u32)>,
    groups: u32,
}

impl PrefilterBuilder {
    /// Registers a list whose (case-sensitive) syntax is `hir`; returns its group, or `None` when
    /// the list has no literal set and must always run.
    pub(crate) fn group(&mut self, hir: &Hir) -> Option<u32> {
        let set = required(hir)?;
        let g = self.groups;
        self.groups += 1;
        self.literals
            .extend(set.into_iter().map(|l| (l.to_ascii_lowercase(), g)));
        Some(g)
    }

    pub(crate) fn build(mut self) -> Result<Prefilter, String> {
        self.literals.sort();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        for (lit, g) in self.literals {
            if patterns.last() != Some(&lit) {
                patterns.push(lit);
                groups.push(Vec::new());
            }
            if let Some(v) = groups.last_mut() {
                v.push(g);
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
            groups,
            bypass_from,
            words: (self.groups as usize).div_ceil(64),
        })
    }
}

/// The compiled prefilter: one automaton over every list's literals.
#[derive(Debug, Clone)]
pub struct Prefilter {
    ac: AhoCorasick,
    /// Per automaton pattern: the groups its literal belongs to.
    groups: Vec<Vec<u32>>,
    /// Patterns from here on are the bypass characters.
    bypass_from: usize,
    words: usize,
}

impl Prefilter {
    /// The lists that may match `text` (or a part of it).
    pub fn scan(&self, text: &str) -> Candidates {
        let mut bits = vec![0u64; self.words];
        for m in self.ac.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            if p >= self.bypass_from {
                return Candidates::ALL;
            }
            for &g in self.groups.get(p).map_or(&[][..], Vec::as_slice) {
                let g = g as usize;
                if let Some(w) = bits.get_mut(g / 64) {
                    *w |= 1 << (g % 64);
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
