// UI tests of the redline views: the clause-against-model panel (ops, candidates, adopt as
// tracked changes, accept / reject, undo) and the version compare view. The built app in
// headless Chromium with the fake IPC (tests/fake-tauri.js aligns drafts with its small library).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openApp, out } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const text = (t) => (t ? [{ type: 'text', text: t }] : undefined);
const clause = (level, t) => ({ type: 'clause', attrs: { level, number: null }, content: text(t) });
const meta = (title) => ({ title, lang: 'zh', model: 'saas', matter: '', counterpart: '', variables: {} });

/** The fake library's model line, placeholders filled with the defaults. */
const MODEL = '服务商应当在本协议终止后30日内删除客户的全部数据（含备份𝌆副本），并出具销毁证明。';
const EDITED = '服务商应当在本协议终止后60日内删除客户的全部数据，并出具销毁证明。';
const DRAFT = {
  meta: meta('数据处理协议'),
  doc: {
    type: 'doc', content: [
      { type: 'heading', attrs: { level: 1 }, content: text('数据处理协议') },
      clause(1, '数据'),
      clause(2, EDITED),
      clause(2, '服务商的保密义务结束。'),
    ],
  },
};

const editor = (page) => page.getByTestId('editor');
const calls = async (page, cmd) => (await page.evaluate(() => window.__ipcCalls)).filter((c) => c.cmd === cmd);
/** A clause's text as it reads (tracked deletions and the number widget aside), and as stored. */
const visible = (page, n) => editor(page).locator('p.clause').nth(n).evaluate((el) => {
  const walk = (node) => [...node.childNodes].map((c) => {
    if (c instanceof HTMLElement && (c.classList.contains('clause-number') || c.matches('del.tracked-del'))) return '';
    return c.nodeType === Node.TEXT_NODE ? c.textContent : walk(c);
  }).join('');
  return walk(el);
});
const texts = (page, testid) => page.getByTestId('redline-panel').getByTestId(testid).allTextContents();

async function openRedline(options = {}) {
  const app = await openApp(browser, { drafts: [DRAFT], ...options }, undefined, 'editor');
  await editor(app.page).locator('p.clause', { hasText: '60日内' }).click();
  await app.page.getByTestId('tool-redline').click();
  await app.page.getByTestId('redline-model-id').waitFor();
  return app;
}

test('the clause at the cursor against its model clause: ops struck through and underlined, side by side, guidance', async () => {
  const { page, context, problems } = await openRedline();
  assert.equal(await page.getByTestId('redline-model-id').textContent(), 'data.destruction.preferred');
  assert.equal(await page.getByTestId('redline-clause-number').textContent(), '1.1');
  assert.match(await page.getByTestId('redline-similarity').textContent(), /相似度 \d+%/);
  assert.deepEqual(await texts(page, 'rl-del'), ['30', '（含备份𝌆副本）']);
  assert.deepEqual(await texts(page, 'rl-ins'), ['60']);
  const style = (testid) => page.getByTestId('redline-inline').getByTestId(testid).first().evaluate((el) => {
    const s = getComputedStyle(el);
    return { line: s.textDecorationLine, color: s.color };
  });
  assert.deepEqual(await style('rl-del'), { line: 'line-through', color: 'rgb(164, 38, 44)' });
  assert.equal((await style('rl-ins')).line, 'underline');
  assert.equal(await page.getByTestId('adopt-hunk').count(), 2);
  assert.match(await page.getByTestId('redline-guidance').textContent(), /客户方的开局立场/);
  await page.getByTestId('redline-mode-side').click();
  assert.match(await page.getByTestId('redline-model').textContent(), /30日内删除客户的全部数据（含备份𝌆副本）/);
  assert.equal(await page.getByTestId('redline-draft').textContent(), `1.1 ${EDITED}`);
  // The cursor in another clause shows that clause.
  await editor(page).locator('p.clause', { hasText: '保密义务' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="redline-model-id"]')?.textContent === 'user.hostile');
  await page.screenshot({ path: join(out, 'redline-panel.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching to another candidate model clause shows its redline', async () => {
  const { page, context, problems } = await openRedline();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="redline-candidate"] option').length >= 3);
  const [call] = await calls(page, 'redline_candidates');
  assert.equal(call.args.text, `1.1 ${EDITED}`);
  assert.equal(call.args.lang, 'zh');
  const options = await page.getByTestId('redline-candidate').locator('option').evaluateAll((els) => els.map((e) => e.value));
  assert.equal(options[0], 'data.destruction.preferred');
  assert.ok(options.includes('data.destruction.fallback'), options.join());
  await page.getByTestId('redline-candidate').selectOption('data.destruction.fallback');
  assert.equal(await page.getByTestId('redline-model-id').textContent(), 'data.destruction.fallback');
  assert.match(await page.getByTestId('redline-guidance').textContent(), /仅在对方坚持时使用/);
  assert.ok((await texts(page, 'rl-del')).join('').includes('公开的数据删除政策'));
  await page.getByTestId('redline-candidate').selectOption('data.destruction.preferred');
  assert.deepEqual(await texts(page, 'rl-ins'), ['60']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('adopt one hunk: tracked deletion and insertion marks appear; undo takes them back; reject restores the text', async () => {
  const { page, context, problems } = await openRedline();
  await page.getByTestId('adopt-hunk').first().click();
  const clause = editor(page).locator('p.clause').nth(1);
  assert.equal(await clause.locator('del.tracked-del').textContent(), '60');
  assert.equal(await clause.locator('ins.tracked-ins').textContent(), '30');
  assert.match(await clause.locator('ins.tracked-ins').getAttribute('data-date'), /^\d{4}-\d\d-\d\dT/);
  const insStyle = await clause.locator('ins.tracked-ins').evaluate((el) => getComputedStyle(el).textDecorationLine);
  const delStyle = await clause.locator('del.tracked-del').evaluate((el) => getComputedStyle(el).textDecorationLine);
  assert.deepEqual([insStyle, delStyle], ['underline', 'line-through']);
  assert.equal(await visible(page, 1), EDITED.replace('60', '30'));
  assert.deepEqual(await page.getByTestId('tracked-change').evaluateAll((els) => els.map((e) => e.dataset.kind)), ['deletion', 'insertion']);
  // Re-aligned: only the other hunk is left.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="rl-ins"]')].length === 0
    && document.querySelectorAll('[data-testid="redline-inline"] [data-testid="rl-del"]').length === 1);
  // The stored JSON carries the marks as the Rust model has them.
  const marks = await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === 'draft_align').at(-1).args.doc.content[2].content
    .flatMap((i) => (i.marks ?? []).map((m) => m.type)));
  assert.deepEqual(marks, ['deletion', 'insertion']);
  await page.keyboard.press('Control+z');
  assert.equal(await clause.locator('del.tracked-del, ins.tracked-ins').count(), 0);
  assert.equal(await visible(page, 1), EDITED);
  await page.keyboard.press('Control+y');
  assert.equal(await clause.locator('ins.tracked-ins').textContent(), '30');
  await page.getByTestId('reject-all').click();
  assert.equal(await clause.locator('del.tracked-del, ins.tracked-ins').count(), 0);
  assert.equal(await visible(page, 1), EDITED);
  assert.deepEqual(problems, []);
  await context.close();
});

test('adopt all, then accept one change and the rest: the clause reads as the model clause', async () => {
  const { page, context, problems } = await openRedline();
  await page.getByTestId('adopt-all').click();
  const clause = editor(page).locator('p.clause').nth(1);
  assert.equal(await visible(page, 1), MODEL);
  assert.deepEqual(await clause.locator('del.tracked-del').allTextContents(), ['60']);
  assert.deepEqual(await clause.locator('ins.tracked-ins').allTextContents(), ['30', '（含备份𝌆副本）']);
  await page.waitForFunction(() => document.querySelector('[data-testid="redline-same"]'));
  await page.getByTestId('tracked-change').first().getByTestId('accept-change').click();
  assert.equal(await clause.locator('del.tracked-del').count(), 0);
  assert.equal(await page.getByTestId('tracked-change').count(), 2);
  await page.getByTestId('accept-all').click();
  assert.equal(await clause.locator('del.tracked-del, ins.tracked-ins').count(), 0);
  assert.equal(await clause.evaluate((el) => [...el.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('clause-number'))).map((n) => n.textContent).join('')), MODEL);
  await page.keyboard.press('Control+z');
  assert.equal(await clause.locator('ins.tracked-ins').count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a hostile model clause shows its markup as text and runs nothing', async () => {
  const { page, context, problems } = await openRedline();
  await editor(page).locator('p.clause', { hasText: '保密义务' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="redline-model-id"]')?.textContent === 'user.hostile');
  const panel = page.getByTestId('redline-panel');
  assert.match((await texts(page, 'rl-del')).join(''), /<img src=x onerror="window.__xss=1"><script>/);
  await page.getByTestId('redline-mode-side').click();
  assert.match(await page.getByTestId('redline-model').textContent(), /<img src=x onerror/);
  assert.equal(await panel.locator('img, script, b').count(), 0);
  // Adopted into the text, it is text there too.
  await page.getByTestId('adopt-all').click();
  assert.match(await visible(page, 2), /<img src=x onerror/);
  assert.equal(await editor(page).locator('img, script').count(), 0);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('version compare: pick two versions, the change list with clause numbers, n / p step through it', async () => {
  const { page, context, problems } = await openApp(browser, { drafts: [DRAFT] }, undefined, 'editor');
  await page.getByTestId('panel-versions').click();
  await page.getByTestId('version-name').fill('发给对方');
  await page.getByTestId('version-save').click();
  await page.locator('[data-testid="version"]', { hasText: '发给对方' }).waitFor();
  await editor(page).locator('p.clause', { hasText: '60日内' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('逾期的，每日支付违约金。');
  await editor(page).locator('p.clause', { hasText: '保密义务' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('服务商应当每年接受一次安全审计。');
  await page.getByTestId('compare-from').selectOption('2');
  await page.getByTestId('compare-to').selectOption('current');
  await page.getByTestId('compare-go').click();
  await page.getByTestId('compare-change').first().waitFor();
  const [call] = await calls(page, 'draft_compare');
  assert.deepEqual([call.args.id, call.args.oldVersion, call.args.newVersion], [1, 2, null]);
  assert.equal(call.args.current.content.length, 5);
  const changes = await page.getByTestId('compare-change').evaluateAll((els) => els.map((e) => [e.dataset.kind, e.dataset.clause]));
  assert.deepEqual(changes, [['modified', '1.1'], ['inserted', '1.3']]);
  assert.deepEqual(await page.getByTestId('compare-doc').getByTestId('rl-ins').allTextContents(), ['逾期的，每日支付违约金。', '1.3 服务商应当每年接受一次安全审计。']);
  assert.equal(await page.getByTestId('compare-position').textContent(), '1 / 2');
  const current = () => page.locator('.cmp-clause.current').getAttribute('data-clause');
  assert.equal(await current(), '1.1');
  await page.keyboard.press('n');
  assert.equal(await page.getByTestId('compare-position').textContent(), '2 / 2');
  assert.equal(await current(), '1.3');
  await page.keyboard.press('p');
  assert.equal(await current(), '1.1');
  await page.getByTestId('compare-next').click();
  assert.equal(await current(), '1.3');
  await page.screenshot({ path: join(out, 'compare-view.png') });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('compare').isHidden(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('version compare shows every kind of change the engine reports (a canned comparison)', async () => {
  const op = (o, t) => ({ op: o, text: t });
  const change = (kind, oldC, newC, ops, moved = null) => ({
    kind, old_clause: oldC, new_clause: newC, old_start: oldC ? 0 : null, old_end: oldC ? 10 : null,
    new_start: newC ? 0 : null, new_end: newC ? 10 : null, similarity: kind === 'unchanged' ? 1 : 0.8, moved, ops,
  });
  const compare = {
    changes: [
      change('unchanged', '1.1', '1.1', [op('equal', '1.1 不变。')]),
      change('moved_away', '1.2', null, [], 1),
      change('modified', '1.3', '1.2', [op('equal', '1.2 甲方应当'), op('delete', '在三十日内'), op('insert', '及时'), op('equal', '通知。')]),
      change('deleted', '1.4', null, [op('delete', '1.4 删除的条款。')]),
      change('moved', '1.2', '1.3', [op('equal', '1.3 移动的条款。')], 1),
      change('inserted', null, '1.4', [op('insert', '1.4 新条款 <img src=x onerror="window.__xss=3">。')]),
    ],
    stats: { unchanged: 1, modified: 1, inserted: 1, deleted: 1, moved: 1 },
  };
  const { page, context, problems } = await openApp(browser, { drafts: [DRAFT], compare }, undefined, 'editor');
  await page.getByTestId('panel-versions').click();
  await page.getByTestId('compare-current').first().click();
  await page.getByTestId('compare-change').first().waitFor();
  const changes = await page.getByTestId('compare-change').evaluateAll((els) => els.map((e) => e.textContent));
  assert.deepEqual(changes, ['移出 · 1.2', '修改 · 1.2', '删除 · 1.4', '移动 · 1.3', '新增 · 1.4']);
  assert.equal(await page.getByTestId('compare-stats').textContent(), '修改 1 · 新增 1 · 删除 1 · 移动 1');
  assert.equal(await page.getByTestId('cmp-clause').count(), 6);
  assert.equal(await page.getByTestId('compare').locator('img').count(), 0);
  for (let k = 0; k < 5; k++) await page.keyboard.press('n');
  assert.equal(await page.getByTestId('compare-position').textContent(), '1 / 5');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});
