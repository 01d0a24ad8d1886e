// The outline pane: every clause with its number and first words; a click puts the cursor in
// the clause and scrolls it into view. Rebuilt only when the list of entries changes.
import type { Node as PMNode } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Lang } from '../bindings';
import { h } from '../dom';
import { clauseNumbers } from './numbers';

const WORDS = 40;

interface Entry {
  pos: number;
  level: number;
  label: string;
}

export function outlineEntries(doc: PMNode, lang: Lang): Entry[] {
  return clauseNumbers(doc, lang).map(({ pos, number, node }) => {
    const text = node.textContent.trim();
    const words = Array.from(text).slice(0, WORDS).join('');
    return { pos, level: node.attrs.level as number, label: `${number} ${words}${text.length > words.length ? '…' : ''}` };
  });
}

let shown = '';

/** Renders the outline into `root` (a list of buttons), unless it is unchanged. */
export function renderOutline(root: HTMLElement, view: EditorView, lang: Lang): void {
  const entries = outlineEntries(view.state.doc, lang);
  const key = entries.map((e) => `${e.level}\u0001${e.label}`).join('\u0002');
  if (key === shown && root.childElementCount === entries.length) {
    entries.forEach((e, i) => { (root.children[i] as HTMLElement).dataset.pos = String(e.pos); });
    return;
  }
  shown = key;
  root.replaceChildren(...entries.map((e) => h('button', {
    class: `outline-item outline-l${e.level}`,
    testid: 'outline-item',
    attrs: { type: 'button', 'data-pos': e.pos, title: e.label },
  }, e.label)));
}

/** Jumps to the clause of an outline entry (delegated click handler). */
export function jumpTo(view: EditorView, target: HTMLElement): void {
  const pos = Number(target.dataset.pos);
  if (!Number.isFinite(pos) || pos + 1 > view.state.doc.content.size) return;
  const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, pos + 1));
  view.dispatch(tr);
  view.focus();
  const dom = view.nodeDOM(pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
}

export function resetOutline(): void {
  shown = '';
}
