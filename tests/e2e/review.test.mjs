// End to end through the real app window: WebKitWebDriver drives target/debug/cloudclause-app
// (WebKitGTK) under Xvfb on a fresh temporary database. A lawyer's review: open the Review
// screen, which analyses the embedded sample contract, pick the network-control row of the
// responsibility matrix and read its evidence, highlighted in the contract text.
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb.
// Run: node --test tests/e2e/review.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, clickWhenReady, withApp } from './driver.mjs';

test('review the sample contract: the network row, its explanation and its highlighted evidence', { timeout: 120000 }, async () => {
  await withApp('review', async (driver) => {

    // The library loads first; then switch to the review screen.
    await driver.waitFor('[data-testid=result]');
    await clickWhenReady(driver, '[data-testid=nav-review]');

    // The sample is analysed on first opening: the matrix has the 14 security layers.
    const rows = await driver.waitFor('[data-testid=matrix-row]', 30000, (els) => els.length === 14);
    assert.equal(rows.length, 14);
    assert.equal((await driver.find('[data-testid=pi-row]')).length, 11);
    assert.equal((await driver.find('[data-testid=risk-row]')).length, 12);
    const fileName = await driver.run("return document.querySelector('[data-testid=review-file] .file-name').textContent;");
    assert.match(fileName, /sample/i);

    // WebKitWebDriver does not click a <tr> itself ("not interactable"): click the row's name cell.
    await clickWhenReady(driver, '[data-testid=matrix-row][data-id="network"] th');
    const [finding] = await driver.waitFor('[data-testid=detail] [data-testid=finding][data-id="network"]');
    assert.ok(finding, 'the detail panel shows the network finding');
    const [explanation] = await driver.waitFor('[data-testid=detail] [data-testid=explanation]');
    assert.match(await driver.text(explanation), /网络/, 'the explanation is shown in Chinese');
    const marks = await driver.waitFor('[data-testid=contract-text] [data-testid=evidence-mark]');
    assert.ok(marks.length >= 1, 'the evidence is highlighted in the contract text');

    // Each evidence passage is marked exactly: the marked text is the quote the engine gave.
    const check = await driver.run(`
      const quotes = [...document.querySelectorAll('[data-testid=evidence-item] .quote')].map((q) => q.textContent);
      const by = new Map();
      for (const m of document.querySelectorAll('[data-testid=contract-text] [data-testid=evidence-mark]')) {
        by.set(m.dataset.evidence, (by.get(m.dataset.evidence) || '') + m.textContent);
      }
      const pane = document.querySelector('[data-testid=contract-text]').getBoundingClientRect();
      const first = document.querySelector('[data-testid=evidence-mark]').getBoundingClientRect();
      return { quotes, marked: [...by.entries()].map(([i, text]) => ({ i: Number(i), text })),
        inView: first.top >= pane.top && first.bottom <= pane.bottom, img: document.querySelectorAll('[data-testid=review] img').length };`);
    assert.ok(check.marked.length >= 1);
    for (const m of check.marked) assert.equal(m.text, check.quotes[m.i], `evidence ${m.i} is marked exactly`);
    assert.ok(check.inView, 'the first mark is scrolled into view');
    assert.equal(check.img, 0);

    await driver.screenshot('review.png');

    // Another model re-runs the engine on the sample: IaaS defaults are the standard's own.
    await driver.run(`const s = document.querySelector('[data-testid=model-select]');
      s.value = 'iaas'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    const [networkRow] = await driver.waitFor('[data-testid=matrix-row][data-id="network"] .source-tag.standard', 30000);
    assert.ok(networkRow, 'the IaaS default is labelled as the standard');
    await driver.waitFor('[data-testid=detail] [data-testid=finding][data-id="network"]');
    assert.ok((await driver.find('[data-testid=contract-text] [data-testid=evidence-mark]')).length >= 1, 'the selection survives the re-run');

    // The PNG export draws on a canvas: WebKitGTK must hand back PNG bytes (the save dialog itself
    // is native and is not driven here).
    const head = await driver.req('POST', driver.s('/execute/async'), {
      script: `const done = arguments[arguments.length - 1];
        const c = document.createElement('canvas'); c.width = 40; c.height = 20;
        c.getContext('2d').fillText('云约', 2, 14);
        c.toBlob((b) => b.arrayBuffer().then((a) => done(Array.from(new Uint8Array(a).slice(0, 8)))), 'image/png');`,
      args: [],
    });
    assert.deepEqual(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    // Keep the real analysis of the sample: the UI test can show it in Chromium (fake option
    // sampleResult) to look at the screen with real data.
    const real = await driver.req('POST', driver.s('/execute/async'), {
      script: `const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('analyze_sample', { model: null, perspective: 'customer' })
          .then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({ error: e })));`,
      args: [],
    });
    writeFileSync(join(OUT, 'sample-analysis.json'), real);
  });
});
