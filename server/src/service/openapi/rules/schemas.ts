/**
 * Rules about schema properties: timestamps and how absent values are
 * represented.
 */
import { getProp } from '../../parse/ast';
import { forEachSchemaProperty, stringProp, type SchemaProperty } from '../model';
import type { Rule } from './types';

/** Property names that hold a point in time; `*_date`-style names may hold a calendar date instead. */
const TIMESTAMP_NAME = /(^|_)(timestamp|datetime|time)$|[a-z0-9](Timestamp|DateTime|Datetime|Time)$|_at$|[a-z0-9]At$/;
const DATE_NAME = /(^|_)date$|[a-z0-9]Date$|_on$|[a-z0-9]On$/;

/** The declared type of a schema: a string, or for OpenAPI 3.1 the non-null member of a list. */
function typeOf(schema: SchemaProperty['schema']): string | undefined {
  const t = getProp(schema, 'type');
  if (t?.kind === 'string') return String(t.value);
  if (t?.kind === 'array') {
    const names = t.items.filter((i) => i.kind === 'string' && i.value !== 'null').map((i) => String((i as { value: unknown }).value));
    return names.length === 1 ? names[0] : undefined;
  }
  return undefined;
}

export const dateTimeFormat: Rule = {
  id: 'date-time-format',
  topic: 'data-format-date-time',
  defaultSeverity: 'warning',
  summary: 'A string property named like a timestamp (`created_at`, `updatedAt`, `start_time`) declares `format: date-time` (RFC 3339); one named like a date (`birth_date`) declares `date` or `date-time`.',
  keywords: ['date', 'time', 'format'],
  checkDocument(ctx, report) {
    forEachSchemaProperty(ctx.model, (p) => {
      const isTimestamp = TIMESTAMP_NAME.test(p.name);
      const isDate = !isTimestamp && DATE_NAME.test(p.name);
      if ((!isTimestamp && !isDate) || typeOf(p.schema) !== 'string' || getProp(p.schema, 'format') !== undefined) return;
      if (getProp(p.schema, 'enum') !== undefined || getProp(p.schema, 'pattern') !== undefined) return;
      const format = isTimestamp ? 'date-time' : 'date';
      report({
        offset: p.prop.keyOffset, end: p.prop.keyEnd,
        message: `"${p.name}" looks like a ${isTimestamp ? 'timestamp' : 'date'} but declares no format; use format: ${format} (RFC 3339) so clients parse it one way.`,
        fixes: [
          { kind: 'add-format', title: `Add format: ${format}`, value: format },
          ...(isDate ? [{ kind: 'add-format' as const, title: 'Add format: date-time', value: 'date-time' }] : []),
        ],
      });
    });
  },
};

/** True when a schema allows null: `nullable: true` (3.0), `x-nullable: true` (2.0) or a type list with "null" (3.1). */
function allowsNull(schema: SchemaProperty['schema']): { allows: boolean; how?: string } {
  const n = getProp(schema, 'nullable') ?? getProp(schema, 'x-nullable');
  if (n?.kind === 'boolean' && n.value === true) return { allows: true, how: getProp(schema, 'nullable') ? 'nullable: true' : 'x-nullable: true' };
  const t = getProp(schema, 'type');
  if (t?.kind === 'array' && t.items.some((i) => i.kind === 'string' && i.value === 'null')) return { allows: true, how: 'type: [..., "null"]' };
  return { allows: false };
}

export const nullStyle: Rule = {
  id: 'null-style',
  topic: 'data-format-null',
  defaultSeverity: 'info',
  summary: 'With `nulls.style: omit`, properties are not nullable (absent values are left out); with `explicit`, optional properties are nullable (absent values are sent as null).',
  keywords: ['null', 'empty', 'absent'],
  checkDocument(ctx, report) {
    const style = ctx.settings.nulls.style;
    if (style === 'any') return;
    forEachSchemaProperty(ctx.model, (p) => {
      if (stringProp(p.schema, '$ref') !== undefined) return;
      const n = allowsNull(p.schema);
      if (style === 'omit' && n.allows) {
        report({ offset: p.prop.keyOffset, end: p.prop.keyEnd, message: `"${p.name}" is nullable (${n.how}), but this team omits absent values instead of sending null.` });
      } else if (style === 'explicit' && !n.allows && !p.required) {
        report({ offset: p.prop.keyOffset, end: p.prop.keyEnd, message: `"${p.name}" is optional but not nullable; this team sends absent values as explicit nulls.` });
      }
    });
  },
};
