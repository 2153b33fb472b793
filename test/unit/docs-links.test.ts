import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { brokenLinks, docFiles, githubSlug, headings } from '../helpers/docs';
import { ROOT } from '../helpers/service';

// The documentation is split by reader (README, docs/, ARCHITECTURE,
// CONTRIBUTING), so it holds together only by its links: every relative link
// and anchor must lead somewhere.

test('every relative link and anchor in the documentation leads somewhere', () => {
  const files = docFiles();
  for (const f of ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'docs/rules.md', 'docs/configuration.md', 'docs/cli.md', 'docs/editors.md', 'docs/security.md']) {
    assert.ok(files.includes(f), `${f} is checked`);
  }
  assert.deepEqual(brokenLinks(files), []);
});

test('README stays the marketplace page: under 400 lines', () => {
  const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length;
  assert.ok(lines < 400, `README.md has ${lines} lines`);
});

test('anchors are made as GitHub makes them', () => {
  assert.equal(githubSlug('`lint` in detail'.replace(/`/g, '')), 'lint-in-detail');
  const hs = headings('# .stylebook.yaml\n\n## The catalog in the editor: search, topic pages, browsing\n\n## Speed\n\n## Speed\n\n### `status-code-invalid`\n\n```md\n# not a heading\n```\n');
  assert.deepEqual(hs.map((h) => h.slug), ['stylebookyaml', 'the-catalog-in-the-editor-search-topic-pages-browsing', 'speed', 'speed-1', 'status-code-invalid']);
});

test('the checker finds a missing file, a missing anchor and an empty link, and ignores code and web links', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-links-'));
  try {
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'README.md'), [
      '# Title', '', '[ok](docs/a.md#part-one) [self](#title) [web](https://example.com/x.md#nothing)',
      '', '[gone](docs/missing.md)', '', '[bad anchor](docs/a.md#part-two)', '', '[empty]()',
      '', '```', '[in code](nowhere.md)', '```', '', '`[span](nowhere.md)`', '', '<img src="docs/none.png">', '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'docs', 'a.md'), '# A\n\n## Part one\n\n[back](../README.md#title)\n');
    const problems = brokenLinks(docFiles(dir), dir);
    assert.deepEqual(problems, [
      'README.md:5: docs/missing.md: docs/missing.md does not exist',
      'README.md:7: docs/a.md#part-two: no heading in docs/a.md has the anchor #part-two',
      'README.md:9: : empty link',
      'README.md:17: docs/none.png: docs/none.png does not exist',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('each security promise names tests that exist', () => {
  const text = fs.readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');
  const rows = text.split('\n').filter((l) => /^\| /.test(l) && !/^\| (Promise|---)/.test(l));
  assert.ok(rows.length >= 9, `${rows.length} promises`);
  for (const row of rows) {
    const heldBy = row.split('|').at(-2) ?? '';
    const named = [...heldBy.matchAll(/`([^`]+\.test\.ts)`/g)].map((m) => m[1]);
    assert.ok(named.length, `a promise names its test: ${row.slice(0, 80)}`);
    // A bare file name is one of test/hostile/, as the page says; others are paths from the repository root.
    for (const name of named) assert.ok(fs.existsSync(path.join(ROOT, name.includes('/') ? name : path.join('test', 'hostile', name))), name);
  }
});
