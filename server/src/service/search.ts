/**
 * Ranked, typo-tolerant search over catalog topics. Pure and dependency-free,
 * so the same function ranks results in the language server, in the CLI
 * (`stylebook search`) and, on a plain-data copy of the index, in the
 * editor's QuickPick where every keystroke must answer instantly.
 */

/**
 * What search looks at in a topic. A catalog `Topic` satisfies it as it is,
 * and so does the summary the server sends to the editor.
 */
export interface SearchableTopic {
  id: string;
  name: string;
  category: string;
  description: string;
  guidelines: ReadonlyArray<{ id?: string; company: string; title: string; references: ReadonlyArray<{ name: string }> }>;
}

/** One ranked result. */
export interface SearchHit<T extends SearchableTopic = SearchableTopic> {
  topic: T;
  /** Higher is better; only meaningful relative to other hits of the same query. */
  score: number;
  /** The fields that matched, strongest first (e.g. `name`, `section`), for explaining a result. */
  matched: SearchField[];
}

export type SearchField = 'name' | 'id' | 'category' | 'description' | 'section' | 'guide';

export interface SearchOptions {
  /** At most this many hits (default: all). */
  limit?: number;
}

/**
 * Words people type for a topic that its own text may not contain. Each key
 * expands to the listed alternatives (single words or phrases). Kept as data
 * so that adding a synonym is a one-line change with a test.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  paging: ['pagination', 'page', 'cursor'],
  paginate: ['pagination'],
  page: ['pagination'],
  pages: ['pagination'],
  cursor: ['pagination'],
  offset: ['pagination'],
  rate: ['rate limiting', 'too many requests', 'throttling', 'quota'],
  ratelimit: ['rate limiting', 'too many requests'],
  throttle: ['rate limiting', 'too many requests'],
  throttling: ['rate limiting', 'too many requests'],
  quota: ['rate limiting', 'too many requests'],
  limit: ['rate limiting', 'pagination'],
  auth: ['authentication', 'authorization', 'unauthorized', 'forbidden', 'security'],
  authentication: ['unauthorized', 'security'],
  authorization: ['forbidden', 'security'],
  login: ['unauthorized', 'security'],
  permission: ['forbidden'],
  error: ['errors', 'error handling'],
  errors: ['error handling'],
  problem: ['errors', 'standard error'],
  exception: ['errors', 'internal server error'],
  crash: ['internal server error'],
  missing: ['not found', 'gone'],
  notfound: ['not found'],
  redirect: ['redirection', 'moved permanently', 'see other', 'temporary redirect', 'permanent redirect'],
  moved: ['moved permanently', 'permanent redirect'],
  version: ['versioning'],
  versions: ['versioning'],
  deprecation: ['versioning', 'gone', 'api lifecycle'],
  deprecated: ['versioning', 'gone', 'api lifecycle'],
  sort: ['sorting'],
  order: ['sorting'],
  orderby: ['sorting'],
  filter: ['filtering'],
  search: ['filtering', 'query parameter'],
  query: ['query parameter', 'filtering'],
  fields: ['partial'],
  sparse: ['partial'],
  cache: ['caching', 'not modified'],
  etag: ['caching', 'precondition', 'not modified', 'change tracking'],
  conditional: ['precondition', 'not modified'],
  optimistic: ['precondition', 'change tracking', 'conflict'],
  concurrency: ['precondition', 'change tracking', 'conflict'],
  lock: ['locked', 'precondition'],
  async: ['asynchronicity', 'accepted'],
  asynchronous: ['asynchronicity', 'accepted'],
  longrunning: ['asynchronicity', 'accepted'],
  webhook: ['notifications', 'events'],
  webhooks: ['notifications', 'events'],
  events: ['notifications'],
  validation: ['bad request', 'unprocessable'],
  invalid: ['bad request', 'unprocessable'],
  create: ['creation', 'post', 'created'],
  update: ['patch', 'put', 'replacement'],
  delete: ['deletion'],
  remove: ['deletion', 'delete'],
  links: ['hypermedia'],
  hateoas: ['hypermedia'],
  hal: ['hypermedia'],
  date: ['date time', 'data format'],
  time: ['date time'],
  timestamp: ['date time'],
  i18n: ['internationalization'],
  locale: ['internationalization'],
  language: ['internationalization', 'naming'],
  case: ['naming case'],
  camelcase: ['naming case'],
  snakecase: ['naming case'],
  kebabcase: ['naming case'],
  url: ['url format', 'resource'],
  uri: ['url format', 'resource'],
  path: ['url format'],
  id: ['identifier', 'resource id'],
  identifier: ['resource id'],
  uuid: ['resource id'],
  content: ['content negotiation', 'media type'],
  accept: ['content negotiation', 'not acceptable'],
  mime: ['content negotiation', 'media type', 'unsupported media type'],
  timeout: ['request timeout', 'gateway timeout'],
  unavailable: ['service unavailable'],
  maintenance: ['service unavailable'],
  overload: ['service unavailable', 'too many requests'],
  bulk: ['multiple', 'batch'],
  batch: ['multiple'],
  docs: ['documentation'],
  openapi: ['documentation'],
  swagger: ['documentation'],
};

/** Field weights: a hit in the name says much more than one in a guide's section title. */
const WEIGHTS: Record<SearchField, number> = {
  name: 10,
  id: 7,
  category: 4,
  description: 3,
  section: 2,
  guide: 1.5,
};

/** How strongly a query word matched one field. */
const EXACT = 1;
const PREFIX = 0.8;
const SUBSTRING = 0.5;
const TYPO = 0.55;
const SYNONYM = 0.85;

interface PreparedField {
  field: SearchField;
  /** Lower-cased text with punctuation folded to spaces, padded so phrase tests can use ' x '. */
  text: string;
  words: string[];
}

const cache = new WeakMap<object, PreparedField[]>();

/** Lower-cases and folds everything but letters and digits to single spaces. */
export function normalize(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

function prepare(topic: SearchableTopic): PreparedField[] {
  const hit = cache.get(topic);
  if (hit) return hit;
  const fields: PreparedField[] = [];
  const add = (field: SearchField, raw: string) => {
    const text = normalize(raw);
    if (text) fields.push({ field, text: ` ${text} `, words: text.split(' ') });
  };
  add('name', topic.name);
  add('id', topic.id);
  add('category', topic.category);
  add('description', topic.description);
  for (const g of topic.guidelines) {
    add('guide', `${g.company} ${g.title}`);
    for (const r of g.references) add('section', r.name);
  }
  cache.set(topic, fields);
  return fields;
}

/** Is `a` within one insertion, deletion, substitution or transposition of `b`? */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** How well one single query word matches a field's words (0 = not at all). */
function wordScore(q: string, f: PreparedField): number {
  let best = 0;
  for (const w of f.words) {
    if (w === q) return EXACT;
    if (w.startsWith(q)) best = Math.max(best, PREFIX);
    else if (q.length >= 3 && w.includes(q)) best = Math.max(best, SUBSTRING);
    // Typos only on longer words: "pagnation" still finds pagination, but "put" does not find "get".
    else if (q.length >= 5 && w.length >= 5 && withinOneEdit(q, w)) best = Math.max(best, TYPO);
  }
  // A phrase typed without its separator ("ratelimit", "datetime") matches across the space.
  if (!best && q.length >= 6 && f.text.replace(/ /g, '').includes(q)) best = SUBSTRING;
  return best;
}

/** How well a phrase (one or more words, from the synonym table) matches a field. */
function phraseScore(phrase: string, f: PreparedField): number {
  const p = normalize(phrase);
  if (!p.includes(' ')) return wordScore(p, f);
  if (f.text.includes(` ${p} `)) return EXACT;
  return f.text.includes(` ${p}`) ? PREFIX : 0;
}

interface TermMatch {
  score: number;
  fields: Set<SearchField>;
}

/** The best match of one query word, or of any of its synonyms, in a topic. */
function termMatch(term: string, fields: PreparedField[]): TermMatch {
  const out: TermMatch = { score: 0, fields: new Set() };
  const alternatives: Array<[string, number]> = [[term, 1], ...(SYNONYMS[term] ?? []).map((s): [string, number] => [s, SYNONYM])];
  // Per field the best alternative counts; across fields the scores add up with
  // diminishing weight so that many weak section hits never outrank a name hit.
  const perField = new Map<SearchField, number>();
  for (const f of fields) {
    let s = 0;
    for (const [alt, factor] of alternatives) s = Math.max(s, phraseScore(alt, f) * factor);
    if (s > 0) {
      const v = s * WEIGHTS[f.field];
      if (v > (perField.get(f.field) ?? 0)) perField.set(f.field, v);
    }
  }
  const ranked = [...perField.entries()].sort((a, b) => b[1] - a[1]);
  ranked.forEach(([field, v], i) => {
    out.score += v / (i + 1);
    out.fields.add(field);
  });
  return out;
}

/** Splits a query into words; digits stay whole so "429" and "4xx" are words. */
export function queryTerms(query: string): string[] {
  return [...new Set(normalize(query).split(' ').filter(Boolean))];
}

/**
 * Ranks topics for a free-text query. Every word of the query must match
 * (directly, by prefix, with one typo, or through a synonym); if no topic
 * matches them all, topics matching most of them are returned instead, so a
 * query never comes back empty for one stray word. An empty query lists
 * every topic by name.
 */
export function searchTopics<T extends SearchableTopic>(topics: readonly T[], query: string, options: SearchOptions = {}): SearchHit<T>[] {
  const terms = queryTerms(query);
  let hits: Array<SearchHit<T> & { termsMatched: number }>;
  if (!terms.length) {
    hits = topics.map((topic) => ({ topic, score: 0, matched: [], termsMatched: 0 }));
    hits.sort((a, b) => a.topic.name.localeCompare(b.topic.name));
    return options.limit !== undefined ? hits.slice(0, options.limit) : hits;
  }
  hits = [];
  for (const topic of topics) {
    const fields = prepare(topic);
    let score = 0;
    let termsMatched = 0;
    const matched = new Map<SearchField, number>();
    for (const t of terms) {
      const m = termMatch(t, fields);
      if (m.score <= 0) continue;
      termsMatched++;
      score += m.score;
      for (const f of m.fields) matched.set(f, Math.max(matched.get(f) ?? 0, WEIGHTS[f]));
    }
    if (!termsMatched) continue;
    // A status query ("429") should put the status topic itself first.
    if (terms.some((t) => topic.id === `http-status-${t}`)) score += 20;
    const order = [...matched.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    hits.push({ topic, score, matched: order, termsMatched });
  }
  const most = hits.reduce((m, h) => Math.max(m, h.termsMatched), 0);
  const kept = hits.filter((h) => h.termsMatched === most);
  kept.sort((a, b) => b.score - a.score || a.topic.name.localeCompare(b.topic.name));
  const out = kept.map(({ topic, score, matched }) => ({ topic, score, matched }));
  return options.limit !== undefined ? out.slice(0, options.limit) : out;
}
