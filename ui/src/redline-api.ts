// Typed wrappers of the redline commands (src-tauri/src/redlines.rs); rejections are AppErrors.
import { call } from './api';
import type { CandidateRedline, Comparison, DraftAlignment, DraftDoc, Lang } from './bindings';

export const redlineApi = {
  /** The editor's document aligned with the library's model clauses (+ segments). */
  draftAlign: (doc: DraftDoc, lang: Lang) => call<DraftAlignment>('draft_align', { doc, lang }),
  /** The model clauses nearest to one clause's text, best first, each with its redline. */
  candidates: (text: string, lang: Lang, topics: string[]) =>
    call<CandidateRedline[]>('redline_candidates', { text, lang, topics }),
  /** Version `oldVersion` against version `newVersion`, or against `current` (the editor's text) when null. */
  draftCompare: (id: number, oldVersion: number, newVersion: number | null, current: DraftDoc | null) =>
    call<Comparison>('draft_compare', { id, oldVersion, newVersion, current }),
};
