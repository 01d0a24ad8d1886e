// Everything the comments pane does: load a draft's comments, start a comment on the selection
// (asking for the author's name the first time), add it (mark + record), reply, resolve/reopen,
// edit, delete (its marks go too), select a thread in the text, and turn analyzer findings into
// comments (one or all; a finding is never added twice).
import { Node as PMNode } from 'prosemirror-model';
import { api } from './api';
import { showError } from './actions';
import type { DraftComment } from './bindings';
import { editorView } from './draft-actions';
import { drafts } from './draft-state';
import {
  addCommentMark, applyAnnotated, commentRanges, newCommentId, pendingRange, removeCommentMarks,
  selectComment, setCommentsMeta,
} from './editor/comments';
import { docJson } from './editor/editor';
import type { FindingRef } from './editor/findings';
import { schema } from './editor/schema';
import { t } from './i18n';
import { state, update } from './state';

export interface CommentsState {
  list: DraftComment[];
  /** The composer of a new thread is open (its anchor is the editor's pending range). */
  composing: { quote: string } | null;
  replying: string | null;
  editing: string | null;
  confirmDelete: string | null;
  active: string | null;
  /** Findings are being turned into comments. */
  busy: boolean;
}

export const comments: CommentsState = {
  list: [], composing: null, replying: null, editing: null, confirmDelete: null, active: null, busy: false,
};

const redraw = () => update({}, 'draftComments');

/** Tells the editor which threads are resolved (drawn greyed). */
function syncResolved(): void {
  const view = editorView();
  if (!view) return;
  setCommentsMeta(view, { resolved: comments.list.filter((c) => c.parent === null && c.resolved).map((c) => c.id) });
}

/** A draft was opened: its comments, and nothing half-done from the previous one. */
export async function loadComments(): Promise<void> {
  Object.assign(comments, { list: [], composing: null, replying: null, editing: null, confirmDelete: null, active: null });
  const d = drafts.current;
  const view = editorView();
  if (view) setCommentsMeta(view, { pending: null, active: null, resolved: [] });
  redraw();
  if (!d) return;
  try {
    const list = await api.commentsList(d.id);
    if (drafts.current !== d) return;
    comments.list = list;
    syncResolved();
    redraw();
  } catch (e) {
    showError(e);
  }
}

/** The toolbar's Comment button and Ctrl+Alt+M: open the composer on the selected text. */
export function startComment(): void {
  const view = editorView();
  if (!view || !drafts.current) return;
  const { from, to, empty } = view.state.selection;
  if (empty) {
    update({ notice: t('comments.selectFirst') }, 'status');
    return;
  }
  const quote = view.state.doc.textBetween(from, to, ' ', ' ');
  setCommentsMeta(view, { pending: { from, to } });
  comments.composing = { quote: quote.length > 160 ? `${quote.slice(0, 160)}…` : quote };
  drafts.panel = 'comments';
  update({}, 'drafts', 'draftComments');
}

export function cancelComment(): void {
  comments.composing = null;
  const view = editorView();
  if (view) setCommentsMeta(view, { pending: null });
  redraw();
}

/** Saves the author's name in the settings (asked for before the first comment). */
async function ensureAuthor(name: string): Promise<boolean> {
  if (state.settings.author.trim()) return true;
  if (!name.trim()) {
    update({ notice: t('comments.authorNeeded') }, 'status');
    return false;
  }
  try {
    const settings = await api.settingsSet({ ...state.settings, author: name.trim() });
    update({ settings });
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** Stores the new thread, then marks its text (the range followed the edits made meanwhile). */
export async function submitComment(body: string, author = ''): Promise<void> {
  const d = drafts.current;
  const view = editorView();
  if (!d || !view || !body.trim() || !(await ensureAuthor(author))) return;
  const id = newCommentId();
  try {
    const [added] = await api.commentsAdd(d.id, [{ id, parent: null, author: state.settings.author, body, source: null }]);
    const range = pendingRange(view.state);
    if (range && drafts.current === d) addCommentMark(view, range, id);
    comments.list = [...comments.list, added];
    comments.composing = null;
    comments.active = id;
    setCommentsMeta(view, { pending: null, active: id });
    redraw();
  } catch (e) {
    showError(e);
  }
}

export async function reply(parent: string, body: string): Promise<void> {
  const d = drafts.current;
  if (!d || !body.trim() || !(await ensureAuthor(''))) return;
  try {
    const added = await api.commentsAdd(d.id, [{ id: newCommentId(), parent, author: state.settings.author, body, source: null }]);
    comments.list = [...comments.list, ...added];
    comments.replying = null;
    redraw();
  } catch (e) {
    showError(e);
  }
}

export async function setResolved(id: string, resolved: boolean): Promise<void> {
  const d = drafts.current;
  if (!d) return;
  try {
    await api.commentSetResolved(d.id, id, resolved);
    comments.list = comments.list.map((c) => (c.id === id || c.parent === id ? { ...c, resolved } : c));
    syncResolved();
    redraw();
  } catch (e) {
    showError(e);
  }
}

export async function editComment(id: string, body: string): Promise<void> {
  const d = drafts.current;
  if (!d || !body.trim()) return;
  try {
    await api.commentEdit(d.id, id, body);
    comments.list = comments.list.map((c) => (c.id === id ? { ...c, body } : c));
    comments.editing = null;
    redraw();
  } catch (e) {
    showError(e);
  }
}

export function askDelete(id: string | null): void {
  comments.confirmDelete = id;
  redraw();
}

export function setEditing(id: string | null): void {
  comments.editing = id;
  comments.replying = null;
  redraw();
}

export function setReplying(id: string | null): void {
  comments.replying = id;
  comments.editing = null;
  redraw();
}

/** Deletes a comment with its replies, and its marks from the text (one undoable step). */
export async function deleteComment(id: string): Promise<void> {
  const d = drafts.current;
  if (!d) return;
  try {
    await api.commentDelete(d.id, id);
    comments.list = comments.list.filter((c) => c.id !== id && c.parent !== id);
    comments.confirmDelete = null;
    const view = editorView();
    if (view) removeCommentMarks(view, id);
    syncResolved();
    redraw();
  } catch (e) {
    showError(e);
  }
}

/** Click on a thread: its text is selected and scrolled to. */
export function selectThread(id: string): void {
  comments.active = id;
  const view = editorView();
  if (view) selectComment(view, id);
  redraw();
}

/** Findings as comments: all of them (`ref` null) or one; findings already commented are skipped. */
export async function findingsToComments(ref: FindingRef | null): Promise<void> {
  const d = drafts.current;
  const view = editorView();
  if (!d || !view || comments.busy) return;
  comments.busy = true;
  update({}, 'draftComments', 'draftFindings');
  const editable = view.props.editable;
  view.setProps({ editable: () => false }); // the marks land on exactly the text that was analysed
  try {
    const res = await api.commentsFromFindings(d.id, docJson(view), d.meta.lang, d.meta.model, drafts.perspective, ref?.id ?? null);
    if (drafts.current === d && res.comments.length) {
      applyAnnotated(view, PMNode.fromJSON(schema, res.doc), new Set(res.comments.map((c) => c.id)));
      comments.list = [...comments.list, ...res.comments];
    }
    const notice = res.comments.length ? t('comments.findingsAdded', { n: res.comments.length }) : t('comments.findingsNone');
    update({ notice }, 'status');
  } catch (e) {
    showError(e);
  } finally {
    view.setProps({ editable });
    comments.busy = false;
    update({}, 'draftComments', 'draftFindings');
  }
}

export interface Thread {
  root: DraftComment;
  replies: DraftComment[];
  /** Document position of the first mark; null = unanchored. */
  at: number | null;
}

/** The threads in document order; unanchored ones last (oldest first). */
export function threads(): Thread[] {
  const view = editorView();
  const ranges = view ? commentRanges(view.state.doc) : new Map<string, { from: number }[]>();
  const out = comments.list.filter((c) => c.parent === null).map((root) => ({
    root,
    replies: comments.list.filter((c) => c.parent === root.id),
    at: ranges.get(root.id)?.[0]?.from ?? null,
  }));
  return out.sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || a.root.created_at.localeCompare(b.root.created_at));
}
