import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from './lspClient';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'custom-catalog');
let client: LspClient | undefined;
let dir: string | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Copies the fixture workspace to a temporary folder and starts a server on it. */
async function start(options: { trusted?: boolean; settings?: unknown } = {}): Promise<{ uri: (rel: string) => string; root: string }> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-ws-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  client = new LspClient();
  client.configuration = options.settings ?? null;
  const root = dir;
  const capabilities = { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } };
  await client.initialize(pathToFileURL(root).toString(), options.trusted === undefined ? undefined : { workspaceTrusted: options.trusted }, capabilities);
  return { root, uri: (rel) => pathToFileURL(path.join(root, rel)).toString() };
}

async function hover500(uri: (rel: string) => string, root: string): Promise<string> {
  const text = fs.readFileSync(path.join(root, 'openapi.yaml'), 'utf8');
  client!.open(uri('openapi.yaml'), 'yaml', text);
  const line = text.split('\n').findIndex((l) => l.includes("'500'"));
  const h = await client!.hover(uri('openapi.yaml'), line, 10);
  return h?.contents?.value ?? '';
}

test('a custom catalog loads: the team guide comes first in cards, a broken page is a diagnostic on that page', async () => {
  const { uri, root } = await start({ trusted: true });
  const diag = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('style/topics/broken.md'));
  assert.ok(diag.diagnostics.length >= 2);
  assert.ok(diag.diagnostics.every((d: any) => d.severity === 1 && d.source === 'stylebook'));
  assert.ok(diag.diagnostics.some((d: any) => /topic_id "Broken Page"/.test(d.message) && d.range.start.line === 1));
  const guide = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('style/acme-guide.yaml'));
  assert.equal(guide.diagnostics[0].range.start.line, 15);
  assert.match(guide.diagnostics[0].message, /unknown topic "http-status-999"/);
  // The other topics still hover, with the team's guide first (guideProfile) and the public guides after it.
  const card = await hover500(uri, root);
  assert.ok(card.indexOf('**ACME**') > 0 && card.indexOf('**ACME**') < card.indexOf('**Zalando**'), card);
  assert.ok(card.includes('](https://acme.example/api-guide/errors#server)'));
});

test('a bad .stylebook.yaml is a diagnostic with its line; fixing it on disk clears it (file watching)', async () => {
  const { uri, root } = await start({ trusted: true });
  fs.writeFileSync(path.join(root, '.stylebook.yaml'), 'naming:\n  pathCase: kebab\ncatalog:\n  paths: [style/topics]\n');
  client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.stylebook.yaml'), type: 2 }] });
  const bad = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('.stylebook.yaml') && p.diagnostics.length > 0);
  assert.equal(bad.diagnostics[0].range.start.line, 1);
  assert.match(bad.diagnostics[0].message, /"naming.pathCase" must be one of kebab-case, snake_case, camelCase, any, not "kebab"/);
  // The guide file is no longer configured: its problem is withdrawn.
  await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('style/acme-guide.yaml') && p.diagnostics.length === 0);
  fs.writeFileSync(path.join(root, '.stylebook.yaml'), 'naming:\n  pathCase: kebab-case\n');
  client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.stylebook.yaml'), type: 2 }] });
  await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('.stylebook.yaml') && p.diagnostics.length === 0);
});

test('a file uri naming another host in a didChangeWatchedFiles batch does not drop the rest of the batch', async () => {
  const { uri, root } = await start({ trusted: true });
  // The start-up reading of .stylebook.yaml is over (it loads the guide file) before the file changes.
  await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('style/acme-guide.yaml') && p.diagnostics.length > 0);
  await new Promise((r) => setTimeout(r, 300));
  fs.writeFileSync(path.join(root, '.stylebook.yaml'), 'naming:\n  pathCase: kebab\n');
  // fileURLToPath refuses a host on this platform; it once threw out of the handler with the whole batch.
  client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file://otherhost/share/.stylebook.yaml', type: 2 }, { uri: uri('.stylebook.yaml'), type: 2 }] });
  const bad = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('.stylebook.yaml') && p.diagnostics.length > 0);
  assert.match(bad.diagnostics[0].message, /"naming.pathCase" must be one of/);
});

test('in an untrusted workspace the catalog folders of .stylebook.yaml are not read, and the file says why', async () => {
  const { uri, root } = await start({ trusted: false });
  const warn = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('.stylebook.yaml') && p.diagnostics.length > 0);
  assert.equal(warn.diagnostics[0].severity, 2);
  assert.match(warn.diagnostics[0].message, /not trusted/);
  const card = await hover500(uri, root);
  assert.match(card, /500 Internal Server Error/);
  assert.ok(!card.includes('ACME'), 'no custom guide');
  // Granting trust loads them.
  client!.notify('stylebook/didGrantWorkspaceTrust', null);
  await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('style/topics/broken.md'));
  assert.ok((await hover500(uri, root)).includes('**ACME**'));
});

test('editor settings reach completions, and a settings change applies without a restart', async () => {
  const { uri } = await start({ trusted: true, settings: { pagination: { style: 'page', required: false } } });
  const text = 'openapi: 3.0.3\npaths:\n  /pets:\n    get:\n      parameters:\n        - in: query\n          name: \n';
  client!.open(uri('pets.yaml'), 'yaml', text);
  const labels = async () => {
    const list = await client!.request('textDocument/completion', { textDocument: { uri: uri('pets.yaml') }, position: { line: 6, character: 16 } });
    return [...list.items].sort((a: any, b: any) => a.sortText.localeCompare(b.sortText)).map((i: any) => i.label);
  };
  // The settings are pulled after `initialized`: wait until they apply.
  for (let i = 0; i < 50 && (await labels())[0] !== 'page'; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual((await labels()).slice(0, 2), ['page', 'page_size']);
  client!.configuration = { pagination: { style: 'cursor' } };
  client!.notify('workspace/didChangeConfiguration', { settings: null });
  for (let i = 0; i < 50 && (await labels())[0] !== 'cursor'; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual((await labels()).slice(0, 2), ['cursor', 'limit']);
});

test('editing an open .stylebook.yaml applies before saving, and its problems survive the document\'s own validation', async () => {
  const { uri } = await start({ trusted: true });
  await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('style/topics/broken.md'));
  const configUri = uri('.stylebook.yaml');
  client!.open(configUri, 'yaml', 'pagination:\n  style: page\n');
  client!.change(configUri, 'pagination:\n  style: pages\n', 2);
  const bad = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === configUri && p.diagnostics.some((d: any) => /pagination.style/.test(d.message)));
  assert.equal(bad.diagnostics[0].range.start.line, 1);
  // The catalog paths left the unsaved text, so the custom pages' problems are withdrawn.
  await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('style/topics/broken.md') && p.diagnostics.length === 0);
  // The document's own validation (published with its version) keeps the configuration's problem.
  const own = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === configUri && p.version === 2);
  assert.ok(own.diagnostics.some((d: any) => /pagination.style/.test(d.message)), JSON.stringify(own));
});

test('an edited catalog page reaches the topic page: the server says the catalog changed, and the page it then serves is the new one', async () => {
  const { uri, root } = await start({ trusted: true });
  const page = path.join(root, 'style/topics/acme-request-ids.md');
  const before = await client!.request('stylebook/topicPage', { id: 'acme-request-ids' });
  assert.match(before.markdown, /ACME services log it and return it/);
  client!.notifications.length = 0;
  fs.writeFileSync(page, fs.readFileSync(page, 'utf8').replace('ACME services log it and return it.', 'ACME gateways add one when it is missing.'));
  client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('style/topics/acme-request-ids.md'), type: 2 }] });
  await client!.waitFor('stylebook/catalogChanged');
  const after = await client!.request('stylebook/topicPage', { id: 'acme-request-ids' });
  assert.match(after.markdown, /ACME gateways add one when it is missing/);
  assert.doesNotMatch(after.markdown, /ACME services log it/);
});
