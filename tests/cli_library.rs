//! The `cloudclause library` commands on a fresh temporary database, as scripts and checks use
//! them: coverage of the playbook, search in both languages, show, export/import round trip,
//! and a bad pack refused with the library unchanged.
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

#[path = "common/mod.rs"]
mod common;

use common::Cli;
use serde_json::Value;

const SECURITY: [&str; 14] = [
    "physical",
    "resource_abstraction",
    "os",
    "network",
    "application",
    "data.storage",
    "data.transmission",
    "data.access",
    "data.migration",
    "data.destruction",
    "data.management",
    "data.audit",
    "data.privacy",
    "iam",
];
const PI: [&str; 11] = [
    "pi.roles",
    "pi.purpose_scope",
    "pi.instructions",
    "pi.security_measures",
    "pi.confidentiality",
    "pi.subprocessing",
    "pi.return_deletion",
    "pi.supervision_audit",
    "pi.data_subject_rights",
    "pi.breach_notification",
    "pi.cross_border",
];
const RISKS: [&str; 12] = [
    "sla",
    "liability_cap",
    "data_ownership",
    "data_location",
    "exit",
    "unilateral_change",
    "suspension",
    "incident_notice",
    "audit_rights",
    "subcontracting",
    "backup",
    "governing_law",
];

fn arr(v: &Value) -> &Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str()
        .unwrap_or_else(|| panic!("field {k} missing in {v}"))
}

#[test]
fn a_fresh_library_covers_all_37_ids_in_both_languages_and_positions() {
    let cli = Cli::new();
    let list = cli.json(&["library", "list", "--json"]);
    let clauses = arr(&list);
    assert!(
        clauses.len() >= 100,
        "at least 100 clause templates, got {}",
        clauses.len()
    );
    for c in clauses {
        for field in ["title", "body", "guidance"] {
            for lang in ["zh", "en"] {
                assert!(
                    !s(&c[field], lang).trim().is_empty(),
                    "{} has an empty {field}.{lang}",
                    s(c, "id")
                );
            }
        }
        assert!(c["version"].as_u64().is_some_and(|v| v >= 1));
        assert!(c["basis"].is_array() && c["topics"].is_array() && c["models"].is_array());
    }
    // Customer-side preferred and fallback for every id whose primary topic it is.
    let has = |topic: &str, position: &str| {
        clauses
            .iter()
            .any(|c| s(c, "position") == position && c["topics"][0].as_str() == Some(topic))
    };
    for id in SECURITY.iter().chain(PI.iter()).chain(RISKS.iter()) {
        assert!(has(id, "preferred"), "no preferred clause for {id}");
        assert!(has(id, "fallback"), "no fallback clause for {id}");
    }
    for id in RISKS {
        assert!(has(id, "provider_form"), "no provider_form clause for {id}");
    }
}

#[test]
fn filters_by_topic_and_model() {
    let cli = Cli::new();
    let pi = cli.json(&["library", "list", "--topic", "pi.roles", "--json"]);
    assert!(!arr(&pi).is_empty());
    assert!(arr(&pi)
        .iter()
        .all(|c| arr(&c["topics"]).iter().any(|t| t == "pi.roles")));
    let iaas = cli.json(&["library", "list", "--model", "iaas", "--json"]);
    assert!(arr(&iaas)
        .iter()
        .all(|c| arr(&c["models"]).iter().any(|m| m == "iaas")));
    let all = cli.json(&["library", "list", "--json"]);
    let saas_only = arr(&all)
        .iter()
        .filter(|c| !arr(&c["models"]).iter().any(|m| m == "iaas"))
        .count();
    assert_eq!(
        arr(&iaas).len() + saas_only,
        arr(&all).len(),
        "the model filter drops exactly the non-IaaS clauses"
    );
    let bad = cli.run(&["library", "list", "--topic", "no.such.topic"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown topic id"));
}

fn texts(c: &Value) -> String {
    let mut out = String::new();
    for f in ["title", "body", "guidance"] {
        for l in ["zh", "en"] {
            out.push_str(s(&c[f], l));
            out.push('\n');
        }
    }
    out
}

#[test]
fn two_character_chinese_queries_find_and_highlight() {
    let cli = Cli::new();
    for q in ["数据", "删除", "审计"] {
        let hits = cli.json(&["library", "search", q, "--json"]);
        let hits = arr(&hits);
        assert!(!hits.is_empty(), "{q} finds clauses");
        for h in hits {
            assert!(texts(h).contains(q), "{} does not contain {q}", s(h, "id"));
            let snippet = &h["snippets"][0];
            let chars: Vec<char> = s(snippet, "text").chars().collect();
            let span = &snippet["highlights"][0];
            let (a, b) = (
                span["start"].as_u64().unwrap_or(0) as usize,
                span["end"].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(
                chars[a..b].iter().collect::<String>(),
                q,
                "the highlight marks the query"
            );
        }
        let scores: Vec<f64> = hits
            .iter()
            .map(|h| h["score"].as_f64().unwrap_or(0.0))
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{q}: ranked best first: {scores:?}"
        );
    }
}

#[test]
fn longer_chinese_and_english_queries_rank_the_right_clause_first() {
    let cli = Cli::new();
    let hits = cli.json(&["library", "search", "数据销毁", "--json"]);
    assert!(
        arr(&hits)
            .iter()
            .any(|h| s(h, "id").starts_with("data.destruction")),
        "数据销毁 finds the destruction clauses"
    );
    let en = cli.json(&[
        "library",
        "search",
        "sub-processor",
        "--lang",
        "en",
        "--json",
    ]);
    assert!(!arr(&en).is_empty());
    assert!(
        s(&arr(&en)[0], "id").contains("subprocessing")
            || texts(&arr(&en)[0]).to_lowercase().contains("sub-processor")
    );
    let sla = cli.json(&["library", "search", "服务水平", "--json"]);
    assert!(
        arr(&sla)
            .iter()
            .take(3)
            .any(|h| s(h, "id").starts_with("sla.")),
        "服务水平 ranks an SLA clause in the top three"
    );
    let both = cli.json(&["library", "search", "数据 deletion", "--json"]);
    for h in arr(&both) {
        let t = texts(h);
        assert!(
            t.contains("数据") && t.to_lowercase().contains("deletion"),
            "all terms must match"
        );
    }
    let none = cli.json(&["library", "search", "量子纠缠", "--json"]);
    assert!(arr(&none).is_empty());
    let empty = cli.run(&["library", "search", "  "]);
    assert!(!empty.status.success(), "an empty query is an error");
}

#[test]
fn show_prints_both_languages_and_unknown_ids_fail_clearly() {
    let cli = Cli::new();
    let c = cli.json(&["library", "show", "data.destruction.preferred", "--json"]);
    assert_eq!(s(&c, "id"), "data.destruction.preferred");
    assert_eq!(s(&c, "position"), "preferred");
    assert!(s(&c["body"], "zh").contains("删除"));
    assert!(s(&c["body"], "en").to_lowercase().contains("delet"));
    let text = cli.ok(&["library", "show", "data.destruction.preferred"]);
    assert!(text.contains("(zh)") && text.contains("(en)") && text.contains("guidance"));
    let missing = cli.run(&["library", "show", "no.such.clause"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("no clause with id \"no.such.clause\"")
    );
}

#[test]
fn export_then_import_into_a_fresh_library_round_trips() {
    let a = Cli::new();
    let pack = a.dir.path().join("pack.json");
    let out = a.ok(&["library", "export", pack.to_str().unwrap_or_default()]);
    assert!(out.contains("exported"));
    let b = Cli::new();
    let before = b.json(&["library", "list", "--json"]);
    let report = b.ok(&["library", "import", pack.to_str().unwrap_or_default()]);
    assert!(
        report.contains("0 added") && report.contains("0 updated"),
        "same playbook: nothing changes: {report}"
    );
    assert_eq!(b.json(&["library", "list", "--json"]), before);

    // A pack with an edited clause and a new one updates and adds.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&pack).unwrap_or_default())
        .unwrap_or_default();
    let clauses = v["clauses"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("pack has clauses"));
    let mut extra = clauses[0].clone();
    extra["id"] = Value::from("firm.custom.clause");
    clauses[1]["body"]["zh"] = Value::from("修改后的条款正文：{{provider}}应当删除数据。");
    clauses.push(extra);
    let edited = b.dir.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_string(&v).unwrap_or_default()).unwrap_or_default();
    let report = b.ok(&["library", "import", edited.to_str().unwrap_or_default()]);
    assert!(
        report.contains("1 added") && report.contains("1 updated"),
        "{report}"
    );
    let id = s(&v["clauses"][1], "id").to_string();
    let shown = b.json(&["library", "show", &id, "--json"]);
    assert!(s(&shown["body"], "zh").starts_with("修改后的条款正文"));
    assert_eq!(s(&shown, "origin"), "seeded_edited");
    let versions = b.json(&["library", "versions", &id, "--json"]);
    assert_eq!(
        arr(&versions).len(),
        2,
        "the import is a new version; the old one is kept"
    );
}

#[test]
fn a_bad_pack_is_rejected_whole_and_the_library_is_unchanged() {
    let cli = Cli::new();
    let pack = cli.dir.path().join("pack.json");
    cli.ok(&["library", "export", pack.to_str().unwrap_or_default()]);
    let before = cli.json(&["library", "list", "--json"]);
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&pack).unwrap_or_default())
        .unwrap_or_default();
    let clauses = v["clauses"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("pack has clauses"));
    clauses[0]["body"]["zh"] = Value::from("一个会被导入的修改");
    let mut new = clauses[0].clone();
    new["id"] = Value::from("would.be.added");
    clauses.push(new);
    clauses[5]["topics"] = serde_json::json!(["not.a.topic"]);
    let bad = cli.dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_string(&v).unwrap_or_default()).unwrap_or_default();
    for (file, why) in [
        (bad.clone(), "unknown topic id \"not.a.topic\""),
        (
            write(&cli, "garbage.json", b"\x00\x01binary garbage\xff"),
            "not UTF-8",
        ),
        (
            write(&cli, "other.json", br#"{"hello": "world"}"#),
            "not a CloudClause library pack",
        ),
    ] {
        let out = cli.run(&["library", "import", file.to_str().unwrap_or_default()]);
        assert_eq!(out.status.code(), Some(1), "{file:?} is refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(why) && err.contains("nothing was imported") || err.contains(why),
            "{err}"
        );
        assert_eq!(
            cli.json(&["library", "list", "--json"]),
            before,
            "the library is unchanged after {file:?}"
        );
    }
}

fn write(cli: &Cli, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = cli.dir.path().join(name);
    std::fs::write(&p, bytes).unwrap_or_default();
    p
}

#[test]
fn a_database_from_a_newer_version_is_refused_with_a_clear_message() {
    let cli = Cli::new();
    cli.ok(&["library", "list"]);
    let conn = rusqlite_free_bump(&cli);
    let out = cli.run(&["library", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("newer version of CloudClause"),
        "{conn}"
    );
}

/// Sets `PRAGMA user_version` far ahead by patching the header bytes (offset 60), without a
/// SQLite dependency in this crate.
fn rusqlite_free_bump(cli: &Cli) -> String {
    let path = cli.db();
    // Fold the WAL into the main file first by opening through the CLI once more is not possible;
    // the CLI leaves a clean WAL on exit, and the header lives in the main file.
    let mut bytes = std::fs::read(&path).unwrap_or_default();
    assert!(bytes.len() > 100 && bytes.starts_with(b"SQLite format 3\0"));
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&path, bytes).unwrap_or_default();
    path.display().to_string()
}

#[test]
fn templates_check_passes_on_the_builtin_playbook_and_names_bad_files() {
    let cli = Cli::new();
    let out = cli.ok(&["templates", "check"]);
    assert!(out.contains("0 problem(s)"), "{out}");
    // A copy with one broken file: named with its line, the rest still counted.
    let dir = cli.dir.path().join("tpl");
    copy_dir(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates")),
        &dir,
    );
    let f = dir.join("clauses/security/physical.fallback.toml");
    let text = std::fs::read_to_string(&f).unwrap_or_default().replacen(
        "position = \"fallback\"",
        "position = \"best\"",
        1,
    );
    std::fs::write(&f, text).unwrap_or_default();
    let out = cli.run(&["templates", "check", dir.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("physical.fallback.toml:") && stdout.contains("unknown position \"best\""),
        "{stdout}"
    );
    assert!(stdout.contains("1 problem(s)"), "{stdout}");
    // The analyzer's playbook is checked too, down to each pattern list's regex, which the
    // analyzer itself builds only when a contract first needs it: a list too large to build.
    let rules = dir.join("analyzer/rules.toml");
    let text = std::fs::read_to_string(&rules)
        .unwrap_or_default()
        .replacen(
            "[[risk]]",
            "[[risk]]\nid = \"huge\"\nany = [\"(?:[^.]{1000}){50}\"]\n\n[[risk]]",
            1,
        );
    std::fs::write(&rules, text).unwrap_or_default();
    let out = cli.run(&["templates", "check", dir.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("rules.toml: huge.any:") && stdout.contains("exceeds size limit"),
        "{stdout}"
    );
    assert!(stdout.contains("2 problem(s)"), "{stdout}");
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap_or_default();
    for e in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap_or_default();
        }
    }
}
