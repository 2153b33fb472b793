/**
 * Route prefixes set outside the route's own file: an Express router
 * mounted by another module (`app.use('/api/users', require('./routes/users'))`),
 * NestJS's `app.setGlobalPrefix('api')` in main.ts, Spring's
 * `server.servlet.context-path` in application.properties, and Laravel's
 * convention that routes/api.php is served under /api.
 *
 * Two steps, kept apart so that an edit re-reads only its own file. First,
 * each file yields its facts (`prefixFactsOf`): plain JSON data (imports,
 * exports, mounts, routers, a global prefix, a context path), memoised per
 * document version, computed from that file's syntax tree or text alone.
 * Second, `PrefixLinks` joins the facts of every file of the workspace and
 * answers, for one route, the prefix in front of its path and whether that
 * prefix is now complete. Linking reads only facts, never another file's
 * tree, so it is cheap to redo whenever any file changes.
 *
 * Precision comes first: a prefix is applied only when exactly one way to
 * reach the route is known (a router mounted once, with a literal path, up a
 * chain of such mounts); anything else leaves the route as routes.ts found
 * it, matched by how its path ends.
 */
import type { StylebookDocument } from '../document';
import { memoize } from '../document';
import { parseYaml } from '../parse/yaml';
import type { AstNode } from '../parse/ast';
import { argListOf, argsOf, calleeOf, codeModel, type CodeModel } from '../code/sites';
import type { CodeParsers, SyntaxNode } from '../code/syntax';
import { joinPaths, normalisePath, samePath } from './paths';
import { argumentsOf, assignedName, fileCalls, DEFAULT_EXPORT, routerBindings, sameNode, stringValue, type CodeRoute } from './routes';

/** An export of another module, named by the specifier the importing file wrote. */
export interface ModuleRef {
  from: string;
  /** The export's name: `default` for `module.exports = x`, `export default x` and a whole `require(…)`. */
  name: string;
}

/** A mount call: a router (a variable of this file, or another module's export) mounted on a parent of this file. */
export interface MountFact {
  /** The parent's variable; '' when the parent is not a plain variable (`this.app.use(…)`). */
  parent: string;
  /** The mount's path ('' for none); null when it is not a literal. */
  path: string | null;
  child: string | ModuleRef;
}

/** What a JavaScript, TypeScript or Python module tells about its routers. */
export interface ModuleFacts {
  /** Local variables bound to another module's export. */
  imports: Record<string, ModuleRef>;
  /** Exported name → the local variable it exports. */
  exports: Record<string, string>;
  mounts: MountFact[];
  /** The routers and applications created here (routes.ts `routerBindings`): prefix below `top`, whether `top` serves at the root. */
  routers: Record<string, { prefix: string; root: boolean; top?: string }>;
}

/** A NestJS bootstrap file (one that calls `NestFactory.create`). */
export interface NestFacts {
  /** `setGlobalPrefix`'s path ('' when it is not called); null when not a literal. */
  globalPrefix: string | null;
  /** Routes `exclude` keeps outside the global prefix; null when the list cannot be read. */
  exclude: { path: string; method?: string }[] | null;
  /** `enableVersioning` is called: a version segment may come before routes. */
  versioning: boolean;
}

/** The facts of one file that prefixes set in other files depend on. */
export interface PrefixFacts {
  js?: ModuleFacts;
  /** Python modules name each other by dotted names (`app.api.routes`, `.users`). */
  py?: ModuleFacts;
  nest?: NestFacts;
  /**
   * The file prefixes NestJS routes where we do not follow it: `RouterModule`
   * (which prefixes whole modules), or `setGlobalPrefix`/`enableVersioning`
   * called outside the bootstrap file (a shared `configureApp(app)`).
   */
  nestElsewhere?: true;
  /** Spring Boot configuration: the servlet context path and the dispatcher's path; null when set but not a literal. */
  spring?: { contextPath?: string | null; servletPath?: string | null };
  /** Laravel: the route files this file loads (a RouteServiceProvider, bootstrap/app.php), with the prefix of each; null when not a literal. */
  laravel?: { file: string; prefix: string | null }[];
}

/** Spring Boot's configuration files of the default profile, which the workspace model keeps beside code and specs. */
const SPRING_CONFIG = /\/src\/main\/resources\/application\.(?:properties|ya?ml)$/;

/** True when a uri names a configuration file whose facts set route prefixes (see `PrefixFacts.spring`). */
export function isPrefixConfig(uri: string): boolean {
  return SPRING_CONFIG.test(uri);
}

const FACTS_KEY = 'workspace:prefix-facts';

/** The prefix facts of one document, once per version (empty when its grammar is not loaded yet). */
export function prefixFactsOf(doc: StylebookDocument, parsers: CodeParsers): PrefixFacts {
  // Kept when a closed file's syntax tree is dropped: look before asking for a model, which would parse again.
  if (doc.memo.has(FACTS_KEY)) return doc.memo.get(FACTS_KEY) as PrefixFacts;
  if (isPrefixConfig(doc.textDocument.uri)) return memoize(doc, FACTS_KEY, () => ({ spring: springFacts(doc.textDocument.uri, doc.textDocument.getText()) }));
  if (doc.kind !== 'code') return {};
  const model = codeModel(doc, parsers);
  if (!model) return {};
  return memoize(doc, FACTS_KEY, () => codeFacts(doc, model));
}

function codeFacts(doc: StylebookDocument, model: CodeModel): PrefixFacts {
  const out: PrefixFacts = {};
  if (model.dialect.id === 'js') {
    out.js = jsFacts(doc, model);
    // `create` only: a microservice or an application context serves no HTTP routes.
    if (/\bNestFactory\s*\.\s*create\s*[<(]/.test(model.text)) out.nest = nestFacts(doc, model);
    if (/\bRouterModule\s*\.\s*(?:register|forRoutes)\s*\(/.test(model.text)) out.nestElsewhere = true;
    if (!out.nest && /\.\s*(?:setGlobalPrefix|enableVersioning)\s*\(/.test(model.text)) out.nestElsewhere = true;
  }
  if (model.dialect.id === 'python') out.py = pyFacts(doc, model);
  if (model.dialect.id === 'php') {
    const files = laravelRouteFiles(model.text);
    if (files.length) out.laravel = files;
  }
  return out;
}

/** The named children of a node. */
function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < n.namedChildCount; i++) out.push(n.namedChild(i)!);
  return out;
}

// ---------------------------------------------------------------- JavaScript

/** The specifier of `require("./users")`, or undefined when the node is not such a call. */
function requireOf(n: SyntaxNode | null | undefined): string | undefined {
  if (n?.type !== 'call_expression' || n.childForFieldName('function')?.text !== 'require') return undefined;
  const args = n.childForFieldName('arguments');
  return args?.namedChildCount === 1 ? stringValue(args.namedChild(0)!) : undefined;
}

/** A module reference a value expression stands for: `require("./users")`, `require("./routes").users`. */
function moduleRefOf(n: SyntaxNode | null | undefined): ModuleRef | undefined {
  const whole = requireOf(n);
  if (whole !== undefined) return { from: whole, name: 'default' };
  if (n?.type === 'member_expression') {
    const from = requireOf(n.childForFieldName('object'));
    const prop = n.childForFieldName('property')?.text;
    if (from !== undefined && prop) return { from, name: prop };
  }
  return undefined;
}

function jsFacts(doc: StylebookDocument, model: CodeModel): ModuleFacts {
  const imports: Record<string, ModuleRef> = {};
  const exports: Record<string, string> = {};
  const root = model.tree.rootNode;
  const declare = (decl: SyntaxNode) => {
    for (let j = 0; j < decl.namedChildCount; j++) {
      const d = decl.namedChild(j)!;
      if (d.type !== 'variable_declarator') continue;
      const name = d.childForFieldName('name');
      const value = d.childForFieldName('value');
      if (!name) continue;
      if (name.type === 'identifier') {
        const ref = moduleRefOf(value);
        if (ref) imports[name.text] = ref;
      } else if (name.type === 'object_pattern') {
        // `const { users, items: itemsRouter } = require('./routes')`
        const from = requireOf(value);
        if (from === undefined) continue;
        for (let k = 0; k < name.namedChildCount; k++) {
          const p = name.namedChild(k)!;
          if (p.type === 'shorthand_property_identifier_pattern') imports[p.text] = { from, name: p.text };
          else if (p.type === 'pair_pattern' && p.childForFieldName('value')?.type === 'identifier') imports[p.childForFieldName('value')!.text] = { from, name: p.childForFieldName('key')!.text };
        }
      }
    }
  };
  for (let i = 0; i < root.namedChildCount; i++) {
    const st = root.namedChild(i)!;
    if (st.type === 'import_statement') {
      const from = stringValue(st.childForFieldName('source') ?? undefined);
      const clause = kids(st).find((c) => c.type === 'import_clause');
      if (from === undefined || !clause) continue;
      for (const c of kids(clause)) {
        if (c.type === 'identifier') imports[c.text] = { from, name: 'default' };
        else if (c.type === 'namespace_import') { const id = kids(c).find((x) => x.type === 'identifier'); if (id) imports[id.text] = { from, name: '*' }; }
        else if (c.type === 'named_imports') {
          for (const s of kids(c)) {
            if (s.type !== 'import_specifier') continue;
            const name = s.childForFieldName('name')?.text;
            const alias = s.childForFieldName('alias')?.text ?? name;
            if (name && alias) imports[alias] = { from, name };
          }
        }
      }
    } else if (st.type === 'lexical_declaration' || st.type === 'variable_declaration') {
      declare(st);
    } else if (st.type === 'expression_statement') {
      // `module.exports = router`, `module.exports = { a, b: c }`, `exports.name = router`, `module.exports.name = router`.
      const a = st.namedChild(0);
      if (a?.type !== 'assignment_expression') continue;
      const left = a.childForFieldName('left')?.text.replace(/\s+/g, '');
      const right = a.childForFieldName('right');
      if (!left || !right) continue;
      if (left === 'module.exports') {
        if (right.type === 'identifier') exports.default = right.text;
        else if (right.type === 'object') {
          for (const p of kids(right)) {
            if (p.type === 'shorthand_property_identifier') exports[p.text] = p.text;
            else if (p.type === 'pair' && p.childForFieldName('value')?.type === 'identifier') exports[p.childForFieldName('key')!.text.replace(/^['"]|['"]$/g, '')] = p.childForFieldName('value')!.text;
          }
        } else {
          // `module.exports = require('./users')` re-exports another module whole.
          const ref = moduleRefOf(right);
          if (ref) { imports['\u0000default'] = ref; exports.default = '\u0000default'; }
        }
      } else {
        const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(left);
        if (m && right.type === 'identifier') exports[m[1]] = right.text;
      }
    } else if (st.type === 'export_statement') {
      const from = stringValue(st.childForFieldName('source') ?? undefined);
      const value = st.childForFieldName('value');
      const declaration = st.childForFieldName('declaration');
      const clause = kids(st).find((c) => c.type === 'export_clause');
      if (value?.type === 'identifier') exports.default = value.text; // `export default router`, TypeScript's `export = router`
      else if (value?.type === 'call_expression') exports.default = DEFAULT_EXPORT; // a router made in the export itself (see routes.ts `assignedName`)
      else if (declaration && (declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration')) {
        declare(declaration);
        for (const d of kids(declaration)) {
          const name = d.type === 'variable_declarator' ? d.childForFieldName('name') : undefined;
          if (name?.type === 'identifier') exports[name.text] = name.text;
        }
      } else if (clause) {
        for (const s of kids(clause)) {
          if (s.type !== 'export_specifier') continue;
          const name = s.childForFieldName('name')?.text;
          const alias = s.childForFieldName('alias')?.text ?? name;
          if (!name || !alias) continue;
          if (from !== undefined) {
            // `export { default as users } from './users'`: a re-export, followed through the other module.
            imports[`\u0000${alias}`] = { from, name };
            exports[alias] = `\u0000${alias}`;
          } else exports[alias] = name;
        }
      } else if (!value && !declaration && st.text.trim().startsWith('export =')) {
        const id = kids(st).find((c) => c.type === 'identifier');
        if (id) exports.default = id.text;
      }
    }
  }
  const routers: ModuleFacts['routers'] = {};
  for (const [name, b] of routerBindings(doc, model)) {
    // A prefix that is not a literal is kept out: nothing mounted below it gets a path.
    if (b.prefix !== '\u0000') routers[name] = { prefix: b.prefix, root: b.root, ...(b.top ? { top: b.top } : {}) };
  }
  return { imports, exports, mounts: jsMounts(doc, model, imports, routers), routers };
}

/**
 * The mounts of a module: `x.use([path,] …routers)` and Hono's
 * `x.route(path, router)`. A mounted value counts when it is a router of
 * this file, an imported binding, or an inline `require`; anything else
 * (`express.json()`, a middleware function) is not a router.
 */
function jsMounts(doc: StylebookDocument, model: CodeModel, imports: Record<string, ModuleRef>, routers: ModuleFacts['routers']): MountFact[] {
  const out: MountFact[] = [];
  const childOf = (n: SyntaxNode): string | ModuleRef | undefined => {
    if (n.type === 'identifier') return Object.hasOwn(routers, n.text) || Object.hasOwn(imports, n.text) ? n.text : undefined;
    const ref = moduleRefOf(n);
    if (ref) return ref;
    // `users.router`, where `users` is a whole imported module.
    if (n.type === 'member_expression') {
      const obj = n.childForFieldName('object');
      const prop = n.childForFieldName('property')?.text;
      const base = obj?.type === 'identifier' && Object.hasOwn(imports, obj.text) ? imports[obj.text] : undefined;
      if (base && prop && (base.name === '*' || base.name === 'default')) return { from: base.from, name: prop };
    }
    return undefined;
  };
  for (const call of fileCalls(doc, model)) {
    const callee = calleeOf(model, call).text;
    const m = /^(?:([\w$]+)|.*)\.(use|route)$/.exec(callee);
    if (!m) continue;
    // In a chain (`Router().use(a).use(b)`), the parent is the chain's first object, or the router its first call made.
    let parent = m[1] ?? '';
    let base = call.childForFieldName('function')?.childForFieldName('object');
    while (base?.type === 'call_expression' && base.childForFieldName('function')?.type === 'member_expression') base = base.childForFieldName('function')!.childForFieldName('object');
    if (!m[1] && base?.type === 'identifier') parent = base.text;
    else if (!m[1] && base?.type === 'call_expression') parent = assignedName(base) ?? '';
    const list = argListOf(model.dialect, call);
    if (!list) continue;
    const args = argsOf(model, list);
    if (!args.length) continue;
    let path: string | null = '';
    let rest = args;
    const first = args[0];
    // `use(router)` and `use(localRouter, …)` mount at the root; otherwise the first argument is the path (a
    // literal, else something we cannot read: a variable, a pattern, a list, an imported constant or middleware).
    const atRoot = m[2] === 'use' && (args.length === 1 || (first.type === 'identifier' && Object.hasOwn(routers, first.text)));
    if (!atRoot) {
      path = stringValue(first) ?? null;
      rest = args.slice(1);
    }
    const children = rest.flatMap((a) => (a.type === 'array' ? kids(a) : [a])).map(childOf).filter((c): c is string | ModuleRef => c !== undefined);
    for (const child of children) out.push({ parent, path, child });
  }
  return out;
}

// ---------------------------------------------------------------- Python

/** A dotted module name with a name inside it (`app.routes` + `users`, `.` + `users`). */
const dotted = (from: string, name: string) => (from.endsWith('.') ? from + name : `${from}.${name}`);

/**
 * A Python module's imports, routers and mounts: `include_router` (FastAPI,
 * the mount's `prefix=` before the router's own), `mount` (Starlette) and
 * `register_blueprint` (Flask; a `url_prefix=` there replaces the
 * blueprint's own, which is not followed). Every top-level router can be
 * imported, and so can every imported name (a package's `__init__.py`).
 */
function pyFacts(doc: StylebookDocument, model: CodeModel): ModuleFacts {
  const imports: Record<string, ModuleRef> = {};
  const root = model.tree.rootNode;
  for (const st of kids(root)) {
    if (st.type === 'import_from_statement') {
      const from = st.childForFieldName('module_name')?.text.replace(/\s+/g, '');
      if (!from) continue;
      for (const n of kids(st)) {
        if (n.startIndex <= st.childForFieldName('module_name')!.startIndex) continue;
        if (n.type === 'dotted_name') imports[n.text] = { from, name: n.text };
        else if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias')?.text;
          if (name && alias) imports[alias] = { from, name };
        }
      }
    } else if (st.type === 'import_statement') {
      // `import app.api.users as users`: the whole module under a name.
      for (const n of kids(st)) {
        const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined;
        const name = n.childForFieldName('name')?.text;
        if (alias && name) imports[alias] = { from: name, name: '*' };
      }
    }
  }
  const routers: ModuleFacts['routers'] = {};
  for (const [name, b] of routerBindings(doc, model)) if (b.prefix !== '\u0000') routers[name] = { prefix: b.prefix, root: b.root, ...(b.top ? { top: b.top } : {}) };
  const exports: Record<string, string> = {};
  for (const name of [...Object.keys(routers), ...Object.keys(imports)]) exports[name] = name;
  const childOf = (n: SyntaxNode | undefined): string | ModuleRef | undefined => {
    if (n?.type === 'identifier') return Object.hasOwn(routers, n.text) || Object.hasOwn(imports, n.text) ? n.text : undefined;
    if (n?.type === 'attribute') {
      const obj = n.childForFieldName('object');
      const attr = n.childForFieldName('attribute')?.text;
      const base = obj?.type === 'identifier' && Object.hasOwn(imports, obj.text) ? imports[obj.text] : undefined;
      if (base && attr) return { from: base.name === '*' ? base.from : dotted(base.from, base.name), name: attr };
    }
    return undefined;
  };
  const mounts: MountFact[] = [];
  for (const call of fileCalls(doc, model)) {
    const m = /^(?:(\w+)|.*)\.(include_router|register_blueprint|mount)$/.exec(calleeOf(model, call).text);
    if (!m) continue;
    const { positional, keyed } = argumentsOf(model, call);
    let path: string | null;
    let child: string | ModuleRef | undefined;
    if (m[2] === 'mount') {
      path = stringValue(positional[0]) ?? null;
      child = childOf(positional[1] ?? keyed.get('app'));
    } else {
      child = childOf(positional[0]);
      const key = m[2] === 'include_router' ? 'prefix' : 'url_prefix';
      const given = keyed.get(key);
      path = !given ? '' : m[2] === 'include_router' ? stringValue(given) ?? null : null;
    }
    if (child !== undefined) mounts.push({ parent: m[1] ?? '', path, child });
  }
  return { imports, exports, mounts, routers };
}

// ---------------------------------------------------------------- NestJS

function nestFacts(doc: StylebookDocument, model: CodeModel): NestFacts {
  const facts: NestFacts = { globalPrefix: '', exclude: [], versioning: false };
  let seen = 0;
  for (const call of fileCalls(doc, model)) {
    const callee = calleeOf(model, call).text;
    if (/\.enableVersioning$/.test(callee)) facts.versioning = true;
    if (!/\.setGlobalPrefix$/.test(callee)) continue;
    const list = argListOf(model.dialect, call);
    const args = list ? argsOf(model, list) : [];
    seen++;
    facts.globalPrefix = stringValue(args[0]) ?? null;
    facts.exclude = args[1] ? nestExclude(args[1]) : [];
  }
  // Set twice (per environment, say): which one holds is not for us to guess.
  if (seen > 1) facts.globalPrefix = null;
  return facts;
}

/** The `exclude` list of `setGlobalPrefix`'s options, when every entry is a plain path (with an optional `RequestMethod.X`). */
function nestExclude(options: SyntaxNode): NestFacts['exclude'] {
  if (options.type !== 'object') return null;
  const pair = kids(options).find((p) => p.type !== 'pair' || p.childForFieldName('key')?.text === 'exclude');
  if (!pair) return [];
  const list = pair.type === 'pair' ? pair.childForFieldName('value') : undefined;
  if (list?.type !== 'array') return null;
  const out: { path: string; method?: string }[] = [];
  for (const e of kids(list)) {
    if (e.type === 'comment') continue;
    let path: string | undefined;
    let method: string | undefined;
    if (e.type === 'object') {
      for (const p of kids(e)) {
        const k = p.type === 'pair' ? p.childForFieldName('key')?.text : undefined;
        const v = p.childForFieldName('value');
        if (k === 'path') path = stringValue(v ?? undefined);
        else if (k === 'method') {
          const mm = /^RequestMethod\.([A-Z]+)$/.exec(v?.text ?? '');
          if (!mm) return null;
          method = mm[1] === 'ALL' ? undefined : mm[1].toLowerCase();
        } else return null;
      }
    } else path = stringValue(e);
    // A pattern (`cats/(.*)`, `*`) may exclude routes we cannot list.
    if (path === undefined || !normalisePath(path)) return null;
    out.push(method ? { path, method } : { path });
  }
  return out;
}

// ---------------------------------------------------------------- Spring

/** Spring Boot's keys, compared the way its relaxed binding does (no dashes, underscores or case). */
const SPRING_KEYS: Record<string, 'contextPath' | 'servletPath'> = {
  'server.servlet.contextpath': 'contextPath',
  'server.contextpath': 'contextPath', // Spring Boot 1.x
  'spring.mvc.servlet.path': 'servletPath',
  'server.servlet.path': 'servletPath', // Spring Boot 1.x
  'spring.webflux.basepath': 'contextPath',
};
const relaxed = (key: string) => key.replace(/[-_]/g, '').toLowerCase();

/** The context and servlet paths an application.properties or application.yml sets for the default profile. */
export function springFacts(uri: string, text: string): NonNullable<PrefixFacts['spring']> {
  const out: NonNullable<PrefixFacts['spring']> = {};
  const take = (key: string, value: string | null) => {
    const which = SPRING_KEYS[relaxed(key)];
    if (!which) return;
    // A placeholder (`${CONTEXT_PATH:/api}`) is set at run time.
    out[which] = value === null || value.includes('${') ? null : value.trim();
  };
  if (uri.endsWith('.properties')) {
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].replace(/^\s+/, '');
      if (!line || line.startsWith('#') || line.startsWith('!')) continue;
      const m = /^((?:[^=:\s\\]|\\.)+)\s*[=:\s]\s*(.*)$/.exec(line);
      if (!m) continue;
      // A value continued on the next line is rare for a path; such a value is not read.
      take(m[1], m[2].endsWith('\\') ? null : m[2]);
    }
    return out;
  }
  // YAML: the first document is the default profile's (unless it names a profile itself).
  const root = parseYaml(text).root;
  const flat = new Map<string, AstNode>();
  const walk = (node: AstNode | undefined, prefix: string, depth: number) => {
    if (node?.kind !== 'object' || depth > 8) return;
    for (const p of node.props) {
      const key = prefix ? `${prefix}.${p.key}` : p.key;
      if (p.node?.kind === 'object') walk(p.node, key, depth + 1);
      else if (p.node) flat.set(relaxed(key), p.node);
    }
  };
  walk(root, '', 0);
  if (flat.has('spring.profiles') || flat.has('spring.config.activate.onprofile')) return out;
  for (const [key, node] of flat) {
    if (!SPRING_KEYS[key]) continue;
    take(key, node.kind === 'string' ? String(node.value) : null);
  }
  return out;
}

// ---------------------------------------------------------------- Laravel

/** A PHP string's value, when it is a plain literal (no interpolation). */
function phpLiteral(n: SyntaxNode | null | undefined): string | undefined {
  const v = n ? stringValue(n) : undefined;
  return v === undefined || v.includes('$') ? undefined : v;
}

/** The `'prefix' => '…'` entry of a PHP array of group attributes ('' without one; undefined when not a literal). */
function prefixAttribute(array: SyntaxNode): string | undefined {
  for (const e of kids(array)) {
    const [key, value] = kids(e);
    if (e.type === 'array_element_initializer' && value && phpLiteral(key) === 'prefix') return phpLiteral(value);
  }
  return '';
}

/**
 * The prefix Laravel route groups around a route call give it:
 * `Route::prefix('admin')->…->group(function () { … })` and
 * `Route::group(['prefix' => 'admin'], function () { … })`, nested, outer
 * first. '' when the route is in no group; undefined when a group's prefix
 * is not a literal, or the route sits in a function that is not a group's.
 */
export function laravelGroupPrefix(model: CodeModel, call: SyntaxNode): string | undefined {
  const parts: string[] = [];
  for (let n = call.parent; n; n = n.parent) {
    if (!/^(?:anonymous_function|arrow_function|anonymous_function_creation_expression|function_definition|method_declaration)$/.test(n.type)) continue;
    const group = n.parent?.type === 'argument' ? n.parent.parent?.parent : undefined;
    if (!group || !/^(?:member_call_expression|scoped_call_expression)$/.test(group.type) || group.childForFieldName('name')?.text !== 'group') return undefined;
    const own: string[] = [];
    const first = group.childForFieldName('arguments')?.namedChild(0)?.namedChild(0);
    if (first?.type === 'array_creation_expression') {
      const p = prefixAttribute(first);
      if (p === undefined) return undefined;
      own.push(p);
    }
    // Down the chain to `Route::…`, reading every `prefix(…)` on the way.
    let link: SyntaxNode | null = group.type === 'member_call_expression' ? group.childForFieldName('object') : group;
    while (link?.type === 'member_call_expression') {
      if (link.childForFieldName('name')?.text === 'prefix') {
        const p = phpLiteral(link.childForFieldName('arguments')?.namedChild(0)?.namedChild(0));
        if (p === undefined) return undefined;
        own.unshift(p);
      }
      link = link.childForFieldName('object');
    }
    if (link?.type !== 'scoped_call_expression' || link.childForFieldName('scope')?.text !== 'Route') return undefined;
    if (!sameNode(link, group) && link.childForFieldName('name')?.text === 'prefix') {
      const p = phpLiteral(link.childForFieldName('arguments')?.namedChild(0)?.namedChild(0));
      if (p === undefined) return undefined;
      own.unshift(p);
    }
    parts.unshift(...own);
  }
  return joinPaths(...parts);
}

/**
 * The route files a Laravel RouteServiceProvider or bootstrap/app.php loads,
 * each with its prefix: `Route::prefix('api')->…->group(base_path('routes/api.php'))`
 * (Laravel 7 to 10), `Route::group(['prefix' => 'api', …], …)` around a
 * `require base_path(…)` (older), and `->withRouting(api: …, apiPrefix: 'api')`
 * (Laravel 11). Read from the text: these files are short and regular.
 */
export function laravelRouteFiles(text: string): { file: string; prefix: string | null }[] {
  const out: { file: string; prefix: string | null }[] = [];
  const literal = (s: string) => /^'[^'$\\]*'$|^"[^"$\\]*"$/.test(s.trim()) ? s.trim().slice(1, -1) : null;
  const routing = /->\s*withRouting\s*\(([\s\S]*?)\)\s*(?:->|;)/.exec(text);
  if (routing) {
    const args = routing[1];
    const prefix = /\bapiPrefix\s*:\s*([^,)]+)/.exec(args);
    for (const [key, file] of [['web', 'routes/web.php'], ['api', 'routes/api.php']] as const) {
      if (!new RegExp(`\\b${key}\\s*:`).test(args)) continue;
      out.push({ file, prefix: key === 'web' ? '' : prefix ? literal(prefix[1]) : 'api' });
    }
  }
  const loads = /base_path\s*\(\s*['"]([\w./-]+\.php)['"]\s*\)/g;
  for (let m = loads.exec(text); m; m = loads.exec(text)) {
    // The statement that loads the file starts at the last `Route::` before it.
    const start = text.lastIndexOf('Route::', m.index);
    if (start < 0) continue;
    const statement = text.slice(start, m.index);
    const prefixes = [...statement.matchAll(/->\s*prefix\s*\(\s*([^)]*)\)|Route::prefix\s*\(\s*([^)]*)\)|['"]prefix['"]\s*=>\s*([^,\]]+)/g)].map((p) => literal(p[1] ?? p[2] ?? p[3]));
    const prefix = prefixes.includes(null) ? null : joinPaths(...(prefixes as string[])).slice(1);
    out.push({ file: m[1].replace(/^\/+/, ''), prefix });
  }
  return out;
}

// ---------------------------------------------------------------- linking

/** What the links say about one route: the prefix in front of its path, and whether the path is now complete. */
export interface Placement {
  prefix: string;
  rooted: boolean;
}

/** A file's facts and its uri: what `PrefixLinks` is built from. */
export interface FileFacts {
  uri: string;
  facts: PrefixFacts;
}

const JS_EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts'];

/**
 * The workspace's prefix facts joined: which module a specifier names, which
 * mounts reach each router, which NestJS bootstrap and which Spring
 * configuration a file belongs to. Built from facts alone; a new instance
 * is made whenever a file of the workspace changes.
 */
export class PrefixLinks {
  private readonly files = new Map<string, PrefixFacts>();
  /** Mounts by the router they reach (`uri\0local`), with the file that mounts it. */
  private readonly mountsOf = new Map<string, { uri: string; mount: MountFact }[]>();
  private readonly placed = new Map<string, Placement>();
  private readonly nestApps: { dir: string; facts: NestFacts }[] = [];
  private readonly nestElsewhere: boolean;

  constructor(files: Iterable<FileFacts>) {
    let elsewhere = false;
    for (const f of files) {
      this.files.set(f.uri, f.facts);
      if (f.facts.nest) this.nestApps.push({ dir: nestProjectDir(f.uri), facts: f.facts.nest });
      if (f.facts.nestElsewhere) elsewhere = true;
    }
    this.nestElsewhere = elsewhere;
    for (const [uri, facts] of this.files) {
      const mod = facts.js ?? facts.py;
      for (const mount of mod?.mounts ?? []) {
        const target = typeof mount.child === 'string' && !Object.hasOwn(mod!.imports, mount.child)
          ? { uri, local: mount.child }
          : this.exported(uri, typeof mount.child === 'string' ? mod!.imports[mount.child] : mount.child);
        if (!target) continue;
        const key = `${target.uri}\u0000${target.local}`;
        const list = this.mountsOf.get(key) ?? [];
        list.push({ uri, mount });
        this.mountsOf.set(key, list);
      }
    }
  }

  /** The file a relative specifier names, among the workspace's files (Node's and TypeScript's resolution, without packages). */
  private module(from: string, specifier: string): string | undefined {
    if (from.endsWith('.py')) return this.pyModule(from, specifier);
    if (!/^\.\.?(?:\/|$)/.test(specifier)) return undefined;
    let base: string;
    try {
      base = new URL(specifier, from).toString().replace(/\/$/, '');
    } catch {
      return undefined;
    }
    const candidates = [base, ...JS_EXTENSIONS.map((e) => base + e), ...JS_EXTENSIONS.map((e) => `${base}/index${e}`)];
    // TypeScript written for Node's ES modules imports `./users.js` for users.ts.
    const js = /\.(m|c)?jsx?$/.exec(base);
    if (js) candidates.splice(1, 0, ...['.ts', '.tsx', '.mts', '.cts'].map((e) => base.slice(0, -js[0].length) + e));
    return candidates.find((c) => this.files.get(c)?.js);
  }

  /**
   * The file a Python module name names: relative to the importing file's
   * package (`.users`, `..api`), or, for an absolute name, the one file of
   * the workspace whose path ends with it (several: not guessed).
   */
  private pyModule(from: string, name: string): string | undefined {
    const dots = /^\.*/.exec(name)![0].length;
    const rest = name.slice(dots).split('.').filter(Boolean).join('/');
    if (dots) {
      let dir = from.slice(0, from.lastIndexOf('/'));
      for (let i = 1; i < dots; i++) dir = dir.slice(0, dir.lastIndexOf('/'));
      const base = rest ? `${dir}/${rest}` : dir;
      return [`${base}.py`, `${base}/__init__.py`].find((c) => this.files.get(c)?.py);
    }
    const found = [...this.files.keys()].filter((u) => (u.endsWith(`/${rest}.py`) || u.endsWith(`/${rest}/__init__.py`)) && this.files.get(u)?.py);
    return found.length === 1 ? found[0] : undefined;
  }

  /** The file and local variable an import names, following re-exports (a few steps at most). */
  private exported(from: string, ref: ModuleRef | undefined, depth = 0): { uri: string; local: string } | undefined {
    if (!ref || depth > 8) return undefined;
    const uri = this.module(from, ref.from);
    const js = uri ? (this.files.get(uri)!.js ?? this.files.get(uri)!.py) : undefined;
    if (!uri || !js || ref.name === '*') return undefined;
    // CommonJS and TypeScript's `export =` put the router itself where ES modules have `default`.
    const local = Object.hasOwn(js.exports, ref.name) ? js.exports[ref.name] : undefined;
    if (local === undefined) return undefined;
    if (Object.hasOwn(js.imports, local)) return this.exported(uri, js.imports[local], depth + 1);
    return { uri, local };
  }

  /**
   * Where a router or application of a file sits: the prefix in front of it
   * and whether that prefix is complete. A router mounted nowhere keeps what
   * its own file says (`root`); mounted once, with a literal path, by a
   * parent whose own place is known, it takes the parent's prefix and the
   * mount's path; mounted more than once, or in a way we cannot read, it
   * may be anywhere.
   */
  private place(uri: string, top: string, seen = new Set<string>()): Placement {
    const key = `${uri}\u0000${top}`;
    const known = this.placed.get(key);
    if (known) return known;
    if (seen.has(key)) return { prefix: '', rooted: false };
    seen.add(key);
    const js = this.files.get(uri)?.js ?? this.files.get(uri)?.py;
    const self = js && Object.hasOwn(js.routers, top) ? js.routers[top] : undefined;
    const mounts = this.mountsOf.get(key) ?? [];
    let result: Placement;
    // A router this file mounts below `top` that another file mounts too is in two places.
    const doubled = !!js && Object.entries(js.routers).some(([name, r]) => name !== top && r.top === top && (this.mountsOf.get(`${uri}\u0000${name}`)?.length ?? 0) > 1);
    if (!self) result = { prefix: '', rooted: false };
    else if (!mounts.length && !doubled) result = { prefix: '', rooted: self.root };
    else if (mounts.length !== 1 || doubled || mounts[0].mount.path === null) result = { prefix: '', rooted: false };
    else {
      const { uri: at, mount } = mounts[0];
      const parentFacts = this.files.get(at)?.js ?? this.files.get(at)?.py;
      const parent = parentFacts && Object.hasOwn(parentFacts.routers, mount.parent) ? parentFacts.routers[mount.parent] : undefined;
      if (!parent) result = { prefix: joinPaths(mount.path!), rooted: false };
      else {
        const outer = parent.top ? this.place(at, parent.top, seen) : { prefix: '', rooted: false };
        result = { prefix: joinPaths(outer.prefix, parent.prefix, mount.path!), rooted: outer.rooted };
      }
    }
    this.placed.set(key, result);
    return result;
  }

  /** Where a route of a file sits, or undefined when nothing outside its file is known about it. */
  placement(uri: string, route: CodeRoute): Placement | undefined {
    if (route.path === undefined) return undefined;
    if (route.router !== undefined && (this.files.get(uri)?.js || this.files.get(uri)?.py)) {
      const p = this.place(uri, route.router);
      return (p.prefix === '' || p.prefix === '/') && p.rooted === route.rooted ? undefined : p;
    }
    if (route.framework === 'NestJS') return this.nest(uri, route);
    if (route.framework === 'Spring') return this.spring(uri);
    if (route.framework === 'Laravel' && route.router === 'Route') return this.laravel(uri);
    return undefined;
  }

  /** A NestJS controller's route under its application's global prefix. */
  private nest(uri: string, route: CodeRoute): Placement | undefined {
    if (this.nestElsewhere) return undefined;
    // The bootstrap whose project folder holds the controller, the nearest first; with a single application, that one.
    const holding = this.nestApps.filter((a) => uri.startsWith(`${a.dir}/`));
    const deepest = holding.reduce((n, a) => Math.max(n, a.dir.length), -1);
    let apps = holding.filter((a) => a.dir.length === deepest);
    // A controller outside every application's folder (a library of a monorepo) may be served by any of them: they must agree.
    if (!apps.length) apps = this.nestApps;
    if (!apps.length) return undefined;
    const first = apps[0].facts;
    // Two bootstraps of one project (a server and a serverless handler) must agree.
    if (apps.some((a) => JSON.stringify(a.facts) !== JSON.stringify(first))) return undefined;
    if (first.globalPrefix === null || first.exclude === null || first.versioning) return undefined;
    const normal = normalisePath(route.path!);
    const excluded = first.exclude.some((e) => (!e.method || e.method === route.method) && !!normal && samePath(normalisePath(e.path)!, normal));
    return { prefix: excluded ? '' : first.globalPrefix, rooted: true };
  }

  /** A Spring controller's route under its module's context path and dispatcher path. */
  private spring(uri: string): Placement | undefined {
    const at = uri.lastIndexOf('/src/main/');
    if (at < 0) return undefined;
    const resources = `${uri.slice(0, at)}/src/main/resources/`;
    let contextPath: string | null | undefined;
    let servletPath: string | null | undefined;
    for (const name of ['application.properties', 'application.yml', 'application.yaml']) {
      const spring = this.files.get(resources + name)?.spring;
      if (!spring) continue;
      // Set in two files to two values: which wins depends on Spring's order of loading; not guessed.
      if ('contextPath' in spring) contextPath = contextPath === undefined || contextPath === spring.contextPath ? spring.contextPath : null;
      if ('servletPath' in spring) servletPath = servletPath === undefined || servletPath === spring.servletPath ? spring.servletPath : null;
    }
    if (contextPath === null || servletPath === null || (contextPath === undefined && servletPath === undefined)) return undefined;
    return { prefix: joinPaths(contextPath ?? '', servletPath ?? ''), rooted: true };
  }

  /** A Laravel route file's routes under the prefix its service provider (or the framework's convention) gives the file. */
  private laravel(uri: string): Placement | undefined {
    const m = /^(.*)\/routes\/([\w-]+)\.php$/.exec(uri);
    if (!m) return undefined;
    const [, dir, name] = m;
    // Whatever file of the application loads route files (RouteServiceProvider, bootstrap/app.php, a provider of its own).
    const loaders = [...this.files].filter(([u, f]) => f.laravel && u.startsWith(`${dir}/`)).map(([, f]) => f.laravel!);
    let prefix: string | null | undefined;
    if (loaders.length) {
      const loads = loaders.flat().filter((l) => l.file === `routes/${name}.php`);
      if (loads.length !== 1) return undefined;
      prefix = loads[0].prefix;
    } else {
      // Laravel's convention, where no provider in the workspace says otherwise.
      prefix = name === 'web' ? '' : name === 'api' ? 'api' : undefined;
    }
    if (prefix === null || prefix === undefined) return undefined;
    return { prefix, rooted: true };
  }
}

/** The folder a NestJS bootstrap file serves: its own folder, or the one above when that is `src`. */
function nestProjectDir(uri: string): string {
  const dir = uri.slice(0, uri.lastIndexOf('/'));
  return dir.endsWith('/src') ? dir.slice(0, -4) : dir;
}

/** A file's routes with what the links know applied (the same array when they know nothing). */
export function placeRoutes<R extends CodeRoute>(uri: string, routes: R[], links: PrefixLinks): R[] {
  let changed = false;
  const out = routes.map((r) => {
    const p = links.placement(uri, r);
    if (!p) return r;
    changed = true;
    const path = joinPaths(p.prefix, r.path!);
    const normal = normalisePath(path);
    const { normal: _old, ...rest } = r;
    // Everything else of the route (a summary's ranges among it) stays as it was.
    return { ...rest, path, ...(normal ? { normal } : {}), rooted: p.rooted } as R;
  });
  return changed ? out : routes;
}
