import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { getLanguageService } from '../../server/src/service/languageService';
import { service, withCursor } from '../helpers/service';

const ls = service();

/** Hovers at the `|` and returns the card's Markdown, or null. */
function hover(textWithCursor: string, languageId = 'yaml'): string | null {
  const { doc, position } = withCursor(textWithCursor, languageId);
  const h = ls.doHover(ls.prepare(doc), position);
  if (!h) return null;
  return (h.contents as { value: string }).value;
}

const OAS30 = (body: string) => `openapi: 3.0.3\ninfo:\n  title: Pets\n  version: '1'\npaths:\n${body}`;

const FIVE = [
  ['Cloud Foundry', 'https://github.com/cloudfoundry/cc-api-v3-style-guide#server-errors'],
  ['Haufe', 'https://github.com/Haufe-Lexware/api-style-guide/blob/master/http-status-codes/http-status-codes.md'],
  ['Heroku', 'https://github.com/interagent/http-api-design/blob/master/en/responses/return-appropriate-status-codes.md'],
  ['White House', 'https://github.com/WhiteHouse/api-standards/blob/master/README.md#error-handling'],
  ['Zalando', 'https://opensource.zalando.com/restful-api-guidelines/#_server_side_error_codes'],
];

function assertFiveGuides(card: string | null): void {
  assert.ok(card, 'expected a card');
  assert.match(card, /### 500 Internal Server Error/);
  assert.match(card, /rfc9110#section-15\.6\.1/);
  assert.match(card, /\(5 guides\)/);
  for (const [company, url] of FIVE) {
    assert.ok(card.includes(`**${company}**`), `missing ${company}`);
    assert.ok(card.includes(`](${url})`), `missing ${url}`);
  }
  assert.match(card, /\[Open the topic page\]\(command:stylebook\.showTopic\?%5B%22http-status-500%22%5D/);
}

test('500 as a quoted YAML key under responses gets the full card', () => {
  assertFiveGuides(hover(OAS30(`  /pets:\n    get:\n      responses:\n        '5|00':\n          description: boom\n`)));
});

test('500 as a plain YAML key, with the cursor at either end', () => {
  assertFiveGuides(hover(OAS30(`  /pets:\n    get:\n      responses:\n        |500:\n          description: boom\n`)));
  assertFiveGuides(hover(OAS30(`  /pets:\n    get:\n      responses:\n        "500|":\n          description: boom\n`)));
});

test('500 in a JSON 3.1 document', () => {
  const json = `{\n  "openapi": "3.1.0",\n  "info": {"title": "x", "version": "1"},\n  "paths": {\n    "/pets": {\n      "post": {\n        "responses": {\n          "201": {"description": "made"},\n          "50|0": {"description": "boom"}\n        }\n      }\n    }\n  }\n}\n`;
  assertFiveGuides(hover(json, 'json'));
});

test('500 in a minified JSON document', () => {
  const json = `{"openapi":"3.1.0","paths":{"/a":{"get":{"responses":{"200":{"description":"ok"},"5|00":{"description":"x"}}}}}}`;
  assertFiveGuides(hover(json, 'json'));
});

test('500 in a Swagger 2.0 document', () => {
  assertFiveGuides(hover(`swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        5|00:\n          description: boom\n`));
});

test('a YAML file that is not an OpenAPI document gets no card', () => {
  assert.equal(hover(`services:\n  web:\n    responses:\n      5|00: x\n`), null);
});

test('keys under components/responses are names, not codes', () => {
  assert.equal(hover(`openapi: 3.0.0\ncomponents:\n  responses:\n    5|00:\n      description: x\n`), null);
});

test('the card for a code no topic covers still has its reason phrase and RFC link', () => {
  const card = hover(OAS30(`  /pets:\n    get:\n      responses:\n        '41|8':\n          description: teapot\n`))!;
  assert.match(card, /418 \\\(Unused\\\)/);
  assert.match(card, /rfc9110#section-15\.5\.19/);
  const card505 = hover(OAS30(`  /pets:\n    get:\n      responses:\n        '50|5':\n          description: old http\n`))!;
  assert.match(card505, /### 505 HTTP Version Not Supported/);
  assert.match(card505, /rfc9110#section-15\.6\.6/);
  assert.match(card505, /No catalog topic covers 505 on its own/);
});

// Codes that pages mentioned but that had no page of their own (issue 17) now open their page, not the general paragraph.
for (const [code, rfc] of [[413, /rfc9110#section-15\.5\.14/], [414, /rfc9110#section-15\.5\.15/], [416, /rfc9110#section-15\.5\.17/], [431, /rfc6585#section-5/],
  [451, /rfc7725#section-3/], [502, /rfc9110#section-15\.6\.3/], [504, /rfc9110#section-15\.6\.5/], [511, /rfc6585#section-6/], [207, /rfc4918#section-11\.1/]] as const) {
  test(`a ${code} response key gets the ${code} page`, () => {
    const c = String(code);
    const card = hover(OAS30(`  /pets:\n    post:\n      responses:\n        '${c.slice(0, 2)}|${c[2]}':\n          description: x\n`))!;
    assert.match(card, new RegExp(`showTopic[^)]*http-status-${code}`));
    assert.doesNotMatch(card, /No catalog topic covers/);
    assert.match(card, rfc);
  });
}

test('422 is named by its current registered phrase, Unprocessable Content (a correction of the reference data)', () => {
  const card = hover(OAS30(`  /pets:\n    post:\n      responses:\n        '42|2':\n          description: invalid\n`))!;
  assert.match(card, /### 422 Unprocessable Content/);
  assert.match(card, /\*\*422 Unprocessable Content\*\*/);
  assert.doesNotMatch(card, /### 422 Unprocessable Entity/);
});

test('ranges, default and unregistered codes', () => {
  assert.match(hover(OAS30(`  /a:\n    get:\n      responses:\n        4X|X:\n          description: x\n`))!, /### 4XX Client Error/);
  assert.match(hover(OAS30(`  /a:\n    get:\n      responses:\n        defa|ult:\n          description: x\n`))!, /### default response/);
  assert.match(hover(OAS30(`  /a:\n    get:\n      responses:\n        '29|9':\n          description: x\n`))!, /299\*\* is not a registered status code/);
  assert.match(hover(OAS30(`  /a:\n    get:\n      responses:\n        '60|0':\n          description: x\n`))!, /outside the range/);
});

test('an operation key gets its method card with safety and idempotency', () => {
  const card = hover(OAS30(`  /pets:\n    pa|tch:\n      responses:\n        '200':\n          description: x\n`))!;
  assert.match(card, /### PATCH/);
  assert.match(card, /not safe, not idempotent/);
  assert.match(card, /rfc5789/);
  assert.match(hover(OAS30(`  /pets:\n    summary: x\n    de|lete:\n      responses: {}\n`))!, /not safe, idempotent/);
});

test('an operation key in an indentless block and after a sequence is still found', () => {
  const text = OAS30(`  /pets:\n    parameters:\n    - name: x\n      in: query\n    get:\n      responses:\n        '5|00':\n          description: boom\n`);
  assertFiveGuides(hover(text));
});

test('parameters: pagination, sorting, filtering and fields by name', () => {
  const p = (name: string) => hover(OAS30(`  /pets:\n    get:\n      parameters:\n        - in: query\n          name: ${name}\n          schema: {type: integer}\n      responses: {}\n`));
  assert.match(p('li|mit')!, /collection-pagination/);
  assert.match(p('cur|sor')!, /collection-pagination/);
  assert.match(p('sor|t')!, /collection-sorting/);
  assert.match(p('|q')!, /collection-filtering/);
  assert.match(p('fie|lds')!, /resource-retrieve-partial/);
  assert.match(p('If-Ma|tch')!, /conditional-requests/);
  assert.match(p('Idempotency-K|ey')!, /idempotency-keys/);
  assert.equal(p('col|or'), null);
});

test('headers in a response headers map', () => {
  const h = (name: string) => hover(OAS30(`  /pets:\n    post:\n      responses:\n        '201':\n          description: made\n          headers:\n            ${name}:\n              schema: {type: string}\n`));
  assert.match(h('Loca|tion')!, /http-status-201/);
  assert.match(h('Retry-Af|ter')!, /rate-limiting/);
  assert.match(h('X-RateLimit-Rem|aining')!, /rate-limiting/);
  assert.match(h('ET|ag')!, /http-caching/);
  assert.match(h('X-Custo|m')!, /http-headers/);
  assert.match(h('Sun|set')!, /deprecation-sunset/);
  assert.match(h('Deprec|ation')!, /deprecation-sunset/);
});

test('webhooks, deprecated and multipart/form-data lead to their own pages', () => {
  assert.match(hover(`openapi: 3.1.0\nwebho|oks:\n  newPet:\n    post:\n      responses: {}\n`)!, /showTopic[^)]*%22webhooks%22/);
  assert.match(hover(OAS30(`  /pets:\n    get:\n      deprec|ated: true\n      responses: {}\n`))!, /showTopic[^)]*%22deprecation-sunset%22/);
  assert.match(hover(OAS30(`  /a:\n    post:\n      requestBody:\n        content:\n          multipart/form-da|ta:\n            schema: {}\n      responses: {}\n`))!, /showTopic[^)]*%22file-upload%22/);
});

test('format: date-time, media types, security schemes and path segments', () => {
  assert.match(hover(OAS30(`  /a:\n    get:\n      responses: {}\ncomponents:\n  schemas:\n    Pet:\n      properties:\n        born:\n          type: string\n          format: date-ti|me\n`))!, /data-format-date-time/);
  assert.match(hover(OAS30(`  /a:\n    get:\n      responses:\n        '400':\n          description: x\n          content:\n            application/problem+j|son:\n              schema: {}\n`))!, /http-status-standard-error/);
  assert.match(hover(OAS30(`  /a: {}\ncomponents:\n  securitySchemes:\n    bear|erAuth:\n      type: http\n`))!, /Security scheme \*\*bearerAuth\*\*/);
  assert.match(hover(OAS30(`  /v1/pe|ts:\n    get: {}\n`))!, /`versioning`/);
  assert.match(hover(OAS30(`  /pets/{pe|tId}:\n    get: {}\n`))!, /`resource-id`/);
  assert.match(hover(OAS30(`  /userAccounts/order_ite|ms:\n    get: {}\n`))!, /mix camelCase and snake_case/);
});

test('a half-typed document still answers where it can and never throws', () => {
  assertFiveGuides(hover(OAS30(`  /pets:\n    get:\n      responses:\n        '5|00':\n          descr\n  /broken: [\n`)));
  assert.equal(hover(OAS30(`  /pets:\n    get:\n      responses:\n        |\n`)), null);
  assert.equal(hover('{"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": {"5|00": '.slice(0), 'json') !== undefined, true);
});

test('catalog text is escaped: no raw HTML or links injected from a page', () => {
  const evil = `---\ntopic_id: http-status-500\ntopic_category: '<img src=x onerror=alert(1)>'\ntopic_name: '[click](command:workbench.action.terminal.new)'\ntopic_description: '<script>x</script> **bold**'\nguidelines:\n  - guideline_id: evil\n    guideline_title: 'T'\n    guideline_url: 'https://e.example'\n    guideline_company: '<b>E</b>'\n    references:\n      - name: '](command:x)'\n        url: 'https://e.example/a)(command:y'\n---\n`;
  const svc = getLanguageService({ catalog: buildCatalog([[{ source: 'evil.md', text: evil }]]) });
  const { doc, position } = withCursor(OAS30(`  /a:\n    get:\n      responses:\n        '5|00':\n          description: x\n`), 'yaml');
  const value = (svc.doHover(svc.prepare(doc), position)!.contents as { value: string }).value;
  assert.doesNotMatch(value, /<img|<script|<b>/);
  assert.doesNotMatch(value, /\]\(command:(?!stylebook\.showTopic)/);
  assert.doesNotMatch(value, /\(command:y/);
});

test('operations under webhooks, x-webhooks and components/pathItems get cards; schema properties named like methods do not', () => {
  assertFiveGuides(hover(`openapi: 3.1.0\nwebhooks:\n  newPet:\n    post:\n      responses:\n        '5|00':\n          description: x\n`));
  assertFiveGuides(hover(`openapi: 3.1.0\nx-webhooks:\n  newPet:\n    post:\n      responses:\n        '5|00':\n          description: x\n`));
  assertFiveGuides(hover(`openapi: 3.1.0\ncomponents:\n  pathItems:\n    Pet:\n      get:\n        responses:\n          '5|00':\n            description: x\n`));
  assert.equal(hover(`openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      properties:\n        post:\n          properties:\n            responses:\n              properties:\n                '5|00': {type: string}\n`), null);
  assert.equal(hover(`openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      properties:\n        get:\n          responses:\n            '5|00': {}\n`), null);
});
