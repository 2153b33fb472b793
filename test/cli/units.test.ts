import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { decodeText } from '../../server/src/cli/decode';
import { compileGlob, languageIdFor } from '../../server/src/cli/files';
import { escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import { chooseJobs, WORKER_THRESHOLD } from '../../server/src/cli/run';
import { artifactLocation } from '../../server/src/cli/formats/sarif';
import { jsonChunks, LazyArray, writeChunks } from '../../server/src/cli/formats/stream';
import { capFiles, countBySeverity, type FileReport, type Problem, type Severity } from '../../server/src/cli/report';
import { capProblems } from '../../server/src/service/problemCap';
import { hyperlink, renderMarkdown, shouldColor, supportsHyperlinks } from '../../server/src/cli/terminal';

// The CLI's small pure pieces, checked directly; the commands themselves are
// tested end to end in cli.test.ts.

test('parseArgs: flags with values in both spellings, defaults, and the command word', () => {
  const a = parseArgs(['lint', '--format=sarif', '-o', 'out.sarif', '--max-warnings', '3', '--fail-on', 'warning', 'specs/', 'api.yaml']);
  assert.equal(a.command, 'lint');
  assert.deepEqual(a.positionals, ['specs/', 'api.yaml']);
  assert.deepEqual([a.format, a.output, a.maxWarnings, a.failOn], ['sarif', 'out.sarif', 3, 'warning']);
  assert.deepEqual([parseArgs(['lint', 'x']).format, parseArgs(['lint', 'x']).failOn], ['stylish', 'error']);
  assert.equal(parseArgs(['catalog', 'check']).command, 'catalog-check');
  assert.deepEqual(parseArgs(['lint', '--', '--odd-name.yaml']).positionals, ['--odd-name.yaml']);
  assert.equal(parseArgs(['search', '-h']).helpFor, 'search');
  assert.equal(parseArgs(['-v', 'lint']).command, 'version');
  assert.throws(() => parseArgs(['lint', '-j', '0', 'x']), UsageError);
  assert.throws(() => parseArgs(['lint', '-f']), /^Error: -f needs a value$/);
});

test('compileGlob: *, **, ?, [..] and {a,b} over cwd-relative paths, and the folder to walk', () => {
  const cwd = '/repo';
  const m = (glob: string, p: string) => compileGlob(glob, cwd).matcher.test(p);
  assert.ok(m('*.yaml', 'api.yaml'));
  assert.ok(!m('*.yaml', 'specs/api.yaml'), '* stays within a folder');
  assert.ok(m('specs/**/*.yaml', 'specs/api.yaml'), '** matches no folder');
  assert.ok(m('specs/**/*.yaml', 'specs/a/b/api.yaml'));
  assert.ok(m('**/*.{yaml,yml}', 'x/y.yml'));
  assert.ok(!m('**/*.{yaml,yml}', 'x/y.json'));
  assert.ok(m('v?/api.json', 'v2/api.json'));
  assert.ok(m('v[12]/api.json', 'v1/api.json'));
  assert.ok(!m('v[12]/api.json', 'v3/api.json'));
  assert.ok(m('a+b (1).yaml', 'a+b (1).yaml'), 'regular-expression characters are literal');
  assert.equal(compileGlob('specs/**/*.yaml', cwd).base, path.resolve(cwd, 'specs'));
  assert.equal(compileGlob('*.yaml', cwd).base, path.resolve(cwd));
});

test('languageIdFor: OpenAPI candidates always, code only for languages the service knows', () => {
  assert.equal(languageIdFor('a/b.YAML', []), 'yaml');
  assert.equal(languageIdFor('b.json', []), 'json');
  assert.equal(languageIdFor('b.ts', ['typescript']), 'typescript');
  assert.equal(languageIdFor('b.ts', []), undefined);
  assert.equal(languageIdFor('b.rs', ['typescript']), undefined);
  assert.equal(languageIdFor('README.md', ['typescript']), undefined);
});

test('github format escaping: %, CR and LF in messages; also : and , in properties', () => {
  assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  assert.equal(escapeProperty('a:b,c'), 'a%3Ab%2Cc');
});

test('github format escaping: ESC, BEL, the one-byte CSI and other control characters never reach the runner; tab, CR and LF are encoded', () => {
  const hostile = 'red \x1b[31mtext\x1b[0m bell\x07 csi\x9b2J osc\x1b]8;;https://evil\x07x\x1b]8;;\x07 nul\x00 del\x7f tab\t';
  const data = escapeData(hostile);
  assert.doesNotMatch(data, /[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
  assert.equal(data, 'red [31mtext[0m bell csi2J osc]8;;https://evilx]8;; nul del tab\t');
  assert.equal(escapeProperty('spec\x1b[2J:1,2\n%'), 'spec[2J%3A1%2C2%0A%25');
  // A message cannot start a new workflow command: its line breaks are encoded.
  assert.doesNotMatch(escapeData('x\n::error file=a::forged\r\n::stop-commands::t'), /[\r\n]/);
});

test('SARIF artifact URIs: each path segment percent-encoded (RFC 3986), so #, ?, % and spaces stay in the path', () => {
  const cwd = path.resolve('/repo');
  const uri = (rel: string) => artifactLocation(path.join(cwd, ...rel.split('/')), cwd);
  assert.deepEqual(uri('specs/a#b?.yaml'), { uri: 'specs/a%23b%3F.yaml', uriBaseId: '%SRCROOT%' });
  assert.equal(uri('100% done/my api.yaml').uri, '100%25%20done/my%20api.yaml');
  assert.equal(uri('é/[x]+(1)!.yaml').uri, '%C3%A9/%5Bx%5D%2B%281%29%21.yaml');
  assert.equal(uri('c:colon.yaml').uri, 'c%3Acolon.yaml', 'a colon in the first segment would read as a scheme');
  for (const name of ['a#b?.yaml', '100% done.yaml', 'é (1).yaml', 'x\u0007y.yaml']) {
    const u = uri(`d/${name}`);
    assert.match(u.uri, /^[A-Za-z0-9\-._~%/]+$/, 'only unreserved characters and escapes');
    assert.equal(decodeURIComponent(u.uri), `d/${name}`);
    // Resolved against the base as code scanning does, the URL names the same file.
    assert.equal(decodeURIComponent(new URL(u.uri, 'file:///repo/').pathname), `/repo/d/${name}`);
  }
  // Outside the working folder: an absolute file: URI, no base.
  const outside = artifactLocation(path.resolve('/elsewhere/a#b.yaml'), cwd);
  assert.equal(outside.uriBaseId, undefined);
  assert.match(outside.uri, /^file:\/\/.*a%23b\.yaml$/);
});

test('jsonChunks writes exactly what JSON.stringify(value, null, 2) writes, in pieces; LazyArray items are made while written', () => {
  const values: unknown[] = [
    {}, [], { a: [] }, { a: {} }, [1, 'two', null, true, { x: undefined, y: [[]] }],
    { tool: { name: 'x' }, files: [{ path: 'a "b"\n', problems: [{ line: 1, message: 'é\u2028', related: [{ m: 1 }], skip: undefined }] }], n: -0.5 },
    { deep: { deeper: { deepest: { end: [1, { two: 2 }] } } } },
  ];
  for (const v of values) {
    for (const depth of [0, 1, 2, 4, 8]) assert.equal([...jsonChunks(v, depth)].join(''), JSON.stringify(v, null, 2), `${JSON.stringify(v)} at ${depth}`);
  }
  let made = 0;
  const lazy = new LazyArray(function* () {
    for (let i = 0; i < 3; i++) {
      made++;
      yield { i };
    }
  });
  const chunks = jsonChunks({ results: lazy, empty: new LazyArray(() => []) }, 4);
  assert.equal(made, 0, 'nothing made before it is written');
  assert.equal([...chunks].join(''), JSON.stringify({ results: [{ i: 0 }, { i: 1 }, { i: 2 }], empty: [] }, null, 2));
  const written: string[] = [];
  writeChunks(['ab', 'cd', 'e'], (s) => written.push(s), 3);
  assert.deepEqual(written, ['abcd', 'e']);
});

test('capProblems and capFiles: at most n per file, the most severe kept first in their order, every problem still counted', () => {
  const sev: Severity[] = ['hint', 'warning', 'info', 'error', 'warning', 'hint', 'error', 'info'];
  const problems: Problem[] = sev.map((severity, i) => ({ ruleId: 'r', severity, message: `m${i}`, line: i + 1, column: 1, endLine: i + 1, endColumn: 2 }));
  const file: FileReport = { path: '/a.yaml', kind: 'openapi', problems };
  const [capped] = capFiles([file], 3);
  assert.deepEqual(capped.problems.map((p) => p.message), ['m1', 'm3', 'm6'], 'both errors, then the first warning, in file order');
  assert.deepEqual(capped.notShown, { error: 0, warning: 1, info: 2, hint: 2 });
  assert.deepEqual(countBySeverity([capped]), countBySeverity([file]), 'totals count what was left out');
  assert.equal(capFiles([file], 0)[0], file, '0: no cap');
  assert.equal(capFiles([file], 8)[0], file);
  assert.equal(capProblems(problems, 2, (p) => ['error', 'warning', 'info', 'hint'].indexOf(p.severity), 4).firstHidden?.message, 'm0');
});

test('chooseJobs: one thread for small runs, several for big ones, the request honoured', () => {
  assert.equal(chooseJobs(1), 1);
  assert.equal(chooseJobs(WORKER_THRESHOLD - 1), 1);
  assert.ok(chooseJobs(1000) >= 1 && chooseJobs(1000) <= 8);
  assert.equal(chooseJobs(1000, undefined, 2), 1, 'two cores: one thread unless asked');
  assert.equal(chooseJobs(1000, undefined, 4), 4);
  assert.equal(chooseJobs(1000, undefined, 32), 8, 'at most 8 workers');
  assert.equal(chooseJobs(60, undefined, 8), 3, 'about 24 files per worker');
  assert.equal(chooseJobs(1000, 2, 2), 2, 'a request is honoured on any machine');
  assert.equal(chooseJobs(10, 4, 8), 4);
  assert.equal(chooseJobs(2, 4, 8), 2, 'never more workers than files');
  assert.equal(chooseJobs(1000, 60, 2), 2, 'never more workers than cores');
  assert.equal(chooseJobs(1000, 60, 16), 16);
});

test('terminal: colour and hyperlink decisions follow flags, conventions and the terminal', () => {
  assert.equal(shouldColor({ isTTY: true }, undefined, {}), true);
  assert.equal(shouldColor({ isTTY: false }, undefined, {}), false);
  assert.equal(shouldColor({ isTTY: true }, undefined, { NO_COLOR: '1' }), false);
  assert.equal(shouldColor({ isTTY: false }, undefined, { FORCE_COLOR: '1' }), true);
  assert.equal(shouldColor({ isTTY: true }, false, {}), false);
  assert.equal(supportsHyperlinks({ isTTY: true }, { TERM_PROGRAM: 'vscode' }), true);
  assert.equal(supportsHyperlinks({ isTTY: false }, { TERM_PROGRAM: 'vscode' }), false);
  assert.equal(supportsHyperlinks({ isTTY: true }, { TERM: 'xterm-256color' }), false, 'unknown terminals get plain URLs');
  assert.equal(supportsHyperlinks({ isTTY: true }, { TERM_PROGRAM: 'vscode', CI: 'true' }), false);
  assert.equal(hyperlink('RFC', 'https://x.test/', false), 'RFC (https://x.test/)');
  assert.equal(hyperlink('https://x.test/', 'https://x.test/', false), 'https://x.test/');
});

test('renderMarkdown: the card subset, escapes undone, command links dropped, no smuggled escape sequences', () => {
  const md = [
    '### 404 Not Found',
    '*HTTP Status* · `http-status-404`',
    '',
    '**Zalando** — a \\[bracket\\] and \\*stars\\*: [Use 404](https://example.test/a_(b))',
    '',
    '[Open the topic page](command:stylebook.showTopic?%5B%22x%22%5D "Show")',
    'evil \x1b]8;;http://bad\x07text',
  ].join('\n');
  const plain = renderMarkdown(md, { color: false, hyperlinks: false });
  assert.equal(plain, [
    '404 Not Found',
    'HTTP Status · http-status-404',
    '',
    'Zalando — a [bracket] and *stars*: Use 404 (https://example.test/a_(b))',
    '',
    'evil ]8;;http://badtext',
  ].join('\n'));
  const rich = renderMarkdown('[Use 404](https://example.test/)', { color: true, hyperlinks: true });
  assert.ok(rich.includes('\x1b]8;;https://example.test/\x07Use 404\x1b]8;;\x07'));
});

test('decodeText: the byte order mark picks UTF-8, UTF-16 or UTF-32 and is dropped; broken or binary bytes are refused with the reason', () => {
  const text = 'openapi: 3.1.0\ntitle: café 🚀\n';
  const utf16le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const utf32 = (le: boolean) => {
    const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
    const b = Buffer.alloc(points.length * 4);
    points.forEach((cp, i) => (le ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
    return b;
  };
  const ok = (buf: Uint8Array) => {
    const d = decodeText(buf);
    assert.ok('text' in d, JSON.stringify(d));
    return [d.text, d.encoding];
  };
  assert.deepEqual(ok(Buffer.from(text)), [text, 'UTF-8']);
  assert.deepEqual(ok(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), [text, 'UTF-8 with BOM']);
  assert.deepEqual(ok(utf16le), [text, 'UTF-16 LE']);
  assert.deepEqual(ok(utf16be), [text, 'UTF-16 BE']);
  assert.deepEqual(ok(utf32(true)), [text, 'UTF-32 LE']);
  assert.deepEqual(ok(utf32(false)), [text, 'UTF-32 BE']);
  assert.deepEqual(ok(new Uint8Array(0)), ['', 'UTF-8']);
  assert.deepEqual(decodeText(Buffer.from('a\0b')), { error: 'binary file (it contains NUL bytes); not linted', reason: 'binary' });
  assert.deepEqual(decodeText(Buffer.from('caf\xe9', 'latin1')), { error: 'not UTF-8 text; not linted', reason: 'encoding' });
  // A lone surrogate in UTF-16 and a code point past U+10FFFF in UTF-32 are not text.
  assert.match((decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])) as { error: string }).error, /not valid UTF-16 LE text/);
  assert.match((decodeText(Buffer.from([0x00, 0x00, 0xfe, 0xff, 0x00, 0x11, 0x00, 0x00])) as { error: string }).error, /not valid UTF-32 BE text/);
  assert.match((decodeText(Buffer.from([0x00, 0x00, 0xfe, 0xff, 0x00, 0x00])) as { error: string }).error, /not valid UTF-32 BE text/, 'a truncated unit');
});

test('parseArgs: --no-error-on-unmatched-pattern and repeatable --ignore-pattern', () => {
  const a = parseArgs(['lint', '--no-error-on-unmatched-pattern', '--ignore-pattern', 'test/**', '--ignore-pattern=*.gen.ts', '.']);
  assert.equal(a.allowNothing, true);
  assert.deepEqual(a.ignorePatterns, ['test/**', '*.gen.ts']);
  assert.deepEqual(parseArgs(['lint', '.']).ignorePatterns, []);
  assert.throws(() => parseArgs(['lint', '--ignore-pattern', '', '.']), /--ignore-pattern needs a pattern/);
  assert.equal(parseArgs(['lint', '--ignore-unknown', 'a.yaml']).ignoreUnknown, true);
  assert.equal(parseArgs(['lint', 'a.yaml']).ignoreUnknown, undefined);
});

test('parseArgs: `lsp` takes a transport (stdio by default) and refuses anything else; --help shows its help', () => {
  assert.deepEqual([parseArgs(['lsp']).command, parseArgs(['lsp']).positionals], ['lsp', []]);
  assert.deepEqual(parseArgs(['lsp', '--stdio']).positionals, ['--stdio']);
  assert.deepEqual(parseArgs(['lsp', '--socket=5007']).positionals, ['--socket=5007']);
  assert.throws(() => parseArgs(['lsp', 'api.yaml']), (e: Error) => e instanceof UsageError && /lsp takes only a transport/.test(e.message));
  assert.throws(() => parseArgs(['lsp', '--format=json']), UsageError);
  assert.deepEqual([parseArgs(['lsp', '--help']).command, parseArgs(['lsp', '--help']).helpFor], ['help', 'lsp']);
});
