// Everything the review screen does: analyse the sample, a picked or a dropped file, re-run the
// analysis with another model or perspective, select a finding, export the matrix, and open a
// suggested clause in the library. Views call these; they never call the API themselves.
import { api } from './api';
import { openClause, showError } from './actions';
import type { AnalysisResult, DeploymentModel, Perspective, Report } from './bindings';
import { t } from './i18n';
import { drawMatrixPng } from './matrix-png';
import { state, update, updateReview, type ReviewSource, type Screen, type Selection } from './state';

/** The Rust side refuses larger documents; checking first spares sending 50 MB over the IPC. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const MB = 1024 * 1024;
let analysisSeq = 0;

function notify(notice: string): void {
  update({ notice }, 'status');
}

export function showScreen(screen: Screen): void {
  state.screenChosen = true;
  if (state.screen !== screen) update({ screen }, 'screen');
  // The review screen opens on the sample the first time it is shown.
  if (screen === 'review' && !state.review.result && !state.review.busy && !state.review.source) void openSample();
}

/** Whether a selection still names a row of the report (after a re-run, or a new file). */
function exists(report: Report, sel: Selection | null): boolean {
  if (!sel) return false;
  const rows: { id: string }[] = sel.kind === 'security' ? report.security : sel.kind === 'pi' ? report.pi : report.risks;
  return rows.some((r) => r.id === sel.id);
}

async function run(source: ReviewSource, name: string, task: () => Promise<AnalysisResult | null>): Promise<void> {
  const seq = ++analysisSeq;
  const sameSource = state.review.source === source;
  updateReview({ busy: { phase: 'analysing', name } }, 'reviewBusy');
  try {
    const result = await task();
    if (seq !== analysisSeq) return; // a newer analysis has been asked for
    if (result === null) {
      updateReview({ busy: null }, 'reviewBusy');
      notify(t('notice.cancelled'));
      return;
    }
    // Another model or perspective on the same file keeps the row the lawyer was looking at.
    const keep = sameSource && exists(result.report, state.review.selection);
    const selection = keep ? state.review.selection : null;
    const cursor = selection?.kind === 'security' ? result.report.security.findIndex((r) => r.id === selection.id) : -1;
    updateReview({ result, source, busy: null, selection, cursor: keep ? state.review.cursor : cursor }, 'review');
  } catch (e) {
    if (seq !== analysisSeq) return;
    updateReview({ busy: null }, 'reviewBusy');
    showError(e);
  }
}

const SAMPLE: ReviewSource = { kind: 'sample' };

export function openSample(): Promise<void> {
  const { model, perspective } = state.review;
  return run(SAMPLE, t('review.sample'), () => api.analyzeSample(model, perspective));
}

/**
 * Native open dialog. Rust keeps the picked file, so a re-run with another model or perspective
 * (analyze_again) reads the same file again without a second dialog.
 */
export function openPicked(): Promise<void> {
  const { model, perspective } = state.review;
  const source: ReviewSource = { kind: 'picked', name: '' };
  return run(source, t('review.open'), async () => {
    const picked = await api.analyzePick(model, perspective);
    if (picked) source.name = picked.name;
    return picked;
  });
}

/** A file dropped on the window: read it here (drag-and-drop is off in the Tauri window). */
export async function openDropped(file: File): Promise<void> {
  showScreen('review');
  if (file.size > MAX_DOCUMENT_BYTES) {
    showError({ kind: 'document_too_large', data: { name: file.name, size_mb: Math.ceil(file.size / MB), limit_mb: MAX_DOCUMENT_BYTES / MB } });
    return;
  }
  const seq = ++analysisSeq;
  updateReview({ busy: { phase: 'reading', name: file.name } }, 'reviewBusy');
  let bytes: number[];
  try {
    bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    if (seq === analysisSeq) updateReview({ busy: null }, 'reviewBusy');
    showError({ kind: 'io', data: { path: file.name, reason: e instanceof Error ? e.message : String(e) } });
    return;
  }
  if (seq !== analysisSeq) return;
  const source: ReviewSource = { kind: 'bytes', name: file.name, bytes };
  const { model, perspective } = state.review;
  await run(source, file.name, () => api.analyzeBytes(file.name, bytes, model, perspective));
}

/** Re-analyses what is shown with the current model and perspective. */
function rerun(): Promise<void> {
  const source = state.review.source;
  if (!source) return Promise.resolve();
  if (source.kind === 'sample') return openSample();
  const { model, perspective } = state.review;
  if (source.kind === 'picked') return run(source, source.name, () => api.analyzeAgain(model, perspective));
  return run(source, source.label ?? source.name, () => api.analyzeBytes(source.name, source.bytes, model, perspective));
}

export function chooseModel(model: DeploymentModel | null): Promise<void> {
  if (model === state.review.model) return Promise.resolve();
  updateReview({ model }, 'review');
  return rerun();
}

export function choosePerspective(perspective: Perspective): Promise<void> {
  if (perspective === state.review.perspective) return Promise.resolve();
  updateReview({ perspective }, 'review');
  return rerun();
}

export function select(selection: Selection): void {
  const report = state.review.result?.report;
  // The keyboard cursor follows a matrix selection; a PI or risk selection leaves the matrix.
  const cursor = selection.kind === 'security' && report ? report.security.findIndex((r) => r.id === selection.id) : -1;
  updateReview({ selection, cursor }, 'selection');
}

export function moveMatrixCursor(delta: number): void {
  const n = state.review.result?.report.security.length ?? 0;
  if (n === 0) return;
  const c = state.review.cursor;
  const cursor = Math.max(0, Math.min(n - 1, c < 0 ? (delta > 0 ? 0 : n - 1) : c + delta));
  updateReview({ cursor }, 'matrixCursor');
}

/** Selects the matrix row under the cursor; false if there is none. */
export function selectMatrixCursor(): boolean {
  const row = state.review.result?.report.security[state.review.cursor];
  if (!row) return false;
  select({ kind: 'security', id: row.id });
  return true;
}

export function setDragging(dragging: boolean): void {
  if (dragging !== state.review.dragging) updateReview({ dragging }, 'drag');
}

/** Opens a suggested clause in the library screen. */
export function openInLibrary(id: string): Promise<void> {
  showScreen('library');
  return openClause(id);
}

export async function exportMatrix(): Promise<void> {
  const result = state.review.result;
  if (!result || state.review.exporting) return;
  updateReview({ exporting: true }, 'reviewBusy');
  try {
    const bytes = await drawMatrixPng(result, reviewFileName());
    const stem = reviewFileName().replace(/\.[A-Za-z0-9]+$/, '');
    const path = await api.exportPng(`${stem}-matrix.png`, bytes);
    notify(path === null ? t('notice.cancelled') : t('notice.pngSaved', { path }));
  } catch (e) {
    showError(e);
  } finally {
    updateReview({ exporting: false }, 'reviewBusy');
  }
}

/** The name of the file under review, as the lawyer knows it. */
export function reviewFileName(): string {
  const { source, result } = state.review;
  if (source?.kind === 'bytes') return source.label ?? source.name;
  if (source?.kind === 'picked') return source.name;
  return result?.name ?? '';
}
