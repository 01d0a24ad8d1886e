// Generated from the Rust types in crates/engine by ts-rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p cloudclause-engine bindings

export type Lang = "zh" | "en";

export type DeploymentModel = "iaas" | "paas" | "saas";

export type Position = "preferred" | "fallback" | "provider_form";

export type Side = "customer" | "provider" | "neutral";

export type Bilingual = { zh: string, en: string, };

export type Origin = "seeded" | "seeded_edited" | "user";

export type ClauseContent = { id: string, topics: Array<string>, models: Array<DeploymentModel>, position: Position, side: Side, basis: Array<Bilingual>, title: Bilingual, body: Bilingual, guidance: Bilingual, };

export type Clause = { 
/**
 * The library version of this clause: 1 when created, +1 on every edit or seeded update.
 */
version: number, origin: Origin, 
/**
 * The `version` of the template file it was seeded from, if any.
 */
template_version: number | null, 
/**
 * Set when a newer template ships for a clause the user edited: the user decides.
 */
template_update_available: number | null, 
/**
 * Placeholders used in the title and body, in order of first use.
 */
placeholders: Array<string>, updated_at: string, id: string, topics: Array<string>, models: Array<DeploymentModel>, position: Position, side: Side, basis: Array<Bilingual>, title: Bilingual, body: Bilingual, guidance: Bilingual, };

export type ClauseVersion = { clause_id: string, version: number, source: string, created_at: string, content: ClauseContent, };

export type ClauseSummary = { id: string, topics: Array<string>, models: Array<DeploymentModel>, position: Position, side: Side, title: Bilingual, version: number, origin: Origin, };

export type ClauseFilter = { topic: string | null, model: DeploymentModel | null, position: Position | null, 
/**
 * Search only this language's text.
 */
lang: Lang | null, };

export type Span = { start: number, end: number, };

export type Field = "title" | "body" | "guidance";

export type Snippet = { lang: Lang, field: Field, text: string, highlights: Array<Span>, };

export type SearchHit = { clause: ClauseSummary, 
/**
 * Higher is better.
 */
score: number, snippets: Array<Snippet>, };

export type TopicKind = "security" | "pi" | "risk" | "general";

export type Allocation = "P" | "C" | "S";

export type Defaults = { iaas: Allocation, paas: Allocation, saas: Allocation, };

export type Cues = { zh: Array<string>, en: Array<string>, };

export type Topic = { id: string, kind: TopicKind, name: Bilingual, 
/**
 * Security items only.
 */
defaults: Defaults | null, provider_part: Bilingual | null, customer_part: Bilingual | null, note: Bilingual | null, 
/**
 * PI elements: the legal basis.
 */
basis: Bilingual | null, 
/**
 * Risk topics: the provider-form position and the customer-side position.
 */
provider_form: Bilingual | null, customer_position: Bilingual | null, cues: Cues, };

export type ReferenceModel = { version: number, topics: Array<Topic>, };

export type VariableKind = "text" | "number" | "percent" | "money" | "duration_hours" | "duration_days";

export type Variable = { name: string, kind: VariableKind, label: Bilingual, default: Bilingual, };

export type ContractSection = { title: Bilingual, clauses: Array<string>, };

export type ContractTemplate = { id: string, version: number, 
/**
 * `None` = fits any deployment model (the DPA).
 */
model: DeploymentModel | null, kind: string, title: Bilingual, preamble: Bilingual, sections: Array<ContractSection>, signature: Bilingual, };

export type LibraryStats = { clauses: number, seeded: number, edited: number, user: number, updates_available: number, };

export type UiLang = "zh-CN" | "en";

export type BilingualView = "side_by_side" | "zh_only" | "en_only";

export type Settings = { ui_lang: UiLang, bilingual_view: BilingualView, 
/**
 * Name used as the author of comments and versions.
 */
author: string, };

export type TemplateProblem = { path: string, line: number, message: string, };

export type Error = { "kind": "database_too_new", "data": { path: string, found: number, supported: number, } } | { "kind": "database_open", "data": { path: string, reason: string, } } | { "kind": "database", "data": { message: string, } } | { "kind": "clause_not_found", "data": { id: string, } } | { "kind": "clause_exists", "data": { id: string, } } | { "kind": "invalid_clause", "data": { problems: Array<string>, } } | { "kind": "templates_unreadable", "data": { path: string, reason: string, } } | { "kind": "invalid_templates", "data": { problems: Array<TemplateProblem>, } } | { "kind": "invalid_pack", "data": { reason: string, } } | { "kind": "io", "data": { path: string, reason: string, } } | { "kind": "invalid_document", "data": { name: string, reason: string, } } | { "kind": "document_too_large", "data": { name: string, size_mb: number, limit_mb: number, } } | { "kind": "empty_query" } | { "kind": "invalid_input", "data": { message: string, } };

export type SeedReport = { 
/**
 * False when the templates had not changed since the last seeding.
 */
ran: boolean, added: number, updated: number, 
/**
 * Edited by the user: kept, and flagged as having a newer template.
 */
kept_user_edits: number, problems: Array<TemplateProblem>, };

export type ImportReport = { added: number, updated: number, unchanged: number, };

export type LibraryPack = { format: string, format_version: number, clauses: Array<PackClause>, };

export type PackClause = { version: number, id: string, topics: Array<string>, models: Array<DeploymentModel>, position: Position, side: Side, basis: Array<Bilingual>, title: Bilingual, body: Bilingual, guidance: Bilingual, };

export type AppInfo = { version: string, database: string, schema_version: number, stats: LibraryStats, seed: SeedReport, settings: Settings, };

