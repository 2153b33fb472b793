/**
 * The shape of a syntax tree as the route-handler features read it. The pure
 * service never loads a parser itself: the entry point loads web-tree-sitter
 * and its grammars (I/O, async) and hands in ready parsers whose trees fit
 * these structural types. Tests can hand in the same parsers.
 */

/** A node of a concrete syntax tree (web-tree-sitter's Node fits this shape). */
export interface SyntaxNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly parent: SyntaxNode | null;
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly isNamed: boolean;
  child(index: number): SyntaxNode | null;
  namedChild(index: number): SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  descendantForIndex(start: number, end?: number): SyntaxNode | null;
}

/** A parsed document. */
export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
}

/** A ready parser for one language. */
export interface CodeParser {
  /**
   * Parses the text; never throws on bad input (errors become ERROR nodes).
   * Given the previous version's tree and text, it reparses incrementally
   * (the edit is found by comparing the texts), which is several times faster.
   */
  parse(text: string, previous?: { tree: SyntaxTree; text: string }): SyntaxTree;
}

/** Gives the parser for a language id, if its grammar is loaded. */
export interface CodeParsers {
  get(languageId: string): CodeParser | undefined;
}

/** No parsers at all: code documents then get no features (and no errors). */
export const NO_PARSERS: CodeParsers = { get: () => undefined };
