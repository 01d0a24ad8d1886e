//! Golden files of the analyzer: for a few contracts, the whole verdict (allocation, split,
//! gap and the clauses it rests on for each security item; PI elements; risk topics) is kept
//! in tests/golden/analyze/<name>.txt. A change in the rules that changes a verdict shows up
//! as a diff to review. Regenerate: UPDATE_GOLDEN=1 cargo test -p cloudclause-tests --test analyzer_golden
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

use std::fmt::Write;
use std::path::Path;

use cloudclause_engine::analysis::{self, Options, Perspective, Report, Rules};
use cloudclause_engine::ingest;
use cloudclause_engine::model::DeploymentModel;
use cloudclause_engine::templates::{self, TemplateFiles};

fn summary(r: &Report) -> String {
    let json = |v: &dyn erased::Ser| v.to_json();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "model {} ({}) language {}",
        r.deployment_model.as_str(),
        r.deployment_model_source,
        r.language
    );
    let _ = writeln!(
        out,
        "provider {:?}\ncustomer {:?}",
        r.parties.provider, r.parties.customer
    );
    for s in &r.security {
        let clauses: Vec<&str> = s.evidence.iter().map(|e| e.clause.as_str()).collect();
        let _ = writeln!(
            out,
            "security {:<22} {:<10} split={:<5} gap={:<10} hedged={:<5} [{}]",
            s.id,
            json(&s.allocation),
            s.split_specified.map_or("-".to_string(), |b| b.to_string()),
            s.gap.map_or("-".to_string(), |g| json(&g)),
            s.hedged,
            clauses.join(", ")
        );
    }
    for p in &r.pi {
        let clauses: Vec<&str> = p.evidence.iter().map(|e| e.clause.as_str()).collect();
        let _ = writeln!(
            out,
            "pi {:<24} present={:<5} [{}]",
            p.id,
            p.present,
            clauses.join(", ")
        );
    }
    for k in &r.risks {
        let clauses: Vec<&str> = k.evidence.iter().map(|e| e.clause.as_str()).collect();
        let _ = writeln!(
            out,
            "risk {:<18} present={:<5} unfavourable={:<5} [{}]",
            k.id,
            k.present,
            k.customer_unfavourable
                .map_or("-".to_string(), |b| b.to_string()),
            clauses.join(", ")
        );
    }
    out
}

mod erased {
    pub trait Ser {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_json(&self) -> String {
            serde_json::to_value(self)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        }
    }
}

fn check(file: &str, model: DeploymentModel) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("fixtures/contracts").join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let files = TemplateFiles::builtin();
    let set = templates::load(&files).unwrap_or_else(|e| panic!("{e}"));
    let rules = Rules::load(&files).unwrap_or_else(|e| panic!("{e}"));
    let doc = ingest::read(file, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let report = analysis::analyze(
        &doc,
        &rules,
        &set,
        Options {
            model: Some(model),
            perspective: Perspective::Customer,
        },
    );
    // Every evidence span quotes exactly the text at its offsets.
    let chars: Vec<char> = doc.text.chars().collect();
    for e in report.security.iter().flat_map(|s| s.evidence.iter()) {
        let at: String = chars[e.start as usize..e.end as usize].iter().collect();
        assert_eq!(at, e.quote, "evidence offsets of clause {}", e.clause);
    }
    let fresh = summary(&report);
    let golden = root
        .join("golden/analyze")
        .join(file.replace(".md", ".txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &fresh).unwrap_or_else(|e| panic!("{e}"));
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(want == fresh, "{} differs from the golden file; review the change and run with UPDATE_GOLDEN=1\n--- fresh ---\n{fresh}", golden.display());
}

#[test]
fn chinese_saas_contract_where_jia_is_the_provider() {
    check("zh-saas-huilian-contact-center.md", DeploymentModel::Saas);
}

#[test]
fn english_iaas_contract_with_a_responsibility_schedule() {
    check("en-iaas-stratalyne-compute.md", DeploymentModel::Iaas);
}

#[test]
fn chinese_paas_contract_with_a_cross_reference() {
    check("zh-paas-lanchuan-db-container.md", DeploymentModel::Paas);
}
