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
  return { after, diags, value, fixed: d!, title: action!.title };
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
  // path-case judges only a case the team set; unset, paths are only asked to agree (path-case-mixed).
  const kebab: StylebookSettings = { ...DEFAULT_SETTINGS, naming: { pathCase: 'kebab-case' } };
  const r = fix(`${head}paths:\n  /userAccounts/{userId}/line_items:\n    get:\n      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`, 'path-case', /Rename/, 'yaml', kebab);
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

/** A document whose 201 of POST /users and 200 of GET /users/{id} share one response component, written as `ref201`. */
const sharedUser = (ref201: string, name = 'UserResponse') => `${head}paths:\n  /users:\n    post:\n      responses:\n        '201': ${ref201}\n        default:\n          description: e\n  /users/{id}:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/${name}'\n        default:\n          description: e\ncomponents:\n  responses:\n    ${name}:\n      description: A user # the one shape\n      content:\n        application/json:\n          schema:\n            type: object\n`;

test('created-location on a shared $ref response: a copy for this operation, the shared component untouched (YAML block)', () => {
  const r = fix(sharedUser(`\n          $ref: '#/components/responses/UserResponse'`), 'created-location', /Location/);
  assert.equal(r.title, 'Add a Location header to 201 in a copy of UserResponse for POST /users');
  assert.ok(!still(r.diags, r.fixed));
  const { responses } = r.value.components;
  assert.deepEqual(Object.keys(responses), ['UserResponse', 'UserResponseCreated']);
  assert.equal(responses.UserResponse.headers, undefined);
  assert.equal(responses.UserResponseCreated.headers.Location.schema.format, 'uri-reference');
  assert.deepEqual(responses.UserResponseCreated.content, responses.UserResponse.content);
  assert.equal(r.value.paths['/users'].post.responses['201'].$ref, '#/components/responses/UserResponseCreated');
  assert.equal(r.value.paths['/users/{id}'].get.responses['200'].$ref, '#/components/responses/UserResponse');
  // The new reference keeps the single quotes; the comment on the shared component stays where it was.
  assert.match(r.after, /\n {10}\$ref: '#\/components\/responses\/UserResponseCreated'\n/);
  assert.match(r.after, /description: A user # the one shape\n/);
  assert.match(r.after, /\n {4}UserResponseCreated:\n {6}description: A user\n/);
});

test('created-location on a shared $ref response: YAML flow mapping, and the name taken already', () => {
  const text = sharedUser(`{$ref: '#/components/responses/UserResponse'}`).replace('components:\n  responses:\n', 'components:\n  responses:\n    UserResponseCreated:\n      description: taken\n');
  const r = fix(text, 'created-location', /Location/);
  assert.equal(r.title, 'Add a Location header to 201 in a copy of UserResponse for POST /users');
  assert.match(r.after, /\n {8}'201': \{\$ref: '#\/components\/responses\/UserResponseCreated2'\}\n/);
  assert.equal(r.value.components.responses.UserResponseCreated.description, 'taken');
  assert.ok(r.value.components.responses.UserResponseCreated2.headers.Location);
  assert.equal(r.value.components.responses.UserResponse.headers, undefined);
});

test('created-location on a shared $ref response: JSON, indentation kept; a snake_case name is copied in snake_case', () => {
  const value = {
    openapi: '3.0.3', info: { title: 'T', version: '1' },
    paths: {
      '/users': { post: { responses: { '201': { $ref: '#/components/responses/user_response' }, default: { description: 'e' } } } },
      '/users/{id}': { get: { responses: { '200': { $ref: '#/components/responses/user_response' }, default: { description: 'e' } } } },
    },
    components: { responses: { user_response: { description: 'A user' } } },
  };
  const r = fix(JSON.stringify(value, null, 4), 'created-location', /Location/, 'json');
  assert.equal(r.title, 'Add a Location header to 201 in a copy of user_response for POST /users');
  assert.deepEqual(r.value.components.responses.user_response, { description: 'A user' });
  assert.equal(r.value.components.responses.user_response_created.headers.Location.schema.type, 'string');
  assert.equal(r.value.paths['/users'].post.responses['201'].$ref, '#/components/responses/user_response_created');
  assert.equal(r.value.paths['/users/{id}'].get.responses['200'].$ref, '#/components/responses/user_response');
  assert.match(r.after, /\n {12}"user_response_created": \{\n {16}"description": "A user",\n {16}"headers": \{/);
  // Minified JSON stays on one line.
  const m = fix(JSON.stringify(value), 'created-location', /Location/, 'json');
  assert.ok(!m.after.includes('\n'));
  assert.ok(m.value.components.responses.user_response_created.headers.Location);
});

test('a $ref response used by this operation alone is edited in place, and the title says where', () => {
  const text = sharedUser(`\n          $ref: '#/components/responses/UserResponse'`).replace(`'200':\n          $ref: '#/components/responses/UserResponse'`, `'200':\n          description: OK`);
  const r = fix(text, 'created-location', /Location/);
  assert.equal(r.title, 'Add a Location header to 201 in the response UserResponse (used only by POST /users)');
  assert.deepEqual(Object.keys(r.value.components.responses), ['UserResponse']);
  assert.ok(r.value.components.responses.UserResponse.headers.Location);
});

test('response-description and retry-after on a response shared within one operation (two $refs) get a copy too', () => {
  const text = `${head}paths:\n  /a:\n    get:\n      responses:\n        '429':\n          $ref: '#/components/responses/Err'\n        '503':\n          $ref: '#/components/responses/Err'\ncomponents:\n  responses:\n    Err:\n      content: {}\n`;
  const d = fix(text, 'response-description', /description to 429/);
  assert.equal(d.title, 'Add a description to 429 in a copy of Err for GET /a');
  assert.equal(d.value.components.responses.ErrTooManyRequests.description, 'Too Many Requests');
  assert.equal(d.value.components.responses.Err.description, undefined);
  assert.equal(d.value.paths['/a'].get.responses['503'].$ref, '#/components/responses/Err');
  const r = fix(text, 'retry-after', /Retry-After header to 429/);
  assert.equal(r.value.paths['/a'].get.responses['429'].$ref, '#/components/responses/ErrTooManyRequests');
  // A component named after the status already is named after the change instead.
  const named = fix(text.replace(/\bErr\b/g, 'too_many_requests'), 'retry-after', /Retry-After header to 429/);
  assert.equal(named.value.paths['/a'].get.responses['429'].$ref, '#/components/responses/too_many_requests_with_retry_after');
  assert.equal(r.value.paths['/a'].get.responses['503'].$ref, '#/components/responses/Err');
  assert.equal(r.value.components.responses.Err.headers, undefined);
});

test('Swagger 2.0: the copy goes to the root responses', () => {
  const value = {
    swagger: '2.0', info: { title: 'T', version: '1' },
    paths: {
      '/a': { get: { responses: { '429': { $ref: '#/responses/Limited' }, default: { description: 'e' } } } },
      '/b': { get: { responses: { '429': { $ref: '#/responses/Limited' }, default: { description: 'e' } } } },
    },
    responses: { Limited: { description: 'slow down' } },
  };
  // /b uses Limited for a 200 as well: /a's 429 gets a copy, and the shared response keeps its shape.
  value.paths['/b'].get.responses = { '200': { $ref: '#/responses/Limited' }, default: { description: 'e' } } as never;
  const r = fix(JSON.stringify(value, null, 2), 'retry-after', /Retry-After/, 'json');
  assert.match(r.title, /in a copy of Limited for GET \/a$/);
  assert.equal(r.value.responses.LimitedTooManyRequests.headers['Retry-After'].type, 'integer');
  assert.equal(r.value.responses.Limited.headers, undefined);
  assert.equal(r.value.paths['/b'].get.responses['200'].$ref, '#/responses/Limited');
});

test('a response every user of which lacks the same header is fixed once, in the shared component', () => {
  const value = {
    swagger: '2.0', info: { title: 'T', version: '1' },
    paths: Object.fromEntries(['/a', '/b', '/c'].map((p) => [p, { get: { responses: { '429': { $ref: '#/responses/Limited' }, default: { description: 'e' } } } }])),
    responses: { Limited: { description: 'slow down' } },
  };
  const ls = service();
  const doc = ls.prepare(TextDocument.create('file:///limited.json', 'json', 1, JSON.stringify(value, null, 2)));
  const diags = ls.doValidation(doc).filter((d) => d.code === 'retry-after');
  assert.equal(diags.length, 1, 'reported once, at the shared response');
  const actions = ls.doCodeActions(doc, diags[0].range, diags);
  assert.deepEqual(actions.map((a) => a.title), ['Add a Retry-After header to the shared response Limited (all 3 operations that use it lack it)']);
  const r = fix(JSON.stringify(value, null, 2), 'retry-after', /Retry-After/, 'json');
  assert.equal(r.value.responses.Limited.headers['Retry-After'].type, 'integer');
  assert.deepEqual(Object.keys(r.value.responses), ['Limited']);
  assert.ok(!r.diags.some((d) => d.code === 'retry-after'));
});

test('a fix for a definition shared by several operations says how many it changes', () => {
  const text = `${head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/A'\n  /b:\n    get:\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/A'\ncomponents:\n  schemas:\n    A:\n      properties:\n        created_at:\n          type: string\n`;
  const r = fix(text, 'date-time-format', /date-time/);
  assert.equal(r.title, 'Add format: date-time in the shared schema A (changes the 2 operations that use it)');
  assert.equal(r.value.components.schemas.A.properties.created_at.format, 'date-time');
});

test('an operation whose path item is shared by two paths gets no fix that would change both', () => {
  const text = `${head}paths:\n  /a:\n    $ref: '#/components/pathItems/P'\n  /b:\n    $ref: '#/components/pathItems/P'\ncomponents:\n  pathItems:\n    P:\n      get:\n        responses:\n          '200':\n            description: OK\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`.replace('3.0.3', '3.1.0');
  const ls = service();
  const doc = ls.prepare(TextDocument.create('file:///shared-item.yaml', 'yaml', 1, text));
  const diags = ls.doValidation(doc).filter((d) => d.code === 'operation-security' || d.code === 'error-response');
  assert.ok(diags.length > 0);
  for (const d of diags) assert.deepEqual(ls.doCodeActions(doc, d.range, [d]).map((a) => a.title), []);
});

test('path-case: a $ref into the renamed path is renamed with it; a name another path has is not offered', () => {
  const text = `${head}paths:\n  /userAccounts:\n    get:\n      parameters:\n        - name: q\n          in: query\n      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n  /other-things:\n    get:\n      parameters:\n        - $ref: '#/paths/~1userAccounts/get/parameters/0'\n      responses:\n        '200':\n          description: OK\n        default:\n          description: e\n`;
  const kebab: StylebookSettings = { ...DEFAULT_SETTINGS, naming: { pathCase: 'kebab-case' } };
  const r = fix(text, 'path-case', /Rename/, 'yaml', kebab);
  assert.ok(r.value.paths['/user-accounts']);
  assert.equal(r.value.paths['/other-things'].get.parameters[0].$ref, '#/paths/~1user-accounts/get/parameters/0');
  const ls = service(kebab);
  const doc = ls.prepare(TextDocument.create('file:///taken.yaml', 'yaml', 1, text.replace('  /other-things:', '  /user-accounts:')));
  const d = ls.doValidation(doc).find((x) => x.code === 'path-case')!;
  assert.deepEqual(ls.doCodeActions(doc, d.range, [d]), []);
});

test('a response shared through a YAML alias is not edited: no $ref to point at a copy, so no fix', () => {
  const text = `${head}paths:\n  /a:\n    post:\n      responses:\n        '201': &created\n          description: c\n        default:\n          description: e\n  /b:\n    post:\n      responses:\n        '201': *created\n        default:\n          description: e\n`;
  const ls = service();
  const doc = ls.prepare(TextDocument.create('file:///alias.yaml', 'yaml', 1, text));
  const diags = ls.doValidation(doc).filter((d) => d.code === 'created-location');
  assert.ok(diags.length > 0);
  for (const d of diags) assert.deepEqual(ls.doCodeActions(doc, d.range, [d]), []);
  // Without the alias, each operation's own 201 is fixed in place.
  const own = fix(text.replace(' &created', '').replace(`'201': *created`, `'201':\n          description: c`), 'created-location', /Location/);
  assert.equal(own.title, 'Add a Location header to 201');
});

test('JSON: an entry added to a large pretty object lands after its last entry at the entries\' indentation', () => {
  const props: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) props[`p${i}`] = { type: 'string', description: `property ${i}` };
  props.created_at = { type: 'string' };
  props.tail = { type: 'object', properties: { a: { type: 'integer' } } };
  const value = { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: {}, components: { schemas: { A: { type: 'object', properties: props } } } };
  const text = JSON.stringify(value, null, 2);
  const r = fix(text, 'date-time-format', /date-time/, 'json');
  assert.equal(r.after, text.replace('"created_at": {\n            "type": "string"\n          }', '"created_at": {\n            "type": "string",\n            "format": "date-time"\n          }'));
  // A schema added beside 50 others (the formatter sees only the last one): same text as a full format would give.
  const many: Record<string, unknown> = {};
  for (let i = 0; i < 50; i++) many[`S${i}`] = { type: 'object', properties: { id: { type: 'integer' } } };
  const doc = { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'OK' } } } } }, components: { schemas: many } };
  const base = JSON.stringify(doc, null, 4);
  const e = fix(base, 'error-response', /default error/, 'json');
  const withProblem = JSON.parse(base);
  withProblem.paths['/a'].get.responses.default = e.value.paths['/a'].get.responses.default;
  withProblem.components.schemas.Problem = e.value.components.schemas.Problem;
  assert.equal(e.after, JSON.stringify(withProblem, null, 4));
});

test('minified JSON stays on one line: a new response, a new schema, new parameters; an empty {} in a pretty document is formatted', () => {
  const value = { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/users': { get: { parameters: [{ name: 'q', in: 'query' }], responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'array', items: {} } } } } } } } }, components: { schemas: { A: { type: 'object' } } } };
  const e = fix(JSON.stringify(value), 'error-response', /default error/, 'json');
  assert.ok(!e.after.includes('\n'));
  assert.deepEqual(Object.keys(e.value.components.schemas), ['A', 'Problem']);
  const p = fix(JSON.stringify(value), 'pagination-params', /offset and limit/, 'json', paging('offset'));
  assert.ok(!p.after.includes('\n'));
  assert.deepEqual(p.value.paths['/users'].get.parameters.map((x: { name: string }) => x.name), ['q', 'offset', 'limit']);
  const pretty = JSON.stringify({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/a': { get: { responses: { '404': {}, default: { description: 'e' } } } } } }, null, 2);
  const d = fix(pretty, 'response-description', /description/, 'json');
  assert.match(d.after, /\n {10}"404": \{\n {12}"description": "Not Found"\n {10}\},\n/);
});

test('add-description fills in a description: written with nothing after it, instead of adding a second one', () => {
  const r = fix(`${head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description:\n        default:\n          description: e\n`, 'response-description', /Add a description/);
  assert.match(r.after, /\n        '200':\n          description: OK\n        default:/);
  assert.ok(!still(r.diags, r.fixed));
  assert.ok(!r.diags.some((d) => d.code === 'syntax'), JSON.stringify(r.diags));
});
