/** HTTP methods as OpenAPI path items name them, with their defining sections. */
export interface MethodInfo {
  method: string;
  safe: boolean;
  idempotent: boolean;
  spec: string;
  specUrl: string;
  /** The catalog topic for the method. */
  topicId: string;
}

const m = (method: string, safe: boolean, idempotent: boolean, spec: string, url: string): MethodInfo => ({
  method, safe, idempotent, spec, specUrl: url, topicId: `http-methods-${method}`,
});
const s = (sec: string) => `https://www.rfc-editor.org/rfc/rfc9110#section-${sec}`;

/** The operation keys of an OpenAPI path item, in the order the OpenAPI specification lists them. */
export const METHODS: readonly MethodInfo[] = [
  m('get', true, true, 'RFC 9110, section 9.3.1', s('9.3.1')),
  m('put', false, true, 'RFC 9110, section 9.3.4', s('9.3.4')),
  m('post', false, false, 'RFC 9110, section 9.3.3', s('9.3.3')),
  m('delete', false, true, 'RFC 9110, section 9.3.5', s('9.3.5')),
  m('options', true, true, 'RFC 9110, section 9.3.7', s('9.3.7')),
  m('head', true, true, 'RFC 9110, section 9.3.2', s('9.3.2')),
  m('patch', false, false, 'RFC 5789, section 2', 'https://www.rfc-editor.org/rfc/rfc5789#section-2'),
  m('trace', true, true, 'RFC 9110, section 9.3.8', s('9.3.8')),
];

/**
 * Methods of HTTP that are not operation keys of an OpenAPI path item, so
 * that a user who asks about one gets its facts (and the methods overview)
 * instead of a search hit on a similar word. Never used to recognise
 * operations in a document.
 */
export const OTHER_METHODS: readonly MethodInfo[] = [
  m('connect', false, false, 'RFC 9110, section 9.3.6', s('9.3.6')),
];

const BY_NAME = new Map(METHODS.map((x) => [x.method, x]));
const ANY_BY_NAME = new Map([...METHODS, ...OTHER_METHODS].map((x) => [x.method, x]));

/** The method info for a (case-insensitive) OpenAPI operation key, or undefined. */
export function methodInfo(name: string): MethodInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The method info for any (case-insensitive) HTTP method this module knows, OpenAPI operation key or not. */
export function httpMethodInfo(name: string): MethodInfo | undefined {
  return ANY_BY_NAME.get(name.toLowerCase());
}
