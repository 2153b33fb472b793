import type { Catalog } from '../service/catalog/catalog';
import type { Topic } from '../service/catalog/types';
import { methodCard, rangeCard, statusCard, topicCard } from '../service/card';
import { httpMethodInfo } from '../service/http/methods';
import { searchTopics, type SearchHit } from '../service/search';

/**
 * `stylebook topic` and `stylebook search`: the catalog in a terminal. The
 * cards are the service's own Markdown cards (the hover's), rendered by the
 * caller; ranking is the service's search, the one the editor uses.
 */

/** What `topic` resolved its argument to. */
export interface TopicLookup {
  /** The Markdown card to print. */
  card: string;
  /** Other close matches, for a "see also" line when the argument was words. */
  alternatives: Topic[];
}

/**
 * Resolves `topic <code|id|words>`: a status code (`404`) or class (`4xx`),
 * a method (`DELETE`), a topic id, or else the best search hit.
 */
export function lookupTopic(query: string, catalog: Catalog, guideProfile: readonly string[]): TopicLookup | undefined {
  const q = query.trim();
  const ctx = { guideProfile };
  if (/^\d{3}$/.test(q)) return { card: statusCard(Number(q), catalog, ctx), alternatives: [] };
  const range = /^([1-5])xx$/i.exec(q);
  if (range) return { card: rangeCard(Number(range[1]), catalog, ctx), alternatives: [] };
  if (httpMethodInfo(q)) {
    const card = methodCard(q, catalog, ctx);
    if (card) return { card, alternatives: [] };
  }
  const byId = catalog.get(q.toLowerCase());
  if (byId) return { card: topicCard(byId, ctx, catalog), alternatives: [] };
  const hits = searchTopics(catalog.topics, q, { limit: 4 });
  if (!hits.length) return undefined;
  return { card: topicCard(hits[0].topic, ctx, catalog), alternatives: hits.slice(1).map((h) => h.topic) };
}

/** Ranked topics for `search <words>`. */
export function searchCatalog(query: string, catalog: Catalog, limit: number): SearchHit<Topic>[] {
  return searchTopics(catalog.topics, query, { limit });
}
