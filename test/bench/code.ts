/**
 * Route-handler code figures: grammar load, parse + match of a 5,000-line
 * handler file, hover latency (p50/p95) on it, and the first hover after an
 * edit (which re-parses). Run on its own: `node out/test/bench/code.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import { createGrammarLoader } from '../../server/src/node/grammars';
import { getLanguageService } from '../../server/src/service/languageService';
import { dialectFor } from '../../server/src/service/code/dialects';
import { allStatusSites } from '../../server/src/service/code/sites';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x: number) => Math.round(x * 100) / 100;

/** A handler file of about `lines` lines, made of a fixture repeated with renamed routes. */
function bigFile(fixture: string, lines: number): string {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'code', fixture), 'utf8');
  const n = Math.ceil(lines / text.split('\n').length);
  return Array.from({ length: n }, (_, i) => text.replace(/\/items/g, `/items${i}`)).join('\n');
}

/** The figures for npm run bench. */
export async function benchCode(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const loader = createGrammarLoader([path.join(ROOT, 'out', 'server', 'src', 'node')]);
  for (const [label, lang] of [['typescript', 'typescript'], ['javascript', 'javascript'], ['python', 'python']] as const) {
    const t0 = performance.now();
    await loader.ensure(lang);
    out[`grammar load, ${label} (ms, cold)`] = round(performance.now() - t0);
  }
  const catalog = buildCatalog([readCatalogDir(path.join(ROOT, 'catalog', 'topics'), () => {})]);
  const ls = getLanguageService({ catalog, codeParsers: loader });

  for (const [fixture, lang] of [['express.js', 'javascript'], ['nest.ts', 'typescript'], ['fastapi_app.py', 'python']] as const) {
    const text = bigFile(fixture, 5000);
    const lines = text.split('\n').length;
    // Parse (fresh, then incremental after a one-character edit) and match (every status site classified).
    const parser = loader.get(lang)!;
    const full: number[] = [];
    const incremental: number[] = [];
    const match: number[] = [];
    const diagnosticsMs: number[] = [];
    let diagnostics = 0;
    for (let i = 0; i < 7; i++) {
      let t0 = performance.now();
      const tree = parser.parse(text);
      full.push(performance.now() - t0);
      const edited = text.replace('(400', `(40${i}`);
      t0 = performance.now();
      parser.parse(edited, { tree, text });
      incremental.push(performance.now() - t0);
      t0 = performance.now();
      const model = { dialect: dialectFor(lang)!, parser, tree, text };
      const doc = ls.prepare(TextDocument.create(`file:///bench/m${i}/${fixture}`, lang, 1, text));
      allStatusSites(doc, model);
      match.push(performance.now() - t0);
      const vdoc = ls.prepare(TextDocument.create(`file:///bench/${fixture}`, lang, i + 1, edited));
      t0 = performance.now();
      diagnostics = ls.doValidation(vdoc).length;
      diagnosticsMs.push(performance.now() - t0);
    }
    out[`${fixture} × ${lines} lines: full parse (ms, median of 7)`] = round(percentile(full, 0.5));
    out[`${fixture} × ${lines} lines: incremental reparse after an edit (ms)`] = round(percentile(incremental, 0.5));
    out[`${fixture} × ${lines} lines: match, every status site classified (ms)`] = round(percentile(match, 0.5));
    out[`${fixture} × ${lines} lines: diagnostics of an edited version, reparse included (ms)`] = round(percentile(diagnosticsMs, 0.5));
    out[`${fixture} × ${lines} lines: diagnostics found`] = diagnostics;

    // Hover on a parsed version, at every status and every 97th character.
    const doc = ls.prepare(TextDocument.create(`file:///bench/${fixture}`, lang, 100, text));
    ls.doValidation(doc);
    const hovers: number[] = [];
    let cards = 0;
    for (let o = 0; o < text.length; o += 97) {
      const t0 = performance.now();
      if (ls.doHover(doc, doc.textDocument.positionAt(o))) cards++;
      hovers.push(performance.now() - t0);
    }
    out[`${fixture}: hover p50 / p95 (ms, ${hovers.length} hovers, ${cards} cards)`] = `${round(percentile(hovers, 0.5))} / ${round(percentile(hovers, 0.95))}`;

    // The first hover after an edit pays for the new version's parse.
    const firsts: number[] = [];
    for (let i = 0; i < 7; i++) {
      const edited = text.replace('res.status(400)', `res.status(40${i})`);
      const d = ls.prepare(TextDocument.create(`file:///bench/${fixture}`, lang, 200 + i, edited));
      const t0 = performance.now();
      ls.doHover(d, d.textDocument.positionAt(Math.floor(edited.length / 2)));
      firsts.push(performance.now() - t0);
    }
    out[`${fixture}: first hover after an edit (ms, median of 7)`] = round(percentile(firsts, 0.5));
  }
  out['budget'] = 'parse + match ≤ 30 ms for 5,000 lines; hover p95 ≤ 5 ms';
  return out;
}

if (require.main === module) {
  benchCode().then((f) => { for (const [k, v] of Object.entries(f)) console.log(`${k.padEnd(80)} ${v}`); }).catch((e) => { console.error(e); process.exit(1); });
}
