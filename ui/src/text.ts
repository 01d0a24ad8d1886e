// Rendering of clause text: placeholder chips and search highlights, built from text nodes only.
import type { Span, Variable } from './bindings';
import { h } from './dom';
import { pick } from './i18n';

const PLACEHOLDER = /\{\{([A-Za-z0-9_.-]+)\}\}/g;

/**
 * Clause text with each `{{name}}` shown as a chip whose tooltip is the variable's label in the
 * UI language. The chip keeps the braces so that copied text still has the placeholder.
 */
export function withPlaceholders(text: string, variables: Map<string, Variable>): DocumentFragment {
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const index = m.index ?? 0;
    if (index > last) frag.appendChild(document.createTextNode(text.slice(last, index)));
    const name = m[1];
    const variable = variables.get(name);
    const chip = h('span', { class: variable ? 'ph' : 'ph ph-unknown' }, m[0]);
    chip.title = variable ? `${pick(variable.label)} — ${name}` : name;
    frag.appendChild(chip);
    last = index + m[0].length;
  }
  if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
  return frag;
}

/**
 * Text with <mark> around the highlighted ranges. Spans count Unicode scalar values, so the text
 * is indexed as an array of code points, never as UTF-16 units.
 */
export function withHighlights(text: string, spans: Span[]): DocumentFragment {
  const chars = Array.from(text);
  const frag = document.createDocumentFragment();
  const sorted = [...spans]
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(chars.length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, pos); // overlapping spans: never repeat text
    if (s.end <= start) continue;
    if (start > pos) frag.appendChild(document.createTextNode(chars.slice(pos, start).join('')));
    frag.appendChild(h('mark', {}, chars.slice(start, s.end).join('')));
    pos = s.end;
  }
  if (pos < chars.length) frag.appendChild(document.createTextNode(chars.slice(pos).join('')));
  return frag;
}

/**
 * Cuts a long snippet to a window around its first highlight (in code points), with ellipses,
 * and shifts the spans to match. Short snippets come back unchanged.
 */
export function snippetWindow(text: string, spans: Span[], max = 170, lead = 40): { text: string; spans: Span[] } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, spans };
  const first = spans.length ? Math.min(...spans.map((s) => s.start)) : 0;
  let start = Math.max(0, Math.min(first - lead, chars.length - max));
  // Never start inside a {{placeholder}}: back up to its opening braces.
  const before = chars.slice(Math.max(0, start - 40), start).join('');
  const open = before.lastIndexOf('{{');
  if (open >= 0 && before.indexOf('}}', open) < 0) start -= Array.from(before.slice(open)).length;
  const end = Math.min(chars.length, start + max);
  const prefix = start > 0 ? '…' : '';
  const shift = prefix.length - start;
  const kept = spans
    .filter((s) => s.end > start && s.start < end)
    .map((s) => ({ start: Math.max(s.start, start) + shift, end: Math.min(s.end, end) + shift }));
  return { text: prefix + chars.slice(start, end).join('') + (end < chars.length ? '…' : ''), spans: kept };
}
