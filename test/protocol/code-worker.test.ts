import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, ROOT, positionOf } from './lspClient';
import { bigHandlerFile } from '../helpers/bigSpec';
import { MAX_CODE_CHARS } from '../../server/src/service/code/limits';

// Route-handler code is parsed and analysed in the worker threads, not on the
// server's main thread (issue 19): while a 2 MB handler file is being
// analysed, hovers and completions in other documents are answered at once;
// a file over the size limit gets one diagnostic saying why it was not
// analysed. The promises are checked by the order of the answers, never by a
// clock; the latency itself is a benchmark (npm run bench -- code-worker).

const EXPRESS = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'code', 'express.js'), 'utf8');
const SPEC = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /things:\n    get:\n      responses:\n        '500':\n          description: oops\n";

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize();
});
after(async () => { await client.close(); });

test('while a 2 MB handler file is analysed, hovers and completions in other documents answer before it is done', async () => {
  const small = 'file:///w/small.js';
  const spec = 'file:///w/openapi.yaml';
  const big = 'file:///w/big.js';
  // The small file first, so that one worker has the JavaScript grammar and the catalog ready.
  client.open(small, 'javascript', EXPRESS);
  await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === small && p.diagnostics.length > 0, 30_000);
  client.open(spec, 'yaml', SPEC);

  let bigDone = false;
  const bigDiagnostics = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === big, 120_000).then((p) => { bigDone = true; return p; });
  client.open(big, 'javascript', bigHandlerFile(EXPRESS, 2 * 1024 * 1024));

  const at400 = positionOf(EXPRESS, 'res.status(400', 11);
  const hover = await client.hover(small, at400.line, at400.character);
  assert.equal(bigDone, false, 'the other document\'s hover came after the big file was done');
  assert.match(hover.contents.value, /\*\*400 Bad Request\*\*/);

  const inCall = positionOf(EXPRESS, 'res.status(299', 11);
  const completion = await client.request('textDocument/completion', { textDocument: { uri: small }, position: inCall });
  assert.equal(bigDone, false, 'the completion came after the big file was done');
  const first = [...completion.items].sort((a: { sortText: string }, b: { sortText: string }) => a.sortText.localeCompare(b.sortText))[0];
  assert.equal(first?.label, 'StatusCodes.NO_CONTENT', 'the DELETE route\'s first code, in the file\'s constants');

  const line500 = SPEC.split('\n').findIndex((l) => l.includes("'500'"));
  const specHover = await client.hover(spec, line500, 10);
  assert.equal(bigDone, false, 'the OpenAPI hover came after the big file was done');
  assert.match(specHover.contents.value, /500 Internal Server Error/);

  // The big file ends either analysed (its rules' diagnostics) or over the time budget (exactly one diagnostic saying so).
  const published = await bigDiagnostics;
  const notAnalysed = published.diagnostics.filter((d: { message: string }) => /not analysed/.test(d.message));
  if (notAnalysed.length) {
    assert.equal(published.diagnostics.length, 1);
    assert.match(notAnalysed[0].message, /longer than the 5-second budget/);
  } else {
    assert.ok(published.diagnostics.some((d: { code: string }) => d.code === 'code-status-invalid'), 'the big file was analysed');
  }
});

test('an edit never leaves a stale answer: the hover after a change reads the new text', async () => {
  const uri = 'file:///w/edited.js';
  client.open(uri, 'javascript', EXPRESS);
  const at = positionOf(EXPRESS, 'res.status(400', 11);
  assert.match((await client.hover(uri, at.line, at.character)).contents.value, /\*\*400 Bad Request\*\*/);
  client.change(uri, EXPRESS.replace('res.status(400)', 'res.status(418)'), 2);
  assert.match((await client.hover(uri, at.line, at.character)).contents.value, /\*\*418/);
  client.change(uri, EXPRESS.replace('res.status(400)', 'res.status(409)'), 3);
  assert.match((await client.hover(uri, at.line, at.character)).contents.value, /\*\*409 Conflict\*\*/);
});

test('a handler file over the size limit gets exactly one diagnostic, at the top, saying it was not analysed and why', async () => {
  const uri = 'file:///w/huge.js';
  const text = bigHandlerFile(EXPRESS, MAX_CODE_CHARS + 1);
  client.open(uri, 'javascript', text);
  const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 60_000);
  assert.equal(published.diagnostics.length, 1);
  const [d] = published.diagnostics;
  assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(d.severity, 3, 'information');
  assert.match(d.message, /^This file was not analysed for HTTP statuses and routes .*: it is 5(\.\d)? MB, over the 5 MB limit for route-handler files\.$/);
  const at = positionOf(text, 'res.status(400', 11);
  assert.equal(await client.hover(uri, at.line, at.character), null);
});
