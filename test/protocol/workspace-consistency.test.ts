import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, positionOf, ROOT } from './lspClient';

// The workspace model over stdio: the server reads the workspace's spec from
// disk in the background, flags a status the open handler answers that the
// spec does not document, offers a quick fix that edits the spec file, and
// drops the finding once the spec documents the status.

const DIR = path.join(ROOT, 'test', 'fixtures', 'workspace', 'express');
const CODE_URI = pathToFileURL(path.join(DIR, 'app.js')).toString();
const SPEC_URI = pathToFileURL(path.join(DIR, 'openapi.yaml')).toString();
const CODE = fs.readFileSync(path.join(DIR, 'app.js'), 'utf8');
const SPEC = fs.readFileSync(path.join(DIR, 'openapi.yaml'), 'utf8');

const codes = (p: any) => (p.diagnostics as any[]).map((d) => d.code);
/** The hover's Markdown at the first occurrence of a needle (one character in). */
async function hoverAt(uri: string, text: string, needle: string): Promise<string> {
  const { line, character } = positionOf(text, needle);
  return (await client.hover(uri, line, character))?.contents?.value ?? '';
}

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(DIR).toString(), undefined, { window: { workDoneProgress: true } });
});
after(async () => { await client.close(); });

test('an undocumented status in an open handler is flagged from the spec on disk, fixed in the spec, and then gone', async () => {
  client.open(CODE_URI, 'javascript', CODE);
  const flagged = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === CODE_URI && codes(p).includes('code-status-undocumented'));
  const d = flagged.diagnostics.find((x: any) => x.code === 'code-status-undocumented');
  assert.match(d.message, /answers 409 Conflict, which openapi\.yaml does not document for POST \/users/);
  assert.equal(CODE.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), '409');
  assert.ok(d.codeDescription?.href, 'the finding links to a guide');
  // The status's card (answered by a worker) gets the workspace's line.
  const card = await hoverAt(CODE_URI, CODE, '409');
  assert.match(card, /409 Conflict/);
  assert.match(card, /\n\nNot documented in `openapi\.yaml` for POST \/users\.$/);

  const actions: any[] = await client.request('textDocument/codeAction', {
    textDocument: { uri: CODE_URI }, range: d.range, context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => /^Document 409 for POST \/users in openapi\.yaml/.test(a.title));
  assert.ok(fix, actions.map((a) => a.title).join('; '));
  const edits = fix.edit.changes[SPEC_URI];
  assert.ok(edits?.length, 'the fix edits the spec file');
  const fixed = TextDocument.applyEdits(TextDocument.create(SPEC_URI, 'yaml', 1, SPEC), edits);
  assert.match(fixed, /'201':\n {10}description: Created\n {8}'409':\n {10}description: Conflict\n/);

  // The editor applies the edit to the spec (opened, changed): the handler's finding goes.
  client.open(SPEC_URI, 'yaml', SPEC, 1);
  client.change(SPEC_URI, fixed, 2);
  await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === CODE_URI && !codes(p).includes('code-status-undocumented') && p.version === 1);
  // The spec's new response code names where the handler answers it.
  assert.match(await hoverAt(SPEC_URI, fixed, "'409'"), /\n\nAnswered by `app\.js:12` \(POST \/users\)\.$/);
});

test('the spec shows a documented status that the fully understood handler never answers', async () => {
  const spec = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === SPEC_URI && codes(p).includes('spec-status-unanswered'));
  const unanswered = spec.diagnostics.filter((x: any) => x.code === 'spec-status-unanswered');
  assert.equal(unanswered.length, 1);
  assert.match(unanswered[0].message, /No handler answers 410 Gone for GET \/users\/\{id\}/);
  // The edit above was below GET /users/{id}, so its '410' sits where it did on disk.
  const card = await hoverAt(SPEC_URI, SPEC, "'410'");
  assert.match(card, /410 Gone/);
  assert.match(card, /\n\nNo handler in the workspace answers 410 for GET \/users\/\\\{id\\\}\.$/);
});
