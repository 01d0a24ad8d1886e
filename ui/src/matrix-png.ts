// Draws the responsibility matrix as a PNG on a <canvas>, with the page's own (local, CJK-first)
// fonts and the badge colours of the screen. No external resources.
import type { AnalysisResult, Gap, SecurityRow } from './bindings';
import { pick, t } from './i18n';
import { allocationLabel, foundLabel, gapLabel, isStandardSource, modelLabel, perspectiveLabel, severityLabel } from './labels';

/** Badge colours of the gap states; the same values as the .gap-* rules in styles.css. */
export const GAP_COLORS: Record<Gap | 'none', { bg: string; fg: string; border: string }> = {
  none: { bg: '#e6f4ec', fg: '#1c6b3f', border: '#b7dcc5' },
  hedged: { bg: '#fdf6e3', fg: '#7a5d12', border: '#efdca6' },
  one_sided: { bg: '#fbe7c0', fg: '#7d4a00', border: '#ebc679' },
  missing: { bg: '#fde0c8', fg: '#9a3d0b', border: '#f2b48a' },
  inverted: { bg: '#fbd3d3', fg: '#a01f25', border: '#ee9ea1' },
  disclaimed: { bg: '#7f1d1d', fg: '#ffffff', border: '#7f1d1d' },
};

const NAVY = '#0f1b33';
const SLATE_900 = '#1e293b';
const SLATE_500 = '#64748b';
const SLATE_200 = '#e2e8f0';
const SLATE_100 = '#f1f5f9';
const ACCENT = '#0f7c86';

const WIDTH = 1240;
const PAD = 40;
const ROW_H = 44;
const HEAD_H = 36;
const SCALE = 2;
const COLS = [
  { key: 'no', w: 44 },
  { key: 'item', w: 270 },
  { key: 'expected', w: 190 },
  { key: 'found', w: 230 },
  { key: 'status', w: 180 },
  { key: 'evidence', w: WIDTH - 2 * PAD - 44 - 270 - 190 - 230 - 180 },
] as const;

function fontStack(): string {
  return getComputedStyle(document.body).fontFamily || 'sans-serif';
}

/** Cuts text to fit a width, with an ellipsis. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && ctx.measureText(chars.join('') + '…').width > width) chars.pop();
  return chars.join('') + '…';
}

/** Breaks text into lines of at most `width`, at spaces for Latin text and anywhere for CJK. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(/[A-Za-z0-9.,;:'"()\-/%]+\s*|\s+|./gu) ?? []) {
    if (line && ctx.measureText(line + token).width > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line += token;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

function foundText(row: SecurityRow): string {
  let s = foundLabel(row.allocation);
  if (row.allocation === 'shared' && row.split_specified !== null) s += ` · ${t(row.split_specified ? 'split.yes' : 'split.no')}`;
  return s;
}

function evidenceText(row: SecurityRow): string {
  const numbers = [...new Set(row.evidence.map((e) => e.clause || t('detail.preamble')))];
  return numbers.length ? numbers.join(', ') : '—';
}

export function drawMatrix(result: AnalysisResult, fileName: string): HTMLCanvasElement {
  const { report } = result;
  const font = fontStack();
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.font = `12px ${font}`;
  const date = new Date().toLocaleDateString();
  const footer = wrap(probe, t('png.footer', { date }), WIDTH - 2 * PAD);
  const top = PAD + 124;
  const tableH = HEAD_H + report.security.length * ROW_H;
  const height = top + tableH + 24 + footer.length * 18 + PAD;

  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * SCALE;
  canvas.height = height * SCALE;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.textBaseline = 'middle';

  // Title block.
  ctx.fillStyle = ACCENT;
  ctx.fillRect(PAD, PAD, 4, 28);
  ctx.fillStyle = NAVY;
  ctx.font = `700 22px ${font}`;
  ctx.fillText(t('png.title'), PAD + 14, PAD + 14);
  ctx.font = `14px ${font}`;
  ctx.fillStyle = SLATE_900;
  ctx.fillText(fit(ctx, t('png.file', { name: fileName }), WIDTH - 2 * PAD), PAD, PAD + 50);
  ctx.fillStyle = SLATE_500;
  const source = t(report.deployment_model_source === 'given' ? 'review.modelGiven' : 'review.modelDetected');
  ctx.fillText(t('png.model', { m: modelLabel(report.deployment_model), source, p: perspectiveLabel(report.perspective) }), PAD, PAD + 74);
  const gaps = report.security.filter((r) => r.gap !== null).length;
  const piMissing = report.pi.filter((r) => !r.present).length;
  const unfavourable = report.risks.filter((r) => r.customer_unfavourable).length;
  ctx.fillStyle = SLATE_900;
  ctx.font = `600 14px ${font}`;
  ctx.fillText(t('png.summary', { gaps, pi: piMissing, risks: unfavourable }), PAD, PAD + 98);

  // Header row.
  let x = PAD;
  const headers = [t('matrix.no'), t('matrix.item'), t('matrix.expected'), t('matrix.found'), t('matrix.status'), t('matrix.evidence')];
  ctx.fillStyle = SLATE_100;
  ctx.fillRect(PAD, top, WIDTH - 2 * PAD, HEAD_H);
  ctx.font = `600 13px ${font}`;
  ctx.fillStyle = SLATE_500;
  COLS.forEach((c, i) => {
    ctx.fillText(headers[i], x + 10, top + HEAD_H / 2);
    x += c.w;
  });

  report.security.forEach((row, i) => {
    const y = top + HEAD_H + i * ROW_H;
    const mid = y + ROW_H / 2;
    if (i % 2 === 1) {
      ctx.fillStyle = '#fafbfd';
      ctx.fillRect(PAD, y, WIDTH - 2 * PAD, ROW_H);
    }
    ctx.fillStyle = SLATE_200;
    ctx.fillRect(PAD, y + ROW_H - 1, WIDTH - 2 * PAD, 1);
    let cx = PAD;
    const cell = (w: number, draw: () => void) => { draw(); cx += w; };
    cell(COLS[0].w, () => {
      ctx.font = `13px ${font}`;
      ctx.fillStyle = SLATE_500;
      ctx.fillText(String(i + 1), cx + 10, mid);
    });
    cell(COLS[1].w, () => {
      ctx.font = `600 14px ${font}`;
      ctx.fillStyle = SLATE_900;
      ctx.fillText(fit(ctx, pick(row.name), COLS[1].w - 20), cx + 10, mid);
    });
    cell(COLS[2].w, () => {
      ctx.font = `14px ${font}`;
      ctx.fillStyle = SLATE_900;
      const label = allocationLabel(row.expected);
      ctx.fillText(label, cx + 10, mid);
      const lw = ctx.measureText(label).width;
      ctx.font = `11px ${font}`;
      ctx.fillStyle = SLATE_500;
      ctx.fillText(t(isStandardSource(row.expected_source) ? 'source.standard' : 'source.derived'), cx + 18 + lw, mid + 1);
    });
    cell(COLS[3].w, () => {
      ctx.font = `14px ${font}`;
      ctx.fillStyle = SLATE_900;
      ctx.fillText(fit(ctx, foundText(row), COLS[3].w - 20), cx + 10, mid);
    });
    cell(COLS[4].w, () => {
      const colors = GAP_COLORS[row.gap ?? 'none'];
      ctx.font = `600 13px ${font}`;
      let label = gapLabel(row.gap);
      if (row.severity) label += ` · ${severityLabel(row.severity)}`;
      const w = Math.min(COLS[4].w - 20, ctx.measureText(label).width + 20);
      roundRect(ctx, cx + 10, mid - 12, w, 24, 4);
      ctx.fillStyle = colors.bg;
      ctx.fill();
      ctx.strokeStyle = colors.border;
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.fillStyle = colors.fg;
      ctx.fillText(fit(ctx, label, w - 20), cx + 20, mid + 1);
    });
    cell(COLS[5].w, () => {
      ctx.font = `13px ${font}`;
      ctx.fillStyle = SLATE_500;
      ctx.fillText(fit(ctx, evidenceText(row), COLS[5].w - 20), cx + 10, mid);
    });
  });

  ctx.font = `12px ${font}`;
  ctx.fillStyle = SLATE_500;
  footer.forEach((line, i) => ctx.fillText(line, PAD, top + tableH + 24 + i * 18));
  return canvas;
}

/** The matrix as PNG bytes, ready for export_png. */
export async function drawMatrixPng(result: AnalysisResult, fileName: string): Promise<number[]> {
  await document.fonts?.ready;
  const canvas = drawMatrix(result, fileName);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the matrix could not be drawn');
  return Array.from(new Uint8Array(await blob.arrayBuffer()));
}
