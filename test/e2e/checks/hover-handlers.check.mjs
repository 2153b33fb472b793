// Hover cards in route-handler code (issue 5): a status set in an Express or
// FastAPI handler shows its card; the 500 of setTimeout(fn, 500) shows none.
import assert from 'node:assert/strict';
import { test, topic, shot } from '../harness/index.mjs';

const status404 = topic('http-status-404');

test('hovering 404 in res.status(404) of an Express handler shows the 404 card', async (ed) => {
  await ed.openWorkspace('handlers');
  await ed.openFile('app.js');
  const hover = await ed.hover('404', { after: "app.get('/pets/:id'", expect: '404 Not Found' });
  assert.match(hover.text, /Set here by Express: res\.status/);
  const hrefs = hover.links.map((l) => l.href);
  for (const url of status404.sectionUrls) assert.ok(hrefs.includes(url), `card links ${url}`);
  await shot('hover-handler');
});

test('hovering 500 in setTimeout(fn, 500) shows no card', async (ed) => {
  await ed.openWorkspace('handlers');
  await ed.openFile('app.js');
  // Control: the server answers hovers in this file.
  await ed.hover('201', { after: "app.post('/pets'", expect: '201 Created' });
  const seen = await ed.hoverShowsNothing('500', { after: 'Retry the write after', unexpected: 'Internal Server Error' });
  assert.equal(seen.appeared, false, `no Stylebook card expected, saw:\n${seen.text}`);
});

test('hovering 404 in HTTPException(status_code=404) of a FastAPI handler shows the 404 card', async (ed) => {
  await ed.openWorkspace('handlers');
  await ed.openFile('main.py');
  const hover = await ed.hover('404', { after: 'if pet_id not in pets', expect: '404 Not Found' });
  assert.match(hover.text, /Set here by FastAPI/);
});
