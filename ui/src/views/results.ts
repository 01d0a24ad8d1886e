// Middle column: the clause list, or search hits with highlighted snippets.
import type { ClauseSummary, Snippet } from '../bindings';
import { openClause, startNew } from '../actions';
import { button, clear, h } from '../dom';
import { otherLang, pick, primaryLang, t } from '../i18n';
import { modelLabel, originLabel, positionHint, positionLabel, topicName } from '../labels';
import { state } from '../state';
import { snippetWindow, withHighlights } from '../text';

export const resultList = h('ol', {
  class: 'result-list',
  attrs: { role: 'listbox', id: 'results', tabindex: '0' },
});

function badges(c: ClauseSummary): HTMLElement {
  const row = h('div', { class: 'badges' },
    h('span', { class: `badge pos-${c.position}`, attrs: { title: positionHint(c.position) } }, positionLabel(c.position)),
    ...c.models.map((m) => h('span', { class: 'chip-model' }, modelLabel(m))),
  );
  if (c.origin !== 'seeded') row.appendChild(h('span', { class: `badge origin-${c.origin}` }, originLabel(c.origin)));
  return row;
}

function snippetView(s: Snippet): HTMLElement {
  const cut = snippetWindow(s.text.replace(/\s+/g, ' '), s.highlights);
  return h('div', { class: 'snippet', attrs: { lang: s.lang === 'zh' ? 'zh-CN' : 'en' } },
    h('span', { class: 'snippet-field' }, `${t(`snippet.${s.field}`)} · ${s.lang === 'zh' ? '中' : 'EN'}`),
    h('span', { class: 'snippet-text' }, withHighlights(cut.text, cut.spans)),
  );
}

function item(index: number): HTMLElement {
  const { clause: c, snippets } = state.results[index];
  const selected = state.clause?.id === c.id;
  const li = h('li', {
    class: ['result', selected ? 'selected' : '', index === state.cursor ? 'cursor' : ''].join(' ').trim(),
    testid: 'result',
    attrs: { role: 'option', id: `result-${index}`, 'aria-selected': String(selected), 'data-id': c.id },
    on: { click: () => void openClause(c.id) },
  },
    h('div', { class: 'result-title', attrs: { lang: primaryLang() === 'zh' ? 'zh-CN' : 'en' } }, pick(c.title)),
    h('div', { class: 'result-subtitle', attrs: { lang: otherLang() === 'zh' ? 'zh-CN' : 'en' } }, pick(c.title, otherLang())),
    h('div', { class: 'result-meta' },
      h('code', { class: 'clause-id' }, c.id),
      h('span', { class: 'result-topic' }, topicName(c.topics[0] ?? '')),
    ),
    badges(c),
  );
  if (snippets && snippets.length > 0) {
    li.appendChild(h('div', { class: 'snippets' }, ...snippets.slice(0, 3).map(snippetView)));
  }
  return li;
}

let shownListKey = '';

export function renderResults(root: HTMLElement): void {
  clear(root);
  const listKey = JSON.stringify([state.query.trim(), state.filter]);
  if (listKey !== shownListKey) root.scrollTop = 0; // a new search or filter starts at the top
  shownListKey = listKey;
  const searching = state.query.trim() !== '';
  const n = state.results.length;
  const header = h('div', { class: 'results-head' },
    h('span', { class: 'results-count', attrs: { 'aria-live': 'polite' } },
      state.loadingResults && n === 0 ? t('results.loading') : t(searching ? 'results.searchCount' : 'results.count', { n })),
    button(`＋ ${t('results.new')}`, () => startNew(), { class: 'btn btn-small', testid: 'new-clause' }),
  );
  clear(resultList);
  resultList.setAttribute('aria-label', t('results.label'));
  for (let i = 0; i < n; i++) resultList.appendChild(item(i));
  root.append(header, resultList);
  if (n === 0 && !state.loadingResults) {
    root.appendChild(h('p', { class: 'empty' }, searching ? t('results.emptySearch', { q: state.query.trim() }) : t('results.empty')));
  }
  renderCursor();
}

/** Moves the keyboard cursor and the selection highlight without rebuilding the list. */
export function renderCursor(): void {
  const items = resultList.querySelectorAll<HTMLElement>('[data-testid="result"]');
  items.forEach((el, i) => {
    const selected = el.dataset.id === state.clause?.id;
    el.classList.toggle('cursor', i === state.cursor);
    el.classList.toggle('selected', selected);
    el.setAttribute('aria-selected', String(selected));
  });
  const current = items[state.cursor];
  if (current) {
    resultList.setAttribute('aria-activedescendant', current.id);
    current.scrollIntoView({ block: 'nearest' });
  } else {
    resultList.removeAttribute('aria-activedescendant');
  }
}
