#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Analyzer benchmark (not a timed test): analyse a 300,000-character contract made by
//! concatenating the corpus and fixture contracts, and re-analyse one edited clause.
//! Prints medians over repeated runs.
//!
//!     cargo bench -p cloudclause-engine --bench analyze

use std::time::Instant;

mod common;
use common::{contract_text, median};

use cloudclause_engine::analysis::{self, Options, Perspective, Rules};
use cloudclause_engine::ingest;
use cloudclause_engine::templates::{self, TemplateFiles};

fn main() {
    let text = contract_text(300_000, true);
    let files = TemplateFiles::builtin();
    let set = templates::load(&files).expect("templates");
    let mut load_ms = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = Rules::load(&files).expect("rules");
        load_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(r);
    }
    println!(
        "compile the playbook (Rules::load): median {:.1} ms",
        median(load_ms)
    );
    let rules = Rules::load(&files).expect("rules");
    let opts = Options {
        model: None,
        perspective: Perspective::Customer,
    };
    let chars = text.chars().count();

    let mut read_ms = Vec::new();
    let mut analyze_ms = Vec::new();
    let mut doc = None;
    // BENCH_EDITS_ONLY=1: one full analysis, then only the edits (for profiling them).
    let rounds = if std::env::var_os("BENCH_EDITS_ONLY").is_some() {
        1
    } else {
        15
    };
    for _ in 0..rounds {
        let t = Instant::now();
        let d = ingest::read("bench.md", text.as_bytes()).expect("reads");
        read_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let r = analysis::analyze(&d, &rules, &set, opts);
        analyze_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.security.len(), 14);
        doc = Some(d);
    }
    let doc = doc.expect("doc");
    println!(
        "contract: {chars} characters, {} clauses",
        doc.clauses.len()
    );
    println!(
        "read + split (ingest):   median {:.2} ms",
        median(read_ms.clone())
    );
    println!(
        "analysis (whole report): median {:.2} ms",
        median(analyze_ms.clone())
    );
    println!(
        "read + analysis:         median {:.2} ms",
        median(read_ms) + median(analyze_ms)
    );

    // Live editing: one clause changed; the engine re-reads that clause's sentences and
    // re-aggregates the report from the cached reading of the others. What an edit costs
    // depends on the clause (a sentence naming a party or a schedule reaches further), so five
    // clauses spread over the contract are edited in turn; BENCH_EDIT_IDX=N edits clause N only.
    let mut cache = analysis::Cache::new(&doc, &rules);
    let n = doc.clauses.len();
    let picks: Vec<usize> = match std::env::var("BENCH_EDIT_IDX")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(i) if i < n => vec![i],
        _ => (1..=5).map(|k| k * n / 6).collect(),
    };
    let mut edited = doc.clone();
    let edits = if std::env::var_os("BENCH_EDITS_ONLY").is_some() {
        400
    } else {
        50
    };
    let mut all_ms = Vec::new();
    let mut worst: f64 = 0.0;
    for &idx in &picks {
        let original: String = {
            let c = &edited.clauses[idx];
            edited
                .text
                .chars()
                .skip(c.start as usize)
                .take((c.end - c.start) as usize)
                .collect()
        };
        let mut edit_ms = Vec::new();
        for i in 0..edits {
            // A lawyer types into the clause: its text grows by a few characters each time.
            let new_text = format!("{original} 服务商应当在{i}小时内通知客户。");
            let t = Instant::now();
            let report = cache.reanalyze_clause(&mut edited, idx, &new_text, &rules, &set, opts);
            edit_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(report.security.len(), 14);
        }
        all_ms.extend(edit_ms.iter().copied());
        let m = median(edit_ms);
        worst = worst.max(m);
        println!(
            "  clause {idx} ({}): median {m:.3} ms  [{}]",
            edited.clauses[idx].number,
            original
                .chars()
                .take(30)
                .collect::<String>()
                .replace('\n', " ")
        );
    }
    // The incremental result equals a full analysis of the edited text (tests/analyzer_live.rs
    // checks this on many kinds of edit).
    let full = analysis::analyze(&edited, &rules, &set, opts);
    let inc = cache.report(&edited, &rules, &set, opts);
    assert_eq!(
        format!("{full:?}"),
        format!("{inc:?}"),
        "incremental = full"
    );
    println!(
        "re-analysis of one edited clause: median {:.3} ms over {} clauses (slowest clause {worst:.3} ms)",
        median(all_ms),
        picks.len()
    );

    // The app lets go of the regexes' lazy-DFA caches when it has been idle (Rules::fresh):
    // what the next analysis of an ordinary contract costs then, against one with warm caches.
    let sample =
        include_str!("../../../tests/fixtures/contracts/zh-saas-huilian-contact-center.md");
    let sample = ingest::read("sample.md", sample.as_bytes()).expect("reads");
    let (mut warm_ms, mut cold_ms, mut unbuilt_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let fresh = rules.fresh();
        let t = Instant::now();
        analysis::analyze(&sample, &fresh, &set, opts);
        cold_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        analysis::analyze(&sample, &fresh, &set, opts);
        warm_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        // After a long idle spell the app lets the built regexes go too (Rules::forget_built):
        // the next analysis builds the regexes it needs again.
        drop(fresh);
        rules.forget_built();
        let anew = rules.fresh();
        let t = Instant::now();
        analysis::analyze(&sample, &anew, &set, opts);
        unbuilt_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "a {}-character contract: median {:.2} ms with warm caches, {:.2} ms with fresh ones, {:.1} ms with the regexes to build again",
        sample.text.chars().count(),
        median(warm_ms),
        median(cold_ms),
        median(unbuilt_ms)
    );
}
