/**
 * Consistency between code and spec, in both directions, read from the
 * workspace model:
 *
 * - in code, a status a handler answers that its operation does not document
 *   (`code-status-undocumented`, with a quick fix that adds the response to
 *   the spec);
 * - in code, a route no spec of the workspace describes, said only where a
 *   spec describes other routes of the same file (`code-route-undocumented`);
 * - in a spec, a documented status that the one handler of the operation
 *   never answers, said only when that handler is fully understood
 *   (`spec-status-unanswered`).
 *
 * Every check needs an unambiguous match between route and operation; where
 * the model is unsure it says nothing, since a wrong warning costs more than
 * a missing one.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { StylebookDocument } from '../document';
import { classifyResponseKey, statusInfo } from '../http/statusCodes';
import { guideNote } from '../code/validation';
import type { RuleSeverity, StylebookSettings } from '../settings';
import type { WorkspaceModel } from './model';
import type { CodeRoute, HandlerStatus } from './routes';
import { PARAM, type NormalPath } from './paths';
import { isIgnored, type RouteSummary } from './summary';

/** A consistency check: its id (for settings and ignore lists), default severity and fallback topic. */
export interface ConsistencyRule {
  id: string;
  defaultSeverity: RuleSeverity;
  /** The topic when no status-specific page fits. */
  topic: string;
  /** One sentence for the rule list. */
  summary: string;
}

/** The checks, by name. */
export const CONSISTENCY_RULES = {
  undocumentedStatus: {
    id: 'code-status-undocumented', defaultSeverity: 'warning', topic: 'http-status',
    summary: 'A status the handler answers is not documented for its operation in the workspace\'s OpenAPI document.',
  },
  undocumentedRoute: {
    id: 'code-route-undocumented', defaultSeverity: 'info', topic: 'documentation',
    summary: 'A route in code has no operation in the OpenAPI document that describes the other routes of its file.',
  },
  unansweredStatus: {
    id: 'spec-status-unanswered', defaultSeverity: 'info', topic: 'http-status',
    summary: 'A status the spec documents is never answered by the operation\'s handler (only for handlers whose every status is known).',
  },
} as const satisfies Record<string, ConsistencyRule>;

/**
 * Statuses a handler rarely answers itself: validation, authentication,
 * content negotiation, rate limiting and conditional requests are the
 * framework's or a middleware's business, so a handler that never answers
 * them says nothing about whether the API does.
 */
export const ANSWERED_ELSEWHERE = new Set([304, 400, 401, 403, 405, 406, 408, 412, 413, 415, 422, 429]);

/*
 * A handler's 500 is not reported as undocumented: any operation can fail
 * with it, and whether a spec should say so is the error-response rule's
 * business. On the first real repository tried, 13 of 14 findings were a
 * catch block's `InternalServerErrorException`.
 */

/** What a code-side consistency diagnostic carries for its quick fix (the spec to edit). */
export interface ConsistencyData {
  rule: string;
  topic: string;
  /** Empty: the fix edits another document (see `spec`). Kept so that every code diagnostic has the same shape. */
  fixes: [];
  spec?: { uri: string; path: string; method: string; status: string };
  /** `code-route-undocumented`: the spec that describes the file's other routes, and the route (method and path as in code). */
  route?: { uri: string; method: string; path: string };
}

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** True when the operation's responses cover a status: the code itself, its class range (`4XX`) or `default`. */
export function documents(op: { responses: readonly { key: string }[] }, code: number): boolean {
  for (const r of op.responses) {
    const k = classifyResponseKey(r.key);
    if (k.kind === 'default') return true;
    if (k.kind === 'range' && k.digit === Math.floor(code / 100)) return true;
    if (k.kind === 'code' && k.code === code) return true;
  }
  return false;
}

/** The last segment of a uri's path, decoded: how a message names a file. */
export function fileName(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split('/').pop() ?? uri;
  try { return decodeURIComponent(last); } catch { return last; }
}

/** The topic of a status: its own page when the catalog has one. */
function statusTopic(catalog: Catalog, code: number, fallback: string): string {
  const own = `http-status-${code}`;
  return catalog.get(own) ? own : fallback;
}

/** Builds diagnostics with the rule's severity (from settings) and the topic's guide note. */
function emitter(catalog: Catalog, settings: StylebookSettings) {
  const notes = new Map<string, { text: string; href?: string }>();
  return (rule: ConsistencyRule, topic: string, diagnostic: Omit<Diagnostic, 'severity' | 'source' | 'code'>): Diagnostic | undefined => {
    const severity = settings.rules?.[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') return undefined;
    let note = notes.get(topic);
    if (!note) notes.set(topic, (note = guideNote(catalog, topic, settings.guideProfile ?? [])));
    return {
      ...diagnostic,
      severity: SEVERITY[severity],
      source: 'stylebook',
      code: rule.id,
      ...(note.href ? { codeDescription: { href: note.href } } : {}),
      message: note.text ? `${diagnostic.message} (${note.text})` : diagnostic.message,
    };
  };
}

/** How a status reads in a message: `409 Conflict`. */
function statusName(code: number): string {
  const phrase = statusInfo(code)?.phrase;
  return phrase ? `${code} ${phrase}` : String(code);
}

/** Where a status comes from, for the message. */
function how(s: HandlerStatus, method: string): string {
  if (s.how === 'default') return `answers ${statusName(s.code)} (the framework's default for a ${method.toUpperCase()} handler)`;
  return `answers ${statusName(s.code)}`;
}

/** Consistency diagnostics in a code document: undocumented statuses and routes. */
export function validateConsistencyInCode(doc: StylebookDocument, ws: WorkspaceModel, catalog: Catalog, settings: StylebookSettings): Diagnostic[] {
  if (doc.kind !== 'code' || !ws.hasSpecs) return [];
  const td = doc.textDocument;
  const out: Diagnostic[] = [];
  const emit = emitter(catalog, settings);
  const routes = ws.routes(doc);
  const matches = routes.map((r) => ws.match(r));
  // The specs that describe this file: those holding an operation that one of its routes matched.
  const describing = new Set<string>();
  for (const m of matches) if (m.kind === 'matched') describing.add(m.op.uri);

  routes.forEach((route, i) => {
    const m = matches[i];
    if (m.kind === 'matched') {
      const { operation: op, uri } = m.op;
      if (isIgnored(op, CONSISTENCY_RULES.undocumentedStatus.id)) return;
      const related: DiagnosticRelatedInformation[] = [{ location: { uri, range: op.keyRange }, message: `${op.method.toUpperCase()} ${op.path} in ${fileName(uri)}` }];
      // One finding per undocumented status, at its first place; the handler's other places that answer it are named with it
      // (photoprism's avatar upload answers an undocumented 400 in seven branches: one fact, not seven warnings).
      const byCode = new Map<number, (typeof route.statuses)[number][]>();
      for (const s of route.statuses) {
        if (s.code === 500 || documents(op, s.code)) continue;
        byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
      }
      for (const sites of byCode.values()) {
        const [s, ...others] = [...sites].sort((a, b) => a.start - b.start);
        const rule = CONSISTENCY_RULES.undocumentedStatus;
        const topic = statusTopic(catalog, s.code, rule.topic);
        const data: ConsistencyData = { rule: rule.id, topic, fixes: [], spec: { uri, path: op.path, method: op.method, status: String(s.code) } };
        const lines = others.map((o) => td.positionAt(o.start).line + 1);
        const also = lines.length ? ` It does so at ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')} too.` : '';
        const d = emit(rule, topic, {
          range: { start: td.positionAt(s.start), end: td.positionAt(s.end) },
          message: `This handler ${how(s, route.method)}, which ${fileName(uri)} does not document for ${op.method.toUpperCase()} ${op.path}: clients written from the spec will not expect it.${also}`,
          relatedInformation: [
            ...related,
            ...others.map((o) => ({ location: { uri: td.uri, range: { start: td.positionAt(o.start), end: td.positionAt(o.end) } }, message: `also answers ${o.code} here` })),
          ],
          data,
        });
        if (d) out.push(d);
      }
    } else if (m.kind === 'none' && describing.size === 1 && inFamily(route, ws, [...describing][0])) {
      // Only when one spec describes this file's other routes, and this one lies among its paths: then it is plausibly missing from it.
      const [uri] = describing;
      const rule = CONSISTENCY_RULES.undocumentedRoute;
      const d = emit(rule, rule.topic, {
        range: { start: td.positionAt(route.start), end: td.positionAt(route.end) },
        message: `${route.method.toUpperCase()} ${route.path} has no operation in ${fileName(uri)}, which describes the other routes of this file (nor in any other OpenAPI document of the workspace).`,
        data: { rule: rule.id, topic: rule.topic, fixes: [], ...(route.path !== undefined ? { route: { uri, method: route.method, path: route.path } } : {}) } satisfies ConsistencyData,
      });
      if (d) out.push(d);
    }
  });
  return out;
}

/** A segment of the API's own documentation (its UI, the spec file) or of a static file: served beside the API, not part of it. */
const DOCUMENTATION_SEGMENT = /^(?:docs?|api-docs?|swagger(?:-ui)?|redoc|scalar|openapi)(?:\.(?:json|ya?ml|html?))?$|\.(?:m?js|css|map|html?|ico|png|svg|woff2?)$/i;

/**
 * True when a route lies in a spec's family of paths: its first segment is a
 * static word that starts one of the spec's paths (with a server base in
 * front), or, for a route mounted under a prefix we cannot see, appears in
 * one. A page (`/`), a health check (`/health`) beside `/api/...` routes, the
 * API's documentation (`/api/v1/docs`, `/api/v1/docs.json`, the scripts of its
 * UI), or a route of another service in the same file is left alone.
 */
function inFamily(route: CodeRoute, ws: WorkspaceModel, specUri: string): boolean {
  const first = route.normal?.segments[0];
  if (!first || first === '{}') return false;
  if (route.path?.split('/').some((s) => DOCUMENTATION_SEGMENT.test(s))) return false;
  const segments = route.normal!.segments;
  return ws.operations(specUri).some((op) => op.forms.some((f) => fitsForm(segments, route.rooted, f, op.forms[0])));
}

/**
 * True when a route can lie among a spec path's forms: a rooted route starts
 * where the form starts, a route mounted under a prefix we cannot see at any
 * segment equal to its first; and where the route overlaps the form's server
 * base, every segment agrees (for the spec path without a base, the first).
 * A spec served under /api/v1 does not describe /api/v2/ws (go-vikunja serves
 * its v2 API from another, generated description). `bare` is the spec path
 * without a base.
 */
function fitsForm(route: readonly string[], rooted: boolean, form: NormalPath, bare: NormalPath): boolean {
  const f = form.segments;
  const upTo = Math.max(f.length - bare.segments.length, 1);
  for (let start = 0; start < f.length; start++) {
    if (rooted && start > 0) break;
    if (f[start] !== route[0]) continue;
    let agrees = true;
    for (let k = 0; start + k < upTo && agrees; k++) {
      const a = route[k];
      const b = f[start + k];
      agrees = a !== undefined && (a === b || a === PARAM || b === PARAM);
    }
    if (agrees) return true;
  }
  return false;
}

/** Consistency diagnostics in a spec: documented statuses that the one, fully understood handler never answers. */
export function validateConsistencyInSpec(doc: StylebookDocument, ws: WorkspaceModel, catalog: Catalog, settings: StylebookSettings): Diagnostic[] {
  // Without code there is nothing to compare, and the spec is not parsed here for nothing (the server calls this on every publish).
  if (doc.kind !== 'openapi' || !ws.hasCode) return [];
  const rule = CONSISTENCY_RULES.unansweredStatus;
  if ((settings.rules?.[rule.id] ?? rule.defaultSeverity) === 'off') return [];
  const emit = emitter(catalog, settings);
  const out: Diagnostic[] = [];
  for (const entryOp of ws.operationsOf(doc)) {
    const op = entryOp.operation;
    if (!op.responses.length) continue;
    const handlers = ws.routesFor(entryOp);
    if (handlers.length !== 1 || ws.contested(entryOp)) continue;
    const [{ uri: codeUri, route }] = handlers;
    if (!route.understood || isIgnored(op, rule.id)) continue;
    const answered = new Set(route.statuses.map((s) => s.code));
    for (const r of op.responses) {
      const k = classifyResponseKey(r.key);
      if (k.kind !== 'code' || k.code >= 500 || ANSWERED_ELSEWHERE.has(k.code) || answered.has(k.code)) continue;
      const d = emit(rule, statusTopic(catalog, k.code, rule.topic), {
        range: r.range,
        message: `No handler answers ${statusName(k.code)} for ${op.method.toUpperCase()} ${op.path}: its handler in ${fileName(codeUri)} answers only ${[...answered].sort().join(', ')}.`,
        relatedInformation: [handlerLocation(codeUri, route)],
        data: { rule: rule.id, topic: statusTopic(catalog, k.code, rule.topic), fixes: [] },
      });
      if (d) out.push(d);
    }
  }
  return out;
}

/** The handler's declaration, as related information. */
function handlerLocation(uri: string, route: RouteSummary): DiagnosticRelatedInformation {
  return {
    location: { uri, range: route.range },
    message: `the handler of ${route.method.toUpperCase()} ${route.path ?? ''}`.trim(),
  };
}
