import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { AstNode, getProp, getProperty, toValue } from '../../server/src/service/parse/ast';
import { parseJson, MAX_JSON_DEPTH } from '../../server/src/service/parse/json';

/** The repository root, whether the test runs from `test/unit` or `out/test/unit`. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'tsconfig.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const fixtureDir = path.join(repoRoot(), 'test/fixtures/parse/json');

function walk(node: AstNode | undefined, visit: (n: AstNode) => void): void {
  if (!node) return;
  visit(node);
  if (node.kind === 'object') for (const p of node.props) walk(p.node, visit);
  else if (node.kind === 'array') for (const it of node.items) walk(it, visit);
}

for (const file of fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.json'))) {
  test(`json differential and offsets: ${file}`, () => {
    const text = fs.readFileSync(path.join(fixtureDir, file), 'utf8');
    const r = parseJson(text);
    assert.deepEqual(r.problems, []);
    assert.deepStrictEqual(toValue(r.root), JSON.parse(text));
    walk(r.root, (n) => {
      assert.deepStrictEqual(JSON.parse(text.slice(n.offset, n.end)), toValue(n));
      if (n.kind === 'string') assert.equal(n.quoted, true);
      if (n.kind === 'object') {
        for (const p of n.props) assert.equal(JSON.parse(text.slice(p.keyOffset, p.keyEnd)), p.key);
      }
    });
  });
}

test('json: offsets of a small document', () => {
  const text = '{ "a": [1, "x"], "b": null }';
  const r = parseJson(text);
  assert.deepEqual([r.root!.offset, r.root!.end], [0, text.length]);
  const a = getProperty(r.root, 'a')!;
  assert.deepEqual([a.keyOffset, a.keyEnd], [2, 5]);
  assert.equal(text.slice(a.node!.offset, a.node!.end), '[1, "x"]');
  const b = getProp(r.root, 'b')!;
  assert.deepEqual([b.kind, b.offset, b.end, b.kind === 'null' && b.value], ['null', 22, 26, null]);
});

test('json: an entry is its value node, one object per entry; items and the root are no entries', () => {
  for (const text of ['{ "a": 1, "b": { "c": [true, {}] } }', '{ "a": 1, "b": { "c": [true, {}] }, }']) {
    const r = parseJson(text);
    const b = getProperty(r.root, 'b')!;
    assert.equal(b, getProp(r.root, 'b'), text);
    assert.equal(getProperty(r.root, 'a'), getProp(r.root, 'a'), text);
    assert.deepEqual([b.key, b.keyOffset, b.keyEnd], ['b', 10, 13], text);
    const c = getProp(b.node, 'c')!;
    assert.ok(c.kind === 'array' && c.items.every((it) => it.key === undefined && it.node === undefined), text);
    assert.equal(r.root!.node, undefined, text);
  }
});

test('json: comments are accepted silently (JSONC)', () => {
  const r = parseJson('// head\n{ /* a */ "a": 1, // b\n "b": 2 }\n/* tail */');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(toValue(r.root), { a: 1, b: 2 });
});

function problemAt(text: string, needle: string, problems: { offset: number; end: number }[]): void {
  const at = text.indexOf(needle);
  assert.ok(problems.some((p) => p.offset <= at && at < Math.max(p.end, p.offset + 1)),
    `a problem at ${JSON.stringify(needle)} (offset ${at}); got ${JSON.stringify(problems)}`);
}

test('json tolerance: trailing comma', () => {
  const text = '{"a": [1, 2,], "b": 3,}';
  const r = parseJson(text);
  assert.deepEqual(toValue(r.root), { a: [1, 2], b: 3 });
  problemAt(text, ',]', r.problems);
  problemAt(text, ',}', r.problems);
});

test('json tolerance: missing value', () => {
  const text = '{"a": , "b": 2, "c": }';
  const r = parseJson(text);
  assert.equal(getProperty(r.root, 'a')!.node, undefined);
  assert.equal(toValue(getProp(r.root, 'b')), 2);
  problemAt(text, '"a"', r.problems);
  problemAt(text, '"c"', r.problems);
});

test('json tolerance: unterminated string', () => {
  const text = '{"a": "open\n, "b": 2}';
  const r = parseJson(text);
  assert.equal(toValue(getProp(r.root, 'a')), 'open');
  assert.equal(toValue(getProp(r.root, 'b')), 2);
  problemAt(text, '"open', r.problems);
});

test('json tolerance: truncated file', () => {
  const text = '{"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": [1, 2';
  const r = parseJson(text);
  assert.deepEqual(toValue(r.root), { openapi: '3.0.0', paths: { '/a': { get: { responses: [1, 2] } } } });
  assert.equal(r.root!.end, text.length);
  assert.ok(r.problems.length >= 4);
});

test('json tolerance: missing comma and stray words', () => {
  const text = '{"a": 1 "b": 2, "c": nope, "d": [1 2]}';
  const r = parseJson(text);
  assert.deepEqual(toValue(r.root), { a: 1, b: 2, c: null, d: [1, 2] });
  problemAt(text, '"b"', r.problems);
  problemAt(text, 'nope', r.problems);
});

test('json tolerance: deep nesting neither throws nor recurses', () => {
  const r = parseJson('['.repeat(100000));
  assert.ok(r.problems.some((p) => p.message.includes(String(MAX_JSON_DEPTH))));
  const balanced = parseJson('['.repeat(100000) + ']'.repeat(100000));
  assert.ok(balanced.root);
});

test('json tolerance: binary junk yields problems, not an exception', () => {
  let seed = 3;
  let text = '';
  for (let i = 0; i < 5000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    text += String.fromCharCode(seed % 256);
  }
  const r = parseJson(text);
  assert.ok(r.problems.length > 0);
});

test('json: the whole GitHub description equals JSON.parse', { skip: !fs.existsSync(githubPath()) }, () => {
  const text = fs.readFileSync(githubPath(), 'utf8');
  const r = parseJson(text);
  assert.deepEqual(r.problems, []);
  assert.deepStrictEqual(toValue(r.root), JSON.parse(text));
});

function githubPath(): string {
  return path.join(repoRoot(), 'node_modules/@octokit/openapi/generated/api.github.com.json');
}
