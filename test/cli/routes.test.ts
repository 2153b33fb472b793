import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `stylebook routes` and the consistency findings of `stylebook lint`, run
// from the shipped bundle on a workspace fixture of one spec and one Express
// handler file (test/fixtures/workspace/express).

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const WS = path.join(ROOT, 'test', 'fixtures', 'workspace', 'express');

function run(args: string[], cwd = WS): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('routes: each route with its spec operation and statuses, aligned', () => {
  const r = run(['routes']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout,
    'app.js:5:1   GET /api/users/:id  openapi.yaml#/paths/~1users~1{id}/get  404 200\n' +
    'app.js:10:1  POST /api/users     openapi.yaml#/paths/~1users/post       409 201 ?\n');
});

test('routes: without the spec, every route has no operation; without routes, it says so', () => {
  const r = run(['routes', 'app.js']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /GET \/api\/users\/:id {2}no operation {2}404 200\n/);
  const none = run(['routes', 'openapi.yaml']);
  assert.equal(none.status, 0);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /no routes found in route-handler code/);
  assert.equal(run(['routes', 'missing-folder']).status, 2);
});

test('lint: consistency findings only when code and spec are linted together', () => {
  const both = run(['lint', '--format', 'json', '.']);
  const report = JSON.parse(both.stdout);
  const ids = (file: string) => report.files.find((f: any) => f.path.endsWith(file)).problems.map((p: any) => p.ruleId);
  assert.deepEqual(ids('app.js').filter((id: string) => /undocumented|unanswered/.test(id)), ['code-status-undocumented']);
  assert.deepEqual(ids('openapi.yaml').filter((id: string) => /undocumented|unanswered/.test(id)), ['spec-status-unanswered']);
  const sarif = JSON.parse(run(['lint', '--format', 'sarif', '.']).stdout);
  const rule = sarif.runs[0].tool.driver.rules.find((r: any) => r.id === 'code-status-undocumented');
  assert.match(rule.fullDescription.text, /not documented for its operation/);
  const codeOnly = JSON.parse(run(['lint', '--format', 'json', 'app.js']).stdout);
  assert.deepEqual(codeOnly.files[0].problems.filter((p: any) => /undocumented|unanswered/.test(p.ruleId)), []);
});

test('lint: the checks are configured like any rule', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-routes-'));
  fs.cpSync(WS, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'rules:\n  code-status-undocumented: off\n  spec-status-unanswered: error\n');
  const r = run(['lint', '--format', 'json', '.'], dir);
  const problems = JSON.parse(r.stdout).files.flatMap((f: any) => f.problems);
  assert.ok(!problems.some((p: any) => p.ruleId === 'code-status-undocumented'));
  assert.ok(problems.some((p: any) => p.ruleId === 'spec-status-unanswered' && p.severity === 'error'));
  assert.equal(r.status, 1);
});

/** Writes a workspace of files (path → text) into a fresh temporary folder. */
function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-prefixes-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('routes and lint: a router mounted by another file is listed and checked under the mount\'s path', () => {
  const dir = tempWorkspace({
    'app.js': `const express = require('express');\nconst app = express();\napp.use('/api', require('./routes/users'));\n`,
    'routes/users.js': `const router = require('express').Router();\nrouter.get('/users/:id', (req, res) => res.status(404).json({}));\nmodule.exports = router;\n`,
    'openapi.yaml': `openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths:\n  /api/users/{id}:\n    get:\n      responses:\n        '200': { description: ok }\n  /admin/users/{id}:\n    get:\n      responses:\n        '404': { description: missing }\n`,
  });
  const r = run(['routes'], dir);
  assert.equal(r.stdout, 'routes/users.js:2:1  GET /api/users/:id  openapi.yaml#/paths/~1api~1users~1{id}/get  404\n');
  const lint = JSON.parse(run(['lint', '--format', 'json', '.'], dir).stdout);
  const users = lint.files.find((f: any) => f.path.endsWith('users.js'));
  assert.deepEqual(users.problems.filter((p: any) => /undocumented/.test(p.ruleId)).map((p: any) => p.ruleId), ['code-status-undocumented']);
  // Without the app file, the router may be mounted anywhere: its path fits both operations, and nothing is said.
  fs.rmSync(path.join(dir, 'app.js'));
  assert.match(run(['routes'], dir).stdout, /GET \/users\/:id {2}ambiguous: 2 operations/);
});

test('lint: Spring\'s context path in application.properties places the module\'s controllers', () => {
  const controller = `package org.example;\n@RestController\n@RequestMapping("/api/owners")\npublic class OwnerController {\n  @GetMapping("/{ownerId}")\n  public ResponseEntity<Owner> get(@PathVariable int ownerId) {\n    return ResponseEntity.notFound().build();\n  }\n}\n`;
  const spec = `openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths:\n  /petclinic/api/owners/{ownerId}:\n    get:\n      responses:\n        '200': { description: ok }\n  /vets/api/owners/{ownerId}:\n    get:\n      responses:\n        '404': { description: missing }\n`;
  const dir = tempWorkspace({
    'openapi.yaml': spec,
    'src/main/java/org/example/OwnerController.java': controller,
    'src/main/resources/application.properties': 'server.port=9966\nserver.servlet.context-path=/petclinic/\n',
  });
  assert.match(run(['routes'], dir).stdout, /GET \/petclinic\/api\/owners\/\{ownerId\} {2}openapi\.yaml#\/paths\/~1petclinic~1api~1owners~1\{ownerId\}\/get {2}404\n/);
  const problems = (d: string) => JSON.parse(run(['lint', '--format', 'json', '.'], d).stdout).files.flatMap((f: any) => f.problems).map((p: any) => p.ruleId).filter((id: string) => /undocumented/.test(id));
  assert.deepEqual(problems(dir), ['code-status-undocumented']);
  fs.rmSync(path.join(dir, 'src/main/resources/application.properties'));
  assert.deepEqual(problems(dir), []);
});

test('routes and lint: a Spring controller implementing a generated interface, throwing exception classes of another package', () => {
  const ws = path.join(ROOT, 'test', 'fixtures', 'workspace', 'spring-generated');
  const r = run(['routes'], ws);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /OwnerRestController\.java:16:37 +GET \/owners\/\{ownerId\} +openapi\.yml#\/paths\/~1owners~1\{ownerId\}\/get +404 200\n/);
  assert.match(r.stdout, /OwnerRestController\.java:24:33 +DELETE \/owners\/\{ownerId\} +openapi\.yml#\/paths\/~1owners~1\{ownerId\}\/delete +404 409 204\n/);
  const report = JSON.parse(run(['lint', '--format', 'json', '.'], ws).stdout);
  const found = report.files.flatMap((f: any) => f.problems.filter((p: any) => /undocumented|unanswered/.test(p.ruleId)).map((p: any) => `${path.basename(f.path)}:${p.line}:${p.ruleId}`));
  // The 409 comes from OwnerHasPets' @ResponseStatus in another file; every way out of deleteOwner is known, so the spec's 410 is answered by no one.
  assert.deepEqual(found.sort(), ['OwnerRestController.java:29:code-status-undocumented', 'openapi.yml:27:spec-status-unanswered']);
});
