import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../../server/src/service/catalog/catalog';
import { buildLayeredCatalog } from '../../server/src/service/catalog/guidelineFile';
import { readCatalogDir, readCatalogLinks, readPositionsDir } from '../../server/src/node/catalogFiles';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import type { CatalogPage } from '../../server/src/service/catalog/types';
import type { StylebookSettings } from '../../server/src/service/settings';

/** The repository root, from out/test/... or test/... */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

let shipped: Catalog | undefined;

/** The shipped catalog's files as the entry points read them: topic pages (their guide links brought up to date from catalog/links.json), then positions files. */
export function shippedPages(): CatalogPage[] {
  const fail = (m: string) => { throw new Error(m); };
  const dir = path.join(ROOT, 'catalog', 'topics');
  const links = readCatalogLinks(dir, fail);
  return [...readCatalogDir(dir, fail).map((page) => ({ ...page, links })), ...readPositionsDir(path.join(ROOT, 'catalog', 'positions'), fail)];
}

/** The shipped catalog (topic pages and the guides' positions), loaded once per test process. */
export function shippedCatalog(): Catalog {
  return (shipped ??= buildLayeredCatalog([shippedPages()]));
}

/** A language service over the shipped catalog. */
export function service(settings?: StylebookSettings): LanguageService {
  return getLanguageService({ catalog: shippedCatalog(), settings });
}

/**
 * Splits a snippet with a `|` cursor marker into a document and a position.
 * The marker is the first `|` in the text; escape others by not using them.
 */
export function withCursor(textWithCursor: string, languageId: string, uri = `file:///test.${languageId === 'json' ? 'json' : languageId === 'yaml' ? 'yaml' : 'txt'}`) {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const doc = TextDocument.create(uri, languageId, 1, text);
  return { doc, position: doc.positionAt(offset), offset, text };
}
