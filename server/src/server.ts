import {
  CancellationToken, CodeActionKind, Connection, Diagnostic, DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
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
import { searchTopics } from './service/search';
import { capDiagnostics } from './service/problemCap';
import { renderTopicPage, topicCategories, topicIdFromHover } from './service/topicPage';
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

/**
 * Takes `catalog.allowedFolders` (absolute folders) out of the editor's
 * `stylebook` section; the rest is the team's settings, validated as usual.
 */
function splitAllowedFolders(section: unknown): { allowedFolders: string[]; rest: unknown } {
  if (typeof section !== 'object' || section === null) return { allowedFolders: [], rest: section };
  const { catalog, ...others } = section as { catalog?: unknown };
  if (typeof catalog !== 'object' || catalog === null) return { allowedFolders: [], rest: section };
  const { allowedFolders, ...catalogRest } = catalog as { allowedFolders?: unknown };
  const list = Array.isArray(allowedFolders) ? allowedFolders.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)) : [];
  return { allowedFolders: list, rest: { ...others, catalog: catalogRest } };
}

/** What the client tells the server at start-up (client/src/extension.ts). */
interface InitializationOptions {
  /** VS Code's workspace trust; catalog folders named by the workspace load only when true. Other clients have no trust model: absent means trusted. */
  workspaceTrusted?: boolean;
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
  const published = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

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
    canPullConfiguration: false,
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
        const sameSettings = JSON.stringify(next) === JSON.stringify(settings);
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

  /** Pulls the editor's `stylebook` settings, when the client supports it. */
  async function pullEditorSettings(): Promise<void> {
    if (!workspace.canPullConfiguration) return;
    try {
      const section = await connection.workspace.getConfiguration({ section: 'stylebook' });
      // catalog.allowedFolders is an application-scoped setting: VS Code reads it from the
      // user's own settings only, never from a workspace's, so a repository cannot widen it.
      const { allowedFolders, rest } = splitAllowedFolders(section);
      workspace.allowedFolders = allowedFolders;
      const { overrides, problems } = parseEditorSettings(rest, { ruleIds: ALL_RULE_IDS });
      for (const p of problems) log(p.message);
      workspace.editor = overrides;
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
    const file = fileURLToPath(uri);
    return workspace.catalogPaths.some((p) => file === p || file.startsWith(p.endsWith('/') ? p : `${p}/`) || file.startsWith(`${p}\\`));
  }

  /** Replaces the catalog (new layers) and/or the settings, everywhere, and revalidates open documents. */
  function reconfigure(layers: CatalogPage[][] | undefined, newSettings: StylebookSettings | undefined, catalogProblems: CatalogProblem[] = []): void {
    if (newSettings) settings = newSettings;
    const catalog = layers ? loadCatalog(layers, catalogProblems) : undefined;
    service.configure({ ...(catalog ? { catalog } : {}), settings });
    validator?.configure(layers, newSettings);
    cache.clear();
    workspaceSync?.rescan();
    for (const td of documents.all()) scheduleValidation(td.uri, 0);
    // Topic pages open in the editor were rendered from the old catalog and settings (the guide profile orders their guides).
    void connection.sendNotification(CatalogChangedNotification);
  }

  /**
   * Publishes a document's diagnostics, at most DEFAULT_MAX_PROBLEMS_PER_FILE
   * of them and one saying how many more: a generated document with 349,000
   * problems once made one 238 MB message that no one could read anyway.
   */
  function publishDiagnostics(uri: string, version: number, diagnostics: Diagnostic[]): void {
    published.set(uri, { version, diagnostics });
    const consistency = guard('consistency', uri, undefined, [], () => workspaceSync?.diagnostics(uri) ?? []);
    void connection.sendDiagnostics({ uri, version, diagnostics: capDiagnostics([...diagnostics, ...consistency]) });
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
      if (doc.kind === 'openapi' && validator) {
        validator.validate(uri, td.languageId, version, td.getText());
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
    workspace.trusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted !== false;
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
      validator = new BackgroundValidator(catalogLayers, settings,
        (uri, version, diagnostics, ms) => {
          if (documents.get(uri)?.version !== version) return;
          if (ms > 500) log(`validated ${uri} in ${ms.toFixed(0)} ms`);
          publishDiagnostics(uri, version, diagnostics);
        },
        (uri, message) => connection.console.error(`validation failed for ${uri}: ${message}`),
        host.validationWorker);
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
   */
  async function grammarReady(uri: string): Promise<void> {
    const languageId = documents.get(uri)?.languageId;
    if (languageId && host.codeGrammars && CODE_LANGUAGES.includes(languageId)) await host.codeGrammars.ensure(languageId);
  }

  connection.onHover(async (params, token) => {
    await grammarReady(params.textDocument.uri);
    return guard('hover', params.textDocument.uri, token, null, () => {
      const doc = prepared(params.textDocument.uri);
      return doc ? service.doHover(doc, params.position) : null;
    });
  });

  connection.onCompletion(async (params, token) => {
    await grammarReady(params.textDocument.uri);
    return guard('completion', params.textDocument.uri, token, null, () => {
      const doc = prepared(params.textDocument.uri);
      return doc ? service.doComplete(doc, params.position) : null;
    });
  });

  connection.onCompletionResolve((item, token) => guard('completionResolve', undefined, token, item, () => service.doResolve(item)));

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
  onStylebookRequest(TopicAtRequest, null, (p) => {
    const doc = prepared(p.textDocument.uri);
    const topicId = doc ? topicIdFromHover(service.doHover(doc, p.position)) : undefined;
    return topicId ? { topicId } : null;
  });

  connection.onInitialized(() => {
    if (!workspace.rootDir) return;
    const rootDir = workspace.rootDir;
    workspaceSync = guard('workspace model', undefined, undefined, undefined, () => startWorkspaceSync({
      connection, rootDir, service: () => service, ensureGrammar: host.codeGrammars && ((id) => host.codeGrammars!.ensure(id)),
      openDocument: (uri) => prepared(uri), openUris: () => documents.all().map((d) => d.uri), canWatchFiles: workspace.canWatchFiles, log,
      republish: (uri) => {
        const last = published.get(uri);
        if (last && documents.get(uri)?.version === last.version) publishDiagnostics(uri, last.version, last.diagnostics);
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
        const { allowedFolders, rest } = splitAllowedFolders(pushed);
        workspace.allowedFolders = allowedFolders;
        workspace.editor = parseEditorSettings(rest, { ruleIds: ALL_RULE_IDS }).overrides;
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
