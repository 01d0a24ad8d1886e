// The detail panel of the review screen: the selected finding's status, its explanation (UI
// language first, the other language folded away), the evidence quotes with their clause numbers,
// and the suggested library clauses as buttons that open them in the library.
import type { Bilingual, Evidence, Lang, PiRow, Report, RiskRow, SecurityRow } from '../bindings';
import { openInLibrary } from '../review-actions';
import { h } from '../dom';
import { otherLang, pick, primaryLang, t } from '../i18n';
import { allocationLabel, foundLabel, gapLabel, isStandardSource, kindLabel, severityLabel } from '../labels';
import { state, type Selection } from '../state';

const LANG_ATTR: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

type Row = SecurityRow | PiRow | RiskRow;

export function findRow(report: Report, sel: Selection): Row | null {
  const rows: Row[] = sel.kind === 'security' ? report.security : sel.kind === 'pi' ? report.pi : report.risks;
  return rows.find((r) => r.id === sel.id) ?? null;
}

function fact(label: string, ...value: (HTMLElement | string | null)[]): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, ...value));
}

function statusFacts(sel: Selection, row: Row): HTMLElement {
  const facts = h('dl', { class: 'facts' });
  const sev = row.severity ? h('span', { class: `sev sev-${row.severity}` }, severityLabel(row.severity)) : null;
  if (sel.kind === 'security') {
    const r = row as SecurityRow;
    const standard = isStandardSource(r.expected_source);
    let found = foundLabel(r.allocation);
    if (r.allocation === 'shared' && r.split_specified !== null) found += ` · ${t(r.split_specified ? 'split.yes' : 'split.no')}`;
    if (r.hedged) found += ` · ${t('found.hedged')}`;
    facts.append(
      fact(t('matrix.expected'), allocationLabel(r.expected), ' ',
        h('span', { class: standard ? 'source-tag standard' : 'source-tag derived', attrs: { title: r.expected_source } },
          t(standard ? 'source.standard' : 'source.derived')),
        h('span', { class: 'muted small' }, ` ${t(standard ? 'source.standardHint' : 'source.derivedHint')}`)),
      fact(t('matrix.found'), found),
      fact(t('matrix.status'), h('span', { class: `gap-badge gap-${r.gap ?? 'none'}` }, gapLabel(r.gap)), ' ', sev),
    );
  } else if (sel.kind === 'pi') {
    const r = row as PiRow;
    facts.append(fact(t('pi.state'),
      h('span', { class: r.present ? 'state state-ok' : 'state state-missing' }, r.present ? `✓ ${t('pi.present')}` : `✗ ${t('pi.missing')}`), ' ', sev));
  } else {
    const r = row as RiskRow;
    const label = !r.present ? t('risk.absent') : r.customer_unfavourable ? t('risk.unfavourable') : t('risk.addressed');
    const cls = !r.present ? 'state-missing' : r.customer_unfavourable ? 'state-bad' : 'state-ok';
    facts.append(fact(t('risk.state'), h('span', { class: `state ${cls}` }, label), ' ', sev));
  }
  return facts;
}

function explanation(value: Bilingual): HTMLElement {
  const main = primaryLang();
  const other = otherLang();
  return h('section', { class: 'detail-section' },
    h('h3', {}, t('detail.explanation')),
    h('p', { class: 'explanation', testid: 'explanation', attrs: { lang: LANG_ATTR[main] } }, pick(value, main)),
    value[other] && value[other] !== value[main]
      ? h('details', { class: 'other-lang' },
        h('summary', {}, t('detail.otherLang')),
        h('p', { class: 'explanation', testid: 'explanation-other', attrs: { lang: LANG_ATTR[other] } }, value[other]))
      : null,
  );
}

function evidenceList(evidence: Evidence[], onShow: (index: number) => void): HTMLElement {
  const section = h('section', { class: 'detail-section' }, h('h3', {}, t('detail.evidence')));
  if (!evidence.length) {
    section.appendChild(h('p', { class: 'muted' }, t('detail.noEvidence')));
    return section;
  }
  section.appendChild(h('ol', { class: 'evidence-list' }, ...evidence.map((e, i) => h('li', {},
    h('button', {
      class: 'evidence-item',
      testid: 'evidence-item',
      attrs: { type: 'button', title: t('detail.show') },
      on: { click: () => onShow(i) },
    },
      h('span', { class: 'clause-no' }, e.clause || t('detail.preamble')),
      h('q', { class: 'quote' }, e.quote),
    ),
  ))));
  return section;
}

function suggested(ids: string[]): HTMLElement {
  const titles = new Map(state.results.map((r) => [r.clause.id, pick(r.clause.title)]));
  return h('section', { class: 'detail-section' },
    h('h3', {}, t('detail.suggested')),
    ids.length
      ? h('div', { class: 'suggested' }, ...ids.map((id) => h('button', {
        class: 'btn suggested-clause',
        testid: 'suggested-clause',
        attrs: { type: 'button', 'data-id': id, title: t('detail.openHint', { id }) },
        on: { click: () => void openInLibrary(id) },
      },
        h('span', { class: 'suggested-title' }, titles.get(id) ?? id),
        titles.has(id) ? h('code', { class: 'clause-id' }, id) : null,
        h('span', { class: 'arrow', attrs: { 'aria-hidden': 'true' } }, '→'),
      )))
      : h('p', { class: 'muted' }, t('detail.noSuggested')),
  );
}

export function renderFinding(root: HTMLElement, report: Report | null, onShow: (index: number) => void): void {
  const sel = state.review.selection;
  const row = report && sel ? findRow(report, sel) : null;
  if (!sel || !row) {
    root.replaceChildren(h('div', { class: 'detail-empty' },
      h('div', { class: 'empty-mark', attrs: { 'aria-hidden': 'true' } }, '§'),
      h('h2', {}, t('detail.emptyTitle')),
      h('p', {}, t('detail.emptyHint')),
    ));
    return;
  }
  root.replaceChildren(h('article', { class: 'finding', testid: 'finding', attrs: { 'data-id': row.id, 'data-kind': sel.kind } },
    h('header', { class: 'finding-head' },
      h('span', { class: `kind-chip kind-${sel.kind}` }, kindLabel(sel.kind)),
      h('h2', { class: 'finding-title' }, pick(row.name)),
      h('span', { class: 'finding-subtitle', attrs: { lang: LANG_ATTR[otherLang()] } }, pick(row.name, otherLang())),
    ),
    statusFacts(sel, row),
    explanation(row.explanation),
    evidenceList(row.evidence, onShow),
    suggested(row.suggested_clauses),
  ));
}
