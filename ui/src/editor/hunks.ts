// A clause's redline (ops over the rendered draft text, from `start`) laid onto the editor: each
// hunk — a run of delete/insert ops between equal text — with the editor ranges of the draft's
// own text in it and the place where the model's text goes. The rendered text has clause numbers
// and line breaks the editor does not (they are not in any segment): those chars are skipped.
// Adopting a hunk marks the draft's text deleted and inserts the model's text, both tracked.
import type { Node as PMNode } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';
import type { Op, Segment } from '../bindings';
import { blockAt, charOffsets } from './findings';
import { insertTracked, markDeleted, type TrackAttrs } from './tracked';

export interface Hunk {
  /** The model's text the draft lacks (delete ops). */
  deleted: string;
  /** The draft's text the model lacks (insert ops). */
  inserted: string;
  /** Editor ranges of `inserted` (chars outside the editor's text are not in them). */
  ranges: { from: number; to: number }[];
  /** Where the model's text is inserted (after the draft's text of the hunk). */
  at: number;
  /** Index of the hunk's first op in `ops`. */
  op: number;
}

/** Maps rendered-text offsets (code points) to editor positions through the segments. */
export class TextMap {
  private tops: number[] = [];
  private segs: Segment[];
  private cache = new Map<Segment, { start: number; offsets: number[] } | null>();

  constructor(private doc: PMNode, segments: Segment[]) {
    let pos = 0;
    doc.forEach((child) => { this.tops.push(pos); pos += child.nodeSize; });
    this.segs = [...segments].sort((a, b) => a.start - b.start);
  }

  private block(s: Segment) {
    if (!this.cache.has(s)) {
      const b = blockAt(this.doc, this.tops, s.path);
      this.cache.set(s, b ? { start: b.start, offsets: charOffsets(b.node) } : null);
    }
    return this.cache.get(s) ?? null;
  }

  /** The editor position of char `p`, if it is editor text. */
  at(p: number): number | null {
    const s = this.segs.find((x) => p >= x.start && p < x.start + x.len);
    const b = s && this.block(s);
    return s && b ? b.start + (b.offsets[p - s.start] ?? 0) : null;
  }

  /** A position for text inserted before char `p`: at it, at the end of the block it ends, or
   * at the start of the next block. */
  anchor(p: number): number | null {
    const here = this.at(p);
    if (here !== null) return here;
    const ending = this.segs.find((x) => x.start + x.len === p);
    const eb = ending && this.block(ending);
    if (ending && eb) return eb.start + (eb.offsets[ending.len] ?? 0);
    const next = this.segs.find((x) => x.start > p);
    const nb = next && this.block(next);
    return nb ? nb.start + (nb.offsets[0] ?? 0) : null;
  }
}

/** The hunks of `ops` (whose equal and insert text starts at rendered offset `start`). */
export function hunksOf(doc: PMNode, segments: Segment[], start: number, ops: Op[]): Hunk[] {
  const map = new TextMap(doc, segments);
  const out: Hunk[] = [];
  let p = start;
  let cur: Hunk | null = null;
  let curStart = 0;
  const close = () => {
    if (!cur) return;
    const last = cur.ranges[cur.ranges.length - 1];
    const at = last ? last.to : map.anchor(curStart);
    if (at !== null) out.push({ ...cur, at });
    cur = null;
  };
  ops.forEach((o, i) => {
    if (o.op === 'equal') {
      close();
      p += [...o.text].length;
      return;
    }
    if (!cur) { cur = { deleted: '', inserted: '', ranges: [], at: 0, op: i }; curStart = p; }
    if (o.op === 'delete') { cur.deleted += o.text; return; }
    cur.inserted += o.text;
    for (const ch of o.text) {
      const pos = map.at(p);
      if (pos !== null) {
        const last = cur.ranges[cur.ranges.length - 1];
        if (last && last.to === pos) last.to = pos + ch.length;
        else cur.ranges.push({ from: pos, to: pos + ch.length });
      }
      p++;
    }
  });
  close();
  return out;
}

/** Model text as one line of editor text (line breaks of the model's body become spaces). */
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');

/** Adopts hunks: the draft's text of each is marked deleted and the model's text inserted after
 * it, both as tracked changes, in one transaction (last hunk first, so positions stay valid). */
export function adopt(tr: Transaction, hunks: Hunk[], attrs: TrackAttrs): Transaction {
  for (const h of [...hunks].sort((a, b) => b.at - a.at)) {
    insertTracked(tr, h.at, oneLine(h.deleted), attrs);
    for (const r of [...h.ranges].reverse()) markDeleted(tr, r.from, r.to, attrs);
  }
  return tr;
}
