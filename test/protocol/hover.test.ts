import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from './lspClient';

const FIVE_URLS = [
  'https://github.com/cloudfoundry/cc-api-v3-style-guide#server-errors',
  'https://github.com/Haufe-Lexware/api-style-guide/blob/master/http-status-codes/http-status-codes.md',
  'https://github.com/interagent/http-api-design/blob/master/en/responses/return-appropriate-status-codes.md',
  'https://github.com/WhiteHouse/api-standards/blob/master/README.md#error-handling',
  'https://opensource.zalando.com/restful-api-guidelines/#_server_side_error_codes',
];
const FIVE_NAMES = ['Server Errors', 'HTTP Status Codes', 'Return appropriate status codes', 'Error handling', 'Server Side Error Codes'];

let client: LspClient;
before(async () => {
  client = new LspClient();
  const init = await client.initialize();
  assert.equal(init.capabilities.hoverProvider, true);
});
after(() => client.close());

function assertCard(hover: any): void {
  assert.ok(hover, 'expected a hover');
  assert.equal(hover.contents.kind, 'markdown');
  const md: string = hover.contents.value;
  assert.match(md, /500 Internal Server Error/);
  assert.match(md, /unexpected/i, 'the description');
  for (const u of FIVE_URLS) assert.ok(md.includes(`(${u})`), `missing ${u}`);
  for (const n of FIVE_NAMES) assert.ok(md.includes(`[${n}]`), `missing ${n}`);
}

test("hover on '500' in an OpenAPI 3.0 YAML document", async () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: Pets\n  version: '1'\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n        '500':\n          description: boom\n`;
  client.open('file:///ws/pets.yaml', 'yaml', text);
  const pos = positionOf(text, "'500'", 2);
  const hover = await client.hover('file:///ws/pets.yaml', pos.line, pos.character);
  assertCard(hover);
  assert.deepEqual(hover.range, { start: { line: pos.line, character: pos.character - 2 }, end: { line: pos.line, character: pos.character + 3 } });
});

test('hover on "500" in an OpenAPI 3.1 JSON document', async () => {
  const text = JSON.stringify({ openapi: '3.1.0', info: { title: 'Pets', version: '1' }, paths: { '/pets': { post: { responses: { '201': { description: 'made' }, '500': { description: 'boom' } } } } } }, null, 2);
  client.open('file:///ws/pets.json', 'json', text);
  const pos = positionOf(text, '"500"', 2);
  assertCard(await client.hover('file:///ws/pets.json', pos.line, pos.character));
});

test('hover on 500: in a Swagger 2.0 document', async () => {
  const text = `swagger: "2.0"\ninfo:\n  title: Pets\n  version: "1"\npaths:\n  /pets:\n    delete:\n      responses:\n        204:\n          description: gone\n        500:\n          description: boom\n`;
  client.open('file:///ws/swagger.yaml', 'yaml', text);
  const pos = positionOf(text, '500:', 1);
  assertCard(await client.hover('file:///ws/swagger.yaml', pos.line, pos.character));
});

test('no card in a YAML file that is not an OpenAPI document', async () => {
  const text = `services:\n  web:\n    image: nginx\n    responses:\n      '500': oops\n`;
  client.open('file:///ws/compose.yaml', 'yaml', text);
  const pos = positionOf(text, "'500'", 2);
  assert.equal(await client.hover('file:///ws/compose.yaml', pos.line, pos.character), null);
});

test('edits are applied incrementally and hover follows them', async () => {
  const uri = 'file:///ws/edit.yaml';
  const text = `openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n`;
  client.open(uri, 'yaml', text);
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 5, character: 9 }, end: { line: 5, character: 12 } }, text: '500' }],
  });
  assertCard(await client.hover(uri, 5, 10));
});

test('binary junk and a huge unknown file neither crash the server nor answer', async () => {
  client.open('file:///ws/junk.yaml', 'yaml', '\u0000\u0001\u0002openapi: \uFFFF\n\u0000: [\n');
  assert.equal(await client.hover('file:///ws/junk.yaml', 1, 1), null);
  client.open('file:///ws/big.json', 'json', `[${'1,'.repeat(2_000_000)}1]`);
  assert.equal(await client.hover('file:///ws/big.json', 0, 100), null);
  // Still serving.
  const text = `openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '500':\n          description: x\n`;
  client.open('file:///ws/after.yaml', 'yaml', text);
  assertCard(await client.hover('file:///ws/after.yaml', 5, 10));
});
