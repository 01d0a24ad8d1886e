// The contract pane: document.text as text nodes, one inline span per clause (and per stretch of
// text between clauses), so line breaks stay as they are. Highlighting rebuilds only the spans an
// evidence passage touches. Offsets count Unicode scalar values: the text is indexed as code points.
import type { AnalysisResult, Evidence } from '../bindings';
import { h } from '../dom';

interface Segment {
  start: number;
  end: number;
  el: HTMLElement;
}

/** An evidence passage resolved to code-point offsets in the shown text. */
export interface Passage {
  start: number;
  end: number;
  index: number;
}

let shown: AnalysisResult | null = null;
let chars: string[] = [];
let segments: Segment[] = [];
let marked: Segment[] = [];
let pane: HTMLElement | null = null;

function build(result: AnalysisResult): HTMLElement {
  chars = Array.from(result.document.text);
  segments = [];
  marked = [];
  const body = h('div', { class: 'contract-body', attrs: { lang: result.report.language === 'en' ? 'en' : 'zh-CN' } });
  const clauses = [...result.document.clauses]
    .map((c, i) => ({ c, i, start: Math.max(0, c.start), end: Math.min(chars.length, c.end) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  const add = (start: number, end: number, el: HTMLElement) => {
    el.textContent = chars.slice(start, end).join('');
    segments.push({ start, end, el });
    body.appendChild(el);
  };
  for (const { c, i, start, end } of clauses) {
    if (end <= pos) continue; // nested or repeated span: its text is already shown
    const from = Math.max(start, pos);
    if (from > pos) add(pos, from, h('span', { class: 'k-gap' }));
    add(from, end, h('span', {
      class: `k-clause k-${c.kind} k-level-${Math.min(c.level, 3)}`,
      attrs: { 'data-clause': c.number, 'data-index': i },
    }));
    pos = end;
  }
  if (pos < chars.length) add(pos, chars.length, h('span', { class: 'k-gap' }));
  return body;
}

/** The pane for this result; built once per result and kept across re-renders. */
export function contractPane(result: AnalysisResult): HTMLElement {
  if (result !== shown || !pane) {
    shown = result;
    pane = h('div', { class: 'contract-text', testid: 'contract-text', attrs: { tabindex: '0' } }, build(result));
  }
  return pane;
}

/**
 * Where each evidence passage is in the text. The offsets are trusted when the text there is the
 * quote; otherwise the quote is looked up (nearest to the given offset), so a passage is never
 * marked at the wrong place.
 */
export function locate(evidence: Evidence[]): Passage[] {
  const out: Passage[] = [];
  evidence.forEach((e, index) => {
    const start = Math.max(0, e.start);
    const end = Math.min(chars.length, e.end);
    if (end > start && (!e.quote || chars.slice(start, end).join('') === e.quote)) {
      out.push({ start, end, index });
      return;
    }
    if (!e.quote) return;
    const text = chars.join('');
    let best = -1;
    for (let i = text.indexOf(e.quote); i >= 0; i = text.indexOf(e.quote, i + 1)) {
      const cp = Array.from(text.slice(0, i)).length;
      if (best < 0 || Math.abs(cp - e.start) < Math.abs(best - e.start)) best = cp;
      if (cp > e.start) break;
    }
    if (best >= 0) out.push({ start: best, end: best + Array.from(e.quote).length, index });
  });
  return out;
}

function firstSegment(pos: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function renderSegment(seg: Segment, passages: Passage[]): void {
  const own = passages
    .filter((p) => p.end > seg.start && p.start < seg.end)
    .sort((a, b) => a.start - b.start);
  const frag = document.createDocumentFragment();
  let pos = seg.start;
  for (const p of own) {
    const start = Math.max(p.start, pos, seg.start);
    const end = Math.min(p.end, seg.end);
    if (end <= start) continue; // overlapping passages: never repeat text
    if (start > pos) frag.appendChild(document.createTextNode(chars.slice(pos, start).join('')));
    frag.appendChild(h('mark', { class: 'evidence-mark', testid: 'evidence-mark', attrs: { 'data-evidence': p.index } },
      chars.slice(start, end).join('')));
    pos = end;
  }
  if (pos < seg.end) frag.appendChild(document.createTextNode(chars.slice(pos, seg.end).join('')));
  seg.el.replaceChildren(frag);
}

/** Marks exactly these passages (removing earlier marks); returns the first passage's first <mark>. */
export function highlight(passages: Passage[]): HTMLElement | null {
  for (const seg of marked) seg.el.textContent = chars.slice(seg.start, seg.end).join('');
  marked = [];
  const touched = new Set<Segment>();
  for (const p of passages) {
    for (let i = firstSegment(p.start); i < segments.length && segments[i].start < p.end; i++) touched.add(segments[i]);
  }
  for (const seg of touched) {
    renderSegment(seg, passages);
    marked.push(seg);
  }
  marked.sort((a, b) => a.start - b.start);
  return passages.length ? markFor(passages[0].index) : null;
}

/** Scrolls the contract pane (only) so that the element sits in its upper third. */
export function scrollToMark(el: HTMLElement | null): void {
  if (!el || !pane) return;
  const paneBox = pane.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  pane.scrollTop += box.top - paneBox.top - pane.clientHeight / 3;
}

export function markFor(index: number): HTMLElement | null {
  return pane?.querySelector<HTMLElement>(`mark[data-evidence="${index}"]`) ?? null;
}
