import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { DEFAULT_SETTINGS, type RuleSeverity, type StylebookSettings } from '../settings';

/**
 * The team's configuration: `.stylebook.yaml` at the workspace root and the
 * `stylebook.*` VS Code settings have the same shape, so one validator reads
 * both. Validation never throws: a bad value is reported and ignored (its
 * default applies), a file that is not valid YAML is reported and ignored as
 * a whole.
 */

/** A problem in a configuration, with a 0-based position in the file (0:0 for editor settings). */
export interface ConfigProblem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Settings a layer (the file, the editor) sets explicitly; whatever is absent comes from the layer below. */
export interface SettingsOverrides {
  guideProfile?: string[];
  rules?: Record<string, RuleSeverity>;
  naming?: Partial<StylebookSettings['naming']>;
  pagination?: Partial<StylebookSettings['pagination']>;
  versioning?: Partial<StylebookSettings['versioning']>;
  nulls?: Partial<StylebookSettings['nulls']>;
  catalogPaths?: string[];
  ignore?: string[];
  code?: Partial<StylebookSettings['code']>;
}

/** The allowed values of every choice setting; the JSON schema and package.json say the same (a test checks). */
export const SETTING_CHOICES = {
  'naming.pathCase': ['kebab-case', 'snake_case', 'camelCase', 'any'],
  'pagination.style': ['offset', 'cursor', 'page', 'any'],
  'versioning.style': ['path', 'header', 'query', 'media-type', 'any'],
  'nulls.style': ['omit', 'explicit', 'any'],
} as const;

/** The severities a rule may be given. */
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The file the configuration is read from, at the workspace root. */
export const CONFIG_FILE_NAMES = ['.stylebook.yaml', '.stylebook.yml'];

export interface ValidateOptions {
  /** Rule ids the engine knows; a rule not in the set is reported (but kept, so a newer config still works). */
  ruleIds?: ReadonlySet<string>;
}

type Locate = (path: readonly (string | number)[], keyOnly?: boolean) => Omit<ConfigProblem, 'message' | 'severity'>;

const TOP_KEYS = ['guideProfile', 'rules', 'naming', 'pagination', 'versioning', 'nulls', 'catalog', 'ignore', 'code'];
const NESTED_KEYS: Record<string, string[]> = {
  naming: ['pathCase'],
  pagination: ['style', 'required'],
  versioning: ['style'],
  nulls: ['style'],
  catalog: ['paths'],
  code: ['includeTests'],
};

/**
 * Validates a configuration object (parsed file or editor settings) into
 * overrides. `locate` turns a key path into a position for the problems.
 */
export function validateSettingsObject(value: unknown, locate: Locate, options: ValidateOptions = {}, ignoreKeys: readonly string[] = []): { overrides: SettingsOverrides; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const overrides: SettingsOverrides = {};
  const report = (path: (string | number)[], message: string, severity: 'error' | 'warning' = 'error', keyOnly = false) =>
    problems.push({ ...locate(path, keyOnly), message, severity });
  if (value === null || value === undefined) return { overrides, problems };
  if (!isPlainObject(value)) {
    report([], `the configuration must be a mapping of settings (${TOP_KEYS.join(', ')})`);
    return { overrides, problems };
  }
  for (const key of Object.keys(value)) {
    if (!TOP_KEYS.includes(key) && !ignoreKeys.includes(key)) {
      report([key], `unknown setting "${key}"; known settings: ${TOP_KEYS.join(', ')}`, 'warning', true);
    }
  }
  // guideProfile: a list of guide ids or company names.
  if (value.guideProfile !== undefined && value.guideProfile !== null) {
    const list = stringList(value.guideProfile);
    if (list) overrides.guideProfile = list;
    else report(['guideProfile'], '"guideProfile" must be a list of guide ids or company names, for example [zalando, microsoft]');
  }
  // rules: rule id → severity.
  if (value.rules !== undefined && value.rules !== null) {
    if (!isPlainObject(value.rules)) report(['rules'], '"rules" must map rule ids to a severity: error, warning, info, hint or off');
    else {
      const rules: Record<string, RuleSeverity> = {};
      for (const [id, sev] of Object.entries(value.rules)) {
        // `false` reads naturally as "off"; `true` says nothing about the severity, so it is an error.
        const s = (sev === false ? 'off' : typeof sev === 'string' ? sev.toLowerCase() : undefined) as RuleSeverity | undefined;
        if (!s || !RULE_SEVERITIES.includes(s)) {
          report(['rules', id], `rule "${id}": severity must be one of ${RULE_SEVERITIES.join(', ')}, not ${JSON.stringify(sev)}`);
          continue;
        }
        if (options.ruleIds && !options.ruleIds.has(id)) report(['rules', id], `unknown rule "${id}"${closest(id, options.ruleIds)}`, 'warning', true);
        rules[id] = s;
      }
      overrides.rules = rules;
    }
  }
  for (const group of ['naming', 'pagination', 'versioning', 'nulls', 'catalog', 'code'] as const) {
    const g = value[group];
    if (g === undefined || g === null) continue;
    if (!isPlainObject(g)) {
      report([group], `"${group}" must be a mapping with ${NESTED_KEYS[group].join(', ')}`);
      continue;
    }
    for (const k of Object.keys(g)) {
      if (!NESTED_KEYS[group].includes(k)) report([group, k], `unknown setting "${group}.${k}"; known: ${NESTED_KEYS[group].map((n) => `${group}.${n}`).join(', ')}`, 'warning', true);
    }
  }
  const choice = <K extends keyof typeof SETTING_CHOICES>(name: K): (typeof SETTING_CHOICES)[K][number] | undefined => {
    const [group, key] = name.split('.');
    const g = value[group];
    if (!isPlainObject(g) || g[key] === undefined || g[key] === null) return undefined;
    const allowed = SETTING_CHOICES[name] as readonly string[];
    if (typeof g[key] === 'string' && allowed.includes(g[key] as string)) return g[key] as (typeof SETTING_CHOICES)[K][number];
    report([group, key], `"${name}" must be one of ${allowed.join(', ')}, not ${JSON.stringify(g[key])}`);
    return undefined;
  };
  const pathCase = choice('naming.pathCase');
  if (pathCase) overrides.naming = { pathCase };
  const pagStyle = choice('pagination.style');
  if (pagStyle) overrides.pagination = { ...overrides.pagination, style: pagStyle };
  const pag = value.pagination;
  if (isPlainObject(pag) && pag.required !== undefined && pag.required !== null) {
    if (typeof pag.required === 'boolean') overrides.pagination = { ...overrides.pagination, required: pag.required };
    else report(['pagination', 'required'], `"pagination.required" must be true or false, not ${JSON.stringify(pag.required)}`);
  }
  const ver = choice('versioning.style');
  if (ver) overrides.versioning = { style: ver };
  const nulls = choice('nulls.style');
  if (nulls) overrides.nulls = { style: nulls };
  const cat = value.catalog;
  if (isPlainObject(cat) && cat.paths !== undefined && cat.paths !== null) {
    const list = stringList(cat.paths);
    if (list && list.every((p) => p.trim() !== '')) overrides.catalogPaths = list;
    else report(['catalog', 'paths'], '"catalog.paths" must be a list of folders or guideline files, relative to the workspace root');
  }
  // ignore: gitignore-style patterns, relative to the workspace root.
  if (value.ignore !== undefined && value.ignore !== null) {
    const list = stringList(value.ignore);
    if (list && list.every((p) => p.trim() !== '')) overrides.ignore = list;
    else report(['ignore'], '"ignore" must be a list of gitignore-style patterns relative to the workspace root, for example [test/**, "**/*.gen.ts"]');
  }
  const code = value.code;
  if (isPlainObject(code) && code.includeTests !== undefined && code.includeTests !== null) {
    if (typeof code.includeTests === 'boolean') overrides.code = { includeTests: code.includeTests };
    else report(['code', 'includeTests'], `"code.includeTests" must be true or false, not ${JSON.stringify(code.includeTests)}`);
  }
  return { overrides, problems };
}

/**
 * Parses and validates the text of a `.stylebook.yaml`. Problems carry the
 * line of the offending key or value. A file with YAML syntax errors yields
 * no overrides at all: guessing at half a configuration is worse than the
 * defaults.
 */
export function parseStylebookConfig(text: string, options: ValidateOptions = {}): { overrides: SettingsOverrides; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line - 1, column: p.col - 1 };
  };
  const span = (start: number, end: number) => {
    const a = pos(start);
    const b = pos(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.line === a.line ? Math.max(b.column, a.column + 1) : b.column };
  };
  if (text.indexOf('\0') >= 0) {
    return { overrides: {}, problems: [{ line: 0, column: 0, endLine: 0, endColumn: 1, severity: 'error', message: 'the configuration is not a text file (it contains NUL bytes); defaults apply' }] };
  }
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { overrides: {}, problems: [{ line: 0, column: 0, endLine: 0, endColumn: 1, severity: 'error', message: `the configuration could not be read: ${(e as Error).message}; defaults apply` }] };
  }
  if (doc.errors.length) {
    return {
      overrides: {},
      problems: doc.errors.map((e) => ({ ...span(e.pos[0], e.pos[1]), severity: 'error' as const, message: `YAML error: ${e.message.split('\n')[0]} (the whole file is ignored; defaults apply)` })),
    };
  }
  const locate: Locate = (path, keyOnly) => {
    // The node of the value at `path`, or of its key when the value is not what is wrong.
    let node: unknown = doc.contents;
    let keyNode: YamlNode | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === String(seg));
        if (!pair) break;
        keyNode = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        keyNode = undefined;
      } else break;
    }
    const target = (keyOnly ? keyNode : (node as YamlNode | null)?.range ? node : keyNode) as YamlNode | undefined;
    const range = target?.range ?? (doc.contents as YamlNode | null)?.range ?? [0, 0, 0];
    return span(range[0], range[1]);
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { overrides: {}, problems: [{ ...locate([]), severity: 'error', message: `the configuration could not be read: ${(e as Error).message}; defaults apply` }] };
  }
  return validateSettingsObject(value, locate, options);
}

/**
 * Validates the `stylebook` section of the editor's settings. Positions are
 * meaningless there, so problems point at 0:0 and the glue logs them.
 */
export function parseEditorSettings(section: unknown, options: ValidateOptions = {}): { overrides: SettingsOverrides; problems: ConfigProblem[] } {
  const at = () => ({ line: 0, column: 0, endLine: 0, endColumn: 0 });
  // The editor's section also holds settings that are not the team's (trace.server).
  const { overrides, problems } = validateSettingsObject(section ?? {}, at, options, ['trace']);
  return { overrides, problems: problems.map((p) => ({ ...p, message: `VS Code settings (stylebook): ${p.message}` })) };
}

/**
 * Layers settings: `base` (the defaults), then each layer in order, later
 * ones winning field by field. Rule severities merge per rule; catalog paths
 * from every layer add up.
 */
export function mergeSettings(base: StylebookSettings = DEFAULT_SETTINGS, ...layers: SettingsOverrides[]): StylebookSettings {
  const out: StylebookSettings = {
    guideProfile: [...base.guideProfile],
    rules: { ...base.rules },
    naming: { ...base.naming },
    pagination: { ...base.pagination },
    versioning: { ...base.versioning },
    nulls: { ...base.nulls },
    catalogPaths: [...base.catalogPaths],
    ignore: [...base.ignore],
    code: { ...base.code },
  };
  for (const l of layers) {
    if (l.guideProfile) out.guideProfile = [...l.guideProfile];
    if (l.rules) Object.assign(out.rules, l.rules);
    if (l.naming) Object.assign(out.naming, l.naming);
    if (l.pagination) Object.assign(out.pagination, l.pagination);
    if (l.versioning) Object.assign(out.versioning, l.versioning);
    if (l.nulls) Object.assign(out.nulls, l.nulls);
    if (l.catalogPaths) for (const p of l.catalogPaths) if (!out.catalogPaths.includes(p)) out.catalogPaths.push(p);
    // Ignore patterns add up like catalog paths: the editor's and the team's both apply.
    if (l.ignore) for (const p of l.ignore) if (!out.ignore.includes(p)) out.ignore.push(p);
    if (l.code) Object.assign(out.code, l.code);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' || typeof x === 'number')) return undefined;
  return v.map(String);
}

/** A "did you mean" suffix for a misspelt rule id. */
function closest(id: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best && bestD <= Math.max(2, Math.floor(id.length / 4)) ? `; did you mean "${best}"?` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
