//! The analyzer's findings as one list (security gaps, missing PI terms, unfavourable or absent
//! commercial terms), and turning them into comments anchored to the clause they rest on.

use serde::Serialize;
use ts_rs::TS;

use crate::analysis::{Evidence, Report, Severity};
use crate::comments::NewComment;
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
    out.sort_by(|a, b| b.severity.cmp(&a.severity));
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
    let mut out = doc.clone();
    let mut comments = Vec::new();
    for (n, f) in findings(report).iter().enumerate() {
        let id = format!("{prefix}{}", n + 1);
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
                id,
                parent: None,
                author: author.to_string(),
                body: comment_text(f, lang),
                source: Some(format!("finding:{}", f.id)),
            });
        }
    }
    (out, comments)
}
