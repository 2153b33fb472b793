import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import { orderGuides } from '../card';
import { escapeMarkdown } from '../markdown';
import type { StylebookDocument } from '../document';
import { STATUS_CODES } from '../http/statusCodes';
import type { StylebookSettings } from '../settings';
import { argListOf, calleeOf, codeModel, enclosingMethod, fileConstantFamily, ruleForSlot, slotOf, statusSiteAt, type CodeModel, type Slot } from './sites';
import { CONSTANT_FAMILIES, normaliseExpression } from './constants';
import type { StatusSlotRule } from './frameworks';
import type { CodeParsers, SyntaxNode } from './syntax';

/**
 * The codes offered first for a route of each method, in order; the rest
 * follow in numeric order. The order follows what the guides recommend a
 * handler of that method to answer (POST creates: 201, or 202 when the work
 * is queued; then the errors a creation meets).
 */
export const RANKED_BY_METHOD: Readonly<Record<string, readonly number[]>> = {
  post: [201, 202, 400, 409, 422, 401, 403, 404, 415, 429, 303, 200, 204, 500, 503],
  get: [200, 304, 404, 400, 401, 403, 406, 410, 429, 206, 301, 302, 307, 308, 500, 503],
  head: [200, 304, 404, 400, 401, 403, 410, 500],
  put: [200, 204, 201, 400, 404, 409, 412, 415, 422, 428, 401, 403, 500],
  patch: [200, 204, 400, 404, 409, 412, 415, 422, 428, 401, 403, 500],
  delete: [204, 202, 200, 404, 409, 410, 412, 401, 403, 500],
  options: [204, 200, 405],
  '': [200, 201, 204, 400, 401, 403, 404, 409, 422, 500, 503],
};

/** A status slot at the cursor: where it is, its rule, and the range a completion replaces. */
interface SlotHit { slot: Slot; node: SyntaxNode; replace: [number, number] }

/** The status slot at the cursor with the rule that makes it one. */
function slotAt(model: CodeModel, offset: number): (SlotHit & { rule: StatusSlotRule }) | undefined {
  const hit = findSlot(model, offset) ?? emptyTupleSlot(model, offset) ?? slotFromText(model, offset);
  const rule = hit && ruleForSlot(model, hit.slot, hit.node);
  return hit && rule ? { ...hit, rule } : undefined;
}

/** The status slot at the cursor, including an empty one (`res.status(|)`), and the range a completion replaces. */
function findSlot(model: CodeModel, offset: number): SlotHit | undefined {
  const root = model.tree.rootNode;
  const before = root.descendantForIndex(Math.max(0, offset - 1));
  // A number or constant being typed: complete over it.
  if (before && offset > before.startIndex && offset <= before.endIndex) {
    if (model.dialect.numbers.includes(before.type) || /identifier|name|symbol/.test(before.type)) {
      const site = statusSiteAt(model, before);
      if (site?.slot && site.rule) return { slot: site.slot, node: site.node, replace: [site.node.startIndex, offset > site.node.endIndex ? offset : site.node.endIndex] };
      if (model.dialect.numbers.includes(before.type)) {
        const slot = slotOf(model, before);
        if (slot && ruleForSlot(model, slot, before)) return { slot, node: before, replace: [before.startIndex, before.endIndex] };
      }
    }
  }
  // An assignment being typed (`ctx.status = |`) has no value node yet: read its target from the line.
  const lineStart = model.text.lastIndexOf('\n', offset - 1) + 1;
  const assigned = /([A-Za-z_$][\w$]*(?:\s*(?:\.|->)\s*[A-Za-z_$][\w$]*)+)\s*=\s*$/.exec(model.text.slice(lineStart, offset));
  if (assigned && Object.keys(model.dialect.assignments).length) {
    const slot: Slot = { kind: 'assign', target: normaliseExpression(assigned[1]) };
    const at = root.descendantForIndex(Math.max(0, lineStart + assigned.index));
    if (at && !model.dialect.comments.includes(at.type) && ruleForSlot(model, slot, at)) return { slot, node: at, replace: [offset, offset] };
  }
  // An empty position inside an argument list: the index is the number of separators before the cursor.
  // A list without parentheses (Ruby's `render json: x, status: |`) ends before the blanks the cursor follows.
  let back = offset;
  while (back > 0 && (model.text[back - 1] === ' ' || model.text[back - 1] === '\t')) back--;
  for (let n: SyntaxNode | null = root.descendantForIndex(Math.max(0, back - 1)); n; n = n.parent) {
    if (!model.dialect.argLists.includes(n.type) || offset <= n.startIndex) continue;
    const parenthesised = model.text[n.startIndex] === '(';
    if (parenthesised ? offset >= n.endIndex : n.endIndex < back) continue;
    const call = n.parent;
    if (!call) return undefined;
    const inside = model.text.slice(n.startIndex + (parenthesised ? 1 : 0), offset);
    let index = 0;
    let depth = 0;
    for (const ch of inside) {
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
      else if (ch === ',' && depth === 0) index++;
    }
    const segment = inside.slice(inside.lastIndexOf(',') + 1);
    const keyed = /([A-Za-z_]\w*)\s*(?:=|:)\s*$/.exec(segment);
    // Inside an object passed as an argument (`{ status: | }`), the key is the object's.
    const slot: Slot = { kind: 'arg', call, callee: calleeOf(model, call, argListOf(model.dialect, call)).text, index, ...(keyed ? { key: keyed[1] } : {}) };
    if (ruleForSlot(model, slot, n)) return { slot, node: n, replace: [offset, offset] };
    return undefined;
  }
  return undefined;
}

/** The empty element after a returned tuple's comma (Flask's `return body, |`), which the grammar keeps as a trailing comma. */
function emptyTupleSlot(model: CodeModel, offset: number): SlotHit | undefined {
  let back = offset;
  while (back > 0 && (model.text[back - 1] === ' ' || model.text[back - 1] === '\t')) back--;
  const comma = model.tree.rootNode.descendantForIndex(Math.max(0, back - 1));
  const tuple = comma?.parent;
  if (!comma || comma.type !== ',' || !tuple || !model.dialect.returnTuples.includes(tuple.type) || tuple.parent?.type !== 'return_statement') return undefined;
  let index = 0;
  for (let i = 0; i < tuple.namedChildCount; i++) if (tuple.namedChild(i)!.startIndex < back && !model.dialect.comments.includes(tuple.namedChild(i)!.type)) index++;
  return { slot: { kind: 'return', index }, node: comma, replace: [offset, offset] };
}

/**
 * An empty first argument that the grammar cannot place in an argument
 * list (Go reads `c.JSON(, body)` as a type conversion with an error): the
 * call is read from the text, the innermost open parenthesis on the line
 * and the name before it. The tree still decides that the parenthesis is
 * code, not a string or a comment.
 */
function slotFromText(model: CodeModel, offset: number): SlotHit | undefined {
  const lineStart = model.text.lastIndexOf('\n', offset - 1) + 1;
  const line = model.text.slice(lineStart, offset);
  let depth = 0;
  let open = -1;
  for (let i = line.length - 1; i >= 0; i--) {
    const ch = line[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (depth === 0) { open = ch === '(' ? i : -1; break; }
      depth--;
    }
  }
  if (open < 0) return bareCallSlot(model, lineStart, line);
  const name = /([A-Za-z_$][\w$]*(?:\s*(?:\.|->|::)\s*[A-Za-z_$][\w$]*)*)\s*$/.exec(line.slice(0, open));
  const paren = model.tree.rootNode.descendantForIndex(lineStart + open, lineStart + open + 1);
  if (!name || !paren || paren.type !== '(') return undefined;
  const inside = line.slice(open + 1);
  if (/["'`]/.test(inside)) return undefined;
  let index = 0;
  let d = 0;
  for (const ch of inside) {
    if ('([{'.includes(ch)) d++;
    else if (')]}'.includes(ch)) d--;
    else if (ch === ',' && d === 0) index++;
  }
  const keyed = /([A-Za-z_]\w*)\s*(?:=|:)\s*$/.exec(inside.slice(inside.lastIndexOf(',') + 1));
  const slot: Slot = { kind: 'arg', call: paren, callee: normaliseExpression(name[1]), index, ...(keyed ? { key: keyed[1] } : {}) };
  return { slot, node: paren, replace: [offset, offset] };
}

/** The first argument of a call written without parentheses and without arguments yet (Ruby's `head |`). */
function bareCallSlot(model: CodeModel, lineStart: number, line: string): SlotHit | undefined {
  if (!model.dialect.bareCalls) return undefined;
  const m = /(?:^|[^\w.:$@])([a-z_]\w*)[ \t]+$/.exec(line);
  if (!m) return undefined;
  const at = lineStart + m.index + m[0].indexOf(m[1]);
  const name = model.tree.rootNode.descendantForIndex(at, at + m[1].length);
  if (!name || name.type !== 'identifier' || name.text !== m[1]) return undefined;
  return { slot: { kind: 'arg', call: name, callee: m[1], index: 0 }, node: name, replace: [lineStart + line.length, lineStart + line.length] };
}

/** The codes offered first in a slot that takes only an error: the method's ranked errors, then the common ones. */
function errorsFirst(ranked: readonly number[]): number[] {
  return [...new Set([...ranked.filter((c) => c >= 400), ...RANKED_BY_METHOD[''].filter((c) => c >= 400)])];
}

/** The short documentation of a status item: phrase, the topic's description, and who covers it. */
function compactDoc(code: number, phrase: string, catalog: Catalog, settings: StylebookSettings): string {
  const lines = [`**${code} ${escapeMarkdown(phrase)}**`];
  const topic = catalog.forStatus(code);
  if (topic) {
    if (topic.description) lines.push(escapeMarkdown(topic.description));
    const names = [...new Set(orderGuides(topic.guidelines, settings.guideProfile).map((g) => g.company))];
    if (names.length) lines.push(`${names.length} ${names.length === 1 ? 'guide covers' : 'guides cover'} it: ${names.slice(0, 6).map(escapeMarkdown).join(', ')}${names.length > 6 ? ', …' : ''}`);
  }
  return lines.join('\n\n');
}

/** Completion in route-handler code: status codes in a status position, ranked by the enclosing route's method. */
export function doCodeComplete(doc: StylebookDocument, position: Position, catalog: Catalog, settings: StylebookSettings, parsers: CodeParsers): CompletionList | null {
  const model = codeModel(doc, parsers);
  if (!model) return null;
  const td = doc.textDocument;
  const offset = td.offsetAt(position);
  const at = slotAt(model, offset);
  if (!at) return null;
  const method = enclosingMethod(model, at.node) ?? '';
  const byMethod = RANKED_BY_METHOD[method] ?? RANKED_BY_METHOD[''];
  const ranked = at.rule.errors ? errorsFirst(byMethod) : byMethod;
  const family = at.rule.constants ? CONSTANT_FAMILIES.find((f) => f.id === at.rule.constants) : fileConstantFamily(doc, model);
  const range = { start: td.positionAt(at.replace[0]), end: td.positionAt(at.replace[1]) };
  const items: CompletionItem[] = [];
  for (const info of STATUS_CODES) {
    if (info.unused) continue;
    const rank = ranked.indexOf(info.code);
    const topic = catalog.forStatus(info.code);
    const companies = topic ? [...new Set(topic.guidelines.map((g) => g.company))] : [];
    const guides = companies.length ? ` — ${companies.length} ${companies.length === 1 ? 'guide' : 'guides'}: ${companies.slice(0, 4).join(', ')}${companies.length > 4 ? ', …' : ''}` : '';
    const constant = family?.write(info.code);
    const text = constant ?? String(info.code);
    items.push({
      label: text,
      kind: constant ? CompletionItemKind.Constant : CompletionItemKind.Value,
      detail: `${info.code} ${info.phrase}${guides}`,
      // A compact documentation inline; the full card comes on completionItem/resolve (the shared `stylebook` status reference).
      documentation: { kind: 'markdown', value: compactDoc(info.code, info.phrase, catalog, settings) },
      data: { stylebook: { k: 'status', code: info.code, facts: [] } },
      sortText: rank >= 0 ? `0${String(rank).padStart(2, '0')}` : `1${info.code}`,
      filterText: `${info.code} ${text}`,
      textEdit: { range, newText: text },
      ...(rank >= 0 && rank < 5 && method ? { labelDetails: { description: `recommended for ${method.toUpperCase()}` } } : {}),
    });
  }
  return { isIncomplete: false, items };
}
