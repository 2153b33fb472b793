/** A rule's severity as teams configure it. */
export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

/**
 * Settings that shape what the service shows; shared by the editor (VS Code
 * settings) and the command line (`.stylebook.yaml`). The service receives
 * them as data; reading files and settings happens at the entry points.
 */
export interface StylebookSettings {
  /** Guide ids or company names the team follows: their references come first in cards and messages. */
  guideProfile: string[];
  /** Per-rule severity overrides, by rule id; 'off' disables a rule. */
  rules: Record<string, RuleSeverity>;
  naming: {
    /** The case path segments must use; `any` (the default) asks only that paths agree. */
    pathCase: 'kebab-case' | 'snake_case' | 'camelCase' | 'any';
  };
  pagination: {
    /** The team's pagination parameters: offset/limit, cursor/limit or page/page_size. */
    style: 'offset' | 'cursor' | 'page' | 'any';
    /** Whether a collection GET must declare pagination parameters. */
    required: boolean;
  };
  versioning: {
    /** Where the API version lives. */
    style: 'path' | 'header' | 'query' | 'media-type' | 'any';
  };
  nulls: {
    /** How absent values are represented: omitted fields, explicit nulls, or either. */
    style: 'omit' | 'explicit' | 'any';
  };
  /** Extra catalog folders or guideline files, merged over the shipped catalog. */
  catalogPaths: string[];
  /** Gitignore-style patterns, relative to the workspace root, of files that get no diagnostics at all. */
  ignore: string[];
  code: {
    /** Whether the code rules also check test code (test folders and files by each ecosystem's conventions). */
    includeTests: boolean;
  };
}

/** The settings used when nothing is configured. */
export const DEFAULT_SETTINGS: StylebookSettings = {
  guideProfile: [],
  rules: {},
  naming: { pathCase: 'any' },
  pagination: { style: 'any', required: false },
  versioning: { style: 'any' },
  nulls: { style: 'any' },
  catalogPaths: [],
  ignore: [],
  code: { includeTests: false },
};
