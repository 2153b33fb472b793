/**
 * The workspace model: the OpenAPI documents and the code documents of a
 * workspace, and the match between routes in code and operations in specs.
 * The glue (server or CLI) feeds it prepared documents, or the summaries a
 * worker made of them (summary.ts), and removes them when they go; every
 * file's own part (its routes, its operations) is its summary, made once per
 * document version, so an edit rebuilds only its file. Matching is done on
 * demand and is cheap next to parsing.
 *
 * What one file's routes mean may depend on other files: a status decided
 * by an exception class or helper declared elsewhere, a Spring controller
 * implementing a generated interface (crossfile.ts), a prefix set by the
 * module that mounts a router or by Spring's application.properties
 * (prefixes.ts). That step runs here, on this thread, from the summaries'
 * facts alone (no other file's text or tree), whenever the model changes.
 *
 * Matching is deliberately strict. A route matches an operation when the
 * methods agree and the paths are the same after normalisation, with one of
 * the spec's server base paths in front of the spec path. A route whose
 * prefix is not fully known (mounted in another file) may match any spec path
 * that ends with its path. Anything but exactly one candidate operation is no
 * match, and the consistency checks stay silent on it.
 */
import type { StylebookDocument } from '../document';
import type { CodeParsers } from '../code/syntax';
import { openApiModel, type OpenApiModel } from '../openapi/model';
import { CrossFileIndex } from './crossfile';
import { endsWithPath, type NormalPath } from './paths';
import { isPrefixConfig, placeRoutes, prefixFactsOf, PrefixLinks, type PrefixFacts } from './prefixes';
import { summarize, summarizeCode, summarizeSpec, withRanges, type CodeSummary, type FileSummary, type OperationSummary, type RouteSummary, type SpecSummary } from './summary';

/** One operation of a spec, with its path normalised under each server base. */
export interface SpecOperation {
  uri: string;
  operation: OperationSummary;
  /** The spec path under each base (the bare path first). */
  forms: NormalPath[];
}

/** A spec's part of the workspace model, read from its document (the quick fix that edits the spec needs the parsed model). */
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
  const summary = summarizeSpec(doc);
  return { doc, model: openApiModel(doc), operations: summary ? operationsOf(summary) : [] };
}

/** A spec summary's operations with its uri, built once per summary object. */
const withUri = new WeakMap<SpecSummary, SpecOperation[]>();
function operationsOf(s: SpecSummary): SpecOperation[] {
  let ops = withUri.get(s);
  if (!ops) withUri.set(s, (ops = s.operations.map((o) => ({ uri: s.uri, operation: o.operation, forms: o.forms }))));
  return ops;
}

/** How the model names an operation across specs. */
const opKey = (uri: string, op: { method: string; path: string }) => `${uri}\n${op.method}\n${op.path}`;

/**
 * The workspace's specs and code, by uri. The model keeps each file's
 * summary (summary.ts): plain data, made in-process from a document handed
 * to `set`, or in a worker thread and handed to `setSummary`. Documents
 * handed to `set` (open documents, the CLI's files) are kept too.
 */
export class WorkspaceModel {
  private readonly specs = new Map<string, SpecSummary>();
  private readonly code = new Map<string, CodeSummary>();
  /** Code handed in whole before its grammar was loaded: its summary is still to be made. */
  private readonly unparsed = new Set<string>();
  /** The documents handed in whole, by uri. */
  private readonly docs = new Map<string, StylebookDocument>();
  /** Reads a spec the model holds only as a summary (the glue's; the quick fix that edits a closed spec needs its text). */
  private readSpec: ((uri: string) => StylebookDocument | undefined) | undefined;
  /** The index of operations by method and tail (see `tailKey`), rebuilt when a spec changes. */
  private byMethod: Map<string, Map<string, SpecOperation[]>> | undefined;
  /** The operations of every spec by operationId (for controllers implementing generated interfaces), rebuilt when a spec changes. */
  private operationIds: Map<string, OperationSummary[]> | undefined;
  /**
   * Configuration files that set route prefixes (Spring's application.properties
   * or .yml), by uri: their prefix facts, read on this thread from the
   * document (a few small files; no worker needed).
   */
  private readonly configs = new Map<string, PrefixFacts>();
  /** The prefix facts of every code file and configuration file joined (prefixes.ts), rebuilt when either changes. */
  private links: PrefixLinks | undefined;
  /** The cross-file facts of every code file joined (crossfile.ts), rebuilt when code changes. */
  private cross: CrossFileIndex | undefined;
  /** Each code file's routes as the workspace serves them (see `served`), for the model's current state. */
  private readonly servedRoutes = new Map<string, RouteSummary[]>();

  constructor(private parsers: CodeParsers) {}

  /** Replaces the parsers (once grammars have loaded). */
  setParsers(parsers: CodeParsers): void {
    this.parsers = parsers;
  }

  /** Sets how a spec held only as a summary is read on demand (the glue does the reading). */
  setSpecReader(read: (uri: string) => StylebookDocument | undefined): void {
    this.readSpec = read;
  }

  /** Which routes matched which operation, computed once per state of the model (see `byOperation`). */
  private matched: { routes: Map<string, { uri: string; route: RouteSummary }[]>; contested: Set<string> } | undefined;

  /**
   * Adds or replaces a document (an OpenAPI document or route-handler code,
   * summarised here; a prefix configuration file, whose prefix facts are
   * kept; anything else is dropped).
   */
  set(doc: StylebookDocument): void {
    const uri = doc.textDocument.uri;
    if (this.docs.get(uri) === doc) return;
    this.remove(uri);
    if (doc.kind !== 'openapi' && doc.kind !== 'code') {
      if (isPrefixConfig(uri)) { this.configs.set(uri, prefixFactsOf(doc, this.parsers)); this.changed('config'); }
      return;
    }
    this.docs.set(uri, doc);
    const summary = summarize(doc, this.parsers);
    if (summary) this.put(summary);
    // Code whose grammar is still loading is summarised when its routes are first asked for after that.
    else if (doc.kind === 'code') { this.unparsed.add(uri); this.put({ kind: 'code', uri, version: doc.textDocument.version, routes: [], crossFacts: null, prefixFacts: {}, lineStarts: [] }); }
  }

  /** Adds or replaces a file by its summary (made in a worker); the model keeps no document of it. */
  setSummary(summary: FileSummary): void {
    this.remove(summary.uri);
    this.put(summary);
  }

  private put(summary: FileSummary): void {
    if (summary.kind === 'spec') this.specs.set(summary.uri, summary);
    else this.code.set(summary.uri, summary);
    this.changed(summary.kind);
  }

  /** Forgets a document. */
  remove(uri: string): void {
    if (this.specs.delete(uri)) this.changed('spec');
    if (this.code.delete(uri)) this.changed('code');
    if (this.configs.delete(uri)) this.changed('config');
    this.docs.delete(uri);
    this.unparsed.delete(uri);
    this.matched = undefined;
  }

  /** Drops what was built from the kind of file that changed (and, for any change, the served routes and the matches). */
  private changed(kind: 'spec' | 'code' | 'config'): void {
    if (kind === 'spec') this.byMethod = this.operationIds = undefined;
    if (kind === 'code') this.cross = undefined;
    if (kind !== 'spec') this.links = undefined;
    this.servedRoutes.clear();
    this.matched = undefined;
  }

  /** True when the model holds this uri (spec or code). */
  has(uri: string): boolean {
    return this.specs.has(uri) || this.code.has(uri);
  }

  /** True when the model holds this uri as a prefix configuration file (Spring's application.properties). */
  hasConfig(uri: string): boolean {
    return this.configs.has(uri);
  }

  /** The spec document of a uri, if the model was handed it whole. */
  spec(uri: string): StylebookDocument | undefined {
    const doc = this.docs.get(uri);
    return doc?.kind === 'openapi' ? doc : undefined;
  }

  /** The spec document of a uri the model holds, read through the glue when the model has only its summary. */
  specDocument(uri: string): StylebookDocument | undefined {
    if (!this.specs.has(uri)) return undefined;
    const doc = this.spec(uri) ?? this.readSpec?.(uri);
    return doc?.kind === 'openapi' ? doc : undefined;
  }

  /** A spec's summary. */
  specSummary(uri: string): SpecSummary | undefined {
    return this.specs.get(uri);
  }

  /** A spec's operations (its summary's, with its uri). */
  operations(uri: string): SpecOperation[] {
    const s = this.specs.get(uri);
    return s ? operationsOf(s) : [];
  }

  /** A spec document's operations: from the model's summary when it is of this version (made in a worker, say), else from the document. */
  operationsOf(doc: StylebookDocument): SpecOperation[] {
    const uri = doc.textDocument.uri;
    const held = this.specs.get(uri);
    if (held && held.version === doc.textDocument.version && (this.docs.get(uri) ?? doc) === doc) return operationsOf(held);
    const made = summarizeSpec(doc);
    return made ? operationsOf(made) : [];
  }

  /** A code file's summary. */
  codeSummary(uri: string): CodeSummary | undefined {
    return this.code.get(uri);
  }

  /** Every code file's summary: what a workspace-wide fact (a prefix set in another file, say) is read from. */
  codeSummaries(): CodeSummary[] {
    return [...this.code.values()];
  }

  /** The code document of a uri, if the model was handed it whole. */
  codeDocument(uri: string): StylebookDocument | undefined {
    const doc = this.docs.get(uri);
    return doc?.kind === 'code' ? doc : undefined;
  }

  /** Every spec document handed in whole. */
  specDocuments(): StylebookDocument[] {
    return [...this.docs.values()].filter((d) => d.kind === 'openapi');
  }

  /** Every code document handed in whole, in uri order. */
  codeDocuments(): StylebookDocument[] {
    return [...this.docs.values()].filter((d) => d.kind === 'code').sort((a, b) => (a.textDocument.uri < b.textDocument.uri ? -1 : a.textDocument.uri > b.textDocument.uri ? 1 : 0));
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
   * The routes of a code document as the workspace serves them (see
   * `served`): from its summary when the model holds this version (offsets
   * must agree with the document), else from one made here from the document
   * (none while its grammar is not loaded here).
   */
  routes(doc: StylebookDocument): RouteSummary[] {
    const uri = doc.textDocument.uri;
    const held = this.code.get(uri);
    if (held && held.version === doc.textDocument.version && !this.unparsed.has(uri)) return this.served(held);
    const made = summarizeCode(doc, this.parsers);
    if (made && this.docs.get(uri) === doc) { this.unparsed.delete(uri); this.put(made); }
    return made ? this.served(made) : [];
  }

  /** The routes of a code file the model holds, as the workspace serves them (its summary's version). */
  routesOfFile(uri: string): RouteSummary[] {
    const held = this.code.get(uri);
    return held ? this.served(held) : [];
  }

  /**
   * A code file's routes as the workspace serves them: its own, with what
   * other files say about their statuses and interfaces (crossfile.ts), then
   * under the prefixes other files or configuration set (prefixes.ts). Read
   * from summaries alone; what the cross-file step adds gets its ranges from
   * the file's line starts (`withRanges`). Kept until the model changes.
   */
  private served(s: CodeSummary): RouteSummary[] {
    const held = this.code.get(s.uri) === s;
    const known = held ? this.servedRoutes.get(s.uri) : undefined;
    if (known) return known;
    let routes = s.routes;
    if (s.crossFacts) {
      this.cross ??= new CrossFileIndex([...this.code.values()].flatMap((c) => (c.crossFacts ? [c.crossFacts] : [])));
      const other = (uri: string) => this.code.get(uri)?.routes ?? [];
      routes = this.cross.routesOf(s.crossFacts, routes, other, (id) => this.byOperationId().get(id) ?? []).map((r) => withRanges(r, s.lineStarts));
    }
    routes = placeRoutes(s.uri, routes, this.prefixLinks());
    if (held) this.servedRoutes.set(s.uri, routes);
    return routes;
  }

  private prefixLinks(): PrefixLinks {
    if (this.links) return this.links;
    const files = [...this.code.values()].map((c) => ({ uri: c.uri, facts: c.prefixFacts }));
    for (const [uri, facts] of this.configs) files.push({ uri, facts });
    return (this.links = new PrefixLinks(files));
  }

  private byOperationId(): Map<string, OperationSummary[]> {
    if (this.operationIds) return this.operationIds;
    const out = new Map<string, OperationSummary[]>();
    for (const spec of this.specs.values()) {
      for (const { operation } of spec.operations) {
        if (operation.operationId !== undefined) out.set(operation.operationId, [...(out.get(operation.operationId) ?? []), operation]);
      }
    }
    return (this.operationIds = out);
  }

  private index(): Map<string, Map<string, SpecOperation[]>> {
    if (this.byMethod) return this.byMethod;
    const index = new Map<string, Map<string, SpecOperation[]>>();
    for (const spec of this.specs.values()) {
      for (const op of operationsOf(spec)) {
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
  match(route: { method: string; normal?: NormalPath; rooted: boolean }): RouteMatch {
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
    const routes = new Map<string, { uri: string; route: RouteSummary }[]>();
    const contested = new Set<string>();
    // Code handed in before its grammar loaded is summarised first (which changes the model), so that every route below sees the same state.
    for (const uri of [...this.unparsed]) {
      const doc = this.docs.get(uri);
      if (doc) this.routes(doc);
    }
    for (const summary of this.code.values()) {
      for (const route of this.served(summary)) {
        const m = this.match(route);
        if (m.kind === 'matched') {
          const key = opKey(m.op.uri, m.op.operation);
          const list = routes.get(key) ?? [];
          list.push({ uri: summary.uri, route });
          routes.set(key, list);
        } else if (m.kind === 'ambiguous') for (const o of m.ops) contested.add(opKey(o.uri, o.operation));
      }
    }
    return (this.matched = { routes, contested });
  }

  /** Every route of the workspace that matched this operation, with its file's uri. */
  routesFor(op: SpecOperation): { uri: string; route: RouteSummary }[] {
    return this.byOperation().routes.get(opKey(op.uri, op.operation)) ?? [];
  }

  /**
   * True when some route could belong to this operation even though no
   * route matched it alone: a route whose match is ambiguous among
   * candidates that include it. The spec-side check then stays silent.
   */
  contested(op: SpecOperation): boolean {
    return this.byOperation().contested.has(opKey(op.uri, op.operation));
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
