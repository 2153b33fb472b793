/**
 * The framework patterns: where a status is set, which calls imply a status,
 * and which calls, decorators or function names declare a route. All of it
 * is data over normalised callee text (the source text before a call's
 * argument list, with `new`/`@` dropped, spaces removed, `::`/`->`/`?.` read
 * as `.` and argument lists emptied to `()`), so adding a framework is a new
 * row here plus a fixture.
 */
import type { DialectId } from './dialects';

/** A place where a framework takes a status: an argument, a keyed option, an assignment or a returned tuple. */
export interface StatusSlotRule {
  framework: string;
  dialects: readonly DialectId[];
  /** The callee, for argument and keyed slots. */
  callee?: RegExp;
  /** The argument's index; absent means any position. */
  arg?: number;
  /** The keyed argument's (or object option's) name. */
  key?: string;
  /** The assignment target, for `ctx.status = 201`. */
  assign?: RegExp;
  /** The index in a returned tuple, for Flask's `return body, 201` (only inside a route). */
  returnIndex?: number;
  /**
   * The callee is matched as the qualified name its first name was imported
   * as (see imports.ts: `createError(404)` reads `http-errors`), so that the
   * same name from another library, or the project's own, never counts.
   */
  imported?: boolean;
  /** The slot takes only an error (`abort(…)`, `ctx.throw(…)`): completion offers 4xx and 5xx first. */
  errors?: boolean;
  /** The status is documented here, not sent (`@ApiResponse({ status: 201 })`): the card says so, and the POST-answers-200 hint stays away. */
  documents?: boolean;
  /** The slot takes only this constant family's names (a number there does not compile): completion writes them. */
  constants?: string;
  /**
   * The slot counts only inside a class whose head (name and superclasses)
   * matches: `status_code = 410` in a Django REST framework `APIException`
   * subclass, `super('gone', 410)` in a NestJS `HttpException` subclass.
   */
  inClass?: RegExp;
}

/** A call whose name implies its status (`NotFound()`, `ResponseEntity.notFound()`, `new NotFoundException()`). */
export interface ImpliedStatusRule {
  framework: string;
  dialects: readonly DialectId[];
  callee: RegExp;
  /**
   * Status by the callee's last name; or 'reason-phrase': the status whose
   * reason phrase the callee's group 1 spells (http-errors names its
   * constructors so: `NotFound`, `ImATeapot`), 4xx and 5xx only.
   */
  codes: Readonly<Record<string, number>> | 'reason-phrase';
  /** Matched against the qualified name the callee was imported as (see {@link StatusSlotRule.imported}). */
  imported?: boolean;
  /** The call documents the status rather than sending it (`@ApiNotFoundResponse()`). */
  documents?: boolean;
}

/** A route declaration: a call, decorator or annotation whose name (or arguments) gives the method. */
export interface RouteRule {
  framework: string;
  dialects: readonly DialectId[];
  callee: RegExp;
  /** Where the method comes from: the callee's group 1, a fixed method, the first string argument's leading word, or a keyed option. */
  method: { group: true } | { fixed: string } | { firstArgWord: true } | { key: string; fallback: string } | { firstArgList: true } | { option: string; requires: readonly string[] };
  /** The fewest arguments a real declaration has (a path and a handler), to tell `app.get('/x', h)` from `map.get(k)`. */
  minArgs?: number;
  /** The call must be a decorator, annotation or attribute. */
  decorator?: boolean;
}

/** A function whose name declares the method it answers (Next.js `export async function POST`, Rails `def create`). */
export interface FunctionRouteRule {
  framework: string;
  dialects: readonly DialectId[];
  /** Method by function name. */
  names: Readonly<Record<string, string>>;
  /** Only an exported function counts (Next.js). */
  exported?: boolean;
  /** Only a method whose first parameter is `self` counts (Django class-based views). */
  selfFirst?: boolean;
}

const JS: DialectId[] = ['js'];
const JVM: DialectId[] = ['java', 'kotlin'];
const METHODS = 'get|post|put|patch|delete|head|options';

export const STATUS_SLOTS: readonly StatusSlotRule[] = [
  // JavaScript and TypeScript.
  { framework: 'Express', dialects: JS, callee: /(?:^|\.)(?:res|response)\.(?:status|sendStatus)$/i, arg: 0 },
  { framework: 'Express', dialects: JS, callee: /(?:^|\.)(?:res|response)\.redirect$/i, arg: 0 },
  { framework: 'Express', dialects: JS, assign: /(?:^|\.)(?:res|response)\.statusCode$/i },
  { framework: 'Fastify', dialects: JS, callee: /(?:^|\.)reply\.(?:code|status)$/, arg: 0 },
  { framework: 'Fastify', dialects: JS, assign: /(?:^|\.)reply\.statusCode$/ },
  // Koa's ctx.throw hands its arguments to http-errors, which takes the number wherever it is (`ctx.throw('gone', 410)`).
  { framework: 'Koa', dialects: JS, callee: /(?:^|\.)ctx\.throw$/, errors: true },
  { framework: 'Koa', dialects: JS, callee: /(?:^|\.)ctx\.assert$/, arg: 1, errors: true },
  { framework: 'http-errors', dialects: JS, callee: /^http-errors(?:\.HttpError)?$/, imported: true, errors: true },
  { framework: 'Koa', dialects: JS, assign: /(?:^|\.)ctx(?:\.response)?\.status$/ },
  { framework: 'NestJS', dialects: JS, callee: /^HttpCode$/, arg: 0 },
  // Only NestJS's own class: an Express project's HttpException(status, body) or (status, appErrorCode) puts other things second.
  { framework: 'NestJS', dialects: JS, callee: /^@nestjs\/common(?:\/[\w./-]*)?\.HttpException$/, arg: 1, imported: true, errors: true },
  { framework: 'NestJS (Swagger)', dialects: JS, callee: /^@nestjs\/swagger\.ApiResponse$/, key: 'status', imported: true, documents: true },
  { framework: 'NestJS', dialects: JS, callee: /^super$/, arg: 1, inClass: /\bextends\s+(?:\w+\.)?HttpException\b/, errors: true },
  // An Error subclass's `this.status = 404` (or a constructor parameter assigned there) is what Express's and Koa's error handling answer.
  { framework: 'Express / Koa error status', dialects: JS, assign: /^this\.(?:status|statusCode)$/, inClass: /\bextends\s+(?:[\w$]+\.)?[\w$]*(?:Error|Exception)\b/, errors: true },
  { framework: 'Hono', dialects: JS, callee: /^c\.(?:json|text|html|body|newResponse|redirect)$/, arg: 1 },
  { framework: 'Hono', dialects: JS, callee: /^c\.status$/, arg: 0 },
  { framework: 'Next.js / Fetch API', dialects: JS, callee: /^(?:Next)?Response(?:\.json)?$/, key: 'status' },
  { framework: 'Next.js / Fetch API', dialects: JS, callee: /^(?:Next)?Response\.redirect$/, arg: 1 },
  { framework: 'Next.js / Fetch API', dialects: JS, callee: /^(?:Next)?Response\.redirect$/, key: 'status' },
  // Python.
  { framework: 'Flask', dialects: ['python'], callee: /^(?:flask\.)?abort$/, arg: 0, errors: true },
  { framework: 'Flask', dialects: ['python'], callee: /^(?:flask\.)?make_response$/, arg: 1 },
  { framework: 'Flask', dialects: ['python'], callee: /^(?:flask\.)?redirect$/, key: 'code' },
  { framework: 'Flask', dialects: ['python'], returnIndex: 1 },
  // WebSocketException's code is a WebSocket close code (1008), not an HTTP status.
  { framework: 'FastAPI / Starlette', dialects: ['python'], callee: /^(?:\w+\.)?HTTPException$/, arg: 0, errors: true },
  { framework: 'FastAPI / Starlette', dialects: ['python'], callee: /^(?:\w+\.)?HTTPException$/, key: 'status_code', errors: true },
  { framework: 'FastAPI / Starlette', dialects: ['python'], callee: new RegExp(`^\\w+\\.(?:${METHODS}|api_route|route)$`), key: 'status_code' },
  { framework: 'FastAPI / Starlette', dialects: ['python'], callee: /^(?:\w+\.)?(?:JSONResponse|HTMLResponse|PlainTextResponse|RedirectResponse|ORJSONResponse|UJSONResponse|StreamingResponse|FileResponse)$/, key: 'status_code' },
  { framework: 'FastAPI / Starlette', dialects: ['python'], callee: /^(?:\w+\.)?Response$/, key: 'status_code' },
  { framework: 'FastAPI / Starlette', dialects: ['python'], assign: /(?:^|\.)response\.status_code$/ },
  { framework: 'Flask / Django REST framework', dialects: ['python'], callee: /^(?:\w+\.)?Response$/, key: 'status' },
  { framework: 'Django REST framework', dialects: ['python'], callee: /^(?:\w+\.)?Response$/, arg: 1 },
  { framework: 'Django REST framework', dialects: ['python'], assign: /^status_code$/, inClass: /[(,]\s*(?:[\w.]+\.)?APIException\s*[,)]/, errors: true },
  { framework: 'Django', dialects: ['python'], callee: /^(?:\w+\.)?(?:HttpResponse|JsonResponse|StreamingHttpResponse|FileResponse)$/, key: 'status' },
  // Java and Kotlin (Spring).
  { framework: 'Spring', dialects: JVM, callee: /^ResponseEntity\.status$/, arg: 0 },
  { framework: 'Spring', dialects: JVM, callee: /^ResponseEntity(?:<\w*>)?$/ },
  { framework: 'Spring', dialects: JVM, callee: /^ResponseStatus$/, arg: 0 },
  { framework: 'Spring', dialects: JVM, callee: /^ResponseStatus$/, key: 'value' },
  { framework: 'Spring', dialects: JVM, callee: /^ResponseStatus$/, key: 'code' },
  { framework: 'Spring', dialects: JVM, callee: /^ResponseStatusException$/, arg: 0 },
  { framework: 'Spring', dialects: JVM, callee: /(?:^|\.)(?:response|res)\.setStatus$/, arg: 0 },
  // Kotlin (Ktor): statuses are HttpStatusCode values, passed by name.
  { framework: 'Ktor', dialects: ['kotlin'], callee: /^(?:\w+\.)?call\.respond(?:Text|Bytes|Redirect|Nullable)?$/, key: 'status', constants: 'ktor-httpstatuscode' },
  { framework: 'Ktor', dialects: ['kotlin'], callee: /^(?:\w+\.)?call\.response\.status$/, arg: 0, constants: 'ktor-httpstatuscode' },
  { framework: 'Ktor', dialects: ['kotlin'], callee: /^HttpStatusCode(?:\.fromValue)?$/, arg: 0 },
  // Go.
  { framework: 'net/http', dialects: ['go'], callee: /\.WriteHeader$/, arg: 0 },
  { framework: 'net/http', dialects: ['go'], callee: /^http\.Error$/, arg: 2, errors: true },
  { framework: 'net/http', dialects: ['go'], callee: /^http\.Redirect$/, arg: 3 },
  { framework: 'Gin / Echo', dialects: ['go'], callee: /^(?:c|ctx)\.(?:JSON|String|XML|HTML|YAML|IndentedJSON|PureJSON|SecureJSON|JSONP|AsciiJSON|JSONPretty|JSONBlob|XMLBlob|Data|Blob|Stream|Status|AbortWithStatus|AbortWithStatusJSON|AbortWithError|NoContent|Redirect|File|Render)$/, arg: 0 },
  { framework: 'Echo', dialects: ['go'], callee: /^echo\.NewHTTPError$/, arg: 0, errors: true },
  // C# (ASP.NET Core).
  { framework: 'ASP.NET Core', dialects: ['csharp'], callee: /^(?:(?:Results|TypedResults)\.)?StatusCode$/, arg: 0 },
  { framework: 'ASP.NET Core', dialects: ['csharp'], callee: /^(?:(?:Results|TypedResults)\.)?(?:Problem|ValidationProblem|Json)$/, key: 'statusCode' },
  { framework: 'ASP.NET Core', dialects: ['csharp'], callee: /^(?:ProducesResponseType|ProducesResponseType<[\w<>,]*>|ProducesErrorResponseType)$/ },
  { framework: 'ASP.NET Core', dialects: ['csharp'], callee: /^(?:StatusCodeResult|ObjectResult)$/, arg: 0 },
  { framework: 'ASP.NET Core', dialects: ['csharp'], assign: /(?:^|\.)(?:Response|HttpContext\.Response)\.StatusCode$/ },
  // Ruby (Rails).
  { framework: 'Rails', dialects: ['ruby'], callee: /^(?:render|head|redirect_to|respond_with)$/, key: 'status' },
  { framework: 'Rails', dialects: ['ruby'], callee: /^head$/, arg: 0 },
  // PHP (Laravel).
  { framework: 'Laravel', dialects: ['php'], callee: /^abort$/, arg: 0, errors: true },
  { framework: 'Laravel', dialects: ['php'], callee: /^abort_(?:if|unless)$/, arg: 1, errors: true },
  { framework: 'Laravel', dialects: ['php'], callee: /^response$/, arg: 1 },
  { framework: 'Laravel', dialects: ['php'], callee: /^response\(\)\.(?:json|make|view|download)$/, arg: 1 },
  { framework: 'Laravel', dialects: ['php'], callee: /^response\(\)\.noContent$/, arg: 0 },
  { framework: 'Laravel', dialects: ['php'], callee: /^(?:redirect|response\(\)\.redirectTo)$/, arg: 1 },
  { framework: 'Laravel / Symfony', dialects: ['php'], callee: /^(?:[\w\\]+\\)?(?:Response|JsonResponse)$/, arg: 1 },
];

export const IMPLIED_STATUS: readonly ImpliedStatusRule[] = [
  // http-errors (Express, Koa, Fastify): `createError.NotFound()`, `new createError.Unauthorized()`, `new Unauthorized()` imported by name.
  { framework: 'http-errors', dialects: JS, callee: /^http-errors\.([A-Z]\w*)$/, codes: 'reason-phrase', imported: true },
  // @nestjs/swagger's per-status decorators (`@ApiNotFoundResponse()`) document a status.
  { framework: 'NestJS (Swagger)', dialects: JS, callee: /^@nestjs\/swagger\.Api(\w+)Response$/, codes: 'reason-phrase', imported: true, documents: true },
  {
    // Only the classes imported from @nestjs/common (or a subpath): the AWS SDK, for one, exports a NotFoundException too.
    framework: 'NestJS', dialects: JS, callee: /^@nestjs\/common(?:\/[\w./-]*)?\.(\w+)Exception$/, imported: true,
    codes: {
      BadRequestException: 400, UnauthorizedException: 401, ForbiddenException: 403, NotFoundException: 404,
      MethodNotAllowedException: 405, NotAcceptableException: 406, RequestTimeoutException: 408, ConflictException: 409,
      GoneException: 410, PreconditionFailedException: 412, PayloadTooLargeException: 413, UnsupportedMediaTypeException: 415,
      MisdirectedException: 421, UnprocessableEntityException: 422, InternalServerErrorException: 500,
      NotImplementedException: 501, BadGatewayException: 502, ServiceUnavailableException: 503, GatewayTimeoutException: 504,
      HttpVersionNotSupportedException: 505, ImATeapotException: 418,
    },
  },
  {
    framework: 'Spring', dialects: JVM, callee: /^ResponseEntity\.(\w+)$/,
    codes: { ok: 200, created: 201, accepted: 202, noContent: 204, badRequest: 400, notFound: 404, unprocessableEntity: 422, internalServerError: 500 },
  },
  {
    framework: 'ASP.NET Core', dialects: ['csharp'], callee: /^(?:(?:Results|TypedResults)\.)?(\w+)$/,
    codes: {
      Ok: 200, Created: 201, CreatedAtAction: 201, CreatedAtRoute: 201, Accepted: 202, AcceptedAtAction: 202, AcceptedAtRoute: 202,
      NoContent: 204, BadRequest: 400, Unauthorized: 401, Forbid: 403, NotFound: 404, Conflict: 409, UnprocessableEntity: 422,
      OkResult: 200, NotFoundResult: 404, BadRequestResult: 400, NoContentResult: 204, CreatedResult: 201, ConflictResult: 409,
    },
  },
  {
    framework: 'Django', dialects: ['python'], callee: /^(?:\w+\.)?(\w+)$/,
    codes: {
      HttpResponseNotFound: 404, HttpResponseBadRequest: 400, HttpResponseForbidden: 403, HttpResponseNotAllowed: 405,
      HttpResponseGone: 410, HttpResponseServerError: 500, HttpResponseRedirect: 302, HttpResponsePermanentRedirect: 301,
      HttpResponseNotModified: 304, Http404: 404,
    },
  },
  {
    // Django REST framework turns these into responses (exceptions.py); serializers re-exports ValidationError.
    framework: 'Django REST framework', dialects: ['python'], callee: /^rest_framework\.(?:exceptions|serializers)\.(\w+)$/, imported: true,
    codes: {
      ParseError: 400, ValidationError: 400, AuthenticationFailed: 401, NotAuthenticated: 401, PermissionDenied: 403, NotFound: 404,
      MethodNotAllowed: 405, NotAcceptable: 406, UnsupportedMediaType: 415, Throttled: 429,
    },
  },
  {
    // Django's own view exceptions; its ValidationError is not one (it is no response).
    framework: 'Django', dialects: ['python'], callee: /^django\.(?:http|http\.response|core\.exceptions)\.(\w+)$/, imported: true,
    codes: { Http404: 404, PermissionDenied: 403, SuspiciousOperation: 400, BadRequest: 400 },
  },
];

export const ROUTES: readonly RouteRule[] = [
  { framework: 'Express / Fastify / Koa / Hono', dialects: JS, callee: new RegExp(`^(?:app|router|server|fastify|api|route|routes|hono|\\w*Router|\\w*App|\\w*Api)\\.(${METHODS})$`, 'i'), method: { group: true }, minArgs: 2 },
  // Fastify's and hapi's full declaration: `server.route({ method: 'GET', url: '/x', handler })` (hapi says `path`).
  { framework: 'Fastify / hapi', dialects: JS, callee: /^(?:app|server|fastify|instance|\w*App|\w*Server)\.route$/i, method: { option: 'method', requires: ['url|path', 'handler'] }, minArgs: 1 },
  { framework: 'NestJS', dialects: JS, callee: /^(Get|Post|Put|Patch|Delete|Head|Options)$/, method: { group: true }, decorator: true },
  { framework: 'Flask / FastAPI', dialects: ['python'], callee: new RegExp(`^\\w+\\.(${METHODS})$`), method: { group: true }, decorator: true },
  { framework: 'Flask', dialects: ['python'], callee: /^\w+\.(?:route|api_route)$/, method: { key: 'methods', fallback: 'get' }, decorator: true },
  { framework: 'Django REST framework', dialects: ['python'], callee: /^api_view$/, method: { firstArgList: true }, decorator: true },
  { framework: 'Spring', dialects: JVM, callee: /^(Get|Post|Put|Patch|Delete)Mapping$/, method: { group: true }, decorator: true },
  { framework: 'Spring', dialects: JVM, callee: /^RequestMapping$/, method: { key: 'method', fallback: '' }, decorator: true },
  { framework: 'net/http', dialects: ['go'], callee: /^(?:http|\w*[mM]ux)\.Handle(?:Func)?$/, method: { firstArgWord: true }, minArgs: 2 },
  { framework: 'Gin / Echo / chi', dialects: ['go'], callee: /^\w+\.(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Get|Post|Put|Patch|Delete|Head|Options)$/, method: { group: true }, minArgs: 2 },
  { framework: 'ASP.NET Core', dialects: ['csharp'], callee: /^Http(Get|Post|Put|Patch|Delete|Head|Options)$/, method: { group: true }, decorator: true },
  { framework: 'ASP.NET Core', dialects: ['csharp'], callee: /^\w+\.Map(Get|Post|Put|Patch|Delete)$/, method: { group: true }, minArgs: 2 },
  { framework: 'Rails', dialects: ['ruby'], callee: /^(get|post|put|patch|delete)$/, method: { group: true }, minArgs: 1 },
  { framework: 'Laravel', dialects: ['php'], callee: /^Route\.(get|post|put|patch|delete|options)$/i, method: { group: true }, minArgs: 2 },
];

export const FUNCTION_ROUTES: readonly FunctionRouteRule[] = [
  { framework: 'Next.js', dialects: JS, exported: true, names: { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete', HEAD: 'head', OPTIONS: 'options' } },
  { framework: 'Django class-based views', dialects: ['python'], selfFirst: true, names: { get: 'get', post: 'post', put: 'put', patch: 'patch', delete: 'delete' } },
  { framework: 'Rails', dialects: ['ruby'], names: { index: 'get', show: 'get', new: 'get', edit: 'get', create: 'post', update: 'patch', destroy: 'delete' } },
];
