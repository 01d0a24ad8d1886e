// The redline panel of the drafting screen: the clause at the cursor against its model clause —
// similarity, a picker of candidate model clauses (aligned, runner-up, nearest), the redline
// inline (deletions struck through in red, insertions underlined) or side by side (model |
// draft), "Adopt" per hunk and "Adopt all" (tracked changes), the model clause's guidance, and
// the draft's tracked changes to accept or reject. Every text goes in as text nodes.
import '../redline.css';
import type { ClauseAlignment, Op } from '../bindings';
import { button, h } from '../dom';
import { editorView } from '../draft-actions';
import { drafts } from '../draft-state';
import { pick, t } from '../i18n';
import { positionLabel } from '../labels';
import {
  adoptHunks, chooseModel, currentChanges, currentHunks, currentUnit, ensureAligned, onRedlineRender, redline,
  resolveTracked, setRedlineMode, shownModel, shownOps,
} from '../redline-actions';

/** The panel's own element: the drafting screen puts it in the side panel when the tab is open. */
export const redlineRoot = h('div', { class: 'redline-panel', testid: 'redline-panel' });

const pct = (x: number) => `${Math.round(x * 100)}%`;

function opEl(o: Op): Node {
  if (o.op === 'equal') return document.createTextNode(o.text);
  const moved = o.moved !== undefined ? t('redline.moved') : '';
  return o.op === 'delete'
    ? h('del', { class: 'rl-del', testid: 'rl-del', attrs: { title: `${t('redline.deleted')}${moved}` } }, o.text)
    : h('ins', { class: 'rl-ins', testid: 'rl-ins', attrs: { title: `${t('redline.inserted')}${moved}` } }, o.text);
}

function inlineView(ops: Op[]): HTMLElement {
  const hunks = new Map(currentHunks().map((x) => [x.op, x]));
  const el = h('div', { class: 'rl-text rl-inline', testid: 'redline-inline' });
  ops.forEach((o, i) => {
    el.append(opEl(o));
    const next = ops[i + 1];
    if (o.op === 'equal' || (next && next.op !== 'equal')) return;
    // The end of a hunk: its Adopt button.
    let first = i;
    while (first > 0 && ops[first - 1].op !== 'equal') first--;
    const hunk = hunks.get(first);
    el.append(button(t('redline.adopt'), () => adoptHunks(first), {
      class: 'btn btn-tiny rl-adopt', testid: 'adopt-hunk',
      attrs: { title: t('redline.adoptHint'), disabled: !hunk, 'data-op': first },
    }));
  });
  return el;
}

function sideView(ops: Op[]): HTMLElement {
  const model = h('div', { class: 'rl-text rl-model', testid: 'redline-model' });
  const draft = h('div', { class: 'rl-text rl-draft', testid: 'redline-draft' });
  for (const o of ops) {
    if (o.op !== 'insert') model.append(o.op === 'delete' ? opEl(o) : document.createTextNode(o.text));
    if (o.op !== 'delete') draft.append(o.op === 'insert' ? opEl(o) : document.createTextNode(o.text));
  }
  return h('div', { class: 'rl-side', testid: 'redline-side' },
    h('div', { class: 'rl-col' }, h('div', { class: 'rl-col-head' }, t('redline.model')), model),
    h('div', { class: 'rl-col' }, h('div', { class: 'rl-col-head' }, t('redline.draft')), draft));
}

function picker(u: ClauseAlignment): HTMLElement {
  const shown = shownModel(u);
  const options: { id: string; sim: number; note: string }[] = [];
  if (u.model_clause) options.push({ id: u.model_clause, sim: u.similarity, note: t('redline.aligned') });
  if (u.runner_up && !options.some((o) => o.id === u.runner_up?.model_clause)) {
    options.push({ id: u.runner_up.model_clause, sim: u.runner_up.similarity, note: t('redline.runnerUp') });
  }
  for (const c of redline.candidates) {
    if (!options.some((o) => o.id === c.model_clause)) options.push({ id: c.model_clause, sim: c.similarity, note: '' });
  }
  const title = (id: string) => {
    const c = redline.candidates.find((x) => x.model_clause === id);
    return c ? pick(c.clause.title) : id;
  };
  const select = h('select', { class: 'input', testid: 'redline-candidate', attrs: { 'aria-label': t('redline.pick') } },
    ...(shown === null ? [h('option', { attrs: { value: '', selected: true } }, t('redline.noneChosen'))] : []),
    ...options.map((o) => h('option', { attrs: { value: o.id, selected: o.id === shown } },
      `${title(o.id)} · ${pct(o.sim)}${o.note ? ` · ${o.note}` : ''}`)));
  select.value = shown ?? '';
  select.addEventListener('change', () => chooseModel(select.value || null));
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('redline.pick')), select);
}

function trackedSection(): HTMLElement {
  const changes = currentChanges();
  return h('section', { class: 'rl-tracked', testid: 'tracked-changes' },
    h('h3', { class: 'pane-title' }, t('redline.tracked', { n: changes.length })),
    changes.length
      ? h('div', { class: 'rl-actions' },
        button(t('redline.acceptAll'), () => resolveTracked(null, true), { class: 'btn btn-small', testid: 'accept-all' }),
        button(t('redline.rejectAll'), () => resolveTracked(null, false), { class: 'btn btn-small', testid: 'reject-all' }))
      : h('p', { class: 'muted small' }, t('redline.noTracked')),
    h('ul', { class: 'rl-changes' }, ...changes.map((c) => h('li', { class: `rl-change rl-change-${c.kind}`, testid: 'tracked-change', attrs: { 'data-kind': c.kind } },
      h('span', { class: 'badge' }, t(c.kind === 'insertion' ? 'redline.insertion' : 'redline.deletion')), ' ',
      h(c.kind === 'insertion' ? 'ins' : 'del', { class: c.kind === 'insertion' ? 'rl-ins' : 'rl-del' }, c.text.length > 80 ? `${c.text.slice(0, 80)}…` : c.text),
      h('div', { class: 'muted small' }, [c.author, c.date].filter(Boolean).join(' · ')),
      h('div', { class: 'rl-actions' },
        button(t('redline.accept'), () => resolveTracked(c.from, true), { class: 'btn btn-tiny', testid: 'accept-change' }),
        button(t('redline.reject'), () => resolveTracked(c.from, false), { class: 'btn btn-tiny', testid: 'reject-change' })),
    ))),
  );
}

function clauseSection(): HTMLElement {
  const u = currentUnit();
  if (!redline.alignment) {
    return h('p', { class: 'muted', testid: 'redline-pending' }, t(redline.busy ? 'redline.aligning' : 'redline.pending'));
  }
  if (!u) return h('p', { class: 'muted', testid: 'redline-no-clause' }, t('redline.noClause'));
  const id = shownModel(u);
  const ops = shownOps(u);
  const cand = redline.candidates.find((c) => c.model_clause === id);
  const sim = id === u.model_clause ? u.similarity : cand?.similarity ?? 0;
  const changed = ops.some((o) => o.op !== 'equal');
  const stale = editorView()?.state.doc !== redline.alignedDoc;
  return h('section', { class: 'rl-clause', testid: 'redline-clause', attrs: { 'data-clause': u.clause } },
    h('div', { class: 'rl-head' },
      h('strong', { testid: 'redline-clause-number' }, u.clause || t('redline.unnumbered')),
      ' ',
      id
        ? h('span', { class: 'rl-model-name' }, '↔ ', h('code', { testid: 'redline-model-id' }, id),
          cand ? ` · ${pick(cand.clause.title)} · ${positionLabel(cand.clause.position)}` : '')
        : h('span', { class: 'muted' }, t('redline.noModel')),
      id ? h('span', { class: 'rl-sim', testid: 'redline-similarity' }, t('redline.similarity', { p: pct(sim) })) : null),
    picker(u),
    id ? h('div', { class: 'rl-toolbar' },
      h('div', { class: 'segmented', attrs: { role: 'group', 'aria-label': t('redline.view') } },
        button(t('redline.inline'), () => setRedlineMode('inline'), { class: `btn btn-small${redline.mode === 'inline' ? ' active' : ''}`, testid: 'redline-mode-inline', attrs: { 'aria-pressed': String(redline.mode === 'inline') } }),
        button(t('redline.side'), () => setRedlineMode('side'), { class: `btn btn-small${redline.mode === 'side' ? ' active' : ''}`, testid: 'redline-mode-side', attrs: { 'aria-pressed': String(redline.mode === 'side') } })),
      button(t('redline.adoptAll'), () => adoptHunks(null), {
        class: 'btn btn-small btn-accent', testid: 'adopt-all', attrs: { title: t('redline.adoptAllHint'), disabled: !changed || stale },
      })) : null,
    id && stale ? h('p', { class: 'muted small', testid: 'redline-stale' }, t('redline.stale')) : null,
    id ? (redline.mode === 'inline' ? inlineView(ops) : sideView(ops)) : null,
    id && !changed ? h('p', { class: 'muted small', testid: 'redline-same' }, t('redline.same')) : null,
    cand ? h('details', { class: 'rl-guidance', testid: 'redline-guidance', attrs: { open: true } },
      h('summary', {}, t('redline.guidance')), h('p', {}, pick(cand.clause.guidance))) : null,
  );
}

export function renderRedlinePanel(): void {
  if (drafts.panel !== 'redline') return;
  ensureAligned();
  redlineRoot.replaceChildren(
    h('p', { class: 'muted small' }, t('redline.hint')),
    clauseSection(),
    trackedSection(),
  );
}

onRedlineRender(renderRedlinePanel);
