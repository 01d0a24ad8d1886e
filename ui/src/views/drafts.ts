// The drafting screen: toolbar (new, import, formatting, save status), the drafts list and the
// clause outline on the left, the editor in the middle (find bar above it), and the side panels
// (findings, library, versions, details) on the right. The editor is mounted once and never
// rebuilt by a render; the panels are.
import type { Command } from 'prosemirror-state';
import { addRowAfter, deleteRow, deleteTable, addColumnAfter } from 'prosemirror-tables';
import {
  attachEditor, editorView, importFile, openDraft, openNewDraft, saveNow, showPanel,
} from '../draft-actions';
import { startComment } from '../comment-actions';
import { drafts, type DraftPanel } from '../draft-state';
import { button, h } from '../dom';
import { FindBar } from '../editor/find-replace';
import { commands } from '../editor/keymap';
import { jumpTo, renderOutline } from '../editor/outline';
import { schema } from '../editor/schema';
import { t, type MessageKey } from '../i18n';
import { renderDetails, renderFindingsPane, renderLibraryPanel, renderVersionsPanel } from './draft-panels';
import { renderNewDraft } from './new-draft';
import { compareRoot, renderCompareView } from './compare-view';
import { redlineRoot, renderRedlinePanel } from './redline-panel';
import { redlineDocChanged, redlineSelectionChanged } from '../redline-actions';
import { renderCommentsPane } from './comments-pane';
import { exportRoot, openExport } from './export-dialog';

const toolbar = h('div', { class: 'draft-toolbar', attrs: { role: 'toolbar' } });
const statusChip = h('span', { class: 'save-status', testid: 'save-status', attrs: { role: 'status', 'aria-live': 'polite' } });
const listEl = h('div', { class: 'draft-list', testid: 'draft-list' });
const outlineEl = h('nav', { class: 'outline', testid: 'outline' });
const editorMount = h('div', { class: 'draft-editor' });
const emptyEl = h('div', { class: 'empty-state draft-empty', testid: 'draft-empty' });
const tabs = h('div', { class: 'panel-tabs', attrs: { role: 'tablist' } });
const panel = h('div', { class: 'draft-panel', testid: 'draft-panel' });
const dialogRoot = h('div', { class: 'dialog-root' });

export const findBar = new FindBar(editorView);

let outlineTimer: number | undefined;
let commentsTimer: number | undefined;

function scheduleOutline(): void {
  window.clearTimeout(outlineTimer);
  outlineTimer = window.setTimeout(() => {
    const view = editorView();
    if (view && drafts.current) renderOutline(outlineEl, view, drafts.current.meta.lang);
  }, 200);
}

export function mountDrafts(root: HTMLElement): void {
  const stage = h('div', { class: 'draft-stage' }, findBar.el, emptyEl, editorMount, compareRoot);
  root.replaceChildren(
    toolbar,
    h('div', { class: 'draft-body' },
      h('aside', { class: 'draft-left' }, listEl, outlineEl),
      stage,
      h('aside', { class: 'draft-side' }, tabs, panel),
    ),
    dialogRoot,
    exportRoot,
  );
  attachEditor(editorMount, {
    changed: (tr) => {
      scheduleOutline();
      findBar.updateCount();
      redlineDocChanged(tr);
      // Comments follow the text: their order and anchored state are re-read after typing pauses.
      window.clearTimeout(commentsTimer);
      commentsTimer = window.setTimeout(renderDraftComments, 200);
    },
    updated: () => { renderMarks(); redlineSelectionChanged(); },
    find: () => findBar.open(),
    comment: startComment,
  });
  outlineEl.addEventListener('click', (ev) => {
    const item = (ev.target as HTMLElement).closest<HTMLElement>('[data-testid="outline-item"]');
    const view = editorView();
    if (item && view) jumpTo(view, item);
  });
}

/** Runs an editor command from a toolbar button and gives the focus back to the text. */
function run(cmd: Command): void {
  const view = editorView();
  if (!view) return;
  cmd(view.state, view.dispatch, view);
  view.focus();
}

function insertTable(): Command {
  return (state, dispatch) => {
    const { table, table_row: row, table_cell: cell, table_header: header, paragraph } = schema.nodes;
    const cells = (type: typeof cell) => [0, 1, 2].map(() => type.create(null, paragraph.create()));
    const node = table.create(null, [row.create(null, cells(header)), row.create(null, cells(cell)), row.create(null, cells(cell))]);
    if (dispatch) dispatch(state.tr.replaceSelectionWith(node).scrollIntoView());
    return true;
  };
}

function tool(label: string, titleKey: MessageKey, testid: string, cmd: Command, cls = ''): HTMLButtonElement {
  const b = button(label, () => run(cmd), { class: `btn btn-small tool ${cls}`, testid, attrs: { title: t(titleKey), 'aria-label': t(titleKey) } });
  b.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep the selection in the text
  return b;
}

/** Bold / italic / underline buttons show whether the selection has the mark. */
function renderMarks(): void {
  const view = editorView();
  if (!view) return;
  const { from, $from, to, empty } = view.state.selection;
  for (const name of ['bold', 'italic', 'underline'] as const) {
    const type = schema.marks[name];
    const on = String(empty ? !!type.isInSet(view.state.storedMarks ?? $from.marks()) : view.state.doc.rangeHasMark(from, to, type));
    const el = toolbar.querySelector(`[data-testid="tool-${name}"]`);
    if (el && el.getAttribute('aria-pressed') !== on) el.setAttribute('aria-pressed', on);
  }
}

function commentButton(): HTMLButtonElement {
  const b = button(t('tool.commentShort'), startComment, { class: 'btn btn-small', testid: 'tool-comment', attrs: { title: t('tool.comment'), 'aria-label': t('tool.comment') } });
  b.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep the selection in the text
  return b;
}

function renderToolbar(): void {
  toolbar.setAttribute('aria-label', t('drafts.toolbar'));
  const open = drafts.current !== null;
  const editing = open ? [
    h('div', { class: 'tool-group' },
      tool('B', 'tool.bold', 'tool-bold', commands.bold, 'tool-b'),
      tool('I', 'tool.italic', 'tool-italic', commands.italic, 'tool-i'),
      tool('U', 'tool.underline', 'tool-underline', commands.underline, 'tool-u'),
    ),
    h('div', { class: 'tool-group' },
      tool(t('tool.headingShort'), 'tool.heading', 'tool-heading', commands.heading(2)),
      tool('§', 'tool.clause', 'tool-clause', commands.clause(1)),
      tool('¶', 'tool.paragraph', 'tool-paragraph', commands.paragraph),
      tool('•', 'tool.bulletList', 'tool-bullets', commands.bulletList),
      tool('1.', 'tool.orderedList', 'tool-numbers', commands.orderedList),
      tool('▦', 'tool.table', 'tool-table', insertTable()),
      tool('+≡', 'tool.addRow', 'tool-add-row', addRowAfter),
      tool('+‖', 'tool.addColumn', 'tool-add-column', addColumnAfter),
      tool('−≡', 'tool.deleteRow', 'tool-delete-row', deleteRow),
      tool('✕▦', 'tool.deleteTable', 'tool-delete-table', deleteTable),
    ),
    h('div', { class: 'tool-group' },
      tool('↶', 'tool.undo', 'tool-undo', commands.undo),
      tool('↷', 'tool.redo', 'tool-redo', commands.redo),
      button(t('tool.find'), () => findBar.open(), { class: 'btn btn-small', testid: 'tool-find', attrs: { title: t('tool.findHint') } }),
      button(t('tool.save'), () => void saveNow(), { class: 'btn btn-small', testid: 'tool-save', attrs: { title: t('tool.saveHint') } }),
      button(t('redline.toggle'), () => showPanel(drafts.panel === 'redline' ? 'findings' : 'redline'), {
        class: 'btn btn-small', testid: 'tool-redline', attrs: { title: t('redline.toggleHint'), 'aria-pressed': String(drafts.panel === 'redline') },
      }),
    ),
    h('div', { class: 'tool-group' },
      commentButton(),
      button(t('tool.export'), () => void openExport(), { class: 'btn btn-small', testid: 'tool-export', attrs: { title: t('tool.exportHint') } }),
    ),
  ] : [];
  toolbar.replaceChildren(
    h('div', { class: 'tool-group' },
      button(t('drafts.new'), () => void openNewDraft('template'), { class: 'btn btn-primary', testid: 'draft-new' }),
      button(t('drafts.import'), () => void importFile(), { class: 'btn', testid: 'draft-import', attrs: { title: t('drafts.importHint') } }),
    ),
    ...editing,
    h('div', { class: 'tool-spacer' }),
    statusChip,
  );
  renderMarks();
}

let shownStatus = '';

/** The save status chip; rebuilt only when what it says changes (every keystroke asks). */
export function renderDraftStatus(): void {
  const key: MessageKey = drafts.current === null ? 'save.none' : (`save.${drafts.status}` as MessageKey);
  const label = t(key);
  const analysing = drafts.analysing ? t('drafts.analysing') : '';
  const shown = `${label}\u0001${analysing}`;
  const status = drafts.current === null ? 'none' : drafts.status;
  if (statusChip.dataset.status !== status) statusChip.dataset.status = status;
  if (shown === shownStatus) return;
  shownStatus = shown;
  statusChip.replaceChildren(h('span', { class: 'save-dot', attrs: { 'aria-hidden': 'true' } }), label);
  if (analysing) statusChip.append(h('span', { class: 'muted small analysing', testid: 'analysing' }, ` · ${analysing}`));
}

function renderList(): void {
  listEl.replaceChildren(
    h('h2', { class: 'pane-title' }, t('drafts.list')),
    drafts.list.length
      ? h('ul', { class: 'draft-items' }, ...drafts.list.map((d) => h('li', {},
        button(d.meta.title, () => void openDraft(d.id), {
          class: d.id === drafts.current?.id ? 'draft-item active' : 'draft-item',
          testid: 'draft-item',
          attrs: { 'data-id': d.id, 'aria-current': d.id === drafts.current?.id ? 'true' : null, title: d.meta.title },
        }))))
      : h('p', { class: 'muted small' }, t('drafts.noDrafts')),
  );
}

const PANELS: { value: DraftPanel; key: MessageKey }[] = [
  { value: 'findings', key: 'panel.findings' },
  { value: 'comments', key: 'panel.comments' },
  { value: 'library', key: 'panel.library' },
  { value: 'versions', key: 'panel.versions' },
  { value: 'details', key: 'panel.details' },
  { value: 'redline', key: 'panel.redline' },
];

function renderTabs(): void {
  tabs.setAttribute('aria-label', t('panel.label'));
  tabs.replaceChildren(...PANELS.map((p) => button(t(p.key), () => showPanel(p.value), {
    class: p.value === drafts.panel ? 'panel-tab active' : 'panel-tab',
    testid: `panel-${p.value}`,
    attrs: { role: 'tab', 'aria-selected': String(p.value === drafts.panel) },
  })));
}

function renderPanel(): void {
  if (drafts.panel === 'findings') renderFindingsPane(panel);
  else if (drafts.panel === 'comments') renderCommentsPane(panel);
  else if (drafts.panel === 'library') renderLibraryPanel(panel);
  else if (drafts.panel === 'versions') renderVersionsPanel(panel);
  else if (drafts.panel === 'redline') { panel.replaceChildren(redlineRoot); renderRedlinePanel(); }
  else renderDetails(panel);
}

/** Everything but the text (and the outline, which follows the text). */
export function renderDrafts(): void {
  renderToolbar();
  renderDraftStatus();
  renderList();
  renderTabs();
  renderPanel();
  renderCompareView();
  findBar.render();
  const open = drafts.current !== null;
  editorMount.hidden = !open;
  emptyEl.hidden = open;
  if (!open) {
    emptyEl.replaceChildren(
      h('div', { class: 'empty-mark', attrs: { 'aria-hidden': 'true' } }, '§'),
      h('h2', {}, t('drafts.emptyTitle')),
      h('p', {}, t('drafts.emptyHint')),
      button(t('drafts.new'), () => void openNewDraft('template'), { class: 'btn btn-primary' }),
    );
    outlineEl.replaceChildren();
  } else {
    const view = editorView();
    if (view && drafts.current) renderOutline(outlineEl, view, drafts.current.meta.lang);
  }
  outlineEl.setAttribute('aria-label', t('drafts.outline'));
}

export function renderDraftFindings(): void {
  if (drafts.panel === 'findings') renderFindingsPane(panel);
}

export function renderDraftComments(): void {
  if (drafts.panel === 'comments') renderCommentsPane(panel);
}

export function renderDraftDialog(): void {
  renderNewDraft(dialogRoot);
}
