/**
 * Named status constants as the frameworks spell them. Each family is data:
 * how to recognise a constant (a pattern over the normalised expression
 * text) and how to write one for a code, with the family's own spelling
 * where it differs from the registry's reason phrase.
 */
import { STATUS_CODES, statusInfo } from '../http/statusCodes';
import type { DialectId } from './dialects';

/** A family of named status constants. */
export interface ConstantFamily {
  id: string;
  /** The library or framework, for messages. */
  library: string;
  dialects: readonly DialectId[];
  /** Matches the normalised expression; group 1 is the name (or the code when `reads` is 'code'). */
  pattern: RegExp;
  reads: 'name' | 'code';
  /**
   * Whether the constant names a status wherever it appears. A qualified
   * name like `HttpStatus.NOT_FOUND` does; a bare Ruby symbol like `:ok`
   * only counts in a status position.
   */
  anywhere: boolean;
  /** Writes the constant for a code (the family's spelling), or undefined when the family has none. */
  write(code: number): string | undefined;
  /**
   * Finds where such a constant may be written in the raw text (global
   * regular expression; the match ends inside the constant's name). It only
   * proposes places: the syntax tree decides, so a match in a comment or a
   * string never counts.
   */
  locate: RegExp;
}

type Case = 'UPPER_SNAKE' | 'Pascal' | 'lower_snake';

/** A reason phrase in the given case ("Not Found" → NOT_FOUND, NotFound, not_found). */
function spell(phrase: string, c: Case): string {
  const words = phrase.replace(/\(.*?\)/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (c === 'UPPER_SNAKE') return words.map((w) => w.toUpperCase()).join('_');
  if (c === 'lower_snake') return words.map((w) => w.toLowerCase()).join('_');
  return words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('');
}

/** Builds a writer: the family's override for a code, else the registry phrase in the family's case. */
function writer(c: Case, overrides: Record<number, string>, format: (name: string, code: number) => string) {
  return (code: number): string | undefined => {
    const info = statusInfo(code);
    // 104 is still a draft: no library names it yet.
    if (!info || info.unused || code === 104) return undefined;
    return format(overrides[code] ?? spell(info.phrase, c), code);
  };
}

// Spellings that differ from today's registry phrases (older RFC 7231 names kept by the libraries).
const RFC7231_UPPER: Record<number, string> = {
  413: 'PAYLOAD_TOO_LARGE', 414: 'URI_TOO_LONG', 416: 'REQUESTED_RANGE_NOT_SATISFIABLE', 422: 'UNPROCESSABLE_ENTITY',
};
const PYTHON_UPPER: Record<number, string> = {
  413: 'REQUEST_ENTITY_TOO_LARGE', 414: 'REQUEST_URI_TOO_LONG', 416: 'REQUESTED_RANGE_NOT_SATISFIABLE', 422: 'UNPROCESSABLE_ENTITY',
};

/** The constant families, in the order a file's family is looked for. */
export const CONSTANT_FAMILIES: readonly ConstantFamily[] = [
  {
    id: 'starlette-status', locate: /\bHTTP_\d{3}_/g, library: 'Starlette / FastAPI / Django REST framework `status`', dialects: ['python'],
    pattern: /^(?:\w+\.)*status\.HTTP_(\d{3})_[A-Z0-9_]+$/, reads: 'code', anywhere: true,
    write: writer('UPPER_SNAKE', PYTHON_UPPER, (n, code) => `status.HTTP_${code}_${n}`),
  },
  {
    id: 'python-httpstatus', locate: /\bHTTPStatus\s*\.\s*[A-Z]/g, library: "Python's http.HTTPStatus", dialects: ['python'],
    pattern: /^(?:http\.)?HTTPStatus\.([A-Z0-9_]+)$/, reads: 'name', anywhere: true,
    write: writer('UPPER_SNAKE', PYTHON_UPPER, (n) => `HTTPStatus.${n}`),
  },
  {
    id: 'httpstatus-enum', locate: /\bHttpStatus\s*\.\s*[A-Z]/g, library: 'HttpStatus (Spring, NestJS)', dialects: ['java', 'kotlin', 'js'],
    pattern: /^(?:[\w.]+\.)?HttpStatus\.([A-Z0-9_]+)$/, reads: 'name', anywhere: true,
    write: writer('UPPER_SNAKE', { ...RFC7231_UPPER, 418: 'I_AM_A_TEAPOT' }, (n) => `HttpStatus.${n}`),
  },
  {
    id: 'http-status-codes', locate: /\bStatusCodes\s*\.\s*[A-Z]/g, library: 'the http-status-codes package', dialects: ['js'],
    pattern: /^StatusCodes\.([A-Z0-9_]+)$/, reads: 'name', anywhere: true,
    write: writer('UPPER_SNAKE', { 302: 'MOVED_TEMPORARILY', 413: 'REQUEST_TOO_LONG', 414: 'REQUEST_URI_TOO_LONG', 416: 'REQUESTED_RANGE_NOT_SATISFIABLE', 422: 'UNPROCESSABLE_ENTITY' }, (n) => `StatusCodes.${n}`),
  },
  {
    id: 'go-net-http', locate: /\bhttp\s*\.\s*Status[A-Z]/g, library: "Go's net/http", dialects: ['go'],
    pattern: /^http\.Status([A-Za-z]+)$/, reads: 'name', anywhere: true,
    write: writer('Pascal', {
      200: 'OK', 203: 'NonAuthoritativeInfo', 226: 'IMUsed', 413: 'RequestEntityTooLarge', 414: 'RequestURITooLong',
      416: 'RequestedRangeNotSatisfiable', 422: 'UnprocessableEntity', 505: 'HTTPVersionNotSupported',
    }, (n) => `http.Status${n}`),
  },
  {
    id: 'ktor-httpstatuscode', locate: /\bHttpStatusCode\s*\.\s*[A-Z]/g, library: "Ktor's HttpStatusCode", dialects: ['kotlin'],
    pattern: /^(?:[\w.]+\.)?HttpStatusCode\.([A-Za-z]+)$/, reads: 'name', anywhere: true,
    write: writer('Pascal', {
      200: 'OK', 302: 'Found', 413: 'PayloadTooLarge', 414: 'RequestURITooLong', 416: 'RequestedRangeNotSatisfiable',
      422: 'UnprocessableEntity', 431: 'RequestHeaderFieldTooLarge', 505: 'VersionNotSupported',
    }, (n) => `HttpStatusCode.${n}`),
  },
  {
    id: 'aspnet-statuscodes', locate: /\bStatusCodes\s*\.\s*Status\d/g, library: "ASP.NET Core's StatusCodes", dialects: ['csharp'],
    pattern: /^(?:[\w.]+\.)?StatusCodes\.Status(\d{3})[A-Za-z]*$/, reads: 'code', anywhere: true,
    write: writer('Pascal', {
      200: 'OK', 203: 'NonAuthoritative', 226: 'IMUsed', 413: 'PayloadTooLarge', 414: 'UriTooLong', 416: 'RangeNotSatisfiable',
      422: 'UnprocessableEntity', 505: 'HttpVersionNotsupported',
    }, (n, code) => `StatusCodes.Status${code}${n}`),
  },
  {
    id: 'dotnet-httpstatuscode', locate: /\bHttpStatusCode\s*\.\s*[A-Z]/g, library: ".NET's HttpStatusCode", dialects: ['csharp'],
    pattern: /^(?:[\w.]+\.)?HttpStatusCode\.([A-Za-z]+)$/, reads: 'name', anywhere: true,
    write: writer('Pascal', { 200: 'OK', 226: 'IMUsed', 413: 'RequestEntityTooLarge', 414: 'RequestUriTooLong', 416: 'RequestedRangeNotSatisfiable', 422: 'UnprocessableEntity' }, (n) => `HttpStatusCode.${n}`),
  },
  {
    id: 'symfony-response', locate: /\bResponse\s*::\s*HTTP_/g, library: "Symfony's (and Laravel's) Response", dialects: ['php'],
    pattern: /^(?:[\w\\]+\.)?(?:Json)?Response\.HTTP_([A-Z0-9_]+)$/, reads: 'name', anywhere: true,
    write: writer('UPPER_SNAKE', { 413: 'REQUEST_ENTITY_TOO_LARGE', 414: 'REQUEST_URI_TOO_LONG', 416: 'REQUESTED_RANGE_NOT_SATISFIABLE', 422: 'UNPROCESSABLE_ENTITY' }, (n) => `Response::HTTP_${n}`),
  },
  {
    id: 'rack-symbol', locate: /(?<![:\w]):[a-z_]/g, library: 'Rails (Rack) status symbols', dialects: ['ruby'],
    pattern: /^:([a-z_]+)$/, reads: 'name', anywhere: false,
    write: writer('lower_snake', { 413: 'payload_too_large', 414: 'uri_too_long', 416: 'range_not_satisfiable', 422: 'unprocessable_entity' }, (n) => `:${n}`),
  },
];

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Status names by their letters alone (case and separators dropped), from
 * the registry's phrases plus the older and library-specific spellings.
 */
const BY_NAME: Map<string, number> = (() => {
  const m = new Map<string, number>();
  for (const s of STATUS_CODES) if (!s.phrase.startsWith('(')) m.set(key(s.phrase.replace(/\(.*?\)/g, '')), s.code);
  const aliases: Record<string, number> = {
    PAYLOAD_TOO_LARGE: 413, REQUEST_ENTITY_TOO_LARGE: 413, REQUEST_TOO_LONG: 413, CONTENT_TOO_LARGE: 413,
    REQUEST_URI_TOO_LONG: 414, URI_TOO_LONG: 414, REQUESTED_RANGE_NOT_SATISFIABLE: 416, RANGE_NOT_SATISFIABLE: 416,
    UNPROCESSABLE_ENTITY: 422, UNPROCESSABLE_CONTENT: 422, MOVED_TEMPORARILY: 302, NON_AUTHORITATIVE_INFO: 203,
    I_AM_A_TEAPOT: 418, IM_A_TEAPOT: 418, TEAPOT: 418, HTTP_VERSION_NOT_SUPPORTED: 505, VERSION_NOT_SUPPORTED: 505, IM_USED: 226, REQUEST_HEADER_FIELD_TOO_LARGE: 431,
    REDIRECT: 302, REDIRECT_METHOD: 303, REDIRECT_KEEP_VERB: 307, AMBIGUOUS: 300, MOVED: 301, NOT_EXTENDED: 510,
  };
  for (const [k, v] of Object.entries(aliases)) m.set(key(k), v);
  return m;
})();

/** The code a status name denotes ("NOT_FOUND", "NotFound", "not_found" → 404), or undefined. */
export function codeForName(name: string): number | undefined {
  return BY_NAME.get(key(name));
}

/** A recognised constant: its family and code. */
export interface ConstantMatch {
  family: ConstantFamily;
  code: number;
  /** Written as a bare name imported from the family's module (`HTTP_201_CREATED`), not as the family writes it. */
  bare?: true;
}

/** Normalises an expression's text: no spaces, and `::`, `->` and `?.` read as `.`. */
export function normaliseExpression(text: string): string {
  return text.replace(/\s+/g, '').replace(/\?->|->|::|\?\./g, '.');
}

/** Recognises a named status constant in a dialect, or undefined. */
export function matchConstant(text: string, dialect: DialectId): ConstantMatch | undefined {
  if (text.length > 120) return undefined;
  const t = normaliseExpression(text);
  for (const family of CONSTANT_FAMILIES) {
    if (!family.dialects.includes(dialect)) continue;
    const m = family.pattern.exec(t);
    if (!m) continue;
    const code = family.reads === 'code' ? Number(m[1]) : codeForName(m[1]);
    if (code !== undefined && statusInfo(code)) return { family, code };
  }
  return undefined;
}
