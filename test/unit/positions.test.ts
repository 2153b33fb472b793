import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildLayeredCatalog } from '../../server/src/service/catalog/guidelineFile';
import { countWords, parsePositionsFile, POSITION_SUMMARY_WORDS } from '../../server/src/service/catalog/positions';
import { loadWorkspaceCatalog } from '../../server/src/node/customCatalog';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import { stanceLine, topicCard } from '../../server/src/service/card';
import { renderTopicPage } from '../../server/src/service/topicPage';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { ROOT, shippedCatalog, shippedPages } from '../helpers/service';

const POSITIONS = path.join(ROOT, 'catalog', 'positions');
const topicPages = () => readCatalogDir(path.join(ROOT, 'catalog', 'topics'), (m) => { throw new Error(m); });

/** The topics issue 17 names: status codes, then the design topics people meet most. */
const REQUIRED = [
  'http-status-200', 'http-status-201', 'http-status-202', 'http-status-204', 'http-status-400', 'http-status-401',
  'http-status-403', 'http-status-404', 'http-status-409', 'http-status-412', 'http-status-422', 'http-status-429',
  'http-status-500', 'http-status-503', 'collection-pagination', 'naming-case', 'versioning', 'http-status-standard-error',
  'data-format-date-time', 'http-methods-put', 'http-methods-patch', 'http-methods-delete', 'http-caching', 'rate-limiting',
  'asynchronicity', 'collection-filtering', 'collection-sorting', 'resource-retrieve-partial', 'hypermedia', 'resource-id',
];

test('the shipped positions load without a problem and cover the topics people meet most', () => {
  const catalog = shippedCatalog();
  assert.deepEqual(catalog.problems, []);
  const files = fs.readdirSync(POSITIONS).filter((n) => n.endsWith('.yaml'));
  assert.ok(files.length >= 30, `${files.length} positions files`);
  for (const id of REQUIRED) assert.ok(catalog.positionsFor(id).length >= 2, `positions for ${id}`);
  // Every file is about the topic it is named after, so a team finds it by name.
  for (const f of files) assert.equal(parsePositionsFile(fs.readFileSync(path.join(POSITIONS, f), 'utf8'), f).file?.topicId, f.replace(/\.yaml$/, ''));
});

test('every shipped position cites one of its guide\'s references for the topic, in at most 12 words', () => {
  const catalog = shippedCatalog();
  let count = 0;
  for (const topic of catalog.topics) {
    for (const p of catalog.positionsFor(topic.id)) {
      count++;
      const guide = topic.guidelines.find((g) => g.id === p.guideId);
      assert.ok(guide, `${topic.id}: ${p.guideId} covers the topic`);
      assert.ok(guide.references.some((r) => r.url === p.section.url && r.name === p.section.name), `${topic.id}: ${p.guideId} cites "${p.section.name}"`);
      assert.ok(countWords(p.summary) <= POSITION_SUMMARY_WORDS, `${topic.id}: ${p.guideId}: "${p.summary}"`);
      assert.ok(p.stance.trim() && !/["“”]/.test(p.summary), `${topic.id}: ${p.guideId}: a stance, and no quoted guide text`);
    }
  }
  assert.ok(count >= 100, `${count} positions`);
});

test('a positions file with mistakes reports each one on its line, and keeps the good entries', () => {
  const text = [
    'topic: collection-pagination', // 0
    'positions:',
    '  - guide: zalando-restful-api-guidelines', // 2
    '    stance: cursor',
    '    summary: Cursors, because offsets drift when rows are inserted or deleted between two page requests.', // 4
    '    section: Pagination',
    '  - guide: heroku-http-api-design-guide', // 6
    '    summary: Ranges.',
    '    section: Divide Large Responses Across Requests with Ranges',
    '  - guide: acme-api-guide', // 9
    '    stance: offset',
    '    summary: Offsets.',
    '    section: Paging',
    '  - guide: white-house-web-api-standards', // 13
    '    stance: offset',
    '    summary: limit and offset.',
    '    section: Record Limits',
    '  - guide: paypal-api-style-guide', // 17
    '    stance: page number',
    '    summary: page and page_size.',
    '    section: Versions', // 20
    '  - guide: microsoft-rest-api-guidelines', // 21
    '    stance: cursor',
    '    summary: Opaque next links.',
    '    section: https://github.com/Microsoft/api-guidelines/blob/master/Guidelines.md#98-pagination',
    '',
  ].join('\n');
  const source = 'team/positions/collection-pagination.yaml';
  const catalog = buildLayeredCatalog([topicPages(), [{ source, text }]]);
  const got = catalog.problems.map((p) => `${p.source}:${p.line}:${p.severity}:${p.message}`);
  const expect = [
    /^team\/positions\/collection-pagination\.yaml:4:error:the summary has 14 words, more than the 12/,
    /^team\/positions\/collection-pagination\.yaml:6:error:a position is missing its "stance"/,
    /^team\/positions\/collection-pagination\.yaml:9:error:unknown guide "acme-api-guide": it is not a guide of the catalog/,
    /^team\/positions\/collection-pagination\.yaml:13:error:unknown guide "white-house-web-api-standards": it does not cover topic "collection-pagination"/,
    /^team\/positions\/collection-pagination\.yaml:20:error:section "Versions" of guide "paypal-api-style-guide" is not among its sections for this topic \("Paging", "Paging \(Complex Operation - Search\)"\)/,
  ];
  assert.equal(got.length, expect.length, got.join('\n'));
  for (const re of expect) assert.ok(got.some((g) => re.test(g)), `${re}\n${got.join('\n')}`);
  // The one good entry is kept, with the section resolved to the reference's name and URL.
  assert.deepEqual(catalog.positionsFor('collection-pagination').map((p) => [p.guideId, p.section.name, p.line]), [['microsoft-rest-api-guidelines', 'Pagination', 21]]);
});

test('a positions file for an unknown topic, or without its keys, is one problem on its line', () => {
  const unknown = buildLayeredCatalog([topicPages(), [{ source: 'p.yaml', text: '# ours\ntopic: cursors\npositions: []\n' }]]);
  assert.deepEqual(unknown.problems.map((p) => [p.line, p.column, p.severity, p.message]), [[1, 7, 'error', 'unknown topic "cursors": no topic page in the catalog has this id; its positions are not shown']]);
  const bare = parsePositionsFile('positions:\n  - guide: x\n', 'q.yaml');
  assert.equal(bare.file, undefined);
  assert.match(bare.problems[0].message, /missing required key "topic"/);
  const notList = parsePositionsFile('topic: versioning\npositions: url\n', 'r.yaml');
  assert.deepEqual(notList.problems.map((p) => [p.line, p.message]), [[1, '"positions" must be a list of {guide, stance, summary, section}']]);
});

test('a section a topic page lists twice is still one section a position may cite', () => {
  // The reference data listed Deliveroo's "Return codes and errors" twice on the PATCH page; the shipped
  // page shows it once now, but a team's page may still repeat a section: here, that page with the repeat.
  const reference = "      - name: 'Return codes and errors'\n        url: 'http://deliveroo.engineering/guidelines/api-design/#return-codes-and-errors'\n";
  const pages = topicPages().map((p) => (p.source.endsWith('http-methods-patch.md') ? { ...p, text: p.text.replace(reference, reference + reference) } : p));
  const repeated = buildLayeredCatalog([pages]).get('http-methods-patch')!.guidelines.find((g) => g.id === 'deliveroo-api-design-guidelines')!;
  assert.equal(repeated.references.filter((r) => r.name === 'Return codes and errors').length, 2);
  const text = ['topic: http-methods-patch', 'positions:', '  - guide: deliveroo-api-design-guidelines', '    stance: status codes', '    summary: 412 for stale versions.', '    section: Return codes and errors', ''].join('\n');
  const catalog = buildLayeredCatalog([pages, [{ source: 'p.yaml', text }]]);
  assert.deepEqual(catalog.problems, []);
  assert.equal(catalog.positionsFor('http-methods-patch')[0].section.name, 'Return codes and errors');
});

test('a topic page shows a "Where the guides differ" table, each row with its section link', () => {
  const page = renderTopicPage('collection-pagination', shippedCatalog()).markdown;
  assert.match(page, /^## Where the guides differ$/m);
  assert.match(page, /^\| Stance \| Guide \| Position \| Section \|$/m);
  assert.match(page, /^\| cursor \| Zalando \| [^|]+ \| \[Pagination\]\(https:\/\/opensource\.zalando\.com\/restful-api-guidelines\/#pagination\) \|$/m);
  // The table comes before the list of every guide's sections.
  assert.ok(page.indexOf('## Where the guides differ') < page.indexOf('## What the guides say'));
  // Guides that all take one stance agree, and the heading says so.
  assert.match(renderTopicPage('http-status-401', shippedCatalog()).markdown, /^## Where the guides agree$/m);
  // A topic without recorded positions has no table.
  assert.doesNotMatch(renderTopicPage('http-methods-options', shippedCatalog()).markdown, /Where the guides (differ|agree)/);
});

test('the hover card sums the positions up in one line; the profile\'s guides and their stances come first', () => {
  const catalog = shippedCatalog();
  const topic = catalog.get('collection-pagination')!;
  const plain = stanceLine(topic, catalog)!;
  assert.match(plain, /^\*\*Where the guides differ\*\* — /);
  // Without a profile, the stances most guides take come first.
  assert.ok(plain.indexOf('cursor: Microsoft, Zalando') > 0 && plain.indexOf('cursor:') < plain.indexOf('range header:'), plain);
  const heroku = stanceLine(topic, catalog, ['heroku-http-api-design-guide'])!;
  assert.match(heroku, /^\*\*Where the guides differ\*\* — range header: Heroku · /);
  // Within a stance, the profile's guide leads too (a company name works as well as an id).
  assert.match(stanceLine(topic, catalog, ['Zalando'])!, /— cursor: Zalando, Microsoft · /);
  assert.ok(topicCard(topic, { guideProfile: ['Heroku'] }, catalog).includes(heroku));
  // Without the catalog (a caller that has none) the card simply has no line.
  assert.doesNotMatch(topicCard(topic, {}), /Where the guides/);
});

test('a custom catalog supplies positions for its own guide, and may restate a public guide\'s', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-positions-'));
  try {
    fs.mkdirSync(path.join(dir, 'style'));
    fs.writeFileSync(path.join(dir, 'style', 'acme.yaml'), [
      'id: acme-api', 'title: ACME API guide', 'url: https://acme.example/api', 'company: ACME',
      'topics:', '  collection-pagination:', '    - name: Paging', '      url: https://acme.example/api#paging', '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'style', 'pagination-positions.yaml'), [
      'topic: collection-pagination', 'positions:',
      '  - guide: acme-api', '    stance: offset', '    summary: limit and offset, capped at 100 items.', '    section: Paging',
      '  - guide: heroku-http-api-design-guide', '    stance: cursor', '    summary: Range headers act as cursors.', '    section: Divide Large Responses Across Requests with Ranges',
      '',
    ].join('\n'));
    const settings = { ...DEFAULT_SETTINGS, catalogPaths: ['style'] };
    const { catalog } = loadWorkspaceCatalog(dir, settings, shippedPages());
    assert.deepEqual(catalog.problems, []);
    const topic = catalog.get('collection-pagination')!;
    const line = stanceLine(topic, catalog, ['acme-api'])!;
    assert.match(line, /^\*\*Where the guides differ\*\* — offset: ACME, adidas[^·]* · /);
    // The team's restatement replaced the shipped one for that guide.
    assert.match(line, /cursor: [^·]*Heroku/);
    assert.doesNotMatch(line, /range header/);
    const page = renderTopicPage('collection-pagination', catalog, { guideProfile: ['acme-api'] }).markdown;
    assert.match(page, /^\| offset \| ACME \| limit and offset, capped at 100 items\. \| \[Paging\]\(https:\/\/acme\.example\/api#paging\) \|$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a positions file with more entries than a topic may have guides is one problem; many bad entries give at most 101', () => {
  const entry = (i: number) => `  - {guide: g${i}, stance: s, summary: one two, section: x}`;
  const huge = parsePositionsFile(['topic: versioning', 'positions:', ...Array.from({ length: 201 }, (_, i) => entry(i)), ''].join('\n'), 'huge.yaml');
  assert.equal(huge.file, undefined);
  assert.deepEqual(huge.problems.map((p) => p.message), ['"positions" has 201 entries, more than the 200 a topic may have; the file was skipped']);
  const bad = buildLayeredCatalog([topicPages(), [{ source: 'bad.yaml', text: ['topic: versioning', 'positions:', ...Array.from({ length: 200 }, (_, i) => entry(i)), ''].join('\n') }]]);
  const mine = bad.problems.filter((p) => p.source === 'bad.yaml');
  assert.equal(mine.length, 101);
  assert.match(mine[100].message, /^100 more problems on this page not shown$/);
});
