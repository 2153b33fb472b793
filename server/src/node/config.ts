import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAMES, mergeSettings, parseStylebookConfig, type ConfigProblem, type SettingsOverrides, type ValidateOptions,
} from '../service/config/config';
import { DEFAULT_SETTINGS, type StylebookSettings } from '../service/settings';
import { readTextWithin, realRoots } from './safeRead';

/** A configuration larger than this is surely not one; reading it would only waste memory. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The workspace's configuration as the editor and the command line use it. */
export interface WorkspaceConfig {
  /** The effective settings: defaults, then the editor's settings, then `.stylebook.yaml`. */
  settings: StylebookSettings;
  /** What `.stylebook.yaml` set explicitly. */
  overrides: SettingsOverrides;
  /** Problems in `.stylebook.yaml` (0-based lines), reported on `file`. */
  problems: ConfigProblem[];
  /** The absolute path of the configuration file, when there is one. */
  file?: string;
  /** Its text, for locating entries (catalog paths) in messages. */
  text?: string;
}

/**
 * The `.stylebook.yaml` (or `.yml`) at the workspace root, or undefined.
 * Anything by that name but a folder counts (a link, a FIFO): reading it then
 * says why it cannot be used, rather than ignoring it in silence.
 */
export function findConfigFile(rootDir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(rootDir, name);
    try {
      if (!fs.lstatSync(file).isDirectory()) return file;
    } catch {
      /* not there: try the next name */
    }
  }
  return undefined;
}

/**
 * Reads and validates the workspace's `.stylebook.yaml` and layers it over
 * the defaults and the editor's settings (`editor`). The file wins over the
 * editor because it is shared with the command line and CI: the same
 * repository must give the same diagnostics everywhere. Never throws.
 * `text` replaces the file's content on disk (an unsaved editor buffer).
 */
export function loadWorkspaceConfig(rootDir: string, options: ValidateOptions & { editor?: SettingsOverrides; text?: string; trusted?: boolean } = {}): WorkspaceConfig {
  const editor = options.editor ?? {};
  const file = findConfigFile(rootDir);
  if (!file) return { settings: mergeSettings(DEFAULT_SETTINGS, editor), overrides: {}, problems: [] };
  let text = options.text;
  if (text === undefined) {
    // Read even in an untrusted workspace, so it must be a regular file inside the
    // workspace, read no further than the limit (a link to /dev/zero says 0 bytes).
    const read = readTextWithin(file, realRoots([rootDir]), MAX_CONFIG_BYTES);
    if (read.message !== undefined) {
      return {
        settings: mergeSettings(DEFAULT_SETTINGS, editor), overrides: {}, file,
        problems: [{ line: 0, column: 0, endLine: 0, endColumn: 1, severity: 'error', message: `the configuration ${read.message}; defaults apply` }],
      };
    }
    text = read.text;
  }
  const { overrides, problems } = parseStylebookConfig(text, options);
  // Catalog folders named by the workspace itself are read only once the user trusts it;
  // the editor's own restricted setting (user level in an untrusted workspace) still applies.
  if (options.trusted === false && overrides.catalogPaths?.length) {
    const at = /^catalog[ \t]*:/m.exec(text);
    const line = at ? text.slice(0, at.index).split('\n').length - 1 : 0;
    problems.push({ line, column: 0, endLine: line, endColumn: 7, severity: 'warning', message: 'catalog.paths is not loaded: this workspace is not trusted. Trust the workspace to load its catalog folders.' });
    delete overrides.catalogPaths;
  }
  return { settings: mergeSettings(DEFAULT_SETTINGS, editor, overrides), overrides, problems, file, text };
}
