import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT, INVALID, REDIRECT, SUCCESS, VSCODE_EXT, defineCaseTests, hosts, missing, registry, scopesOf, yamlSpec } from './grammarCases';

// Run by the editor suite (test/e2e/run.mjs) after scripts/e2e-setup.sh has
// installed code-server, whose VS Code carries the YAML and JSON grammars and
// the themes users actually get. Not a *.test.js file, so `npm test` (which
// runs before that set-up on a fresh clone) does not pick it up; here a
// missing grammar is a failure, never a skip.
const VSCODE = hosts["VS Code's own"];

test("VS Code's own grammars and themes are where code-server installs them", () => {
  assert.deepEqual(missing(VSCODE), [], `not found under ${VSCODE_EXT}: scripts/e2e-setup.sh installs code-server there`);
});

defineCaseTests("VS Code's own", VSCODE);

test('the host grammar still scopes what follows a status key', async () => {
  const reg = registry(VSCODE);
  const scopes = await scopesOf(reg, 'source.yaml', yamlSpec("'200'"), 'description');
  assert.ok(scopes.some((s) => s.startsWith('entity.name.tag')), scopes.join(' '));
  const json = await scopesOf(reg, 'source.json', '{"responses": {"200": {"description": "ok"}}}', 'description');
  assert.ok(json.some((s) => s.startsWith('support.type.property-name')), json.join(' '));
});

// Which colours the built-in themes give each class: they must differ between
// success, redirection and client error, and none may be the default text colour.
test("VS Code's default themes colour each class distinctly", async () => {
  for (const theme of ['theme-defaults/themes/dark_vs.json', 'theme-defaults/themes/light_vs.json', 'theme-monokai/themes/monokai-color-theme.json']) {
    const raw = fs.readFileSync(path.join(VSCODE_EXT, theme), 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[\]}])/g, '$1');
    const tokenColors: Array<{ scope?: string | string[]; settings: { foreground?: string } }> = JSON.parse(raw).tokenColors;
    const colourOf = (scope: string) => {
      let best: { len: number; fg?: string } = { len: -1 };
      for (const r of tokenColors) {
        const selectors = (Array.isArray(r.scope) ? r.scope : (r.scope ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
        for (const sel of selectors) {
          if (r.settings.foreground && (scope === sel || scope.startsWith(`${sel}.`)) && sel.length > best.len) best = { len: sel.length, fg: r.settings.foreground };
        }
      }
      return best.fg?.toLowerCase();
    };
    const colours = [SUCCESS, REDIRECT, CLIENT, INVALID].map(colourOf);
    assert.ok(colours.every(Boolean), `${theme}: ${colours}`);
    assert.equal(new Set(colours.slice(0, 3)).size, 3, `${theme}: ${colours}`);
  }
});
