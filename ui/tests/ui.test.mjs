// UI test of the library screen: the built app (ui/dist) in headless Chromium, with the Tauri
// IPC replaced by tests/fake-tauri.js. Run with `npm test` (builds first when needed).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openApp as openAppIn, out } from './harness.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** A fresh page on the app, with the fake IPC, the production CSP and an error collector. */
const openApp = (fakeOptions = {}) => openAppIn(browser, fakeOptions);

async function openClause(page, id) {
  await page.locator(`[data-testid="result"][data-id="${id}"]`).click();
  await page.locator(`[data-testid="clause-view"][data-id="${id}"]`).waitFor();
}

test('the library lists the clauses with their badges and the footer counts them', async () => {
  const { page, context, problems } = await openApp();
  const results = page.getByTestId('result');
  await assert.doesNotReject(results.nth(3).waitFor());
  assert.equal(await results.count(), 4);
  const destruction = page.locator('[data-testid="result"][data-id="data.destruction.preferred"]');
  assert.match(await destruction.innerText(), /数据删除与销毁/);
  assert.match(await destruction.innerText(), /Deletion and Destruction of Data/);
  assert.match(await destruction.innerText(), /首选/);
  assert.match(await destruction.innerText(), /已修改/);
  assert.match(await page.locator('footer').innerText(), /共 4 条条款/);
  assert.match(await page.locator('footer').innerText(), /library\.sqlite3/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  // Topic groups: names in the UI language under the localized kind.
  assert.match(await page.locator('#filters').innerText(), /安全责任/);
  assert.match(await page.locator('#filters').innerText(), /服务商格式文本/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing 数据 in the search shows the hits with <mark> around 数据', async () => {
  const { page, context, calls, problems } = await openApp();
  await page.getByTestId('search').click();
  await page.keyboard.type('数据');
  await page.locator('[data-testid="result"] mark').first().waitFor();
  const marks = await page.locator('[data-testid="result"] mark').allInnerTexts();
  assert.ok(marks.length >= 2, `marks: ${marks}`);
  for (const m of marks) assert.equal(m, '数据');
  const ids = await page.getByTestId('result').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.deepEqual(ids.sort(), ['data.destruction.fallback', 'data.destruction.preferred']);
  const search = (await calls()).filter((c) => c.cmd === 'library_search').at(-1);
  assert.deepEqual(search.args.filter, { topic: null, model: null, position: null, lang: null });
  assert.equal(search.args.query, '数据');
  // A filter narrows the search: the position chip 退让 (fallback).
  await page.locator('#filters button', { hasText: '退让' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="result"]').length === 1);
  assert.equal((await calls()).filter((c) => c.cmd === 'library_search').at(-1).args.filter.position, 'fallback');
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(out, 'search.png') });
  await context.close();
});

test('opening a clause shows the Chinese and English bodies, placeholders as chips, and guidance', async () => {
  const { page, context, problems } = await openApp();
  await openClause(page, 'data.destruction.preferred');
  const zh = page.getByTestId('body-zh');
  const en = page.getByTestId('body-en');
  assert.match(await zh.innerText(), /删除\{\{customer\}\}的全部数据/);
  assert.match(await en.innerText(), /shall, within \{\{notice_days\}\} days after termination/);
  const chip = zh.locator('.ph', { hasText: '{{provider}}' }).first();
  assert.match(await chip.getAttribute('title'), /服务商的简称/);
  assert.match(await page.getByTestId('guidance').innerText(), /客户方的开局立场/);
  assert.match(await page.getByTestId('clause-view').innerText(), /《个人信息保护法》第二十一条第二款/);
  assert.match(await page.getByTestId('clause-view').innerText(), /第 2 版/);
  assert.equal(await page.getByTestId('adopt').count(), 1, 'adopt button shown when a newer template exists');
  // Single-language view.
  await page.getByTestId('view-en_only').click();
  await page.getByTestId('body-zh').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('body-en').count(), 1);
  await page.getByTestId('view-side_by_side').click();
  await page.getByTestId('body-zh').waitFor();
  await page.screenshot({ path: join(out, 'library.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching the UI language to English relabels the UI and saves the setting', async () => {
  const { page, context, calls, problems } = await openApp();
  assert.match(await page.getByTestId('search').getAttribute('placeholder'), /搜索条款/);
  await page.getByTestId('ui-lang-en').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.getByTestId('search').getAttribute('placeholder'), /^Search clauses/);
  assert.match(await page.locator('#filters').innerText(), /Security items/);
  assert.match(await page.locator('#filters').innerText(), /Provider form/);
  assert.match(await page.locator('footer').innerText(), /4 clauses/);
  // Result titles follow the UI language.
  const first = page.locator('[data-testid="result"][data-id="data.destruction.preferred"] .result-title');
  assert.equal(await first.innerText(), 'Deletion and Destruction of Data');
  await page.waitForFunction(() => window.__ipcCalls.some((c) => c.cmd === 'settings_set'));
  const set = (await calls()).filter((c) => c.cmd === 'settings_set').at(-1);
  assert.equal(set.args.settings.ui_lang, 'en');
  assert.equal(set.args.settings.bilingual_view, 'side_by_side');
  await openClause(page, 'sla.provider_form');
  await page.getByTestId('import').click();
  await page.getByTestId('error-banner').waitFor();
  assert.match(await page.getByTestId('error-banner').innerText(), /not a valid CloudClause pack/);
  await page.screenshot({ path: join(out, 'english.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the stored UI language is restored from app_info at start', async () => {
  const { page, context } = await openApp({ ui_lang: 'en' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page.getByTestId('search').getAttribute('placeholder'), /^Search clauses/);
  await context.close();
});

test('while the library opens, the page waits for app_ready and asks again: the list, no error', async () => {
  const { page, context, problems, calls } = await openApp({ startingMs: 600 });
  assert.equal(await page.getByTestId('result').count(), 4);
  assert.equal(await page.getByTestId('error-banner').count(), 0);
  const cmds = (await calls()).map((c) => c.cmd);
  assert.ok(cmds.includes('app_ready'), cmds.join(', '));
  assert.ok(cmds.indexOf('app_info') < cmds.indexOf('app_ready'), 'asked, told starting, waited');
  assert.ok(cmds.lastIndexOf('app_info') > cmds.indexOf('app_ready'), 'asked again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a clause containing markup shows it as text and runs nothing', async () => {
  const { page, context, problems } = await openApp();
  await openClause(page, 'user.hostile');
  const view = page.getByTestId('clause-view');
  assert.match(await page.getByTestId('body-zh').innerText(), /<img src=x onerror="window.__xss=1"><script>window.__xss=2<\/script>/);
  assert.match(await page.getByTestId('body-en').innerText(), /<script>window.__xss=2<\/script>/);
  assert.match(await view.locator('.clause-title').innerText(), /保密 <b>加粗<\/b>/);
  assert.equal(await view.locator('img, script, b').count(), 0);
  assert.match(await page.locator('[data-testid="result"][data-id="user.hostile"]').innerText(), /自建/);
  // And in search snippets.
  await page.getByTestId('search').fill('onerror');
  await page.locator('[data-testid="result"] mark').first().waitFor();
  assert.equal(await page.locator('[data-testid="result"] img, [data-testid="result"] script').count(), 0);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the edit form shows the problems of an invalid_clause error; Escape closes it', async () => {
  const { page, context, problems, calls } = await openApp();
  await openClause(page, 'data.destruction.fallback');
  await page.getByTestId('edit').click();
  const form = page.getByTestId('clause-form');
  await form.waitFor();
  assert.equal(await page.getByTestId('field-id').inputValue(), 'data.destruction.fallback');
  assert.equal(await page.getByTestId('field-id').getAttribute('readonly'), '');
  await page.getByTestId('field-title-zh').fill('');
  await page.getByTestId('save').click();
  const box = page.getByTestId('form-problems');
  await box.locator('li').first().waitFor();
  assert.match(await box.innerText(), /title\.zh: must not be empty/);
  assert.equal(await page.getByTestId('error-banner').count(), 0, 'validation problems go beside the form, not in the banner');
  await page.screenshot({ path: join(out, 'form.png') });
  // Fix it and save with Ctrl+S.
  await page.getByTestId('field-title-zh').fill('数据删除（退让方案）');
  await page.keyboard.press('Control+s');
  await page.getByTestId('clause-view').waitFor();
  assert.match(await page.getByTestId('clause-view').innerText(), /数据删除（退让方案）/);
  const update = (await calls()).filter((c) => c.cmd === 'library_update').at(-1);
  assert.equal(update.args.content.title.zh, '数据删除（退让方案）');
  assert.match(await page.locator('footer').innerText(), /已保存/);
  // Escape closes the form without saving.
  await page.getByTestId('edit').click();
  await form.waitFor();
  await page.getByTestId('field-title-en').fill('Changed');
  await page.keyboard.press('Escape');
  await page.getByTestId('clause-view').waitFor();
  assert.equal(await page.getByTestId('clause-form').count(), 0);
  assert.doesNotMatch(await page.getByTestId('clause-view').innerText(), /Changed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new clause is created from the form', async () => {
  const { page, context, problems } = await openApp();
  await page.getByTestId('new-clause').click();
  await page.getByTestId('clause-form').waitFor();
  await page.getByTestId('field-id').fill('custom.exit');
  await page.locator('.topic-picker label', { hasText: '服务水平' }).click();
  await page.getByTestId('field-title-zh').fill('退出协助');
  await page.getByTestId('field-title-en').fill('Exit assistance');
  await page.getByTestId('field-body-zh').fill('{{provider}}应当提供退出协助。');
  await page.getByTestId('field-body-en').fill('{{provider}} shall provide exit assistance.');
  await page.getByTestId('field-guidance-zh').fill('说明');
  await page.getByTestId('field-guidance-en').fill('Guidance');
  await page.getByTestId('save').click();
  await page.locator('[data-testid="clause-view"][data-id="custom.exit"]').waitFor();
  assert.equal(await page.getByTestId('result').count(), 5);
  assert.match(await page.locator('footer').innerText(), /共 5 条条款/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard: / focuses the search, ArrowDown + Enter opens a result', async () => {
  const { page, context, problems } = await openApp();
  await page.locator('body').click({ position: { x: 5, y: 880 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = await page.getByTestId('result').nth(1).getAttribute('data-id');
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="clause-view"][data-id="${second}"]`).waitFor();
  // Ctrl+K from elsewhere, type, Enter searches; Escape clears.
  await page.getByTestId('clause-view').click();
  await page.keyboard.press('Control+k');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search');
  await page.keyboard.type('exclusive');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="result"]').length === 1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="clause-view"][data-id="sla.provider_form"]').waitFor();
  await page.getByTestId('search').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="result"]').length === 4);
  assert.equal(await page.getByTestId('search').inputValue(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('errors show as a dismissible, localized banner; export reports the path', async () => {
  const { page, context, problems } = await openApp();
  await page.getByTestId('import').click();
  const banner = page.getByTestId('error-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /不是有效的云约条款包：unknown format "zip"/);
  assert.equal(await banner.getAttribute('data-kind'), 'invalid_pack');
  await page.getByTestId('error-dismiss').click();
  await banner.waitFor({ state: 'detached' });
  await page.getByTestId('export').click();
  await page.getByTestId('notice').waitFor();
  assert.match(await page.getByTestId('notice').innerText(), /library\.cloudclause\.json/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('adopting the newer template and deleting a clause (after confirmation)', async () => {
  const { page, context, problems, calls } = await openApp();
  await openClause(page, 'data.destruction.preferred');
  await page.getByTestId('adopt').click();
  await page.getByTestId('adopt').waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('clause-view').innerText(), /第 3 版/);
  assert.ok((await calls()).some((c) => c.cmd === 'library_adopt_template' && c.args.id === 'data.destruction.preferred'));

  await openClause(page, 'user.hostile');
  await page.getByTestId('delete').click();
  await page.getByTestId('delete-confirm').waitFor();
  assert.ok(!(await calls()).some((c) => c.cmd === 'library_delete'), 'nothing deleted before confirming');
  await page.getByTestId('delete-confirm').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="result"]').length === 3);
  assert.equal(await page.getByTestId('clause-view').count(), 0);
  assert.match(await page.getByTestId('notice').innerText(), /user\.hostile 已删除/);
  assert.match(await page.locator('footer').innerText(), /共 3 条条款/);
  assert.deepEqual(problems, []);
  await context.close();
});
