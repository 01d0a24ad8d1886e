// App start and idle memory, measured in the real window (run by .ci/bench, not by the tests).
// The app is target/debug/cloudclause-app, or the binary named by CLOUDCLAUSE_APP (.ci/bench
// passes the release build). Each run starts the app twice on one new database: the first start
// (migrations, the built-in library seeded, the sample draft made) and a second start on the same
// database (the usual case).
// Start: from the app process's start (from /proc, 10 ms resolution) to the first document of
// the webview (performance.timeOrigin: the window is up and loading), to its first paint (the
// first contentful paint: before it the window is blank) and to the first screen drawn with its
// data (the drafts list or the library results in the page, polled every 10 ms through
// WebDriver, and painted: the later of that and the first paint, as WebKit paints nothing until
// a page has content). Memory: the RSS of the app and its WebKit processes after 5 s idle,
// again 12 s later, when the analyzer has let its caches go, and 75 s after the first screen,
// when it has let its built regexes go too (src-tauri's memory.rs).
// Median of N runs.

import { readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { relative } from 'node:path';
import { APP, root, withApp, appPid, freshDir, sleep } from './driver.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const btime = Number(readFileSync('/proc/stat', 'utf8').match(/^btime (\d+)/m)[1]);

function startEpochMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (btime + Number(fields[19]) / ticks) * 1000; // field 22 of the whole line: starttime
}

function treeRssMb(rootPid) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => l.trim().split(/\s+/)).map(([pid, ppid, rss, comm]) => ({ pid: +pid, ppid: +ppid, rss: +rss, comm }));
  const mine = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (mine.has(r.ppid) && !mine.has(r.pid)) { mine.add(r.pid); grew = true; }
  }
  const app = rows.filter((r) => mine.has(r.pid));
  return { total: app.reduce((s, r) => s + r.rss, 0) / 1024, parts: app.map((r) => `${r.comm} ${(r.rss / 1024).toFixed(0)} MB`) };
}

/** One start of the app on the database in `dir`: times to window and to data, idle memory. */
async function start(name, dir, into) {
  await withApp(name, async (d) => {
    let drawnAt = 0;
    for (let k = 0; k < 3000 && !drawnAt; k++) {
      const n = await d.run('return document.querySelectorAll("[data-testid=draft-item], [data-testid=result], [data-testid=editor]").length');
      if (n > 0) drawnAt = Date.now();
      else await sleep(10);
    }
    let painted = 0;
    for (let k = 0; k < 3000 && !painted; k++) {
      painted = await d.run("const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? performance.timeOrigin + p.startTime : 0");
      if (!painted) await sleep(10);
    }
    const pid = appPid(d);
    const begun = startEpochMs(pid);
    const origin = await d.run('return performance.timeOrigin');
    into.window.push(origin - begun);
    into.paint.push(painted - begun);
    into.drawn.push(Math.max(drawnAt, painted) - begun);
    await sleep(5000);
    const m = treeRssMb(pid);
    into.rss.push(m.total);
    into.parts = m.parts;
    // Settled: the analyzer lets its caches go after 10 s without an analysis (src-tauri's
    // memory.rs); the sample draft's analysis ran as the first screen was drawn.
    await sleep(12000);
    const settled = treeRssMb(pid);
    into.settled.push(settled.total);
    into.settledParts = settled.parts;
    await sleep(58000);
    const idle = treeRssMb(pid);
    into.idle.push(idle.total);
    into.idleParts = idle.parts;
  }, { dir });
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const list = (v) => v.map((x) => x.toFixed(0)).join(', ');
const first = { window: [], paint: [], drawn: [], rss: [], parts: [], settled: [], settledParts: [], idle: [], idleParts: [] };
const second = { window: [], paint: [], drawn: [], rss: [], parts: [], settled: [], settledParts: [], idle: [], idleParts: [] };
const load = loadavg().map((x) => x.toFixed(2)).join(', ');
for (let i = 0; i < RUNS; i++) {
  const dir = freshDir();
  try {
    await start(`bench-${i}-first`, dir, first);
    await start(`bench-${i}-second`, dir, second);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`${APP.startsWith(root) ? relative(root, APP) : APP}, ${RUNS} runs, load average at the start ${load}, at the end ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
for (const [label, r] of [['first start (new database)', first], ['second start (same database)', second]]) {
  console.log(`${label}:`);
  console.log(`  app start → webview document: median ${median(r.window).toFixed(0)} ms (${list(r.window)})`);
  console.log(`  app start → first paint: median ${median(r.paint).toFixed(0)} ms (${list(r.paint)})`);
  console.log(`  app start → first screen drawn with data: median ${median(r.drawn).toFixed(0)} ms (${list(r.drawn)})`);
  console.log(`  idle memory 5 s after the first screen (app + WebKit processes, RSS): median ${median(r.rss).toFixed(0)} MB (${list(r.rss)}) [${r.parts.join('; ')}]`);
  console.log(`  idle memory 17 s after it (settled): median ${median(r.settled).toFixed(0)} MB (${list(r.settled)}) [${r.settledParts.join('; ')}]`);
  console.log(`  idle memory 75 s after it (long idle): median ${median(r.idle).toFixed(0)} MB (${list(r.idle)}) [${r.idleParts.join('; ')}]`);
}
