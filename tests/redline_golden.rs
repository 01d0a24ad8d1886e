#![allow(clippy::panic, clippy::indexing_slicing)]
//! Golden tests of the redline engine.
//!
//! 1. Library clauses edited by a script in known ways (a word replaced, a phrase inserted, a
//!    sentence deleted, a number changed, punctuation width changed), in Chinese and English:
//!    the alignment finds the clause they came from and the redline shows exactly those edits.
//! 2. Two versions of a real corpus contract (Chinese and English) where the second has a clause
//!    inserted (and the rest of its section renumbered), one deleted, one moved and one edited:
//!    the comparison reports exactly those four, and everything else unchanged.
//!
//! The readable redlines are kept in tests/golden/redline/. Regenerate after a reviewed change:
//! UPDATE_GOLDEN=1 cargo test -p cloudclause-tests --test redline_golden

use std::collections::HashMap;
use std::path::Path;

use cloudclause_engine::analysis::Rules;
use cloudclause_engine::ingest;
use cloudclause_engine::model::{Clause, ClauseFilter, Lang};
use cloudclause_engine::placeholders;
use cloudclause_engine::redline::{
    self, AlignOptions, ChangeKind, ClauseIndex, Comparison, Op, OpKind, RedlineOptions,
};
use cloudclause_engine::templates::{self, TemplateFiles};
use cloudclause_engine::Library;

/// The deletions and insertions of a redline.
fn changes(ops: &[Op]) -> Vec<(OpKind, &str)> {
    ops.iter()
        .filter(|o| o.op != OpKind::Equal)
        .map(|o| (o.op, o.text.as_str()))
        .collect()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `fresh` with the golden file (or writes it under UPDATE_GOLDEN).
fn golden(name: &str, fresh: &str) {
    let path = root().join("golden/redline").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap_or(root())).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, fresh).unwrap_or_else(|e| panic!("{e}"));
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(want == fresh, "{} differs from the golden file; review and run with UPDATE_GOLDEN=1\n--- fresh ---\n{fresh}", path.display());
}

struct Setup {
    clauses: Vec<Clause>,
    index: ClauseIndex,
    rules: Rules,
    vars: Vec<cloudclause_engine::model::Variable>,
}

fn setup() -> Setup {
    let files = TemplateFiles::builtin();
    let (lib, _) = Library::open_in_memory(&files).unwrap_or_else(|e| panic!("{e}"));
    let clauses = lib
        .list_clauses(&ClauseFilter::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let set = templates::load(&files).unwrap_or_else(|e| panic!("{e}"));
    Setup {
        index: ClauseIndex::new(clauses.clone()),
        clauses,
        rules: Rules::load(&files).unwrap_or_else(|e| panic!("{e}")),
        vars: set.variables,
    }
}

/// One scripted edit: what to find in the filled clause body and what to put instead, and the
/// changes (op, text) the redline must show.
struct Case {
    name: &'static str,
    clause: &'static str,
    lang: Lang,
    find: &'static str,
    replace: &'static str,
    /// Replace every occurrence (punctuation width), else the first.
    all: bool,
    want: &'static [(OpKind, &'static str)],
}

const CASES: &[Case] = &[
    Case { name: "zh word replaced", clause: "data.destruction.preferred", lang: Lang::Zh, find: "删除证明", replace: "销毁证明", all: false, want: &[(OpKind::Delete, "删除"), (OpKind::Insert, "销毁")] },
    Case { name: "zh phrase inserted", clause: "data.destruction.preferred", lang: Lang::Zh, find: "应当删除其持有", replace: "应当及时、彻底地删除其持有", all: false, want: &[(OpKind::Insert, "及时、彻底地")] },
    Case {
        name: "zh sentence deleted",
        clause: "data.destruction.preferred",
        lang: Lang::Zh,
        find: "清除前，服务商不得对其进行除安全存储以外的任何处理。",
        replace: "",
        all: false,
        want: &[(OpKind::Delete, "清除前，服务商不得对其进行除安全存储以外的任何处理。")],
    },
    Case { name: "zh number changed", clause: "data.destruction.preferred", lang: Lang::Zh, find: "NIST SP 800-88", replace: "NIST SP 800-53", all: false, want: &[(OpKind::Delete, " 800-88"), (OpKind::Insert, " 800-53")] },
    Case { name: "zh punctuation width", clause: "data.destruction.preferred", lang: Lang::Zh, find: "，", replace: ",", all: true, want: &[] },
    Case { name: "en word replaced", clause: "data.destruction.preferred", lang: Lang::En, find: "deletion certificate", replace: "deletion statement", all: false, want: &[(OpKind::Delete, " certificate"), (OpKind::Insert, " statement")] },
    Case { name: "en phrase inserted", clause: "data.destruction.preferred", lang: Lang::En, find: "shall deliver to", replace: "shall promptly and at no charge deliver to", all: false, want: &[(OpKind::Insert, " promptly and at no charge")] },
    Case {
        name: "en sentence deleted",
        clause: "data.destruction.preferred",
        lang: Lang::En,
        find: " Where Customer requests in writing during the term that specific Customer Data be deleted, Provider shall delete it within the same period.",
        replace: "",
        all: false,
        want: &[(OpKind::Delete, " Where Customer requests in writing during the term that specific Customer Data be deleted, Provider shall delete it within the same period.")],
    },
    Case { name: "en number changed", clause: "data.destruction.preferred", lang: Lang::En, find: "NIST SP 800-88", replace: "NIST SP 800-53", all: false, want: &[(OpKind::Delete, " 800-88"), (OpKind::Insert, " 800-53")] },
    Case { name: "en punctuation width", clause: "data.destruction.preferred", lang: Lang::En, find: ", ", replace: "，", all: true, want: &[] },
    Case { name: "en word replaced in another clause", clause: "incident_notice.preferred", lang: Lang::En, find: "shall take immediate measures", replace: "shall take reasonable measures", all: false, want: &[(OpKind::Delete, " immediate"), (OpKind::Insert, " reasonable")] },
];

#[test]
fn library_clauses_edited_by_a_script_show_exactly_those_edits() {
    let s = setup();
    let mut out = String::new();
    for case in CASES {
        let clause = s
            .clauses
            .iter()
            .find(|c| c.content.id == case.clause)
            .unwrap_or_else(|| panic!("no clause {}", case.clause));
        let body = placeholders::fill(
            clause.content.body.get(case.lang),
            case.lang,
            &HashMap::new(),
            &s.vars,
        );
        assert!(
            body.contains(case.find),
            "{}: the script's anchor {:?} is not in the clause",
            case.name,
            case.find
        );
        let edited = if case.all {
            body.replace(case.find, case.replace)
        } else {
            body.replacen(case.find, case.replace, 1)
        };
        let number = if case.lang == Lang::Zh {
            "第五条"
        } else {
            "Section 5."
        };
        let text = format!(
            "## {number} {}\n\n{}",
            clause.content.title.get(case.lang),
            edited.trim_end()
        );
        let doc = ingest::read("draft.md", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let a = redline::align(&doc, &s.index, Some(&s.rules), &AlignOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.alignments.len(), 1, "{}: one clause", case.name);
        let x = &a.alignments[0];
        assert_eq!(
            x.model_clause.as_deref(),
            Some(case.clause),
            "{}: the right model clause",
            case.name
        );
        assert_eq!(x.lang, case.lang);
        assert!(
            x.similarity > 0.8,
            "{}: similarity {}",
            case.name,
            x.similarity
        );
        assert!(x
            .runner_up
            .as_ref()
            .is_some_and(|r| r.similarity < x.similarity && r.model_clause != case.clause));
        let changes = changes(&x.ops);
        assert_eq!(
            changes, case.want,
            "{}: exactly the scripted edits",
            case.name
        );
        // The equal and inserted text is the draft, as written.
        let draft: String = x
            .ops
            .iter()
            .filter(|o| o.op != OpKind::Delete)
            .map(|o| o.text.as_str())
            .collect();
        let chars: String = doc
            .text
            .chars()
            .skip(x.start as usize)
            .take((x.end - x.start) as usize)
            .collect();
        assert_eq!(draft, chars.trim_end(), "{}", case.name);
        out.push_str(&format!(
            "== {} ({} {:.3}, runner-up {:?})\n{}\n\n",
            case.name,
            case.clause,
            x.similarity,
            x.runner_up.as_ref().map(|r| &r.model_clause),
            redline::to_plain(&x.ops)
        ));
    }
    golden("library_edits.txt", &out);
}

#[test]
fn a_draft_without_a_topic_lists_it_as_missing_and_unrelated_text_has_no_counterpart() {
    let s = setup();
    let text = "## 第一条 付款\n\n甲方应当于每月五日前向乙方支付上月的服务费，逾期的按日加收万分之五的违约金。\n\n## 第二条 其他\n\n本合同一式两份，双方各执一份。";
    let doc = ingest::read("draft.md", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let a = redline::align(&doc, &s.index, Some(&s.rules), &AlignOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        a.alignments
            .iter()
            .all(|x| x.model_clause.is_none() && x.ops.is_empty()),
        "{a:?}"
    );
    assert!(
        a.missing_topics.iter().any(|t| t == "data.destruction")
            && a.missing_topics
                .iter()
                .any(|t| t == "pi.breach_notification")
    );
    assert!(a.missing_topics.iter().all(|t| !t.starts_with("general")));
}

/// A version of `text` with a clause inserted after line `insert_after` (the rest of the list
/// renumbered up to `renumber_to`), line `delete` removed, line `mv` moved after line `move_after`,
/// and `find` replaced by `replace` (lines are 1-based in the original).
struct Script {
    insert_after: usize,
    inserted: &'static str,
    renumber: std::ops::RangeInclusive<usize>,
    delete: usize,
    mv: usize,
    move_after: usize,
    find: &'static str,
    replace: &'static str,
}

fn version2(text: &str, s: &Script) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let n = k + 1;
        if n == s.delete || n == s.mv {
            continue;
        }
        let mut l = line.replacen(s.find, s.replace, 1);
        if s.renumber.contains(&n) {
            // "    3. **…" → "    4. **…"
            let lead = l.len() - l.trim_start().len();
            let (num, rest) = l.trim_start().split_once(". ").unwrap_or(("", ""));
            let v: usize = num
                .parse()
                .unwrap_or_else(|_| panic!("line {n} is not numbered: {l}"));
            l = format!("{}{}. {rest}", &l[..lead], v + 1);
        }
        out.push(l);
        if n == s.insert_after {
            out.push(s.inserted.to_string());
        }
        if n == s.move_after {
            out.push(lines[s.mv - 1].to_string());
        }
    }
    out.join("\n")
}

fn summary(c: &Comparison) -> String {
    let mut out = format!("{:?}\n", c.stats);
    for x in c.changes.iter().filter(|x| x.kind != ChangeKind::Unchanged) {
        out.push_str(&format!(
            "{:?} {:?} -> {:?} {:.3} moved={:?}\n{}\n\n",
            x.kind,
            x.old_clause,
            x.new_clause,
            x.similarity,
            x.moved,
            redline::to_plain(&x.ops).trim_end()
        ));
    }
    out
}

fn corpus(name: &str) -> String {
    let path = root().join("../../shared/corpus").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared corpus is expected beside the project)",
            path.display()
        )
    })
}

fn check_compare(file: &str, script: &Script, golden_name: &str, modified: (&str, &str)) {
    let v1 = corpus(file);
    let v2 = version2(&v1, script);
    assert!(v2.contains(script.replace), "the edit applies");
    let (a, b) = (
        ingest::read(file, v1.as_bytes()).unwrap_or_else(|e| panic!("{e}")),
        ingest::read(file, v2.as_bytes()).unwrap_or_else(|e| panic!("{e}")),
    );
    let c = redline::compare(&a, &b, &RedlineOptions::default());
    let s = c.stats;
    assert_eq!(
        (s.inserted, s.deleted, s.moved, s.modified),
        (1, 1, 1, 1),
        "{}",
        summary(&c)
    );
    assert!(
        s.unchanged as usize >= a.clauses.len() - 5,
        "everything else unchanged: {s:?}"
    );
    let kinds = |k: ChangeKind| c.changes.iter().filter(|x| x.kind == k).collect::<Vec<_>>();
    let m = kinds(ChangeKind::Modified);
    let changes = changes(&m[0].ops);
    assert_eq!(
        changes,
        [(OpKind::Delete, modified.0), (OpKind::Insert, modified.1)]
    );
    assert_eq!(
        kinds(ChangeKind::Moved)[0].moved,
        kinds(ChangeKind::MovedAway)[0].moved
    );
    assert!(kinds(ChangeKind::Inserted)[0]
        .ops
        .iter()
        .all(|o| o.op == OpKind::Insert));
    // Renumbered clauses are unchanged, with their old and new numbers.
    assert!(c
        .changes
        .iter()
        .any(|x| x.kind == ChangeKind::Unchanged && x.old_clause != x.new_clause));
    golden(golden_name, &summary(&c));
}

#[test]
fn two_versions_of_a_chinese_corpus_contract() {
    let script = Script {
        insert_after: 22,
        inserted: "    3. **服务可用性。**  服务方应保证云服务每月可用性不低于99.9%，未达标的按服务水平协议减免服务费。",
        renumber: 23..=26,
        delete: 30,
        mv: 42,
        move_after: 50,
        find: "连续三十（30）日以上",
        replace: "连续十五（15）日以上",
    };
    check_compare(
        "cn-prelegal-saas-service-agreement-zh.md",
        &script,
        "compare_zh.txt",
        ("三十（30", "十五（15"),
    );
}

#[test]
fn two_versions_of_an_english_corpus_contract() {
    let script = Script {
        insert_after: 22,
        inserted: "    3. **Service Levels.**  Provider will make the Cloud Service available at least 99.9% of each month and will credit Fees for any shortfall.",
        renumber: 23..=26,
        delete: 36,
        mv: 42,
        move_after: 61,
        find: "in U.S. Dollars, unless",
        replace: "in euros, unless",
    };
    check_compare(
        "commonpaper-csa-standard-terms-v2.1.md",
        &script,
        "compare_en.txt",
        (" U.S. Dollars", " euros"),
    );
}
