//! One export, as the CLI and the app ask for it: a draft (or a file read as one), which
//! comments, which redline, which format. Analyses the text, anchors the findings, computes the
//! tracked changes and writes the bytes. PDF is the caller's (the app prints the HTML report in
//! its webview; the CLI hands it to a local Chromium).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{docx, findings, html, tracked};
use crate::analysis::{self, Options, Perspective, Report, Rules};
use crate::comments::DraftComment;
use crate::draft::render::{to_document, to_markdown};
use crate::draft::DraftDoc;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{ClauseFilter, DeploymentModel, Lang};
use crate::redline::{self, AlignOptions, ClauseIndex};
use crate::templates::TemplateSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Docx,
    Html,
    Pdf,
    Md,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Html => "html",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Md => "md",
            ExportFormat::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CommentChoice {
    Findings,
    Draft,
    All,
    None,
}

/// Tracked changes against the model clauses, against a stored version, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "version", rename_all = "lowercase")]
pub enum RedlineChoice {
    None,
    Model,
    Version(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub comments: CommentChoice,
    pub redline: RedlineChoice,
    pub appendix: bool,
    /// Author of the finding comments and of the tracked changes.
    pub author: String,
    /// The deployment model to analyse for; the draft's (or detected) when absent.
    pub model: Option<DeploymentModel>,
}

/// What an export from the app did: where it was written (`None`: the user cancelled the save
/// dialog, or a PDF went to the print dialog), how many comments it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportOutcome {
    pub format: ExportFormat,
    pub path: Option<String>,
    pub comments: u32,
    /// PDF: the report was opened in a print window (the system print dialog saves the PDF).
    pub printed: bool,
}

/// What is exported: a stored draft, or a file read as a draft (`draft: None`).
#[derive(Debug, Clone)]
pub struct ExportSource {
    pub title: String,
    pub lang: Lang,
    pub model: Option<DeploymentModel>,
    pub doc: DraftDoc,
    pub comments: Vec<DraftComment>,
    pub draft: Option<i64>,
}

impl ExportSource {
    /// A stored draft with its comments.
    pub fn draft(lib: &Library, id: i64) -> Result<ExportSource> {
        let d = lib.draft(id)?;
        Ok(ExportSource {
            title: d.meta.title,
            lang: d.meta.lang,
            model: d.meta.model,
            doc: d.doc,
            comments: lib.comments(id)?,
            draft: Some(id),
        })
    }
}

/// The written export and the report it rests on.
pub struct Exported {
    pub bytes: Vec<u8>,
    pub comments: usize,
    pub report: Report,
}

/// Writes `src` as `req` asks. `date` stamps finding comments and tracked changes (ISO 8601).
/// For `Pdf` the bytes are the HTML report, to be printed by the caller.
pub fn export(
    lib: Option<&Library>,
    rules: &Rules,
    set: &TemplateSet,
    src: &ExportSource,
    req: &ExportRequest,
    date: &str,
) -> Result<Exported> {
    let rendered = to_document(&src.doc, src.lang, Some(&src.title));
    let opts = Options {
        model: req.model.or(src.model),
        perspective: Perspective::Customer,
    };
    let report = analysis::analyze(&rendered.document, rules, set, opts);
    let (mut doc, mut comments) = (src.doc.clone(), Vec::new());
    if matches!(req.comments, CommentChoice::Draft | CommentChoice::All) {
        comments.extend(src.comments.iter().cloned());
    }
    if matches!(req.comments, CommentChoice::Findings | CommentChoice::All) {
        // With the draft's comments too, a finding already stored as a comment is not repeated.
        let stored: Vec<&str> = comments
            .iter()
            .filter_map(|c| c.source.as_deref())
            .collect();
        let all = findings::findings(&report);
        let chosen: Vec<(String, &findings::Finding)> = all
            .iter()
            .enumerate()
            .filter(|(_, f)| !stored.contains(&findings::finding_comment_id(f).as_str()))
            .map(|(n, f)| (format!("finding-{}", n + 1), f))
            .collect();
        let (annotated, new) =
            findings::anchor_findings(&doc, &rendered.segments, &chosen, src.lang, &req.author);
        doc = annotated;
        comments.extend(new.into_iter().map(|n| DraftComment {
            id: n.id,
            parent: None,
            author: n.author,
            body: n.body,
            resolved: false,
            source: n.source,
            created_at: date.to_string(),
        }));
    }
    let need_lib = || {
        lib.ok_or_else(|| Error::InvalidInput {
            message: "this redline needs the library database".into(),
        })
    };
    let changes = match (req.redline, src.draft) {
        (RedlineChoice::None, _) => HashMap::new(),
        (RedlineChoice::Model, _) => {
            let index = ClauseIndex::new(need_lib()?.list_clauses(&ClauseFilter::default())?);
            let alignment = redline::align(&rendered.document, &index, Some(rules), &AlignOptions::default())?;
            tracked::model_changes(&rendered, &alignment)
        }
        (RedlineChoice::Version(n), Some(id)) => {
            let old = need_lib()?.draft_version(id, n)?;
            tracked::version_changes(&old.doc, &src.doc, src.lang)
        }
        (RedlineChoice::Version(_), None) => {
            return Err(Error::InvalidInput {
                message: "a redline against a version needs a stored draft; import the file first (`cloudclause draft import`)".into(),
            })
        }
    };
    let bytes: Vec<u8> = match req.format {
        ExportFormat::Docx => docx::write(&docx::DocxInput {
            doc: &doc,
            lang: src.lang,
            comments: &comments,
            tracked: &changes,
            author: &req.author,
            date,
            appendix: req.appendix.then_some(&report),
        })?,
        ExportFormat::Html | ExportFormat::Pdf => {
            html::report(&src.title, &report, src.lang).into_bytes()
        }
        ExportFormat::Md => to_markdown(&doc, src.lang).into_bytes(),
        ExportFormat::Json => serde_json::to_vec_pretty(&serde_json::json!({
            "title": src.title, "lang": src.lang, "doc": doc, "comments": comments,
            "findings": findings::findings(&report),
        }))
        .map_err(|e| Error::InvalidInput {
            message: e.to_string(),
        })?,
    };
    Ok(Exported {
        bytes,
        comments: comments.len(),
        report,
    })
}

/// Now as an ISO 8601 UTC timestamp, without a date library.
pub fn now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        let s = now_iso();
        assert_eq!(s.len(), 20);
        assert!(s.starts_with("20") && s.ends_with('Z'));
    }
}
