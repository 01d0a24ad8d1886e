// Typed wrappers around the Tauri commands of the Rust side. Every command rejects with an
// `Error` value from bindings.ts; anything else (a JS exception, a string from Tauri itself)
// is normalised into the `unknown` kind so the UI has one error shape to show.
import { invoke } from '@tauri-apps/api/core';
import type {
  AnalysisResult, AppInfo, Block, Clause, ClauseContent, ClauseFilter, ClauseSummary, ClauseVersion, ContractTemplate, Created, DeploymentModel, Draft, DraftAnalysis, DraftComment, DraftDoc, DraftMeta, DraftSummary, DraftVersion, DraftVersionContent, Error as CommandError, ExportOutcome, ExportRequest, FindingComments, FromTemplate, ImportReport, Lang, NewComment, Perspective, ReferenceModel, RestoreOutcome, SaveReport, SearchHit, Settings, Variable,
} from './bindings';

export type AppError = CommandError | { kind: 'unknown'; data: { message: string } };
export type ErrorKind = AppError['kind'];

// Every kind of bindings.ts `Error`: the Record type makes tsc fail when the Rust side adds one.
const KIND_NAMES: Record<CommandError['kind'], true> = {
  database_too_new: true, database_open: true, database: true, clause_not_found: true, clause_exists: true,
  invalid_clause: true, templates_unreadable: true, invalid_templates: true, invalid_pack: true, io: true,
  invalid_document: true, document_too_large: true, draft_not_found: true, version_not_found: true, empty_query: true,
  invalid_input: true, starting: true,
};
const KINDS: ReadonlySet<string> = new Set(Object.keys(KIND_NAMES));

export function toAppError(e: unknown): AppError {
  if (typeof e === 'object' && e !== null && 'kind' in e && KINDS.has(String((e as { kind: unknown }).kind))) {
    return e as CommandError;
  }
  const message = e instanceof globalThis.Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  return { kind: 'unknown', data: { message } };
}

/** How many times a command told `starting` is asked again (each time after `app_ready`). */
const STARTING_RETRIES = 20;

/**
 * Rejects with an AppError, never with anything else. The window opens before the library does:
 * a command that answers `starting` is asked again once `app_ready` says the library is open.
 */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await invoke<T>(cmd, args);
    } catch (e) {
      const err = toAppError(e);
      if (err.kind !== 'starting' || attempt >= STARTING_RETRIES) throw err;
      await invoke('app_ready').catch(() => undefined);
    }
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  referenceModel: () => call<ReferenceModel>('reference_model'),
  variables: () => call<Variable[]>('variables'),
  contractTemplates: () => call<ContractTemplate[]>('contract_templates'),
  libraryList: (filter: ClauseFilter) => call<ClauseSummary[]>('library_list', { filter }),
  librarySearch: (query: string, filter: ClauseFilter, limit: number) =>
    call<SearchHit[]>('library_search', { query, filter, limit }),
  libraryGet: (id: string) => call<Clause>('library_get', { id }),
  libraryVersions: (id: string) => call<ClauseVersion[]>('library_versions', { id }),
  libraryCreate: (content: ClauseContent) => call<Clause>('library_create', { content }),
  libraryUpdate: (content: ClauseContent) => call<Clause>('library_update', { content }),
  libraryDuplicate: (id: string) => call<Clause>('library_duplicate', { id }),
  libraryDelete: (id: string) => call<null>('library_delete', { id }),
  libraryAdoptTemplate: (id: string) => call<Clause>('library_adopt_template', { id }),
  libraryExportPack: () => call<string | null>('library_export_pack'),
  libraryImportPack: () => call<ImportReport | null>('library_import_pack'),
  /** Native save dialog, then a consistent copy of the whole database; null when cancelled. */
  libraryBackup: () => call<string | null>('library_backup'),
  /** Native open dialog, then the whole database replaced by the backup; null when cancelled. */
  libraryRestore: () => call<RestoreOutcome | null>('library_restore'),
  settingsSet: (settings: Settings) => call<Settings>('settings_set', { settings }),
  analyzeSample: (model: DeploymentModel | null, perspective: Perspective) =>
    call<AnalysisResult>('analyze_sample', { model, perspective }),
  /** Native open dialog; null when cancelled. */
  analyzePick: (model: DeploymentModel | null, perspective: Perspective) =>
    call<AnalysisResult | null>('analyze_pick', { model, perspective }),
  /** A dropped file: its bytes as a plain number array (Tauri serialises Vec<u8> that way). */
  analyzeAgain: (model: DeploymentModel | null, perspective: Perspective) =>
    call<AnalysisResult>('analyze_again', { model, perspective }),
  analyzeBytes: (name: string, bytes: number[], model: DeploymentModel | null, perspective: Perspective) =>
    call<AnalysisResult>('analyze_bytes', { name, bytes, model, perspective }),
  /** Native save dialog; the saved path, or null when cancelled. */
  exportPng: (suggestedName: string, bytes: number[]) => call<string | null>('export_png', { suggestedName, bytes }),
  draftList: () => call<DraftSummary[]>('draft_list'),
  draftGet: (id: number) => call<Draft>('draft_get', { id }),
  draftNewFromTemplate: (request: FromTemplate) => call<Created>('draft_new_from_template', { request }),
  draftNewBlank: (meta: DraftMeta) => call<Draft>('draft_new_blank', { meta }),
  /** Native open dialog (.docx, .md, .txt); null when cancelled. */
  draftImportPick: () => call<Draft | null>('draft_import_pick'),
  draftSave: (id: number, doc: DraftDoc, meta: DraftMeta) => call<SaveReport>('draft_save', { id, doc, meta }),
  draftNameVersion: (id: number, name: string) => call<DraftVersion>('draft_name_version', { id, name }),
  draftVersions: (id: number) => call<DraftVersion[]>('draft_versions', { id }),
  draftVersion: (id: number, number: number) => call<DraftVersionContent>('draft_version', { id, number }),
  draftRestore: (id: number, number: number) => call<Draft>('draft_restore', { id, number }),
  draftDelete: (id: number) => call<null>('draft_delete', { id }),
  /** A library clause as blocks, its placeholders filled from `variables` (else the registry defaults). */
  draftClauseBlocks: (id: string, lang: Lang, variables: Record<string, string>) =>
    call<Block[]>('draft_clause_blocks', { id, lang, variables }),
  draftAnalyze: (doc: DraftDoc, lang: Lang, model: DeploymentModel | null, perspective: Perspective) =>
    call<DraftAnalysis>('draft_analyze', { doc, lang, model, perspective }),
  commentsList: (id: number) => call<DraftComment[]>('comments_list', { id }),
  /** New threads or replies; an empty author is the one in the settings. */
  commentsAdd: (id: number, comments: NewComment[]) => call<DraftComment[]>('comments_add', { id, comments }),
  commentSetResolved: (id: number, comment: string, resolved: boolean) =>
    call<null>('comment_set_resolved', { id, comment, resolved }),
  commentEdit: (id: number, comment: string, body: string) => call<null>('comment_edit', { id, comment, body }),
  commentDelete: (id: number, comment: string) => call<null>('comment_delete', { id, comment }),
  /** Findings of the document not yet commented (`only`: one finding) as stored comments + the annotated doc. */
  commentsFromFindings: (id: number, doc: DraftDoc, lang: Lang, model: DeploymentModel | null, perspective: Perspective, only: string | null) =>
    call<FindingComments>('comments_from_findings', { id, doc, lang, model, perspective, only }),
  /** Exports the stored draft; native save dialog (path null when cancelled); PDF opens a print window. */
  draftExport: (id: number, request: ExportRequest) => call<ExportOutcome>('draft_export', { id, request }),
  /** The window may close now (everything is saved). */
  appQuit: () => call<null>('app_quit'),
};
