import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Catalog } from './catalog';
import { appendAll, PAGE_LIMITS, ProblemList, yamlReporter } from './limits';
import type { CatalogProblem, Reference } from './types';

/** The most words a position's summary may have: it is a cell of a table and part of a hover line. */
export const POSITION_SUMMARY_WORDS = 12;

/** What one guide recommends on one topic, in our own words, with the section it comes from. */
export interface Position {
  /** The guide's id, as topic pages and guideline files give it. */
  guideId: string;
  /** A short label that groups guides recommending the same thing ("cursor", "offset"). */
  stance: string;
  /** The recommendation in at most `POSITION_SUMMARY_WORDS` words. */
  summary: string;
  /** The guide's section (one of its references for the topic) the position was read in. */
  section: Reference;
  /** The positions file and 0-based line of the entry, for messages. */
  source: string;
  line: number;
}

/** One entry of a positions file before it is checked against the catalog. */
interface RawPosition {
  guide: string;
  stance: string;
  summary: string;
  section: string;
  line: number;
  column: number;
  sectionLine: number;
  sectionColumn: number;
}

/** A parsed positions file: the topic it is about and its entries. */
export interface PositionsFile {
  topicId: string;
  topicLine: number;
  topicColumn: number;
  entries: RawPosition[];
}

/**
 * Does this YAML text look like a positions file rather than a guideline
 * file? A positions file has a top-level `positions:` key, which a
 * guideline file never has; the check is on the text so that each file is
 * parsed once, by the parser it belongs to.
 */
export function isPositionsText(text: string): boolean {
  return /^positions[ \t]*:/m.test(text);
}

/** Counts the words of a summary the way a reader would: runs of non-space characters. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Parses a positions file (`topic: <id>`, then `positions:` as a list of
 * `{guide, stance, summary, section}`). Problems carry the line; an entry
 * with a problem is left out, the others are kept. Never throws.
 */
export function parsePositionsFile(text: string, source: string): { file?: PositionsFile; problems: CatalogProblem[] } {
  const { found, lineCounter, at, report } = yamlReporter(source);
  if (text.length > PAGE_LIMITS.pageChars) {
    report([0, 0], `the file is ${text.length} characters long, more than the ${PAGE_LIMITS.pageChars} a positions file may have; it was skipped`);
    return { problems: found.problems };
  }
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false });
  } catch (e) {
    report([0, 0], `the positions file could not be read: ${(e as Error).message}`);
    return { problems: found.problems };
  }
  for (const err of doc.errors) {
    const p = lineCounter.linePos(err.pos[0]);
    report([p.line - 1, p.col - 1], `YAML error: ${err.message.split('\n')[0]}`);
  }
  if (doc.errors.length) return { problems: found.problems };
  const root = doc.contents;
  if (!isMap(root)) {
    report(at(root as YamlNode | null), 'a positions file must be a mapping: topic, then positions');
    return { problems: found.problems };
  }
  for (const pair of root.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    if (k !== 'topic' && k !== 'positions') report(at(pair.key as YamlNode), `unknown key "${k}"; a positions file has topic and positions`, 'warning');
  }
  const topicNode = root.get('topic', true) as YamlNode | undefined;
  const topicId = isScalar(topicNode) && typeof topicNode.value === 'string' ? topicNode.value.trim() : '';
  if (!topicId) {
    report(at(topicNode ?? root), 'missing required key "topic" (the id of the topic these positions are about)');
    return { problems: found.problems };
  }
  const list = root.get('positions', true) as YamlNode | undefined;
  if (!isSeq(list)) {
    report(at(list ?? root), '"positions" must be a list of {guide, stance, summary, section}');
    return { problems: found.problems };
  }
  if (list.items.length > PAGE_LIMITS.guidelinesPerPage) {
    report(at(list), `"positions" has ${list.items.length} entries, more than the ${PAGE_LIMITS.guidelinesPerPage} a topic may have; the file was skipped`);
    return { problems: found.problems };
  }
  const entries: RawPosition[] = [];
  for (const item of list.items) {
    const where = at(item as YamlNode);
    if (!isMap(item)) {
      report(where, 'each position must be a mapping with guide, stance, summary and section');
      continue;
    }
    let ok = true;
    const field = (key: string): string => {
      const n = item.get(key, true) as YamlNode | undefined;
      const v = isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value).replace(/\s+/g, ' ').trim() : '';
      if (!v) {
        report(at(n ?? (item as YamlNode)), `a position is missing its "${key}"${key === 'stance' ? ' (a short label that groups guides recommending the same thing)' : ''}`);
        ok = false;
      }
      return v;
    };
    for (const pair of item.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!['guide', 'stance', 'summary', 'section'].includes(k)) report(at(pair.key as YamlNode), `unknown key "${k}"; a position has guide, stance, summary and section`, 'warning');
    }
    const guide = field('guide');
    const stance = field('stance');
    const summary = field('summary');
    const section = field('section');
    const sectionNode = item.get('section', true) as YamlNode | undefined;
    if (summary && countWords(summary) > POSITION_SUMMARY_WORDS) {
      report(at(item.get('summary', true) as YamlNode), `the summary has ${countWords(summary)} words, more than the ${POSITION_SUMMARY_WORDS} a position may have`);
      ok = false;
    }
    if (stance && countWords(stance) > 3) {
      report(at(item.get('stance', true) as YamlNode), `the stance "${stance}" is a label of at most 3 words; put the detail in the summary`);
      ok = false;
    }
    const [sectionLine, sectionColumn] = at(sectionNode ?? (item as YamlNode));
    if (ok) entries.push({ guide, stance, summary, section, line: where[0], column: where[1], sectionLine, sectionColumn });
  }
  const [topicLine, topicColumn] = at(topicNode);
  return { file: { topicId, topicLine, topicColumn, entries }, problems: found.problems };
}

/**
 * Checks a positions file against the catalog and records its positions.
 * The topic must exist, the guide must cover it, and the section must be
 * one of that guide's references for the topic (by URL or by name). A later
 * file's position for the same guide and topic replaces the earlier one, so
 * a team can restate a public guide's position; within one file a guide may
 * appear once.
 */
export function applyPositionsFile(catalog: Catalog, file: PositionsFile, source: string): void {
  const found = new ProblemList(source);
  const topic = catalog.get(file.topicId);
  if (!topic) {
    found.add(file.topicLine, file.topicColumn, `unknown topic "${file.topicId}": no topic page in the catalog has this id; its positions are not shown`);
    appendAll(catalog.problems, found.problems);
    return;
  }
  const seen = new Set<string>();
  for (const e of file.entries) {
    const guide = topic.guidelines.find((g) => g.id === e.guide);
    if (!guide) {
      // Only a mistake needs the list of every guide, which walks the whole catalog.
      const why = catalog.guides().some((g) => g.id === e.guide) ? `does not cover topic "${topic.id}"` : 'is not a guide of the catalog';
      found.add(e.line, e.column, `unknown guide "${e.guide}": it ${why}; this position is not shown`);
      continue;
    }
    if (seen.has(e.guide)) {
      found.add(e.line, e.column, `guide "${e.guide}" already has a position in this file; this one is not shown`);
      continue;
    }
    // A page may list the same section twice; the same URL is one section.
    const byUrl = guide.references.filter((r) => r.url === e.section);
    const named = byUrl.length ? byUrl : guide.references.filter((r) => r.name === e.section);
    const matches = named.filter((r, i) => named.findIndex((x) => x.url === r.url) === i);
    if (matches.length !== 1) {
      const names = guide.references.map((r) => `"${r.name}"`).join(', ');
      const why = matches.length ? `names ${matches.length} of its sections; give the URL instead` : `is not among its sections for this topic (${names})`;
      found.add(e.sectionLine, e.sectionColumn, `section "${e.section}" of guide "${e.guide}" ${why}; this position is not shown`);
      continue;
    }
    seen.add(e.guide);
    catalog.setPosition(topic.id, { guideId: e.guide, stance: e.stance, summary: e.summary, section: matches[0], source, line: e.line });
  }
  appendAll(catalog.problems, found.problems);
}

/**
 * Stances in display order, each with its positions in `order` (guide ids,
 * the team's profile guides first). A stance that a profile guide takes
 * comes first; then the stance more guides take; ties keep `order`.
 */
export function groupByStance<T extends { guideId: string; stance: string }>(positions: readonly T[], order: readonly string[], inProfile: (guideId: string) => boolean): Array<{ stance: string; positions: T[] }> {
  const rank = (p: T) => {
    const i = order.indexOf(p.guideId);
    return i < 0 ? order.length : i;
  };
  const groups = new Map<string, T[]>();
  for (const p of [...positions].sort((a, b) => rank(a) - rank(b))) {
    const key = p.stance.toLowerCase();
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const profiled = (list: T[]) => list.some((p) => inProfile(p.guideId));
  return [...groups.values()]
    .sort((a, b) => {
      const pa = profiled(a);
      const pb = profiled(b);
      if (pa !== pb) return pa ? -1 : 1;
      if (pa) return rank(a[0]) - rank(b[0]);
      return b.length - a.length || rank(a[0]) - rank(b[0]);
    })
    .map((list) => ({ stance: list[0].stance, positions: list }));
}
