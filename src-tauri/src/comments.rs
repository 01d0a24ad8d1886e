//! IPC commands of the comments pane: list, add (a new thread or a reply), resolve / reopen,
//! edit, delete, and analyzer findings turned into comments. A comment's anchor is the
//! `comment` mark the editor puts in the text; the record is stored here, in the database.

use cloudclause_engine::analysis::{Options, Perspective};
use cloudclause_engine::comments::{DraftComment, NewComment};
use cloudclause_engine::draft::analyze::analyze_draft;
use cloudclause_engine::draft::DraftDoc;
use cloudclause_engine::export::findings::{new_finding_comments, FindingComments};
use cloudclause_engine::model::{DeploymentModel, Lang};
use cloudclause_engine::Error;
use tauri::State;

use crate::commands::with;
use crate::AppState;

type Res<T> = Result<T, Error>;

#[tauri::command]
pub fn comments_list(state: State<'_, AppState>, id: i64) -> Res<Vec<DraftComment>> {
    with(&state, |lib| lib.comments(id))
}

/// Stores new comments (threads or replies); an empty author is the one in the settings.
#[tauri::command]
pub fn comments_add(
    state: State<'_, AppState>,
    id: i64,
    comments: Vec<NewComment>,
) -> Res<Vec<DraftComment>> {
    with(&state, |lib| {
        let author = lib.settings()?.author;
        let comments: Vec<NewComment> = comments
            .into_iter()
            .map(|mut c| {
                if c.author.trim().is_empty() {
                    c.author.clone_from(&author);
                }
                c
            })
            .collect();
        lib.comments_add(id, &comments)
    })
}

/// Resolves or reopens a thread (its replies with it).
#[tauri::command]
pub fn comment_set_resolved(
    state: State<'_, AppState>,
    id: i64,
    comment: String,
    resolved: bool,
) -> Res<()> {
    with(&state, |lib| {
        lib.comment_set_resolved(id, &comment, resolved)
    })
}

#[tauri::command]
pub fn comment_edit(state: State<'_, AppState>, id: i64, comment: String, body: String) -> Res<()> {
    with(&state, |lib| lib.comment_edit(id, &comment, &body))
}

/// Deletes a comment and its replies (the page removes its marks from the text).
#[tauri::command]
pub fn comment_delete(state: State<'_, AppState>, id: i64, comment: String) -> Res<()> {
    with(&state, |lib| lib.comment_delete(id, &comment))
}

/// Analyses the editor's document (on a worker thread) and stores a comment for each finding
/// that has none yet (`only`: just that finding), anchored at its evidence or, for a missing
/// item, at the first text block. Returns the annotated document, which the page applies as one
/// transaction (so undo works), and the stored comments.
#[tauri::command]
pub async fn comments_from_findings(
    state: State<'_, AppState>,
    id: i64,
    doc: DraftDoc,
    lang: Lang,
    model: Option<DeploymentModel>,
    perspective: Perspective,
    only: Option<String>,
) -> Res<FindingComments> {
    let (rules, templates) = state.analyzer().await?;
    let d = doc.clone();
    let analysis = tauri::async_runtime::spawn_blocking(move || {
        analyze_draft(&d, lang, &rules, &templates, Options { model, perspective })
    })
    .await
    .map_err(|e| Error::InvalidInput {
        message: format!("the analysis stopped unexpectedly ({e}); try again"),
    })?;
    with(&state, |lib| {
        let existing = lib.comments(id)?;
        let author = lib.settings()?.author;
        let (annotated, new) = new_finding_comments(
            &doc,
            &analysis.segments,
            &analysis.report,
            &existing,
            only.as_deref(),
            lang,
            &author,
        );
        let comments = if new.is_empty() {
            Vec::new()
        } else {
            lib.comments_add(id, &new)?
        };
        Ok(FindingComments {
            doc: annotated,
            comments,
        })
    })
}
