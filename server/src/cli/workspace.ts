import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LanguageService } from '../service/languageService';
import { FastTextDocument } from '../service/textDocument';
import type { WorkspaceModel } from '../service/workspace/model';
import type { CodeRoute } from '../service/workspace/routes';
import type { Engine } from './engine';
import { prefixConfigFiles, type LintTarget } from './files';
import { isPrefixConfig } from '../service/workspace/prefixes';
import { readText, toProblem } from './lint';
import { displayPath } from './formats/paths';
import type { LintResult, RuleInfo } from './report';
import { CONSISTENCY_RULES } from '../service/workspace/consistency';

/**
 * The CLI's side of the workspace model: read the linted files into it (on
 * the main thread, after the per-file lint, which may run in workers), add
 * the consistency problems to the lint report, and print the route table of
 * `stylebook routes`.
 */

/** Whether the targets hold both a possible spec and route-handler code: only then can code and spec be compared. */
export function hasCodeAndSpecs(targets: readonly LintTarget[]): boolean {
  return targets.some((t) => t.languageId === 'yaml' || t.languageId === 'json') && targets.some((t) => t.languageId !== 'yaml' && t.languageId !== 'json');
}

/**
 * Reads every target into the service's workspace model. Files that cannot
 * be read were reported by lint already (or are reported by `routes`
 * through `onError`); files that are neither specs nor code, and files the
 * rules leave alone, stay out.
 */
export async function loadWorkspace(engine: Engine, targets: readonly LintTarget[], onError?: (file: string, message: string) => void): Promise<WorkspaceModel> {
  await engine.ensureLanguages(targets.filter((t) => t.languageId !== 'yaml' && t.languageId !== 'json').map((t) => t.languageId));
  const { service } = engine;
  // Spring's application.properties is not a lint target, but its context path places the module's routes.
  for (const t of [...targets, ...prefixConfigFiles(targets)]) {
    const text = readText(t);
    if (typeof text !== 'string') {
      if (!text.skip) onError?.(t.path, text.error);
      continue;
    }
    const doc = service.prepare(FastTextDocument.create(pathToFileURL(t.path).toString(), t.languageId, 1, text));
    if (doc.kind !== 'other' || isPrefixConfig(doc.textDocument.uri)) service.updateWorkspace(doc);
  }
  return service.workspace;
}

/** Adds the consistency problems of every file in the workspace model to a lint result (in place). */
export function addConsistencyProblems(result: LintResult, service: LanguageService): void {
  const ws = service.workspace;
  const byPath = new Map(result.files.map((f) => [f.path, f]));
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  for (const doc of [...ws.specDocuments(), ...ws.codeDocuments()]) {
    const diagnostics = service.doConsistency(doc);
    if (!diagnostics.length) continue;
    const file = fileURLToPath(doc.textDocument.uri);
    let report = byPath.get(file);
    if (!report) {
      report = { path: file, kind: doc.kind === 'openapi' ? 'openapi' : 'code', problems: [] };
      result.files.push(report);
      byPath.set(file, report);
    }
    for (const d of diagnostics) {
      // Related places of these problems are in another file; the message names that file instead.
      const p = toProblem({ ...d, relatedInformation: undefined }, service);
      report.problems.push(p);
      if (!rules.has(p.ruleId)) {
        const rule = Object.values(CONSISTENCY_RULES).find((r) => r.id === p.ruleId);
        const info: RuleInfo = { id: p.ruleId, description: rule?.summary, topicId: p.topicId, topicName: p.topicName, helpUri: p.helpUri, defaultSeverity: rule ? rule.defaultSeverity : p.severity };
        rules.set(p.ruleId, info);
        result.rules.push(info);
      }
    }
    report.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A JSON pointer to an operation: `#/paths/~1users~1{id}/get`. */
export function operationPointer(specPath: string, method: string): string {
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  return `#/paths/${esc(specPath)}/${method}`;
}

/** One row of the route table. */
export interface RouteRow {
  file: string;
  line: number;
  column: number;
  method: string;
  path: string;
  /** `openapi.yaml#/paths/…/get`, `no operation`, `ambiguous: n operations` or `path not comparable`. */
  operation: string;
  statuses: number[];
  /** Every status of the handler is known. */
  understood: boolean;
}

/** The route table of a workspace model, files in order and routes in document order. */
export function routeTable(ws: WorkspaceModel, cwd: string): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const doc of ws.codeDocuments()) {
    const file = displayPath(fileURLToPath(doc.textDocument.uri), cwd);
    for (const route of ws.routes(doc)) {
      const pos = doc.textDocument.positionAt(route.start);
      rows.push({
        file, line: pos.line + 1, column: pos.character + 1, method: route.method.toUpperCase(), path: route.path ?? '(not a literal)',
        operation: describeMatch(ws, route, cwd), statuses: [...new Set(route.statuses.map((s) => s.code))], understood: route.understood,
      });
    }
  }
  return rows;
}

function describeMatch(ws: WorkspaceModel, route: CodeRoute, cwd: string): string {
  const m = ws.match(route);
  if (m.kind === 'matched') return `${displayPath(fileURLToPath(m.op.uri), cwd)}${operationPointer(m.op.operation.path, m.op.operation.method)}`;
  if (m.kind === 'ambiguous') return `ambiguous: ${m.ops.length} operations`;
  if (m.kind === 'none') return 'no operation';
  return route.normal ? 'prefix unknown' : 'path not comparable';
}

/** The route table as text: aligned columns, one route a line, `?` after statuses that may not be all. */
export function formatRouteTable(rows: readonly RouteRow[]): string {
  if (!rows.length) return '';
  const where = rows.map((r) => `${r.file}:${r.line}:${r.column}`);
  const route = rows.map((r) => `${r.method} ${r.path}`);
  const w1 = where.reduce((w, s) => Math.max(w, s.length), 0);
  const w2 = route.reduce((w, s) => Math.max(w, s.length), 0);
  const w3 = rows.reduce((w, r) => Math.max(w, r.operation.length), 0);
  return rows.map((r, i) => {
    const statuses = r.statuses.length ? r.statuses.join(' ') + (r.understood ? '' : ' ?') : '?';
    return `${where[i].padEnd(w1)}  ${route[i].padEnd(w2)}  ${r.operation.padEnd(w3)}  ${statuses}`;
  }).join('\n') + '\n';
}

