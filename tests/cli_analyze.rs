//! `cloudclause analyze` as scripts and the scorer use it: the JSON report's exact shape, the
//! readable table, and bad input refused with a clear message (compiled by the cli package).
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

#[path = "common/mod.rs"]
mod common;

use common::Cli;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!(
        "{}/../../tests/fixtures/contracts/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn the_json_report_has_every_id_and_field_of_the_spec() {
    let cli = Cli::new();
    let r: Value = cli.json(&[
        "analyze",
        &fixture("zh-saas-huilian-contact-center.md"),
        "--model",
        "saas",
        "--json",
    ]);
    assert_eq!(r["deployment_model"], "saas");
    assert_eq!(r["deployment_model_source"], "given");
    assert_eq!(r["perspective"], "customer");
    assert!(
        r["parties"]["provider"]
            .as_array()
            .is_some_and(|p| p.iter().any(|x| x == "甲方")),
        "甲方 is the provider here"
    );
    let security = r["security"]
        .as_array()
        .unwrap_or_else(|| panic!("security"));
    let ids: Vec<&str> = security.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids.len(), 14);
    assert!(
        ids.contains(&"data.destruction")
            && ids.contains(&"iam")
            && ids.contains(&"resource_abstraction")
    );
    let text =
        std::fs::read_to_string(fixture("zh-saas-huilian-contact-center.md")).unwrap_or_default();
    for s in security {
        for k in [
            "allocation",
            "split_specified",
            "expected",
            "gap",
            "severity",
            "evidence",
            "explanation",
        ] {
            assert!(s.get(k).is_some(), "security row lacks {k}");
        }
        assert!(["provider", "customer", "shared", "disclaimed", "absent"]
            .contains(&s["allocation"].as_str().unwrap_or("")));
        assert!(
            !s["explanation"]["zh"].as_str().unwrap_or("").is_empty()
                && !s["explanation"]["en"].as_str().unwrap_or("").is_empty()
        );
        for e in s["evidence"].as_array().into_iter().flatten() {
            assert!(e["end"].as_u64() > e["start"].as_u64());
            // The quote is real text of the contract.
            let q = e["quote"].as_str().unwrap_or("");
            assert!(text.contains(q.trim()), "quote not in the contract: {q}");
        }
    }
    assert_eq!(r["pi"].as_array().map(Vec::len), Some(11));
    assert_eq!(r["risks"].as_array().map(Vec::len), Some(12));
    assert!(r["risks"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|k| k.get("customer_unfavourable").is_some()));
}

#[test]
fn detection_readable_output_and_the_provider_perspective() {
    let cli = Cli::new();
    let r: Value = cli.json(&[
        "analyze",
        &fixture("en-iaas-stratalyne-compute.md"),
        "--json",
    ]);
    assert_eq!(
        (
            r["deployment_model"].as_str(),
            r["deployment_model_source"].as_str()
        ),
        (Some("iaas"), Some("detected"))
    );
    let table = cli.ok(&[
        "analyze",
        &fixture("en-iaas-stratalyne-compute.md"),
        "--model",
        "iaas",
    ]);
    assert!(
        table.contains("security item")
            && table.contains("data.destruction")
            && table.contains("risk topics")
    );
    // From the provider's side, a provider item left to the customer is no gap.
    let p: Value = cli.json(&[
        "analyze",
        &fixture("zh-saas-huilian-contact-center.md"),
        "--model",
        "saas",
        "--perspective",
        "provider",
        "--json",
    ]);
    let privacy = |v: &Value| {
        v["security"]
            .as_array()
            .and_then(|s| s.iter().find(|x| x["id"] == "data.privacy").cloned())
            .unwrap_or_default()
    };
    let c: Value = cli.json(&[
        "analyze",
        &fixture("zh-saas-huilian-contact-center.md"),
        "--model",
        "saas",
        "--json",
    ]);
    assert_eq!(privacy(&c)["gap"], "inverted");
    assert_eq!(privacy(&p)["gap"], Value::Null);
}

fn refused(cli: &Cli, name: &str, bytes: &[u8], why: &str) {
    let path = cli.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    let out = cli.run(&["analyze", path.to_str().unwrap_or_default(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{name} is refused");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(why), "{name}: {err}");
    assert!(out.stdout.is_empty(), "no report on stdout for {name}");
}

#[test]
fn bad_input_gets_a_clear_error_and_no_report() {
    let cli = Cli::new();
    refused(&cli, "empty.md", b"   \n\n", "empty");
    refused(
        &cli,
        "garbage.txt",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7, 8],
        "cannot be read as a contract",
    );
    refused(
        &cli,
        "latin1.txt",
        b"Provider shall \xe9ncrypt data \xff\xfe at rest.",
        "UTF-8",
    );
    refused(
        &cli,
        "broken.docx",
        b"PK\x03\x04 this is not really a zip archive at all",
        "DOCX",
    );
    let big = vec![b'a'; 51 * 1024 * 1024];
    refused(&cli, "huge.txt", &big, "limit");
    let out = cli.run(&["analyze", "/no/such/file.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read or write"));
}

#[test]
fn a_text_that_is_not_a_contract_gets_a_warning_not_a_confident_report() {
    let cli = Cli::new();
    let path = cli.dir.path().join("list.txt");
    std::fs::write(&path, "Shopping list\n\nmilk, eggs, bread\napples\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let r: Value = cli.json(&["analyze", path.to_str().unwrap_or_default(), "--json"]);
    let warnings = r["warnings"].as_array().cloned().unwrap_or_default();
    assert!(
        warnings.iter().any(|w| w["en"]
            .as_str()
            .unwrap_or("")
            .contains("does not look like a contract")),
        "{warnings:?}"
    );
    assert!(r["security"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|s| s["allocation"] == "absent"));
}
