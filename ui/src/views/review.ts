// The review screen: toolbar (open, sample, model, perspective, export, file name), the findings
// column and, on the right, the detail panel over the contract text. Also the drop overlay.
import type { DeploymentModel, Perspective } from '../bindings';
import {
  chooseModel, choosePerspective, exportMatrix, openPicked, openSample, reviewFileName,
} from '../review-actions';
import { button, h } from '../dom';
import { t } from '../i18n';
import { MODELS, PERSPECTIVES, modelLabel, perspectiveLabel } from '../labels';
import { state } from '../state';
import { contractPane, highlight, locate, markFor, scrollToMark } from './contract';
import { findRow, renderFinding } from './finding';
import { renderFindingSelection, renderFindings } from './matrix';

const toolbar = h('div', { class: 'review-toolbar', attrs: { role: 'toolbar' } });
const findings = h('div', { class: 'review-findings', attrs: { id: 'review-findings' } });
const detail = h('aside', { class: 'review-detail', testid: 'detail', attrs: { tabindex: '-1' } });
const contract = h('section', { class: 'review-contract' });
const busy = h('div', { class: 'review-busy', testid: 'review-busy', attrs: { role: 'status', 'aria-live': 'polite' } });
const body = h('div', { class: 'review-body' },
  findings,
  h('div', { class: 'review-side' }, detail, contract),
);

/** Lays the screen out once; the render functions below fill the parts. */
export function mountReview(root: HTMLElement): void {
  root.replaceChildren(toolbar, h('div', { class: 'review-stage' }, body, busy));
}

function select<T extends string>(testid: string, label: string, options: { value: T; text: string }[], current: T,
  choose: (v: T) => void): HTMLElement {
  const el = h('select', { class: 'input tool-select', testid, attrs: { 'aria-label': label } },
    ...options.map((o) => h('option', { attrs: { value: o.value, selected: o.value === current } }, o.text)));
  el.value = current;
  el.addEventListener('change', () => choose(el.value as T));
  return h('label', { class: 'tool-field' }, h('span', { class: 'tool-label' }, label), el);
}

function renderToolbar(): void {
  const { result, model, perspective, busy: working, exporting, source } = state.review;
  toolbar.setAttribute('aria-label', t('review.toolbar'));
  const detected = result && result.report.deployment_model_source !== 'given' ? modelLabel(result.report.deployment_model) : null;
  const modelOptions: { value: DeploymentModel | 'auto'; text: string }[] = [
    { value: 'auto', text: detected && model === null ? t('review.modelAutoDetected', { m: detected }) : t('review.modelAuto') },
    ...MODELS.map((m) => ({ value: m, text: modelLabel(m) })),
  ];
  const name = reviewFileName();
  toolbar.replaceChildren(
    h('div', { class: 'tool-group' },
      button(t('review.open'), () => void openPicked(), {
        class: 'btn btn-primary', testid: 'review-open', attrs: { title: t('review.openHint'), disabled: !!working },
      }),
      button(t('review.sample'), () => void openSample(), {
        class: 'btn', testid: 'review-sample', attrs: { title: t('review.sampleHint'), disabled: !!working },
      }),
    ),
    h('div', { class: 'tool-file', testid: 'review-file', attrs: { title: name } },
      h('span', { class: 'tool-label' }, t('review.file')),
      name ? h('span', { class: 'file-name' }, name) : h('span', { class: 'muted' }, t('review.noFile')),
      source?.kind === 'sample' ? h('span', { class: 'badge sample-tag' }, t('review.sampleTag')) : null,
    ),
    h('div', { class: 'tool-group' },
      select('model-select', t('review.model'), modelOptions, model ?? 'auto',
        (v) => void chooseModel(v === 'auto' ? null : v)),
      select<Perspective>('perspective-select', t('review.perspective'),
        PERSPECTIVES.map((p) => ({ value: p, text: perspectiveLabel(p) })), perspective, (v) => void choosePerspective(v)),
      button(exporting ? t('review.exporting') : t('review.export'), () => void exportMatrix(), {
        class: 'btn btn-accent', testid: 'export-png', attrs: { disabled: !result || exporting || !!working },
      }),
    ),
  );
}

export function renderReviewBusy(): void {
  renderToolbar();
  const b = state.review.busy;
  busy.hidden = b === null;
  busy.replaceChildren();
  if (b) {
    busy.append(h('div', { class: 'busy-card' },
      h('div', { class: 'busy-bar', attrs: { 'aria-hidden': 'true' } }, h('span', {})),
      h('p', {}, t(b.phase === 'reading' ? 'review.reading' : 'review.analysing', { name: b.name })),
    ));
  }
}

function showEvidence(index: number): void {
  const mark = markFor(index);
  scrollToMark(mark);
  mark?.classList.remove('flash');
  void mark?.offsetWidth; // restart the animation
  mark?.classList.add('flash');
}

/** The detail panel and the contract highlights of the selection. */
export function renderReviewSelection(scroll = true): void {
  const result = state.review.result;
  renderFindingSelection(findings);
  renderFinding(detail, result?.report ?? null, showEvidence);
  detail.scrollTop = 0;
  if (!result) return;
  const sel = state.review.selection;
  const row = sel ? findRow(result.report, sel) : null;
  const first = highlight(row ? locate(row.evidence) : []);
  if (scroll && first) scrollToMark(first);
}

export function renderReview(): void {
  renderReviewBusy();
  const result = state.review.result;
  if (!result) {
    findings.replaceChildren(h('div', { class: 'empty-state' },
      h('div', { class: 'empty-mark', attrs: { 'aria-hidden': 'true' } }, '§'),
      h('h2', {}, t('review.emptyTitle')),
      h('p', {}, t('review.emptyHint')),
    ));
    detail.replaceChildren();
    contract.replaceChildren();
    return;
  }
  renderFindings(findings, result.report);
  const pane = contractPane(result);
  if (contract.firstChild?.nextSibling !== pane) {
    contract.replaceChildren(h('header', { class: 'contract-head' }, h('h2', {}, t('contract.title')),
      h('span', { class: 'muted small contract-file' }, reviewFileName())), pane);
  } else {
    contract.querySelector('h2')!.textContent = t('contract.title');
    contract.querySelector('.contract-file')!.textContent = reviewFileName();
  }
  renderReviewSelection(true);
}

// ---------- drop overlay ----------

export const dropOverlay = h('div', { class: 'drop-overlay', testid: 'dropzone', attrs: { 'aria-hidden': 'true' } });

export function renderDrop(): void {
  dropOverlay.hidden = !state.review.dragging;
  dropOverlay.replaceChildren(h('div', { class: 'drop-card' },
    h('div', { class: 'drop-icon' }, '⇩'),
    h('h2', {}, t('review.dropTitle')),
    h('p', {}, t('review.dropHint')),
  ));
}
