import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bigOpenApiYaml } from '../helpers/bigSpec';
import { hostileFiles } from '../helpers/hostile';
import { LspClient, ROOT } from './lspClient';

// The real server over stdio on documents built to stall a naive walk, and on
// a document that takes long to validate beside one that does not. Results
// are asserted, never times: the times are in `npm run bench` (hostile area).

describe('hostile documents and slow ones over stdio', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist/server.js')), 'run npm run build first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-hostile-'));
    client = new LspClient();
    await client.initialize(pathToFileURL(dir).toString());
  });
  after(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('each hostile document gets its diagnostics, and hovers in it and in another document answer while and after it is validated', async () => {
    // An ordinary document beside the hostile ones, hovered while each of them is validated.
    const other = pathToFileURL(path.join(dir, 'other.yaml')).toString();
    const otherReady = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === other, 60000);
    client.open(other, 'yaml', "openapi: 3.0.3\ninfo: {title: q, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '429': {description: slow down}\n        default: {description: error}\n", 1);
    await otherReady;
    for (const f of hostileFiles()) {
      const uri = pathToFileURL(path.join(dir, f.name)).toString();
      const order: string[] = [];
      const published = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1, 60000).then((p) => {
        order.push('diagnostics');
        return p;
      });
      client.open(uri, f.name.endsWith('.json') ? 'json' : 'yaml', f.text, 1);
      const otherHover = await client.hover(other, 6, 9);
      order.push('hover');
      assert.match(JSON.stringify(otherHover?.contents), /429 Too Many Requests/, `${f.name}: hover in another document during validation`);
      // The first line is `openapi:` (YAML) or starts the root object (JSON); an answer of any kind is what counts.
      await assert.doesNotReject(client.hover(uri, 0, 1), `${f.name}: hover during validation`);
      const { diagnostics } = await published;
      // The rules take about 0.6 s of CPU on this one (a few ms on most others), in a worker: the main
      // thread answers the hover long before, and would not if the rules ran there.
      if (f.name === 'alias-responses.yaml') assert.deepEqual(order, ['hover', 'diagnostics'], f.name);
      const counts: Record<string, number> = {};
      for (const d of diagnostics) counts[String(d.code)] = (counts[String(d.code)] ?? 0) + 1;
      const expected: Record<string, number> = {};
      for (const [id, n] of Object.entries(f.expect)) expected[id] = n === 'some' ? Math.max(1, counts[id] ?? 0) : n;
      assert.deepEqual(counts, expected, f.name);
      if (f.nestingLine !== undefined) {
        const nesting = diagnostics.filter((d: any) => /^Nesting deeper than \d+ levels is not supported; this value is skipped\.$/.test(d.message));
        assert.deepEqual(nesting.map((d: any) => [d.code, d.range.start.line]), [['syntax', f.nestingLine - 1]], f.name);
      }
      await assert.doesNotReject(client.hover(uri, 0, 1), `${f.name}: hover after validation`);
      client.notify('textDocument/didClose', { textDocument: { uri } });
    }
  });

  test('a document that takes long to validate does not hold up the diagnostics of another', async () => {
    // Whole seconds of rules on a 4 MB specification under load (a few hundred milliseconds on an idle
    // machine), against a few milliseconds on a small one.
    const slow = pathToFileURL(path.join(dir, 'slow.yaml')).toString();
    const quick = pathToFileURL(path.join(dir, 'quick.yaml')).toString();
    const slowText = bigOpenApiYaml(4 * 1024 * 1024, '429');
    const quickText = "openapi: 3.0.3\ninfo: {title: q, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '429': {description: slow down}\n        default: {description: error}\n";
    const both = (version: number) => {
      const order: string[] = [];
      const slowDone = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === slow && p.version === version, 60000).then(() => order.push('slow'));
      const quickDone = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === quick && p.version === version, 60000).then((p) => {
        order.push('quick');
        return p.diagnostics as any[];
      });
      return { order, slowDone, quickDone };
    };
    // First round: the second worker starts on demand, while the first has the slow document.
    const first = both(1);
    client.open(slow, 'yaml', slowText, 1);
    client.open(quick, 'yaml', quickText, 1);
    assert.deepEqual((await first.quickDone).map((d) => d.code), ['retry-after']);
    await first.slowDone;
    // Second round, both workers up: an edit to each, the slow document first. With one worker the
    // quick document's diagnostics would wait for the slow one's.
    const second = both(2);
    client.change(slow, `${slowText}  /more:\n    get:\n      responses:\n        '429': {description: again}\n`, 2);
    client.change(quick, `${quickText}# edited\n`, 2);
    // The main thread answers hovers meanwhile, whatever the workers do.
    const hover = await client.hover(quick, 6, 9);
    assert.match(JSON.stringify(hover?.contents), /429 Too Many Requests/);
    assert.deepEqual((await second.quickDone).map((d) => d.code), ['retry-after']);
    await second.slowDone;
    assert.deepEqual(second.order, ['quick', 'slow']);
  });
});
