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

/**
 * What a local name was imported as: the module as written (`./errors`,
 * `rest_framework.exceptions`, `.errors` for a Python relative import) and
 * the name taken from it (`default` for a default import, `*` for the whole
 * module).
 */
export interface ImportBinding {
  from: string;
  name: string;
}

type Reader = (node: SyntaxNode, out: Map<string, ImportBinding>) => void;

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
        if (part.type === 'identifier') out.set(part.text, { from: module, name: 'default' });
        else if (part.type === 'namespace_import') {
          const name = part.namedChild(part.namedChildCount - 1);
          if (name) out.set(name.text, { from: module, name: '*' });
        } else if (part.type === 'named_imports') {
          for (let k = 0; k < part.namedChildCount; k++) {
            const spec = part.namedChild(k)!;
            const name = spec.childForFieldName('name');
            const alias = spec.childForFieldName('alias') ?? name;
            if (name && alias) out.set(alias.text, { from: module, name: unquote(name.text) });
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
    if (name.type === 'identifier') out.set(name.text, { from: module, name: '*' });
    else if (name.type === 'object_pattern') {
      for (let k = 0; k < name.namedChildCount; k++) {
        const p = name.namedChild(k)!;
        if (p.type === 'shorthand_property_identifier_pattern') out.set(p.text, { from: module, name: p.text });
        else if (p.type === 'pair_pattern') {
          const key = p.childForFieldName('key');
          const local = p.childForFieldName('value');
          if (key && local?.type === 'identifier') out.set(local.text, { from: module, name: unquote(key.text) });
        }
      }
    }
  }
};

/** Python's `from m import a, b as c` (relative modules too) and `import m.n as n` (a plain `import m.n` binds `m` to itself). */
const readPython: Reader = (node, out) => {
  const named = (n: SyntaxNode, module: string) => {
    if (n.type === 'dotted_name') {
      if (module) out.set(n.text.split('.').pop()!, { from: module, name: n.text });
      else out.set(n.text.split('.')[0], { from: n.text.split('.')[0], name: '*' });
    } else if (n.type === 'aliased_import') {
      const name = n.childForFieldName('name');
      const alias = n.childForFieldName('alias');
      if (name && alias) out.set(alias.text, module ? { from: module, name: name.text } : { from: name.text, name: '*' });
    }
  };
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    if (!module || (module.type !== 'dotted_name' && module.type !== 'relative_import')) return;
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

const bindingsCache = new WeakMap<CodeModel, ReadonlyMap<string, ImportBinding>>();
const tableCache = new WeakMap<CodeModel, ImportTable>();

/** The file's import bindings, local name → module and imported name (read once per parsed version). */
export function importBindings(model: CodeModel): ReadonlyMap<string, ImportBinding> {
  let bindings = bindingsCache.get(model);
  if (bindings) return bindings;
  const out = new Map<string, ImportBinding>();
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
  bindings = out;
  bindingsCache.set(model, bindings);
  return bindings;
}

/** The file's import table (read once per parsed version): each binding as one qualified name (`http-errors.NotFound`). */
export function importsOf(model: CodeModel): ImportTable {
  let table = tableCache.get(model);
  if (table) return table;
  const out = new Map<string, string>();
  for (const [local, b] of importBindings(model)) {
    // Python's relative imports name the project's own modules: no framework there.
    if (model.dialect.id === 'python' && b.from.startsWith('.')) continue;
    out.set(local, b.name === 'default' || b.name === '*' ? b.from : `${b.from}.${b.name}`);
  }
  table = out;
  tableCache.set(model, table);
  return table;
}

/** The qualified name a dotted callee stands for through the file's imports (`createError.NotFound` → `http-errors.NotFound`), or undefined when its first name is not imported. */
export function resolveImported(model: CodeModel, callee: string): string | undefined {
  const dot = callee.indexOf('.');
  const first = dot < 0 ? callee : callee.slice(0, dot);
  const bound = importsOf(model).get(first);
  return bound === undefined ? undefined : bound + (dot < 0 ? '' : callee.slice(dot));
}
