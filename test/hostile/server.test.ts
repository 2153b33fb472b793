import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from '../protocol/lspClient';
import { aliasBombPage, emptyGuidelinesPage, makeFifo, manyProblemsPage, manyWarningsSpec, deepBlockSpec, tempDir } from './inputs';
import { DEFAULT_MAX_PROBLEMS_PER_FILE } from '../../server/src/service/problemCap';

// Promise: whatever a workspace holds, the server initializes and keeps
// answering hovers with the shipped catalog; each hostile file is a
// diagnostic on that file (or on .stylebook.yaml), never a crash or a hang.

let client: LspClient | undefined;
let cleanup: (() => void) | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  cleanup?.();
  cleanup = undefined;
});

const SPEC = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /things:\n    get:\n      responses:\n        '500':\n          description: oops\n";

async function start(build: (dir: string) => void, trusted = true, settings?: unknown): Promise<{ uri: (rel: string) => string }> {
  const { dir, remove } = tempDir('server');
  cleanup = remove;
  build(dir);
  fs.writeFileSync(path.join(dir, 'openapi.yaml'), SPEC);
  client = new LspClient();
  client.configuration = settings ?? null;
  const capabilities = { workspace: { configuration: settings !== undefined, didChangeWatchedFiles: { dynamicRegistration: true } } };
  const init = await client.initialize(pathToFileURL(dir).toString(), { workspaceTrusted: trusted }, capabilities);
  assert.ok(init.capabilities.hoverProvider, 'initialize answered');
  return { uri: (rel) => pathToFileURL(path.join(dir, rel)).toString() };
}

async function hover500(uri: (rel: string) => string): Promise<string> {
  client!.open(uri('openapi.yaml'), 'yaml', SPEC);
  const line = SPEC.split('\n').findIndex((l) => l.includes("'500'"));
  return (await client!.hover(uri('openapi.yaml'), line, 10))?.contents?.value ?? '';
}

test('hostile (server): an alias bomb, 32,000 empty guidelines, a page of many problems, /dev/zero and FIFO pages: initialize succeeds, hovers answer, each page gets its diagnostic', async () => {
  const { uri } = await start((dir) => {
    fs.mkdirSync(path.join(dir, 'cat'));
    fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'catalog:\n  paths: [cat, /, ../../..]\n');
    fs.writeFileSync(path.join(dir, 'cat', 'bomb.md'), aliasBombPage());
    fs.writeFileSync(path.join(dir, 'cat', 'empty.md'), emptyGuidelinesPage());
    fs.writeFileSync(path.join(dir, 'cat', 'many.md'), manyProblemsPage());
    fs.symlinkSync('/dev/zero', path.join(dir, 'cat', 'zero.md'));
    makeFifo(path.join(dir, 'cat', 'fifo.md'));
  });
  const diagnosticsOf = (rel: string) => client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri(rel), 30_000);
  const [bomb, empty, many, zero, fifo, config] = await Promise.all(['cat/bomb.md', 'cat/empty.md', 'cat/many.md', 'cat/zero.md', 'cat/fifo.md', '.stylebook.yaml'].map(diagnosticsOf));
  assert.match(bomb.diagnostics[0].message, /YAML aliases/);
  assert.match(empty.diagnostics[0].message, /32000 entries/);
  assert.equal(many.diagnostics.length, 101);
  assert.match(zero.diagnostics[0].message, /\/dev\/zero/);
  assert.match(fifo.diagnostics[0].message, /FIFO/);
  assert.equal(config.diagnostics.length, 2);
  for (const d of config.diagnostics) assert.match(d.message, /lies outside the workspace.*stylebook\.catalog\.allowedFolders in your user settings/);
  assert.match(await hover500(uri), /500 Internal Server Error/);
});

test('hostile (server): .stylebook.yaml linked to /proc/self/pagemap in an untrusted workspace: refused with a diagnostic, hovers answer', async () => {
  const { uri } = await start((dir) => fs.symlinkSync('/proc/self/pagemap', path.join(dir, '.stylebook.yaml')), false);
  const config = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('.stylebook.yaml'), 30_000);
  assert.match(config.diagnostics[0].message, /kernel file system/);
  assert.match(await hover500(uri), /500 Internal Server Error/);
});

test('hostile (server): a catalog folder outside the workspace loads once the user\'s own settings allow it', async () => {
  const team = tempDir('team');
  const previous = cleanup;
  try {
    fs.writeFileSync(path.join(team.dir, 'team.yaml'), "id: team-guide\ntitle: 'Team Guide'\nurl: 'https://team.example/'\ncompany: 'TeamCo'\ntopics:\n  http-status-500: [{name: Errors, url: 'https://team.example/errors'}]\n");
    const { uri } = await start((dir) => fs.writeFileSync(path.join(dir, '.stylebook.yaml'), `catalog:\n  paths: [${JSON.stringify(team.dir)}]\n`), true,
      { catalog: { allowedFolders: [team.dir] } });
    // The settings are pulled after initialize (the path is refused until then); the catalog is then rebuilt with the team's guide.
    await client!.waitFor('stylebook/catalogChanged', () => true, 30_000);
    await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('.stylebook.yaml') && p.diagnostics.length === 0, 30_000);
    assert.match(await hover500(uri), /TeamCo/);
  } finally {
    team.remove();
    cleanup = previous;
  }
});

test('hostile (server): a document with thousands of problems publishes at most the cap, then one diagnostic saying how many more', async () => {
  const { uri } = await start(() => undefined);
  const n = DEFAULT_MAX_PROBLEMS_PER_FILE + 500;
  client!.open(uri('many.yaml'), 'yaml', manyWarningsSpec(n));
  const published = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('many.yaml') && p.diagnostics.length > 0, 60_000);
  assert.equal(published.diagnostics.length, DEFAULT_MAX_PROBLEMS_PER_FILE + 1);
  const last = published.diagnostics[published.diagnostics.length - 1];
  assert.match(last.message, /^[\d,]+ more problems in this file not shown \([\d,]+ warnings.*\); only the first 1,000 are listed$/);
  assert.equal(last.code, 'check-limit');
  const hidden = Number(/^([\d,]+)/.exec(last.message)![1].replace(/,/g, ''));
  assert.ok(hidden >= 500, `${hidden}`);
  assert.match(await hover500(uri), /500 Internal Server Error/);
});

test('hostile (server): stylebook.maxProblemsPerFile sets the cap, applied in the worker, with the final "N more" diagnostic', async () => {
  const { uri } = await start(() => undefined, true, { maxProblemsPerFile: 10 });
  client!.open(uri('many.yaml'), 'yaml', manyWarningsSpec(300));
  // The settings arrive after initialize; the document is then checked again with the new cap.
  const published = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('many.yaml') && p.diagnostics.length === 11, 60_000);
  const last = published.diagnostics[10];
  assert.equal(last.code, 'check-limit');
  assert.match(last.message, /^[\d,]+ more problems in this file not shown \([\d,]+ warnings.*\); only the first 10 are listed$/);
  // Route-handler code, checked in the same workers, follows the same cap.
  const handlers = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'code', 'express.js'), 'utf8');
  client!.open(uri('routes.js'), 'javascript', handlers.repeat(4));
  const code = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('routes.js') && p.diagnostics.length > 0, 60_000);
  assert.equal(code.diagnostics.length, 11);
  assert.match(code.diagnostics[10].message, /only the first 10 are listed$/);
});

test('hostile (server): 3,000-level block YAML gets the same clear problem in the editor as on the command line', async () => {
  const { uri } = await start(() => undefined);
  client!.open(uri('deep.yaml'), 'yaml', deepBlockSpec(3000));
  const published = await client!.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri('deep.yaml') && p.diagnostics.length > 0, 60_000);
  assert.deepEqual(published.diagnostics.map((d: { message: string }) => d.message), ['Nesting deeper than 500 levels is not supported; this value is skipped.']);
  assert.equal(published.diagnostics[0].range.start.line, 503, 'at the line where the limit was passed (504 on the command line, which counts from 1)');
  assert.match(await hover500(uri), /500 Internal Server Error/);
});
