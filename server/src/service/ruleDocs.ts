/**
 * Where each rule is explained: docs/rules.md has one section per rule id,
 * headed with the id, so the id is the section's anchor. The CLI's SARIF
 * and stylish reports link there; a test holds the ids and the sections to
 * each other.
 */
import { CODE_RULES } from './code/validation';
import { LIMIT_ID, RULE_IDS as OPENAPI_RULE_IDS, SYNTAX_ID } from './openapi/rules/index';
import { PROJECT_URL } from './markdown';
import { CONSISTENCY_RULES } from './workspace/consistency';

/** docs/rules.md in the project's repository, as a reader of a report can open it. */
export const RULES_DOC_URL = `${PROJECT_URL}/blob/main/docs/rules.md`;

/**
 * Every id a problem may carry as its code: the OpenAPI rules (with
 * `ignore-reason`), the route-handler rules, the code-and-spec consistency
 * checks (`code-route-undocumented` among them, which no operation's ignore
 * list names), and the parser's `syntax` and the engine's `check-limit`,
 * which no setting names but reports do.
 */
export const DOCUMENTED_RULE_IDS: ReadonlySet<string> = new Set([
  ...OPENAPI_RULE_IDS, ...Object.values(CODE_RULES).map((r) => r.id),
  ...Object.values(CONSISTENCY_RULES).map((r) => r.id), SYNTAX_ID, LIMIT_ID,
]);

/** The link to a rule's section in docs/rules.md, or undefined for an id that has none. */
export function ruleDocUrl(id: string): string | undefined {
  return DOCUMENTED_RULE_IDS.has(id) ? `${RULES_DOC_URL}#${id}` : undefined;
}
