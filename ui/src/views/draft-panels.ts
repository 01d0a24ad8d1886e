// The side panels of the drafting screen: the live findings (the review screen's matrix, compact),
// the clause library (search, insert at the cursor), versions (name, restore, compare) and the
// draft's details (title, matter, counterpart, model, language, party names).
import type { DeploymentModel, Lang, Perspective } from '../bindings';
import {
  askDeleteDraft, askRestore, choosePerspective, compare, deleteDraft, insertClause,
  nameVersion, restore, searchLibrary, selectFinding, setMeta, setVariable,
} from '../draft-actions';
import { comments, findingsToComments } from '../comment-actions';
import { drafts } from '../draft-state';
import { button, h } from '../dom';
import { pick, t } from '../i18n';
import { MODELS, PERSPECTIVES, modelLabel, perspectiveLabel, positionLabel } from '../labels';
import { state } from '../state';
import { findRow } from './finding';
import { markSelection, renderFindings } from './matrix';

const draftMatrix = h('table', { class: 'matrix compact', testid: 'draft-matrix' });
const findingsBody = h('div', { class: 'draft-findings', testid: 'draft-findings' });

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

function selectEl<T extends string>(testid: string, options: { value: T; text: string }[], current: T, choose: (v: T) => void): HTMLSelectElement {
  const el = h('select', { class: 'input', testid },
    ...options.map((o) => h('option', { attrs: { value: o.value, selected: o.value === current } }, o.text)));
  el.value = current;
  el.addEventListener('change', () => choose(el.value as T));
  return el;
}

// ---------- findings ----------

export function renderFindingsPane(root: HTMLElement): void {
  const a = drafts.analysis;
  const head = h('div', { class: 'panel-head' },
    field(t('review.perspective'), selectEl<Perspective>('draft-perspective',
      PERSPECTIVES.map((p) => ({ value: p, text: perspectiveLabel(p) })), drafts.perspective, choosePerspective)),
  );
  if (!a) {
    root.replaceChildren(head, h('p', { class: 'muted' }, t(drafts.current ? 'drafts.analysisPending' : 'drafts.noDraft')));
    return;
  }
  renderFindings(findingsBody, a.report, { table: draftMatrix, select: selectFinding, prefix: 'draft-' });
  markSelection(findingsBody, drafts.selection);
  const row = drafts.selection ? findRow(a.report, drafts.selection) : null;
  const sel = drafts.selection;
  const note = row && sel ? h('div', { class: 'finding-note', testid: 'draft-finding' }, h('strong', {}, pick(row.name)), h('p', {}, pick(row.explanation)),
    row.severity ? button(t('comments.addFinding'), () => void findingsToComments(sel), {
      class: 'btn btn-small', testid: 'finding-to-comment', attrs: { title: t('comments.addFindingHint'), disabled: comments.busy },
    }) : null) : '';
  const addAll = button(comments.busy ? t('comments.working') : t('comments.addAllFindings'), () => void findingsToComments(null), {
    class: 'btn btn-small', testid: 'findings-to-comments', attrs: { title: t('comments.addAllFindingsHint'), disabled: comments.busy },
  });
  root.replaceChildren(head, addAll, note, findingsBody);
}

// ---------- library ----------

let libraryTimer: number | undefined;
const libraryInput = h('input', { class: 'input', testid: 'draft-library-search', attrs: { type: 'search', autocomplete: 'off', spellcheck: 'false' } });
libraryInput.addEventListener('input', () => {
  window.clearTimeout(libraryTimer);
  libraryTimer = window.setTimeout(() => void searchLibrary(libraryInput.value), 150);
});

export function renderLibraryPanel(root: HTMLElement): void {
  libraryInput.placeholder = t('drafts.librarySearch');
  libraryInput.setAttribute('aria-label', t('drafts.librarySearch'));
  if (!drafts.libraryHits.length && !drafts.libraryQuery) void searchLibrary('');
  root.replaceChildren(
    h('p', { class: 'muted small' }, t('drafts.libraryHint')),
    libraryInput,
    h('ul', { class: 'lib-hits', testid: 'lib-hits', attrs: { 'data-query': drafts.libraryHitsFor } }, ...drafts.libraryHits.map((hit) => h('li', { class: 'lib-hit', testid: 'lib-hit', attrs: { 'data-id': hit.clause.id } },
      h('div', { class: 'lib-hit-title' }, pick(hit.clause.title)),
      h('div', { class: 'lib-hit-meta muted small' }, h('code', {}, hit.clause.id), ' · ', positionLabel(hit.clause.position)),
      button(t('drafts.insert'), () => void insertClause(hit.clause.id), {
        class: 'btn btn-small btn-accent', testid: 'insert-clause', attrs: { title: t('drafts.insertHint') },
      }),
    ))),
  );
}

// ---------- versions ----------

/** Two versions (or a version and the current text) to compare. */
function comparePicker(): HTMLElement | null {
  const versions = [...drafts.versions].reverse();
  if (!versions.length) return null;
  const option = (value: string, text: string, selected: boolean) => h('option', { attrs: { value, selected } }, text);
  const from = h('select', { class: 'input', testid: 'compare-from', attrs: { 'aria-label': t('compare.from') } },
    ...versions.map((v, i) => option(String(v.number), t('versions.number', { n: v.number }), i === 0)));
  const to = h('select', { class: 'input', testid: 'compare-to', attrs: { 'aria-label': t('compare.to') } },
    option('current', t('versions.current'), true),
    ...versions.map((v) => option(String(v.number), t('versions.number', { n: v.number }), false)));
  return h('div', { class: 'panel-head compare-pick' },
    from, h('span', { class: 'muted' }, '→'), to,
    button(t('compare.go'), () => void compare(Number(from.value), to.value === 'current' ? null : Number(to.value)), { class: 'btn btn-small', testid: 'compare-go' }));
}

export function renderVersionsPanel(root: HTMLElement): void {
  const name = h('input', { class: 'input', testid: 'version-name', attrs: { type: 'text', placeholder: t('versions.namePlaceholder') } });
  const saveVersion = () => { void nameVersion(name.value); };
  name.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); saveVersion(); } });
  const items = [...drafts.versions].reverse().map((v) => h('li', { class: 'version', testid: 'version', attrs: { 'data-number': v.number } },
    h('div', {}, h('strong', {}, t('versions.number', { n: v.number })), ' ',
      h('span', { class: `badge version-${v.kind}` }, t(`versions.kind.${v.kind}`)), ' ',
      v.name ? h('span', { class: 'version-name' }, v.name) : null),
    h('div', { class: 'muted small' }, v.created_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
    drafts.confirmRestore === v.number
      ? h('div', { class: 'confirm', testid: 'restore-confirm' }, t('versions.restoreConfirm', { n: v.number }),
        button(t('versions.restore'), () => void restore(v.number), { class: 'btn btn-small btn-danger', testid: 'restore-yes' }),
        button(t('form.cancel'), () => askRestore(null), { class: 'btn btn-small' }))
      : h('div', { class: 'version-actions' },
        button(t('versions.compareCurrent'), () => void compare(v.number, null), { class: 'btn btn-small', testid: 'compare-current' }),
        button(t('versions.restore'), () => askRestore(v.number), { class: 'btn btn-small', testid: 'restore' })),
  ));
  root.replaceChildren(
    h('div', { class: 'panel-head' }, name, button(t('versions.name'), saveVersion, { class: 'btn btn-small btn-primary', testid: 'version-save' })),
    comparePicker() ?? '',
    items.length ? h('ol', { class: 'versions' }, ...items) : h('p', { class: 'muted' }, t('versions.none')),
  );
}

// ---------- details ----------

/** The party names and other variables shown in the details form (when the registry has them). */
const PARTY_VARIABLES = ['customer_name', 'customer', 'customer_address', 'provider_name', 'provider', 'provider_address', 'service_name'];

function textInput(testid: string, value: string, commit: (v: string) => void, placeholder = ''): HTMLInputElement {
  const el = h('input', { class: 'input', testid, attrs: { type: 'text', value, placeholder } });
  el.value = value;
  el.addEventListener('change', () => commit(el.value));
  return el;
}

export function renderDetails(root: HTMLElement): void {
  const d = drafts.current;
  if (!d) {
    root.replaceChildren(h('p', { class: 'muted' }, t('drafts.noDraft')));
    return;
  }
  const m = d.meta;
  const names = [...new Set([...PARTY_VARIABLES.filter((n) => state.variables.has(n)), ...Object.keys(m.variables)])];
  root.replaceChildren(
    h('form', { class: 'meta-form', testid: 'meta-form', on: { submit: (ev) => ev.preventDefault() } },
      field(t('meta.title'), textInput('meta-title', m.title, (v) => { if (v.trim()) setMeta({ title: v.trim() }); })),
      field(t('meta.matter'), textInput('meta-matter', m.matter, (v) => setMeta({ matter: v }))),
      field(t('meta.counterpart'), textInput('meta-counterpart', m.counterpart, (v) => setMeta({ counterpart: v }))),
      field(t('meta.model'), selectEl<DeploymentModel | 'none'>('meta-model',
        [{ value: 'none', text: t('meta.modelNone') }, ...MODELS.map((x) => ({ value: x, text: modelLabel(x) }))],
        m.model ?? 'none', (v) => setMeta({ model: v === 'none' ? null : v }))),
      field(t('meta.lang'), selectEl<Lang>('meta-lang', [{ value: 'zh', text: '中文' }, { value: 'en', text: 'English' }], m.lang,
        (v) => setMeta({ lang: v }))),
      h('fieldset', { class: 'variables' },
        h('legend', {}, t('meta.variables')),
        h('p', { class: 'muted small' }, t('meta.variablesHint')),
        ...names.map((n) => {
          const v = state.variables.get(n);
          return field(v ? pick(v.label) : n, textInput(`var-${n}`, m.variables[n] ?? '', (x) => setVariable(n, x), v ? pick(v.default, m.lang) : ''));
        }),
      ),
    ),
    drafts.confirmDelete
      ? h('div', { class: 'confirm', testid: 'delete-confirm' }, t('drafts.deleteConfirm', { title: m.title }),
        button(t('clause.deleteYes'), () => void deleteDraft(), { class: 'btn btn-small btn-danger', testid: 'delete-yes' }),
        button(t('form.cancel'), () => askDeleteDraft(false), { class: 'btn btn-small' }))
      : button(t('drafts.delete'), () => askDeleteDraft(true), { class: 'btn btn-small btn-quiet danger-text', testid: 'draft-delete' }),
  );
}
