import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bigOpenApiYaml } from '../helpers/bigSpec';
import { LspClient, ROOT } from './lspClient';

const FIXTURES = path.join(ROOT, 'test/fixtures/openapi');

/** A workspace folder with a `.stylebook.yaml` and copies of the fixtures. */
function workspace(config: string, files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-rules-'));
  fs.writeFileSync(path.join(dir, '.stylebook.yaml'), config);
  for (const f of files) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  return dir;
}

/** Starts the server on a workspace, opens a file and waits for its first diagnostics. */
async function openIn(client: LspClient, dir: string, file: string): Promise<{ uri: string; text: string; diagnostics: any[] }> {
  const uri = pathToFileURL(path.join(dir, file)).toString();
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  client.open(uri, file.endsWith('.json') ? 'json' : 'yaml', text, 1);
  const params = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1, 20000);
  return { uri, text, diagnostics: params.diagnostics };
}

const codes = (ds: any[]) => ds.map((d) => String(d.code));

describe('OpenAPI diagnostics over stdio', () => {
  const dirs: string[] = [];
  const clients: LspClient[] = [];
  const start = async (config: string, files: string[]) => {
    const dir = workspace(config, files);
    dirs.push(dir);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(pathToFileURL(dir).toString());
    return { client, dir };
  };

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist/server.js')), 'run npm run build first');
  });
  after(async () => {
    for (const c of clients) await c.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  test('every rule fires on the violation fixtures, with source, link and data', async () => {
    const a = await start('naming:\n  pathCase: kebab-case\npagination:\n  required: true\n  style: any\nversioning:\n  style: header\nnulls:\n  style: omit\n', ['violations.yaml']);
    const { diagnostics } = await openIn(a.client, a.dir, 'violations.yaml');
    const got = new Set(codes(diagnostics));
    for (const id of ['status-code-invalid', 'status-code-unregistered', 'post-create-status', 'created-location', 'retry-after', 'error-response', 'delete-no-content', 'response-description', 'operation-security', 'path-case', 'versioning-style', 'pagination-params', 'pagination-consistency', 'date-time-format', 'null-style', 'ignore-reason']) {
      assert.ok(got.has(id), `${id} missing from ${JSON.stringify([...got])}`);
    }
    for (const d of diagnostics) {
      assert.equal(d.source, 'stylebook');
      if (d.code !== 'ignore-reason') {
        assert.match(d.codeDescription.href, /^https?:\/\//, String(d.code));
        assert.equal(d.data.rule, d.code);
      }
    }
    const b = await start('naming:\n  pathCase: any\n', ['violations-more.yaml']);
    const more = await openIn(b.client, b.dir, 'violations-more.yaml');
    assert.ok(codes(more.diagnostics).includes('path-case-mixed'), JSON.stringify(codes(more.diagnostics)));
    assert.ok(codes(more.diagnostics).includes('path-verb'));
    // kebab-case is the most common case, so the snake_case and camelCase paths are the odd ones.
    assert.deepEqual(more.diagnostics.filter((d) => d.code === 'path-case-mixed').map((d) => d.range.start.line), [19, 26]);
  });

  test('a problem in a shared response reaches the editor once, at the component, with the operations as related information', async () => {
    const { client, dir } = await start('', []);
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/cli/shared/responses.yaml'), path.join(dir, 'shared.yaml'));
    const { uri, text, diagnostics } = await openIn(client, dir, 'shared.yaml');
    const retry = diagnostics.filter((d) => d.code === 'retry-after');
    assert.equal(retry.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
    const lines = text.split('\n');
    assert.equal(lines[retry[0].range.start.line], '    TooManyRequests:');
    assert.deepEqual(retry[0].relatedInformation.map((r: any) => [r.location.uri, lines[r.location.range.start.line].trim(), r.message]), [
      [uri, "'429':", 'GET /orders uses it as its 429 response'],
      [uri, "'429':", 'GET /orders/{id} uses it as its 429 response'],
      [uri, "'429':", 'GET /invoices uses it as its 429 response'],
    ]);
  });

  test('the clean fixtures stay quiet (YAML, JSON, Swagger 2.0)', async () => {
    const { client, dir } = await start('pagination:\n  required: true\n  style: offset\nversioning:\n  style: path\nnulls:\n  style: omit\n', ['clean.yaml', 'clean.json', 'clean-swagger2.json']);
    for (const f of ['clean.yaml', 'clean.json', 'clean-swagger2.json']) {
      const { diagnostics } = await openIn(client, dir, f);
      assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), [], f);
    }
  });

  test('a syntax error is reported where it is', async () => {
    const { client, dir } = await start('rules: {}\n', []);
    const uri = pathToFileURL(path.join(dir, 'broken.yaml')).toString();
    client.open(uri, 'yaml', "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: [oops\n", 1);
    const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri, 20000);
    const syntax = p.diagnostics.find((d: any) => d.code === 'syntax');
    assert.ok(syntax, JSON.stringify(p.diagnostics));
    assert.equal(syntax.severity, 1);
    assert.ok(syntax.range.start.line >= 6);
  });

  test('a YAML document over 5 MB that only the yaml package could read gets one problem at once, and hovers still answer', async () => {
    const { client, dir } = await start('', []);
    const text = `${bigOpenApiYaml(5.5 * 1024 * 1024, '500')}  /tabbed:\n\tget: {}\n`;
    const uri = pathToFileURL(path.join(dir, 'big.yaml')).toString();
    client.open(uri, 'yaml', text, 1);
    const p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri && x.version === 1, 20000);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    const d = p.diagnostics[0];
    assert.equal(d.code, 'syntax');
    assert.equal(d.range.start.line, text.slice(0, text.indexOf('\tget')).split('\n').length - 1);
    assert.match(d.message, /tab in the indentation.*not checked/);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 10 } });
    assert.match(JSON.stringify(hover.contents), /500 Internal Server Error/);
  });

  test('each quick fix, applied over LSP, removes its diagnostic', async () => {
    const { client, dir } = await start('pagination:\n  required: true\n  style: any\nversioning:\n  style: header\nnulls:\n  style: omit\n', ['violations.yaml']);
    let { uri, text, diagnostics } = await openIn(client, dir, 'violations.yaml');
    let version = 1;
    const fixable = [...new Set(diagnostics.filter((d) => d.data?.fixes?.length).map((d) => String(d.code)))];
    assert.ok(fixable.length >= 10, JSON.stringify(fixable));
    for (const code of fixable) {
      const d = diagnostics.find((x) => x.code === code);
      if (!d) continue; // an earlier fix (e.g. the error response) may have fixed this one too
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      assert.ok(actions.length > 0, `no action for ${code}`);
      const edits = actions[0].edit.changes[uri];
      const before = diagnostics.filter((x) => x.code === code).length;
      text = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', version, text), edits);
      client.change(uri, text, ++version);
      const v = version;
      diagnostics = (await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v, 20000)).diagnostics;
      const after = diagnostics.filter((x) => x.code === code).length;
      assert.ok(after < before, `${code} (${actions[0].title}): ${before} before, ${after} after`);
      assert.ok(!codes(diagnostics).includes('syntax'), `${code}: the fix broke the YAML: ${JSON.stringify(diagnostics.filter((x) => x.code === 'syntax'))}`);
    }
  });
});
