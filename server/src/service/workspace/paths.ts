/**
 * Path templates as code and specifications write them, reduced to one form
 * so that a route in code and an operation in a spec can be compared:
 * Express's `:id`, Flask's `<int:id>`, ASP.NET's `{id:int}` and OpenAPI's
 * `{id}` all become one parameter segment. Names of parameters never take
 * part in matching (code and spec often name them differently); static
 * segments are compared without regard to case, as ASP.NET and Express
 * route by default.
 */

/** A normalised path: its segments, each a lower-cased static word or PARAM. */
export interface NormalPath {
  segments: string[];
}

/** The marker of a parameter segment in a normalised path. */
export const PARAM = '{}';

/**
 * Normalises a path template, or returns undefined when it holds something
 * that cannot be compared segment by segment: wildcards, optional or
 * catch-all parameters, regular expressions, or a parameter that is only part
 * of a segment (`/files/{name}.{ext}`, `/:from-:to`).
 */
export function normalisePath(template: string): NormalPath | undefined {
  const t = template.trim();
  const segments: string[] = [];
  for (const raw of t.split('/')) {
    if (!raw) continue;
    const seg = paramSegment(raw);
    if (seg === undefined) return undefined;
    segments.push(seg);
  }
  return { segments };
}

/** One segment normalised: PARAM, a lower-cased static word, or undefined when it cannot be compared. */
function paramSegment(raw: string): string | undefined {
  // Express `:id`, with an optional regular-expression constraint `:id(\d+)`; optional `:id?` and repeated `:id*`/`:id+` are not one segment.
  if (/^:[A-Za-z_$][\w$]*(?:\([^/]*\))?$/.test(raw)) return PARAM;
  // Flask and Django `<id>`, `<int:id>`; `<path:p>` spans segments.
  const angle = /^<(?:(\w+):)?(\w+)>$/.exec(raw);
  if (angle) return angle[1] === 'path' ? undefined : PARAM;
  // OpenAPI, FastAPI, Spring, ASP.NET: `{id}`, `{id:int}`, `{id:[0-9]+}`; catch-alls `{*rest}`, `{**rest}`, `{rest:path}` and optional `{id?}` are not one segment.
  const brace = /^\{([^{}]+)\}$/.exec(raw);
  if (brace) {
    const inner = brace[1];
    if (/^\*|\?$/.test(inner) || /:path$/.test(inner) || /:\.\+$/.test(inner)) return undefined;
    return PARAM;
  }
  // A literal segment: no wildcard, parameter or pattern syntax inside it.
  if (/[:{}<>*()?+[\]\\|^$]/.test(raw)) return undefined;
  return raw.toLowerCase();
}

/** Joins route prefixes and a route's own path as the framework does (one slash between parts). */
export function joinPaths(...parts: string[]): string {
  const segs: string[] = [];
  for (const p of parts) for (const s of p.split('/')) if (s) segs.push(s);
  return `/${segs.join('/')}`;
}

/** The text of a normalised path, for display and as a map key. */
export function pathKey(p: NormalPath): string {
  return `/${p.segments.join('/')}`;
}

/** True when two normalised paths are the same route. */
export function samePath(a: NormalPath, b: NormalPath): boolean {
  if (a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) if (a.segments[i] !== b.segments[i]) return false;
  return true;
}

/**
 * True when `whole` ends with `tail` at a segment boundary: a route whose
 * code is mounted under a prefix we cannot see (a router mounted in another
 * file) may be any such path. The part in front must be at least one segment.
 */
export function endsWithPath(whole: NormalPath, tail: NormalPath): boolean {
  const extra = whole.segments.length - tail.segments.length;
  if (extra < 0) return false;
  for (let i = 0; i < tail.segments.length; i++) if (whole.segments[extra + i] !== tail.segments[i]) return false;
  return true;
}

/**
 * The path prefixes a specification's operations are served under: the
 * path part of each `servers` URL (3.x) or `basePath` (2.0), plus the bare
 * root (code often serves the spec's paths without the base, behind a proxy
 * or with the base configured outside the code). A server URL whose path
 * holds a variable gives no prefix we can use.
 */
export function serverBases(servers: readonly ServerUrl[], basePath: string | undefined): NormalPath[] {
  const out: NormalPath[] = [{ segments: [] }];
  const add = (path: string) => {
    const n = normalisePath(path);
    if (n && n.segments.length && !out.some((o) => samePath(o, n))) out.push(n);
  };
  if (basePath && !basePath.includes('{')) add(basePath);
  for (const server of servers) {
    // The path of an absolute or relative URL (the host may hold variables: only the path matters).
    const m = /^(?:[a-z{][^:/]*:\/\/[^/]*)?(\/[^?#]*)?/i.exec(server.url.trim());
    const path = m?.[1];
    if (!path) continue;
    for (const p of substitute(path, server.variables ?? {})) if (!p.includes('{')) add(p);
  }
  return out;
}

/** A server of a 3.x spec: its URL and the values its variables may take (default first, then the enum). */
export interface ServerUrl {
  url: string;
  variables?: Record<string, string[]>;
}

/** The paths a templated server path stands for, each variable replaced by each of its values (at most 16 paths). */
function substitute(path: string, variables: Record<string, string[]>): string[] {
  let paths = [path];
  for (const [name, values] of Object.entries(variables)) {
    if (!path.includes(`{${name}}`) || !values.length) continue;
    paths = paths.flatMap((p) => values.map((v) => p.split(`{${name}}`).join(v))).slice(0, 16);
  }
  return paths;
}

/** A base and a spec path as one normalised path (undefined when the spec path cannot be compared). */
export function withBase(base: NormalPath, specPath: NormalPath): NormalPath {
  return { segments: [...base.segments, ...specPath.segments] };
}
