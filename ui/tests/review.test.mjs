// UI test of the review screen: the built app in headless Chromium with the fake IPC
// (tests/fake-tauri.js returns a small hand-made AnalysisResult). Run with `npm test`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openApp, out } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openReview(options = {}, viewport) {
  const app = await openApp(browser, options, viewport);
  await app.page.getByTestId('nav-review').click();
  await app.page.getByTestId('matrix-row').first().waitFor();
  return app;
}

const row = (page, id) => page.locator(`[data-testid="matrix-row"][data-id="${id}"]`);

/** The evidence of a finding as the fake returned it (the last analyze_* result is re-derived from the DOM marks). */
async function marksByEvidence(page) {
  return page.getByTestId('contract-text').locator('[data-testid="evidence-mark"]').evaluateAll((els) => {
    const by = new Map();
    for (const el of els) by.set(el.dataset.evidence, (by.get(el.dataset.evidence) ?? '') + el.textContent);
    return [...by.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map((e) => e[1]);
  });
}

test('the review screen opens on the sample: 14 matrix rows with coloured, labelled status badges', async () => {
  const { page, context, calls, problems } = await openReview();
  assert.equal(await page.getByTestId('nav-review').getAttribute('aria-current'), 'page');
  const first = (await calls()).find((c) => c.cmd === 'analyze_sample');
  assert.deepEqual(first.args, { model: null, perspective: 'customer' });
  assert.equal(await page.getByTestId('matrix-row').count(), 14);
  assert.equal(await page.getByTestId('pi-row').count(), 11);
  assert.equal(await page.getByTestId('risk-row').count(), 12);
  // The matrix is a real table with the four columns of the brief.
  assert.equal(await page.getByTestId('matrix').evaluate((el) => el.tagName), 'TABLE');
  const head = await page.locator('[data-testid="matrix"] thead').innerText();
  for (const col of ['模型默认', '合同约定', '状态', '依据']) assert.match(head, new RegExp(col));
  // Status: text and colour, one colour per gap.
  const badges = await page.locator('[data-testid="matrix-row"] [data-testid="gap-badge"]').evaluateAll((els) =>
    els.map((el) => ({ gap: el.dataset.gap, text: el.textContent, bg: getComputedStyle(el).backgroundColor })));
  assert.equal(badges.length, 14);
  const colour = new Map();
  for (const b of badges) {
    assert.ok(b.text.trim().length > 0, 'every badge has text');
    if (colour.has(b.gap)) assert.equal(colour.get(b.gap), b.bg);
    colour.set(b.gap, b.bg);
  }
  assert.deepEqual([...colour.keys()].sort(), ['disclaimed', 'hedged', 'inverted', 'missing', 'none', 'one_sided']);
  assert.equal(new Set(colour.values()).size, 6, 'six distinct colours');
  assert.equal(colour.get('none'), 'rgb(230, 244, 236)');
  assert.match(await row(page, 'physical').innerText(), /物理基础设施安全[\s\S]*服务商[\s\S]*推导[\s\S]*一致[\s\S]*2\.1/);
  assert.match(await row(page, 'data.migration').innerText(), /共担[\s\S]*未写明分工[\s\S]*分工不清/);
  assert.match(await row(page, 'iam').innerText(), /分工明确/);
  assert.match(await row(page, 'application').innerText(), /服务商免责/);
  // Parties and warnings above the matrix; the model select shows what was detected.
  assert.match(await page.getByTestId('review-summary').innerText(), /北京云峰科技有限公司[\s\S]*上海明远律师事务所/);
  assert.match(await page.getByTestId('review-warnings').innerText(), /责任分工表/);
  assert.equal(await page.getByTestId('model-select').locator('option:checked').innerText(), '自动（检测为 SaaS）');
  assert.match(await page.getByTestId('review-file').innerText(), /sample-saas-contract-zh\.md/);
  // PI and risk rows show their state in words.
  assert.match(await page.locator('[data-testid="pi-row"][data-id="pi.roles"]').innerText(), /✓\s*已约定/);
  assert.match(await page.locator('[data-testid="pi-row"][data-id="pi.return_deletion"]').innerText(), /✗\s*缺失/);
  assert.match(await page.locator('[data-testid="risk-row"][data-id="sla"]').innerText(), /对客户不利/);
  assert.match(await page.locator('[data-testid="risk-row"][data-id="exit"]').innerText(), /未约定/);
  assert.match(await page.locator('[data-testid="risk-row"][data-id="data_ownership"]').innerText(), /已约定/);
  await page.screenshot({ path: join(out, 'review.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the contract text renders markup as text and runs nothing', async () => {
  const { page, context, problems } = await openReview();
  const text = page.getByTestId('contract-text');
  assert.match(await text.innerText(), /4\.2 甲方可随时修改本协议。备注：<img src=x onerror="window.__xss=1"> 仅为文本。/);
  assert.match(await text.innerText(), /第二条 安全责任\n2\.1 甲方负责/, 'line breaks are kept');
  assert.equal(await page.locator('[data-testid="review"] img, [data-testid="review"] script').count(), 0);
  // The hostile text is also evidence: marked, still inert.
  await page.locator('[data-testid="risk-row"][data-id="unilateral_change"]').click();
  await text.locator('mark').first().waitFor();
  assert.deepEqual(await marksByEvidence(page), ['甲方可随时修改本协议。备注：<img src=x onerror="window.__xss=1"> 仅为文本']);
  assert.equal(await page.locator('[data-testid="review"] img').count(), 0);
  assert.match(await page.getByTestId('detail').innerText(), /<img src=x onerror="window.__xss=1">/);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('clicking a row shows its explanation and marks exactly its evidence in the contract', async () => {
  const { page, context, problems } = await openReview();
  await row(page, 'network').click();
  const detail = page.getByTestId('detail');
  await detail.locator('[data-testid="finding"][data-id="network"]').waitFor();
  assert.match(await detail.getByTestId('explanation').innerText(), /^网络控制安全：/);
  assert.equal(await detail.getByTestId('explanation-other').isVisible(), false, 'the other language is folded');
  await detail.locator('details.other-lang summary').click();
  assert.match(await detail.getByTestId('explanation-other').innerText(), /^Network controls:/);
  assert.deepEqual(await marksByEvidence(page), ['网络控制安全']);
  assert.equal(await row(page, 'network').getAttribute('aria-selected'), 'true');
  // The mark is scrolled into the contract pane's view.
  const visible = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="contract-text"]').getBoundingClientRect();
    const m = document.querySelector('[data-testid="evidence-mark"]').getBoundingClientRect();
    return m.top >= pane.top && m.bottom <= pane.bottom;
  });
  assert.ok(visible, 'the first mark is in view');

  // A finding with two passages: both marked, each the quote; the evidence list names the clause.
  // Offsets count code points: the text has a 𝌆 (two UTF-16 units) before every passage.
  await row(page, 'data.privacy').click();
  await detail.locator('[data-testid="finding"][data-id="data.privacy"]').waitFor();
  assert.deepEqual(await marksByEvidence(page), ['甲方作为受托人', '仅按乙方指示处理个人信息']);
  assert.match(await detail.locator('[data-testid="evidence-item"]').first().innerText(), /5\.1[\s\S]*甲方作为受托人/);
  // A quote in the detail panel shows its passage in the contract.
  await detail.locator('[data-testid="evidence-item"]').nth(1).click();
  assert.match(await page.locator('[data-testid="evidence-mark"][data-evidence="1"]').getAttribute('class'), /flash/);
  await page.screenshot({ path: join(out, 'review-selected.png') });

  // A row without evidence: the old marks go away.
  await row(page, 'os').click();
  await detail.locator('[data-testid="finding"][data-id="os"]').waitFor();
  assert.equal(await page.getByTestId('evidence-mark').count(), 0);
  assert.match(await detail.innerText(), /合同中没有找到涉及此项的条款/);
  // PI rows select too.
  await page.locator('[data-testid="pi-row"][data-id="pi.instructions"]').click();
  await detail.locator('[data-testid="finding"][data-id="pi.instructions"]').waitFor();
  assert.deepEqual(await marksByEvidence(page), ['仅按乙方指示处理个人信息']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a suggested clause opens that clause in the library screen', async () => {
  const { page, context, problems } = await openReview();
  await row(page, 'data.destruction').click();
  const button = page.locator('[data-testid="suggested-clause"][data-id="data.destruction.preferred"]');
  await button.waitFor();
  assert.match(await button.innerText(), /数据删除与销毁/, 'the button names the clause by its title');
  await button.click();
  await page.locator('[data-testid="clause-view"][data-id="data.destruction.preferred"]').waitFor();
  assert.equal(await page.getByTestId('review').isVisible(), false);
  assert.equal(await page.getByTestId('nav-library').getAttribute('aria-current'), 'page');
  // Back to the review: the analysis and the selection are still there, without a new analysis.
  const before = (await page.evaluate(() => window.__ipcCalls)).filter((c) => c.cmd.startsWith('analyze_')).length;
  await page.getByTestId('nav-review').click();
  await page.locator('[data-testid="finding"][data-id="data.destruction"]').waitFor();
  const after = (await page.evaluate(() => window.__ipcCalls)).filter((c) => c.cmd.startsWith('analyze_')).length;
  assert.equal(after, before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('changing the model or the perspective re-analyses the sample; the selection stays', async () => {
  const { page, context, calls, problems } = await openReview();
  await row(page, 'network').click();
  await page.getByTestId('model-select').selectOption('iaas');
  await page.waitForFunction(() => window.__ipcCalls.filter((c) => c.cmd === 'analyze_sample').length === 2);
  assert.deepEqual((await calls()).filter((c) => c.cmd === 'analyze_sample').at(-1).args, { model: 'iaas', perspective: 'customer' });
  // IaaS defaults come from the standard: labelled 标准, not 推导.
  await page.waitForFunction(() => document.querySelector('[data-testid="matrix-row"][data-id="network"]')?.innerText.includes('标准'));
  assert.match(await row(page, 'network').innerText(), /共担\s*标准/);
  assert.equal(await row(page, 'network').getAttribute('aria-selected'), 'true');
  assert.deepEqual(await marksByEvidence(page), ['网络控制安全']);
  await page.getByTestId('perspective-select').selectOption('provider');
  await page.waitForFunction(() => window.__ipcCalls.filter((c) => c.cmd === 'analyze_sample').length === 3);
  assert.deepEqual((await calls()).filter((c) => c.cmd === 'analyze_sample').at(-1).args, { model: 'iaas', perspective: 'provider' });
  await page.getByTestId('model-select').selectOption('auto');
  await page.waitForFunction(() => window.__ipcCalls.filter((c) => c.cmd === 'analyze_sample').length === 4);
  assert.equal((await calls()).filter((c) => c.cmd === 'analyze_sample').at(-1).args.model, null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('dropping a file analyses its bytes; a re-run sends the same bytes', async () => {
  const { page, context, calls, problems } = await openReview({ analysisDelayMs: 400 });
  const contract = '第一条 安全\n1.1 甲方负责网络控制安全。\n1.2 甲方作为受托人处理个人信息。\n';
  // Dragging over the window shows the drop zone.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'x.txt', { type: 'text/plain' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.getByTestId('dropzone').waitFor();
  await page.screenshot({ path: join(out, 'review-drop.png') });
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], '云服务协议.md', { type: 'text/markdown' }));
    document.querySelector('[data-testid="contract-text"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, contract);
  await page.getByTestId('dropzone').waitFor({ state: 'hidden' });
  // While the Rust side works, the screen says so.
  const busy = page.getByTestId('review-busy');
  await busy.waitFor();
  assert.match(await busy.innerText(), /正在分析 云服务协议\.md/);
  assert.equal(await page.getByTestId('review-sample').isDisabled(), true);
  await page.screenshot({ path: join(out, 'review-busy.png') });
  await busy.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => window.__ipcCalls.some((c) => c.cmd === 'analyze_bytes'));
  const call = (await calls()).find((c) => c.cmd === 'analyze_bytes');
  assert.equal(call.args.name, '云服务协议.md');
  assert.deepEqual(call.args.bytes, [...Buffer.from(contract, 'utf8')]);
  assert.equal(call.args.model, null);
  assert.equal(call.args.perspective, 'customer');
  await page.waitForFunction(() => document.querySelector('[data-testid="review-file"]')?.innerText.includes('云服务协议.md'));
  assert.match(await page.getByTestId('contract-text').innerText(), /1\.1 甲方负责网络控制安全。/);
  await row(page, 'network').click();
  assert.deepEqual(await marksByEvidence(page), ['网络控制安全']);
  await page.getByTestId('model-select').selectOption('paas');
  await page.waitForFunction(() => window.__ipcCalls.filter((c) => c.cmd === 'analyze_bytes').length === 2);
  const again = (await calls()).filter((c) => c.cmd === 'analyze_bytes').at(-1);
  assert.equal(again.args.name, '云服务协议.md');
  assert.deepEqual(again.args.bytes, call.args.bytes);
  assert.equal(again.args.model, 'paas');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Open file… analyses the picked file; a re-run needs no second dialog; cancel and errors', async () => {
  const text = '第一条 安全\n1.1 甲方负责网络控制安全。\n';
  const { page, context, calls, problems } = await openReview({ pick: { name: '框架协议.docx', text } });
  await page.getByTestId('review-open').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="review-file"]')?.innerText.includes('框架协议.docx'));
  assert.equal(await page.getByTestId('matrix-row').count(), 14);
  await page.getByTestId('perspective-select').selectOption('provider');
  await page.waitForFunction(() => window.__ipcCalls.some((c) => c.cmd === 'analyze_again'));
  const rerun = (await calls()).find((c) => c.cmd === 'analyze_again');
  assert.equal((await calls()).filter((c) => c.cmd === 'analyze_pick').length, 1, 'no second dialog');
  // Rust kept the picked file: the re-run sends no path and no bytes, only the new options.
  assert.deepEqual(Object.keys(rerun.args).sort(), ['model', 'perspective']);
  assert.equal(rerun.args.perspective, 'provider');
  await page.waitForFunction(() => document.querySelector('[data-testid="review-file"]')?.innerText.includes('框架协议.docx'));
  // An unreadable dropped file: the localized error, and the last analysis stays on screen.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['   '], 'empty.txt'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.getByTestId('error-banner').waitFor();
  assert.match(await page.getByTestId('error-banner').innerText(), /无法读取文件 empty\.txt/);
  assert.match(await page.getByTestId('review-file').innerText(), /框架协议\.docx/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cancelled open dialog changes nothing', async () => {
  const { page, context } = await openReview();
  await page.getByTestId('review-open').click();
  await page.getByTestId('notice').waitFor();
  assert.match(await page.getByTestId('notice').innerText(), /已取消/);
  assert.match(await page.getByTestId('review-file').innerText(), /sample-saas-contract-zh\.md/);
  await context.close();
});

test('a dropped file over 50 MB is refused with the localized message, before any IPC', async () => {
  const { page, context, calls } = await openReview();
  await page.evaluate(() => {
    const big = new File([new Uint8Array(51 * 1024 * 1024)], 'huge.docx');
    const dt = new DataTransfer();
    dt.items.add(big);
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.getByTestId('error-banner').waitFor();
  assert.match(await page.getByTestId('error-banner').innerText(), /huge\.docx 大小为 51 MB，超过 50 MB 的上限/);
  assert.equal((await calls()).filter((c) => c.cmd === 'analyze_bytes').length, 0);
  await context.close();
});

test('export draws the matrix on a canvas and sends PNG bytes to export_png', async () => {
  const { page, context, problems } = await openReview();
  await page.getByTestId('export-png').click();
  await page.getByTestId('notice').waitFor();
  assert.match(await page.getByTestId('notice').innerText(), /矩阵已导出至 .*sample-saas-contract-zh-matrix\.png/);
  const sent = await page.evaluate(() => window.__exportedPng);
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0].head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(sent[0].suggestedName, 'sample-saas-contract-zh-matrix.png');
  assert.ok(sent[0].length > 10000, `a real image (${sent[0].length} bytes)`);
  // Save the drawing itself to look at.
  const data = await page.evaluate(async () => {
    const call = window.__ipcCalls.find((c) => c.cmd === 'export_png');
    return call.args.bytes;
  });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(out, 'review-export.png'), Buffer.from(data));
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard: ArrowDown moves through the matrix, Enter selects; the nav is reachable with Tab', async () => {
  const { page, context, problems } = await openReview();
  await page.getByTestId('matrix').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.match(await row(page, 'os').getAttribute('class'), /cursor/);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="finding"][data-id="os"]').waitFor();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="finding"][data-id="resource_abstraction"]').waitFor();
  // The screen switch: focus it from the start of the page and press Enter.
  await page.getByTestId('nav-library').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('search').waitFor();
  assert.equal(await page.getByTestId('review').isVisible(), false);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-review');
  await page.keyboard.press('Enter');
  await page.getByTestId('matrix').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('in English the review screen is labelled in English', async () => {
  const { page, context, problems } = await openReview({ ui_lang: 'en' });
  assert.equal(await page.getByTestId('nav-review').innerText(), 'Review');
  assert.match(await page.locator('[data-testid="matrix"] thead').innerText(), /Model default[\s\S]*Contract says[\s\S]*Status[\s\S]*Evidence/);
  assert.match(await row(page, 'physical').innerText(), /Physical infrastructure[\s\S]*Provider[\s\S]*derived[\s\S]*Matches/);
  assert.equal(await page.getByTestId('model-select').locator('option:checked').innerText(), 'Auto (detected: SaaS)');
  await row(page, 'application').click();
  assert.match(await page.getByTestId('explanation').innerText(), /^Applications:/);
  await page.screenshot({ path: join(out, 'review-en.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
