//! Text similarity that works for Chinese and English alike: the features of a text are its
//! token bigrams (CJK character bigrams, English word pairs) and its English words, lower-cased
//! and width-folded; placeholders and punctuation break the runs. Two texts compare by the
//! cosine of their tf-idf weighted feature vectors.
//!
//! [`Index`] holds many documents with an inverted index, so that one query scores only the
//! documents sharing a feature with it; the most common features (in more than an eighth of the
//! documents) only rescore the best few candidates exactly.

use std::collections::HashMap;

use super::normalize::{Kind, Tokens};

/// A sparse feature vector: sorted by feature, with weights and its Euclidean norm.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vector {
    pub feats: Vec<(u64, f32)>,
    pub norm: f32,
}

fn fnv(h: u64, s: &str) -> u64 {
    let mut h = h;
    for b in s.bytes() {
        h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3);
    }
    h
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// The features of a text with their counts, sorted.
pub(crate) fn features(t: &Tokens<'_>) -> Vec<(u64, u32)> {
    let mut out: Vec<u64> = Vec::with_capacity(t.len() * 2);
    let mut prev: Option<u64> = None;
    for i in 0..t.len() {
        match t.kind(i) {
            Some(Kind::Word | Kind::Cjk) => {
                let k = t.key(i);
                let h = fnv(SEED, k);
                if t.kind(i) == Some(Kind::Word) {
                    out.push(h);
                }
                if let Some(p) = prev {
                    out.push(fnv(p ^ 0x9e37_79b9_7f4a_7c15, k).rotate_left(1));
                }
                prev = Some(h);
            }
            Some(Kind::Placeholder) | Some(Kind::Punct) => prev = None,
            _ => {}
        }
    }
    // A lone CJK character still says something.
    if out.is_empty() {
        if let Some(p) = prev {
            out.push(p);
        }
    }
    out.sort_unstable();
    let mut counted: Vec<(u64, u32)> = Vec::with_capacity(out.len());
    for f in out {
        match counted.last_mut() {
            Some((g, n)) if *g == f => *n += 1,
            _ => counted.push((f, 1)),
        }
    }
    counted
}

/// Weighs counted features with `idf` (1 for every feature when `None`).
pub(crate) fn vector(counted: &[(u64, u32)], idf: impl Fn(u64) -> f32) -> Vector {
    let feats: Vec<(u64, f32)> = counted
        .iter()
        .map(|&(f, n)| (f, (1.0 + (n as f32).ln()) * idf(f)))
        .collect();
    let norm = feats.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    Vector { feats, norm }
}

/// Cosine of two vectors (0 when either is empty).
pub(crate) fn cosine(a: &Vector, b: &Vector) -> f32 {
    if a.norm <= 0.0 || b.norm <= 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while let (Some(x), Some(y)) = (a.feats.get(i), b.feats.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x.1 * y.1;
                i += 1;
                j += 1;
            }
        }
    }
    (dot / (a.norm * b.norm)).clamp(0.0, 1.0)
}

/// A hasher for keys that are hashes already (the features): one multiply, no SipHash.
#[derive(Default, Clone, Copy)]
pub(crate) struct FeatureHasher(u64);

impl std::hash::Hasher for FeatureHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        let h = (self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FeatureMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<FeatureHasher>>;

/// The documents that have a feature, with the feature's weight in each divided by the
/// document's norm (so that the partial sums rank by cosine).
#[derive(Debug, Default)]
struct Postings {
    list: Vec<(u32, f32)>,
}

/// Documents with an inverted index over their features.
#[derive(Debug, Default)]
pub(crate) struct Index {
    docs: Vec<Vector>,
    df: FeatureMap<u32>,
    postings: FeatureMap<Postings>,
    idf_weighted: bool,
    n: usize,
}

impl Index {
    /// Indexes documents given as counted features; `idf_weighted` weighs rare features up.
    pub fn new(counted: &[Vec<(u64, u32)>], idf_weighted: bool) -> Index {
        Index::with_df(counted, counted.len(), idf_weighted)
    }

    /// Like [`Index::new`], but document frequencies (the idf) come from the first `df_docs`
    /// documents only; the others (parts of those documents) are scored in the same weighting.
    pub fn with_df(counted: &[Vec<(u64, u32)>], df_docs: usize, idf_weighted: bool) -> Index {
        let mut df: FeatureMap<u32> = FeatureMap::default();
        for c in counted.iter().take(df_docs) {
            for (f, _) in c {
                *df.entry(*f).or_insert(0) += 1;
            }
        }
        let mut index = Index {
            docs: Vec::with_capacity(counted.len()),
            df,
            postings: FeatureMap::default(),
            idf_weighted,
            n: df_docs.min(counted.len()),
        };
        for (d, c) in counted.iter().enumerate() {
            let v = vector(c, |f| index.idf(f));
            let norm = v.norm.max(f32::MIN_POSITIVE);
            for &(f, w) in &v.feats {
                let p = index.postings.entry(f).or_default();
                p.list.push((d as u32, w / norm));
            }
            index.docs.push(v);
        }
        index
    }

    pub fn idf(&self, f: u64) -> f32 {
        if !self.idf_weighted {
            return 1.0;
        }
        let n = self.n as f32;
        let df = self.df.get(&f).copied().unwrap_or(0) as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// The query's vector in this index's weighting.
    pub fn query_vector(&self, counted: &[(u64, u32)]) -> Vector {
        vector(counted, |f| self.idf(f))
    }

    /// The `k` documents most similar to `q` with their cosines, best first (ties by index),
    /// among those that `keep` accepts. `scratch` is reused between queries (one slot a
    /// document).
    ///
    /// Candidates come from the query's posting lists, the common ones (in more than an eighth
    /// of the documents) aside; the best of them by that partial sum are scored exactly.
    pub fn top(
        &self,
        q: &Vector,
        k: usize,
        keep: impl Fn(usize) -> bool,
        scratch: &mut Vec<f32>,
    ) -> Vec<(usize, f32)> {
        if q.norm <= 0.0 || self.docs.is_empty() {
            return Vec::new();
        }
        scratch.clear();
        scratch.resize(self.docs.len(), 0.0);
        let common = (self.docs.len() / 8).max(64);
        let mut touched: Vec<u32> = Vec::new();
        for &(f, w) in &q.feats {
            let Some(p) = self.postings.get(&f) else {
                continue;
            };
            if p.list.len() > common {
                continue;
            }
            for &(d, dw) in &p.list {
                if let Some(s) = scratch.get_mut(d as usize) {
                    if *s == 0.0 {
                        touched.push(d);
                    }
                    *s += w * dw;
                }
            }
        }
        let mut cands: Vec<(usize, f32)> = touched
            .iter()
            .filter(|&&d| keep(d as usize))
            .map(|&d| (d as usize, scratch.get(d as usize).copied().unwrap_or(0.0)))
            .collect();
        if cands.is_empty() {
            // Only common features in the query: score everything exactly.
            cands = (0..self.docs.len())
                .filter(|&d| keep(d))
                .map(|d| (d, 0.0))
                .collect();
        }
        let shortlist = (k * 4).max(16);
        if cands.len() > shortlist {
            cands.select_nth_unstable_by(shortlist, |a, b| b.1.total_cmp(&a.1));
            cands.truncate(shortlist);
        }
        let mut exact: Vec<(usize, f32)> = cands
            .into_iter()
            .filter_map(|(d, _)| Some((d, cosine(q, self.docs.get(d)?))))
            .collect();
        exact.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        exact.truncate(k);
        exact
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::tokenize;
    use super::*;

    fn counted(s: &str) -> Vec<(u64, u32)> {
        features(&tokenize(s, false))
    }

    #[test]
    fn cosine_is_one_for_equal_texts_and_falls_with_edits() {
        let a = vector(&counted("服务商应当在三十日内删除全部客户数据。"), |_| 1.0);
        let b = vector(&counted("服务商应当在六十日内删除全部客户数据。"), |_| 1.0);
        let c = vector(&counted("The Customer shall pay the fees."), |_| 1.0);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-5);
        let ab = cosine(&a, &b);
        assert!(ab > 0.7 && ab < 1.0, "{ab}");
        assert_eq!(cosine(&a, &c), 0.0);
        // Case and width do not matter to similarity.
        let d = vector(&counted("THE CUSTOMER SHALL PAY THE FEES"), |_| 1.0);
        assert!(cosine(&c, &d) > 0.99);
    }

    #[test]
    fn the_index_finds_the_nearest_documents() {
        let docs = [
            "the provider shall encrypt data at rest",
            "the customer shall pay all fees when due",
            "甲方应当删除数据",
        ];
        let idx = Index::new(&docs.iter().map(|d| counted(d)).collect::<Vec<_>>(), true);
        let q = idx.query_vector(&counted("The Customer shall pay every fee when due"));
        let mut scratch = Vec::new();
        let top = idx.top(&q, 2, |_| true, &mut scratch);
        assert_eq!(top.first().map(|t| t.0), Some(1));
        assert!(idx
            .top(&q, 2, |d| d != 1, &mut scratch)
            .iter()
            .all(|t| t.0 != 1));
    }
}
