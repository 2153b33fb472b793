/**
 * Rules about path templates: the case of their segments, verbs in them and
 * where the API version lives.
 */
import { getProp } from '../../parse/ast';
import type { StylebookSettings } from '../../settings';
import { isTemplate, pathSegments, stringProp, type OpenApiModel, type PathItem } from '../model';
import type { Finding, Rule } from './types';

export type Case = 'kebab-case' | 'snake_case' | 'camelCase';

const CASE_TEST: Record<Case, RegExp> = {
  'kebab-case': /^[a-z0-9]+(-[a-z0-9]+)*$/,
  snake_case: /^[a-z0-9]+(_[a-z0-9]+)*$/,
  camelCase: /^[a-z][a-z0-9]*([A-Z][a-z0-9]*)*$/,
};

/**
 * The word parts of a segment that our case rules judge: a Google-style
 * `:action` suffix and a file extension are judged separately or not at all,
 * and segments with other punctuation (`$metadata`, `@me`) are left alone.
 */
function words(segment: string): string[] | undefined {
  const parts = segment.split(':').map((p) => p.replace(/\.[a-z0-9]+$/i, ''));
  return parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p)) ? parts.filter((p) => p.length > 0) : undefined;
}

/** Splits a name into lower-case words at `-`, `_` and camel humps. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Writes a name in a case. */
export function toCase(name: string, c: Case): string {
  const w = splitWords(name);
  if (c === 'kebab-case') return w.join('-');
  if (c === 'snake_case') return w.join('_');
  return w.map((x, i) => (i === 0 ? x : x[0].toUpperCase() + x.slice(1))).join('');
}

/** The case a multi-word part is written in, or undefined for one lower-case word (fits every case) or a mix. */
function caseOf(part: string): Case | 'single' | undefined {
  if (/^[a-z0-9]+$/.test(part)) return 'single';
  for (const c of ['kebab-case', 'snake_case', 'camelCase'] as Case[]) if (CASE_TEST[c].test(part)) return c;
  return undefined;
}

/** Rewrites every non-template segment of a path into a case. */
function pathInCase(path: string, c: Case): string {
  return path
    .split('/')
    .map((seg) => (seg === '' || isTemplate(seg) || !words(seg) ? seg : seg.replace(/[A-Za-z0-9_-]+/g, (p) => (caseOf(p) === 'single' ? p : toCase(p, c)))))
    .join('/');
}

/** The parts of a path not in a case. `memo` keeps each segment's answer: the paths of an API share most of their segments. */
function offending(path: string, c: Case, memo: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const seg of pathSegments(path)) {
    let bad = memo.get(seg);
    if (!bad) memo.set(seg, (bad = isTemplate(seg) ? [] : (words(seg) ?? []).filter((p) => !CASE_TEST[c].test(p))));
    out.push(...bad);
  }
  return out;
}

const pathKey = (p: PathItem) => ({ offset: p.prop.keyOffset, end: p.prop.keyEnd, pathItem: p });

/** Rewrites the named parts of a path's non-template segments into a case, leaving every other part as written. */
function renameParts(path: string, parts: ReadonlySet<string>, c: Case): string {
  return path
    .split('/')
    .map((seg) => (seg === '' || isTemplate(seg) || !words(seg) ? seg : seg.replace(/[A-Za-z0-9_-]+/g, (p) => (parts.has(p) ? toCase(p, c) : p))))
    .join('/');
}

export const pathCase: Rule = {
  id: 'path-case',
  topic: 'naming-case',
  defaultSeverity: 'warning',
  summary: 'With a case set in `naming.pathCase`, path segments use it; path parameters are not judged. (Unset, `path-case-mixed` checks that paths agree.)',
  keywords: ['case', 'naming', 'url', 'path', 'kebab'],
  checkDocument(ctx, report) {
    const c = ctx.settings.naming.pathCase;
    if (c === 'any') return;
    const memo = new Map<string, string[]>();
    for (const p of ctx.model.paths) {
      const bad = offending(p.path, c, memo);
      if (!bad.length) continue;
      const fixed = pathInCase(p.path, c);
      report({
        ...pathKey(p),
        message: `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not in ${c}, the case naming.pathCase sets for path segments.`,
        fixes: fixed !== p.path ? [{ kind: 'rename-path', title: `Rename the path to ${fixed}`, path: p.path, value: fixed }] : [],
      });
    }
  },
};

export const pathCaseMixed: Rule = {
  id: 'path-case-mixed',
  topic: 'naming-case',
  defaultSeverity: 'warning',
  summary: 'When no case is set (`naming.pathCase: any`, the default), paths agree on one: a multi-word segment in another case than most of the document\'s is reported.',
  keywords: ['case', 'naming', 'consisten'],
  checkDocument(ctx, report) {
    if (ctx.settings.naming.pathCase !== 'any') return;
    // Paths per case (a path counts once per case it uses), and each path's multi-word parts by case.
    const counts = new Map<Case, number>();
    const perPath = ctx.model.paths.map((p) => {
      const parts = new Map<string, Case>();
      for (const seg of pathSegments(p.path)) {
        if (isTemplate(seg)) continue;
        for (const part of words(seg) ?? []) {
          const c = caseOf(part);
          if (c && c !== 'single') parts.set(part, c);
        }
      }
      for (const c of new Set(parts.values())) counts.set(c, (counts.get(c) ?? 0) + 1);
      return parts;
    });
    if (counts.size < 2) return;
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    // A tie has no dominant case to measure against: which side breaks the rule would be a guess.
    if (ranked[0][1] === ranked[1][1]) return;
    const [dominant, uses] = ranked[0];
    ctx.model.paths.forEach((p, i) => {
      const odd = [...perPath[i]].filter(([, c]) => c !== dominant);
      if (!odd.length) return;
      const fixed = renameParts(p.path, new Set(odd.map(([part]) => part)), dominant);
      const what = odd.map(([part, c]) => `"${part}" is ${c}`).join(', ');
      const against = [...new Set(odd.map(([, c]) => c))].map((c) => `${counts.get(c)} with ${c}`).join(' and ');
      report({
        ...pathKey(p),
        message: `${what}, while most paths in this document use ${dominant} (${uses} paths, against ${against}); one case across the API is easier to guess.`,
        fixes: fixed !== p.path ? [{ kind: 'rename-path', title: `Rename the path to ${fixed}`, path: p.path, value: fixed }] : [],
      });
    });
  },
};

/** Verbs that say what the HTTP method already says: data, so that the list is easy to extend. */
export const PATH_VERBS = new Set([
  'get', 'set', 'create', 'add', 'update', 'delete', 'remove', 'fetch', 'retrieve', 'list', 'modify', 'edit', 'insert', 'save', 'change', 'put', 'post', 'patch', 'make', 'do',
]);

/**
 * Verbs that are as often nouns: `/list/{listId}`, `/post/{postId}` and
 * `/set/{setId}` name a resource, so these count as verbs only when no path
 * parameter follows them (`/findings/list`, `/posts/{id}/update` stay verbs).
 */
const NOUN_LIKE_VERBS = new Set(['list', 'post', 'set', 'change', 'patch', 'save', 'edit', 'update', 'insert']);

/** Compound nouns that begin with a verb's spelling (add-ons, Twilio's `AddOnResults`, change requests and logs, set-ups), matched on the segment's words. */
const VERB_NOUNS = /^(?:add ons?|change (?:requests?|logs?|sets?|feeds?)|set up|list (?:items?|entry|entries|members?)|update (?:logs?|history))(?: |$)/;

export const pathVerb: Rule = {
  id: 'path-verb',
  topic: 'resource-action',
  defaultSeverity: 'hint',
  summary: 'A path segment that starts with a CRUD verb (`/createUser`, `/get-orders`) repeats what the HTTP method says; name the resource instead. A word that is as often a noun (`list`, `post`, `set`) followed by a path parameter names a resource and is left alone.',
  keywords: ['action', 'verb', 'noun', 'resource'],
  checkDocument(ctx, report) {
    // Each segment's verb ('' for none), worked out once: the paths of an API share most of their segments.
    const verbs = new Map<string, string>();
    const verbOf = (seg: string): string => {
      let v = verbs.get(seg);
      if (v === undefined) {
        const head = seg.split(':')[0];
        const split = isTemplate(seg) ? [] : splitWords(head);
        const first = VERB_NOUNS.test(split.join(' ')) ? undefined : split[0];
        verbs.set(seg, (v = first && PATH_VERBS.has(first) ? first : ''));
      }
      return v;
    };
    for (const p of ctx.model.paths) {
      const segs = pathSegments(p.path);
      for (let i = 0; i < segs.length; i++) {
        const seg = segs[i];
        const first = verbOf(seg);
        if (!first) continue;
        const alone = splitWords(seg.split(':')[0].replace(/\.[a-z0-9]+$/i, '')).length === 1;
        if (alone && NOUN_LIKE_VERBS.has(first) && i + 1 < segs.length && isTemplate(segs[i + 1])) continue;
        report({
          ...pathKey(p),
          message: `"${seg}" starts with the verb "${first}": paths name resources and the HTTP method says what happens to them; an action that fits no method can be a sub-resource or a :${first} style custom method.`,
        });
        break;
      }
    }
  },
};

const VERSION_SEGMENT = /^v\d+(\.\d+)*$|^\d{4}-\d{2}-\d{2}$/i;
const VERSION_PARAM = /^(api[-_]?)?version$|^v$/i;

/** Where the version shows: segments in `servers`/`basePath` and in paths. */
function serverHasVersion(m: OpenApiModel): boolean {
  const bases: string[] = [];
  const base = stringProp(m.root, 'basePath');
  if (base) bases.push(base);
  const servers = getProp(m.root, 'servers');
  if (servers?.kind === 'array') for (const s of servers.items) { const u = stringProp(s, 'url'); if (u) bases.push(u); }
  return bases.some((b) => b.split('/').some((s) => VERSION_SEGMENT.test(s)));
}

const STYLE_WORDS: Record<StylebookSettings['versioning']['style'], string> = {
  path: 'in the path (/v1/…)', header: 'in a header', query: 'in a query parameter', 'media-type': 'in the media type', any: '',
};

export const versioningStyle: Rule = {
  id: 'versioning-style',
  topic: 'versioning',
  defaultSeverity: 'warning',
  summary: 'The API version lives where the team said (`versioning.style`: path, header, query or media-type).',
  keywords: ['version'],
  checkDocument(ctx, report) {
    const style = ctx.settings.versioning.style;
    if (style === 'any') return;
    const want = STYLE_WORDS[style];
    const m = ctx.model;
    if (style === 'path') {
      if (serverHasVersion(m) || !m.paths.length) return;
      if (m.paths.every((p) => pathSegments(p.path).some((s) => VERSION_SEGMENT.test(s)))) return;
      const missing = m.paths.filter((p) => !pathSegments(p.path).some((s) => VERSION_SEGMENT.test(s)));
      for (const p of missing) report({ ...pathKey(p), message: `This team versions ${want}, but neither the servers nor this path carry a version segment such as /v1.` });
    } else {
      for (const p of m.paths) {
        const seg = pathSegments(p.path).find((s) => VERSION_SEGMENT.test(s));
        if (seg) report({ ...pathKey(p), message: `"${seg}" puts the version in the path, but this team versions ${want}.` });
      }
    }
    // Version parameters in the wrong place.
    const seen = new Set<object>();
    for (const op of m.operations) {
      for (const prm of op.parameters) {
        if (!VERSION_PARAM.test(prm.name) || seen.has(prm.node)) continue;
        seen.add(prm.node);
        const fits = (style === 'query' && prm.in === 'query') || (style === 'header' && prm.in === 'header');
        if (fits || (prm.in !== 'query' && prm.in !== 'header')) continue;
        const nameNode = getProp(prm.node, 'name')!;
        const f: Finding = { offset: nameNode.offset, end: nameNode.end, operation: op, message: `The ${prm.in} parameter "${prm.name}" carries the version, but this team versions ${want}.` };
        report(f);
      }
    }
  },
};
