/**
 * Completion latency on GitHub's REST description (JSON and YAML), at the
 * service boundary and over stdio against the real server, plus the cost of
 * reloading the configuration and a custom catalog. Completion reads only
 * the lines around the cursor, so its figures should sit next to hover's.
 *
 * Runs inside `npm run bench`, or alone: `node out/test/bench/completion.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import { loadWorkspaceConfig } from '../../server/src/node/config';
import { loadWorkspaceCatalog } from '../../server/src/node/customCatalog';
import { buildLayeredCatalog } from '../../server/src/service/catalog/guidelineFile';
import { getLanguageService } from '../../server/src/service/languageService';
import { FastTextDocument } from '../../server/src/service/textDocument';
import { LspClient, ROOT } from '../protocol/lspClient';
import { githubJsonPath, githubYamlText } from './parse';

const ms = (n: number) => Math.round(n * 100) / 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Makes the description ready for completion at `count` places spread over
 * it: after each chosen `responses:` line it inserts an empty, indented line
 * (valid YAML and JSON), where a user would start typing a status code.
 * Returns the text and the cursor offsets.
 */
function withCursors(text: string, json: boolean, count: number): { text: string; offsets: number[] } {
  const re = json ? /^( *)"responses": \{$/gm : /^( *)responses:$/gm;
  const hits: Array<{ end: number; indent: string }> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) hits.push({ end: m.index + m[0].length, indent: m[1] });
  const step = Math.max(1, Math.floor(hits.length / count));
  const chosen = hits.filter((_, i) => i % step === 0).slice(0, count);
  const parts: string[] = [];
  const offsets: number[] = [];
  let last = 0;
  let length = 0;
  for (const h of chosen) {
    const piece = text.slice(last, h.end);
    const insert = `\n${h.indent}  `;
    parts.push(piece, insert);
    length += piece.length + insert.length;
    offsets.push(length);
    last = h.end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), offsets };
}

/** Completion at the service boundary and over stdio, on both forms. */
export async function benchCompletion(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const file = githubJsonPath();
  if (!fs.existsSync(file)) return { completion: 'skipped: @octokit/openapi not installed' };
  const jsonText = fs.readFileSync(file, 'utf8');
  const catalog = buildLayeredCatalog([readCatalogDir(path.join(ROOT, 'catalog', 'topics'), () => undefined)]);
  const ls = getLanguageService({ catalog });
  for (const [name, languageId, original] of [['json', 'json', jsonText], ['yaml', 'yaml', githubYamlText(jsonText)]] as const) {
    const { text, offsets } = withCursors(original, languageId === 'json', 200);
    // Cold: open the document (line index + classification) and complete near its end.
    const t0 = performance.now();
    const td = FastTextDocument.create(`file:///github.${name}`, languageId, 1, text);
    const doc = ls.prepare(td);
    const first = ls.doComplete(doc, td.positionAt(offsets[offsets.length - 1]));
    const cold = performance.now() - t0;
    if (!first?.items.length) throw new Error(`no completion on the ${name} form`);
    const times: number[] = [];
    let answered = 0;
    for (const off of offsets) {
      const t = performance.now();
      const list = ls.doComplete(doc, td.positionAt(off));
      times.push(performance.now() - t);
      if (list?.items.length) answered++;
    }
    times.sort((a, b) => a - b);
    out[`${name}: size (MB)`] = ms(text.length / 1e6);
    out[`${name}: first completion after opening, service (ms)`] = ms(cold);
    out[`${name}: completion p50 (ms)`] = ms(percentile(times, 50));
    out[`${name}: completion p95 (ms)`] = ms(percentile(times, 95));
    out[`${name}: positions with status-code items`] = `${answered}/${offsets.length}`;
    out[`${name}: items per list`] = first.items.length;

    // Over stdio: once the server has read the document (a tiny hover marks that point).
    const client = new LspClient();
    try {
      await client.initialize();
      const uri = `file:///bench/github.${name}`;
      client.open(uri, languageId, text);
      client.open('file:///bench/tiny.yaml', 'yaml', 'a: 1\n');
      await client.hover('file:///bench/tiny.yaml', 0, 0);
      const plain = TextDocument.create(uri, languageId, 1, text);
      const wire: number[] = [];
      for (const off of offsets.slice(0, 50)) {
        const p = plain.positionAt(off);
        const t = performance.now();
        const list = await client.request('textDocument/completion', { textDocument: { uri }, position: p });
        wire.push(performance.now() - t);
        if (!list?.items?.length) throw new Error(`no completion over stdio on the ${name} form`);
      }
      out[`${name}: first completion over stdio (ms)`] = ms(wire[0]);
      wire.sort((a, b) => a - b);
      out[`${name}: completion p50 / p95 over stdio, while validating (ms)`] = `${ms(percentile(wire, 50))} / ${ms(percentile(wire, 95))}`;
      // Once the background validation has answered, the server's main thread is idle again.
      await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 120_000);
      const idle: number[] = [];
      for (const off of offsets.slice(0, 50)) {
        const p = plain.positionAt(off);
        const t = performance.now();
        await client.request('textDocument/completion', { textDocument: { uri }, position: p });
        idle.push(performance.now() - t);
      }
      idle.sort((a, b) => a - b);
      out[`${name}: completion p50 / p95 over stdio, validated (ms)`] = `${ms(percentile(idle, 50))} / ${ms(percentile(idle, 95))}`;
      const first = plain.positionAt(offsets[0]);
      const list = await client.request('textDocument/completion', { textDocument: { uri }, position: first });
      out[`${name}: completion answer size (KB)`] = Math.round(JSON.stringify(list).length / 1024);
      const tr = performance.now();
      await client.request('completionItem/resolve', list.items[0]);
      out[`${name}: completionItem/resolve over stdio (ms)`] = ms(performance.now() - tr);
    } finally {
      await client.close();
    }
  }
  // What a save of .stylebook.yaml costs: read the config, the custom catalog, rebuild the index.
  const workspace = path.join(ROOT, 'test', 'fixtures', 'custom-catalog');
  const bundled = readCatalogDir(path.join(ROOT, 'catalog', 'topics'), () => undefined);
  const reload: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const config = loadWorkspaceConfig(workspace, { trusted: true });
    loadWorkspaceCatalog(workspace, config.settings, bundled, { configFile: config.file, configText: config.text });
    reload.push(performance.now() - t);
  }
  reload.sort((a, b) => a - b);
  out['config + custom catalog reload, median of 10 (ms)'] = ms(percentile(reload, 50));
  return out;
}

if (require.main === module) {
  benchCompletion().then((figures) => {
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
  }, (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
