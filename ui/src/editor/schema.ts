// The editor's schema. Node and mark names and attrs are exactly the Rust document model's
// (crates/engine/src/draft/doc.rs): `doc.toJSON()` is what `draft_save` stores and the engine
// reads. toDOM returns DOM specs only (no HTML strings): contract text is data.
import { Schema, type DOMOutputSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';

const level = (dom: HTMLElement, max: number): number => {
  const n = Number(dom.getAttribute('data-level'));
  return Number.isInteger(n) && n >= 1 && n <= max ? n : 1;
};

/** A tracked change mark (`insertion` / `deletion`): who and when, drawn as <ins> / <del>. */
const tracked = (tag: 'ins' | 'del', cls: string): MarkSpec => ({
  attrs: { author: { default: '' }, date: { default: '' } },
  inclusive: false,
  excludes: 'insertion deletion',
  parseDOM: [{ tag: `${tag}.${cls}`, getAttrs: (dom: HTMLElement) => ({ author: dom.dataset.author ?? '', date: dom.dataset.date ?? '' }) }],
  toDOM: (mark): DOMOutputSpec => [tag, {
    class: cls, 'data-author': String(mark.attrs.author), 'data-date': String(mark.attrs.date),
    title: `${String(mark.attrs.author)} ${String(mark.attrs.date)}`.trim(),
  }, 0],
});

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  heading: {
    attrs: { level: { default: 1 } },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3].map((l) => ({ tag: `h${l}`, attrs: { level: l } })),
    toDOM: (node): DOMOutputSpec => [`h${Math.min(3, Math.max(1, node.attrs.level as number))}`, 0],
  },
  paragraph: {
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p' }],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },
  /** A numbered clause; its number is drawn by the numbering plugin (numbers.ts), not stored as text. */
  clause: {
    attrs: { level: { default: 1 }, number: { default: null } },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [{
      tag: 'p.clause',
      priority: 60,
      getAttrs: (dom: HTMLElement) => ({ level: level(dom, 4), number: dom.getAttribute('data-literal') }),
    }],
    toDOM: (node): DOMOutputSpec => ['p', {
      class: `clause clause-l${node.attrs.level as number}`,
      'data-level': String(node.attrs.level),
      'data-literal': (node.attrs.number as string | null) ?? undefined,
    }, 0],
  },
  bullet_list: {
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ul' }],
    toDOM: (): DOMOutputSpec => ['ul', 0],
  },
  ordered_list: {
    attrs: { order: { default: 1 } },
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ol', getAttrs: (dom: HTMLElement) => ({ order: Number(dom.getAttribute('start') ?? 1) || 1 }) }],
    toDOM: (node): DOMOutputSpec => ['ol', { start: String(node.attrs.order) }, 0],
  },
  list_item: {
    content: 'paragraph block*',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: (): DOMOutputSpec => ['li', 0],
  },
  ...tableNodes({ tableGroup: 'block', cellContent: 'block+', cellAttributes: {} }),
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: (): DOMOutputSpec => ['br'],
  },
};

export const schema = new Schema({
  nodes,
  marks: {
    bold: {
      parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
      toDOM: (): DOMOutputSpec => ['strong', 0],
    },
    italic: {
      parseDOM: [{ tag: 'em' }, { tag: 'i' }],
      toDOM: (): DOMOutputSpec => ['em', 0],
    },
    underline: {
      parseDOM: [{ tag: 'u' }],
      toDOM: (): DOMOutputSpec => ['u', 0],
    },
    /** A stored comment anchored to the text (the comment itself is kept with the draft). */
    comment: {
      attrs: { id: {} },
      inclusive: false,
      // Comments may overlap (the Rust model keeps every mark): one never replaces another.
      excludes: '',
      parseDOM: [{ tag: 'span.comment', getAttrs: (dom: HTMLElement) => ({ id: dom.getAttribute('data-comment') ?? '' }) }],
      toDOM: (mark): DOMOutputSpec => ['span', { class: 'comment', 'data-comment': String(mark.attrs.id) }, 0],
    },
    /** A tracked insertion (until accepted): `Mark::Insertion` in doc.rs. */
    insertion: tracked('ins', 'tracked-ins'),
    /** A tracked deletion (until accepted): shown struck through, not part of the text the engine reads. */
    deletion: tracked('del', 'tracked-del'),
  },
});

export const MAX_CLAUSE_LEVEL = 4;
