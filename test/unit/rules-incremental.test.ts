import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prepareDocument } from '../../server/src/service/document';
import { parsedTree } from '../../server/src/service/openapi/model';
import { parseJson } from '../../server/src/service/parse/json';
import { parseYaml } from '../../server/src/service/parse/yaml';
import { ROOT } from '../helpers/service';

/**
 * The tree after an edit, built by re-parsing only the edited mapping, must
 * equal a full parse of the new text: same values, same offsets, same
 * problems. Each edit is checked against the version before it.
 */
function check(file: string, languageId: 'yaml' | 'json', edits: Array<(t: string) => string>): void {
  let text = fs.readFileSync(path.join(ROOT, 'test/fixtures/openapi', file), 'utf8');
  const uri = `file:///incremental-${file}`;
  let version = 1;
  parsedTree(prepareDocument(TextDocument.create(uri, languageId, version, text)));
  for (const edit of edits) {
    text = edit(text);
    const got = parsedTree(prepareDocument(TextDocument.create(uri, languageId, ++version, text)));
    const want = languageId === 'json' ? parseJson(text) : parseYaml(text);
    // The tree and its problems; a fresh parse may also carry the line index it found in passing.
    assert.deepEqual({ root: got.root, problems: got.problems }, { root: want.root, problems: want.problems }, `after edit ${version - 1} of ${file}`);
  }
}

/** Inserts `s` after the n-th occurrence of `needle`. */
const insertAfter = (needle: string, s: string, nth = 0) => (t: string) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = t.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return t.slice(0, i + needle.length) + s + t.slice(i + needle.length);
};
const replace = (a: string, b: string) => (t: string) => t.replace(a, b);

test('YAML: typing inside operations, adding and removing lines', () => {
  check('clean.yaml', 'yaml', [
    insertAfter('description: A page of orders', ' (newest first)'),
    insertAfter('description: Deleted', '!'),
    replace("        '204':\n", "        '200':\n"),
    insertAfter("          description: No such order.\n", "        '410':\n          description: Gone.\n"),
    replace('          format: date\n', ''),
    insertAfter('Too many requests.', 'x'),
    replace('Too many requests.x', 'Too many requests'),
    // An edit that breaks the mapping: the full parse decides, with its problems.
    insertAfter('description: Created.', '\n     bad: [indent'),
    replace('\n     bad: [indent', ''),
  ]);
});

test('JSON: typing inside operations, adding and removing members', () => {
  check('clean.json', 'json', [
    insertAfter('"description": "A page of orders', ' (newest first)'),
    replace('"204"', '"200"'),
    insertAfter('"description": "No such order."', ', "x-note": [1, 2, {"a": null}]'),
    replace('"offset"', '"start"'),
    insertAfter('"description": "Deleted.', '"'),
    replace('"Deleted.""', '"Deleted."'),
  ]);
});

test('a document with anchors is always parsed whole (and still right)', () => {
  const uri = 'file:///anchors.yaml';
  const a = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses: &r\n        '200':\n          description: OK\n  /b:\n    get:\n      responses: *r\n";
  parsedTree(prepareDocument(TextDocument.create(uri, 'yaml', 1, a)));
  const b = a.replace('description: OK', 'description: Fine');
  assert.deepEqual(parsedTree(prepareDocument(TextDocument.create(uri, 'yaml', 2, b))), parseYaml(b));
});

test('YAML: an edit that ends a mapping earlier (its last value becomes a comment) leaves no stale end on its ancestors', () => {
  check('clean.yaml', 'yaml', [
    replace('description: No such order.', 'description: No #such order.'),
    replace('description: No #such order.', 'description: No such order.'),
    replace("          $ref: '#/components/responses/Problem'", "         # $ref: '#/components/responses/Problem'"),
  ]);
});

/**
 * Seeded random edits (typing, deleting, new lines, comments, colons),
 * each checked against a full parse of the new text: values, problems and
 * every offset. A mismatch names the edit.
 */
test('YAML: random edits, each compared with a full parse (values and every offset)', () => {
  let seed = 15;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['', 'x', ' ', '\n', '  ', '#', ' #', ': ', '-', 'a: b\n'];
  let edits = 0;
  for (const file of ['test/fixtures/openapi/clean.yaml', 'test/fixtures/openapi/violations.yaml', 'examples/petstore.yaml']) {
    const original = fs.readFileSync(path.join(ROOT, file), 'utf8');
    let text = original;
    const uri = `file:///incremental-random-${file}`;
    let version = 1;
    parsedTree(prepareDocument(TextDocument.create(uri, 'yaml', version, text)));
    for (let i = 0; i < 2000; i++) {
      const before = text;
      const at = rnd(text.length);
      text = rnd(25) === 0 ? original : text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at + rnd(4));
      const got = parsedTree(prepareDocument(TextDocument.create(uri, 'yaml', ++version, text)));
      const want = parseYaml(text);
      assert.deepStrictEqual({ root: got.root, problems: got.problems }, { root: want.root, problems: want.problems },
        `${file}, edit ${i}: ${JSON.stringify(before.slice(Math.max(0, at - 30), at + 30))} became ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`);
      edits++;
    }
  }
  assert.equal(edits, 6000);
});
