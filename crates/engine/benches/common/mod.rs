//! What the benchmarks share: the contract text they work on and the median they print.
#![allow(dead_code, clippy::unwrap_used)]

/// The median of a sample (sorted in place).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// The Markdown contracts of `dirs` (sorted by name in each; a missing folder is skipped).
pub fn contracts(dirs: &[String]) -> Vec<String> {
    let mut sources = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        sources.extend(
            paths
                .into_iter()
                .map(|p| std::fs::read_to_string(p).unwrap_or_default()),
        );
    }
    sources
}

/// The fixture contracts, then the shared corpus, repeated until the text has `chars` characters.
pub fn contract_text(chars: usize, with_corpus: bool) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut dirs = vec![format!("{root}/tests/fixtures/contracts")];
    if with_corpus {
        dirs.push(format!("{root}/../shared/corpus"));
    }
    let sources = contracts(&dirs);
    assert!(!sources.is_empty(), "no contracts found in {dirs:?}");
    let mut text = String::new();
    let mut n = 0;
    'fill: loop {
        for s in &sources {
            text.push_str(s);
            text.push_str("\n\n");
            n += s.chars().count() + 2;
            if n >= chars {
                break 'fill;
            }
        }
    }
    text
}
