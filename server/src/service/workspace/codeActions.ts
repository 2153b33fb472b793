import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { StylebookDocument } from '../document';
import { CONSISTENCY_RULES, fileName, type ConsistencyData } from './consistency';
import { specOperations, type WorkspaceModel } from './model';
import { addOperation, addStatusResponse } from './specEdits';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** How a title says that added error responses take the spec's own error shape. */
function shapeNote(shape: string | undefined): string {
  return shape ? ` (with the spec's error shape: ${shape})` : '';
}

/**
 * The quick fixes of the consistency findings in code, each an edit of the
 * spec the finding names (see specEdits.ts): an undocumented status gets its
 * response added to the operation; an undocumented route gets its operation
 * added to the spec that describes the file's other routes. Everything is
 * looked up again against the current versions (the diagnostic may be
 * older): a fix that no longer applies is not offered.
 */
export function doConsistencyCodeActions(doc: StylebookDocument, range: Range, diagnostics: Diagnostic[], ws: WorkspaceModel): CodeAction[] {
  if (doc.kind !== 'code') return [];
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'stylebook' || !overlaps(d.range, range)) continue;
    const data = d.data as ConsistencyData | undefined;
    if (d.code === CONSISTENCY_RULES.undocumentedStatus.id) {
      const target = data?.spec;
      if (!target || typeof target.uri !== 'string' || typeof target.status !== 'string') continue;
      // A closed spec is held as a summary only: the glue reads it now, for this fix.
      const spec = ws.specDocument(target.uri);
      if (!spec) continue;
      const { model } = specOperations(spec);
      const op = model.operations.find((o) => o.path === target.path && o.method === target.method);
      const built = op && addStatusResponse(spec.textDocument, model, op, target.status);
      if (!built) continue;
      const title = `Document ${target.status} for ${target.method.toUpperCase()} ${target.path} in ${fileName(target.uri)}${shapeNote(built.errorShape)}`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [target.uri]: built.edits } } });
    } else if (d.code === CONSISTENCY_RULES.undocumentedRoute.id) {
      const target = data?.route;
      if (!target || typeof target.uri !== 'string' || typeof target.path !== 'string') continue;
      // The route again, in the document's current version: the one declared with this method and path (the nearest to the finding if several).
      const td = doc.textDocument;
      const candidates = ws.routes(doc).filter((r) => r.method === target.method && r.path === target.path);
      const at = td.offsetAt(d.range.start);
      const route = candidates.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
      const built = route && addOperation(ws, doc, route, target.uri);
      if (!built) continue;
      const title = `Add the operation ${built.name} to ${fileName(target.uri)}${shapeNote(built.errorShape)}`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [target.uri]: built.edits } } });
    }
  }
  return actions;
}
