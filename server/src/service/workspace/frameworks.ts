/**
 * What the workspace model needs beyond the code tables of ../code/frameworks.ts:
 * which calls create an application or a router (and with which prefix),
 * which calls mount a router under a prefix, which decorators give a class's
 * routes a prefix, and which calls only write a response. All of it is data
 * over the normalised callee text (see ../code/frameworks.ts), so adding a
 * framework is a row here and a test.
 */
import type { DialectId } from '../code/dialects';

/** A call whose result is an application or router, bound to a variable. */
export interface FactoryRule {
  dialects: readonly DialectId[];
  callee: RegExp;
  /** True when the object serves at the root: every prefix in front of its routes is known. */
  root: boolean;
  /** The keyed option holding the router's own prefix (FastAPI `prefix=`, Flask `url_prefix=`). */
  prefixKey?: string;
  /** The router is made from another one with a path argument (Gin's `r.Group("/v1")`): group 1 of the callee is the parent. */
  group?: boolean;
}

/** A call that mounts a router under a path (Express `app.use('/api', router)`). */
export interface MountRule {
  dialects: readonly DialectId[];
  /** Group 1 is the parent's variable. */
  callee: RegExp;
  /** Where the mounted router is: the index of the positional argument. */
  routerArg: number;
  /** Where the path is: a positional index, or a keyed option. */
  path: { arg: number } | { key: string };
  /** The mount's path replaces the router's own prefix (Flask) instead of coming before it (FastAPI). */
  replaces?: boolean;
}

/** A class decorator whose path comes before every route of the class (NestJS `@Controller`, Spring `@RequestMapping`). */
export interface ClassPrefixRule {
  dialects: readonly DialectId[];
  callee: RegExp;
  /** Keyed options that may hold the path instead of the first argument. */
  keys: readonly string[];
}

const JS: DialectId[] = ['js'];
const PY: DialectId[] = ['python'];
const JVM: DialectId[] = ['java', 'kotlin'];

export const FACTORIES: readonly FactoryRule[] = [
  { dialects: JS, callee: /^(?:express|fastify|Fastify|Koa|Hono|polka)$/, root: true },
  // koa-router and @koa/router take their prefix as an option (`new Router({ prefix: '/api' })`).
  { dialects: JS, callee: /^(?:express\.|require\(\)\.)?Router$/, root: false, prefixKey: 'prefix' },
  { dialects: PY, callee: /^(?:fastapi\.)?FastAPI$|^(?:flask\.)?Flask$/, root: true },
  { dialects: PY, callee: /^(?:fastapi\.)?APIRouter$/, root: false, prefixKey: 'prefix' },
  { dialects: PY, callee: /^(?:flask\.)?Blueprint$/, root: false, prefixKey: 'url_prefix' },
  { dialects: ['go'], callee: /^(?:gin\.(?:Default|New)|echo\.New|chi\.NewRouter|http\.NewServeMux|mux\.NewRouter)$/, root: true },
  { dialects: ['go'], callee: /^(\w+)\.Group$/, root: false, group: true },
  // ASP.NET Core minimal APIs: `app.MapGroup("api/orders")`, also on a chain (`app.NewVersionedApi("x").MapGroup(…)`), whose parent is then unknown.
  { dialects: ['csharp'], callee: /^(?:(\w+)|\w+(?:\.\w+\(\))+)\.MapGroup$/, root: false, group: true },
];

/**
 * ASP.NET endpoint conventions that return the builder they are called on
 * (`app.MapGroup("api").HasApiVersion(1.0)` is still the group), so that a
 * variable assigned such a chain names the group.
 */
export const ASPNET_CONVENTIONS = /^(?:HasApiVersion|HasDeprecatedApiVersion|MapToApiVersion|ReportApiVersions|RequireAuthorization|AllowAnonymous|RequireCors|RequireHost|RequireRateLimiting|DisableRateLimiting|WithTags|WithOpenApi|WithGroupName|WithMetadata|WithName|WithDisplayName|WithDescription|WithSummary|ExcludeFromDescription|AddEndpointFilter|AddEndpointFilterFactory|DisableAntiforgery|CacheOutput|ShortCircuit|WithRequestTimeout|DisableRequestTimeout|ProducesProblem|ProducesValidationProblem)$/;

export const MOUNTS: readonly MountRule[] = [
  { dialects: JS, callee: /^(\w+)\.use$/, routerArg: 1, path: { arg: 0 } },
  { dialects: JS, callee: /^(\w+)\.route$/, routerArg: 1, path: { arg: 0 } },
  { dialects: PY, callee: /^(\w+)\.include_router$/, routerArg: 0, path: { key: 'prefix' } },
  { dialects: PY, callee: /^(\w+)\.register_blueprint$/, routerArg: 0, path: { key: 'url_prefix' }, replaces: true },
];

export const CLASS_PREFIXES: readonly ClassPrefixRule[] = [
  { dialects: JS, callee: /^Controller$/, keys: ['path'] },
  { dialects: JVM, callee: /^RequestMapping$/, keys: ['value', 'path'] },
  { dialects: ['csharp'], callee: /^Route$/, keys: ['template'] },
];

/**
 * Calls that only write the response a status site or the framework's
 * default already decided (`res.json(body)`, `ResponseEntity.ok().body(x)`):
 * a handler made only of these and of status sites is fully understood.
 * Calls that may set a status from a variable (`res.status(code)`) are not
 * here: they count only when their argument is a known status.
 */
export const RESPONSE_WRITERS: Readonly<Partial<Record<DialectId, RegExp>>> = {
  // A body written without a status before it in the chain answers 200 unless an earlier statement set another: not counted.
  js: /^(?:res|response|reply|ctx|c)(?:\.\w+\(\))*\.(?:set|header|type|location|append|vary|headers?)$|^(?:res|response|reply)(?:\.\w+\(\))*\.(?:status|code)\(\)(?:\.\w+\(\))*\.(?:json|send|end|jsonp|body)$/,
  python: /^(?:jsonify|(?:\w+\.)?(?:JSONResponse|PlainTextResponse|HTMLResponse|ORJSONResponse|UJSONResponse))$/,
  java: /^ResponseEntity(?:\.\w+\(\))*\.(?:body|build|header|headers|contentType|location)$/,
  kotlin: /^ResponseEntity(?:\.\w+\(\))*\.(?:body|build|header|headers|contentType|location)$/,
  // ASP.NET answers through its result helpers (`Ok()`, `NotFound()`), all implied statuses already.
  csharp: /^$/,
  go: /^(?:c|ctx)\.(?:Header|Set)$/,
};

/** Decorators that document a response rather than answer one (ASP.NET `ProducesResponseType`). */
export const DOCUMENTING_CALLEES = /^(?:ProducesResponseType|ProducesErrorResponseType|ApiResponse|Api\w+Response)(?:<.*>)?$/;

/** Python modules whose `@x.get` routes answer 200 (or the decorator's `status_code`) on every normal return. */
export const FASTAPI_IMPORT = /^[ \t]*(?:from|import)[ \t]+fastapi\b/m;

/** Go files using Echo, which joins a group's prefix and a route's path by plain concatenation (`"/user"` + `"s"` is `/users`). */
export const ECHO_IMPORT = /["`]github\.com\/labstack\/echo(?:\/v\d+)?["`]/;

/** Dialects whose handlers answer with their return value: a plain return there means the framework's default status. */
export const RETURN_ANSWERS: readonly DialectId[] = ['python', 'java', 'kotlin', 'csharp'];
