//! `cloudclause export FILE_OR_DRAFT_ID --format docx|html|pdf|md|json --out PATH …`: a draft
//! (or a contract file, analysed on the fly) written with its comments, findings and redline.

use std::path::{Path, PathBuf};

use clap::Args;
use cloudclause_engine::analysis::Rules;
use cloudclause_engine::draft::import::import;
use cloudclause_engine::export::request::{
    export, now_iso, CommentChoice, ExportFormat, ExportRequest, ExportSource, RedlineChoice,
};
use cloudclause_engine::model::DeploymentModel;
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

fn load(
    args: &ExportArgs,
    lib: &mut dyn FnMut() -> Result<Library, Error>,
) -> Result<(ExportSource, Option<Library>), Error> {
    let path = Path::new(&args.source);
    if path.exists() {
        let (name, bytes) = read_file(path)?;
        let imported = import(&name, &bytes)?;
        let title = imported.title.clone().unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default()
        });
        let src = ExportSource {
            title,
            lang: imported.lang,
            model: None,
            doc: imported.doc,
            comments: Vec::new(),
            draft: None,
        };
        // The library is needed only for a redline against the model clauses.
        let lib = if args.redline == "model" {
            Some(lib()?)
        } else {
            None
        };
        return Ok((src, lib));
    }
    let id: i64 = args.source.parse().map_err(|_| Error::Io {
        path: args.source.clone(),
        reason: "no such file (nor a draft id)".into(),
    })?;
    let lib = lib()?;
    Ok((ExportSource::draft(&lib, id)?, Some(lib)))
}

fn request(args: &ExportArgs) -> Result<ExportRequest, Error> {
    let format = match args.format.as_str() {
        "docx" => ExportFormat::Docx,
        "html" => ExportFormat::Html,
        "pdf" => ExportFormat::Pdf,
        "md" => ExportFormat::Md,
        _ => ExportFormat::Json,
    };
    let comments = match args.comments.as_str() {
        "findings" => CommentChoice::Findings,
        "draft" => CommentChoice::Draft,
        "none" => CommentChoice::None,
        _ => CommentChoice::All,
    };
    let redline = match args.redline.as_str() {
        "none" => RedlineChoice::None,
        "model" => RedlineChoice::Model,
        v => RedlineChoice::Version(v.parse().map_err(|_| Error::InvalidInput {
            message: format!("--redline {v}: give model, a version number of the draft (see `cloudclause draft versions ID`) or none"),
        })?),
    };
    Ok(ExportRequest {
        format,
        comments,
        redline,
        appendix: args.appendix,
        author: args.author.clone(),
        model: args.model.as_deref().and_then(DeploymentModel::parse),
    })
}

pub fn run(
    args: &ExportArgs,
    files_: &TemplateFiles,
    mut lib: impl FnMut() -> Result<Library, Error>,
) -> Result<(), Error> {
    let req = request(args)?;
    let (src, lib) = load(args, &mut lib)?;
    let set = templates::load(files_)?;
    let rules = Rules::load(files_)?;
    let out = export(lib.as_ref(), &rules, &set, &src, &req, &now_iso())?;
    if req.format == ExportFormat::Pdf {
        return pdf(&out.bytes, &args.out);
    }
    files::write_atomic(&args.out, &out.bytes)?;
    println!(
        "wrote {} ({} bytes, {} comments)",
        args.out.display(),
        out.bytes.len(),
        out.comments
    );
    Ok(())
}

/// PDF through a locally installed Chromium or Chrome printing the HTML report (no network).
fn pdf(html: &[u8], out: &Path) -> Result<(), Error> {
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
    files::write_atomic(&page, html)?;
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
