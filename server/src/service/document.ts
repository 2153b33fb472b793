import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectOpenApi, type OpenApiInfo } from './openapi/detect';

/** What the service knows about a document before any full parse. */
export interface StylebookDocument {
  readonly textDocument: TextDocument;
  readonly kind: 'openapi' | 'other';
  /** Set when kind is 'openapi'. */
  readonly openapi?: OpenApiInfo;
}

const OPENAPI_LANGUAGES = new Set(['yaml', 'json', 'jsonc']);

/**
 * Classifies a document. Cheap (one regular-expression scan at most), so the
 * glue can call it per version and cache the result; features take the
 * result instead of looking at the text again.
 */
export function prepareDocument(textDocument: TextDocument): StylebookDocument {
  if (OPENAPI_LANGUAGES.has(textDocument.languageId)) {
    const openapi = detectOpenApi(textDocument.getText(), textDocument.languageId);
    if (openapi) return { textDocument, kind: 'openapi', openapi };
  }
  return { textDocument, kind: 'other' };
}
