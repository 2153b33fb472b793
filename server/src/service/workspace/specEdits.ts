/**
 * The edits of the consistency quick fixes, made in the spec a finding names:
 * a response for a status a handler answers (`code-status-undocumented`), and
 * a whole operation for a route no spec describes (`code-route-undocumented`).
 *
 * Both write only what the code or the spec itself says: the reason phrase as
 * description, the spec's own error response or error body where the spec is
 * consistent about one, path parameters typed only where the route's syntax
 * types them, an operationId only where every other operation has one. Every
 * edit is an insertion into the operation (or the path item, or `paths`) the
 * fix is for; a shared component is never edited, so no other operation
 * changes. The text is written in the spec's style by the spec edit helpers
 * (../openapi/edits/insert.ts), which this module only places and finishes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import type { StylebookDocument } from '../document';
import { classifyResponseKey } from '../http/statusCodes';
import { insertProperty, detectStyle, type Style } from '../openapi/edits/insert';
import { reach } from '../openapi/edits/reach';
import { stringProp, type OpenApiModel, type Operation, type ResponseEntry } from '../openapi/model';
import { defaultDescription } from '../openapi/rules/responses';
import { getProp, toValue, type AstNode, type ObjectNode } from '../parse/ast';
import { specOperations, type WorkspaceModel } from './model';
import { endsWithPath, normalisePath, samePath } from './paths';
import type { CodeRoute } from './routes';

/** A spec edit made concrete: what it adds, in words for the title, and the edits. */
export interface SpecEdit {
  edits: TextEdit[];
  /** Set when an added error response took the spec's error shape: how the title says so. */
  errorShape?: string;
}

/** True for the keys of error responses: 4xx and 5xx codes, their ranges, and `default`. */
function isErrorKey(key: string): boolean {
  const k = classifyResponseKey(key);
  return k.kind === 'default' || (k.kind === 'range' && k.digit >= 4) || (k.kind === 'code' && k.code >= 400);
}

/**
 * The value that occurs in a clear majority of a list (undefined entries
 * count against it): at least twice, and in at least two thirds of the list.
 * A spec that is not consistent about its errors gets no error shape copied.
 */
function clearMajority(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) { best = v; n = c; }
  return best !== undefined && n >= 2 && n * 3 >= values.length * 2 ? best : undefined;
}

/** The `$ref` of a response written as a reference to a shared one. */
function responseRef(r: ResponseEntry): string | undefined {
  return r.isRef ? stringProp(r.prop.node, '$ref') : undefined;
}

/** A `{ $ref }` object, or undefined for anything else (an inline schema is never copied). */
function refOnly(node: AstNode | undefined): { $ref: string } | undefined {
  if (node?.kind !== 'object' || node.props.length !== 1) return undefined;
  const ref = stringProp(node, '$ref');
  return ref === undefined ? undefined : { $ref: ref };
}

/**
 * The body of an error response, when its schema is a reference: `schema`
 * (2.0) or `content` with a referenced schema under every media type (3.x),
 * without examples or anything else that belongs to one status.
 */
function errorBody(model: OpenApiModel, r: ResponseEntry): Record<string, unknown> | undefined {
  if (!r.node) return undefined;
  if (model.family === '2.0') {
    const schema = refOnly(getProp(r.node, 'schema'));
    return schema && { schema };
  }
  const content = getProp(r.node, 'content');
  if (content?.kind !== 'object' || !content.props.length) return undefined;
  const out: Record<string, unknown> = {};
  for (const p of content.props) {
    const schema = refOnly(getProp(p.node, 'schema'));
    if (!schema) return undefined;
    out[p.key] = { schema };
  }
  return { content: out };
}

/**
 * A new error response in the spec's own error shape, or undefined when the
 * spec has none it is consistent about (at least two error responses, and a
 * clear majority of them alike). First what the spec's responses for this
 * very status share (a shared response, else a body); then what its error
 * responses of every status share, but only a shape it uses for at least
 * two statuses: FastAPI's `HTTPValidationError` under every 422, or a
 * `NotFound` response under every 404, is that status's own, not the
 * spec's way of answering errors.
 */
export function errorResponse(model: OpenApiModel, key: string): { value: Record<string, unknown>; shape: string } | undefined {
  if (!isErrorKey(key)) return undefined;
  const errors: ResponseEntry[] = [];
  for (const op of model.operations) for (const r of op.responses) if (isErrorKey(r.key)) errors.push(r);
  if (errors.length < 2) return undefined;
  const name = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
  const bodyOf = (r: ResponseEntry) => {
    const b = errorBody(model, r);
    return b && JSON.stringify(b);
  };
  const asRef = (ref: string) => ({ value: { $ref: ref }, shape: name(ref) });
  const asBody = (body: string) => {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const refs = [...new Set((body.match(/"\$ref":"[^"]*"/g) ?? []).map((r) => name(r.slice(8, -1))))];
    return { value: { description: defaultDescription(key), ...parsed }, shape: refs.join(', ') };
  };
  const same = errors.filter((r) => r.key === key);
  const ownRef = clearMajority(same.map(responseRef));
  if (ownRef) return asRef(ownRef);
  const ownBody = clearMajority(same.map(bodyOf));
  if (ownBody) return asBody(ownBody);
  const general = (pick: (r: ResponseEntry) => string | undefined) => {
    const top = clearMajority(errors.map(pick));
    return top !== undefined && new Set(errors.filter((r) => pick(r) === top).map((r) => r.key)).size >= 2 ? top : undefined;
  };
  const sharedRef = general(responseRef);
  if (sharedRef) return asRef(sharedRef);
  const sharedBody = general(bodyOf);
  return sharedBody ? asBody(sharedBody) : undefined;
}

/** A response for a status: the spec's error shape for an error where it has one, else the reason phrase as description. */
function responseFor(model: OpenApiModel, key: string): { value: Record<string, unknown>; shape?: string } {
  return errorResponse(model, key) ?? { value: { description: defaultDescription(key) } };
}

/** True when an operation is the one route to a node: editing the node then changes that operation alone. */
function ownedBy(model: OpenApiModel, op: Operation, node: AstNode): boolean {
  const r = reach(model, node);
  return r.routes === 1 && r.operations[0] === op;
}

/**
 * The quote of the spec's status keys (`'`, `"`, or '' for bare `200:`), read
 * from its first one; YAML only. The `yaml` package quotes a new mapping's keys
 * its own way, so the added text is brought in line with this (the keys of an
 * existing `responses` mapping are already written like their siblings).
 */
function statusKeyQuote(model: OpenApiModel): string {
  for (const op of model.operations) {
    for (const r of op.responses) {
      if (!/^\d+$/.test(r.key)) continue;
      const q = model.text[r.prop.keyOffset];
      return q === "'" || q === '"' ? q : '';
    }
  }
  return "'";
}

/** The edits with their YAML status keys quoted as the spec quotes them. */
function quoteStatusKeys(edits: TextEdit[], model: OpenApiModel): TextEdit[] {
  if (model.format !== 'yaml') return edits;
  const q = statusKeyQuote(model);
  return edits.map((e) => ({ ...e, newText: e.newText.replace(/^([ \t]*)(['"]?)([1-5]\d\d)\2:/gm, (_m, indent: string, _q, code: string) => `${indent}${q}${code}${q}:`) }));
}

/**
 * The fix of an undocumented status: the response added to the operation,
 * or undefined when the operation has it already, or when its `responses`
 * is not the operation's alone (a shared component is never edited).
 */
export function addStatusResponse(td: TextDocument, model: OpenApiModel, op: Operation, key: string): SpecEdit | undefined {
  if (op.responses.some((r) => r.key === key)) return undefined;
  const style = detectStyle(model.text, model.format);
  const { value, shape } = responseFor(model, key);
  const responses = op.responsesProp?.node;
  let edits: TextEdit[] = [];
  // In an existing mapping the new key is quoted like its siblings there; a new mapping's like the spec's first status key.
  if (responses?.kind === 'object') edits = insertProperty(td, responses, key, value, style);
  else if (!op.responsesProp) edits = quoteStatusKeys(insertProperty(td, op.node, 'responses', { [key]: value }, style), model);
  if (!edits.length || !ownedBy(model, op, responses ?? op.node)) return undefined;
  return { edits, ...(shape ? { errorShape: shape } : {}) };
}

/** How the spec's paths relate to a file's routes: segments the route has in front (a server base) and segments the spec has in front (a prefix mounted elsewhere). */
interface BaseTransform {
  /** How many leading segments of the route are the spec's server base. */
  drop: number;
  /** Those segments, normalised, as the file's other routes have them. */
  dropped: string[];
  /** Leading segments of the spec path the route does not have (its router is mounted elsewhere), as the spec writes them. */
  prepend: string[];
}

/**
 * How the file's routes that the spec describes map onto its paths, when they
 * all map the same way (routes as rooted as this one); undefined when they
 * disagree or none does: then the spec path cannot be told without a guess.
 */
function baseTransform(ws: WorkspaceModel, codeDoc: StylebookDocument, route: CodeRoute, specUri: string): BaseTransform | undefined {
  const found = new Map<string, BaseTransform>();
  for (const r of ws.routes(codeDoc)) {
    if (r === route || r.rooted !== route.rooted || !r.normal) continue;
    const m = ws.match(r);
    if (m.kind !== 'matched' || m.op.uri !== specUri) continue;
    const spec = normalisePath(m.op.operation.path);
    if (!spec) continue;
    const raw = m.op.operation.path.split('/').filter(Boolean);
    for (const f of m.op.forms) {
      if (r.rooted ? !samePath(f, r.normal) : !endsWithPath(f, r.normal)) continue;
      const base = f.segments.length - spec.segments.length;
      const extra = r.rooted ? 0 : f.segments.length - r.normal.segments.length;
      const t: BaseTransform = extra >= base
        ? { drop: 0, dropped: [], prepend: raw.slice(0, extra - base) }
        : { drop: base - extra, dropped: r.normal.segments.slice(0, base - extra), prepend: [] };
      found.set(JSON.stringify(t), t);
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/**
 * A route segment in OpenAPI's syntax: `{name}` for a parameter, with the
 * type its syntax gives (`<int:id>`, `{id:int}`), none when it gives none
 * (`:id`, `{id}`) and a string for any other converter (`<uuid:id>`).
 */
function specSegment(raw: string): { text: string; param?: { name: string; type?: string } } {
  const typed = (name: string, conv: string | undefined) => {
    const c = conv?.toLowerCase();
    const type = c === undefined ? undefined : c === 'int' || c === 'long' ? 'integer' : c === 'float' || c === 'double' || c === 'decimal' ? 'number' : c === 'bool' ? 'boolean' : 'string';
    return { text: `{${name}}`, param: { name, ...(type ? { type } : {}) } };
  };
  const colon = /^:([A-Za-z_$][\w$]*)(?:\(.*\))?$/.exec(raw);
  if (colon) return typed(colon[1], undefined);
  const angle = /^<(?:(\w+):)?(\w+)>$/.exec(raw);
  if (angle) return typed(angle[2], angle[1]);
  const brace = /^\{(\w+)(?::(\w+))?[^}]*\}$/.exec(raw);
  if (brace) return typed(brace[1], brace[2]);
  return { text: raw };
}

/** The names of path parameters declared on a path item itself (its operations need not repeat them). */
function pathItemParams(model: OpenApiModel, item: ObjectNode | undefined): Set<string> {
  const out = new Set<string>();
  const list = getProp(item, 'parameters');
  if (list?.kind !== 'array') return out;
  for (const p of list.items) {
    const r = model.resolve(p);
    const name = stringProp(r, 'name');
    if (name !== undefined && stringProp(r, 'in') === 'path') out.add(name);
  }
  return out;
}

/** How the spec declares the path parameters of one name, when it does so one way only (null: in more than one way). */
interface ParamConvention {
  /** A `$ref` to a shared parameter (`#/components/parameters/ProjectKey`). */
  ref?: string | null;
  /** The type of its inline declarations: `schema` (3.x), or `type` and `format` (2.0), as JSON. */
  type?: string | null;
}

/**
 * How the spec declares each path parameter name: the new operation follows
 * a way the spec keeps to (one shared parameter, or one type for inline
 * declarations of that name, such as every `id` an `integer` of format
 * `int64`); where it declares a name in two ways, it follows neither.
 */
function paramConventions(model: OpenApiModel): Map<string, ParamConvention> {
  const out = new Map<string, ParamConvention>();
  const seen = new Set<AstNode>();
  const note = (name: string, key: 'ref' | 'type', value: string) => {
    const c = out.get(name) ?? {};
    c[key] = c[key] === undefined || c[key] === value ? value : null;
    out.set(name, c);
  };
  for (const op of model.operations) {
    for (const list of [getProp(op.node, 'parameters'), getProp(op.pathItem.node, 'parameters')]) {
      if (list?.kind !== 'array' || seen.has(list)) continue;
      seen.add(list);
      for (const p of list.items) {
        const r = model.resolve(p);
        const name = stringProp(r, 'name');
        if (name === undefined || stringProp(r, 'in') !== 'path') continue;
        const ref = stringProp(p, '$ref');
        if (ref !== undefined) { note(name, 'ref', ref); continue; }
        const type = model.family === '2.0'
          ? { type: stringProp(r, 'type'), ...(stringProp(r, 'format') ? { format: stringProp(r, 'format') } : {}) }
          : toValue(getProp(r, 'schema'));
        if (type && (model.family !== '2.0' || (type as { type?: string }).type)) note(name, 'type', JSON.stringify(type));
      }
    }
  }
  return out;
}

/** A parameter's declaration as another operation writes it (a `$ref` stays one), from its own or its path item's list. */
function declaredParam(model: OpenApiModel, op: Operation, name: string): unknown {
  for (const list of [getProp(op.node, 'parameters'), getProp(op.pathItem.node, 'parameters')]) {
    if (list?.kind !== 'array') continue;
    for (const p of list.items) {
      const r = model.resolve(p);
      if (stringProp(r, 'name') === name && stringProp(r, 'in') === 'path') return toValue(p);
    }
  }
  return undefined;
}

/**
 * An operationId for the new operation: the handler's name as the code
 * writes it, else the method and the path's words; made unique in the spec.
 */
function operationId(taken: Set<string>, route: CodeRoute, specPath: string): string {
  let base = route.handler?.name;
  if (!base) {
    const words = [route.method, ...specPath.split('/').filter((s) => s && !s.startsWith('{')).flatMap((s) => s.split(/[^A-Za-z0-9]+/))].filter(Boolean);
    base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join('');
  }
  const sep = base.includes('_') ? '_' : '';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${sep}${i}`;
  return id;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where a YAML entry's text starts: its key's line, or the comment lines right above it, which belong to it. */
function entryStart(text: string, keyOffset: number): number {
  let at = lineStartOf(text, keyOffset);
  while (at > 0) {
    const prev = lineStartOf(text, at - 1);
    if (!text.slice(prev, at).trim().startsWith('#')) break;
    at = prev;
  }
  return at;
}

/** True when most entries of a YAML block mapping are set apart by a blank line: a new one is set apart too. */
function blankSeparated(text: string, obj: ObjectNode): boolean {
  let blank = 0;
  for (let i = 1; i < obj.props.length; i++) {
    const start = entryStart(text, obj.props[i].keyOffset);
    if (start > 0 && text.slice(lineStartOf(text, start - 1), start).trim() === '') blank++;
  }
  return obj.props.length >= 2 && blank * 2 > obj.props.length - 1;
}

/**
 * Adds a path item to `paths`: in its sorted place when the paths are
 * sorted, else at the end, set apart by a blank line where the paths are.
 * The entry is rendered by the spec's own insertion helper and, for a sorted
 * place, moved above the next path (and the comment lines right above it);
 * JSON is written with the spec's indentation.
 */
function insertPathItem(td: TextDocument, model: OpenApiModel, paths: ObjectNode, key: string, value: unknown, style: Style): TextEdit[] {
  const text = model.text;
  const keys = paths.props.map((p) => p.key);
  const sorted = keys.length >= 2 && keys.every((k, i) => i === 0 || keys[i - 1] <= k);
  const next = sorted ? paths.props.find((p) => p.key > key) : undefined;
  const lineStart = next ? lineStartOf(text, next.keyOffset) : 0;
  const atLineStart = !!next && text.slice(lineStart, next.keyOffset).trim() === '';
  const block = style.format === 'yaml' && text[paths.offset] !== '{';
  if (next?.node && atLineStart && style.format === 'json' && !style.oneLine) {
    const indent = text.slice(lineStart, next.keyOffset);
    const colon = text.slice(next.keyEnd, next.node.offset);
    const body = JSON.stringify(value, null, style.unit).split('\n').join(style.eol + indent);
    const pos = td.positionAt(next.keyOffset);
    return [{ range: { start: pos, end: pos }, newText: `${JSON.stringify(key)}${colon}${body},${style.eol}${indent}` }];
  }
  const appended = insertProperty(td, paths, key, value, style);
  const e = appended[0];
  if (!block || appended.length !== 1 || !e.newText.startsWith(style.eol) || td.offsetAt(e.range.start) !== td.offsetAt(e.range.end)) return appended;
  const gap = blankSeparated(text, paths) ? style.eol : '';
  if (!next || !atLineStart) return [{ ...e, newText: gap + e.newText }];
  const pos = td.positionAt(entryStart(text, next.keyOffset));
  return [{ range: { start: pos, end: pos }, newText: e.newText.slice(style.eol.length) + style.eol + gap }];
}

/**
 * Where a framework answers 200 to a body written without a status (Express's
 * `res.json(body)`, `res.send('pong')`; Fastify's `reply.send(body)`): the
 * model does not count such writes as a status (an earlier statement may
 * have set another), so the new operation would lack the status most such
 * handlers answer. Data: the route's framework, and the write at the start
 * of an expression (not after `res.status(201)` in a chain).
 */
const PLAIN_WRITES: readonly { framework: RegExp; write: RegExp }[] = [
  { framework: /^(?:Express|Fastify)\b/, write: /(?<![\w$.)\]])(?:res|response|reply)\.(?:json|jsonp|send|sendFile|render|download|end)\(/ },
];

/** A status set in a way the model may not have read (`res.status(code)`, `res.statusCode = …`). */
const STATUS_SETTERS = /\.(?:status|sendStatus|code)\(|\.statusCode\s*=/g;

/**
 * The framework's 200 for a handler in this file that writes a body without
 * a status, when no success status of it is known and every status it sets
 * is one the model read (else a status set from a variable may be the one).
 */
function plainWriteStatus(codeDoc: StylebookDocument, route: CodeRoute): number | undefined {
  if (!route.handler || route.statuses.some((s) => s.code < 400)) return undefined;
  const rule = PLAIN_WRITES.find((r) => r.framework.test(route.framework));
  const text = codeDoc.textDocument.getText().slice(route.handler.start, route.handler.end);
  if (!rule || !rule.write.test(text)) return undefined;
  const read = route.statuses.filter((s) => s.how === 'explicit' && s.start >= route.handler!.start && s.end <= route.handler!.end).length;
  return (text.match(STATUS_SETTERS) ?? []).length <= read ? 200 : undefined;
}

/** The fix of an undocumented route, made concrete. */
export interface OperationEdit extends SpecEdit {
  /** The operation as the spec will name it: `GET /users/{id}/avatar`. */
  name: string;
}

/**
 * The fix of a route no spec describes: the operation added to the spec that
 * describes the file's other routes, under the spec-relative path (the
 * server base those routes are served under taken off, a prefix they are
 * mounted under put on), with a response for each status the handler
 * answers, its path parameters, and an operationId where every other
 * operation has one. Undefined when any of that cannot be told for sure:
 * the route now matches an operation, the file's routes map onto the spec's
 * paths in more than one way, two path items could be meant, the method is
 * there already, or no status of the handler is known (a body written
 * without a status counts as the framework's 200 where it is, see
 * PLAIN_WRITES).
 */
export function addOperation(ws: WorkspaceModel, codeDoc: StylebookDocument, route: CodeRoute, specUri: string): OperationEdit | undefined {
  // A closed spec is held as a summary only: the glue reads it now, for this fix.
  const spec = ws.specDocument(specUri);
  if (!spec || route.path === undefined || !route.normal || ws.match(route).kind !== 'none') return undefined;
  const plain = plainWriteStatus(codeDoc, route);
  const statuses = [...new Set([...route.statuses.map((s) => s.code), ...(plain ? [plain] : [])])].sort((a, b) => a - b);
  if (!statuses.length) return undefined;
  const t = baseTransform(ws, codeDoc, route, specUri);
  if (!t || route.normal.segments.length <= t.drop || t.dropped.some((s, i) => route.normal!.segments[i] !== s)) return undefined;
  const own = route.path.split('/').filter(Boolean).slice(t.drop).map(specSegment);
  let specPath = `/${[...t.prepend, ...own.map((s) => s.text)].join('/')}`;
  const normal = normalisePath(specPath);
  if (!normal) return undefined;

  const { model } = specOperations(spec);
  const td = spec.textDocument;
  const items = model.paths.filter((p) => {
    const n = normalisePath(p.path);
    return n && samePath(n, normal);
  });
  if (items.length > 1) return undefined;
  const item = items[0];
  if (item) {
    // A path item reached by a `$ref` (or an alias) may stand under other paths too: it is not edited.
    const paths = getProp(model.root, 'paths');
    const inPlace = item.node?.kind === 'object' && item.prop.node === item.node && !!paths && item.node.offset >= paths.offset && item.node.end <= paths.end;
    if (!inPlace || getProp(item.node, route.method) !== undefined) return undefined;
    specPath = item.path;
  }

  // Path parameters: named as the path writes them, and declared as the spec declares that name (see paramConventions), the
  // route's syntax typing them where it does; a prefix's parameter as the file's other operations declare it.
  const v2 = model.family === '2.0';
  const onItem = pathItemParams(model, item?.node);
  const sibling = ws.routes(codeDoc).map((r) => ws.match(r)).find((m) => m.kind === 'matched' && m.op.uri === specUri);
  // The model matched a summary of the operation: its declarations are read from this parse of the spec.
  const siblingOp = sibling?.kind === 'matched' ? model.operations.find((o) => o.method === sibling.op.operation.method && o.path === sibling.op.operation.path) : undefined;
  const conventions = paramConventions(model);
  const parameters: unknown[] = [];
  specPath.split('/').filter(Boolean).forEach((seg, i) => {
    const name = /^\{([^{}]+)\}$/.exec(seg)?.[1];
    if (name === undefined || onItem.has(name)) return;
    const convention = conventions.get(name);
    if (convention?.ref) { parameters.push({ $ref: convention.ref }); return; }
    const code = own[i - t.prepend.length]?.param;
    const copied = !code && siblingOp ? declaredParam(model, siblingOp, name) : undefined;
    if (copied !== undefined) { parameters.push(copied); return; }
    // The route's syntax says what it accepts; without it, the type the spec gives every parameter of this name; else a string.
    const typed = code?.type ? { type: code.type } : convention?.type ? JSON.parse(convention.type) as Record<string, unknown> : { type: 'string' };
    parameters.push(v2 ? { name, in: 'path', required: true, ...typed } : { name, in: 'path', required: true, schema: typed });
  });

  const responses: Record<string, unknown> = {};
  const shapes = new Set<string>();
  for (const code of statuses) {
    const r = responseFor(model, String(code));
    responses[String(code)] = r.value;
    if (r.shape) shapes.add(r.shape);
  }
  const operation: Record<string, unknown> = {};
  const ids = model.operations.map((o) => stringProp(o.node, 'operationId'));
  if (ids.length && ids.every((id) => id !== undefined)) operation.operationId = operationId(new Set(ids as string[]), route, specPath);
  if (parameters.length) operation.parameters = parameters;
  operation.responses = responses;

  const style = detectStyle(model.text, model.format);
  let edits: TextEdit[];
  if (item) edits = insertProperty(td, item.node as ObjectNode, route.method, operation, style);
  else {
    const root = model.root;
    const paths = getProp(root, 'paths');
    if (paths?.kind === 'object') edits = insertPathItem(td, model, paths, specPath, { [route.method]: operation }, style);
    else if (!paths && root?.kind === 'object') edits = insertProperty(td, root, 'paths', { [specPath]: { [route.method]: operation } }, style);
    else edits = [];
  }
  if (!edits.length) return undefined;
  return { edits: quoteStatusKeys(edits, model), name: `${route.method.toUpperCase()} ${specPath}`, ...(shapes.size ? { errorShape: [...shapes].join(', ') } : {}) };
}
