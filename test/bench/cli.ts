import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The CLI benchmark: `stylebook lint` against `spectral lint` (spectral:oas)
 * and `redocly lint` (recommended rules) on GitHub's REST description, as JSON
 * and as YAML, side by side in one run. Each tool runs as a child process
 * under /usr/bin/time, so wall time and peak RSS are measured the same way
 * for all three, start-up included, as a CI job would pay them.
 */

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const GITHUB_JSON = path.join(ROOT, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
const CACHE = path.join(ROOT, '.cache', 'bench');
const GITHUB_YAML = path.join(CACHE, 'api.github.com.yaml');
const TIME = '/usr/bin/time';

export interface CliBenchOptions {
  /** Skip Spectral (about 190 s and 2.3 GB on the JSON). */
  skipSpectral?: boolean;
  /** Skip Redocly. */
  skipRedocly?: boolean;
  /** Per-run limit for the other tools, in seconds; a run over it is reported as a timeout. */
  timeoutSeconds?: number;
  /** Runs of `stylebook lint` per format (default 5); the median is reported. */
  runs?: number;
  /**
   * Runs of `redocly lint` per format (default 5), interleaved with
   * stylebook's so that both see the same machine; medians are compared.
   * Spectral, at minutes a run, runs once.
   */
  redoclyRuns?: number;
  /** Files in the many-files run (copies of examples/petstore.yaml), linted on one thread and on workers. */
  manyFiles?: number;
  /** Progress lines (default: to stderr). */
  log?: (line: string) => void;
  /** Only the staged-file run (`benchStaged`), without GitHub's description or the other tools. */
  onlyStaged?: boolean;
}

interface Measure {
  seconds: number;
  /** User plus system CPU time: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  rssMB: number;
  status: number | null;
  timedOut: boolean;
  /** Problems the tool reported, when its output could be counted. */
  problems?: number;
}

/** Writes the YAML form of GitHub's description once (git-ignored cache), converted with the `yaml` package. */
export async function githubYaml(): Promise<string> {
  if (fs.existsSync(GITHUB_YAML) && fs.statSync(GITHUB_YAML).mtimeMs >= fs.statSync(GITHUB_JSON).mtimeMs) return GITHUB_YAML;
  const YAML = await import('yaml');
  fs.mkdirSync(CACHE, { recursive: true });
  const tmp = `${GITHUB_YAML}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, YAML.stringify(JSON.parse(fs.readFileSync(GITHUB_JSON, 'utf8')), { lineWidth: 0, aliasDuplicateObjects: false }));
  fs.renameSync(tmp, GITHUB_YAML);
  return GITHUB_YAML;
}

/** Runs a command under /usr/bin/time -v; stdout is kept for counting problems. */
function measure(cmd: string[], timeoutSeconds: number, cwd: string, extraEnv: Record<string, string> = {}): Promise<Measure & { stdout: string }> {
  return new Promise((resolve) => {
    const hasTime = fs.existsSync(TIME);
    const argv = hasTime ? [TIME, '-v', ...cmd] : cmd;
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: '1', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout kills the tool and not only /usr/bin/time.
      detached: true,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); if (err.length > 1 << 20) err = err.slice(-65536); });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutSeconds * 1000);
    child.on('close', (status) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(err);
      const exit = /Exit status: (\d+)/.exec(err);
      resolve({
        seconds, cpuSeconds: user && sys ? Number(user[1]) + Number(sys[1]) : NaN, rssMB: rss ? Number(rss[1]) / 1024 : NaN, status: exit ? Number(exit[1]) : status, timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
      });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the side-by-side benchmark; keys are stable so the lead's bench table can show them. */
export async function benchCli(options: CliBenchOptions = {}): Promise<Record<string, number | string>> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (options.onlyStaged) return benchStaged(Math.max(options.runs ?? 10, 10), log);
  const timeout = options.timeoutSeconds ?? 300;
  const runs = options.runs ?? 5;
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-bench-'));
  const ruleset = path.join(work, '.spectral.yaml');
  fs.writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');
  const inputs: Record<string, string> = { json: GITHUB_JSON, yaml: await githubYaml() };
  const result: Record<string, number | string> = {
    'cli.input': `GitHub REST description (${(fs.statSync(GITHUB_JSON).size / 1e6).toFixed(1)} MB JSON, ${(fs.statSync(inputs.yaml).size / 1e6).toFixed(1)} MB YAML)`,
    'cli.cores': os.availableParallelism?.() ?? os.cpus().length,
  };
  const bin = (pkg: string, rel: string) => path.join(ROOT, 'node_modules', pkg, rel);
  const redoclyRuns = options.skipRedocly ? 0 : options.redoclyRuns ?? 5;
  const redoclyCmd = (file: string) => [process.execPath, bin('@redocly/cli', 'bin/cli.js'), 'lint', '--format', 'json', file];
  for (const [format, file] of Object.entries(inputs)) {
    // Stylebook and Redocly take turns, so that a machine that speeds up or slows down during the run affects both alike.
    const ours: Measure[] = [];
    const redocly: Measure[] = [];
    for (let i = 0; i < Math.max(runs, redoclyRuns); i++) {
      if (i < runs) {
        const m = await measure([process.execPath, cli, 'lint', '--format', 'json', file], timeout, work);
        const parsed = safeJson(m.stdout) as { summary?: { error: number; warning: number; info: number; hint: number } } | undefined;
        const s = parsed?.summary;
        ours.push({ ...m, problems: s ? s.error + s.warning + s.info + s.hint : undefined });
      }
      if (i < redoclyRuns) {
        log(`redocly lint (${format}): run ${i + 1} of ${redoclyRuns} (timeout ${timeout} s)…`);
        redocly.push(await measure(redoclyCmd(file), timeout, work));
      }
    }
    const sb = { seconds: median(ours.map((m) => m.seconds)), cpuSeconds: median(ours.map((m) => m.cpuSeconds)), rssMB: median(ours.map((m) => m.rssMB)), problems: ours[0].problems };
    result[`cli.stylebook.${format}.s`] = round(sb.seconds);
    result[`cli.stylebook.${format}.cpuS`] = round(sb.cpuSeconds);
    result[`cli.stylebook.${format}.rssMB`] = Math.round(sb.rssMB);
    result[`cli.stylebook.${format}.problems`] = sb.problems ?? 'n/a';
    log(`stylebook lint (${format}): ${sb.seconds.toFixed(2)} s wall, ${sb.cpuSeconds.toFixed(2)} s CPU (medians of ${runs}), ${Math.round(sb.rssMB)} MB, ${sb.problems ?? '?'} problems`);

    const others: [string, string[], boolean][] = [
      ['redocly', redoclyCmd(file), !options.skipRedocly],
      ['spectral', [process.execPath, bin('@stoplight/spectral-cli', 'dist/index.js'), 'lint', '-r', ruleset, '-f', 'json', '--quiet', file], !options.skipSpectral],
    ];
    for (const [tool, cmd, enabled] of others) {
      if (!enabled) {
        result[`cli.${tool}.${format}.s`] = 'skipped';
        continue;
      }
      let m: Measure & { runs?: number };
      if (tool === 'redocly') {
        // Medians of the interleaved runs above (a timed-out run counts as one).
        const timedOut = redocly.some((r) => r.timedOut);
        m = { ...redocly[0], seconds: median(redocly.map((r) => r.seconds)), cpuSeconds: median(redocly.map((r) => r.cpuSeconds)), rssMB: median(redocly.map((r) => r.rssMB)), timedOut, runs: redocly.length };
      } else {
        log(`${tool} lint (${format}): running (timeout ${timeout} s)…`);
        m = await measure(cmd, timeout, work);
      }
      if (m.timedOut) {
        result[`cli.${tool}.${format}.s`] = `timeout (> ${timeout} s)`;
        result[`cli.ratio.${tool}/stylebook.${format}`] = `> ${round(timeout / sb.seconds)}`;
        log(`${tool} lint (${format}): timed out after ${timeout} s`);
        continue;
      }
      result[`cli.${tool}.${format}.s`] = round(m.seconds);
      result[`cli.${tool}.${format}.cpuS`] = round(m.cpuSeconds);
      result[`cli.${tool}.${format}.rssMB`] = Math.round(m.rssMB);
      result[`cli.ratio.${tool}/stylebook.${format}.time`] = round(m.seconds / sb.seconds);
      result[`cli.ratio.${tool}/stylebook.${format}.rss`] = round(m.rssMB / sb.rssMB);
      if (m.runs) result[`cli.${tool}.${format}.runs`] = m.runs;
      log(`${tool} lint (${format}): ${m.seconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU${m.runs ? ` (medians of ${m.runs})` : ''}, ${Math.round(m.rssMB)} MB (exit ${m.status}); ${(m.seconds / sb.seconds).toFixed(1)}× stylebook's time`);
    }
  }
  // Many files: the worker pool against one thread, on copies of the example spec.
  const many = path.join(work, 'many');
  fs.mkdirSync(many);
  const example = fs.readFileSync(path.join(ROOT, 'examples', 'petstore.yaml'), 'utf8');
  const count = options.manyFiles ?? 400;
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(many, `spec-${String(i).padStart(4, '0')}.yaml`), example.replace('title: Pet Store', `title: Pet Store ${i}`));
  // The pool is measured with one worker per core, asked for explicitly: by default it is not used on fewer than 3 cores.
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  for (const [label, jobs] of [['1 thread', ['--jobs', '1']], ['workers', ['--jobs', String(Math.max(2, cores))]]] as const) {
    const ms: Measure[] = [];
    for (let i = 0; i < runs; i++) ms.push(await measure([process.execPath, cli, 'lint', '--format', 'json', ...jobs, many], timeout, work));
    const key = label === '1 thread' ? 'one' : 'workers';
    result[`cli.many.${key}.s`] = round(median(ms.map((m) => m.seconds)));
    result[`cli.many.${key}.cpuS`] = round(median(ms.map((m) => m.cpuSeconds)));
    result[`cli.many.${key}.rssMB`] = Math.round(median(ms.map((m) => m.rssMB)));
    log(`stylebook lint, ${count} files, ${label}: ${result[`cli.many.${key}.s`]} s wall, ${result[`cli.many.${key}.cpuS`]} s CPU, ${result[`cli.many.${key}.rssMB`]} MB`);
  }
  result['cli.many.files'] = count;
  fs.rmSync(work, { recursive: true, force: true });
  return { ...result, ...(await benchStaged(Math.max(runs, 10), log)) };
}

/**
 * What a pre-commit hook pays: `stylebook lint --ignore-unknown` on the
 * files of one commit (examples/petstore.yaml, 3 KB, and a package.json it
 * skips), start-up included, with the compiled-code cache cold (turned off)
 * and warm (as from the second commit on), beside `node -e 0` for the part
 * no program can avoid. Medians of `runs`.
 */
export async function benchStaged(runs: number, log: (line: string) => void = () => {}): Promise<Record<string, number | string>> {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-bench-staged-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'examples', 'petstore.yaml'), path.join(work, 'petstore.yaml'));
    fs.writeFileSync(path.join(work, 'package.json'), '{ "name": "app", "private": true }\n');
    const cache = path.join(work, '.cache');
    const lint = [process.execPath, cli, 'lint', '--ignore-unknown', 'petstore.yaml', 'package.json'];
    const variants: [string, string[], Record<string, string>][] = [
      ['node', [process.execPath, '-e', '0'], {}],
      ['cold', lint, { STYLEBOOK_CODE_CACHE: '0' }],
      ['warm', lint, { XDG_CACHE_HOME: cache }],
    ];
    // One run fills the warm cache before anything is timed.
    await measure(lint, 60, work, { XDG_CACHE_HOME: cache });
    const times: Record<string, Measure[]> = { node: [], cold: [], warm: [] };
    // Taking turns, so that a machine that speeds up or slows down affects all three alike.
    for (let i = 0; i < runs; i++) {
      for (const [name, cmd, env] of variants) {
        const m = await measure(cmd, 60, work, env);
        if (name !== 'node' && m.status !== 0) throw new Error(`stylebook lint exited with ${m.status}: ${m.stdout.slice(0, 500)}`);
        times[name].push(m);
      }
    }
    const result: Record<string, number | string> = { 'cli.staged.runs': runs };
    for (const name of ['node', 'cold', 'warm']) {
      result[`cli.staged.${name}.s`] = round(median(times[name].map((m) => m.seconds)));
      result[`cli.staged.${name}.cpuS`] = round(median(times[name].map((m) => m.cpuSeconds)));
      result[`cli.staged.${name}.rssMB`] = Math.round(median(times[name].map((m) => m.rssMB)));
    }
    log(`one staged spec: ${result['cli.staged.warm.s']} s warm, ${result['cli.staged.cold.s']} s without the code cache, node -e 0 ${result['cli.staged.node.s']} s (medians of ${runs})`);
    return result;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A table of the results, tools side by side per format. */
export function formatCliBench(r: Record<string, number | string>): string {
  const lines = r['cli.input'] === undefined ? [`${os.availableParallelism?.() ?? os.cpus().length} cores`] : [`${r['cli.input']}; ${r['cli.cores']} cores`, '', '| tool | format | wall time | CPU time | peak RSS | time vs stylebook | RSS vs stylebook |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const format of ['json', 'yaml']) {
    for (const tool of ['stylebook', 'redocly', 'spectral']) {
      const s = r[`cli.${tool}.${format}.s`];
      if (s === undefined) continue;
      const rss = r[`cli.${tool}.${format}.rssMB`];
      const cpu = r[`cli.${tool}.${format}.cpuS`];
      const tr = tool === 'stylebook' ? '1' : r[`cli.ratio.${tool}/stylebook.${format}.time`] ?? r[`cli.ratio.${tool}/stylebook.${format}`] ?? '';
      const rr = tool === 'stylebook' ? '1' : r[`cli.ratio.${tool}/stylebook.${format}.rss`] ?? '';
      lines.push(`| ${tool} | ${format} | ${typeof s === 'number' ? `${s} s` : s} | ${cpu !== undefined ? `${cpu} s` : ''} | ${rss !== undefined ? `${rss} MB` : ''} | ${tr}${typeof tr === 'number' ? '×' : ''} | ${rr}${typeof rr === 'number' ? '×' : ''} |`);
    }
  }
  if (r['cli.staged.warm.s'] !== undefined) {
    lines.push('', `One staged spec (pre-commit: petstore.yaml and a package.json, --ignore-unknown), start-up included, median of ${r['cli.staged.runs']}: ${r['cli.staged.warm.s']} s with the code cache warm (${r['cli.staged.warm.cpuS']} s CPU, ${r['cli.staged.warm.rssMB']} MB), ${r['cli.staged.cold.s']} s without it; \`node -e 0\` ${r['cli.staged.node.s']} s`);
  }
  if (r['cli.many.files'] !== undefined) {
    lines.push('', `${r['cli.many.files']} small specifications: one thread ${r['cli.many.one.s']} s (${r['cli.many.one.cpuS']} s CPU), worker threads ${r['cli.many.workers.s']} s (${r['cli.many.workers.cpuS']} s CPU)`);
  }
  return lines.join('\n');
}

// Runnable on its own: `node out/test/bench/cli.js [--skip-spectral] [--skip-redocly]`.
if (require.main === module) {
  const argv = process.argv.slice(2);
  benchCli({ skipSpectral: argv.includes('--skip-spectral'), skipRedocly: argv.includes('--skip-redocly'), onlyStaged: argv.includes('--only-staged') })
    .then((r) => console.log(formatCliBench(r)))
    .catch((e: Error) => {
      console.error(e.message);
      process.exitCode = 1;
    });
}
