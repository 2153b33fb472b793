import type { Diagnostic } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { StylebookDocument } from '../document';
import type { StylebookSettings } from '../settings';

/** Diagnostics for an OpenAPI document (owned by the OpenAPI guidance work; see issue 4). */
export function validateOpenApi(_doc: StylebookDocument, _catalog: Catalog, _settings: StylebookSettings, _isCancelled: () => boolean): Diagnostic[] {
  return [];
}
