// Team configuration and custom catalogs (issue 4): .stylebook.yaml names a
// folder of topic pages and a guideline file; the team's guide comes first
// in cards, and a corrupt page is reported on that page while every other
// topic still hovers.
import assert from 'node:assert/strict';
import { test, topic, waitUntil } from '../harness/index.mjs';

test('a corrupt custom catalog page is reported and the other topics still hover, the team guide first', async (ed) => {
  await ed.openWorkspace('custom-catalog');
  await ed.openFile('openapi.yaml');
  const hover = await ed.hover("'500'", { after: 'responses:', expect: 'ACME' });
  assert.match(hover.text, /500 Internal Server Error/);
  const hrefs = hover.links.map((l) => l.href);
  assert.ok(hrefs.includes('https://acme.example/api-guide/errors#server'), JSON.stringify(hrefs));
  for (const url of topic('http-status-500').sectionUrls) assert.ok(hrefs.includes(url), `the public guides are still there: ${url}`);
  assert.ok(hover.text.indexOf('ACME') < hover.text.indexOf('Zalando'), 'guideProfile puts the team guide first');
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
