import type MarkdownIt from 'markdown-it';

/**
 * Makes catalog guidance (Markdown that may come from a repository the user
 * did not write) safe to show in the editor's Markdown preview. It is parsed
 * with markdown-it, the parser VS Code's preview itself uses, so that what we
 * judge is exactly what the preview would build; then only an allow-list of
 * tokens is written back out as Markdown: text, emphasis, code, lists,
 * tables, headings, block quotes, rules, and links to http(s), mailto,
 * in-page anchors and our own topic pages. Images become links (or their
 * text), raw HTML becomes text, any other link becomes its label. Text is
 * escaped on the way out, so nothing written back can start a construct the
 * parser did not see. Parsing and writing are both linear in the text.
 */

type Token = MarkdownIt.Token;

/** Decides where a link may point: the target to write, or undefined to keep only the label. */
export type LinkPolicy = (href: string) => string | undefined;

let parser: MarkdownIt.MarkdownIt | undefined;

/**
 * The parser, configured as the preview's (raw HTML recognised, so that it is
 * found and neutralised where the preview would find it; tables and
 * strikethrough on). Loaded on first use: most sessions never open a page.
 */
function markdownParser(): MarkdownIt.MarkdownIt {
  if (!parser) {
    const create = require('markdown-it') as typeof MarkdownIt;
    parser = create({ html: true, linkify: false, typographer: false });
    // Every link-shaped construct becomes a link token, whatever its scheme (markdown-it
    // would leave javascript: and file: ones as literal text): the allow-list then decides
    // alone, and a refused link shows its label rather than its Markdown source.
    parser.validateLink = () => true;
  }
  return parser;
}

/** A token with the tokens it encloses (markdown-it hands out a flat list with open/close pairs). */
interface TokenNode {
  token: Token;
  children: TokenNode[];
}

function toTree(tokens: readonly Token[]): TokenNode[] {
  const root: TokenNode[] = [];
  const stack: TokenNode[][] = [root];
  for (const token of tokens) {
    if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const node: TokenNode = { token, children: [] };
    stack[stack.length - 1].push(node);
    if (token.nesting === 1) stack.push(node.children);
  }
  return root;
}

/** Rewrites Markdown so that it keeps only what `allowLink` and the token allow-list let through. */
export function sanitizeMarkdown(markdown: string, allowLink: LinkPolicy): string {
  const tokens = markdownParser().parse(markdown, {});
  return renderBlocks(toTree(tokens), { allowLink, inLink: false, inTable: false }, false).join('\n\n');
}

interface Context {
  allowLink: LinkPolicy;
  /** Inside a link's label, where another link (or an image link) cannot be. */
  inLink: boolean;
  /** Inside a table cell, where a pipe ends the cell even in code. */
  inTable: boolean;
}

/** Renders sibling blocks; each entry is one block's lines. */
function renderBlocks(nodes: readonly TokenNode[], ctx: Context, tight: boolean): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    const block = renderBlock(node, ctx, tight);
    if (block !== undefined) out.push(block);
  }
  return out;
}

function renderBlock(node: TokenNode, ctx: Context, tight: boolean): string | undefined {
  const t = node.token;
  switch (t.type) {
    case 'paragraph_open':
      return inlineOf(node, ctx);
    case 'heading_open': {
      // A setext heading may span lines; an ATX heading is one line.
      const text = inlineOf(node, ctx).replace(/\n/g, ' ');
      return `${'#'.repeat(Number(t.tag.slice(1)) || 1)} ${text}`;
    }
    case 'blockquote_open':
      return renderBlocks(node.children, ctx, false).join('\n\n').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
    case 'bullet_list_open':
    case 'ordered_list_open':
      return renderList(node, ctx);
    case 'fence':
    case 'code_block':
      return renderFence(t.content, t.type === 'fence' ? t.info : '');
    case 'hr':
      return '***';
    case 'html_block':
      // Raw HTML is shown as the text it is.
      return plainLines(t.content);
    case 'table_open':
      return renderTable(node, ctx);
    case 'inline':
      return escapeLineStarts(renderInline(toTree(t.children ?? []), ctx));
    default:
      // A container this allow-list does not know: keep what it holds, as blocks.
      if (node.children.length) return renderBlocks(node.children, ctx, tight).join(tight ? '\n' : '\n\n');
      return t.content ? plainLines(t.content) : undefined;
  }
}

function inlineOf(node: TokenNode, ctx: Context): string {
  const inline = node.children.find((c) => c.token.type === 'inline');
  return inline ? escapeLineStarts(renderInline(toTree(inline.token.children ?? []), ctx)) : '';
}

function renderList(node: TokenNode, ctx: Context): string {
  const t = node.token;
  const ordered = t.type === 'ordered_list_open';
  const start = ordered ? Number(attr(t, 'start') || 1) : 0;
  const items = node.children.filter((c) => c.token.type === 'list_item_open');
  // markdown-it hides the paragraphs of a tight list; a loose one keeps blank lines between blocks.
  const tight = items.every((item) => item.children.every((c) => c.token.type !== 'paragraph_open' || c.token.hidden));
  const rendered = items.map((item, i) => {
    const marker = ordered ? `${start + i}${t.markup || '.'}` : t.markup || '-';
    const body = renderBlocks(item.children, ctx, tight).join(tight ? '\n' : '\n\n');
    const pad = ' '.repeat(marker.length + 1);
    if (!body) return marker;
    return body.split('\n').map((l, j) => (j === 0 ? `${marker} ${l}` : l ? pad + l : '')).join('\n');
  });
  return rendered.join(tight ? '\n' : '\n\n');
}

function renderFence(content: string, info: string): string {
  const lang = (info.trim().split(/\s+/)[0] ?? '').replace(/[^\w#+.-]/g, '');
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  return `${fence}${lang}\n${content.replace(/\n$/, '')}\n${fence}`;
}

function renderTable(node: TokenNode, ctx: Context): string {
  const rows: Array<{ cells: string[]; aligns: string[] }> = [];
  const visit = (n: TokenNode) => {
    if (n.token.type === 'tr_open') {
      const cells = n.children.filter((c) => c.token.type === 'th_open' || c.token.type === 'td_open');
      rows.push({
        cells: cells.map((c) => inlineOf(c, { ...ctx, inTable: true }).replace(/\n/g, ' ')),
        aligns: cells.map((c) => /text-align:(\w+)/.exec(attr(c.token, 'style'))?.[1] ?? ''),
      });
      return;
    }
    for (const c of n.children) visit(c);
  };
  visit(node);
  if (!rows.length) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const delimiter = rows[0].aligns.map((a) => (a === 'left' ? ':---' : a === 'right' ? '---:' : a === 'center' ? ':---:' : '---'));
  return [line(rows[0].cells), line(delimiter), ...rows.slice(1).map((r) => line(r.cells))].join('\n');
}

function renderInline(nodes: readonly TokenNode[], ctx: Context): string {
  let out = '';
  for (const node of nodes) {
    const t = node.token;
    switch (t.type) {
      case 'text':
      case 'text_special':
      case 'html_inline':
        // Inside a link's label the preview links no bare URL, so its colons may stay as they are.
        out += ctx.inLink ? escapeText(t.content).replace(/\\:/g, ':') : escapeText(t.content);
        break;
      case 'softbreak':
        out += '\n';
        break;
      case 'hardbreak':
        out += '\\\n';
        break;
      case 'code_inline':
        out += codeSpan(t.content, ctx.inTable);
        break;
      case 'em_open':
        out += `*${renderInline(node.children, ctx)}*`;
        break;
      case 'strong_open':
        out += `**${renderInline(node.children, ctx)}**`;
        break;
      case 's_open':
        out += `~~${renderInline(node.children, ctx)}~~`;
        break;
      case 'link_open': {
        const label = renderInline(node.children, { ...ctx, inLink: true });
        const target = ctx.inLink ? undefined : ctx.allowLink(attr(t, 'href'));
        out += target === undefined ? label : `[${label}](${target}${linkTitle(attr(t, 'title'))})`;
        break;
      }
      case 'image': {
        // An image would load a remote resource when the page opens: it becomes a link to it, or its text.
        const alt = renderInline(toTree(t.children ?? []), { ...ctx, inLink: true });
        const src = attr(t, 'src');
        const target = ctx.inLink || !/^https?:/i.test(src) ? undefined : ctx.allowLink(src);
        out += target === undefined ? alt : `[${alt || 'image'}](${target})`;
        break;
      }
      default:
        // Anything else (a token a future markdown-it adds): its text, escaped, then what it holds.
        out += escapeText(t.content ?? '') + renderInline(node.children, ctx);
    }
  }
  return out;
}

/** A token's attribute as a string ('' when absent). */
function attr(t: Token, name: string): string {
  const v = t.attrGet(name);
  return v === null || v === undefined ? '' : String(v);
}

function linkTitle(title: string): string {
  if (!title) return '';
  return ` "${title.replace(/\s+/g, ' ').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function codeSpan(content: string, inTable: boolean): string {
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') ? ' ' : '';
  // A pipe ends a table cell even inside code; escaped, it stays in the code.
  const body = inTable ? content.replace(/\|/g, '\\|') : content;
  return `${fence}${pad}${body}${pad}${fence}`;
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text[i] === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * Characters that can open or close inline constructs anywhere in a line.
 * The colon is among them because the preview links bare URLs while it
 * parses: from an unescaped `https:` it would take a URL that swallows the
 * backslash or backtick after it, and so unescape what follows (a code span
 * holding `<img>` would become raw HTML). An escaped colon starts no URL;
 * the preview still links the URL afterwards, in the finished text.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>!&|~:]/g;

/** Escapes text so that it renders literally inside a line; angle brackets become entities, which no URL can swallow into a tag. */
function escapeText(text: string): string {
  return text.replace(INLINE_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/**
 * Escapes what would start a block at the beginning of a line of text (a
 * heading, a list item, a setext underline, a rule): inline escaping leaves
 * these characters alone because elsewhere in a line they are plain text.
 */
function escapeLineStart(line: string): string {
  if (/^[#+\-=]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Text of any shape as paragraph lines that render literally (leading blanks would indent into code). */
function plainLines(text: string): string {
  return text.replace(/\n+$/, '').split('\n').map((l) => escapeLineStart(escapeText(l.trimStart()))).join('\n');
}

function escapeLineStarts(text: string): string {
  return text.includes('\n') ? text.split('\n').map(escapeLineStart).join('\n') : escapeLineStart(text);
}
