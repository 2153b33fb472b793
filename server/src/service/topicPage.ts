import type { Hover } from 'vscode-languageserver-types';
import { orderGuides, stanceGroups } from './card';
import type { Catalog } from './catalog/catalog';
import type { Topic } from './catalog/types';
import { methodInfo } from './http/methods';
import { statusClass, statusInfo } from './http/statusCodes';
import { sanitizeMarkdown } from './guidanceMarkdown';
import { escapeMarkdown, link, referenceLink, topicCommandLinkIds } from './markdown';
import { searchTopics } from './search';
import { compareNames } from './compare';

/** What shapes a topic page besides the topic itself. */
export interface TopicPageOptions {
  /** Guide ids or company names the team follows: their references come first. */
  guideProfile?: readonly string[];
  /**
   * The link target for another topic's page. The default, `<id>.md`, is a
   * relative link: in the editor's virtual `stylebook-topic:/<id>.md`
   * documents the Markdown preview resolves it to the sibling page.
   */
  pageLink?: (topicId: string) => string;
}

const defaultPageLink = (id: string) => `${id}.md`;

/** A rendered page: its title (for tabs and pickers) and its Markdown. */
export interface TopicPage {
  id: string;
  title: string;
  markdown: string;
  /** False when no topic has this id and the page is a "not found" page with suggestions. */
  found: boolean;
}

/** Matches a `topic:<id>` link target in our own guidance. */
const TOPIC_LINK = /^topic:([a-z0-9][a-z0-9-]*)$/;

const linkGraphs = new WeakMap<Catalog, Map<string, Set<string>>>();

/** The topics each topic's guidance links to, computed once per catalog. */
function outgoingLinks(catalog: Catalog): Map<string, Set<string>> {
  let graph = linkGraphs.get(catalog);
  if (graph) return graph;
  graph = new Map();
  for (const t of catalog.topics) {
    const out = new Set<string>();
    for (const m of t.body.matchAll(/\]\(\s*<?topic:([a-z0-9][a-z0-9-]*)>?/g)) if (m[1] !== t.id && catalog.get(m[1])) out.add(m[1]);
    graph.set(t.id, out);
  }
  linkGraphs.set(catalog, graph);
  return graph;
}

/** Topics whose guidance links to this one, or that this one links to, in catalog order. */
export function linkedTopics(topic: Topic, catalog: Catalog): Topic[] {
  const graph = outgoingLinks(catalog);
  const ids = new Set(graph.get(topic.id) ?? []);
  for (const [from, to] of graph) if (to.has(topic.id)) ids.add(from);
  ids.delete(topic.id);
  return catalog.topics.filter((t) => ids.has(t.id));
}

/**
 * Renders a topic's full page: heading, category, the standard's facts for a
 * status code or method, our description and guidance, every guide's
 * sections grouped by guide, and related topics. Returns a "not found" page
 * with suggestions when the id is unknown, so callers always have something
 * to show.
 */
export function renderTopicPage(topicId: string, catalog: Catalog, options: TopicPageOptions = {}): TopicPage {
  const topic = catalog.get(topicId);
  if (!topic) return renderMissingPage(topicId, catalog, options);
  const pageLink = options.pageLink ?? defaultPageLink;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(topic.name)}`, '');
  out.push(`*${escapeMarkdown(topic.category)}* · \`${topic.id}\``, '');
  const facts = standardFacts(topic);
  if (facts.length) out.push(...facts.map((f) => `> ${f}`), '');
  if (topic.description) out.push(escapeMarkdown(topic.description), '');
  const body = sanitizeGuidance(topic.body, catalog, pageLink).trim();
  if (body) out.push(body, '');

  out.push(...positionsTable(topic, catalog, options.guideProfile));

  const guides = orderGuides(topic.guidelines, options.guideProfile);
  const sections = guides.reduce((n, g) => n + g.references.length, 0);
  out.push('## What the guides say', '');
  if (!guides.length) out.push('*No guide in the catalog covers this topic yet.*', '');
  else {
    out.push(`${guides.length} ${plural(guides.length, 'guide')}, ${sections} ${plural(sections, 'section')}.`, '');
    for (const g of guides) {
      out.push(`### ${escapeMarkdown(g.company)} — ${link(g.title, g.url)}`, '');
      for (const r of g.references) out.push(`- ${referenceLink(r)}`);
      out.push('');
    }
  }

  const linked = linkedTopics(topic, catalog);
  const sameCategory = catalog.topics.filter((t) => t.category === topic.category && t.id !== topic.id);
  if (linked.length || sameCategory.length) {
    out.push('## Related topics', '');
    const item = (t: Topic) => `[${escapeMarkdown(t.name)}](${pageLink(t.id)})`;
    if (linked.length) out.push(`**Linked with this page:** ${linked.map(item).join(' · ')}`, '');
    if (sameCategory.length) out.push(`**Also in ${escapeMarkdown(topic.category)}:** ${sameCategory.map(item).join(' · ')}`, '');
  }
  return { id: topic.id, title: topic.name, markdown: out.join('\n').replace(/\n{3,}/g, '\n\n'), found: true };
}

/**
 * The guides' recorded positions as a table, one row per guide, grouped by
 * stance: "Where the guides differ" when they take more than one stance,
 * "Where the guides agree" otherwise. Empty when no position is recorded.
 */
function positionsTable(topic: Topic, catalog: Catalog, profile: readonly string[] | undefined): string[] {
  const groups = stanceGroups(topic, catalog, profile);
  if (!groups.length) return [];
  const count = groups.reduce((n, g) => n + g.positions.length, 0);
  const out = [groups.length > 1 ? '## Where the guides differ' : '## Where the guides agree', ''];
  out.push(`${count} ${plural(count, 'guide')}, ${groups.length} ${plural(groups.length, 'stance')}; each position in our words, from the section named.`, '');
  out.push('| Stance | Guide | Position | Section |', '| --- | --- | --- | --- |');
  for (const g of groups) {
    for (const p of g.positions) out.push(`| ${escapeMarkdown(g.stance)} | ${escapeMarkdown(p.guide.company)} | ${escapeMarkdown(p.summary)} | ${link(p.section.name, p.section.url)} |`);
  }
  out.push('');
  return out;
}

/** The registry facts of a status-code or method topic, as safe Markdown lines. */
function standardFacts(topic: Topic): string[] {
  if (topic.statusCode !== undefined) {
    const info = statusInfo(topic.statusCode);
    const cls = statusClass(topic.statusCode);
    if (!info) return cls ? [`**${topic.statusCode}** is not a registered status code (${escapeMarkdown(cls.label)}).`] : [];
    const lines = [`**${info.code} ${escapeMarkdown(info.phrase)}** — ${escapeMarkdown(cls?.label ?? '')} · defined in ${link(info.spec, info.specUrl)}`];
    if (info.unused) lines.push('This code is reserved, obsolete or unused: do not send it.');
    return lines;
  }
  if (topic.method) {
    const info = methodInfo(topic.method);
    if (!info) return [];
    const props = [info.safe ? 'safe' : 'not safe', info.idempotent ? 'idempotent' : 'not idempotent'].join(', ');
    return [`**${topic.method.toUpperCase()}** — ${props} · defined in ${link(info.spec, info.specUrl)}`];
  }
  return [];
}

function renderMissingPage(topicId: string, catalog: Catalog, options: TopicPageOptions): TopicPage {
  const pageLink = options.pageLink ?? defaultPageLink;
  const shown = topicId.length > 80 ? `${topicId.slice(0, 80)}…` : topicId;
  const out = [`# Topic not found`, '', `The catalog has no topic with the id “${escapeMarkdown(shown)}”.`, ''];
  const suggestions = searchTopics(catalog.topics, topicId.replace(/[-_]+/g, ' '), { limit: 5 });
  if (suggestions.length) {
    out.push('Perhaps one of these:', '');
    for (const h of suggestions) out.push(`- [${escapeMarkdown(h.topic.name)}](${pageLink(h.topic.id)}) — *${escapeMarkdown(h.topic.category)}*`);
    out.push('');
  }
  out.push('Use **Stylebook: Search Topics** to find a topic by name, code or keyword.');
  return { id: topicId, title: 'Topic not found', markdown: out.join('\n'), found: false };
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/**
 * Makes our guidance safe to render in the editor while keeping it Markdown
 * (see guidanceMarkdown.ts): `topic:<id>` links (and `<id>.md` links to a
 * known topic) become links to sibling pages, http(s), mailto and in-page
 * links stay, any other link target (command:, file:, data:, javascript:)
 * leaves only its label, images become links, and raw HTML is shown as
 * text. Extra catalog folders can come from a workspace, so their pages get
 * the same treatment as ours.
 */
export function sanitizeGuidance(body: string, catalog: Catalog, pageLink: (id: string) => string = defaultPageLink): string {
  return sanitizeMarkdown(body, (href) => safeTarget(href, catalog, pageLink));
}

/** The target a link may keep, or undefined when it must be dropped. */
function safeTarget(target: string, catalog: Catalog, pageLink: (id: string) => string): string | undefined {
  const t = TOPIC_LINK.exec(target) ?? /^([a-z0-9][a-z0-9-]*)\.md$/.exec(target);
  if (t) return catalog.get(t[1]) ? encodeTarget(pageLink(t[1])) : undefined;
  if (/^(https?:|mailto:)/i.test(target)) return encodeTarget(target);
  if (/^#[\w-]*$/.test(target)) return target;
  return undefined;
}

/** A link target that cannot end the Markdown link early: encodeURIComponent leaves parentheses alone. */
function encodeTarget(target: string): string {
  return target.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * The topic a hover card offers to open, read from its "Open the topic page"
 * link. "Show Topic at Cursor" asks the hover for its answer instead of
 * repeating the hover's decisions, so the two always agree, in OpenAPI
 * documents and in route-handler code alike. Cards are built by us and
 * catalog text in them is escaped, so the link cannot be forged by a page.
 */
export function topicIdFromHover(hover: Hover | null | undefined): string | undefined {
  if (!hover) return undefined;
  const contents = hover.contents;
  const text = typeof contents === 'string' ? contents : Array.isArray(contents)
    ? contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')
    : contents.value;
  return topicCommandLinkIds(text).at(-1);
}

/** Categories by name, each with its topic ids ordered by topic name. */
export function topicCategories(catalog: Catalog): Array<{ name: string; topicIds: string[] }> {
  const map = new Map<string, string[]>();
  for (const t of [...catalog.topics].sort((a, b) => compareNames(a.name, b.name))) {
    const list = map.get(t.category) ?? [];
    list.push(t.id);
    map.set(t.category, list);
  }
  return [...map.entries()].map(([name, topicIds]) => ({ name, topicIds })).sort((a, b) => compareNames(a.name, b.name));
}
