import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTopicPage } from '../service/catalog/page';
import { parseLinks } from '../service/catalog/links';
import { parsePositionsFile, type PositionsFile } from '../service/catalog/positions';
import type { CatalogPage, LinkMap, Topic } from '../service/catalog/types';

/** Where the shipped catalog lives: next to the bundles (dist/ → ../catalog/topics), or from the compiled sources (out/server/src/node/). */
export function bundledCatalogDir(): string {
  const candidates = [path.join(__dirname, '..', 'catalog', 'topics'), path.join(__dirname, '..', '..', '..', '..', 'catalog', 'topics')];
  return candidates.find((d) => fs.existsSync(d)) ?? candidates[0];
}

/** Where the shipped positions files live: `catalog/positions`, beside the topic pages. */
export function bundledPositionsDir(): string {
  return path.join(path.dirname(bundledCatalogDir()), 'positions');
}

/**
 * Reads every `*.yaml` positions file of a folder (the guides' positions on
 * a topic, one file per topic). A missing folder is no error: a catalog may
 * have no positions.
 */
export function readPositionsDir(dir: string, onError: (message: string) => void): CatalogPage[] {
  if (!fs.existsSync(dir)) return [];
  return readFolder(dir, (n) => n.endsWith('.yaml'), 'positions file', onError);
}

/**
 * Reads every `*.md` page of a catalog folder. A folder that cannot be read
 * yields a single page-less problem through `onError`, never an exception.
 */
export function readCatalogDir(dir: string, onError: (message: string) => void): CatalogPage[] {
  return readFolder(dir, (n) => n.endsWith('.md'), 'catalog page', onError);
}

function readFolder(dir: string, wanted: (name: string) => boolean, kind: string, onError: (message: string) => void): CatalogPage[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(wanted).sort();
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
      onError(`cannot read ${kind} ${file}: ${(e as Error).message}`);
    }
  }
  return pages;
}

/**
 * The shipped catalog's pages, parsed once at build time. Parsing and
 * validating the hundred pages (gray-matter, YAML, every key and URL) is
 * most of a cold start's catalog time; the snapshot holds each page's topic
 * under a hash of the page's exact text, so an edited page (or one the
 * snapshot does not know) is simply parsed as usual. Only pages that parse
 * without a problem are in it, so problems are always reported from the page.
 */
export interface CatalogSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  pages: Record<string, { hash: string; topic: Omit<Topic, 'source'> }>;
  /** The shipped positions files (catalog/positions), parsed the same way; absent in older snapshots. */
  positions?: Record<string, { hash: string; file: PositionsFile }>;
}

const SNAPSHOT_FORMAT = 1;

/** The snapshot's file name, next to the bundles in dist/. */
export const SNAPSHOT_FILE = 'catalog-snapshot.json';

/**
 * The key a snapshot entry is stored under: the page's length and two
 * 32-bit hashes of its text (FNV-1a and a multiplicative one). It only has
 * to tell an edited page from the one the build saw, and computing it in
 * JavaScript spares a cold start loading `node:crypto`.
 */
export function pageHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 5381;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 33) + c) | 0;
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** Builds the snapshot of a folder's pages and of the positions files (the build does this for the shipped catalog). */
export function createSnapshot(pages: readonly CatalogPage[], positions: readonly CatalogPage[] = []): CatalogSnapshot {
  const out: CatalogSnapshot = { format: SNAPSHOT_FORMAT, pages: {}, positions: {} };
  for (const page of pages) {
    const { topic, problems } = parseTopicPage(page.text, page.source);
    if (!topic || problems.length) continue;
    const { source: _source, ...rest } = topic;
    out.pages[path.basename(page.source)] = { hash: pageHash(page.text), topic: rest };
  }
  for (const page of positions) {
    // Only the file's own parse is stored; whether its topic, guides and sections exist is checked at every load.
    const { file, problems } = parsePositionsFile(page.text, page.source);
    if (file && !problems.length) out.positions![path.basename(page.source)] = { hash: pageHash(page.text), file };
  }
  return out;
}

/**
 * Marks the pages whose text the snapshot knows as already parsed. A
 * missing, unreadable or malformed snapshot changes nothing: every page is
 * then parsed, as without one.
 */
export function applySnapshot(pages: CatalogPage[], snapshotFile: string): CatalogPage[] {
  let snapshot: CatalogSnapshot;
  try {
    snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as CatalogSnapshot;
  } catch {
    return pages;
  }
  if (snapshot?.format !== SNAPSHOT_FORMAT || typeof snapshot.pages !== 'object' || snapshot.pages === null) return pages;
  const known = snapshot.pages;
  const positions = typeof snapshot.positions === 'object' && snapshot.positions !== null ? snapshot.positions : {};
  return pages.map((page) => {
    const name = path.basename(page.source);
    if (name.endsWith('.yaml')) {
      const entry = Object.hasOwn(positions, name) ? positions[name] : undefined;
      if (!entry || typeof entry.hash !== 'string' || typeof entry.file !== 'object' || entry.file === null || !Array.isArray(entry.file.entries)) return page;
      return entry.hash === pageHash(page.text) ? { ...page, positions: entry.file } : page;
    }
    const entry = Object.hasOwn(known, name) ? known[name] : undefined;
    if (!entry || typeof entry.hash !== 'string' || typeof entry.topic !== 'object' || entry.topic === null) return page;
    if (entry.hash !== pageHash(page.text)) return page;
    return { ...page, parsed: { ...entry.topic, source: page.source } as Topic };
  });
}

/**
 * Where the shipped catalog's guide sections are published today: the
 * links.json beside the topics folder (written by `npm run catalog:links`).
 * A missing or unreadable file is reported and leaves every link as its
 * page gives it.
 */
export function readCatalogLinks(topicsDir: string, onError: (message: string) => void): LinkMap {
  const file = path.join(topicsDir, '..', 'links.json');
  try {
    return parseLinks(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    onError(`cannot read ${file}, guide links are shown as the pages give them: ${(e as Error).message}`);
    return new Map();
  }
}

/**
 * The shipped catalog's pages, with the build-time snapshot applied when
 * there is one next to this bundle and their guide links brought up to date
 * (links.json), followed by the shipped positions files.
 */
export function readBundledCatalog(onError: (message: string) => void): CatalogPage[] {
  const dir = bundledCatalogDir();
  const links = readCatalogLinks(dir, onError);
  const pages = applySnapshot([...readCatalogDir(dir, onError), ...readPositionsDir(bundledPositionsDir(), onError)], path.join(__dirname, SNAPSHOT_FILE));
  return pages.map((page) => (page.source.endsWith('.md') ? { ...page, links } : page));
}
