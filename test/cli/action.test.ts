import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { parse } from 'yaml';
import { runCompositeAction, type RunOptions } from '../helpers/actionRunner';

// The GitHub Action (action.yml at the repository root), its steps run by a
// local runner in a scratch git repository, as a workflow would run them
// after actions/checkout. `uses:` steps (the code scanning upload) are
// recorded, and the test decides whether code scanning takes the report.
// The action finds the CLI at dist/cli.js, which `npm test` builds first.

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'cli');
const UPLOAD = 'github/codeql-action/upload-sarif@v4';

/** A committed repository: two specs under api/ (an error, a warning), one in a folder with a space, a git-ignored one, a settings file. */
function sampleRepo(): { workspace: string; runnerTemp: string; done: () => void } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-action-'));
  const workspace = path.join(base, 'repo');
  const runnerTemp = path.join(base, 'runner-temp');
  fs.mkdirSync(runnerTemp);
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
  };
  const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');
  put('api/errors.json', fixture('errors.json'));
  put('api/orders.yaml', fixture('warnings.yaml'));
  put('specs v2/petstore.yaml', fs.readFileSync(path.join(ROOT, 'examples', 'petstore.yaml'), 'utf8'));
  put('generated/client.json', fixture('errors.json'));
  put('.gitignore', 'generated/\n');
  put('ci/stylebook.yaml', 'rules:\n  retry-after: off\n');
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=CI', '-c', 'user.email=ci@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: workspace, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'sample');
  return { workspace, runnerTemp, done: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/** Runs the action with these inputs in a fresh sample repository; `upload` decides whether code scanning takes the report. */
function runAction(inputs: Record<string, string>, opts: { upload?: 'success' | 'failure'; actionPath?: string } = {}) {
  const repo = sampleRepo();
  const uploads: { uses: string; with: Record<string, string> }[] = [];
  const options: RunOptions = {
    workspace: repo.workspace,
    runnerTemp: repo.runnerTemp,
    actionPath: opts.actionPath ?? ROOT,
    inputs,
    env: { NO_COLOR: '1', STYLEBOOK_CODE_CACHE: '0' },
    uses: (step) => {
      uploads.push(step);
      return opts.upload ?? 'success';
    },
  };
  return { result: runCompositeAction(options), uploads, repo };
}

const sarifSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
// As in cli.test.ts: the published schema's `language` pattern only compiles without the `u` flag.
const validateSarif = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);

interface Sarif {
  version: string;
  runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

test('action, default inputs: the whole repository is linted, SARIF valid against 2.1.0 goes to code scanning, the error fails the job', () => {
  const { result, uploads, repo } = runAction({});
  try {
    assert.equal(result.step('cli').outcome, 'success', result.step('cli').stderr);
    assert.match(result.step('cli').stdout, /^stylebook \d+\.\d+\.\d+ /m);
    const lint = result.step('lint');
    assert.equal(lint.exitCode, 1, lint.stderr);
    assert.match(lint.stderr, /problems at or above 'error'/);
    assert.match(lint.stdout, /^stylebook: 7 findings \(error: 1, warning: 4, note: 2\) in .*\.sarif$/m);
    assert.equal(result.failed, true);
    assert.deepEqual(result.outputs['exit-code'], '1');

    // One upload, of the report the lint step wrote, under the default category.
    assert.equal(uploads.length, 1);
    assert.equal(uploads[0].uses, UPLOAD);
    const sarifFile = result.outputs['sarif-file'];
    assert.deepEqual(uploads[0].with, { sarif_file: sarifFile, category: 'stylebook' });
    assert.ok(sarifFile.startsWith(repo.runnerTemp), 'the report is written outside the repository');
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Sarif;
    assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors, null, 2));
    assert.equal(sarif.version, '2.1.0');
    // Paths relative to the repository root, as code scanning resolves them; the git-ignored copy is not linted.
    const uris = [...new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))].sort();
    assert.deepEqual(uris, ['api/errors.json', 'api/orders.yaml', 'specs%20v2/petstore.yaml']);
    assert.deepEqual(sarif.runs[0].results.filter((r) => r.level === 'error').map((r) => r.ruleId), ['status-code-invalid']);

    // Code scanning took it: no annotations.
    assert.equal(result.step('upload').outcome, 'success');
    assert.equal(result.steps.at(-1)!.outcome, 'skipped');
  } finally {
    repo.done();
  }
});

test('action: where code scanning refuses the report, the findings become annotations and the job still fails on the error', () => {
  const { result, repo } = runAction({ paths: 'api' }, { upload: 'failure' });
  try {
    assert.equal(result.step('upload').outcome, 'failure');
    assert.equal(result.step('upload').conclusion, 'success', 'continue-on-error');
    const annotations = result.steps.at(-1)!;
    assert.equal(annotations.outcome, 'success', annotations.stderr);
    const commands = annotations.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.deepEqual(commands.map((l) => /^::(\w+) file=([^,]+),line=(\d+)/.exec(l)!.slice(1)), [
      ['error', 'api/errors.json', '11'],
      ['warning', 'api/orders.yaml', '20'],
    ]);
    assert.equal(result.failed, true, 'the lint step failed the job; the annotations do not undo it');
  } finally {
    repo.done();
  }
});

test('action, format github: paths one per line (a space in one, a glob), a settings file, fail-on warning', () => {
  const { result, uploads, repo } = runAction({ format: 'github', paths: 'specs v2/petstore.yaml\n  api/*.yaml\n', config: 'ci/stylebook.yaml', 'fail-on': 'warning' });
  try {
    const lint = result.step('lint');
    const commands = lint.stdout.split('\n').filter((l) => l.startsWith('::'));
    const found = commands.map((l) => /^::\w+ file=([^,]+),.*title=stylebook ([\w-]+)/.exec(l)!.slice(1).join(' '));
    // api/orders.yaml's only finding is retry-after, which the settings file turns off; errors.json is not matched by the glob.
    assert.deepEqual(found.sort(), [
      'specs v2/petstore.yaml date-time-format',
      'specs v2/petstore.yaml delete-no-content',
      'specs v2/petstore.yaml path-verb',
      'specs v2/petstore.yaml post-create-status',
    ]);
    assert.equal(lint.exitCode, 1, 'warnings fail with fail-on: warning');
    assert.equal(result.outputs['sarif-file'], '');
    assert.equal(result.step('upload').outcome, 'skipped');
    assert.deepEqual(uploads, []);
  } finally {
    repo.done();
  }
});

test('action: a clean run passes; max-warnings fails it; a glob matching nothing is a usage error with no upload', () => {
  {
    const { result, repo } = runAction({ paths: 'api/orders.yaml' });
    try {
      assert.equal(result.step('lint').exitCode, 0, result.step('lint').stderr);
      assert.equal(result.failed, false);
      assert.equal(result.outputs['exit-code'], '0');
      assert.equal(result.step('upload').outcome, 'success', 'a clean report is uploaded too, so that fixed alerts close');
    } finally {
      repo.done();
    }
  }
  {
    const { result, repo } = runAction({ paths: 'api/orders.yaml', 'max-warnings': '0' });
    try {
      assert.equal(result.step('lint').exitCode, 1);
      assert.match(result.step('lint').stderr, /or more than 0 warnings/);
    } finally {
      repo.done();
    }
  }
  {
    const { result, uploads, repo } = runAction({ paths: 'nothing/*.yaml' });
    try {
      const lint = result.step('lint');
      assert.equal(lint.exitCode, 2);
      assert.match(lint.stderr, /nothing\/\*\.yaml/);
      assert.match(lint.stderr, /could not run as asked \(exit code 2; .*\), so its report is not uploaded/);
      assert.deepEqual(uploads, []);
      assert.equal(result.failed, true);
    } finally {
      repo.done();
    }
  }
});

test('action: inputs are data, never shell code', () => {
  const { result, repo } = runAction({ paths: 'api/orders.yaml $(touch pwned) `touch pwned2` ;touch${IFS}pwned3', config: '$(touch pwned4)' });
  try {
    for (const f of ['pwned', 'pwned2', 'pwned3', 'pwned4']) assert.ok(!fs.existsSync(path.join(repo.workspace, f)), `${f} was created`);
    assert.equal(result.step('lint').exitCode, 2, 'the odd words are missing files');
  } finally {
    repo.done();
  }
});

test('action: without a built CLI it stops at once and says what to do', () => {
  const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-action-bare-'));
  fs.copyFileSync(path.join(ROOT, 'action.yml'), path.join(bare, 'action.yml'));
  const { result, uploads, repo } = runAction({}, { actionPath: bare });
  try {
    const cli = result.step('cli');
    assert.equal(cli.outcome, 'failure');
    assert.match(cli.stdout, /^::error title=stylebook::No stylebook CLI at .*dist\/cli\.js\. Use a release tag of the action, which carries the built CLI, or set cli-package\.$/m);
    assert.deepEqual(result.steps.slice(1).map((s) => s.outcome), ['skipped', 'skipped', 'skipped']);
    assert.deepEqual(uploads, []);
    assert.equal(result.failed, true);
  } finally {
    repo.done();
    fs.rmSync(bare, { recursive: true, force: true });
  }
});

test('action runner: refuses an input the action does not declare, and a step it cannot run faithfully', () => {
  const repo = sampleRepo();
  try {
    assert.throws(() => runCompositeAction({ workspace: repo.workspace, runnerTemp: repo.runnerTemp, actionPath: ROOT, inputs: { path: 'api' } }), /the action has no input "path"/);
    const odd = path.join(repo.runnerTemp, 'odd');
    fs.mkdirSync(odd);
    fs.writeFileSync(path.join(odd, 'action.yml'), 'runs:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: pwsh\n');
    assert.throws(() => runCompositeAction({ workspace: repo.workspace, runnerTemp: repo.runnerTemp, actionPath: odd }), /shell: bash only/);
    fs.writeFileSync(path.join(odd, 'action.yml'), "runs:\n  using: composite\n  steps:\n    - if: ${{ steps.nope.outcome == 'failure' }}\n      run: echo hi\n      shell: bash\n");
    assert.throws(() => runCompositeAction({ workspace: repo.workspace, runnerTemp: repo.runnerTemp, actionPath: odd }), /no step has the id "nope"/);
  } finally {
    repo.done();
  }
});

test('the reusable workflow example passes only inputs the action declares, and passes on every input it takes', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
  const workflow = parse(fs.readFileSync(path.join(ROOT, 'docs', 'examples', 'stylebook-reusable.yml'), 'utf8')) as {
    on: { workflow_call: { inputs: Record<string, { type: string }> } };
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const ours = steps.filter((s) => s.uses?.startsWith('api-stylebook-lens/api-stylebook-lens@'));
  assert.equal(ours.length, 1);
  for (const key of Object.keys(ours[0].with ?? {})) assert.ok(key in action.inputs, `the action has no input ${key}`);
  const used = JSON.stringify(steps);
  for (const name of Object.keys(workflow.on.workflow_call.inputs)) assert.ok(used.includes(`inputs.${name} }}`), `workflow input ${name} is not used`);
});
