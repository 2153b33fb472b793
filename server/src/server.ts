import {
  CancellationToken, CodeActionKind, type CompletionList, type Hover, type Position, Connection, Diagnostic, DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  InitializeResult, TextDocuments, TextDocumentSyncKind, type Disposable, type FileSystemWatcher,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FastTextDocument } from './service/textDocument';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Catalog } from './service/catalog/catalog';
import { buildLayeredCatalog } from './service/catalog/guidelineFile';
import { appendAll } from './service/catalog/limits';
import { CONFIG_FILE_NAMES, mergeSettings, parseEditorSettings, type ConfigProblem, type SettingsOverrides } from './service/config/config';
import type { WorkspaceConfig } from './node/config';
import type { CatalogAccess, CatalogLayers } from './node/customCatalog';
import type { CatalogPage, CatalogProblem } from './service/catalog/types';
import type { StylebookDocument } from './service/document';
import { BackgroundValidator } from './node/validator';
import { startWorkspaceSync, type WorkspaceSync } from './workspaceSync';
import { ALL_RULE_IDS, getLanguageService, type LanguageService } from './service/languageService';
import { CODE_LANGUAGES, type CodeParsers } from './service/code/index';
import { DEFAULT_SETTINGS, type StylebookSettings } from './service/settings';
import { searchTopics, searchWords } from './service/search';
import { capDiagnostics, DEFAULT_MAX_PROBLEMS_PER_FILE } from './service/problemCap';
import { CODE_TIME_BUDGET_MS, sizeReason } from './service/code/limits';
import { renderTopicPage, topicCategories, topicIdFromHover } from './service/topicPage';
import { link, PROJECT_URL, replaceTopicCommandLinks } from './service/markdown';
import { inlineCode } from './service/code/hover';
import { codeStatusNote, crossFileStatusHover, statusNote, withNote } from './service/workspace/hover';
import {
  CatalogChangedNotification, CategoriesRequest, GuidesRequest, SearchTopicsRequest, TopicAtRequest, TopicIndexRequest, TopicPageRequest,
  TrustGrantedNotification, type ParamsOf, type ResultOf, type StylebookRequest,
} from './protocol';

/** What the entry point hands the glue: the I/O it is allowed to do. */
export interface ServerHost {
  /** Reads the shipped catalog's pages. */
  readBundledCatalog(): CatalogPage[];
  /** The validation worker's script, or false to validate on the main thread. */
  validationWorker?: string | false;
  /** Parsers for route-handler code; a grammar loads on first use of its language. */
  codeGrammars?: CodeParsers & { ensure(languageId: string): Promise<boolean> };
  /** Reads `.stylebook.yaml` at the workspace root and layers it over the editor's settings (node/config.ts). */
  loadWorkspaceConfig?(rootDir: string, options: { editor?: SettingsOverrides; text?: string; trusted?: boolean; ruleIds?: ReadonlySet<string> }): WorkspaceConfig;
  /** Reads the custom catalog folders and guideline files the settings name (node/customCatalog.ts). */
  loadCatalogLayers?(rootDir: string, settings: StylebookSettings, options: { configFile?: string; configText?: string } & CatalogAccess): CatalogLayers;
}

/** What a refused catalog path outside the workspace tells the user. */
const EDITOR_OUTSIDE_HINT = 'to read it, add the folder to stylebook.catalog.allowedFolders in your user settings';

/** The editor's own settings, which `.stylebook.yaml` does not have. */
interface EditorOnly {
  /** Folders outside the workspace the user's own settings let catalog paths read. */
  allowedFolders: string[];
  /** `stylebook.maxProblemsPerFile`: diagnostics shown per document (0: all). */
  maxProblemsPerFile: number;
  /** What was wrong with them, for the log. */
  problems: string[];
}

/**
 * Takes the editor-only settings (`catalog.allowedFolders`, absolute
 * folders; `maxProblemsPerFile`, a whole number) out of the editor's
 * `stylebook` section; the rest is the team's settings, validated as usual.
 */
function splitEditorOnly(section: unknown): EditorOnly & { rest: unknown } {
  const out: EditorOnly & { rest: unknown } = { allowedFolders: [], maxProblemsPerFile: DEFAULT_MAX_PROBLEMS_PER_FILE, problems: [], rest: section };
  if (typeof section !== 'object' || section === null) return out;
  const { catalog, maxProblemsPerFile, ...others } = section as { catalog?: unknown; maxProblemsPerFile?: unknown };
  if (maxProblemsPerFile !== undefined && maxProblemsPerFile !== null) {
    if (typeof maxProblemsPerFile === 'number' && Number.isInteger(maxProblemsPerFile) && maxProblemsPerFile >= 0) out.maxProblemsPerFile = maxProblemsPerFile;
    else out.problems.push(`VS Code settings (stylebook): "maxProblemsPerFile" must be a whole number (0 shows every problem), not ${JSON.stringify(maxProblemsPerFile)}; ${DEFAULT_MAX_PROBLEMS_PER_FILE} applies`);
  }
  out.rest = others;
  if (typeof catalog !== 'object' || catalog === null) {
    if (catalog !== undefined) out.rest = { ...others, catalog };
    return out;
  }
  const { allowedFolders, ...catalogRest } = catalog as { allowedFolders?: unknown };
  out.allowedFolders = Array.isArray(allowedFolders) ? allowedFolders.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)) : [];
  out.rest = { ...others, catalog: catalogRest };
  return out;
}

/** What the client tells the server at start-up (client/src/extension.ts). */
interface InitializationOptions {
  /** VS Code's workspace trust; catalog folders named by the workspace load only when true. Other clients have no trust model: absent means trusted. */
  workspaceTrusted?: boolean;
  /** The client runs our `stylebook.showTopic` command from links in hover Markdown (our VS Code extension does); otherwise cards carry web links. */
  commandLinks?: boolean;
  /** The `stylebook` settings, for clients that pass them at start-up (Helix's `config`, Zed's `initialization_options`). */
  stylebook?: unknown;
}

/** The notification the client sends when the user grants workspace trust. */

/**
 * How long after the last edit diagnostics are recomputed. Short, because a
 * newer edit cancels a stale run at once (fresh diagnostics should follow a
 * one-line edit within 250 ms); it only spares copying a large document to
 * the worker on every keystroke of a burst.
 */
const VALIDATION_DELAY_MS = 60;

/** Catalog problems written to the log; the rest are only diagnostics on their files. */
const MAX_LOGGED_PROBLEMS = 200;

/**
 * The server glue: owns the connection, the open documents, a cache of
 * prepared documents keyed by uri and version, and the settings. Every
 * handler is guarded so that one bad document never takes the server down.
 */
export function startServer(connection: Connection, host: ServerHost): void {
  // Documents keep a native-speed line index: the first hover on a 13 MB spec needs one.
  const documents = new TextDocuments<TextDocument>({ create: FastTextDocument.create, update: FastTextDocument.update });
  const cache = new Map<string, { version: number; doc: StylebookDocument }>();
  const pendingValidation = new Map<string, NodeJS.Timeout>();
  let service: LanguageService;
  let settings: StylebookSettings = DEFAULT_SETTINGS;
  let catalogLayers: CatalogPage[][] = [];
  let catalogProblemUris = new Set<string>();
  let validator: BackgroundValidator | undefined;
  /** The workspace model's glue (workspaceSync.ts), started once the workspace root is known. */
  let workspaceSync: WorkspaceSync | undefined;
  /** The last diagnostics published per open document, without the consistency ones, so that those can be refreshed alone. */
  const published = new Map<string, { version: number; diagnostics: Diagnostic[]; cappedInWorker: boolean }>();

  const log = (msg: string) => connection.console.log(`[${new Date().toISOString().slice(11, 23)}] ${msg}`);

  /** Runs a handler, answering `fallback` on cancellation or error and logging the error with the uri. */
  function guard<T>(name: string, uri: string | undefined, token: CancellationToken | undefined, fallback: T, fn: () => T): T {
    if (token?.isCancellationRequested) return fallback;
    try {
      return fn();
    } catch (e) {
      const err = e as Error;
      connection.console.error(`${name} failed${uri ? ` for ${uri}` : ''}: ${err.stack ?? err.message}`);
      return fallback;
    }
  }

  function prepared(uri: string): StylebookDocument | undefined {
    const td = documents.get(uri);
    if (!td) return undefined;
    const hit = cache.get(uri);
    if (hit && hit.version === td.version) return hit.doc;
    const doc = service.prepare(td);
    cache.set(uri, { version: td.version, doc });
    return doc;
  }

  /** Builds the catalog from layers (the shipped pages first, then any extra folders). */
  function loadCatalog(layers: CatalogPage[][], extraProblems: CatalogProblem[] = []): Catalog {
    const t0 = performance.now();
    // Custom layers may hold guideline files (*.yaml) besides topic pages. Each page is
    // guarded on its own; should building still fail, the shipped catalog alone serves.
    let catalog: Catalog;
    try {
      catalog = buildLayeredCatalog(layers);
    } catch (e) {
      connection.console.error(`the workspace's catalog could not be built, only the shipped catalog is used: ${(e as Error).stack ?? e}`);
      layers = layers.slice(0, 1);
      catalog = buildLayeredCatalog(layers);
    }
    catalogLayers = layers;
    appendAll(catalog.problems, extraProblems);
    lastExtraProblems = JSON.stringify(extraProblems);
    log(`catalog: ${catalog.topics.length} topics indexed in ${(performance.now() - t0).toFixed(1)} ms` +
      (catalog.problems.length ? `, ${catalog.problems.length} problem(s)` : ''));
    publishCatalogProblems(catalog.problems);
    return catalog;
  }

  /**
   * Shows catalog page problems and `.stylebook.yaml` problems as diagnostics
   * on those files themselves, and in the log. They are kept in
   * `fileDiagnostics` so that validating an open config or guideline file
   * (which has no rules of its own) does not wipe them.
   */
  function publishCatalogProblems(problems: CatalogProblem[]): void {
    const byUri = new Map<string, Diagnostic[]>();
    if (workspace.configFile) {
      const uri = pathToFileURL(workspace.configFile).toString();
      byUri.set(uri, workspace.configProblems.map((p) => configDiagnostic(p)));
      for (const p of workspace.configProblems) log(`configuration problem: ${workspace.configFile}:${p.line + 1}:${p.column + 1}: ${p.message}`);
    }
    for (const [i, p] of problems.entries()) {
      if (i < MAX_LOGGED_PROBLEMS) log(`catalog problem: ${p.source}:${p.line + 1}:${p.column + 1}: ${p.message}`);
      else if (i === MAX_LOGGED_PROBLEMS) log(`${problems.length - i} more catalog problems, shown as diagnostics on their files`);
      const uri = p.source.includes('://') ? p.source : pathToFileURL(p.source).toString();
      const list = byUri.get(uri) ?? [];
      list.push({
        range: { start: { line: p.line, character: p.column }, end: { line: p.line, character: p.column + 1 } },
        severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: 'stylebook',
        code: 'catalog-page',
        message: p.message,
      });
      byUri.set(uri, list);
    }
    for (const uri of catalogProblemUris) if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of byUri) void connection.sendDiagnostics({ uri, diagnostics });
    catalogProblemUris = new Set(byUri.keys());
    fileDiagnostics = byUri;
  }

  // ------------------------------------------------------------ workspace configuration and custom catalogs

  let fileDiagnostics = new Map<string, Diagnostic[]>();
  /** The loader's problems (unreadable catalog paths) the current catalog was built with. */
  let lastExtraProblems = '[]';
  let bundledPages: CatalogPage[] | undefined;
  /** Where the shipped pages came from (bundledPages never changes once read): their topics have a page on the web. */
  let shippedSources: Set<string> | undefined;
  /** The workspace root, its trust, what the editor's settings say, and what was loaded from them. */
  const workspace = {
    rootDir: undefined as string | undefined,
    trusted: true,
    editor: {} as SettingsOverrides,
    configFile: undefined as string | undefined,
    configProblems: [] as ConfigProblem[],
    catalogPaths: [] as string[],
    /** Folders outside the workspace the user's own settings let catalog paths read. */
    allowedFolders: [] as string[],
    /** Diagnostics published per document (`stylebook.maxProblemsPerFile`; 0: all). */
    maxProblems: DEFAULT_MAX_PROBLEMS_PER_FILE,
    canPullConfiguration: false,
    /** Whether cards may keep their topic-page command links (see InitializationOptions.commandLinks). */
    commandLinks: false,
    canWatchFiles: false,
    relativePatterns: false,
  };
  let watchRegistration: Promise<Disposable> | undefined;
  let watchedKey = '';
  let refreshTimer: NodeJS.Timeout | undefined;

  function configDiagnostic(p: ConfigProblem): Diagnostic {
    return {
      range: { start: { line: p.line, character: p.column }, end: { line: p.endLine, character: p.endColumn } },
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'stylebook', code: 'configuration', message: p.message,
    };
  }

  function isConfigUri(uri: string): boolean {
    return !!workspace.rootDir && CONFIG_FILE_NAMES.some((n) => uri === pathToFileURL(`${workspace.rootDir}/${n}`).toString());
  }

  /**
   * Reads `.stylebook.yaml` (an open, unsaved buffer wins over the disk) and
   * the catalog folders it and the editor name, then returns the layers and
   * settings to use. Never throws: a broken file yields problems and defaults.
   */
  function readWorkspace(): { layers: CatalogPage[][]; settings: StylebookSettings; problems: CatalogProblem[] } {
    bundledPages ??= host.readBundledCatalog();
    const root = workspace.rootDir;
    if (!root || !host.loadWorkspaceConfig) {
      workspace.configFile = undefined;
      workspace.configProblems = [];
      return { layers: [bundledPages], settings: mergeSettings(DEFAULT_SETTINGS, workspace.editor), problems: [] };
    }
    const open = documents.all().find((d) => isConfigUri(d.uri));
    const config = host.loadWorkspaceConfig(root, { editor: workspace.editor, text: open?.getText(), trusted: workspace.trusted, ruleIds: ALL_RULE_IDS });
    workspace.configFile = config.file ?? (open ? fileURLToPath(open.uri) : undefined);
    workspace.configProblems = config.problems;
    const custom = host.loadCatalogLayers?.(root, config.settings, {
      configFile: config.file, configText: config.text, allowedFolders: workspace.allowedFolders, outsideHint: EDITOR_OUTSIDE_HINT,
    });
    workspace.catalogPaths = custom?.paths ?? [];
    return { layers: [bundledPages, ...(custom?.layers ?? [])], settings: config.settings, problems: custom?.problems ?? [] };
  }

  /** Re-reads configuration and custom catalogs, rebuilds the catalog and revalidates open documents. */
  function refreshWorkspace(reason: string, delay = 100): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      guard('configuration', workspace.configFile, undefined, undefined, () => {
        const { layers, settings: next, problems } = readWorkspace();
        // Most refreshes change nothing (the editor's settings pulled at start-up are usually the
        // defaults); rebuilding would revalidate every open document, seconds on a large spec.
        const sameSettings = JSON.stringify(next) === JSON.stringify(settings) && workspace.maxProblems === publishedCap;
        const sameLayers = layers.length === catalogLayers.length && layers.every((l, i) => l.length === catalogLayers[i].length &&
          l.every((p, j) => p.source === catalogLayers[i][j].source && p.text === catalogLayers[i][j].text));
        if (!sameLayers || JSON.stringify(problems) !== lastExtraProblems) {
          log(`reloading configuration and catalog (${reason})`);
          reconfigure(layers, next, problems); // publishes the problems with the new catalog
        } else {
          if (!sameSettings) {
            log(`applying new settings (${reason})`);
            reconfigure(undefined, next);
          }
          publishCatalogProblems(service.catalog.problems); // the configuration's own problems may have changed
        }
        void watchFiles();
      });
    }, delay);
  }

  /** Takes the editor's `stylebook` section: its own settings, and the team's as overrides. */
  function applyEditorSection(section: unknown): void {
    const { allowedFolders, maxProblemsPerFile, problems: own, rest } = splitEditorOnly(section);
    workspace.allowedFolders = allowedFolders;
    workspace.maxProblems = maxProblemsPerFile;
    const { overrides, problems } = parseEditorSettings(rest, { ruleIds: ALL_RULE_IDS });
    for (const p of [...own, ...problems.map((q) => q.message)]) log(p);
    workspace.editor = overrides;
  }

  /** Pulls the editor's `stylebook` settings, when the client supports it. */
  async function pullEditorSettings(): Promise<void> {
    if (!workspace.canPullConfiguration) return;
    try {
      const section = await connection.workspace.getConfiguration({ section: 'stylebook' });
      // catalog.allowedFolders is an application-scoped setting: VS Code reads it from the
      // user's own settings only, never from a workspace's, so a repository cannot widen it.
      applyEditorSection(section);
    } catch (e) {
      connection.console.error(`could not read the stylebook settings: ${(e as Error).message}`);
    }
  }

  /** Watches `.stylebook.yaml` and the configured catalog paths (re-registered when they change). */
  async function watchFiles(): Promise<void> {
    if (!workspace.canWatchFiles || !workspace.rootDir) return;
    const key = JSON.stringify(workspace.catalogPaths);
    if (watchRegistration && key === watchedKey) return;
    watchedKey = key;
    const root = workspace.rootDir;
    const watchers: FileSystemWatcher[] = [];
    const watch = (base: string, pattern: string) => watchers.push({
      globPattern: workspace.relativePatterns ? { baseUri: pathToFileURL(base).toString(), pattern } : `${base.replace(/\\/g, '/')}/${pattern}`,
    });
    watch(root, '.stylebook.{yaml,yml}');
    for (const p of workspace.catalogPaths) {
      if (/\.(md|ya?ml)$/i.test(p)) watch(p.slice(0, Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'))), p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1));
      else watch(p, '**/*.{md,yaml,yml}');
    }
    const previous = watchRegistration;
    watchRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    try {
      (await previous)?.dispose();
    } catch {
      /* the old registration is gone already */
    }
  }

  /** Does a changed file belong to the configuration or a custom catalog? */
  function isWorkspaceInput(uri: string): boolean {
    if (isConfigUri(uri)) return true;
    if (!uri.startsWith('file:')) return false;
    // A uri naming another host (file://server/share/…) has no local path here: not ours, and never a reason to drop the rest of the batch.
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return false;
    }
    return workspace.catalogPaths.some((p) => file === p || file.startsWith(p.endsWith('/') ? p : `${p}/`) || file.startsWith(`${p}\\`));
  }

  /** Replaces the catalog (new layers) and/or the settings, everywhere, and revalidates open documents. */
  function reconfigure(layers: CatalogPage[][] | undefined, newSettings: StylebookSettings | undefined, catalogProblems: CatalogProblem[] = []): void {
    if (newSettings) settings = newSettings;
    const catalog = layers ? loadCatalog(layers, catalogProblems) : undefined;
    service.configure({ ...(catalog ? { catalog } : {}), settings });
    const capChanged = publishedCap !== workspace.maxProblems;
    publishedCap = workspace.maxProblems;
    validator?.configure(layers, newSettings, capChanged ? { maxProblems: publishedCap } : undefined);
    cache.clear();
    workspaceSync?.rescan();
    for (const td of documents.all()) scheduleValidation(td.uri, 0);
    // Topic pages open in the editor were rendered from the old catalog and settings (the guide profile orders their guides).
    void connection.sendNotification(CatalogChangedNotification);
  }

  /** The problem cap the published diagnostics follow (the workers' too). */
  let publishedCap = DEFAULT_MAX_PROBLEMS_PER_FILE;

  /**
   * Publishes a document's diagnostics computed on this thread, at most
   * `stylebook.maxProblemsPerFile` of them and one saying how many more: a
   * generated document with 349,000 problems once made one 238 MB message
   * that no one could read anyway. The workers cap their own results before
   * sending them (see the validator's callback).
   */
  function publishDiagnostics(uri: string, version: number, diagnostics: Diagnostic[], cappedInWorker = false): void {
    published.set(uri, { version, diagnostics, cappedInWorker });
    // The consistency findings of the workspace model (code and spec compared) join the document's own.
    const consistency = guard('consistency', uri, undefined, [], () => workspaceSync?.diagnostics(uri) ?? []);
    const all = consistency.length ? [...diagnostics, ...consistency] : diagnostics;
    // A worker's list is capped already (its last item may say how many more): capping it again would count that item.
    void connection.sendDiagnostics({ uri, version, diagnostics: cappedInWorker && !consistency.length ? all : capDiagnostics(all, publishedCap) });
  }

  /**
   * Recomputes a document's diagnostics off the request path: debounced after
   * edits. OpenAPI documents are validated in a worker thread (the whole rule
   * set on a large spec takes a second or two, and hovers must not wait);
   * a newer version cancels a stale run at once.
   */
  function scheduleValidation(uri: string, delay = VALIDATION_DELAY_MS): void {
    clearTimeout(pendingValidation.get(uri));
    pendingValidation.set(uri, setTimeout(() => {
      pendingValidation.delete(uri);
      const td = documents.get(uri);
      if (!td) return;
      const version = td.version;
      const doc = guard('prepare', uri, undefined, undefined, () => prepared(uri));
      if (!doc) return;
      // An ignored document (or test, generated or vendored code) gets an
      // empty list, which also clears what it had before the setting changed.
      const skipped = guard('validation', uri, undefined, undefined, () => service.skipReason(doc));
      if (skipped) {
        publishDiagnostics(uri, version, [...(fileDiagnostics.get(uri) ?? [])]);
        return;
      }
      // OpenAPI documents and route-handler code are checked in a worker thread.
      if ((doc.kind === 'openapi' || doc.kind === 'code') && validator) {
        validator.validate(uri, td.languageId, version, td.getText(), !!workspaceSync);
        return;
      }
      const isCancelled = () => documents.get(uri)?.version !== version;
      const diagnostics = guard('validation', uri, undefined, null, () => service.doValidation(doc, isCancelled));
      // A config or catalog file open in the editor keeps its problems (they come from the loader, not the rules).
      if (diagnostics && !isCancelled()) publishDiagnostics(uri, version, [...diagnostics, ...(fileDiagnostics.get(uri) ?? [])]);
    }, delay));
  }

  connection.onInitialize((params): InitializeResult => {
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    workspace.rootDir = rootUri?.startsWith('file:') ? fileURLToPath(rootUri) : params.rootPath ?? undefined;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    workspace.trusted = options.workspaceTrusted !== false;
    workspace.commandLinks = options.commandLinks === true;
    if (options.stylebook !== undefined) applyEditorSection(options.stylebook);
    workspace.canPullConfiguration = !!params.capabilities.workspace?.configuration;
    workspace.canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspace.relativePatterns = !!params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    // The file is read at once, so a client that cannot send settings still gets the team's configuration.
    const initial = guard('configuration', workspace.rootDir, undefined, { layers: [bundledPages ??= host.readBundledCatalog()], settings, problems: [] as CatalogProblem[] }, readWorkspace);
    settings = initial.settings;
    service = getLanguageService({
      catalog: loadCatalog(initial.layers, initial.problems), settings, codeParsers: host.codeGrammars,
      workspaceRoot: workspace.rootDir ? pathToFileURL(workspace.rootDir).toString() : undefined,
    });
    if (host.validationWorker !== false) {
      const workspaceRoot = workspace.rootDir ? pathToFileURL(workspace.rootDir).toString() : undefined;
      publishedCap = workspace.maxProblems;
      validator = new BackgroundValidator(catalogLayers, settings, { workspaceRoot, maxProblems: publishedCap, codeBudgetMs: CODE_TIME_BUDGET_MS },
        (uri, version, diagnostics, ms, summary) => {
          if (documents.get(uri)?.version !== version) return;
          if (ms > 500) log(`validated ${uri} in ${ms.toFixed(0)} ms`);
          // The workspace model's summary of this version came from the same run; the model takes it before the diagnostics are published with its findings.
          if (summary !== undefined) guard('workspace model', uri, undefined, undefined, () => workspaceSync?.summarized(uri, version, summary));
          // Capped in the worker already.
          publishDiagnostics(uri, version, diagnostics, true);
        },
        (uri, message) => connection.console.error(`validation failed for ${uri}: ${message}`),
        host.validationWorker, (message) => log(`worker: ${message}`));
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        // Items carry a compact documentation; the full card (every guide's section links) comes on resolve.
        completionProvider: { triggerCharacters: ['(', ' ', ':', '"', "'", '.'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'API Stylebook Lens', version: '0.1.0' },
    };
  });

  /**
   * Waits for the grammar of a route-handler document (loaded once, started
   * when the document opens), so that the service itself stays synchronous.
   * Only without workers: with them, route-handler code is parsed there.
   */
  async function grammarReady(uri: string): Promise<void> {
    const languageId = documents.get(uri)?.languageId;
    if (!validator && languageId && host.codeGrammars && CODE_LANGUAGES.includes(languageId)) await host.codeGrammars.ensure(languageId);
  }

  /**
   * A hover or completion in route-handler code, asked of a worker thread:
   * parsing a large handler file takes seconds, and this thread must keep
   * answering every other document meanwhile. Undefined when the document
   * is not route-handler code (or there are no workers): answer it here.
   */
  async function inWorker(type: 'hover', uri: string, position: Position, token: CancellationToken): Promise<Hover | null | undefined>;
  async function inWorker(type: 'complete', uri: string, position: Position, token: CancellationToken): Promise<CompletionList | null | undefined>;
  async function inWorker(type: 'hover' | 'complete', uri: string, position: Position, token: CancellationToken): Promise<Hover | CompletionList | null | undefined> {
    const td = documents.get(uri);
    if (!validator || !td || !CODE_LANGUAGES.includes(td.languageId)) return undefined;
    // A file over the size limit has nothing to show (its diagnostic says why): no need to copy it to a worker.
    if (sizeReason(td.getText())) return null;
    try {
      const result = await validator.request(type, uri, td.languageId, td.version, td.getText(), position);
      return token.isCancellationRequested ? null : result;
    } catch (e) {
      connection.console.error(`${type} failed for ${uri}: ${(e as Error).stack ?? e}`);
      return null;
    }
  }

  /**
   * Card Markdown as this client can use it. Only our VS Code extension runs
   * the topic-page command; elsewhere the link leads to the shipped page on
   * the web, or, for a team's own topic, names the CLI command that prints it.
   */
  function forClient(markdown: string): string {
    if (workspace.commandLinks) return markdown;
    shippedSources ??= new Set((bundledPages ?? []).map((p) => p.source));
    const shipped = shippedSources;
    return replaceTopicCommandLinks(markdown, (id, label) => {
      const topic = service.catalog.get(id);
      if (topic && shipped.has(topic.source)) return link(label.replace(/\\(.)/g, '$1'), `${PROJECT_URL}/blob/main/catalog/topics/${encodeURIComponent(id)}.md`);
      return `Run ${inlineCode(`stylebook topic ${id}`)} for the topic page`;
    });
  }
  /** `forClient` applied to an item's Markdown documentation. */
  function itemForClient<T extends { documentation?: unknown }>(item: T): T {
    const d = item.documentation as { kind?: string; value?: string } | undefined;
    return workspace.commandLinks || d?.kind !== 'markdown' || typeof d.value !== 'string' ? item : { ...item, documentation: { kind: 'markdown', value: forClient(d.value) } };
  }

  /** A hover as this client can use it (see forClient). */
  function hoverForClient(hover: Hover | null): Hover | null {
    const c = hover?.contents as { kind?: string; value?: string } | undefined;
    return hover && !workspace.commandLinks && c?.kind === 'markdown' && typeof c.value === 'string' ? { ...hover, contents: { kind: 'markdown', value: forClient(c.value) } } : hover;
  }
  /** A completion list as this client can use it (see forClient). */
  function listForClient(list: CompletionList | null): CompletionList | null {
    return list && !workspace.commandLinks ? { ...list, items: list.items.map(itemForClient) } : list;
  }

  connection.onHover(async (params, token) => {
    const uri = params.textDocument.uri;
    // The workspace model's line (code ↔ spec) is added here, apart from the card, so that its failure never costs the card.
    // Only once the model is read and covers this document: a hover never waits for the model, nor parses for it.
    const note = (fn: () => string | undefined) => (workspaceSync?.covers(uri) ? guard('hover (workspace)', uri, token, undefined, fn) : undefined);
    // Where the file alone says no status, one another file decides (a thrown exception class, a helper) may still be known to the model.
    const elsewhere = (v: number) => (workspaceSync?.covers(uri) ? guard('hover (workspace)', uri, token, null, () => crossFileStatusHover(service.workspace, uri, v, params.position, service.catalog, service.settings)) : null);
    // The version the cursor belongs to, taken before the worker's answer is awaited.
    const version = documents.get(uri)?.version;
    const answered = await inWorker('hover', uri, params.position, token);
    if (answered !== undefined) {
      const hover = answered ?? (version !== undefined ? elsewhere(version) : null);
      return hoverForClient(hover && version !== undefined ? withNote(hover, note(() => codeStatusNote(service.workspace, uri, version, params.position))) : hover);
    }
    await grammarReady(uri);
    return guard('hover', uri, token, null, () => {
      const doc = prepared(uri);
      const own = doc ? service.doHover(doc, params.position) : null;
      const hover = own ?? (doc?.kind === 'code' ? elsewhere(doc.textDocument.version) : null);
      return hoverForClient(hover && doc ? withNote(hover, note(() => statusNote(doc, params.position, service.workspace))) : hover);
    });
  });

  connection.onCompletion(async (params, token) => {
    const answered = await inWorker('complete', params.textDocument.uri, params.position, token);
    if (answered !== undefined) return listForClient(answered);
    await grammarReady(params.textDocument.uri);
    return guard('completion', params.textDocument.uri, token, null, () => {
      const doc = prepared(params.textDocument.uri);
      return listForClient(doc ? service.doComplete(doc, params.position) : null);
    });
  });

  connection.onCompletionResolve((item, token) => guard('completionResolve', undefined, token, item, () => itemForClient(service.doResolve(item))));

  connection.onCodeAction(async (params, token) => {
    await grammarReady(params.textDocument.uri);
    return guard('codeAction', params.textDocument.uri, token, [], () => {
      const doc = prepared(params.textDocument.uri);
      return doc ? service.doCodeActions(doc, params.range, params.context.diagnostics) : [];
    });
  });

  // Custom requests for the editor's topic search, topic pages and browse views (protocol.ts).
  function onStylebookRequest<T extends StylebookRequest<any, any>>(req: T, fallback: ResultOf<T>, fn: (p: ParamsOf<T>) => ResultOf<T>): void {
    connection.onRequest(req.method, (params: ParamsOf<T>, token: CancellationToken) =>
      guard(req.method, (params as { textDocument?: { uri?: string } } | undefined)?.textDocument?.uri, token, fallback, () => fn(params ?? ({} as ParamsOf<T>))));
  }
  onStylebookRequest(TopicIndexRequest, { topics: [] }, () => ({
    topics: service.catalog.topics.map((t) => ({
      id: t.id, name: t.name, category: t.category, description: t.description, statusCode: t.statusCode,
      guidelines: t.guidelines.map((g) => ({ id: g.id, company: g.company, title: g.title, references: g.references.map((r) => ({ name: r.name })) })),
      body: searchWords(t.body),
    })),
  }));
  onStylebookRequest(SearchTopicsRequest, { hits: [] }, (p) => ({
    hits: searchTopics(service.catalog.topics, String(p.query ?? ''), { limit: p.limit }).map((h) => ({
      id: h.topic.id, name: h.topic.name, category: h.topic.category, description: h.topic.description, score: h.score, matched: h.matched,
    })),
  }));
  onStylebookRequest(TopicPageRequest, { id: '', title: 'Error', markdown: 'The topic page could not be rendered; see the output channel.', found: false },
    (p) => renderTopicPage(String(p.id ?? ''), service.catalog, { guideProfile: service.settings.guideProfile }));
  onStylebookRequest(GuidesRequest, [], () => service.catalog.guides());
  onStylebookRequest(CategoriesRequest, [], () => topicCategories(service.catalog));
  // The topic under the cursor comes from the hover, which route-handler code gets from a worker.
  connection.onRequest(TopicAtRequest.method, async (p: ParamsOf<typeof TopicAtRequest>, token: CancellationToken): Promise<ResultOf<typeof TopicAtRequest>> => {
    const uri = p?.textDocument?.uri;
    const version = uri ? documents.get(uri)?.version : undefined;
    const fromWorker = uri ? await inWorker('hover', uri, p.position, token) : undefined;
    return guard(TopicAtRequest.method, uri, token, null, () => {
      const doc = fromWorker === undefined ? prepared(uri) : undefined;
      const own = fromWorker !== undefined ? fromWorker : doc ? service.doHover(doc, p.position) : null;
      // A status another file decides has its card from the workspace model, as the hover does.
      const hover = own ?? (uri && version !== undefined && workspaceSync?.covers(uri) ? crossFileStatusHover(service.workspace, uri, version, p.position, service.catalog, service.settings) : null);
      const topicId = topicIdFromHover(hover);
      return topicId ? { topicId } : null;
    });
  });

  connection.onInitialized(() => {
    if (!workspace.rootDir) return;
    const rootDir = workspace.rootDir;
    workspaceSync = guard('workspace model', undefined, undefined, undefined, () => startWorkspaceSync({
      connection, rootDir, service: () => service,
      // With workers, the model's files are read and parsed there; this thread loads no grammar for it.
      ...(validator
        ? { summarizeFiles: (files: Parameters<BackgroundValidator['summarize']>[0]) => validator!.summarize(files) }
        : { ensureGrammar: host.codeGrammars && ((id: string) => host.codeGrammars!.ensure(id)) }),
      openDocument: (uri) => prepared(uri), openUris: () => documents.all().map((d) => d.uri), canWatchFiles: workspace.canWatchFiles, log,
      republish: (uri) => {
        const last = published.get(uri);
        if (last && documents.get(uri)?.version === last.version) publishDiagnostics(uri, last.version, last.diagnostics, last.cappedInWorker);
      },
    }));
    // Settings first (they may add catalog paths), then the file watchers for what they name.
    void (async () => {
      if (workspace.canPullConfiguration) {
        await pullEditorSettings();
        try {
          await connection.client.register(DidChangeConfigurationNotification.type, { section: 'stylebook' });
        } catch {
          /* the client pushes configuration changes without registration */
        }
        refreshWorkspace('editor settings', 0);
      } else void watchFiles();
    })();
  });
  connection.onDidChangeConfiguration((change) => {
    void (async () => {
      const pushed = (change.settings as { stylebook?: unknown } | undefined)?.stylebook;
      if (workspace.canPullConfiguration) await pullEditorSettings();
      else if (pushed !== undefined) {
        applyEditorSection(pushed);
      }
      refreshWorkspace('settings changed');
    })();
  });
  connection.onDidChangeWatchedFiles((change) => {
    guard('workspace model', undefined, undefined, undefined, () => workspaceSync?.filesChanged(change.changes));
    const relevant = change.changes.filter((c) => isWorkspaceInput(c.uri));
    if (relevant.length) refreshWorkspace(`${relevant.length} file(s) changed: ${relevant.map((c) => c.uri).join(', ')}`);
  });
  connection.onNotification(TrustGrantedNotification, () => {
    if (workspace.trusted) return;
    workspace.trusted = true;
    refreshWorkspace('workspace trusted');
  });

  documents.onDidOpen((e) => void grammarReady(e.document.uri).then(() => {
    guard('workspace model', e.document.uri, undefined, undefined, () => workspaceSync?.opened(e.document.uri));
    scheduleValidation(e.document.uri, 0);
  }));
  documents.onDidChangeContent((e) => {
    guard('workspace model', e.document.uri, undefined, undefined, () => workspaceSync?.opened(e.document.uri));
    // Editing .stylebook.yaml applies at once (debounced), without waiting for a save.
    if (isConfigUri(e.document.uri)) refreshWorkspace('configuration edited', VALIDATION_DELAY_MS);
    scheduleValidation(e.document.uri);
  });
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    published.delete(e.document.uri);
    guard('workspace model', e.document.uri, undefined, undefined, () => workspaceSync?.closed(e.document.uri));
    validator?.forget(e.document.uri);
    clearTimeout(pendingValidation.get(e.document.uri));
    pendingValidation.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onShutdown(async () => {
    await validator?.dispose();
  });
  documents.listen(connection);
  connection.listen();
}
