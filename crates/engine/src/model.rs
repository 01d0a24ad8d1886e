//! The domain model: clauses, their positions and topics, the reference model, variables.
//!
//! Every type that crosses the IPC boundary derives [`ts_rs::TS`]; the TypeScript in
//! `ui/src/bindings.ts` is generated from these definitions (see `bindings.rs`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language of the contract text. The UI language is a separate setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Cloud deployment model (reference-model.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DeploymentModel {
    Iaas,
    Paas,
    Saas,
}

impl DeploymentModel {
    pub const ALL: [DeploymentModel; 3] = [
        DeploymentModel::Iaas,
        DeploymentModel::Paas,
        DeploymentModel::Saas,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DeploymentModel::Iaas => "iaas",
            DeploymentModel::Paas => "paas",
            DeploymentModel::Saas => "saas",
        }
    }
    pub fn parse(s: &str) -> Option<DeploymentModel> {
        DeploymentModel::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// A clause's negotiating position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// The customer's opening position.
    Preferred,
    /// What the customer can concede to and still sign.
    Fallback,
    /// The typical wording of a provider's paper.
    ProviderForm,
}

impl Position {
    pub const ALL: [Position; 3] = [
        Position::Preferred,
        Position::Fallback,
        Position::ProviderForm,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Preferred => "preferred",
            Position::Fallback => "fallback",
            Position::ProviderForm => "provider_form",
        }
    }
    pub fn parse(s: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Whose interest a clause serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Customer,
    Provider,
    Neutral,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Customer => "customer",
            Side::Provider => "provider",
            Side::Neutral => "neutral",
        }
    }
    pub fn parse(s: &str) -> Option<Side> {
        [Side::Customer, Side::Provider, Side::Neutral]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// A text in both contract languages (parallel versions).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Where a clause came from, and whether the user has changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Seeded from `templates/` and not changed by the user: app updates replace it.
    Seeded,
    /// Seeded, then edited by the user: app updates never overwrite it.
    SeededEdited,
    /// Created by the user (new, duplicated or imported).
    User,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Seeded => "seeded",
            Origin::SeededEdited => "seeded_edited",
            Origin::User => "user",
        }
    }
    pub fn parse(s: &str) -> Option<Origin> {
        [Origin::Seeded, Origin::SeededEdited, Origin::User]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// The editable content of a clause: what a template file holds, what an edit form sends and
/// what a JSON pack carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseContent {
    pub id: String,
    pub topics: Vec<String>,
    pub models: Vec<DeploymentModel>,
    pub position: Position,
    pub side: Side,
    pub basis: Vec<Bilingual>,
    pub title: Bilingual,
    pub body: Bilingual,
    pub guidance: Bilingual,
}

/// A clause as stored in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Clause {
    #[serde(flatten)]
    pub content: ClauseContent,
    /// The library version of this clause: 1 when created, +1 on every edit or seeded update.
    pub version: u32,
    pub origin: Origin,
    /// The `version` of the template file it was seeded from, if any.
    pub template_version: Option<u32>,
    /// Set when a newer template ships for a clause the user edited: the user decides.
    pub template_update_available: Option<u32>,
    /// Placeholders used in the title and body, in order of first use.
    pub placeholders: Vec<String>,
    pub updated_at: String,
}

/// One stored version of a clause (user edits and seeded updates are kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseVersion {
    pub clause_id: String,
    pub version: u32,
    pub source: String,
    pub created_at: String,
    pub content: ClauseContent,
}

/// A short view of a clause for result lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClauseSummary {
    pub id: String,
    pub topics: Vec<String>,
    pub models: Vec<DeploymentModel>,
    pub position: Position,
    pub side: Side,
    pub title: Bilingual,
    pub version: u32,
    pub origin: Origin,
}

/// Filters for listing and searching the library. Empty = no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseFilter {
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(default)]
    pub model: Option<DeploymentModel>,
    #[serde(default)]
    pub position: Option<Position>,
    /// Search only this language's text.
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// A character range (Unicode scalar values) in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// Which field of a clause a search snippet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Body,
    Guidance,
}

/// A piece of matched text with the matches marked as ranges (never as markup).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Snippet {
    pub lang: Lang,
    pub field: Field,
    pub text: String,
    pub highlights: Vec<Span>,
}

/// A search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub clause: ClauseSummary,
    /// Higher is better.
    pub score: f64,
    pub snippets: Vec<Snippet>,
}

/// The kind of a topic id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TopicKind {
    Security,
    Pi,
    Risk,
    General,
}

/// A default allocation in the reference model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Allocation {
    /// Provider.
    P,
    /// Customer.
    C,
    /// Shared.
    S,
}

/// Default allocation of a security item per deployment model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Defaults {
    pub iaas: Allocation,
    pub paas: Allocation,
    pub saas: Allocation,
}

impl Defaults {
    pub fn get(&self, model: DeploymentModel) -> Allocation {
        match model {
            DeploymentModel::Iaas => self.iaas,
            DeploymentModel::Paas => self.paas,
            DeploymentModel::Saas => self.saas,
        }
    }
}

/// Cue words per language (data for the analyzer; shown in the UI as the item's vocabulary).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cues {
    #[serde(default)]
    pub zh: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
}

/// One topic of the reference model: a security item, a PI element, a risk topic or a
/// general (boilerplate) topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Topic {
    pub id: String,
    pub kind: TopicKind,
    pub name: Bilingual,
    /// Security items only.
    pub defaults: Option<Defaults>,
    pub provider_part: Option<Bilingual>,
    pub customer_part: Option<Bilingual>,
    pub note: Option<Bilingual>,
    /// PI elements: the legal basis.
    pub basis: Option<Bilingual>,
    /// Risk topics: the provider-form position and the customer-side position.
    pub provider_form: Option<Bilingual>,
    pub customer_position: Option<Bilingual>,
    pub cues: Cues,
}

/// The reference model (templates/model/reference-model.toml).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ReferenceModel {
    pub version: u32,
    pub topics: Vec<Topic>,
}

impl ReferenceModel {
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
    pub fn ids(&self, kind: TopicKind) -> impl Iterator<Item = &str> {
        self.topics
            .iter()
            .filter(move |t| t.kind == kind)
            .map(|t| t.id.as_str())
    }
}

/// The kind of value a placeholder takes (drives the form field in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VariableKind {
    Text,
    Number,
    Percent,
    Money,
    DurationHours,
    DurationDays,
}

/// A registered placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Variable {
    pub name: String,
    pub kind: VariableKind,
    pub label: Bilingual,
    pub default: Bilingual,
}

/// A section of a contract template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContractSection {
    pub title: Bilingual,
    pub clauses: Vec<String>,
}

/// A contract template assembled from clause ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContractTemplate {
    pub id: String,
    pub version: u32,
    /// `None` = fits any deployment model (the DPA).
    pub model: Option<DeploymentModel>,
    pub kind: String,
    pub title: Bilingual,
    pub preamble: Bilingual,
    pub sections: Vec<ContractSection>,
    pub signature: Bilingual,
}

/// Counts for the status bar and the CLI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LibraryStats {
    pub clauses: u32,
    pub seeded: u32,
    pub edited: u32,
    pub user: u32,
    pub updates_available: u32,
}

/// UI language (separate from the contract language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum UiLang {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

/// How the clause view shows the two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BilingualView {
    SideBySide,
    ZhOnly,
    EnOnly,
}

/// User settings, remembered in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub ui_lang: UiLang,
    pub bilingual_view: BilingualView,
    /// Name used as the author of comments and versions.
    #[serde(default)]
    pub author: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_lang: UiLang::ZhCn,
            bilingual_view: BilingualView::SideBySide,
            author: String::new(),
        }
    }
}
