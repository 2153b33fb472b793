import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../server/src/service/languageService';
import { codeStatusNote, specStatusNote, statusNote, withNote } from '../../server/src/service/workspace/hover';
import { codeService, offsetOf } from './code-harness';

// The workspace's line in hovers, both ways: on a response code in a spec,
// which handler answers it; on a status in a handler, whether the spec
// documents it. Each test builds a tiny workspace of a spec and a handler.

const SPEC = `openapi: 3.0.3
info: { title: T, version: '1' }
servers:
  - url: https://example.com/api
paths:
  /users/{id}:
    get:
      responses:
        '200':
          description: OK
        '401':
          description: Unauthorized
        '404':
          description: Not Found
        '410':
          description: Gone
  /users:
    post:
      responses:
        '201':
          description: Created
        '409':
          description: Conflict
        '404':
          description: Missing
`;

// GET /users/{id} is fully understood (404, 200); POST /users awaits the database, so it is not.
const EXPRESS = `const express = require('express');
const app = express();
const router = express.Router();
router.get('/users/:id', (req, res) => {
  if (!req.params.id) return res.status(404).json({});
  res.status(200).json({ id: 1 });
});
router.post('/users', async (req, res) => {
  const user = await db.create(req.body);
  if (!user) return res.status(409).json({ error: 'taken' });
  res.status(201).json(user);
});
app.use('/api', router);
`;

const LANG: Record<string, string> = { js: 'javascript', yaml: 'yaml' };

/** A language service whose workspace model holds the given files (name → text). */
async function workspace(files: Record<string, string>): Promise<LanguageService> {
  const ls = await codeService();
  for (const [name, text] of Object.entries(files)) {
    ls.updateWorkspace(ls.prepare(TextDocument.create(`file:///ws/${name}`, LANG[name.split('.').pop()!], 1, text)));
  }
  return ls;
}

/** The spec-side line at the `|` of a needle in the workspace's file `name`. */
function specLine(ls: LanguageService, name: string, text: string, needle: string): string | undefined {
  const doc = ls.prepare(TextDocument.create(`file:///ws/${name}`, 'yaml', 1, text));
  return specStatusNote(doc, doc.textDocument.positionAt(offsetOf(text, needle)), ls.workspace);
}

/** The code-side line at the `|` of a needle in the workspace's file `name` (at the editor's `version`). */
function codeLine(ls: LanguageService, name: string, text: string, needle: string, version = 1): string | undefined {
  const td = TextDocument.create(`file:///ws/${name}`, 'javascript', version, text);
  return codeStatusNote(ls.workspace, td.uri, version, td.positionAt(offsetOf(text, needle)));
}

test('a response code in the spec names the file and line where its handler answers it', async () => {
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': EXPRESS });
  assert.equal(specLine(ls, 'openapi.yaml', SPEC, "'4|09':"), 'Answered by `app.js:10` (POST /users).');
  assert.equal(specLine(ls, 'openapi.yaml', SPEC, "'40|4':"), 'Answered by `app.js:5` (GET /users/\\{id\\}).');
});

test('a response code no fully understood handler answers says so; middleware statuses and a handler not understood stay silent', async () => {
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': EXPRESS });
  assert.equal(specLine(ls, 'openapi.yaml', SPEC, "'41|0':"), 'No handler in the workspace answers 410 for GET /users/\\{id\\}.');
  // 401 is a middleware's business; POST /users is not fully understood, so its missing 404 says nothing.
  assert.equal(specLine(ls, 'openapi.yaml', SPEC, "'40|1':"), undefined);
  assert.equal(specLine(ls, 'openapi.yaml', SPEC, "'40|4':\n          description: Missing"), undefined);
  // Not a response code: the description, the operation.
  assert.equal(specLine(ls, 'openapi.yaml', SPEC, 'description: G|one'), undefined);
  assert.equal(specLine(ls, 'openapi.yaml', SPEC, 'po|st:'), undefined);
});

test('the spec side is silent when the match is ambiguous, when there is no code, and for a spec the model does not hold', async () => {
  const ambiguous = await workspace({ 'openapi.yaml': SPEC, 'copy.yaml': SPEC, 'app.js': EXPRESS });
  assert.equal(specLine(ambiguous, 'openapi.yaml', SPEC, "'4|09':"), undefined);
  assert.equal(specLine(ambiguous, 'openapi.yaml', SPEC, "'41|0':"), undefined);
  const specOnly = await workspace({ 'openapi.yaml': SPEC });
  assert.equal(specLine(specOnly, 'openapi.yaml', SPEC, "'4|09':"), undefined);
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': EXPRESS });
  assert.equal(specLine(ls, 'other.yaml', SPEC, "'4|09':"), undefined);
});

test('a status in a handler says whether the spec documents it for the route\'s operation', async () => {
  const spec = SPEC.replace("        '409':\n          description: Conflict\n", '');
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS });
  assert.equal(codeLine(ls, 'app.js', EXPRESS, 'status(40|9)'), 'Not documented in `openapi.yaml` for POST /users.');
  assert.equal(codeLine(ls, 'app.js', EXPRESS, 'status(|404)'), 'Documented in `openapi.yaml` for GET /users/\\{id\\}.');
  // Answered on the main thread (no workers), the prepared document of the model gives the same line.
  const doc = ls.workspace.codeDocument('file:///ws/app.js')!;
  assert.equal(statusNote(doc, doc.textDocument.positionAt(offsetOf(EXPRESS, 'status(40|9)')), ls.workspace), 'Not documented in `openapi.yaml` for POST /users.');
  // Not on a status: the route declaration, the body.
  assert.equal(codeLine(ls, 'app.js', EXPRESS, "router.po|st('/users'"), undefined);
  assert.equal(codeLine(ls, 'app.js', EXPRESS, "error: 'ta|ken'"), undefined);
});

test('the code side is silent when the route matches more than one operation, or the model holds another version', async () => {
  const ambiguous = await workspace({ 'openapi.yaml': SPEC, 'copy.yaml': SPEC, 'app.js': EXPRESS });
  assert.equal(codeLine(ambiguous, 'app.js', EXPRESS, 'status(40|9)'), undefined);
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': EXPRESS });
  assert.equal(codeLine(ls, 'app.js', EXPRESS, 'status(40|9)', 2), undefined);
  const codeOnly = await workspace({ 'app.js': EXPRESS });
  assert.equal(codeLine(codeOnly, 'app.js', EXPRESS, 'status(40|9)'), undefined);
});

test('the line is appended to the card as a paragraph of its own', () => {
  const card = { contents: { kind: 'markdown' as const, value: '**409 Conflict**' } };
  assert.deepEqual(withNote(card, 'Documented.'), { contents: { kind: 'markdown', value: '**409 Conflict**\n\nDocumented.' } });
  assert.equal(withNote(card, undefined), card);
  assert.equal(withNote(null, 'Documented.'), null);
});
