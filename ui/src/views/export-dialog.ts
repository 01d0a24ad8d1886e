// The export dialog (toolbar "Export…"): format, which comments, which redline (none, the model
// clauses, or a stored version), the appendix. Exporting flushes autosave, then `draft_export`
// analyses, writes and asks where to save (native dialog, in Rust). While it runs the dialog
// shows a spinner; closing it then is safe — the export finishes and reports in the status bar.
import { api } from '../api';
import { showError } from '../actions';
import type { CommentChoice, DraftVersion, ExportFormat, ExportRequest, RedlineChoice } from '../bindings';
import { saveNow } from '../draft-actions';
import { drafts } from '../draft-state';
import { button, h } from '../dom';
import { t, type MessageKey } from '../i18n';
import { state, update } from '../state';

export interface ExportChoice {
  format: ExportFormat;
  comments: CommentChoice;
  /** 'none', 'model', or a version number as text. */
  redline: string;
  appendix: boolean;
}

interface ExportDialog extends ExportChoice {
  open: boolean;
  versions: DraftVersion[];
  busy: boolean;
}

const FORMATS: ExportFormat[] = ['docx', 'html', 'pdf', 'md', 'json'];
const COMMENTS: CommentChoice[] = ['all', 'findings', 'draft', 'none'];

const dialog: ExportDialog = {
  open: false, versions: [], busy: false, format: 'docx', comments: 'all', redline: 'none', appendix: false,
};

export const exportRoot = h('div', { class: 'dialog-root', testid: 'export-root' });

/** The request the dialog's choices make (exported for the tests' sake of clarity). */
export function exportRequest(c: ExportChoice): ExportRequest {
  const redline: RedlineChoice = c.redline === 'none' ? { kind: 'none' }
    : c.redline === 'model' ? { kind: 'model' } : { kind: 'version', version: Number(c.redline) };
  return {
    format: c.format, comments: c.comments, redline, appendix: c.appendix,
    author: state.settings.author, model: drafts.current?.meta.model ?? null,
  };
}

export async function openExport(): Promise<void> {
  const d = drafts.current;
  if (!d) return;
  dialog.open = true;
  renderExportDialog();
  try {
    dialog.versions = await api.draftVersions(d.id);
    renderExportDialog();
  } catch (e) {
    showError(e);
  }
}

export function closeExport(): void {
  if (dialog.busy) update({ notice: t('export.background') }, 'status');
  dialog.open = false;
  renderExportDialog();
}

async function runExport(): Promise<void> {
  const d = drafts.current;
  if (!d || dialog.busy) return;
  dialog.busy = true;
  renderExportDialog();
  try {
    await saveNow();
    const outcome = await api.draftExport(d.id, exportRequest(dialog));
    const notice = outcome.printed ? t('export.printing')
      : outcome.path ? t('export.saved', { path: outcome.path, n: outcome.comments }) : t('export.cancelled');
    update({ notice }, 'status');
    dialog.open = dialog.open && !outcome.path && !outcome.printed;
  } catch (e) {
    showError(e);
  } finally {
    dialog.busy = false;
    renderExportDialog();
  }
}

function choice<T extends string>(testid: string, label: string, options: { value: T; text: string }[], current: T, set: (v: T) => void): HTMLElement {
  const el = h('select', { class: 'input', testid, attrs: { disabled: dialog.busy } },
    ...options.map((o) => h('option', { attrs: { value: o.value } }, o.text)));
  el.value = current;
  el.addEventListener('change', () => { set(el.value as T); renderExportDialog(); });
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), el);
}

export function renderExportDialog(): void {
  if (!dialog.open) {
    exportRoot.replaceChildren();
    return;
  }
  const redlines = [
    { value: 'none', text: t('export.redline.none') },
    { value: 'model', text: t('export.redline.model') },
    ...dialog.versions.map((v) => ({ value: String(v.number), text: t('export.redline.version', { n: v.number }) + (v.name ? ` · ${v.name}` : '') })),
  ];
  const appendix = h('input', { testid: 'export-appendix', attrs: { type: 'checkbox', checked: dialog.appendix, disabled: dialog.busy } });
  appendix.checked = dialog.appendix;
  appendix.addEventListener('change', () => { dialog.appendix = appendix.checked; });
  const box = h('div', { class: 'dialog export-dialog', testid: 'export-dialog', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': t('export.title'), 'aria-busy': String(dialog.busy) } },
    h('header', { class: 'dialog-head' }, h('h2', {}, t('export.title')),
      button('×', closeExport, { class: 'btn btn-quiet', testid: 'export-close', attrs: { 'aria-label': t('export.close') } })),
    h('form', { class: 'dialog-form', on: { submit: (ev) => { ev.preventDefault(); void runExport(); } } },
      choice('export-format', t('export.format'), FORMATS.map((f) => ({ value: f, text: t(`export.format.${f}` as MessageKey) })), dialog.format, (v) => { dialog.format = v; }),
      choice('export-comments', t('export.comments'), COMMENTS.map((c) => ({ value: c, text: t(`export.comments.${c}` as MessageKey) })), dialog.comments, (v) => { dialog.comments = v; }),
      choice('export-redline', t('export.redline'), redlines, dialog.redline, (v) => { dialog.redline = v; }),
      h('label', { class: 'field field-check' }, appendix, ' ', t('export.appendix')),
      h('p', { class: 'muted small' }, t(dialog.format === 'pdf' ? 'export.pdfHint' : 'export.docxOnly')),
      h('div', { class: 'dialog-actions' },
        dialog.busy ? h('span', { class: 'export-busy', testid: 'export-busy', attrs: { role: 'status' } },
          h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), t('export.running')) : null,
        button(t('export.close'), closeExport, { class: 'btn' }),
        h('button', { class: 'btn btn-primary', testid: 'export-run', attrs: { type: 'submit', disabled: dialog.busy } }, t('export.run'))),
    ),
  );
  box.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { ev.preventDefault(); closeExport(); } });
  const hadFocus = exportRoot.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.testid : undefined;
  exportRoot.replaceChildren(h('div', { class: 'dialog-backdrop' }, box));
  const again = hadFocus ? box.querySelector<HTMLElement>(`[data-testid="${hadFocus}"]`) : null;
  (again ?? box.querySelector<HTMLElement>('select'))?.focus();
}
