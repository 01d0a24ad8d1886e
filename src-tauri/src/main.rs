//! The CloudClause desktop app: a Tauri window over the engine. This crate holds thin command
//! adapters only; every rule lives in `cloudclause-engine`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::sync::Mutex;

use cloudclause_engine::analysis::Rules;
use cloudclause_engine::library::{Library, SeedReport};
use cloudclause_engine::templates::TemplateFiles;
use cloudclause_engine::{db, Error};

/// The app's state: the open library, or why it could not be opened (shown in the window).
pub struct AppState {
    pub library: Mutex<Option<Library>>,
    /// The analyzer's rules, compiled once.
    pub rules: Result<Rules, Error>,
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

fn open_state() -> AppState {
    let rules = Rules::load(&TemplateFiles::builtin());
    let opened = db::default_path().and_then(|path| {
        let (lib, seed) = Library::open(&path, &TemplateFiles::builtin())?;
        Ok((lib, seed, path.display().to_string()))
    });
    match opened {
        Ok((lib, seed, database)) => AppState {
            library: Mutex::new(Some(lib)),
            rules,
            last_file: Mutex::new(None),
            seed,
            database,
            startup_error: None,
        },
        Err(e) => {
            eprintln!("cloudclause-app: {e}");
            AppState {
                library: Mutex::new(None),
                rules,
                last_file: Mutex::new(None),
                seed: SeedReport::default(),
                database: String::new(),
                startup_error: Some(e),
            }
        }
    }
}

fn main() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(open_state())
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
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("cloudclause-app: the window could not start: {e}");
        std::process::exit(1);
    }
}
