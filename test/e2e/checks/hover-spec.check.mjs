// Hover cards in OpenAPI documents (the foundation): a status code under
// `responses:` shows its topic's card with a link to each guide's section.
import assert from 'node:assert/strict';
import { test, topic, shot } from '../harness/index.mjs';

const status500 = topic('http-status-500');

function assertCard(hover) {
  assert.match(hover.text, /500 Internal Server Error/);
  for (const company of status500.companies) assert.ok(hover.text.includes(company), `card names ${company}:\n${hover.text}`);
  const hrefs = hover.links.map((l) => l.href);
  for (const url of status500.sectionUrls) assert.ok(hrefs.includes(url), `card links ${url}; links: ${JSON.stringify(hrefs, null, 1)}`);
}

test("hovering '500' under responses: in an OpenAPI 3.0 YAML file shows the 500 card", async (ed) => {
  assert.deepEqual([...status500.companies].sort(), ['Cloud Foundry', 'Haufe', 'Heroku', 'White House', 'Zalando']);
  await ed.openWorkspace('specs');
  await ed.openFile('petstore-3.0.yaml');
  const hover = await ed.hover("'500'", { after: 'responses:', expect: '500 Internal Server Error' });
  assertCard(hover);
  await shot('hover-spec');
});

test('hovering "500" in an OpenAPI 3.1 JSON file shows the 500 card', async (ed) => {
  await ed.openWorkspace('specs');
  await ed.openFile('petstore-3.1.json');
  assertCard(await ed.hover('"500"', { after: '"responses"', expect: '500 Internal Server Error' }));
});

test('hovering 500 in a YAML file that is not an OpenAPI document shows no card', async (ed) => {
  await ed.openWorkspace('specs');
  // Control: the server answers hovers, so a missing card below means "no card", not "not ready yet".
  await ed.openFile('petstore-3.0.yaml');
  await ed.hover("'500'", { after: 'responses:', expect: '500 Internal Server Error' });
  await ed.openFile('docker-compose.yml');
  const seen = await ed.hoverShowsNothing("'500'", { after: 'x-responses:', unexpected: 'Internal Server Error' });
  assert.equal(seen.appeared, false, `no Stylebook card expected, saw:\n${seen.text}`);
});
