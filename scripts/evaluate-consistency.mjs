// Re-runs the code-and-spec consistency evaluation of
// docs/real-world-evaluation.md: for each repository of
// scripts/evaluation-repos.json (owner/name, commit, optionally the paths to
// lint, folders the mirror lacks files of, and a .stylebook.yaml text),
// extracts that commit from a bare mirror into a fresh temporary folder,
// runs the built CLI (`stylebook lint --format json` and `stylebook routes`)
// there, and prints one line per consistency finding and per repository the
// number of routes, matched, ambiguous routes and findings. The
// output is stable (sorted, no timings), so two runs can be compared with
// diff after other changes land.
//
//   node scripts/evaluate-consistency.mjs [--only owner/name ...] [--json file] [--keep]
//
// Mirrors are looked up under $EVAL_MIRROR (default /work/.mirror) as
// <owner>+<name>/repo, <owner>+<name>/repo/.git, <owner>+<name>.git or
// <owner>/<name>. With EVAL_CLONE=1 a repository missing there is cloned
// bare from GitHub into the temporary folder instead. A repository that
// cannot be had, or whose commit is not in its mirror, stops the run with
// exit code 2 before anything is linted: an evaluation that silently skips a
// repository cannot be compared with the last one.
// Expects dist/ to be built (`npx tsc -b && node scripts/bundle.mjs`).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist', 'cli.js');
const CONSISTENCY_RULES = new Set(['code-status-undocumented', 'code-route-undocumented', 'spec-status-unanswered']);

const argv = process.argv.slice(2);
const only = [];
let jsonOut;
let keep = false;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--only' && argv[i + 1]) only.push(argv[++i]);
  else if (argv[i] === '--json' && argv[i + 1]) jsonOut = path.resolve(argv[++i]);
  else if (argv[i] === '--keep') keep = true;
  else fail(`unknown argument ${argv[i]} (expected --only owner/name, --json file, --keep)`);
}

function fail(message) {
  console.error(`evaluate-consistency: ${message}`);
  process.exit(2);
}

if (!fs.existsSync(cli)) fail(`${path.relative(root, cli)} is missing: run \`npx tsc -b && node scripts/bundle.mjs\` first`);

const listFile = path.join(root, 'scripts', 'evaluation-repos.json');
const entries = JSON.parse(fs.readFileSync(listFile, 'utf8')).repositories;
const selected = only.length ? entries.filter((e) => only.includes(e.repo)) : entries;
for (const name of only) if (!entries.some((e) => e.repo === name)) fail(`${name} is not in ${path.relative(root, listFile)}`);

const mirrorRoot = process.env.EVAL_MIRROR || '/work/.mirror';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-eval-'));

/** The bare git directory holding a repository, or undefined. */
function findMirror(repo) {
  const [owner, name] = repo.split('/');
  const candidates = [
    path.join(mirrorRoot, `${owner}+${name}`, 'repo', '.git'),
    path.join(mirrorRoot, `${owner}+${name}`, 'repo'),
    path.join(mirrorRoot, `${owner}+${name}.git`),
    path.join(mirrorRoot, owner, name),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects')));
}

/** Finds (or, with EVAL_CLONE=1, clones) every repository's commit before linting any, so that a missing one fails the run up front. */
function locate(entry) {
  let gitDir = findMirror(entry.repo);
  if (!gitDir && process.env.EVAL_CLONE === '1') {
    gitDir = path.join(work, 'git', entry.repo.replace('/', '+'));
    const r = spawnSync('git', ['clone', '--quiet', '--bare', `https://github.com/${entry.repo}.git`, gitDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) return { error: `could not clone ${entry.repo}: ${String(r.stderr).trim()}` };
  }
  if (!gitDir) return { error: `${entry.repo}: no mirror under ${mirrorRoot} (set EVAL_MIRROR, or EVAL_CLONE=1 to clone it)` };
  const r = spawnSync('git', ['--git-dir', gitDir, 'rev-parse', '--verify', '--quiet', `${entry.commit}^{commit}`], { encoding: 'utf8' });
  if (r.status !== 0) return { error: `${entry.repo}: commit ${entry.commit} is not in ${gitDir}` };
  return { gitDir, commit: r.stdout.trim() };
}

const located = selected.map((entry) => ({ entry, ...locate(entry) }));
const missing = located.filter((l) => l.error);
if (missing.length) {
  for (const m of missing) console.error(`evaluate-consistency: ${m.error}`);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(2);
}

/** Runs the CLI in `cwd`; exit codes 0 and 1 are results, anything else is a failure of the run. */
function runCli(cwd, args) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`stylebook ${args.join(' ')} exited ${r.status} in ${cwd}:\n${r.stderr}`);
  return r.stdout;
}

/** Parses `stylebook routes` lines: `file:line:col  METHOD path  match  statuses`. */
function parseRoutes(text) {
  return text.split('\n').filter(Boolean).map((line) => {
    const [where, route, match = '', statuses = ''] = line.split(/ {2,}/);
    return { where, route, match, statuses };
  });
}

const results = [];
let failed = false;
for (const [index, { entry, gitDir, commit }] of located.entries()) {
  // One folder per entry: the same repository may be listed twice with different paths.
  const dir = path.join(work, `${index}-${entry.repo.replace('/', '+')}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    // Only the linted paths are extracted (with the root .gitignore, which decides what a folder walk skips), and
    // `absent` folders are left out: some mirrors lack their largest files, and archiving those would fail.
    const wanted = [...(entry.paths ?? (entry.absent ? ['.'] : [])), ...(entry.absent ?? []).map((p) => `:(exclude)${p}`)];
    if (entry.paths && execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '--name-only', commit, '.gitignore'], { encoding: 'utf8' }).trim()) wanted.push('.gitignore');
    const tarFile = `${dir}.tar`;
    execFileSync('git', ['--git-dir', gitDir, 'archive', '-o', tarFile, commit, '--', ...wanted], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('tar', ['-x', '-f', tarFile, '-C', dir]);
    fs.rmSync(tarFile);
    if (entry.config) fs.writeFileSync(path.join(dir, '.stylebook.yaml'), entry.config);
    const targets = entry.paths ?? ['.'];
    const report = JSON.parse(runCli(dir, ['lint', ...targets, '--format', 'json', '--max-problems-per-file', '0', '--no-error-on-unmatched-pattern']));
    const routes = parseRoutes(runCli(dir, ['routes', ...targets]));
    const findings = [];
    for (const file of report.files) {
      for (const p of file.problems) {
        if (CONSISTENCY_RULES.has(p.ruleId)) findings.push({ file: file.path, line: p.line, rule: p.ruleId, message: p.message });
      }
    }
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    results.push({
      repo: entry.repo, commit: commit.slice(0, 12), paths: entry.paths ?? ['.'],
      routes: routes.length,
      matched: routes.filter((r) => r.match.includes('#/')).length,
      ambiguous: routes.filter((r) => r.match.startsWith('ambiguous')).length,
      findings,
      routeLines: routes,
    });
  } catch (error) {
    failed = true;
    console.error(`evaluate-consistency: ${entry.repo}: ${error.message}`);
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const r of results) {
  for (const f of r.findings) console.log(`${r.repo}\t${f.file}:${f.line}\t${f.rule}\t${f.message.replace(/\s+/g, ' ')}`);
}
console.log('');
console.log('repository\tcommit\troutes\tmatched\tambiguous\tfindings');
for (const r of results) console.log(`${r.repo}${r.paths.join(',') === '.' ? '' : ` (${r.paths.join(', ')})`}\t${r.commit}\t${r.routes}\t${r.matched}\t${r.ambiguous}\t${r.findings.length}`);
const total = results.reduce((n, r) => n + r.findings.length, 0);
console.log(`total\t\t${results.reduce((n, r) => n + r.routes, 0)}\t${results.reduce((n, r) => n + r.matched, 0)}\t${results.reduce((n, r) => n + r.ambiguous, 0)}\t${total}`);
if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
if (keep) console.error(`evaluate-consistency: extracted copies kept in ${work}`);
else fs.rmSync(work, { recursive: true, force: true });
process.exit(failed ? 2 : 0);
