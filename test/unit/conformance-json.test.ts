import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toValue, type ParseProblem } from '../../server/src/service/parse/ast';
import { parseJson, parseStrictJson, parseTolerantJson } from '../../server/src/service/parse/json';
import { ROOT } from '../helpers/service';

// JSONTestSuite (vendored under test/conformance/JSONTestSuite, see its
// README): every `y_` file must be accepted with JSON.parse's value, every
// `n_` file must get a problem, and `i_` files (either is allowed) are only
// counted. Each parser is held to that on its own terms:
// - strict: the fast path, which accepts a tree or hands the text over
//   (undefined); it also hands over objects with a duplicate key, so that the
//   tolerant parser reports them;
// - tolerant and parseJson as plain JSON (a `.json` document);
// - tolerant as JSONC (a `.jsonc` document, or one the editor's settings
//   make JSONC): there comments are the language, so an `n_` file whose only
//   problems as plain JSON are its comments is accepted by design.

const SUITE = path.join(ROOT, 'test', 'conformance', 'JSONTestSuite', 'test_parsing');
const COMMENT = 'Comments are not allowed in JSON (only in JSONC files).';
const DUPLICATE = /^Duplicate key '/;

interface Case {
  name: string;
  /** The text as the product reads a file (UTF-8, a BOM kept), or undefined when the bytes are not UTF-8. */
  text: string | undefined;
}

function cases(): Case[] {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return fs.readdirSync(SUITE).filter((f) => f.endsWith('.json')).sort().map((name) => {
    const bytes = fs.readFileSync(path.join(SUITE, name));
    let text: string | undefined;
    try {
      text = decoder.decode(bytes);
    } catch {
      // Both the CLI and the editor refuse a file that is not UTF-8 before any parser sees it.
      text = undefined;
    }
    return { name, text };
  });
}

/** What one parser made of one text: a tree's value, and its problems (none when it handed the text over). */
interface Outcome {
  accepted: boolean;
  value?: unknown;
  problems: ParseProblem[];
}

const PARSERS: Record<string, (text: string) => Outcome> = {
  strict: (text) => {
    const root = parseStrictJson(text);
    return root ? { accepted: true, value: toValue(root), problems: [] } : { accepted: false, problems: [] };
  },
  'tolerant (JSON)': (text) => fromResult(parseTolerantJson(text, false)),
  'tolerant (JSONC)': (text) => fromResult(parseTolerantJson(text, true)),
  'parseJson (JSON)': (text) => fromResult(parseJson(text, false)),
};

/** Accepted: a tree and no problem, or only duplicate-key problems (valid JSON that the product reports, as it does in YAML). */
function fromResult(r: { root: unknown; problems: ParseProblem[] }): Outcome {
  const accepted = r.root !== undefined && r.problems.every((p) => DUPLICATE.test(p.message));
  return { accepted, value: r.root === undefined ? undefined : toValue(r.root as never), problems: r.problems };
}

/** JSON.parse's value, or a marker when it refuses the text. */
function reference(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

test('JSONTestSuite: every y_ file accepted with JSON.parse\'s value, every n_ file reported, i_ files counted', (t) => {
  const all = cases();
  assert.ok(all.length >= 318, `the vendored suite has ${all.length} files`);
  const failures: string[] = [];
  const lines: string[] = [];
  const iOutcomes: string[] = [];
  for (const [parser, run] of Object.entries(PARSERS)) {
    let yOk = 0;
    let yTotal = 0;
    let yDuplicates = 0;
    let nOk = 0;
    let nTotal = 0;
    let nJsonc = 0;
    let nNotUtf8 = 0;
    let iAccepted = 0;
    let iRejected = 0;
    for (const c of all) {
      const kind = c.name[0];
      if (c.text === undefined) {
        // Refused before parsing: a reported problem for n_, never acceptable for y_.
        if (kind === 'y') { yTotal++; failures.push(`${parser}: ${c.name} is not UTF-8`); }
        else if (kind === 'n') { nTotal++; nOk++; nNotUtf8++; }
        else { iRejected++; if (parser === 'strict') iOutcomes.push(`${c.name}: not UTF-8, refused`); }
        continue;
      }
      const text = c.text;
      const out = run(text);
      if (kind === 'y') {
        yTotal++;
        const ref = reference(text);
        const duplicate = /duplicated_key/.test(c.name);
        if (parser === 'strict' && duplicate && !out.accepted) {
          // By design: the strict path hands duplicate keys to the tolerant parser, which reports them.
          yOk++;
          yDuplicates++;
          continue;
        }
        if (!out.accepted) { failures.push(`${parser}: ${c.name} rejected: ${out.problems.map((p) => p.message).join('; ')}`); continue; }
        if (ref.ok) {
          try {
            assert.deepStrictEqual(out.value, ref.value);
          } catch {
            failures.push(`${parser}: ${c.name} value ${JSON.stringify(out.value)} where JSON.parse gives ${JSON.stringify(ref.value)}`);
            continue;
          }
        }
        if (out.problems.length) yDuplicates++;
        yOk++;
      } else if (kind === 'n') {
        nTotal++;
        if (out.accepted) {
          // Accepted as JSONC by design when the only thing plain JSON objects to is comments.
          const asJson = parseTolerantJson(text, false);
          if (parser === 'tolerant (JSONC)' && asJson.problems.length > 0 && asJson.problems.every((p) => p.message === COMMENT)) {
            nJsonc++;
            continue;
          }
          failures.push(`${parser}: ${c.name} accepted without a problem`);
          continue;
        }
        nOk++;
      } else {
        if (out.accepted) iAccepted++;
        else iRejected++;
        if (parser === 'parseJson (JSON)') iOutcomes.push(`${c.name}: ${out.accepted ? 'accepted' : `reported (${out.problems[0]?.message ?? 'handed over'})`}`);
      }
    }
    lines.push(`${parser}: y_ ${yOk}/${yTotal} accepted with JSON.parse's value${yDuplicates ? ` (${yDuplicates} with duplicate keys ${parser === 'strict' ? 'handed to the tolerant parser' : 'accepted with the duplicate-key problem'}, by design)` : ''}; `
      + `n_ ${nOk}/${nTotal} reported${nNotUtf8 ? ` (${nNotUtf8} refused as not UTF-8 before parsing)` : ''}${nJsonc ? `, ${nJsonc} accepted as JSONC comments by design` : ''}; `
      + `i_ ${iAccepted} accepted, ${iRejected} reported`);
  }
  for (const l of lines) t.diagnostic(l);
  for (const l of iOutcomes) t.diagnostic(`i_ ${l}`);
  assert.deepEqual(failures, []);
});
