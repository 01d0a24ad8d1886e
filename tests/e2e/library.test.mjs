// End to end through the real app window: WebKitWebDriver drives target/debug/cloudclause-app
// (WebKitGTK) under Xvfb on a fresh temporary database. A lawyer's first task: search 数据销毁,
// open the clause, read it in both languages.
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb.
// Run: node --test tests/e2e/library.test.mjs

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

test('search 数据销毁, open the clause, see Chinese and English', { timeout: 120000 }, async () => {
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
    for (let attempt = 0; ; attempt++) {
      try {
        const [target] = await driver.waitFor(hit);
        await driver.click(target);
        break;
      } catch (e) {
        if (attempt >= 5) throw e;
        await sleep(200);
      }
    }

    await driver.waitFor('[data-testid=clause-view]');
    const [zh] = await driver.waitFor('[data-testid=body-zh]');
    const [en] = await driver.waitFor('[data-testid=body-en]');
    const zhText = await driver.text(zh);
    const enText = await driver.text(en);
    assert.match(zhText, /删除|销毁/, 'the Chinese body is shown');
    assert.match(enText, /delet|destr/i, 'the English body is shown');

    mkdirSync(OUT, { recursive: true });
    const png = await driver.req('GET', driver.s('/screenshot'));
    writeFileSync(join(OUT, 'library.png'), Buffer.from(png, 'base64'));
  } finally {
    if (driver.session) await driver.req('DELETE', driver.s('')).catch(() => {});
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
});
