// The comments pane: the new-comment composer (with the author's name the first time), then the
// threads in document order — author, time, text, replies, resolve / reopen, edit, delete, reply.
// A click on a thread selects its text; resolved threads are greyed; threads whose text was
// deleted are listed as unanchored. The text areas are kept across renders (typing survives).
import {
  askDelete, cancelComment, comments, deleteComment, editComment, reply, selectThread, setEditing,
  setReplying, setResolved, submitComment, threads, type Thread,
} from '../comment-actions';
import type { DraftComment } from '../bindings';
import { button, h } from '../dom';
import { t } from '../i18n';
import { state } from '../state';

const authorInput = h('input', { class: 'input', testid: 'comment-author', attrs: { type: 'text', autocomplete: 'name' } });
const bodyInput = h('textarea', { class: 'input comment-input', testid: 'comment-body', attrs: { rows: 3 } });
const replyInput = h('textarea', { class: 'input comment-input', testid: 'reply-body', attrs: { rows: 2 } });
const editInput = h('textarea', { class: 'input comment-input', testid: 'edit-body', attrs: { rows: 3 } });

const submitNew = () => { void submitComment(bodyInput.value, authorInput.value).then(() => { if (!comments.composing) bodyInput.value = ''; }); };
// Ctrl+Enter sends from any of the text areas.
bodyInput.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && ev.ctrlKey) { ev.preventDefault(); submitNew(); } if (ev.key === 'Escape') cancelComment(); });

const when = (iso: string) => iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1Z');

function composer(): HTMLElement | null {
  if (!comments.composing) return null;
  const needName = !state.settings.author.trim();
  authorInput.placeholder = t('comments.author');
  authorInput.setAttribute('aria-label', t('comments.author'));
  bodyInput.placeholder = t('comments.body');
  bodyInput.setAttribute('aria-label', t('comments.body'));
  return h('form', { class: 'comment-composer', testid: 'comment-composer', on: { submit: (ev) => { ev.preventDefault(); submitNew(); } } },
    h('strong', {}, t('comments.new')),
    h('blockquote', { class: 'comment-quote' }, t('comments.on'), comments.composing.quote),
    needName ? h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('comments.author')), authorInput) : null,
    bodyInput,
    h('div', { class: 'comment-actions' },
      h('button', { class: 'btn btn-small btn-primary', testid: 'comment-submit', attrs: { type: 'submit' } }, t('comments.add')),
      button(t('comments.cancel'), cancelComment, { class: 'btn btn-small', testid: 'comment-cancel' })),
  );
}

function entry(c: DraftComment, isReply: boolean): HTMLElement {
  const editing = comments.editing === c.id;
  if (editing && editInput.dataset.for !== c.id) { editInput.value = c.body; editInput.dataset.for = c.id; }
  return h('div', { class: isReply ? 'comment-entry comment-reply' : 'comment-entry', testid: isReply ? 'comment-reply' : 'comment-root', attrs: { 'data-id': c.id } },
    h('div', { class: 'comment-meta small' },
      h('strong', { testid: 'comment-author-name' }, c.author), ' ',
      h('span', { class: 'muted' }, when(c.created_at)),
      c.source?.startsWith('finding:') ? h('span', { class: 'badge comment-finding' }, t('comments.fromFinding')) : null),
    editing
      ? h('div', { class: 'comment-edit' }, editInput,
        h('div', { class: 'comment-actions' },
          button(t('comments.save'), () => void editComment(c.id, editInput.value), { class: 'btn btn-small btn-primary', testid: 'edit-save' }),
          button(t('comments.cancel'), () => setEditing(null), { class: 'btn btn-small' })))
      : h('p', { class: 'comment-text', testid: 'comment-text' }, c.body),
    editing ? null : h('div', { class: 'comment-actions' },
      button(t('comments.edit'), () => setEditing(c.id), { class: 'btn btn-small btn-quiet', testid: 'comment-edit' }),
      comments.confirmDelete === c.id
        ? h('span', { class: 'confirm', testid: 'comment-delete-confirm' }, t('comments.deleteConfirm'),
          button(t('comments.delete'), () => void deleteComment(c.id), { class: 'btn btn-small btn-danger', testid: 'comment-delete-yes' }),
          button(t('comments.cancel'), () => askDelete(null), { class: 'btn btn-small' }))
        : button(t('comments.delete'), () => askDelete(c.id), { class: 'btn btn-small btn-quiet danger-text', testid: 'comment-delete' })),
  );
}

function thread(th: Thread): HTMLElement {
  const { root } = th;
  const replying = comments.replying === root.id;
  replyInput.placeholder = t('comments.replyPlaceholder');
  const el = h('li', {
    class: ['comment-thread', root.resolved ? 'resolved' : '', th.at === null ? 'unanchored' : '', comments.active === root.id ? 'active' : ''].filter(Boolean).join(' '),
    testid: 'comment-thread',
    attrs: { 'data-id': root.id, 'data-resolved': String(root.resolved), 'data-anchored': String(th.at !== null) },
  },
  th.at === null ? h('div', { class: 'comment-unanchored small', testid: 'comment-unanchored' }, t('comments.unanchored')) : null,
  root.resolved ? h('div', { class: 'badge comment-resolved-badge' }, t('comments.resolved')) : null,
  entry(root, false),
  ...th.replies.map((r) => entry(r, true)),
  replying
    ? h('div', { class: 'comment-reply-form' }, replyInput,
      h('div', { class: 'comment-actions' },
        button(t('comments.send'), () => { void reply(root.id, replyInput.value).then(() => { if (comments.replying === null) replyInput.value = ''; }); }, { class: 'btn btn-small btn-primary', testid: 'reply-send' }),
        button(t('comments.cancel'), () => setReplying(null), { class: 'btn btn-small' })))
    : h('div', { class: 'comment-actions' },
      button(t('comments.reply'), () => setReplying(root.id), { class: 'btn btn-small', testid: 'comment-reply-open' }),
      button(root.resolved ? t('comments.reopen') : t('comments.resolve'), () => void setResolved(root.id, !root.resolved),
        { class: 'btn btn-small', testid: root.resolved ? 'comment-reopen' : 'comment-resolve' })),
  );
  // A click on the thread (not on its controls) selects its text.
  el.addEventListener('click', (ev) => {
    if ((ev.target as HTMLElement).closest('button, textarea, input')) return;
    selectThread(root.id);
  });
  return el;
}

export function renderCommentsPane(root: HTMLElement): void {
  const list = threads();
  root.replaceChildren(
    composer() ?? '',
    list.length
      ? h('ol', { class: 'comment-threads', testid: 'comment-threads' }, ...list.map(thread))
      : comments.composing ? '' : h('p', { class: 'muted', testid: 'comments-empty' }, t('comments.none')),
  );
  if (comments.composing && document.activeElement !== authorInput && document.activeElement !== bodyInput) {
    (!state.settings.author.trim() && !authorInput.value ? authorInput : bodyInput).focus();
  }
}
