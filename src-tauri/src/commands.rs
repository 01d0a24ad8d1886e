//! IPC commands: each one unwraps the state, calls the engine and returns its result. Errors
//! reach the page as the engine's tagged union (`{kind, data}`), typed in `ui/src/bindings.ts`.
//! No command takes a file path from the page: export and import open a native dialog here.

use std::path::PathBuf;

use cloudclause_engine::analysis::{self, AnalysisResult, Options, Perspective};
use cloudclause_engine::bindings::AppInfo;
use cloudclause_engine::ingest::MAX_INPUT_BYTES;
use cloudclause_engine::library::{ImportReport, Library, PACK_LIMIT, PACK_TOO_LARGE};
use cloudclause_engine::model::*;
use cloudclause_engine::{db, files, Error};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

type Res<T> = Result<T, Error>;

/// Runs `f` on the open library, or returns why it cannot: `Error::Starting` while it opens,
/// or the error that kept it closed.
pub(crate) fn with<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Library) -> Res<T>,
) -> Res<T> {
    let mut lib = state
        .opened()?
        .library
        .lock()
        .map_err(|_| Error::Database {
            message: "an earlier operation failed midway; restart the app".into(),
        })?;
    f(&mut lib)
}

/// Resolves when the library has been opened (or has failed to open): a page that was told
/// `starting` asks again then.
#[tauri::command]
pub async fn app_ready(state: State<'_, AppState>) -> Res<()> {
    state.opened.ready().await;
    Ok(())
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    let opened = state.opened()?;
    with(&state, |lib| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            database: opened.database.clone(),
            schema_version: db::schema_version(),
            stats: lib.stats()?,
            seed: opened.seed.clone(),
            settings: lib.settings()?,
        })
    })
}

#[tauri::command]
pub fn reference_model(state: State<'_, AppState>) -> Res<ReferenceModel> {
    with(&state, |lib| Ok(lib.reference_model().clone()))
}

#[tauri::command]
pub fn variables(state: State<'_, AppState>) -> Res<Vec<Variable>> {
    with(&state, |lib| Ok(lib.templates().variables.clone()))
}

#[tauri::command]
pub fn contract_templates(state: State<'_, AppState>) -> Res<Vec<ContractTemplate>> {
    with(&state, |lib| Ok(lib.templates().contracts.clone()))
}

#[tauri::command]
pub fn library_list(state: State<'_, AppState>, filter: ClauseFilter) -> Res<Vec<ClauseSummary>> {
    with(&state, |lib| lib.list(&filter))
}

#[tauri::command]
pub fn library_search(
    state: State<'_, AppState>,
    query: String,
    filter: ClauseFilter,
    limit: u32,
) -> Res<Vec<SearchHit>> {
    with(&state, |lib| lib.search(&query, &filter, limit as usize))
}

#[tauri::command]
pub fn library_get(state: State<'_, AppState>, id: String) -> Res<Clause> {
    with(&state, |lib| lib.get(&id))
}

#[tauri::command]
pub fn library_versions(state: State<'_, AppState>, id: String) -> Res<Vec<ClauseVersion>> {
    with(&state, |lib| lib.versions(&id))
}

#[tauri::command]
pub fn library_create(state: State<'_, AppState>, content: ClauseContent) -> Res<Clause> {
    with(&state, |lib| lib.create(&content))
}

#[tauri::command]
pub fn library_update(state: State<'_, AppState>, content: ClauseContent) -> Res<Clause> {
    with(&state, |lib| lib.update(&content))
}

#[tauri::command]
pub fn library_duplicate(state: State<'_, AppState>, id: String) -> Res<Clause> {
    with(&state, |lib| lib.duplicate(&id, None))
}

#[tauri::command]
pub fn library_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    with(&state, |lib| lib.delete(&id))
}

#[tauri::command]
pub fn library_adopt_template(state: State<'_, AppState>, id: String) -> Res<Clause> {
    with(&state, |lib| lib.adopt_template_update(&id))
}

#[tauri::command]
pub fn settings_set(state: State<'_, AppState>, settings: Settings) -> Res<Settings> {
    with(&state, |lib| lib.set_settings(&settings))
}

/// A file the user chose in the native open dialog, or `None` when cancelled.
fn pick(app: &tauri::AppHandle, label: &str, extensions: &[&str]) -> Option<PathBuf> {
    app.dialog()
        .file()
        .add_filter(label, extensions)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks where to save, then writes atomically. `None` when the user cancels.
fn save(
    app: &tauri::AppHandle,
    label: &str,
    extensions: &[&str],
    suggested: &str,
    bytes: &[u8],
) -> Res<Option<String>> {
    let chosen = app
        .dialog()
        .file()
        .add_filter(label, extensions)
        .set_file_name(suggested)
        .blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    files::write_atomic(&path, bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Asks where to save, then writes the pack. `None` when the user cancels.
#[tauri::command]
pub async fn library_export_pack(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Res<Option<String>> {
    let pack = with(&state, |lib| lib.export_pack())?;
    let text = serde_json::to_string_pretty(&pack).map_err(|e| Error::InvalidInput {
        message: e.to_string(),
    })?;
    save(
        &app,
        "CloudClause library pack",
        &["json"],
        "cloudclause-library.json",
        text.as_bytes(),
    )
}

/// Asks which pack to import, then imports it all or nothing. `None` when the user cancels.
#[tauri::command]
pub async fn library_import_pack(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Res<Option<ImportReport>> {
    let Some(path) = pick(&app, "CloudClause library pack", &["json"]) else {
        return Ok(None);
    };
    let bytes = files::read_limited(&path, PACK_LIMIT, |_| Error::InvalidPack {
        reason: PACK_TOO_LARGE.into(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::InvalidPack {
        reason: "the file is not UTF-8 text".into(),
    })?;
    with(&state, |lib| lib.import_pack(&text)).map(Some)
}

/// Analyses a file's bytes (waiting for the analyzer's rules if they are still compiling).
async fn analyse(
    state: &State<'_, AppState>,
    name: &str,
    bytes: &[u8],
    model: Option<DeploymentModel>,
    perspective: Perspective,
) -> Res<AnalysisResult> {
    let rules = state.rules().await?;
    with(state, |lib| {
        analysis::analyze_bytes(
            name,
            bytes,
            &rules,
            lib.templates(),
            Options { model, perspective },
        )
    })
}

/// Asks for a contract file (DOCX, Markdown, text) and analyses it. `None` when cancelled.
#[tauri::command]
pub async fn analyze_pick(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    model: Option<DeploymentModel>,
    perspective: Perspective,
) -> Res<Option<AnalysisResult>> {
    let Some((name, bytes)) = pick_contract(&app)? else {
        return Ok(None);
    };
    let result = analyse(&state, &name, &bytes, model, perspective).await?;
    remember(&state, name, bytes);
    Ok(Some(result))
}

/// A contract file (DOCX, Markdown, text) the user chose in the native open dialog, read within
/// the size limit: its name and bytes, or `None` when cancelled.
pub(crate) fn pick_contract(app: &tauri::AppHandle) -> Res<Option<(String, Vec<u8>)>> {
    let Some(path) = pick(app, "Contract", &["docx", "md", "markdown", "txt"]) else {
        return Ok(None);
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let bytes = files::read_limited(&path, MAX_INPUT_BYTES as u64, |size| {
        Error::DocumentTooLarge {
            name: name.clone(),
            size_mb: u32::try_from(size.div_ceil(1024 * 1024)).unwrap_or(u32::MAX),
            limit_mb: (MAX_INPUT_BYTES / (1024 * 1024)) as u32,
        }
    })?;
    Ok(Some((name, bytes)))
}

fn remember(state: &State<'_, AppState>, name: String, bytes: Vec<u8>) {
    if let Ok(mut last) = state.last_file.lock() {
        *last = Some((name, bytes));
    }
}

/// Analyses the last chosen or dropped file again, with other options.
#[tauri::command]
pub async fn analyze_again(
    state: State<'_, AppState>,
    model: Option<DeploymentModel>,
    perspective: Perspective,
) -> Res<AnalysisResult> {
    let last = state.last_file.lock().ok().and_then(|l| l.clone());
    let Some((name, bytes)) = last else {
        return Err(Error::InvalidInput {
            message: "no file has been opened yet; open or drop a contract first".into(),
        });
    };
    analyse(&state, &name, &bytes, model, perspective).await
}

/// Analyses a file the user dropped on the window (its bytes, read by the page from the drop).
#[tauri::command]
pub async fn analyze_bytes(
    state: State<'_, AppState>,
    name: String,
    bytes: Vec<u8>,
    model: Option<DeploymentModel>,
    perspective: Perspective,
) -> Res<AnalysisResult> {
    let result = analyse(&state, &name, &bytes, model, perspective).await?;
    remember(&state, name, bytes);
    Ok(result)
}

/// The sample contract shipped with the app (an original SaaS agreement written for CloudClause).
#[tauri::command]
pub async fn analyze_sample(
    state: State<'_, AppState>,
    model: Option<DeploymentModel>,
    perspective: Perspective,
) -> Res<AnalysisResult> {
    analyse(
        &state,
        crate::SAMPLE_NAME,
        crate::SAMPLE.as_bytes(),
        model,
        perspective,
    )
    .await
}

/// Asks where to save, then writes the PNG the page drew of the responsibility matrix.
#[tauri::command]
pub async fn export_png(
    app: tauri::AppHandle,
    suggested_name: String,
    bytes: Vec<u8>,
) -> Res<Option<String>> {
    if !bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        return Err(Error::InvalidInput {
            message: "the image is not a PNG".into(),
        });
    }
    let name: String = suggested_name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(80)
        .collect();
    save(&app, "PNG image", &["png"], &name, &bytes)
}

/// The page has saved what it had to save: the window closes now (see `main.rs`, close requests).
#[tauri::command]
pub fn app_quit(app: tauri::AppHandle) {
    app.exit(0);
}
