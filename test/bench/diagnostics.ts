/**
 * Diagnostics on GitHub's REST description (13 MB JSON, 10 MB YAML): the full
 * rule set on a freshly opened document (parse included), the rules alone on
 * an already parsed one, and a one-line edit (parse of the new version plus
 * the rules, with the per-operation results of the previous version reused).
 * Runnable on its own: `node out/test/bench/diagnostics.js`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { FastTextDocument } from '../../server/src/service/textDocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { parsedTree } from '../../server/src/service/openapi/model';
import { DEFAULT_SETTINGS, type StylebookSettings } from '../../server/src/service/settings';
import { githubJsonPath, githubYamlText } from './parse';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

/** Every rule on: pagination required, a versioning style and a null style, so nothing is skipped. */
const ALL_RULES: StylebookSettings = {
  ...DEFAULT_SETTINGS,
  pagination: { style: 'any', required: true },
  versioning: { style: 'header' },
  nulls: { style: 'omit' },
};

function medianOf(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]);
}

let uriCounter = 0;

/**
 * Wall time, and the CPU time this process used meanwhile: on a machine shared
 * with other builds the wall time includes waiting for a core, which the CPU
 * time leaves out (it slightly overstates single-threaded work, since the
 * garbage collector's helper threads count too).
 */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

function measure(ls: LanguageService, text: string, languageId: string, runs: number) {
  const full: number[] = [];
  const rulesOnly: number[] = [];
  const edit: number[] = [];
  const fullCpu: number[] = [];
  const rulesCpu: number[] = [];
  const editCpu: number[] = [];
  let diagnostics: Diagnostic[] = [];
  let editDiagnostics = 0;
  for (let i = 0; i < runs; i++) {
    // A fresh uri: nothing from an earlier run is reused.
    const uri = `file:///bench-${uriCounter++}.${languageId}`;
    const a = timed(() => ls.doValidation(ls.prepare(FastTextDocument.create(uri, languageId, 1, text))));
    diagnostics = a.value;
    full.push(a.wall);
    fullCpu.push(a.cpu);

    // The rules alone, on a document version whose tree is already parsed.
    const again = ls.prepare(FastTextDocument.create(`file:///bench-${uriCounter++}.${languageId}`, languageId, 1, text));
    parsedTree(again);
    const b = timed(() => ls.doValidation(again));
    rulesOnly.push(b.wall);
    rulesCpu.push(b.cpu);

    // A one-line edit in the middle of the document: a word typed at the start of a description.
    const key = languageId === 'json' ? '"description": "' : 'description: ';
    let at = text.indexOf(key, text.length >> 1) + key.length;
    if (text[at] === '"' || text[at] === "'") at++;
    const fixedEdit = `${text.slice(0, at)}Edited${i} ${text.slice(at)}`;
    const c = timed(() => ls.doValidation(ls.prepare(FastTextDocument.create(uri, languageId, 2, fixedEdit))));
    editDiagnostics = c.value.length;
    edit.push(c.wall);
    editCpu.push(c.cpu);
  }
  const byRule: Record<string, number> = {};
  for (const d of diagnostics) byRule[String(d.code)] = (byRule[String(d.code)] ?? 0) + 1;
  return {
    full: medianOf(full), rulesOnly: medianOf(rulesOnly), edit: medianOf(edit),
    fullCpu: medianOf(fullCpu), rulesCpu: medianOf(rulesCpu), editCpu: medianOf(editCpu), count: diagnostics.length, editCount: editDiagnostics, byRule };
}

/** The diagnostics figures for `npm run bench`. */
export async function benchDiagnostics(): Promise<Record<string, number | string>> {
  const file = githubJsonPath();
  if (!fs.existsSync(file)) return { status: 'not measured: @octokit/openapi is not installed' };
  const catalog = buildCatalog([readCatalogDir(path.join(ROOT, 'catalog', 'topics'), () => undefined)]);
  const ls = getLanguageService({ catalog, settings: ALL_RULES });
  const json = fs.readFileSync(file, 'utf8');
  const yaml = githubYamlText(json);
  const j = measure(ls, json, 'json', 3);
  const y = measure(ls, yaml, 'yaml', 3);
  const out: Record<string, number | string> = {
    'JSON: open → diagnostics, parse included (ms wall / cpu; budget 1000)': `${j.full} / ${j.fullCpu}`,
    'JSON: rules alone on the parsed tree (ms wall / cpu)': `${j.rulesOnly} / ${j.rulesCpu}`,
    'JSON: one-line edit → diagnostics (ms wall / cpu; budget 250)': `${j.edit} / ${j.editCpu}`,
    'YAML: open → diagnostics, parse included (ms wall / cpu; budget 2500)': `${y.full} / ${y.fullCpu}`,
    'YAML: rules alone on the parsed tree (ms wall / cpu)': `${y.rulesOnly} / ${y.rulesCpu}`,
    'YAML: one-line edit → diagnostics (ms wall / cpu; budget 250)': `${y.edit} / ${y.editCpu}`,
    'load average while measuring (1 min)': os.loadavg()[0].toFixed(1),
    'diagnostics (JSON / YAML / after the edit)': `${j.count} / ${y.count} / ${j.editCount}`,
  };
  for (const [rule, count] of Object.entries(j.byRule).sort()) out[`  ${rule}`] = count;
  return out;
}

if (require.main === module) {
  void benchDiagnostics().then((r) => {
    for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(72)} ${v}`);
  });
}
