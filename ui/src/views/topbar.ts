// Top bar: product name, search box, clause-language view switch, UI-language switch.
import type { BilingualView, UiLang } from '../bindings';
import { chooseUiLang, chooseView, setQuery } from '../actions';
import { showScreen } from '../review-actions';
import { button, clear, h } from '../dom';
import { t, type MessageKey } from '../i18n';
import { state, type Screen } from '../state';

const DEBOUNCE_MS = 120;
let timer: number | undefined;

/** The search input lives across re-renders so it keeps its value and focus. */
export const searchInput = h('input', {
  class: 'search-input',
  testid: 'search',
  attrs: { type: 'search', id: 'search', autocomplete: 'off', spellcheck: 'false' },
});

function scheduleSearch(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void setQuery(searchInput.value), DEBOUNCE_MS);
}

// While a pinyin (IME) composition is open the box holds Latin letters, not the words meant:
// search when the composition ends instead.
searchInput.addEventListener('input', (ev) => {
  if (!(ev instanceof InputEvent && ev.isComposing)) scheduleSearch();
});
searchInput.addEventListener('compositionend', scheduleSearch);

/** Runs the pending search now (Enter in the search box). */
export function flushSearch(): void {
  window.clearTimeout(timer);
  void setQuery(searchInput.value);
}

export function clearSearch(): void {
  window.clearTimeout(timer);
  if (searchInput.value === '' && state.query === '') return;
  searchInput.value = '';
  void setQuery('');
}

export function focusSearch(): void {
  searchInput.focus();
  searchInput.select();
}

function segmented<T extends string>(
  label: string,
  options: { value: T; text: string; testid?: string; lang?: string }[],
  current: T,
  choose: (value: T) => void,
): HTMLElement {
  const group = h('div', { class: 'segmented', attrs: { role: 'group', 'aria-label': label } });
  for (const o of options) {
    const b = button(o.text, () => choose(o.value), {
      class: o.value === current ? 'seg active' : 'seg',
      testid: o.testid,
      attrs: { 'aria-pressed': String(o.value === current), lang: o.lang },
    });
    group.appendChild(b);
  }
  return group;
}

export function renderTopbar(root: HTMLElement): void {
  clear(root);
  searchInput.placeholder = t('search.placeholder');
  searchInput.setAttribute('aria-label', t('search.label'));
  if (searchInput.value !== state.query && document.activeElement !== searchInput) searchInput.value = state.query;

  const brand = h('div', { class: 'brand' },
    h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }, '约'),
    h('span', { class: 'brand-name' }, h('strong', {}, '云约'), ' ', h('span', { class: 'brand-en' }, 'CloudClause')),
  );

  // The two screens. Buttons, so Tab and Enter/Space reach them; the current one is marked.
  const screens: { value: Screen; key: MessageKey; testid: string }[] = [
    { value: 'drafts', key: 'nav.drafts', testid: 'nav-drafts' },
    { value: 'library', key: 'nav.library', testid: 'nav-library' },
    { value: 'review', key: 'nav.review', testid: 'nav-review' },
  ];
  const nav = h('nav', { class: 'screen-nav', attrs: { 'aria-label': t('nav.label') } },
    ...screens.map((s) => button(t(s.key), () => showScreen(s.value), {
      class: s.value === state.screen ? 'nav-tab active' : 'nav-tab',
      testid: s.testid,
      attrs: { 'aria-current': s.value === state.screen ? 'page' : null },
    })),
  );

  const search = h('div', { class: 'search', attrs: { role: 'search' } },
    h('span', { class: 'search-icon', attrs: { 'aria-hidden': 'true' } }, '⌕'),
    searchInput,
    h('kbd', { class: 'search-kbd', attrs: { 'aria-hidden': 'true' } }, '/'),
  );

  const views: { value: BilingualView; key: MessageKey }[] = [
    { value: 'side_by_side', key: 'view.side_by_side' },
    { value: 'zh_only', key: 'view.zh_only' },
    { value: 'en_only', key: 'view.en_only' },
  ];
  const viewSwitch = h('div', { class: 'switch' },
    h('span', { class: 'switch-label' }, t('view.label')),
    segmented(t('view.label'), views.map((v) => ({ value: v.value, text: t(v.key), testid: `view-${v.value}` })),
      state.settings.bilingual_view, (v) => void chooseView(v)),
  );

  const langs: { value: UiLang; text: string; testid: string; lang: string }[] = [
    { value: 'zh-CN', text: '中文', testid: 'ui-lang-zh', lang: 'zh-CN' },
    { value: 'en', text: 'English', testid: 'ui-lang-en', lang: 'en' },
  ];
  const langSwitch = h('div', { class: 'switch' },
    h('span', { class: 'switch-label' }, t('uiLang.label')),
    segmented(t('uiLang.label'), langs, state.settings.ui_lang, (v) => void chooseUiLang(v)),
  );

  const library = state.screen === 'library';
  root.append(brand, nav, library ? search : h('div', { class: 'topbar-spacer' }),
    h('div', { class: 'switches' }, library ? viewSwitch : null, langSwitch));
}
