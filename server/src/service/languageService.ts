import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from './catalog/catalog';
import { prepareDocument, type StylebookDocument } from './document';
import { doOpenApiHover } from './openapi/hover';
import { DEFAULT_SETTINGS, type StylebookSettings } from './settings';

/**
 * The one entry point to the pure service. It decides what to show; it knows
 * nothing of the transport, the file system or the editor.
 */
export interface LanguageService {
  /** Classifies a document once per version; features take the result. */
  prepare(textDocument: TextDocument): StylebookDocument;
  doHover(doc: StylebookDocument, position: Position): Hover | null;
  /** Replaces the catalog and settings (after a configuration change). */
  configure(options: Partial<LanguageServiceOptions>): void;
  readonly catalog: Catalog;
  readonly settings: StylebookSettings;
}

export interface LanguageServiceOptions {
  catalog: Catalog;
  settings: StylebookSettings;
}

/** Creates the language service over a catalog. */
export function getLanguageService(options: { catalog: Catalog; settings?: StylebookSettings }): LanguageService {
  let catalog = options.catalog;
  let settings = options.settings ?? DEFAULT_SETTINGS;
  return {
    get catalog() { return catalog; },
    get settings() { return settings; },
    configure(o) {
      if (o.catalog) catalog = o.catalog;
      if (o.settings) settings = o.settings;
    },
    prepare: prepareDocument,
    doHover(doc, position) {
      if (doc.kind === 'openapi') return doOpenApiHover(doc, position, catalog, { guideProfile: settings.guideProfile });
      return null;
    },
  };
}
