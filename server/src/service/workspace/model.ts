/**
 * The workspace model: the OpenAPI documents and the code documents of a
 * workspace, and the match between routes in code and operations in specs.
 * The glue (server or CLI) feeds it prepared documents as it reads them and
 * removes them when they go; every document's own part (its routes, its
 * operations) is memoised on the document version, so an edit rebuilds only
 * its file. Matching is done on demand and is cheap next to parsing.
 *
 * Matching is deliberately strict. A route matches an operation when the
 * methods agree and the paths are the same after normalisation, with one of
 * the spec's server base paths in front of the spec path. A route whose
 * prefix is not fully known (mounted in another file) may match any spec path
 * that ends with its path. Anything but exactly one candidate operation is no
 * match, and the consistency checks stay silent on it.
 */
import type { StylebookDocument } from '../document';
import { memoize } from '../document';
import { getProp } from '../parse/ast';
import type { CodeParsers } from '../code/syntax';
import { openApiModel, stringProp, type OpenApiModel, type Operation } from '../openapi/model';
import { endsWithPath, normalisePath, serverBases, withBase, type NormalPath, type ServerUrl } from './paths';
import { CrossFileIndex, codeFacts } from './crossfile';
import { readHandler, routesOf, type CodeRoute } from './routes';
import { isPrefixConfig, placeRoutes, prefixFactsOf, PrefixLinks, PREFIX_FACTS_KEY } from './prefixes';

/** The memo keys holding all the model keeps of a code document (see `WorkspaceModel.settle`). */
export const KEPT_MEMO_KEYS: readonly string[] = ['workspace:routes', 'workspace:facts', PREFIX_FACTS_KEY];

/** One operation of a spec, with its path normalised under each server base. */
export interface SpecOperation {
  uri: string;
  operation: Operation;
  /** The spec path under each base (the bare path first). */
  forms: NormalPath[];
}

/** A spec's part of the workspace model. */
export interface SpecEntry {
  doc: StylebookDocument;
  model: OpenApiModel;
  operations: SpecOperation[];
}

/** Where a route leads: one operation, several (ambiguous), or none in any spec. */
export type RouteMatch =
  | { kind: 'matched'; op: SpecOperation }
  | { kind: 'ambiguous'; ops: SpecOperation[] }
  | { kind: 'none' }
  /** The route's path cannot be compared (not a literal, a wildcard): nothing is said about it. */
  | { kind: 'unknown' };

/** The operations of a spec document, once per version. */
export function specOperations(doc: StylebookDocument): SpecEntry {
  return memoize(doc, 'workspace:spec', () => {
    const model = openApiModel(doc);
    const servers: ServerUrl[] = [];
    const list = getProp(model.root, 'servers');
    if (list?.kind === 'array') {
      for (const s of list.items) {
        const url = stringProp(s, 'url');
        if (url === undefined) continue;
        const variables: Record<string, string[]> = {};
        const vars = getProp(s, 'variables');
        if (vars?.kind === 'object') {
          for (const v of vars.props) {
            const values = [stringProp(v.node, 'default')];
            const list = getProp(v.node, 'enum');
            if (list?.kind === 'array') for (const e of list.items) if (e.kind === 'string') values.push(String(e.value));
            variables[v.key] = [...new Set(values.filter((x): x is string => x !== undefined))];
          }
        }
        servers.push({ url, variables });
      }
    }
    const bases = serverBases(servers, stringProp(model.root, 'basePath'));
    const operations: SpecOperation[] = [];
    for (const op of model.operations) {
      const n = normalisePath(op.path);
      if (!n) continue;
      operations.push({ uri: doc.textDocument.uri, operation: op, forms: bases.map((b) => withBase(b, n)) });
    }
    return { doc, model, operations };
  });
}

/** The workspace's specs and code, by uri. */
export class WorkspaceModel {
  private readonly specs = new Map<string, StylebookDocument>();
  private readonly code = new Map<string, StylebookDocument>();
  /** Configuration files that set route prefixes (Spring's application.properties), by uri. */
  private readonly configs = new Map<string, StylebookDocument>();
  /** The prefix facts of every file joined (prefixes.ts), rebuilt when code or configuration changes. */
  private links: PrefixLinks | undefined;
  /** Each code document's routes with the links' prefixes applied, for the links they were placed with. */
  private placed = new WeakMap<StylebookDocument, { links: PrefixLinks; own: CodeRoute[]; routes: CodeRoute[] }>();
  /** The index of operations by method and tail (see `tailKey`), rebuilt when a spec changes. */
  private byMethod: Map<string, Map<string, SpecOperation[]>> | undefined;

  constructor(private parsers: CodeParsers) {}

  /** Replaces the parsers (once grammars have loaded). */
  setParsers(parsers: CodeParsers): void {
    this.parsers = parsers;
    this.links = undefined;
  }

  /** Which routes matched which operation, computed once per state of the model (see `byOperation`). */
  private matched: { routes: Map<Operation, { doc: StylebookDocument; route: CodeRoute }[]>; contested: Set<Operation> } | undefined;

  /** What other files say about each code document's calls (./crossfile.ts), and each document's routes with it; rebuilt when a document changes. */
  private cross: { index: CrossFileIndex; routes: Map<StylebookDocument, CodeRoute[]> } | undefined;

  /** Adds or replaces a document (an OpenAPI document or route-handler code; anything else is dropped). */
  set(doc: StylebookDocument): void {
    const uri = doc.textDocument.uri;
    if (this.specs.get(uri) === doc || this.code.get(uri) === doc || this.configs.get(uri) === doc) return;
    this.remove(uri);
    if (doc.kind === 'openapi') { this.specs.set(uri, doc); this.byMethod = this.operationIds = undefined; }
    else if (doc.kind === 'code') { this.code.set(uri, doc); this.links = undefined; }
    else if (isPrefixConfig(uri)) { this.configs.set(uri, doc); this.links = undefined; }
    this.matched = undefined;
    this.cross = undefined;
  }

  /** Forgets a document. */
  remove(uri: string): void {
    if (this.specs.delete(uri)) this.byMethod = this.operationIds = undefined;
    if (this.code.delete(uri) || this.configs.delete(uri)) this.links = undefined;
    this.matched = undefined;
    this.cross = undefined;
  }

  /** The spec document of a uri, if it is one. */
  spec(uri: string): StylebookDocument | undefined {
    return this.specs.get(uri);
  }

  /** The code document of a uri, if it is one. */
  codeDocument(uri: string): StylebookDocument | undefined {
    return this.code.get(uri);
  }

  /** The prefix configuration file of a uri (Spring's application.properties), if it is one. */
  config(uri: string): StylebookDocument | undefined {
    return this.configs.get(uri);
  }

  /** Every spec document. */
  specDocuments(): StylebookDocument[] {
    return [...this.specs.values()];
  }

  /** Every code document, in uri order. */
  codeDocuments(): StylebookDocument[] {
    return [...this.code.values()].sort((a, b) => (a.textDocument.uri < b.textDocument.uri ? -1 : a.textDocument.uri > b.textDocument.uri ? 1 : 0));
  }

  /** True when the workspace holds at least one spec. */
  get hasSpecs(): boolean {
    return this.specs.size > 0;
  }

  /** True when the workspace holds at least one code document (so a spec has something to be compared with). */
  get hasCode(): boolean {
    return this.code.size > 0;
  }

  /**
   * The routes of a code document as the workspace serves them: what other
   * files say about their statuses and interfaces (./crossfile.ts), then the
   * prefixes other files or configuration set (./prefixes.ts).
   */
  routes(doc: StylebookDocument): CodeRoute[] {
    const own = this.crossRoutes(doc);
    // A document outside the model (a hover on a file being added) is placed with the links as they are.
    const links = this.prefixLinks();
    const known = this.placed.get(doc);
    if (known?.links === links && known.own === own) return known.routes;
    const routes = placeRoutes(doc.textDocument.uri, own, links);
    this.placed.set(doc, { links, own, routes });
    return routes;
  }

  /** A code document's routes with what other files say about their statuses (see ./crossfile.ts). */
  private crossRoutes(doc: StylebookDocument): CodeRoute[] {
    const own = routesOf(doc, this.parsers);
    const facts = codeFacts(doc, this.parsers, readHandler);
    if (!facts) return own;
    this.cross ??= { index: new CrossFileIndex(this.codeDocuments().map((d) => codeFacts(d, this.parsers, readHandler)).filter((f) => !!f)), routes: new Map() };
    const { index, routes } = this.cross;
    let out = routes.get(doc);
    if (!out) {
      const other = (uri: string) => { const d = this.code.get(uri); return d ? routesOf(d, this.parsers) : []; };
      routes.set(doc, (out = index.routesOf(facts, own, other, (id) => (this.byOperationId().get(id) ?? []).map((o) => o.operation))));
    }
    return out;
  }

  /**
   * Computes all the model keeps of a code document, once per version: its
   * routes, the facts other files resolve against (./crossfile.ts) and its
   * prefix facts (./prefixes.ts), so the glue may drop the rest
   * (`KEPT_MEMO_KEYS`). Nothing of other files is looked at.
   */
  settle(doc: StylebookDocument): void {
    routesOf(doc, this.parsers);
    codeFacts(doc, this.parsers, readHandler);
    prefixFactsOf(doc, this.parsers);
  }

  private prefixLinks(): PrefixLinks {
    if (this.links) return this.links;
    const files = [...this.code.values(), ...this.configs.values()].map((doc) => ({ uri: doc.textDocument.uri, facts: prefixFactsOf(doc, this.parsers) }));
    return (this.links = new PrefixLinks(files));
  }

  /** The operations of every spec by operationId (for controllers implementing generated interfaces), rebuilt when a spec changes. */
  private operationIds: Map<string, SpecOperation[]> | undefined;

  private byOperationId(): Map<string, SpecOperation[]> {
    if (this.operationIds) return this.operationIds;
    const out = new Map<string, SpecOperation[]>();
    for (const doc of this.specs.values()) {
      for (const op of specOperations(doc).operations) {
        const id = stringProp(op.operation.node, 'operationId');
        if (id) out.set(id, [...(out.get(id) ?? []), op]);
      }
    }
    return (this.operationIds = out);
  }

  private index(): Map<string, Map<string, SpecOperation[]>> {
    if (this.byMethod) return this.byMethod;
    const index = new Map<string, Map<string, SpecOperation[]>>();
    for (const doc of this.specs.values()) {
      for (const op of specOperations(doc).operations) {
        let byTail = index.get(op.operation.method);
        if (!byTail) index.set(op.operation.method, (byTail = new Map()));
        // Each form once under its tail; forms differ only in the base in front, so most share one.
        for (const key of new Set(op.forms.map(tailKey))) {
          const list = byTail.get(key) ?? [];
          list.push(op);
          byTail.set(key, list);
        }
      }
    }
    return (this.byMethod = index);
  }

  /** The operation a route leads to (see the module comment for how strict this is). */
  match(route: CodeRoute): RouteMatch {
    if (!route.normal) return { kind: 'unknown' };
    // A route of a router mounted elsewhere, with no static segment, could be almost anything.
    if (!route.rooted && !route.normal.segments.some((s) => s !== '{}')) return { kind: 'unknown' };
    const fits = route.rooted
      ? (op: SpecOperation) => op.forms.some((f) => sameSegments(f, route.normal!))
      : (op: SpecOperation) => op.forms.some((f) => endsWithPath(f, route.normal!));
    // A path and any path it ends with share their tail key, so the candidates are those under the route's key.
    const found = (this.index().get(route.method)?.get(tailKey(route.normal)) ?? []).filter(fits);
    if (found.length === 1) return { kind: 'matched', op: found[0] };
    if (found.length > 1) return { kind: 'ambiguous', ops: found };
    return { kind: 'none' };
  }

  /** One pass over every route of the workspace: the routes each operation matched, and the operations an ambiguous route may be. */
  private byOperation() {
    if (this.matched) return this.matched;
    const routes = new Map<Operation, { doc: StylebookDocument; route: CodeRoute }[]>();
    const contested = new Set<Operation>();
    for (const doc of this.code.values()) {
      for (const route of this.routes(doc)) {
        const m = this.match(route);
        if (m.kind === 'matched') {
          const list = routes.get(m.op.operation) ?? [];
          list.push({ doc, route });
          routes.set(m.op.operation, list);
        } else if (m.kind === 'ambiguous') for (const o of m.ops) contested.add(o.operation);
      }
    }
    return (this.matched = { routes, contested });
  }

  /** Every route of the workspace that matched this operation, with its document. */
  routesFor(op: Operation): { doc: StylebookDocument; route: CodeRoute }[] {
    return this.byOperation().routes.get(op) ?? [];
  }

  /**
   * True when some route could belong to this operation even though no
   * route matched it alone: a route whose match is ambiguous among
   * candidates that include it. The spec-side check then stays silent.
   */
  contested(op: Operation): boolean {
    return this.byOperation().contested.has(op);
  }
}

function sameSegments(a: NormalPath, b: NormalPath): boolean {
  return a.segments.length === b.segments.length && endsWithPath(a, b);
}

/**
 * The last static segment of a path and how many parameters follow it
 * (`/users/{id}` → `users|1`, `/{id}` → `|1`). Two paths of which one ends
 * with the other have the same key when the shorter has a static segment,
 * which a route matched by its tail always has (see `match`).
 */
function tailKey(p: NormalPath): string {
  let params = 0;
  for (let i = p.segments.length - 1; i >= 0; i--) {
    if (p.segments[i] !== '{}') return `${p.segments[i]}|${params}`;
    params++;
  }
  return `|${params}`;
}
