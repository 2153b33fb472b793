import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryTerms, searchTopics, searchWords, SYNONYMS, type SearchableTopic } from '../../server/src/service/search';
import { shippedCatalog } from '../helpers/service';
import { lookupTopic } from '../../server/src/cli/topics';

/** The ids of the first `n` hits for a query over the shipped catalog. */
function top(query: string, n = 5): string[] {
  return searchTopics(shippedCatalog().topics, query, { limit: n }).map((h) => h.topic.id);
}

// Data-driven: query → a topic that must be among the first hits (default: first).
const cases: Array<[query: string, expected: string, within?: number]> = [
  ['pagination', 'collection-pagination'],
  ['paging', 'collection-pagination'],
  ['Pagination', 'collection-pagination'],
  ['pagnation', 'collection-pagination'], // one typo
  ['rate', 'rate-limiting'],
  ['rate', 'http-status-429', 3],
  ['ratelimit', 'rate-limiting', 2],
  // The two words together mean the status for it, not a page size.
  ['rate limit', 'rate-limiting'],
  ['rate limit', 'http-status-429', 2],
  ['throttling', 'http-status-429', 3],
  ['429', 'http-status-429'],
  // Each status code typed brings its own topic, whatever the other words.
  ['401 vs 403', 'http-status-401', 2],
  ['401 vs 403', 'http-status-403', 2],
  ['500', 'http-status-500'],
  ['too many', 'http-status-429'],
  ['not found', 'http-status-404'],
  ['etag', 'http-caching', 5],
  ['patch', 'http-methods-patch'],
  ['http-methods-put', 'http-methods-put'],
  ['versioning', 'versioning'],
  ['sort', 'collection-sorting'],
  ['date time', 'data-format-date-time'],
  ['cors', 'cors'],
  ['hateoas', 'hypermedia', 3],
  // Section names of the guides are searched too: Zalando's "Use 429 with Headers for Rate Limits".
  ['headers for rate limits', 'http-status-429', 3],
  // Guide names: a company narrows to topics that guide covers.
  ['zalando pagination', 'collection-pagination'],
  // Searches that found nothing or the wrong topic (issue 17): reason phrases, header names, page bodies.
  ['bad gateway', 'http-status-502'],
  ['multi-status', 'http-status-207'],
  ['413', 'http-status-413'],
  ['content too large', 'http-status-413'],
  ['gateway timeout', 'http-status-504'],
  ['sunset', 'deprecation-sunset'],
  ['idempotency-key', 'idempotency-keys'],
  ['if-match', 'conditional-requests'],
  ['optimistic concurrency', 'conditional-requests', 2],
  ['webhooks', 'webhooks'],
  ['multipart', 'file-upload'],
  ['multipart/form-data', 'file-upload'],
  ['upload', 'file-upload'],
  // The OpenAPI `default` response is the error format, as its hover says; PATCH only says "by default".
  ['default', 'http-status-standard-error'],
  // No topic is about money alone; the two whose guidance covers amounts and currencies come first.
  ['money', 'data-standards', 2],
  ['money', 'data-format', 2],
  ['jwt', 'security'],
];

for (const [query, expected, within = 1] of cases) {
  test(`search "${query}" ranks ${expected} within the first ${within}`, () => {
    const ids = top(query, within);
    assert.ok(ids.includes(expected), `got ${JSON.stringify(top(query, 8))}`);
  });
}

test('an empty query lists every topic by name', () => {
  const all = searchTopics(shippedCatalog().topics, '   ');
  assert.equal(all.length, shippedCatalog().topics.length);
  const names = all.map((h) => h.topic.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
});

test('every word must match: "pagination zzzqqq" falls back to the topics matching most words', () => {
  const hits = searchTopics(shippedCatalog().topics, 'pagination zzzqqq', { limit: 3 });
  assert.equal(hits[0]?.topic.id, 'collection-pagination');
});

test('nonsense finds nothing, and odd input never throws', () => {
  assert.deepEqual(top('qqqxxzzy'), []);
  for (const q of ['(', '[]', '\\', '*', '\u0000\uffff', '🙂', 'a'.repeat(10000), '-'.repeat(50), '1', '4xx']) {
    assert.ok(Array.isArray(searchTopics(shippedCatalog().topics, q)), q);
  }
});

test('a short word does not match by typo: "put" does not find GET', () => {
  const ids = top('put', 3);
  assert.equal(ids[0], 'http-methods-put');
  assert.ok(!ids.includes('http-methods-get'));
});

test('hits say which fields matched, strongest first', () => {
  const [hit] = searchTopics(shippedCatalog().topics, 'pagination', { limit: 1 });
  assert.equal(hit.matched[0], 'name');
  const [viaSection] = searchTopics(shippedCatalog().topics, 'headers for rate limits', { limit: 1 });
  assert.ok(viaSection.matched.includes('section'));
});

test('works on plain summaries, as the editor sends them (no body, no source)', () => {
  const topics: SearchableTopic[] = [
    { id: 'a', name: 'Alpha thing', category: 'Misc', description: 'about cursors', guidelines: [] },
    { id: 'collection-pagination', name: 'Pagination', category: 'Collection Resources', description: '', guidelines: [{ company: 'Acme', title: 'Guide', references: [{ name: 'Paging' }] }] },
  ];
  // "paging" also reaches "cursors" through its synonyms, but the topic named for it comes first.
  assert.deepEqual(searchTopics(topics, 'paging').map((h) => h.topic.id), ['collection-pagination', 'a']);
  assert.deepEqual(searchTopics(topics, 'acme').map((h) => h.topic.id), ['collection-pagination']);
});

test('queries split into distinct lower-case words', () => {
  assert.deepEqual(queryTerms('  Rate-Limit  rate 4XX '), ['rate', 'limit', '4xx']);
});

test('the synonym table only points at words the catalog uses', () => {
  const text = shippedCatalog().topics.map((t) =>
    [t.name, t.id, t.category, t.description, ...t.guidelines.flatMap((g) => [g.company, g.title, ...g.references.map((r) => r.name)])].join(' '),
  ).join(' ').toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  for (const [word, alternatives] of Object.entries(SYNONYMS)) {
    assert.ok(alternatives.some((a) => text.includes(a.toLowerCase())), `no alternative of "${word}" occurs in the catalog: ${alternatives.join(', ')}`);
  }
});

// `stylebook topic <words>`: the card it opens, by its heading.
const opened: Array<[query: string, heading: RegExp]> = [
  ['sunset', /^### Deprecation and Sunset$/m],
  ['idempotency-key', /^### Idempotency keys$/m],
  ['default', /^### Error format$/m],
  // CONNECT has no page of its own (no API operation uses it); the methods overview covers it.
  ['CONNECT', /^### HTTP methods$/m],
  ['413', /^### 413 Content Too Large$/m],
];
for (const [query, heading] of opened) {
  test(`topic ${query} opens the card matching ${heading}`, () => {
    const found = lookupTopic(query, shippedCatalog(), []);
    assert.ok(found);
    assert.match(found.card, heading);
  });
}

test('topic CONNECT states the method\'s properties from the standard', () => {
  const card = lookupTopic('connect', shippedCatalog(), [])!.card;
  assert.match(card, /\*\*CONNECT\*\* — not safe, not idempotent/);
  assert.match(card, /rfc9110#section-9\.3\.6/);
});

test('page bodies are searched, but a body hit never outranks a name hit', () => {
  const [hit] = searchTopics(shippedCatalog().topics, 'jwt', { limit: 1 });
  assert.deepEqual(hit.matched, ['body']);
  const ids = top('pagination', 3);
  assert.equal(ids[0], 'collection-pagination');
});

test('inside a body, a query word matches whole words or their start, never the inside of a word', () => {
  const topics: SearchableTopic[] = [
    { id: 'a', name: 'Alpha', category: 'X', description: '', body: 'See the template.', guidelines: [] },
    { id: 'b', name: 'Beta', category: 'X', description: '', body: 'Templates help.', guidelines: [] },
  ];
  assert.deepEqual(searchTopics(topics, 'plate').map((h) => h.topic.id), []);
  assert.deepEqual(searchTopics(topics, 'templ').map((h) => h.topic.id).sort(), ['a', 'b']);
});

test('the editor\'s summaries, which carry a body\'s distinct words only, rank exactly as the full pages do', () => {
  const full = shippedCatalog().topics;
  const summaries: SearchableTopic[] = full.map((t) => ({ id: t.id, name: t.name, category: t.category, description: t.description, guidelines: t.guidelines, body: searchWords(t.body) }));
  for (const q of ['money', 'jwt', 'multipart', 'default', 'templ', 'bad gateway', 'pagination', 'etag', 'retry after', 'connect']) {
    const rank = (topics: readonly SearchableTopic[]) => searchTopics(topics, q, { limit: 10 }).map((h) => `${h.topic.id} ${h.score.toFixed(4)}`);
    assert.deepEqual(rank(summaries), rank(full), q);
  }
  const [t] = full;
  assert.ok(searchWords(t.body).length < t.body.length);
  assert.doesNotMatch(searchWords('[Caching](topic:http-caching) and [RFC](https://www.rfc-editor.org/rfc/rfc9110)'), /rfc9110|editor|topic/);
});
