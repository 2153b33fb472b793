import type { LintResult, Severity } from '../report';
import type { FormatContext } from './index';
import { displayPath } from './paths';
import { relatedSummary } from './stylish';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which
 * the runner turns into annotations on the pull request's changed lines.
 */

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escapes a workflow command's message (percent, CR and LF must be encoded). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (also ':' and ','). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats problems and failures as workflow commands, one per line. */
export function formatGithub(result: LintResult, ctx: FormatContext): string {
  const lines: string[] = [];
  for (const f of result.files) {
    const file = escapeProperty(displayPath(f.path, ctx.cwd));
    for (const p of f.problems) {
      const props = [
        `file=${file}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`, `endColumn=${p.endColumn}`,
        `title=${escapeProperty(`stylebook ${p.ruleId}${p.topicName ? ` (${p.topicName})` : ''}`)}`,
      ];
      const more = (p.related?.length ? `\n${relatedSummary(p.related)}` : '') + (p.helpUri ? `\n${p.helpUri}` : '');
      lines.push(`::${COMMAND[p.severity]} ${props.join(',')}::${escapeData(p.message + more)}`);
    }
  }
  for (const f of result.failures) {
    if (f.kind === 'syntax') continue; // Already annotated at its line as a `syntax` problem.
    lines.push(`::error file=${escapeProperty(displayPath(f.path, ctx.cwd))},title=stylebook::${escapeData(f.message)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
