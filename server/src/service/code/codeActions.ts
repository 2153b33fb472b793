import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { StylebookDocument } from '../document';
import type { StylebookSettings } from '../settings';
import type { CodeDiagnosticData } from './validation';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Quick fixes in route-handler code: the fixes each of our diagnostics carries, as edits of its range. */
export function doCodeCodeActions(doc: StylebookDocument, range: Range, diagnostics: Diagnostic[], _catalog: Catalog, _settings: StylebookSettings): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'stylebook' || typeof d.code !== 'string' || !d.code.startsWith('code-') || !overlaps(d.range, range)) continue;
    const data = d.data as CodeDiagnosticData | undefined;
    for (const fix of data?.fixes ?? []) {
      if (typeof fix?.newText !== 'string' || typeof fix.title !== 'string') continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: { changes: { [doc.textDocument.uri]: [{ range: d.range, newText: fix.newText }] } },
      });
    }
  }
  return actions;
}
