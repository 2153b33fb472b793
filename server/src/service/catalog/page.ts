import matter from 'gray-matter';
import { Document, isMap, isSeq, LineCounter, parseDocument, Node as YamlNode } from 'yaml';
import type { CatalogProblem, GuidelineEntry, Reference, Topic } from './types';

/**
 * Parses and validates one topic page in the catalog's front-matter format.
 * Never throws: a broken page yields no topic and problems with file and line.
 */
export function parseTopicPage(text: string, source: string): { topic?: Topic; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const report = (line: number, column: number, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ source, line, column, message, severity });

  if (text.indexOf('\0') >= 0) {
    report(0, 0, 'not a text file (it contains NUL bytes)');
    return { problems };
  }
  const body = text.replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(body)) {
    report(0, 0, 'a topic page must start with front matter between "---" lines');
    return { problems };
  }
  let doc: Document | undefined;
  const lineCounter = new LineCounter();
  const frontLine = 1;
  let content = '';
  try {
    const parsed = matter(body, {
      engines: {
        yaml: (s: string) => {
          doc = parseDocument(s, { lineCounter, prettyErrors: false, uniqueKeys: true });
          return (doc.toJS() ?? {}) as object;
        },
      },
    });
    content = parsed.content;
  } catch (e) {
    report(frontLine, 0, `front matter could not be read: ${(e as Error).message}`);
    return { problems };
  }
  if (!doc) {
    report(frontLine, 0, 'front matter is missing or empty');
    return { problems };
  }
  // gray-matter hands the engine the text right after the opening '---', so the
  // engine's first (empty) line is the file's line 0 and line numbers carry over.
  const lineOf = (off: number): [number, number] => {
    const p = lineCounter.linePos(off);
    return [p.line - 1, p.col - 1];
  };
  const at = (node: YamlNode | undefined | null): [number, number] => lineOf(node?.range?.[0] ?? 0);
  for (const err of doc.errors) report(...lineOf(err.pos[0]), `YAML error: ${err.message.split('\n')[0]}`);
  if (doc.errors.length) return { problems };
  const root = doc.contents;
  if (!isMap(root)) {
    report(frontLine, 0, 'front matter must be a mapping of keys to values');
    return { problems };
  }
  const get = (map: unknown, key: string): YamlNode | undefined => (isMap(map) ? (map.get(key, true) as YamlNode | undefined) : undefined);
  const str = (map: unknown, key: string, required: boolean, where: YamlNode | null | undefined, allowEmpty = false): string | undefined => {
    const node = get(map, key);
    const v = node ? (node as { toJSON(): unknown }).toJSON() : undefined;
    if (allowEmpty && v === '') return '';
    if (v === undefined || v === null || v === '') {
      if (required) report(...at(where), `missing required key "${key}"`);
      return undefined;
    }
    if (v instanceof Date) return v.toISOString();
    if (typeof v !== 'string' && typeof v !== 'number') {
      report(...at(node), `"${key}" must be a string`);
      return undefined;
    }
    return String(v);
  };
  const url = (map: unknown, key: string, required: boolean, where: YamlNode | null | undefined): string | undefined => {
    const v = str(map, key, required, where);
    if (v === undefined) return undefined;
    if (!/^https?:\/\/[^\s/]+/i.test(v)) {
      report(...at(get(map, key)), `"${key}" must be an http or https URL, not "${v}"`);
      return undefined;
    }
    return v;
  };

  const id = str(root, 'topic_id', true, root);
  const category = str(root, 'topic_category', true, root);
  const name = str(root, 'topic_name', true, root);
  // An extra catalog layer may leave the description empty to keep the shipped one.
  const description = str(root, 'topic_description', true, root, true);
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    report(...at(get(root, 'topic_id')), `topic_id "${id}" must be lower-case letters, digits and hyphens`);
  }
  const guidelines: GuidelineEntry[] = [];
  const gNode = get(root, 'guidelines');
  if (gNode === undefined) report(...at(root), 'missing required key "guidelines" (use [] for none)');
  else if (!isSeq(gNode)) report(...at(gNode), '"guidelines" must be a list');
  else {
    for (const g of gNode.items) {
      if (!isMap(g)) {
        report(...at(g as YamlNode), 'each guideline must be a mapping with guideline_* keys');
        continue;
      }
      const gid = str(g, 'guideline_id', true, g);
      const title = str(g, 'guideline_title', true, g);
      const gurl = url(g, 'guideline_url', true, g);
      const company = str(g, 'guideline_company', true, g);
      const refs: Reference[] = [];
      const rNode = get(g, 'references');
      if (!rNode || !isSeq(rNode) || rNode.items.length === 0) {
        report(...at(rNode ?? g), `guideline "${gid ?? '?'}" needs a non-empty "references" list`);
      } else {
        for (const r of rNode.items) {
          if (!isMap(r)) {
            report(...at(r as YamlNode), 'each reference must be a mapping with "name" and "url"');
            continue;
          }
          const rurl = url(r, 'url', true, r);
          let rname = str(r, 'name', false, r);
          if (rurl && !rname) rname = labelFromUrl(rurl);
          if (rurl && rname) refs.push({ name: rname, url: rurl });
        }
      }
      if (gid && title && gurl && company && refs.length) {
        guidelines.push({
          id: gid, title, url: gurl, company, references: refs,
          type: str(g, 'guideline_type', false, g),
          companyUrl: url(g, 'guideline_companyUrl', false, g),
          date: str(g, 'guideline_date', false, g),
          reviewDate: str(g, 'guideline_reviewDate', false, g),
        });
      }
    }
  }
  if (problems.some((p) => p.severity === 'error') || !id || !category || !name || description === undefined) return { problems };
  const topic: Topic = { id, category, name, description, body: content.replace(/^\r?\n/, ''), guidelines, source };
  const sm = /^http-status-(\d{3})$/.exec(id);
  if (sm) topic.statusCode = Number(sm[1]);
  const mm = /^http-methods-(get|put|post|delete|options|head|patch|trace)$/.exec(id);
  if (mm) topic.method = mm[1];
  return { topic, problems };
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
