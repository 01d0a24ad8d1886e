//! `cloudclause export FILE_OR_DRAFT_ID --format docx|html|pdf|md|json --out PATH …`: a draft
//! (or a contract file, analysed on the fly) written with its comments, findings and redline.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::Args;
use cloudclause_engine::analysis::{self, Options, Perspective, Rules};
use cloudclause_engine::comments::{DraftComment, NewComment};
use cloudclause_engine::draft::import::import;
use cloudclause_engine::draft::render::{to_document, to_markdown};
use cloudclause_engine::draft::DraftDoc;
use cloudclause_engine::export::{docx, findings, html, tracked};
use cloudclause_engine::model::{ClauseFilter, DeploymentModel, Lang};
use cloudclause_engine::redline::{self, AlignOptions, ClauseIndex};
use cloudclause_engine::templates::{self, TemplateFiles};
use cloudclause_engine::{files, Error, Library};

use crate::draft::read_file;

#[derive(Args)]
pub struct ExportArgs {
    /// A contract file, or the id of a draft.
    #[arg(value_name = "FILE_OR_DRAFT_ID")]
    source: String,
    #[arg(long, value_parser = ["docx", "html", "pdf", "md", "json"])]
    format: String,
    #[arg(long)]
    out: PathBuf,
    /// Which comments to include: the analyzer's findings, the draft's own, both, or none.
    #[arg(long, value_parser = ["findings", "draft", "all", "none"], default_value = "all")]
    comments: String,
    /// Tracked changes (DOCX) against the library's model clauses, against a stored version
    /// number of the draft, or none.
    #[arg(long, default_value = "none")]
    redline: String,
    /// Add the responsibility matrix and the findings as an appendix (DOCX).
    #[arg(long)]
    appendix: bool,
    #[arg(long, value_parser = ["iaas", "paas", "saas"])]
    model: Option<String>,
    /// Author of the finding comments and tracked changes.
    #[arg(long, default_value = "CloudClause")]
    author: String,
}

struct Source {
    title: String,
    lang: Lang,
    model: Option<DeploymentModel>,
    doc: DraftDoc,
    comments: Vec<DraftComment>,
    draft: Option<i64>,
}

fn load(
    args: &ExportArgs,
    lib: &mut dyn FnMut() -> Result<Library, Error>,
) -> Result<Source, Error> {
    let path = Path::new(&args.source);
    if path.exists() {
        let (name, bytes) = read_file(path)?;
        let imported = import(&name, &bytes)?;
        let title = imported.title.clone().unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default()
        });
        return Ok(Source {
            title,
            lang: imported.lang,
            model: None,
            doc: imported.doc,
            comments: Vec::new(),
            draft: None,
        });
    }
    let id: i64 = args.source.parse().map_err(|_| Error::Io {
        path: args.source.clone(),
        reason: "no such file (nor a draft id)".into(),
    })?;
    let lib = lib()?;
    let d = lib.draft(id)?;
    let comments = lib.comments(id)?;
    Ok(Source {
        title: d.meta.title,
        lang: d.meta.lang,
        model: d.meta.model,
        doc: d.doc,
        comments,
        draft: Some(id),
    })
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
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

pub fn run(
    args: &ExportArgs,
    files_: &TemplateFiles,
    mut lib: impl FnMut() -> Result<Library, Error>,
) -> Result<(), Error> {
    let src = load(args, &mut lib)?;
    let set = templates::load(files_)?;
    let rules = Rules::load(files_)?;
    let rendered = to_document(&src.doc, src.lang, Some(&src.title));
    let opts = Options {
        model: args
            .model
            .as_deref()
            .and_then(DeploymentModel::parse)
            .or(src.model),
        perspective: Perspective::Customer,
    };
    let report = analysis::analyze(&rendered.document, &rules, &set, opts);
    let date = now();
    let (mut doc, mut comments) = (src.doc.clone(), Vec::new());
    if matches!(args.comments.as_str(), "draft" | "all") {
        comments.extend(src.comments.iter().cloned());
    }
    if matches!(args.comments.as_str(), "findings" | "all") {
        let (annotated, new) = findings::findings_as_comments(
            &doc,
            &rendered.segments,
            &report,
            src.lang,
            &args.author,
            "finding-",
        );
        doc = annotated;
        comments.extend(new.into_iter().map(|n: NewComment| DraftComment {
            id: n.id,
            parent: None,
            author: n.author,
            body: n.body,
            resolved: false,
            source: n.source,
            created_at: date.clone(),
        }));
    }
    let tracked = match (args.redline.as_str(), src.draft) {
        ("none", _) => HashMap::new(),
        ("model", _) => {
            let lib = lib()?;
            let index = ClauseIndex::new(lib.list_clauses(&ClauseFilter::default())?);
            let alignment = redline::align(&rendered.document, &index, Some(&rules), &AlignOptions::default())?;
            tracked::model_changes(&rendered, &alignment)
        }
        (v, Some(id)) => {
            let n: u32 = v.parse().map_err(|_| Error::InvalidInput {
                message: format!("--redline {v}: give model, a version number of the draft (see `cloudclause draft versions {id}`) or none"),
            })?;
            let old = lib()?.draft_version(id, n)?;
            tracked::version_changes(&old.doc, &src.doc, src.lang)
        }
        (_, None) => {
            return Err(Error::InvalidInput { message: "--redline VERSION needs a draft id; import the file first (`cloudclause draft import`)".into() })
        }
    };
    let bytes: Vec<u8> = match args.format.as_str() {
        "docx" => docx::write(&docx::DocxInput {
            doc: &doc,
            lang: src.lang,
            comments: &comments,
            tracked: &tracked,
            author: &args.author,
            date: &date,
            appendix: args.appendix.then_some(&report),
        })?,
        "html" => html::report(&src.title, &report, src.lang).into_bytes(),
        "md" => to_markdown(&doc, src.lang).into_bytes(),
        "json" => serde_json::to_vec_pretty(&serde_json::json!({
            "title": src.title, "lang": src.lang, "doc": doc, "comments": comments,
            "findings": findings::findings(&report),
        }))
        .map_err(|e| Error::InvalidInput {
            message: e.to_string(),
        })?,
        _ => return pdf(&src.title, &report, src.lang, &args.out),
    };
    files::write_atomic(&args.out, &bytes)?;
    println!(
        "wrote {} ({} bytes, {} comments)",
        args.out.display(),
        bytes.len(),
        comments.len()
    );
    Ok(())
}

/// PDF through a locally installed Chromium or Chrome printing the HTML report (no network).
fn pdf(title: &str, report: &analysis::Report, lang: Lang, out: &Path) -> Result<(), Error> {
    let browser = ["chromium", "chromium-browser", "google-chrome", "chrome"]
        .iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
        .ok_or_else(|| Error::InvalidInput {
            message: "PDF export from the command line needs Chromium or Chrome on PATH; export --format html and print it, or export the PDF from the app".into(),
        })?;
    let dir = std::env::temp_dir().join(format!("cloudclause-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let page = dir.join("report.html");
    files::write_atomic(&page, html::report(title, report, lang).as_bytes())?;
    let tmp_pdf = dir.join("report.pdf");
    let status = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", tmp_pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .map_err(|e| Error::Io {
            path: browser.to_string(),
            reason: e.to_string(),
        })?;
    let bytes = std::fs::read(&tmp_pdf).map_err(|e| Error::Io {
        path: tmp_pdf.display().to_string(),
        reason: format!("{e}; {}", String::from_utf8_lossy(&status.stderr)),
    })?;
    let _ = std::fs::remove_dir_all(&dir);
    files::write_atomic(out, &bytes)?;
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}
