import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { StylebookDocument } from '../document';
import { buildFix } from '../openapi/edits/index';
import { CONSISTENCY_RULES, fileName, type ConsistencyData } from './consistency';
import { specOperations, type WorkspaceModel } from './model';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * The quick fix of an undocumented status in code: add the response to the
 * operation in the spec's own file, in its style, with the reason phrase as
 * description. The edit is rebuilt against the spec's current version (the
 * diagnostic may be older) by the spec's own edit helpers, so it edits only
 * that operation, or nothing when the operation is gone or the response is
 * already there.
 */
export function doConsistencyCodeActions(doc: StylebookDocument, range: Range, diagnostics: Diagnostic[], ws: WorkspaceModel): CodeAction[] {
  if (doc.kind !== 'code') return [];
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'stylebook' || d.code !== CONSISTENCY_RULES.undocumentedStatus.id || !overlaps(d.range, range)) continue;
    const target = (d.data as ConsistencyData | undefined)?.spec;
    if (!target || typeof target.uri !== 'string' || typeof target.status !== 'string') continue;
    // A closed spec is held as a summary only: the glue reads it now, for this fix.
    const spec = ws.specDocument(target.uri);
    if (!spec) continue;
    const { model } = specOperations(spec);
    const op = model.operations.find((o) => o.path === target.path && o.method === target.method);
    if (!op || op.responses.some((r) => r.key === target.status)) continue;
    const title = `Document ${target.status} for ${target.method.toUpperCase()} ${target.path} in ${fileName(target.uri)}`;
    const built = buildFix(spec.textDocument, model, { kind: 'add-status-response', title, path: target.path, method: target.method, value: target.status }, op.prop.keyOffset);
    if (!built) continue;
    actions.push({ title: built.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [target.uri]: built.edits } } });
  }
  return actions;
}
