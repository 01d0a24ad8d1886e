// `npm test`: builds ui/dist when it is missing or older than the sources, then runs the UI tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = join(ui, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'].map((p) => join(ui, p)).filter(existsSync);
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log('building ui/dist …');
  const b = spawnSync('npm', ['run', 'build'], { cwd: ui, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const r = spawnSync(process.execPath, ['--test', join('tests', 'ui.test.mjs'), join('tests', 'review.test.mjs'), join('tests', 'editor.test.mjs'), join('tests', 'comments.test.mjs'), join('tests', 'redline.test.mjs')], { cwd: ui, stdio: 'inherit' });
process.exit(r.status ?? 1);
