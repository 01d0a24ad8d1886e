// Shared set-up of the UI tests: headless Chromium on the built app (ui/dist), served offline
// with the production CSP, the Tauri IPC replaced by tests/fake-tauri.js.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
export const out = join(here, 'out');
const fakeTauri = join(here, 'fake-tauri.js');
const ORIGIN = 'http://app.local';
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

export async function launch() {
  mkdirSync(out, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh page on the app, with the fake IPC, the production CSP and an error collector. */
/** `ready`: the test id to wait for (the library's first result, or e.g. the editor). */
export async function openApp(browser, fakeOptions = {}, viewport = { width: 1440, height: 900 }, ready = 'result') {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort(); // offline: nothing leaves the app
    const rel = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^[/\\]+/, '');
    try {
      const body = readFileSync(join(dist, rel));
      const headers = { 'content-type': TYPES[extname(rel)] || 'application/octet-stream' };
      if (rel === 'index.html') headers['content-security-policy'] = CSP;
      await route.fulfill({ status: 200, headers, body });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.addInitScript((opts) => { window.__FAKE_OPTIONS__ = opts; }, fakeOptions);
  await page.addInitScript({ path: fakeTauri });
  await page.goto(`${ORIGIN}/index.html`);
  await page.getByTestId(ready).first().waitFor();
  return { page, context, problems, calls: () => page.evaluate(() => window.__ipcCalls) };
}
