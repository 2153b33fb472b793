import type { Hover, Position } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import { methodCard, rangeCard, statusCard, topicCard, type CardContext } from '../card';
import type { StylebookDocument } from '../document';
import { classifyResponseKey } from '../http/statusCodes';
import { methodInfo } from '../http/methods';
import { escapeMarkdown } from '../markdown';
import { locate, SEQ, type Located } from './locate';
import {
  FORMAT_TRIGGERS, HEADER_TRIGGERS, KEYWORD_TRIGGERS, MEDIA_TYPE_TRIGGERS, PARAMETER_TRIGGERS, RESPONSE_KEY_TRIGGERS, matchTrigger, type Trigger,
} from './triggers';

/** Keys whose children are names of schema properties or examples, never path items. */
const NOT_PATH_ITEM_PARENTS = new Set([
  'properties', 'items', 'schema', 'schemas', 'examples', 'example', 'default', 'enum', 'allOf', 'anyOf', 'oneOf',
  'not', 'additionalProperties', 'patternProperties', 'definitions', '$defs', 'content', 'value', 'headers', 'parameters',
]);

/**
 * Is `key` an operation of a path item (`get`, `post`, …) in this located chain?
 * When the chain stops at the path item's own key (hovers look only four keys
 * up), a name that is not a schema keyword counts: operations live only in
 * path items, under `paths`, `webhooks`, `x-webhooks`, callbacks and
 * `components/pathItems`.
 */
export function isOperationKey(path: readonly string[], index: number): boolean {
  const key = path[index];
  if (!key || !methodInfo(key) || key !== key.toLowerCase()) return false;
  const parent = path[index + 1];
  const grand = path[index + 2];
  if (parent === undefined) return false;
  if (parent.startsWith('/') || parent.startsWith('{')) return true;
  if (grand === undefined) return !NOT_PATH_ITEM_PARENTS.has(parent) && !parent.startsWith('x-');
  return grand === 'paths' || grand === 'webhooks' || grand === 'x-webhooks' || grand === 'callbacks' || grand === 'pathItems' || path[index + 3] === 'callbacks';
}

/** Decides which card, if any, belongs to the located token. Exported for completion and tests. */
export function cardFor(loc: Located, catalog: Catalog, ctx: CardContext): string | undefined {
  const { token, path } = loc;
  // Response status keys: responses → <code> under an operation.
  if (token.isKey && path[1] === 'responses' && isOperationKey(path, 2)) {
    const k = classifyResponseKey(token.text);
    switch (k.kind) {
      case 'code': return statusCard(k.code, catalog, ctx);
      case 'range': return rangeCard(k.digit, catalog, ctx);
      case 'default': {
        const t = catalog.get(matchTrigger(RESPONSE_KEY_TRIGGERS, 'default')!.topic) ?? catalog.get('errors');
        const facts = ['**default** — the response for every status not listed: in practice, the error format. Pair it with explicit codes the client can act on.'];
        return t ? topicCard(t, { ...ctx, heading: 'default response', facts }, catalog) : undefined;
      }
      case 'invalid': return statusCard(Number(token.text) || 0, catalog, { ...ctx, facts: [escapeMarkdown(k.reason)] });
    }
  }
  // Operation keys.
  if (token.isKey && isOperationKey(path, 0)) return methodCard(token.text, catalog, ctx);
  // Path keys under `paths`.
  if (token.isKey && path[1] === 'paths' && token.text.startsWith('/')) return pathCard(token.text, catalog, ctx);
  // Parameter names.
  if (!token.isKey && path[0] === 'name' && (path[2] === 'parameters' || path[3] === 'parameters')) {
    const header = matchTrigger(HEADER_TRIGGERS, token.text);
    const param = matchTrigger(PARAMETER_TRIGGERS, token.text);
    const chosen = param ?? (header && (header.names[0] !== '*' || /^[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)+$/.test(token.text)) ? header : undefined);
    return chosen && triggerCard(chosen, token.text, catalog, ctx);
  }
  // Header names in `headers:` maps.
  if (token.isKey && path[1] === 'headers') {
    const t = matchTrigger(HEADER_TRIGGERS, token.text);
    return t && triggerCard(t, token.text, catalog, ctx);
  }
  if (!token.isKey && path[0] === 'format') {
    const t = matchTrigger(FORMAT_TRIGGERS, token.text);
    return t && triggerCard(t, token.text, catalog, ctx);
  }
  if (!token.isKey && path[0] === 'type' && token.text === 'null') {
    const t = catalog.get('data-format-null');
    return t && topicCard(t, ctx, catalog);
  }
  // Media types: keys of `content` maps, items of `produces`/`consumes`.
  if ((token.isKey && path[1] === 'content') || (!token.isKey && path[0] === SEQ && (path[1] === 'produces' || path[1] === 'consumes'))) {
    if (/^[\w.+-]+\/[\w.+*-]+/.test(token.text)) {
      const t = matchTrigger(MEDIA_TYPE_TRIGGERS, token.text);
      return t && triggerCard(t, token.text, catalog, ctx);
    }
  }
  // Security scheme names.
  if (token.isKey && (path[1] === 'securitySchemes' || (path[1] === 'securityDefinitions' && loc.path.length === 2))) {
    const t = catalog.get('security');
    return t && topicCard(t, { ...ctx, facts: [`Security scheme **${escapeMarkdown(token.text)}**.`] }, catalog);
  }
  if (token.isKey) {
    const t = matchTrigger(KEYWORD_TRIGGERS, token.text);
    // `security` is the keyword only at the root or directly in an operation, not as a property name.
    if (t && (token.text !== 'security' || (path.length === 1 && loc.complete) || isOperationKey(path, 1))) return triggerCard(t, token.text, catalog, ctx);
  }
  return undefined;
}

function triggerCard(t: Trigger, name: string, catalog: Catalog, ctx: CardContext): string | undefined {
  const topic = catalog.get(t.topic);
  if (!topic) return undefined;
  return topicCard(topic, { ...ctx, facts: [`\`${escapeMarkdown(name)}\` — ${escapeMarkdown(t.note)}`, ...(ctx.facts ?? [])] }, catalog);
}

const VERSION_SEGMENT = /^v\d+(\.\d+)*$|^\d+\.\d+$/i;

/** The card for a path key: versioning, identifiers, action segments or naming. */
function pathCard(pathKey: string, catalog: Catalog, ctx: CardContext): string | undefined {
  const segments = pathKey.split('/').filter(Boolean);
  const version = segments.find((s) => VERSION_SEGMENT.test(s));
  const facts: string[] = [];
  let topicId = 'resource-url-format';
  if (version) {
    topicId = 'versioning';
    facts.push(`\`${escapeMarkdown(version)}\` puts the API version in the path.`);
  } else if (segments.length && /^\{.+\}$/.test(segments[segments.length - 1])) {
    topicId = 'resource-id';
    facts.push(`\`${escapeMarkdown(segments[segments.length - 1])}\` identifies one resource of the collection.`);
  }
  const cases = new Set(segments.filter((s) => !s.startsWith('{')).map(caseOf).filter((c) => c !== 'lower'));
  if (cases.size > 1) facts.push(`Segments mix ${[...cases].join(' and ')} naming: pick one case for the whole API.`);
  const topic = catalog.get(topicId);
  return topic && topicCard(topic, { ...ctx, facts }, catalog);
}

function caseOf(s: string): string {
  if (/^[a-z0-9]+$/.test(s)) return 'lower';
  if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(s)) return 'kebab-case';
  if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(s)) return 'snake_case';
  if (/^[a-z][a-zA-Z0-9]*$/.test(s)) return 'camelCase';
  if (/^[A-Z][a-zA-Z0-9]*$/.test(s)) return 'PascalCase';
  return 'mixed';
}

/**
 * How many keys above the cursor a hover looks at. Every card is decided by
 * the token and at most three ancestors; walking further would scan back
 * over every earlier path item of a large spec (the `paths:` key is usually
 * megabytes above a deep operation).
 */
export const HOVER_DEPTH = 4;

/** Answers a hover in an OpenAPI document from the text around the cursor alone. */
export function doOpenApiHover(doc: StylebookDocument, position: Position, catalog: Catalog, ctx: CardContext): Hover | null {
  const td = doc.textDocument;
  const text = td.getText();
  const loc = locate(text, td.offsetAt(position), doc.openapi!.format, HOVER_DEPTH);
  if (!loc) return null;
  const value = cardFor(loc, catalog, ctx);
  if (!value) return null;
  return {
    contents: { kind: 'markdown', value },
    range: { start: td.positionAt(loc.token.offset), end: td.positionAt(loc.token.end) },
  };
}
