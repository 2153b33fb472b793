import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogPage } from '../service/catalog/types';

/** Where the shipped catalog lives: next to the bundles (dist/ → ../catalog/topics), or from the compiled sources (out/server/src/node/). */
export function bundledCatalogDir(): string {
  const candidates = [path.join(__dirname, '..', 'catalog', 'topics'), path.join(__dirname, '..', '..', '..', '..', 'catalog', 'topics')];
  return candidates.find((d) => fs.existsSync(d)) ?? candidates[0];
}

/**
 * Reads every `*.md` page of a catalog folder. A folder that cannot be read
 * yields a single page-less problem through `onError`, never an exception.
 */
export function readCatalogDir(dir: string, onError: (message: string) => void): CatalogPage[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  } catch (e) {
    onError(`cannot read catalog folder ${dir}: ${(e as Error).message}`);
    return [];
  }
  const pages: CatalogPage[] = [];
  for (const n of names) {
    const file = path.join(dir, n);
    try {
      pages.push({ source: file, text: fs.readFileSync(file, 'utf8') });
    } catch (e) {
      onError(`cannot read catalog page ${file}: ${(e as Error).message}`);
    }
  }
  return pages;
}
