import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, positionOf, ROOT } from './lspClient';

// Editors other than VS Code (Neovim, Helix, Zed, Emacs, JetBrains) start the
// server through the package's bin, `stylebook lsp`, and may declare almost no
// capability: no workspace/configuration, no dynamic registration, no way to
// run our topic-page command. Everything must still work.

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const BIN = path.join(ROOT, pkg.bin.stylebook);
const SPEC = `openapi: 3.0.3
info:
  title: Pets
  version: '1'
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
        '500':
          description: boom
        '299':
          description: not a registered code
`;

let client: LspClient;
let dir: string;
let uri: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-minimal-'));
  fs.writeFileSync(path.join(dir, 'pets.yaml'), SPEC);
  uri = pathToFileURL(path.join(dir, 'pets.yaml')).toString();
  client = new LspClient([], { command: [process.execPath, BIN, 'lsp'] });
  // Helix passes its `config` and Zed its `initialization_options` here; the profile must reach the cards.
  const init = await client.initialize(pathToFileURL(dir).toString(), { stylebook: { guideProfile: ['Zalando'] } }, {});
  assert.equal(init.capabilities.hoverProvider, true);
  client.open(uri, 'yaml', SPEC);
});
after(async () => {
  await client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('`stylebook lsp` serves a client with no capabilities: diagnostics arrive without any request back', async () => {
  const diag = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
  assert.ok(diag.diagnostics.some((d: any) => d.code === 'status-code-unregistered'), JSON.stringify(diag.diagnostics));
  assert.ok(diag.diagnostics.every((d: any) => d.source === 'stylebook' && typeof d.message === 'string'));
  // Nothing the client did not offer: no workspace/configuration, no registerCapability.
  assert.deepEqual(client.serverRequests, []);
});

test('hover cards link to the topic page on the web instead of a command the client cannot run, and follow initializationOptions', async () => {
  const pos = positionOf(SPEC, "'500'", 2);
  const hover = await client.hover(uri, pos.line, pos.character);
  const md: string = hover.contents.value;
  assert.match(md, /500 Internal Server Error/);
  assert.ok(!md.includes('command:'), md);
  assert.match(md, /\[Open the topic page\]\(https:\/\/github\.com\/[^)]+\/catalog\/topics\/http-status-500\.md\)/);
  // guideProfile from initializationOptions.stylebook: Zalando's guide comes first (alphabetically it is last).
  const first = /^- \*\*([^*]+)\*\*/m.exec(md);
  assert.equal(first?.[1], 'Zalando', md);
});

test('completion items and their resolved documentation carry no command link either', async () => {
  const text = SPEC.replace("        '299':\n          description: not a registered code\n", "        '4\n");
  const u2 = pathToFileURL(path.join(dir, 'typing.yaml')).toString();
  client.open(u2, 'yaml', text);
  const pos = positionOf(text, "'4", 2);
  const list = await client.request('textDocument/completion', { textDocument: { uri: u2 }, position: pos });
  const items: any[] = Array.isArray(list) ? list : list.items;
  const item = items.find((i) => /^'?404/.test(i.label) || i.label === '404');
  assert.ok(item, `a 404 item among ${items.map((i) => i.label).join(', ')}`);
  const resolved = await client.request('completionItem/resolve', item);
  const doc = JSON.stringify([item.documentation, resolved.documentation]);
  assert.ok(!doc.includes('command:'), doc);
});
