import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';

/** The repository root, from out/test/protocol/ or test/protocol/. */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * A minimal LSP client over stdio for protocol tests: it starts the real
 * bundled server (`dist/server.js --stdio`), frames JSON-RPC messages and
 * lets tests await requests and notifications. No mocks.
 */
export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: Array<(method: string, params: any) => void> = [];
  /** Every notification received, in order. */
  readonly notifications: Array<{ method: string; params: any }> = [];
  /** What the server wrote to stderr (for failure messages). */
  stderr = '';

  /** Every request the server sent to the client, by method, in order. */
  readonly serverRequests: string[] = [];

  /** `options.command`: the program and arguments to start instead of `node dist/server.js --stdio` (e.g. the `stylebook lsp` bin). */
  constructor(args: string[] = [], options: { cwd?: string; env?: NodeJS.ProcessEnv; command?: string[] } = {}) {
    const [program, ...programArgs] = options.command ?? [process.execPath, path.join(ROOT, 'dist', 'server.js'), '--stdio', ...args];
    this.proc = spawn(program, programArgs, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
    });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    // After shutdown the server may still ask something (workspace/configuration) and exit before
    // the answer is written: a write to a closed pipe is expected then, not a test failure.
    this.proc.stdin.on('error', () => undefined);
    this.proc.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited; stderr: ${this.stderr}`));
      this.pending.clear();
    });
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('bad LSP header');
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: any): void {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      else p.resolve(msg.result);
    } else if (msg.id !== undefined && msg.method) {
      // A request from the server (workspace/configuration, client/registerCapability, …).
      this.serverRequests.push(msg.method);
      let result: unknown = null;
      if (msg.method === 'workspace/configuration') result = (msg.params.items as unknown[]).map(() => this.configuration);
      this.write({ jsonrpc: '2.0', id: msg.id, result });
    } else if (msg.method) {
      this.notifications.push({ method: msg.method, params: msg.params });
      for (const l of [...this.listeners]) l(msg.method, msg.params);
    }
  }

  /** What the client answers to workspace/configuration requests. */
  configuration: unknown = null;

  private write(msg: unknown): void {
    if (this.proc.exitCode !== null || !this.proc.stdin.writable) return;
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  /** Sends a request and resolves with its result. */
  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a notification. */
  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification (past or future) that matches. */
  waitFor(method: string, predicate: (params: any) => boolean = () => true, timeoutMs = 10000): Promise<any> {
    const seen = this.notifications.find((n) => n.method === method && predicate(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`timed out waiting for ${method}; stderr: ${this.stderr}`));
      }, timeoutMs);
      const listener = (m: string, p: any) => {
        if (m === method && predicate(p)) {
          clearTimeout(timer);
          this.listeners.splice(this.listeners.indexOf(listener), 1);
          resolve(p);
        }
      };
      this.listeners.push(listener);
    });
  }

  /** Runs initialize + initialized with the given options. */
  async initialize(rootUri: string | null = null, initializationOptions: unknown = undefined, capabilities: unknown = {}): Promise<any> {
    const result = await this.request('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  /** Opens a document. */
  open(uri: string, languageId: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces a document's whole text. */
  change(uri: string, text: string, version: number): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Asks for a hover. */
  hover(uri: string, line: number, character: number): Promise<any> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  /** Shuts the server down cleanly (or kills it). */
  async close(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      /* the server may already be gone */
    }
    setTimeout(() => this.proc.kill(), 500).unref();
  }
}

/** Finds the position of the n-th occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 1, nth = 0): { line: number; character: number } {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`"${needle}" not found`);
  }
  idx += delta;
  const before = text.slice(0, idx);
  const line = before.split('\n').length - 1;
  return { line, character: idx - (before.lastIndexOf('\n') + 1) };
}
