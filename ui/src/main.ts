// Entry point: lays out the screen, wires state changes to the views and loads the library.
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-tables/style/tables.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import './editor.css';
import './comments.css';
import { init } from './actions';
import { h } from './dom';
import { installDrop } from './drop';
import { t } from './i18n';
import { installKeyboard } from './keyboard';
import { onChange, state, type Region } from './state';
import { renderClause, renderEmpty } from './views/clause';
import { renderFilters } from './views/filters';
import { renderForm, renderFormStatus } from './views/form';
import { renderCursor, renderResults } from './views/results';
import { renderBanner, renderFooter } from './views/status';
import { renderTopbar } from './views/topbar';
import { dropOverlay, mountReview, renderDrop, renderReview, renderReviewBusy, renderReviewSelection } from './views/review';
import { renderMatrixCursor } from './views/matrix';
import { initDrafts } from './draft-actions';
import { mountDrafts, renderDraftComments, renderDraftDialog, renderDraftFindings, renderDraftStatus, renderDrafts } from './views/drafts';

const app = document.getElementById('app')!;
/** index.html's static top bar, shown until the first full render (see the end of this file). */
const splash = app.querySelector('.splash');

const topbar = h('header', { class: 'topbar' });
const banner = h('div', { class: 'banner-slot' });
const filters = h('nav', { class: 'filters', attrs: { id: 'filters' } });
const results = h('section', { class: 'results' });
const detail = h('main', { class: 'detail', attrs: { id: 'detail', tabindex: '-1' } });
const footer = h('footer', { class: 'footer' });

const columns = h('div', { class: 'columns' }, filters, results, detail);
const review = h('div', { class: 'review', testid: 'review' });
mountReview(review);
const draftsScreen = h('div', { class: 'drafts', testid: 'drafts' });
mountDrafts(draftsScreen);

app.append(topbar, banner, columns, review, draftsScreen, footer, dropOverlay);

let shownId: string | null = null;

function renderDetail(): void {
  if (state.mode !== 'view' && state.draft) renderForm(detail, state.draft);
  else if (state.clause) renderClause(detail, state.clause);
  else renderEmpty(detail, false);
  const id = state.mode === 'view' ? state.clause?.id ?? null : `form:${state.mode}`;
  if (id !== shownId) detail.scrollTop = 0; // a different clause starts at its title
  shownId = id;
}

/** After a full re-render, put the focus back on the control that had it (e.g. a language button). */
function keepFocus(fn: () => void): void {
  const testid = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.testid : undefined;
  fn();
  if (testid && document.activeElement === document.body) {
    document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)?.focus();
  }
}

function render(regions: ReadonlySet<Region>): void {
  keepFocus(() => renderRegions(regions));
}

function renderRegions(regions: ReadonlySet<Region>): void {
  const all = regions.has('all');
  if (all) {
    splash?.remove();
    document.title = `${t('app.name')} · ${t('app.tagline')}`;
    filters.setAttribute('aria-label', t('filters.label'));
    renderTopbar(topbar);
  }
  if (all || regions.has('filters')) renderFilters(filters);
  if (all || regions.has('results')) renderResults(results);
  else if (regions.has('cursor')) renderCursor();
  if (all || regions.has('clause')) renderDetail();
  else if (regions.has('form')) renderFormStatus();
  if (all || regions.has('status')) {
    renderBanner(banner);
    renderFooter(footer);
  }
  if (all || regions.has('screen')) {
    columns.hidden = state.screen !== 'library';
    review.hidden = state.screen !== 'review';
    draftsScreen.hidden = state.screen !== 'drafts';
    if (!all) renderTopbar(topbar);
  }
  if (all || regions.has('review')) renderReview();
  else {
    if (regions.has('reviewBusy')) renderReviewBusy();
    if (regions.has('selection')) renderReviewSelection();
    if (regions.has('matrixCursor')) renderMatrixCursor();
  }
  if (all || regions.has('drag')) renderDrop();
  if (all || regions.has('drafts')) renderDrafts();
  else {
    if (regions.has('draftStatus')) renderDraftStatus();
    if (regions.has('draftFindings')) renderDraftFindings();
    if (regions.has('draftComments')) renderDraftComments();
  }
  if (all || regions.has('draftDialog')) renderDraftDialog();
}

onChange(render);
installKeyboard();
installDrop();
// The first screen is drawn when the library answers (app_info brings the UI language, then the
// data follow): the app opens its library on a worker thread while this page loads, and until
// then the window shows index.html's static top bar. The drafting screen opens on the latest
// draft when there is one; else the library, as before.
void init().then(() => initDrafts());
