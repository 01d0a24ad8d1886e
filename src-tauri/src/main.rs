//! The CloudClause desktop app: a Tauri window over the engine. This crate holds thin command
//! adapters only; every rule lives in `cloudclause-engine`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backup;
mod commands;
mod comments;
mod drafts;
mod exports;
mod print;
mod redlines;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudclause_engine::analysis::{self, Options, Perspective, Rules};
use cloudclause_engine::library::{Library, SeedReport};
use cloudclause_engine::templates::{TemplateFiles, TemplateSet};
use cloudclause_engine::{db, ingest, Error};
use tauri::{Manager, WindowEvent};

/// The app's state: the open library, or why it could not be opened (shown in the window).
pub struct AppState {
    pub library: Mutex<Option<Library>>,
    /// The analyzer's rules, compiled once (shared with the analysis worker threads).
    pub rules: Result<Arc<Rules>, Error>,
    /// The library's templates, for analyses that run without holding the library's lock.
    pub templates: Option<Arc<TemplateSet>>,
    /// The last file the user chose or dropped (name, bytes), for re-runs with other options.
    pub last_file: Mutex<Option<(String, Vec<u8>)>>,
    pub seed: SeedReport,
    pub database: String,
    pub startup_error: Option<Error>,
}

/// The sample contract the app opens on: an original SaaS agreement written for CloudClause's
/// tests (CC0), with brand-name parties, a RACI table and cross-references.
pub const SAMPLE_NAME: &str = "sample-saas-contact-center-zh.md";
pub const SAMPLE: &str =
    include_str!("../../tests/fixtures/contracts/zh-saas-huilian-contact-center.md");

impl AppState {
    /// The rules and templates an analysis needs, or why the analyzer is unavailable.
    pub fn analyzer(&self) -> Result<(Arc<Rules>, Arc<TemplateSet>), Error> {
        let rules = self.rules.clone()?;
        let templates = self.templates.clone().ok_or_else(|| {
            self.startup_error.clone().unwrap_or(Error::Database {
                message: "the library is not open".into(),
            })
        })?;
        Ok((rules, templates))
    }
}

/// On the very first start, a draft of the sample contract, so that the editor has something to
/// show. A failure here is reported and otherwise ignored: the app works without it.
fn sample_draft(lib: &mut Library, rules: &Result<Rules, Error>) {
    let model = rules.as_ref().ok().and_then(|rules| {
        let doc = ingest::read(SAMPLE_NAME, SAMPLE.as_bytes()).ok()?;
        let opts = Options {
            model: None,
            perspective: Perspective::Customer,
        };
        Some(analysis::analyze(&doc, rules, lib.templates(), opts).deployment_model)
    });
    if let Err(e) = lib.draft_sample_once(SAMPLE_NAME, SAMPLE.as_bytes(), model) {
        eprintln!("cloudclause-app: the sample draft could not be made: {e}");
    }
}

fn open_state() -> AppState {
    let rules = Rules::load(&TemplateFiles::builtin());
    let opened = db::default_path().and_then(|path| {
        let (lib, seed) = Library::open(&path, &TemplateFiles::builtin())?;
        Ok((lib, seed, path.display().to_string()))
    });
    match opened {
        Ok((mut lib, seed, database)) => AppState {
            templates: Some(Arc::new(lib.templates().clone())),
            rules: {
                sample_draft(&mut lib, &rules);
                rules.map(Arc::new)
            },
            library: Mutex::new(Some(lib)),
            last_file: Mutex::new(None),
            seed,
            database,
            startup_error: None,
        },
        Err(e) => {
            eprintln!("cloudclause-app: {e}");
            AppState {
                library: Mutex::new(None),
                rules: rules.map(Arc::new),
                templates: None,
                last_file: Mutex::new(None),
                seed: SeedReport::default(),
                database: String::new(),
                startup_error: Some(e),
            }
        }
    }
}

/// Set once the page has been asked to save before the window closes.
static CLOSING: AtomicBool = AtomicBool::new(false);
/// How long the page may take to save before the window closes anyway.
const CLOSE_GRACE: Duration = Duration::from_secs(3);

/// A close request first asks the page to save (it calls `app_quit` when done); a second
/// request, or a page that does not answer within `CLOSE_GRACE`, closes at once.
fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    if CLOSING.swap(true, Ordering::SeqCst) {
        return;
    }
    let Some(webview) = window.app_handle().get_webview_window("main") else {
        return;
    };
    api.prevent_close();
    if webview
        .eval("window.dispatchEvent(new Event('cloudclause-close'))")
        .is_err()
    {
        window.app_handle().exit(0);
        return;
    }
    let app = window.app_handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(CLOSE_GRACE);
        app.exit(0);
    });
}

fn main() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .on_window_event(on_window_event)
        .manage(open_state())
        .manage(redlines::RedlineCache::default())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::reference_model,
            commands::variables,
            commands::contract_templates,
            commands::library_list,
            commands::library_search,
            commands::library_get,
            commands::library_versions,
            commands::library_create,
            commands::library_update,
            commands::library_duplicate,
            commands::library_delete,
            commands::library_adopt_template,
            commands::library_export_pack,
            commands::library_import_pack,
            commands::settings_set,
            commands::analyze_pick,
            commands::analyze_bytes,
            commands::analyze_sample,
            commands::analyze_again,
            commands::export_png,
            drafts::draft_list,
            drafts::draft_get,
            drafts::draft_new_from_template,
            drafts::draft_new_blank,
            drafts::draft_import_pick,
            drafts::draft_save,
            drafts::draft_name_version,
            drafts::draft_versions,
            drafts::draft_version,
            drafts::draft_restore,
            drafts::draft_delete,
            drafts::draft_clause_blocks,
            drafts::draft_analyze,
            redlines::draft_align,
            redlines::redline_candidates,
            redlines::draft_compare,
            comments::comments_list,
            comments::comments_add,
            comments::comment_set_resolved,
            comments::comment_edit,
            comments::comment_delete,
            comments::comments_from_findings,
            exports::draft_export,
            backup::library_backup,
            backup::library_restore,
            commands::app_quit,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("cloudclause-app: the window could not start: {e}");
        std::process::exit(1);
    }
}
