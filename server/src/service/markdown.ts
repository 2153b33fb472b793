/**
 * Markdown helpers for cards. Catalog text is escaped so that a page can
 * never inject raw HTML, images or command links into a hover.
 */
const SPECIAL = /[\\`*_{}[\]()#+!|<>~]/g;

/** Escapes text so that it renders literally in Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** A Markdown link to an http(s) URL; other schemes render as plain text. */
export function link(label: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMarkdown(label);
  // encodeURIComponent leaves parentheses alone, and they would end the link early.
  const safe = url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${safe})`;
}

/** A guide section's link; one that could not be checked against the guide's source gets its archived copy beside it. */
export function referenceLink(ref: { name: string; url: string; archiveUrl?: string }): string {
  const main = link(ref.name, ref.url);
  return ref.archiveUrl ? `${main} (${link('archived copy', ref.archiveUrl)})` : main;
}

/** A command link to open a topic page (only ever built by us, never from catalog text). */
export function topicPageLink(topicId: string, label = 'Open the topic page'): string {
  const args = encodeURIComponent(JSON.stringify([topicId]));
  return `[${escapeMarkdown(label)}](command:stylebook.showTopic?${args} "Show the full topic page")`;
}

/** Where the project lives; the shipped catalog's pages can be read there by clients that cannot open topic pages. */
export const PROJECT_URL = 'https://github.com/api-stylebook-lens/api-stylebook-lens';

/** The command link to a topic page we put in cards (topicPageLink), with its label and its argument; the title is optional. */
const TOPIC_COMMAND_LINK = /\[((?:\\.|[^\]\\])*)\]\(command:stylebook\.showTopic\?([^\s)]+)(?: "[^"]*")?\)/g;

/** The topic id a topic command link's encoded argument names, or undefined. */
function topicIdOfArgs(args: string): string | undefined {
  try {
    const list = JSON.parse(decodeURIComponent(args)) as unknown;
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined;
  } catch {
    return undefined;
  }
}

/** The topic ids of the topic command links in card Markdown, in order. */
export function topicCommandLinkIds(markdown: string): string[] {
  const ids: string[] = [];
  for (const m of markdown.matchAll(TOPIC_COMMAND_LINK)) {
    const id = topicIdOfArgs(m[2]);
    if (id) ids.push(id);
  }
  return ids;
}

/**
 * Rewrites the topic-page command links we put in cards, for a client that
 * cannot run commands (every editor but our VS Code extension): `replace`
 * gets the topic id and the link's label (still escaped) and returns the
 * Markdown to show instead.
 */
export function replaceTopicCommandLinks(markdown: string, replace: (topicId: string, label: string) => string): string {
  return markdown.replace(TOPIC_COMMAND_LINK, (whole, label: string, args: string) => {
    const id = topicIdOfArgs(args);
    return id ? replace(id, label) : label;
  });
}
