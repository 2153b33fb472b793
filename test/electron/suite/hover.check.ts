// The spec hover checks of test/e2e/checks/hover-spec.check.mjs, written
// against the vscode API instead of the rendered widget.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import * as vscode from 'vscode';

/** One editor-level check: a name and an async body that throws on failure. */
export interface Check {
  name: string;
  fn: () => Promise<void>;
}

const REPO = process.env.STYLEBOOK_REPO ?? path.resolve(__dirname, '../../../..');

interface Guideline {
  guideline_company: string;
  references?: { url: string }[];
}

function topic(id: string): { companies: string[]; sectionUrls: string[] } {
  const { data } = matter(fs.readFileSync(path.join(REPO, 'catalog/topics', `${id}.md`), 'utf8'));
  const guidelines = (data.guidelines ?? []) as Guideline[];
  return {
    companies: guidelines.map((g) => g.guideline_company),
    sectionUrls: guidelines.flatMap((g) => (g.references ?? []).map((r) => r.url)),
  };
}

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The position of `token` on the first line after a line containing `after`. */
function positionOf(doc: vscode.TextDocument, token: string, after: string): vscode.Position {
  const text = doc.getText();
  const from = text.indexOf(after);
  assert.ok(from >= 0, `${after} is in ${doc.uri.path}`);
  const at = text.indexOf(token, from + after.length);
  assert.ok(at >= 0, `${token} follows ${after}`);
  return doc.positionAt(at + 1);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

/** Asks the hover providers until one answers with `expect` (the server may still be starting), bounded. */
async function hoverUntil(uri: vscode.Uri, pos: vscode.Position, expect: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
    last = hoverText(hovers ?? []);
    if (last.includes(expect)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no hover with ${JSON.stringify(expect)} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function assertCard(markdown: string): void {
  const expected = topic('http-status-500');
  assert.match(markdown, /500 Internal Server Error/);
  for (const company of expected.companies) assert.ok(markdown.includes(company), `card names ${company}`);
  const hrefs = [...markdown.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1]);
  for (const url of expected.sectionUrls) assert.ok(hrefs.includes(url), `card links ${url}; links: ${hrefs.join(', ')}`);
}

export const checks: Check[] = [
  {
    name: "hovering '500' under responses: in an OpenAPI 3.0 YAML file shows the 500 card",
    fn: async () => {
      const doc = await open('petstore-3.0.yaml');
      assertCard(await hoverUntil(doc.uri, positionOf(doc, "'500'", 'responses:'), '500 Internal Server Error'));
    },
  },
  {
    name: 'hovering "500" in an OpenAPI 3.1 JSON file shows the 500 card',
    fn: async () => {
      const doc = await open('petstore-3.1.json');
      assertCard(await hoverUntil(doc.uri, positionOf(doc, '"500"', '"responses"'), '500 Internal Server Error'));
    },
  },
  {
    name: 'hovering 500 in a YAML file that is not an OpenAPI document shows no card',
    fn: async () => {
      // Control first: the server answers, so an empty answer below is a real "no card".
      const spec = await open('petstore-3.0.yaml');
      await hoverUntil(spec.uri, positionOf(spec, "'500'", 'responses:'), '500 Internal Server Error');
      const doc = await open('docker-compose.yml');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider', doc.uri, positionOf(doc, "'500'", 'x-responses:'));
      assert.doesNotMatch(hoverText(hovers ?? []), /Internal Server Error/);
    },
  },
];
