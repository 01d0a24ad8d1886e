//! `draft_export`: a stored draft exported as DOCX, the HTML report, PDF (the report printed by
//! the webview), Markdown or JSON. The export runs on a worker thread; the file is chosen in a
//! native save dialog here (GTK asks before overwriting) and written atomically. The page never
//! passes a path.
//!
//! Tests: a debug build honours `CLOUDCLAUSE_EXPORT_DIR` and writes there under the suggested
//! name without a dialog; release builds ignore the variable.

use std::path::PathBuf;

use cloudclause_engine::export::request::{
    export, now_iso, ExportFormat, ExportOutcome, ExportRequest, ExportSource, RedlineChoice,
};
use cloudclause_engine::{files, Error};
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::with;
use crate::AppState;

type Res<T> = Result<T, Error>;

/// The folder a debug build writes exports to without asking (end-to-end tests).
#[cfg(debug_assertions)]
fn export_dir() -> Option<PathBuf> {
    std::env::var_os("CLOUDCLAUSE_EXPORT_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
fn export_dir() -> Option<PathBuf> {
    None
}

/// A file name from the draft's title: letters (any script), digits, `-`, `_`, `.` and spaces.
pub fn suggested_name(title: &str, extension: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if stem.is_empty() { "draft" } else { stem };
    format!("{stem}.{extension}")
}

fn filter_label(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Docx => "Word document",
        ExportFormat::Html => "HTML report",
        ExportFormat::Pdf => "PDF",
        ExportFormat::Md => "Markdown",
        ExportFormat::Json => "JSON",
    }
}

fn stopped(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput {
        message: format!("the export stopped unexpectedly ({e}); try again"),
    }
}

/// Exports the stored draft `id` (the page saves it first). `path` is `None` when the user
/// cancelled the save dialog; a PDF opens the report in a print window instead.
#[tauri::command]
pub async fn draft_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i64,
    request: ExportRequest,
) -> Res<ExportOutcome> {
    let (rules, templates) = state.analyzer().await?;
    let (src, author) = with(&state, |lib| {
        Ok((ExportSource::draft(lib, id)?, lib.settings()?.author))
    })?;
    let mut req = request;
    if req.author.trim().is_empty() {
        req.author = if author.trim().is_empty() {
            "CloudClause".into()
        } else {
            author
        };
    }
    let format = req.format;
    let title = src.title.clone();
    let worker = app.clone();
    let exported = tauri::async_runtime::spawn_blocking(move || {
        let date = now_iso();
        if req.redline == RedlineChoice::None {
            // No library needed: saves go on while the export works.
            return export(None, &rules, &templates, &src, &req, &date);
        }
        let state = worker.state::<AppState>();
        with(&state, |lib| {
            export(Some(&*lib), &rules, &templates, &src, &req, &date)
        })
    })
    .await
    .map_err(stopped)??;
    let comments = u32::try_from(exported.comments).unwrap_or(u32::MAX);
    let name = suggested_name(&title, format.extension());
    if format == ExportFormat::Pdf {
        crate::print::print_html(&app, &title, &exported.bytes)?;
        return Ok(ExportOutcome {
            format,
            path: None,
            comments,
            printed: true,
        });
    }
    let target = match export_dir() {
        Some(dir) => Some(dir.join(&name)),
        None => app
            .dialog()
            .file()
            .add_filter(filter_label(format), &[format.extension()])
            .set_file_name(&name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let path = match target {
        Some(path) => {
            files::write_atomic(&path, &exported.bytes)?;
            Some(path.display().to_string())
        }
        None => None,
    };
    Ok(ExportOutcome {
        format,
        path,
        comments,
        printed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::suggested_name;

    #[test]
    fn suggested_names_keep_cjk_and_drop_path_characters() {
        assert_eq!(
            suggested_name("SaaS 订阅协议", "docx"),
            "SaaS 订阅协议.docx"
        );
        assert_eq!(suggested_name("../etc/passwd", "md"), "_etc_passwd.md");
        assert_eq!(suggested_name("  ", "json"), "draft.json");
        assert_eq!(suggested_name("a/b\\c:d", "html"), "a_b_c_d.html");
    }
}
