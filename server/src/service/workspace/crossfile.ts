/**
 * Statuses that another file decides: a handler throws an exception class
 * declared elsewhere (`throw new UserNotFound()`, Spring's
 * `@ResponseStatus(HttpStatus.NOT_FOUND) class UserNotFound`, a NestJS
 * `NotFoundException` subclass, a DRF `NotFound` subclass, a project
 * `HttpError(status)` base), or calls a helper of another file whose
 * parameter ends in a status slot (`respondError(res, msg, 404)`, a base
 * controller's `$this->respond($data, 201)`). A Spring `@ControllerAdvice`
 * that maps an exception class to a status decides too, and a Spring
 * controller implementing an interface generated from the spec at build
 * time (`class OwnerRestController implements OwnersApi`) serves the spec
 * operations its methods are named after.
 *
 * Two halves keep an edit cheap and the work movable to worker threads:
 * `codeFacts` reads one file, once per version, into plain JSON data (its
 * imports, the exception classes and helpers it declares, its advice and
 * its controllers), and `CrossFileIndex` resolves a route's pending calls
 * (see `CodeRoute.pending`) from those facts alone, never from another
 * file's syntax tree. Names are followed by the language's own rules
 * (relative imports, Python modules, Java and Kotlin packages, PHP
 * namespaces, a Go package's directory); a name that leads to two places,
 * or a class whose status two places disagree on, stays unknown.
 */
import type { StylebookDocument } from '../document';
import { memoize } from '../document';
import { statusClass, statusInfo } from '../http/statusCodes';
import { matchConstant, normaliseExpression } from '../code/constants';
import type { DialectId } from '../code/dialects';
import {
  allStatusSites, argListOf, argsOf, calleeOf, classHead, codeModel, decoratorCall, decoratorsOf, helperParams, impliedByName, impliedStatusOf,
  integerValue, keyOfArgument, owningClass, ruleForSlot, type CodeModel,
} from '../code/sites';
import type { CodeParsers, SyntaxNode } from '../code/syntax';
import { importBindings } from '../code/imports';
import { normalisePath } from './paths';
import type { CodeRoute, HandlerStatus } from './routes';

/** What the cross-file step reads of a spec operation: its method and path. */
export type OperationRef = { method: string; path: string };

/** A status written as an argument: its code and where. */
export interface StatusArg { code: number; start: number; end: number }

/** A call (or a raised name) in a handler that this file cannot read, as plain data. */
export interface PendingRef {
  /** The callee as normalised text: `UserNotFound`, `errors.NotFound`, `this.respondError`. */
  callee: string;
  start: number;
  end: number;
  /** The status each positional argument holds, when it is a literal status (null otherwise). */
  args: (StatusArg | null)[];
  /** Keyed arguments that hold a literal status (`status=404`). */
  keyed?: Record<string, StatusArg>;
  /** The class the handler is a method of (for `this.respond(…)`). */
  inClass?: string;
}

/** An exception class a file declares. */
export interface ClassFact {
  line: number;
  /** The statuses the class sets itself (annotation, `status_code = …`, `super(…, 410)`): one is known, several are ambiguous. */
  codes: number[];
  /** The superclass as written. */
  base?: string;
  /** The status the superclass stands for by a framework's table, read through this file's imports (`NotFoundException` of @nestjs/common). */
  baseCode?: number;
  /** The statuses passed to the superclass's constructor, by position (for a project `HttpError(status)` base). */
  superArgs?: (number | null)[];
  superKeyed?: Record<string, number>;
  /** The constructor parameter that becomes the status (`constructor(status, message) { this.status = status }`). */
  statusParam?: { index: number; name: string };
  /** The class touches a status in a way not read here: nothing is inherited. */
  opaque?: true;
  /** The head names an exception or error. */
  exception: boolean;
  /** A Spring controller with its own `@ExceptionHandler` methods, which decide before any advice or annotation. */
  handlesExceptions?: true;
}

/** A helper whose parameter flows into a status slot. */
export interface HelperFact { index: number; name: string; line: number }

/** A Spring `@ExceptionHandler`: the exception classes it handles (as written) and the one status it answers, if known. */
export interface AdviceFact { exceptions: string[]; code?: number; line: number }

/** A method of a Spring controller implementing an interface (a generated `*Api`), read like a handler. */
export interface ImplementerMethod {
  name: string;
  start: number;
  end: number;
  handler: { start: number; end: number; name: string };
  statuses: HandlerStatus[];
  understood: boolean;
  pending?: PendingRef[];
  understoodOnceResolved?: true;
}

/** What one file tells other files: plain data, once per version. */
export interface CodeFacts {
  uri: string;
  dialect: DialectId;
  /** Java/Kotlin package, PHP namespace, Go package. */
  pkg?: string;
  /** Local name → the module it comes from (as written) and the name there (`default`, `*` for the module itself). */
  imports: Record<string, { from: string; name: string }>;
  /** Java/Kotlin `import a.b.*`. */
  wildcards?: string[];
  /** JS/TS re-exports: `export * from './x'` (names absent) and `export { A as B } from './x'`. */
  reexports?: { from: string; names?: Record<string, string> }[];
  /** The name `export default` / `module.exports =` gives. */
  defaultExport?: string;
  classes: Record<string, ClassFact>;
  /** By name, or `Class.method` for methods. */
  helpers: Record<string, HelperFact>;
  advice?: AdviceFact[];
  /** Interfaces declared here (so a controller's interface is known to be in the workspace). */
  interfaces?: string[];
  implementers?: { cls: string; interfaces: string[]; methods: ImplementerMethod[] }[];
}

const isStatus = (v: number) => !!statusInfo(v) || !!statusClass(v);

/** The literal status a value node holds (a number or a status constant), if any. */
function statusValue(model: CodeModel, node: SyntaxNode | null | undefined): StatusArg | undefined {
  if (!node) return undefined;
  let code: number | undefined;
  if (model.dialect.numbers.includes(node.type)) code = integerValue(node.text);
  else if (model.dialect.constants.includes(node.type) || /identifier/.test(node.type)) code = matchConstant(normaliseExpression(node.text), model.dialect.id)?.code;
  return code !== undefined && isStatus(code) ? { code, start: node.startIndex, end: node.endIndex } : undefined;
}

/** The value inside a keyed or wrapped argument. */
function argumentValue(model: CodeModel, a: SyntaxNode): SyntaxNode | null {
  const k = model.dialect.keyed[a.type];
  if (k) return k.value ? a.childForFieldName(k.value) : a.namedChild(a.namedChildCount - 1);
  if (model.dialect.argWrappers.includes(a.type)) return a.namedChild(a.namedChildCount - 1);
  return a;
}

/** The literal statuses of a call's arguments, by position and by key. */
function statusArgs(model: CodeModel, call: SyntaxNode): { args: (StatusArg | null)[]; keyed?: Record<string, StatusArg> } {
  const list = argListOf(model.dialect, call);
  const args: (StatusArg | null)[] = [];
  let keyed: Record<string, StatusArg> | undefined;
  for (const a of list ? argsOf(model, list) : []) {
    const key = keyOfArgument(model, a);
    const v = statusValue(model, argumentValue(model, a));
    if (key) { if (v) (keyed ??= {})[key] = v; } else args.push(v ?? null);
  }
  return { args, ...(keyed ? { keyed } : {}) };
}

/** A pending call (or raised name) of a handler, as plain data (see routes.ts). */
export function pendingRef(model: CodeModel, node: SyntaxNode, inClass?: string): PendingRef {
  const isCall = model.dialect.calls.includes(node.type);
  // A name raised bare (`raise NotFound`) or a constructor reference (`UserNotFound::new`).
  const callee = isCall ? calleeOf(model, node).text : normaliseExpression(node.text).replace(/\.new$/, '');
  const end = isCall ? calleeOf(model, node).end : node.endIndex;
  return { callee, start: node.startIndex, end, ...(isCall ? statusArgs(model, node) : { args: [] }), ...(inClass ? { inClass } : {}) };
}

// ---------------------------------------------------------------- per-file facts

const CLASS_NODES = /^(?:class_declaration|class_definition|class|object_declaration|abstract_class_declaration)$/;
const INTERFACE_NODES = /^(?:interface_declaration)$/;

/** The name of a class-like node. */
function nameOf(n: SyntaxNode): string | undefined {
  const own = n.childForFieldName('name');
  if (own) return own.text;
  for (let i = 0; i < n.namedChildCount; i++) {
    const c = n.namedChild(i)!;
    if (/^(?:type_identifier|identifier|simple_identifier|name)$/.test(c.type)) return c.text;
  }
  return undefined;
}

/** The superclass a class head names, as written (one only: several bases are not followed). */
function baseOf(dialect: DialectId, head: string): string | undefined {
  const h = head.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|#[^\n]*/g, ' ');
  if (dialect === 'python') {
    const m = /class\s+\w+\s*\(([^)]*)\)/.exec(h);
    const bases = m ? m[1].split(',').map((s) => s.trim()).filter((s) => s && !s.includes('=')) : [];
    return bases.length === 1 && /^[\w.]+$/.test(bases[0]) ? bases[0] : undefined;
  }
  if (dialect === 'kotlin') {
    // The supertype called with arguments is the superclass: `class X(id: Int) : RuntimeException("…")`.
    const m = /\)\s*:\s*([\w.]+)\s*(?:<[^>]*>)?\s*\(|class\s+\w+\s*(?:<[^>]*>)?\s*:\s*([\w.]+)\s*(?:<[^>]*>)?\s*\(/.exec(h);
    return m?.[1] ?? m?.[2];
  }
  const m = /\bextends\s+([\w.$\\]+)/.exec(h);
  return m?.[1];
}

/** The interfaces a JVM class head implements (Java `implements A, B`, Kotlin supertypes without arguments). */
function interfacesOf(dialect: DialectId, head: string): string[] {
  if (dialect === 'java') {
    const m = /\bimplements\s+([\w.,\s<>]+?)\s*$/.exec(head.replace(/\{[\s\S]*$/, ''));
    return m ? m[1].replace(/<[^>]*>/g, '').split(',').map((s) => s.trim().split('.').pop()!).filter(Boolean) : [];
  }
  if (dialect === 'kotlin') {
    const at = head.lastIndexOf(') :') >= 0 ? head.lastIndexOf(') :') + 3 : head.search(/class\s+\w+\s*:/) >= 0 ? head.indexOf(':', head.search(/class\s+\w+/)) + 1 : -1;
    if (at <= 0) return [];
    return head.slice(at).replace(/\{[\s\S]*$/, '').split(',').map((s) => s.trim()).filter((s) => /^[\w.]+$/.test(s)).map((s) => s.split('.').pop()!);
  }
  return [];
}

const unquote = (s: string) => s.replace(/^["'`]|["'`]$/g, '');

/** Reads a top-level statement's imports (and package, re-exports, default export) into the facts. */
function readTopLevel(facts: CodeFacts, dialect: DialectId, n: SyntaxNode): void {
  const t = n.text;
  // JavaScript's and Python's imports come from code/imports.ts (see extractFacts); the rest of the module's surface is read here.
  if (dialect === 'js') {
    if (n.type === 'export_statement') {
      const from = /from\s*(["'][^"']+["'])\s*;?\s*$/.exec(t);
      if (from) {
        const module = unquote(from[1]);
        const named = /^export\s+(?:type\s+)?\{([^}]*)\}/.exec(t);
        if (named) {
          const names: Record<string, string> = {};
          for (const part of named[1].split(',')) {
            const m = /^\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
            if (m) names[m[2] ?? m[1]] = m[1];
          }
          (facts.reexports ??= []).push({ from: module, names });
        } else if (/^export\s*\*\s*from/.test(t)) (facts.reexports ??= []).push({ from: module });
        return;
      }
      const def = /^export\s+default\s+(?:abstract\s+)?(?:class|function)?\s*([A-Za-z_$][\w$]*)/.exec(t);
      if (def && def[1] !== 'class' && def[1] !== 'function') facts.defaultExport = def[1];
      return;
    }
    if (n.type === 'expression_statement') {
      const m = /^module\.exports\s*=\s*([A-Za-z_$][\w$]*)\s*;?\s*$/.exec(t);
      if (m) facts.defaultExport = m[1];
    }
    return;
  }
  if (dialect === 'java' || dialect === 'kotlin') {
    const pkg = /^package\s+([\w.]+)/.exec(t);
    if (pkg) { facts.pkg = pkg[1]; return; }
    for (const line of t.split('\n')) {
      const m = /^\s*import\s+(?!static\b)([\w.]+?)(\.\*)?(?:\s+as\s+(\w+))?\s*;?\s*$/.exec(line);
      if (!m) continue;
      if (m[2]) { (facts.wildcards ??= []).push(m[1]); continue; }
      const dot = m[1].lastIndexOf('.');
      if (dot > 0) facts.imports[m[3] ?? m[1].slice(dot + 1)] = { from: m[1].slice(0, dot), name: m[1].slice(dot + 1) };
    }
    return;
  }
  if (dialect === 'php') {
    const ns = /^namespace\s+([\w\\]+)\s*;/.exec(t);
    if (ns) { facts.pkg = ns[1].replace(/^\\/, ''); return; }
    const use = /^use\s+([\w\\]+)(?:\s+as\s+(\w+))?\s*;/.exec(t);
    if (use) {
      const full = use[1].replace(/^\\/, '');
      const at = full.lastIndexOf('\\');
      facts.imports[use[2] ?? full.slice(at + 1)] = { from: full.slice(0, Math.max(at, 0)), name: full.slice(at + 1) };
    }
    return;
  }
  if (dialect === 'go') {
    const pkg = /^package\s+(\w+)/.exec(t);
    if (pkg) facts.pkg = pkg[1];
  }
}

/** Statements that may hold imports or declarations besides the top level (PHP's program, a namespace block, an export). */
const CONTAINERS = /^(?:program|module|source_file|compilation_unit|export_statement|namespace_definition|compound_statement|declaration_list|import_list|package_header)$/;

/** The per-file facts of a code document, once per version; undefined when its grammar is not loaded. */
export function codeFacts(doc: StylebookDocument, parsers: CodeParsers, handler?: HandlerReader): CodeFacts | undefined {
  // A closed file keeps its facts without its tree (workspaceSync.ts): they must not cost a parse.
  if (doc.memo.has('workspace:facts')) return doc.memo.get('workspace:facts') as CodeFacts;
  const model = codeModel(doc, parsers);
  if (!model) return undefined;
  return memoize(doc, 'workspace:facts', () => extractFacts(doc, model, handler));
}

/** Reads a method as a route handler (routes.ts provides it, so that a controller method and a route are read alike). */
export type HandlerReader = (doc: StylebookDocument, model: CodeModel, fn: SyntaxNode) => Pick<ImplementerMethod, 'statuses' | 'understood' | 'pending' | 'understoodOnceResolved'>;

/** At most this many nodes are visited looking for declarations, so that a huge file costs little. */
const MAX_NODES = 20000;

function extractFacts(doc: StylebookDocument, model: CodeModel, handler?: HandlerReader): CodeFacts {
  const dialect = model.dialect.id;
  const facts: CodeFacts = { uri: doc.textDocument.uri, dialect, imports: {}, classes: {}, helpers: {} };
  for (const [local, binding] of importBindings(model)) facts.imports[local] = { ...binding };
  const root = model.tree.rootNode;
  // The document's line index (built once), not a split of the text before each declaration, which grew with the file for every class.
  const lineOf = (at: number) => doc.textDocument.positionAt(at).line + 1;
  const classes: SyntaxNode[] = [];
  const functions: { fn: SyntaxNode; cls?: string }[] = [];
  let budget = MAX_NODES;
  const visit = (n: SyntaxNode, depth: number, cls?: string) => {
    for (let i = 0; i < n.namedChildCount && budget-- > 0; i++) {
      const c = n.namedChild(i)!;
      if (depth === 0 || n.type === 'export_statement' || /namespace|compound_statement|package_header|import_list/.test(n.type)) readTopLevel(facts, dialect, c);
      if (CLASS_NODES.test(c.type)) {
        classes.push(c);
        const name = nameOf(c);
        const body = c.childForFieldName('body') ?? [...Array(c.namedChildCount).keys()].map((k) => c.namedChild(k)!).find((k) => /body|block|declaration_list/.test(k.type));
        if (body && depth < 3) visit(body, depth + 1, name);
        continue;
      }
      if (INTERFACE_NODES.test(c.type) || (c.type === 'class_declaration' && /^\s*(?:\w+\s+)*interface\b/.test(c.text))) {
        const name = nameOf(c);
        if (name) (facts.interfaces ??= []).push(name);
        continue;
      }
      if (model.dialect.functions.includes(c.type)) { functions.push({ fn: c, cls }); continue; }
      if (c.type === 'decorated_definition') { visit(c, depth, cls); continue; }
      if (CONTAINERS.test(c.type) || /^(?:class_body|modifiers)$/.test(c.type) && depth < 3) visit(c, depth + (c.type === 'export_statement' ? 0 : 1), cls);
      else if (depth === 0 && (c.type === 'lexical_declaration' || c.type === 'variable_declaration')) {
        // `const sendError = (res, status) => …` at the top level is a helper too.
        for (let j = 0; j < c.namedChildCount; j++) {
          const v = c.namedChild(j)?.childForFieldName('value');
          if (v && model.dialect.functions.includes(v.type)) functions.push({ fn: v });
        }
      }
    }
  };
  visit(root, 0);

  // Exception classes and what they answer.
  const sites = allStatusSites(doc, model);
  const ownCodes = new Map<number, Set<number>>();
  for (const s of sites) {
    if (!s.rule || s.rule.documents || !isStatus(s.value)) continue;
    const cls = owningClass(model, s.node);
    if (!cls) continue;
    let set = ownCodes.get(cls.startIndex);
    if (!set) ownCodes.set(cls.startIndex, (set = new Set()));
    set.add(s.value);
  }
  for (const c of classes) {
    const name = nameOf(c);
    if (!name || facts.classes[name]) { if (name) facts.classes[name].opaque = true; continue; }
    const nameNode = c.childForFieldName('name') ?? c.namedChild(0) ?? c;
    const head = classHead(model, nameNode) || c.text.slice(0, 300);
    const fact: ClassFact = { line: lineOf(c.startIndex), codes: [...(ownCodes.get(c.startIndex) ?? [])], exception: /(?:Exception|Error)\b/.test(head) };
    const base = baseOf(dialect, head);
    if (base) {
      fact.base = base;
      const framework = impliedByName(model, base);
      if (framework && !framework.rule.documents) fact.baseCode = framework.code;
    }
    const ctor = constructorOf(model, c);
    if (ctor) {
      const hit = helperParams(model, ctor)[0];
      if (hit) fact.statusParam = { index: hit.index, name: hit.name };
    }
    const sup = superCall(model, c, ctor, head);
    if (sup) {
      const { args, keyed } = statusArgs(model, sup);
      // A status passed to a framework's exception (`super().__init__(status_code=404)` under Starlette's HTTPException): its slot says so.
      if (base && fact.baseCode === undefined) {
        const slots = [...args.map((a, index) => ({ a, index, key: undefined as string | undefined })), ...Object.entries(keyed ?? {}).map(([key, a]) => ({ a, index: -1, key }))];
        const codes = new Set<number>();
        for (const { a, index, key } of slots) {
          if (a && ruleForSlot(model, { kind: 'arg', call: sup, callee: base, index, ...(key ? { key } : {}) }, sup, false)) codes.add(a.code);
        }
        if (codes.size === 1) fact.baseCode = [...codes][0];
      }
      if (args.some(Boolean)) fact.superArgs = args.map((a) => a?.code ?? null);
      if (keyed) fact.superKeyed = Object.fromEntries(Object.entries(keyed).map(([k, v]) => [k, v.code]));
    }
    // A class that sets something status-like we cannot read (`this.code = …`, `getStatus()`) inherits nothing.
    const bodyText = model.text.slice(c.startIndex + head.length, c.endIndex);
    if (!fact.codes.length && !fact.statusParam && !fact.superArgs && !fact.superKeyed && /\b(?:status|statusCode|status_code|code|getStatus|getStatusCode|get_status_code|httpStatus)\b/.test(bodyText)) fact.opaque = true;
    facts.classes[name] = fact;
  }

  // Helpers: functions and methods whose parameter flows into a status slot.
  for (const { fn, cls } of functions) {
    const name = fn.childForFieldName('name')?.text ?? fn.parent?.childForFieldName('name')?.text;
    if (!name || CONSTRUCTOR_NAMES.has(name)) continue;
    const hit = helperParams(model, fn)[0];
    if (!hit) continue;
    const key = cls ? `${cls}.${name}` : name;
    facts.helpers[key] = facts.helpers[key] ? { ...facts.helpers[key], index: -1 } : { index: hit.index, name: hit.name, line: lineOf(fn.startIndex) };
  }

  if (dialect === 'java' || dialect === 'kotlin') jvmFacts(doc, model, facts, classes, functions, handler);
  return facts;
}

const CONSTRUCTOR_NAMES = new Set(['constructor', '__init__', 'init', '__construct']);

/** A class's constructor, if it declares one. */
function constructorOf(model: CodeModel, cls: SyntaxNode): SyntaxNode | undefined {
  const stack = [cls];
  while (stack.length) {
    const n = stack.pop()!;
    for (let i = 0; i < n.namedChildCount; i++) {
      const c = n.namedChild(i)!;
      if (c.type === 'constructor_declaration' || ((model.dialect.functions.includes(c.type) || c.type === 'method_declaration') && CONSTRUCTOR_NAMES.has(c.childForFieldName('name')?.text ?? ''))) return c;
      if (!model.dialect.functions.includes(c.type) && !CLASS_NODES.test(c.type)) stack.push(c);
    }
  }
  return undefined;
}

/** The call to the superclass's constructor: `super(…)` in the constructor, or Kotlin's `: Base(…)` in the head. */
function superCall(model: CodeModel, cls: SyntaxNode, ctor: SyntaxNode | undefined, head: string): SyntaxNode | undefined {
  if (model.dialect.id === 'kotlin') {
    for (let i = 0; i < cls.namedChildCount; i++) {
      const c = cls.namedChild(i)!;
      if (c.type !== 'delegation_specifier' && c.type !== 'delegation_specifiers') continue;
      const stack = [c];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.type === 'constructor_invocation') return n;
        for (let j = 0; j < n.namedChildCount; j++) stack.push(n.namedChild(j)!);
      }
    }
    return undefined;
  }
  if (!ctor || !head) return undefined;
  const stack = [ctor];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'explicit_constructor_invocation' || (model.dialect.calls.includes(n.type) && /^(?:super|super\(\)\.__init__|parent\.__construct)$/.test(calleeOf(model, n).text))) return n;
    for (let j = n.namedChildCount - 1; j >= 0; j--) stack.push(n.namedChild(j)!);
  }
  return undefined;
}

/** Spring's advice (`@ExceptionHandler` in a `@ControllerAdvice`) and controllers implementing interfaces. */
function jvmFacts(
  doc: StylebookDocument, model: CodeModel, facts: CodeFacts, classes: SyntaxNode[], functions: { fn: SyntaxNode; cls?: string }[], handler?: HandlerReader,
): void {
  // The document's line index (built once), not a split of the text before each declaration, which grew with the file for every class.
  const lineOf = (at: number) => doc.textDocument.positionAt(at).line + 1;
  for (const c of classes) {
    const name = nameOf(c);
    const head = classHead(model, c.childForFieldName('name') ?? c.namedChild(0) ?? c) || '';
    const methods = functions.filter((f) => f.cls === name && f.fn.parent && within(f.fn, c));
    if (name && facts.classes[name] && !/@(?:Rest)?ControllerAdvice\b/.test(head) && methods.some(({ fn }) => decoratorsOf(model, fn).some((d) => /^ExceptionHandler$/.test(calleeOf(model, decoratorCall(model, d)).text)))) {
      facts.classes[name].handlesExceptions = true;
    }
    if (/@(?:Rest)?ControllerAdvice\b/.test(head)) {
      // An advice limited to some controllers (`basePackages`, `assignableTypes`) may or may not apply: its mappings count as unknown.
      const scoped = /@(?:Rest)?ControllerAdvice\s*\(/.test(head);
      for (const { fn } of methods) {
        const handlerAnnotation = decoratorsOf(model, fn).map((d) => decoratorCall(model, d)).find((d) => /^ExceptionHandler$/.test(calleeOf(model, d).text));
        if (!handlerAnnotation) continue;
        let exceptions = [...handlerAnnotation.text.matchAll(/([\w.]+)(?:\.class|::class)/g)].map((m) => m[1].split('.').pop()!);
        if (!exceptions.length) {
          // Without a list, Spring takes the exception types among the method's parameters.
          const params = fn.childForFieldName('parameters')?.text ?? '';
          exceptions = [...params.matchAll(/(\w*(?:Exception|Error|Throwable))\b/g)].map((m) => m[1]);
        }
        const codes = new Set<number>();
        for (const s of allStatusSites(doc, model)) {
          if (s.rule && isStatus(s.value) && s.node.startIndex >= fn.startIndex && s.node.endIndex <= fn.endIndex) codes.add(s.value);
        }
        forEachCall(model, fn, (call) => { const implied = impliedStatusOf(model, call); if (implied) codes.add(implied.code); });
        (facts.advice ??= []).push({ exceptions, ...(codes.size === 1 && !scoped ? { code: [...codes][0] } : {}), line: lineOf(fn.startIndex) });
      }
    }
    if (handler && name && /@(?:Rest)?Controller\b/.test(head)) {
      const interfaces = interfacesOf(model.dialect.id, head);
      if (!interfaces.length) continue;
      const out: ImplementerMethod[] = [];
      for (const { fn } of methods) {
        const overrides = model.dialect.id === 'kotlin' ? /^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:\w+\s+)*override\b/.test(fn.text) : /@Override\b/.test(model.text.slice(fn.startIndex, fn.childForFieldName('name')?.startIndex ?? fn.startIndex));
        const nameNode = fn.childForFieldName('name') ?? [...Array(fn.namedChildCount).keys()].map((k) => fn.namedChild(k)!).find((k) => k.type === 'simple_identifier');
        if (!overrides || !nameNode) continue;
        // A method with its own mapping is a route already.
        if (decoratorsOf(model, fn).some((d) => /Mapping$/.test(calleeOf(model, decoratorCall(model, d)).text))) continue;
        out.push({ name: nameNode.text, start: nameNode.startIndex, end: nameNode.endIndex, handler: { start: fn.startIndex, end: fn.endIndex, name: nameNode.text }, ...handler(doc, model, fn) });
      }
      if (out.length) (facts.implementers ??= []).push({ cls: name, interfaces, methods: out });
    }
  }
}

const within = (n: SyntaxNode, outer: SyntaxNode) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;

function forEachCall(model: CodeModel, root: SyntaxNode, f: (call: SyntaxNode) => void): void {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (model.dialect.calls.includes(n.type)) f(n);
    for (let i = 0; i < n.namedChildCount; i++) stack.push(n.namedChild(i)!);
  }
}

// ---------------------------------------------------------------- resolution

/** A declaration found: the file's facts and the name there. */
interface Found { facts: CodeFacts; name: string }

/** How far inheritance and re-exports are followed. */
const MAX_DEPTH = 4;

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];

/** The directory part of a uri, without the trailing slash. */
const dirOf = (uri: string) => uri.slice(0, uri.lastIndexOf('/'));

/** Joins a relative path to a directory uri, resolving `.` and `..`. */
function joinUri(dir: string, rel: string): string {
  const m = /^([a-z][\w+.-]*:\/\/[^/]*)(.*)$/i.exec(dir);
  const prefix = m ? m[1] : '';
  const parts = (m ? m[2] : dir).split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (parts.length > 1) parts.pop(); } else parts.push(seg);
  }
  return prefix + parts.join('/');
}

const withoutExtension = (uri: string) => uri.replace(/\.[^./]+$/, '');

/**
 * The facts of every code file of the workspace, indexed for resolution.
 * Built from the facts alone and thrown away when a file changes (the
 * model builds a new one on demand; building is a pass over plain data).
 */
export class CrossFileIndex {
  private readonly byUri = new Map<string, CodeFacts>();
  private readonly byPkg = new Map<string, CodeFacts[]>();
  /** Files by the last part of their path without extension (`errors`, or the folder of an `index`/`__init__`). */
  private readonly byStem = new Map<string, CodeFacts[]>();
  private readonly modules = new Map<string, CodeFacts | undefined>();
  private advice: Map<string, (number | undefined)[]> | undefined;
  /** The files declaring each interface, and the controllers implementing it. */
  private readonly interfaces = new Map<string, string[]>();
  private readonly implementers = new Map<string, { uri: string; methods: Set<string> }[]>();

  constructor(all: CodeFacts[]) {
    for (const f of all) {
      this.byUri.set(f.uri, f);
      if (f.pkg !== undefined) {
        const key = `${f.dialect === 'kotlin' ? 'java' : f.dialect}:${f.dialect === 'go' ? `${dirOf(f.uri)}:` : ''}${f.pkg}`;
        const list = this.byPkg.get(key) ?? [];
        list.push(f);
        this.byPkg.set(key, list);
      }
      const stem = withoutExtension(f.uri).split('/');
      let last = stem.pop()!;
      if (last === 'index' || last === '__init__') last = stem.pop() ?? last;
      const list = this.byStem.get(last) ?? [];
      list.push(f);
      this.byStem.set(last, list);
      for (const i of f.interfaces ?? []) this.interfaces.set(i, [...(this.interfaces.get(i) ?? []), f.uri]);
      for (const c of f.implementers ?? []) {
        for (const i of c.interfaces) this.implementers.set(i, [...(this.implementers.get(i) ?? []), { uri: f.uri, methods: new Set(c.methods.map((m) => m.name)) }]);
      }
    }
  }

  /** The facts of a file. */
  facts(uri: string): CodeFacts | undefined {
    return this.byUri.get(uri);
  }

  /** True when some file of the workspace declares an interface of this name. */
  hasInterface(name: string): boolean {
    return this.interfaces.has(name);
  }

  /** The one file declaring an interface, if exactly one does. */
  interfaceFile(name: string): string | undefined {
    const files = this.interfaces.get(name);
    return files?.length === 1 ? files[0] : undefined;
  }

  /**
   * The methods of a file's interfaces that exactly one controller of the
   * workspace implements: their routes are that controller's (see the model).
   */
  implementedMethods(uri: string): Set<string> {
    const out = new Set<string>();
    for (const i of this.facts(uri)?.interfaces ?? []) {
      const list = this.implementers.get(i) ?? [];
      if (list.length === 1 && this.interfaceFile(i) === uri) for (const m of list[0].methods) out.add(m);
    }
    return out;
  }

  /** The file a module specifier written in `from` names: exactly one, or none. */
  private module(from: CodeFacts, spec: string): CodeFacts | undefined {
    const key = `${from.uri}\u0000${spec}`;
    if (this.modules.has(key)) return this.modules.get(key);
    let found: CodeFacts | undefined;
    if (from.dialect === 'js') {
      if (spec.startsWith('.')) {
        const base = joinUri(dirOf(from.uri), spec);
        const bases = /\.[cm]?js$/.test(base) ? [base, base.replace(/\.([cm]?)js$/, '.$1ts')] : [base];
        for (const b of bases) for (const ext of EXTENSIONS) { found ??= this.byUri.get(b + ext); }
      } else if (spec.includes('/')) {
        // A path alias (`@/errors`, `~/errors`, `src/errors`): the one file whose path ends so.
        const rest = spec.replace(/^[@~#][^/]*\//, '');
        found = this.unique(rest.split('/').pop()!, (f) => {
          const p = withoutExtension(f.uri);
          return p.endsWith(`/${rest}`) || p.endsWith(`/${rest}/index`);
        });
      }
    } else if (from.dialect === 'python') {
      let path = spec;
      let dir: string | undefined;
      if (spec.startsWith('.')) {
        const dots = /^\.+/.exec(spec)![0].length;
        dir = dirOf(from.uri);
        for (let i = 1; i < dots; i++) dir = dirOf(dir);
        path = spec.slice(dots);
      }
      const rel = path.replace(/\./g, '/');
      if (dir !== undefined) {
        found = rel ? this.byUri.get(`${dir}/${rel}.py`) ?? this.byUri.get(`${dir}/${rel}/__init__.py`) : this.byUri.get(`${dir}/__init__.py`);
      } else if (rel) {
        found = this.unique(rel.split('/').pop()!, (f) => f.uri.endsWith(`/${rel}.py`) || f.uri.endsWith(`/${rel}/__init__.py`));
      }
    }
    this.modules.set(key, found);
    return found;
  }

  /** The one file of a stem that passes a test. */
  private unique(stem: string, test: (f: CodeFacts) => boolean): CodeFacts | undefined {
    const hits = (this.byStem.get(stem) ?? []).filter(test);
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** A name as a module exports it: declared there, its default export, or re-exported from another module. */
  private exported(module: CodeFacts, name: string, depth = 0): Found | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (name === 'default' || name === '*') {
      if (module.defaultExport) return this.exported(module, module.defaultExport, depth + 1);
      return undefined;
    }
    if (module.classes[name] || module.helpers[name]) return { facts: module, name };
    const imported = module.imports[name];
    if (imported) return this.viaImport(module, imported, depth + 1);
    const hits: Found[] = [];
    for (const r of module.reexports ?? []) {
      if (r.names && !(name in r.names)) continue;
      const target = this.module(module, r.from);
      const hit = target && this.exported(target, r.names ? r.names[name] : name, depth + 1);
      if (hit) hits.push(hit);
    }
    return hits.length === 1 ? hits[0] : undefined;
  }

  private viaImport(from: CodeFacts, imported: { from: string; name: string }, depth: number): Found | undefined {
    if (from.dialect === 'java' || from.dialect === 'kotlin' || from.dialect === 'php') return this.inPackage(from, imported.from, imported.name);
    const module = this.module(from, imported.from);
    const hit = module && this.exported(module, imported.name, depth);
    if (hit) return hit;
    // Python's `from app import errors` names a module too.
    if (from.dialect === 'python' && imported.name !== '*') {
      const sub = this.module(from, `${imported.from}${imported.from.endsWith('.') ? '' : '.'}${imported.name}`);
      if (sub) return { facts: sub, name: '' };
    }
    return undefined;
  }

  /** The one declaration of a name in a package (Java, Kotlin, PHP, a Go directory). */
  private inPackage(from: CodeFacts, pkg: string, name: string): Found | undefined {
    const key = `${from.dialect === 'kotlin' ? 'java' : from.dialect}:${from.dialect === 'go' ? `${dirOf(from.uri)}:` : ''}${pkg}`;
    const hits = (this.byPkg.get(key) ?? []).filter((f) => f.classes[name] || f.helpers[name]);
    return hits.length === 1 ? { facts: hits[0], name } : undefined;
  }

  /** What a name written in a file stands for: declared there, imported, or in the file's package. */
  lookup(from: CodeFacts, name: string): Found | undefined {
    if (from.classes[name] || from.helpers[name]) return { facts: from, name };
    const imported = from.imports[name];
    if (imported) return this.viaImport(from, imported, 0);
    if (from.pkg !== undefined && (from.dialect === 'java' || from.dialect === 'kotlin' || from.dialect === 'php' || from.dialect === 'go')) {
      const own = this.inPackage(from, from.pkg, name);
      if (own) return own;
      const wild = (from.wildcards ?? []).map((p) => this.inPackage(from, p, name)).filter((x): x is Found => !!x);
      if (wild.length === 1) return wild[0];
    }
    return undefined;
  }

  /** The status a project exception class answers when constructed with these arguments, or undefined. */
  classCode(found: Found, ref?: Pick<PendingRef, 'args' | 'keyed'>, depth = 0): number | undefined {
    const c = found.facts.classes[found.name];
    if (!c || depth > MAX_DEPTH) return undefined;
    const jvm = found.facts.dialect === 'java' || found.facts.dialect === 'kotlin';
    if (jvm) {
      const advised = this.advised(found);
      if (advised !== null) return advised;
    }
    if (c.codes.length) return c.codes.length === 1 && c.exception ? c.codes[0] : undefined;
    if (c.statusParam) {
      const a = ref?.keyed?.[c.statusParam.name] ?? ref?.args[c.statusParam.index];
      return a ? a.code : undefined;
    }
    if (c.opaque || !c.base) return undefined;
    if (c.baseCode !== undefined) return c.baseCode;
    const base: Found | undefined = this.lookup(found.facts, c.base) ?? this.dotted(found.facts, c.base);
    if (!base || !base.name) return undefined;
    const args = { args: (c.superArgs ?? []).map((code) => (code === null ? null : { code, start: 0, end: 0 })), keyed: Object.fromEntries(Object.entries(c.superKeyed ?? {}).map(([k, code]) => [k, { code, start: 0, end: 0 }])) };
    return this.classCode(base, args, depth + 1);
  }

  /** A dotted name (`errors.NotFound`): a declaration of the module or class the first name stands for. */
  private dotted(from: CodeFacts, callee: string): Found | undefined {
    const m = /^([\w$]+)\.([\w$]+)$/.exec(callee);
    if (!m) return undefined;
    const imported = from.imports[m[1]];
    if (!imported) return undefined;
    const module = imported.name === '*' ? this.module(from, imported.from) : this.viaImport(from, imported, 0);
    if (!module) return undefined;
    const facts = 'facts' in module ? module.facts : module;
    // `Base.helper` of an imported class, or a name of an imported module.
    if ('facts' in module && module.name) return facts.helpers[`${module.name}.${m[2]}`] ? { facts, name: `${module.name}.${m[2]}` } : undefined;
    return this.exported(facts, m[2]);
  }

  /**
   * The status a Spring advice gives a class (the handler of the nearest
   * class up its hierarchy, as Spring picks it): a number, undefined when an
   * advice may apply but its status is unknown, null when no advice applies.
   */
  private advised(found: Found): number | undefined | null {
    const advice = this.adviceMap();
    if (!advice.size) return null;
    let at: Found | undefined = found;
    let lastName = found.name;
    for (let depth = 0; at && depth <= MAX_DEPTH; depth++) {
      const codes = advice.get(`${at.facts.uri}#${at.name}`);
      if (codes) return decided(codes);
      const base: string | undefined = at.facts.classes[at.name]?.base;
      if (!base) return null;
      lastName = base.split('.').pop()!;
      at = this.lookup(at.facts, base);
    }
    if (at) return undefined;
    // The hierarchy leaves the project at `lastName`: an advice for it, or for a class it may extend, decides.
    const byName = advice.get(`#${lastName}`);
    if (byName) return decided(byName);
    const known = new Set(['RuntimeException', 'Exception', 'Throwable']);
    if (!known.has(lastName) && [...advice.keys()].some((k) => k.startsWith('#') && !known.has(k.slice(1)))) return undefined;
    for (const general of lastName === 'RuntimeException' ? ['Exception', 'Throwable'] : ['Throwable']) {
      const codes = advice.get(`#${general}`);
      if (codes) return decided(codes);
    }
    return known.has(lastName) ? null : advice.has('#Exception') || advice.has('#Throwable') ? undefined : null;
  }

  /** Every advice mapping of the workspace: the class it handles (`uri#Name` for a project class, `#Name` otherwise) → the statuses it answers. */
  private adviceMap(): Map<string, (number | undefined)[]> {
    if (this.advice) return this.advice;
    const out = new Map<string, (number | undefined)[]>();
    for (const f of this.byUri.values()) {
      for (const a of f.advice ?? []) {
        for (const e of a.exceptions) {
          const hit = this.lookup(f, e);
          const key = hit && hit.facts.classes[hit.name] ? `${hit.facts.uri}#${hit.name}` : `#${e}`;
          const list = out.get(key) ?? [];
          list.push(a.code);
          out.set(key, list);
        }
      }
    }
    return (this.advice = out);
  }

  /** The status a pending call answers, and where, when another file (or this one) says so for sure. */
  resolve(from: CodeFacts, ref: PendingRef): HandlerStatus | undefined {
    const self = /^(?:this|self|\$this|static|parent|cls|super)\.([\w$]+)$/.exec(ref.callee);
    if (self) return this.inherited(from, ref, self[1]);
    const plain = /^([\w$]+)$/.test(ref.callee);
    const found = plain ? this.lookup(from, ref.callee) : this.dotted(from, ref.callee);
    if (!found || !found.name) return undefined;
    if (found.facts.classes[found.name]) {
      // A controller's own exception handlers decide what its throws answer: not read here.
      if (ref.inClass && from.classes[ref.inClass]?.handlesExceptions) return undefined;
      const code = this.classCode(found, ref);
      return code === undefined ? undefined : { code, start: ref.start, end: ref.end, how: 'implied', resolvedFrom: { callee: ref.callee, uri: found.facts.uri } };
    }
    return this.helperStatus(found.facts.helpers[found.name], ref, found.facts.uri);
  }

  /** A method called on the handler's own object: found on its class or up its superclasses. */
  private inherited(from: CodeFacts, ref: PendingRef, method: string): HandlerStatus | undefined {
    if (!ref.inClass) return undefined;
    let at: Found | undefined = { facts: from, name: ref.inClass };
    for (let depth = 0; at && depth <= MAX_DEPTH; depth++) {
      const helper = at.facts.helpers[`${at.name}.${method}`];
      if (helper) return this.helperStatus(helper, ref, at.facts.uri);
      const base: string | undefined = at.facts.classes[at.name]?.base;
      if (!base) return undefined;
      const next: Found | undefined = this.lookup(at.facts, base) ?? this.dotted(at.facts, base);
      at = next;
    }
    return undefined;
  }

  private helperStatus(helper: HelperFact | undefined, ref: PendingRef, uri: string): HandlerStatus | undefined {
    if (!helper || helper.index < 0) return undefined;
    const a = ref.keyed?.[helper.name] ?? ref.args[helper.index];
    return a ? { code: a.code, start: a.start, end: a.end, how: 'explicit', resolvedFrom: { callee: ref.callee, uri } } : undefined;
  }

  /**
   * A code file's routes as the workspace sees them: its own, less the
   * interface methods one controller implements, plus the routes of its
   * controllers' methods that implement an interface, each with its pending
   * calls resolved. `routesOfFile` gives another file's own routes (plain
   * data), `operations` the spec operations of an operationId.
   */
  routesOf(facts: CodeFacts, own: CodeRoute[], routesOfFile: (uri: string) => CodeRoute[], operations: (operationId: string) => OperationRef[]): CodeRoute[] {
    // An interface's mapped methods that a controller implements are that controller's routes.
    const implemented = this.implementedMethods(facts.uri);
    const taken = (r: CodeRoute) => !!r.handler?.name && implemented.has(r.handler.name) && !r.statuses.some((s) => s.onDeclaration) &&
      own.filter((x) => x.handler?.name === r.handler!.name).length === 1;
    const kept = implemented.size ? own.filter((r) => !taken(r)) : own;
    return [...kept, ...this.implementedRoutes(facts, routesOfFile, operations)].map((r) => this.resolveRoute(facts, r));
  }

  /**
   * The routes of a Spring controller's methods that implement an interface:
   * where the interface is in the workspace, the route its mapping declares
   * for the method (the interface's file then leaves it out); where it is
   * generated from the spec at build time (`implements OwnersApi`, an `*Api`
   * interface no file of the workspace declares), the one operation of the
   * workspace's specs whose operationId is the method's name.
   */
  private implementedRoutes(facts: CodeFacts, routesOfFile: (uri: string) => CodeRoute[], operations: (operationId: string) => OperationRef[]): CodeRoute[] {
    const out: CodeRoute[] = [];
    for (const c of facts.implementers ?? []) {
      for (const i of c.interfaces) {
        const uri = this.interfaceFile(i);
        if (!uri || !this.implementedMethods(uri).size) continue;
        const mapped = routesOfFile(uri);
        for (const { name, start, end, handler, statuses, understood, pending, understoodOnceResolved } of c.methods) {
          const r = mapped.filter((x) => x.handler?.name === name);
          if (r.length !== 1 || r[0].statuses.some((s) => s.onDeclaration)) continue;
          const { method, path, normal, rooted, framework } = r[0];
          out.push({
            method, framework: `${framework} (${i}, implemented by ${c.cls})`, ...(path !== undefined ? { path } : {}), ...(normal ? { normal } : {}), rooted,
            start, end, handler, statuses, understood, ...(pending ? { pending } : {}), ...(understoodOnceResolved ? { understoodOnceResolved } : {}),
          });
        }
      }
      const generated = c.interfaces.filter((i) => /Api$/.test(i) && !this.hasInterface(i));
      if (!generated.length) continue;
      for (const { name, start, end, handler, statuses, understood, pending, understoodOnceResolved } of c.methods) {
        const ops = operations(name);
        if (ops.length !== 1) continue;
        const normal = normalisePath(ops[0].path);
        out.push({
          method: ops[0].method, framework: `Spring (implements ${generated.join(', ')})`, path: ops[0].path, ...(normal ? { normal } : {}), rooted: true,
          start, end, handler, statuses, understood, ...(pending ? { pending } : {}), ...(understoodOnceResolved ? { understoodOnceResolved } : {}),
        });
      }
    }
    return out;
  }

  /** A route with its pending calls resolved: their statuses added, and understood when every one is known. */
  resolveRoute<R extends Pick<CodeRoute, 'statuses' | 'understood' | 'pending' | 'understoodOnceResolved' | 'defaultUnlessSuccess'>>(from: CodeFacts, route: R): R {
    if (!route.pending?.length) return route;
    const added: HandlerStatus[] = [];
    let all = true;
    for (const ref of route.pending) {
      const s = this.resolve(from, ref);
      if (s) added.push(s); else all = false;
    }
    if (!added.length) return route;
    let statuses = [...route.statuses, ...added].sort((a, b) => a.start - b.start);
    let understood = !!route.understoodOnceResolved && all && statuses.length > 0;
    // FastAPI answers its default 200 only where no other success is said: an explicit one makes plain returns unknown (as routes.ts reads it).
    if (route.defaultUnlessSuccess && added.some((s) => s.code >= 200 && s.code < 300)) {
      statuses = statuses.filter((s) => s.how !== 'default');
      understood = false;
    }
    return { ...route, statuses, understood };
  }
}

/** One status when every mapping agrees on a known one. */
function decided(codes: (number | undefined)[]): number | undefined {
  const set = new Set(codes);
  return set.size === 1 && codes[0] !== undefined ? codes[0] : undefined;
}
