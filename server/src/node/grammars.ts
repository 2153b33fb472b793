import * as fs from 'node:fs';
import * as path from 'node:path';
// `import … = require` makes esbuild bundle web-tree-sitter's CommonJS build:
// its ES module build locates files through import.meta.url, which a CommonJS bundle lacks.
import TreeSitter = require('web-tree-sitter');
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { DIALECTS, dialectFor, type GrammarSource } from '../service/code/dialects';
import type { CodeParser, CodeParsers, SyntaxNode, SyntaxTree } from '../service/code/syntax';

// I/O for route-handler code: loads web-tree-sitter and the grammar .wasm
// files. The service only ever sees ready parsers (CodeParsers), so it stays
// synchronous; loading is async, so the glue awaits `ensure(languageId)`
// (started when a document opens) before it calls the service.

/** Parsers that load each grammar on first use of its language. */
export interface GrammarLoader extends CodeParsers {
  /** Loads the grammar of a language (once); resolves false when the language is not supported or fails to load. */
  ensure(languageId: string): Promise<boolean>;
}

/** Texts longer than this are not parsed (a minified bundle or binary junk gets no route-handler features). */
const MAX_TEXT = 5 * 1024 * 1024;

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
  constructor(private readonly parser: Parser) {}

  parse(text: string, previous?: { tree: SyntaxTree; text: string }): SyntaxTree {
    if (text.length > MAX_TEXT) text = '';
    const old = previous && previous.text.length <= MAX_TEXT ? (previous.tree as Partial<TreeWrapper>).tree : undefined;
    let base: Tree | undefined;
    if (old && previous) {
      // The old tree may still be read by a request on the old version: edit a copy.
      base = old.copy();
      base.edit(new TreeSitter.Edit(editBetween(previous.text, text)));
    }
    const tree = this.parser.parse(text, base ?? null) ?? this.parser.parse('')!;
    base?.delete();
    const wrapper: TreeWrapper = { rootNode: tree.rootNode as unknown as SyntaxNode, tree };
    trees.register(wrapper, tree);
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
            parsers.set(languageId, new TreeSitterParser(parser));
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
