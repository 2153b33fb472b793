import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { StylebookDocument } from '../document';
import type { StylebookSettings } from '../settings';

// Route-handler code support (owned by the route-handler work; see issue 5).

/** Language ids of route-handler code the service understands. */
export const CODE_LANGUAGES: readonly string[] = [];

/** Hover in route-handler code. */
export function doCodeHover(_doc: StylebookDocument, _position: Position, _catalog: Catalog, _settings: StylebookSettings): Hover | null {
  return null;
}

/** Completion in route-handler code. */
export function doCodeComplete(_doc: StylebookDocument, _position: Position, _catalog: Catalog, _settings: StylebookSettings): CompletionList | null {
  return null;
}

/** Diagnostics in route-handler code. */
export function validateCode(_doc: StylebookDocument, _catalog: Catalog, _settings: StylebookSettings): Diagnostic[] {
  return [];
}

/** Quick fixes in route-handler code. */
export function doCodeCodeActions(_doc: StylebookDocument, _range: Range, _diagnostics: Diagnostic[], _catalog: Catalog, _settings: StylebookSettings): CodeAction[] {
  return [];
}
