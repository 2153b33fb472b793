import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { INJECTION, defineCaseTests, hosts } from './grammarCases';

// The host grammars from npm (tm-grammars). The same cases run against the
// grammars VS Code itself ships in the editor suite (vscodeGrammars.e2e.ts),
// which is where code-server, and so those grammars, are installed.
defineCaseTests('tm-grammars', hosts['tm-grammars']);

test('the server-error scope lists markup.bold before markup.deleted, so the colour comes from markup.deleted', () => {
  const grammar = JSON.parse(fs.readFileSync(INJECTION, 'utf8'));
  const names: string[] = grammar.repository.code.patterns.map((p: { name: string }) => p.name);
  const server = names.find((n) => n.includes('server-error'))!;
  assert.deepEqual(server.split(' ').map((s) => s.split('.').slice(0, 2).join('.')), ['markup.bold', 'markup.deleted']);
});
