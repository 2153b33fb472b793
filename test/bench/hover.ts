/**
 * Hover latency on GitHub's REST description, JSON and YAML: at the service
 * boundary (cold = the first hover on a freshly opened document, warm p50/p95
 * over many positions) and over stdio against the real server (the first
 * hover sent right after didOpen of the 10–13 MB document).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { applySnapshot, readCatalogDir, SNAPSHOT_FILE } from '../../server/src/node/catalogFiles';
import { getLanguageService } from '../../server/src/service/languageService';
import { FastTextDocument } from '../../server/src/service/textDocument';
import { LspClient, ROOT } from '../protocol/lspClient';
import { githubJsonPath, githubYamlText } from './parse';

const ms = (n: number) => Math.round(n * 100) / 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Offsets of response-code keys (`'404':` / `"404":`) spread over the whole document. */
function statusKeyOffsets(text: string, json: boolean, count: number): number[] {
  const re = json ? /"([1-5]\d\d)": \{/g : /^\s+["']([1-5]\d\d)["']:$/gm;
  const all: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) all.push(m.index + m[0].indexOf(m[1]) + 1);
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

/** Catalog indexing time: read + parse + validate the 100 shipped pages. */
export function benchCatalog(): Record<string, number | string> {
  const dir = path.join(ROOT, 'catalog', 'topics');
  // As a cold start does it: pages read and checked against the build-time snapshot (measured first, before any page parse warms up).
  const snapshot = path.join(ROOT, 'dist', SNAPSHOT_FILE);
  const out: Record<string, number | string> = {};
  if (fs.existsSync(snapshot)) {
    const fromSnapshot: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      buildCatalog([applySnapshot(readCatalogDir(dir, () => undefined), snapshot)]);
      fromSnapshot.push(performance.now() - t0);
    }
    out['with the snapshot, first (ms)'] = ms(fromSnapshot[0]);
    fromSnapshot.sort((a, b) => a - b);
    out['with the snapshot, median of 10 (ms)'] = ms(percentile(fromSnapshot, 50));
  } else out['with the snapshot'] = 'not measured: run npm run build first';
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    buildCatalog([readCatalogDir(dir, () => undefined)]);
    times.push(performance.now() - t0);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  return { ...out, 'parsing every page, first (ms)': ms(first), 'parsing every page, median of 10 (ms)': ms(percentile(times, 50)) };
}

/** Service-level hover latency on both forms of the GitHub description. */
export function benchHoverService(): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const file = githubJsonPath();
  if (!fs.existsSync(file)) return { 'hover (service)': 'skipped: @octokit/openapi not installed' };
  const jsonText = fs.readFileSync(file, 'utf8');
  const forms: Array<[string, string, string]> = [['json', 'json', jsonText], ['yaml', 'yaml', githubYamlText(jsonText)]];
  const catalog = buildCatalog([readCatalogDir(path.join(ROOT, 'catalog', 'topics'), () => undefined)]);
  const ls = getLanguageService({ catalog });
  for (const [name, languageId, text] of forms) {
    const offsets = statusKeyOffsets(text, languageId === 'json', 300);
    // Cold: open (TextDocument + classification) and the first hover, near the end of the document.
    const t0 = performance.now();
    const td = FastTextDocument.create(`file:///github.${name}`, languageId, 1, text);
    const doc = ls.prepare(td);
    const first = ls.doHover(doc, td.positionAt(offsets[offsets.length - 1]));
    const cold = performance.now() - t0;
    if (!first) throw new Error(`no card on the ${name} form`);
    const times: number[] = [];
    let cards = 0;
    for (const off of offsets) {
      const t = performance.now();
      if (ls.doHover(doc, td.positionAt(off))) cards++;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out[`${name}: size (MB)`] = ms(text.length / 1e6);
    out[`${name}: first hover after opening, service (ms)`] = ms(cold);
    out[`${name}: hover p50 (ms)`] = ms(percentile(times, 50));
    out[`${name}: hover p95 (ms)`] = ms(percentile(times, 95));
    out[`${name}: hovers with a card`] = `${cards}/${offsets.length}`;
  }
  return out;
}

/** Protocol-level: the first hover right after didOpen, through the real server over stdio. */
export async function benchHoverProtocol(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const file = githubJsonPath();
  if (!fs.existsSync(file)) return {};
  const jsonText = fs.readFileSync(file, 'utf8');
  for (const [name, languageId, text] of [['json', 'json', jsonText], ['yaml', 'yaml', githubYamlText(jsonText)]] as const) {
    const client = new LspClient();
    await client.initialize();
    const uri = `file:///bench/github.${name}`;
    const offsets = statusKeyOffsets(text, languageId === 'json', 50);
    const td = TextDocument.create(uri, languageId, 1, text);
    const pos = td.positionAt(offsets[offsets.length - 1]);
    const tOpen = performance.now();
    client.open(uri, languageId, text);
    const tHover = performance.now();
    const h = await client.hover(uri, pos.line, pos.character);
    const done = performance.now();
    if (!h) throw new Error(`no card over stdio on the ${name} form`);
    // The same, once the server has read the document: a user hovers after the file is open,
    // not while 13 MB are still arriving. A hover on another, tiny document marks that point.
    client.open(`${uri}.2`, languageId, text);
    client.open('file:///bench/tiny.yaml', 'yaml', 'a: 1\n');
    await client.hover('file:///bench/tiny.yaml', 0, 0);
    const p2 = td.positionAt(offsets[offsets.length - 2]);
    const t2 = performance.now();
    const h2 = await client.hover(`${uri}.2`, p2.line, p2.character);
    const first2 = performance.now() - t2;
    if (!h2) throw new Error(`no card over stdio on the ${name} form`);
    const warm: number[] = [];
    for (const off of offsets) {
      const p = td.positionAt(off);
      const t = performance.now();
      await client.hover(uri, p.line, p.character);
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    // Once the background validation has finished, nothing else competes for the 2 cores.
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === `${uri}.2`, 60000);
    const settled: number[] = [];
    for (const off of offsets) {
      const p = td.positionAt(off);
      const t = performance.now();
      await client.hover(`${uri}.2`, p.line, p.character);
      settled.push(performance.now() - t);
    }
    settled.sort((a, b) => a - b);
    out[`${name}: first hover after didOpen, over stdio (ms, from hover request)`] = ms(done - tHover);
    out[`${name}: didOpen + first hover, over stdio (ms, incl. sending the document)`] = ms(done - tOpen);
    out[`${name}: first hover once didOpen is read, over stdio (ms)`] = ms(first2);
    out[`${name}: hover p50 / p95 over stdio, while validating (ms)`] = `${ms(percentile(warm, 50))} / ${ms(percentile(warm, 95))}`;
    out[`${name}: hover p50 / p95 over stdio, validated (ms)`] = `${ms(percentile(settled, 50))} / ${ms(percentile(settled, 95))}`;
    await client.close();
  }
  return out;
}
