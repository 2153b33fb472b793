/**
 * Pagination rules: collection GETs declare the team's pagination
 * parameters, and one document spells each pagination parameter one way.
 */
import { getProp, type ObjectNode } from '../../parse/ast';
import type { StylebookSettings } from '../../settings';
import { isTemplate, pathSegments, type OpenApiModel, type Operation } from '../model';
import type { Rule } from './types';
import { compareNames } from '../../compare';

/**
 * The roles pagination parameters play, with the spellings in use. Data: to
 * teach the rules a new spelling, add it here.
 */
export const PAGINATION_ROLES: Record<string, string[]> = {
  size: ['limit', 'page_size', 'pagesize', 'per_page', 'perpage', 'size', 'max_results', 'maxresults', 'top', '$top'],
  page: ['page', 'page_number', 'pagenumber', 'page_num'],
  offset: ['offset', 'skip', '$skip', 'start'],
  cursor: ['cursor', 'page_token', 'pagetoken', 'starting_after', 'continuation_token', 'continuationtoken', 'next_token', 'nexttoken', 'after'],
};

/** Spellings that as often mean something else, judged only beside another pagination parameter. */
const AMBIGUOUS = new Set(['size', 'top', 'start', 'after', 'skip']);

/** Which position parameter each configured style expects. */
const STYLE_POSITION: Record<StylebookSettings['pagination']['style'], string[]> = {
  offset: ['offset'],
  cursor: PAGINATION_ROLES.cursor,
  page: ['page'],
  any: [...PAGINATION_ROLES.page, ...PAGINATION_ROLES.offset, ...PAGINATION_ROLES.cursor],
};

/** The parameters a fix adds for each style ('any' gets the most common pair). */
const STYLE_PARAMS: Record<StylebookSettings['pagination']['style'], string[]> = {
  offset: ['offset', 'limit'], cursor: ['cursor', 'limit'], page: ['page', 'page_size'], any: ['offset', 'limit'],
};

const STYLE_NAMES: Record<StylebookSettings['pagination']['style'], string> = {
  offset: 'offset and limit', cursor: 'cursor and limit', page: 'page and page_size', any: 'pagination',
};

function roleOf(name: string): string | undefined {
  const n = name.toLowerCase();
  for (const [role, names] of Object.entries(PAGINATION_ROLES)) if (names.includes(n)) return role;
  return undefined;
}

/** True when a GET returns a list: the 200 schema is an array, or an object with an array property. */
function returnsList(op: Operation, model: OpenApiModel): boolean {
  const ok = op.responses.find((r) => r.key === '200');
  if (!ok?.node) return false;
  const schemas = [getProp(ok.node, 'schema')];
  const content = getProp(ok.node, 'content');
  if (content?.kind === 'object') for (const mt of content.props) schemas.push(getProp(mt.node, 'schema'));
  return schemas.some((s) => {
    const r = model.resolve(s);
    if (getProp(r, 'type')?.kind === 'string' && (getProp(r, 'type') as { value: unknown }).value === 'array') return true;
    const props = getProp(r, 'properties');
    return props?.kind === 'object' && props.props.some((p) => {
      const t = getProp(model.resolve(p.node), 'type');
      return t?.kind === 'string' && t.value === 'array';
    });
  });
}

export const paginationParams: Rule = {
  id: 'pagination-params',
  topic: 'collection-pagination',
  defaultSeverity: 'warning',
  summary: 'When `pagination.required` is on, a GET on a collection that returns a list declares the pagination parameters of `pagination.style`.',
  keywords: ['paginat', 'paging', 'page'],
  checkOperation(op, ctx, report) {
    const { required, style } = ctx.settings.pagination;
    if (!required || op.method !== 'get') return;
    const last = pathSegments(op.path).pop();
    if (!last || isTemplate(last) || !returnsList(op, ctx.model)) return;
    const expected = STYLE_POSITION[style];
    if (op.parameters.some((p) => p.in === 'query' && expected.includes(p.name.toLowerCase()))) return;
    // The fix adds the style's pair, minus a page-size parameter the operation already has.
    const hasSize = op.parameters.some((p) => p.in === 'query' && PAGINATION_ROLES.size.includes(p.name.toLowerCase()));
    const names = STYLE_PARAMS[style].filter((n) => !(hasSize && PAGINATION_ROLES.size.includes(n)));
    report({
      offset: op.prop.keyOffset, end: op.prop.keyEnd, operation: op,
      message: `GET ${op.path} returns a list but declares no ${STYLE_NAMES[style]} parameters; an unpaginated collection grows until it times out.`,
      fixes: [{ kind: 'add-pagination', title: `Add the query parameters ${names.join(' and ')}`, path: op.path, method: op.method, value: names.join(',') }],
    });
  },
};

export const paginationConsistency: Rule = {
  id: 'pagination-consistency',
  topic: 'collection-pagination',
  defaultSeverity: 'warning',
  summary: 'One document spells each pagination parameter one way (not `per_page` here and `page_size` there); the most common spelling wins. A name counts only beside another pagination parameter, and an operation that takes both spellings is left alone.',
  keywords: ['paginat', 'paging', 'consisten'],
  checkDocument(ctx, report) {
    // Each parameter definition counts once, however many operations share it by $ref.
    const seen = new Set<object>();
    const uses: Array<{ role: string; name: string; node: ObjectNode; op: Operation }> = [];
    const namesOf = new Map<Operation, Set<string>>();
    for (const op of ctx.model.operations) {
      const query = op.parameters.filter((p) => p.in === 'query');
      const roles = new Set(query.map((p) => roleOf(p.name)).filter((r) => r !== undefined));
      namesOf.set(op, new Set(query.map((p) => p.name)));
      for (const p of query) {
        if (seen.has(p.node)) continue;
        seen.add(p.node);
        const role = roleOf(p.name);
        // A name that means other things counts as pagination only beside a parameter of another
        // role: `size` alone is a thumbnail's or a file's size, `start` alone a date, `after` a filter.
        if (role && (!AMBIGUOUS.has(p.name.toLowerCase()) || [...roles].some((r) => r !== role))) uses.push({ role, name: p.name, node: p.node, op });
      }
    }
    const byRole = new Map<string, Map<string, number>>();
    for (const u of uses) {
      const m = byRole.get(u.role) ?? new Map<string, number>();
      m.set(u.name, (m.get(u.name) ?? 0) + 1);
      byRole.set(u.role, m);
    }
    for (const u of uses) {
      const counts = byRole.get(u.role)!;
      if (counts.size < 2) continue;
      const dominant = [...counts].sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]))[0][0];
      // An operation that takes both spellings offers two styles on purpose (page with page_size, offset with limit).
      if (u.name === dominant || namesOf.get(u.op)!.has(dominant)) continue;
      const nameNode = getProp(u.node, 'name')!;
      report({
        offset: nameNode.offset, end: nameNode.end, operation: u.op,
        message: `"${u.name}" and "${dominant}" name the same pagination parameter in this document, where ${dominant} is the more common spelling; one spelling is easier to learn.`,
        fixes: [{ kind: 'replace-value', title: `Rename the parameter to ${dominant}`, value: dominant }],
      });
    }
  },
};
