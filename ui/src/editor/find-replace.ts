// Find & replace (Ctrl+F): a bar above the text over prosemirror-search, which highlights every
// match. Enter / Shift+Enter find the next / previous match, Esc closes the bar.
import {
  SearchQuery, findNext, findPrev, getMatchHighlights, replaceAll, replaceNext, search, setSearchState,
} from 'prosemirror-search';
import type { Command, Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { button, h } from '../dom';
import { t } from '../i18n';

export function findPlugin(): Plugin {
  return search();
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
