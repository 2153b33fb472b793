import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument as EditableDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../server/src/service/languageService';
import type { StylebookSettings } from '../../server/src/service/settings';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { endsWithPath, joinPaths, normalisePath, pathKey, serverBases } from '../../server/src/service/workspace/paths';
import { codeService } from './code-harness';

// The workspace model (routes in code, operations in specs, the match
// between them) and the consistency checks it feeds. Each test builds a tiny
// workspace of a spec and a handler file.

const LANG: Record<string, string> = { js: 'javascript', ts: 'typescript', py: 'python', java: 'java', cs: 'csharp', yaml: 'yaml', json: 'json', go: 'go' };

/** A language service whose workspace model holds the given files (name → text). */
async function workspace(files: Record<string, string>, settings?: Partial<StylebookSettings>): Promise<LanguageService> {
  const ls = await codeService(settings ? { ...DEFAULT_SETTINGS, ...settings } : undefined);
  for (const [name, text] of Object.entries(files)) {
    ls.updateWorkspace(ls.prepare(TextDocument.create(`file:///ws/${name}`, LANG[name.split('.').pop()!], 1, text)));
  }
  return ls;
}

function docOf(ls: LanguageService, name: string) {
  const uri = `file:///ws/${name}`;
  const doc = ls.workspace.spec(uri) ?? ls.workspace.codeDocument(uri);
  assert.ok(doc, `${name} is not in the workspace model`);
  return doc;
}

/** The routes of a file as `METHOD path [statuses]` (a `?` after the statuses when the handler is not fully understood). */
async function routes(name: string, text: string): Promise<string[]> {
  const ls = await workspace({ [name]: text });
  return ls.workspace.routes(docOf(ls, name)).map((r) => `${r.method.toUpperCase()} ${r.path ?? '<unknown>'}${r.rooted ? '' : ' (mounted?)'} [${r.statuses.map((s) => s.code).join(',')}]${r.understood ? '' : '?'}`);
}

/** The consistency diagnostics of one file as `rule@text: message`. */
function findings(ls: LanguageService, name: string): string[] {
  const doc = docOf(ls, name);
  return ls.doConsistency(doc).map((d: Diagnostic) => `${d.code}@${doc.textDocument.getText(d.range)}`);
}

test('path templates of every syntax normalise to the same segments', () => {
  const same = ['/users/:id', '/users/<int:id>', '/users/{id:int}', '/users/{userId}', '/Users/<id>', '/users/:id(\\d+)/'];
  for (const p of same) assert.equal(pathKey(normalisePath(p)!), '/users/{}', p);
  for (const p of ['/files/*', '/files/{*rest}', '/files/<path:p>', '/a/:id?', '/files/{name}.{ext}', '/x/{rest:path}']) {
    assert.equal(normalisePath(p), undefined, p);
  }
  assert.equal(joinPaths('/api/', '', 'users/', '/:id'), '/api/users/:id');
  assert.ok(endsWithPath(normalisePath('/api/v1/users/{id}')!, normalisePath('/users/:id')!));
  assert.ok(!endsWithPath(normalisePath('/api/v1/users/{id}')!, normalisePath('/sers/:id')!));
});

test('server URLs and basePath give the prefixes a spec is served under', () => {
  const keys = (b: ReturnType<typeof serverBases>) => b.map(pathKey);
  const urls = (...u: string[]) => u.map((url) => ({ url }));
  assert.deepEqual(keys(serverBases(urls('https://api.example.com/v1', '/api', 'http://localhost:8080'), undefined)), ['/', '/v1', '/api']);
  assert.deepEqual(keys(serverBases([], '/api/v2')), ['/', '/api/v2']);
  // A variable in the path stands for its default and enum values; one without values gives no prefix.
  assert.deepEqual(keys(serverBases([{ url: 'http://{host}/{env}', variables: { host: ['x.com'], env: ['v1', 'v2'] } }], undefined)), ['/', '/v1', '/v2']);
  assert.deepEqual(keys(serverBases(urls('https://{host}/{base}'), undefined)), ['/']);
});

test('Express: a router mounted in the same file takes the prefix; statuses and understanding per handler', async () => {
  const got = await routes('app.js', `
const express = require('express');
const app = express();
const router = express.Router();
router.get('/users/:id', (req, res) => {
  if (!req.params.id) return res.status(404).json({});
  res.status(200).json({ id: 1 });
});
router.post('/users', async (req, res) => {
  const user = await db.create(req.body);
  res.status(201).json(user);
});
router.delete('/users/:id', auth, (req, res) => res.sendStatus(204));
app.use('/api', router);
`);
  assert.deepEqual(got, ['GET /api/users/:id [404,200]', 'POST /api/users [201]?', 'DELETE /api/users/:id [204]?']);
});

test('Express: a router never mounted in its file may sit under any prefix', async () => {
  const got = await routes('users.js', `
const router = require('express').Router();
router.get('/users', list);
function list(req, res) { res.status(200).send([]); }
module.exports = router;
`);
  assert.deepEqual(got, ['GET /users (mounted?) [200]']);
});

test('NestJS: @Controller prefix, the default 201 of a POST, @HttpCode, and thrown exceptions', async () => {
  const got = await routes('users.controller.ts', `
import { Body, Controller, Delete, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Post()
  create(@Body() dto: CreateUserDto) { return this.users.create(dto); }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string) { throw new NotFoundException(); }
}
`);
  assert.deepEqual(got, ['POST /users (mounted?) [201]?', 'DELETE /users/:id (mounted?) [204,404]']);
});

test('FastAPI and Flask: router and blueprint prefixes, status_code, HTTPException', async () => {
  const fast = await routes('items.py', `
from fastapi import APIRouter, HTTPException
router = APIRouter(prefix="/items")

@router.get("/{item_id}")
async def read_item(item_id: int):
    raise HTTPException(status_code=404)

@router.post("", status_code=201)
async def create_item(item: Item):
    return item
`);
  assert.deepEqual(fast, ['GET /items/{item_id} (mounted?) [200,404]', 'POST /items (mounted?) [201]']);
  const flask = await routes('views.py', `
from flask import Blueprint, abort
bp = Blueprint('pets', __name__, url_prefix='/pets')

@bp.route('/<int:pet_id>', methods=['GET'])
def get_pet(pet_id):
    abort(404)
`);
  assert.deepEqual(flask, ['GET /pets/<int:pet_id> (mounted?) [404]?']);
});

test('Flask: register_blueprint in the same file replaces the prefix; one route per listed method', async () => {
  const got = await routes('app.py', `
from flask import Flask, Blueprint, abort
app = Flask(__name__)
bp = Blueprint('pets', __name__, url_prefix='/pets')

@bp.route('/<int:pet_id>', methods=['GET', 'DELETE'])
def pet(pet_id):
    abort(404)

app.register_blueprint(bp, url_prefix='/api/pets')
`);
  assert.deepEqual(got, ['GET /api/pets/<int:pet_id> [404]?', 'DELETE /api/pets/<int:pet_id> [404]?']);
});

test('Gin: a group of a router made in the file takes its prefix; a handler passed by name is found', async () => {
  const got = await routes('main.go', `package main

func main() {
	r := gin.Default()
	v1 := r.Group("/api/v1")
	v1.GET("/users/:id", getUser)
}

func getUser(c *gin.Context) {
	c.JSON(http.StatusNotFound, gin.H{})
}
`);
  assert.deepEqual(got, ['GET /api/v1/users/:id [404]']);
});

test('Echo concatenates a group prefix and a path, where Gin puts a slash between (vikunja: `u.GET("s", …)` under /user serves /users)', async () => {
  const echo = await routes('routes.go', `package routes

import "github.com/labstack/echo/v4"

func Register() {
	e := echo.New()
	u := e.Group("/api/v1/user")
	u.GET("s", listUsers)
	u.GET("/sessions", listSessions)
	a := e.Group("/api/v1/")
	p := a.Group("projects")
	p.GET("", listProjects)
}
`);
  assert.deepEqual(echo, ['GET /api/v1/users []?', 'GET /api/v1/user/sessions []?', 'GET /api/v1/projects []?']);
  const gin = await routes('main.go', `package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.Default()
	u := r.Group("/api/v1/user")
	u.GET("s", listUsers)
}
`);
  assert.deepEqual(gin, ['GET /api/v1/user/s []?']);
});

test('a router that is a parameter is what the file passes to that function, not a variable of the same name elsewhere (vikunja: the v2 group reached /api/v1)', async () => {
  const got = await routes('routes.go', `package routes

import "github.com/labstack/echo/v4"

func Register(e *echo.Echo) {
	a := e.Group("/api/v1")
	registerV1(a)
	a2 := e.Group("/api/v2")
	registerV2(a2)
}

func registerV1(a *echo.Group) {
	a.GET("/tasks", listTasks)
}

func registerV2(a *echo.Group) {
	a.GET("/ws", upgrade)
}

func mountedElsewhere(a *echo.Group) {
	a.GET("/info", info)
}
`);
  assert.deepEqual(got, ['GET /api/v1/tasks (mounted?) []?', 'GET /api/v2/ws (mounted?) []?', 'GET /info (mounted?) []?']);
});

test('a Gin group whose path is not a literal leaves its routes without a comparable path (answer: `seo := r.Group(baseURLPath)` serves HTML pages, not /api/v1/tags)', async () => {
  const got = await routes('template_router.go', `package router

func (a *TemplateRouter) Register(r *gin.RouterGroup, baseURLPath string) {
	seo := r.Group(baseURLPath)
	seo.GET("/tags", a.TagList)
	seo.GET("/tags/:tag", a.TagInfo)
	user := seo.Group("/users")
	user.GET("/:name", a.UserInfo)
	api := r.Group("/api")
	api.GET("/tags", a.Tags)
}
`);
  assert.deepEqual(got, ['GET <unknown> (mounted?) []?', 'GET <unknown> (mounted?) []?', 'GET <unknown> (mounted?) []?', 'GET /api/tags (mounted?) []?']);
});

test('ASP.NET minimal APIs: a MapGroup prefix (through endpoint conventions, and a group of a group) comes before its routes, which stay unrooted when the group is made from a parameter (eShop OrdersApi)', async () => {
  const got = await routes('OrdersApi.cs', `
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.NewVersionedApi("Orders").MapGroup("api/orders").HasApiVersion(1.0);
        api.MapGet("{orderId:int}", GetOrderAsync);
        var admin = api.MapGroup("/admin").RequireAuthorization();
        admin.MapPost("/ship", ShipOrderAsync);
        return api;
    }

    public static async Task<Results<Ok<Order>, NotFound>> GetOrderAsync(int orderId) { return TypedResults.NotFound(); }
    public static async Task<Results<Ok, BadRequest>> ShipOrderAsync() { return TypedResults.Ok(); }
}
`);
  assert.deepEqual(got, ['GET /api/orders/{orderId:int} (mounted?) []?', 'POST /api/orders/admin/ship (mounted?) []?']);
});

test('ASP.NET minimal APIs: a MapGroup path that is not a literal, and a chain through a call that is not an endpoint convention, and a variable naming two groups give no prefix', async () => {
  const got = await routes('Api.cs', `
public static class Api
{
    public static void Map(this IEndpointRouteBuilder app, string prefix)
    {
        var api = app.MapGroup(prefix);
        api.MapGet("/items", GetItems);
        var other = Wrap(app.MapGroup("/api/other"));
        other.MapGet("/items", GetItems);
    }

    // The same variable names another group in another method: neither method's routes can be told apart by name.
    public static void MapV1(this IEndpointRouteBuilder app)
    {
        var v = app.MapGroup("/api/v1");
        v.MapGet("/orders", GetItems);
    }

    public static void MapV2(this IEndpointRouteBuilder app)
    {
        var v = app.MapGroup("/api/v2");
        v.MapGet("/orders", GetItems);
    }

    public static IResult GetItems() { return TypedResults.NotFound(); }
}
`);
  assert.deepEqual(got, ['GET <unknown> (mounted?) []?', 'GET /items (mounted?) []?', 'GET /orders (mounted?) []?', 'GET /orders (mounted?) []?']);
});

test('Spring and ASP.NET: class-level prefixes and the [controller] token', async () => {
  const spring = await routes('OwnerController.java', `
@RestController
@RequestMapping("/api/owners")
public class OwnerController {
  @GetMapping(value = "/{ownerId}")
  public ResponseEntity<Owner> get(@PathVariable int ownerId) { return ResponseEntity.notFound().build(); }
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public Owner add(@RequestBody Owner owner) { return owner; }
}
`);
  assert.deepEqual(spring, ['GET /api/owners/{ownerId} (mounted?) [404]', 'POST /api/owners (mounted?) [201]']);
  const asp = await routes('UsersController.cs', `
[ApiController]
[Route("api/[controller]")]
public class UsersController : ControllerBase {
  [HttpGet("{id}")]
  public IActionResult Get(int id) { return NotFound(); }
  [HttpGet("/health")]
  public IActionResult Health() { return Ok(); }
}
`);
  assert.deepEqual(asp, ['GET /api/Users/{id} (mounted?) [404]', 'GET /health (mounted?) [200]']);
});

test('a path that is not a literal is listed but never matched', async () => {
  const got = await routes('app.js', "const app = express();\napp.get(`/users/${x}`, (req, res) => res.status(200).json([]));\n");
  assert.deepEqual(got, ['GET <unknown> [200]']);
});

const SPEC = `openapi: 3.0.3
info: { title: T, version: '1' }
servers:
  - url: https://example.com/api
paths:
  /users/{id}:
    get:
      responses:
        '200':
          description: OK
        '404':
          description: Not Found
        '410':
          description: Gone
  /users:
    post:
      responses:
        '201':
          description: Created
`;

const EXPRESS = `const express = require('express');
const app = express();
const router = express.Router();
router.get('/users/:id', (req, res) => {
  if (!req.params.id) return res.status(404).json({});
  res.status(200).json({ id: 1 });
});
router.post('/users', async (req, res) => {
  const user = await db.create(req.body);
  if (!user) return res.status(409).json({ error: 'taken' });
  res.status(201).json(user);
});
router.get('/health', (req, res) => res.status(200).end());
app.use('/api', router);
`;

test('an undocumented status in code is flagged, with a fix that adds it to the spec in its style', async () => {
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': EXPRESS });
  assert.deepEqual(findings(ls, 'app.js'), ['code-status-undocumented@409', 'code-route-undocumented@router.get']);
  const code = docOf(ls, 'app.js');
  const diagnostics = ls.doConsistency(code);
  const d = diagnostics[0];
  assert.match(d.message as string, /answers 409 Conflict, which openapi\.yaml does not document for POST \/users/);
  assert.match(d.codeDescription!.href, /^https?:/);
  const actions = ls.doCodeActions(code, d.range, [d]);
  const fix = actions.find((a) => a.title.startsWith('Document 409'));
  assert.ok(fix, actions.map((a) => a.title).join('; '));
  const edits = fix.edit!.changes!['file:///ws/openapi.yaml'];
  const spec = EditableDocument.create('file:///ws/openapi.yaml', 'yaml', 1, SPEC);
  const after = EditableDocument.applyEdits(spec, edits);
  assert.ok(after.includes(`        '201':\n          description: Created\n        '409':\n          description: Conflict\n`), after);
  // With the response documented, the finding goes.
  ls.updateWorkspace(ls.prepare(TextDocument.create('file:///ws/openapi.yaml', 'yaml', 2, after)));
  assert.deepEqual(findings(ls, 'app.js'), ['code-route-undocumented@router.get']);
});

test('the fix in a JSON spec writes JSON', async () => {
  const json = JSON.stringify({ openapi: '3.0.0', info: { title: 'T', version: '1' }, paths: { '/api/users': { post: { responses: { 201: { description: 'Created' } } } } } }, null, 2);
  const ls = await workspace({ 'openapi.json': json, 'app.js': EXPRESS });
  const code = docOf(ls, 'app.js');
  const d = ls.doConsistency(code).find((x) => x.code === 'code-status-undocumented')!;
  assert.ok(d);
  const fix = ls.doCodeActions(code, d.range, [d]).find((a) => a.title.startsWith('Document 409'))!;
  const after = EditableDocument.applyEdits(EditableDocument.create('file:///ws/openapi.json', 'json', 1, json), fix.edit!.changes!['file:///ws/openapi.json']);
  const parsed = JSON.parse(after);
  assert.deepEqual(parsed.paths['/api/users'].post.responses['409'], { description: 'Conflict' });
});

test('a documented status no fully understood handler answers is flagged in the spec; 5xx, ranges and middleware statuses never', async () => {
  const spec = SPEC.replace("        '410':\n          description: Gone\n", "        '410':\n          description: Gone\n        '401':\n          description: Unauthorized\n        5XX:\n          description: Error\n        '503':\n          description: Unavailable\n");
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS });
  // GET /users/{id} is fully understood (404, 200); POST /users calls the database, so its 201 alone says nothing.
  assert.deepEqual(findings(ls, 'openapi.yaml'), ['spec-status-unanswered@\'410\'']);
});

test('ambiguity is silence: two specs with the same operation, or a mounted router matching two paths', async () => {
  const ls = await workspace({ 'openapi.yaml': SPEC, 'copy.yaml': SPEC, 'app.js': EXPRESS });
  assert.deepEqual(findings(ls, 'app.js'), []);
  assert.deepEqual(findings(ls, 'openapi.yaml'), []);
  const twoPaths = `openapi: 3.0.0
info: { title: T, version: '1' }
paths:
  /admin/users:
    get:
      responses: { '200': { description: OK } }
  /public/users:
    get:
      responses: { '200': { description: OK } }
`;
  const ls2 = await workspace({ 'openapi.yaml': twoPaths, 'users.js': "const router = require('express').Router();\nrouter.get('/users', (req, res) => res.status(418).end());\nmodule.exports = router;\n" });
  assert.deepEqual(findings(ls2, 'users.js'), []);
});

test('a route with no operation is said only when a spec describes the file\'s other routes', async () => {
  const unrelated = `openapi: 3.0.0
info: { title: Other service, version: '1' }
paths:
  /orders:
    get:
      responses: { '200': { description: OK } }
`;
  const ls = await workspace({ 'openapi.yaml': unrelated, 'app.js': EXPRESS });
  assert.deepEqual(findings(ls, 'app.js'), []);
});

test('a route outside the spec\'s family of paths (a page, a health check beside /api) is not called undocumented', async () => {
  const code = EXPRESS.replace("router.get('/health'", "app.get('/health'").replace("app.use('/api', router);", "app.use('/api', router);\napp.get('/', (req, res) => res.render('index'));");
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': code });
  assert.deepEqual(findings(ls, 'app.js'), ['code-status-undocumented@409']);
});

test('the API\'s own documentation routes beside its operations are not called undocumented (vikunja: /api/v1/docs, /api/v1/docs.json, /api/v1/docs/redoc.standalone.js)', async () => {
  const code = EXPRESS.replace("router.get('/health', (req, res) => res.status(200).end());", [
    "router.get('/docs', (req, res) => res.send(page));",
    "router.get('/docs.json', (req, res) => res.json(spec));",
    "router.get('/docs/redoc.standalone.js', (req, res) => res.send(script));",
    "router.get('/swagger-ui/index.html', (req, res) => res.send(page));",
    "router.get('/openapi.yaml', (req, res) => res.send(spec));",
    "router.get('/users/:id/avatar.png', (req, res) => res.send(image));",
    "router.get('/users/:id/documents', (req, res) => res.status(200).json([]));",
  ].join('\n'));
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': code });
  // The documents of a user are an API resource like any other: still reported.
  assert.deepEqual(findings(ls, 'app.js').filter((f) => f.startsWith('code-route')), ['code-route-undocumented@router.get']);
  assert.match(ls.doConsistency(docOf(ls, 'app.js')).find((d) => d.code === 'code-route-undocumented')!.message as string, /^GET \/api\/users\/:id\/documents has no operation/);
});

test('a route under another version of the API than the spec\'s server base is not called undocumented (vikunja: /api/v2/ws beside a spec served at /api/v1)', async () => {
  const spec = "swagger: '2.0'\ninfo: { title: t, version: '1' }\nbasePath: /api/v1\npaths:\n  /tasks:\n    get:\n      responses: { '200': { description: OK } }\n";
  const code = "const express = require('express');\nconst app = express();\napp.get('/api/v1/tasks', (req, res) => res.status(200).json([]));\napp.get('/api/v1/labels', (req, res) => res.status(200).json([]));\napp.get('/api/v2/ws', (req, res) => res.status(200).end());\n";
  const ls = await workspace({ 'swagger.yaml': spec, 'app.js': code });
  const messages = ls.doConsistency(docOf(ls, 'app.js')).filter((d) => d.code === 'code-route-undocumented').map((d) => (d.message as string).split(' has ')[0]);
  assert.deepEqual(messages, ['GET /api/v1/labels']);
});

test('a status the handler answers in several places is one finding, at the first, naming the others (photoprism: seven branches answer an undocumented 400)', async () => {
  const spec = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /avatar:\n    post:\n      responses: { '201': { description: Created } }\n";
  const code = [
    "const express = require('express');",
    'const app = express();',
    "app.post('/avatar', (req, res) => {",
    '  if (!req.body) return res.status(400).json({});',
    '  if (!req.body.file) return res.status(400).json({});',
    '  if (req.body.file.size > 1e6) return res.status(400).json({});',
    '  if (!req.user) return res.status(404).json({});',
    '  res.status(201).json({});',
    '});',
    '',
  ].join('\n');
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': code });
  const found = ls.doConsistency(docOf(ls, 'app.js')).filter((d) => d.code === 'code-status-undocumented');
  assert.deepEqual(found.map((d) => [d.range.start.line, (d.message as string).split(': clients')[0]]), [
    [3, 'This handler answers 400 Bad Request, which openapi.yaml does not document for POST /avatar'],
    [6, 'This handler answers 404 Not Found, which openapi.yaml does not document for POST /avatar'],
  ]);
  assert.match(found[0].message as string, /It does so at lines 5, 6 too\./);
  assert.deepEqual(found[0].relatedInformation!.slice(1).map((r) => [r.location.range.start.line, r.message]), [[4, 'also answers 400 here'], [5, 'also answers 400 here']]);
  assert.doesNotMatch(found[1].message as string, /too\./);
});

test('settings turn the checks off; x-stylebook-ignore on the operation silences them there', async () => {
  const off = await workspace({ 'openapi.yaml': SPEC, 'app.js': EXPRESS }, { rules: { 'code-status-undocumented': 'off', 'code-route-undocumented': 'off', 'spec-status-unanswered': 'off' } });
  assert.deepEqual(findings(off, 'app.js'), []);
  assert.deepEqual(findings(off, 'openapi.yaml'), []);
  const ignored = SPEC
    .replace('    post:\n', "    post:\n      x-stylebook-ignore: { rules: [code-status-undocumented], reason: 'the 409 is internal' }\n")
    .replace('    get:\n      responses:', "    get:\n      x-stylebook-ignore: { rules: [spec-status-unanswered], reason: 'answered by a proxy' }\n      responses:");
  const ls = await workspace({ 'openapi.yaml': ignored, 'app.js': EXPRESS });
  assert.deepEqual(findings(ls, 'app.js'), ['code-route-undocumented@router.get']);
  assert.deepEqual(findings(ls, 'openapi.yaml'), []);
  // The ids are known to the spec's own ignore-list check.
  assert.deepEqual(ls.doValidation(docOf(ls, 'openapi.yaml')).filter((d) => d.code === 'ignore-reason'), []);
});

test('a test file adds no routes to the model', async () => {
  const ls = await workspace({ 'openapi.yaml': SPEC });
  ls.updateWorkspace(ls.prepare(TextDocument.create('file:///ws/test/app.test.js', 'javascript', 1, EXPRESS)));
  assert.equal(ls.workspace.codeDocument('file:///ws/test/app.test.js'), undefined);
});
