// A draft document (the stored JSON) as plain lines, clauses with their numbers: what the
// version compare shows. Tables are one line per row, cells joined by " | ".
import type { Block, DraftDoc, Inline, Lang } from '../bindings';
import { Counter } from './numbers';

const inline = (content: Inline[] | undefined) =>
  (content ?? []).map((i) => (i.type === 'text' ? i.text : ' ')).join('');

function blockText(b: Block): string {
  switch (b.type) {
    case 'heading': case 'paragraph': case 'clause': return inline(b.content);
    case 'bullet_list': case 'ordered_list': return b.content.map((li) => li.content.map(blockText).join(' ')).join(' ');
    case 'table': return b.content.map((r) => r.content.map((c) => c.content.map(blockText).join(' ')).join(' | ')).join(' ');
  }
}

export function docLines(doc: DraftDoc, lang: Lang): string[] {
  const counter = new Counter();
  const out: string[] = [];
  for (const b of doc.content) {
    if (b.type === 'clause') {
      const auto = counter.next(b.attrs.level, lang);
      out.push(`${b.attrs.number ?? auto} ${inline(b.content)}`);
    } else if (b.type === 'bullet_list' || b.type === 'ordered_list') {
      b.content.forEach((li, i) => out.push(`${b.type === 'ordered_list' ? `${b.attrs.order + i}.` : '•'} ${li.content.map(blockText).join(' ')}`));
    } else if (b.type === 'table') {
      for (const r of b.content) out.push(r.content.map((c) => c.content.map(blockText).join(' ')).join(' | '));
    } else {
      out.push(blockText(b));
    }
  }
  return out.filter((l) => l.trim() !== '');
}
