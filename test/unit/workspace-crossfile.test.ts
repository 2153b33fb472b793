import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../server/src/service/languageService';
import { codeService } from './code-harness';
import { SUMMARY_KEY } from '../../server/src/service/workspace/summary';

// Statuses another file decides (workspace/crossfile.ts): exception classes
// and helpers declared in one file and used in a handler of another, Spring
// advice, and controllers implementing interfaces generated from the spec.

const LANG: Record<string, string> = { js: 'javascript', ts: 'typescript', py: 'python', java: 'java', kt: 'kotlin', go: 'go', php: 'php', yaml: 'yaml' };

/** A language service whose workspace model holds the given files (path → text). */
async function workspace(files: Record<string, string>): Promise<LanguageService> {
  const ls = await codeService();
  for (const [name, text] of Object.entries(files)) {
    ls.updateWorkspace(ls.prepare(TextDocument.create(`file:///ws/${name}`, LANG[name.split('.').pop()!], 1, text)));
  }
  return ls;
}

/** The routes of one file as `METHOD path [statuses]` (a `?` when the handler is not fully understood). */
function routes(ls: LanguageService, name: string): string[] {
  const doc = ls.workspace.codeDocument(`file:///ws/${name}`);
  assert.ok(doc, `${name} is not in the workspace model`);
  return ls.workspace.routes(doc).map((r) => `${r.method.toUpperCase()} ${r.path ?? '<unknown>'} [${r.statuses.map((s) => s.code).join(',')}]${r.understood ? '' : '?'}`);
}

/** The consistency diagnostics of one file as `rule@text`. */
function findings(ls: LanguageService, name: string): string[] {
  const uri = `file:///ws/${name}`;
  const doc = ls.workspace.spec(uri) ?? ls.workspace.codeDocument(uri);
  assert.ok(doc);
  return ls.doConsistency(doc).map((d) => `${d.code}@${doc.textDocument.getText(d.range)}`);
}

const JAVA_CONTROLLER = `package com.shop.web;

import com.shop.errors.OrderNotFound;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/orders")
public class OrderController {
  @GetMapping("/{id}")
  public ResponseEntity<Order> get(@PathVariable int id) {
    if (id < 0) throw new OrderNotFound();
    return ResponseEntity.ok().build();
  }
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable int id) {
    if (id < 0) throw new Conflict();
    return ResponseEntity.noContent().build();
  }
}
`;

test('Java: an exception class of another package (imported) and of the same package answer their @ResponseStatus', async () => {
  const ls = await workspace({
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER,
    'src/com/shop/errors/OrderNotFound.java': 'package com.shop.errors;\n\n@ResponseStatus(HttpStatus.NOT_FOUND)\npublic class OrderNotFound extends RuntimeException {}\n',
    'src/com/shop/web/Conflict.java': 'package com.shop.web;\n\n@ResponseStatus(code = HttpStatus.CONFLICT)\nclass Conflict extends RuntimeException {}\n',
  });
  assert.deepEqual(routes(ls, 'src/com/shop/web/OrderController.java'), ['GET /orders/{id} [404,200]', 'DELETE /orders/{id} [409,204]']);
});

test('Java: without the class in the workspace, or with two classes of that name the handler could mean, nothing is guessed', async () => {
  const alone = await workspace({ 'src/com/shop/web/OrderController.java': JAVA_CONTROLLER });
  assert.deepEqual(routes(alone, 'src/com/shop/web/OrderController.java'), ['GET /orders/{id} [200]?', 'DELETE /orders/{id} [204]?']);
  // The import names com.shop.errors; a class of the same name in another package does not count.
  const elsewhere = await workspace({
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER,
    'src/com/other/OrderNotFound.java': 'package com.other;\n\n@ResponseStatus(HttpStatus.GONE)\npublic class OrderNotFound extends RuntimeException {}\n',
  });
  assert.deepEqual(routes(elsewhere, 'src/com/shop/web/OrderController.java'), ['GET /orders/{id} [200]?', 'DELETE /orders/{id} [204]?']);
});

test('Spring: a @RestControllerAdvice maps an exception class to its status, ahead of the class\'s own; a catch-all of unknown status makes it unknown', async () => {
  const files = {
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER,
    'src/com/shop/errors/OrderNotFound.java': 'package com.shop.errors;\n\npublic class OrderNotFound extends RuntimeException {}\n',
    'src/com/shop/web/Conflict.java': 'package com.shop.web;\n\n@ResponseStatus(HttpStatus.CONFLICT)\nclass Conflict extends RuntimeException {}\n',
    'src/com/shop/web/Advice.java': `package com.shop.web;

import com.shop.errors.OrderNotFound;

@RestControllerAdvice
public class Advice {
  @ExceptionHandler(OrderNotFound.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  public ErrorDto missing(OrderNotFound e) { return new ErrorDto(e.getMessage()); }

  @ExceptionHandler({ Conflict.class })
  public ResponseEntity<ErrorDto> conflict(Conflict e) { return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(null); }
}
`,
  };
  const ls = await workspace(files);
  assert.deepEqual(routes(ls, 'src/com/shop/web/OrderController.java'), ['GET /orders/{id} [404,200]', 'DELETE /orders/{id} [412,204]']);
  const catchAll = await workspace({
    ...files,
    'src/com/shop/web/Advice.java': 'package com.shop.web;\n\n@ControllerAdvice\npublic class Advice {\n  @ExceptionHandler(Exception.class)\n  public ResponseEntity<ErrorDto> any(Exception e) { return ResponseEntity.status(statusOf(e)).build(); }\n}\n',
  });
  assert.deepEqual(routes(catchAll, 'src/com/shop/web/OrderController.java'), ['GET /orders/{id} [200]?', 'DELETE /orders/{id} [204]?']);
  // A controller's own @ExceptionHandler decides before any advice or annotation.
  const local = await workspace({
    ...files,
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER.replace(/\n}\n$/, '\n  @ExceptionHandler(OrderNotFound.class)\n  public ResponseEntity<Void> missing() { return ResponseEntity.status(HttpStatus.GONE).build(); }\n}\n'),
  });
  assert.deepEqual(routes(local, 'src/com/shop/web/OrderController.java'), ['GET /orders/{id} [200]?', 'DELETE /orders/{id} [204]?']);
});

test('Kotlin: a ResponseStatusException subclass and an annotated class of another file', async () => {
  const ls = await workspace({
    'src/shop/OwnerController.kt': `package shop

import shop.errors.OwnerNotFound

@RestController
@RequestMapping("/owners")
class OwnerController {
    @GetMapping("/{id}")
    fun find(@PathVariable id: Int): ResponseEntity<Owner> {
        if (id < 0) throw OwnerNotFound(id)
        if (id == 0) throw Taken()
        return ResponseEntity.ok().build()
    }
}
`,
    'src/shop/errors/Errors.kt': 'package shop.errors\n\nclass OwnerNotFound(id: Int) : ResponseStatusException(HttpStatus.NOT_FOUND, "no owner $id")\n',
    'src/shop/Taken.kt': 'package shop\n\n@ResponseStatus(HttpStatus.CONFLICT)\nclass Taken : RuntimeException("taken")\n',
  });
  assert.deepEqual(routes(ls, 'src/shop/OwnerController.kt'), ['GET /owners/{id} [404,409,200]']);
});

test('NestJS: an exception class extending NotFoundException, imported through a barrel; an HttpException subclass with its own status', async () => {
  const ls = await workspace({
    'src/users/users.controller.ts': `import { Controller, Get, Delete, Param } from '@nestjs/common';
import { UserNotFound, Locked } from '../common/errors';

@Controller('users')
export class UsersController {
  @Get(':id')
  get(@Param('id') id: string) {
    if (!id) throw new UserNotFound(id);
    return { id };
  }
  @Delete(':id')
  remove(@Param('id') id: string) {
    throw new Locked();
  }
}
`,
    'src/common/errors/index.ts': "export * from './not-found';\nexport { Locked } from './locked';\n",
    'src/common/errors/not-found.ts': "import { NotFoundException } from '@nestjs/common';\n\nexport class UserNotFound extends NotFoundException {\n  constructor(id: string) { super(`No user ${id}`); }\n}\n",
    'src/common/errors/locked.ts': "import { HttpException } from '@nestjs/common';\n\nexport class Locked extends HttpException {\n  constructor() { super('locked', 423); }\n}\n",
  });
  assert.deepEqual(routes(ls, 'src/users/users.controller.ts'), ['GET /users/:id [200,404]', 'DELETE /users/:id [200,423]']);
});

test('Express: a project HttpError(status) base, its subclasses, and a helper of another file whose parameter is the status', async () => {
  const ls = await workspace({
    'src/routes/users.js': `const express = require('express');
const { NotFoundError, HttpError } = require('../errors');
const { sendError } = require('../util/respond');
const app = express();
app.get('/users/:id', (req, res) => {
  if (!req.params.id) throw new NotFoundError('no user');
  if (req.query.x) throw new HttpError(409, 'taken');
  if (req.query.y) return sendError(res, 'gone', 410);
  res.status(200).json({});
});
app.get('/users', (req, res) => {
  if (req.query.z) return sendError(res, 'bad', req.query.code);
  res.status(200).json([]);
});
`,
    'src/errors.js': `class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
class NotFoundError extends HttpError {
  constructor(message) { super(404, message); }
}
module.exports = { HttpError, NotFoundError };
`,
    'src/util/respond.js': 'function sendError(res, message, status) {\n  return res.status(status).json({ message });\n}\nmodule.exports = { sendError };\n',
  });
  assert.deepEqual(routes(ls, 'src/routes/users.js'), ['GET /users/:id [404,409,410,200]', 'GET /users [200]?']);
});

test('FastAPI: an HTTPException subclass imported from the project\'s module; a DRF subclass that changes its status is not read', async () => {
  const ls = await workspace({
    'app/api/items.py': `from fastapi import APIRouter
from app.core.errors import ItemMissing, Gone

router = APIRouter()

@router.get("/items/{item_id}")
async def read_item(item_id: int):
    if item_id < 0:
        raise ItemMissing()
    return {"id": item_id}

@router.delete("/items/{item_id}")
async def delete_item(item_id: int):
    raise Gone()
`,
    'app/core/errors.py': `from fastapi import HTTPException
from rest_framework.exceptions import NotFound


class ItemMissing(HTTPException):
    def __init__(self):
        super().__init__(status_code=404, detail="no item")


class Gone(NotFound):
    status_code = 410
`,
  });
  assert.deepEqual(routes(ls, 'app/api/items.py'), ['GET /items/{item_id} [200,404]', 'DELETE /items/{item_id} [200]?']);
});

test('Go: a helper of another file of the same package', async () => {
  const ls = await workspace({
    'api/handlers.go': `package api

func Register() {
	r := gin.Default()
	r.GET("/users/:id", getUser)
}

func getUser(c *gin.Context) {
	respondError(c, http.StatusNotFound, "no user")
}
`,
    'api/respond.go': 'package api\n\nfunc respondError(c *gin.Context, status int, msg string) {\n\tc.JSON(status, gin.H{"error": msg})\n}\n',
    'other/respond.go': 'package other\n\nfunc respondError(c *gin.Context, msg string, status int) {\n\tc.JSON(status, gin.H{"error": msg})\n}\n',
  });
  assert.deepEqual(routes(ls, 'api/handlers.go'), ['GET /users/:id [404]']);
});

const OWNERS_SPEC = `openapi: 3.0.1
info: { title: Petclinic, version: '1' }
paths:
  /owners/{ownerId}:
    get:
      operationId: getOwner
      responses:
        '200': { description: OK }
        '404': { description: Not found }
    delete:
      operationId: deleteOwner
      responses:
        '204': { description: Deleted }
        '404': { description: Not found }
        '410': { description: Gone }
`;

const OWNERS_CONTROLLER = `package org.petclinic.rest;

@RestController
@RequestMapping("/api")
public class OwnerRestController implements OwnersApi {
    @Override
    public ResponseEntity<OwnerDto> getOwner(Integer ownerId) {
        if (ownerId < 0) return new ResponseEntity<>(HttpStatus.NOT_FOUND);
        return new ResponseEntity<>(ownerId, HttpStatus.OK);
    }

    @Override
    public ResponseEntity<Void> deleteOwner(Integer ownerId) {
        if (ownerId < 0) throw new OwnerMissing();
        return new ResponseEntity<>(HttpStatus.NO_CONTENT);
    }

    @Override
    public ResponseEntity<Void> notInTheSpec() { return ResponseEntity.ok().build(); }
}
`;

test('Spring: a controller implementing a generated *Api interface serves the operations its methods are named after', async () => {
  const ls = await workspace({
    'openapi.yaml': OWNERS_SPEC,
    'src/org/petclinic/rest/OwnerRestController.java': OWNERS_CONTROLLER,
    'src/org/petclinic/rest/OwnerMissing.java': 'package org.petclinic.rest;\n\n@ResponseStatus(HttpStatus.NOT_FOUND)\npublic class OwnerMissing extends RuntimeException {}\n',
  });
  assert.deepEqual(routes(ls, 'src/org/petclinic/rest/OwnerRestController.java'), ['GET /owners/{ownerId} [404,200]', 'DELETE /owners/{ownerId} [404,204]']);
  // Both handlers are fully understood: the spec's 410 is answered by no one.
  assert.deepEqual(findings(ls, 'openapi.yaml'), ['spec-status-unanswered@\'410\'']);
  // With the interface in the workspace (not generated at build time), its own mappings say where the routes are.
  const declared = await workspace({
    'openapi.yaml': OWNERS_SPEC,
    'src/org/petclinic/rest/OwnerRestController.java': OWNERS_CONTROLLER,
    'src/org/petclinic/api/OwnersApi.java': 'package org.petclinic.api;\n\npublic interface OwnersApi {\n  ResponseEntity<OwnerDto> getOwner(Integer ownerId);\n}\n',
  });
  assert.deepEqual(routes(declared, 'src/org/petclinic/rest/OwnerRestController.java'), []);
  const mapped = await workspace({
    'openapi.yaml': OWNERS_SPEC,
    'src/org/petclinic/rest/OwnerRestController.java': OWNERS_CONTROLLER.replace('return new ResponseEntity<>(HttpStatus.NO_CONTENT);', 'return new ResponseEntity<>(HttpStatus.GONE);'),
    'src/org/petclinic/api/OwnersApi.java': `package org.petclinic.api;

public interface OwnersApi {
  @GetMapping("/owners/{ownerId}")
  default ResponseEntity<OwnerDto> getOwner(@PathVariable Integer ownerId) { return new ResponseEntity<>(HttpStatus.NOT_IMPLEMENTED); }
  @DeleteMapping("/owners/{ownerId}")
  ResponseEntity<Void> deleteOwner(@PathVariable Integer ownerId);
}
`,
  });
  assert.deepEqual(routes(mapped, 'src/org/petclinic/api/OwnersApi.java'), []);
  assert.deepEqual(routes(mapped, 'src/org/petclinic/rest/OwnerRestController.java'), ['GET /owners/{ownerId} [404,200]', 'DELETE /owners/{ownerId} [410]?']);
});

test('consistency: a 404 thrown through another file\'s class is undocumented; a layered handler, fully understood, leaves a documented status unanswered', async () => {
  const spec = `openapi: 3.0.0
info: { title: T, version: '1' }
paths:
  /users/{id}:
    get:
      responses:
        '200': { description: OK }
        '409': { description: Conflict }
`;
  const ls = await workspace({
    'openapi.yaml': spec,
    'src/app.js': `const express = require('express');
const { NotFoundError } = require('./errors');
const app = express();
app.get('/users/:id', (req, res) => {
  if (!req.params.id) throw new NotFoundError('no user');
  res.status(200).json({});
});
`,
    'src/errors.js': 'class NotFoundError extends Error {\n  constructor(message) { super(message); this.status = 404; }\n}\nmodule.exports = { NotFoundError };\n',
  });
  assert.deepEqual(findings(ls, 'src/app.js'), ['code-status-undocumented@new NotFoundError']);
  assert.deepEqual(findings(ls, 'openapi.yaml'), ['spec-status-unanswered@\'409\'']);
  // An edit to the class's file changes the answer without touching the handler's file.
  ls.updateWorkspace(ls.prepare(TextDocument.create('file:///ws/src/errors.js', 'javascript', 2, 'class NotFoundError extends Error {\n  constructor(message) { super(message); this.status = 409; }\n}\nmodule.exports = { NotFoundError };\n')));
  assert.deepEqual(findings(ls, 'src/app.js'), []);
  assert.deepEqual(findings(ls, 'openapi.yaml'), []);
});

test('helpers of another file: a base controller\'s method (NestJS) and a module function (FastAPI), called with a literal status', async () => {
  const ls = await workspace({
    'src/users.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { BaseController } from './base.controller';

@Controller('users')
export class UsersController extends BaseController {
  @Get(':id')
  get(@Param('id') id: string) {
    if (!id) return this.fail(404, 'no user');
    return { id };
  }
}
`,
    'src/base.controller.ts': `import { HttpException } from '@nestjs/common';

export class BaseController {
  protected fail(status: number, message: string): never {
    throw new HttpException(message, status);
  }
}
`,
    'app/api/routes.py': `from fastapi import APIRouter
from app.api.responses import error_response

router = APIRouter()

@router.get("/items/{item_id}")
async def read_item(item_id: int):
    if item_id < 0:
        return error_response("no item", 404)
    return {"id": item_id}
`,
    'app/api/responses.py': 'from fastapi.responses import JSONResponse\n\n\ndef error_response(message, status):\n    return JSONResponse({"detail": message}, status_code=status)\n',
  });
  assert.deepEqual(routes(ls, 'src/users.controller.ts'), ['GET /users/:id [200,404]']);
  // An explicit success status elsewhere would make FastAPI's default unknown; a 404 leaves it.
  assert.deepEqual(routes(ls, 'app/api/routes.py'), ['GET /items/{item_id} [200,404]']);
});

test('a handler that calls a service is not understood, but its throws of classes of other files still give their statuses', async () => {
  const ls = await workspace({
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER.replace('if (id < 0) throw new OrderNotFound();', 'return orders.findById(id).map(o -> ResponseEntity.ok().build()).orElseThrow(() -> new OrderNotFound());'),
    'src/com/shop/errors/OrderNotFound.java': 'package com.shop.errors;\n\n@ResponseStatus(HttpStatus.NOT_FOUND)\npublic class OrderNotFound extends RuntimeException {}\n',
  });
  assert.deepEqual(routes(ls, 'src/com/shop/web/OrderController.java')[0], 'GET /orders/{id} [200,404,200]?');
  // The same with a constructor reference, Spring code's usual way.
  const ref = await workspace({
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER.replace('if (id < 0) throw new OrderNotFound();', 'return orders.findById(id).map(this::view).orElseThrow(OrderNotFound::new);'),
    'src/com/shop/errors/OrderNotFound.java': 'package com.shop.errors;\n\n@ResponseStatus(HttpStatus.NOT_FOUND)\npublic class OrderNotFound extends RuntimeException {}\n',
  });
  assert.deepEqual(routes(ref, 'src/com/shop/web/OrderController.java')[0], 'GET /orders/{id} [404,200]?');
});

test('a closed file keeps its routes and facts without its syntax tree, and resolving against it parses nothing', async () => {
  const ls = await workspace({
    'src/app.js': "const express = require('express');\nconst { Gone } = require('./errors');\nconst app = express();\napp.get('/x', (req, res) => { throw new Gone(); });\n",
    'src/errors.js': 'class Gone extends Error {\n  constructor() { super(); this.status = 410; }\n}\nmodule.exports = { Gone };\n',
  });
  for (const doc of ls.workspace.codeDocuments()) {
    // All the model keeps of a file read from disk is its summary (workspaceSync.ts).
    ls.summarize(doc);
    for (const key of [...doc.memo.keys()]) if (key !== SUMMARY_KEY) doc.memo.delete(key);
  }
  assert.deepEqual(routes(ls, 'src/app.js'), ['GET /x [410]']);
  for (const doc of ls.workspace.codeDocuments()) assert.deepEqual([...doc.memo.keys()], [SUMMARY_KEY]);
});
