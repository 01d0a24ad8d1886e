// Left column: topic (grouped by kind), deployment model, position, search language; pack actions.
import type { ClauseFilter, Lang, TopicKind } from '../bindings';
import { exportPack, importPack, resetFilter, setFilter } from '../actions';
import { button, clear, h } from '../dom';
import { pick, t } from '../i18n';
import { KINDS, MODELS, POSITIONS, kindLabel, modelLabel, positionHint, positionLabel } from '../labels';
import { state } from '../state';

const openKinds = new Set<TopicKind>(['security']);

function option(label: string, active: boolean, choose: () => void, hint?: string, testid?: string): HTMLElement {
  return button(label, choose, {
    class: active ? 'opt active' : 'opt',
    testid,
    attrs: { 'aria-pressed': String(active), title: hint },
  });
}

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  return h('section', { class: 'filter-section' }, h('h2', { class: 'filter-title' }, title), ...children);
}

function topicSection(filter: ClauseFilter): HTMLElement {
  const list = h('div', { class: 'topic-groups' });
  list.appendChild(option(t('filters.allTopics'), filter.topic === null, () => void setFilter({ topic: null })));
  for (const kind of KINDS) {
    const topics = state.topics.filter((tp) => tp.kind === kind);
    if (topics.length === 0) continue;
    const containsActive = topics.some((tp) => tp.id === filter.topic);
    const details = h('details', { class: `topic-group kind-${kind}` });
    details.open = openKinds.has(kind) || containsActive;
    details.addEventListener('toggle', () => {
      if (details.open) openKinds.add(kind);
      else openKinds.delete(kind);
    });
    details.appendChild(h('summary', {},
      h('span', { class: 'kind-dot', attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'kind-name' }, kindLabel(kind)),
      h('span', { class: 'count' }, String(topics.length)),
    ));
    const items = h('div', { class: 'topic-list' });
    for (const tp of topics) {
      items.appendChild(option(pick(tp.name), tp.id === filter.topic, () => void setFilter({ topic: tp.id }), tp.id, 'topic'));
    }
    details.appendChild(items);
    list.appendChild(details);
  }
  return section(t('filters.topic'), list);
}

function chips<T extends string>(values: (T | null)[], current: T | null, label: (v: T | null) => string,
  choose: (v: T | null) => void, hint?: (v: T) => string): HTMLElement {
  const row = h('div', { class: 'chip-row' });
  for (const v of values) {
    row.appendChild(option(label(v), v === current, () => choose(v), v && hint ? hint(v) : undefined));
  }
  return row;
}

export function renderFilters(root: HTMLElement): void {
  clear(root);
  const f = state.filter;
  const all = t('filters.all');
  const active = f.topic !== null || f.model !== null || f.position !== null || f.lang !== null;
  root.append(
    h('div', { class: 'filters-head' },
      h('span', { class: 'filters-label' }, t('filters.label')),
      active ? button(t('filters.reset'), () => void resetFilter(), { class: 'link' }) : null,
    ),
    section(t('filters.model'), chips([null, ...MODELS], f.model, (m) => (m ? modelLabel(m) : all), (m) => void setFilter({ model: m }))),
    section(t('filters.position'), chips([null, ...POSITIONS], f.position, (p) => (p ? positionLabel(p) : all),
      (p) => void setFilter({ position: p }), positionHint)),
    section(t('filters.lang'), chips<Lang>([null, 'zh', 'en'], f.lang, (l) => (l ? t(`lang.${l}`) : all), (l) => void setFilter({ lang: l }))),
    topicSection(f),
    h('div', { class: 'pack-actions' },
      button(t('actions.export'), () => void exportPack(), { class: 'btn btn-quiet', testid: 'export' }),
      button(t('actions.import'), () => void importPack(), { class: 'btn btn-quiet', testid: 'import' }),
    ),
  );
}
