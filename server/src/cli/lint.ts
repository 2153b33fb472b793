import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LanguageService } from '../service/languageService';
import { FastTextDocument } from '../service/textDocument';
import { RULES, SYNTAX_ID } from '../service/openapi/rules/index';
import { describeFsError, type LintTarget } from './files';
import type { FileFailure, FileReport, Problem, RuleInfo, Severity } from './report';

/**
 * Linting one file: read it, refuse what is not text, let the shared service
 * classify and validate it, and turn its diagnostics into plain problems.
 * No printing here; the same code runs on the main thread and in workers.
 */

/** Files larger than this are refused with a message rather than read into memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** How many bytes at the start of a file are checked for NUL bytes (as git does). */
const BINARY_SNIFF_BYTES = 8000;

/** The outcome for one file: linted (report), refused (failure) or not an API file (neither). */
export interface FileOutcome {
  report?: FileReport;
  failures: FileFailure[];
  rules: RuleInfo[];
}

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** Reads and lints one file; never throws. */
export function lintFile(service: LanguageService, target: LintTarget): FileOutcome {
  const read = readText(target.path);
  if (typeof read !== 'string') return { failures: [{ path: target.path, message: read.error, kind: 'io' }], rules: [] };
  return lintText(service, target.path, target.languageId, read);
}

/** Lints text already read; `file` is used for the document's uri and in messages. */
export function lintText(service: LanguageService, file: string, languageId: string, text: string): FileOutcome {
  // The server's document class: its line index is built natively, which matters for positions in a 13 MB spec.
  const textDocument = FastTextDocument.create(pathToFileURL(file).toString(), languageId, 1, text);
  const doc = service.prepare(textDocument);
  if (doc.kind === 'other') return { failures: [], rules: [] };
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

/** Reads a file as UTF-8 text, or explains why it cannot be linted. */
export function readText(file: string): string | { error: string } {
  let buf: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES) return { error: `too large to lint (${Math.round(size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
    buf = fs.readFileSync(file);
  } catch (e) {
    return { error: `cannot read: ${describeFsError(e)}` };
  }
  const sniff = buf.subarray(0, Math.min(buf.length, BINARY_SNIFF_BYTES));
  if (sniff.includes(0)) return { error: 'binary file (it contains NUL bytes); not linted' };
  // isUtf8 is a native check, several times faster than a fatal TextDecoder on a large file.
  if (!isUtf8(buf)) return { error: 'not UTF-8 text; not linted' };
  return buf.toString('utf8');
}

/** Converts an LSP diagnostic into a plain problem, adding the topic's name from the catalog. */
function toProblem(d: Diagnostic, service: LanguageService): Problem {
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
  };
}

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** A rule's metadata: from the rule list when the rule is one of the OpenAPI rules, else from the problem. */
function ruleInfo(p: Problem, service: LanguageService): RuleInfo {
  const rule = RULE_BY_ID.get(p.ruleId);
  if (p.ruleId === SYNTAX_ID) return { id: p.ruleId, description: 'The document is not well-formed JSON or YAML.', defaultSeverity: 'error' };
  if (!rule) return { id: p.ruleId, topicId: p.topicId, topicName: p.topicName, helpUri: p.helpUri, defaultSeverity: p.severity };
  const topic = service.catalog.get(rule.topic);
  return {
    id: rule.id, topicId: rule.topic, topicName: topic?.name, description: rule.summary, helpUri: p.helpUri,
    defaultSeverity: rule.defaultSeverity === 'off' ? p.severity : rule.defaultSeverity,
  };
}
