import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, positionOf, ROOT } from './lspClient';

// The workspace model's per-file work runs in the validation workers: the
// scan hands them paths, and the main thread keeps their summaries. What
// shows it without measuring time: the main thread cannot parse
// route-handler code without loading a grammar, and the server logs every
// grammar it loads (a worker's lines start with "worker: "). Here no code
// document is open, so only the scan needs the JavaScript grammar; the model
// still knows the closed handler's routes and lines.

const DIR = path.join(ROOT, 'test', 'fixtures', 'workspace', 'express');
const SPEC_URI = pathToFileURL(path.join(DIR, 'openapi.yaml')).toString();
const SPEC = fs.readFileSync(path.join(DIR, 'openapi.yaml'), 'utf8');
const CODE = fs.readFileSync(path.join(DIR, 'app.js'), 'utf8');

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(DIR).toString(), undefined, { window: { workDoneProgress: true } });
});
after(async () => { await client.close(); });

test('closed handler files are parsed in the workers only: the model knows their routes, and the main thread loads no grammar', async () => {
  client.open(SPEC_URI, 'yaml', SPEC);
  await client.waitFor('$/progress', (p) => p.value?.kind === 'end');
  // The spec-side finding needs the closed handler's routes and statuses.
  const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === SPEC_URI && p.diagnostics.some((d: any) => d.code === 'spec-status-unanswered'));
  assert.match(published.diagnostics.find((d: any) => d.code === 'spec-status-unanswered').message, /No handler answers 410 Gone for GET \/users\/\{id\}: its handler in app\.js/);
  // The hover names the handler's line, which the worker's summary carries.
  const { line, character } = positionOf(SPEC, "'404'");
  const card = (await client.hover(SPEC_URI, line, character + 1))?.contents?.value ?? '';
  const handlerLine = CODE.split('\n').findIndex((l) => l.includes('status(404)')) + 1;
  assert.match(card, new RegExp(`\\n\\nAnswered by \`app\\.js:${handlerLine}\` \\(GET /users/\\\\\\{id\\\\\\}\\)\\.$`));
  const grammarLines = client.notifications
    .filter((n) => n.method === 'window/logMessage' && /grammar tree-sitter-javascript\.wasm loaded/.test(n.params.message))
    .map((n) => String(n.params.message));
  assert.ok(grammarLines.length > 0, 'a worker loaded the JavaScript grammar for the scan');
  // Log lines start with their time: `[20:58:58.720] worker: grammar … loaded in 73 ms`.
  assert.deepEqual(grammarLines.filter((m) => !/^(\[[^\]]*\] )?worker: /.test(m)), [], 'the main thread loaded no grammar');
});
