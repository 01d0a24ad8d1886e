//! IPC commands of the drafting screen: list, open, create (from a template, blank, or a file
//! chosen in a native dialog), save, versions, delete, the library clause as blocks, and the
//! live analysis. The commands that touch the disk or analyse run off the main thread
//! (`async`), so the window keeps taking keystrokes while they work.

use std::collections::{BTreeMap, HashMap};

use cloudclause_engine::analysis::{self, Options, Perspective};
use cloudclause_engine::draft::analyze::{analyze_draft, DraftAnalysis};
use cloudclause_engine::draft::assemble::clause_blocks;
use cloudclause_engine::draft::{Block, DraftDoc};
use cloudclause_engine::drafts::{
    Created, Draft, DraftMeta, DraftSummary, DraftVersion, DraftVersionContent, FromTemplate,
    SaveReport,
};
use cloudclause_engine::ingest;
use cloudclause_engine::model::{DeploymentModel, Lang};
use cloudclause_engine::Error;
use tauri::State;

use crate::commands::{pick_contract, with};
use crate::AppState;

type Res<T> = Result<T, Error>;

#[tauri::command]
pub fn draft_list(state: State<'_, AppState>) -> Res<Vec<DraftSummary>> {
    with(&state, |lib| lib.drafts())
}

#[tauri::command]
pub fn draft_get(state: State<'_, AppState>, id: i64) -> Res<Draft> {
    with(&state, |lib| lib.draft(id))
}

#[tauri::command]
pub async fn draft_new_from_template(
    state: State<'_, AppState>,
    request: FromTemplate,
) -> Res<Created> {
    with(&state, |lib| lib.draft_from_template(&request))
}

#[tauri::command]
pub async fn draft_new_blank(state: State<'_, AppState>, meta: DraftMeta) -> Res<Draft> {
    with(&state, |lib| lib.draft_blank(&meta))
}

/// The deployment model the analyzer detects in a document.
async fn detect_model(state: &State<'_, AppState>, doc: &ingest::Document) -> Res<DeploymentModel> {
    let (rules, templates) = state.analyzer().await?;
    let report = analysis::analyze(
        doc,
        &rules,
        &templates,
        Options {
            model: None,
            perspective: Perspective::Customer,
        },
    );
    Ok(report.deployment_model)
}

/// Asks for a DOCX, Markdown or text file and makes a draft of it. `None` when cancelled.
#[tauri::command]
pub async fn draft_import_pick(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Res<Option<Draft>> {
    let Some((name, bytes)) = pick_contract(&app)? else {
        return Ok(None);
    };
    // Read first: a file that is not a contract is refused before anything is stored.
    let doc = ingest::read(&name, &bytes)?;
    let model = detect_model(&state, &doc).await?;
    with(&state, |lib| lib.draft_import(&name, &bytes, Some(model))).map(Some)
}

#[tauri::command]
pub async fn draft_save(
    state: State<'_, AppState>,
    id: i64,
    doc: DraftDoc,
    meta: DraftMeta,
) -> Res<SaveReport> {
    with(&state, |lib| lib.draft_save(id, &doc, &meta))
}

#[tauri::command]
pub async fn draft_name_version(
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> Res<DraftVersion> {
    with(&state, |lib| lib.draft_name_version(id, &name))
}

#[tauri::command]
pub fn draft_versions(state: State<'_, AppState>, id: i64) -> Res<Vec<DraftVersion>> {
    with(&state, |lib| lib.draft_versions(id))
}

#[tauri::command]
pub fn draft_version(state: State<'_, AppState>, id: i64, number: u32) -> Res<DraftVersionContent> {
    with(&state, |lib| lib.draft_version(id, number))
}

#[tauri::command]
pub async fn draft_restore(state: State<'_, AppState>, id: i64, number: u32) -> Res<Draft> {
    with(&state, |lib| lib.draft_restore(id, number))
}

#[tauri::command]
pub async fn draft_delete(state: State<'_, AppState>, id: i64) -> Res<()> {
    with(&state, |lib| lib.draft_delete(id))
}

/// A library clause as draft blocks for the cursor, its placeholders filled from the draft's
/// variables (the registry defaults otherwise).
#[tauri::command]
pub fn draft_clause_blocks(
    state: State<'_, AppState>,
    id: String,
    lang: Lang,
    variables: BTreeMap<String, String>,
) -> Res<Vec<Block>> {
    with(&state, |lib| {
        let clause = lib.get(&id)?;
        let values: HashMap<String, String> = variables.into_iter().collect();
        Ok(clause_blocks(
            &clause.content,
            lang,
            &values,
            &lib.templates().variables,
        ))
    })
}

/// Renders the editor's document as text and analyses it, on a worker thread: typing never
/// waits for it, and the library stays free for saves meanwhile.
#[tauri::command]
pub async fn draft_analyze(
    state: State<'_, AppState>,
    doc: DraftDoc,
    lang: Lang,
    model: Option<DeploymentModel>,
    perspective: Perspective,
) -> Res<DraftAnalysis> {
    let (rules, templates) = state.analyzer().await?;
    tauri::async_runtime::spawn_blocking(move || {
        analyze_draft(
            &doc,
            lang,
            &rules,
            &templates,
            Options { model, perspective },
        )
    })
    .await
    .map_err(|e| Error::InvalidInput {
        message: format!("the analysis stopped unexpectedly ({e}); keep typing to run it again"),
    })
}
