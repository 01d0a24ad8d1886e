//! `cloudclause draft …`: create, import, list, show, version and restore drafts; and reading a
//! contract from either a file or a draft id for the commands that take `FILE_OR_DRAFT_ID`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use cloudclause_engine::analysis::{self, Options, Perspective, Rules};
use cloudclause_engine::draft::render;
use cloudclause_engine::drafts::{DraftVersion, FromTemplate};
use cloudclause_engine::ingest::{self, Document};
use cloudclause_engine::model::{DeploymentModel, Lang};
use cloudclause_engine::templates::{self, TemplateFiles};
use cloudclause_engine::{files, Error, Library};

use crate::output;

#[derive(Subcommand)]
pub enum DraftCmd {
    /// A new draft from a contract template (see `cloudclause info` for the ids).
    New {
        #[arg(long)]
        template: String,
        #[arg(long, value_parser = ["zh", "en"], default_value = "zh")]
        lang: String,
        /// A placeholder value, e.g. --set customer_name="Acme Ltd." (repeatable).
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        #[arg(long, default_value = "")]
        matter: String,
        #[arg(long, default_value = "")]
        counterpart: String,
        #[arg(long)]
        json: bool,
    },
    /// A new draft from a DOCX, Markdown or text file; prints its id.
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Replace a draft's text with a file's (a new turn of the document); the current text is
    /// kept as a named version first.
    Update { id: i64, file: PathBuf },
    /// The drafts, most recently changed first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// A draft's text.
    Show {
        id: i64,
        #[arg(long, value_parser = ["md", "txt", "json"], default_value = "md")]
        format: String,
        /// Show a stored version instead of the current text.
        #[arg(long)]
        version: Option<u32>,
    },
    /// The stored versions of a draft.
    Versions {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Keep the current text as a named version.
    Save { id: i64, name: String },
    /// Make a version the current text (the current text is kept as a version first).
    Restore { id: i64, version: u32 },
    /// Delete a draft and its versions.
    Delete { id: i64 },
}

fn parse_sets(sets: &[String]) -> Result<BTreeMap<String, String>, Error> {
    sets.iter()
        .map(|s| {
            s.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| Error::InvalidInput {
                    message: format!(
                        "--set {s}: write KEY=VALUE, e.g. --set customer_name=\"Acme Ltd.\""
                    ),
                })
        })
        .collect()
}

/// Reads a contract file within the size limit.
pub fn read_file(file: &Path) -> Result<(String, Vec<u8>), Error> {
    let name = file.display().to_string();
    let bytes = files::read_limited(file, ingest::MAX_INPUT_BYTES as u64, |size| {
        Error::DocumentTooLarge {
            name: name.clone(),
            size_mb: u32::try_from(size.div_ceil(1024 * 1024)).unwrap_or(u32::MAX),
            limit_mb: (ingest::MAX_INPUT_BYTES / (1024 * 1024)) as u32,
        }
    })?;
    Ok((name, bytes))
}

/// A contract to work on: a file if one exists at `arg`, else the draft with that id (its
/// current text), or `ID@N` (version N of draft ID). The library is opened only for a draft.
pub fn load_document(
    arg: &str,
    lib: impl FnOnce() -> Result<Library, Error>,
) -> Result<(Document, Option<DeploymentModel>), Error> {
    if Path::new(arg).exists() {
        return document(arg, None);
    }
    document(arg, Some(&lib()?))
}

/// As `load_document`, with the library already open (or none: files only).
pub fn document(
    arg: &str,
    lib: Option<&Library>,
) -> Result<(Document, Option<DeploymentModel>), Error> {
    let path = Path::new(arg);
    if path.exists() {
        let (name, bytes) = read_file(path)?;
        return Ok((ingest::read(&name, &bytes)?, None));
    }
    let (id, version) = match arg.split_once('@') {
        Some((id, v)) => (id, Some(v)),
        None => (arg, None),
    };
    let not_found = || Error::Io {
        path: arg.to_string(),
        reason: "no such file (nor a draft id, or DRAFT_ID@VERSION)".into(),
    };
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let lib = lib.ok_or_else(not_found)?;
    let (doc, meta) = match version {
        Some(v) => {
            let n: u32 = v.parse().map_err(|_| not_found())?;
            let c = lib.draft_version(id, n)?;
            (c.doc, c.meta)
        }
        None => {
            let d = lib.draft(id)?;
            (d.doc, d.meta)
        }
    };
    Ok((
        render::to_document(&doc, meta.lang, Some(&meta.title)).document,
        meta.model,
    ))
}

/// The deployment model the analyzer detects in a document.
fn detect_model(doc: &Document, files: &TemplateFiles) -> Result<DeploymentModel, Error> {
    let set = templates::load(files)?;
    let rules = Rules::load(files)?;
    let r = analysis::analyze(
        doc,
        &rules,
        &set,
        Options {
            model: None,
            perspective: Perspective::Customer,
        },
    );
    Ok(r.deployment_model)
}

pub fn run(lib: &mut Library, files: &TemplateFiles, cmd: &DraftCmd) -> Result<(), Error> {
    match cmd {
        DraftCmd::New {
            template,
            lang,
            set,
            matter,
            counterpart,
            json,
        } => {
            let req = FromTemplate {
                template: template.clone(),
                lang: Lang::parse(lang).unwrap_or(Lang::Zh),
                matter: matter.clone(),
                counterpart: counterpart.clone(),
                variables: parse_sets(set)?,
            };
            let unknown: Vec<&String> = req
                .variables
                .keys()
                .filter(|k| !lib.templates().variables.iter().any(|v| &v.name == *k))
                .collect();
            if !unknown.is_empty() {
                return Err(Error::InvalidInput {
                    message: format!(
                        "unknown variable(s) {}; the names are in templates/variables/*.toml",
                        unknown
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            let created = lib.draft_from_template(&req)?;
            for id in &created.missing_clauses {
                eprintln!("cloudclause: warning: clause {id} is no longer in the library and was left out");
            }
            if *json {
                output::json(
                    &serde_json::json!({ "id": created.draft.id, "missing_clauses": created.missing_clauses }),
                )
            } else {
                println!("{}", created.draft.id);
                Ok(())
            }
        }
        DraftCmd::Import { file, json } => {
            let (name, bytes) = read_file(file)?;
            // Read first: a file that is not a contract is refused before anything is stored.
            let doc = ingest::read(&name, &bytes)?;
            let model = detect_model(&doc, files)?;
            let d = lib.draft_import(&name, &bytes, Some(model))?;
            if *json {
                output::json(&serde_json::json!({ "id": d.id }))
            } else {
                println!("{}", d.id);
                Ok(())
            }
        }
        DraftCmd::Update { id, file } => {
            let (name, bytes) = read_file(file)?;
            let d = lib.draft_replace_from_file(*id, &name, &bytes)?;
            println!(
                "draft {} now holds {} (revision {}); the previous text was kept as a version",
                d.id,
                file.display(),
                d.revision
            );
            Ok(())
        }
        DraftCmd::List { json } => {
            let list = lib.drafts()?;
            if *json {
                return output::json(&list);
            }
            let mut out = std::io::stdout().lock();
            for d in &list {
                let model = d.meta.model.map(|m| m.as_str()).unwrap_or("-");
                let _ = writeln!(
                    out,
                    "{:>4}  {}  {:<4} {:<2}  {:>3} versions  {}",
                    d.id,
                    d.updated_at,
                    model,
                    d.meta.lang.as_str(),
                    d.versions,
                    d.meta.title
                );
            }
            Ok(())
        }
        DraftCmd::Show {
            id,
            format,
            version,
        } => {
            let (doc, meta) = match version {
                Some(v) => {
                    let c = lib.draft_version(*id, *v)?;
                    (c.doc, c.meta)
                }
                None => {
                    let d = lib.draft(*id)?;
                    (d.doc, d.meta)
                }
            };
            match format.as_str() {
                "json" => output::json(&serde_json::json!({ "id": id, "meta": meta, "doc": doc })),
                fmt => {
                    let text = if fmt == "txt" {
                        render::to_text(&doc, meta.lang)
                    } else {
                        render::to_markdown(&doc, meta.lang)
                    };
                    let _ = std::io::stdout().lock().write_all(text.as_bytes());
                    Ok(())
                }
            }
        }
        DraftCmd::Versions { id, json } => {
            let v = lib.draft_versions(*id)?;
            if *json {
                output::json(&v)
            } else {
                print_versions(&v);
                Ok(())
            }
        }
        DraftCmd::Save { id, name } => {
            let v = lib.draft_name_version(*id, name)?;
            println!("saved version {} of draft {id}: {}", v.number, name.trim());
            Ok(())
        }
        DraftCmd::Restore { id, version } => {
            let d = lib.draft_restore(*id, *version)?;
            println!("draft {} now holds version {version} (revision {}); the previous text was kept as a version", d.id, d.revision);
            Ok(())
        }
        DraftCmd::Delete { id } => {
            lib.draft_delete(*id)?;
            println!("deleted draft {id}");
            Ok(())
        }
    }
}

fn print_versions(v: &[DraftVersion]) {
    let mut out = std::io::stdout().lock();
    for x in v {
        let kind = serde_json::to_value(x.kind)
            .ok()
            .and_then(|k| k.as_str().map(String::from))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>4}  {}  {:<14} {}",
            x.number,
            x.created_at,
            kind,
            x.name.as_deref().unwrap_or("")
        );
    }
}
