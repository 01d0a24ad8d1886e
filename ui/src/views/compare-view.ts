// The version compare view: two versions of a draft (or a version and the current text) as a
// document-level redline over the editor — every clause in reading order, changed ones with
// their deletions struck through and insertions underlined — and the list of changes
// (modified, inserted, deleted, moved, with clause numbers) to step through with the buttons or
// the keys n / p (Esc closes). Every text goes in as text nodes.
import '../redline.css';
import type { ChangeKind, ClauseChange, Op } from '../bindings';
import { button, h } from '../dom';
import { closeCompare } from '../draft-actions';
import { drafts, type Compare } from '../draft-state';
import { t, type MessageKey } from '../i18n';

/** The view's own element: the drafting screen puts it over the editor. */
export const compareRoot = h('section', { class: 'compare-view', testid: 'compare', attrs: { tabindex: '-1' } });
compareRoot.hidden = true;

const KIND_KEYS: Record<ChangeKind, MessageKey> = {
  unchanged: 'compare.kind.unchanged', modified: 'compare.kind.modified', inserted: 'compare.kind.inserted',
  deleted: 'compare.kind.deleted', moved: 'compare.kind.moved', moved_away: 'compare.kind.moved_away',
};

const changedOf = (c: Compare) => c.comparison.changes.map((x, i) => ({ x, i })).filter(({ x }) => x.kind !== 'unchanged');
const numberOf = (x: ClauseChange) => x.new_clause || x.old_clause || t('redline.unnumbered');

function opEl(o: Op): Node {
  if (o.op === 'equal') return document.createTextNode(o.text);
  return o.op === 'delete'
    ? h('del', { class: 'rl-del', testid: 'rl-del' }, o.text)
    : h('ins', { class: 'rl-ins', testid: 'rl-ins' }, o.text);
}

/** Moves to the next (+1) or previous (-1) change and shows it. */
export function step(delta: number): void {
  const c = drafts.compare;
  if (!c) return;
  const n = changedOf(c).length;
  if (!n) return;
  c.cursor = (c.cursor + delta + n) % n;
  renderCompareView();
  compareRoot.querySelector<HTMLElement>('.cmp-clause.current')?.scrollIntoView({ block: 'center' });
}

function goTo(k: number): void {
  const c = drafts.compare;
  if (!c) return;
  c.cursor = k;
  renderCompareView();
  compareRoot.querySelector<HTMLElement>('.cmp-clause.current')?.scrollIntoView({ block: 'center' });
}

let shown: Compare | null = null;

export function renderCompareView(): void {
  const c = drafts.compare;
  compareRoot.hidden = !c;
  if (!c) { shown = null; compareRoot.replaceChildren(); return; }
  const label = (n: number | null) => (n === null ? t('versions.current') : t('versions.number', { n }));
  const changed = changedOf(c);
  const current = changed[c.cursor]?.i ?? -1;
  const s = c.comparison.stats;
  const list = h('ol', { class: 'cmp-list', testid: 'compare-changes' }, ...changed.map(({ x }, k) => h('li', {},
    button(`${t(KIND_KEYS[x.kind])} · ${numberOf(x)}`, () => goTo(k), {
      class: `cmp-item cmp-item-${x.kind}${k === c.cursor ? ' current' : ''}`,
      testid: 'compare-change',
      attrs: { 'data-kind': x.kind, 'data-clause': numberOf(x), 'aria-current': k === c.cursor ? 'true' : null },
    }))));
  const doc = h('div', { class: 'cmp-doc', testid: 'compare-doc' }, ...c.comparison.changes.map((x, i) => h('div', {
    class: `cmp-clause cmp-${x.kind}${i === current ? ' current' : ''}`,
    testid: 'cmp-clause',
    attrs: { 'data-kind': x.kind, 'data-clause': numberOf(x) },
  },
  x.kind !== 'unchanged' ? h('span', { class: `badge cmp-badge cmp-badge-${x.kind}` }, t(KIND_KEYS[x.kind])) : null,
  x.kind === 'moved_away'
    ? h('span', { class: 'muted' }, t('compare.movedAway', { n: x.old_clause || '' }))
    : h('span', { class: 'cmp-text' }, ...x.ops.map(opEl)))));
  compareRoot.replaceChildren(
    h('header', { class: 'cmp-head' },
      h('strong', {}, t('versions.comparing', { a: label(c.from), b: label(c.to) })),
      h('span', { class: 'muted small', testid: 'compare-stats' }, t('compare.stats', { m: s.modified, i: s.inserted, d: s.deleted, v: s.moved })),
      h('span', { class: 'tool-spacer' }),
      button('↑', () => step(-1), { class: 'btn btn-small', testid: 'compare-prev', attrs: { title: t('compare.prev'), 'aria-label': t('compare.prev'), disabled: !changed.length } }),
      h('span', { class: 'small', testid: 'compare-position' }, changed.length ? `${c.cursor + 1} / ${changed.length}` : t('compare.none')),
      button('↓', () => step(1), { class: 'btn btn-small', testid: 'compare-next', attrs: { title: t('compare.next'), 'aria-label': t('compare.next'), disabled: !changed.length } }),
      button(t('versions.closeCompare'), closeCompare, { class: 'btn btn-small btn-quiet', testid: 'compare-close' })),
    h('div', { class: 'cmp-body' }, list, doc),
  );
  if (shown !== c) {
    shown = c;
    compareRoot.focus({ preventScroll: true });
  }
}

/** n / p step through the changes and Esc closes, unless the focus is in a text field. */
window.addEventListener('keydown', (ev) => {
  // Only while the view is on screen (not behind another screen).
  if (!drafts.compare || compareRoot.offsetParent === null || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const el = ev.target as HTMLElement | null;
  if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
  if (ev.key === 'n') { ev.preventDefault(); step(1); }
  else if (ev.key === 'p') { ev.preventDefault(); step(-1); }
  else if (ev.key === 'Escape') { ev.preventDefault(); closeCompare(); }
});
