//! Live analysis: after `Cache::reanalyze_clause`, the report is exactly the report of a full
//! `analyze` of the edited document — for edits that change a verdict, delete a sentence, bring
//! in a party word or a deployment-model cue, touch a table or the preamble, in Chinese and in
//! English, one after another on the same cache.
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

use std::path::Path;

use cloudclause_engine::analysis::{self, Cache, Options, Perspective, Report, Rules};
use cloudclause_engine::ingest::{self, BlockKind, Document};
use cloudclause_engine::templates::{self, TemplateFiles, TemplateSet};

struct Live {
    doc: Document,
    cache: Cache,
    rules: Rules,
    set: TemplateSet,
    opts: Options,
}

/// The whole report, including the fields the JSON leaves out.
fn full_text(r: &Report) -> String {
    format!("{r:#?}")
}

impl Live {
    fn open(file: &str, perspective: Perspective) -> Live {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/contracts")
            .join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Live::read(file, &bytes, perspective)
    }

    fn read(name: &str, bytes: &[u8], perspective: Perspective) -> Live {
        let files = TemplateFiles::builtin();
        let set = templates::load(&files).unwrap_or_else(|e| panic!("{e}"));
        let rules = Rules::load(&files).unwrap_or_else(|e| panic!("{e}"));
        let doc = ingest::read(name, bytes).unwrap_or_else(|e| panic!("{e}"));
        let cache = Cache::new(&doc, &rules);
        let opts = Options {
            model: None,
            perspective,
        };
        Live {
            doc,
            cache,
            rules,
            set,
            opts,
        }
    }

    fn clause_text(&self, idx: usize) -> String {
        let c = &self.doc.clauses[idx];
        self.doc
            .text
            .chars()
            .skip(c.start as usize)
            .take((c.end - c.start) as usize)
            .collect()
    }

    /// The first clause whose text satisfies `pred`.
    fn find(&self, pred: impl Fn(&str, BlockKind) -> bool) -> usize {
        (0..self.doc.clauses.len())
            .find(|&i| pred(&self.clause_text(i), self.doc.clauses[i].kind))
            .unwrap_or_else(|| panic!("no such clause"))
    }

    /// Edits clause `idx` and checks the live report against a full analysis; returns the report.
    fn edit(&mut self, idx: usize, new_text: &str, what: &str) -> Report {
        let live = self.cache.reanalyze_clause(
            &mut self.doc,
            idx,
            new_text,
            &self.rules,
            &self.set,
            self.opts,
        );
        assert_eq!(
            self.clause_text(idx),
            new_text,
            "{what}: the clause holds the new text"
        );
        let full = analysis::analyze(&self.doc, &self.rules, &self.set, self.opts);
        let (a, b) = (full_text(&live), full_text(&full));
        if a != b {
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!("{what}: the live report differs from a full analysis at line {line}:\n  live: {:?}\n  full: {:?}", a.lines().nth(line), b.lines().nth(line));
        }
        assert_eq!(
            full_text(
                &self
                    .cache
                    .report(&self.doc, &self.rules, &self.set, self.opts)
            ),
            b,
            "{what}: the cached report"
        );
        live
    }
}

fn security(r: &Report) -> Vec<String> {
    r.security
        .iter()
        .map(|s| format!("{} {:?} {:?}", s.id, s.allocation, s.gap))
        .collect()
}

#[test]
fn english_edits_equal_a_full_analysis() {
    let mut l = Live::open("en-iaas-stratalyne-compute.md", Perspective::Customer);
    let before = security(&analysis::analyze(&l.doc, &l.rules, &l.set, l.opts));

    // A sentence that changes a verdict, then one word in it.
    let i = l.find(|t, _| t.contains("Stratalyne shall make available through the Console"));
    let t = format!(
        "{} Stratalyne shall encrypt all traffic in transit with TLS.",
        l.clause_text(i)
    );
    let r = l.edit(i, &t, "a duty added");
    assert_ne!(security(&r), before, "the edit changes a verdict");
    let t = t.replace("Stratalyne shall encrypt", "Stratalyne may encrypt");
    l.edit(i, &t, "shall becomes may");
    // And a disclaimer.
    let i = l.find(|t, _| t.contains("Stratalyne shall inform"));
    let t = l.clause_text(i).replacen(
        "Stratalyne shall inform",
        "Stratalyne is not responsible for informing",
        1,
    );
    l.edit(i, &t, "a disclaimer inserted");

    // Typing, one character at a time, at the end of a clause.
    let i = l.find(|t, k| k != BlockKind::TableRow && t.len() > 80);
    let mut t = l.clause_text(i);
    for ch in " Customer shall back up".chars() {
        t.push(ch);
        l.edit(i, &t, "typing");
    }

    // A sentence deleted.
    let i = l.find(|t, k| k != BlockKind::TableRow && t.matches(". ").count() >= 2);
    let t = l.clause_text(i);
    let cut = t.find(". ").map_or(0, |p| p + 2);
    l.edit(i, &t[cut..], "a sentence deleted");

    // A word the party resolution counts anywhere ("you" was not in the text).
    assert!(!l.doc.text.contains(" you "));
    let i = l.doc.clauses.len() - 1;
    let t = format!("{} If you ask, we will help.", l.clause_text(i));
    l.edit(i, &t, "a pronoun appears");
    let t = l.clause_text(i).replace(" If you ask, we will help.", "");
    l.edit(i, &t, "and goes again");

    // Deployment-model cues.
    let i = l.find(|t, k| k != BlockKind::TableRow && t.contains("Customer"));
    let t = format!(
        "{} Customer may run containers, Kubernetes and a managed database service on the runtime.",
        l.clause_text(i)
    );
    l.edit(i, &t, "PaaS cues added");

    // A responsibility-table row, and the line above the table.
    let row = l.find(|_, k| k == BlockKind::TableRow);
    let t = l.clause_text(row).replace("Provider", "Customer");
    l.edit(row, &t, "a table row changes hands");
    if row > 0 {
        let t = format!(
            "{}\n| Activity | Provider | Customer |",
            l.clause_text(row - 1)
        );
        l.edit(row - 1, &t, "a header line above the table");
    }

    // The preamble clause, emptied and written again.
    let t = l.clause_text(0);
    l.edit(0, "", "the first clause emptied");
    l.edit(0, &t, "and restored");
}

#[test]
fn chinese_edits_equal_a_full_analysis() {
    // 甲方 is the provider here: the labels come from the preamble.
    let mut l = Live::open("zh-saas-huilian-contact-center.md", Perspective::Customer);

    // The subject changes sides.
    let before = security(&analysis::analyze(&l.doc, &l.rules, &l.set, l.opts));
    let i = l.find(|t, _| t.contains("甲方应当对乙方数据进行加密存储"));
    let t = l.clause_text(i).replacen("甲方应当", "乙方应当", 1);
    let r = l.edit(i, &t, "the subject changes sides");
    assert_ne!(security(&r), before, "the edit changes a verdict");

    // A sentence deleted.
    let i = l.find(|t, _| t.matches('。').count() >= 2);
    let t = l.clause_text(i);
    let cut = t.find('。').map_or(0, |p| p + '。'.len_utf8());
    l.edit(i, &t[cut..], "a sentence deleted");

    // Typing a duty, character by character.
    let i = l.find(|t, _| t.contains("备份") || t.contains("日志"));
    let mut t = l.clause_text(i);
    for ch in "乙方应当每日备份甲方数据，并保留日志六个月。".chars() {
        t.push(ch);
        l.edit(i, &t, "typing in Chinese");
    }

    // A pronoun of online terms, then a model cue.
    let i = l.doc.clauses.len() / 2;
    let t = format!(
        "{}我们将在云服务器和虚拟机上为您提供服务。",
        l.clause_text(i)
    );
    l.edit(i, &t, "pronouns and IaaS cues");

    // An empty clause, then the clause back (its sentences return to their place).
    let i = l.doc.clauses.len() / 3;
    let t = l.clause_text(i);
    l.edit(i, "", "a clause emptied");
    l.edit(i, &t, "and restored");
}

#[test]
fn the_provider_side_and_a_cross_reference() {
    let mut l = Live::open("zh-paas-lanchuan-db-container.md", Perspective::Provider);
    let i = l.find(|t, _| t.contains('由') && (t.contains("承担") || t.contains("负责")));
    let t = l.clause_text(i).replacen('由', "不由", 1);
    l.edit(i, &t, "a cross-reference loosened");
    let i = l.find(|t, _| t.contains("应当"));
    let t = l.clause_text(i).replacen("应当", "尽力", 1);
    l.edit(i, &t, "a duty hedged");
}

#[test]
fn a_table_header_edit_reaches_the_rows_below() {
    let text = "ACME CLOUD LTD (\"Provider\") and BETA LTD (\"Customer\") agree as follows.\n\n1. Security\n\nEach party shall perform the activities marked R below.\n\n| Activity | Provider | Customer |\n|---|---|---|\n| Backups of customer data | R | |\n| Patching the guest operating system | | R |\n| Firewall rules and security groups | R | |\n\n2. Law\n\nThis Agreement is governed by the laws of Ireland.\n";
    let mut l = Live::read("raci.md", text.as_bytes(), Perspective::Customer);
    let before = security(&analysis::analyze(&l.doc, &l.rules, &l.set, l.opts));
    // The header's columns swapped: every R now marks the other party.
    // (The text keeps the header as the last line of the clause above the rows.)
    let header = l.find(|t, _| t.contains("Activity | Provider | Customer"));
    let t = l.clause_text(header).replace(
        "Activity | Provider | Customer",
        "Activity | Customer | Provider",
    );
    let r = l.edit(header, &t, "the header's columns swapped");
    assert_ne!(security(&r), before, "the rows read the new header");
}

#[test]
fn edits_to_defined_terms_and_to_the_sentences_that_name_them() {
    let text = "This Agreement is between Acme Cloud Ltd (\"Provider\") and Beta Trading Ltd (\"Customer\").\n\n\
        1.1 \"Provider Infrastructure\" means the data centers, hardware and hypervisors used to provide the Services.\n\n\
        1.2 \"Security Measures\" means Schedule 2.\n\n\
        1.3 \"Customer Data\" means all data that Customer uploads, including personal information.\n\n\
        2.1 Provider is responsible for the security of the Provider Infrastructure.\n\n\
        2.2 Provider shall keep the Services available.\n\n\
        3.1 Provider shall process Customer Data only on Customer's documented instructions.\n\n\
        3.2 Provider shall delete the Usage Records when this Agreement ends.\n\n\
        ## Schedule 2 — Security Measures\n\n\
        1. Segmented production networks and default-deny firewalls.\n";
    let mut l = Live::read("terms.md", text.as_bytes(), Perspective::Customer);
    let allocation = |r: &Report, id: &str| {
        r.security
            .iter()
            .find(|s| s.id == id)
            .map(|s| format!("{:?}", s.allocation))
    };
    // A sentence comes to name a term that stands for a schedule (the terms stay the same).
    let i = l.find(|t, _| t.contains("keep the Services available"));
    let r = l.edit(
        i,
        "2.2 Provider shall implement and maintain the Security Measures.",
        "a duty names a schedule's term",
    );
    assert_eq!(allocation(&r, "network").as_deref(), Some("Provider"));
    // The layer term renamed: the sentence that named it no longer does.
    let i = l.find(|t, _| t.starts_with("1.1"));
    let t = l
        .clause_text(i)
        .replace("Provider Infrastructure", "Facilities");
    let r = l.edit(i, &t, "a layer term renamed");
    assert_eq!(allocation(&r, "physical").as_deref(), Some("Absent"));
    let t = t.replace("Facilities", "Provider Infrastructure");
    let r = l.edit(i, &t, "and named again");
    assert_eq!(allocation(&r, "physical").as_deref(), Some("Provider"));
    // The term that includes personal information loses it, then gets it back.
    let instructions = |r: &Report| r.pi.iter().any(|p| p.id == "pi.instructions" && p.present);
    let i = l.find(|t, _| t.starts_with("1.3"));
    let before = l.clause_text(i);
    let r = l.edit(
        i,
        "1.3 \"Customer Data\" means all data that Customer uploads.",
        "a term no longer includes personal information",
    );
    assert!(!instructions(&r));
    let r = l.edit(i, &before, "and includes it again");
    assert!(instructions(&r));
    // A second such term, named by a sentence the edit does not touch.
    let deletion = |r: &Report| {
        r.pi.iter()
            .any(|p| p.id == "pi.return_deletion" && p.present)
    };
    assert!(!deletion(&r));
    let r = l.edit(
        i,
        &format!("{before} \"Usage Records\" means personal information about the users of the Services."),
        "a term that includes personal information added",
    );
    assert!(deletion(&r));
    // A schedule's term defined afresh, in a clause of its own.
    let i = l.find(|t, _| t.starts_with("1.2"));
    l.edit(
        i,
        "1.2 \"Security Measures\" means the measures described in Schedule 2. \"Backup Policy\" means Schedule 3.",
        "a second schedule term",
    );
}

#[test]
fn a_legend_far_from_the_preamble_is_read_again_when_edited() {
    // The legend that names the parties' codes sits in an annex, past the preamble.
    let filler = "3. General. This clause says nothing of security. ".repeat(150);
    let text = format!(
        "This contract is between Lindgrund Rechenzentrum GmbH (the \"Contractor\") and Stadtwerke Wendelsau GmbH (the \"Principal\").\n\n{filler}\n\n## Annex 2 – Measures\n\nLegend: AN = Contractor; AG = Principal.\n\n| No. | Control objective | Measures | Responsible |\n|---|---|---|---|\n| 1 | Physical access control | Badge access to the server rooms | AN |\n| 2 | System access control | Two-factor authentication for administrators | AG |\n"
    );
    let mut l = Live::read("legend.md", text.as_bytes(), Perspective::Customer);
    let legend = l.find(|t, _| t.contains("AN = Contractor"));
    let t = l.clause_text(legend).replace(
        "AN = Contractor; AG = Principal",
        "AN = Principal; AG = Contractor",
    );
    let r = l.edit(legend, &t, "the legend's codes swapped");
    let physical = r
        .security
        .iter()
        .find(|s| s.id == "physical")
        .map(|s| s.allocation);
    assert_eq!(physical, Some(analysis::Found::Customer));
}
