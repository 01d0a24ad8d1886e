//! The clause library: the SQLite store of clauses and their versions, seeded from
//! `templates/`, edited by the user, exported and imported as JSON packs.
//!
//! Every write is one transaction. Seeded clauses are updated by newer templates only while the
//! user has not edited them; an edited clause keeps the user's wording and is flagged with
//! `template_update_available` instead.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db;
use crate::error::{Error, Result};
use crate::model::*;
use crate::placeholders;
use crate::search::{self, KeyCounts};
use crate::templates::{self, TemplateFiles, TemplateSet};

/// What a restore did (the window's answer): the backup read, and where the replaced database
/// was kept so the restore itself can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreOutcome {
    pub restored_from: String,
    pub previous_kept_at: String,
}

/// What seeding did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct SeedReport {
    /// False when the templates had not changed since the last seeding.
    pub ran: bool,
    pub added: u32,
    pub updated: u32,
    /// Edited by the user: kept, and flagged as having a newer template.
    pub kept_user_edits: u32,
    pub problems: Vec<crate::error::TemplateProblem>,
}

/// The library and the playbook it was seeded from.
pub struct Library {
    pub(crate) conn: Connection,
    /// Shared, not copied, with whoever needs the playbook without the library (the app's
    /// analyses on worker threads).
    templates: Arc<TemplateSet>,
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/// The page cache of a bulk write (seeding, re-indexing), in KiB (SQLite's negative
/// `cache_size`): about 9 MB of pages for the built-in library fit. With SQLite's default 2 MB the
/// transaction spills pages to the WAL and reads them back, writing each page many times over
/// (10,000 page writes to seed a new database).
const BULK_CACHE_KIB: i64 = 32 * 1024;

impl Library {
    /// Opens the database at `path` and seeds it from `files` if they changed since last time.
    pub fn open(path: &Path, files: &TemplateFiles) -> Result<(Library, SeedReport)> {
        let conn = db::open(path)?;
        Library::with_connection(conn, files)
    }

    /// An in-memory library (tests and benchmarks).
    pub fn open_in_memory(files: &TemplateFiles) -> Result<(Library, SeedReport)> {
        Library::with_connection(db::open_in_memory()?, files)
    }

    fn with_connection(conn: Connection, files: &TemplateFiles) -> Result<(Library, SeedReport)> {
        let templates = Arc::new(templates::load(files)?);
        let mut lib = Library { conn, templates };
        let report = lib.bring_up_to_date()?;
        Ok((lib, report))
    }

    /// Rebuilds a stale search index, then seeds. The index is rebuilt first because seeding
    /// indexes what it writes the current way: on a new database there is nothing to rebuild
    /// (and seeding's index is not built twice).
    fn bring_up_to_date(&mut self) -> Result<SeedReport> {
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let result = self.reindex_if_stale().and_then(|()| self.seed());
        // Back to the default cache, its memory released (best effort: a failure here leaves a
        // larger cache, nothing worse).
        let _ = self
            .conn
            .pragma_update(None, "cache_size", db::DEFAULT_CACHE_SIZE);
        let _ = self.conn.execute_batch("PRAGMA shrink_memory");
        result
    }

    /// Rebuilds the search indexes when they were written by an older indexing scheme.
    fn reindex_if_stale(&mut self) -> Result<()> {
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'search_index_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if stored.as_deref() == Some(search::INDEX_VERSION) {
            return Ok(());
        }
        let ids: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM clause WHERE deleted = 0")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let contents: Vec<ClauseContent> = ids
            .iter()
            .map(|id| self.get(id).map(|c| c.content))
            .collect::<Result<_>>()?;
        let tx = self.conn.transaction()?;
        // Every document is indexed again, so the keys' document counts are counted again from
        // the postings rather than changed: whatever an older index left is not carried over.
        let mut unused = KeyCounts::default();
        for c in &contents {
            search::index_clause(&tx, c, &self.templates.variables, &mut unused)?;
        }
        search::recount_keys(&tx)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('search_index_version', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [search::INDEX_VERSION],
        )?;
        tx.commit()?;
        self.optimize_search_index()
    }

    pub fn templates(&self) -> &TemplateSet {
        &self.templates
    }

    /// The playbook, shared: for work that runs without the library (analyses on other threads).
    pub fn shared_templates(&self) -> Arc<TemplateSet> {
        Arc::clone(&self.templates)
    }

    pub fn reference_model(&self) -> &ReferenceModel {
        &self.templates.model
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Writes a consistent copy of the whole database (library, drafts, comments) to `dest`.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        db::backup(&self.conn, dest)
    }

    /// Replaces the whole database with a backup, keeping the current one at `safety` first.
    pub fn restore(&mut self, src: &Path, safety: &Path) -> Result<()> {
        db::restore(&mut self.conn, src, safety)?;
        self.bring_up_to_date().map(|_| ())
    }

    /// Brings seeded clauses up to the templates: adds new ones, updates unedited ones whose
    /// template version rose, flags edited ones. Skipped when the templates are unchanged.
    pub fn seed(&mut self) -> Result<SeedReport> {
        let mut report = SeedReport {
            problems: self.templates.problems.clone(),
            ..SeedReport::default()
        };
        let fp = self.templates.fingerprint.clone();
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'seed_fingerprint'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if stored.as_deref() == Some(fp.as_str()) {
            return Ok(report);
        }
        report.ran = true;
        let tx = self.conn.transaction()?;
        let mut counts = KeyCounts::default();
        for t in &self.templates.clauses {
            let row: Option<(String, Option<u32>, bool, u32)> = tx
                .query_row(
                    "SELECT origin, template_version, deleted, version FROM clause WHERE id = ?1",
                    [&t.content.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0, r.get(3)?)),
                )
                .optional()?;
            match row {
                None => {
                    insert_clause(&tx, &t.content, 1, Origin::Seeded, Some(t.version))?;
                    add_version(&tx, &t.content, 1, "seed")?;
                    search::index_clause(&tx, &t.content, &self.templates.variables, &mut counts)?;
                    report.added += 1;
                }
                Some((_, _, true, _)) => {} // deleted by the user: stays deleted
                Some((origin, tv, false, version)) => {
                    if tv.is_some_and(|tv| tv >= t.version) {
                        continue;
                    }
                    if origin == Origin::Seeded.as_str() {
                        write_content(&tx, &t.content, version + 1)?;
                        tx.execute(
                            "UPDATE clause SET template_version = ?2, template_update_available = NULL WHERE id = ?1",
                            params![t.content.id, t.version],
                        )?;
                        add_version(&tx, &t.content, version + 1, "seed_update")?;
                        search::index_clause(
                            &tx,
                            &t.content,
                            &self.templates.variables,
                            &mut counts,
                        )?;
                        report.updated += 1;
                    } else {
                        tx.execute(
                            "UPDATE clause SET template_update_available = ?2 WHERE id = ?1",
                            params![t.content.id, t.version],
                        )?;
                        report.kept_user_edits += 1;
                    }
                }
            }
        }
        counts.write(&tx)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('seed_fingerprint', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [&fp],
        )?;
        tx.commit()?;
        self.optimize_search_index()?;
        Ok(report)
    }

    /// Merges the full-text index into one segment (after bulk writes: seeding, imports).
    /// Queries then read one b-tree instead of merging many small segments.
    pub fn optimize_search_index(&self) -> Result<()> {
        self.conn
            .execute("INSERT INTO search_fts(search_fts) VALUES('optimize')", [])?;
        Ok(())
    }

    /// Lists clauses (not deleted) matching `filter`, ordered by primary topic and position.
    pub fn list(&self, filter: &ClauseFilter) -> Result<Vec<ClauseSummary>> {
        Ok(self.list_clauses(filter)?.iter().map(summary).collect())
    }

    /// The full clauses `list` summarises, in the same order (one query, for exports and JSON).
    pub fn list_clauses(&self, filter: &ClauseFilter) -> Result<Vec<Clause>> {
        // The language filter concerns search only; listing shows every clause.
        let filter = ClauseFilter {
            lang: None,
            ..filter.clone()
        };
        let mut args: Vec<String> = Vec::new();
        let sql = format!(
            "SELECT c.* FROM clause c WHERE 1 = 1{}",
            search::filter_sql(&filter, &mut args)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), row_to_clause)?;
        let mut out: Vec<Clause> = rows.collect::<rusqlite::Result<_>>()?;
        let order = |c: &Clause| {
            let topic = c.content.topics.first().map(String::as_str).unwrap_or("");
            let idx = self
                .templates
                .model
                .topics
                .iter()
                .position(|t| t.id == topic)
                .unwrap_or(usize::MAX);
            (idx, c.content.position, c.content.id.clone())
        };
        out.sort_by_key(order);
        Ok(out)
    }

    /// One clause by id.
    pub fn get(&self, id: &str) -> Result<Clause> {
        self.conn
            .query_row(
                "SELECT * FROM clause WHERE id = ?1 AND deleted = 0",
                [id],
                row_to_clause,
            )
            .optional()?
            .ok_or_else(|| Error::ClauseNotFound { id: id.to_string() })
    }

    /// The stored versions of a clause, newest first.
    pub fn versions(&self, id: &str) -> Result<Vec<ClauseVersion>> {
        self.get(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT clause_id, version, source, created_at, content FROM clause_version WHERE clause_id = ?1 ORDER BY version DESC",
        )?;
        let rows = stmt.query_map([id], |r| {
            let content: String = r.get(4)?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, content))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (clause_id, version, source, created_at, content) = row?;
            let content: ClauseContent =
                serde_json::from_str(&content).map_err(|e| Error::Database {
                    message: format!("stored version is unreadable: {e}"),
                })?;
            out.push(ClauseVersion {
                clause_id,
                version,
                source,
                created_at,
                content,
            });
        }
        Ok(out)
    }

    /// Full-text search; see [`search`].
    pub fn search(
        &self,
        query: &str,
        filter: &ClauseFilter,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        search::search(self, query, filter, limit)
    }

    /// Checks a clause's content against the reference model and the variable registry.
    pub fn validate(&self, c: &ClauseContent) -> Result<()> {
        let mut problems = Vec::new();
        if !templates::valid_id(&c.id) {
            problems.push(format!(
                "id \"{}\" may use only a-z, 0-9, '.', '_' and '-' (at most 120)",
                c.id
            ));
        }
        if c.topics.is_empty() {
            problems.push("choose at least one topic".into());
        }
        for t in &c.topics {
            if self.templates.model.topic(t).is_none() {
                problems.push(format!("unknown topic id \"{t}\""));
            }
        }
        if c.models.is_empty() {
            problems.push("choose at least one deployment model".into());
        }
        let vars: HashSet<&str> = self
            .templates
            .variables
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        for (name, text) in [
            ("title", &c.title),
            ("body", &c.body),
            ("guidance", &c.guidance),
        ] {
            for lang in Lang::ALL {
                let t = text.get(lang);
                if t.trim().is_empty() {
                    problems.push(format!("{name} ({}) is empty", lang.as_str()));
                }
                let (found, bad) = placeholders::scan(t);
                if !bad.is_empty() {
                    problems.push(format!(
                        "{name} ({}) has a malformed placeholder; write {{{{name}}}}",
                        lang.as_str()
                    ));
                }
                for o in found.iter().filter(|o| !vars.contains(o.name)) {
                    problems.push(format!(
                        "{name} ({}) uses {{{{{}}}}}, which is not a registered variable",
                        lang.as_str(),
                        o.name
                    ));
                }
            }
        }
        for b in &c.basis {
            if b.zh.trim().is_empty() || b.en.trim().is_empty() {
                problems
                    .push("each legal basis needs both a Chinese and an English citation".into());
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::InvalidClause { problems })
        }
    }

    /// Creates a user clause.
    pub fn create(&mut self, content: &ClauseContent) -> Result<Clause> {
        self.validate(content)?;
        let tx = self.conn.transaction()?;
        let mut counts = KeyCounts::default();
        create_in(
            &tx,
            content,
            "user_create",
            &self.templates.variables,
            &mut counts,
        )?;
        counts.write(&tx)?;
        tx.commit()?;
        self.get(&content.id)
    }

    /// Saves an edit as a new version. A seeded clause becomes `seeded_edited` and is no longer
    /// replaced by template updates. Saving identical content changes nothing.
    pub fn update(&mut self, content: &ClauseContent) -> Result<Clause> {
        self.validate(content)?;
        let current = self.get(&content.id)?;
        if current.content == *content {
            return Ok(current);
        }
        let tx = self.conn.transaction()?;
        let version = current.version + 1;
        write_content(&tx, content, version)?;
        if current.origin == Origin::Seeded {
            tx.execute(
                "UPDATE clause SET origin = 'seeded_edited' WHERE id = ?1",
                [&content.id],
            )?;
        }
        add_version(&tx, content, version, "user_edit")?;
        search::index_one(&tx, content, &self.templates.variables)?;
        tx.commit()?;
        self.get(&content.id)
    }

    /// Replaces an edited clause's wording with the newer template the app ships.
    pub fn adopt_template_update(&mut self, id: &str) -> Result<Clause> {
        let current = self.get(id)?;
        let Some(t) = self
            .templates
            .clause(id)
            .filter(|_| current.template_update_available.is_some())
        else {
            return Err(Error::InvalidInput {
                message: format!("clause \"{id}\" has no newer template to adopt"),
            });
        };
        let (content, tv) = (t.content.clone(), t.version);
        let tx = self.conn.transaction()?;
        let version = current.version + 1;
        write_content(&tx, &content, version)?;
        tx.execute(
            "UPDATE clause SET origin = 'seeded', template_version = ?2, template_update_available = NULL WHERE id = ?1",
            params![id, tv],
        )?;
        add_version(&tx, &content, version, "adopt_template")?;
        search::index_one(&tx, &content, &self.templates.variables)?;
        tx.commit()?;
        self.get(id)
    }

    /// Copies a clause under a new id (default: `<id>-copy`, `<id>-copy-2`, …) as a user clause.
    pub fn duplicate(&mut self, id: &str, new_id: Option<&str>) -> Result<Clause> {
        let mut content = self.get(id)?.content;
        content.id = match new_id {
            Some(n) => n.to_string(),
            None => {
                let mut n = 1;
                loop {
                    let candidate = if n == 1 {
                        format!("{id}-copy")
                    } else {
                        format!("{id}-copy-{n}")
                    };
                    if !self.exists_any(&candidate)? {
                        break candidate;
                    }
                    n += 1;
                }
            }
        };
        self.create(&content)
    }

    fn exists_any(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM clause WHERE id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })?
            > 0)
    }

    /// Deletes a clause. A seeded clause is kept as a tombstone so that the next seeding does
    /// not bring it back; a user clause is removed with its versions.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        let current = self.get(id)?;
        let tx = self.conn.transaction()?;
        let mut counts = KeyCounts::default();
        search::unindex_clause(&tx, id, &mut counts)?;
        counts.write(&tx)?;
        if current.template_version.is_some() {
            tx.execute(
                &format!("UPDATE clause SET deleted = 1, updated_at = {NOW} WHERE id = ?1"),
                [id],
            )?;
        } else {
            tx.execute("DELETE FROM clause WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn stats(&self) -> Result<LibraryStats> {
        Ok(self.conn.query_row(
            "SELECT count(*), sum(origin = 'seeded'), sum(origin = 'seeded_edited'), sum(origin = 'user'), \
             sum(template_update_available IS NOT NULL) FROM clause WHERE deleted = 0",
            [],
            |r| {
                Ok(LibraryStats {
                    clauses: r.get(0)?,
                    seeded: r.get::<_, Option<u32>>(1)?.unwrap_or(0),
                    edited: r.get::<_, Option<u32>>(2)?.unwrap_or(0),
                    user: r.get::<_, Option<u32>>(3)?.unwrap_or(0),
                    updates_available: r.get::<_, Option<u32>>(4)?.unwrap_or(0),
                })
            },
        )?)
    }

    /// A value that changes whenever a clause is created, edited, updated or deleted (count, sum
    /// of versions, latest change): a cache built from the clauses is stale when it differs.
    pub fn clauses_fingerprint(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(updated_at), '') \
             FROM clause WHERE deleted = 0",
            [],
            |r| r.get::<_, String>(0),
        )?)
    }

    /// The whole library as a JSON pack.
    pub fn export_pack(&self) -> Result<LibraryPack> {
        let clauses = self
            .list_clauses(&ClauseFilter::default())?
            .into_iter()
            .map(|c| PackClause {
                content: c.content,
                version: c.version,
            })
            .collect();
        Ok(LibraryPack {
            format: PACK_FORMAT.into(),
            format_version: 1,
            clauses,
        })
    }

    /// Imports a JSON pack in one transaction. Every clause is validated first; if any is
    /// invalid nothing is imported and the error names the clause and the reason. A clause whose
    /// id exists is saved as a new version of it (identical content is skipped).
    pub fn import_pack(&mut self, json: &str) -> Result<ImportReport> {
        let pack: LibraryPack = serde_json::from_str(json).map_err(|e| Error::InvalidPack {
            reason: format!("not a CloudClause library pack ({e})"),
        })?;
        if pack.format != PACK_FORMAT {
            return Err(Error::InvalidPack {
                reason: format!("format is \"{}\", expected \"{PACK_FORMAT}\"", pack.format),
            });
        }
        if pack.format_version != 1 {
            return Err(Error::InvalidPack {
                reason: format!(
                    "pack format version {} is not supported (this app reads 1); update the app",
                    pack.format_version
                ),
            });
        }
        let mut seen = HashSet::new();
        for (i, c) in pack.clauses.iter().enumerate() {
            if let Err(e) = self.validate(&c.content) {
                return Err(Error::InvalidPack {
                    reason: format!("clause #{} (\"{}\"): {e}", i + 1, c.content.id),
                });
            }
            if !seen.insert(c.content.id.clone()) {
                return Err(Error::InvalidPack {
                    reason: format!("clause id \"{}\" appears twice", c.content.id),
                });
            }
        }
        let mut report = ImportReport::default();
        let tx = self.conn.transaction()?;
        let mut counts = KeyCounts::default();
        for c in &pack.clauses {
            let existing: Option<(u32, String, bool)> = tx
                .query_row(
                    "SELECT version, origin, deleted FROM clause WHERE id = ?1",
                    [&c.content.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0)),
                )
                .optional()?;
            match existing {
                None => {
                    create_in(
                        &tx,
                        &c.content,
                        "import",
                        &self.templates.variables,
                        &mut counts,
                    )?;
                    report.added += 1;
                }
                Some((version, origin, deleted)) => {
                    let current = tx.query_row(
                        "SELECT * FROM clause WHERE id = ?1",
                        [&c.content.id],
                        row_to_clause,
                    )?;
                    if !deleted && current.content == c.content {
                        report.unchanged += 1;
                        continue;
                    }
                    write_content(&tx, &c.content, version + 1)?;
                    let origin = if origin == "seeded" {
                        "seeded_edited"
                    } else {
                        origin.as_str()
                    };
                    tx.execute(
                        "UPDATE clause SET origin = ?2, deleted = 0 WHERE id = ?1",
                        params![c.content.id, origin],
                    )?;
                    add_version(&tx, &c.content, version + 1, "import")?;
                    search::index_clause(&tx, &c.content, &self.templates.variables, &mut counts)?;
                    report.updated += 1;
                }
            }
        }
        counts.write(&tx)?;
        tx.commit()?;
        self.optimize_search_index()?;
        Ok(report)
    }
}

pub const PACK_FORMAT: &str = "cloudclause-library-pack";
/// The largest pack file read; real packs are a few megabytes.
pub const PACK_LIMIT: u64 = 64 * 1024 * 1024;
pub const PACK_TOO_LARGE: &str = "the file is larger than 64 MB; a library pack is far smaller";

/// A JSON pack of clauses.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LibraryPack {
    pub format: String,
    pub format_version: u32,
    pub clauses: Vec<PackClause>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PackClause {
    #[serde(flatten)]
    pub content: ClauseContent,
    pub version: u32,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
}

fn create_in(
    tx: &Transaction<'_>,
    content: &ClauseContent,
    source: &str,
    vars: &[Variable],
    counts: &mut KeyCounts,
) -> Result<()> {
    let tombstone: Option<bool> = tx
        .query_row(
            "SELECT deleted FROM clause WHERE id = ?1",
            [&content.id],
            |r| Ok(r.get::<_, i64>(0)? != 0),
        )
        .optional()?;
    match tombstone {
        Some(false) => {
            return Err(Error::ClauseExists {
                id: content.id.clone(),
            })
        }
        Some(true) => {
            tx.execute("DELETE FROM clause WHERE id = ?1", [&content.id])?;
        }
        None => {}
    }
    insert_clause(tx, content, 1, Origin::User, None)?;
    add_version(tx, content, 1, source)?;
    search::index_clause(tx, content, vars, counts)?;
    Ok(())
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Database {
        message: e.to_string(),
    })
}

fn insert_clause(
    tx: &Transaction<'_>,
    c: &ClauseContent,
    version: u32,
    origin: Origin,
    template_version: Option<u32>,
) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO clause (id, topics, models, position, side, basis, title_zh, title_en, body_zh, body_en, \
             guidance_zh, guidance_en, version, origin, template_version, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, {NOW})"
        ),
        params![
            c.id,
            json(&c.topics)?,
            json(&c.models)?,
            c.position.as_str(),
            c.side.as_str(),
            json(&c.basis)?,
            c.title.zh,
            c.title.en,
            c.body.zh,
            c.body.en,
            c.guidance.zh,
            c.guidance.en,
            version,
            origin.as_str(),
            template_version,
        ],
    )?;
    write_links(tx, c)
}

fn write_content(tx: &Transaction<'_>, c: &ClauseContent, version: u32) -> Result<()> {
    tx.execute(
        &format!(
            "UPDATE clause SET topics = ?2, models = ?3, position = ?4, side = ?5, basis = ?6, title_zh = ?7, title_en = ?8, \
             body_zh = ?9, body_en = ?10, guidance_zh = ?11, guidance_en = ?12, version = ?13, updated_at = {NOW} WHERE id = ?1"
        ),
        params![
            c.id,
            json(&c.topics)?,
            json(&c.models)?,
            c.position.as_str(),
            c.side.as_str(),
            json(&c.basis)?,
            c.title.zh,
            c.title.en,
            c.body.zh,
            c.body.en,
            c.guidance.zh,
            c.guidance.en,
            version,
        ],
    )?;
    write_links(tx, c)
}

fn write_links(tx: &Transaction<'_>, c: &ClauseContent) -> Result<()> {
    tx.execute("DELETE FROM clause_topic WHERE clause_id = ?1", [&c.id])?;
    tx.execute("DELETE FROM clause_model WHERE clause_id = ?1", [&c.id])?;
    for t in &c.topics {
        tx.execute(
            "INSERT OR IGNORE INTO clause_topic (topic, clause_id) VALUES (?1, ?2)",
            params![t, c.id],
        )?;
    }
    for m in &c.models {
        tx.execute(
            "INSERT OR IGNORE INTO clause_model (model, clause_id) VALUES (?1, ?2)",
            params![m.as_str(), c.id],
        )?;
    }
    Ok(())
}

fn add_version(tx: &Transaction<'_>, c: &ClauseContent, version: u32, source: &str) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO clause_version (clause_id, version, source, created_at, content) VALUES (?1, ?2, ?3, {NOW}, ?4)"),
        params![c.id, version, source, json(c)?],
    )?;
    Ok(())
}

fn from_json<T: for<'de> Deserialize<'de>>(idx: usize, s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn enum_err(idx: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        Box::new(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            what.to_string(),
        )),
    )
}

pub(crate) fn row_to_clause(r: &Row<'_>) -> rusqlite::Result<Clause> {
    let position: String = r.get("position")?;
    let side: String = r.get("side")?;
    let origin: String = r.get("origin")?;
    let content = ClauseContent {
        id: r.get("id")?,
        topics: from_json(1, &r.get::<_, String>("topics")?)?,
        models: from_json(2, &r.get::<_, String>("models")?)?,
        position: Position::parse(&position).ok_or_else(|| enum_err(3, "position"))?,
        side: Side::parse(&side).ok_or_else(|| enum_err(4, "side"))?,
        basis: from_json(5, &r.get::<_, String>("basis")?)?,
        title: Bilingual {
            zh: r.get("title_zh")?,
            en: r.get("title_en")?,
        },
        body: Bilingual {
            zh: r.get("body_zh")?,
            en: r.get("body_en")?,
        },
        guidance: Bilingual {
            zh: r.get("guidance_zh")?,
            en: r.get("guidance_en")?,
        },
    };
    let placeholders = placeholders::names([
        content.title.zh.as_str(),
        content.body.zh.as_str(),
        content.title.en.as_str(),
        content.body.en.as_str(),
    ]);
    Ok(Clause {
        content,
        version: r.get("version")?,
        origin: Origin::parse(&origin).ok_or_else(|| enum_err(13, "origin"))?,
        template_version: r.get("template_version")?,
        template_update_available: r.get("template_update_available")?,
        placeholders,
        updated_at: r.get("updated_at")?,
    })
}

/// The columns [`row_to_hit_clause`] reads, in its order.
pub(crate) const HIT_COLUMNS: &str = "id, topics, models, position, side, title_zh, title_en, \
    version, origin, body_zh, body_en, guidance_zh, guidance_en";

/// What a search hit shows of a clause, from a row of [`HIT_COLUMNS`]: its summary, body and
/// guidance (read by column index; none of the rest of the clause is parsed).
pub(crate) fn row_to_hit_clause(
    r: &Row<'_>,
) -> rusqlite::Result<(ClauseSummary, Bilingual, Bilingual)> {
    let position: String = r.get(3)?;
    let side: String = r.get(4)?;
    let origin: String = r.get(8)?;
    let summary = ClauseSummary {
        id: r.get(0)?,
        topics: from_json(1, &r.get::<_, String>(1)?)?,
        models: from_json(2, &r.get::<_, String>(2)?)?,
        position: Position::parse(&position).ok_or_else(|| enum_err(3, "position"))?,
        side: Side::parse(&side).ok_or_else(|| enum_err(4, "side"))?,
        title: Bilingual {
            zh: r.get(5)?,
            en: r.get(6)?,
        },
        version: r.get(7)?,
        origin: Origin::parse(&origin).ok_or_else(|| enum_err(8, "origin"))?,
    };
    let body = Bilingual {
        zh: r.get(9)?,
        en: r.get(10)?,
    };
    let guidance = Bilingual {
        zh: r.get(11)?,
        en: r.get(12)?,
    };
    Ok((summary, body, guidance))
}

pub(crate) fn summary(c: &Clause) -> ClauseSummary {
    ClauseSummary {
        id: c.content.id.clone(),
        topics: c.content.topics.clone(),
        models: c.content.models.clone(),
        position: c.content.position,
        side: c.content.side,
        title: c.content.title.clone(),
        version: c.version,
        origin: c.origin,
    }
}
