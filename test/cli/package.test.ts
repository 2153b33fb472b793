import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, positionOf } from '../protocol/lspClient';

// The npm package as a user gets it: `npm pack` from this checkout, installed
// into an empty folder with production dependencies only, then run through
// `npx stylebook`. `npm test` builds dist/ first; npm needs no network here,
// since the package has no runtime dependencies (everything is bundled).

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs an npm command quietly, without audit, funding notices or update checks. */
function npm(cmd: string, args: string[], cwd: string) {
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error', NO_COLOR: '1' };
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
}

test('npm pack holds only what runs; the tarball installs with production dependencies only, and `npx stylebook lint` and the installed `stylebook lsp` work', async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-pack-'));
  try {
    const packed = npm(NPM, ['pack', '--json', '--pack-destination', work], ROOT);
    assert.equal(packed.status, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const files = info.files.map((f) => f.path);
    // What runs: the bundles with what they read at run time, and what npm and the Marketplace show.
    const allowed = [
      /^dist\/(cli|cli-main|extension|server|validationWorker)\.js$/, /^dist\/catalog-snapshot\.json$/, /^dist\/grammars\/[\w-]+\.wasm$/,
      /^catalog\/topics\/[\w-]+\.md$/, /^catalog\/positions\/[\w-]+\.yaml$/, /^catalog\/links\.json$/, /^syntaxes\/[\w.-]+\.json$/, /^schemas\/[\w.-]+\.json$/,
      /^media\/icon\.png$/, /^media\/walkthrough\/\w+\.md$/, /^docs\/images\/[\w-]+\.png$/,
      /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
    ];
    assert.deepEqual(files.filter((f) => !allowed.some((re) => re.test(f))), [], 'files in the tarball that do not run');
    for (const f of ['dist/cli.js', 'dist/cli-main.js', 'dist/catalog-snapshot.json', 'dist/grammars/web-tree-sitter.wasm', 'catalog/topics/http-status-429.md', 'CHANGELOG.md']) {
      assert.ok(files.includes(f), `${f} is missing from the tarball`);
    }

    // An empty project: the tarball is its only dependency.
    const project = path.join(work, 'project');
    fs.mkdirSync(path.join(project, 'src'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    const installed = npm(NPM, ['install', '--omit=dev', '--no-package-lock', path.join(work, info.filename)], project);
    assert.equal(installed.status, 0, installed.stderr);
    // Nothing but the package itself: its dependencies are bundled.
    assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((d) => d !== '.bin' && !d.startsWith('.')), ['api-stylebook-lens']);

    fs.copyFileSync(path.join(ROOT, 'examples', 'petstore.yaml'), path.join(project, 'petstore.yaml'));
    // Route-handler code needs the tree-sitter grammars from the tarball.
    fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'cli', 'handlers', 'orders.ts'), path.join(project, 'src', 'orders.ts'));
    const lint = npm(NPX, ['--no-install', 'stylebook', 'lint', '--format', 'json', 'petstore.yaml', 'src/orders.ts'], project);
    assert.equal(lint.status, 1, `exit code 1 for the error in orders.ts\n${lint.stderr}`);
    const report = JSON.parse(lint.stdout) as { files: { path: string; problems: { ruleId: string }[] }[]; failures: unknown[] };
    assert.deepEqual(report.failures, []);
    const rules = Object.fromEntries(report.files.map((f) => [f.path, f.problems.map((p) => p.ruleId).sort()]));
    assert.deepEqual(rules, {
      'petstore.yaml': ['date-time-format', 'delete-no-content', 'path-verb', 'post-create-status', 'retry-after'],
      'src/orders.ts': ['code-status-invalid'],
    });
    // The topic cards read the shipped catalog.
    const topic = npm(NPX, ['--no-install', 'stylebook', 'topic', '429'], project);
    assert.equal(topic.status, 0, topic.stderr);
    assert.match(topic.stdout, /429 Too Many Requests/);

    // The installed bin as another editor starts it: `stylebook lsp`, a client with no capabilities at all.
    const bin = path.join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'stylebook.cmd' : 'stylebook');
    const client = new LspClient([], { command: [bin, 'lsp'], cwd: project });
    try {
      await client.initialize(pathToFileURL(project).toString(), undefined, {});
      const uri = pathToFileURL(path.join(project, 'petstore.yaml')).toString();
      const text = fs.readFileSync(path.join(project, 'petstore.yaml'), 'utf8');
      client.open(uri, 'yaml', text);
      const diagnostics = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0, 60_000);
      assert.ok(diagnostics.diagnostics.some((d: { code?: string }) => d.code === 'retry-after'), JSON.stringify(diagnostics.diagnostics.map((d: { code?: string }) => d.code)));
      const at = positionOf(text, "'429'", 2);
      const hover = await client.hover(uri, at.line, at.character);
      assert.match(hover.contents.value, /429 Too Many Requests/);
      assert.ok(!hover.contents.value.includes('command:'), 'no command link for a client that cannot run it');
      assert.deepEqual(client.serverRequests, []);
    } finally {
      await client.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
