#![allow(clippy::panic, clippy::indexing_slicing)]
//! `cloudclause diff` and `cloudclause compare` as scripts use them: the JSON's exact field
//! names, the readable redline, the HTML page (self-contained, escaped), and bad input refused
//! with a clear message (compiled by the cli package).

#[path = "common/mod.rs"]
mod common;

use common::Cli;
use serde_json::Value;

fn write(cli: &Cli, name: &str, text: &str) -> String {
    let path = cli.dir.path().join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path.to_str().unwrap_or_default().to_string()
}

const DRAFT: &str = "## 第五条 数据删除与介质销毁\n\n（一）本协议约定的数据导出期届满之日或者甲方书面确认已完成数据导出之日（以较早者为准）起30日内，乙方应当删除其持有或者控制的全部客户数据（包括其中的个人信息）及其副本，并确保删除后的数据不可恢复；服务期限内甲方书面要求删除特定客户数据的，乙方应当在同一期限内删除。\n（二）备份、快照、日志和灾备副本中的客户数据，应当在前项期限届满后90日内清除。\n\n## 第六条 付款\n\n甲方应当按月支付服务费，逾期的按日加收万分之五的违约金。\n";

#[test]
fn diff_json_has_the_documented_fields() {
    let cli = Cli::new();
    let file = write(&cli, "draft.md", DRAFT);
    let r: Value = cli.json(&["diff", &file, "--json"]);
    let list = r["alignments"]
        .as_array()
        .unwrap_or_else(|| panic!("alignments: {r}"));
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(first["clause"], "第五条");
    assert_eq!(first["model_clause"], "data.destruction.preferred");
    let sim = first["similarity"].as_f64().unwrap_or(-1.0);
    assert!((0.0..=1.0).contains(&sim) && sim > 0.4, "{sim}");
    assert_eq!(
        first["runner_up"]["model_clause"],
        "data.destruction.fallback"
    );
    let ops = first["ops"].as_array().unwrap_or_else(|| panic!("ops"));
    assert!(ops
        .iter()
        .all(|o| ["equal", "insert", "delete"].contains(&o["op"].as_str().unwrap_or(""))));
    // The draft lacks the model's paragraphs (三) to (五) and the second sentence of (二).
    let deleted: String = ops
        .iter()
        .filter(|o| o["op"] == "delete")
        .filter_map(|o| o["text"].as_str())
        .collect();
    assert!(
        deleted.contains("清除前，乙方不得对其进行除安全存储以外的任何处理")
            && deleted.contains("删除证明"),
        "{deleted}"
    );
    // Filled placeholders are no change: 甲方/乙方/30 are equal text.
    let equal: String = ops
        .iter()
        .filter(|o| o["op"] == "equal")
        .filter_map(|o| o["text"].as_str())
        .collect();
    assert!(equal.contains("起30日内，乙方应当删除"), "{equal}");
    assert_eq!(list[1]["clause"], "第六条");
    assert_eq!(list[1]["model_clause"], Value::Null);
    assert!(list[1]["ops"].as_array().is_some_and(Vec::is_empty));
    let missing = r["missing_topics"]
        .as_array()
        .unwrap_or_else(|| panic!("missing_topics"));
    assert!(
        missing.iter().any(|t| t == "incident_notice")
            && !missing.iter().any(|t| t == "data.destruction")
    );
}

#[test]
fn diff_readable_redline() {
    let cli = Cli::new();
    let file = write(&cli, "draft.md", DRAFT);
    let out = cli.ok(&["diff", &file]);
    assert!(
        out.contains("第五条  data.destruction.preferred  similarity"),
        "{out}"
    );
    assert!(
        out.contains("清除[-；清除前，乙方不得对其进行除安全存储以外的任何处理。"),
        "{out}"
    );
    assert!(out.contains("第六条  no model clause"), "{out}");
    assert!(out.contains("missing topics: "), "{out}");
}

const OLD: &str = "1. The Provider shall host the Service in Frankfurt.\n2. The Customer shall pay the fees within thirty days.\n3. Notices shall be in writing and sent by email.\n4. Each party keeps the other party's information <confidential> & safe.\n";
const NEW: &str = "1. Each party keeps the other party's information <confidential> & safe.\n2. The Provider shall host the Service in Frankfurt.\n3. The Customer shall pay the fees within sixty days.\n4. The Provider shall back up Customer Data every day.\n";

#[test]
fn compare_json_text_and_html() {
    let cli = Cli::new();
    let (old, new) = (write(&cli, "v1.txt", OLD), write(&cli, "v2.txt", NEW));
    let r: Value = cli.json(&["compare", &old, &new, "--json"]);
    assert_eq!(
        r["stats"],
        serde_json::json!({"unchanged": 1, "modified": 1, "inserted": 1, "deleted": 1, "moved": 1})
    );
    let kinds: Vec<&str> = r["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "moved",
            "unchanged",
            "modified",
            "deleted",
            "moved_away",
            "inserted"
        ]
    );

    let text = cli.ok(&["compare", &old, &new]);
    assert!(
        text.contains("~ 3 modified, was 2") && text.contains("[- thirty-]{+ sixty+}"),
        "{text}"
    );
    assert!(
        text.contains("> 1 moved here from 4 #1") && text.contains("< 4 moved to 1 #1"),
        "{text}"
    );
    assert!(
        text.contains("1 unchanged, 1 modified, 1 inserted, 1 deleted, 1 moved"),
        "{text}"
    );

    let out = cli.dir.path().join("redline.html");
    cli.ok(&[
        "compare",
        &old,
        &new,
        "--html",
        out.to_str().unwrap_or_default(),
    ]);
    let html = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<style>"));
    assert!(
        !html.contains("<script") && !html.contains("src=") && !html.contains("href="),
        "self-contained, no scripts"
    );
    assert!(
        html.contains("&lt;confidential&gt; &amp; safe") && !html.contains("<confidential>"),
        "text is escaped"
    );
    assert!(html.contains("<del>") && html.contains("<ins>") && html.contains("moved from 4 #1"));
}

#[test]
fn bad_input_is_refused_clearly() {
    let cli = Cli::new();
    let out = cli.run(&["diff", "/no/such/draft.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/draft.md"));
    let empty = write(&cli, "empty.md", "  \n");
    let good = write(&cli, "v1.txt", OLD);
    let out = cli.run(&["compare", &good, &empty, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
    assert!(out.stdout.is_empty());
    let out = cli.run(&["diff", &good, "--threshold", "2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("between 0 and 1"));
    // --json and --html together are a usage error.
    let out = cli.run(&["compare", &good, &good, "--json", "--html", "x.html"]);
    assert_eq!(out.status.code(), Some(2));
}
