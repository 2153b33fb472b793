/**
 * The workspace's word in hovers, in both directions: on a response code in
 * a spec, which handler answers it (or that none does); on a status in
 * route-handler code, whether the spec documents it for the route's
 * operation. Each is one line appended to the card the hover already shows.
 *
 * The lines read only what the workspace model already holds (its documents
 * were parsed when they were added), and they follow the consistency checks'
 * rule: where the route match is ambiguous, or the handler not fully
 * understood, nothing is said rather than something wrong.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import { statusCard } from '../card';
import type { StylebookDocument } from '../document';
import type { StylebookSettings } from '../settings';
import { classifyResponseKey } from '../http/statusCodes';
import { inlineCode } from '../code/hover';
import { escapeMarkdown } from '../markdown';
import { locate } from '../openapi/locate';
import { HOVER_DEPTH, isOperationKey } from '../openapi/hover';
import { ANSWERED_ELSEWHERE, documents, fileName } from './consistency';
import type { WorkspaceModel } from './model';

/** How many handlers a spec-side line names before it says how many more there are. */
const MAX_HANDLERS = 3;

/**
 * The line for a response code under an operation in a spec: where the
 * matched handlers answer it, or that none does (only when every matched
 * handler is fully understood). Undefined when the workspace has nothing
 * sure to say.
 */
export function specStatusNote(doc: StylebookDocument, position: Position, ws: WorkspaceModel): string | undefined {
  if (doc.kind !== 'openapi' || !doc.openapi || !ws.hasCode) return undefined;
  // Only a spec the model already holds: its operations were read when it was added.
  if (!ws.specSummary(doc.textDocument.uri)) return undefined;
  const td = doc.textDocument;
  const loc = locate(td.getText(), td.offsetAt(position), doc.openapi.format, HOVER_DEPTH);
  if (!loc || !loc.token.isKey || loc.path[1] !== 'responses' || !isOperationKey(loc.path, 2)) return undefined;
  const key = classifyResponseKey(loc.token.text);
  if (key.kind !== 'code') return undefined;
  const [, , method, path] = loc.path;
  // Matched by method and path rather than by offset, so that a model one edit behind still finds the operation.
  const entry = ws.operations(doc.textDocument.uri).find((o) => o.operation.method === method && o.operation.path === path);
  if (!entry || ws.contested(entry)) return undefined;
  const op = entry.operation;
  const handlers = ws.routesFor(entry);
  if (!handlers.length) return undefined;
  const sites: string[] = [];
  for (const { uri, route } of handlers) {
    const site = route.statuses.find((s) => s.code === key.code);
    if (!site) continue;
    sites.push(inlineCode(`${fileName(uri)}:${site.range.start.line + 1}`));
  }
  const name = escapeMarkdown(`${op.method.toUpperCase()} ${op.path}`);
  if (sites.length) {
    const more = sites.length > MAX_HANDLERS ? ` and ${sites.length - MAX_HANDLERS} more` : '';
    return `Answered by ${sites.slice(0, MAX_HANDLERS).join(', ')}${more} (${name}).`;
  }
  // Statuses a framework or middleware answers, and server errors, may be answered without the handler saying so.
  if (key.code >= 500 || ANSWERED_ELSEWHERE.has(key.code) || !handlers.every((h) => h.route.understood)) return undefined;
  return `No handler in the workspace answers ${key.code} for ${name}.`;
}

/**
 * The line for a status in route-handler code: whether the one operation its
 * route matches documents it. `version` is the editor's version of the
 * document; the model's copy must be that version, or the offsets would not
 * agree and nothing is said.
 */
export function codeStatusNote(ws: WorkspaceModel, uri: string, version: number, position: Position): string | undefined {
  if (!ws.hasSpecs) return undefined;
  // The model's summary of the file (made in a worker, or from the document it holds) must be this version.
  const doc = ws.codeDocument(uri);
  const held = ws.codeSummary(uri);
  if (!held || held.version !== version) return undefined;
  const lines = new Set<string>();
  for (const route of doc ? ws.routes(doc) : ws.routesOfFile(uri)) {
    // A framework default has no status written where the cursor could be.
    const site = route.statuses.find((s) => s.how !== 'default' && !before(position, s.range.start) && !before(s.range.end, position));
    if (!site) continue;
    const m = ws.match(route);
    if (m.kind !== 'matched') continue;
    const { operation: op, uri: specUri } = m.op;
    const where = `${inlineCode(fileName(specUri))} for ${escapeMarkdown(`${op.method.toUpperCase()} ${op.path}`)}`;
    lines.add(documents(op, site.code) ? `Documented in ${where}.` : `Not documented in ${where}.`);
  }
  return lines.size ? [...lines].join('\n\n') : undefined;
}

/**
 * A status card for a status another file decides (crossfile.ts): a throw of
 * an exception class, or a call of a helper, that the file alone cannot read
 * and the workspace model resolved for sure. For a code hover that the file
 * itself answered with nothing. `version` is the editor's version of the
 * document, as in `codeStatusNote`. Null when no resolved status covers the
 * cursor, or when those that do disagree.
 */
export function crossFileStatusHover(ws: WorkspaceModel, uri: string, version: number, position: Position, catalog: Catalog, settings: StylebookSettings): Hover | null {
  const doc = ws.codeDocument(uri);
  const held = ws.codeSummary(uri);
  if (!held || held.version !== version) return null;
  const sites = (doc ? ws.routes(doc) : ws.routesOfFile(uri))
    .flatMap((r) => r.statuses)
    .filter((s) => s.resolvedFrom && !before(position, s.range.start) && !before(s.range.end, position));
  // The same call may stand in two routes (a controller's method and the interface route it implements): one status is one card.
  if (!sites.length || new Set(sites.map((s) => s.code)).size !== 1) return null;
  const site = sites[0];
  const { callee, uri: declared } = site.resolvedFrom!;
  const fact = declared === uri
    ? `\n*Set in this file*: ${inlineCode(callee)} answers ${site.code}.`
    : `\n*Set in another file*: ${inlineCode(callee)} answers ${site.code} (declared in ${inlineCode(fileName(declared))}).`;
  return { contents: { kind: 'markdown', value: statusCard(site.code, catalog, { guideProfile: settings.guideProfile, facts: [fact] }) }, range: site.range };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The workspace's line for a hover answered on this thread, in a spec or (when there are no workers) in code. */
export function statusNote(doc: StylebookDocument, position: Position, ws: WorkspaceModel): string | undefined {
  return doc.kind === 'code' ? codeStatusNote(ws, doc.textDocument.uri, doc.textDocument.version, position) : specStatusNote(doc, position, ws);
}

/** The hover with a line appended to its Markdown as a paragraph of its own; the hover itself when there is no line or no Markdown. */
export function withNote(hover: Hover | null, note: string | undefined): Hover | null {
  const c = hover?.contents as { kind?: string; value?: string } | undefined;
  if (!hover || !note || c?.kind !== 'markdown' || typeof c.value !== 'string') return hover;
  return { ...hover, contents: { kind: 'markdown', value: `${c.value}\n\n${note}` } };
}
