import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledCatalogDir, readCatalogDir } from '../node/catalogFiles';
import { buildCatalog } from '../service/catalog/catalog';
import type { CatalogPage, CatalogProblem } from '../service/catalog/types';
import { getLanguageService, type LanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS, type StylebookSettings } from '../service/settings';

/**
 * The CLI's I/O around the shared service: finding `.stylebook.yaml`,
 * reading the catalog layers and building the same language service the
 * editor uses. Every command (and every lint worker) starts here.
 */

/** Config file names looked for, in order, in each folder from cwd upward. */
export const CONFIG_NAMES = ['.stylebook.yaml', '.stylebook.yml'];

/** The nearest config file from `cwd` upward, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const n of CONFIG_NAMES) {
      const f = path.join(dir, n);
      if (fs.existsSync(f)) return f;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** What loading the configuration produced: settings, where they came from, and problems to print. */
export interface LoadedConfig {
  settings: StylebookSettings;
  file?: string;
  /** Problems in the config file; the defaults apply where it is wrong. */
  warnings: string[];
}

/**
 * Loads settings from an explicit `--config` file or the nearest
 * `.stylebook.yaml`. An explicit file that cannot be read is an error
 * (thrown); a found one that is broken gives warnings and defaults.
 */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return { settings: DEFAULT_SETTINGS, warnings: [] };
  if (explicit && !fs.existsSync(file)) throw new Error(`cannot read config ${explicit}: no such file`);
  // Reading `.stylebook.yaml` into settings belongs to the configuration work
  // (issue 4, server/src/node/config.ts). Until it lands the defaults apply,
  // and the CLI says so rather than pretending the file was honoured.
  return {
    settings: DEFAULT_SETTINGS,
    file,
    warnings: [`${file}: reading .stylebook.yaml is not available yet; the default settings apply`],
  };
}

/** The catalog layers: the shipped catalog, then each configured extra folder. */
export function readCatalogLayers(settings: StylebookSettings, baseDir: string, onError: (message: string) => void): CatalogPage[][] {
  const layers = [readCatalogDir(bundledCatalogDir(), onError)];
  for (const p of settings.catalogPaths) layers.push(readCatalogDir(path.resolve(baseDir, p), onError));
  return layers;
}

/** A ready service plus what was found while building it. */
export interface Engine {
  service: LanguageService;
  catalogProblems: CatalogProblem[];
}

/** Builds the language service for the given settings; catalog read errors go to `onError`. */
export function createEngine(settings: StylebookSettings, baseDir: string, onError: (message: string) => void): Engine {
  const catalog = buildCatalog(readCatalogLayers(settings, baseDir, onError));
  return { service: getLanguageService({ catalog, settings }), catalogProblems: catalog.problems };
}
