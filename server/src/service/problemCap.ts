/**
 * The cap on problems shown per file, shared by the editor and the command
 * line. A generated or hostile document can hold hundreds of thousands of
 * problems (one publish of 349,000 diagnostics was 238 MB); nobody reads past
 * the first screenfuls, so each file shows at most a cap and one final
 * "N more problems not shown". The most severe problems are kept first, so a
 * cap never hides an error behind hints, and the kept ones stay in order.
 */

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { LIMIT_ID } from './openapi/rules/index';

/** Problems shown per file by default (editor and CLI). */
export const DEFAULT_MAX_PROBLEMS_PER_FILE = 1000;

/** What `capProblems` kept and what it counted without keeping. */
export interface CappedProblems<T> {
  /** At most `max` items, in their original order. */
  kept: T[];
  /** How many were left out, by rank (index = rank). */
  hiddenByRank: number[];
  /** How many were left out in all. */
  hidden: number;
  /** The first item left out, in the original order (where the summary can point). */
  firstHidden?: T;
}

/**
 * Keeps at most `max` items (0: all), the lowest `rank` first (0 = most
 * severe), preserving order; linear time, no sort. `ranks` is the number of
 * distinct ranks.
 */
export function capProblems<T>(items: readonly T[], max: number, rank: (item: T) => number, ranks: number): CappedProblems<T> {
  const hiddenByRank: number[] = new Array<number>(ranks).fill(0);
  if (max <= 0 || items.length <= max) return { kept: items.slice(), hiddenByRank, hidden: 0 };
  const counts: number[] = new Array<number>(ranks).fill(0);
  for (const item of items) counts[rank(item)]++;
  // Every item of a rank below `cut` is kept; of rank `cut`, the first `room`.
  let cut = 0;
  let room = max;
  while (cut < ranks && counts[cut] <= room) room -= counts[cut++];
  const kept: T[] = [];
  let firstHidden: T | undefined;
  for (const item of items) {
    const r = rank(item);
    if (r < cut || (r === cut && room > 0)) {
      kept.push(item);
      if (r === cut) room--;
    } else {
      hiddenByRank[r]++;
      firstHidden ??= item;
    }
  }
  return { kept, hiddenByRank, hidden: items.length - kept.length, firstHidden };
}

/** "1 more problem not shown", "12,345 more problems not shown". */
export function notShownMessage(hidden: number): string {
  return `${hidden.toLocaleString('en-US')} more problem${hidden === 1 ? '' : 's'} in this file not shown`;
}

/**
 * The editor's cap: at most `max` diagnostics (errors first, then warnings,
 * information, hints, each kept in order), then one information diagnostic
 * at the first one left out saying how many more there are. Diagnostics
 * without a severity count as errors, as LSP clients show them.
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], max = DEFAULT_MAX_PROBLEMS_PER_FILE): Diagnostic[] {
  const capped = capProblems(diagnostics, max, (d) => (d.severity ?? DiagnosticSeverity.Error) - 1, 4);
  if (!capped.hidden || !capped.firstHidden) return capped.kept;
  capped.kept.push({
    range: capped.firstHidden.range,
    severity: DiagnosticSeverity.Information,
    source: 'stylebook',
    code: LIMIT_ID,
    message: `${notShownMessage(capped.hidden)} (${capped.hiddenByRank.map((n, i) => n && `${n.toLocaleString('en-US')} ${RANK_NAMES[i]}`).filter(Boolean).join(', ')}); only the first ${max.toLocaleString('en-US')} are listed`,
  });
  return capped.kept;
}

const RANK_NAMES = ['errors', 'warnings', 'information', 'hints'];
