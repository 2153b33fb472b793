import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../server/src/service/languageService';
import { crossFileStatusHover } from '../../server/src/service/workspace/hover';
import { codeService } from './code-harness';

// The status card for a status another file decides (workspace/hover.ts
// crossFileStatusHover): only what the workspace model resolved for sure.

const LANG: Record<string, string> = { ts: 'typescript', java: 'java', go: 'go' };

/** A language service whose workspace model holds the given files (path → text), each at version 1. */
async function workspace(files: Record<string, string>): Promise<LanguageService> {
  const ls = await codeService();
  for (const [name, text] of Object.entries(files)) {
    ls.updateWorkspace(ls.prepare(TextDocument.create(`file:///ws/${name}`, LANG[name.split('.').pop()!], 1, text)));
  }
  return ls;
}

/** The hover's Markdown and range at the first occurrence of `at` in a file (the cursor one character into it), or null. */
function hoverAt(ls: LanguageService, name: string, text: string, at: string, version = 1): { value: string; range: string } | null {
  const offset = text.indexOf(at);
  assert.ok(offset >= 0, `${at} is not in ${name}`);
  const td = TextDocument.create(`file:///ws/${name}`, 'x', version, text);
  const hover = crossFileStatusHover(ls.workspace, td.uri, version, td.positionAt(offset + 1), ls.catalog, ls.settings);
  if (!hover) return null;
  const r = hover.range!;
  return { value: (hover.contents as { value: string }).value, range: text.slice(td.offsetAt(r.start), td.offsetAt(r.end)) };
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

test('Java: a throw of an exception class whose @ResponseStatus is in another file gets the status card, naming that file', async () => {
  const ls = await workspace({
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER,
    'src/com/shop/errors/OrderNotFound.java': 'package com.shop.errors;\n\n@ResponseStatus(HttpStatus.NOT_FOUND)\npublic class OrderNotFound extends RuntimeException {}\n',
  });
  const h = hoverAt(ls, 'src/com/shop/web/OrderController.java', JAVA_CONTROLLER, 'OrderNotFound()');
  assert.ok(h);
  assert.match(h.value, /\*\*404 Not Found\*\*/);
  assert.match(h.value, /\*Set in another file\*: `OrderNotFound` answers 404 \(declared in `OrderNotFound\.java`\)\./);
  assert.equal(h.range, 'new OrderNotFound');
  // Outside the call, and on the throw the model could not resolve (Conflict is in no file), nothing.
  assert.equal(hoverAt(ls, 'src/com/shop/web/OrderController.java', JAVA_CONTROLLER, 'ResponseEntity.ok'), null);
  assert.equal(hoverAt(ls, 'src/com/shop/web/OrderController.java', JAVA_CONTROLLER, 'Conflict()'), null);
  // The editor's version must be the model's: offsets of another version would not agree.
  assert.equal(hoverAt(ls, 'src/com/shop/web/OrderController.java', JAVA_CONTROLLER, 'OrderNotFound()', 2), null);
});

test('Java: a name that two classes of the package could mean gets no card', async () => {
  const ls = await workspace({
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER,
    'src/com/shop/web/Conflict.java': 'package com.shop.web;\n\n@ResponseStatus(HttpStatus.CONFLICT)\nclass Conflict extends RuntimeException {}\n',
    'src/com/shop/legacy/Conflict.java': 'package com.shop.web;\n\n@ResponseStatus(HttpStatus.GONE)\nclass Conflict extends RuntimeException {}\n',
  });
  assert.equal(hoverAt(ls, 'src/com/shop/web/OrderController.java', JAVA_CONTROLLER, 'Conflict()'), null);
  // With one of them, the card says 409.
  const one = await workspace({
    'src/com/shop/web/OrderController.java': JAVA_CONTROLLER,
    'src/com/shop/web/Conflict.java': 'package com.shop.web;\n\n@ResponseStatus(HttpStatus.CONFLICT)\nclass Conflict extends RuntimeException {}\n',
  });
  assert.match(hoverAt(one, 'src/com/shop/web/OrderController.java', JAVA_CONTROLLER, 'Conflict()')?.value ?? '', /answers 409 \(declared in `Conflict\.java`\)/);
});

const TS_ROUTES = `import express from 'express';
import { UserNotFound } from '../common/errors';

const app = express();
app.get('/users/:id', (req, res) => {
  if (!req.params.id) throw new UserNotFound();
  res.status(200).json({});
});
`;

test('TypeScript: a class imported relatively whose constructor calls super(404) of a project HttpError base', async () => {
  const ls = await workspace({
    'src/routes/users.ts': TS_ROUTES,
    'src/common/errors.ts': `export class HttpError extends Error {
  status: number;
  constructor(status: number, message?: string) {
    super(message);
    this.status = status;
  }
}
export class UserNotFound extends HttpError {
  constructor() { super(404, 'no user'); }
}
`,
  });
  const h = hoverAt(ls, 'src/routes/users.ts', TS_ROUTES, 'UserNotFound()');
  assert.ok(h);
  assert.match(h.value, /\*\*404 Not Found\*\*/);
  assert.match(h.value, /\*Set in another file\*: `UserNotFound` answers 404 \(declared in `errors\.ts`\)\./);
  assert.equal(h.range, 'new UserNotFound');
});

const GO_HANDLERS = `package api

func Register() {
	r := gin.Default()
	r.GET("/users/:id", getUser)
}

func getUser(c *gin.Context) {
	respondError(c, 409, "taken")
}
`;

test('Go: a literal status passed to a helper of another file of the package gets the card on the number', async () => {
  const ls = await workspace({
    'api/handlers.go': GO_HANDLERS,
    'api/respond.go': 'package api\n\nfunc respondError(c *gin.Context, status int, msg string) {\n\tc.JSON(status, gin.H{"error": msg})\n}\n',
  });
  const h = hoverAt(ls, 'api/handlers.go', GO_HANDLERS, '409');
  assert.ok(h);
  assert.match(h.value, /\*\*409 Conflict\*\*/);
  assert.match(h.value, /\*Set in another file\*: `respondError` answers 409 \(declared in `respond\.go`\)\./);
  assert.equal(h.range, '409');
  // The file alone gives no card there: this is the hover the editor would otherwise lack.
  const doc = ls.workspace.codeDocument('file:///ws/api/handlers.go')!;
  assert.equal(ls.doHover(doc, doc.textDocument.positionAt(GO_HANDLERS.indexOf('409') + 1)), null);
});
