//! `cloudclause backup` / `restore`: the whole database copied out and back; a bad backup file
//! is refused before anything changes.

#[path = "common/mod.rs"]
mod common;

use common::Cli;

#[test]
fn backup_then_restore_brings_back_drafts_and_keeps_a_safety_copy() {
    let cli = Cli::new();
    let id = cli.ok(&[
        "draft",
        "new",
        "--template",
        "iaas-service-agreement",
        "--lang",
        "en",
    ]);
    let bak = cli.dir.path().join("backup.sqlite3");
    cli.ok(&["backup", bak.to_str().unwrap()]);
    cli.ok(&["draft", "delete", id.trim()]);
    cli.ok(&[
        "draft",
        "new",
        "--template",
        "paas-service-agreement",
        "--lang",
        "zh",
    ]);
    let out = cli.ok(&["restore", bak.to_str().unwrap()]);
    assert!(out.contains("before-restore.bak"));
    let list = cli.json(&["draft", "list", "--json"]);
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["meta"]["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(titles[0].contains("Infrastructure"), "{titles:?}");
    assert!(cli
        .dir
        .path()
        .join("library.sqlite3.before-restore.bak")
        .exists());
}

#[test]
fn a_bad_backup_is_refused_and_nothing_changes() {
    let cli = Cli::new();
    cli.ok(&["draft", "new", "--template", "saas-subscription-agreement"]);
    let before = cli.json(&["draft", "list", "--json"]);
    let junk = cli.dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"this is not a database at all, just text").unwrap();
    for f in [junk.to_str().unwrap(), "/no/such/backup.sqlite3"] {
        let out = cli.run(&["restore", f]);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("cannot be restored"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(cli.json(&["draft", "list", "--json"]), before);
}
