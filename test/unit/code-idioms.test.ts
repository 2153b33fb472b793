import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LanguageService } from '../../server/src/service/languageService';
import { codeService, hoverText, snippet } from './code-harness';

// The status idioms real route-handler code uses every day (issue 16), each
// with the import that makes it the framework's: a hover on each answers
// the status it sets. Before issue 16 the hover answered 4 of these 18.
// The same names from an unrelated module get no card (precision first).

let ls: LanguageService;
before(async () => { ls = await codeService(); });

const hover = (textWithCursor: string, languageId: string) => {
  const { doc, offset } = snippet(textWithCursor, languageId);
  return hoverText(ls, doc, offset);
};

const HTTP_ERRORS = "const createError = require('http-errors');\n";
const DRF = 'from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError, NotAuthenticated, Throttled, MethodNotAllowed\n';
const NEST = "import { Controller, Post, HttpCode, NotFoundException, BadRequestException, ConflictException } from '@nestjs/common';\nimport { ApiResponse } from '@nestjs/swagger';\n";

/** [idiom, snippet with | at the cursor, language id, the status the hover must answer]. */
const IDIOMS: Array<[string, string, string, number]> = [
  ['http-errors createError.NotFound()', `${HTTP_ERRORS}app.get('/a', (req, res, next) => next(createError.No|tFound()));`, 'javascript', 404],
  ['http-errors createError(404)', `${HTTP_ERRORS}app.get('/a', (req, res, next) => next(createError(4|04, 'missing')));`, 'javascript', 404],
  ['http-errors new createError.Unauthorized()', `${HTTP_ERRORS}fastify.get('/a', async () => { throw new createError.Unauth|orized(); });`, 'javascript', 401],
  ['http-errors new Unauthorized() imported by name', "import { Unauthorized } from 'http-errors';\nrouter.get('/a', async (ctx) => { throw new Unauth|orized('no token'); });", 'typescript', 401],
  ['Koa ctx.throw(404)', "router.get('/a', async (ctx) => { ctx.throw(4|04); });", 'javascript', 404],
  ['DRF raise NotFound(...)', `${DRF}class V(APIView):\n    def get(self, request):\n        raise NotFo|und("no such article")\n`, 'python', 404],
  ['DRF raise PermissionDenied', `${DRF}class V(APIView):\n    def get(self, request):\n        raise Permission|Denied\n`, 'python', 403],
  ['DRF raise ValidationError(...)', `${DRF}def check(data):\n    raise Validation|Error({"title": "required"})\n`, 'python', 400],
  ['DRF raise NotAuthenticated()', `${DRF}def check(request):\n    raise NotAuth|enticated()\n`, 'python', 401],
  ['DRF raise Throttled(wait=30)', `${DRF}def check(request):\n    raise Thrott|led(wait=30)\n`, 'python', 429],
  ['DRF raise MethodNotAllowed(...)', `${DRF}def check(request):\n    raise MethodNot|Allowed(request.method)\n`, 'python', 405],
  ["Django's raise Http404", 'from django.http import Http404\n\ndef detail(request, pk):\n    raise Http|404\n', 'python', 404],
  ['NestJS throw new NotFoundException()', `${NEST}throw new NotFound|Exception();`, 'typescript', 404],
  ['NestJS throw new ConflictException(...)', `${NEST}throw new Conflict|Exception('taken');`, 'typescript', 409],
  ['NestJS @ApiResponse({ status: 201 })', `${NEST}@Controller('cats')\nclass C {\n  @Post()\n  @ApiResponse({ status: 2|01, description: 'Created' })\n  create() {}\n}`, 'typescript', 201],
  ['NestJS @HttpCode(204)', `${NEST}@Controller('cats')\nclass C {\n  @Post()\n  @HttpCode(2|04)\n  create() {}\n}`, 'typescript', 204],
  ['Kotlin (Ktor) named argument status = HttpStatusCode.NotFound', 'import io.ktor.http.HttpStatusCode\n\nfun Route.items() {\n    get("/items/{id}") { call.respond(status = HttpStatusCode.NotF|ound, message = "missing") }\n}\n', 'kotlin', 404],
  ['FastAPI status_code=HTTP_201_CREATED imported by name', 'from fastapi import APIRouter\nfrom starlette.status import HTTP_201_CREATED\n\nrouter = APIRouter()\n\n@router.post("/users", status_code=HTTP_201_CRE|ATED)\nasync def register(): ...\n', 'python', 201],
  ['DRF Response(status=HTTP_404_NOT_FOUND) imported by name', 'from rest_framework.response import Response\nfrom rest_framework.status import HTTP_404_NOT_FOUND\n\ndef get(request):\n    return Response(status=HTTP_404_NOT_FO|UND)\n', 'python', 404],
  ['Rails head :not_found', 'class ItemsController < ApplicationController\n  def show\n    head :not_fo|und\n  end\nend\n', 'ruby', 404],
];

test("issue 16's idioms: the hover answers the status each one sets", () => {
  const missed: string[] = [];
  for (const [idiom, text, languageId, code] of IDIOMS) {
    const card = hover(text, languageId);
    if (!card || !card.includes(`**${code}`)) missed.push(`${idiom} (${card ? card.split('\n')[0] : 'no card'})`);
  }
  assert.deepEqual(missed, [], `${IDIOMS.length - missed.length} of ${IDIOMS.length} hit`);
});

test('the same names from another module, or from none, get no card', () => {
  const traps: Array<[string, string, string]> = [
    ['NotFound from an unrelated library', "import { NotFound } from './errors';\nthrow new NotF|ound('x');", 'typescript'],
    ['createError not from http-errors', "const createError = require('./create-error');\nnext(createError(4|04));", 'javascript'],
    ['createError.NotFound without an import', 'next(createError.NotF|ound());', 'javascript'],
    ['http-errors but no such status', "const createError = require('http-errors');\nnext(createError.isHttp|Error(e));", 'javascript'],
    ['NotFoundException from the AWS SDK', "import { NotFoundException } from '@aws-sdk/client-api-gateway';\nthrow new NotFound|Exception({});", 'typescript'],
    ['ApiResponse not from @nestjs/swagger', "import { ApiResponse } from './docs';\n@ApiResponse({ status: 2|01 })\nclass A {}", 'typescript'],
    ["Django's ValidationError is no response", 'from django.core.exceptions import ValidationError\n\ndef clean(v):\n    raise Validation|Error("bad")\n', 'python'],
    ['NotFound from a relative module', 'from .errors import NotFound\n\ndef f():\n    raise NotF|ound\n', 'python'],
    ['NotFound with no import at all', 'def f():\n    raise NotF|ound\n', 'python'],
    ['a raised name is not its arguments', 'from rest_framework.exceptions import NotFound\n\ndef f():\n    raise NotFound(mess|age)\n', 'python'],
    ['route() without a handler', "cache.ro|ute({ method: 'GET', key: 'x' });", 'javascript'],
    ["route() whose method is no HTTP method", "server.ro|ute({ method: 'fetch', url: '/x', handler });", 'javascript'],
    ['HTTP_404_NOT_FOUND defined in the file, not imported', 'HTTP_404_NOT_FOUND = 7\n\ndef f():\n    return Response(status=HTTP_404_NOT_FO|UND)\n', 'python'],
    ['HTTP_404_NOT_FOUND imported from a module of the project', 'from .codes import HTTP_404_NOT_FOUND\n\ndef f():\n    return Response(status=HTTP_404_NOT_FO|UND)\n', 'python'],
    ['WebSocketException takes a close code', 'from fastapi import WebSocketException\n\nraise WebSocketException(10|08)\n', 'python'],
  ];
  for (const [what, text, languageId] of traps) assert.equal(hover(text, languageId), null, what);
});

test('the card says where a status comes from: sent, raised by name, or only documented', () => {
  assert.match(hover(`${HTTP_ERRORS}next(createError.No|tFound());`, 'javascript')!, /\*Set here\* by http-errors: `createError\.NotFound\(…\)` answers 404\./);
  assert.match(hover(`${DRF}def f():\n    raise Permission|Denied\n`, 'python')!, /\*Set here\* by Django REST framework: `PermissionDenied\(…\)` answers 403\./);
  assert.match(hover(`${NEST}@Post()\n@ApiResponse({ status: 2|01 })\ncreate() {}`, 'typescript')!, /\*Documented here\* by NestJS \\\(Swagger\\\): `ApiResponse\(…\)`\./);
  assert.match(hover("import { ApiNotFoundResponse } from '@nestjs/swagger';\n@ApiNotFound|Response()\nremove() {}", 'typescript')!, /\*Documented here\* by NestJS \\\(Swagger\\\): `ApiNotFoundResponse\(…\)` documents 404\./);
});

test("HttpException's second argument is a status only when the class is NestJS's", () => {
  assert.ok(hover("import { HttpException } from '@nestjs/common';\nthrow new HttpException('gone', 4|10);", 'typescript')?.includes('**410'));
  assert.ok(hover("import { HttpException } from '@nestjs/common/exceptions/http.exception';\nthrow new HttpException({ errors }, 4|01);", 'typescript')?.includes('**401'));
  assert.equal(hover("import HttpException from './exceptions/HttpException';\nthrow new HttpException(404, 10|01);", 'typescript'), null);
});

test("a number passed to one of the file's helpers is a status where the helper's parameter ends in a status position", () => {
  assert.ok(hover('def respond_error(message, status):\n    abort(status, message)\n\n@app.get("/a")\ndef f():\n    respond_error("x", status=4|04)\n', 'python')?.includes('**404'));
  const method = 'class V(MethodView):\n    def fail(self, message, status):\n        abort(status, message)\n\n    def get(self):\n        self.fail("x", 4|04)\n';
  assert.ok(hover(method, 'python')?.includes('**404'), 'self is not counted among the arguments');
  assert.equal(hover('class V(MethodView):\n    def fail(self, message, status):\n        abort(status, message)\n\n    def get(self):\n        self.fail(4|04, "x")\n', 'python'), null, 'the message position is no status');
  assert.equal(hover('function wait(ms) { return new Promise((r) => setTimeout(r, ms)); }\nwait(5|00);', 'javascript'), null);
});
