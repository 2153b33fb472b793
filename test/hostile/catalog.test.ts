import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { buildLayeredCatalog, parseGuidelineFile } from '../../server/src/service/catalog/guidelineFile';
import { PAGE_LIMITS } from '../../server/src/service/catalog/limits';
import { parseTopicPage } from '../../server/src/service/catalog/page';
import type { CatalogPage } from '../../server/src/service/catalog/types';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import * as path from 'node:path';
import { ROOT } from '../helpers/service';
import { aliasBombPage, emptyGuidelinesPage, hugePage, manyProblemsPage, manyTopicsGuidelineFile } from './inputs';

// Promise: no catalog page can take the server down. A page that breaks a
// limit is reported on that page and skipped; the shipped catalog still loads.

const shipped = (): CatalogPage[] => readCatalogDir(path.join(ROOT, 'catalog', 'topics'), (m) => { throw new Error(m); });

function withShipped(pages: CatalogPage[]) {
  const catalog = buildLayeredCatalog([shipped(), pages]);
  assert.ok(catalog.get('http-status-500'), 'the shipped catalog still serves');
  return catalog;
}

test('hostile: a 600-byte alias bomb in front matter is refused at once, not expanded (it once ran the server out of memory)', () => {
  const text = aliasBombPage();
  assert.ok(text.length < 700, `${text.length} bytes`);
  const { topic, problems } = parseTopicPage(text, 'bomb.md');
  assert.equal(topic, undefined);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /more than 20000 values once its YAML aliases are expanded; the page was skipped/);
  const catalog = withShipped([{ source: 'bomb.md', text }]);
  assert.equal(catalog.get('alias-bomb'), undefined);
});

test('hostile: a few aliases that expand to little are still read (anchors are legal YAML)', () => {
  const text = ['---', 'topic_id: anchored', "topic_category: 'C'", "topic_name: 'N'", "topic_description: &d 'D'", 'extra: *d', 'guidelines: []', '---', 'Body'].join('\n');
  const { topic, problems } = parseTopicPage(text, 'anchored.md');
  assert.deepEqual(problems, []);
  assert.equal(topic?.description, 'D');
});

test('hostile: 32,000 empty guideline entries are one problem on the page, found in linear time (they once stalled start-up 19 s, then overflowed the stack)', () => {
  const text = emptyGuidelinesPage();
  assert.ok(text.length > 220_000, `${text.length}`);
  const { topic, problems } = parseTopicPage(text, 'empty.md');
  assert.equal(topic, undefined);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /"guidelines" has 32000 entries, more than the 200 a page may have; the page was skipped/);
  assert.equal(problems[0].line, 6, 'at the list');
  withShipped([{ source: 'empty.md', text }]);
});

test('hostile: a page with hundreds of problems reports the first 100 and counts the rest, with their lines', () => {
  const { topic, problems } = parseTopicPage(manyProblemsPage(), 'many.md');
  assert.equal(topic, undefined);
  assert.equal(problems.length, PAGE_LIMITS.problemsPerPage + 1);
  assert.match(problems.at(-1)!.message, /^\d+ more problems on this page not shown$/);
  // Lines still point at each entry: the first guideline is on line 6 (0-based).
  assert.equal(problems[0].line, 6);
  assert.ok(problems[50].line > problems[0].line);
});

test('hostile: a page over the size limit is one problem and skipped', () => {
  const { topic, problems } = parseTopicPage(hugePage(PAGE_LIMITS.pageChars + 10), 'huge.md');
  assert.equal(topic, undefined);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /more than the 262144 a topic page may have; the page was skipped/);
});

test('hostile: a guideline file covering more topics than a file may (2,100) is one problem, and the catalog builds', () => {
  const text = manyTopicsGuidelineFile(2_100);
  assert.ok(text.length < PAGE_LIMITS.pageChars);
  const { file, problems } = parseGuidelineFile(text, 'guide.yaml');
  assert.equal(file, undefined);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /"topics" has 2100 entries, more than the 2000 a guideline file may have; the file was skipped/);
  withShipped([{ source: 'guide.yaml', text }]);
});

test('hostile: a guideline file naming 1,500 unknown topics gives at most 101 warnings', () => {
  const text = manyTopicsGuidelineFile(1_500);
  const catalog = withShipped([{ source: 'guide.yaml', text }]);
  const mine = catalog.problems.filter((p) => p.source === 'guide.yaml');
  assert.equal(mine.length, PAGE_LIMITS.problemsPerPage + 1);
  assert.match(mine.at(-1)!.message, /^1400 more problems on this page not shown$/);
});

test('hostile: a catalog of many broken pages collects every page\'s problems without spreading them onto the stack', () => {
  const pages = Array.from({ length: 400 }, (_, i) => ({ source: `p${i}.md`, text: manyProblemsPage(150) }));
  const catalog = buildCatalog([pages]);
  assert.equal(catalog.problems.length, 400 * (PAGE_LIMITS.problemsPerPage + 1));
});
