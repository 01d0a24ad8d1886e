// The new-draft dialog: from a contract template (language, matter, counterpart and the
// template's variables, defaults from the registry), blank, or from a file (native dialog).
import type { ContractTemplate, DeploymentModel, Lang } from '../bindings';
import { closeNewDraft, createBlank, createFromTemplate, importFile, openNewDraft } from '../draft-actions';
import { drafts, type NewDraftTab } from '../draft-state';
import { button, h } from '../dom';
import { pick, primaryLang, t, type MessageKey } from '../i18n';
import { MODELS, modelLabel } from '../labels';
import { state } from '../state';

/** The variables a template's own text uses (title, preamble, signature): the party names mostly. */
function templateVariables(tpl: ContractTemplate, lang: Lang): string[] {
  const text = [tpl.title, tpl.preamble, tpl.signature].map((b) => b[lang]).join('\n');
  return [...new Set([...text.matchAll(/\{\{([a-z0-9_]+)\}\}/g)].map((m) => m[1]))];
}

function labelled(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

function input(testid: string, placeholder = ''): HTMLInputElement {
  return h('input', { class: 'input', testid, attrs: { type: 'text', placeholder } });
}

function langSelect(testid: string): HTMLSelectElement {
  const el = h('select', { class: 'input', testid },
    h('option', { attrs: { value: 'zh' } }, '中文'), h('option', { attrs: { value: 'en' } }, 'English'));
  el.value = primaryLang();
  return el;
}

function templateForm(templates: ContractTemplate[], busy: boolean): HTMLElement {
  const tplSelect = h('select', { class: 'input', testid: 'new-template' },
    ...templates.map((tp) => h('option', { attrs: { value: tp.id } }, `${pick(tp.title)}${tp.model ? ` · ${modelLabel(tp.model)}` : ''}`)));
  const lang = langSelect('new-lang');
  const matter = input('new-matter');
  const counterpart = input('new-counterpart');
  const vars = h('div', { class: 'variables' });
  const values = new Map<string, HTMLInputElement>();
  const renderVars = () => {
    const tpl = templates.find((x) => x.id === tplSelect.value);
    const l = lang.value as Lang;
    vars.replaceChildren(...(tpl ? templateVariables(tpl, l) : []).map((name) => {
      const v = state.variables.get(name);
      const el = values.get(name) ?? input(`new-var-${name}`);
      values.set(name, el);
      el.placeholder = v ? pick(v.default, l) : '';
      return labelled(v ? pick(v.label) : name, el);
    }));
  };
  tplSelect.addEventListener('change', renderVars);
  lang.addEventListener('change', renderVars);
  renderVars();
  const create = () => {
    const variables: Record<string, string> = {};
    for (const [name, el] of values) if (el.value.trim()) variables[name] = el.value.trim();
    void createFromTemplate({ template: tplSelect.value, lang: lang.value as Lang, matter: matter.value.trim(), counterpart: counterpart.value.trim(), variables });
  };
  return h('form', { class: 'dialog-form', on: { submit: (ev) => { ev.preventDefault(); create(); } } },
    labelled(t('newDraft.template'), tplSelect),
    labelled(t('meta.lang'), lang),
    labelled(t('meta.matter'), matter),
    labelled(t('meta.counterpart'), counterpart),
    h('fieldset', { class: 'variables' }, h('legend', {}, t('meta.variables')), h('p', { class: 'muted small' }, t('newDraft.variablesHint')), vars),
    h('div', { class: 'dialog-actions' },
      h('button', { class: 'btn btn-primary', testid: 'new-create', attrs: { type: 'submit', disabled: busy || !templates.length } }, t('newDraft.create'))),
  );
}

function blankForm(busy: boolean): HTMLElement {
  const title = input('blank-title', t('newDraft.untitled'));
  const lang = langSelect('blank-lang');
  const model = h('select', { class: 'input', testid: 'blank-model' },
    h('option', { attrs: { value: '' } }, t('meta.modelNone')),
    ...MODELS.map((m) => h('option', { attrs: { value: m } }, modelLabel(m))));
  return h('form', {
    class: 'dialog-form',
    on: {
      submit: (ev) => {
        ev.preventDefault();
        void createBlank({
          title: title.value.trim() || t('newDraft.untitled'), lang: lang.value as Lang,
          model: (model.value || null) as DeploymentModel | null, matter: '', counterpart: '', variables: {},
        });
      },
    },
  },
  labelled(t('meta.title'), title), labelled(t('meta.lang'), lang), labelled(t('meta.model'), model),
  h('div', { class: 'dialog-actions' },
    h('button', { class: 'btn btn-primary', testid: 'blank-create', attrs: { type: 'submit', disabled: busy } }, t('newDraft.create'))));
}

function importForm(busy: boolean): HTMLElement {
  return h('div', { class: 'dialog-form' },
    h('p', {}, t('newDraft.importHint')),
    h('div', { class: 'dialog-actions' },
      button(t('newDraft.chooseFile'), () => void importFile(), { class: 'btn btn-primary', testid: 'import-pick', attrs: { disabled: busy } })));
}

const TABS: { value: NewDraftTab; key: MessageKey }[] = [
  { value: 'template', key: 'newDraft.fromTemplate' },
  { value: 'blank', key: 'newDraft.blank' },
  { value: 'import', key: 'newDraft.fromFile' },
];

export function renderNewDraft(root: HTMLElement): void {
  const d = drafts.dialog;
  if (!d) {
    root.replaceChildren();
    return;
  }
  const body = d.tab === 'template' ? templateForm(d.templates, d.busy) : d.tab === 'blank' ? blankForm(d.busy) : importForm(d.busy);
  const dialog = h('div', { class: 'dialog', testid: 'new-draft', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': t('newDraft.title') } },
    h('header', { class: 'dialog-head' }, h('h2', {}, t('newDraft.title')),
      button('×', closeNewDraft, { class: 'btn btn-small btn-quiet', testid: 'new-close', attrs: { title: t('newDraft.close') } })),
    h('div', { class: 'panel-tabs', attrs: { role: 'tablist' } }, ...TABS.map((tab) => button(t(tab.key), () => void openNewDraft(tab.value), {
      class: tab.value === d.tab ? 'panel-tab active' : 'panel-tab', testid: `new-tab-${tab.value}`, attrs: { role: 'tab', 'aria-selected': String(tab.value === d.tab) },
    }))),
    body,
  );
  dialog.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { ev.preventDefault(); closeNewDraft(); } });
  root.replaceChildren(h('div', { class: 'dialog-backdrop' }, dialog));
  dialog.querySelector<HTMLElement>('select, input, button.btn-primary')?.focus();
}
