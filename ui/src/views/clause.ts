// Right column: one clause, read-only, with its metadata, bilingual text, guidance and versions.
import type { Bilingual, Clause, ClauseVersion, Lang } from '../bindings';
import { adoptTemplate, askDelete, deleteClause, duplicateClause, startEdit } from '../actions';
import { button, clear, h } from '../dom';
import { otherLang, pick, t, uiLang, type MessageKey } from '../i18n';
import { modelLabel, originLabel, positionHint, positionLabel, sideLabel, topicName } from '../labels';
import { state } from '../state';
import { withPlaceholders } from '../text';

const LANG_ATTR: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

export function formatDate(s: string): string {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleString(uiLang(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

function shownLangs(): Lang[] {
  switch (state.settings.bilingual_view) {
    case 'zh_only': return ['zh'];
    case 'en_only': return ['en'];
    default: return ['zh', 'en'];
  }
}

/** A bilingual text block: one column per shown language, placeholders as chips. */
function bilingualBlock(value: Bilingual, testidPrefix: string | null, cls: string): HTMLElement {
  const langs = shownLangs();
  const block = h('div', { class: `bilingual ${cls} cols-${langs.length}` });
  for (const lang of langs) {
    block.appendChild(h('div', {
      class: 'lang-col',
      testid: testidPrefix ? `${testidPrefix}-${lang}` : undefined,
      attrs: { lang: LANG_ATTR[lang] },
    },
      h('div', { class: 'lang-label' }, t(`lang.${lang}`)),
      h('div', { class: 'text' }, withPlaceholders(value[lang], state.variables)),
    ));
  }
  return block;
}

function metaItem(label: string, ...value: (HTMLElement | string)[]): HTMLElement {
  return h('div', { class: 'meta-item' }, h('dt', {}, label), h('dd', {}, ...value));
}

/** Version sources written by the engine (library.rs add_version); unknown ones show as they are. */
const SOURCES = ['seed', 'seed_update', 'user_create', 'user_edit', 'adopt_template', 'import'];

function sourceLabel(source: string): string {
  return SOURCES.includes(source) ? t(`version.source.${source}` as MessageKey) : source;
}

function versionsSection(versions: ClauseVersion[]): HTMLElement {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const list = h('ol', { class: 'versions' });
  for (const v of sorted) {
    const details = h('details', { class: 'version' },
      h('summary', {},
        h('span', { class: 'version-no' }, t('clause.version', { n: v.version })),
        h('span', { class: 'version-source' }, sourceLabel(v.source)),
        h('time', { class: 'version-date', attrs: { datetime: v.created_at } }, formatDate(v.created_at)),
      ),
      h('div', { class: 'version-title' }, pick(v.content.title)),
      bilingualBlock(v.content.body, null, 'version-body'),
    );
    list.appendChild(h('li', {}, details));
  }
  return h('section', { class: 'clause-section' },
    h('h3', {}, t('clause.versions')),
    versions.length ? list : h('p', { class: 'muted' }, t('clause.noVersions')),
  );
}

function provenance(c: Clause): string {
  if (c.template_version === null) return originLabel(c.origin);
  return c.origin === 'seeded_edited'
    ? t('clause.editedFromTemplate', { n: c.template_version })
    : t('clause.fromTemplate', { n: c.template_version });
}

function actions(c: Clause): HTMLElement {
  const bar = h('div', { class: 'clause-actions' },
    button(t('clause.edit'), () => startEdit(), { class: 'btn btn-primary', testid: 'edit' }),
    button(t('clause.duplicate'), () => void duplicateClause(), { class: 'btn', testid: 'duplicate' }),
    button(t('clause.delete'), () => askDelete(true), { class: 'btn btn-danger-quiet', testid: 'delete' }),
  );
  if (c.template_update_available !== null) {
    bar.appendChild(button(t('clause.adopt', { n: c.template_update_available }), () => void adoptTemplate(),
      { class: 'btn btn-accent', testid: 'adopt' }));
  }
  return bar;
}

export function renderClause(root: HTMLElement, c: Clause): void {
  clear(root);
  const article = h('article', { class: 'clause', testid: 'clause-view', attrs: { 'data-id': c.id } });
  const other = otherLang();

  article.appendChild(h('header', { class: 'clause-head' },
    h('div', { class: 'clause-titles' },
      h('h1', { class: 'clause-title' }, pick(c.title)),
      h('div', { class: 'clause-subtitle', attrs: { lang: LANG_ATTR[other] } }, pick(c.title, other)),
    ),
    actions(c),
  ));

  if (state.confirmingDelete) {
    article.appendChild(h('div', { class: 'confirm', attrs: { role: 'alertdialog', 'aria-live': 'assertive' } },
      h('span', {}, t('clause.deleteConfirm', { id: c.id })),
      button(t('clause.deleteYes'), () => void deleteClause(), { class: 'btn btn-danger', testid: 'delete-confirm' }),
      button(t('clause.cancel'), () => askDelete(false), { class: 'btn' }),
    ));
  }

  if (c.template_update_available !== null) {
    article.appendChild(h('p', { class: 'notice-update' }, t('clause.updateAvailable', { n: c.template_update_available })));
  }

  const idLine = [t('clause.version', { n: c.version }), provenance(c)];
  idLine.push(t('clause.updated', { date: formatDate(c.updated_at) }));

  const meta = h('dl', { class: 'clause-meta' },
    metaItem('ID', h('code', { class: 'clause-id' }, c.id), h('span', { class: 'muted' }, ` · ${idLine.join(' · ')}`)),
    metaItem(t('clause.position'), h('span', { class: `badge pos-${c.position}`, attrs: { title: positionHint(c.position) } }, positionLabel(c.position)),
      h('span', { class: 'muted' }, ` ${positionHint(c.position)}`)),
    metaItem(t('clause.side'), sideLabel(c.side)),
    metaItem(t('clause.models'), ...c.models.map((m) => h('span', { class: 'chip-model' }, modelLabel(m)))),
    metaItem(t('clause.topics'), ...c.topics.map((id, i) =>
      h('span', { class: i === 0 ? 'topic-chip primary' : 'topic-chip', attrs: { title: id } }, topicName(id)))),
  );
  if (c.placeholders.length) {
    const item = metaItem(t('clause.placeholders'),
      ...c.placeholders.map((p) => withPlaceholders(`{{${p}}}`, state.variables).firstChild as HTMLElement));
    item.classList.add('wide');
    meta.appendChild(item);
  }
  article.appendChild(meta);

  const basis = c.basis.length
    ? h('ul', { class: 'basis' }, ...c.basis.map((b) => h('li', {},
      h('span', { attrs: { lang: 'zh-CN' } }, b.zh), h('span', { class: 'basis-en', attrs: { lang: 'en' } }, b.en))))
    : h('p', { class: 'muted' }, t('clause.noBasis'));
  article.appendChild(h('section', { class: 'clause-section' }, h('h3', {}, t('clause.basis')), basis));

  article.appendChild(h('section', { class: 'clause-section' },
    h('h3', {}, t('clause.body')),
    bilingualBlock(c.body, 'body', 'body'),
  ));

  const guidance = bilingualBlock(c.guidance, null, 'guidance');
  guidance.dataset.testid = 'guidance';
  article.appendChild(h('section', { class: 'clause-section guidance-section' }, h('h3', {}, t('clause.guidance')), guidance));

  article.appendChild(versionsSection(state.versions));
  root.appendChild(article);
}

export function renderEmpty(root: HTMLElement, loading: boolean): void {
  clear(root);
  root.appendChild(h('div', { class: 'empty-state' },
    h('div', { class: 'empty-mark', attrs: { 'aria-hidden': 'true' } }, '§'),
    h('h2', {}, loading ? t('clause.loading') : t('clause.emptyTitle')),
    loading ? null : h('p', {}, t('clause.emptyHint')),
  ));
}
