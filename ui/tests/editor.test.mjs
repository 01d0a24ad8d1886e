// UI tests of the drafting screen: the built app in headless Chromium with the fake IPC
// (tests/fake-tauri.js keeps drafts in memory). Run with `npm test`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openApp, out } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const text = (t) => (t ? [{ type: 'text', text: t }] : undefined);
const clause = (level, t, number = null) => ({ type: 'clause', attrs: { level, number }, content: text(t) });
const para = (t) => ({ type: 'paragraph', content: text(t) });
const meta = (title, lang = 'zh', extra = {}) => ({ title, lang, model: 'saas', matter: '', counterpart: '', variables: {}, ...extra });

const editor = (page) => page.getByTestId('editor');
/** The number shown at the start of each clause (a widget, not text of the document). */
const numbers = (page) => editor(page).locator('p.clause').evaluateAll((els) => els.map((el) => el.querySelector('.clause-number')?.textContent ?? null));
const clauseText = (locator) => locator.evaluate((el) => [...el.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('clause-number'))).map((n) => n.textContent).join(''));
const calls = async (page, cmd) => (await page.evaluate(() => window.__ipcCalls)).filter((c) => c.cmd === cmd);

/** Puts the cursor at the end of the clause whose text contains `words`. */
async function cursorAtEnd(page, words) {
  await editor(page).locator('p.clause', { hasText: words }).first().click();
  await page.keyboard.press('End');
}

async function openDraftsApp(options) {
  return openApp(browser, options, undefined, 'editor');
}

test('a draft from the SaaS template: numbered clauses, the variables filled in, the call as sent', async () => {
  const { page, context, problems } = await openApp(browser);
  await page.getByTestId('nav-drafts').click();
  await page.getByTestId('draft-empty').waitFor();
  await page.getByTestId('draft-new').click();
  await page.getByTestId('new-var-customer_name').fill('上海明远律师事务所');
  await page.getByTestId('new-matter').fill('云迁移项目');
  await page.getByTestId('new-create').click();
  await editor(page).locator('h1', { hasText: 'SaaS 订阅协议' }).waitFor();
  const [call] = await calls(page, 'draft_new_from_template');
  assert.deepEqual(call.args.request, {
    template: 'saas-subscription-agreement', lang: 'zh', matter: '云迁移项目', counterpart: '',
    variables: { customer_name: '上海明远律师事务所' },
  });
  assert.match(await editor(page).innerText(), /甲方（客户）：上海明远律师事务所/);
  assert.deepEqual(await numbers(page), ['第一条', '1.1', '（一）', '（二）', '第二条', '2.1']);
  // Numbers are drawn, not text: the clause's text starts with its words.
  assert.equal(await clauseText(editor(page).locator('p.clause').first()), '安全责任');
  assert.equal(await page.getByTestId('outline-item').count(), 6);
  assert.match(await page.getByTestId('outline-item').nth(1).innerText(), /^1\.1 服务商应当/);
  const before4 = await clauseText(editor(page).locator('p.clause').nth(4));
  await page.screenshot({ path: join(out, 'editor.png') });
  // A click in the outline puts the cursor at the start of that clause.
  await page.getByTestId('outline-item').nth(4).click();
  await page.keyboard.type('X');
  assert.equal(await clauseText(editor(page).locator('p.clause').nth(4)), `X${before4}`);
  assert.deepEqual(problems, []);
  await context.close();
});

async function templateDraft() {
  const app = await openApp(browser);
  await app.page.getByTestId('nav-drafts').click();
  await app.page.getByTestId('draft-new').click();
  await app.page.getByTestId('new-create').click();
  await editor(app.page).locator('p.clause').first().waitFor();
  return app;
}

test('Enter after an article makes the next article and renumbers the rest; Tab and Shift-Tab change its level', async () => {
  const { page, context, problems } = await templateDraft();
  await cursorAtEnd(page, '安全责任');
  await page.keyboard.press('Enter');
  await page.keyboard.type('定义');
  assert.deepEqual(await numbers(page), ['第一条', '第二条', '2.1', '（一）', '（二）', '第三条', '3.1']);
  assert.equal(await clauseText(editor(page).locator('p.clause').nth(1)), '定义');
  await page.keyboard.press('Tab');
  assert.deepEqual(await numbers(page), ['第一条', '1.1', '1.2', '（一）', '（二）', '第二条', '2.1']);
  assert.equal(await editor(page).locator('p.clause').nth(1).getAttribute('data-level'), '2');
  await page.keyboard.press('Tab');
  assert.deepEqual((await numbers(page)).slice(0, 3), ['第一条', '（一）', '1.1']);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.deepEqual(await numbers(page), ['第一条', '第二条', '2.1', '（一）', '（二）', '第三条', '3.1']);
  // The outline follows.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="outline-item"]').length === 7);
  assert.match(await page.getByTestId('outline-item').nth(1).innerText(), /^第二条 定义/);
  // Undo takes the typing back; the numbers follow.
  for (let i = 0; i < 6; i++) await page.keyboard.press('Control+z');
  assert.deepEqual(await numbers(page), ['第一条', '1.1', '（一）', '（二）', '第二条', '2.1']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('text typed right after Enter, before the new clause is first drawn, goes after its number and in order', async () => {
  const { page, context, problems } = await templateDraft();
  await cursorAtEnd(page, '安全责任');
  // Enter and the first character in one task, with no frame between them: as when typing fast on
  // a busy machine. The new clause is not yet laid out then (content-visibility).
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="editor"]');
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }));
    document.execCommand('insertText', false, '定');
  });
  await page.keyboard.type('义');
  assert.equal(await clauseText(editor(page).locator('p.clause').nth(1)), '定义');
  assert.deepEqual((await numbers(page)).slice(0, 2), ['第一条', '第二条']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('autosave is debounced: one draft_save per pause, at most 1 s of typing unsaved, the status says so', async () => {
  const { page, context, problems } = await templateDraft();
  await page.waitForTimeout(1200);
  const before = (await calls(page, 'draft_save')).length;
  await cursorAtEnd(page, '服务抵扣');
  await page.keyboard.type('甲方另有约定的除外', { delay: 40 }); // 9 keys in ~360 ms
  assert.equal(await page.getByTestId('save-status').getAttribute('data-status'), 'unsaved');
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]').dataset.status === 'saved');
  const burst = (await calls(page, 'draft_save')).slice(before);
  assert.equal(burst.length, 1, 'one save for one burst of typing');
  assert.match(JSON.stringify(burst[0].args.doc), /甲方另有约定的除外/);
  // Typing without a pause for ~3 s: a save at least every second, not one per key.
  const start = (await calls(page, 'draft_save')).length;
  await page.keyboard.type('本条所称服务抵扣不排除客户依法享有的其他救济权利及赔偿请求权利', { delay: 100 });
  const during = (await calls(page, 'draft_save')).length - start;
  assert.ok(during >= 2 && during <= 4, `saves while typing 31 keys over ~3 s: ${during}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]').dataset.status === 'saved');
  const last = (await calls(page, 'draft_save')).at(-1);
  assert.match(JSON.stringify(last.args.doc), /赔偿请求权利/);
  // Ctrl+S saves at once.
  await page.keyboard.type('。');
  await page.keyboard.press('Control+s');
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]').dataset.status === 'saved');
  assert.match(JSON.stringify((await calls(page, 'draft_save')).at(-1).args.doc), /赔偿请求权利。/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('find and replace: Ctrl+F, the count, replace one, replace all', async () => {
  const { page, context, problems } = await templateDraft();
  await editor(page).locator('p.clause').first().click();
  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('服务商');
  const count = async () => Number((await page.getByTestId('find-count').innerText()).match(/\d+/)[0]);
  const n = await count();
  assert.ok(n >= 2, `matches: ${n}`);
  assert.equal(await editor(page).locator('.ProseMirror-search-match').count() > 0, true);
  // Typing with the bar open: a match typed into the text is counted and highlighted, a broken one no longer.
  const first = editor(page).locator('p.clause').first();
  await first.click();
  await page.keyboard.press('End');
  await page.keyboard.type('服务商');
  assert.equal(await count(), n + 1);
  assert.deepEqual(await first.locator('.ProseMirror-search-match').allTextContents(), ['服务商']);
  await page.keyboard.press('Backspace');
  assert.equal(await count(), n);
  assert.equal(await first.locator('.ProseMirror-search-match').count(), 0);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.getByTestId('replace-input').fill('乙方');
  await page.getByTestId('find-next').click(); // selects the first match
  await page.getByTestId('replace-one').click();
  assert.equal(await count(), n - 1);
  await page.getByTestId('replace-all').click();
  assert.equal(await count(), 0);
  assert.doesNotMatch(await editor(page).innerText(), /服务商/);
  assert.match(await editor(page).innerText(), /乙方应当在本协议终止后/);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('find-bar').isHidden(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a library clause is inserted at the cursor with the draft's variables filled in", async () => {
  const { page, context, problems } = await templateDraft();
  await page.getByTestId('panel-details').click();
  await page.getByTestId('var-provider').fill('云峰科技');
  await page.getByTestId('var-provider').press('Tab');
  await page.getByTestId('panel-library').click();
  await page.getByTestId('draft-library-search').fill('数据删除');
  // The hits of this query, not the list shown before it (a redraw under the click would eat it).
  await page.locator('[data-testid="lib-hits"][data-query="数据删除"]').waitFor();
  const hit = page.locator('[data-testid="lib-hit"][data-id="data.destruction.fallback"]');
  await hit.waitFor();
  await cursorAtEnd(page, '销毁证明应当载明');
  await hit.getByTestId('insert-clause').click();
  const inserted = editor(page).locator('p.clause', { hasText: '公开的数据删除政策' });
  await inserted.waitFor();
  assert.equal(await clauseText(inserted), '云峰科技应当按照其公开的数据删除政策删除客户数据。');
  assert.equal(await inserted.locator('.clause-number').textContent(), '1.2');
  assert.deepEqual(await numbers(page), ['第一条', '1.1', '（一）', '（二）', '1.2', '第二条', '2.1']);
  const [call] = await calls(page, 'draft_clause_blocks');
  assert.deepEqual(call.args, { id: 'data.destruction.fallback', lang: 'zh', variables: { provider: '云峰科技' } });
  assert.deepEqual(problems, []);
  await context.close();
});

test('markup in a clause is text: <img onerror> and <script> render as text and run nothing', async () => {
  const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const { page, context, problems } = await openDraftsApp({
    drafts: [{ meta: meta('含标记的草稿', 'zh', { model: null }), doc: { type: 'doc', content: [clause(1, `保密 ${hostile} 结束`), para(hostile)] } }],
  });
  await page.waitForTimeout(300);
  assert.match(await editor(page).innerText(), /保密 <img src=x onerror="window.__xss=1"><script>window.__xss=2<\/script> 结束/);
  // Inserting the library clause that carries the same payload.
  await page.getByTestId('panel-library').click();
  await page.getByTestId('draft-library-search').fill('保密');
  await page.locator('[data-testid="lib-hits"][data-query="保密"]').waitFor();
  await page.locator('[data-testid="lib-hit"][data-id="user.hostile"] [data-testid="insert-clause"]').click();
  await editor(page).locator('p.clause', { hasText: '的保密义务' }).waitFor();
  // Paste it as HTML too: the clipboard parser keeps text only.
  await editor(page).locator('p.clause').first().click();
  await page.evaluate((html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', html);
    document.querySelector('[data-testid="editor"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, hostile);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
  assert.equal(await page.locator('[data-testid="drafts"] img, [data-testid="drafts"] script').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('clause numbers match the engine: tests/golden/numbering.json', async () => {
  const golden = JSON.parse(readFileSync(new URL('../../tests/golden/numbering.json', import.meta.url), 'utf8'));
  const cases = golden.cases.flatMap((c) => ['zh', 'en'].map((lang) => ({ ...c, lang })));
  const { page, context, problems } = await openDraftsApp({
    drafts: cases.map((c) => ({
      meta: meta(`${c.name} ${c.lang}`, c.lang),
      doc: { type: 'doc', content: c.clauses.map((k) => clause(k.level, 'x', k.number)) },
    })),
  });
  let checked = 0;
  for (const c of cases) {
    const item = page.locator('[data-testid="draft-item"]', { hasText: `${c.name} ${c.lang}` });
    await item.click();
    await page.waitForFunction((title) => document.querySelector('[data-testid="draft-item"].active')?.textContent === title, `${c.name} ${c.lang}`);
    assert.deepEqual(await numbers(page), c[c.lang], `${c.name} (${c.lang})`);
    checked++;
  }
  assert.equal(checked, golden.cases.length * 2);
  assert.deepEqual(problems, []);
  await context.close();
});

const FINDINGS_DRAFT = {
  meta: meta('云计算服务协议'),
  doc: {
    type: 'doc', content: [
      { type: 'heading', attrs: { level: 1 }, content: text('云计算服务协议') },
      para('甲方（服务商）：北京云峰科技有限公司'),
      clause(1, '安全责任'),
      clause(2, '甲方负责机房物理安全、网络控制安全和虚拟化平台的安全。'),
      clause(2, '对于因应用漏洞导致的数据泄露，甲方不承担任何责任。'),
    ],
  },
};

test('live analysis: findings drawn in the text, the matrix beside it; a click on a finding highlights its evidence', async () => {
  const { page, context, problems } = await openDraftsApp({ drafts: [FINDINGS_DRAFT] });
  await page.getByTestId('draft-matrix-row').first().waitFor();
  assert.equal(await page.getByTestId('draft-matrix-row').count(), 14);
  assert.ok(await editor(page).locator('.ev').count() > 0, 'evidence is marked in the text');
  assert.equal(await editor(page).locator('.has-gap').count(), 1, 'the disclaimed clause has a gap mark');
  await page.locator('[data-testid="draft-matrix-row"][data-id="physical"] th').click();
  const selected = editor(page).locator('.ev-selected');
  await selected.first().waitFor();
  assert.equal((await selected.allTextContents()).join(''), '甲方负责机房物理安全');
  assert.match(await page.getByTestId('draft-finding').innerText(), /物理基础设施安全/);
  // Typing re-analyses after a pause; the new clause's evidence is found.
  const before = (await calls(page, 'draft_analyze')).length;
  await cursorAtEnd(page, '不承担任何责任');
  await page.keyboard.press('Enter');
  await page.keyboard.type('数据迁移由双方共同负责。', { delay: 20 });
  await page.waitForFunction(() => [...document.querySelectorAll('.ev')].some((e) => e.textContent.includes('数据迁移由双方共同负责')));
  const after = (await calls(page, 'draft_analyze')).length - before;
  assert.ok(after >= 1 && after <= 3, `analyses for one burst of typing: ${after}`);
  await page.screenshot({ path: join(out, 'editor-findings.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('findings stay on their words while typing before them, and after the text is analysed again', async () => {
  const { page, context, problems } = await openDraftsApp({ drafts: [FINDINGS_DRAFT] });
  await page.getByTestId('draft-matrix-row').first().waitFor();
  await page.locator('[data-testid="draft-matrix-row"][data-id="physical"] th').click();
  const selected = editor(page).locator('.ev-selected');
  await selected.first().waitFor();
  const gapClause = editor(page).locator('p.clause', { hasText: '不承担任何责任' });
  const gapText = async () => gapClause.locator('.ev-gap').allTextContents();
  const gapBefore = await gapText();
  assert.ok(gapBefore.length > 0);
  // Typed at the start of the clause, before the evidence: the marks move with their words, the
  // clause keeps its number in front.
  const before = (await calls(page, 'draft_analyze')).length;
  const shownNumbers = await numbers(page);
  const typedIn = editor(page).locator('p.clause', { hasText: '机房物理安全' });
  await typedIn.click();
  await page.keyboard.press('Home');
  await page.keyboard.type('此外，');
  assert.equal(await clauseText(typedIn), '此外，甲方负责机房物理安全、网络控制安全和虚拟化平台的安全。');
  assert.equal(await typedIn.evaluate((el) => el.firstChild.classList?.contains('clause-number')), true);
  assert.deepEqual(await numbers(page), shownNumbers);
  assert.equal((await selected.allTextContents()).join(''), '甲方负责机房物理安全');
  assert.deepEqual(await gapText(), gapBefore);
  assert.equal(await gapClause.evaluate((el) => el.classList.contains('has-gap')), true);
  // The re-analysis finds them where they now are, and the finding stays selected.
  await page.waitForFunction((n) => window.__ipcCalls.filter((c) => c.cmd === 'draft_analyze').length > n, before);
  await page.waitForTimeout(300);
  assert.equal((await selected.allTextContents()).join(''), '甲方负责机房物理安全');
  assert.deepEqual(await gapText(), gapBefore);
  assert.deepEqual(problems, []);
  await context.close();
});

test('versions: name one, compare it with the text clause by clause, restore it after confirming', async () => {
  const { page, context, problems } = await openDraftsApp({ drafts: [FINDINGS_DRAFT] });
  await page.getByTestId('panel-versions').click();
  await page.getByTestId('version-name').fill('发给对方');
  await page.getByTestId('version-save').click();
  await page.locator('[data-testid="version"]', { hasText: '发给对方' }).waitFor();
  await cursorAtEnd(page, '不承担任何责任');
  await page.keyboard.type('但故意或重大过失除外');
  await page.locator('[data-testid="version"]', { hasText: '发给对方' }).getByTestId('compare-current').click();
  await page.getByTestId('compare-change').first().waitFor();
  const changes = await page.getByTestId('compare-change').evaluateAll((els) => els.map((e) => [e.dataset.kind, e.dataset.clause]));
  assert.deepEqual(changes, [['modified', '1.2']]);
  assert.deepEqual(await page.getByTestId('compare-doc').getByTestId('rl-ins').allTextContents(), ['但故意或重大过失除外']);
  await page.getByTestId('compare-close').click();
  await page.locator('[data-testid="version"]', { hasText: '发给对方' }).getByTestId('restore').click();
  await page.getByTestId('restore-yes').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="editor"]').textContent.includes('但故意或重大过失除外'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('keystroke to paint on a 300,000-character draft with live analysis on (figures printed, not asserted)', async () => {
  const content = [{ type: 'heading', attrs: { level: 1 }, content: text('大型云服务协议') }];
  let chars = 0;
  for (let i = 0; chars < 300_000; i++) {
    const body = i % 9 === 0 ? `第${i}部分 安全与数据` : `甲方负责机房物理安全、网络控制安全和虚拟化平台的安全，并按照乙方的书面指示处理客户数据，保存期限为${i}日；对于因应用漏洞导致的数据泄露另行约定。`;
    content.push(clause(i % 9 === 0 ? 1 : 2, body));
    chars += body.length;
  }
  const { page, context, problems } = await openDraftsApp({ drafts: [{ meta: meta('300k'), doc: { type: 'doc', content } }], analysisDelayMs: 100 });
  await page.getByTestId('draft-matrix-row').first().waitFor({ timeout: 60000 });
  const total = await editor(page).evaluate((el) => el.textContent.length);
  await editor(page).locator('p.clause').nth(40).click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    window.__lat = [];
    document.addEventListener('keydown', () => {
      const t0 = performance.now();
      requestAnimationFrame(() => window.__lat.push(performance.now() - t0));
    }, true);
  });
  // Ten bursts of 20 keys with pauses long enough for the analysis (250 ms) and autosave to run.
  for (let b = 0; b < 10; b++) {
    await page.keyboard.type('abcdefghijklmnopqrst', { delay: 35 });
    await page.waitForTimeout(400);
  }
  const lat = (await page.evaluate(() => window.__lat)).sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  const analyses = (await calls(page, 'draft_analyze')).length;
  const saves = (await calls(page, 'draft_save')).length;
  console.log(`keystroke→frame on ${total} chars: n=${lat.length} median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${lat.at(-1).toFixed(1)} ms; ${analyses} analyses, ${saves} saves`);
  assert.ok(total >= 300_000);
  assert.equal(lat.length, 200);
  // The same with the find bar open on a word found thousands of times (its highlights follow the typing).
  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('安全');
  const found = await page.getByTestId('find-count').innerText();
  await editor(page).locator('p.clause').nth(40).click();
  await page.keyboard.press('End');
  // Forget the frames of the keys above (End's may still be pending).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => { window.__lat = []; r(); }))));
  for (let b = 0; b < 3; b++) {
    await page.keyboard.type('abcdefghijklmnopqrst', { delay: 35 });
    await page.waitForTimeout(400);
  }
  const withFind = (await page.evaluate(() => window.__lat)).sort((a, b) => a - b);
  const qf = (p) => withFind[Math.min(withFind.length - 1, Math.floor(p * withFind.length))];
  console.log(`keystroke→frame with the find bar open (${found}): n=${withFind.length} median ${qf(0.5).toFixed(1)} ms, p95 ${qf(0.95).toFixed(1)} ms`);
  assert.equal(withFind.length, 60);
  assert.deepEqual(problems, []);
  await context.close();
});
