// Automatic clause numbers, exactly as the engine computes them (crates/engine/src/draft/numbers.rs;
// tests/golden/numbering.json holds the shared cases both sides check). Chinese drafts print
// 第一条 / 1.1 / （一） / 1., English drafts 1. / 1.1 / (a) / (i). A clause with a literal number
// (kept from an imported document) prints that and still counts.
import type { Node as PMNode } from 'prosemirror-model';
import type { Lang } from '../bindings';

export const MAX_LEVEL = 4;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 … 9999 as a Chinese numeral (十二, 二十, 一百零五); other numbers as digits. */
export function zhNumeral(n: number): string {
  if (n === 0 || n > 9999) return String(n);
  const digits = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  const units = ['千', '百', '十', ''];
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out !== '') zero = true;
      return;
    }
    if (zero) {
      out += '零';
      zero = false;
    }
    if (!(i === 2 && d === 1 && out === '')) out += DIGITS[d];
    out += units[i];
  });
  return out;
}

/** a, b, … z, aa, bb, … (up to 520; beyond that, digits). */
export function letters(n: number): string {
  if (n > 26 * 20) return String(n);
  const k = Math.max(n, 1) - 1;
  return String.fromCharCode(97 + (k % 26)).repeat(Math.floor(k / 26) + 1);
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'],
  [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** Lower-case roman numerals 1 … 3999; other numbers as digits. */
export function roman(n: number): string {
  if (n === 0 || n > 3999) return String(n);
  let out = '';
  for (const [v, s] of ROMAN) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** Counts clauses by level as a document is walked. */
export class Counter {
  private counts = [0, 0, 0, 0];

  /** Counts one clause at `level` (clamped to 1..4) and returns its automatic number. */
  next(level: number, lang: Lang): string {
    const l = Math.min(MAX_LEVEL, Math.max(1, Math.trunc(level) || 1)) - 1;
    this.counts[l] += 1;
    for (let i = l + 1; i < MAX_LEVEL; i++) this.counts[i] = 0;
    return format(this.counts, l, lang);
  }
}

function format(c: number[], l: number, lang: Lang): string {
  const n = c[l];
  if (l === 0) return lang === 'zh' ? `第${zhNumeral(n)}条` : `${n}.`;
  if (l === 1) return c[0] === 0 ? `${n}.` : `${c[0]}.${n}`;
  if (l === 2) return lang === 'zh' ? `（${zhNumeral(n)}）` : `(${letters(n)})`;
  return lang === 'zh' ? `${n}.` : `(${roman(n)})`;
}

export interface ClauseNumbering {
  level: number;
  number: string | null;
}

/** The printed numbers of a sequence of clauses (literal or automatic). */
export function numbersOf(clauses: ClauseNumbering[], lang: Lang): string[] {
  const counter = new Counter();
  return clauses.map((c) => {
    const auto = counter.next(c.level, lang);
    return c.number ?? auto;
  });
}

/** The printed number of each top-level clause of the document with its position and index
 * among the top-level blocks, in order. */
export function clauseNumbers(doc: PMNode, lang: Lang): { pos: number; index: number; number: string; node: PMNode }[] {
  const counter = new Counter();
  const out: { pos: number; index: number; number: string; node: PMNode }[] = [];
  doc.forEach((node, pos, index) => {
    if (node.type.name !== 'clause') return;
    const auto = counter.next(node.attrs.level as number, lang);
    out.push({ pos, index, number: (node.attrs.number as string | null) ?? auto, node });
  });
  return out;
}
