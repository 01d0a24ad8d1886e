//! Seeding and updating the library from templates/: a newer app version updates the clauses
//! the user left alone and never overwrites the ones the user changed.
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

use std::path::Path;

use cloudclause_engine::library::Library;
use cloudclause_engine::model::*;
use cloudclause_engine::templates::TemplateFiles;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for e in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// Simulates a newer app release: bumps a template's version and rewrites its Chinese body.
fn ship_new_version(dir: &Path, rel: &str, new_body_zh: &str) {
    let f = dir.join(rel);
    let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{e}"));
    let text = text.replacen("version = 1", "version = 2", 1);
    let start = text
        .find("[body]")
        .unwrap_or_else(|| panic!("[body] in {rel}"));
    let zh = start
        + text[start..]
            .find("zh = \"\"\"")
            .unwrap_or_else(|| panic!("zh body in {rel}"));
    let end = zh
        + 8
        + text[zh + 8..]
            .find("\"\"\"")
            .unwrap_or_else(|| panic!("end of zh body"));
    let text = format!(
        "{}zh = \"\"\"\n{new_body_zh}\n{}",
        &text[..zh],
        &text[end..]
    );
    std::fs::write(&f, text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn newer_templates_update_untouched_clauses_and_never_overwrite_user_edits() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let tpl = tmp.path().join("templates");
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../templates")),
        &tpl,
    );
    let db = tmp.path().join("lib.sqlite3");

    let (mut lib, first) = Library::open(&db, &TemplateFiles::from_dir(&tpl).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        first.ran && first.added >= 100 && first.problems.is_empty(),
        "{first:?}"
    );

    // The user edits one seeded clause and deletes another.
    let mut edited = lib
        .get("data.destruction.preferred")
        .unwrap_or_else(|e| panic!("{e}"))
        .content;
    edited.body.zh = "本所版本：{{provider}}应当在合同终止后删除全部客户数据。".into();
    let saved = lib.update(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((saved.version, saved.origin), (2, Origin::SeededEdited));
    lib.delete("iam.fallback").unwrap_or_else(|e| panic!("{e}"));
    drop(lib);

    // Reopening with the same templates changes nothing.
    let (lib, again) = Library::open(&db, &TemplateFiles::from_dir(&tpl).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!again.ran);
    drop(lib);

    // A newer release changes three templates.
    ship_new_version(
        &tpl,
        "clauses/security/data.destruction.preferred.toml",
        "新版模板正文（销毁）：{{provider}}应当删除数据。",
    );
    ship_new_version(
        &tpl,
        "clauses/security/data.access.preferred.toml",
        "新版模板正文（访问）：{{provider}}应当限制访问。",
    );
    ship_new_version(
        &tpl,
        "clauses/security/iam.fallback.toml",
        "新版模板正文（身份）。",
    );
    let (mut lib, update) = Library::open(&db, &TemplateFiles::from_dir(&tpl).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(update.ran);
    assert_eq!(
        (update.added, update.updated, update.kept_user_edits),
        (0, 1, 1),
        "{update:?}"
    );

    let access = lib
        .get("data.access.preferred")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        access.content.body.zh.starts_with("新版模板正文（访问）"),
        "the untouched clause follows the template"
    );
    assert_eq!(
        (access.version, access.origin, access.template_version),
        (2, Origin::Seeded, Some(2))
    );

    let mine = lib
        .get("data.destruction.preferred")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        mine.content.body.zh.starts_with("本所版本"),
        "the user's wording is kept"
    );
    assert_eq!(
        mine.template_update_available,
        Some(2),
        "and the newer template is offered"
    );

    assert!(
        matches!(
            lib.get("iam.fallback"),
            Err(cloudclause_engine::Error::ClauseNotFound { .. })
        ),
        "a deleted clause stays deleted"
    );

    // The user adopts the newer template; the edit remains in the history.
    let adopted = lib
        .adopt_template_update("data.destruction.preferred")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(adopted.content.body.zh.starts_with("新版模板正文（销毁）"));
    assert_eq!(
        (
            adopted.version,
            adopted.origin,
            adopted.template_update_available
        ),
        (3, Origin::Seeded, None)
    );
    let history = lib
        .versions("data.destruction.preferred")
        .unwrap_or_else(|e| panic!("{e}"));
    let sources: Vec<&str> = history.iter().map(|v| v.source.as_str()).collect();
    assert_eq!(sources, ["adopt_template", "user_edit", "seed"]);
}

#[test]
fn create_duplicate_and_delete_user_clauses() {
    let (mut lib, _) =
        Library::open_in_memory(&TemplateFiles::builtin()).unwrap_or_else(|e| panic!("{e}"));
    let copy = lib
        .duplicate("sla.preferred", None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (copy.content.id.as_str(), copy.origin, copy.version),
        ("sla.preferred-copy", Origin::User, 1)
    );
    let second = lib
        .duplicate("sla.preferred", None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(second.content.id, "sla.preferred-copy-2");
    assert!(matches!(
        lib.create(&copy.content),
        Err(cloudclause_engine::Error::ClauseExists { .. })
    ));

    let mut bad = copy.content.clone();
    bad.id = "Bad Id".into();
    bad.topics = vec!["nope".into()];
    bad.body.en = "{{unregistered}} shall".into();
    match lib.create(&bad) {
        Err(cloudclause_engine::Error::InvalidClause { problems }) => {
            let all = problems.join("\n");
            assert!(
                all.contains("Bad Id")
                    && all.contains("unknown topic id \"nope\"")
                    && all.contains("{{unregistered}}"),
                "{all}"
            );
        }
        other => panic!("expected InvalidClause, got {other:?}"),
    }

    // Search sees creations, edits and deletions at once.
    let mut c = copy.content.clone();
    c.title.zh = "独角兽条款".into();
    lib.update(&c).unwrap_or_else(|e| panic!("{e}"));
    let hits = lib
        .search("独角兽", &ClauseFilter::default(), 10)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        hits.iter()
            .map(|h| h.clause.id.as_str())
            .collect::<Vec<_>>(),
        ["sla.preferred-copy"]
    );
    lib.delete("sla.preferred-copy")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(lib
        .search("独角兽", &ClauseFilter::default(), 10)
        .unwrap_or_default()
        .is_empty());
    assert!(
        lib.versions("sla.preferred-copy").is_err(),
        "a user clause is removed with its versions"
    );
}

#[test]
fn single_word_and_phrase_searches_use_their_indexes_and_still_find_substrings() {
    let (lib, _) =
        Library::open_in_memory(&TemplateFiles::builtin()).unwrap_or_else(|e| panic!("{e}"));
    let all = ClauseFilter::default();
    let text = |id: &str| {
        let c = lib.get(id).unwrap_or_else(|e| panic!("{e}")).content;
        format!(
            "{} {} {} {} {} {}",
            c.title.zh, c.title.en, c.body.zh, c.body.en, c.guidance.zh, c.guidance.en
        )
        .to_lowercase()
    };
    // A whole English word: every hit contains it.
    let word = lib
        .search("encryption", &all, 20)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!word.is_empty());
    assert!(word
        .iter()
        .all(|h| text(&h.clause.id).contains("encryption")));
    // Part of a word still finds the clauses (through the substring index).
    let part = lib
        .search("encrypt", &all, 50)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        part.len() >= word.len(),
        "encrypt finds at least what encryption finds"
    );
    assert!(part.iter().all(|h| text(&h.clause.id).contains("encrypt")));
    // A Chinese phrase: every hit contains the whole phrase, not just one of its bigrams.
    let phrase = lib
        .search("数据销毁", &all, 20)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!phrase.is_empty());
    assert!(phrase
        .iter()
        .all(|h| text(&h.clause.id).contains("数据销毁")));
    // Filters apply on these paths too.
    let only_pi = ClauseFilter {
        topic: Some("pi.breach_notification".into()),
        ..ClauseFilter::default()
    };
    let filtered = lib
        .search("个人信息", &only_pi, 20)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !filtered.is_empty()
            && filtered.iter().all(|h| h
                .clause
                .topics
                .iter()
                .any(|t| t == "pi.breach_notification"))
    );
}

/// Each key of the search index with a number of documents.
type KeyDocs = Vec<(String, i64)>;

/// What the search index says of every key: (key, documents) from `search_gram`, and the same
/// counted from the postings themselves.
fn gram_counts(lib: &Library) -> (KeyDocs, KeyDocs) {
    let read = |sql: &str| -> KeyDocs {
        let mut stmt = lib
            .connection()
            .prepare(sql)
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap_or_else(|e| panic!("{e}"));
        rows.collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    (
        read("SELECT gram, docs FROM search_gram ORDER BY gram"),
        read("SELECT gram, count(*) FROM search_bigram GROUP BY gram ORDER BY gram"),
    )
}

/// The hits of queries that pick a key by its document count (phrases, several words), as JSON.
fn searched(lib: &Library) -> Vec<String> {
    [
        "数据销毁",
        "个人信息",
        "安全事件",
        "personal data",
        "sub-processor",
        "数据 删除",
    ]
    .iter()
    .map(|q| {
        let hits = lib
            .search(q, &ClauseFilter::default(), 20)
            .unwrap_or_else(|e| panic!("{q}: {e}"));
        assert!(!hits.is_empty(), "{q} finds something");
        serde_json::to_string(&hits).unwrap_or_else(|e| panic!("{e}"))
    })
    .collect()
}

#[test]
fn a_schema_3_library_is_upgraded_with_its_key_counts_and_searches_as_before() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = tmp.path().join("lib.sqlite3");
    let files = TemplateFiles::builtin();
    let (before, counts) = {
        let (mut lib, _) = Library::open(&db, &files).unwrap_or_else(|e| panic!("{e}"));
        // A user clause, an edited seeded clause and a deleted one, so that the counts are not
        // just the seed's.
        lib.duplicate("sla.preferred", None)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut c = lib
            .get("network.preferred.saas")
            .unwrap_or_else(|e| panic!("{e}"))
            .content;
        c.body.zh.push_str("服务商应当在三十日内完成数据销毁。");
        lib.update(&c).unwrap_or_else(|e| panic!("{e}"));
        lib.delete("sla.fallback").unwrap_or_else(|e| panic!("{e}"));
        let (kept, recounted) = gram_counts(&lib);
        assert_eq!(kept, recounted, "indexing keeps the counts");
        let before = searched(&lib);
        // Schema 3 is schema 4 without search_gram: what an earlier release left on disk.
        lib.connection()
            .execute_batch("DROP TABLE search_gram; PRAGMA user_version = 3;")
            .unwrap_or_else(|e| panic!("{e}"));
        (before, kept)
    };
    let (mut lib, _) = Library::open(&db, &files).unwrap_or_else(|e| panic!("{e}"));
    let version: u32 = lib
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(version, cloudclause_engine::db::schema_version());
    let bak = tmp.path().join("lib.sqlite3.schema-3.bak");
    assert_eq!(
        cloudclause_engine::db::check_backup(&bak).unwrap_or_else(|e| panic!("{e}")),
        3,
        "a copy of the schema-3 database is kept"
    );
    assert_eq!(
        gram_counts(&lib).0,
        counts,
        "the migration counts every key"
    );
    assert_eq!(searched(&lib), before, "the same hits, in the same order");
    // Edits after the upgrade keep the counts: deleting, duplicating, a pack that adds a clause
    // and changes another, and a re-index.
    lib.delete("sla.preferred-copy")
        .unwrap_or_else(|e| panic!("{e}"));
    lib.duplicate("network.preferred.saas", None)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut pack = serde_json::to_value(lib.export_pack().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    let clauses = pack["clauses"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("clauses"));
    let mut changed = clauses[0].clone();
    changed["content"]["body"]["zh"] = "甲方应当在审计结束后删除审计日志。".into();
    let mut added = clauses[1].clone();
    added["content"]["id"] = "imported.clause".into();
    *clauses = vec![changed, added];
    lib.import_pack(&pack.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let (kept, recounted) = gram_counts(&lib);
    assert_eq!(kept, recounted, "after edits and an import");
    lib.connection()
        .execute(
            "UPDATE meta SET value = 'old' WHERE key = 'search_index_version'",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    drop(lib);
    let (lib, _) = Library::open(&db, &files).unwrap_or_else(|e| panic!("{e}"));
    let (kept, recounted) = gram_counts(&lib);
    assert_eq!(kept, recounted, "after a re-index");
}

/// A database indexed by an older scheme is re-indexed when opened (before seeding, which
/// indexes what it writes the current way); a new database is indexed once, while seeding.
#[test]
fn an_index_of_an_older_scheme_is_rebuilt_when_the_library_opens() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = tmp.path().join("lib.sqlite3");
    let all = ClauseFilter::default();
    let ids = |lib: &Library, q: &str| -> Vec<String> {
        lib.search(q, &all, 50)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|h| h.clause.id)
            .collect()
    };
    let version = |lib: &Library| -> String {
        lib.connection()
            .query_row(
                "SELECT value FROM meta WHERE key = 'search_index_version'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let (lib, seed) =
        Library::open(&db, &TemplateFiles::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(seed.ran && seed.added > 0);
    let (two, three, word) = (
        ids(&lib, "数据"),
        ids(&lib, "数据销毁"),
        ids(&lib, "encryption"),
    );
    assert!(!two.is_empty() && !three.is_empty() && !word.is_empty());
    let current = version(&lib);
    // An older app's index: another version, and (here) no entries at all.
    lib.connection()
        .execute_batch(
            "UPDATE meta SET value = 'old' WHERE key = 'search_index_version';
             DELETE FROM search_fts; DELETE FROM search_bigram; DELETE FROM search_doc;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(ids(&lib, "数据销毁").is_empty());
    drop(lib);
    let (lib, seed) =
        Library::open(&db, &TemplateFiles::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!seed.ran, "the templates did not change");
    assert_eq!(version(&lib), current);
    assert_eq!(ids(&lib, "数据"), two);
    assert_eq!(ids(&lib, "数据销毁"), three);
    assert_eq!(ids(&lib, "encryption"), word);
    let (kept, recounted) = gram_counts(&lib);
    assert_eq!(kept, recounted, "the keys' document counts are rebuilt too");
}
