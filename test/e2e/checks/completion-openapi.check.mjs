// Completions in OpenAPI documents (issue 4): under responses: of a POST the
// list is ranked by the method, 201 first, and accepting it inserts the code
// quoted like its siblings with a description and a Location header.
import assert from 'node:assert/strict';
import { test, shot, waitUntil } from '../harness/index.mjs';

test("completion under responses: of a POST lists 201 first and inserts it with a description", async (ed) => {
  ed.resetFile('specs', 'completion.yaml');
  await ed.openWorkspace('specs');
  await ed.openFile('completion.yaml');
  // A new line at the indentation of the response codes, below '400'.
  await ed.clickToken('malformed.', { after: "'400'", atEnd: true });
  await ed.page.keyboard.press('End');
  await ed.page.keyboard.press('Enter');
  await ed.page.keyboard.press('Shift+Tab');
  const labels = await ed.complete({ expect: '201' });
  assert.deepEqual(labels.slice(0, 4), ['201', '202', '409', '422'], `suggestions: ${labels.join(', ')}`);
  assert.ok(!labels.includes('400'), 'a code already there is not offered');
  await shot('completion-status');
  await ed.page.keyboard.press('Enter');
  const text = await waitUntil(async () => {
    const t = await ed.visibleText();
    return t.includes("'201':") ? t : false;
  }, { timeoutMs: 10_000, message: "'201' to be inserted" });
  assert.match(text, /\n {8}'201':\n {10}description: Created\n {10}headers:\n {12}Location:/);
  // Leave the shared fixture as it was for a re-run.
  await ed.runCommand('File: Revert File');
});
