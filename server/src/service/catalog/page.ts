import type grayMatter from 'gray-matter';
import { getProp, getProperty, type AstNode, type ObjectNode } from '../parse/ast';
import { parseYaml } from '../parse/yaml';
import { FastTextDocument } from '../textDocument';
import { PAGE_LIMITS, ProblemList } from './limits';
import type { CatalogProblem, GuidelineEntry, Reference, Topic } from './types';

let matterModule: typeof grayMatter | undefined;

/**
 * gray-matter, loaded on first use: with the shipped catalog's snapshot a
 * cold start parses no page at all, and gray-matter (with js-yaml) is a
 * noticeable part of loading the bundle.
 */
function matter(input: string, options: Parameters<typeof grayMatter>[1]): ReturnType<typeof grayMatter> {
  matterModule ??= require('gray-matter') as typeof grayMatter;
  return matterModule(input, options);
}

/**
 * Parses and validates one topic page in the catalog's front-matter format.
 * Never throws: a broken page yields no topic and problems with file and line.
 * The front matter is read with our fast YAML parser (the catalog is indexed
 * at every server and CLI start for the pages the build-time snapshot does
 * not know, so this is on the start-up path).
 */
export function parseTopicPage(text: string, source: string): { topic?: Topic; problems: CatalogProblem[] } {
  const list = new ProblemList(source);
  const problems = list.problems;
  const report = (line: number, column: number, message: string, severity: 'error' | 'warning' = 'error') => list.add(line, column, message, severity);

  if (text.length > PAGE_LIMITS.pageChars) {
    report(0, 0, `the page is ${text.length} characters long, more than the ${PAGE_LIMITS.pageChars} a topic page may have; the page was skipped`);
    return { problems };
  }
  if (text.indexOf('\0') >= 0) {
    report(0, 0, 'not a text file (it contains NUL bytes)');
    return { problems };
  }
  const body = text.replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(body)) {
    report(0, 0, 'a topic page must start with front matter between "---" lines');
    return { problems };
  }
  let front: FastTextDocument | undefined;
  let root: AstNode | undefined;
  let shared = false;
  let content = '';
  // One line index per page: a lookup per problem that rescanned the text made
  // a page with tens of thousands of problems quadratic.
  const lineCol = (offset: number): [number, number] => {
    const p = front!.positionAt(offset);
    return [p.line, p.character];
  };
  try {
    const parsed = matter(body, {
      engines: {
        yaml: (s: string) => {
          front = FastTextDocument.create(source, 'yaml', 0, s);
          const result = parseYaml(s);
          root = result.root;
          shared = result.shared !== false;
          for (const p of result.problems) report(...lineCol(p.offset), `YAML error: ${p.message}`);
          // The front matter is read from the tree below, never as a plain value: expanding
          // the tree (as gray-matter's own engine would) multiplies every alias it holds.
          return {};
        },
      },
    });
    content = parsed.content;
  } catch (e) {
    report(1, 0, `front matter could not be read: ${(e as Error).message}`);
    return { problems };
  }
  if (problems.length) return { problems };
  // gray-matter hands the engine the text right after the opening '---', so the
  // engine's first (empty) line is the file's line 0 and line numbers carry over.
  const at = (node: AstNode | undefined): [number, number] => lineCol(node?.offset ?? 0);
  if (!root || root.kind !== 'object') {
    report(1, 0, 'front matter must be a mapping of keys to values');
    return { problems };
  }
  // Aliases let a few hundred bytes stand for billions of values; a page reached
  // through more than the limit is refused before anything walks it.
  if (shared && expandedSize(root, PAGE_LIMITS.frontMatterValues) > PAGE_LIMITS.frontMatterValues) {
    report(1, 0, `the front matter stands for more than ${PAGE_LIMITS.frontMatterValues} values once its YAML aliases are expanded; the page was skipped`);
    return { problems };
  }
  const str = (map: AstNode, key: string, required: boolean, allowEmpty = false): string | undefined => {
    const node = getProp(map, key);
    const where = getProperty(map, key) ? node ?? map : map;
    if (!node || node.kind === 'null' || (node.kind === 'string' && node.value === '' && !allowEmpty)) {
      if (required) report(...at(where), `missing required key "${key}"`);
      return undefined;
    }
    if (node.kind === 'object' || node.kind === 'array' || node.kind === 'boolean') {
      report(...at(node), `"${key}" must be a string`);
      return undefined;
    }
    return String(node.value);
  };
  const url = (map: AstNode, key: string, required: boolean): string | undefined => {
    const v = str(map, key, required);
    if (v === undefined) return undefined;
    if (!/^https?:\/\/[^\s/]+/i.test(v)) {
      report(...at(getProp(map, key)), `"${key}" must be an http or https URL, not "${v}"`);
      return undefined;
    }
    return v;
  };

  const id = str(root, 'topic_id', true);
  const category = str(root, 'topic_category', true);
  const name = str(root, 'topic_name', true);
  // An extra catalog layer may leave the description empty to keep the shipped one.
  const description = str(root, 'topic_description', true, true);
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    report(...at(getProp(root, 'topic_id')), `topic_id "${id}" must be lower-case letters, digits and hyphens`);
  }
  const guidelines: GuidelineEntry[] = [];
  const gNode = getProp(root, 'guidelines');
  if (!getProperty(root, 'guidelines')) report(...at(root), 'missing required key "guidelines" (use [] for none)');
  else if (!gNode || gNode.kind !== 'array') report(...at(gNode ?? root), '"guidelines" must be a list');
  else if (gNode.items.length > PAGE_LIMITS.guidelinesPerPage) {
    report(...at(gNode), `"guidelines" has ${gNode.items.length} entries, more than the ${PAGE_LIMITS.guidelinesPerPage} a page may have; the page was skipped`);
  } else {
    for (const g of gNode.items) {
      if (g.kind !== 'object') {
        report(...at(g), 'each guideline must be a mapping with guideline_* keys');
        continue;
      }
      const entry = readGuideline(g, str, url, (node, message) => report(...at(node), message));
      if (entry) guidelines.push(entry);
    }
  }
  if (list.errors || !id || !category || !name || description === undefined) return { problems };
  const topic: Topic = { id, category, name, description, body: content.replace(/^\r?\n/, ''), guidelines, source };
  const sm = /^http-status-(\d{3})$/.exec(id);
  if (sm) topic.statusCode = Number(sm[1]);
  const mm = /^http-methods-(get|put|post|delete|options|head|patch|trace)$/.exec(id);
  if (mm) topic.method = mm[1];
  return { topic, problems };
}

type StrReader = (map: AstNode, key: string, required: boolean) => string | undefined;

function readGuideline(g: ObjectNode, str: StrReader, url: StrReader, report: (node: AstNode, message: string) => void): GuidelineEntry | undefined {
  const gid = str(g, 'guideline_id', true);
  const title = str(g, 'guideline_title', true);
  const gurl = url(g, 'guideline_url', true);
  const company = str(g, 'guideline_company', true);
  const refs: Reference[] = [];
  const rNode = getProp(g, 'references');
  if (!rNode || rNode.kind !== 'array' || rNode.items.length === 0) {
    report(rNode ?? g, `guideline "${gid ?? '?'}" needs a non-empty "references" list`);
  } else if (rNode.items.length > PAGE_LIMITS.referencesPerGuideline) {
    report(rNode, `guideline "${gid ?? '?'}" has ${rNode.items.length} references, more than the ${PAGE_LIMITS.referencesPerGuideline} a guideline may have`);
  } else {
    for (const r of rNode.items) {
      if (r.kind !== 'object') {
        report(r, 'each reference must be a mapping with "name" and "url"');
        continue;
      }
      const rurl = url(r, 'url', true);
      let rname = str(r, 'name', false);
      if (rurl && !rname) rname = labelFromUrl(rurl);
      if (rurl && rname) refs.push({ name: rname, url: rurl });
    }
  }
  if (!gid || !title || !gurl || !company || !refs.length) return undefined;
  return {
    id: gid, title, url: gurl, company, references: refs,
    type: str(g, 'guideline_type', false),
    companyUrl: url(g, 'guideline_companyUrl', false),
    date: str(g, 'guideline_date', false),
    reviewDate: str(g, 'guideline_reviewDate', false),
  };
}

/**
 * How many values a tree stands for once its aliases are expanded, counting
 * each shared node once per place it is reached (memoized, so the count itself
 * is linear in the tree). Stops counting at `limit + 1`.
 */
function expandedSize(node: AstNode | undefined, limit: number, memo = new Map<AstNode, number>()): number {
  if (!node) return 1;
  const known = memo.get(node);
  if (known !== undefined) return known;
  // Marked as over the limit while its children are counted, so that a cycle (which
  // the parsers report, but a tree from elsewhere might hold) ends the count at once.
  memo.set(node, limit + 1);
  let n = 1;
  if (node.kind === 'object') for (const p of node.props) { n += expandedSize(p.node, limit, memo); if (n > limit) break; }
  else if (node.kind === 'array') for (const item of node.items) { n += expandedSize(item, limit, memo); if (n > limit) break; }
  n = Math.min(n, limit + 1);
  memo.set(node, n);
  return n;
}

/** A readable label for a reference whose name is empty: the URL's anchor or last path segment. */
export function labelFromUrl(url: string): string {
  let raw = '';
  try {
    const u = new URL(url);
    raw = u.hash ? u.hash.slice(1) : (u.pathname.split('/').filter(Boolean).pop() ?? u.hostname);
    raw = decodeURIComponent(raw);
  } catch {
    raw = url;
  }
  raw = raw.replace(/\.(html?|md)$/i, '').replace(/[-_]+/g, ' ').trim();
  return raw ? raw.charAt(0).toUpperCase() + raw.slice(1) : url;
}
