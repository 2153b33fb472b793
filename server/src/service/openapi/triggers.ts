/**
 * Which names in an OpenAPI document lead to which catalog topic. This is
 * data, not logic: to make a new parameter, header or keyword show a card,
 * add a row here (and a test case in test/unit/hover.test.ts).
 *
 * Names are matched case-insensitively; a `*` at the end matches any suffix.
 */
export interface Trigger {
  names: string[];
  topic: string;
  /** A short note shown at the top of the card, saying why this name leads here. */
  note: string;
}

/** Query and path parameter names. */
export const PARAMETER_TRIGGERS: Trigger[] = [
  { names: ['limit', 'offset', 'cursor', 'page', 'page_size', 'pagesize', 'per_page', 'perpage', 'page_token', 'pagetoken', 'next_page_token', 'starting_after', 'ending_before', 'after', 'before', 'start', 'count', 'top', '$top', 'skip', '$skip', 'skiptoken', '$skiptoken', 'page[*', 'max_results', 'maxresults'], topic: 'collection-pagination', note: 'A pagination parameter.' },
  { names: ['sort', 'sort_by', 'sortby', 'order', 'order_by', 'orderby', '$orderby', 'direction', 'sort_order'], topic: 'collection-sorting', note: 'A sorting parameter.' },
  { names: ['filter', 'filter[*', 'q', 'query', 'search', '$filter', '$search', 'where'], topic: 'collection-filtering', note: 'A filtering parameter.' },
  { names: ['fields', 'fields[*', 'select', '$select', 'field_mask', 'fieldmask', 'only', 'exclude'], topic: 'resource-retrieve-partial', note: 'A partial-response parameter.' },
  { names: ['expand', 'embed', 'include', '$expand', 'with'], topic: 'resource-retrieve-dereference', note: 'A parameter that embeds related resources.' },
  { names: ['api-version', 'api_version', 'version', 'v'], topic: 'versioning', note: 'A version parameter.' },
  { names: ['lang', 'language', 'locale', 'hl'], topic: 'data-internationalization', note: 'A language parameter.' },
  { names: ['callback', 'jsonp'], topic: 'cors', note: 'A JSONP callback parameter: CORS is the standard way to allow cross-origin calls.' },
  { names: ['dry_run', 'dryrun', 'validate_only', 'validateonly'], topic: 'guiding-input', note: 'A parameter that validates a request without applying it.' },
  { names: ['id', '*_id'], topic: 'resource-id', note: 'A resource identifier.' },
];

/** HTTP header names, as response headers, header parameters or in `headers:` maps. */
export const HEADER_TRIGGERS: Trigger[] = [
  { names: ['etag', 'last-modified'], topic: 'http-caching', note: 'A validator header for caching and conditional requests.' },
  { names: ['if-none-match', 'if-modified-since'], topic: 'http-caching', note: 'A conditional request header: a match answers 304 Not Modified.' },
  { names: ['if-match', 'if-unmodified-since'], topic: 'conditional-requests', note: 'A precondition header for optimistic concurrency: a mismatch answers 412 Precondition Failed.' },
  { names: ['cache-control', 'expires', 'vary', 'age', 'pragma'], topic: 'http-caching', note: 'A caching header.' },
  { names: ['location', 'content-location'], topic: 'http-status-201', note: 'Location tells the client where a created or moved resource lives.' },
  { names: ['retry-after'], topic: 'rate-limiting', note: 'Retry-After tells the client how long to wait (429, 503).' },
  { names: ['x-ratelimit-*', 'x-rate-limit-*', 'ratelimit', 'ratelimit-*'], topic: 'rate-limiting', note: 'A rate-limit header.' },
  { names: ['accept', 'content-type', 'accept-encoding', 'content-encoding', 'accept-charset'], topic: 'http-content-negotiation', note: 'A content-negotiation header.' },
  { names: ['accept-language', 'content-language'], topic: 'data-internationalization', note: 'A language negotiation header.' },
  { names: ['prefer', 'preference-applied'], topic: 'http-headers', note: 'Prefer lets a client ask for optional server behaviour (RFC 7240).' },
  { names: ['link'], topic: 'hypermedia', note: 'The Link header carries typed links (RFC 8288), for example to the next page.' },
  { names: ['authorization', 'www-authenticate', 'proxy-authorization', 'x-api-key', 'api-key'], topic: 'security', note: 'An authentication header.' },
  { names: ['access-control-*', 'origin'], topic: 'cors', note: 'A CORS header.' },
  { names: ['x-request-id', 'x-correlation-id', 'request-id', 'correlation-id', 'traceparent', 'tracestate', 'x-trace-id'], topic: 'debug-diagnose', note: 'A request-tracing header.' },
  { names: ['deprecation', 'sunset'], topic: 'deprecation-sunset', note: 'A deprecation header: when the resource was deprecated (RFC 9745) or stops working (RFC 8594).' },
  { names: ['api-version', 'x-api-version'], topic: 'versioning', note: 'A versioning header.' },
  { names: ['idempotency-key', 'x-idempotency-key'], topic: 'idempotency-keys', note: 'An idempotency key makes POST safe to retry.' },
  { names: ['x-total-count', 'x-total', 'total-count'], topic: 'api-counts', note: 'A header that reports the size of a collection.' },
  { names: ['range', 'content-range', 'accept-ranges', 'if-range'], topic: 'http-status-206', note: 'A range request header.' },
  { names: ['x-http-method-override', 'x-method-override'], topic: 'http-methods-alternative', note: 'Method override: tunnelling a method through POST.' },
  { names: ['*'], topic: 'http-headers', note: 'An HTTP header.' },
];

/** Values of `format:` in a schema. */
export const FORMAT_TRIGGERS: Trigger[] = [
  { names: ['date-time', 'date', 'time', 'duration'], topic: 'data-format-date-time', note: 'A date or time format (RFC 3339).' },
  { names: ['uuid'], topic: 'resource-id', note: 'A UUID identifier.' },
  { names: ['uri', 'uri-reference', 'url', 'iri'], topic: 'hypermedia', note: 'A link value.' },
  { names: ['*'], topic: 'data-format', note: 'A data format.' },
];

/** Media types, as keys of `content:` maps or values of `produces`/`consumes`. */
export const MEDIA_TYPE_TRIGGERS: Trigger[] = [
  { names: ['application/problem+json', 'application/problem+xml'], topic: 'http-status-standard-error', note: 'Problem Details (RFC 9457): the standard error format.' },
  { names: ['application/merge-patch+json', 'application/json-patch+json'], topic: 'http-methods-patch', note: 'A patch document format for PATCH.' },
  { names: ['application/hal+json', 'application/vnd.api+json', 'application/ld+json'], topic: 'hypermedia', note: 'A hypermedia format.' },
  { names: ['text/event-stream'], topic: 'notifications-server-events', note: 'Server-sent events.' },
  { names: ['multipart/form-data'], topic: 'file-upload', note: 'Form data with file parts: a file upload.' },
  { names: ['*'], topic: 'http-content-negotiation', note: 'A media type.' },
];

/** Other OpenAPI keywords (keys) worth a card wherever they appear. */
export const KEYWORD_TRIGGERS: Trigger[] = [
  { names: ['nullable'], topic: 'data-format-null', note: 'How the API represents null.' },
  { names: ['deprecated'], topic: 'deprecation-sunset', note: 'Deprecation: tell clients in the responses too, with the Deprecation and Sunset headers.' },
  { names: ['webhooks', 'callbacks'], topic: 'webhooks', note: 'Requests the API sends to its consumers.' },
  { names: ['links'], topic: 'hypermedia', note: 'OpenAPI links describe how responses relate to other operations.' },
  { names: ['securityschemes', 'securitydefinitions', 'security'], topic: 'security', note: 'How the API authenticates callers.' },
  { names: ['externaldocs'], topic: 'documentation', note: 'Documentation of the API.' },
  { names: ['servers', 'basepath'], topic: 'versioning', note: 'Server URLs often carry the API version.' },
];

/** Keys of an operation's `responses` map that are not status codes. */
export const RESPONSE_KEY_TRIGGERS: Trigger[] = [
  { names: ['default'], topic: 'http-status-standard-error', note: 'The default response covers every status not listed: in practice, the error format.' },
];

/** Finds the trigger that matches a name, or undefined. */
export function matchTrigger(table: Trigger[], name: string): Trigger | undefined {
  const n = name.toLowerCase();
  for (const t of table) {
    for (const pattern of t.names) {
      if (pattern === '*') return t;
      if (pattern.startsWith('*') ? n.endsWith(pattern.slice(1)) && n.length > pattern.length - 1 : pattern.endsWith('*') ? n.startsWith(pattern.slice(0, -1)) : n === pattern) return t;
    }
  }
  return undefined;
}
