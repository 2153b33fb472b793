import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { StylebookDocument } from '../document';
import type { StylebookSettings } from '../settings';
import { buildFix, buildSharedFix } from './edits/index';
import { openApiModel } from './model';
import type { FixInfo } from './rules/types';

/** How many per-operation fixes one diagnostic offers at most (a shared component's users can be hundreds). */
const MAX_FIXES_PER_DIAGNOSTIC = 5;

/**
 * Quick fixes for the stylebook diagnostics in range: each fix the
 * diagnostic's data names becomes a code action whose edit is rebuilt
 * against the current document. Fixes that no longer apply, or that would
 * change an operation they were not offered for, are left out (see
 * edits/index.ts).
 */
export function doOpenApiCodeActions(doc: StylebookDocument, _range: Range, diagnostics: Diagnostic[], _catalog: Catalog, _settings: StylebookSettings): CodeAction[] {
  const actions: CodeAction[] = [];
  const td = doc.textDocument;
  for (const d of diagnostics) {
    if (d.source !== 'stylebook') continue;
    const fixes = (d.data as { fixes?: FixInfo[] } | undefined)?.fixes;
    if (!Array.isArray(fixes) || !fixes.length) continue;
    const model = openApiModel(doc);
    // A problem every user of a shared component has is fixed once, in the component.
    const shared = fixes.length > 1 && fixes.every((f) => f && typeof f.kind === 'string') ? buildSharedFix(td, model, fixes) : undefined;
    if (shared) {
      actions.push({ title: shared.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [td.uri]: shared.edits } } });
      continue;
    }
    // Otherwise each operation gets its own copy; a long list of them would bury the menu.
    fixes.slice(0, MAX_FIXES_PER_DIAGNOSTIC).forEach((fix, i) => {
      if (!fix || typeof fix.kind !== 'string') return;
      const built = buildFix(td, model, fix, td.offsetAt(d.range.start));
      if (!built) return;
      actions.push({
        title: built.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: { changes: { [td.uri]: built.edits } },
      });
    });
  }
  return actions;
}
