import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, positionOf, ROOT } from './lspClient';
import { TopicAtRequest } from '../../server/src/protocol';

// A hover on a throw whose status another file decides, over stdio: the
// controller alone says nothing there (its worker answers no card), the
// workspace model resolved the exception class's @ResponseStatus, and the
// card comes with the workspace's line about the spec.

const DIR = path.join(ROOT, 'test', 'fixtures', 'workspace', 'spring-generated');
const CODE_PATH = path.join(DIR, 'src', 'main', 'java', 'org', 'petclinic', 'rest', 'OwnerRestController.java');
const CODE_URI = pathToFileURL(CODE_PATH).toString();
const CODE = fs.readFileSync(CODE_PATH, 'utf8');

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(DIR).toString(), undefined, { window: { workDoneProgress: true } });
});
after(async () => { await client.close(); });

/** The hover's Markdown at the first occurrence of a needle (one character in, as positionOf puts it). */
async function hoverAt(needle: string): Promise<string> {
  const { line, character } = positionOf(CODE, needle);
  return (await client.hover(CODE_URI, line, character))?.contents?.value ?? '';
}

test('a throw of an exception class of another file gets its status card and the spec line', async () => {
  client.open(CODE_URI, 'java', CODE);
  // The model has read the workspace and resolved the other files' classes once this finding is out (OwnerHasPets is 409).
  await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === CODE_URI && p.diagnostics.some((d: any) => d.code === 'code-status-undocumented'));
  const found = await hoverAt('OwnerNotFound()');
  assert.match(found, /\*\*404 Not Found\*\*/);
  assert.match(found, /\*Set in another file\*: `OwnerNotFound` answers 404 \(declared in `OwnerNotFound\.java`\)\./);
  assert.match(found, /\n\nDocumented in `openapi\.yml` for GET \/owners\/\\\{ownerId\\\}\.$/);
  // Show Topic at Cursor opens the page that card links to.
  assert.deepEqual(await client.request(TopicAtRequest.method, { textDocument: { uri: CODE_URI }, position: positionOf(CODE, 'OwnerNotFound()') }), { topicId: 'http-status-404' });
  const pets = await hoverAt('OwnerHasPets()');
  assert.match(pets, /\*\*409 Conflict\*\*/);
  assert.match(pets, /\n\nNot documented in `openapi\.yml` for DELETE \/owners\/\\\{ownerId\\\}\.$/);
  // Beside the throw, the file alone and the model both say nothing.
  const { line } = positionOf(CODE, 'if (ownerId < 0)');
  assert.equal(await client.hover(CODE_URI, line, 0), null);
});
