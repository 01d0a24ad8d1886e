// The error banner (localized per error kind, with what to do) and the footer status line.
import type { AppError } from '../api';
import { askRestore, backupDatabase, confirmingRestore, dismissError, restoreDatabase } from '../actions';
import { button, clear, h } from '../dom';
import { t } from '../i18n';
import { state } from '../state';

export function errorMessage(e: AppError): string {
  switch (e.kind) {
    case 'database_too_new': return t('err.database_too_new', e.data);
    case 'database_open': return t('err.database_open', e.data);
    case 'database': return t('err.database', e.data);
    case 'clause_not_found': return t('err.clause_not_found', e.data);
    case 'clause_exists': return t('err.clause_exists', e.data);
    case 'invalid_clause': return t('err.invalid_clause');
    case 'templates_unreadable': return t('err.templates_unreadable', e.data);
    case 'invalid_templates': return t('err.invalid_templates', { n: e.data.problems.length });
    case 'invalid_pack': return t('err.invalid_pack', e.data);
    case 'io': return t('err.io', e.data);
    case 'invalid_document': return t('err.invalid_document', e.data);
    case 'document_too_large': return t('err.document_too_large', e.data);
    case 'draft_not_found': return t('err.draft_not_found', e.data);
    case 'version_not_found': return t('err.version_not_found', e.data);
    case 'empty_query': return t('err.empty_query');
    case 'invalid_input': return t('err.invalid_input', e.data);
    case 'starting': return t('err.starting');
    case 'unknown': return t('err.unknown', e.data);
  }
}

function details(e: AppError): string[] {
  if (e.kind === 'invalid_clause') return e.data.problems;
  if (e.kind === 'invalid_templates') return e.data.problems.map((p) => `${p.path}:${p.line}: ${p.message}`);
  return [];
}

export function renderBanner(root: HTMLElement): void {
  clear(root);
  const e = state.error;
  root.hidden = e === null;
  if (!e) return;
  const lines = details(e);
  root.appendChild(h('div', { class: 'banner', testid: 'error-banner', attrs: { role: 'alert', 'data-kind': e.kind } },
    h('span', { class: 'banner-icon', attrs: { 'aria-hidden': 'true' } }, '!'),
    h('div', { class: 'banner-body' },
      h('p', { class: 'banner-message' }, errorMessage(e)),
      lines.length ? h('ul', { class: 'banner-details' }, ...lines.slice(0, 8).map((l) => h('li', {}, l))) : null,
    ),
    button(t('banner.dismiss'), () => dismissError(), { class: 'btn btn-small btn-quiet', testid: 'error-dismiss' }),
  ));
}

export function renderFooter(root: HTMLElement): void {
  clear(root);
  const info = state.info;
  const left = h('div', { class: 'footer-left' });
  if (info) {
    const s = info.stats;
    left.append(
      h('strong', { testid: 'stats' }, t('status.clauses', { n: s.clauses })),
      h('span', { class: 'muted' }, t('status.breakdown', { seeded: s.seeded, edited: s.edited, user: s.user })),
    );
    if (s.updates_available > 0) left.appendChild(h('span', { class: 'badge origin-seeded_edited' }, t('status.updates', { n: s.updates_available })));
    if (info.seed.problems.length > 0) {
      const p = h('span', { class: 'badge warn' }, t('status.seedProblems', { n: info.seed.problems.length }));
      p.title = info.seed.problems.map((x) => `${x.path}:${x.line}: ${x.message}`).join('\n');
      left.appendChild(p);
    }
  }
  const notice = state.notice ? h('div', { class: 'footer-notice', testid: 'notice', attrs: { role: 'status' } }, state.notice) : null;
  const right = h('div', { class: 'footer-right' });
  if (info) {
    const db = h('span', { class: 'db-path', testid: 'db-path' }, `${t('status.database')}: ${info.database}`);
    db.title = info.database;
    right.append(db, h('span', { class: 'muted' }, t('status.version', { v: info.version })));
    right.append(confirmingRestore
      ? h('span', { class: 'restore-confirm', testid: 'restore-confirm', attrs: { role: 'alertdialog', 'aria-label': t('backup.restore') } },
        h('span', {}, t('backup.restoreWarning')),
        button(t('backup.chooseRestore'), () => void restoreDatabase(), { class: 'btn btn-small btn-danger', testid: 'restore-choose' }),
        button(t('backup.cancel'), () => askRestore(false), { class: 'btn btn-small btn-quiet', testid: 'restore-cancel' }))
      : h('span', { class: 'backup-actions' },
        button(t('backup.backup'), () => void backupDatabase(), { class: 'btn btn-small btn-quiet', testid: 'backup', attrs: { title: t('backup.backupHint') } }),
        button(t('backup.restore'), () => askRestore(true), { class: 'btn btn-small btn-quiet', testid: 'restore', attrs: { title: t('backup.restoreHint') } })));
  }
  root.append(left, notice ?? h('div', { class: 'footer-notice' }), right);
}
