import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docFiles } from '../helpers/docs';
import { ROOT } from '../helpers/service';

// Every setting is documented in one place, docs/configuration.md: a table
// row per `.stylebook.yaml` key (first cell) and per VS Code setting (second
// cell). Other pages may mention a setting and link there, but no other page
// has a row defining one.

interface SchemaNode { properties?: Record<string, SchemaNode>; type?: string | string[] }

/** The `.stylebook.yaml` keys a user sets, dotted (`naming.pathCase`); `rules` is one key, not one per rule. */
function yamlKeys(): string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'stylebook.schema.json'), 'utf8')) as SchemaNode;
  const out: string[] = [];
  const walk = (node: SchemaNode, prefix: string) => {
    for (const [k, v] of Object.entries(node.properties ?? {})) {
      if (v.properties && k !== 'rules') walk(v, `${prefix}${k}.`);
      else out.push(`${prefix}${k}`);
    }
  };
  walk(schema, '');
  return out;
}

function vscodeSettings(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
  return Object.keys(pkg.contributes.configuration.properties);
}

/** The cells of each Markdown table row of a text, code spans kept as written. */
function tableRows(text: string): string[][] {
  return text.split('\n').filter((l) => /^\|.*\|\s*$/.test(l) && !/^\|[\s:|-]+\|\s*$/.test(l))
    .map((l) => l.trim().slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
}

const CONFIG = 'docs/configuration.md';

test('docs/configuration.md documents every .stylebook.yaml key and every VS Code setting', () => {
  const rows = tableRows(fs.readFileSync(path.join(ROOT, CONFIG), 'utf8'));
  const keys = yamlKeys();
  const settings = vscodeSettings();
  assert.ok(keys.includes('naming.pathCase') && keys.includes('code.includeTests') && keys.includes('rules'), keys.join(', '));
  for (const k of keys) assert.ok(rows.some((r) => r[0] === `\`${k}\``), `${CONFIG} has a row for ${k}`);
  for (const s of settings) assert.ok(rows.some((r) => r[1] === `\`${s}\``), `${CONFIG} has a row for ${s}`);
  // Each row names a real key and setting: a renamed setting cannot leave a stale row behind.
  for (const r of rows.filter((row) => row.length === 4 && /^`stylebook\./.test(row[1]))) {
    assert.ok(r[0] === '—' || keys.includes(r[0].replace(/`/g, '')), `${r[0]} is a .stylebook.yaml key`);
    assert.ok(settings.includes(r[1].replace(/`/g, '')), `${r[1]} is a VS Code setting`);
  }
});

test('no other page defines a setting: at most it mentions one and links to docs/configuration.md', () => {
  const names = new Set([...yamlKeys(), ...vscodeSettings()].map((n) => `\`${n}\``));
  for (const file of docFiles().filter((f) => f !== CONFIG)) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const row of tableRows(text)) {
      assert.ok(!names.has(row[0]) && !(row[0] === '—' && names.has(row[1])), `${file} defines ${row[0]} ${row[1] ?? ''} in a table; settings belong in ${CONFIG}`);
    }
    for (const line of text.split('\n').filter((l) => /^#+ /.test(l))) {
      assert.ok(!names.has(line.replace(/^#+ /, '').trim()), `${file} has a section for ${line}; settings belong in ${CONFIG}`);
    }
  }
});
