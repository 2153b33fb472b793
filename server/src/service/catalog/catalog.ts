import { appendAll } from './limits';
import { parseTopicPage } from './page';
import { applyLinks } from './links';
import type { Position } from './positions';
import type { CatalogPage, CatalogProblem, GuidelineEntry, Topic } from './types';
import { compareNames } from '../compare';

/** A guide with every topic it covers, as the browse views need it. */
export interface GuideSummary {
  id: string;
  title: string;
  company: string;
  url: string;
  topicIds: string[];
}

/**
 * The in-memory index of the catalog: topics by id, status code and method,
 * and the guides that cover them. Built from page texts handed in by the
 * entry point; it does no I/O itself.
 */
export class Catalog {
  readonly topics: Topic[] = [];
  readonly problems: CatalogProblem[] = [];
  private readonly byId = new Map<string, Topic>();
  private readonly byStatus = new Map<number, Topic>();
  private readonly byMethod = new Map<string, Topic>();
  /** Topic id → guide id → that guide's position on the topic (from positions files). */
  private readonly positionsByTopic = new Map<string, Map<string, Position>>();

  /** Adds a topic; a later page with the same id replaces the earlier one's text and adds its guides. */
  add(topic: Topic): void {
    const old = this.byId.get(topic.id);
    if (old) {
      const merged: Topic = {
        ...old,
        ...topic,
        description: topic.description || old.description,
        body: topic.body.trim() ? topic.body : old.body,
        guidelines: mergeGuidelines(old.guidelines, topic.guidelines),
      };
      this.topics[this.topics.indexOf(old)] = merged;
      topic = merged;
    } else this.topics.push(topic);
    this.byId.set(topic.id, topic);
    if (topic.statusCode !== undefined) this.byStatus.set(topic.statusCode, topic);
    if (topic.method) this.byMethod.set(topic.method, topic);
  }

  /** The topic with this id, or undefined. */
  get(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  /** The topic of an HTTP status code, or undefined when the catalog has none. */
  forStatus(code: number): Topic | undefined {
    return this.byStatus.get(code);
  }

  /** The topic of an HTTP method (any case), or undefined. */
  forMethod(method: string): Topic | undefined {
    return this.byMethod.get(method.toLowerCase());
  }

  /** Records a guide's position on a topic; a later one for the same guide and topic replaces the earlier. */
  setPosition(topicId: string, position: Position): void {
    let byGuide = this.positionsByTopic.get(topicId);
    if (!byGuide) this.positionsByTopic.set(topicId, (byGuide = new Map()));
    byGuide.set(position.guideId, position);
  }

  /** The recorded positions of the guides on a topic (empty when none are recorded). */
  positionsFor(topicId: string): Position[] {
    return [...(this.positionsByTopic.get(topicId)?.values() ?? [])];
  }

  /** Every guide that covers at least one topic, with the ids of those topics. */
  guides(): GuideSummary[] {
    const out = new Map<string, GuideSummary>();
    for (const t of this.topics) {
      for (const g of t.guidelines) {
        let s = out.get(g.id);
        if (!s) out.set(g.id, (s = { id: g.id, title: g.title, company: g.company, url: g.url, topicIds: [] }));
        s.topicIds.push(t.id);
      }
    }
    return [...out.values()].sort((a, b) => compareNames(a.company, b.company) || compareNames(a.title, b.title));
  }
}

function mergeGuidelines(a: GuidelineEntry[], b: GuidelineEntry[]): GuidelineEntry[] {
  const out = a.map((g) => ({ ...g, references: [...g.references] }));
  for (const g of b) {
    const same = out.find((x) => x.id === g.id);
    if (!same) out.push(g);
    else for (const r of g.references) if (!same.references.some((x) => x.url === r.url)) same.references.push(r);
  }
  return out;
}

/** Parses a page; should parsing itself fail (a bug, or a stack exhausted by nesting), the page is reported and skipped. */
function parseGuarded(page: CatalogPage): ReturnType<typeof parseTopicPage> {
  try {
    return parseTopicPage(page.text, page.source);
  } catch (e) {
    return { problems: [{ source: page.source, line: 0, column: 0, severity: 'error', message: `the page could not be read (${(e as Error).message}); it was skipped` }] };
  }
}

/**
 * Builds a catalog from pages. Pages are grouped in layers (the shipped
 * catalog first, then each extra folder); within a layer an id may appear
 * once, and a later layer may extend or override an earlier one's topic.
 * A broken page is reported and skipped; it never stops the others loading.
 */
export function buildCatalog(layers: CatalogPage[][]): Catalog {
  const catalog = new Catalog();
  for (const pages of layers) {
    const seen = new Map<string, string>();
    for (const page of pages) {
      const { topic: parsed, problems } = page.parsed ? { topic: page.parsed, problems: [] } : parseGuarded(page);
      appendAll(catalog.problems, problems);
      if (!parsed) continue;
      const topic = applyLinks(parsed, page.links);
      const first = seen.get(topic.id);
      if (first) {
        catalog.problems.push({
          source: page.source, line: 0, column: 0, severity: 'error',
          message: `duplicate topic_id "${topic.id}" (already defined in ${first}); this page was skipped`,
        });
        continue;
      }
      seen.set(topic.id, page.source);
      catalog.add(topic);
    }
  }
  return catalog;
}
