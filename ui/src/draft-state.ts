// The state of the drafting screen. The text itself lives in the ProseMirror view (editor/);
// this holds everything around it. Changes are announced with state.ts's `update({}, region)`.
import type {
  Comparison, ContractTemplate, Draft, DraftAnalysis, DraftSummary, DraftVersion, Perspective, SearchHit,
} from './bindings';
import type { SaveStatus } from './editor/autosave';
import type { FindingRef } from './editor/findings';

export type DraftPanel = 'findings' | 'comments' | 'library' | 'versions' | 'details' | 'redline';
export type NewDraftTab = 'template' | 'blank' | 'import';

export interface Compare {
  /** Version numbers; null = the current text. */
  from: number;
  to: number | null;
  /** The engine's clause-by-clause comparison (redline.rs `compare`). */
  comparison: Comparison;
  /** The change stepped to (index into the changed clauses). */
  cursor: number;
}

export interface DraftsState {
  list: DraftSummary[];
  /** The open draft: its metadata is edited here, its text in the editor. */
  current: Draft | null;
  status: SaveStatus;
  analysis: DraftAnalysis | null;
  analysing: boolean;
  perspective: Perspective;
  selection: FindingRef | null;
  panel: DraftPanel;
  libraryQuery: string;
  libraryHits: SearchHit[];
  /** The query the shown hits answer (the input may be ahead of it while a search runs). */
  libraryHitsFor: string;
  versions: DraftVersion[];
  compare: Compare | null;
  confirmRestore: number | null;
  confirmDelete: boolean;
  dialog: { tab: NewDraftTab; templates: ContractTemplate[]; busy: boolean } | null;
}

export const drafts: DraftsState = {
  list: [],
  current: null,
  status: 'saved',
  analysis: null,
  analysing: false,
  perspective: 'customer',
  selection: null,
  panel: 'findings',
  libraryQuery: '',
  libraryHits: [],
  libraryHitsFor: '',
  versions: [],
  compare: null,
  confirmRestore: null,
  confirmDelete: false,
  dialog: null,
};
