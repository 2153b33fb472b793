import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CatalogProblem } from '../service/catalog/types';
import { createEngine, type EngineInput } from './engine';
import type { LintTarget } from './files';
import { lintFile, type FileOutcome } from './lint';
import type { FileFailure, FileReport, LintResult, RuleInfo } from './report';
import { compareNames } from '../service/compare';

/**
 * Runs lint over many files: on the main thread for small runs, on worker
 * threads for big ones. Workers pull files one at a time from a shared
 * queue, so one huge specification does not leave the others idle.
 */

/** Below this many files, starting workers (each builds its own catalog) costs more than it saves. */
export const WORKER_THRESHOLD = 48;

export interface RunOptions {
  /** Settings and catalog location, handed to every worker as plain data. */
  engine: EngineInput;
  /** Worker threads to use; undefined: decided from the number of files and cores. */
  jobs?: number;
  /** The script a worker runs (the CLI's own entry file), which dispatches on `workerData.role`. */
  workerScript: string;
  /** Called after each file. */
  onProgress?: (done: number, total: number) => void;
  /** Catalog read errors and worker troubles. */
  onError: (message: string) => void;
  /** Problems in the catalog layers (reported once per run). */
  onCatalogProblems?: (problems: CatalogProblem[]) => void;
}

/** The `workerData` a lint worker is started with. */
export interface WorkerInput {
  role: 'stylebook-lint-worker';
  engine: EngineInput;
}

type ToWorker = { index: number; target: LintTarget } | { done: true };
type FromWorker = { ready: true; catalogProblems: CatalogProblem[] } | { index: number; outcome: FileOutcome } | { error: string };

/** Whether a target is route-handler code (whose grammar must be loaded first) rather than an OpenAPI candidate. */
function isCode(t: LintTarget): boolean {
  return t.languageId !== 'yaml' && t.languageId !== 'json';
}

/**
 * Below this many cores the pool is not used unless asked for: on two cores,
 * each worker warming up its own copy of the code (while the compiler and the
 * garbage collector want the same cores) cost more than it saved, at every
 * size measured (1,600 small specifications: 1.24 s on one thread, 1.45 s on
 * two workers).
 */
export const MIN_CORES_FOR_WORKERS = 3;

/**
 * How many workers a run of `files` should use on a machine with `cores`
 * cores. A request is capped at the core count: each worker holds its own
 * engine and catalog (60 workers took 1 GB), and more threads than cores only
 * take turns.
 */
export function chooseJobs(files: number, requested?: number, cores = availableCores()): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files, cores));
  if (files < WORKER_THRESHOLD || cores < MIN_CORES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(cores, 8, Math.ceil(files / (WORKER_THRESHOLD / 2))));
}

/** The cores this process may use (`os.availableParallelism`, which honours CPU affinity where Node knows it). */
export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Lints every target and gathers the results in input order. */
export async function runLint(targets: readonly LintTarget[], options: RunOptions): Promise<Omit<LintResult, 'skipped'> & { skipped: number }> {
  const jobs = chooseJobs(targets.length, options.jobs);
  const outcomes: (FileOutcome | undefined)[] = new Array(targets.length);
  let done = 0;
  const record = (i: number, o: FileOutcome) => {
    outcomes[i] = o;
    options.onProgress?.(++done, targets.length);
  };
  if (jobs <= 1) {
    const engine = createEngine(options.engine, options.onError);
    options.onCatalogProblems?.(engine.catalogProblems);
    await engine.ensureLanguages(targets.filter((t) => isCode(t)).map((t) => t.languageId));
    targets.forEach((t, i) => record(i, lintFile(engine.service, t)));
  } else {
    await runInWorkers(targets, jobs, options, record);
  }
  return collect(targets, outcomes);
}

function collect(targets: readonly LintTarget[], outcomes: (FileOutcome | undefined)[]): LintResult {
  const files: FileReport[] = [];
  const failures: FileFailure[] = [];
  const rules = new Map<string, RuleInfo>();
  let skipped = 0;
  let exempt = 0;
  const notes: { path: string; message: string }[] = [];
  outcomes.forEach((o, i) => {
    if (!o) {
      failures.push({ path: targets[i].path, kind: 'io', message: 'was not checked (a worker stopped before reaching it)' });
      return;
    }
    if (o.report) files.push(o.report);
    else if (!o.failures.length) skipped++;
    if (o.exempt) exempt++;
    if (o.note) notes.push({ path: targets[i].path, message: o.note });
    for (const f of o.failures) failures.push(f);
    for (const r of o.rules) if (!rules.has(r.id)) rules.set(r.id, r);
  });
  return { files, failures, skipped, exempt, notes, rules: [...rules.values()].sort((a, b) => compareNames(a.id, b.id)) };
}

function runInWorkers(
  targets: readonly LintTarget[], jobs: number, options: RunOptions, record: (i: number, o: FileOutcome) => void,
): Promise<void> {
  let next = 0;
  let alive = jobs;
  let catalogReported = false;
  const input: WorkerInput = { role: 'stylebook-lint-worker', engine: options.engine };
  return new Promise((resolve) => {
    const finish = () => {
      if (--alive === 0) resolve();
    };
    for (let w = 0; w < jobs; w++) {
      const worker = new Worker(options.workerScript, { workerData: input });
      let current = -1;
      const feed = () => {
        if (next < targets.length) {
          current = next++;
          worker.postMessage({ index: current, target: targets[current] } satisfies ToWorker);
        } else {
          current = -1;
          worker.postMessage({ done: true } satisfies ToWorker);
        }
      };
      worker.on('message', (m: FromWorker) => {
        if ('ready' in m) {
          if (!catalogReported) options.onCatalogProblems?.(m.catalogProblems);
          catalogReported = true;
          feed();
        }
        else if ('outcome' in m) {
          record(m.index, m.outcome);
          feed();
        } else options.onError(`lint worker: ${m.error}`);
      });
      worker.on('error', (e) => {
        // The file the worker was on is reported as failed; the others go on in the remaining workers.
        if (current >= 0) {
          record(current, { failures: [{ path: targets[current].path, kind: 'io', message: `internal error while checking this file: ${e.message}` }], rules: [] });
        }
      });
      worker.on('exit', finish);
    }
  });
}

/** The body of a lint worker: build the engine once, then lint files as the main thread hands them out. */
export function workerMain(input: WorkerInput, port: { postMessage(m: FromWorker): void; on(ev: 'message', fn: (m: ToWorker) => void): void; close?(): void }): void {
  let engine: ReturnType<typeof createEngine>;
  try {
    // Catalog read errors are reported once, by the main thread.
    engine = createEngine(input.engine, () => {});
  } catch (e) {
    port.postMessage({ error: (e as Error).message });
    port.close?.();
    return;
  }
  port.on('message', (m) => {
    if ('done' in m) {
      port.close?.();
      return;
    }
    // The main thread sends the next file only after this answer, so the
    // grammar load cannot interleave with another file.
    const ready = isCode(m.target) ? engine.ensureLanguages([m.target.languageId]) : Promise.resolve();
    void ready.then(() => port.postMessage({ index: m.index, outcome: lintFile(engine.service, m.target) }));
  });
  port.postMessage({ ready: true, catalogProblems: engine.catalogProblems });
}
