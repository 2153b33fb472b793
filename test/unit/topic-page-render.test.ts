import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { linkedTopics, renderTopicPage, sanitizeGuidance, topicCategories, topicIdFromHover } from '../../server/src/service/topicPage';
import { dangers } from '../helpers/preview';
import { service, shippedCatalog, withCursor } from '../helpers/service';

const page = (id: string, profile?: string[]) => renderTopicPage(id, shippedCatalog(), { guideProfile: profile });

test('a status-code page has the name, category, reason phrase and the standard section', () => {
  const p = page('http-status-429');
  assert.equal(p.found, true);
  assert.equal(p.title, '429 Too Many Requests');
  assert.match(p.markdown, /^# 429 Too Many Requests\n/);
  assert.match(p.markdown, /\*HTTP Status User Error\* · `http-status-429`/);
  assert.match(p.markdown, /> \*\*429 Too Many Requests\*\* — Client Error · defined in \[RFC 6585, section 4\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc6585#section-4\)/);
});

test('a page with a registered phrase that differs from its name shows the registry phrase', () => {
  const p = page('http-status-422');
  assert.match(p.markdown, /\*\*422 Unprocessable Content\*\*/);
});

test('a method page states safety and idempotency with the RFC link', () => {
  const p = page('http-methods-patch');
  assert.match(p.markdown, /> \*\*PATCH\*\* — not safe, not idempotent · defined in \[RFC 5789/);
});

test('our guidance is included and topic: links become links to sibling pages', () => {
  const p = page('http-status-429');
  assert.match(p.markdown, /## When to use it/);
  assert.match(p.markdown, /\[Rate limiting\]\(rate-limiting\.md\)/);
  assert.doesNotMatch(p.markdown, /\(topic:/);
  // Code blocks are kept verbatim.
  assert.match(p.markdown, /```http\nHTTP\/1\.1 429 Too Many Requests\nRetry-After: 30/);
});

test('references are grouped by guide, each a link to its section, with counts', () => {
  const p = page('http-status-500');
  const t = shippedCatalog().get('http-status-500')!;
  const sections = t.guidelines.reduce((n, g) => n + g.references.length, 0);
  assert.match(p.markdown, new RegExp(`## What the guides say\\n\\n${t.guidelines.length} guides, ${sections} sections\\.`));
  for (const g of t.guidelines) {
    assert.ok(p.markdown.includes(`### ${g.company} — [`), g.company);
    for (const r of g.references) assert.ok(p.markdown.includes(`](${r.url})`), r.url);
  }
});

test('the team profile puts its guides first', () => {
  const p = page('http-status-500', ['zalando']);
  const first = /### ([^\n]+)/.exec(p.markdown.split('## What the guides say')[1])?.[1];
  assert.match(first ?? '', /^Zalando/);
});

test('related topics: linked in either direction, and the same category', () => {
  const p = page('rate-limiting');
  const related = p.markdown.split('## Related topics')[1] ?? '';
  // 429 links to rate-limiting, so rate-limiting's page lists 429 even if it does not link back.
  assert.match(related, /\*\*Linked with this page:\*\*[^\n]*\[429 Too Many Requests\]\(http-status-429\.md\)/);
  const p404 = page('http-status-404');
  assert.match(p404.markdown, /\*\*Also in HTTP Status User Error:\*\*[^\n]*\(http-status-400\.md\)/);
  assert.doesNotMatch(p404.markdown.split('**Also in')[1], /\(http-status-404\.md\)/);
});

test('linkedTopics is symmetric for the shipped catalog', () => {
  const c = shippedCatalog();
  for (const t of c.topics) for (const other of linkedTopics(t, c)) assert.ok(linkedTopics(other, c).some((x) => x.id === t.id), `${t.id} ↔ ${other.id}`);
});

test('an unknown id gives a "not found" page with suggestions', () => {
  const p = page('collection-paging');
  assert.equal(p.found, false);
  assert.match(p.markdown, /# Topic not found/);
  assert.match(p.markdown, /\[Pagination\]\(collection-pagination\.md\)/);
  assert.equal(page('`<script>`').markdown.includes('<script>'), false);
});

test('custom page links are used for every topic link', () => {
  const p = renderTopicPage('http-status-429', shippedCatalog(), { pageLink: (id) => `https://example.test/${id}` });
  assert.match(p.markdown, /\(https:\/\/example\.test\/rate-limiting\)/);
  assert.doesNotMatch(p.markdown, /\]\([a-z0-9-]+\.md\)/);
});

test('guidance from a workspace catalog cannot smuggle HTML, commands or images into the page', () => {
  const c = shippedCatalog();
  const body = [
    'See [the page](command:workbench.action.terminal.new) and [docs](https://example.com/a(b)).',
    '<img src=x onerror=alert(1)> and <https://example.com/auto>',
    '![pixel](https://tracker.example/p.gif) ![local](file:///etc/passwd)',
    '[x](javascript:alert(1)) [anchor](#when-to-use-it) [ok](topic:http-status-404) [gone](topic:no-such-topic)',
    '[ref]: command:evil',
    '`<b>kept in code</b>` and [<b>label</b>](https://example.com)',
    '```html',
    '<b>kept in a fence</b> [x](command:y)',
    '```',
  ].join('\n');
  const out = sanitizeGuidance(body, c);
  assert.deepEqual(dangers(out), []);
  assert.doesNotMatch(out, /command:workbench|javascript:|file:\/\/\/etc/);
  // A definition cannot interrupt a paragraph, so the preview shows this line as text; it stays text.
  assert.match(out, /\\\[ref\\\]\\: command\\:evil/);
  assert.match(out, /See the page and \[docs\]\(https:\/\/example\.com\/a%28b%29\)\./);
  assert.match(out, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(out, /\[https:\/\/example\.com\/auto\]\(https:\/\/example\.com\/auto\)/);
  assert.match(out, /\[pixel\]\(https:\/\/tracker\.example\/p\.gif\) local/);
  assert.match(out, /\[anchor\]\(#when-to-use-it\) \[ok\]\(http-status-404\.md\) gone/);
  assert.match(out, /`<b>kept in code<\/b>`/);
  assert.match(out, /\[&lt;b&gt;label&lt;\/b&gt;\]\(https:\/\/example\.com\)/);
  assert.match(out, /<b>kept in a fence<\/b> \[x\]\(command:y\)/);
});

test('catalog text in headings and facts is escaped', () => {
  const text = [
    '---', "topic_id: odd", "topic_category: 'Cat <b>'", "topic_name: 'Name [x](command:y)'", "topic_description: 'Desc *'", 'guidelines: []', '---', 'Body',
  ].join('\n');
  const c = buildCatalog([[{ source: 'odd.md', text }]]);
  assert.equal(c.problems.filter((p) => p.severity === 'error').length, 0, JSON.stringify(c.problems));
  const p = renderTopicPage('odd', c);
  assert.match(p.markdown, /^# Name \\\[x\\\]\\\(command:y\\\)/);
  assert.match(p.markdown, /\*Cat &lt;b&gt;\*/);
  assert.match(p.markdown, /No guide in the catalog covers this topic yet/);
});

test('every shipped topic renders, with no leftover topic: links', () => {
  for (const t of shippedCatalog().topics) {
    const p = page(t.id);
    assert.equal(p.found, true);
    assert.doesNotMatch(p.markdown, /\]\(topic:/, t.id);
  }
});

test('categories list every topic once', () => {
  const cats = topicCategories(shippedCatalog());
  const ids = cats.flatMap((c) => c.topicIds);
  assert.equal(ids.length, shippedCatalog().topics.length);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(cats.some((c) => c.name === 'Collection Resources' && c.topicIds.includes('collection-pagination')));
});

// "Show Topic at Cursor" opens the topic that the hover's "Open the topic page" link opens.
const atCursor: Array<[text: string, lang: string, expected: string | undefined]> = [
  ["openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        '5|00':\n          description: x\n", 'yaml', 'http-status-500'],
  ["openapi: 3.0.0\npaths:\n  /a:\n    po|st:\n      responses: {}\n", 'yaml', 'http-methods-post'],
  ['{"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {"4|29": {"description": "x"}}}}}}', 'json', 'http-status-429'],
  ["openapi: 3.0.0\ninfo:\n  ti|tle: x\n", 'yaml', undefined],
  ['just: |text\n', 'yaml', undefined],
];
for (const [text, lang, expected] of atCursor) {
  test(`topic at cursor: ${JSON.stringify(text.slice(0, 60))} → ${expected}`, () => {
    const s = service();
    const { doc, position } = withCursor(text, lang);
    assert.equal(topicIdFromHover(s.doHover(s.prepare(doc), position)), expected);
  });
}

test('topicIdFromHover reads only our command link and survives junk', () => {
  assert.equal(topicIdFromHover(null), undefined);
  assert.equal(topicIdFromHover({ contents: 'no link' }), undefined);
  assert.equal(topicIdFromHover({ contents: { kind: 'markdown', value: '[x](command:stylebook.showTopic?%5B%22a%22%5D)' } }), 'a');
  assert.equal(topicIdFromHover({ contents: { kind: 'markdown', value: '[x](command:stylebook.showTopic?%5Bbroken)' } }), undefined);
  assert.equal(topicIdFromHover({ contents: [{ language: 'x', value: '[x](command:stylebook.showTopic?%5B1%5D)' }] }), undefined);
});
