// The outline pane: every clause with its number and first words; a click puts the cursor in
// the clause and scrolls it into view. Updated in place after typing pauses: only entries whose
// text changed are touched (a clause's first words are read once per version of the clause).
import type { Node as PMNode } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Lang } from '../bindings';
import { h } from '../dom';
import { clauseNumbers } from './numbers';

const WORDS = 40;

interface Entry {
  /** Index of the clause among the document's top-level blocks. */
  index: number;
  level: number;
  label: string;
}

/** First words of a clause, by node: unchanged clauses are the same node from edit to edit. */
const firstWords = new WeakMap<PMNode, string>();

function wordsOf(node: PMNode): string {
  let words = firstWords.get(node);
  if (words === undefined) {
    const text = node.textContent.trim();
    const head = Array.from(text).slice(0, WORDS).join('');
    words = `${head}${text.length > head.length ? '…' : ''}`;
    firstWords.set(node, words);
  }
  return words;
}

export function outlineEntries(doc: PMNode, lang: Lang): Entry[] {
  return clauseNumbers(doc, lang).map(({ index, number, node }) => ({ index, level: node.attrs.level as number, label: `${number} ${wordsOf(node)}` }));
}

/** What each outline root shows, entry by entry (compared instead of reading the DOM back). */
const shown = new WeakMap<HTMLElement, Entry[]>();

/** Renders the outline into `root` (a list of buttons), changing only the entries that differ. */
export function renderOutline(root: HTMLElement, view: EditorView, lang: Lang): void {
  const entries = outlineEntries(view.state.doc, lang);
  let before = shown.get(root) ?? [];
  if (before.length !== root.childElementCount) {
    root.replaceChildren();
    before = [];
  }
  entries.forEach((e, i) => {
    const was = before[i];
    const el = (was ? root.children[i] : root.appendChild(h('button', { testid: 'outline-item', attrs: { type: 'button' } }))) as HTMLElement;
    if (was?.level !== e.level) el.className = `outline-item outline-l${e.level}`;
    if (was?.label !== e.label) {
      el.title = e.label;
      el.textContent = e.label;
    }
    if (was?.index !== e.index) el.dataset.index = String(e.index);
  });
  while (root.childElementCount > entries.length) root.lastElementChild?.remove();
  shown.set(root, entries);
}

/** Jumps to the clause of an outline entry (delegated click handler). */
export function jumpTo(view: EditorView, target: HTMLElement): void {
  const index = Number(target.dataset.index);
  const { doc } = view.state;
  if (!Number.isInteger(index) || index < 0 || index >= doc.childCount) return;
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  const tr = view.state.tr.setSelection(TextSelection.near(doc.resolve(pos + 1)));
  view.dispatch(tr);
  view.focus();
  const dom = view.nodeDOM(pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
}
