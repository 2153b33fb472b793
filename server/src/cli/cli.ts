import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBundledCatalog } from '../node/catalogFiles';
import { loadCatalogLayers } from '../node/customCatalog';
import { buildLayeredCatalog } from '../service/catalog/guidelineFile';
import type { CatalogProblem } from '../service/catalog/types';
import { DEFAULT_SETTINGS } from '../service/settings';
import { parseArgs, UsageError, type CliArgs } from './args';
import { CLI_OUTSIDE_HINT, createEngine, loadConfig, type LoadedConfig } from './engine';
import { describeFsError, expandTargets } from './files';
import { FORMATTERS } from './formats/index';
import { displayPath } from './formats/paths';
import { atLeast, capFiles, countBySeverity, type LintResult } from './report';
import { writeChunks } from './formats/stream';
import { availableCores, runLint } from './run';
import { renderMarkdown, shouldColor, styles, supportsHyperlinks } from './terminal';
import { lookupTopic, searchCatalog } from './topics';
import { HELP, helpFor, usageHint } from './help';
import { compareNames } from '../service/compare';
import { addConsistencyProblems, formatRouteTable, hasCodeAndSpecs, loadWorkspace, routeTable } from './workspace';

/**
 * The `stylebook` commands. Everything the process touches comes in through
 * `CliIo`, so the entry point stays a few lines and the exit code is a
 * return value: 0 clean, 1 problems at or above the threshold (or a topic
 * not found, or a catalog with errors), 2 usage or I/O errors.
 */

/** A writable stream as far as the CLI cares. */
export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** The process around the CLI. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutStream;
  stderr: OutStream;
  version: string;
  /** The CLI's own script, run by lint workers. */
  workerScript: string;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE_OR_IO = 2;

/** Runs one command line and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`stylebook: ${e.message}\n${usageHint(argv)}\n`);
    return EXIT_USAGE_OR_IO;
  }
  try {
    switch (args.command) {
      case 'version':
        io.stdout.write(`${io.version}\n`);
        return EXIT_OK;
      case 'help': {
        const text = args.helpFor ? helpFor(args.helpFor) : HELP.main;
        if (!text) {
          io.stderr.write(`stylebook: no help for "${args.helpFor}"\n${HELP.main}`);
          return EXIT_USAGE_OR_IO;
        }
        io.stdout.write(text);
        return EXIT_OK;
      }
      case 'lint':
        return await lint(args, io);
      case 'routes':
        return await routes(args, io);
      case 'topic':
        return topic(args, io);
      case 'search':
        return search(args, io);
      case 'catalog-check':
        return catalogCheck(args, io);
      case 'lsp':
        return startLanguageServer(args, io);
    }
  } catch (e) {
    const err = e as Error;
    io.stderr.write(`stylebook: ${err.message}\n`);
    if (io.env.STYLEBOOK_DEBUG) io.stderr.write(`${err.stack}\n`);
    return EXIT_USAGE_OR_IO;
  }
}

/**
 * Starts the language server bundle (dist/server.js, beside the CLI) in this
 * process. It serves until the client closes the connection; stdout then
 * belongs to the protocol, so nothing else may be written to it.
 */
function startLanguageServer(args: CliArgs, io: CliIo): number {
  const server = path.join(path.dirname(io.workerScript), 'server.js');
  if (!fs.existsSync(server)) {
    io.stderr.write(`stylebook: the language server is missing (${server}); reinstall the package\n`);
    return EXIT_USAGE_OR_IO;
  }
  // vscode-languageserver picks its transport from the command line.
  const transport = args.positionals.length ? args.positionals : ['--stdio'];
  process.argv.splice(2, process.argv.length, ...transport);
  require(server);
  return EXIT_OK;
}

/** Loads the configuration and prints its problems (file:line:column), as the editor shows them on the file. */
function config(args: CliArgs, io: CliIo): LoadedConfig {
  const loaded = loadConfig(io.cwd, args.config);
  for (const p of loaded.problems) {
    io.stderr.write(`stylebook: ${displayPath(loaded.file ?? '.stylebook.yaml', io.cwd)}:${p.line + 1}:${p.column + 1}: ${p.severity}: ${p.message}\n`);
  }
  return loaded;
}

/** The engine input for a loaded configuration; `--allow-outside-catalog` folders are resolved against the working folder. */
function engineInput(cfg: LoadedConfig, args: CliArgs, io: CliIo) {
  const allowedFolders = args.allowOutsideCatalog.map((f) => path.resolve(io.cwd, f));
  return { settings: cfg.settings, rootDir: cfg.rootDir, configFile: cfg.file, configText: cfg.text, allowedFolders };
}

function printCatalogProblems(problems: readonly CatalogProblem[], io: CliIo): void {
  for (const p of problems) {
    io.stderr.write(`stylebook: catalog: ${displayPath(p.source, io.cwd)}:${p.line + 1}:${p.column + 1}: ${p.severity}: ${p.message}\n`);
  }
}

async function lint(args: CliArgs, io: CliIo): Promise<number> {
  const started = performance.now();
  const cfg = config(args, io);
  const configErrors = cfg.problems.some((p) => p.severity === 'error');
  const { files, errors, unmatched, ignored } = expandTargets(args.positionals, io.cwd, undefined, {
    cliPatterns: args.ignorePatterns, configPatterns: cfg.settings.ignore, configRoot: cfg.rootDir,
  }, args.ignoreUnknown);
  for (const n of ignored) io.stderr.write(`stylebook: ${displayPath(n.path, io.cwd)}: ${n.message}\n`);
  for (const e of errors) io.stderr.write(`stylebook: ${e}\n`);
  if (!args.allowNothing) {
    for (const glob of unmatched) io.stderr.write(`stylebook: no files match "${glob}"\n`);
  }

  // A progress line is only for people watching a terminal, and only when
  // there is enough to wait for; it is erased before the report is printed.
  const showProgress = !!io.stderr.isTTY && files.length >= 20 && !io.env.CI;
  let lastDraw = 0;
  const onProgress = showProgress ? (done: number, total: number) => {
    const now = performance.now();
    if (done !== total && now - lastDraw < 80) return;
    lastDraw = now;
    io.stderr.write(`\r\x1b[2Klinting ${done}/${total} files…`);
  } : undefined;

  const cores = availableCores();
  if (args.jobs !== undefined && args.jobs > cores) {
    io.stderr.write(`stylebook: -j ${args.jobs} is more than the ${cores} ${cores === 1 ? 'core' : 'cores'} of this machine; using ${cores}\n`);
  }
  const result: LintResult = await runLint(files, {
    engine: engineInput(cfg, args, io), jobs: args.jobs, workerScript: io.workerScript, onProgress,
    onError: (m) => io.stderr.write(`stylebook: ${m}\n`),
    onCatalogProblems: (problems) => printCatalogProblems(problems, io),
  });
  if (showProgress) io.stderr.write('\r\x1b[2K');
  // Code and spec checked against each other: on the main thread, over the same files, after the per-file rules.
  if (hasCodeAndSpecs(files)) {
    const engine = createEngine(engineInput(cfg, args, io), () => {});
    await loadWorkspace(engine, files);
    addConsistencyProblems(result, engine.service);
  }

  for (const f of result.failures) io.stderr.write(`stylebook: ${displayPath(f.path, io.cwd)}: ${f.message}\n`);
  const notes = [...ignored, ...(result.notes ?? [])];
  for (const n of result.notes ?? []) io.stderr.write(`stylebook: ${displayPath(n.path, io.cwd)}: ${n.message}\n`);
  const color = args.output ? false : shouldColor(io.stdout, args.color, io.env);
  // The exit code is decided on every problem; only the report is capped.
  const failing = result.files.some((f) => f.problems.some((p) => atLeast(p.severity, args.failOn)));
  const shown: LintResult = { ...result, files: capFiles(result.files, args.maxProblemsPerFile) };
  const chunks = FORMATTERS[args.format](shown, { cwd: io.cwd, color, version: io.version });
  if (args.output) {
    let fd: number | undefined;
    try {
      fs.mkdirSync(path.dirname(path.resolve(io.cwd, args.output)), { recursive: true });
      fd = fs.openSync(path.resolve(io.cwd, args.output), 'w');
      const out = fd;
      writeChunks(chunks, (s) => writeAll(out, Buffer.from(s)));
    } catch (e) {
      io.stderr.write(`stylebook: cannot write ${args.output}: ${describeFsError(e)}\n`);
      return EXIT_USAGE_OR_IO;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  } else writeChunks(chunks, (s) => io.stdout.write(s));
  if (io.env.STYLEBOOK_TIMING) {
    io.stderr.write(`stylebook: ${files.length} files in ${(performance.now() - started).toFixed(0)} ms\n`);
  }

  // A run that checked nothing passes CI having proved nothing (a renamed
  // folder, a spec the detection missed), so it fails unless asked not to.
  // Files named explicitly but left out on purpose (ignored, test code) were
  // explained above, so a run of only those is not "nothing to check".
  // A hook that passes every staged file (--ignore-unknown) has nothing to
  // check when none of them is API material, and that is no failure.
  const nothingChecked = !result.files.length && !errors.length && !result.failures.length && !notes.length && !args.ignoreUnknown;
  if (nothingChecked && !args.allowNothing && !unmatched.length) {
    const exempt = result.exempt ?? 0;
    const found = !files.length ? 'no YAML, JSON or source files found'
      : exempt ? `all ${files.length} files found were skipped (see the summary)`
        : files.length === 1 ? 'the one file found is neither an OpenAPI document nor route-handler code'
          : `none of the ${files.length} files found is an OpenAPI document or route-handler code`;
    io.stderr.write(`stylebook: nothing to check: ${found} (pass --no-error-on-unmatched-pattern if that is expected)\n`);
  }
  // A broken configuration fails the run even though the defaults were
  // applied: CI must not pass on rules the team did not mean to use.
  if (errors.length || configErrors || result.failures.some((f) => f.kind === 'io')) return EXIT_USAGE_OR_IO;
  if ((unmatched.length || nothingChecked) && !args.allowNothing) return EXIT_USAGE_OR_IO;
  const tooManyWarnings = args.maxWarnings !== undefined && countBySeverity(result.files).warning > args.maxWarnings;
  if (tooManyWarnings) {
    io.stderr.write(`stylebook: ${countBySeverity(result.files).warning} warnings, more than --max-warnings ${args.maxWarnings}\n`);
  }
  return failing || tooManyWarnings ? EXIT_PROBLEMS : EXIT_OK;
}

/** `routes [paths]`: the route table of the code among the files, matched against the specs among them. */
async function routes(args: CliArgs, io: CliIo): Promise<number> {
  const cfg = config(args, io);
  const { files, errors, unmatched } = expandTargets(args.positionals, io.cwd, undefined, {
    cliPatterns: args.ignorePatterns, configPatterns: cfg.settings.ignore, configRoot: cfg.rootDir,
  });
  for (const e of errors) io.stderr.write(`stylebook: ${e}\n`);
  for (const glob of unmatched) io.stderr.write(`stylebook: no files match "${glob}"\n`);
  const engine = createEngine(engineInput(cfg, args, io), (m) => io.stderr.write(`stylebook: ${m}\n`));
  let failed = false;
  const ws = await loadWorkspace(engine, files, (file, message) => {
    failed = true;
    io.stderr.write(`stylebook: ${displayPath(file, io.cwd)}: ${message}\n`);
  });
  const rows = routeTable(ws, io.cwd);
  if (!rows.length) io.stderr.write('stylebook: no routes found in route-handler code\n');
  io.stdout.write(formatRouteTable(rows));
  return errors.length || failed || unmatched.length ? EXIT_USAGE_OR_IO : EXIT_OK;
}

/** Writes all of `bytes` (a write may take only part of them). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at);
}

function topic(args: CliArgs, io: CliIo): number {
  const cfg = config(args, io);
  const { service } = createEngine(engineInput(cfg, args, io), (m) => io.stderr.write(`stylebook: ${m}\n`));
  const query = args.positionals.join(' ');
  const found = lookupTopic(query, service.catalog, cfg.settings.guideProfile);
  if (!found) {
    io.stderr.write(`stylebook: no topic matches "${query}"; try \`stylebook search ${query}\`\n`);
    return EXIT_PROBLEMS;
  }
  const color = shouldColor(io.stdout, args.color, io.env);
  const hyperlinks = supportsHyperlinks(io.stdout, io.env);
  let text = renderMarkdown(found.card, { color, hyperlinks });
  if (found.alternatives.length) {
    text += `\n\n${styles(color).dim(`Also close: ${found.alternatives.map((t) => t.id).join(', ')}`)}`;
  }
  io.stdout.write(`${text}\n`);
  return EXIT_OK;
}

function search(args: CliArgs, io: CliIo): number {
  const cfg = config(args, io);
  const { service } = createEngine(engineInput(cfg, args, io), (m) => io.stderr.write(`stylebook: ${m}\n`));
  const query = args.positionals.join(' ');
  const hits = searchCatalog(query, service.catalog, args.limit);
  if (!hits.length) {
    io.stderr.write(`stylebook: no topic matches "${query}"\n`);
    return EXIT_PROBLEMS;
  }
  const st = styles(shouldColor(io.stdout, args.color, io.env));
  // A loop, not Math.max(...list): a custom catalog may hold many thousands of topics and --limit has no ceiling.
  const width = hits.reduce((w, h) => Math.max(w, h.topic.id.length), 0);
  for (const h of hits) {
    const guides = h.topic.guidelines.length;
    io.stdout.write(`${st.bold(h.topic.id.padEnd(width))}  ${h.topic.name}  ${st.dim(`(${h.topic.category}; ${guides} ${guides === 1 ? 'guide' : 'guides'})`)}\n`);
  }
  return EXIT_OK;
}

/**
 * `catalog check [path]`: loads a folder of topic pages and guideline files
 * (or one such file) over the shipped catalog, exactly as the editor and
 * `lint` would, and prints every problem as file:line:column. Without a
 * path it checks the catalog paths the config lists, or the shipped catalog.
 */
function catalogCheck(args: CliArgs, io: CliIo): number {
  const cfg = config(args, io);
  const readErrors: string[] = [];
  const bundled = readBundledCatalog((m) => readErrors.push(m));
  const catalogPaths = args.positionals.length ? [path.resolve(io.cwd, args.positionals[0])] : cfg.settings.catalogPaths;
  // A folder named on the command line is the user's own choice; the config's paths must stay inside its folder.
  const custom = loadCatalogLayers(args.positionals.length ? io.cwd : cfg.rootDir, { ...DEFAULT_SETTINGS, catalogPaths }, {
    configFile: cfg.file, configText: cfg.text,
    allowedFolders: [...(args.positionals.length ? catalogPaths : []), ...args.allowOutsideCatalog.map((f) => path.resolve(io.cwd, f))],
    outsideHint: CLI_OUTSIDE_HINT,
  });
  for (const m of readErrors) io.stderr.write(`stylebook: ${m}\n`);
  const catalog = buildLayeredCatalog([bundled, ...custom.layers]);
  const checked = catalogPaths.length ? custom.layers.flat() : bundled;
  // Unreadable paths are I/O errors (exit 2); the pages' own problems are the report.
  const ioErrors = custom.problems;
  for (const p of ioErrors) io.stderr.write(`stylebook: ${p.message}\n`);
  const inChecked = new Set(checked.map((p) => p.source));
  const problems = catalog.problems
    .filter((p) => inChecked.has(p.source))
    .sort((a, b) => compareNames(a.source, b.source) || a.line - b.line || a.column - b.column);
  if (!ioErrors.length && !checked.length) io.stderr.write('stylebook: no topic pages (*.md) or guideline files (*.yaml) found\n');
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors++;
    else warnings++;
    io.stdout.write(`${displayPath(p.source, io.cwd)}:${p.line + 1}:${p.column + 1}: ${p.severity}: ${p.message}\n`);
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  io.stdout.write(`${plural(checked.length, 'file')} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  if (ioErrors.length || readErrors.length) return EXIT_USAGE_OR_IO;
  return errors ? EXIT_PROBLEMS : EXIT_OK;
}
