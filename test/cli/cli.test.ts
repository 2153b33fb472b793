import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { hostileFiles } from '../helpers/hostile';
import { deepBlockSpec, manyWarningsSpec } from '../hostile/inputs';
import { RULES_DOC_URL, ruleDocUrl } from '../../server/src/service/ruleDocs';
import { MAX_FILE_BYTES, readText } from '../../server/src/cli/lint';

// These tests run the shipped bundle (`node dist/cli.js`) as a user or a CI
// job would, on fixtures in test/fixtures/cli, and check stdout, stderr and
// the exit code. `npm test` builds the bundle first.

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'cli');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd` (the fixtures folder by default) with a clean, colour-free environment. */
function run(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? FIX, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch copy of a fixture folder, for tests that add files (symlinks, many copies). */
function scratch(from?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-cli-'));
  if (from) fs.cpSync(path.join(FIX, from), dir, { recursive: true });
  return dir;
}

const ESC = '\x1b';

// --- general -----------------------------------------------------------------

test('--version prints the package version', () => {
  const r = run(['--version']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), VERSION);
});

test('--help lists every command; each command has its own help', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const c of ['lint', 'topic', 'search', 'catalog check']) assert.match(r.stdout, new RegExp(`stylebook ${c}`));
  assert.match(r.stdout, /Exit codes: 0 clean, 1 problems at or above the threshold, 2 usage or I\/O errors/);
  const lintHelp = run(['lint', '--help']);
  assert.equal(lintHelp.status, 0);
  assert.match(lintHelp.stdout, /--max-warnings/);
  assert.match(lintHelp.stdout, /--ignore-pattern <pat>/);
  assert.match(lintHelp.stdout, /--no-error-on-unmatched-pattern/);
  assert.match(lintHelp.stdout, /2 {2}usage errors; .* a file named explicitly that is neither an OpenAPI\n\s+document nor route-handler code; nothing to check at all/s);
  assert.match(run(['help', 'catalog']).stdout, /stylebook catalog check \[folder\]/);
  assert.equal(run([]).status, 0, 'no arguments shows help');
});

test('usage errors exit with 2 and say what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['lint'], /lint needs at least one file/],
    [['lint', '--format', 'xml', 'clean.yaml'], /--format must be one of stylish, json, sarif, github, not "xml"/],
    [['lint', '--fail-on', 'fatal', 'clean.yaml'], /--fail-on must be one of error, warning, info/],
    [['lint', '--max-warnings', 'many', 'clean.yaml'], /--max-warnings must be a whole number/],
    [['lint', '--max-warnings'], /--max-warnings needs a value/],
    [['lint', '--bogus', 'clean.yaml'], /unknown option --bogus/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['catalog', 'list'], /unknown catalog command "list"/],
    [['topic'], /topic needs a status code, topic id or words/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')} → ${r.status}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.match(r.stderr, /Run "stylebook( \w+)? --help" for usage/);
    assert.equal(r.stdout, '', 'nothing on stdout for a usage error');
  }
});

// --- lint: results and exit codes --------------------------------------------

test('lint: a clean document exits 0 even at --fail-on info', () => {
  const r = run(['lint', '--fail-on', 'info', 'clean.yaml']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✔ no problems in 1 file checked/);
  assert.equal(r.stderr, '');
});

test('lint stylish: each problem with position, severity, rule, and its topic and guide link below', () => {
  const r = run(['lint', 'warnings.yaml']);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'warnings.yaml');
  const i = lines.findIndex((l) => /^\s+20:9\s+warning\s+429 Too Many Requests should carry a Retry-After header/.test(l));
  assert.ok(i > 0, r.stdout);
  assert.match(lines[i], /retry-after$/);
  assert.match(lines[i + 1], /^\s+↳ 429 Too Many Requests \(http-status-429\) · https?:\/\/\S+$/);
  assert.match(r.stdout, /✖ 1 problem \(0 errors, 1 warning, 0 infos\) in 1 file checked/);
  // Before the summary, each rule that reported links its section of docs/rules.md, as ESLint's report ends.
  const rulesAt = lines.indexOf('The rules, with examples and their options:');
  assert.ok(rulesAt > i, r.stdout);
  assert.equal(lines[rulesAt + 1], `  retry-after  ${RULES_DOC_URL}#retry-after`);
  assert.match(lines[rulesAt + 3], /^✖ 1 problem/);
  assert.ok(!r.stdout.includes(ESC), 'no colours when stdout is not a terminal');
  const coloured = run(['lint', '--color', 'warnings.yaml']);
  assert.ok(coloured.stdout.includes(`${ESC}[33mwarning`), 'warnings in yellow with --color');
  assert.ok(run(['lint', 'warnings.yaml'], { env: { FORCE_COLOR: '1' } }).stdout.includes(`${ESC}[4mwarnings.yaml`), 'FORCE_COLOR turns colours on');
  assert.ok(!run(['lint', 'warnings.yaml'], { env: { NO_COLOR: '1' } }).stdout.includes(ESC), 'NO_COLOR keeps them off');
});

test('lint exit codes follow --fail-on: errors fail by default, warnings and infos only when asked', () => {
  const expect: [string, string, number][] = [
    ['errors.json', 'error', 1],
    ['warnings.yaml', 'error', 0],
    ['warnings.yaml', 'warning', 1],
    ['warnings.yaml', 'info', 1],
    ['info.yaml', 'warning', 0],
    ['info.yaml', 'info', 1],
    ['clean.yaml', 'info', 0],
  ];
  for (const [file, level, status] of expect) {
    const r = run(['lint', '--fail-on', level, file]);
    assert.equal(r.status, status, `${file} --fail-on ${level}: ${r.stdout}${r.stderr}`);
  }
  assert.equal(run(['lint', 'errors.json']).status, 1);
});

test('lint --max-warnings: more warnings than allowed fails, as many passes', () => {
  const over = run(['lint', '--max-warnings', '0', 'warnings.yaml']);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /1 warnings, more than --max-warnings 0/);
  assert.equal(run(['lint', '--max-warnings', '1', 'warnings.yaml']).status, 0);
});

test('lint json: every file, its problems with topic and help link, and totals', () => {
  const r = run(['lint', '-f', 'json', 'warnings.yaml', 'clean.yaml', 'errors.json']);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout) as {
    tool: { name: string; version: string };
    files: { path: string; kind: string; problems: { ruleId: string; severity: string; line: number; column: number; topicId?: string; helpUri?: string }[] }[];
    summary: Record<string, number>;
  };
  assert.deepEqual(out.tool, { name: 'stylebook', version: VERSION });
  assert.deepEqual(out.files.map((f) => f.path), ['clean.yaml', 'errors.json', 'warnings.yaml']);
  const w = out.files[2].problems[0];
  assert.equal(w.ruleId, 'retry-after');
  assert.equal(w.severity, 'warning');
  assert.deepEqual([w.line, w.column], [20, 9]);
  assert.equal(w.topicId, 'http-status-429');
  assert.match(w.helpUri ?? '', /^https?:\/\//);
  assert.equal(out.files[1].problems[0].ruleId, 'status-code-invalid');
  assert.equal(out.files[1].problems[0].severity, 'error');
  assert.deepEqual(
    { files: out.summary.files, error: out.summary.error, warning: out.summary.warning, failures: out.summary.failures },
    { files: 3, error: 1, warning: 1, failures: 0 },
  );
});

test('lint sarif: valid against the SARIF 2.1.0 schema, with rule metadata, help URIs and regions', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  // The published schema has one pattern (for `language`) that is only valid
  // without the `u` flag, so patterns are compiled as plain regular expressions.
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
  const r = run(['lint', '--format', 'sarif', 'warnings.yaml', 'errors.json', 'info.yaml', 'malformed.json']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout) as {
    version: string;
    runs: {
      tool: { driver: { name: string; rules: { id: string; helpUri?: string; help: { text: string; markdown?: string }; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
      results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[] }[];
    }[];
  };
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The schema really constrains: a wrong level or a missing message is rejected.
  const broken = JSON.parse(r.stdout) as { runs: { results: Record<string, unknown>[] }[] };
  broken.runs[0].results[0].level = 'fatal';
  assert.equal(validate(broken), false);
  delete broken.runs[0].results[0].message;
  broken.runs[0].results[0].level = 'error';
  assert.equal(validate(broken), false);
  assert.equal(log.version, '2.1.0');
  const [runLog] = log.runs;
  assert.equal(runLog.tool.driver.name, 'stylebook');
  const ids = runLog.tool.driver.rules.map((x) => x.id);
  for (const id of ['retry-after', 'status-code-invalid', 'delete-no-content', 'syntax']) assert.ok(ids.includes(id), id);
  const retry = runLog.tool.driver.rules.find((x) => x.id === 'retry-after')!;
  // Help: the rule's section of docs/rules.md, then the guide section the problem links.
  assert.equal(retry.helpUri, `${RULES_DOC_URL}#retry-after`);
  assert.match(retry.help.text, new RegExp(`${RULES_DOC_URL}#retry-after\\nWhat the guides say: https?://\\S+$`));
  assert.match(retry.help.markdown ?? '', /\[What the guides say\]\(https?:\/\/\S+\)$/);
  for (const rule of runLog.tool.driver.rules) assert.equal(rule.helpUri, ruleDocUrl(rule.id), rule.id);
  assert.equal(retry.defaultConfiguration.level, 'warning');
  const res = runLog.results.find((x) => x.ruleId === 'retry-after')!;
  assert.equal(runLog.tool.driver.rules[res.ruleIndex].id, 'retry-after');
  assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: 'warnings.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual([res.locations[0].physicalLocation.region.startLine, res.locations[0].physicalLocation.region.startColumn], [20, 9]);
  assert.equal(runLog.results.find((x) => x.ruleId === 'delete-no-content')!.level, 'note');
  assert.equal(runLog.results.find((x) => x.ruleId === 'status-code-invalid')!.level, 'error');

  // A run with unreadable files stays valid and records them as notifications.
  const failing = run(['lint', '-f', 'sarif', 'binary.json', 'clean.yaml']);
  assert.equal(failing.status, 2);
  const failingLog = JSON.parse(failing.stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
  assert.ok(validate(failingLog), JSON.stringify(validate.errors, null, 2));
  assert.equal(failingLog.runs[0].invocations[0].executionSuccessful, false);
  assert.match(failingLog.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /binary/);
});

test('lint: a problem in a shared response is reported once, at the component, with the operations that use it, in every format', () => {
  const file = 'shared/responses.yaml';
  const uses = ['GET /orders uses it as its 429 response', 'GET /orders/{id} uses it as its 429 response', 'GET /invoices uses it as its 429 response'];
  const json = JSON.parse(run(['lint', '-f', 'json', file]).stdout) as { files: { problems: { ruleId: string; line: number; related?: { line: number; column: number; message: string }[] }[] }[] };
  const problems = json.files[0].problems;
  assert.deepEqual(problems.map((p) => [p.ruleId, p.line]), [['retry-after', 35]], 'one problem, at components/responses/TooManyRequests');
  assert.deepEqual(problems[0].related!.map((r) => [r.line, r.column, r.message]), [[11, 9, uses[0]], [24, 9, uses[1]], [31, 9, uses[2]]]);

  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
  const sarif = JSON.parse(run(['lint', '-f', 'sarif', file]).stdout) as {
    runs: { results: { relatedLocations: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
  };
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  assert.equal(sarif.runs[0].results.length, 1);
  assert.deepEqual(sarif.runs[0].results[0].relatedLocations.map((r) => [r.id, r.physicalLocation.artifactLocation.uri, r.physicalLocation.region.startLine, r.message.text]),
    [[1, file, 11, uses[0]], [2, file, 24, uses[1]], [3, file, 31, uses[2]]]);

  const stylish = run(['lint', file]).stdout;
  assert.match(stylish, /35:5 +warning +The shared response "TooManyRequests" \(used as 429\) should carry a Retry-After header/);
  assert.match(stylish, /↳ used by 3 operations: 11:9 GET \/orders uses it as its 429 response; 24:9 GET \/orders\/\{id\} uses it/);
  assert.match(stylish, /✖ 1 problem /);
  const github = run(['lint', '-f', 'github', file]).stdout.trim().split('\n');
  assert.equal(github.length, 1);
  assert.match(github[0], /^::warning file=shared\/responses\.yaml,line=35,.*%0Aused by 3 operations: 11:9 GET \/orders/);
});

test('lint github: one workflow command per problem, with escaped properties', () => {
  const r = run(['lint', '--format', 'github', 'warnings.yaml', 'errors.json', 'info.yaml']);
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^::error file=errors\.json,line=11,col=11,endLine=\d+,endColumn=\d+,title=stylebook status-code-invalid \(HTTP Statuses\)::"600" is not a valid response key/);
  assert.match(lines[1], /^::notice file=info\.yaml,line=16,col=9,.*title=stylebook delete-no-content/);
  assert.match(lines[2], /^::warning file=warnings\.yaml,line=20,col=9,.*::429 Too Many Requests should carry a Retry-After header.*%0Ahttps?:\/\//);
  for (const l of lines) assert.ok(!/\n|\r/.test(l));
});

test('lint --output writes the report to a file and nothing to stdout', () => {
  const dir = scratch();
  const out = path.join(dir, 'reports', 'stylebook.sarif');
  const r = run(['lint', '-f', 'sarif', '-o', out, 'warnings.yaml']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
  assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as { version: string }).version, '2.1.0');
});

// --- lint: files, folders, globs, bad input ---------------------------------

test('lint walks folders honouring .gitignore and skips non-API files silently', () => {
  const r = run(['lint', '-f', 'json', 'tree']);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as { files: { path: string }[]; summary: { skipped: number } };
  // generated/ is git-ignored; package.json and mkdocs.yml are not OpenAPI; notes.txt is not even read.
  assert.deepEqual(out.files.map((f) => f.path), ['tree/api/clean.yml', 'tree/api/orders.yaml']);
  assert.equal(out.summary.skipped, 2);
  // A file named explicitly is linted even when .gitignore lists it.
  const explicit = JSON.parse(run(['lint', '-f', 'json', 'tree/generated/errors.json']).stdout) as { files: { path: string }[] };
  assert.deepEqual(explicit.files.map((f) => f.path), ['tree/generated/errors.json']);
});

test('lint reads a folder named on purpose even when a parent .gitignore lists it; inside it, its own .gitignore still applies', () => {
  const repo = scratch();
  fs.mkdirSync(path.join(repo, '.git'));
  fs.writeFileSync(path.join(repo, '.gitignore'), 'sandbox/\n');
  const project = path.join(repo, 'sandbox', 'project');
  fs.mkdirSync(path.join(project, 'build'), { recursive: true });
  fs.copyFileSync(path.join(FIX, 'warnings.yaml'), path.join(project, 'openapi.yaml'));
  fs.copyFileSync(path.join(FIX, 'warnings.yaml'), path.join(project, 'build', 'openapi.yaml'));
  fs.writeFileSync(path.join(project, '.gitignore'), 'build/\n');
  const lint = (target: string, cwd: string) => (JSON.parse(run(['lint', '-f', 'json', target], { cwd }).stdout) as { files: { path: string }[] }).files.map((f) => f.path);
  assert.deepEqual(lint('.', project), ['openapi.yaml']);
  assert.deepEqual(lint('sandbox/project', repo), ['sandbox/project/openapi.yaml']);
  // Walking the repository itself, the ignored folder stays out.
  assert.deepEqual(lint('.', repo), []);
});

test('lint expands globs (quoted, so the CLI sees them)', () => {
  const lint = (...globs: string[]) => (JSON.parse(run(['lint', '-f', 'json', ...globs]).stdout) as { files: { path: string }[] }).files.map((f) => f.path);
  assert.deepEqual(lint('tree/**/*.{yaml,yml}'), ['tree/api/clean.yml', 'tree/api/orders.yaml']);
  assert.deepEqual(lint('*.yaml'), ['clean.yaml', 'info.yaml', 'warnings.yaml'], 'bad-config.yaml is not an OpenAPI document');
  assert.deepEqual(lint('configured/**/warn?ngs.yaml'), ['configured/nested/warnings.yaml', 'configured/warnings.yaml']);
  const none = run(['lint', 'nowhere/*.yaml']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no files match "nowhere\/\*\.yaml"/);
});

test('lint: a missing path is an I/O error (exit 2), the other files are still linted', () => {
  const r = run(['lint', '-f', 'json', 'missing.yaml', 'errors.json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read missing\.yaml: no such file or directory/);
  assert.equal((JSON.parse(r.stdout) as { files: unknown[] }).files.length, 1);
});

test('lint: binary and non-UTF-8 files get a clear message and exit 2; the others are still linted', () => {
  const dir = scratch();
  fs.copyFileSync(path.join(FIX, 'binary.json'), path.join(dir, 'binary.json'));
  fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('openapi: 3.0.3\ninfo:\n  title: caf\xe9\n', 'latin1'));
  fs.copyFileSync(path.join(FIX, 'warnings.yaml'), path.join(dir, 'warnings.yaml'));
  const r = run(['lint', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /binary\.json: binary file \(it contains NUL bytes\); not linted/);
  assert.match(r.stderr, /latin1\.yaml: not UTF-8 text; not linted/);
  assert.match(r.stdout, /warnings\.yaml\n\s+20:9\s+warning/);
});

/** `text` encoded with a byte order mark: UTF-8, UTF-16 or UTF-32, little- or big-endian. */
function withBom(text: string, encoding: 'utf8' | 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be'): Buffer {
  if (encoding === 'utf8') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (encoding.startsWith('utf16')) {
    const body = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return encoding === 'utf16be' ? body.swap16() : body;
  }
  const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const out = Buffer.alloc(points.length * 4);
  points.forEach((cp, i) => (encoding === 'utf32le' ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4)));
  return out;
}

type JsonReport = { files: { path: string; problems: { ruleId: string; line: number; column: number; endColumn: number }[] }[] };

/** The problems of each file as "path rule@line:column-endColumn", for comparing runs. */
function problemsOf(r: Run): string[] {
  return (JSON.parse(r.stdout) as JsonReport).files.flatMap((f) => f.problems.map((p) => `${f.path} ${p.ruleId}@${p.line}:${p.column}-${p.endColumn}`));
}

test('lint: a BOM (UTF-8, UTF-16, UTF-32) and a quoted root key change nothing; positions are in the decoded text', () => {
  const dir = scratch();
  const text = fs.readFileSync(path.join(FIX, 'warnings.yaml'), 'utf8');
  for (const enc of ['utf8', 'utf16le', 'utf16be', 'utf32le', 'utf32be'] as const) fs.writeFileSync(path.join(dir, `${enc}.yaml`), withBom(text, enc));
  fs.writeFileSync(path.join(dir, 'double.yaml'), text.replace(/^openapi:/, '"openapi":'));
  fs.writeFileSync(path.join(dir, 'single.yaml'), text.replace(/^openapi: (\S+)/, "'openapi': '$1'"));
  const r = run(['lint', '-f', 'json', '.'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const expected = problemsOf(run(['lint', '-f', 'json', 'warnings.yaml'])).map((p) => p.replace(/^warnings\.yaml /, ''));
  assert.deepEqual(expected, ['retry-after@20:9-14']);
  const names = ['double', 'single', 'utf16be', 'utf16le', 'utf32be', 'utf32le', 'utf8'];
  assert.deepEqual(problemsOf(r), names.flatMap((n) => expected.map((p) => `${n}.yaml ${p}`)));
});

test('lint: JSON text saved as .yaml or .yml is checked as the same JSON in a .json file', () => {
  const dir = scratch();
  const json = fs.readFileSync(path.join(FIX, 'errors.json'), 'utf8');
  for (const name of ['api.json', 'api.yaml', 'api.yml']) fs.writeFileSync(path.join(dir, name), json);
  const r = run(['lint', '-f', 'json', '.'], { cwd: dir });
  assert.equal(r.stderr, '');
  const [asJson, asYaml, asYml] = ['api.json', 'api.yaml', 'api.yml'].map((n) => problemsOf(r).filter((p) => p.startsWith(`${n} `)).map((p) => p.slice(n.length)));
  assert.ok(asJson.length > 0);
  assert.deepEqual(asYaml, asJson);
  assert.deepEqual(asYml, asJson);
});

test('lint: a UTF-16 handler file is decoded and checked; a binary .ts in a folder is skipped, named explicitly it is an error', () => {
  const dir = scratch();
  const code = fs.readFileSync(path.join(FIX, 'handlers', 'orders.ts'), 'utf8');
  fs.writeFileSync(path.join(dir, 'orders16.ts'), withBom(code, 'utf16le'));
  fs.writeFileSync(path.join(dir, 'orders8.ts'), code);
  // An MPEG transport stream segment has the same extension as TypeScript.
  fs.writeFileSync(path.join(dir, 'segment.ts'), Buffer.from([0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d]));
  const r = run(['lint', '-f', 'json', '.'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1, 'the 700 in both handler files, and nothing about the segment');
  assert.deepEqual(problemsOf(r), ['orders16.ts code-status-invalid@6:14-17', 'orders8.ts code-status-invalid@6:14-17']);
  assert.match(run(['lint', '.'], { cwd: dir }).stdout, /in 2 files checked \(1 skipped: not OpenAPI or route-handler code\)/);
  const explicit = run(['lint', 'segment.ts'], { cwd: dir });
  assert.equal(explicit.status, 2);
  assert.match(explicit.stderr, /segment\.ts: binary file \(it contains NUL bytes\); not linted/);
});

test('lint: a handler file in Windows-1252 is read in that encoding, not refused', () => {
  const dir = scratch();
  const code = fs.readFileSync(path.join(FIX, 'handlers', 'orders.ts'), 'utf8').replace('const app', '// Bestellungen für café\nconst app');
  fs.writeFileSync(path.join(dir, 'orders.ts'), Buffer.from(code, 'latin1'));
  const r = run(['lint', '-f', 'json', 'orders.ts'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.deepEqual(problemsOf(r), ['orders.ts code-status-invalid@7:14-17']);
});

test('lint: a file over the size limit found in a folder is skipped unless it starts like an OpenAPI document', () => {
  const dir = scratch();
  fs.copyFileSync(path.join(FIX, 'clean.yaml'), path.join(dir, 'clean.yaml'));
  // Sparse files: 300 MB long without writing 300 MB, and only their first 64 KB are read.
  fs.writeFileSync(path.join(dir, 'dump.json'), '[{"id": 1}');
  fs.truncateSync(path.join(dir, 'dump.json'), 300 * 1024 * 1024);
  const r = run(['lint', '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /no problems in 1 file checked \(1 skipped: not OpenAPI or route-handler code\)/);
  fs.writeFileSync(path.join(dir, 'huge.yaml'), 'openapi: 3.0.3\n');
  fs.truncateSync(path.join(dir, 'huge.yaml'), 300 * 1024 * 1024);
  const big = run(['lint', '.'], { cwd: dir });
  assert.equal(big.status, 2);
  assert.match(big.stderr, new RegExp(`huge\\.yaml: too large to lint \\(300 MB; the limit is ${MAX_FILE_BYTES / 1048576} MB\\)`));
  assert.doesNotMatch(big.stderr, /dump\.json/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('lint: the size limit holds at its boundary: a file of exactly MAX_FILE_BYTES is read, one byte more is refused', () => {
  const dir = scratch();
  // Sparse files again; the one at the limit is read whole (zeros after its first line, so it is then refused as binary, not as too large).
  const at = path.join(dir, 'at.yaml');
  const over = path.join(dir, 'over.yaml');
  for (const [file, bytes] of [[at, MAX_FILE_BYTES], [over, MAX_FILE_BYTES + 1]] as const) {
    fs.writeFileSync(file, 'openapi: 3.0.3\n');
    fs.truncateSync(file, bytes);
  }
  const atLimit = readText({ path: at, languageId: 'yaml', explicit: true });
  assert.equal(typeof atLimit, 'object');
  assert.doesNotMatch((atLimit as { error: string }).error, /too large/);
  assert.deepEqual(readText({ path: over, languageId: 'yaml', explicit: true }), { error: `too large to lint (${Math.round((MAX_FILE_BYTES + 1) / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('lint: a file named explicitly that is neither an OpenAPI document nor handler code is an error that says why', () => {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "x", "version": "1.0.0"}\n');
  fs.writeFileSync(path.join(dir, 'README.md'), '# x\n');
  fs.copyFileSync(path.join(FIX, 'clean.yaml'), path.join(dir, 'clean.yaml'));
  const r = run(['lint', 'package.json', 'README.md', 'clean.yaml'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /package\.json: not an OpenAPI document \(no root "openapi" or "swagger" key\); nothing to check/);
  assert.match(r.stderr, /cannot check README\.md: stylebook reads OpenAPI documents \(\.yaml, \.yml, \.json\) and route-handler code \(\.ts, .*\), not "\.md" files/);
  assert.match(r.stdout, /no problems in 1 file checked/, 'the other file is still checked');
  // The same files found by walking the folder are skipped: not every JSON file is an API.
  const walked = run(['lint', '.'], { cwd: dir });
  assert.equal(walked.status, 0, walked.stderr);
  assert.match(walked.stdout, /no problems in 1 file checked \(1 skipped: not OpenAPI or route-handler code\)/);
});

test('lint: a run that finds nothing to check exits 2, unless --no-error-on-unmatched-pattern says that is expected', () => {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: x\n');
  const r = run(['lint', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /nothing to check: the one file found is neither an OpenAPI document nor route-handler code \(pass --no-error-on-unmatched-pattern if that is expected\)/);
  const empty = run(['lint', '.'], { cwd: scratch() });
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /nothing to check: no YAML, JSON or source files found/);
  const allowed = run(['lint', '--no-error-on-unmatched-pattern', '.', 'nowhere/*.yaml'], { cwd: dir });
  assert.equal(allowed.status, 0);
  assert.equal(allowed.stderr, '');
  assert.match(allowed.stdout, /No OpenAPI documents or route-handler files found \(1 skipped/);
});

test('lint --ignore-unknown (hooks): named files that are not API material are skipped, a run of only those passes; missing files still fail', () => {
  const dir = scratch();
  fs.copyFileSync(path.join(FIX, 'errors.json'), path.join(dir, 'errors.json'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "app" }\n');
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services: {}\n');
  fs.writeFileSync(path.join(dir, 'README.md'), '# app\n');
  fs.writeFileSync(path.join(dir, 'blob.json'), Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x00]));
  // Without the flag each of them is an error (the user asked for it to be checked).
  const strict = run(['lint', 'package.json', 'docker-compose.yml', 'README.md', 'errors.json'], { cwd: dir });
  assert.equal(strict.status, 2);
  const json = run(['lint', '--ignore-unknown', '-f', 'json', 'package.json', 'docker-compose.yml', 'README.md', 'blob.json', 'errors.json'], { cwd: dir });
  assert.equal(json.stderr, '');
  assert.equal(json.status, 1, 'the error in errors.json still fails the run');
  const report = JSON.parse(json.stdout) as { files: { path: string; problems: { ruleId: string }[] }[]; summary: { files: number; skipped: number } };
  assert.deepEqual(report.files.map((f) => [f.path, f.problems.map((p) => p.ruleId)]), [['errors.json', ['status-code-invalid']]]);
  assert.equal(report.summary.files, 1);
  // A commit of only such files: nothing to check, and that passes.
  const none = run(['lint', '--ignore-unknown', 'package.json', 'README.md'], { cwd: dir });
  assert.equal(none.status, 0, none.stderr);
  assert.equal(none.stderr, '');
  // A file that is not there is still an error: the hook's caller got something wrong.
  const missing = run(['lint', '--ignore-unknown', 'gone.yaml'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read gone\.yaml: no such file or directory/);
});

test('lint: tests, generated, vendored and minified code are skipped by the code rules; code.includeTests brings tests back', () => {
  const dir = scratch();
  const code = fs.readFileSync(path.join(FIX, 'handlers', 'orders.ts'), 'utf8');
  const put = (rel: string, text = code) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  put('src/orders.ts');
  put('src/orders.test.ts');
  put('src/__tests__/orders.ts');
  put('tests/test_orders.py', 'from flask import abort\n\ndef view():\n    abort(700)\n');
  put('vendor/acme/orders.ts');
  put('public/orders.min.js');
  put('gen/orders.go', '// Code generated by oapi-codegen. DO NOT EDIT.\npackage gen\n\nfunc h(w http.ResponseWriter) { w.WriteHeader(700) }\n');
  const r = run(['lint', '-f', 'json', '.'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.deepEqual(problemsOf(r), ['src/orders.ts code-status-invalid@6:14-17']);
  assert.deepEqual((JSON.parse(r.stdout) as { summary: { skipped: number; exempt: number } }).summary, { ...(JSON.parse(r.stdout) as { summary: object }).summary, skipped: 6, exempt: 6 });
  assert.match(run(['lint', '.'], { cwd: dir }).stdout, /in 1 file checked \(6 skipped: ignored, or test, generated or vendored code\)/);
  // A test file named explicitly is not checked either, and the run says so without failing.
  const named = run(['lint', 'src/orders.test.ts'], { cwd: dir });
  assert.equal(named.status, 0);
  assert.match(named.stderr, /src\/orders\.test\.ts: not checked: test code \(\*\.test\.\* or \*\.spec\.\*: Jest, Vitest, Mocha and Jasmine\)/);
  fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'code:\n  includeTests: true\n');
  const all = run(['lint', '-f', 'json', '.'], { cwd: dir });
  assert.deepEqual(problemsOf(all).map((p) => p.split(' ')[0]), ['src/__tests__/orders.ts', 'src/orders.test.ts', 'src/orders.ts', 'tests/test_orders.py'], 'tests back; generated, vendored, minified still out');
});

test('lint: ignore patterns from .stylebook.yaml and --ignore-pattern (repeatable) leave files out', () => {
  const dir = scratch();
  for (const f of ['api.yaml', 'old/api.yaml', 'drafts/a.yaml', 'drafts/b.yaml']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(FIX, 'warnings.yaml'), path.join(dir, f));
  }
  fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'ignore:\n  - old/\n');
  const files = (r: Run) => (JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path);
  assert.deepEqual(files(run(['lint', '-f', 'json', '.'], { cwd: dir })), ['api.yaml', 'drafts/a.yaml', 'drafts/b.yaml']);
  // Relative to the configuration's folder, also when run from a subfolder.
  const fromSub = files(run(['lint', '-f', 'json', '..'], { cwd: path.join(dir, 'drafts') }));
  assert.deepEqual(fromSub.map((f) => path.basename(f)), ['api.yaml', 'a.yaml', 'b.yaml'], 'old/api.yaml stays out');
  const cli = run(['lint', '-f', 'json', '--ignore-pattern', 'drafts/a.yaml', '--ignore-pattern=api.yaml', '.'], { cwd: dir });
  assert.deepEqual(files(cli), ['drafts/b.yaml']);
  const named = run(['lint', 'old/api.yaml', 'api.yaml'], { cwd: dir });
  assert.equal(named.status, 0, 'no error-level problem; the ignored file is only mentioned');
  assert.match(named.stderr, /old\/api\.yaml: not checked: it matches an "ignore" pattern of the configuration/);
});

test('lint: an unreadable entry (dangling symlink) is reported and the rest of the folder is linted', () => {
  const dir = scratch();
  fs.copyFileSync(path.join(FIX, 'clean.yaml'), path.join(dir, 'clean.yaml'));
  fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'dangling.yaml'));
  const r = run(['lint', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /dangling\.yaml: cannot read: no such file or directory/);
  assert.match(r.stdout, /no problems in 1 file checked/);
});

test('lint: a malformed document is named on stderr with its first error, reported as syntax errors, exit 1', () => {
  const r = run(['lint', 'malformed.json', 'clean.yaml']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /malformed\.json: malformed JSON at line 9, column 11: Comma expected\. \(and \d+ more syntax errors\)/);
  assert.match(r.stdout, /9:11\s+error\s+Comma expected\.\s+syntax/);
  const yaml = scratch();
  fs.writeFileSync(path.join(yaml, 'half.yaml'), 'openapi: 3.0.3\ninfo:\n  title: "unclosed\npaths:\n  /a: {\n');
  const y = run(['lint', 'half.yaml'], { cwd: yaml });
  assert.equal(y.status, 1);
  assert.match(y.stderr, /half\.yaml: malformed YAML at line \d+, column \d+/);
});

test('lint: valid YAML the parser cannot fully use (a custom tag, an unknown directive, YAML 1.3) is a syntax warning, exit 0', () => {
  const dir = scratch();
  const body = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
  fs.writeFileSync(path.join(dir, 'tag.yaml'), body.replace('paths: {}', 'x-doc: !md docs/a.md\npaths: {}'));
  fs.writeFileSync(path.join(dir, 'directive.yaml'), `%FOO bar\n---\n${body}`);
  fs.writeFileSync(path.join(dir, 'version.yaml'), `%YAML 1.3\n---\n${body}`);
  const r = run(['lint', 'tag.yaml', 'directive.yaml', 'version.yaml'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /warning\s+Unresolved tag: !md\s+syntax/);
  assert.match(r.stdout, /warning\s+Unknown directive %FOO\s+syntax/);
  assert.match(r.stdout, /warning\s+Unsupported YAML version 1\.3\s+syntax/);
});

test('lint: worker threads give the same report as one thread', () => {
  const dir = scratch();
  const sources = ['warnings.yaml', 'errors.json', 'info.yaml', 'clean.yaml', 'malformed.json'];
  for (let i = 0; i < 30; i++) {
    const src = sources[i % sources.length];
    fs.copyFileSync(path.join(FIX, src), path.join(dir, `${String(i).padStart(2, '0')}-${src}`));
  }
  const one = run(['lint', '-f', 'json', '--jobs', '1', '.'], { cwd: dir });
  const many = run(['lint', '-f', 'json', '--jobs', '3', '.'], { cwd: dir });
  assert.equal(many.status, one.status);
  assert.equal(one.status, 1);
  assert.deepEqual(JSON.parse(many.stdout), JSON.parse(one.stdout));
  assert.equal((JSON.parse(one.stdout) as { files: unknown[] }).files.length, 30);
});

test('lint: a progress line on stderr only when it is a terminal and the run is big', () => {
  const dir = scratch();
  for (let i = 0; i < 24; i++) fs.copyFileSync(path.join(FIX, 'clean.yaml'), path.join(dir, `spec-${i}.yaml`));
  const piped = run(['lint', '.'], { cwd: dir });
  assert.ok(!piped.stderr.includes('linting'), 'no progress when stderr is a pipe');
  // `script` gives the CLI a pseudo-terminal, as an interactive shell would.
  const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} lint .`, '/dev/null'], {
    cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, TERM: 'xterm' }, timeout: 60_000,
  });
  if (r.error) return; // No `script` here: nothing to check on this machine.
  assert.match(r.stdout, /linting \d+\/24 files…/);
  assert.match(r.stdout, /no problems in 24 files checked/);
  assert.ok(r.stdout.includes(`${ESC}[32m`), 'colours on a terminal');
});

// --- topic and search ---------------------------------------------------------

test('topic: a status code prints its card with the guides and plain URLs when links are not supported', () => {
  const r = run(['topic', '429']);
  assert.equal(r.status, 0);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '429 Too Many Requests');
  assert.match(r.stdout, /429 Too Many Requests — Client Error · defined in RFC 6585, section 4 \(https:\/\/www\.rfc-editor\.org\/rfc\/rfc6585#section-4\)/);
  assert.match(r.stdout, /What the guides say \(\d+ guides\):/);
  assert.match(r.stdout, /• Zalando — RESTFul API Guidelines: .*\(https:\/\/opensource\.zalando\.com\/restful-api-guidelines\/\S+\)/);
  assert.ok(!r.stdout.includes('command:'), 'editor-only command links are dropped');
  assert.ok(!r.stdout.includes(ESC));
  assert.ok(!/\\[()[\]#*_]/.test(r.stdout), 'Markdown escapes are removed');
});

test('topic: OSC 8 hyperlinks where the terminal supports them', () => {
  const r = run(['topic', '429'], { env: { FORCE_HYPERLINK: '1' } });
  assert.equal(r.status, 0);
  assert.ok(r.stdout.includes(`${ESC}]8;;https://www.rfc-editor.org/rfc/rfc6585#section-4\x07RFC 6585, section 4${ESC}]8;;\x07`), r.stdout);
  assert.ok(!r.stdout.includes('(https://www.rfc-editor.org'), 'no duplicate plain URL');
});

test('topic: methods, status classes, ids and words', () => {
  const del = run(['topic', 'DELETE']);
  assert.equal(del.status, 0);
  assert.match(del.stdout, /DELETE — not safe, idempotent · defined in RFC 9110, section 9\.3\.5/);
  assert.match(run(['topic', '4xx']).stdout, /^4XX Client Error/);
  const byId = run(['topic', 'collection-pagination']);
  assert.equal(byId.stdout.split('\n')[0], 'Pagination');
  const words = run(['topic', 'rate', 'limit']);
  assert.equal(words.status, 0);
  assert.match(words.stdout, /^Rate limiting/);
  assert.match(words.stdout, /Also close: .*http-status-429/);
  const none = run(['topic', 'zzqqxx']);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no topic matches "zzqqxx"; try `stylebook search zzqqxx`/);
});

test('search: ranked topics, one per line, --limit honoured; nothing found exits 1', () => {
  const r = run(['search', 'pagination']);
  assert.equal(r.status, 0);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^collection-pagination\s+Pagination\s+\(Collection Resources; \d+ guides\)$/);
  assert.ok(lines.length <= 10);
  assert.equal(run(['search', '--limit', '2', 'status']).stdout.trim().split('\n').length, 2);
  const none = run(['search', 'zzqqxx']);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no topic matches "zzqqxx"/);
});

// --- catalog check --------------------------------------------------------------

test('catalog check: a good folder passes', () => {
  const r = run(['catalog', 'check', 'catalog-good']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout.trim(), '1 file checked, 0 errors, 0 warnings');
});

test('catalog check: every problem with file:line:column, exit 1', () => {
  const r = run(['catalog', 'check', 'catalog-bad']);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'catalog-bad/bad-yaml.md:3:13: error: YAML error: Missing closing \']\' before the end of the file.',
    'catalog-bad/missing-keys.md:2:1: error: missing required key "topic_name"',
    'catalog-bad/missing-keys.md:2:1: error: missing required key "topic_description"',
    'catalog-bad/missing-keys.md:7:20: error: "guideline_url" must be an http or https URL, not "not-a-url"',
    'catalog-bad/no-front-matter.md:1:1: error: a topic page must start with front matter between "---" lines',
    '3 files checked, 5 errors, 0 warnings',
  ]);
});

test('catalog check: a missing folder exits 2; without a folder the shipped catalog is checked', () => {
  const r = run(['catalog', 'check', 'no-such-folder']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /catalog path ".*no-such-folder" \(.*\) not found/);
  const shipped = run(['catalog', 'check']);
  assert.equal(shipped.status, 0, shipped.stdout);
  // The shipped catalog is its topic pages and the guides' positions files.
  const count = (dir: string, ext: string) => fs.readdirSync(path.join(ROOT, 'catalog', dir)).filter((n) => n.endsWith(ext)).length;
  assert.ok(count('topics', '.md') >= 114, String(count('topics', '.md')));
  assert.match(shipped.stdout, new RegExp(`^${count('topics', '.md') + count('positions', '.yaml')} files checked, 0 errors, 0 warnings$`, 'm'));
});

test('catalog check: a positions file\'s problems, each with file:line:column', () => {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, 'versioning.yaml'), [
    'topic: versioning', 'positions:',
    '  - guide: zalando-restful-api-guidelines', '    stance: media type', '    summary: Version the media type if you must version at all.', '    section: Avoid Versioning',
    '  - guide: acme-api', '    stance: url', '    summary: In the path.', '    section: Versions',
    '  - guide: paypal-api-style-guide', '    summary: A /vN prefix in every path, with the major version only.', '    section: Version',
    '  - guide: haufe-api-styleguide', '    stance: url', '    summary: A /vN prefix in every path, with the major version only, raised rarely.', '    section: Versions',
    '',
  ].join('\n'));
  const r = run(['catalog', 'check', dir]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const file = path.join(dir, 'versioning.yaml');
  const lines = r.stdout.trim().split('\n').map((l) => l.replace(file, 'versioning.yaml'));
  assert.deepEqual(lines, [
    'versioning.yaml:7:5: error: unknown guide "acme-api": it is not a guide of the catalog; this position is not shown',
    'versioning.yaml:11:5: error: a position is missing its "stance" (a short label that groups guides recommending the same thing)',
    'versioning.yaml:16:14: error: the summary has 13 words, more than the 12 a position may have',
    '1 file checked, 3 errors, 0 warnings',
  ]);
});

test('catalog check: guideline files too, and without a folder the paths .stylebook.yaml lists', () => {
  const dir = scratch();
  fs.cpSync(path.join(FIX, 'catalog-good'), path.join(dir, 'style', 'topics'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'style', 'acme.yaml'), [
    'id: acme-api', 'title: ACME API guide', 'url: https://example.com/acme-api', 'company: ACME',
    'topics:', '  http-status-429:', '    - name: Rate limits', '      url: https://example.com/acme-api#rate-limits',
    '  no-such-topic:', '    - name: Nothing', '      url: https://example.com/acme-api#nothing', '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'catalog:\n  paths:\n    - style/topics\n    - style/acme.yaml\n');
  const r = run(['catalog', 'check'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^style\/acme\.yaml:9:3: warning: unknown topic "no-such-topic"/m, r.stdout);
  assert.match(r.stdout, /^2 files checked, 0 errors, 1 warning$/m);
  assert.equal(r.status, 0, 'warnings alone pass');
});

// --- config ---------------------------------------------------------------------

test('.stylebook.yaml is found from the working folder upward and changes severities', () => {
  const cwd = path.join(FIX, 'configured', 'nested');
  const r = run(['lint', '-f', 'json', '.', '..'], { cwd });
  assert.equal(r.status, 1, 'retry-after is an error in this configuration');
  const out = JSON.parse(r.stdout) as { files: { path: string; problems: { ruleId: string; severity: string }[] }[] };
  const all = out.files.flatMap((f) => f.problems.map((p) => `${p.ruleId}:${p.severity}`));
  assert.deepEqual(all, ['retry-after:error', 'retry-after:error'], 'delete-no-content is off; retry-after raised to error');
  // The same file without the configuration: a warning, exit 0.
  assert.equal(run(['lint', 'warnings.yaml']).status, 0);
});

test('--config: a bad value is reported with its line, defaults apply, and the run exits 2', () => {
  const r = run(['lint', '--config', 'bad-config.yaml', 'warnings.yaml']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad-config\.yaml:2:16: error: rule "retry-after": severity must be one of error, warning, info, hint, off, not "loud"/);
  assert.match(r.stdout, /20:9\s+warning\s+429/, 'the default severity applies');
  const ok = run(['lint', '--config', 'configured/.stylebook.yaml', 'warnings.yaml']);
  assert.equal(ok.status, 1);
  assert.match(ok.stdout, /20:9\s+error\s+429/);
});

test('lint: custom catalog problems from the configuration are shown on stderr', () => {
  const dir = scratch();
  fs.cpSync(path.join(FIX, 'catalog-bad'), path.join(dir, 'team'), { recursive: true });
  fs.copyFileSync(path.join(FIX, 'clean.yaml'), path.join(dir, 'clean.yaml'));
  fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'catalog:\n  paths: [team]\n');
  const r = run(['lint', 'clean.yaml'], { cwd: dir });
  assert.equal(r.status, 0, 'the lint result itself is clean');
  assert.match(r.stderr, /stylebook: catalog: team\/missing-keys\.md:2:1: error: missing required key "topic_name"/);
});

test('lint: route-handler files go through the same service; plain code files are quiet', () => {
  const r = run(['lint', '-f', 'json', 'handlers']);
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { files: { path: string; kind: string; problems: { ruleId: string; severity: string; line: number; column: number; topicId?: string }[] }[] };
  assert.deepEqual(out.files.map((f) => [f.path, f.kind, f.problems.length]), [['handlers/orders.ts', 'code', 1], ['handlers/util.ts', 'code', 0]]);
  const [p] = out.files[0].problems;
  assert.deepEqual([p.ruleId, p.severity, p.line, p.column, p.topicId], ['code-status-invalid', 'error', 6, 14, 'http-status']);
});

test('--config naming a missing file is an error (exit 2)', () => {
  const r = run(['lint', '--config', 'nope.yaml', 'clean.yaml']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read config nope\.yaml/);
});

test('the example in examples/petstore.yaml shows its deliberate problems', () => {
  const r = run(['lint', '--fail-on', 'warning', 'examples/petstore.yaml'], { cwd: ROOT });
  assert.equal(r.status, 1);
  for (const rule of ['retry-after', 'post-create-status', 'delete-no-content', 'path-verb', 'date-time-format']) {
    assert.match(r.stdout, new RegExp(`\\s${rule}\\n`), rule);
  }
});

// --- hostile documents ------------------------------------------------------------

test('hostile documents (alias bombs, $ref cycles, nesting far past the limits) lint to their findings, each once', () => {
  // Their lint times are measured by `npm run bench` (hostile area), not here.
  const dir = scratch();
  const files = hostileFiles();
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
  for (const f of files) {
    const r = run(['lint', '-f', 'json', f.name], { cwd: dir });
    const out = JSON.parse(r.stdout) as { files: { kind: string; problems: { ruleId: string; severity: string; message: string; line: number }[] }[]; failures: unknown[] };
    assert.equal(out.files[0]?.kind, 'openapi', f.name);
    const counts: Record<string, number> = {};
    for (const p of out.files[0].problems) counts[p.ruleId] = (counts[p.ruleId] ?? 0) + 1;
    const expected: Record<string, number> = {};
    for (const [id, n] of Object.entries(f.expect)) expected[id] = n === 'some' ? Math.max(1, counts[id] ?? 0) : n;
    assert.deepEqual(counts, expected, f.name);
    if (f.nestingLine !== undefined) {
      const nesting = out.files[0].problems.filter((p) => /^Nesting deeper than \d+ levels is not supported; this value is skipped\.$/.test(p.message));
      assert.deepEqual(nesting.map((p) => [p.ruleId, p.line]), [['syntax', f.nestingLine]], `${f.name}: ${JSON.stringify(out.files[0].problems.slice(0, 2))}`);
    }
    // Syntax problems are errors (exit 1); the rest here are warnings.
    assert.equal(r.status, f.expect.syntax ? 1 : 0, `${f.name}: exit ${r.status} ${r.stderr}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

// --- the launcher's code cache ----------------------------------------------------

test('the executable keeps compiled code in the user cache and gives the same results with or without it', () => {
  const cacheHome = scratch();
  const env = { XDG_CACHE_HOME: cacheHome };
  const args = ['lint', '-f', 'json', 'warnings.yaml', 'handlers'];
  const first = run(args, { env });
  const files = () => (fs.existsSync(path.join(cacheHome, 'stylebook')) ? fs.readdirSync(path.join(cacheHome, 'stylebook')) : []);
  assert.deepEqual(files().map((f) => f.replace(/^cli-[0-9a-f]+-/, 'cli-HASH-')), [`cli-HASH-${process.version}-${process.arch}-lint.bin`]);
  const cached = run(args, { env });
  assert.equal(cached.stdout, first.stdout);
  assert.equal(cached.status, first.status);
  assert.equal(cached.stderr, '');
  // Route-handler files need the tree-sitter grammars, loaded from the cached bundle.
  assert.match(cached.stdout, /code-status-invalid/);

  // A damaged cache is rejected by V8, the run is unaffected, and the file is written afresh.
  const file = path.join(cacheHome, 'stylebook', files()[0]);
  fs.writeFileSync(file, Buffer.from('not a code cache'));
  const damaged = run(args, { env });
  assert.equal(damaged.stdout, first.stdout);
  assert.equal(damaged.stderr, '');
  assert.ok(fs.statSync(file).size > 1000, 'the damaged cache was replaced');

  // Turned off, nothing is written.
  const off = scratch();
  assert.equal(run(args, { env: { XDG_CACHE_HOME: off, STYLEBOOK_CODE_CACHE: '0' } }).stdout, first.stdout);
  assert.deepEqual(fs.readdirSync(off), []);
});

test('a link to /dev/zero or /proc and a FIFO are refused with the reason, not read: an error when named, passed over in a folder walk', { skip: process.platform === 'win32' ? 'no /dev, /proc or FIFOs on Windows' : false }, () => {
  const dir = scratch();
  fs.copyFileSync(path.join(ROOT, 'examples', 'petstore.yaml'), path.join(dir, 'petstore.yaml'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
  fs.symlinkSync('/proc/self/pagemap', path.join(dir, 'pagemap.json'));
  assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.yaml')]).status, 0, 'mkfifo');
  for (const [name, reason] of [['zero.yaml', /link to \/dev\/zero, which lies in \/dev, a kernel file system/], ['pagemap.json', /lies in \/proc, a kernel file system/], ['fifo.yaml', /is a FIFO \(named pipe\), not a regular file/]] as const) {
    const r = run(['lint', name, '--format', 'json'], { cwd: dir });
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { failures: Array<{ path: string; message: string }> };
    assert.equal(out.failures.length, 1);
    assert.match(out.failures[0].message, reason);
  }
  const walk = run(['lint', '.', '--format', 'json'], { cwd: dir });
  assert.equal(walk.status, 0, walk.stderr);
  const out = JSON.parse(walk.stdout) as { files: Array<{ path: string }>; failures: unknown[]; summary: { skipped: number } };
  assert.deepEqual(out.files.map((f) => f.path), ['petstore.yaml']);
  assert.deepEqual(out.failures, []);
  assert.equal(out.summary.skipped, 2);
});

// --- issue 19: the command line's own choices and hostile words ----------------

test('--allow-outside-catalog: a catalog path outside the folder of .stylebook.yaml is refused with the flag named, and read once the flag names its folder', () => {
  const dir = scratch();
  fs.cpSync(path.join(FIX, 'catalog-bad'), path.join(dir, 'team'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'repo'));
  fs.copyFileSync(path.join(FIX, 'clean.yaml'), path.join(dir, 'repo', 'clean.yaml'));
  fs.writeFileSync(path.join(dir, 'repo', '.stylebook.yaml'), 'catalog:\n  paths: [../team]\n');
  const cwd = path.join(dir, 'repo');
  const refused = run(['lint', 'clean.yaml'], { cwd });
  assert.match(refused.stderr, /lies outside the workspace.*pass --allow-outside-catalog <folder>/);
  assert.doesNotMatch(refused.stderr, /missing required key/, 'nothing was read from the folder');
  const allowed = run(['lint', '--allow-outside-catalog', '../team', 'clean.yaml'], { cwd });
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.doesNotMatch(allowed.stderr, /lies outside/);
  assert.match(allowed.stderr, /stylebook: catalog: .*\/team\/missing-keys\.md:2:1: error: missing required key "topic_name"/);
  // catalog check without a folder reads the configuration's paths, with the same permission.
  assert.equal(run(['catalog', 'check'], { cwd }).status, 2, 'refused: an I/O error');
  const checked = run(['catalog', 'check', '--allow-outside-catalog', path.join(dir, 'team')], { cwd });
  assert.equal(checked.status, 1, checked.stderr);
  assert.match(checked.stdout, /missing-keys\.md:2:1: error: missing required key "topic_name"/);
  // A sibling folder with a common prefix is not inside the allowed one.
  fs.cpSync(path.join(FIX, 'catalog-bad'), path.join(dir, 'team2'), { recursive: true });
  fs.writeFileSync(path.join(cwd, '.stylebook.yaml'), 'catalog:\n  paths: [../team2]\n');
  assert.match(run(['lint', '--allow-outside-catalog', '../team', 'clean.yaml'], { cwd }).stderr, /lies outside the workspace/);
  assert.match(run(['--help']).stdout, /--allow-outside-catalog <folder>/);
  assert.match(run(['lint', '--help']).stdout, /--allow-outside-catalog <folder>/);
});

test('words that are names of object properties (constructor, valueOf, __proto__, toString) are plain words, never flags or commands', () => {
  for (const word of ['constructor', 'valueOf', '__proto__', 'toString', 'hasOwnProperty']) {
    const search = run(['search', word]);
    assert.ok(search.status === 0 || search.status === 1, `search ${word} → ${search.status}: ${search.stderr}`);
    assert.doesNotMatch(search.stderr, /needs a value|internal error|TypeError/, word);
    const topic = run(['topic', word]);
    assert.ok(topic.status === 0 || topic.status === 1, `topic ${word} → ${topic.status}: ${topic.stderr}`);
    const command = run([word]);
    assert.equal(command.status, 2);
    assert.match(command.stderr, new RegExp(`unknown command "${word}"\\nRun "stylebook --help" for usage`));
    const help = run(['help', word]);
    assert.equal(help.status, 2);
    assert.match(help.stderr, new RegExp(`no help for "${word}"`));
  }
  assert.match(run(['search', 'constructor']).stderr, /no topic matches "constructor"/);
});

test('-j above the number of cores is capped, with a note saying so; the report is the same', () => {
  const r = run(['lint', '-j', '512', '-f', 'json', 'warnings.yaml', 'clean.yaml']);
  assert.match(r.stderr, /stylebook: -j 512 is more than the \d+ cores? of this machine; using \d+/);
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout).summary, JSON.parse(run(['lint', '-f', 'json', 'warnings.yaml', 'clean.yaml']).stdout).summary);
  assert.doesNotMatch(run(['lint', '-j', '1', 'clean.yaml']).stderr, /cores/);
});

test('a report that cannot be written (stdout is /dev/full) is one line on stderr and exit 2, not a stack trace', { skip: fs.existsSync('/dev/full') ? false : 'no /dev/full here' }, () => {
  for (const args of [['lint', 'warnings.yaml'], ['topic', '404'], ['--help']]) {
    const out = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: FIX, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr, 'stylebook: cannot write to stdout: ENOSPC (no space left on the device)\n', args.join(' '));
    } finally {
      fs.closeSync(out);
    }
  }
});

test('--max-problems-per-file: each format shows at most n problems per file and says how many more; totals, exit codes and --max-warnings count them all', () => {
  const dir = scratch();
  // A name with the characters SARIF URIs and workflow commands must encode.
  const name = 'many #1? 100%, ok.yaml';
  fs.writeFileSync(path.join(dir, name), manyWarningsSpec(1200));
  const all = JSON.parse(run(['lint', '-f', 'json', '--max-problems-per-file', '0', name], { cwd: dir }).stdout) as { files: { problems: unknown[]; notShown?: number }[]; summary: Record<string, number> };
  const total = all.files[0].problems.length;
  assert.ok(total >= 1200, `${total}`);
  assert.equal(all.files[0].notShown, undefined);

  const json = run(['lint', '-f', 'json', '--max-problems-per-file', '5', '--fail-on', 'warning', name], { cwd: dir });
  assert.equal(json.status, 1);
  const capped = JSON.parse(json.stdout) as typeof all;
  assert.equal(capped.files[0].problems.length, 5);
  assert.equal(capped.files[0].notShown, total - 5);
  assert.deepEqual(capped.summary, all.summary, 'the totals count every problem');

  const stylish = run(['lint', '--max-problems-per-file', '5', name], { cwd: dir });
  assert.match(stylish.stdout, new RegExp(`… ${(total - 5).toLocaleString('en-US')} more problems in this file not shown \\(--max-problems-per-file\\)`));
  assert.match(stylish.stdout, new RegExp(`✖ ${total} problems`));
  // The default cap is 1000.
  assert.match(run(['lint', name], { cwd: dir }).stdout, new RegExp(`… ${(total - 1000).toLocaleString('en-US')} more problems in this file not shown`));
  assert.equal(run(['lint', '--max-problems-per-file', '5', '--max-warnings', '10', name], { cwd: dir }).status, 1, 'hidden warnings count for --max-warnings');

  const github = run(['lint', '-f', 'github', '--max-problems-per-file', '5', name], { cwd: dir }).stdout.trim().split('\n');
  assert.equal(github.length, 6);
  assert.equal(github[5], `::notice file=many #1? 100%25%2C ok.yaml,title=stylebook::${(total - 5).toLocaleString('en-US')} more problems in this file not shown (--max-problems-per-file)`);
  assert.ok(github.every((l) => l.startsWith('::warning file=many #1? 100%25%2C ok.yaml,') || l === github[5]));

  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
  const sarif = JSON.parse(run(['lint', '-f', 'sarif', '--max-problems-per-file', '5', name], { cwd: dir }).stdout) as {
    runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
  };
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  assert.equal(sarif.runs[0].results.length, 5);
  const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
  assert.equal(uri, 'many%20%231%3F%20100%25%2C%20ok.yaml');
  assert.equal(decodeURIComponent(new URL(uri, 'file:///checkout/').pathname), `/checkout/${name}`, '# and ? stay in the path');
  assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => [n.level, n.message.text]),
    [['note', `${(total - 5).toLocaleString('en-US')} more problems in this file not shown (--max-problems-per-file)`]]);
  assert.match(run(['lint', '--max-problems-per-file', '-1', name], { cwd: dir }).stderr, /--max-problems-per-file (must be a whole number|needs a value)/);
});

test('lint: 3,000-level block YAML is one clear syntax error (the one the editor shows), not a stack overflow', () => {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, 'deep.yaml'), deepBlockSpec(3000));
  const r = run(['lint', '-f', 'json', 'deep.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  const problems = (JSON.parse(r.stdout) as { files: { problems: { ruleId: string; line: number; message: string }[] }[] }).files[0].problems;
  assert.deepEqual(problems.map((p) => [p.ruleId, p.line, p.message]),
    [['syntax', 504, 'Nesting deeper than 500 levels is not supported; this value is skipped.']]);
  assert.doesNotMatch(r.stderr, /call stack/);
});
