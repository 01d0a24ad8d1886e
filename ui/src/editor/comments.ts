// Comments in the text: a comment is anchored by `comment` marks carrying its id (they follow
// the text through edits like any mark and are saved with the document). This plugin draws what
// the marks alone cannot: the range being commented on (before the comment is written), the
// thread selected in the pane, and resolved threads greyed. It also finds each comment's ranges,
// which give the pane its document order and tell anchored from unanchored comments.
import type { Node as PMNode } from 'prosemirror-model';
import { AddMarkStep, RemoveMarkStep } from 'prosemirror-transform';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { schema } from './schema';

export interface Range {
  from: number;
  to: number;
}

export interface CommentsMeta {
  /** The selection a new comment will anchor to; null when the composer closes. */
  pending?: Range | null;
  /** The thread selected in the pane. */
  active?: string | null;
  /** Ids of resolved threads (drawn greyed). */
  resolved?: string[];
}

interface CommentsState {
  pending: DecorationSet;
  active: string | null;
  resolved: ReadonlySet<string>;
  marks: DecorationSet;
}

export const commentsKey = new PluginKey<CommentsState>('comments');

/** Each comment id's ranges in the document, in document order (adjacent text nodes joined). */
export function commentRanges(doc: PMNode): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  const type = schema.marks.comment;
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    for (const m of node.marks) {
      if (m.type !== type) continue;
      const id = String(m.attrs.id);
      const list = out.get(id);
      const end = pos + node.nodeSize;
      if (!list) out.set(id, [{ from: pos, to: end }]);
      else if (list[list.length - 1].to === pos) list[list.length - 1].to = end;
      else list.push({ from: pos, to: end });
    }
    return false;
  });
  return out;
}

function markDecorations(doc: PMNode, active: string | null, resolved: ReadonlySet<string>): DecorationSet {
  if (active === null && resolved.size === 0) return DecorationSet.empty;
  const decos: Decoration[] = [];
  for (const [id, ranges] of commentRanges(doc)) {
    const cls = [id === active ? 'comment-active' : '', resolved.has(id) ? 'comment-resolved' : ''].filter(Boolean).join(' ');
    if (cls) for (const r of ranges) decos.push(Decoration.inline(r.from, r.to, { class: cls }));
  }
  return DecorationSet.create(doc, decos);
}

export function commentsPlugin(): Plugin<CommentsState> {
  // Both sets drawn at once (a comment being written while a thread is selected): the merged set
  // is made once per pair, not on every view update.
  let merged: { marks: DecorationSet; pending: DecorationSet; both: DecorationSet } | null = null;
  return new Plugin<CommentsState>({
    key: commentsKey,
    state: {
      init: () => ({ pending: DecorationSet.empty, active: null, resolved: new Set(), marks: DecorationSet.empty }),
      apply: (tr, old, _prev, state) => {
        const meta = tr.getMeta(commentsKey) as CommentsMeta | undefined;
        let pending = tr.docChanged ? old.pending.map(tr.mapping, tr.doc) : old.pending;
        if (meta?.pending !== undefined) {
          pending = meta.pending && meta.pending.to > meta.pending.from
            ? DecorationSet.create(state.doc, [Decoration.inline(meta.pending.from, meta.pending.to, { class: 'comment-pending' }, { pending: true })])
            : DecorationSet.empty;
        }
        const active = meta?.active !== undefined ? meta.active : old.active;
        const resolved = meta?.resolved !== undefined ? new Set(meta.resolved) : old.resolved;
        // Marks added or removed change which ranges are drawn: recompute then, else map.
        const marksChanged = tr.steps.some((s) => s instanceof AddMarkStep || s instanceof RemoveMarkStep);
        const marks = meta?.active !== undefined || meta?.resolved !== undefined || marksChanged
          ? markDecorations(state.doc, active, resolved)
          : tr.docChanged ? old.marks.map(tr.mapping, tr.doc) : old.marks;
        return { pending, active, resolved, marks };
      },
    },
    props: {
      decorations: (state) => {
        const s = commentsKey.getState(state);
        if (!s) return null;
        if (s.pending === DecorationSet.empty) return s.marks;
        if (s.marks === DecorationSet.empty) return s.pending;
        if (merged?.marks !== s.marks || merged.pending !== s.pending) {
          merged = { marks: s.marks, pending: s.pending, both: DecorationSet.create(state.doc, [...s.marks.find(), ...s.pending.find()]) };
        }
        return merged.both;
      },
    },
  });
}

/** The range the comment being written will anchor to (mapped through edits), or null. */
export function pendingRange(state: EditorState): Range | null {
  const d = commentsKey.getState(state)?.pending.find()[0];
  return d && d.to > d.from ? { from: d.from, to: d.to } : null;
}

export function setCommentsMeta(view: EditorView, meta: CommentsMeta): void {
  view.dispatch(view.state.tr.setMeta(commentsKey, meta).setMeta('addToHistory', false));
}

/** A fresh comment id (random; the same id is the mark's attr and the stored record's key). */
export function newCommentId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return 'c' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Adds the comment mark with `id` over `range` (one undoable step). */
export function addCommentMark(view: EditorView, range: Range, id: string): void {
  const tr = view.state.tr.addMark(range.from, range.to, schema.marks.comment.create({ id }));
  tr.setMeta(commentsKey, { pending: null } satisfies CommentsMeta);
  view.dispatch(tr);
}

/** Removes every mark of comment `id` from the text (the comment was deleted). */
export function removeCommentMarks(view: EditorView, id: string): void {
  const ranges = commentRanges(view.state.doc).get(id) ?? [];
  if (!ranges.length) return;
  const tr = view.state.tr;
  const mark = schema.marks.comment.create({ id });
  for (const r of ranges) tr.removeMark(r.from, r.to, mark);
  view.dispatch(tr);
}

/**
 * Applies the comment marks of `annotated` (the same text with marks added, as the engine
 * returns it) to the editor as one transaction, so that undo takes them away again. If the text
 * changed meanwhile, the document is replaced instead (still one undoable step).
 */
export function applyAnnotated(view: EditorView, annotated: PMNode, ids: ReadonlySet<string>): void {
  const { doc } = view.state;
  const tr = view.state.tr;
  if (annotated.content.size === doc.content.size && annotated.textContent === doc.textContent) {
    for (const [id, ranges] of commentRanges(annotated)) {
      if (!ids.has(id)) continue;
      const mark = schema.marks.comment.create({ id });
      for (const r of ranges) tr.addMark(r.from, r.to, mark);
    }
  } else {
    tr.replaceWith(0, doc.content.size, annotated.content);
  }
  if (tr.docChanged) view.dispatch(tr);
}

/** Selects the text of a comment's first range and scrolls it into view. */
export function selectComment(view: EditorView, id: string): boolean {
  const first = commentRanges(view.state.doc).get(id)?.[0];
  const tr: Transaction = view.state.tr.setMeta(commentsKey, { active: id } satisfies CommentsMeta);
  if (first) tr.setSelection(TextSelection.create(tr.doc, first.from, first.to)).scrollIntoView();
  view.dispatch(tr);
  if (first) {
    view.focus();
    const dom = view.domAtPos(first.from).node;
    const el = dom instanceof HTMLElement ? dom : dom.parentElement;
    el?.scrollIntoView({ block: 'center' });
  }
  return !!first;
}
