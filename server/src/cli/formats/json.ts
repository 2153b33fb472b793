import { countBySeverity, type LintResult } from '../report';
import type { FormatContext } from './index';
import { displayPath } from './paths';

/**
 * Machine-readable output: one JSON document with every file's problems, the
 * files that could not be linted, and the totals. Paths are cwd-relative.
 */
export function formatJson(result: LintResult, ctx: FormatContext): string {
  const out = {
    tool: { name: 'stylebook', version: ctx.version },
    files: result.files.map((f) => ({ path: displayPath(f.path, ctx.cwd), kind: f.kind, problems: f.problems })),
    failures: result.failures.map((f) => ({ path: displayPath(f.path, ctx.cwd), kind: f.kind, message: f.message })),
    summary: { files: result.files.length, skipped: result.skipped, exempt: result.exempt ?? 0, failures: result.failures.length, ...countBySeverity(result.files) },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
