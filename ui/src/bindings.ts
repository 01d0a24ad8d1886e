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

export type Error = { "kind": "database_too_new", "data": { path: string, found: number, supported: number, } } | { "kind": "database_open", "data": { path: string, reason: string, } } | { "kind": "database", "data": { message: string, } } | { "kind": "clause_not_found", "data": { id: string, } } | { "kind": "clause_exists", "data": { id: string, } } | { "kind": "invalid_clause", "data": { problems: Array<string>, } } | { "kind": "templates_unreadable", "data": { path: string, reason: string, } } | { "kind": "invalid_templates", "data": { problems: Array<TemplateProblem>, } } | { "kind": "invalid_pack", "data": { reason: string, } } | { "kind": "io", "data": { path: string, reason: string, } } | { "kind": "invalid_document", "data": { name: string, reason: string, } } | { "kind": "document_too_large", "data": { name: string, size_mb: number, limit_mb: number, } } | { "kind": "draft_not_found", "data": { id: number, } } | { "kind": "version_not_found", "data": { id: number, version: number, } } | { "kind": "empty_query" } | { "kind": "invalid_input", "data": { message: string, } } | { "kind": "starting" };

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

export type SourceFormat = "docx" | "markdown" | "text" | "draft";

export type BlockKind = "heading" | "paragraph" | "list_item" | "table_row";

export type ClauseSpan = { 
/**
 * The clause number as printed, composed with its parents where the print does so by
 * convention: "4.2", "3.3(a)", "第五条（一）", "三（一）1", "Schedule 2 row 4", "附件一",
 * "Annex II §3". Empty for unnumbered preamble text.
 */
number: string, 
/**
 * Heading text of the clause if it has one ("Security Responsibilities", "数据安全").
 */
heading: string | null, 
/**
 * Nesting depth, 0 for top-level articles.
 */
level: number, kind: BlockKind, 
/**
 * Char range of the clause's own text in `Document::text` (number included).
 */
start: number, end: number, 
/**
 * Index of the parent clause in `Document::clauses`.
 */
parent: number | null, };

export type Document = { format: SourceFormat, title: string | null, 
/**
 * The plain text that was analysed; every offset points into it.
 */
text: string, clauses: Array<ClauseSpan>, };

export type Perspective = "customer" | "provider";

export type Found = "provider" | "customer" | "shared" | "disclaimed" | "absent";

export type Gap = "missing" | "inverted" | "one_sided" | "disclaimed" | "hedged";

export type Severity = "low" | "medium" | "high";

export type Evidence = { clause: string, 
/**
 * Char offsets (Unicode scalar values) into the analysed text.
 */
start: number, end: number, quote: string, };

export type SecurityRow = { id: string, name: Bilingual, allocation: Found, split_specified: boolean | null, expected: Allocation, 
/**
 * Whether the default is the standard's (IaaS) or derived (PaaS/SaaS).
 */
expected_source: string, gap: Gap | null, hedged: boolean, severity: Severity | null, evidence: Array<Evidence>, explanation: Bilingual, suggested_clauses: Array<string>, };

export type PiRow = { id: string, name: Bilingual, present: boolean, severity: Severity | null, evidence: Array<Evidence>, explanation: Bilingual, suggested_clauses: Array<string>, };

export type RiskRow = { id: string, name: Bilingual, present: boolean, customer_unfavourable: boolean | null, severity: Severity | null, evidence: Array<Evidence>, explanation: Bilingual, suggested_clauses: Array<string>, };

export type Role = "provider" | "customer" | "both";

export type Parties = { provider: Array<string>, customer: Array<string>, };

export type Report = { deployment_model: DeploymentModel, deployment_model_source: string, 
/**
 * Scores of the detection, for the UI to show how sure it is.
 */
model_scores: Array<[DeploymentModel, number]>, perspective: Perspective, language: string, parties: Parties, clause_count: number, security: Array<SecurityRow>, pi: Array<PiRow>, 
/**
 * Whether the contract entrusts personal information to the provider at all.
 */
pi_applicable: boolean, risks: Array<RiskRow>, warnings: Array<Bilingual>, };

export type AnalysisResult = { name: string, document: Document, report: Report, };

export type DraftDoc = { type: "doc", content: Array<Block>, };

export type Block = { "type": "heading", attrs: HeadingAttrs, content?: Array<Inline>, } | { "type": "paragraph", content?: Array<Inline>, } | { "type": "clause", attrs: ClauseAttrs, content?: Array<Inline>, } | { "type": "bullet_list", content: Array<ListItem>, } | { "type": "ordered_list", attrs: OrderedListAttrs, content: Array<ListItem>, } | { "type": "table", content: Array<TableRow>, };

export type HeadingAttrs = { 
/**
 * 1..=3.
 */
level: number, };

export type ClauseAttrs = { 
/**
 * 1..=4: article, sub-clause (1.1), item (（一）/(a)), sub-item.
 */
level: number, 
/**
 * The number as printed in an imported document ("第五条", "4.2", "(a)", "Schedule 2");
 * `None`: numbered automatically by position.
 */
number: string | null, };

export type OrderedListAttrs = { order: number, };

export type ListItem = { "type": "ListItem", content: Array<Block>, };

export type TableRow = { "type": "TableRow", content: Array<TableCell>, };

export type TableCell = { "type": "table_cell", attrs: CellAttrs, content: Array<Block>, } | { "type": "table_header", attrs: CellAttrs, content: Array<Block>, };

export type CellAttrs = { colspan: number, rowspan: number, colwidth: Array<number> | null, };

export type Inline = { "type": "text", text: string, marks?: Array<Mark>, } | { "type": "hard_break" };

export type Mark = { "type": "bold" } | { "type": "italic" } | { "type": "underline" } | { "type": "comment", attrs: CommentAttrs, } | { "type": "insertion", attrs: TrackAttrs, } | { "type": "deletion", attrs: TrackAttrs, };

export type CommentAttrs = { id: string, };

export type Segment = { 
/**
 * Child indexes from the document down to the text block (heading, paragraph or clause):
 * `[3]` is the fourth top-level block, `[5, 1, 2, 0]` the first paragraph of the third cell
 * of the second row of the table at index 5.
 */
path: Array<number>, 
/**
 * Char offset in `Document::text` where the block's own text starts (after any number).
 */
start: number, 
/**
 * Chars of the block's text (a hard break counts as one).
 */
len: number, };

export type Rendered = { document: Document, segments: Array<Segment>, };

export type DraftMeta = { title: string, lang: Lang, model: DeploymentModel | null, 
/**
 * The matter it belongs to ("Acme cloud migration").
 */
matter: string, 
/**
 * Who is on the other side ("Example Cloud Ltd.").
 */
counterpart: string, 
/**
 * Placeholder values (party names, region, notice days…), used when clauses are inserted.
 */
variables: { [key in string]: string }, };

export type DraftSummary = { id: number, meta: DraftMeta, source: string, revision: number, created_at: string, updated_at: string, versions: number, };

export type Draft = { id: number, meta: DraftMeta, doc: DraftDoc, source: string, revision: number, created_at: string, updated_at: string, };

export type VersionKind = "created" | "autosave" | "named" | "before_restore";

export type DraftVersion = { number: number, kind: VersionKind, name: string | null, created_at: string, title: string, };

export type DraftVersionContent = { version: DraftVersion, meta: DraftMeta, doc: DraftDoc, };

export type SaveReport = { revision: number, updated_at: string, 
/**
 * The autosave version taken before this save overwrote the stored text, if one was due.
 */
snapshot: number | null, };

export type FromTemplate = { template: string, lang: Lang, matter: string, counterpart: string, variables: { [key in string]: string }, };

export type Created = { draft: Draft, missing_clauses: Array<string>, };

export type DraftComment = { id: string, parent: string | null, author: string, body: string, resolved: boolean, 
/**
 * "finding:ID" when the comment was made from an analyzer finding.
 */
source: string | null, created_at: string, };

export type NewComment = { id: string, parent: string | null, author: string, body: string, source: string | null, };

export type Finding = { 
/**
 * The item, PI element or risk id ("security.data_encryption", "pi.purpose", "sla").
 */
id: string, kind: FindingKind, name: Bilingual, severity: Severity, explanation: Bilingual, evidence: Array<Evidence>, suggested_clauses: Array<string>, };

export type FindingKind = "security" | "personal_information" | "risk";

export type Change = { "op": "equal", "text": string } | { "op": "insert", "text": string } | { "op": "delete", "text": string };

export type ExportFormat = "docx" | "html" | "pdf" | "md" | "json";

export type CommentChoice = "findings" | "draft" | "all" | "none";

export type RedlineChoice = { "kind": "none" } | { "kind": "model" } | { "kind": "version", "version": number };

export type ExportRequest = { format: ExportFormat, comments: CommentChoice, redline: RedlineChoice, appendix: boolean, 
/**
 * Author of the finding comments and of the tracked changes.
 */
author: string, 
/**
 * The deployment model to analyse for; the draft's (or detected) when absent.
 */
model: DeploymentModel | null, };

export type ExportOutcome = { format: ExportFormat, path: string | null, comments: number, 
/**
 * PDF: the report was opened in a print window (the system print dialog saves the PDF).
 */
printed: boolean, };

export type FindingComments = { doc: DraftDoc, comments: Array<DraftComment>, };

export type OpKind = "equal" | "insert" | "delete";

export type Op = { op: OpKind, text: string, 
/**
 * Set on a deleted and an inserted passage with the same text: the passage moved. The two
 * ops carry the same number.
 */
moved?: number, };

export type RedlineOptions = { 
/**
 * Show white space, clause numbers, full-width/half-width punctuation and quote styles as
 * changes (by default they are normalised away).
 */
show_formatting: boolean, };

export type AlignOptions = { 
/**
 * Show formatting differences in the redlines (see [`RedlineOptions`]).
 */
show_formatting: boolean, 
/**
 * Least similarity (0–1) for a model clause to count as the draft clause's counterpart.
 */
threshold: number, };

export type Candidate = { model_clause: string, similarity: number, };

export type ClauseAlignment = { 
/**
 * The clause number as printed ("4.2", "第五条（一）"; "" for unnumbered text).
 */
clause: string, 
/**
 * Index in `Document::clauses`, if the unit is a clause.
 */
index: number | null, 
/**
 * Char range of the unit in `Document::text` (sub-clauses included when they are part of it).
 */
start: number, end: number, lang: Lang, 
/**
 * Topic ids the analyzer's cues find in the clause.
 */
topics: Array<string>, 
/**
 * The matching model clause; `None` when no clause reaches the threshold.
 */
model_clause: string | null, 
/**
 * Similarity to `model_clause` (to the nearest clause when there is none), 0–1.
 */
similarity: number, 
/**
 * The next best model clause (the nearest one, below the threshold, when there is no match).
 */
runner_up: Candidate | null, 
/**
 * The redline: `delete` is model text the draft lacks, `insert` draft text the model lacks;
 * the `equal` and `insert` ops are the draft's text of `start..end` (trailing space trimmed).
 */
ops: Array<Op>, };

export type Alignment = { alignments: Array<ClauseAlignment>, 
/**
 * Topics of the library (boilerplate `general.*` aside) that no draft clause addresses.
 */
missing_topics: Array<string>, };

export type ChangeKind = "unchanged" | "modified" | "inserted" | "deleted" | "moved" | "moved_away";

export type ClauseChange = { kind: ChangeKind, 
/**
 * The clause number as printed in the old and the new version ("" for unnumbered text).
 */
old_clause: string | null, new_clause: string | null, 
/**
 * Char ranges in the old and the new `Document::text`.
 */
old_start: number | null, old_end: number | null, new_start: number | null, new_end: number | null, 
/**
 * Similarity of the old and the new text (1 for unchanged, 0 for inserted or deleted).
 */
similarity: number, 
/**
 * The same number on a `moved` clause and its `moved_away` place.
 */
moved: number | null, 
/**
 * The clause's text as a redline (one `equal` op when unchanged, none where it moved away).
 */
ops: Array<Op>, };

export type CompareStats = { unchanged: number, modified: number, inserted: number, deleted: number, moved: number, };

export type Comparison = { changes: Array<ClauseChange>, stats: CompareStats, };

export type DraftAnalysis = { report: Report, segments: Array<Segment>, };

export type TrackAttrs = { author: string, date: string, };

export type CandidateRedline = { model_clause: string, 
/**
 * Similarity to the draft clause, 0–1.
 */
similarity: number, 
/**
 * The model clause itself (title, body, guidance …).
 */
clause: Clause, 
/**
 * Model (placeholders filled with the draft's wording) → draft; the `equal` and `insert`
 * ops are `text` with trailing white space trimmed.
 */
ops: Array<Op>, };

export type DraftAlignment = { alignment: Alignment, 
/**
 * The rendered text the alignment's char ranges refer to.
 */
text: string, 
/**
 * Where each block's text is in `text` (as in `DraftAnalysis`).
 */
segments: Array<Segment>, };

export type RestoreOutcome = { restored_from: string, previous_kept_at: string, };

