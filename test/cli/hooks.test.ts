import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

// The commit hooks as their tools run them, on the staged files of a scratch
// git repository: the pre-commit hook (.pre-commit-hooks.yaml) the way
// pre-commit calls it (entry, then the staged files its `files` pattern
// matches), and the husky script of docs/examples as a shell runs it, with
// `npx --no-install stylebook` standing for the installed package. The
// lefthook example is not run here (lefthook is a Go binary, not installed).

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'cli');

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
}

/** A repository with staged files: an OpenAPI document with an error, one without, and YAML/JSON that is not OpenAPI. */
function stagedRepo(files: Record<string, string>): { dir: string; git: (...args: string[]) => string; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-hooks-'));
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  git('init', '-q');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  git('add', '-A');
  return { dir, git, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const SAMPLE = {
  'api/errors.json': fs.readFileSync(path.join(FIX, 'errors.json'), 'utf8'),
  'specs v2/clean.yaml': fs.readFileSync(path.join(FIX, 'clean.yaml'), 'utf8'),
  'package.json': '{ "name": "app", "private": true }\n',
  'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
  'README.md': '# app\n',
};

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(args[0], args.slice(1), { cwd, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env } });
}

test('pre-commit: the hook runs the package bin on the staged YAML and JSON files, skips those that are not OpenAPI, and fails on an error', () => {
  const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  assert.deepEqual(hooks.map((h) => h.id), ['stylebook-lint']);
  const [hook] = hooks;
  assert.equal(hook.language, 'node');
  const [bin, ...entryArgs] = hook.entry.split(/\s+/);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.ok(bin in pkg.bin, `the entry runs ${bin}, which the package does not install`);
  // pre-commit matches `files` with Python's re.search; this pattern reads the same in JavaScript.
  const pattern = new RegExp(hook.files);
  for (const name of ['api.yaml', 'specs/openapi.yml', 'specs v2/petstore.json']) assert.ok(pattern.test(name), name);
  for (const name of ['README.md', 'src/app.ts', 'openapi.yaml.orig']) assert.ok(!pattern.test(name), name);

  const repo = stagedRepo(SAMPLE);
  try {
    const staged = (repo.git('diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean)).filter((f) => pattern.test(f));
    assert.deepEqual(staged.sort(), ['api/errors.json', 'docker-compose.yml', 'package.json', 'specs v2/clean.yaml']);
    const r = run(repo.dir, [process.execPath, CLI, ...entryArgs, ...staged]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^api\/errors\.json\n\s+11:11\s+error\s+"600" is not a valid response key/m);
    assert.match(r.stdout, /1 problem \(1 error, 0 warnings, 0 infos\) in 2 files checked \(2 skipped: not OpenAPI or route-handler code\)/);
    // A commit of only non-OpenAPI YAML and JSON passes.
    const other = run(repo.dir, [process.execPath, CLI, ...entryArgs, 'package.json', 'docker-compose.yml']);
    assert.equal(other.status, 0, other.stderr);
  } finally {
    repo.done();
  }
});

test('husky: the example script lints the staged OpenAPI documents, names with spaces included, and runs nothing when none is staged', () => {
  const script = path.join(ROOT, 'docs', 'examples', 'husky-pre-commit');
  const repo = stagedRepo(SAMPLE);
  // `npx --no-install stylebook` as a project with the package installed would run it; each call is logged.
  const shims = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-shim-'));
  const calls = path.join(shims, 'calls');
  fs.writeFileSync(path.join(shims, 'npx'), `#!/bin/sh\n[ "$1" = --no-install ] && [ "$2" = stylebook ] || { echo "unexpected npx $*" >&2; exit 99; }\nshift 2\necho called >> '${calls}'\nexec '${process.execPath}' '${CLI}' "$@"\n`, { mode: 0o755 });
  const env = { PATH: `${shims}${path.delimiter}${process.env.PATH}` };
  try {
    const r = run(repo.dir, ['sh', script], env);
    // xargs answers 123 when the command it ran failed: any code but 0 stops the commit.
    assert.equal(r.status, 123, r.stderr);
    assert.match(r.stdout, /api\/errors\.json[\s\S]*status-code-invalid/);
    assert.match(r.stdout, /in 2 files checked/, 'errors.json and "specs v2/clean.yaml"');
    assert.equal(fs.readFileSync(calls, 'utf8'), 'called\n');

    // Nothing of the kind staged: the linter is not even started.
    repo.git('commit', '-qm', 'first');
    fs.writeFileSync(path.join(repo.dir, 'README.md'), '# app, changed\n');
    repo.git('add', 'README.md');
    fs.rmSync(calls);
    const none = run(repo.dir, ['sh', script], env);
    assert.equal(none.status, 0, none.stderr);
    assert.ok(!fs.existsSync(calls));
  } finally {
    repo.done();
    fs.rmSync(shims, { recursive: true, force: true });
  }
});
