import { parentPort } from 'node:worker_threads';
// Custom layers may hold guideline files (*.yaml) besides topic pages.
import { buildLayeredCatalog } from '../service/catalog/guidelineFile';
import type { Catalog } from '../service/catalog/catalog';
import type { CatalogPage } from '../service/catalog/types';
import { getLanguageService, type LanguageService } from '../service/languageService';
import { FastTextDocument } from '../service/textDocument';
import type { ValidationRequest, WorkerMessage, WorkerReply } from './validationProtocol';

// The validation worker: runs the whole rule set on a copy of the document
// text, off the server's main thread, so hovers and completions never wait
// for a 2-second validation of a huge spec (and the server starts a second
// one so that such a spec does not hold up the diagnostics of others). It keeps one language service
// (and whatever the rules cache between versions) for its lifetime.

let service: LanguageService | undefined;
let versions: Int32Array | undefined;

/** The catalog of these layers; should building fail, the shipped layer alone (the server does the same). */
function catalogOf(layers: CatalogPage[][]): Catalog {
  try {
    return buildLayeredCatalog(layers);
  } catch {
    return buildLayeredCatalog(layers.slice(0, 1));
  }
}

/** Validates one request and answers it exactly once (the server counts what each worker has in hand). */
function validate(req: ValidationRequest): void {
  const skipped: WorkerReply = { type: 'skipped', uri: req.uri, version: req.version };
  if (!service || !versions) return void parentPort!.postMessage(skipped);
  const current = versions;
  // Slot -1: more documents are open than there are slots; such a run is never cut short (its stale result is dropped by the server).
  const isCancelled = req.slot < 0 ? () => false : () => Atomics.load(current, req.slot) !== req.version;
  if (isCancelled()) return void parentPort!.postMessage(skipped);
  const t0 = performance.now();
  try {
    // The server's own document class: its line index is built natively, or taken from the JSON parser.
    const doc = service.prepare(FastTextDocument.create(req.uri, req.languageId, req.version, req.text));
    const diagnostics = service.doValidation(doc, isCancelled);
    parentPort!.postMessage(isCancelled() ? skipped : { type: 'diagnostics', uri: req.uri, version: req.version, diagnostics, ms: performance.now() - t0 });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ type: 'error', uri: req.uri, message: err.stack ?? err.message });
  }
}

parentPort!.on('message', (msg: WorkerMessage) => {
  switch (msg.type) {
    case 'init':
      versions = new Int32Array(msg.versions);
      service = getLanguageService({ catalog: catalogOf(msg.layers), settings: msg.settings });
      break;
    case 'configure':
      service?.configure({ ...(msg.layers ? { catalog: catalogOf(msg.layers) } : {}), ...(msg.settings ? { settings: msg.settings } : {}) });
      break;
    case 'validate':
      validate(msg);
      break;
  }
});
