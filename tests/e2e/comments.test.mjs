// End to end through the real app window: open the sample draft, add every analyzer finding as
// a comment, export DOCX (comments: all), and read the comments back out of word/comments.xml.
// A debug build honours CLOUDCLAUSE_EXPORT_DIR and writes there instead of opening the native
// save dialog (release builds ignore it; the page never passes a path).
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb, unzip.
// Run: node --test tests/e2e/comments.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickWhenReady, sleep, withApp, poll as waitFor, NOTICE_OR_ERROR as noticeOrError } from './driver.mjs';


const notice = "const n = document.querySelector('[data-testid=notice]'); return n ? n.textContent : '';";

test('sample draft: all findings as comments, export DOCX, the comments are in word/comments.xml', { timeout: 240000 }, async () => {
  const exportDir = mkdtempSync(join(tmpdir(), 'cloudclause-export-'));
  process.env.CLOUDCLAUSE_EXPORT_DIR = exportDir;
  try {
    await withApp('comments', async (driver) => {
      // The first start opens the sample draft; its analysis fills the findings pane.
      await driver.waitFor('[data-testid=draft-matrix] [data-testid=draft-matrix-row]', 60000);
      await clickWhenReady(driver, '[data-testid=findings-to-comments]');
      const added = await waitFor(driver, noticeOrError, (t) => typeof t === 'string' && /已添加|added|ERROR/.test(t));
      assert.doesNotMatch(added, /ERROR/);
      const n = Number(added.match(/\d+/)[0]);
      assert.ok(n >= 3, added);
      const marks = await driver.run("return new Set([...document.querySelectorAll('[data-testid=editor] span.comment')].map((e) => e.dataset.comment)).size;");
      assert.equal(marks, n);
      // A second click adds nothing.
      await clickWhenReady(driver, '[data-testid=findings-to-comments]');
      await waitFor(driver, notice, (t) => typeof t === 'string' && /未重复|twice/.test(t));
      await driver.screenshot('comments.png');

      await clickWhenReady(driver, '[data-testid=tool-export]');
      await driver.waitFor('[data-testid=export-dialog]');
      await clickWhenReady(driver, '[data-testid=export-run]');
      const done = await waitFor(driver, noticeOrError, (t) => typeof t === 'string' && /已导出到|Exported to|ERROR/.test(t), 60000);
      assert.doesNotMatch(done, /ERROR/);
      const files = readdirSync(exportDir).filter((f) => f.endsWith('.docx'));
      assert.equal(files.length, 1, `${done} / ${readdirSync(exportDir)}`);
      assert.ok(done.includes(join(exportDir, files[0])), done);
      const xml = execFileSync('unzip', ['-p', join(exportDir, files[0]), 'word/comments.xml'], { encoding: 'utf8' });
      const count = (xml.match(/<w:comment /g) ?? []).length;
      // comments: all = the draft's comments (the findings just added); stored findings are not repeated.
      assert.equal(count, n, xml.slice(0, 500));
      assert.match(xml, /风险/);
      const doc = execFileSync('unzip', ['-p', join(exportDir, files[0]), 'word/document.xml'], { encoding: 'utf8' });
      assert.ok((doc.match(/<w:commentRangeStart /g) ?? []).length >= n);
    });
  } finally {
    delete process.env.CLOUDCLAUSE_EXPORT_DIR;
  }
});
