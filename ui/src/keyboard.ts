// Keyboard shortcuts of the library screen, the review screen (reviewKey) and the drafting screen (draftsKey).
//   / or Ctrl+K  focus the search        ↑ ↓  move through the results     Enter  open / search
//   Esc          close the form, else clear the search, else dismiss the error    Ctrl+S  save the form
import { askDelete, cancelForm, dismissError, moveCursor, openCursor, saveForm } from './actions';
import { moveMatrixCursor, selectMatrixCursor } from './review-actions';
import { saveNow } from './draft-actions';
import { drafts } from './draft-state';
import { findBar } from './views/drafts';
import { state } from './state';
import { clearSearch, flushSearch, focusSearch, searchInput } from './views/topbar';
import { resultList } from './views/results';

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && (el as HTMLInputElement).type !== 'checkbox');
}

function isInteractive(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && (el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY' || isEditable(el));
}

export function installKeyboard(): void {
  document.addEventListener('keydown', (ev) => {
    if (ev.isComposing || ev.keyCode === 229) return; // IME composition (pinyin input) owns the keys
    if (state.screen === 'review') {
      reviewKey(ev);
      return;
    }
    if (state.screen === 'drafts') {
      draftsKey(ev);
      return;
    }
    const target = ev.target;
    const inSearch = target === searchInput;
    const ctrl = ev.ctrlKey || ev.metaKey;
    const formOpen = state.mode !== 'view';

    if (ctrl && (ev.key === 'k' || ev.key === 'K')) {
      ev.preventDefault();
      focusSearch();
      return;
    }
    if (ctrl && (ev.key === 's' || ev.key === 'S')) {
      ev.preventDefault();
      if (formOpen) void saveForm();
      return;
    }
    if (ev.key === '/' && !ctrl && !ev.altKey && !isEditable(target)) {
      ev.preventDefault();
      focusSearch();
      return;
    }
    if (ev.key === 'Escape') {
      if (formOpen) cancelForm();
      else if (state.confirmingDelete) askDelete(false);
      else if ((inSearch || !isEditable(target)) && (searchInput.value !== '' || state.query !== '')) clearSearch();
      else if (state.error) dismissError();
      else if (inSearch) searchInput.blur();
      else return;
      ev.preventDefault();
      return;
    }
    // Arrow keys scroll the clause text when the reader is in it; elsewhere they walk the list.
    const inDetail = target instanceof Node && document.getElementById('detail')?.contains(target) === true;
    const listContext = inSearch || target === resultList || (!isEditable(target) && !inDetail);
    if ((ev.key === 'ArrowDown' || ev.key === 'ArrowUp') && listContext && !isInteractive(target === searchInput ? null : target)) {
      ev.preventDefault();
      moveCursor(ev.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    if (ev.key === 'Enter' && !ctrl) {
      if (inSearch) {
        ev.preventDefault();
        if (!openCursor()) flushSearch();
      } else if (!isInteractive(target) && openCursor()) {
        ev.preventDefault();
      }
    }
  });
}

/**
 * Review screen:  ↑ ↓  move through the matrix rows     Enter  show the row under the cursor
 *                 Esc  dismiss the error
 * The arrows scroll the contract text and the detail panel when the reader is in them.
 */
function reviewKey(ev: KeyboardEvent): void {
  const target = ev.target;
  if (ev.key === 'Escape') {
    if (state.error) {
      ev.preventDefault();
      dismissError();
    }
    return;
  }
  const inReader = target instanceof Element && target.closest('[data-testid="contract-text"], [data-testid="detail"]') !== null;
  if ((ev.key === 'ArrowDown' || ev.key === 'ArrowUp') && !ev.altKey && !isEditable(target) && !inReader) {
    ev.preventDefault();
    moveMatrixCursor(ev.key === 'ArrowDown' ? 1 : -1);
    return;
  }
  if (ev.key === 'Enter' && !ev.ctrlKey && !ev.metaKey && !isInteractive(target) && selectMatrixCursor()) {
    ev.preventDefault();
  }
}

/**
 * Drafting screen (the editor's own keys are in editor/keymap.ts):
 *   Ctrl+S  save now     Ctrl+F  find & replace     Esc  dismiss the error
 */
function draftsKey(ev: KeyboardEvent): void {
  const ctrl = ev.ctrlKey || ev.metaKey;
  if (ctrl && (ev.key === 's' || ev.key === 'S')) {
    ev.preventDefault();
    void saveNow();
  } else if (ctrl && (ev.key === 'f' || ev.key === 'F') && drafts.current && !drafts.dialog) {
    ev.preventDefault();
    findBar.open();
  } else if (ev.key === 'Escape' && state.error && !ev.defaultPrevented) {
    ev.preventDefault();
    dismissError();
  }
}
