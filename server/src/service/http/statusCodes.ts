/**
 * The HTTP status codes registered with IANA, with their current reason
 * phrases and the section of the standard that defines each one. This is
 * reference data: a code no catalog topic covers still gets a phrase and a
 * link to its definition.
 */
export interface StatusCodeInfo {
  code: number;
  phrase: string;
  /** Short citation, e.g. "RFC 9110, section 15.3.2". */
  spec: string;
  /** Link to the defining section. */
  specUrl: string;
  /** Deprecated, obsolete or reserved codes that should not be sent. */
  unused?: boolean;
}

const rfc = (n: number, section?: string): [string, string] => [
  section ? `RFC ${n}, section ${section}` : `RFC ${n}`,
  `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`,
];

// [code, phrase, [citation, url], unused?]
const TABLE: Array<[number, string, [string, string], boolean?]> = [
  [100, 'Continue', rfc(9110, '15.2.1')],
  [101, 'Switching Protocols', rfc(9110, '15.2.2')],
  [102, 'Processing', rfc(2518, '10.1')],
  [103, 'Early Hints', rfc(8297, '2')],
  [104, 'Upload Resumption Supported', ['IETF draft-ietf-httpbis-resumable-upload', 'https://datatracker.ietf.org/doc/draft-ietf-httpbis-resumable-upload/']],
  [200, 'OK', rfc(9110, '15.3.1')],
  [201, 'Created', rfc(9110, '15.3.2')],
  [202, 'Accepted', rfc(9110, '15.3.3')],
  [203, 'Non-Authoritative Information', rfc(9110, '15.3.4')],
  [204, 'No Content', rfc(9110, '15.3.5')],
  [205, 'Reset Content', rfc(9110, '15.3.6')],
  [206, 'Partial Content', rfc(9110, '15.3.7')],
  [207, 'Multi-Status', rfc(4918, '11.1')],
  [208, 'Already Reported', rfc(5842, '7.1')],
  [226, 'IM Used', rfc(3229, '10.4.1')],
  [300, 'Multiple Choices', rfc(9110, '15.4.1')],
  [301, 'Moved Permanently', rfc(9110, '15.4.2')],
  [302, 'Found', rfc(9110, '15.4.3')],
  [303, 'See Other', rfc(9110, '15.4.4')],
  [304, 'Not Modified', rfc(9110, '15.4.5')],
  [305, 'Use Proxy', rfc(9110, '15.4.6'), true],
  [306, '(Unused)', rfc(9110, '15.4.7'), true],
  [307, 'Temporary Redirect', rfc(9110, '15.4.8')],
  [308, 'Permanent Redirect', rfc(9110, '15.4.9')],
  [400, 'Bad Request', rfc(9110, '15.5.1')],
  [401, 'Unauthorized', rfc(9110, '15.5.2')],
  [402, 'Payment Required', rfc(9110, '15.5.3')],
  [403, 'Forbidden', rfc(9110, '15.5.4')],
  [404, 'Not Found', rfc(9110, '15.5.5')],
  [405, 'Method Not Allowed', rfc(9110, '15.5.6')],
  [406, 'Not Acceptable', rfc(9110, '15.5.7')],
  [407, 'Proxy Authentication Required', rfc(9110, '15.5.8')],
  [408, 'Request Timeout', rfc(9110, '15.5.9')],
  [409, 'Conflict', rfc(9110, '15.5.10')],
  [410, 'Gone', rfc(9110, '15.5.11')],
  [411, 'Length Required', rfc(9110, '15.5.12')],
  [412, 'Precondition Failed', rfc(9110, '15.5.13')],
  [413, 'Content Too Large', rfc(9110, '15.5.14')],
  [414, 'URI Too Long', rfc(9110, '15.5.15')],
  [415, 'Unsupported Media Type', rfc(9110, '15.5.16')],
  [416, 'Range Not Satisfiable', rfc(9110, '15.5.17')],
  [417, 'Expectation Failed', rfc(9110, '15.5.18')],
  [418, '(Unused)', rfc(9110, '15.5.19'), true],
  [421, 'Misdirected Request', rfc(9110, '15.5.20')],
  [422, 'Unprocessable Content', rfc(9110, '15.5.21')],
  [423, 'Locked', rfc(4918, '11.3')],
  [424, 'Failed Dependency', rfc(4918, '11.4')],
  [425, 'Too Early', rfc(8470, '5.2')],
  [426, 'Upgrade Required', rfc(9110, '15.5.22')],
  [428, 'Precondition Required', rfc(6585, '3')],
  [429, 'Too Many Requests', rfc(6585, '4')],
  [431, 'Request Header Fields Too Large', rfc(6585, '5')],
  [451, 'Unavailable For Legal Reasons', rfc(7725, '3')],
  [500, 'Internal Server Error', rfc(9110, '15.6.1')],
  [501, 'Not Implemented', rfc(9110, '15.6.2')],
  [502, 'Bad Gateway', rfc(9110, '15.6.3')],
  [503, 'Service Unavailable', rfc(9110, '15.6.4')],
  [504, 'Gateway Timeout', rfc(9110, '15.6.5')],
  [505, 'HTTP Version Not Supported', rfc(9110, '15.6.6')],
  [506, 'Variant Also Negotiates', rfc(2295, '8.1')],
  [507, 'Insufficient Storage', rfc(4918, '11.5')],
  [508, 'Loop Detected', rfc(5842, '7.2')],
  [510, 'Not Extended (OBSOLETED)', rfc(2774, '7'), true],
  [511, 'Network Authentication Required', rfc(6585, '6')],
];

const BY_CODE = new Map<number, StatusCodeInfo>(
  TABLE.map(([code, phrase, [spec, specUrl], unused]) => [code, { code, phrase, spec, specUrl, ...(unused ? { unused } : {}) }]),
);

/** All registered status codes, ascending. */
export const STATUS_CODES: readonly StatusCodeInfo[] = [...BY_CODE.values()];

/** The registered status code, or undefined when the number is not registered. */
export function statusInfo(code: number): StatusCodeInfo | undefined {
  return BY_CODE.get(code);
}

export type StatusClass = 'informational' | 'success' | 'redirection' | 'client-error' | 'server-error';

const CLASSES: Record<number, { cls: StatusClass; label: string; spec: [string, string] }> = {
  1: { cls: 'informational', label: 'Informational', spec: rfc(9110, '15.2') },
  2: { cls: 'success', label: 'Successful', spec: rfc(9110, '15.3') },
  3: { cls: 'redirection', label: 'Redirection', spec: rfc(9110, '15.4') },
  4: { cls: 'client-error', label: 'Client Error', spec: rfc(9110, '15.5') },
  5: { cls: 'server-error', label: 'Server Error', spec: rfc(9110, '15.6') },
};

/** The class of a code from 100 to 599, or undefined outside that range. */
export function statusClass(code: number): { cls: StatusClass; label: string; spec: string; specUrl: string } | undefined {
  if (!Number.isInteger(code) || code < 100 || code > 599) return undefined;
  const c = CLASSES[Math.floor(code / 100)];
  return { cls: c.cls, label: c.label, spec: c.spec[0], specUrl: c.spec[1] };
}

/** What a response key in an OpenAPI `responses` map denotes. */
export type ResponseKey =
  | { kind: 'code'; code: number }
  | { kind: 'range'; digit: number }
  | { kind: 'default' }
  | { kind: 'invalid'; reason: string };

/** Classifies a `responses` key: `'500'`, `4XX`, `default`, or something invalid. */
export function classifyResponseKey(key: string): ResponseKey {
  const k = key.trim();
  if (k === 'default') return { kind: 'default' };
  if (/^[1-5]XX$/i.test(k)) return { kind: 'range', digit: Number(k[0]) };
  if (/^\d{3}$/.test(k)) {
    const code = Number(k);
    if (code >= 100 && code <= 599) return { kind: 'code', code };
    return { kind: 'invalid', reason: `${k} is outside the range of HTTP status codes (100–599)` };
  }
  if (/^\d+$/.test(k)) return { kind: 'invalid', reason: `${k} is not a three-digit HTTP status code` };
  return { kind: 'invalid', reason: `"${k}" is not a status code, a range such as 4XX, or default` };
}
