//! Comments on drafts: a thread per anchored range (replies point at their parent), with
//! author, time and open/resolved state. The anchor is the `comment` mark with the same id in
//! the draft's document; a comment whose marks were all deleted is "unanchored" and is still
//! listed, so nothing a reviewer wrote disappears with the text it was about.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::library::Library;

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftComment {
    pub id: String,
    pub parent: Option<String>,
    pub author: String,
    pub body: String,
    pub resolved: bool,
    /// "finding:ID" when the comment was made from an analyzer finding.
    pub source: Option<String>,
    pub created_at: String,
}

/// A comment to add. `id` is the id its `comment` marks carry (the editor makes one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewComment {
    pub id: String,
    #[serde(default)]
    pub parent: Option<String>,
    pub author: String,
    pub body: String,
    #[serde(default)]
    pub source: Option<String>,
}

fn invalid(m: &str) -> Error {
    Error::InvalidInput {
        message: m.to_string(),
    }
}

impl Library {
    pub fn comments(&self, draft: i64) -> Result<Vec<DraftComment>> {
        crate::drafts::ensure_exists(&self.conn, draft)?;
        let mut stmt = self.conn.prepare(
            "SELECT id, parent, author, body, resolved, source, created_at FROM draft_comment
             WHERE draft_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([draft], |r| {
            Ok(DraftComment {
                id: r.get(0)?,
                parent: r.get(1)?,
                author: r.get(2)?,
                body: r.get(3)?,
                resolved: r.get::<_, i64>(4)? != 0,
                source: r.get(5)?,
                created_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds comments (one transaction: all or none).
    pub fn comments_add(
        &mut self,
        draft: i64,
        comments: &[NewComment],
    ) -> Result<Vec<DraftComment>> {
        for c in comments {
            if c.id.trim().is_empty() || c.id.len() > 100 {
                return Err(invalid("a comment needs an id of 1 to 100 characters"));
            }
            if c.body.trim().is_empty() {
                return Err(invalid("the comment is empty; write something or cancel"));
            }
            if c.body.len() > 100_000 {
                return Err(invalid(
                    "the comment is longer than 100,000 characters; shorten it",
                ));
            }
        }
        crate::drafts::ensure_exists(&self.conn, draft)?;
        let tx = self.conn.transaction()?;
        for c in comments {
            if let Some(p) = &c.parent {
                let found: Option<String> = tx
                    .query_row(
                        "SELECT id FROM draft_comment WHERE draft_id = ?1 AND id = ?2",
                        params![draft, p],
                        |r| r.get(0),
                    )
                    .optional()?;
                if found.is_none() {
                    return Err(invalid("the comment being answered no longer exists"));
                }
            }
            let author = if c.author.trim().is_empty() {
                "CloudClause"
            } else {
                c.author.trim()
            };
            let n = tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO draft_comment(draft_id, id, parent, author, body, resolved, source, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, {NOW})"
                ),
                params![draft, c.id, c.parent, author, c.body, c.source],
            )?;
            if n == 0 {
                return Err(invalid("a comment with this id already exists"));
            }
        }
        tx.commit()?;
        let all = self.comments(draft)?;
        Ok(all
            .into_iter()
            .filter(|c| comments.iter().any(|n| n.id == c.id))
            .collect())
    }

    pub fn comment_set_resolved(&mut self, draft: i64, id: &str, resolved: bool) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE draft_comment SET resolved = ?3 WHERE draft_id = ?1 AND (id = ?2 OR parent = ?2)",
            params![draft, id, i64::from(resolved)],
        )?;
        if n == 0 {
            return Err(invalid("no such comment; it may have been deleted"));
        }
        Ok(())
    }

    pub fn comment_edit(&mut self, draft: i64, id: &str, body: &str) -> Result<()> {
        if body.trim().is_empty() {
            return Err(invalid(
                "the comment is empty; write something or delete it",
            ));
        }
        let n = self.conn.execute(
            "UPDATE draft_comment SET body = ?3 WHERE draft_id = ?1 AND id = ?2",
            params![draft, id, body],
        )?;
        if n == 0 {
            return Err(invalid("no such comment; it may have been deleted"));
        }
        Ok(())
    }

    /// Deletes a comment and its replies.
    pub fn comment_delete(&mut self, draft: i64, id: &str) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM draft_comment WHERE draft_id = ?1 AND (id = ?2 OR parent = ?2)",
            params![draft, id],
        )?;
        if n == 0 {
            return Err(invalid("no such comment; it may have been deleted"));
        }
        Ok(())
    }
}
