//! `cloudclause diff` (a draft against the model clauses of the library) and `cloudclause
//! compare` (two versions clause by clause): JSON for scripts, a readable `[-deleted-]
//! {+inserted+}` redline for people, and for `compare` a self-contained HTML page.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use cloudclause_engine::analysis::Rules;
use cloudclause_engine::library::Library;
use cloudclause_engine::model::ClauseFilter;
use cloudclause_engine::redline::{
    self, AlignOptions, Alignment, ChangeKind, ClauseIndex, Comparison, Op, OpKind, RedlineOptions,
};
use cloudclause_engine::templates::TemplateFiles;
use cloudclause_engine::{files, Error};

use crate::output;

#[derive(Args)]
pub struct DiffArgs {
    /// The draft: a DOCX, Markdown or text file, or the id of a draft in the database.
    #[arg(value_name = "FILE_OR_DRAFT_ID")]
    file: String,
    /// Least similarity (0-1) for a model clause to count as the draft clause's counterpart.
    #[arg(long, default_value_t = AlignOptions::default().threshold)]
    threshold: f64,
    /// Show white space, numbering, punctuation width and quote styles as changes.
    #[arg(long)]
    show_formatting: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct CompareArgs {
    /// The earlier version: a file, a draft id (its current text) or DRAFT_ID@VERSION.
    old: String,
    /// The later version, the same way.
    new: String,
    /// Show white space, numbering, punctuation width and quote styles as changes.
    #[arg(long)]
    show_formatting: bool,
    #[arg(long, conflicts_with = "html")]
    json: bool,
    /// Write the redline as a self-contained HTML page to this file.
    #[arg(long, value_name = "OUT")]
    html: Option<PathBuf>,
}

/// `cloudclause diff FILE`.
pub fn diff(lib: &Library, templates: &TemplateFiles, args: &DiffArgs) -> Result<(), Error> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(Error::InvalidInput {
            message: format!(
                "--threshold {} is out of range; give a similarity between 0 and 1",
                args.threshold
            ),
        });
    }
    let (doc, _) = crate::draft::document(&args.file, Some(lib))?;
    let index = ClauseIndex::new(lib.list_clauses(&ClauseFilter::default())?);
    let rules = Rules::load(templates)?;
    let opts = AlignOptions {
        show_formatting: args.show_formatting,
        threshold: args.threshold,
    };
    let alignment = redline::align(&doc, &index, Some(&rules), &opts)?;
    if args.json {
        output::json(&alignment)
    } else {
        print_alignment(&alignment);
        Ok(())
    }
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn print_alignment(a: &Alignment) {
    let mut out = std::io::stdout().lock();
    for x in &a.alignments {
        let clause = if x.clause.is_empty() {
            "(preamble)"
        } else {
            x.clause.as_str()
        };
        let _ = match &x.model_clause {
            Some(id) => {
                let runner = x.runner_up.as_ref().map_or(String::new(), |r| {
                    format!("; runner-up {} {:.2}", r.model_clause, r.similarity)
                });
                writeln!(
                    out,
                    "{clause}  {id}  similarity {:.2}{runner}",
                    x.similarity
                )
            }
            None => {
                let nearest = x.runner_up.as_ref().map_or(String::new(), |r| {
                    format!(" (nearest {} {:.2})", r.model_clause, r.similarity)
                });
                writeln!(out, "{clause}  no model clause{nearest}")
            }
        };
        if x.model_clause.is_some() {
            let _ = writeln!(out, "{}\n", indent(&redline::to_plain(&x.ops)));
        }
    }
    let matched = a
        .alignments
        .iter()
        .filter(|x| x.model_clause.is_some())
        .count();
    let _ = writeln!(
        out,
        "{} clause(s), {matched} with a model clause",
        a.alignments.len()
    );
    let missing = if a.missing_topics.is_empty() {
        "none".to_string()
    } else {
        a.missing_topics.join(", ")
    };
    let _ = writeln!(out, "missing topics: {missing}");
}

/// `cloudclause compare OLD NEW`.
pub fn compare(
    args: &CompareArgs,
    lib: impl FnOnce() -> Result<Library, Error>,
) -> Result<(), Error> {
    // The database is opened only if a draft is named.
    let needs_db = [&args.old, &args.new]
        .iter()
        .any(|a| !Path::new(a.as_str()).exists());
    let lib = if needs_db { Some(lib()?) } else { None };
    let (old, _) = crate::draft::document(&args.old, lib.as_ref())?;
    let (new, _) = crate::draft::document(&args.new, lib.as_ref())?;
    let c = redline::compare(
        &old,
        &new,
        &RedlineOptions {
            show_formatting: args.show_formatting,
        },
    );
    if let Some(out) = &args.html {
        let page = html(&c, &args.old, &args.new);
        files::write_atomic(out, page.as_bytes())?;
        println!("wrote {}", out.display());
        return Ok(());
    }
    if args.json {
        return output::json(&c);
    }
    let mut out = std::io::stdout().lock();
    for x in &c.changes {
        let (old_n, new_n) = (
            x.old_clause.as_deref().unwrap_or(""),
            x.new_clause.as_deref().unwrap_or(""),
        );
        let moved = x.moved.map_or(String::new(), |m| format!(" #{m}"));
        let head = match x.kind {
            ChangeKind::Unchanged => continue,
            ChangeKind::Modified if old_n == new_n => {
                format!("~ {new_n} modified ({:.2})", x.similarity)
            }
            ChangeKind::Modified => {
                format!("~ {new_n} modified, was {old_n} ({:.2})", x.similarity)
            }
            ChangeKind::Inserted => format!("+ {new_n} inserted"),
            ChangeKind::Deleted => format!("- {old_n} deleted"),
            ChangeKind::Moved => format!("> {new_n} moved here from {old_n}{moved}"),
            ChangeKind::MovedAway => format!("< {old_n} moved to {new_n}{moved}"),
        };
        let _ = writeln!(out, "{head}");
        if !x.ops.is_empty() {
            let _ = writeln!(out, "{}\n", indent(&redline::to_plain(&x.ops)));
        }
    }
    let s = c.stats;
    let _ = writeln!(
        out,
        "{} unchanged, {} modified, {} inserted, {} deleted, {} moved",
        s.unchanged, s.modified, s.inserted, s.deleted, s.moved
    );
    Ok(())
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#222}\
h1{font-size:1.2rem}.stats{color:#555}.clause{white-space:pre-wrap;margin:.2rem 0;padding:.2rem .5rem;border-left:3px solid transparent}\
.modified{border-color:#d9a400}.inserted{border-color:#2a7a2a}.deleted{border-color:#b00020}.moved,.moved_away{border-color:#3558c8}\
.tag{font:600 .75rem system-ui,sans-serif;color:#555;margin-right:.5rem}\
del{color:#b00020;text-decoration:line-through}ins{color:#1a5c1a;text-decoration:underline}\
.mv{color:#3558c8;text-decoration-color:#3558c8}.away{color:#3558c8;font-style:italic}";

fn html_ops(ops: &[Op], out: &mut String) {
    for o in ops {
        let moved = o.moved.map_or(String::new(), |m| {
            format!(" class=\"mv\" title=\"moved #{m}\"")
        });
        let _ = match o.op {
            OpKind::Equal => write!(out, "{}", escape(&o.text)),
            OpKind::Delete => write!(out, "<del{moved}>{}</del>", escape(&o.text)),
            OpKind::Insert => write!(out, "<ins{moved}>{}</ins>", escape(&o.text)),
        };
    }
}

/// The comparison as one self-contained HTML page: inline CSS, no scripts, all text escaped.
pub fn html(c: &Comparison, old_name: &str, new_name: &str) -> String {
    let mut out = String::new();
    let s = c.stats;
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>\n\
         <h1>{title}</h1>\n<p class=\"stats\">{} unchanged · {} modified · {} inserted · {} deleted · {} moved</p>\n",
        s.unchanged,
        s.modified,
        s.inserted,
        s.deleted,
        s.moved,
        title = escape(&format!("{old_name} → {new_name}")),
    );
    for x in &c.changes {
        let kind = serde_json::to_value(x.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let (old_n, new_n) = (
            escape(x.old_clause.as_deref().unwrap_or("")),
            escape(x.new_clause.as_deref().unwrap_or("")),
        );
        let moved = x.moved.map_or(String::new(), |m| format!(" #{m}"));
        let tag = match x.kind {
            ChangeKind::Unchanged => String::new(),
            ChangeKind::Modified => "modified".to_string(),
            ChangeKind::Inserted => "inserted".to_string(),
            ChangeKind::Deleted => "deleted".to_string(),
            ChangeKind::Moved => format!("moved from {old_n}{moved}"),
            ChangeKind::MovedAway => format!("moved to {new_n}{moved}"),
        };
        let _ = write!(out, "<div class=\"clause {kind}\">");
        if !tag.is_empty() {
            let _ = write!(out, "<span class=\"tag\">{tag}</span>");
        }
        if x.kind == ChangeKind::MovedAway {
            let _ = write!(
                out,
                "<span class=\"away\">[{old_n} moved to {new_n}]</span>"
            );
        }
        html_ops(&x.ops, &mut out);
        out.push_str("</div>\n");
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
