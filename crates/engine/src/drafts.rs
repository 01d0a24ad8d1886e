//! Drafts in the database: create (from a contract template, blank, or an imported file), list,
//! open, save, name a version, restore a version, delete.
//!
//! Invariants: every write is one transaction; a save never loses the previous text, because
//! the first save after a pause of `SNAPSHOT_EVERY_SECS` snapshots the stored state as an
//! autosave version before overwriting it, and a restore snapshots the current state first.
//! Named versions are never pruned; autosaves beyond `KEEP_AUTOSAVES` per draft are.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::draft::assemble::assemble;
use crate::draft::import::import;
use crate::draft::{Block, DraftDoc};
use crate::error::{Error, Result};
use crate::ingest::MAX_INPUT_BYTES;
use crate::library::Library;
use crate::model::{DeploymentModel, Lang};

/// Autosave snapshots are taken at most this often while typing.
pub const SNAPSHOT_EVERY_SECS: f64 = 300.0;
/// Autosave snapshots kept per draft (named versions are all kept).
pub const KEEP_AUTOSAVES: u32 = 50;

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/// What a draft is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftMeta {
    pub title: String,
    pub lang: Lang,
    pub model: Option<DeploymentModel>,
    /// The matter it belongs to ("Acme cloud migration").
    #[serde(default)]
    pub matter: String,
    /// Who is on the other side ("Example Cloud Ltd.").
    #[serde(default)]
    pub counterpart: String,
    /// Placeholder values (party names, region, notice days…), used when clauses are inserted.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}

/// A draft in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DraftSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub meta: DraftMeta,
    pub source: String,
    #[ts(type = "number")]
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    pub versions: u32,
}

/// A draft, opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Draft {
    #[ts(type = "number")]
    pub id: i64,
    pub meta: DraftMeta,
    pub doc: DraftDoc,
    pub source: String,
    #[ts(type = "number")]
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VersionKind {
    Created,
    Autosave,
    Named,
    BeforeRestore,
}

impl VersionKind {
    fn as_str(self) -> &'static str {
        match self {
            VersionKind::Created => "created",
            VersionKind::Autosave => "autosave",
            VersionKind::Named => "named",
            VersionKind::BeforeRestore => "before_restore",
        }
    }
    fn parse(s: &str) -> VersionKind {
        match s {
            "created" => VersionKind::Created,
            "named" => VersionKind::Named,
            "before_restore" => VersionKind::BeforeRestore,
            _ => VersionKind::Autosave,
        }
    }
}

/// A stored version of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DraftVersion {
    pub number: u32,
    pub kind: VersionKind,
    pub name: Option<String>,
    pub created_at: String,
    pub title: String,
}

/// A version with its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DraftVersionContent {
    pub version: DraftVersion,
    pub meta: DraftMeta,
    pub doc: DraftDoc,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SaveReport {
    #[ts(type = "number")]
    pub revision: i64,
    pub updated_at: String,
    /// The autosave version taken before this save overwrote the stored text, if one was due.
    pub snapshot: Option<u32>,
}

/// A new draft from a contract template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FromTemplate {
    pub template: String,
    pub lang: Lang,
    #[serde(default)]
    pub matter: String,
    #[serde(default)]
    pub counterpart: String,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}

/// A draft created from a template, and the template's clauses the library no longer has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Created {
    pub draft: Draft,
    pub missing_clauses: Vec<String>,
}

fn validate(doc: &DraftDoc, meta: &DraftMeta) -> Result<(String, String)> {
    let bad = |m: String| Err(Error::InvalidInput { message: m });
    if meta.title.trim().is_empty() {
        return bad("the draft needs a title".into());
    }
    if meta.title.chars().count() > 500 {
        return bad("the draft title is longer than 500 characters; shorten it".into());
    }
    for b in &doc.content {
        match b {
            Block::Clause { attrs, .. } if !(1..=4).contains(&attrs.level) => {
                return bad(format!("clause level {} is out of range 1–4", attrs.level))
            }
            Block::Heading { attrs, .. } if !(1..=3).contains(&attrs.level) => {
                return bad(format!("heading level {} is out of range 1–3", attrs.level))
            }
            _ => {}
        }
    }
    let doc_json = serde_json::to_string(doc).map_err(|e| Error::InvalidInput {
        message: e.to_string(),
    })?;
    if doc_json.len() > MAX_INPUT_BYTES {
        return Err(Error::DocumentTooLarge {
            name: meta.title.clone(),
            size_mb: u32::try_from(doc_json.len() / (1024 * 1024) + 1).unwrap_or(u32::MAX),
            limit_mb: u32::try_from(MAX_INPUT_BYTES / (1024 * 1024)).unwrap_or(u32::MAX),
        });
    }
    let meta_json = serde_json::to_string(meta).map_err(|e| Error::InvalidInput {
        message: e.to_string(),
    })?;
    Ok((doc_json, meta_json))
}

fn parse<T: for<'de> Deserialize<'de>>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Database {
        message: format!("stored {what} cannot be read: {e}"),
    })
}

impl Library {
    /// A new draft from a contract template, its placeholders filled from `req.variables` (else
    /// the registry defaults), the clause text taken from the library.
    pub fn draft_from_template(&mut self, req: &FromTemplate) -> Result<Created> {
        let t = self
            .templates()
            .contracts
            .iter()
            .find(|t| t.id == req.template)
            .cloned()
            .ok_or_else(|| Error::InvalidInput {
                message: format!(
                    "no contract template \"{}\"; choose one of: {}",
                    req.template,
                    self.templates()
                        .contracts
                        .iter()
                        .map(|t| t.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?;
        let values: HashMap<String, String> = req
            .variables
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let registry = self.templates().variables.clone();
        let a = assemble(&t, req.lang, &values, &registry, |id| {
            self.get(id).ok().map(|c| c.content)
        });
        let meta = DraftMeta {
            title: crate::placeholders::fill(t.title.get(req.lang), req.lang, &values, &registry),
            lang: req.lang,
            model: t.model,
            matter: req.matter.clone(),
            counterpart: req.counterpart.clone(),
            variables: req.variables.clone(),
        };
        let draft = self.insert_draft(&meta, &a.doc, &format!("template:{}", t.id))?;
        Ok(Created {
            draft,
            missing_clauses: a.missing,
        })
    }

    /// A new empty draft.
    pub fn draft_blank(&mut self, meta: &DraftMeta) -> Result<Draft> {
        self.insert_draft(
            meta,
            &DraftDoc::new(vec![Block::heading(1, meta.title.clone())]),
            "blank",
        )
    }

    /// A new draft from a DOCX, Markdown or text file. Nothing is stored if it cannot be read.
    /// `model`: the deployment model if known (the callers detect it with the analyzer).
    pub fn draft_import(
        &mut self,
        name: &str,
        bytes: &[u8],
        model: Option<DeploymentModel>,
    ) -> Result<Draft> {
        let imported = import(name, bytes)?;
        let file = name.rsplit(['/', '\\']).next().unwrap_or(name).to_string();
        let title = imported
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                file.rsplit_once('.')
                    .map(|(s, _)| s.to_string())
                    .unwrap_or(file.clone())
            });
        let meta = DraftMeta {
            title: title.chars().take(200).collect(),
            lang: imported.lang,
            model,
            matter: String::new(),
            counterpart: String::new(),
            variables: BTreeMap::new(),
        };
        self.insert_draft(&meta, &imported.doc, &format!("import:{file}"))
    }

    /// Replaces a draft's text with a file's (the other side's next turn of the document). The
    /// current text is kept first as a named version, so the two can be compared.
    pub fn draft_replace_from_file(&mut self, id: i64, name: &str, bytes: &[u8]) -> Result<Draft> {
        let imported = import(name, bytes)?;
        let current = self.draft(id)?;
        let (doc_json, meta_json) = validate(&imported.doc, &current.meta)?;
        let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let tx = self.conn.transaction()?;
        snapshot(&tx, id, VersionKind::Named, Some(&format!("before {file}")))?;
        tx.execute(
            &format!("UPDATE draft SET doc = ?2, meta = ?3, revision = revision + 1, updated_at = {NOW} WHERE id = ?1"),
            params![id, doc_json, meta_json],
        )?;
        tx.commit()?;
        self.draft(id)
    }

    /// On the first start only (no draft yet, and none was ever made this way): a sample draft
    /// imported from `bytes`, so the editor has something to show. `None` otherwise. `model` (its
    /// deployment model) is asked only when the draft is made.
    pub fn draft_sample_once(
        &mut self,
        name: &str,
        bytes: &[u8],
        model: impl FnOnce() -> Option<DeploymentModel>,
    ) -> Result<Option<Draft>> {
        let done: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'sample_draft'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let any: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM draft", [], |r| r.get(0))?;
        if done.is_some() || any > 0 {
            return Ok(None);
        }
        let d = self.draft_import(name, bytes, model())?;
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('sample_draft', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [d.id.to_string()],
        )?;
        Ok(Some(d))
    }

    fn insert_draft(&mut self, meta: &DraftMeta, doc: &DraftDoc, source: &str) -> Result<Draft> {
        let (doc_json, meta_json) = validate(doc, meta)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            &format!("INSERT INTO draft(meta, doc, source, revision, created_at, updated_at) VALUES (?1, ?2, ?3, 1, {NOW}, {NOW})"),
            params![meta_json, doc_json, source],
        )?;
        let id = tx.last_insert_rowid();
        snapshot(&tx, id, VersionKind::Created, None)?;
        tx.commit()?;
        self.draft(id)
    }

    pub fn drafts(&self) -> Result<Vec<DraftSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.meta, d.source, d.revision, d.created_at, d.updated_at,
                    (SELECT COUNT(*) FROM draft_version v WHERE v.draft_id = d.id)
             FROM draft d ORDER BY d.updated_at DESC, d.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, u32>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, meta, source, revision, created_at, updated_at, versions) = row?;
            out.push(DraftSummary {
                id,
                meta: parse(&meta, "draft metadata")?,
                source,
                revision,
                created_at,
                updated_at,
                versions,
            });
        }
        Ok(out)
    }

    pub fn draft(&self, id: i64) -> Result<Draft> {
        let row = self
            .conn
            .query_row(
                "SELECT meta, doc, source, revision, created_at, updated_at FROM draft WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?
            .ok_or(Error::DraftNotFound { id })?;
        Ok(Draft {
            id,
            meta: parse(&row.0, "draft metadata")?,
            doc: parse(&row.1, "draft")?,
            source: row.2,
            revision: row.3,
            created_at: row.4,
            updated_at: row.5,
        })
    }

    /// Saves the editor's document (and metadata) in one transaction. The stored state is first
    /// kept as an autosave version when the last version is older than `SNAPSHOT_EVERY_SECS`.
    pub fn draft_save(&mut self, id: i64, doc: &DraftDoc, meta: &DraftMeta) -> Result<SaveReport> {
        let (doc_json, meta_json) = validate(doc, meta)?;
        let tx = self.conn.transaction()?;
        let current: Option<(String, String)> = tx
            .query_row("SELECT doc, meta FROM draft WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((old_doc, old_meta)) = current else {
            return Err(Error::DraftNotFound { id });
        };
        let changed = old_doc != doc_json || old_meta != meta_json;
        let age: Option<f64> = tx
            .query_row(
                "SELECT (julianday('now') - julianday(MAX(created_at))) * 86400.0 FROM draft_version WHERE draft_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let last_snapshot_doc: Option<String> = tx
            .query_row(
                "SELECT doc FROM draft_version WHERE draft_id = ?1 ORDER BY number DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let snapshot_due = changed
            && age.is_none_or(|a| a >= SNAPSHOT_EVERY_SECS)
            && last_snapshot_doc.as_deref() != Some(old_doc.as_str());
        let snap = if snapshot_due {
            Some(snapshot(&tx, id, VersionKind::Autosave, None)?)
        } else {
            None
        };
        if changed {
            tx.execute(
                &format!("UPDATE draft SET doc = ?2, meta = ?3, revision = revision + 1, updated_at = {NOW} WHERE id = ?1"),
                params![id, doc_json, meta_json],
            )?;
        }
        let (revision, updated_at): (i64, String) = tx.query_row(
            "SELECT revision, updated_at FROM draft WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        tx.commit()?;
        Ok(SaveReport {
            revision,
            updated_at,
            snapshot: snap,
        })
    }

    /// Keeps the stored state as a named version ("sent to provider 3 May").
    pub fn draft_name_version(&mut self, id: i64, name: &str) -> Result<DraftVersion> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidInput {
                message: "give the version a name".into(),
            });
        }
        let tx = self.conn.transaction()?;
        ensure_exists(&tx, id)?;
        let n = snapshot(&tx, id, VersionKind::Named, Some(name))?;
        tx.commit()?;
        self.draft_version(id, n).map(|v| v.version)
    }

    pub fn draft_versions(&self, id: i64) -> Result<Vec<DraftVersion>> {
        ensure_exists(&self.conn, id)?;
        let mut stmt = self.conn.prepare(
            "SELECT number, kind, name, created_at, json_extract(meta, '$.title') FROM draft_version WHERE draft_id = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(DraftVersion {
                number: r.get(0)?,
                kind: VersionKind::parse(&r.get::<_, String>(1)?),
                name: r.get(2)?,
                created_at: r.get(3)?,
                title: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn draft_version(&self, id: i64, number: u32) -> Result<DraftVersionContent> {
        ensure_exists(&self.conn, id)?;
        let row = self
            .conn
            .query_row(
                "SELECT kind, name, created_at, meta, doc FROM draft_version WHERE draft_id = ?1 AND number = ?2",
                params![id, number],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?
            .ok_or(Error::VersionNotFound { id, version: number })?;
        let meta: DraftMeta = parse(&row.3, "version metadata")?;
        Ok(DraftVersionContent {
            version: DraftVersion {
                number,
                kind: VersionKind::parse(&row.0),
                name: row.1,
                created_at: row.2,
                title: meta.title.clone(),
            },
            meta,
            doc: parse(&row.4, "version")?,
        })
    }

    /// Makes a version the current text. The current text is kept first as a version, so a
    /// restore can itself be undone.
    pub fn draft_restore(&mut self, id: i64, number: u32) -> Result<Draft> {
        let tx = self.conn.transaction()?;
        ensure_exists(&tx, id)?;
        let (doc, meta): (String, String) = tx
            .query_row(
                "SELECT doc, meta FROM draft_version WHERE draft_id = ?1 AND number = ?2",
                params![id, number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(Error::VersionNotFound {
                id,
                version: number,
            })?;
        snapshot(
            &tx,
            id,
            VersionKind::BeforeRestore,
            Some(&format!("v{number}")),
        )?;
        tx.execute(
            &format!("UPDATE draft SET doc = ?2, meta = ?3, revision = revision + 1, updated_at = {NOW} WHERE id = ?1"),
            params![id, doc, meta],
        )?;
        tx.commit()?;
        self.draft(id)
    }

    pub fn draft_delete(&mut self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM draft WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::DraftNotFound { id });
        }
        Ok(())
    }
}

pub(crate) fn ensure_exists(conn: &rusqlite::Connection, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT id FROM draft WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    found.map(|_| ()).ok_or(Error::DraftNotFound { id })
}

/// Copies the stored state of draft `id` into a new version; prunes old autosaves.
fn snapshot(tx: &Transaction<'_>, id: i64, kind: VersionKind, name: Option<&str>) -> Result<u32> {
    let number: u32 = tx.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM draft_version WHERE draft_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    tx.execute(
        &format!(
            "INSERT INTO draft_version(draft_id, number, kind, name, meta, doc, created_at)
             SELECT id, ?2, ?3, ?4, meta, doc, {NOW} FROM draft WHERE id = ?1"
        ),
        params![id, number, kind.as_str(), name],
    )?;
    tx.execute(
        "DELETE FROM draft_version WHERE draft_id = ?1 AND kind = 'autosave' AND number NOT IN
           (SELECT number FROM draft_version WHERE draft_id = ?1 AND kind = 'autosave' ORDER BY number DESC LIMIT ?2)",
        params![id, KEEP_AUTOSAVES],
    )?;
    Ok(number)
}
