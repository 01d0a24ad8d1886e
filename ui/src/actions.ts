// Everything the screen does: calls the commands, then updates the state and names the regions
// to re-render. Views call these; they never call the API themselves.
import { api, toAppError } from './api';
import { saveNow } from './draft-actions';
import type { BilingualView, Clause, ClauseContent, ClauseFilter, UiLang } from './bindings';
import { setUiLang, t } from './i18n';
import { setModel, state, update, type ResultItem } from './state';

const SEARCH_LIMIT = 100;
let resultsSeq = 0;
let clauseSeq = 0;

/** Errors that make the library unusable: a later, secondary error must not hide them. */
const FATAL = new Set(['database_too_new', 'database_open', 'templates_unreadable']);

export function showError(e: unknown): void {
  const error = toAppError(e);
  if (state.error && FATAL.has(state.error.kind) && !FATAL.has(error.kind)) return;
  update({ error }, 'status');
  if (error.kind === 'clause_not_found') {
    // The clause vanished (deleted elsewhere): drop it from view and refresh the list.
    if (state.mode === 'view' && state.clause?.id === error.data.id) update({ clause: null, versions: [], mode: 'view', draft: null }, 'clause');
    void loadResults();
  }
}

export function dismissError(): void {
  update({ error: null }, 'status');
}

function notify(notice: string): void {
  update({ notice }, 'status');
}

export async function init(): Promise<void> {
  try {
    const info = await api.appInfo();
    setUiLang(info.settings.ui_lang);
    // A restore reloads the page: say what it did once the page is back.
    const notice = sessionStorage.getItem('cloudclause.notice');
    sessionStorage.removeItem('cloudclause.notice');
    update({ info, settings: info.settings, ...(notice ? { notice } : {}) }, 'all');
  } catch (e) {
    update({}, 'all');
    showError(e);
  }
  try {
    const [model, variables] = await Promise.all([api.referenceModel(), api.variables()]);
    setModel(model, variables);
    update({}, 'filters', 'results', 'clause');
  } catch (e) {
    showError(e);
  }
  await loadResults();
}

async function refreshInfo(): Promise<void> {
  try {
    update({ info: await api.appInfo() }, 'status');
  } catch (e) {
    showError(e);
  }
}

export async function loadResults(): Promise<void> {
  const seq = ++resultsSeq;
  const query = state.query.trim();
  const filter: ClauseFilter = { ...state.filter };
  update({ loadingResults: true, cursor: -1 }, 'results');
  try {
    let results: ResultItem[];
    if (query === '') {
      const list = await api.libraryList({ ...filter, lang: null });
      results = list.map((clause) => ({ clause, snippets: null }));
    } else {
      const hits = await api.librarySearch(query, filter, SEARCH_LIMIT);
      results = hits.map((hit) => ({ clause: hit.clause, snippets: hit.snippets }));
    }
    if (seq !== resultsSeq) return; // a newer request has been sent
    update({ results, loadingResults: false, cursor: -1 }, 'results');
  } catch (e) {
    if (seq !== resultsSeq) return;
    update({ results: [], loadingResults: false, cursor: -1 }, 'results');
    const err = toAppError(e);
    if (err.kind !== 'empty_query') showError(err);
  }
}

export function setQuery(query: string): Promise<void> {
  state.query = query;
  return loadResults();
}

export function setFilter(patch: Partial<ClauseFilter>): Promise<void> {
  update({ filter: { ...state.filter, ...patch } }, 'filters');
  return loadResults();
}

export function resetFilter(): Promise<void> {
  return setFilter({ topic: null, model: null, position: null, lang: null });
}

export function moveCursor(delta: number): void {
  const n = state.results.length;
  if (n === 0) return;
  let cursor = state.cursor < 0 ? (delta > 0 ? 0 : n - 1) : state.cursor + delta;
  cursor = Math.max(0, Math.min(n - 1, cursor));
  update({ cursor }, 'cursor');
}

/** Opens the result under the cursor; false if there is none. */
export function openCursor(): boolean {
  const item = state.results[state.cursor];
  if (!item) return false;
  void openClause(item.clause.id);
  return true;
}

export async function openClause(id: string): Promise<void> {
  const seq = ++clauseSeq;
  const cursor = state.results.findIndex((r) => r.clause.id === id);
  update({ mode: 'view', draft: null, formProblems: [], confirmingDelete: false, cursor }, 'clause', 'cursor');
  try {
    const [clause, versions] = await Promise.all([api.libraryGet(id), api.libraryVersions(id)]);
    if (seq !== clauseSeq) return;
    update({ clause, versions }, 'clause', 'cursor');
  } catch (e) {
    if (seq !== clauseSeq) return;
    showError(e);
  }
}

function contentOf(c: Clause): ClauseContent {
  return {
    id: c.id,
    topics: [...c.topics],
    models: [...c.models],
    position: c.position,
    side: c.side,
    basis: c.basis.map((b) => ({ ...b })),
    title: { ...c.title },
    body: { ...c.body },
    guidance: { ...c.guidance },
  };
}

function emptyContent(): ClauseContent {
  return {
    id: '',
    topics: state.filter.topic ? [state.filter.topic] : [],
    models: ['iaas', 'paas', 'saas'],
    position: state.filter.position ?? 'preferred',
    side: 'customer',
    basis: [],
    title: { zh: '', en: '' },
    body: { zh: '', en: '' },
    guidance: { zh: '', en: '' },
  };
}

export function startEdit(): void {
  if (!state.clause) return;
  update({ mode: 'edit', draft: contentOf(state.clause), formProblems: [], confirmingDelete: false }, 'clause');
}

export function startNew(): void {
  update({ mode: 'new', draft: emptyContent(), formProblems: [], confirmingDelete: false }, 'clause');
}

export function cancelForm(): void {
  update({ mode: 'view', draft: null, formProblems: [], saving: false }, 'clause');
}

export async function saveForm(): Promise<void> {
  const draft = state.draft;
  if (!draft || state.saving) return;
  const creating = state.mode === 'new';
  update({ saving: true }, 'form');
  try {
    const content: ClauseContent = { ...draft, id: draft.id.trim(), basis: draft.basis.filter((b) => b.zh.trim() || b.en.trim()) };
    const clause = creating ? await api.libraryCreate(content) : await api.libraryUpdate(content);
    update({ saving: false, mode: 'view', draft: null, formProblems: [] }, 'clause');
    notify(creating ? t('notice.created', { id: clause.id }) : t('notice.saved', { id: clause.id, n: clause.version }));
    await afterMutation(clause.id);
  } catch (e) {
    const err = toAppError(e);
    if (err.kind === 'invalid_clause') {
      update({ saving: false, formProblems: err.data.problems }, 'form');
    } else {
      update({ saving: false }, 'form');
      showError(err);
    }
  }
}

async function afterMutation(openId: string | null): Promise<void> {
  await Promise.all([loadResults(), refreshInfo()]);
  if (openId) await openClause(openId);
  else update({ clause: null, versions: [] }, 'clause');
}

export async function duplicateClause(): Promise<void> {
  if (!state.clause) return;
  try {
    const copy = await api.libraryDuplicate(state.clause.id);
    notify(t('notice.duplicated', { id: copy.id }));
    await afterMutation(copy.id);
  } catch (e) {
    showError(e);
  }
}

export function askDelete(confirming: boolean): void {
  update({ confirmingDelete: confirming }, 'clause');
}

export async function deleteClause(): Promise<void> {
  if (!state.clause) return;
  const id = state.clause.id;
  try {
    await api.libraryDelete(id);
    update({ confirmingDelete: false }, 'clause');
    notify(t('notice.deleted', { id }));
    await afterMutation(null);
  } catch (e) {
    showError(e);
  }
}

export async function adoptTemplate(): Promise<void> {
  if (!state.clause) return;
  try {
    const clause = await api.libraryAdoptTemplate(state.clause.id);
    notify(t('notice.adopted', { id: clause.id, n: clause.template_version ?? clause.version }));
    await afterMutation(clause.id);
  } catch (e) {
    showError(e);
  }
}

export async function exportPack(): Promise<void> {
  try {
    const path = await api.libraryExportPack();
    notify(path === null ? t('notice.cancelled') : t('notice.exported', { path }));
  } catch (e) {
    showError(e);
  }
}

/** Whether the footer is asking to confirm a restore. */
export let confirmingRestore = false;

export async function backupDatabase(): Promise<void> {
  try {
    const path = await api.libraryBackup();
    notify(path === null ? t('notice.cancelled') : t('notice.backedUp', { path }));
  } catch (e) {
    showError(e);
  }
}

export function askRestore(ask: boolean): void {
  confirmingRestore = ask;
  update({}, 'status');
}

/** Replaces everything with a backup, then reloads the page on the restored database (drafts
 * open in the editor were saved before; the replaced database is kept beside the new one). */
export async function restoreDatabase(): Promise<void> {
  confirmingRestore = false;
  try {
    await saveNow(); // the copy kept before the restore has the last keystrokes too
    const outcome = await api.libraryRestore();
    if (outcome === null) {
      notify(t('notice.cancelled'));
      return;
    }
    sessionStorage.setItem('cloudclause.notice', t('notice.restored', { from: outcome.restored_from, kept: outcome.previous_kept_at }));
    window.location.reload();
  } catch (e) {
    showError(e);
  }
}

export async function importPack(): Promise<void> {
  try {
    const report = await api.libraryImportPack();
    if (report === null) {
      notify(t('notice.cancelled'));
      return;
    }
    notify(t('notice.imported', { ...report }));
    await afterMutation(state.clause?.id ?? null);
  } catch (e) {
    showError(e);
  }
}

async function saveSettings(patch: Partial<typeof state.settings>): Promise<void> {
  const settings = { ...state.settings, ...patch };
  update({ settings }, 'all');
  try {
    const saved = await api.settingsSet(settings);
    const changed = saved.ui_lang !== state.settings.ui_lang || saved.bilingual_view !== state.settings.bilingual_view;
    if (changed) setUiLang(saved.ui_lang);
    update({ settings: saved }, ...(changed ? ['all' as const] : []));
  } catch (e) {
    showError(e);
  }
}

export function chooseUiLang(lang: UiLang): Promise<void> {
  if (lang === state.settings.ui_lang) return Promise.resolve();
  setUiLang(lang);
  return saveSettings({ ui_lang: lang });
}

export function chooseView(view: BilingualView): Promise<void> {
  if (view === state.settings.bilingual_view) return Promise.resolve();
  return saveSettings({ bilingual_view: view });
}
