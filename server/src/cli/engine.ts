import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBundledCatalog } from '../node/catalogFiles';
import { findConfigFile as findConfigIn, loadWorkspaceConfig, MAX_CONFIG_BYTES } from '../node/config';
import { readTextWithin } from '../node/safeRead';
import { loadWorkspaceCatalog } from '../node/customCatalog';
import { createGrammarLoader, type GrammarLoader } from '../node/grammars';
import type { CatalogProblem } from '../service/catalog/types';
import { mergeSettings, parseStylebookConfig, type ConfigProblem } from '../service/config/config';
import { ALL_RULE_IDS, getLanguageService, type LanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS, type StylebookSettings } from '../service/settings';

/**
 * The CLI's I/O around the shared service: finding `.stylebook.yaml`,
 * reading the catalog layers and the route-handler grammars, and building
 * the same language service the editor uses. Every command (and every lint
 * worker) starts here.
 */

/** The nearest `.stylebook.yaml` (or `.yml`) from `cwd` upward, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const found = findConfigIn(dir);
    if (found) return found;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The configuration a command runs with, and where it came from. */
export interface LoadedConfig {
  settings: StylebookSettings;
  /** The config file, when there is one. */
  file?: string;
  text?: string;
  /** The folder relative catalog paths are resolved against: the config file's folder, else cwd. */
  rootDir: string;
  /** Problems in the config file; the defaults apply where it is wrong. */
  problems: ConfigProblem[];
}

/**
 * Loads settings from an explicit `--config` file or the nearest
 * `.stylebook.yaml` from `cwd` upward, with the configuration engine the
 * editor uses. An explicit file that cannot be read throws (a usage error).
 */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    // The user named this file, so it may lie anywhere; it must still be a regular file of sane size.
    const read = readTextWithin(file, [path.parse(file).root], MAX_CONFIG_BYTES);
    if (read.message !== undefined) throw new Error(`cannot read config ${explicit}: ${read.message === 'not found' ? 'no such file' : read.message}`);
    const text = read.text;
    const { overrides, problems } = parseStylebookConfig(text, { ruleIds: ALL_RULE_IDS });
    return { settings: mergeSettings(DEFAULT_SETTINGS, overrides), file, text, rootDir: path.dirname(file), problems };
  }
  const found = findConfigFile(cwd);
  if (!found) return { settings: DEFAULT_SETTINGS, rootDir: cwd, problems: [] };
  const rootDir = path.dirname(found);
  const ws = loadWorkspaceConfig(rootDir, { ruleIds: ALL_RULE_IDS });
  return { settings: ws.settings, file: ws.file, text: ws.text, rootDir, problems: ws.problems };
}

/** What a lint worker needs to build the same engine as the main thread (plain data). */
export interface EngineInput {
  settings: StylebookSettings;
  rootDir: string;
  configFile?: string;
  configText?: string;
  /** Folders outside `rootDir` the user allowed catalog paths to read (the command line's own choice, never the config's). */
  allowedFolders?: string[];
}

/** What a refused catalog path outside the configuration's folder tells the user. */
export const CLI_OUTSIDE_HINT = 'the command line reads catalog folders outside the folder of .stylebook.yaml only when you name them yourself: pass --allow-outside-catalog <folder>';

/** A ready service plus what was found while building it. */
export interface Engine {
  service: LanguageService;
  /** Problems in the catalog layers (broken custom pages, unreadable catalog paths). */
  catalogProblems: CatalogProblem[];
  /** Loads the route-handler grammars of these languages; the service needs them loaded before it sees such files. */
  ensureLanguages(languageIds: Iterable<string>): Promise<void>;
}

/** Builds the language service: shipped catalog plus configured layers, and a grammar loader for route-handler code. */
export function createEngine(input: EngineInput, onError: (message: string) => void): Engine {
  const bundled = readBundledCatalog(onError);
  const { catalog } = loadWorkspaceCatalog(input.rootDir, input.settings, bundled, {
    configFile: input.configFile, configText: input.configText, allowedFolders: input.allowedFolders, outsideHint: CLI_OUTSIDE_HINT,
  });
  const grammars: GrammarLoader = createGrammarLoader([__dirname]);
  // The configuration's folder is the root its `ignore` patterns and the test-folder conventions are relative to.
  const service = getLanguageService({ catalog, settings: input.settings, codeParsers: grammars, workspaceRoot: pathToFileURL(input.rootDir).toString() });
  return {
    service,
    catalogProblems: catalog.problems,
    async ensureLanguages(ids) {
      await Promise.all([...new Set(ids)].map((id) => grammars.ensure(id)));
    },
  };
}
