// The findings column of the review screen: parties and warnings, the responsibility matrix of
// the 14 security layers, the personal-information checklist and the commercial risk list.
// Every row selects its finding; the selection and the keyboard cursor are updated in place.
import type { Evidence, PiRow, Report, RiskRow, SecurityRow } from '../bindings';
import { select } from '../review-actions';
import { h } from '../dom';
import { pick, t } from '../i18n';
import { allocationLabel, foundLabel, gapLabel, isStandardSource, modelLabel, severityLabel } from '../labels';
import { state, type FindingKind, type Selection } from '../state';

/** Where the rows go and what a click on one does: the review screen's, or the drafting screen's pane. */
export interface FindingsTarget {
  table: HTMLTableElement;
  select: (sel: Selection) => void;
  /** Prefix of the rows' test ids ('' on the review screen). */
  prefix: string;
}

export const matrixTable = h('table', {
  class: 'matrix',
  testid: 'matrix',
  attrs: { tabindex: '0', id: 'matrix' },
});

function evidenceCell(evidence: Evidence[]): HTMLElement {
  const numbers = [...new Set(evidence.map((e) => e.clause || t('detail.preamble')))];
  if (!numbers.length) return h('td', { class: 'col-evidence muted' }, '—');
  return h('td', { class: 'col-evidence' }, ...numbers.map((n) => h('span', { class: 'clause-no' }, n)));
}

function severityTag(row: { severity: SecurityRow['severity'] }): HTMLElement | null {
  if (!row.severity) return null;
  return h('span', { class: `sev sev-${row.severity}`, attrs: { title: t('severity.label', { s: severityLabel(row.severity) }) } },
    severityLabel(row.severity));
}

function rowProps(kind: FindingKind, id: string, testid: string, index: number, target: FindingsTarget) {
  return {
    class: 'finding-row',
    testid: target.prefix + testid,
    attrs: { 'data-id': id, 'data-kind': kind, id: `${target.prefix}${kind}-row-${index}` },
    on: { click: () => target.select({ kind, id }) },
  };
}

function securityRow(row: SecurityRow, index: number, target: FindingsTarget): HTMLElement {
  const standard = isStandardSource(row.expected_source);
  const gapKey = row.gap ?? 'none';
  const found = h('td', { class: `col-found found-${row.allocation}` },
    h('span', { class: 'found-label' }, foundLabel(row.allocation)));
  if (row.allocation === 'shared' && row.split_specified !== null) {
    found.appendChild(h('span', { class: row.split_specified ? 'split split-yes' : 'split split-no' },
      t(row.split_specified ? 'split.yes' : 'split.no')));
  }
  if (row.hedged && row.gap !== 'hedged') found.appendChild(h('span', { class: 'split split-no' }, t('found.hedged')));
  return h('tr', rowProps('security', row.id, 'matrix-row', index, target),
    h('td', { class: 'col-no' }, String(index + 1)),
    h('th', { class: 'col-item', attrs: { scope: 'row' } }, pick(row.name)),
    h('td', { class: `col-expected exp-${row.expected}` },
      h('span', { class: 'exp-label' }, allocationLabel(row.expected)),
      h('span', {
        class: standard ? 'source-tag standard' : 'source-tag derived',
        attrs: { title: t(standard ? 'source.standardHint' : 'source.derivedHint') },
      }, t(standard ? 'source.standard' : 'source.derived')),
    ),
    found,
    h('td', { class: 'col-status' },
      h('span', { class: `gap-badge gap-${gapKey}`, testid: 'gap-badge', attrs: { 'data-gap': gapKey } }, gapLabel(row.gap)),
      severityTag(row)),
    evidenceCell(row.evidence),
  );
}

function matrixSection(report: Report, target: FindingsTarget): HTMLElement {
  const matrixTable = target.table;
  const gaps = report.security.filter((r) => r.gap !== null).length;
  const model = modelLabel(report.deployment_model);
  matrixTable.replaceChildren(
    h('caption', {}, t('matrix.caption', { m: model })),
    h('thead', {}, h('tr', {},
      h('th', { class: 'col-no', attrs: { scope: 'col' } }, t('matrix.no')),
      h('th', { class: 'col-item', attrs: { scope: 'col' } }, t('matrix.item')),
      h('th', { class: 'col-expected', attrs: { scope: 'col' } }, t('matrix.expected'), ' ', h('small', {}, model)),
      h('th', { class: 'col-found', attrs: { scope: 'col' } }, t('matrix.found')),
      h('th', { class: 'col-status', attrs: { scope: 'col' } }, t('matrix.status')),
      h('th', { class: 'col-evidence', attrs: { scope: 'col' } }, t('matrix.evidence')),
    )),
    h('tbody', {}, ...report.security.map((r, i) => securityRow(r, i, target))),
  );
  matrixTable.setAttribute('aria-label', t('matrix.title'));
  return h('section', { class: 'findings-section' },
    h('header', { class: 'findings-head' },
      h('h2', {}, t('matrix.title')),
      h('span', { class: gaps ? 'count-chip warn' : 'count-chip ok' }, t('count.gaps', { n: gaps })),
      h('span', { class: 'keys muted small' }, t('matrix.keys')),
    ),
    matrixTable,
    h('p', { class: 'legend' }, t('matrix.legend')),
  );
}

function piRow(row: PiRow, index: number, target: FindingsTarget): HTMLElement {
  return h('tr', rowProps('pi', row.id, 'pi-row', index, target),
    h('th', { class: 'col-item', attrs: { scope: 'row' } }, pick(row.name)),
    h('td', { class: 'col-state' }, row.present
      ? h('span', { class: 'state state-ok' }, h('span', { class: 'state-icon', attrs: { 'aria-hidden': 'true' } }, '✓'), t('pi.present'))
      : h('span', { class: 'state state-missing' }, h('span', { class: 'state-icon', attrs: { 'aria-hidden': 'true' } }, '✗'), t('pi.missing')),
    severityTag(row)),
    evidenceCell(row.evidence),
  );
}

function piSection(report: Report, target: FindingsTarget): HTMLElement {
  const missing = report.pi.filter((r) => !r.present).length;
  return h('section', { class: 'findings-section' },
    h('header', { class: 'findings-head' },
      h('h2', {}, t('pi.title')),
      h('span', { class: missing ? 'count-chip warn' : 'count-chip ok' }, t('count.missing', { n: missing })),
    ),
    report.pi_applicable ? null : h('p', { class: 'note' }, t('pi.notApplicable')),
    h('table', { class: 'checklist', testid: 'pi-list' },
      h('caption', {}, t('pi.caption')),
      h('thead', {}, h('tr', {},
        h('th', { class: 'col-item', attrs: { scope: 'col' } }, t('pi.item')),
        h('th', { class: 'col-state', attrs: { scope: 'col' } }, t('pi.state')),
        h('th', { class: 'col-evidence', attrs: { scope: 'col' } }, t('matrix.evidence')),
      )),
      h('tbody', {}, ...report.pi.map((r, i) => piRow(r, i, target))),
    ),
  );
}

function riskState(row: RiskRow): HTMLElement {
  if (!row.present) return h('span', { class: 'state state-missing' }, h('span', { class: 'state-icon', attrs: { 'aria-hidden': 'true' } }, '○'), t('risk.absent'));
  if (row.customer_unfavourable) return h('span', { class: 'state state-bad' }, h('span', { class: 'state-icon', attrs: { 'aria-hidden': 'true' } }, '!'), t('risk.unfavourable'));
  return h('span', { class: 'state state-ok' }, h('span', { class: 'state-icon', attrs: { 'aria-hidden': 'true' } }, '✓'), t('risk.addressed'));
}

function riskRow(row: RiskRow, index: number, target: FindingsTarget): HTMLElement {
  return h('tr', rowProps('risk', row.id, 'risk-row', index, target),
    h('th', { class: 'col-item', attrs: { scope: 'row' } }, pick(row.name)),
    h('td', { class: 'col-state' }, riskState(row), severityTag(row)),
    evidenceCell(row.evidence),
  );
}

function riskSection(report: Report, target: FindingsTarget): HTMLElement {
  const bad = report.risks.filter((r) => r.customer_unfavourable).length;
  const absent = report.risks.filter((r) => !r.present).length;
  return h('section', { class: 'findings-section' },
    h('header', { class: 'findings-head' },
      h('h2', {}, t('risk.title')),
      h('span', { class: bad ? 'count-chip bad' : 'count-chip ok' }, t('count.unfavourable', { n: bad })),
      absent ? h('span', { class: 'count-chip warn' }, t('count.missing', { n: absent })) : null,
    ),
    h('table', { class: 'checklist', testid: 'risk-list' },
      h('caption', {}, t('risk.caption')),
      h('thead', {}, h('tr', {},
        h('th', { class: 'col-item', attrs: { scope: 'col' } }, t('risk.item')),
        h('th', { class: 'col-state', attrs: { scope: 'col' } }, t('risk.state')),
        h('th', { class: 'col-evidence', attrs: { scope: 'col' } }, t('matrix.evidence')),
      )),
      h('tbody', {}, ...report.risks.map((r, i) => riskRow(r, i, target))),
    ),
  );
}

function partiesBlock(report: Report): HTMLElement {
  const names = (list: string[]) => list.length
    ? list.map((n) => h('span', { class: 'party' }, n))
    : [h('span', { class: 'muted' }, t('review.partyUnknown'))];
  const scores = report.model_scores.map(([m, s]) => `${modelLabel(m)} ${s}`).join(' · ');
  const source = t(report.deployment_model_source === 'given' ? 'review.modelGiven' : 'review.modelDetected');
  return h('section', { class: 'review-summary', testid: 'review-summary' },
    h('dl', { class: 'summary-grid' },
      h('div', { class: 'summary-item' }, h('dt', {}, t('review.partyProvider')), h('dd', {}, ...names(report.parties.provider))),
      h('div', { class: 'summary-item' }, h('dt', {}, t('review.partyCustomer')), h('dd', {}, ...names(report.parties.customer))),
      h('div', { class: 'summary-item' }, h('dt', {}, t('review.model')),
        h('dd', { attrs: { title: t('review.scores', { scores }) } },
          h('strong', {}, modelLabel(report.deployment_model)), h('span', { class: 'muted' }, ` · ${source}`),
          h('span', { class: 'muted' }, ` · ${t('review.clauseCount', { n: report.clause_count })}`))),
    ),
    report.warnings.length
      ? h('ul', { class: 'warnings', testid: 'review-warnings', attrs: { 'aria-label': t('review.warnings') } },
        ...report.warnings.map((w) => h('li', {}, pick(w))))
      : null,
  );
}

const REVIEW: FindingsTarget = { table: matrixTable, select, prefix: '' };

export function renderFindings(root: HTMLElement, report: Report, target: FindingsTarget = REVIEW): void {
  root.replaceChildren(partiesBlock(report), matrixSection(report, target), piSection(report, target),
    riskSection(report, target));
  if (target === REVIEW) renderFindingSelection(root);
}

/** Marks the selected row (in any of the three tables) without rebuilding them. */
export function markSelection(root: HTMLElement, sel: Selection | null): void {
  root.querySelectorAll<HTMLElement>('.finding-row').forEach((el) => {
    const on = !!sel && el.dataset.kind === sel.kind && el.dataset.id === sel.id;
    el.classList.toggle('selected', on);
    el.setAttribute('aria-selected', String(on));
  });
}

/** The review screen's selection and keyboard cursor. */
export function renderFindingSelection(root: HTMLElement): void {
  markSelection(root, state.review.selection);
  renderMatrixCursor(false);
}

/** Moves the keyboard cursor's highlight; `scroll` (for the arrow keys) brings its row into view. */
export function renderMatrixCursor(scroll = true): void {
  const rows = matrixTable.querySelectorAll<HTMLElement>('[data-testid="matrix-row"]');
  rows.forEach((el, i) => el.classList.toggle('cursor', i === state.review.cursor));
  const current = rows[state.review.cursor];
  if (current && scroll) scrollIntoColumn(current);
}

/** Scrolls the findings column (and nothing else) just enough to show the row. */
function scrollIntoColumn(row: HTMLElement): void {
  const column = matrixTable.closest<HTMLElement>('.review-findings');
  if (!column) return;
  const box = column.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  if (r.top < box.top) column.scrollTop -= box.top - r.top + 8;
  else if (r.bottom > box.bottom) column.scrollTop += r.bottom - box.bottom + 8;
}
