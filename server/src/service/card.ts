import type { Catalog } from './catalog/catalog';
import type { GuidelineEntry, Topic } from './catalog/types';
import { statusClass, statusInfo } from './http/statusCodes';
import { httpMethodInfo } from './http/methods';
import { escapeMarkdown, link, topicPageLink } from './markdown';
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

/** Orders guides so that the team's profile comes first, then by company. */
export function orderGuides(guides: readonly GuidelineEntry[], profile: readonly string[] = []): GuidelineEntry[] {
  const rank = (g: GuidelineEntry) => {
    const i = profile.findIndex((p) => p.toLowerCase() === g.id.toLowerCase() || p.toLowerCase() === g.company.toLowerCase());
    return i < 0 ? profile.length : i;
  };
  return [...guides].sort((a, b) => rank(a) - rank(b) || compareNames(a.company, b.company) || compareNames(a.title, b.title));
}

/** The Markdown card for a topic: name, category, description, facts, every guide's references, page link. */
export function topicCard(topic: Topic, ctx: CardContext = {}): string {
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
  const guides = orderGuides(topic.guidelines, ctx.guideProfile);
  if (guides.length) {
    out.push(`**What the guides say** (${guides.length} ${guides.length === 1 ? 'guide' : 'guides'}):`);
    out.push('');
    for (const g of guides) {
      const refs = g.references.map((r) => link(r.name, r.url)).join(' · ');
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
  if (topic) return topicCard(topic, { ...ctx, facts });
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
  if (topic) return topicCard(topic, { ...ctx, heading: `${digit}XX ${escapeMarkdown(cls.label)}`, facts });
  return [`### ${digit}XX ${escapeMarkdown(cls.label)}`, '', ...facts].join('\n');
}

/** The card for an HTTP method, with safety and idempotency from the standard. */
export function methodCard(method: string, catalog: Catalog, ctx: CardContext = {}): string | undefined {
  const info = httpMethodInfo(method);
  if (!info) return undefined;
  const props = [info.safe ? 'safe' : 'not safe', info.idempotent ? 'idempotent' : 'not idempotent'].join(', ');
  const facts = [`**${method.toUpperCase()}** — ${props} · defined in ${link(info.spec, info.specUrl)}`, ...(ctx.facts ?? [])];
  const topic = catalog.get(info.topicId) ?? catalog.get('http-methods');
  if (topic) return topicCard(topic, { ...ctx, facts });
  return [`### ${method.toUpperCase()}`, '', ...facts].join('\n');
}
