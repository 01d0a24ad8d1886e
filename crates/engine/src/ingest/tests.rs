//! Fixture tests over the shared corpus: every clause number a label file cites must be found,
//! with its number printed at its start offset. Skipped (with a note) when shared/ is absent.
#![allow(clippy::panic)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{read, Document, SourceFormat};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} is absent; corpus fixture tests skipped",
            dir.display()
        );
        None
    }
}

fn load(rel: &str) -> Option<Document> {
    let path = corpus()?.join(rel);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("note: {} is absent; skipped", path.display());
        return None;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match read(&name, &bytes) {
        Ok(doc) => Some(doc),
        Err(e) => panic!("{rel}: {e}"),
    }
}

/// All clause numbers cited under any "clauses" key of a label file.
fn cited(rel: &str) -> Option<BTreeSet<String>> {
    let path = corpus()?.join(rel);
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let mut out = BTreeSet::new();
    let mut todo = vec![&json];
    while let Some(v) = todo.pop() {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if k == "clauses" {
                        if let Some(list) = v.as_array() {
                            out.extend(list.iter().filter_map(|x| x.as_str().map(str::to_string)));
                        }
                    } else {
                        todo.push(v);
                    }
                }
            }
            serde_json::Value::Array(list) => todo.extend(list),
            _ => {}
        }
    }
    Some(out)
}

fn slice(doc: &Document, start: u32, end: u32) -> String {
    doc.text
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

fn dump(doc: &Document) -> String {
    doc.clauses
        .iter()
        .map(|c| {
            format!(
                "{:>3} L{} {:?} [{}..{}] {:?} {:?}\n",
                c.parent.map_or(-1, |p| p as i64),
                c.level,
                c.kind,
                c.start,
                c.end,
                c.number,
                c.heading
            )
        })
        .collect()
}

/// Checks that every cited number is a clause whose text starts with `expect(number)`.
fn check_cited(doc_rel: &str, labels_rel: &str) -> Option<Document> {
    let doc = load(doc_rel)?;
    let cited = cited(labels_rel)?;
    let mut missing = Vec::new();
    for number in &cited {
        if !doc.clauses.iter().any(|c| &c.number == number) {
            missing.push(number.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "{doc_rel}: cited numbers not found: {missing:?}\n{}",
        dump(&doc)
    );
    Some(doc)
}

fn clause<'a>(doc: &'a Document, number: &str) -> &'a super::ClauseSpan {
    doc.clauses
        .iter()
        .find(|c| c.number == number)
        .unwrap_or_else(|| panic!("no clause {number}\n{}", dump(doc)))
}

/// The last letters or digits of a number ("x" of "2.1(a)(x)", "4" of "Schedule 1 row 4").
fn last_component(number: &str) -> String {
    let tail: Vec<char> = number
        .chars()
        .rev()
        .skip_while(|c| !c.is_ascii_alphanumeric())
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    tail.into_iter().rev().collect()
}

/// Every cited number is a clause, and its span starts with (or, for headings, shows) its print.
fn assert_cited(doc_rel: &str, labels_rel: &str) -> Option<Document> {
    let doc = check_cited(doc_rel, labels_rel)?;
    for number in cited(labels_rel)? {
        let c = clause(&doc, &number);
        let text = slice(&doc, c.start, c.end);
        let head: String = text.chars().take(14).collect();
        let last = last_component(&number);
        assert!(!text.trim().is_empty(), "{doc_rel}: {number} has no text");
        assert!(
            head.contains(&last),
            "{doc_rel}: {number} starts with {head:?}"
        );
    }
    Some(doc)
}

fn starts(doc: &Document, number: &str, prefix: &str) {
    let c = clause(doc, number);
    let text = slice(doc, c.start, c.end);
    assert!(
        text.starts_with(prefix),
        "{number}: {text:?} does not start with {prefix:?}"
    );
}

#[test]
fn sealos_zh_cited_clauses() {
    let Some(doc) = assert_cited(
        "cn-sealos-cloud-service-agreement-zh.md",
        "labels/cn-sealos-cloud-service-agreement-zh.labels.json",
    ) else {
        return;
    };
    assert_eq!(doc.format, SourceFormat::Markdown);
    assert_eq!(doc.title.as_deref(), Some("Sealos 云服务服务协议"));
    starts(
        &doc,
        "第5条3",
        "3. 对于因您自身原因导致的数据丢失、损坏等情况，我们不承担责任。",
    );
    assert_eq!(
        slice(
            &doc,
            clause(&doc, "第5条3").start,
            clause(&doc, "第5条3").end
        ),
        "3. 对于因您自身原因导致的数据丢失、损坏等情况，我们不承担责任。"
    );
    starts(&doc, "第10条1", "1. 如果利用平台服务");
    let art = clause(&doc, "第1条");
    assert_eq!((art.heading.as_deref(), art.level), (Some("服务内容"), 0));
    let item = clause(&doc, "第1条3");
    assert_eq!(item.level, 1);
    assert_eq!(
        item.parent.map(|p| doc.clauses[p as usize].number.as_str()),
        Some("第1条")
    );
    assert!(!doc.text.contains("**") && !doc.text.contains("source_repo"));
}

#[test]
fn example_zh_saas_cited_clauses() {
    let Some(doc) = assert_cited(
        "labelled-examples/example-zh-saas.md",
        "labelled-examples/example-zh-saas.labels.json",
    ) else {
        return;
    };
    starts(
        &doc,
        "4.2",
        "4.2 甲方不负责本服务所使用服务器的操作系统维护和补丁更新",
    );
    starts(
        &doc,
        "12.1",
        "12.1 任何一方在本协议项下的累计赔偿责任不超过甲方已支付的年费，但乙方违反第5条约定",
    );
    starts(&doc, "附件 row 1", "会员管理 | ");
    // "第5条约定" in running text is not a clause.
    assert!(!doc.clauses.iter().any(|c| c.number.starts_with("第5条")));
    let parent = clause(&doc, "4.2")
        .parent
        .map(|p| doc.clauses[p as usize].heading.clone());
    assert_eq!(parent, Some(Some("安全责任".to_string())));
}

#[test]
fn example_en_iaas_cited_clauses() {
    let Some(doc) = assert_cited(
        "labelled-examples/example-en-iaas.md",
        "labelled-examples/example-en-iaas.labels.json",
    ) else {
        return;
    };
    starts(
        &doc,
        "Schedule 1 row 4",
        "4 | Network security | Shared | Protects the underlay network",
    );
    starts(
        &doc,
        "Schedule 1 row 6",
        "6 | Data at rest: encryption, integrity and backups | Shared",
    );
    starts(&doc, "6.2(a)", "(a) multi-factor authentication");
    starts(&doc, "5.4", "5.4 Provider may, but is not obliged to");
    let row = clause(&doc, "Schedule 1 row 7");
    assert_eq!(row.kind, super::BlockKind::TableRow);
    assert!(slice(&doc, row.start, row.end).ends_with("retains the records for 12 months | –"));
    let force = clause(&doc, "15.1");
    assert_eq!(force.heading.as_deref(), Some("Force majeure"));
}

#[test]
fn commonpaper_csa_cited_clauses() {
    let Some(doc) = assert_cited(
        "commonpaper-csa-standard-terms-v2.1.md",
        "labels/commonpaper-csa-standard-terms-v2.1.labels.json",
    ) else {
        return;
    };
    starts(
        &doc,
        "2.1(a)(x)",
        "(x) upload, submit, or otherwise make available",
    );
    starts(
        &doc,
        "2.1(a)(ix)",
        "(ix) use the Product to obtain unauthorized access",
    );
    starts(
        &doc,
        "5.5(b)",
        "b. Upon Customer’s request, Provider will delete Customer Content within 60 days.",
    );
    starts(&doc, "12.3", "3. Governing Law and Chosen Courts.");
    assert_eq!(
        clause(&doc, "1.3").heading.as_deref(),
        Some("User Accounts")
    );
    assert_eq!(
        clause(&doc, "8").heading.as_deref(),
        Some("Limitation of Liability")
    );
}

#[test]
fn basecamp_dpa_cited_clauses() {
    let Some(doc) = assert_cited(
        "basecamp-37signals-dpa-2023.md",
        "labels/basecamp-37signals-dpa-2023.labels.json",
    ) else {
        return;
    };
    starts(&doc, "2.3.3(v)", "v.");
    assert!(slice(
        &doc,
        clause(&doc, "2.3.3(v)").start,
        clause(&doc, "2.3.3(v)").end
    )
    .contains("Immediately notify Customer"));
    starts(&doc, "Schedule 1, Annex I(A)", "A.");
    starts(&doc, "Schedule 1, Annex II", "ANNEX II - TECHNICAL");
    starts(&doc, "11.2.5", "11.2.5 Under Clause 17 (Governing law)");
}

#[test]
fn other_corpus_contracts() {
    if let Some(doc) = load("cn-prelegal-saas-service-agreement-zh.md") {
        assert_eq!(clause(&doc, "8.3").heading.as_deref(), Some("除外情形"));
        starts(&doc, "5.5（一）", "（一）");
        starts(&doc, "12.4", "4. 行为保全。");
    }
    if let Some(doc) = load("bonterms-cloud-terms-v1.0.md") {
        starts(
            &doc,
            "14.4(b)",
            "(b) After termination or expiration of this Agreement",
        );
        starts(&doc, "16.5", "16.5. Liability Definitions.");
        assert_eq!(clause(&doc, "5").heading.as_deref(), Some("Data"));
    }
    if let Some(doc) = load("github-enterprise-subscription-agreement-2021.md") {
        let s2 = clause(&doc, "Section 2");
        assert_eq!((s2.level, s2.kind), (0, super::BlockKind::Heading));
        let s3 = clause(&doc, "Section 3");
        assert_eq!(s3.level, 0, "### SECTION 3 is a sibling of ## SECTION 2");
        starts(&doc, "1.6.4(ii)", "(ii) Limitation of Total Liability.");
        assert_eq!(clause(&doc, "1.1.1").heading.as_deref(), Some("Term"));
        assert_eq!(
            clause(&doc, "Exhibit A").heading.as_deref(),
            Some("DEFINITIONS")
        );
    }
}

#[test]
fn every_corpus_file_reads() {
    let Some(dir) = corpus() else { return };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let name = path.to_string_lossy().into_owned();
            let doc = read(&name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            let len = doc.text.chars().count() as u32;
            let mut prev = 0;
            for c in &doc.clauses {
                assert!(
                    c.start <= c.end && c.end <= len && c.start >= prev,
                    "{name}: bad span {c:?}"
                );
                assert!(c.parent.is_none_or(|p| (p as usize) < doc.clauses.len()));
                prev = c.start;
            }
        }
    }
}

/// A 300,000-char contract reads and splits quickly (well under 20 ms in release; this debug
/// build only checks that nothing is quadratic).
#[test]
fn large_contract_is_linear() {
    let mut text = String::new();
    let mut n = 0;
    while text.chars().count() < 300_000 {
        n += 1;
        if n % 500 == 1 {
            text.push_str(&format!("## Schedule {}\n\nText.\n\n", n / 500 + 1));
        }
        let n = (n - 1) % 500 + 1;
        text.push_str(&format!("## {n}. 条款{n}\n\n{n}.1 乙方应当（一）加密存储甲方数据；（二）每日备份。\n\n{n}.2 Provider shall (a) patch systems within 30 days; and (b) report incidents.\n\n| Row | Area |\n|---|---|\n| 1 | Hosts |\n\n"));
    }
    let started = std::time::Instant::now();
    let doc = read("big.md", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let took = started.elapsed();
    eprintln!("300k chars: {} clauses in {took:?}", doc.clauses.len());
    // A realistic contract: the Common Paper terms repeated to 300,000 chars.
    if let Some(dir) = corpus() {
        if let Ok(one) = std::fs::read_to_string(dir.join("commonpaper-csa-standard-terms-v2.1.md"))
        {
            let body = one.split("\n---\n").nth(1).unwrap_or(&one).to_string();
            let mut big = String::new();
            while big.chars().count() < 300_000 {
                big.push_str(&body);
            }
            let t0 = std::time::Instant::now();
            let plain = super::markdown::read(&big);
            let t1 = t0.elapsed();
            let clauses = super::split::split(&plain);
            eprintln!(
                "common paper x{}: read {t1:?}, split {:?}, {} clauses",
                big.len() / body.len(),
                t0.elapsed() - t1,
                clauses.len()
            );
        }
    }
    assert!(
        doc.clauses.len() >= 8 * n + n / 500,
        "{} clauses for {n} articles",
        doc.clauses.len()
    );
    assert!(took.as_millis() < 3_000, "took {took:?}");
}

/// Random bytes and random marker soup never panic, and spans stay in bounds.
#[test]
fn random_inputs_never_panic() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const PIECES: [&str; 40] = [
        "第",
        "十",
        "二",
        "条",
        "章",
        "一",
        "、",
        "（",
        "）",
        "(",
        ")",
        "1",
        "2",
        ".",
        "3.3",
        "a",
        "i",
        "v",
        "x",
        "A",
        "I",
        " ",
        "\n",
        "\n\n",
        "#",
        "## ",
        "|",
        "|---|",
        "**",
        "*",
        "_",
        "[",
        "](",
        "<",
        ">",
        "Schedule 1",
        "ANNEX II",
        "附件",
        "Section ",
        "\\",
    ];
    for round in 0..400 {
        let mut s = String::new();
        for _ in 0..(next() % 200) {
            s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        for name in ["r.md", "r.txt", "r"] {
            if let Ok(doc) = read(name, s.as_bytes()) {
                let len = doc.text.chars().count() as u32;
                for c in &doc.clauses {
                    assert!(
                        c.start <= c.end && c.end <= len,
                        "round {round}: {c:?} in {s:?}"
                    );
                }
            }
        }
        let bytes: Vec<u8> = (0..(next() % 300)).map(|_| next() as u8).collect();
        let _ = read("r.docx", &bytes);
        let _ = read("r.txt", &bytes);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        let _ = read("r", &zipped);
    }
}

#[test]
fn lettered_decimal_numbers_are_clauses_and_a_single_lettered_level_is_a_list() {
    let md = "## Exhibit B – Addendum\n\n### B3. Instructions\n\nB3.1 Provider may use PHI only to provide the Service.\n\nB3.2 Provider will process Personal Data only on documented instructions.\n\n## Schedule 3\n\n**Provider Responsibilities**\n\nA1. The Facility will be staffed at all times.\n\nA2. Power will be delivered through diverse feeds.\n";
    let doc = crate::ingest::read("x.md", md.as_bytes()).expect("reads");
    let numbers: Vec<&str> = doc.clauses.iter().map(|c| c.number.as_str()).collect();
    assert!(numbers.contains(&"B3.1"), "{numbers:?}");
    assert!(numbers.contains(&"B3.2"), "{numbers:?}");
    starts(&doc, "B3.2", "B3.2 Provider will process");
    assert!(!numbers.iter().any(|n| n.contains("A1")), "{numbers:?}");
}

#[test]
fn letter_point_decimal_numbers_are_clauses() {
    let md = "## Exhibit B – Data Security Addendum\n\n### B.5 Security Measures\n\nB.5.5 **Data at Rest.** Sablecrest shall encrypt Matter Data at rest.\n\nB.5.7 **Personnel Access.** Access shall be limited to named personnel.\n\n### B.6 Account Administration\n\n(a) an account shall not be shared;\n\nA. Sablecrest operates a platform.\n";
    let doc = crate::ingest::read("x.md", md.as_bytes()).expect("reads");
    let numbers: Vec<&str> = doc.clauses.iter().map(|c| c.number.as_str()).collect();
    for n in ["B.5", "B.5.5", "B.5.7", "B.6", "B.6(a)"] {
        assert!(numbers.contains(&n), "{n}: {numbers:?}");
    }
    starts(&doc, "B.5.7", "B.5.7 Personnel Access. Access");
    // (The numbers that a cross-reference to the annex takes in, though they do not repeat it.)
    use crate::ingest::markers::is_lettered_paragraph;
    for n in ["B.5", "B.5.5", "B.6(a)"] {
        assert!(is_lettered_paragraph(n), "{n}");
    }
    for n in ["1.1", "第1条", "Schedule 3", "(a)", "附件二 row 4"] {
        assert!(!is_lettered_paragraph(n), "{n}");
    }
}

#[test]
fn a_section_sign_numbers_a_section_and_its_paragraphs_compose() {
    let md = "## § 5 Security Obligations of Kessler\n\n(1) Kessler shall log all administrative actions.\n\n(6) Each Party shall secure the networks within its own sphere of responsibility.\n\n## § 14 Term\n\n(5) Kessler shall delete Customer Data.\n";
    let doc = crate::ingest::read("x.md", md.as_bytes()).expect("reads");
    let numbers: Vec<&str> = doc.clauses.iter().map(|c| c.number.as_str()).collect();
    for n in ["§ 5", "§ 5(1)", "§ 5(6)", "§ 14(5)"] {
        assert!(numbers.contains(&n), "{n}: {numbers:?}");
    }
}
