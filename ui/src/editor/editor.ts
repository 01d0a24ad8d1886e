// The editor: one ProseMirror view with the draft schema, history, keys, tables, find, clause
// numbering and live findings. The rest of the screen talks to it through these functions.
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { history } from 'prosemirror-history';
import { Fragment, Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { tableEditing } from 'prosemirror-tables';
import { EditorView } from 'prosemirror-view';
import { keymap } from 'prosemirror-keymap';
import type { Block, DraftDoc, Lang } from '../bindings';
import { activeBlockPlugin } from './active-block';
import { commentsPlugin } from './comments';
import { findingsPlugin } from './findings';
import { findPlugin } from './find-replace';
import { editorKeymaps, type KeyHandlers } from './keymap';
import { numberingPlugin, setNumberingLang } from './numbering';
import { sanitizePastedHTML } from './paste';
import { schema } from './schema';

export interface EditorHooks extends KeyHandlers {
  /** After every transaction that changed the document. */
  docChanged: (tr: Transaction) => void;
  /** After every transaction (selection moves included). */
  updated: () => void;
  /** Ctrl+Alt+M: comment on the selection. */
  comment?: () => void;
}

function stateFor(doc: DraftDoc, lang: Lang, hooks: EditorHooks): EditorState {
  const content = doc.content.length ? doc : { type: 'doc', content: [{ type: 'paragraph' }] };
  return EditorState.create({
    doc: PMNode.fromJSON(schema, content),
    plugins: [
      keymap({ 'Mod-Alt-m': () => { hooks.comment?.(); return true; } }),
      ...editorKeymaps(hooks),
      history(),
      dropCursor(),
      gapCursor(),
      tableEditing(),
      findPlugin(),
      numberingPlugin(lang),
      findingsPlugin(),
      commentsPlugin(),
      activeBlockPlugin(),
    ],
  });
}

export function createEditor(mount: HTMLElement, doc: DraftDoc, lang: Lang, hooks: EditorHooks): EditorView {
  const view: EditorView = new EditorView(mount, {
    state: stateFor(doc, lang, hooks),
    attributes: { class: 'draft-text', 'data-testid': 'editor', spellcheck: 'false' },
    transformPastedHTML: sanitizePastedHTML,
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      if (tr.docChanged) hooks.docChanged(tr);
      hooks.updated();
    },
  });
  return view;
}

/** Replaces the whole document (another draft opened, or a version restored): a fresh history. */
export function loadDoc(view: EditorView, doc: DraftDoc, lang: Lang, hooks: EditorHooks): void {
  view.updateState(stateFor(doc, lang, hooks));
}

export function setLang(view: EditorView, lang: Lang): void {
  view.dispatch(setNumberingLang(view.state.tr, lang));
}

/** Each top-level block's JSON, by node: a block untouched since the last save, analysis or
 * alignment is the same node and is not serialised again. The objects are shared: never mutate. */
const blockJson = new WeakMap<PMNode, unknown>();

/** The document as the engine's `DraftDoc` (`doc.toJSON()`, built from the cached blocks). */
export function jsonOf(doc: PMNode): DraftDoc {
  const content: unknown[] = [];
  doc.forEach((node) => {
    let json = blockJson.get(node);
    if (json === undefined) {
      json = node.toJSON();
      blockJson.set(node, json);
    }
    content.push(json);
  });
  return { type: 'doc', content } as DraftDoc;
}

export function docJson(view: EditorView): DraftDoc {
  return jsonOf(view.state.doc);
}

/** Inserts blocks after the block holding the cursor (or in place of an empty paragraph). */
export function insertBlocks(view: EditorView, blocks: Block[]): void {
  if (!blocks.length) return;
  const nodes = Fragment.fromArray(blocks.map((b) => PMNode.fromJSON(schema, b)));
  const { state } = view;
  const $from = state.selection.$from;
  const tr = state.tr;
  let at: number;
  const top = $from.depth >= 1 ? $from.node(1) : null;
  if (top && top.type === schema.nodes.paragraph && top.content.size === 0) {
    at = $from.before(1);
    tr.replaceWith(at, $from.after(1), nodes);
  } else {
    at = $from.depth >= 1 ? $from.after(1) : state.doc.content.size;
    tr.insert(at, nodes);
  }
  const end = at + nodes.size;
  tr.setSelection(TextSelection.near(tr.doc.resolve(Math.max(0, end - 1)), -1)).scrollIntoView();
  view.dispatch(tr);
  view.focus();
}
