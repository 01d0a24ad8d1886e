#!/usr/bin/env bash
# Baselines for the redline benchmark: the same 300,000-character pair of versions diffed by
# diff-match-patch (Python, Diff_Timeout = 0, then cleanupSemantic) and by
# `git diff --no-index --word-diff`, so that the figures of `cargo bench --bench redline` can be
# quoted as ratios. Medians of 3 runs.
#
#   bash crates/engine/benches/redline_baselines.sh
#
# Needs python3 (and `pip install --user diff-match-patch` for the first baseline) and git.
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The pair comes from the benchmark itself, so both see the same texts.
BENCH_ONLY=compare BENCH_WRITE_PAIR="$dir" cargo bench -q -p cloudclause-engine --bench redline | grep -E '^(compare|  compare|  similar)'

python3 - "$dir" <<'PY'
import statistics, subprocess, sys, time
d = sys.argv[1]
old, new = (open(f"{d}/{n}.md", encoding="utf-8").read() for n in ("old", "new"))
try:
    import diff_match_patch
except ImportError:
    print("diff-match-patch: not installed (pip install --user diff-match-patch); skipped")
else:
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        diffs = dmp.diff_main(old, new)
        dmp.diff_cleanupSemantic(diffs)
        runs.append((time.perf_counter() - t) * 1000)
    print(f"diff-match-patch (Diff_Timeout=0, cleanupSemantic): median {statistics.median(runs):.0f} ms ({len(diffs)} diffs)")
runs = []
for _ in range(3):
    t = time.perf_counter()
    subprocess.run(["git", "diff", "--no-index", "--word-diff", f"{d}/old.md", f"{d}/new.md"], stdout=subprocess.DEVNULL, check=False)
    runs.append((time.perf_counter() - t) * 1000)
print(f"git diff --no-index --word-diff: median {statistics.median(runs):.0f} ms")
PY
