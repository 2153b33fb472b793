import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeForName, matchConstant } from '../../server/src/service/code/constants';
import { CONSTANT_FAMILIES } from '../../server/src/service/code/constants';
import { nearestCodes } from '../../server/src/service/code/validation';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { shippedCatalog } from '../helpers/service';
import { assertCard, codeService, completionLabels, diagnosticsOf, hoverText, snippet } from './code-harness';

// Small snippets with a `|` cursor, one behaviour each: the traps, the
// named constants, completion in an empty status position, bad input.

let ls: LanguageService;
before(async () => { ls = await codeService(); });

function hover(textWithCursor: string, languageId: string): string | null {
  const { doc, offset } = snippet(textWithCursor, languageId);
  return hoverText(ls, doc, offset);
}

test('the traps get no card in any language: setTimeout, comments, strings, indexes', () => {
  const traps: Array<[string, string]> = [
    ['app.get("/a", (req, res) => { setTimeout(retry, 5|00); });', 'javascript'],
    ['app.get("/a", (req, res) => { // answer 4|04 later\n});', 'javascript'],
    ['app.get("/a", (req, res) => { res.send("status 4|04"); });', 'javascript'],
    ['app.get("/a", (req, res) => { res.status(codes[4|04]); });', 'javascript'],
    ['const t = setTimeout(fn, 5|00);', 'typescript'],
    ['def f():\n    time.sleep(5|00)  # 404\n', 'python'],
    ['def f():\n    x = [1, 2][4|04]\n', 'python'],
    ['func f() { time.Sleep(5|00 * time.Millisecond) }', 'go'],
    ['class A { void f() { Thread.sleep(5|00); } }', 'java'],
    ['class A { void F() { Thread.Sleep(5|00); } }', 'csharp'],
    ['sleep 5|00', 'ruby'],
    ['<?php usleep(5|00);', 'php'],
    ['fun f() { Thread.sleep(5|00) }', 'kotlin'],
  ];
  for (const [text, lang] of traps) assert.equal(hover(text, lang), null, `${lang}: ${text}`);
});

test('named constants of every family map to their code', () => {
  const cases: Array<[string, string, number]> = [
    ['throw new HttpException("x", HttpStatus.NOT_F|OUND);', 'typescript', 404],
    ['res.sendStatus(StatusCodes.NOT_F|OUND);', 'javascript', 404],
    ['raise HTTPException(status_code=status.HTTP_404_NOT_F|OUND)', 'python', 404],
    ['return Response(status=HTTPStatus.NOT_F|OUND)', 'python', 404],
    ['func f(w http.ResponseWriter) { w.WriteHeader(http.StatusNotF|ound) }', 'go', 404],
    ['class A { IActionResult F() => StatusCode(StatusCodes.Status404NotF|ound); }', 'csharp', 404],
    ['class A { void f() { throw new ResponseStatusException(HttpStatus.NOT_F|OUND); } }', 'java', 404],
    ['render json: {}, status: :not_f|ound', 'ruby', 404],
    ['head :unprocessable_e|ntity', 'ruby', 422],
    ['<?php return response()->json([], Response::HTTP_NOT_F|OUND);', 'php', 404],
    ['class A { HttpStatusCode F() => HttpStatusCode.NotF|ound; }', 'csharp', 404],
  ];
  for (const [text, lang, code] of cases) assertCard(hover(text, lang), code, `${lang}: ${text}`);
  assert.equal(codeForName('PAYLOAD_TOO_LARGE'), 413);
  assert.equal(codeForName('StatusTeapot'.replace(/^Status/, '')), 418);
  assert.equal(matchConstant('http.StatusUnprocessableEntity', 'go')?.code, 422);
  assert.equal(matchConstant('status.HTTP_201_CREATED', 'python')?.code, 201);
  assert.equal(matchConstant('HttpStatus.NO_SUCH_THING', 'java'), undefined);
});

test('a Ruby symbol counts only in a status position', () => {
  assert.equal(hover('x = :o|k', 'ruby'), null);
  assertCard(hover('head :o|k', 'ruby'), 200, 'head :ok');
});

test('every family writes the constants it reads back, for every code it names', () => {
  for (const f of CONSTANT_FAMILIES) {
    for (const code of [200, 201, 204, 400, 404, 409, 413, 414, 416, 422, 500, 503]) {
      const written = f.write(code);
      assert.ok(written, `${f.id} writes ${code}`);
      assert.equal(matchConstant(written, f.dialects[0])?.code, code, `${f.id}: ${written}`);
    }
  }
  // Spellings checked against the libraries themselves.
  const byId = (id: string) => CONSTANT_FAMILIES.find((f) => f.id === id)!;
  assert.equal(byId('go-net-http').write(200), 'http.StatusOK');
  assert.equal(byId('go-net-http').write(422), 'http.StatusUnprocessableEntity');
  assert.equal(byId('aspnet-statuscodes').write(200), 'StatusCodes.Status200OK');
  assert.equal(byId('httpstatus-enum').write(413), 'HttpStatus.PAYLOAD_TOO_LARGE');
  assert.equal(byId('starlette-status').write(422), 'status.HTTP_422_UNPROCESSABLE_ENTITY');
  assert.equal(byId('rack-symbol').write(204), ':no_content');
  assert.equal(byId('symfony-response').write(404), 'Response::HTTP_NOT_FOUND');
});

test('hover on route declarations shows the method card', () => {
  assertCard(hover('router.de|lete("/a/:id", (req, res) => res.sendStatus(204));', 'javascript'), 'delete', 'router.delete');
  assertCard(hover('app.Map|Post("/todos", (Todo t) => Results.Created($"/todos/{t.Id}", t));', 'csharp'), 'post', 'MapPost');
  assertCard(hover('class V(APIView):\n    def pa|tch(self, request):\n        return Response(status=204)\n', 'python'), 'patch', 'class-based view');
  assert.equal(hover('const v = cache.g|et("key");', 'javascript'), null);
});

test('completion in an empty status position is ranked by the enclosing route', () => {
  const post = snippet('app.post("/items", (req, res) => { res.status(|) });', 'javascript');
  assert.deepEqual(completionLabels(ls, post.doc, post.offset)?.slice(0, 5), ['201', '202', '400', '409', '422']);
  // A slot that takes only an error offers the method's errors first (issue 16), never 200.
  const del = snippet('router.delete("/items/:id", async (ctx) => { ctx.throw(|) });', 'javascript');
  assert.deepEqual(completionLabels(ls, del.doc, del.offset)?.slice(0, 3), ['404', '409', '410']);
  const fastapi = snippet('@app.post("/items")\ndef create():\n    raise HTTPException(status_code=|)\n', 'python');
  assert.deepEqual(completionLabels(ls, fastapi.doc, fastapi.offset)?.slice(0, 2), ['400', '409']);
  const koa = snippet('router.post("/a", async (ctx) => { ctx.status = | });', 'javascript');
  assert.deepEqual(completionLabels(ls, koa.doc, koa.offset)?.slice(0, 2), ['201', '202']);
  const comment = snippet('router.post("/a", async (ctx) => {\n  // ctx.status = |\n});', 'javascript');
  assert.equal(completionLabels(ls, comment.doc, comment.offset), null);
  const none = snippet('setTimeout(retry, |)', 'javascript');
  assert.equal(completionLabels(ls, none.doc, none.offset), null);
  // Items carry the reason phrase and the guides that cover the code.
  const list = ls.doComplete(ls.prepare(post.doc), post.doc.positionAt(post.offset))!;
  const created = list.items.find((i) => i.label === '201')!;
  assert.match(created.detail!, /^201 Created — \d+ guides?: /);
  assert.match((created.documentation as { value: string }).value, /\*\*201 Created\*\*/);
  // The full card comes on resolve.
  const resolved = ls.doResolve(created);
  assert.match((resolved.documentation as { value: string }).value, /### .*\n[\s\S]*What the guides say[\s\S]*Open the topic page/);
});

test('the nearest valid codes: the class generic first, digit slips next', () => {
  assert.deepEqual(nearestCodes(2000), [200, 201, 202]);
  assert.deepEqual(nearestCodes(299).slice(0, 1), [200]);
  assert.deepEqual(nearestCodes(99), [100, 101, 102]);
  assert.deepEqual(nearestCodes(4040).slice(0, 1), [404]);
});

test('rule severities follow the settings, and "off" silences a rule', async () => {
  const text = 'app.post("/a", (req, res) => { res.status(200); res.status(2000); });';
  const quiet = await codeService({ ...ls.settings, rules: { 'code-create-201': 'off', 'code-status-invalid': 'warning' } });
  const diags = diagnosticsOf(quiet, TextDocument.create('file:///a.js', 'javascript', 1, text));
  assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['code-status-invalid', 2]]);
  const loud = diagnosticsOf(ls, TextDocument.create('file:///a.js', 'javascript', 1, text));
  assert.deepEqual(loud.map((d) => [d.code, d.severity]).sort(), [['code-create-201', 4], ['code-status-invalid', 1]]);
});

test('code-create-201 stays quiet on sign-in, on actions on an existing resource and in test files', () => {
  const fires = (text: string, languageId: string, uri = `file:///app/handlers.${languageId}`) =>
    diagnosticsOf(ls, TextDocument.create(uri, languageId, 1, text)).some((d) => d.code === 'code-create-201');
  // A creation answering 200 is still reported.
  assert.ok(fires('app.post("/articles", (req, res) => { res.status(200).json(a); });', 'javascript'));
  assert.ok(fires('func Create(c *gin.Context) { c.JSON(http.StatusOK, x) }\nfunc R(r *gin.RouterGroup) { r.POST("/articles", Create) }', 'go'));
  assert.ok(fires('class ArticleAPIView(APIView):\n    def post(self, request):\n        return Response(data, status=status.HTTP_200_OK)\n', 'python'));
  const quiet: Array<[string, string]> = [
    ['app.post("/users/login", (req, res) => { res.status(200).json(u); });', 'javascript'],
    ['router.post("/auth/token", (req, res) => { res.status(200).json(t); });', 'javascript'],
    ['app.post("/profiles/:username/follow", (req, res) => { res.status(200).json(p); });', 'javascript'],
    ['app.post("/articles/:slug/favorite", (req, res) => { res.status(200).json(a); });', 'javascript'],
    ['func ProfileFollow(c *gin.Context) { c.JSON(http.StatusOK, x) }\nfunc R(r *gin.RouterGroup) { r.POST("/:username/follow", ProfileFollow) }', 'go'],
    ['class LoginAPIView(APIView):\n    def post(self, request):\n        return Response(data, status=status.HTTP_200_OK)\n', 'python'],
  ];
  for (const [text, lang] of quiet) assert.ok(!fires(text, lang), `${lang}: ${text}`);
  // The same creation in a test file is a stub, not the API's design.
  for (const uri of ['file:///app/test/server.js', 'file:///app/src/articles.test.js', 'file:///app/__tests__/a.js']) {
    assert.ok(!fires('app.post("/articles", (req, res) => { res.status(200).json(a); });', 'javascript', uri), uri);
  }
  assert.ok(!fires('func Create(c *gin.Context) { c.JSON(http.StatusOK, x) }\nfunc R(r *gin.RouterGroup) { r.POST("/articles", Create) }', 'go', 'file:///app/common/unit_test.go'));
});

test('bad input never throws: half-typed code, binary junk, a huge file, no grammar', async () => {
  const halfTyped = ['app.post("/a", (req, res) => { res.status(', 'def f(:\n  abort(40', 'func (', '<?php Route::post(', 'render json:', 'class { [HttpPost'];
  const langs = ['javascript', 'python', 'go', 'php', 'ruby', 'csharp'];
  halfTyped.forEach((text, i) => {
    const doc = TextDocument.create('file:///half', langs[i], 1, text);
    for (let o = 0; o <= text.length; o++) {
      ls.doHover(ls.prepare(doc), doc.positionAt(o));
      ls.doComplete(ls.prepare(doc), doc.positionAt(o));
    }
    diagnosticsOf(ls, doc);
  });
  const junk = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 65535)).join('');
  for (const lang of ['javascript', 'python', 'kotlin']) {
    const doc = TextDocument.create('file:///junk', lang, 1, junk);
    diagnosticsOf(ls, doc);
    ls.doHover(ls.prepare(doc), doc.positionAt(100));
  }
  const huge = TextDocument.create('file:///huge.js', 'javascript', 1, 'res.status(2000);\n'.repeat(400_000));
  // Not parsed, and not silent either (issue 19): one diagnostic says why.
  assert.deepEqual(diagnosticsOf(ls, huge).map((d) => [d.code, d.severity, /not analysed.*over the 5 MB limit/.test(String(d.message))]), [['check-limit', 3, true]], 'texts over 5 MB are not parsed');
  // Without parsers (the grammar not loaded yet), code documents get nothing and nothing fails.
  const bare = getLanguageService({ catalog: shippedCatalog() });
  const doc = TextDocument.create('file:///a.js', 'javascript', 1, 'res.status(404)');
  assert.equal(bare.doHover(bare.prepare(doc), doc.positionAt(12)), null);
  assert.deepEqual(bare.doValidation(bare.prepare(doc)), []);
});

test('the card says where the status is set, as its own paragraph', () => {
  const card = hover('app.get("/a", (req, res) => { res.status(4|04).end(); });', 'javascript')!;
  assert.match(card, /\n\n\*Set here\* by Express: `res\.status\(…\)`\./);
  const constant = hover('func f(w http.ResponseWriter) { w.WriteHeader(http.StatusNotF|ound) }', 'go')!;
  assert.match(constant, /\*Set here\* by net\/http: `w\.WriteHeader\(…\)` — `http\.StatusNotFound` is 404 in Go's net\/http\./);
  const route = hover('app.po|st("/a", (req, res) => res.sendStatus(201));', 'javascript')!;
  assert.match(route, /\*Route declaration\* \(Express \/ Fastify \/ Koa \/ Hono\): this handler answers POST requests\./);
});
