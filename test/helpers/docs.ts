import MarkdownIt from 'markdown-it';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './service';

/**
 * Reading the project's Markdown documentation the way GitHub shows it:
 * which files make up the documentation, the anchors their headings get,
 * and the links they hold. Links and headings come from markdown-it's
 * tokens, so that text in code blocks and code spans is never taken for
 * either.
 */

const md = new MarkdownIt({ html: true });

/**
 * The documentation files, relative to the repository root: README,
 * ARCHITECTURE, CONTRIBUTING, CHANGELOG when there is one, and every page
 * under docs/. docs/pending/ holds drafts written for other pages, whose
 * links are only right once they are placed, so it is left out.
 */
export function docFiles(root = ROOT): string[] {
  const top = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((f) => fs.existsSync(path.join(root, f)));
  const under: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory() && rel !== 'docs/pending') walk(rel);
      else if (e.isFile() && e.name.endsWith('.md')) under.push(rel);
    }
  };
  if (fs.existsSync(path.join(root, 'docs'))) walk('docs');
  return [...top, ...under.sort()];
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** One heading: its level, its text as shown (code spans without their backticks), and its raw inline source. */
export interface Heading {
  level: number;
  text: string;
  source: string;
  slug: string;
}

/** One link or image in a document, with its 1-based line. */
export interface Link {
  target: string;
  line: number;
}

/** The headings of a Markdown text, with the anchors GitHub gives them (a repeated slug gets -1, -2, …). */
export function headings(text: string): Heading[] {
  const tokens = md.parse(text, {});
  const out: Heading[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const shown = (inline.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : '')).join('');
    const base = githubSlug(shown);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ level: Number(tokens[i].tag.slice(1)), text: shown, source: inline.content, slug: n ? `${base}-${n}` : base });
  }
  return out;
}

/** Every anchor a link may name in a text: heading slugs, and the ids and names of HTML elements. */
export function anchors(text: string): Set<string> {
  const out = new Set(headings(text).map((h) => h.slug));
  for (const m of text.matchAll(/<[a-z][^>]*\s(?:id|name)="([^"]+)"/gi)) out.add(m[1]);
  return out;
}

/** Every link and image target in a Markdown text, HTML `href` and `src` included, never one inside code. */
export function links(text: string): Link[] {
  const out: Link[] = [];
  const fromHtml = (html: string, line: number) => {
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/gi)) out.push({ target: m[1], line });
  };
  for (const t of md.parse(text, {})) {
    const line = (t.map?.[0] ?? 0) + 1;
    if (t.type === 'html_block') fromHtml(t.content, line);
    for (const c of t.children ?? []) {
      if (c.type === 'link_open') out.push({ target: String(c.attrGet('href') ?? ''), line });
      else if (c.type === 'image') out.push({ target: String(c.attrGet('src') ?? ''), line });
      else if (c.type === 'html_inline') fromHtml(c.content, line);
    }
  }
  return out;
}

/**
 * The broken relative links of the given documentation files: a target
 * that does not exist, or an anchor that no heading of the target Markdown
 * file (or of the same file, for `#anchor`) makes. Links with a scheme
 * (https:, mailto:, topic:) are not followed. Each problem reads
 * `file:line: target: why`.
 */
export function brokenLinks(files: readonly string[], root = ROOT): string[] {
  const problems: string[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    let a = anchorCache.get(file);
    if (!a) anchorCache.set(file, (a = anchors(fs.readFileSync(file, 'utf8'))));
    return a;
  };
  for (const rel of files) {
    const file = path.join(root, rel);
    for (const { target, line } of links(fs.readFileSync(file, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      // GitHub reads a leading slash as the repository root.
      const dest = pathPart === '' ? file : pathPart.startsWith('/') ? path.join(root, pathPart) : path.resolve(path.dirname(file), pathPart);
      const where = `${rel}:${line}: ${target}`;
      if (target === '') { problems.push(`${where}: empty link`); continue; }
      if (!fs.existsSync(dest)) { problems.push(`${where}: ${path.relative(root, dest)} does not exist`); continue; }
      if (anchor !== undefined && dest.endsWith('.md') && !anchorsOf(dest).has(anchor)) {
        problems.push(`${where}: no heading in ${path.relative(root, dest)} has the anchor #${anchor}`);
      }
    }
  }
  return problems;
}
