//! Backup and restore of the whole database (library, drafts, versions, comments) from the
//! window. The files are chosen in native dialogs here; the page never passes a path. Both run
//! on a blocking worker while holding the library's lock, so no write is half done during
//! either: a backup is one consistent read (`VACUUM INTO`), a restore replaces the database in
//! one step after copying the current one beside it.
//!
//! Tests: a debug build honours `CLOUDCLAUSE_EXPORT_DIR` (the backup is written there without a
//! dialog) and `CLOUDCLAUSE_RESTORE_FILE` (restored without a dialog); release builds ignore both.

use std::path::PathBuf;

use cloudclause_engine::library::RestoreOutcome;
use cloudclause_engine::Error;
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::with;
use crate::AppState;

type Res<T> = Result<T, Error>;

#[cfg(debug_assertions)]
fn test_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
fn test_path(_var: &str) -> Option<PathBuf> {
    None
}

fn stopped(e: impl std::fmt::Display) -> Error {
    Error::Database {
        message: format!("the backup stopped unexpectedly ({e}); nothing was changed, try again"),
    }
}

/// `CloudClause-backup-2026-11-28.sqlite`
fn suggested_name() -> String {
    let date = cloudclause_engine::export::request::now_iso();
    let day: String = date.chars().take(10).collect();
    format!("CloudClause-backup-{day}.sqlite")
}

/// Asks where to save, then writes a consistent copy of the whole database there. `None` when
/// the user cancels.
#[tauri::command]
pub async fn library_backup(app: tauri::AppHandle) -> Res<Option<String>> {
    let name = suggested_name();
    let target = match test_path("CLOUDCLAUSE_EXPORT_DIR") {
        Some(dir) => Some(dir.join(&name)),
        None => app
            .dialog()
            .file()
            .add_filter("CloudClause backup", &["sqlite", "db"])
            .set_file_name(&name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = target else {
        return Ok(None);
    };
    let worker = app.clone();
    let dest = path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        with(&state, |lib| lib.backup(&dest))
    })
    .await
    .map_err(stopped)??;
    Ok(Some(path.display().to_string()))
}

/// Asks which backup to restore, checks it (a CloudClause database of a known version, intact),
/// keeps the current database beside it as `….before-restore.bak`, then replaces everything
/// with the backup. `None` when the user cancels; on any error nothing was changed.
#[tauri::command]
pub async fn library_restore(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Res<Option<RestoreOutcome>> {
    let chosen = match test_path("CLOUDCLAUSE_RESTORE_FILE") {
        Some(file) => Some(file),
        None => app
            .dialog()
            .file()
            .add_filter("CloudClause backup", &["sqlite", "db", "bak"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(src) = chosen else {
        return Ok(None);
    };
    let database = state.opened()?.database.clone();
    let safety = PathBuf::from(format!("{database}.before-restore.bak"));
    let worker = app.clone();
    let (from, kept) = (src.clone(), safety.clone());
    tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        with(&state, |lib| lib.restore(&from, &kept))
    })
    .await
    .map_err(stopped)??;
    Ok(Some(RestoreOutcome {
        restored_from: src.display().to_string(),
        previous_kept_at: safety.display().to_string(),
    }))
}
