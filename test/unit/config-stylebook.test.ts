import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  mergeSettings, parseEditorSettings, parseStylebookConfig, RULE_SEVERITIES, SETTING_CHOICES,
} from '../../server/src/service/config/config';
import { findConfigFile, loadWorkspaceConfig } from '../../server/src/node/config';
import { RULE_IDS } from '../../server/src/service/openapi/rules/index';
import { ALL_RULE_IDS } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { ROOT } from '../helpers/service';

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'config', name), 'utf8');

test('a valid .stylebook.yaml sets every setting', () => {
  const { overrides, problems } = parseStylebookConfig(fixture('valid.stylebook.yaml'), { ruleIds: RULE_IDS });
  assert.deepEqual(problems, []);
  const s = mergeSettings(DEFAULT_SETTINGS, overrides);
  assert.deepEqual(s, {
    guideProfile: ['zalando', 'Microsoft'],
    rules: { 'delete-no-content': 'off', 'path-case': 'error' },
    naming: { pathCase: 'snake_case' },
    pagination: { style: 'cursor', required: true },
    versioning: { style: 'path' },
    nulls: { style: 'omit' },
    catalogPaths: ['style/topics', 'style/acme-guide.yaml'],
    ignore: ['test/fixtures/', '**/*.generated.ts'],
    code: { includeTests: true },
  });
});

test('ignore and code.includeTests: wrong types are reported, ignore patterns add up over the layers', () => {
  const bad = parseStylebookConfig('ignore: {a: 1}\ncode:\n  includeTests: yes please\n  other: 1\n', { ruleIds: RULE_IDS });
  assert.deepEqual(bad.problems.map((p) => `${p.line}: ${p.message}`), [
    '3: unknown setting "code.other"; known: code.includeTests',
    '0: "ignore" must be a list of gitignore-style patterns relative to the workspace root, for example [test/**, "**/*.gen.ts"]',
    '2: "code.includeTests" must be true or false, not "yes please"',
  ]);
  assert.deepEqual(mergeSettings(DEFAULT_SETTINGS, bad.overrides).ignore, []);
  assert.equal(mergeSettings(DEFAULT_SETTINGS, bad.overrides).code.includeTests, false);
  const one = parseStylebookConfig('ignore: legacy/\n').overrides;
  const merged = mergeSettings(DEFAULT_SETTINGS, { ignore: ['dist/'], code: { includeTests: true } }, one);
  assert.deepEqual(merged.ignore, ['dist/', 'legacy/']);
  assert.equal(merged.code.includeTests, true, 'a layer that does not say keeps the one below');
});

test('bad values are reported on their own line and their defaults apply; good values still count', () => {
  const { overrides, problems } = parseStylebookConfig(fixture('bad-values.stylebook.yaml'), { ruleIds: RULE_IDS });
  const at = (line: number) => problems.filter((p) => p.line === line).map((p) => `${p.severity}: ${p.message}`);
  assert.deepEqual(at(2), ['error: "naming.pathCase" must be one of kebab-case, snake_case, camelCase, any, not "kebab"']);
  assert.deepEqual(at(5), ['error: "pagination.required" must be true or false, not "sometimes"']);
  assert.match(at(7)[0], /^error: rule "path-case": severity must be one of error, warning, info, hint, off, not "loud"/);
  assert.deepEqual(at(8), ['warning: unknown rule "delete-no-contnet"; did you mean "delete-no-content"?']);
  assert.match(at(9)[0], /^warning: unknown setting "colour"/);
  assert.equal(problems.length, 5);
  const s = mergeSettings(DEFAULT_SETTINGS, overrides);
  assert.equal(s.naming.pathCase, 'any', 'the default applies');
  assert.equal(s.pagination.style, 'cursor', 'a valid sibling still applies');
  assert.equal(s.pagination.required, false);
  assert.deepEqual(s.guideProfile, ['zalando'], 'a single guide may be written without a list');
  // An unknown rule id is kept (a newer configuration may name a newer rule), a bad severity is not.
  assert.deepEqual(s.rules, { 'delete-no-contnet': 'warning' });
});

test('a file that is not valid YAML is reported with its line and ignored as a whole', () => {
  const { overrides, problems } = parseStylebookConfig(fixture('bad-yaml.stylebook.yaml'));
  assert.ok(problems.length >= 1);
  assert.ok(problems.every((p) => p.severity === 'error'));
  assert.match(problems[0].message, /^YAML error: .*defaults apply\)$/);
  assert.ok(problems.some((p) => p.line >= 3 && p.line <= 4), JSON.stringify(problems));
  assert.deepEqual(overrides, {});
});

test('empty, non-mapping, binary and odd configurations never throw', () => {
  assert.deepEqual(parseStylebookConfig(''), { overrides: {}, problems: [] });
  assert.deepEqual(parseStylebookConfig('# only a comment\n'), { overrides: {}, problems: [] });
  const list = parseStylebookConfig('- a\n- b\n');
  assert.match(list.problems[0].message, /must be a mapping/);
  assert.match(parseStylebookConfig('a\0b').problems[0].message, /NUL bytes/);
  const dup = parseStylebookConfig('naming: {pathCase: any}\nnaming: {pathCase: camelCase}\n');
  assert.match(dup.problems[0].message, /YAML error/);
  const alias = parseStylebookConfig('rules: &r {path-case: off}\nnaming: *r\n');
  assert.match(alias.problems[0].message, /unknown setting "naming.path-case"/);
  assert.equal(alias.problems[0].line, 1, 'reported where the alias is used');
  assert.deepEqual(parseStylebookConfig('rules:\n  path-case: false\n').overrides.rules, { 'path-case': 'off' });
  assert.match(parseStylebookConfig('catalog:\n  paths: [""]\n').problems[0].message, /catalog.paths/);
});

test('editor settings (the VS Code "stylebook" section) are validated the same way, trace is not a team setting', () => {
  const { overrides, problems } = parseEditorSettings({
    trace: { server: 'off' }, guideProfile: [], rules: {}, naming: { pathCase: 'camelCase' },
    pagination: { style: 'any', required: false }, versioning: { style: 'header' }, nulls: { style: 'any' }, catalog: { paths: ['guides'] },
  });
  assert.deepEqual(problems, []);
  assert.equal(mergeSettings(DEFAULT_SETTINGS, overrides).versioning.style, 'header');
  const bad = parseEditorSettings({ nulls: { style: 'sometimes' } });
  assert.match(bad.problems[0].message, /^VS Code settings \(stylebook\): "nulls.style" must be one of/);
  assert.deepEqual(parseEditorSettings(null).problems, []);
});

test('layers: the file wins over the editor field by field; rules merge per rule; catalog paths add up', () => {
  const editor = parseEditorSettings({ naming: { pathCase: 'camelCase' }, pagination: { style: 'page' }, rules: { 'path-verb': 'off', 'path-case': 'warning' }, catalog: { paths: ['a'] } }).overrides;
  const file = parseStylebookConfig('pagination:\n  required: true\nrules:\n  path-case: error\ncatalog:\n  paths: [b, a]\n').overrides;
  const s = mergeSettings(DEFAULT_SETTINGS, editor, file);
  assert.equal(s.naming.pathCase, 'camelCase');
  assert.deepEqual(s.pagination, { style: 'page', required: true });
  assert.deepEqual(s.rules, { 'path-verb': 'off', 'path-case': 'error' });
  assert.deepEqual(s.catalogPaths, ['a', 'b']);
  assert.deepEqual(DEFAULT_SETTINGS.rules, {}, 'merging never mutates the defaults');
});

test('loadWorkspaceConfig finds .stylebook.yaml at the root, and reports an unreadable one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-config-'));
  try {
    assert.equal(findConfigFile(dir), undefined);
    assert.deepEqual(loadWorkspaceConfig(dir).settings, DEFAULT_SETTINGS);
    fs.writeFileSync(path.join(dir, '.stylebook.yml'), 'naming:\n  pathCase: any\n');
    const c = loadWorkspaceConfig(dir, { editor: { naming: { pathCase: 'camelCase' } } });
    assert.equal(c.file, path.join(dir, '.stylebook.yml'));
    assert.equal(c.settings.naming.pathCase, 'any');
    // An unsaved buffer replaces the file's text.
    assert.equal(loadWorkspaceConfig(dir, { text: 'naming: {pathCase: snake_case}' }).settings.naming.pathCase, 'snake_case');
    fs.rmSync(path.join(dir, '.stylebook.yml'));
    fs.mkdirSync(path.join(dir, '.stylebook.yaml'));
    assert.equal(findConfigFile(dir), undefined, 'a folder is not a configuration');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the JSON schema and the VS Code settings list the same choices as the validator', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'stylebook.schema.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  for (const [name, values] of Object.entries(SETTING_CHOICES)) {
    const [group, key] = name.split('.');
    assert.deepEqual(schema.properties[group].properties[key].enum, [...values], `schema ${name}`);
    assert.deepEqual(props[`stylebook.${name}`].enum, [...values], `package.json stylebook.${name}`);
    assert.equal(props[`stylebook.${name}`].default, (DEFAULT_SETTINGS as any)[group][key], `default of stylebook.${name}`);
  }
  assert.deepEqual(schema.properties.rules.additionalProperties.enum, [...RULE_SEVERITIES]);
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...RULE_IDS].sort(), 'the schema names every rule');
  for (const name of ['guideProfile', 'rules', 'naming.pathCase', 'pagination.style', 'pagination.required', 'versioning.style', 'nulls.style', 'catalog.paths', 'ignore', 'code.includeTests']) {
    const p = props[`stylebook.${name}`];
    assert.ok(p, `package.json contributes stylebook.${name}`);
    assert.ok(p.type && (p.description || p.markdownDescription) && 'default' in p, `stylebook.${name} has type, default and description`);
  }
  assert.equal(schema.properties.code.properties.includeTests.default, DEFAULT_SETTINGS.code.includeTests);
  assert.deepEqual(schema.properties.ignore.default, DEFAULT_SETTINGS.ignore);
  assert.ok(pkg.contributes.yamlValidation.some((v: any) => v.fileMatch.includes('.stylebook.yaml') && v.url === './schemas/stylebook.schema.json'));
});

test('in an untrusted workspace the file\'s catalog paths are dropped with a warning on the catalog key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-config-'));
  try {
    fs.writeFileSync(path.join(dir, '.stylebook.yaml'), 'naming:\n  pathCase: any\ncatalog:\n  paths: [guides]\n');
    const untrusted = loadWorkspaceConfig(dir, { trusted: false, editor: { catalogPaths: ['user-guides'] } });
    assert.deepEqual(untrusted.settings.catalogPaths, ['user-guides']);
    assert.equal(untrusted.settings.naming.pathCase, 'any', 'the rest of the file still applies');
    assert.equal(untrusted.problems.length, 1);
    assert.equal(untrusted.problems[0].line, 2);
    assert.match(untrusted.problems[0].message, /not trusted/);
    assert.deepEqual(loadWorkspaceConfig(dir, { trusted: true }).settings.catalogPaths, ['guides']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('route-handler rule ids are known to the configuration, like the OpenAPI ones', () => {
  const text = 'rules:\n  code-create-201: off\n  created-location: error\n  no-such-rule: off\n';
  const { overrides, problems } = parseStylebookConfig(text, { ruleIds: ALL_RULE_IDS });
  assert.deepEqual(overrides.rules, { 'code-create-201': 'off', 'created-location': 'error', 'no-such-rule': 'off' });
  assert.deepEqual(problems.map((p) => p.message.split(' (')[0]), ['unknown rule "no-such-rule"']);
});
