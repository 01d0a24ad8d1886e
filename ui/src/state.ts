// The single state object of the library screen and a tiny change notifier.
import type { AppError } from './api';
import type {
  AppInfo, Clause, ClauseContent, ClauseFilter, ClauseSummary, ClauseVersion, ReferenceModel,
  Settings, Snippet, Topic, Variable,
} from './bindings';

export interface ResultItem {
  clause: ClauseSummary;
  /** Present when the list comes from a search. */
  snippets: Snippet[] | null;
}

export type Mode = 'view' | 'edit' | 'new';

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
}

export type Region = 'all' | 'filters' | 'results' | 'cursor' | 'clause' | 'form' | 'status';

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

export function setModel(model: ReferenceModel, variables: Variable[]): void {
  state.topics = model.topics;
  state.topicById = new Map(model.topics.map((tp) => [tp.id, tp]));
  state.variables = new Map(variables.map((v) => [v.name, v]));
}
