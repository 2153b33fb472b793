/**
 * What the workspace model keeps of one file: a plain, JSON-serialisable
 * summary (strings, numbers, offsets, positions; no syntax nodes, no
 * document), made by one function per kind of file from the prepared
 * document and the parsers. The server makes the summaries of closed files
 * in its validation workers and keeps only these on its main thread; the CLI
 * and the editor without workers make them in-process with the same
 * functions.
 *
 * Adding a per-file fact is one line in `CODE_FACTS` (or `SPEC_FACTS`): the
 * fact's name and the function that reads it from the document. Its type
 * joins the summary's by inference. The value must survive `postMessage`
 * and `JSON.stringify` unchanged (`test/unit/workspace-summary.test.ts`
 * checks every fact of its fixtures).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { StylebookDocument } from '../document';
import { memoize } from '../document';
import { getProp } from '../parse/ast';
import { codeModel } from '../code/sites';
import type { CodeParsers } from '../code/syntax';
import { openApiModel, stringProp, type Operation } from '../openapi/model';
import { readSuppression } from '../openapi/rules/suppression';
import { lineOfOffset } from '../textDocument';
import { codeFacts, type CodeFacts } from './crossfile';
import { normalisePath, serverBases, withBase, type NormalPath, type ServerUrl } from './paths';
import { prefixFactsOf, type PrefixFacts } from './prefixes';
import { readHandler, routesOf, type CodeRoute, type HandlerStatus } from './routes';

/** A status of a route, with its range (hovers print its line and find it under the cursor). */
export interface StatusSummary extends HandlerStatus {
  range: Range;
}

/** A route of a code file, with the range of its declaration (related information and the route table need it without the text). */
export interface RouteSummary extends CodeRoute {
  range: Range;
  /** The declaration's start as a position: the route table's line and column. */
  position: Position;
  statuses: StatusSummary[];
}

/** One operation of a spec, as the consistency checks and hovers read it. */
export interface OperationSummary {
  method: string;
  path: string;
  /** The operation's key (`get:`), for related information. */
  keyRange: Range;
  /** Its response keys (`'200'`, `4XX`, `default`) and their ranges. */
  responses: { key: string; range: Range }[];
  /** The rule ids suppressed for it (its own, its path item's and the document's `x-stylebook-ignore`/`x-lint-ignore`); `*` for all. */
  ignored: string[];
  /** Its operationId, where it has one (a Spring controller implementing a generated `*Api` interface serves the operation its method is named after). */
  operationId?: string;
}

/** One operation with its path normalised under each server base (the bare path first). */
export interface SpecOperationSummary {
  operation: OperationSummary;
  forms: NormalPath[];
}

/** The facts of a route-handler file. One line each; every value plain data. */
const CODE_FACTS = {
  routes: (doc: StylebookDocument, parsers: CodeParsers): RouteSummary[] => routesOf(doc, parsers).map((r) => routeSummary(r, (o) => doc.textDocument.positionAt(o))),
  /** What other files resolve this file's pending calls against, and its controllers implementing interfaces (crossfile.ts); null where the language is not read. */
  crossFacts: (doc: StylebookDocument, parsers: CodeParsers): CodeFacts | null => codeFacts(doc, parsers, readHandler) ?? null,
  /** What route prefixes set in this file or another depend on (prefixes.ts). */
  prefixFacts: (doc: StylebookDocument, parsers: CodeParsers): PrefixFacts => prefixFactsOf(doc, parsers),
  /** The file's line starts, where the cross-file step may add offsets to its routes (see `withRanges`). */
  lineStarts: (doc: StylebookDocument, parsers: CodeParsers): number[] => lineStartsIfNeeded(doc, parsers),
};

/** The facts of an OpenAPI document. One line each; every value plain data. */
const SPEC_FACTS = {
  operations: (doc: StylebookDocument): SpecOperationSummary[] => specOperationSummaries(doc),
};

type Facts<T> = { [K in keyof T]: T[K] extends (...args: never[]) => infer R ? R : never };

/** The summary of a route-handler file. `version` is the document's (-1 for a file read from disk). */
export type CodeSummary = { kind: 'code'; uri: string; version: number } & Facts<typeof CODE_FACTS>;
/** The summary of an OpenAPI document. */
export type SpecSummary = { kind: 'spec'; uri: string; version: number } & Facts<typeof SPEC_FACTS>;
export type FileSummary = CodeSummary | SpecSummary;

/** The memo key of a document's summary: all the model needs of a document once it is made. */
export const SUMMARY_KEY = 'workspace:summary';

/** The summary of a code document, once per version; undefined while its grammar is not loaded (nothing is memoised then). */
export function summarizeCode(doc: StylebookDocument, parsers: CodeParsers): CodeSummary | undefined {
  if (doc.kind !== 'code' || !codeModel(doc, parsers)) return undefined;
  return memoize(doc, SUMMARY_KEY, () => {
    const out: Record<string, unknown> = { kind: 'code', uri: doc.textDocument.uri, version: doc.textDocument.version };
    for (const [name, fact] of Object.entries(CODE_FACTS)) out[name] = fact(doc, parsers);
    return out as CodeSummary;
  });
}

/** The summary of an OpenAPI document, once per version. */
export function summarizeSpec(doc: StylebookDocument): SpecSummary | undefined {
  if (doc.kind !== 'openapi') return undefined;
  return memoize(doc, SUMMARY_KEY, () => {
    const out: Record<string, unknown> = { kind: 'spec', uri: doc.textDocument.uri, version: doc.textDocument.version };
    for (const [name, fact] of Object.entries(SPEC_FACTS)) out[name] = fact(doc);
    return out as SpecSummary;
  });
}

/** The summary of either kind of document; undefined for anything else (or code whose grammar is not loaded). */
export function summarize(doc: StylebookDocument, parsers: CodeParsers): FileSummary | undefined {
  return doc.kind === 'code' ? summarizeCode(doc, parsers) : summarizeSpec(doc);
}

/** A route with the ranges it lacks (all of them at summary time; those the cross-file step added, on the main thread), read through `at`. */
function routeSummary(r: CodeRoute & Partial<Pick<RouteSummary, 'range' | 'position'>>, at: (offset: number) => Position): RouteSummary {
  const position = r.position ?? at(r.start);
  return {
    ...r, position, range: r.range ?? { start: position, end: at(r.end) },
    statuses: r.statuses.map((s) => ('range' in s ? s as StatusSummary : { ...s, range: { start: at(s.start), end: at(s.end) } })),
  };
}

/**
 * A route as the cross-file step left it (crossfile.ts), as a summary: the
 * statuses it resolved from pending calls and the routes it made for
 * interface methods carry offsets only, turned into positions here from the
 * file's line starts, without its text. A route it left alone is returned as
 * it was.
 */
export function withRanges(r: CodeRoute & Partial<Pick<RouteSummary, 'range' | 'position'>>, lineStarts: readonly number[]): RouteSummary {
  if (r.range && r.position && r.statuses.every((s) => 'range' in s)) return r as RouteSummary;
  return routeSummary(r, (offset) => positionIn(lineStarts, offset));
}

/**
 * The line starts of a code file, kept only where the cross-file step may
 * give its routes offsets that have no range yet: a route with pending calls
 * (a status another file may decide) or a controller implementing an
 * interface. Empty otherwise: most files need none, and a line start is a
 * number per line of the file.
 */
function lineStartsIfNeeded(doc: StylebookDocument, parsers: CodeParsers): number[] {
  const needed = routesOf(doc, parsers).some((r) => r.pending?.length) || !!codeFacts(doc, parsers, readHandler)?.implementers?.length;
  if (!needed) return [];
  // As TextDocument counts lines: `\r\n`, `\n` and `\r` each end one.
  const text = doc.textDocument.getText();
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The position of an offset, from a file's line starts (the last line runs on to the end). */
function positionIn(starts: readonly number[], offset: number): Position {
  const line = lineOfOffset(starts, offset);
  return { line, character: Math.max(offset - (starts[line] ?? 0), 0) };
}

/** The spec's server base paths (OpenAPI 3 `servers` with their variables, Swagger 2 `basePath`). */
function specBases(doc: StylebookDocument) {
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
  return serverBases(servers, stringProp(model.root, 'basePath'));
}

function specOperationSummaries(doc: StylebookDocument): SpecOperationSummary[] {
  const model = openApiModel(doc);
  const td = doc.textDocument;
  const bases = specBases(doc);
  const range = (start: number, end: number): Range => ({ start: td.positionAt(start), end: td.positionAt(end) });
  const root = model.root?.kind === 'object' ? readSuppression(model.root, []) : undefined;
  const out: SpecOperationSummary[] = [];
  for (const op of model.operations) {
    const n = normalisePath(op.path);
    if (!n) continue;
    out.push({ operation: operationSummary(op, range, root), forms: bases.map((b) => withBase(b, n)) });
  }
  return out;
}

function operationSummary(op: Operation, range: (start: number, end: number) => Range, root: ReturnType<typeof readSuppression>): OperationSummary {
  const ignored = new Set<string>();
  for (const s of [readSuppression(op.node, []), readSuppression(op.pathItem.node, []), root]) {
    if (!s) continue;
    if (s.all) ignored.add('*');
    for (const id of s.ids) ignored.add(id);
  }
  const operationId = stringProp(op.node, 'operationId');
  return {
    method: op.method, path: op.path, keyRange: range(op.prop.keyOffset, op.prop.keyEnd),
    responses: op.responses.map((r) => ({ key: r.key, range: range(r.prop.keyOffset, r.prop.keyEnd) })),
    ignored: [...ignored], ...(operationId !== undefined ? { operationId } : {}),
  };
}

/** True when an operation's suppressions cover a rule. */
export function isIgnored(op: OperationSummary, ruleId: string): boolean {
  return op.ignored.includes('*') || op.ignored.includes(ruleId);
}
