// App start and idle memory, measured in the real window (run by .ci/bench, not by the tests).
// Start: from the app process's start (from /proc, 10 ms resolution) to the first document of
// the webview (performance.timeOrigin: the window is up and loading) and to the first screen
// drawn with its data (the drafts list or the library results, polled every 10 ms through
// WebDriver). Memory: the RSS of the app and its WebKit processes after 5 s idle. Median of N runs.

import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { withApp, appPid, sleep } from './driver.mjs';

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

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const windowMs = [], drawnMs = [], rss = [];
let parts = [];
for (let i = 0; i < RUNS; i++) {
  await withApp(`bench-${i}`, async (d) => {
    let drawnAt = 0;
    for (let k = 0; k < 3000 && !drawnAt; k++) {
      const n = await d.run('return document.querySelectorAll("[data-testid=draft-item], [data-testid=result], [data-testid=editor]").length');
      if (n > 0) drawnAt = Date.now();
      else await sleep(10);
    }
    const pid = appPid(d);
    const start = startEpochMs(pid);
    const origin = await d.run('return performance.timeOrigin');
    windowMs.push(origin - start);
    drawnMs.push(drawnAt - start);
    await sleep(5000);
    const m = treeRssMb(pid);
    rss.push(m.total);
    parts = m.parts;
  });
}
console.log(`app start → webview document: median ${median(windowMs).toFixed(0)} ms (${windowMs.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`app start → first screen drawn with data: median ${median(drawnMs).toFixed(0)} ms (${drawnMs.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`idle memory (app + WebKit processes, RSS): median ${median(rss).toFixed(0)} MB [${parts.join('; ')}]`);
