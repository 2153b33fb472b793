import { countBySeverity, notShownCount, type LintResult, type RelatedPlace, type Severity } from '../report';
import { notShownMessage } from '../../service/problemCap';
import { ruleDocUrl } from '../../service/ruleDocs';
import { styles, stripControl } from '../terminal';
import type { FormatContext } from './index';
import { displayPath } from './paths';

/** How many related places a summary line names before "and N more". */
const RELATED_SHOWN = 3;

/** One line naming the places a shared problem concerns: "used by 290 operations: 12:5 GET /a, 40:5 GET /b, 71:5 POST /c and 287 more". */
export function relatedSummary(related: readonly RelatedPlace[]): string {
  const shown = related.slice(0, RELATED_SHOWN).map((r) => `${r.line}:${r.column} ${stripControl(r.message)}`);
  const more = related.length - shown.length;
  return `used by ${related.length} ${related.length === 1 ? 'operation' : 'operations'}: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/**
 * The default, human format: problems grouped by file, aligned, each followed
 * by the topic it belongs to and the link to what the guides say, then a
 * link per rule that reported to its section of docs/rules.md, and a
 * one-line summary. Colours only when the context allows them.
 */
export function* formatStylish(result: LintResult, ctx: FormatContext): Generator<string> {
  const st = styles(ctx.color);
  const paint: Record<Severity, (s: string) => string> = { error: st.red, warning: st.yellow, info: st.blue, hint: st.dim };
  // Lines are yielded as they are made: a million problems never become one string.
  let lines: string[] = [];
  for (const f of result.files) {
    if (!f.problems.length) continue;
    lines.push(st.underline(displayPath(f.path, ctx.cwd)));
    // A loop, not Math.max(...list): spreading a hundred thousand problems overflows the call stack.
    const posWidth = f.problems.reduce((w, p) => Math.max(w, `${p.line}:${p.column}`.length), 0);
    for (const p of f.problems) {
      const pos = `${p.line}:${p.column}`.padEnd(posWidth);
      const sev = paint[p.severity](p.severity.padEnd(7));
      lines.push(`  ${st.dim(pos)}  ${sev}  ${stripControl(p.message)}  ${st.dim(p.ruleId)}`);
      const about = [p.topicName ? `${p.topicName}${p.topicId ? ` (${p.topicId})` : ''}` : p.topicId, p.helpUri].filter(Boolean);
      if (about.length) lines.push(`  ${' '.repeat(posWidth)}  ${st.dim(`↳ ${about.join(' · ')}`)}`);
      if (p.related?.length) lines.push(`  ${' '.repeat(posWidth)}  ${st.dim(`↳ ${relatedSummary(p.related)}`)}`);
      if (lines.length >= 1000) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
    const hidden = notShownCount(f);
    if (hidden) lines.push(`  ${st.dim(`… ${notShownMessage(hidden)} (--max-problems-per-file)`)}`);
    lines.push('');
  }
  // As ESLint ends its report with where to read about its rules: one line per rule that reported, linking its section of docs/rules.md.
  const documented = result.rules.flatMap((r) => {
    const url = ruleDocUrl(r.id);
    return url ? [{ id: r.id, url }] : [];
  });
  if (documented.length) {
    const idWidth = documented.reduce((w, r) => Math.max(w, r.id.length), 0);
    lines.push(st.dim('The rules, with examples and their options:'));
    for (const r of documented) lines.push(`  ${r.id.padEnd(idWidth)}  ${st.dim(r.url)}`);
    lines.push('');
  }
  const c = countBySeverity(result.files);
  const total = c.error + c.warning + c.info + c.hint;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  // Skipped files are counted so that a run never passes over files in silence.
  const exempt = result.exempt ?? 0;
  const notApi = result.skipped - exempt;
  const kinds = [notApi && 'not OpenAPI or route-handler code', exempt && 'ignored, or test, generated or vendored code'].filter(Boolean);
  const counts = notApi && exempt ? `${notApi} ${kinds[0]}, ${exempt} ${kinds[1]}` : kinds[0];
  const skipped = result.skipped ? ` (${result.skipped} skipped: ${counts})` : '';
  const checked = `${plural(result.files.length, 'file')} checked${skipped}`;
  if (total) {
    const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), plural(c.info, 'info')];
    if (c.hint) parts.push(plural(c.hint, 'hint'));
    const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${checked}`;
    lines.push(c.error ? st.bold(st.red(line)) : st.bold(st.yellow(line)));
  } else if (result.files.length) {
    lines.push(st.green(`✔ no problems in ${checked}`));
  } else {
    lines.push(`No OpenAPI documents or route-handler files found${skipped}.`);
  }
  yield `${lines.join('\n')}\n`;
}
