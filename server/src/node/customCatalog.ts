import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../service/catalog/catalog';
import { buildLayeredCatalog, isGuidelineSource } from '../service/catalog/guidelineFile';
import type { CatalogPage, CatalogProblem } from '../service/catalog/types';
import type { StylebookSettings } from '../service/settings';
import { compareNames } from '../service/compare';
import { appendAll, PAGE_LIMITS } from '../service/catalog/limits';
import { readTextWithin, realPathOf, realRoots, refusal } from './safeRead';

/** How deep sub-folders of a catalog folder are read. */
const MAX_DEPTH = 4;

/**
 * Limits on a whole workspace catalog (every configured path together), so
 * that a repository cannot make start-up read without end. A page's own
 * limits (its size, its guidelines) are in `PAGE_LIMITS`.
 */
export const CATALOG_LIMITS = {
  /** Topic pages and guideline files read. */
  files: 2_000,
  /** Bytes read, all files together. */
  bytes: 32 * 1024 * 1024,
} as const;

/** Where catalog paths may point, and what to tell the user when one points elsewhere. */
export interface CatalogAccess {
  /**
   * Folders outside the workspace that the user (not the repository) allowed:
   * the editor's user-level `stylebook.catalog.allowedFolders`, or a folder
   * named on the command line.
   */
  allowedFolders?: readonly string[];
  /** How the user allows a folder outside the workspace, appended to the refusal. */
  outsideHint?: string;
}

/** Custom catalog layers read from the folders and files a configuration names. */
export interface CatalogLayers {
  /** One layer per configured path, in order; each holds topic pages (`.md`) and guideline files (`.yaml`). */
  layers: CatalogPage[][];
  /** Paths and files that could not be read: on the configuration line that names a path, on the file itself for a file in a folder. */
  problems: CatalogProblem[];
  /** The absolute folders and files that were configured (to watch for changes). */
  paths: string[];
}

function isCatalogFile(name: string): boolean {
  return name.endsWith('.md') || isGuidelineSource(name);
}

/** What one load has read so far, against `CATALOG_LIMITS`, and the folders it may read. */
interface LoadState {
  roots: string[];
  files: number;
  bytes: number;
  /** Real folders already read (a link back to a parent folder is read once). */
  seen: Set<string>;
  /** Set once a limit is reached; nothing more is read. */
  full: boolean;
  problems: CatalogProblem[];
}

/** Reads one configured folder (recursively, skipping hidden folders and node_modules) or file. */
function readPath(target: string, depth: number, pages: CatalogPage[], state: LoadState, problem: (message: string) => void): void {
  const real = realPathOf(target);
  if (real === undefined) {
    problem('not found');
    return;
  }
  const refused = refusal(real, state.roots, target);
  if (refused) {
    problem(refused);
    return;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch (e) {
    problem(`cannot be read: ${(e as Error).message}`);
    return;
  }
  if (stat.isDirectory()) {
    if (state.seen.has(real)) return;
    state.seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(real, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
    } catch (e) {
      problem(`cannot be read: ${(e as Error).message}`);
      return;
    }
    for (const e of entries) {
      if (state.full) return;
      const full = path.join(target, e.name);
      // A link may lead to a folder: decide by what it points at (readPath checks where that is).
      const isDir = e.isDirectory() || (e.isSymbolicLink() && isDirectory(full));
      if (isDir) {
        if (depth < MAX_DEPTH && !e.name.startsWith('.') && e.name !== 'node_modules') readPath(full, depth + 1, pages, state, (m) => problem(`contains ${e.name}, which ${m}`));
      } else if (isCatalogFile(e.name)) readFile(full, pages, state);
    }
    return;
  }
  if (!isCatalogFile(target)) {
    problem('is neither a folder, a topic page (.md) nor a guideline file (.yaml)');
    return;
  }
  readFile(target, pages, state);
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Reads one page or guideline file; a file that cannot or may not be read is a problem on that file. */
function readFile(file: string, pages: CatalogPage[], state: LoadState): void {
  const onFile = (message: string) => state.problems.push({ source: file, line: 0, column: 0, severity: 'error', message: `${path.basename(file)} ${message}; skipped` });
  if (state.files >= CATALOG_LIMITS.files || state.bytes >= CATALOG_LIMITS.bytes) {
    state.full = true;
    onFile(`was not read: the workspace catalog already holds ${state.files} files (${state.bytes} bytes), the most it may (${CATALOG_LIMITS.files} files, ${CATALOG_LIMITS.bytes} bytes)`);
    return;
  }
  const read = readTextWithin(file, state.roots, Math.min(PAGE_LIMITS.pageChars, CATALOG_LIMITS.bytes - state.bytes));
  if (read.message !== undefined) {
    onFile(read.message);
    return;
  }
  state.files++;
  state.bytes += Buffer.byteLength(read.text);
  pages.push({ source: file, text: read.text });
}

/**
 * Reads the custom catalog folders and guideline files that `settings`
 * names, relative to `rootDir`. `configFile`/`configText` let a problem with
 * a path point at the line of `.stylebook.yaml` that names it. Every path
 * and every file must lie, links resolved, inside `rootDir` or a folder of
 * `access.allowedFolders`. Never throws.
 */
export function loadCatalogLayers(rootDir: string, settings: StylebookSettings, options: { configFile?: string; configText?: string } & CatalogAccess = {}): CatalogLayers {
  const layers: CatalogPage[][] = [];
  const problems: CatalogProblem[] = [];
  const paths: string[] = [];
  const state: LoadState = { roots: realRoots([rootDir, ...(options.allowedFolders ?? [])]), files: 0, bytes: 0, seen: new Set(), full: false, problems };
  for (const entry of settings.catalogPaths) {
    const target = path.resolve(rootDir, entry);
    paths.push(target);
    const pages: CatalogPage[] = [];
    readPath(target, 0, pages, state, (message) => {
      const where = locateEntry(entry, options);
      const hint = options.outsideHint && /lies outside the workspace/.test(message) ? `; ${options.outsideHint}` : '';
      problems.push({ ...where, severity: 'error', message: `catalog path "${entry}" (${target}) ${message}${hint}` });
    });
    layers.push(pages);
  }
  return { layers, problems, paths };
}

/** The line of `.stylebook.yaml` that names a catalog path, or the path itself when the editor's settings name it. */
function locateEntry(entry: string, options: { configFile?: string; configText?: string }): { source: string; line: number; column: number } {
  if (options.configFile && options.configText) {
    const lines = options.configText.split('\n');
    // The first line that names the path outside a comment; good enough for a message's position.
    for (let i = 0; i < lines.length; i++) {
      const c = lines[i].indexOf(entry);
      const hash = lines[i].indexOf('#');
      if (c >= 0 && (hash < 0 || hash > c)) return { source: options.configFile, line: i, column: c };
    }
    return { source: options.configFile, line: 0, column: 0 };
  }
  return { source: 'VS Code settings (stylebook.catalog.paths)', line: 0, column: 0 };
}

/**
 * The whole catalog of a workspace: the shipped pages, then the custom
 * layers that `settings.catalogPaths` names (already filtered for trust by
 * the caller). Broken pages and unreadable paths become `catalog.problems`.
 */
export function loadWorkspaceCatalog(rootDir: string | undefined, settings: StylebookSettings, bundled: CatalogPage[], options: { configFile?: string; configText?: string } & CatalogAccess = {}): { catalog: Catalog; paths: string[] } {
  if (!rootDir || settings.catalogPaths.length === 0) return { catalog: buildLayeredCatalog([bundled]), paths: [] };
  const custom = loadCatalogLayers(rootDir, settings, options);
  const catalog = buildLayeredCatalog([bundled, ...custom.layers]);
  appendAll(catalog.problems, custom.problems);
  return { catalog, paths: custom.paths };
}
