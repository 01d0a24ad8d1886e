//! The responsibility-gap analyzer: for each of the 14 security layers, who the contract text
//! makes responsible (provider, customer, shared with or without a split, disclaimed, absent),
//! measured against the reference model's default for the deployment model; which entrusted-
//! processing terms (PIPL Art. 21 / GDPR Art. 28) are present; which commercial risk topics are
//! addressed and whether against the customer. Every answer quotes the sentences it rests on.
//!
//! Pipeline: `ingest::Document` → sentences (text.rs) → parties (parties.rs) → statements per
//! sentence (statements.rs) → allocation per item and gaps (allocate.rs) → PI elements and risks
//! (topics.rs) → explanations (explain.rs). The cue words and patterns are data
//! (`templates/analyzer/rules.toml`, compiled by rules.rs).

/// A regex compiled once per call site (the patterns here are fixed, not data).
macro_rules! static_re {
    ($p:expr) => {{
        static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new($p).ok()).as_ref()
    }};
}

pub mod allocate;
mod crossrefs;
pub mod explain;
pub mod features;
mod live;
pub mod parties;
pub mod prefilter;
mod rematch;
pub mod rules;
pub mod statements;
mod terms;
pub mod text;
pub mod topics;
mod words;

use serde::Serialize;
use ts_rs::TS;

use crate::ingest::Document;
use crate::model::{Allocation, Bilingual, DeploymentModel, ReferenceModel, TopicKind};
use crate::templates::TemplateSet;

pub use parties::Parties;
pub use rules::{Rules, RULES_PATH};

/// Whose side the review takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Perspective {
    Customer,
    Provider,
}

/// What the text makes of a security item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Found {
    Provider,
    Customer,
    Shared,
    Disclaimed,
    Absent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    Missing,
    Inverted,
    OneSided,
    Disclaimed,
    Hedged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// A quoted span of the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Evidence {
    pub clause: String,
    /// Char offsets (Unicode scalar values) into the analysed text.
    pub start: u32,
    pub end: u32,
    pub quote: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SecurityRow {
    pub id: String,
    pub name: Bilingual,
    pub allocation: Found,
    pub split_specified: Option<bool>,
    pub expected: Allocation,
    /// Whether the default is the standard's (IaaS) or derived (PaaS/SaaS).
    pub expected_source: String,
    pub gap: Option<Gap>,
    pub hedged: bool,
    pub severity: Option<Severity>,
    pub evidence: Vec<Evidence>,
    pub explanation: Bilingual,
    pub suggested_clauses: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PiRow {
    pub id: String,
    pub name: Bilingual,
    pub present: bool,
    pub severity: Option<Severity>,
    pub evidence: Vec<Evidence>,
    pub explanation: Bilingual,
    pub suggested_clauses: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskRow {
    pub id: String,
    pub name: Bilingual,
    pub present: bool,
    pub customer_unfavourable: Option<bool>,
    pub severity: Option<Severity>,
    pub evidence: Vec<Evidence>,
    pub explanation: Bilingual,
    pub suggested_clauses: Vec<String>,
}

/// The analysis report (the JSON of `shared/spec/analysis-json.md`, with extra fields).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Report {
    pub deployment_model: DeploymentModel,
    pub deployment_model_source: String,
    /// Scores of the detection, for the UI to show how sure it is.
    pub model_scores: Vec<(DeploymentModel, u32)>,
    pub perspective: Perspective,
    pub language: String,
    pub parties: Parties,
    pub clause_count: u32,
    pub security: Vec<SecurityRow>,
    pub pi: Vec<PiRow>,
    /// Whether the contract entrusts personal information to the provider at all.
    pub pi_applicable: bool,
    pub risks: Vec<RiskRow>,
    pub warnings: Vec<Bilingual>,
}

/// Options of one analysis.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub model: Option<DeploymentModel>,
    pub perspective: Perspective,
}

/// Analyses a document. Never fails: an empty or odd text yields warnings, not a crash.
pub fn analyze(doc: &Document, rules: &Rules, templates: &TemplateSet, opts: Options) -> Report {
    Cache::read(doc, rules).report(doc, rules, templates, opts)
}

/// The report on a short Markdown contract with the built-in playbook (SaaS, customer's side),
/// for unit tests of the analyzer's parts.
#[cfg(test)]
pub(crate) fn report_of(text: &str) -> Report {
    let files = crate::templates::TemplateFiles::builtin();
    let set = crate::templates::load(&files).expect("templates");
    let rules = Rules::load(&files).expect("rules");
    let doc = crate::ingest::read("t.md", text.as_bytes()).expect("read");
    let opts = Options {
        model: Some(DeploymentModel::Saas),
        perspective: Perspective::Customer,
    };
    analyze(&doc, &rules, &set, opts)
}

/// The per-sentence reading of a document, kept so that an edit to one clause re-reads only
/// that clause (the editor's live analysis).
pub struct Cache {
    sentences: Vec<text::Sentence>,
    feats: Vec<features::SentenceFeatures>,
    /// The defined terms every sentence is searched for, and what each sentence names.
    terms: terms::DocTerms,
    /// The cross-references and the clause each takes in.
    refs: crossrefs::CrossRefs,
    /// What each clause's heading says of personal information (an edit keeps the headings).
    pi_headings: Vec<topics::PiHeading>,
    /// Which clauses are, or sit in, a form attached for third parties (also kept on an edit).
    forms: Vec<bool>,
    parties: Parties,
    mentions: parties::Mentions,
    scores: Vec<(DeploymentModel, u32)>,
    lang: &'static str,
    /// The whole-text figures kept for edits (`Cache::new`; made on the first edit otherwise).
    live: Option<live::Live>,
    /// What the last report found in each list item read with its lead-in.
    lead_ins: topics::LeadIns,
}

impl Cache {
    /// Reads a document for live editing.
    pub fn new(doc: &Document, rules: &Rules) -> Cache {
        let mut cache = Cache::read(doc, rules);
        cache.live = Some(live::Live::new(&doc.text, rules));
        cache
    }

    fn read(doc: &Document, rules: &Rules) -> Cache {
        let sentences = text::sentences(doc);
        let (parties, mentions) = parties::resolve(&doc.text, &rules.parties);
        // One thread: with the prefilter, a second one no longer pays for warming up its own
        // copy of every regex's lazy DFA (measured slower on the shared two-core machine).
        let feats: Vec<features::SentenceFeatures> = sentences
            .iter()
            .map(|s| features::of(&doc.text, s, rules, &mentions))
            .collect();
        let (mut cjk, mut all) = (0usize, 0usize);
        for c in doc.text.chars() {
            all += 1;
            cjk += usize::from(crate::search::is_cjk(c));
        }
        let lang = live::language(all, cjk);
        let terms = terms::DocTerms::read(&doc.text, &sentences, &feats);
        Cache {
            refs: crossrefs::CrossRefs::read(doc, &sentences, &feats, &terms.schedules),
            terms,
            pi_headings: topics::pi_headings(doc, rules),
            forms: topics::form_clauses(doc, rules),
            sentences,
            feats,
            parties,
            mentions,
            scores: topics::model_scores(&doc.text, rules),
            lang,
            live: None,
            lead_ins: topics::LeadIns::default(),
        }
    }

    /// The byte offset of char `ch` of `text`, walking from the nearest sentence before it.
    fn byte_of(&self, text: &str, ch: u32) -> usize {
        let (b0, c0) = self
            .sentences
            .iter()
            .filter(|s| s.cstart <= ch)
            .map(|s| (s.start, s.cstart))
            .max_by_key(|x| x.1)
            .unwrap_or((0, 0));
        text.get(b0..)
            .and_then(|rest| {
                rest.char_indices()
                    .map(|(b, _)| b0 + b)
                    .chain(std::iter::once(text.len()))
                    .nth((ch - c0) as usize)
            })
            .unwrap_or(text.len())
    }

    /// Replaces the text of clause `idx` with `new_text`, re-reads that clause's sentences and
    /// returns the new report, equal to a full `analyze` of the edited document. The rest of the
    /// text is re-read only where the edit can reach it: the table rows right after the clause
    /// (their header is above them), and everything when the parties change.
    pub fn reanalyze_clause(
        &mut self,
        doc: &mut Document,
        idx: usize,
        new_text: &str,
        rules: &Rules,
        templates: &TemplateSet,
        opts: Options,
    ) -> Report {
        let Some(c) = doc.clauses.get(idx).cloned() else {
            return self.report(doc, rules, templates, opts);
        };
        let (bs, be) = (
            self.byte_of(&doc.text, c.start),
            self.byte_of(&doc.text, c.end),
        );
        let live = self
            .live
            .get_or_insert_with(|| live::Live::new(&doc.text, rules));
        // (A legend that names the parties' codes, "AN = Contractor", or a clause that names a
        // party or a table's party column, "本表中“梯讯”指甲方", may stand anywhere.)
        let names_parties =
            |t: &str| !parties::legend_codes(t).is_empty() || !parties::later_names(t).is_empty();
        let legend_before = names_parties(&doc.text[bs..be]);
        let old_chars = i64::from(c.end - c.start);
        let new_chars = i64::try_from(new_text.chars().count()).unwrap_or(0);
        live.replace(&mut doc.text, bs, be, new_text, rules);
        let ne = bs + new_text.len();
        let shift = |x: u32| u32::try_from(i64::from(x) + new_chars - old_chars).unwrap_or(0);
        for (j, k) in doc.clauses.iter_mut().enumerate() {
            if j == idx {
                k.end = shift(k.end);
            } else if k.start >= c.end {
                k.start = shift(k.start);
                k.end = shift(k.end);
            }
        }
        self.scores = live.scores(rules, &doc.text);
        self.lang = live.language();
        // Who is who: read again when the preamble or a word it counts anywhere changed.
        let presence = live.present(&doc.text);
        let legend = names_parties(new_text) || legend_before;
        if (c.start as usize) < parties::HEAD_CHARS || presence != live.presence || legend {
            let (p, m) = parties::resolve_with(&doc.text, &rules.parties, &presence);
            live.presence = presence;
            if p != self.parties || m.reading() != self.mentions.reading() {
                // Every sentence reads differently: read the whole document again.
                let live = self.live.take();
                // (What a joined text matches does not depend on who the parties are.)
                let lead_ins = std::mem::take(&mut self.lead_ins);
                *self = Cache {
                    live,
                    lead_ins,
                    ..Cache::read(doc, rules)
                };
                return self.report(doc, rules, templates, opts);
            }
        }
        // Drop the clause's old sentences, shift the later ones, read the new ones.
        // (The sentences are in clause order, after the preamble's.)
        let first = self
            .sentences
            .iter()
            .position(|s| s.clause_idx.is_some_and(|k| k >= idx))
            .unwrap_or(self.sentences.len());
        let keep_from = first
            + self.sentences[first..]
                .iter()
                .take_while(|s| s.clause_idx == Some(idx))
                .count();
        let move_by = |x: usize| (x + ne).saturating_sub(be);
        for (k, s) in self.sentences.iter_mut().enumerate() {
            if !(first..keep_from).contains(&k) && s.start >= be {
                s.start = move_by(s.start);
                s.end = move_by(s.end);
                s.cstart = shift(s.cstart);
                s.cend = shift(s.cend);
            }
        }
        let fresh: Vec<text::Sentence> = text::clause_sentences(doc, idx, bs, ne);
        let fresh_feats: Vec<features::SentenceFeatures> = fresh
            .iter()
            .map(|s| features::of(&doc.text, s, rules, &self.mentions))
            .collect();
        let after = first + fresh.len();
        let replaced = first..keep_from;
        self.sentences.splice(replaced.clone(), fresh);
        self.feats.splice(replaced.clone(), fresh_feats);
        // A table row reads its header from the lines above it, up to the first line without a
        // cell: the rows after the edit up to such a line are read again.
        let text = &doc.text;
        let mut barrier = text.len();
        let mut line = text[ne..].find('\n').map(|i| ne + i + 1);
        while let Some(ls) = line {
            let le = text[ls..].find('\n').map_or(text.len(), |i| ls + i);
            if !text[ls..le].contains('|') {
                barrier = le;
                break;
            }
            line = (le < text.len()).then_some(le + 1);
        }
        for j in (0..self.sentences.len()).filter(|j| !(first..after).contains(j)) {
            let s = &self.sentences[j];
            if s.kind == crate::ingest::BlockKind::TableRow && s.start >= ne && s.start <= barrier {
                self.feats[j] = features::of(text, s, rules, &self.mentions);
            }
        }
        self.terms
            .update(text, &self.sentences, &self.feats, replaced, after - first);
        self.refs
            .update(doc, &self.sentences, &self.feats, &self.terms.schedules);
        self.report(doc, rules, templates, opts)
    }

    /// Aggregates the cached reading into a report. `doc` is the document the cache was read
    /// from, as `reanalyze_clause` left it.
    pub fn report(
        &self,
        doc: &Document,
        rules: &Rules,
        templates: &TemplateSet,
        opts: Options,
    ) -> Report {
        let reading = allocate::read(
            doc,
            &self.sentences,
            &self.feats,
            &self.terms,
            &self.refs,
            &self.forms,
            rules,
        );
        let scores = self.scores.clone();
        let (model, source) = match opts.model {
            Some(m) => (m, "given"),
            None => (topics::detect_model(&scores), "detected"),
        };
        let lang = self.lang;
        let mut warnings = Vec::new();
        let security = allocate::security_rows(
            &reading,
            &templates.model,
            model,
            opts.perspective,
            templates,
        );
        let (pi, pi_applicable) = topics::pi_rows(
            doc,
            &self.sentences,
            &self.feats,
            rules,
            &reading,
            &self.terms.pi,
            &self.pi_headings,
            &self.forms,
            templates,
            &self.lead_ins,
        );
        let risks = topics::risk_rows(
            doc,
            &self.sentences,
            &self.feats,
            rules,
            &reading,
            lang,
            &self.parties,
            templates,
        );
        if self.parties.provider.is_empty() && self.parties.customer.is_empty()
            || reading.statement_count < 3
        {
            warnings.push(Bilingual {
                zh: "这段文本看起来不像一份合同：未识别出当事人或义务条款，以下结果仅供参考。".into(),
                en: "This text does not look like a contract: no parties or obligations were recognised, so treat the results below with caution.".into(),
            });
        }
        if source == "detected" && scores.iter().all(|(_, s)| *s == 0) {
            warnings.push(Bilingual {
                zh: "未能从文本判断部署模式（IaaS/PaaS/SaaS），暂按SaaS分析；请用 --model 指定。".into(),
                en: "The deployment model (IaaS/PaaS/SaaS) could not be told from the text; SaaS was assumed. Pass --model to choose.".into(),
            });
        }
        Report {
            deployment_model: model,
            deployment_model_source: source.into(),
            model_scores: scores,
            perspective: opts.perspective,
            language: lang.into(),
            parties: self.parties.clone(),
            clause_count: u32::try_from(doc.clauses.len()).unwrap_or(u32::MAX),
            security,
            pi,
            pi_applicable,
            risks,
            warnings,
        }
    }
}

/// A document read and analysed, as the desktop app shows it: the plain text with its clauses
/// (for highlighting evidence) and the report.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AnalysisResult {
    pub name: String,
    pub document: Document,
    pub report: Report,
}

/// Reads a file's bytes and analyses them.
pub fn analyze_bytes(
    name: &str,
    bytes: &[u8],
    rules: &Rules,
    templates: &TemplateSet,
    opts: Options,
) -> crate::Result<AnalysisResult> {
    let document = crate::ingest::read(name, bytes)?;
    let report = analyze(&document, rules, templates, opts);
    Ok(AnalysisResult {
        name: name.to_string(),
        document,
        report,
    })
}

/// The ids of a kind in the reference model, in order.
pub(crate) fn ids(model: &ReferenceModel, kind: TopicKind) -> Vec<String> {
    model.ids(kind).map(str::to_string).collect()
}
