//! The CloudClause desktop app: a Tauri window over the engine. This crate holds thin command
//! adapters only; every rule lives in `cloudclause-engine`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backup;
mod commands;
mod comments;
mod drafts;
mod exports;
mod memory;
mod print;
mod redlines;
mod startup;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudclause_engine::analysis::Rules;
use cloudclause_engine::templates::TemplateSet;
use cloudclause_engine::Error;
use tauri::{Manager, WindowEvent};

pub use startup::{Opened, SAMPLE, SAMPLE_NAME};

/// The app's state. The library and the rules arrive from the start-up threads (`startup.rs`)
/// while and after the window comes up.
pub struct AppState {
    opened: Arc<startup::OpenedCell>,
    rules: Arc<startup::RulesCell>,
    /// The last file the user chose or dropped (name, bytes), for re-runs with other options.
    pub last_file: Mutex<Option<(String, Vec<u8>)>>,
}

impl AppState {
    /// The open library now: `Error::Starting` while it is opening (the page waits for
    /// `app_ready` and asks again), or the error that kept it closed.
    pub fn opened(&self) -> Result<&Opened, Error> {
        match self.opened.get() {
            Some(Ok(opened)) => Ok(opened),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::Starting),
        }
    }

    /// The analyzer's rules, once compiled (waits for them off the main thread).
    pub async fn rules(&self) -> Result<Arc<Rules>, Error> {
        self.rules.ready().await
    }

    /// The rules and templates an analysis needs (waits for both), or why the analyzer is
    /// unavailable.
    pub async fn analyzer(&self) -> Result<(Arc<Rules>, Arc<TemplateSet>), Error> {
        let rules = self.rules().await?;
        let templates = match self.opened.ready().await {
            Ok(opened) => Arc::clone(&opened.templates),
            Err(e) => return Err(e.clone()),
        };
        Ok((rules, templates))
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

/// WebKitGTK's accelerated compositing gives every scrolling pane of the window (outline,
/// editor, panels, lists) its own tiled layer: about 150 MB more in WebKit's web process at idle
/// (release build under Xvfb: 357 MB with it, 211 MB without; README's speed table). The window
/// draws these panes without it, so it is off unless the user has set
/// `WEBKIT_DISABLE_COMPOSITING_MODE` (to `0` for GPU compositing). The e2e tests run with it off;
/// WebKit's WebDriver screenshot can then hang, and the driver grabs the Xvfb screen instead.
/// Called first thing, before any thread starts and before WebKit reads its environment.
#[cfg(target_os = "linux")]
fn webkit_defaults() {
    const COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(COMPOSITING).is_none() {
        std::env::set_var(COMPOSITING, "1");
    }
}

fn main() {
    memory::limit_arenas();
    #[cfg(target_os = "linux")]
    webkit_defaults();
    // The library opens while the window and its page load.
    let state = AppState {
        opened: Arc::default(),
        rules: Arc::default(),
        last_file: Mutex::new(None),
    };
    startup::start(&state.opened, &state.rules);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .on_window_event(on_window_event)
        .manage(state)
        .manage(redlines::RedlineCache::default())
        .invoke_handler(tauri::generate_handler![
            commands::app_ready,
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
