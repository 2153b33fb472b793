/**
 * Hostile documents (alias bombs, `$ref` cycles, nesting far past the
 * parsers' limits; see test/helpers/hostile.ts): the wall time of
 * `node dist/cli.js lint` on each, start-up included, as a user pays it.
 * Each must stay under 2 s. The median of three runs is reported, with the
 * exit code. Runnable on its own: `node out/test/bench/hostile.js`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostileFiles } from '../helpers/hostile';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RUNS = 3;

/** Lints each hostile file with the CLI; the figures are median seconds and the exit code. */
export async function benchHostile(): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-bench-hostile-'));
  const out: Record<string, string> = {};
  try {
    for (const f of hostileFiles()) {
      fs.writeFileSync(path.join(dir, f.name), f.text);
      const times: number[] = [];
      let status: number | null = null;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        // A run over a minute is reported as such rather than waited for.
        const r = spawnSync(process.execPath, [CLI, 'lint', '-f', 'json', f.name], { cwd: dir, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
        times.push((performance.now() - t0) / 1000);
        status = r.signal ? null : r.status;
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const kb = Math.round(Buffer.byteLength(f.text) / 1024);
      out[`${f.name} (${kb} KB), s`] = `${median.toFixed(2)}${status === null ? ' (timed out)' : ` (exit ${status})`}${median >= 2 ? '  OVER 2 s' : ''}`;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (require.main === module) {
  benchHostile().then((figures) => {
    for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)}  ${v}`);
  }, (e) => {
    console.error(e);
    process.exit(1);
  });
}
