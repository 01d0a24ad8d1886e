//! The matches of a whole-text pattern list (the deployment-model cues, kept by `live.rs`) made
//! exact again after an edit without searching the whole text.
//!
//! A match depends only on the bytes it spans and one character on either side. When every
//! match of a list is at most N bytes long, or lies within one line (the pattern cannot match a
//! line break), only the matches near the edit can change: the search is repeated from N bytes
//! (or the start of the line) before the edit until it meets the old matches again after it.

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

/// How far from an edit the matches of a list can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Locality {
    /// The longest match of the patterns whose matches are bounded, in bytes (0: none is).
    longest: usize,
    /// Some pattern's matches are of any length, but none spans a line break.
    lines: bool,
}

impl Locality {
    /// The locality of a list from each pattern's syntax as compiled; `None` when a pattern can
    /// match the empty string, or matches of any length that may span lines (an edit then
    /// searches the whole text again).
    pub(crate) fn of(patterns: &[Hir]) -> Option<Locality> {
        let mut out = Locality {
            longest: 0,
            lines: false,
        };
        for h in patterns {
            let p = h.properties();
            match p.minimum_len() {
                // A pattern that matches nothing changes nothing.
                None => continue,
                Some(0) => return None,
                Some(_) => {}
            }
            match p.maximum_len() {
                Some(n) => out.longest = out.longest.max(n),
                None if !can_match_newline(h) => out.lines = true,
                None => return None,
            }
        }
        Some(out)
    }
}

/// Whether a match of `h` may contain a line break.
fn can_match_newline(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(l) => l.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Repetition(r) => r.max != Some(0) && can_match_newline(&r.sub),
        HirKind::Capture(c) => can_match_newline(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(can_match_newline),
    }
}

/// Where the line holding byte `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// Where the line holding byte `at` ends, after its line break (or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The matches of `re` (whose patterns have locality `local`) in `text`, whose bytes
/// `start..old_end` were just replaced by `start..new_end`, from the matches `old` of the text
/// before (in order, as `find_iter` gives them). Equal to a new `find_iter` over `text`.
pub(crate) fn rematch(
    re: &Regex,
    local: Locality,
    old: &[(usize, usize)],
    text: &str,
    start: usize,
    old_end: usize,
    new_end: usize,
) -> Vec<(usize, usize)> {
    let reach = local.longest + 8;
    let shift = |x: usize| (x + new_end).saturating_sub(old_end);
    // Every possible match that starts before `lo` depends on bytes before the edit only: the
    // old matches up to there stand, and no other match starts between the last of them and `lo`.
    let mut lo = start.saturating_sub(reach);
    if local.lines {
        lo = lo.min(line_start(text, start));
    }
    let lo = floor_boundary(text, lo);
    let keep = old.partition_point(|m| m.0 < lo);
    let mut out = old[..keep].to_vec();
    let mut pos = out.last().map_or(0, |m| m.1).max(lo).min(text.len());
    // Every possible match that starts after `new_end` depends on bytes after the edit only
    // (and the character before it); the search meets the old one again from `sync` on.
    let sync = ceil_boundary(text, new_end + reach);
    // The matches that start before `sync`, searched for in the text cut where none of them can
    // reach (so that the cut changes none of them): `reach` on, and after a line break.
    let mut cut = sync + reach;
    if local.lines {
        cut = cut.max(line_end(text, sync));
    }
    let cut = ceil_boundary(text, cut);
    pos = pos.min(cut);
    while let Some(m) = re
        .find_at(&text[..cut], pos)
        .map(|m| (m.start(), m.end()))
        .filter(|m| m.0 < sync)
    {
        out.push(m);
        // Every match is non-empty (`Locality`), so the search moves on.
        pos = m.1;
    }
    // The search goes on from `pos`, where the old one went on from `at` unless an old match
    // spans `at`: then the rest is the old matches from `at` on.
    let pos = pos.max(sync);
    let at = (pos + old_end).saturating_sub(new_end);
    let next = old.partition_point(|m| m.0 < at);
    if next == 0 || old[next - 1].1 <= at {
        out.extend(old[next..].iter().map(|m| (shift(m.0), shift(m.1))));
        return out;
    }
    // Rare: search on until the two searches meet at the same match.
    let tail = &old[next..];
    let mut t = 0;
    let mut pos = pos;
    while let Some(m) = re.find_at(text, pos).map(|m| (m.start(), m.end())) {
        while t < tail.len() && shift(tail[t].0) < m.0 {
            t += 1;
        }
        if tail.get(t).is_some_and(|o| (shift(o.0), shift(o.1)) == m) {
            out.extend(tail[t..].iter().map(|o| (shift(o.0), shift(o.1))));
            return out;
        }
        out.push(m);
        pos = m.1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::prefilter::Candidates;
    use crate::analysis::rules::Patterns;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| p.to_string()).collect()
    }

    fn locality(list: &[&str]) -> Option<Locality> {
        crate::analysis::rules::locality(&strings(list))
    }

    #[test]
    fn locality_reads_lengths_and_line_breaks_from_the_syntax() {
        assert_eq!(
            locality(&[r"\bpaas\b", "平台即服务"]),
            Some(Locality {
                longest: 15,
                lines: false
            })
        );
        assert_eq!(
            locality(&[r"\bpaas\b", r"\bmanaged [\w-]+ databases?\b"]),
            // (Case-insensitive: "s" may be "ſ", two bytes.)
            Some(Locality {
                longest: 5,
                lines: true
            })
        );
        assert_eq!(locality(&[r"[^.;]{0,20}x"]).map(|l| l.lines), Some(false));
        // Of any length across lines, or empty: no locality.
        assert_eq!(locality(&[r"a[^.]+b"]), None);
        assert_eq!(locality(&[r"a\s+b"]), None);
        assert_eq!(locality(&[r"x?"]), None);
    }

    /// A small deterministic generator (no dependency): xorshift.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % (n.max(1) as u64)).unwrap_or(0)
        }
    }

    #[test]
    fn rematch_equals_a_new_search_after_any_edit() {
        // Each list with the pieces of text its matches are made of (and line breaks, full
        // stops, other words), put together at random and edited at random.
        let cases: [(&[&str], &[&str]); 3] = [
            (
                &[r"\bpaas\b", "平台即服务", r"\bdeploy[^.;]{0,20}\bcode\b"],
                &[
                    "paas",
                    "PaaS",
                    " ",
                    "平台即服务",
                    "deploy",
                    " your ",
                    "code",
                    ". ",
                    "\n",
                    "x",
                ],
            ),
            (
                &[r"\b(builds?|runs?) (\w+ )?on the platform\b"],
                &[
                    "runs ",
                    "builds ",
                    "apps ",
                    "runs apps on the platform",
                    "builds on the platform",
                    "on the platform",
                    "verylongword",
                    " ",
                    "\n",
                    "。",
                ],
            ),
            (
                &[
                    r"\bmanaged [\w-]+ databases?\b",
                    r"\bpaas\b",
                    r"(您|客户)[^，。；]{0,6}对外提供的服务",
                ],
                &[
                    "managed ",
                    "cloud-",
                    "sql",
                    " ",
                    "database",
                    "s",
                    "paas",
                    "\n",
                    "您",
                    "客户",
                    "，",
                    "对外提供的服务",
                    "x",
                ],
            ),
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for (list, pieces) in cases {
            let p = Patterns::compile(&strings(list), "test", None).expect("compiles");
            assert!(locality(list).is_some(), "{list:?}");
            let find = |t: &str| p.find_all(t, &Candidates::ALL);
            let piece = |rng: &mut Rng| pieces[rng.below(pieces.len())];
            let mut text: String = (0..600).map(|_| piece(&mut rng)).collect();
            let mut matches = find(&text);
            assert!(matches.len() > 10, "{list:?}: the text has matches to keep");
            for _ in 0..2000 {
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&b| text.is_char_boundary(b))
                    .collect();
                let start = bounds[rng.below(bounds.len())];
                let end = ceil_boundary(&text, start + rng.below(40));
                let new: String = (0..rng.below(4)).map(|_| piece(&mut rng)).collect();
                text.replace_range(start..end, &new);
                let new_end = start + new.len();
                matches = p.rematch(&matches, &text, start, end, new_end);
                assert_eq!(matches, find(&text), "{list:?} after an edit at {start}");
            }
        }
    }
}
