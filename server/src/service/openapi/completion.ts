import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { StylebookDocument } from '../document';
import type { StylebookSettings } from '../settings';

/** Completions in an OpenAPI document (owned by the OpenAPI guidance work; see issue 4). */
export function doOpenApiComplete(_doc: StylebookDocument, _position: Position, _catalog: Catalog, _settings: StylebookSettings): CompletionList | null {
  return null;
}
