// Team configuration and custom catalogs (issue 4): .stylebook.yaml names a
// folder of topic pages and a guideline file; the team's guide comes first
// in cards, and a corrupt page is reported on that page while every other
// topic still hovers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { previewText, test, topic, waitUntil } from '../harness/index.mjs';

test('a corrupt custom catalog page is reported and the other topics still hover, the team guide first', async (ed) => {
  await ed.openWorkspace('custom-catalog');
  await ed.openFile('openapi.yaml');
  const hover = await ed.hover("'500'", { after: 'responses:', expect: 'ACME' });
  assert.match(hover.text, /500 Internal Server Error/);
  const hrefs = hover.links.map((l) => l.href);
  assert.ok(hrefs.includes('https://acme.example/api-guide/errors#server'), JSON.stringify(hrefs));
  for (const url of topic('http-status-500').sectionUrls) assert.ok(hrefs.includes(url), `the public guides are still there: ${url}`);
  // In the list of guides (the line on where the guides differ, above it, names public guides only).
  const list = hover.text.slice(hover.text.indexOf('What the guides say'));
  assert.ok(list.indexOf('ACME') >= 0 && list.indexOf('ACME') < list.indexOf('Zalando'), `guideProfile puts the team guide first:\n${list}`);
  await ed.dismissWidgets();
  // The broken page is a problem on that file, in the Problems view.
  await ed.runCommand('View: Focus Problems (Errors, Warnings, Infos)', { optional: true });
  const panel = ed.page.locator('.markers-panel');
  let seen = '';
  const text = await waitUntil(async () => {
    seen = (await panel.allInnerTexts().catch(() => [])).join('\n');
    return seen.includes('broken.md') && seen.includes('Broken Page') ? seen : false;
  }, { timeoutMs: 20_000, message: 'the broken page in the Problems view' }).catch((e) => {
    throw new Error(`${e.message}; the Problems view showed:\n${seen}`);
  });
  assert.match(text, /topic_id "Broken Page" must be lower-case letters, digits and hyphens/);
  assert.match(text, /missing required key "topic_description"/);
  // (The guideline file's warning is listed below these rows; the protocol test checks it.)
});

test('an open topic page follows an edit of its catalog page on disk', async (ed) => {
  const page = ed.page;
  const rel = 'style/topics/acme-request-ids.md';
  await ed.openWorkspace('custom-catalog');
  await ed.openFile('openapi.yaml');
  await ed.runCommand('Stylebook: Search Topics');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Stylebook: Search Topics' }).waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-widget input').pressSequentially('Request identifiers', { delay: 30 });
  const firstRow = () => page.locator('.quick-input-widget .monaco-list-row').first().innerText();
  await waitUntil(async () => /^Request identifiers/.test(await firstRow()), { message: 'the team topic as the first row' });
  await page.keyboard.press('Enter');
  await previewText(page, 'ACME services log it and return it');
  // Another tool (or a git pull) changes the page on disk: VS Code's file watcher tells the server,
  // which rebuilds the catalog and says so; the preview fetches the page again.
  const file = ed.file('custom-catalog', rel);
  try {
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('ACME services log it and return it.', 'ACME gateways add one when it is missing.'));
    const { text } = await previewText(page, 'ACME gateways add one when it is missing', 30_000);
    assert.doesNotMatch(text, /ACME services log it/);
  } finally {
    ed.resetFile('custom-catalog', rel);
  }
});
