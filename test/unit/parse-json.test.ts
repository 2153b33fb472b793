import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { AstNode, getProp, getProperty, toValue, type ObjectNode } from '../../server/src/service/parse/ast';
import { parseJson, parseTolerantJson, MAX_JSON_DEPTH } from '../../server/src/service/parse/json';
import { parseYaml } from '../../server/src/service/parse/yaml';

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

test('json: comments in a plain JSON document (not JSONC) are each reported, and the value is read as in JSONC', () => {
  const text = '// head\n{ /* a */ "a": 1, // b\n "b": 2 }\n/* tail */';
  const r = parseJson(text, false);
  assert.deepEqual(toValue(r.root), { a: 1, b: 2 });
  assert.deepEqual(r.problems.map((p) => text.slice(p.offset, p.end)), ['// head', '/* a */', '// b', '/* tail */']);
  assert.ok(r.problems.every((p) => p.message === 'Comments are not allowed in JSON (only in JSONC files).'));
});

test('json: raw control characters in strings are reported where they are, on both paths, keys included', () => {
  for (const c of [0, 1, 9, 0x1f]) {
    const ch = String.fromCharCode(c);
    const text = `{"k${ch}": "a${ch}b", "ok": "\\t"}`;
    for (const r of [parseJson(text), parseTolerantJson(text)]) {
      assert.equal(toValue(getProp(r.root, 'ok')), '\t', `U+${c}`);
      assert.equal(toValue(getProp(r.root, `k${ch}`)), `a${ch}b`, `U+${c}: the value keeps what was written`);
      const hex = c.toString(16).toUpperCase().padStart(4, '0');
      assert.deepEqual(r.problems.map((p) => [p.offset, p.end]), [[3, 4], [9, 10]], `U+${c}`);
      assert.ok(r.problems.every((p) => p.message.startsWith(`Control character U+${hex} must be escaped in a JSON string`)), JSON.stringify(r.problems));
    }
  }
  assert.match(parseJson('["\t"]').problems[0].message, /U\+0009 .*\\u0009 or \\t/);
  // Escaped, they are fine.
  assert.deepEqual(parseJson('["\\u0000\\t"]').problems, []);
});

test('json: an empty or whitespace-only document gets a problem', () => {
  for (const text of ['', '   ', '\n\t\r\n', '\ufeff']) {
    for (const r of [parseJson(text), parseTolerantJson(text), parseJson(text, false)]) {
      assert.equal(r.root, undefined);
      assert.deepEqual(r.problems.map((p) => [p.offset, p.end, p.message]), [[0, text.length, 'The document is empty: a JSON value (an object for OpenAPI) expected.']], JSON.stringify(text));
    }
  }
  // Only comments: empty too; in plain JSON the comment is reported besides.
  assert.deepEqual(parseJson('/* nothing */').problems.map((p) => p.message), ['The document is empty: a JSON value (an object for OpenAPI) expected.']);
  assert.deepEqual(parseJson('/* nothing */', false).problems.map((p) => p.message), ['Comments are not allowed in JSON (only in JSONC files).', 'The document is empty: a JSON value (an object for OpenAPI) expected.']);
});

test('json: duplicate keys are reported at each repeat, as YAML reports them, and the last one wins in the value', () => {
  const text = '{"a": 1, "b": {"x": 1, "x": 2}, "a": 3, "a": 4}';
  for (const r of [parseJson(text), parseTolerantJson(text)]) {
    assert.deepEqual(r.problems.map((p) => [text.slice(p.offset, p.end), p.message]), [
      ['"x"', "Duplicate key 'x'."],
      ['"a"', "Duplicate key 'a'."],
      ['"a"', "Duplicate key 'a'."],
    ]);
    assert.deepEqual(r.problems.map((p) => p.offset), [text.indexOf('"x": 2'), text.indexOf('"a": 3'), text.indexOf('"a": 4')]);
    assert.deepEqual(toValue(r.root), JSON.parse(text));
    // The tree keeps only the last entry of each key, so the rules read what `JSON.parse` gives, as in YAML.
    const root = r.root as ObjectNode;
    assert.deepEqual(root.props.map((p) => [p.key, p.keyOffset, toValue(p.node)]), [['b', text.indexOf('"b"'), { x: 2 }], ['a', text.indexOf('"a": 4'), 4]]);
    assert.equal(toValue(getProp(root, 'a')), 4);
  }
  // The same message as YAML's.
  assert.deepEqual(parseYaml('a: 1\na: 2\n').problems.map((p) => p.message), ["Duplicate key 'a'."]);
  // Large objects take the set path.
  const many = `{${Array.from({ length: 30 }, (_, i) => `"k${i}": ${i}`).join(', ')}, "k7": 0}`;
  assert.deepEqual(parseJson(many).problems.map((p) => p.message), ["Duplicate key 'k7'."]);
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
