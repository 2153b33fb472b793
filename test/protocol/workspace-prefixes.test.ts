import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

// Prefixes set in another file over stdio: the server reads the app file
// that mounts an open router, and a Spring module's application.properties,
// from disk; each decides which operation the open handler matches, so a
// status is flagged only because of it, and the finding goes when the
// properties file is deleted.

const FILES: Record<string, string> = {
  'app.js': `const express = require('express');\nconst app = express();\napp.use('/api', require('./routes/users'));\n`,
  'routes/users.js': `const router = require('express').Router();\nrouter.get('/users/:id', (req, res) => res.status(404).json({}));\nmodule.exports = router;\n`,
  'svc/src/main/java/org/example/OwnerController.java': `package org.example;\n@RestController\n@RequestMapping("/api/owners")\npublic class OwnerController {\n  @GetMapping("/{ownerId}")\n  public ResponseEntity<Owner> get(@PathVariable int ownerId) {\n    return ResponseEntity.notFound().build();\n  }\n}\n`,
  'svc/src/main/resources/application.properties': 'server.servlet.context-path=/petclinic\n',
  'openapi.yaml': [
    'openapi: 3.0.0', "info: { title: t, version: '1' }", 'paths:',
    '  /api/users/{id}:', '    get:', '      responses:', "        '200': { description: ok }",
    '  /admin/users/{id}:', '    get:', '      responses:', "        '404': { description: missing }",
    '  /petclinic/api/owners/{ownerId}:', '    get:', '      responses:', "        '200': { description: ok }",
    '  /vets/api/owners/{ownerId}:', '    get:', '      responses:', "        '404': { description: missing }", '',
  ].join('\n'),
};

const codes = (p: any) => (p.diagnostics as any[]).map((d) => d.code);
let dir: string;
let client: LspClient;
const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-prefixes-'));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  client = new LspClient();
  await client.initialize(pathToFileURL(dir).toString(), undefined, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
});
after(async () => {
  await client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a router mounted by the app file on disk is checked under the mount\'s path', async () => {
  client.open(uri('routes/users.js'), 'javascript', FILES['routes/users.js']);
  const flagged = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('routes/users.js') && codes(p).includes('code-status-undocumented'), 30000);
  assert.match(flagged.diagnostics.find((d: any) => d.code === 'code-status-undocumented').message, /404 Not Found, which openapi\.yaml does not document for GET \/api\/users\/\{id\}/);
});

test('a Spring controller is checked under the context path of its module\'s application.properties, as that file changes, goes and comes back', async () => {
  const name = 'svc/src/main/java/org/example/OwnerController.java';
  const props = 'svc/src/main/resources/application.properties';
  // The next publication of the controller's diagnostics, not one that came before.
  const next = (flagged: boolean) => {
    const before = new Set(client.notifications.map((n) => n.params));
    return client.waitFor('textDocument/publishDiagnostics', (p) => !before.has(p) && p.uri === uri(name) && codes(p).includes('code-status-undocumented') === flagged, 30000);
  };
  const flaggedNow = () => next(true);
  const quietNow = () => next(false);
  client.open(uri(name), 'java', FILES[name]);
  const flagged = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri(name) && codes(p).includes('code-status-undocumented'), 30000);
  assert.match(flagged.diagnostics.find((d: any) => d.code === 'code-status-undocumented').message, /for GET \/petclinic\/api\/owners\/\{ownerId\}/);
  // Another context path: the operation there documents 404.
  fs.writeFileSync(path.join(dir, props), 'server.servlet.context-path=/vets\n');
  let waiting = quietNow();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(props), type: 2 }] });
  await waiting;
  // Without the context path, the controller's path fits two operations: nothing is said.
  fs.rmSync(path.join(dir, props));
  waiting = quietNow();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(props), type: 3 }] });
  await waiting;
  fs.writeFileSync(path.join(dir, props), FILES[props]);
  waiting = flaggedNow();
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(props), type: 1 }] });
  await waiting;
});
