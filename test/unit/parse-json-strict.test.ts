import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_JSON_DEPTH, parseJson, parseStrictJson, parseTolerantJson } from '../../server/src/service/parse/json';
import { FastTextDocument } from '../../server/src/service/textDocument';
import { githubJsonPath } from '../bench/parse';
import { ROOT } from '../helpers/service';

// parseJson takes a strict fast path for well-formed JSON and falls back to
// the tolerant parser for anything else. These tests hold the two paths to
// the same tree, and the fast path's line index to a TextDocument's.

/** Every JSON fixture in the repository plus GitHub's description (a dev dependency), when present. */
function corpus(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) files.push(p);
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  walk(path.join(ROOT, 'examples'));
  if (fs.existsSync(githubJsonPath())) files.push(githubJsonPath());
  return files;
}

test('the strict path builds the same tree as the tolerant parser on every valid JSON file', () => {
  let strictCount = 0;
  for (const file of corpus()) {
    const text = fs.readFileSync(file, 'utf8');
    const tolerant = parseTolerantJson(text);
    const strict = parseStrictJson(text);
    if (tolerant.problems.length) {
      assert.equal(strict, undefined, `${file}: the strict path must refuse a file with problems`);
      continue;
    }
    assert.ok(strict, `${file}: valid JSON should take the strict path`);
    assert.deepStrictEqual(strict, tolerant.root, file);
    strictCount++;
  }
  assert.ok(strictCount >= 10, `only ${strictCount} files checked`);
});

test('generated documents: escapes, numbers, nesting and whitespace agree between the paths', () => {
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const strings = ['', 'plain', 'quote \\" inside', 'tab\\tand\\nnewline', '\\u00e9t\\u00E9', 'slash \\/ back \\\\', 'ünïcödé ✓', '\\ud83d\\ude00'];
  const numbers = ['0', '-0', '12', '-3.5', '1e10', '2.5E-3', '1E+2', '123456789012345678901234567890'];
  const ws = () => [' ', '', '\n', '\t', '  \n    '][rnd(5)];
  const value = (depth: number): string => {
    const k = depth > 4 ? rnd(5) : rnd(7);
    switch (k) {
      case 0: return `"${strings[rnd(strings.length)]}"`;
      case 1: return numbers[rnd(numbers.length)];
      case 2: return ['true', 'false', 'null'][rnd(3)];
      case 3: case 4: return `"k${rnd(100)}"`;
      case 5: return `{${Array.from({ length: rnd(4) }, () => `${ws()}"${strings[rnd(strings.length)]}"${ws()}:${ws()}${value(depth + 1)}`).join(',')}${ws()}}`;
      default: return `[${Array.from({ length: rnd(4) }, () => `${ws()}${value(depth + 1)}`).join(',')}${ws()}]`;
    }
  };
  for (let i = 0; i < 300; i++) {
    const text = `${ws()}${value(0)}${ws()}`;
    const tolerant = parseTolerantJson(text);
    assert.deepEqual(tolerant.problems, [], text);
    assert.deepStrictEqual(parseStrictJson(text), tolerant.root, text);
    assert.deepStrictEqual(parseJson(text).root, tolerant.root, text);
  }
});

test('anything but well-formed JSON falls back to the tolerant parser, with its problems', () => {
  // Comments are JSONC: the tolerant parser accepts them silently.
  for (const text of ['{"a": 1 // note\n}', '/* c */ {}']) {
    assert.equal(parseStrictJson(text), undefined);
    assert.deepStrictEqual(parseJson(text), parseTolerantJson(text));
    assert.deepEqual(parseJson(text).problems, []);
  }
  const cases = [
    '{"a": 1,}', '{"a": 01}', '{"a": 1.}', '{"a": -}', '{"a": .5}', '{"a": 1e}',
    '{"a": "\\x"}', '{"a": "\\u12G4"}', '{"a": "open\n"}', '{"a": "open', '{"a" 1}', '{"a": 1 "b": 2}', '[1 2]', '{"a": trueish}',
    '{"a": True}', '{} {}', '', '   ', '{"a": [1, 2}', "{'a': 1}", '{a: 1}', '[1,,2]', '{"a": 1}x', '{"a": 1.5.5}', '{"a": --1}',
    '['.repeat(MAX_JSON_DEPTH + 5) + ']'.repeat(MAX_JSON_DEPTH + 5),
  ];
  for (const text of cases) {
    assert.equal(parseStrictJson(text), undefined, JSON.stringify(text));
    const r = parseJson(text);
    assert.deepStrictEqual(r, parseTolerantJson(text), JSON.stringify(text));
    if (text.trim()) assert.ok(r.problems.length > 0, `${JSON.stringify(text)} should have problems`);
  }
});

test('a byte-order mark is skipped by both paths', () => {
  const text = '\ufeff{"openapi": "3.1.0"}';
  assert.deepStrictEqual(parseStrictJson(text), parseTolerantJson(text).root);
  assert.equal(parseJson(text).root?.offset, 1);
});

test('the strict path finds the line index in passing, exactly as a TextDocument computes it', () => {
  const samples = ['{}', '{\n}\n', '\n\n{\n  "a": [\n    1,\n\n    2\n  ]\n}', '[1]\n\n\n', '{"a":\t"b"}'];
  for (const text of samples) {
    const starts = parseJson(text).lineStarts;
    assert.ok(starts, JSON.stringify(text));
    const reference = TextDocument.create('file:///x.json', 'json', 1, text);
    assert.deepEqual(starts, Array.from({ length: reference.lineCount }, (_, line) => reference.offsetAt({ line, character: 0 })), JSON.stringify(text));
  }
  // With a carriage return the document's own rules apply: no index is handed over.
  assert.equal(parseJson('{\r\n"a": 1\r\n}').lineStarts, undefined);
  assert.equal(parseTolerantJson('{\n}').lineStarts, undefined);
});

test('a document adopts a line index only for its exact text, and only once', () => {
  const text = '{\n  "a": 1\n}\n';
  const doc = FastTextDocument.create('file:///a.json', 'json', 1, text);
  doc.adoptLineStarts(`${text} `, [0, 99]);
  assert.equal(doc.positionAt(text.indexOf('"a"')).line, 1, 'a line index for other text is ignored');
  const fresh = FastTextDocument.create('file:///b.json', 'json', 1, text);
  fresh.adoptLineStarts(text, parseJson(text).lineStarts!);
  assert.deepEqual(fresh.positionAt(text.indexOf('1')), { line: 1, character: 7 });
  assert.equal(fresh.lineCount, 4);
  // Edits after adoption keep the index right (the document owns the array now).
  FastTextDocument.update(fresh, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\n' }], 2);
  const reference = TextDocument.create('file:///c.json', 'json', 1, fresh.getText());
  for (let o = 0; o <= fresh.getText().length; o++) assert.deepEqual(fresh.positionAt(o), reference.positionAt(o));
});
