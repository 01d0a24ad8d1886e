#![allow(clippy::expect_used, clippy::unwrap_used)]
//! DOCX export benchmark (not a timed test): a 200-page annotated draft (the fixture contracts
//! concatenated to about 600,000 characters: 200 pages of 3,000, imported as a draft, every finding anchored as a
//! comment) written as DOCX with the appendix; also the HTML report. Prints medians.
//!
//!     cargo bench -p cloudclause-engine --bench export

use std::collections::HashMap;
use std::time::Instant;

mod common;
use common::{contract_text, median};

use cloudclause_engine::analysis::{self, Options, Perspective, Rules};
use cloudclause_engine::comments::{DraftComment, NewComment};
use cloudclause_engine::draft::import::import;
use cloudclause_engine::draft::render::to_document;
use cloudclause_engine::draft::{CommentAttrs, Mark};
use cloudclause_engine::export::{docx, findings, html, marks};
use cloudclause_engine::templates::{self, TemplateFiles};

fn main() {
    let text = contract_text(600_000, false);
    let files = TemplateFiles::builtin();
    let set = templates::load(&files).unwrap();
    let rules = Rules::load(&files).unwrap();
    let imported = import("big.md", text.as_bytes()).unwrap();
    let rendered = to_document(&imported.doc, imported.lang, None);
    let report = analysis::analyze(
        &rendered.document,
        &rules,
        &set,
        Options {
            model: None,
            perspective: Perspective::Customer,
        },
    );
    let (mut doc, new) = findings::findings_as_comments(
        &imported.doc,
        &rendered.segments,
        &report,
        imported.lang,
        "Bench",
        "f",
    );
    // Also a reviewer's comment on every 20th text block.
    let mut notes = Vec::new();
    for (k, seg) in rendered.segments.iter().enumerate().step_by(20) {
        let id = format!("n{k}");
        let mark = Mark::Comment {
            attrs: CommentAttrs { id: id.clone() },
        };
        if marks::add_mark(&mut doc, &seg.path, 0, (seg.len as usize).min(40), &mark) {
            notes.push(NewComment {
                id,
                parent: None,
                author: "Reviewer".into(),
                body: "Please check this wording against our playbook.".into(),
                source: None,
            });
        }
    }
    let comments: Vec<DraftComment> = new
        .into_iter()
        .chain(notes)
        .map(|n| DraftComment {
            id: n.id,
            parent: None,
            author: n.author,
            body: n.body,
            resolved: false,
            source: n.source,
            created_at: "2026-11-28T00:00:00Z".into(),
        })
        .collect();
    assert!(comments.len() > 100);
    let tracked = HashMap::new();
    let mut docx_ms = Vec::new();
    let mut html_ms = Vec::new();
    let mut size = 0;
    for _ in 0..9 {
        let t = Instant::now();
        let bytes = docx::write(&docx::DocxInput {
            doc: &doc,
            lang: imported.lang,
            comments: &comments,
            tracked: &tracked,
            author: "Bench",
            date: "2026-11-28T00:00:00Z",
            appendix: Some(&report),
        })
        .unwrap();
        docx_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        size = bytes.len();
        let t = Instant::now();
        let h = html::report("bench", &report, imported.lang);
        html_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(h.len() > 1000);
    }
    println!(
        "draft: {} chars, {} blocks, {} comments; DOCX {} KB",
        text.chars().count(),
        doc.content.len(),
        comments.len(),
        size / 1024
    );
    println!(
        "DOCX export (with appendix) median {:.1} ms over {} runs (target < 1000 ms)",
        median(docx_ms),
        9
    );
    println!("HTML report median {:.2} ms", median(html_ms));
}
