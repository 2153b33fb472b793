import { countBySeverity, notShownCount, type LintResult } from '../report';
import type { FormatContext } from './index';
import { displayPath } from './paths';
import { jsonChunks } from './stream';

/**
 * Machine-readable output: one JSON document with every file's problems (and
 * `notShown`, how many `--max-problems-per-file` left out), the files that
 * could not be linted, and the totals. Paths are cwd-relative.
 */
export function* formatJson(result: LintResult, ctx: FormatContext): Generator<string> {
  const out = {
    tool: { name: 'stylebook', version: ctx.version },
    files: result.files.map((f) => {
      const notShown = notShownCount(f);
      return { path: displayPath(f.path, ctx.cwd), kind: f.kind, problems: f.problems, ...(notShown ? { notShown } : {}) };
    }),
    failures: result.failures.map((f) => ({ path: displayPath(f.path, ctx.cwd), kind: f.kind, message: f.message })),
    summary: { files: result.files.length, skipped: result.skipped, exempt: result.exempt ?? 0, failures: result.failures.length, ...countBySeverity(result.files) },
  };
  // Down to each problem (root, files, file, problems): one problem is the largest piece held as one string.
  yield* jsonChunks(out, 4);
  yield '\n';
}
