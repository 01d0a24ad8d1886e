//! `cloudclause export`: a corpus contract exported as DOCX with the findings as real Word
//! comments, a version redline as real tracked changes, read back from the XML, by our own
//! importer, and (where installed) by LibreOffice and pandoc; the HTML report self-contained.

#![allow(clippy::panic)] // (a helper fails the test by panicking with a message)

#[path = "common/mod.rs"]
mod common;

use std::io::Read;
use std::process::Command;

use common::Cli;

fn fixture(name: &str) -> String {
    format!(
        "{}/../../tests/fixtures/contracts/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn part(docx: &std::path::Path, name: &str) -> String {
    let f = std::fs::File::open(docx).unwrap_or_else(|e| panic!("{}: {e}", docx.display()));
    let mut z = zip::ZipArchive::new(f).unwrap_or_else(|e| panic!("not a zip: {e}"));
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|e| panic!("no {name}: {e}"))
        .read_to_string(&mut s)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    s
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

fn ids(xml: &str, tag: &str) -> Vec<String> {
    xml.split(tag)
        .skip(1)
        .filter_map(|s| s.split("w:id=\"").nth(1))
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn docx_with_findings_as_comments_and_version_redline_as_tracked_changes() {
    let cli = Cli::new();
    let id = cli.ok(&[
        "draft",
        "import",
        &fixture("zh-saas-huilian-contact-center.md"),
    ]);
    let id = id.trim();
    let out = cli.dir.path().join("review.docx");
    cli.ok(&[
        "export",
        id,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
        "--comments",
        "findings",
        "--appendix",
    ]);
    let doc = part(&out, "word/document.xml");
    let comments = part(&out, "word/comments.xml");
    let findings = cli.json(&["analyze", id, "--json"]);
    let expected = ["security", "pi", "risks"]
        .iter()
        .flat_map(|k| findings[*k].as_array().cloned().unwrap_or_default())
        .filter(|r| !r["severity"].is_null())
        .filter(|r| {
            r.get("present").is_none()
                || findings["pi_applicable"] == true
                || !r["id"].as_str().unwrap_or("").starts_with("pi.")
        })
        .count();
    let starts = ids(&doc, "<w:commentRangeStart");
    assert!(expected > 0);
    assert_eq!(
        count(&comments, "<w:comment "),
        expected,
        "one Word comment per finding"
    );
    assert_eq!(starts.len(), expected);
    assert_eq!(count(&doc, "<w:commentRangeEnd"), expected);
    let mut unique = starts.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), starts.len(), "comment ids are unique");
    assert!(
        comments.contains("个人信息"),
        "comments are in the draft's language"
    );
    assert!(doc.contains("附录"), "appendix present");

    // Export then import gives the same text (the appendix aside).
    let plain = cli.dir.path().join("plain.docx");
    cli.ok(&[
        "export",
        id,
        "--format",
        "docx",
        "--out",
        plain.to_str().unwrap(),
        "--comments",
        "none",
    ]);
    let again = cli.ok(&["draft", "import", plain.to_str().unwrap()]);
    let a = cli.ok(&["draft", "show", id, "--format", "txt"]);
    let b = cli.ok(&["draft", "show", again.trim(), "--format", "txt"]);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(&a), words(&b));

    // The other side's next turn: one clause edited, one deleted, one added.
    let original = std::fs::read_to_string(fixture("zh-saas-huilian-contact-center.md")).unwrap();
    let line = original
        .lines()
        .find(|l| l.starts_with("7.2 "))
        .unwrap()
        .to_string();
    let dropped = original
        .lines()
        .find(|l| l.starts_with("7.1 "))
        .unwrap()
        .to_string();
    let turned = original
        .replacen(
            &line,
            &line.replacen("乙方负责", "乙方及其关联方负责", 1),
            1,
        )
        .replacen(&format!("{dropped}\n"), "", 1)
        .replacen(
            &line.replacen("乙方负责", "乙方及其关联方负责", 1),
            &format!(
                "{}\n\n7.9 甲方应当在三十日内支付服务费。",
                line.replacen("乙方负责", "乙方及其关联方负责", 1)
            ),
            1,
        );
    let next = cli.dir.path().join("turn2.md");
    std::fs::write(&next, turned).unwrap();
    cli.ok(&["draft", "update", id, next.to_str().unwrap()]);
    let versions = cli.json(&["draft", "versions", id, "--json"]);
    let before = versions.as_array().unwrap().last().unwrap()["number"]
        .as_u64()
        .unwrap()
        .to_string();
    let tracked = cli.dir.path().join("tracked.docx");
    cli.ok(&[
        "export",
        id,
        "--format",
        "docx",
        "--out",
        tracked.to_str().unwrap(),
        "--comments",
        "none",
        "--redline",
        &before,
    ]);
    let doc = part(&tracked, "word/document.xml");
    assert_eq!(
        count(&doc, "<w:ins "),
        2,
        "the inserted words and the added clause"
    );
    assert!(count(&doc, "<w:del ") >= 1, "the deleted clause");
    assert!(doc.contains("w:author=\"CloudClause\""));
    assert!(doc.contains("及其关联方"));
    assert!(
        doc.contains(&dropped.chars().skip(4).take(10).collect::<String>()),
        "deleted text is kept as w:delText"
    );
    let bad = cli.run(&[
        "export",
        id,
        "--format",
        "docx",
        "--out",
        tracked.to_str().unwrap(),
        "--redline",
        "77",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no version 77"));
}

#[test]
fn html_report_is_self_contained_and_inert() {
    let cli = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.md");
    std::fs::write(
        &hostile,
        "# 云服务协议 <script>alert(1)</script>\n\n第一条 数据安全\n\n1.1 乙方负责数据加密 <img src=x onerror=alert(1)>，甲方负责账号安全。\n",
    )
    .unwrap();
    let out = dir.path().join("report.html");
    cli.ok(&[
        "export",
        hostile.to_str().unwrap(),
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img"), "no image element");
    assert!(html.contains("&lt;script&gt;"));
    // No element refers outside the file. (The contract's own text, escaped, may still read
    // "src=x" in a quote: it is text, not an attribute.)
    let tags: Vec<&str> = html
        .split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
        .collect();
    assert!(tags.len() > 10, "the report has its markup");
    for external in ["http://", "https://", "src=", "href="] {
        assert!(
            !tags.iter().any(|t| t.contains(external)),
            "external reference {external}"
        );
    }
    for external in ["@import", "url("] {
        assert!(!html.contains(external), "external reference {external}");
    }
    assert!(
        html.contains("&lt;img src=x"),
        "the hostile markup is shown as text"
    );
    assert!(html.contains("安全责任矩阵"));
}

#[test]
fn libreoffice_and_pandoc_read_the_export_when_installed() {
    let have = |bin: &str| {
        Command::new(bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !have("soffice") || !have("pandoc") {
        eprintln!("skipped: soffice or pandoc not installed (.ci/setup installs both)");
        return;
    }
    let cli = Cli::new();
    let out = cli.dir.path().join("review.docx");
    cli.ok(&[
        "export",
        &fixture("en-saas-brightmoor-msa.md"),
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
        "--appendix",
    ]);
    let conv = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(cli.dir.path())
        .arg(&out)
        .env("HOME", cli.dir.path())
        .output()
        .unwrap();
    assert!(
        conv.status.success(),
        "{}",
        String::from_utf8_lossy(&conv.stderr)
    );
    let pdf = std::fs::read(cli.dir.path().join("review.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF") && pdf.len() > 10_000);
    let md = Command::new("pandoc")
        .args(["--track-changes=all", "-t", "markdown"])
        .arg(&out)
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.matches(".comment-start").count() >= 3,
        "pandoc reads the comments"
    );
    assert!(md.contains("MASTER SERVICES AGREEMENT"));
}

#[test]
fn docx_redline_against_the_model_clauses_shows_only_the_lawyers_edit() {
    let cli = Cli::new();
    let id = cli.ok(&[
        "draft",
        "new",
        "--template",
        "saas-subscription-agreement",
        "--lang",
        "en",
    ]);
    let id = id.trim();
    let md = cli.ok(&["draft", "show", id]);
    let edited: String = md
        .lines()
        .map(|l| {
            if l.contains("physical infrastructure") && l.contains("is responsible for") {
                format!(
                    "{} This obligation does not apply to free trials.",
                    l.replacen(
                        "is responsible for",
                        "will use reasonable efforts to maintain",
                        1
                    )
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(edited, md.trim_end());
    let file = cli.dir.path().join("edited.md");
    std::fs::write(&file, edited).unwrap();
    cli.ok(&["draft", "update", id, file.to_str().unwrap()]);
    let out = cli.dir.path().join("model.docx");
    cli.ok(&[
        "export",
        id,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
        "--comments",
        "none",
        "--redline",
        "model",
    ]);
    let doc = part(&out, "word/document.xml");
    let ins: Vec<&str> = doc
        .split("<w:ins ")
        .skip(1)
        .map(|s| s.split("</w:ins>").next().unwrap_or(""))
        .collect();
    let del: Vec<&str> = doc
        .split("<w:del ")
        .skip(1)
        .map(|s| s.split("</w:del>").next().unwrap_or(""))
        .collect();
    assert!(
        ins.iter().any(|s| s.contains("reasonable efforts")),
        "the edit is a tracked insertion"
    );
    assert!(ins.iter().any(|s| s.contains("free trials")));
    assert!(
        del.iter().any(|s| s.contains("is responsible for")),
        "the model's words are a tracked deletion"
    );
    assert!(
        !ins.iter().any(|s| s.contains("Definitions")),
        "article titles are not changes"
    );
    assert!(
        ins.len() + del.len() <= 10,
        "{} insertions and {} deletions: the redline should hold the edit, not noise",
        ins.len(),
        del.len()
    );
}
