/**
 * The rule list. It is data: to add a rule, write it in a file of this
 * folder, add it here, give it a section in docs/rules.md and a fixture that
 * fires and one that stays quiet (see CONTRIBUTING.md, "Adding a rule").
 */
import { paginationConsistency, paginationParams } from './pagination';
import { pathCase, pathCaseMixed, pathVerb, versioningStyle } from './paths';
import {
  createdLocation, deleteNoContent, errorResponse, operationSecurity, postCreateStatus, responseDescription, retryAfter,
  statusCodeInvalid, statusCodeUnregistered,
} from './responses';
import { dateTimeFormat, nullStyle } from './schemas';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  statusCodeInvalid,
  statusCodeUnregistered,
  postCreateStatus,
  createdLocation,
  retryAfter,
  errorResponse,
  deleteNoContent,
  responseDescription,
  operationSecurity,
  pathCase,
  pathCaseMixed,
  pathVerb,
  versioningStyle,
  paginationParams,
  paginationConsistency,
  dateTimeFormat,
  nullStyle,
];

/** The id of the diagnostics about `x-stylebook-ignore` itself (a missing reason, an unknown rule). */
export const SUPPRESSION_RULE_ID = 'ignore-reason';
/** The id of the parser's problems. */
export const SYNTAX_ID = 'syntax';
/** The id of the problem that says checking stopped short (YAML aliases repeating the same entries without end). */
export const LIMIT_ID = 'check-limit';

/**
 * The ids of the code-and-spec consistency checks (../../workspace/consistency.ts) that an
 * operation's ignore list may name: they are not rules of one document, but are silenced there.
 */
export const CONSISTENCY_OPERATION_IDS: readonly string[] = ['code-status-undocumented', 'spec-status-unanswered'];

/** Every id a setting or an ignore list may name. */
export const RULE_IDS: ReadonlySet<string> = new Set([...RULES.map((r) => r.id), SUPPRESSION_RULE_ID, ...CONSISTENCY_OPERATION_IDS]);
