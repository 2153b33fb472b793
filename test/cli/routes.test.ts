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
