import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CatalogPage } from '../service/catalog/types';
import type { StylebookSettings } from '../service/settings';
import type { WorkerMessage, WorkerReply } from './validationProtocol';

const MAX_DOCUMENTS = 4096;

/**
 * Runs validations in a worker thread. Each document gets a slot in a shared
 * array holding its latest version, so the worker can drop a stale run the
 * moment a newer edit arrives, without waiting for a message.
 */
export class BackgroundValidator {
  private readonly worker: Worker;
  private readonly versions = new Int32Array(new SharedArrayBuffer(MAX_DOCUMENTS * 4));
  private readonly slots = new Map<string, number>();
  private nextSlot = 0;

  constructor(
    layers: CatalogPage[][],
    settings: StylebookSettings,
    private readonly onResult: (uri: string, version: number, diagnostics: Diagnostic[], ms: number) => void,
    private readonly onError: (uri: string, message: string) => void,
    workerFile = path.join(__dirname, 'validationWorker.js'),
  ) {
    this.worker = new Worker(workerFile);
    this.worker.unref();
    this.worker.on('message', (m: WorkerReply) => {
      if (m.type === 'diagnostics') {
        if (this.isCurrent(m.uri, m.version)) this.onResult(m.uri, m.version, m.diagnostics, m.ms);
      } else this.onError(m.uri, m.message);
    });
    this.worker.on('error', (e) => this.onError('(worker)', e.stack ?? e.message));
    this.post({ type: 'init', versions: this.versions.buffer as SharedArrayBuffer, layers, settings });
  }

  private post(m: WorkerMessage): void {
    this.worker.postMessage(m);
  }

  private slot(uri: string): number {
    let s = this.slots.get(uri);
    if (s === undefined) {
      s = this.nextSlot++ % MAX_DOCUMENTS;
      this.slots.set(uri, s);
    }
    return s;
  }

  private isCurrent(uri: string, version: number): boolean {
    const s = this.slots.get(uri);
    return s !== undefined && Atomics.load(this.versions, s) === version;
  }

  /** Marks `version` as the latest at once (cancelling older runs), then queues it. */
  validate(uri: string, languageId: string, version: number, text: string): void {
    const slot = this.slot(uri);
    Atomics.store(this.versions, slot, version);
    this.post({ type: 'validate', uri, languageId, version, text, slot });
  }

  /** Cancels any run for a closed document. */
  forget(uri: string): void {
    const s = this.slots.get(uri);
    if (s !== undefined) Atomics.store(this.versions, s, -1);
    this.slots.delete(uri);
  }

  /** Hands the worker a new catalog and/or settings. */
  configure(layers: CatalogPage[][] | undefined, settings: StylebookSettings | undefined): void {
    this.post({ type: 'configure', layers, settings });
  }

  /** Stops the worker. */
  dispose(): Promise<number> {
    return this.worker.terminate();
  }
}
