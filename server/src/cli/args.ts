/**
 * Command-line argument parsing for `stylebook`. Deliberately tiny and
 * dependency-free: the grammar is a command word, flags with values, boolean
 * flags and positionals, and every mistake becomes a `UsageError` (exit 2).
 */

import { DEFAULT_MAX_PROBLEMS_PER_FILE } from '../service/problemCap';

/** A mistake in how the command was called; the CLI prints it with a hint and exits with 2. */
export class UsageError extends Error {}

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';
export type FailOn = 'error' | 'warning' | 'info';

export const FORMATS: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info'];

/** The parsed command line. */
export interface CliArgs {
  command: 'lint' | 'routes' | 'topic' | 'search' | 'catalog-check' | 'lsp' | 'help' | 'version';
  /** Files, folders and globs for `lint`; words for `topic` and `search`; the folder for `catalog check`. */
  positionals: string[];
  format: FormatName;
  output?: string;
  maxWarnings?: number;
  failOn: FailOn;
  config?: string;
  /** undefined: decide from the terminal; true/false: forced by --color/--no-color. */
  color?: boolean;
  /** Worker threads for lint; undefined: decide from the size of the run. */
  jobs?: number;
  limit: number;
  /** `--no-error-on-unmatched-pattern`: a glob matching nothing, or a run that finds nothing to check, is not an error. */
  allowNothing?: boolean;
  /**
   * `--ignore-unknown`: files named on the command line are taken like files
   * found in a folder (for hooks that pass every staged file): those that are
   * not OpenAPI documents or route-handler code are skipped, not errors, and
   * a run left with nothing to check passes.
   */
  ignoreUnknown?: boolean;
  /** `--ignore-pattern` (repeatable): gitignore-style patterns, relative to the working folder, of files not to lint. */
  ignorePatterns: string[];
  /** `--allow-outside-catalog` (repeatable): folders outside the configuration's folder that its catalog paths may read, as given. */
  allowOutsideCatalog: string[];
  /** `--max-problems-per-file`: problems shown per file before one "N more problems not shown" line. */
  maxProblemsPerFile: number;
  /** The command whose help was asked for (`stylebook help lint`, `stylebook lint --help`). */
  helpFor?: string;
}

/**
 * Flags that take a value, with their short aliases. A Map, not an object
 * literal: `'constructor' in {}` is true, which once made command words such
 * as `constructor` or `valueOf` read as flags.
 */
const VALUE_FLAGS: ReadonlyMap<string, string> = new Map([
  ['--format', 'format'], ['-f', 'format'],
  ['--output', 'output'], ['-o', 'output'],
  ['--max-warnings', 'maxWarnings'],
  ['--fail-on', 'failOn'],
  ['--config', 'config'], ['-c', 'config'],
  ['--jobs', 'jobs'], ['-j', 'jobs'],
  ['--limit', 'limit'], ['-n', 'limit'],
  ['--ignore-pattern', 'ignorePattern'],
  ['--allow-outside-catalog', 'allowOutsideCatalog'],
  ['--max-problems-per-file', 'maxProblemsPerFile'],
]);


/** Parses `argv` (without node and the script); throws UsageError on any mistake. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { command: 'help', positionals: [], format: 'stylish', failOn: 'error', limit: 10, ignorePatterns: [], allowOutsideCatalog: [], maxProblemsPerFile: DEFAULT_MAX_PROBLEMS_PER_FILE };
  // The language server takes its transport flags (--stdio, --node-ipc, --socket=n, --pipe=name) as they are.
  if (argv[0] === 'lsp' && !argv.includes('--help') && !argv.includes('-h')) {
    const transport = argv.slice(1);
    const unknown = transport.find((t) => !/^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/.test(t));
    if (unknown) throw new UsageError(`lsp takes only a transport (--stdio, the default; --node-ipc, --socket=<port>, --pipe=<name>), not "${unknown}"`);
    return { ...args, command: 'lsp', positionals: transport };
  }
  const rest: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    let inlineValue: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      inlineValue = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    if (a === '--help' || a === '-h') help = true;
    else if (a === '--version' || a === '-v') version = true;
    else if (a === '--color') args.color = true;
    else if (a === '--no-color') args.color = false;
    // ESLint's name for the same choice, so that CI scripts read alike.
    else if (a === '--no-error-on-unmatched-pattern') args.allowNothing = true;
    // Prettier's name for the same choice, which hook set-ups already use.
    else if (a === '--ignore-unknown') args.ignoreUnknown = true;
    else if (VALUE_FLAGS.has(a)) {
      const value = inlineValue ?? argv[++i];
      if (value === undefined || (inlineValue === undefined && value.startsWith('-') && value.length > 1)) {
        throw new UsageError(`${a} needs a value`);
      }
      setValue(args, VALUE_FLAGS.get(a)!, a, value);
    } else if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (version) return { ...args, command: 'version' };
  const word = rest.shift();
  if (word === undefined) return { ...args, command: 'help' };
  if (word === 'help') return { ...args, command: 'help', helpFor: rest[0] };
  if (help) return { ...args, command: 'help', helpFor: word };
  switch (word) {
    case 'lint':
      if (!rest.length) throw new UsageError('lint needs at least one file, folder or glob');
      return { ...args, command: 'lint', positionals: rest };
    case 'routes':
      return { ...args, command: 'routes', positionals: rest.length ? rest : ['.'] };
    case 'topic':
    case 'search':
      if (!rest.length) throw new UsageError(`${word} needs ${word === 'topic' ? 'a status code, topic id or words' : 'some words'}`);
      return { ...args, command: word, positionals: rest };
    case 'catalog': {
      const sub = rest.shift();
      if (sub !== 'check') throw new UsageError(sub ? `unknown catalog command "${sub}" (try "catalog check")` : 'catalog needs a command: check');
      if (rest.length > 1) throw new UsageError('catalog check takes at most one folder');
      return { ...args, command: 'catalog-check', positionals: rest };
    }
    default:
      throw new UsageError(`unknown command "${word}"`);
  }
}

function setValue(args: CliArgs, key: string, flag: string, value: string): void {
  switch (key) {
    case 'format':
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${FORMATS.join(', ')}, not "${value}"`);
      args.format = value as FormatName;
      return;
    case 'failOn':
      if (!(FAIL_ON as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${FAIL_ON.join(', ')}, not "${value}"`);
      args.failOn = value as FailOn;
      return;
    case 'maxWarnings':
      args.maxWarnings = wholeNumber(flag, value, 0);
      return;
    case 'jobs':
      args.jobs = wholeNumber(flag, value, 1);
      return;
    case 'limit':
      args.limit = wholeNumber(flag, value, 1);
      return;
    case 'output':
      args.output = value;
      return;
    case 'config':
      args.config = value;
      return;
    case 'allowOutsideCatalog':
      if (!value.trim()) throw new UsageError(`${flag} needs a folder, not an empty string`);
      args.allowOutsideCatalog.push(value);
      return;
    case 'maxProblemsPerFile':
      // 0 means no cap, for the rare run that wants every problem in a machine-readable report.
      args.maxProblemsPerFile = wholeNumber(flag, value, 0);
      return;
    case 'ignorePattern':
      if (!value.trim()) throw new UsageError(`${flag} needs a pattern, not an empty string`);
      args.ignorePatterns.push(value);
      return;
  }
}

function wholeNumber(flag: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be a whole number${min ? ` of at least ${min}` : ''}, not "${value}"`);
  return Number(value);
}
