//! The analyzer's playbook (`templates/analyzer/rules.toml`): every pattern list becomes one
//! case-insensitive alternation; its syntax is checked at load and its regex built on first use.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::prefilter::{Candidates, Prefilter, PrefilterBuilder};
use super::rematch::Locality;
use super::words::{ascii_boundaries, ascii_words};
use crate::error::{Error, Result, TemplateProblem};
use crate::model::DeploymentModel;
use crate::templates::TemplateFiles;

pub const RULES_PATH: &str = "analyzer/rules.toml";

/// A list of patterns compiled into one regex; no regex when the list is empty.
///
/// The regex is built on first use, not when the rules are loaded (`Rules::load` checks the
/// syntax): most lists are never tried on a given contract, because the literal prefilter rules
/// them out, and their automata (some 35 MB for the built-in playbook, mostly the Unicode
/// classes of bounded gaps such as `[^。；]{0,40}`) need not be built or held for it.
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    /// The joined pattern (none for an empty list), built on first use.
    list: RegexList,
    /// The list's group in the literal prefilter; `None`: no literal set, the regex always runs.
    gate: Option<u32>,
    /// For a list run over the whole text: how far from an edit its matches can change (`None`:
    /// anywhere, or a list run per sentence).
    local: Option<Locality>,
}

/// The locality of a whole-text list (see rematch.rs), from each pattern as compiled.
pub(super) fn locality(list: &[String]) -> Option<Locality> {
    let hirs: Option<Vec<regex_syntax::hir::Hir>> = list
        .iter()
        .map(|p| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(&ascii_boundaries(p))
                .ok()
        })
        .collect();
    Locality::of(&hirs?)
}

impl Patterns {
    /// Compiles a list; `pre` registers its literals with the prefilter (lists that run per
    /// sentence; the others run over the whole text).
    pub(super) fn compile(
        list: &[String],
        what: &str,
        pre: Option<&mut PrefilterBuilder>,
    ) -> Result<Patterns, String> {
        if list.is_empty() {
            return Ok(Patterns::default());
        }
        let joined = list
            .iter()
            .map(|p| ascii_boundaries(p))
            .collect::<Vec<_>>()
            .join("|");
        // The syntax is checked now; the automata are built later. The literals are read from
        // the case-sensitive syntax (the prefilter ignores ASCII case itself); a whole-text list's
        // locality from each pattern's syntax as compiled.
        let hir = syntax(&joined, what)?;
        let (gate, local) = match pre {
            Some(b) => (b.group(&hir), None),
            None => (None, locality(list)),
        };
        Ok(Patterns {
            list: RegexList::new(vec![joined], what, true),
            gate,
            local,
        })
    }
    /// The list's regex, built on first use; `None` for an empty list.
    fn compiled(&self) -> Option<&Regex> {
        self.list.first()
    }
    fn regex(&self, c: &Candidates) -> Option<&Regex> {
        if self.gate.is_none_or(|g| c.has(g)) {
            self.compiled()
        } else {
            None
        }
    }
    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.list.shared.patterns.is_empty()
    }
    /// Whether a pattern matches `text`, a sentence or a part of one whose prefilter answer is `c`
    /// (`Candidates::ALL` for any other text).
    pub fn is_match(&self, text: &str, c: &Candidates) -> bool {
        self.regex(c).is_some_and(|r| r.is_match(text))
    }
    /// Byte ranges of the matches.
    pub fn find_all(&self, text: &str, c: &Candidates) -> Vec<(usize, usize)> {
        match self.regex(c) {
            Some(r) => r.find_iter(text).map(|m| (m.start(), m.end())).collect(),
            None => Vec::new(),
        }
    }
    /// The first match that `keep` accepts.
    pub fn first_where(
        &self,
        text: &str,
        c: &Candidates,
        keep: impl Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        self.regex(c)?
            .find_iter(text)
            .find(|m| keep(m.start()))
            .map(|m| (m.start(), m.end()))
    }
    pub fn first(&self, text: &str, c: &Candidates) -> Option<(usize, usize)> {
        self.regex(c)
            .and_then(|r| r.find(text))
            .map(|m| (m.start(), m.end()))
    }
    /// `find_all` of a text after the bytes `start..old_end` were replaced by `start..new_end`,
    /// from the matches `old` before: searched again only near the edit when the list allows it
    /// (see rematch.rs), else in the whole text.
    pub(crate) fn rematch(
        &self,
        old: &[(usize, usize)],
        text: &str,
        start: usize,
        old_end: usize,
        new_end: usize,
    ) -> Vec<(usize, usize)> {
        match (self.compiled(), self.local) {
            (Some(re), Some(local)) => {
                super::rematch::rematch(re, local, old, text, start, old_end, new_end)
            }
            _ => self.find_all(text, &Candidates::ALL),
        }
    }
}

#[derive(Debug, Clone)]
pub struct PartyWords {
    pub provider_words: Vec<String>,
    pub customer_words: Vec<String>,
    pub provider_pronouns: Vec<String>,
    pub customer_pronouns: Vec<String>,
    pub both: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Modality {
    pub disclaimer: Patterns,
    pub right: Patterns,
    pub duty: Patterns,
    pub by_party: Patterns,
    pub hedge: Patterns,
    pub joint: Patterns,
    pub restriction: Patterns,
    pub crossref: GatedList,
    /// A list item that only refers to a clause ("(b) comply with clause 9.4;"): the party of
    /// its lead-in takes the clause's duties. The clause is the `target` group.
    pub crossref_item: GatedList,
    /// A reference that takes in only the parts its target gives the party ("the Security
    /// Requirements in Schedule D that are stated to be requirements of the Province"): the
    /// target names its parties itself, so the reference adds none.
    pub crossref_qualified: GatedList,
    /// The end of a sentence that introduces a list of items ("…, including:", "乙方应当：").
    pub lead_in: RegexList,
    /// Verbs that state what a party does when they follow it directly ("我们记录…日志",
    /// "We encrypt …"): the present tense of online terms, read as a duty. Anchored at the
    /// end of the subject.
    pub acts: RegexList,
    /// Text before the subject that makes such a statement no statement of fact
    /// ("如您加密…", "services that let you back up").
    pub acts_guard: RegexList,
    /// How a sentence opens when it points back at the one before ("This includes:",
    /// "上述责任包括："): a lead-in of that kind takes the party of the sentence before it.
    pub anaphora: RegexList,
    /// Words inside a disclaimer that point back at what the sentence before named ("服务商不对上述
    /// 底层基础设施的故障…承担责任"): a disclaimer that names no item of its own disclaims the items
    /// of the sentence before it in the clause.
    pub refers_back: RegexList,
    /// Staff named without a party ("运维人员不得查看…"): the provider's people, when such a
    /// word opens a part that names no party. Anchored at the start of the part.
    pub staff: RegexList,
    /// Text right before a right marker that makes it part of a relative clause ("policies
    /// that control which networks may connect"): no right of the subject's. Matched at the
    /// end of the text before the marker.
    pub right_guard: RegexList,
    /// A heading over one party's list ("一、云平台运营方（乙方）职责", "Customer
    /// Responsibilities"): the items under it are that party's duties.
    pub heading: RegexList,
    /// A duty only to cooperate with or assist the other party ("乙方应予配合", "shall provide
    /// reasonable assistance"): after that party's right in the same sentence it is part of the
    /// right ("甲方有权审计…，乙方应予配合"), not a security duty of its own.
    pub assist: RegexList,
    /// A description under the provider's own heading that is no act of the provider's: a
    /// negation, a feature ("平台具备…能力", "supports SSO") or a third party's part. Matched
    /// anywhere in the sentence.
    pub not_an_act: RegexList,
    /// An exclusion that hands what it excludes to a party ("Hardware replacement does not
    /// include reinstalling … the operating system, which remains Customer's responsibility",
    /// "…不包括操作系统的重装，该等工作由甲方负责"): the sentence allocates only what follows the
    /// match's start, not the subject it was excluded from.
    pub excluded: GatedList,
    /// A duty only to tell the other side, after a condition ("消费者要求删除其个人信息的，委托方
    /// 应当在3个工作日内通知受托方"): what the condition names is not what the duty allocates.
    /// Matched against the sentence from its first statement on.
    pub notice_only: RegexList,
    /// A cross-reference that applies the other party's duty to a party as its own ("Section 6.3
    /// applies to Customer mutatis mutandis", "参照第六条执行"): the party takes on the clause's items.
    pub mutatis: RegexList,
    /// A duty only to ask the other side for something ("…，但应当通过工单向甲方提出端口开放或者策略
    /// 变更需求"): it allocates none of the layers it names, as the asking party does not do them.
    pub request_only: GatedList,
    /// "尽管有附件一第5项的约定，…由甲方负责", "Notwithstanding row 5 of Schedule 2, …": the
    /// sentence sets aside, for the items it speaks to, what the named clause (`target`, with
    /// a table `row`) says.
    pub notwithstanding: GatedList,
}

/// Cues of a security item, a PI element or a risk topic.
#[derive(Debug, Clone)]
pub struct TopicCues {
    pub id: String,
    pub any: Patterns,
    pub not: Patterns,
    pub also: Patterns,
    pub unfavourable: Patterns,
    pub favourable_guard: Patterns,
    pub carve_out: Patterns,
    pub carve_topic: Patterns,
    pub content: Patterns,
    /// A sentence that speaks to the topic but says that what it names is not the topic's
    /// thing: a risk topic's table row whose replication "is not a backup" answers nothing; for a
    /// PI element, where a PI sentence says so ("个人信息不属于本条所称保密信息"), the element's
    /// general terms count only where they name personal information.
    pub denies: Patterns,
    /// A risk topic's deadline that binds the customer itself ("the Responsible Party may have
    /// to report a material incident to its regulators within 24 hours"): the other side's
    /// deadline for the same event must not be longer.
    pub customer_deadline: Patterns,
    pub duty_required: bool,
    /// A PI element that is the provider's part ("provider assists with individuals'
    /// requests"): a sentence that gives it to the customer alone does not speak to it.
    pub provider_part: bool,
}

impl TopicCues {
    /// Whether a sentence (or a part of one whose prefilter answer is `c`) speaks to this topic.
    pub fn matches(&self, text: &str, c: &Candidates) -> bool {
        self.any.is_match(text, c) && self.confirm(text, c)
    }
    /// The checks after `any` has matched (`not` and `also`).
    pub fn confirm(&self, text: &str, c: &Candidates) -> bool {
        !self.not.is_match(text, c) && (self.also.is_empty() || self.also.is_match(text, c))
    }
}

#[derive(Debug, Clone)]
pub struct ModelCue {
    pub model: DeploymentModel,
    pub weight: u32,
    pub any: Patterns,
}

/// How a matrix marks a party's part ("Primary", "●", "Yes"; "Supporting", "○"; "No").
#[derive(Debug, Clone, Default)]
pub struct MatrixMarks {
    pub primary: RegexList,
    pub supporting: RegexList,
    pub none: RegexList,
    /// Headers of the column whose text says who does which part ("Notes", "说明").
    pub notes: RegexList,
    /// Headers of columns that stand for a party although they name none: a mark under
    /// "Inherited" (a control matrix's "the provider implements it in full") is the provider's,
    /// under "Shared" both parties'.
    pub provider_column: RegexList,
    pub shared_column: RegexList,
    /// Columns whose party cell says who starts or asks for something ("发起方", "Requested
    /// by"), not who is responsible for it.
    pub trigger_column: RegexList,
}

impl MatrixMarks {
    /// Whether a cell is only a mark of any kind (primary, supporting or none).
    pub fn is_mark(&self, cell: &str) -> bool {
        [&self.primary, &self.supporting, &self.none]
            .iter()
            .any(|l| l.iter().any(|r| r.is_match(cell.trim())))
    }
}

/// A group of named regex lists read from one TOML table (each list: case-insensitive regexes
/// tried one by one, built on first use): the struct, its raw form, how it is compiled, and its
/// lists for `Rules::check` and `Rules::forget_built`.
macro_rules! word_lists {
    ($(#[$doc:meta])* $name:ident, $raw:ident { $($(#[$fdoc:meta])* $field:ident,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: RegexList,)*
        }

        #[derive(Deserialize, Default)]
        struct $raw {
            $(#[serde(default)] $field: Vec<String>,)*
        }

        impl $name {
            fn build(raw: &$raw) -> Result<$name, String> {
                Ok($name {
                    $($field: regex_list(&raw.$field, stringify!($field))?,)*
                })
            }
            fn lists(&self) -> Vec<&RegexList> {
                vec![$(&self.$field),*]
            }
        }
    };
}

word_lists! {
    /// What a table or one of its cells is, as against whose duty its row states: the words that tell
    /// a party's "no part", a pointer elsewhere, a signature block, a contact list, a processing
    /// inventory or a sub-processor list (the `[tables]` lists after the marks).
    TableWords, RawTableWords {
        /// A party's cell that gives that party no part ("has no responsibility", "不负责", a right or a feature only).
        no_part,
        /// A cell that only names a party word or a mark and points at a clause ("Both – see clause 8.4").
        only_refers,
        /// A cell that only points to a document outside the contract ("见《安全白皮书》").
        outside_document,
        /// Words of a duty allocation in a heading or header ("职责", "responsibilities", "RACI").
        duty_words,
        /// A heading, header or label about whom to call ("联系人", "escalation").
        contacts,
        /// An order form's cell for an option not taken ("Not ordered", "未订购"), the whole cell.
        not_ordered,
        /// The words of signing in a row or its header ("（盖章）", "Signature:").
        signing,
        /// A heading over a signature table ("签署确认", "IN WITNESS").
        signing_heading,
        /// A processing inventory's purpose header ("处理目的", "Purpose"), the whole cell.
        inventory_purpose,
        /// A processing inventory's data-categories header ("个人信息种类", "Categories of data"), the whole cell.
        inventory_categories,
        /// A header about measures, which makes an inventory a table of duties after all.
        inventory_measures,
        /// A heading or header of a list of sub-processors or subcontractors.
        sub_processors,
        /// A header for where a listed company is ("所在地", "Location").
        locations,
        /// A header of the column that names the responsible party ("责任方", "Owner"), the whole cell.
        responsible_header,
        /// Words that make the rest of a marked cell a duty ("负责", "shall").
        cell_duty,
        /// Notes that only say a row is joint ("shared between", "相互配合").
        joint_notes,
        /// A legend that says a supporting mark bears no responsibility ("○表示配合…，不承担…责任").
        helper_legend,
        /// A legend's meaning that stands for both parties ("Shared", "双方").
        legend_shared,
    }
}

word_lists! {
    /// The words some risk and PI judgements read beyond a topic's own cue lists (`[judgement]` in
    /// rules.toml): what makes a carve-out reach data, a use of data that overrides its safeguard,
    /// an audit that is only a log, a permission.
    Judgement, RawJudgement {
        /// What a provider's duty next to a customer's duty to answer data subjects must say to be help with it ("配合", "assist", "forward").
        assists_with,
        /// A sentence about an authority's inspection, not the customer's audit ("有权机关…", "a governmental authority").
        authority,
        /// A report given so that the customer can verify compliance ("verify … compliance with", "核实…履行").
        verifies_compliance,
        /// Audit logs, which are no audit ("audit logs", "操作审计"): taken out of a sentence before it is asked about audits.
        audit_log_words,
        /// Words of an audit or inspection ("审计", "inspect").
        audit_words,
        /// A carve-out that names a clause ("本条", "Section 9").
        names_clause,
        /// An exclusion of liability for lost or corrupted data ("不对…数据丢失…承担", "loss of data").
        data_loss_excluded,
        /// What a carve-out must name to reach the customer's data where data loss is excluded ("数据", "confidential").
        reaches_data,
        /// Words of a permission ("可以", "may").
        permits,
        /// A reference to the clause itself ("本条", "this Section").
        this_route,
        /// A sentence that opens by setting other terms aside ("尽管", "Notwithstanding").
        overrides_opening,
        /// A use of the customer's data whose results the provider takes or publishes ("…的全部权益归甲方", "owns all rights in aggregated …").
        takes_results,
        /// A use that needs the customer's consent first ("经甲方同意", "with Customer's prior written consent").
        consented,
        /// A law or court chosen for the standard contractual clauses alone ("selected under Clauses 17 and 18"): the transfer clauses' forum, not the contract's.
        scc_forum,
        /// A court that keeps a company register, on a party's line ("registered with the Local Court of Leipzig under HRB …"): no forum; taken out before forums are read.
        court_register,
    }
}

/// The compiled analyzer rules.
#[derive(Debug, Clone)]
pub struct Rules {
    pub parties: PartyWords,
    pub modality_zh: Modality,
    pub modality_en: Modality,
    pub pi_mention: Patterns,
    pub external_reference: Patterns,
    pub items: Vec<TopicCues>,
    pub pi: Vec<TopicCues>,
    pub risks: Vec<TopicCues>,
    pub model_cues: Vec<ModelCue>,
    /// Headers of a responsibility table's layer column ("安全层面", "Layer"): a row speaks to
    /// the items its layer cell names, not to every word in its duty cells.
    pub layer_column: RegexList,
    /// Marks in a party's column of a matrix (whole cells), and the headers of its notes column.
    pub marks: MatrixMarks,
    /// What a table or a cell is (signatures, contacts, inventories, pointers, no part).
    pub table_words: TableWords,
    /// Words the risk and PI judgements read beyond the topics' lists.
    pub judgement: Judgement,
    /// Headings of a form or sample text the contract attaches for use with third parties
    /// ("告知书（示范文本）", "Form of Notice to Data Subjects"): its sentences are the form's
    /// words, not terms between the parties.
    pub form_heading: RegexList,
    /// The heading that opens a contract's recitals ("BACKGROUND", "鉴于"): they allocate nothing.
    pub recitals_open: RegexList,
    /// The words that open the operative part after the recitals ("IT IS AGREED", "第一条").
    pub recitals_close: RegexList,
    /// A sentence that opens with a subject of its own ("8.1 The Platform records …"), not an item that goes on from its lead-in.
    pub own_subject: RegexList,
    /// A sentence that says what a notice or report must contain ("说明下列事项", "the notice shall state the following"): its list is content, not what its author does.
    pub lists_contents: RegexList,
    /// Which of the lists above may match a sentence (see prefilter.rs).
    pub prefilter: Prefilter,
}

#[derive(Deserialize)]
struct RawRules {
    parties: RawParties,
    modality: RawModality,
    pi_mention: RawList,
    external_reference: RawList,
    #[serde(default)]
    item: Vec<RawTopic>,
    #[serde(default)]
    pi: Vec<RawTopic>,
    #[serde(default)]
    risk: Vec<RawTopic>,
    #[serde(default)]
    model_cue: Vec<RawModelCue>,
    #[serde(default)]
    tables: RawTables,
    #[serde(default)]
    structure: RawStructure,
    #[serde(default)]
    judgement: RawJudgement,
}

#[derive(Deserialize, Default)]
struct RawStructure {
    #[serde(default)]
    form_heading: Vec<String>,
    #[serde(default)]
    recitals_open: Vec<String>,
    #[serde(default)]
    recitals_close: Vec<String>,
    #[serde(default)]
    own_subject: Vec<String>,
    #[serde(default)]
    lists_contents: Vec<String>,
}

#[derive(Deserialize, Default)]
struct RawTables {
    /// The `TableWords` lists, beside the marks in the same table.
    #[serde(flatten)]
    words: RawTableWords,
    #[serde(default)]
    layer_column: Vec<String>,
    #[serde(default)]
    mark_primary: Vec<String>,
    #[serde(default)]
    mark_supporting: Vec<String>,
    #[serde(default)]
    mark_none: Vec<String>,
    #[serde(default)]
    notes_column: Vec<String>,
    #[serde(default)]
    provider_column: Vec<String>,
    #[serde(default)]
    shared_column: Vec<String>,
    #[serde(default)]
    trigger_column: Vec<String>,
}

#[derive(Deserialize)]
struct RawParties {
    provider_words: Vec<String>,
    customer_words: Vec<String>,
    provider_pronouns: Vec<String>,
    customer_pronouns: Vec<String>,
    both: Vec<String>,
}

#[derive(Deserialize)]
struct RawModality {
    disclaimer_zh: Vec<String>,
    disclaimer_en: Vec<String>,
    right_zh: Vec<String>,
    right_en: Vec<String>,
    duty_zh: Vec<String>,
    duty_en: Vec<String>,
    by_party_zh: Vec<String>,
    by_party_en: Vec<String>,
    hedge_zh: Vec<String>,
    hedge_en: Vec<String>,
    joint_zh: Vec<String>,
    joint_en: Vec<String>,
    restriction_zh: Vec<String>,
    restriction_en: Vec<String>,
    crossref_zh: Vec<String>,
    crossref_en: Vec<String>,
    #[serde(default)]
    crossref_qualified_zh: Vec<String>,
    #[serde(default)]
    crossref_qualified_en: Vec<String>,
    #[serde(default)]
    crossref_item_zh: Vec<String>,
    #[serde(default)]
    crossref_item_en: Vec<String>,
    #[serde(default)]
    lead_in_zh: Vec<String>,
    #[serde(default)]
    lead_in_en: Vec<String>,
    #[serde(default)]
    acts_zh: Vec<String>,
    #[serde(default)]
    acts_en: Vec<String>,
    #[serde(default)]
    acts_guard_zh: Vec<String>,
    #[serde(default)]
    acts_guard_en: Vec<String>,
    #[serde(default)]
    anaphora_zh: Vec<String>,
    #[serde(default)]
    anaphora_en: Vec<String>,
    #[serde(default)]
    refers_back_zh: Vec<String>,
    #[serde(default)]
    refers_back_en: Vec<String>,
    #[serde(default)]
    right_guard_zh: Vec<String>,
    #[serde(default)]
    right_guard_en: Vec<String>,
    #[serde(default)]
    assist_zh: Vec<String>,
    #[serde(default)]
    assist_en: Vec<String>,
    #[serde(default)]
    not_an_act_zh: Vec<String>,
    #[serde(default)]
    not_an_act_en: Vec<String>,
    #[serde(default)]
    heading_zh: Vec<String>,
    #[serde(default)]
    heading_en: Vec<String>,
    #[serde(default)]
    notwithstanding_zh: Vec<String>,
    #[serde(default)]
    notwithstanding_en: Vec<String>,
    #[serde(default)]
    notice_only_zh: Vec<String>,
    #[serde(default)]
    notice_only_en: Vec<String>,
    #[serde(default)]
    mutatis_zh: Vec<String>,
    #[serde(default)]
    mutatis_en: Vec<String>,
    #[serde(default)]
    request_only_zh: Vec<String>,
    #[serde(default)]
    request_only_en: Vec<String>,
    #[serde(default)]
    excluded_zh: Vec<String>,
    #[serde(default)]
    excluded_en: Vec<String>,
    #[serde(default)]
    staff_zh: Vec<String>,
    #[serde(default)]
    staff_en: Vec<String>,
}

#[derive(Deserialize)]
struct RawList {
    patterns: Vec<String>,
}

#[derive(Deserialize, Clone)]
struct RawTopic {
    id: String,
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    unfavourable: Vec<String>,
    #[serde(default)]
    favourable_guard: Vec<String>,
    #[serde(default)]
    carve_out: Vec<String>,
    #[serde(default)]
    carve_topic: Vec<String>,
    #[serde(default)]
    content: Vec<String>,
    #[serde(default)]
    denies: Vec<String>,
    #[serde(default)]
    customer_deadline: Vec<String>,
    #[serde(default)]
    duty_required: bool,
    #[serde(default)]
    provider_part: bool,
}

#[derive(Deserialize)]
struct RawModelCue {
    model: String,
    weight: u32,
    any: Vec<String>,
}

fn problem(message: String) -> Error {
    Error::InvalidTemplates {
        problems: vec![TemplateProblem {
            path: format!("templates/{RULES_PATH}"),
            line: 0,
            message,
        }],
    }
}

fn topic(raw: RawTopic, pre: &mut PrefilterBuilder) -> Result<TopicCues, String> {
    let id = raw.id.clone();
    let mut c = |l: &[String], f: &str| Patterns::compile(l, &format!("{id}.{f}"), Some(&mut *pre));
    Ok(TopicCues {
        any: c(&raw.any, "any")?,
        not: c(&raw.not, "not")?,
        also: c(&raw.also, "also")?,
        unfavourable: c(&raw.unfavourable, "unfavourable")?,
        favourable_guard: c(&raw.favourable_guard, "favourable_guard")?,
        carve_out: c(&raw.carve_out, "carve_out")?,
        carve_topic: c(&raw.carve_topic, "carve_topic")?,
        content: c(&raw.content, "content")?,
        denies: c(&raw.denies, "denies")?,
        customer_deadline: c(&raw.customer_deadline, "customer_deadline")?,
        duty_required: raw.duty_required,
        provider_part: raw.provider_part,
        id: raw.id,
    })
}

/// Regexes tried on their own (cross-reference patterns, whose captures are read), each with its
/// group in the literal prefilter.
#[derive(Debug, Clone, Default)]
pub struct GatedList {
    list: RegexList,
    gates: Vec<Option<u32>>,
}

impl GatedList {
    /// The regexes that the prefilter's answer `c` for a text lets run there.
    pub fn regexes<'a>(&'a self, c: &'a Candidates) -> impl Iterator<Item = &'a Regex> + 'a {
        self.list
            .iter()
            .zip(&self.gates)
            .filter(move |(_, g)| g.is_none_or(|g| c.has(g)))
            .map(|(r, _)| r)
    }
}

/// Case-insensitive regexes that are tried one by one, each with its literals registered with
/// the prefilter; `name` labels an error.
fn gated_list(
    list: &[String],
    name: &str,
    pre: &mut PrefilterBuilder,
) -> Result<GatedList, String> {
    let gates = list
        .iter()
        .map(|p| syntax(p, name).map(|h| pre.group(&h)))
        .collect::<Result<_, _>>()?;
    Ok(GatedList {
        list: RegexList::new(list.to_vec(), name, false),
        gates,
    })
}

/// Case-insensitive regexes that are tried one by one, built together when the list is first
/// used (as a pattern list is, see `Patterns`): a Chinese contract never needs the English half
/// of the `[modality]` lists.
#[derive(Debug, Default)]
pub struct RegexList {
    shared: Arc<LazyList>,
    /// This copy's handles, with their own lazy-DFA caches.
    own: OnceLock<Vec<Regex>>,
}

#[derive(Debug, Default)]
struct LazyList {
    patterns: Vec<String>,
    /// The list's name, for the message if it cannot be built.
    what: String,
    /// A pattern list joined into one regex (`Patterns`): a larger size limit and a roomy
    /// lazy-DFA cache, since the Unicode classes make many states and a cache that keeps
    /// clearing rebuilds them sentence after sentence.
    roomy: bool,
    /// The regexes every copy takes its handles from, once built; `None` again after
    /// [`Rules::forget_built`].
    built: Mutex<Option<Vec<Regex>>>,
}

impl LazyList {
    /// The shared regexes, locked (a panic elsewhere leaves them usable).
    fn built(&self) -> MutexGuard<'_, Option<Vec<Regex>>> {
        self.built.lock().unwrap_or_else(PoisonError::into_inner)
    }
    fn build(&self) -> Result<Vec<Regex>, String> {
        self.patterns
            .iter()
            .map(|p| {
                let mut b = RegexBuilder::new(&ascii_words(p));
                b.case_insensitive(true);
                if self.roomy {
                    b.size_limit(1 << 24).dfa_size_limit(1 << 25);
                }
                b.build().map_err(|e| format!("{}: {e}", self.what))
            })
            .collect()
    }
}

impl RegexList {
    fn new(patterns: Vec<String>, what: &str, roomy: bool) -> RegexList {
        RegexList {
            shared: Arc::new(LazyList {
                patterns,
                what: what.to_string(),
                roomy,
                built: Mutex::new(None),
            }),
            own: OnceLock::new(),
        }
    }
    /// The earliest match of any regex of the list in `t` (the longer one where two start together).
    pub fn find<'t>(&self, t: &'t str) -> Option<regex::Match<'t>> {
        self.iter()
            .filter_map(|r| r.find(t))
            .min_by_key(|m| (m.start(), std::cmp::Reverse(m.end())))
    }
    /// Whether any regex of the list matches `t`.
    pub fn is_match(&self, t: &str) -> bool {
        self.iter().any(|r| r.is_match(t))
    }
    /// `t` with every match of the list's regexes replaced by a space.
    pub fn blank_out<'t>(&self, t: &'t str) -> std::borrow::Cow<'t, str> {
        let mut out = std::borrow::Cow::Borrowed(t);
        for r in self.iter() {
            if r.is_match(&out) {
                out = std::borrow::Cow::Owned(r.replace_all(&out, " ").into_owned());
            }
        }
        out
    }
    /// Builds the list now; the reason when it cannot be built.
    fn check(&self) -> Result<(), String> {
        self.shared.build().map(|_| ())
    }
    /// Lets the built regexes go: the next copy to need them builds them again.
    fn forget(&self) {
        *self.shared.built() = None;
    }
    /// Whether the list has been built (for the tests).
    #[cfg(test)]
    fn is_built(&self) -> bool {
        self.shared.built().is_some()
    }
}

impl Clone for RegexList {
    fn clone(&self) -> RegexList {
        RegexList {
            shared: Arc::clone(&self.shared),
            own: OnceLock::new(),
        }
    }
}

impl std::ops::Deref for RegexList {
    type Target = [Regex];
    /// The regexes, built once for every copy; none (with a message) if the list cannot be built,
    /// which only a list over the size limit can, its syntax being checked at load.
    fn deref(&self) -> &[Regex] {
        self.own.get_or_init(|| {
            self.shared
                .built()
                .get_or_insert_with(|| {
                    self.shared
                        .build()
                        .map_err(|e| {
                            eprintln!("cloudclause: analyzer rules: {e}; the list is skipped")
                        })
                        .unwrap_or_default()
                })
                .clone()
        })
    }
}

impl<'a> IntoIterator for &'a RegexList {
    type Item = &'a Regex;
    type IntoIter = std::slice::Iter<'a, Regex>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Case-insensitive regexes that are tried one by one (no prefilter); `name` labels an error.
/// The syntax is checked now; the regexes are built on first use.
fn regex_list(list: &[String], name: &str) -> Result<RegexList, String> {
    for p in list {
        syntax(p, name)?;
    }
    Ok(RegexList::new(list.to_vec(), name, false))
}

/// A pattern's syntax as the regex crate reads it (case aside, which changes no error): read once
/// at load, both to refuse a broken pattern and for the prefilter's literals.
fn syntax(p: &str, what: &str) -> Result<regex_syntax::hir::Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(p)
        .map_err(|e| format!("{what}: regex parse error:\n{e}"))
}

/// One language's half of the `[modality]` section, compiled.
fn modality(m: &RawModality, zh: bool, pre: &mut PrefilterBuilder) -> Result<Modality, String> {
    let lang = if zh { "zh" } else { "en" };
    let pick = |a: &'_ [String], b: &'_ [String]| -> Vec<String> {
        if zh {
            a.to_vec()
        } else {
            b.to_vec()
        }
    };
    let mut patterns = |a: &[String], b: &[String], name: &str| {
        Patterns::compile(&pick(a, b), &format!("{name}_{lang}"), Some(&mut *pre))
    };
    let disclaimer = patterns(&m.disclaimer_zh, &m.disclaimer_en, "disclaimer")?;
    let right = patterns(&m.right_zh, &m.right_en, "right")?;
    let duty = patterns(&m.duty_zh, &m.duty_en, "duty")?;
    let by_party = patterns(&m.by_party_zh, &m.by_party_en, "by_party")?;
    let hedge = patterns(&m.hedge_zh, &m.hedge_en, "hedge")?;
    let joint = patterns(&m.joint_zh, &m.joint_en, "joint")?;
    let restriction = patterns(&m.restriction_zh, &m.restriction_en, "restriction")?;
    let list =
        |a: &[String], b: &[String], name: &str| regex_list(&pick(a, b), &format!("{name}_{lang}"));
    let anchored = |a: &[String], b: &[String], name: &str| {
        let at_start: Vec<String> = pick(a, b).iter().map(|p| format!("^(?:{p})")).collect();
        regex_list(&at_start, &format!("{name}_{lang}"))
    };
    Ok(Modality {
        disclaimer,
        right,
        duty,
        by_party,
        hedge,
        joint,
        restriction,
        crossref: gated_list(
            &pick(&m.crossref_zh, &m.crossref_en),
            &format!("crossref_{lang}"),
            pre,
        )?,
        crossref_item: gated_list(
            &pick(&m.crossref_item_zh, &m.crossref_item_en),
            &format!("crossref_item_{lang}"),
            pre,
        )?,
        lead_in: list(&m.lead_in_zh, &m.lead_in_en, "lead_in")?,
        crossref_qualified: gated_list(
            &pick(&m.crossref_qualified_zh, &m.crossref_qualified_en),
            &format!("crossref_qualified_{lang}"),
            pre,
        )?,
        acts: anchored(&m.acts_zh, &m.acts_en, "acts")?,
        acts_guard: list(&m.acts_guard_zh, &m.acts_guard_en, "acts_guard")?,
        anaphora: list(&m.anaphora_zh, &m.anaphora_en, "anaphora")?,
        refers_back: list(&m.refers_back_zh, &m.refers_back_en, "refers_back")?,
        staff: anchored(&m.staff_zh, &m.staff_en, "staff")?,
        right_guard: list(&m.right_guard_zh, &m.right_guard_en, "right_guard")?,
        heading: list(&m.heading_zh, &m.heading_en, "heading")?,
        assist: list(&m.assist_zh, &m.assist_en, "assist")?,
        not_an_act: list(&m.not_an_act_zh, &m.not_an_act_en, "not_an_act")?,
        excluded: gated_list(
            &pick(&m.excluded_zh, &m.excluded_en),
            &format!("excluded_{lang}"),
            pre,
        )?,
        notice_only: list(&m.notice_only_zh, &m.notice_only_en, "notice_only")?,
        mutatis: list(&m.mutatis_zh, &m.mutatis_en, "mutatis")?,
        request_only: gated_list(
            &pick(&m.request_only_zh, &m.request_only_en),
            &format!("request_only_{lang}"),
            pre,
        )?,
        notwithstanding: gated_list(
            &pick(&m.notwithstanding_zh, &m.notwithstanding_en),
            &format!("notwithstanding_{lang}"),
            pre,
        )?,
    })
}

impl Rules {
    /// Loads `analyzer/rules.toml` from a template set.
    pub fn load(files: &TemplateFiles) -> Result<Rules> {
        let text = files
            .files
            .get(RULES_PATH)
            .ok_or_else(|| problem("the analyzer rules file is missing".into()))?;
        Rules::parse(text)
    }

    /// Whether `text` is Chinese, and the half of the `[modality]` section that reads it.
    pub(crate) fn modality_of(&self, text: &str) -> (bool, &Modality) {
        if super::statements::is_zh(text) {
            (true, &self.modality_zh)
        } else {
            (false, &self.modality_en)
        }
    }

    /// The regexes of one gated list from both languages' `[modality]` halves that the
    /// prefilter's answer `c` lets run (a text may mix Chinese and English).
    pub(crate) fn gated<'a>(
        &'a self,
        list: impl Fn(&'a Modality) -> &'a GatedList,
        c: &'a Candidates,
    ) -> impl Iterator<Item = &'a Regex> + 'a {
        list(&self.modality_zh)
            .regexes(c)
            .chain(list(&self.modality_en).regexes(c))
    }

    /// The same rules without what their regexes have learnt: each compiled regex is shared,
    /// but gets a new, empty pool of lazy-DFA caches (a clone of a `regex::Regex` does that).
    /// Analysing Chinese text grows those caches to some 25 MB; an app that has been idle can
    /// let them go and pay a few milliseconds more on its next analysis (`benches/analyze.rs`).
    pub fn fresh(&self) -> Rules {
        self.clone()
    }

    pub fn parse(text: &str) -> Result<Rules> {
        let raw: RawRules = toml::from_str(text).map_err(|e| problem(e.message().to_string()))?;
        let m = &raw.modality;
        let mut pre = PrefilterBuilder::default();
        let zh = modality(m, true, &mut pre).map_err(problem)?;
        let en = modality(m, false, &mut pre).map_err(problem)?;
        let mut model_cues = Vec::new();
        for c in raw.model_cue {
            let model = DeploymentModel::parse(&c.model)
                .ok_or_else(|| problem(format!("unknown model {}", c.model)))?;
            model_cues.push(ModelCue {
                model,
                weight: c.weight,
                any: Patterns::compile(&c.any, "model_cue", None).map_err(problem)?,
            });
        }
        let pi_mention = Patterns::compile(&raw.pi_mention.patterns, "pi_mention", Some(&mut pre))
            .map_err(problem)?;
        let external_reference = Patterns::compile(
            &raw.external_reference.patterns,
            "external_reference",
            Some(&mut pre),
        )
        .map_err(problem)?;
        let mut topics = |list: Vec<RawTopic>| {
            list.into_iter()
                .map(|t| topic(t, &mut pre))
                .collect::<Result<Vec<_>, _>>()
                .map_err(problem)
        };
        let layer_column = regex_list(&raw.tables.layer_column, "layer_column").map_err(problem)?;
        let t = &raw.tables;
        let marks = MatrixMarks {
            primary: regex_list(&t.mark_primary, "mark_primary").map_err(problem)?,
            supporting: regex_list(&t.mark_supporting, "mark_supporting").map_err(problem)?,
            none: regex_list(&t.mark_none, "mark_none").map_err(problem)?,
            notes: regex_list(&t.notes_column, "notes_column").map_err(problem)?,
            provider_column: regex_list(&t.provider_column, "provider_column").map_err(problem)?,
            shared_column: regex_list(&t.shared_column, "shared_column").map_err(problem)?,
            trigger_column: regex_list(&t.trigger_column, "trigger_column").map_err(problem)?,
        };
        let table_words = TableWords::build(&t.words).map_err(problem)?;
        let judgement = Judgement::build(&raw.judgement).map_err(problem)?;
        let form_heading =
            regex_list(&raw.structure.form_heading, "form_heading").map_err(problem)?;
        let items = topics(raw.item)?;
        let pi = topics(raw.pi)?;
        let risks = topics(raw.risk)?;
        Ok(Rules {
            parties: PartyWords {
                provider_words: raw.parties.provider_words,
                customer_words: raw.parties.customer_words,
                provider_pronouns: raw.parties.provider_pronouns,
                customer_pronouns: raw.parties.customer_pronouns,
                both: raw.parties.both,
            },
            modality_zh: zh,
            modality_en: en,
            pi_mention,
            external_reference,
            items,
            pi,
            risks,
            model_cues,
            layer_column,
            marks,
            form_heading,
            recitals_open: regex_list(&raw.structure.recitals_open, "recitals_open")
                .map_err(problem)?,
            recitals_close: regex_list(&raw.structure.recitals_close, "recitals_close")
                .map_err(problem)?,
            own_subject: regex_list(&raw.structure.own_subject, "own_subject").map_err(problem)?,
            lists_contents: regex_list(&raw.structure.lists_contents, "lists_contents")
                .map_err(problem)?,
            table_words,
            judgement,
            prefilter: pre.build().map_err(problem)?,
        })
    }

    /// Lets every list's built regexes go, for these rules and all their copies: a copy that
    /// has taken its handles keeps them until it is dropped; the next copy to need a list
    /// builds it again. The regexes a Chinese contract needs come to some 50 MB; an app idle for
    /// long keeps only the unbuilt rules and pays the building on its next analysis (`benches/
    /// analyze.rs`).
    pub fn forget_built(&self) {
        let lists = self.pattern_lists().into_iter().map(|p| &p.list);
        for l in lists.chain(self.regex_lists()) {
            l.forget();
        }
    }

    /// Every pattern list of the rules.
    fn pattern_lists(&self) -> Vec<&Patterns> {
        let mut out = Vec::new();
        for t in self.items.iter().chain(&self.pi).chain(&self.risks) {
            out.extend([
                &t.any,
                &t.not,
                &t.also,
                &t.unfavourable,
                &t.favourable_guard,
                &t.carve_out,
                &t.carve_topic,
                &t.content,
                &t.denies,
                &t.customer_deadline,
            ]);
        }
        out.extend([&self.pi_mention, &self.external_reference]);
        for m in [&self.modality_zh, &self.modality_en] {
            out.extend([
                &m.disclaimer,
                &m.right,
                &m.duty,
                &m.by_party,
                &m.hedge,
                &m.joint,
                &m.restriction,
            ]);
        }
        out.extend(self.model_cues.iter().map(|c| &c.any));
        out
    }

    /// Builds every pattern list's regex now, which loading leaves to the first use: the problems
    /// a playbook's syntax check cannot see (a list too large for the size limit). For
    /// `cloudclause templates check` and the tests.
    pub fn check(&self) -> Vec<String> {
        let lists = self.pattern_lists().into_iter().map(|p| &p.list);
        lists
            .chain(self.regex_lists())
            .filter_map(|l| l.check().err())
            .collect()
    }

    /// Every list of regexes tried one by one.
    fn regex_lists(&self) -> Vec<&RegexList> {
        let mut out = Vec::new();
        for m in [&self.modality_zh, &self.modality_en] {
            out.extend([
                &m.crossref.list,
                &m.crossref_item.list,
                &m.crossref_qualified.list,
                &m.lead_in,
                &m.acts,
                &m.acts_guard,
                &m.anaphora,
                &m.refers_back,
                &m.staff,
                &m.right_guard,
                &m.heading,
                &m.assist,
                &m.not_an_act,
                &m.excluded.list,
                &m.notice_only,
                &m.mutatis,
                &m.request_only.list,
                &m.notwithstanding.list,
            ]);
        }
        let t = &self.marks;
        out.extend([
            &t.primary,
            &t.supporting,
            &t.none,
            &t.notes,
            &t.provider_column,
            &t.shared_column,
            &t.trigger_column,
            &self.layer_column,
            &self.form_heading,
            &self.recitals_open,
            &self.recitals_close,
            &self.own_subject,
            &self.lists_contents,
        ]);
        out.extend(self.table_words.lists());
        out.extend(self.judgement.lists());
        out
    }

    pub fn item(&self, id: &str) -> Option<&TopicCues> {
        self.items.iter().find(|t| t.id == id)
    }
    pub fn risk(&self, id: &str) -> Option<&TopicCues> {
        self.risks.iter().find(|t| t.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push<'a>(out: &mut Vec<(&'a Regex, u32)>, p: &'a Patterns) {
        if let (Some(re), Some(g)) = (p.compiled(), p.gate) {
            out.push((re, g));
        }
    }

    /// Every regex of the rules that the prefilter may skip, with its group.
    fn gated(rules: &Rules) -> Vec<(&Regex, u32)> {
        let mut out = Vec::new();
        for p in rules.pattern_lists() {
            push(&mut out, p);
        }
        for m in [&rules.modality_zh, &rules.modality_en] {
            for l in [&m.crossref, &m.crossref_item, &m.crossref_qualified] {
                for (r, g) in l.list.iter().zip(&l.gates) {
                    if let Some(g) = g {
                        out.push((r, *g));
                    }
                }
            }
        }
        out
    }

    /// The prefilter only skips a regex that cannot match: every regex of the built-in rules that
    /// matches a paragraph (or a sentence) of the fixture contracts was let through for it.
    #[test]
    fn the_prefilter_never_skips_a_regex_that_would_match() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("built-in rules");
        let list = gated(&rules);
        assert!(list.len() > 100, "{} gated regexes", list.len());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixtures")
            .flatten()
            .filter(|d| d.path().is_dir())
            .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        let (mut checked, mut matched, mut skipped) = (0usize, 0usize, 0usize);
        // Every fourth contract keeps the test quick; they are in both languages.
        for path in files.iter().step_by(4) {
            let text = std::fs::read_to_string(path).expect("fixture");
            let pieces = text
                .lines()
                .chain(text.split(['。', '；', ';']))
                .chain(text.split(". "));
            for piece in pieces.filter(|p| !p.trim().is_empty()) {
                let c = rules.prefilter.scan(piece);
                for &(re, g) in &list {
                    checked += 1;
                    if !c.has(g) {
                        skipped += 1;
                        assert!(
                            !re.is_match(piece),
                            "{}: the prefilter skipped /{}/ on {piece:?}",
                            path.display(),
                            re.as_str()
                        );
                    } else if re.is_match(piece) {
                        matched += 1;
                    }
                }
            }
        }
        assert!(
            matched > 1000 && skipped > checked / 2,
            "{checked} {matched} {skipped}"
        );
    }

    #[test]
    fn every_pattern_list_of_the_built_in_rules_builds() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("built-in rules");
        assert!(rules.pattern_lists().len() > 100);
        assert_eq!(rules.check(), Vec::<String>::new());
    }

    /// Loading builds no automaton; the first search builds the list's regex once for every copy
    /// of the rules, and each copy searches with caches of its own.
    #[test]
    fn a_pattern_list_is_built_on_first_use_once_for_all_copies() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("built-in rules");
        let built = |p: &Patterns| p.list.is_built();
        assert!(rules.pattern_lists().iter().all(|p| !built(p)));
        assert!(rules.regex_lists().iter().all(|l| !l.is_built()));
        assert!(rules.regex_lists().len() > 30);
        let exit = &rules.risk("exit").expect("exit").any;
        let copy = rules.fresh();
        let text = "合同终止后，乙方应在三十日内删除甲方数据。";
        assert!(exit.is_match(text, &Candidates::ALL));
        assert!(built(exit));
        assert_eq!(rules.pattern_lists().iter().filter(|p| built(p)).count(), 1);
        let copy_exit = &copy.risk("exit").expect("exit").any;
        assert!(
            copy_exit.list.own.get().is_none(),
            "the copy has its own handle, not yet taken"
        );
        assert!(copy_exit.is_match(text, &Candidates::ALL));
        assert!(Arc::ptr_eq(&exit.list.shared, &copy_exit.list.shared));
        assert!(!copy_exit.is_match("本协议自双方签字之日起生效。", &Candidates::ALL));
    }

    /// What is built can be let go for all copies at once; the next copy to need a list builds
    /// it again and finds what it found before.
    #[test]
    fn built_lists_can_be_let_go_and_are_built_again_on_use() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("built-in rules");
        let text = "合同终止后，乙方应在三十日内删除甲方数据。";
        let copy = rules.fresh();
        assert!(copy
            .risk("exit")
            .expect("exit")
            .any
            .is_match(text, &Candidates::ALL));
        assert!(rules.risk("exit").expect("exit").any.list.is_built());
        drop(copy);
        rules.forget_built();
        assert!(rules.pattern_lists().iter().all(|p| !p.list.is_built()));
        let next = rules.fresh();
        assert!(next
            .risk("exit")
            .expect("exit")
            .any
            .is_match(text, &Candidates::ALL));
        assert!(rules.risk("exit").expect("exit").any.list.is_built());
    }

    /// A pattern the regex crate would refuse is refused when the rules are loaded, though the
    /// regex itself is built later.
    #[test]
    fn a_playbook_with_a_broken_pattern_is_refused_at_load() {
        let mut files = TemplateFiles::builtin();
        let text = files.files.get(RULES_PATH).expect("rules").clone();
        let broken = text.replacen(
            "[[risk]]",
            "[[risk]]\nid = \"broken\"\nany = [\"(终止\"]\n\n[[risk]]",
            1,
        );
        assert_ne!(broken, text);
        files.files.insert(RULES_PATH.to_string(), broken);
        let e = Rules::load(&files).expect_err("a broken pattern");
        assert!(e.to_string().contains("broken.any"), "{e}");
    }

    #[test]
    fn every_whole_text_list_of_the_built_in_rules_is_searched_again_only_near_an_edit() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("built-in rules");
        for (k, cue) in rules.model_cues.iter().enumerate() {
            assert!(
                cue.any.is_empty() || cue.any.local.is_some(),
                "model_cue #{k} ({:?}) has a pattern that can match the empty string, or text of \
                 any length across lines: bound it (`\\w{{1,30}}` rather than `\\w+`) or keep it \
                 within a line, so that a live edit need not search the whole text (rematch.rs)",
                cue.model
            );
        }
    }
}
