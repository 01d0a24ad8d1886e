// End to end through the real app window: WebKitWebDriver drives target/debug/cloudclause-app
// (WebKitGTK) under Xvfb on a fresh temporary database. A lawyer's review: open the Review
// screen, which analyses the embedded sample contract, pick the network-control row of the
// responsibility matrix and read its evidence, highlighted in the contract text.
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb.
// Run: node --test tests/e2e/review.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP = join(root, 'target/debug/cloudclause-app');
const OUT = join(root, 'tests/e2e/out');
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Driver {
  constructor(port) { this.base = `http://127.0.0.1:${port}`; }
  async req(method, path, body) {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value)}`);
    return json.value;
  }
  s(path) { return `/session/${this.session}${path}`; }
  async find(css) {
    const list = await this.req('POST', this.s('/elements'), { using: 'css selector', value: css });
    return list.map((e) => e[ELEMENT]);
  }
  async waitFor(css, timeoutMs = 15000, pred = (els) => els.length > 0) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const els = await this.find(css).catch(() => []);
      if (pred(els)) return els;
      if (Date.now() > end) throw new Error(`timed out waiting for ${css}`);
      await sleep(150);
    }
  }
  text(el) { return this.req('GET', this.s(`/element/${el}/text`)); }
  attr(el, name) { return this.req('GET', this.s(`/element/${el}/attribute/${name}`)); }
  click(el) { return this.req('POST', this.s(`/element/${el}/click`), {}); }
  type(el, text) { return this.req('POST', this.s(`/element/${el}/value`), { text }); }
  /** Runs a function body in the page and returns its (JSON) result. */
  run(script, args = []) { return this.req('POST', this.s('/execute/sync'), { script, args }); }
}

async function waitForDriver(driver, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await driver.req('GET', '/status');
      if (v && v.ready !== false) return;
    } catch { /* not up yet */ }
    if (Date.now() > end) throw new Error('WebKitWebDriver did not start');
    await sleep(200);
  }
}

/** Clicks what the selector finds, retrying while a re-render replaces the element. */
async function clickWhenReady(driver, css) {
  for (let attempt = 0; ; attempt++) {
    try {
      const [el] = await driver.waitFor(css);
      await driver.click(el);
      return;
    } catch (e) {
      if (attempt >= 5) throw e;
      await sleep(200);
    }
  }
}

test('review the sample contract: the network row, its explanation and its highlighted evidence', { timeout: 120000 }, async () => {
  assert.ok(existsSync(APP), `${APP} is missing: run cargo build -p cloudclause-app`);
  const dir = mkdtempSync(join(tmpdir(), 'cloudclause-e2e-'));
  const port = 4444 + Math.floor(Math.random() * 1000);
  const env = { ...process.env, CLOUDCLAUSE_DB: join(dir, 'library.sqlite3'), TAURI_WEBVIEW_AUTOMATION: 'true' };
  delete env.DISPLAY;
  const proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 1440x900x24', 'WebKitWebDriver', `--port=${port}`], {
    env, stdio: ['ignore', 'inherit', 'inherit'], detached: true,
  });
  const driver = new Driver(port);
  try {
    await waitForDriver(driver);
    const session = await driver.req('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: APP, args: [] } } },
    });
    driver.session = session.sessionId;

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

    mkdirSync(OUT, { recursive: true });
    const png = await driver.req('GET', driver.s('/screenshot'));
    writeFileSync(join(OUT, 'review.png'), Buffer.from(png, 'base64'));

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
  } catch (e) {
    // Keep what the window showed when it failed.
    if (driver.session) {
      mkdirSync(OUT, { recursive: true });
      const png = await driver.req('GET', driver.s('/screenshot')).catch(() => null);
      if (png) writeFileSync(join(OUT, 'review-failed.png'), Buffer.from(png, 'base64'));
    }
    throw e;
  } finally {
    if (driver.session) await driver.req('DELETE', driver.s('')).catch(() => {});
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
});
