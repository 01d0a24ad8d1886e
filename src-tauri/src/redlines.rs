//! IPC commands of the redline views: the editor's draft aligned with the library's model
//! clauses, the model clauses nearest to one clause (each with its redline), and two versions of
//! a draft compared clause by clause. The library's clause index is built once and kept until
//! the library changes (its clauses' fingerprint differs); the work runs on a blocking worker,
//! so the window keeps taking keystrokes.

use std::sync::{Arc, Mutex};

use cloudclause_engine::draft::redline::{align_draft, compare_drafts, DraftAlignment};
use cloudclause_engine::draft::DraftDoc;
use cloudclause_engine::model::{ClauseFilter, Lang};
use cloudclause_engine::redline::{
    candidates, CandidateRedline, ClauseIndex, Comparison, RedlineOptions,
};
use cloudclause_engine::Error;
use tauri::State;

use crate::commands::with;
use crate::AppState;

type Res<T> = Result<T, Error>;

/// How many model clauses the candidate picker offers.
const CANDIDATES: usize = 5;

/// The library's clauses indexed for alignment, with the fingerprint they were read at.
#[derive(Default)]
pub struct RedlineCache {
    index: Mutex<Option<(String, Arc<ClauseIndex>)>>,
}

/// The clause index for the library as it is now: the cached one, or a new one when a clause
/// was created, edited or deleted since.
fn clause_index(
    state: &State<'_, AppState>,
    cache: &State<'_, RedlineCache>,
) -> Res<Arc<ClauseIndex>> {
    let poisoned = || Error::Database {
        message: "an earlier redline failed midway; restart the app".into(),
    };
    let (fingerprint, clauses) = with(state, |lib| {
        let fingerprint = lib.clauses_fingerprint()?;
        let cached = cache
            .index
            .lock()
            .map_err(|_| poisoned())?
            .as_ref()
            .is_some_and(|(f, _)| *f == fingerprint);
        let clauses = if cached {
            None
        } else {
            Some(lib.list_clauses(&ClauseFilter::default())?)
        };
        Ok((fingerprint, clauses))
    })?;
    let mut guard = cache.index.lock().map_err(|_| poisoned())?;
    if let (None, Some((_, index))) = (&clauses, guard.as_ref()) {
        return Ok(index.clone());
    }
    let index = Arc::new(ClauseIndex::new(clauses.unwrap_or_default()));
    *guard = Some((fingerprint, index.clone()));
    Ok(index)
}

fn stopped(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput {
        message: format!("the redline stopped unexpectedly ({e}); open the redline view again"),
    }
}

/// The editor's document aligned with the library: each clause's model clause, similarity,
/// runner-up and redline, with the segments that map the text back to the editor's blocks.
#[tauri::command]
pub async fn draft_align(
    state: State<'_, AppState>,
    cache: State<'_, RedlineCache>,
    doc: DraftDoc,
    lang: Lang,
) -> Res<DraftAlignment> {
    let index = clause_index(&state, &cache)?;
    let rules = state.rules().await.ok();
    tauri::async_runtime::spawn_blocking(move || align_draft(&doc, lang, &index, rules.as_deref()))
        .await
        .map_err(stopped)?
}

/// The model clauses nearest to one clause's text (best first), each with its redline.
#[tauri::command]
pub async fn redline_candidates(
    state: State<'_, AppState>,
    cache: State<'_, RedlineCache>,
    text: String,
    lang: Lang,
    topics: Vec<String>,
) -> Res<Vec<CandidateRedline>> {
    let index = clause_index(&state, &cache)?;
    tauri::async_runtime::spawn_blocking(move || {
        candidates(
            &index,
            &text,
            lang,
            &topics,
            CANDIDATES,
            &RedlineOptions::default(),
        )
    })
    .await
    .map_err(stopped)
}

/// Version `old_version` of a draft against version `new_version`, or against the current text
/// when it is `None` (`current`: the editor's document, which may not be saved yet).
#[tauri::command]
pub async fn draft_compare(
    state: State<'_, AppState>,
    id: i64,
    old_version: u32,
    new_version: Option<u32>,
    current: Option<DraftDoc>,
) -> Res<Comparison> {
    let (old, new) = with(&state, |lib| {
        let old = lib.draft_version(id, old_version)?;
        let old = (old.doc, old.meta.lang);
        let new = match new_version {
            Some(n) => {
                let v = lib.draft_version(id, n)?;
                (v.doc, v.meta.lang)
            }
            None => {
                let d = lib.draft(id)?;
                (current.unwrap_or(d.doc), d.meta.lang)
            }
        };
        Ok((old, new))
    })?;
    tauri::async_runtime::spawn_blocking(move || compare_drafts(&old.0, old.1, &new.0, new.1))
        .await
        .map_err(stopped)
}
