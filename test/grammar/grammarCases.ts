import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { ROOT } from '../helpers/service';

/**
 * Tokenizes with the real TextMate engine VS Code uses (vscode-textmate +
 * vscode-oniguruma) and checks the scope our injection gives each
 * status-code key, under a given set of host grammars: those from npm
 * (tm-grammars, in `npm test`) and those VS Code itself ships (in the editor
 * suite, which installs code-server first).
 */
export const INJECTION = path.join(ROOT, 'syntaxes', 'http-status.injection.tmLanguage.json');
const INJECTION_SCOPE = 'openapi.http-status.injection';
const TM = path.join(ROOT, 'node_modules', 'tm-grammars', 'grammars');
export const VSCODE_EXT = path.join(process.env.E2E_CACHE || path.join(ROOT, '.cache', 'e2e'), 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');

export type GrammarFiles = Record<string, string>;
export const hosts: Record<string, GrammarFiles> = {
  'tm-grammars': { 'source.yaml': path.join(TM, 'yaml.json'), 'source.json': path.join(TM, 'json.json') },
  "VS Code's own": {
    'source.yaml': path.join(VSCODE_EXT, 'yaml', 'syntaxes', 'yaml.tmLanguage.json'),
    'source.yaml.1.2': path.join(VSCODE_EXT, 'yaml', 'syntaxes', 'yaml-1.2.tmLanguage.json'),
    'source.yaml.1.1': path.join(VSCODE_EXT, 'yaml', 'syntaxes', 'yaml-1.1.tmLanguage.json'),
    'source.yaml.1.0': path.join(VSCODE_EXT, 'yaml', 'syntaxes', 'yaml-1.0.tmLanguage.json'),
    'source.json': path.join(VSCODE_EXT, 'json', 'syntaxes', 'JSON.tmLanguage.json'),
  },
};

let onig: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onig ??= (async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onig;
}

/** The injectTo list as package.json declares it, so the test exercises the contribution itself. */
function contributedInjectTo(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const g = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === INJECTION_SCOPE);
  return g.injectTo;
}

export function registry(files: GrammarFiles): vsctm.Registry {
  const all: GrammarFiles = { ...files, [INJECTION_SCOPE]: INJECTION };
  const injectTo = contributedInjectTo();
  return new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scope) => (all[scope] ? vsctm.parseRawGrammar(fs.readFileSync(all[scope], 'utf8'), all[scope]) : null),
    getInjections: (scope) => (injectTo.includes(scope) ? [INJECTION_SCOPE] : undefined),
  });
}

/** The scopes of every token whose text is `needle`, in order (n-th occurrence picks one). */
export async function scopesOf(reg: vsctm.Registry, scope: string, text: string, needle: string, nth = 0): Promise<string[]> {
  const grammar = await reg.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope}`);
  let state = vsctm.INITIAL;
  const found: string[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    for (const t of r.tokens) if (line.slice(t.startIndex, t.endIndex) === needle) found.push(t.scopes);
  }
  assert.ok(found[nth], `no token "${needle}" (#${nth}) in ${JSON.stringify(text)}`);
  return found[nth];
}

export const SUCCESS = 'markup.inserted.http-status.success';
export const REDIRECT = 'markup.changed.http-status.redirection';
export const CLIENT = 'markup.deleted.http-status.client-error';
export const SERVER = 'markup.deleted.http-status.server-error';
export const INFO = 'constant.numeric.http-status.informational';
export const INVALID = 'invalid.illegal.http-status.invalid';

export const yamlSpec = (key: string, extra = '') => `openapi: 3.0.0\npaths:\n  /orders:\n    post:\n      responses:\n        ${key}:\n          description: x\n${extra}`;

// [language scope, document, token, expected scope (undefined: no status scope at all), occurrence]
export const cases: Array<[string, string, string, string | undefined, number?]> = [
  ['source.yaml', yamlSpec("'200'"), '200', SUCCESS],
  ['source.yaml', yamlSpec('"201"'), '201', SUCCESS],
  ['source.yaml', yamlSpec('204'), '204', SUCCESS],
  ['source.yaml', yamlSpec("'301'"), '301', REDIRECT],
  ['source.yaml', yamlSpec("'404'"), '404', CLIENT],
  ['source.yaml', yamlSpec('4XX'), '4XX', CLIENT],
  ['source.yaml', yamlSpec("'5xx'"), '5xx', SERVER],
  ['source.yaml', yamlSpec("'503'"), '503', SERVER],
  ['source.yaml', yamlSpec("'101'"), '101', INFO],
  ['source.yaml', yamlSpec("'600'"), '600', INVALID],
  ['source.yaml', yamlSpec("'099'"), '099', INVALID],
  // Not keys, or not in a key position: left to the host grammar.
  ['source.yaml', yamlSpec("'200'", "          example: '404'\n"), '404', undefined],
  ['source.yaml', yamlSpec("'200'", "      # '500': a comment\n"), " '500': a comment", undefined],
  ['source.yaml', yamlSpec("'200'", '          description: |\n            404: inside a block scalar\n'), '404: inside a block scalar', undefined],
  ['source.yaml', '200: a top-level key of some other YAML file\n', '200', undefined],
  ['source.yaml', yamlSpec("'2000'"), '2000', undefined],
  ['source.json', '{"paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}}', '200', SUCCESS],
  ['source.json', '{\n  "responses": {\n    "429": {},\n    "5XX": {},\n    "302": {},\n    "999": {}\n  }\n}', '429', CLIENT],
  ['source.json', '{\n  "responses": {\n    "429": {},\n    "5XX": {},\n    "302": {},\n    "999": {}\n  }\n}', '5XX', SERVER],
  ['source.json', '{\n  "responses": {\n    "429": {},\n    "5XX": {},\n    "302": {},\n    "999": {}\n  }\n}', '302', REDIRECT],
  ['source.json', '{\n  "responses": {\n    "429": {},\n    "5XX": {},\n    "302": {},\n    "999": {}\n  }\n}', '999', INVALID],
  ['source.json', '{"codes": ["200", "404"], "x": "500"}', '404', undefined],
  ['source.json', '{"x": "500"}', '500', undefined],
];

/** One test per case in `cases`, tokenized with the host grammars `files`. */
export function defineCaseTests(host: string, files: GrammarFiles): void {
  for (const [scope, text, needle, expected, nth] of cases) {
    const name = `${host} grammars: ${JSON.stringify(needle.trim())} in ${scope} → ${expected ?? 'no status scope'}`;
    test(name, async () => {
      const scopes = await scopesOf(registry(files), scope, text, needle, nth);
      const ours = scopes.filter((s) => s.includes('.http-status.'));
      if (expected === undefined) assert.deepEqual(ours, [], scopes.join(' '));
      else assert.ok(scopes.includes(expected), `${needle}: ${scopes.join(' ')}`);
    });
  }
}

/** The files of `files` that do not exist (the editor suite names them in its first check). */
export function missing(files: GrammarFiles): string[] {
  return Object.values(files).filter((f) => !fs.existsSync(f));
}
