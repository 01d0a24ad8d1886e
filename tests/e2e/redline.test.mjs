// End to end through the real app window (WebKitWebDriver, target/debug/cloudclause-app under
// Xvfb): a draft made from the SaaS template, one clause's wording edited, the redline panel on
// it shows the edit against the model clause of the real library, "Adopt all" gives the clause the
// model wording as tracked changes, and "Accept all" makes it plain text.
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb.
// Run: node --test tests/e2e/redline.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWhenReady, sleep, withApp, poll } from './driver.mjs';

const editorText = "return document.querySelector('[data-testid=editor]').textContent;";

const waitFor = (driver, script, pred, timeoutMs = 20000) => poll(driver, script, pred, timeoutMs);

// The edited clause, by its index among the clauses (set once it is picked).
let index = -1;
const CLAUSE = "document.querySelectorAll('[data-testid=editor] p.clause')[INDEX]";
/** The clause's text as it reads: tracked deletions and the number widget aside. */
const VISIBLE = () => `const walk = (n) => [...n.childNodes].map((c) => {
    if (c.nodeType === 1 && (c.classList.contains('clause-number') || c.matches('del.tracked-del'))) return '';
    return c.nodeType === 3 ? c.textContent : walk(c);
  }).join('');
  const el = ${clause()}; return el ? walk(el) : null;`;
const INSERTED = '除双方另有书面约定外，';
const clause = () => CLAUSE.replace('INDEX', String(index));

test('redline: edit a template clause, see it against the model clause, adopt all, accept', { timeout: 300000 }, async () => {
  await withApp('redline', async (driver) => {
    await driver.waitFor('[data-testid=draft-item]');
    await clickWhenReady(driver, '[data-testid=draft-new]');
    await driver.waitFor('[data-testid=new-template] option[value="saas-subscription-agreement"]');
    await driver.run(`const s = document.querySelector('[data-testid=new-template]');
      s.value = 'saas-subscription-agreement'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    await clickWhenReady(driver, '[data-testid=new-create]');
    await waitFor(driver, "return document.querySelectorAll('[data-testid=draft-item]').length;", (n) => n === 2);
    await waitFor(driver, editorText, (t) => typeof t === 'string' && t.startsWith('软件即服务（SaaS）订阅协议'));

    // An item of a clause: the caret after its first two characters, then new words typed there.
    const picked = await driver.run(`
      const own = (p) => [...p.childNodes].filter((n) => !(n.nodeType === 1 && n.classList.contains('clause-number'))).map((n) => n.textContent).join('');
      // The template's text is in its items (（一）…): one with a sentence of its own.
      const els = [...document.querySelectorAll('[data-testid=editor] p.clause[data-level="3"]')].filter((p) => own(p).length > 40);
      const el = els[0];
      if (!el) return null;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.parentElement.closest('.clause-number') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) });
      const node = walker.nextNode();
      document.querySelector('[data-testid=editor]').focus();
      window.getSelection().collapse(node, 2);
      return [own(el), [...document.querySelectorAll('[data-testid=editor] p.clause')].indexOf(el)];`);
    assert.ok(picked, 'a sub-clause of the template to edit');
    index = picked[1];
    await sleep(200);
    await driver.run(`document.execCommand('insertText', false, ${JSON.stringify(INSERTED)}); return true;`);
    const edited = await waitFor(driver, VISIBLE(), (t) => typeof t === 'string' && t.includes(INSERTED));
    assert.equal(edited, picked[0].slice(0, 2) + INSERTED + picked[0].slice(2));

    // The redline panel on it: the typed words are an insertion against the model clause.
    await clickWhenReady(driver, '[data-testid=tool-redline]');
    const model = await waitFor(driver, "const m = document.querySelector('[data-testid=redline-model-id]'); return m && m.textContent;", (id) => !!id, 30000);
    const inserted = await waitFor(driver, "return [...document.querySelectorAll('[data-testid=redline-inline] [data-testid=rl-ins]')].map((e) => e.textContent).join('');",
      (t) => typeof t === 'string' && t.includes('另有书面约定'), 30000);
    assert.ok(inserted.length < INSERTED.length + 10, `the insertion is the typed words: ${inserted}`);
    // The model's wording: the redline without the draft's insertions, the clause number aside.
    const wording = await driver.run(`
      const el = document.querySelector('[data-testid=redline-clause]');
      const number = el.dataset.clause;
      const text = [...document.querySelector('[data-testid=redline-inline]').childNodes]
        .filter((n) => !(n.nodeType === 1 && (n.matches('ins') || n.matches('button')))).map((n) => n.textContent).join('');
      return (number && text.startsWith(number) ? text.slice(number.length) : text).trim();`);
    assert.ok(!wording.includes(INSERTED), wording);
    await driver.screenshot('redline-panel.png');

    // Adopt all: the clause reads as the model wording, as tracked changes.
    await clickWhenReady(driver, '[data-testid=adopt-all]');
    const adopted = await waitFor(driver, VISIBLE(), (t) => typeof t === 'string' && !t.includes(INSERTED));
    const flat = (t) => t.replace(/\s+/g, ' ').trim();
    assert.equal(flat(adopted), flat(picked[0]), `model ${model}`);
    assert.ok(flat(wording).includes(flat(picked[0])), `the model's wording holds the item: ${wording}`);
    const tracked = await driver.run(`const el = ${clause()}; return [el.querySelectorAll('del.tracked-del').length, el.querySelectorAll('ins.tracked-ins').length];`);
    assert.ok(tracked[0] >= 1, `tracked deletions: ${tracked}`);
    await waitFor(driver, "return !!document.querySelector('[data-testid=redline-same]');", (v) => v === true, 30000);
    await driver.screenshot('redline-adopted.png');

    // Accept all: plain text, the model wording.
    await clickWhenReady(driver, '[data-testid=accept-all]');
    await waitFor(driver, `const el = ${clause()}; return el.querySelectorAll('del.tracked-del, ins.tracked-ins').length;`, (n) => n === 0);
    const accepted = await driver.run(`const el = ${clause()}; return [...el.childNodes].filter((n) => !(n.nodeType === 1 && n.classList.contains('clause-number'))).map((n) => n.textContent).join('');`);
    assert.equal(flat(accepted), flat(picked[0]));
  });
});
