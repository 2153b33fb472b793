/**
 * `npm run bench`: the figures the issues ask for, printed as one table per
 * area, with the process's peak memory at the end (`npm run bench -- hover
 * parse` runs only those areas; the CLI against Spectral and Redocly is
 * `npm run bench:cli`). Areas whose bench module
 * is not there yet are reported as missing, not silently skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchCatalog, benchHoverProtocol, benchHoverService } from './hover';

type Figures = Record<string, number | string>;

function print(title: string, figures: Figures): void {
  console.log(`\n## ${title}`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length), 10);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}

/** Loads an optional bench module written by another area, by file name and export name. */
async function optional(file: string, fn: string): Promise<(() => Promise<Figures>) | undefined> {
  const full = path.join(__dirname, `${file}.js`);
  if (!fs.existsSync(full)) return undefined;
  const mod = require(full) as Record<string, () => Promise<Figures>>;
  return mod[fn];
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (area: string) => only.length === 0 || only.includes(area);
  const t0 = performance.now();
  if (want('catalog')) print('Catalog indexing (100 pages)', benchCatalog());
  const areas: Array<[string, string, string, string]> = [
    ['parse', 'Parsing GitHub\'s description (median ms)', 'parse', 'benchParse'],
    ['diagnostics', 'Diagnostics on GitHub\'s description', 'diagnostics', 'benchDiagnostics'],
    ['completion', 'Completion in OpenAPI documents (GitHub\'s description)', 'completion', 'benchCompletion'],
    ['code', 'Route-handler code', 'code', 'benchCode'],
    ['code-worker', 'Route-handler code off the main thread: other documents while a 2 MB handler file is analysed (stdio)', 'codeWorker', 'benchCodeWorker'],
    ['workspace-model', 'Workspace model: a 2,000-file repository read into routes and statuses (stdio), hovers meanwhile', 'workspaceModel', 'benchWorkspaceModel'],
    ['topics', 'Topic search and pages', 'topics', 'benchTopics'],
    ['hostile', 'Hostile documents: `stylebook lint` wall time, start-up included (median of 3)', 'hostile', 'benchHostile'],
    ['hostile-catalog', 'Hostile catalog pages and topic-page Markdown (test/hostile/)', 'hostileCatalog', 'benchHostileCatalog'],
    ['yaml-aliases', 'Alias-heavy YAML on the library path (ms)', 'yamlAliases', 'benchYamlAliases'],
  ];
  if (want('hover')) {
    print('Hover at the service boundary (GitHub\'s description)', benchHoverService());
    print('Hover over stdio against dist/server.js', await benchHoverProtocol());
  }
  for (const [area, title, file, fn] of areas) {
    if (!want(area)) continue;
    const run = await optional(file, fn);
    if (!run) {
      print(title, { status: `not measured: test/bench/${file}.ts is missing` });
      continue;
    }
    print(title, await run());
  }
  const rss = process.resourceUsage().maxRSS / 1024;
  print('Process', { 'peak RSS (MB)': Math.round(rss), 'total bench time (s)': Math.round((performance.now() - t0) / 100) / 10 });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
