import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../server/src/service/languageService';
import { laravelRouteFiles, springFacts } from '../../server/src/service/workspace/prefixes';
import { codeService } from './code-harness';

// Route prefixes set in another file or in configuration
// (service/workspace/prefixes.ts): each test builds a small workspace and
// reads the route table the model gives, with `(mounted?)` where the route's
// prefix is still not fully known.

const LANG: Record<string, string> = { py: 'python', js: 'javascript', ts: 'typescript', mjs: 'javascript', java: 'java', kt: 'kotlin', php: 'php', yaml: 'yaml', yml: 'yaml', properties: 'properties' };

/** A language service whose workspace model holds the given files (path → text). */
async function workspace(files: Record<string, string>): Promise<LanguageService> {
  const ls = await codeService();
  for (const [name, text] of Object.entries(files)) {
    ls.updateWorkspace(ls.prepare(TextDocument.create(`file:///ws/${name}`, LANG[name.split('.').pop()!] ?? 'plaintext', 1, text)));
  }
  return ls;
}

/** Every route of the workspace as `file: METHOD path` (with `(mounted?)` when its prefix is not fully known). */
function table(ls: LanguageService): string[] {
  return ls.workspace.codeDocuments().flatMap((doc) => ls.workspace.routes(doc).map((r) =>
    `${doc.textDocument.uri.slice('file:///ws/'.length)}: ${r.method.toUpperCase()} ${r.path ?? '<unknown>'}${r.rooted ? '' : ' (mounted?)'}`));
}

const USERS = `
const express = require('express');
const router = express.Router();
router.get('/:id', (req, res) => res.status(200).json({}));
module.exports = router;
`;

test('Express: a router required by the app file takes the mount\'s path and is rooted', async () => {
  const ls = await workspace({
    'app.js': `
const express = require('express');
const app = express();
app.use(express.json());
app.use('/api/users', require('./routes/users'));
`,
    'routes/users.js': USERS,
  });
  assert.deepEqual(table(ls), ['routes/users.js: GET /api/users/:id']);
});

test('Express: nested mounts across three files, by variable, ES import and index.js', async () => {
  const ls = await workspace({
    'src/app.ts': `
import express from 'express';
import api from './routes';
const app = express();
app.use('/api', api);
export default app;
`,
    'src/routes/index.ts': `
import { Router } from 'express';
import usersRouter from './users.js';
const { itemsRouter } = require('./items');
const router = Router();
router.use('/users', usersRouter);
router.use('/items', itemsRouter);
export default router;
`,
    'src/routes/users.ts': `
import { Router } from 'express';
const router = Router();
router.get('/:id', (req, res) => res.status(200).json({}));
export default router;
`,
    'src/routes/items.js': `
const itemsRouter = require('express').Router();
itemsRouter.post('/', (req, res) => res.status(201).json({}));
module.exports = { itemsRouter };
`,
  });
  assert.deepEqual(table(ls), ['src/routes/items.js: POST /api/items', 'src/routes/users.ts: GET /api/users/:id']);
});

test('Express: a router mounted at the root by `app.use(router)` in another file', async () => {
  const ls = await workspace({
    'app.js': `const app = require('express')(); const express = require('express');\nconst server = express();\nserver.use(require('./routes'));\n`,
    'routes/index.js': `const router = require('express').Router();\nrouter.use('/api', require('./api'));\nmodule.exports = router;\n`,
    'routes/api/index.js': `const router = require('express').Router();\nrouter.get('/tags', (req, res) => res.sendStatus(200));\nmodule.exports = router;\n`,
  });
  assert.deepEqual(table(ls), ['routes/api/index.js: GET /api/tags']);
});

test('Express: routers mounted in a chain, and a router made in the default export itself', async () => {
  const ls = await workspace({
    'src/main.ts': `import express from 'express';\nimport routes from './app/routes/routes';\nconst app = express();\napp.use(cors());\napp.use(routes);\n`,
    'src/app/routes/routes.ts': `import { Router } from 'express';\nimport tagsController from './tag/tag.controller';\nconst api = Router()\n  .use(tagsController);\n\nexport default Router().use('/api', api);\n`,
    'src/app/routes/tag/tag.controller.ts': `import { Router } from 'express';\nconst router = Router();\nrouter.get('/tags', async (req, res) => { res.status(200).json({}); });\nexport default router;\n`,
  });
  assert.deepEqual(table(ls), ['src/app/routes/tag/tag.controller.ts: GET /api/tags']);
});

test('Express: mounted twice, under a variable, or by a parent we cannot place: the prefix stays unknown', async () => {
  const twice = await workspace({
    'app.js': `const express = require('express');\nconst app = express();\napp.use('/v1/users', require('./users'));\napp.use('/v2/users', require('./users'));\n`,
    'users.js': USERS,
  });
  assert.deepEqual(table(twice), ['users.js: GET /:id (mounted?)']);
  const variable = await workspace({
    'app.js': `const express = require('express');\nconst app = express();\nconst base = process.env.BASE;\napp.use(base, require('./users'));\n`,
    'users.js': USERS,
  });
  assert.deepEqual(table(variable), ['users.js: GET /:id (mounted?)']);
  // An imported name in front of the router may be a path constant as well as a middleware: not read.
  const imported = await workspace({
    'app.js': `const express = require('express');\nconst { API_PREFIX } = require('./config');\nconst app = express();\napp.use(API_PREFIX, require('./users'));\n`,
    'config.js': `module.exports = { API_PREFIX: '/api' };\n`,
    'users.js': USERS,
  });
  assert.deepEqual(table(imported), ['users.js: GET /:id (mounted?)']);
  // Mounted once by a function's parameter: the mount's path is known, what is above it is not.
  const param = await workspace({
    'routes.js': `module.exports = (app) => {\n  app.use('/users', require('./users'));\n};\n`,
    'users.js': USERS,
  });
  assert.deepEqual(table(param), ['users.js: GET /users/:id (mounted?)']);
  // A router mounted in its own file and again by another file is in two places.
  const both = await workspace({
    'app.js': `const express = require('express');\nconst app = express();\napp.use('/x', require('./api').usersRouter);\n`,
    'api.js': `const express = require('express');\nconst api = express.Router();\nconst usersRouter = express.Router();\nusersRouter.get('/:id', (req, res) => res.sendStatus(200));\napi.use('/users', usersRouter);\nmodule.exports = { api, usersRouter };\n`,
  });
  assert.deepEqual(table(both), ['api.js: GET /users/:id (mounted?)']);
});

test('Express: a sub-application mounted by another file is no longer served at the root', async () => {
  const ls = await workspace({
    'app.js': `const express = require('express');\nconst app = express();\napp.use('/admin', require('./admin'));\n`,
    'admin.js': `const express = require('express');\nconst adminApp = express();\nadminApp.get('/stats', (req, res) => res.sendStatus(200));\nmodule.exports = adminApp;\n`,
  });
  assert.deepEqual(table(ls), ['admin.js: GET /admin/stats']);
});

test('koa-router: the router\'s own prefix option is read, then its mount', async () => {
  const ls = await workspace({
    'users.js': `const Router = require('@koa/router');\nconst router = new Router({ prefix: '/users' });\nrouter.get('/:id', (ctx) => { ctx.status = 200; });\nmodule.exports = router;\n`,
    'other.js': `const Router = require('@koa/router');\nconst router = new Router({ prefix: PREFIX });\nrouter.get('/:id', (ctx) => { ctx.status = 200; });\n`,
  });
  assert.deepEqual(table(ls), ['other.js: GET <unknown> (mounted?)', 'users.js: GET /users/:id (mounted?)']);
});

test('FastAPI: routers included by other modules, by absolute and relative module names', async () => {
  const files = (prefix: string) => ({
    'backend/app/main.py': `from fastapi import FastAPI\nfrom app.api.main import api_router\napp = FastAPI()\napp.include_router(api_router, prefix=${prefix})\n`,
    'backend/app/api/main.py': `from fastapi import APIRouter\nfrom app.api.routes import items\nfrom .routes.login import router as login_router\napi_router = APIRouter()\napi_router.include_router(items.router)\napi_router.include_router(login_router, prefix="/login")\n`,
    'backend/app/api/routes/items.py': `from fastapi import APIRouter, HTTPException\nrouter = APIRouter(prefix="/items")\n@router.get("/{id}")\ndef read_item(id: int):\n    raise HTTPException(status_code=404)\n`,
    'backend/app/api/routes/login.py': `from fastapi import APIRouter\nrouter = APIRouter()\n@router.post("/access-token")\ndef login():\n    return {}\n`,
  });
  assert.deepEqual(table(await workspace(files('"/api/v1"'))), [
    'backend/app/api/routes/items.py: GET /api/v1/items/{id}', 'backend/app/api/routes/login.py: POST /api/v1/login/access-token',
  ]);
  // The application's prefix from settings: what is below it is known, the rest is not.
  assert.deepEqual(table(await workspace(files('settings.API_V1_STR'))), [
    'backend/app/api/routes/items.py: GET /items/{id} (mounted?)', 'backend/app/api/routes/login.py: POST /login/access-token (mounted?)',
  ]);
});

const CONTROLLER = `
import { Controller, Get } from '@nestjs/common';
@Controller('cats')
export class CatsController {
  @Get(':id')
  findOne() { return {}; }
  @Get()
  health() { return {}; }
}
`;

test('NestJS: setGlobalPrefix in main.ts prefixes every controller; a plain exclude list is honoured', async () => {
  const ls = await workspace({
    'src/main.ts': `
import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'cats', method: RequestMethod.GET }] });
  await app.listen(3000);
}
bootstrap();
`,
    'src/cats/cats.controller.ts': CONTROLLER,
  });
  assert.deepEqual(table(ls), ['src/cats/cats.controller.ts: GET /api/v1/cats/:id', 'src/cats/cats.controller.ts: GET /cats']);
  // Without setGlobalPrefix the controllers are served at the root.
  const plain = await workspace({ 'src/main.ts': `const app = await NestFactory.create(AppModule);\nawait app.listen(3000);\n`, 'src/cats/cats.controller.ts': CONTROLLER });
  assert.deepEqual(table(plain), ['src/cats/cats.controller.ts: GET /cats/:id', 'src/cats/cats.controller.ts: GET /cats']);
});

test('NestJS: a prefix that is not a literal, versioning, a pattern in exclude or RouterModule leave controllers unplaced', async () => {
  const cases = [
    `app.setGlobalPrefix(process.env.PREFIX);`,
    `app.setGlobalPrefix('api');\napp.enableVersioning({ type: VersioningType.URI });`,
    `app.setGlobalPrefix('api', { exclude: ['cats/(.*)'] });`,
  ];
  for (const body of cases) {
    const ls = await workspace({ 'src/main.ts': `const app = await NestFactory.create(AppModule);\n${body}\n`, 'src/cats/cats.controller.ts': CONTROLLER });
    assert.deepEqual(table(ls), ['src/cats/cats.controller.ts: GET /cats/:id (mounted?)', 'src/cats/cats.controller.ts: GET /cats (mounted?)'], body);
  }
  const router = await workspace({
    'src/main.ts': `const app = await NestFactory.create(AppModule);\napp.setGlobalPrefix('api');\n`,
    'src/app.module.ts': `@Module({ imports: [RouterModule.register([{ path: 'admin', module: AdminModule }])] })\nexport class AppModule {}\n`,
    'src/cats/cats.controller.ts': CONTROLLER,
  });
  assert.deepEqual(table(router), ['src/cats/cats.controller.ts: GET /cats/:id (mounted?)', 'src/cats/cats.controller.ts: GET /cats (mounted?)']);
  // The prefix set by a helper the bootstrap calls.
  const helper = await workspace({
    'src/main.ts': `const app = await NestFactory.create(AppModule);\nconfigureApp(app);\n`,
    'src/setup.ts': `export function configureApp(app) {\n  app.setGlobalPrefix('api');\n}\n`,
    'src/cats/cats.controller.ts': CONTROLLER,
  });
  assert.deepEqual(table(helper), ['src/cats/cats.controller.ts: GET /cats/:id (mounted?)', 'src/cats/cats.controller.ts: GET /cats (mounted?)']);
  // Two applications of a monorepo: each controller takes its own application's prefix.
  const mono = await workspace({
    'apps/a/src/main.ts': `const app = await NestFactory.create(A);\napp.setGlobalPrefix('a');\n`,
    'apps/b/src/main.ts': `const app = await NestFactory.create(B);\napp.setGlobalPrefix('b');\n`,
    'apps/b/src/cats.controller.ts': CONTROLLER,
    'libs/shared/cats.controller.ts': CONTROLLER,
  });
  assert.deepEqual(table(mono), [
    'apps/b/src/cats.controller.ts: GET /b/cats/:id', 'apps/b/src/cats.controller.ts: GET /b/cats',
    'libs/shared/cats.controller.ts: GET /cats/:id (mounted?)', 'libs/shared/cats.controller.ts: GET /cats (mounted?)',
  ]);
  // A library's controller in a monorepo whose applications share one prefix takes it.
  const shared = await workspace({
    'apps/a/src/main.ts': `const app = await NestFactory.create(A);\napp.setGlobalPrefix('api');\n`,
    'apps/b/src/main.ts': `const app = await NestFactory.create(B);\napp.setGlobalPrefix('api');\n`,
    'libs/shared/cats.controller.ts': CONTROLLER,
  });
  assert.deepEqual(table(shared), ['libs/shared/cats.controller.ts: GET /api/cats/:id', 'libs/shared/cats.controller.ts: GET /api/cats']);
});

const OWNER = `
package org.example;
@RestController
@RequestMapping("/api/owners")
public class OwnerController {
  @GetMapping("/{id}")
  public Owner get(@PathVariable int id) { return null; }
}
`;

test('Spring: the context path of application.properties or application.yml prefixes the module\'s controllers', async () => {
  const props = await workspace({
    'petclinic/src/main/resources/application.properties': `# the server\nserver.port=9966\nserver.servlet.context-path=/petclinic/\n`,
    'petclinic/src/main/java/org/example/OwnerController.java': OWNER,
    'other/src/main/java/org/example/OwnerController.java': OWNER,
  });
  assert.deepEqual(table(props), [
    'other/src/main/java/org/example/OwnerController.java: GET /api/owners/{id} (mounted?)',
    'petclinic/src/main/java/org/example/OwnerController.java: GET /petclinic/api/owners/{id}',
  ]);
  const yml = await workspace({
    'src/main/resources/application.yml': `server:\n  servlet:\n    context-path: /ctx\nspring:\n  mvc:\n    servlet:\n      path: /mvc\n`,
    'src/main/java/org/example/OwnerController.java': OWNER,
  });
  assert.deepEqual(table(yml), ['src/main/java/org/example/OwnerController.java: GET /ctx/mvc/api/owners/{id}']);
});

test('Spring: a placeholder, a profile document, or two files that disagree leave the controllers unplaced', () => {
  assert.deepEqual(springFacts('x/application.properties', 'server.servlet.contextPath=${BASE:/api}\n'), { contextPath: null });
  assert.deepEqual(springFacts('x/application.properties', 'server.servlet.context-path = /api\n'), { contextPath: '/api' });
  assert.deepEqual(springFacts('x/application.yml', 'spring:\n  config:\n    activate:\n      on-profile: prod\nserver:\n  servlet:\n    context-path: /prod\n'), {});
  assert.deepEqual(springFacts('x/application.yaml', 'server.servlet.context-path: /flat\n'), { contextPath: '/flat' });
});

test('Laravel: route groups prefix their routes; routes/api.php is served under /api by convention or as the provider says', async () => {
  const routes = `<?php
Route::get('/status', [StatusController::class, 'show']);
Route::prefix('admin')->middleware('auth')->group(function () {
    Route::get('/users', [UserController::class, 'index']);
    Route::group(['prefix' => 'v1'], function () {
        Route::post('items', [ItemController::class, 'store']);
    });
});
`;
  const convention = await workspace({ 'routes/api.php': routes, 'routes/web.php': `<?php\nRoute::get('/', fn () => view('welcome'));\n`, 'routes/auth.php': `<?php\nRoute::get('/login', [A::class, 'b']);\n` });
  assert.deepEqual(table(convention), [
    'routes/api.php: GET /api/status', 'routes/api.php: GET /api/admin/users', 'routes/api.php: POST /api/admin/v1/items',
    'routes/auth.php: GET /login (mounted?)', 'routes/web.php: GET /',
  ]);
  const provider = await workspace({
    'routes/api.php': routes,
    'app/Providers/RouteServiceProvider.php': `<?php\nclass RouteServiceProvider {\n  public function boot() {\n    $this->routes(function () {\n      Route::middleware('api')\n        ->prefix('api/v2')\n        ->group(base_path('routes/api.php'));\n    });\n  }\n}\n`,
  });
  assert.deepEqual(table(provider).slice(0, 1), ['routes/api.php: GET /api/v2/status']);
  assert.deepEqual(laravelRouteFiles(`<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n  ->withRouting(web: __DIR__.'/../routes/web.php', api: __DIR__.'/../routes/api.php', apiPrefix: 'v3')\n  ->create();\n`),
    [{ file: 'routes/web.php', prefix: '' }, { file: 'routes/api.php', prefix: 'v3' }]);
  assert.deepEqual(laravelRouteFiles(`Route::prefix($prefix)->group(base_path('routes/api.php'));`), [{ file: 'routes/api.php', prefix: null }]);
});

test('a mismatch is found, or not, because of the prefix another file sets', async () => {
  const spec = `openapi: 3.0.0
info: { title: t, version: '1' }
paths:
  /api/users/{id}:
    get:
      responses:
        '200': { description: ok }
  /admin/users/{id}:
    get:
      responses:
        '200': { description: ok }
        '404': { description: missing }
`;
  const users = `const router = require('express').Router();\nrouter.get('/users/:id', (req, res) => res.status(404).json({}));\nmodule.exports = router;\n`;
  // Unmounted, the route's tail fits two operations: silence.
  const alone = await workspace({ 'openapi.yaml': spec, 'users.js': users });
  assert.deepEqual(alone.doConsistency(alone.workspace.codeDocument('file:///ws/users.js')!).map((d) => d.code), []);
  // Mounted under /api by the app, it is GET /api/users/{id}, which does not document 404.
  const ls = await workspace({ 'openapi.yaml': spec, 'users.js': users, 'app.js': `const express = require('express');\nconst app = express();\napp.use('/api', require('./users'));\n` });
  const doc = ls.workspace.codeDocument('file:///ws/users.js')!;
  assert.deepEqual(ls.doConsistency(doc).map((d) => `${d.code}@${doc.textDocument.getText(d.range)}`), ['code-status-undocumented@404']);
});
