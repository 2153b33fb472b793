import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from './lspClient';

let client: LspClient;
before(async () => {
  client = new LspClient();
  const init = await client.initialize();
  assert.ok(init.capabilities.completionProvider, 'the server offers completion');
});
after(() => client.close());

/** The items as an editor orders them: by sortText, then label. */
function ordered(list: any): any[] {
  assert.ok(list && Array.isArray(list.items), `expected a completion list, got ${JSON.stringify(list)}`);
  return [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

function complete(uri: string, position: { line: number; character: number }): Promise<any> {
  return client.request('textDocument/completion', { textDocument: { uri }, position });
}

test('under responses: of a POST, 201 comes first, codes present are left out, the snippet has a description', async () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: Pets\n  version: '1'\npaths:\n  /pets:\n    post:\n      responses:\n        '400':\n          description: bad\n        \n`;
  const uri = 'file:///ws/post.yaml';
  client.open(uri, 'yaml', text);
  const items = ordered(await complete(uri, { line: 10, character: 8 }));
  assert.deepEqual(items.slice(0, 4).map((i) => i.label), ['201', '202', '409', '422']);
  assert.ok(!items.some((i) => i.label === '400'));
  const first = items[0];
  assert.equal(first.insertTextFormat, 2, 'a snippet');
  assert.match(first.textEdit.newText, /^'201':\n {10}description: \$\{1:Created\}/);
  assert.deepEqual(first.textEdit.range, { start: { line: 10, character: 8 }, end: { line: 10, character: 8 } });
  assert.equal(first.documentation.kind, 'markdown');
  assert.match(first.documentation.value, /201 Created/);
  // The full card, with every guide's section links, arrives on resolve.
  const resolved = await client.request('completionItem/resolve', first);
  assert.match(resolved.documentation.value, /### 201 Created/);
  assert.match(resolved.documentation.value, /What the guides say/);
  assert.equal(resolved.textEdit.newText, first.textEdit.newText);
});

test('in a JSON document, a GET ranks 200, 304, 404 and keys are double-quoted', async () => {
  const text = `{\n  "openapi": "3.1.0",\n  "paths": {\n    "/pets/{id}": {\n      "get": {\n        "responses": {\n          ""\n        }\n      }\n    }\n  }\n}\n`;
  const uri = 'file:///ws/get.json';
  client.open(uri, 'json', text);
  const pos = positionOf(text, '""', 1);
  const items = ordered(await complete(uri, pos));
  assert.deepEqual(items.slice(0, 3).map((i) => i.label), ['200', '304', '404']);
  assert.match(items[0].textEdit.newText, /^"200": \{\n {12}"description": "\$\{1:OK\}"\n {10}\}$/);
});

test('methods under a path item, and nothing at all in a file that is not OpenAPI', async () => {
  const text = `openapi: 3.0.3\npaths:\n  /pets/{id}:\n    get:\n      responses:\n        '200': {description: ok}\n    \n`;
  const uri = 'file:///ws/methods.yaml';
  client.open(uri, 'yaml', text);
  const items = ordered(await complete(uri, { line: 6, character: 4 }));
  assert.deepEqual(items.slice(0, 3).map((i) => i.label), ['put', 'patch', 'delete']);
  client.open('file:///ws/compose.yaml', 'yaml', 'services:\n  responses:\n    \n');
  assert.equal(await complete('file:///ws/compose.yaml', { line: 2, character: 4 }), null);
});

test('a completion on a 10 MB specification still answers (its speed is in the bench)', async () => {
  const op = (i: number) => `  /things${i}/{id}:\n    get:\n      description: ${'x'.repeat(200)}\n      responses:\n        '200':\n          description: ok\n`;
  const parts = ['openapi: 3.0.3\ninfo:\n  title: big\n  version: "1"\npaths:\n'];
  let size = parts[0].length;
  for (let i = 0; size < 10_000_000; i++) {
    const p = op(i);
    parts.push(p);
    size += p.length;
  }
  parts.push("  /last:\n    post:\n      responses:\n        \n");
  const text = parts.join('');
  const uri = 'file:///ws/big.yaml';
  client.open(uri, 'yaml', text);
  const line = text.split('\n').length - 2;
  const items = ordered(await complete(uri, { line, character: 8 }));
  assert.equal(items[0].label, '201');
});
