import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection, type Diagnostic, type FileEvent } from 'vscode-languageserver';
import { expandTargets, languageIdFor, prefixConfigFiles } from './cli/files';
import { decodeText } from './cli/decode';
import { readRegularFile } from './node/safeRead';
import type { StylebookDocument } from './service/document';
import type { LanguageService } from './service/languageService';
import { FastTextDocument } from './service/textDocument';
import type { FileSummary } from './service/workspace/summary';
import { isPrefixConfig } from './service/workspace/prefixes';
import type { SummaryAnswer } from './node/validator';

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
 * not a route table). With workers, closed files are read and summarised
 * there, within the 5 s budget of code/limits.ts, so these bound a worker's
 * time and memory rather than a hover's wait: a 1 MB handler file of 4,300
 * routes took a worker 5 s on the loaded 2-core machine and grew it by about
 * 40 MB; 2 MB overran the budget (ARCHITECTURE.md, "Limits"). Without
 * workers the model is built on the main thread, and a file of this size
 * holds up hovers for as long.
 */
const MAX_CODE_BYTES = 1024 * 1024;
const MAX_SPEC_BYTES = 8 * 1024 * 1024;
/**
 * Closed files go to the workers in batches of this many, at most IN_FLIGHT
 * batches at a time: enough to keep both workers busy, few enough that a
 * hover in code waits for at most a batch of files. One message per file
 * cost the workers more in messaging than in parsing.
 */
const BATCH = 16;
const IN_FLIGHT = 4;
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
  /** Loads a route-handler grammar on this thread; the model of a code file needs it when there are no workers. */
  ensureGrammar?: (languageId: string) => Promise<boolean>;
  /**
   * Reads and summarises closed files in a validation worker (an answer per
   * file, undefined when the worker stopped). With it, this thread never
   * reads, parses or analyses a file for the model: open documents'
   * summaries come with their validation (`summarized`).
   */
  summarizeFiles?: (files: Array<{ uri: string; file: string; languageId: string; maxBytes: number }>) => Promise<Array<SummaryAnswer | undefined>>;
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
  /** A worker's summary of an open document's version, made with its validation. */
  summarized(uri: string, version: number, summary: FileSummary | null): void;
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

  /**
   * Open documents the pending refresh may leave out: each was published with
   * the model as it now stands (a worker's summary of it has just come with
   * its diagnostics). A spec with 1,000 diagnostics is a 730 KB message, and
   * sending it twice held up the hovers around it.
   */
  let refreshSkips: Set<string> | undefined;
  /** Refreshes the consistency diagnostics of every open document (but `except`, published just now), once per burst. */
  const refreshSoon = (except?: string) => {
    const pending = refreshTimer !== undefined;
    // What every trigger of this burst left out may be left out.
    refreshSkips = except === undefined ? new Set() : !pending ? new Set([except]) : new Set([...(refreshSkips ?? [])].filter((u) => u === except));
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      const skip = refreshSkips;
      refreshTimer = undefined;
      refreshSkips = undefined;
      for (const uri of o.openUris()) if (!skip?.has(uri)) o.republish(uri);
    }, REFRESH_DELAY_MS);
  };

  /** Reads a file from disk into the model on this thread (without workers, or a prefix configuration file), keeping only its summary (or prefix facts). */
  const readHere = async (uri: string, file: string, languageId: string) => {
    const service = o.service();
    const isCode = languageId !== 'yaml' && languageId !== 'json' && languageId !== 'properties';
    if (isCode && o.ensureGrammar && !(await o.ensureGrammar(languageId))) return;
    const read = readRegularFile(file, isCode ? MAX_CODE_BYTES : MAX_SPEC_BYTES);
    if (!('bytes' in read)) { service.removeFromWorkspace(uri); return; }
    const decoded = decodeText(read.bytes);
    if (!('text' in decoded)) { service.removeFromWorkspace(uri); return; }
    // Version -1: a file read from disk is never the editor's version of it.
    const doc = service.prepare(FastTextDocument.create(uri, languageId, -1, decoded.text));
    // Spring's application.properties is no spec or code: the model keeps its prefix facts, read here from the document.
    if (isPrefixConfig(uri)) service.updateWorkspace(doc);
    else service.updateWorkspaceSummary(uri, service.summarize(doc));
  };

  /** Reads files from disk into the model in a worker (or takes them out when they are no spec or code, or cannot be read); `current` says whether the answers are still wanted. */
  const readInWorker = async (files: ReadonlyArray<{ path: string; languageId: string }>, summarizeFiles: NonNullable<WorkspaceSyncOptions['summarizeFiles']>, current: () => boolean) => {
    const wanted = files
      .map((f) => ({ uri: pathToFileURL(f.path).toString(), file: f.path, languageId: f.languageId, maxBytes: f.languageId !== 'yaml' && f.languageId !== 'json' ? MAX_CODE_BYTES : MAX_SPEC_BYTES }))
      .filter((f) => !o.openDocument(f.uri)); // The editor's text wins over the disk's.
    // Prefix configuration files are a few small files with nothing to parse: read on this thread (readHere).
    const configs = wanted.filter((f) => isPrefixConfig(f.uri));
    for (const f of configs) await readHere(f.uri, f.file, f.languageId);
    const summarized = configs.length ? wanted.filter((f) => !isPrefixConfig(f.uri)) : wanted;
    if (!summarized.length) return;
    const answers = await summarizeFiles(summarized);
    if (!current()) return; // A newer scan has them.
    summarized.forEach((f, i) => {
      // Opened meanwhile: its summary comes with its validation.
      if (o.openDocument(f.uri)) return;
      const answer = answers[i];
      if (!answer) o.log(`workspace model: ${f.file}: the worker stopped while reading it; left out`);
      else if (answer.note) o.log(`workspace model: ${f.file}: left out: ${answer.note}`);
      o.service().updateWorkspaceSummary(f.uri, answer?.summary ?? undefined);
    });
  };

  /** Reads a file from disk into the model (or takes it out when it is no spec or code, or cannot be read). */
  const readFromDisk = async (file: string, languageId: string) => {
    if (o.summarizeFiles) return readInWorker([{ path: file, languageId }], o.summarizeFiles, () => true);
    const uri = pathToFileURL(file).toString();
    if (!o.openDocument(uri)) await readHere(uri, file, languageId);
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
    let done = 0;
    let reported = 0;
    const step = () => {
      done++;
      const percent = Math.floor((100 * done) / files.length);
      if (percent > reported) progress?.report((reported = percent));
    };
    const current = () => mine === generation;
    const summarizeFiles = o.summarizeFiles;
    if (summarizeFiles) {
      // The workers read and summarise; this thread only posts paths and stores the answers.
      let next = 0;
      const feed = async () => {
        while (next < files.length && current()) {
          const batch = files.slice(next, (next += BATCH));
          try {
            await readInWorker(batch, summarizeFiles, current);
          } catch (e) {
            o.log(`workspace model: ${batch[0].path} and ${batch.length - 1} more: ${(e as Error).message}`);
          }
          for (let i = 0; i < batch.length; i++) step();
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, feed));
      if (!current()) { progress?.done(); return; }
    } else {
      let sliceStart = performance.now();
      for (let i = 0; i < files.length; i++) {
        if (!current()) { progress?.done(); return; }
        try {
          await readFromDisk(files[i].path, files[i].languageId);
        } catch (e) {
          o.log(`workspace model: ${files[i].path}: ${(e as Error).message}`);
        }
        step();
        // Yield to the event loop once a slice of work is done, so that hovers and completions wait at most one file.
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
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

  /**
   * The quick fix that documents a status edits the spec, and needs its text
   * and parse: a spec the model holds only as a summary is read here when the
   * fix is asked for, and the last one read is kept while the file is
   * unchanged (code actions are asked on every cursor move).
   */
  let lastSpec: { uri: string; mtimeMs: number; size: number; doc: StylebookDocument } | undefined;
  o.service().workspace.setSpecReader((uri) => {
    const open = o.openDocument(uri);
    if (open) return open;
    const file = localPath(uri);
    const languageId = file && languageIdFor(file);
    if (!file || !languageId) return undefined;
    let stat: fs.Stats;
    try { stat = fs.statSync(file); } catch { return undefined; }
    if (lastSpec?.uri === uri && lastSpec.mtimeMs === stat.mtimeMs && lastSpec.size === stat.size) return lastSpec.doc;
    const read = readRegularFile(file, MAX_SPEC_BYTES);
    const decoded = 'bytes' in read ? decodeText(read.bytes) : undefined;
    if (!decoded || !('text' in decoded)) return undefined;
    const doc = o.service().prepare(FastTextDocument.create(uri, languageId, -1, decoded.text));
    lastSpec = { uri, mtimeMs: stat.mtimeMs, size: stat.size, doc };
    return doc;
  });

  watch();
  void scan();

  const languageOf = (file: string) => languageIdFor(file) ?? (isPrefixConfig(pathToFileURL(file).toString()) ? 'properties' : undefined);

  return {
    covers(uri) {
      // Code and spec are compared only when the workspace has both; otherwise nothing is parsed here at all.
      const ws = o.service().workspace;
      return ready && ws.hasCode && ws.hasSpecs && ws.has(uri);
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
        // A prefix configuration file (Spring's application.properties) counts as the disk has it, as the scan read it.
        if (!doc || isPrefixConfig(uri)) return;
        if (o.summarizeFiles) {
          // Its summary comes with its validation in a worker (`summarized`); only what stays out of the model is settled here.
          if (doc.kind === 'other' || !fits(doc) || o.service().skipReason(doc)) { o.service().removeFromWorkspace(uri); refreshSoon(); }
          return;
        }
        if (doc.kind === 'other') return;
        // Route-handler code is analysed in worker threads; the model's own reading needs the grammar here too.
        if (doc.kind === 'code' && o.ensureGrammar && !(await o.ensureGrammar(doc.textDocument.languageId))) return;
        doc = o.openDocument(uri);
        if (!doc) return;
        if (!fits(doc)) o.service().removeFromWorkspace(uri);
        else o.service().updateWorkspace(doc);
        refreshSoon();
      })().catch((e: Error) => o.log(`workspace model: ${uri}: ${e.message}`)), REFRESH_DELAY_MS));
    },
    summarized(uri, version, summary) {
      const doc = o.openDocument(uri);
      if (!doc || doc.textDocument.version !== version || isPrefixConfig(uri)) return;
      o.service().updateWorkspaceSummary(uri, summary && fits(doc) ? summary : undefined);
      // The other open documents' findings may change with this one (a handler's statuses, a spec's responses); its own are published with its diagnostics now.
      refreshSoon(uri);
    },
    closed(uri) {
      clearTimeout(pendingOpen.get(uri));
      pendingOpen.delete(uri);
      const file = localPath(uri);
      if (file === undefined) { o.service().removeFromWorkspace(uri); refreshSoon(); return; }
      const languageId = languageOf(file);
      o.service().removeFromWorkspace(uri);
      if (languageId) void readFromDisk(file, languageId).then(() => refreshSoon(), (e: Error) => o.log(`workspace model: ${file}: ${e.message}`));
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
          const known = ws.has(c.uri) || ws.hasConfig(c.uri);
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

