/**
 * The `stylebook` executable (dist/cli.js): a few lines that load the CLI
 * bundle (dist/cli-main.js) through V8's code cache.
 *
 * Compiling the 1 MB bundle, and the functions a lint run then needs, costs
 * a cold process about 30–50 ms, a tenth of linting GitHub's 13 MB
 * description. After the first run the compiled code is kept in the user's
 * cache folder and handed back to V8, which checks it and recompiles when it
 * does not fit. Node 22 has this built in (`module.enableCompileCache`); this
 * does the same on Node 20. The cache is keyed by a hash of the bundle taken
 * at build time, so a rebuilt bundle never meets an old cache, and by the
 * Node version and architecture. `STYLEBOOK_CODE_CACHE=0` turns it off; any
 * failure to read or write it is ignored.
 *
 * This file must stay small and must not import the bundle: whatever it
 * loads is compiled without the cache.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/** Set by the build (scripts/bundle.mjs) to a hash of dist/cli-main.js. */
declare const STYLEBOOK_BUNDLE_HASH: string;

const bundle = path.join(__dirname, 'cli-main.js');

function cacheFile(): string | undefined {
  if (process.env.STYLEBOOK_CODE_CACHE === '0' || typeof STYLEBOOK_BUNDLE_HASH !== 'string') return undefined;
  let base = process.env.XDG_CACHE_HOME;
  if (!base) {
    try {
      base = path.join(os.homedir(), '.cache');
    } catch {
      return undefined;
    }
  }
  // `lint` compiles much more of the bundle than `--version` or `topic`, so it keeps a cache of its own.
  const command = process.argv[2] === 'lint' ? 'lint' : 'other';
  return path.join(base, 'stylebook', `cli-${STYLEBOOK_BUNDLE_HASH}-${process.version}-${process.arch}-${command}.bin`);
}

const file = cacheFile();
let cachedData: Buffer | undefined;
if (file) {
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    // No cache yet: this run compiles and writes one.
  }
}
const source = fs.readFileSync(bundle, 'utf8');
// The same wrapper Node puts around a CommonJS module.
// No `importModuleDynamically`: on Node 20 a script compiled from cached data
// loses it, so the bundle must not use `import()` (the build checks this).
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
if (file && isMainThread && (!cachedData || script.cachedDataRejected)) {
  // Written at exit, so the cache also holds the functions this run compiled.
  process.once('exit', () => {
    try {
      const data = script.createCachedData();
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, data, { mode: 0o600 });
      fs.renameSync(tmp, file);
    } catch {
      // A read-only home or a full disk only costs the next run its cache.
    }
  });
}
const mod = { exports: {} as unknown };
(script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, __dirname);
