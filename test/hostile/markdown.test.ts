import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { renderTopicPage, sanitizeGuidance } from '../../server/src/service/topicPage';
import { dangers } from '../helpers/preview';
import { shippedCatalog } from '../helpers/service';
import { seededRandom } from '../helpers/random';

// Promise: a topic page shows no link but http(s), mailto, in-page and topic
// links, no image and no raw HTML, whatever Markdown a catalog page holds,
// judged by rendering the page with markdown-it as VS Code's preview does.
// Each case below is a Markdown construct that the old regular-expression
// sanitizer let through (or a close relative); every one is dangerous as
// written, which the first assertion shows.

const BYPASSES: Array<[name: string, markdown: string]> = [
  ['nested brackets in a label', '[see [the] page](command:workbench.action.terminal.new)'],
  ['brackets nested two deep', '[a [b [c]] d](command:evil)'],
  ['two-level parentheses in the destination', '[x](command:evil?%5B((1))%5D)'],
  ['a reference definition split over lines', '[go][r]\n\n[r]:\ncommand:evil'],
  ['a reference label split over lines', '[go][a b]\n\n[a\nb]: command:evil'],
  ['a reference definition inside a list item', '- [go]\n- [go]: command:evil'],
  ['a reference definition inside a nested list item', '- a\n  - [go]: command:evil\n\n[go]'],
  ['a destination on the next line', '[go](\ncommand:evil\n)'],
  ['a remote image inside a link label', '[![pixel](https://tracker.example/p.gif)](https://example.com)'],
  ['a remote image inside a command link label', '[![pixel](https://tracker.example/p.gif)](command:evil)'],
  ['raw HTML after an unbalanced code span', 'a ` b <img src=https://tracker.example/p.gif>'],
  ['raw HTML inside what looks like a code span with unequal backtick runs', 'a ` <img src=x onerror=alert(1)> `` b'],
  ['a bare URL running into a code span that holds HTML', 'https://example.com/`<img src=x>`'],
  ['an autolink with a command', '<command:evil>'],
  ['an entity-encoded scheme', '[x](&#99;ommand:evil)'],
  ['an upper-case scheme', '[x](COMMAND:evil)'],
  ['file, data, javascript and vscode links', '[a](file:///etc/passwd) [b](data:text/html,<b>x</b>) [c](javascript:alert(1)) [d](vscode://x/y)'],
  ['an image with a data source', '![x](data:image/gif;base64,R0lGODlhAQABAAAAACw=)'],
  ['an image with a relative source', '![x](./pixel.png)'],
  ['an HTML block', '<div>\n<a href="command:evil">x</a>\n</div>'],
  ['an HTML comment', '<!-- <img src=x> -->'],
  ['a link title holding a line break', '[x](command:evil "a\nb")'],
  ['a reference-style image', '![p][i]\n\n[i]: https://tracker.example/p.gif'],
  ['a link in a table cell', '| a |\n| - |\n| [x](command:evil) |'],
  ['a link in a block quote in a list', '- > [x](command:evil)'],
];

for (const [name, markdown] of BYPASSES) {
  test(`hostile markdown: ${name}`, () => {
    assert.notDeepEqual(dangers(markdown), [], 'the case is dangerous as written');
    const out = sanitizeGuidance(markdown, shippedCatalog());
    assert.deepEqual(dangers(out), [], out);
  });
}

test('hostile markdown: the same cases inside a whole topic page', () => {
  const text = ['---', 'topic_id: hostile', "topic_category: 'C'", "topic_name: 'N'", "topic_description: 'D'", 'guidelines: []', '---', ...BYPASSES.map(([, md]) => `${md}\n`)].join('\n');
  const catalog = buildCatalog([[{ source: 'hostile.md', text }]]);
  assert.deepEqual(catalog.problems, []);
  assert.deepEqual(dangers(renderTopicPage('hostile', catalog).markdown), []);
});

test('hostile markdown: what is allowed survives (links, topic links, images as links, code, tables)', () => {
  const out = sanitizeGuidance([
    '# Head', '', 'See [docs](https://example.com/a(b) "T") and [429](topic:http-status-429), [mail](mailto:a@example.com), [here](#x).',
    '', '![chart](https://example.com/c.png)', '', '| a | `b\\|c` |', '| :- | -: |', '| 1 | 2 |', '', '- one', '- two', '', '```js', 'x = "<b>"', '```',
  ].join('\n'), shippedCatalog());
  assert.match(out, /\[docs\]\(https:\/\/example\.com\/a%28b%29 "T"\)/);
  assert.match(out, /\[429\]\(http-status-429\.md\)/);
  assert.match(out, /\[mail\]\(mailto:a@example\.com\)/);
  assert.match(out, /\[here\]\(#x\)/);
  assert.match(out, /\[chart\]\(https:\/\/example\.com\/c\.png\)/);
  assert.match(out, /\| a \| `b\\\|c` \|\n\| :--- \| ---: \|/);
  assert.match(out, /- one\n- two/);
  assert.match(out, /```js\nx = "<b>"\n```/);
});

test('hostile markdown: 160 KB of "[" (once 14 s of quadratic work) renders as the text it is', () => {
  const out = sanitizeGuidance('['.repeat(160_000), shippedCatalog());
  assert.equal(out, '\\['.repeat(160_000));
});

test('hostile markdown: deep nesting (quotes, lists, emphasis) renders without a stack overflow and stays safe', () => {
  for (const md of ['> '.repeat(5_000) + '[x](command:evil)', '- '.repeat(5_000) + '<img src=x>', '*a '.repeat(20_000) + '[x](command:y)', '['.repeat(5_000) + 'x](command:y)' + ')'.repeat(5_000)]) {
    assert.deepEqual(dangers(sanitizeGuidance(md, shippedCatalog())), []);
  }
});

const PIECES = [
  '[', ']', '(', ')', '<', '>', '!', '`', '``', '```', '~~~', '\\', '*', '_', '|', '"', "'", '&', '#', '&#99;', '&lt;', ':', ' ', '  ', '\n', '\n\n', '\t',
  '- ', '1. ', '> ', '    ', '[x]: ', '[x]', '[x][]', 'command:evil', 'COMMAND:x', 'file:///etc/passwd', 'data:text/html,x', 'javascript:alert(1)', 'vscode://a',
  'https://example.com/', 'www.example.com', 'a@b.c', '`<img src=x>`', 'mailto:a@b.c', 'topic:http-status-404', '<img src=x>', '<a href="command:x">', '</a>', '<!--', '-->', '<div>', 'word', '---', '===', '| - |',
];

test('hostile markdown: a seeded fuzzer over random Markdown finds nothing dangerous in the output', () => {
  const catalog = shippedCatalog();
  const seeds = Number(process.env.STYLEBOOK_FUZZ_SEEDS ?? 300);
  for (let seed = 1; seed <= seeds; seed++) {
    const next = seededRandom(seed);
    const parts: string[] = [];
    const n = 10 + Math.floor(next() * 70);
    for (let i = 0; i < n; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]);
    const md = parts.join('');
    const out = sanitizeGuidance(md, catalog);
    assert.deepEqual(dangers(out), [], `seed ${seed}: ${JSON.stringify(md)} → ${JSON.stringify(out)}`);
  }
});
