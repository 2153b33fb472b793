import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { applyLinks, parseLinks } from '../../server/src/service/catalog/links';
import { readCatalogDir, readCatalogLinks } from '../../server/src/node/catalogFiles';
import { topicCard } from '../../server/src/service/card';
import { renderTopicPage } from '../../server/src/service/topicPage';
import type { Topic } from '../../server/src/service/catalog/types';
import { ROOT, shippedCatalog } from '../helpers/service';

const TOPICS = path.join(ROOT, 'catalog', 'topics');
const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'catalog', 'links.json'), 'utf8')) as { links: Record<string, Record<string, string>> };

/** Every reference as the pages give it (no links applied), with the page it is on. */
function pageReferences(): Array<{ page: string; guide: string; url: string }> {
  const raw = buildCatalog([readCatalogDir(TOPICS, (m) => { throw new Error(m); })]);
  return raw.topics.flatMap((t) => t.guidelines.flatMap((g) => g.references.map((r) => ({ page: `${t.id}.md`, guide: g.id, url: r.url }))));
}

test('catalog/links.json covers every guide reference of the catalog', () => {
  const refs = pageReferences();
  assert.ok(refs.length >= 1040, `expected the catalog's 1,040 references or more, found ${refs.length}`);
  const uncovered = refs.filter((r) => !Object.hasOwn(data.links, r.url));
  assert.deepEqual(uncovered.map((r) => `${r.page} (${r.guide}): ${r.url}`), [],
    `${uncovered.length} reference(s) are not in catalog/links.json; with the guide repositories mirrored, run npm run catalog:links -- --write (and map the new sections in scripts/catalog-links.mjs if it archives them)`);
});

test('every entry is well formed: moved and verified ones name the snapshot commit, archived ones an archived copy', () => {
  for (const [url, e] of Object.entries(data.links)) {
    assert.match(url, /^https?:\/\//, url);
    assert.ok(['verified', 'moved', 'archived'].includes(e.status), `${url}: status ${e.status}`);
    if (e.status === 'archived') {
      assert.equal(e.archive, `https://web.archive.org/web/2019/${url}`, url);
      assert.equal(e.url, undefined, `${url}: an archived entry keeps its own URL`);
    } else {
      assert.match(e.commit ?? '', /^[0-9a-f]{40}$/, `${url}: ${e.status} without the commit it was checked against`);
      assert.match(e.repository ?? '', /^[\w.-]+\/[\w.-]+$/, `${url}: no repository`);
      assert.ok(e.source, `${url}: no source file`);
      if (e.status === 'moved') {
        assert.match(e.url ?? '', /^https:\/\//, `${url}: moved without an https URL`);
        assert.notEqual(e.url, url, `${url}: moved to itself`);
      } else assert.equal(e.url, undefined, `${url}: a verified entry keeps its URL`);
    }
  }
});

test('at least 90% of the references are verified current or moved', () => {
  const refs = pageReferences();
  const ok = refs.filter((r) => ['verified', 'moved'].includes(data.links[r.url]?.status)).length;
  assert.ok(ok / refs.length >= 0.9, `${ok} of ${refs.length} verified`);
});

const TOPIC: Topic = {
  id: 'x', category: 'C', name: 'X', description: '', body: '', source: 'x.md',
  guidelines: [{ id: 'g', title: 'Guide', url: 'https://guide.example/', company: 'Acme', references: [
    { name: 'Moved one', url: 'https://old.example/a#b' },
    { name: 'Gone one', url: 'https://gone.example/c' },
    { name: 'Same one', url: 'https://same.example/d' },
  ] }],
};
const LINKS = parseLinks({ links: {
  'https://old.example/a#b': { status: 'moved', url: 'https://new.example/a#c', repository: 'o/r', commit: 'a'.repeat(40) },
  'https://gone.example/c': { status: 'archived', archive: 'https://web.archive.org/web/2019/https://gone.example/c' },
  'https://same.example/d': { status: 'verified', repository: 'o/r', commit: 'a'.repeat(40) },
} });

test('a hover card shows a moved section at its current URL and an archived-only one with its archived copy', () => {
  const card = topicCard(applyLinks(TOPIC, LINKS));
  assert.ok(card.includes('[Moved one](https://new.example/a#c)'), card);
  assert.ok(!card.includes('old.example'), card);
  assert.ok(card.includes('[Gone one](https://gone.example/c) ([archived copy](https://web.archive.org/web/2019/https://gone.example/c))'), card);
  assert.match(card, /\[Same one\]\(https:\/\/same\.example\/d\)$/m, 'a verified section keeps its URL and has no archived copy');
});

test('a topic page lists the same links', () => {
  const catalog = buildCatalog([[{ source: 'x.md', text: '', parsed: TOPIC, links: LINKS }]]);
  const md = renderTopicPage('x', catalog).markdown;
  assert.match(md, /^- \[Moved one\]\(https:\/\/new\.example\/a#c\)$/m);
  assert.match(md, /^- \[Gone one\]\(https:\/\/gone\.example\/c\) \(\[archived copy\]\(https:\/\/web\.archive\.org\/web\/2019\/https:\/\/gone\.example\/c\)\)$/m);
  assert.match(md, /^- \[Same one\]\(https:\/\/same\.example\/d\)$/m);
});

test('the shipped catalog shows the current links: a moved Zalando rule, an archived Atlassian section', () => {
  const t = shippedCatalog().get('http-status-429')!;
  const urls = t.guidelines.flatMap((g) => g.references.map((r) => r.url));
  assert.ok(urls.includes('https://opensource.zalando.com/restful-api-guidelines/#153'), urls.join('\n'));
  assert.ok(!urls.some((u) => u.includes('zalando.github.io')), 'no 2019 Zalando location is left');
  const card = topicCard(shippedCatalog().get('http-status-404')!);
  assert.match(card, /\[Appendix A: Response Codes\]\(https:\/\/developer\.atlassian\.com\/[^)]+\) \(\[archived copy\]\(https:\/\/web\.archive\.org\/web\/2019\/https:\/\/developer\.atlassian\.com\//);
});

test('entries of the wrong shape are left out, so their references keep the page\'s URL', () => {
  const links = parseLinks({ links: {
    'https://a.example/': { status: 'moved', url: 'javascript:alert(1)' },
    'https://b.example/': { status: 'archived', archive: 'https://elsewhere.example/copy' },
    'https://c.example/': { status: 'gone' },
    'https://d.example/': 'moved',
  } });
  assert.equal(links.size, 0);
  assert.equal(parseLinks(null).size, 0);
  assert.equal(parseLinks({ links: [] }).size, 0);
});

test('a missing links.json is reported and leaves every link as the page gives it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'links-'));
  const errors: string[] = [];
  const links = readCatalogLinks(path.join(dir, 'topics'), (m) => errors.push(m));
  assert.equal(links.size, 0);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /links\.json/);
  fs.rmSync(dir, { recursive: true });
});
