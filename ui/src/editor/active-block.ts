// The top-level block holding the cursor is always rendered: it gets `cv-active`, which turns its
// `content-visibility: auto` (editor.css) into `visible`. A block that was just inserted (Enter,
// paste, a library clause) starts out skipped until the browser's next frame has seen it on
// screen; text typed into it before then was inserted in front of the clause number and left
// the cursor before it, so the next keys went in ahead of the first (under load, or typing fast).
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

const key = new PluginKey<DecorationSet>('activeBlock');

function activeBlock(state: EditorState): { from: number; node: PMNode } | null {
  const $head = state.selection.$head;
  if ($head.depth < 1) return null;
  const from = $head.before(1);
  return { from, node: $head.node(1) };
}

function decorate(state: EditorState, old?: DecorationSet): DecorationSet {
  const block = activeBlock(state);
  if (!block) return DecorationSet.empty;
  const to = block.from + block.node.nodeSize;
  const same = old?.find(block.from, to).find((d) => d.from === block.from && d.to === to);
  if (same && old) return old;
  return DecorationSet.create(state.doc, [Decoration.node(block.from, to, { class: 'cv-active' })]);
}

export function activeBlockPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_, state) => decorate(state),
      apply: (tr, old, _prev, state) => {
        if (!tr.docChanged && !tr.selectionSet) return old;
        return decorate(state, tr.docChanged ? old.map(tr.mapping, tr.doc) : old);
      },
    },
    props: { decorations: (state) => key.getState(state) },
  });
}
