import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { CatalogPage } from '../service/catalog/types';
import type { StylebookSettings } from '../service/settings';
import { CODE_LANGUAGES } from '../service/code/index';
import type { FileSummary } from '../service/workspace/summary';
import type { SummaryRequest, WorkerMessage, WorkerOptions, WorkerReply } from './validationProtocol';

/** Documents whose runs can be cancelled early; past this many open at once, a run simply finishes and a stale result is dropped. */
const MAX_DOCUMENTS = 4096;
/**
 * Worker threads at most. One is started at once; a second only when a
 * document is due while the first is busy, so one long validation (a huge
 * specification, a file built to be slow) never holds up another document's
 * diagnostics. Two keep the common case to one catalog in memory.
 */
const MAX_LANES = 2;

/**
 * A document at least this long may keep its worker busy for a while (a
 * 100 KB handler file parses in about 100 ms, a 2 MB one in seconds). When
 * one is handed to a worker and no other is free, the second worker is
 * started at once, so that it is ready before another document needs it.
 * The first route-handler document starts it too: hovers and completions in
 * code are answered by the workers, and a worker takes about half a second
 * to start (catalog and grammar), which a hover should not wait for.
 */
const LARGE_CHARS = 100_000;

/**
 * How long the server waits for a closed file's summary before it leaves
 * the file out of the workspace model (with a log line) and goes on: far
 * longer than the 5 s budget of a route-handler file's analysis, so it only
 * ends a wait on a worker that is stuck or gone without a word.
 */
const SUMMARY_TIMEOUT_MS = 30_000;
/** The uri summary requests are counted under in a lane (they are no open document's). */
const SUMMARY_URI = '(workspace model)';

/** What the pool answers for a closed file: its summary (null: the file stays out of the model), or a note on why it has none. */
export interface SummaryAnswer {
  summary: FileSummary | null;
  note?: string;
}

/** One worker thread and what it has been given and not yet answered. */
interface Lane {
  worker: Worker;
  /** Requests posted and not yet answered, by uri (the worker answers every request, cancelled ones too). */
  pending: Map<string, number>;
  /** When the lane last answered a request: of two busy lanes, the one that answered last is less likely stuck. */
  lastAnswer: number;
  /** Set once the worker has exited (out of memory, say): the lane takes no more work. */
  dead?: boolean;
}

/** A hover, completion or summary waiting for its answer (null when its worker stopped). */
interface Waiting {
  lane: Lane;
  resolve: (result: Hover | CompletionList | SummaryAnswer[] | null) => void;
}

/**
 * Runs validations in worker threads. Each document gets a slot in a shared
 * array holding its latest version, so a worker can drop a stale run the
 * moment a newer edit arrives, without waiting for a message. A document
 * stays on the worker it last used while that worker is free for it (the
 * rules keep per-document results there between versions); a document due
 * while every worker is busy with others goes to a second worker.
 */
export class BackgroundValidator {
  private readonly lanes: Lane[] = [];
  private readonly versions = new Int32Array(new SharedArrayBuffer(MAX_DOCUMENTS * 4));
  /** Each open document's slot in `versions`, or -1 when all were taken. */
  private readonly slots = new Map<string, number>();
  /** Slots given back by closed documents, reused before new ones. */
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  /** The latest version of each open document: a result for any other version is stale. */
  private readonly latest = new Map<string, number>();
  /** The lane each document was last sent to. */
  private readonly homes = new Map<string, Lane>();
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** Route-handler languages seen so far: every worker loads their grammars before it is asked. */
  private readonly codeLanguages = new Set<string>();

  /**
   * `onResult` receives diagnostics already capped in the worker (at
   * `options.maxProblems`, with the final "N more problems not shown").
   */
  constructor(
    private layers: CatalogPage[][],
    private settings: StylebookSettings,
    private options: WorkerOptions,
    private readonly onResult: (uri: string, version: number, diagnostics: Diagnostic[], ms: number, summary?: FileSummary | null) => void,
    private readonly onError: (uri: string, message: string) => void,
    private readonly workerFile = path.join(__dirname, 'validationWorker.js'),
    private readonly onLog: (message: string) => void = () => undefined,
  ) {
    this.addLane();
  }

  private addLane(): Lane {
    const worker = new Worker(this.workerFile);
    worker.unref();
    const lane: Lane = { worker, pending: new Map(), lastAnswer: performance.now() };
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'log') return this.onLog(m.message);
      const left = (lane.pending.get(m.uri) ?? 1) - 1;
      if (left > 0) lane.pending.set(m.uri, left);
      else lane.pending.delete(m.uri);
      lane.lastAnswer = performance.now();
      if (m.type === 'diagnostics') {
        if (this.isCurrent(m.uri, m.version)) this.onResult(m.uri, m.version, m.diagnostics, m.ms, m.summary);
      } else if (m.type === 'error') this.onError(m.uri, m.message);
      else if (m.type === 'answer') {
        if (m.error) this.onError(m.uri, m.error);
        this.waiting.get(m.id)?.resolve(m.result);
        this.waiting.delete(m.id);
      } else if (m.type === 'summary') {
        this.waiting.get(m.id)?.resolve(m.summaries);
        this.waiting.delete(m.id);
      }
    });
    worker.on('error', (e) => this.onError('(worker)', e.stack ?? e.message));
    // A worker that dies (out of memory on a huge document, say) must not leave
    // requests waiting for ever: they answer null, its documents move to the
    // other lanes (or a new one) with their next request.
    worker.on('exit', (code) => {
      lane.dead = true;
      const at = this.lanes.indexOf(lane);
      if (at >= 0) this.lanes.splice(at, 1);
      for (const [uri, home] of this.homes) if (home === lane) this.homes.delete(uri);
      for (const [id, w] of this.waiting) {
        if (w.lane !== lane) continue;
        w.resolve(null);
        this.waiting.delete(id);
      }
      if (!this.disposed) this.onError([...lane.pending.keys()].join(', ') || '(worker)', `the validation worker stopped (exit code ${code}); the next edit is checked by a new one`);
    });
    worker.postMessage({ type: 'init', versions: this.versions.buffer as SharedArrayBuffer, layers: this.layers, settings: this.settings, options: this.options } satisfies WorkerMessage);
    for (const languageId of this.codeLanguages) worker.postMessage({ type: 'preload', languageId } satisfies WorkerMessage);
    this.lanes.push(lane);
    return lane;
  }

  private disposed = false;

  /** The lane for a document's next request (see the class comment). */
  private laneFor(uri: string): Lane {
    // Requests for one document stay in order on one lane: the newer one cancels the older there.
    const busyWithIt = this.lanes.find((l) => l.pending.has(uri));
    if (busyWithIt) return busyWithIt;
    const home = this.homes.get(uri);
    if (home && home.pending.size === 0) return home;
    const idle = this.lanes.find((l) => l.pending.size === 0);
    if (idle) return idle;
    if (this.lanes.length < MAX_LANES) return this.addLane();
    const load = (l: Lane) => { let n = 0; for (const c of l.pending.values()) n += c; return n; };
    return this.lanes.reduce((a, b) => (load(b) < load(a) || (load(b) === load(a) && b.lastAnswer > a.lastAnswer) ? b : a));
  }

  /**
   * The document's slot. Slots of closed documents are reused; two open
   * documents never share one (sharing once made the later-opened document
   * cancel every run of the other, which then never got diagnostics).
   */
  private slot(uri: string): number {
    let s = this.slots.get(uri);
    if (s === undefined) {
      s = this.freeSlots.pop() ?? (this.nextSlot < MAX_DOCUMENTS ? this.nextSlot++ : -1);
      this.slots.set(uri, s);
    }
    return s;
  }

  private isCurrent(uri: string, version: number): boolean {
    return this.latest.get(uri) === version;
  }

  /** Marks `version` as the latest (cancelling older runs), picks a lane and counts the request there. */
  private dispatch(uri: string, languageId: string, version: number, text: string): { lane: Lane; slot: number } {
    const slot = this.slot(uri);
    this.latest.set(uri, version);
    if (slot >= 0) Atomics.store(this.versions, slot, version);
    const lane = this.laneFor(uri);
    this.homes.set(uri, lane);
    lane.pending.set(uri, (lane.pending.get(uri) ?? 0) + 1);
    const code = CODE_LANGUAGES.includes(languageId);
    if (code && !this.codeLanguages.has(languageId)) {
      // A grammar takes a few hundred milliseconds to load: the other workers load it now, not on a hover.
      this.codeLanguages.add(languageId);
      for (const l of this.lanes) if (l !== lane) l.worker.postMessage({ type: 'preload', languageId } satisfies WorkerMessage);
    }
    if (this.lanes.length < MAX_LANES && (code || (text.length >= LARGE_CHARS && !this.lanes.some((l) => l !== lane && l.pending.size === 0)))) this.addLane();
    return { lane, slot };
  }

  /** Marks `version` as the latest at once (cancelling older runs), then queues it; `summarize` asks for its workspace-model summary too. */
  validate(uri: string, languageId: string, version: number, text: string, summarize = false): void {
    const { lane, slot } = this.dispatch(uri, languageId, version, text);
    lane.worker.postMessage({ type: 'validate', uri, languageId, version, text, slot, ...(summarize ? { summarize } : {}) } satisfies WorkerMessage);
  }

  /**
   * Closed files' summaries for the workspace model, read and made in a
   * worker: the less loaded one (the second is started for the scan). A
   * worker that stops answers undefined for each file, and one that gives no
   * answer within SUMMARY_TIMEOUT_MS a note saying so, so a scan never
   * waits for ever.
   */
  summarize(files: SummaryRequest['files']): Promise<Array<SummaryAnswer | undefined>> {
    if (this.lanes.length < MAX_LANES) this.addLane();
    const load = (l: Lane) => { let n = 0; for (const c of l.pending.values()) n += c; return n; };
    const lane = this.lanes.reduce((a, b) => (load(b) < load(a) ? b : a));
    lane.pending.set(SUMMARY_URI, (lane.pending.get(SUMMARY_URI) ?? 0) + 1);
    for (const { languageId } of files) {
      if (!CODE_LANGUAGES.includes(languageId) || this.codeLanguages.has(languageId)) continue;
      this.codeLanguages.add(languageId);
      for (const l of this.lanes) if (l !== lane) l.worker.postMessage({ type: 'preload', languageId } satisfies WorkerMessage);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!this.waiting.delete(id)) return;
        resolve(files.map(() => ({ summary: null, note: `no answer from the worker within ${SUMMARY_TIMEOUT_MS / 1000} s` })));
      }, SUMMARY_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, { lane, resolve: (r) => { clearTimeout(timer); resolve(r ? r as SummaryAnswer[] : files.map(() => undefined)); } });
      lane.worker.postMessage({ type: 'summarize', id, files } satisfies WorkerMessage);
    });
  }

  /**
   * A hover or completion in route-handler code, answered by a worker: a
   * free one when the document's own is busy with another (so a large file
   * being parsed never holds up another document's hover), the document's
   * own when it has the document's earlier requests (they stay in order).
   * `version` must be the document's latest; null when it is stale by then.
   */
  request(type: 'hover' | 'complete', uri: string, languageId: string, version: number, text: string, position: Position): Promise<Hover | CompletionList | null> {
    const { lane, slot } = this.dispatch(uri, languageId, version, text);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { lane, resolve: (r) => resolve(r as Hover | CompletionList | null) });
      lane.worker.postMessage({ type, id, uri, languageId, version, text, slot, position } satisfies WorkerMessage);
    });
  }

  /** Cancels any run for a closed document and drops its parsed version. */
  forget(uri: string): void {
    const s = this.slots.get(uri);
    if (s !== undefined && s >= 0) {
      Atomics.store(this.versions, s, -1);
      this.freeSlots.push(s);
    }
    this.slots.delete(uri);
    this.latest.delete(uri);
    this.homes.delete(uri);
    for (const l of this.lanes) l.worker.postMessage({ type: 'forget', uri } satisfies WorkerMessage);
  }

  /** Hands the workers a new catalog, settings and/or options. */
  configure(layers: CatalogPage[][] | undefined, settings: StylebookSettings | undefined, options?: Partial<WorkerOptions>): void {
    if (layers) this.layers = layers;
    if (settings) this.settings = settings;
    if (options) this.options = { ...this.options, ...options };
    for (const l of this.lanes) l.worker.postMessage({ type: 'configure', layers, settings, options } satisfies WorkerMessage);
  }

  /** How many worker threads run (for tests). */
  get workers(): number {
    return this.lanes.length;
  }

  /** Stops the workers. */
  async dispose(): Promise<number> {
    this.disposed = true;
    const codes = await Promise.all(this.lanes.map((l) => l.worker.terminate()));
    return codes[0] ?? 0;
  }
}
