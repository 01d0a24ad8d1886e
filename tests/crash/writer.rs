//! The crash test's writer: imports and edits drafts in a loop, as fast as it can, through the
//! engine's normal API on the database given as the first argument. After each committed write
//! it prints `draft ID revision REV hash HASH` or `version ID N hash HASH` (flushed), so that the
//! test that kills it (`-9`, at a random moment) knows what must have survived.

use std::io::Write;

use cloudclause_engine::draft::Block;
use cloudclause_engine::templates::TemplateFiles;
use cloudclause_engine::Library;

/// FNV-1a, enough to tell stored content apart.
pub fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(fixture)) = (args.next(), args.next()) else {
        eprintln!("usage: crash_writer DB FIXTURE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&fixture).unwrap_or_default();
    let Ok((mut lib, _)) = Library::open(std::path::Path::new(&db), &TemplateFiles::builtin())
    else {
        std::process::exit(3);
    };
    let mut out = std::io::stdout().lock();
    for round in 0u32.. {
        let Ok(d) = lib.draft_import("contract.md", &bytes, None) else {
            std::process::exit(4)
        };
        let json = serde_json::to_string(&d.doc).unwrap_or_default();
        let _ = writeln!(
            out,
            "draft {} revision {} hash {}",
            d.id,
            d.revision,
            hash(&json)
        );
        let _ = out.flush();
        let (mut doc, meta) = (d.doc, d.meta);
        for k in 0..20u32 {
            doc.content.push(Block::paragraph(format!(
                "第{round}轮第{k}次修改：乙方应当在三十日内删除全部客户数据。"
            )));
            let Ok(r) = lib.draft_save(d.id, &doc, &meta) else {
                std::process::exit(5)
            };
            let json = serde_json::to_string(&doc).unwrap_or_default();
            let _ = writeln!(
                out,
                "draft {} revision {} hash {}",
                d.id,
                r.revision,
                hash(&json)
            );
            let _ = out.flush();
            if k % 5 == 4 {
                let Ok(v) = lib.draft_name_version(d.id, &format!("round {round} step {k}")) else {
                    std::process::exit(6)
                };
                let _ = writeln!(out, "version {} {} hash {}", d.id, v.number, hash(&json));
                let _ = out.flush();
            }
        }
    }
}
