// The editor test suite: packages the extension, starts one private
// code-server and one headless Chromium, and runs every checks/*.check.mjs
// against them with node:test.
//
//   node --test-reporter=spec test/e2e/run.mjs [--screenshots] [name-filter ...]
//
// See test/e2e/README.md.
import { before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
if (args.includes('--screenshots')) process.env.E2E_SCREENSHOTS = '1';
const filters = args.filter((a) => !a.startsWith('--'));

const { REPO, checkBrowser, prepare, start, log } = await import('./harness/server.mjs');
try {
  checkBrowser();
} catch (e) {
  console.error(`test:e2e: ${e.message}`);
  process.exit(1);
}
const { attach, collectLogs } = await import('./harness/index.mjs');

// Packaging and set-up come first, outside any test: the grammar checks
// below read the grammars and themes of the code-server that the set-up
// installs, and their file is imported only once it is there.
let vsix;
try {
  vsix = prepare();
} catch (e) {
  console.error(`test:e2e: ${e.message}`);
  process.exit(1);
}

let env;
before(async () => {
  env = await start(vsix);
  attach(env);
  log('browser up; running checks');
});

after(async () => {
  if (!env) return;
  try { collectLogs(); } catch (e) { log(`could not collect logs: ${e.message}`); }
  await env.stop();
  log('code-server and browser stopped');
});

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'checks');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.check.mjs')).sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
// VS Code's own YAML and JSON grammars and its themes against our injection
// grammar (compiled by the build that packaging ran): node tests that need no
// browser, but need code-server's files.
const grammarChecks = path.join(REPO, 'out/test/grammar/vscodeGrammars.e2e.js');
const withGrammars = filters.length === 0 || filters.some((x) => 'grammars'.includes(x));
if (files.length === 0 && !withGrammars) throw new Error(`no checks match ${filters.join(', ')}`);
if (withGrammars) await import(pathToFileURL(grammarChecks).href);
for (const f of files) await import(pathToFileURL(path.join(dir, f)).href);
