import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic } from 'vscode-languageserver-types';
import { createGrammarLoader, type GrammarLoader } from '../../server/src/node/grammars';
import { CODE_LANGUAGES } from '../../server/src/service/code/index';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import type { StylebookSettings } from '../../server/src/service/settings';
import { ROOT, shippedCatalog } from '../helpers/service';

// Shared by the route-handler unit tests: a language service with every
// grammar loaded (from node_modules, as in a checkout), the fixture table,
// and `|`-cursor helpers.

/** The fixtures' folder. */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'code');

/** One fixture's expectations (test/fixtures/code/expectations.json). */
export interface FixtureExpectations {
  languageId: string;
  /** [needle with | at the cursor, status code | method | null for no card]. */
  hover: Array<[string, number | string | null]>;
  completion: Array<{ at: string; remove: number; first: string[] }>;
  /** [needle with | at the range start, rule id, first quick fix's text]. */
  diagnostics: Array<[string, string, string]>;
}

/** The expectation table, by fixture file name. */
export const EXPECTATIONS: Record<string, FixtureExpectations> = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8'));

let loader: GrammarLoader | undefined;

/** The grammar loader, with every supported language loaded. */
export async function grammars(): Promise<GrammarLoader> {
  if (!loader) {
    loader = createGrammarLoader([path.join(ROOT, 'out', 'server', 'src', 'node')]);
    for (const id of CODE_LANGUAGES) assert.ok(await loader.ensure(id), `grammar for ${id} did not load`);
  }
  return loader;
}

/** A language service with the route-handler parsers. */
export async function codeService(settings?: StylebookSettings): Promise<LanguageService> {
  return getLanguageService({ catalog: shippedCatalog(), settings, codeParsers: await grammars() });
}

/** The offset of the `|` in a needle found in text (the needle's first occurrence). */
export function offsetOf(text: string, needleWithCursor: string): number {
  const bar = needleWithCursor.indexOf('|');
  assert.ok(bar >= 0, `no | in ${needleWithCursor}`);
  const needle = needleWithCursor.slice(0, bar) + needleWithCursor.slice(bar + 1);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found`);
  return at + bar;
}

/** A document from a snippet with a `|` cursor. */
export function snippet(textWithCursor: string, languageId: string): { doc: TextDocument; offset: number } {
  const offset = textWithCursor.indexOf('|');
  assert.ok(offset >= 0, 'no | cursor marker');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return { doc: TextDocument.create(`file:///snippet.${languageId}`, languageId, 1, text), offset };
}

/** The hover Markdown at the cursor, or null. */
export function hoverText(ls: LanguageService, doc: TextDocument, offset: number): string | null {
  const h = ls.doHover(ls.prepare(doc), doc.positionAt(offset));
  return h ? (h.contents as { value: string }).value : null;
}

/** Completion labels at the cursor, best first (by sortText, as the editor orders them). */
export function completionLabels(ls: LanguageService, doc: TextDocument, offset: number): string[] | null {
  const list = ls.doComplete(ls.prepare(doc), doc.positionAt(offset));
  if (!list) return null;
  return [...list.items].sort((a: CompletionItem, b: CompletionItem) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

/** The diagnostics of a document. */
export function diagnosticsOf(ls: LanguageService, doc: TextDocument): Diagnostic[] {
  return ls.doValidation(ls.prepare(doc));
}

/** Asserts that a card is for the expected status or method. */
export function assertCard(card: string | null, expected: number | string | null, where: string): void {
  if (expected === null) {
    assert.equal(card, null, `${where}: expected no card, got ${card?.split('\n')[0]}`);
    return;
  }
  assert.ok(card, `${where}: expected a card for ${expected}`);
  if (typeof expected === 'number') assert.ok(card.includes(`**${expected}`), `${where}: card is not for ${expected}: ${card.slice(0, 200)}`);
  else assert.ok(card.includes(`**${expected.toUpperCase()}**`), `${where}: card is not for ${expected.toUpperCase()}: ${card.slice(0, 200)}`);
}
