// Find & replace (Ctrl+F): a bar above the text over prosemirror-search, which highlights every
// match. Enter / Shift+Enter find the next / previous match, Esc closes the bar.
// The plugin is prosemirror-search's (its key, so its commands work) with its own state update:
// a new query searches the whole document; an edit inside blocks (edits.ts) maps the highlights
// and searches again only the blocks it touched, and a selection move only restyles the match it
// leaves and the one it lands on (the library searched the whole text on every keystroke and
// every cursor move while the bar was open).
import {
  SearchQuery, findNext, findPrev, getMatchHighlights, replaceAll, replaceNext, search, setSearchState,
} from 'prosemirror-search';
import { Plugin, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { button, h } from '../dom';
import { t } from '../i18n';
import { withinBlocks } from './edits';

type Range = { from: number; to: number };
/** The fields prosemirror-search's commands and `getMatchHighlights` read. */
interface FindState {
  query: SearchQuery;
  range: Range | null;
  deco: DecorationSet;
}

const MATCH = 'ProseMirror-search-match';
const ACTIVE = 'ProseMirror-active-search-match';

const isActive = (d: Decoration) => (d.spec as { active?: boolean }).active === true;
const matchDeco = (from: number, to: number, active: boolean) =>
  Decoration.inline(from, to, { class: active ? ACTIVE : MATCH }, { active });

/** The query's matches in `from..to` (the selected one drawn as active), as prosemirror-search draws them. */
function matchesIn(state: EditorState, query: SearchQuery, from: number, to: number): Decoration[] {
  const out: Decoration[] = [];
  const sel = state.selection;
  for (let pos = from; ;) {
    const next = query.findNext(state, pos, to);
    if (!next) break;
    out.push(matchDeco(next.from, next.to, next.from === sel.from && next.to === sel.to));
    pos = Math.max(next.to, pos + 1); // zero-length matches
  }
  return out;
}

function build(state: EditorState, query: SearchQuery, range: Range | null): DecorationSet {
  if (!query.valid) return DecorationSet.empty;
  return DecorationSet.create(state.doc, matchesIn(state, query, range ? range.from : 0, range ? range.to : state.doc.content.size));
}

/** The top-level blocks (as ranges of the new document) that an edit inside blocks touched. */
function touchedBlocks(tr: Transaction): Range[] | null {
  const starts = new Set<number>();
  let inside = true;
  tr.steps.forEach((step, i) => {
    const rest = tr.mapping.slice(i + 1);
    step.getMap().forEach((_oldStart, _oldEnd, newStart) => {
      const $pos = tr.doc.resolve(rest.map(newStart));
      if ($pos.depth < 1) inside = false;
      else starts.add($pos.before(1));
    });
  });
  if (!inside) return null;
  return [...starts].map((from) => ({ from, to: from + (tr.doc.nodeAt(from)?.nodeSize ?? 0) }));
}

/** Matches searched again in the blocks an edit touched; the rest only mapped. Null: search all. */
function afterEdit(tr: Transaction, old: DecorationSet, state: EditorState, query: SearchQuery): DecorationSet | null {
  const blocks = touchedBlocks(tr);
  if (!blocks) return null;
  let deco = old.map(tr.mapping, tr.doc);
  for (const { from, to } of blocks) deco = deco.remove(deco.find(from, to)).add(state.doc, matchesIn(state, query, from, to));
  return deco;
}

/** The match that is the selection is drawn active, and no other (one drawn active before starts at `was`). */
function followSelection(state: EditorState, deco: DecorationSet, was: number): DecorationSet {
  const { from, to } = state.selection;
  const stale = deco.find(was, was).filter((d) => isActive(d) && (d.from !== from || d.to !== to));
  const now = deco.find(from, to).filter((d) => d.from === from && d.to === to && !isActive(d));
  if (!stale.length && !now.length) return deco;
  return deco.remove([...stale, ...now]).add(state.doc, [
    ...stale.map((d) => matchDeco(d.from, d.to, false)),
    ...now.map((d) => matchDeco(d.from, d.to, true)),
  ]);
}

export function findPlugin(): Plugin {
  const base = search();
  return new Plugin<FindState>({
    ...base.spec,
    state: {
      init: () => ({ query: new SearchQuery({ search: '' }), range: null, deco: DecorationSet.empty }),
      apply(tr, old, oldState, state): FindState {
        const set = tr.getMeta(base) as { query: SearchQuery; range: Range | null } | undefined;
        if (set) return { query: set.query, range: set.range, deco: build(state, set.query, set.range) };
        if (!tr.docChanged && !tr.selectionSet) return old;
        let range = old.range;
        if (range && tr.docChanged) {
          const from = tr.mapping.map(range.from, 1);
          const to = tr.mapping.map(range.to, -1);
          range = from < to ? { from, to } : null;
        }
        if (!old.query.valid) return { query: old.query, range, deco: DecorationSet.empty };
        const deco = !tr.docChanged ? old.deco : !range && withinBlocks(tr) ? afterEdit(tr, old.deco, state, old.query) : null;
        if (!deco) return { query: old.query, range, deco: build(state, old.query, range) };
        // A match drawn active was the old selection.
        return { query: old.query, range, deco: followSelection(state, deco, tr.mapping.map(oldState.selection.from)) };
      },
    },
  });
}

export class FindBar {
  readonly el: HTMLElement;
  private readonly find = h('input', { class: 'input find-input', testid: 'find-input', attrs: { type: 'search', spellcheck: 'false' } });
  private readonly replace = h('input', { class: 'input find-input', testid: 'replace-input', attrs: { type: 'text', spellcheck: 'false' } });
  private readonly count = h('span', { class: 'find-count muted small', testid: 'find-count', attrs: { 'aria-live': 'polite' } });
  private readonly caseBox = h('input', { testid: 'find-case', attrs: { type: 'checkbox' } });

  constructor(private readonly view: () => EditorView | null) {
    this.el = h('div', { class: 'find-bar', testid: 'find-bar', attrs: { role: 'search' } });
    this.el.hidden = true;
    this.find.addEventListener('input', () => this.apply());
    this.replace.addEventListener('input', () => this.apply());
    this.caseBox.addEventListener('change', () => this.apply());
    this.find.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') { ev.preventDefault(); this.run(ev.shiftKey ? findPrev : findNext); }
    });
    this.replace.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') { ev.preventDefault(); this.run(replaceNext); }
    });
    this.el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') { ev.preventDefault(); ev.stopPropagation(); this.close(); }
    });
    this.render();
  }

  /** (Re)builds the labels in the UI language; the inputs keep their values. */
  render(): void {
    this.find.placeholder = t('find.find');
    this.find.setAttribute('aria-label', t('find.find'));
    this.replace.placeholder = t('find.replace');
    this.replace.setAttribute('aria-label', t('find.replace'));
    this.el.replaceChildren(
      this.find,
      button('↑', () => this.run(findPrev), { class: 'btn btn-small', testid: 'find-prev', attrs: { title: t('find.prev') } }),
      button('↓', () => this.run(findNext), { class: 'btn btn-small', testid: 'find-next', attrs: { title: t('find.next') } }),
      h('label', { class: 'find-case small' }, this.caseBox, t('find.case')),
      this.count,
      this.replace,
      button(t('find.replaceOne'), () => this.run(replaceNext), { class: 'btn btn-small', testid: 'replace-one' }),
      button(t('find.replaceAll'), () => this.run(replaceAll), { class: 'btn btn-small', testid: 'replace-all' }),
      button('×', () => this.close(), { class: 'btn btn-small btn-quiet', testid: 'find-close', attrs: { title: t('find.close') } }),
    );
  }

  /** Ctrl+F: opens the bar with the selected words as the query. */
  open(): void {
    const view = this.view();
    this.el.hidden = false;
    if (view) {
      const { from, to } = view.state.selection;
      const selected = view.state.doc.textBetween(from, to, ' ');
      if (selected && selected.length < 200 && !selected.includes('\n')) this.find.value = selected;
    }
    this.apply();
    this.find.focus();
    this.find.select();
  }

  close(): void {
    this.el.hidden = true;
    const view = this.view();
    if (!view) return;
    view.dispatch(setSearchState(view.state.tr, new SearchQuery({ search: '' })));
    view.focus();
  }

  private apply(): void {
    const view = this.view();
    if (!view) return;
    const query = new SearchQuery({ search: this.find.value, replace: this.replace.value, caseSensitive: this.caseBox.checked, literal: true });
    view.dispatch(setSearchState(view.state.tr, query));
    this.updateCount();
  }

  private run(cmd: Command): void {
    const view = this.view();
    if (!view || !this.find.value) return;
    cmd(view.state, view.dispatch);
    this.updateCount();
  }

  /** The number of matches, after each change of query or text. */
  updateCount(): void {
    const view = this.view();
    if (!view || this.el.hidden) return;
    const n = this.find.value ? getMatchHighlights(view.state).find().length : 0;
    this.count.textContent = this.find.value ? t('find.count', { n }) : '';
  }
}
