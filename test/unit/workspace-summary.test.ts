import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BackgroundValidator } from '../../server/src/node/validator';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { FastTextDocument } from '../../server/src/service/textDocument';
import { ROOT } from '../helpers/service';
import { codeService } from './code-harness';

// The workspace model's per-file summaries (workspace/summary.ts): plain
// data, the same whether made in a validation worker or in-process, and a
// file the worker cannot summarise is answered for (left out with a reason,
// or undefined when the worker stops), never waited for.

const DIR = path.join(ROOT, 'test', 'fixtures', 'workspace', 'express');
const FILES = [
  { name: 'app.js', languageId: 'javascript' },
  { name: 'openapi.yaml', languageId: 'yaml' },
];
/** Files whose facts for other files are not empty: a Spring controller implementing a generated interface, an exception class, the spec's operationIds. */
const SPRING = path.join(ROOT, 'test', 'fixtures', 'workspace', 'spring-generated');
const CROSS_FILES = [
  { name: 'src/main/java/org/petclinic/rest/OwnerRestController.java', languageId: 'java', dir: SPRING },
  { name: 'src/main/java/org/petclinic/errors/OwnerNotFound.java', languageId: 'java', dir: SPRING },
  { name: 'openapi.yml', languageId: 'yaml', dir: SPRING },
  { name: 'src/main/java/org/petclinic/errors/OwnerHasPets.java', languageId: 'java', dir: SPRING },
];
const WORKER = path.join(ROOT, 'out', 'server', 'src', 'node', 'validationWorker.js');
const request = (name: string, languageId: string, dir = DIR) => ({ uri: pathToFileURL(path.join(dir, name)).toString(), file: path.join(dir, name), languageId, maxBytes: 1 << 20 });

function validator(codeBudgetMs: number, workerFile = WORKER) {
  const layers = [readCatalogDir(path.join(ROOT, 'catalog', 'topics'), () => undefined)];
  return new BackgroundValidator(layers, DEFAULT_SETTINGS, { maxProblems: 1000, codeBudgetMs }, () => undefined, () => undefined, workerFile);
}

test('a summary is plain data: it survives JSON and the thread boundary unchanged, and the worker makes the same one as this thread', async () => {
  const ls = await codeService();
  const v = validator(60_000);
  try {
    const all: { name: string; languageId: string; dir?: string }[] = [...FILES, ...CROSS_FILES];
    const inWorker = await v.summarize(all.map((f) => request(f.name, f.languageId, f.dir)));
    all.forEach((f, i) => {
      const r = request(f.name, f.languageId, f.dir);
      const here = ls.summarize(ls.prepare(FastTextDocument.create(r.uri, f.languageId, -1, fs.readFileSync(r.file, 'utf8'))));
      assert.ok(here, `${f.name} has a summary`);
      assert.deepEqual(JSON.parse(JSON.stringify(here)), here, `${f.name}: every fact is plain data`);
      assert.deepEqual(inWorker[i], { summary: here }, `${f.name}: the worker's summary is this thread's`);
    });
    const code = inWorker[0]!.summary!;
    assert.equal(code.kind === 'code' && code.routes.length > 0, true);
    // The facts other files read are among them, not empty: the app's mount of its router (prefixes.ts), the
    // controller's interface methods with their pending throws and the line starts that place what they resolve to,
    // the exception class's status (crossfile.ts), and the spec's operationIds.
    assert.equal(code.kind === 'code' && code.prefixFacts.js?.mounts.length, 1);
    const [controller, error, spec] = inWorker.slice(FILES.length).map((a) => a!.summary!);
    assert.ok(controller.kind === 'code' && controller.crossFacts?.implementers?.[0].methods.some((m) => m.pending?.length) && controller.lineStarts.length > 30);
    assert.deepEqual(error.kind === 'code' && error.crossFacts?.classes.OwnerNotFound.codes, [404]);
    assert.deepEqual(spec.kind === 'spec' && spec.operations.map((o) => o.operation.operationId), ['getOwner', 'deleteOwner']);
  } finally {
    await v.dispose();
  }
});

test('a file the worker cannot summarise is left out with a reason; a worker that stops answers for every file it had', async () => {
  const over = validator(0);
  try {
    const [code, spec] = await over.summarize(FILES.map((f) => request(f.name, f.languageId)));
    // Over the (here zero) time budget of route-handler code: out of the model, with the reason for the log.
    assert.equal(code?.summary, null);
    assert.match(code?.note ?? '', /budget/);
    // The spec in the same batch is unaffected.
    assert.equal(spec?.summary?.kind, 'spec');
  } finally {
    await over.dispose();
  }
  // A worker that ends on its first summary request (as one out of memory would).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-summary-'));
  const dying = path.join(dir, 'dying.js');
  fs.writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'summarize') process.exit(3); });\n");
  const v = validator(60_000, dying);
  try {
    assert.deepEqual(await v.summarize(FILES.map((f) => request(f.name, f.languageId))), [undefined, undefined]);
  } finally {
    await v.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the cross-file step reads summaries alone, and what it adds has the ranges the text gives (CRLF lines included)', async () => {
  const ls = await codeService();
  const files = CROSS_FILES.map((f) => {
    // Windows line ends, so that the line starts kept in the summary are those of `\r\n` lines.
    const text = fs.readFileSync(path.join(f.dir, f.name), 'utf8').replace(/\r?\n/g, '\r\n');
    return { uri: `file:///ws/${f.name}`, doc: ls.prepare(FastTextDocument.create(`file:///ws/${f.name}`, f.languageId, -1, text)) };
  });
  // As the server holds closed files: their summaries only, no document.
  for (const { uri, doc } of files) ls.updateWorkspaceSummary(uri, JSON.parse(JSON.stringify(ls.summarize(doc))));
  const [controller] = files;
  assert.equal(ls.workspace.codeDocument(controller.uri), undefined);
  const routes = ls.workspace.routesOfFile(controller.uri);
  // The controller declares no mapping: both routes come from the spec's operationIds, their 404 and 409 from exception classes of another file.
  assert.deepEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path} [${r.statuses.map((s) => s.code).join(',')}]`), ['GET /owners/{ownerId} [404,200]', 'DELETE /owners/{ownerId} [404,409,204]']);
  const td = controller.doc.textDocument;
  const range = (start: number, end: number) => ({ start: td.positionAt(start), end: td.positionAt(end) });
  for (const r of routes) {
    assert.deepEqual(r.range, range(r.start, r.end));
    assert.deepEqual(r.position, td.positionAt(r.start));
    for (const s of r.statuses) assert.deepEqual(s.range, range(s.start, s.end), `${r.method} ${s.code}`);
  }
  // A resolved throw is placed on its callee, as on an open file.
  assert.equal(td.getText(routes[0].statuses[0].range), 'new OwnerNotFound');
});
