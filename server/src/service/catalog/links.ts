import type { LinkEntry, LinkMap, Reference, Topic } from './types';

const HTTP = /^https?:\/\/\S+$/i;
const ARCHIVE = /^https:\/\/web\.archive\.org\/web\/\S+$/;

/**
 * Reads the content of catalog/links.json (already parsed from JSON). An
 * entry without the expected shape is left out, so its references keep the
 * URL their page gives: a damaged file can cost a link its update, never
 * the link itself.
 */
export function parseLinks(data: unknown): Map<string, LinkEntry> {
  const out = new Map<string, LinkEntry>();
  const links = (data as { links?: unknown } | null)?.links;
  if (typeof links !== 'object' || links === null) return out;
  for (const [url, raw] of Object.entries(links)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const e = raw as Record<string, unknown>;
    const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
    const status = str('status');
    if (status === 'moved' && HTTP.test(str('url') ?? '')) out.set(url, { status, url: str('url'), repository: str('repository'), commit: str('commit') });
    else if (status === 'archived' && ARCHIVE.test(str('archive') ?? '')) out.set(url, { status, archive: str('archive') });
    else if (status === 'verified') out.set(url, { status, repository: str('repository'), commit: str('commit') });
  }
  return out;
}

/** A reference as it is shown today: a moved section gets its current URL, an archived-only one its archived copy beside the original. */
export function currentReference(ref: Reference, links: LinkMap): Reference {
  const e = links.get(ref.url);
  if (e?.status === 'moved' && e.url) return { ...ref, url: e.url };
  if (e?.status === 'archived' && e.archive) return { ...ref, archiveUrl: e.archive };
  return ref;
}

/** The topic with every guide section's link brought up to date. */
export function applyLinks(topic: Topic, links: LinkMap | undefined): Topic {
  if (!links?.size) return topic;
  return { ...topic, guidelines: topic.guidelines.map((g) => ({ ...g, references: g.references.map((r) => currentReference(r, links)) })) };
}
