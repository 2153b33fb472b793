import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type StylebookSettings } from '../../server/src/service/settings';
import { ROOT, service, withCursor } from '../helpers/service';

/** Completes at the `|` and returns the items in the order an editor shows them (by sortText, then label). */
function complete(textWithCursor: string, languageId = 'yaml', settings?: StylebookSettings): CompletionItem[] {
  const ls = service(settings);
  const { doc, position } = withCursor(textWithCursor, languageId);
  const list = ls.doComplete(ls.prepare(doc), position);
  if (!list) return [];
  return [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

/** Applies an item's edits (main and additional) to the document and drops snippet tab stops. */
function apply(textWithCursor: string, it: CompletionItem, languageId = 'yaml'): string {
  const { doc } = withCursor(textWithCursor, languageId);
  const edits = [it.textEdit as TextEdit, ...(it.additionalTextEdits ?? [])];
  const out = TextDocument.applyEdits(doc, edits);
  // Expand the snippet as an editor does: placeholders become their text, tab stops vanish, escapes resolve.
  return out
    .replace(/(?<!\\)\$\{\d+:((?:\\.|[^\\}])*)\}/g, '$1')
    .replace(/(?<!\\)\$(\{\d+\}|\d+)/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const OAS30 = (paths: string) => `openapi: 3.0.3\ninfo:\n  title: Pets\n  version: '1'\npaths:\n${paths}`;

// ------------------------------------------------------------ status codes

test('status codes under a POST are ranked 201, 202, 400, 409, 422 first', () => {
  const items = complete(OAS30(`  /pets:\n    post:\n      responses:\n        |\n`));
  assert.deepEqual(labels(items).slice(0, 5), ['201', '202', '400', '409', '422']);
  assert.equal(items[0].preselect, true);
});

test('status codes under GET, DELETE, PUT and PATCH follow their own ranking', () => {
  const first = (method: string, n: number) => labels(complete(OAS30(`  /pets/{id}:\n    ${method}:\n      responses:\n        |\n`))).slice(0, n);
  assert.deepEqual(first('get', 3), ['200', '304', '404']);
  assert.deepEqual(first('delete', 3), ['204', '202', '404']);
  assert.deepEqual(first('put', 4), ['200', '204', '201', '412']);
  assert.deepEqual(first('patch', 5), ['200', '204', '409', '412', '422']);
});

test('codes already present are not offered again, whatever their quoting', () => {
  const items = complete(OAS30(`  /pets:\n    post:\n      responses:\n        '201':\n          description: made\n        |\n        "400":\n          description: bad\n        409:\n          description: dup\n`));
  const l = labels(items);
  for (const gone of ['201', '400', '409']) assert.ok(!l.includes(gone), `${gone} must not be offered`);
  assert.deepEqual(l.slice(0, 2), ['202', '422']);
});

test('every status item carries its card, its reason phrase and a ranking key', () => {
  const items = complete(OAS30(`  /pets:\n    post:\n      responses:\n        |\n`));
  const created = items.find((i) => i.label === '201')!;
  assert.equal(created.detail, '201 Created');
  assert.match(created.sortText!, /^0/);
  // Inline: the compact form (facts, the topic's description, who covers it); the full card comes on resolve.
  const doc = (created.documentation as { value: string }).value;
  assert.match(doc, /^\*\*201 Created\*\*\n\nFits POST: /);
  assert.ok(doc.includes(service().catalog.get('http-status-201')!.description.slice(0, 40).replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)), doc);
  assert.match(doc, /guides cover it: /);
  assert.doesNotMatch(doc, /\]\(https?:/, 'no section links inline');
  const full = (service().doResolve(created).documentation as { value: string }).value;
  assert.match(full, /### 201 Created/);
  assert.match(full, /Fits POST/);
  assert.match(full, /What the guides say/);
  assert.match(full, /\]\(https?:\/\//);
  // Reserved and obsolete codes are never offered.
  assert.ok(!labels(items).includes('306'));
  assert.ok(!labels(items).includes('418'));
});

test('resolve fills in the full card of every kind of item and passes foreign items through', () => {
  const ls = service({ ...DEFAULT_SETTINGS, guideProfile: ['Zalando'] });
  const texts: Array<[string, string]> = [
    [OAS30(`  /pets:\n    post:\n      responses:\n        |\n`), 'yaml'],
    [OAS30(`  /pets:\n    |\n`), 'yaml'],
    [OAS30(`  /pets:\n    post:\n      responses:\n        '201':\n          description: x\n          headers:\n            |\n`), 'yaml'],
    [`openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      type: string\n      format: |\n`, 'yaml'],
  ];
  for (const [text, lang] of texts) {
    const items = complete(text, lang);
    assert.ok(items.length > 0, text);
    for (const it of items) {
      const full = ls.doResolve(it);
      const value = (full.documentation as { value: string } | undefined)?.value ?? '';
      assert.match(value, /^### /, `${it.label}: a full card`);
    }
  }
  // Zalando first in the 500 card of a profile that names it.
  const it500 = complete(texts[0][0]).find((i) => i.label === '500')!;
  const card = (ls.doResolve(it500).documentation as { value: string }).value;
  assert.ok(card.indexOf('**Zalando**') < card.indexOf('**Heroku**'), card);
  const foreign = { label: 'x', data: { other: 1 } };
  assert.equal(ls.doResolve(foreign), foreign);
  assert.equal(ls.doResolve({ label: 'y', data: { stylebook: 'junk' } }).documentation, undefined);
});

test('the YAML snippet quotes the code like the siblings and adds a description line', () => {
  const quoted = OAS30(`  /pets:\n    post:\n      responses:\n        '400':\n          description: bad\n        |\n`);
  const it = complete(quoted).find((i) => i.label === '202')!;
  assert.equal(apply(quoted, it), OAS30(`  /pets:\n    post:\n      responses:\n        '400':\n          description: bad\n        '202':\n          description: Accepted\n`));
  const plain = OAS30(`  /pets:\n    post:\n      responses:\n        400:\n          description: bad\n        |\n`);
  assert.match(apply(plain, complete(plain).find((i) => i.label === '202')!), /\n {8}202:\n {10}description: Accepted\n/);
  // With no sibling to copy, YAML gets single quotes so the key stays a string in every YAML version.
  const none = OAS30(`  /pets:\n    post:\n      responses:\n        |\n`);
  assert.match(apply(none, complete(none).find((i) => i.label === '204')!), /\n {8}'204':\n {10}description: No Content\n$/);
});

test('201 brings a Location header, 429 a Retry-After header (OpenAPI 3 schema form)', () => {
  const text = OAS30(`  /pets:\n    post:\n      responses:\n        |\n`);
  const out = apply(text, complete(text).find((i) => i.label === '201')!);
  assert.match(out, /'201':\n {10}description: Created\n {10}headers:\n {12}Location:\n {14}description: .+\n {14}schema:\n {16}type: string\n {16}format: uri\n$/);
  const out429 = apply(text, complete(text).find((i) => i.label === '429')!);
  assert.match(out429, /Retry-After:\n {14}description: .+\n {14}schema:\n {16}type: integer\n {16}minimum: 0\n$/);
});

test('Swagger 2.0 headers carry type directly, without schema', () => {
  const text = `swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths:\n  /pets:\n    post:\n      responses:\n        |\n`;
  const out = apply(text, complete(text).find((i) => i.label === '201')!);
  assert.match(out, /Location:\n {14}description: .+\n {14}type: string\n {14}format: uri\n$/);
});

test('a partly typed code keeps its quote and filters on it', () => {
  const text = OAS30(`  /pets:\n    post:\n      responses:\n        '20|'\n`);
  const it = complete(text).find((i) => i.label === '201')!;
  assert.equal(it.filterText, "'201");
  assert.match(apply(text, it), /\n {8}'201':\n {10}description: Created\n/);
  assert.doesNotMatch(apply(text, it), /'201':'/);
});

test('JSON: codes are double-quoted, commas are added where JSON needs them', () => {
  const json = `{\n  "openapi": "3.1.0",\n  "paths": {\n    "/pets": {\n      "post": {\n        "responses": {\n          "400": { "description": "bad" }\n          |\n        }\n      }\n    }\n  }\n}\n`;
  const items = complete(json, 'json');
  assert.deepEqual(labels(items).slice(0, 4), ['201', '202', '409', '422']);
  const out = apply(json, items[0], 'json');
  const parsed = JSON.parse(out);
  assert.equal(parsed.paths['/pets'].post.responses['201'].description, 'Created');
  assert.equal(parsed.paths['/pets'].post.responses['201'].headers.Location.schema.format, 'uri');
  assert.equal(parsed.paths['/pets'].post.responses['400'].description, 'bad');
});

test('JSON: a member typed before an existing one gets a trailing comma', () => {
  const json = `{\n  "openapi": "3.0.0",\n  "paths": {\n    "/pets": {\n      "get": {\n        "responses": {\n          "|"\n          "404": { "description": "nope" }\n        }\n      }\n    }\n  }\n}\n`;
  const items = complete(json, 'json');
  assert.equal(items[0].label, '200');
  assert.equal(items[0].filterText, '"200');
  const parsed = JSON.parse(apply(json, items[0], 'json'));
  assert.deepEqual(Object.keys(parsed.paths['/pets'].get.responses), ['200', '404']);
});

test('operations under webhooks and callbacks are ranked too', () => {
  const hook = complete(`openapi: 3.1.0\nwebhooks:\n  newPet:\n    post:\n      responses:\n        |\n`);
  assert.equal(hook[0]?.label, '201');
  const cb = complete(OAS30(`  /subscribe:\n    post:\n      callbacks:\n        onEvent:\n          '{$request.body#/url}':\n            delete:\n              responses:\n                |\n`));
  assert.equal(cb[0]?.label, '204');
  const hookMethods = complete(`openapi: 3.1.0\nwebhooks:\n  newPet:\n    |\n`);
  assert.ok(labels(hookMethods).includes('post'));
});

test('no status codes outside an operation\'s responses (components, path level)', () => {
  assert.deepEqual(complete(`openapi: 3.0.3\ncomponents:\n  responses:\n    |\n`), []);
  assert.deepEqual(complete(`openapi: 3.0.3\npaths:\n  /a:\n    responses:\n      |\n`), []);
  assert.deepEqual(complete(`not: openapi\nresponses:\n  |\n`), []);
});

// ------------------------------------------------------------ methods

test('methods under a path item: only those not there yet, collection verbs first', () => {
  const items = complete(OAS30(`  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n    |\n`));
  const l = labels(items);
  assert.ok(!l.includes('get'));
  assert.equal(l[0], 'post');
  for (const m of ['put', 'delete', 'patch', 'head', 'options', 'trace']) assert.ok(l.includes(m), m);
  const doc = (items[0].documentation as { value: string }).value;
  assert.match(doc, /POST\*\* — not safe, not idempotent/);
});

test('methods on a single-resource path rank get, put, patch, delete and insert a first response', () => {
  const text = OAS30(`  /pets/{id}:\n    |\n`);
  const items = complete(text);
  assert.deepEqual(labels(items).slice(0, 4), ['get', 'put', 'patch', 'delete']);
  const out = apply(text, items.find((i) => i.label === 'delete')!);
  assert.match(out, /\n {4}delete:\n {6}summary: \n {6}responses:\n {8}'204':\n {10}description: No Content\n$/);
});

// ------------------------------------------------------------ headers, parameters, formats, media types

test('response headers: Location first under 201, Retry-After first under 429, present ones left out', () => {
  const at = (code: string, existing = '') => labels(complete(OAS30(`  /pets:\n    post:\n      responses:\n        '${code}':\n          description: x\n          headers:\n${existing}            |\n`)));
  assert.equal(at('201')[0], 'Location');
  assert.equal(at('429')[0], 'Retry-After');
  assert.equal(at('405')[0], 'Allow');
  assert.ok(!at('201', '            Location:\n              schema: {type: string}\n').includes('Location'));
});

test('a required header says so in its card', () => {
  const items = complete(OAS30(`  /pets:\n    post:\n      responses:\n        '401':\n          description: x\n          headers:\n            |\n`));
  const it = items.find((i) => i.label === 'WWW-Authenticate')!;
  assert.match((it.documentation as { value: string }).value, /HTTP requires this header in a 401 response/);
});

test('header parameter names: If-Match first for PUT, never Accept/Content-Type/Authorization in OpenAPI 3', () => {
  const items = complete(OAS30(`  /pets/{id}:\n    put:\n      parameters:\n        - in: header\n          name: |\n`));
  assert.equal(items[0].label, 'If-Match');
  for (const ignored of ['Accept', 'Content-Type', 'Authorization']) assert.ok(!labels(items).includes(ignored));
  const post = complete(OAS30(`  /pets:\n    post:\n      parameters:\n        - name: |\n          in: header\n`));
  assert.equal(post[0].label, 'Idempotency-Key');
});

test('query parameter names follow the team\'s pagination style', () => {
  const text = OAS30(`  /pets:\n    get:\n      parameters:\n        - name: |\n          in: query\n`);
  const cursor: StylebookSettings = { ...DEFAULT_SETTINGS, pagination: { style: 'cursor', required: true } };
  assert.deepEqual(labels(complete(text, 'yaml', cursor)).slice(0, 2), ['cursor', 'limit']);
  const page: StylebookSettings = { ...DEFAULT_SETTINGS, pagination: { style: 'page', required: true } };
  const items = complete(text, 'yaml', page);
  assert.deepEqual(labels(items).slice(0, 2), ['page', 'page_size']);
  assert.ok(!labels(items).includes('offset'));
  assert.match((items[0].documentation as { value: string }).value, /pagination style is \*\*page\*\*/);
  // Without a configured style, all three styles are offered.
  const any = labels(complete(text));
  for (const n of ['offset', 'limit', 'cursor', 'page', 'page_size']) assert.ok(any.includes(n), n);
  // A previous item's `in: header` does not leak into this one.
  const next = OAS30(`  /pets:\n    get:\n      parameters:\n        - name: X-Request-ID\n          in: header\n        - name: |\n          in: query\n`);
  assert.equal(complete(next, 'yaml', cursor)[0].label, 'cursor');
});

test('format values follow the sibling type', () => {
  const str = complete(OAS30(`  /pets:\n    get:\n      parameters:\n        - name: since\n          in: query\n          schema:\n            type: string\n            format: |\n`));
  assert.equal(str[0].label, 'date-time');
  assert.match((str[0].documentation as { value: string }).value, /RFC 3339/);
  const int = complete(`openapi: 3.1.0\ncomponents:\n  schemas:\n    Pet:\n      properties:\n        id:\n          format: |\n          type: integer\n`);
  assert.deepEqual(labels(int).slice(0, 2), ['int32', 'int64']);
  const json = complete(`{"openapi": "3.1.0", "components": {"schemas": {"A": {"type": "number", "format": "d|"}}}}`, 'json');
  assert.deepEqual(labels(json).slice(0, 2), ['float', 'double']);
  assert.equal(json[0].filterText, '"float');
});

test('media types: problem+json first under an error response, merge-patch under a PATCH body', () => {
  const err = complete(OAS30(`  /pets:\n    get:\n      responses:\n        '404':\n          description: x\n          content:\n            |\n`));
  assert.equal(err[0].label, 'application/problem+json');
  const patch = complete(OAS30(`  /pets/{id}:\n    patch:\n      requestBody:\n        content:\n          |\n`));
  assert.equal(patch[0].label, 'application/merge-patch+json');
});

// ------------------------------------------------------------ robustness

test('half-typed, broken and odd input never throws and offers nothing where nothing fits', () => {
  const cases: Array<[string, string]> = [
    ['openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        "200: {\n|', 'yaml'],
    ['openapi: 3.0.0\n\0\0\u0001binary|', 'yaml'],
    ['{"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": {|', 'json'],
    ['{"openapi": "3.0.0", "paths": [|]}', 'json'],
    ['openapi: 3.0.0\n|', 'yaml'],
    ['|openapi: 3.0.0', 'yaml'],
  ];
  for (const [text, lang] of cases) assert.doesNotThrow(() => complete(text, lang), text);
  // Unterminated JSON still completes: it is what the user is typing.
  assert.equal(complete(cases[2][0], 'json')[0]?.label, '200');
});

test('JSON: header parameters, media types and placeholders with quotes stay valid JSON', () => {
  const params = `{"openapi": "3.0.0", "paths": {"/a/{id}": {"patch": {"parameters": [{"in": "header", "name": "|"}]}}}}`;
  const items = complete(params, 'json');
  assert.equal(items[0].label, 'If-Match');
  assert.equal(JSON.parse(apply(params, items[0], 'json')).paths['/a/{id}'].patch.parameters[0].name, 'If-Match');
  const headers = `{\n  "openapi": "3.0.0",\n  "paths": {\n    "/a": {\n      "get": {\n        "responses": {\n          "200": {\n            "description": "ok",\n            "headers": {\n              |\n            }\n          }\n        }\n      }\n    }\n  }\n}\n`;
  const link = complete(headers, 'json').find((i) => i.label === 'Link')!;
  const parsed = JSON.parse(apply(headers, link, 'json'));
  assert.match(parsed.paths['/a'].get.responses['200'].headers.Link.description, /rel="next"/);
  const content = `{\n  "openapi": "3.0.0",\n  "paths": {\n    "/a": {\n      "get": {\n        "responses": {\n          "404": {\n            "description": "x",\n            "content": {\n              |\n            }\n          }\n        }\n      }\n    }\n  }\n}\n`;
  const problem = complete(content, 'json')[0];
  assert.equal(problem.label, 'application/problem+json');
  assert.deepEqual(JSON.parse(apply(content, problem, 'json')).paths['/a'].get.responses['404'].content, { 'application/problem+json': { schema: {} } });
});

test('YAML: a media type opens its schema mapping; a placeholder that YAML must quote is quoted', () => {
  const text = OAS30(`  /pets:\n    post:\n      requestBody:\n        content:\n          |\n`);
  const json = complete(text).find((i) => i.label === 'application/json')!;
  assert.match(json.textEdit!.newText, /^application\/json:\n {12}schema:\n {14}\$0$/);
  const hdr = OAS30(`  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          headers:\n            |\n`);
  const link = complete(hdr).find((i) => i.label === 'Link')!;
  assert.match(link.textEdit!.newText, /description: '\$\{1:Typed links \(RFC 8288\), for example rel="next" for the next page\.\}'/);
});

test('completion at every offset of real and mangled specifications never throws', () => {
  const ls = service();
  const dir = path.join(ROOT, 'test', 'e2e', 'workspaces', 'specs');
  const files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.ok(files.length >= 2);
  let answered = 0;
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const lang = f.endsWith('.json') ? 'json' : 'yaml';
    // The file, the file cut in half, and the file with its indentation scrambled every seventh line.
    const variants = [text, text.slice(0, text.length >> 1), text.split('\n').map((l, i) => (i % 7 === 3 ? l.trimStart() : l)).join('\n')];
    for (const v of variants) {
      const doc = ls.prepare(TextDocument.create(`file:///fuzz/${f}`, lang, 1, v));
      for (let off = 0; off <= v.length; off++) {
        const list = ls.doComplete(doc, doc.textDocument.positionAt(off));
        if (list) answered++;
      }
    }
  }
  assert.ok(answered > 0, 'some positions offer items');
});
