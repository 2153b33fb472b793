import { LineCounter, type Node as YamlNode } from 'yaml';
import type { CatalogProblem, ProblemSeverity } from './types';

/**
 * Limits on what one catalog page or guideline file may hold. A catalog can
 * come from a repository the user did not write, so every count the loader
 * walks is bounded; a page over a limit is reported and skipped, never
 * allowed to stall or exhaust the server. The shipped catalog's largest page
 * is 16 KB with 15 guidelines and 47 references, far inside every limit.
 */
export const PAGE_LIMITS = {
  /** Characters in one topic page or guideline file. */
  pageChars: 256 * 1024,
  /** Values the front matter stands for once YAML aliases are expanded. */
  frontMatterValues: 20_000,
  /** Guidelines on one topic page. */
  guidelinesPerPage: 200,
  /** References of one guideline (or of one topic in a guideline file). */
  referencesPerGuideline: 500,
  /** Topics one guideline file covers. */
  topicsPerGuidelineFile: 2_000,
  /** Problems reported for one page; the rest are counted in a final problem. */
  problemsPerPage: 100,
} as const;

/**
 * The problems of one page, capped at `PAGE_LIMITS.problemsPerPage`: beyond
 * that only a count is kept, reported as one last problem. Thirty-two
 * thousand problems on one page help nobody and once overflowed the stack.
 */
export class ProblemList {
  /** The problems kept so far (the final "more problems" entry is added by `add` itself). */
  readonly problems: CatalogProblem[] = [];
  /** How many errors were reported, kept or not. */
  errors = 0;
  private dropped = 0;

  constructor(private readonly source: string, private readonly max: number = PAGE_LIMITS.problemsPerPage) {}

  /** Records a problem, or counts it once the list is full. */
  add(line: number, column: number, message: string, severity: ProblemSeverity = 'error'): void {
    if (severity === 'error') this.errors++;
    if (this.problems.length < this.max) {
      this.problems.push({ source: this.source, line, column, message, severity });
      return;
    }
    this.dropped++;
    const summary = { source: this.source, line: 0, column: 0, severity: this.errors ? 'error' as const : 'warning' as const, message: `${this.dropped} more problem${this.dropped === 1 ? '' : 's'} on this page not shown` };
    if (this.dropped === 1) this.problems.push(summary);
    else this.problems[this.problems.length - 1] = summary;
  }
}

/** Appends `items` to `target` one by one: spreading tens of thousands of arguments overflows the stack. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * The problem list of a YAML catalog file (a guideline or positions file)
 * with its locator: pass `lineCounter` to the YAML parser, then `at` gives a
 * node's 0-based line and column and `report` records a problem there.
 */
export function yamlReporter(source: string) {
  const found = new ProblemList(source);
  const lineCounter = new LineCounter();
  const at = (node: YamlNode | null | undefined): [number, number] => {
    const p = lineCounter.linePos(node?.range?.[0] ?? 0);
    return [p.line - 1, p.col - 1];
  };
  const report = ([line, column]: [number, number], message: string, severity: ProblemSeverity = 'error') => found.add(line, column, message, severity);
  return { found, lineCounter, at, report };
}
