//! Full-text search over the library, Chinese and English alike.
//!
//! Each clause is indexed as two documents (its Chinese and its English title, body and
//! guidance). Queries are split on white space into terms:
//! - a term of three or more characters goes to the FTS5 trigram index (substring match, BM25
//!   ranking with the title weighted above the body);
//! - a two-character CJK term (数据, 删除, 审计) goes to the bigram table, where each document's
//!   BM25 weight for that bigram was computed at indexing time, so the query is one ordered
//!   index range scan;
//! - anything shorter, or a two-character non-CJK term, falls back to a scan.
//!
//! Several terms must all match (AND). Matches come back as character ranges over plain-text
//! snippets; the UI marks them, and never renders the text as markup.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Transaction};

use crate::error::{Error, Result};
use crate::library::{row_to_hit_clause, Library, HIT_COLUMNS};
use crate::model::*;
use crate::placeholders;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Typical document length in characters (title + body + guidance); BM25's length
/// normalisation uses it as a fixed average so that weights can be precomputed.
const AVG_DOC_CHARS: f64 = 600.0;
const TITLE_WEIGHT: f64 = 4.0;
const GUIDANCE_WEIGHT: f64 = 0.5;

/// Whether `c` is a CJK ideograph, kana or hangul (the scripts written without spaces).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Removes a clause's documents from every index; the keys' document counts change in `counts`.
pub(crate) fn unindex_clause(
    tx: &Transaction<'_>,
    clause_id: &str,
    counts: &mut KeyCounts,
) -> Result<()> {
    let docs: Vec<i64> = {
        let mut stmt = tx.prepare_cached("SELECT doc FROM search_doc WHERE clause_id = ?1")?;
        let rows = stmt.query_map([clause_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for doc in docs {
        tx.execute("DELETE FROM search_fts WHERE rowid = ?1", [doc])?;
        {
            let mut keys = tx.prepare_cached("SELECT gram FROM search_bigram WHERE doc = ?1")?;
            let mut rows = keys.query([doc])?;
            while let Some(r) = rows.next()? {
                counts.add(r.get(0)?, -1);
            }
        }
        tx.execute("DELETE FROM search_bigram WHERE doc = ?1", [doc])?;
        tx.execute("DELETE FROM search_doc WHERE doc = ?1", [doc])?;
    }
    Ok(())
}

/// Counts the documents of every key of `search_bigram` again (after a re-index).
pub(crate) fn recount_keys(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM search_gram; \
         INSERT INTO search_gram (gram, docs) SELECT gram, count(*) FROM search_bigram GROUP BY gram;",
    )?;
    Ok(())
}

/// How many documents each key of `search_bigram` gained or lost in a transaction, written to
/// `search_gram` once before it commits ([`KeyCounts::write`]): a bulk write (seeding, an
/// import, a re-index) updates each key once, and indexing a document runs only single-row
/// statements (a statement over many rows opens a savepoint, which makes FTS5 flush its pending
/// documents: one small segment per document).
#[derive(Debug, Default)]
pub(crate) struct KeyCounts(HashMap<String, i64>);

impl KeyCounts {
    fn add(&mut self, key: String, n: i64) {
        *self.0.entry(key).or_insert(0) += n;
    }

    /// Writes the changes to `search_gram`, in key order; a key no document holds any more is
    /// removed.
    pub(crate) fn write(self, tx: &Transaction<'_>) -> Result<()> {
        let mut changes: Vec<(String, i64)> = self.0.into_iter().filter(|c| c.1 != 0).collect();
        changes.sort_unstable();
        let mut add = tx.prepare_cached(
            "INSERT INTO search_gram (gram, docs) VALUES (?1, ?2) \
            ON CONFLICT (gram) DO UPDATE SET docs = docs + excluded.docs",
        )?;
        let mut gone =
            tx.prepare_cached("DELETE FROM search_gram WHERE gram = ?1 AND docs <= 0")?;
        for (key, n) in &changes {
            add.execute(rusqlite::params![key, n])?;
            if *n < 0 {
                gone.execute([key])?;
            }
        }
        Ok(())
    }
}

/// (Re)indexes a clause's two documents. Placeholders are indexed as their default wording in
/// that language (`{{provider}}` as 服务商 / Provider), so their names never match a query.
pub(crate) fn index_clause(
    tx: &Transaction<'_>,
    c: &ClauseContent,
    vars: &[Variable],
    counts: &mut KeyCounts,
) -> Result<()> {
    unindex_clause(tx, &c.id, counts)?;
    let none = HashMap::new();
    for lang in Lang::ALL {
        let fill = |t: &Bilingual| placeholders::fill(t.get(lang), lang, &none, vars);
        let (title, body, guidance) = (fill(&c.title), fill(&c.body), fill(&c.guidance));
        tx.execute(
            "INSERT INTO search_doc (clause_id, lang) VALUES (?1, ?2)",
            [c.id.as_str(), lang.as_str()],
        )?;
        let doc = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO search_fts (rowid, title, body, guidance) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![doc, title, body, guidance],
        )?;
        let mut stmt =
            tx.prepare_cached("INSERT INTO search_bigram (gram, rank, doc) VALUES (?1, ?2, ?3)")?;
        for (gram, weight) in bigram_weights(&title, &body, &guidance) {
            stmt.execute(rusqlite::params![gram, -weight, doc])?;
            counts.add(gram, 1);
        }
    }
    Ok(())
}

/// (Re)indexes one clause on its own (an edit), its keys' document counts written with it.
pub(crate) fn index_one(tx: &Transaction<'_>, c: &ClauseContent, vars: &[Variable]) -> Result<()> {
    let mut counts = KeyCounts::default();
    index_clause(tx, c, vars, &mut counts)?;
    counts.write(tx)
}

/// The version of what `index_clause` writes; a database indexed by an older version is
/// re-indexed when opened.
pub const INDEX_VERSION: &str = "2";

/// The BM25 term weight of every distinct CJK bigram and every distinct English word (three or
/// more letters, lower-cased) of a document. Both live in `search_bigram`: a bigram is two CJK
/// characters, a word is ASCII, so they never collide.
fn bigram_weights(title: &str, body: &str, guidance: &str) -> Vec<(String, f64)> {
    let mut tf: HashMap<String, f64> = HashMap::new();
    let mut len = 0usize;
    for (text, w) in [
        (title, TITLE_WEIGHT),
        (body, 1.0),
        (guidance, GUIDANCE_WEIGHT),
    ] {
        let chars: Vec<char> = text.chars().collect();
        len += chars.len();
        for pair in chars.windows(2) {
            if is_cjk(pair[0]) && is_cjk(pair[1]) {
                *tf.entry(pair.iter().collect()).or_insert(0.0) += w;
            }
        }
        for word in text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|x| x.len() >= 3)
        {
            *tf.entry(word.to_ascii_lowercase()).or_insert(0.0) += w;
        }
    }
    let norm = K1 * (1.0 - B + B * (len as f64) / AVG_DOC_CHARS);
    tf.into_iter()
        .map(|(g, f)| (g, f * (K1 + 1.0) / (f + norm)))
        .collect()
}

/// How a term is looked up.
#[derive(Debug, Clone, PartialEq)]
enum Term {
    Trigram(String),
    Bigram(String),
    Scan(String),
}

fn parse_query(query: &str) -> Vec<Term> {
    query
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .map(|t| t.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'' | '「' | '」')))
        .filter(|t| !t.is_empty())
        .map(|t| {
            let chars: Vec<char> = t.chars().collect();
            match chars.len() {
                n if n >= 3 => Term::Trigram(t.to_string()),
                2 if chars.iter().all(|&c| is_cjk(c)) => Term::Bigram(t.to_string()),
                _ => Term::Scan(t.to_string()),
            }
        })
        .collect()
}

impl Term {
    fn text(&self) -> &str {
        match self {
            Term::Trigram(t) | Term::Bigram(t) | Term::Scan(t) => t,
        }
    }
}

/// SQL conditions for the filters, over aliases `c` (clause) and, with a language, `d`
/// (search_doc). Shared by listing and search.
pub(crate) fn filter_sql(filter: &ClauseFilter, args: &mut Vec<String>) -> String {
    let mut sql = String::from(" AND c.deleted = 0");
    if let Some(t) = &filter.topic {
        args.push(t.clone());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM clause_topic t WHERE t.clause_id = c.id AND t.topic = ?{})",
            args.len()
        ));
    }
    if let Some(m) = filter.model {
        args.push(m.as_str().into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM clause_model m WHERE m.clause_id = c.id AND m.model = ?{})",
            args.len()
        ));
    }
    if let Some(p) = filter.position {
        args.push(p.as_str().into());
        sql.push_str(&format!(" AND c.position = ?{}", args.len()));
    }
    if let Some(l) = filter.lang {
        args.push(l.as_str().into());
        sql.push_str(&format!(" AND d.lang = ?{}", args.len()));
    }
    sql
}

/// Whether `filter` keeps every clause.
fn is_unfiltered(filter: &ClauseFilter) -> bool {
    filter.topic.is_none()
        && filter.model.is_none()
        && filter.position.is_none()
        && filter.lang.is_none()
}

/// The SQL of a lookup with the filter's conditions. A bigram lookup with no filter reads the
/// postings alone, without a join per posting: deleted clauses are not in the index, so there
/// is nothing to check.
fn lookup_sql(term_sql: &str, filter: &ClauseFilter, args: &mut Vec<String>) -> String {
    if term_sql == BIGRAM_SQL && is_unfiltered(filter) {
        return POSTINGS_SQL.to_string();
    }
    term_sql.replace("{filters}", &filter_sql(filter, args))
}

/// Scores of the matching documents for one term (or all trigram terms at once).
fn term_docs(
    lib: &Library,
    term_sql: &str,
    first_args: Vec<String>,
    filter: &ClauseFilter,
    limit: Option<usize>,
) -> Result<Vec<(i64, f64)>> {
    let mut args = first_args;
    let mut sql = lookup_sql(term_sql, filter, &mut args);
    if let Some(l) = limit {
        sql.push_str(&format!(" LIMIT {l}"));
    }
    let mut stmt = lib.connection().prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Documents containing a CJK phrase of three or more characters, ordered by the BM25 weight of
/// the phrase's rarest bigram in them.
fn cjk_phrase(
    lib: &Library,
    phrase: &str,
    filter: &ClauseFilter,
    want: usize,
) -> Result<Vec<(i64, f64)>> {
    let chars: Vec<char> = phrase.chars().collect();
    let grams: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    let conn = lib.connection();
    let Some(gram) = rarest(conn, &grams)? else {
        return Ok(Vec::new());
    };
    let needles = Needles::new(&[phrase])?;
    let mut args = vec![gram.clone()];
    let sql = lookup_sql(BIGRAM_SQL, filter, &mut args);
    let mut walk = conn.prepare_cached(&sql)?;
    let mut text = conn.prepare_cached(TEXT_SQL)?;
    let mut rows = walk.query(params_from_iter(args.iter()))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let (doc, score): (i64, f64) = (row.get(0)?, row.get(1)?);
        if text.query_row([doc], |r| needles.all_in(r))? {
            out.push((doc, score));
            if out.len() >= want {
                break;
            }
        }
    }
    Ok(out)
}

/// A document's fields (title, body, guidance) as the index holds them, for checking the terms
/// of a walk: read from the FTS5 table's content table (`%_content`, columns `c0`… in the
/// declared order), a third of the cost of a rowid lookup through the virtual table.
const TEXT_SQL: &str = "SELECT c0, c1, c2 FROM search_fts_content WHERE id = ?1";

/// The terms a walk checks each document for: lower-case English or CJK, each matched as
/// `field.to_lowercase().contains(term)` would, without lower-casing or copying the fields.
struct Needles {
    terms: Vec<(String, AhoCorasick)>,
    /// The characters whose lower case is ASCII (İ, the Kelvin sign): a field that has one is
    /// lower-cased to be sure.
    special: AhoCorasick,
}

impl Needles {
    fn new(terms: &[&str]) -> Result<Needles> {
        let build = |patterns: &[&str], fold: bool| {
            AhoCorasick::builder()
                .ascii_case_insensitive(fold)
                .build(patterns)
                .map_err(|e| Error::InvalidInput {
                    message: format!("search terms: {e}"),
                })
        };
        Ok(Needles {
            terms: terms
                .iter()
                .map(|t| Ok((t.to_string(), build(&[t], true)?)))
                .collect::<Result<_>>()?,
            special: build(&["\u{130}", "\u{212A}"], false)?,
        })
    }

    /// Whether every term occurs in one of the row's three text columns.
    fn all_in(&self, row: &rusqlite::Row<'_>) -> rusqlite::Result<bool> {
        let fields = [
            row.get_ref(0)?.as_bytes()?,
            row.get_ref(1)?.as_bytes()?,
            row.get_ref(2)?.as_bytes()?,
        ];
        Ok(self.terms.iter().all(|(term, ac)| {
            fields.iter().any(|f| {
                // A term found as it stands is found in the lower case too (its letters are
                // ASCII); only a field with a character that lower-cases to ASCII can hold it
                // otherwise.
                ac.is_match(*f)
                    || (self.special.is_match(*f)
                        && String::from_utf8_lossy(f).to_lowercase().contains(term))
            })
        }))
    }
}

fn fts_only(lib: &Library, expr: &str, limit: Option<usize>) -> Result<Vec<(i64, f64)>> {
    let sql = match limit {
        Some(l) => format!("SELECT rowid, -bm25(search_fts, 4.0, 1.0, 0.5) FROM search_fts WHERE search_fts MATCH ?1 ORDER BY bm25(search_fts, 4.0, 1.0, 0.5) LIMIT {l}"),
        None => "SELECT rowid, -bm25(search_fts, 4.0, 1.0, 0.5) FROM search_fts WHERE search_fts MATCH ?1".to_string(),
    };
    let mut stmt = lib.connection().prepare_cached(&sql)?;
    let rows = stmt.query_map([expr], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Document counts are capped here when the rarest key is picked: among keys in more documents
/// than this, the first is walked (as when the postings were counted at query time, up to this
/// cap), so that rankings do not depend on how common a very common key is.
const COUNT_CAP: i64 = 5000;

/// The rarest of `keys` (by document count up to `COUNT_CAP`, the first of equals), or `None`
/// when there are none.
fn rarest<'k>(conn: &Connection, keys: &'k [String]) -> Result<Option<&'k String>> {
    let mut count = conn.prepare_cached("SELECT docs FROM search_gram WHERE gram = ?1")?;
    let mut rarest: Option<(i64, &String)> = None;
    for k in keys {
        let n: i64 = count
            .query_row([k], |r| r.get(0))
            .optional()?
            .unwrap_or(0)
            .min(COUNT_CAP);
        if rarest.is_none_or(|(m, _)| n < m) {
            rarest = Some((n, k));
        }
    }
    Ok(rarest.map(|(_, k)| k))
}
/// Postings read before the walk gives up and the full-text index answers instead.
const WALK_CAP: usize = 3000;

/// The index keys of a term: its CJK bigrams, or its English words of three or more letters.
fn term_keys(term: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = term.chars().collect();
    if chars.len() >= 2 && chars.iter().all(|&c| is_cjk(c)) {
        return Some(chars.windows(2).map(|w| w.iter().collect()).collect());
    }
    if !term.is_ascii() {
        return None;
    }
    let words: Vec<String> = term
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .collect();
    (!words.is_empty()).then_some(words)
}

/// Several terms (personal data, sub-processor, 数据 删除): walk the postings of the rarest key,
/// best first, and keep the documents whose text holds every term. `None` when a term has no
/// index key (a one-letter word) or the walk reads `WALK_CAP` postings without filling the page.
fn walk_terms(
    lib: &Library,
    terms: &[Term],
    filter: &ClauseFilter,
    want: usize,
) -> Result<Option<Vec<(i64, f64)>>> {
    let mut keys: Vec<String> = Vec::new();
    for t in terms {
        match term_keys(t.text()) {
            Some(k) => keys.extend(k),
            None => return Ok(None),
        }
    }
    let conn = lib.connection();
    let Some(key) = rarest(conn, &keys)? else {
        return Ok(None);
    };
    let lowered: Vec<String> = terms.iter().map(|t| t.text().to_lowercase()).collect();
    let needles = Needles::new(&lowered.iter().map(String::as_str).collect::<Vec<_>>())?;
    let mut args = vec![key.clone()];
    let sql = lookup_sql(BIGRAM_SQL, filter, &mut args);
    let mut walk = conn.prepare_cached(&sql)?;
    let mut text = conn.prepare_cached(TEXT_SQL)?;
    let mut rows = walk.query(params_from_iter(args.iter()))?;
    let (mut out, mut read) = (Vec::new(), 0usize);
    while let Some(row) = rows.next()? {
        read += 1;
        if read > WALK_CAP {
            return Ok(None);
        }
        let (doc, score): (i64, f64) = (row.get(0)?, row.get(1)?);
        if text.query_row([doc], |r| needles.all_in(r))? {
            out.push((doc, score));
            if out.len() >= want {
                break;
            }
        }
    }
    Ok(Some(out))
}

const TRIGRAM_SQL: &str =
    "SELECT f.rowid, -bm25(search_fts, 4.0, 1.0, 0.5) AS score FROM search_fts f \
    JOIN search_doc d ON d.doc = f.rowid JOIN clause c ON c.id = d.clause_id \
    WHERE search_fts MATCH ?1 {filters} ORDER BY bm25(search_fts, 4.0, 1.0, 0.5)";
const BIGRAM_SQL: &str = "SELECT b.doc, -b.rank FROM search_bigram b \
    JOIN search_doc d ON d.doc = b.doc JOIN clause c ON c.id = d.clause_id \
    WHERE b.gram = ?1 {filters} ORDER BY b.rank";
const POSTINGS_SQL: &str = "SELECT doc, -rank FROM search_bigram WHERE gram = ?1 ORDER BY rank";
const SCAN_SQL: &str = "SELECT f.rowid, 1.0 FROM search_fts f \
    JOIN search_doc d ON d.doc = f.rowid JOIN clause c ON c.id = d.clause_id \
    WHERE (instr(lower(f.title), ?1) > 0 OR instr(lower(f.body), ?1) > 0 OR instr(lower(f.guidance), ?1) > 0) {filters}";

/// Searches the library: ranked hits (best first, one per clause) with highlighted snippets.
pub fn search(
    lib: &Library,
    query: &str,
    filter: &ClauseFilter,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    let terms = parse_query(query);
    if terms.is_empty() {
        return Err(Error::EmptyQuery);
    }
    let limit = limit.clamp(1, 500);
    let trigrams: Vec<&str> = terms
        .iter()
        .filter_map(|t| {
            if let Term::Trigram(s) = t {
                Some(s.as_str())
            } else {
                None
            }
        })
        .collect();
    let others: Vec<&Term> = terms
        .iter()
        .filter(|t| !matches!(t, Term::Trigram(_)))
        .collect();
    // With one kind of lookup the database orders and limits; otherwise the candidate sets are
    // intersected here. Two documents per clause, so ask for twice the limit.
    let single = others.is_empty() || (trigrams.is_empty() && others.len() == 1);
    let sql_limit = if single { Some(limit * 2) } else { None };
    let mut sets: Vec<Vec<(i64, f64)>> = Vec::new();
    // One Chinese phrase (数据销毁): walk the documents of its rarest bigram, best first, and keep
    // those that contain the whole phrase. BM25 over every trigram match would rank thousands of
    // documents for a common phrase; this reads only as many as the page needs.
    if let ([phrase], true) = (trigrams.as_slice(), others.is_empty()) {
        if phrase.chars().all(is_cjk) {
            let scored = cjk_phrase(lib, phrase, filter, limit * 2)?;
            return hits(lib, &terms, &scored, filter, limit);
        }
        // One English word: its own ordered postings; a substring match (delet → deletion)
        // fills up the page from the trigram index when whole words are too few.
        if phrase.chars().all(|c| c.is_ascii_alphanumeric()) {
            let mut scored = term_docs(
                lib,
                BIGRAM_SQL,
                vec![phrase.to_ascii_lowercase()],
                filter,
                Some(limit * 2),
            )?;
            if scored.len() < limit * 2 {
                let expr = format!("\"{}\"", phrase.replace('"', "\"\""));
                let more = term_docs(lib, TRIGRAM_SQL, vec![expr], filter, Some(limit * 2))?;
                for (d, sc) in more {
                    if !scored.iter().any(|(x, _)| *x == d) {
                        // Below every whole-word hit: a part of a word is the weaker match.
                        scored.push((d, sc.min(0.0) - 1.0));
                    }
                }
            }
            return hits(lib, &terms, &scored, filter, limit);
        }
    }
    // Several words or phrases: walk the rarest key's postings (see `walk_terms`).
    if terms.len() > 1
        || matches!(terms.as_slice(), [Term::Trigram(t)] if !t.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        if let Some(scored) = walk_terms(lib, &terms, filter, limit * 2)? {
            return hits(lib, &terms, &scored, filter, limit);
        }
    }
    if !trigrams.is_empty() {
        let expr = trigrams
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" AND ");
        // No filter: the FTS index alone ranks and limits (no join per match); deleted clauses
        // are not in the index, so nothing else needs checking.
        if is_unfiltered(filter) {
            sets.push(fts_only(lib, &expr, sql_limit)?);
        } else {
            sets.push(term_docs(lib, TRIGRAM_SQL, vec![expr], filter, sql_limit)?);
        }
    }
    for t in others {
        let (sql, arg) = match t {
            Term::Bigram(s) => (BIGRAM_SQL, s.clone()),
            _ => (SCAN_SQL, t.text().to_lowercase()),
        };
        sets.push(term_docs(lib, sql, vec![arg], filter, sql_limit)?);
    }
    let mut scored: Vec<(i64, f64)> = match sets.len() {
        1 => sets.pop().unwrap_or_default(),
        _ => {
            let mut acc: HashMap<i64, f64> = sets[0].iter().copied().collect();
            for s in &sets[1..] {
                let m: HashMap<i64, f64> = s.iter().copied().collect();
                acc = acc
                    .into_iter()
                    .filter_map(|(d, sc)| m.get(&d).map(|x| (d, sc + x)))
                    .collect();
            }
            let mut v: Vec<(i64, f64)> = acc.into_iter().collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        }
    };
    scored.truncate(limit * 2);
    hits(lib, &terms, &scored, filter, limit)
}

fn hits(
    lib: &Library,
    terms: &[Term],
    scored: &[(i64, f64)],
    filter: &ClauseFilter,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    if scored.is_empty() {
        return Ok(Vec::new());
    }
    let conn = lib.connection();
    // Which clause, in which language, each document is.
    let (sql, docs) = padded_in(
        "SELECT doc, clause_id, lang FROM search_doc WHERE doc IN",
        scored.iter().map(|s| s.0),
        -1,
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(docs), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            (r.get::<_, String>(1)?, r.get::<_, String>(2)?),
        ))
    })?;
    let of_doc: HashMap<i64, (String, String)> = rows.collect::<rusqlite::Result<_>>()?;
    // The best document of each clause, in rank order, for as many clauses as the page shows.
    let mut picked: Vec<(&str, Lang, f64)> = Vec::new();
    for (doc, score) in scored {
        let Some((id, lang)) = of_doc.get(doc) else {
            continue;
        };
        if picked.iter().any(|p| p.0 == id) {
            continue;
        }
        picked.push((id, Lang::parse(lang).unwrap_or(Lang::Zh), *score));
        if picked.len() == limit {
            break;
        }
    }
    // Those clauses only: their summaries and the texts of their snippets.
    let (sql, ids) = padded_in(
        &format!("SELECT {HIT_COLUMNS} FROM clause WHERE id IN"),
        picked.iter().map(|p| Some(p.0)),
        None,
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(ids), row_to_hit_clause)?;
    let mut clauses: HashMap<String, (ClauseSummary, Bilingual, Bilingual)> = HashMap::new();
    for row in rows {
        let c = row?;
        clauses.insert(c.0.id.clone(), c);
    }
    let mut make = Snippets::new(terms);
    let mut out: Vec<SearchHit> = Vec::with_capacity(picked.len());
    for (id, lang, score) in picked {
        let Some((summary, body, guidance)) = clauses.remove(id) else {
            continue;
        };
        let langs: Vec<Lang> = match filter.lang {
            Some(l) => vec![l],
            None => vec![lang, if lang == Lang::Zh { Lang::En } else { Lang::Zh }],
        };
        let snippets = make.of([&summary.title, &body, &guidance], &langs);
        out.push(SearchHit {
            clause: summary,
            score,
            snippets,
        });
    }
    Ok(out)
}

/// `head (?, ?, …)` with the values, both padded to a multiple of 20 (with `pad`, which matches
/// nothing) so that the statement cache serves the usual pages.
fn padded_in<T: Clone>(head: &str, values: impl Iterator<Item = T>, pad: T) -> (String, Vec<T>) {
    let mut values: Vec<T> = values.collect();
    let n = values.len().div_ceil(20) * 20;
    values.resize(n, pad);
    (format!("{head} ({})", vec!["?"; n].join(",")), values)
}

/// The first place at or after `from` where `needle` (not empty) stands in `hay`.
fn find_chars(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last = hay.len().checked_sub(needle.len())?;
    // The first character alone rules most places out.
    (from..=last)
        .find(|&i| hay.get(i) == Some(&first) && hay.get(i + 1..i + needle.len()) == Some(rest))
}

/// The char ranges of the placeholders of `text`.
fn placeholder_spans(text: &str) -> Vec<(usize, usize)> {
    let count = |a: usize, b: usize| text.get(a..b).map_or(0, |s| s.chars().count());
    let (mut byte, mut char) = (0, 0);
    let mut out = Vec::new();
    for o in placeholders::scan(text).0 {
        let start = char + count(byte, o.start);
        char = start + count(o.start, o.end);
        byte = o.end;
        out.push((start, char));
    }
    out
}

/// The snippet maker of one query: its terms folded once, and a buffer reused between fields.
struct Snippets {
    needles: Vec<Vec<char>>,
    folded: Vec<char>,
}

impl Snippets {
    fn new(terms: &[Term]) -> Snippets {
        Snippets {
            needles: terms
                .iter()
                .map(|t| fold(t.text()))
                .filter(|n| !n.is_empty())
                .collect(),
            folded: Vec::new(),
        }
    }

    /// Plain-text snippets of the fields (title, body, guidance) that contain a term, with the
    /// matches as char ranges; four at most.
    fn of(&mut self, fields: [&Bilingual; 3], langs: &[Lang]) -> Vec<Snippet> {
        const MOST: usize = 4;
        let Snippets { needles, folded } = self;
        let mut out = Vec::new();
        for &lang in langs {
            for (field, text) in [Field::Title, Field::Body, Field::Guidance]
                .into_iter()
                .zip(fields.iter().map(|f| f.get(lang)))
            {
                folded.clear();
                folded.reserve(text.len());
                folded.extend(text.chars().map(fold_char));
                // Placeholder names are not text: a match inside `{{…}}` is not shown. (Read only
                // for a field where a term occurs at all.)
                let mut inside: Option<Vec<(usize, usize)>> = None;
                let mut found: Vec<(usize, usize)> = Vec::new();
                for n in needles.iter() {
                    let mut i = 0;
                    while let Some(at) = find_chars(folded, n, i) {
                        let end = at + n.len();
                        let inside = inside.get_or_insert_with(|| placeholder_spans(text));
                        if inside.iter().any(|&(a, b)| at < b && end > a) {
                            i = at + 1;
                        } else {
                            found.push((at, end));
                            i = end;
                        }
                    }
                }
                let inside = inside.unwrap_or_default();
                if found.is_empty() {
                    continue;
                }
                let len = folded.len();
                found.sort_unstable();
                let (from, to, lead, tail) = if field == Field::Title {
                    (0, len, "", "")
                } else {
                    let mut from = found[0].0.saturating_sub(40);
                    // Never start or end a snippet inside a placeholder.
                    if let Some(&(a, _)) = inside.iter().find(|&&(a, b)| a < from && from < b) {
                        from = a;
                    }
                    let mut to = (from + 160).min(len);
                    if let Some(&(_, b)) = inside.iter().find(|&&(a, b)| a < to && to < b) {
                        to = b;
                    }
                    (
                        from,
                        to,
                        if from > 0 { "…" } else { "" },
                        if to < len { "…" } else { "" },
                    )
                };
                let shift = lead.chars().count();
                let highlights = found
                    .iter()
                    .filter(|(s, e)| *s >= from && *e <= to)
                    .map(|(s, e)| Span {
                        start: to_u32(s - from + shift),
                        end: to_u32(e - from + shift),
                    })
                    .collect();
                // Chars `from..to` of the text, as bytes.
                let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
                let body = text.get(byte(from)..byte(to)).unwrap_or("");
                out.push(Snippet {
                    lang,
                    field,
                    text: [lead, body, tail].concat(),
                    highlights,
                });
                if out.len() == MOST {
                    return out;
                }
            }
        }
        out
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn fold_char(c: char) -> char {
    // The common cases first: ASCII, and CJK (which has no case).
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_cjk(c) || caseless_punctuation(c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// General punctuation, CJK symbols and punctuation, and the full-width punctuation and digits
/// (U+FF01–U+FF20): frequent in Chinese text, none with a lower case.
fn caseless_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFF20)
}

fn fold(s: &str) -> Vec<char> {
    s.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_terms_are_routed_by_length_and_script() {
        assert_eq!(
            parse_query("数据 数据销毁  SLA 审 IP “删除”"),
            vec![
                Term::Bigram("数据".into()),
                Term::Trigram("数据销毁".into()),
                Term::Trigram("SLA".into()),
                Term::Scan("审".into()),
                Term::Scan("IP".into()),
                Term::Bigram("删除".into()),
            ]
        );
    }

    #[test]
    fn bigram_weight_rises_with_frequency_and_title() {
        let w = |t: &str, b: &str| {
            bigram_weights(t, b, "")
                .into_iter()
                .find(|(g, _)| g == "数据")
                .map(|x| x.1)
                .unwrap_or(0.0)
        };
        assert!(w("", "数据数据") > w("", "数据"));
        assert!(w("数据", "") > w("", "数据"));
        assert_eq!(w("", "数 据"), 0.0, "a space breaks the bigram");
    }

    #[test]
    fn the_quick_cases_of_fold_char_are_lower_case() {
        let slow = |c: char| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        };
        for c in (0..=0x2FA1F).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), slow(c), "{c:?}");
        }
    }

    #[test]
    fn placeholders_are_not_highlighted() {
        let f = |s: &str| Bilingual {
            zh: s.into(),
            en: s.into(),
        };
        let (title, body, guidance) = (f("提供"), f("由{{provider}}提供，provider 负责。"), f(""));
        let s = Snippets::new(&parse_query("provider")).of([&title, &body, &guidance], &[Lang::En]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].highlights, vec![Span { start: 16, end: 24 }]);
        assert_eq!(placeholder_spans("数据{{a}}和{{b}}"), vec![(2, 7), (8, 13)]);
    }

    #[test]
    fn snippets_mark_matches_case_insensitively_in_char_offsets() {
        let c = ClauseContent {
            id: "x".into(),
            topics: vec![],
            models: vec![],
            position: Position::Preferred,
            side: Side::Customer,
            basis: vec![],
            title: Bilingual {
                zh: "数据销毁".into(),
                en: "Data Destruction".into(),
            },
            body: Bilingual {
                zh: "服务商应当销毁数据。".into(),
                en: "The provider shall destroy DATA.".into(),
            },
            guidance: Bilingual::default(),
        };
        let s = Snippets::new(&parse_query("数据 data"))
            .of([&c.title, &c.body, &c.guidance], &[Lang::Zh, Lang::En]);
        let zh_title = s
            .iter()
            .find(|s| s.lang == Lang::Zh && s.field == Field::Title)
            .expect("zh title");
        assert_eq!(zh_title.highlights, vec![Span { start: 0, end: 2 }]);
        let zh_body = s
            .iter()
            .find(|s| s.lang == Lang::Zh && s.field == Field::Body)
            .expect("zh body");
        assert_eq!(zh_body.highlights, vec![Span { start: 7, end: 9 }]);
        let en_body = s
            .iter()
            .find(|s| s.lang == Lang::En && s.field == Field::Body)
            .expect("en body");
        let marked: String = en_body.text.chars().skip(27).take(4).collect();
        assert_eq!((en_body.highlights[0].start, marked.as_str()), (27, "DATA"));
    }
}
