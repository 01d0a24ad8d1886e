// Autosave: a save ~500 ms after the last change, and never more than 1 s of typing unsaved.
// One save runs at a time; changes made while it runs are saved right after. `flush` saves now
// (Ctrl+S, window blur or close). The status is what the toolbar shows.
export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed';

export interface AutosaveOptions {
  idleMs?: number;
  maxMs?: number;
}

export class Autosave {
  private idle: number | undefined;
  private max: number | undefined;
  private dirty = false;
  private running: Promise<void> | null = null;
  private readonly idleMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onStatus: (s: SaveStatus) => void,
    opts: AutosaveOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? 500;
    this.maxMs = opts.maxMs ?? 1000;
  }

  get pending(): boolean {
    return this.dirty || this.running !== null;
  }

  /** A change was made. */
  changed(): void {
    this.dirty = true;
    this.onStatus('unsaved');
    window.clearTimeout(this.idle);
    this.idle = window.setTimeout(() => void this.flush(), this.idleMs);
    if (this.max === undefined) this.max = window.setTimeout(() => void this.flush(), this.maxMs);
  }

  /** Saves now if anything is unsaved; resolves when everything is saved (or the save failed). */
  async flush(): Promise<void> {
    window.clearTimeout(this.idle);
    window.clearTimeout(this.max);
    this.idle = undefined;
    this.max = undefined;
    if (this.running) {
      await this.running;
      if (!this.dirty) return;
      return this.flush();
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.onStatus('saving');
    this.running = this.save().then(
      () => this.onStatus(this.dirty ? 'unsaved' : 'saved'),
      () => { this.dirty = true; this.onStatus('failed'); },
    ).finally(() => { this.running = null; });
    await this.running;
  }

  /** Forgets unsaved changes (the draft was closed or replaced). */
  reset(): void {
    window.clearTimeout(this.idle);
    window.clearTimeout(this.max);
    this.idle = undefined;
    this.max = undefined;
    this.dirty = false;
  }
}
