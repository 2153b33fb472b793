import { notShownMessage } from '../../service/problemCap';
import { notShownCount, type LintResult, type Severity } from '../report';
import type { FormatContext } from './index';
import { displayPath } from './paths';
import { relatedSummary } from './stylish';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which
 * the runner turns into annotations on the pull request's changed lines.
 */

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * Control characters other than tab, CR and LF: C0, DEL and the C1 range,
 * which holds the one-byte CSI (U+009B). Spec text in a repository could
 * carry ESC or BEL sequences that the runner's log would act on.
 */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/**
 * Escapes a workflow command's message as GitHub documents it (`%`, CR and LF
 * percent-encoded) after dropping other control characters.
 */
export function escapeData(s: string): string {
  return s.replace(CONTROL, '').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (also ':' and ',', which separate properties). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats problems and failures as workflow commands, one per line. */
export function* formatGithub(result: LintResult, ctx: FormatContext): Generator<string> {
  for (const f of result.files) {
    const file = escapeProperty(displayPath(f.path, ctx.cwd));
    for (const p of f.problems) {
      const props = [
        `file=${file}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`, `endColumn=${p.endColumn}`,
        `title=${escapeProperty(`stylebook ${p.ruleId}${p.topicName ? ` (${p.topicName})` : ''}`)}`,
      ];
      const more = (p.related?.length ? `\n${relatedSummary(p.related)}` : '') + (p.helpUri ? `\n${p.helpUri}` : '');
      yield `::${COMMAND[p.severity]} ${props.join(',')}::${escapeData(p.message + more)}\n`;
    }
    const hidden = notShownCount(f);
    if (hidden) yield `::notice file=${file},title=stylebook::${escapeData(`${notShownMessage(hidden)} (--max-problems-per-file)`)}\n`;
  }
  for (const f of result.failures) {
    if (f.kind === 'syntax') continue; // Already annotated at its line as a `syntax` problem.
    yield `::error file=${escapeProperty(displayPath(f.path, ctx.cwd))},title=stylebook::${escapeData(f.message)}\n`;
  }
}
