/**
 * The limits on analysing one route-handler file, and what a file that
 * passes one is told. Parsing and matching cost time and memory in
 * proportion to the file (a 2 MB handler file takes seconds and about 100
 * times its size in parser memory), so a file over the size limit is not
 * parsed at all, and one whose analysis overruns the time budget is
 * abandoned. Either way the file gets exactly one diagnostic saying so,
 * instead of silence that looks like a clean file.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { LIMIT_ID } from '../openapi/rules/index';

/**
 * Route-handler files longer than this many characters are not analysed.
 * Hand-written handler files are far smaller (the largest in the real-world
 * evaluation is under 100 KB); past this size a file is a bundle or
 * generated code, and its parse would hold about 500 MB of parser memory in
 * each worker that saw it (measured ratio: see ARCHITECTURE.md, "Limits").
 */
export const MAX_CODE_CHARS = 5 * 1024 * 1024;

/**
 * How long the editor lets the analysis of one version of a route-handler
 * file run (parse and matching), in milliseconds. Past it the work stops and
 * the file gets the "not analysed" diagnostic; the next edit tries again. It
 * runs in a worker thread, so the budget bounds what one file costs the
 * other documents' diagnostics, not how long hovers wait (they never wait
 * for another document). The command line has no budget: CI results must
 * not depend on the machine's speed.
 */
export const CODE_TIME_BUDGET_MS = 5000;

/** Why a file was not analysed, with the figure that says so. */
export type NotAnalysedReason =
  | { kind: 'size'; chars: number }
  | { kind: 'time'; budgetMs: number };

/**
 * Thrown by a parser (or the tree it made) when the analysis of a file must
 * stop: the language service turns it into the one diagnostic. It is not an
 * error of the file, so it is never logged as one.
 */
export class CodeNotAnalysed extends Error {
  constructor(readonly reason: NotAnalysedReason) {
    super(notAnalysedMessage(reason));
    this.name = 'CodeNotAnalysed';
  }
}

/** The reason a file is too large to analyse, or undefined when it is not. */
export function sizeReason(text: string): NotAnalysedReason | undefined {
  return text.length > MAX_CODE_CHARS ? { kind: 'size', chars: text.length } : undefined;
}

/** "5 MB", "2.3 MB", "900 KB": sizes as people read them. */
function size(chars: number): string {
  if (chars >= 1024 * 1024) return `${Math.round((chars / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.round(chars / 1024)} KB`;
}

/** The diagnostic's message. */
export function notAnalysedMessage(reason: NotAnalysedReason): string {
  const why = reason.kind === 'size'
    ? `it is ${size(reason.chars)}, over the ${size(MAX_CODE_CHARS)} limit for route-handler files`
    : `analysing it took longer than the ${reason.budgetMs / 1000}-second budget; the next edit tries again`;
  return `This file was not analysed for HTTP statuses and routes (no hovers, completions or diagnostics here): ${why}.`;
}

/** The one diagnostic of a file that was not analysed: information, at the top of the file. */
export function notAnalysedDiagnostic(reason: NotAnalysedReason): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'stylebook',
    code: LIMIT_ID,
    message: notAnalysedMessage(reason),
    data: { notAnalysed: reason.kind },
  };
}
