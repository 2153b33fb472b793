import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import YAML from 'yaml';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { parseTopicPage, labelFromUrl } from '../../server/src/service/catalog/page';
import { readCatalogDir } from '../../server/src/node/catalogFiles';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const TOPICS = path.join(ROOT, 'catalog', 'topics');
const SHARED = path.resolve(ROOT, '..', 'shared');
const SEED = path.join(SHARED, 'seeds', 'http-status-500.md');
const REFDATA = path.join(SHARED, 'reference-data', 'apistylebook');

const pages = readCatalogDir(TOPICS, (m) => assert.fail(m));
const catalog = buildCatalog([pages]);

/**
 * Topics the API Stylebook catalog does not have: pages of our own, with no
 * counterpart in the reference data (issue 17, item 4).
 */
const OWN_TOPICS = [
  'http-status-207', 'http-status-413', 'http-status-414', 'http-status-416', 'http-status-431', 'http-status-451',
  'http-status-502', 'http-status-504', 'http-status-511',
  'idempotency-keys', 'conditional-requests', 'deprecation-sunset', 'webhooks', 'file-upload',
];

/** Corrections of the reference data's known errors, as scripts/sync-catalog.mjs applies them (each explained in the file). */
interface Fix { from: string; to: string }
const CORRECTIONS = YAML.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'catalog-corrections.yaml'), 'utf8')) as {
  guides: Record<string, Record<string, Fix>>;
  topics: Record<string, Record<string, Fix>>;
  duplicates: Array<{ guide: string; topic: string; url: string }>;
};

/** The value a page must show for a reference-data value: the data's own, unless a listed correction replaces exactly that value. */
function expected(fix: Fix | undefined, value: string, where: string): string {
  if (!fix) return value;
  assert.equal(fix.from, value, `${where}: the correction was written for "${fix.from}" but the data says "${value}"`);
  return fix.to;
}

test('every shipped page parses without problems', () => {
  assert.equal(pages.length, 100 + OWN_TOPICS.length);
  assert.deepEqual(catalog.problems, []);
  assert.equal(catalog.topics.length, 100 + OWN_TOPICS.length);
});

test('our own topics exist, cite their standard, and say where the guides cover them or that none does', () => {
  for (const id of OWN_TOPICS) {
    const t = catalog.get(id);
    assert.ok(t, id);
    assert.match(t.body, /rfc-editor\.org\/rfc\/rfc\d+/, `${id} links an RFC`);
    // A product-own page says so, and either lists guides or says none covers it.
    assert.match(t.body, /## Sources\n\nThis page is the extension's own/, `${id} is marked as our own`);
    if (!t.guidelines.length) assert.match(t.body, /No guide in the catalog/, `${id} says no guide covers it`);
  }
});

test('a page that mentions one of our own status codes links to its page', () => {
  for (const id of OWN_TOPICS.filter((x) => x.startsWith('http-status-'))) {
    const code = id.slice('http-status-'.length);
    // The code as a word of the guidance, not inside a link target, an RFC section number or a longer number.
    const mention = new RegExp(`(?<![\\d.#/-])${code}(?![\\d.])`);
    for (const t of catalog.topics) {
      if (t.id === id) continue;
      const prose = t.body.split('## See also')[0].replace(/\]\([^)]*\)/g, '](x)');
      if (mention.test(prose)) assert.ok(t.body.includes(`(topic:${id})`), `${t.id} mentions ${code} without linking ${id}`);
    }
  }
});

test('no page shows the same reference twice', () => {
  for (const t of catalog.topics) {
    for (const g of t.guidelines) {
      const urls = g.references.map((r) => r.url);
      assert.equal(new Set(urls).size, urls.length, `${t.id}/${g.id}`);
    }
  }
});

test('topic ids are unique and match their file names', () => {
  const ids = new Set<string>();
  for (const t of catalog.topics) {
    assert.ok(!ids.has(t.id), `duplicate ${t.id}`);
    ids.add(t.id);
    assert.equal(path.basename(t.source, '.md'), t.id);
  }
});

test('every page has our own description and a guidance body', () => {
  for (const t of catalog.topics) {
    assert.ok(t.description.length >= 30, `${t.id}: description too short`);
    assert.ok(t.body.trim().length >= 200, `${t.id}: body too short`);
    assert.doesNotMatch(t.description, /<[a-z]/i, `${t.id}: description contains HTML`);
  }
});

test('"topic:" links in page bodies point at existing topics', () => {
  for (const t of catalog.topics) {
    for (const m of t.body.matchAll(/\]\(topic:([a-z0-9-]+)\)/g)) assert.ok(catalog.get(m[1]), `${t.id} links to missing topic ${m[1]}`);
  }
});

test('status-code and method topics are indexed by code and method', () => {
  assert.equal(catalog.forStatus(500)?.id, 'http-status-500');
  assert.equal(catalog.forStatus(429)?.id, 'http-status-429');
  assert.equal(catalog.forStatus(418), undefined);
  assert.equal(catalog.forMethod('PATCH')?.id, 'http-methods-patch');
  assert.ok(catalog.guides().length >= 16);
});

const seedKeys = (file: string) => {
  const fm = matter(fs.readFileSync(file, 'utf8')).data as Record<string, any>;
  const top = Object.keys(fm).sort();
  // A page of our own that no guide covers has `guidelines: []`, so no guideline keys to compare.
  const first = fm.guidelines[0];
  const g = first ? Object.keys(first).filter((k) => !/LogoUrl|screenshotUrl/.test(k)).sort() : [];
  const r = first ? Object.keys(first.references[0]).sort() : [];
  return { top, g, r, fm };
};

test('pages use the seed page\'s keys and nesting (logo and screenshot keys left out)', (t) => {
  if (!fs.existsSync(SEED)) return t.skip(`seed page not found at ${SEED}: cannot compare keys`);
  const seed = seedKeys(SEED);
  for (const file of fs.readdirSync(TOPICS)) {
    const page = seedKeys(path.join(TOPICS, file));
    assert.deepEqual(page.top, seed.top, file);
    for (const g of page.fm.guidelines) {
      const keys = Object.keys(g).sort();
      // guideline_reviewDate is absent for a guide that was never reviewed.
      assert.deepEqual(keys.filter((k) => k !== 'guideline_reviewDate'), seed.g.filter((k) => k !== 'guideline_reviewDate'), `${file}: ${g.guideline_id}`);
      for (const r of g.references) assert.deepEqual(Object.keys(r).sort(), seed.r);
    }
  }
});

test('the seed page itself loads as a valid catalog page', (t) => {
  if (!fs.existsSync(SEED)) return t.skip(`seed page not found at ${SEED}`);
  const { topic, problems } = parseTopicPage(fs.readFileSync(SEED, 'utf8'), SEED);
  assert.deepEqual(problems, []);
  assert.equal(topic?.id, 'http-status-500');
  assert.equal(topic?.guidelines.length, 5);
});

test('http-status-500 has exactly the seed\'s five references', (t) => {
  if (!fs.existsSync(SEED)) return t.skip(`seed page not found at ${SEED}`);
  const seed = parseTopicPage(fs.readFileSync(SEED, 'utf8'), SEED).topic!;
  const ours = catalog.get('http-status-500')!;
  const refs = (x: typeof ours) => x.guidelines.flatMap((g) => g.references.map((r) => `${g.company}|${r.name}|${r.url}`)).sort();
  assert.deepEqual(refs(ours), refs(seed));
  assert.deepEqual(ours.guidelines.map((g) => g.company).sort(), ['Cloud Foundry', 'Haufe', 'Heroku', 'White House', 'Zalando']);
});

test('every reference of the reference data is on its topic\'s page', (t) => {
  if (!fs.existsSync(REFDATA)) return t.skip(`reference data not found at ${REFDATA}: the cross-check needs ../shared/reference-data`);
  const topics = YAML.parse(fs.readFileSync(path.join(REFDATA, 'topics.yaml'), 'utf8')) as Record<string, { name: string; category: string }>;
  assert.equal(Object.keys(topics).length, 100);
  let count = 0;
  for (const [id, meta] of Object.entries(topics)) {
    const topic = catalog.get(id);
    assert.ok(topic, `missing topic ${id}`);
    assert.equal(topic.name, expected(CORRECTIONS.topics[id]?.name, meta.name, id));
    assert.equal(topic.category, meta.category);
  }
  for (const id of Object.keys(CORRECTIONS.topics)) assert.ok(topics[id], `a correction for the unknown topic ${id}`);
  const duplicates: typeof CORRECTIONS.duplicates = [];
  let shown = 0;
  for (const f of fs.readdirSync(path.join(REFDATA, 'guidelines'))) {
    const g = YAML.parse(fs.readFileSync(path.join(REFDATA, 'guidelines', f), 'utf8'));
    const fix = CORRECTIONS.guides[g.id] ?? {};
    for (const field of Object.keys(fix)) assert.ok(['title', 'url', 'company', 'companyUrl'].includes(field), `${g.id}: cannot correct ${field}`);
    for (const [topicId, refs] of Object.entries(g.topics as Record<string, Array<{ name: string; url: string }>>)) {
      const entry = catalog.get(topicId)?.guidelines.find((x) => x.id === g.id);
      assert.ok(entry, `${topicId} lacks guide ${g.id}`);
      assert.equal(entry.title, expected(fix.title, g.title, g.id));
      assert.equal(entry.url, expected(fix.url, g.url, g.id));
      assert.equal(entry.company, expected(fix.company, g.company, g.id));
      assert.equal(entry.companyUrl, expected(fix.companyUrl, g.companyUrl, g.id));
      const seen = new Set<string>();
      for (const r of refs) {
        const found: { name: string; url: string } | undefined = entry.references.find((x) => x.url === r.url);
        assert.ok(found, `${topicId}/${g.id}: missing ${r.url}`);
        assert.equal(found.name, r.name || labelFromUrl(r.url));
        if (seen.has(r.url)) duplicates.push({ guide: g.id, topic: topicId, url: r.url });
        seen.add(r.url);
        count++;
      }
      assert.equal(entry.references.length, seen.size, `${topicId}/${g.id}: references that are not in the data`);
      shown += entry.references.length;
    }
  }
  assert.equal(count, 1040);
  // The data's duplicates are exactly the listed ones, and each is shown once.
  const key = (d: { guide: string; topic: string; url: string }) => `${d.guide} ${d.topic} ${d.url}`;
  assert.deepEqual(duplicates.map(key).sort(), CORRECTIONS.duplicates.map(key).sort());
  assert.equal(shown, 1040 - CORRECTIONS.duplicates.length);
});

test('a reference with an empty name gets a label from its URL', () => {
  assert.equal(labelFromUrl('http://deliveroo.engineering/guidelines/api-design/#listing-relations'), 'Listing relations');
  assert.equal(labelFromUrl('https://adidas-group.gitbooks.io/api-guidelines/content/execution/batch-operations.html'), 'Batch operations');
  const multi = catalog.get('resource-multiple')!.guidelines.find((g) => g.id === 'adidas-api-design-guidelines')!;
  assert.equal(multi.references[0].name, 'Batch operations');
});

const GOOD = `---
topic_id: team-errors
topic_category: 'Error handling'
topic_name: 'Team errors'
topic_description: 'Our error rules.'
guidelines:
  - guideline_id: acme
    guideline_title: 'ACME API guide'
    guideline_url: 'https://acme.example/guide'
    guideline_company: ACME
    references:
      - name: Errors
        url: 'https://acme.example/guide#errors'
---
Body.
`;

test('a broken page is reported with its line and never stops the others loading', () => {
  const broken = [
    { source: 'bad-yaml.md', text: '---\ntopic_id: x\ntopic_name: [unclosed\n---\n' },
    { source: 'no-front.md', text: '# just markdown\n' },
    { source: 'binary.md', text: 'PK\u0003\u0004\u0000\u0000junk' },
    { source: 'bad-url.md', text: GOOD.replace("url: 'https://acme.example/guide#errors'", "url: 'javascript:alert(1)'").replace('team-errors', 'bad-url') },
    { source: 'missing.md', text: '---\ntopic_id: missing-name\ntopic_category: X\nguidelines: []\n---\n' },
    { source: 'good.md', text: GOOD },
  ];
  const c = buildCatalog([broken]);
  assert.deepEqual(c.topics.map((t) => t.id), ['team-errors']);
  const by = (s: string) => c.problems.filter((p) => p.source === s);
  assert.equal(by('bad-yaml.md')[0].line, 2);
  assert.match(by('no-front.md')[0].message, /front matter/);
  assert.match(by('binary.md')[0].message, /not a text file/);
  assert.equal(by('bad-url.md')[0].line, 12);
  assert.match(by('bad-url.md')[0].message, /http or https URL/);
  assert.deepEqual(by('missing.md').map((p) => p.message).sort(), ['missing required key "topic_description"', 'missing required key "topic_name"']);
});

test('a later catalog layer extends a shipped topic with its own guide', () => {
  const extra = GOOD.replace('team-errors', 'http-status-500').replace("topic_description: 'Our error rules.'", "topic_description: ''");
  const c = buildCatalog([pages, [{ source: 'team/http-status-500.md', text: extra }]]);
  const t = c.get('http-status-500')!;
  assert.equal(t.guidelines.length, 6);
  assert.ok(t.description.length > 30, 'keeps the shipped description when the layer has none');
  assert.deepEqual(c.problems, []);
});

test('a duplicate id within one layer is reported and skipped', () => {
  const c = buildCatalog([[{ source: 'a.md', text: GOOD }, { source: 'b.md', text: GOOD }]]);
  assert.equal(c.topics.length, 1);
  assert.match(c.problems[0].message, /duplicate topic_id "team-errors"/);
});
