// Pasted HTML is cleaned before ProseMirror reads it. ProseMirror parses the clipboard's HTML in
// a document made with createHTMLDocument, where Chromium still loads <img> and tries its
// onerror handler (the CSP blocks it, but the page must not depend on that). DOMParser's
// documents are inert: there the markup is parsed, and only elements and attributes the schema
// reads are kept; everything else (scripts, images, frames, styles, event handlers) is dropped.
const DROP = new Set(['script', 'style', 'img', 'picture', 'svg', 'math', 'iframe', 'frame', 'object', 'embed', 'link',
  'meta', 'base', 'video', 'audio', 'source', 'track', 'canvas', 'form', 'input', 'textarea', 'button', 'select',
  'template', 'noscript', 'applet']);
const KEEP_ATTRS = new Set(['class', 'data-level', 'data-literal', 'data-comment', 'start', 'colspan', 'rowspan', 'data-colwidth']);

/** Event-handler attributes, removed before any parser sees them (a parser that meets one asks the CSP). */
const HANDLER = /([\s/"'])on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/gi;

export function sanitizePastedHTML(html: string): string {
  let stripped = html;
  for (let before = ''; before !== stripped;) {
    before = stripped;
    stripped = stripped.replace(HANDLER, '$1');
  }
  const doc = new DOMParser().parseFromString(stripped, 'text/html');
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    if (DROP.has(el.localName)) {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      if (!KEEP_ATTRS.has(attr.name)) el.removeAttribute(attr.name);
    }
  }
  return doc.body.innerHTML;
}
