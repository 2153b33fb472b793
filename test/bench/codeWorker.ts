/**
 * Route-handler code off the main thread (issue 19): how long hovers and
 * completions in other documents take over stdio while a 2 MB handler file
 * is being parsed and analysed in a worker, and how long that file takes.
 * The promise is 50 ms; before the move, a 1.4 MB file held every hover
 * 5.8 s on open and 3.5 s per keystroke. Run on its own:
 * `node out/test/bench/codeWorker.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, ROOT, positionOf } from '../protocol/lspClient';
import { bigHandlerFile } from '../helpers/bigSpec';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x: number) => Math.round(x * 10) / 10;

const SPEC = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /things:\n    get:\n      responses:\n        '500':\n          description: oops\n";

/** The figures for npm run bench. */
export async function benchCodeWorker(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const express = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'code', 'express.js'), 'utf8');
  const client = new LspClient();
  try {
    await client.initialize();
    const small = 'file:///bench/small.js';
    const spec = 'file:///bench/openapi.yaml';
    client.open(small, 'javascript', express);
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === small, 60_000);
    client.open(spec, 'yaml', SPEC);
    const at400 = positionOf(express, 'res.status(400', 11);
    const at299 = positionOf(express, 'res.status(299', 11);
    const line500 = SPEC.split('\n').findIndex((l) => l.includes("'500'"));

    for (const [label, version, edit] of [['open', 1, false], ['one-character edit', 2, true]] as const) {
      const big = 'file:///bench/big.js';
      const text = bigHandlerFile(express, 2 * 1024 * 1024).replace(edit ? 'res.status(400)' : '\0', 'res.status(401)');
      let done = false;
      const t0 = performance.now();
      const published = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === big && p.version === version, 120_000)
        .then((p) => { done = true; return { p, ms: performance.now() - t0 }; });
      // An edit comes as VS Code sends it, one range; the open carries the whole text once.
      if (edit) {
        const at = positionOf(text, 'res.status(401', 11);
        client.notify('textDocument/didChange', { textDocument: { uri: big, version }, contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: '401' }] });
      } else client.open(big, 'javascript', text);
      const hovers: number[] = [];
      const completions: number[] = [];
      const specHovers: number[] = [];
      const time = async (list: number[], ask: () => Promise<unknown>) => {
        const t = performance.now();
        const answer = await ask();
        if (!answer) throw new Error('no answer in the other document');
        list.push(performance.now() - t);
      };
      while (!done) {
        await time(hovers, () => client.hover(small, at400.line, at400.character));
        await time(completions, () => client.request('textDocument/completion', { textDocument: { uri: small }, position: at299 }));
        await time(specHovers, () => client.hover(spec, line500, 10));
      }
      const { p, ms } = await published;
      const over = p.diagnostics.length === 1 && /not analysed/.test(p.diagnostics[0].message);
      out[`2 MB handler file, ${label}: its diagnostics after (ms)`] = `${round(ms)}${over ? ' (over the time budget: one "not analysed" diagnostic)' : ` (${p.diagnostics.length} diagnostics)`}`;
      out[`  meanwhile, handler hover in another file: first / p50 / p95 / max (ms, ${hovers.length})`] =
        `${round(hovers[0])} / ${round(percentile(hovers, 0.5))} / ${round(percentile(hovers, 0.95))} / ${round(Math.max(...hovers))}`;
      out[`  meanwhile, handler completion in another file: p50 / p95 / max (ms, ${completions.length})`] =
        `${round(percentile(completions, 0.5))} / ${round(percentile(completions, 0.95))} / ${round(Math.max(...completions))}`;
      out[`  meanwhile, OpenAPI hover: p50 / p95 / max (ms, ${specHovers.length})`] =
        `${round(percentile(specHovers, 0.5))} / ${round(percentile(specHovers, 0.95))} / ${round(Math.max(...specHovers))}`;
    }
    out.budget = 'hovers and completions in other documents ≤ 50 ms while the big file is analysed';
  } finally {
    await client.close();
  }
  return out;
}

if (require.main === module) {
  benchCodeWorker().then((f) => { for (const [k, v] of Object.entries(f)) console.log(`${k.padEnd(90)} ${v}`); }).catch((e) => { console.error(e); process.exit(1); });
}
