import { parentPort } from 'node:worker_threads';
// Custom layers may hold guideline files (*.yaml) besides topic pages.
import { buildLayeredCatalog } from '../service/catalog/guidelineFile';
import type { Catalog } from '../service/catalog/catalog';
import type { CatalogPage } from '../service/catalog/types';
import { getLanguageService, type LanguageService } from '../service/languageService';
import { FastTextDocument } from '../service/textDocument';
import type { ValidationRequest, WorkerMessage } from './validationProtocol';

// The validation worker: runs the whole rule set on a copy of the document
// text, off the server's main thread, so hovers and completions never wait
// for a 2-second validation of a huge spec. It keeps one language service
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

function validate(req: ValidationRequest): void {
  if (!service || !versions) return;
  const current = versions;
  const isCancelled = () => Atomics.load(current, req.slot) !== req.version;
  if (isCancelled()) return;
  const t0 = performance.now();
  try {
    // The server's own document class: its line index is built natively, or taken from the JSON parser.
    const doc = service.prepare(FastTextDocument.create(req.uri, req.languageId, req.version, req.text));
    const diagnostics = service.doValidation(doc, isCancelled);
    if (!isCancelled()) parentPort!.postMessage({ type: 'diagnostics', uri: req.uri, version: req.version, diagnostics, ms: performance.now() - t0 });
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
