// Tracked changes in the editor: the `insertion` and `deletion` marks (doc.rs `Mark::Insertion`
// / `Mark::Deletion`, with author and date). Adopting model wording adds them; accepting keeps
// inserted text and drops deleted text, rejecting does the opposite. Every change is one
// ordinary transaction, so undo and redo work as for typing.
import type { Mark, Node as PMNode } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { schema } from './schema';

export type TrackKind = 'insertion' | 'deletion';

export interface TrackAttrs {
  author: string;
  date: string;
}

/** One tracked change: a run of text with the same tracked mark (same author and date). */
export interface TrackedChange {
  kind: TrackKind;
  from: number;
  to: number;
  text: string;
  author: string;
  date: string;
}

export const trackAttrs = (author: string, now = new Date()): TrackAttrs => ({
  author,
  date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
});

const trackedMark = (marks: readonly Mark[]): Mark | undefined =>
  marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion');

/** The tracked changes of a document, in document order. */
export function trackedChanges(doc: PMNode): TrackedChange[] {
  const out: TrackedChange[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const m = trackedMark(node.marks);
    if (!m) return false;
    const kind = m.type.name as TrackKind;
    const { author, date } = m.attrs as TrackAttrs;
    const last = out[out.length - 1];
    if (last && last.to === pos && last.kind === kind && last.author === author && last.date === date) {
      last.to = pos + node.nodeSize;
      last.text += node.text ?? '';
    } else {
      out.push({ kind, from: pos, to: pos + node.nodeSize, text: node.text ?? '', author, date });
    }
    return false;
  });
  return out;
}

/** Marks `from..to` as deleted (text already tracked as inserted is simply removed). */
export function markDeleted(tr: Transaction, from: number, to: number, attrs: TrackAttrs): void {
  const inserted: { from: number; to: number }[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    if (node.marks.some((m) => m.type.name === 'insertion')) {
      inserted.push({ from: Math.max(from, pos), to: Math.min(to, pos + node.nodeSize) });
    }
    return false;
  });
  tr.addMark(from, to, schema.marks.deletion.create(attrs));
  for (const r of inserted.reverse()) tr.delete(r.from, r.to);
}

/** Inserts `text` at `pos` as a tracked insertion. */
export function insertTracked(tr: Transaction, pos: number, text: string, attrs: TrackAttrs): void {
  if (!text) return;
  tr.insert(pos, schema.text(text, [schema.marks.insertion.create(attrs)]));
}

function apply(tr: Transaction, c: TrackedChange, accept: boolean): void {
  const keep = accept ? c.kind === 'insertion' : c.kind === 'deletion';
  const from = tr.mapping.map(c.from, 1);
  const to = tr.mapping.map(c.to, -1);
  if (to <= from) return;
  if (keep) tr.removeMark(from, to, schema.marks[c.kind]);
  else tr.delete(from, to);
}

/** Accepts (or rejects) the given changes in one transaction. */
export function resolveChanges(state: EditorState, changes: TrackedChange[], accept: boolean): Transaction {
  const tr = state.tr;
  for (const c of changes) apply(tr, c, accept);
  return tr;
}
