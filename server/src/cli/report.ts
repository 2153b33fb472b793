/**
 * The plain-data results of a lint run. They are built from the service's
 * LSP diagnostics once, carry everything the formats need (topic name, help
 * link), and cross worker-thread boundaries as structured clones.
 */

import { capProblems } from '../service/problemCap';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Severities from most to least severe; `--fail-on` counts everything at or above its level. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** One problem in one file; lines and columns are 1-based, as terminals and CI annotations show them. */
export interface Problem {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The catalog topic the rule belongs to, when known. */
  topicId?: string;
  topicName?: string;
  /** Where to read more: the guide section or topic page the rule links to. */
  helpUri?: string;
  /**
   * Other places the problem concerns, in the same file: for a problem in a
   * shared component, the operations that use it (reported once, at the
   * component, rather than once per operation).
   */
  related?: RelatedPlace[];
}

/** A place related to a problem; 1-based like the problem's own position. */
export interface RelatedPlace {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** The problems of one linted file. */
export interface FileReport {
  /** Absolute path. */
  path: string;
  kind: 'openapi' | 'code';
  problems: Problem[];
  /** Problems left out by `--max-problems-per-file`, by severity; counted in every total, listed nowhere. */
  notShown?: Record<Severity, number>;
}

/** A file that could not be linted (unreadable, binary, malformed beyond use). */
export interface FileFailure {
  path: string;
  message: string;
  /**
   * 'io' for read errors, non-text files and files named explicitly that have
   * nothing to check (exit 2); 'syntax' for malformed documents (reported as problems too).
   */
  kind: 'io' | 'syntax';
}

/** What the formats and the exit code are computed from. */
export interface LintResult {
  files: FileReport[];
  failures: FileFailure[];
  /** Files considered but not linted: not OpenAPI documents or route-handler code, ignored, or test, generated or vendored code. */
  skipped: number;
  /** How many of the skipped files were ignored, or test, generated or vendored code. */
  exempt?: number;
  /** Why files named explicitly were skipped (printed on stderr; they do not fail the run). */
  notes?: { path: string; message: string }[];
  /** Rule metadata for every rule that reported something (for SARIF). */
  rules: RuleInfo[];
}

/** What is known about a rule: its topic and where its guidance lives. */
export interface RuleInfo {
  id: string;
  topicId?: string;
  topicName?: string;
  description?: string;
  helpUri?: string;
  defaultSeverity: Severity;
}

/** Counts problems by severity across files. */
export function countBySeverity(files: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of files) {
    for (const p of f.problems) counts[p.severity]++;
    if (f.notShown) for (const s of SEVERITY_ORDER) counts[s] += f.notShown[s];
  }
  return counts;
}

/** How many problems of a file `--max-problems-per-file` left out. */
export function notShownCount(file: FileReport): number {
  return file.notShown ? SEVERITY_ORDER.reduce((n, s) => n + file.notShown![s], 0) : 0;
}

/** Keeps at most `max` problems per file (0: all), the most severe first; the rest are counted in `notShown`. */
export function capFiles(files: readonly FileReport[], max: number): FileReport[] {
  return files.map((f) => {
    const capped = capProblems(f.problems, max, (p) => SEVERITY_ORDER.indexOf(p.severity), SEVERITY_ORDER.length);
    if (!capped.hidden) return f;
    const notShown = Object.fromEntries(SEVERITY_ORDER.map((s, i) => [s, capped.hiddenByRank[i]])) as Record<Severity, number>;
    return { ...f, problems: capped.kept, notShown };
  });
}

/** True when `severity` is at or above `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}
