import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import type { LanguageService } from '../../server/src/service/languageService';
import { codeService } from './code-harness';

// The quick fixes of the consistency findings in code, on tiny workspaces of
// a spec and a handler file: the text each adds to the spec (in the spec's
// style, and nothing else of the spec changed), and the finding gone once the
// edit is applied.

const LANG: Record<string, string> = { js: 'javascript', ts: 'typescript', py: 'python', java: 'java', cs: 'csharp', yaml: 'yaml', json: 'json' };
const uriOf = (name: string) => `file:///ws/${name}`;

/** A language service whose workspace model holds the given files (name → text). */
async function workspace(files: Record<string, string>): Promise<LanguageService> {
  const ls = await codeService();
  for (const [name, text] of Object.entries(files)) ls.updateWorkspace(ls.prepare(TextDocument.create(uriOf(name), LANG[name.split('.').pop()!], 1, text)));
  return ls;
}

interface Applied {
  title: string;
  /** The spec's text after the edit. */
  after: string;
  /** The text the edit inserted (the edits are all insertions at one place). */
  inserted: string;
  /** The rule's findings left in the code file once the spec has the edit (their text). */
  left: string[];
}

/**
 * The fixes offered for the findings of `rule` in the code file; each is
 * checked to insert text at one place of the spec and change nothing else.
 */
function fixesOf(ls: LanguageService, codeFile: string, rule: string): CodeAction[] {
  const code = ls.workspace.codeDocument(uriOf(codeFile))!;
  assert.ok(code, `${codeFile} is not in the model`);
  const found = ls.doConsistency(code).filter((d) => d.code === rule);
  assert.ok(found.length, `no ${rule} in ${codeFile}: ${ls.doConsistency(code).map((d) => d.code).join(', ')}`);
  return found.flatMap((d) => ls.doCodeActions(code, d.range, [d]).filter((a) => a.diagnostics?.[0] === d));
}

/**
 * Applies a fix to the spec, checks that the old text is all still there
 * byte for byte (the edit only adds), and reads the rule's findings again
 * once the model has the edited spec.
 */
function apply(ls: LanguageService, fix: CodeAction, specFile: string, spec: string, codeFile: string, rule: string): Applied {
  const uri = uriOf(specFile);
  assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri], 'the fix edits the spec and only the spec');
  const edits: TextEdit[] = fix.edit!.changes![uri];
  const doc = TextDocument.create(uri, LANG[specFile.split('.').pop()!], 1, spec);
  const after = TextDocument.applyEdits(doc, edits);
  // Nothing of the old text is lost or changed: it is the new text's common start and common end.
  let head = 0;
  while (head < spec.length && spec[head] === after[head]) head++;
  let tail = 0;
  while (tail < spec.length - head && spec[spec.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  assert.equal(head + tail, spec.length, `the edit changes the spec's own text near offset ${head}`);
  ls.updateWorkspace(ls.prepare(TextDocument.create(uri, doc.languageId, 2, after)));
  const code = ls.workspace.codeDocument(uriOf(codeFile))!;
  const left = ls.doConsistency(code).filter((d) => d.code === rule).map((d) => code.textDocument.getText(d.range));
  return { title: fix.title, after, inserted: edits.map((e) => e.newText).join(''), left };
}

/** The one fix offered for a rule's finding in the code file (of those whose title includes `which`), applied to the spec. */
function fixed(ls: LanguageService, rule: string, specFile: string, spec: string, codeFile = 'app.js', which = ''): Applied {
  const fixes = fixesOf(ls, codeFile, rule).filter((f) => f.title.includes(which));
  assert.equal(fixes.length, 1, fixes.map((f) => f.title).join('; '));
  return apply(ls, fixes[0], specFile, spec, codeFile, rule);
}

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
router.get('/users/:id/avatar', function getAvatar(req, res) {
  if (!req.params.id) return res.status(404).end();
  res.status(200).send(png);
});
app.use('/api', router);
`;

const SPEC = `openapi: 3.0.3
info:
  title: Users
  version: '1'
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
  /users:
    post:
      responses:
        '201':
          description: Created
`;

test('a route with no operation: the operation is added at the end of unsorted paths, base path taken off, parameter and statuses from the code', async () => {
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': EXPRESS });
  const r = fixed(ls, 'code-route-undocumented', 'openapi.yaml', SPEC);
  assert.equal(r.title, 'Add the operation GET /users/{id}/avatar to openapi.yaml');
  assert.equal(r.inserted, `
  /users/{id}/avatar:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: OK
        '404':
          description: Not Found`);
  assert.deepEqual(r.left, [], 'the finding is gone');
});

test('4-space YAML with bare status keys and sorted paths: the path item goes in its sorted place, errors take the spec\'s error body, operationId from the handler', async () => {
  const spec = `swagger: '2.0'
info:
    title: Users
    version: '1'
basePath: /api
paths:
    # Users
    /users:
        post:
            operationId: createUser
            responses:
                201:
                    description: Created
                409:
                    description: Taken
                    schema:
                        $ref: '#/definitions/Error'
    # One user
    /users/{id}:
        get:
            operationId: getUser
            responses:
                200:
                    description: OK
                404:
                    description: Not Found
                    schema:
                        $ref: '#/definitions/Error'
    # Zebras
    /zebras:
        get:
            operationId: listZebras
            responses:
                200:
                    description: OK
definitions:
    Error:
        type: object
`;
  const ls = await workspace({ 'swagger.yaml': spec, 'app.js': EXPRESS.replace("res.status(200).send(png);", "if (!png) return res.status(410).end();\n  res.status(200).send(png);") });
  const r = fixed(ls, 'code-route-undocumented', 'swagger.yaml', spec);
  assert.equal(r.title, "Add the operation GET /users/{id}/avatar to swagger.yaml (with the spec's error shape: Error)");
  assert.equal(r.inserted, `    /users/{id}/avatar:
        get:
            operationId: getAvatar
            parameters:
                - name: id
                  in: path
                  required: true
                  type: string
            responses:
                200:
                    description: OK
                404:
                    description: Not Found
                    schema:
                        $ref: '#/definitions/Error'
                410:
                    description: Gone
                    schema:
                        $ref: '#/definitions/Error'
`);
  // Between its siblings, above the comment that belongs to the next one.
  assert.ok(r.after.includes(`$ref: '#/definitions/Error'\n    /users/{id}/avatar:\n`));
  assert.ok(r.after.includes(`$ref: '#/definitions/Error'\n    # Zebras\n    /zebras:\n`));
  assert.deepEqual(r.left, []);
});


test('JSON, Swagger 2 with basePath, 2-space indent, sorted paths: the path item is written in its sorted place in JSON', async () => {
  const spec = JSON.stringify({
    swagger: '2.0', info: { title: 'Users', version: '1' }, basePath: '/api',
    paths: {
      '/users': { post: { responses: { 201: { description: 'Created' }, 400: { description: 'Bad', schema: { $ref: '#/definitions/Problem' } } } } },
      '/users/{id}': { get: { responses: { 200: { description: 'OK' }, 404: { description: 'Missing', schema: { $ref: '#/definitions/Problem' } } } } },
      '/zebras': { get: { responses: { 200: { description: 'OK' } } } },
    },
    definitions: { Problem: { type: 'object' } },
  }, null, 2) + '\n';
  const ls = await workspace({ 'swagger.json': spec, 'app.js': EXPRESS });
  const r = fixed(ls, 'code-route-undocumented', 'swagger.json', spec);
  assert.equal(r.title, "Add the operation GET /users/{id}/avatar to swagger.json (with the spec's error shape: Problem)");
  assert.equal(r.inserted, `"/users/{id}/avatar": {
      "get": {
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "type": "string"
          }
        ],
        "responses": {
          "200": {
            "description": "OK"
          },
          "404": {
            "description": "Not Found",
            "schema": {
              "$ref": "#/definitions/Problem"
            }
          }
        }
      }
    },
    `);
  const paths = JSON.parse(r.after).paths;
  assert.deepEqual(Object.keys(paths), ['/users', '/users/{id}', '/users/{id}/avatar', '/zebras']);
  assert.deepEqual(r.left, []);
});

const FLASK = `from flask import Flask, abort, jsonify
app = Flask(__name__)

@app.route('/api/users/<int:user_id>')
def get_user(user_id):
    return jsonify({}), 200

@app.route('/api/users/<int:user_id>/avatar')
def get_avatar(user_id):
    abort(404)
    return png, 200
`;

test('JSON with tabs, OpenAPI 3, servers base: appended to unsorted paths; <int:id> gives an integer; operationId from the handler, unique', async () => {
  const spec = JSON.stringify({
    openapi: '3.1.0', info: { title: 'Users', version: '1' }, servers: [{ url: 'https://example.com/api' }],
    paths: {
      '/users/{userId}': { get: { operationId: 'get_user', responses: { 200: { description: 'OK' } } } },
      '/users': { post: { operationId: 'get_avatar', responses: { 201: { description: 'Created' } } } },
    },
  }, null, '\t');
  const ls = await workspace({ 'openapi.json': spec, 'app.py': FLASK });
  const r = fixed(ls, 'code-route-undocumented', 'openapi.json', spec, 'app.py');
  assert.equal(r.title, 'Add the operation GET /users/{user_id}/avatar to openapi.json');
  const added = JSON.parse(r.after).paths['/users/{user_id}/avatar'];
  assert.deepEqual(added, {
    get: {
      operationId: 'get_avatar_2',
      parameters: [{ name: 'user_id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: { 200: { description: 'OK' }, 404: { description: 'Not Found' } },
    },
  });
  assert.deepEqual(Object.keys(JSON.parse(r.after).paths), ['/users/{userId}', '/users', '/users/{user_id}/avatar']);
  assert.ok(r.after.includes('\t\t},\n\t\t"/users/{user_id}/avatar": {\n\t\t\t"get": {\n\t\t\t\t"operationId": "get_avatar_2",\n'), r.after);
  assert.deepEqual(r.left, []);
});

test('double-quoted status keys stay double-quoted; a path item that exists gets the method, with its own parameter names', async () => {
  const spec = `openapi: 3.0.3
info:
  title: Users
  version: "1"
servers:
  - url: /api
paths:
  /users/{userId}/avatar:
    parameters:
      - name: userId
        in: path
        required: true
        schema:
          type: string
    put:
      responses:
        "204":
          description: No Content
  /users/{id}:
    get:
      responses:
        "200":
          description: OK
`;
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS.replace("router.post('/users'", "router.post('/elsewhere'") });
  const r = fixed(ls, 'code-route-undocumented', 'openapi.yaml', spec, 'app.js', 'avatar');
  assert.equal(r.title, 'Add the operation GET /users/{userId}/avatar to openapi.yaml');
  assert.equal(r.inserted, `
    get:
      responses:
        "200":
          description: OK
        "404":
          description: Not Found`);
  assert.ok(r.after.includes('          description: No Content\n    get:\n'));
  assert.deepEqual(r.left, ['router.post'], 'only the other route is left');
});

test('an anonymous handler gets an operationId from method and path when every other operation has one', async () => {
  const spec = SPEC.replace('    get:\n', '    get:\n      operationId: getUser\n').replace('    post:\n', '    post:\n      operationId: createUser\n');
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS.replace('function getAvatar(req, res)', '(req, res) =>') });
  const r = fixed(ls, 'code-route-undocumented', 'openapi.yaml', spec);
  assert.match(r.inserted, /^\n {2}\/users\/\{id\}\/avatar:\n {4}get:\n {6}operationId: getUsersAvatar\n {6}parameters:\n/);
});

test('no fix where the spec path cannot be told: the file\'s routes map onto the spec in two ways', async () => {
  // GET /users/{id} is served under the base (/api), POST /users at the root: which one the new route follows is a guess.
  const spec = SPEC.replace('  /users:\n', '  /api/users:\n');
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS });
  assert.deepEqual(fixesOf(ls, 'app.js', 'code-route-undocumented'), []);
});

const ERRORS_SHARED = `openapi: 3.0.3
info:
  title: Users
  version: '1'
servers:
  - url: https://example.com/api
paths:
  /users/{id}:
    get:
      responses:
        '200':
          description: OK
        '404':
          $ref: '#/components/responses/Error'
  /users:
    post:
      responses:
        '201':
          description: Created
        '400':
          $ref: '#/components/responses/Error'
components:
  responses:
    Error:
      description: An error
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Error'
  schemas:
    Error:
      type: object
`;

test('an undocumented error status takes the shared error response the spec uses for errors of several statuses; the component is not edited', async () => {
  const ls = await workspace({ 'openapi.yaml': ERRORS_SHARED, 'app.js': EXPRESS });
  const r = fixed(ls, 'code-status-undocumented', 'openapi.yaml', ERRORS_SHARED);
  assert.equal(r.title, "Document 409 for POST /users in openapi.yaml (with the spec's error shape: Error)");
  assert.equal(r.inserted, "\n        '409':\n          $ref: '#/components/responses/Error'");
  // Inserted in POST /users, above the components.
  assert.ok(r.after.indexOf(r.inserted) < r.after.indexOf('components:'));
  assert.deepEqual(r.left, []);
});

test('an undocumented error status copies the error body most error responses share (3.x content with a schema $ref)', async () => {
  const spec = `openapi: 3.0.3
info: { title: Users, version: '1' }
servers: [{ url: /api }]
paths:
  /users/{id}:
    get:
      responses:
        '200': { description: OK }
        '404':
          description: No such user
          content:
            application/problem+json:
              schema: { $ref: '#/components/schemas/Problem' }
              example: { title: No such user }
  /users:
    post:
      responses:
        '201': { description: Created }
        '400':
          description: Invalid
          content:
            application/problem+json:
              schema: { $ref: '#/components/schemas/Problem' }
components:
  schemas:
    Problem: { type: object }
`;
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS });
  const r = fixed(ls, 'code-status-undocumented', 'openapi.yaml', spec);
  // The example belongs to the 404: only the schema is copied.
  assert.equal(r.inserted, "\n        '409':\n          description: Conflict\n          content:\n            application/problem+json:\n              schema:\n                $ref: '#/components/schemas/Problem'");
  assert.deepEqual(r.left, []);
});

test('no error shape where the spec is not consistent about one: a description only', async () => {
  // One error response of three has a body: no clear majority.
  const spec = ERRORS_SHARED.replace("        '404':\n          $ref: '#/components/responses/Error'\n", "        '404':\n          description: Not Found\n        '410':\n          description: Gone\n");
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS });
  const r = fixed(ls, 'code-status-undocumented', 'openapi.yaml', spec);
  assert.equal(r.title, 'Document 409 for POST /users in openapi.yaml');
  assert.equal(r.inserted, "\n        '409':\n          description: Conflict");
  // A shape the spec uses for one status only (a response, or its body, under every 404) is that status's own, not its error shape.
  const notFound = ERRORS_SHARED.replace("        '400':\n          $ref: '#/components/responses/Error'\n", "        '400':\n          description: Bad\n");
  const only404 = notFound.replace("  /users:\n", "  /users/{id}/friends:\n    get:\n      responses:\n        '404':\n          $ref: '#/components/responses/Error'\n  /users:\n");
  const ls2 = await workspace({ 'openapi.yaml': only404, 'app.js': EXPRESS });
  assert.equal(fixed(ls2, 'code-status-undocumented', 'openapi.yaml', only404).inserted, "\n        '409':\n          description: Conflict");
});


test('a status the spec answers with its own shared response gets that response; path parameters the spec declares through one shared parameter use it', async () => {
  const spec = `openapi: 3.0.3
info: { title: Users, version: '1' }
servers: [{ url: /api }]
paths:
  /users/{id}:
    get:
      parameters:
        - $ref: '#/components/parameters/UserId'
      responses:
        '200': { description: OK }
        '404': { $ref: '#/components/responses/Missing' }
  /users/{id}/friends:
    get:
      parameters:
        - $ref: '#/components/parameters/UserId'
      responses:
        '200': { description: OK }
        '404': { $ref: '#/components/responses/Missing' }
  /users:
    post:
      responses:
        '201': { description: Created }
        '400': { description: Bad }
components:
  parameters:
    UserId: { name: id, in: path, required: true, schema: { type: integer } }
  responses:
    Missing: { description: No such user }
`;
  const ls = await workspace({ 'openapi.yaml': spec, 'app.js': EXPRESS });
  const r = fixed(ls, 'code-route-undocumented', 'openapi.yaml', spec);
  assert.equal(r.title, "Add the operation GET /users/{id}/avatar to openapi.yaml (with the spec's error shape: Missing)");
  assert.equal(r.inserted, `
  /users/{id}/avatar:
    get:
      parameters:
        - $ref: '#/components/parameters/UserId'
      responses:
        '200':
          description: OK
        '404':
          $ref: '#/components/responses/Missing'`);
  assert.deepEqual(r.left, []);
});

test('a path parameter the code does not type is typed as the spec types every parameter of that name; where the spec disagrees with itself, a string', async () => {
  const spec = (second: string) => `swagger: '2.0'
info: { title: Users, version: '1' }
basePath: /api
paths:
  /users/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, type: integer, format: int64, description: The user }
      responses:
        '200': { description: OK }
  /users:
    post:
      responses:
        '201': { description: Created }
  /users/{id}/friends:
    get:
      parameters:
        - { name: id, in: path, required: true, ${second} }
      responses:
        '200': { description: OK }
`;
  const agrees = spec('type: integer, format: int64');
  const ls = await workspace({ 'swagger.yaml': agrees, 'app.js': EXPRESS });
  assert.match(fixed(ls, 'code-route-undocumented', 'swagger.yaml', agrees).inserted, /\n {8}- name: id\n {10}in: path\n {10}required: true\n {10}type: integer\n {10}format: int64\n {6}responses:/);
  const differs = spec('type: string');
  const ls2 = await workspace({ 'swagger.yaml': differs, 'app.js': EXPRESS });
  assert.match(fixed(ls2, 'code-route-undocumented', 'swagger.yaml', differs).inserted, /\n {10}required: true\n {10}type: string\n {6}responses:/);
});

test('paths set apart by blank lines: the new path item is set apart too, in its sorted place or at the end', async () => {
  const spec = (last: string) => `openapi: 3.0.3
info:
  title: Users
  version: '1'
servers:
  - url: /api
paths:
  /users:
    post:
      responses:
        '201':
          description: Created

  /users/{id}:
    get:
      responses:
        '200':
          description: OK
${last}
components: {}
`;
  const sorted = spec("\n  # Zebras\n  /zebras:\n    get:\n      responses:\n        '200':\n          description: OK\n");
  const ls = await workspace({ 'openapi.yaml': sorted, 'app.js': EXPRESS });
  const added = "  /users/{id}/avatar:\n    get:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: OK\n        '404':\n          description: Not Found\n";
  assert.equal(fixed(ls, 'code-route-undocumented', 'openapi.yaml', sorted).after, sorted.replace('  # Zebras\n', `${added}\n  # Zebras\n`));
  const unsorted = spec('').replace('  /users:\n    post:', '  /users:\n    post:').replace(/ {2}\/users:\n([\s\S]*?)\n\n( {2}\/users\/\{id\}:\n[\s\S]*?description: OK\n)/, '$2\n  /users:\n$1\n');
  const ls2 = await workspace({ 'openapi.yaml': unsorted, 'app.js': EXPRESS });
  const r = fixed(ls2, 'code-route-undocumented', 'openapi.yaml', unsorted);
  assert.ok(r.after.includes(`          description: Created\n\n${added}\ncomponents: {}\n`), r.after);
});

test('a controller mounted under a prefix set elsewhere: the spec\'s prefix of its other routes is put in front; NestJS\'s default status and thrown exception', async () => {
  const spec = `openapi: 3.0.3
info: { title: Users, version: '1' }
paths:
  /api/v1/users/{userId}:
    get:
      parameters:
        - { name: userId, in: path, required: true, schema: { type: string, format: uuid } }
      responses:
        '200': { description: OK }
  /api/v1/users:
    post:
      responses:
        '201': { description: Created }
`;
  const code = `import { Controller, Get, NotFoundException, Param, Post, Body } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Get(':userId')
  findOne(@Param('userId') id: string) { return this.users.find(id); }

  @Post()
  create(@Body() dto: CreateUserDto) { return this.users.create(dto); }

  @Get(':userId/avatar')
  avatar(@Param('userId') id: string) { throw new NotFoundException(); }
}
`;
  const ls = await workspace({ 'openapi.yaml': spec, 'users.controller.ts': code });
  const r = fixed(ls, 'code-route-undocumented', 'openapi.yaml', spec, 'users.controller.ts');
  assert.equal(r.title, 'Add the operation GET /api/v1/users/{userId}/avatar to openapi.yaml');
  assert.equal(r.inserted, `
  /api/v1/users/{userId}/avatar:
    get:
      parameters:
        - name: userId
          in: path
          required: true
          schema:
            type: string
            format: uuid
      responses:
        '200':
          description: OK
        '404':
          description: Not Found`);
  assert.deepEqual(r.left, []);
});

test('Express answers 200 to a body written without a status: the new operation has it; not where a status is set from a variable, and no fix without any status', async () => {
  const plain = EXPRESS.replace("router.get('/users/:id/avatar', function getAvatar(req, res) {\n  if (!req.params.id) return res.status(404).end();\n  res.status(200).send(png);\n});",
    "router.get('/users/:id/avatar', (req, res) => {\n  const png = avatars.get(req.params.id);\n  return png ? res.send(png) : res.status(404).end();\n});");
  const ls = await workspace({ 'openapi.yaml': SPEC, 'app.js': plain });
  const r = fixed(ls, 'code-route-undocumented', 'openapi.yaml', SPEC);
  assert.match(r.inserted, /\n {6}responses:\n {8}'200':\n {10}description: OK\n {8}'404':\n {10}description: Not Found$/);
  assert.deepEqual(r.left, []);
  const variable = plain.replace('res.status(404).end()', 'res.status(code).end()');
  const ls2 = await workspace({ 'openapi.yaml': SPEC, 'app.js': variable });
  assert.deepEqual(fixesOf(ls2, 'app.js', 'code-route-undocumented').map((f) => f.title), []);
});
