// UI tests of comments and export on the drafting screen: the built app in headless Chromium
// with the fake IPC (tests/fake-tauri.js keeps drafts and comments in memory).
// Run: node --test tests/comments.test.mjs (from ui/, after npm run build).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openApp, out } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const text = (t) => [{ type: 'text', text: t }];
const clause = (t) => ({ type: 'clause', attrs: { level: 1, number: null }, content: text(t) });
const DRAFT = {
  meta: { title: '云服务协议', lang: 'zh', model: 'saas', matter: '', counterpart: '', variables: {} },
  doc: {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: text('云计算服务协议') },
      { type: 'paragraph', content: text('甲方（服务商）：北京云峰科技有限公司') },
      clause('甲方负责机房物理安全、网络控制安全和虚拟化平台的安全。'),
      clause('对于因应用漏洞导致的数据泄露，甲方不承担任何责任。'),
      clause('服务抵扣是乙方唯一且排他的救济。'),
    ],
  },
};

const editor = (page) => page.getByTestId('editor');
const calls = async (page, cmd) => (await page.evaluate(() => window.__ipcCalls)).filter((c) => c.cmd === cmd);
const stored = (page) => page.evaluate(() => window.__draftComments.get(1) ?? []);
/** The text under each comment mark, by id. */
const anchors = (page) => page.evaluate(() => {
  const out = {};
  for (const el of document.querySelectorAll('[data-testid=editor] span.comment')) {
    const id = el.dataset.comment;
    out[id] = (out[id] ?? '') + el.textContent;
  }
  return out;
});

async function open(options = {}) {
  return openApp(browser, { drafts: [DRAFT], ...options }, undefined, 'editor');
}

/** Selects the whole text of the clause containing `words` (the number is a widget, not text). */
async function selectClause(page, words) {
  await editor(page).locator('p.clause', { hasText: words }).first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
}

async function addComment(page, words, body, author) {
  await selectClause(page, words);
  await page.keyboard.press('Control+Alt+m');
  await page.getByTestId('comment-composer').waitFor();
  if (author) await page.getByTestId('comment-author').fill(author);
  await page.getByTestId('comment-body').fill(body);
  await page.getByTestId('comment-submit').click();
  await page.getByTestId('comment-thread').filter({ hasText: body }).waitFor();
}

test('a comment on the selection: the author is asked once, then reply, resolve, reopen, edit', async () => {
  const { page, context, problems } = await open();
  await selectClause(page, '应用漏洞');
  await page.getByTestId('tool-comment').click();
  // First comment: the name is asked for (it goes into the settings).
  await page.getByTestId('comment-author').fill('李律师');
  await page.getByTestId('comment-body').fill('免责条款需删除');
  await page.getByTestId('comment-submit').click();
  const thread = page.getByTestId('comment-thread').first();
  await thread.waitFor();
  const [add] = await calls(page, 'comments_add');
  assert.equal(add.args.id, 1);
  assert.equal(add.args.comments[0].author, '李律师');
  assert.equal(add.args.comments[0].parent, null);
  const id = add.args.comments[0].id;
  assert.match(id, /^c[0-9a-f]{16}$/);
  assert.equal((await calls(page, 'settings_set'))[0].args.settings.author, '李律师');
  assert.deepEqual(await anchors(page), { [id]: '对于因应用漏洞导致的数据泄露，甲方不承担任何责任。' });
  assert.match(await thread.innerText(), /李律师[\s\S]*免责条款需删除/);

  // The second comment does not ask again.
  await selectClause(page, '服务抵扣');
  await page.keyboard.press('Control+Alt+m');
  await page.getByTestId('comment-composer').waitFor();
  assert.equal(await page.getByTestId('comment-author').count(), 0);
  await page.getByTestId('comment-cancel').click();

  await thread.getByTestId('comment-reply-open').click();
  await page.getByTestId('reply-body').fill('同意，已与对方沟通');
  await page.getByTestId('reply-send').click();
  await thread.getByTestId('comment-reply').waitFor();
  const reply = (await calls(page, 'comments_add'))[1].args.comments[0];
  assert.equal(reply.parent, id);
  assert.match(await thread.getByTestId('comment-reply').innerText(), /同意，已与对方沟通/);

  await thread.getByTestId('comment-resolve').click();
  await page.locator(`[data-testid=comment-thread][data-resolved=true]`).waitFor();
  await editor(page).locator('.comment-resolved').first().waitFor();
  assert.ok((await stored(page)).every((c) => c.resolved));
  await page.getByTestId('comment-reopen').click();
  await page.locator(`[data-testid=comment-thread][data-resolved=false]`).waitFor();
  assert.equal(await editor(page).locator('.comment-resolved').count(), 0);

  await thread.locator('[data-testid=comment-root] [data-testid=comment-edit]').click();
  await page.getByTestId('edit-body').fill('免责条款需删除或改为双方共同承担');
  await page.getByTestId('edit-save').click();
  await thread.getByText('免责条款需删除或改为双方共同承担').waitFor();
  assert.deepEqual((await calls(page, 'comment_edit'))[0].args, { id: 1, comment: id, body: '免责条款需删除或改为双方共同承担' });

  // A click on the thread selects its text.
  await editor(page).locator('p.clause').first().click();
  await thread.getByTestId('comment-text').first().click();
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.equal(selected, '对于因应用漏洞导致的数据泄露，甲方不承担任何责任。');
  await page.screenshot({ path: join(out, 'comments.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the anchor follows edits before and inside it, is saved with the draft, and deleting its text leaves it unanchored', async () => {
  const { page, context, problems } = await open();
  await addComment(page, '服务抵扣', '唯一救济不可接受', '王律师');
  const id = (await stored(page))[0].id;
  // Typing before the anchor moves it; the anchored text stays.
  await editor(page).locator('p.clause', { hasText: '服务抵扣' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.type('此外，');
  assert.equal((await anchors(page))[id], '服务抵扣是乙方唯一且排他的救济。');
  // Typing inside the anchor grows it.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // after 此外，服务抵扣
  await page.keyboard.type('（含违约金）');
  assert.equal((await anchors(page))[id], '服务抵扣（含违约金）是乙方唯一且排他的救济。');
  // Saved with the draft: the mark is in the stored document.
  await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
  const saved = await page.evaluate(() => JSON.stringify(window.__drafts.get(1).doc));
  assert.ok(saved.includes(`"type":"comment","attrs":{"id":"${id}"}`), saved);
  assert.equal(await page.locator(`[data-testid=comment-thread][data-id="${id}"][data-anchored=true]`).count(), 1);
  // Deleting the anchored text: the comment stays, listed as unanchored.
  await selectClause(page, '服务抵扣');
  await page.keyboard.press('Backspace');
  await page.locator(`[data-testid=comment-thread][data-id="${id}"][data-anchored=false]`).waitFor();
  await page.getByTestId('comment-unanchored').waitFor();
  assert.equal((await stored(page)).length, 1);
  assert.deepEqual(await anchors(page), {});
  // Undo brings the text and its anchor back.
  await page.keyboard.press('Control+z');
  await page.locator(`[data-testid=comment-thread][data-id="${id}"][data-anchored=true]`).waitFor();
  // Deleting the comment takes its marks out of the text.
  await page.getByTestId('comment-delete').first().click();
  await page.getByTestId('comment-delete-yes').click();
  await page.getByTestId('comments-empty').waitFor();
  assert.deepEqual(await anchors(page), {});
  assert.deepEqual(problems, []);
  await context.close();
});

test('findings as comments: all at once (none twice on a second click), undo removes the marks, and one finding at a time', async () => {
  const { page, context, problems } = await open();
  await page.getByTestId('draft-matrix').waitFor();
  await page.getByTestId('findings-to-comments').click();
  await page.getByTestId('notice').filter({ hasText: '已添加' }).waitFor();
  const first = await stored(page);
  assert.ok(first.length >= 5, `${first.length} comments`);
  assert.ok(first.every((c) => c.source === c.id && c.id.startsWith('finding:')));
  assert.equal(new Set(first.map((c) => c.source)).size, first.length);
  const marked = await anchors(page);
  assert.deepEqual(Object.keys(marked).sort(), first.map((c) => c.id).sort());
  // A disclaimer finding sits on its evidence; a missing one on the first block.
  assert.equal(marked['finding:application'], '对于因应用漏洞导致的数据泄露，甲方不承担任何责任');
  assert.equal(marked['finding:os'], '云计算服务协议');
  assert.match(first.find((c) => c.id === 'finding:application').body, /^【应用安全｜风险：high】/);
  // Second click: nothing new.
  await page.getByTestId('findings-to-comments').click();
  await page.getByTestId('notice').filter({ hasText: '未重复添加' }).waitFor();
  assert.equal((await stored(page)).length, first.length);
  assert.equal((await calls(page, 'comments_from_findings')).length, 2);
  // The marks came in one transaction: one undo takes them all away (the comments stay, unanchored).
  await editor(page).locator('p.clause').first().click();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !document.querySelector('[data-testid=editor] span.comment'));
  assert.match(await editor(page).innerText(), /应用漏洞/);
  await context.close();

  // One finding: the selected row's "Add as comment".
  const app = await open();
  await app.page.getByTestId('draft-matrix').waitFor();
  await app.page.locator('[data-testid=draft-risk-row][data-id=sla]').click();
  await app.page.getByTestId('finding-to-comment').click();
  await app.page.getByTestId('notice').filter({ hasText: '已添加 1 条' }).waitFor();
  const one = await app.page.evaluate(() => window.__draftComments.get(1));
  assert.deepEqual(one.map((c) => c.id), ['finding:sla']);
  assert.equal((await anchors(app.page))['finding:sla'], '服务抵扣是乙方唯一且排他的救济');
  assert.equal((await calls(app.page, 'comments_from_findings'))[0].args.only, 'sla');
  assert.deepEqual(problems, []);
  assert.deepEqual(app.problems, []);
  await app.context.close();
});

test('the export dialog builds the request, saves first, shows a spinner while it runs, and reports where it wrote', async () => {
  const { page, context, problems } = await open({ exportDelayMs: 400 });
  await page.getByTestId('panel-versions').click();
  await page.getByTestId('version-name').fill('发给对方');
  await page.getByTestId('version-save').click();
  await page.getByTestId('version').nth(1).waitFor();
  // An unsaved edit: the export saves it first.
  await editor(page).locator('p.clause').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('导出前');
  await page.getByTestId('tool-export').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.waitFor();
  await page.locator('[data-testid=export-redline] option[value="2"]').waitFor({ state: 'attached' });
  assert.deepEqual(await page.getByTestId('export-format').locator('option').evaluateAll((os) => os.map((o) => o.value)), ['docx', 'html', 'pdf', 'md', 'json']);
  assert.deepEqual(await page.getByTestId('export-redline').locator('option').evaluateAll((os) => os.map((o) => o.value)), ['none', 'model', '1', '2']);
  await page.getByTestId('export-comments').selectOption('findings');
  await page.getByTestId('export-redline').selectOption('2');
  await page.getByTestId('export-appendix').check();
  await page.getByTestId('export-run').click();
  await page.getByTestId('export-busy').waitFor();
  assert.equal(await page.getByTestId('export-run').isDisabled(), true);
  await page.getByTestId('notice').filter({ hasText: '已导出到 /home/lawyer/Documents/云服务协议.docx' }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  const [exp] = await page.evaluate(() => window.__exports);
  assert.deepEqual(exp.request, {
    format: 'docx', comments: 'findings', redline: { kind: 'version', version: 2 }, appendix: true, author: '', model: 'saas',
  });
  assert.match(JSON.stringify(exp.doc), /导出前/, 'the draft was saved before the export');
  const log = (await page.evaluate(() => window.__ipcCalls)).map((c) => c.cmd);
  assert.ok(log.lastIndexOf('draft_save') < log.indexOf('draft_export'));

  // PDF against the model clauses: the report goes to the print window.
  await page.getByTestId('tool-export').click();
  await page.getByTestId('export-format').selectOption('pdf');
  await page.getByTestId('export-redline').selectOption('model');
  await page.getByTestId('export-comments').selectOption('none');
  await page.getByTestId('export-run').click();
  await page.getByTestId('notice').filter({ hasText: '打印窗口' }).waitFor();
  const second = (await page.evaluate(() => window.__exports))[1].request;
  assert.deepEqual(second, { format: 'pdf', comments: 'none', redline: { kind: 'model' }, appendix: true, author: '', model: 'saas' });
  // Closing the dialog while an export runs is safe: it finishes and reports.
  await page.getByTestId('tool-export').click();
  await page.getByTestId('export-format').selectOption('md');
  await page.getByTestId('export-run').click();
  await page.getByTestId('export-busy').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('notice').filter({ hasText: '云服务协议.md' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
