// The one module a check imports: `test` (node:test's, plus a screenshot and
// the logs when a check fails), the shared `editor`, `shot` for the README's
// screenshots, and `topic` to read expectations from the catalog.
import { test as nodeTest } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { Editor } from './editor.mjs';
import { REPO, RESULTS, log } from './server.mjs';

export { previewText, waitUntil } from './editor.mjs';
export { log, REPO } from './server.mjs';

let current;
/** Installs the running environment (called once by run.mjs). */
export function attach(env) {
  current = { env, editor: new Editor(env) };
}

/** The shared editor (one code-server, one browser page for the whole run). */
export function editor() {
  if (!current) throw new Error('the editor is not running (set-up failed; see above)');
  return current.editor;
}

/** True in `npm run screenshots`: `shot()` then writes docs/images/<name>.png. */
export function screenshotsMode() {
  return process.env.E2E_SCREENSHOTS === '1';
}

/**
 * Saves a screenshot named `name`: into docs/images/ when run as
 * `npm run screenshots`, otherwise into test-results/e2e/shots/.
 */
export async function shot(name) {
  const dir = screenshotsMode() ? path.join(REPO, 'docs/images') : path.join(RESULTS, 'shots');
  await editor().expandHover();
  await editor().screenshot(path.join(dir, `${name}.png`));
}

/** A catalog topic's front matter (catalog/topics/<id>.md), e.g. to compare hover links with. */
export function topic(id) {
  const file = path.join(REPO, 'catalog/topics', `${id}.md`);
  const { data } = matter(fs.readFileSync(file, 'utf8'));
  // Cards show each section where it is published today (catalog/links.json), not the page's 2019 URL.
  const links = JSON.parse(fs.readFileSync(path.join(REPO, 'catalog', 'links.json'), 'utf8')).links ?? {};
  const current = (url) => (links[url]?.status === 'moved' && links[url].url ? links[url].url : url);
  return {
    ...data,
    companies: (data.guidelines ?? []).map((g) => g.guideline_company),
    sectionUrls: (data.guidelines ?? []).flatMap((g) => (g.references ?? []).map((r) => current(r.url))),
  };
}

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/** Copies code-server's log and every log the extension wrote (output channel, language server) into `dir`. */
export function collectLogs(dir = path.join(RESULTS, 'logs')) {
  if (!current) return;
  const { env } = current;
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(env.logFile, path.join(dir, 'code-server.log'));
  const logsRoot = path.join(env.dirs.data, 'logs');
  const walk = (d) => (fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : [])
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of walk(logsRoot)) {
    const rel = path.relative(logsRoot, f);
    if (/stylebook|exthost|remoteagent|output_logging/i.test(rel)) {
      const target = path.join(dir, rel.replace(/[\\/]/g, '__'));
      fs.copyFileSync(f, target);
    }
  }
}

/**
 * node:test's `test`, handed the shared editor; when the check fails it saves
 * test-results/e2e/<check>.png and the logs before reporting the failure.
 */
export function test(name, fn, options = {}) {
  return nodeTest(name, { timeout: 120_000, ...options }, async (t) => {
    try {
      await fn(editor(), t);
    } catch (e) {
      const file = path.join(RESULTS, `${slug(name)}.png`);
      try {
        await editor().screenshot(file);
        collectLogs();
        log(`failure screenshot: ${path.relative(REPO, file)}; logs in ${path.relative(REPO, path.join(RESULTS, 'logs'))}`);
      } catch (e2) {
        log(`could not save failure artifacts: ${e2.message}`);
      }
      throw e;
    }
  });
}
