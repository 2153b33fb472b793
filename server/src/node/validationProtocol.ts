import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { CatalogPage } from '../service/catalog/types';
import type { StylebookSettings } from '../service/settings';
import type { FileSummary } from '../service/workspace/summary';

/** A document to validate; `slot` indexes the shared array holding each document's latest version (-1: none, the run is never cancelled early). */
export interface ValidationRequest {
  type: 'validate';
  uri: string;
  languageId: string;
  version: number;
  text: string;
  slot: number;
  /** Also answer the document's summary for the workspace model, from the same parse (`diagnostics.summary`). */
  summarize?: boolean;
}

/**
 * Closed files of the workspace, read and summarised for the workspace model
 * in the worker (workspace/summary.ts), so that the server's main thread
 * never reads, parses or analyses them. A few files travel in one message:
 * one message per file cost the worker more in messaging than in parsing.
 */
export interface SummaryRequest {
  type: 'summarize';
  /** Matches the answer to the request. */
  id: number;
  files: Array<{
    uri: string;
    /** The file's local path. */
    file: string;
    languageId: string;
    /** Files larger than this are left out of the model. */
    maxBytes: number;
  }>;
}

/**
 * A hover or completion in route-handler code, answered in the worker so that
 * parsing a large file never holds up the main thread. The text travels with
 * every request (the worker keeps the parsed version, so a second request on
 * the same version does not parse again).
 */
export interface CodeRequest {
  type: 'hover' | 'complete';
  /** Matches the answer to the request. */
  id: number;
  uri: string;
  languageId: string;
  version: number;
  text: string;
  slot: number;
  position: Position;
}

/** What the worker is told at start and on every configuration change. */
export interface WorkerOptions {
  /** The workspace root as a file URI (ignore patterns and test conventions are relative to it). */
  workspaceRoot?: string;
  /** Diagnostics per document at most; the rest is summed up in one (problemCap.ts). 0: no cap. */
  maxProblems: number;
  /** The time budget of one route-handler analysis (code/limits.ts). */
  codeBudgetMs: number;
}

/** Messages from the server's main thread to the validation worker. */
export type WorkerMessage =
  | { type: 'init'; versions: SharedArrayBuffer; layers: CatalogPage[][]; settings: StylebookSettings; options: WorkerOptions }
  | { type: 'configure'; layers?: CatalogPage[][]; settings?: StylebookSettings; options?: Partial<WorkerOptions> }
  /** A document was closed: its parsed version is dropped. */
  | { type: 'forget'; uri: string }
  /** Load a language's grammar now: another worker has a document in it, and this one may be asked next. */
  | { type: 'preload'; languageId: string }
  | ValidationRequest
  | CodeRequest
  | SummaryRequest;

/** Messages from the validation worker back to the main thread. */
export type WorkerReply =
  /** `summary` only when asked (`ValidationRequest.summarize`): null when the document stays out of the workspace model. */
  | { type: 'diagnostics'; uri: string; version: number; diagnostics: Diagnostic[]; ms: number; summary?: FileSummary | null }
  | { type: 'error'; uri: string; message: string }
  /** A request dropped because a newer version came (every request gets exactly one reply). */
  | { type: 'skipped'; uri: string; version: number }
  /** A line for the server's log (a grammar loaded, or not found); not a reply to any request. */
  | { type: 'log'; message: string }
  /** The answer to a CodeRequest (null when there is nothing to show, or the version is stale). */
  | { type: 'answer'; id: number; uri: string; result: Hover | CompletionList | null; error?: string }
  /** The answer to a SummaryRequest, one entry per file in its order: null when the file stays out of the model, with `note` saying why when it is worth a log line. */
  | { type: 'summary'; id: number; uri: string; summaries: Array<{ summary: FileSummary | null; note?: string }> };
