import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ROOT, service } from '../helpers/service';
import { DEFAULT_SETTINGS, type StylebookSettings } from '../../server/src/service/settings';
import { RULES } from '../../server/src/service/openapi/rules/index';

type Overrides = Partial<Omit<StylebookSettings, 'naming' | 'pagination' | 'versioning' | 'nulls'>> & {
  naming?: Partial<StylebookSettings['naming']>; pagination?: Partial<StylebookSettings['pagination']>;
  versioning?: Partial<StylebookSettings['versioning']>; nulls?: Partial<StylebookSettings['nulls']>;
};

/** Settings over the defaults. */
export function settingsWith(o: Overrides = {}): StylebookSettings {
  return {
    ...DEFAULT_SETTINGS, ...o,
    naming: { ...DEFAULT_SETTINGS.naming, ...o.naming },
    pagination: { ...DEFAULT_SETTINGS.pagination, ...o.pagination },
    versioning: { ...DEFAULT_SETTINGS.versioning, ...o.versioning },
    nulls: { ...DEFAULT_SETTINGS.nulls, ...o.nulls },
  } as StylebookSettings;
}

let n = 0;
/** Validates a text as a fresh document (a new uri each time, so no cache is shared between cases). */
export function validate(text: string, languageId = 'yaml', settings = settingsWith()): Diagnostic[] {
  const ls = service(settings);
  const doc = ls.prepare(TextDocument.create(`file:///rules-${n++}.${languageId}`, languageId, 1, text));
  assert.equal(doc.kind, 'openapi', 'the snippet must be recognised as OpenAPI');
  return ls.doValidation(doc);
}

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
/** A diagnostic's message as text (the LSP types allow Markdown content too; ours are always text). */
const msg = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** A small OpenAPI 3 document around a `paths` block (indented by two spaces). */
const spec = (paths: string, rest = '') => `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n${paths}${rest}`;
const ok = `      responses:\n        '200':\n          description: OK\n        default:\n          description: Error\n`;

interface Case { rule: string; fires: string; quiet: string; settings?: Overrides; line?: number }

const CASES: Case[] = [
  { rule: 'status-code-invalid', fires: spec(`  /a:\n    get:\n      responses:\n        '600':\n          description: x\n        default:\n          description: e\n`), quiet: spec(`  /a:\n    get:\n${ok}`), line: 9 },
  { rule: 'status-code-invalid', fires: spec(`  /a:\n    get:\n      responses:\n        4xx:\n          description: x\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        4XX:\n          description: x\n`) },
  { rule: 'status-code-unregistered', fires: spec(`  /a:\n    get:\n      responses:\n        '299':\n          description: x\n        default:\n          description: e\n`), quiet: spec(`  /a:\n    get:\n${ok}`) },
  { rule: 'status-code-unregistered', fires: spec(`  /a:\n    get:\n      responses:\n        '306':\n          description: x\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '308':\n          description: x\n`) },
  { rule: 'post-create-status', fires: spec(`  /items:\n    post:\n${ok}  /items/{id}:\n    get:\n${ok}`), quiet: spec(`  /items:\n    post:\n      responses:\n        '201':\n          description: c\n  /items/{id}:\n    get:\n${ok}`) },
  { rule: 'post-create-status', fires: spec(`  /items:\n    post:\n${ok}  /items/{id}:\n    get:\n${ok}`), quiet: spec(`  /items/search:\n    post:\n${ok}  /items/search/{id}:\n    get:\n${ok}`) },
  { rule: 'created-location', fires: spec(`  /a:\n    post:\n      responses:\n        '201':\n          description: c\n`), quiet: spec(`  /a:\n    post:\n      responses:\n        '201':\n          description: c\n          headers:\n            location:\n              schema:\n                type: string\n`) },
  { rule: 'retry-after', fires: spec(`  /a:\n    get:\n      responses:\n        '429':\n          description: slow\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '429':\n          description: slow\n          headers:\n            Retry-After:\n              schema:\n                type: integer\n`) },
  { rule: 'retry-after', fires: spec(`  /a:\n    get:\n      responses:\n        '503':\n          description: down\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '500':\n          description: down\n`) },
  { rule: 'error-response', fires: spec(`  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n        '500':\n          description: e\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n        4XX:\n          description: e\n`) },
  { rule: 'delete-no-content', fires: spec(`  /a/{id}:\n    delete:\n${ok}`), quiet: spec(`  /a/{id}:\n    delete:\n      responses:\n        '200':\n          description: The deleted item.\n          content:\n            application/json:\n              schema:\n                type: object\n        default:\n          description: e\n`) },
  { rule: 'response-description', fires: spec(`  /a:\n    get:\n      responses:\n        '200': {}\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Ok'\n`, `components:\n  responses:\n    Ok:\n      description: OK\n`) },
  { rule: 'operation-security', fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`), quiet: spec(`  /a:\n    get:\n${ok}`, `security:\n  - key: []\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`) },
  { rule: 'operation-security', fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`), quiet: spec(`  /a:\n    get:\n      security: []\n${ok}`, `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`) },
  { rule: 'path-case', fires: spec(`  /userAccounts/{userId}:\n    get:\n${ok}`), quiet: spec(`  /user-accounts/{userId}:\n    get:\n${ok}`) },
  { rule: 'path-case', settings: { naming: { pathCase: 'snake_case' } }, fires: spec(`  /user-accounts:\n    get:\n${ok}`), quiet: spec(`  /user_accounts:\n    get:\n${ok}`) },
  { rule: 'path-case-mixed', settings: { naming: { pathCase: 'any' } }, fires: spec(`  /user-accounts:\n    get:\n${ok}  /order-items:\n    get:\n${ok}  /line_items:\n    get:\n${ok}`), quiet: spec(`  /user_accounts:\n    get:\n${ok}  /line_items:\n    get:\n${ok}`) },
  { rule: 'path-verb', fires: spec(`  /createUser:\n    post:\n${ok}`), quiet: spec(`  /users:\n    post:\n${ok}`) },
  { rule: 'versioning-style', settings: { versioning: { style: 'header' } }, fires: spec(`  /v2/users:\n    get:\n${ok}`), quiet: spec(`  /users:\n    get:\n${ok}`) },
  { rule: 'versioning-style', settings: { versioning: { style: 'path' } }, fires: spec(`  /users:\n    get:\n${ok}`), quiet: spec(`  /users:\n    get:\n${ok}`, `servers:\n  - url: https://api.example.com/v1\n`) },
  { rule: 'versioning-style', settings: { versioning: { style: 'header' } }, fires: spec(`  /users:\n    get:\n      parameters:\n        - name: api-version\n          in: query\n${ok}`), quiet: spec(`  /users:\n    get:\n      parameters:\n        - name: api-version\n          in: header\n${ok}`) },
  {
    rule: 'pagination-params', settings: { pagination: { required: true, style: 'offset' } },
    fires: spec(`  /users:\n    get:\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: object\n`),
    quiet: spec(`  /users:\n    get:\n      parameters:\n        - name: offset\n          in: query\n        - name: limit\n          in: query\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: object\n`),
  },
  { rule: 'pagination-consistency', fires: spec(`  /a:\n    get:\n      parameters:\n        - name: per_page\n          in: query\n${ok}  /b:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}  /c:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}`), quiet: spec(`  /a:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}  /b:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}`) },
  { rule: 'date-time-format', fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n        updatedAt:\n          type: string\n`), quiet: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n        updatedAt:\n          type: string\n          format: date-time\n        format:\n          type: string\n`) },
  { rule: 'null-style', settings: { nulls: { style: 'omit' } }, fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n        note:\n          type: string\n          nullable: true\n`), quiet: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n        note:\n          type: string\n`) },
  { rule: 'null-style', settings: { nulls: { style: 'explicit' } }, fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n        note:\n          type: string\n`), quiet: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      required: [note]\n      properties:\n        note:\n          type: string\n`) },
  { rule: 'ignore-reason', fires: spec(`  /a:\n    get:\n      x-stylebook-ignore: [error-response]\n      responses:\n        '200':\n          description: OK\n`), quiet: spec(`  /a:\n    get:\n      x-stylebook-ignore:\n        rules: [error-response]\n        reason: Errors come from the gateway.\n      responses:\n        '200':\n          description: OK\n`) },
];

for (const [i, c] of CASES.entries()) {
  test(`rule ${c.rule} (case ${i}): fires on the bad snippet, quiet on the good one`, () => {
    const s = settingsWith(c.settings);
    const bad = validate(c.fires, 'yaml', s);
    assert.ok(codes(bad).includes(c.rule), `expected ${c.rule} in ${JSON.stringify(codes(bad))}`);
    const d = bad.find((x) => x.code === c.rule)!;
    assert.equal(d.source, 'stylebook');
    if (c.line !== undefined) assert.equal(d.range.start.line, c.line - 1);
    const good = validate(c.quiet, 'yaml', s);
    assert.ok(!codes(good).includes(c.rule), `did not expect ${c.rule} in ${JSON.stringify(good.map((x) => x.message))}`);
  });
}

test('every rule in the list has a case above', () => {
  const covered = new Set(CASES.map((c) => c.rule));
  for (const r of RULES) assert.ok(covered.has(r.id), `no case for ${r.id}`);
});

test('a diagnostic names the guides from the catalog and links a guide section', () => {
  const d = validate(spec(`  /a:\n    post:\n      responses:\n        '201':\n          description: c\n        default:\n          description: e\n`)).find((x) => x.code === 'created-location')!;
  assert.match(msg(d), /201 Created should carry a Location header/);
  assert.match(msg(d), /\(8 guides cover 201 Created: .*Zalando|\(8 guides cover 201 Created: [^)]+ and 5 more\)/);
  assert.match(d.codeDescription!.href, /^https?:\/\//);
  assert.deepEqual((d.data as { rule: string; topic: string }).topic, 'http-status-201');
});

test('the guide profile picks the linked section and the first names', () => {
  const text = spec(`  /a:\n    post:\n      responses:\n        '201':\n          description: c\n        default:\n          description: e\n`);
  const d = validate(text, 'yaml', settingsWith({ guideProfile: ['zalando'] })).find((x) => x.code === 'created-location')!;
  assert.equal(d.codeDescription!.href, 'http://zalando.github.io/restful-api-guidelines/http/Http.html#success-codes');
  assert.match(msg(d), /cover 201 Created: Zalando, /);
});

test('severity overrides and off', () => {
  const text = spec(`  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n`);
  assert.equal(validate(text).find((d) => d.code === 'error-response')!.severity, 2);
  assert.equal(validate(text, 'yaml', settingsWith({ rules: { 'error-response': 'error' } })).find((d) => d.code === 'error-response')!.severity, 1);
  assert.ok(!codes(validate(text, 'yaml', settingsWith({ rules: { 'error-response': 'off' } }))).includes('error-response'));
});

test('suppression on the operation, the path item and the root; x-lint-ignore too', () => {
  const op = (where: 'op' | 'path' | 'root', key = 'x-stylebook-ignore') => {
    const directive = (ind: string) => key === 'x-lint-ignore'
      ? `${ind}x-lint-ignore: [error-response, some-other-tool-rule]\n`
      : `${ind}${key}:\n${ind}  rules: [error-response]\n${ind}  reason: The gateway answers errors.\n`;
    return `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n${where === 'root' ? directive('') : ''}paths:\n  /a:\n${where === 'path' ? directive('    ') : ''}    get:\n${where === 'op' ? directive('      ') : ''}      responses:\n        '200':\n          description: OK\n`;
  };
  for (const w of ['op', 'path', 'root'] as const) {
    const ds = validate(op(w));
    assert.deepEqual(codes(ds), [], `${w}: ${JSON.stringify(ds.map((d) => d.message))}`);
  }
  assert.deepEqual(codes(validate(op('op', 'x-lint-ignore'))), []);
  const all = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      x-stylebook-ignore: { rules: all, reason: Legacy endpoint kept as it is. }\n      responses:\n        '600': {}\n`;
  assert.deepEqual(codes(validate(all)), []);
  const unknown = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      x-stylebook-ignore: { rules: [no-such-rule], reason: x }\n      responses:\n        '200':\n          description: OK\n`;
  assert.deepEqual(codes(validate(unknown)).sort(), ['error-response', 'ignore-reason']);
});

test('syntax problems are errors at their place; rules still run on the partial tree', () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: T\npaths:\n  /a:\n    get:\n      responses:\n        '600':\n          description: [unclosed\n`;
  const ds = validate(text);
  const syntax = ds.find((d) => d.code === 'syntax');
  assert.ok(syntax, JSON.stringify(ds));
  assert.equal(syntax!.severity, 1);
  assert.ok(syntax!.range.start.line >= 8);
  const json = `{"openapi": "3.0.3", "paths": {"/a": {"get": {"responses": {"600": {"description": "x"}, }}}`;
  const jd = validate(json, 'json');
  assert.ok(codes(jd).includes('syntax'));
  assert.ok(codes(jd).includes('status-code-invalid'));
});

test('half-typed documents and junk never throw', () => {
  const base = fs.readFileSync(path.join(ROOT, 'test/fixtures/openapi/violations.yaml'), 'utf8');
  for (let cut = 0; cut < base.length; cut += 37) {
    const text = 'openapi: 3.0.3\n' + base.slice(16, Math.max(16, cut));
    assert.doesNotThrow(() => validate(text));
  }
  assert.doesNotThrow(() => validate('openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses: 7\n  /b: [1, 2]\n  /c:\n    post: ~\n'));
  assert.doesNotThrow(() => validate('openapi: 3.0.3\n\u0000\u0001\u00ff\ufffd: : :\n  - [\n'));
  assert.doesNotThrow(() => validate('{"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/a/b/c"}}}}}}', 'json'));
});

test('the fixtures: violations fire every rule they are built for, the clean one fires none', () => {
  const all = settingsWith({ pagination: { required: true, style: 'any' }, versioning: { style: 'header' }, nulls: { style: 'omit' } });
  const bad = validate(fs.readFileSync(path.join(ROOT, 'test/fixtures/openapi/violations.yaml'), 'utf8'), 'yaml', all);
  for (const id of ['status-code-invalid', 'status-code-unregistered', 'post-create-status', 'created-location', 'retry-after', 'error-response', 'delete-no-content', 'response-description', 'operation-security', 'path-case', 'versioning-style', 'pagination-params', 'pagination-consistency', 'date-time-format', 'null-style', 'ignore-reason']) {
    assert.ok(codes(bad).includes(id), `violations.yaml should fire ${id}`);
  }
  // Suppressed in the fixture: path-verb at the root (with a missing reason), error-response on one operation.
  assert.ok(!codes(bad).includes('path-verb'));
  assert.ok(!bad.some((d) => d.code === 'error-response' && msg(d).includes('/v1/getThings')));
  for (const f of ['clean.yaml', 'clean.json', 'clean-swagger2.json']) {
    const lang = f.endsWith('json') ? 'json' : 'yaml';
    const ds = validate(fs.readFileSync(path.join(ROOT, 'test/fixtures/openapi', f), 'utf8'), lang, settingsWith({ pagination: { required: true, style: 'offset' }, versioning: { style: 'path' }, nulls: { style: 'omit' } }));
    assert.deepEqual(ds.map((d) => `${d.code}: ${d.message}`), [], f);
  }
});

test('Swagger 2.0: ranges are invalid, 2.0 parameters and definitions are read', () => {
  const text = JSON.stringify({
    swagger: '2.0', info: { title: 'T', version: '1' },
    paths: { '/a': { get: { parameters: [{ $ref: '#/parameters/PerPage' }], responses: { '4XX': { description: 'e' }, '200': { description: 'ok' } } } }, '/b': { get: { parameters: [{ name: 'page_size', in: 'query', type: 'integer' }, { name: 'x', in: 'query', type: 'string' }], responses: { default: { description: 'e' } } } }, '/c': { get: { parameters: [{ name: 'page_size', in: 'query', type: 'integer' }], responses: { default: { description: 'e' } } } } },
    parameters: { PerPage: { name: 'per_page', in: 'query', type: 'integer' } },
    definitions: { A: { properties: { created_at: { type: 'string' } } } },
  }, null, 2);
  const ds = validate(text, 'json');
  assert.ok(codes(ds).includes('status-code-invalid'));
  assert.ok(codes(ds).includes('pagination-consistency'));
  assert.ok(codes(ds).includes('date-time-format'));
});

test('validation stops when cancelled, polling between operations and rules', () => {
  const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/openapi/violations.yaml'), 'utf8');
  const ls = service(settingsWith());
  let polls = 0;
  const doc = ls.prepare(TextDocument.create('file:///cancel.yaml', 'yaml', 1, text));
  assert.deepEqual(ls.doValidation(doc, () => ++polls > 3), []);
  assert.equal(polls, 4, 'it stopped at the first poll that said cancelled');
  polls = 0;
  const again = ls.prepare(TextDocument.create('file:///cancel-2.yaml', 'yaml', 1, text));
  assert.ok(ls.doValidation(again, () => { polls++; return false; }).length > 0);
  assert.ok(polls > 10, `polled ${polls} times`);
});

test('after edits, the reused parse and per-operation results equal a fresh validation', () => {
  const all = settingsWith({ pagination: { required: true, style: 'any' }, versioning: { style: 'header' }, nulls: { style: 'omit' } });
  const ls = service(all);
  let text = fs.readFileSync(path.join(ROOT, 'test/fixtures/openapi/violations.yaml'), 'utf8');
  const edits: Array<(t: string) => string> = [
    (t) => t.replace("          description: Created.\n", "          description: Created.\n          headers:\n            Location:\n              schema:\n                type: string\n"),
    (t) => t.replace('Deleted.', 'Deleted it.'),
    (t) => t.replace("        '600':", "        '601':"),
    (t) => t.replace('  /orderItems:', '  /order-items:'),
    (t) => t.replace('          type: string\n          nullable: true\n', '          type: string\n'),
    (t) => t.replace('Slow down.', 'Slow down'),
  ];
  let version = 1;
  ls.doValidation(ls.prepare(TextDocument.create('file:///reuse.yaml', 'yaml', version, text)));
  for (const edit of edits) {
    text = edit(text);
    const reused = ls.doValidation(ls.prepare(TextDocument.create('file:///reuse.yaml', 'yaml', ++version, text)));
    const fresh = ls.doValidation(ls.prepare(TextDocument.create(`file:///fresh-${version}.yaml`, 'yaml', 1, text)));
    assert.deepEqual(reused, fresh, `after edit ${version - 1}`);
  }
});

test('YAML: the same meaning gives the same findings, whichever parser path read it and however a merge is written', () => {
  const base = `openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\nx-defs:\n  r429: &r429\n    description: Too many requests\n    headers:\n      Retry-After:\n        schema: {type: integer}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description:\n        '400': {description: Bad}\n`;
  const block = `${base}        '429':\n          <<: *r429\n          description: Slow down\n`;
  const flow = `${base}        '429': {<<: *r429, description: Slow down}\n`;
  const want = codes(validate(block)).sort();
  assert.ok(want.includes('response-description'), 'the empty description is reported');
  assert.ok(!want.includes('retry-after'), JSON.stringify(want));
  assert.deepEqual(codes(validate(flow)).sort(), want, 'flow merge');
  // A directive sends the text to the library path.
  assert.deepEqual(codes(validate(`%YAML 1.2\n---\n${block}`)).sort(), want, 'library path');
  assert.deepEqual(codes(validate(`%YAML 1.2\n---\n${flow}`)).sort(), want, 'library path, flow merge');
});
