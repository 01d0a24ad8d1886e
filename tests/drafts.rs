//! Drafts: created from templates, imported from the fixtures, saved, versioned, restored; bad
//! files refused with nothing stored; a draft analysed as its file is.
#![allow(clippy::panic)] // (a helper fails the test by panicking with a message)

use std::collections::BTreeMap;

use cloudclause_engine::analysis::{self, Options, Perspective, Rules};
use cloudclause_engine::draft::render::{to_document, to_markdown, to_text};
use cloudclause_engine::draft::{Block, DraftDoc, Inline};
use cloudclause_engine::drafts::{FromTemplate, VersionKind};
use cloudclause_engine::ingest;
use cloudclause_engine::model::{DeploymentModel, Lang};
use cloudclause_engine::templates::{self, TemplateFiles};
use cloudclause_engine::{Error, Library};

fn lib() -> Library {
    Library::open_in_memory(&TemplateFiles::builtin())
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contracts");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            (
                p.file_name()
                    .unwrap_or_else(|| panic!("{} has no name", p.display()))
                    .to_string_lossy()
                    .to_string(),
                std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            )
        })
        .collect();
    out.sort();
    out
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn numbers(doc: &ingest::Document) -> Vec<String> {
    doc.clauses
        .iter()
        .filter(|c| !c.number.is_empty())
        .map(|c| c.number.clone())
        .collect()
}

#[test]
fn imported_fixtures_keep_their_clause_numbers_and_round_trip_through_markdown() {
    let mut lib = lib();
    for (name, bytes) in fixtures() {
        let file = ingest::read(&name, &bytes).unwrap();
        let d = lib.draft_import(&name, &bytes, None).unwrap();
        let rendered = to_document(&d.doc, d.meta.lang, None).document;
        let (a, b) = (numbers(&file), numbers(&rendered));
        let kept = a.iter().filter(|n| b.contains(n)).count();
        assert!(
            kept * 100 >= a.len() * 97,
            "{name}: only {kept} of {} clause numbers survive import: lost {:?}",
            a.len(),
            a.iter()
                .filter(|n| !b.contains(n))
                .take(10)
                .collect::<Vec<_>>()
        );
        // Markdown out and in again gives the same text.
        let md = to_markdown(&d.doc, d.meta.lang);
        let again = lib.draft_import("again.md", md.as_bytes(), None).unwrap();
        assert_eq!(
            words(&to_text(&again.doc, again.meta.lang)),
            words(&to_text(&d.doc, d.meta.lang)),
            "{name}"
        );
        assert_eq!(
            d.meta.lang,
            if name.starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            },
            "{name}"
        );
    }
}

#[test]
fn a_draft_is_analysed_as_its_file_is() {
    let files = TemplateFiles::builtin();
    let set = templates::load(&files).unwrap();
    let rules = Rules::load(&files).unwrap();
    let opts = Options {
        model: None,
        perspective: Perspective::Customer,
    };
    let mut lib = lib();
    let mut same = 0;
    let mut total = 0;
    for (name, bytes) in fixtures() {
        let from_file =
            analysis::analyze(&ingest::read(&name, &bytes).unwrap(), &rules, &set, opts);
        let d = lib.draft_import(&name, &bytes, None).unwrap();
        let from_draft = analysis::analyze(
            &to_document(&d.doc, d.meta.lang, None).document,
            &rules,
            &set,
            opts,
        );
        assert_eq!(
            from_file.deployment_model, from_draft.deployment_model,
            "{name}"
        );
        for (x, y) in from_file.security.iter().zip(&from_draft.security) {
            total += 1;
            if x.allocation == y.allocation && x.gap == y.gap {
                same += 1;
            } else {
                eprintln!(
                    "{name} {}: file {:?}/{:?}, draft {:?}/{:?}",
                    x.id, x.allocation, x.gap, y.allocation, y.gap
                );
            }
        }
    }
    assert!(
        same * 100 >= total * 97,
        "{same} of {total} security rows agree"
    );
}

#[test]
fn drafts_from_templates_save_version_and_restore() {
    let mut lib = lib();
    let created = lib
        .draft_from_template(&FromTemplate {
            template: "saas-subscription-agreement".into(),
            lang: Lang::En,
            matter: "Acme SaaS".into(),
            counterpart: "Example Cloud".into(),
            variables: BTreeMap::from([("customer_name".into(), "Acme Ltd.".into())]),
        })
        .unwrap();
    assert!(created.missing_clauses.is_empty());
    let d = created.draft;
    assert!(to_text(&d.doc, Lang::En).contains("Acme Ltd."));
    assert_eq!(lib.draft_versions(d.id).unwrap().len(), 1);

    // Typing: the saves within the snapshot interval overwrite the text without new versions.
    let mut doc = d.doc.clone();
    doc.content.push(Block::paragraph("Typed by the lawyer."));
    let r1 = lib.draft_save(d.id, &doc, &d.meta).unwrap();
    assert_eq!(r1.revision, d.revision + 1);
    let named = lib
        .draft_name_version(d.id, "sent to provider 3 May")
        .unwrap();
    assert_eq!(named.kind, VersionKind::Named);
    doc.content
        .push(Block::paragraph("More typing after sending."));
    lib.draft_save(d.id, &doc, &d.meta).unwrap();
    assert!(to_text(&lib.draft(d.id).unwrap().doc, Lang::En).contains("More typing"));

    // Restoring the named version brings its text back and keeps the text it replaces.
    let restored = lib.draft_restore(d.id, named.number).unwrap();
    let text = to_text(&restored.doc, Lang::En);
    assert!(text.contains("Typed by the lawyer.") && !text.contains("More typing"));
    let versions = lib.draft_versions(d.id).unwrap();
    let before = versions
        .iter()
        .find(|v| v.kind == VersionKind::BeforeRestore)
        .unwrap();
    assert!(to_text(
        &lib.draft_version(d.id, before.number).unwrap().doc,
        Lang::En
    )
    .contains("More typing"));

    // Saving the same text again changes nothing.
    let again = lib.draft_save(d.id, &restored.doc, &restored.meta).unwrap();
    assert_eq!(again.revision, restored.revision);
    assert!(matches!(
        lib.draft_restore(d.id, 999),
        Err(Error::VersionNotFound { version: 999, .. })
    ));
    assert!(matches!(
        lib.draft(12345),
        Err(Error::DraftNotFound { id: 12345 })
    ));
}

#[test]
fn bad_files_are_refused_and_nothing_is_stored() {
    let mut lib = lib();
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("corrupt.docx", b"PK\x03\x04 not really a zip".to_vec()),
        ("empty.md", Vec::new()),
        (
            "binary.txt",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("huge.txt", vec![b'a'; ingest::MAX_INPUT_BYTES + 1]),
    ];
    for (name, bytes) in bad {
        let err = lib.draft_import(name, &bytes, None).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
    assert!(lib.drafts().unwrap().is_empty());
}

#[test]
fn a_save_that_is_not_valid_stores_nothing() {
    let mut lib = lib();
    let d = lib
        .draft_import(
            "a.md",
            "第一条 服务\n\n1.1 服务商应当提供服务。\n".as_bytes(),
            None,
        )
        .unwrap();
    let bad = DraftDoc::new(vec![Block::Clause {
        attrs: cloudclause_engine::draft::ClauseAttrs {
            level: 9,
            number: None,
        },
        content: vec![Inline::text("x")],
    }]);
    assert!(lib.draft_save(d.id, &bad, &d.meta).is_err());
    assert_eq!(lib.draft(d.id).unwrap().doc, d.doc);
}

#[test]
fn the_sample_draft_is_made_once_on_first_start_only() {
    let mut lib = lib();
    let text = "第一条 服务\n\n1.1 服务商应当提供服务。\n".as_bytes();
    let first = lib
        .draft_sample_once("sample.md", text, || Some(DeploymentModel::Paas))
        .unwrap();
    assert_eq!(
        first.as_ref().unwrap().meta.model,
        Some(DeploymentModel::Paas)
    );
    // The model (an analysis, in the app) is asked for only when the sample is made.
    assert!(lib
        .draft_sample_once("sample.md", text, || unreachable!("no sample is made"))
        .unwrap()
        .is_none());
    // Deleting every draft does not bring the sample back at the next start.
    lib.draft_delete(first.unwrap().id).unwrap();
    assert!(lib
        .draft_sample_once("sample.md", text, || None)
        .unwrap()
        .is_none());
    assert!(lib.drafts().unwrap().is_empty());
    // A database that already has drafts gets no sample.
    let mut other = self::lib();
    other.draft_import("a.md", text, None).unwrap();
    assert!(other
        .draft_sample_once("sample.md", text, || None)
        .unwrap()
        .is_none());
}
