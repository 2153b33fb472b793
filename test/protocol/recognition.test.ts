import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, positionOf } from './lspClient';

// A document the server does not recognise as OpenAPI gets nothing at all,
// in silence; these are valid forms that must be recognised over the real
// protocol: a byte order mark the client did not strip, a quoted root key,
// and JSON text in a file the editor calls YAML.

const YAML = `openapi: 3.0.3\ninfo:\n  title: Pets\n  version: '1'\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n        '429':\n          description: slow down\n`;

let client: LspClient;
let version = 0;
before(async () => {
  client = new LspClient();
  await client.initialize();
});
after(() => client.close());

/** Opens a document, waits for its diagnostics, and hovers on the `'429'` / `"429"` key. */
async function check(name: string, languageId: string, text: string, needle: string) {
  const uri = `file:///ws/${name}`;
  const v = ++version;
  client.open(uri, languageId, text, v);
  const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v, 20000);
  const pos = positionOf(text, needle, 2);
  const hover = await client.hover(uri, pos.line, pos.character);
  return { diagnostics: published.diagnostics as { code: string; range: { start: { line: number; character: number } } }[], hover, pos };
}

/** Asserts the 429 card and a retry-after diagnostic on the 429 key's line. */
function assertRecognised(r: Awaited<ReturnType<typeof check>>): void {
  assert.ok(r.hover, 'expected a hover card');
  assert.match(r.hover.contents.value, /429 Too Many Requests/);
  const retry = r.diagnostics.find((d) => d.code === 'retry-after');
  assert.ok(retry, `no retry-after in ${JSON.stringify(r.diagnostics.map((d) => d.code))}`);
  assert.equal(retry.range.start.line, r.pos.line);
}

test('a YAML document starting with a byte order mark (not stripped by the client)', async () => {
  const text = `\uFEFF${YAML}`;
  const r = await check('bom.yaml', 'yaml', text, "'429'");
  assertRecognised(r);
  // The mark is one character of line 0 only: the key keeps the column it has without it.
  const plain = await check('plain.yaml', 'yaml', YAML, "'429'");
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.range.start]), plain.diagnostics.map((d) => [d.code, d.range.start]));
});

test('a YAML document whose root key is quoted ("openapi" and \'swagger\')', async () => {
  assertRecognised(await check('quoted.yaml', 'yaml', YAML.replace('openapi: 3.0.3', '"openapi": "3.0.3"'), "'429'"));
  const swagger = `'swagger': '2.0'\ninfo:\n  title: Pets\n  version: '1'\npaths:\n  /pets:\n    get:\n      responses:\n        200:\n          description: ok\n        '429':\n          description: slow down\n`;
  assertRecognised(await check('swagger.yaml', 'yaml', swagger, "'429'"));
});

test('JSON text in a file the editor calls YAML', async () => {
  const json = JSON.stringify({ openapi: '3.1.0', info: { title: 'Pets', version: '1' }, paths: { '/pets': { get: { responses: { 200: { description: 'ok' }, 429: { description: 'slow down' } } } } } }, null, 2);
  const asYaml = await check('api.yaml', 'yaml', json, '"429"');
  assertRecognised(asYaml);
  const asJson = await check('api.json', 'json', json, '"429"');
  assert.deepEqual(asYaml.diagnostics.map((d) => [d.code, d.range.start]), asJson.diagnostics.map((d) => [d.code, d.range.start]));
});

test('in a workspace: tests and ignored files get no diagnostics (an empty list), hovers still work there', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-skip-'));
  fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'ignore:\n  - specs/legacy/\n');
  const ws = new LspClient();
  try {
    await ws.initialize(pathToFileURL(dir).toString());
    const code = "import express from 'express';\nconst app = express();\napp.get('/a', (req, res) => res.status(700).end());\n";
    const open = async (rel: string, languageId: string, text: string, nonEmpty = false) => {
      const uri = pathToFileURL(path.join(dir, rel)).toString();
      ws.open(uri, languageId, text, 1);
      const p = await ws.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri && x.version === 1 && (!nonEmpty || x.diagnostics.length > 0), 20000);
      return { uri, codes: (p.diagnostics as { code: string }[]).map((d) => String(d.code)) };
    };
    // The TypeScript grammar loads while the first file opens (an empty list may come first);
    // once it has its diagnostic, the grammar is ready for the test file's first and only list.
    assert.deepEqual((await open('src/app.ts', 'typescript', code, true)).codes, ['code-status-invalid']);
    const test = await open('src/app.test.ts', 'typescript', code);
    assert.deepEqual(test.codes, []);
    const pos = positionOf(code, '700', 1);
    const hover = await ws.hover(test.uri, pos.line, pos.character);
    assert.match(hover?.contents.value ?? '', /700/, 'the hover still answers in a test file');
    assert.ok((await open('specs/api.yaml', 'yaml', YAML)).codes.includes('retry-after'));
    assert.deepEqual((await open('specs/legacy/api.yaml', 'yaml', YAML)).codes, []);
  } finally {
    await ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
