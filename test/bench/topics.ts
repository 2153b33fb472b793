/**
 * Topic search, topic pages and the status-code grammar: how long a
 * keystroke in Search Topics takes to rank, how long a page takes to render,
 * what the editor's one-off index request costs over stdio, and what the
 * injection grammar adds to tokenizing a large OpenAPI document.
 * `npm run build && node out/test/bench/topics.js` runs it on its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import type { Topic } from '../../server/src/service/catalog/types';
import { searchTopics } from '../../server/src/service/search';
import { renderTopicPage } from '../../server/src/service/topicPage';
import { TopicIndexRequest, TopicPageRequest } from '../../server/src/protocol';
import { LspClient, ROOT } from '../protocol/lspClient';
import { githubJsonPath, githubYamlText } from './parse';

const ms = (n: number) => Math.round(n * 1000) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** Every prefix of each query, as typed one key at a time. */
const TYPED = ['pagination', 'paging', 'rate limit', '429', 'etag', 'zalando sorting', 'idempotent put', 'pagnation'];
const keystrokes = TYPED.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));

function timeEach(inputs: string[], fn: (q: string) => unknown, rounds = 5): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of inputs) {
      const t0 = performance.now();
      fn(q);
      out.push(performance.now() - t0);
    }
  }
  return out;
}

/** A catalog ten times the shipped one (ids suffixed), to see how ranking scales. */
function tenfold(topics: readonly Topic[]): Topic[] {
  const out: Topic[] = [];
  for (let i = 0; i < 10; i++) for (const t of topics) out.push({ ...t, id: `${t.id}-${i}`, guidelines: t.guidelines.map((g) => ({ ...g })) });
  return out;
}

async function grammarOverhead(): Promise<Record<string, number | string>> {
  const tm = path.join(ROOT, 'node_modules', 'tm-grammars', 'grammars', 'yaml.json');
  const injection = path.join(ROOT, 'syntaxes', 'http-status.injection.tmLanguage.json');
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const onigLib = Promise.resolve({
    createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  });
  const lines = githubYamlText(fs.readFileSync(githubJsonPath(), 'utf8')).split('\n').slice(0, 50000);
  const run = async (inject: boolean) => {
    const reg = new vsctm.Registry({
      onigLib,
      loadGrammar: async (s) => (s === 'source.yaml' ? vsctm.parseRawGrammar(fs.readFileSync(tm, 'utf8'), tm)
        : s === 'openapi.http-status.injection' ? vsctm.parseRawGrammar(fs.readFileSync(injection, 'utf8'), injection) : null),
      getInjections: (s) => (inject && s === 'source.yaml' ? ['openapi.http-status.injection'] : undefined),
    });
    const g = (await reg.loadGrammar('source.yaml'))!;
    let state = vsctm.INITIAL;
    let statusTokens = 0;
    const t0 = performance.now();
    for (const line of lines) {
      const r = g.tokenizeLine(line, state);
      state = r.ruleStack;
      if (inject) for (const t of r.tokens) if (t.scopes.some((s) => s.includes('.http-status.'))) statusTokens++;
    }
    return { ms: performance.now() - t0, statusTokens };
  };
  await run(false); // warm the engine
  const base = await run(false);
  const withInjection = await run(true);
  return {
    'grammar: lines tokenized (GitHub YAML)': lines.length,
    'grammar: YAML alone (ms)': Math.round(base.ms),
    'grammar: YAML + status injection (ms)': Math.round(withInjection.ms),
    'grammar: overhead (%)': Math.round(((withInjection.ms - base.ms) / base.ms) * 1000) / 10,
    'grammar: status-code tokens scoped': withInjection.statusTokens,
  };
}

/** The figures for topic search, topic pages and the status grammar. */
export async function benchTopics(): Promise<Record<string, number | string>> {
  const catalog = buildCatalog([readCatalogDir(path.join(ROOT, 'catalog', 'topics'), (m) => { throw new Error(m); })]);
  const topics = catalog.topics;
  const out: Record<string, number | string> = {};

  // The first query over a catalog also builds the per-topic search fields.
  let t0 = performance.now();
  searchTopics(topics, 'pagination');
  out['search: first query incl. field preparation (ms)'] = ms(performance.now() - t0);
  const perKey = timeEach(keystrokes, (q) => searchTopics(topics, q, { limit: 50 }));
  out['search: keystrokes timed'] = perKey.length;
  out['search: per keystroke p50 (ms)'] = ms(median(perKey));
  out['search: per keystroke p95 (ms)'] = ms(p95(perKey));
  const big = tenfold(topics);
  searchTopics(big, 'x');
  const perKeyBig = timeEach(keystrokes, (q) => searchTopics(big, q, { limit: 50 }), 2);
  out['search: per keystroke p50, 10× catalog (ms)'] = ms(median(perKeyBig));

  t0 = performance.now();
  let bytes = 0;
  for (const t of topics) bytes += renderTopicPage(t.id, catalog).markdown.length;
  out['pages: render all (ms, incl. link graph)'] = ms(performance.now() - t0);
  const perPage = timeEach(topics.map((t) => t.id), (id) => renderTopicPage(id, catalog), 3);
  out['pages: per page p50 (ms)'] = ms(median(perPage));
  out['pages: average size (KB)'] = Math.round(bytes / topics.length / 102.4) / 10;

  const client = new LspClient();
  try {
    await client.initialize();
    await client.request(TopicIndexRequest.method, {});
    const rtt: number[] = [];
    let size = 0;
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      const r = await client.request(TopicIndexRequest.method, {});
      rtt.push(performance.now() - s);
      size = JSON.stringify(r).length;
    }
    out['stdio: topicIndex round trip p50 (ms)'] = ms(median(rtt));
    out['stdio: topicIndex payload (KB)'] = Math.round(size / 102.4) / 10;
    const pageRtt: number[] = [];
    for (const t of topics.slice(0, 40)) {
      const s = performance.now();
      await client.request(TopicPageRequest.method, { id: t.id });
      pageRtt.push(performance.now() - s);
    }
    out['stdio: topicPage round trip p50 (ms)'] = ms(median(pageRtt));
  } finally {
    await client.close();
  }
  try {
    Object.assign(out, await grammarOverhead());
  } catch (e) {
    out['grammar: skipped'] = `GitHub's description not available: ${(e as Error).message}`;
  }
  return out;
}

if (require.main === module) {
  benchTopics().then((figures) => {
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
  }, (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
