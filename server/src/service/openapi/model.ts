/**
 * The OpenAPI model the rules read: the full tree of one document version,
 * parsed once and memoised, and an index over it (path items, operations,
 * responses, parameters with `$ref` resolved, security). Building the index
 * is one pass over `paths`; schemas are walked on demand.
 *
 * Everything here tolerates half-typed documents: a missing or mistyped
 * section is simply absent from the model, never an exception.
 */
import type { StylebookDocument } from '../document';
import { memoize } from '../document';
import { methodInfo } from '../http/methods';
import type { AstNode, ObjectNode, ParseResult, Property } from '../parse/ast';
import { entry, getProp, getProperty } from '../parse/ast';
import { parseJson } from '../parse/json';
import { FastTextDocument } from '../textDocument';
import { parseYaml } from '../parse/yaml';

/** One response of an operation, keyed by its status key. */
export interface ResponseEntry {
  key: string;
  prop: Property;
  /** The response object, with a `$ref` to `components/responses` (or 2.0 `responses`) followed. */
  node: ObjectNode | undefined;
  /** True when the response is a `$ref`: edits must not be made in place at the operation. */
  isRef: boolean;
  /**
   * For a `$ref`, the entry that holds the response it leads to (under
   * `components/responses`, or 2.0 `responses`): a problem in the response
   * itself lives there, and is reported there once for every operation.
   */
  component?: Property;
  /** Header names of the response, lower-cased. */
  headers: Set<string>;
}

/** One parameter of an operation (its own and its path item's), `$ref` followed. */
export interface ParameterEntry {
  name: string;
  in: string;
  node: ObjectNode;
}

/** One operation: a method under a path item. */
export interface Operation {
  path: string;
  method: string;
  prop: Property;
  node: ObjectNode;
  pathItem: PathItem;
  responsesProp: Property | undefined;
  responses: ResponseEntry[];
  parameters: ParameterEntry[];
  /** The operation's own `security` value (an empty list is an intentional opt-out). */
  security: AstNode | undefined;
}

/** One entry of `paths`. */
export interface PathItem {
  path: string;
  prop: Property;
  node: ObjectNode | undefined;
  operations: Operation[];
}

/** The indexed document. */
export interface OpenApiModel {
  root: AstNode | undefined;
  text: string;
  format: 'yaml' | 'json';
  /** "2.0", "3.0" or "3.1". */
  family: string;
  paths: PathItem[];
  operations: Operation[];
  /** Names of `components/securitySchemes` (3.x) or `securityDefinitions` (2.0). */
  securitySchemes: string[];
  rootSecurity: AstNode | undefined;
  /** True when YAML anchors or aliases may make one node reachable from two places. */
  shared: boolean;
  /** Follows a local `$ref` (`#/…`) to its target node; external references stay unresolved. */
  resolve(node: AstNode | undefined): AstNode | undefined;
}

const TREE_KEY = 'openapi.tree';
const MODEL_KEY = 'openapi.model';
const SHARING_KEY = 'openapi.sharing';

/** The last parse of each recently edited document, so that the next version can re-parse only what changed. */
interface PreviousParse {
  text: string;
  /** The text may contain YAML anchors or aliases (see YAML_SHARING). */
  sharing: boolean;
  format: 'yaml' | 'json';
  result: ParseResult;
  memo: Map<string, unknown>;
}
const previousParses = new Map<string, PreviousParse>();
const MAX_PREVIOUS = 4;

/**
 * The parse of a document version, done once and shared by every feature.
 * After a small edit the previous version's tree is reused: only the
 * smallest mapping around the change is parsed again and spliced in (see
 * `reparse`); any doubt and the whole text is parsed.
 */
export function parsedTree(doc: StylebookDocument): ParseResult {
  return memoize(doc, TREE_KEY, () => {
    const text = doc.textDocument.getText();
    const format = doc.openapi?.format === 'json' ? 'json' : 'yaml';
    // Comments are JSONC's: the editor says which files are JSONC (by name or setting); a plain JSON file gets each reported.
    const jsonc = doc.textDocument.languageId !== 'json';
    const uri = doc.textDocument.uri;
    const prev = previousParses.get(uri);
    let result: ParseResult | undefined;
    let sharing: boolean | undefined;
    if (prev && prev.format === format && prev.memo !== doc.memo) {
      if (prev.text === text) { result = prev.result; sharing = prev.sharing; }
      else {
        const change = changedRange(prev.text, text);
        // Sharing is tracked per version from the change alone, so the whole text is scanned only once.
        if (format === 'yaml' && !prev.sharing) {
          const from = Math.max(0, text.lastIndexOf('\n', change.start - 1));
          const to = text.indexOf('\n', change.newEnd);
          sharing = YAML_SHARING.test(text.slice(from, to < 0 ? text.length : to));
        }
        result = prev.sharing || sharing ? undefined : reparse(prev, text, format, change, jsonc);
        // The previous version's tree was updated in place: its memo must not hand it out as its own any more.
        if (result) { prev.memo.delete(TREE_KEY); prev.memo.delete(MODEL_KEY); }
      }
    }
    if (!result) {
      result = format === 'json' ? parseJson(text, jsonc) : parseYaml(text);
      if (result.lineStarts) {
        if (doc.textDocument instanceof FastTextDocument) doc.textDocument.adoptLineStarts(text, result.lineStarts);
        delete result.lineStarts;
      }
    }
    // After a full parse the parser knows whether anything is shared; the pattern is for what it cannot tell.
    sharing ??= format === 'yaml' && (result.shared ?? YAML_SHARING.test(text));
    doc.memo.set(SHARING_KEY, sharing);
    previousParses.delete(uri);
    previousParses.set(uri, { text, format, result, memo: doc.memo, sharing });
    while (previousParses.size > MAX_PREVIOUS) previousParses.delete(previousParses.keys().next().value!);
    return result;
  });
}

/** Where two versions differ: [start, oldEnd) in the old text became [start, newEnd) in the new one. */
function changedRange(old: string, text: string): { start: number; oldEnd: number; newEnd: number } {
  const start = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, start);
  return { start, oldEnd: old.length - suffix, newEnd: text.length - suffix };
}

/** Length of the common prefix, compared in native chunks first (a character loop takes a third of a second on 10 MB). */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 65536; step >= 1; step >>= 4) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix that does not overlap the first `prefix` characters of either string. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let k = 0;
  for (let step = 65536; step >= 1; step >>= 4) {
    while (k + step <= n && a.slice(a.length - k - step, a.length - k) === b.slice(b.length - k - step, b.length - k)) k += step;
  }
  while (k < n && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

/** YAML anchors or aliases share nodes, which an in-place update could shift twice: such documents are parsed whole. */
const YAML_SHARING = /(?:[:-][ \t]+|[[{,][ \t]*)(?:&[^\s,\]}*&]+(?=[ \t]|$)|\*[^\s,\]}*&]+(?=[ \t]*(?:$|[,\]}])))|<<[ \t]*:/m;

/**
 * Parses only the smallest object around the edit and splices it into the
 * previous tree, shifting the offsets after it. Returns undefined (parse
 * everything) unless the previous tree was clean, the edit lies strictly
 * inside one object below the root, and that object's new text parses
 * cleanly on its own.
 */
function reparse(prev: PreviousParse, text: string, format: 'yaml' | 'json', change: { start: number; oldEnd: number; newEnd: number }, jsonc: boolean): ParseResult | undefined {
  const root = prev.result.root;
  if (!root || prev.result.problems.length) return undefined;
  const { start, oldEnd, newEnd } = change;
  const delta = newEnd - oldEnd;

  // Descend to the smallest object that contains the change strictly inside.
  let target: ObjectNode | undefined;
  let replace: ((n: AstNode) => void) | undefined;
  let node: AstNode = root;
  for (;;) {
    let next: AstNode | undefined;
    let setter: ((n: AstNode) => void) | undefined;
    if (node.kind === 'object') {
      const props = node.props;
      const i = props.findIndex((p) => p.node !== undefined && p.node.offset < start && oldEnd < p.node.end);
      if (i >= 0) {
        const p = props[i];
        next = p.node;
        // The entry may be the old node itself (see Property): the new node becomes the entry, as a full parse would make it.
        setter = (n) => { props[i] = entry(p.key, p.keyOffset, p.keyEnd, n); };
      }
    } else if (node.kind === 'array') {
      const items = node.items;
      const i = items.findIndex((v) => v.offset < start && oldEnd < v.end);
      if (i >= 0) { next = items[i]; setter = (n) => { items[i] = n; }; }
    }
    if (!next || (next.kind !== 'object' && next.kind !== 'array')) break;
    if (next.kind === 'object' && (format === 'json' || text[next.offset] !== '{')) { target = next; replace = setter; }
    node = next;
  }
  if (!target || !replace) return undefined;

  const fresh = format === 'json' ? reparseJson(text, target, delta, jsonc) : reparseYaml(text, target, delta);
  if (!fresh) return undefined;
  replace(fresh);
  shiftAfter(root, fresh, start, oldEnd, delta);
  return { root, problems: [] };
}

function reparseJson(text: string, target: ObjectNode, delta: number, jsonc: boolean): ObjectNode | undefined {
  const fragment = text.slice(target.offset, target.end + delta);
  const r = parseJson(fragment, jsonc);
  if (r.problems.length || r.root?.kind !== 'object' || r.root.offset !== 0 || r.root.end !== fragment.length) return undefined;
  shiftAll(r.root, target.offset);
  return r.root;
}

function reparseYaml(text: string, target: ObjectNode, delta: number): ObjectNode | undefined {
  const lineStart = text.lastIndexOf('\n', target.offset - 1) + 1;
  const col = target.offset - lineStart;
  const prefix = text.slice(lineStart, target.offset);
  // A mapping that is a sequence item starts after "- ": blanking the dash keeps every offset.
  if (!/^[ -]*$/.test(prefix)) return undefined;
  const body = text.slice(target.offset, target.end + delta);
  // Every line of the mapping must stay indented at least as deep as its first key, or it belongs elsewhere now.
  for (const line of body.split('\n').slice(1)) {
    const trimmed = line.replace(/^ +/, '');
    if (trimmed && trimmed !== '\r' && !trimmed.startsWith('#') && line.length - trimmed.length < col) return undefined;
  }
  const fragment = ' '.repeat(col) + body;
  const r = parseYaml(fragment);
  // The mapping must still end where its text does: when the edit ends it earlier (its last value
  // became a comment, say), the ends of the ancestors that ended with it are no longer known.
  if (r.problems.length || r.root?.kind !== 'object' || r.root.offset !== col || r.root.end !== fragment.length) return undefined;
  shiftAll(r.root, lineStart);
  return r.root;
}

/**
 * Adds `by` to every offset in a subtree. An entry's key moves with the loop over its object's entries and
 * its value with the recursion, so an entry that is its own value node (see Property) moves once.
 */
function shiftAll(node: AstNode, by: number): void {
  node.offset += by;
  node.end += by;
  if (node.kind === 'object') for (const p of node.props) { p.keyOffset += by; p.keyEnd += by; if (p.node) shiftAll(p.node, by); }
  else if (node.kind === 'array') for (const it of node.items) shiftAll(it, by);
}

/** Moves everything after the edit by `delta` and stretches the ancestors of the edit; the new subtree is already right. */
function shiftAfter(node: AstNode, fresh: AstNode, start: number, oldEnd: number, delta: number): void {
  if (node === fresh || node.end <= start) return;
  if (node.offset >= oldEnd) { shiftAll(node, delta); return; }
  node.end += delta;
  if (node.kind === 'object') {
    for (const p of node.props) {
      if (p.keyOffset >= oldEnd) { p.keyOffset += delta; p.keyEnd += delta; }
      if (p.node) shiftAfter(p.node, fresh, start, oldEnd, delta);
    }
  } else if (node.kind === 'array') for (const it of node.items) shiftAfter(it, fresh, start, oldEnd, delta);
}

/** The model of a document version, built once from its parse. */
export function openApiModel(doc: StylebookDocument): OpenApiModel {
  return memoize(doc, MODEL_KEY, () => {
    const root = parsedTree(doc).root;
    return buildModel(root, doc.textDocument.getText(), doc.openapi?.format ?? 'yaml', doc.openapi?.family ?? '3.0', doc.memo.get(SHARING_KEY) as boolean | undefined);
  });
}

/** The node a local reference (`#/…`, a JSON pointer) names, one step only; undefined for anything else. */
export function resolvePointer(root: AstNode | undefined, ref: string): AstNode | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: AstNode | undefined = root;
  for (const raw of ref.slice(2).split('/')) {
    let seg: string;
    try { seg = decodeURIComponent(raw); } catch { return undefined; }
    seg = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.kind === 'object') node = getProp(node, seg);
    else if (node?.kind === 'array' && /^\d+$/.test(seg)) node = node.items[Number(seg)];
    else node = undefined;
    if (!node) return undefined;
  }
  return node;
}

/** Builds the model from a tree (exported for tests that bring their own tree). */
export function buildModel(root: AstNode | undefined, text: string, format: 'yaml' | 'json', family: string, shared?: boolean): OpenApiModel {
  const refCache = new Map<string, AstNode | undefined>();
  const resolveCached = (ref: string): AstNode | undefined => {
    if (!refCache.has(ref)) refCache.set(ref, resolvePointer(root, ref));
    return refCache.get(ref);
  };
  /** The property a local `$ref` points at (its parent's entry), for reporting at the shared definition. */
  const propCache = new Map<string, Property | undefined>();
  const pointerProp = (ref: string): Property | undefined => {
    if (propCache.has(ref)) return propCache.get(ref);
    const cut = ref.lastIndexOf('/');
    if (!ref.startsWith('#/') || cut < 1) return undefined;
    const parent = cut === 1 ? root : resolvePointer(root, ref.slice(0, cut));
    let key: string | undefined;
    try { key = decodeURIComponent(ref.slice(cut + 1)).replace(/~1/g, '/').replace(/~0/g, '~'); } catch { key = undefined; }
    const found = key === undefined ? undefined : getProperty(parent, key);
    propCache.set(ref, found);
    return found;
  };
  /** The entry a chain of references ends at, when it ends at an object. */
  const refTarget = (node: AstNode | undefined): Property | undefined => {
    let found: Property | undefined;
    for (let i = 0; i < 8 && node?.kind === 'object'; i++) {
      const ref = getProp(node, '$ref');
      if (!ref || ref.kind !== 'string') return found;
      found = pointerProp(String(ref.value));
      node = found?.node;
    }
    return found?.node?.kind === 'object' && !getProp(found.node, '$ref') ? found : undefined;
  };
  const resolve = (node: AstNode | undefined): AstNode | undefined => {
    // A chain of references is followed a few steps; a cycle ends as undefined.
    for (let i = 0; i < 8 && node?.kind === 'object'; i++) {
      const ref = getProp(node, '$ref');
      if (!ref || ref.kind !== 'string') return node;
      node = resolveCached(String(ref.value));
    }
    return node?.kind === 'object' && getProp(node, '$ref') ? undefined : node;
  };

  shared ??= format === 'yaml' && YAML_SHARING.test(text);
  // With YAML aliases one `responses` mapping or `parameters` list can stand under thousands of
  // operations: each is read once and its entries shared, so the model stays as small as the text.
  const lists: ListCache | undefined = shared ? { responses: new Map(), parameters: new Map() } : undefined;
  const paths: PathItem[] = [];
  const operations: Operation[] = [];
  const pathsNode = getProp(root, 'paths');
  if (pathsNode?.kind === 'object') {
    for (const pprop of pathsNode.props) {
      if (!pprop.key.startsWith('/')) continue;
      const itemNode = resolve(pprop.node);
      const item: PathItem = { path: pprop.key, prop: pprop, node: itemNode?.kind === 'object' ? itemNode : undefined, operations: [] };
      paths.push(item);
      if (!item.node) continue;
      const common = readParameters(getProp(item.node, 'parameters'), resolve, lists);
      for (const oprop of item.node.props) {
        if (!methodInfo(oprop.key) || oprop.key !== oprop.key.toLowerCase() || oprop.node?.kind !== 'object') continue;
        const op = buildOperation(item, oprop, oprop.node, common, resolve, lists, refTarget);
        item.operations.push(op);
        operations.push(op);
      }
    }
  }

  const schemes = family === '2.0' ? getProp(root, 'securityDefinitions') : getProp(getProp(root, 'components'), 'securitySchemes');
  return {
    root, text, format, family, paths, operations, resolve,
    shared,
    securitySchemes: schemes?.kind === 'object' ? schemes.props.map((p) => p.key) : [],
    rootSecurity: getProp(root, 'security'),
  };
}

/** Response and parameter lists already read, by the node they were read from (only when nodes can be shared). */
interface ListCache {
  responses: Map<AstNode, ResponseEntry[]>;
  parameters: Map<AstNode, ParameterEntry[]>;
}

/** The component a `$ref` points at (as its entry under `components`/`definitions`), for reporting a shared problem once. */
type RefTarget = (node: AstNode | undefined) => Property | undefined;

function buildOperation(
  item: PathItem, prop: Property, node: ObjectNode, common: ParameterEntry[], resolve: OpenApiModel['resolve'], lists: ListCache | undefined, refTarget: RefTarget,
): Operation {
  const responsesProp = getProperty(node, 'responses');
  const responses = responsesProp?.node ? readResponses(responsesProp.node, resolve, lists, refTarget) : [];
  // The operation's own parameters override the path item's with the same name and location.
  const own = readParameters(getProp(node, 'parameters'), resolve, lists);
  let parameters = own;
  if (common.length) {
    const ownKeys = new Set(own.map((o) => `${o.name}\u0000${o.in}`));
    parameters = [...own];
    for (const p of common) if (!ownKeys.has(`${p.name}\u0000${p.in}`)) parameters.push(p);
  }
  return {
    path: item.path, method: prop.key, prop, node, pathItem: item, responsesProp, responses, parameters,
    security: getProp(node, 'security'),
  };
}

/** The entries of a `responses` mapping, `$ref`s followed (read once per node when nodes are shared). */
function readResponses(list: AstNode, resolve: OpenApiModel['resolve'], lists: ListCache | undefined, refTarget: RefTarget): ResponseEntry[] {
  const cached = lists?.responses.get(list);
  if (cached) return cached;
  const responses: ResponseEntry[] = [];
  lists?.responses.set(list, responses);
  if (list.kind === 'object') {
    for (const rprop of list.props) {
      if (rprop.key.startsWith('x-')) continue;
      const isRef = rprop.node?.kind === 'object' && getProp(rprop.node, '$ref') !== undefined;
      const target = resolve(rprop.node);
      const rnode = target?.kind === 'object' ? target : undefined;
      const headers = new Set<string>();
      const h = getProp(rnode, 'headers');
      if (h?.kind === 'object') for (const hp of h.props) headers.add(hp.key.toLowerCase());
      const component = isRef && rnode ? refTarget(rprop.node) : undefined;
      responses.push({ key: rprop.key, prop: rprop, node: rnode, isRef, headers, ...(component ? { component } : {}) });
    }
  }
  return responses;
}

/** The entries of a `parameters` list, `$ref`s followed (read once per node when nodes are shared). */
function readParameters(list: AstNode | undefined, resolve: OpenApiModel['resolve'], lists: ListCache | undefined): ParameterEntry[] {
  if (list?.kind !== 'array') return [];
  const cached = lists?.parameters.get(list);
  if (cached) return cached;
  const out: ParameterEntry[] = [];
  lists?.parameters.set(list, out);
  for (const item of list.items) {
    const p = resolve(item);
    if (p?.kind !== 'object') continue;
    const name = getProp(p, 'name');
    const where = getProp(p, 'in');
    if (name?.kind !== 'string') continue;
    out.push({ name: String(name.value), in: where?.kind === 'string' ? String(where.value) : '', node: p });
  }
  return out;
}

/** A schema property met while walking the document's schemas. */
export interface SchemaProperty {
  name: string;
  prop: Property;
  /** The property's schema, `$ref` not followed (a referenced schema is visited where it is defined). */
  schema: ObjectNode;
  /** The schema that declares the property. */
  owner: ObjectNode;
  /** Listed in the owner's `required`. */
  readonly required: boolean;
}

/**
 * A schema property as the walk finds it. Whether it is required is looked
 * up only when a rule asks (one rule does, in one setting): building a set
 * of required names for every schema made the cold walk of GitHub's
 * description take 77 ms instead of 56 (medians of 11).
 */
class FoundSchemaProperty implements SchemaProperty {
  constructor(readonly name: string, readonly prop: Property, readonly schema: ObjectNode, readonly owner: ObjectNode, private readonly requiredList: AstNode | undefined) {}

  get required(): boolean {
    const list = this.requiredList;
    return list?.kind === 'array' && list.items.some((r) => r.kind === 'string' && String(r.value) === this.name);
  }
}

/** Keys whose values are never walked for schemas: examples are data, not schemas. */
const SKIP_KEYS = new Set(['example', 'examples', 'x-examples', 'enum', 'default', 'const']);
/** Schema keywords whose values are schemas or lists of schemas. */
const SUB_SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'contains', 'if', 'then', 'else']);

/**
 * Calls `visit` for every property of every schema in the document (each
 * schema once, however often it is reached). Schemas are found under
 * `schema`, `components/schemas` and `definitions`, then followed through
 * their keywords.
 */
export function forEachSchemaProperty(model: OpenApiModel, visit: (p: SchemaProperty) => void): void {
  let list = schemaPropertyCache.get(model);
  if (!list) schemaPropertyCache.set(model, (list = collectSchemaProperties(model)));
  for (const p of list) visit(p);
}

/** One walk per model, shared by every schema rule. */
const schemaPropertyCache = new WeakMap<OpenApiModel, SchemaProperty[]>();

/*
 * How the walk reads a node: as a plain part of the document (where `schema`
 * keys are looked for), as a schema, as a map of named schemas
 * (`components/schemas`, `definitions`), or (EMIT) a found property to hand
 * out in its turn. The first three are also bits of the visited marks.
 */
const WALK = 1;
const SCHEMA = 2;
const SCHEMA_MAP = 4;
const EMIT = 8;

/**
 * The walk keeps its own stack instead of recursing, so nesting as deep as
 * the parsers allow cannot overflow the call stack, and it marks every
 * collection it reads (arrays too) per way of reading it. With YAML aliases
 * one node can be reached from many places, and a chain of aliased lists
 * reaches the innermost one exponentially often: ten levels of ten took 186 s
 * when arrays went unmarked. Marked, each node is read at most once per way,
 * so the walk is linear in the text with every alias counted once.
 */
function collectSchemaProperties(model: OpenApiModel): SchemaProperty[] {
  const out: SchemaProperty[] = [];
  // Only YAML anchors and aliases make a node reachable twice; a plain tree needs no marks, which
  // matters because identity hashing tens of thousands of nodes costs more than the walk itself.
  const marks = model.shared ? new Map<AstNode, number>() : undefined;
  // Pending work as (node or found property, way) pairs, taken from the end: children are pushed in
  // reverse so that properties come out in the order the recursive walk gave them.
  const stack: (AstNode | FoundSchemaProperty | number)[] = [];
  const push = (node: AstNode | FoundSchemaProperty | undefined, way: number) => { if (node) stack.push(node, way); };
  const children: (AstNode | FoundSchemaProperty | number)[] = [];
  const flush = () => {
    for (let i = children.length - 2; i >= 0; i -= 2) stack.push(children[i], children[i + 1]);
    children.length = 0;
  };
  push(model.root, WALK);
  while (stack.length) {
    const way = stack.pop() as number;
    const item = stack.pop() as AstNode | FoundSchemaProperty;
    if (way === EMIT) { out.push(item as FoundSchemaProperty); continue; }
    const node = item as AstNode;
    if (node.kind !== 'object' && node.kind !== 'array') continue;
    if (marks) {
      const m = marks.get(node) ?? 0;
      if (m & way) continue;
      marks.set(node, m | way);
    }
    if (way === WALK) {
      // The generic walk finds `schema` keys anywhere outside schemas (parameters, media types, headers).
      if (node.kind === 'array') {
        for (const it of node.items) children.push(it, WALK);
      } else {
        for (const p of node.props) {
          // Scalars hold no schemas: skipping them first spares most of the key lookups on a large document.
          const v = p.node;
          if (!v || (v.kind !== 'object' && v.kind !== 'array')) continue;
          if (SKIP_KEYS.has(p.key)) continue;
          // A schema or a map of schemas is an object; a list there is a mistake the walk does not read.
          if (p.key === 'schema') { if (v.kind === 'object') children.push(v, SCHEMA); }
          else if (p.key === 'schemas' || p.key === 'definitions') { if (v.kind === 'object') children.push(v, SCHEMA_MAP); }
          else children.push(v, WALK);
        }
      }
    } else if (way === SCHEMA_MAP) {
      for (const p of (node as ObjectNode).props) if (p.node?.kind === 'object') children.push(p.node, SCHEMA);
    } else if (node.kind === 'array') {
      // A list of schemas (allOf, prefixItems, …): only a schema keyword's value is read this way.
      for (const it of node.items) if (it.kind === 'object') children.push(it, SCHEMA);
    } else {
      // One pass over each schema's keys (not one lookup per keyword): this walk visits tens of thousands of schemas.
      let props: ObjectNode | undefined;
      let req: AstNode | undefined;
      for (const p of node.props) {
        const v = p.node;
        // Every keyword read here holds an object or an array; most entries (type, format, description) are scalars.
        if (!v || (v.kind !== 'object' && v.kind !== 'array')) continue;
        if (p.key === 'properties') { if (v.kind === 'object') props = v; }
        else if (p.key === 'required') req = v;
        else if (SUB_SCHEMA_KEYS.has(p.key)) children.push(v, SCHEMA);
      }
      if (props) {
        for (const p of props.props) {
          if (p.node?.kind !== 'object') continue;
          children.push(new FoundSchemaProperty(p.key, p, p.node, node, req), EMIT, p.node, SCHEMA);
        }
      }
    }
    flush();
  }
  return out;
}

/** The scalar string value of `key` in an object node, or undefined. */
export function stringProp(node: AstNode | undefined, key: string): string | undefined {
  const v = getProp(node, key);
  return v && v.kind !== 'object' && v.kind !== 'array' && v.value !== null ? String(v.value) : undefined;
}

/** Splits a path template into its segments, without the empty first one. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** True for a templated segment such as `{id}`. */
export function isTemplate(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/**
 * The property whose key starts at `offset`, with its parent object, found by
 * descending only into nodes that contain the offset (cost: the depth).
 */
export function propertyAt(root: AstNode | undefined, offset: number): { prop: Property; parent: ObjectNode } | undefined {
  let node = root;
  for (let depth = 0; node && depth < 200; depth++) {
    if (node.kind === 'object') {
      let next: AstNode | undefined;
      for (const p of node.props) {
        if (p.keyOffset === offset) return { prop: p, parent: node };
        if (p.node && p.node.offset <= offset && offset < p.node.end) { next = p.node; break; }
      }
      node = next;
    } else if (node.kind === 'array') {
      node = node.items.find((i) => i.offset <= offset && offset < i.end);
    } else return undefined;
  }
  return undefined;
}

/** The scalar node that starts at `offset` (a value such as a parameter's name), found the same way. */
export function scalarAt(root: AstNode | undefined, offset: number): AstNode | undefined {
  let node = root;
  for (let depth = 0; node && depth < 200; depth++) {
    if (node.kind === 'object') node = node.props.find((p) => p.node && p.node.offset <= offset && offset < p.node.end)?.node;
    else if (node.kind === 'array') node = node.items.find((i) => i.offset <= offset && offset < i.end);
    else return node.offset === offset ? node : undefined;
  }
  return undefined;
}
