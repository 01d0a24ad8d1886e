// Editing commands and the Word-like keys: Tab / Shift-Tab change a clause's level (or move
// between table cells, or nest a list item), Enter in a clause starts the next clause at the same
// level (an empty clause goes up a level, then becomes a paragraph), Ctrl+B/I/U, Ctrl+Z/Y,
// Ctrl+S (save now) and Ctrl+F (find).
import { baseKeymap, chainCommands, setBlockType, toggleMark } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Node as PMNode } from 'prosemirror-model';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import type { Command, Plugin } from 'prosemirror-state';
import { goToNextCell } from 'prosemirror-tables';
import { MAX_CLAUSE_LEVEL, schema } from './schema';

const { clause, paragraph, heading, hard_break: hardBreak } = schema.nodes;

/** Changes the level of every clause the selection touches by `delta` (1 … 4). */
export function shiftClauseLevel(delta: number): Command {
  return (state, dispatch) => {
    const { from, to } = state.selection;
    const targets: { pos: number; node: PMNode }[] = [];
    state.doc.nodesBetween(from, to, (node, pos) => {
      if (node.type === clause) targets.push({ pos, node });
      return !node.isTextblock;
    });
    if (!targets.length) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const { pos, node } of targets) {
        const level = Math.min(MAX_CLAUSE_LEVEL, Math.max(1, (node.attrs.level as number) + delta));
        if (level !== node.attrs.level) tr.setNodeMarkup(pos, undefined, { ...node.attrs, level });
      }
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Enter in a clause: the next clause, at the same level, numbered automatically. */
export const splitClause: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  const block = $from.parent;
  if (block.type !== clause || !$from.sameParent($to)) return false;
  if (block.content.size === 0) {
    // An empty clause: go up a level, or leave numbering (Word's behaviour on an empty item).
    const level = block.attrs.level as number;
    if (dispatch) {
      const tr = level > 1
        ? state.tr.setNodeMarkup($from.before(), undefined, { ...block.attrs, level: level - 1 })
        : state.tr.setNodeMarkup($from.before(), paragraph);
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  if (dispatch) {
    const tr = state.tr.deleteSelection();
    const pos = tr.selection.from;
    tr.split(pos, 1, [{ type: clause, attrs: { level: block.attrs.level, number: null } }]);
    dispatch(tr.scrollIntoView());
  }
  return true;
};

const insertHardBreak: Command = (state, dispatch) => {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(hardBreak.create()).scrollIntoView());
  return true;
};

/** Keeps Tab inside the editor when nothing else uses it. */
const swallow: Command = () => true;

export const commands = {
  bold: toggleMark(schema.marks.bold),
  italic: toggleMark(schema.marks.italic),
  underline: toggleMark(schema.marks.underline),
  paragraph: setBlockType(paragraph),
  heading: (level: number) => setBlockType(heading, { level }),
  clause: (level = 1) => setBlockType(clause, { level, number: null }),
  bulletList: wrapInList(schema.nodes.bullet_list),
  orderedList: wrapInList(schema.nodes.ordered_list),
  undo,
  redo,
};

export interface KeyHandlers {
  save: () => void;
  find: () => void;
}

export function editorKeymaps(handlers: KeyHandlers): Plugin[] {
  const listItem = schema.nodes.list_item;
  return [
    keymap({
      'Mod-z': undo,
      'Mod-y': redo,
      'Shift-Mod-z': redo,
      'Mod-b': commands.bold,
      'Mod-i': commands.italic,
      'Mod-u': commands.underline,
      'Mod-s': () => { handlers.save(); return true; },
      'Mod-f': () => { handlers.find(); return true; },
      Enter: chainCommands(splitClause, splitListItem(listItem)),
      'Shift-Enter': insertHardBreak,
      Tab: chainCommands(goToNextCell(1), shiftClauseLevel(1), sinkListItem(listItem), swallow),
      'Shift-Tab': chainCommands(goToNextCell(-1), shiftClauseLevel(-1), liftListItem(listItem), swallow),
    }),
    keymap(baseKeymap),
  ];
}
