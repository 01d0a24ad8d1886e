//! `cloudclause`: the CloudClause engine on the command line, for headless use, tests and
//! automation. The interface is stable: checks and scripts depend on it. Results go to stdout;
//! errors go to stderr with a non-zero exit (1 for a failed operation, 2 for a usage error).
//! A signal that stops it (SIGTERM, SIGINT, SIGHUP) is said on stderr too, and the process then
//! ends by that signal; only SIGKILL, which no program can catch, ends it without a word.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use cloudclause_engine::error::TemplateProblem;
use cloudclause_engine::library::{Library, PACK_LIMIT, PACK_TOO_LARGE};
use cloudclause_engine::model::*;
use cloudclause_engine::templates::{self, TemplateFiles};
use cloudclause_engine::{db, files, Error};

mod draft;
mod export;
mod output;
mod redline;

#[derive(Parser)]
#[command(
    name = "cloudclause",
    version,
    about = "CloudClause (云约): cloud contract drafting and review, offline"
)]
struct Cli {
    /// The library database (default: the app's database in the OS app-data folder, or $CLOUDCLAUSE_DB).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// A templates folder to seed from instead of the built-in playbook.
    #[arg(long, global = true, value_name = "DIR")]
    templates: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The clause library: list, search, show, export and import.
    #[command(subcommand)]
    Library(LibraryCmd),
    /// Validate a templates folder (default: the built-in one) and report every problem.
    #[command(subcommand)]
    Templates(TemplatesCmd),
    /// Analyse a contract (DOCX, Markdown or text): who is responsible for each security layer,
    /// which personal-information terms are missing, which commercial terms are against the customer.
    Analyze {
        /// A contract file, or the id of a draft.
        #[arg(value_name = "FILE_OR_DRAFT_ID")]
        file: String,
        /// The deployment model; detected from the text when omitted.
        #[arg(long, value_parser = ["iaas", "paas", "saas"])]
        model: Option<String>,
        /// Whose side the review takes.
        #[arg(long, value_parser = ["customer", "provider"], default_value = "customer")]
        perspective: String,
        #[arg(long)]
        json: bool,
    },
    /// Contract drafts: new from a template, import, list, show, versions, restore.
    #[command(subcommand)]
    Draft(draft::DraftCmd),
    /// Export a draft or a contract file: DOCX with comments and tracked changes, an HTML or
    /// PDF report, Markdown or JSON.
    Export(export::ExportArgs),
    /// Copy the whole database (library, drafts, versions, comments) to a file.
    Backup { file: PathBuf },
    /// Replace the whole database with a backup; the current one is kept beside it first
    /// (`<database>.before-restore.bak`).
    Restore { file: PathBuf },
    /// Redline a draft against the model clauses of the library: each clause's model clause,
    /// similarity, runner-up and changes; the topics the draft lacks.
    Diff(redline::DiffArgs),
    /// Redline two versions of a contract clause by clause (inserted, deleted, moved, modified).
    Compare(redline::CompareArgs),
    /// Where the database is, its schema version and what it holds.
    Info {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Clone, Default)]
struct FilterArgs {
    /// Only clauses serving this topic id (e.g. data.destruction, pi.roles, sla).
    #[arg(long)]
    topic: Option<String>,
    /// Only clauses for this deployment model.
    #[arg(long, value_parser = ["iaas", "paas", "saas"])]
    model: Option<String>,
    /// Only clauses in this position.
    #[arg(long, value_parser = ["preferred", "fallback", "provider_form"])]
    position: Option<String>,
}

#[derive(Subcommand)]
enum LibraryCmd {
    /// List the clauses.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search in Chinese and English (two-character Chinese queries included).
    Search {
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
        /// Search only the Chinese or only the English text.
        #[arg(long, value_parser = ["zh", "en"])]
        lang: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Show one clause in both languages.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The stored versions of a clause, newest first.
    Versions {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Write the whole library to a JSON pack.
    Export { file: PathBuf },
    /// Import a JSON pack: all or nothing.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum TemplatesCmd {
    /// Validate the templates and print each problem as PATH:LINE: REASON.
    Check { dir: Option<PathBuf> },
}

fn main() -> ExitCode {
    #[cfg(unix)]
    report_stop_signals();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cloudclause: {e}");
            ExitCode::from(1)
        }
    }
}

/// A CLI that another program stops (`kill`, `pkill`, a test runner's clean-up; Ctrl+C; the
/// terminal closing) says so on stderr instead of vanishing without a word, then ends by the same
/// signal, so that whoever ran it sees the real exit status. Every database write is one
/// transaction: the database keeps only what was committed. The watcher thread registers the
/// signals itself (a registration left without a reader would make the CLI ignore them), and
/// `main` goes on once it has; if it cannot start, the CLI works as before and a signal ends it
/// silently.
#[cfg(unix)]
fn report_stop_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::low_level::{emulate_default_handler, signal_name};
    let (registered, watching) = std::sync::mpsc::sync_channel(1);
    let watcher = std::thread::Builder::new()
        .name("stop-signals".into())
        .spawn(move || {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])
            else {
                return;
            };
            let _ = registered.send(());
            if let Some(signal) = signals.forever().next() {
                eprintln!(
                    "cloudclause: stopped by {} before it finished (sent by another program or the terminal); the database keeps only what was committed",
                    signal_name(signal).unwrap_or("a signal")
                );
                // Ends the process by that signal; should that fail, by the shell's code for it.
                let _ = emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    if watcher.is_ok() {
        // An error here means the watcher gave up without registering anything.
        let _ = watching.recv();
    }
}

fn template_files(dir: &Option<PathBuf>) -> Result<TemplateFiles, Error> {
    match dir {
        Some(d) => TemplateFiles::from_dir(d),
        None => Ok(TemplateFiles::builtin()),
    }
}

fn open_library(cli: &Cli) -> Result<Library, Error> {
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => db::default_path()?,
    };
    let (lib, report) = Library::open(&path, &template_files(&cli.templates)?)?;
    // Template problems are reported when the templates are (re)loaded into the database.
    for p in report.problems.iter().filter(|_| report.ran) {
        eprintln!("cloudclause: warning: skipped {p}");
    }
    Ok(lib)
}

fn filter(f: &FilterArgs, lang: Option<&str>) -> ClauseFilter {
    ClauseFilter {
        topic: f.topic.clone(),
        model: f.model.as_deref().and_then(DeploymentModel::parse),
        position: f.position.as_deref().and_then(Position::parse),
        lang: lang.and_then(Lang::parse),
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Templates(TemplatesCmd::Check { dir }) => {
            let files = template_files(&dir.clone().or_else(|| cli.templates.clone()))?;
            let mut set = templates::load(&files)?;
            // The analyzer's playbook: its syntax, and each pattern list's regex built now
            // (the analyzer builds them on first use).
            match cloudclause_engine::analysis::Rules::load(&files) {
                Ok(rules) => set
                    .problems
                    .extend(rules.check().into_iter().map(|message| TemplateProblem {
                        path: format!("templates/{}", cloudclause_engine::analysis::RULES_PATH),
                        line: 0,
                        message,
                    })),
                Err(Error::InvalidTemplates { problems }) => set.problems.extend(problems),
                Err(e) => return Err(e),
            }
            for p in &set.problems {
                println!("{p}");
            }
            println!(
                "{}: {} clause templates, {} contract templates, {} variables, {} topics; {} problem(s)",
                files.origin,
                set.clauses.len(),
                set.contracts.len(),
                set.variables.len(),
                set.model.topics.len(),
                set.problems.len()
            );
            if set.problems.is_empty() {
                Ok(())
            } else {
                Err(Error::InvalidTemplates {
                    problems: set.problems,
                })
            }
        }
        Command::Info { json } => {
            let lib = open_library(&cli)?;
            let path = match &cli.db {
                Some(p) => p.clone(),
                None => db::default_path()?,
            };
            let stats = lib.stats()?;
            if *json {
                output::json(&serde_json::json!({
                    "database": path.display().to_string(),
                    "schema_version": db::schema_version(),
                    "stats": stats,
                    "contract_templates": lib.templates().contracts.iter().map(|c| &c.id).collect::<Vec<_>>(),
                }))
            } else {
                println!("database: {}", path.display());
                println!("schema version: {}", db::schema_version());
                println!(
                    "clauses: {} ({} seeded, {} edited, {} user; {} with a newer template)",
                    stats.clauses, stats.seeded, stats.edited, stats.user, stats.updates_available
                );
                Ok(())
            }
        }
        Command::Analyze {
            file,
            model,
            perspective,
            json,
        } => {
            let (doc, draft_model) = draft::load_document(file, || open_library(&cli))?;
            let files = template_files(&cli.templates)?;
            let set = templates::load(&files)?;
            let rules = cloudclause_engine::analysis::Rules::load(&files)?;
            let opts = cloudclause_engine::analysis::Options {
                model: model
                    .as_deref()
                    .and_then(DeploymentModel::parse)
                    .or(draft_model),
                perspective: if perspective == "provider" {
                    cloudclause_engine::analysis::Perspective::Provider
                } else {
                    cloudclause_engine::analysis::Perspective::Customer
                },
            };
            let report = cloudclause_engine::analysis::analyze(&doc, &rules, &set, opts);
            if *json {
                output::json(&report)
            } else {
                output::report(&report);
                Ok(())
            }
        }
        Command::Library(cmd) => {
            let mut lib = open_library(&cli)?;
            library(&mut lib, cmd)
        }
        Command::Backup { file } => {
            let lib = open_library(&cli)?;
            lib.backup(file)?;
            println!("backed up the database to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let path = match &cli.db {
                Some(p) => p.clone(),
                None => db::default_path()?,
            };
            // Checked before the database is even opened: a bad file changes nothing.
            db::check_backup(file)?;
            let mut lib = open_library(&cli)?;
            let mut safety = path.as_os_str().to_owned();
            safety.push(".before-restore.bak");
            let safety = PathBuf::from(safety);
            lib.restore(file, &safety)?;
            println!(
                "restored {} from {}; the previous database was kept at {}",
                path.display(),
                file.display(),
                safety.display()
            );
            Ok(())
        }
        Command::Export(args) => export::run(args, &template_files(&cli.templates)?, || {
            open_library(&cli)
        }),
        Command::Draft(cmd) => {
            let mut lib = open_library(&cli)?;
            draft::run(&mut lib, &template_files(&cli.templates)?, cmd)
        }
        Command::Diff(args) => {
            redline::diff(&open_library(&cli)?, &template_files(&cli.templates)?, args)
        }
        Command::Compare(args) => redline::compare(args, || open_library(&cli)),
    }
}

fn library(lib: &mut Library, cmd: &LibraryCmd) -> Result<(), Error> {
    match cmd {
        LibraryCmd::List { filter: f, json } => {
            if let Some(t) = &f.topic {
                if lib.reference_model().topic(t).is_none() {
                    return Err(Error::InvalidInput {
                        message: format!(
                            "unknown topic id \"{t}\"; see templates/model/reference-model.toml"
                        ),
                    });
                }
            }
            if *json {
                output::json(&lib.list_clauses(&filter(f, None))?)
            } else {
                output::summaries(&lib.list(&filter(f, None))?);
                Ok(())
            }
        }
        LibraryCmd::Search {
            query,
            filter: f,
            lang,
            limit,
            json,
        } => {
            let hits = lib.search(query, &filter(f, lang.as_deref()), *limit)?;
            if *json {
                let full = hits
                    .iter()
                    .map(|h| {
                        let clause = lib.get(&h.clause.id)?;
                        Ok(serde_json::json!({ "clause": clause, "score": h.score, "snippets": h.snippets }))
                    })
                    .collect::<Result<Vec<_>, Error>>()?;
                // Each hit is the full clause with its score and snippets.
                let flat: Vec<serde_json::Value> = full
                    .into_iter()
                    .map(|mut v| {
                        let mut obj = v["clause"].take();
                        if let Some(o) = obj.as_object_mut() {
                            o.insert("score".into(), v["score"].take());
                            o.insert("snippets".into(), v["snippets"].take());
                        }
                        obj
                    })
                    .collect();
                output::json(&flat)
            } else {
                output::hits(&hits);
                Ok(())
            }
        }
        LibraryCmd::Show { id, json } => {
            let c = lib.get(id)?;
            if *json {
                output::json(&c)
            } else {
                output::clause(&c, lib.reference_model());
                Ok(())
            }
        }
        LibraryCmd::Versions { id, json } => {
            let v = lib.versions(id)?;
            if *json {
                output::json(&v)
            } else {
                for x in &v {
                    println!(
                        "{}\t{}\t{}\t{}",
                        x.version, x.created_at, x.source, x.content.title.zh
                    );
                }
                Ok(())
            }
        }
        LibraryCmd::Export { file } => {
            let pack = lib.export_pack()?;
            let text = serde_json::to_string_pretty(&pack).map_err(|e| Error::InvalidInput {
                message: e.to_string(),
            })?;
            files::write_atomic(file, text.as_bytes())?;
            println!(
                "exported {} clauses to {}",
                pack.clauses.len(),
                file.display()
            );
            Ok(())
        }
        LibraryCmd::Import { file } => {
            let bytes = files::read_limited(file, PACK_LIMIT, |_| Error::InvalidPack {
                reason: PACK_TOO_LARGE.into(),
            })?;
            let text = String::from_utf8(bytes).map_err(|_| Error::InvalidPack {
                reason: "the file is not UTF-8 text".into(),
            })?;
            let r = lib.import_pack(&text)?;
            println!(
                "imported {}: {} added, {} updated, {} unchanged",
                file.display(),
                r.added,
                r.updated,
                r.unchanged
            );
            Ok(())
        }
    }
}
