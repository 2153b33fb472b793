import type { PositionsFile } from './positions';

/** One section of a style guide that covers a topic. */
export interface Reference {
  name: string;
  /** Where the section is published today (catalog/links.json), else the URL the page gives. */
  url: string;
  /** An archived copy of the section, for a link that could not be checked against the guide's source. */
  archiveUrl?: string;
}

/** A style guide as it appears on a topic page, with the sections that cover the topic. */
export interface GuidelineEntry {
  id: string;
  title: string;
  type?: string;
  url: string;
  company: string;
  companyUrl?: string;
  date?: string;
  reviewDate?: string;
  references: Reference[];
}

/** A catalog topic: the facts from the front matter plus our own guidance. */
export interface Topic {
  id: string;
  category: string;
  name: string;
  description: string;
  /** The page body (Markdown guidance), without front matter. */
  body: string;
  guidelines: GuidelineEntry[];
  /** Where the page came from (file path or URI), for messages. */
  source: string;
  /** The status code of an `http-status-NNN` topic. */
  statusCode?: number;
  /** The method of an `http-methods-X` topic. */
  method?: string;
}

export type ProblemSeverity = 'error' | 'warning';

/** A problem found while loading a catalog page; lines and columns are 0-based. */
export interface CatalogProblem {
  source: string;
  line: number;
  column: number;
  message: string;
  severity: ProblemSeverity;
}

/** A catalog page handed to the loader: its text and where it came from. */
export interface CatalogPage {
  source: string;
  text: string;
  /**
   * The topic this exact text parses to, when the entry point already knows
   * it (from the shipped catalog's build-time snapshot); the loader then
   * skips parsing and validating the page.
   */
  parsed?: Topic;
  /** Where the page's guide sections are published today (the shipped catalog's links.json). */
  links?: LinkMap;
  /** Likewise for a positions file: what this exact text parses to, known from the build-time snapshot. */
  positions?: PositionsFile;
}

/** What catalog/links.json records for one original guide URL. */
export interface LinkEntry {
  /** verified: the URL is still right; moved: `url` is where the section is today; archived: only an archived copy is known. */
  status: 'verified' | 'moved' | 'archived';
  url?: string;
  archive?: string;
  /** The guide repository (owner/name) and the snapshot commit the link was checked against. */
  repository?: string;
  commit?: string;
}

/** Original guide URL → what is known about it today. */
export type LinkMap = ReadonlyMap<string, LinkEntry>;
