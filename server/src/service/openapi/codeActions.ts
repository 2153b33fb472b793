import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { StylebookDocument } from '../document';
import type { StylebookSettings } from '../settings';

/** Quick fixes in an OpenAPI document (owned by the OpenAPI guidance work; see issue 4). */
export function doOpenApiCodeActions(_doc: StylebookDocument, _range: Range, _diagnostics: Diagnostic[], _catalog: Catalog, _settings: StylebookSettings): CodeAction[] {
  return [];
}
