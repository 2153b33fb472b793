import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormatName } from '../../server/src/cli/args';
import { FORMATTERS } from '../../server/src/cli/formats/index';
import { writeChunks } from '../../server/src/cli/formats/stream';
import { capFiles, type LintResult, type Problem, type Severity } from '../../server/src/cli/report';

// Promise: every output format writes a report of a million problems
// without crashing (no spreading of big arrays, no string past V8's limit),
// piece by piece; and capped, each file shows at most the cap and says how
// many more there are. `npm test` runs 130,000 problems (the old stylish format crashed at about 125,000);
// `npm run test:hostile` runs 1,000,000 (STYLEBOOK_HOSTILE_PROBLEMS).

const COUNT = Number(process.env.STYLEBOOK_HOSTILE_PROBLEMS ?? 130_000);
const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

/** One file with `count` problems, some in shared components (with related places), and hostile text in messages. */
function bigResult(count: number): LintResult {
  const problems: Problem[] = new Array(count);
  for (let i = 0; i < count; i++) {
    problems[i] = {
      ruleId: 'retry-after', severity: SEVERITIES[i % 4], message: `problem ${i} \x1b[2J%0A`,
      line: i + 1, column: 1 + (i % 80), endLine: i + 1, endColumn: 90,
      topicId: 'http-status-429', topicName: '429 Too Many Requests', helpUri: 'https://example.com/429',
      ...(i % 1000 === 0 ? { related: [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: 'GET /a uses it' }] } : {}),
    };
  }
  return {
    files: [{ path: '/repo/specs/big #1?.yaml', kind: 'openapi', problems }],
    failures: [], skipped: 0, rules: [{ id: 'retry-after', defaultSeverity: 'warning', topicId: 'http-status-429', topicName: '429 Too Many Requests' }],
  };
}

/** Writes a format's report into a sink that keeps only its size, its line count and its ends. */
function measure(format: FormatName, result: LintResult): { chars: number; lines: number; head: string; tail: string } {
  let chars = 0;
  let lines = 0;
  let head = '';
  let tail = '';
  writeChunks(FORMATTERS[format](result, { cwd: '/repo', color: false, version: '0.0.0' }), (s) => {
    chars += s.length;
    for (let at = s.indexOf('\n'); at >= 0; at = s.indexOf('\n', at + 1)) lines++;
    if (head.length < 4096) head += s.slice(0, 4096);
    tail = (tail + s).slice(-4096);
  });
  return { chars, lines, head, tail };
}

test(`hostile (output): ${COUNT.toLocaleString('en-US')} problems in one file, uncapped, in every format`, () => {
  const result = bigResult(COUNT);
  const stylish = measure('stylish', result);
  // Per problem: its line and its topic line; the related summary every thousandth; the file name, a blank line, the
  // rule's link to docs/rules.md (a heading, one line, a blank line) and the summary.
  assert.equal(stylish.lines, COUNT * 2 + Math.ceil(COUNT / 1000) + 6);
  assert.match(stylish.tail, new RegExp(`✖ ${COUNT} problems \\(${COUNT / 4} errors, ${COUNT / 4} warnings, ${COUNT / 4} infos, ${COUNT / 4} hints\\) in 1 file checked\\n$`));
  assert.doesNotMatch(stylish.head, /\x1b/, 'control characters from messages are dropped');

  const github = measure('github', result);
  assert.equal(github.lines, COUNT);
  assert.doesNotMatch(github.head + github.tail, /\x1b/);

  const json = measure('json', result);
  assert.ok(json.chars > COUNT * 300, `${json.chars}`);
  assert.match(json.tail, new RegExp(`"summary": \\{\\n    "files": 1,[^}]*"error": ${COUNT / 4},[^}]*"hint": ${COUNT / 4}\\n  \\}\\n\\}\\n$`));

  const sarif = measure('sarif', result);
  assert.match(sarif.head, /"uri": "specs\/big%20%231%3F\.yaml"/);
  assert.match(sarif.tail, /\]\n\s+\}\n\s+\]\n\}\n$/, 'the log is closed');
});

test('hostile (output): capped, each format lists the cap and says how many more; the JSON and SARIF still parse', () => {
  const result = { ...bigResult(20_000) };
  result.files = capFiles(result.files, 1000);
  for (const format of ['stylish', 'json', 'sarif', 'github'] as const) {
    let text = '';
    writeChunks(FORMATTERS[format](result, { cwd: '/repo', color: false, version: '0.0.0' }), (s) => { text += s; });
    if (format === 'json') {
      const file = (JSON.parse(text) as { files: { problems: unknown[]; notShown: number }[] }).files[0];
      assert.deepEqual([file.problems.length, file.notShown], [1000, 19_000]);
    } else assert.match(text, /19,000 more problems in this file not shown/, format);
    if (format === 'sarif') assert.equal((JSON.parse(text) as { runs: { results: unknown[] }[] }).runs[0].results.length, 1000);
  }
});
