/**
 * The quick-fix property check: on one OpenAPI document, take every quick fix
 * the service offers, apply each alone to a fresh copy, and check that the
 * result still parses and that no operation other than the ones the fix
 * declares changed its meaning. An operation's meaning is its definition
 * with every local `$ref` resolved (its path item's parameters included),
 * compared as a structural hash, so that renamed or copied components do not
 * count as changes while any changed value does.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { parseDocument } from 'yaml';
import type { LanguageService } from '../../server/src/service/languageService';
import type { FixInfo } from '../../server/src/service/openapi/rules/types';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Two 32-bit lanes of a string hash (FNV-1a and a multiplicative one): a collision would hide a change, so one lane is not enough. */
function hashString(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function pointerGet(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let seg: string;
    try { seg = decodeURIComponent(raw); } catch { return undefined; }
    seg = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

/**
 * Hashes values with local references followed. A reference back to a
 * pointer already being hashed becomes a marker of its distance up the
 * stack, which names the cycle without naming the pointer.
 */
class Resolver {
  private readonly memo = new Map<string, string>();
  constructor(private readonly root: unknown) {}

  /** The hash of `value` with its references resolved; `stack` holds the pointers being hashed. */
  hash(value: unknown, stack: string[] = []): string {
    return this.walk(value, stack).h;
  }

  private walk(value: unknown, stack: string[]): { h: string; back: number } {
    if (value === null || typeof value !== 'object') return { h: hashString(`${typeof value}:${String(value)}`), back: Infinity };
    if (Array.isArray(value)) {
      let back = Infinity;
      const parts = value.map((v) => { const r = this.walk(v, stack); back = Math.min(back, r.back); return r.h; });
      return { h: hashString(`[${parts.join(',')}]`), back };
    }
    const obj = value as Record<string, unknown>;
    let back = Infinity;
    const keys = Object.keys(obj).sort();
    const parts: string[] = [];
    for (const k of keys) {
      let r: { h: string; back: number };
      if (k === '$ref' && typeof obj[k] === 'string' && String(obj[k]).startsWith('#')) r = this.follow(String(obj[k]), stack);
      else r = this.walk(obj[k], stack);
      back = Math.min(back, r.back);
      parts.push(`${JSON.stringify(k)}:${r.h}`);
    }
    return { h: hashString(`{${parts.join(',')}}`), back };
  }

  private follow(ref: string, stack: string[]): { h: string; back: number } {
    const at = stack.indexOf(ref);
    if (at >= 0) return { h: hashString(`cycle:${stack.length - at}`), back: at };
    const known = this.memo.get(ref);
    if (known) return { h: known, back: Infinity };
    const target = pointerGet(this.root, ref);
    if (target === undefined) return { h: hashString(`dangling:${ref}`), back: Infinity };
    stack.push(ref);
    const r = this.walk(target, stack);
    stack.pop();
    // Remembered only when nothing inside pointed back above it: such a hash depends on the way in.
    if (r.back >= stack.length) this.memo.set(ref, r.h);
    return { h: r.h, back: r.back >= stack.length ? Infinity : r.back };
  }
}

/** Each operation's resolved definition as a hash, keyed "method path". */
export function operationHashes(doc: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const paths = (doc as { paths?: unknown })?.paths;
  if (!paths || typeof paths !== 'object') return out;
  const r = new Resolver(doc);
  for (const [path, rawItem] of Object.entries(paths as Record<string, unknown>)) {
    let item = rawItem as Record<string, unknown> | undefined;
    for (let i = 0; i < 8 && item && typeof item === 'object' && typeof item.$ref === 'string'; i++) item = pointerGet(doc, item.$ref) as Record<string, unknown> | undefined;
    if (!item || typeof item !== 'object') continue;
    const params = r.hash(item.parameters ?? null);
    for (const m of METHODS) {
      if (!item[m] || typeof item[m] !== 'object') continue;
      out.set(`${m} ${path}`, hashString(r.hash(item[m]) + params));
    }
  }
  return out;
}

/** Parses JSON or YAML text strictly (duplicate keys are errors); undefined with a reason when it does not parse. */
export function parseStrict(text: string, format: 'json' | 'yaml'): { value?: unknown; error?: string } {
  if (format === 'json') {
    try { return { value: JSON.parse(text) }; } catch (e) { return { error: (e as Error).message }; }
  }
  const d = parseDocument(text, { uniqueKeys: true });
  if (d.errors.length) return { error: d.errors[0].message };
  return { value: d.toJS({ maxAliasCount: -1 }) };
}

/** Applies text edits in one pass, as a client does. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'text', 1, text), edits);
}

/** What one document's check found. */
export interface SpecResult {
  diagnostics: number;
  offered: number;
  applied: number;
  /** Fixes by rule: how many were applied. */
  byRule: Map<string, number>;
  /** How many applied fixes gave an operation its own copy. */
  copies: number;
  /** Diagnostics that carry fixes but were offered none (the edit would have changed what it may not, or cannot be made). */
  withheld: number;
  failures: string[];
}

/** The operations a title says the fix changes, from "(changes the N operations that use it)"; 1 otherwise. */
function declaredCount(title: string): number {
  const m = /\(changes the (\d+) operations that use it\)$/.exec(title);
  return m ? Number(m[1]) : 1;
}

/**
 * Lints `text`, applies each offered fix (at most `cap` per rule, the first
 * ones in document order after a seeded shuffle; 0 means all) and checks it.
 */
export function checkSpecFixes(ls: LanguageService, uri: string, text: string, format: 'json' | 'yaml', cap: number, random: () => number): SpecResult {
  const result: SpecResult = { diagnostics: 0, offered: 0, applied: 0, byRule: new Map(), copies: 0, withheld: 0, failures: [] };
  const doc = ls.prepare(TextDocument.create(uri, format, 1, text));
  const diags = ls.doValidation(doc);
  result.diagnostics = diags.length;
  const before = parseStrict(text, format);
  if (!before.value) return result;
  const hashesBefore = operationHashes(before.value);

  // Group the fixable diagnostics by rule, shuffle each group with the seeded generator, keep `cap`.
  const byRule = new Map<string, typeof diags>();
  for (const d of diags) {
    const fixes = (d.data as { fixes?: FixInfo[] } | undefined)?.fixes;
    if (!fixes?.length) continue;
    const list = byRule.get(String(d.code)) ?? [];
    list.push(d);
    byRule.set(String(d.code), list);
  }
  for (const [rule, list] of byRule) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    let taken = 0;
    for (const d of list) {
      if (cap && taken >= cap) break;
      const actions: CodeAction[] = ls.doCodeActions(doc, d.range, [d]);
      result.offered += actions.length;
      if (actions.length) taken++;
      else result.withheld++;
      const fixes = (d.data as { fixes: FixInfo[] }).fixes;
      for (const action of actions) {
        const where = `${uri} ${rule} "${action.title}" at ${d.range.start.line + 1}:${d.range.start.character + 1}`;
        // One edit of a shared component for all the operations that have the problem (codeActions.ts: buildSharedFix).
        const shared = /\(all (\d+) operations that use it lack it\)$/.exec(action.title);
        const fix = shared ? undefined : fixes.find((f) => action.title.startsWith(f.title));
        if (!fix && !shared) { result.failures.push(`${where}: no fix in the diagnostic has this title`); continue; }
        const after = applyEdits(text, action.edit?.changes?.[uri] ?? []);
        result.applied++;
        result.byRule.set(rule, (result.byRule.get(rule) ?? 0) + 1);
        if (/in a copy of .* for [A-Z]+ \S+$/.test(action.title)) result.copies++;
        const parsed = parseStrict(after, format);
        if (!parsed.value) { result.failures.push(`${where}: the result does not parse: ${parsed.error}`); continue; }
        if (after === text) { result.failures.push(`${where}: the fix changed nothing`); continue; }
        const hashesAfter = operationHashes(parsed.value);
        // A renamed path is the same operations under a new key.
        const rename = fix?.kind === 'rename-path' && fix.path && fix.value ? { from: fix.path, to: fix.value } : undefined;
        const keyAfter = (k: string) => {
          if (!rename) return k;
          const [m, p] = k.split(/ (.*)/s);
          return p === rename.from ? `${m} ${rename.to}` : k;
        };
        const changed: string[] = [];
        for (const [k, h] of hashesBefore) if (hashesAfter.get(keyAfter(k)) !== h) changed.push(k);
        const renamedKeys = new Set([...hashesBefore.keys()].map(keyAfter));
        for (const k of hashesAfter.keys()) if (!renamedKeys.has(k)) changed.push(`(new) ${k}`);
        if (shared) {
          // Exactly the operations the diagnostic's fixes are for may change, and each of them must.
          const owners = new Set(fixes.map((f) => `${f.method} ${f.path}`));
          const others = changed.filter((k) => !owners.has(k));
          if (others.length) result.failures.push(`${where}: changed operations that did not have the problem: ${others.slice(0, 5).join(', ')}`);
          const missed = [...owners].filter((k) => !changed.includes(k));
          if (missed.length) result.failures.push(`${where}: did not change ${missed.slice(0, 5).join(', ')}`);
          if (owners.size !== Number(shared[1])) result.failures.push(`${where}: the title says ${shared[1]} operations, the diagnostic names ${owners.size}`);
        } else if (fix?.method && fix.path) {
          const own = `${fix.method} ${fix.path}`;
          const others = changed.filter((k) => k !== own);
          if (others.length) result.failures.push(`${where}: changed other operations: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}`);
          if (!changed.includes(own)) result.failures.push(`${where}: did not change its own operation ${own}`);
        } else if (rename) {
          if (changed.length) result.failures.push(`${where}: renaming the path changed operations: ${changed.slice(0, 5).join(', ')}`);
        } else if (changed.length > declaredCount(action.title)) {
          result.failures.push(`${where}: changed ${changed.length} operations, the title says ${declaredCount(action.title)}: ${changed.slice(0, 5).join(', ')}`);
        }
      }
    }
  }
  return result;
}
