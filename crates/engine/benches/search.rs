#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Search benchmark (not a timed test): a generated library of 10,000 clauses of about 500
//! characters per language, queried with two-character Chinese, four-character Chinese and
//! English terms. Prints p50 and p95 per kind of query.
//!
//!     cargo bench -p cloudclause-engine --bench search
//!
//! `BENCH_PER_QUERY=1` also prints each query's median.
//! `BENCH_SAVE=FILE` also writes the library to FILE (for `EXPLAIN QUERY PLAN` in the sqlite3
//! shell).
//!
//! The clauses are recombined from the sentences of the built-in playbook with a fixed-seed
//! generator, so every run searches the same library.

use std::time::Instant;

mod common;
use common::{digest, median};

use cloudclause_engine::library::{Library, LibraryPack, PackClause, PACK_FORMAT};
use cloudclause_engine::model::*;
use cloudclause_engine::templates::TemplateFiles;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn sentences(text: &str, stops: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if stops.contains(&c) {
            if cur.trim().chars().count() > 8 {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        }
    }
    out
}

fn compose(pool: &[String], rng: &mut Lcg, target_chars: usize) -> String {
    let mut s = String::new();
    while s.chars().count() < target_chars {
        s.push_str(&pool[rng.next() % pool.len()]);
        s.push(' ');
    }
    s
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn main() {
    let n: usize = std::env::var("BENCH_CLAUSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let files = TemplateFiles::builtin();
    let (mut lib, _) = Library::open_in_memory(&files).expect("library opens");
    let base: Vec<ClauseContent> = lib
        .list_clauses(&ClauseFilter::default())
        .expect("list")
        .into_iter()
        .map(|c| c.content)
        .collect();
    let zh_pool: Vec<String> = base
        .iter()
        .flat_map(|c| sentences(&c.body.zh, &['。', '；']))
        .collect();
    let en_pool: Vec<String> = base
        .iter()
        .flat_map(|c| sentences(&c.body.en, &['.', ';']))
        .collect();
    let mut rng = Lcg(42);
    let t = Instant::now();
    let existing = base.len();
    // One pack, imported in one transaction (creating the clauses one by one, a transaction
    // each, builds the same library in several times the time).
    let mut pack = LibraryPack {
        format: PACK_FORMAT.into(),
        format_version: 1,
        clauses: Vec::new(),
    };
    for i in 0..n.saturating_sub(existing) {
        let mut c = base[i % base.len()].clone();
        c.id = format!("bench.{i:05}");
        c.body.zh = compose(&zh_pool, &mut rng, 500);
        c.body.en = compose(&en_pool, &mut rng, 500);
        c.guidance.zh = compose(&zh_pool, &mut rng, 120);
        c.guidance.en = compose(&en_pool, &mut rng, 120);
        pack.clauses.push(PackClause {
            content: c,
            version: 1,
        });
    }
    lib.import_pack(&serde_json::to_string(&pack).expect("pack"))
        .expect("import");
    if let Some(path) = std::env::var_os("BENCH_SAVE") {
        // A copy of the library, to look at query plans with the sqlite3 shell.
        lib.backup(std::path::Path::new(&path)).expect("backup");
    }
    let stats = lib.stats().expect("stats");
    println!(
        "library: {} clauses (built in {:.1} s)",
        stats.clauses,
        t.elapsed().as_secs_f64()
    );

    let kinds: [(&str, &[&str]); 3] = [
        (
            "zh 2-char",
            &[
                "数据", "删除", "审计", "加密", "通知", "备份", "责任", "日志",
            ],
        ),
        (
            "zh 4-char",
            &[
                "数据销毁",
                "安全事件",
                "个人信息",
                "服务水平",
                "跨境传输",
                "访问控制",
                "书面同意",
                "合理努力",
            ],
        ),
        (
            "en word",
            &[
                "deletion",
                "encryption",
                "audit",
                "sub-processor",
                "liability",
                "backup",
                "notify",
                "personal data",
            ],
        ),
    ];
    for limit in [20usize, 50] {
        for (kind, queries) in kinds {
            let mut ms = Vec::new();
            let mut hits = 0;
            let mut results = Vec::new();
            let mut per_query: Vec<Vec<f64>> = vec![Vec::new(); queries.len()];
            for round in 0..25 {
                for (qi, q) in queries.iter().enumerate() {
                    let t = Instant::now();
                    let r = lib
                        .search(q, &ClauseFilter::default(), limit)
                        .expect("search");
                    ms.push(t.elapsed().as_secs_f64() * 1000.0);
                    per_query[qi].push(t.elapsed().as_secs_f64() * 1000.0);
                    hits += r.len();
                    if round == 0 {
                        results.push(r);
                    }
                }
            }
            ms.sort_by(|a, b| a.total_cmp(b));
            println!(
                "search {kind:<10} limit {limit:>2}: p50 {:.3} ms  p95 {:.3} ms  max {:.3} ms  ({} runs, {:.1} hits/query, result {})",
                percentile(&ms, 0.5),
                percentile(&ms, 0.95),
                ms[ms.len() - 1],
                ms.len(),
                hits as f64 / ms.len() as f64,
                digest(&results)
            );
            if std::env::var_os("BENCH_PER_QUERY").is_some() {
                for (q, v) in queries.iter().zip(per_query) {
                    println!("    {q:<14} median {:.3} ms", median(v));
                }
            }
        }
    }
}
