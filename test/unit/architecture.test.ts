import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/service';

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

// Architecture invariant: the pure service decides what to show and never
// touches the transport, the editor, the file system or the process.
test('the pure service layer imports neither the transport, the editor nor node I/O', () => {
  const forbidden = /from '(vscode|vscode-languageserver|vscode-languageserver\/node|vscode-languageclient[^']*|node:fs|fs|node:child_process|child_process|node:net|net)'/;
  const files = [...walk(path.join(ROOT, 'server', 'src', 'service'))];
  assert.ok(files.length > 10);
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    const m = forbidden.exec(src);
    assert.equal(m, null, `${path.relative(ROOT, f)} imports ${m?.[1]}`);
  }
});

test('the product never depends on ../shared', () => {
  for (const dir of ['server', 'client', 'catalog', 'syntaxes']) {
    const full = path.join(ROOT, dir);
    if (!fs.existsSync(full)) continue;
    for (const f of walk(full)) assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /\.\.\/shared\//, f);
  }
  assert.doesNotMatch(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'), /\.\.\/shared\//);
});

// The service layer's packages are pure data libraries (parsers and LSP value
// types); a new one is a decision, recorded here. markdown-it parses catalog
// guidance for topic pages (guidanceMarkdown.ts); ignore matches the
// gitignore-style `ignore` patterns of the settings (ignore.ts) on paths the
// service is given. Neither does any I/O.
test('the pure service layer uses only its listed packages', () => {
  const allowed = new Set(['gray-matter', 'ignore', 'jsonc-parser', 'markdown-it', 'vscode-languageserver-textdocument', 'vscode-languageserver-types', 'yaml']);
  const used = new Set<string>();
  for (const f of walk(path.join(ROOT, 'server', 'src', 'service'))) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|require\()\s*'([^.'][^']*)'/g)) {
      const pkg = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
      used.add(pkg);
      assert.ok(allowed.has(pkg), `${path.relative(ROOT, f)} uses ${pkg}`);
    }
  }
  assert.ok(used.has('markdown-it'));
});
