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
    include_str!("migrations/004_search_gram.sql"),
];

/// SQLite's default page cache (`PRAGMA cache_size`: negative is KiB), which bulk writes
/// raise for their duration.
pub(crate) const DEFAULT_CACHE_SIZE: i64 = -2000;

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
    backup_before_upgrade(&conn, path)?;
    prepare(conn, &path.display().to_string())
}

/// Before a migration changes an existing database, a copy of it is kept beside it
/// (`library.sqlite3.schema-1.bak`), so an upgrade can always be undone by hand.
fn backup_before_upgrade(conn: &Connection, path: &Path) -> Result<()> {
    let found: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or(0);
    if found == 0 || found >= schema_version() {
        return Ok(());
    }
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".schema-{found}.bak"));
    backup(conn, Path::new(&name))
}

/// Writes a consistent copy of the database to `dest` (one read transaction: a write in
/// progress is either wholly in the copy or not at all), through a temporary file and a rename.
pub fn backup(conn: &Connection, dest: &Path) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: dest.display().to_string(),
        reason: e.to_string(),
    };
    let mut tmp = dest.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    if tmp.exists() {
        std::fs::remove_file(&tmp).map_err(io)?;
    }
    conn.execute("VACUUM INTO ?1", [tmp.display().to_string()])
        .map_err(|e| Error::Io {
            path: dest.display().to_string(),
            reason: format!("backup failed: {e}"),
        })?;
    std::fs::rename(&tmp, dest).map_err(io)
}

/// Checks that `src` is a CloudClause database this version can open, intact.
pub fn check_backup(src: &Path) -> Result<u32> {
    let bad = |reason: String| Error::InvalidInput {
        message: format!(
            "{} cannot be restored: {reason}; nothing was changed",
            src.display()
        ),
    };
    if !src.is_file() {
        return Err(bad("no such file".into()));
    }
    let conn = Connection::open_with_flags(src, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| bad(e.to_string()))?;
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if version == 0 || version > schema_version() {
        return Err(bad(format!(
            "it is not a CloudClause database of a version this app knows (schema {version})"
        )));
    }
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if ok != "ok" {
        return Err(bad(format!("the file is damaged ({ok})")));
    }
    let has_library: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'clause'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| bad(e.to_string()))?;
    if has_library != 1 {
        return Err(bad("it holds no CloudClause library".into()));
    }
    Ok(version)
}

/// Replaces the whole database behind `conn` with the backup at `src`, in one step (readers see
/// the old or the new database, never a mix), then brings it up to the current schema. The
/// current database is first copied to `safety` so the restore itself can be undone.
pub fn restore(conn: &mut Connection, src: &Path, safety: &Path) -> Result<()> {
    check_backup(src)?;
    backup(conn, safety)?;
    let source = Connection::open_with_flags(src, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    {
        let b = rusqlite::backup::Backup::new(&source, conn)?;
        b.step(-1)?;
    }
    migrations()
        .to_latest(conn)
        .map_err(|e| Error::DatabaseOpen {
            path: src.display().to_string(),
            reason: format!("the restored database could not be upgraded ({e})"),
        })?;
    Ok(())
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
    fn a_schema_1_database_is_backed_up_then_upgraded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("lib.sqlite3");
        {
            let mut conn = Connection::open(&path).expect("raw open");
            Migrations::new(vec![M::up(MIGRATIONS[0])])
                .to_latest(&mut conn)
                .expect("schema 1");
            conn.execute("INSERT INTO meta(key, value) VALUES ('marker', 'kept')", [])
                .expect("insert");
        }
        let conn = open(&path).expect("upgrades");
        let v: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, schema_version());
        let marker: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'marker'", [], |r| {
                r.get(0)
            })
            .expect("kept");
        assert_eq!(marker, "kept");
        let bak = dir.path().join("lib.sqlite3.schema-1.bak");
        assert_eq!(
            check_backup(&bak).expect("backup is a valid schema-1 database"),
            1
        );
    }

    #[test]
    fn a_failed_migration_rolls_back_and_leaves_the_old_file_usable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("lib.sqlite3");
        {
            let mut conn = Connection::open(&path).expect("raw open");
            Migrations::new(vec![M::up(MIGRATIONS[0])])
                .to_latest(&mut conn)
                .expect("schema 1");
            // A table in the way of migration 2 makes it fail half way.
            conn.execute_batch("CREATE TABLE draft_version(x);")
                .expect("obstacle");
        }
        assert!(matches!(open(&path), Err(Error::DatabaseOpen { .. })));
        let conn = Connection::open(&path).expect("raw open");
        let v: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, 1, "still schema 1");
        let drafts: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'draft'",
                [],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(
            drafts, 0,
            "the part of migration 2 that ran was rolled back"
        );
    }

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
