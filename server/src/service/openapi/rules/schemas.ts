/**
 * Rules about schema properties: timestamps and how absent values are
 * represented.
 */
import { getProp, type AstNode } from '../../parse/ast';
import { forEachSchemaProperty, stringProp, type SchemaProperty } from '../model';
import type { Rule } from './types';

/**
 * Property names that hold a point in time. A bare `time` (often a duration
 * or a time of day) and `timestamp` (as often a Unix time in a string, as in
 * Slack's `ts`) are not judged by their name alone.
 */
const TIMESTAMP_NAME = /(^|_)datetime$|[a-z0-9](DateTime|Datetime|Time)$|[a-z0-9]_time$|_at$|[a-z0-9]At$/;
/**
 * Names of calendar dates. `_on` counts only after a participle (`created_on`,
 * `shipped_on`, `taken_on`): `depends_on` and `based_on` name other things.
 */
const DATE_NAME = /(^|_)date$|[a-z0-9]Date$|(ed|en)_on$|[a-z0-9](ed|en)On$/;

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

const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
const RFC3339_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The sample values a property documents: its own `example`, `x-example`,
 * `default` and `examples`, and its entry in the owning schema's `example`.
 */
function samples(p: SchemaProperty): unknown[] {
  const out: unknown[] = [];
  const scalar = (n: AstNode | undefined) => { if (n && n.kind !== 'object' && n.kind !== 'array') out.push((n as { value?: unknown }).value); };
  for (const key of ['example', 'x-example', 'default']) scalar(getProp(p.schema, key));
  const examples = getProp(p.schema, 'examples');
  if (examples?.kind === 'array') examples.items.forEach(scalar);
  scalar(getProp(getProp(p.owner, 'example'), p.name));
  return out.filter((v) => v !== null && v !== undefined && v !== '');
}

/**
 * Descriptions that say the string is not an RFC 3339 value: epoch numbers,
 * other layouts, a time of day or a duration.
 */
const OTHER_LAYOUT = /unix|epoch|milli|seconds since|yyyymmdd|mm\/dd|dd\/mm|dd\.mm|hh:mm(?!:)|time of day|duration|\bcron\b|relative|human[- ]readable|locali[sz]ed|free text/i;

/**
 * The format the samples show: `date-time` or `date` when every one is such an
 * RFC 3339 value, `other` when one is not (a Unix time, `15/10/2025`, `13:05`),
 * undefined without samples.
 */
function sampledFormat(values: unknown[]): 'date-time' | 'date' | 'other' | undefined {
  if (!values.length) return undefined;
  if (values.every((v) => typeof v === 'string' && RFC3339_DATE_TIME.test(v))) return 'date-time';
  if (values.every((v) => typeof v === 'string' && RFC3339_DATE.test(v))) return 'date';
  return 'other';
}

/**
 * True for an `…At` name beside a date of the same stem (`issuedAt` beside
 * `issueDate`, as in DigiLocker's certificates): there the date has its own
 * property, and `issuedAt` is where, not when.
 */
function isPlaceBesideDate(p: SchemaProperty): boolean {
  const at = /^(.*?)(?:_at|At)$/.exec(p.name);
  if (!at) return false;
  const stem = at[1].replace(/e?d$/, '').toLowerCase();
  const props = getProp(p.owner, 'properties');
  if (stem.length < 3 || props?.kind !== 'object') return false;
  return props.props.some((q) => q.key !== p.name && q.key.toLowerCase().startsWith(stem) && DATE_NAME.test(q.key));
}

/**
 * Whether the layouts a description spells out (`yyyy-MM-dd`,
 * `yyyy-MM-ddTHH:mm:ss`) all fit the format about to be suggested; true when
 * it spells out none. Visma's `lastModifiedDateTime` accepts `yyyy-MM-dd` and
 * `yyyy-MM-dd HH:mm:ss` too, which `format: date-time` would turn away.
 */
function layoutsFit(description: string, format: 'date' | 'date-time' | 'either'): boolean {
  const layouts = description.match(/y{4}[^\s`*,;()]*/gi) ?? [];
  const isDate = (l: string) => /^yyyy-mm-dd$/i.test(l.replace(/[.:]$/, ''));
  const isDateTime = (l: string) => /^yyyy-mm-dd'?t'?hh:mm/i.test(l);
  return layouts.every((l) => (format === 'date' ? isDate(l) : format === 'date-time' ? isDateTime(l) : isDate(l) || isDateTime(l)));
}

export const dateTimeFormat: Rule = {
  id: 'date-time-format',
  topic: 'data-format-date-time',
  defaultSeverity: 'warning',
  summary: 'A string property named like a timestamp (`created_at`, `updatedAt`, `start_time`) or a date (`birth_date`) declares `format: date-time` or `date` (RFC 3339): the one its example shows; a property whose example or description shows another layout (a Unix time, `15/10/2025`) is left alone.',
  keywords: ['date', 'time', 'format'],
  checkDocument(ctx, report) {
    forEachSchemaProperty(ctx.model, (p) => {
      const isTimestamp = TIMESTAMP_NAME.test(p.name);
      const isDate = !isTimestamp && DATE_NAME.test(p.name);
      if ((!isTimestamp && !isDate) || typeOf(p.schema) !== 'string' || getProp(p.schema, 'format') !== undefined) return;
      if (isPlaceBesideDate(p)) return;
      if (getProp(p.schema, 'enum') !== undefined || getProp(p.schema, 'pattern') !== undefined) return;
      const description = stringProp(p.schema, 'description') ?? '';
      if (OTHER_LAYOUT.test(description)) return;
      // The example decides which format fits; one that is neither says the field is not RFC 3339 at all.
      const shown = sampledFormat(samples(p));
      if (shown === 'other') return;
      const format = shown ?? (isTimestamp ? 'date-time' : 'date');
      const looks = shown ? `its example is ${shown === 'date' ? 'a date' : 'a timestamp'}` : `it is named like a ${isTimestamp ? 'timestamp' : 'date'}`;
      const unsure = !shown && isDate;
      if (!layoutsFit(description, unsure ? 'either' : format)) return;
      report({
        offset: p.prop.keyOffset, end: p.prop.keyEnd,
        message: unsure
          ? `"${p.name}" is named like a date but declares no format; declare format: date, or date-time if it carries a time too (RFC 3339), so clients parse it one way.`
          : `"${p.name}" declares no format although ${looks}; declare format: ${format} (RFC 3339) so clients parse it one way.`,
        fixes: [
          { kind: 'add-format', title: `Add format: ${format}`, value: format },
          ...(unsure ? [{ kind: 'add-format' as const, title: 'Add format: date-time', value: 'date-time' }] : []),
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
