import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectOpenApi } from '../../server/src/service/openapi/detect';
import { service } from '../helpers/service';

// Recognition decides whether a document gets any feature at all, so every
// valid form of a root key must be recognised, and text that only mentions
// `openapi` somewhere deeper must not be.

const ls = service();

/** The format and version found, or undefined. */
function detect(text: string, languageId = 'yaml'): [string, string, string] | undefined {
  const info = detectOpenApi(text, languageId);
  return info && [info.format, info.version, info.family];
}

test('YAML root keys: plain, quoted either way, after a byte order mark, a comment or a directive', () => {
  assert.deepEqual(detect('openapi: 3.1.0\ninfo: {}\n'), ['yaml', '3.1.0', '3.1']);
  assert.deepEqual(detect('"openapi": "3.1.0"\ninfo: {}\n'), ['yaml', '3.1.0', '3.1']);
  assert.deepEqual(detect("'swagger': '2.0'\ninfo: {}\n"), ['yaml', '2.0', '2.0']);
  assert.deepEqual(detect('\uFEFFopenapi: 3.0.3\n'), ['yaml', '3.0.3', '3.0']);
  assert.deepEqual(detect('\uFEFF"openapi": 3.0.3\n'), ['yaml', '3.0.3', '3.0']);
  assert.deepEqual(detect('# an API\n%YAML 1.2\n---\nopenapi: 3.0.3\n'), ['yaml', '3.0.3', '3.0']);
  assert.equal(detect('"openapi\': 3.0.3\n'), undefined, 'mismatched quotes are not a key');
  assert.equal(detect('info:\n  openapi: 3.0.3\n'), undefined, 'an indented key is not at the root');
});

test('JSON text in a YAML file is JSON (read by the JSON parser); a root flow mapping is YAML', () => {
  assert.deepEqual(detect('{\n  "openapi": "3.0.1",\n  "info": {}\n}\n'), ['json', '3.0.1', '3.0']);
  assert.deepEqual(detect('\uFEFF  {"swagger": "2.0"}'), ['json', '2.0', '2.0']);
  assert.equal(detect('{"info": {"openapi": "3.0.1"}}'), undefined, 'a nested key is not the root');
  assert.deepEqual(detect('{openapi: 3.0.1, info: {title: x}}'), ['yaml', '3.0.1', '3.0']);
  assert.deepEqual(detect("{'info': {}, 'openapi': '3.1.0'}"), ['yaml', '3.1.0', '3.1']);
  assert.equal(detect('{info: {openapi: 3.1.0}}'), undefined);
});

test('JSON documents: a byte order mark changes nothing', () => {
  assert.deepEqual(detect('\uFEFF{"openapi": "3.1.0"}', 'json'), ['json', '3.1.0', '3.1']);
});

test('the service checks a quoted-key, a BOM and a JSON-in-.yaml document like any other', () => {
  const body = (key: string) => `${key}: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /pets:\n    get:\n      responses:\n        '299':\n          description: odd\n`;
  const codes = (text: string, languageId = 'yaml') => {
    const doc = ls.prepare(TextDocument.create('file:///api.yaml', languageId, 1, text));
    assert.equal(doc.kind, 'openapi');
    return ls.doValidation(doc).map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`);
  };
  const plain = codes(body('openapi'));
  assert.ok(plain.includes('status-code-unregistered@8:8'), plain.join());
  assert.deepEqual(codes(body('"openapi"')), plain);
  assert.deepEqual(codes(body("'openapi'")), plain);
  // The byte order mark is a character of line 0 only, so the positions below it are unchanged.
  assert.deepEqual(codes(`\uFEFF${body('openapi')}`), plain);
  const json = JSON.stringify({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/pets': { get: { responses: { 299: { description: 'odd' } } } } } }, null, 2);
  const fromJson = codes(json);
  assert.ok(fromJson.some((c) => c.startsWith('status-code-unregistered@')), fromJson.join());
  assert.deepEqual(fromJson, codes(json, 'json'), 'the same diagnostics as the same text in a .json file');
  // A root flow mapping (YAML, not JSON) goes to the YAML parser and is checked too.
  const flow = '{openapi: 3.0.3, info: {title: T, version: "1"},\n paths: {/pets: {get: {responses: {"299": {description: odd}}}}}}\n';
  assert.ok(codes(flow).includes('status-code-unregistered@1:35'), codes(flow).join());
});
