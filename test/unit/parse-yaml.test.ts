import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { AstNode, getProp, getProperty, toValue } from '../../server/src/service/parse/ast';
import { parseYaml, parseYamlFast, parseYamlWithLibrary, YAML_LIBRARY_MAX_CHARS } from '../../server/src/service/parse/yaml';
import { githubJsonPath, githubYamlText } from '../bench/parse';
import { aliasHeavyOpenApiYaml, bigOpenApiYaml } from '../helpers/bigSpec';

/** The repository root, whether the test runs from `test/unit` or `out/test/unit`. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'tsconfig.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const fixtureDir = path.join(repoRoot(), 'test/fixtures/parse/yaml');
const fixtures = fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml'));

/** Fixtures with constructs the fast path deliberately leaves to the `yaml` package. */
const FALLBACK = new Set(['11-doc-markers.yaml', '20-complex-key.yaml', '21-tab-indent.yaml', '26-custom-tag.yaml', '27-multi-doc.yaml']);

/** What the `yaml` package makes of the first document, errors or not. */
function reference(text: string): { value: unknown; errors: number } {
  const doc = YAML.parseDocument(text, { merge: true, logLevel: 'error' });
  return { value: doc.toJS({ maxAliasCount: -1 }), errors: doc.errors.length + doc.warnings.length };
}

function walk(node: AstNode | undefined, visit: (n: AstNode) => void, seen = new Set<AstNode>()): void {
  if (!node || seen.has(node)) return;
  seen.add(node);
  visit(node);
  if (node.kind === 'object') for (const p of node.props) walk(p.node, visit, seen);
  else if (node.kind === 'array') for (const it of node.items) walk(it, visit, seen);
}

for (const file of fixtures) {
  test(`yaml differential: ${file}`, () => {
    const text = fs.readFileSync(path.join(fixtureDir, file), 'utf8');
    const ref = reference(text);
    const result = parseYaml(text);
    assert.deepStrictEqual(toValue(result.root), ref.value);
    assert.equal(result.problems.length > 0, ref.errors > 0, JSON.stringify(result.problems));
    const fast = parseYamlFast(text);
    assert.equal(fast === undefined, FALLBACK.has(file), 'fast path taken or not as expected');
  });
}

test('yaml offsets point at the source of scalars, keys and collections', () => {
  for (const file of fixtures) {
    const text = fs.readFileSync(path.join(fixtureDir, file), 'utf8');
    const root = parseYamlFast(text)?.root;
    walk(root, (n) => {
      const src = text.slice(n.offset, n.end);
      if (n.kind === 'object') {
        if (src.startsWith('{')) assert.ok(src.endsWith('}'), `${file}: flow map ${src}`);
        else if (n.props.length > 0 && !n.props.some((p) => p.keyOffset < n.offset)) {
          assert.equal(n.offset, n.props[0].keyOffset, `${file}: block map starts at its first key`);
        }
        for (const p of n.props) {
          const keySrc = text.slice(p.keyOffset, p.keyEnd);
          const parsed = YAML.parse(keySrc);
          assert.equal(p.key, parsed === null ? '' : String(parsed), `${file}: key source ${keySrc}`);
        }
      } else if (n.kind === 'array') {
        assert.ok(src.startsWith('[') ? src.endsWith(']') : src.startsWith('-'), `${file}: sequence ${src}`);
      } else if (!src.startsWith('|') && !src.startsWith('>') && src !== '' && !text.slice(0, n.offset).endsWith('!!str ')) {
        // A scalar's source, parsed on its own, gives its value back.
        assert.deepStrictEqual(YAML.parse(src), n.value, `${file}: scalar source ${JSON.stringify(src)}`);
        if (n.kind === 'string') assert.equal(n.quoted === true, src[0] === '"' || src[0] === "'");
      }
    });
  }
});

test('yaml: quoted number-like scalars are strings and say they were quoted', () => {
  const r = parseYaml("a: '500'\nb: 500\nc: !!str 500\n");
  const a = getProp(r.root, 'a')!;
  assert.deepEqual([a.kind, a.offset, a.end, a.kind === 'string' && a.value, a.kind === 'string' && a.quoted], ['string', 3, 8, '500', true]);
  assert.equal(getProp(r.root, 'b')?.kind, 'number');
  assert.equal(getProp(r.root, 'c')?.kind, 'string');
  const p = getProperty(r.root, 'b')!;
  assert.deepEqual([p.keyOffset, p.keyEnd], [9, 10]);
});

test('yaml: an alias resolves to the anchored node itself', () => {
  const r = parseYaml('a: &x {b: 1}\nc: *x\n');
  assert.equal(getProp(r.root, 'a'), getProp(r.root, 'c'));
  // The node is the entry of its first key; the alias's entry is an object of its own with its own key.
  const a = getProperty(r.root, 'a')!;
  const c = getProperty(r.root, 'c')!;
  assert.equal(a, a.node);
  assert.notEqual(c, c.node);
  assert.deepEqual([a.key, a.keyOffset, c.key, c.keyOffset, c.keyEnd], ['a', 0, 'c', 13, 14]);
});

test('yaml: merge keys and aliases keep every key where it was written', () => {
  for (const parse of [parseYaml, parseYamlWithLibrary]) {
    const text = 'base: &b\n  x: 1\n  y: 2\nitems:\n  - &i {z: 3}\nm:\n  <<: *b\n  y: 5\n  w: *i\n  v: *i\n';
    const r = parse(text);
    const m = getProp(r.root, 'm');
    assert.ok(m?.kind === 'object');
    assert.deepEqual(m.props.map((p) => [p.key, text.slice(p.keyOffset, p.keyEnd)]), [['x', 'x'], ['y', 'y'], ['w', 'w'], ['v', 'v']]);
    assert.deepEqual(toValue(m), { x: 1, y: 5, w: { z: 3 }, v: { z: 3 } });
    assert.equal(getProp(m, 'w'), getProp(m, 'v'));
    // The anchored item stays an item of its list, whatever entries its aliases became.
    const items = getProp(r.root, 'items');
    assert.ok(items?.kind === 'array' && items.items[0] === getProp(m, 'w'));
  }
});

test('yaml: a key without a value has an undefined value and no problem, on both paths', () => {
  for (const parse of [parseYaml, parseYamlWithLibrary]) {
    const r = parse('a: 1\nb:\nc:\n  description:\n  d: 1\n');
    assert.equal(getProperty(r.root, 'b')!.node, undefined);
    assert.equal(getProperty(getProp(r.root, 'c'), 'description')!.node, undefined);
    assert.deepEqual(r.problems, []);
  }
  // A directive sends the text to the library path: the entry is still missing, not a null node.
  const r = parseYaml('%YAML 1.2\n---\na:\n  description:\n');
  assert.equal(parseYamlFast('%YAML 1.2\n---\na: 1\n'), undefined);
  assert.equal(getProperty(getProp(r.root, 'a'), 'description')!.node, undefined);
  // An explicit null, an anchor or a tag is a node.
  assert.equal(getProp(parseYamlWithLibrary('a: ~\n').root, 'a')?.kind, 'null');
  assert.equal(getProp(parseYamlWithLibrary('a: !!str\n').root, 'a')?.kind, 'string');
});

/** Both paths, for the cases that must not depend on which one ran. */
const BOTH = [['fast path', parseYaml], ['library path', parseYamlWithLibrary]] as const;

test('yaml: which path ran never changes the tree: values, keys and every offset agree on every fixture', () => {
  const files = [...fixtures.map((f) => path.join(fixtureDir, f)), path.join(repoRoot(), 'examples/petstore.yaml'),
    ...fs.readdirSync(path.join(repoRoot(), 'test/fixtures/openapi')).filter((f) => f.endsWith('.yaml')).map((f) => path.join(repoRoot(), 'test/fixtures/openapi', f))];
  let compared = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const fast = parseYamlFast(text);
    if (!fast) continue;
    const lib = parseYamlWithLibrary(text);
    assert.deepStrictEqual(lib.root, fast.root, file);
    assert.deepStrictEqual(lib.problems, fast.problems, file);
    compared++;
  }
  assert.ok(compared >= 25);
});

test('yaml: a merge key in a flow mapping is applied', () => {
  for (const [name, parse] of BOTH) {
    const r = parse('base: &b {type: string}\nschema: {<<: *b, description: x}\n');
    const schema = getProp(r.root, 'schema');
    assert.ok(schema?.kind === 'object', name);
    assert.deepEqual(schema.props.map((p) => p.key), ['type', 'description'], name);
    assert.deepEqual(toValue(schema), { type: 'string', description: 'x' }, name);
    assert.deepEqual(r.problems, [], name);
  }
  // A quoted '<<' is an ordinary key.
  assert.deepEqual(toValue(getProp(parseYaml("a: {'<<': {x: 1}}\n").root, 'a')), { '<<': { x: 1 } });
});

test('yaml: duplicate keys are reported and the last one wins, with or without a merge key', () => {
  for (const [name, parse] of BOTH) {
    for (const text of [
      'base: &b {x: 1}\np:\n  <<: *b\n  get: {a: 1}\n  post: 2\n  get: {a: 2}\n',
      'p:\n  get: {a: 1}\n  post: 2\n  get: {a: 2}\n',
      'p: {get: {a: 1}, post: 2, get: {a: 2}}\n',
    ]) {
      const r = parse(text);
      const p = getProp(r.root, 'p');
      assert.deepEqual(toValue(getProp(p, 'get')), { a: 2 }, `${name}: ${text}`);
      assert.equal(p?.kind === 'object' && p.props.filter((e) => e.key === 'get').length, 1, `${name}: one entry left`);
      const second = text.lastIndexOf('get');
      assert.deepEqual(r.problems.map((x) => [x.offset, x.end, x.message]), [[second, second + 3, "Duplicate key 'get'."]], `${name}: ${text}`);
    }
  }
});

test('yaml: a block scalar of blank lines is empty', () => {
  for (const [name, parse] of BOTH) {
    assert.deepEqual(toValue(parse('a: |\n  \n  \nb: 1\n').root), { a: '', b: 1 }, name);
    assert.deepEqual(toValue(parse('a:\n  description: >\n     \n  b: 1\n').root), { a: { description: '', b: 1 } }, name);
    assert.deepEqual(toValue(parse('- |+\n   \n').root), ['\n'], name);
  }
  // Blank lines before the content that are indented more than it are an error (left to the library).
  assert.ok(parseYaml('a: |\n     \n  x\n').problems.length > 0);
});

test('yaml: an unknown anchor and an alias inside its own anchored node are problems on both paths', () => {
  for (const [name, parse] of BOTH) {
    const unknown = parse('a: 1\nb: *nope\n');
    assert.deepEqual(unknown.problems.map((p) => [p.offset, p.end, p.message]), [[8, 13, "Unknown anchor 'nope'."]], name);
    for (const text of ['a: &x [1, *x]\n', 'x0: &x 0\na: &x\n  b: *x\n']) {
      const r = parse(text);
      assert.ok(r.problems.some((p) => /inside the node its anchor names/.test(p.message)), `${name}: ${text} ${JSON.stringify(r.problems)}`);
    }
  }
  // The library path, through a directive.
  const r = parseYaml('%YAML 1.2\n---\nb: *nope\n');
  assert.deepEqual(r.problems.map((p) => p.message), ["Unknown anchor 'nope'."]);
});

test('yaml: an anchor redefined inside its own node: aliases after it name the inner node', () => {
  for (const [name, parse] of BOTH) {
    assert.deepEqual(toValue(parse('a: &x\n  b: &x 1\nc: *x\n').root), { a: { b: 1 }, c: 1 }, name);
    assert.deepEqual(toValue(parse('a: &x [1, &x 2, *x]\nb: *x\n').root), { a: [1, 2, 2], b: 2 }, name);
    assert.deepEqual(toValue(parse('a: &x {b: &x 1}\nc: *x\n').root), { a: { b: 1 }, c: 1 }, name);
  }
});

test('yaml: YAML 1.1 tags keep the value as written, with a warning', () => {
  const cases: [string, unknown][] = [
    ['a: !!omap\n  - x: 1\n  - y: 2\n', { a: [{ x: 1 }, { y: 2 }] }],
    ['a: !!pairs\n  - x: 1\n  - x: 2\n', { a: [{ x: 1 }, { x: 2 }] }],
    ['a: !!binary aGVsbG8=\n', { a: 'aGVsbG8=' }],
    ['a: !!set\n  ? x\n  ? y\n', { a: { x: null, y: null } }],
    ['a: !!timestamp 2001-12-14\n', { a: '2001-12-14' }],
  ];
  for (const [text, value] of cases) {
    const r = parseYaml(text);
    assert.deepEqual(toValue(r.root), value, text);
    assert.ok(r.problems.length > 0 && r.problems.every((p) => p.severity === 'warning'), `${text}: ${JSON.stringify(r.problems)}`);
  }
});

test('yaml: what the yaml package warns about is valid YAML: warnings, not syntax errors', () => {
  const cases: [string, RegExp][] = [
    ['description: !md docs/a.md\n', /Unresolved tag: !md/],
    ['%FOO bar\n---\na: 1\n', /Unknown directive %FOO/],
    ['%YAML 1.3\n---\na: 1\n', /Unsupported YAML version 1\.3/],
  ];
  for (const [text, message] of cases) {
    const r = parseYaml(text);
    assert.equal(r.problems.length, 1, text);
    assert.match(r.problems[0].message, message);
    assert.equal(r.problems[0].severity, 'warning');
  }
  assert.equal(toValue(getProp(parseYaml('description: !md docs/a.md\n').root, 'description')), 'docs/a.md');
  // Errors stay errors.
  assert.equal(parseYaml('a: [1\nb: 2\n').problems[0].severity, undefined);
  assert.equal(parseYaml('%YAML 1.2\n%YAML 1.2\n---\na: 1\n').problems[0].severity, undefined);
});

test('yaml: a second document, even an empty one, is a problem, never a silently dropped document', () => {
  for (const text of ['a: 1\n---\n', '---\n---\n', 'a: 1\n...\n---\nb: 2\n']) {
    assert.ok(parseYaml(text).problems.length > 0, text);
  }
  assert.deepEqual(parseYaml('a: 1\n...\n').problems, []);
});

// Tolerance: half-typed documents keep their good parts and report the bad part.

function problemAt(text: string, needle: string, problems: { offset: number; end: number }[]): void {
  const at = text.indexOf(needle);
  assert.ok(problems.some((p) => p.offset <= at && at < Math.max(p.end, p.offset + 1)),
    `a problem at ${JSON.stringify(needle)} (offset ${at}); got ${JSON.stringify(problems)}`);
}

test('yaml tolerance: an entry without a colon', () => {
  const text = 'a: 1\ndescr\nc: 2\n';
  const r = parseYaml(text);
  assert.equal(getProp(r.root, 'a') && toValue(getProp(r.root, 'a')), 1);
  problemAt(text, 'descr', r.problems);
});

test('yaml tolerance: bad indentation', () => {
  const text = 'a:\n    x: 1\n  y: 2\nb: 3\n';
  const r = parseYaml(text);
  assert.equal(toValue(getProp(getProp(r.root, 'a'), 'x')), 1);
  assert.equal(toValue(getProp(r.root, 'b')), 3);
  problemAt(text, 'y: 2', r.problems);
});

test('yaml tolerance: an unterminated quote', () => {
  const text = 'a: "open\nb: 2\n';
  const r = parseYaml(text);
  assert.equal(toValue(getProp(r.root, 'b')), 2);
  problemAt(text, '"open', r.problems);
});

test('yaml tolerance: a stray colon', () => {
  const text = 'a: b: c\nd: 1\n';
  const r = parseYaml(text);
  assert.equal(toValue(getProp(r.root, 'd')), 1);
  problemAt(text, ': c', r.problems);
});

test('yaml tolerance: a half-typed flow collection at the end', () => {
  const text = 'a: 1\nb: [x, y';
  const r = parseYaml(text);
  assert.deepEqual(toValue(r.root), { a: 1, b: ['x', 'y'] });
  problemAt(text, '[x', r.problems);
});

test('yaml tolerance: errors the fast path leaves to the yaml package still give a tree', () => {
  const text = 'a: 1\nb:\n\t- x\nc: 2\n';
  const r = parseYaml(text);
  assert.equal(toValue(getProp(r.root, 'a')), 1);
  assert.ok(r.problems.length > 0);
});

test('yaml tolerance: binary junk yields problems, not an exception', () => {
  let seed = 7;
  const chars: string[] = [];
  for (let i = 0; i < 5000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    chars.push(String.fromCharCode(seed % 256));
  }
  const r = parseYaml(chars.join(''));
  assert.ok(r.problems.length > 0);
});

test('yaml tolerance: deep nesting does not overflow the stack', () => {
  const r = parseYaml('a: ' + '['.repeat(100000));
  assert.ok(r.problems.length > 0);
  // Past 500 levels neither parser reads on (how far `yaml` got depended on the
  // thread's stack, so the CLI and the editor's worker disagreed): one clear problem, no tree.
  const r2 = parseYaml(Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'));
  assert.equal(r2.root, undefined);
  assert.deepEqual(r2.problems.map((p) => p.message), ['Nesting deeper than 500 levels is not supported (no API description is this deep), so the document is not checked.']);
  assert.ok(parseYaml(Array.from({ length: 500 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')).root, '500 levels are read');
});

test('yaml: the whole GitHub description, converted to YAML, equals JSON.parse', { skip: !githubAvailable() }, () => {
  const jsonText = fs.readFileSync(githubJsonPath(), 'utf8');
  const yamlText = githubYamlText(jsonText);
  const r = parseYamlFast(yamlText);
  assert.ok(r, 'stays on the fast path');
  assert.deepEqual(r.problems, []);
  assert.deepStrictEqual(toValue(r.root), JSON.parse(jsonText));
});

test('yaml: the GitHub description in flow style with block scalars equals JSON.parse', { skip: !githubAvailable() }, () => {
  const jsonText = fs.readFileSync(githubJsonPath(), 'utf8');
  const value = JSON.parse(jsonText);
  // A slice of the description keeps the conversion quick.
  const paths = Object.fromEntries(Object.entries(value.paths).slice(0, 40));
  const sample = { openapi: value.openapi, info: value.info, paths, components: { schemas: Object.fromEntries(Object.entries(value.components.schemas).slice(0, 80)) } };
  // `yaml` writes multi-line plain scalars in flow collections that it cannot read back
  // (a line ending in `:`), so the flow form double-quotes its strings.
  const flowText = YAML.stringify(sample, { collectionStyle: 'flow', lineWidth: 100, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  const blockText = YAML.stringify(sample, { blockQuote: 'literal', lineWidth: 60, minContentWidth: 20 });
  for (const text of [flowText, blockText]) {
    const r = parseYamlFast(text);
    assert.ok(r, 'stays on the fast path');
    assert.deepStrictEqual(toValue(r.root), sample);
  }
});

function githubAvailable(): boolean {
  return fs.existsSync(path.join(repoRoot(), 'node_modules/@octokit/openapi/generated/api.github.com.json'));
}

test('yaml: the fast path says whether nodes can be shared (anchors, merge keys), so the model needs no text scan', () => {
  assert.equal(parseYamlFast('a: 1\nb: [x, "*not-an-alias"]\nc: "&not-an-anchor"\nd: |\n  <<: text\n')?.shared, false);
  assert.equal(parseYamlFast('a: &base {x: 1}\nb: 2\n')?.shared, true, 'an anchor');
  assert.equal(parseYamlFast('a: &base\n  x: 1\nb: *base\n')?.shared, true, 'an anchor and its alias');
  assert.equal(parseYamlFast('a:\n  <<: {x: 1}\n  y: 2\n')?.shared, true, 'a merge key');
});

test('yaml: a control character is reported once, where it first occurs', () => {
  const text = 'a: 1\nb: "x\u0001y"\nc: \u0002\n';
  const problems = parseYaml(text).problems.filter((p) => /Control character/.test(p.message));
  assert.deepEqual(problems, [{ offset: text.indexOf('\u0001'), end: text.indexOf('\u0001') + 1, message: 'Control character U+0001 is not allowed in YAML (is this a binary file?).' }]);
  assert.deepEqual(parseYaml('a: "tab\there"\r\nb: 2\n').problems, []);
});

test('yaml: a text too large for the yaml package gets one problem where the fast path stopped, and no tree', () => {
  // A tab in the indentation near the end, after 5 MB the fast path reads.
  const body = bigOpenApiYaml(YAML_LIBRARY_MAX_CHARS + 1000);
  const text = `${body}  /tabbed:\n\tget: {}\n`;
  const r = parseYaml(text);
  assert.equal(r.root, undefined);
  const tab = text.indexOf('\tget');
  assert.deepEqual(r.problems.map((p) => [p.offset, p.end]), [[tab, tab + '\tget: {}'.length]]);
  assert.match(r.problems[0].message, /^A tab in the indentation: YAML indents with spaces only\. .* 5 MB .* not checked\.$/);

  // Another construct the fast path leaves to `yaml`: a custom tag, named where it stands.
  const tagged = `${body}  /tagged: !custom\n    get: {}\n`;
  const t = parseYaml(tagged);
  assert.equal(t.root, undefined);
  assert.equal(t.problems.length, 1);
  assert.equal(tagged.slice(t.problems[0].offset, t.problems[0].end), '!custom');
  assert.match(t.problems[0].message, /^A tag \(!custom\) whose meaning only the complete YAML parser knows\. /);
});

test('yaml: below the size limit, what the fast path leaves to the yaml package still gives a tree', () => {
  const text = `${bigOpenApiYaml(200_000)}  /tabbed:\n\tget: {}\n`;
  assert.ok(text.length < YAML_LIBRARY_MAX_CHARS);
  const r = parseYaml(text);
  assert.ok(r.root, 'the yaml package read it');
  assert.ok(getProp(getProp(r.root, 'paths'), '/p0'));
  assert.ok(r.problems.some((p) => /tab/i.test(p.message)), JSON.stringify(r.problems));
});

test('yaml library path: an alias is the anchored node itself, so an alias bomb stays as small as its text', () => {
  let text = '%YAML 1.2\n---\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\n';
  for (let i = 1; i < 10; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  const r = parseYaml(text);
  assert.deepEqual(r.problems, []);
  assert.equal(r.shared, true);
  const l8 = getProp(r.root, 'l8');
  const l9 = getProp(r.root, 'l9');
  assert.ok(l9?.kind === 'array' && l9.items.every((it) => it === l8));
  // A key that would expand the bomb is refused by the package's own guard: a problem, not a hang.
  const keyed = parseYaml(`${text}? *l9\n: v\n`);
  assert.ok(keyed.problems.some((p) => /could not be read/.test(p.message)), JSON.stringify(keyed.problems));
});

test('yaml library path: an alias-heavy document has the value the yaml package gives', () => {
  const text = aliasHeavyOpenApiYaml(30_000);
  assert.equal(parseYamlFast(text), undefined, 'the directive sends it to the library path');
  const r = parseYaml(text);
  assert.deepEqual(r.problems, []);
  assert.deepStrictEqual(toValue(r.root), YAML.parse(text, { merge: true, maxAliasCount: -1 }));
});

test('yaml: the fast and library paths agree on the edge cases the fuzzer found', () => {
  for (const text of ['...\n', '- ', '- # c\n- x\n', 'n: \nt: ', 'a:   # c\nb: 1\n']) {
    const fast = parseYamlFast(text);
    assert.ok(fast, text);
    assert.deepStrictEqual(parseYamlWithLibrary(text).root, fast.root, JSON.stringify(text));
  }
  // A line of white space with a tab, less indented than a block scalar, is an error.
  assert.ok(parseYaml('|\n e\n\t').problems.length > 0);
  // Flow lines must be indented more than the block around them; only the outermost closer may stand at its indentation.
  for (const text of ['j: {t: [\n]}\n', 'j: [a, [\n]\n]\n', 'j: {t: p\ns, x: 1}\n', 'k: [a,\nb]\n']) {
    assert.ok(parseYaml(text).problems.length > 0, JSON.stringify(text));
  }
  for (const text of ['j: {t: [\n ]}\n', 'k: [a,\n]\n', 'x:\n  - [a,\n  ]\n']) {
    assert.ok(parseYamlFast(text), JSON.stringify(text));
    assert.deepEqual(parseYaml(text).problems, [], JSON.stringify(text));
  }
});
