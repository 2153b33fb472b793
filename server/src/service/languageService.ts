import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from './catalog/catalog';
import { doCodeCodeActions, doCodeComplete, doCodeHover, NO_PARSERS, validateCode, type CodeParsers } from './code/index';
import { prepareDocument, type StylebookDocument } from './document';
import { doOpenApiCodeActions } from './openapi/codeActions';
import { doOpenApiComplete, resolveOpenApiCompletion } from './openapi/completion';
import { doOpenApiHover } from './openapi/hover';
import { validateOpenApi } from './openapi/validation';
import { RULE_IDS as OPENAPI_RULE_IDS } from './openapi/rules/index';
import { CODE_RULES } from './code/validation';
import { DEFAULT_SETTINGS, type StylebookSettings } from './settings';
import { skipReason } from './ignore';
import { CodeNotAnalysed, notAnalysedDiagnostic, sizeReason, type NotAnalysedReason } from './code/limits';
import { WorkspaceModel } from './workspace/model';
import { summarize, type FileSummary } from './workspace/summary';
import { CONSISTENCY_RULES, validateConsistencyInCode, validateConsistencyInSpec } from './workspace/consistency';
import { doConsistencyCodeActions } from './workspace/codeActions';

/** Every rule id the service reports, OpenAPI and route-handler alike: what configuration may name. */
export const ALL_RULE_IDS: ReadonlySet<string> = new Set([
  ...OPENAPI_RULE_IDS, ...Object.values(CODE_RULES).map((r) => r.id), ...Object.values(CONSISTENCY_RULES).map((r) => r.id),
]);

/**
 * The one entry point to the pure service. It decides what to show; it knows
 * nothing of the transport, the file system or the editor. Each feature lives
 * in its own file and is dispatched here by document kind.
 */
export interface LanguageService {
  /** Classifies a document once per version; features take the result. */
  prepare(textDocument: TextDocument): StylebookDocument;
  doHover(doc: StylebookDocument, position: Position): Hover | null;
  doComplete(doc: StylebookDocument, position: Position): CompletionList | null;
  /** Fills in the full documentation of a completion item (completionItem/resolve); items it does not know pass through. */
  doResolve(item: CompletionItem): CompletionItem;
  /**
   * Why the rules do not run on a document (an `ignore` pattern; test,
   * generated or vendored code), or undefined. doValidation returns no
   * diagnostics for such a document; the glue may ask first to skip work.
   */
  skipReason(doc: StylebookDocument): string | undefined;
  /** Runs the rules; `isCancelled` is polled between rules so a newer edit can stop a stale run. */
  doValidation(doc: StylebookDocument, isCancelled?: () => boolean): Diagnostic[];
  doCodeActions(doc: StylebookDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  /**
   * The workspace model of routes and operations (workspace/model.ts). The
   * glue feeds it with `updateWorkspace` and `removeFromWorkspace`; the
   * consistency checks and their quick fixes read it.
   */
  readonly workspace: WorkspaceModel;
  /** Adds a document to the workspace model, or takes it out when the rules leave it alone (ignored, test code). */
  updateWorkspace(doc: StylebookDocument): void;
  removeFromWorkspace(uri: string): void;
  /**
   * A document's summary for the workspace model (workspace/summary.ts),
   * made here: what a validation worker sends the server. Undefined when the
   * document stays out of the model (the rules leave it alone, it is neither
   * spec nor code, code over the size limit or whose grammar is not loaded).
   */
  summarize(doc: StylebookDocument): FileSummary | undefined;
  /** Adds a file to the workspace model by its summary (made in a worker), or takes it out (undefined). */
  updateWorkspaceSummary(uri: string, summary: FileSummary | undefined): void;
  /** Consistency diagnostics between code and spec for one document of the workspace model (see workspace/consistency.ts). */
  doConsistency(doc: StylebookDocument): Diagnostic[];
  /** Replaces the catalog and settings (after a configuration change). */
  configure(options: Partial<LanguageServiceOptions>): void;
  readonly catalog: Catalog;
  readonly settings: StylebookSettings;
}

export interface LanguageServiceOptions {
  catalog: Catalog;
  settings: StylebookSettings;
  /** The workspace root as a file URI: `ignore` patterns and the test-folder conventions are relative to it. */
  workspaceRoot?: string;
}

/**
 * Runs a route-handler feature, or answers `fallback` with the reason when
 * the file is not analysed: over the size limit (checked before any parse),
 * or stopped by the entry point's time budget (the parser throws
 * CodeNotAnalysed). A version that overran is remembered in its memo, so
 * later requests on it do not spend the budget again; the next version
 * tries afresh.
 */
function analyse<T>(doc: StylebookDocument, fallback: T, feature: () => T): { result: T; notAnalysed?: NotAnalysedReason } {
  const known = (doc.memo.get(NOT_ANALYSED) as NotAnalysedReason | undefined) ?? sizeReason(doc.textDocument.getText());
  if (known) return { result: fallback, notAnalysed: known };
  try {
    return { result: feature() };
  } catch (e) {
    if (!(e instanceof CodeNotAnalysed)) throw e;
    doc.memo.set(NOT_ANALYSED, e.reason);
    return { result: fallback, notAnalysed: e.reason };
  }
}

const NOT_ANALYSED = 'code:notAnalysed';

/** Creates the language service over a catalog. */
export function getLanguageService(options: { catalog: Catalog; settings?: StylebookSettings; workspaceRoot?: string; /** Ready parsers for route-handler code, loaded by the entry point. */ codeParsers?: CodeParsers }): LanguageService {
  const codeParsers = options.codeParsers ?? NO_PARSERS;
  let catalog = options.catalog;
  let settings = options.settings ?? DEFAULT_SETTINGS;
  let workspaceRoot = options.workspaceRoot;
  const never = () => false;
  const workspace = new WorkspaceModel(codeParsers);
  return {
    workspace,
    updateWorkspace(doc) {
      if (skipReason(doc, settings, workspaceRoot)) workspace.remove(doc.textDocument.uri);
      else workspace.set(doc);
    },
    removeFromWorkspace(uri) {
      workspace.remove(uri);
    },
    summarize(doc) {
      if (skipReason(doc, settings, workspaceRoot)) return undefined;
      // A file not analysed (too large, or over its time budget for this version) is not parsed again for the model.
      if (doc.kind === 'code' && (doc.memo.has(NOT_ANALYSED) || sizeReason(doc.textDocument.getText()))) return undefined;
      return summarize(doc, codeParsers);
    },
    updateWorkspaceSummary(uri, summary) {
      if (summary && summary.uri === uri) workspace.setSummary(summary);
      else workspace.remove(uri);
    },
    doConsistency(doc) {
      if (skipReason(doc, settings, workspaceRoot)) return [];
      if (doc.kind === 'code') return validateConsistencyInCode(doc, workspace, catalog, settings);
      if (doc.kind === 'openapi') return validateConsistencyInSpec(doc, workspace, catalog, settings);
      return [];
    },
    get catalog() { return catalog; },
    get settings() { return settings; },
    configure(o) {
      if (o.catalog) catalog = o.catalog;
      if (o.settings) settings = o.settings;
      if (o.workspaceRoot !== undefined) workspaceRoot = o.workspaceRoot;
    },
    prepare: prepareDocument,
    doHover(doc, position) {
      if (doc.kind === 'openapi') return doOpenApiHover(doc, position, catalog, { guideProfile: settings.guideProfile });
      if (doc.kind === 'code') return analyse(doc, null, () => doCodeHover(doc, position, catalog, settings, codeParsers)).result;
      return null;
    },
    doComplete(doc, position) {
      if (doc.kind === 'openapi') return doOpenApiComplete(doc, position, catalog, settings);
      if (doc.kind === 'code') return analyse(doc, null, () => doCodeComplete(doc, position, catalog, settings, codeParsers)).result;
      return null;
    },
    doResolve(item) {
      return resolveOpenApiCompletion(item, catalog, settings);
    },
    skipReason(doc) {
      return skipReason(doc, settings, workspaceRoot);
    },
    doValidation(doc, isCancelled = never) {
      if (skipReason(doc, settings, workspaceRoot)) return [];
      if (doc.kind === 'openapi') return validateOpenApi(doc, catalog, settings, isCancelled);
      if (doc.kind === 'code') {
        const { result, notAnalysed } = analyse(doc, [], () => validateCode(doc, catalog, settings, codeParsers, isCancelled));
        return notAnalysed ? [notAnalysedDiagnostic(notAnalysed)] : result;
      }
      return [];
    },
    doCodeActions(doc, range, diagnostics) {
      if (doc.kind === 'openapi') return doOpenApiCodeActions(doc, range, diagnostics, catalog, settings);
      if (doc.kind === 'code') return [...doCodeCodeActions(doc, range, diagnostics, catalog, settings), ...doConsistencyCodeActions(doc, range, diagnostics, workspace)];
      return [];
    },
  };
}
