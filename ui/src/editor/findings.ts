// Live findings in the text: the analysis report's evidence (char offsets into the rendered
// draft) located through `segments` (child-index paths to text blocks) and drawn as inline
// decorations; clauses that carry a gap's evidence get a gutter mark. Decorations are mapped
// through later edits until the next analysis replaces them; each evidence decoration carries
// its finding in its spec, so an edit maps the decoration set and nothing else.
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { DraftAnalysis, Evidence, Segment } from '../bindings';

export type FindingKind = 'security' | 'pi' | 'risk';

export interface FindingRef {
  kind: FindingKind;
  id: string;
}

/** One evidence passage resolved to editor positions. */
export interface Located {
  from: number;
  to: number;
  ref: FindingRef;
  gap: boolean;
}

interface FindingsState {
  /** Evidence (inline, spec = `EvidenceSpec`) and gap marks (node) decorations. */
  deco: DecorationSet;
  selected: FindingRef | null;
}

interface EvidenceSpec {
  ref: FindingRef;
  gap: boolean;
}

export const findingsKey = new PluginKey<FindingsState>('findings');

/** The position where the text of the block at `path` starts, or null if the path is stale. */
export function blockAt(doc: PMNode, tops: number[], path: number[]): { node: PMNode; start: number } | null {
  const [first, ...rest] = path;
  if (first === undefined || first >= doc.childCount) return null;
  let node = doc.child(first);
  let start = tops[first] + 1;
  for (const idx of rest) {
    if (idx >= node.childCount) return null;
    let pos = start;
    for (let j = 0; j < idx; j++) pos += node.child(j).nodeSize;
    node = node.child(idx);
    start = pos + 1;
  }
  return node.isTextblock ? { node, start } : null;
}

/** Editor offsets (UTF-16, a hard break is one) of each char (code point) of a text block, as the
 * engine reads it: text under a tracked deletion is skipped (render.rs leaves it out). */
export function charOffsets(node: PMNode): number[] {
  const out: number[] = [];
  let at = 0;
  node.forEach((child) => {
    if (child.isText && child.marks.some((m) => m.type.name === 'deletion')) {
      at += child.nodeSize;
    } else if (child.isText) {
      for (const ch of child.text ?? '') {
        out.push(at);
        at += ch.length;
      }
    } else {
      out.push(at);
      at += child.nodeSize;
    }
  });
  out.push(at);
  return out;
}

/** Resolves the report's evidence to editor ranges (evidence spanning blocks is split per block). */
export function locate(doc: PMNode, analysis: DraftAnalysis): Located[] {
  const tops: number[] = [];
  let pos = 0;
  doc.forEach((child) => { tops.push(pos); pos += child.nodeSize; });
  const segments = [...analysis.segments].sort((a, b) => a.start - b.start);
  const cache = new Map<Segment, { start: number; offsets: number[] } | null>();
  const resolve = (s: Segment) => {
    if (!cache.has(s)) {
      const b = blockAt(doc, tops, s.path);
      cache.set(s, b ? { start: b.start, offsets: charOffsets(b.node) } : null);
    }
    return cache.get(s) ?? null;
  };
  const out: Located[] = [];
  const add = (e: Evidence, ref: FindingRef, gap: boolean) => {
    // The first segment that ends after the evidence starts (binary search), then onwards.
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid].start + segments[mid].len <= e.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < segments.length && segments[i].start < e.end; i++) {
      const s = segments[i];
      const a = Math.max(e.start, s.start) - s.start;
      const b = Math.min(e.end, s.start + s.len) - s.start;
      const block = resolve(s);
      if (!block || b <= a || b >= block.offsets.length) continue;
      out.push({ from: block.start + block.offsets[a], to: block.start + block.offsets[b], ref, gap });
    }
  };
  const r = analysis.report;
  for (const row of r.security) for (const e of row.evidence) add(e, { kind: 'security', id: row.id }, row.gap !== null);
  for (const row of r.pi) for (const e of row.evidence) add(e, { kind: 'pi', id: row.id }, false);
  for (const row of r.risks) for (const e of row.evidence) add(e, { kind: 'risk', id: row.id }, row.customer_unfavourable === true);
  return out;
}

const sameRef = (a: FindingRef | null, b: FindingRef) => !!a && a.kind === b.kind && a.id === b.id;

function decorate(doc: PMNode, located: Located[], selected: FindingRef | null): DecorationSet {
  const decos: Decoration[] = [];
  const gapBlocks = new Set<number>();
  for (const l of located) {
    const on = sameRef(selected, l.ref);
    decos.push(Decoration.inline(l.from, l.to, {
      class: `ev${l.gap ? ' ev-gap' : ''}${on ? ' ev-selected' : ''}`,
      'data-finding': `${l.ref.kind}:${l.ref.id}`,
    }, { ref: l.ref, gap: l.gap } satisfies EvidenceSpec));
    if (l.gap) {
      const $pos = doc.resolve(l.from);
      if ($pos.depth >= 1) gapBlocks.add($pos.before(1));
    }
  }
  for (const pos of gapBlocks) {
    const node = doc.nodeAt(pos);
    if (node) decos.push(Decoration.node(pos, pos + node.nodeSize, { class: 'has-gap' }));
  }
  return DecorationSet.create(doc, decos);
}

export interface FindingsMeta {
  located?: Located[];
  selected?: FindingRef | null;
}

/** The evidence as it stands now (mapped through the edits since the analysis), in document order. */
function locatedNow(deco: DecorationSet, keep: (spec: EvidenceSpec) => boolean = () => true): Located[] {
  return deco.find(undefined, undefined, (spec) => 'ref' in spec && keep(spec as EvidenceSpec))
    .map((d) => ({ from: d.from, to: d.to, ref: (d.spec as EvidenceSpec).ref, gap: (d.spec as EvidenceSpec).gap }))
    .sort((a, b) => a.from - b.from);
}

export function findingsPlugin(): Plugin<FindingsState> {
  return new Plugin<FindingsState>({
    key: findingsKey,
    state: {
      init: () => ({ deco: DecorationSet.empty, selected: null }),
      apply: (tr, old, _prev, state) => {
        const meta = tr.getMeta(findingsKey) as FindingsMeta | undefined;
        if (meta) {
          const deco = tr.docChanged ? old.deco.map(tr.mapping, tr.doc) : old.deco;
          const located = meta.located ?? locatedNow(deco);
          const selected = meta.selected !== undefined ? meta.selected : old.selected;
          return { selected, deco: decorate(state.doc, located, selected) };
        }
        if (!tr.docChanged) return old;
        // Inline decorations that shrink to nothing are dropped by the mapping, as evidence should be.
        return { selected: old.selected, deco: old.deco.map(tr.mapping, tr.doc) };
      },
    },
    props: { decorations: (state) => findingsKey.getState(state)?.deco },
  });
}

/** The evidence ranges of a finding, in document order. */
export function rangesOf(state: EditorState, ref: FindingRef): Located[] {
  const deco = findingsKey.getState(state)?.deco;
  return deco ? locatedNow(deco, (spec) => sameRef(ref, spec.ref)) : [];
}
