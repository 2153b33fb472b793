import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CatalogPage } from '../service/catalog/types';
import type { StylebookSettings } from '../service/settings';
import type { WorkerMessage, WorkerReply } from './validationProtocol';

/** Documents whose runs can be cancelled early; past this many open at once, a run simply finishes and a stale result is dropped. */
const MAX_DOCUMENTS = 4096;
/**
 * Worker threads at most. One is started at once; a second only when a
 * document is due while the first is busy, so one long validation (a huge
 * specification, a file built to be slow) never holds up another document's
 * diagnostics. Two keep the common case to one catalog in memory.
 */
const MAX_LANES = 2;

/** One worker thread and what it has been given and not yet answered. */
interface Lane {
  worker: Worker;
  /** Requests posted and not yet answered, by uri (the worker answers every request, cancelled ones too). */
  pending: Map<string, number>;
  /** When the lane last answered a request: of two busy lanes, the one that answered last is less likely stuck. */
  lastAnswer: number;
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

  constructor(
    private layers: CatalogPage[][],
    private settings: StylebookSettings,
    private readonly onResult: (uri: string, version: number, diagnostics: Diagnostic[], ms: number) => void,
    private readonly onError: (uri: string, message: string) => void,
    private readonly workerFile = path.join(__dirname, 'validationWorker.js'),
  ) {
    this.addLane();
  }

  private addLane(): Lane {
    const worker = new Worker(this.workerFile);
    worker.unref();
    const lane: Lane = { worker, pending: new Map(), lastAnswer: performance.now() };
    worker.on('message', (m: WorkerReply) => {
      const left = (lane.pending.get(m.uri) ?? 1) - 1;
      if (left > 0) lane.pending.set(m.uri, left);
      else lane.pending.delete(m.uri);
      lane.lastAnswer = performance.now();
      if (m.type === 'diagnostics') {
        if (this.isCurrent(m.uri, m.version)) this.onResult(m.uri, m.version, m.diagnostics, m.ms);
      } else if (m.type === 'error') this.onError(m.uri, m.message);
    });
    worker.on('error', (e) => this.onError('(worker)', e.stack ?? e.message));
    worker.postMessage({ type: 'init', versions: this.versions.buffer as SharedArrayBuffer, layers: this.layers, settings: this.settings } satisfies WorkerMessage);
    this.lanes.push(lane);
    return lane;
  }

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

  /** Marks `version` as the latest at once (cancelling older runs), then queues it. */
  validate(uri: string, languageId: string, version: number, text: string): void {
    const slot = this.slot(uri);
    this.latest.set(uri, version);
    if (slot >= 0) Atomics.store(this.versions, slot, version);
    const lane = this.laneFor(uri);
    this.homes.set(uri, lane);
    lane.pending.set(uri, (lane.pending.get(uri) ?? 0) + 1);
    lane.worker.postMessage({ type: 'validate', uri, languageId, version, text, slot } satisfies WorkerMessage);
  }

  /** Cancels any run for a closed document. */
  forget(uri: string): void {
    const s = this.slots.get(uri);
    if (s !== undefined && s >= 0) {
      Atomics.store(this.versions, s, -1);
      this.freeSlots.push(s);
    }
    this.slots.delete(uri);
    this.latest.delete(uri);
    this.homes.delete(uri);
  }

  /** Hands the workers a new catalog and/or settings. */
  configure(layers: CatalogPage[][] | undefined, settings: StylebookSettings | undefined): void {
    if (layers) this.layers = layers;
    if (settings) this.settings = settings;
    for (const l of this.lanes) l.worker.postMessage({ type: 'configure', layers, settings } satisfies WorkerMessage);
  }

  /** How many worker threads run (for tests). */
  get workers(): number {
    return this.lanes.length;
  }

  /** Stops the workers. */
  async dispose(): Promise<number> {
    const codes = await Promise.all(this.lanes.map((l) => l.worker.terminate()));
    return codes[0] ?? 0;
  }
}
