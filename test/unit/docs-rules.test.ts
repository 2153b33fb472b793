import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_RULES } from '../../server/src/service/code/validation';
import { LIMIT_ID, RULES, SUPPRESSION_RULE_ID, SYNTAX_ID } from '../../server/src/service/openapi/rules/index';
import { CONSISTENCY_RULES } from '../../server/src/service/workspace/consistency';
import { DOCUMENTED_RULE_IDS, RULES_DOC_URL, ruleDocUrl } from '../../server/src/service/ruleDocs';
import { headings } from '../helpers/docs';
import { ROOT } from '../helpers/service';

// docs/rules.md is where a rule is explained, and where SARIF's helpUri and
// the stylish report send the reader: one section per rule id, headed with
// the id alone (so the id is the anchor), each saying the same things.

const text = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
const ruleHeadings = headings(text).filter((h) => /^`[a-z0-9-]+`$/.test(h.source));

/** The text of a rule's section: from its heading to the next heading of the same or a higher level (lines in code blocks are no headings). */
function section(id: string): string {
  let fenced = false;
  const lines = text.split('\n').map((l) => {
    if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
    return { l, heading: !fenced && /^#+ /.test(l) ? /^#+/.exec(l)![0].length : 0 };
  });
  const start = lines.findIndex((x) => x.heading && x.l.replace(/^#+ /, '') === `\`${id}\``);
  assert.ok(start >= 0, `docs/rules.md has a section for ${id}`);
  const end = lines.findIndex((x, i) => i > start && x.heading && x.heading <= lines[start].heading);
  return lines.slice(start, end < 0 ? undefined : end).map((x) => x.l).join('\n');
}

test('docs/rules.md has exactly one section per rule id, and no section for an id that is not a rule', () => {
  const ids = ruleHeadings.map((h) => h.text);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'no rule has two sections');
  assert.deepEqual([...ids].sort(), [...DOCUMENTED_RULE_IDS].sort());
  // Every rule the engines know is among the documented ids.
  for (const id of [...RULES.map((r) => r.id), ...Object.values(CODE_RULES).map((r) => r.id), ...Object.values(CONSISTENCY_RULES).map((r) => r.id), SUPPRESSION_RULE_ID, SYNTAX_ID, LIMIT_ID]) {
    assert.ok(DOCUMENTED_RULE_IDS.has(id), id);
  }
});

test("each rule's section says what it checks, why, its options and its fixes, and its default severity", () => {
  const defaults = new Map<string, string>([
    ...RULES.map((r) => [r.id, r.defaultSeverity] as [string, string]),
    ...Object.values(CODE_RULES).map((r) => [r.id, r.defaultSeverity] as [string, string]),
    ...Object.values(CONSISTENCY_RULES).map((r) => [r.id, r.defaultSeverity] as [string, string]),
    [SUPPRESSION_RULE_ID, 'warning'], [SYNTAX_ID, 'error'], [LIMIT_ID, 'warning'],
  ]);
  for (const id of DOCUMENTED_RULE_IDS) {
    const s = section(id);
    for (const part of ['**What it checks.**', '**Why.**', '**Options.**', '**Quick fixes.**']) assert.ok(s.includes(part), `${id}: ${part}`);
    assert.match(s, new RegExp(`\\*\\*Default:\\*\\* ${defaults.get(id)}\\b`), `${id}: default ${defaults.get(id)}`);
  }
});

test("a rule's link is its section's anchor in docs/rules.md", () => {
  const slugs = new Set(headings(text).map((h) => h.slug));
  for (const id of DOCUMENTED_RULE_IDS) {
    const url = ruleDocUrl(id)!;
    assert.equal(url, `${RULES_DOC_URL}#${id}`);
    assert.ok(slugs.has(id), `#${id} is an anchor of docs/rules.md`);
  }
  assert.equal(ruleDocUrl('stylebook'), undefined);
  // Once package.json names the repository, the link must point into it.
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (repo) {
    const base = repo.replace(/^git\+/, '').replace(/\.git$/, '').replace(/^github:/, 'https://github.com/');
    assert.ok(RULES_DOC_URL.startsWith(`${base}/`), `${RULES_DOC_URL} lies in ${base}`);
  }
});
