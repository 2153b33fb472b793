import ignore, { type Ignore } from 'ignore';
import type { StylebookDocument } from './document';
import { skippedCode } from './code/skipped';
import type { StylebookSettings } from './settings';

/**
 * Which documents get no diagnostics: those the team's `ignore` patterns
 * match, and route-handler code that is test, generated or vendored code
 * (code/skipped.ts). Hovers and completions still work in them; only the
 * rules stay quiet.
 */

/**
 * The path of `uri` relative to the workspace root `rootUri` (both file
 * URIs), in POSIX form, or undefined when the document is outside it.
 */
export function workspaceRelativePath(uri: string, rootUri: string | undefined): string | undefined {
  if (!rootUri) return undefined;
  // Clients spell the same path differently (`%3A` or `:` after a drive letter), so both are decoded.
  const file = safeDecode(uri);
  const root = safeDecode(rootUri).replace(/\/+$/, '');
  if (!file.startsWith(`${root}/`)) return undefined;
  const rel = file.slice(root.length + 1);
  return rel && !rel.split('/').includes('..') ? rel : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const matchers = new WeakMap<readonly string[], Ignore>();

/** Whether a workspace-relative path matches one of the gitignore-style patterns. */
export function matchesIgnore(relativePath: string, patterns: readonly string[]): boolean {
  if (!patterns.length) return false;
  let m = matchers.get(patterns);
  if (!m) {
    m = ignore().add([...patterns]);
    matchers.set(patterns, m);
  }
  return m.ignores(relativePath);
}

/** Why a document gets no diagnostics, in a few words, or undefined when the rules run on it. */
export function skipReason(doc: StylebookDocument, settings: StylebookSettings, rootUri: string | undefined): string | undefined {
  if (doc.kind === 'other') return undefined;
  const uri = doc.textDocument.uri;
  const rel = workspaceRelativePath(uri, rootUri);
  if (rel !== undefined && matchesIgnore(rel, settings.ignore)) return 'it matches an "ignore" pattern of the configuration';
  if (doc.kind !== 'code') return undefined;
  // Outside the workspace only the file name counts (see skippedCode).
  const name = rel ?? safeDecode(uri.slice(uri.lastIndexOf('/') + 1));
  const convention = skippedCode(name, doc.textDocument.getText(), settings.code.includeTests);
  return convention?.reason;
}
