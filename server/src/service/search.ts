/**
 * Ranked, typo-tolerant search over catalog topics. Pure and dependency-free,
 * so the same function ranks results in the language server, in the CLI
 * (`stylebook search`) and, on a plain-data copy of the index, in the
 * editor's QuickPick where every keystroke must answer instantly.
 */

import { HEADER_TRIGGERS, KEYWORD_TRIGGERS, MEDIA_TYPE_TRIGGERS, RESPONSE_KEY_TRIGGERS, type Trigger } from './openapi/triggers';

/**
 * What search looks at in a topic. A catalog `Topic` satisfies it as it is,
 * and so does the summary the server sends to the editor (without a body).
 */
export interface SearchableTopic {
  id: string;
  name: string;
  category: string;
  description: string;
  /**
   * The page's guidance (Markdown), or its distinct words as `searchWords`
   * gives them (what the editor receives): search treats both alike, since a
   * body is matched word by word. Searched with the least weight when present.
   */
  body?: string;
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

export type SearchField = 'name' | 'id' | 'keyword' | 'category' | 'description' | 'section' | 'guide' | 'body';

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
  limit: ['rate limiting', 'too many requests', 'pagination'],
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
  // A header, media type or OpenAPI key that leads to the topic in the editor names it as surely as its id.
  keyword: 7,
  category: 4,
  description: 3,
  section: 2,
  guide: 1.5,
  // Bodies are long and mention many things in passing; a body hit finds a topic but ranks it low.
  body: 1,
};

/**
 * The trigger tables whose names (header names, media types, OpenAPI keys)
 * are searched as keywords of their topic: the words people type when they
 * meet them in a description. Parameter names and formats are left out: they
 * are everyday words ("page", "start", "date") that would drown the ranking.
 */
const KEYWORD_TABLES: readonly Trigger[][] = [HEADER_TRIGGERS, MEDIA_TYPE_TRIGGERS, KEYWORD_TRIGGERS, RESPONSE_KEY_TRIGGERS];

/** Topic id → the exact names (no wildcard patterns) that lead to it in the trigger tables. */
function triggerKeywords(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const table of KEYWORD_TABLES) {
    for (const t of table) {
      const names = t.names.filter((n) => !n.includes('*'));
      if (names.length) out.set(t.topic, [...(out.get(t.topic) ?? []), ...names]);
    }
  }
  return out;
}

let keywordsByTopic: Map<string, string[]> | undefined;

/** How strongly a query word matched one field. */
const EXACT = 1;
const PREFIX = 0.8;
const SUBSTRING = 0.5;
const TYPO = 0.55;
const SYNONYM = 0.85;

/** One searchable text of a topic, as indexes into the shared vocabulary. */
interface IndexedField {
  field: SearchField;
  /** Index of the normalised text in `SearchIndex.texts` (shared by identical texts, e.g. a guide's title). */
  text: number;
}

/**
 * The search index of one topic list: every distinct normalised field text
 * and every distinct word, each stored once. A query scores each distinct
 * word and text once, then every topic's fields are a few array lookups, so
 * a keystroke stays well under a millisecond for the shipped catalog.
 */
interface SearchIndex {
  texts: string[];
  /** Each text padded with spaces, for phrase tests such as ' rate limiting '. */
  padded: string[];
  /** Each text without spaces, for words typed without their separator ("ratelimit"). */
  compact: string[];
  /** Texts that are page bodies: they match only by whole word or prefix (see `scoreTexts`). */
  long: Uint8Array;
  /** Words that occur only in bodies, which need only the whole-word and prefix tests. */
  bodyOnly: Uint8Array;
  /** For each text, the indexes of its words in `words`. */
  textWords: Int32Array[];
  words: string[];
  topics: IndexedField[][];
}

const indexes = new WeakMap<readonly SearchableTopic[], SearchIndex>();

/** Lower-cases and folds everything but letters and digits to single spaces. */
export function normalize(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Link targets are URLs and topic ids, not words of the guidance. */
function withoutLinkTargets(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']');
}

/** The distinct searchable words of a page body, space-separated: all that search needs of it, at about half its size. */
export function searchWords(body: string): string {
  return [...new Set(normalize(withoutLinkTargets(body)).split(' '))].join(' ');
}

function buildIndex(topics: readonly SearchableTopic[]): SearchIndex {
  const hit = indexes.get(topics);
  if (hit) return hit;
  const textIds = new Map<string, number>();
  const wordIds = new Map<string, number>();
  const index: SearchIndex = { texts: [], padded: [], compact: [], long: new Uint8Array(0), bodyOnly: new Uint8Array(0), textWords: [], words: [], topics: [] };
  const long: number[] = [];
  const inShortText = new Set<number>();
  const textId = (raw: string, isBody = false): number | undefined => {
    const text = normalize(raw);
    if (!text) return undefined;
    let id = textIds.get(text);
    if (id === undefined) {
      textIds.set(text, (id = index.texts.length));
      index.texts.push(text);
      if (isBody) long.push(id);
      // A body is matched word by word only, so it needs neither the padded nor the compact copy.
      index.padded.push(isBody ? '' : ` ${text} `);
      index.compact.push(isBody ? '' : text.replace(/ /g, ''));
      // A body scores its best word only, so each of its words is listed once.
      const words = isBody ? [...new Set(text.split(' '))] : text.split(' ');
      index.textWords.push(Int32Array.from(words, (w) => {
        let wid = wordIds.get(w);
        if (wid === undefined) {
          wordIds.set(w, (wid = index.words.length));
          index.words.push(w);
        }
        if (!isBody) inShortText.add(wid);
        return wid;
      }));
    }
    return id;
  };
  keywordsByTopic ??= triggerKeywords();
  for (const topic of topics) {
    const fields: IndexedField[] = [];
    const add = (field: SearchField, raw: string) => {
      const text = textId(raw, field === 'body');
      if (text !== undefined) fields.push({ field, text });
    };
    add('name', topic.name);
    add('id', topic.id);
    for (const k of keywordsByTopic.get(topic.id) ?? []) add('keyword', k);
    add('category', topic.category);
    add('description', topic.description);
    for (const g of topic.guidelines) {
      add('guide', `${g.company} ${g.title}`);
      for (const r of g.references) add('section', r.name);
    }
    if (typeof topic.body === 'string') add('body', withoutLinkTargets(topic.body));
    index.topics.push(fields);
  }
  index.long = new Uint8Array(index.texts.length);
  for (const t of long) index.long[t] = 1;
  index.bodyOnly = new Uint8Array(index.words.length).fill(1);
  for (const w of inShortText) index.bodyOnly[w] = 0;
  indexes.set(topics, index);
  return index;
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

/** How well a query word matches one word of a field (0 = not at all). */
function wordVsWord(q: string, w: string): number {
  if (w === q) return EXACT;
  if (w.startsWith(q)) return PREFIX;
  if (q.length >= 3 && w.includes(q)) return SUBSTRING;
  // Typos only on longer words: "pagnation" still finds pagination, but "put" does not find "get".
  if (q.length >= 5 && w.length >= 5 && withinOneEdit(q, w)) return TYPO;
  return 0;
}

/**
 * The score of one query word or synonym against every distinct text of the
 * index, weighted by the alternative's factor (1 for the word typed, less
 * for a synonym).
 */
function scoreTexts(index: SearchIndex, alt: string, factor: number): Float32Array {
  const out = new Float32Array(index.texts.length);
  if (alt.includes(' ')) {
    // A phrase from the synonym table matches whole words in order (bodies are not searched for phrases).
    for (let t = 0; t < index.texts.length; t++) {
      const p = index.padded[t];
      out[t] = p.includes(` ${alt} `) ? EXACT * factor : p.includes(` ${alt}`) ? PREFIX * factor : 0;
    }
    return out;
  }
  const perWord = new Float32Array(index.words.length);
  for (let w = 0; w < index.words.length; w++) {
    const word = index.words[w];
    // Bodies take whole words and prefixes only, so their own words skip the costlier tests.
    perWord[w] = !index.bodyOnly[w] ? wordVsWord(alt, word) : word === alt ? EXACT : word.startsWith(alt) ? PREFIX : 0;
  }
  for (let t = 0; t < index.texts.length; t++) {
    let best = 0;
    if (index.long[t]) {
      // In a body, a word inside another word or one edit away is too often a different word.
      for (const w of index.textWords[t]) if (perWord[w] >= PREFIX && perWord[w] > best) best = perWord[w];
      out[t] = best * factor;
      continue;
    }
    for (const w of index.textWords[t]) if (perWord[w] > best) best = perWord[w];
    // A phrase typed without its separator ("ratelimit", "datetime") matches across the space.
    if (!best && alt.length >= 6 && index.compact[t].includes(alt)) best = SUBSTRING;
    out[t] = best * factor;
  }
  return out;
}

/** Splits a query into words; digits stay whole so "429" and "4xx" are words. */
export function queryTerms(query: string): string[] {
  return [...new Set(normalize(query).split(' ').filter(Boolean))];
}

/** Per distinct text, the best score of a query word or any of its synonyms. */
function termScores(index: SearchIndex, term: string): Float32Array {
  const best = scoreTexts(index, term, 1);
  // Own properties only: `constructor` or `__proto__` typed as a query are words, not the object's prototype.
  const synonyms = Object.hasOwn(SYNONYMS, term) ? SYNONYMS[term] : [];
  for (const s of synonyms) {
    const alt = normalize(s);
    if (!alt) continue;
    const scores = scoreTexts(index, alt, SYNONYM);
    for (let t = 0; t < best.length; t++) if (scores[t] > best[t]) best[t] = scores[t];
  }
  return best;
}

/**
 * Ranks topics for a free-text query. Every word of the query must match
 * (directly, by prefix, with one typo, or through a synonym); if no topic
 * matches them all, topics matching most of them are returned instead, so a
 * query never comes back empty for one stray word. An empty query lists
 * every topic by name. The index is built once per topic array and reused
 * while the same array is passed in.
 */
export function searchTopics<T extends SearchableTopic>(topics: readonly T[], query: string, options: SearchOptions = {}): SearchHit<T>[] {
  const terms = queryTerms(String(query ?? ''));
  const limit = (hits: SearchHit<T>[]) => (options.limit !== undefined ? hits.slice(0, Math.max(0, options.limit)) : hits);
  if (!terms.length) {
    return limit([...topics].sort((a, b) => a.name.localeCompare(b.name)).map((topic) => ({ topic, score: 0, matched: [] })));
  }
  const index = buildIndex(topics);
  const scores = terms.map((t) => termScores(index, t));
  const hits: Array<SearchHit<T> & { termsMatched: number; named: boolean }> = [];
  const perField = new Map<SearchField, number>();
  topics.forEach((topic, i) => {
    const fields = index.topics[i];
    let score = 0;
    let termsMatched = 0;
    const matched = new Map<SearchField, number>();
    for (const termScore of scores) {
      // Per field kind the best text counts; across kinds the scores add up with
      // diminishing weight, so that many weak section hits never outrank a name hit.
      perField.clear();
      for (const f of fields) {
        const v = termScore[f.text] * WEIGHTS[f.field];
        if (v > (perField.get(f.field) ?? 0)) perField.set(f.field, v);
      }
      if (!perField.size) continue;
      termsMatched++;
      [...perField.entries()].sort((a, b) => b[1] - a[1]).forEach(([field, v], rank) => {
        score += v / (rank + 1);
        if (v > (matched.get(field) ?? 0)) matched.set(field, v);
      });
    }
    if (!termsMatched) return;
    // A status query ("429") puts the status topic itself first.
    const named = terms.some((t) => topic.id === `http-status-${t}`);
    if (named) score += 20;
    const order = [...matched.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    hits.push({ topic, score, matched: order, termsMatched, named });
  });
  const most = hits.reduce((m, h) => Math.max(m, h.termsMatched), 0);
  // A status code typed in the query ("401 vs 403") always brings its own topic.
  const kept = hits.filter((h) => h.termsMatched === most || h.named);
  kept.sort((a, b) => b.score - a.score || a.topic.name.localeCompare(b.topic.name));
  return limit(kept.map(({ topic, score, matched }) => ({ topic, score, matched })));
}
