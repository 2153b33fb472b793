import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection, type Diagnostic, type FileEvent } from 'vscode-languageserver';
import { expandTargets, languageIdFor, prefixConfigFiles } from './cli/files';
import { decodeText } from './cli/decode';
import { readRegularFile } from './node/safeRead';
import type { StylebookDocument } from './service/document';
import type { LanguageService } from './service/languageService';
import { FastTextDocument } from './service/textDocument';
import { KEPT_MEMO_KEYS } from './service/workspace/model';
import { isPrefixConfig } from './service/workspace/prefixes';

/**
 * The server's side of the workspace model (service/workspace/): it reads
 * the workspace's specs and route-handler files in the background (honouring
 * .gitignore, node_modules and the `ignore` setting, as `stylebook lint`
 * walks a folder), keeps them current from open documents and watched-file
 * changes, and adds the consistency diagnostics to what the server publishes.
 * Everything here is glue; what the model means lives in the service.
 */

/**
 * Files larger than this are left out of the model (a generated bundle is
 * not a route table). The model is built on the server's main thread, so
 * these bound how long one file can hold up a hover: a 256 KB handler file
 * with 1,600 routes takes about 1 s, a 8 MB spec a few hundred ms.
 */
const MAX_CODE_BYTES = 256 * 1024;
const MAX_SPEC_BYTES = 8 * 1024 * 1024;
/** More files than this and the workspace is not read (a monorepo of vendored code, say); said in the log. */
const MAX_FILES = 20000;
/** How long the background scan works before it lets requests through. */
const SLICE_MS = 8;
/** How long a burst of edits or file events waits before the diagnostics of open documents are refreshed. */
const REFRESH_DELAY_MS = 400;

/** What the glue needs from the server. */
export interface WorkspaceSyncOptions {
  connection: Connection;
  rootDir: string;
  service: () => LanguageService;
  /** Loads a route-handler grammar; the model of a code file needs it. */
  ensureGrammar?: (languageId: string) => Promise<boolean>;
  /** The prepared version of an open document, or undefined when the document is not open. */
  openDocument: (uri: string) => StylebookDocument | undefined;
  /** The uris of the open documents. */
  openUris: () => string[];
  /** Publishes an open document's diagnostics again (its own, plus the consistency ones now). */
  republish: (uri: string) => void;
  /** The client can register file watchers. */
  canWatchFiles: boolean;
  log: (message: string) => void;
}

/** The handle the server keeps. */
export interface WorkspaceSync {
  /** The consistency diagnostics of a document, from the model as it stands (empty until the first scan is done). */
  diagnostics(uri: string): Diagnostic[];
  /**
   * Whether the model has something to say about this document: the first
   * scan is done, the workspace has both code and specs, and the document is
   * in the model (within its size limits). Before that, nothing is computed.
   */
  covers(uri: string): boolean;
  /** An open document changed: the model takes its text. */
  opened(uri: string): void;
  /** A document was closed: the model goes back to the file on disk. */
  closed(uri: string): void;
  /** Files changed on disk. */
  filesChanged(changes: readonly FileEvent[]): void;
  /** Reads the whole workspace again (after the settings changed: the `ignore` patterns may have). */
  rescan(): void;
}

/** The local path of a file uri; undefined for another scheme or a uri naming another host (file://server/share/…). */
function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Starts reading the workspace in the background and returns the handle. */
export function startWorkspaceSync(o: WorkspaceSyncOptions): WorkspaceSync {
  let ready = false;
  let generation = 0;
  let refreshTimer: NodeJS.Timeout | undefined;
  /** Open documents whose new text the model takes once their edits pause. */
  const pendingOpen = new Map<string, NodeJS.Timeout>();
  /** Whether an open document is small enough for the model (see MAX_CODE_BYTES). */
  const fits = (doc: StylebookDocument) => doc.textDocument.getText().length <= (doc.kind === 'code' ? MAX_CODE_BYTES : MAX_SPEC_BYTES);

  /** Refreshes the consistency diagnostics of every open document, once per burst. */
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      for (const uri of o.openUris()) o.republish(uri);
    }, REFRESH_DELAY_MS);
  };

  /** Reads a file from disk into the model (or takes it out when it is no spec or code, or cannot be read). */
  const readFromDisk = async (file: string, languageId: string) => {
    const uri = pathToFileURL(file).toString();
    if (o.openDocument(uri)) return; // The editor's text wins over the disk's.
    const service = o.service();
    const isCode = languageId !== 'yaml' && languageId !== 'json' && languageId !== 'properties';
    if (isCode && o.ensureGrammar && !(await o.ensureGrammar(languageId))) return;
    const read = readRegularFile(file, isCode ? MAX_CODE_BYTES : MAX_SPEC_BYTES);
    if (!('bytes' in read)) { service.removeFromWorkspace(uri); return; }
    const decoded = decodeText(read.bytes);
    if (!('text' in decoded)) { service.removeFromWorkspace(uri); return; }
    const doc = service.prepare(FastTextDocument.create(uri, languageId, 0, decoded.text));
    if (doc.kind === 'other' && !isPrefixConfig(uri)) { service.removeFromWorkspace(uri); return; }
    service.updateWorkspace(doc);
    if (doc.kind === 'code') {
      // Its routes and the facts other files resolve against are all the model keeps of a closed file: its syntax tree can go.
      service.workspace.settle(doc);
      for (const key of [...doc.memo.keys()]) if (!KEPT_MEMO_KEYS.includes(key)) doc.memo.delete(key);
    }
  };

  /** Lists the workspace's candidate files as `stylebook lint <root>` would. */
  const listFiles = () => {
    const settings = o.service().settings;
    const files = expandTargets([o.rootDir], o.rootDir, undefined, { cliPatterns: [], configPatterns: settings.ignore ?? [], configRoot: o.rootDir }).files;
    return [...files, ...prefixConfigFiles(files)];
  };

  const scan = async () => {
    const mine = ++generation;
    const t0 = performance.now();
    let files: ReturnType<typeof listFiles>;
    try {
      files = listFiles();
    } catch (e) {
      o.log(`workspace model: cannot list ${o.rootDir}: ${(e as Error).message}`);
      return;
    }
    if (files.length > MAX_FILES) {
      o.log(`workspace model: ${files.length} files, more than ${MAX_FILES}; code and spec are not compared in this workspace`);
      return;
    }
    // Work-done progress where the client offers it; a client without it simply sees nothing.
    const progress = await o.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Stylebook: reading routes and specs', 0, `${files.length} files`, false);
    let sliceStart = performance.now();
    for (let i = 0; i < files.length; i++) {
      if (mine !== generation) { progress?.done(); return; }
      try {
        await readFromDisk(files[i].path, files[i].languageId);
      } catch (e) {
        o.log(`workspace model: ${files[i].path}: ${(e as Error).message}`);
      }
      // Yield to the event loop once a slice of work is done, so that hovers and completions wait at most one file.
      if (performance.now() - sliceStart > SLICE_MS) {
        progress?.report(Math.round((100 * i) / files.length));
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    progress?.done();
    ready = true;
    o.log(`workspace model: ${files.length} files read in ${(performance.now() - t0).toFixed(0)} ms`);
    refreshSoon();
  };

  const watch = () => {
    if (!o.canWatchFiles) return;
    const exts = '{yaml,yml,json,js,mjs,cjs,jsx,ts,mts,cts,tsx,py,java,kt,kts,go,cs,php,rb}';
    // Spring's application.properties sets the context path of a module's routes (see service/workspace/prefixes.ts).
    const watchers = [{ globPattern: `**/*.${exts}` }, { globPattern: '**/src/main/resources/application.properties' }];
    void o.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers })
      .catch((e: Error) => o.log(`workspace model: cannot watch files: ${e.message}`));
  };

  watch();
  void scan();

  const languageOf = (file: string) => languageIdFor(file) ?? (isPrefixConfig(pathToFileURL(file).toString()) ? 'properties' : undefined);

  return {
    covers(uri) {
      // Code and spec are compared only when the workspace has both; otherwise nothing is parsed here at all.
      const ws = o.service().workspace;
      return ready && ws.hasCode && ws.hasSpecs && !!(ws.spec(uri) ?? ws.codeDocument(uri));
    },
    diagnostics(uri) {
      if (!this.covers(uri)) return [];
      const doc = o.openDocument(uri);
      return doc && fits(doc) ? o.service().doConsistency(doc) : [];
    },
    opened(uri) {
      // Once the edits pause: taking a document into the model parses it on this thread.
      clearTimeout(pendingOpen.get(uri));
      pendingOpen.set(uri, setTimeout(() => void (async () => {
        pendingOpen.delete(uri);
        let doc = o.openDocument(uri);
        if (!doc || doc.kind === 'other') return;
        // Route-handler code is analysed in worker threads; the model's own reading needs the grammar here too.
        if (doc.kind === 'code' && o.ensureGrammar && !(await o.ensureGrammar(doc.textDocument.languageId))) return;
        doc = o.openDocument(uri);
        if (!doc) return;
        if (!fits(doc)) o.service().removeFromWorkspace(uri);
        else o.service().updateWorkspace(doc);
        refreshSoon();
      })().catch((e: Error) => o.log(`workspace model: ${uri}: ${e.message}`)), REFRESH_DELAY_MS));
    },
    closed(uri) {
      clearTimeout(pendingOpen.get(uri));
      pendingOpen.delete(uri);
      const file = localPath(uri);
      if (file === undefined) { o.service().removeFromWorkspace(uri); refreshSoon(); return; }
      const languageId = languageOf(file);
      o.service().removeFromWorkspace(uri);
      if (languageId) void readFromDisk(file, languageId).then(refreshSoon, (e: Error) => o.log(`workspace model: ${file}: ${e.message}`));
    },
    filesChanged(changes) {
      // A created file joins only if a walk of the workspace would find it (.gitignore, ignore patterns): one walk per batch.
      const created = changes.some((c) => c.type === FileChangeType.Created);
      const wanted = created ? new Set(listFiles().map((f) => f.path)) : undefined;
      const ws = o.service().workspace;
      void (async () => {
        for (const c of changes) {
          const file = localPath(c.uri);
          if (file === undefined) continue;
          const languageId = languageOf(file);
          if (!languageId) continue;
          const known = !!(ws.spec(c.uri) ?? ws.codeDocument(c.uri) ?? ws.config(c.uri));
          if (c.type === FileChangeType.Deleted) o.service().removeFromWorkspace(c.uri);
          else if (known || wanted?.has(file)) await readFromDisk(file, languageId);
        }
        refreshSoon();
      })().catch((e: Error) => o.log(`workspace model: ${e.message}`));
    },
    rescan() {
      ready = false;
      void scan();
    },
  };
}

