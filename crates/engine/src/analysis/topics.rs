//! Personal-information elements, commercial risk topics and the deployment model.
//!
//! A PI element counts only in a sentence that concerns personal information expressly, or
//! through a defined term whose definition includes it (convention 6). A risk topic is present
//! when the text addresses it; whether it is against the customer follows the topic's rule.

use std::collections::HashMap;

use super::allocate::{suggestions, Reading};
use super::features::{
    self, SentenceFeatures, CARVE_OUT, CARVE_TOPIC, CONTENT, CUSTOMER_DEADLINE, DENIES, GUARD,
    UNFAVOURABLE,
};
use super::parties::Role;
use super::prefilter::Candidates;
use super::rules::{Judgement, Rules, TopicCues};
use super::statements::{Kind, Statement};
use super::terms::Terms;
use super::text::Sentence;
use super::{explain, PiRow, RiskRow, Severity};
use crate::ingest::Document;
use crate::model::{DeploymentModel, TopicKind};
use crate::templates::TemplateSet;

/// Weighted cue counts per deployment model.
pub fn model_scores(text: &str, rules: &Rules) -> Vec<(DeploymentModel, u32)> {
    let matches: Vec<_> = rules
        .model_cues
        .iter()
        .map(|cue| cue.any.find_all(text, &Candidates::ALL))
        .collect();
    scores_of(rules, text, &matches)
}

/// A heading about personal information alone: each subject it joins ("Processing, Personal Data
/// and Data Subjects") is about it; "您的内容与个人信息" joins another.
fn pi_heading(h: &str, rules: &Rules) -> bool {
    let Some(join) = static_re!(r"(?i)\s*(?:,|，|&|\band\b|与|和|及|、)\s*") else {
        return false;
    };
    let about =
        static_re!(r"(?i)\bprocessing\b|\bdata protection\b|\bprivacy\b|处理|数据保护|隐私");
    join.split(h).filter(|p| !p.trim().is_empty()).all(|p| {
        rules.pi_mention.is_match(p, &Candidates::ALL) || about.is_some_and(|r| r.is_match(p))
    })
}

/// How many times one wording of a cue counts towards a model's score: a defined term repeated
/// through the contract ("Authorized Users") is one cue said many times.
const CUE_REPEATS: u32 = 3;

/// The scores from the matches (byte ranges in `text`) of each cue list of `rules.model_cues`:
/// each different wording (as written) counts, each up to `CUE_REPEATS` times.
pub(crate) fn scores_of(
    rules: &Rules,
    text: &str,
    matches: &[Vec<(usize, usize)>],
) -> Vec<(DeploymentModel, u32)> {
    let mut out: Vec<(DeploymentModel, u32)> =
        DeploymentModel::ALL.iter().map(|m| (*m, 0)).collect();
    for (cue, found) in rules.model_cues.iter().zip(matches) {
        let mut wordings: HashMap<&str, u32> = HashMap::new();
        for &(s, e) in found {
            // ("the third-party infrastructure-as-a-service provider with which Customer holds
            // its account": someone else's service, not this contract's.)
            let before = text.get(..s).unwrap_or_default().trim_end();
            if ["third-party", "third party", "第三方"].iter().any(|w| {
                before
                    .len()
                    .checked_sub(w.len())
                    .and_then(|k| before.get(k..))
                    .is_some_and(|t| t.eq_ignore_ascii_case(w))
            }) || supplies_the_service(before)
                || in_a_companys_row(text, s)
            {
                continue;
            }
            *wordings
                .entry(text.get(s..e).unwrap_or_default())
                .or_default() += 1;
        }
        let n: u32 = wordings.values().map(|&k| k.min(CUE_REPEATS)).sum();
        if let Some(x) = out.iter_mut().find(|(m, _)| *m == cue.model) {
            x.1 = x.1.saturating_add(n.saturating_mul(cue.weight));
        }
    }
    out
}

/// Whether the cue at byte `at` stands in a table row that opens with a company's name: a
/// sub-processor list ("| 华垣云计算（上海）有限公司 | 云服务器、云数据库和对象存储等… |",
/// "| Stratus Cloud UK Ltd | Infrastructure hosting: compute, storage … |") names another
/// firm's service.
fn in_a_companys_row(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line = &before[before.rfind('\n').map_or(0, |k| k + 1)..];
    let row = line.trim_start();
    // (A table row is "cell | cell | …" in a document's text, "| cell | …" in Markdown.) The
    // cue must lie past the first cell.
    let Some((first, _)) = row.strip_prefix('|').unwrap_or(row).split_once('|') else {
        return false;
    };
    static_re!(
        r"(?i)有限(?:责任)?公司|股份公司|\b(?:ltd|limited|inc|llc|gmbh|plc|b\.v|pty|corp|corporation|s\.a)\b"
    )
    .is_some_and(|r| r.is_match(first))
}

/// Whether a cue names what the provider's own service runs on, not what the customer gets:
/// "乙方向其租用本服务运行所需的云服务器", "乙方负责本平台云主机的操作系统", "the Platform runs on
/// virtual machines in …". `before`: the text up to the cue.
fn supplies_the_service(before: &str) -> bool {
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '；' | '\n' | '.' | ';'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let sentence = &before[start..];
    sentence.ends_with("本平台")
        || sentence.ends_with("本平台的")
        || static_re!(
            r"(?i)(?:运行|部署)所需的?[^。；]{0,12}$|(?:^|[^向从与])(?:乙方|服务商|受托方)[^。；，]{0,10}(?:租用|租赁)[^。；]{0,20}$|\b(?:the|our|its) (?:service|services|platform|application) (?:runs|is hosted|are hosted)(?: by [^.;]{1,40})? on\b[^.;]{0,40}$"
        )
        .is_some_and(|r| r.is_match(sentence))
}

/// The model with the highest score; SaaS when nothing says otherwise: another model needs
/// more than SaaS's score and more than one ordinary cue (`MIN_OTHER`), because a SaaS contract
/// mentions its own hosting in passing ("AES-256 at rest for databases, object storage …").
pub fn detect_model(scores: &[(DeploymentModel, u32)]) -> DeploymentModel {
    let saas = scores
        .iter()
        .find(|(m, _)| *m == DeploymentModel::Saas)
        .map_or(0, |(_, s)| *s);
    scores
        .iter()
        .filter(|(m, s)| *m == DeploymentModel::Saas || (*s > saas && *s >= MIN_OTHER))
        .max_by_key(|(m, s)| (*s, std::cmp::Reverse(*m)))
        .map_or(DeploymentModel::Saas, |(m, _)| *m)
}

/// The least score that makes a contract IaaS or PaaS rather than SaaS.
const MIN_OTHER: u32 = 4;

/// A term a sentence defines: "“甲方数据”指…", "甲方数据：指…", "\"Customer Data\" means …".
#[derive(Debug, Clone)]
pub struct Definition {
    pub term: String,
    /// Byte offset in the sentence where what the term means begins.
    pub body: usize,
    /// The definition expressly includes personal information ("…包括个人信息", "including
    /// Personal Data"), and the term is not itself a PI word.
    pub pi: bool,
    /// The infrastructure layers the definition lists (`allocate::layers_defined`).
    pub layers: Vec<usize>,
}

/// The definition a sentence makes, if any. `c` is the prefilter's answer for `t`.
pub fn definition(t: &str, rules: &Rules, candidates: &Candidates) -> Option<Definition> {
    let (term, rest) = defined_term(t)?;
    let pi = rules.pi_mention.is_match(rest, candidates)
        && !rules.pi_mention.is_match(&term, candidates);
    Some(Definition {
        body: t.len() - rest.len(),
        layers: super::allocate::layers_defined(rest, rules),
        term,
        pi,
    })
}

/// A sentence that opens with the term and "means": "Practice Data means …", "• Store Data means
/// …" (after any bullet or markup).
fn bare_definition(t: &str, term: &str) -> bool {
    t.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '-' | '•' | '·' | '●' | '▪')
    })
    .strip_prefix(term)
    .is_some_and(|rest| {
        let rest = rest.trim_start_matches(['*', ' ']);
        rest.starts_with("means") || rest.starts_with("shall mean")
    })
}

/// A definition's term and what it is defined as: ("Customer Data", "all data that you …").
fn defined_term(t: &str) -> Option<(String, &str)> {
    // Cheap gate before the regex: a definition says 指 / means / refers to / includes.
    if !(t.contains('指')
        || t.contains("means")
        || t.contains("refers to")
        || t.contains("includes"))
    {
        return None;
    }
    let term = static_re!(
        r#"^[^“"「‘：:，,。]{0,12}?(?:[“"「‘]([^”"」’：:，,（）()]{2,48}?)[”"」’]|[“"「‘]?([^”"」’：:，,（）()]{2,24}?)[”"」’]?)\s*[：:，,]?\s*(?:是指|系指|指|means|shall mean|refers to|includes)"#
    )?;
    // A quoted term may be longer ("Developer Responsibilities" means …) than a bare one.
    let c = term.captures(t)?;
    let name = c
        .get(1)
        .or_else(|| c.get(2))?
        .as_str()
        .trim_start_matches(|ch: char| {
            ch.is_ascii_digit()
                || ch.is_whitespace()
                || matches!(
                    ch,
                    '.' | '“' | '"' | '「' | '‘' | '*' | '-' | '•' | '·' | '●' | '▪'
                )
        })
        // "- **Store Data** means …": no markup in the term.
        .trim_end_matches(['*', ' '])
        .to_string();
    let rest = &t[c.get(0).map_or(0, |m| m.end())..];
    (name.chars().count() >= 2).then_some((name, rest))
}

/// A document's definitions: (the sentence, what it defines, the body after the term).
type Defs<'a> = [(&'a Sentence, &'a Definition, &'a str)];

/// The PI term lists of a document, read in one walk over its definitions: the terms defined to
/// include personal information (`pi_terms`) and those that stand for it alone
/// (`pi_alias_terms`).
pub(crate) fn pi_term_lists(
    text: &str,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
) -> (Vec<String>, Vec<String>) {
    let defs: Vec<_> = super::features::definitions(text, sentences, feats).collect();
    (
        pi_terms(text, sentences, feats, &defs),
        pi_alias_terms(text, &defs),
    )
}

/// The terms defined to include personal information, and those defined to include such a term
/// ("Customer Data" means all data …, including Employee Data; "Employee Data" means personal
/// information about …), two levels deep.
fn pi_terms(
    text: &str,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
    all: &Defs<'_>,
) -> Vec<String> {
    let mut terms: Vec<String> = feats
        .iter()
        .filter_map(|f| f.defines.as_ref().filter(|d| d.pi).map(|d| d.term.clone()))
        .collect();
    // A definition whose next sentence says so ("“视频数据”：指…结果数据。视频数据包含个人信息，…",
    // "… "Usage Data" means … . Usage Data may include personal data …").
    for (i, f) in feats.iter().enumerate() {
        let Some(d) = f.defines.as_ref().filter(|d| !d.pi) else {
            continue;
        };
        let (Some(s), Some(next), Some(nf)) =
            (sentences.get(i), sentences.get(i + 1), feats.get(i + 1))
        else {
            continue;
        };
        if next.clause_idx != s.clause_idx || !nf.pi_mention {
            continue;
        }
        let t = next.text(text).trim_start();
        let says = t.strip_prefix(d.term.as_str()).is_some_and(|rest| {
            let rest = rest.trim_start();
            [
                "包含",
                "包括",
                "含有",
                "涵盖",
                "属于",
                "构成",
                "includes",
                "contains",
                "may include",
                "comprises",
                "constitutes",
                "is personal",
                "are personal",
            ]
            .iter()
            .any(|w| rest.starts_with(w))
        });
        if says && !terms.contains(&d.term) {
            terms.push(d.term.clone());
        }
    }
    if !terms.is_empty() {
        // (A bare term under a numbered "Definitions" heading too: "Practice Data means all
        // data, including Patient Information, …".)
        let defs: Vec<(&str, &str)> = all
            .iter()
            .filter(|(s, d, _)| s.definitional || bare_definition(s.text(text), &d.term))
            .map(|(_, d, body)| (d.term.as_str(), *body))
            .collect();
        for _ in 0..2 {
            let more: Vec<String> = defs
                .iter()
                .filter(|(name, rest)| {
                    !terms.iter().any(|t| t == name)
                        && terms.iter().any(|t| rest.contains(t.as_str()))
                })
                .map(|(name, _)| name.to_string())
                .collect();
            if more.is_empty() {
                break;
            }
            terms.extend(more);
        }
    }
    terms
}

/// The terms that stand for personal information and nothing else (Personnel Data "means the
/// personal information about Operator's employees …", Member Data "means all Personal Data
/// relating to Members", 会员信息"指甲方会员的个人信息，包括…"; not Customer Data "means all
/// data …, including personal data", which only holds some). A duty on one is a duty on personal
/// information.
fn pi_alias_terms(text: &str, defs: &Defs<'_>) -> Vec<String> {
    let en = static_re!(
        r"(?i)^\s*(?:all |any |the |those )?(?:items of )?personal (?:data|information)\b(?:\s+(?:about|of|relating|concerning|that|which|processed|described|within|\(as))|^\s*(?:all |any )?(?:information|data) (?:relating|that relates) to an? (?:identified or identifiable|identifiable)\b"
    );
    let zh = static_re!(r"^[^，。；,;（(]{0,30}(?:个人信息|个人数据)\s*(?:[，。；,;]|$)");
    let (Some(en), Some(zh)) = (en, zh) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for &(s, d, body) in defs {
        let verb = s.text(text).get(..d.body).unwrap_or("");
        if !d.pi || verb.trim_end().ends_with("includes") || out.contains(&d.term) {
            continue;
        }
        if en.is_match(body) || zh.is_match(body) {
            out.push(d.term.clone());
        }
    }
    out
}

/// What a clause's heading says of personal information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PiHeading {
    None,
    /// The clause is about it, maybe among other things ("Customer Data and Privacy").
    About,
    /// About it alone ("SCHEDULE 2 – DATA PROCESSING", "Processing, Personal Data and Data
    /// Subjects").
    Only,
}

/// The PI headings of a document's clauses (read once: an edit changes a clause's text, not its
/// heading).
pub(crate) fn pi_headings(doc: &Document, rules: &Rules) -> Vec<PiHeading> {
    doc.clauses
        .iter()
        .map(|c| match c.heading.as_deref() {
            Some(h) if about_pi(h, rules) => {
                if pi_heading(h, rules) {
                    PiHeading::Only
                } else {
                    PiHeading::About
                }
            }
            _ => PiHeading::None,
        })
        .collect()
}

/// The clauses that are, or sit in, a form attached for use with third parties (the rules'
/// `form_heading`): their sentences are the form's words, not terms between the parties.
pub(crate) fn form_clauses(doc: &Document, rules: &Rules) -> Vec<bool> {
    let form = |c: &crate::ingest::ClauseSpan| {
        (c.heading.as_deref()).is_some_and(|h| rules.form_heading.iter().any(|r| r.is_match(h)))
    };
    (0..doc.clauses.len())
        .map(|c| {
            std::iter::once(c)
                .chain(doc.ancestors(c))
                .any(|k| doc.clauses.get(k).is_some_and(form))
        })
        .collect()
}

/// Per clause: whether a sentence says that the clause applies to personal information (the
/// clause numbers each sentence names so, read with its features: `pi_applies`).
fn applied_to_pi(doc: &Document, sentences: &[Sentence], feats: &[SentenceFeatures]) -> Vec<bool> {
    let mut out = vec![false; doc.clauses.len()];
    for (s, f) in sentences.iter().zip(feats) {
        for n in &f.pi_applies {
            for k in super::crossrefs::clauses_named(doc, n) {
                if Some(k) != s.clause_idx {
                    out[k] = true;
                }
            }
        }
    }
    out
}

/// The clauses a sentence that mentions personal information applies to it ("第5.8条、第6.2条…
/// 关于甲方数据的约定，适用于甲方数据中包含的个人信息", "Sections 7.5 and 9.2 apply to Personal
/// Data"), as printed.
pub(crate) fn pi_applies(t: &str) -> Vec<String> {
    let (Some(applies), Some(zh), Some(en_list), Some(en_num)) = (
        static_re!(
            r"(?i)适用于[^。；]{0,30}个人(信息|数据)|\b(appl(y|ies)|extends?)\b[^.;]{0,12}\bto\b[^.;]{0,40}\bpersonal (data|information)\b"
        ),
        static_re!(r"第\s*([0-9]+(?:\.[0-9]+)*)\s*条"),
        static_re!(
            r"(?i)\b(?:clauses?|sections?|paragraphs?)\s+((?:[0-9]+(?:\.[0-9]+)*(?:\([a-z0-9]+\))?(?:\s*(?:,|and|or)\s*)?)+)"
        ),
        static_re!(r"[0-9]+(?:\.[0-9]+)*(?:\([a-z0-9]+\))?"),
    ) else {
        return Vec::new();
    };
    // (Not "Section 7.2 does not apply to Personal Information", "第7.2条不适用于…个人信息".)
    let negated = |before: &str| {
        let b = before.trim_end().to_ascii_lowercase();
        ["not", "n't", "never", "不", "并不"]
            .iter()
            .any(|w| b.ends_with(w))
    };
    if !applies.find_iter(t).any(|m| !negated(&t[..m.start()])) {
        return Vec::new();
    }
    let mut numbers: Vec<String> = zh
        .captures_iter(t)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().to_string())
        .collect();
    for c in en_list.captures_iter(t).filter_map(|c| c.get(1)) {
        numbers.extend(en_num.find_iter(c.as_str()).map(|m| m.as_str().to_string()));
    }
    numbers
}

fn about_pi(h: &str, rules: &Rules) -> bool {
    let lower = h.to_lowercase();
    rules.pi_mention.is_match(h, &rules.prefilter.scan(h))
        || [
            "data protection",
            "privacy",
            "data processing",
            "数据处理规则",
            "个人信息",
            "隐私",
            "委托处理",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether a PI sentence that names an element states a term on it: not when all it says is
/// that the provider is not responsible ("Provider is not responsible for any Personal
/// Information …, including its cross-border disclosure"), nor, for the provider's part of the
/// processing (`provider_part`), when it gives the element to the customer alone ("the Customer
/// shall be responsible for responding to requests from individuals").
fn speaks_to_term(f: &SentenceFeatures, cues: Option<&TopicCues>, text: &str) -> bool {
    let st = &f.statements;
    if st.is_empty() {
        // Advice states no term ("服务商建议用户对包含敏感个人信息的对象使用SSE-KMS加密…",
        // "We recommend that you encrypt personal data …"): the words that make a duty advice,
        // in the sentence's opening clause (a table row's first cell).
        let opening = text
            .split(['，', ',', '。', '；', ';', '|'])
            .next()
            .unwrap_or(text);
        return !super::statements::advised(opening);
    }
    let only = |want: &dyn Fn(&Statement) -> bool| st.iter().all(want);
    if only(&|x| x.kind == Kind::Disclaimer) {
        return false;
    }
    !(cues.is_some_and(|q| q.provider_part) && only(&|x| x.role == Some(Role::Customer)))
}

/// The PI elements that each joined "lead-in + list item" text matches, by that text, as the
/// last report found them: a re-analysis after an edit scans only the pairs it has not seen.
pub(crate) type LeadIns = std::cell::RefCell<HashMap<String, Vec<usize>>>;

#[allow(clippy::too_many_arguments)]
pub(crate) fn pi_rows(
    doc: &Document,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
    rules: &Rules,
    reading: &Reading,
    terms: &Terms<()>,
    headings: &[PiHeading],
    form: &[bool],
    templates: &TemplateSet,
    lead_ins: &LeadIns,
) -> (Vec<PiRow>, bool) {
    let direct: Vec<bool> = (0..sentences.len())
        .map(|i| {
            feats[i].pi_mention
                || (!terms.is_empty() && !terms.named(i, sentences[i].text(&doc.text)).is_empty())
        })
        .collect();
    let direct = |i: usize| direct[i];
    // A sub-item whose lead-in concerns PI ("in processing Personal Data, the Supplier shall: (c) …").
    // Also a bare lead-in ("13.4 The Supplier shall:") in an article headed as being about
    // personal information ("13. DATA PROTECTION", "第八条 个人信息保护").
    let parent_of = |i: usize| {
        sentences[i]
            .clause_idx
            .and_then(|c| doc.clauses.get(c))
            .and_then(|c| c.parent)
    };
    let heading = |c: usize| headings.get(c).copied().unwrap_or(PiHeading::None);
    let mut pi_clauses = vec![false; doc.clauses.len()];
    // Each clause's last sentence: what a clause with sub-clauses says before its first item.
    let mut last_of: Vec<Option<usize>> = vec![None; doc.clauses.len()];
    for (i, s) in sentences.iter().enumerate() {
        if let Some(c) = s.clause_idx.filter(|&c| c < pi_clauses.len()) {
            last_of[c] = Some(i);
            if (direct(i) || parent_of(i).is_some_and(|p| heading(p as usize) != PiHeading::None))
                && s.text(&doc.text).trim_end().ends_with([':', '：'])
            {
                pi_clauses[c] = true;
            }
        }
    }
    // The lead-in a list item continues ("The Processor shall ensure that every person it
    // authorises to process Personal Data (a) is bound by … confidentiality …"): the parent
    // clause's last sentence, when it is a lead-in ("The Supplier shall:") or, for items printed
    // on its line, breaks off with no stop at all.
    let lead_of = |i: usize| {
        let p = parent_of(i)? as usize;
        let j = last_of.get(p).copied().flatten().filter(|&j| j < i)?;
        let inline = doc
            .text
            .get(sentences[j].end..sentences[i].start)
            .is_some_and(|gap| !gap.contains('\n'));
        let unstopped = !sentences[j].text(&doc.text).trim_end().ends_with([
            '.', '。', ';', '；', '!', '?', '！', '？', ')', '）', ':', '：',
        ]);
        (feats[j].lead_in || (inline && unstopped)).then_some(j)
    };
    let parent_is_pi =
        |i: usize| parent_of(i).is_some_and(|p| pi_clauses.get(p as usize) == Some(&true));
    // Every clause of an article or schedule headed as being about personal information alone
    // concerns it ("SCHEDULE 2 – DATA PROCESSING: 2. Subject matter and duration: …"); a
    // heading that joins another subject ("您的内容与个人信息") does not make all of it PI.
    // (Any ancestor: "Exhibit B – Data Processing Addendum" › "B7. Individual Rights" › "B7.2".)
    let in_pi_article = |i: usize| {
        sentences[i].clause_idx.is_some_and(|c| {
            std::iter::once(c)
                .chain(doc.ancestors(c))
                .any(|x| heading(x) == PiHeading::Only)
        })
    };
    // A document titled as an agreement on personal information alone ("个人信息委托处理协议",
    // "Data Processing Agreement") concerns it throughout.
    let whole = doc.title.as_deref().is_some_and(|t| pi_heading(t, rules));
    let in_form = |i: usize| {
        sentences[i]
            .clause_idx
            .is_some_and(|c| form.get(c) == Some(&true))
    };
    // Clauses that a PI sentence applies to personal information ("第5.8条、第6.2条…关于甲方数据的
    // 约定，适用于甲方数据中包含的个人信息", "Sections 7 and 9.2 apply to Personal Data") concern
    // it, with the clauses under them.
    let applied = applied_to_pi(doc, sentences, feats);
    let applied_to = |i: usize| {
        sentences[i].clause_idx.is_some_and(|c| {
            std::iter::once(c)
                .chain(doc.ancestors(c))
                .any(|x| applied.get(x) == Some(&true))
        })
    };
    let pi_sentences: Vec<usize> = (0..sentences.len())
        .filter(|&i| whole || direct(i) || parent_is_pi(i) || in_pi_article(i) || applied_to(i))
        .filter(|&i| !in_form(i))
        .collect();
    let applicable = !pi_sentences.is_empty();
    // The elements a list item speaks to only together with its lead-in: the lead-in names
    // who and the item what ("…every person it authorises … (a) is bound by a written duty of
    // confidentiality"), or the lead-in the event and the item the act ("In the event of a
    // Personal Data Breach, the Processor shall: (a) notify …"). Not those the lead-in speaks
    // to alone (it is evidence of them itself).
    // (Those of the last report are kept in `lead_ins`: the ones still in the text move to
    // this report's map, the rest are dropped with the old one.)
    let mut earlier = lead_ins.take();
    let mut now = HashMap::new();
    let mut with_lead_in = |i: usize, lead: Option<usize>| -> Vec<usize> {
        let Some(j) = lead else {
            return Vec::new();
        };
        let joined = format!(
            "{} {}",
            sentences[j].text(&doc.text).trim_end(),
            sentences[i].text(&doc.text).trim_start()
        );
        // (What the joined text matches depends on its words alone: an edit elsewhere keeps it.)
        let matched = match earlier.remove(&joined) {
            Some(m) => m,
            None => {
                let c = rules.prefilter.scan(&joined);
                features::matching(&rules.pi, &joined, &c)
            }
        };
        let elems = matched
            .iter()
            .copied()
            .filter(|k| !feats[i].pi_elems.contains(k) && !feats[j].pi_elems.contains(k))
            .collect();
        now.insert(joined, matched);
        elems
    };
    // "出镜人…行使查阅、复制…等权利的，由乙方负责答复。需要甲方配合的，甲方应当…提供必要的技术协助"
    // / "10.1 The Practice is responsible for … requests … 10.2 If Ferncastle receives such a
    // request, it shall pass it to the Practice": the customer answers and the provider's duty
    // to help follows at once (in the same clause or the next one under the same parent). The
    // element given to the customer is still a term on the provider's part.
    let provider_helps_next = |i: usize, cues: Option<&TopicCues>| {
        let Some(n) = sentences.get(i + 1) else {
            return false;
        };
        let near = n.clause_idx == sentences[i].clause_idx
            || doc.siblings(n.clause_idx, sentences[i].clause_idx);
        cues.is_some_and(|q| q.provider_part)
            && !feats[i].statements.is_empty()
            && feats[i]
                .statements
                .iter()
                // (Or its right: "…it may use the export tools to respond. Supplier will provide
                // reasonable assistance on request.")
                .all(|x| x.role == Some(Role::Customer) && x.kind != Kind::Disclaimer)
            && near
            && feats[i + 1]
                .statements
                .iter()
                .any(|x| x.role == Some(Role::Provider) && x.kind == Kind::Duty)
            // (A duty to help with that: not the next clause's unrelated duty.)
            && rules.judgement.assists_with.is_match(n.text(&doc.text))
    };
    // The PI sentences that speak to each element, in one pass.
    let mut by_element: Vec<Vec<usize>> = vec![Vec::new(); rules.pi.len()];
    for &i in &pi_sentences {
        for &k in feats[i].pi_elems.iter().chain(&with_lead_in(i, lead_of(i))) {
            if let Some(v) = by_element.get_mut(k).filter(|v| v.last() != Some(&i)) {
                v.push(i);
            }
        }
    }
    lead_ins.replace(now);
    // Where the document says that personal information is not what an element's general
    // terms protect ("受试者个人信息不属于本条所称保密信息", "Confidential Information does not
    // include Personal Data": the element's `denies`), its terms count only where they name it.
    let denied: Vec<bool> = (0..rules.pi.len())
        .map(|k| {
            by_element.get(k).is_some_and(|v| !v.is_empty())
                && pi_sentences
                    .iter()
                    .any(|&i| feats[i].pi_denied.contains(&k))
        })
        .collect();
    let mut rows = Vec::new();
    for id in super::ids(&templates.model, TopicKind::Pi) {
        let Some(topic) = templates.model.topic(&id) else {
            continue;
        };
        let hits: Vec<usize> = match rules.pi.iter().position(|c| c.id == id) {
            Some(k) => by_element
                .get(k)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&i| !sentences[i].clause.is_empty() || id == "pi.roles")
                .filter(|&i| {
                    speaks_to_term(&feats[i], rules.pi.get(k), sentences[i].text(&doc.text))
                        || provider_helps_next(i, rules.pi.get(k))
                })
                .filter(|&i| !denied.get(k).is_some_and(|&d| d) || direct(i))
                .collect(),
            None => Vec::new(),
        };
        rows.push((id, topic, hits));
    }
    // An audit right over an agreement with PI-specific clauses supervises PI (convention 6).
    let specific = rows
        .iter()
        .filter(|(id, _, h)| id != "pi.supervision_audit" && !h.is_empty())
        .count();
    // (Not a sentence about an authority's inspection: "有权机关依法对我们进行监督检查的，我们将
    // 依法予以配合" is no right of the customer's.)
    let authority = &rules.judgement.authority;
    // (Nor one that denies the right: "You have no right to audit us", "甲方不得对乙方进行现场检查";
    // the element's own exclusions say so.)
    let supervision = rules.pi.iter().find(|c| c.id == "pi.supervision_audit");
    let denies = |t: &str| supervision.is_some_and(|c| c.not.is_match(t, &rules.prefilter.scan(t)));
    let verify = &rules.judgement.verifies_compliance;
    let audit: Vec<usize> = rules
        .risks
        .iter()
        .position(|c| c.id == "audit_rights")
        .map(|k| {
            (0..sentences.len())
                // (A guard names a right; or a report or questionnaire is given "so that Customer
                // can verify Provider's compliance with Sections 4 and 5".)
                .filter(|&i| {
                    feats[i].risk_cue(k, GUARD)
                        || feats[i].risks.contains(&k)
                            && verify.is_match(sentences[i].text(&doc.text))
                })
                .filter(|&i| {
                    let t = sentences[i].text(&doc.text);
                    // (An audit log is no audit: "storage in the EU for … run logs and audit logs",
                    // "通过操作审计服务查询…操作记录".)
                    if denies(t) {
                        return false;
                    }
                    let mut stripped: Option<String> = None;
                    for r in rules.judgement.audit_log_words.iter() {
                        let now = stripped.as_deref().unwrap_or(t);
                        if let std::borrow::Cow::Owned(x) = r.replace_all(now, "") {
                            stripped = Some(x);
                        }
                    }
                    let logs = stripped.is_some();
                    let t = stripped.as_deref().unwrap_or(t);
                    ((feats[i].risks.contains(&k) && !logs)
                        || rules.judgement.audit_words.is_match(t))
                        && !authority.is_match(t)
                })
                .collect()
        })
        .unwrap_or_default();
    let out = rows
        .into_iter()
        .map(|(id, topic, mut hits)| {
            if id == "pi.supervision_audit" && hits.is_empty() && specific >= 3 {
                hits = audit.clone();
            }
            let present = !hits.is_empty();
            let severity = if present {
                None
            } else if matches!(
                id.as_str(),
                "pi.roles"
                    | "pi.instructions"
                    | "pi.subprocessing"
                    | "pi.return_deletion"
                    | "pi.breach_notification"
                    | "pi.security_measures"
            ) {
                Some(if applicable {
                    Severity::High
                } else {
                    Severity::Medium
                })
            } else {
                Some(if applicable {
                    Severity::Medium
                } else {
                    Severity::Low
                })
            };
            let evidence = reading.evidence(hits);
            PiRow {
                explanation: explain::pi(topic, present, applicable, &evidence),
                suggested_clauses: if present {
                    Vec::new()
                } else {
                    suggestions(templates, &id, None)
                },
                name: topic.name.clone(),
                id,
                present,
                severity,
                evidence,
            }
        })
        .collect();
    (out, applicable)
}

/// Hours of a notice deadline in a text, if a fixed one is stated.
///
/// Hours counted from an earlier notice are a follow-up's deadline, not the notice's own: "可以先以
/// 电话方式告知…，但应当在电话告知后2小时内补发书面通知" has none, and "在2小时内以电话方式通知…，并在
/// 通知后4小时内提交书面报告" keeps its 2 hours. (Only hours: "收到通知后10日内导出" is the window.)
fn deadline_hours(text: &str) -> Option<u32> {
    let re = static_re!(
        r"(?i)(\d+|one|two|three|four|six|twelve|twenty-four|forty-eight|seventy-two|一|两|二|三|四|六|十二|二十四|四十八|七十二)\s*(?:\(\d+\)\s*)?(个)?\s*(小时|hours?|(?:自然|日历)?日|天|(?:calendar )?days?|个?工作日|business days?)"
    )?;
    let word = |w: &str| -> Option<u32> {
        Some(match w.to_lowercase().as_str() {
            "one" | "一" => 1,
            "two" | "两" | "二" => 2,
            "three" | "三" => 3,
            "four" | "四" => 4,
            "six" | "六" => 6,
            "twelve" | "十二" => 12,
            "twenty-four" | "二十四" => 24,
            "forty-eight" | "四十八" => 48,
            "seventy-two" | "七十二" => 72,
            n => n.parse().ok()?,
        })
    };
    // (Minutes count as a started hour: "在发现后三十分钟内…通知" is within the hour.)
    let minutes = ["分钟", "inute"]
        .iter()
        .any(|w| text.contains(w))
        .then(|| {
            static_re!(
                r"(?i)(\d+|fifteen|thirty|sixty|十五|三十|六十)\s*(?:\(\d+\)\s*)?(?:分钟|minutes?)"
            )
        })
        .flatten()
        .into_iter()
        .flat_map(|r| r.captures_iter(text))
        .filter_map(|c| {
            let n: u32 = match c[1].to_lowercase().as_str() {
                "fifteen" | "十五" => 15,
                "thirty" | "三十" => 30,
                "sixty" | "六十" => 60,
                n => n.parse().ok()?,
            };
            Some(n.div_ceil(60).max(1))
        });
    re.captures_iter(text)
        .filter_map(|c| {
            let n = word(&c[1])?;
            let unit = c[3].to_lowercase();
            let start = c.get(0).map_or(0, |m| m.start());
            let before = text.get(..start).unwrap_or("").trim_end();
            let follow_up = before.ends_with("告知后") || before.ends_with("通知后");
            if unit.contains("小时") || unit.starts_with("hour") {
                (!follow_up).then_some(n)
            } else {
                Some(n.saturating_mul(24))
            }
        })
        .chain(minutes)
        .min()
}

/// Place names in a forum clause (the words before 人民法院 / after "courts of").
fn forum_names(text: &str) -> Vec<String> {
    // Only a sentence about courts, arbitration or the governing law names a forum (the regex is
    // costly, and most sentences whose facts a report reads are about something else).
    const FORUM_WORDS: [&str; 13] = [
        "ourt",
        "seated",
        "rbitrat",
        "venue",
        "urisdiction",
        "aw of",
        "aws of",
        "法院",
        "仲裁",
        "管辖",
        "诉讼",
        "法律",
        "Law",
    ];
    if !FORUM_WORDS.iter().any(|w| text.contains(w)) {
        return Vec::new();
    }
    let Some(re) = static_re!(
        r"(?:[Cc]ourts? (?:of [A-Z][a-z]+ )?(?:of|(?:located |sitting |situated )?in)|seated in|arbitration in|venue (?:is|shall be) in|place of jurisdiction[^.;]{0,80}?\bis|laws? of the State of)\s+(?:the\s+)?([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)(?:,\s+(?:the\s+)?([A-Z][a-z]{3,}))?|([\p{Han}]{2,6}?)(?:市|省|区)|([\p{Han}]{2})仲裁委员会|\b(?:Division|Registry),\s+([A-Z][a-z]{3,})"
    ) else {
        return Vec::new();
    };
    // ("The courts of Amsterdam, the Netherlands": the city and its country. "The High Court of
    // South Africa, KwaZulu-Natal Local Division, Durban": the country and the division's seat.)
    re.captures_iter(text)
        .flat_map(|c| {
            [c.get(1).or(c.get(3)).or(c.get(4)).or(c.get(5)), c.get(2)]
                .into_iter()
                .flatten()
                .map(|m| m.as_str().to_string())
        })
        .collect()
}

/// What the judgement of some risk topics reads from a sentence of their clauses; computed the
/// first time a report needs it and kept with the sentence's features.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The shortest notice deadline the sentence states, in hours.
    deadline: Option<u32>,
    /// It speaks of keeping the data available (a retention window, not a delivery deadline:
    /// "export within 10 days" is good).
    retention: bool,
    /// It gives a way to get the data out.
    export: bool,
    /// It names a party's seat (所在地 …).
    seat: bool,
    /// Place names of a forum clause.
    forums: Vec<String>,
    /// It takes an audit right away ("not entitled to audit", "your sole right to audit" is a
    /// report).
    audit_negated: bool,
}

impl Facts {
    fn of(t: &str, words: &Judgement) -> Facts {
        let l = t.to_lowercase();
        Facts {
            deadline: deadline_hours(t),
            // (Not a ban on keeping it: "…15日内删除…，不得保留任何副本".)
            retention: {
                let mut kept = l.clone();
                for ban in ["不得保留", "不再保留", "不保留", "不得保存", "not retain", "no longer retain"] {
                    kept = kept.replace(ban, "");
                }
                ["保留", "保存", "可供", "取回", "retain", "retriev", "available"]
                    .iter()
                    .any(|w| kept.contains(w))
            },
            export: [
                "导出",
                "取回",
                "迁移",
                "返还",
                "export",
                "retriev",
                "download",
                "transition",
                "return of customer data",
                "return your",
            ]
            .iter()
            .any(|w| l.contains(w)),
            seat: t.contains("所在地") || t.contains("住所地") || t.contains("注册地"),
            // (Not the law and courts the standard contractual clauses take: "the law of Germany
            // and the courts of Leipzig are selected under Clauses 17 and 18".)
            forums: if words.scc_forum.is_match(t) {
                Vec::new()
            } else {
                forum_names(&words.court_register.blank_out(t))
            },
            audit_negated: static_re!(
                r"\b(not|no)\b[^.;]{0,25}\b(audit|inspect)|\b(sole|only|exclusive)\b[^.;]{0,10}\bright to (audit|inspect)|\bneither\b[^.;]{0,60}\bnor\b[^.;]{0,40}\bmay (audit|inspect)|不得[^。；]{0,10}(审计|检查)|不得要求[^。；]{0,30}(现场检查|审计)|(不接受|无权)[^。；]{0,40}(审计|检查)|(唯一|仅有)的?[^。；]{0,6}(审计|检查)(权|方式)"
            )
            .is_some_and(|r| {
                // "not more than once in any 12-month period, audit" limits the right, keeps it.
                r.is_match(&l) && {
                    let mut bare = l.clone();
                    for bound in ["not more than", "not less than", "no more than", "no less than", "not later than"] {
                        bare = bare.replace(bound, "");
                    }
                    // ("shall not audit more than once in any twelve months" too.)
                    if let Some(r) = static_re!(r"\bnot (audit|inspect)\w* (more|less) (often |frequently )?than\b") {
                        bare = r.replace_all(&bare, "$1").into_owned();
                    }
                    // ("shall not carry out more than one inspection in any contract year".)
                    if let Some(r) = static_re!(r"\bnot (carry out|conduct|perform|make|request|undertake) (more|less) than\b") {
                        bare = r.replace_all(&bare, "$1").into_owned();
                    }
                    r.is_match(&bare)
                }
            }),
        }
    }
}

/// A clause number that stands for a part or chapter of the contract, not an article.
fn container(number: &str) -> bool {
    ["Part ", "Chapter "].iter().any(|k| {
        number
            .strip_prefix(k)
            .is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
    }) || (number.starts_with('第') && number.ends_with('章'))
}

/// The top-level ancestor of each clause ("the same clause" below), by index so that the "1" of a
/// schedule is not the "1" of the body; and the sentences under each.
struct Roots {
    of: Vec<usize>,
    /// The sentences whose clause has root `r`: `sentences[start[r]..start[r + 1]]`, in order.
    start: Vec<usize>,
    sentences: Vec<usize>,
}

impl Roots {
    fn new(doc: &Document, sentences: &[Sentence]) -> Roots {
        let of: Vec<usize> = (0..doc.clauses.len())
            .map(|c| {
                let mut c = c;
                let mut guard = 0;
                while let Some(p) = doc.clauses.get(c).and_then(|k| k.parent) {
                    // (A part or chapter holds whole articles: "Part A – Contract Terms" with
                    // clauses 1 to 26 under it, 第一章 with its 第X条. Each article is a root.)
                    if doc
                        .clauses
                        .get(p as usize)
                        .is_some_and(|k| container(&k.number))
                    {
                        break;
                    }
                    c = p as usize;
                    guard += 1;
                    if guard > 64 {
                        break;
                    }
                }
                c
            })
            .collect();
        let root_of = |i: usize| {
            sentences[i]
                .clause_idx
                .map(|c| of.get(c).copied().unwrap_or(c))
        };
        // Counted, then placed (each root's sentences in order).
        let n = (0..sentences.len())
            .filter_map(root_of)
            .max()
            .map_or(0, |r| r + 1)
            .max(of.len());
        let mut start = vec![0; n + 1];
        for r in (0..sentences.len()).filter_map(root_of) {
            start[r + 1] += 1;
        }
        for r in 0..n {
            start[r + 1] += start[r];
        }
        let mut next = start.clone();
        let mut placed = vec![0; start[n]];
        for i in 0..sentences.len() {
            if let Some(r) = root_of(i) {
                placed[next[r]] = i;
                next[r] += 1;
            }
        }
        Roots {
            of,
            start,
            sentences: placed,
        }
    }

    fn root(&self, c: usize) -> usize {
        self.of.get(c).copied().unwrap_or(c)
    }

    fn sentences(&self, root: usize) -> &[usize] {
        match (self.start.get(root), self.start.get(root + 1)) {
            (Some(&a), Some(&b)) => &self.sentences[a..b],
            _ => &[],
        }
    }
}

/// The sentences a risk topic is judged on and the facts about them.
struct Judged<'a> {
    doc: &'a Document,
    rules: &'a Rules,
    sentences: &'a [Sentence],
    feats: &'a [SentenceFeatures],
    roots: &'a Roots,
    reading: &'a Reading<'a>,
    /// Sentences of clauses that another sentence deletes whole ("标准条款第8.4条删除，替换为以下
    /// 内容：…"): what they said no longer counts.
    deleted: Vec<bool>,
}

/// Which sentences are in a clause that another sentence deletes whole.
fn deleted_sentences(
    doc: &Document,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
) -> Vec<bool> {
    let mut out = vec![false; sentences.len()];
    for (i, f) in feats.iter().enumerate() {
        for (target, _) in f.sets_aside.iter().filter(|(_, whole)| *whole) {
            for j in super::crossrefs::sentences_named(doc, sentences, target) {
                if j != i {
                    out[j] = true;
                }
            }
        }
    }
    out
}

fn unfavourable(
    id: &str,
    k: usize,
    j: &Judged,
    hits: &[usize],
    lang: &str,
    parties: &super::Parties,
) -> bool {
    let (doc, sentences, reading) = (j.doc, j.sentences, j.reading);
    let words = &j.rules.judgement;
    let text = |i: usize| sentences[i].text(&doc.text);
    let cue = |i: usize, which: u8| j.feats[i].risk_cue(k, which);
    // The hit sentences and the other sentences of the same clauses ("…的唯一救济" often
    // follows the sentence that names the credits). In no particular order: every rule below
    // asks whether any of them says something.
    let hits: Vec<usize> = hits.iter().copied().filter(|&i| !j.deleted[i]).collect();
    let hits = hits.as_slice();
    let mut roots: Vec<usize> = hits
        .iter()
        .filter_map(|&i| sentences[i].clause_idx)
        .map(|c| j.roots.root(c))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let mut scope: Vec<usize> = hits
        .iter()
        .copied()
        .filter(|&i| sentences[i].clause_idx.is_none())
        .collect();
    for &r in &roots {
        scope.extend_from_slice(j.roots.sentences(r));
        // (A hit on a chapter's own heading, "第十四章 违约责任与责任限制", takes in its articles.)
        if j.doc.clauses.get(r).is_some_and(|k| container(&k.number)) {
            for (c, k) in j.doc.clauses.iter().enumerate() {
                if k.parent == Some(r as u32) && j.roots.root(c) == c && !roots.contains(&c) {
                    scope.extend_from_slice(j.roots.sentences(c));
                }
            }
        }
    }
    scope.retain(|&i| !j.deleted[i]);
    let facts = |i: usize| j.feats[i].facts.get_or_init(|| Facts::of(text(i), words));
    let any_unfav = scope.iter().any(|&i| cue(i, UNFAVOURABLE));
    let guarded = scope.iter().any(|&i| cue(i, GUARD));
    // The clauses of the sentences that speak to the topic, and whether a clause holds a
    // safeguard (for topics whose safeguard must stand where the topic is dealt with).
    let clause = |i: usize| sentences[i].clause_idx;
    let spoken: Vec<Option<usize>> = hits.iter().map(|&i| clause(i)).collect();
    // (`skip`: safeguards that speak of something else, "Any other amendment …".)
    let guarded_in = |c: Option<usize>, skip: &dyn Fn(usize) -> bool| {
        scope
            .iter()
            .any(|&g| clause(g) == c && cue(g, GUARD) && !skip(g))
    };
    // Sentences of the same top-level clauses, for carve-outs and content lists.
    match id {
        "liability_cap" => {
            // A carve-out names what it carves out: in its own sentence, or in the items under
            // it ("The limits in 13.2 do not apply to: (a) breach of clause 9 …"), not in another
            // clause of the article ("…导致数据泄露的，本平台运营方不承担责任" beside "…不适用于依照法律
            // 规定不得免除的责任").
            let under = |j: usize, i: usize| match (clause(j), clause(i)) {
                (Some(cj), Some(ci)) => cj == ci || doc.ancestors(cj).any(|a| a == ci),
                _ => false,
            };
            // (One that points at another clause, "受托方依照本条第（一）项承担的赔偿责任，不受…限额的
            // 限制", carves out what that clause deals with: the article's topics count.)
            let points = |i: usize| {
                let t = text(i);
                let of_liability = ["责任", "限额", "上限", "iabilit"]
                    .iter()
                    .any(|w| t.contains(w));
                // (A carve-out that names another article, "依照第17.2条承担的责任", is read
                // through that article below.)
                let names_clause = words.names_clause.is_match(t);
                of_liability && names_clause
            };
            // Where the article excludes loss of data altogether, only a carve-out that reaches
            // data (a breach, personal information, confidentiality) undoes the provider form; one
            // for gross negligence alone leaves the customer's data uncovered.
            let data_excluded = scope
                .iter()
                .any(|&i| words.data_loss_excluded.is_match(text(i)));
            let reaches_data = |j: usize| !data_excluded || words.reaches_data.is_match(text(j));
            // (One that names another article, "违反本合同第七条造成的损失，不受此限", carves out what
            // that article deals with: its heading or its sentences name the topic. English
            // carve-outs name their topics themselves in the labelled contracts.)
            let elsewhere = |i: usize| {
                let Some(refs) =
                    static_re!(r"第[一二三四五六七八九十百零〇0-9]+(?:\.[0-9]+)*(?:条|部分)")
                else {
                    return false;
                };
                refs.find_iter(text(i)).any(|m| {
                    // ("第七部分" of a contract in parts numbered "七、" is its article 七.)
                    // ("第16.1条" of a contract numbered "16.1" is that clause.)
                    let target = m.as_str().replace("部分", "条");
                    let target = match target.strip_prefix('第').and_then(|t| t.strip_suffix('条'))
                    {
                        Some(n) if n.contains('.') => n.to_string(),
                        _ => target,
                    };
                    let within = super::crossrefs::clauses_within(doc, &target);
                    let home = clause(i);
                    !within.is_empty()
                        && !within.iter().any(|&c| Some(c) == home)
                        && (0..sentences.len()).any(|s| {
                            sentences[s].clause_idx.is_some_and(|c| within.contains(&c))
                                && cue(s, CARVE_TOPIC)
                                && reaches_data(s)
                        })
                })
            };
            let carved = scope.iter().any(|&i| {
                cue(i, CARVE_OUT)
                    && (scope.iter().any(|&j| {
                        cue(j, CARVE_TOPIC)
                            && (j == i || under(j, i) || (points(i) && !cue(i, CARVE_TOPIC)))
                            && reaches_data(j)
                        // (Or in the list it leads into: "前项限额不适用于下列情形：乙方故意或者重大
                        // 过失；乙方违反第八条、第九条…".)
                    }) || (i..sentences.len())
                        .take_while(|&s| clause(s) == clause(i))
                        .any(&elsewhere))
            });
            !carved
        }
        "exit" => {
            // A retrieval window shorter than 30 days is the provider-form position.
            // (So is a right to export for a few days: "乙方可以在终止之日起10日内…导出乙方数据".)
            let window = |i: usize| facts(i).export && words.permits.is_match(text(i));
            let short = hits
                .iter()
                .filter(|&&i| facts(i).retention || window(i))
                .filter_map(|&i| facts(i).deadline)
                .any(|h| h < 30 * 24);
            // No way to get the data out at all is the provider-form position too.
            let export = scope.iter().any(|&i| facts(i).export);
            (any_unfav || short || !export) && (!guarded || short)
        }
        "governing_law" => {
            let forum_of = |names: &[String]| {
                scope.iter().any(|&i| {
                    if !facts(i).seat {
                        return false;
                    }
                    let t = text(i);
                    names.iter().any(|n| {
                        t.match_indices(n.as_str()).any(|(at, _)| {
                            let after: String = t[at + n.len()..].chars().take(6).collect();
                            ["所在地", "住所地", "注册地", "的所在地"]
                                .iter()
                                .any(|w| after.starts_with(w))
                        })
                    })
                })
            };
            // (A Chinese forum is read with the words before it, "均可以向杭州" of "…均可以向杭州市西湖区
            // 人民法院": the place ends it.)
            let a_forum = |p: &String| {
                scope.iter().any(|&i| {
                    facts(i).forums.iter().any(|f| {
                        f == p
                            || (p.chars().count() >= 2 && !p.is_ascii() && f.ends_with(p.as_str()))
                    })
                })
            };
            let provider_home =
                forum_of(&parties.provider) || parties.provider_places.iter().any(a_forum);
            let customer_home =
                forum_of(&parties.customer) || parties.customer_places.iter().any(a_forum);
            // A forum in neither party's place, where both places are known, is neutral ("New
            // York law and courts" between a Texas provider and an Ohio customer).
            let forums: Vec<&String> = scope.iter().flat_map(|&i| &facts(i).forums).collect();
            let neutral = !parties.provider_places.is_empty()
                && !parties.customer_places.is_empty()
                && !forums.is_empty()
                && !provider_home
                && !customer_home;
            provider_home && !customer_home || (any_unfav && !guarded && !customer_home && !neutral)
        }
        "incident_notice" => {
            let mates = &scope;
            // (Not the customer's own deadline, which sets the limit where it is shorter: "the
            // Responsible Party may have to report a material incident to its regulators within
            // 24 hours" makes the provider's 72 hours too late.)
            let own = |i: usize| cue(i, CUSTOMER_DEADLINE);
            let hours = hits
                .iter()
                .filter(|&&i| !own(i))
                .filter_map(|&i| facts(i).deadline)
                .min();
            let content = mates.iter().chain(hits.iter()).any(|&i| cue(i, CONTENT));
            let usual = if lang == "zh" { 4 } else { 72 };
            // (Wherever the contract states it.)
            let limit = (0..sentences.len())
                .filter(|&i| own(i) && !j.deleted[i])
                .filter_map(|i| facts(i).deadline)
                .fold(usual, u32::min);
            hours.is_none_or(|h| h > limit) || !content
        }
        "backup" => {
            // Who must back up: only the customer (provider form), or the provider too.
            // Unhedged duties only: "我们将尽力…备份" promises nothing firm.
            // (Or a responsibility table's row that gives it to the provider alone: "| 数据存储 |
            // 甲方 | | …每日对乙方全部云硬盘执行自动快照 |"; a shared row may leave backup to the
            // customer, and a row that says its replication "is not a backup", the topic's `denies`,
            // answers nothing.)
            let roles: Vec<Option<Role>> = hits
                .iter()
                .flat_map(|&i| {
                    reading
                        .statements(i)
                        .iter()
                        .filter(|s| s.kind == Kind::Duty && !s.hedged)
                        .map(|s| s.role)
                        .chain(
                            j.feats[i]
                                .table
                                .and_then(|(role, _)| role)
                                .filter(|&r| r == Role::Provider && !cue(i, DENIES))
                                .map(Some),
                        )
                })
                .collect();
            !(roles.contains(&Some(Role::Provider)) || roles.contains(&Some(Role::Both)))
        }
        "unilateral_change" => {
            // As for other topics; and besides, a term that lets one side change the service or
            // terms on its own (in a clause that speaks to changes) is not cured by a general
            // "amendments in writing" clause elsewhere, only by a safeguard in the same clause
            // (a right to terminate, no degradation).
            // ("Any other amendment … must be signed by both parties", "除本条（一）项外，本协议其他内容
            // 的变更…" guard the other changes, not the one the clause lets Host make by posting.)
            let other = |g: usize| {
                let t = text(g).trim_start().to_lowercase();
                let t = super::allocate::past_numbering(&t);
                let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
                t.starts_with("any other")
                    || t.starts_with("all other")
                    || t.starts_with("其他")
                    || t.starts_with('除')
                        && t.split(['，', ','])
                            .next()
                            .is_some_and(|head| head.ends_with('外') && head.chars().count() <= 20)
                        && t.contains("其他")
            };
            (any_unfav && !guarded)
                || scope.iter().any(|&i| {
                    cue(i, UNFAVOURABLE)
                        && spoken.contains(&clause(i))
                        && !guarded_in(clause(i), &other)
                })
        }
        "subcontracting" => {
            // A safeguard counts where subcontracting is dealt with (a consent or objection
            // right), not in another clause of a general article (assignment "with prior written
            // consent").
            // (Or anywhere in an article that is itself about subcontracting: "4. Sub-processors …
            // 4.3 Customer may object".)
            let topical: Vec<usize> = hits
                .iter()
                .filter_map(|&i| clause(i))
                .filter(|&c| j.roots.root(c) == c)
                .collect();
            let in_topical =
                |g: usize| clause(g).is_some_and(|c| topical.contains(&j.roots.root(c)));
            any_unfav
                && !spoken.iter().any(|&c| guarded_in(c, &|_| false))
                && !scope.iter().any(|&g| cue(g, GUARD) && in_topical(g))
        }
        "data_location" => {
            // A consent requirement counts where the data's location is dealt with, not in
            // another clause of the same article (one on a narrower kind of data).
            any_unfav && !spoken.iter().any(|&c| guarded_in(c, &|_| false))
        }
        "audit_rights" => {
            // An audit right the text takes away ("not entitled to audit") is no right; but a
            // route one clause closes ("乙方依照本条取得材料…但不得要求甲方接受现场审计") leaves the
            // right another article grants.
            let root = |i: usize| clause(i).map(|c| j.roots.root(c));
            let this_route = &words.this_route;
            let negated = scope.iter().any(|&i| {
                facts(i).audit_negated
                    && !(this_route.is_match(text(i))
                        && scope.iter().any(|&g| {
                            cue(g, GUARD) && !facts(g).audit_negated && root(g) != root(i)
                        }))
            });
            !guarded || negated
        }
        "data_ownership" => {
            // "尽管有第5.2条的约定，甲方可以…汇总形成统计数据…用于…改进", "Despite clause 10.1,
            // … to develop, train and improve the Supplier's … models": a use the text lets
            // override its own safeguard is not undone by that safeguard.
            let overrides = &words.overrides_opening;
            // (Nor is a grant that also takes the results for the provider: "…形成的统计数据、
            // 行业分析报告用于…产品优化…；前述统计数据及报告的全部权益归甲方所有" stands beside a
            // "不得…用于算法训练" about other data; or publishes them: "将运行数据与甲方其他客户的
            // 同类数据汇总…编制和对外发布行业分析报告".)
            let takes = &words.takes_results;
            // (Not where each use needs the customer's consent first: "经甲方事先书面同意，乙方可以…
            // 汇总…并将其用于编制和发布行业报告".)
            let consented = &words.consented;
            let overriding = scope.iter().any(|&i| {
                cue(i, UNFAVOURABLE)
                    && (overrides.is_match(text(i))
                        || scope.iter().any(|&g| {
                            clause(g) == clause(i)
                                && takes.is_match(text(g))
                                && !consented.is_match(text(g))
                        }))
            });
            any_unfav && (!guarded || overriding)
        }
        _ => any_unfav && !guarded,
    }
}

#[allow(clippy::too_many_arguments)]
pub fn risk_rows(
    doc: &Document,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
    rules: &Rules,
    reading: &Reading,
    lang: &str,
    parties: &super::Parties,
    templates: &TemplateSet,
) -> Vec<RiskRow> {
    let roots = Roots::new(doc, sentences);
    let judged = Judged {
        doc,
        rules,
        sentences,
        feats,
        roots: &roots,
        reading,
        deleted: deleted_sentences(doc, sentences, feats),
    };
    // The sentences that speak to each risk topic, in one pass: its cue, or for a topic that
    // needs a duty, a duty with a party (one a cross-reference or a lead-in may have given).
    let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); rules.risks.len()];
    for (i, f) in feats.iter().enumerate() {
        let mut add = |k: usize| {
            if let Some(v) = by_topic.get_mut(k) {
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        };
        f.risks.iter().for_each(|&k| add(k));
        if !f.duty_risks.is_empty()
            && (reading
                .statements(i)
                .iter()
                .any(|x| x.kind == Kind::Duty && x.role.is_some())
                // (a responsibility-table row that gives a party its part)
                || f.table.is_some_and(|(r, _)| r.is_some()))
        {
            f.duty_risks.iter().for_each(|&k| add(k));
        }
    }
    super::ids(&templates.model, TopicKind::Risk)
        .into_iter()
        .filter_map(|id| {
            let topic = templates.model.topic(&id)?;
            let k = rules.risks.iter().position(|c| c.id == id);
            let hits: Vec<usize> = k.and_then(|k| by_topic.get(k)).cloned().unwrap_or_default();
            let present = !hits.is_empty();
            let unfav = match (present, k) {
                (true, Some(k)) => Some(unfavourable(&id, k, &judged, &hits, lang, parties)),
                _ => None,
            };
            let severity = match (present, unfav) {
                (false, _) => Some(Severity::Medium),
                (true, Some(true)) => Some(
                    if matches!(
                        id.as_str(),
                        "liability_cap" | "exit" | "incident_notice" | "data_location"
                    ) {
                        Severity::High
                    } else {
                        Severity::Medium
                    },
                ),
                _ => None,
            };
            let evidence = reading.evidence(hits);
            Some(RiskRow {
                explanation: explain::risk(topic, present, unfav, &evidence),
                suggested_clauses: if severity.is_some() {
                    suggestions(templates, &id, None)
                } else {
                    Vec::new()
                },
                name: topic.name.clone(),
                id,
                present,
                customer_unfavourable: unfav,
                severity,
                evidence,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the audit-rights topic of a short contract is against the customer.
    fn audit_unfavourable(text: &str) -> Option<bool> {
        super::super::report_of(text)
            .risks
            .iter()
            .find(|r| r.id == "audit_rights")
            .and_then(|r| r.customer_unfavourable)
    }

    #[test]
    fn an_audit_right_limited_in_frequency_is_still_a_right_and_a_sole_report_is_none() {
        let head = "This Agreement is between Quill Ltd (\"Provider\") and Elm Limited (\"Customer\").\n\n";
        let limited = format!("{head}12.1 The Customer, or an independent auditor appointed by it and bound by confidentiality, may on not less than 30 days' written notice, and not more than once in any 12-month period, audit Provider's compliance with this Agreement.\n");
        assert_eq!(audit_unfavourable(&limited), Some(false));
        let report_only = format!("{head}8.8 On written request, no more than once a year, Provider will provide a summary of its most recent SOC 2 Type II report. That is the Customer's sole right to audit Provider.\n");
        assert_eq!(audit_unfavourable(&report_only), Some(true));
        let zh = "甲方：某某人力资源有限公司（云服务提供者）\n乙方：某某制造有限公司（客户）\n\n6.7 乙方有权每年对甲方处理乙方员工信息的情况进行一次现场审计，甲方应当配合。\n";
        assert_eq!(audit_unfavourable(zh), Some(false));
    }

    #[test]
    fn a_cap_stated_after_the_liability_it_limits_is_found() {
        let cap = |text: &str| {
            super::super::report_of(text)
                .risks
                .iter()
                .find(|r| r.id == "liability_cap")
                .map(|r| (r.present, r.customer_unfavourable))
        };
        let zh = "甲方（客户）：某建筑集团有限公司\n乙方（服务商）：某云科技有限公司\n\n（五）乙方在本协议项下对甲方承担的违约金、赔偿金及其他全部责任的累计总额，以违约行为发生之日前十二（12）个月内甲方实际支付的服务费用为限。\n";
        assert_eq!(cap(zh), Some((true, Some(true))));
        let en = "This Agreement is between Quill GmbH (\"Provider\") and Elm AG (\"Client\").\n\n13.2 In cases of slight negligence, the Provider is liable only for breach of material contractual obligations, limited to the foreseeable damage typical for this contract and, per contract year, to 150% of the fees paid in that contract year.\n";
        assert_eq!(cap(en).map(|x| x.0), Some(true));
    }

    #[test]
    fn a_repeated_defined_term_and_a_passing_mention_of_hosting_do_not_decide_the_model() {
        let model = model_detector();
        // "Authorized Users" seven times against two platform features.
        let platform = "1.1 \"Platform\" means Vendor's hosted research environment, including managed notebook and Spark runtimes and data pipelines. \"Authorized Users\" means staff approved by Institution.\n2.1 Authorized Users may use the Platform. Authorized Users shall keep credentials secret. Authorized Users run notebooks. Authorized Users load data. Authorized Users export results. Authorized Users sign in with SSO.\n";
        assert_eq!(model(platform), DeploymentModel::Paas);
        // A SaaS's data-processing terms naming its own storage in passing: still SaaS.
        let dpa = "Security measures: AES-256 at rest for databases, object storage and backups.\n";
        assert_eq!(model(dpa), DeploymentModel::Saas);
        // Two infrastructure cues make it IaaS.
        let iaas =
            "The Provider leases GPU compute nodes and bare-metal servers to the Customer.\n";
        assert_eq!(model(iaas), DeploymentModel::Iaas);
    }

    #[test]
    fn what_the_providers_own_service_runs_on_does_not_decide_the_model() {
        let model = model_detector();
        let api = "（二）\"核身接口\"：指乙方提供的人脸比对API接口，其服务部署在乙方租用的公有云资源之上。\n（十一）\"天衡云\"：指某某云计算有限公司，乙方向其租用本服务运行所需的云服务器、对象存储和网络资源。\n（三）乙方负责核身接口所运行的云服务器和容器节点的操作系统安全。甲方调用API前应当取得用户同意。\n";
        assert_eq!(model(api), DeploymentModel::Paas);
        // The customer renting the servers is IaaS still.
        let lease = "甲方向乙方租用云服务器、云硬盘和对象存储，并自行管理云服务器的操作系统。\n";
        assert_eq!(model(lease), DeploymentModel::Iaas);
    }

    #[test]
    fn a_declared_delivery_model_hosted_desktops_colocation_and_build_pipelines_decide_the_model() {
        let model = model_detector();
        // The platform's own stack (信创 middleware, named four times) against its declared model.
        let saas = "3.1 乙方以软件即服务方式向甲方提供本平台的使用服务。\n4.1 本平台应当适配国产操作系统、国产数据库和国产中间件。4.5 乙方应当提交所使用的数据库、中间件的授权证明。8.8 乙方负责本平台应用软件（包括其使用的数据库和中间件）的安全。附表：平台应用软件、数据库和中间件安全。\n";
        assert_eq!(model(saas), DeploymentModel::Saas);
        let desktops = "Hosted Desktop Services Agreement. The Provider supplies hosted desktops from its own hypervisors; the Customer's Authorised Users sign in.\n";
        assert_eq!(model(desktops), DeploymentModel::Iaas);
        let colo =
            "IDC机柜租用及托管服务合同。乙方在租用的机柜中安装其自有服务器（服务器托管）。\n";
        assert_eq!(model(colo), DeploymentModel::Iaas);
        let ci = "Build Platform Terms. Hosted runners run your CI/CD jobs in a new virtual machine; self-hosted runners are your own machines.\n";
        assert_eq!(model(ci), DeploymentModel::Paas);
        let rtc = "实时音视频（RTC）服务开发者协议。您在应用中集成SDK；云端录制文件存储于您的对象存储存储桶，并可经内容分发网络分发。\n";
        assert_eq!(model(rtc), DeploymentModel::Paas);
    }

    #[test]
    fn e_mail_and_generative_apis_and_managed_search_are_platforms() {
        let model = model_detector();
        let email = "Email Delivery Platform Terms. You send messages through our API or SMTP relay; we store engagement events in object storage and run them in containers.\n";
        assert_eq!(model(email), DeploymentModel::Paas);
        let aigc = "数字人及生成式内容API开放平台服务协议。乙方按量调用本服务，并按调用指令提交调用请求；生成文件经内容分发网络（CDN）加速。\n";
        assert_eq!(model(aigc), DeploymentModel::Paas);
        let search = "云搜索服务（托管Elasticsearch）服务协议。我们运行Elasticsearch集群并升级Elasticsearch引擎版本；云搜索服务的自动快照存储于对象存储，保留7日。\n";
        assert_eq!(model(search), DeploymentModel::Paas);
        let pms = "Hotel Property Management System Subscription Agreement. The vendor provides its cloud-hosted hotel property management system. Annex III: hardened base images for servers and containers.\n";
        assert_eq!(model(pms), DeploymentModel::Saas);
        let flags = "Feature Management Platform Subscription Terms. You embed our SDKs in your web application; feature flags are evaluated locally for your End Users under your Subscription.\n";
        assert_eq!(model(flags), DeploymentModel::Paas);
        // A hosted analytics product that also takes API calls is software, not a platform.
        let analytics = "Data Processing Agreement. The Supplier provides a hosted marketing-analytics platform under a Master Subscription Agreement. The Tag and mobile SDK collect events; keys are held in a key management service; TLS protects Tag calls, API calls and user sessions.\n";
        assert_eq!(model(analytics), DeploymentModel::Saas);
    }

    #[test]
    fn clauses_of_a_schedule_about_personal_data_alone_concern_it() {
        let present = |text: &str, id: &str| {
            super::super::report_of(text)
                .pi
                .iter()
                .any(|r| r.id == id && r.present)
        };
        let head = "This Agreement is between Quill Ltd (\"Supplier\") and Elm Limited (\"Customer\").\n\n";
        let only = format!("{head}## SCHEDULE 2 - DATA PROCESSING\n\n2. Subject matter and duration: the Services for the term.\n\n3. Supplier shall host Customer Data only in the United Kingdom.\n");
        assert!(present(&only, "pi.purpose_scope"));
        assert!(present(&only, "pi.cross_border"));
        let mixed = format!("{head}## 7. Customer Data and Privacy\n\n7.2 Supplier shall host Customer Data only in the United Kingdom.\n");
        assert!(!present(&mixed, "pi.cross_border"));
        // A heading joining only subjects of personal data is about it alone.
        let joined = format!("{head}## Schedule 2 – Processing, Personal Data and Data Subjects\n\n| Description | Details |\n|---|---|\n| Location of Processing | United Kingdom only; no transfer outside the UK |\n");
        assert!(present(&joined, "pi.cross_border"));
        // A document titled as an agreement on personal information concerns it throughout.
        let titled = |title: &str| {
            format!("# {title}\n\n{head}## Article 12 (Reports and Inspections)\n\n12.2 Customer may inspect Supplier's offices and records to confirm compliance with this Agreement.\n")
        };
        assert!(present(
            &titled("Agreement on the Entrusted Handling of Personal Information"),
            "pi.supervision_audit"
        ));
        assert!(!present(
            &titled("Cloud Services Agreement"),
            "pi.supervision_audit"
        ));
    }

    #[test]
    fn deadlines_in_both_languages() {
        assert_eq!(deadline_hours("应当在发现后24小时内通知甲方"), Some(24));
        assert_eq!(
            deadline_hours("within 72 hours after becoming aware"),
            Some(72)
        );
        assert_eq!(deadline_hours("within two (2) business days"), Some(48));
        assert_eq!(deadline_hours("without undue delay"), None);
        assert_eq!(deadline_hours("及时通知"), None);
        assert_eq!(deadline_hours("保留承租方数据5个自然日"), Some(120));
        assert_eq!(deadline_hours("kept for 7 calendar days"), Some(168));
        // A follow-up's hours, counted from an earlier notice, are not the notice's deadline.
        assert_eq!(
            deadline_hours("可以先以电话方式告知甲方，但应当在电话告知后2小时内补发书面通知"),
            None
        );
        assert_eq!(
            deadline_hours("应当在2小时内以电话方式通知甲方，并在通知后 4 小时内提交书面报告"),
            Some(2)
        );
        assert_eq!(deadline_hours("可以在收到终止通知后10日内导出"), Some(240));
        // Minutes are within the hour.
        assert_eq!(
            deadline_hours("应当在发现后三十分钟内以电话方式通知客户"),
            Some(1)
        );
        assert_eq!(
            deadline_hours("notify the Customer within 90 minutes"),
            Some(2)
        );
    }

    #[test]
    fn defined_terms_lose_their_bullets_and_markup() {
        let term = |t: &str| super::defined_term(t).map(|(n, _)| n);
        assert_eq!(
            term("• Store Data means order records and Shopper Personal Data."),
            Some("Store Data".into())
        );
        assert_eq!(
            term("- **Store Data** means order records."),
            Some("Store Data".into())
        );
        assert_eq!(
            term("（二）\"甲方数据\"，指甲方录入的数据，包括个人信息。"),
            Some("甲方数据".into())
        );
        assert_eq!(
            term("1.6 \"Developer Responsibilities\" means:"),
            Some("Developer Responsibilities".into())
        );
    }

    #[test]
    fn a_forum_in_neither_partys_place_is_neutral_and_the_providers_seat_is_not() {
        let law = |text: &str| {
            super::super::report_of(text)
                .risks
                .iter()
                .find(|r| r.id == "governing_law")
                .and_then(|r| r.customer_unfavourable)
        };
        let head = "This Agreement is between Ferrous Peak Networks, Inc., a Delaware corporation with its principal place of business in Plano, Texas (\"Provider\"), and Halvorsen Freight, Inc., an Ohio corporation with its principal place of business in Columbus, Ohio (\"Customer\").\n\n";
        let new_york = format!("{head}17.2 This Agreement is governed by the laws of the State of New York. The state and federal courts located in New York County, New York have exclusive jurisdiction.\n");
        assert_eq!(law(&new_york), Some(false));
        let texas = format!("{head}17.2 This Agreement is governed by the laws of the State of Texas, and the courts of Texas have exclusive jurisdiction.\n");
        assert_eq!(law(&texas), Some(true));
        let munich = "**Kessler GmbH**, with its registered seat in Munich\n– hereinafter \"Kessler\" –\n\n**Auer GmbH**, with its registered seat in Linz, Austria\n– hereinafter \"Customer\" –\n\n## § 17 Final Provisions\n\n(2) The exclusive place of jurisdiction for all disputes arising out of this Agreement is Munich, Germany.\n";
        assert_eq!(law(munich), Some(true));
    }

    /// Party lines one under the other each keep their own address; the court that keeps a
    /// party's company register and the law and courts chosen for the standard contractual
    /// clauses are no forum of the contract.
    #[test]
    fn a_register_court_and_the_sccs_forum_do_not_make_a_forum_the_customers_home() {
        let law = |text: &str| {
            super::super::report_of(text)
                .risks
                .iter()
                .find(|r| r.id == "governing_law")
                .and_then(|r| r.customer_unfavourable)
        };
        let parties = |register: &str| {
            format!("This DPA is made between:\n\n1. **Feldmark Outdoor GmbH**, {register}of Auenring 12, 04109 Leipzig, Germany (the \"**Customer**\"); and\n2. **Corella Insights Pty Ltd** (ACN 631 408 275), of Level 9, 410 Wattle Lane, Melbourne VIC 3000, Australia (the \"**Supplier**\").\n\n")
        };
        let victoria = "## 13. Governing law\n\n13.1 This DPA is governed by the laws of the State of Victoria, Australia, and each party submits to the exclusive jurisdiction of the courts of Victoria.\n";
        assert_eq!(law(&format!("{}{victoria}", parties(""))), Some(true));
        let registered = parties("registered with the Local Court of Leipzig under HRB 40917, ");
        assert_eq!(law(&format!("{registered}{victoria}")), Some(true));
        let sccs = format!("{registered}## 11. Transfers\n\n11.3 Module Two of the SCCs is incorporated by reference. Option 2 of Clause 9(a) applies with the notice period in Section 7.2; the law of Germany and the courts of Leipzig are selected under Clauses 17 and 18; Annexes I to III complete the SCC annexes.\n\n{victoria}");
        assert_eq!(law(&sccs), Some(true));
        // The contract's own choice of the customer's courts still counts.
        let leipzig = format!("{registered}## 13. Governing law\n\n13.1 This DPA is governed by the law of Germany, and the courts of Leipzig have exclusive jurisdiction.\n");
        assert_eq!(law(&leipzig), Some(false));
    }

    /// A list item printed inline after its lead-in speaks to an element with it: the lead-in
    /// names whose confidentiality, the item the duty. A whole sentence that ends before the
    /// items ("…Personal Data. (a) …") is no lead-in, and neither part alone is enough.
    #[test]
    fn an_inline_list_item_is_read_with_its_lead_in() {
        let pi = |text: &str| pi_present(text, "pi.confidentiality");
        let head = "# Data Processing Agreement\n\n";
        let inline = format!("{head}4.6 The Processor shall ensure that every person it authorises to process Personal Data (a) is bound by a written duty of confidentiality that survives the engagement, (b) is trained in data protection law, and (c) has access only as needed.\n");
        assert!(pi(&inline));
        let stopped = format!("{head}4.6 The Processor shall keep a list of every person it authorises to process Personal Data. (a) The Processor is bound by a written duty of confidentiality to the Controller, (b) it keeps records, and (c) it trains.\n");
        assert!(!pi(&stopped));
    }

    /// Parties named only by their role in an entrustment ("the Entrusting Party", "the
    /// Trustee"; "本平台", "商户") are the customer and the provider, and their duties count.
    #[test]
    fn entrustment_and_platform_roles_name_the_parties() {
        let en = "This Agreement is made between SEORIN COMMERCE CO., LTD., operator of the online shopping mall \"Seorin Mall\" (the \"**Entrusting Party**\"); and DAON CLOUDWORKS INC., provider of the cloud messaging service \"Daon Reach\" (the \"**Trustee**\").\n\n8.1 The Trustee shall encrypt Entrusted Personal Information at rest.\n";
        let r = super::super::report_of(en);
        assert!(
            r.parties.customer.iter().any(|a| a == "Entrusting Party"),
            "{:?}",
            r.parties
        );
        assert!(
            r.parties.provider.iter().any(|a| a == "Trustee"),
            "{:?}",
            r.parties
        );
        let zh = "本协议由成都味链数智科技有限公司（以下简称\"本平台\"）与订购、使用平台服务的餐饮经营主体（以下简称\"商户\"）订立。\n\n第十一条 商户应当为其员工分别设置账号，并按照岗位职责分配最小必要的权限。\n";
        let r = super::super::report_of(zh);
        assert!(
            r.parties.provider.iter().any(|a| a == "本平台"),
            "{:?}",
            r.parties
        );
        assert!(
            r.parties.customer.iter().any(|a| a == "商户"),
            "{:?}",
            r.parties
        );
        let iam = r
            .security
            .iter()
            .find(|x| x.id == "iam")
            .map(|x| x.allocation);
        assert_eq!(iam, Some(super::super::Found::Customer));
    }

    /// Advice and a document kept elsewhere state no PI term: "服务商建议用户…加密…删除",
    /// "The Operator's data processing terms, published on its website, … set out … deletion".
    #[test]
    fn advice_and_terms_published_elsewhere_state_no_pi_term() {
        let pi = pi_present;
        let head = "甲方（用户）：苏州某影视公司\n乙方（服务商）：北京某云计算有限公司\n\n";
        let advice = format!("{head}8.5 服务商建议用户对包含敏感个人信息的对象使用加密，并在个人信息处理目的实现后删除相关对象。\n");
        assert!(!pi(&advice, "pi.return_deletion"));
        let duty = format!("{head}8.5 服务商应当在个人信息处理目的实现后删除相关个人信息。\n");
        assert!(pi(&duty, "pi.return_deletion"));
        let en = "# Managed Network Agreement\n\nBetween Aldermoor Telecommunications plc (the \"Operator\") and Wrenfield Castings Limited (the \"Customer\").\n\n";
        let published = format!("{en}14.6 The Operator's data processing terms, version 4.2, published on its website, form part of this Agreement and set out the remaining terms required by Article 28(3) of the UK GDPR, including sub-processors, assistance with data subject requests and deletion of personal data.\n");
        assert!(!pi(&published, "pi.subprocessing"));
        assert!(!pi(&published, "pi.return_deletion"));
        let incorporated = format!("{en}10.4 To the extent Customer Content includes personal data, (d) the data processing addendum at trust.example/dpa is incorporated by reference and sets out the subject matter, duration, categories of data and data subjects, and the technical and organizational measures that apply.\n");
        assert!(!pi(&incorporated, "pi.purpose_scope"));
        assert!(!pi(&incorporated, "pi.security_measures"));
    }

    /// An authority's inspection and an audit log are no supervision by the customer; the
    /// customer's own audit right is.
    #[test]
    fn an_authoritys_inspection_or_an_audit_log_is_no_supervision_by_the_customer() {
        let supervised = |extra: &str| {
            let text = format!("# 个人信息委托处理协议\n\n委托方：某健身有限公司\n受托方：某数智科技有限公司\n\n3.1 受托方应当仅按照委托方的书面指示处理个人信息。\n\n3.2 受托方应当对接触个人信息的人员施加保密义务。\n\n3.3 委托终止后，受托方应当删除全部个人信息。\n\n3.4 受托方发生个人信息泄露的，应当立即通知委托方。\n\n{extra}\n");
            pi_present(&text, "pi.supervision_audit")
        };
        assert!(!supervised(
            "16.3 有权机关依法对受托方进行监督检查的，受托方将依法予以配合。"
        ));
        assert!(supervised(
            "16.3 委托方有权每年对受托方处理个人信息的情况进行一次审计。"
        ));
    }

    /// "shall tell the Customer of a Security Incident no later than 24 hours after it first
    /// learns of it" is incident notice.
    #[test]
    fn telling_the_customer_of_a_security_incident_is_incident_notice() {
        let text = "This Agreement is between Aldermoor Telecommunications plc (the \"Operator\") and Wrenfield Castings Limited (the \"Customer\").\n\n13.1 The Operator shall tell the Customer of a Security Incident no later than 24 hours after it first learns of it. Its report shall identify the nature of the incident and the steps taken.\n";
        assert_eq!(risk_of(text, "incident_notice"), (true, Some(false)));
    }

    /// A notice within 72 hours with its contents is the customer-side position, unless the
    /// customer must itself report to its regulators sooner.
    #[test]
    fn a_notice_deadline_longer_than_the_customers_own_report_to_its_regulators_is_unfavourable() {
        let head = "This Agreement is between Aldermoor Telecommunications plc (the \"Operator\") and Wrenfield Castings Limited (the \"Customer\").\n\n13.1 The Operator shall notify the Customer of a Security Incident within 72 hours after it first learns of it. Its notice shall describe the nature of the incident, its likely consequences and the measures taken.\n";
        assert_eq!(risk_of(head, "incident_notice"), (true, Some(false)));
        let own = format!(
            "{head}13.2 The Operator acknowledges that the Customer may have to report a material incident to its regulators within 24 hours.\n"
        );
        assert_eq!(risk_of(&own, "incident_notice"), (true, Some(true)));
        // (A regulator deadline longer than the notice leaves it in time.)
        let later = own.replace("within 24 hours.", "within 96 hours.");
        assert_eq!(risk_of(&later, "incident_notice"), (true, Some(false)));
    }

    /// "除前述摘要外，本平台不接受商户…进行现场检查": a summary instead of an audit takes the
    /// right away.
    #[test]
    fn refusing_any_inspection_but_a_summary_is_against_the_customer() {
        let text = "本协议由某科技有限公司（以下简称\"本平台\"）与某餐饮管理有限公司（以下简称\"商户\"）订立。\n\n第三十五条 监督与信息提供\n\n（二）本平台每年可以应商户书面请求，向商户提供最近一次网络安全等级保护测评结论的摘要。除前述摘要外，本平台不接受商户或者其委托的第三方对本平台系统、机房或者办公场所进行现场检查。\n";
        assert_eq!(risk_unfavourable(text, "audit_rights"), Some(true));
    }

    /// A suspension right held to closed grounds ("may suspend … only where (a) …") and one
    /// under which nothing is deleted is balanced; "without prior notice" alone is not.
    #[test]
    fn a_suspension_on_closed_grounds_is_balanced() {
        let head = "This Agreement is between Daon Cloudworks Inc. (the \"Provider\") and Seorin Commerce Co., Ltd. (the \"Customer\").\n\n";
        let unfav = |body: &str| risk_unfavourable(&format!("{head}{body}\n"), "suspension");
        assert_eq!(unfav("16.1 The Provider may suspend a Message campaign without prior notice only where it appears to contain prohibited information."), Some(false));
        assert_eq!(
            unfav("16.1 The Provider may suspend the Services without prior notice."),
            Some(true)
        );
        assert_eq!(unfav("16.1 The Provider may suspend the Services without prior notice. No suspension shall lead to the destruction of Customer Data."), Some(false));
    }

    /// Clauses written about the customer's data that a PI clause applies to personal information
    /// ("第6.5条…关于甲方数据的约定，适用于…个人信息") state PI terms; the same clauses without
    /// that sentence do not.
    #[test]
    fn clauses_a_pi_clause_applies_to_personal_information_state_pi_terms() {
        let pi = |text: &str, id: &str| {
            super::super::report_of(text)
                .pi
                .iter()
                .find(|r| r.id == id)
                .is_some_and(|r| r.present)
        };
        let body = "甲方：青岚智能科技有限公司\n\n乙方：岭峰算力运营有限公司\n\n\
            6.5 乙方应当确保其可能接触甲方数据的运维人员签署保密承诺书。\n\n\
            6.4 甲方数据存储于乙方位于甘肃省庆阳市的数据中心。未经甲方书面同意，乙方不得将甲方数据传输至中华人民共和国境外。\n\n\
            6.6 就训练数据中的个人信息，甲方为个人信息处理者。\n\n";
        let without = body.to_string();
        assert!(!pi(&without, "pi.confidentiality"));
        assert!(!pi(&without, "pi.cross_border"));
        let with = format!(
            "{body}6.7 第6.4条和第6.5条关于甲方数据的约定，适用于甲方数据中包含的个人信息。\n"
        );
        assert!(pi(&with, "pi.confidentiality"));
        assert!(pi(&with, "pi.cross_border"));
        let en = "This Agreement is between Northwind Cloud Ltd (\"Provider\") and Halvorsen Freight, Inc. (\"Customer\").\n\n\
            7.5 Provider shall bind its personnel with access to Customer Data to written confidentiality obligations.\n\n\
            7.6 Sections 7.5 and 9.2 apply equally to any Personal Data contained in Customer Data.\n";
        assert!(pi(en, "pi.confidentiality"));
        let en_without = en.split("7.6 ").next().unwrap_or_default();
        assert!(!pi(en_without, "pi.confidentiality"));
    }

    /// An immediate suspension for a threat, limited to what is reasonably necessary or followed
    /// by notice within hours ("二十四小时内", written out), is the customer-side position; the same
    /// power without those limits is not.
    #[test]
    fn an_immediate_suspension_limited_to_need_or_followed_by_prompt_notice_is_not_against_the_customer(
    ) {
        let en = |tail: &str| {
            format!(
                "This Agreement is between Northwind Cloud Ltd (\"Provider\") and Halvorsen Freight, Inc. (\"Customer\").\n\n\
                13.2 Provider may suspend any Service immediately{tail} if Customer's use poses an imminent threat to the security of the Cloud Platform.\n"
            )
        };
        assert_eq!(
            risk_unfavourable(
                &en(", to the extent and for as long as reasonably necessary,"),
                "suspension"
            ),
            Some(false)
        );
        assert_eq!(risk_unfavourable(&en(""), "suspension"), Some(true));
        let zh = |tail: &str| {
            format!(
                "甲方：杭州某某集团有限公司\n乙方：上海某某科技有限公司\n\n\
                15.6 乙方发现某一账号正在被用于攻击本服务的，可以立即冻结该账号{tail}。\n"
            )
        };
        assert_eq!(
            risk_unfavourable(&zh("，并应当在冻结后二十四小时内通知甲方"), "suspension"),
            Some(false)
        );
        assert_eq!(risk_unfavourable(&zh(""), "suspension"), Some(true));
    }

    /// "可以将…工作委托附件三所列分包方实施" with changes only announced is a general right to
    /// subcontract; a right to object to a new subcontractor answers it.
    #[test]
    fn a_right_to_hand_work_to_listed_subcontractors_is_answered_only_by_a_right_to_object() {
        let text = |more: &str| {
            format!(
                "甲方：杭州某某智能科技有限公司\n乙方：庆阳某某算力运营有限公司\n\n\
                11.1 乙方可以将数据中心基础设施运维、安保值守等工作委托附件三所列分包方实施。\
                乙方新增或者更换分包方的，应当书面通知甲方。{more}\n"
            )
        };
        assert_eq!(risk_unfavourable(&text(""), "subcontracting"), Some(true));
        assert_eq!(
            risk_unfavourable(
                &text("甲方有合理理由反对的，双方应当协商解决。"),
                "subcontracting"
            ),
            Some(false)
        );
    }

    /// Whether risk topic `id` of a short contract is against the customer.
    fn risk_unfavourable(text: &str, id: &str) -> Option<bool> {
        risk_of(text, id).1
    }

    /// Model detection with the built-in rules, loaded once for the test.
    fn model_detector() -> impl Fn(&str) -> DeploymentModel {
        let rules = Rules::load(&crate::templates::TemplateFiles::builtin()).expect("rules");
        move |text: &str| detect_model(&model_scores(text, &rules))
    }

    fn pi_present(text: &str, id: &str) -> bool {
        super::super::report_of(text)
            .pi
            .iter()
            .find(|r| r.id == id)
            .is_some_and(|r| r.present)
    }

    fn risk_of(text: &str, id: &str) -> (bool, Option<bool>) {
        super::super::report_of(text)
            .risks
            .iter()
            .find(|r| r.id == id)
            .map(|r| (r.present, r.customer_unfavourable))
            .expect("topic")
    }

    #[test]
    fn wiping_a_node_that_holds_personal_information_and_a_forwarded_request_are_pi_terms() {
        let zh = "甲方：某某科技有限公司（“客户”）\n乙方：某某算力有限公司（“服务商”）\n\n第十一条 数据保护\n\n（五）乙方不得以任何方式访问、复制或者向第三方提供节点上的甲方数据（包括其中的个人信息），亦不得将其用于本合同约定以外的任何目的。\n\n第二十一条 终止\n\n（四）迁移期届满后，乙方应当在回收后5个工作日内对节点本地存储进行不可恢复的数据清除。清除范围为节点本地存储的全部数据，包括其中可能含有的个人信息。\n";
        assert!(pi_present(zh, "pi.instructions"));
        assert!(pi_present(zh, "pi.return_deletion"));
        let en = "ACME LTD (\"Provider\") and BETA LLC (\"Customer\").\n\n10.4 Personal data. To the extent Customer Content includes personal data, Provider shall forward to Customer, within five (5) business days, any request it receives from an individual about that personal data.\n";
        assert!(pi_present(en, "pi.data_subject_rights"));
    }

    #[test]
    fn a_report_on_a_nodes_state_is_no_audit_right() {
        let text = "甲方：某某科技有限公司（“客户”）\n乙方：某某算力有限公司（“服务商”）\n\n第二十二条 不可抗力\n\n（四）不可抗力消除后，乙方应当优先恢复甲方主用节点的供电，并在恢复后24小时内向甲方提交节点状态的检查报告。\n";
        assert!(!risk_of(text, "audit_rights").0);
        let audit = text.replace("提交节点状态的检查报告", "提交审计报告");
        assert!(risk_of(&audit, "audit_rights").0);
    }

    #[test]
    fn pi_terms_left_to_platform_rules_or_an_unreproduced_dpa_are_not_stated() {
        let zh = "北京某某云科技有限公司（以下简称\"我们\"）与您订立本协议。\n\n附件一 数据处理附录\n\n（一）我们仅为提供本服务之目的处理最终用户的个人信息。\n\n（七）其他事项\n\n委托处理的期限、我们协助您响应最终用户行使个人信息权利的请求、您对我们处理活动的监督，以及委托关系终止后最终用户个人信息的返还或者删除，适用平台规则中的《某某数据处理规则》。\n";
        assert!(!pi_present(zh, "pi.data_subject_rights"));
        assert!(!pi_present(zh, "pi.return_deletion"));
        let stated = zh.replace(
            "，适用平台规则中的《某某数据处理规则》",
            "，由我们在三十日内书面答复",
        );
        assert!(pi_present(&stated, "pi.data_subject_rights"));
        let en = "ACME LTD (\"Provider\") and BETA LLC (\"Customer\").\n\n8.6 Notification of breaches involving Personal Data is governed by the DPA.\n";
        assert!(!pi_present(en, "pi.breach_notification"));
    }

    #[test]
    fn a_drivers_request_a_transfer_out_of_a_zone_and_app_11_words_are_pi_terms() {
        let zh = "甲方：某某物业服务有限公司\n乙方：某某智联科技有限公司\n\n第十条 个人信息保护\n\n（五）车主要求查阅、复制、更正或者删除其个人信息的，由甲方受理和答复；需要乙方配合的，乙方应当在五个工作日内提供协助。\n";
        assert!(pi_present(zh, "pi.data_subject_rights"));
        let en = "ACME LTD (\"Processor\") and BETA LTD (\"Controller\").\n\n8.1 The Controller authorises the transfers of Controller Personal Data out of the DIFC to the jurisdictions stated in Annex 1.\n\n13.4 The Processor shall take reasonable steps to protect Personal Information from misuse, interference and loss.\n";
        assert!(pi_present(en, "pi.cross_border"));
        assert!(pi_present(en, "pi.security_measures"));
    }

    #[test]
    fn a_court_where_the_contract_was_signed_and_a_cap_by_pointer_are_read() {
        let zh = "北京某某云科技有限公司（以下简称\"我们\"）与您订立本协议。\n\n（二）本协议的签订地为北京市海淀区。因本协议引起的争议，任何一方均可以向本协议签订地有管辖权的人民法院提起诉讼。\n";
        assert_eq!(risk_of(zh, "governing_law"), (true, Some(true)));
        let defendant = zh.replace(
            "本协议签订地有管辖权的人民法院",
            "被告所在地有管辖权的人民法院",
        );
        assert_eq!(risk_of(&defendant, "governing_law"), (true, Some(false)));
        let en = "ACME LTD (\"Processor\") and BETA LTD (\"Controller\").\n\n14.1 Each party's liability arising out of or in connection with this DPA is subject to the limitations and exclusions of liability in the Main Agreement.\n";
        assert!(risk_of(en, "liability_cap").0);
    }

    #[test]
    fn requests_the_customer_answers_with_the_providers_help_are_a_pi_term() {
        let zh = "甲方（服务商）：某某智能科技有限公司\n乙方（客户）：某某营销策划有限公司\n\n第8条 个人信息保护\n\n8.7 出镜人就其个人信息向乙方行使查阅、复制、更正、删除等权利的，由乙方负责答复和处理。需要甲方配合的，甲方应当在收到乙方书面请求后5个工作日内提供必要的技术协助。\n\n8.11 乙方可以每年一次以书面形式要求甲方说明其受托处理个人信息的情况，甲方应当在15个工作日内提供书面说明。\n";
        assert!(pi_present(zh, "pi.data_subject_rights"));
        assert!(pi_present(zh, "pi.supervision_audit"));
        let alone = zh.replace(
            "需要甲方配合的，甲方应当在收到乙方书面请求后5个工作日内提供必要的技术协助。",
            "甲方应当按时开具发票。",
        );
        assert!(!pi_present(&alone, "pi.data_subject_rights"));
        let en = "ACME LTD (\"Vendor\") and BETA S.L. (\"Customer\").\n\n## Annex II Data Processing Agreement\n\n§2 Details of processing. Duration: the Term. Purpose: hotel operations and transmission of guest registration data to the police on Customer's behalf. Data subjects: guests.\n";
        assert!(pi_present(en, "pi.purpose_scope"));
    }

    #[test]
    fn a_court_in_the_city_the_providers_name_opens_with_is_its_home_and_daily_snapshots_are_backup(
    ) {
        let zh = "本协议由杭州某某云计算有限公司（以下简称\"我们\"）与您订立。\n\n19.2 因本协议发生的争议，任何一方均可以向杭州市西湖区人民法院提起诉讼。\n";
        assert_eq!(risk_of(zh, "governing_law"), (true, Some(true)));
        let elsewhere = zh.replace("杭州市西湖区人民法院", "北京市海淀区人民法院");
        assert_eq!(risk_of(&elsewhere, "governing_law").1, Some(false));
        let snap = "本协议由杭州某某云计算有限公司（以下简称\"我们\"）与您订立。\n\n9.1 我们将为每一个实例每日自动创建一次自动快照，保留7日。\n";
        assert!(risk_of(snap, "backup").0);
    }

    #[test]
    fn the_clauses_of_a_part_are_judged_each_on_its_own() {
        // "Part A – Contract Terms" holds every clause: a "at any time" in clause 3 is not
        // clause 22's, and clause 19's carve-outs still count for its cap.
        let text = "This Agreement is between Northwind Cloud Ltd (\"Provider\") and the customer (\"Customer\").\n\n\
            ## Part A – Contract Terms\n\n### 3. The Services\n\n3.1 The Customer may change its configuration at any time.\n\n\
            ### 19. Liability\n\n19.1 The Provider's total liability arising out of this Contract is limited to the Charges paid in the previous 12 months.\n\n\
            19.2 The limit in clause 19.1 does not apply to liability for (a) breach of clause 14 (Privacy), or (b) a Security Incident caused by the Provider.\n\n\
            ### 22. Suspension\n\n22.1 The Provider may suspend a user account only for so long as it is reasonably necessary to prevent an imminent threat to the security of the Platform.\n";
        assert_eq!(risk_unfavourable(text, "suspension"), Some(false));
        assert_eq!(risk_unfavourable(text, "liability_cap"), Some(false));
    }

    #[test]
    fn a_general_right_to_subcontract_and_a_change_right_behind_a_written_amendments_clause_are_against_the_customer(
    ) {
        let zh = "甲方：某某科技有限公司（云服务提供者）\n乙方：某某制造有限公司（客户）\n\n\
            第十二条 第三方服务商\n\n（一）甲方有权委托其关联公司或者第三方服务商承担设备上架、日常巡检等工作，无需征得乙方同意。\n\n\
            （二）甲方应当对第三方服务商的行为承担责任。\n";
        assert_eq!(risk_unfavourable(zh, "subcontracting"), Some(true));
        // A change the provider may make with continued use as acceptance is not cured by a
        // general clause that amendments to the contract must be in writing.
        let change = "甲方：某某科技有限公司（云服务提供者）\n乙方：某某制造有限公司（客户）\n\n\
            第十五条 甲方可以根据业务需要调整平台功能和服务规格，并提前30日通知乙方；乙方在调整生效后继续使用平台的，视为接受该调整。\n\n\
            第二十三条 对本合同的修改和补充，应当由双方以书面形式作出。\n";
        assert_eq!(risk_unfavourable(change, "unilateral_change"), Some(true));
        let terminable = "甲方：某某科技有限公司（云服务提供者）\n乙方：某某制造有限公司（客户）\n\n\
            第十五条 甲方可以调整平台功能，并提前30日通知乙方；乙方在调整生效后继续使用平台的，视为接受该调整，但乙方不同意的，有权解除本合同。\n";
        assert_eq!(
            risk_unfavourable(terminable, "unilateral_change"),
            Some(false)
        );
    }

    #[test]
    fn a_suspension_tied_to_a_notice_within_hours_and_a_competent_authority_are_not_against_the_customer(
    ) {
        let zh = "甲方：某某科技有限公司（云服务提供者）\n乙方：某某制造有限公司（客户）\n\n\
            （二）乙方的资源遭受网络攻击、危及平台安全的，甲方可以立即暂停受影响的资源，但应当在暂停后1小时内通知乙方。\n\n\
            （三）有权机关依法要求甲方暂停本服务全部或者部分功能的，甲方应当立即通知乙方。\n";
        assert_eq!(risk_unfavourable(zh, "suspension"), Some(false));
    }

    #[test]
    fn training_for_users_is_no_supervision_of_the_processor() {
        let zh = "甲方：某某物业服务有限公司（客户）\n乙方：某某软件有限公司（云服务提供者）\n\n\
            7.1 乙方作为受托方，应当仅按照甲方的指示处理业主个人信息。\n\n\
            7.2 委托处理的目的为门禁通行管理；处理方式为收集、存储和使用。\n\n\
            7.3 乙方应当对处理业主个人信息的工作人员进行保密管理。\n\n\
            17.2 乙方应当每年为甲方授权用户提供一次系统新功能培训。\n";
        let report = super::super::report_of(zh);
        let audit = report
            .pi
            .iter()
            .find(|r| r.id == "pi.supervision_audit")
            .map(|r| r.present);
        assert_eq!(audit, Some(false));
    }

    #[test]
    fn safeguards_count_where_the_topic_is_dealt_with() {
        let en = "This Agreement is between Basalt Hosting LLC (\"Host\") and Marlin Inc (\"Customer\").\n\n## 14. GENERAL\n\n\
            14.2 **Subcontractors.** Host may use subcontractors to perform any part of the Services without Customer's consent.\n\n\
            14.4 **Amendments.** Host may update the SLA by posting the updated version. Customer's continued use of the Services constitutes acceptance. \
            Any other amendment to this Agreement must be in writing and signed by both parties.\n\n\
            14.6 **Assignment.** Neither party may assign this Agreement without the other party's prior written consent.\n";
        // The consent in the assignment clause is no safeguard for subcontracting.
        assert_eq!(risk_unfavourable(en, "subcontracting"), Some(true));
        // "Any other amendment" guards the other changes, not the SLA updates.
        assert_eq!(risk_unfavourable(en, "unilateral_change"), Some(true));
        let guarded = en.replace(
            "without Customer's consent.",
            "after notice, and Customer may object to a new subcontractor.",
        );
        assert_eq!(risk_unfavourable(&guarded, "subcontracting"), Some(false));
    }

    #[test]
    fn a_carve_out_that_names_decimal_clauses_reads_what_they_deal_with() {
        let zh = "甲方：某某房地产经纪有限公司\n乙方：某某网络科技有限公司\n\n## 16. 违约责任\n\n\
            16.1 乙方违反本协议将委托个人信息用于其他平台的，应当向甲方支付违约金人民币伍拾万元。\n\n\
            16.5 除第16.1条约定的情形以及乙方故意或者重大过失造成的损失外，乙方在本协议项下的赔偿责任总额不超过甲方在事件发生前十二个月内已支付服务费总额的三倍。\n";
        assert_eq!(risk_unfavourable(zh, "liability_cap"), Some(false));
        // "除…外，还应当…" is "besides", not a carve-out.
        let besides = zh.replace(
            "外，乙方在本协议项下的赔偿责任总额",
            "外，还应当赔偿损失；乙方在本协议项下的赔偿责任总额",
        );
        assert_eq!(risk_unfavourable(&besides, "liability_cap"), Some(true));
    }

    #[test]
    fn a_carve_out_for_gross_negligence_alone_leaves_excluded_data_loss_uncovered() {
        let zh = "甲方：某某县人民医院\n乙方：某某云医疗科技有限公司（供应商）\n\n### 第三十条 责任限制\n\n\
            （一）乙方在本合同项下的累计赔偿责任，不超过甲方在事件发生前十二个月内实际支付的服务费。\n\n\
            （二）在任何情况下，乙方均不对甲方的间接损失以及数据丢失或者损坏承担责任。\n\n\
            （三）因乙方故意或者重大过失造成甲方损失的，不受本条第（一）项、第（二）项的限制。\n";
        assert_eq!(risk_unfavourable(zh, "liability_cap"), Some(true));
        let data = zh.replace(
            "（二）在任何情况下，乙方均不对甲方的间接损失以及数据丢失或者损坏承担责任。\n\n",
            "",
        );
        // Without the exclusion, a carve-out for 故意或者重大过失 alone still leaves the provider
        // form: the law (民法典 506) voids such an exclusion anyway.
        assert_eq!(risk_unfavourable(&data, "liability_cap"), Some(true));
        let breach = data.replace("因乙方故意或者重大过失", "因乙方泄露甲方数据");
        assert_eq!(risk_unfavourable(&breach, "liability_cap"), Some(false));
        // A carve-out that points at a clause carves out what that clause deals with.
        let pointed = "委托方：某某精密股份有限公司\n受托方：某某薪酬科技有限公司\n\n## 第十二条 违约责任\n\n\
            （一）受托方未履行安全保护义务导致个人信息泄露的，应当赔偿委托方的全部损失。\n\n\
            （二）受托方依照本条第（一）项承担的赔偿责任，不受主协议关于责任限额的约定的限制。\n";
        assert_eq!(risk_unfavourable(pointed, "liability_cap"), Some(false));
        // So does one that names another article: what that article deals with.
        let article = "甲方：某某县人民医院\n乙方：某某云医疗科技有限公司（供应商）\n\n\
            ## 七、个人信息保护\n\n（一）乙方应当对甲方数据采取加密措施。\n\n\
            ## 八、责任限制\n\n\
            （一）乙方在本合同项下的累计赔偿责任，不超过甲方在事件发生前十二个月内实际支付的服务费。\n\n\
            （二）乙方违反本合同第七条造成的损失，不受前款限额的限制。\n";
        assert_eq!(risk_unfavourable(article, "liability_cap"), Some(false));
        let elsewhere = article.replace("第七条", "第八条第（一）项");
        assert_eq!(risk_unfavourable(&elsewhere, "liability_cap"), Some(true));
        // Also where the carve-out leads into a list of its cases, one of which names it.
        let listed = article.replace(
            "（二）乙方违反本合同第七条造成的损失，不受前款限额的限制。",
            "（二）前款限额不适用于下列情形：乙方故意或者重大过失；乙方违反第七条或者第九条。",
        );
        assert_eq!(risk_unfavourable(&listed, "liability_cap"), Some(false));
    }

    #[test]
    fn a_use_of_data_that_overrides_its_own_safeguard_is_the_provider_form() {
        let zh = "甲方：某某保险股份有限公司\n乙方：某某智能科技有限公司（服务商）\n\n## 第十条 数据权利\n\n\
            10.1 甲方数据的全部权利归甲方所有。乙方不得将甲方数据用于训练任何模型。\n\n\
            10.2 尽管有第10.1条的约定，乙方可以对会话记录进行汇总处理形成统计数据，并将统计数据用于改进平台。\n";
        assert_eq!(risk_unfavourable(zh, "data_ownership"), Some(true));
        // Without the override the safeguard answers the use.
        let plain = zh.replace("尽管有第10.1条的约定，", "");
        assert_eq!(risk_unfavourable(&plain, "data_ownership"), Some(false));
    }

    #[test]
    fn an_audit_route_one_clause_closes_leaves_the_right_another_grants() {
        let zh = "甲方：某某消费金融有限公司\n乙方：某某数智科技有限公司（受托方）\n\n## 第十条 审计\n\n\
            10.1 甲方有权每年对乙方处理个人信息的活动进行一次现场审计。\n\n\
            ## 第十五条 合规审计\n\n\
            15.1 甲方可以依照本条要求乙方提供合规审计所需的材料，但不得要求乙方接受现场审计。\n";
        assert_eq!(risk_unfavourable(zh, "audit_rights"), Some(false));
        // A negation not confined to its own clause's route still takes the right away.
        let taken = zh.replace("甲方可以依照本条要求", "甲方可以要求");
        assert_eq!(risk_unfavourable(&taken, "audit_rights"), Some(true));
    }

    #[test]
    fn an_objection_right_anywhere_in_the_sub_processor_article_guards_the_authorisation() {
        let en = "This DPA is between Brightloom Ltd (\"Processor\") and Marlin Inc (\"Customer\").\n\n## 4. Sub-processors\n\n\
            4.1 Customer gives Processor general authorisation to engage Sub-processors.\n\n\
            4.2 Processor will notify Customer of any intended new Sub-processor at least 30 days in advance.\n\n\
            4.3 Customer may object on reasonable data-protection grounds within 14 days of the notice.\n";
        assert_eq!(risk_unfavourable(en, "subcontracting"), Some(false));
    }

    #[test]
    fn a_letter_and_registrations_in_different_jurisdictions_say_whose_courts_they_are() {
        let letter = "**CORRIGEEN DATAFLOW LIMITED**\nUnit 4, Hanover Wharf, Dublin 2, Ireland\n\n14 October 2025\n\n\
            Ms Eline Verbruggen\nKaaiberg Retail B.V.\nEuropalaan 212\n3526 KS Utrecht\nThe Netherlands\n\nDear Ms Verbruggen,\n\n\
            We are pleased to confirm the terms on which Corrigeen Dataflow Limited (\"we\", \"us\" or \"Corrigeen\") will provide the platform to Kaaiberg Retail B.V. (\"you\" or \"Kaaiberg\").\n\n\
            24.1 This Agreement is governed by the law of Ireland.\n\n24.2 The courts of Ireland have exclusive jurisdiction.\n";
        assert_eq!(risk_of(letter, "governing_law"), (true, Some(true)));
        let lines = "(1) **KESTREL RIDGE CLOUD SERVICES LIMITED**, a private limited company registered in England and Wales, with its registered office at (address withheld), Bristol (\"Reseller\", \"we\"); and\n\n\
            (2) **GLENBARRA FREIGHT LIMITED**, a private limited company registered in Scotland, with its registered office at (address withheld), Glasgow (\"Customer\", \"you\").\n\n\
            18.2 The law of England and Wales governs this Agreement.\n\n18.3 Each party submits to the exclusive jurisdiction of the courts of England and Wales.\n";
        assert_eq!(risk_of(lines, "governing_law"), (true, Some(true)));
    }

    #[test]
    fn a_provider_that_does_not_back_up_addresses_backup() {
        let text = "This letter is between Corrigeen Dataflow Limited (\"we\") and Kaaiberg Retail B.V. (\"you\").\n\n\
            6.4 We do not back up Your Data, and we are not responsible for any loss, corruption or deletion of Your Data held in the Platform.\n";
        assert_eq!(risk_of(text, "backup"), (true, Some(true)));
    }

    #[test]
    fn a_definition_whose_next_sentence_says_it_includes_personal_information_is_a_pi_term() {
        let text = "甲方：深圳某某科技有限公司\n乙方：重庆某某连锁有限公司\n\n第二条 定义\n\n\
            五、\"视频数据\"：指门店摄像机接入节点后形成的视频图像。视频数据包含个人信息，包括到店顾客的人脸图像。\n\n\
            第十四条 安全事件\n\n三、发生视频数据泄露的，甲方应当在二小时内通知乙方。\n";
        let r = super::super::report_of(text);
        let breach =
            r.pi.iter()
                .find(|p| p.id == "pi.breach_notification")
                .map(|p| p.present);
        assert_eq!(breach, Some(true));
    }

    #[test]
    fn a_definition_said_to_be_sensitive_personal_information_carries_on_to_terms_defined_through_it(
    ) {
        // "属于…敏感个人信息" says so, and a term defined through it follows.
        let face = "甲方：某某景区管理有限公司\n乙方：某某智慧文旅科技有限公司\n\n## 一、定义\n\n\
            （五）\"人脸信息\"：指本系统为入园核验目的处理的游客面部图像。人脸信息属于敏感个人信息。\n\n\
            （六）\"游客信息\"：指本系统处理的游客姓名、手机号码和人脸信息。\n\n## 六、数据\n\n\
            （十三）游客信息存储于中华人民共和国境内，乙方不得向境外提供游客信息。\n";
        let r = super::super::report_of(face);
        let abroad =
            r.pi.iter()
                .find(|p| p.id == "pi.cross_border")
                .map(|p| p.present);
        assert_eq!(abroad, Some(true));
    }

    #[test]
    fn where_the_providers_own_servers_are_hosted_is_no_colocation_cue() {
        let model = model_detector();
        let collection = "委托方委托受托方通过云呼叫平台开展催收作业。\"云呼叫平台\"是指由受托方自行开发、部署和运维的外呼及作业管理系统，包括外呼、录音和案件管理模块。云呼叫平台的服务器托管于第三方数据中心。受托方通过语音转写服务生成通话文本。\n";
        assert_eq!(model(collection), DeploymentModel::Saas);
        // Colocation itself still counts.
        let rules = Rules::load(&crate::templates::TemplateFiles::builtin()).expect("rules");
        let iaas = |t: &str| {
            model_scores(t, &rules)
                .iter()
                .find(|x| x.0 == DeploymentModel::Iaas)
                .map_or(0, |x| x.1)
        };
        assert!(iaas("乙方向甲方提供服务器托管服务。\n") >= 3);
        assert_eq!(iaas("云呼叫平台的服务器托管于第三方数据中心。\n"), 0);
    }

    #[test]
    fn a_cloud_hsm_and_a_managed_database_in_the_customer_s_own_cloud_are_platform_services() {
        let model = model_detector();
        let hsm = "乙方向甲方提供云服务器密码机专属实例和密钥管理服务。云服务器密码机部署于乙方机房。甲方通过云服务器密码机完成密码运算。\n";
        assert_eq!(model(hsm), DeploymentModel::Paas);
        let byoc = "These BYOC Managed PostgreSQL Service Terms govern Provider's managed PostgreSQL service. The Data Plane runs on virtual machines in the Customer Cloud Account held with the Hyperscaler, the third-party infrastructure-as-a-service provider. BYOC deployments are managed through the Control Plane.\n";
        assert_eq!(model(byoc), DeploymentModel::Paas);
        // A storage contract that encrypts with a key management service stays IaaS.
        let storage =
            "乙方提供对象存储和云服务器。对象存储数据采用密钥管理服务（KMS）托管的密钥加密。\n";
        assert_eq!(model(storage), DeploymentModel::Iaas);
    }

    #[test]
    fn a_bare_definition_under_a_numbered_heading_carries_personal_information_on() {
        let en = "This Agreement is between DentaVault Systems Pty Ltd (\"Supplier\") and Harbourside Family Dental Pty Ltd (the \"Practice\").\n\n## 1. Definitions\n\n\
            **Patient Information** means personal information, sensitive information and health information about the Practice's patients.\n\n\
            **Practice Data** means all data, including Patient Information and radiographic images, that the Practice enters into the Services.\n\n\
            ## 9. Security\n\n9.2 Supplier will take reasonable steps to protect Practice Data from misuse, interference and loss.\n\n\
            ## 12. Privacy\n\n12.4 If the Practice receives a request from a patient to access or correct Patient Information, it may use the Services' export tools to respond. Supplier will provide reasonable assistance on request.\n";
        assert!(pi_present(en, "pi.security_measures"));
        assert!(pi_present(en, "pi.data_subject_rights"));
        let sg = "This Agreement is between MERIDIAN HEALTHCARE GROUP PTE. LTD. (the \"Organisation\") and CADENZA CARE SYSTEMS PTE. LTD. (the \"Data Intermediary\").\n\n\
            10.1 The Organisation shall handle and respond to all requests made by individuals under sections 21 and 22 of the PDPA in relation to Organisation Personal Data.\n\n\
            10.2 If the Data Intermediary receives any such request, it shall forward it to the Organisation within two Business Days.\n";
        assert!(pi_present(sg, "pi.data_subject_rights"));
        let zh = "甲方：某某医药有限公司\n乙方：某某物联科技有限公司\n\n第十一条 个人信息保护\n\n（五）乙方新增或者更换处理个人信息的服务商的，应当提前30日书面通知甲方；甲方有合理理由反对的，乙方不得更换。\n";
        assert!(pi_present(zh, "pi.subprocessing"));
    }

    #[test]
    fn a_dictation_service_in_a_private_cloud_zone_is_software_as_a_service() {
        let model = model_detector();
        let zh = "受托方通过病历语音转写服务处理委托方医生口述的录音。转写系统部署于专有云的计算节点，宿主机由专有云运营方维护。\n";
        assert_eq!(model(zh), DeploymentModel::Saas);
    }

    #[test]
    fn denied_audits_law_names_and_enumerations_state_no_pi_term() {
        let en = "Stratavault Ltd (\"Provider\") and Kingsgate Museum (\"Customer\").\n\n## 9. Data Protection\n\n9.1 The Provider shall process Personal Data only on the Customer's documented instructions.\n\n9.2 The Provider shall notify the Customer of any Personal Data Breach within 24 hours.\n\n9.3 The Provider shall ensure that its staff are bound by confidentiality.\n\n6.2 The Customer shall have no right to audit, inspect or test the Provider's systems.\n";
        assert!(!pi_present(en, "pi.supervision_audit"));
        let zh = "甲方：宁波市某某公证处\n乙方：杭州某某科技有限公司\n\n## 附件三 委托处理当事人个人信息说明\n\n第5项 个人信息主体的类别：申请办理公证的自然人当事人。\n";
        assert!(!pi_present(zh, "pi.data_subject_rights"));
        // "Section 7.2 does not apply to Personal Information": 7.2 is not made a PI clause.
        assert!(pi_applies("Section 7.2 does not apply to Personal Information.").is_empty());
        assert_eq!(
            pi_applies("Section 7.2 applies to Personal Information."),
            vec!["7.2"]
        );
    }

    #[test]
    fn super_caps_courts_of_session_moves_on_notice_and_taken_results_are_read() {
        let cap = "Vantlow Ltd (the \"Supplier\") and Severn Ltd (the \"Customer\").\n\n18.2 Each party's total liability in each contract year shall not exceed 150% of the Charges.\n\n18.3 The Supplier's total liability for breach of the Data Protection Schedule shall not exceed £5,000,000 in aggregate, and is in addition to the cap in clause 18.2.\n";
        assert_eq!(risk_unfavourable(cap, "liability_cap"), Some(false));
        let law = "(1) VANTLOW LIMITED, a company incorporated in Scotland whose registered office is at 1 High Street, Edinburgh (the \"Supplier\"); and\n\n(2) SEVERN LIMITED, whose principal office is at 2 Castle Street, Shrewsbury, England (the \"Customer\").\n\n24.1 This Agreement is governed by the law of Scotland.\n\n24.2 The parties submit to the exclusive jurisdiction of the Court of Session in Edinburgh.\n";
        assert_eq!(risk_unfavourable(law, "governing_law"), Some(true));
        let moved = "Vantlow Ltd (the \"Supplier\") and Severn Ltd (the \"Customer\").\n\n9.2 The Supplier shall host the Customer Data in data centres located in the United Kingdom. The Supplier may change the hosting location within the United Kingdom by giving the Customer 30 days' notice.\n";
        assert_eq!(risk_unfavourable(moved, "data_location"), Some(true));
        let taken = "甲方：北京某某云科技有限公司（服务方）\n乙方：杭州某某健身管理有限公司（客户）\n\n5.3 甲方不得将会员个人信息用于算法训练。\n\n15.2 甲方有权对平台数据进行汇总统计处理，并将由此形成的统计数据用于产品优化；前述统计数据的全部权益归甲方所有。\n";
        assert_eq!(risk_unfavourable(taken, "data_ownership"), Some(true));
        let backup = "甲方：浙江某某物联科技有限公司（服务提供方）\n乙方：南京某某维保服务有限公司（客户）\n\n10.1 乙方应当自行对乙方数据进行备份。自动快照功能仅为便利乙方而设，甲方不因提供该功能而承担为乙方备份数据的义务。\n";
        assert_eq!(risk_unfavourable(backup, "backup"), Some(true));
        let sla = "Stratavault Ltd (\"Provider\") and Kingsgate Museum (\"Customer\").\n\n7.2 If the Provider fails to meet a Service Level, the Customer shall be entitled to service credits. Service credits are not the Trustees' sole or exclusive remedy.\n";
        assert_eq!(risk_unfavourable(sla, "sla"), Some(false));
    }

    #[test]
    fn observability_platforms_clinical_systems_and_edge_nodes_are_read_and_sub_processors_are_not()
    {
        let detect = model_detector();
        assert_eq!(
            detect("\"Service\" means Vendor's hosted observability platform, including log management, metrics and distributed tracing. \"Telemetry Data\" means logs and traces the Agent sends. Customer Hosts means the virtual machines on which the Agent runs."),
            DeploymentModel::Paas
        );
        // A product "provided as a service", hosted on a sub-processor's public cloud, named in
        // the sub-processor table with the infrastructure it supplies.
        assert_eq!(
            detect("# CLINICAL SYSTEM SERVICES AGREEMENT\n\n(B) The Authority selected the Supplier's cloud-hosted product \"MedChart\" to be provided as a service.\n\n3.2 The Service is hosted by the Hosting Sub-processor on its public cloud platform in the United Kingdom.\n\n| Stratus Cloud UK Ltd | Infrastructure hosting: compute, storage, networking | UK South |\n"),
            DeploymentModel::Saas
        );
        assert_eq!(
            detect("委托处理协议\n\n| 华垣云计算（上海）有限公司 | 云服务器、云数据库和对象存储等云计算基础设施服务 | 上海 |\n\n受托方通过SDK采集驾驶行为数据。"),
            DeploymentModel::Saas
        );
        assert_eq!(
            detect("# 边缘推理节点租赁及运维服务合同\n\n甲方可以解除受影响节点的租赁。部署至节点的容器镜像由甲方负责。节点之间以及节点与平台之间采用专线连接。"),
            DeploymentModel::Iaas
        );
    }

    #[test]
    fn decoy_audits_short_export_windows_and_the_notices_own_deadline_are_read() {
        // An inventory audit and an anti-bribery check are no supervision of processing.
        let zh = "甲方：杭州某某数据科技有限公司（受托方）\n乙方：苏州某某商业连锁有限公司（委托方）\n\n第十六条 甲方应当仅按照乙方的指示处理会员个人信息。\n\n第二条 乙方内部审计部门可以利用本平台开展库存盘点审计。\n\n第二十七条 一方员工遇到另一方员工索取不正当利益的，可以向另一方举报，另一方应当核查并反馈处理结果。\n";
        assert!(!pi_present(zh, "pi.supervision_audit"));
        // Certificates on request and no site audit: the provider form.
        let audit = "甲方：杭州某某信息技术有限公司（服务商）\n乙方：成都某某动物医院连锁管理有限公司（客户）\n\n第十条 乙方可以每年一次书面要求甲方提供ISO/IEC 27001认证证书的复印件。乙方不得要求对甲方的办公场所、系统或者人员进行现场检查或者审计。\n";
        assert_eq!(risk_unfavourable(audit, "audit_rights"), Some(true));
        let exit = "甲方：北京某某智算科技有限公司（服务提供方）\n乙方：某某矿业集团有限公司（客户）\n\n第二十三条 合同终止后的数据处理\n\n（三）本合同期满终止或者解除的，乙方可以在终止之日起10日内通过管理平台导出乙方数据。\n\n（四）前款规定的导出期届满后，甲方有权清除存储介质上的数据。\n";
        assert_eq!(risk_unfavourable(exit, "exit"), Some(true));
        // 24 hours to tell the customer: the 2 hours are for a written confirmation after a call.
        let notice = "服务商：杭州某某数据科技有限公司\n客户：苏州某某商业连锁有限公司\n\n第十七条 安全事件\n\n（一）服务商发现安全事件的，应当在发现后24小时内以书面形式通知客户，通知内容应当包括：事件的类型、受影响的数据范围、已采取的处置措施。\n\n（三）服务商应当在发现安全事件后立即采取必要的补救措施。\n\n第三十四条 涉及安全事件的紧急通知，可以先以电话方式告知对方，但应当在电话告知后2小时内补发书面通知。\n";
        assert_eq!(risk_unfavourable(notice, "incident_notice"), Some(true));
        // A closed list, notice within hours and a limited scope.
        let suspend = "服务商：杭州某某数据科技有限公司\n客户：苏州某某商业连锁有限公司\n\n第二十二条 暂停服务\n\n（一）仅在下列情形之一发生时，服务商可以暂停向客户提供本服务：\n\n1. 客户逾期支付费用超过30日的；\n2. 客户的作业正在实施网络攻击，不立即暂停将造成严重损害的。\n\n（二）因第2目暂停的，服务商应当在暂停后2小时内书面通知客户并说明理由。\n";
        assert_eq!(risk_unfavourable(suspend, "suspension"), Some(false));
        // Ownership of the hardware and the use of feedback say nothing of the data.
        let owned = "甲方：北京某某智算科技有限公司（服务提供方）\n乙方：某某矿业集团有限公司（客户）\n\n第十条 乙方数据归乙方所有。甲方仅为提供本服务的目的处理乙方数据。\n\n第十五条 边缘节点的所有权属于甲方。\n\n第十九条 乙方在使用本服务过程中向甲方提出的改进意见，甲方可以在其产品中采纳。\n";
        assert_eq!(risk_unfavourable(owned, "data_ownership"), Some(false));
    }

    #[test]
    fn deleted_clauses_table_backups_published_aggregates_and_bounded_inspections_are_read() {
        // A supplement deletes the standard clause that let the provider move the data.
        let deleted = "甲方（客户）：某某建设集团有限公司\n乙方（服务商）：某某云科技有限公司\n\n## 标准条款\n\n8.4 客户数据存储于筑安云的数据中心。筑安云可以在通知客户后将客户数据迁移至其他数据中心。\n\n## 补充协议\n\n第九条 数据存储地点\n\n（一）标准条款第8.4条删除，替换为以下内容：“甲方数据及其备份应当存储于中华人民共和国境内的数据中心。未经甲方书面同意，乙方不得变更数据存储地点。”\n";
        assert_eq!(risk_unfavourable(deleted, "data_location"), Some(false));
        // A table row that gives the provider the daily snapshots answers who backs up.
        let table = "甲方（服务提供方）：上海某某云数科技有限公司\n乙方（客户）：某某物流集团股份有限公司\n\n第六条 双方按照附件二的分工承担责任。\n\n## 附件二 责任分工表\n\n| 序号 | 事项 | 牵头方 | 配合方 | 说明 |\n|---|---|---|---|---|\n| 6 | 数据存储 | 甲方 |  | 块存储三副本冗余；每日对乙方全部云硬盘执行自动快照，快照保留七日 |\n";
        assert_eq!(risk_unfavourable(table, "backup"), Some(false));
        // Aggregated operating data published as industry reports, beside a purpose limit.
        let published = "甲方（服务提供方）：上海某某云数科技有限公司\n乙方（客户）：某某物流集团股份有限公司\n\n第七条 数据权属\n\n（一）乙方数据的所有权归乙方所有。\n\n（二）甲方仅为向乙方提供本服务之目的处理乙方数据，不得将乙方数据用于其他任何目的。\n\n（三）甲方有权采集和使用运行数据，并有权将运行数据与甲方其他客户的同类数据汇总，用于改进产品、编制和对外发布行业分析报告。\n";
        assert_eq!(risk_unfavourable(published, "data_ownership"), Some(true));
        // One inspection a year is a bounded right, not a denied one.
        let bounded = "Tallyloom Ltd (\"Provider\") and Hoshinomori Co., Ltd. (\"Customer\").\n\n7.2 **On-site inspection.** Customer may inspect on site the premises, facilities and records of Provider used for the Service, in order to verify compliance with this Agreement. Customer shall give at least thirty (30) days' written notice of an inspection and shall not carry out more than one inspection in any contract year.\n";
        assert_eq!(risk_unfavourable(bounded, "audit_rights"), Some(false));
        // Personal information taken out of the confidential information: a confidentiality duty
        // over confidential information is no PI confidentiality term.
        let carved = "委托方：某某生物医药股份有限公司\n受托方：某某健康科技有限公司\n\n# 个人信息委托处理协议\n\n第十二条 保密\n\n12.1 本协议所称保密信息，指一方向另一方披露的技术信息和经营信息。受试者个人信息不属于本条所称保密信息。\n\n12.2 接收方应当确保其员工遵守不低于本条约定的保密义务。\n";
        assert!(!pi_present(carved, "pi.confidentiality"));
    }

    #[test]
    fn a_country_forum_a_reserved_change_a_guarded_subcontract_and_published_reports_are_read() {
        // The courts of the provider's country, named after a city of another.
        let en = "(1) **GRIDLINE SYSTEMS B.V.**, a company incorporated in the Netherlands, whose registered office is at Utrecht, the Netherlands (\"**Gridline**\" or \"**Provider**\"); and\n\n(2) **SHANNON NETWORKS DAC**, a company incorporated in Ireland, whose registered office is at Athlone, Ireland (\"**Customer**\").\n\n19.5 This Agreement is governed by the law of the Netherlands.\n\n19.6 The courts of Amsterdam, the Netherlands, have exclusive jurisdiction.\n";
        assert_eq!(risk_of(en, "governing_law"), (true, Some(true)));
        // A change by posting is not guarded by "除本条（一）项外，…其他内容的变更…书面".
        let zh = "甲方（客户）：某某职业技术学院\n乙方（服务商）：某某教育科技有限公司\n\n第十四条 服务变更\n\n（一）乙方有权根据业务需要，对本平台的功能、界面、操作方式以及附件一所列的服务等级指标进行调整。调整内容在本平台管理后台公告之日起七日后生效；甲方在调整生效后继续使用本服务的，视为接受该等调整。\n\n（二）除本条（一）项外，本协议其他内容的变更，应当由双方另行签署书面补充协议。\n";
        assert_eq!(risk_of(zh, "unilateral_change"), (true, Some(true)));
        // "未经委托方书面同意，运营方不得…分包" guards; the customer's own use of a third party to
        // remedy a default is no subcontracting.
        let zh = "委托方：某某市大数据中心\n运营方：某某城市云科技有限公司\n\n第二十条 分包\n\n（一）未经委托方书面同意，运营方不得将本合同项下的任何工作分包给第三方。\n\n第二十八条 监督\n\n（四）运营方逾期未整改的，委托方可以委托第三方进行整改，所需费用由运营方承担。\n";
        assert_eq!(risk_of(zh, "subcontracting"), (true, Some(false)));
        // Aggregates published as industry reports outweigh "甲方数据归甲方所有".
        let zh = "甲方（客户）：某某职业技术学院\n乙方（服务商）：某某教育科技有限公司\n\n第十一条 数据权属\n\n（一）甲方数据归甲方所有。\n\n（三）甲方同意，乙方有权对本平台运行过程中产生的系统使用数据以及经匿名化处理后的学习行为统计数据进行汇总分析，并将分析结果用于改进本平台以及发布职业教育行业研究报告。\n";
        assert_eq!(risk_of(zh, "data_ownership"), (true, Some(true)));
    }

    /// blind52: the seat of a court's division is its place; a super-cap for lost data is a
    /// carve-out; certificates are no backup copies; "不构成甲方的采购承诺" is no SLA disclaimer;
    /// a provider's right to supervise the customer's use is no audit right; a ban on giving
    /// data to third parties is no subcontracting.
    #[test]
    fn a_division_seat_a_data_super_cap_and_blind52_decoys_are_read() {
        let en = "(1) **MARULA FINANCIAL GROUP LIMITED**, a public company incorporated in the Republic of South Africa, with its registered office at (address withheld), Sandton, Johannesburg (\"**Marula**\" or the \"**Responsible Party**\"); and\n\n(2) **VELDLINE CRM (PTY) LTD**, a private company incorporated in the Republic of South Africa, with its registered office at (address withheld), Umhlanga Ridge, Durban (\"**Veldline**\" or the \"**Operator**\").\n\n19.1 This Agreement is governed by the law of the Republic of South Africa.\n\n19.2 The parties consent to the exclusive jurisdiction of the High Court of South Africa, KwaZulu-Natal Local Division, Durban.\n";
        assert_eq!(risk_of(en, "governing_law"), (true, Some(true)));
        let cap = "This Agreement is between Northwatch Cloud Limited (the \"Provider\") and the Department for Records (the \"Department\").\n\n18.2 The Provider's total liability for loss of or damage to Department Data shall not exceed GBP 10,000,000 in aggregate.\n\n18.3 Subject to Clause 18.2, each party's total liability in each Contract Year shall not exceed 150% of the Charges paid in that Contract Year.\n";
        assert_eq!(risk_of(cap, "liability_cap"), (true, Some(false)));
        let backup = "This Agreement is between Northwatch Cloud Limited (the \"Provider\") and the Department for Records (the \"Department\").\n\n7.3 The Provider does not back up Department Data. The Department is responsible for backing up Department Data.\n\n11.1 In each Contract Year the Provider shall give the Department copies of its current ISO/IEC 27001 certificates.\n";
        assert_eq!(risk_of(backup, "backup"), (true, Some(true)));
        let zh = "甲方（客户）：某某大学\n乙方（服务商）：某某超算运营有限公司\n\n第五条 服务水平\n\n（一）乙方承诺云服务器的月度可用性不低于99.9%。\n\n（二）月度可用性未达到前项承诺的，乙方应当向甲方支付服务赔偿。服务赔偿不影响甲方要求乙方承担违约责任的权利。甲方的需求预测仅供乙方参考，不构成甲方的采购承诺。\n";
        assert_eq!(risk_of(zh, "sla"), (true, Some(false)));
        let zh = "甲方（客户）：某某物业服务有限公司\n乙方（服务商）：某某数智科技有限公司\n\n10.4 乙方有权对甲方使用本服务的合规性进行监督。\n";
        assert!(!risk_of(zh, "audit_rights").0);
        let zh = "甲方（客户）：某某大学\n乙方（服务商）：某某超算运营有限公司\n\n第九条 数据权属\n\n（二）乙方仅得为向甲方提供本服务之目的处理甲方数据，不得向任何第三方提供甲方数据。\n";
        assert!(!risk_of(zh, "subcontracting").0);
    }
}
