/**
 * The routes of one code document: for each route declaration the method,
 * the path as served (with the prefixes that are static in this file), the
 * handler's range, and the statuses the handler answers, read from the same
 * classifier as hover and diagnostics (../code/sites.ts). Pure and memoised
 * per document version.
 *
 * Two flags keep the consistency checks honest. `rooted` says that every
 * prefix in front of the path is known (the application is created in this
 * file); otherwise the route may be mounted under a prefix set elsewhere and
 * is matched by its tail. `understood` says that every way out of the handler
 * has a known status: only then may a spec's status be called unanswered.
 */
import type { StylebookDocument } from '../document';
import { memoize } from '../document';
import { statusClass, statusInfo } from '../http/statusCodes';
import {
  allStatusSites, argListOf, argsOf, calleeOf, codeModel, decoratedFunction, decoratorCall, decoratorsOf, enclosingFunction, impliedStatusOf, keyOfArgument, routeOf,
  type CodeModel, type StatusSite,
} from '../code/sites';
import type { CodeParsers, SyntaxNode } from '../code/syntax';
import { ASPNET_CONVENTIONS, CLASS_PREFIXES, DOCUMENTING_CALLEES, ECHO_IMPORT, FACTORIES, FASTAPI_IMPORT, MOUNTS, RESPONSE_WRITERS, RETURN_ANSWERS } from './frameworks';
import { pendingRef, type PendingRef } from './crossfile';
import { joinPaths, normalisePath, type NormalPath } from './paths';
import { laravelGroupPrefix } from './prefixes';

/** A status a handler answers, and where the code says so. */
export interface HandlerStatus {
  code: number;
  start: number;
  end: number;
  /** Written in the handler, implied by a call's name, or the framework's default for the route. */
  how: 'explicit' | 'implied' | 'default';
  /** Set on the route's declaration (`@HttpCode`, `status_code=`, `@ResponseStatus`): the status of every plain return. */
  onDeclaration?: true;
  /** Resolved from a pending call by the workspace (crossfile.ts): the callee as written and the file declaring the class or helper that decides it. */
  resolvedFrom?: { callee: string; uri: string };
}

/** One route found in code. */
export interface CodeRoute {
  /** Lower-case method. */
  method: string;
  framework: string;
  /** The path as served, prefixes found in this file applied; undefined when not a literal. */
  path?: string;
  /** The path normalised for matching; undefined when it cannot be compared (wildcards, patterns). */
  normal?: NormalPath;
  /** Every prefix in front of the path is known (see the module comment). */
  rooted: boolean;
  /**
   * The application or router variable the route hangs from, as far up as
   * this file's own mounts go: another file may mount it under a prefix
   * (workspace/prefixes.ts). Unset when the route hangs from nothing this
   * file creates, or from a router mounted here in a way we cannot follow.
   * A Laravel route whose groups are all understood hangs from `Route`.
   */
  router?: string;
  /** The route declaration (call, decorator or annotation). */
  start: number;
  end: number;
  /** The handler function, when it is in this file. */
  handler?: { start: number; end: number; name?: string };
  statuses: HandlerStatus[];
  /** Every way out of the handler has a known status (see the module comment). */
  understood: boolean;
  /**
   * Calls and throws of names this file cannot read (a class or helper of
   * another file): the workspace model resolves them (./crossfile.ts). When
   * `understoodOnceResolved` is set, they are all that stands between the
   * handler and `understood`.
   */
  pending?: PendingRef[];
  understoodOnceResolved?: true;
  /** The 200 among the statuses is FastAPI's default, which an explicit success status resolved elsewhere would replace. */
  defaultUnlessSuccess?: true;
}

/** The routes of a code document, once per version; empty when the grammar is not loaded. */
export function routesOf(doc: StylebookDocument, parsers: CodeParsers): CodeRoute[] {
  // A closed file keeps its routes without its tree (workspaceSync.ts): they must not cost a parse.
  if (doc.memo.has('workspace:routes')) return doc.memo.get('workspace:routes') as CodeRoute[];
  const model = codeModel(doc, parsers);
  if (!model) return [];
  return memoize(doc, 'workspace:routes', () => extractRoutes(doc, model));
}

const within = (n: { startIndex: number; endIndex: number }, outer: { startIndex: number; endIndex: number }) =>
  n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;

/**
 * The status sites that start inside `[start, end)`. The sites are sorted
 * once per version and found by binary search: scanning every site of the
 * file for every route made a 500 KB file with 3,000 routes take 17 s.
 */
function sitesBetween(doc: StylebookDocument, model: CodeModel, start: number, end: number): StatusSite[] {
  const sorted = memoize(doc, 'workspace:sites-sorted', () => [...allStatusSites(doc, model)].sort((a, b) => a.node.startIndex - b.node.startIndex));
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid].node.startIndex < start) low = mid + 1;
    else high = mid;
  }
  const out: StatusSite[] = [];
  for (let i = low; i < sorted.length && sorted[i].node.startIndex < end; i++) out.push(sorted[i]);
  return out;
}

/** Every call-like node of a document, once per version (routes, routers and prefix facts all walk them). */
export function fileCalls(doc: StylebookDocument, model: CodeModel): SyntaxNode[] {
  return memoize(doc, 'workspace:calls', () => allCalls(model));
}

/** Every call-like node of the tree (or below `root`), in document order (an explicit stack: deep trees must not overflow). */
export function allCalls(model: CodeModel, root: SyntaxNode = model.tree.rootNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (model.dialect.calls.includes(n.type)) out.push(n);
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c && c.childCount) stack.push(c);
      else if (c && model.dialect.calls.includes(c.type)) out.push(c);
    }
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/** The value of a plain string literal; undefined for anything interpolated or not a string. */
export function stringValue(node: SyntaxNode | undefined): string | undefined {
  if (!node || !/string/.test(node.type)) return undefined;
  const m = /^([A-Za-z@]*)(["'`])([\s\S]*)\2$/.exec(node.text);
  // Python f-strings and C#/PHP interpolated strings (`$"…"`) are not literals.
  if (!m || /[fF$]/.test(m[1])) return undefined;
  // A triple-quoted string reads here as two quotes inside; no route is written that way.
  if (m[3].startsWith(m[2].repeat(2))) return undefined;
  // Template literals and Kotlin strings interpolate `${…}` and `$name`.
  if (/\$\{|\$[A-Za-z_]/.test(m[3]) && (m[2] === '`' || node.type === 'string_literal')) return undefined;
  return m[3];
}

/** The positional and keyed arguments of a call. */
export function argumentsOf(model: CodeModel, call: SyntaxNode): { positional: SyntaxNode[]; keyed: Map<string, SyntaxNode> } {
  const list = argListOf(model.dialect, call);
  const positional: SyntaxNode[] = [];
  const keyed = new Map<string, SyntaxNode>();
  if (!list) return { positional, keyed };
  for (const a of argsOf(model, list)) {
    const key = keyOfArgument(model, a);
    if (key === undefined) { positional.push(model.dialect.argWrappers.includes(a.type) ? (a.namedChild(a.namedChildCount - 1) ?? a) : a); continue; }
    const k = model.dialect.keyed[a.type];
    const value = k?.value ? a.childForFieldName(k.value) : a.namedChild(a.namedChildCount - 1);
    if (value) keyed.set(key, value);
  }
  return { positional, keyed };
}

/**
 * The path argument of a route or prefix declaration: the first positional
 * argument, else the first of `keys`; '' when there are no arguments; undefined
 * when the path is there but not a literal.
 */
function pathArgument(model: CodeModel, call: SyntaxNode, keys: readonly string[], index = 0): string | undefined {
  const { positional, keyed } = argumentsOf(model, call);
  const first = positional[index];
  if (first) return stringValue(first);
  for (const k of keys) if (keyed.has(k)) return stringValue(keyed.get(k));
  return '';
}

/** A router variable: its prefix as far as this file tells, and whether the prefix is complete. */
export interface Binding {
  prefix: string;
  root: boolean;
  /** The variable at the top of this file's chain of mounts above it, whose own place may be set in another file; unset when the chain breaks here. */
  top?: string;
}

/** The applications and routers created (and mounted) in this file, by variable name, once per version. */
export function routerBindings(doc: StylebookDocument, model: CodeModel): Map<string, Binding> {
  return memoize(doc, 'workspace:bindings', () => bindings(model, fileCalls(doc, model), echoPaths(model)));
}

/** True when the file's groups join paths as Echo does (by concatenation, see `underPrefix`). */
function echoPaths(model: CodeModel): boolean {
  return model.dialect.id === 'go' && ECHO_IMPORT.test(model.text);
}

/**
 * A path under a router's prefix: Echo concatenates the two as written (so a
 * group's prefix keeps its trailing slash until a route is added), every other
 * framework puts a slash between.
 */
function underPrefix(prefix: string, own: string, concatenates: boolean): string {
  return concatenates ? prefix + own : joinPaths(prefix, own);
}

/** The applications and routers created (and mounted) in this file, by variable name. */
function bindings(model: CodeModel, calls: SyntaxNode[], concatenates: boolean): Map<string, Binding> {
  const id = model.dialect.id;
  const out = new Map<string, Binding>();
  // A name bound to two different routers in the file (`var api = app.MapGroup("a")` in one method, `"b"` in another) cannot tell whose routes are whose: they keep their own paths.
  const twice = new Set<string>();
  const bind = (name: string, b: Binding) => {
    const was = out.get(name);
    if (twice.has(name) || (was && (was.prefix !== b.prefix || was.root !== b.root || was.top !== b.top))) { twice.add(name); out.set(name, { prefix: '', root: false }); return; }
    out.set(name, b);
  };
  for (const call of calls) {
    const name = assignedName(call);
    if (!name) continue;
    const callee = calleeOf(model, call).text;
    for (const f of FACTORIES) {
      if (!f.dialects.includes(id)) continue;
      const m = f.callee.exec(callee);
      if (!m) continue;
      if (f.group) {
        const parent = out.get(m[1]);
        const own = pathArgument(model, call, []);
        // A group path that is not a literal (`r.Group(baseURL)`), here or in a parent group, leaves its routes without a path we can compare.
        if (own === undefined || parent?.prefix === '\u0000') { bind(name, { prefix: '\u0000', root: false }); break; }
        bind(name, parent ? { prefix: underPrefix(parent.prefix, own, concatenates), root: parent.root, ...(parent.top ? { top: parent.top } : {}) } : { prefix: own, root: false });
      } else {
        const own = f.prefixKey ? optionOf(model, call, f.prefixKey) : undefined;
        const prefix = own ? stringValue(own) : '';
        // A prefix that is not a literal leaves the router's routes without a path we can compare.
        if (prefix === undefined) { bind(name, { prefix: '\u0000', root: false }); break; }
        bind(name, { prefix, root: f.root, top: name });
      }
      break;
    }
  }
  // Mounts in this file: a router mounted exactly once takes its parent's prefix and rootedness.
  const mounts = new Map<string, { parent: string; path: string | undefined; replaces: boolean }[]>();
  for (const call of calls) {
    const callee = calleeOf(model, call).text;
    for (const r of MOUNTS) {
      if (!r.dialects.includes(id)) continue;
      const m = r.callee.exec(callee);
      if (!m) continue;
      const { positional, keyed } = argumentsOf(model, call);
      const router = positional[r.routerArg];
      if (!router || !/identifier/.test(router.type)) break;
      const path = 'arg' in r.path ? stringValue(positional[r.path.arg]) : keyed.has(r.path.key) ? stringValue(keyed.get(r.path.key)) : '';
      if ('arg' in r.path && !positional[r.path.arg]) break;
      const list = mounts.get(router.text) ?? [];
      list.push({ parent: m[1], path, replaces: !!r.replaces });
      mounts.set(router.text, list);
      break;
    }
  }
  // Each pass resolves one more level of nesting, always from the routers' own prefixes.
  const own = new Map(out);
  for (let pass = 0; pass < 3; pass++) {
    for (const [router, list] of mounts) {
      const mine = own.get(router);
      if (!mine || twice.has(router)) continue;
      const { parent, path, replaces } = list[0];
      const p = out.get(parent);
      if (list.length !== 1 || !p || path === undefined || mine.prefix === '\u0000') { out.set(router, { prefix: mine.prefix, root: false }); continue; }
      out.set(router, { prefix: joinPaths(p.prefix, path, replaces && path ? '' : mine.prefix), root: p.root, ...(p.top ? { top: p.top } : {}) });
    }
  }
  return out;
}

/** A factory's option: a keyword argument (Python), or a property of the first argument's object (`new Router({ prefix: '/api' })`). */
function optionOf(model: CodeModel, call: SyntaxNode, key: string): SyntaxNode | undefined {
  const { positional, keyed } = argumentsOf(model, call);
  if (keyed.has(key)) return keyed.get(key);
  const options = positional[0];
  if (options?.type !== 'object') return undefined;
  for (let i = 0; i < options.namedChildCount; i++) {
    const pair = options.namedChild(i)!;
    const k = pair.childForFieldName('key');
    if (pair.type === 'pair' && k && (k.text === key || stringValue(k) === key)) return pair.childForFieldName('value') ?? undefined;
    // A spread may hold the option: its value cannot be read.
    if (pair.type === 'spread_element') return pair;
  }
  return undefined;
}

/** True when two handles are the same node (the grammar makes a new handle on every access). */
export const sameNode = (a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined) =>
  !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

/** The name routes.ts gives a router that a module exports as its default without a variable. */
export const DEFAULT_EXPORT = '\u0000default';

/**
 * The outermost call of a JavaScript chain that hands the router on
 * (`Router().use(a).use(b)`: Express's `use` and route methods return the
 * router itself), so that the chain's variable names the router its first
 * call made. `route('/x')` returns a route, not the router, and ends a chain.
 */
export function chainEnd(call: SyntaxNode): SyntaxNode {
  let n = call;
  for (;;) {
    const member = n.parent;
    const outer = member?.parent;
    if (member?.type !== 'member_expression' || outer?.type !== 'call_expression' || !sameNode(outer.childForFieldName('function'), member)) return n;
    if (!/^(?:use|all|get|post|put|patch|delete|head|options)$/.test(member.childForFieldName('property')?.text ?? '')) return n;
    n = outer;
  }
}

/** The variable a call's result is assigned to (`router = APIRouter()`, `const app = express()`, `v1 := r.Group("/v1")`). */
export function assignedName(call: SyntaxNode): string | undefined {
  call = aspNetChainEnd(chainEnd(call));
  let p = call.parent;
  if (p?.type === 'equals_value_clause') p = p.parent;
  if (p?.type === 'await_expression') p = p.parent;
  if (!p) return undefined;
  if (p.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  // `export default Router().use('/api', api)`: the module's default export is the router.
  if (p.type === 'export_statement' && sameNode(p.childForFieldName('value'), call)) return DEFAULT_EXPORT;
  if (p.type === 'assignment' || p.type === 'assignment_expression') {
    const left = p.childForFieldName('left');
    return left && /identifier/.test(left.type) ? left.text : undefined;
  }
  if (p.type === 'expression_list' && (p.parent?.type === 'short_var_declaration' || p.parent?.type === 'assignment_statement')) {
    const left = p.parent.childForFieldName('left');
    return left && left.namedChildCount === 1 ? left.namedChild(0)!.text : undefined;
  }
  return undefined;
}

/** The outermost call of a C# chain of endpoint conventions (`app.MapGroup("api").HasApiVersion(1.0)`), which return the builder they are called on. */
function aspNetChainEnd(call: SyntaxNode): SyntaxNode {
  let n = call;
  for (;;) {
    const member = n.parent;
    const outer = member?.parent;
    if (member?.type !== 'member_access_expression' || outer?.type !== 'invocation_expression' || !sameNode(member.childForFieldName('expression'), n)) return n;
    if (!ASPNET_CONVENTIONS.test(member.childForFieldName('name')?.text ?? '')) return n;
    n = outer;
  }
}

/** The class around a function, if any. */
function enclosingClass(fn: SyntaxNode): SyntaxNode | undefined {
  for (let n = fn.parent; n; n = n.parent) if (/^class_declaration$|^class_definition$|^class$/.test(n.type)) return n;
  return undefined;
}

/** The prefix a class's decorator gives its routes ('' without one; undefined when not a literal). */
function classPrefix(model: CodeModel, fn: SyntaxNode): string | undefined {
  const cls = enclosingClass(fn);
  if (!cls) return '';
  // TypeScript puts the decorators of an exported class on the export statement.
  const decorators = decoratorsOf(model, cls);
  if (cls.parent?.type === 'export_statement') {
    for (let i = 0; i < cls.parent.namedChildCount; i++) {
      const c = cls.parent.namedChild(i);
      if (c && model.dialect.decorators.includes(c.type)) decorators.push(c);
    }
  }
  for (const dec of decorators) {
    const call = decoratorCall(model, dec);
    const callee = calleeOf(model, call).text;
    const rule = CLASS_PREFIXES.find((r) => r.dialects.includes(model.dialect.id) && r.callee.test(callee));
    if (!rule) continue;
    const path = pathArgument(model, call, rule.keys);
    if (path === undefined) return undefined;
    return aspNetTokens(path, cls, fn);
  }
  return '';
}

/** ASP.NET's `[controller]` and `[action]` tokens, replaced as the framework does. */
function aspNetTokens(path: string, cls: SyntaxNode | undefined, fn: SyntaxNode): string {
  const className = cls?.childForFieldName('name')?.text ?? '';
  return path
    .replace(/\[controller\]/gi, className.replace(/Controller$/, ''))
    .replace(/\[action\]/gi, fn.childForFieldName('name')?.text ?? '');
}

/** The function a route call hands its request to: an inline function, or one declared by name in this file. */
function handlerOfCall(model: CodeModel, call: SyntaxNode, positional: SyntaxNode[]): SyntaxNode | undefined {
  const last = positional[positional.length - 1];
  if (!last) return undefined;
  if (model.dialect.functions.includes(last.type)) return last;
  if (!/identifier/.test(last.type)) return undefined;
  return functionNamed(model, last.text, call);
}

/** A top-level function of this name (a declaration, or a variable holding an arrow function). */
function functionNamed(model: CodeModel, name: string, not: SyntaxNode): SyntaxNode | undefined {
  const root = model.tree.rootNode;
  let found: SyntaxNode | undefined;
  for (let i = 0; i < root.namedChildCount; i++) {
    let n = root.namedChild(i);
    if (n?.type === 'export_statement') n = n.namedChild(n.namedChildCount - 1);
    if (!n || within(not, n)) continue;
    if (model.dialect.functions.includes(n.type) && n.childForFieldName('name')?.text === name) found = found ? undefined : n;
    if (n.type === 'lexical_declaration' || n.type === 'variable_declaration') {
      for (let j = 0; j < n.namedChildCount; j++) {
        const d = n.namedChild(j);
        const v = d?.childForFieldName('value');
        if (d?.childForFieldName('name')?.text === name && v && model.dialect.functions.includes(v.type)) found = v;
      }
    }
  }
  return found;
}

/** A router whose prefix this file does not tell: its routes keep their own path and are matched by how it ends. */
const UNPLACED: Binding = { prefix: '', root: false };

/**
 * The router a route call's receiver stands for. Bindings are read by name
 * across the file, so a receiver that is a parameter of the function around
 * the call is not the variable of that name elsewhere in the file (go-vikunja's
 * `registerAPIRoutes(a *echo.Group)` is called with the v1 group and another
 * function's `a` with the v2 group): it is what this file's calls of the
 * function pass, when they all pass the same router, and unplaced otherwise.
 */
function receiverBinding(model: CodeModel, call: SyntaxNode, receiver: string, routers: Map<string, Binding>, calls: SyntaxNode[], depth = 0): Binding | undefined {
  const fn = enclosingFunction(model, call);
  const index = fn ? parameterIndex(model, fn, receiver) : -1;
  if (index < 0) return routers.get(receiver);
  const name = fn ? functionName(fn) : undefined;
  if (!name || depth > 2) return UNPLACED;
  let found: Binding | undefined;
  let sites = 0;
  for (const c of calls) {
    if (calleeOf(model, c).text !== name) continue;
    sites++;
    const arg = argumentsOf(model, c).positional[index];
    const b = arg && /identifier/.test(arg.type) ? receiverBinding(model, c, arg.text, routers, calls, depth + 1) : undefined;
    if (!b || (found && (found.prefix !== b.prefix || found.root !== b.root || found.top !== b.top))) return UNPLACED;
    found = b;
  }
  return sites ? found : UNPLACED;
}

/** The position of a parameter named `name` among a function's parameters, or -1. */
function parameterIndex(model: CodeModel, fn: SyntaxNode, name: string): number {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return -1;
  if (params.type === 'identifier') return params.text === name ? 0 : -1;
  let index = 0;
  for (let i = 0; i < params.namedChildCount; i++) {
    const p = params.namedChild(i)!;
    if (p.type === 'comment') continue;
    // Go declares several names with one type (`a, b *echo.Group`); elsewhere a parameter's first identifier is its name.
    const names: string[] = [];
    if (p.type === 'identifier') names.push(p.text);
    else {
      for (let j = 0; j < p.namedChildCount; j++) {
        const c = p.namedChild(j)!;
        if (c.type !== 'identifier') continue;
        names.push(c.text);
        if (model.dialect.id !== 'go') break;
      }
    }
    if (!names.length) names.push('');
    for (const n of names) {
      if (n === name) return index;
      index++;
    }
  }
  return -1;
}

/** The name a function is called by in this file: its own, or the variable it is assigned to. */
function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const holder = fn.parent;
  return holder?.type === 'variable_declarator' ? holder.childForFieldName('name')?.text : undefined;
}

function extractRoutes(doc: StylebookDocument, model: CodeModel): CodeRoute[] {
  const calls = fileCalls(doc, model);
  const concatenates = echoPaths(model);
  const routers = routerBindings(doc, model);
  const fastApi = model.dialect.id === 'python' && FASTAPI_IMPORT.test(model.text);
  const out: CodeRoute[] = [];
  for (const call of calls) {
    const site = routeOf(model, call);
    if (!site) continue;
    const isDecorator = model.dialect.decorators.includes(call.type) || (!!call.parent && model.dialect.decorators.includes(call.parent.type));
    const callee = calleeOf(model, call).text;
    const receiver = /^(\w+)\.\w+$/.exec(callee)?.[1];
    const { positional } = argumentsOf(model, call);
    let path: string | undefined;
    let fn: SyntaxNode | undefined;
    let rooted = false;
    let router: string | undefined;
    let middleware = false;
    let decorators: SyntaxNode[] = [];
    if (isDecorator) {
      const dec = model.dialect.decorators.includes(call.type) ? call : call.parent!;
      fn = decoratedFunction(model, dec);
      if (!fn) continue;
      decorators = decoratorsOf(model, fn);
      let own = pathArgument(model, call, ['path', 'value', 'template']);
      // ASP.NET: `[HttpGet]` with a `[Route("…")]` on the method takes the route's template.
      if (own === '' && model.dialect.id === 'csharp') {
        for (const d of decorators) {
          const c = decoratorCall(model, d);
          if (/^Route$/.test(calleeOf(model, c).text)) own = pathArgument(model, c, ['template']);
        }
      }
      if (own !== undefined && model.dialect.id === 'csharp') own = aspNetTokens(own, enclosingClass(fn), fn);
      const binding = receiver ? receiverBinding(model, call, receiver, routers, calls) : undefined;
      router = binding?.top;
      if (binding) {
        rooted = binding.root;
        path = own === undefined || binding.prefix === '\u0000' ? undefined : joinPaths(binding.prefix, own);
      } else {
        // An ASP.NET template starting with `/` or `~/` ignores the class's prefix.
        const absolute = model.dialect.id === 'csharp' && own !== undefined && /^~?\//.test(own);
        const prefix = absolute ? '' : classPrefix(model, fn);
        path = own === undefined || prefix === undefined ? undefined : joinPaths(prefix, own.replace(/^~/, ''));
      }
    } else {
      if (model.dialect.id === 'ruby') continue; // Rails routes live in routes.rb, apart from their actions.
      let own = stringValue(positional[0]);
      if (own !== undefined && site.framework === 'net/http') own = own.replace(/^[A-Z]+\s+/, '');
      fn = handlerOfCall(model, call, positional);
      middleware = positional.length > 2;
      const binding = receiver ? receiverBinding(model, call, receiver, routers, calls) : undefined;
      router = binding?.top;
      rooted = !!binding?.root;
      path = own === undefined || binding?.prefix === '\u0000' ? undefined : joinPaths(underPrefix(binding?.prefix ?? '', own, concatenates));
      if (site.framework === 'Laravel' && path !== undefined) {
        // Laravel's route groups; a route whose groups are all read hangs from its route file (prefixes.ts).
        const group = laravelGroupPrefix(model, call);
        if (group !== undefined) { path = joinPaths(group, path); router = 'Route'; }
      }
    }
    const normal = path !== undefined ? normalisePath(path) : undefined;
    const statuses = fn ? handlerStatuses(doc, model, fn, decorators, site.method, site.framework, fastApi, call) : [];
    // Where a plain return answers the framework's default, that default must be among the statuses, and nothing else may answer it.
    const defaulted = statuses.some((s) => s.how === 'default' || s.onDeclaration);
    const explicitSuccess = statuses.some((s) => s.how !== 'default' && !s.onDeclaration && s.code >= 200 && s.code < 300);
    const plainReturnsKnown = !RETURN_ANSWERS.includes(model.dialect.id) || (defaulted && !(fastApi && explicitSuccess));
    const unread: SyntaxNode[] = [];
    const known = !!fn && handlerUnderstood(doc, model, fn, plainReturnsKnown, unread) && !middleware && (model.dialect.id !== 'python' || fastApi);
    const understood = known && !!statuses.length && !unread.length;
    const pending: ReturnType<typeof crossFileFields> = fn && unread.length ? crossFileFields(model, fn, unread, known) : {};
    if (pending.pending && fastApi && statuses.some((s) => s.how === 'default')) pending.defaultUnlessSuccess = true;
    // Flask's `methods=['GET', 'DELETE']` declares one route per method, answered by the same handler.
    const methods = isDecorator && model.dialect.id === 'python' ? listedMethods(model, call) ?? [site.method] : [site.method];
    for (const method of methods) out.push({
      method, framework: site.framework,
      ...(path !== undefined ? { path } : {}), ...(normal ? { normal } : {}),
      rooted, ...(router !== undefined && path !== undefined ? { router } : {}), start: site.start, end: site.end,
      ...(fn ? { handler: { start: fn.startIndex, end: fn.endIndex, ...(fn.childForFieldName('name') ? { name: fn.childForFieldName('name')!.text } : {}) } } : {}),
      statuses, understood, ...pending,
    });
  }
  return out;
}

/** A method read as a handler with no route declaration of its own (a Spring controller's method implementing a generated interface). */
export function readHandler(doc: StylebookDocument, model: CodeModel, fn: SyntaxNode): Pick<CodeRoute, 'statuses' | 'understood' | 'pending' | 'understoodOnceResolved'> {
  const statuses = handlerStatuses(doc, model, fn, decoratorsOf(model, fn), '', 'Spring', false, fn);
  const plainReturnsKnown = !RETURN_ANSWERS.includes(model.dialect.id) || statuses.some((s) => s.onDeclaration);
  const unread: SyntaxNode[] = [];
  const known = handlerUnderstood(doc, model, fn, plainReturnsKnown, unread);
  return { statuses, understood: known && !!statuses.length && !unread.length, ...(unread.length ? crossFileFields(model, fn, unread, known) : {}) };
}

/** A status code worth reporting: registered, or at least in a status class. */
const isStatus = (v: number) => !!statusInfo(v) || !!statusClass(v);

/** The statuses a handler answers: its status sites, implied calls, and the framework's default for the route. */
function handlerStatuses(
  doc: StylebookDocument, model: CodeModel, fn: SyntaxNode, decorators: SyntaxNode[], method: string, framework: string, fastApi: boolean, routeCall: SyntaxNode,
): HandlerStatus[] {
  const out: HandlerStatus[] = [];
  const inDecorators = (n: SyntaxNode) => decorators.some((d) => within(n, d));
  let decoratorStatus = false;
  let explicitSuccess = false;
  // Java and C# keep a method's annotations inside the method node.
  const body = fn.childForFieldName('body') ?? fn;
  // Every site that counts lies in the handler, its decorators or the route's call: only that span is searched.
  const spans = [fn, routeCall, ...decorators];
  const from = Math.min(...spans.map((n) => n.startIndex));
  const to = Math.max(...spans.map((n) => n.endIndex));
  for (const s of sitesBetween(doc, model, from, to)) {
    if (!s.rule || !isStatus(s.value)) continue;
    const inBody = within(s.node, body);
    const onDecorator = !inBody && (inDecorators(s.node) || within(s.node, routeCall) || within(s.node, fn));
    if (!inBody && !onDecorator) continue;
    if (s.slot?.kind === 'arg' && DOCUMENTING_CALLEES.test(s.slot.callee)) continue;
    if (onDecorator) decoratorStatus = true;
    else if (s.value >= 200 && s.value < 300) explicitSuccess = true;
    out.push({ code: s.value, start: s.node.startIndex, end: s.node.endIndex, how: 'explicit', ...(onDecorator ? { onDeclaration: true as const } : {}) });
  }
  for (const call of allCalls(model, fn)) {
    const implied = impliedStatusOf(model, call);
    if (implied) out.push({ code: implied.code, start: implied.start, end: implied.end, how: 'implied' });
  }
  // A framework's own default, only where it holds on every normal return.
  const defaultAt = { start: routeCall.startIndex, end: calleeOf(model, routeCall).end };
  if (framework === 'NestJS' && !decoratorStatus && !/@(?:Res|Response|Next)\(/.test(model.text.slice(fn.startIndex, fn.endIndex))) {
    out.push({ code: method === 'post' ? 201 : 200, ...defaultAt, how: 'default' });
  }
  if (fastApi && framework === 'Flask / FastAPI' && !decoratorStatus && !explicitSuccess) {
    out.push({ code: 200, ...defaultAt, how: 'default' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * True when every way out of the handler has a known status: every call in
 * it sets a known status, implies one, or only writes the response, and every
 * throw throws one of those. Any other call (a service, a database, `next`)
 * may answer anything, so the handler is then not fully understood.
 */
function handlerUnderstood(doc: StylebookDocument, model: CodeModel, fn: SyntaxNode, plainReturnsKnown: boolean, unread: SyntaxNode[]): boolean {
  const writer = RESPONSE_WRITERS[model.dialect.id];
  // Every call is looked at even once the answer is no, so that the unread ones still give their statuses (./crossfile.ts).
  let known = !!writer;
  const siteCalls = new Set<number>();
  for (const s of sitesBetween(doc, model, fn.startIndex, fn.endIndex)) {
    if (s.rule && s.slot?.kind === 'arg' && within(s.node, fn)) siteCalls.add(s.slot.call.startIndex);
  }
  for (const call of allCalls(model, fn)) {
    if (siteCalls.has(call.startIndex) || impliedStatusOf(model, call)) continue;
    if (writer?.test(calleeOf(model, call).text)) continue;
    // A call-like node that is a decorator or annotation of a parameter (`@Param('id')`) answers nothing.
    if (model.dialect.decorators.includes(call.type) || (call.parent && model.dialect.decorators.includes(call.parent.type))) continue;
    // A call by a plain or dotted name may be a class or helper of another file: the workspace model reads it (./crossfile.ts).
    if (READABLE_NAME.test(calleeOf(model, call).text)) unread.push(call);
    else known = false;
  }
  // A throw of anything but a call (`throw err`, a bare `raise`) may carry any status; so may
  // a plain return where the return value is the response and no default status is known.
  const stack: SyntaxNode[] = [fn];
  while (stack.length) {
    const n = stack.pop()!;
    if (/^(?:throw_statement|raise_statement|throw_expression)$/.test(n.type)) {
      const thrown = n.namedChild(0);
      // Python raises a class by name too (`raise NotFound`): another file may say what it answers.
      if (thrown && model.dialect.raises.includes(n.type) && /^[A-Za-z_][\w.]*$/.test(thrown.text)) unread.push(thrown);
      else if (!thrown || !model.dialect.calls.includes(thrown.type)) known = false;
    }
    // Java's `.orElseThrow(UserNotFound::new)` throws the class it names.
    if (n.type === 'method_reference' && /^[A-Za-z_][\w.]*::new$/.test(n.text) && /(?:^|\.)orElseThrow$/.test(n.parent?.parent ? calleeOf(model, n.parent.parent).text : '')) unread.push(n);
    if (!plainReturnsKnown && n.type === 'return_statement') {
      const value = n.namedChild(0);
      if (value && !model.dialect.calls.includes(value.type)) known = false;
    }
    for (let i = 0; i < n.namedChildCount; i++) stack.push(n.namedChild(i)!);
  }
  return known;
}


/** A callee another file may define: a name, a name in a module or class (`errors.NotFound`), or a method of the handler's own class (`this.respondError`). */
const READABLE_NAME = /^(?:\$?[A-Za-z_][\w$]*\.)?[A-Za-z_$][\w$]*$/;

/** The unread calls of a handler as plain data, for the workspace model to resolve across files. */
function crossFileFields(model: CodeModel, fn: SyntaxNode, unread: SyntaxNode[], known: boolean): Pick<CodeRoute, 'pending' | 'understoodOnceResolved' | 'defaultUnlessSuccess'> {
  const cls = enclosingClass(fn)?.childForFieldName('name')?.text;
  return { pending: unread.map((n) => pendingRef(model, n, cls)), ...(known ? { understoodOnceResolved: true as const } : {}) };
}

/** The methods a `methods=[…]` option lists (lower-case), or undefined when there is no such list of literals. */
function listedMethods(model: CodeModel, call: SyntaxNode): string[] | undefined {
  const list = argumentsOf(model, call).keyed.get('methods');
  if (!list || list.namedChildCount === 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < list.namedChildCount; i++) {
    const m = stringValue(list.namedChild(i)!);
    if (!m || !/^(?:get|post|put|patch|delete|head|options)$/i.test(m)) return undefined;
    out.push(m.toLowerCase());
  }
  return [...new Set(out)];
}
