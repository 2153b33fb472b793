import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from './lspClient';
import {
  CategoriesRequest, GuidesRequest, SearchTopicsRequest, TopicAtRequest, TopicIndexRequest, TopicPageRequest,
  type ParamsOf, type ResultOf, type StylebookRequest,
} from '../../server/src/protocol';

let client: LspClient;
before(async () => {
  client = new LspClient();
  // As our VS Code client starts it: the custom requests are its, and its cards keep the topic command link.
  await client.initialize(null, { commandLinks: true });
});
after(() => client.close());

/** Sends one of our custom requests over stdio with its protocol types. */
function send<T extends StylebookRequest<any, any>>(req: T, params: ParamsOf<T>): Promise<ResultOf<T>> {
  return client.request(req.method, params);
}

test('stylebook/topicIndex lists every topic with its guides and section names', async () => {
  const { topics } = await send(TopicIndexRequest, {});
  assert.ok(topics.length >= 100, String(topics.length));
  const t429 = topics.find((t) => t.id === 'http-status-429');
  assert.equal(t429?.statusCode, 429);
  assert.equal(t429?.category, 'HTTP Status User Error');
  assert.ok(t429?.guidelines.some((g) => g.company === 'Zalando' && g.references.some((r) => /rate limits/i.test(r.name))));
});

test('stylebook/searchTopics ranks with synonyms: "paging" → pagination, "rate" → rate limiting and 429', async () => {
  const paging = await send(SearchTopicsRequest, { query: 'paging', limit: 3 });
  assert.equal(paging.hits[0].id, 'collection-pagination');
  const rate = await send(SearchTopicsRequest, { query: 'rate', limit: 3 });
  const ids = rate.hits.map((h) => h.id);
  assert.ok(ids.includes('rate-limiting') && ids.includes('http-status-429'), ids.join());
  assert.ok(rate.hits.length <= 3);
});

test('stylebook/topicPage renders a page and a "not found" page', async () => {
  const page = await send(TopicPageRequest, { id: 'http-status-500' });
  assert.equal(page.found, true);
  assert.match(page.markdown, /^# 500 Internal Server Error/);
  assert.match(page.markdown, /defined in \[RFC 9110, section 15\.6\.1\]/);
  assert.match(page.markdown, /## What the guides say\n\n5 guides/);
  const missing = await send(TopicPageRequest, { id: 'no-such-topic' });
  assert.equal(missing.found, false);
  assert.match(missing.markdown, /# Topic not found/);
});

test('stylebook/guides and stylebook/categories give counts for the browse views', async () => {
  const guides = await send(GuidesRequest, {});
  const zalando = guides.find((g) => g.company === 'Zalando');
  assert.ok(zalando && zalando.topicIds.length > 50, JSON.stringify(zalando?.topicIds.length));
  const cats = await send(CategoriesRequest, {});
  assert.ok(cats.find((c) => c.name === 'Collection Resources')?.topicIds.includes('collection-pagination'));
});

test('stylebook/topicAt answers the topic the hover links to, and null elsewhere', async () => {
  const uri = 'file:///ws/topics.yaml';
  const text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /pets:\n    get:\n      responses:\n        '429':\n          description: slow down\n";
  client.open(uri, 'yaml', text);
  const at = await send(TopicAtRequest, { textDocument: { uri }, position: positionOf(text, "'429'", 2) });
  assert.deepEqual(at, { topicId: 'http-status-429' });
  const hover = await client.hover(uri, positionOf(text, "'429'", 2).line, positionOf(text, "'429'", 2).character);
  assert.ok(hover.contents.value.includes(encodeURIComponent(JSON.stringify(['http-status-429']))), 'the hover links to the same page');
  assert.equal(await send(TopicAtRequest, { textDocument: { uri }, position: positionOf(text, 'title', 1) }), null);
});

test('bad parameters get a fallback answer and the server stays up', async () => {
  assert.equal(await client.request(TopicAtRequest.method, { textDocument: { uri: 'file:///never-opened.yaml' }, position: { line: 0, character: 0 } }), null);
  assert.equal(await client.request(TopicAtRequest.method, null), null);
  const junk = await client.request(TopicPageRequest.method, { id: { not: 'a string' } });
  assert.equal(junk.found, false);
  const search = await client.request(SearchTopicsRequest.method, { query: 42 });
  assert.ok(Array.isArray(search.hits));
  const { topics } = await send(TopicIndexRequest, {});
  assert.ok(topics.length >= 100, 'still answering');
});
