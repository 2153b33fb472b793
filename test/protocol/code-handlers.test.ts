import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, ROOT } from './lspClient';

// The route-handler features over stdio against the bundled server, for every
// framework fixture: hover cards (and none on the traps), completion ranked
// by the route's method, and diagnostics with a topic link and quick fixes.
// The expectations are the same table the unit tests read.

interface FixtureExpectations {
  languageId: string;
  hover: Array<[string, number | string | null]>;
  completion: Array<{ at: string; remove: number; first: string[] }>;
  diagnostics: Array<[string, string, string]>;
}

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'code');
const EXPECTATIONS: Record<string, FixtureExpectations> = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8'));

function offsetOf(text: string, needleWithCursor: string): number {
  const bar = needleWithCursor.indexOf('|');
  const needle = needleWithCursor.slice(0, bar) + needleWithCursor.slice(bar + 1);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found`);
  return at + bar;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize();
});
after(async () => { await client.close(); });

for (const [file, exp] of Object.entries(EXPECTATIONS)) {
  describe(`${file} over stdio`, () => {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const uri = `file:///fixtures/${file}`;
    before(() => client.open(uri, exp.languageId, text));

    test('hover: cards where a status is set or a route declared, none on the traps', async () => {
      for (const [at, expected] of exp.hover) {
        const pos = positionAt(text, offsetOf(text, at));
        const h = await client.hover(uri, pos.line, pos.character);
        const where = `${file} ${at}`;
        if (expected === null) { assert.equal(h, null, `${where}: expected no card`); continue; }
        assert.ok(h, `${where}: expected a card`);
        const value: string = h.contents.value;
        assert.equal(h.contents.kind, 'markdown');
        if (typeof expected === 'number') assert.ok(value.includes(`**${expected}`), `${where}: ${value.slice(0, 120)}`);
        else assert.ok(value.includes(`**${expected.toUpperCase()}**`), `${where}: ${value.slice(0, 120)}`);
      }
    });

    test('diagnostics: rule ids, topic links, severities and quick fixes', async () => {
      const published = await client.waitFor('textDocument/publishDiagnostics',
        (p) => p.uri === uri && p.diagnostics.length === exp.diagnostics.length, 15000);
      const got = published.diagnostics.map((d: any) => `${d.code}@${positionKey(d.range.start)}`).sort();
      const want = exp.diagnostics.map(([at, rule]) => `${rule}@${positionKey(positionAt(text, offsetOf(text, at)))}`).sort();
      assert.deepEqual(got, want);
      for (const [at, rule, fixText] of exp.diagnostics) {
        const start = positionAt(text, offsetOf(text, at));
        const d = published.diagnostics.find((x: any) => x.code === rule && positionKey(x.range.start) === positionKey(start));
        assert.match(d.codeDescription.href, /^https?:\/\//);
        assert.ok([1, 2, 3, 4].includes(d.severity));
        const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        assert.ok(actions.length > 0, `${file} ${rule}: no quick fix`);
        assert.equal(actions[0].kind, 'quickfix');
        assert.equal(actions[0].edit.changes[uri][0].newText, fixText);
      }
    });

    if (exp.completion.length) {
      test('completion: codes ranked by the route method', async () => {
        let version = 1;
        for (const c of exp.completion) {
          const offset = offsetOf(text, c.at);
          client.change(uri, text.slice(0, offset) + text.slice(offset + c.remove), ++version);
          const pos = positionAt(text, offset);
          const list = await client.request('textDocument/completion', { textDocument: { uri }, position: pos });
          assert.ok(list && list.items.length > 0, `${file} ${c.at}: no completion`);
          const labels = [...list.items].sort((a: any, b: any) => a.sortText.localeCompare(b.sortText)).map((i: any) => i.label);
          assert.deepEqual(labels.slice(0, c.first.length), c.first, `${file} ${c.at}`);
        }
        client.change(uri, text, ++version);
      });
    }
  });
}

function positionKey(p: { line: number; character: number }): string {
  return `${p.line}:${p.character}`;
}
