import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LanguageService } from '../service/languageService';
import { FastTextDocument } from '../service/textDocument';
import { LIMIT_ID, RULES, SYNTAX_ID } from '../service/openapi/rules/index';
import { detectOpenApi } from '../service/openapi/detect';
import { decodeLegacy, decodeText } from './decode';
import { describeFsError, isOpenApiCandidate, type LintTarget } from './files';
import { readRegularFile } from '../node/safeRead';
import type { FileFailure, FileReport, Problem, RuleInfo, Severity } from './report';

/**
 * Linting one file: read and decode it, refuse or skip what is not text, let
 * the shared service classify and validate it (or say why it leaves the file
 * alone), and turn its diagnostics into plain problems. No printing here; the
 * same code runs on the main thread and in workers.
 */

/**
 * Files larger than this are refused (or, found in a folder, skipped) rather
 * than read into memory. Checking an OpenAPI document takes up to about 46
 * times its size at peak (a dense 50 MB JSON spec reached 2.4 GB; see
 * ARCHITECTURE.md, "Limits"), and past about 4 GB Node's default heap ends
 * the process. At 64 MB the worst case stays near 3 GB, room on a 24 GiB
 * machine even for a few such files linted in parallel, while the largest
 * public description in APIs.guru's directory (Microsoft Graph beta, 47 MB)
 * still fits.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The outcome for one file: linted (report), refused (failure) or not an API file (neither). */
export interface FileOutcome {
  report?: FileReport;
  /** Said on stderr without failing the run: why a file named explicitly was not checked. */
  note?: string;
  /** Set when the file is API material the rules leave alone: ignored, or test, generated or vendored code. */
  exempt?: boolean;
  failures: FileFailure[];
  rules: RuleInfo[];
}

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/**
 * Reads and lints one file; never throws. A file that cannot be read as text
 * fails the run when it was named explicitly or looks like an OpenAPI
 * document; one found by walking a folder that is neither (a video segment
 * named `.ts`, a binary `.json`) is skipped like any other non-API file.
 */
export function lintFile(service: LanguageService, target: LintTarget): FileOutcome {
  const read = readText(target);
  if (typeof read !== 'string') {
    if (read.skip) return { failures: [], rules: [] };
    return { failures: [{ path: target.path, message: read.error, kind: 'io' }], rules: [] };
  }
  const outcome = lintText(service, target.path, target.languageId, read);
  if (outcome.skipped) {
    // The user named a test file, say: not an error, but not silence either.
    return { failures: [], rules: [], exempt: true, note: target.explicit ? `not checked: ${outcome.skipped}` : undefined };
  }
  if (!outcome.report && target.explicit) {
    // Named on the command line but nothing to check: saying so is better
    // than a green run that looked at nothing.
    outcome.failures.push({ path: target.path, kind: 'io', message: 'not an OpenAPI document (no root "openapi" or "swagger" key); nothing to check' });
  }
  return outcome;
}

/** Lints text already read; `file` is used for the document's uri and in messages. */
export function lintText(service: LanguageService, file: string, languageId: string, text: string): FileOutcome & { skipped?: string } {
  // The server's document class: its line index is built natively, which matters for positions in a 13 MB spec.
  const textDocument = FastTextDocument.create(pathToFileURL(file).toString(), languageId, 1, text);
  const doc = service.prepare(textDocument);
  if (doc.kind === 'other') return { failures: [], rules: [] };
  const skipped = service.skipReason(doc);
  if (skipped) return { failures: [], rules: [], skipped };
  const failures: FileFailure[] = [];
  const problems: Problem[] = [];
  let diagnostics: Diagnostic[];
  try {
    diagnostics = service.doValidation(doc);
  } catch (e) {
    // A rule that throws must not hide the other files' results; the file is
    // reported as failed with the reason, like an unreadable one.
    failures.push({ path: file, kind: 'io', message: `internal error while checking this file: ${(e as Error).message}` });
    diagnostics = [];
  }
  const rules = new Map<string, RuleInfo>();
  for (const d of diagnostics) {
    const p = toProblem(d, service);
    problems.push(p);
    if (!rules.has(p.ruleId)) rules.set(p.ruleId, ruleInfo(p, service));
  }
  // The service reports a malformed document as `syntax` errors (the rules
  // still run on what could be read); the CLI also says so on stderr. A
  // `syntax` warning (an unknown tag or directive) is about valid YAML.
  const syntax = problems.filter((p) => p.ruleId === SYNTAX_ID && p.severity === 'error');
  if (syntax.length) {
    const first = syntax[0];
    const more = syntax.length > 1 ? ` (and ${syntax.length - 1} more syntax ${syntax.length === 2 ? 'error' : 'errors'})` : '';
    const what = doc.openapi?.format === 'json' ? 'JSON' : 'YAML';
    failures.push({ path: file, kind: 'syntax', message: `malformed ${what} at line ${first.line}, column ${first.column}: ${first.message}${more}` });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { report: { path: file, kind: doc.kind, problems }, failures, rules: [...rules.values()] };
}

/**
 * Reads a file as text (UTF-8, or UTF-16/UTF-32 by its byte order mark, the
 * mark dropped), or explains why it cannot be linted; `skip` is set when the
 * file is better passed over than reported (see lintFile).
 */
export function readText(target: LintTarget): string | { error: string; skip?: boolean } {
  try {
    const size = fs.statSync(target.path).size;
    if (size > MAX_FILE_BYTES) {
      const error = `too large to lint (${Math.round(size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`;
      // A data dump found in a folder is passed over; a huge API document is not.
      if (target.explicit || (isOpenApiCandidate(target.languageId) && looksLikeOpenApi(readHead(target.path), target.languageId))) return { error };
      return { error, skip: true };
    }
  } catch (e) {
    return { error: `cannot read: ${describeFsError(e)}` };
  }
  // Bounded by the bytes actually read, and only a regular file: a link to
  // /dev/zero or /proc/self/pagemap (which stat calls small) or a FIFO in a
  // repository must not exhaust memory or hang the run.
  const read = readRegularFile(target.path, MAX_FILE_BYTES);
  if (!('bytes' in read)) {
    const error = read.tooLarge ? `too large to lint (the limit is ${MAX_FILE_BYTES / 1048576} MB)` : `cannot read: ${read.message}`;
    return target.explicit ? { error } : { error, skip: true };
  }
  const buf = read.bytes;
  const decoded = decodeText(buf);
  if ('text' in decoded) return decoded.text;
  const candidate = isOpenApiCandidate(target.languageId);
  // Source files from older Windows editors are often Windows-1252; the code
  // rules only need the ASCII calls and numbers, so such a file is read in
  // that encoding rather than refused.
  if (!candidate && decoded.reason === 'encoding' && !buf.subarray(0, 8000).includes(0)) return decodeLegacy(buf);
  if (target.explicit) return { error: decoded.error };
  // A YAML or JSON file that reads as an OpenAPI document when each byte is
  // taken as a character is a broken API document: reported, never skipped.
  if (candidate && looksLikeOpenApi(buf.subarray(0, 65536), target.languageId)) return { error: decoded.error };
  return { error: decoded.error, skip: true };
}

/** Whether the first bytes of a file, each taken as a character and NULs dropped, show an OpenAPI root key. */
function looksLikeOpenApi(head: Buffer, languageId: string): boolean {
  return !!detectOpenApi(head.toString('latin1').replace(/\0/g, ''), languageId);
}

/** The first 64 KB of a file (empty when it cannot be read). */
function readHead(file: string): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(65536);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Converts an LSP diagnostic into a plain problem, adding the topic's name from the catalog. */
export function toProblem(d: Diagnostic, service: LanguageService): Problem {
  const data = (d.data ?? {}) as { topic?: unknown; rule?: unknown };
  const topicId = typeof data.topic === 'string' ? data.topic : undefined;
  const topic = topicId ? service.catalog.get(topicId) : undefined;
  const ruleId = d.code !== undefined ? String(d.code) : typeof data.rule === 'string' ? data.rule : 'stylebook';
  return {
    ruleId,
    severity: SEVERITIES[d.severity ?? 2] ?? 'warning',
    message: typeof d.message === 'string' ? d.message : d.message.value,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    topicId,
    topicName: topic?.name,
    helpUri: d.codeDescription?.href,
    ...(d.relatedInformation?.length ? {
      related: d.relatedInformation.map((r) => ({
        line: r.location.range.start.line + 1, column: r.location.range.start.character + 1,
        endLine: r.location.range.end.line + 1, endColumn: r.location.range.end.character + 1, message: r.message,
      })),
    } : {}),
  };
}

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** A rule's metadata: from the rule list when the rule is one of the OpenAPI rules, else from the problem. */
function ruleInfo(p: Problem, service: LanguageService): RuleInfo {
  const rule = RULE_BY_ID.get(p.ruleId);
  if (p.ruleId === SYNTAX_ID) return { id: p.ruleId, description: 'The document is not well-formed JSON or YAML.', defaultSeverity: 'error' };
  if (p.ruleId === LIMIT_ID) return { id: p.ruleId, description: 'Checking stopped short of a limit: YAML aliases that repeat the same responses or parameters too often, or a route-handler file too large to analyse (the message says which).', defaultSeverity: p.severity };
  if (!rule) return { id: p.ruleId, topicId: p.topicId, topicName: p.topicName, helpUri: p.helpUri, defaultSeverity: p.severity };
  const topic = service.catalog.get(rule.topic);
  return {
    id: rule.id, topicId: rule.topic, topicName: topic?.name, description: rule.summary, helpUri: p.helpUri,
    defaultSeverity: rule.defaultSeverity === 'off' ? p.severity : rule.defaultSeverity,
  };
}
