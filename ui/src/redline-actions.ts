// What the redline panel does: align the editor's text with the library (after the text stops
// changing, one request at a time), find the clause at the cursor, load its candidate model
// clauses, switch between them, adopt one hunk or all of them as tracked changes, and accept or
// reject tracked changes. The panel view is views/redline-panel.ts.
import type { Node as PMNode } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';
import { AddMarkStep, RemoveMarkStep } from 'prosemirror-transform';
import { showError } from './actions';
import { toAppError } from './api';
import type { CandidateRedline, ClauseAlignment, DraftAlignment, Op } from './bindings';
import { drafts } from './draft-state';
import { editorView } from './draft-actions';
import { jsonOf } from './editor/editor';
import { withinBlocks } from './editor/edits';
import { adopt, hunksOf, type Hunk } from './editor/hunks';
import { resolveChanges, trackAttrs, trackedChanges, type TrackedChange } from './editor/tracked';
import { redlineApi } from './redline-api';
import { state } from './state';

/** The alignment is asked for this long after the last change. */
export const REDLINE_DELAY_MS = 300;

export type RedlineMode = 'inline' | 'side';

export interface RedlineState {
  alignment: DraftAlignment | null;
  /** The editor document `alignment` was computed for (hunks apply only to it). */
  alignedDoc: PMNode | null;
  busy: boolean;
  /** The alignment unit at the cursor (index into alignment.alignments). */
  unit: number | null;
  /** Candidates for the unit's text, best first; `candidatesFor` is that text. */
  candidates: CandidateRedline[];
  candidatesFor: string | null;
  /** The model clause shown (null: the aligned one). */
  chosen: string | null;
  mode: RedlineMode;
}

export const redline: RedlineState = {
  alignment: null, alignedDoc: null, busy: false, unit: null, candidates: [], candidatesFor: null, chosen: null, mode: 'inline',
};

let renderPanel: () => void = () => {};
let timer: number | undefined;
let running = false;
let again = false;
let candidateSeq = 0;

/** The panel registers its render function here. */
export function onRedlineRender(fn: () => void): void {
  renderPanel = fn;
}

const panelOpen = () => drafts.panel === 'redline' && drafts.current !== null;

/** The panel follows typing this long after it pauses (its tracked changes list reads the whole text). */
export const REDLINE_TYPING_RENDER_MS = 200;
let renderTimer: number | undefined;
const TRACKED = new Set(['insertion', 'deletion']);

/**
 * The text has changed: align again soon (only while the panel is open). The panel is redrawn at
 * once when the change shows in it at once (the alignment just went stale; blocks, or tracked
 * marks, were added or removed); while typing inside blocks, after typing pauses.
 */
export function redlineDocChanged(tr?: Transaction): void {
  if (!panelOpen()) return;
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void refreshAlignment(), REDLINE_DELAY_MS);
  const typing = tr !== undefined && tr.before !== redline.alignedDoc && withinBlocks(tr)
    && !tr.steps.some((s) => (s instanceof AddMarkStep || s instanceof RemoveMarkStep) && TRACKED.has(s.mark.type.name));
  if (typing) {
    window.clearTimeout(renderTimer);
    renderTimer = window.setTimeout(() => renderPanel(), REDLINE_TYPING_RENDER_MS);
  } else showNow();
}

/** The panel's own edits (adopt, accept, reject) show in it at once, even when they look like typing. */
function showNow(): void {
  window.clearTimeout(renderTimer);
  renderPanel();
}

/** A unit's identity across alignments (its index changes when clauses are added before it). */
const unitKey = (i: number | null) => {
  const u = i === null ? null : redline.alignment?.alignment.alignments[i];
  return u ? `${u.index ?? ''}|${u.clause}` : null;
};

/** Points the panel at the unit under the cursor; a different clause forgets the picked model. */
function followCursor(before = unitKey(redline.unit)): boolean {
  const unit = unitAtCursor();
  const changed = unit !== redline.unit;
  redline.unit = unit;
  if (unitKey(unit) !== before) redline.chosen = null;
  if (changed) void loadCandidates();
  return changed;
}

/** The cursor moved: show the clause under it (while the text is being re-aligned, keep the last one). */
export function redlineSelectionChanged(): void {
  const view = editorView();
  if (!panelOpen() || !view || view.state.doc !== redline.alignedDoc) return;
  if (followCursor()) renderPanel();
}

/** The panel is shown: align soon if the alignment is missing or for another text. */
export function ensureAligned(): void {
  const view = editorView();
  if (!panelOpen() || !view || running || view.state.doc === redline.alignedDoc) return;
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void refreshAlignment(), redline.alignment ? REDLINE_DELAY_MS : 0);
}

export function resetRedline(): void {
  Object.assign(redline, { alignment: null, alignedDoc: null, unit: null, candidates: [], candidatesFor: null, chosen: null });
}

/** Aligns the text as it is now; a result for a text that changed since is dropped and re-asked. */
export async function refreshAlignment(): Promise<void> {
  const d = drafts.current;
  const view = editorView();
  if (!d || !view) return;
  if (running) { again = true; return; }
  const doc = view.state.doc;
  running = true;
  redline.busy = true;
  renderPanel();
  try {
    const alignment = await redlineApi.draftAlign(jsonOf(doc), d.meta.lang);
    if (drafts.current !== d || view.state.doc !== doc) { again = true; return; }
    const before = unitKey(redline.unit);
    redline.alignment = alignment;
    redline.alignedDoc = doc;
    followCursor(before);
    void loadCandidates();
  } catch (e) {
    if (toAppError(e).kind !== 'draft_not_found') showError(e);
  } finally {
    running = false;
    redline.busy = false;
    renderPanel();
    if (again) { again = false; redlineDocChanged(); }
  }
}

/** The rendered-text offset of the cursor, through the segments (null outside any text block). */
function cursorOffset(): number | null {
  const view = editorView();
  const a = redline.alignment;
  if (!view || !a || view.state.doc !== redline.alignedDoc) return null;
  const $pos = view.state.selection.$from;
  if (!$pos.parent.isTextblock) return null;
  const path: number[] = [];
  for (let d = 0; d < $pos.depth; d++) path.push($pos.index(d));
  const seg = a.segments.find((s) => s.path.length === path.length && s.path.every((x, i) => x === path[i]));
  if (!seg) return null;
  // Chars of the block before the cursor, deleted text aside (as the engine reads it).
  let chars = 0;
  $pos.parent.forEach((child, offset) => {
    if (offset >= $pos.parentOffset) return;
    const visible = !child.marks.some((m) => m.type.name === 'deletion');
    if (!visible) return;
    const text = child.isText ? (child.text ?? '') : ' ';
    const upto = Math.min(text.length, $pos.parentOffset - offset);
    chars += [...text.slice(0, upto)].length;
  });
  return seg.start + Math.min(chars, seg.len);
}

function unitAtCursor(): number | null {
  const a = redline.alignment;
  const p = cursorOffset();
  if (!a || p === null) return null;
  // The innermost unit that holds the cursor (the end counts: the cursor after the last char).
  let best: number | null = null;
  a.alignment.alignments.forEach((u, i) => {
    if (p >= u.start && p <= u.end && (best === null || u.end - u.start <= a.alignment.alignments[best].end - a.alignment.alignments[best].start)) best = i;
  });
  return best;
}

export function currentUnit(): ClauseAlignment | null {
  const a = redline.alignment;
  return a && redline.unit !== null ? a.alignment.alignments[redline.unit] ?? null : null;
}

/** The unit's draft text as the engine read it (trailing space trimmed). */
export function unitText(u: ClauseAlignment): string {
  const chars = [...(redline.alignment?.text ?? '')];
  return chars.slice(u.start, u.end).join('').trimEnd();
}

async function loadCandidates(): Promise<void> {
  const u = currentUnit();
  const d = drafts.current;
  if (!u || !d) { redline.candidates = []; redline.candidatesFor = null; return; }
  const text = unitText(u);
  if (text === redline.candidatesFor) return;
  const seq = ++candidateSeq;
  try {
    const found = await redlineApi.candidates(text, u.lang, u.topics);
    if (seq !== candidateSeq) return;
    redline.candidates = found;
    redline.candidatesFor = text;
    renderPanel();
  } catch (e) {
    showError(e);
  }
}

/** The model clause shown for the unit: the one picked, else the aligned one. */
export function shownModel(u: ClauseAlignment): string | null {
  return redline.chosen ?? u.model_clause ?? null;
}

/** The redline shown: the alignment's own for the aligned model clause, the candidate's otherwise. */
export function shownOps(u: ClauseAlignment): Op[] {
  const id = shownModel(u);
  if (id !== null && id === u.model_clause) return u.ops;
  return redline.candidates.find((c) => c.model_clause === id)?.ops ?? [];
}

export function chooseModel(id: string | null): void {
  redline.chosen = id;
  renderPanel();
}

export function setRedlineMode(mode: RedlineMode): void {
  redline.mode = mode;
  renderPanel();
}

/** The hunks of the shown redline, laid onto the editor (none while the alignment is stale). */
export function currentHunks(): Hunk[] {
  const view = editorView();
  const u = currentUnit();
  const a = redline.alignment;
  if (!view || !u || !a || view.state.doc !== redline.alignedDoc) return [];
  return hunksOf(view.state.doc, a.segments, u.start, shownOps(u));
}

const author = () => state.settings.author;

/** Adopts the model's wording for one hunk (by its first op's index) or for all (`null`). */
export function adoptHunks(op: number | null): void {
  const view = editorView();
  if (!view) return;
  const hunks = currentHunks().filter((h) => op === null || h.op === op);
  if (!hunks.length) return;
  view.dispatch(adopt(view.state.tr, hunks, trackAttrs(author())).scrollIntoView());
  showNow();
  view.focus();
}

export function currentChanges(): TrackedChange[] {
  const view = editorView();
  return view ? trackedChanges(view.state.doc) : [];
}

/** Accepts or rejects one tracked change (by its start) or all of them (`null`). */
export function resolveTracked(from: number | null, accept: boolean): void {
  const view = editorView();
  if (!view) return;
  const changes = trackedChanges(view.state.doc).filter((c) => from === null || c.from === from);
  if (!changes.length) return;
  view.dispatch(resolveChanges(view.state, changes, accept));
  showNow();
  view.focus();
}
