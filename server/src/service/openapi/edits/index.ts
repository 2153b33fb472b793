/**
 * Builds the edits of a quick fix from the fix description a diagnostic
 * carries, against the current version of the document (the diagnostic may
 * be a little older: everything is looked up again, nothing is trusted).
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { classifyResponseKey, statusInfo } from '../../http/statusCodes';
import { getProp, getProperty, toValue, type AstNode, type ObjectNode } from '../../parse/ast';
import { propertyAt, scalarAt, type OpenApiModel, type Operation, type ResponseEntry } from '../model';
import { defaultDescription } from '../rules/responses';
import type { FixInfo } from '../rules/types';
import { appendItems, detectStyle, insertProperty, replaceToken, type Style } from './insert';
import { componentOf, reach, referenceSites } from './reach';

/** A quick fix made concrete: its title (saying where it edits), its edits, and the operations it changes. */
export interface BuiltFix {
  title: string;
  edits: TextEdit[];
  /** The operations whose meaning the edits change: the one the fix is for, or every user of the definition it fixes. */
  operations: Operation[];
}

/**
 * The fix's edits, or undefined when the document no longer has what the fix
 * needs or when the only edit would change an operation it was not offered
 * for. A fix for one operation (its FixInfo names path and method) edits
 * only what that operation alone reaches; where the edit would land in a
 * response it shares with other operations, the operation gets its own copy.
 * A fix for a definition (a schema property, a parameter) edits the
 * definition, and its title says how many operations use it.
 */
export function buildFix(doc: TextDocument, model: OpenApiModel, fix: FixInfo, offset: number): BuiltFix | undefined {
  const style = detectStyle(model.text, model.format);
  const op = fix.path !== undefined && fix.method !== undefined ? model.operations.find((o) => o.path === fix.path && o.method === fix.method) : undefined;
  const ownOnly = (target: AstNode, edits: TextEdit[]) => (op && disjoint(edits, doc) ? forOperation(model, op, target, fix.title, edits) : undefined);
  switch (fix.kind) {
    case 'replace-key': {
      const at = propertyAt(model.root, offset);
      return at && fix.value ? forDefinition(model, at.parent, fix.title, [replaceToken(doc, at.prop.keyOffset, at.prop.keyEnd, fix.value)]) : undefined;
    }
    case 'rename-path':
      return renamePath(doc, model, offset, fix);
    case 'replace-value': {
      const node = scalarAt(model.root, offset);
      return node && fix.value ? forDefinition(model, node, fix.title, [replaceToken(doc, node.offset, node.end, fix.value)]) : undefined;
    }
    case 'add-header': {
      const r = op?.responses.find((x) => x.key === fix.response);
      if (!op || !r?.node || !fix.value) return undefined;
      return inResponse(doc, model, op, r, fix.title, style, { name: `with ${fix.value}`, apply: (resp) => withHeader(model, resp, fix.value!) }, (node) => addHeader(doc, model, node, fix.value!, style));
    }
    case 'add-description': {
      const r = op?.responses.find((x) => x.key === fix.response);
      if (!op || !r?.node) return undefined;
      const description = fix.value ?? defaultDescription(r.key);
      // `description:` with nothing after it (half-typed) is filled in, not followed by a second key.
      const filled = (node: ObjectNode): TextEdit[] => {
        const empty = getProperty(node, 'description');
        const colon = empty && empty.node === undefined && model.format === 'yaml' ? model.text.indexOf(':', empty.keyEnd) : -1;
        if (colon < 0) return insertProperty(doc, node, 'description', description, style);
        const edit = replaceToken(doc, colon + 1, colon + 1, description);
        return [{ ...edit, newText: ` ${edit.newText}` }];
      };
      return inResponse(doc, model, op, r, fix.title, style, { name: 'described', apply: (resp) => Object.assign({ description }, resp, { description }) }, filled);
    }
    case 'add-response': {
      if (!op || !fix.value) return undefined;
      const response: Record<string, unknown> = { description: defaultDescription(fix.value) };
      response.headers = { Location: headerSpec(model, 'Location') };
      return ownOnly(op.node, addToResponses(doc, op, fix.value, response, style));
    }
    case 'add-error-response':
      return op ? ownOnly(op.node, addErrorResponse(doc, model, op, style)) : undefined;
    case 'add-format': {
      const at = propertyAt(model.root, offset);
      const schema = at?.prop.node;
      return schema?.kind === 'object' && fix.value ? forDefinition(model, schema, fix.title, insertProperty(doc, schema, 'format', fix.value, style)) : undefined;
    }
    case 'add-pagination':
      return op && fix.value ? ownOnly(op.node, addPagination(doc, model, op, fix.value.split(','), style)) : undefined;
    case 'add-security':
      return op ? ownOnly(op.node, insertProperty(doc, op.node, 'security', fix.value ? [{ [fix.value]: [] }] : [], style)) : undefined;
  }
  return undefined;
}

/**
 * One fix for a problem that every user of a shared response has: the same
 * header or description missing from a component that all the operations
 * reaching it use with this problem (one `429` component under 290
 * operations). The component is then edited in place, since the edit changes
 * no operation that did not have the problem; undefined when the fixes differ,
 * point at different responses, or any operation reaches the response without
 * the problem (then each operation gets its own copy, see inResponse).
 */
export function buildSharedFix(doc: TextDocument, model: OpenApiModel, fixes: FixInfo[]): BuiltFix | undefined {
  const first = fixes[0];
  if (fixes.length < 2 || (first.kind !== 'add-header' && first.kind !== 'add-description')) return undefined;
  let node: AstNode | undefined;
  const ops = new Set<Operation>();
  for (const fix of fixes) {
    if (fix.kind !== first.kind || fix.value !== first.value) return undefined;
    const op = model.operations.find((o) => o.path === fix.path && o.method === fix.method);
    const r = op?.responses.find((x) => x.key === fix.response);
    if (!op || !r?.node || (node && r.node !== node)) return undefined;
    node = r.node;
    ops.add(op);
  }
  if (node?.kind !== 'object') return undefined;
  const where = componentOf(model, node);
  const users = reach(model, node).operations;
  if (!where || users.some((u) => !ops.has(u))) return undefined;
  const style = detectStyle(model.text, model.format);
  const edits = first.kind === 'add-header'
    ? addHeader(doc, model, node, first.value!, style)
    : insertProperty(doc, node, 'description', first.value ?? defaultDescription(first.response ?? ''), style);
  if (!edits.length) return undefined;
  const what = first.kind === 'add-header' ? `a ${first.value} header` : 'a description';
  return { title: `Add ${what} to the shared ${componentWord(where.kind)} ${where.name} (all ${users.length} operations that use it lack it)`, edits, operations: users };
}

/** True when no two edits replace the same text (clients refuse overlapping edits; inserts at one point apply in list order). */
function disjoint(edits: TextEdit[], doc: TextDocument): boolean {
  if (edits.length < 2) return true;
  const spans = edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return false;
  return true;
}

/** An edit of `target` for one operation: allowed only when that operation is the one route to it. */
function forOperation(model: OpenApiModel, op: Operation, target: AstNode, title: string, edits: TextEdit[]): BuiltFix | undefined {
  if (!edits.length) return undefined;
  const r = reach(model, target);
  if (r.routes !== 1 || r.operations[0] !== op) return undefined;
  const where = componentOf(model, target);
  return { title: where ? `${title} in the ${componentWord(where.kind)} ${where.name} (used only by ${opName(op)})` : title, edits, operations: [op] };
}

/**
 * An edit of a definition the diagnostic is about. Inside an operation it
 * must be that operation's alone; a named component may be shared, and the
 * title then says how many operations the edit changes.
 */
function forDefinition(model: OpenApiModel, target: AstNode, title: string, edits: TextEdit[]): BuiltFix | undefined {
  if (!edits.length) return undefined;
  const r = reach(model, target);
  if (r.routes <= 1) return { title, edits, operations: r.operations };
  const where = componentOf(model, target);
  if (!where) return undefined;
  const n = r.operations.length;
  const named = `${title} in the shared ${componentWord(where.kind)} ${where.name}`;
  return { title: n > 1 ? `${named} (changes the ${n} operations that use it)` : named, edits, operations: r.operations };
}

/** How a title names an operation: `POST /users` (a diagnostic at a shared component can carry one fix per operation). */
function opName(op: Operation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

/** What a kind of component is called in a title ("schema" for `schemas` and 2.0 `definitions`). */
function componentWord(kind: string): string {
  const words: Record<string, string> = {
    schemas: 'schema', definitions: 'schema', responses: 'response', parameters: 'parameter', requestBodies: 'request body',
    headers: 'header', pathItems: 'path item', examples: 'example', links: 'link', callbacks: 'callback', securitySchemes: 'security scheme',
  };
  return words[kind] ?? 'component';
}

/**
 * A change to one response of one operation. In place when the operation is
 * the only route to the response; when the response is a `$ref` shared with
 * other places, a copy with the change becomes a new component and this
 * operation's `$ref` points at it.
 */
function inResponse(
  doc: TextDocument, model: OpenApiModel, op: Operation, r: ResponseEntry, title: string, style: Style,
  change: { name: string; apply: (value: Record<string, unknown>) => Record<string, unknown> | undefined }, inPlace: (node: ObjectNode) => TextEdit[],
): BuiltFix | undefined {
  const node = r.node!;
  const routes = reach(model, node);
  if (routes.routes === 1 && routes.operations[0] === op) return forOperation(model, op, node, title, inPlace(node));
  const refNode = r.isRef ? getProp(r.prop.node, '$ref') : undefined;
  // A shared response written inside an operation (reached by a pointer into it) has no $ref here to redirect.
  if (refNode?.kind !== 'string' || reach(model, r.prop.node!).routes !== 1) return undefined;
  const value = change.apply(toValue(node) as Record<string, unknown>);
  if (!value) return undefined;
  const v2 = model.family === '2.0';
  const source = componentOf(model, node);
  const base = source?.name ?? 'Response';
  const group = v2 ? getProp(model.root, 'responses') : getProp(getProp(model.root, 'components'), 'responses');
  const taken = new Set(group?.kind === 'object' ? group.props.map((p) => p.key) : []);
  const prefix = v2 ? '#/responses/' : '#/components/responses/';
  for (const site of referenceSites(model)) if (site.ref?.kind === 'string' && String(site.ref.value).startsWith(prefix)) taken.add(String(site.ref.value).slice(prefix.length));
  const name = copyName(base, r.key, change.name, taken);
  const added = addComponent(doc, model, 'responses', name, value, style);
  if (!added.length) return undefined;
  const edits = [replaceToken(doc, refNode.offset, refNode.end, prefix + name.replace(/~/g, '~0').replace(/\//g, '~1')), ...added];
  if (!disjoint(edits, doc)) return undefined;
  return { title: `${title} in a copy of ${base} for ${opName(op)}`, edits, operations: [op] };
}

/** The words a status key adds to a copied component's name: "Created" for 201, "Default" for default. */
function keyWords(key: string): string[] {
  const k = classifyResponseKey(key);
  const phrase = k.kind === 'code' ? statusInfo(k.code)?.phrase ?? key : k.kind === 'default' ? 'Default' : key.toUpperCase();
  return phrase.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

/**
 * A name for a copy of component `base` used for response `key`, in the
 * base name's own case (UserResponseCreated, user_response_created,
 * user-response-created, userResponseCreated), not in `taken`. A base that
 * names the status already (service_unavailable for a 503) gets the words
 * of the change instead (service_unavailable_with_retry_after).
 */
function copyName(base: string, key: string, change: string, taken: Set<string>): string {
  const flat = (w: string) => w.toLowerCase().replace(/[^a-z0-9]/g, '');
  let words = keyWords(key);
  if (flat(base).includes(flat(words.join('')))) words = change.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1).toLowerCase();
  const sep = base.includes('_') || /^[a-z0-9]+$/.test(base) ? '_' : base.includes('-') ? '-' : base.includes('.') ? '.' : '';
  const stem = sep ? [base, ...words.map((w) => w.toLowerCase())].join(sep) : base + words.map(cap).join('');
  let name = stem;
  for (let i = 2; taken.has(name); i++) name = `${stem}${sep}${i}`;
  return name;
}

/** A response value with one more header, or undefined when its headers are not a mapping. */
function withHeader(model: OpenApiModel, response: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const headers = response.headers ?? {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return undefined;
  return { ...response, headers: { ...headers, [name]: headerSpec(model, name) } };
}

/** Adds a named component (`components/<group>` in OpenAPI 3; the root `definitions`/`responses` in 2.0), creating the sections it needs. */
function addComponent(doc: TextDocument, model: OpenApiModel, group: 'schemas' | 'responses', name: string, value: unknown, style: Style): TextEdit[] {
  const root = model.root?.kind === 'object' ? model.root : undefined;
  if (!root) return [];
  if (model.family === '2.0') {
    const key = group === 'schemas' ? 'definitions' : 'responses';
    const container = getProp(root, key);
    if (container?.kind === 'object') return insertProperty(doc, container, name, value, style);
    return container ? [] : insertProperty(doc, root, key, { [name]: value }, style);
  }
  const components = getProp(root, 'components');
  const container = getProp(components, group);
  if (container?.kind === 'object') return insertProperty(doc, container, name, value, style);
  if (container) return [];
  if (components?.kind === 'object') return insertProperty(doc, components, group, { [name]: value }, style);
  return components ? [] : insertProperty(doc, root, 'components', { [group]: { [name]: value } }, style);
}

/**
 * Renames a path. References that point into the renamed path item
 * (`#/paths/~1old/…`) are renamed with it, so that the operations that use
 * them keep resolving; a new name that another path already has (templates
 * compared without their names) is refused.
 */
function renamePath(doc: TextDocument, model: OpenApiModel, offset: number, fix: FixInfo): BuiltFix | undefined {
  const at = propertyAt(model.root, offset);
  const paths = getProp(model.root, 'paths');
  if (!at || !fix.value || at.parent !== paths) return undefined;
  const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
  if (at.parent.props.some((p) => p !== at.prop && shape(p.key) === shape(fix.value!))) return undefined;
  const escape = (p: string) => p.replace(/~/g, '~0').replace(/\//g, '~1');
  const oldPrefix = `#/paths/${escape(at.prop.key)}`;
  const edits = [replaceToken(doc, at.prop.keyOffset, at.prop.keyEnd, fix.value)];
  for (const site of referenceSites(model)) {
    const ref = site.ref;
    if (ref?.kind !== 'string') continue;
    const text = String(ref.value);
    // A pointer may percent-encode its segments; those are left alone only if they do not resolve into this path item.
    if (text === oldPrefix || text.startsWith(oldPrefix + '/')) edits.push(replaceToken(doc, ref.offset, ref.end, `#/paths/${escape(fix.value)}${text.slice(oldPrefix.length)}`));
    else if (site.target && at.prop.node && site.target.offset >= at.prop.node.offset && site.target.end <= at.prop.node.end) return undefined;
  }
  const item = model.paths.find((p) => p.prop === at.prop);
  return { title: fix.title, edits, operations: item?.operations ?? [] };
}

/** A header definition in the document's OpenAPI version. */
function headerSpec(model: OpenApiModel, name: string): Record<string, unknown> {
  const v2 = model.family === '2.0';
  if (name === 'Location') {
    return v2
      ? { description: 'The URI of the created resource.', type: 'string', format: 'uri' }
      : { description: 'The URI of the created resource.', schema: { type: 'string', format: 'uri-reference' } };
  }
  if (name === 'Retry-After') {
    return v2
      ? { description: 'How many seconds to wait before retrying.', type: 'integer', minimum: 0 }
      : { description: 'How many seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } };
  }
  return v2 ? { type: 'string' } : { schema: { type: 'string' } };
}

function addHeader(doc: TextDocument, model: OpenApiModel, response: ObjectNode, name: string, style: Style): TextEdit[] {
  const headers = getProp(response, 'headers');
  if (headers?.kind === 'object' && (headers.props.length > 0 || model.format === 'json')) return insertProperty(doc, headers, name, headerSpec(model, name), style);
  if (headers) return [];
  return insertProperty(doc, response, 'headers', { [name]: headerSpec(model, name) }, style);
}

function addToResponses(doc: TextDocument, op: Operation, key: string, value: unknown, style: Style): TextEdit[] {
  const responses = op.responsesProp?.node;
  if (responses?.kind === 'object') return insertProperty(doc, responses, key, value, style);
  if (!op.responsesProp) return insertProperty(doc, op.node, 'responses', { [key]: value }, style);
  return [];
}

/** The error format of RFC 9457 (application/problem+json). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'An error in the format of RFC 9457 (Problem Details for HTTP APIs).',
  properties: {
    type: { type: 'string', format: 'uri-reference', description: 'A URI that identifies the kind of problem.' },
    title: { type: 'string', description: 'A short summary of the kind of problem.' },
    status: { type: 'integer', description: 'The HTTP status code of this occurrence.' },
    detail: { type: 'string', description: 'What went wrong in this occurrence.' },
    instance: { type: 'string', format: 'uri-reference', description: 'A URI that identifies this occurrence.' },
  },
};

/** Adds `default` with a problem+json body and, when the document has none, the Problem schema. */
function addErrorResponse(doc: TextDocument, model: OpenApiModel, op: Operation, style: Style): TextEdit[] {
  const v2 = model.family === '2.0';
  const container: AstNode | undefined = v2 ? getProp(model.root, 'definitions') : getProp(getProp(model.root, 'components'), 'schemas');
  const existing = ['Problem', 'ProblemDetails', 'problem'].find((n) => getProp(container, n) !== undefined);
  const prefix = v2 ? '#/definitions/' : '#/components/schemas/';
  // A new schema must not be one that a dangling $ref already names: adding it would change that $ref's operation.
  const dangling = new Set(referenceSites(model).filter((s) => !s.target && s.ref).map((s) => String((s.ref as { value: unknown }).value)));
  let name = existing ?? 'Problem';
  for (let i = 2; !existing && dangling.has(prefix + name); i++) name = `Problem${i}`;
  const ref = prefix + name;
  const response = v2
    ? { description: 'An error, described as Problem Details (RFC 9457).', schema: { $ref: ref } }
    : { description: 'An error, described as Problem Details (RFC 9457).', content: { 'application/problem+json': { schema: { $ref: ref } } } };
  const edits = addToResponses(doc, op, 'default', response, style);
  if (!edits.length || existing) return edits;
  const schemaEdits = addComponent(doc, model, 'schemas', name, PROBLEM_SCHEMA, style);
  return schemaEdits.length ? [...edits, ...schemaEdits] : [];
}

/** What each pagination parameter means, for the description a fix writes. */
const PAGINATION_PARAMS: Record<string, { type: string; minimum?: number; description: string }> = {
  offset: { type: 'integer', minimum: 0, description: 'How many items to skip.' },
  limit: { type: 'integer', minimum: 1, description: 'How many items to return at most.' },
  cursor: { type: 'string', description: 'Where to continue: the cursor of the previous page.' },
  page: { type: 'integer', minimum: 1, description: 'The page to return, from 1.' },
  page_size: { type: 'integer', minimum: 1, description: 'How many items a page holds at most.' },
};

/** Adds query parameters to an operation: to its `parameters` list, or a new list. */
function addPagination(doc: TextDocument, model: OpenApiModel, op: Operation, names: string[], style: Style): TextEdit[] {
  const items = names.filter((n) => PAGINATION_PARAMS[n]).map((name) => {
    const { type, minimum, description } = PAGINATION_PARAMS[name];
    const schema = minimum === undefined ? { type } : { type, minimum };
    return model.family === '2.0' ? { name, in: 'query', description, required: false, ...schema } : { name, in: 'query', description, required: false, schema };
  });
  if (!items.length) return [];
  const list = getProp(op.node, 'parameters');
  if (!list) return insertProperty(doc, op.node, 'parameters', items, style);
  return list.kind === 'array' ? appendItems(doc, list, items, style) : [];
}
