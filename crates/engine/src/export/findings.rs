//! The analyzer's findings as one list (security gaps, missing PI terms, unfavourable or absent
//! commercial terms), and turning them into comments anchored to the clause they rest on.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::analysis::{Evidence, Report, Severity};
use crate::comments::{DraftComment, NewComment};
use crate::draft::render::Segment;
use crate::draft::{CommentAttrs, DraftDoc, Mark};
use crate::model::{Bilingual, Lang};

use super::marks::add_mark;

/// One finding, whatever its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    /// The item, PI element or risk id ("security.data_encryption", "pi.purpose", "sla").
    pub id: String,
    pub kind: FindingKind,
    pub name: Bilingual,
    pub severity: Severity,
    pub explanation: Bilingual,
    pub evidence: Vec<Evidence>,
    pub suggested_clauses: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Security,
    PersonalInformation,
    Risk,
}

/// Every row of the report that carries a severity, most severe first (stable within a level).
pub fn findings(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &report.security {
        if let Some(s) = r.severity {
            out.push(finding(
                &r.id,
                FindingKind::Security,
                &r.name,
                s,
                &r.explanation,
                &r.evidence,
                &r.suggested_clauses,
            ));
        }
    }
    if report.pi_applicable {
        for r in &report.pi {
            if let Some(s) = r.severity {
                out.push(finding(
                    &r.id,
                    FindingKind::PersonalInformation,
                    &r.name,
                    s,
                    &r.explanation,
                    &r.evidence,
                    &r.suggested_clauses,
                ));
            }
        }
    }
    for r in &report.risks {
        if let Some(s) = r.severity {
            out.push(finding(
                &r.id,
                FindingKind::Risk,
                &r.name,
                s,
                &r.explanation,
                &r.evidence,
                &r.suggested_clauses,
            ));
        }
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}

fn finding(
    id: &str,
    kind: FindingKind,
    name: &Bilingual,
    severity: Severity,
    explanation: &Bilingual,
    evidence: &[Evidence],
    suggested: &[String],
) -> Finding {
    Finding {
        id: id.to_string(),
        kind,
        name: name.clone(),
        severity,
        explanation: explanation.clone(),
        evidence: evidence.to_vec(),
        suggested_clauses: suggested.to_vec(),
    }
}

/// The text of a finding's comment in `lang`: name, severity, explanation, suggested clauses.
pub fn comment_text(f: &Finding, lang: Lang) -> String {
    let sev = super::labels::severity(f.severity, lang);
    let mut s = match lang {
        Lang::Zh => format!("【{}｜风险：{}】{}", f.name.zh, sev, f.explanation.zh),
        Lang::En => format!("[{} | severity: {}] {}", f.name.en, sev, f.explanation.en),
    };
    if !f.suggested_clauses.is_empty() {
        let ids = f.suggested_clauses.join(", ");
        s.push_str(&match lang {
            Lang::Zh => format!(" 建议条款：{ids}"),
            Lang::En => format!(" Suggested clauses: {ids}"),
        });
    }
    s
}

/// Maps a char range of the rendered text to (segment path, start, end) within one text block.
pub fn locate(segments: &[Segment], start: u32, end: u32) -> Option<(Vec<u32>, usize, usize)> {
    let seg = segments
        .iter()
        .find(|s| start < s.start + s.len.max(1) && end > s.start)?;
    let a = start.max(seg.start) - seg.start;
    let b = end.min(seg.start + seg.len) - seg.start;
    (b > a).then(|| (seg.path.clone(), a as usize, b as usize))
}

/// Anchors a comment for each finding at its first evidence span; a finding with no evidence
/// (something the contract lacks) is anchored to the document's first text block. Returns the
/// annotated document and the comments to store, with ids `{prefix}{n}`.
pub fn findings_as_comments(
    doc: &DraftDoc,
    segments: &[Segment],
    report: &Report,
    lang: Lang,
    author: &str,
    prefix: &str,
) -> (DraftDoc, Vec<NewComment>) {
    let all = findings(report);
    let numbered: Vec<(String, &Finding)> = all
        .iter()
        .enumerate()
        .map(|(n, f)| (format!("{prefix}{}", n + 1), f))
        .collect();
    anchor_findings(doc, segments, &numbered, lang, author)
}

/// Anchors each `(comment id, finding)` as `findings_as_comments` does (first evidence span, or
/// the first text block for a missing item). Findings that cannot be anchored are left out.
pub fn anchor_findings(
    doc: &DraftDoc,
    segments: &[Segment],
    chosen: &[(String, &Finding)],
    lang: Lang,
    author: &str,
) -> (DraftDoc, Vec<NewComment>) {
    let mut out = doc.clone();
    let mut comments = Vec::new();
    for (id, f) in chosen {
        let mark = Mark::Comment {
            attrs: CommentAttrs { id: id.clone() },
        };
        let anchored = f
            .evidence
            .iter()
            .filter_map(|e| locate(segments, e.start, e.end))
            .take(1)
            .any(|(path, a, b)| add_mark(&mut out, &path, a, b, &mark))
            || segments
                .first()
                .is_some_and(|s| add_mark(&mut out, &s.path, 0, s.len as usize, &mark));
        if anchored {
            comments.push(NewComment {
                id: id.clone(),
                parent: None,
                author: author.to_string(),
                body: comment_text(f, lang),
                source: Some(format!("finding:{}", f.id)),
            });
        }
    }
    (out, comments)
}

/// The comment id a finding's comment gets in a stored draft (one per finding, so a finding is
/// never added twice; deleting the comment frees the id).
pub fn finding_comment_id(finding: &Finding) -> String {
    format!("finding:{}", finding.id)
}

/// Findings turned into comments on a stored draft: what was added (the annotated document and
/// the stored comments). The app's "Add as comment" / "Add all findings as comments".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FindingComments {
    pub doc: DraftDoc,
    pub comments: Vec<DraftComment>,
}

/// The findings of `report` not yet among `existing` (by `source` = `finding:ID`), or only the
/// one with id `only`, anchored in `doc` with ids from `finding_comment_id`.
pub fn new_finding_comments(
    doc: &DraftDoc,
    segments: &[Segment],
    report: &Report,
    existing: &[DraftComment],
    only: Option<&str>,
    lang: Lang,
    author: &str,
) -> (DraftDoc, Vec<NewComment>) {
    let stored: HashSet<&str> = existing
        .iter()
        .filter_map(|c| c.source.as_deref())
        .chain(existing.iter().map(|c| c.id.as_str()))
        .collect();
    let all = findings(report);
    let chosen: Vec<(String, &Finding)> = all
        .iter()
        .filter(|f| only.is_none_or(|id| f.id == id))
        .filter(|f| {
            let key = finding_comment_id(f);
            !stored.contains(key.as_str())
        })
        .map(|f| (finding_comment_id(f), f))
        .collect();
    anchor_findings(doc, segments, &chosen, lang, author)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, Perspective, Rules};
    use crate::draft::analyze::analyze_draft;
    use crate::draft::Block;
    use crate::templates::{self, TemplateFiles};

    fn marked_ids(doc: &DraftDoc) -> Vec<String> {
        let json = serde_json::to_value(doc).unwrap_or_default();
        let mut out = Vec::new();
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            if let Some(m) = v.get("marks").and_then(|m| m.as_array()) {
                for mark in m {
                    if let Some(id) = mark.pointer("/attrs/id").and_then(|x| x.as_str()) {
                        out.push(id.to_string());
                    }
                }
            }
            if let Some(c) = v.get("content").and_then(|c| c.as_array()) {
                c.iter().for_each(|x| walk(x, out));
            }
        }
        walk(&json, &mut out);
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn new_finding_comments_skips_stored_findings_and_can_pick_one() {
        let files = TemplateFiles::builtin();
        let set = templates::load(&files).unwrap();
        let rules = Rules::load(&files).unwrap();
        let doc = DraftDoc::new(vec![
            Block::heading(1, "云服务协议"),
            Block::paragraph("甲方（服务商）：云峰科技有限公司；乙方（客户）：明远律师事务所。"),
            Block::clause(1, None, "安全责任"),
            Block::clause(
                2,
                None,
                "对于因应用漏洞导致的数据泄露，甲方不承担任何责任。",
            ),
        ]);
        let opts = Options {
            model: None,
            perspective: Perspective::Customer,
        };
        let a = analyze_draft(&doc, Lang::Zh, &rules, &set, opts);
        let all = findings(&a.report);
        assert!(all.len() > 2);
        let (annotated, first) =
            new_finding_comments(&doc, &a.segments, &a.report, &[], None, Lang::Zh, "Li");
        assert_eq!(first.len(), all.len());
        assert!(first
            .iter()
            .all(|c| c.source.as_deref() == Some(c.id.as_str())));
        assert_eq!(marked_ids(&annotated).len(), all.len());
        let stored: Vec<DraftComment> = first
            .iter()
            .map(|n| DraftComment {
                id: n.id.clone(),
                parent: None,
                author: n.author.clone(),
                body: n.body.clone(),
                resolved: false,
                source: n.source.clone(),
                created_at: String::new(),
            })
            .collect();
        let (again_doc, again) = new_finding_comments(
            &annotated,
            &a.segments,
            &a.report,
            &stored,
            None,
            Lang::Zh,
            "Li",
        );
        assert!(again.is_empty());
        assert_eq!(again_doc, annotated);
        let one = &all[1].id;
        let (_, picked) =
            new_finding_comments(&doc, &a.segments, &a.report, &[], Some(one), Lang::En, "Li");
        assert_eq!(picked.len(), 1);
        assert_eq!(
            picked[0].source.as_deref(),
            Some(format!("finding:{one}").as_str())
        );
        assert!(picked[0].body.starts_with('['));
    }
}
