// The single state object of the library screen and a tiny change notifier.
import type { AppError } from './api';
import type {
  AnalysisResult, AppInfo, Clause, ClauseContent, ClauseFilter, ClauseSummary, ClauseVersion, DeploymentModel,
  Perspective, ReferenceModel, Settings, Snippet, Topic, Variable,
} from './bindings';

export interface ResultItem {
  clause: ClauseSummary;
  /** Present when the list comes from a search. */
  snippets: Snippet[] | null;
}

export type Mode = 'view' | 'edit' | 'new';

/** The two screens of the window, switched in the top bar. */
export type Screen = 'drafts' | 'library' | 'review';

export type FindingKind = 'security' | 'pi' | 'risk';

export interface Selection {
  kind: FindingKind;
  id: string;
}

/** What the shown analysis was made from, kept so that another model or perspective re-runs it. */
export type ReviewSource =
  | { kind: 'sample' }
  | { kind: 'bytes'; name: string; bytes: number[]; label?: string }
  /** A file chosen in the native dialog: Rust keeps its bytes for a re-run (analyze_again). */
  | { kind: 'picked'; name: string };

export interface ReviewState {
  result: AnalysisResult | null;
  source: ReviewSource | null;
  /** The model asked for; null = detect it from the text. */
  model: DeploymentModel | null;
  perspective: Perspective;
  /** Set while a file is read or analysed. */
  busy: { phase: 'reading' | 'analysing'; name: string } | null;
  selection: Selection | null;
  /** Index into report.security moved by the arrow keys; -1 = none. */
  cursor: number;
  /** A file is being dragged over the window. */
  dragging: boolean;
  exporting: boolean;
}

export interface State {
  info: AppInfo | null;
  settings: Settings;
  topics: Topic[];
  topicById: Map<string, Topic>;
  variables: Map<string, Variable>;
  filter: ClauseFilter;
  query: string;
  results: ResultItem[];
  loadingResults: boolean;
  /** Index into results moved by the arrow keys; -1 = none. */
  cursor: number;
  clause: Clause | null;
  versions: ClauseVersion[];
  mode: Mode;
  draft: ClauseContent | null;
  formProblems: string[];
  saving: boolean;
  confirmingDelete: boolean;
  error: AppError | null;
  notice: string | null;
  screen: Screen;
  /** The user has chosen a screen (at start, the drafting screen then does not take over). */
  screenChosen: boolean;
  review: ReviewState;
}

export type Region = 'all' | 'filters' | 'results' | 'cursor' | 'clause' | 'form' | 'status'
  | 'screen' | 'review' | 'selection' | 'matrixCursor' | 'reviewBusy' | 'drag'
  /** The drafting screen: everything but the text; the save status; the findings pane; the new-draft dialog. */
  | 'drafts' | 'draftStatus' | 'draftFindings' | 'draftDialog'
  /** The drafting screen's comments pane. */
  | 'draftComments';

export const state: State = {
  info: null,
  settings: { ui_lang: 'zh-CN', bilingual_view: 'side_by_side', author: '' },
  topics: [],
  topicById: new Map(),
  variables: new Map(),
  filter: { topic: null, model: null, position: null, lang: null },
  query: '',
  results: [],
  loadingResults: false,
  cursor: -1,
  clause: null,
  versions: [],
  mode: 'view',
  draft: null,
  formProblems: [],
  saving: false,
  confirmingDelete: false,
  error: null,
  notice: null,
  screen: 'library',
  screenChosen: false,
  review: {
    result: null,
    source: null,
    model: null,
    perspective: 'customer',
    busy: null,
    selection: null,
    cursor: -1,
    dragging: false,
    exporting: false,
  },
};

type Listener = (regions: ReadonlySet<Region>) => void;
const listeners: Listener[] = [];
let pending = new Set<Region>();
let scheduled = false;

export function onChange(listener: Listener): void {
  listeners.push(listener);
}

/** Apply a change and re-render the named regions (batched to one frame's microtask). */
export function update(patch: Partial<State>, ...regions: Region[]): void {
  Object.assign(state, patch);
  for (const r of regions) pending.add(r);
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      const regionsNow = pending;
      pending = new Set();
      for (const l of listeners) l(regionsNow);
    });
  }
}

/** Apply a change to the review screen's state and re-render the named regions. */
export function updateReview(patch: Partial<ReviewState>, ...regions: Region[]): void {
  update({ review: { ...state.review, ...patch } }, ...regions);
}

export function setModel(model: ReferenceModel, variables: Variable[]): void {
  state.topics = model.topics;
  state.topicById = new Map(model.topics.map((tp) => [tp.id, tp]));
  state.variables = new Map(variables.map((v) => [v.name, v]));
}
