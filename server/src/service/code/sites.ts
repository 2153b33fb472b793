/**
 * The classifier shared by hover, completion and diagnostics: given a node
 * of the syntax tree, it decides whether the node sets a status (and which),
 * implies one, or declares a route, by reading its ancestors against the
 * dialect (node types) and framework tables. A number counts only in a
 * status position, so numbers in comments, strings, timeouts or indexes
 * never do.
 */
import type { StylebookDocument } from '../document';
import { memoize } from '../document';
import { CONSTANT_FAMILIES, codeForName, matchConstant, normaliseExpression, type ConstantFamily, type ConstantMatch } from './constants';
import { dialectFor, type Dialect } from './dialects';
import { FUNCTION_ROUTES, IMPLIED_STATUS, ROUTES, STATUS_SLOTS, type ImpliedStatusRule, type StatusSlotRule } from './frameworks';
import { resolveImported } from './imports';
import type { CodeParser, CodeParsers, SyntaxNode, SyntaxTree } from './syntax';

/** A parsed code document. */
export interface CodeModel {
  dialect: Dialect;
  parser: CodeParser;
  tree: SyntaxTree;
  text: string;
}

/** The parsed document, once per version; undefined when its grammar is not loaded. */
export function codeModel(doc: StylebookDocument, parsers: CodeParsers): CodeModel | undefined {
  const dialect = dialectFor(doc.textDocument.languageId);
  const parser = parsers.get(doc.textDocument.languageId);
  // Not memoised while the grammar is loading, so the version gets its model once the grammar arrives.
  if (!dialect || !parser) return undefined;
  return memoize(doc, 'code:model', () => {
    const text = doc.textDocument.getText();
    const { uri, languageId } = doc.textDocument;
    const previous = recentTrees.get(uri);
    const tree = parser.parse(text, previous && previous.languageId === languageId && previous.parser === parser ? previous : undefined);
    recentTrees.delete(uri);
    recentTrees.set(uri, { tree, text, languageId, parser });
    while (recentTrees.size > MAX_RECENT_TREES) recentTrees.delete(recentTrees.keys().next().value!);
    return { dialect, parser, tree, text };
  });
}

/**
 * The latest tree of recently parsed documents, by uri, so that the next
 * version reparses incrementally. This cache is not state a caller can
 * observe: an incremental parse yields the same tree a fresh one would.
 */
const recentTrees = new Map<string, { tree: SyntaxTree; text: string; languageId: string; parser: CodeParser }>();
const MAX_RECENT_TREES = 16;

/** Where a value sits: an argument of a call, an assignment's value, or an element of a returned tuple. */
export type Slot =
  | { kind: 'arg'; call: SyntaxNode; callee: string; index: number; key?: string }
  | { kind: 'assign'; target: string }
  | { kind: 'return'; index: number };

/** A number or constant in a status position (or a status constant anywhere). */
export interface StatusSite {
  node: SyntaxNode;
  /** The number as written (may be no status at all, like 2000). */
  value: number;
  form: 'number' | 'constant';
  constant?: ConstantMatch;
  slot?: Slot;
  /** The framework rule that makes this a status position; absent for a constant outside one. */
  rule?: StatusSlotRule;
}

const same = (a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined) =>
  !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

/** Empties every argument list in a callee, so `response()->json` reads `response().json`. */
function emptyParens(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') { if (depth++ === 0) out += '('; continue; }
    if (ch === ')') { if (--depth === 0) out += ')'; if (depth < 0) depth = 0; continue; }
    if (depth === 0) out += ch;
  }
  return out;
}

/** The argument list of a call-like node, if it has one. */
export function argListOf(dialect: Dialect, call: SyntaxNode): SyntaxNode | undefined {
  for (let i = call.childCount - 1; i >= 0; i--) {
    const c = call.child(i);
    if (c && dialect.argLists.includes(c.type)) return c;
  }
  return undefined;
}

/** The normalised callee of a call-like node (see frameworks.ts), and where it ends. */
export function calleeOf(model: CodeModel, call: SyntaxNode, args = argListOf(model.dialect, call)): { text: string; end: number } {
  const end = args ? args.startIndex : call.endIndex;
  let raw = model.text.slice(call.startIndex, Math.min(end, call.startIndex + 300)).trim();
  raw = raw.replace(/^@/, '').replace(/^new\s+/, '');
  return { text: emptyParens(normaliseExpression(raw)).replace(/^@/, ''), end };
}

function isComment(model: CodeModel, n: SyntaxNode) {
  return model.dialect.comments.includes(n.type);
}

/** The arguments of a list, comments and punctuation left out. */
export function argsOf(model: CodeModel, list: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < list.namedChildCount; i++) {
    const c = list.namedChild(i);
    if (c && !isComment(model, c)) out.push(c);
  }
  return out;
}

function cleanKey(text: string): string {
  return text.replace(/^[:'"]+|[:'"]+$/g, '');
}

/** The label of a wrapped argument (`statusCode: 404`, `status = 404`), if any. */
function wrapperKey(w: SyntaxNode): string | undefined {
  const named = w.childForFieldName('name');
  if (named) return named.text;
  if (w.childCount >= 3) {
    const sep = w.child(1);
    if (sep && (sep.type === '=' || sep.type === ':')) return w.child(0)?.text;
    const first = w.child(0);
    if (first && /label|name_colon/.test(first.type)) return first.text.replace(/[=:\s]+$/, '');
  }
  const first = w.child(0);
  if (first && /label|name_colon/.test(first.type)) return first.text.replace(/[=:\s]+$/, '');
  return undefined;
}

/** Where a value node sits, read from its ancestors. */
export function slotOf(model: CodeModel, value: SyntaxNode): Slot | undefined {
  const d = model.dialect;
  let n: SyntaxNode = value;
  let p = n.parent;
  let key: string | undefined;
  if (p && d.argWrappers.includes(p.type)) {
    key = wrapperKey(p);
    n = p;
    p = p.parent;
  } else if (p && d.keyed[p.type]) {
    const k = d.keyed[p.type];
    const keyNode = p.childForFieldName(k.key);
    const valueNode = k.value ? p.childForFieldName(k.value) : undefined;
    if (!keyNode || same(keyNode, n) || (valueNode && !same(valueNode, n))) return undefined;
    key = cleanKey(keyNode.text);
    n = p;
    p = p.parent;
    if (p && d.objects.includes(p.type)) {
      n = p;
      p = p.parent;
      if (p && d.argWrappers.includes(p.type)) { n = p; p = p.parent; }
    }
  }
  if (!p) return undefined;
  if (d.argLists.includes(p.type)) {
    const call = p.parent;
    if (!call) return undefined;
    const index = argsOf(model, p).findIndex((a) => same(a, n));
    return { kind: 'arg', call, callee: calleeOf(model, call, p).text, index, ...(key !== undefined ? { key } : {}) };
  }
  if (key !== undefined) return undefined;
  const asg = d.assignments[p.type];
  if (asg) {
    const right = p.childForFieldName(asg.right);
    const left = p.childForFieldName(asg.left);
    if (same(right, n) && left) return { kind: 'assign', target: normaliseExpression(left.text) };
    return undefined;
  }
  if (d.returnTuples.includes(p.type) && p.parent?.type === 'return_statement') {
    return { kind: 'return', index: argsOf(model, p).findIndex((a) => same(a, n)) };
  }
  return undefined;
}

/** The framework rule that makes a slot a status position, if any (through one of the file's own helpers when `helpers`). */
export function ruleForSlot(model: CodeModel, slot: Slot, at: SyntaxNode, helpers = true): StatusSlotRule | undefined {
  const id = model.dialect.id;
  for (const r of STATUS_SLOTS) {
    if (!r.dialects.includes(id)) continue;
    if (r.inClass && !r.inClass.test(classHead(model, at))) continue;
    if (slot.kind === 'arg' && r.callee && r.callee.test(r.imported ? resolveImported(model, slot.callee) ?? '' : slot.callee)) {
      if (r.key !== undefined ? slot.key === r.key : slot.key === undefined && (r.arg === undefined || r.arg === slot.index)) return r;
    } else if (slot.kind === 'assign' && r.assign?.test(slot.target)) {
      return r;
    } else if (slot.kind === 'return' && r.returnIndex === slot.index) {
      // A returned (body, status) tuple means a status only in a function that is a route.
      const fn = enclosingFunction(model, at);
      if (fn && methodOfFunction(model, fn) !== undefined) return r;
    }
  }
  return helpers && slot.kind === 'arg' ? helperRule(model, slot) : undefined;
}

/** A parameter of one of the file's own functions that flows straight into a status slot. */
export interface HelperParam { index: number; name: string; rule: StatusSlotRule }

const functionsByModel = new WeakMap<CodeModel, Map<string, SyntaxNode>>();
const helpersByFunction = new WeakMap<SyntaxNode, HelperParam[]>();

/** At most this many nodes are visited looking for the file's functions, so that a huge file costs little. */
const MAX_HELPER_NODES = 20000;

/** A function's name: its own, or the variable or property it is assigned to (`const sendError = (res, status) => …`). */
function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const p = fn.parent;
  const named = p && (p.childForFieldName('name') ?? p.childForFieldName('left') ?? p.childForFieldName('key'));
  return named && /^[A-Za-z_$][\w$]*$/.test(named.text) ? named.text : undefined;
}

/** The names of a function's parameters, in order (`status`, `$status`). */
export function parameterNames(fn: SyntaxNode): string[] {
  let params = fn.childForFieldName('parameters');
  for (let i = 0; !params && i < fn.namedChildCount; i++) if (/parameters$/.test(fn.namedChild(i)!.type)) params = fn.namedChild(i);
  if (!params) return [];
  const out: string[] = [];
  for (let i = 0; i < params.namedChildCount; i++) {
    const p = params.namedChild(i)!;
    if (/comment/.test(p.type)) continue;
    let name: SyntaxNode | null = /identifier$/.test(p.type) ? p : p.childForFieldName('name') ?? p.childForFieldName('pattern') ?? p.childForFieldName('left');
    for (let j = 0; !name && j < p.namedChildCount; j++) if (/identifier$/.test(p.namedChild(j)!.type)) name = p.namedChild(j);
    out.push(name && /^\$?[A-Za-z_]\w*$/.test(name.text) ? name.text : '');
  }
  return out;
}

/**
 * The file's named functions, looked for outside function bodies (top
 * level, classes, declarations), where helpers live; once per version.
 */
function fileFunctions(model: CodeModel): Map<string, SyntaxNode> {
  let out = functionsByModel.get(model);
  if (out) return out;
  const found = new Map<string, SyntaxNode>();
  const d = model.dialect;
  let budget = MAX_HELPER_NODES;
  const visit = (n: SyntaxNode) => {
    for (let i = 0; i < n.namedChildCount && budget-- > 0; i++) {
      const c = n.namedChild(i)!;
      if (!d.functions.includes(c.type)) { visit(c); continue; }
      const name = functionName(c);
      if (name && !found.has(name)) found.set(name, c);
    }
  };
  visit(model.tree.rootNode);
  out = found;
  functionsByModel.set(model, out);
  return out;
}

/**
 * The parameters of one of the file's own functions that flow straight into
 * a status slot (`function sendError(res, message, status) { res.status(status)… }`,
 * Laravel's `protected function respond($data, $status) { return
 * response()->json($data, $status); }`): a number passed there is a status.
 * One level only: a helper calling another helper is not followed. Read the
 * first time a call to the function passes a number.
 */
export function helperParams(model: CodeModel, fn: SyntaxNode): HelperParam[] {
  let found = helpersByFunction.get(fn);
  if (found) return found;
  found = [];
  const body = fn.childForFieldName('body') ?? fn;
  const text = model.text.slice(body.startIndex, body.endIndex);
  const names = parameterNames(fn);
  // A Python method's `self` or `cls` is not passed at the call (`self.respond(data, 201)`).
  if (model.dialect.id === 'python' && (names[0] === 'self' || names[0] === 'cls')) names.shift();
  names.forEach((param, index) => {
    if (!param) return;
    for (let from = text.indexOf(param); from >= 0; from = text.indexOf(param, from + param.length)) {
      const at = body.startIndex + from;
      if (/[\w$]/.test(model.text[at - 1] ?? '') || /[\w$]/.test(model.text[at + param.length] ?? '')) continue;
      let leaf = model.tree.rootNode.descendantForIndex(at, at + param.length);
      if (leaf && leaf.text !== param && leaf.parent?.text === param) leaf = leaf.parent;
      if (!leaf || leaf.text !== param) continue;
      const slot = slotOf(model, leaf);
      const rule = slot && ruleForSlot(model, slot, leaf, false);
      if (rule) { found!.push({ index, name: param.replace(/^\$/, ''), rule }); return; }
    }
  });
  helpersByFunction.set(fn, found);
  return found;
}

/** The rule of a call to one of the file's helpers at the parameter that takes a status (by position, or by name for a keyed argument). */
function helperRule(model: CodeModel, slot: Extract<Slot, { kind: 'arg' }>): StatusSlotRule | undefined {
  const name = slot.callee.replace(/^(?:this|self|\$this|static|cls)\./, '');
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const fn = fileFunctions(model).get(name);
  const hit = fn && helperParams(model, fn).find((p) => (slot.key !== undefined ? p.name === slot.key : p.index === slot.index));
  if (!hit) return undefined;
  const { framework, errors, constants } = hit.rule;
  return { framework: `${framework}, through this file's ${name}()`, dialects: [model.dialect.id], ...(errors ? { errors } : {}), ...(constants ? { constants } : {}) };
}

const CLASS = /^(?:class_declaration|class_definition|class)$/;
const CONSTRUCTORS = new Set(['constructor', '__init__', 'init']);

/** The class a node belongs to: the innermost class around it, not counting the way through a method other than a constructor. */
export function owningClass(model: CodeModel, node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (CLASS.test(n.type)) return n;
    if (model.dialect.functions.includes(n.type) && !CONSTRUCTORS.has(n.childForFieldName('name')?.text ?? '')) return undefined;
  }
  return undefined;
}

/** A class's head: its text up to its body (name, superclasses, annotations); empty outside a class. */
export function classHead(model: CodeModel, node: SyntaxNode): string {
  const cls = owningClass(model, node);
  if (!cls) return '';
  const body = cls.childForFieldName('body');
  return model.text.slice(cls.startIndex, Math.min(body ? body.startIndex : cls.endIndex, cls.startIndex + 500));
}

/** Reads a decimal integer literal (`404`, `4_04`, `404L`), or undefined. */
export function integerValue(text: string): number | undefined {
  const t = text.replace(/_/g, '').replace(/[lLuU]+$/, '');
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

/** The outermost constant expression containing a node (or the node itself), innermost first. */
function constantChain(model: CodeModel, leaf: SyntaxNode): SyntaxNode[] {
  const chain: SyntaxNode[] = [];
  let n: SyntaxNode | null = leaf;
  if (!model.dialect.constants.includes(n.type)) n = n.parent;
  while (n && model.dialect.constants.includes(n.type) && chain.length < 6) {
    chain.push(n);
    n = n.parent;
  }
  return chain;
}

/**
 * A bare name imported from a module of status constants, read as the
 * qualified name it stands for: `from starlette.status import
 * HTTP_201_CREATED` makes `HTTP_201_CREATED` mean `starlette.status.HTTP_201_CREATED`.
 * The same name defined in the file, or imported from elsewhere, is no constant.
 */
function importedConstant(model: CodeModel, node: SyntaxNode): ConstantMatch | undefined {
  if (node.type !== 'identifier') return undefined;
  const qualified = resolveImported(model, node.text);
  const constant = qualified !== undefined && qualified !== node.text ? matchConstant(qualified, model.dialect.id) : undefined;
  return constant && { ...constant, bare: true };
}

/** Classifies the number or constant at a node: a status site, or undefined. */
export function statusSiteAt(model: CodeModel, leaf: SyntaxNode): StatusSite | undefined {
  const d = model.dialect;
  if (d.numbers.includes(leaf.type)) {
    const value = integerValue(leaf.text);
    if (value === undefined) return undefined;
    const slot = slotOf(model, leaf);
    const rule = slot && ruleForSlot(model, slot, leaf);
    return rule ? { node: leaf, value, form: 'number', slot, rule } : undefined;
  }
  const chain = constantChain(model, leaf);
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i];
    const constant = matchConstant(node.text, d.id);
    if (!constant) continue;
    const slot = slotOf(model, node);
    const rule = slot && ruleForSlot(model, slot, node);
    if (rule || constant.family.anywhere) return { node, value: constant.code, form: 'constant', constant, ...(slot ? { slot } : {}), ...(rule ? { rule } : {}) };
  }
  if (!chain.length) {
    const constant = importedConstant(model, leaf);
    if (!constant) return undefined;
    const slot = slotOf(model, leaf);
    const rule = slot && ruleForSlot(model, slot, leaf);
    if (rule || constant.family.anywhere) return { node: leaf, value: constant.code, form: 'constant', constant, ...(slot ? { slot } : {}), ...(rule ? { rule } : {}) };
  }
  return undefined;
}

/** The innermost call-like ancestor whose callee (not its arguments) contains the node. */
function callWithCalleeAt(model: CodeModel, leaf: SyntaxNode): { call: SyntaxNode; callee: string; start: number; end: number } | undefined {
  let n: SyntaxNode | null = leaf;
  for (let depth = 0; n && depth < 8; depth++, n = n.parent) {
    if (!model.dialect.calls.includes(n.type)) continue;
    const args = argListOf(model.dialect, n);
    if (args && leaf.startIndex >= args.startIndex) return undefined;
    const c = calleeOf(model, n, args);
    return { call: n, callee: c.text, start: n.startIndex, end: c.end };
  }
  return undefined;
}

/** A call whose name implies a status. */
export interface ImpliedSite {
  call: SyntaxNode;
  callee: string;
  code: number;
  rule: ImpliedStatusRule;
  start: number;
  end: number;
}

/** The status a callee's name implies (framework tables, then the file's own exception classes), and the rule that says so. */
export function impliedByName(model: CodeModel, callee: string): { code: number; rule: ImpliedStatusRule } | undefined {
  let resolved: string | undefined | null = null;
  for (const rule of IMPLIED_STATUS) {
    if (!rule.dialects.includes(model.dialect.id)) continue;
    const name = rule.imported ? (resolved === null ? (resolved = resolveImported(model, callee)) : resolved) : callee;
    const m = name !== undefined ? rule.callee.exec(name) : null;
    if (!m) continue;
    let code: number | undefined;
    if (rule.codes === 'reason-phrase') {
      code = m[1] ? codeForName(m[1]) : undefined;
      if (code !== undefined && code < 400) code = undefined;
    } else {
      code = rule.codes[name!.split('.').pop()!];
    }
    if (code !== undefined) return { code, rule };
  }
  return classStatuses(model).get(callee);
}

/** The status implied by the callee of a call, given the call node. */
export function impliedStatusOf(model: CodeModel, call: SyntaxNode): ImpliedSite | undefined {
  const c = calleeOf(model, call);
  const hit = impliedByName(model, c.text);
  return hit && { call, callee: c.text, code: hit.code, rule: hit.rule, start: call.startIndex, end: c.end };
}

/** The implied status of the call whose callee is at the node, or of the class a statement raises by name (Python's `raise PermissionDenied`). */
export function impliedAt(model: CodeModel, leaf: SyntaxNode): ImpliedSite | undefined {
  const hit = callWithCalleeAt(model, leaf);
  if (hit) return impliedStatusOf(model, hit.call);
  // The whole dotted name under the cursor (`exceptions.NotFound`), when a raise statement holds it as its value.
  let name: SyntaxNode = leaf;
  while (name.parent && model.dialect.constants.includes(name.parent.type)) name = name.parent;
  const raise = name.parent;
  if (!raise || !model.dialect.raises.includes(raise.type) || !same(raise.namedChild(0), name)) return undefined;
  const callee = normaliseExpression(name.text);
  const implied = impliedByName(model, callee);
  return implied && { call: name, callee, code: implied.code, rule: implied.rule, start: name.startIndex, end: name.endIndex };
}

/**
 * Every call of the document whose name implies the given status
 * (`ResponseEntity.ok(…)`, `Ok(…)` for 200), once per version. The names come
 * from the implied-status tables; the text only proposes places and the
 * tree confirms each one, as for status sites.
 */
export function impliedSitesOf(doc: StylebookDocument, model: CodeModel, code: number): ImpliedSite[] {
  return memoize(doc, `code:implied:${code}`, () => {
    const names = new Set<string>();
    for (const rule of IMPLIED_STATUS) {
      if (!rule.dialects.includes(model.dialect.id) || rule.codes === 'reason-phrase') continue;
      for (const [name, c] of Object.entries(rule.codes)) if (c === code) names.add(name);
    }
    const out: ImpliedSite[] = [];
    if (!names.size) return out;
    const re = new RegExp(`\\b(?:${[...names].join('|')})\\s*\\(`, 'g');
    const seen = new Set<number>();
    for (let m = re.exec(model.text); m; m = re.exec(model.text)) {
      const leaf = model.tree.rootNode.descendantForIndex(m.index);
      const site = leaf && impliedAt(model, leaf);
      if (!site || site.code !== code || seen.has(site.start)) continue;
      seen.add(site.start);
      out.push(site);
    }
    return out;
  });
}

/** A route declaration and the method it declares. */
export interface RouteSite {
  method: string;
  framework: string;
  start: number;
  end: number;
}

function isDecoratorCall(model: CodeModel, call: SyntaxNode): boolean {
  const d = model.dialect.decorators;
  return d.includes(call.type) || (!!call.parent && d.includes(call.parent.type));
}

function firstString(text: string): string | undefined {
  return /["'`]([^"'`]*)["'`]/.exec(text)?.[1];
}

/** The route a call, decorator or annotation declares, if it is one. */
export function routeOf(model: CodeModel, call: SyntaxNode): RouteSite | undefined {
  const args = argListOf(model.dialect, call);
  const c = calleeOf(model, call, args);
  for (const r of ROUTES) {
    if (!r.dialects.includes(model.dialect.id)) continue;
    const m = r.callee.exec(c.text);
    if (!m) continue;
    if (r.decorator && !isDecoratorCall(model, call)) continue;
    const list = args ? argsOf(model, args) : [];
    if (r.minArgs && list.length < r.minArgs) continue;
    let method: string | undefined;
    const how = r.method;
    if ('group' in how) method = m[1];
    else if ('fixed' in how) method = how.fixed;
    else if ('firstArgWord' in how) method = list[0] && /^["'`](GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s/.exec(list[0].text)?.[1];
    else if ('firstArgList' in how) method = list[0] && firstString(list[0].text);
    else if ('option' in how) method = optionMethod(model, list[0], how.option, how.requires);
    else {
      const keyed = list.find((a) => keyOfArgument(model, a) === how.key);
      const valueText = keyed?.text ?? '';
      method = /RequestMethod\.(\w+)/.exec(valueText)?.[1] ?? (keyed ? firstString(valueText) : undefined) ?? (how.fallback || undefined);
    }
    if (!method) continue;
    return { method: method.toLowerCase(), framework: r.framework, start: call.startIndex, end: c.end };
  }
  return undefined;
}

/** The options of an object literal argument, by key. */
function objectOptions(model: CodeModel, arg: SyntaxNode | undefined): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  if (!arg || !model.dialect.objects.includes(arg.type)) return out;
  for (let i = 0; i < arg.namedChildCount; i++) {
    const pair = arg.namedChild(i)!;
    const k = model.dialect.keyed[pair.type];
    const key = k && pair.childForFieldName(k.key);
    if (key) out.set(cleanKey(key.text), pair);
    // A shorthand `{ handler }` names its option too.
    else if (/shorthand/.test(pair.type)) out.set(pair.text, pair);
  }
  return out;
}

const HTTP_METHOD = /^(?:get|post|put|patch|delete|head|options)$/i;

/** The method of a route declared by an options object (`{ method: 'GET', url: '/x', handler }`), when it has every required option. */
function optionMethod(model: CodeModel, arg: SyntaxNode | undefined, option: string, requires: readonly string[]): string | undefined {
  const options = objectOptions(model, arg);
  if (!requires.every((alternatives) => alternatives.split('|').some((k) => options.has(k)))) return undefined;
  const value = options.get(option);
  const method = value && firstString(value.text.slice(value.text.indexOf(':') + 1));
  return method && HTTP_METHOD.test(method) ? method : undefined;
}

/** The key of a keyed argument node (python keyword, Java element pair, wrapped labelled argument). */
export function keyOfArgument(model: CodeModel, a: SyntaxNode): string | undefined {
  const k = model.dialect.keyed[a.type];
  if (k) return cleanKey(a.childForFieldName(k.key)?.text ?? '');
  if (model.dialect.argWrappers.includes(a.type)) return wrapperKey(a);
  return undefined;
}

/** The route declared by a call or function name at the node (for hover). */
export function routeAt(model: CodeModel, leaf: SyntaxNode): RouteSite | undefined {
  const hit = callWithCalleeAt(model, leaf);
  if (hit) {
    const r = routeOf(model, hit.call);
    if (r) return r;
  }
  const fn = leaf.parent;
  if (fn && model.dialect.functions.includes(fn.type) && same(fn.childForFieldName('name'), leaf)) {
    const method = methodByName(model, fn);
    if (method) return { method: method.method, framework: method.framework, start: leaf.startIndex, end: leaf.endIndex };
  }
  return undefined;
}

function methodByName(model: CodeModel, fn: SyntaxNode): { method: string; framework: string } | undefined {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return undefined;
  for (const r of FUNCTION_ROUTES) {
    if (!r.dialects.includes(model.dialect.id)) continue;
    const method = r.names[name];
    if (!method) continue;
    if (r.exported && fn.parent?.type !== 'export_statement') continue;
    if (r.selfFirst) {
      const params = fn.childForFieldName('parameters');
      if (!params || params.namedChild(0)?.text !== 'self') continue;
    }
    if (r.framework === 'Rails' && !inControllerClass(fn)) continue;
    return { method, framework: r.framework };
  }
  return undefined;
}

/** Rails actions count only inside a class whose name ends in Controller. */
function inControllerClass(fn: SyntaxNode): boolean {
  for (let n = fn.parent; n; n = n.parent) {
    if (n.type === 'class') return /Controller$/.test(n.childForFieldName('name')?.text ?? '');
  }
  return false;
}

/** The innermost function containing a node. */
export function enclosingFunction(model: CodeModel, node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (model.dialect.functions.includes(n.type)) return n;
  return undefined;
}

/** The decorators, annotations and attributes that apply to a function. */
export function decoratorsOf(model: CodeModel, fn: SyntaxNode): SyntaxNode[] {
  const d = model.dialect;
  const out: SyntaxNode[] = [];
  const take = (n: SyntaxNode | null) => {
    if (!n) return;
    if (d.decorators.includes(n.type)) out.push(n);
    else if (d.decoratorHolders.includes(n.type)) for (let i = 0; i < n.namedChildCount; i++) take(n.namedChild(i));
  };
  for (let i = 0; i < fn.childCount; i++) {
    const c = fn.child(i);
    if (c && (d.decorators.includes(c.type) || d.decoratorHolders.includes(c.type))) take(c);
  }
  // Decorators written before a class member are its preceding siblings in some grammars.
  if (d.decorators.length) {
    const parent = fn.parent;
    if (parent && d.decoratorHolders.includes(parent.type)) take(parent);
    else if (parent) {
      let idx = -1;
      for (let i = 0; i < parent.childCount; i++) if (same(parent.child(i), fn)) { idx = i; break; }
      for (let i = idx - 1; i >= 0; i--) {
        const s = parent.child(i);
        if (!s || !d.decorators.includes(s.type)) break;
        out.push(s);
      }
    }
  }
  return out;
}

/** The call inside a decorator node (or the node itself when it is call-like). */
export function decoratorCall(model: CodeModel, dec: SyntaxNode): SyntaxNode {
  for (let i = 0; i < dec.namedChildCount; i++) {
    const c = dec.namedChild(i);
    if (c && model.dialect.calls.includes(c.type)) return c;
  }
  return dec;
}

/** The method a function answers: from its decorators, the route call it is passed to, or its name. */
export function methodOfFunction(model: CodeModel, fn: SyntaxNode): string | undefined {
  return routeOfFunction(model, fn)?.method;
}

/** A function that is a route: the method it answers and the text that names it (see {@link EnclosingRoute}). */
function routeOfFunction(model: CodeModel, fn: SyntaxNode): EnclosingRoute | undefined {
  const name = fn.childForFieldName('name')?.text ?? '';
  const named = (method: string, declaration?: SyntaxNode): EnclosingRoute =>
    ({ method, names: [name, ...classNames(fn), declaration ? declaration.text.slice(0, 300) : ''].filter(Boolean).join(' ') });
  for (const dec of decoratorsOf(model, fn)) {
    const call = decoratorCall(model, dec);
    const r = routeOf(model, call);
    if (r) return named(r.method, call);
  }
  let p = fn.parent;
  if (p && model.dialect.argWrappers.includes(p.type)) p = p.parent;
  // A handler given as an option (`route({ method: 'GET', url, handler: async (req, reply) => … })`).
  if (p && model.dialect.keyed[p.type] && p.parent && model.dialect.objects.includes(p.parent.type) && p.parent.parent && model.dialect.argLists.includes(p.parent.parent.type)) {
    const call = p.parent.parent.parent;
    const r = call && routeOf(model, call);
    if (r && call) return { method: r.method, names: [name, model.text.slice(call.startIndex, Math.min(fn.startIndex, call.startIndex + 300))].join(' ') };
    return undefined;
  }
  if (p && model.dialect.argLists.includes(p.type) && p.parent) {
    const r = routeOf(model, p.parent);
    // The route call's text without the handler's body, which can be long and says nothing about the route.
    if (r) return { method: r.method, names: [name, model.text.slice(p.parent.startIndex, Math.min(fn.startIndex, p.parent.startIndex + 300))].join(' ') };
  }
  const byName = methodByName(model, fn);
  if (byName) return named(byName.method);
  const byRef = routeByReference(model, fn);
  return byRef && named(byRef.method, byRef.call);
}

/** The names of the classes around a function (`LoginAPIView`, `ProfilesController`), innermost first. */
function classNames(fn: SyntaxNode): string[] {
  const out: string[] = [];
  for (let n = fn.parent; n; n = n.parent) {
    if (/class|object_declaration|impl/.test(n.type)) {
      const name = n.childForFieldName('name')?.text;
      if (name) out.push(name);
    }
  }
  return out;
}

/** The function a decorator applies to (`@HttpCode(…)` above a method, `status_code=` in `@app.post(…)`). */
export function decoratedFunction(model: CodeModel, dec: SyntaxNode): SyntaxNode | undefined {
  const d = model.dialect;
  let p = dec.parent;
  if (p && d.decoratorHolders.includes(p.type)) {
    const definition = p.childForFieldName('definition');
    if (definition && d.functions.includes(definition.type)) return definition;
    p = p.parent;
  }
  if (p && d.functions.includes(p.type)) return p;
  // Decorators that are siblings of the member they decorate: the next function sibling.
  if (!p) return undefined;
  let seen = false;
  for (let i = 0; i < p.childCount; i++) {
    const c = p.child(i);
    if (!c) continue;
    if (same(c, dec)) { seen = true; continue; }
    if (!seen) continue;
    if (d.functions.includes(c.type)) return c;
    if (!d.decorators.includes(c.type)) return undefined;
  }
  return undefined;
}

/** The method of the route a node is in (the innermost function that is a route), if any. */
export function enclosingMethod(model: CodeModel, node: SyntaxNode): string | undefined {
  return enclosingRoute(model, node)?.method;
}

/** The route a node is in: its method, and the words that name it. */
export interface EnclosingRoute {
  method: string;
  /**
   * The handler's name, its classes' names and the route declaration's text
   * (`LoginAPIView post`, `router.POST("/:username/follow", `): what tells a
   * sign-in or an action on an existing resource from a creation.
   */
  names: string;
}

/** The innermost function around a node that is a route, with its method and names. */
export function enclosingRoute(model: CodeModel, node: SyntaxNode): EnclosingRoute | undefined {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (model.dialect.decorators.includes(n.type)) {
      const fn = decoratedFunction(model, n);
      const r = fn && routeOfFunction(model, fn);
      if (r) return r;
      continue;
    }
    if (!model.dialect.functions.includes(n.type)) continue;
    const r = routeOfFunction(model, n);
    if (r) return r;
  }
  return undefined;
}

/** The route call a named function is handed to elsewhere in the file (Gin's `router.POST("/login", UsersLogin)`). */
function routeByReference(model: CodeModel, fn: SyntaxNode): { method: string; call: SyntaxNode } | undefined {
  const name = fn.childForFieldName('name')?.text;
  if (!name || name.length < 2) return undefined;
  const d = model.dialect;
  let from = 0;
  for (let i = 0; i < 50; i++) {
    const at = model.text.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    if (at >= fn.startIndex && at < fn.endIndex) continue;
    const node = model.tree.rootNode.descendantForIndex(at, at + name.length);
    if (!node || node.text !== name) continue;
    let p = node.parent;
    // A handler option of a route declared by an options object (`route({ method: 'POST', url, handler: createOrder })`, or `{ handler }`).
    const keyed = p && d.keyed[p.type];
    if (p && keyed && keyed.value && same(p.childForFieldName(keyed.value), node)) p = p.parent;
    if (p && d.objects.includes(p.type)) p = p.parent;
    if (p && d.argWrappers.includes(p.type)) p = p.parent;
    if (p && d.argLists.includes(p.type) && p.parent) {
      const r = routeOf(model, p.parent);
      if (r) return { method: r.method, call: p.parent };
    }
  }
  return undefined;
}

/**
 * The nodes a whole-file pass classifies: integer literals and the names of
 * possible status constants. Regular expressions over the text only propose
 * places (a few thousand in a large file); the tree confirms each one, so a
 * number in a comment or a string is never a candidate. This is several times
 * faster than running a tree-sitter query over the whole tree.
 */
function candidateNodes(model: CodeModel): SyntaxNode[] {
  const { text, dialect } = model;
  const root = model.tree.rootNode;
  const out: SyntaxNode[] = [];
  const digits = /\d[\d_]*[lLuU]*/g;
  for (let m = digits.exec(text); m; m = digits.exec(text)) {
    const before = m.index > 0 ? text.charCodeAt(m.index - 1) : 32;
    // Skip digits inside identifiers and after a decimal point (a1, 1.5).
    if ((before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122) || before === 95 || before === 46 || before === 36) continue;
    const node = root.descendantForIndex(m.index, m.index + m[0].length);
    if (node && dialect.numbers.includes(node.type)) out.push(node);
  }
  for (const family of CONSTANT_FAMILIES) {
    if (!family.dialects.includes(dialect.id)) continue;
    const re = new RegExp(family.locate.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const node = root.descendantForIndex(m.index + m[0].length - 1);
      if (node) out.push(node);
    }
  }
  return out;
}

/** Every status site of the document (numbers and constants), once per version. */
export function allStatusSites(doc: StylebookDocument, model: CodeModel): StatusSite[] {
  return memoize(doc, 'code:sites', () => statusSitesOf(model));
}

const sitesByModel = new WeakMap<CodeModel, StatusSite[]>();

/** Every status site of a parsed version (cached with the model, for readers that have no document). */
function statusSitesOf(model: CodeModel): StatusSite[] {
  let out = sitesByModel.get(model);
  if (out) return out;
  out = [];
  const seen = new Set<number>();
  for (const node of candidateNodes(model)) {
    const site = statusSiteAt(model, node);
    if (!site || seen.has(site.node.startIndex)) continue;
    seen.add(site.node.startIndex);
    out.push(site);
  }
  sitesByModel.set(model, out);
  return out;
}

/** An exception class of this file whose status is set where it is declared. */
interface ClassStatus { code: number; rule: ImpliedStatusRule }

const classesByModel = new WeakMap<CodeModel, Map<string, ClassStatus>>();

/**
 * The exception classes declared in this file with a status (Spring's
 * `@ResponseStatus(HttpStatus.NOT_FOUND) class MissingException extends
 * RuntimeException`, a DRF `APIException` subclass's `status_code = 410`, a
 * NestJS `HttpException` subclass's `super(…, 410)`), by name, so that
 * constructing one elsewhere in the file answers that status. Only classes
 * whose head names an exception or error count: a controller annotated
 * `@ResponseStatus` is not thrown.
 */
function classStatuses(model: CodeModel): Map<string, ClassStatus> {
  let out = classesByModel.get(model);
  if (out) return out;
  out = new Map();
  for (const site of statusSitesOf(model)) {
    if (!site.rule) continue;
    const cls = owningClass(model, site.node);
    const name = cls?.childForFieldName('name')?.text;
    if (!cls || !name || out.has(name) || !/(?:Exception|Error)\b/.test(classHead(model, site.node))) continue;
    const line = model.text.slice(0, site.node.startIndex).split('\n').length;
    out.set(name, {
      code: site.value,
      rule: { framework: `${site.rule.framework}, through the class ${name} (line ${line})`, dialects: [model.dialect.id], callee: /$^/, codes: {} },
    });
  }
  classesByModel.set(model, out);
  return out;
}

/** The constant family the file already uses most (for completion and the literal → constant fix). */
export function fileConstantFamily(doc: StylebookDocument, model: CodeModel): ConstantFamily | undefined {
  return memoize(doc, 'code:family', () => {
    const counts = new Map<ConstantFamily, number>();
    // Bare imported names do not count: the family's writer would spell a constant the file has not imported (`status.HTTP_201_CREATED`).
    for (const s of allStatusSites(doc, model)) if (s.constant && !s.constant.bare) counts.set(s.constant.family, (counts.get(s.constant.family) ?? 0) + 1);
    let best: ConstantFamily | undefined;
    for (const [f, n] of counts) if (!best || n > counts.get(best)!) best = f;
    return best;
  });
}
