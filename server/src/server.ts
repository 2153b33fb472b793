import {
  CancellationToken, CodeActionKind, Connection, Diagnostic, DiagnosticSeverity, InitializeResult, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FastTextDocument } from './service/textDocument';
import { pathToFileURL } from 'node:url';
import { buildCatalog, type Catalog } from './service/catalog/catalog';
import type { CatalogPage, CatalogProblem } from './service/catalog/types';
import type { StylebookDocument } from './service/document';
import { BackgroundValidator } from './node/validator';
import { getLanguageService, type LanguageService } from './service/languageService';
import { CODE_LANGUAGES, type CodeParsers } from './service/code/index';
import { DEFAULT_SETTINGS, type StylebookSettings } from './service/settings';
import { searchTopics } from './service/search';
import { renderTopicPage, topicCategories, topicIdFromHover } from './service/topicPage';
import {
  CategoriesRequest, GuidesRequest, SearchTopicsRequest, TopicAtRequest, TopicIndexRequest, TopicPageRequest,
  type ParamsOf, type ResultOf, type StylebookRequest,
} from './protocol';

/** What the entry point hands the glue: the I/O it is allowed to do. */
export interface ServerHost {
  /** Reads the shipped catalog's pages. */
  readBundledCatalog(): CatalogPage[];
  /** The validation worker's script, or false to validate on the main thread. */
  validationWorker?: string | false;
  /** Parsers for route-handler code; a grammar loads on first use of its language. */
  codeGrammars?: CodeParsers & { ensure(languageId: string): Promise<boolean> };
}

/** How long after the last edit diagnostics are recomputed. */
const VALIDATION_DELAY_MS = 200;

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
  function loadCatalog(layers: CatalogPage[][]): Catalog {
    const t0 = performance.now();
    catalogLayers = layers;
    const catalog = buildCatalog(layers);
    log(`catalog: ${catalog.topics.length} topics indexed in ${(performance.now() - t0).toFixed(1)} ms` +
      (catalog.problems.length ? `, ${catalog.problems.length} problem(s)` : ''));
    publishCatalogProblems(catalog.problems);
    return catalog;
  }

  /** Shows catalog page problems as diagnostics on the page files themselves, and in the log. */
  function publishCatalogProblems(problems: CatalogProblem[]): void {
    const byUri = new Map<string, Diagnostic[]>();
    for (const p of problems) {
      log(`catalog problem: ${p.source}:${p.line + 1}:${p.column + 1}: ${p.message}`);
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
  }

  /** Replaces the catalog (new layers) and/or the settings, everywhere, and revalidates open documents. */
  function reconfigure(layers: CatalogPage[][] | undefined, newSettings: StylebookSettings | undefined): void {
    if (newSettings) settings = newSettings;
    const catalog = layers ? loadCatalog(layers) : undefined;
    service.configure({ ...(catalog ? { catalog } : {}), settings });
    validator?.configure(layers, newSettings);
    cache.clear();
    for (const td of documents.all()) scheduleValidation(td.uri, 0);
  }
  void reconfigure; // used by configuration handling

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
      if (doc.kind === 'openapi' && validator) {
        validator.validate(uri, td.languageId, version, td.getText());
        return;
      }
      const isCancelled = () => documents.get(uri)?.version !== version;
      const diagnostics = guard('validation', uri, undefined, null, () => service.doValidation(doc, isCancelled));
      if (diagnostics && !isCancelled()) void connection.sendDiagnostics({ uri, version, diagnostics });
    }, delay));
  }

  connection.onInitialize((): InitializeResult => {
    service = getLanguageService({ catalog: loadCatalog([host.readBundledCatalog()]), settings, codeParsers: host.codeGrammars });
    if (host.validationWorker !== false) {
      validator = new BackgroundValidator(catalogLayers, settings,
        (uri, version, diagnostics, ms) => {
          if (documents.get(uri)?.version !== version) return;
          if (ms > 500) log(`validated ${uri} in ${ms.toFixed(0)} ms`);
          void connection.sendDiagnostics({ uri, version, diagnostics });
        },
        (uri, message) => connection.console.error(`validation failed for ${uri}: ${message}`),
        host.validationWorker);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['(', ' ', ':', '"', "'", '.'], resolveProvider: false },
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

  documents.onDidOpen((e) => void grammarReady(e.document.uri).then(() => scheduleValidation(e.document.uri, 0)));
  documents.onDidChangeContent((e) => scheduleValidation(e.document.uri));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
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
