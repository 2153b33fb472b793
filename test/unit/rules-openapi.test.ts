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
  // A 2xx with a Location already says where; a 204 creates nothing to point at.
  { rule: 'post-create-status', fires: spec(`  /items:\n    post:\n${ok}  /items/{id}:\n    get:\n${ok}`), quiet: spec(`  /items:\n    post:\n      responses:\n        '205':\n          description: Added.\n          headers:\n            Location:\n              schema:\n                type: string\n  /items/{id}:\n    get:\n${ok}  /queues/{id}/numbers:\n    post:\n      responses:\n        '204':\n          description: Assigned.\n  /queues/{id}/numbers/{n}:\n    get:\n${ok}  /detectors:\n    post:\n      operationId: BatchUpdateDetector\n${ok}  /detectors/{id}:\n    get:\n${ok}`) },
  // A 201 to an action creates nothing a Location could point at.
  { rule: 'created-location', fires: spec(`  /orders:\n    post:\n      responses:\n        '201':\n          description: c\n`), quiet: spec(`  /orders/{id}/cancel:\n    post:\n      responses:\n        '201':\n          description: c\n  /jobs/{id}:run:\n    post:\n      responses:\n        '201':\n          description: c\n`) },
  // Nor on assigning existing things, a batch answering a list, or a POST to an item.
  { rule: 'created-location', fires: spec(`  /trunks:\n    post:\n      summary: Create a trunk\n      responses:\n        '201':\n          description: c\n`), quiet: spec(`  /trunks:\n    post:\n      summary: Assign SIP trunks\n      responses:\n        '201':\n          description: c\n  /contacts:\n    post:\n      responses:\n        '201':\n          description: ids\n          content:\n            application/json:\n              schema:\n                type: array\n  /settings/{type}:\n    post:\n      responses:\n        '201':\n          description: c\n`) },
  { rule: 'created-location', fires: spec(`  /a:\n    post:\n      responses:\n        '201':\n          description: c\n`), quiet: spec(`  /a:\n    post:\n      responses:\n        '201':\n          description: c\n          headers:\n            location:\n              schema:\n                type: string\n`) },
  { rule: 'retry-after', fires: spec(`  /a:\n    get:\n      responses:\n        '429':\n          description: slow\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '429':\n          description: slow\n          headers:\n            Retry-After:\n              schema:\n                type: integer\n`) },
  { rule: 'retry-after', fires: spec(`  /a:\n    get:\n      responses:\n        '503':\n          description: down\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '500':\n          description: down\n`) },
  { rule: 'error-response', fires: spec(`  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n        '304':\n          description: n\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n        4XX:\n          description: e\n`) },
  // A 500 with an error body documents the error format as well as a 4xx does.
  { rule: 'error-response', fires: spec(`  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n        '500':\n          description: e\n          content:\n            application/json:\n              schema:\n                type: object\n`) },
  { rule: 'delete-no-content', fires: spec(`  /a/{id}:\n    delete:\n${ok}`), quiet: spec(`  /a/{id}:\n    delete:\n      responses:\n        '200':\n          description: The deleted item.\n          content:\n            application/json:\n              schema:\n                type: object\n        default:\n          description: e\n`) },
  { rule: 'response-description', fires: spec(`  /a:\n    get:\n      responses:\n        '200': {}\n`), quiet: spec(`  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Ok'\n`, `components:\n  responses:\n    Ok:\n      description: OK\n`) },
  { rule: 'operation-security', fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`), quiet: spec(`  /a:\n    get:\n${ok}`, `security:\n  - key: []\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`) },
  { rule: 'operation-security', fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`), quiet: spec(`  /a:\n    get:\n      security: []\n${ok}`, `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: K\n`) },
  { rule: 'path-case', settings: { naming: { pathCase: 'kebab-case' } }, fires: spec(`  /userAccounts/{userId}:\n    get:\n${ok}`), quiet: spec(`  /user-accounts/{userId}:\n    get:\n${ok}`) },
  { rule: 'path-case', settings: { naming: { pathCase: 'snake_case' } }, fires: spec(`  /user-accounts:\n    get:\n${ok}`), quiet: spec(`  /user_accounts:\n    get:\n${ok}`) },
  // Unset, the case is the document's own: consistent camelCase is quiet, one snake_case path among camelCase ones is not.
  { rule: 'path-case-mixed', fires: spec(`  /userAccounts:\n    get:\n${ok}  /orderItems:\n    get:\n${ok}  /line_items:\n    get:\n${ok}`), quiet: spec(`  /userAccounts:\n    get:\n${ok}  /orderItems/{itemId}:\n    get:\n${ok}`) },
  { rule: 'path-case-mixed', settings: { naming: { pathCase: 'any' } }, fires: spec(`  /user-accounts:\n    get:\n${ok}  /order-items:\n    get:\n${ok}  /line_items:\n    get:\n${ok}`), quiet: spec(`  /user_accounts:\n    get:\n${ok}  /line_items:\n    get:\n${ok}`) },
  { rule: 'path-verb', fires: spec(`  /createUser:\n    post:\n${ok}`), quiet: spec(`  /users:\n    post:\n${ok}`) },
  // A word that is as often a noun names a resource when an id follows it; without one it is still the verb.
  { rule: 'path-verb', fires: spec(`  /findings/list:\n    post:\n${ok}`), quiet: spec(`  /list/{listId}/members:\n    get:\n${ok}  /post/{postId}:\n    get:\n${ok}  /add-ons:\n    get:\n${ok}  /Recordings/{Sid}/AddOnResults:\n    get:\n${ok}`) },
  { rule: 'versioning-style', settings: { versioning: { style: 'header' } }, fires: spec(`  /v2/users:\n    get:\n${ok}`), quiet: spec(`  /users:\n    get:\n${ok}`) },
  { rule: 'versioning-style', settings: { versioning: { style: 'path' } }, fires: spec(`  /users:\n    get:\n${ok}`), quiet: spec(`  /users:\n    get:\n${ok}`, `servers:\n  - url: https://api.example.com/v1\n`) },
  { rule: 'versioning-style', settings: { versioning: { style: 'header' } }, fires: spec(`  /users:\n    get:\n      parameters:\n        - name: api-version\n          in: query\n${ok}`), quiet: spec(`  /users:\n    get:\n      parameters:\n        - name: api-version\n          in: header\n${ok}`) },
  {
    rule: 'pagination-params', settings: { pagination: { required: true, style: 'offset' } },
    fires: spec(`  /users:\n    get:\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: object\n`),
    quiet: spec(`  /users:\n    get:\n      parameters:\n        - name: offset\n          in: query\n        - name: limit\n          in: query\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: object\n`),
  },
  { rule: 'pagination-consistency', fires: spec(`  /a:\n    get:\n      parameters:\n        - name: per_page\n          in: query\n${ok}  /b:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}  /c:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}`), quiet: spec(`  /a:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}  /b:\n    get:\n      parameters:\n        - name: page_size\n          in: query\n${ok}`) },
  // The example decides: a timestamp in a field named like a date, and no suggestion when it is a Unix time.
  { rule: 'date-time-format', fires: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n        date:\n          type: string\n          example: '2025-10-15T13:53:57.442Z'\n`), quiet: spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n        created_at:\n          type: string\n          example: '1760536437'\n        shipped_on:\n          type: string\n          description: Unix epoch seconds.\n        depends_on:\n          type: string\n`) },
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

/** Three operations that reference one 429 and one 201 response component; `extra` goes under the second operation. */
const sharedSpec = (extra = '') => spec(
  `  /a:\n    post:\n      responses:\n        '201':\n          $ref: '#/components/responses/Made'\n        '429':\n          $ref: '#/components/responses/Slow'\n` +
  `  /b:\n    get:\n${extra}      responses:\n        '200':\n          description: OK\n        '429':\n          $ref: '#/components/responses/Slow'\n` +
  `  /c:\n    get:\n      responses:\n        '200':\n          description: OK\n        '429':\n          $ref: '#/components/responses/Slow'\n`,
  `components:\n  responses:\n    Made:\n      description: Created.\n    Slow:\n      description: Slow down.\n`);

test('a problem in a shared response component is reported once, there, with the operations that use it as related information', () => {
  const text = sharedSpec();
  const ds = validate(text);
  const retry = ds.filter((d) => d.code === 'retry-after');
  assert.equal(retry.length, 1, JSON.stringify(ds.map(msg)));
  const lines = text.split('\n');
  assert.equal(lines[retry[0].range.start.line], '    Slow:');
  assert.match(msg(retry[0]), /^The shared response "Slow" \(used as 429\) should carry a Retry-After header/);
  assert.deepEqual(retry[0].relatedInformation!.map((r) => [lines[r.location.range.start.line].trim(), r.message]), [
    ["'429':", 'POST /a uses it as its 429 response'], ["'429':", 'GET /b uses it as its 429 response'], ["'429':", 'GET /c uses it as its 429 response'],
  ]);
  assert.equal(retry[0].relatedInformation![0].location.uri, retry[0].relatedInformation![2].location.uri);
  // The diagnostic carries each operation's fix; the code actions turn them into one edit of the
  // component (every user lacks the header) or a copy per operation (quickfix-openapi.test.ts).
  assert.deepEqual((retry[0].data as { fixes: Array<{ method: string; path: string }> }).fixes.map((f) => `${f.method} ${f.path}`), ['post /a', 'get /b', 'get /c']);
  const created = ds.filter((d) => d.code === 'created-location');
  assert.equal(created.length, 1);
  assert.equal(lines[created[0].range.start.line], '    Made:');
  assert.equal(created[0].relatedInformation!.length, 1);
  // An operation that suppresses the rule drops out of the list; the others still see the problem.
  const suppressed = validate(sharedSpec(`      x-stylebook-ignore: { rules: [retry-after], reason: The gateway sets Retry-After. }\n`)).filter((d) => d.code === 'retry-after');
  assert.deepEqual(suppressed[0].relatedInformation!.map((r) => r.message), ['POST /a uses it as its 429 response', 'GET /c uses it as its 429 response']);
});

test('after edits that move a shared component, the reused results equal a fresh validation', () => {
  const ls = service(settingsWith());
  let text = sharedSpec();
  const edits: Array<(t: string) => string> = [
    (t) => t.replace('info:\n', 'info:\n  description: Moves everything below.\n'),
    (t) => t.replace('  /c:\n', '  /d:\n    get:\n      responses:\n        \'429\':\n          $ref: \'#/components/responses/Slow\'\n  /c:\n'),
    (t) => t.replace('      description: Slow down.\n', '      description: Slow down.\n      headers:\n        Retry-After:\n          schema:\n            type: integer\n'),
  ];
  let version = 1;
  ls.doValidation(ls.prepare(TextDocument.create('file:///shared-reuse.yaml', 'yaml', version, text)));
  for (const edit of edits) {
    text = edit(text);
    const reused = ls.doValidation(ls.prepare(TextDocument.create('file:///shared-reuse.yaml', 'yaml', ++version, text)));
    const freshUri = `file:///shared-fresh-${version}.yaml`;
    const fresh = ls.doValidation(ls.prepare(TextDocument.create(freshUri, 'yaml', 1, text)));
    // Related information names the document's own uri, the one thing that differs between the two.
    const sameUri = JSON.parse(JSON.stringify(fresh).split(freshUri).join('file:///shared-reuse.yaml')) as unknown;
    assert.deepEqual(reused, sameUri, `after edit ${version - 1}`);
  }
});

test('date-time-format suggests what the example shows, and its fix writes the same', () => {
  const schema = (props: string) => spec(`  /a:\n    get:\n${ok}`, `components:\n  schemas:\n    A:\n      properties:\n${props}`);
  const one = (props: string) => validate(schema(props)).filter((d) => d.code === 'date-time-format');
  const stamp = one(`        date:\n          type: string\n          example: '2025-10-15T13:53:57.442Z'\n`);
  assert.match(msg(stamp[0]), /^"date" declares no format although its example is a timestamp; declare format: date-time/);
  assert.deepEqual((stamp[0].data as { fixes: { value: string }[] }).fixes.map((f) => f.value), ['date-time']);
  const day = one(`        created_at:\n          type: string\n          example: '2025-10-15'\n`);
  assert.deepEqual((day[0].data as { fixes: { value: string }[] }).fixes.map((f) => f.value), ['date']);
  // The owning schema's example counts too; a layout that is neither (15/10/2025) silences the rule.
  assert.deepEqual(one(`        birth_date:\n          type: string\n`).length, 1);
  assert.deepEqual(one(`        birth_date:\n          type: string\n      example:\n        birth_date: 15/10/2025\n`), []);
  // A description that spells out layouts decides too: date-only or space-separated ones do not fit date-time.
  assert.deepEqual(one(`        lastModifiedDateTime:\n          type: string\n          description: 'Accepted format: yyyy-MM-dd, yyyy-MM-dd HH:mm:ss'\n`), []);
  assert.equal(one(`        lastModifiedDateTime:\n          type: string\n          description: 'Format: yyyy-MM-ddTHH:mm:ssZ'\n`).length, 1);
  // `issuedAt` beside `issueDate` is a place (DigiLocker's certificates), not a time.
  assert.deepEqual(one(`        issueDate:\n          type: string\n          format: date\n        issuedAt:\n          type: string\n`), []);
  assert.equal(one(`        issuedAt:\n          type: string\n`).length, 1);
  const named = one(`        end_date:\n          type: string\n`);
  assert.match(msg(named[0]), /declare format: date, or date-time if it carries a time too/);
  assert.deepEqual((named[0].data as { fixes: { value: string }[] }).fixes.map((f) => f.value), ['date', 'date-time']);
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
  assert.equal(d.codeDescription!.href, 'https://opensource.zalando.com/restful-api-guidelines/#success-codes');
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
  const all = settingsWith({ naming: { pathCase: 'kebab-case' }, pagination: { required: true, style: 'any' }, versioning: { style: 'header' }, nulls: { style: 'omit' } });
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

test('YAML aliases: a schema written under an extension key and used through `schema: *alias` is checked, once', () => {
  // The walk reads a node as plain document and as schema separately: reading it first as the former
  // must not keep it from being read as the latter (one visited set for both once did).
  const text = [
    'openapi: 3.0.3',
    "info: {title: t, version: '1'}",
    'x-shared: &s {type: object, properties: {createdAt: {type: string}}}',
    'paths:',
    '  /a:',
    '    get:',
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content: {application/json: {schema: *s}}',
    '        default: {description: error, content: {application/json: {schema: *s}}}',
    '',
  ].join('\n');
  const found = validate(text).filter((d) => d.code === 'date-time-format');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].range.start.line, 2);
});

test('YAML aliases: a path item aliased under many paths is checked once, its findings reported once', () => {
  const text = [
    'openapi: 3.0.3',
    "info: {title: t, version: '1'}",
    'x-item: &item',
    '  get:',
    '    responses:',
    "      '200': {description: ok}",
    "      '429': {description: slow down}",
    'paths:',
    ...Array.from({ length: 50 }, (_, i) => `  /p${i}: *item`),
    '',
  ].join('\n');
  assert.deepEqual(codes(validate(text)), ['retry-after']);
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
