import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import { orderGuides } from '../card';
import type { StylebookDocument } from '../document';
import { STATUS_CODES, statusClass, statusInfo } from '../http/statusCodes';
import type { RuleSeverity, StylebookSettings } from '../settings';
import { allStatusSites, argListOf, codeModel, enclosingRoute, fileConstantFamily, impliedSitesOf, type CodeModel, type ImpliedSite, type StatusSite } from './sites';
import type { CodeParsers } from './syntax';

/** A rule of route-handler code. */
export interface CodeRule {
  id: string;
  defaultSeverity: Exclude<RuleSeverity, 'off'>;
  /** The catalog topic behind the rule (its best guide section is the diagnostic's link). */
  topic: string;
}

/** The rules, by id. */
export const CODE_RULES = {
  invalid: { id: 'code-status-invalid', defaultSeverity: 'error', topic: 'http-status' },
  unregistered: { id: 'code-status-unregistered', defaultSeverity: 'warning', topic: 'http-status' },
  create200: { id: 'code-create-201', defaultSeverity: 'hint', topic: 'http-status-201' },
  literal: { id: 'code-status-constant', defaultSeverity: 'hint', topic: 'http-status' },
} as const satisfies Record<string, CodeRule>;

/** One quick fix carried in a diagnostic's data: replace the diagnostic's range with `newText`. */
export interface CodeFix {
  title: string;
  newText: string;
  preferred?: boolean;
}

/** What a route-handler diagnostic carries for its quick fixes. */
export interface CodeDiagnosticData {
  rule: string;
  topic: string;
  fixes: CodeFix[];
}

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/**
 * The registered codes closest to a wrong one: for a code in a known class,
 * the class's generic x00 first (what clients fall back to anyway); then by
 * fewest digit edits (a typo like 2000 → 200), then by numeric distance.
 */
export function nearestCodes(value: number, count = 3): number[] {
  const key = `${value}/${count}`;
  let hit = nearestCache.get(key);
  if (!hit) {
    hit = computeNearest(value, count);
    if (nearestCache.size > 1000) nearestCache.clear();
    nearestCache.set(key, hit);
  }
  return [...hit];
}

const nearestCache = new Map<string, number[]>();

function computeNearest(value: number, count: number): number[] {
  const raw = String(value);
  const cls = statusClass(value);
  const pool = STATUS_CODES.filter((s) => !s.unused).map((s) => s.code);
  const scored = pool.map((c) => ({
    c,
    generic: cls && c === Math.floor(value / 100) * 100 ? 0 : 1,
    sameClass: cls && Math.floor(c / 100) === Math.floor(value / 100) ? 0 : 1,
    d: editDistance(raw, String(c)),
    n: Math.abs(value - c),
  }));
  // Past 599 the likely slip is an extra or swapped digit (2000 → 200); below 100, the nearest codes by value.
  const byEdits = value > 599;
  const prefix = (c: number) => { const s = String(c); let i = 0; while (i < s.length && s[i] === raw[i]) i++; return i; };
  scored.sort((a, b) => a.generic - b.generic || a.sameClass - b.sameClass ||
    (byEdits ? a.d - b.d || prefix(b.c) - prefix(a.c) || a.c - b.c : a.n - b.n));
  return scored.slice(0, count).map((s) => s.c);
}

/** A short note on which guides cover a topic, and the link to the first one's section (the team's guides first). */
export function guideNote(catalog: Catalog, topicId: string, profile: readonly string[]): { text: string; href?: string } {
  const topic = catalog.get(topicId);
  if (!topic) return { text: '' };
  const guides = orderGuides(topic.guidelines, profile);
  const companies = [...new Set(guides.map((g) => g.company))];
  const href = guides.flatMap((g) => g.references).find((r) => /^https?:\/\//.test(r.url))?.url;
  if (!companies.length) return { text: '', ...(href ? { href } : {}) };
  const shown = companies.slice(0, 3).join(', ') + (companies.length > 3 ? ` and ${companies.length - 3} more` : '');
  return { text: `${guides.length} ${guides.length === 1 ? 'guide covers' : 'guides cover'} ${topic.name}: ${shown}`, ...(href ? { href } : {}) };
}

/** How a site's replacement for `code` is written: the same form it uses (a number, or its constant family). */
function spellLike(site: StatusSite, code: number): string | undefined {
  if (site.form === 'number') return String(code);
  // A bare imported name's replacement would be a name the file may not import: no rewrite is offered.
  if (site.constant?.bare) return undefined;
  return site.constant?.family.write(code);
}

/**
 * Diagnostics in route-handler code: no HTTP status, an unregistered code, a
 * creation answering 200, a literal where the file uses constants.
 * `isCancelled` is polled between sites (the entry point's time budget may
 * also stop the run there by throwing).
 */
export function validateCode(doc: StylebookDocument, catalog: Catalog, settings: StylebookSettings, parsers: CodeParsers, isCancelled: () => boolean = () => false): Diagnostic[] {
  const model = codeModel(doc, parsers);
  if (!model) return [];
  const td = doc.textDocument;
  const out: Diagnostic[] = [];
  const family = fileConstantFamily(doc, model);
  const profile = settings.guideProfile ?? [];

  const notes = new Map<string, { text: string; href?: string }>();
  const emit = (rule: CodeRule, site: Flagged, message: string, fixes: CodeFix[]) => {
    const severity = settings.rules?.[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') return;
    let note = notes.get(rule.topic);
    if (!note) notes.set(rule.topic, (note = guideNote(catalog, rule.topic, profile)));
    const data: CodeDiagnosticData = { rule: rule.id, topic: rule.topic, fixes };
    out.push({
      range: { start: td.positionAt(site.start), end: td.positionAt(site.end) },
      severity: SEVERITY[severity],
      source: 'stylebook',
      code: rule.id,
      ...(note.href ? { codeDescription: { href: note.href } } : {}),
      message: note.text ? `${message} (${note.text})` : message,
      data,
    });
  };

  const testFile = isTestFile(td.uri);
  for (const site of allStatusSites(doc, model)) {
    if (isCancelled()) return out;
    if (!site.rule) continue;
    checkSite(model, site, emit, family, testFile);
  }
  if (!testFile) for (const site of impliedSitesOf(doc, model, 200)) checkImplied200(model, site, emit, family);
  return out;
}

/** The range a diagnostic covers. */
interface Flagged { start: number; end: number }

type Emit = (rule: CodeRule, site: Flagged, message: string, fixes: CodeFix[]) => void;

const CREATE_200_MESSAGE = 'This POST handler answers 200 OK. If it creates a resource, answer 201 Created with a Location header for the new resource.';

/** True when a POST route's names say it creates something (not a sign-in, a search or an action on an existing item). */
function createsResource(route: { method: string; names: string } | undefined): boolean {
  return route?.method === 'post' && !NOT_A_CREATION.test(route.names) && !actionOnItem(route.names);
}

/**
 * A call that answers 200 by its name (`ResponseEntity.ok(body)`, `Ok(body)`)
 * in a creating POST handler. The fix keeps the body and the builder style:
 * Spring's `ResponseEntity.ok(x)` becomes `ResponseEntity.status(HttpStatus.CREATED).body(x)`
 * and ASP.NET's `Ok(x)` becomes `StatusCode(201, x)`; minimal APIs'
 * `Results.Ok(x)` have no such one-to-one rewrite and get the hint alone.
 */
function checkImplied200(model: CodeModel, site: ImpliedSite, emit: Emit, family: ReturnType<typeof fileConstantFamily>): void {
  if (!createsResource(enclosingRoute(model, site.call))) return;
  const args = argListOf(model.dialect, site.call);
  const argsText = args ? model.text.slice(args.startIndex + 1, args.endIndex - 1).trim() : '';
  const created = family?.write(201) ?? '201';
  const fixes: CodeFix[] = [];
  let range: Flagged = { start: site.start, end: site.end };
  if (site.rule.framework === 'Spring' && args) {
    if (argsText) fixes.push({ title: `Change to ResponseEntity.status(${created}).body(…) (201 Created)`, newText: `ResponseEntity.status(${created}).body`, preferred: true });
    else {
      range = { start: site.call.startIndex, end: args.endIndex };
      fixes.push({ title: `Change to ResponseEntity.status(${created}) (201 Created)`, newText: `ResponseEntity.status(${created})`, preferred: true });
    }
  } else if (site.rule.framework === 'ASP.NET Core' && site.callee === 'Ok' && args) {
    range = { start: site.call.startIndex, end: args.endIndex };
    fixes.push({ title: `Change to StatusCode(${created}${argsText ? ', …' : ''}) (201 Created)`, newText: `StatusCode(${created}${argsText ? `, ${argsText}` : ''})`, preferred: true });
  }
  emit(CODE_RULES.create200, range, CREATE_200_MESSAGE, fixes);
}

/**
 * Test files by each ecosystem's convention: a `test`/`tests`/`spec`/`__tests__`
 * folder, `*.test.*`/`*.spec.*`, Go's `_test.go`, Python's `test_*.py`, Ruby's
 * `_spec.rb`, and Java/Kotlin/C# classes named `…Test(s)`. A test's stub
 * server answering 200 to a POST says nothing about the API's design.
 */
export function isTestFile(uri: string): boolean {
  const p = decodeURIComponent(uri).replace(/\\/g, '/');
  return /\/(?:tests?|spec|specs|__tests__|testing)\//i.test(p) ||
    /[._-](?:test|spec)\.[a-z]+$/i.test(p) || /_test\.go$/.test(p) || /\/test_[^/]*\.py$/.test(p) || /Tests?\.(?:java|kt|cs)$/.test(p);
}

/**
 * Words in a route's names that say the POST creates nothing: signing in or
 * out, tokens and sessions, searches and checks, and actions on a resource
 * that already exists (follow, favourite, like, publish, cancel, …). Each
 * was seen answering 200 in the RealWorld applications and public handlers.
 */
const NOT_A_CREATION = new RegExp(
  '(?:log|sign)_?-?(?:in|out|on)|auth|token|session|refresh|verify|verification|confirm|reset|password|otp|' +
  'search|query|lookup|validate|check|calculate|preview|' +
  'follow|favou?rite|fav\\b|like|star|subscribe|vote|bookmark|react|pin\\b|' +
  'publish|archive|cancel|approve|reject|activate|enable|disable|lock|unlock|restore|complete|close|open|send|resend|notify|' +
  'import|export|sync|webhook|callback|graphql|rpc', 'i');

/** True when the route's path ends in an action on an item (`/:slug/favorite`, `/{id}/approve`): a singular word after a path parameter. */
function actionOnItem(names: string): boolean {
  for (const m of names.matchAll(/["'`]([^"'`]*)["'`]/g)) {
    const segs = m[1].split('/').filter(Boolean);
    const last = segs[segs.length - 1];
    const before = segs[segs.length - 2];
    if (last && before && /^(?::|\{|<|\$)/.test(before) && /^[a-z_-]+$/i.test(last) && !/s$/i.test(last)) return true;
  }
  return false;
}

function checkSite(model: CodeModel, site: StatusSite, emitAt: Emit, family: ReturnType<typeof fileConstantFamily>, testFile: boolean): void {
  const v = site.value;
  const emit = (rule: CodeRule, s: StatusSite, message: string, fixes: CodeFix[]) => emitAt(rule, { start: s.node.startIndex, end: s.node.endIndex }, message, fixes);
  if (site.form === 'number' && !statusClass(v)) {
    const fixes = nearestCodes(v).map((c, i) => ({ title: `Change to ${c} ${statusInfo(c)!.phrase}`, newText: String(c), preferred: i === 0 }));
    emit(CODE_RULES.invalid, site, `${v} is not an HTTP status code: codes are three digits from 100 to 599.`, fixes);
    return;
  }
  if (site.form === 'number' && !statusInfo(v)) {
    const cls = statusClass(v)!;
    const fixes = nearestCodes(v).map((c, i) => ({ title: `Change to ${c} ${statusInfo(c)!.phrase}`, newText: String(c), preferred: i === 0 }));
    emit(CODE_RULES.unregistered, site, `${v} is not a registered HTTP status code; clients will treat it as ${Math.floor(v / 100)}00 (${cls.label.toLowerCase()}).`, fixes);
    return;
  }
  // A documented status (`@ApiResponse({ status: 200 })`) follows what the handler sends; the hint belongs where it is sent.
  const route = v === 200 && !testFile && !site.rule?.documents ? enclosingRoute(model, site.node) : undefined;
  if (createsResource(route)) {
    const to = spellLike(site, 201);
    emit(CODE_RULES.create200, site, CREATE_200_MESSAGE, to ? [{ title: `Change to ${to} (201 Created)`, newText: to, preferred: true }] : []);
  }
  if (site.form === 'number' && family && statusInfo(v)) {
    const constant = family.write(v);
    if (constant) emit(CODE_RULES.literal, site, `This file names statuses with ${family.library}: write ${constant} instead of ${v}.`, [{ title: `Replace ${v} with ${constant}`, newText: constant }]);
  }
}
