import {
  CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList, type Position,
} from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import { methodCard, orderGuides, statusCard, topicCard, type CardContext } from '../card';
import type { StylebookDocument } from '../document';
import { METHODS } from '../http/methods';
import { classifyResponseKey, STATUS_CODES, statusInfo } from '../http/statusCodes';
import { escapeMarkdown } from '../markdown';
import type { StylebookSettings } from '../settings';
import { enclosingOpen, keyBefore, locateJson, locateYaml, SEQ, skipWsBack, unescapeDouble } from './locate';
import { FORMAT_TRIGGERS, HEADER_TRIGGERS, MEDIA_TYPE_TRIGGERS, matchTrigger, PARAMETER_TRIGGERS, RESPONSE_KEY_TRIGGERS, type Trigger } from './triggers';

/*
 * Completions in an OpenAPI document. Like hover, completion never parses the
 * whole document: it reads the cursor's line, walks up to the mapping (or JSON
 * object) the cursor is in, asks locate.ts for that mapping's key chain, and
 * scans only that mapping for the keys already there. So it answers as fast
 * on a 10 MB description as on a 10-line one.
 *
 * What to offer where is data (the tables below); the functions only find
 * the context and render items.
 */

// ---------------------------------------------------------------- data

/**
 * Status codes ranked by the operation's method: the codes a well-designed
 * operation of that method most often needs come first, each with the reason
 * it fits. Codes not listed still appear, after these, in numeric order.
 */
export const STATUS_RANKING: Record<string, Array<[number, string]>> = {
  post: [
    [201, 'POST created a resource: answer 201 with a Location header.'],
    [202, 'POST started work that finishes later: answer 202 with a way to follow it.'],
    [400, 'The request body or parameters are malformed.'],
    [409, 'The new resource conflicts with an existing one (a duplicate key, for example).'],
    [422, 'The body is well-formed but fails validation.'],
    [200, 'POST ran an action that returns a result without creating a resource.'],
    [204, 'POST ran an action that has nothing to return.'],
    [303, 'The result lives at another URL (for example an existing resource): see other.'],
    [401, 'The caller is not authenticated.'],
    [403, 'The caller may not do this.'],
    [404, 'The collection or parent resource does not exist.'],
    [413, 'The body is larger than the server accepts.'],
    [415, 'The body is in a media type the operation does not accept.'],
    [429, 'The caller sent too many requests: say when to retry.'],
    [500, 'An unexpected server error.'],
    [503, 'The service is temporarily unavailable: say when to retry.'],
  ],
  get: [
    [200, 'GET returns the representation.'],
    [304, 'A conditional GET (If-None-Match, If-Modified-Since) found the client\'s copy current.'],
    [404, 'The resource does not exist.'],
    [400, 'A query parameter is malformed.'],
    [401, 'The caller is not authenticated.'],
    [403, 'The caller may not read this.'],
    [206, 'A range request returns part of the representation.'],
    [406, 'No representation matches the Accept header.'],
    [410, 'The resource existed and is gone for good.'],
    [429, 'The caller sent too many requests: say when to retry.'],
    [500, 'An unexpected server error.'],
    [503, 'The service is temporarily unavailable: say when to retry.'],
  ],
  delete: [
    [204, 'DELETE succeeded and has nothing to return.'],
    [202, 'The deletion was accepted and completes later.'],
    [404, 'The resource does not exist.'],
    [200, 'DELETE succeeded and returns a status representation.'],
    [401, 'The caller is not authenticated.'],
    [403, 'The caller may not delete this.'],
    [409, 'The resource cannot be deleted in its current state.'],
    [412, 'An If-Match precondition failed: the resource changed.'],
    [429, 'The caller sent too many requests: say when to retry.'],
    [500, 'An unexpected server error.'],
  ],
  put: [
    [200, 'PUT replaced the resource and returns it.'],
    [204, 'PUT replaced the resource and returns nothing.'],
    [201, 'PUT created the resource at the target URL.'],
    [412, 'An If-Match precondition failed: someone else changed the resource.'],
    [400, 'The body is malformed.'],
    [404, 'The resource does not exist (when PUT may not create it).'],
    [409, 'The new state conflicts with the resource\'s current state.'],
    [415, 'The body is in a media type the operation does not accept.'],
    [422, 'The body is well-formed but fails validation.'],
    [428, 'The operation requires a precondition (If-Match) to avoid lost updates.'],
    [401, 'The caller is not authenticated.'],
    [403, 'The caller may not change this.'],
    [429, 'The caller sent too many requests: say when to retry.'],
    [500, 'An unexpected server error.'],
  ],
  patch: [
    [200, 'PATCH applied the change and returns the resource.'],
    [204, 'PATCH applied the change and returns nothing.'],
    [409, 'The patch conflicts with the resource\'s current state.'],
    [412, 'An If-Match precondition failed: someone else changed the resource.'],
    [422, 'The patch document is well-formed but cannot be applied.'],
    [400, 'The patch document is malformed.'],
    [404, 'The resource does not exist.'],
    [415, 'The patch is in a format the operation does not accept (see Accept-Patch).'],
    [428, 'The operation requires a precondition (If-Match) to avoid lost updates.'],
    [401, 'The caller is not authenticated.'],
    [403, 'The caller may not change this.'],
    [429, 'The caller sent too many requests: say when to retry.'],
    [500, 'An unexpected server error.'],
  ],
  head: [
    [200, 'HEAD returns the headers GET would.'],
    [304, 'A conditional HEAD found the client\'s copy current.'],
    [404, 'The resource does not exist.'],
  ],
  options: [
    [204, 'OPTIONS lists the allowed methods in the Allow header and has no body.'],
    [200, 'OPTIONS returns a description of the resource\'s capabilities.'],
  ],
  trace: [[200, 'TRACE echoes the request message.']],
};

/** Headers a response snippet includes because HTTP requires or our rules expect them. */
const SNIPPET_HEADERS: Record<number, string> = {
  201: 'Location',
  401: 'WWW-Authenticate',
  405: 'Allow',
  429: 'Retry-After',
  503: 'Retry-After',
};

interface HeaderEntry {
  name: string;
  /** What the header is for, in our words. */
  note: string;
  /** Response status codes (for response headers) or methods (for request headers) where it comes first. */
  first?: Array<number | string>;
  /** HTTP requires this header for these codes. */
  required?: number[];
  /** Schema lines for the snippet: OpenAPI schema properties. */
  schema?: Record<string, unknown>;
}

/** Response headers offered under `headers:` of a response. */
export const RESPONSE_HEADERS: HeaderEntry[] = [
  { name: 'Location', note: 'The URL of the created resource (201) or of the redirect target (3xx).', first: [201, 202, 301, 302, 303, 307, 308], schema: { type: 'string', format: 'uri' } },
  { name: 'Retry-After', note: 'How many seconds to wait (or until which date) before retrying.', first: [429, 503, 301, 302, 303, 307, 308], schema: { type: 'integer', minimum: 0 } },
  { name: 'ETag', note: 'A validator of this representation, for caching and If-Match / If-None-Match.', first: [200, 201, 204, 206, 304], schema: { type: 'string' } },
  { name: 'Last-Modified', note: 'When the representation last changed (an HTTP date).', first: [200, 304], schema: { type: 'string' } },
  { name: 'Cache-Control', note: 'How long and by whom the response may be cached.', first: [200, 203, 204, 206, 300, 301, 304, 308, 404, 405, 410, 414, 501], schema: { type: 'string' } },
  { name: 'Vary', note: 'The request headers that select the representation (for caches).', schema: { type: 'string' } },
  { name: 'Link', note: 'Typed links (RFC 8288), for example rel="next" for the next page.', first: [200, 206], schema: { type: 'string' } },
  { name: 'Allow', note: 'The methods the resource supports.', first: [405], required: [405], schema: { type: 'string' } },
  { name: 'WWW-Authenticate', note: 'The authentication scheme the client must use.', first: [401], required: [401], schema: { type: 'string' } },
  { name: 'Proxy-Authenticate', note: 'The authentication scheme the proxy requires.', first: [407], required: [407], schema: { type: 'string' } },
  { name: 'Content-Range', note: 'Which part of the representation this is (206), or its size (416).', first: [206, 416], schema: { type: 'string' } },
  { name: 'Accept-Ranges', note: 'Whether the resource supports range requests.', schema: { type: 'string' } },
  { name: 'Accept-Patch', note: 'The patch formats the resource accepts (RFC 5789).', first: [415], schema: { type: 'string' } },
  { name: 'Content-Location', note: 'The URL of the representation returned.', schema: { type: 'string', format: 'uri' } },
  { name: 'Content-Language', note: 'The language of the representation.', schema: { type: 'string' } },
  { name: 'Deprecation', note: 'Signals that the resource is or will be deprecated.', schema: { type: 'string' } },
  { name: 'Sunset', note: 'When the resource will stop responding (RFC 8594).', schema: { type: 'string' } },
  { name: 'X-RateLimit-Limit', note: 'How many requests the caller may make in the current window.', first: [429], schema: { type: 'integer' } },
  { name: 'X-RateLimit-Remaining', note: 'How many requests are left in the current window.', first: [429], schema: { type: 'integer' } },
  { name: 'X-RateLimit-Reset', note: 'When the current rate-limit window resets.', first: [429], schema: { type: 'integer' } },
  { name: 'X-Request-ID', note: 'An identifier of this request, for support and tracing.', schema: { type: 'string' } },
  { name: 'Preference-Applied', note: 'Which Prefer preferences the server honoured (RFC 7240).', schema: { type: 'string' } },
];

/** Request headers offered as names of `in: header` parameters. */
export const REQUEST_HEADERS: HeaderEntry[] = [
  { name: 'If-Match', note: 'Apply the change only if the resource still has this ETag (412 otherwise).', first: ['put', 'patch', 'delete'] },
  { name: 'If-None-Match', note: 'Return 304 if the client\'s copy (this ETag) is current; with * on PUT, create only.', first: ['get', 'head'] },
  { name: 'If-Modified-Since', note: 'Return 304 if nothing changed since this date.', first: ['get', 'head'] },
  { name: 'If-Unmodified-Since', note: 'Apply the change only if nothing changed since this date.' },
  { name: 'Idempotency-Key', note: 'A key that makes a POST safe to retry: the server runs it once.', first: ['post', 'patch'] },
  { name: 'Prefer', note: 'Optional server behaviour the client asks for, such as return=minimal (RFC 7240).' },
  { name: 'Accept-Language', note: 'The languages the client prefers.' },
  { name: 'Range', note: 'Ask for part of the representation.', first: ['get'] },
  { name: 'If-Range', note: 'Send the range only if the representation is unchanged.' },
  { name: 'X-Request-ID', note: 'An identifier the client sets to trace the request.' },
  { name: 'traceparent', note: 'W3C Trace Context: the distributed-tracing parent.' },
];

/**
 * OpenAPI 3 ignores header parameters named Accept, Content-Type and
 * Authorization (they are described by content and security instead), and
 * a response header named Content-Type; we never offer those there.
 */
const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization']);

/** The pagination parameters of each style the team may configure. */
export const PAGINATION_PARAMETERS: Record<'offset' | 'cursor' | 'page', Array<{ name: string; note: string }>> = {
  offset: [
    { name: 'offset', note: 'How many items to skip (offset pagination).' },
    { name: 'limit', note: 'How many items to return at most.' },
  ],
  cursor: [
    { name: 'cursor', note: 'The opaque position the previous page returned (cursor pagination).' },
    { name: 'limit', note: 'How many items to return at most.' },
  ],
  page: [
    { name: 'page', note: 'The 1-based page number (page pagination).' },
    { name: 'page_size', note: 'How many items a page holds.' },
  ],
};

/** Other query parameter names with a catalog topic, offered after pagination. */
const OTHER_QUERY_PARAMETERS = ['sort', 'filter', 'q', 'fields', 'expand'];

/** `format:` values: OpenAPI's own and the JSON Schema formats, by the `type` they apply to. */
export const FORMATS: Array<{ format: string; type: string; note: string }> = [
  { format: 'date-time', type: 'string', note: 'An RFC 3339 timestamp such as 2024-05-01T12:30:00Z.' },
  { format: 'date', type: 'string', note: 'An RFC 3339 full-date such as 2024-05-01.' },
  { format: 'time', type: 'string', note: 'An RFC 3339 time such as 12:30:00Z.' },
  { format: 'duration', type: 'string', note: 'An ISO 8601 duration such as P3D.' },
  { format: 'uuid', type: 'string', note: 'An RFC 4122 UUID.' },
  { format: 'email', type: 'string', note: 'An e-mail address.' },
  { format: 'uri', type: 'string', note: 'An absolute URI.' },
  { format: 'uri-reference', type: 'string', note: 'A URI or a relative reference.' },
  { format: 'hostname', type: 'string', note: 'An Internet host name.' },
  { format: 'ipv4', type: 'string', note: 'An IPv4 address.' },
  { format: 'ipv6', type: 'string', note: 'An IPv6 address.' },
  { format: 'byte', type: 'string', note: 'Base64-encoded bytes.' },
  { format: 'binary', type: 'string', note: 'Raw bytes (a file upload or download).' },
  { format: 'password', type: 'string', note: 'A secret: tools hide it.' },
  { format: 'int32', type: 'integer', note: 'A signed 32-bit integer.' },
  { format: 'int64', type: 'integer', note: 'A signed 64-bit integer (send large ids as strings: JavaScript loses precision above 2^53).' },
  { format: 'float', type: 'number', note: 'A 32-bit floating-point number.' },
  { format: 'double', type: 'number', note: 'A 64-bit floating-point number.' },
];

/** Media types offered under `content:`, with where they come first. */
export const MEDIA_TYPES: Array<{ type: string; note: string; first?: Array<'error' | 'success' | 'request' | 'patch'> }> = [
  { type: 'application/json', note: 'JSON.', first: ['success', 'request'] },
  { type: 'application/problem+json', note: 'Problem Details (RFC 9457): the standard error body.', first: ['error'] },
  { type: 'application/merge-patch+json', note: 'A JSON Merge Patch (RFC 7396) for PATCH.', first: ['patch'] },
  { type: 'application/json-patch+json', note: 'A JSON Patch (RFC 6902) list of operations for PATCH.', first: ['patch'] },
  { type: 'multipart/form-data', note: 'A form with file uploads.' },
  { type: 'application/x-www-form-urlencoded', note: 'A URL-encoded form.' },
  { type: 'application/octet-stream', note: 'Raw bytes.' },
  { type: 'text/event-stream', note: 'Server-sent events.' },
  { type: 'application/hal+json', note: 'HAL: JSON with links.' },
  { type: 'application/xml', note: 'XML.' },
  { type: 'text/csv', note: 'Comma-separated values.' },
  { type: 'text/plain', note: 'Plain text.' },
];

// ---------------------------------------------------------------- context

/** A key or value already present in the mapping the cursor is in. */
interface Sibling {
  key: string;
  /** The quote the key is written with: '' (plain), "'" or '"'. */
  quote: string;
  /** The scalar value on the key's line, if any. */
  value?: string;
}

/** Where the cursor is, as completion needs it. */
interface Context {
  kind: 'key' | 'value';
  format: 'yaml' | 'json';
  /** For a key: the chain of keys of the mapping the key goes into (owner first). For a value: the key first, then its ancestors. */
  path: string[];
  siblings: Sibling[];
  /** The text typed so far (without an opening quote) and the range it occupies, quotes included. */
  typed: string;
  quote: string;
  start: number;
  end: number;
  /** The column of the key (YAML) or the line's indentation (JSON), and the document's indentation unit. */
  indent: number;
  unit: number;
  /** JSON only: where a comma must be added after the previous member, and whether one is needed after the new one. */
  commaAt?: number;
  commaAfter?: boolean;
  /** Turns an offset into a position (only at the edge, when items are built). */
  at: (offset: number) => Position;
  /** The OpenAPI family ("2.0", "3.0", "3.1"). */
  family: string;
}

interface YamlLine {
  start: number;
  end: number;
  /** Column where the first dash or content starts. */
  minCol: number;
  contentCol: number;
  hasDash: boolean;
  blank: boolean;
  key?: string;
  keyStart?: number;
  quote?: string;
  value?: string;
}

const YAML_KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]}:,&*!|>%@`][^#]*?))[ \t]*:(?=[ \t]|$)/;

/** Reads the shape of one YAML line: indentation, dashes, key and scalar value. */
function readLine(text: string, start: number, end: number): YamlLine {
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  const minCol = i - start;
  let hasDash = false;
  while (i < end && text.charCodeAt(i) === 45 && (i + 1 === end || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
    hasDash = true;
    i++;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  }
  const line: YamlLine = { start, end, minCol, contentCol: i - start, hasDash, blank: false };
  const c = text.charCodeAt(i);
  if (i >= end || c === 35) {
    line.blank = !hasDash;
    return line;
  }
  const rest = text.slice(i, end);
  const m = YAML_KEY.exec(rest);
  if (m) {
    line.key = m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3];
    line.quote = m[1] !== undefined ? '"' : m[2] !== undefined ? "'" : '';
    line.keyStart = i;
    const v = rest.slice(m[0].length).replace(/(^|[ \t])#.*$/, '').trim();
    if (v) line.value = v.replace(/^(['"])(.*)\1$/, '$2');
  }
  return line;
}

/**
 * True when the line starting at `start` is content indented deeper than
 * `col`: such lines can be skipped without reading them (most lines of a
 * mapping are nested examples and schemas).
 */
function deeperThan(text: string, start: number, col: number): boolean {
  let i = start;
  const limit = start + col;
  while (i <= limit && text.charCodeAt(i) === 32) i++;
  if (i <= limit) return false;
  const c = text.charCodeAt(i);
  return c !== 10 && c !== 13 && c !== 35 && !Number.isNaN(c);
}

function lineBounds(text: string, offset: number): [number, number] {
  const s = text.lastIndexOf('\n', offset - 1) + 1;
  const e = text.indexOf('\n', offset);
  return [s, e < 0 ? text.length : e];
}

/** The most lines a sibling scan reads; see yamlMapping. */
const MAX_MAPPING_LINES = 100000;

function isDocumentMarker(text: string, line: YamlLine): boolean {
  return line.minCol === 0 && !line.hasDash && /^(---|\.\.\.)(\s|$)/.test(text.slice(line.start, line.start + 4));
}

/**
 * Finds the mapping that holds column `col` on the line starting at
 * `lineStart`: the owning line above it, or the `- ` line that opens the
 * sequence item the mapping is, and every sibling key. Only that mapping is
 * read, never the rest of the document.
 */
function yamlMapping(text: string, lineStart: number, col: number): { owner?: YamlLine; itemStart?: YamlLine; siblings: Sibling[] } | undefined {
  // The mappings completion cares about (responses, a path item, headers, content, a schema) are
  // small; a mapping larger than this is `paths` or `schemas` itself, where nothing is offered.
  let budget = MAX_MAPPING_LINES;
  const siblings: Sibling[] = [];
  const add = (l: YamlLine) => { if (l.key !== undefined) siblings.push({ key: l.key, quote: l.quote ?? '', value: l.value }); };
  const cur = readLine(text, lineStart, lineBounds(text, lineStart)[1]);
  let owner: YamlLine | undefined;
  let itemStart: YamlLine | undefined = cur.hasDash && cur.contentCol === col ? cur : undefined;
  // Upwards: siblings and deeper lines belong to the mapping; the first shallower line owns it.
  if (!itemStart) {
    for (let pos = lineStart; pos > 0;) {
      const s = text.lastIndexOf('\n', pos - 2) + 1;
      const e = pos - 1;
      pos = s;
      if (--budget < 0) return undefined;
      if (deeperThan(text, s, col)) continue;
      const l = readLine(text, s, e);
      if (l.blank) continue;
      if (isDocumentMarker(text, l)) break;
      if (l.hasDash && l.contentCol === col) {
        itemStart = l;
        add(l);
        break;
      }
      if (l.minCol < col) {
        owner = l;
        break;
      }
      if (l.contentCol === col && !l.hasDash) add(l);
    }
  }
  // Downwards: until a shallower line (which includes the next sequence item's dash).
  let pos = text.indexOf('\n', lineStart);
  while (pos >= 0) {
    const s = pos + 1;
    const e = text.indexOf('\n', s);
    pos = e;
    if (--budget < 0) return undefined;
    if (deeperThan(text, s, col)) continue;
    const l = readLine(text, s, e < 0 ? text.length : e);
    if (l.blank) continue;
    if (l.minCol < col || isDocumentMarker(text, l)) break;
    if (l.contentCol === col && !l.hasDash) add(l);
  }
  return { owner, itemStart, siblings };
}

/**
 * How many keys of the chain to read, starting at the mapping's owner key.
 * Every provider decides from at most three keys (responses → operation →
 * path), and the fourth is the expensive one: the `paths:` key sits
 * megabytes above a deep operation of a large spec, and finding it means
 * reading every line in between. A key that starts with `/` is a path item's
 * own key, so its parent is not looked up at all.
 */
function chainDepth(ownerKey: string | undefined): number {
  return ownerKey?.startsWith('/') ? 1 : 3;
}

/** The value keys that need the chain: a parameter's `name` (→ parameters → operation). */
function valueDepth(key: string): number {
  return key === 'name' ? 4 : 1;
}

function yamlContext(text: string, offset: number, family: string, at: (o: number) => Position): Context | undefined {
  const [ls, le] = lineBounds(text, offset);
  const before = text.slice(ls, offset);
  const after = text.slice(offset, le).replace(/\r$/, '');
  // A value after `key:` on this line.
  const vm = /^( *)((?:- +)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"][^#:]*?)[ \t]*:[ \t]+(['"]?)([^'"#:]*)$/.exec(before);
  if (vm) {
    if (!/^['"]?\s*$/.test(after) && !/^[^\s'"]*['"]?\s*$/.test(after)) return undefined;
    const keyStart = ls + vm[1].length + vm[2].length;
    const key = /^['"]/.test(vm[3]) ? vm[3].slice(1, -1) : vm[3];
    const loc = locateYaml(text, keyStart, valueDepth(key));
    if (!loc || !loc.token.isKey) return undefined;
    const col = keyStart - ls;
    const map = yamlMapping(text, ls, col);
    if (!map) return undefined;
    const quote = vm[4];
    const unit = map.owner ? Math.max(1, col - map.owner.contentCol) : 2;
    const start = offset - vm[5].length - quote.length;
    let end = offset;
    const tail = /^[^\s'"#]*/.exec(after)![0];
    end += tail.length;
    if (quote && after[tail.length] === quote) end++;
    return {
      kind: 'value', format: 'yaml', path: loc.path, siblings: map.siblings, typed: vm[5], quote, start, end,
      indent: col, unit, family, at,
    };
  }
  // A key being typed on a line of its own.
  const km = /^( *)(['"]?)([^\s'":#{}[\],]*)$/.exec(before);
  if (!km || !/^[^\s:'"]*['"]?\s*$/.test(after)) return undefined;
  const col = km[1].length;
  const map = yamlMapping(text, ls, col);
  if (!map) return undefined;
  if (map.itemStart) return undefined; // keys inside sequence items are not completed here
  const owner = map.owner;
  if (owner && (owner.value !== undefined || owner.keyStart === undefined)) return undefined; // the line above holds a scalar, not a mapping
  const chain = (depth: number) => (owner ? locateYaml(text, owner.keyStart!, depth)?.path ?? [] : []);
  const tail = /^[^\s:'"]*/.exec(after)![0];
  let end = offset + tail.length;
  if (km[2] && after[tail.length] === km[2]) end++;
  return {
    kind: 'key', format: 'yaml', path: chain(chainDepth(owner?.key)), siblings: map.siblings, typed: km[3], quote: km[2],
    start: ls + col, end, indent: col, unit: owner ? Math.max(1, col - owner.contentCol) : 2, family, at,
  };
}

// JSON: strings never contain raw line breaks, so a line can be read on its own.

/** The keys (and scalar values) of the JSON object opening at `open`, read up to its end. */
function jsonMembers(text: string, open: number): Sibling[] {
  const out: Sibling[] = [];
  let depth = 0;
  let pendingKey: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34 && text.charCodeAt(j) !== 10) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const raw = text.slice(i + 1, j);
      if (depth === 0) {
        let k = j + 1;
        while (k < text.length && /\s/.test(text[k])) k++;
        if (text.charCodeAt(k) === 58) {
          pendingKey = unescapeDouble(raw);
          out.push({ key: pendingKey, quote: '"' });
        } else if (pendingKey !== undefined) {
          out[out.length - 1].value = unescapeDouble(raw);
          pendingKey = undefined;
        }
      }
      i = j;
    } else if (c === 123 || c === 91) {
      depth++;
      pendingKey = undefined;
    } else if (c === 125 || c === 93) {
      if (depth === 0) break;
      depth--;
    }
  }
  return out;
}


/** The key chain of the JSON object that opens at `open` (owner key first), `depth` keys long at most. */
function jsonChain(text: string, open: number, depth: number): string[] {
  const path: string[] = [];
  let p = open;
  for (let guard = 0; guard < depth; guard++) {
    const k = keyBefore(text, p)?.offset;
    if (k !== undefined) {
      const loc = locateJson(text, k + 1, Math.max(1, depth - path.length));
      if (loc) path.push(...loc.path);
      return path;
    }
    const outer = enclosingOpen(text, p);
    if (outer < 0) return path;
    if (text.charCodeAt(outer) === 91) path.push(SEQ);
    p = outer;
  }
  return path;
}

/** The key that owns the JSON object opening at `open`, if any. */
function jsonOwnerKey(text: string, open: number): string | undefined {
  const k = keyBefore(text, open)?.offset;
  if (k === undefined) return undefined;
  const end = text.indexOf('"', k + 1);
  return end < 0 ? undefined : unescapeDouble(text.slice(k + 1, end));
}

function indentOf(text: string, offset: number): number {
  const [ls] = lineBounds(text, offset);
  let i = ls;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i - ls;
}

function jsonContext(text: string, offset: number, family: string, at: (o: number) => Position): Context | undefined {
  const [ls, le] = lineBounds(text, offset);
  const before = text.slice(ls, offset);
  const after = text.slice(offset, le);
  const vm = /"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)$/.exec(before);
  if (vm) {
    const keyOffset = ls + vm.index;
    const loc = locateJson(text, keyOffset + 1, valueDepth(unescapeDouble(vm[1])));
    if (!loc || !loc.token.isKey) return undefined;
    const open = enclosingOpen(text, keyOffset);
    const end = offset + (/^[^"\n]*"/.exec(after)?.[0].length ?? 0);
    return {
      kind: 'value', format: 'json', path: loc.path, siblings: open >= 0 ? jsonMembers(text, open) : [], typed: unescapeDouble(vm[2]), quote: '"',
      start: offset - vm[2].length - 1, end, indent: indentOf(text, offset), unit: 2, family, at,
    };
  }
  const km = /(?:^|[\s{,])("?)([^\s"{}[\],:]*)$/.exec(before);
  if (!km) return undefined;
  const start = offset - km[1].length - km[2].length;
  const prev = skipWsBack(text, start);
  const pc = text.charCodeAt(prev - 1);
  if (pc === 58 || pc === 91) return undefined; // a value position
  const open = enclosingOpen(text, start);
  if (open < 0 || text.charCodeAt(open) !== 123) return undefined;
  // A key needs a comma after the previous member unless it is the first one.
  const commaAt = pc === 123 || pc === 44 ? undefined : prev;
  let end = offset + (/^[^\s"{}[\],:]*/.exec(after)![0].length);
  if (km[1] && text[end] === '"') end++;
  if (text.slice(end).match(/^\s*:/)) return undefined; // an existing key is being edited
  const next = text.slice(end, end + 200).replace(/^\s+/, '');
  const commaAfter = next.startsWith('"');
  const lineIndent = indentOf(text, offset);
  const onOwnLine = /^\s*("?)[^\s"]*$/.test(before);
  const openIndent = indentOf(text, open);
  const indent = onOwnLine ? lineIndent : openIndent + 2;
  return {
    kind: 'key', format: 'json', path: jsonChain(text, open, chainDepth(jsonOwnerKey(text, open))), siblings: jsonMembers(text, open), typed: km[2], quote: km[1],
    start, end, indent, unit: Math.max(1, indent - openIndent) || 2, commaAt, commaAfter, family, at,
  };
}

// ---------------------------------------------------------------- rendering

/**
 * A snippet tab stop with an optional placeholder string. The renderer
 * writes it as a YAML or JSON string (quoted and escaped as that format
 * needs), then escapes it for the snippet syntax. Stop 0 with no text is a
 * bare cursor position.
 */
class Snip {
  constructor(readonly stop: number, readonly placeholder = '') {}

  render(format: 'yaml' | 'json'): string {
    if (!this.placeholder) return format === 'json' ? `"$${this.stop}"` : `$${this.stop}`;
    const literal = format === 'json' ? JSON.stringify(this.placeholder) : yamlScalar(this.placeholder);
    // Quotes stay outside the placeholder so that typing replaces only the text.
    const m = /^(['"])([\s\S]*)\1$/.exec(literal);
    return m ? `${m[1]}\${${this.stop}:${escapeSnippet(m[2])}}${m[1]}` : `\${${this.stop}:${escapeSnippet(literal)}}`;
  }
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

const PLAIN_YAML = /^[A-Za-z_/][\w .,/+-]*$/;
const RESERVED_YAML = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function yamlScalar(s: string): string {
  if (PLAIN_YAML.test(s) && !RESERVED_YAML.test(s) && !/\s$/.test(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

function jsonScalar(v: unknown): string {
  return escapeSnippet(JSON.stringify(v));
}

/** An empty mapping the user fills in next: the final cursor goes inside it. */
class OpenMapping {}

/** Renders a small value tree as YAML or JSON lines, indenting nested levels by `unit`. */
function renderValue(value: Record<string, unknown>, format: 'yaml' | 'json', indent: number, unit: number): string {
  const pad = (n: number) => ' '.repeat(n);
  if (format === 'yaml') {
    const lines: string[] = [];
    const walk = (obj: Record<string, unknown>, depth: number) => {
      for (const [k, v] of Object.entries(obj)) {
        const key = escapeSnippet(yamlScalar(k));
        if (v instanceof Snip) lines.push(`${pad(indent + depth * unit)}${key}: ${v.render('yaml')}`.replace(/ $/, ''));
        else if (v instanceof OpenMapping) lines.push(`${pad(indent + depth * unit)}${key}:`, `${pad(indent + (depth + 1) * unit)}$0`);
        else if (v && typeof v === 'object') {
          lines.push(`${pad(indent + depth * unit)}${key}:`);
          walk(v as Record<string, unknown>, depth + 1);
        } else lines.push(`${pad(indent + depth * unit)}${key}: ${escapeSnippet(typeof v === 'string' ? yamlScalar(v) : String(v))}`);
      }
    };
    walk(value, 1);
    return lines.join('\n');
  }
  const walk = (obj: Record<string, unknown>, depth: number): string => {
    const parts = Object.entries(obj).map(([k, v]) => {
      const head = `${pad(indent + depth * unit)}${jsonScalar(k)}: `;
      if (v instanceof Snip) return head + v.render('json');
      if (v instanceof OpenMapping) return `${head}{$0}`;
      if (v && typeof v === 'object') return `${head}{\n${walk(v as Record<string, unknown>, depth + 1)}\n${pad(indent + depth * unit)}}`;
      return head + jsonScalar(v);
    });
    return parts.join(',\n');
  };
  return walk(value, 1);
}

/** Builds the insert text of a `key: <mapping>` member in the document's format; `yamlKey` overrides how the key is written. */
function memberSnippet(ctx: Context, key: string, value: Record<string, unknown>, yamlKey?: string): string {
  if (ctx.format === 'yaml') {
    const k = yamlKey ?? (ctx.quote ? `${ctx.quote}${key}${ctx.quote}` : yamlScalar(key));
    return `${escapeSnippet(k)}:\n${renderValue(value, 'yaml', ctx.indent, ctx.unit)}`;
  }
  const body = renderValue(value, 'json', ctx.indent, ctx.unit);
  return `${jsonScalar(key)}: {\n${body}\n${' '.repeat(ctx.indent)}}${ctx.commaAfter ? ',' : ''}`;
}

/** The filter text: what the user would have typed for this label, opening quote included. */
function filterFor(ctx: Context, label: string): string {
  return ctx.quote ? `${ctx.quote}${label}` : label;
}

function item(ctx: Context, label: string, rank: string, fields: Partial<CompletionItem> & { insert: string; snippet?: boolean }): CompletionItem {
  const { insert, snippet, ...rest } = fields;
  const it: CompletionItem = {
    label,
    sortText: rank,
    filterText: filterFor(ctx, label),
    textEdit: { range: { start: ctx.at(ctx.start), end: ctx.at(ctx.end) }, newText: insert },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The text carries its own indentation; the editor must not add the line's again.
    insertTextMode: InsertTextMode.asIs,
    ...rest,
  };
  if (ctx.commaAt !== undefined) it.additionalTextEdits = [{ range: { start: ctx.at(ctx.commaAt), end: ctx.at(ctx.commaAt) }, newText: ',' }];
  return it;
}

function md(value: string) {
  return { kind: 'markdown' as const, value };
}

/**
 * Cards rendered for completion items, per catalog. A list holds up to sixty
 * cards and rendering them all is most of a completion's time; a card depends
 * only on the catalog (immutable once built), the guide profile and the
 * item's facts, which are all in the key. A new catalog starts a new cache.
 */
const CARD_CACHE = new WeakMap<Catalog, Map<string, string | undefined>>();
const CARD_CACHE_LIMIT = 4000;

function cachedCard(catalog: Catalog, card: CardContext, key: string, render: () => string | undefined): string | undefined {
  let cache = CARD_CACHE.get(catalog);
  if (!cache) CARD_CACHE.set(catalog, (cache = new Map()));
  const k = `${(card.guideProfile ?? []).join('\u0000')}\u0001${(card.facts ?? []).join('\u0000')}\u0001${key}`;
  if (cache.has(k)) return cache.get(k);
  if (cache.size >= CARD_CACHE_LIMIT) cache.clear();
  const value = render();
  cache.set(k, value);
  return value;
}

/**
 * What an item's documentation shows, as data: items carry it in `data` and
 * a compact form inline (the topic's description, the item's facts, which
 * guides cover it); the full card with every guide's section links is
 * rendered on completionItem/resolve. Sixty full cards make a 180 KB answer
 * that takes longer to send than the completion takes to compute.
 */
export type DocRef =
  | { k: 'status'; code: number; facts: string[] }
  | { k: 'default' }
  | { k: 'method'; method: string }
  | { k: 'trigger'; topic: string; facts: string[] };

interface Doc {
  ref: DocRef;
  compact: string;
}

const DEFAULT_FACT = '**default** describes every status the operation does not list: in practice, the error format.';

function defaultTopic(catalog: Catalog) {
  return catalog.get(matchTrigger(RESPONSE_KEY_TRIGGERS, 'default')!.topic) ?? catalog.get('errors');
}

/** The topic a documentation reference is about. */
function refTopic(ref: DocRef, catalog: Catalog) {
  switch (ref.k) {
    case 'status': return catalog.forStatus(ref.code) ?? catalog.get('http-status');
    case 'default': return defaultTopic(catalog);
    case 'method': return catalog.forMethod(ref.method) ?? catalog.get('http-methods');
    case 'trigger': return catalog.get(ref.topic);
  }
}

/** The compact documentation: heading facts, the topic's description, and the guides that cover it. */
function compactDoc(ref: DocRef, catalog: Catalog, card: CardContext): string | undefined {
  const key = `compact\u0001${JSON.stringify(ref)}`;
  return cachedCard(catalog, card, key, () => {
    const topic = refTopic(ref, catalog);
    const lines: string[] = [];
    if (ref.k === 'status') {
      const info = statusInfo(ref.code);
      lines.push(`**${ref.code} ${escapeMarkdown(info?.phrase ?? '')}**`, ...ref.facts);
    } else if (ref.k === 'default') lines.push(DEFAULT_FACT);
    else if (ref.k === 'method') {
      const m = METHODS.find((x) => x.method === ref.method)!;
      lines.push(`**${ref.method.toUpperCase()}** — ${m.safe ? 'safe' : 'not safe'}, ${m.idempotent ? 'idempotent' : 'not idempotent'}`);
    } else lines.push(...ref.facts);
    if (!topic) return lines.join('\n\n');
    lines.push(escapeMarkdown(topic.description));
    const guides = orderGuides(topic.guidelines, card.guideProfile);
    if (guides.length) {
      const names = [...new Set(guides.map((g) => g.company))];
      const shown = names.slice(0, 6).map(escapeMarkdown).join(', ');
      lines.push(`*${escapeMarkdown(topic.name)}* — ${guides.length} ${guides.length === 1 ? 'guide covers' : 'guides cover'} it: ${shown}${names.length > 6 ? ', …' : ''}`);
    }
    return lines.join('\n\n');
  });
}

/** The full card of a documentation reference, as a hover shows it. */
function fullDoc(ref: DocRef, catalog: Catalog, card: CardContext): string | undefined {
  return cachedCard(catalog, card, `full\u0001${JSON.stringify(ref)}`, () => {
    switch (ref.k) {
      case 'status': return statusCard(ref.code, catalog, { ...card, facts: ref.facts });
      case 'default': {
        const def = defaultTopic(catalog);
        return def && topicCard(def, { ...card, heading: 'default response', facts: [DEFAULT_FACT] }, catalog);
      }
      case 'method': return methodCard(ref.method, catalog, card);
      case 'trigger': {
        const topic = catalog.get(ref.topic);
        return topic && topicCard(topic, { ...card, facts: ref.facts }, catalog);
      }
    }
  });
}

function makeDoc(ref: DocRef, catalog: Catalog, card: CardContext): Doc | undefined {
  const compact = compactDoc(ref, catalog, card);
  return compact === undefined ? undefined : { ref, compact };
}

function triggerDoc(t: Trigger | undefined, fact: string, catalog: Catalog, card: CardContext): Doc | undefined {
  return t && makeDoc({ k: 'trigger', topic: t.topic, facts: [fact, ...(card.facts ?? [])] }, catalog, { guideProfile: card.guideProfile });
}

/** Puts the compact documentation on an item and the reference for resolve in its data. */
function attachDoc(it: CompletionItem, doc: Doc | undefined): void {
  if (!doc) return;
  it.documentation = md(doc.compact);
  it.data = { stylebook: doc.ref };
}

/** Fills in the full card of an item this file made (completionItem/resolve); other items pass through. */
export function resolveOpenApiCompletion(item: CompletionItem, catalog: Catalog, settings: StylebookSettings): CompletionItem {
  const ref = (item.data as { stylebook?: DocRef } | undefined)?.stylebook;
  if (!ref || typeof ref !== 'object' || typeof (ref as { k?: unknown }).k !== 'string') return item;
  const full = fullDoc(ref, catalog, { guideProfile: settings.guideProfile });
  return full ? { ...item, documentation: md(full) } : item;
}

function rankText(group: number, index: number): string {
  return `${group}${String(index).padStart(4, '0')}`;
}

// ---------------------------------------------------------------- providers

/**
 * Is the mapping at `path` (owner first) a path item? A key that starts with
 * `/` is taken for a path without looking up `paths:` (see chainDepth); in
 * OpenAPI only path items have such keys.
 */
function isPathItem(path: readonly string[]): boolean {
  if (path.length === 0) return false;
  return path[0].startsWith('/') || path[1] === 'webhooks' || path[2] === 'callbacks';
}

function statusItems(ctx: Context, catalog: Catalog, card: CardContext): CompletionItem[] {
  const method = ctx.path[1].toLowerCase();
  const present = new Set(ctx.siblings.map((s) => s.key.trim().toUpperCase()));
  const ranking = STATUS_RANKING[method] ?? [];
  const ranked = new Map(ranking.map(([code, why], i) => [code, { i, why }]));
  // Quote as the document does: like the sibling codes, else YAML's usual single quotes.
  const siblingQuote = ctx.siblings.find((s) => /^\d{3}$|^[1-5]XX$/i.test(s.key))?.quote;
  const yamlQuote = ctx.quote || (siblingQuote ?? "'");
  const items: CompletionItem[] = [];
  const push = (key: string, rank: string, detail: string, doc: Doc | undefined, value: Record<string, unknown>, preselect = false) => {
    if (present.has(key.toUpperCase())) return;
    const q = key === 'default' ? ctx.quote : yamlQuote;
    const insert = memberSnippet(ctx, key, value, `${q}${key}${q}`);
    const it = item(ctx, key, rank, { insert, snippet: true, kind: CompletionItemKind.Value, detail, preselect: preselect || undefined });
    attachDoc(it, doc);
    // The filter matches what is typed, with or without the quote the document uses.
    it.filterText = filterFor(ctx, key);
    items.push(it);
  };
  const candidates = STATUS_CODES.filter((s) => !s.unused);
  for (const s of candidates) {
    const r = ranked.get(s.code);
    const facts = r ? [`Fits ${escapeMarkdown(method.toUpperCase())}: ${escapeMarkdown(r.why)}`] : [];
    push(String(s.code), r ? rankText(0, r.i) : rankText(2, s.code), `${s.code} ${s.phrase}`,
      makeDoc({ k: 'status', code: s.code, facts }, catalog, card), responseValue(s.code, ctx), r?.i === 0);
  }
  push('default', rankText(1, 0), 'default — every status not listed (usually the error format)',
    makeDoc({ k: 'default' }, catalog, card),
    { description: new Snip(1, 'Unexpected error') });
  return items;
}

/** The body of a response snippet: a description line, plus the headers HTTP requires or our rules expect. */
function responseValue(code: number, ctx: Context): Record<string, unknown> {
  const phrase = statusInfo(code)?.phrase ?? 'Response';
  const value: Record<string, unknown> = { description: new Snip(1, phrase) };
  const header = SNIPPET_HEADERS[code];
  if (header) {
    const entry = RESPONSE_HEADERS.find((h) => h.name === header)!;
    value.headers = { [header]: headerValue(entry, ctx, 2) };
  }
  return value;
}

function headerValue(entry: HeaderEntry, ctx: Context, tabStop: number): Record<string, unknown> {
  const v: Record<string, unknown> = { description: new Snip(tabStop, entry.note) };
  // Swagger 2.0 headers carry type and format directly; OpenAPI 3 wraps them in a schema.
  if (ctx.family === '2.0') Object.assign(v, entry.schema ?? { type: 'string' });
  else v.schema = entry.schema ?? { type: 'string' };
  return v;
}

function methodItems(ctx: Context, catalog: Catalog, card: CardContext): CompletionItem[] {
  const present = new Set(ctx.siblings.map((s) => s.key.toLowerCase()));
  // Collections are read and added to; single resources are read, replaced, changed and removed.
  const isItem = /\}\/?$/.test(ctx.path[0]);
  const order = isItem ? ['get', 'put', 'patch', 'delete'] : ['get', 'post'];
  const items: CompletionItem[] = [];
  for (const m of METHODS) {
    if (present.has(m.method)) continue;
    const i = order.indexOf(m.method);
    // The snippet starts the operation with the response its method most often needs.
    const code = (STATUS_RANKING[m.method] ?? [[200, '']])[0][0];
    const value: Record<string, unknown> = {
      summary: new Snip(1),
      responses: { [String(code)]: { description: new Snip(2, statusInfo(code)!.phrase) } },
    };
    const insert = memberSnippet({ ...ctx, quote: '' }, m.method, value);
    const it = item(ctx, m.method, i >= 0 ? rankText(0, i) : rankText(1, METHODS.indexOf(m)), {
      insert, snippet: true, kind: CompletionItemKind.Keyword,
      detail: `${m.method.toUpperCase()} — ${m.safe ? 'safe' : 'not safe'}, ${m.idempotent ? 'idempotent' : 'not idempotent'}`,
    });
    attachDoc(it, makeDoc({ k: 'method', method: m.method }, catalog, card));
    items.push(it);
  }
  return items;
}

function responseHeaderItems(ctx: Context, catalog: Catalog, card: CardContext): CompletionItem[] {
  const present = new Set(ctx.siblings.map((s) => s.key.toLowerCase()));
  const code = ctx.path[2] === 'responses' ? classifyResponseKey(ctx.path[1]) : undefined;
  const status = code?.kind === 'code' ? code.code : undefined;
  const items: CompletionItem[] = [];
  RESPONSE_HEADERS.forEach((h, i) => {
    if (present.has(h.name.toLowerCase())) return;
    // Headers HTTP requires for this status come first, then those that usually accompany it.
    const required = status !== undefined && !!h.required?.includes(status);
    const first = status !== undefined && !!h.first?.includes(status);
    const facts: string[] = [`\`${escapeMarkdown(h.name)}\` — ${escapeMarkdown(h.note)}`];
    if (required) facts.push(`HTTP requires this header in a ${status} response.`);
    const it = item(ctx, h.name, rankText(required ? 0 : first ? 1 : 2, i), {
      insert: memberSnippet(ctx, h.name, headerValue(h, ctx, 1)), snippet: true, kind: CompletionItemKind.Property, detail: h.note,
    });
    attachDoc(it, triggerDoc(matchTrigger(HEADER_TRIGGERS, h.name), facts[0], catalog, { ...card, facts: facts.slice(1) }));
    items.push(it);
  });
  return items;
}

/**
 * Is this key an operation? A lower-case method name that owns `responses`
 * or `parameters` is one wherever it sits (under a path, a webhook or a
 * callback); confirming its grandparent would mean walking up to `paths:` or
 * `webhooks:`, megabytes above in a large spec.
 */
function isMethodKey(key: string | undefined): boolean {
  return !!key && key === key.toLowerCase() && METHODS.some((m) => m.method === key);
}

/** The method of the operation a parameter list belongs to (path: name, [], parameters, <method>, …). */
function operationOf(path: readonly string[]): string | undefined {
  const i = path.indexOf('parameters');
  const m = i >= 0 ? path[i + 1] : undefined;
  return isMethodKey(m) ? m : undefined;
}

function valueItem(ctx: Context, value: string, rank: string, kind: CompletionItemKind, detail: string, doc: Doc | undefined): CompletionItem {
  const insert = ctx.format === 'json' ? JSON.stringify(value) : ctx.quote ? `${ctx.quote}${value}${ctx.quote}` : yamlScalar(value);
  const it = item(ctx, value, rank, { insert, kind, detail });
  attachDoc(it, doc);
  return it;
}

function parameterNameItems(ctx: Context, catalog: Catalog, settings: StylebookSettings, card: CardContext): CompletionItem[] {
  const where = ctx.siblings.find((s) => s.key === 'in')?.value;
  const method = operationOf(ctx.path);
  const items: CompletionItem[] = [];
  if (where === 'header') {
    REQUEST_HEADERS.forEach((h, i) => {
      if (ctx.family !== '2.0' && IGNORED_HEADER_PARAMETERS.has(h.name.toLowerCase())) return;
      const first = method !== undefined && h.first?.includes(method);
      items.push(valueItem(ctx, h.name, rankText(first ? 0 : 1, i), CompletionItemKind.Property, h.note,
        triggerDoc(matchTrigger(HEADER_TRIGGERS, h.name), `\`${escapeMarkdown(h.name)}\` — ${escapeMarkdown(h.note)}`, catalog, card)));
    });
    return items;
  }
  if (where !== undefined && where !== 'query') return items;
  const style = settings.pagination.style;
  const styles = style === 'any' ? (['offset', 'cursor', 'page'] as const) : [style];
  const seen = new Set<string>();
  let i = 0;
  for (const s of styles) {
    for (const p of PAGINATION_PARAMETERS[s]) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const fact = `\`${escapeMarkdown(p.name)}\` — ${escapeMarkdown(p.note)}${style === 'any' ? '' : ` The team's pagination style is **${s}**.`}`;
      items.push(valueItem(ctx, p.name, rankText(method === undefined || method === 'get' ? 0 : 1, i++), CompletionItemKind.Field, p.note,
        triggerDoc(matchTrigger(PARAMETER_TRIGGERS, p.name), fact, catalog, card)));
    }
  }
  OTHER_QUERY_PARAMETERS.forEach((name, j) => {
    const t = matchTrigger(PARAMETER_TRIGGERS, name);
    items.push(valueItem(ctx, name, rankText(2, j), CompletionItemKind.Field, t?.note ?? '',
      triggerDoc(t, `\`${escapeMarkdown(name)}\` — ${escapeMarkdown(t?.note ?? '')}`, catalog, card)));
  });
  return items;
}

function formatItems(ctx: Context, catalog: Catalog, card: CardContext): CompletionItem[] {
  const type = ctx.siblings.find((s) => s.key === 'type')?.value;
  return FORMATS.map((f, i) => valueItem(ctx, f.format, rankText(type === undefined || f.type === type ? 0 : 1, i), CompletionItemKind.EnumMember,
    `${f.type}: ${f.note}`, triggerDoc(matchTrigger(FORMAT_TRIGGERS, f.format), `\`${escapeMarkdown(f.format)}\` — ${escapeMarkdown(f.note)}`, catalog, card)));
}

function mediaTypeItems(ctx: Context, catalog: Catalog, card: CardContext): CompletionItem[] {
  const present = new Set(ctx.siblings.map((s) => s.key.toLowerCase()));
  // Which kind of content this is decides what comes first.
  let where: 'error' | 'success' | 'request' | 'patch' | undefined;
  if (ctx.path[2] === 'responses') {
    const k = classifyResponseKey(ctx.path[1]);
    where = k.kind === 'default' || (k.kind === 'code' && k.code >= 400) || (k.kind === 'range' && k.digit >= 4) ? 'error' : 'success';
  } else if (ctx.path[1] === 'requestBody') where = ctx.path[2] === 'patch' ? 'patch' : 'request';
  const items: CompletionItem[] = [];
  MEDIA_TYPES.forEach((m, i) => {
    if (present.has(m.type)) return;
    const first = where !== undefined && m.first?.includes(where);
    const insert = memberSnippet(ctx, m.type, { schema: new OpenMapping() });
    const it = item(ctx, m.type, rankText(first ? 0 : 1, i), { insert, snippet: true, kind: CompletionItemKind.Value, detail: m.note });
    attachDoc(it, triggerDoc(matchTrigger(MEDIA_TYPE_TRIGGERS, m.type), `\`${escapeMarkdown(m.type)}\` — ${escapeMarkdown(m.note)}`, catalog, card));
    items.push(it);
  });
  return items;
}

/** Completions in an OpenAPI document, from the text around the cursor alone. */
export function doOpenApiComplete(doc: StylebookDocument, position: Position, catalog: Catalog, settings: StylebookSettings): CompletionList | null {
  const td = doc.textDocument;
  const text = td.getText();
  const offset = td.offsetAt(position);
  const info = doc.openapi!;
  const at = (o: number) => td.positionAt(o);
  const ctx = info.format === 'json' ? jsonContext(text, offset, info.family, at) : yamlContext(text, offset, info.family, at);
  if (!ctx) return null;
  const card: CardContext = { guideProfile: settings.guideProfile };
  const p = ctx.path;
  let items: CompletionItem[] = [];
  if (ctx.kind === 'key') {
    if (p[0] === 'responses' && isMethodKey(p[1])) items = statusItems(ctx, catalog, card);
    else if (isPathItem(p)) items = methodItems(ctx, catalog, card);
    else if (p[0] === 'headers' && (p[2] === 'responses' || p[1] === 'components')) {
      if (p[1] !== 'components') items = responseHeaderItems(ctx, catalog, card);
    } else if (p[0] === 'content') items = mediaTypeItems(ctx, catalog, card);
  } else {
    if (p[0] === 'name' && p[1] === SEQ && p[2] === 'parameters') items = parameterNameItems(ctx, catalog, settings, card);
    else if (p[0] === 'name' && p[2] === 'parameters' && p[3] === 'components') items = parameterNameItems(ctx, catalog, settings, card);
    else if (p[0] === 'format') items = formatItems(ctx, catalog, card);
  }
  if (!items.length) return null;
  return { isIncomplete: false, items };
}
