import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CODE_LANGUAGES } from '../service/code/index';

/**
 * Turning `stylebook lint` targets (files, folders, globs) into the list of
 * files to read. Folders are walked honouring every `.gitignore` from the
 * repository root down; files are picked by extension only, and whether a
 * YAML or JSON file is an OpenAPI document is decided later from its text.
 */

/** File extensions and the language id the service expects for them. OpenAPI candidates first. */
const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascriptreact',
  '.py': 'python', '.go': 'go', '.java': 'java', '.kt': 'kotlin', '.kts': 'kotlin', '.cs': 'csharp',
  '.rb': 'ruby', '.php': 'php', '.rs': 'rust',
};

const OPENAPI_LANGUAGES = new Set(['yaml', 'json']);

/** Folders never worth walking, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** The language id for a path, or undefined when the service cannot use such a file. */
export function languageIdFor(file: string, codeLanguages: readonly string[] = CODE_LANGUAGES): string | undefined {
  const id = LANGUAGE_BY_EXTENSION[path.extname(file).toLowerCase()];
  if (!id) return undefined;
  return OPENAPI_LANGUAGES.has(id) || codeLanguages.includes(id) ? id : undefined;
}

/**
 * The Spring Boot configuration files beside the JVM code among `files`
 * (`src/main/resources/application.{properties,yml,yaml}` of each module),
 * which may set the context path of its routes. Only these few paths are
 * looked at; .properties files are otherwise never read.
 */
export function prefixConfigFiles(files: readonly LintTarget[]): LintTarget[] {
  const seen = new Set(files.map((f) => f.path));
  const out: LintTarget[] = [];
  const modules = new Set<string>();
  for (const f of files) {
    if (f.languageId !== 'java' && f.languageId !== 'kotlin') continue;
    const at = f.path.lastIndexOf(`${path.sep}src${path.sep}main${path.sep}`);
    if (at >= 0) modules.add(f.path.slice(0, at));
  }
  for (const dir of modules) {
    for (const name of ['application.properties', 'application.yml', 'application.yaml']) {
      const file = path.join(dir, 'src', 'main', 'resources', name);
      if (seen.has(file) || !fs.existsSync(file)) continue;
      seen.add(file);
      out.push({ path: file, languageId: name.endsWith('.properties') ? 'properties' : 'yaml' });
    }
  }
  return out;
}

/** Whether files of this language id may be OpenAPI documents (decided later from their text). */
export function isOpenApiCandidate(languageId: string): boolean {
  return OPENAPI_LANGUAGES.has(languageId);
}

/** One file to lint, with the language id chosen from its extension. */
export interface LintTarget {
  path: string;
  languageId: string;
  /** Named on the command line (not found in a folder or by a glob): a file that turns out to have nothing to check is an error. */
  explicit?: boolean;
}

export interface ExpandResult {
  files: LintTarget[];
  /** Targets that could not be used: missing paths, unreadable folders, files of a kind stylebook does not read. */
  errors: string[];
  /** Globs that matched no file (an error unless --no-error-on-unmatched-pattern). */
  unmatched: string[];
  /** Files named explicitly that an ignore pattern excludes, with the reason (said, not an error). */
  ignored: { path: string; message: string }[];
}

/** Ignore patterns for a run: `--ignore-pattern` values (relative to cwd) and the configuration's `ignore` (relative to its folder). */
export interface IgnoreOptions {
  cliPatterns: readonly string[];
  configPatterns: readonly string[];
  /** The folder the configuration's patterns are relative to. */
  configRoot: string;
}

/** A test for whether a path is excluded by the run's ignore patterns, and by which kind. */
function ignoreTest(cwd: string, options: IgnoreOptions | undefined): (abs: string, isDir: boolean) => string | undefined {
  if (!options || (!options.cliPatterns.length && !options.configPatterns.length)) return () => undefined;
  const layers: { dir: string; rules: Ignore; what: string }[] = [];
  if (options.cliPatterns.length) layers.push({ dir: cwd, rules: ignore().add([...options.cliPatterns]), what: 'it matches --ignore-pattern' });
  if (options.configPatterns.length) layers.push({ dir: options.configRoot, rules: ignore().add([...options.configPatterns]), what: 'it matches an "ignore" pattern of the configuration' });
  return (abs, isDir) => {
    for (const l of layers) {
      const rel = toPosix(path.relative(l.dir, abs));
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (l.rules.ignores(isDir ? `${rel}/` : rel)) return l.what;
    }
    return undefined;
  };
}

/** Expands files, folders and globs into lintable files (sorted, without duplicates). */
export function expandTargets(targets: readonly string[], cwd: string, codeLanguages: readonly string[] = CODE_LANGUAGES, ignoreOptions?: IgnoreOptions, ignoreUnknown = false): ExpandResult {
  const excluded = ignoreTest(cwd, ignoreOptions);
  const ignored: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const files: LintTarget[] = [];
  const errors: string[] = [];
  const unmatched: string[] = [];
  const add = (file: string, explicit = false) => {
    const abs = path.resolve(cwd, file);
    if (seen.has(abs)) return;
    const why = excluded(abs, false);
    if (why) {
      // Ignored files found by walking are passed over quietly; a named one is mentioned.
      if (explicit) ignored.push({ path: abs, message: `not checked: ${why}` });
      return;
    }
    const languageId = languageIdFor(abs, codeLanguages);
    // A file named explicitly is linted even when .gitignore lists it; one of
    // another kind is an error there (the user asked for it to be checked)
    // and skipped silently in a folder.
    if (!languageId) {
      if (explicit) errors.push(`cannot check ${file}: ${whyNotCheckable(abs, codeLanguages)}`);
      return;
    }
    seen.add(abs);
    files.push(explicit ? { path: abs, languageId, explicit } : { path: abs, languageId });
  };
  for (const target of targets) {
    if (isGlob(target)) {
      const before = files.length;
      const errorsBefore = errors.length;
      const { base, matcher } = compileGlob(target, cwd);
      walk(base, (file) => {
        if (matcher.test(toPosix(path.relative(cwd, file)))) add(file);
      }, errors, excluded);
      if (files.length === before && errors.length === errorsBefore) unmatched.push(target);
      continue;
    }
    const abs = path.resolve(cwd, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      errors.push(`cannot read ${target}: ${describeFsError(e)}`);
      continue;
    }
    if (stat.isDirectory()) walk(abs, add, errors, excluded);
    // With --ignore-unknown a named file is taken like one found in a folder.
    else add(target, !ignoreUnknown);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, errors, unmatched, ignored };
}

/** Why a file named on the command line is not one stylebook reads, naming what it does read. */
function whyNotCheckable(file: string, codeLanguages: readonly string[]): string {
  const ext = path.extname(file).toLowerCase();
  const code = Object.entries(LANGUAGE_BY_EXTENSION).filter(([, id]) => codeLanguages.includes(id)).map(([e]) => e);
  const what = ext ? `"${ext}" files` : 'files without an extension';
  return `stylebook reads OpenAPI documents (.yaml, .yml, .json) and route-handler code (${code.join(', ')}), not ${what}`;
}

/** A short, human reason for a file-system error ("no such file or directory", "permission denied"). */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder';
    case 'ELOOP': return 'too many symbolic links';
    default: return err.message ?? String(e);
  }
}

function isGlob(target: string): boolean {
  return /[*?[\]{}]/.test(target) && !fs.existsSync(target);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A gitignore layer: the rules of one `.gitignore` and the folder they are relative to. */
interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

/** The .gitignore layers from the repository root down to (and excluding) `dir`. */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let d = dir;
  for (;;) {
    const parent = path.dirname(d);
    if (fs.existsSync(path.join(d, '.git')) || parent === d) break;
    chain.push(parent);
    d = parent;
  }
  // Only folders inside a repository get their ancestors' rules; outside one,
  // just the .gitignore files found while walking apply.
  if (!fs.existsSync(path.join(d, '.git'))) return [];
  return chain.reverse().map(readLayer).filter((l): l is IgnoreLayer => !!l);
}

function readLayer(dir: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

function isIgnored(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const l of layers) {
    const rel = toPosix(path.relative(l.dir, abs));
    if (!rel || rel.startsWith('..')) continue;
    if (l.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** Walks a folder depth-first in a stable order, calling `onFile` for every file not ignored. */
function walk(root: string, onFile: (file: string) => void, errors: string[], excluded: (abs: string, isDir: boolean) => string | undefined = () => undefined): void {
  const visit = (dir: string, layers: IgnoreLayer[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(`cannot read folder ${dir}: ${describeFsError(e)}`);
      return;
    }
    const own = readLayer(dir);
    const here = own ? [...layers, own] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        // An ignored folder is not even read, so ignoring a huge generated tree costs nothing.
        if (ALWAYS_SKIPPED.has(e.name) || isIgnored(here, abs, true) || excluded(abs, true)) continue;
        visit(abs, here);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (!isIgnored(here, abs, false)) onFile(abs);
      }
    }
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    return;
  }
  if (!stat.isDirectory()) return;
  // A folder named on purpose (a lint target, the editor's workspace) is read
  // even when a parent's .gitignore lists it, as a named file is: its
  // ancestors' rules then do not apply inside it, only its own .gitignore files.
  const ancestors = ancestorLayers(root);
  visit(root, isIgnored(ancestors, root, true) ? [] : ancestors);
}

/**
 * Compiles a glob (`*`, `**`, `?`, `[...]`, `{a,b}`) to a regular expression
 * over cwd-relative POSIX paths, and finds the folder to start walking from
 * (the glob's leading part without wildcards).
 */
export function compileGlob(glob: string, cwd: string): { base: string; matcher: RegExp } {
  const posix = toPosix(path.relative(cwd, path.resolve(cwd, glob)));
  const parts = posix.split('/');
  const fixed: string[] = [];
  for (const p of parts) {
    if (/[*?[\]{}]/.test(p)) break;
    fixed.push(p);
  }
  const base = path.resolve(cwd, fixed.join('/') || '.');
  let re = '';
  for (let i = 0; i < posix.length; i++) {
    const c = posix[i];
    if (c === '*') {
      if (posix[i + 1] === '*') {
        // `**/` matches any number of folders, including none.
        const slash = posix[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = posix.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${posix.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      const close = posix.indexOf('}', i + 1);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${posix.slice(i + 1, close).split(',').map(escapeRegExp).join('|')})`;
        i = close;
      }
    } else re += escapeRegExp(c);
  }
  return { base, matcher: new RegExp(`^${re}$`) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
