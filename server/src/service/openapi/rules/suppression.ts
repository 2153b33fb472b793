/**
 * Suppression: `x-stylebook-ignore` on an operation, a path item or the
 * document root silences rules there, and must say why. `x-lint-ignore`, a
 * convention other linters use, is honoured too (without the reason check:
 * it may name other tools' rules).
 *
 * Accepted shapes:
 *   x-stylebook-ignore: { rules: [created-location, retry-after], reason: "…" }
 *   x-stylebook-ignore: { rules: all, reason: "…" }
 *   x-stylebook-ignore: [created-location]     (reported: no reason)
 *   x-lint-ignore: [created-location] | created-location | all | true
 */
import type { AstNode, ObjectNode } from '../../parse/ast';
import { getProp, getProperty } from '../../parse/ast';
import { RULE_IDS } from './index';

/** The rule ids silenced at one place; `all` silences every rule. */
export interface Suppression {
  all: boolean;
  ids: Set<string>;
}

/** A problem with an ignore directive, reported as an `ignore-reason` diagnostic. */
export interface SuppressionProblem {
  offset: number;
  end: number;
  message: string;
}

function readIds(v: AstNode | undefined, into: Suppression): AstNode[] {
  const unknown: AstNode[] = [];
  const add = (n: AstNode) => {
    if (n.kind === 'boolean' && n.value === true) { into.all = true; return; }
    if (n.kind !== 'string') return;
    for (const id of String(n.value).split(',').map((s) => s.trim()).filter(Boolean)) {
      if (id === 'all') into.all = true;
      else if (RULE_IDS.has(id)) into.ids.add(id);
      else unknown.push(n);
    }
  };
  if (v?.kind === 'array') v.items.forEach(add);
  else if (v) add(v);
  return unknown;
}

/** Reads the ignore directives of one object (operation, path item or root). */
export function readSuppression(node: ObjectNode | undefined, problems: SuppressionProblem[]): Suppression | undefined {
  if (!node) return undefined;
  const own = getProperty(node, 'x-stylebook-ignore');
  const lint = getProp(node, 'x-lint-ignore');
  if (!own && !lint) return undefined;
  const s: Suppression = { all: false, ids: new Set() };
  if (lint) {
    // Other tools' ids in x-lint-ignore are none of our business.
    readIds(lint.kind === 'object' ? getProp(lint, 'rules') : lint, s);
  }
  if (own) {
    const v = own.node;
    const rules = v?.kind === 'object' ? getProp(v, 'rules') : v;
    const reason = v?.kind === 'object' ? getProp(v, 'reason') : undefined;
    const unknown = readIds(rules, s);
    for (const n of unknown) {
      problems.push({ offset: n.offset, end: n.end, message: `x-stylebook-ignore names "${String((n as { value: unknown }).value)}", which is not a rule id (docs/rules.md lists the ids); nothing is silenced by it.` });
    }
    if (!rules) {
      problems.push({ offset: own.keyOffset, end: own.keyEnd, message: 'x-stylebook-ignore needs a list of rule ids (or all) under rules:.' });
    }
    if (reason?.kind !== 'string' || !String(reason.value).trim()) {
      problems.push({
        offset: own.keyOffset, end: own.keyEnd,
        message: 'x-stylebook-ignore needs a reason: write it as { rules: [...], reason: "why this is fine here" } so the next reader knows why the guidance does not apply.',
      });
    }
  }
  return s;
}

/** True when one of the suppressions silences `ruleId`. */
export function isSuppressed(ruleId: string, ...scopes: Array<Suppression | undefined>): boolean {
  return scopes.some((s) => s && (s.all || s.ids.has(ruleId)));
}
