// Everything the drafting screen does: list and open drafts, create them (template, blank, file),
// autosave, live analysis, findings, the library panel, versions. Views call these.
import { TextSelection, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { api, toAppError } from './api';
import { showError } from './actions';
import type { DraftMeta, FromTemplate, Perspective } from './bindings';
import { loadComments } from './comment-actions';
import { drafts, type DraftPanel, type NewDraftTab } from './draft-state';
import { Autosave } from './editor/autosave';
import { createEditor, docJson, insertBlocks, jsonOf, loadDoc, setLang, type EditorHooks } from './editor/editor';
import { findingsKey, locate, rangesOf, type FindingRef, type FindingsMeta } from './editor/findings';
import { t } from './i18n';
import { redlineApi } from './redline-api';
import { state, update, type Region } from './state';

/** Analysis runs this long after the last keystroke. */
export const ANALYSIS_DELAY_MS = 250;

let view: EditorView | null = null;
let hooks: EditorHooks | null = null;
let analysisTimer: number | undefined;
let analysisRunning = false;
let analysisAgain = false;
let openSeq = 0;

const redraw = (...regions: Region[]) => update({}, ...regions);

export function editorView(): EditorView | null {
  return view;
}

const autosave = new Autosave(saveCurrent, (status) => {
  drafts.status = status;
  redraw('draftStatus');
});

async function saveCurrent(): Promise<void> {
  const d = drafts.current;
  if (!d || !view) return;
  try {
    const report = await api.draftSave(d.id, docJson(view), d.meta);
    d.revision = report.revision;
    d.updated_at = report.updated_at;
  } catch (e) {
    showError(e);
    throw e;
  }
}

/** Ctrl+S, window blur and close: save now. */
export function saveNow(): Promise<void> {
  return autosave.flush();
}

/** Creates the editor in `mount` (once); `extra` runs after each change (outline, find count). */
export function attachEditor(mount: HTMLElement, extra: { changed: (tr: Transaction) => void; updated: () => void; find: () => void; comment?: () => void }): void {
  hooks = {
    save: () => void saveNow(),
    find: extra.find,
    comment: extra.comment,
    docChanged: (tr) => {
      autosave.changed();
      scheduleAnalysis();
      extra.changed(tr);
    },
    updated: extra.updated,
  };
  const d = drafts.current;
  view = createEditor(mount, d?.doc ?? { type: 'doc', content: [] }, d?.meta.lang ?? 'zh', hooks);
  view.setProps({ editable: () => drafts.current !== null });
  // Leaving the window or closing it saves what is unsaved.
  window.addEventListener('blur', () => void saveNow());
  window.addEventListener('pagehide', () => void saveNow());
  window.addEventListener('cloudclause-close', () => {
    void saveNow().finally(() => void api.appQuit().catch(() => {}));
  });
}

export async function loadDraftList(): Promise<void> {
  try {
    drafts.list = await api.draftList();
    redraw('drafts');
  } catch (e) {
    showError(e);
  }
}

/**
 * At start: the drafting screen opens on the latest draft, if there is one (unless the user has
 * already gone to another screen while the library was opening).
 */
export async function initDrafts(): Promise<boolean> {
  await loadDraftList();
  const latest = drafts.list[0];
  if (!latest) return false;
  if (!state.screenChosen) update({ screen: 'drafts' }, 'screen');
  await openDraft(latest.id);
  return true;
}

export async function openDraft(id: number): Promise<void> {
  const seq = ++openSeq;
  await saveNow();
  try {
    const d = await api.draftGet(id);
    if (seq !== openSeq) return;
    show(d);
  } catch (e) {
    showError(e);
  }
}

function show(d: NonNullable<typeof drafts.current>): void {
  autosave.reset();
  Object.assign(drafts, {
    current: d, status: 'saved', analysis: null, selection: null, versions: [], compare: null,
    confirmRestore: null, confirmDelete: false,
  });
  if (view && hooks) loadDoc(view, d.doc, d.meta.lang, hooks);
  redraw('drafts', 'draftStatus', 'draftFindings');
  runAnalysis();
  void loadComments();
  if (drafts.panel === 'versions') void loadVersions();
}

// ---------- metadata ----------

export function setMeta(patch: Partial<DraftMeta>): void {
  const d = drafts.current;
  if (!d) return;
  const langChanged = patch.lang !== undefined && patch.lang !== d.meta.lang;
  d.meta = { ...d.meta, ...patch };
  if (langChanged && view) setLang(view, d.meta.lang);
  autosave.changed();
  if (langChanged || patch.model !== undefined) scheduleAnalysis();
  if (patch.title !== undefined) {
    const item = drafts.list.find((x) => x.id === d.id);
    if (item) item.meta = d.meta;
  }
  redraw(langChanged || patch.title !== undefined ? 'drafts' : 'draftStatus');
}

export function setVariable(name: string, value: string): void {
  const d = drafts.current;
  if (!d) return;
  const variables = { ...d.meta.variables };
  if (value.trim() === '') delete variables[name];
  else variables[name] = value;
  setMeta({ variables });
}

export function showPanel(panel: DraftPanel): void {
  drafts.panel = panel;
  redraw('drafts');
  if (panel === 'versions') void loadVersions();
}

// ---------- live analysis ----------

export function scheduleAnalysis(): void {
  window.clearTimeout(analysisTimer);
  analysisTimer = window.setTimeout(runAnalysis, ANALYSIS_DELAY_MS);
}

/** Analyses the text as it is now; a result for a text that has changed since is dropped. */
function runAnalysis(): void {
  const d = drafts.current;
  if (!d || !view) return;
  if (analysisRunning) {
    analysisAgain = true;
    return;
  }
  const v = view;
  const doc = v.state.doc;
  analysisRunning = true;
  drafts.analysing = true;
  redraw('draftStatus');
  api.draftAnalyze(jsonOf(doc), d.meta.lang, d.meta.model, drafts.perspective).then((analysis) => {
    if (drafts.current !== d || v.state.doc !== doc) {
      analysisAgain = true;
      return;
    }
    drafts.analysis = analysis;
    const meta: FindingsMeta = { located: locate(doc, analysis) };
    v.dispatch(v.state.tr.setMeta(findingsKey, meta));
    redraw('draftFindings');
  }, (e) => {
    if (toAppError(e).kind !== 'draft_not_found') showError(e);
  }).finally(() => {
    analysisRunning = false;
    drafts.analysing = false;
    redraw('draftStatus');
    if (analysisAgain) {
      analysisAgain = false;
      scheduleAnalysis();
    }
  });
}

export function choosePerspective(p: Perspective): void {
  drafts.perspective = p;
  scheduleAnalysis();
  redraw('draftFindings');
}

/** Click on a finding: its evidence is highlighted and the first passage scrolled to. */
export function selectFinding(ref: FindingRef): void {
  drafts.selection = ref;
  redraw('draftFindings');
  if (!view) return;
  const meta: FindingsMeta = { selected: ref };
  const tr = view.state.tr.setMeta(findingsKey, meta);
  const first = rangesOf(view.state, ref)[0];
  if (first) tr.setSelection(TextSelection.create(tr.doc, first.from)).scrollIntoView();
  view.dispatch(tr);
  if (first) {
    const dom = view.domAtPos(first.from).node;
    const el = dom instanceof HTMLElement ? dom : dom.parentElement;
    el?.scrollIntoView({ block: 'center' });
  }
}

// ---------- library panel ----------

let librarySeq = 0;

export async function searchLibrary(query: string): Promise<void> {
  drafts.libraryQuery = query;
  const seq = ++librarySeq;
  const q = query.trim();
  try {
    const filter = { topic: null, model: drafts.current?.meta.model ?? null, position: null, lang: null };
    const hits = q
      ? await api.librarySearch(q, filter, 30)
      : (await api.libraryList(filter)).slice(0, 30).map((clause) => ({ clause, snippets: [], score: 0 }));
    if (seq !== librarySeq) return;
    drafts.libraryHits = hits;
    drafts.libraryHitsFor = q;
    redraw('drafts');
  } catch (e) {
    if (seq !== librarySeq) return;
    drafts.libraryHits = [];
    drafts.libraryHitsFor = q;
    redraw('drafts');
    if (toAppError(e).kind !== 'empty_query') showError(e);
  }
}

/** Inserts a library clause after the cursor's block, placeholders filled from the draft's variables. */
export async function insertClause(id: string): Promise<void> {
  const d = drafts.current;
  if (!d || !view) return;
  try {
    const blocks = await api.draftClauseBlocks(id, d.meta.lang, d.meta.variables);
    insertBlocks(view, blocks);
  } catch (e) {
    showError(e);
  }
}

// ---------- versions ----------

export async function loadVersions(): Promise<void> {
  const d = drafts.current;
  if (!d) return;
  try {
    drafts.versions = await api.draftVersions(d.id);
    redraw('drafts');
  } catch (e) {
    showError(e);
  }
}

export async function nameVersion(name: string): Promise<void> {
  const d = drafts.current;
  if (!d || !name.trim()) return;
  await saveNow();
  try {
    await api.draftNameVersion(d.id, name);
    update({ notice: t('drafts.versionNamed', { name: name.trim() }) }, 'status');
    await loadVersions();
  } catch (e) {
    showError(e);
  }
}

export function askRestore(n: number | null): void {
  drafts.confirmRestore = n;
  redraw('drafts');
}

export async function restore(n: number): Promise<void> {
  const d = drafts.current;
  if (!d) return;
  await saveNow();
  try {
    const restored = await api.draftRestore(d.id, n);
    show(restored);
    update({ notice: t('drafts.restored', { n }) }, 'status');
    await Promise.all([loadVersions(), loadDraftList()]);
  } catch (e) {
    showError(e);
  }
}

/** Compares version `from` with version `to` (null: the current text) clause by clause. */
export async function compare(from: number, to: number | null): Promise<void> {
  const d = drafts.current;
  if (!d || !view) return;
  try {
    const comparison = await redlineApi.draftCompare(d.id, from, to, to === null ? docJson(view) : null);
    drafts.compare = { from, to, comparison, cursor: 0 };
    redraw('drafts');
  } catch (e) {
    showError(e);
  }
}

export function closeCompare(): void {
  drafts.compare = null;
  redraw('drafts');
}

// ---------- new, import, delete ----------

export async function openNewDraft(tab: NewDraftTab = 'template'): Promise<void> {
  drafts.dialog = { tab, templates: drafts.dialog?.templates ?? [], busy: false };
  redraw('draftDialog');
  if (!drafts.dialog.templates.length) {
    try {
      const templates = await api.contractTemplates();
      if (drafts.dialog) drafts.dialog.templates = templates;
      redraw('draftDialog');
    } catch (e) {
      showError(e);
    }
  }
}

export function closeNewDraft(): void {
  drafts.dialog = null;
  redraw('draftDialog');
}

async function created(task: () => Promise<NonNullable<typeof drafts.current> | null>): Promise<void> {
  if (!drafts.dialog) return;
  drafts.dialog.busy = true;
  redraw('draftDialog');
  await saveNow();
  try {
    const d = await task();
    if (!d) {
      if (drafts.dialog) drafts.dialog.busy = false;
      redraw('draftDialog');
      update({ notice: t('notice.cancelled') }, 'status');
      return;
    }
    drafts.dialog = null;
    redraw('draftDialog');
    update({ screen: 'drafts' }, 'screen');
    show(d);
    await loadDraftList();
  } catch (e) {
    if (drafts.dialog) drafts.dialog.busy = false;
    redraw('draftDialog');
    showError(e);
  }
}

export function createFromTemplate(request: FromTemplate): Promise<void> {
  return created(async () => {
    const c = await api.draftNewFromTemplate(request);
    if (c.missing_clauses.length) update({ notice: t('drafts.missingClauses', { ids: c.missing_clauses.join(', ') }) }, 'status');
    return c.draft;
  });
}

export function createBlank(meta: DraftMeta): Promise<void> {
  return created(() => api.draftNewBlank(meta));
}

export function importFile(): Promise<void> {
  return created(() => api.draftImportPick());
}

export function askDeleteDraft(on: boolean): void {
  drafts.confirmDelete = on;
  redraw('drafts');
}

export async function deleteDraft(): Promise<void> {
  const d = drafts.current;
  if (!d) return;
  autosave.reset();
  try {
    await api.draftDelete(d.id);
    drafts.current = null;
    drafts.confirmDelete = false;
    await loadDraftList();
    const next = drafts.list[0];
    if (next) await openDraft(next.id);
    else {
      if (view && hooks) loadDoc(view, { type: 'doc', content: [] }, 'zh', hooks);
      redraw('drafts', 'draftFindings', 'draftStatus');
    }
  } catch (e) {
    showError(e);
  }
}

/** The UI language or variables changed elsewhere: nothing to do for the text. */
export function currentLang() {
  return drafts.current?.meta.lang ?? (state.settings.ui_lang === 'en' ? 'en' : 'zh');
}
