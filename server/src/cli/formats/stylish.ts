import { countBySeverity, type LintResult, type Severity } from '../report';
import { styles, stripControl } from '../terminal';
import type { FormatContext } from './index';
import { displayPath } from './paths';

/**
 * The default, human format: problems grouped by file, aligned, each followed
 * by the topic it belongs to and the link to what the guides say, then a
 * one-line summary. Colours only when the context allows them.
 */
export function formatStylish(result: LintResult, ctx: FormatContext): string {
  const st = styles(ctx.color);
  const paint: Record<Severity, (s: string) => string> = { error: st.red, warning: st.yellow, info: st.blue, hint: st.dim };
  const out: string[] = [];
  for (const f of result.files) {
    if (!f.problems.length) continue;
    out.push(st.underline(displayPath(f.path, ctx.cwd)));
    // A loop, not Math.max(...list): spreading a hundred thousand problems overflows the call stack.
    const posWidth = f.problems.reduce((w, p) => Math.max(w, `${p.line}:${p.column}`.length), 0);
    for (const p of f.problems) {
      const pos = `${p.line}:${p.column}`.padEnd(posWidth);
      const sev = paint[p.severity](p.severity.padEnd(7));
      out.push(`  ${st.dim(pos)}  ${sev}  ${stripControl(p.message)}  ${st.dim(p.ruleId)}`);
      const about = [p.topicName ? `${p.topicName}${p.topicId ? ` (${p.topicId})` : ''}` : p.topicId, p.helpUri].filter(Boolean);
      if (about.length) out.push(`  ${' '.repeat(posWidth)}  ${st.dim(`↳ ${about.join(' · ')}`)}`);
    }
    out.push('');
  }
  const c = countBySeverity(result.files);
  const total = c.error + c.warning + c.info + c.hint;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const checked = `${plural(result.files.length, 'file')} checked`;
  if (total) {
    const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), plural(c.info, 'info')];
    if (c.hint) parts.push(plural(c.hint, 'hint'));
    const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${checked}`;
    out.push(c.error ? st.bold(st.red(line)) : st.bold(st.yellow(line)));
  } else if (result.files.length) {
    out.push(st.green(`✔ no problems in ${checked}`));
  } else {
    out.push('No OpenAPI documents or route-handler files found.');
  }
  return `${out.join('\n')}\n`;
}
