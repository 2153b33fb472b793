import type { Diagnostic } from 'vscode-languageserver-types';
import type { CatalogPage } from '../service/catalog/types';
import type { StylebookSettings } from '../service/settings';

/** A document to validate; `slot` indexes the shared array holding each document's latest version (-1: none, the run is never cancelled early). */
export interface ValidationRequest {
  type: 'validate';
  uri: string;
  languageId: string;
  version: number;
  text: string;
  slot: number;
}

/** Messages from the server's main thread to the validation worker. */
export type WorkerMessage =
  | { type: 'init'; versions: SharedArrayBuffer; layers: CatalogPage[][]; settings: StylebookSettings }
  | { type: 'configure'; layers?: CatalogPage[][]; settings?: StylebookSettings }
  | ValidationRequest;

/** Messages from the validation worker back to the main thread. */
export type WorkerReply =
  | { type: 'diagnostics'; uri: string; version: number; diagnostics: Diagnostic[]; ms: number }
  | { type: 'error'; uri: string; message: string }
  /** A request dropped because a newer version came (every request gets exactly one reply). */
  | { type: 'skipped'; uri: string; version: number };
