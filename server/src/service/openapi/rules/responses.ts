/**
 * Rules about an operation's responses: status keys, the headers that
 * particular statuses need, error responses and descriptions.
 */
import { classifyResponseKey, statusClass, statusInfo } from '../../http/statusCodes';
import { getProp } from '../../parse/ast';
import { isTemplate, pathSegments, stringProp, type Operation, type ResponseEntry } from '../model';
import { splitWords } from './paths';
import type { FixInfo, Rule } from './types';

const keyRange = (r: ResponseEntry) => ({ offset: r.prop.keyOffset, end: r.prop.keyEnd });

/**
 * Where a problem in the response itself is reported: at the shared
 * component when the operation references one (once for all its users,
 * see Finding.via), else at the operation's response key.
 */
const responseRange = (r: ResponseEntry) =>
  r.component ? { offset: r.component.keyOffset, end: r.component.keyEnd, via: r } : keyRange(r);

/** How a message names the response: the shared component by name, or the operation's status key. */
const responseName = (r: ResponseEntry, status: string) => (r.component ? `The shared response "${r.component.key}" (used as ${r.key})` : status);
const opRange = (op: Operation) => ({ offset: op.prop.keyOffset, end: op.prop.keyEnd });

/** The status number of a response key, or undefined for ranges, default and invalid keys. */
function codeOf(r: ResponseEntry): number | undefined {
  const k = classifyResponseKey(r.key);
  return k.kind === 'code' ? k.code : undefined;
}

/** Suggestions for a key that is not a status code: likely typos first, then `default`. */
function invalidKeyFixes(key: string, family: string): FixInfo[] {
  const out: string[] = [];
  const k = key.trim();
  if (/^[1-5]xx$/.test(k) && family !== '2.0') out.push(k.toUpperCase());
  const zeros = k.replace(/[oO]/g, '0').replace(/[lI]/g, '1');
  if (zeros !== k && /^[1-5]\d\d$/.test(zeros)) out.push(zeros);
  const lead = /^\s*([1-5]\d\d)\b/.exec(k);
  if (lead && lead[1] !== k) out.push(lead[1]);
  out.push('default');
  return [...new Set(out)].map((value) => ({ kind: 'replace-key' as const, title: `Change "${key}" to ${value}`, value }));
}

export const statusCodeInvalid: Rule = {
  id: 'status-code-invalid',
  topic: 'http-status',
  defaultSeverity: 'error',
  summary: 'A response key must be a status code from 100 to 599, a range such as `4XX` (OpenAPI 3), or `default`.',
  keywords: ['status code', 'response code', 'http status'],
  checkOperation(op, ctx, report) {
    for (const r of op.responses) {
      const k = classifyResponseKey(r.key);
      let reason: string | undefined;
      if (k.kind === 'invalid') reason = k.reason;
      else if (k.kind === 'range' && ctx.model.family === '2.0') reason = `ranges such as ${r.key} need OpenAPI 3; Swagger 2.0 allows only single codes and default`;
      else if (k.kind === 'range' && !/^[1-5]XX$/.test(r.key)) reason = `a range is written with an upper-case X (${r.key.toUpperCase()})`;
      if (!reason) continue;
      report({
        ...keyRange(r), operation: op,
        message: `"${r.key}" is not a valid response key: ${reason}. Use a status code from 100 to 599${ctx.model.family === '2.0' ? '' : ', a range such as 4XX'} or default.`,
        fixes: invalidKeyFixes(r.key, ctx.model.family),
      });
    }
  },
};

export const statusCodeUnregistered: Rule = {
  id: 'status-code-unregistered',
  topic: 'http-status',
  defaultSeverity: 'warning',
  summary: 'A status code that IANA has not registered (or has marked unused) is one clients can only treat as its class.',
  keywords: ['status code', 'response code', 'http status'],
  checkOperation(op, ctx, report) {
    for (const r of op.responses) {
      const code = codeOf(r);
      if (code === undefined) continue;
      const info = statusInfo(code);
      if (info && !info.unused) continue;
      const cls = statusClass(code)!;
      const range = `${Math.floor(code / 100)}XX`;
      report({
        ...keyRange(r), operation: op,
        message: info
          ? `${code} ${info.phrase} is reserved or obsolete (${info.spec}): do not send it; pick a registered ${cls.label.toLowerCase()} code.`
          : `${code} is not a registered HTTP status code: clients will treat it as a generic ${cls.label.toLowerCase()} response. Use a registered code with the meaning you need.`,
        fixes: ctx.model.family === '2.0' ? [] : [{ kind: 'replace-key', title: `Change ${code} to the range ${range}`, value: range }],
      });
    }
  },
};

/** Path segments that name an action rather than a collection, so a POST there is not a creation. */
const ACTION_SEGMENT = /[:]|^(search|query|batch|bulk|login|logout|token|validate|verify|import|export|send|cancel|approve|reject)/i;
/** More action words, as whole words only (`/runbooks/{id}/draft/testJob`, `/ssh-key/reset`): `runs` or `tests` may be collections. */
const ACTION_WORD = /^(?:reset|run|start|stop|restart|execute|trigger|copy|clone|duplicate|checkout|refresh|publish|unpublish|archive|restore|sync|test)(?:$|[-_.A-Z])/;

/**
 * Words at the start of an operation's summary or id that say it does not
 * create one new resource: assigning or linking existing ones, setting or
 * updating, and batch work (`Assign SIP trunks`, `BatchUpdateDetector`,
 * `Set up shared access`). Seen on 201s and 200s of real specs where a
 * Location, or a 201, would point at nothing.
 */
const NOT_ONE_CREATION = /^(?:assign|unassign|associate|disassociate|link|unlink|attach|detach|set|update|upsert|enable|disable|bulk|batch|import|sync|move|copy)(?:$|[^a-z])/i;

/** True when the operation's summary or operationId says it is no creation of one resource (see NOT_ONE_CREATION). */
function saysNotOneCreation(op: Operation): boolean {
  const words = [stringProp(op.node, 'summary') ?? '', splitWords(stringProp(op.node, 'operationId') ?? '').join(' ')];
  return words.some((w) => NOT_ONE_CREATION.test(w.trim()) || /\b(?:bulk|batch)\b/i.test(w));
}

/**
 * True when a response's body is a list written in place (a batch result),
 * for which one Location cannot stand. A `$ref`'d schema is not followed:
 * per-operation results are cached by the texts the operation references,
 * and schemas are not among them.
 */
function bodyIsList(r: ResponseEntry): boolean {
  const content = getProp(r.node, 'content');
  const schemas = content?.kind === 'object' ? content.props.map((m) => getProp(m.node, 'schema')) : [getProp(r.node, 'schema')];
  return schemas.some((s) => stringProp(s, 'type') === 'array');
}

/** True when a path segment names an action. */
const isActionSegment = (seg: string) => ACTION_SEGMENT.test(seg) || ACTION_WORD.test(seg);

/**
 * Whether a path ends in an action on something rather than a collection:
 * a `:verb` custom method, one of ACTION_SEGMENT's words, or a word after
 * an item (`/orders/{id}/cancel`, `/jobs/{id}/run`) that is not a plural
 * noun. A 201 there creates no resource a Location could point at.
 */
function isAction(path: string): boolean {
  const segs = pathSegments(path);
  const last = segs[segs.length - 1];
  if (!last || isTemplate(last)) return false;
  if (isActionSegment(last)) return true;
  const before = segs[segs.length - 2];
  return before !== undefined && isTemplate(before) && /^[a-z]+$/i.test(last) && !/s$/i.test(last);
}

export const postCreateStatus: Rule = {
  id: 'post-create-status',
  topic: 'resource-creation',
  defaultSeverity: 'warning',
  summary: 'A POST to a collection (a path that has an item path `/{id}` below it) creates a member, so it should answer 201 Created (or 202 Accepted when creation is deferred).',
  keywords: ['create', 'creation', 'post', '201'],
  checkDocument(ctx, report) {
    const itemParents = new Set<string>();
    for (const p of ctx.model.paths) {
      const segs = pathSegments(p.path);
      if (segs.length && isTemplate(segs[segs.length - 1])) itemParents.add('/' + segs.slice(0, -1).join('/'));
    }
    for (const op of ctx.model.operations) {
      if (op.method !== 'post' || !op.responsesProp) continue;
      const segs = pathSegments(op.path);
      const last = segs[segs.length - 1];
      if (!last || isTemplate(last) || isActionSegment(last) || saysNotOneCreation(op)) continue;
      if (!itemParents.has('/' + segs.join('/'))) continue;
      // A 204 answer returns nothing to point at: such a POST assigns or links (`/queues/{id}/phone_numbers`) rather than creates.
      // A 2xx that carries a Location (figshare's 205 after adding authors) already tells the client where.
      const answers = (r: ResponseEntry) => ['201', '202', '204', '2XX', '303'].includes(r.key.toUpperCase()) || (r.key.startsWith('2') && r.headers.has('location'));
      if (op.responses.some(answers) || op.responses.length === 0) continue;
      const fixes: FixInfo[] = [{ kind: 'add-response', title: 'Add a 201 Created response with a Location header', path: op.path, method: op.method, value: '201' }];
      const ok = op.responses.find((r) => r.key === '200');
      if (ok) fixes.push({ kind: 'replace-key', title: 'Change 200 to 201 Created', value: '201' });
      report({
        ...(ok ? keyRange(ok) : opRange(op)), operation: op,
        message: `POST ${op.path} creates a member of a collection but documents no 201 Created (or 202 Accepted) response; 201 with a Location header tells the client what was made and where.`,
        fixes,
      });
    }
  },
};

export const createdLocation: Rule = {
  id: 'created-location',
  topic: 'http-status-201',
  defaultSeverity: 'warning',
  summary: 'A 201 Created response to a POST on a collection should declare a `Location` header with the URI of the new resource (not asked of a PUT, whose target URI is the resource, of a POST to an item or an action such as `…/cancel` or `…:run`, of a batch answering a list, or of an operation whose summary says it assigns, links, sets or updates).',
  keywords: ['location', 'success', 'creat', '201'],
  checkOperation(op, _ctx, report) {
    // A 201 to a PUT names its resource by the target URI (RFC 9110, 15.3.2), and an action creates nothing to point at.
    if (op.method === 'put' || isAction(op.path) || saysNotOneCreation(op)) return;
    // A POST to an item (`/settings/{type}`) sets or acts on that item rather than adding one to a collection.
    const segs = pathSegments(op.path);
    if (segs.length && isTemplate(segs[segs.length - 1])) return;
    for (const r of op.responses) {
      if (r.key !== '201' || !r.node || r.headers.has('location') || bodyIsList(r)) continue;
      report({
        ...responseRange(r), operation: op,
        message: `${responseName(r, '201 Created')} should carry a Location header with the URI of the new resource, so the client never has to build it.`,
        // At a shared component the fix edits a copy for this operation (edits/index.ts: inResponse), never the component.
        fixes: [{ kind: 'add-header', title: 'Add a Location header to 201', path: op.path, method: op.method, response: r.key, value: 'Location' }],
      });
    }
  },
};

export const retryAfter: Rule = {
  id: 'retry-after',
  topic: 'rate-limiting',
  defaultSeverity: 'warning',
  summary: '429 Too Many Requests and 503 Service Unavailable should declare a `Retry-After` header telling the client when to try again.',
  keywords: ['retry', 'rate limit', '429', '503'],
  checkOperation(op, ctx, report) {
    for (const r of op.responses) {
      if ((r.key !== '429' && r.key !== '503') || !r.node || r.headers.has('retry-after')) continue;
      const topic = ctx.catalog.get(`http-status-${r.key}`) ? `http-status-${r.key}` : undefined;
      report({
        ...responseRange(r), operation: op, topic,
        message: `${responseName(r, `${r.key} ${statusInfo(Number(r.key))!.phrase}`)} should carry a Retry-After header, so clients wait the right time instead of retrying at once.`,
        fixes: [{ kind: 'add-header', title: `Add a Retry-After header to ${r.key}`, path: op.path, method: op.method, response: r.key, value: 'Retry-After' }],
      });
    }
  },
};

export const errorResponse: Rule = {
  id: 'error-response',
  topic: 'http-status-standard-error',
  defaultSeverity: 'warning',
  summary: 'Every operation should document its errors: at least one 4xx or 5xx response, or a `default` response, with the error format.',
  keywords: ['error', 'problem', 'standard'],
  checkOperation(op, _ctx, report) {
    const hasError = op.responses.some((r) => {
      const k = classifyResponseKey(r.key);
      // A 5xx documents the error format as well as a 4xx does: a `500` with an error body is an error response.
      return k.kind === 'default' || (k.kind === 'code' && k.code >= 400 && k.code < 600) || (k.kind === 'range' && (k.digit === 4 || k.digit === 5));
    });
    if (hasError) return;
    report({
      ...opRange(op), operation: op,
      message: `${op.method.toUpperCase()} ${op.path} documents no error response (no 4xx, no 5xx and no default): clients need the error format to handle failures.`,
      fixes: [{ kind: 'add-error-response', title: 'Add a default error response (application/problem+json)', path: op.path, method: op.method }],
    });
  },
};

/** True when a response documents a body: OpenAPI 3 `content` with entries, or a 2.0 `schema`. */
function hasBody(r: ResponseEntry): boolean {
  const content = getProp(r.node, 'content');
  return (content?.kind === 'object' && content.props.length > 0) || getProp(r.node, 'schema') !== undefined;
}

export const deleteNoContent: Rule = {
  id: 'delete-no-content',
  topic: 'http-status-204',
  defaultSeverity: 'info',
  summary: 'A DELETE that answers 200 without a body should answer 204 No Content.',
  keywords: ['204', 'no content', 'delete'],
  checkOperation(op, _ctx, report) {
    if (op.method !== 'delete') return;
    const ok = op.responses.find((r) => r.key === '200');
    if (!ok || hasBody(ok) || op.responses.some((r) => r.key === '204')) return;
    report({
      ...keyRange(ok), operation: op,
      message: 'This DELETE answers 200 OK without a body; 204 No Content says exactly that.',
      fixes: [{ kind: 'replace-key', title: 'Change 200 to 204 No Content', value: '204' }],
    });
  },
};

/** The description a fix writes for a response key. */
export function defaultDescription(key: string): string {
  const k = classifyResponseKey(key);
  if (k.kind === 'code') return statusInfo(k.code)?.phrase ?? statusClass(k.code)!.label;
  if (k.kind === 'range') return `${statusClass(k.digit * 100)!.label} response`;
  return 'Unexpected error';
}

export const responseDescription: Rule = {
  id: 'response-description',
  topic: 'documentation',
  defaultSeverity: 'warning',
  summary: 'Every response needs a `description` (OpenAPI requires it): say when it is returned.',
  keywords: ['document', 'description'],
  checkOperation(op, _ctx, report) {
    for (const r of op.responses) {
      if (!r.node || getProp(r.node, 'description') !== undefined) continue;
      report({
        ...responseRange(r), operation: op,
        message: `${responseName(r, `Response ${r.key}`)} has no description; OpenAPI requires one, and readers need to know when it is returned.`,
        fixes: [{ kind: 'add-description', title: `Add a description to ${r.key}`, path: op.path, method: op.method, response: r.key, value: defaultDescription(r.key) }],
      });
    }
  },
};

export const operationSecurity: Rule = {
  id: 'operation-security',
  topic: 'security',
  defaultSeverity: 'warning',
  summary: 'When the document defines security schemes, every operation should say which applies (or `security: []` for a public one).',
  keywords: ['security', 'authentication', 'auth'],
  checkOperation(op, ctx, report) {
    const m = ctx.model;
    if (!m.securitySchemes.length || op.security !== undefined) return;
    if (m.rootSecurity?.kind === 'array' && m.rootSecurity.items.length > 0) return;
    report({
      ...opRange(op), operation: op,
      message: `${op.method.toUpperCase()} ${op.path} declares no security although the document defines ${m.securitySchemes.join(', ')}; say which scheme protects it, or security: [] if it is public on purpose.`,
      fixes: [
        { kind: 'add-security', title: `Protect it with ${m.securitySchemes[0]}`, path: op.path, method: op.method, value: m.securitySchemes[0] },
        { kind: 'add-security', title: 'Mark it as public (security: [])', path: op.path, method: op.method, value: '' },
      ],
    });
  },
};
