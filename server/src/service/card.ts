import type { Catalog } from './catalog/catalog';
import { groupByStance, type Position } from './catalog/positions';
import type { GuidelineEntry, Topic } from './catalog/types';
import { statusClass, statusInfo } from './http/statusCodes';
import { httpMethodInfo } from './http/methods';
import { escapeMarkdown, link, referenceLink, topicPageLink } from './markdown';
import { compareNames } from './compare';

/** What shapes a card besides the topic itself. */
export interface CardContext {
  /** Guide ids or company names the team follows; their references come first. */
  guideProfile?: readonly string[];
  /** Markdown lines (already safe) shown right under the heading. */
  facts?: string[];
  /** Overrides the heading (already safe Markdown). */
  heading?: string;
}

/** Where a guide stands in the team's profile (matched by id or company, any case), or the profile's length when it is not in it. */
function profileRank(g: GuidelineEntry, profile: readonly string[]): number {
  const i = profile.findIndex((p) => p.toLowerCase() === g.id.toLowerCase() || p.toLowerCase() === g.company.toLowerCase());
  return i < 0 ? profile.length : i;
}

/** Orders guides so that the team's profile comes first, then by company. */
export function orderGuides(guides: readonly GuidelineEntry[], profile: readonly string[] = []): GuidelineEntry[] {
  const rank = (g: GuidelineEntry) => profileRank(g, profile);
  return [...guides].sort((a, b) => rank(a) - rank(b) || compareNames(a.company, b.company) || compareNames(a.title, b.title));
}

/** A topic's recorded positions grouped by stance, in profile order, each with its guide. */
export function stanceGroups(topic: Topic, catalog: Catalog, profile: readonly string[] = []): Array<{ stance: string; positions: Array<Position & { guide: GuidelineEntry }> }> {
  const guides = orderGuides(topic.guidelines, profile);
  const positions = catalog.positionsFor(topic.id).flatMap((p) => {
    const guide = guides.find((g) => g.id === p.guideId);
    return guide ? [{ ...p, guide }] : [];
  });
  const inProfile = (id: string) => {
    const g = guides.find((x) => x.id === id);
    return !!g && profileRank(g, profile) < profile.length;
  };
  return groupByStance(positions, guides.map((g) => g.id), inProfile);
}

/**
 * The card's one-line summary of the positions: "cursor: Zalando, Microsoft ·
 * offset: Heroku". It is headed as a difference only when the guides
 * recorded take more than one stance.
 */
export function stanceLine(topic: Topic, catalog: Catalog, profile: readonly string[] = []): string | undefined {
  const groups = stanceGroups(topic, catalog, profile);
  if (!groups.length) return undefined;
  const parts = groups.map((s) => `${escapeMarkdown(s.stance)}: ${s.positions.map((p) => escapeMarkdown(p.guide.company)).join(', ')}`);
  return `${groups.length > 1 ? '**Where the guides differ**' : '**Where the guides agree**'} — ${parts.join(' · ')}`;
}

/**
 * The Markdown card for a topic: name, category, description, facts, the
 * guides' stances in one line (when the catalog is given and records any),
 * every guide's references, page link.
 */
export function topicCard(topic: Topic, ctx: CardContext = {}, catalog?: Catalog): string {
  const out: string[] = [];
  out.push(`### ${ctx.heading ?? escapeMarkdown(topic.name)}`);
  out.push(`*${escapeMarkdown(topic.category)}* · \`${topic.id}\``);
  out.push('');
  // Each fact is its own paragraph: consecutive Markdown lines would run together.
  for (const fact of ctx.facts ?? []) out.push(fact, '');
  if (topic.description) {
    out.push(escapeMarkdown(topic.description));
    out.push('');
  }
  const stances = catalog && stanceLine(topic, catalog, ctx.guideProfile);
  if (stances) out.push(stances, '');
  const guides = orderGuides(topic.guidelines, ctx.guideProfile);
  if (guides.length) {
    out.push(`**What the guides say** (${guides.length} ${guides.length === 1 ? 'guide' : 'guides'}):`);
    out.push('');
    for (const g of guides) {
      const refs = g.references.map(referenceLink).join(' · ');
      out.push(`- **${escapeMarkdown(g.company)}** — ${escapeMarkdown(g.title)}: ${refs}`);
    }
  } else {
    out.push('*No guide in the catalog covers this topic.*');
  }
  out.push('');
  out.push(topicPageLink(topic.id));
  return out.join('\n');
}

/** The card for an HTTP status code: its topic if the catalog has one, else the registry facts alone. */
export function statusCard(code: number, catalog: Catalog, ctx: CardContext = {}): string {
  const info = statusInfo(code);
  const cls = statusClass(code);
  const facts: string[] = [];
  if (info) {
    facts.push(`**${code} ${escapeMarkdown(info.phrase)}** — ${escapeMarkdown(cls?.label ?? '')} · defined in ${link(info.spec, info.specUrl)}`);
    if (info.unused) facts.push('⚠ This code is reserved, obsolete or unused: do not send it.');
  } else if (cls) {
    facts.push(`**${code}** is not a registered status code. Clients treat it as a generic ${cls.label.toLowerCase()} (${link(cls.spec, cls.specUrl)}).`);
  } else {
    facts.push(`**${escapeMarkdown(String(code))}** is not an HTTP status code: codes run from 100 to 599 (${link('RFC 9110, section 15', 'https://www.rfc-editor.org/rfc/rfc9110#section-15')}).`);
  }
  facts.push(...(ctx.facts ?? []));
  const topic = catalog.forStatus(code);
  if (topic) return topicCard(topic, { ...ctx, facts }, catalog);
  const general = catalog.get('http-status');
  const heading = info ? `${code} ${escapeMarkdown(info.phrase)}` : escapeMarkdown(String(code));
  const lines = [`### ${heading}`, '', ...facts, ''];
  if (general) {
    lines.push(`No catalog topic covers ${code} on its own; the guides' advice on status codes in general:`, '');
    lines.push(topicCard(general, { guideProfile: ctx.guideProfile }).split('\n').slice(3).join('\n'));
  }
  return lines.join('\n');
}

/** The card for a status range such as 4XX. */
export function rangeCard(digit: number, catalog: Catalog, ctx: CardContext = {}): string {
  const cls = statusClass(digit * 100)!;
  const facts = [`**${digit}XX** — any ${cls.label.toLowerCase()} status (${link(cls.spec, cls.specUrl)}). Document the specific codes you return where you can: clients act on them.`];
  const topic = catalog.get('http-status');
  if (topic) return topicCard(topic, { ...ctx, heading: `${digit}XX ${escapeMarkdown(cls.label)}`, facts }, catalog);
  return [`### ${digit}XX ${escapeMarkdown(cls.label)}`, '', ...facts].join('\n');
}

/** The card for an HTTP method, with safety and idempotency from the standard. */
export function methodCard(method: string, catalog: Catalog, ctx: CardContext = {}): string | undefined {
  const info = httpMethodInfo(method);
  if (!info) return undefined;
  const props = [info.safe ? 'safe' : 'not safe', info.idempotent ? 'idempotent' : 'not idempotent'].join(', ');
  const facts = [`**${method.toUpperCase()}** — ${props} · defined in ${link(info.spec, info.specUrl)}`, ...(ctx.facts ?? [])];
  const topic = catalog.get(info.topicId) ?? catalog.get('http-methods');
  if (topic) return topicCard(topic, { ...ctx, facts }, catalog);
  return [`### ${method.toUpperCase()}`, '', ...facts].join('\n');
}
