// A small W3C WebDriver client for the end-to-end tests: WebKitWebDriver (webkit2gtk-driver)
// starts the app under Xvfb on a fresh temporary database: target/debug/cloudclause-app, or the
// binary named by CLOUDCLAUSE_APP (the benchmark's release build). E2E_TRACE=1 prints every
// WebDriver request, to see where a test waits.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const APP = process.env.CLOUDCLAUSE_APP
  ? resolve(process.env.CLOUDCLAUSE_APP)
  : join(root, 'target/debug/cloudclause-app');
export const OUT = join(root, 'tests/e2e/out');
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Driver {
  constructor(port) { this.base = `http://127.0.0.1:${port}`; }
  async req(method, path, body) {
    if (process.env.E2E_TRACE) console.error(new Date().toISOString(), method, path.split('/').slice(3).join('/'), body ? JSON.stringify(body).slice(0, 80) : '');
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
  async screenshot(name) {
    mkdirSync(OUT, { recursive: true });
    // Without accelerated compositing (the app's default on Linux) WebKitGTK's screenshot can
    // wait for a repaint that never comes when nothing on the page changes: after 5 s the Xvfb
    // screen is grabbed instead. (Screenshots are kept to look at; no test asserts on them.)
    const shot = this.req('GET', this.s('/screenshot')).catch(() => null);
    const png = await Promise.race([shot, sleep(5000).then(() => null)]);
    if (png) writeFileSync(join(OUT, name), Buffer.from(png, 'base64'));
    else grabScreen(this, join(OUT, name));
  }
}

/** A screenshot of the whole Xvfb display the app runs on (ImageMagick's `import`). */
function grabScreen(driver, file) {
  const env = {};
  for (const kv of readFileSync(`/proc/${appPid(driver)}/environ`, 'utf8').split('\0')) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  execFileSync('import', ['-window', 'root', file], {
    env: { ...process.env, DISPLAY: env.DISPLAY, XAUTHORITY: env.XAUTHORITY }, stdio: 'ignore',
  });
}

/** Clicks what the selector finds, retrying while a re-render replaces the element. */
export async function clickWhenReady(driver, css) {
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

/** A folder for a database that several runs of the app share (close and reopen, crash and restart). */
export function freshDir() {
  return mkdtempSync(join(tmpdir(), 'cloudclause-e2e-'));
}

/** The pid of the app process the driver started (a descendant of the driver's process group). */
export function appPid(driver) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => l.trim().split(/\s+/)).map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm }));
  const mine = new Set([driver.rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (mine.has(r.ppid) && !mine.has(r.pid)) { mine.add(r.pid); grew = true; }
  }
  const comm = basename(APP).slice(0, 15); // the kernel keeps 15 characters of a command's name
  const app = rows.find((r) => mine.has(r.pid) && r.comm === comm);
  if (!app) throw new Error('the app process was not found');
  return app.pid;
}

/**
 * Starts the real app on a fresh database (or the one in `opts.dir`), runs `body(driver)`, keeps
 * a screenshot named `<name>-failed.png` if it throws, and always closes the app before the driver.
 */
export async function withApp(name, body, opts = {}) {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: run cargo build -p cloudclause-app (--release for the benchmark)`);
  const dir = opts.dir ?? freshDir();
  const port = 4444 + Math.floor(Math.random() * 1000);
  const env = { ...process.env, CLOUDCLAUSE_DB: join(dir, 'library.sqlite3'), TAURI_WEBVIEW_AUTOMATION: 'true' };
  delete env.DISPLAY;
  const proc = spawn('xvfb-run', ['-a', '-s', '-screen 0 1440x900x24', 'WebKitWebDriver', `--port=${port}`], {
    env, stdio: ['ignore', 'inherit', 'inherit'], detached: true,
  });
  const driver = new Driver(port);
  driver.rootPid = proc.pid;
  try {
    await waitForDriver(driver);
    const session = await driver.req('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: APP, args: [] } } },
    });
    driver.session = session.sessionId;
    await body(driver);
  } catch (e) {
    if (driver.session) await driver.screenshot(`${name}-failed.png`).catch(() => {});
    throw e;
  } finally {
    if (driver.session) await driver.req('DELETE', driver.s('')).catch(() => {});
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
}

/** Runs `script` in the page every 150 ms until `pred` accepts its value (returned). */
export async function poll(driver, script, pred, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await driver.run(script).catch(() => undefined);
    if (pred(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${script} (last: ${JSON.stringify(v)?.slice(0, 300)})`);
    await sleep(150);
  }
}

/** The status notice, or the error banner's text after "ERROR". */
export const NOTICE_OR_ERROR = `const b = document.querySelector('[data-testid=error-banner]');
  if (b) return 'ERROR ' + b.textContent;
  const n = document.querySelector('[data-testid=notice]');
  return n ? n.textContent : '';`;
