#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Redline benchmark (not a timed test); prints medians over repeated runs.
//!
//! 1. Align a draft of 500 sections against a 10,000-clause library (variants of the built-in
//!    clauses with words swapped and sentences dropped); the draft is built from library
//!    clauses with edits, plus clauses of no model. Its sections split into 2,705 clauses; the
//!    first sections that split into 500 clauses are aligned too.
//! 2. Compare two versions of a 300,000-character contract (the corpus concatenated; about 1% of
//!    sentences edited, clauses inserted, deleted and moved), against one whole-text `similar`
//!    character diff of the same pair.
//!
//!     cargo bench -p cloudclause-engine --bench redline
//!
//! `BENCH_ONLY=align` or `BENCH_ONLY=compare` runs one of the two.
//! `BENCH_DUMP=DIR` writes the alignments to DIR/align-cues.json and DIR/align.json (to see
//! what a change changed when a fingerprint differs).
//! `BENCH_WRITE_PAIR=DIR` also writes the pair to DIR/old.md and DIR/new.md (for
//! benches/redline_baselines.sh).

use std::collections::HashMap;
use std::time::Instant;

mod common;
use common::{contract_text, digest, median};

use cloudclause_engine::analysis::Rules;
use cloudclause_engine::ingest;
use cloudclause_engine::model::{Clause, ClauseFilter, Lang};
use cloudclause_engine::placeholders;
use cloudclause_engine::redline::{self, AlignOptions, ClauseIndex, RedlineOptions};
use cloudclause_engine::templates::{self, TemplateFiles};
use cloudclause_engine::Library;

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Sentences of a text (kept with their ends).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, '。' | '；' | '\n') || (c == '.' && cur.len() > 40) {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A variant of a text: one word or character swapped, maybe a sentence dropped.
fn variant(text: &str, rng: &mut Rng) -> String {
    let mut s = sentences(text);
    if s.len() > 2 && rng.below(2) == 0 {
        let k = rng.below(s.len());
        s.remove(k);
    }
    let mut t: String = s.concat();
    let swaps = [
        ("shall", "must"),
        ("应当", "须"),
        ("days", "business days"),
        ("日内", "个工作日内"),
        ("Customer", "Client"),
        ("客户", "用户"),
    ];
    let (a, b) = swaps[rng.below(swaps.len())];
    t = t.replacen(a, b, 1);
    t
}

fn library_clauses() -> (Vec<Clause>, Vec<cloudclause_engine::model::Variable>) {
    let files = TemplateFiles::builtin();
    let (lib, _) = Library::open_in_memory(&files).expect("library");
    let set = templates::load(&files).expect("templates");
    (
        lib.list_clauses(&ClauseFilter::default()).expect("clauses"),
        set.variables,
    )
}

/// Writes `value` to BENCH_DUMP/`name` when BENCH_DUMP is set.
fn dump<T: serde::Serialize>(name: &str, value: &T) {
    if let Some(dir) = std::env::var_os("BENCH_DUMP") {
        let json = serde_json::to_string_pretty(value).unwrap();
        std::fs::write(std::path::PathBuf::from(dir).join(name), json).expect("write");
    }
}

fn align_bench() {
    let (base, vars) = library_clauses();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut clauses = base.clone();
    let mut k = 0;
    while clauses.len() < 10_000 {
        let mut c = base[k % base.len()].clone();
        c.content.id = format!("{}.v{}", c.content.id, clauses.len());
        c.content.body.zh = variant(&c.content.body.zh, &mut rng);
        c.content.body.en = variant(&c.content.body.en, &mut rng);
        clauses.push(c);
        k += 1;
    }
    // The draft: 500 clauses, alternately Chinese and English, from library clauses with an edit
    // each, and every tenth a clause of no model.
    let mut sections: Vec<String> = Vec::new();
    for i in 0..500 {
        let lang = if i % 2 == 0 { Lang::Zh } else { Lang::En };
        let c = &base[rng.below(base.len())];
        let body = placeholders::fill(c.content.body.get(lang), lang, &HashMap::new(), &vars);
        let body = if i % 10 == 9 {
            if lang == Lang::Zh {
                "双方应当按照本合同约定履行各自义务，本条未尽事宜由双方另行协商。".to_string()
            } else {
                "The parties shall perform their obligations in good faith and settle other matters by agreement.".to_string()
            }
        } else {
            variant(&body, &mut rng)
        };
        sections.push(format!(
            "## {}. {}\n\n{}\n\n",
            i + 1,
            c.content.title.get(lang),
            body.trim_end()
        ));
    }
    let doc = ingest::read("draft.md", sections.concat().as_bytes()).expect("draft");
    let files = TemplateFiles::builtin();
    let rules = Rules::load(&files).expect("rules");
    let t = Instant::now();
    let index = ClauseIndex::new(clauses);
    let index_ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut align_ms = Vec::new();
    let mut no_cues_ms = Vec::new();
    let mut matched = 0;
    let mut digests = (String::new(), String::new());
    for _ in 0..7 {
        let t = Instant::now();
        let a =
            redline::align(&doc, &index, Some(&rules), &AlignOptions::default()).expect("align");
        align_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        matched = a
            .alignments
            .iter()
            .filter(|x| x.model_clause.is_some())
            .count();
        digests.0 = digest(&a);
        dump("align-cues.json", &a);
        let t = Instant::now();
        let a = redline::align(&doc, &index, None, &AlignOptions::default()).expect("align");
        no_cues_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        digests.1 = digest(&a);
        dump("align.json", &a);
    }
    println!(
        "align: draft {} clauses ({} chars), library {} clauses; {matched} matched",
        doc.clauses.len(),
        doc.text.chars().count(),
        index.clauses().len()
    );
    println!("  index the library (once):       {index_ms:.1} ms");
    println!(
        "  align + redline, with cues:     median {:.1} ms (result {})",
        median(align_ms),
        digests.0
    );
    println!(
        "  align + redline, without cues:  median {:.1} ms (result {})",
        median(no_cues_ms),
        digests.1
    );
    // The draft's sections split into several clauses each; a draft of 500 clauses as split is
    // its first sections, as many as make 500.
    let small = first_clauses(&sections, 500);
    let (mut cues_ms, mut plain_ms) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let t = Instant::now();
        let a =
            redline::align(&small, &index, Some(&rules), &AlignOptions::default()).expect("align");
        cues_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        digests.0 = digest(&a);
        let t = Instant::now();
        let a = redline::align(&small, &index, None, &AlignOptions::default()).expect("align");
        plain_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        digests.1 = digest(&a);
    }
    println!(
        "align: draft {} clauses as split ({} chars, the first sections of the draft above)",
        small.clauses.len(),
        small.text.chars().count()
    );
    println!(
        "  align + redline, with cues:     median {:.1} ms (result {})",
        median(cues_ms),
        digests.0
    );
    println!(
        "  align + redline, without cues:  median {:.1} ms (result {})",
        median(plain_ms),
        digests.1
    );
}

/// The fewest first `sections` that split into at least `n` clauses (all of them if they split
/// into fewer).
fn first_clauses(sections: &[String], n: usize) -> ingest::Document {
    let read =
        |k: usize| ingest::read("draft.md", sections[..k].concat().as_bytes()).expect("draft");
    let (mut lo, mut hi) = (1, sections.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if read(mid).clauses.len() >= n {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    read(lo)
}

/// The 300,000-character pair: the corpus concatenated, then edited.
fn pair() -> (String, String) {
    let old = contract_text(300_000, true);
    // Version 2: ~1% of sentences edited; every 150th paragraph dropped, every 150th (offset)
    // gets a new one after it, and 5 paragraphs move 40 paragraphs down.
    let mut rng = Rng(42);
    let mut paras: Vec<String> = old.split("\n\n").map(str::to_string).collect();
    for p in paras.iter_mut() {
        let mut s = sentences(p);
        for x in s.iter_mut() {
            if rng.below(100) == 0 {
                *x = if x.contains('。') {
                    x.replacen('。', "，但法律另有规定的除外。", 1)
                } else {
                    format!("{} (as amended)", x.trim_end())
                        + if x.ends_with('\n') { "\n" } else { "" }
                };
            }
        }
        *p = s.concat();
    }
    let mut new: Vec<String> = Vec::new();
    let mut moved: Vec<(usize, String)> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if i % 150 == 7 {
            continue;
        }
        if i % 300 == 100 && moved.len() < 5 {
            moved.push((i + 40, p.clone()));
            continue;
        }
        new.push(p.clone());
        if i % 150 == 75 {
            new.push(format!("{}. The Provider shall give the Customer thirty days' written notice of any change to the sub-processors engaged for the Service.", 900 + i));
        }
        if let Some(k) = moved.iter().position(|m| m.0 == i) {
            new.push(moved.remove(k).1);
        }
    }
    (old, new.join("\n\n"))
}

fn compare_bench() {
    let (old, new) = pair();
    if let Some(dir) = std::env::var_os("BENCH_WRITE_PAIR") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::write(dir.join("old.md"), &old).expect("write");
        std::fs::write(dir.join("new.md"), &new).expect("write");
    }
    // Reading and splitting (ingest) is timed apart from the comparison itself.
    let mut read = Vec::new();
    let mut docs = None;
    for _ in 0..5 {
        let t = Instant::now();
        let pair = (
            ingest::read("old.md", old.as_bytes()).expect("old"),
            ingest::read("new.md", new.as_bytes()).expect("new"),
        );
        read.push(t.elapsed().as_secs_f64() * 1000.0);
        docs = Some(pair);
    }
    let read_ms = median(read);
    let (a, b) = docs.expect("docs");
    let mut ms = Vec::new();
    let mut stats = None;
    let mut result = String::new();
    for _ in 0..15 {
        let t = Instant::now();
        let c = redline::compare(&a, &b, &RedlineOptions::default());
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        result = digest(&c);
        stats = Some(c.stats);
    }
    let mut whole = Vec::new();
    let mut whole_ops = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let d = similar::TextDiff::configure()
            .algorithm(similar::Algorithm::Myers)
            .diff_chars(&old, &new);
        whole_ops = d.ops().len();
        whole.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "compare: {} / {} chars, {} / {} clauses; {:?}",
        old.chars().count(),
        new.chars().count(),
        a.clauses.len(),
        b.clauses.len(),
        stats.expect("stats")
    );
    println!("  read + split both (ingest):      median {read_ms:.1} ms (not in compare)");
    println!(
        "  compare (clause LCS + redlines): median {:.2} ms (result {result})",
        median(ms.clone())
    );
    println!(
        "  similar char diff, whole text:   median {:.1} ms ({whole_ops} ops)",
        median(whole.clone())
    );
    println!(
        "  ratio whole-text / compare:      {:.0}x",
        median(whole) / median(ms)
    );
}

fn main() {
    // BENCH_ONLY=align or BENCH_ONLY=compare runs one half (for profiling).
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if only != "compare" {
        align_bench();
    }
    if only != "align" {
        compare_bench();
    }
}
