import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { AnalysisCancelled, createGrammarLoader } from '../../server/src/node/grammars';
import { BackgroundValidator } from '../../server/src/node/validator';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import { MAX_CODE_CHARS, sizeReason } from '../../server/src/service/code/limits';
import { getLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { FastTextDocument } from '../../server/src/service/textDocument';
import { manyWarningsSpec } from '../hostile/inputs';
import { ROOT, shippedCatalog } from '../helpers/service';

// The limits on analysing one route-handler file (code/limits.ts) and where
// they are enforced: the size limit in the service, the time budget by the
// parser and the tree's root (node/grammars.ts), both in the worker threads
// (node/validationWorker.ts), which also cap the problems they send back.

const EXPRESS = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'code', 'express.js'), 'utf8');
const WORKER = path.join(ROOT, 'out', 'server', 'src', 'node', 'validationWorker.js');

async function codeService() {
  const loader = createGrammarLoader([path.join(ROOT, 'out', 'server', 'src', 'node')]);
  assert.ok(await loader.ensure('javascript'));
  return { loader, ls: getLanguageService({ catalog: shippedCatalog(), codeParsers: loader }) };
}

/** Where `400` starts in the Express fixture's `res.status(400)`. */
const AT_400 = (() => {
  const offset = EXPRESS.indexOf('res.status(400') + 11;
  const before = EXPRESS.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
})();

const docOf = (text: string, version = 1) => FastTextDocument.create('file:///w/routes.js', 'javascript', version, text);

test('the size limit holds at its boundary: MAX_CODE_CHARS characters are analysed, one more is not', () => {
  assert.equal(sizeReason('x'.repeat(MAX_CODE_CHARS)), undefined);
  assert.deepEqual(sizeReason('x'.repeat(MAX_CODE_CHARS + 1)), { kind: 'size', chars: MAX_CODE_CHARS + 1 });
});

test('over the size limit: one information diagnostic at the top saying so, no hover, no completion, and no parse', async () => {
  const { ls } = await codeService();
  let parsed = false;
  const spy = getLanguageService({ catalog: shippedCatalog(), codeParsers: { get: () => ({ parse: () => { parsed = true; throw new Error('parsed'); } }) } });
  for (const service of [ls, spy]) {
    const doc = service.prepare(docOf(`${EXPRESS}\n${' '.repeat(MAX_CODE_CHARS)}`));
    const diagnostics = service.doValidation(doc);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, 3);
    assert.deepEqual(diagnostics[0].range.start, { line: 0, character: 0 });
    assert.match(String(diagnostics[0].message), /not analysed .*: it is 5 MB, over the 5 MB limit/);
    assert.equal(service.doHover(doc, AT_400), null);
    assert.equal(service.doComplete(doc, AT_400), null);
  }
  assert.equal(parsed, false);
});

test('over the time budget: the analysis stops, the file gets the one diagnostic, and the version is not tried again', async () => {
  const { loader, ls } = await codeService();
  const doc = ls.prepare(docOf(EXPRESS));
  // A budget of 0 ms is spent before the first lookup from the root.
  const diagnostics = loader.withBudget(0, () => false, () => ls.doValidation(doc));
  assert.deepEqual(diagnostics.map((d) => d.message), [
    'This file was not analysed for HTTP statuses and routes (no hovers, completions or diagnostics here): analysing it took longer than the 0-second budget; the next edit tries again.',
  ]);
  assert.equal(loader.withBudget(0, () => false, () => ls.doHover(doc, AT_400)), null);
  // Without a budget the same version still says so (it is remembered), and the next version is analysed.
  assert.equal(ls.doValidation(doc).length, 1);
  const next = ls.prepare(docOf(EXPRESS, 2));
  assert.ok(loader.withBudget(60_000, () => false, () => ls.doValidation(next)).some((d) => d.code === 'code-status-invalid'));
});

test('a newer version cancels a running parse or analysis: AnalysisCancelled, not a diagnostic', async () => {
  const { loader, ls } = await codeService();
  const doc = ls.prepare(docOf(EXPRESS));
  assert.throws(() => loader.withBudget(60_000, () => true, () => ls.doValidation(doc)), AnalysisCancelled);
  // Nothing is remembered for a cancelled run.
  assert.ok(ls.doValidation(doc).some((d) => d.code === 'code-status-invalid'));
  // The rules poll between sites, so a stale run stops there too (its partial result is dropped by the caller).
  assert.deepEqual(ls.doValidation(ls.prepare(docOf(EXPRESS, 2)), () => true), []);
});

/** A validator over the compiled worker, resolving each result as it comes. */
function validatorWith(options: { maxProblems: number; codeBudgetMs: number }) {
  const results: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
  const errors: string[] = [];
  let wake: (() => void) | undefined;
  const layers = [readCatalogDir(path.join(ROOT, 'catalog', 'topics'), () => undefined)];
  const v = new BackgroundValidator(layers, DEFAULT_SETTINGS, options,
    (uri, _version, diagnostics) => { results.push({ uri, diagnostics }); wake?.(); },
    (uri, message) => { errors.push(`${uri}: ${message}`); wake?.(); }, WORKER);
  const next = async (uri: string) => {
    for (;;) {
      const hit = results.find((r) => r.uri === uri);
      if (hit) return hit.diagnostics;
      assert.deepEqual(errors, []);
      await new Promise<void>((r) => (wake = r));
    }
  };
  return { v, next };
}

test('in the worker: route-handler code runs under the budget, and problems are capped before they leave it', async () => {
  const { v, next } = validatorWith({ maxProblems: 5, codeBudgetMs: 0 });
  try {
    v.validate('file:///w/routes.js', 'javascript', 1, EXPRESS);
    const code = await next('file:///w/routes.js');
    assert.deepEqual(code.map((d) => String(d.message).replace(/:.*/, '')), ['This file was not analysed for HTTP statuses and routes (no hovers, completions or diagnostics here)']);
    assert.equal(await v.request('hover', 'file:///w/routes.js', 'javascript', 1, EXPRESS, AT_400), null);
    v.validate('file:///w/many.yaml', 'yaml', 1, manyWarningsSpec(50));
    const capped = await next('file:///w/many.yaml');
    assert.equal(capped.length, 6);
    assert.match(String(capped[5].message), /^\d+ more problems in this file not shown .*only the first 5 are listed$/);
  } finally {
    await v.dispose();
  }
});

test('in the worker: hovers and completions in route-handler code are answered there', async () => {
  const { v } = validatorWith({ maxProblems: 1000, codeBudgetMs: 60_000 });
  try {
    const hover = await v.request('hover', 'file:///w/routes.js', 'javascript', 1, EXPRESS, AT_400);
    assert.match((hover as { contents: { value: string } }).contents.value, /\*\*400 Bad Request\*\*/);
    const list = await v.request('complete', 'file:///w/routes.js', 'javascript', 2, EXPRESS.replace('status(400)', 'status()'), AT_400);
    assert.ok(list && 'items' in list && list.items.length > 0);
  } finally {
    await v.dispose();
  }
});

test('in the worker: a worker that stops answers its waiting requests with null (none waits for ever)', async () => {
  const { v } = validatorWith({ maxProblems: 1000, codeBudgetMs: 60_000 });
  const big = EXPRESS.repeat(200);
  const pending = v.request('hover', 'file:///w/big.js', 'javascript', 1, big, AT_400);
  await v.dispose();
  assert.equal(await pending, null);
  assert.equal(v.workers, 0);
});
