import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { decodeText } from '../../server/src/cli/decode';
import { compileGlob, languageIdFor } from '../../server/src/cli/files';
import { escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import { chooseJobs, WORKER_THRESHOLD } from '../../server/src/cli/run';
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
});
