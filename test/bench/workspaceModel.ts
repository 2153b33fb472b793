/**
 * The workspace model (issue 16): how long the server takes to read a
 * 2,000-file repository (1,000 Express handler files of three routes each,
 * 1,000 other source files, one spec of 3,000 operations) into its model of
 * routes and statuses, reported by its work-done progress, and how long
 * hovers in an open spec wait meanwhile; then once more with no hovers
 * asked, with the server's CPU time. The promise is a model ready within
 * 5 s that never delays a hover. Run on its own:
 * `node out/test/bench/workspaceModel.js`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../protocol/lspClient';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x: number) => Math.round(x * 10) / 10;

/** Writes the synthetic repository and returns its folder. */
function repository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-model-bench-'));
  fs.mkdirSync(path.join(dir, 'src', 'routes'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
  const spec = ['openapi: 3.0.3', 'info:', '  title: Bench', "  version: '1'", 'paths:'];
  for (let i = 0; i < 1000; i++) {
    fs.writeFileSync(path.join(dir, 'src', 'routes', `r${i}.js`), [
      "const router = require('express').Router();",
      `router.get('/things${i}/:id', (req, res) => { if (!req.params.id) return res.status(404).json({}); res.status(200).json({ id: req.params.id }); });`,
      `router.post('/things${i}', (req, res) => { res.status(201).json({}); });`,
      `router.delete('/things${i}/:id', (req, res) => { res.status(409).json({}); });`,
      'module.exports = router;', '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'src', 'lib', `util${i}.js`), `export function f${i}(x) { return x * ${i}; }\n`);
    spec.push(`  /things${i}/{id}:`, '    get:', '      responses:', "        '200':", '          description: ok', "        '404':", '          description: missing',
      '    delete:', '      responses:', "        '204':", '          description: gone');
    spec.push(`  /things${i}:`, '    post:', '      responses:', "        '201':", '          description: made');
  }
  fs.writeFileSync(path.join(dir, 'openapi.yaml'), `${spec.join('\n')}\n`);
  return dir;
}

/**
 * The CPU time the server process has used so far, all its threads (user
 * and system, from /proc on Linux): on a shared machine, wall time swings
 * with the other builds' load, CPU time much less.
 */
function serverCpuMs(client: LspClient): number | undefined {
  try {
    const pid = (client as unknown as { proc: { pid: number } }).proc.pid;
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command's closing parenthesis.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Starts the server on the repository with the spec open and times its model
 * from `initialize` to the end of its progress; with `hover`, asks for a
 * hover in the spec over and over meanwhile and returns their latencies.
 */
async function run(dir: string, hover: boolean): Promise<{ ready: number; hovers: number[]; cpu?: number }> {
  const client = new LspClient();
  try {
    const t0 = performance.now();
    let ended: number | undefined;
    let cpu: number | undefined;
    let begun = false;
    const progress = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        for (const n of client.notifications) {
          if (n.method !== '$/progress') continue;
          if (n.params?.value?.kind === 'begin' && /routes and specs/.test(n.params.value.title)) begun = true;
          if (begun && n.params?.value?.kind === 'end') { ended = performance.now(); cpu = serverCpuMs(client); clearInterval(poll); resolve(); }
        }
      }, 5);
    });
    await client.initialize(pathToFileURL(dir).toString(), undefined, { window: { workDoneProgress: true } });
    const spec = pathToFileURL(path.join(dir, 'openapi.yaml')).toString();
    const text = fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8');
    client.open(spec, 'yaml', text);
    const line = text.split('\n').findIndex((l) => l.includes("'404'"));
    const hovers: number[] = [];
    while (hover && ended === undefined && performance.now() - t0 < 120_000) {
      const t = performance.now();
      const h = await client.hover(spec, line, 10);
      if (!h) throw new Error('no hover while the model was read');
      hovers.push(performance.now() - t);
    }
    await progress;
    return { ready: ended! - t0, hovers, cpu };
  } finally {
    await client.close();
  }
}

/** The figures for npm run bench. */
export async function benchWorkspaceModel(): Promise<Record<string, number | string>> {
  const dir = repository();
  try {
    const { ready, hovers } = await run(dir, true);
    // The same without the stream of hovers, whose answers compete with the scan for the two cores.
    const quiet = await run(dir, false);
    return {
      'files in the repository': 2001,
      'model ready after initialize (ms)': Math.round(ready),
      'hovers answered meanwhile': hovers.length,
      'hover p50 (ms)': round(percentile(hovers, 0.5)),
      'hover p95 (ms)': round(percentile(hovers, 0.95)),
      'hover max (ms)': round(Math.max(...hovers)),
      'model ready, no hovers asked (ms)': Math.round(quiet.ready),
      'server CPU until then, all threads (ms)': quiet.cpu === undefined ? 'n/a (no /proc)' : Math.round(quiet.cpu),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchWorkspaceModel().then((f) => console.log(f), (e) => { console.error(e); process.exit(1); });
