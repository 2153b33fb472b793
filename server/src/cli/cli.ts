import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledCatalogDir, readCatalogDir } from '../node/catalogFiles';
import { buildCatalog } from '../service/catalog/catalog';
import type { CatalogPage } from '../service/catalog/types';
import { parseArgs, UsageError, type CliArgs } from './args';
import { createEngine, loadConfig, type LoadedConfig } from './engine';
import { describeFsError, expandTargets } from './files';
import { FORMATTERS } from './formats/index';
import { displayPath } from './formats/paths';
import { atLeast, countBySeverity, type LintResult } from './report';
import { runLint } from './run';
import { renderMarkdown, shouldColor, styles, supportsHyperlinks } from './terminal';
import { lookupTopic, searchCatalog } from './topics';
import { HELP, usageHint } from './help';

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
        const text = args.helpFor ? HELP[args.helpFor === 'catalog' ? 'catalog-check' : args.helpFor] : HELP.main;
        if (!text) {
          io.stderr.write(`stylebook: no help for "${args.helpFor}"\n${HELP.main}`);
          return EXIT_USAGE_OR_IO;
        }
        io.stdout.write(text);
        return EXIT_OK;
      }
      case 'lint':
        return await lint(args, io);
      case 'topic':
        return topic(args, io);
      case 'search':
        return search(args, io);
      case 'catalog-check':
        return catalogCheck(args, io);
    }
  } catch (e) {
    const err = e as Error;
    io.stderr.write(`stylebook: ${err.message}\n`);
    if (io.env.STYLEBOOK_DEBUG) io.stderr.write(`${err.stack}\n`);
    return EXIT_USAGE_OR_IO;
  }
}

function config(args: CliArgs, io: CliIo): LoadedConfig {
  const loaded = loadConfig(io.cwd, args.config);
  for (const w of loaded.warnings) io.stderr.write(`stylebook: ${w}\n`);
  return loaded;
}

async function lint(args: CliArgs, io: CliIo): Promise<number> {
  const started = performance.now();
  const cfg = config(args, io);
  const baseDir = cfg.file ? path.dirname(cfg.file) : io.cwd;
  const { files, errors } = expandTargets(args.positionals, io.cwd);
  for (const e of errors) io.stderr.write(`stylebook: ${e}\n`);

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

  const result: LintResult = await runLint(files, {
    settings: cfg.settings, baseDir, jobs: args.jobs, workerScript: io.workerScript, onProgress,
    onError: (m) => io.stderr.write(`stylebook: ${m}\n`),
  });
  if (showProgress) io.stderr.write('\r\x1b[2K');

  for (const f of result.failures) io.stderr.write(`stylebook: ${displayPath(f.path, io.cwd)}: ${f.message}\n`);
  const color = args.output ? false : shouldColor(io.stdout, args.color, io.env);
  const text = FORMATTERS[args.format](result, { cwd: io.cwd, color, version: io.version });
  if (args.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(io.cwd, args.output)), { recursive: true });
      fs.writeFileSync(path.resolve(io.cwd, args.output), text);
    } catch (e) {
      io.stderr.write(`stylebook: cannot write ${args.output}: ${describeFsError(e)}\n`);
      return EXIT_USAGE_OR_IO;
    }
  } else io.stdout.write(text);
  if (io.env.STYLEBOOK_TIMING) {
    io.stderr.write(`stylebook: ${files.length} files in ${(performance.now() - started).toFixed(0)} ms\n`);
  }

  if (errors.length || result.failures.some((f) => f.kind === 'io')) return EXIT_USAGE_OR_IO;
  const failing = result.files.some((f) => f.problems.some((p) => atLeast(p.severity, args.failOn)));
  const tooManyWarnings = args.maxWarnings !== undefined && countBySeverity(result.files).warning > args.maxWarnings;
  if (tooManyWarnings) {
    io.stderr.write(`stylebook: ${countBySeverity(result.files).warning} warnings, more than --max-warnings ${args.maxWarnings}\n`);
  }
  return failing || tooManyWarnings ? EXIT_PROBLEMS : EXIT_OK;
}

function topic(args: CliArgs, io: CliIo): number {
  const cfg = config(args, io);
  const { service } = createEngine(cfg.settings, cfg.file ? path.dirname(cfg.file) : io.cwd, (m) => io.stderr.write(`stylebook: ${m}\n`));
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
  const { service } = createEngine(cfg.settings, cfg.file ? path.dirname(cfg.file) : io.cwd, (m) => io.stderr.write(`stylebook: ${m}\n`));
  const query = args.positionals.join(' ');
  const hits = searchCatalog(query, service.catalog, args.limit);
  if (!hits.length) {
    io.stderr.write(`stylebook: no topic matches "${query}"\n`);
    return EXIT_PROBLEMS;
  }
  const st = styles(shouldColor(io.stdout, args.color, io.env));
  const width = Math.max(...hits.map((h) => h.topic.id.length));
  for (const h of hits) {
    const guides = h.topic.guidelines.length;
    io.stdout.write(`${st.bold(h.topic.id.padEnd(width))}  ${h.topic.name}  ${st.dim(`(${h.topic.category}; ${guides} ${guides === 1 ? 'guide' : 'guides'})`)}\n`);
  }
  return EXIT_OK;
}

/**
 * `catalog check [dir]`: loads a folder of topic pages exactly as the
 * service would and prints every problem as file:line:column. Without a
 * folder it checks the folders the config lists, or the shipped catalog.
 */
function catalogCheck(args: CliArgs, io: CliIo): number {
  const cfg = config(args, io);
  const baseDir = cfg.file ? path.dirname(cfg.file) : io.cwd;
  const dirs = args.positionals.length
    ? [path.resolve(io.cwd, args.positionals[0])]
    : cfg.settings.catalogPaths.length ? cfg.settings.catalogPaths.map((p) => path.resolve(baseDir, p)) : [bundledCatalogDir()];
  let ioError = false;
  let errors = 0;
  let warnings = 0;
  let pagesChecked = 0;
  let topics = 0;
  for (const dir of dirs) {
    const readErrors: string[] = [];
    const pages: CatalogPage[] = readCatalogDir(dir, (m) => readErrors.push(m));
    for (const m of readErrors) io.stderr.write(`stylebook: ${m}\n`);
    if (readErrors.length) ioError = true;
    if (!readErrors.length && !pages.length) io.stderr.write(`stylebook: ${displayPath(dir, io.cwd)}: no topic pages (*.md) found\n`);
    const catalog = buildCatalog([pages]);
    pagesChecked += pages.length;
    topics += catalog.topics.length;
    const problems = [...catalog.problems].sort((a, b) => a.source.localeCompare(b.source) || a.line - b.line || a.column - b.column);
    for (const p of problems) {
      if (p.severity === 'error') errors++;
      else warnings++;
      io.stdout.write(`${displayPath(p.source, io.cwd)}:${p.line + 1}:${p.column + 1}: ${p.severity}: ${p.message}\n`);
    }
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  io.stdout.write(`${plural(pagesChecked, 'page')} checked, ${plural(topics, 'topic')} loaded, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  if (ioError) return EXIT_USAGE_OR_IO;
  return errors ? EXIT_PROBLEMS : EXIT_OK;
}
