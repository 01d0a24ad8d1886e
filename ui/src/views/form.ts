// The clause form, for editing and for a new clause. Inputs write straight into state.draft;
// only the problem list and the Save button are re-rendered while the form is open.
import type { Bilingual, ClauseContent, Lang } from '../bindings';
import { cancelForm, saveForm } from '../actions';
import { button, clear, h } from '../dom';
import { pick, t, type MessageKey } from '../i18n';
import { KINDS, MODELS, POSITIONS, SIDES, kindLabel, modelLabel, positionLabel, sideLabel, topicName } from '../labels';
import { state } from '../state';

let problemsBox: HTMLElement | null = null;
let saveButton: HTMLButtonElement | null = null;
let uid = 0;

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f${++uid}`;
  control.id = id;
  return h('div', { class: 'field' },
    h('label', { class: 'field-label', attrs: { for: id } }, label),
    control,
    hint ? h('div', { class: 'field-hint' }, hint) : null,
  );
}

function fieldset(legend: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h('fieldset', { class: 'fieldset' }, h('legend', {}, legend), ...children);
}

function textInput(value: string, onInput: (v: string) => void, props: { testid?: string; placeholder?: string; lang?: Lang } = {}): HTMLInputElement {
  const input = h('input', {
    class: 'input',
    testid: props.testid,
    attrs: { type: 'text', placeholder: props.placeholder, lang: props.lang === 'zh' ? 'zh-CN' : props.lang },
  });
  input.value = value;
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

function bilingualFields(key: 'title' | 'body' | 'guidance', labelKey: MessageKey, draft: ClauseContent): HTMLElement {
  const value: Bilingual = draft[key];
  const row = h('div', { class: 'bilingual-fields' });
  for (const lang of ['zh', 'en'] as Lang[]) {
    const label = `${t(labelKey)} · ${t(`lang.${lang}`)}`;
    let control: HTMLInputElement | HTMLTextAreaElement;
    if (key === 'title') {
      control = textInput(value[lang], (v) => { value[lang] = v; }, { testid: `field-title-${lang}`, lang });
    } else {
      const ta = h('textarea', {
        class: `textarea ${key}`,
        testid: `field-${key}-${lang}`,
        attrs: { rows: key === 'body' ? 14 : 6, lang: lang === 'zh' ? 'zh-CN' : 'en', spellcheck: lang === 'en' ? 'true' : 'false' },
      });
      ta.value = value[lang];
      ta.addEventListener('input', () => { value[lang] = ta.value; });
      control = ta;
    }
    row.appendChild(field(label, control));
  }
  return row;
}

function topicsField(draft: ClauseContent): HTMLElement {
  const chosen = h('div', { class: 'chosen-topics', attrs: { 'aria-live': 'polite' } });
  const renderChosen = () => {
    clear(chosen);
    if (draft.topics.length === 0) chosen.appendChild(h('span', { class: 'muted' }, t('form.noTopics')));
    draft.topics.forEach((id, i) => chosen.appendChild(h('span', { class: i === 0 ? 'topic-chip primary' : 'topic-chip' },
      topicName(id), i === 0 ? h('small', {}, ` · ${t('form.primary')}`) : null)));
  };
  const box = h('div', { class: 'topic-picker', attrs: { role: 'group', 'aria-label': t('form.topics') } });
  for (const kind of KINDS) {
    const topics = state.topics.filter((tp) => tp.kind === kind);
    if (!topics.length) continue;
    box.appendChild(h('div', { class: 'picker-kind' }, kindLabel(kind)));
    for (const tp of topics) {
      const cb = h('input', { attrs: { type: 'checkbox', value: tp.id } });
      cb.checked = draft.topics.includes(tp.id);
      cb.addEventListener('change', () => {
        draft.topics = cb.checked ? [...draft.topics, tp.id] : draft.topics.filter((x) => x !== tp.id);
        renderChosen();
      });
      box.appendChild(h('label', { class: 'check', attrs: { title: tp.id } }, cb, ` ${pick(tp.name)}`));
    }
  }
  renderChosen();
  return fieldset(t('form.topics'), chosen, box);
}

function modelsField(draft: ClauseContent): HTMLElement {
  const row = h('div', { class: 'check-row' });
  for (const m of MODELS) {
    const cb = h('input', { testid: `field-model-${m}`, attrs: { type: 'checkbox', value: m } });
    cb.checked = draft.models.includes(m);
    cb.addEventListener('change', () => {
      draft.models = MODELS.filter((x) => (x === m ? cb.checked : draft.models.includes(x)));
    });
    row.appendChild(h('label', { class: 'check' }, cb, ` ${modelLabel(m)}`));
  }
  return fieldset(t('form.models'), row);
}

function select<T extends string>(values: T[], current: T, label: (v: T) => string, onChange: (v: T) => void, testid: string): HTMLSelectElement {
  const sel = h('select', { class: 'input', testid });
  for (const v of values) {
    const o = h('option', { attrs: { value: v } }, label(v));
    o.selected = v === current;
    sel.appendChild(o);
  }
  sel.addEventListener('change', () => onChange(sel.value as T));
  return sel;
}

function basisField(draft: ClauseContent): HTMLElement {
  const list = h('div', { class: 'basis-list' });
  const renderRows = () => {
    clear(list);
    draft.basis.forEach((b, i) => {
      list.appendChild(h('div', { class: 'basis-row' },
        textInput(b.zh, (v) => { b.zh = v; }, { placeholder: t('form.basisZh'), lang: 'zh' }),
        textInput(b.en, (v) => { b.en = v; }, { placeholder: t('form.basisEn'), lang: 'en' }),
        button(t('form.basisRemove'), () => { draft.basis.splice(i, 1); renderRows(); }, { class: 'btn btn-small btn-quiet' }),
      ));
    });
  };
  renderRows();
  const add = button(`＋ ${t('form.basisAdd')}`, () => {
    draft.basis.push({ zh: '', en: '' });
    renderRows();
    list.querySelector<HTMLInputElement>('.basis-row:last-child input')?.focus();
  }, { class: 'btn btn-small' });
  return fieldset(t('form.basis'), list, add);
}

/** Re-renders the problem list and Save button state only. */
export function renderFormStatus(): void {
  if (problemsBox) {
    clear(problemsBox);
    problemsBox.hidden = state.formProblems.length === 0;
    if (state.formProblems.length) {
      problemsBox.append(
        h('strong', {}, t('form.problems')),
        h('ul', {}, ...state.formProblems.map((p) => h('li', {}, p))),
      );
    }
  }
  if (saveButton) {
    saveButton.disabled = state.saving;
    saveButton.textContent = state.saving ? t('form.saving') : t('form.save');
  }
}

export function renderForm(root: HTMLElement, draft: ClauseContent): void {
  clear(root);
  const editing = state.mode === 'edit';
  const idInput = textInput(draft.id, (v) => { draft.id = v; }, { testid: 'field-id', placeholder: 'data.destruction.preferred' });
  idInput.readOnly = editing;
  idInput.classList.add('mono');

  problemsBox = h('div', { class: 'problems', testid: 'form-problems', attrs: { role: 'alert' } });
  saveButton = h('button', { class: 'btn btn-primary', testid: 'save', attrs: { type: 'submit' } }, t('form.save'));

  const form = h('form', { class: 'clause-form', testid: 'clause-form', attrs: { novalidate: true } },
    h('header', { class: 'form-head' },
      h('h1', { class: 'clause-title' }, editing ? t('form.editTitle', { id: draft.id }) : t('form.newTitle')),
      h('div', { class: 'form-actions' },
        h('span', { class: 'muted small' }, t('form.shortcuts')),
        button(t('form.cancel'), () => cancelForm(), { class: 'btn', testid: 'cancel' }),
        saveButton,
      ),
    ),
    problemsBox,
    h('div', { class: 'form-grid' },
      field(t('form.id'), idInput, editing ? undefined : t('form.idHint')),
      field(t('form.position'), select(POSITIONS, draft.position, positionLabel, (v) => { draft.position = v; }, 'field-position')),
      field(t('form.side'), select(SIDES, draft.side, sideLabel, (v) => { draft.side = v; }, 'field-side')),
    ),
    modelsField(draft),
    topicsField(draft),
    basisField(draft),
    bilingualFields('title', 'form.title', draft),
    bilingualFields('body', 'form.body', draft),
    h('p', { class: 'field-hint' }, t('form.placeholderHint')),
    bilingualFields('guidance', 'form.guidance', draft),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void saveForm();
  });
  root.appendChild(form);
  renderFormStatus();
  (editing ? form.querySelector<HTMLElement>('[data-testid="field-title-zh"]') : idInput)?.focus();
}
