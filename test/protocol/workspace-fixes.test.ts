import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, ROOT } from './lspClient';

// The quick fix of a route no spec describes, over stdio: the server flags
// the route in the open handler file, offers to add the operation to the
// spec on disk (sorted among its paths, the server base taken off, errors in
// the spec's error body), and the finding goes once the editor has applied
// the edit to the spec.

const DIR = path.join(ROOT, 'test', 'fixtures', 'workspace', 'express-fixes');
const CODE_URI = pathToFileURL(path.join(DIR, 'app.js')).toString();
const SPEC_URI = pathToFileURL(path.join(DIR, 'openapi.yaml')).toString();
const CODE = fs.readFileSync(path.join(DIR, 'app.js'), 'utf8');
const SPEC = fs.readFileSync(path.join(DIR, 'openapi.yaml'), 'utf8');

const codes = (p: any) => (p.diagnostics as any[]).map((d) => d.code);

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize(pathToFileURL(DIR).toString());
});
after(async () => { await client.close(); });

test('an undocumented route is fixed by adding its operation to the spec, and the finding goes', async () => {
  client.open(CODE_URI, 'javascript', CODE);
  const flagged = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === CODE_URI && codes(p).includes('code-route-undocumented'));
  const d = flagged.diagnostics.find((x: any) => x.code === 'code-route-undocumented');
  assert.match(d.message, /^POST \/v1\/orders\/:id\/cancel has no operation in openapi\.yaml/);

  const actions: any[] = await client.request('textDocument/codeAction', {
    textDocument: { uri: CODE_URI }, range: d.range, context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.title.startsWith('Add the operation'));
  assert.ok(fix, actions.map((a) => a.title).join('; '));
  assert.equal(fix.title, "Add the operation POST /orders/{id}/cancel to openapi.yaml (with the spec's error shape: Problem)");
  assert.deepEqual(Object.keys(fix.edit.changes), [SPEC_URI], 'the fix edits the spec and nothing else');
  const fixed = TextDocument.applyEdits(TextDocument.create(SPEC_URI, 'yaml', 1, SPEC), fix.edit.changes[SPEC_URI]);
  const added = `  /orders/{id}/cancel:
    post:
      operationId: cancelOrder
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '202':
          description: Accepted
        '404':
          description: Not Found
          content:
            application/problem+json:
              schema:
                $ref: '#/components/schemas/Problem'
        '409':
          description: Conflict
          content:
            application/problem+json:
              schema:
                $ref: '#/components/schemas/Problem'
`;
  // After the last path (the paths are sorted, and it sorts last), before the components; the rest as it was.
  const at = SPEC.indexOf('components:');
  assert.equal(fixed, SPEC.slice(0, at) + added + SPEC.slice(at));

  client.open(SPEC_URI, 'yaml', SPEC, 1);
  client.change(SPEC_URI, fixed, 2);
  await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === CODE_URI && p.version === 1 && !codes(p).includes('code-route-undocumented'));
});
