// A plain line diff (longest common subsequence) for comparing two versions of a draft. The
// compare view only needs `lineDiff`'s output, so a redline engine can replace it later.
export type DiffLine = { op: 'same' | 'add' | 'del'; text: string };

export function lineDiff(a: string[], b: string[]): DiffLine[] {
  // Trim the common head and tail first: versions usually differ in a few places.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const n = x.length;
  const m = y.length;
  const out: DiffLine[] = a.slice(0, head).map((text) => ({ op: 'same', text }));
  if (n * m > 25_000_000) {
    // Too large to align: show the changed middle as removed then added.
    out.push(...x.map((text): DiffLine => ({ op: 'del', text })), ...y.map((text): DiffLine => ({ op: 'add', text })));
  } else {
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x[i] === y[j]) { out.push({ op: 'same', text: x[i] }); i++; j++; }
      else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) { out.push({ op: 'del', text: x[i] }); i++; }
      else { out.push({ op: 'add', text: y[j] }); j++; }
    }
  }
  out.push(...a.slice(a.length - tail).map((text): DiffLine => ({ op: 'same', text })));
  return out;
}
