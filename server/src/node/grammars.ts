import * as fs from 'node:fs';
import * as path from 'node:path';
// `import … = require` makes esbuild bundle web-tree-sitter's CommonJS build:
// its ES module build locates files through import.meta.url, which a CommonJS bundle lacks.
import TreeSitter = require('web-tree-sitter');
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { DIALECTS, dialectFor, type GrammarSource } from '../service/code/dialects';
import type { CodeParser, CodeParsers, SyntaxNode, SyntaxTree } from '../service/code/syntax';
import { CodeNotAnalysed } from '../service/code/limits';

// I/O for route-handler code: loads web-tree-sitter and the grammar .wasm
// files. The service only ever sees ready parsers (CodeParsers), so it stays
// synchronous; loading is async, so the glue awaits `ensure(languageId)`
// (started when a document opens) before it calls the service.

/** Parsers that load each grammar on first use of its language. */
export interface GrammarLoader extends CodeParsers {
  /** Loads the grammar of a language (once); resolves false when the language is not supported or fails to load. */
  ensure(languageId: string): Promise<boolean>;
  /**
   * Runs `task` (a call into the language service) under a time budget: a
   * parse, or a walk of the tree from its root, that is still going after
   * `budgetMs` throws CodeNotAnalysed (the service turns that into the
   * file's one diagnostic); once `isCancelled` says a newer version came, it
   * throws AnalysisCancelled. Outside a task nothing is checked.
   */
  withBudget<T>(budgetMs: number, isCancelled: () => boolean, task: () => T): T;
  /** Inside `withBudget`: throws as a parse would if the budget is spent or the version stale; outside, does nothing. */
  checkBudget(): void;
}

/** Thrown inside `withBudget` when a newer version of the document makes the work pointless. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('cancelled by a newer version of the document');
    this.name = 'AnalysisCancelled';
  }
}

/** The limits of the task running now. */
interface Budget {
  budgetMs: number;
  deadline: number;
  isCancelled: () => boolean;
}

/** Why the task must stop now, if it must. */
function overrun(b: Budget): 'cancelled' | 'time' | undefined {
  if (b.isCancelled()) return 'cancelled';
  return performance.now() > b.deadline ? 'time' : undefined;
}

function stop(b: Budget, why: 'cancelled' | 'time'): never {
  if (why === 'cancelled') throw new AnalysisCancelled();
  throw new CodeNotAnalysed({ kind: 'time', budgetMs: b.budgetMs });
}

/** Finds a shipped file: dist/grammars/ beside the bundle first, then node_modules in a checkout. */
function locate(source: GrammarSource | { package: string; file: string }, baseDirs: string[]): string | undefined {
  const name = path.basename(source.file);
  for (const dir of baseDirs) {
    const shipped = path.join(dir, 'grammars', name);
    if (fs.existsSync(shipped)) return shipped;
  }
  for (const dir of baseDirs) {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'node_modules', source.package, source.file);
      if (fs.existsSync(candidate)) return candidate;
      if (path.dirname(d) === d) break;
    }
  }
  return undefined;
}

/** The grammar files the server uses, for the bundling step (package and path inside it). */
export function usedGrammarFiles(): Array<{ package: string; file: string }> {
  const seen = new Map<string, { package: string; file: string }>();
  for (const d of Object.values(DIALECTS)) seen.set(`${d.grammar.package}/${d.grammar.file}`, d.grammar);
  return [...seen.values(), { package: 'web-tree-sitter', file: 'web-tree-sitter.wasm' }];
}

// A tree lives in WebAssembly memory; free it when the model that holds it is collected.
const trees = new FinalizationRegistry<Tree>((tree) => tree.delete());

interface TreeWrapper extends SyntaxTree {
  tree: Tree;
}

/**
 * The root of a tree as the analysis sees it: the tree's own root, except
 * that every lookup from the root checks the running task's budget first.
 * The matching walks a file by looking up each candidate number or constant
 * from the root, so this bounds the analysis as the progress callback bounds
 * the parse, without the analysis itself knowing about time.
 */
class BudgetedRoot implements SyntaxNode {
  constructor(private readonly node: SyntaxNode, private readonly budget: () => Budget | undefined) {}
  get type() { return this.node.type; }
  get startIndex() { return this.node.startIndex; }
  get endIndex() { return this.node.endIndex; }
  get text() { return this.node.text; }
  get parent() { return this.node.parent; }
  get childCount() { return this.node.childCount; }
  get namedChildCount() { return this.node.namedChildCount; }
  get isNamed() { return this.node.isNamed; }
  child(index: number) { return this.node.child(index); }
  namedChild(index: number) { return this.node.namedChild(index); }
  childForFieldName(name: string) { return this.node.childForFieldName(name); }
  descendantForIndex(start: number, end?: number) {
    const b = this.budget();
    const why = b && overrun(b);
    if (b && why) stop(b, why);
    return this.node.descendantForIndex(start, end);
  }
}

/** The row and column (UTF-16 units, as web-tree-sitter counts them) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The single edit that turns one text into the other: the span between their common prefix and suffix. */
export function editBetween(before: string, after: string) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) { oldEnd--; newEnd--; }
  return {
    startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd,
    startPosition: pointAt(before, start), oldEndPosition: pointAt(before, oldEnd), newEndPosition: pointAt(after, newEnd),
  };
}

class TreeSitterParser implements CodeParser {
  constructor(private readonly parser: Parser, private readonly budget: () => Budget | undefined) {}

  parse(text: string, previous?: { tree: SyntaxTree; text: string }): SyntaxTree {
    // The size limit is the service's (code/limits.ts): it never hands a larger text in.
    const old = previous ? (previous.tree as Partial<TreeWrapper>).tree : undefined;
    let base: Tree | undefined;
    if (old && previous) {
      // The old tree may still be read by a request on the old version: edit a copy.
      base = old.copy();
      base.edit(new TreeSitter.Edit(editBetween(previous.text, text)));
    }
    const b = this.budget();
    let why: 'cancelled' | 'time' | undefined;
    // Returning true from the progress callback stops the parse (its declared type says void).
    const progressCallback = b ? ((() => (why = overrun(b)) !== undefined) as () => void) : undefined;
    let tree: Tree | null;
    try {
      tree = this.parser.parse(text, base ?? null, progressCallback ? { progressCallback } : undefined);
    } finally {
      base?.delete();
    }
    if (!tree) {
      // A stopped parse would otherwise resume on the next call, with another text.
      this.parser.reset();
      if (b && why) stop(b, why);
      tree = this.parser.parse('')!;
    }
    const parsed = tree;
    const root = new BudgetedRoot(parsed.rootNode as unknown as SyntaxNode, this.budget);
    const wrapper: TreeWrapper = { rootNode: root, tree: parsed };
    trees.register(wrapper, parsed);
    return wrapper;
  }
}

/**
 * Creates the loader. `baseDirs` are where to look for dist/grammars/ (the
 * bundle's own directory) or a node_modules folder above.
 */
export function createGrammarLoader(baseDirs: string[] = [__dirname], log: (msg: string) => void = () => {}): GrammarLoader {
  let init: Promise<void> | undefined;
  const languages = new Map<string, Promise<Language | undefined>>();
  const parsers = new Map<string, CodeParser>();
  const pending = new Map<string, Promise<boolean>>();
  let budget: Budget | undefined;
  const currentBudget = () => budget;

  const initRuntime = () => (init ??= (() => {
    const wasm = locate({ package: 'web-tree-sitter', file: 'web-tree-sitter.wasm' }, baseDirs);
    return TreeSitter.Parser.init(wasm ? { locateFile: () => wasm } : undefined);
  })());

  const loadLanguage = (source: GrammarSource) => {
    const key = `${source.package}/${source.file}`;
    let p = languages.get(key);
    if (!p) {
      p = (async () => {
        const file = locate(source, baseDirs);
        if (!file) { log(`grammar not found: ${key}`); return undefined; }
        const t0 = performance.now();
        // The bytes, not the path: given a path, web-tree-sitter reads it through
        // `import('fs/promises')`, which the CLI's code-cached bundle cannot run (see launcher.ts).
        const lang = await TreeSitter.Language.load(new Uint8Array(await fs.promises.readFile(file)));
        log(`grammar ${path.basename(file)} loaded in ${(performance.now() - t0).toFixed(0)} ms`);
        return lang;
      })();
      languages.set(key, p);
    }
    return p;
  };

  return {
    get: (languageId) => parsers.get(languageId),
    checkBudget() {
      const why = budget && overrun(budget);
      if (budget && why) stop(budget, why);
    },
    withBudget(budgetMs, isCancelled, task) {
      const outer = budget;
      budget = { budgetMs, deadline: performance.now() + budgetMs, isCancelled };
      try {
        return task();
      } finally {
        budget = outer;
      }
    },
    ensure(languageId) {
      if (parsers.has(languageId)) return Promise.resolve(true);
      const dialect = dialectFor(languageId);
      if (!dialect) return Promise.resolve(false);
      let p = pending.get(languageId);
      if (!p) {
        p = (async () => {
          try {
            await initRuntime();
            const lang = await loadLanguage(dialect.grammar);
            if (!lang) return false;
            const parser = new TreeSitter.Parser();
            parser.setLanguage(lang);
            parsers.set(languageId, new TreeSitterParser(parser, currentBudget));
            return true;
          } catch (e) {
            log(`loading the ${languageId} grammar failed: ${(e as Error).message}`);
            return false;
          }
        })();
        pending.set(languageId, p);
      }
      return p;
    },
  };
}
