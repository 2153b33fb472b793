import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_LANGUAGES } from './code/index';
import { detectOpenApi, type OpenApiInfo } from './openapi/detect';

/** What the service knows about a document before any full parse. */
export interface StylebookDocument {
  readonly textDocument: TextDocument;
  readonly kind: 'openapi' | 'code' | 'other';
  /** Set when kind is 'openapi'. */
  readonly openapi?: OpenApiInfo;
  /**
   * Derived data (a full parse, an index of operations, …) memoised for this
   * version of the document; it dies with the version, so it is never stale.
   */
  readonly memo: Map<string, unknown>;
}

/** Returns the memoised value for `key`, computing it once per document version. */
export function memoize<T>(doc: StylebookDocument, key: string, compute: () => T): T {
  if (doc.memo.has(key)) return doc.memo.get(key) as T;
  const value = compute();
  doc.memo.set(key, value);
  return value;
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
    if (openapi) return { textDocument, kind: 'openapi', openapi, memo: new Map() };
  }
  if (CODE_LANGUAGES.includes(textDocument.languageId)) return { textDocument, kind: 'code', memo: new Map() };
  return { textDocument, kind: 'other', memo: new Map() };
}
