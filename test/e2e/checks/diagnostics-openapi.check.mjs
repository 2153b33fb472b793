// Diagnostics and quick fixes in OpenAPI documents (issue 4): an invalid
// status code is underlined, the quick fix is offered, and applying it
// changes the file on disk as expected.
import assert from 'node:assert/strict';
import { test, shot, waitUntil } from '../harness/index.mjs';

test("'600' under responses: is an error whose quick fix turns it into default", async (ed) => {
  ed.resetFile('specs', 'quick-fix.yaml');
  await ed.openWorkspace('specs');
  await ed.openFile('quick-fix.yaml');
  await waitUntil(async () => (await ed.squiggles('error')) > 0, { timeoutMs: 30_000, message: 'an error squiggle' });
  const hover = await ed.hover("'600'", { after: "'200'", expect: 'is not a valid response key' });
  assert.match(hover.text, /guides cover HTTP Statuses/);
  await ed.clickToken("'600'", { after: "'200'" });
  const actions = await ed.codeActions({ expect: 'Change "600" to default' });
  assert.ok(actions.some((a) => a.includes('Change "600" to default')), JSON.stringify(actions));
  await shot('quick-fix');
  const before = await import('node:fs').then((fs) => fs.readFileSync(ed.file('specs', 'quick-fix.yaml'), 'utf8'));
  await ed.applyCodeAction('Change "600" to default');
  const after = await ed.saveAndRead(ed.file('specs', 'quick-fix.yaml'), before);
  assert.equal(after, before.replace("'600':", "'default':"));
  await waitUntil(async () => (await ed.squiggles('error')) === 0, { timeoutMs: 15_000, message: 'the error squiggle to go' });
});
