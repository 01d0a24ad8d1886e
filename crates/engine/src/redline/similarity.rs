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

/// What the index knows of a feature: its document frequency (for the idf) and where its
/// postings are.
#[derive(Debug, Default, Clone, Copy)]
struct Feature {
    df: u32,
    start: u32,
    len: u32,
}

/// Documents with an inverted index over their features.
///
/// The postings of all features are one array, each feature's a run of it (one lookup per
/// query feature finds both its idf and its postings, and the runs are dense in memory).
#[derive(Debug, Default)]
pub(crate) struct Index {
    docs: Vec<Vector>,
    features: FeatureMap<Feature>,
    /// The documents that have a feature, in document order, with the feature's weight in each
    /// divided by the document's norm (so that the partial sums rank by cosine).
    postings: Vec<(u32, f32)>,
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
        let mut features: FeatureMap<Feature> = FeatureMap::default();
        for (d, c) in counted.iter().enumerate() {
            for (f, _) in c {
                let e = features.entry(*f).or_default();
                e.df += u32::from(d < df_docs);
                e.len += 1;
            }
        }
        // Each feature's run; `len` counts again as the run is filled.
        let mut total = 0u32;
        for e in features.values_mut() {
            e.start = total;
            total += e.len;
            e.len = 0;
        }
        let mut index = Index {
            docs: Vec::with_capacity(counted.len()),
            features,
            postings: vec![(0, 0.0); total as usize],
            idf_weighted,
            n: df_docs.min(counted.len()),
        };
        for (d, c) in counted.iter().enumerate() {
            let v = vector(c, |f| index.idf(f));
            let norm = v.norm.max(f32::MIN_POSITIVE);
            for &(f, w) in &v.feats {
                if let Some(e) = index.features.get_mut(&f) {
                    if let Some(p) = index.postings.get_mut((e.start + e.len) as usize) {
                        *p = (d as u32, w / norm);
                    }
                    e.len += 1;
                }
            }
            index.docs.push(v);
        }
        index
    }

    /// The postings of a feature.
    fn postings(&self, e: &Feature) -> &[(u32, f32)] {
        let start = e.start as usize;
        self.postings
            .get(start..start + e.len as usize)
            .unwrap_or(&[])
    }

    pub fn idf(&self, f: u64) -> f32 {
        if !self.idf_weighted {
            return 1.0;
        }
        let n = self.n as f32;
        let df = self.features.get(&f).map_or(0, |e| e.df) as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// The query's vector in this index's weighting.
    pub fn query_vector(&self, counted: &[(u64, u32)]) -> Vector {
        vector(counted, |f| self.idf(f))
    }

    /// The `k` documents most similar to `q` with their cosines, best first (ties by index),
    /// among those that `keep` accepts. `scratch` holds buffers reused between queries.
    ///
    /// Candidates come from the query's posting lists, the common ones (in more than an eighth
    /// of the documents) aside; the best of them by that partial sum are scored exactly. The
    /// candidates are taken in the order the lists first reach them (list by list, each list in
    /// document order) before the best are selected, so that which of several equal partial sums
    /// make the shortlist does not depend on how the sums were found.
    pub fn top(
        &self,
        q: &Vector,
        k: usize,
        keep: impl Fn(usize) -> bool,
        scratch: &mut Scratch,
    ) -> Vec<(usize, f32)> {
        if q.norm <= 0.0 || self.docs.is_empty() {
            return Vec::new();
        }
        let Scratch {
            sums,
            found,
            starts,
            cands,
            table,
            lists,
        } = scratch;
        sums.clear();
        sums.resize(self.docs.len(), UNREACHED);
        // A slice, so that its start and length stay in registers in the loop below (a store
        // through the vector could otherwise change them, as far as the compiler knows).
        let sums = sums.as_mut_slice();
        let common = (self.docs.len() / 8).max(64);
        // The query's posting lists first (independent lookups, whose cache misses overlap),
        // then the sums.
        lists.clear();
        lists.extend(q.feats.iter().filter_map(|&(f, w)| {
            let e = self.features.get(&f)?;
            (e.len as usize <= common).then_some((*e, w))
        }));
        for (i, (e, w)) in lists.iter().enumerate() {
            // Touch the start of a list two ahead, so that it is on its way to the cache when
            // its turn comes (the value is not used).
            if let Some((next, _)) = lists.get(i + 2) {
                std::hint::black_box(self.postings.get(next.start as usize).copied());
            }
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            // No branch per posting: the sum grows, and the first list to reach the document is
            // the least index seen.
            for &(d, dw) in self.postings(e) {
                if let Some(s) = sums.get_mut(d as usize) {
                    s.sum += w * dw;
                    s.first = s.first.min(i);
                }
            }
        }
        // The documents reached, in the order the lists first reached them: a counting sort of
        // the reached documents (found in document order) by their first list.
        found.clear();
        starts.clear();
        starts.resize(lists.len() + 1, 0);
        for (d, s) in sums.iter().enumerate() {
            if s.first != u32::MAX && keep(d) {
                found.push((d, *s));
                if let Some(n) = starts.get_mut(s.first as usize + 1) {
                    *n += 1;
                }
            }
        }
        for i in 1..starts.len() {
            let before = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(n) = starts.get_mut(i) {
                *n += before;
            }
        }
        cands.clear();
        cands.resize(found.len(), (0, 0.0));
        for &(d, s) in found.iter() {
            if let Some(at) = starts.get_mut(s.first as usize) {
                if let Some(c) = cands.get_mut(*at) {
                    *c = (d, s.sum);
                }
                *at += 1;
            }
        }
        if cands.is_empty() {
            // Only common features in the query: score everything exactly.
            cands.extend((0..self.docs.len()).filter(|&d| keep(d)).map(|d| (d, 0.0)));
        }
        let shortlist = (k * 4).max(16);
        if cands.len() > shortlist {
            cands.select_nth_unstable_by(shortlist, |a, b| b.1.total_cmp(&a.1));
            cands.truncate(shortlist);
        }
        let table = QueryTable::new(q, table);
        let mut exact: Vec<(usize, f32)> = cands
            .iter()
            .filter_map(|&(d, _)| {
                let doc = self.docs.get(d)?;
                Some((
                    d,
                    table
                        .as_ref()
                        .map_or_else(|| cosine(q, doc), |t| t.cosine(doc)),
                ))
            })
            .collect();
        exact.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        exact.truncate(k);
        exact
    }
}

/// A document's partial sum in [`Index::top`], and the first of the query's posting lists that
/// reached it (`u32::MAX`: none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Partial {
    sum: f32,
    first: u32,
}

const UNREACHED: Partial = Partial {
    sum: 0.0,
    first: u32::MAX,
};

/// Buffers of [`Index::top`], kept between queries so that a run of queries allocates them once.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The partial sum of each document.
    sums: Vec<Partial>,
    /// The documents reached, in document order.
    found: Vec<(usize, Partial)>,
    /// Where each list's first-reached documents start among the candidates.
    starts: Vec<usize>,
    /// The documents reached in the order they were first reached, then the shortlist.
    cands: Vec<(usize, f32)>,
    /// The slots of a [`QueryTable`].
    table: Vec<(u64, f32)>,
    /// The query's posting lists with its weights.
    lists: Vec<(Feature, f32)>,
}

/// A query's features in an open-addressing hash table, so that the exact cosine with a document
/// walks the document's features once, looking each up, instead of merging two sorted lists
/// with a branch that cannot be predicted. The products are those of [`cosine`], added in the
/// same (feature) order, so the result is the same to the bit.
struct QueryTable<'a> {
    q: &'a Vector,
    slots: &'a [(u64, f32)],
    shift: u32,
}

/// The key of an empty slot (a query with this feature is not put in a table).
const EMPTY: u64 = 0;

impl<'a> QueryTable<'a> {
    /// The table of `q` in `slots` (reused), or `None` when `q` has the feature `EMPTY`.
    fn new(q: &'a Vector, slots: &'a mut Vec<(u64, f32)>) -> Option<QueryTable<'a>> {
        if q.feats.iter().any(|&(f, _)| f == EMPTY) {
            return None;
        }
        // At most a quarter full, so that most lookups end at the first slot.
        let bits = (q.feats.len() * 4)
            .max(16)
            .next_power_of_two()
            .trailing_zeros();
        slots.clear();
        slots.resize(1 << bits, (EMPTY, 0.0));
        let mask = slots.len() - 1;
        let shift = 64 - bits;
        for &(f, w) in &q.feats {
            let mut i = slot(f, shift);
            while slots.get(i).is_some_and(|s| s.0 != EMPTY) {
                i = (i + 1) & mask;
            }
            if let Some(s) = slots.get_mut(i) {
                *s = (f, w);
            }
        }
        Some(QueryTable { q, slots, shift })
    }

    /// The query's weight of `f`, 0 when the query does not have it.
    fn weight(&self, f: u64) -> f32 {
        let mask = self.slots.len() - 1;
        let mut i = slot(f, self.shift);
        loop {
            let Some(&(g, w)) = self.slots.get(i) else {
                return 0.0;
            };
            // One test for both ends of the probe (found, or an empty slot), then a select.
            if g == f || g == EMPTY {
                return if g == f { w } else { 0.0 };
            }
            i = (i + 1) & mask;
        }
    }

    /// [`cosine`] of the query and `d`.
    fn cosine(&self, d: &Vector) -> f32 {
        if self.q.norm <= 0.0 || d.norm <= 0.0 {
            return 0.0;
        }
        // Features the query lacks add an exact +0.0 (every weight is positive and the sum
        // starts at +0.0), which leaves the sum as it is: no branch on whether a feature matches.
        let mut dot = 0.0f32;
        for &(f, w) in &d.feats {
            dot += self.weight(f) * w;
        }
        (dot / (self.q.norm * d.norm)).clamp(0.0, 1.0)
    }
}

/// The slot of feature `f` in a table of `64 - shift` bits (Fibonacci hashing).
fn slot(f: u64, shift: u32) -> usize {
    (f.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
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
    fn the_query_table_gives_the_cosine_to_the_bit() {
        let texts = [
            "服务商应当在三十日内删除全部客户数据。",
            "服务商应当在六十日内删除全部客户数据，并出具删除证明。",
            "The Customer shall pay the fees within thirty days.",
            "The Provider shall delete all Customer Data within thirty days and certify the deletion.",
            "甲方",
        ];
        let docs: Vec<_> = texts.iter().map(|t| counted(t)).collect();
        let idx = Index::new(&docs, true);
        let mut slots = Vec::new();
        for a in &docs {
            let q = idx.query_vector(a);
            let table = QueryTable::new(&q, &mut slots).expect("a table");
            for b in &docs {
                let d = idx.query_vector(b);
                assert_eq!(table.cosine(&d).to_bits(), cosine(&q, &d).to_bits());
            }
        }
    }

    /// `top` as first written: the documents listed as the posting lists first reach them, the
    /// shortlist selected from that list, exact cosines by merging. `top` must answer the same,
    /// ties included. Also says whether equal partial sums straddled the shortlist's cut (where
    /// the order of the candidates decides).
    fn top_as_first_written(
        idx: &Index,
        q: &Vector,
        k: usize,
        keep: impl Fn(usize) -> bool,
    ) -> (Vec<(usize, f32)>, bool) {
        if q.norm <= 0.0 || idx.docs.is_empty() {
            return (Vec::new(), false);
        }
        let mut sums = vec![0.0f32; idx.docs.len()];
        let common = (idx.docs.len() / 8).max(64);
        let mut touched = Vec::new();
        for &(f, w) in &q.feats {
            let Some(e) = idx.features.get(&f) else {
                continue;
            };
            if e.len as usize > common {
                continue;
            }
            for &(d, dw) in idx.postings(e) {
                let s = &mut sums[d as usize];
                if *s == 0.0 {
                    touched.push(d as usize);
                }
                *s += w * dw;
            }
        }
        let mut cands: Vec<(usize, f32)> = touched
            .iter()
            .filter(|&&d| keep(d))
            .map(|&d| (d, sums[d]))
            .collect();
        if cands.is_empty() {
            cands = (0..idx.docs.len())
                .filter(|&d| keep(d))
                .map(|d| (d, 0.0))
                .collect();
        }
        let shortlist = (k * 4).max(16);
        let mut straddled = false;
        if cands.len() > shortlist {
            let mut sorted: Vec<f32> = cands.iter().map(|c| c.1).collect();
            sorted.sort_by(|a, b| b.total_cmp(a));
            straddled = sorted[shortlist - 1] == sorted[shortlist];
            cands.select_nth_unstable_by(shortlist, |a, b| b.1.total_cmp(&a.1));
            cands.truncate(shortlist);
        }
        let mut exact: Vec<(usize, f32)> = cands
            .into_iter()
            .map(|(d, _)| (d, cosine(q, &idx.docs[d])))
            .collect();
        exact.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        exact.truncate(k);
        (exact, straddled)
    }

    #[test]
    fn top_answers_as_first_written_among_many_equal_documents() {
        // Copies of a few texts, some with a word changed or a phrase added: many documents
        // share a partial sum, more than a shortlist holds.
        let bases = [
            "the provider shall delete all customer data within thirty days after termination",
            "the provider shall notify the customer of any security incident without undue delay",
            "the customer shall pay all fees within thirty days of the invoice date",
            "服务商应当在合同终止后三十日内删除全部客户数据并出具删除证明",
            "服务商发现安全事件的应当及时通知客户并采取补救措施",
        ];
        let swaps = [
            ("shall", "must"),
            ("thirty", "sixty"),
            ("客户", "用户"),
            ("应当", "须"),
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut texts: Vec<String> = Vec::new();
        for i in 0..600 {
            let mut t = bases[i % bases.len()].to_string();
            if next(3) > 0 {
                let (a, b) = swaps[next(swaps.len())];
                t = t.replacen(a, b, 1);
            }
            if next(4) == 0 {
                t.push_str(" and certify it in writing");
            }
            texts.push(t);
        }
        let docs: Vec<_> = texts.iter().map(|t| counted(t)).collect();
        let idx = Index::new(&docs, true);
        let queries = texts
            .iter()
            .take(40)
            .map(String::as_str)
            .chain(bases)
            .chain(["the provider shall delete data", "删除客户数据"]);
        let mut scratch = Scratch::default();
        let mut straddled = 0;
        for (qi, query) in queries.enumerate() {
            let q = idx.query_vector(&counted(query));
            for k in [1, 2, 3, 8] {
                for (name, keep) in [
                    ("all", &(|_| true) as &dyn Fn(usize) -> bool),
                    ("odd", &|d| d % 2 == 1),
                ] {
                    let (want, tie) = top_as_first_written(&idx, &q, k, keep);
                    assert_eq!(
                        idx.top(&q, k, keep, &mut scratch),
                        want,
                        "query {qi} ({query}), k {k}, {name}"
                    );
                    straddled += usize::from(tie);
                }
            }
        }
        assert!(
            straddled > 0,
            "no case where the order of the candidates decides"
        );
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
        let mut scratch = Scratch::default();
        let top = idx.top(&q, 2, |_| true, &mut scratch);
        assert_eq!(top.first().map(|t| t.0), Some(1));
        assert!(idx
            .top(&q, 2, |d| d != 1, &mut scratch)
            .iter()
            .all(|t| t.0 != 1));
    }
}
