// End to end through the real app window: back up the whole database from the footer, type into
// the sample draft, restore the backup (with its confirmation), and find the draft as it was at
// the backup, with the database as it was before the restore kept beside it.
// A debug build honours CLOUDCLAUSE_EXPORT_DIR (the backup goes there without the save dialog) and
// CLOUDCLAUSE_RESTORE_FILE (restored without the open dialog); release builds ignore both.
//
// Needs: `cargo build -p cloudclause-app` (with ui/dist built first), webkit2gtk-driver, xvfb.
// Run: node --test tests/e2e/backup.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickWhenReady, freshDir, sleep, withApp, poll as waitFor, NOTICE_OR_ERROR as noticeOrError } from './driver.mjs';


const editorText = "const e = document.querySelector('[data-testid=editor]'); return e ? e.textContent : '';";

test('back up, type, restore: the draft is as it was at the backup, the replaced database kept', { timeout: 240000 }, async () => {
  const dir = freshDir();
  const exportDir = mkdtempSync(join(tmpdir(), 'cloudclause-backup-'));
  const restoreFile = join(exportDir, 'to-restore.sqlite');
  const typed = '备份之后输入的文字AFTERBACKUP';
  process.env.CLOUDCLAUSE_EXPORT_DIR = exportDir;
  process.env.CLOUDCLAUSE_RESTORE_FILE = restoreFile;
  try {
    await withApp('backup', async (driver) => {
      const before = await waitFor(driver, editorText, (t) => typeof t === 'string' && t.length > 100);
      await clickWhenReady(driver, '[data-testid=backup]');
      const done = await waitFor(driver, noticeOrError, (t) => typeof t === 'string' && /备份至|backed up to|ERROR/.test(t));
      assert.doesNotMatch(done, /ERROR/);
      const [backup] = readdirSync(exportDir).filter((f) => /^CloudClause-backup-\d{4}-\d\d-\d\d\.sqlite$/.test(f));
      assert.ok(backup, `${done} / ${readdirSync(exportDir)}`);
      assert.ok(done.includes(join(exportDir, backup)), done);
      copyFileSync(join(exportDir, backup), restoreFile);

      const [editor] = await driver.waitFor('[data-testid=editor]');
      await driver.type(editor, typed);
      await waitFor(driver, editorText, (t) => t.includes(typed));
      await sleep(1600); // autosave: at most 1 s of typing unsaved

      // Restore asks first; Cancel leaves everything as it is.
      await clickWhenReady(driver, '[data-testid=restore]');
      await driver.waitFor('[data-testid=restore-confirm]');
      await clickWhenReady(driver, '[data-testid=restore-cancel]');
      await driver.waitFor('[data-testid=restore]');
      assert.match(await driver.run(editorText), new RegExp(typed));

      await clickWhenReady(driver, '[data-testid=restore]');
      await clickWhenReady(driver, '[data-testid=restore-choose]');
      // The page reloads on the restored database and says what it did.
      const restored = await waitFor(driver, noticeOrError, (t) => typeof t === 'string' && /恢复前|as it was before|ERROR/.test(t), 60000);
      assert.doesNotMatch(restored, /ERROR/);
      const after = await waitFor(driver, editorText, (t) => typeof t === 'string' && t.length > 100);
      assert.doesNotMatch(after, new RegExp(typed));
      assert.equal(after, before);
    }, { dir });
    // The database as it was before the restore, with the typed text, is kept beside it.
    const kept = join(dir, 'library.sqlite3.before-restore.bak');
    assert.ok(existsSync(kept), readdirSync(dir).join(', '));
    assert.ok(readFileSync(kept).includes(Buffer.from(typed)), 'the kept copy holds the text typed after the backup');
    // Reopened: still the restored state.
    await withApp('backup-reopen', async (driver) => {
      const text = await waitFor(driver, editorText, (t) => typeof t === 'string' && t.length > 100);
      assert.doesNotMatch(text, new RegExp(typed));
    }, { dir });
  } finally {
    delete process.env.CLOUDCLAUSE_EXPORT_DIR;
    delete process.env.CLOUDCLAUSE_RESTORE_FILE;
  }
});
