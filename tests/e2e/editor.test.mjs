// End to end through the real app window (WebKitWebDriver, target/debug/cloudclause-app under
// Xvfb): a lawyer drafts from the SaaS template, types, inserts a library clause, closes the
// app and finds it all there on reopening; and after a crash (kill -9) the typed text survives.
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb.
// Run: node --test tests/e2e/editor.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appPid, clickWhenReady, freshDir, sleep, withApp, poll } from './driver.mjs';

// textContent, not innerText: blocks out of view skip rendering (content-visibility) and
// innerText leaves them out.
const editorText = "return document.querySelector('[data-testid=editor]').textContent;";
const saveStatus = "return document.querySelector('[data-testid=save-status]').dataset.status;";

const waitFor = (driver, script, pred, timeoutMs = 20000) => poll(driver, script, pred, timeoutMs);

/** Types into the text where WebDriver puts the caret (WebKitWebDriver: the start of the editor). */
async function typeAtEnd(driver, text) {
  const [editor] = await driver.waitFor('[data-testid=editor]');
  await driver.type(editor, text);
}

test('draft from the SaaS template, type, insert a library clause, close, reopen: all there', { timeout: 240000 }, async () => {
  const dir = freshDir();
  const typed = '服务商应当每年提供一次渗透测试报告E2E';
  let before = '';
  await withApp('editor', async (driver) => {
    // The first start opens the drafting screen on the sample draft.
    await driver.waitFor('[data-testid=draft-item]');
    await clickWhenReady(driver, '[data-testid=draft-new]');
    await driver.waitFor('[data-testid=new-template] option[value="saas-subscription-agreement"]');
    await driver.run(`const s = document.querySelector('[data-testid=new-template]');
      s.value = 'saas-subscription-agreement'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    const [customer] = await driver.waitFor('[data-testid="new-var-customer_name"]');
    await driver.type(customer, '上海明远律师事务所');
    await clickWhenReady(driver, '[data-testid=new-create]');
    await waitFor(driver, editorText, (t) => typeof t === 'string' && t.includes('上海明远律师事务所'));
    await waitFor(driver, "return document.querySelectorAll('[data-testid=draft-item]').length;", (n) => n === 2);

    await typeAtEnd(driver, typed);
    await waitFor(driver, editorText, (t) => t.includes(typed));

    await clickWhenReady(driver, '[data-testid=panel-library]');
    const [search] = await driver.waitFor('[data-testid=draft-library-search]');
    await driver.type(search, '数据销毁');
    // The list shows the library first, then the search's hits: wait for this query's hits (a redraw under
    // the click would eat it), then for a data-destruction clause among them.
    await waitFor(driver, "const l = document.querySelector('[data-testid=lib-hits]'); return l && l.dataset.query;", (q) => q === '数据销毁');
    const hit = await waitFor(driver, "const h = document.querySelector('[data-testid=lib-hit][data-id^=\"data.destruction\"]'); return h && h.dataset.id;", (id) => !!id);
    const lengthBefore = (await driver.run(editorText)).length;
    await clickWhenReady(driver, `[data-testid=lib-hit][data-id="${hit}"] [data-testid=insert-clause]`);
    await waitFor(driver, editorText, (t) => t.length > lengthBefore + 20);
    await waitFor(driver, saveStatus, (s) => s === 'saved');
    before = await driver.run(editorText);
    assert.match(before, new RegExp(typed));
    await driver.screenshot('editor.png');
  }, { dir });

  await withApp('editor-reopen', async (driver) => {
    // Reopened: the latest draft is the one just written, with everything in it.
    const after = await waitFor(driver, editorText, (t) => typeof t === 'string' && t.includes('上海明远律师事务所'), 30000);
    assert.equal(after, before);
  }, { dir });
});

test('crash recovery: type, wait more than 1 s, kill -9 the app, restart: the text is there', { timeout: 240000 }, async () => {
  const dir = freshDir();
  const typed = '崩溃前输入的文字CRASH';
  await withApp('editor-crash', async (driver) => {
    await waitFor(driver, editorText, (t) => typeof t === 'string' && t.length > 100, 30000);
    await typeAtEnd(driver, typed);
    await waitFor(driver, editorText, (t) => t.includes(typed));
    await sleep(1600); // autosave: at most 1 s of typing unsaved
    process.kill(appPid(driver), 'SIGKILL');
    await sleep(500);
  }, { dir });

  await withApp('editor-after-crash', async (driver) => {
    const text = await waitFor(driver, editorText, (t) => typeof t === 'string' && t.length > 100, 30000);
    assert.match(text, new RegExp(typed));
  }, { dir });
});
