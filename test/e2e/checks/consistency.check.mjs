// Code and spec agree (issue 16): in a workspace with a spec and an Express
// handler, the handler's 409 that the spec does not document is flagged, its
// quick fix adds the response to the spec file, and the warning goes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test, shot, waitUntil } from '../harness/index.mjs';

test("a handler's undocumented 409 is flagged; the quick fix documents it in the spec and the warning goes", async (ed) => {
  ed.resetFile('consistency', 'openapi.yaml');
  const spec = ed.file('consistency', 'openapi.yaml');
  const before = fs.readFileSync(spec, 'utf8');
  await ed.openWorkspace('consistency');
  await ed.openFile('app.js');
  // The server reads the workspace's spec in the background, then flags the handler.
  await waitUntil(async () => (await ed.squiggles('warning')) > 0, { timeoutMs: 60_000, message: 'a warning squiggle on the 409' });
  const hover = await ed.hover('409', { after: "router.post('/users'", expect: 'does not document' });
  assert.match(hover.text, /answers 409 Conflict, which openapi\.yaml does not document for POST \/users/);
  await ed.clickToken('409', { after: "router.post('/users'" });
  const actions = await ed.codeActions({ expect: 'Document 409 for POST /users in openapi.yaml' });
  assert.ok(actions.some((a) => a.startsWith('Document 409 for POST /users in openapi.yaml')), JSON.stringify(actions));
  await shot('consistency-fix');
  await ed.applyCodeAction('Document 409 for POST /users in openapi.yaml');
  // The handler's warning goes once the model has the edited spec (VS Code opened it in a tab, unsaved).
  await waitUntil(async () => (await ed.squiggles('warning')) === 0, { timeoutMs: 30_000, message: 'the warning on the 409 to go' });
  // The fix edited only the spec, in its own style: saved, the file has the new response and nothing else changed.
  await ed.openFile('openapi.yaml');
  const after = await ed.saveAndRead(spec, before);
  assert.equal(after, before.replace("          description: Created\n", "          description: Created\n        '409':\n          description: Conflict\n"));
  assert.equal(fs.readFileSync(ed.file('consistency', 'app.js'), 'utf8'), fs.readFileSync(new URL('../workspaces/consistency/app.js', import.meta.url), 'utf8'));
});
