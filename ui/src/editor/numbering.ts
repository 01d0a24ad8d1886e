// Draws each clause's number (numbers.ts) as a widget at the start of the clause (not editable,
// not part of the document), so numbers renumber themselves on every change. Widgets, not node
// decorations: node decorations on thousands of top-level blocks make every view update
// quadratic. An edit inside blocks (typing; edits.ts) cannot change a number: the widgets are
// only mapped, without walking the document. Other edits renumber.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import type { Lang } from '../bindings';
import { withinBlocks } from './edits';
import { clauseNumbers } from './numbers';

interface NumberingState {
  lang: Lang;
  numbers: string[];
  deco: DecorationSet;
}

export const numberingKey = new PluginKey<NumberingState>('numbering');

function build(doc: PMNode, lang: Lang, list = clauseNumbers(doc, lang)): NumberingState {
  const deco = DecorationSet.create(doc, list.map((c) =>
    Decoration.widget(c.pos + 1, () => numberWidget(c.number), { side: -1, key: `n${c.number}`, ignoreSelection: true })));
  return { lang, numbers: list.map((c) => c.number), deco };
}

function numberWidget(number: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'clause-number';
  el.contentEditable = 'false';
  el.dataset.number = number;
  el.textContent = number;
  return el;
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Typing inside a clause leaves the numbers alone: then the decorations are only mapped. */
function apply(tr: Transaction, old: NumberingState, state: EditorState): NumberingState {
  const lang = (tr.getMeta(numberingKey) as { lang?: Lang } | undefined)?.lang ?? old.lang;
  if (!tr.docChanged && lang === old.lang) return old;
  if (lang === old.lang && withinBlocks(tr)) return { lang, numbers: old.numbers, deco: old.deco.map(tr.mapping, tr.doc) };
  const list = clauseNumbers(state.doc, lang);
  const numbers = list.map((c) => c.number);
  if (lang === old.lang && same(numbers, old.numbers)) {
    const mapped = old.deco.map(tr.mapping, tr.doc);
    if (mapped.find().length === numbers.length) return { lang, numbers: old.numbers, deco: mapped };
  }
  return build(state.doc, lang, list);
}

export function numberingPlugin(lang: Lang): Plugin<NumberingState> {
  return new Plugin<NumberingState>({
    key: numberingKey,
    state: {
      init: (_, state) => build(state.doc, lang),
      apply: (tr, old, _prev, state) => apply(tr, old, state),
    },
    props: { decorations: (state) => numberingKey.getState(state)?.deco },
  });
}

/** The transaction that switches the numbering style (the draft's language changed). */
export function setNumberingLang(tr: Transaction, lang: Lang): Transaction {
  return tr.setMeta(numberingKey, { lang });
}
