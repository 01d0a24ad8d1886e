// End to end through the real app window: WebKitWebDriver drives target/debug/cloudclause-app
// (WebKitGTK) under Xvfb on a fresh temporary database. A lawyer's first task: search 数据销毁,
// open the clause, read it in both languages.
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb.
// Run: node --test tests/e2e/library.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWhenReady, withApp } from './driver.mjs';

test('search 数据销毁, open the clause, see Chinese and English', { timeout: 120000 }, async () => {
  await withApp('library', async (driver) => {

    // The first start opens on the drafting screen (with the sample draft): go to the library.
    await clickWhenReady(driver, '[data-testid=nav-library]');
    const [search] = await driver.waitFor('[data-testid=search]');
    // The library is listed before any search.
    await driver.waitFor('[data-testid=result]');
    await driver.type(search, '数据销毁');
    // The list re-renders as the debounced search lands: look the hit up by its id, and retry
    // the click if the element is replaced in between.
    const hit = '[data-testid=result][data-id^="data.destruction"]';
    await driver.waitFor(hit);
    const marks = await driver.waitFor('[data-testid=result] mark');
    assert.ok(marks.length > 0, 'the match is highlighted in the results');
    await clickWhenReady(driver, hit);

    await driver.waitFor('[data-testid=clause-view]');
    const [zh] = await driver.waitFor('[data-testid=body-zh]');
    const [en] = await driver.waitFor('[data-testid=body-en]');
    const zhText = await driver.text(zh);
    const enText = await driver.text(en);
    assert.match(zhText, /删除|销毁/, 'the Chinese body is shown');
    assert.match(enText, /delet|destr/i, 'the English body is shown');

    await driver.screenshot('library.png');
  });
});
