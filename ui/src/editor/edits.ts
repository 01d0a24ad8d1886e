// What a transaction did to the document's block structure, so that plugins and panels can tell
// typing (text and marks changed inside blocks) from edits that add, remove, split, join or
// retype top-level blocks, and skip whole-document work for the former.
import type { Node as PMNode } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from 'prosemirror-transform';

/** Whether `from..to` of `doc` lies inside one top-level block (its own tokens excluded). */
function insideOneBlock(doc: PMNode, from: number, to: number): boolean {
  const $from = doc.resolve(from);
  if ($from.depth < 1) return false;
  const $to = from === to ? $from : doc.resolve(to);
  return $to.depth >= 1 && $from.index(0) === $to.index(0);
}

/**
 * True when every step of `tr` changed text or marks inside a single top-level block and the
 * document still has the same top-level blocks, each with its type and attributes (a replace
 * strictly inside a block cannot change the block's own markup). Clause numbers, the outline's
 * entries and the blocks' positions relative to each other are then as they were.
 */
export function withinBlocks(tr: Transaction): boolean {
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i];
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) continue;
    if (!(step instanceof ReplaceStep)) return false;
    const before = tr.docs[i];
    const after = i + 1 < tr.docs.length ? tr.docs[i + 1] : tr.doc;
    if (before.childCount !== after.childCount) return false;
    let inside = true;
    step.getMap().forEach((oldStart, oldEnd, newStart, newEnd) => {
      inside &&= insideOneBlock(before, oldStart, oldEnd) && insideOneBlock(after, newStart, newEnd);
    });
    if (!inside) return false;
  }
  return true;
}
