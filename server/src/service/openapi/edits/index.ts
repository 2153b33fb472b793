/**
 * Builds the edits of a quick fix from the fix description a diagnostic
 * carries, against the current version of the document (the diagnostic may
 * be a little older: everything is looked up again, nothing is trusted).
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getProp, getProperty, type AstNode, type ObjectNode } from '../../parse/ast';
import { propertyAt, scalarAt, type OpenApiModel, type Operation } from '../model';
import { defaultDescription } from '../rules/responses';
import type { FixInfo } from '../rules/types';
import { appendItems, detectStyle, insertProperty, replaceToken, type Style } from './insert';

/** The fix's edits, or an empty list when the document no longer has what the fix needs. */
export function buildFixEdits(doc: TextDocument, model: OpenApiModel, fix: FixInfo, offset: number): TextEdit[] {
  const style = detectStyle(model.text, model.format);
  const op = model.operations.find((o) => o.path === fix.path && o.method === fix.method);
  switch (fix.kind) {
    case 'replace-key':
    case 'rename-path': {
      const at = propertyAt(model.root, offset);
      return at && fix.value ? [replaceToken(doc, at.prop.keyOffset, at.prop.keyEnd, fix.value)] : [];
    }
    case 'replace-value': {
      const node = scalarAt(model.root, offset);
      return node && fix.value ? [replaceToken(doc, node.offset, node.end, fix.value)] : [];
    }
    case 'add-header': {
      const r = op?.responses.find((x) => x.key === fix.response);
      if (!r?.node || !fix.value) return [];
      return addHeader(doc, model, r.node, fix.value, style);
    }
    case 'add-description': {
      const r = op?.responses.find((x) => x.key === fix.response);
      if (!r?.node) return [];
      const value = fix.value ?? defaultDescription(r.key);
      // `description:` with nothing after it (half-typed) is filled in, not followed by a second key.
      const empty = getProperty(r.node, 'description');
      const colon = empty && empty.node === undefined && model.format === 'yaml' ? model.text.indexOf(':', empty.keyEnd) : -1;
      if (colon >= 0) {
        const edit = replaceToken(doc, colon + 1, colon + 1, value);
        return [{ ...edit, newText: ` ${edit.newText}` }];
      }
      return insertProperty(doc, r.node, 'description', value, style);
    }
    case 'add-response': {
      if (!op || !fix.value) return [];
      const response: Record<string, unknown> = { description: defaultDescription(fix.value) };
      response.headers = { Location: headerSpec(model, 'Location') };
      return addToResponses(doc, op, fix.value, response, style);
    }
    case 'add-error-response':
      return op ? addErrorResponse(doc, model, op, style) : [];
    case 'add-format': {
      const at = propertyAt(model.root, offset);
      const schema = at?.prop.node;
      return schema?.kind === 'object' && fix.value ? insertProperty(doc, schema, 'format', fix.value, style) : [];
    }
    case 'add-pagination':
      return op && fix.value ? addPagination(doc, model, op, fix.value.split(','), style) : [];
    case 'add-security':
      return op ? insertProperty(doc, op.node, 'security', fix.value ? [{ [fix.value]: [] }] : [], style) : [];
  }
  return [];
}

/** A header definition in the document's OpenAPI version. */
function headerSpec(model: OpenApiModel, name: string): Record<string, unknown> {
  const v2 = model.family === '2.0';
  if (name === 'Location') {
    return v2
      ? { description: 'The URI of the created resource.', type: 'string', format: 'uri' }
      : { description: 'The URI of the created resource.', schema: { type: 'string', format: 'uri-reference' } };
  }
  if (name === 'Retry-After') {
    return v2
      ? { description: 'How many seconds to wait before retrying.', type: 'integer', minimum: 0 }
      : { description: 'How many seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } };
  }
  return v2 ? { type: 'string' } : { schema: { type: 'string' } };
}

function addHeader(doc: TextDocument, model: OpenApiModel, response: ObjectNode, name: string, style: Style): TextEdit[] {
  const headers = getProp(response, 'headers');
  if (headers?.kind === 'object' && (headers.props.length > 0 || model.format === 'json')) return insertProperty(doc, headers, name, headerSpec(model, name), style);
  if (headers) return [];
  return insertProperty(doc, response, 'headers', { [name]: headerSpec(model, name) }, style);
}

function addToResponses(doc: TextDocument, op: Operation, key: string, value: unknown, style: Style): TextEdit[] {
  const responses = op.responsesProp?.node;
  if (responses?.kind === 'object') return insertProperty(doc, responses, key, value, style);
  if (!op.responsesProp) return insertProperty(doc, op.node, 'responses', { [key]: value }, style);
  return [];
}

/** The error format of RFC 9457 (application/problem+json). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'An error in the format of RFC 9457 (Problem Details for HTTP APIs).',
  properties: {
    type: { type: 'string', format: 'uri-reference', description: 'A URI that identifies the kind of problem.' },
    title: { type: 'string', description: 'A short summary of the kind of problem.' },
    status: { type: 'integer', description: 'The HTTP status code of this occurrence.' },
    detail: { type: 'string', description: 'What went wrong in this occurrence.' },
    instance: { type: 'string', format: 'uri-reference', description: 'A URI that identifies this occurrence.' },
  },
};

/** Adds `default` with a problem+json body and, when the document has none, the Problem schema. */
function addErrorResponse(doc: TextDocument, model: OpenApiModel, op: Operation, style: Style): TextEdit[] {
  const v2 = model.family === '2.0';
  const container: AstNode | undefined = v2 ? getProp(model.root, 'definitions') : getProp(getProp(model.root, 'components'), 'schemas');
  const existing = ['Problem', 'ProblemDetails', 'problem'].find((n) => getProp(container, n) !== undefined);
  const name = existing ?? 'Problem';
  const ref = v2 ? `#/definitions/${name}` : `#/components/schemas/${name}`;
  const response = v2
    ? { description: 'An error, described as Problem Details (RFC 9457).', schema: { $ref: ref } }
    : { description: 'An error, described as Problem Details (RFC 9457).', content: { 'application/problem+json': { schema: { $ref: ref } } } };
  const edits = addToResponses(doc, op, 'default', response, style);
  if (!edits.length || existing) return edits;
  let schemaEdits: TextEdit[] = [];
  const root = model.root?.kind === 'object' ? model.root : undefined;
  if (!root) return [];
  if (container?.kind === 'object') schemaEdits = insertProperty(doc, container, name, PROBLEM_SCHEMA, style);
  else if (container) return [];
  else if (v2) schemaEdits = insertProperty(doc, root, 'definitions', { [name]: PROBLEM_SCHEMA }, style);
  else {
    const components = getProp(root, 'components');
    if (components?.kind === 'object') schemaEdits = insertProperty(doc, components, 'schemas', { [name]: PROBLEM_SCHEMA }, style);
    else if (!components) schemaEdits = insertProperty(doc, root, 'components', { schemas: { [name]: PROBLEM_SCHEMA } }, style);
  }
  if (!schemaEdits.length) return [];
  return [...edits, ...schemaEdits];
}

/** What each pagination parameter means, for the description a fix writes. */
const PAGINATION_PARAMS: Record<string, { type: string; minimum?: number; description: string }> = {
  offset: { type: 'integer', minimum: 0, description: 'How many items to skip.' },
  limit: { type: 'integer', minimum: 1, description: 'How many items to return at most.' },
  cursor: { type: 'string', description: 'Where to continue: the cursor of the previous page.' },
  page: { type: 'integer', minimum: 1, description: 'The page to return, from 1.' },
  page_size: { type: 'integer', minimum: 1, description: 'How many items a page holds at most.' },
};

/** Adds query parameters to an operation: to its `parameters` list, or a new list. */
function addPagination(doc: TextDocument, model: OpenApiModel, op: Operation, names: string[], style: Style): TextEdit[] {
  const items = names.filter((n) => PAGINATION_PARAMS[n]).map((name) => {
    const { type, minimum, description } = PAGINATION_PARAMS[name];
    const schema = minimum === undefined ? { type } : { type, minimum };
    return model.family === '2.0' ? { name, in: 'query', description, required: false, ...schema } : { name, in: 'query', description, required: false, schema };
  });
  if (!items.length) return [];
  const list = getProp(op.node, 'parameters');
  if (!list) return insertProperty(doc, op.node, 'parameters', items, style);
  return list.kind === 'array' ? appendItems(doc, list, items, style) : [];
}
