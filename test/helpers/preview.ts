import MarkdownIt from 'markdown-it';

/**
 * Renders Markdown as VS Code's Markdown preview does (markdown-it with raw
 * HTML and linkify on) and lists what a topic page must never contain: a
 * link anywhere but http(s), mailto, an in-page anchor or a sibling topic
 * page (`<id>.md`), an image, or raw HTML. Tests judge the sanitizer's output
 * by what the preview would build from it, not by its text.
 */
const preview = new MarkdownIt({ html: true, linkify: true });

/** An allowed link target in a rendered page. */
const ALLOWED_HREF = /^(https?:\/\/|mailto:|#[\w-]*$|[a-z0-9][a-z0-9-]*\.md$)/i;

/** The dangerous elements the preview would build from `markdown`, described; empty when it is safe. */
export function dangers(markdown: string): string[] {
  const found: string[] = [];
  const walk = (tokens: readonly MarkdownIt.Token[]) => {
    for (const t of tokens) {
      if (t.type === 'html_block' || t.type === 'html_inline') found.push(`raw HTML ${JSON.stringify(t.content)}`);
      if (t.type === 'image') found.push(`image ${t.attrGet('src')}`);
      if (t.type === 'link_open' && !ALLOWED_HREF.test(String(t.attrGet('href')))) found.push(`link to ${t.attrGet('href')}`);
      if (t.children) walk(t.children);
    }
  };
  walk(preview.parse(markdown, {}));
  // The HTML itself, in case a token type above is not the only way in.
  const html = preview.render(markdown);
  if (/<(img|script|iframe|object|embed|svg|style)\b|<[a-z][^>]*\son\w+=/i.test(html)) found.push('dangerous HTML in the rendered page');
  for (const m of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) if (!ALLOWED_HREF.test(m[1])) found.push(`attribute target ${m[1]}`);
  return [...new Set(found)];
}

/** The preview's HTML for `markdown`, for comparing two renderings. */
export function previewHtml(markdown: string): string {
  return preview.render(markdown);
}
