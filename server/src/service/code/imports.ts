/**
 * What a file's imports bind, so that a framework name counts only when it
 * comes from the framework: `NotFound` is Django REST framework's 404 only
 * when imported from `rest_framework.exceptions`, and `createError` is
 * http-errors' only when required from `http-errors`. Each local name maps
 * to the qualified name it stands for (`http-errors`, `http-errors.NotFound`,
 * `rest_framework.exceptions.NotFound`); framework rules marked `imported`
 * match that qualified name instead of the text as written.
 */
import type { DialectId } from './dialects';
import type { CodeModel } from './sites';
import type { SyntaxNode } from './syntax';

/** Local name → the qualified name it was imported as. */
export type ImportTable = ReadonlyMap<string, string>;

type Reader = (node: SyntaxNode, out: Map<string, string>) => void;

const unquote = (s: string) => s.replace(/^["'`]|["'`]$/g, '');

/** ES modules (`import a, { b as c } from "m"`, `import * as n from "m"`) and CommonJS (`const a = require("m")`, `const { b, c: d } = require("m")`). */
const readJs: Reader = (node, out) => {
  if (node.type === 'import_statement') {
    const source = node.childForFieldName('source');
    if (!source) return;
    const module = unquote(source.text);
    for (let i = 0; i < node.namedChildCount; i++) {
      const clause = node.namedChild(i);
      if (clause?.type !== 'import_clause') continue;
      for (let j = 0; j < clause.namedChildCount; j++) {
        const part = clause.namedChild(j)!;
        if (part.type === 'identifier') out.set(part.text, module);
        else if (part.type === 'namespace_import') {
          const name = part.namedChild(part.namedChildCount - 1);
          if (name) out.set(name.text, module);
        } else if (part.type === 'named_imports') {
          for (let k = 0; k < part.namedChildCount; k++) {
            const spec = part.namedChild(k)!;
            const name = spec.childForFieldName('name');
            const alias = spec.childForFieldName('alias') ?? name;
            if (name && alias) out.set(alias.text, `${module}.${unquote(name.text)}`);
          }
        }
      }
    }
    return;
  }
  if (node.type !== 'lexical_declaration' && node.type !== 'variable_declaration') return;
  for (let i = 0; i < node.namedChildCount; i++) {
    const decl = node.namedChild(i);
    if (decl?.type !== 'variable_declarator') continue;
    const value = decl.childForFieldName('value');
    const name = decl.childForFieldName('name');
    if (!value || !name || value.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') continue;
    const arg = value.childForFieldName('arguments')?.namedChild(0);
    if (!arg || arg.type !== 'string') continue;
    const module = unquote(arg.text);
    if (name.type === 'identifier') out.set(name.text, module);
    else if (name.type === 'object_pattern') {
      for (let k = 0; k < name.namedChildCount; k++) {
        const p = name.namedChild(k)!;
        if (p.type === 'shorthand_property_identifier_pattern') out.set(p.text, `${module}.${p.text}`);
        else if (p.type === 'pair_pattern') {
          const key = p.childForFieldName('key');
          const local = p.childForFieldName('value');
          if (key && local?.type === 'identifier') out.set(local.text, `${module}.${unquote(key.text)}`);
        }
      }
    }
  }
};

/** Python's `from m import a, b as c` and `import m.n as n` (a plain `import m.n` binds `m` to itself). */
const readPython: Reader = (node, out) => {
  const named = (n: SyntaxNode, prefix: string) => {
    if (n.type === 'dotted_name') {
      const first = prefix ? n.text : n.text.split('.')[0];
      out.set(prefix ? n.text.split('.').pop()! : first, prefix ? `${prefix}.${n.text}` : first);
    } else if (n.type === 'aliased_import') {
      const name = n.childForFieldName('name');
      const alias = n.childForFieldName('alias');
      if (name && alias) out.set(alias.text, prefix ? `${prefix}.${name.text}` : name.text);
    }
  };
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    // Relative imports (`from .errors import NotFound`) name the project's own modules: no framework there.
    if (!module || module.type !== 'dotted_name') return;
    for (let i = 0; i < node.namedChildCount; i++) {
      const c = node.namedChild(i)!;
      if (c.startIndex > module.startIndex) named(c, module.text);
    }
  } else if (node.type === 'import_statement') {
    for (let i = 0; i < node.namedChildCount; i++) named(node.namedChild(i)!, '');
  }
};

const READERS: Partial<Record<DialectId, Reader>> = { js: readJs, python: readPython };

/**
 * Statements an import may sit in besides the top level (Python's
 * `try: from x import y`, a guarded `if`). Function and class bodies are not
 * entered: an import there is local to them, and reading every body would
 * walk the whole tree.
 */
const CONTAINERS = new Set(['try_statement', 'if_statement', 'else_clause', 'elif_clause', 'except_clause', 'block', 'statement_block']);

/** At most this many statements are read, so that a huge generated file costs little. */
const MAX_STATEMENTS = 5000;

const cache = new WeakMap<CodeModel, ImportTable>();

/** The file's import table (read once per parsed version). */
export function importsOf(model: CodeModel): ImportTable {
  let table = cache.get(model);
  if (table) return table;
  const out = new Map<string, string>();
  const read = READERS[model.dialect.id];
  if (read) {
    let budget = MAX_STATEMENTS;
    const visit = (n: SyntaxNode, depth: number) => {
      for (let i = 0; i < n.namedChildCount && budget > 0; i++, budget--) {
        const c = n.namedChild(i)!;
        if (CONTAINERS.has(c.type) && depth < 4) visit(c, depth + 1);
        else read(c, out);
      }
    };
    visit(model.tree.rootNode, 0);
  }
  table = out;
  cache.set(model, table);
  return table;
}

/** The qualified name a dotted callee stands for through the file's imports (`createError.NotFound` → `http-errors.NotFound`), or undefined when its first name is not imported. */
export function resolveImported(model: CodeModel, callee: string): string | undefined {
  const dot = callee.indexOf('.');
  const first = dot < 0 ? callee : callee.slice(0, dot);
  const bound = importsOf(model).get(first);
  return bound === undefined ? undefined : bound + (dot < 0 ? '' : callee.slice(dot));
}
