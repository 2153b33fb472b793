/**
 * Terminal output: ANSI styles that switch off cleanly, OSC 8 hyperlinks
 * where the terminal is known to support them, and a renderer that turns the
 * service's Markdown cards into terminal text (so `stylebook topic` shows the
 * very card the editor's hover shows).
 */

/** Text styles; each is the identity when colour is off. */
export interface Styles {
  bold(s: string): string;
  dim(s: string): string;
  italic(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

/** ANSI styles, or plain text when `enabled` is false. */
export function styles(enabled: boolean): Styles {
  if (!enabled) {
    const id = (s: string) => s;
    return { bold: id, dim: id, italic: id, underline: id, red: id, yellow: id, blue: id, green: id, cyan: id };
  }
  return {
    bold: wrap(1, 22), dim: wrap(2, 22), italic: wrap(3, 23), underline: wrap(4, 24),
    red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39), cyan: wrap(36, 39),
  };
}

/**
 * Whether to colour a stream: `--color`/`--no-color` win, then NO_COLOR and
 * FORCE_COLOR (the common conventions), then whether it is a terminal.
 */
export function shouldColor(stream: { isTTY?: boolean }, forced: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (forced !== undefined) return forced;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return !!stream.isTTY;
}

/**
 * Whether a terminal renders OSC 8 hyperlinks. There is no way to ask the
 * terminal, so this follows the variables the terminals that support them
 * set; anything unknown gets plain URLs, which every terminal can show.
 */
export function supportsHyperlinks(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_HYPERLINK !== undefined) return env.FORCE_HYPERLINK !== '0' && env.FORCE_HYPERLINK !== 'false';
  if (!stream.isTTY || env.TERM === 'dumb' || env.CI) return false;
  if (env.WT_SESSION || env.DOMTERM || env.KONSOLE_VERSION) return true;
  if (env.VTE_VERSION && Number(env.VTE_VERSION) >= 5000) return true;
  const program = env.TERM_PROGRAM ?? '';
  if (['vscode', 'iTerm.app', 'WezTerm', 'ghostty', 'Hyper', 'Tabby'].includes(program)) return true;
  if (/^(xterm-kitty|alacritty|foot|wezterm|xterm-ghostty)/.test(env.TERM ?? '')) return true;
  return false;
}

/** An OSC 8 hyperlink (label clickable, URL hidden) or "label (url)" when hyperlinks are off. */
export function hyperlink(label: string, url: string, enabled: boolean): string {
  if (enabled) return `\x1b]8;;${url}\x07${label}\x1b]8;;\x07`;
  return label === url ? url : `${label} (${url})`;
}

/** Removes control characters a catalog page could smuggle into a terminal (escape sequences). */
export function stripControl(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '');
}

/**
 * Renders the Markdown our cards use (headings, emphasis, code spans,
 * links, list items, backslash escapes) for a terminal. Command links, which
 * only mean something inside the editor, are dropped.
 */
export function renderMarkdown(md: string, opts: { color: boolean; hyperlinks: boolean }): string {
  const st = styles(opts.color);
  const out: string[] = [];
  for (const raw of md.split('\n')) {
    let line = raw;
    if (/\]\(command:/.test(line) && /^\[[^\]]*\]\(command:[^)]*\)$/.test(line.trim())) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      out.push(st.bold(inline(heading[2], st, opts.hyperlinks)));
      continue;
    }
    line = line.replace(/^(\s*)[-*] /, '$1• ');
    out.push(inline(line, st, opts.hyperlinks));
  }
  // Collapse the blank lines a dropped command link leaves behind.
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
}

/** Inline Markdown → terminal text. Escaped characters are protected first so they never act as syntax. */
function inline(text: string, st: Styles, hyperlinks: boolean): string {
  const escapes: string[] = [];
  const protect = (s: string) => `\u0000${escapes.push(s) - 1}\u0000`;
  let s = stripControl(text)
    .replace(/\\([\\`*_{}[\]()#+!|<>~.-])/g, (_m, c: string) => protect(c))
    .replace(/&lt;/g, () => protect('<'))
    .replace(/&gt;/g, () => protect('>'))
    .replace(/&amp;/g, () => protect('&'));
  s = s.replace(/`([^`]+)`/g, (_m, c: string) => protect(st.cyan(c)));
  s = s.replace(/\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) => {
    if (/^command:/.test(url)) return label;
    return protect(st.underline(hyperlink(restore(label, escapes), url, hyperlinks)));
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, (_m, b: string) => st.bold(b));
  s = s.replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, (_m, pre: string, i: string) => pre + st.italic(i));
  return restore(s, escapes);
}

function restore(s: string, escapes: string[]): string {
  // Restored pieces can contain other protected pieces (a link's label), so repeat until stable.
  let prev: string;
  do {
    prev = s;
    s = s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => escapes[Number(i)]);
  } while (s !== prev);
  return s;
}
