//! `cloudclause draft …` end to end on a temporary database.

#[path = "common/mod.rs"]
mod common;

use common::Cli;

#[test]
fn new_show_save_restore() {
    let cli = Cli::new();
    let id = cli.ok(&[
        "draft",
        "new",
        "--template",
        "saas-subscription-agreement",
        "--lang",
        "zh",
        "--set",
        "customer_name=上海示例科技有限公司",
    ]);
    let id = id.trim();
    let md = cli.ok(&["draft", "show", id]);
    assert!(md.contains("上海示例科技有限公司"));
    assert!(md.contains("第一条 定义"));
    let json = cli.json(&["draft", "show", id, "--format", "json"]);
    assert_eq!(json["doc"]["type"], "doc");
    assert_eq!(json["meta"]["model"], "saas");
    cli.ok(&["draft", "save", id, "sent to provider"]);
    let versions = cli.json(&["draft", "versions", id, "--json"]);
    assert_eq!(versions.as_array().unwrap().len(), 2);
    assert_eq!(versions[1]["name"], "sent to provider");
    cli.ok(&["draft", "restore", id, "1"]);
    let versions = cli.json(&["draft", "versions", id, "--json"]);
    assert_eq!(versions[2]["kind"], "before_restore");
    let bad = cli.run(&["draft", "restore", id, "99"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no version 99"));
    let bad = cli.run(&[
        "draft",
        "new",
        "--template",
        "saas-subscription-agreement",
        "--set",
        "nonsense=1",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown variable"));
}

#[test]
fn import_prints_the_id_and_bad_files_change_nothing() {
    let cli = Cli::new();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/contracts/en-saas-brightmoor-msa.md"
    );
    let json = cli.json(&["draft", "import", fixture, "--json"]);
    let id = json["id"].as_i64().unwrap().to_string();
    let txt = cli.ok(&["draft", "show", &id, "--format", "txt"]);
    assert!(txt.contains("1.1 In this Agreement:"));
    let list = cli.json(&["draft", "list", "--json"]);
    assert_eq!(list[0]["meta"]["model"], "saas");
    let before = std::fs::read(cli.db()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let corrupt = dir.path().join("corrupt.docx");
    std::fs::write(&corrupt, b"PK\x03\x04garbage").unwrap();
    let binary = dir.path().join("data.bin");
    std::fs::write(
        &binary,
        (0..20000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024 + 10)
        .unwrap();
    for f in [&corrupt, &binary, &big] {
        let out = cli.run(&["draft", "import", f.to_str().unwrap()]);
        assert!(!out.status.success(), "{f:?} was accepted");
        assert!(!out.stderr.is_empty());
    }
    let list = cli.json(&["draft", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        std::fs::read(cli.db()).unwrap(),
        before,
        "the database file changed"
    );
}

#[test]
fn analyze_takes_a_draft_id() {
    let cli = Cli::new();
    let id = cli.ok(&[
        "draft",
        "new",
        "--template",
        "dpa-entrusted-processing",
        "--lang",
        "en",
    ]);
    let report = cli.json(&["analyze", id.trim(), "--json"]);
    assert_eq!(report["security"].as_array().unwrap().len(), 14);
    let missing = cli.run(&["analyze", "no-such-file.docx"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
}
