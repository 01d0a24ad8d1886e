//! PDF from the app: the engine's HTML report (inline CSS, no scripts, all text escaped) opened
//! in a separate window and handed to the webview's print operation, whose system dialog saves a
//! PDF ("Print to File" on Linux/WebKitGTK, "Save as PDF" on macOS and Windows). The window has
//! no capabilities (capabilities/main.json grants the `main` window only), so the report page
//! cannot call any command. The print can't be driven without the dialog here, so it is not
//! part of the end-to-end tests; the CLI's `export --format pdf` prints headless through Chromium.

use std::sync::atomic::{AtomicU32, Ordering};

use cloudclause_engine::{files, Error};
use tauri::webview::PageLoadEvent;
use tauri::{Url, WebviewUrl, WebviewWindowBuilder};

static PRINTS: AtomicU32 = AtomicU32::new(0);

fn window_error(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput {
        message: format!("the print window could not open ({e}); export the HTML report and print it from a browser"),
    }
}

/// Opens `html` in a new window and starts printing it once it has loaded.
pub fn print_html(app: &tauri::AppHandle, title: &str, html: &[u8]) -> Result<(), Error> {
    let n = PRINTS.fetch_add(1, Ordering::SeqCst) + 1;
    let dir = std::env::temp_dir().join("cloudclause-print");
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let file = dir.join(format!("report-{}-{n}.html", std::process::id()));
    files::write_atomic(&file, html)?;
    let url = Url::from_file_path(&file).map_err(|()| window_error("not a file path"))?;
    WebviewWindowBuilder::new(app, format!("print-{n}"), WebviewUrl::External(url))
        .title(format!("{title} — PDF"))
        .inner_size(900.0, 1000.0)
        .on_page_load(|window, payload| {
            if payload.event() == PageLoadEvent::Finished {
                if let Err(e) = window.print() {
                    eprintln!("cloudclause-app: printing the report failed: {e}");
                }
            }
        })
        .build()
        .map_err(window_error)?;
    Ok(())
}
