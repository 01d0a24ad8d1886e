//! Opening the SQLite database: location, pragmas, versioned migrations.
//!
//! Invariants: WAL journal, foreign keys on, `synchronous = FULL` (a committed write survives a
//! killed process and a power cut). A database whose `user_version` is newer than the
//! migrations this binary knows is refused before anything is written to it.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// The schema, one migration per step. Never edit a released step; add a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_library.sql"),
    include_str!("migrations/002_drafts.sql"),
    include_str!("migrations/003_comments.sql"),
];

/// The schema version this binary writes.
pub fn schema_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).unwrap_or(u32::MAX)
}

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The default database: `CLOUDCLAUSE_DB` if set, else `library.sqlite3` in the OS app-data
/// folder (Linux `~/.local/share/cloudclause`, macOS `~/Library/Application Support/CloudClause`,
/// Windows `%APPDATA%\CloudClause\data`). The desktop app and the CLI share it.
pub fn default_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("CLOUDCLAUSE_DB") {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "CloudClause").ok_or_else(|| Error::Io {
        path: "(home folder)".into(),
        reason: "the OS app-data folder cannot be found; pass --db PATH".into(),
    })?;
    Ok(dirs.data_dir().join("library.sqlite3"))
}

/// Opens (creating if needed) and migrates the database at `path`.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::DatabaseOpen {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    let conn = Connection::open(path).map_err(|e| Error::DatabaseOpen {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    prepare(conn, &path.display().to_string())
}

/// An in-memory database (tests, benchmarks).
pub fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    prepare(conn, ":memory:")
}

fn prepare(mut conn: Connection, label: &str) -> Result<Connection> {
    let open_err = |e: rusqlite::Error| Error::DatabaseOpen {
        path: label.to_string(),
        reason: e.to_string(),
    };
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(open_err)?;
    // Reading user_version first also tells a non-database file apart ("file is not a database").
    let found: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(open_err)?;
    if found > schema_version() {
        return Err(Error::DatabaseTooNew {
            path: label.to_string(),
            found,
            supported: schema_version(),
        });
    }
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(open_err)?;
    migrations()
        .to_latest(&mut conn)
        .map_err(|e| Error::DatabaseOpen {
            path: label.to_string(),
            reason: format!("schema migration failed ({e}); the file was left as it was"),
        })?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn opens_with_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("a/b/lib.sqlite3")).expect("opens, creating folders");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("pragma");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!((mode.as_str(), fk), ("wal", 1));
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("lib.sqlite3");
        {
            let conn = Connection::open(&path).expect("raw open");
            conn.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 99;")
                .expect("setup");
        }
        let before = std::fs::read(&path).expect("read");
        match open(&path) {
            Err(Error::DatabaseTooNew { found: 99, .. }) => {}
            other => panic!("expected DatabaseTooNew, got {other:?}"),
        }
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "the file is not modified"
        );
    }

    #[test]
    fn a_file_that_is_not_a_database_gets_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.txt");
        std::fs::write(
            &path,
            "this is not sqlite, just some text that is long enough to matter............",
        )
        .expect("write");
        let err = open(&path).expect_err("refused");
        assert!(matches!(err, Error::DatabaseOpen { .. }), "{err:?}");
    }
}
