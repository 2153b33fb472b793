/**
 * The shape of a rule. A rule is data plus one or two check functions: the
 * engine (../validation.ts) decides severity, suppression, messages' guide
 * notes, links and caching, so a rule only says what it found and where.
 */
import type { Catalog } from '../../catalog/catalog';
import type { RuleSeverity, StylebookSettings } from '../../settings';
import type { OpenApiModel, Operation, PathItem, ResponseEntry } from '../model';

/** What a quick fix should do, carried in the diagnostic's `data` so that code actions can rebuild the edit. */
export interface FixInfo {
  /** Which edit builder makes the edit (see ../edits/index.ts). */
  kind:
    | 'replace-key' | 'replace-value' | 'add-response' | 'add-header' | 'add-error-response'
    | 'add-description' | 'add-format' | 'add-security' | 'rename-path' | 'add-pagination';
  /** The title shown in the editor's quick-fix menu. */
  title: string;
  /** The operation the fix edits, when it edits one. */
  path?: string;
  method?: string;
  /** The response key the fix edits (add-header, add-description). */
  response?: string;
  /** The new text or name (replace-key, replace-value, rename-path, add-response, add-header, add-format, add-security), or the parameter names to add (add-pagination, comma-separated). */
  value?: string;
}

/** One problem a rule found. Offsets are into the document text. */
export interface Finding {
  offset: number;
  end: number;
  /** What is wrong and what the guides recommend, in one or two sentences (plain text). */
  message: string;
  /** The operation or path item the finding belongs to: suppression looks there. */
  operation?: Operation;
  pathItem?: PathItem;
  /**
   * Set when the problem lives in a shared response component that the
   * operation references: the offsets then point into the component, the
   * message must not name the operation, and the engine reports the problem
   * once there, listing the operations that use it as related information.
   */
  via?: ResponseEntry;
  /** Overrides the rule's topic when a more specific one fits (429 vs 503). */
  topic?: string;
  fixes?: FixInfo[];
}

/** What rules may read besides the model. */
export interface RuleContext {
  model: OpenApiModel;
  settings: StylebookSettings;
  catalog: Catalog;
}

/** A rule: identity, topic, default severity, and its checks. */
export interface Rule {
  /** The diagnostic code, used in settings and in `x-stylebook-ignore`. */
  id: string;
  /** The catalog topic whose guides back the rule. */
  topic: string;
  defaultSeverity: RuleSeverity;
  /** One sentence on what the rule asks for: SARIF's rule description. */
  summary: string;
  /** Words that pick the most relevant guide section for the link (matched against reference names). */
  keywords: string[];
  /** Runs per operation; its findings are cached by the operation's text. */
  checkOperation?(op: Operation, ctx: RuleContext, report: (f: Finding) => void): void;
  /** Runs once per document (rules that compare across paths or walk schemas). */
  checkDocument?(ctx: RuleContext, report: (f: Finding) => void): void;
}
