import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { parse as parseYamlLib } from 'yaml';
import { service } from '../helpers/service';
import { DEFAULT_SETTINGS, type StylebookSettings } from '../../server/src/service/settings';

let n = 0;

/** Validates, takes the quick fix titled like `title` for the first `rule` diagnostic, applies it, validates again. */
function fix(text: string, rule: string, title: RegExp, languageId = 'yaml', settings: StylebookSettings = DEFAULT_SETTINGS) {
  const ls = service(settings);
  const uri = `file:///fix-${n++}.${languageId}`;
  const doc = ls.prepare(TextDocument.create(uri, languageId, 1, text));
  const before = ls.doValidation(doc);
  const d = before.find((x) => x.code === rule);
  assert.ok(d, `expected a ${rule} diagnostic in ${JSON.stringify(before.map((x) => x.code))}`);
  const actions: CodeAction[] = ls.doCodeActions(doc, d!.range, [d!]);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action like ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(action!.kind, 'quickfix');
  const edits = action!.edit!.changes![uri];
  const after = TextDocument.applyEdits(doc.textDocument, edits);
  const doc2 = ls.prepare(TextDocument.create(uri, languageId, 2, after));
  const diags = ls.doValidation(doc2);
  const value = languageId === 'json' ? JSON.parse(after) : parseYamlLib(after);
  return { after, diags, value, fixed: d! };
}

/** True when a diagnostic like `d` (same rule, same line) is still reported. */
const still = (diags: Diagnostic[], d: Diagnostic) => diags.some((x) => x.code === d.code && x.range.start.line === d.range.start.line);

const head = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n`;

test('status-code-invalid: 600 becomes default, quotes and comments kept', () => {
  const text = `${head}paths:\n  /a:\n    get:\n      responses:\n        '600': # a typo\n          description: x\n        '400':\n          description: e\n`;
  const r = fix(text, 'status-code-invalid', /default/);
  assert.ok(!still(r.diags, r.fixed));
  assert.match(r.after, /'default': # a typo/);
  // (JavaScript lists integer-like keys first, so compare as a set.)
  assert.deepEqual(Object.keys(r.value.paths['/a'].get.responses).sort(), ['400', 'default']);
});

test('status-code-invalid: a lower-case range becomes 4XX; 2OO becomes 200', () => {
  const r = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        4xx:\n          description: x\n`, 'status-code-invalid', /4XX/);
  assert.ok(!r.diags.some((d) => d.code === 'status-code-invalid'));
  assert.ok(r.value.paths['/a'].get.responses['4XX']);
  const o = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        "2OO":\n          description: x\n        default:\n          description: e\n`, 'status-code-invalid', /to 200$/);
  assert.match(o.after, /"200":/);
});

test('status-code-unregistered: 299 becomes the range 2XX', () => {
  const r = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '299':\n          description: x\n        default:\n          description: e\n`, 'status-code-unregistered', /2XX/);
  assert.ok(!still(r.diags, r.fixed));
  assert.ok(r.value.paths['/a'].get.responses['2XX']);
});

const collection = (post: string) => `${head}paths:\n  /items:\n    post:\n${post}  /items/{id}:\n    get:\n      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`;

test('post-create-status: add 201 with Location (YAML, sibling quoting copied)', () => {
  const r = fix(collection(`      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`), 'post-create-status', /Add a 201/);
  assert.ok(!r.diags.some((d) => d.code === 'post-create-status'));
  assert.ok(!r.diags.some((d) => d.code === 'created-location'));
  assert.match(r.after, /\n        '201':\n          description: Created\n          headers:\n            Location:\n/);
  assert.equal(r.value.paths['/items'].post.responses['201'].headers.Location.schema.format, 'uri-reference');
});

test('post-create-status: change 200 to 201', () => {
  const r = fix(collection(`      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`), 'post-create-status', /Change 200 to 201/);
  assert.ok(!r.diags.some((d) => d.code === 'post-create-status'));
  assert.ok(r.value.paths['/items'].post.responses['201']);
});

test('created-location: YAML block, YAML flow and JSON responses', () => {
  const block = fix(`${head}paths:\n  /a:\n    post:\n      responses:\n        '201':\n          description: c # kept\n        default:\n          description: e\n`, 'created-location', /Location/);
  assert.ok(!still(block.diags, block.fixed));
  assert.match(block.after, /description: c # kept\n          headers:\n            Location:/);
  assert.equal(block.value.paths['/a'].post.responses.default.description, 'e');

  const flow = fix(`${head}paths:\n  /a:\n    post:\n      responses:\n        '201': { description: c }\n        default:\n          description: e\n`, 'created-location', /Location/);
  assert.ok(!still(flow.diags, flow.fixed));
  assert.ok(flow.value.paths['/a'].post.responses['201'].headers.Location);

  const json = `{\n    "openapi": "3.0.3",\n    "info": { "title": "T", "version": "1" },\n    "paths": {\n        "/a": {\n            "post": {\n                "responses": {\n                    "201": {\n                        "description": "c"\n                    },\n                    "default": { "description": "e" }\n                }\n            }\n        }\n    }\n}\n`;
  const j = fix(json, 'created-location', /Location/, 'json');
  assert.ok(!still(j.diags, j.fixed));
  assert.equal(j.value.paths['/a'].post.responses['201'].headers.Location.schema.type, 'string');
  // Four-space indentation is kept: the new header sits one step inside the response.
  assert.match(j.after, /\n {24}"headers": \{\n {28}"Location": \{/);
  assert.match(j.after, /"info": \{ "title": "T", "version": "1" \}/);
});

test('retry-after: into existing headers (YAML, four-space indent) and into a Swagger 2.0 JSON response', () => {
  const yaml = `openapi: 3.0.3\ninfo:\n    title: T\n    version: '1'\npaths:\n    /a:\n        get:\n            responses:\n                '429':\n                    description: slow\n                    headers:\n                        X-Rate-Limit:\n                            schema:\n                                type: integer\n                default:\n                    description: e\n`;
  const r = fix(yaml, 'retry-after', /Retry-After/);
  assert.ok(!still(r.diags, r.fixed));
  assert.deepEqual(Object.keys(r.value.paths['/a'].get.responses['429'].headers), ['X-Rate-Limit', 'Retry-After']);
  assert.match(r.after, /\n {24}Retry-After:\n {28}description: /);
  const v2 = JSON.stringify({ swagger: '2.0', info: { title: 'T', version: '1' }, paths: { '/a': { get: { responses: { '503': { description: 'down' }, default: { description: 'e' } } } } } }, null, 2);
  const j = fix(v2, 'retry-after', /Retry-After/, 'json');
  assert.ok(!still(j.diags, j.fixed));
  assert.equal(j.value.paths['/a'].get.responses['503'].headers['Retry-After'].type, 'integer');
});

test('error-response: adds default with problem+json and creates the Problem schema where missing', () => {
  // No components at all.
  const a = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n`, 'error-response', /default error/);
  assert.ok(!a.diags.some((d) => d.code === 'error-response'));
  assert.equal(a.value.paths['/a'].get.responses.default.content['application/problem+json'].schema.$ref, '#/components/schemas/Problem');
  assert.equal(a.value.components.schemas.Problem.properties.status.type, 'integer');
  // Components with schemas: the schema is added beside the others.
  const b = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\ncomponents:\n  schemas:\n    A:\n      type: object\n`, 'error-response', /default error/);
  assert.deepEqual(Object.keys(b.value.components.schemas), ['A', 'Problem']);
  // An existing Problem schema is referenced, not duplicated.
  const c = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\ncomponents:\n  schemas:\n    ProblemDetails:\n      type: object\n`, 'error-response', /default error/);
  assert.deepEqual(Object.keys(c.value.components.schemas), ['ProblemDetails']);
  assert.equal(c.value.paths['/a'].get.responses.default.content['application/problem+json'].schema.$ref, '#/components/schemas/ProblemDetails');
  // JSON, Swagger 2.0: definitions.
  const j = fix(JSON.stringify({ swagger: '2.0', info: { title: 'T', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'OK' } } } } } }, null, 2), 'error-response', /default error/, 'json');
  assert.ok(!j.diags.some((d) => d.code === 'error-response'));
  assert.equal(j.value.paths['/a'].get.responses.default.schema.$ref, '#/definitions/Problem');
  assert.equal(j.value.definitions.Problem.type, 'object');
});

test('delete-no-content: 200 becomes 204', () => {
  const r = fix(`${head}paths:\n  /a/{id}:\n    delete:\n      responses:\n        200:\n          description: Deleted\n        default:\n          description: e\n`, 'delete-no-content', /204/);
  assert.ok(!r.diags.some((d) => d.code === 'delete-no-content'));
  assert.match(r.after, /\n        204:\n/);
});

test('response-description: into an empty flow mapping and a block one', () => {
  const r = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '404': {}\n        default:\n          description: e\n`, 'response-description', /description/);
  assert.ok(!r.diags.some((d) => d.code === 'response-description'));
  assert.equal(r.value.paths['/a'].get.responses['404'].description, 'Not Found');
  const b = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '404':\n          content: {}\n        default:\n          description: e\n`, 'response-description', /description/);
  assert.equal(b.value.paths['/a'].get.responses['404'].description, 'Not Found');
});

const secured = (op: string) => `${head}paths:\n  /a:\n    get:\n${op}components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`;

test('operation-security: protect with the first scheme, or mark public', () => {
  const ops = `      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`;
  const a = fix(secured(ops), 'operation-security', /Protect it with key/);
  assert.ok(!a.diags.some((d) => d.code === 'operation-security'));
  assert.deepEqual(a.value.paths['/a'].get.security, [{ key: [] }]);
  const b = fix(secured(ops), 'operation-security', /public/);
  assert.deepEqual(b.value.paths['/a'].get.security, []);
});

test('path-case: the path is renamed to kebab-case, templates untouched', () => {
  const r = fix(`${head}paths:\n  /userAccounts/{userId}/line_items:\n    get:\n      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`, 'path-case', /Rename/);
  assert.ok(!r.diags.some((d) => d.code === 'path-case'));
  assert.ok(r.value.paths['/user-accounts/{userId}/line-items']);
});

test('pagination-consistency: the odd parameter is renamed', () => {
  const p = (name: string) => `      parameters:\n        - name: ${name}\n          in: query\n      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`;
  const r = fix(`${head}paths:\n  /a:\n    get:\n${p('per_page')}  /b:\n    get:\n${p('page_size')}  /c:\n    get:\n${p('"page_size"')}`, 'pagination-consistency', /page_size/);
  assert.ok(!r.diags.some((d) => d.code === 'pagination-consistency'));
  assert.equal(r.value.paths['/a'].get.parameters[0].name, 'page_size');
});

test('date-time-format: format is added to the property schema (YAML and JSON)', () => {
  const y = fix(`${head}paths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        created_at:\n          type: string\n        id:\n          type: string\n`, 'date-time-format', /date-time/);
  assert.ok(!y.diags.some((d) => d.code === 'date-time-format'));
  assert.equal(y.value.components.schemas.A.properties.created_at.format, 'date-time');
  const j = fix(JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {}, components: { schemas: { A: { properties: { birth_date: { type: ['string', 'null'] } } } } } }, null, '\t'), 'date-time-format', /format: date$/, 'json');
  assert.ok(!j.diags.some((d) => d.code === 'date-time-format'));
  assert.equal(j.value.components.schemas.A.properties.birth_date.format, 'date');
  assert.match(j.after, /\n\t{6}"format": "date"\n\t{5}\}/);
});

test('a stale diagnostic whose target is gone yields no action', () => {
  const ls = service();
  const text = `${head}paths:\n  /a:\n    post:\n      responses:\n        '201':\n          description: c\n`;
  const doc = ls.prepare(TextDocument.create('file:///stale.yaml', 'yaml', 1, text));
  const d = ls.doValidation(doc).find((x) => x.code === 'created-location')!;
  const other = ls.prepare(TextDocument.create('file:///stale.yaml', 'yaml', 2, `${head}paths: {}\n`));
  assert.deepEqual(ls.doCodeActions(other, d.range, [d]), []);
  assert.deepEqual(ls.doCodeActions(other, d.range, [{ ...d, data: { fixes: [{ kind: 'nonsense' }] } }]), []);
});

const list = (params: string) => `${head}paths:\n  /users:\n    get:\n${params}      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: object\n        default:\n          description: e\n`;
const paging = (style: 'offset' | 'cursor' | 'page' | 'any') => ({ ...DEFAULT_SETTINGS, pagination: { required: true, style } });

test('pagination-params: the style\'s parameters are added to the list, or as a new list (YAML, JSON)', () => {
  const a = fix(list(''), 'pagination-params', /offset and limit/, 'yaml', paging('offset'));
  assert.ok(!a.diags.some((d) => d.code === 'pagination-params'));
  assert.deepEqual(a.value.paths['/users'].get.parameters.map((p: { name: string }) => p.name), ['offset', 'limit']);
  const b = fix(list(`      parameters:\n        - name: q # the search\n          in: query\n`), 'pagination-params', /cursor and limit/, 'yaml', paging('cursor'));
  assert.deepEqual(b.value.paths['/users'].get.parameters.map((p: { name: string }) => p.name), ['q', 'cursor', 'limit']);
  assert.match(b.after, /- name: q # the search\n {10}in: query\n {8}- name: cursor\n/);
  // A page-size parameter that is already there is not added twice.
  const c = fix(list(`      parameters:\n        - name: page_size\n          in: query\n`), 'pagination-params', /Add the query parameters page$/, 'yaml', paging('page'));
  assert.deepEqual(c.value.paths['/users'].get.parameters.map((p: { name: string }) => p.name), ['page_size', 'page']);
  const json = JSON.stringify({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/users': { get: { parameters: [{ name: 'q', in: 'query' }], responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'array', items: {} } } } }, default: { description: 'e' } } } } } }, null, 2);
  const j = fix(json, 'pagination-params', /offset and limit/, 'json', paging('any'));
  assert.ok(!j.diags.some((d) => d.code === 'pagination-params'));
  assert.deepEqual(j.value.paths['/users'].get.parameters.map((p: { name: string }) => p.name), ['q', 'offset', 'limit']);
  assert.equal(j.value.paths['/users'].get.parameters[1].schema.minimum, 0);
});

test('CRLF line ends are kept by inserted lines', () => {
  const text = `${head}paths:\n  /a:\n    post:\n      responses:\n        '201':\n          description: c\n        default:\n          description: e\n`.replace(/\n/g, '\r\n');
  const r = fix(text, 'created-location', /Location/);
  assert.ok(!still(r.diags, r.fixed));
  assert.ok(!/[^\r]\n/.test(r.after), 'every line ends with CRLF');
  assert.ok(r.value.paths['/a'].post.responses['201'].headers.Location);
});

test('add-description fills in a description: written with nothing after it, instead of adding a second one', () => {
  const r = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description:\n        default:\n          description: e\n`, 'response-description', /Add a description/);
  assert.match(r.after, /\n        '200':\n          description: OK\n        default:/);
  assert.ok(!still(r.diags, r.fixed));
  assert.ok(!r.diags.some((d) => d.code === 'syntax'), JSON.stringify(r.diags));
});
