// Bundles what ships: the extension (client), the language server and the CLI.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';

// The compiled sources (out/, from `tsc -b`) provide the grammar list and the catalog snapshot.
const require = createRequire(import.meta.url);

const watch = process.argv.includes('--watch');
// jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot
// follow; its ES module build bundles cleanly, so prefer "module".
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };
// The CLI bundle runs from V8's code cache (server/src/cli/launcher.ts), and on
// Node 20 such a script cannot run `import()`. web-tree-sitter has one, for
// `fs/promises`, on a path we never take (we hand it bytes); this turns it into
// the equivalent `require` so that the bundle has none, which the build checks.
const noBuiltinDynamicImport = {
  name: 'no-builtin-dynamic-import',
  setup(build) {
    build.onLoad({ filter: /web-tree-sitter[\\/].*\.c?js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replace(/\bimport\((["'])((?:node:)?fs\/promises)\1\)/g, 'Promise.resolve(require($1$2$1))'), loader: 'js' };
    });
  },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/node/validationWorker.ts'], outfile: 'dist/validationWorker.js' },
];
if (fs.existsSync('server/src/cli/main.ts')) {
  entries.push({ entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [noBuiltinDynamicImport] });
}
for (const e of entries) {
  const opts = { ...common, ...e };
  if (watch) await (await esbuild.context(opts)).watch();
  else await esbuild.build(opts);
}
// The `stylebook` executable: a small launcher that loads dist/cli-main.js
// through V8's code cache, keyed by this hash of the bundle (see launcher.ts).
if (fs.existsSync('dist/cli-main.js')) {
  // A script compiled from V8's code cache cannot run `import()` on Node 20
  // (its dynamic-import callback is lost), so the CLI bundle must not contain one.
  const dynamicImport = /\bimport\(\s*["'`]/.exec(fs.readFileSync('dist/cli-main.js', 'utf8'));
  if (dynamicImport) throw new Error(`dist/cli-main.js contains a dynamic import (${dynamicImport[0]}…), which the code-cached launcher cannot run; load the module with require or read the file directly`);
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256').update(fs.readFileSync('dist/cli-main.js')).digest('hex').slice(0, 16);
  await esbuild.build({
    ...common, sourcemap: false, entryPoints: ['server/src/cli/launcher.ts'], outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' }, define: { STYLEBOOK_BUNDLE_HASH: JSON.stringify(hash) },
  });
  fs.chmodSync('dist/cli.js', 0o755);
}

// Route-handler code: ship the tree-sitter runtime and only the grammars the
// dialect table uses (the list comes from the compiled table, so it cannot drift).
{
  const compiled = './out/server/src/node/grammars.js';
  if (fs.existsSync(compiled)) {
    fs.mkdirSync('dist/grammars', { recursive: true });
    for (const g of require(`${process.cwd()}/${compiled}`).usedGrammarFiles()) {
      fs.copyFileSync(`node_modules/${g.package}/${g.file}`, `dist/grammars/${g.file.split('/').pop()}`);
    }
  } else console.warn('bundle: out/ not built, grammars not copied (run npm run build)');
}

// The shipped catalog's snapshot: each page's parsed topic (and each positions
// file's parse) under a hash of its text, so that a cold start skips parsing
// pages that have not changed.
{
  const compiled = './out/server/src/node/catalogFiles.js';
  if (fs.existsSync(compiled)) {
    const files = require(`${process.cwd()}/${compiled}`);
    const pages = files.readCatalogDir('catalog/topics', (m) => { throw new Error(m); });
    const positions = files.readPositionsDir('catalog/positions', (m) => { throw new Error(m); });
    fs.writeFileSync(`dist/${files.SNAPSHOT_FILE}`, JSON.stringify(files.createSnapshot(pages, positions)));
  } else console.warn('bundle: out/ not built, catalog snapshot not written (run npm run build)');
}
