// `npm run bench:cli`: stylebook lint vs spectral lint vs redocly lint on
// GitHub's REST description (JSON and YAML), wall time, peak RSS and ratios.
// Options: --skip-spectral, --skip-redocly, --timeout <seconds>, --runs <n>, --redocly-runs <n>,
// --only-staged (only one staged spec as a pre-commit hook lints it, start-up included).
// Expects `npm run build` to have run (the npm script does it).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { benchCli, formatCliBench } = require(path.join(root, 'out', 'test', 'bench', 'cli.js'));

const argv = process.argv.slice(2);
const value = (flag, fallback) => {
  const i = argv.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${flag} needs a positive number`);
    process.exit(2);
  }
  return n;
};
const result = await benchCli({
  skipSpectral: argv.includes('--skip-spectral'),
  skipRedocly: argv.includes('--skip-redocly'),
  timeoutSeconds: value('--timeout', 300),
  runs: value('--runs', 5),
  redoclyRuns: value('--redocly-runs', 5),
  onlyStaged: argv.includes('--only-staged'),
});
console.log(formatCliBench(result));
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
// The staged run alone must not overwrite the full run's figures.
const out = argv.includes('--only-staged') ? 'cli-staged.json' : 'cli.json';
fs.writeFileSync(path.join(root, 'bench-results', out), `${JSON.stringify(result, null, 2)}\n`);
