import { parentPort } from 'node:worker_threads';
// Custom layers may hold guideline files (*.yaml) besides topic pages.
import { buildLayeredCatalog } from '../service/catalog/guidelineFile';
import type { Catalog } from '../service/catalog/catalog';
import type { CatalogPage } from '../service/catalog/types';
import { CODE_LANGUAGES } from '../service/code/index';
import type { StylebookDocument } from '../service/document';
import { getLanguageService, type LanguageService } from '../service/languageService';
import { capDiagnostics } from '../service/problemCap';
import { FastTextDocument } from '../service/textDocument';
import { CodeNotAnalysed } from '../service/code/limits';
import type { FileSummary } from '../service/workspace/summary';
import { decodeText } from '../cli/decode';
import { AnalysisCancelled, createGrammarLoader } from './grammars';
import { readRegularFile } from './safeRead';
import type { CodeRequest, SummaryRequest, ValidationRequest, WorkerMessage, WorkerOptions, WorkerReply } from './validationProtocol';

// The validation worker: runs the whole rule set on a copy of the document
// text, off the server's main thread, so hovers and completions never wait
// for a 2-second validation of a huge spec (and the server starts a second
// one so that such a spec does not hold up the diagnostics of others). It keeps one language service
// (and whatever the rules cache between versions) for its lifetime.
//
// Route-handler code is analysed here too, hovers and completions included:
// parsing a 2 MB handler file takes seconds, and on the main thread it held
// up every hover in every document. Each analysis runs under the time budget
// the server passes (code/limits.ts); the grammars load here, on first use.

let service: LanguageService | undefined;
let versions: Int32Array | undefined;
let options: WorkerOptions = { maxProblems: 0, codeBudgetMs: Infinity };
// The bundle sits beside dist/grammars/; compiled to out/, the loader finds node_modules above.
const grammars = createGrammarLoader([__dirname], (message) => post({ type: 'log', message }));

/**
 * The last prepared version of each route-handler document, so that its
 * diagnostics, hovers and completions parse it once. Few: each holds a tree.
 */
const codeDocs = new Map<string, StylebookDocument>();
const MAX_CODE_DOCS = 16;

/** The catalog of these layers; should building fail, the shipped layer alone (the server does the same). */
function catalogOf(layers: CatalogPage[][]): Catalog {
  try {
    return buildLayeredCatalog(layers);
  } catch {
    return buildLayeredCatalog(layers.slice(0, 1));
  }
}

/**
 * Whether a newer version of the request's document has arrived. Slot -1:
 * more documents are open than there are slots; such a run is never cut
 * short (the server drops its stale result).
 */
function cancelledCheck(versions: Int32Array, req: { slot: number; version: number }): () => boolean {
  return req.slot < 0 ? () => false : () => Atomics.load(versions, req.slot) !== req.version;
}

function post(reply: WorkerReply): void {
  parentPort!.postMessage(reply);
}

/** The prepared document of a route-handler request, reused while the version and text are the same. */
function codeDoc(req: { uri: string; languageId: string; version: number; text: string }): StylebookDocument {
  const hit = codeDocs.get(req.uri);
  codeDocs.delete(req.uri);
  const doc = hit && hit.textDocument.version === req.version && hit.textDocument.languageId === req.languageId && hit.textDocument.getText() === req.text
    ? hit
    : service!.prepare(FastTextDocument.create(req.uri, req.languageId, req.version, req.text));
  codeDocs.set(req.uri, doc);
  while (codeDocs.size > MAX_CODE_DOCS) codeDocs.delete(codeDocs.keys().next().value!);
  return doc;
}

/** Validates one request and answers it exactly once (the server counts what each worker has in hand). */
async function validate(req: ValidationRequest): Promise<void> {
  const skipped: WorkerReply = { type: 'skipped', uri: req.uri, version: req.version };
  if (!service || !versions) return post(skipped);
  const current = versions;
  const isCancelled = cancelledCheck(current, req);
  if (isCancelled()) return post(skipped);
  try {
    const code = CODE_LANGUAGES.includes(req.languageId);
    if (code) await grammars.ensure(req.languageId);
    const t0 = performance.now();
    // The server's own document class: its line index is built natively, or taken from the JSON parser.
    const doc = code ? codeDoc(req) : service.prepare(FastTextDocument.create(req.uri, req.languageId, req.version, req.text));
    const ls = service;
    // The rules poll between sites; for code that poll also ends the run once the budget is spent.
    const polled = () => { grammars.checkBudget(); return isCancelled(); };
    const diagnostics = doc.kind === 'code'
      ? grammars.withBudget(options.codeBudgetMs, isCancelled, () => ls.doValidation(doc, polled))
      : ls.doValidation(doc, isCancelled);
    // The workspace model's summary reads the parse the rules just made (a file that was not analysed has none).
    let summary: FileSummary | null | undefined;
    if (req.summarize && !isCancelled()) {
      try {
        summary = (doc.kind === 'code' ? grammars.withBudget(options.codeBudgetMs, isCancelled, () => ls.summarize(doc)) : ls.summarize(doc)) ?? null;
      } catch (e) {
        if (!(e instanceof CodeNotAnalysed)) throw e;
        summary = null;
      }
    }
    // Capped here, so that a document with 349,000 problems never crosses the thread boundary whole.
    post(isCancelled() ? skipped : { type: 'diagnostics', uri: req.uri, version: req.version, diagnostics: capDiagnostics(diagnostics, options.maxProblems), ms: performance.now() - t0, ...(summary !== undefined ? { summary } : {}) });
  } catch (e) {
    if (e instanceof AnalysisCancelled || isCancelled()) return post(skipped);
    const err = e as Error;
    post({ type: 'error', uri: req.uri, message: err.stack ?? err.message });
  }
}

/** Answers a hover or completion in route-handler code, exactly once; null for a stale version. */
async function answer(req: CodeRequest): Promise<void> {
  const reply = (result: Extract<WorkerReply, { type: 'answer' }>['result'], error?: string) =>
    post({ type: 'answer', id: req.id, uri: req.uri, result, ...(error ? { error } : {}) });
  if (!service || !versions) return reply(null);
  const current = versions;
  const isCancelled = cancelledCheck(current, req);
  if (isCancelled()) return reply(null);
  try {
    await grammars.ensure(req.languageId);
    const doc = codeDoc(req);
    const ls = service;
    const result = grammars.withBudget(options.codeBudgetMs, isCancelled,
      () => (req.type === 'hover' ? ls.doHover(doc, req.position) : ls.doComplete(doc, req.position)));
    reply(isCancelled() ? null : result);
  } catch (e) {
    if (e instanceof AnalysisCancelled || isCancelled()) return reply(null);
    const err = e as Error;
    reply(null, err.stack ?? err.message);
  }
}

/**
 * Reads closed files of the workspace and answers their summaries for the
 * workspace model, all in one reply. A file's parse is dropped at once (it
 * is not kept with the open documents'); route-handler code is analysed
 * under the same time budget as an open file.
 */
async function summarizeFiles(req: SummaryRequest): Promise<void> {
  const summaries: Array<{ summary: FileSummary | null; note?: string }> = [];
  for (const f of req.files) summaries.push(await summarizeFile(f));
  post({ type: 'summary', id: req.id, uri: SUMMARY_URI, summaries });
}

/** The uri the server counts summary requests under (they are no document's). */
const SUMMARY_URI = '(workspace model)';

async function summarizeFile(req: SummaryRequest['files'][number]): Promise<{ summary: FileSummary | null; note?: string }> {
  if (!service) return { summary: null, note: 'the worker has no language service' };
  try {
    const code = CODE_LANGUAGES.includes(req.languageId);
    if (code && !(await grammars.ensure(req.languageId))) return { summary: null, note: `no grammar for ${req.languageId}` };
    // Unreadable, too large or not text: out of the model, as the scan has always left such files.
    const read = readRegularFile(req.file, req.maxBytes);
    if (!('bytes' in read)) return { summary: null };
    const decoded = decodeText(read.bytes);
    if (!('text' in decoded)) return { summary: null };
    const ls = service;
    // Version -1: a file read from disk is never the editor's version of it.
    const doc = ls.prepare(FastTextDocument.create(req.uri, req.languageId, -1, decoded.text));
    const summary = code ? grammars.withBudget(options.codeBudgetMs, () => false, () => ls.summarize(doc)) : ls.summarize(doc);
    return { summary: summary ?? null };
  } catch (e) {
    if (e instanceof CodeNotAnalysed) return { summary: null, note: e.message };
    const err = e as Error;
    return { summary: null, note: err.stack ?? err.message };
  }
}

async function handle(msg: WorkerMessage): Promise<void> {
  switch (msg.type) {
    case 'init':
      versions = new Int32Array(msg.versions);
      options = msg.options;
      service = getLanguageService({ catalog: catalogOf(msg.layers), settings: msg.settings, workspaceRoot: options.workspaceRoot, codeParsers: grammars });
      break;
    case 'configure':
      if (msg.options) options = { ...options, ...msg.options };
      service?.configure({
        ...(msg.layers ? { catalog: catalogOf(msg.layers) } : {}), ...(msg.settings ? { settings: msg.settings } : {}),
        ...(msg.options && 'workspaceRoot' in msg.options ? { workspaceRoot: msg.options.workspaceRoot } : {}),
      });
      // Derived data was computed with the old catalog and settings.
      codeDocs.clear();
      break;
    case 'forget':
      codeDocs.delete(msg.uri);
      break;
    case 'preload':
      await grammars.ensure(msg.languageId);
      break;
    case 'validate':
      return validate(msg);
    case 'hover':
    case 'complete':
      return answer(msg);
    case 'summarize':
      return summarizeFiles(msg);
  }
}

// Messages are handled one at a time, in order: loading a grammar is
// asynchronous, and a request must not overtake the one before it.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (msg: WorkerMessage) => {
  queue = queue.then(() => handle(msg)).catch((e: Error) => post({ type: 'error', uri: '(worker)', message: e.stack ?? e.message }));
});
