import { isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { buildCatalog, type Catalog } from './catalog';
import { appendAll, PAGE_LIMITS, ProblemList, yamlReporter } from './limits';
import { labelFromUrl } from './page';
import { applyPositionsFile, isPositionsText, parsePositionsFile, type PositionsFile } from './positions';
import type { CatalogPage, CatalogProblem, GuidelineEntry, Reference } from './types';

/**
 * A guideline file: one style guide in the reference-data format (its
 * metadata, then `topics: {topicId: [{name, url}]}`). A team describes its
 * own style guide this way and the catalog shows its sections next to the
 * public guides'. Parsing never throws; problems carry the line.
 */
export interface GuidelineFile {
  /** The guide's metadata, as topic pages carry it (references empty). */
  guide: Omit<GuidelineEntry, 'references'>;
  /** Topic id → the guide's sections that cover it, with the line of the topic key. */
  topics: Array<{ topicId: string; references: Reference[]; line: number; column: number }>;
}

/** Does this catalog source name a guideline file (YAML) rather than a topic page (Markdown)? */
export function isGuidelineSource(source: string): boolean {
  return /\.ya?ml$/i.test(source);
}

/** Parses and validates a guideline file. */
export function parseGuidelineFile(text: string, source: string): { file?: GuidelineFile; problems: CatalogProblem[] } {
  const { found, lineCounter, at, report } = yamlReporter(source);
  const problems = found.problems;
  if (text.length > PAGE_LIMITS.pageChars) {
    report([0, 0], `the file is ${text.length} characters long, more than the ${PAGE_LIMITS.pageChars} a guideline file may have; it was skipped`);
    return { problems };
  }
  if (text.indexOf('\0') >= 0) {
    report([0, 0], 'not a text file (it contains NUL bytes)');
    return { problems };
  }
  let doc;
  try {
    // Duplicate keys are found below with a set: the yaml package's own check compares
    // every key with every other, seconds on a file of a few thousand topics.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    report([0, 0], `the guideline file could not be read: ${(e as Error).message}`);
    return { problems };
  }
  for (const err of doc.errors) {
    const p = lineCounter.linePos(err.pos[0]);
    report([p.line - 1, p.col - 1], `YAML error: ${err.message.split('\n')[0]}`);
  }
  if (doc.errors.length) return { problems };
  visit(doc, {
    Map(_key, map) {
      const keys = new Set<unknown>();
      for (const pair of map.items) {
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        if (keys.has(k)) report(at(pair.key as YamlNode), 'Map keys must be unique');
        keys.add(k);
      }
    },
  });
  if (found.errors) return { problems };
  const root = doc.contents;
  if (!isMap(root)) {
    report(at(root as YamlNode | null), 'a guideline file must be a mapping: id, title, type, url, company, companyUrl, date, reviewDate, then topics');
    return { problems };
  }
  const node = (key: string) => root.get(key, true) as YamlNode | undefined;
  const str = (key: string, required: boolean): string | undefined => {
    const n = node(key);
    const v = isScalar(n) ? n.value : n === undefined ? undefined : null;
    if (v === undefined || v === null || v === '') {
      if (required) report(at(n ?? root), `missing required key "${key}"`);
      return undefined;
    }
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v !== 'string' && typeof v !== 'number') {
      report(at(n), `"${key}" must be a string`);
      return undefined;
    }
    return String(v);
  };
  const url = (key: string, required: boolean, n: YamlNode | undefined = node(key), v: string | undefined = str(key, required)): string | undefined => {
    if (v === undefined) return undefined;
    if (!/^https?:\/\/[^\s/]+/i.test(v)) {
      report(at(n), `"${key}" must be an http or https URL, not "${v}"`);
      return undefined;
    }
    return v;
  };
  const id = str('id', true);
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(id)) report(at(node('id')), `id "${id}" must be lower-case letters, digits and hyphens`);
  const title = str('title', true);
  const gurl = url('url', true);
  const company = str('company', true);
  const guide = {
    id: id ?? '', title: title ?? '', url: gurl ?? '', company: company ?? '',
    type: str('type', false), companyUrl: url('companyUrl', false), date: str('date', false), reviewDate: str('reviewDate', false),
  };
  const known = new Set(['id', 'title', 'type', 'url', 'company', 'companyUrl', 'date', 'reviewDate', 'topics']);
  for (const pair of root.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!known.has(k)) report(at(pair.key as YamlNode), `unknown key "${k}"; a guideline file has ${[...known].join(', ')}`, 'warning');
  }
  const topics: GuidelineFile['topics'] = [];
  const tNode = node('topics');
  if (tNode === undefined) report(at(root), 'missing required key "topics" (topic id → list of {name, url})');
  else if (!isMap(tNode)) report(at(tNode), '"topics" must map topic ids to lists of sections ({name, url})');
  else if (tNode.items.length > PAGE_LIMITS.topicsPerGuidelineFile) {
    report(at(tNode), `"topics" has ${tNode.items.length} entries, more than the ${PAGE_LIMITS.topicsPerGuidelineFile} a guideline file may have; the file was skipped`);
  } else {
    for (const pair of tNode.items) {
      const keyNode = pair.key as YamlNode;
      const topicId = isScalar(keyNode) ? String(keyNode.value) : '';
      const refs: Reference[] = [];
      const list = pair.value as YamlNode | null;
      if (!isSeq(list) || list.items.length === 0) {
        report(at(list ?? keyNode), `topic "${topicId}" needs a non-empty list of sections ({name, url})`);
        continue;
      }
      if (list.items.length > PAGE_LIMITS.referencesPerGuideline) {
        report(at(list), `topic "${topicId}" has ${list.items.length} sections, more than the ${PAGE_LIMITS.referencesPerGuideline} a topic may have`);
        continue;
      }
      for (const r of list.items) {
        if (!isMap(r)) {
          report(at(r as YamlNode), 'each section must be a mapping with "name" and "url"');
          continue;
        }
        const rurlNode = r.get('url', true) as YamlNode | undefined;
        const rurlValue = isScalar(rurlNode) && typeof rurlNode.value === 'string' ? rurlNode.value : undefined;
        if (!rurlValue) {
          report(at(rurlNode ?? (r as YamlNode)), `a section of topic "${topicId}" is missing its "url"`);
          continue;
        }
        const rurl = url('url', true, rurlNode, rurlValue);
        if (!rurl) continue;
        const rnameNode = r.get('name', true) as YamlNode | undefined;
        const rname = isScalar(rnameNode) && rnameNode.value !== null && String(rnameNode.value).trim() ? String(rnameNode.value) : labelFromUrl(rurl);
        refs.push({ name: rname, url: rurl });
      }
      const [line, column] = at(keyNode);
      if (refs.length) topics.push({ topicId, references: refs, line, column });
    }
    if (tNode.items.length === 0) report(at(tNode), 'this guide covers no topic yet', 'warning');
  }
  if (found.errors || !id || !title || !gurl || !company) return { problems };
  return { file: { guide, topics }, problems };
}

/**
 * Adds a guideline file's sections to the topics of a catalog. A topic the
 * catalog does not have is reported (a typo, or a topic page that is missing).
 */
export function applyGuidelineFile(catalog: Catalog, file: GuidelineFile, source: string): void {
  const unknown = new ProblemList(source);
  for (const t of file.topics) {
    const topic = catalog.get(t.topicId);
    if (!topic) {
      unknown.add(t.line, t.column, `unknown topic "${t.topicId}": no topic page in the catalog has this id; its sections are not shown`, 'warning');
      continue;
    }
    catalog.add({ ...topic, guidelines: [{ ...file.guide, references: t.references }] });
  }
  appendAll(catalog.problems, unknown.problems);
}

/**
 * Builds the catalog from layers that may mix topic pages (`*.md`),
 * guideline files and positions files (both `*.yaml`, told apart by a
 * top-level `positions:` key): pages first, layer by layer, then every
 * guideline file, so a guide may cover topics that a later layer adds, then
 * every positions file, so a position may name any guide's section.
 */
export function buildLayeredCatalog(layers: CatalogPage[][]): Catalog {
  const pages = layers.map((l) => l.filter((p) => !isGuidelineSource(p.source)));
  const catalog = buildCatalog(pages);
  const positions: Array<{ file: PositionsFile; source: string }> = [];
  for (const layer of layers) {
    for (const p of layer) {
      if (!isGuidelineSource(p.source)) continue;
      if (p.positions || isPositionsText(p.text)) {
        const parsed = p.positions ? { file: p.positions, problems: [] } : guarded(p, 'positions file', parsePositionsFile);
        appendAll(catalog.problems, parsed.problems);
        if (parsed.file) positions.push({ file: parsed.file, source: p.source });
        continue;
      }
      const { file, problems } = guarded(p, 'guideline file', parseGuidelineFile);
      appendAll(catalog.problems, problems);
      if (file) applyGuidelineFile(catalog, file, p.source);
    }
  }
  for (const p of positions) applyPositionsFile(catalog, p.file, p.source);
  return catalog;
}

/** Runs a file parser; should it throw (a bug, or a stack exhausted by nesting), the file is reported and skipped. */
function guarded<F>(p: CatalogPage, kind: string, parse: (text: string, source: string) => { file?: F; problems: CatalogProblem[] }): { file?: F; problems: CatalogProblem[] } {
  try {
    return parse(p.text, p.source);
  } catch (e) {
    return { problems: [{ source: p.source, line: 0, column: 0, severity: 'error', message: `the ${kind} could not be read (${(e as Error).message}); it was skipped` }] };
  }
}
