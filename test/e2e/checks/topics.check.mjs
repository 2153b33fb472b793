// The catalog in the editor: Search Topics, topic pages in the Markdown
// preview, and the hover's "Open the topic page" link landing on the same page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { REPO, previewText, test, shot, topic, waitUntil } from '../harness/index.mjs';

const QUICK_INPUT = '.quick-input-widget';

test('Stylebook: Search Topics finds "pagination" and opens its page', async (ed) => {
  const page = ed.page;
  await ed.openWorkspace('specs');
  await ed.openFile('petstore-3.0.yaml');
  await ed.runCommand('Stylebook: Search Topics');
  // The palette's input is the same widget: type only once our picker (its title, its topic rows) has replaced it.
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Stylebook: Search Topics' }).waitFor({ timeout: 15_000 });
  // The full list (rows in name order, virtualised) shows once the server has sent the index.
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: '200 OK' }).first().waitFor({ timeout: 15_000 });
  const input = page.locator(`${QUICK_INPUT} input`);
  const firstRow = () => page.locator(`${QUICK_INPUT} .monaco-list-row`).first().innerText();
  // "paging" is not in the topic's name: the row comes from the synonym table and the guides' section names.
  await input.pressSequentially('paging', { delay: 30 });
  await waitUntil(async () => /^Pagination/.test(await firstRow()), { message: 'Pagination as the first row for "paging"' })
    .catch(async (e) => assert.fail(`${e.message}; first row: ${await firstRow()}`));
  await input.fill('');
  await input.pressSequentially('pagination', { delay: 30 });
  await waitUntil(async () => /^Pagination/.test(await firstRow()), { message: 'Pagination as the first row for "pagination"' });
  await shot('topic-search');
  await page.keyboard.press('Enter');

  const { text } = await previewText(page, 'What the guides say');
  assert.match(text, /Pagination/);
  assert.match(text, /Collection Resources/);
  const pagination = topic('collection-pagination');
  for (const company of pagination.companies) assert.ok(text.includes(company), `the page names ${company}`);
  assert.match(text, /Related topics/);
  await shot('topic-page');
});

test('a link between topic pages opens the other page in the preview', async (ed) => {
  const page = ed.page;
  const { frame } = await previewText(page, 'What the guides say');
  await frame.locator('a', { hasText: 'Sorting a collection' }).first().click();
  // The id line under the heading is only on the sorting page itself (the pagination page links to it by name).
  const { text } = await previewText(page, 'collection-sorting');
  assert.match(text, /^Sorting a collection/);
  assert.match(text, /What the guides say/);
});

test('the hover\'s "Open the topic page" link opens the same page as Show Topic at Cursor', async (ed) => {
  const page = ed.page;
  await ed.openWorkspace('specs');
  await ed.openFile('petstore-3.0.yaml');
  await ed.hover("'500'", { after: 'responses:', expect: '500 Internal Server Error' });
  await page.locator('.monaco-hover:not(.hidden) a', { hasText: 'Open the topic page' }).first().click();
  const viaHover = await previewText(page, 'defined in RFC 9110, section 15.6.1');
  assert.match(viaHover.text, /500 Internal Server Error/);
  assert.match(viaHover.text, /What the guides say/);

  await ed.closeAllEditors();
  await ed.openFile('petstore-3.0.yaml');
  await ed.clickToken("'500'", { after: 'responses:' });
  await ed.runCommand('Stylebook: Show Topic at Cursor');
  const viaCommand = await previewText(page, 'defined in RFC 9110, section 15.6.1');
  assert.equal(viaCommand.text.split('What the guides say')[1], viaHover.text.split('What the guides say')[1]);
});

test('Browse by Guideline lists a guide with its topic count, then its topics, and opens the chosen page', async (ed) => {
  const page = ed.page;
  await ed.closeAllEditors();
  await ed.openFile('petstore-3.0.yaml');
  await ed.runCommand('Stylebook: Browse by Guideline');
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Stylebook: Browse by Guideline' }).waitFor({ timeout: 15_000 });
  // The guides come in company order, a virtualised list: the first row is rendered, Zalando's only once filtered.
  const firstRow = () => page.locator(`${QUICK_INPUT} .monaco-list-row`).first().innerText();
  await waitUntil(async () => /^adidas — adidas API design guidelines/.test(await firstRow()), { timeoutMs: 15_000, message: 'the guides, adidas first' });
  assert.match(await firstRow(), /\d+ topics/);
  // Zalando's guide covers http-status-500 (one of the seed's five guides), so its topic list must offer that page.
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.pressSequentially('Zalando', { delay: 30 });
  await waitUntil(async () => /^Zalando — RESTFul API Guidelines\s*\d+ topics/.test(await firstRow()), { message: 'Zalando as the first guide, with its topic count' })
    .catch(async (e) => assert.fail(`${e.message}; first row: ${JSON.stringify(await firstRow())}`));
  await page.keyboard.press('Enter');
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: /Zalando — RESTFul API Guidelines \(\d+ topics\)/ }).waitFor({ timeout: 15_000 });
  await input.pressSequentially('500 Internal', { delay: 30 });
  await waitUntil(async () => /^500 Internal Server Error/.test(await firstRow()), { message: '500 as the first topic of the guide' });
  await page.keyboard.press('Enter');
  const { text } = await previewText(page, 'defined in RFC 9110, section 15.6.1');
  assert.match(text, /Zalando/);
});

/** The names of the shipped topics in `category`, read from the catalog's front matter. */
function topicNamesIn(category) {
  const dir = path.join(REPO, 'catalog/topics');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.md'))
    .map((f) => matter(fs.readFileSync(path.join(dir, f), 'utf8')).data)
    .filter((d) => d.topic_category === category).map((d) => d.topic_name);
}

test('Browse by Category lists a category with its topic count, then its topics, and opens the chosen page', async (ed) => {
  const page = ed.page;
  await ed.closeAllEditors();
  await ed.openFile('petstore-3.0.yaml');
  await ed.runCommand('Stylebook: Browse by Category');
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Stylebook: Browse by Category' }).waitFor({ timeout: 15_000 });
  const rows = () => page.locator(`${QUICK_INPUT} .monaco-list-row`).allInnerTexts();
  const firstRow = () => page.locator(`${QUICK_INPUT} .monaco-list-row`).first().innerText();
  // Every category of the catalog is a row with its count (the list is virtualised: check those rendered).
  await waitUntil(async () => (await rows()).length > 3, { timeoutMs: 15_000, message: 'the categories' });
  for (const row of await rows()) assert.match(row, /\d+ topics?$/m, `a category row with its count: ${JSON.stringify(row)}`);
  const names = topicNamesIn('Collection Resources');
  assert.ok(names.length > 1, 'the catalog has a Collection Resources category');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.pressSequentially('Collection Resources', { delay: 30 });
  await waitUntil(async () => new RegExp(`^Collection Resources\\s*${names.length} topics`).test(await firstRow()), { message: `Collection Resources with ${names.length} topics` })
    .catch(async (e) => assert.fail(`${e.message}; first row: ${JSON.stringify(await firstRow())}`));
  await page.keyboard.press('Enter');
  // The second step lists exactly the category's topics, by name.
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: `Collection Resources (${names.length} topics)` }).waitFor({ timeout: 15_000 });
  await waitUntil(async () => (await rows()).length === names.length, { message: `${names.length} topic rows` })
    .catch(async (e) => assert.fail(`${e.message}; rows: ${JSON.stringify(await rows())}`));
  const shown = await rows();
  for (const name of names) assert.ok(shown.some((r) => r.startsWith(name)), `${name} among ${JSON.stringify(shown)}`);
  await input.pressSequentially('Pagination', { delay: 30 });
  await waitUntil(async () => /^Pagination/.test(await firstRow()), { message: 'Pagination as the first topic of the category' });
  await page.keyboard.press('Enter');
  // The id line under the heading is only on the pagination page itself (an earlier check's page may still be open).
  const { text } = await previewText(page, 'Collection Resources · collection-pagination');
  assert.match(text, /^Pagination/);
  assert.match(text, /What the guides say/);
});
