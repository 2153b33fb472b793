import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../service/catalog/catalog';
import { buildLayeredCatalog, isGuidelineSource } from '../service/catalog/guidelineFile';
import type { CatalogPage, CatalogProblem } from '../service/catalog/types';
import type { StylebookSettings } from '../service/settings';
import { compareNames } from '../service/compare';

/** A page or guideline file larger than this is not read (a catalog page is a few KB). */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
/** How deep sub-folders of a catalog folder are read. */
const MAX_DEPTH = 4;

/** Custom catalog layers read from the folders and files a configuration names. */
export interface CatalogLayers {
  /** One layer per configured path, in order; each holds topic pages (`.md`) and guideline files (`.yaml`). */
  layers: CatalogPage[][];
  /** Paths that could not be read, reported on the configuration file when it names them. */
  problems: CatalogProblem[];
  /** The absolute folders and files that were configured (to watch for changes). */
  paths: string[];
}

function isCatalogFile(name: string): boolean {
  return name.endsWith('.md') || isGuidelineSource(name);
}

/** Reads one configured folder (recursively, skipping hidden folders and node_modules) or file. */
function readPath(target: string, depth: number, pages: CatalogPage[], problem: (message: string) => void): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    problem('not found');
    return;
  }
  if (stat.isDirectory()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
    } catch (e) {
      problem(`cannot be read: ${(e as Error).message}`);
      return;
    }
    for (const e of entries) {
      const full = path.join(target, e.name);
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH && !e.name.startsWith('.') && e.name !== 'node_modules') readPath(full, depth + 1, pages, problem);
      } else if (isCatalogFile(e.name)) readFile(full, pages, problem);
    }
    return;
  }
  if (!isCatalogFile(target)) {
    problem('is neither a folder, a topic page (.md) nor a guideline file (.yaml)');
    return;
  }
  readFile(target, pages, problem);
}

function readFile(file: string, pages: CatalogPage[], problem: (message: string) => void): void {
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_PAGE_BYTES) {
      problem(`${path.basename(file)} is ${size} bytes, too large for a catalog page; skipped`);
      return;
    }
    pages.push({ source: file, text: fs.readFileSync(file, 'utf8') });
  } catch (e) {
    problem(`${path.basename(file)} cannot be read: ${(e as Error).message}`);
  }
}

/**
 * Reads the custom catalog folders and guideline files that `settings`
 * names, relative to `rootDir`. `configFile`/`configText` let a problem with
 * a path point at the line of `.stylebook.yaml` that names it. Never throws.
 */
export function loadCatalogLayers(rootDir: string, settings: StylebookSettings, options: { configFile?: string; configText?: string } = {}): CatalogLayers {
  const layers: CatalogPage[][] = [];
  const problems: CatalogProblem[] = [];
  const paths: string[] = [];
  for (const entry of settings.catalogPaths) {
    const target = path.resolve(rootDir, entry);
    paths.push(target);
    const pages: CatalogPage[] = [];
    readPath(target, 0, pages, (message) => {
      const where = locateEntry(entry, options);
      problems.push({ ...where, severity: 'error', message: `catalog path "${entry}" (${target}) ${message}` });
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
export function loadWorkspaceCatalog(rootDir: string | undefined, settings: StylebookSettings, bundled: CatalogPage[], options: { configFile?: string; configText?: string } = {}): { catalog: Catalog; paths: string[] } {
  if (!rootDir || settings.catalogPaths.length === 0) return { catalog: buildLayeredCatalog([bundled]), paths: [] };
  const custom = loadCatalogLayers(rootDir, settings, options);
  const catalog = buildLayeredCatalog([bundled, ...custom.layers]);
  catalog.problems.push(...custom.problems);
  return { catalog, paths: custom.paths };
}
